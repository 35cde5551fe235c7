//! A small, tolerant extractor for saved web pages: running text becomes
//! lines, every `<tr>` becomes one row with explicit cells.
//!
//! The importer maps table cells by their row labels, so the extractor does
//! not rebuild the span grid: a cell covered by a `rowspan` simply does not
//! appear in later rows. An *empty* cell with `colspan="n"` stands for `n`
//! empty cells, so that a row whose blank cells were merged keeps its column
//! positions. A cell that holds a whole article (layout tables, nested tables)
//! is emitted as running text instead of a cell.

use super::lines::{Piece, SourceLine};
use crate::slice::Slice;

/// Tags whose start or end breaks running text into a new line.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "hr",
    "center",
    "caption",
    "main",
    "nav",
    "aside",
    "form",
    "body",
    "html",
    "tbody",
    "thead",
    "tfoot",
];

/// Tags whose content is never text of the report.
const SKIP_TAGS: &[&str] = &[
    "script", "style", "title", "noscript", "template", "head", "svg",
];

/// A cell longer than this that contains line breaks is treated as running text.
const CONTAINER_CHARS: usize = 120;

#[derive(Default)]
struct Buf {
    text: String,
    start: Option<usize>,
    end: usize,
}

impl Buf {
    fn push(&mut self, s: &str, at: usize, end: usize) {
        if self.start.is_none() {
            if s.trim().is_empty() {
                return;
            }
            self.start = Some(at);
        }
        self.text.push_str(s);
        self.end = end;
    }

    fn take(&mut self) -> Option<Piece> {
        let start = self.start.take()?;
        let text = collapse(&std::mem::take(&mut self.text));
        if text.is_empty() {
            return None;
        }
        Some(Piece {
            text,
            offset: start,
            len: self.end.saturating_sub(start),
        })
    }
}

struct Cell {
    segs: Vec<Piece>,
    cur: Buf,
    colspan: usize,
    container: bool,
}

#[derive(Default)]
struct Table {
    row: Option<Vec<Piece>>,
    row_offset: usize,
    cell: Option<Cell>,
}

struct Extractor {
    out: Vec<SourceLine>,
    para: Buf,
    tables: Vec<Table>,
    /// Blank cells that the spans of empty cells may still add to the page.
    span_blanks: usize,
    /// Whether the open `<sup>` was put in brackets (see [`Extractor::sup`]).
    sup_bracketed: bool,
}

impl Extractor {
    fn flush_para(&mut self) {
        if let Some(p) = self.para.take() {
            self.out.push(SourceLine {
                text: p.text,
                offset: p.offset,
                cells: None,
            });
        }
    }

    fn text(&mut self, s: &str, at: usize, end: usize) {
        if let Some(t) = self.tables.last_mut()
            && let Some(c) = t.cell.as_mut()
            && !c.container
        {
            c.cur.push(s, at, end);
            return;
        }
        self.para.push(s, at, end);
    }

    /// The text being gathered (the open cell's, else the paragraph's).
    fn current(&self) -> &str {
        if let Some(t) = self.tables.last()
            && let Some(c) = t.cell.as_ref()
            && !c.container
        {
            return &c.cur.text;
        }
        &self.para.text
    }

    /// A superscript starts (`open`) or ends at byte `at`: one right after a
    /// digit is a footnote mark (`5345<sup>1</sup>`), put in brackets so
    /// that it is read as a note (`5345（1）`), never as more digits of the
    /// figure (53451). Any other (`m<sup>2</sup>`) is left as it is.
    fn sup(&mut self, open: bool, at: usize) {
        if open {
            self.sup_bracketed = self.current().ends_with(|c: char| c.is_ascii_digit());
            if self.sup_bracketed {
                self.text("（", at, at);
            }
        } else if std::mem::take(&mut self.sup_bracketed) {
            self.text("）", at, at);
        }
    }

    fn block(&mut self) {
        if let Some(t) = self.tables.last_mut()
            && let Some(c) = t.cell.as_mut()
            && !c.container
        {
            if let Some(p) = c.cur.take() {
                c.segs.push(p);
            }
            return;
        }
        self.flush_para();
    }

    fn emit_pieces(&mut self, pieces: Vec<Piece>) {
        for p in pieces {
            self.out.push(SourceLine {
                text: p.text,
                offset: p.offset,
                cells: None,
            });
        }
    }

    fn end_cell(&mut self) {
        let Some(mut c) = self.tables.last_mut().and_then(|t| t.cell.take()) else {
            return;
        };
        if c.container {
            self.flush_para();
        }
        if let Some(p) = c.cur.take() {
            c.segs.push(p);
        }
        let chars: usize = c.segs.iter().map(|p| p.text.chars().count()).sum();
        if c.container || (c.segs.len() > 1 && chars > CONTAINER_CHARS) {
            self.emit_pieces(c.segs);
            return;
        }
        let Some(t) = self.tables.last_mut() else {
            return;
        };
        let row = t.row.get_or_insert_with(Vec::new);
        let piece = match c.segs.first() {
            Some(first) => {
                let last = c.segs.last().unwrap_or(first);
                Piece {
                    text: c.segs.iter().map(|p| p.text.as_str()).collect(),
                    offset: first.offset,
                    len: (last.offset + last.len).saturating_sub(first.offset),
                }
            }
            None => Piece {
                text: String::new(),
                offset: t.row_offset,
                len: 0,
            },
        };
        let blank = piece.text.trim().is_empty();
        let at = piece.offset;
        row.push(piece);
        if blank {
            // A blank spans at most 20 columns, a row grows to at most
            // MAX_ROW_CELLS and the page by at most MAX_SPAN_BLANKS by spans
            // (empty cells are cheap to write and costly to keep).
            let room = MAX_ROW_CELLS
                .saturating_sub(row.len())
                .min(self.span_blanks);
            let blanks = c.colspan.min(20).saturating_sub(1).min(room);
            self.span_blanks -= blanks;
            for _ in 0..blanks {
                row.push(Piece {
                    text: String::new(),
                    offset: at,
                    len: 0,
                });
            }
        }
    }

    fn end_row(&mut self) {
        self.end_cell();
        let Some(t) = self.tables.last_mut() else {
            return;
        };
        if let Some(cells) = t.row.take()
            && !cells.is_empty()
        {
            let offset = cells.first().map_or(t.row_offset, |c| c.offset);
            let text = cells
                .iter()
                .map(|c| c.text.as_str())
                .collect::<Vec<_>>()
                .join("\t");
            self.out.push(SourceLine {
                text,
                offset,
                cells: Some(cells),
            });
        }
    }

    /// A `<td>` or `<th>` starts at byte `at` (`inner`: the tag's text).
    fn start_cell(&mut self, at: usize, inner: &str) {
        self.end_cell();
        if let Some(t) = self.tables.last_mut() {
            if t.row.is_none() {
                t.row = Some(Vec::new());
                t.row_offset = at;
            }
            t.cell = Some(Cell {
                segs: Vec::new(),
                cur: Buf::default(),
                colspan: attr_number(inner, "colspan").unwrap_or(1),
                container: false,
            });
        }
    }

    fn start_table(&mut self) {
        self.flush_para();
        // A table inside a cell makes that cell a container of running text.
        if let Some(t) = self.tables.last_mut()
            && let Some(c) = t.cell.as_mut()
            && !c.container
        {
            c.container = true;
            if let Some(p) = c.cur.take() {
                c.segs.push(p);
            }
            let segs = std::mem::take(&mut c.segs);
            self.emit_pieces(segs);
        }
        self.tables.push(Table::default());
    }

    fn end_table(&mut self) {
        self.end_row();
        self.tables.pop();
    }
}

/// Extracts the lines of an HTML page.
pub fn html_lines(html: &str) -> Vec<SourceLine> {
    let mut ex = Extractor {
        out: Vec::new(),
        para: Buf::default(),
        tables: Vec::new(),
        span_blanks: MAX_SPAN_BLANKS,
        sup_bracketed: false,
    };
    let bytes = html.as_bytes();
    let mut i = 0;
    let mut skip: Option<Skip> = None;
    while i < bytes.len() {
        let next_tag = html.slice_from(i).find('<').map(|p| i + p);
        let text_end = next_tag.unwrap_or(bytes.len());
        if text_end > i && skip.is_none() {
            let raw = html.slice(i, text_end);
            ex.text(&decode_entities(raw), i, text_end);
        }
        let Some(lt) = next_tag else {
            break;
        };
        // Comments and declarations.
        if html.slice_from(lt).starts_with("<!--") {
            i = html
                .slice_from(lt)
                .find("-->")
                .map_or(bytes.len(), |p| lt + p + 3);
            continue;
        }
        let gt = match tag_end(html, lt) {
            Some(g) => g,
            None => {
                // A lone '<' in text.
                if skip.is_none() {
                    ex.text("<", lt, lt + 1);
                }
                i = lt + 1;
                continue;
            }
        };
        let inner = html.slice(lt + 1, gt);
        i = gt + 1;
        let closing = inner.starts_with('/');
        let name: String = inner
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() {
            continue;
        }
        if let Some(s) = &mut skip {
            if s.ends(&name, closing) {
                skip = None;
            }
            continue;
        }
        if !closing && !inner.ends_with('/') {
            skip = Skip::starts(name.clone(), inner);
            if skip.is_some() {
                continue;
            }
        }
        match (name.as_str(), closing) {
            ("table", false) => ex.start_table(),
            ("table", true) => ex.end_table(),
            ("tr", false) => {
                ex.end_row();
                if let Some(t) = ex.tables.last_mut() {
                    t.row = Some(Vec::new());
                    t.row_offset = lt;
                }
            }
            ("tr", true) => ex.end_row(),
            ("td" | "th", false) => ex.start_cell(lt, inner),
            ("td" | "th", true) => ex.end_cell(),
            ("sup", closing) => ex.sup(!closing, lt),
            (n, _) if BLOCK_TAGS.contains(&n) => ex.block(),
            _ => {}
        }
    }
    while !ex.tables.is_empty() {
        ex.end_table();
    }
    ex.flush_para();
    ex.out
}

/// An element whose content is not read.
struct Skip {
    /// Its tag name.
    name: String,
    /// For an element that may nest (a table hidden from screen readers,
    /// such as the printed copy of a report's table): how many of the same
    /// name are open.
    depth: Option<usize>,
}

impl Skip {
    /// The skip that the start tag `name` (`inner`: the tag's text) begins,
    /// if any: a [`SKIP_TAGS`] element, or a table marked
    /// `aria-hidden="true"` (a copy of content the page holds once more).
    fn starts(name: String, inner: &str) -> Option<Skip> {
        if SKIP_TAGS.contains(&name.as_str()) {
            return Some(Skip { name, depth: None });
        }
        let hidden = inner
            .to_ascii_lowercase()
            .split_ascii_whitespace()
            .any(|a| a.trim_end_matches('/') == "aria-hidden=\"true\"");
        (name == "table" && hidden).then_some(Skip {
            name,
            depth: Some(1),
        })
    }

    /// Whether the tag `name` (`closing`: an end tag) ends the skip.
    fn ends(&mut self, name: &str, closing: bool) -> bool {
        if name != self.name {
            return false;
        }
        match &mut self.depth {
            None => closing,
            Some(d) if closing => {
                *d -= 1;
                *d == 0
            }
            Some(d) => {
                *d += 1;
                false
            }
        }
    }
}

/// Longest tag looked for, in bytes.
const MAX_TAG_LEN: usize = 64 * 1024;
/// Most cells a row reaches by the spans of its empty cells (the official
/// tables have at most 17 columns).
const MAX_ROW_CELLS: usize = 64;
/// Most blank cells the spans of empty cells add to one page (the official
/// tables have about 1,500 cells in all).
const MAX_SPAN_BLANKS: usize = 100_000;

/// The index of the `>` closing the tag that starts at `lt`, skipping quoted
/// attribute values; `None` when this `<` does not start a tag.
fn tag_end(html: &str, lt: usize) -> Option<usize> {
    let rest = html.slice_from(lt + 1);
    let first = rest.chars().next()?;
    if !(first.is_ascii_alphabetic() || first == '/' || first == '!' || first == '?') {
        return None;
    }
    let mut quote: Option<char> = None;
    for (k, c) in rest.char_indices() {
        // Real tags are short, and an unquoted '<' cannot be inside one:
        // stopping there keeps text full of stray '<' linear to scan.
        if k > MAX_TAG_LEN {
            return None;
        }
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(lt + 1 + k),
            (None, '<') => return None,
            _ => {}
        }
    }
    None
}

fn attr_number(tag: &str, name: &str) -> Option<usize> {
    let lower = tag.to_ascii_lowercase();
    // The attribute itself, not one whose name ends in it (`data-colspan`):
    // whitespace before the name, `=` after it.
    let value = lower.match_indices(name).find_map(|(at, _)| {
        let before = lower.slice_to(at).chars().next_back();
        if !before.is_some_and(|c| c.is_ascii_whitespace()) {
            return None;
        }
        lower
            .slice_from(at + name.len())
            .trim_start()
            .strip_prefix('=')
    })?;
    let rest = value.trim_start().trim_start_matches(['"', '\'']);
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    digits.parse().ok().filter(|&n: &usize| n >= 1)
}

/// Collapses runs of ASCII whitespace to one space and trims the ends.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_ascii_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// Decodes the character references of a run of text as a browser does
/// (WHATWG's character reference state): all 2,231 named references, the
/// legacy ones written without a semicolon (`&nbsp`, `&copy`), and numeric
/// ones (`&#x4e00;`, with the browser's replacements for 0 and the C1
/// range). Anything else is left as written.
pub fn decode_entities(s: &str) -> String {
    htmlize::unescape(s).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of each line read from `html`.
    fn texts(html: &str) -> Vec<String> {
        html_lines(html).into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn a_footnote_mark_after_a_figure_is_bracketed_not_joined() {
        assert_eq!(
            texts("<table><tr><td>行政许可</td><td>5345<sup>1</sup></td></tr></table>"),
            ["行政许可\t5345（1）"]
        );
        assert_eq!(
            texts("<p>收到申请8<sup>注</sup>件，面积20m<sup>2</sup>。</p>"),
            ["收到申请8（注）件，面积20m2。"]
        );
    }

    #[test]
    fn spans_come_from_the_attribute_itself() {
        assert_eq!(
            attr_number("td data-colspan=\"4\" colspan=2", "colspan"),
            Some(2)
        );
        assert_eq!(attr_number("td data-colspan=\"4\"", "colspan"), None);
        assert_eq!(attr_number("td colspan = '3'", "colspan"), Some(3));
        assert_eq!(attr_number("td\trowspan=2", "rowspan"), Some(2));
        assert_eq!(attr_number("td colspanx=2", "colspan"), None);
    }

    #[test]
    fn blanks_of_empty_spanning_cells_are_bounded() {
        // Issue 26.4: empty cells with colspan took about 40 times the page
        // in memory (6.9 MB: 294 MB); a row grows to 64 cells by spans, a
        // page by 100,000 blanks.
        let row = |n: usize| format!("<tr>{}</tr>", "<td colspan=20></td>".repeat(n));
        let lines = html_lines(&format!("<table>{}</table>", row(10)));
        // 64 by spans, then the six cells themselves.
        assert_eq!(lines[0].cells.as_ref().map(Vec::len), Some(70));
        let page = format!("<table>{}</table>", row(3).repeat(2_000));
        let cells: usize = html_lines(&page)
            .iter()
            .filter_map(|l| l.cells.as_ref().map(Vec::len))
            .sum();
        assert_eq!(cells, 6_000 + MAX_SPAN_BLANKS);
    }

    #[test]
    fn ampersands_without_semicolons_are_linear() {
        // Issue 26.4: 800 KB of `&` took 22 s (debug).
        let s = "&".repeat(2_000_000);
        let start = std::time::Instant::now();
        assert_eq!(decode_entities(&s).len(), s.len());
        assert!(start.elapsed().as_secs() < 3, "{:?}", start.elapsed());
    }

    /// Each text as written, then as decoded.
    fn assert_decoded(cases: &[(&str, &str)]) {
        for (written, read) in cases {
            assert_eq!(decode_entities(written), *read, "{written}");
        }
    }

    #[test]
    fn only_real_entities_are_decoded() {
        assert_decoded(&[
            ("a&ideographicspace;b", "a&ideographicspace;b"),
            ("&ldquo;x&rdquo;&#x4e00;", "“x”一"),
            ("AT&T R&D &c", "AT&T R&D &c"),
        ]);
    }

    #[test]
    fn entities_are_read_as_a_browser_reads_them() {
        assert_decoded(&[
            // Named references beyond the few the old table knew.
            (
                "36.5&deg;，0.5&permil;，&bull;要点，&sect;3，&frac12;",
                "36.5°，0.5‰，•要点，§3，½",
            ),
            ("&rarr;&le;&ge;&plusmn;&mu;", "→≤≥±μ"),
            // Legacy references without the semicolon, as browsers take them.
            ("正文&nbsp一段", "正文\u{A0}一段"),
            ("&copy2025&reg", "©2025®"),
            ("&lt;p&gt", "<p>"),
            // `&notit;` is `¬it;` in a browser: the longest legacy name.
            ("&notit;", "¬it;"),
            // Numeric references: 0 and surrogates become U+FFFD, the C1
            // range is read as Windows-1252.
            ("&#0;&#x80;&#150;", "\u{FFFD}€–"),
            ("&#x1F600;&#19968;", "😀一"),
        ]);
    }

    #[test]
    fn a_page_with_new_entities_imports_them() {
        let lines = html_lines("<p>温度&deg;与比例&permil;&nbsp;<b>&bull;</b>&sect1</p>");
        let text: String = lines.iter().map(|l| l.text.as_str()).collect();
        assert!(text.contains("温度°与比例‰"), "{text:?}");
        assert!(text.contains('•') && text.contains("§1"), "{text:?}");
    }

    #[test]
    fn stray_angle_brackets_are_linear() {
        let html = "<a".repeat(200_000);
        let start = std::time::Instant::now();
        let _ = html_lines(&html);
        assert!(start.elapsed() < std::time::Duration::from_secs(5));
    }

    #[test]
    fn rows_cells_and_text() {
        let html = "<html><head><title>x</title><style>p{}</style></head><body>\
            <p>一、总体情况</p><p>正文&nbsp;一段</p>\
            <table><tr><td rowspan=\"2\">三、本年度办理结果</td><td colspan=\"2\">（一）予以<br>公开</td><td>1</td><td colspan=\"3\"></td></tr></table>\
            <p>a &lt; b</p></body></html>";
        assert_eq!(
            texts(html),
            [
                "一、总体情况",
                "正文\u{a0}一段",
                "三、本年度办理结果\t（一）予以公开\t1\t\t\t",
                "a < b"
            ]
        );
        let lines = html_lines(html);
        let cells = lines[2].cells.as_ref().unwrap();
        assert_eq!(html.slice(cells[2].offset, cells[2].offset + 1), "1");
    }

    #[test]
    fn layout_cells_become_text() {
        let html = "<table><tr><td><p>一、总体情况</p><table><tr><td>规章</td><td>0</td></tr></table><p>五、存在的主要问题及改进情况</p></td></tr></table>";
        assert_eq!(
            texts(html),
            ["一、总体情况", "规章\t0", "五、存在的主要问题及改进情况"]
        );
    }

    #[test]
    fn a_table_hidden_from_screen_readers_is_not_read() {
        // A report's printed copy of table 三: nested tables, hidden.
        let html = "<table><tr><td>三、本年度办理结果</td><td>1</td></tr></table>\
            <table class=\"print-copy\" aria-hidden=\"true\"><tr><td><div><table><tr><td>（一）</td>\
            <td>1</td></tr></table></div></td></tr><tr><td>四、</td></tr></table>\
            <p>四、政府信息公开行政复议</p><script>var t = '<table>';</script><p>五、</p>";
        assert_eq!(
            texts(html),
            ["三、本年度办理结果\t1", "四、政府信息公开行政复议", "五、"]
        );
    }

    #[test]
    fn broken_markup_does_not_panic() {
        for s in [
            "<",
            "<td>",
            "</tr></table>",
            "<p",
            "a<b",
            "&#xFFFFFFFF;",
            "&#0;",
            "<td colspan=>",
        ] {
            let _ = html_lines(s);
        }
    }
}
