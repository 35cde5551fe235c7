//! The workbook package: the parts around the worksheets (content types,
//! relationships, `xl/workbook.xml`, styles) and the zip.

use std::fmt::Write as _;

use super::sheet::Sheet;
use crate::zip_xml::xml::escape;

/// The XML declaration every part starts with.
use crate::zip_xml::xml::DECL;

const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const CT: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml";

/// The parts of a workbook holding `sheets`, by name, in package order.
pub(super) fn parts(sheets: &[Sheet]) -> Vec<(String, String)> {
    let mut parts = vec![
        (
            "[Content_Types].xml".to_string(),
            content_types(sheets.len()),
        ),
        ("_rels/.rels".to_string(), root_rels()),
        ("docProps/app.xml".to_string(), app()),
        ("xl/workbook.xml".to_string(), workbook(sheets)),
        (
            "xl/_rels/workbook.xml.rels".to_string(),
            workbook_rels(sheets.len()),
        ),
        ("xl/styles.xml".to_string(), super::styles::xml()),
    ];
    for (i, sheet) in sheets.iter().enumerate() {
        parts.push((format!("xl/worksheets/sheet{}.xml", i + 1), sheet.xml()));
    }
    parts
}

/// The zipped package of `parts` (deterministic bytes).
pub(super) fn zip(parts: &[(String, String)]) -> Vec<u8> {
    let entries: Vec<(&str, Vec<u8>)> = parts
        .iter()
        .map(|(name, xml)| (name.as_str(), xml.as_bytes().to_vec()))
        .collect();
    crate::zip_xml::zip::write(&entries)
}

fn content_types(sheets: usize) -> String {
    let mut out = format!(
        "{DECL}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
         <Override PartName=\"/xl/workbook.xml\" ContentType=\"{CT}.sheet.main+xml\"/>\
         <Override PartName=\"/xl/styles.xml\" ContentType=\"{CT}.styles+xml\"/>\
         <Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
    );
    for i in 1..=sheets {
        let _ = write!(
            out,
            "<Override PartName=\"/xl/worksheets/sheet{i}.xml\" ContentType=\"{CT}.worksheet+xml\"/>"
        );
    }
    out.push_str("</Types>");
    out
}

fn root_rels() -> String {
    format!(
        "{DECL}<Relationships xmlns=\"{PKG_REL}\">\
         <Relationship Id=\"rId1\" Type=\"{REL}/officeDocument\" Target=\"xl/workbook.xml\"/>\
         <Relationship Id=\"rId2\" Type=\"{REL}/extended-properties\" Target=\"docProps/app.xml\"/>\
         </Relationships>"
    )
}

fn app() -> String {
    format!(
        "{DECL}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">\
         <Application>nianbao</Application></Properties>"
    )
}

fn workbook(sheets: &[Sheet]) -> String {
    let mut out = format!(
        "{DECL}<workbook xmlns=\"{MAIN}\" xmlns:r=\"{REL}\"><bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"
    );
    for (i, sheet) in sheets.iter().enumerate() {
        let _ = write!(
            out,
            "<sheet name=\"{}\" sheetId=\"{}\" r:id=\"rId{}\"/>",
            escape(&sheet.name),
            i + 1,
            i + 1
        );
    }
    // Totals are formulas: have the program work them out again on opening.
    out.push_str("</sheets><calcPr calcId=\"191029\" fullCalcOnLoad=\"1\"/></workbook>");
    out
}

fn workbook_rels(sheets: usize) -> String {
    let mut out = format!("{DECL}<Relationships xmlns=\"{PKG_REL}\">");
    for i in 1..=sheets {
        let _ = write!(
            out,
            "<Relationship Id=\"rId{i}\" Type=\"{REL}/worksheet\" Target=\"worksheets/sheet{i}.xml\"/>"
        );
    }
    let _ = write!(
        out,
        "<Relationship Id=\"rId{}\" Type=\"{REL}/styles\" Target=\"styles.xml\"/></Relationships>",
        sheets + 1
    );
    out
}
