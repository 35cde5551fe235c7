//! The OFD (GB/T 33190-2016): the pages [`typeset`] laid out, written as
//! they are, a sibling of the PDF writer (`render::pdf`).
//!
//! One job per module: `page` (a page's display list as its
//! `Content.xml`: a text object per run, with its characters, advances
//! and glyph ids; path objects for rules and the watermark), `package`
//! (`OFD.xml` with the document information, `Document.xml` with the
//! page area, the pages and the outlines, `PublicRes.xml` with the
//! fonts), `truetype` and `cmap` (each face's subset as the TrueType font
//! embedded). The zip is `zip_xml::zip`'s, so the same report gives the
//! same bytes.

mod cmap;
mod package;
mod page;
mod truetype;

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::render::document::Document;
use crate::render::typeset::{self, FontError, Fonts, Page, Role};

/// Millimetres per point: OFD measures in millimetres, the layout in points.
const MM_PER_PT: f32 = 25.4 / 72.0;

/// Renders `doc` as an OFD with fonts already loaded (and covered for
/// its characters, [`typeset::cover`]).
pub fn render_with(
    doc: &Document,
    opts: &typeset::Options,
    fonts: &Fonts,
) -> Result<Vec<u8>, FontError> {
    write_laid_out(typeset::lay_out(doc, opts, fonts), doc, fonts)
}

/// One embedded font: its face, resource id and names.
struct Font {
    /// The resource id (`Font` of a text object).
    id: u32,
    /// The face's subset.
    subset: std::sync::Arc<typeset::fonts::Subset>,
    /// The TrueType file.
    file: Vec<u8>,
    /// The Chinese family a reader without the font substitutes
    /// (仿宋, 宋体, 黑体, 楷体).
    family: &'static str,
    /// Whether the face is bold.
    bold: bool,
}

/// Writes the pages of `doc` laid out by [`typeset::lay_out`] as an OFD.
pub fn write_laid_out(
    mut pages: Vec<Page>,
    doc: &Document,
    fonts: &Fonts,
) -> Result<Vec<u8>, FontError> {
    let used = typeset::settle_faces(&mut pages, fonts);
    let faces: Vec<usize> = (0..used.len()).filter(|&f| !used[f].is_empty()).collect();
    let made = faces
        .par_iter()
        .map(|&face| {
            let subset = fonts.subset(face, &used[face])?;
            let (family, bold) = family(fonts, face);
            let naming = truetype::Naming {
                family: &ascii_family(&subset.descriptor.postscript_name),
                bold,
            };
            let file = truetype::truetype(&subset, &naming);
            Ok((face, subset, file, family, bold))
        })
        .collect::<Result<Vec<_>, FontError>>()?;
    let mut ids = package::Ids::default();
    let embedded: BTreeMap<usize, Font> = made
        .into_iter()
        .map(|(face, subset, file, family, bold)| {
            let font = Font {
                id: ids.next(),
                subset,
                file,
                family,
                bold,
            };
            (face, font)
        })
        .collect();
    // Each page's ids in turn: its own, its layer's, one per object; the
    // pages are then written side by side.
    let mut first = Vec::with_capacity(pages.len());
    for p in &pages {
        first.push(ids.skip(2 + page::objects(&p.items, &embedded)));
    }
    let written: Vec<(String, package::Outline)> = pages
        .par_iter()
        .zip(&first)
        .map(|(p, &id)| {
            let mut outline = package::Outline::default();
            let xml = page::content(&p.items, &embedded, id, &mut outline);
            (xml, outline)
        })
        .collect();
    let mut outline = package::Outline::default();
    let mut parts: Vec<(String, Vec<u8>)> = Vec::with_capacity(pages.len());
    for (n, (xml, page_outline)) in written.into_iter().enumerate() {
        outline.extend(page_outline);
        parts.push((
            format!("Doc_0/Pages/Page_{n}/Content.xml"),
            xml.into_bytes(),
        ));
    }
    let page_ids = first;
    Ok(package::pack(
        doc,
        &embedded,
        &page_ids,
        &outline,
        ids.max(),
        parts,
    ))
}

/// The Chinese family of `face` a reader substitutes when it does not load
/// the embedded font, and whether the face is bold: by its role, else by
/// its name.
fn family(fonts: &Fonts, face: usize) -> (&'static str, bool) {
    let role = Role::ALL.into_iter().find(|&r| fonts.role_face(r) == face);
    match role {
        Some(Role::Body) => ("仿宋", false),
        Some(Role::Title) => ("宋体", true),
        Some(Role::Hei) => ("黑体", false),
        Some(Role::Kai) => ("楷体", false),
        Some(Role::Folio) => ("宋体", false),
        None => {
            let name = fonts.faces[face].name.to_lowercase();
            let bold = name.contains("bold");
            if name.contains("kai") || name.contains('楷') {
                ("楷体", bold)
            } else if name.contains("fang") || name.contains('仿') {
                ("仿宋", bold)
            } else if name.contains("sans") || name.contains("hei") || name.contains('黑') {
                ("黑体", bold)
            } else {
                ("宋体", bold)
            }
        }
    }
}

/// The family name the font file carries: the face's PostScript name
/// without its style, letters and digits only.
fn ascii_family(postscript: &str) -> String {
    let base = postscript.split('-').next().unwrap_or(postscript);
    let name: String = base.chars().filter(char::is_ascii_alphanumeric).collect();
    if name.is_empty() { "Font".into() } else { name }
}

/// `pt` points in millimetres, as the OFD writes them: at most four
/// decimals (0.1 µm), no trailing zeros, never `-0` or an exponent.
fn mm(pt: f32) -> String {
    number(f64::from(pt) * f64::from(MM_PER_PT))
}

/// `v` with at most four decimals, no trailing zeros (0 for anything not
/// finite), written without float formatting (a page sets thousands).
fn number(v: f64) -> String {
    let v = if v.is_finite() { v } else { 0.0 };
    let n = (v * 10_000.0).round();
    if n.abs() >= 1.0e15 {
        return format!("{}", n / 10_000.0);
    }
    let n = n as i64;
    let mut s = String::with_capacity(12);
    if n < 0 {
        s.push('-');
    }
    let n = n.unsigned_abs();
    let (whole, mut frac) = (n / 10_000, n % 10_000);
    s.push_str(&whole.to_string());
    if frac != 0 {
        s.push('.');
        let mut digits = 4;
        while frac % 10 == 0 {
            frac /= 10;
            digits -= 1;
        }
        let f = frac.to_string();
        for _ in f.len()..digits {
            s.push('0');
        }
        s.push_str(&f);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_millimetres_with_four_decimals() {
        assert_eq!(mm(72.0), "25.4");
        assert_eq!(mm(595.2756), "210");
        assert_eq!(number(-0.00001), "0");
        assert_eq!(number(f64::NAN), "0");
        assert_eq!(number(3.38452), "3.3845");
        assert_eq!(number(-1.05), "-1.05");
        assert_eq!(number(0.0001), "0.0001");
        assert_eq!(number(-0.00004), "0");
        assert_eq!(number(12.3), "12.3");
        for i in -20_000..20_000 {
            let v = f64::from(i) * 0.000_37;
            let want = format!("{:.4}", (v * 10_000.0).round() / 10_000.0);
            let want = want.trim_end_matches('0').trim_end_matches('.');
            let want = if want == "-0" { "0" } else { want };
            assert_eq!(number(v), want, "{v}");
        }
        assert_eq!(ascii_family("FandolFang-Regular"), "FandolFang");
        assert_eq!(ascii_family("中文"), "Font");
    }
}
