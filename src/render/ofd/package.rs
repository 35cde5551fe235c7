//! The OFD package around the pages: `OFD.xml` (the entry, with the
//! document information: title, the agency as author, the report's date,
//! keywords, the year as custom data), `Doc_0/Document.xml` (the A4 page
//! area, the public resources, the pages, the outlines of the sections
//! and their headings), `Doc_0/PublicRes.xml` (the fonts) and the font
//! files, zipped by `zip_xml::zip` in a fixed order.

use std::collections::BTreeMap;
use std::fmt::Write;

use sha2::{Digest, Sha256};

use super::{Font, mm, number};
use crate::render::document::Document;
use crate::render::typeset::{PAGE_H, PAGE_W, Piece};
use crate::zip_xml::xml::{DECL, escape};

/// The OFD namespace, with the `ofd:` prefix every reader accepts.
const NS: &str = "xmlns:ofd=\"http://www.ofdspec.org/2016\"";

/// The document's one space of object ids (pages, fonts, layers, objects).
#[derive(Default)]
pub(super) struct Ids(u32);

impl Ids {
    /// A new id.
    pub(super) fn next(&mut self) -> u32 {
        self.0 += 1;
        self.0
    }

    /// Ids after `id`.
    pub(super) fn starting_after(id: u32) -> Ids {
        Ids(id)
    }

    /// Sets aside `n` ids; the first of them.
    pub(super) fn skip(&mut self, n: u32) -> u32 {
        let first = self.0 + 1;
        self.0 += n;
        first
    }

    /// The largest id given.
    pub(super) fn max(&self) -> u32 {
        self.0
    }
}

/// A heading's place and text, for the outlines.
struct Entry {
    item: usize,
    page: Option<(u32, f32)>,
    text: String,
}

/// The headings met on the pages, in order.
#[derive(Default)]
pub(super) struct Outline(Vec<Entry>);

impl Outline {
    /// A heading (block `item` of the flow) begins.
    pub(super) fn open(&mut self, item: usize) {
        if self.0.last().is_none_or(|e| e.item != item) {
            self.0.push(Entry {
                item,
                page: None,
                text: String::new(),
            });
        }
    }

    /// The headings of the next page: a heading that goes on from this
    /// page is one entry.
    pub(super) fn extend(&mut self, next: Outline) {
        for e in next.0 {
            match self.0.last_mut() {
                Some(last) if last.item == e.item => {
                    if last.page.is_none() {
                        last.page = e.page;
                    }
                    last.text.push_str(&e.text);
                }
                _ => self.0.push(e),
            }
        }
    }

    /// Text of block `item` set on page `page` with its top at `top`
    /// points: part of the heading when the heading is that block.
    pub(super) fn add_text(&mut self, item: usize, page: u32, top: f32, pieces: &[Piece]) {
        let Some(e) = self.0.last_mut().filter(|e| e.item == item) else {
            return;
        };
        e.page.get_or_insert((page, top));
        // Bounded: an outline entry is a heading, not a chapter.
        if e.text.chars().count() < 200 {
            for p in pieces {
                if let Piece::Text(t) = p {
                    e.text.push_str(t);
                }
            }
        }
    }
}

/// The OFD of `doc`: its fonts, pages (ids `page_ids`), outline, the
/// largest id and the pages' content parts.
pub(super) fn pack(
    doc: &Document,
    fonts: &BTreeMap<usize, Font>,
    page_ids: &[u32],
    outline: &Outline,
    max_id: u32,
    pages: Vec<(String, Vec<u8>)>,
) -> Vec<u8> {
    let mut parts: Vec<(String, Vec<u8>)> = Vec::with_capacity(pages.len() + fonts.len() + 3);
    parts.push((
        "Doc_0/Document.xml".into(),
        document(doc, page_ids, outline, max_id).into_bytes(),
    ));
    parts.push(("Doc_0/PublicRes.xml".into(), public_res(fonts).into_bytes()));
    for font in fonts.values() {
        parts.push((format!("Doc_0/Res/font_{}.ttf", font.id), font.file.clone()));
    }
    parts.extend(pages);
    // The document's id: a digest of everything in it, so the same
    // report gives the same id and file.
    let mut hash = Sha256::new();
    for (name, bytes) in &parts {
        hash.update(name.as_bytes());
        hash.update(bytes);
    }
    let digest = hash.finalize();
    let id: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    parts.insert(0, ("OFD.xml".into(), entry(doc, &id).into_bytes()));
    let (names, bytes): (Vec<String>, Vec<Vec<u8>>) = parts.into_iter().unzip();
    let entries: Vec<(&str, Vec<u8>)> = names.iter().map(String::as_str).zip(bytes).collect();
    crate::zip_xml::zip::write(&entries)
}

/// `OFD.xml`: the entry, with the document information.
fn entry(doc: &Document, id: &str) -> String {
    let date = doc
        .date_iso
        .clone()
        .filter(|d| is_date(d))
        .unwrap_or_else(|| format!("{:04}-01-01", (doc.year + 1).clamp(1, 9999)));
    let mut s = String::new();
    s.push_str(DECL);
    let _ = write!(
        s,
        "<ofd:OFD {NS} Version=\"1.0\" DocType=\"OFD\">\n<ofd:DocBody>\n<ofd:DocInfo>\n\
         <ofd:DocID>{id}</ofd:DocID>\n\
         <ofd:Title>{}</ofd:Title>\n\
         <ofd:Author>{}</ofd:Author>\n\
         <ofd:Subject>{}年政府信息公开工作年度报告</ofd:Subject>\n\
         <ofd:CreationDate>{date}</ofd:CreationDate>\n\
         <ofd:Keywords><ofd:Keyword>政府信息公开</ofd:Keyword>\
         <ofd:Keyword>年度报告</ofd:Keyword><ofd:Keyword>{}年</ofd:Keyword></ofd:Keywords>\n\
         <ofd:Creator>nianbao</ofd:Creator>\n\
         <ofd:CustomDatas><ofd:CustomData Name=\"年度\">{}</ofd:CustomData>\
         <ofd:CustomData Name=\"机关\">{}</ofd:CustomData></ofd:CustomDatas>\n\
         </ofd:DocInfo>\n<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>\n\
         </ofd:DocBody>\n</ofd:OFD>\n",
        escape(&doc.title),
        escape(&doc.agency),
        doc.year,
        doc.year,
        doc.year,
        escape(&doc.agency),
    );
    s
}

/// Whether `d` is a date `YYYY-MM-DD` (what `xs:date` takes).
fn is_date(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// `Doc_0/Document.xml`.
fn document(doc: &Document, page_ids: &[u32], outline: &Outline, max_id: u32) -> String {
    let mut s = String::new();
    s.push_str(DECL);
    let _ = write!(
        s,
        "<ofd:Document {NS}>\n<ofd:CommonData>\n<ofd:MaxUnitID>{max_id}</ofd:MaxUnitID>\n\
         <ofd:PageArea><ofd:PhysicalBox>0 0 {} {}</ofd:PhysicalBox></ofd:PageArea>\n\
         <ofd:PublicRes>PublicRes.xml</ofd:PublicRes>\n</ofd:CommonData>\n<ofd:Pages>\n",
        mm(PAGE_W),
        mm(PAGE_H),
    );
    for (n, id) in page_ids.iter().enumerate() {
        let _ = writeln!(
            s,
            "<ofd:Page ID=\"{id}\" BaseLoc=\"Pages/Page_{n}/Content.xml\"/>"
        );
    }
    s.push_str("</ofd:Pages>\n");
    outlines(&mut s, doc, outline);
    s.push_str("</ofd:Document>\n");
    s
}

/// The outlines: the six sections at the top (with whatever precedes the
/// first, the title), each heading under the section it follows.
fn outlines(s: &mut String, doc: &Document, outline: &Outline) {
    let placed: Vec<(&Entry, (u32, f32))> = outline
        .0
        .iter()
        .filter_map(|e| Some((e, e.page?)))
        .filter(|(e, _)| !e.text.trim().is_empty())
        .collect();
    if placed.is_empty() {
        return;
    }
    let is_section = |t: &str| doc.sections.iter().any(|sec| sec.heading == t.trim());
    s.push_str("<ofd:Outlines>\n");
    let mut open = false;
    let mut in_sections = false;
    for (e, (page, top)) in placed {
        let section = is_section(&e.text);
        if section || !in_sections {
            if open {
                s.push_str("</ofd:OutlineElem>\n");
            }
            in_sections |= section;
            open = true;
        }
        let _ = write!(
            s,
            "<ofd:OutlineElem Title=\"{}\"><ofd:Actions><ofd:Action Event=\"CLICK\"><ofd:Goto>\
             <ofd:Dest Type=\"XYZ\" PageID=\"{page}\" Left=\"0\" Top=\"{}\"/>\
             </ofd:Goto></ofd:Action></ofd:Actions>",
            escape(e.text.trim()),
            number(f64::from(mm_f(top.max(0.0)))),
        );
        if !section && in_sections {
            s.push_str("</ofd:OutlineElem>\n");
        } else {
            s.push('\n');
        }
    }
    if open {
        s.push_str("</ofd:OutlineElem>\n");
    }
    s.push_str("</ofd:Outlines>\n");
}

/// `pt` in millimetres.
fn mm_f(pt: f32) -> f32 {
    pt * super::MM_PER_PT
}

/// `Doc_0/PublicRes.xml`: the fonts, each with its file and the Chinese
/// family a reader substitutes when it does not load the file.
fn public_res(fonts: &BTreeMap<usize, Font>) -> String {
    let mut s = String::new();
    s.push_str(DECL);
    let _ = writeln!(s, "<ofd:Res {NS} BaseLoc=\"Res\">\n<ofd:Fonts>");
    for font in fonts.values() {
        let _ = writeln!(
            s,
            "<ofd:Font ID=\"{}\" FontName=\"{}\" FamilyName=\"{}\"{}>\
             <ofd:FontFile>font_{}.ttf</ofd:FontFile></ofd:Font>",
            font.id,
            escape(&font.subset.descriptor.postscript_name),
            font.family,
            if font.bold { " Bold=\"true\"" } else { "" },
            font.id,
        );
    }
    s.push_str("</ofd:Fonts>\n</ofd:Res>\n");
    s
}
