//! The OPC package around the WordprocessingML parts: content types,
//! relationships, document properties, and the zip in a fixed order.

use std::fmt::Write as _;

use crate::render::document::Document;
use crate::zip_xml::xml::{DECL, escape};

const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const WML: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml";

/// The parts of the package, in the order they are zipped.
pub(super) struct Package {
    /// `(part name without the leading slash, XML)`.
    pub parts: Vec<(String, String)>,
}

impl Package {
    /// Assembles the package from the main document part, its styles,
    /// settings and font table, and the header and footer parts
    /// `(file name under word/, relationship id, XML)`.
    pub(super) fn new(
        doc: &Document,
        document: String,
        styles: String,
        settings: String,
        font_table: String,
        headers_footers: &[(String, String, String)],
    ) -> Package {
        let mut types = String::from(DECL);
        types.push_str(
            "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
             <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
             <Default Extension=\"xml\" ContentType=\"application/xml\"/>",
        );
        let mut over = |part: &str, ty: &str| {
            let _ = write!(
                types,
                "<Override PartName=\"/{part}\" ContentType=\"{ty}\"/>"
            );
        };
        over("word/document.xml", &format!("{WML}.document.main+xml"));
        over("word/styles.xml", &format!("{WML}.styles+xml"));
        over("word/settings.xml", &format!("{WML}.settings+xml"));
        over("word/fontTable.xml", &format!("{WML}.fontTable+xml"));
        for (name, _, _) in headers_footers {
            let kind = if name.starts_with("header") {
                "header"
            } else {
                "footer"
            };
            over(&format!("word/{name}"), &format!("{WML}.{kind}+xml"));
        }
        over(
            "docProps/core.xml",
            "application/vnd.openxmlformats-package.core-properties+xml",
        );
        over(
            "docProps/app.xml",
            "application/vnd.openxmlformats-officedocument.extended-properties+xml",
        );
        over(
            "docProps/custom.xml",
            "application/vnd.openxmlformats-officedocument.custom-properties+xml",
        );
        types.push_str("</Types>");

        let root_rels = format!(
            "{DECL}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
             <Relationship Id=\"rId1\" Type=\"{REL}/officeDocument\" Target=\"word/document.xml\"/>\
             <Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
             <Relationship Id=\"rId3\" Type=\"{REL}/extended-properties\" Target=\"docProps/app.xml\"/>\
             <Relationship Id=\"rId4\" Type=\"{REL}/custom-properties\" Target=\"docProps/custom.xml\"/>\
             </Relationships>"
        );
        let mut doc_rels = format!(
            "{DECL}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
             <Relationship Id=\"rIdStyles\" Type=\"{REL}/styles\" Target=\"styles.xml\"/>\
             <Relationship Id=\"rIdSettings\" Type=\"{REL}/settings\" Target=\"settings.xml\"/>\
             <Relationship Id=\"rIdFonts\" Type=\"{REL}/fontTable\" Target=\"fontTable.xml\"/>"
        );
        for (name, rid, _) in headers_footers {
            let kind = if name.starts_with("header") {
                "header"
            } else {
                "footer"
            };
            let _ = write!(
                doc_rels,
                "<Relationship Id=\"{rid}\" Type=\"{REL}/{kind}\" Target=\"{name}\"/>"
            );
        }
        doc_rels.push_str("</Relationships>");

        let mut parts = vec![
            ("[Content_Types].xml".to_string(), types),
            ("_rels/.rels".to_string(), root_rels),
            ("docProps/core.xml".to_string(), core(doc)),
            ("docProps/app.xml".to_string(), app(doc)),
            ("docProps/custom.xml".to_string(), custom(doc)),
            ("word/document.xml".to_string(), document),
            ("word/_rels/document.xml.rels".to_string(), doc_rels),
            ("word/styles.xml".to_string(), styles),
            ("word/settings.xml".to_string(), settings),
            ("word/fontTable.xml".to_string(), font_table),
        ];
        for (name, _, xml) in headers_footers {
            parts.push((format!("word/{name}"), xml.clone()));
        }
        Package { parts }
    }

    /// The zipped package.
    pub(super) fn zip(&self) -> Vec<u8> {
        let entries: Vec<(&str, Vec<u8>)> = self
            .parts
            .iter()
            .map(|(n, x)| (n.as_str(), x.as_bytes().to_vec()))
            .collect();
        crate::zip_xml::zip::write(&entries)
    }
}

/// The 成文日期 as a W3CDTF timestamp; 1 January of the next year when unset
/// (as the PDF's metadata).
fn timestamp(doc: &Document) -> String {
    let date = doc
        .date_iso
        .clone()
        .filter(|d| d.len() == 10 && d.as_bytes()[4] == b'-')
        .unwrap_or_else(|| format!("{}-01-01", doc.year + 1));
    format!("{date}T00:00:00Z")
}

/// `docProps/core.xml`: title, subject, creator = the agency, created and
/// modified = the 成文日期.
fn core(doc: &Document) -> String {
    let t = timestamp(doc);
    format!(
        "{DECL}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
         <dc:title>{}</dc:title><dc:subject>{}年政府信息公开工作年度报告</dc:subject>\
         <dc:creator>{}</dc:creator><cp:lastModifiedBy>{}</cp:lastModifiedBy><dc:language>zh-CN</dc:language>\
         <dcterms:created xsi:type=\"dcterms:W3CDTF\">{t}</dcterms:created>\
         <dcterms:modified xsi:type=\"dcterms:W3CDTF\">{t}</dcterms:modified></cp:coreProperties>",
        escape(&doc.title),
        doc.year,
        escape(&doc.agency),
        escape(&doc.agency),
    )
}

/// `docProps/app.xml`.
fn app(doc: &Document) -> String {
    format!(
        "{DECL}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" \
         xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">\
         <Application>nianbao</Application><DocSecurity>0</DocSecurity><Company>{}</Company></Properties>",
        escape(&doc.agency)
    )
}

/// The name of the custom property holding [`Document::data_digest`]; the
/// sign-off round (`signoff`) reads it back.
pub const DIGEST_PROPERTY: &str = "nianbao-data-sha256";

/// `docProps/custom.xml`: the digest of the data the document was built
/// from, so that a reviewed copy can be matched to the data file's version.
fn custom(doc: &Document) -> String {
    // A document built for no Word document has none (`build_without_digest`).
    debug_assert!(!doc.data_digest.is_empty(), "no data digest");
    format!(
        "{DECL}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\" \
         xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">\
         <property fmtid=\"{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}\" pid=\"2\" name=\"{DIGEST_PROPERTY}\">\
         <vt:lpwstr>{}</vt:lpwstr></property></Properties>",
        escape(&doc.data_digest)
    )
}
