//! The rows of a table section: the cell stream cut into entries (a label
//! and the cells after it), labels cut in two joined again, and a row's
//! value slots taken against the width it must have.

use super::super::cells::{Cell, Kind, Tok, Unit, classify};
use super::super::lines::Piece;
use super::super::norm;
use super::digit_runs::{self, Split};
use crate::slice::Slice;

/// A run of the stream: a label cell and the value cells after it, split into
/// segments at row breaks.
#[derive(Debug, Clone)]
pub(super) struct Entry {
    /// The label cell, None for cells before the first label.
    pub(super) label: Option<Cell>,
    /// The value cells, split at row breaks.
    pub(super) segments: Vec<Vec<Cell>>,
}

impl Entry {
    /// Every value cell.
    pub(super) fn cells(&self) -> impl Iterator<Item = &Cell> {
        self.segments.iter().flatten()
    }

    /// Whether any cell holds a number.
    pub(super) fn has_numbers(&self) -> bool {
        self.cells().any(|c| matches!(c.kind, Kind::Value(_)))
    }

    /// Whether the label has no cells after it.
    pub(super) fn is_bare(&self) -> bool {
        self.cells().next().is_none()
    }
}

/// Cuts the cell stream into entries.
pub(super) fn entries(toks: &[Tok]) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::new();
    for t in toks {
        match t {
            Tok::Cell(c) if c.kind == Kind::Label => out.push(Entry {
                label: Some(c.clone()),
                segments: vec![Vec::new()],
            }),
            Tok::Cell(c) => {
                if out.is_empty() {
                    out.push(Entry {
                        label: None,
                        segments: vec![Vec::new()],
                    });
                }
                if let Some(seg) = out.last_mut().and_then(|e| e.segments.last_mut()) {
                    seg.push(c.clone());
                }
            }
            Tok::Break => {
                if let Some(e) = out.last_mut()
                    && e.segments.last().is_some_and(|s| !s.is_empty())
                {
                    e.segments.push(Vec::new());
                }
            }
        }
    }
    out
}

/// Joins a row label that was cut in two (a row broken across a page break
/// of a PDF, a label wrapped into the next row): two consecutive labels that
/// together are exactly an official label, while the second matches nothing
/// on its own and the first at most partly, become one entry. Its cells are
/// those of both parts, leaving out a part whose cells are all blank (the
/// half of a broken row without the figures).
pub(super) fn join_split_labels(all: Vec<Entry>, cands: &[String]) -> Vec<Entry> {
    let best = |core: &str| {
        cands
            .iter()
            .filter_map(|c| norm::label_score(core, c))
            .max()
    };
    let mut out: Vec<Entry> = Vec::with_capacity(all.len());
    let mut it = all.into_iter().peekable();
    while let Some(e) = it.next() {
        let joined = match (&e.label, it.peek().and_then(|n| n.label.as_ref())) {
            (Some(a), Some(b)) => {
                let (ca, cb) = (norm::core(&a.piece.text), norm::core(&b.piece.text));
                let whole = format!("{ca}{cb}");
                best(&cb).is_none()
                    && best(&ca).is_none_or(|s| s < 10_000)
                    && best(&whole).is_some_and(|s| s >= 10_000)
            }
            _ => false,
        };
        if !joined {
            out.push(e);
            continue;
        }
        let Some(next) = it.next() else {
            out.push(e);
            break;
        };
        let mut label = e.label.clone().expect("checked above");
        if let Some(b) = &next.label {
            label.piece.text.push_str(&b.piece.text);
        }
        let filled = |seg: &&Vec<Cell>| seg.iter().any(|c| c.kind != Kind::Empty);
        let mut segments: Vec<Vec<Cell>> = e
            .segments
            .iter()
            .chain(&next.segments)
            .filter(filled)
            .cloned()
            .collect();
        if segments.is_empty() {
            segments = e.segments.clone();
        }
        out.push(Entry {
            label: Some(label),
            segments,
        });
    }
    out
}

/// The value slots of a row, as taken by [`take_slots`].
pub(super) struct Slots {
    /// The cells in column order.
    pub(super) cells: Vec<Cell>,
    /// Numbers left over after the slots were filled.
    pub(super) rest: Vec<Cell>,
    /// Set (to the number of cells read) when the row has more cells than
    /// columns and the blank ones cannot be told from the spare ones: blanks
    /// both before and after the figures, and the figures would land in
    /// different columns depending on which are dropped.
    pub(super) ambiguous: Option<usize>,
    /// Set (to the cell) when the row's figures ran together into one run
    /// of digits that cannot be split with certainty (see [`digit_runs`]).
    pub(super) joined: Option<Cell>,
}

/// Drops blank cells beyond `expected`, from the front first (the
/// placeholders of a label that spans several columns, or the rest of a header
/// row), then from the back (a closing delimiter or a trailing tab).
fn trim_blanks(mut take: Vec<Cell>, expected: usize, front_first: bool) -> Vec<Cell> {
    let blank = |c: Option<&Cell>| c.is_some_and(|c| c.kind == Kind::Empty);
    let front = |take: &mut Vec<Cell>| {
        let n = take.iter().take_while(|c| c.kind == Kind::Empty).count();
        let n = n.min(take.len().saturating_sub(expected));
        take.drain(..n);
    };
    let back = |take: &mut Vec<Cell>| {
        while take.len() > expected && blank(take.last()) {
            take.pop();
        }
    };
    if front_first {
        front(&mut take);
        back(&mut take);
    } else {
        back(&mut take);
        front(&mut take);
    }
    take
}

/// Takes `expected` value slots from the segments: whole segments until
/// enough cells are gathered, then blank cells beyond `expected` trimmed (see
/// [`trim_blanks`]). Whatever numbers are left over are returned apart.
pub(super) fn take_slots(e: &Entry, expected: usize) -> Slots {
    let mut take: Vec<Cell> = Vec::new();
    let mut rest: Vec<Cell> = Vec::new();
    for seg in &e.segments {
        if take.len() >= expected {
            rest.extend(seg.iter().cloned());
        } else {
            take.extend(seg.iter().cloned());
        }
    }
    // Figures run together into one cell (crawler text).
    let mut joined_run = None;
    if let Some((at, run)) = lone_run(&take, expected) {
        match digit_runs::split(&run.piece.text, expected) {
            Split::Certain(ranges) => {
                let figures = ranges.iter().map(|&(a, b)| figure_cell(&run, a, b));
                take.splice(at..=at, figures);
            }
            Split::Uncertain => joined_run = Some(run),
        }
    }
    // A row holding exactly as many figures as cells: every blank is a gap
    // (between column groups, after a label), not a cell.
    let filled = take.iter().filter(|c| c.kind != Kind::Empty).count();
    if filled == expected && take.len() > expected {
        take.retain(|c| c.kind != Kind::Empty);
    }
    let read = take.len();
    let other = trim_blanks(take.clone(), expected, false);
    let mut take = trim_blanks(take, expected, true);
    let kinds = |v: &[Cell]| {
        v.iter()
            .take(expected)
            .map(|c| c.kind.clone())
            .collect::<Vec<_>>()
    };
    let ambiguous = (kinds(&take) != kinds(&other)).then_some(read);
    if take.len() > expected {
        let extra = take.split_off(expected);
        rest.splice(0..0, extra);
    }
    rest.retain(|c| matches!(c.kind, Kind::Value(_) | Kind::NotApplicable));
    Slots {
        cells: take,
        rest,
        ambiguous,
        joined: joined_run,
    }
}

/// The one figure of a row too short for `expected` cells, when it is a
/// plain run of ASCII digits long enough to hold them all: its index and
/// the cell.
fn lone_run(take: &[Cell], expected: usize) -> Option<(usize, Cell)> {
    if expected < 2 || take.len() >= expected {
        return None;
    }
    let mut filled = take
        .iter()
        .enumerate()
        .filter(|(_, c)| c.kind != Kind::Empty);
    let (at, cell) = filled.next()?;
    if filled.next().is_some() {
        return None;
    }
    let Kind::Value(v) = &cell.kind else {
        return None;
    };
    let plain = v.frac.is_empty()
        && !v.signed
        && v.note.is_none()
        && v.unit == Unit::None
        && !v.approx
        && cell.piece.text == v.int;
    (plain && v.int.len() >= expected).then(|| (at, cell.clone()))
}

/// The figure at bytes `a..b` of the run in `run`.
pub(super) fn figure_cell(run: &Cell, a: usize, b: usize) -> Cell {
    let text = run.piece.text.slice(a, b);
    Cell {
        piece: Piece {
            text: text.to_string(),
            offset: run.piece.offset + a,
            len: b - a,
        },
        kind: classify(text),
    }
}
