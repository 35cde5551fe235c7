//! `word/styles.xml`: one style per element of the report, named for what
//! it is. Normal and Title keep their built-in identity, so Word and WPS
//! show them as 正文 and 标题 (and LibreOffice maps them to its own); the
//! others carry Chinese names: 一级标题 … 四级标题, 表格, 表格文字, 表头,
//! 落款, 成文日期, 页码, 草稿标记.

use std::fmt::Write as _;

use super::fonts::FontNames;
use super::id;
use super::measure::{LINE_PITCH, TRACKING};
use crate::render::typeset::Role;
use crate::zip_xml::xml::{DECL, escape};

/// Half-points: 3号 (16 pt).
pub(super) const BODY_SZ: u32 = 32;
/// Half-points: 2号 (22 pt).
const TITLE_SZ: u32 = 44;
/// Half-points: 4号 (14 pt).
pub(super) const FOLIO_SZ: u32 = 28;

/// Paragraph properties that leave the document grid: the paragraph keeps
/// its own line height and character widths (title, tables, footers).
const OFF_GRID: &str = "<w:snapToGrid w:val=\"0\"/>";
/// No tracking (overrides Normal's).
const NO_TRACKING: &str = "<w:spacing w:val=\"0\"/>";
/// No first-line indent (overrides Normal's two characters).
const NO_INDENT: &str = "<w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/>";

struct Style<'a> {
    id: &'a str,
    name: &'a str,
    based_on: Option<&'a str>,
    next: Option<&'a str>,
    ppr: String,
    rpr: String,
}

fn push_style(out: &mut String, s: &Style<'_>) {
    let _ = write!(
        out,
        "<w:style w:type=\"paragraph\"{} w:styleId=\"{}\"><w:name w:val=\"{}\"/>",
        match s.id {
            // The default paragraph style: paragraphs without a style are 正文.
            "Normal" => " w:default=\"1\"",
            "Title" => "",
            _ => " w:customStyle=\"1\"",
        },
        s.id,
        escape(s.name)
    );
    if let Some(b) = s.based_on {
        let _ = write!(out, "<w:basedOn w:val=\"{b}\"/>");
    }
    if let Some(n) = s.next {
        let _ = write!(out, "<w:next w:val=\"{n}\"/>");
    }
    out.push_str("<w:qFormat/>");
    if !s.ppr.is_empty() {
        let _ = write!(out, "<w:pPr>{}</w:pPr>", s.ppr);
    }
    if !s.rpr.is_empty() {
        let _ = write!(out, "<w:rPr>{}</w:rPr>", s.rpr);
    }
    out.push_str("</w:style>");
}

fn heading(level: u8) -> String {
    // Headings run in the body text: indented like it, kept with what follows.
    format!("<w:keepNext/><w:outlineLvl w:val=\"{}\"/>", level - 1)
}

/// `word/styles.xml` for the fonts `names`. No space is put between
/// East Asian text and digits or Latin letters (`w:autoSpaceDE`/`DN` off
/// in every paragraph, as the PDF sets them: the lines hold what the
/// PDF's hold; LibreOffice, which ignores the setting, is kept from it by
/// zero-width characters, `runs::space_scripts`).
pub(super) fn styles_xml(names: &FontNames) -> String {
    let mut out = String::from(DECL);
    out.push_str(
        "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">",
    );
    let _ = write!(
        out,
        "<w:docDefaults><w:rPrDefault><w:rPr>{}<w:kern w:val=\"2\"/><w:sz w:val=\"{BODY_SZ}\"/><w:szCs w:val=\"{BODY_SZ}\"/>\
         <w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>\
         <w:pPrDefault><w:pPr><w:widowControl w:val=\"0\"/><w:autoSpaceDE w:val=\"0\"/><w:autoSpaceDN w:val=\"0\"/><w:jc w:val=\"both\"/></w:pPr></w:pPrDefault></w:docDefaults>",
        names.r_fonts(Role::Body)
    );
    for s in text_styles(names).iter().chain(&element_styles(names)) {
        push_style(&mut out, s);
    }
    // A run-in second-level heading: 楷体 within a body paragraph.
    let _ = write!(
        out,
        "<w:style w:type=\"character\" w:customStyle=\"1\" w:styleId=\"{}\"><w:name w:val=\"二级标题（段首）\"/>\
         <w:qFormat/><w:rPr>{}</w:rPr></w:style>",
        id::LEVEL2_RUN_IN,
        names.r_fonts(Role::Kai)
    );
    // A 造字: the embedded 造字 font.
    if let Some(r_fonts) = names.zaozi_r_fonts() {
        let _ = write!(
            out,
            "<w:style w:type=\"character\" w:customStyle=\"1\" w:styleId=\"{}\"><w:name w:val=\"造字\"/>\
             <w:rPr>{r_fonts}</w:rPr></w:style>",
            id::ZAOZI
        );
    }
    // The official tables: single rules all round, 3 pt side padding.
    let _ = write!(
        out,
        "<w:style w:type=\"table\" w:customStyle=\"1\" w:styleId=\"{}\"><w:name w:val=\"表格\"/><w:qFormat/>\
         <w:pPr>{OFF_GRID}{NO_INDENT}</w:pPr><w:tblPr>{}{}</w:tblPr></w:style>",
        id::TABLE,
        super::table::BORDERS,
        super::table::CELL_MARGINS
    );
    out.push_str("</w:styles>");
    out
}

/// The running text: Normal (正文), Title and the four heading levels.
fn text_styles(names: &FontNames) -> Vec<Style<'static>> {
    let body = names.r_fonts(Role::Body);
    vec![
        Style {
            id: "Normal",
            name: "Normal",
            based_on: None,
            next: None,
            // 3号仿宋, justified, first line indented two characters, no
            // lone first or last line of a paragraph (widow control, issue
            // 62), on the grid's metrics: lines at the grid's pitch, characters
            // tracked in so 28 fit (see `measure::TRACKING`).
            ppr: format!(
                "<w:widowControl/>{OFF_GRID}<w:spacing w:line=\"{LINE_PITCH}\" w:lineRule=\"exact\"/>\
                 <w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/><w:jc w:val=\"both\"/>"
            ),
            rpr: format!(
                "{body}<w:spacing w:val=\"{TRACKING}\"/><w:sz w:val=\"{BODY_SZ}\"/><w:szCs w:val=\"{BODY_SZ}\"/>"
            ),
        },
        Style {
            id: id::TITLE,
            name: "Title",
            based_on: Some("Normal"),
            next: Some("Normal"),
            ppr: format!(
                "<w:keepNext/>{OFF_GRID}<w:spacing w:line=\"{LINE_PITCH}\" w:lineRule=\"exact\"/>{NO_INDENT}<w:jc w:val=\"center\"/>"
            ),
            rpr: format!(
                "{}{NO_TRACKING}<w:sz w:val=\"{TITLE_SZ}\"/><w:szCs w:val=\"{TITLE_SZ}\"/>",
                names.r_fonts(Role::Title)
            ),
        },
        Style {
            id: id::LEVEL1,
            name: "一级标题",
            based_on: Some("Normal"),
            next: Some("Normal"),
            ppr: heading(1),
            rpr: names.r_fonts(Role::Hei),
        },
        Style {
            id: id::LEVEL2,
            name: "二级标题",
            based_on: Some("Normal"),
            next: Some("Normal"),
            ppr: heading(2),
            rpr: names.r_fonts(Role::Kai),
        },
        Style {
            id: id::LEVEL3,
            name: "三级标题",
            based_on: Some("Normal"),
            next: Some("Normal"),
            ppr: heading(3),
            rpr: String::new(),
        },
        Style {
            id: id::LEVEL4,
            name: "四级标题",
            based_on: Some("Normal"),
            next: Some("Normal"),
            ppr: heading(4),
            rpr: String::new(),
        },
    ]
}

/// The elements around the text: table text and headers, signature, date,
/// page numbers and the draft mark.
fn element_styles(names: &FontNames) -> Vec<Style<'static>> {
    vec![
        Style {
            id: id::TABLE_TEXT,
            name: "表格文字",
            based_on: Some("Normal"),
            next: None,
            ppr: format!(
                "{OFF_GRID}<w:spacing w:line=\"240\" w:lineRule=\"auto\"/>{NO_INDENT}<w:jc w:val=\"center\"/>"
            ),
            rpr: NO_TRACKING.into(),
        },
        Style {
            id: id::TABLE_HEADER,
            name: "表头",
            based_on: Some(id::TABLE_TEXT),
            next: None,
            ppr: String::new(),
            rpr: names.r_fonts(Role::Hei),
        },
        Style {
            id: id::SIGNATURE,
            name: "落款",
            based_on: Some("Normal"),
            next: Some(id::DATE),
            // No automatic space between Han characters and digits: the
            // date's right indent (右空二字) is computed from its characters'
            // widths, and Word's Han–digit spacing would push the date left
            // of where GB/T 9704 and the PDF put it.
            ppr: format!(
                "<w:keepNext/><w:autoSpaceDE w:val=\"0\"/><w:autoSpaceDN w:val=\"0\"/>{NO_INDENT}<w:jc w:val=\"right\"/>"
            ),
            rpr: String::new(),
        },
        Style {
            id: id::DATE,
            name: "成文日期", // the style's name in Word's list, not a data path
            based_on: Some(id::SIGNATURE),
            next: Some("Normal"),
            ppr: String::new(),
            rpr: String::new(),
        },
        Style {
            id: id::FOLIO,
            name: "页码",
            based_on: Some("Normal"),
            next: None,
            ppr: format!("{OFF_GRID}<w:spacing w:line=\"240\" w:lineRule=\"auto\"/>{NO_INDENT}"),
            rpr: format!(
                "{}{NO_TRACKING}<w:sz w:val=\"{FOLIO_SZ}\"/><w:szCs w:val=\"{FOLIO_SZ}\"/>",
                names.r_fonts(Role::Folio)
            ),
        },
        Style {
            id: id::DRAFT,
            name: "草稿标记",
            based_on: Some("Normal"),
            next: None,
            ppr: format!("{OFF_GRID}{NO_INDENT}<w:jc w:val=\"center\"/>"),
            rpr: format!(
                "{}<w:b/><w:color w:val=\"C00000\"/>{NO_TRACKING}<w:sz w:val=\"{FOLIO_SZ}\"/><w:szCs w:val=\"{FOLIO_SZ}\"/>",
                names.r_fonts(Role::Hei)
            ),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_name_the_agency_fonts() {
        let s = styles_xml(&FontNames::new(&[]).unwrap());
        for name in [
            "一级标题",
            "二级标题",
            "三级标题",
            "四级标题",
            "表格",
            "表格文字",
            "表头",
            "落款",
            "页码",
        ] {
            assert!(s.contains(&format!("<w:name w:val=\"{name}\"/>")), "{name}");
        }
        assert!(s.contains("w:eastAsia=\"仿宋_GB2312\""));
        assert!(s.contains("w:eastAsia=\"方正小标宋简体\""));
        assert!(s.contains("w:eastAsia=\"黑体\""));
        assert!(s.contains("w:eastAsia=\"楷体_GB2312\""));
        assert!(s.contains("w:eastAsia=\"宋体\""));
        assert!(s.contains("w:firstLineChars=\"200\""));
        assert!(s.contains("<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"));
    }
}
