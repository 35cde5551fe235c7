//! Word documents (`.docx`): the text of `word/document.xml`, paragraphs as
//! running text and every table row with its cells resolved to the exact
//! grid (`w:gridSpan`, `w:vMerge`), in the common form of [`lines`](super::lines).
//!
//! A `.docx` is a zip archive; it is untrusted, so the archive's entry count,
//! the decompressed size of the one entry read, the number of XML nodes and
//! the nesting of elements and tables are all bounded, and DTDs (entity
//! expansion) are refused. Every failure is an [`ImportError`] in Chinese.

use std::collections::HashMap;
use std::io::Cursor;

use roxmltree::{Document, Node, ParsingOptions};

use super::error::{ImportError, Limit};
use super::grid::{self, GridCell, VMerge};
use super::lines::Extracted;
use super::lines::MAX_LINES;
use crate::zip_xml::read::{
    MAX_XML_NODES, Package, PackageError, check_shape, open_archive, parsing_options, read_entry,
    xml_refusal,
};

/// Most bytes `word/document.xml` may decompress to.
pub const MAX_XML_BYTES: u64 = 64 * 1024 * 1024;
/// Deepest nesting of block elements (content controls, cells) walked.
const MAX_DEPTH: usize = 64;
/// Most tables nested in one another.
pub const MAX_TABLE_NESTING: usize = 4;
/// Widest cell span honoured (`w:gridSpan`).
const MAX_SPAN: usize = 64;
/// Most grid columns of one table row (the official tables have at most 17).
pub const MAX_ROW_COLUMNS: usize = 64;
/// Most grid cells (spans counted) of one table.
pub const MAX_TABLE_CELLS: usize = 20_000;
/// Most grid cells (spans counted) of all the tables of a document.
pub const MAX_CELLS: usize = 200_000;
/// Most bytes of text read from one document: its text comes from its XML
/// (at most [`MAX_XML_BYTES`]) plus at most [`MAX_LABEL_CHARS`] characters
/// of automatic numbering per paragraph (a paragraph takes some 60 bytes
/// of XML, so at most about 13 times the XML); a report has well under
/// 1 MB.
pub const MAX_TEXT_BYTES: usize = 32 * 1024 * 1024;

/// Longest list-level label (`w:lvlText`), in characters.
pub const MAX_LABEL_CHARS: usize = 255;

/// The part of the archive that holds the document body.
const DOCUMENT: &str = "word/document.xml";

/// Reads `word/document.xml` out of the archive, bounded.
/// Most bytes `word/numbering.xml` or `word/styles.xml` may decompress to.
const MAX_PART_BYTES: u64 = 8 * 1024 * 1024;

/// The parts of the archive that are read.
struct Parts {
    document: String,
    /// `word/numbering.xml`, when present and readable.
    numbering: Option<String>,
    /// `word/styles.xml`, when present and readable.
    styles: Option<String>,
}

/// Reads the parts of the archive that are used, bounded.
fn parts(bytes: &[u8]) -> Result<Parts, ImportError> {
    let mut archive = open_archive(bytes, Package::Docx)?;
    let Some(document) = read_entry(&mut archive, DOCUMENT, MAX_XML_BYTES, Package::Docx)? else {
        return Err(ImportError::NotWord { part: DOCUMENT });
    };
    // Numbering only adds heading numbers: a part that cannot be read is
    // left out, unless it is a bomb.
    let optional = |archive: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str| match read_entry(
        archive,
        name,
        MAX_PART_BYTES,
        Package::Docx,
    ) {
        Ok(t) => Ok(t),
        Err(e @ PackageError::PartSize { .. }) => Err(e),
        Err(_) => Ok(None),
    };
    let numbering = optional(&mut archive, "word/numbering.xml")?;
    let styles = optional(&mut archive, "word/styles.xml")?;
    Ok(Parts {
        document,
        numbering,
        styles,
    })
}

/// Whether `bytes` are a zip archive holding `word/document.xml`.
pub fn is_word(bytes: &[u8]) -> bool {
    open_archive(bytes, Package::Docx).is_ok_and(|a| a.index_for_name(DOCUMENT).is_some())
}

/// Extracts the text and tables of a `.docx`.
pub fn extract(bytes: &[u8]) -> Result<Extracted, ImportError> {
    let parts = parts(bytes)?;
    check_shape(&parts.document, DOCUMENT)?;
    // Numbering only adds heading numbers: a part too deep is left out, one
    // with too many attributes refused.
    let shallow = |t: Option<String>, part| -> Result<Option<String>, ImportError> {
        match t {
            Some(x) => match check_shape(&x, part) {
                Ok(()) => Ok(Some(x)),
                Err(PackageError::XmlDepth { .. }) => Ok(None),
                Err(e) => Err(e.into()),
            },
            None => Ok(None),
        }
    };
    let numbering = Numbering::new(
        shallow(parts.numbering, "word/numbering.xml")?.as_deref(),
        shallow(parts.styles, "word/styles.xml")?.as_deref(),
    )?;
    let doc = Document::parse_with_options(&parts.document, parsing_options()).map_err(|e| {
        ImportError::XmlRefused {
            part: DOCUMENT,
            detail: xml_refusal(&e),
        }
    })?;
    let Some(body) = doc.root_element().children().find(|n| is(n, "body")) else {
        return Err(ImportError::NoBody { part: DOCUMENT });
    };
    let mut w = Walker {
        out: Extracted::default(),
        paragraphs: 0,
        tables: 0,
        cells: 0,
        numbering,
    };
    w.blocks(body, 0, 0)?;
    Ok(w.out)
}

/// Whether `n` is an element with local name `name` (any namespace: both
/// transitional and strict OOXML).
fn is(n: &Node, name: &str) -> bool {
    n.is_element() && n.tag_name().name() == name
}

/// The `w:val` attribute of the first child element named `name`.
fn child_val<'a>(n: &Node<'a, '_>, name: &str) -> Option<&'a str> {
    let c = n.children().find(|c| is(c, name))?;
    c.attributes()
        .find(|a| a.name() == "val")
        .map(|a| a.value())
}

/// Elements whose text is not part of what is printed: deleted revisions,
/// field codes, the fallback copy of alternate content, text boxes (their
/// paragraphs are not in reading order).
const HIDDEN: &[&str] = &["del", "delText", "instrText", "Fallback", "txbxContent"];

/// What a run's own properties (`w:rPr`) say about how its text prints.
#[derive(Default)]
struct RunLook {
    /// `w:vanish`: hidden text, not printed.
    hidden: bool,
    /// `w:vertAlign w:val="superscript"`.
    superscript: bool,
}

/// The look of `run` (a `w:r`; any other node has the default look).
fn run_look(run: Node) -> RunLook {
    let Some(props) = run
        .children()
        .find(|c| is(c, "rPr"))
        .filter(|_| is(&run, "r"))
    else {
        return RunLook::default();
    };
    // `<w:vanish/>` is on; `<w:vanish w:val="0"/>` turns it off.
    let hidden = props.children().any(|c| is(&c, "vanish"))
        && !matches!(child_val(&props, "vanish"), Some("0" | "false" | "off"));
    RunLook {
        hidden,
        superscript: child_val(&props, "vertAlign") == Some("superscript"),
    }
}

/// The printed text of a paragraph: runs, tabs and breaks.
fn paragraph_text(p: Node) -> String {
    let mut out = String::new();
    for n in p.descendants().filter(Node::is_element) {
        let name = n.tag_name().name();
        if !matches!(
            name,
            "t" | "tab" | "br" | "cr" | "noBreakHyphen" | "softHyphen"
        ) {
            continue;
        }
        let hidden = n
            .ancestors()
            .skip(1)
            .take(MAX_DEPTH)
            .take_while(|a| *a != p)
            .any(|a| HIDDEN.contains(&a.tag_name().name()));
        let look = n.parent().map(run_look).unwrap_or_default();
        if hidden || look.hidden {
            continue;
        }
        match name {
            // Without the zero-width spaces nianbao puts into addresses and
            // the word joiners of the signature and date (render::docx::runs);
            // a superscript right after a digit is a footnote mark, read as a
            // note in brackets (`5345（1）`), not as more digits.
            "t" => {
                let glued = look.superscript && out.ends_with(|c: char| c.is_ascii_digit());
                if glued {
                    out.push('（');
                }
                out.extend(
                    n.text()
                        .unwrap_or("")
                        .chars()
                        .filter(|&c| !matches!(c, '\u{200B}' | '\u{2060}')),
                );
                if glued {
                    out.push('）');
                }
            }
            // A tab inside a table cell's paragraph is never a cell boundary.
            "tab" => out.push('\t'),
            "br" | "cr" => out.push('\n'),
            // Word's optional hyphen: the soft hyphen it stands for.
            "softHyphen" => out.push('\u{00AD}'),
            _ => out.push('-'),
        }
    }
    out
}

struct Walker {
    out: Extracted,
    /// Automatic numbering of paragraphs.
    numbering: Numbering,
    /// Paragraphs seen outside tables.
    paragraphs: usize,
    /// Tables seen.
    tables: usize,
    /// Grid cells of all tables so far.
    cells: usize,
}

impl Walker {
    fn check_size(&self) -> Result<(), ImportError> {
        if self.out.lines.len() > MAX_LINES {
            return Err(Limit::Lines { max: MAX_LINES }.into());
        }
        if self.out.text.len() > MAX_TEXT_BYTES {
            return Err(Limit::DocxText {
                max: MAX_TEXT_BYTES,
            }
            .into());
        }
        Ok(())
    }

    /// Counts a cell of `span` grid columns ending at column `end`, against
    /// the row width, the cells of its table (`table_cells` before it) and
    /// the cells of the document.
    fn count_cells(
        &mut self,
        end: usize,
        span: usize,
        table_cells: usize,
    ) -> Result<(), ImportError> {
        if end > MAX_ROW_COLUMNS {
            return Err(Limit::RowWidth {
                max: MAX_ROW_COLUMNS,
            }
            .into());
        }
        self.cells += span;
        if table_cells + span > MAX_TABLE_CELLS {
            return Err(Limit::Cells {
                max: MAX_TABLE_CELLS,
            }
            .into());
        }
        if self.cells > MAX_CELLS {
            return Err(Limit::Cells { max: MAX_CELLS }.into());
        }
        Ok(())
    }

    /// Walks block content: paragraphs, tables, content controls.
    fn blocks(&mut self, node: Node, depth: usize, nesting: usize) -> Result<(), ImportError> {
        if depth > MAX_DEPTH {
            return Err(Limit::BlockDepth {
                part: DOCUMENT,
                max: MAX_DEPTH,
            }
            .into());
        }
        for child in node.children().filter(Node::is_element) {
            match child.tag_name().name() {
                "p" => {
                    self.paragraphs += 1;
                    let place = format!("第 {} 段", self.paragraphs);
                    let mut text = paragraph_text(child);
                    if let Some(number) = self.numbering.label(child) {
                        text.insert_str(0, &number);
                    }
                    for part in text.split('\n') {
                        self.out.push_text(part, place.clone());
                    }
                    self.check_size()?;
                }
                "tbl" => self.table(child, depth + 1, nesting + 1)?,
                "sdt" | "sdtContent" | "customXml" | "ins" | "moveTo" | "smartTag" => {
                    self.blocks(child, depth + 1, nesting)?;
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The rows of a table, looking through content controls around them.
    fn rows<'a, 'i>(tbl: Node<'a, 'i>) -> Vec<Node<'a, 'i>> {
        Self::own_children(tbl, "tr", "tbl")
    }

    /// The cells of a row, looking through content controls around them.
    fn cells<'a, 'i>(tr: Node<'a, 'i>) -> Vec<Node<'a, 'i>> {
        Self::own_children(tr, "tc", "tr")
    }

    /// The `child` elements of `parent` (a `parent_tag`), direct or inside
    /// content controls (`sdt`, `customXml`), not those of a nested one.
    fn own_children<'a, 'i>(
        parent: Node<'a, 'i>,
        child: &str,
        parent_tag: &str,
    ) -> Vec<Node<'a, 'i>> {
        let mut out = Vec::new();
        for c in parent.children().filter(Node::is_element) {
            if is(&c, child) {
                out.push(c);
            } else if is(&c, "sdt") || is(&c, "customXml") {
                for d in c.descendants().filter(|d| is(d, child)) {
                    let owner = d
                        .ancestors()
                        .skip(1)
                        .take(MAX_DEPTH)
                        .find(|a| is(a, parent_tag));
                    if owner == Some(parent) {
                        out.push(d);
                    }
                }
            }
        }
        out
    }

    fn table(&mut self, tbl: Node, depth: usize, nesting: usize) -> Result<(), ImportError> {
        if nesting > MAX_TABLE_NESTING {
            return Err(Limit::TableNesting {
                max: MAX_TABLE_NESTING,
            }
            .into());
        }
        let rows = Self::rows(tbl);
        // A table holding tables is layout, not data: its content is read in
        // order, as running text and the tables inside it.
        let layout = rows.iter().any(|r| {
            Self::cells(*r)
                .iter()
                .any(|c| c.children().any(|n| is(&n, "tbl")))
        });
        if layout {
            for r in rows {
                for c in Self::cells(r) {
                    self.blocks(c, depth + 1, nesting)?;
                }
            }
            return Ok(());
        }
        self.tables += 1;
        let t = self.tables;
        let mut grid: Vec<Vec<GridCell>> = Vec::with_capacity(rows.len());
        let mut table_cells = 0;
        for r in &rows {
            let before = r
                .children()
                .find(|c| is(c, "trPr"))
                .and_then(|pr| child_val(&pr, "gridBefore"))
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(0)
                .min(MAX_SPAN);
            let mut col = before;
            let mut row = Vec::new();
            for tc in Self::cells(*r) {
                let pr = tc.children().find(|c| is(c, "tcPr"));
                let span = pr
                    .and_then(|pr| child_val(&pr, "gridSpan"))
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, MAX_SPAN);
                let vmerge = match pr.and_then(|pr| pr.children().find(|c| is(c, "vMerge"))) {
                    None => VMerge::None,
                    Some(v) => match v.attributes().find(|a| a.name() == "val") {
                        Some(a) if a.value() == "restart" => VMerge::Restart,
                        _ => VMerge::Continue,
                    },
                };
                let text: String = tc
                    .children()
                    .filter(|p| is(p, "p"))
                    .map(paragraph_text)
                    .collect::<Vec<_>>()
                    .concat();
                row.push(GridCell {
                    text,
                    col,
                    span,
                    vmerge,
                });
                col += span;
                self.count_cells(col, span, table_cells)?;
                table_cells += span;
            }
            grid.push(row);
        }
        let lines_before = self.out.lines.len();
        grid::push_rows(&mut self.out, &grid, |r, c| {
            format!("表 {t} 第 {} 行第 {} 列", r + 1, c + 1)
        });
        if self.out.lines.len() > lines_before {
            self.check_size()?;
        }
        Ok(())
    }
}

/// One level of a list definition (`w:lvl`).
#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
}

/// Word's automatic numbering (`word/numbering.xml`, and numbering given to
/// paragraph styles in `word/styles.xml`): the number Word shows before a
/// paragraph (`一、`, `（二）`, `3.`), which is not in the paragraph's text,
/// so that numbered headings are found like typed ones.
#[derive(Debug, Default)]
struct Numbering {
    /// `w:numId` → `w:abstractNumId`.
    nums: HashMap<String, String>,
    /// `w:abstractNumId` → levels by `w:ilvl`.
    abstracts: HashMap<String, Vec<Level>>,
    /// Paragraph style → (`w:numId`, `w:ilvl`).
    styles: HashMap<String, (String, usize)>,
    /// Counters by `w:abstractNumId`.
    counters: HashMap<String, [Option<u32>; 9]>,
}

/// Most list definitions read.
const MAX_LISTS: usize = 10_000;

impl Numbering {
    /// Reads the list definitions; refuses a list-level label over
    /// [`MAX_LABEL_CHARS`].
    fn new(numbering: Option<&str>, styles: Option<&str>) -> Result<Numbering, ImportError> {
        let opts = ParsingOptions {
            allow_dtd: false,
            nodes_limit: MAX_XML_NODES / 4,
        };
        let mut n = Numbering::default();
        let val = |node: &Node, name: &str| child_val(node, name).map(str::to_string);
        let attr = |node: &Node, name: &str| {
            node.attributes()
                .find(|a| a.name() == name)
                .map(|a| a.value().to_string())
        };
        if let Some(doc) = numbering.and_then(|x| Document::parse_with_options(x, opts).ok()) {
            for node in doc
                .root_element()
                .children()
                .filter(Node::is_element)
                .take(MAX_LISTS)
            {
                match node.tag_name().name() {
                    "abstractNum" => {
                        let Some(id) = attr(&node, "abstractNumId") else {
                            continue;
                        };
                        let mut levels = vec![Level::default(); 9];
                        for lvl in node.children().filter(|c| is(c, "lvl")) {
                            let Some(i) = attr(&lvl, "ilvl").and_then(|v| v.parse::<usize>().ok())
                            else {
                                continue;
                            };
                            let text = val(&lvl, "lvlText").unwrap_or_default();
                            if text.chars().count() > MAX_LABEL_CHARS {
                                return Err(Limit::NumberingLabel {
                                    max: MAX_LABEL_CHARS,
                                }
                                .into());
                            }
                            if let Some(l) = levels.get_mut(i) {
                                *l = Level {
                                    start: val(&lvl, "start")
                                        .and_then(|v| v.parse().ok())
                                        .unwrap_or(1),
                                    format: val(&lvl, "numFmt").unwrap_or_default(),
                                    text,
                                };
                            }
                        }
                        n.abstracts.insert(id, levels);
                    }
                    "num" => {
                        if let (Some(id), Some(a)) =
                            (attr(&node, "numId"), val(&node, "abstractNumId"))
                        {
                            n.nums.insert(id, a);
                        }
                    }
                    _ => {}
                }
            }
        }
        if let Some(doc) = styles.and_then(|x| Document::parse_with_options(x, opts).ok()) {
            for style in doc
                .root_element()
                .children()
                .filter(|c| is(c, "style"))
                .take(MAX_LISTS)
            {
                let Some(id) = attr(&style, "styleId") else {
                    continue;
                };
                let num = style
                    .children()
                    .find(|c| is(c, "pPr"))
                    .and_then(|p| p.children().find(|c| is(c, "numPr")));
                if let Some(num) = num
                    && let Some(num_id) = val(&num, "numId")
                {
                    let ilvl = val(&num, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                    n.styles.insert(id, (num_id, ilvl));
                }
            }
        }
        Ok(n)
    }

    /// The number shown before paragraph `p`, counting it; `None` when it
    /// has no automatic number (or a bullet).
    fn label(&mut self, p: Node) -> Option<String> {
        let ppr = p.children().find(|c| is(c, "pPr"))?;
        let direct = ppr.children().find(|c| is(c, "numPr"));
        let style = child_val(&ppr, "pStyle").and_then(|s| self.styles.get(s).cloned());
        let (num_id, ilvl) = match direct {
            Some(np) => {
                let id = child_val(&np, "numId").map(str::to_string);
                let lvl = child_val(&np, "ilvl").and_then(|v| v.parse::<usize>().ok());
                match (id, style) {
                    (Some(id), s) => (id, lvl.or(s.map(|s| s.1)).unwrap_or(0)),
                    (None, Some((sid, sl))) => (sid, lvl.unwrap_or(sl)),
                    (None, None) => return None,
                }
            }
            None => style?,
        };
        if num_id == "0" || ilvl >= 9 {
            return None;
        }
        let abs = self.nums.get(&num_id)?.clone();
        let levels = self.abstracts.get(&abs)?;
        let counters = self.counters.entry(abs).or_insert([None; 9]);
        counters[ilvl] = Some(match counters[ilvl] {
            Some(c) => c.saturating_add(1),
            None => levels[ilvl].start,
        });
        for c in counters.iter_mut().skip(ilvl + 1) {
            *c = None;
        }
        let level = &levels[ilvl];
        if level.format == "bullet" || level.format == "none" || level.text.is_empty() {
            return None;
        }
        let mut out = level.text.clone();
        for (k, l) in levels.iter().enumerate().take(ilvl + 1) {
            let value = counters[k].unwrap_or(l.start);
            out = out.replace(&format!("%{}", k + 1), &format_number(value, &l.format));
        }
        Some(out)
    }
}

/// A list number in Word's format `format`.
fn format_number(n: u32, format: &str) -> String {
    const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "ideographTraditional"
        | "taiwaneseCounting"
        | "japaneseCounting"
            if n < 100 =>
        {
            let (tens, ones) = ((n / 10) as usize, (n % 10) as usize);
            match (tens, ones) {
                (0, o) => DIGITS[o].to_string(),
                (1, 0) => "十".into(),
                (1, o) => format!("十{}", DIGITS[o]),
                (t, 0) => format!("{}十", DIGITS[t]),
                (t, o) => format!("{}十{}", DIGITS[t], DIGITS[o]),
            }
        }
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c))
            .collect(),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32('①' as u32 + n - 1).map_or(n.to_string(), String::from)
        }
        "lowerLetter" if (1..=26).contains(&n) => char::from(b'a' + (n - 1) as u8).to_string(),
        "upperLetter" if (1..=26).contains(&n) => char::from(b'A' + (n - 1) as u8).to_string(),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_numbers_in_word_formats() {
        assert_eq!(format_number(1, "chineseCounting"), "一");
        assert_eq!(format_number(10, "chineseCounting"), "十");
        assert_eq!(format_number(16, "chineseCountingThousand"), "十六");
        assert_eq!(format_number(23, "chineseCounting"), "二十三");
        assert_eq!(format_number(7, "decimal"), "7");
        assert_eq!(format_number(12, "decimalFullWidth"), "１２");
        assert_eq!(format_number(3, "decimalEnclosedCircle"), "③");
    }

    #[test]
    fn hidden_runs_are_left_out_and_footnote_marks_bracketed() {
        let xml = r#"<w:p xmlns:w="w"><w:r><w:t>行政许可5345</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>1</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>999</w:t></w:r><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>件，20m</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>2</w:t></w:r></w:p>"#;
        let doc = Document::parse(xml).unwrap();
        assert_eq!(
            paragraph_text(doc.root_element()),
            "行政许可5345（1）件，20m2"
        );
    }
}
