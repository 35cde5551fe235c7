//! Section 二 (主动公开): the rows of the official table by label, the labels
//! of the other edition accepted too, amounts converted from 元 when a
//! header says so.

use super::super::Sink;
use super::super::cells::{Cell, Kind, Tok};
use super::super::lines::Piece;
use super::super::norm;
use super::entries::{Entry, Slots, entries, join_split_labels, take_slots};
use super::values::{blanks, number};
use super::{known_headers, missing_rows, too_few_cells, unplaced, unreadable_row};
use crate::model::official::{self, NumberKind, T2Group, T2Row};
use crate::model::report::T2Value;
use crate::model::{Edition, Located, Table2, path};
use crate::source::Span;

/// The groups of section 二 in an edition, and in the other edition (whose
/// labels are accepted for the same rows).
struct Groups {
    /// The edition's groups.
    own: &'static [T2Group],
    /// The other edition's groups.
    other: &'static [T2Group],
}

impl Groups {
    fn new(edition: Edition) -> Groups {
        Groups {
            own: official::t2_groups(edition),
            other: official::t2_groups(match edition {
                Edition::E2019 => Edition::E2021,
                Edition::E2021 => Edition::E2019,
            }),
        }
    }

    /// Every row label core of both editions, for joining labels cut in two.
    fn candidates(&self) -> Vec<String> {
        self.own
            .iter()
            .chain(self.other.iter())
            .flat_map(|g| g.rows.iter().map(|r| norm::core(r.label)))
            .collect()
    }

    /// The row (group index, row index) whose label `core` matches best.
    fn best(&self, core: &str) -> Option<(usize, usize)> {
        let mut best: Option<(usize, (usize, usize))> = None;
        for (gi, g) in self.own.iter().enumerate() {
            for (ri, r) in g.rows.iter().enumerate() {
                let mut cands = vec![norm::core(r.label)];
                if let Some(alt) = self.other.get(gi).and_then(|og| og.rows.get(ri)) {
                    cands.push(norm::core(alt.label));
                }
                for c in cands {
                    if let Some(s) = norm::label_score(core, &c)
                        && best.is_none_or(|(b, _)| s > b)
                    {
                        best = Some((s, (gi, ri)));
                    }
                }
            }
        }
        best.map(|(_, at)| at)
    }
}

/// Whether a header says that amounts are in 元 (not 万元).
fn says_yuan(canon: &str) -> bool {
    (canon.contains("(元)") || canon.contains("单位:元") || canon.contains("(单位:元)"))
        && !canon.contains("万元")
}

/// Maps section 二.
pub fn table2(sink: &mut Sink, toks: &[Tok], edition: Edition, heading: &Piece) -> Table2 {
    let groups = Groups::new(edition);
    let headers = known_headers();
    let mut table = Table2::empty(edition);
    let mut found: Vec<Vec<bool>> = groups
        .own
        .iter()
        .map(|g| vec![false; g.rows.len()])
        .collect();
    let all = join_split_labels(entries(toks), &groups.candidates());
    let mut yuan = false;
    let mut last_row: Option<((usize, usize), bool)> = None;
    for e in &all {
        let Some(label) = &e.label else {
            unplaced(sink, e, &headers, "表二");
            continue;
        };
        yuan |= says_yuan(&norm::canon(&label.piece.text));
        let target = match (groups.best(&norm::core(&label.piece.text)), last_row) {
            (Some(at), _) => Some(at),
            (None, Some((at, false))) => Some(at),
            _ => None,
        };
        let Some((gi, ri)) = target else {
            sink.set_path(None);
            unplaced(sink, e, &headers, "表二");
            last_row = None;
            continue;
        };
        if e.is_bare() {
            last_row = Some(((gi, ri), false));
            continue;
        }
        last_row = Some(((gi, ri), true));
        let row = &groups.own[gi].rows[ri];
        sink.set_path(Some(path::table2(row.key, None)));
        let slots = take_slots(e, row.cells.len());
        if slots.cells.len() < row.cells.len() && !e.has_numbers() {
            continue;
        }
        if found[gi][ri] {
            unplaced(sink, e, &headers, "表二（重复的行）");
            continue;
        }
        found[gi][ri] = true;
        let row_cells = read_row(sink, label, &groups.own[gi], row, slots, &headers, yuan);
        if let Some(cells) = row_cells {
            table.cells[gi][ri] = cells;
        }
    }
    sink.set_path(None);
    let mut missing: Vec<(String, String)> = Vec::new();
    for (g, f) in groups.own.iter().zip(&found) {
        for (r, _) in g.rows.iter().zip(f).filter(|(_, f)| !**f) {
            missing.push((path::table2(r.key, None), r.label.to_string()));
        }
    }
    missing_rows(sink, "表二", &missing, heading);
    table
}

/// Reads the cells of `row` (of `group`) from its value slots; None when the
/// row cannot be read (reported). `yuan`: a header said amounts are in 元.
fn read_row(
    sink: &mut Sink,
    label: &Cell,
    group: &T2Group,
    row: &T2Row,
    slots: Slots,
    headers: &[String],
    yuan: bool,
) -> Option<Vec<Option<T2Value>>> {
    let what = format!("表二“{}”", row.label);
    if unreadable_row(sink, &what, &slots, row.cells.len(), &label.piece) {
        return None;
    }
    let Slots {
        cells: slots, rest, ..
    } = slots;
    // A cell's name: its key, else its column header, else the row label.
    let names: Vec<String> = row
        .cells
        .iter()
        .enumerate()
        .map(|(ci, c)| {
            c.key.map(str::to_string).unwrap_or_else(|| {
                group
                    .headers
                    .get(ci)
                    .map_or(row.label.to_string(), |h| h.label.to_string())
            })
        })
        .collect();
    if slots.len() < row.cells.len() {
        sink.push(too_few_cells(&what, slots.len(), &names), &label.piece);
        return None;
    }
    if !rest.is_empty() {
        let extra = Entry {
            label: Some(label.clone()),
            segments: vec![rest],
        };
        unplaced(sink, &extra, headers, "表二（多出的数字）");
    }
    let mut out: Vec<Option<T2Value>> = vec![None; row.cells.len()];
    let mut blank_names = Vec::new();
    let mut na = false;
    for (ci, (def, c)) in row.cells.iter().zip(&slots).enumerate() {
        let what = format!("表二“{}”的“{}”", row.label, names[ci]);
        match &c.kind {
            Kind::Value(v) => {
                // Notes are kept for every cell; the data format allows them
                // on any single number of section 二.
                let yuan = def.kind == NumberKind::Amount && yuan;
                if let Some(n) = number(sink, c, v, def.kind, yuan, &what) {
                    out[ci] = Some(T2Value {
                        number: Located::new(n, Span::default()),
                        note: v.note.clone(),
                    });
                }
            }
            Kind::Empty | Kind::NotApplicable => {
                na |= c.kind == Kind::NotApplicable;
                blank_names.push(names[ci].clone());
            }
            Kind::Label => {}
        }
    }
    blanks(sink, &label.piece, &blank_names, na);
    Some(out)
}
