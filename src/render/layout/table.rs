//! The official tables in every format: the type sizes tried in turn, the
//! padding of a cell, how a cell's text is aligned, and the column widths
//! chosen from each cell's measured text.

use crate::grid::{Align, Cell, CellKind, Grid};

/// Horizontal padding inside a cell, points.
pub const HPAD: f32 = 3.0;

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

/// Column edges (`columns + 1` of them, from 0) that make the table `width`
/// wide, from each cell's measured text: `(whole width, widest unbreakable
/// piece)` in points, in the order of `grid.cells`. Every column gets at
/// least its widest unbreakable piece (and two characters a line), the rest
/// goes where text is long; `None` when the pieces do not fit at `size`.
pub fn column_edges_for(
    grid: &Grid,
    measures: &[(f32, f32)],
    size: f32,
    width: f32,
) -> Option<Vec<f32>> {
    let n = grid.columns;
    let two = 2.0 * size + 2.0 * HPAD;
    let mut min = vec![0f32; n];
    let mut want = vec![0f32; n];
    for (c, &(whole, piece)) in grid.cells.iter().zip(measures) {
        if c.colspan != 1 {
            continue;
        }
        let total = whole + 2.0 * HPAD;
        let piece = piece + 2.0 * HPAD;
        // At least two characters a line, unless the text is shorter.
        min[c.col] = min[c.col].max(total.min(two).max(piece));
        // A tall merged cell can wrap into its height.
        let lines = (c.rowspan as f32 * 1.0).max(1.0);
        want[c.col] = want[c.col].max((total / lines).max(piece));
    }
    for c in 0..n {
        min[c] = min[c].max(size + 2.0 * HPAD);
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
