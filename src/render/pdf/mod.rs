//! The publication PDF: the pages [`typeset`] laid out, written as they are.
//!
//! [`canvas`] turns each page's display list into a content stream, and
//! `writer` writes the file (pdf-writer's dictionaries): the embedded
//! faces' subsets with their ToUnicode maps, the structure tags, PDF/A,
//! packing; [`Ahead`] cuts and deflates the faces' subsets beside the
//! layout.

mod ahead;
pub mod canvas;
mod narrowed;
mod writer;

use rayon::prelude::*;

pub use ahead::Ahead;

use crate::render::document::Document;
use crate::render::layout::page::PageNumbers;
use crate::render::typeset::{self, FontChoice, FontError, Fonts, Page};
use canvas::{Canvas, Meta};

/// How to build the PDF.
#[derive(Debug, Clone, Default)]
pub struct PdfOptions {
    /// Font directory and per-role overrides.
    pub fonts: FontChoice,
    /// Page number placement.
    pub page_numbers: PageNumbers,
    /// Write PDF/A-2a (for archives): XMP metadata and an output intent.
    pub pdfa: bool,
    /// Characters no face has (drawn as empty boxes) were seen and accepted
    /// (`--accept-missing-glyphs`): the PDF is then not marked 草稿 for them.
    pub accept_missing_glyphs: bool,
}

impl PdfOptions {
    /// How the pages of this PDF are laid out.
    pub fn layout(&self) -> typeset::Options {
        typeset::Options {
            page_numbers: self.page_numbers,
            accept_missing_glyphs: self.accept_missing_glyphs,
        }
    }
}

/// Renders `doc` as a PDF.
pub fn render(doc: &Document, opts: &PdfOptions) -> Result<Vec<u8>, FontError> {
    let mut fonts = Fonts::load(&opts.fonts)?;
    typeset::cover(&mut fonts, doc);
    render_with(doc, opts, &fonts)
}

/// Renders `doc` with fonts already loaded.
pub fn render_with(doc: &Document, opts: &PdfOptions, fonts: &Fonts) -> Result<Vec<u8>, FontError> {
    // The faces' subsets and their deflate beside the layout: most of what
    // would otherwise wait for it (see `ahead`).
    let (pages, ()) = rayon::join(
        || typeset::lay_out(doc, &opts.layout(), fonts),
        || prepare(doc, fonts),
    );
    write_laid_out(pages, doc, opts, fonts)
}

/// Cuts and deflates the faces' subsets that `doc` will embed, into the
/// caches of `fonts` and of the writer, so that [`write_laid_out`] finds
/// them (see `ahead`); the bytes are the same without it.
pub fn prepare(doc: &Document, fonts: &Fonts) {
    ahead::subsets(
        fonts,
        &typeset::predict(doc, fonts),
        ahead::Faces::All,
        &|_| true,
    );
}

/// Writes the pages of `doc` laid out by [`typeset::lay_out`]: the second
/// half of [`render_with`], after the layout and (for speed) [`prepare`]
/// have finished.
pub fn write_laid_out(
    mut pages: Vec<Page>,
    doc: &Document,
    opts: &PdfOptions,
    fonts: &Fonts,
) -> Result<Vec<u8>, FontError> {
    // The characters each face sets; only those glyphs are embedded.
    let used = typeset::settle_faces(&mut pages, fonts);
    // One face per core: the body face's subset is most of the work.
    let subsets = used
        .par_iter()
        .enumerate()
        .map(|(face, chars)| {
            (!chars.is_empty())
                .then(|| fonts.subset(face, chars))
                .transpose()
        })
        .collect::<Result<Vec<_>, _>>()?;
    // A character no face has is drawn as .notdef.
    let notdef = used.iter().zip(&subsets).any(|(chars, s)| {
        s.as_ref()
            .is_some_and(|s| chars.iter().any(|c| !s.glyphs.contains_key(c)))
    });
    let mut canvas = Canvas::new(&subsets);
    for p in &pages {
        canvas.new_page();
        canvas.play(&p.items);
    }
    let meta = Meta {
        pdfa: opts.pdfa,
        notdef,
        draft: doc.draft.is_some(),
        ..meta(doc)
    };
    Ok(canvas.finish(&meta))
}

fn meta(doc: &Document) -> Meta {
    let date = doc
        .date_iso
        .as_deref()
        .and_then(|s| {
            let mut it = s.split('-').map(|p| p.parse::<i32>().ok());
            Some((it.next()??, it.next()?? as u8, it.next()?? as u8))
        })
        .unwrap_or((doc.year + 1, 1, 1));
    Meta {
        title: doc.title.clone(),
        author: doc.agency.clone(),
        subject: format!("{}年政府信息公开工作年度报告", doc.year),
        date,
        pdfa: false,
        notdef: false,
        draft: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Edition;
    use crate::render::typeset::Draw;
    use crate::render::typeset::dump::{dump, run_text};

    /// The seam between typesetting and writing: a report laid out once,
    /// its pages handed to the PDF writer and to a second reader (the text
    /// listing), which find the same pages and the same runs in order.
    #[test]
    fn the_same_laid_out_pages_make_the_pdf_and_the_listing() {
        let mut report = crate::testutil::report(Edition::E2021);
        report.agency.value = "淄博市公安局交通警察支队张店大队".into();
        let doc = crate::render::document::build(&report, None);
        let fonts = Fonts::load(&Default::default()).unwrap();
        let opts = PdfOptions::default();
        let pages = typeset::lay_out(&doc, &opts.layout(), &fonts);
        let listing = dump(&pages);
        let pdf = write_laid_out(pages.clone(), &doc, &opts, &fonts).unwrap();
        assert_eq!(pdf, render_with(&doc, &opts, &fonts).unwrap());

        // The listing: every page under its number, the title first on
        // page 1, each page's number last on it.
        let listed: Vec<&str> = listing.split("page ").skip(1).collect();
        assert_eq!(listed.len(), pages.len());
        assert!(pages.len() >= 2);
        assert!(
            listed[0].starts_with("1\n  mark block 0 title\n  text "),
            "{listing}"
        );
        assert!(listed[0].contains("\"淄博市公安局交通警察支队张店大队\""));
        for (i, page) in listed.iter().enumerate() {
            let last_runs: Vec<&str> = page.lines().rev().take(3).collect();
            assert!(last_runs[0].ends_with("\" —\""), "{page}");
            assert!(last_runs[1].ends_with(&format!("\"{}\"", i + 1)), "{page}");
            assert!(last_runs[2].ends_with("\"— \""), "{page}");
        }

        // The PDF: as many pages, and on each the glyphs of the runs in the
        // order they were laid out, the first where it was placed (spaces
        // are not glyphs).
        let placed = crate::import::pdf::placed_glyphs(&pdf).unwrap();
        assert_eq!(placed.len(), pages.len());
        for (page, read) in pages.iter().zip(&placed) {
            let runs: Vec<(f32, f32, String)> = page
                .items
                .iter()
                .filter_map(|d| match d {
                    Draw::Text { x, y, pieces, .. } => Some((*x, *y, run_text(pieces))),
                    _ => None,
                })
                .collect();
            let laid: String = runs.iter().flat_map(|r| r.2.chars()).collect();
            let laid: String = laid.chars().filter(|c| !c.is_whitespace()).collect();
            let written: String = read.glyphs.iter().map(|g| g.text.as_str()).collect();
            assert_eq!(written, laid);
            let (x, y, _) = &runs[0];
            let first = &read.glyphs[0];
            assert!((first.x0 - f64::from(*x)).abs() < 0.01, "{first:?}");
            assert!(
                (first.baseline - f64::from(typeset::PAGE_H - y)).abs() < 0.01,
                "{first:?}"
            );
        }
    }
}
