//! The OPC package around the WordprocessingML parts: content types,
//! relationships, document properties, and the zip in a fixed order.

use std::fmt::Write as _;

use crate::render::document::Document;
use crate::render::zaozi::ZaoziFont;
use crate::zip_xml::xml::{DECL, escape};

const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const WML: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml";

/// The parts of the package, in the order they are zipped.
pub(super) struct Package {
    /// `(part name without the leading slash, XML)`.
    pub parts: Vec<(String, String)>,
    /// Parts that are no XML (the embedded 造字 font), zipped after them.
    pub binary: Vec<(String, Vec<u8>)>,
}

/// The font table's relationship to the embedded 造字 font.
pub(super) const ZAOZI_RID: &str = "rIdZaozi";

/// The key the embedded 造字 font is obfuscated with (any GUID serves;
/// a fixed one keeps the package the same for the same report).
pub(super) const ZAOZI_FONT_KEY: &str = "{6E69616E-6261-6F7A-616F-7A6900000001}";

/// `font` obfuscated with `key` for a .docx: its first 32 bytes XORed
/// with the GUID's 16 bytes, taken from the last written to the first.
fn obfuscated(font: &[u8], key: &str) -> Vec<u8> {
    let hex: Vec<u8> = key
        .chars()
        .filter_map(|c| c.to_digit(16))
        .map(|d| d as u8)
        .collect();
    let bytes: Vec<u8> = hex.chunks(2).map(|p| p[0] << 4 | p[1]).collect();
    let mut out = font.to_vec();
    for (i, b) in out.iter_mut().take(32).enumerate() {
        *b ^= bytes[15 - i % 16];
    }
    out
}

/// `[Content_Types].xml`; `embeds` when the package carries a font.
fn content_types(headers_footers: &[(String, String, String)], embeds: bool) -> String {
    let mut types = String::from(DECL);
    types.push_str(
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>",
    );
    if embeds {
        types.push_str(
            "<Default Extension=\"odttf\" ContentType=\"application/vnd.openxmlformats-officedocument.obfuscatedFont\"/>",
        );
    }
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
    types
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
        let zaozi = doc.zaozi.as_deref();
        let types = content_types(headers_footers, zaozi.is_some());

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
        let mut package = Package {
            parts,
            binary: Vec::new(),
        };
        if let Some(font) = zaozi {
            package.embed(font);
        }
        package
    }

    /// The 造字 font embedded (`word/fonts/zaozi.odttf`, obfuscated as
    /// ECMA-376 Part 1 §17.8.1 has it), its part named by the font
    /// table's relationships.
    fn embed(&mut self, font: &ZaoziFont) {
        let rels = format!(
            "{DECL}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
             <Relationship Id=\"{ZAOZI_RID}\" Type=\"{REL}/font\" Target=\"fonts/zaozi.odttf\"/></Relationships>"
        );
        self.parts
            .push(("word/_rels/fontTable.xml.rels".to_string(), rels));
        self.binary.push((
            "word/fonts/zaozi.odttf".to_string(),
            obfuscated(&font.bytes, ZAOZI_FONT_KEY),
        ));
    }

    /// The zipped package.
    pub(super) fn zip(&self) -> Vec<u8> {
        let entries: Vec<(&str, Vec<u8>)> = self
            .parts
            .iter()
            .map(|(n, x)| (n.as_str(), x.as_bytes().to_vec()))
            .chain(self.binary.iter().map(|(n, b)| (n.as_str(), b.clone())))
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
