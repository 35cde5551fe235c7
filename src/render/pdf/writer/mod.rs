//! The PDF file: catalog, page tree, pages, document information and the
//! embedded fonts, written with pdf-writer's typed dictionaries and packed
//! by [`pack`] (deflated streams, object streams, a cross-reference stream
//! and an `/ID` that is a hash of the file).
//!
//! [`font`] writes each face: a Type 0 font with Identity-H codes (glyph
//! ids), its CIDFont with `/W`, the descriptor, the program and a ToUnicode
//! CMap, all named `NBFAAx+PostScriptName`.

mod font;
mod huffman_only;
mod pack;
mod pdfa;
mod structure;

use pdf_writer::{Date, Name, Rect, Ref, TextStr};

use std::sync::Arc;

use crate::render::typeset::fonts::Subset;
use crate::render::typeset::tags::Mark;
use crate::render::typeset::{PAGE_H, PAGE_W};
use pack::Objects;
pub(crate) use structure::structure_type;

/// Document information.
#[derive(Debug, Clone, Default)]
pub struct Meta {
    /// Title.
    pub title: String,
    /// Author (the agency).
    pub author: String,
    /// Subject.
    pub subject: String,
    /// Creation and modification date (year, month, day).
    pub date: (i32, u8, u8),
    /// Whether the file is to be PDF/A-2a (XMP metadata, an output intent).
    pub pdfa: bool,
    /// Some character is drawn as .notdef (no face has it): the file then
    /// claims no PDF/A conformance (ISO 19005-2 6.2.11.8 forbids it), though
    /// it carries the rest.
    pub notdef: bool,
    /// The document is a draft (草稿: asked for, or characters it cannot
    /// print, such as a 造字 printed as its code): it claims no PDF/A
    /// conformance either (issue 77: a draft built with `--pdfa` claimed
    /// PDF/A-2a), though it carries the rest.
    pub draft: bool,
}

/// A tagged marked-content sequence on a page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Tagged {
    /// Page index, from 0.
    pub(crate) page: usize,
    /// Marked-content id on that page.
    pub(crate) mcid: i32,
    /// What the text in it is.
    pub(crate) mark: Mark,
}

/// Deflates a face's program ahead of [`write`], which then finds it
/// deflated.
pub(crate) fn deflate_ahead(subset: &Subset) {
    pack::deflate_ahead(&subset.program, font::program_level(subset));
}

/// The resource name of font number `i`: `NBF` and three capital letters
/// (`NBFAAA`, `NBFAAB`, …), which also make the subset tag.
pub(crate) fn resource_name(i: usize) -> String {
    let l = |n: usize| char::from(b'A' + (n % 26) as u8);
    // Without the formatter: a page names its fonts hundreds of times.
    ['N', 'B', 'F', l(i / 676), l(i / 26), l(i)]
        .into_iter()
        .collect()
}

/// The PDF of `pages` (content streams) set in `fonts` (indexed as the
/// faces; `None` for faces no page uses), tagged with the structure of
/// `tagged`.
pub(crate) fn write(
    pages: &[Vec<u8>],
    fonts: &[Option<Arc<Subset>>],
    tagged: &[Tagged],
    meta: &Meta,
) -> Vec<u8> {
    let mut objects = Objects::new();
    let catalog = objects.next_ref();
    let info = objects.next_ref();
    let tree = objects.next_ref();
    let resources = objects.next_ref();
    let font_refs: Vec<(usize, Ref)> = fonts
        .iter()
        .enumerate()
        .filter_map(|(i, f)| {
            f.as_ref()
                .map(|f| (i, font::write(&mut objects, &resource_name(i), f)))
        })
        .collect();
    let kids: Vec<Ref> = pages.iter().map(|_| objects.next_ref()).collect();
    for (i, (content, &page)) in pages.iter().zip(&kids).enumerate() {
        let stream = objects.next_ref();
        // The serial end of a build: deflated fast (`pack::Level`).
        objects.stream_at(stream, content, pack::Level::Fast, |_| {});
        objects.small(page, |c| {
            c.page(page)
                .parent(tree)
                .media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H))
                .contents(stream)
                .struct_parents(i as i32)
                .pair(Name(b"Resources"), resources);
        });
    }
    let structure = structure::write(&mut objects, &kids, tagged);
    objects.small(resources, |c| {
        let mut res = c.indirect(resources).dict();
        let mut dict = res.insert(Name(b"Font")).dict();
        for (i, r) in &font_refs {
            dict.pair(Name(resource_name(*i).as_bytes()), *r);
        }
    });
    objects.small(tree, |c| {
        c.pages(tree)
            .kids(kids.iter().copied())
            .count(kids.len() as i32);
    });
    let archive = meta.pdfa.then(|| {
        let (xmp, icc) = (objects.next_ref(), objects.next_ref());
        objects.plain_stream(xmp, pdfa::xmp(meta), |s| {
            s.pair(Name(b"Type"), Name(b"Metadata"));
            s.pair(Name(b"Subtype"), Name(b"XML"));
        });
        objects.stream(icc, pdfa::grey_profile(), |s| {
            s.pair(Name(b"N"), 1);
        });
        (xmp, icc)
    });
    objects.small(catalog, |c| {
        let mut cat = c.indirect(catalog).start::<pdf_writer::writers::Catalog>();
        cat.pages(tree).lang(TextStr("zh-CN"));
        if let Some((xmp, icc)) = archive {
            cat.metadata(xmp);
            cat.output_intents()
                .push()
                .subtype(pdf_writer::types::OutputIntentSubtype::PDFA)
                .output_condition_identifier(TextStr("Gray Gamma 2.2"))
                .dest_output_profile(icc);
        }
        cat.pair(Name(b"StructTreeRoot"), structure);
        cat.mark_info().marked(true);
        cat.viewer_preferences().display_doc_title(true);
    });
    objects.small(info, |c| write_info(c, info, meta));
    objects.finish(catalog, info)
}

/// The document information dictionary.
fn write_info(c: &mut pdf_writer::Chunk, id: Ref, meta: &Meta) {
    let (y, m, d) = meta.date;
    let date = Date::new(y.clamp(0, 9999) as u16)
        .month(m)
        .day(d)
        .hour(0)
        .minute(0)
        .second(0)
        .utc_offset_hour(0)
        .utc_offset_minute(0);
    let mut info = c.indirect(id).start::<pdf_writer::writers::DocumentInfo>();
    // Empty entries are left out (PDF/A wants each one repeated in XMP).
    for (key, value) in [
        (&b"Title"[..], &meta.title),
        (b"Author", &meta.author),
        (b"Subject", &meta.subject),
    ] {
        if !value.is_empty() {
            info.pair(Name(key), TextStr(value));
        }
    }
    info.creator(TextStr("nianbao"))
        .producer(TextStr("nianbao"))
        .creation_date(date)
        .modified_date(date);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The information of a document titled `title` by 机关, of 2026-01-20,
    /// PDF/A when `pdfa`: nothing drawn as .notdef, no draft.
    pub(super) fn sample_meta(title: &str, pdfa: bool) -> Meta {
        Meta {
            title: title.into(),
            author: "机关".into(),
            subject: String::new(),
            date: (2026, 1, 20),
            pdfa,
            notdef: false,
            draft: false,
        }
    }

    #[test]
    fn resource_names_count_in_three_letters() {
        assert_eq!(resource_name(0), "NBFAAA");
        assert_eq!(resource_name(4), "NBFAAE");
        assert_eq!(resource_name(27), "NBFABB");
    }

    #[test]
    fn a_document_without_fonts_is_a_valid_pdf() {
        let meta = sample_meta("年报", false);
        let pdf = write(&[b"0 0 m 10 10 l S\n".to_vec()], &[None], &[], &meta);
        let doc = hayro_syntax::Pdf::new(pdf.clone()).expect("the reader reads it");
        assert_eq!(doc.pages().len(), 1);
        let created = doc.metadata().creation_date.expect("a creation date");
        assert_eq!((created.year, created.month, created.day), (2026, 1, 20));
        assert_eq!((created.hour, created.minute, created.second), (0, 0, 0));
        assert_eq!((created.utc_offset_hour, created.utc_offset_minute), (0, 0));
        // Byte-identical when written again.
        assert_eq!(
            pdf,
            write(&[b"0 0 m 10 10 l S\n".to_vec()], &[None], &[], &meta)
        );
    }
}
