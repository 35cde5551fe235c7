//! How a web page's table prints across pages: the merged group labels
//! drawn again on every page a group continues on, and the rows a page
//! break may not come before.
//!
//! A browser repeats a table's head on each printed page but not a row
//! label merged down several rows (三、本年度办理结果, （三）不予公开): the
//! continuation page showed an unlabelled column. A merged cell cannot
//! carry the label over more than two pages: Chromium gives a `rowspan`
//! cell (and an ordinary cell beside a taller one) only the room each page
//! leaves below its last row, so over three pages its part on the third
//! page is cut or missing (measured in `tests/testsuite/html_print.rs`).
//!
//! So a table with merged body labels also has a printed copy
//! ([`nested_rows`]), shown in print only (`templates/table.html`,
//! `templates/style.css`): each merged group is one row whose single cell,
//! as wide as the table, holds a box with the group's rows as a table of
//! the same columns inside. The box breaks across pages with its rows, and
//! its background, an image of the label's words set in the label's column
//! ([`label_image`]), is drawn again at the top of every part
//! (`box-decoration-break: clone`). The label columns are empty cells of
//! every row ([`Spacer`]), ruled left and right, so that their rules end
//! with the rows: a box broken across pages is stretched down to the page
//! foot, and its own rules drew an empty ruled block there (issue 62).
//! The screen table, one merged cell read once by a screen reader, is the
//! one on screen; the copy is hidden there and from assistive technology.
//!
//! A page break is allowed inside a merged group only where the rows on
//! both sides leave the label its height ([`keep_with_previous`]), as the
//! PDF does.

use crate::grid::{Cell, CellKind, Grid};

/// The report's body faces (`--font-body` in `templates/style.css`, after
/// the 造字 font's family): the image cannot see the page's style sheet.
pub const BODY_FACES: &str = "\"仿宋_GB2312\", \"FangSong_GB2312\", \"仿宋\", \"FangSong\", \
\"STFangsong\", \"华文仿宋\", \"FandolFang\", \"Noto Serif CJK SC\", \"Source Han Serif SC\", serif";

/// A table's type in print: its size and each cell's side padding, in
/// points. [`PrintType::DEFAULT`] is `table.official`'s (10.5 pt, .35 em);
/// a table whose figures do not fit at it is set at the steps of
/// `layout::table::plan` (`table.fitted`, its size and padding given on
/// the table).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PrintType {
    /// Type size, points.
    pub size: f64,
    /// Padding at each side of a cell, points.
    pub pad: f64,
}

impl PrintType {
    /// `table.official`: 10.5 pt with .35 em at each side.
    pub const DEFAULT: PrintType = PrintType {
        size: 10.5,
        pad: 10.5 * 0.35,
    };

    /// Line height in print, points (1.4 × the size).
    fn line(self) -> f64 {
        self.size * 1.4
    }

    /// A cell's vertical padding and rule, points (.25 em above and below).
    fn vpad(self) -> f64 {
        self.size * 0.5 + 0.75
    }

    /// Both side paddings of a cell, points.
    fn hpad(self) -> f64 {
        2.0 * self.pad
    }
}

/// The printed type area's width, points (156 mm).
const AREA: f64 = 156.0 * 72.0 / 25.4;

/// The label's words as an SVG image in a `data:` address, for a CSS
/// `url()` drawn as wide as the table: the words are set in the body face
/// at the table's size, at the top of the label's column (`left` and `width`
/// in percent of the table), and wrap between words (`<wbr>`) as the
/// cell's text does.
pub fn label_image(words: &[String], left: f64, width: f64, t: PrintType) -> String {
    let mut text = String::new();
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            text.push_str("<wbr/>");
        }
        text.push_str(&xml_escape(w));
    }
    let svg = format!(
        "<svg xmlns='http://www.w3.org/2000/svg'><foreignObject x='{left}%' width='{width}%' \
         height='100%'><div xmlns='http://www.w3.org/1999/xhtml' style='font: {size}pt/1.4 \
         {faces}; padding: .25em {pad}; color: #111; word-break: keep-all; \
         overflow-wrap: anywhere'>{text}</div></foreignObject></svg>",
        left = trim_number(left, 4),
        width = trim_number(width, 4),
        faces = BODY_FACES.replace('"', "&quot;"),
        size = trim_number(t.size, 2),
        // `table.official`'s padding as the style sheet gives it.
        pad = if t == PrintType::DEFAULT {
            ".35em".to_string()
        } else {
            format!("{}pt", trim_number(t.pad, 2))
        },
    );
    format!("data:image/svg+xml,{}", crate::percent::encode(&svg))
}

/// Whether a printed page may not break before each body row (the grid's
/// rows from `first`): a merged label crossing the break keeps its height
/// (and a line to spare) on both sides. `widths` are the columns' printed
/// widths in percent of the type area.
pub fn keep_with_previous(grid: &Grid, first: usize, widths: &[u32], t: PrintType) -> Vec<bool> {
    let rows = grid.rows;
    let mut height = vec![t.line() + t.vpad(); rows];
    for c in &grid.cells {
        if c.rowspan == 1 && c.kind != CellKind::Data && c.row < rows {
            let w = cell_width(widths, c.col, c.colspan, t);
            let h = lines(&c.text, w, t.size) as f64 * t.line() + t.vpad();
            height[c.row] = height[c.row].max(h);
        }
    }
    let sum = |a: usize, b: usize| -> f64 { height[a.min(b)..b].iter().sum() };
    let groups: Vec<(&Cell, f64)> = merged_labels(grid)
        .map(|c| {
            // One line more than the estimate: the reader's faces may set
            // the label a little wider.
            let need = (label_lines(c, widths, t) + 1) as f64 * t.line() + t.vpad();
            (c, need)
        })
        .collect();
    let mut keep = vec![false; rows];
    for (r, k) in keep.iter_mut().enumerate().skip(first.max(1)) {
        *k = groups.iter().any(|&(c, need)| {
            let end = c.row + c.rowspan;
            c.row < r && r < end && (sum(c.row, r) < need || sum(r, end) < need)
        });
    }
    keep.split_off(first.min(rows))
}

/// The body's merged row labels: label cells spanning more than one row.
fn merged_labels(grid: &Grid) -> impl Iterator<Item = &Cell> {
    grid.cells.iter().filter(move |c| {
        c.rowspan > 1
            && c.kind == CellKind::Label
            && c.row >= grid.header_rows
            && c.row + c.rowspan <= grid.rows
    })
}

/// The text width of a cell spanning `span` columns from `col`, points.
fn cell_width(widths: &[u32], col: usize, span: usize, t: PrintType) -> f64 {
    let pct: u32 = widths.iter().skip(col).take(span).sum();
    AREA * f64::from(pct) / 100.0 - 2.0 * t.hpad()
}

/// Lines the merged label `c` takes in its column.
fn label_lines(c: &Cell, widths: &[u32], t: PrintType) -> usize {
    lines(&c.text, cell_width(widths, c.col, c.colspan, t), t.size)
}

/// A merged group as the printed copy sets it: one row of the enclosing
/// table whose cell spans every column and holds a table of the group's
/// rows with the table's columns, the label drawn as the background of
/// the box around it.
#[derive(Debug, Clone, PartialEq)]
pub struct Group<'a> {
    /// The merged label cell.
    pub label: &'a Cell,
    /// Where the label's column starts, percent of the table.
    pub left: f64,
    /// The label column's width, percent of the table.
    pub label_width: f64,
    /// The label's height, em of the table's type: the inner table is at
    /// least that tall, as a merged cell stretches its rows.
    pub height: f64,
}

/// The empty cell a row of a merged group has in the group's label column:
/// ruled left and right, and below on the group's last row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spacer {
    /// Columns the label spans.
    pub colspan: usize,
    /// Whether the row is the group's last.
    pub last: bool,
}

/// One body row of the printed copy.
#[derive(Debug, Clone, PartialEq)]
pub struct NestedRow<'a> {
    /// Grid row.
    pub row: usize,
    /// Groups that open before the row, outermost first: the row is the
    /// first of each.
    pub opens: Vec<Group<'a>>,
    /// The label columns of the groups the row lies in, outermost first.
    pub spacers: Vec<Spacer>,
    /// The row's cells but merged labels, left to right.
    pub cells: Vec<&'a Cell>,
    /// Groups that close after the row.
    pub closes: usize,
}

/// The body rows (the grid's rows from `first`) as the printed copy nests
/// them in their merged groups, or `None` when the table has no merged
/// body labels or they do not nest (a label not at the left of all its
/// rows' other cells, or groups that overlap): such a table prints as it
/// is. `widths` are the columns' widths in percent.
pub fn nested_rows<'a>(
    grid: &'a Grid,
    first: usize,
    widths: &[u32],
    t: PrintType,
) -> Option<Vec<NestedRow<'a>>> {
    if !merged_labels(grid).any(|c| c.row >= first) || widths.len() != grid.columns {
        return None;
    }
    let mut out = Vec::new();
    // Groups open around the current row: (end row, first column inside,
    // label columns).
    let mut open: Vec<(usize, usize, usize)> = Vec::new();
    for row in first..grid.rows {
        let mut opens = Vec::new();
        let mut cells = Vec::new();
        for c in grid.row_cells(row) {
            let inside = open.last().map_or(0, |&(_, col, _)| col);
            if c.col < inside
                || open
                    .last()
                    .is_some_and(|&(end, ..)| c.row + c.rowspan > end)
            {
                return None;
            }
            if c.rowspan > 1 && c.kind == CellKind::Label && c.row + c.rowspan <= grid.rows {
                // A label stands right of its group's label (the spacers
                // fill the columns left of a row's cells).
                if !cells.is_empty() || c.col != inside {
                    return None;
                }
                opens.push(group(c, widths, t));
                open.push((c.row + c.rowspan, c.col + c.colspan, c.colspan));
            } else if c.rowspan > 1 {
                return None;
            } else {
                cells.push(c);
            }
        }
        if cells
            .first()
            .is_some_and(|c| c.col != open.last().map_or(0, |&(_, col, _)| col))
        {
            return None;
        }
        let spacers = open
            .iter()
            .map(|&(end, _, colspan)| Spacer {
                colspan,
                last: end == row + 1,
            })
            .collect();
        let closes = open.iter().filter(|&&(end, ..)| end == row + 1).count();
        open.truncate(open.len() - closes);
        out.push(NestedRow {
            row,
            opens,
            spacers,
            cells,
            closes,
        });
    }
    open.is_empty().then_some(out)
}

/// The printed copy's group of the merged label `c`.
fn group<'a>(c: &'a Cell, widths: &[u32], t: PrintType) -> Group<'a> {
    let whole: u32 = widths.iter().sum();
    let pct = |w: u32| f64::from(w) * 100.0 / f64::from(whole.max(1));
    let left: u32 = widths.iter().take(c.col).sum();
    let label: u32 = widths.iter().skip(c.col).take(c.colspan).sum();
    Group {
        label: c,
        left: pct(left),
        label_width: pct(label),
        // The column's whole width less its padding (the break estimate
        // above takes the padding twice, to be safe).
        height: lines(
            &c.text,
            cell_width(widths, c.col, c.colspan, t) + t.hpad(),
            t.size,
        ) as f64
            * 1.4
            + 0.5,
    }
}

/// Lines `text` takes at `width` points in the table's type: Chinese
/// characters a full em, ASCII half an em, broken between the labels' words
/// (a word longer than a line breaks anywhere).
fn lines(text: &str, width: f64, size: f64) -> usize {
    let em = |c: char| if c.is_ascii() { 0.5 } else { 1.0 };
    let room = (width / size).max(1.0);
    let starts = super::words::word_starts(text);
    let chars: Vec<char> = text.chars().collect();
    let mut words: Vec<f64> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        match words.last_mut() {
            Some(w) if !starts.get(i).copied().unwrap_or(true) => *w += em(c),
            _ => words.push(em(c)),
        }
    }
    let mut count = 0;
    let mut used = f64::INFINITY;
    for w in words {
        if used + w <= room + 1e-6 {
            used += w;
        } else if w > room {
            count += (w / room).ceil() as usize;
            used = w % room;
        } else {
            count += 1;
            used = w;
        }
    }
    count.max(1)
}

/// `x` with at most `places` decimals, without trailing zeros.
pub(crate) fn trim_number(x: f64, places: usize) -> String {
    let s = format!("{x:.places$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// `text` with the five XML specials as entities.
fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::slice::Slice;

    #[test]
    fn the_style_sheet_names_the_same_body_faces() {
        let css = include_str!("../../templates/style.css");
        assert!(
            css.contains(&format!(
                "--font-body: \"nianbao-zaozi\",\n    {BODY_FACES};"
            )),
            "templates/style.css and print_labels::BODY_FACES differ"
        );
    }

    #[test]
    fn the_image_holds_the_words_and_nothing_that_ends_the_address() {
        let url = label_image(
            &["（三）".into(), "不予".into(), "<公开>".into()],
            9.0,
            100.0 / 7.0,
            PrintType::DEFAULT,
        );
        assert!(url.starts_with("data:image/svg+xml,"), "{url}");
        assert!(
            !url.contains(['"', '\'', '(', ')', ' ', '<', '&', '#']),
            "{url}"
        );
        let decoded = crate::percent::decode(url.slice_from("data:image/svg+xml,".len()));
        assert!(
            decoded.contains("（三）<wbr/>不予<wbr/>&lt;公开&gt;"),
            "{decoded}"
        );
        assert!(decoded.contains("FandolFang"), "{decoded}");
        assert!(decoded.contains("x='9%' width='14.2857%'"), "{decoded}");
    }

    #[test]
    fn labels_are_counted_in_lines_of_their_words() {
        // One character a line: 三、本年度办理结果 takes nine.
        assert_eq!(lines("三、本年度办理结果", 12.0, 10.5), 9);
        // Three characters a line: （三）/不予/公开.
        assert_eq!(lines("（三）不予公开", 33.0, 10.5), 3);
        assert_eq!(lines("自然人", 100.0, 10.5), 1);
        assert_eq!(lines("", 100.0, 10.5), 1);
    }

    /// Table 三's columns' widths in characters, as printed.
    const TABLE3_WIDTHS: [u32; 10] = [9, 9, 19, 9, 9, 9, 9, 9, 9, 9];

    fn sample_document() -> crate::render::document::Document {
        let report = crate::testutil::report(crate::model::Edition::E2021);
        crate::render::document::build(&report, None)
    }

    fn table3(doc: &crate::render::document::Document) -> &crate::grid::Grid {
        doc.sections
            .iter()
            .find_map(|s| {
                s.table
                    .as_ref()
                    .filter(|g| g.id == crate::grid::TableId::Table3)
            })
            .expect("table 三")
    }

    #[test]
    fn a_break_inside_a_merged_group_leaves_the_label_its_height() {
        let doc = sample_document();
        let grid = table3(&doc);
        let widths = TABLE3_WIDTHS;
        let keep = keep_with_previous(grid, grid.header_rows, &widths, PrintType::DEFAULT);
        let row_of = |label: &str| {
            grid.cells
                .iter()
                .find(|c| c.text.starts_with(label))
                .map(|c| c.row - grid.header_rows)
                .unwrap_or_else(|| panic!("{label}"))
        };
        // Rows that start no merged group and lie outside 三 may break.
        assert!(!keep[row_of("一、")] && !keep[row_of("二、")]);
        assert!(!keep[row_of("四、")]);
        // The second row of 三 leaves its four-line label no room.
        assert!(keep[row_of("（二）")]);
        // （三）不予公开 keeps two rows on each side of a break.
        assert!(keep[row_of("2.其他法律")] && keep[row_of("8.属于行政查询")]);
        assert!(!keep[row_of("4.保护第三方")], "{keep:?}");
        // A page may break before （四）; （七） never opens a page.
        assert!(!keep[row_of("（四）")], "{keep:?}");
        assert!(keep[row_of("（七）")]);
    }

    #[test]
    fn the_printed_copy_nests_rows_in_their_groups() {
        let doc = sample_document();
        let grid = table3(&doc);
        let widths = TABLE3_WIDTHS;
        let rows =
            nested_rows(grid, grid.header_rows, &widths, PrintType::DEFAULT).expect("groups nest");
        assert_eq!(rows.len(), grid.rows - grid.header_rows);
        let opened: Vec<Vec<&str>> = rows
            .iter()
            .map(|r| r.opens.iter().map(|g| g.label.text.as_str()).collect())
            .filter(|o: &Vec<&str>| !o.is_empty())
            .collect();
        assert_eq!(
            opened,
            [
                vec!["三、本年度办理结果"],
                vec!["（三）不予公开"],
                vec!["（四）无法提供"],
                vec!["（五）不予处理"],
                vec!["（六）其他处理"],
            ]
        );
        // Every group opened is closed, the inner ones before the outer.
        let opens: usize = rows.iter().map(|r| r.opens.len()).sum();
        let closes: usize = rows.iter().map(|r| r.closes).sum();
        assert_eq!(opens, closes);
        let last_inner = rows
            .iter()
            .position(|r| r.cells[0].text.starts_with("3.其他"))
            .unwrap();
        assert_eq!(rows[last_inner].closes, 1);
        let total = rows
            .iter()
            .position(|r| r.cells[0].text.starts_with("（七）"))
            .unwrap();
        assert_eq!(rows[total].closes, 1, "（七）总计 closes 三");
        // The outer label column is the first 9 % of the table, the inner
        // the next 9 %; every row of a group has their columns as spacers,
        // ruled below on the group's last row.
        let outer = &rows[2].opens[0];
        assert_eq!((outer.left, outer.label_width), (0.0, 9.0));
        let inner = rows
            .iter()
            .find_map(|r| r.opens.first().filter(|g| g.label.col == 1))
            .unwrap();
        assert_eq!((inner.left, inner.label_width), (9.0, 9.0));
        let spacers = |r: &NestedRow| r.spacers.iter().map(|s| s.last).collect::<Vec<_>>();
        assert_eq!(spacers(&rows[0]), Vec::<bool>::new());
        assert_eq!(spacers(&rows[last_inner]), [false, true]);
        assert_eq!(spacers(&rows[last_inner - 1]), [false, false]);
        assert_eq!(spacers(&rows[total]), [true]);
        for r in &rows {
            let covered: usize = r.spacers.iter().map(|s| s.colspan).sum();
            assert_eq!(r.cells[0].col, covered, "row {}", r.row);
        }
        // A merged cell that holds figures does not nest: printed as it is.
        let mut odd = grid.clone();
        let figure = odd
            .cells
            .iter_mut()
            .find(|c| c.kind == CellKind::Data)
            .unwrap();
        figure.rowspan = 2;
        assert!(nested_rows(&odd, odd.header_rows, &widths, PrintType::DEFAULT).is_none());
    }
}
