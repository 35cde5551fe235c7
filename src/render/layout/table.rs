//! The official tables in every format: the type sizes tried in turn, the
//! padding of a cell, how a cell's text is aligned, and the column widths
//! chosen from each cell's measured text.

use crate::grid::{Align, Cell, CellKind, Grid};
use crate::render::layout::kinsoku::{is_no_end, is_no_start};

/// Horizontal padding inside a cell at the first sizes, points.
pub const HPAD: f32 = 3.0;

/// Horizontal padding inside a cell once the table's figures no longer fit
/// at 六号 with [`HPAD`], points.
pub const TIGHT_HPAD: f32 = 1.5;

/// How a cell's text is aligned in print.
pub fn cell_align(c: &Cell) -> Align {
    match c.kind {
        // Figures are centred, as in the published tables.
        CellKind::Data => Align::Center,
        CellKind::Header | CellKind::Title => Align::Center,
        // A group label merged down several rows is centred in its box.
        CellKind::Label if c.rowspan > 1 => Align::Center,
        CellKind::Label => c.align,
    }
}

/// Table type sizes tried in turn: 5号 (10.5 pt), 小五 (9 pt), 六号 (7.5 pt).
pub const SIZES: [f32; 3] = [10.5, 9.0, 7.5];

/// One step of the sizes a table is set at: the type size and the cell's
/// horizontal padding, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Step {
    /// Type size.
    pub size: f32,
    /// Padding at each side of a cell.
    pub pad: f32,
}

/// The steps tried in turn until every figure (with its unit) and every
/// word of a label fits its column whole (issue 77: a 9-digit figure of
/// table 四 broke `1234567`/`89` when 六号 was squeezed into the width):
/// 5号, 小五 and 六号 with 3 pt padding, then 六号, 小六 (6.5 pt) and 七号
/// (5.5 pt) with 1.5 pt. At each step the label and header columns give
/// up their width first, down to two characters a line (a word of the
/// official labels never broken); the figure columns never go below their
/// widest figure. Below 七号 the size steps down by half a point
/// ([`emergency_steps`]), the figures still whole.
pub const STEPS: [Step; 6] = [
    Step {
        size: 10.5,
        pad: HPAD,
    },
    Step {
        size: 9.0,
        pad: HPAD,
    },
    Step {
        size: 7.5,
        pad: HPAD,
    },
    Step {
        size: 7.5,
        pad: TIGHT_HPAD,
    },
    Step {
        size: 6.5,
        pad: TIGHT_HPAD,
    },
    Step {
        size: 5.5,
        pad: TIGHT_HPAD,
    },
];

/// Smallest type size of the half-point steps below 七号: a table whose
/// figures do not fit even there is set at it and squeezed (a figure of
/// some 40 digits in table 四).
pub const FLOOR: f32 = 3.0;

/// The half-point steps below the last of [`STEPS`], down to [`FLOOR`].
pub fn emergency_steps() -> impl Iterator<Item = Step> {
    let last = STEPS[STEPS.len() - 1].size;
    (1..)
        .map(move |k| last - 0.5 * k as f32)
        .take_while(|&s| s >= FLOOR - 0.001)
        .map(|size| Step {
            size,
            pad: TIGHT_HPAD,
        })
}

/// How a table is set: its step (size and padding) and its column edges.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// Type size, points.
    pub size: f32,
    /// Horizontal padding at each side of a cell, points.
    pub pad: f32,
    /// Column edges (`columns + 1` of them, from 0), points.
    pub edges: Vec<f32>,
}

/// The first step of [`STEPS`], then [`emergency_steps`], at which `grid`
/// fits `width` with every unbreakable piece whole; `measure(size)` gives
/// each cell's `(whole width, widest unbreakable piece)` at a size, in the
/// order of `grid.cells`, and is asked at each step's size times `slack`
/// (1, or more where the faces that will set the text are not the ones
/// measured). When none fits, the smallest step's columns are squeezed
/// into the width.
pub fn plan(
    grid: &Grid,
    width: f32,
    slack: f32,
    mut measure: impl FnMut(f32) -> Vec<(f32, f32)>,
) -> Plan {
    for step in STEPS.into_iter().chain(emergency_steps()) {
        let planned = Step {
            size: step.size * slack,
            pad: step.pad,
        };
        let m = measure(planned.size);
        if let Some(edges) = column_edges_for(grid, &m, planned, width) {
            return Plan {
                size: step.size,
                pad: step.pad,
                edges,
            };
        }
    }
    let step = Step {
        size: FLOOR,
        pad: TIGHT_HPAD,
    };
    let planned = Step {
        size: step.size * slack,
        pad: step.pad,
    };
    let edges = column_edges_for(grid, &measure(planned.size), planned, 1.0e6)
        .expect("a wide enough width");
    let scale = width / edges[edges.len() - 1];
    Plan {
        size: step.size,
        pad: step.pad,
        edges: edges.iter().map(|x| x * scale).collect(),
    }
}

/// Room a column keeps beyond its widest piece, points.
pub const FIT: f32 = 0.05;

/// Column edges (`columns + 1` of them, from 0) that make the table `width`
/// wide, from each cell's measured text: `(whole width, widest unbreakable
/// piece)` in points, in the order of `grid.cells`. Every column gets at
/// least its widest unbreakable piece (and two characters a line), the rest
/// goes where text is long; `None` when the pieces do not fit at `step`.
/// A figure is given [`FIT`] more than it measures, so that one set in a
/// column exactly its width is never broken by rounding.
pub fn column_edges_for(
    grid: &Grid,
    measures: &[(f32, f32)],
    step: Step,
    width: f32,
) -> Option<Vec<f32>> {
    let (size, pad) = (step.size, step.pad);
    let n = grid.columns;
    let two = 2.0 * size + 2.0 * pad;
    let mut min = vec![0f32; n];
    let mut want = vec![0f32; n];
    for (c, &(whole, piece)) in grid.cells.iter().zip(measures) {
        if c.colspan != 1 {
            continue;
        }
        // A figure keeps a little room beyond its measure.
        let fit = if c.kind == CellKind::Data { FIT } else { 0.0 };
        let total = whole + 2.0 * pad;
        let piece = piece + 2.0 * pad + fit;
        // At least two characters a line, unless the text is shorter.
        min[c.col] = min[c.col].max(total.min(two).max(piece));
        // A tall merged cell can wrap into its height.
        let lines = (c.rowspan as f32 * 1.0).max(1.0);
        want[c.col] = want[c.col].max((total / lines).max(piece));
    }
    for c in 0..n {
        min[c] = min[c].max(size + 2.0 * pad);
        want[c] = want[c].max(min[c]);
    }
    let sum_min: f32 = min.iter().sum();
    let sum_want: f32 = want.iter().sum();
    let widths: Vec<f32> = if sum_want <= width {
        want.iter().map(|w| w * width / sum_want).collect()
    } else if sum_min > width {
        return None;
    } else {
        let spare = width - sum_min;
        let extra: f32 = sum_want - sum_min;
        min.iter()
            .zip(&want)
            .map(|(lo, hi)| lo + spare * (hi - lo) / extra)
            .collect()
    };
    let mut edges = vec![0.0];
    let mut x = 0.0;
    for w in widths {
        x += w;
        edges.push(x);
    }
    Some(edges)
}

/// Estimated advance of `c` in em: CJK and full-width forms one em,
/// everything else half (digits and Latin in the Chinese faces).
fn advance(c: char) -> f32 {
    if c.is_ascii() || ('\u{FF61}'..='\u{FF9F}').contains(&c) {
        0.5
    } else {
        1.0
    }
}

/// `(whole width, widest unbreakable piece)` of `text` in points at `size`:
/// digits and Latin letters stay together, and punctuation that may not
/// start (end) a line stays with the character before (after) it.
pub fn nominal_measure(text: &str, size: f32) -> (f32, f32) {
    let chars: Vec<char> = text.chars().collect();
    // The words of the official labels stay whole, as in the PDF
    // (社会/公益/组织, never 社会公/益组织).
    let starts = crate::render::words::word_starts(text);
    let whole: f32 = chars.iter().map(|&c| advance(c)).sum();
    let mut widest = 0f32;
    let mut piece = 0f32;
    for (i, &c) in chars.iter().enumerate() {
        let joins = i > 0 && {
            let p = chars[i - 1];
            !starts[i]
                || (p.is_ascii_alphanumeric() && c.is_ascii_alphanumeric())
                || matches!(c, '.' | '%' | ',')
                || is_no_start(c)
                || is_no_end(p)
        };
        if !joins || c.is_whitespace() {
            piece = 0.0;
        }
        if !c.is_whitespace() {
            piece += advance(c);
        }
        widest = widest.max(piece);
    }
    (whole * size, widest * size)
}

/// Widths are planned for characters 5% wider than the type size: the faces
/// Word, WPS or LibreOffice end up using are not the ones measured here,
/// and a column planned for exactly two characters must not hold one.
pub const NOMINAL_SLACK: f32 = 1.05;
