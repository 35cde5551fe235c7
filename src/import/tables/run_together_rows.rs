//! Rows of table 三 whose figures ran together and that their own row total
//! does not settle (see [`digit_runs`]): read together against the table's
//! other printed totals — the result rows add up to （七）总计 in every
//! column, and 一 + 二 = （七） + 四. Filled only when exactly one choice of
//! readings satisfies every total that can be checked; otherwise each row
//! is said as run together.

use super::super::Sink;
use super::super::cells::Cell;
use super::super::lines::Piece;
use super::digit_runs;
use super::entries::figure_cell;
use super::joined_row;
use super::values::count_row;
use crate::diag::{Diagnostic, codes};
use crate::model::official::{self, T3Role, T3Row};
use crate::model::{CountRow, Table3, path};
use crate::slice::Slice;

/// Readings kept per row.
const PER_ROW: usize = 24;

/// Choices of readings tried in all.
const MAX_CHOICES: usize = 20_000;

/// A row whose figures ran together: its index and the run.
pub(super) struct Pending {
    /// The row's index among the edition's rows.
    pub(super) row: usize,
    /// The cell holding the run of digits.
    pub(super) run: Cell,
    /// The row's label as printed.
    pub(super) label: Piece,
}

/// Reads the pending rows into `table` when the table's totals admit one
/// choice of readings; else says each is run together.
pub(super) fn resolve(sink: &mut Sink, table: &mut Table3, defs: &[T3Row], pending: Vec<Pending>) {
    if pending.is_empty() {
        return;
    }
    let width = official::T3_COLUMNS.len();
    let choice = readings_of(&pending).and_then(|cands| {
        let known: Vec<Option<Vec<Option<u64>>>> = table.rows.iter().map(values).collect();
        let mut s = Search {
            defs,
            pending: &pending,
            cands: &cands,
            known,
            picked: Vec::new(),
            found: Vec::new(),
            count: 0,
        };
        s.go();
        (s.count == 1).then_some(s.found)
    });
    let Some(choice) = choice else {
        for p in &pending {
            sink.set_path(Some(path::table3_row(&defs[p.row])));
            joined_row(
                sink,
                &format!("表三“{}”", defs[p.row].full_label()),
                &p.run,
                width,
            );
        }
        sink.set_path(None);
        return;
    };
    for (p, ranges) in pending.iter().zip(choice) {
        let def = &defs[p.row];
        sink.set_path(Some(path::table3_row(def)));
        let cells: Vec<Cell> = ranges
            .iter()
            .map(|&(a, b)| figure_cell(&p.run, a, b))
            .collect();
        sink.push(
            Diagnostic::info(
                codes::IMPORT_VALUE,
                format!(
                    "表三“{}”的数字连在一起（“{}”），按本行合计和全表的合计只有一种拆法，已按此读入",
                    def.full_label(),
                    p.run.piece.text
                ),
            ),
            &p.run.piece,
        );
        let names: Vec<&str> = official::T3_COLUMNS.to_vec();
        let what = format!("表三“{}”", def.full_label());
        table.rows[p.row] = count_row(sink, &p.label, &cells, &names, &what).row;
    }
    sink.set_path(None);
}

/// The readings of every pending row, when each has a few and their
/// choices are not too many.
fn readings_of(pending: &[Pending]) -> Option<Vec<Vec<Vec<u64>>>> {
    let mut out = Vec::with_capacity(pending.len());
    let mut choices: usize = 1;
    for p in pending {
        let text = &p.run.piece.text;
        let all = digit_runs::readings(text, PER_ROW)?;
        if all.is_empty() {
            return None;
        }
        choices = choices.saturating_mul(all.len());
        if choices > MAX_CHOICES {
            return None;
        }
        let values = all
            .iter()
            .map(|r| {
                r.iter()
                    .map(|&(a, b)| text.slice(a, b).parse().unwrap_or(0))
                    .collect()
            })
            .collect();
        out.push(values);
    }
    Some(out)
}

/// A row's seven figures (six cells and the printed total), when present.
fn values(row: &CountRow) -> Option<Vec<Option<u64>>> {
    row.present.then(|| {
        row.cells
            .iter()
            .chain(std::iter::once(&row.printed_total))
            .map(|c| c.as_ref().map(|c| c.value))
            .collect()
    })
}

/// The search over the pending rows' readings.
struct Search<'a> {
    defs: &'a [T3Row],
    pending: &'a [Pending],
    cands: &'a [Vec<Vec<u64>>],
    /// Every row's figures as read (the pending rows' replaced in turn).
    known: Vec<Option<Vec<Option<u64>>>>,
    picked: Vec<usize>,
    /// The readings of the first choice that fits (as byte ranges).
    found: Vec<Vec<(usize, usize)>>,
    count: usize,
}

impl Search<'_> {
    fn go(&mut self) {
        if self.count >= 2 {
            return;
        }
        let k = self.picked.len();
        if k == self.pending.len() {
            if self.fits() {
                self.count += 1;
                if self.count == 1 {
                    self.found = self.ranges();
                }
            }
            return;
        }
        for c in 0..self.cands[k].len() {
            let row = self.pending[k].row;
            self.known[row] = Some(self.cands[k][c].iter().map(|&v| Some(v)).collect());
            self.picked.push(c);
            self.go();
            self.picked.pop();
        }
    }

    /// The byte ranges of the picked readings.
    fn ranges(&self) -> Vec<Vec<(usize, usize)>> {
        self.pending
            .iter()
            .zip(&self.picked)
            .map(|(p, &c)| {
                let text = &p.run.piece.text;
                let all = digit_runs::readings(text, PER_ROW).unwrap_or_default();
                all.get(c).cloned().unwrap_or_default()
            })
            .collect()
    }

    /// Whether the figures satisfy every total that can be checked (all
    /// its figures present), and at least one such total involves each
    /// pending row.
    fn fits(&self) -> bool {
        let of = |role: T3Role| -> Vec<usize> {
            (0..self.defs.len())
                .filter(|&i| self.defs[i].role == role)
                .collect()
        };
        let results = of(T3Role::Result);
        let total = of(T3Role::ResultTotal);
        let (received, carried_in, carried_out) = (
            of(T3Role::Received),
            of(T3Role::CarriedIn),
            of(T3Role::CarriedOut),
        );
        let mut involved = vec![false; self.defs.len()];
        for col in 0..official::T3_COLUMNS.len() {
            let at = |i: usize| self.known[i].as_ref().and_then(|v| v[col]);
            let sum = |rows: &[usize]| -> Option<u64> {
                rows.iter()
                    .try_fold(0u64, |acc, &i| acc.checked_add(at(i)?))
            };
            // The result rows add up to the total.
            if let (Some(a), Some(b)) = (sum(&results), sum(&total)) {
                if a != b {
                    return false;
                }
                for &i in results.iter().chain(&total) {
                    involved[i] = true;
                }
            }
            // 一 + 二 = （七） + 四.
            let (r, ci, t, co) = (
                sum(&received),
                sum(&carried_in),
                sum(&total),
                sum(&carried_out),
            );
            if let (Some(r), Some(ci), Some(t), Some(co)) = (r, ci, t, co) {
                if r + ci != t + co {
                    return false;
                }
                for &i in received
                    .iter()
                    .chain(&carried_in)
                    .chain(&total)
                    .chain(&carried_out)
                {
                    involved[i] = true;
                }
            }
        }
        self.pending.iter().all(|p| involved[p.row])
    }
}
