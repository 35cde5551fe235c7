//! How a web page's table prints across pages: the merged group labels
//! drawn again on every page a group continues on, and the rows a page
//! break may not come before.
//!
//! A browser repeats a table's head on each printed page but not a row
//! label merged down several rows (三、本年度办理结果, （三）不予公开): the
//! continuation page showed an unlabelled column. Chromium draws a cell's
//! background again on each page when the cell asks for it
//! (`box-decoration-break: clone`), so in print the label is that
//! background: a small SVG image holding the label's words, which the
//! browser wraps to the cell's width. The cell's own text stays in the page
//! for screens and screen readers and is hidden only in print
//! (`templates/style.css`).
//!
//! Chromium gives a merged cell the room a page leaves below its last row,
//! so its part on the next page is that much shorter (none at all when the
//! rest of the group is shorter than that room); a page break is therefore
//! allowed inside a merged group only where the rows on both sides leave
//! the label its height, as the PDF does. Over three pages the room left on
//! each page adds up, and the third page's part can still be too short for
//! the label (measured in `tests/testsuite/html_print.rs`).

use crate::grid::{Cell, CellKind, Grid};

/// The report's body faces (`--font-body` in `templates/style.css`): the
/// image cannot see the page's style sheet.
pub const BODY_FACES: &str = "\"仿宋_GB2312\", \"FangSong_GB2312\", \"仿宋\", \"FangSong\", \
\"STFangsong\", \"华文仿宋\", \"FandolFang\", \"Noto Serif CJK SC\", \"Source Han Serif SC\", serif";

/// Table type size in print, points (`table.official`).
const SIZE: f64 = 10.5;
/// Line height in print, points (1.4 × the size).
const LINE: f64 = SIZE * 1.4;
/// A cell's vertical padding and rule, points (.25 em above and below).
const VPAD: f64 = SIZE * 0.5 + 0.75;
/// A cell's horizontal padding, points (.35 em each side).
const HPAD: f64 = SIZE * 0.7;
/// The printed type area's width, points (156 mm).
const AREA: f64 = 156.0 * 72.0 / 25.4;

/// The label's words as an SVG image in a `data:` address, for a CSS
/// `url()`: the words are set in the body face at the table's size, top
/// left, and wrap between words (`<wbr>`) as the cell's text does.
pub fn label_image(words: &[String]) -> String {
    let mut text = String::new();
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            text.push_str("<wbr/>");
        }
        text.push_str(&xml_escape(w));
    }
    let svg = format!(
        "<svg xmlns='http://www.w3.org/2000/svg'><foreignObject width='100%' height='100%'>\
         <div xmlns='http://www.w3.org/1999/xhtml' style='font: {SIZE}pt/1.4 {faces}; \
         color: #111; word-break: keep-all; overflow-wrap: anywhere'>{text}</div>\
         </foreignObject></svg>",
        faces = BODY_FACES.replace('"', "&quot;"),
    );
    format!("data:image/svg+xml,{}", percent_encode(&svg))
}

/// Whether a printed page may not break before each body row (the grid's
/// rows from `first`): a merged label crossing the break keeps its height
/// (and a line to spare) on both sides, the part after the break counted
/// without the row that opens it, since Chromium gives the merged cell the
/// room the page leaves below its last row and draws the cell's part on
/// the next page that much shorter. `widths` are the columns' printed
/// widths in percent of the type area.
pub fn keep_with_previous(grid: &Grid, first: usize, widths: &[u32]) -> Vec<bool> {
    let width = |col: usize, span: usize| -> f64 {
        let pct: u32 = widths.iter().skip(col).take(span).sum();
        AREA * f64::from(pct) / 100.0 - 2.0 * HPAD
    };
    let rows = grid.rows;
    let mut height = vec![LINE + VPAD; rows];
    for c in &grid.cells {
        if c.rowspan == 1 && c.kind != CellKind::Data && c.row < rows {
            let h = lines(&c.text, width(c.col, c.colspan)) as f64 * LINE + VPAD;
            height[c.row] = height[c.row].max(h);
        }
    }
    let sum = |a: usize, b: usize| -> f64 { height[a.min(b)..b].iter().sum() };
    let groups: Vec<(&Cell, f64)> = grid
        .cells
        .iter()
        .filter(|c| c.rowspan > 1 && c.kind == CellKind::Label && c.row + c.rowspan <= rows)
        .map(|c| {
            // One line more than the estimate: the reader's faces may set
            // the label a little wider.
            let need = (lines(&c.text, width(c.col, c.colspan)) + 1) as f64 * LINE + VPAD;
            (c, need)
        })
        .collect();
    let mut keep = vec![false; rows];
    for (r, k) in keep.iter_mut().enumerate().skip(first.max(1)) {
        *k = groups.iter().any(|&(c, need)| {
            let end = c.row + c.rowspan;
            c.row < r && r < end && (sum(c.row, r) < need || sum(r + 1, end) < need)
        });
    }
    keep.split_off(first.min(rows))
}

/// Lines `text` takes at `width` points in the table's type: Chinese
/// characters a full em, ASCII half an em, broken between the labels' words
/// (a word longer than a line breaks anywhere).
fn lines(text: &str, width: f64) -> usize {
    let em = |c: char| if c.is_ascii() { 0.5 } else { 1.0 };
    let room = (width / SIZE).max(1.0);
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

/// `text` with the five XML specials as entities.
fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// `text` percent-encoded for a `data:` address: every byte but ASCII
/// letters, digits and `-._~`.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_style_sheet_names_the_same_body_faces() {
        let css = include_str!("../../templates/style.css");
        assert!(
            css.contains(&format!("--font-body: {BODY_FACES};")),
            "templates/style.css and print_labels::BODY_FACES differ"
        );
    }

    #[test]
    fn the_image_holds_the_words_and_nothing_that_ends_the_address() {
        let url = label_image(&["（三）".into(), "不予".into(), "<公开>".into()]);
        assert!(url.starts_with("data:image/svg+xml,"), "{url}");
        assert!(
            !url.contains(['"', '\'', '(', ')', ' ', '<', '&', '#']),
            "{url}"
        );
        let decoded = decode(&url["data:image/svg+xml,".len()..]);
        assert!(
            decoded.contains("（三）<wbr/>不予<wbr/>&lt;公开&gt;"),
            "{decoded}"
        );
        assert!(decoded.contains("FandolFang"), "{decoded}");
    }

    fn decode(s: &str) -> String {
        let b = s.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'%' {
                out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
                i += 3;
            } else {
                out.push(b[i]);
                i += 1;
            }
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn labels_are_counted_in_lines_of_their_words() {
        // One character a line: 三、本年度办理结果 takes nine.
        assert_eq!(lines("三、本年度办理结果", 12.0), 9);
        // Three characters a line: （三）/不予/公开.
        assert_eq!(lines("（三）不予公开", 33.0), 3);
        assert_eq!(lines("自然人", 100.0), 1);
        assert_eq!(lines("", 100.0), 1);
    }

    #[test]
    fn a_break_inside_a_merged_group_leaves_the_label_its_height() {
        let report = crate::testutil::report(crate::model::Edition::E2021);
        let doc = crate::render::document::build(&report, None);
        let grid = doc
            .sections
            .iter()
            .find_map(|s| {
                s.table
                    .as_ref()
                    .filter(|g| g.id == crate::grid::TableId::Table3)
            })
            .expect("table 三");
        let widths = [9, 9, 19, 9, 9, 9, 9, 9, 9, 9];
        let keep = keep_with_previous(grid, grid.header_rows, &widths);
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
}
