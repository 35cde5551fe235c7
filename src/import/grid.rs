//! Tables whose cells are placed on an exact grid (Word's `w:gridSpan` and
//! `w:vMerge`, the ruled cells of a PDF), turned into the rows of the common
//! form as a web page shows them.
//!
//! It sits between [`lines`](super::lines) (the common form) and
//! [`cells`](super::cells) (which classifies a cell as a label), so that
//! neither of those depends on the other.

use super::cells::{Kind, classify};
use super::lines::Extracted;
use super::norm;

/// How a table cell takes part in a vertical merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VMerge {
    /// Not merged with the cells above or below.
    None,
    /// The first (top) cell of a vertical merge.
    Restart,
    /// Covered by the cell above.
    Continue,
}

/// One cell of a table placed on its grid (Word's `w:tc`, a ruled cell of a
/// PDF table).
#[derive(Debug, Clone)]
pub struct GridCell {
    /// The text.
    pub text: String,
    /// The first grid column it covers (0-based).
    pub col: usize,
    /// How many grid columns it covers (at least 1).
    pub span: usize,
    /// Its part in a vertical merge.
    pub vmerge: VMerge,
}

/// Adds the rows of a table whose cells are placed on the exact grid to
/// `out`, as a web page shows them to the importer: a label merged over
/// several rows appears once (in its first row); a blank cell spanning `n`
/// columns, or a figure or blank merged over rows, stands for blank cells in
/// every column it covers; a text spanning columns is one cell.
/// `place(row, column)` names where each cell is in the original.
pub fn push_rows(
    out: &mut Extracted,
    rows: &[Vec<GridCell>],
    place: impl Fn(usize, usize) -> String,
) {
    // Whether the cell that starts a vertical merge, by column, is a label.
    let mut origin_label: Vec<bool> = Vec::new();
    for (ri, row) in rows.iter().enumerate() {
        let mut cells: Vec<(String, String)> = Vec::new();
        for cell in row {
            let span = cell.span.max(1);
            if cell.vmerge == VMerge::Continue {
                if !origin_label.get(cell.col).copied().unwrap_or(false) {
                    for k in 0..span {
                        cells.push((String::new(), place(ri, cell.col + k)));
                    }
                }
                continue;
            }
            let label = classify(&cell.text) == Kind::Label;
            if origin_label.len() < cell.col + span {
                origin_label.resize(cell.col + span, false);
            }
            origin_label[cell.col..cell.col + span].fill(label);
            if norm::is_blank(&cell.text) {
                for k in 0..span {
                    cells.push((String::new(), place(ri, cell.col + k)));
                }
            } else {
                cells.push((cell.text.clone(), place(ri, cell.col)));
            }
        }
        out.push_row(cells);
    }
}
