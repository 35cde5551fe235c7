//! Reading a workbook's cells, bounded: the package (zip end-of-directory
//! records, entries, the decompressed size of every part read: the same
//! bounds as a .docx on import), the XML (its shape before parsing, a node
//! budget, no DTD), the sheets, the shared strings (count and characters)
//! and the cells. Formulas are never evaluated: a formula cell keeps the
//! value its program saved, if any.

use std::collections::{BTreeMap, HashMap};
use std::io::Cursor;

use roxmltree::{Document, Node};

use super::cell::{parse_a1, parse_range};
use crate::zip_xml::read::{
    Package, PackageError, check_shape, open_archive, parsing_options, read_entry, xml_refusal,
};

/// Why a workbook could not be read; `Display` is the complete Chinese
/// message.
#[derive(Debug)]
pub(crate) enum WorkbookError {
    /// The package or one of its parts.
    Package(PackageError),
    /// The package has no workbook part.
    NotWorkbook {
        /// The part that is missing.
        part: &'static str,
    },
    /// An XML part is refused by the parser (invalid, or a DTD).
    XmlRefused {
        /// The part.
        part: &'static str,
        /// What the XML parser said.
        detail: String,
    },
    /// A bound of the workbook's own (sheets, strings, cells): the message.
    Read(String),
}

impl std::fmt::Display for WorkbookError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WorkbookError::Package(e) => e.fmt(f),
            WorkbookError::NotWorkbook { part } => write!(
                f,
                "压缩包中没有 {part}，这不是 Excel 工作簿（.xlsx）；请在 Excel 或 WPS 表格中另存为 .xlsx 再导入"
            ),
            WorkbookError::XmlRefused { part, detail } => write!(
                f,
                "{part} 不是有效的 XML（{detail}）；文件可能已损坏，请在 Excel 或 WPS 表格中重新另存为 .xlsx"
            ),
            WorkbookError::Read(message) => f.write_str(message),
        }
    }
}

impl From<PackageError> for WorkbookError {
    fn from(e: PackageError) -> WorkbookError {
        WorkbookError::Package(e)
    }
}

/// Most worksheets read.
pub const MAX_SHEETS: usize = 64;
/// Most bytes one XML part may decompress to.
pub const MAX_PART_BYTES: u64 = 32 * 1024 * 1024;
/// Most shared strings.
pub const MAX_STRINGS: usize = 200_000;
/// Most characters in all shared strings together.
pub const MAX_STRING_CHARS: usize = 16 * 1024 * 1024;
/// Most characters of text in all cells together, shared strings counted
/// at every cell that refers to one: what reading produces, not what it
/// reads (a 47 KB workbook whose one 10-million-character shared string a
/// thousand cells refer to would otherwise expand to 10 billion).
pub const MAX_CELL_CHARS: usize = 4 * 1024 * 1024;
/// Most cells (written `<c>` elements) in all sheets together.
pub const MAX_CELLS: usize = 100_000;
/// Most merged ranges in all sheets together.
pub const MAX_MERGES: usize = 2_000;
/// What a cell holds, as saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Raw {
    /// A number, as its saved text (`12`, `1.5`, `1E-4`).
    Number(String),
    /// Text.
    Text(String),
    /// TRUE or FALSE.
    Bool(bool),
    /// An error value (`#VALUE!`).
    Error(String),
}

/// One cell as saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct RawCell {
    /// The value; for a formula the one its program saved (None when none
    /// was saved).
    pub value: Option<Raw>,
    /// Whether the cell holds a formula.
    pub formula: bool,
}

/// A worksheet: its name, cells by 0-based (row, column), merged ranges.
#[derive(Debug, Clone, Default)]
pub(super) struct RawSheet {
    /// The tab's name.
    pub name: String,
    /// The cells written.
    pub cells: BTreeMap<(u32, u32), RawCell>,
    /// Merged ranges, top-left and bottom-right.
    pub merges: Vec<((u32, u32), (u32, u32))>,
}

impl RawSheet {
    /// The bottom-right corner of the merged range starting at (`row`, `col`).
    pub(super) fn extent(&self, row: u32, col: u32) -> (u32, u32) {
        self.merges
            .iter()
            .find(|(a, _)| *a == (row, col))
            .map_or((row, col), |(_, b)| *b)
    }
}

type Archive<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

/// Whether `bytes` look like a workbook: a zip archive with `xl/workbook.xml`.
pub(super) fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
        && open_archive(bytes, Package::Xlsx).is_ok_and(|a| a.index_for_name(WORKBOOK).is_some())
}

const WORKBOOK: &str = "xl/workbook.xml";

/// Reads every worksheet of the workbook in `bytes`, in workbook order.
pub(super) fn sheets(bytes: &[u8]) -> Result<Vec<RawSheet>, WorkbookError> {
    let mut archive = open_archive(bytes, Package::Xlsx)?;
    let workbook =
        part(&mut archive, WORKBOOK)?.ok_or(WorkbookError::NotWorkbook { part: WORKBOOK })?;
    let rels = part(&mut archive, "xl/_rels/workbook.xml.rels")?.unwrap_or_default();
    let targets = relationships(&rels)?;
    let listed = sheet_list(&workbook)?;
    if listed.len() > MAX_SHEETS {
        return Err(WorkbookError::Read(format!(
            "工作簿有 {} 张工作表，超过上限 {MAX_SHEETS}，不像是年报工作簿，未读取",
            listed.len()
        )));
    }
    let strings = match part(&mut archive, "xl/sharedStrings.xml")? {
        Some(xml) => shared_strings(&xml)?,
        None => Vec::new(),
    };
    let mut budget = Budget::default();
    let mut out = Vec::new();
    for (name, rid) in listed {
        let Some(target) = targets.get(&rid) else {
            continue;
        };
        let path = match target.strip_prefix('/') {
            Some(abs) => abs.to_string(),
            None => format!("xl/{target}"),
        };
        // A chart sheet or a part that is missing is no table to read.
        let Some(xml) = part(&mut archive, &path)? else {
            continue;
        };
        out.push(sheet(name, &xml, &strings, &mut budget)?);
    }
    Ok(out)
}

/// One part of the archive, bounded, its XML shape checked; None when missing.
fn part(archive: &mut Archive<'_>, name: &str) -> Result<Option<String>, WorkbookError> {
    let Some(xml) = read_entry(archive, name, MAX_PART_BYTES, Package::Xlsx)? else {
        return Ok(None);
    };
    check_shape(&xml, "工作簿的 XML")?;
    Ok(Some(xml))
}

fn parse(xml: &str) -> Result<Document<'_>, WorkbookError> {
    Document::parse_with_options(xml, parsing_options()).map_err(|e| WorkbookError::XmlRefused {
        part: "工作簿的 XML",
        detail: xml_refusal(&e),
    })
}

fn is(n: &Node, name: &str) -> bool {
    n.is_element() && n.tag_name().name() == name
}

/// The relationship targets of the workbook, by id.
fn relationships(xml: &str) -> Result<HashMap<String, String>, WorkbookError> {
    if xml.is_empty() {
        return Ok(HashMap::new());
    }
    let doc = parse(xml)?;
    Ok(doc
        .root_element()
        .children()
        .filter(|n| is(n, "Relationship"))
        .filter_map(|n| {
            Some((
                n.attribute("Id")?.to_string(),
                n.attribute("Target")?.to_string(),
            ))
        })
        .collect())
}

/// The sheets the workbook lists: name and relationship id, in order.
fn sheet_list(xml: &str) -> Result<Vec<(String, String)>, WorkbookError> {
    let doc = parse(xml)?;
    let Some(sheets) = doc.root_element().children().find(|n| is(n, "sheets")) else {
        return Ok(Vec::new());
    };
    Ok(sheets
        .children()
        .filter(|n| is(n, "sheet"))
        .filter_map(|n| {
            let rid = n
                .attributes()
                .find(|a| a.name() == "id")?
                .value()
                .to_string();
            Some((n.attribute("name").unwrap_or_default().to_string(), rid))
        })
        .collect())
}

/// The text of a string item (`<si>` or `<is>`): its `<t>`, or the `<t>` of
/// its runs; phonetic runs (`<rPh>`) left out.
fn string_item(node: Node) -> String {
    let mut out = String::new();
    for child in node.children() {
        if is(&child, "t") {
            out.push_str(child.text().unwrap_or_default());
        } else if is(&child, "r") {
            for t in child.children().filter(|n| is(n, "t")) {
                out.push_str(t.text().unwrap_or_default());
            }
        }
    }
    out
}

fn shared_strings(xml: &str) -> Result<Vec<String>, WorkbookError> {
    let doc = parse(xml)?;
    let mut out = Vec::new();
    let mut chars = 0usize;
    for si in doc.root_element().children().filter(|n| is(n, "si")) {
        if out.len() >= MAX_STRINGS {
            return Err(WorkbookError::Read(format!(
                "工作簿的共享字符串超过 {MAX_STRINGS} 条，不像是年报工作簿，未读取"
            )));
        }
        let s = string_item(si);
        chars += s.chars().count();
        if chars > MAX_STRING_CHARS {
            return Err(WorkbookError::Read(format!(
                "工作簿的共享字符串合计超过 {} 个字符，不像是年报工作簿，未读取",
                MAX_STRING_CHARS
            )));
        }
        out.push(s);
    }
    Ok(out)
}

/// What all sheets together may still hold.
#[derive(Debug, Default)]
struct Budget {
    cells: usize,
    merges: usize,
    /// Characters of cell text produced so far ([`MAX_CELL_CHARS`]).
    chars: usize,
}

impl Budget {
    /// Counts `text`'s characters, refusing once all cells together exceed
    /// [`MAX_CELL_CHARS`].
    fn take(&mut self, text: &str) -> Result<(), WorkbookError> {
        self.chars = self.chars.saturating_add(text.chars().count());
        if self.chars > MAX_CELL_CHARS {
            return Err(WorkbookError::Read(format!(
                "工作簿各单元格的文字合计超过 {} 万字（共享字符串按引用它的单元格重复计算），不像是年报工作簿，未读取",
                MAX_CELL_CHARS / 10_000
            )));
        }
        Ok(())
    }
}

fn sheet(
    name: String,
    xml: &str,
    strings: &[String],
    budget: &mut Budget,
) -> Result<RawSheet, WorkbookError> {
    let doc = parse(xml)?;
    let root = doc.root_element();
    let mut out = RawSheet {
        name,
        ..RawSheet::default()
    };
    let limit = |what: &str, max: usize| {
        WorkbookError::Read(format!(
            "工作簿的{what}超过 {max} 个，不像是年报工作簿，未读取"
        ))
    };
    if let Some(data) = root.children().find(|n| is(n, "sheetData")) {
        let mut next_row = 0u32;
        for row in data.children().filter(|n| is(n, "row")) {
            let r = row
                .attribute("r")
                .and_then(|r| r.parse::<u32>().ok())
                .filter(|r| (1..=super::cell::MAX_ROWS).contains(r))
                .map_or(next_row, |r| r - 1);
            next_row = r + 1;
            let mut next_col = 0u32;
            for c in row.children().filter(|n| is(n, "c")) {
                budget.cells += 1;
                if budget.cells > MAX_CELLS {
                    return Err(limit("单元格", MAX_CELLS));
                }
                let (row_at, col) = c.attribute("r").and_then(parse_a1).unwrap_or((r, next_col));
                next_col = col + 1;
                let cell = read_cell(c, strings, budget)?;
                if cell.value.is_some() || cell.formula {
                    out.cells.insert((row_at, col), cell);
                }
            }
        }
    }
    if let Some(merges) = root.children().find(|n| is(n, "mergeCells")) {
        for m in merges.children().filter(|n| is(n, "mergeCell")) {
            budget.merges += 1;
            if budget.merges > MAX_MERGES {
                return Err(limit("合并单元格", MAX_MERGES));
            }
            if let Some(range) = m.attribute("ref").and_then(parse_range) {
                out.merges.push(range);
            }
        }
    }
    Ok(out)
}

/// One cell's value; its text counted against `budget` before it is
/// copied.
fn read_cell(c: Node, strings: &[String], budget: &mut Budget) -> Result<RawCell, WorkbookError> {
    let formula = c.children().any(|n| is(&n, "f"));
    let v = c.children().find(|n| is(n, "v")).and_then(|n| n.text());
    budget.take(v.unwrap_or(""))?;
    let value = match c.attribute("t").unwrap_or("n") {
        "s" => match v
            .and_then(|i| i.trim().parse::<usize>().ok())
            .and_then(|i| strings.get(i))
        {
            Some(s) => {
                budget.take(s)?;
                Some(Raw::Text(s.clone()))
            }
            None => None,
        },
        "inlineStr" => match c.children().find(|n| is(n, "is")).map(string_item) {
            Some(text) => {
                budget.take(&text)?;
                Some(Raw::Text(text))
            }
            None => None,
        },
        "str" => v.map(|s| Raw::Text(s.to_string())),
        "b" => v.map(|s| Raw::Bool(s.trim() == "1")),
        "e" => v.map(|s| Raw::Error(s.to_string())),
        _ => v
            .filter(|s| !s.trim().is_empty())
            .map(|s| Raw::Number(s.trim().to_string())),
    };
    Ok(RawCell { value, formula })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A workbook of one sheet whose `cells` cells all refer to one shared
    /// string of `chars` characters.
    fn amplifying(chars: usize, cells: usize) -> Vec<u8> {
        let rels = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
            <Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\" \
            Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\"/>\
            </Relationships>";
        let workbook = "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
            xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">\
            <sheets><sheet name=\"表三\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
        let strings = format!("<sst><si><t>{}</t></si></sst>", "字".repeat(chars));
        let mut sheet = String::from("<worksheet><sheetData><row r=\"1\">");
        for c in 0..cells {
            sheet.push_str(&format!(
                "<c r=\"{}1\" t=\"s\"><v>0</v></c>",
                super::super::cell::column_name(c as u32)
            ));
        }
        sheet.push_str("</row></sheetData></worksheet>");
        crate::zip_xml::zip::write(&[
            ("xl/workbook.xml", workbook.as_bytes().to_vec()),
            ("xl/_rels/workbook.xml.rels", rels.as_bytes().to_vec()),
            ("xl/sharedStrings.xml", strings.into_bytes()),
            ("xl/worksheets/sheet1.xml", sheet.into_bytes()),
        ])
    }

    /// One long shared string referred to by many cells is counted at each
    /// of them and refused before it is copied (issue 45.1); a workbook
    /// within the budget is read.
    #[test]
    fn shared_strings_are_counted_at_every_cell_that_uses_them() {
        let start = std::time::Instant::now();
        let e = sheets(&amplifying(1_000_000, 1_000)).unwrap_err();
        assert!(e.to_string().contains("单元格的文字合计超过"), "{e}");
        assert!(start.elapsed() < std::time::Duration::from_secs(5));
        let ok = sheets(&amplifying(1_000, 100)).unwrap();
        assert_eq!(ok[0].cells.len(), 100);
    }
}
