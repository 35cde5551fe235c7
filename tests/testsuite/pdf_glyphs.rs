//! The glyphs of a PDF with their characters and advances as set, read
//! in-process by the importer's content interpreter (text matrices, `Tc`,
//! `Tw`, `Tz`, `TJ` displacements, `Tj`, `'`, `"`, forms) through each
//! font's widths and `ToUnicode` map. `pdftotext` reads whole lines; this
//! sees every character's width.

use std::path::Path;

use crate::pdf_inspect;

/// One glyph as placed.
#[derive(Debug, Clone)]
pub(crate) struct Glyph {
    /// Page index, from 0.
    pub(crate) page: usize,
    /// Left edge of the advance, PDF points from the left.
    pub(crate) x: f64,
    /// Baseline, PDF points from the bottom.
    pub(crate) y: f64,
    /// Font size.
    pub(crate) size: f64,
    /// The character (`?` when the font does not say).
    pub(crate) ch: char,
    /// Character spacing (`Tc`) of its run.
    pub(crate) tc: f64,
    /// Advance with `Tc`, before any kern.
    pub(crate) natural: f64,
    /// Advance as set: `natural` less the kern after the glyph.
    pub(crate) set: f64,
}

/// Every visible glyph of `pdf`, page by page in content order.
pub(crate) fn glyphs(pdf: &Path) -> Vec<Glyph> {
    let read = pdf_inspect::read(pdf);
    let mut out = Vec::new();
    for (page, p) in read.pages.iter().enumerate() {
        for g in &p.glyphs {
            out.push(Glyph {
                page,
                x: g.x0,
                y: g.baseline,
                size: g.size,
                ch: g.text.chars().next().unwrap_or('?'),
                tc: g.char_space,
                natural: g.advance,
                set: g.advance + g.adjust,
            });
        }
    }
    out
}
