//! Tables printed without ruling lines (a LibreOffice or browser export of a
//! borderless table): a blank cell prints nothing, so a row with a blank
//! reads as fewer cells than the table has. The figures of such a row are
//! placed under their columns by where they stand, the columns taken from
//! the full rows of the same table on the same page; a row whose figures do
//! not each stand squarely under one column of their own is left as read
//! (and said downstream as short), never guessed.

use super::page::{Glyph, join};
use crate::import::cells::{Kind, classify};
use crate::import::sections;

/// A running line cut into cells at wide gaps; an empty cell is a blank
/// placed under its column.
pub(super) type Cells<'a> = Vec<Vec<&'a Glyph>>;

/// Fewest full rows that show where the columns are.
const MIN_FULL_ROWS: usize = 2;

/// Places the figures of the short rows of every borderless table among
/// `lines` (the running lines of one page, top to bottom; `None` for line
/// numbers that are not running lines) under their columns.
pub(super) fn place(lines: &mut [Option<Cells<'_>>]) {
    let mut start = 0;
    for i in 0..=lines.len() {
        if i == lines.len() || lines[i].as_ref().is_some_and(is_heading) {
            place_region(&mut lines[start..i]);
            start = i + 1;
        }
    }
}

/// Whether a line is a section heading (`三、收到和处理…情况`, not a row
/// label such as `一、本年新收…`): tables on either side of it are
/// different tables.
fn is_heading(cells: &Cells<'_>) -> bool {
    let text = cells.iter().map(|c| join(c)).collect::<String>();
    trailing_figures(cells) == 0 && sections::heading_of(&text).is_some()
}

/// Whether a cell holds one figure (or a not-applicable mark).
fn is_figure(cell: &[&Glyph]) -> bool {
    !cell.is_empty() && matches!(classify(&join(cell)), Kind::Value(_) | Kind::NotApplicable)
}

/// How many cells at the end of a line are figures.
fn trailing_figures(cells: &Cells<'_>) -> usize {
    cells.iter().rev().take_while(|c| is_figure(c)).count()
}

/// The horizontal extent of a cell.
fn extent(cell: &[&Glyph]) -> (f64, f64) {
    let x0 = cell.iter().map(|g| g.x0).fold(f64::INFINITY, f64::min);
    let x1 = cell.iter().map(|g| g.x1).fold(f64::NEG_INFINITY, f64::max);
    (x0, x1)
}

/// The columns of one table: the extent each column's figures cover in the
/// full rows, left to right, when those extents are apart.
fn columns(lines: &[Option<Cells<'_>>], width: usize) -> Option<Vec<(f64, f64)>> {
    let mut cols = vec![(f64::INFINITY, f64::NEG_INFINITY); width];
    for cells in lines.iter().flatten() {
        if trailing_figures(cells) != width {
            continue;
        }
        for (col, cell) in cols.iter_mut().zip(&cells[cells.len() - width..]) {
            let (x0, x1) = extent(cell);
            *col = (col.0.min(x0), col.1.max(x1));
        }
    }
    cols.windows(2).all(|w| w[0].1 < w[1].0).then_some(cols)
}

/// The cells of a line with every cell whose figures ran together across
/// a space (`10 23`: two columns closer than a cell break) cut into one
/// cell per figure, when every part is a figure.
fn split_runs<'a>(cells: &Cells<'a>) -> Cells<'a> {
    let mut out = Vec::with_capacity(cells.len());
    for cell in cells {
        let mut parts: Cells<'a> = Vec::new();
        for &g in cell {
            match parts.last_mut() {
                // The gap `join` reads as a space.
                Some(p) if g.x0 - p[p.len() - 1].x1 <= 0.3 * g.size.max(p[p.len() - 1].size) => {
                    p.push(g);
                }
                _ => parts.push(vec![g]),
            }
        }
        if parts.len() > 1 && parts.iter().all(|p| is_figure(p)) {
            out.extend(parts);
        } else {
            out.push(cell.clone());
        }
    }
    out
}

/// Places the short rows of one region (between section headings).
fn place_region(lines: &mut [Option<Cells<'_>>]) {
    let split: Vec<Option<Cells<'_>>> = lines.iter().map(|l| l.as_ref().map(split_runs)).collect();
    let mut by_width: Vec<usize> = Vec::new();
    for cells in split.iter().flatten() {
        let n = trailing_figures(cells);
        if n >= 2 {
            if by_width.len() <= n {
                by_width.resize(n + 1, 0);
            }
            by_width[n] += 1;
        }
    }
    // The widest row shape seen often enough is the table's.
    let Some(width) = (2..by_width.len())
        .rev()
        .find(|&n| by_width[n] >= MIN_FULL_ROWS)
    else {
        return;
    };
    let Some(cols) = columns(&split, width) else {
        return;
    };
    for (line, cells) in lines.iter_mut().zip(&split) {
        let (Some(line), Some(cells)) = (line, cells) else {
            continue;
        };
        let n = trailing_figures(cells);
        if n == 0 || n >= width {
            continue;
        }
        if let Some(placed) = placed(cells, n, &cols) {
            *line = placed;
        }
    }
}

/// The row with its `n` trailing figures under their columns and a blank
/// under every other column, when each figure stands within one column's
/// extent (widened by half a character), no two under the same column, and
/// everything before the figures stands left of the first column.
fn placed<'a>(cells: &Cells<'a>, n: usize, cols: &[(f64, f64)]) -> Option<Cells<'a>> {
    let (head, figures) = cells.split_at(cells.len() - n);
    let left = cols[0].0;
    if head.iter().any(|c| extent(c).1 >= left) {
        return None;
    }
    let mut out: Cells<'a> = head.to_vec();
    let mut next = 0;
    for cell in figures {
        let (x0, x1) = extent(cell);
        let slack = cell.iter().map(|g| g.size).fold(0.0, f64::max) * 0.5;
        let mut under = cols
            .iter()
            .enumerate()
            .filter(|(_, c)| x0 >= c.0 - slack && x1 <= c.1 + slack);
        let (col, _) = under.next()?;
        if under.next().is_some() || col < next {
            return None;
        }
        out.extend(std::iter::repeat_n(Vec::new(), col - next));
        out.push(cell.clone());
        next = col + 1;
    }
    out.extend(std::iter::repeat_n(Vec::new(), cols.len() - next));
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(text: &str, x0: f64, line: usize) -> Glyph {
        let w = 5.0 * text.chars().count() as f64;
        Glyph {
            x0,
            x1: x0 + w,
            y: 700.0 - 20.0 * line as f64,
            size: 10.0,
            top: 8.0,
            bottom: -2.0,
            advance: w,
            char_space: 0.0,
            adjust: 0.0,
            text: text.into(),
            line,
        }
    }

    fn texts(cells: &Cells<'_>) -> Vec<String> {
        cells.iter().map(|c| join(c)).collect()
    }

    /// Rows of a 4-column table: label at 50, figures centred at 200, 250,
    /// 300, 350.
    fn row(label: &str, figures: &[(usize, &str)], line: usize) -> Vec<Glyph> {
        let mut v = vec![glyph(label, 50.0, line)];
        for &(col, f) in figures {
            let w = 5.0 * f.len() as f64;
            v.push(glyph(f, 200.0 + 50.0 * col as f64 - w / 2.0, line));
        }
        v
    }

    fn cut(glyphs: &[Glyph]) -> Cells<'_> {
        glyphs.iter().map(|g| vec![g]).collect()
    }

    #[test]
    fn a_short_row_gets_blanks_where_its_columns_print_nothing() {
        let full1 = row("甲", &[(0, "1"), (1, "22"), (2, "3"), (3, "26")], 1);
        let full2 = row("乙", &[(0, "10"), (1, "2"), (2, "30"), (3, "42")], 2);
        let short = row("丙", &[(1, "5"), (3, "5")], 3);
        let mut lines = vec![
            None,
            Some(cut(&full1)),
            Some(cut(&full2)),
            Some(cut(&short)),
        ];
        place(&mut lines);
        assert_eq!(texts(lines[3].as_ref().unwrap()), ["丙", "", "5", "", "5"]);
        assert_eq!(
            texts(lines[1].as_ref().unwrap()),
            ["甲", "1", "22", "3", "26"]
        );
    }

    #[test]
    fn figures_run_together_across_a_space_are_placed_apart() {
        let full1 = row("甲", &[(0, "1"), (1, "22"), (2, "3"), (3, "26")], 1);
        let full2 = row("乙", &[(0, "10"), (1, "2"), (2, "30"), (3, "42")], 2);
        let short = row("丙", &[(0, "4"), (2, "1"), (3, "5")], 3);
        // `1` and `5` closer than a cell break: one cell `1 5`.
        let mut cells = cut(&short);
        let last = cells.pop().unwrap();
        cells[2].extend(last);
        assert_eq!(texts(&cells), ["丙", "4", "1 5"]);
        let mut lines = vec![Some(cut(&full1)), Some(cut(&full2)), Some(cells)];
        place(&mut lines);
        assert_eq!(texts(lines[2].as_ref().unwrap()), ["丙", "4", "", "1", "5"]);
    }

    #[test]
    fn row_labels_numbered_like_sections_do_not_part_the_table() {
        // Chromium sets a wrapped label's first line above its figures.
        let label1 = vec![glyph("一、本年新收政府信息公开申请", 50.0, 1)];
        let full1 = row("", &[(0, "1"), (1, "22"), (2, "3"), (3, "26")], 2);
        let label2 = vec![glyph("二、上年结转政府信息公开申请", 50.0, 3)];
        let full2 = row("", &[(0, "10"), (1, "2"), (2, "30"), (3, "42")], 4);
        let short = row("丙", &[(1, "5"), (3, "5")], 5);
        let mut lines: Vec<Option<Cells<'_>>> = [&label1, &full1, &label2, &full2, &short]
            .iter()
            .map(|g| Some(cut(g)))
            .collect();
        place(&mut lines);
        assert_eq!(texts(lines[4].as_ref().unwrap()), ["丙", "", "5", "", "5"]);
    }

    #[test]
    fn a_figure_between_columns_leaves_the_row_as_read() {
        let full1 = row("甲", &[(0, "1"), (1, "22"), (2, "3"), (3, "26")], 1);
        let full2 = row("乙", &[(0, "10"), (1, "2"), (2, "30"), (3, "42")], 2);
        let mut short = row("丙", &[(3, "5")], 3);
        short.push(glyph("7", 222.0, 3));
        short.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let mut lines = vec![Some(cut(&full1)), Some(cut(&full2)), Some(cut(&short))];
        place(&mut lines);
        assert_eq!(texts(lines[2].as_ref().unwrap()), ["丙", "7", "5"]);
    }

    #[test]
    fn one_full_row_is_not_enough_and_headings_part_tables() {
        let full1 = row("甲", &[(0, "1"), (1, "22"), (2, "3"), (3, "26")], 1);
        let heading = vec![glyph("三、收到和处理政府信息公开申请情况", 50.0, 2)];
        let full2 = row("乙", &[(0, "10"), (1, "2"), (2, "30"), (3, "42")], 3);
        let short = row("丙", &[(1, "5"), (3, "5")], 4);
        let mut lines = vec![
            Some(cut(&full1)),
            Some(cut(&heading)),
            Some(cut(&full2)),
            Some(cut(&short)),
        ];
        place(&mut lines);
        assert_eq!(texts(lines[3].as_ref().unwrap()), ["丙", "5", "5"]);
    }
}
