//! Page setup to GB/T 9704-2012 (the same as the PDF): A4, 37 mm top and
//! 28 mm binding margins, a 156 × 225 mm type area on a grid of 22 lines
//! of 28 characters; page numbers `— N —` in the footers; the 草稿 header
//! of drafts; `word/settings.xml`.

use std::fmt::Write as _;

use super::id;
use super::measure::{BOTTOM, LEFT, LINE_PITCH, PAGE_H, PAGE_W, RIGHT, TOP, char_space, mm};
use super::runs;
use crate::render::document::Draft;
use crate::render::layout::page::PageNumbers;
use crate::zip_xml::xml::DECL;

/// 4号, twips: the one-character gap beside page numbers.
const FOLIO_CHAR: i32 = 280;
/// Footer distance from the page bottom: the `— N —` line sits about 7 mm
/// below the type area (GB/T 9704 7.5).
const FOOTER: i32 = mm(25.0);
/// Header distance from the page top (the 草稿 mark of drafts).
const HEADER: i32 = mm(15.0);

/// The header and footer parts of the package, in order:
/// `(part name, relationship id, reference type, XML)`.
pub(super) struct Parts {
    /// Header and footer parts.
    pub list: Vec<(String, String, &'static str, String)>,
}

const HDR_NS: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
     xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" \
     xmlns:v=\"urn:schemas-microsoft-com:vml\" \
     xmlns:o=\"urn:schemas-microsoft-com:office:office\" \
     xmlns:w10=\"urn:schemas-microsoft-com:office:word\"";

/// The headers (drafts only) and footers for `numbers`.
pub(super) fn parts(numbers: PageNumbers, draft: Option<Draft>) -> Parts {
    let mut list = Vec::new();
    let kinds: &[&'static str] = match numbers {
        PageNumbers::Alternate => &["default", "even"],
        PageNumbers::Center => &["default"],
    };
    if let Some(d) = draft {
        for (i, kind) in kinds.iter().enumerate() {
            list.push((
                format!("header{}.xml", i + 1),
                format!("rIdHeader{}", i + 1),
                *kind,
                draft_header(d),
            ));
        }
    }
    for (i, kind) in kinds.iter().enumerate() {
        let jc = match (numbers, *kind) {
            (PageNumbers::Center, _) => "<w:jc w:val=\"center\"/>".to_string(),
            // Odd pages (the default footer): right, one character in.
            (_, "default") => format!(
                "<w:ind w:right=\"{FOLIO_CHAR}\" w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"right\"/>"
            ),
            _ => format!(
                "<w:ind w:left=\"{FOLIO_CHAR}\" w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"left\"/>"
            ),
        };
        list.push((
            format!("footer{}.xml", i + 1),
            format!("rIdFooter{}", i + 1),
            *kind,
            footer(&jc),
        ));
    }
    Parts { list }
}

/// A footer holding `— PAGE —`.
fn footer(ppr: &str) -> String {
    let mut out = String::from(DECL);
    let _ = write!(
        out,
        "<w:ftr {HDR_NS}><w:p><w:pPr><w:pStyle w:val=\"{}\"/>{ppr}</w:pPr>",
        id::FOLIO
    );
    runs::run(&mut out, "— ", Default::default());
    out.push_str(
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>\
         <w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>\
         <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>\
         <w:r><w:t>1</w:t></w:r>\
         <w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
    );
    runs::run(&mut out, " —", Default::default());
    out.push_str("</w:p></w:ftr>");
    out
}

/// The words of a draft's header, as in the Markdown and HTML banners.
pub(super) fn draft_text(d: Draft) -> String {
    let unprinted = if d.unprinted > 0 {
        format!(
            "，有 {} 处字符印不出来（字体中没有的字，或造字、Word 符号字体等私用区字符）",
            d.unprinted
        )
    } else {
        String::new()
    };
    format!(
        "草稿：检查发现 {} 个错误、{} 个警告{unprinted}，请修改后再发布。",
        d.errors, d.warnings
    )
}

/// A draft's header: the 草稿 line, and a large grey 草稿 watermark across
/// the page (a VML text shape, which Word, WPS and LibreOffice all show).
fn draft_header(d: Draft) -> String {
    let mut out = String::from(DECL);
    let _ = write!(
        out,
        "<w:hdr {HDR_NS}><w:p><w:pPr><w:pStyle w:val=\"{}\"/></w:pPr>",
        id::DRAFT
    );
    out.push_str(
        "<w:r><w:pict>\
         <v:shapetype id=\"_x0000_t136\" coordsize=\"21600,21600\" o:spt=\"136\" adj=\"10800\" path=\"m@7,l@8,m@5,21600l@6,21600e\">\
         <v:path textpathok=\"t\" o:connecttype=\"custom\"/><v:textpath on=\"t\" fitshape=\"t\"/>\
         <o:lock v:ext=\"edit\" text=\"t\" shapetype=\"t\"/></v:shapetype>\
         <v:shape id=\"PowerPlusWaterMarkObject1\" o:spid=\"_x0000_s2049\" type=\"#_x0000_t136\" \
         style=\"position:absolute;margin-left:0;margin-top:0;width:420pt;height:210pt;rotation:315;z-index:-251657216;\
         mso-position-horizontal:center;mso-position-horizontal-relative:margin;\
         mso-position-vertical:center;mso-position-vertical-relative:margin\" \
         o:allowincell=\"f\" fillcolor=\"silver\" stroked=\"f\">\
         <v:fill opacity=\".5\"/>\
         <v:textpath style=\"font-family:&quot;黑体&quot;;font-size:1pt\" string=\"草稿\"/>\
         <w10:wrap anchorx=\"margin\" anchory=\"margin\"/></v:shape></w:pict></w:r>",
    );
    runs::run(&mut out, &draft_text(d), Default::default());
    out.push_str("</w:p></w:hdr>");
    out
}

/// The section properties closing `document.xml`.
pub(super) fn sect_pr(parts: &Parts) -> String {
    let mut out = String::from("<w:sectPr>");
    for (name, rid, kind, _) in &parts.list {
        let tag = if name.starts_with("header") {
            "headerReference"
        } else {
            "footerReference"
        };
        let _ = write!(out, "<w:{tag} w:type=\"{kind}\" r:id=\"{rid}\"/>");
    }
    let _ = write!(
        out,
        "<w:pgSz w:w=\"{PAGE_W}\" w:h=\"{PAGE_H}\"/>\
         <w:pgMar w:top=\"{TOP}\" w:right=\"{RIGHT}\" w:bottom=\"{BOTTOM}\" w:left=\"{LEFT}\" \
         w:header=\"{HEADER}\" w:footer=\"{FOOTER}\" w:gutter=\"0\"/>\
         <w:pgNumType w:start=\"1\"/><w:cols w:space=\"425\"/>\
         <w:docGrid w:type=\"linesAndChars\" w:linePitch=\"{LINE_PITCH}\" w:charSpace=\"{}\"/></w:sectPr>",
        char_space()
    );
    out
}

/// `word/settings.xml`: odd and even footers differ unless centred; edits
/// are tracked from the start, for 审签.
///
/// `w:doNotExpandShiftReturn`: a line a hard break ends (`w:br`, from a
/// Markdown hard break or a pasted line separator) is set as it is, like a
/// paragraph's last line, as in the PDF; Word and LibreOffice otherwise
/// spread it across the measure (LibreOffice 7.4: 28 % wider spacing).
///
/// `w:characterSpacingControl` `compressPunctuation` (只压缩标点符号, the
/// Chinese editions' default in Word and WPS): a full-width mark gives up
/// its empty half where it meets another mark or ends a line, as the PDF
/// sets them (`typeset::linebreak`), so that their lines hold what the
/// PDF's hold (with `doNotCompress` a line of 〔〕“”，； lost a character or
/// two against the PDF and a paragraph a line). LibreOffice 7.4 does not
/// compress on a character grid either way.
/// `embeds` when the package embeds a font (the 造字 font).
pub(super) fn settings(numbers: PageNumbers, embeds: bool) -> String {
    let mut out = String::from(DECL);
    out.push_str(
        "<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:zoom w:percent=\"100\"/>",
    );
    if embeds {
        out.push_str("<w:embedTrueTypeFonts/>");
    }
    out.push_str("<w:trackRevisions/><w:defaultTabStop w:val=\"420\"/>");
    if numbers == PageNumbers::Alternate {
        out.push_str("<w:evenAndOddHeaders/>");
    }
    out.push_str(
        "<w:characterSpacingControl w:val=\"compressPunctuation\"/>\
         <w:compat><w:doNotExpandShiftReturn/><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>\
         <w:themeFontLang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/>\
         <w:decimalSymbol w:val=\".\"/><w:listSeparator w:val=\",\"/></w:settings>",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footers_alternate_or_centre() {
        let p = parts(PageNumbers::Alternate, None);
        let kinds: Vec<(&str, &str)> = p.list.iter().map(|x| (x.0.as_str(), x.2)).collect();
        assert_eq!(kinds, [("footer1.xml", "default"), ("footer2.xml", "even")]);
        assert!(p.list[0].3.contains("<w:jc w:val=\"right\"/>"));
        assert!(p.list[0].3.contains("w:right=\"280\""));
        assert!(p.list[1].3.contains("<w:jc w:val=\"left\"/>"));
        assert!(p.list[1].3.contains("w:left=\"280\""));
        for f in &p.list {
            assert!(
                f.3.contains("— </w:t>") && f.3.contains("> PAGE <") && f.3.contains(" —</w:t>")
            );
        }
        assert!(settings(PageNumbers::Alternate, false).contains("<w:evenAndOddHeaders/>"));
        let p = parts(PageNumbers::Center, None);
        assert_eq!(p.list.len(), 1);
        assert!(p.list[0].3.contains("<w:jc w:val=\"center\"/>"));
        assert!(!settings(PageNumbers::Center, false).contains("evenAndOdd"));
        // A line a hard break ends is not spread, and the compat element
        // comes before compatSetting, as the schema orders them.
        assert!(
            settings(PageNumbers::Center, false)
                .contains("<w:compat><w:doNotExpandShiftReturn/><w:compatSetting")
        );
    }

    #[test]
    fn drafts_carry_a_header_on_every_page() {
        let d = Draft {
            errors: 2,
            warnings: 1,
            unprinted: 0,
        };
        let p = parts(PageNumbers::Alternate, Some(d));
        let headers: Vec<&str> = p
            .list
            .iter()
            .filter(|x| x.0.starts_with("header"))
            .map(|x| x.2)
            .collect();
        assert_eq!(headers, ["default", "even"]);
        assert!(p.list[0].3.contains("string=\"草稿\""));
        let read = p.list[0].3.replace(['\u{200B}', '\u{2060}'], "");
        assert!(read.contains("检查发现 2 个错误、1 个警告"));
        let s = sect_pr(&p);
        assert!(s.starts_with("<w:sectPr><w:headerReference w:type=\"default\""));
    }
}
