//! The official tables as WordprocessingML tables, straight from the
//! shared [`Grid`]: `w:gridSpan` and `w:vMerge` exactly as its spans,
//! header rows repeated on every page, fixed column widths across the
//! 156 mm type area, the PDF's fonts and alignment.
//!
//! With the fixed layout ([`super::FixedTables`]) a table takes the PDF's
//! columns and type size, and a table with merged labels (table 三) the
//! PDF's row heights as its least; each merged label starts again, with
//! its text, at the first row of each of the PDF's pages, and each such
//! block keeps together whole ([`block_continues`]): whatever the word
//! processor's page breaks, ahead of the PDF's or behind, each page of the
//! group holds one block and prints 三、本年度办理结果 once (LibreOffice
//! 7.4 on the fixtures, the examples and the benchmark,
//! `tests/testsuite/docx_pages.rs`; issue 77.5). Before, only the first
//! half of a block kept together: LibreOffice a few lines behind took the
//! first block whole to the next page, where the next block started too
//! (the label twice), and the page after had none. The cost: where the
//! word processor runs behind, the page before the table may be left as
//! short as the heading, the head and the first block are tall
//! (hardtext-donghu: 75 % of a page).

use std::fmt::Write as _;

use super::fixed::Fixed;
use super::id;
use super::measure::TYPE_W;
use super::runs;
use crate::grid::{Align, CellKind, Grid, TableId};
use crate::render::layout::table::{HPAD, NOMINAL_SLACK, cell_align, plan};

/// Single ½-pt rules all round and inside.
pub(super) const BORDERS: &str = "<w:tblBorders>\
     <w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
     <w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
     <w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
     <w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
     <w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
     <w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
     </w:tblBorders>";

/// Cell padding: 3 pt at the sides (as the PDF) and 1.5 pt above and below
/// (the PDF pads 3.5 pt, but Word's single line spacing already leaves some
/// room), so a label of two lines never touches the rules.
pub(super) const CELL_MARGINS: &str = "<w:tblCellMar>\
     <w:top w:w=\"30\" w:type=\"dxa\"/><w:left w:w=\"60\" w:type=\"dxa\"/>\
     <w:bottom w:w=\"30\" w:type=\"dxa\"/><w:right w:w=\"60\" w:type=\"dxa\"/>\
     </w:tblCellMar>";

/// The table's cell margins: [`CELL_MARGINS`] at the usual padding, else
/// its side padding (`pad` points) at the sides.
fn cell_margins(pad: f32) -> std::borrow::Cow<'static, str> {
    if pad == HPAD {
        return CELL_MARGINS.into();
    }
    let side = (pad * 20.0).round() as i32;
    format!(
        "<w:tblCellMar>\
         <w:top w:w=\"30\" w:type=\"dxa\"/><w:left w:w=\"{side}\" w:type=\"dxa\"/>\
         <w:bottom w:w=\"30\" w:type=\"dxa\"/><w:right w:w=\"{side}\" w:type=\"dxa\"/>\
         </w:tblCellMar>"
    )
    .into()
}

/// `(whole width, widest unbreakable piece)` of a cell's text at a size,
/// from nominal advances ([`nominal_measure`]).
pub(super) use crate::render::layout::table::nominal_measure as measure;

/// Widths are planned for characters wider than the type size
/// ([`NOMINAL_SLACK`]).
const SLACK: f32 = NOMINAL_SLACK;

/// Column widths in twips, summing to the type area width, the type size
/// and the cells' side padding in points: the PDF's steps
/// (`layout::table::plan`: 5号 when the columns fit at it, else 小五, 六号,
/// then tighter padding and 小六, 七号 — a figure never broken) from
/// estimated widths.
pub(super) fn columns(grid: &Grid) -> (Vec<i32>, f32, f32) {
    let width = TYPE_W as f32 / 20.0;
    let plan = plan(grid, width, SLACK, |planned| {
        grid.cells
            .iter()
            .map(|c| measure(&c.text, planned))
            .collect()
    });
    // Whole twips from rounded edges, so the columns add up exactly.
    (fixed_columns(&plan.edges), plan.size, plan.pad)
}

/// Whether every figure of `grid` fits its column of `widths` (twips) at
/// `size` with `pad` at each side, by estimated widths ([`SLACK`]): the
/// fixed layout's columns hold the PDF's figures exactly, and the faces a
/// word processor sets them in may be wider (issue 77: LibreOffice broke
/// table 四's 9-digit figures in the PDF's columns); a table whose figures
/// do not fit takes its own columns ([`columns`]).
fn figures_fit(grid: &Grid, widths: &[i32], size: f32, pad: f32) -> bool {
    grid.cells
        .iter()
        .filter(|c| c.kind == CellKind::Data)
        .all(|c| {
            let w: i32 = widths[c.col..c.col + c.colspan].iter().sum();
            let (_, piece) = measure(&c.text, size * SLACK);
            piece + 2.0 * pad <= w as f32 / 20.0
        })
}

/// Column widths in twips from the fixed layout's column `edges` (points),
/// summing to the type area width.
fn fixed_columns(edges: &[f32]) -> Vec<i32> {
    let total = edges.last().copied().unwrap_or(1.0).max(1.0);
    let at = |x: f32| (x / total * TYPE_W as f32).round() as i32;
    edges.windows(2).map(|w| at(w[1]) - at(w[0])).collect()
}

/// Appends `grid` as a `<w:tbl>`: as the fixed layout sets it when
/// `fixed` (its columns, size and row heights; its labels starting again
/// where its pages start), else with estimated widths and blocks
/// ([`columns`], [`outer_restarts`]).
pub(super) fn table(out: &mut String, grid: &Grid, fixed: Option<Fixed<'_>>) {
    let (widths, size, pad) = match &fixed {
        Some(f) => {
            let widths = fixed_columns(&f.shape.edges);
            if figures_fit(grid, &widths, f.shape.size, f.shape.pad) {
                (widths, f.shape.size, f.shape.pad)
            } else {
                columns(grid)
            }
        }
        None => columns(grid),
    };
    let sz = (size * 2.0).round() as u32;
    let _ = write!(
        out,
        "<w:tbl><w:tblPr><w:tblStyle w:val=\"{}\"/><w:tblW w:w=\"{TYPE_W}\" w:type=\"dxa\"/>\
         <w:jc w:val=\"center\"/>{BORDERS}<w:tblLayout w:type=\"fixed\"/>{margins}\
         <w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/>\
         </w:tblPr><w:tblGrid>",
        id::TABLE,
        margins = cell_margins(pad),
    );
    for w in &widths {
        let _ = write!(out, "<w:gridCol w:w=\"{w}\"/>");
    }
    out.push_str("</w:tblGrid>");
    let (restarts, heights) = blocks(grid, fixed.as_ref(), &widths, size);
    for (row, &h) in heights.iter().enumerate() {
        let header = row < grid.header_rows;
        // Section 二: a title row, its header row and its data rows stay
        // on one page (each row's paragraphs keep with the next row); in
        // the other tables the rows of one block of a merged label keep
        // together (a block: the label's rows on one page of the fixed
        // layout, or an estimated block of the outer group), so that no
        // label is ever cut from its rows at a page break (Word's
        // tblHeader repeats only the head).
        let keep = (grid.id == TableId::Table2
            && row + 1 < grid.rows
            && !grid.row_cells(row + 1).any(|c| c.kind == CellKind::Title))
            || block_continues(grid, &restarts, row)
            // The head and the first two body rows go together: never a
            // head with a row or none at a page foot (issue 62).
            || row < grid.header_rows + 1 && row + 1 < grid.rows;
        out.push_str("<w:tr><w:trPr><w:cantSplit/>");
        let _ = write!(out, "<w:trHeight w:val=\"{h}\" w:hRule=\"atLeast\"/>");
        if header {
            out.push_str("<w:tblHeader/>");
        }
        out.push_str("</w:trPr>");
        for c in grid.covering(row) {
            let w: i32 = widths[c.col..c.col + c.colspan].iter().sum();
            let _ = write!(out, "<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/>");
            if c.colspan > 1 {
                let _ = write!(out, "<w:gridSpan w:val=\"{}\"/>", c.colspan);
            }
            // A merged label starts again, with its text, at each of its
            // blocks.
            let opens = c.row == row || restarts.contains(&row);
            if c.rowspan > 1 {
                if opens {
                    out.push_str("<w:vMerge w:val=\"restart\"/>");
                } else {
                    out.push_str("<w:vMerge/>");
                }
            }
            out.push_str("<w:vAlign w:val=\"center\"/></w:tcPr>");
            let style = match c.kind {
                CellKind::Header | CellKind::Title => id::TABLE_HEADER,
                CellKind::Label | CellKind::Data => id::TABLE_TEXT,
            };
            let jc = match cell_align(c) {
                Align::Left => "both",
                Align::Center => "center",
                Align::Right => "right",
            };
            let _ = write!(out, "<w:p><w:pPr><w:pStyle w:val=\"{style}\"/>");
            if keep {
                out.push_str("<w:keepNext/>");
            }
            let _ = write!(
                out,
                "<w:jc w:val=\"{jc}\"/><w:rPr><w:sz w:val=\"{sz}\"/><w:szCs w:val=\"{sz}\"/></w:rPr></w:pPr>"
            );
            if opens {
                let rpr = format!("<w:sz w:val=\"{sz}\"/><w:szCs w:val=\"{sz}\"/>");
                runs::run_with(out, &c.text, &rpr);
            }
            out.push_str("</w:p></w:tc>");
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
}

/// The rows at which the merged labels of `grid` start again with their
/// text (the fixed layout's page starts, else [`outer_restarts`]), and
/// each row's least height in twips.
fn blocks(
    grid: &Grid,
    fixed: Option<&Fixed<'_>>,
    widths: &[i32],
    size: f32,
) -> (Vec<usize>, Vec<i32>) {
    // Minimum row height as the PDF: 1.9 × the type size.
    let min_h = ((size * 1.9).round() * 20.0) as i32;
    let labelled = grid
        .cells
        .iter()
        .any(|c| c.rowspan > 1 && c.row >= grid.header_rows);
    // At least the PDF's row in a table with merged labels: its rows take
    // the room they take there, so that its blocks fill the pages as the
    // PDF's (a word processor needing more for its text takes more). Not
    // in the others: LibreOffice 7.4 dropped the rows of table 二 continued
    // on a page when they were that tall (issue 62,
    // zibo-zhangdian-traffic-2024), and they break anywhere anyway.
    let heights = (0..grid.rows)
        .map(|row| {
            fixed
                .filter(|_| labelled)
                .and_then(|f| f.shape.rows.get(row))
                .map_or(min_h, |&pt| min_h.max((pt * 20.0).floor() as i32))
        })
        .collect();
    let restarts = match fixed {
        Some(f) => f
            .starts
            .iter()
            .copied()
            .filter(|&r| r > grid.header_rows && r < grid.rows)
            .collect(),
        None => outer_restarts(grid, &row_heights(grid, widths, size)),
    };
    (restarts, heights)
}

/// The fewest rows a block of the outer group holds: its label (three
/// lines of 三、本年度办理结果 in the first column) needs about two rows.
const BLOCK_ROWS: usize = 2;

/// Estimated height of each row in points, at type size `size` in columns
/// `widths` (twips): the most lines a cell of the row needs, at 1.3 × the
/// size a line and the cell padding, or the minimum row height.
fn row_heights(grid: &Grid, widths: &[i32], size: f32) -> Vec<f32> {
    let mut lines = vec![1f32; grid.rows];
    for c in grid.cells.iter().filter(|c| c.rowspan == 1) {
        let room = widths[c.col..c.col + c.colspan].iter().sum::<i32>() as f32 / 20.0 - 6.0;
        let need = (measure(&c.text, size * SLACK).0 / room.max(size)).ceil();
        lines[c.row] = lines[c.row].max(need);
    }
    let min_h = (size * 1.9).round();
    lines
        .into_iter()
        .map(|n| (n * size * 1.3 + 3.0).max(min_h))
        .collect()
}

/// The body rows at which the outermost merged group's label (三、本年度办理
/// 结果, in the first column) starts again with its text when the fixed
/// layout is not known (no faces could be loaded; [`super::FixedTables`]
/// otherwise): the group is cut into blocks at the starts of its inner
/// groups (（三）不予公开, （四）无法提供…), as few blocks as keep each within
/// the height of its tallest inner group (`heights`: each row's,
/// estimated), and none under [`BLOCK_ROWS`] rows (for the 2021 form:
/// （一）（二） | （三） | （四）（五） | （六）（七）).
///
/// Word and LibreOffice set a merged label only where the merge starts and
/// repeat only head rows, so a group continued on the next page would
/// lose its label, and keeping the whole group on one page leaves up to
/// 75 % of a page blank before it. Each block instead keeps to one page
/// with its own label: wherever the page breaks, the label is beside the
/// rows, and what is left blank is at most one block. The cost: a page
/// holding several blocks prints the label once per block (LibreOffice
/// 7.4: up to five times on one page), which the fixed layout's page
/// starts avoid.
fn outer_restarts(grid: &Grid, heights: &[f32]) -> Vec<usize> {
    let mut restarts = Vec::new();
    let outer = grid
        .cells
        .iter()
        .filter(|c| c.col == 0 && c.rowspan > 1 && c.row >= grid.header_rows);
    for o in outer {
        let end = o.row + o.rowspan;
        let mut starts: Vec<usize> = grid
            .cells
            .iter()
            .filter(|c| c.col == 1 && c.row > o.row && c.row < end)
            .map(|c| c.row)
            .collect();
        starts.sort_unstable();
        starts.dedup();
        let bounds: Vec<usize> = std::iter::once(o.row)
            .chain(starts.iter().copied())
            .chain(std::iter::once(end))
            .collect();
        let height = |from: usize, to: usize| heights[from..to].iter().sum::<f32>();
        // The tallest inner group bounds a block (with a little slack for
        // the estimate).
        let cap = bounds
            .windows(2)
            .map(|w| height(w[0], w[1]))
            .fold(0.0, f32::max)
            * 1.05;
        let mut from = o.row;
        for (i, &r) in starts.iter().enumerate() {
            let full = height(from, bounds[i + 2]) > cap;
            if full && r - from >= BLOCK_ROWS && end - r >= BLOCK_ROWS {
                restarts.push(r);
                from = r;
            }
        }
    }
    restarts
}

/// Whether body row `row + 1` is in the same block of a merged label as
/// `row` (blocks end before each of `restarts`): the rows of a block keep
/// with the next, so the block and its label stay on one page.
fn block_continues(grid: &Grid, restarts: &[usize], row: usize) -> bool {
    row >= grid.header_rows
        && !restarts.contains(&(row + 1))
        && grid.cells.iter().any(|c| {
            c.col < grid.label_columns.max(1) && c.row <= row && row + 1 < c.row + c.rowspan
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Edition;

    #[test]
    fn measures_keep_numbers_and_closing_marks_together() {
        // 商业/企业: a label word stays whole, as in the PDF.
        assert_eq!(measure("商业企业", 10.0), (40.0, 20.0));
        assert_eq!(measure("12345", 10.0), (25.0, 25.0));
        // "（一）" and "，" cling to their neighbours.
        let (_, piece) = measure("（一）予以公开", 10.0);
        assert_eq!(piece, 30.0);
    }

    #[test]
    fn a_block_keeps_whole_and_only_its_last_row_lets_the_page_break() {
        // Issue 77.5: whatever the word processor's page breaks, each page
        // of the group holds one block, its label printed once.
        let g = crate::grid::tables(&crate::testutil::report(Edition::E2021))
            .into_iter()
            .find(|g| g.id == TableId::Table3)
            .unwrap();
        // Blocks start at the group's first row (a page of the fixed
        // layout) and eight rows before the end.
        let group = (g.header_rows..g.rows)
            .find(|&r| g.cells.iter().any(|c| c.row == r && c.rowspan > 1))
            .unwrap();
        let last = g.rows - 8;
        for row in group..last - 1 {
            assert!(block_continues(&g, &[group, last], row), "{row}");
        }
        assert!(!block_continues(&g, &[group, last], last - 1));
        assert!(!block_continues(&g, &[group, last], g.rows - 1));
    }

    #[test]
    fn columns_fill_the_type_area_at_5hao() {
        for e in [Edition::E2021, Edition::E2019] {
            for g in crate::grid::tables(&crate::testutil::report(e)) {
                let (w, size, _) = columns(&g);
                assert_eq!(w.len(), g.columns);
                assert_eq!(w.iter().sum::<i32>(), TYPE_W, "{:?}", g.id);
                assert_eq!(size, 10.5, "{:?}", g.id);
                assert!(w.iter().all(|&x| x >= 210 + 120), "{:?} {w:?}", g.id);
            }
        }
    }
}
