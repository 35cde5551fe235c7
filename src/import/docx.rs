//! Word documents (`.docx`): the text of `word/document.xml`, paragraphs as
//! running text and every table row with its cells resolved to the exact
//! grid (`w:gridSpan`, `w:vMerge`), in the common form of [`lines`](super::lines).
//!
//! A `.docx` is a zip archive; it is untrusted, so the archive's entry count,
//! the decompressed size of the one entry read, the number of XML nodes and
//! the nesting of elements and tables are all bounded, and DTDs (entity
//! expansion) are refused. Every failure is an [`ImportError`] in Chinese.

use std::io::{Cursor, Read};

use roxmltree::{Document, Node, ParsingOptions};

use super::ImportError;
use super::lines::{Extracted, GridCell, VMerge};

/// Most entries the archive may hold.
pub const MAX_ENTRIES: usize = 5_000;
/// Most bytes `word/document.xml` may decompress to.
pub const MAX_XML_BYTES: u64 = 64 * 1024 * 1024;
/// Most XML nodes parsed.
const MAX_NODES: u32 = 4_000_000;
/// Deepest nesting of block elements (content controls, cells) walked.
const MAX_DEPTH: usize = 64;
/// Most tables nested in one another.
pub const MAX_TABLE_NESTING: usize = 4;
/// Widest cell span honoured (`w:gridSpan`).
const MAX_SPAN: usize = 64;
/// Most lines taken from one document.
const MAX_LINES: usize = 200_000;

/// The part of the archive that holds the document body.
const DOCUMENT: &str = "word/document.xml";

fn fail(message: impl Into<String>) -> ImportError {
    ImportError(message.into())
}

/// Reads `word/document.xml` out of the archive, bounded.
fn document_xml(bytes: &[u8]) -> Result<String, ImportError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        fail(format!(
            "这个 .docx 文件已损坏，无法作为 zip 压缩包打开（{e}）；请在 Word 或 WPS 中重新另存为 .docx"
        ))
    })?;
    if archive.len() > MAX_ENTRIES {
        return Err(fail(format!(
            "这个 .docx 压缩包含有 {} 个文件，超过上限 {MAX_ENTRIES}，不像是正常的 Word 文档，未导入",
            archive.len()
        )));
    }
    let mut entry = match archive.by_name(DOCUMENT) {
        Ok(e) => e,
        Err(zip::result::ZipError::FileNotFound) => {
            return Err(fail(format!(
                "压缩包中没有 {DOCUMENT}，这不是 Word 文档（.docx）；如是 WPS 或其他格式，请另存为 .docx 或文本再导入"
            )));
        }
        Err(e) => {
            return Err(fail(format!(
                "无法读取 .docx 中的 {DOCUMENT}（{e}）；文件可能已损坏或加了密码"
            )));
        }
    };
    let too_big = || {
        fail(format!(
            "{DOCUMENT} 解压后超过 {} MB，不像是正常的年报（可能是压缩炸弹），未导入",
            MAX_XML_BYTES / 1024 / 1024
        ))
    };
    if entry.size() > MAX_XML_BYTES {
        return Err(too_big());
    }
    let mut buf = Vec::new();
    (&mut entry)
        .take(MAX_XML_BYTES + 1)
        .read_to_end(&mut buf)
        .map_err(|e| {
            fail(format!(
                "解压 .docx 中的 {DOCUMENT} 时出错（{e}）；文件可能已损坏"
            ))
        })?;
    if buf.len() as u64 > MAX_XML_BYTES {
        return Err(too_big());
    }
    String::from_utf8(buf)
        .map_err(|_| fail(format!("{DOCUMENT} 不是 UTF-8 编码的 XML；文件可能已损坏")))
}

/// Extracts the text and tables of a `.docx`.
pub fn extract(bytes: &[u8]) -> Result<Extracted, ImportError> {
    let xml = document_xml(bytes)?;
    let opts = ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_NODES,
    };
    let doc = Document::parse_with_options(&xml, opts).map_err(|e| {
        fail(format!(
            "{DOCUMENT} 不是有效的 XML（{e}）；文件可能已损坏，请在 Word 或 WPS 中重新另存为 .docx"
        ))
    })?;
    let Some(body) = doc.root_element().children().find(|n| is(n, "body")) else {
        return Err(fail(format!(
            "{DOCUMENT} 中没有正文（w:body）；这不像是 Word 文档"
        )));
    };
    let mut w = Walker {
        out: Extracted::default(),
        paragraphs: 0,
        tables: 0,
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

/// The printed text of a paragraph: runs, tabs and breaks.
fn paragraph_text(p: Node) -> String {
    let mut out = String::new();
    for n in p.descendants().filter(Node::is_element) {
        let name = n.tag_name().name();
        if !matches!(name, "t" | "tab" | "br" | "cr" | "noBreakHyphen") {
            continue;
        }
        let hidden = n
            .ancestors()
            .skip(1)
            .take_while(|a| *a != p)
            .any(|a| HIDDEN.contains(&a.tag_name().name()));
        if hidden {
            continue;
        }
        match name {
            "t" => out.push_str(n.text().unwrap_or("")),
            // A tab inside a table cell's paragraph is never a cell boundary.
            "tab" => out.push('\t'),
            "br" | "cr" => out.push('\n'),
            _ => out.push('-'),
        }
    }
    out
}

struct Walker {
    out: Extracted,
    /// Paragraphs seen outside tables.
    paragraphs: usize,
    /// Tables seen.
    tables: usize,
}

impl Walker {
    fn check_size(&self) -> Result<(), ImportError> {
        if self.out.lines.len() > MAX_LINES {
            return Err(fail(format!(
                "文档超过 {MAX_LINES} 行，不像是一份年报，未导入"
            )));
        }
        Ok(())
    }

    /// Walks block content: paragraphs, tables, content controls.
    fn blocks(&mut self, node: Node, depth: usize, nesting: usize) -> Result<(), ImportError> {
        if depth > MAX_DEPTH {
            return Err(fail(format!(
                "{DOCUMENT} 的结构嵌套超过 {MAX_DEPTH} 层，不像是正常的 Word 文档，未导入"
            )));
        }
        for child in node.children().filter(Node::is_element) {
            match child.tag_name().name() {
                "p" => {
                    self.paragraphs += 1;
                    let place = format!("第 {} 段", self.paragraphs);
                    for part in paragraph_text(child).split('\n') {
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
        let mut out = Vec::new();
        for c in tbl.children().filter(Node::is_element) {
            if is(&c, "tr") {
                out.push(c);
            } else if is(&c, "sdt") || is(&c, "customXml") {
                for d in c.descendants().filter(|d| is(d, "tr")) {
                    if d.ancestors().skip(1).find(|a| is(a, "tbl")) == Some(tbl) {
                        out.push(d);
                    }
                }
            }
        }
        out
    }

    /// The cells of a row, looking through content controls around them.
    fn cells<'a, 'i>(tr: Node<'a, 'i>) -> Vec<Node<'a, 'i>> {
        let mut out = Vec::new();
        for c in tr.children().filter(Node::is_element) {
            if is(&c, "tc") {
                out.push(c);
            } else if is(&c, "sdt") || is(&c, "customXml") {
                for d in c.descendants().filter(|d| is(d, "tc")) {
                    if d.ancestors().skip(1).find(|a| is(a, "tr")) == Some(tr) {
                        out.push(d);
                    }
                }
            }
        }
        out
    }

    fn table(&mut self, tbl: Node, depth: usize, nesting: usize) -> Result<(), ImportError> {
        if nesting > MAX_TABLE_NESTING {
            return Err(fail(format!(
                "文档中的表格嵌套超过 {MAX_TABLE_NESTING} 层，无法判断表格结构，未导入；请把表格另存为普通表格或文本再导入"
            )));
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
            }
            grid.push(row);
        }
        let lines_before = self.out.lines.len();
        self.out.push_grid(&grid, |r, c| {
            format!("表 {t} 第 {} 行第 {} 列", r + 1, c + 1)
        });
        if self.out.lines.len() > lines_before {
            self.check_size()?;
        }
        Ok(())
    }
}
