//! The glyphs of a PDF as they are placed, page by page: what a reader of
//! the printed page sees, for measuring a PDF (the tests read nianbao's own
//! PDFs back with it, instead of with poppler). The same content interpreter
//! and fonts as the import, under the same limits.

use hayro_syntax::object::{Array, Dict, Object};
use hayro_syntax::page::Page;

use super::content::{self, Budget};
use super::{ImportError, guarded, load};

/// One page of a PDF: its visible area and the glyphs shown on it.
#[derive(Debug, Clone)]
pub struct PlacedPage {
    /// The visible area (`CropBox`, else `MediaBox`, inherited from the
    /// page tree): left, bottom, right, top, in points.
    pub bounds: [f64; 4],
    /// The visible glyphs, in the order they are drawn.
    pub glyphs: Vec<PlacedGlyph>,
}

/// One visible glyph, in page space (points, y up). Spaces and other
/// invisible codes move the pen but are not listed.
#[derive(Debug, Clone)]
pub struct PlacedGlyph {
    /// The text it stands for (through `ToUnicode`, a predefined CMap or the
    /// encoding; U+FFFD where the font does not say).
    pub text: String,
    /// Left edge of its width.
    pub x0: f64,
    /// Right edge of its width (without character spacing).
    pub x1: f64,
    /// The baseline.
    pub baseline: f64,
    /// Font size in page space.
    pub size: f64,
    /// Top of the font's box: the font descriptor's ascent (poppler's rules
    /// and defaults) above the baseline.
    pub top: f64,
    /// Bottom of the font's box: its descent below the baseline.
    pub bottom: f64,
    /// How far it moves the pen: its width with character (`Tc`) and word
    /// (`Tw`) spacing, before any `TJ` displacement.
    pub advance: f64,
    /// The character spacing (`Tc`) included in `advance`.
    pub char_space: f64,
    /// The `TJ` displacement after it (negative: the next glyph is pulled
    /// back), so the pen moves `advance + adjust` in all.
    pub adjust: f64,
}

/// Most levels of the page tree climbed for an inherited page box.
const MAX_TREE_DEPTH: usize = 32;

/// Every page of a PDF with its placed glyphs, under the import's limits
/// (pages, stream sizes, operators, glyphs).
pub fn placed_glyphs(bytes: &[u8]) -> Result<Vec<PlacedPage>, ImportError> {
    guarded(|| {
        let doc = load(bytes)?;
        let mut budget = Budget::new(bytes.len());
        let cache = content::Cache::default();
        let mut out = Vec::new();
        for (number, pdf_page) in (1u32..).zip(doc.pages().iter()) {
            let page = content::run_page(pdf_page, number, &mut budget, &cache)?;
            let glyphs = page
                .glyphs
                .into_iter()
                .map(|g| PlacedGlyph {
                    text: g.text,
                    x0: g.x0,
                    x1: g.x1,
                    baseline: g.y,
                    size: g.size,
                    top: g.top,
                    bottom: g.bottom,
                    advance: g.advance,
                    char_space: g.char_space,
                    adjust: g.adjust,
                })
                .collect();
            out.push(PlacedPage {
                bounds: page_box(pdf_page),
                glyphs,
            });
        }
        Ok(out)
    })
}

/// The visible area of a page: its `CropBox`, else its `MediaBox`, either
/// inherited from the page tree; US Letter when neither is given.
fn page_box(page: &Page<'_>) -> [f64; 4] {
    let mut node: Option<Dict<'_>> = Some(page.raw().clone());
    let mut media = None;
    for _ in 0..MAX_TREE_DEPTH {
        let Some(d) = node else { break };
        if let Some(crop) = rect(&d, b"CropBox") {
            return crop;
        }
        media = media.or_else(|| rect(&d, b"MediaBox"));
        node = d.get::<Dict<'_>>(b"Parent");
    }
    media.unwrap_or([0.0, 0.0, 612.0, 792.0])
}

/// A rectangle entry of a dictionary, normalised (left < right, bottom < top).
fn rect(d: &Dict<'_>, key: &[u8]) -> Option<[f64; 4]> {
    let a = d.get::<Array<'_>>(key)?;
    let n: Vec<f64> = a
        .iter::<Object<'_>>()
        .take(5)
        .filter_map(|o| match o {
            Object::Number(n) => Some(n.as_f64()),
            _ => None,
        })
        .collect();
    let [x0, y0, x1, y1] = n[..] else {
        return None;
    };
    Some([x0.min(x1), y0.min(y1), x0.max(x1), y0.max(y1)])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::error::Limit;

    /// A one-page PDF with one simple font and `content` as its page.
    fn pdf(content: &str, page_extra: &str) -> Vec<u8> {
        pdf_with_font(
            content,
            page_extra,
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 65 /LastChar 66 \
             /Widths [500 600] /FontDescriptor 6 0 R >>",
        )
    }

    /// A one-page PDF with the font dictionary `font` as /F1.
    fn pdf_with_font(content: &str, page_extra: &str, font: &str) -> Vec<u8> {
        pdf_with_objects(content, (page_extra, ""), font, &[])
    }

    /// A one-page PDF with `extra` entries in its page dictionary and its
    /// resources, the font dictionary `font` as /F1 and `more` objects,
    /// numbered from 7.
    fn pdf_with_objects(
        content: &str,
        (page_extra, resources_extra): (&str, &str),
        font: &str,
        more: &[String],
    ) -> Vec<u8> {
        let mut objects = vec![
            "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 200 300] >>".to_string(),
            format!(
                "<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 5 0 R >> \
                 {resources_extra}>> /Contents 4 0 R {page_extra}>>"
            ),
            stream("", content),
            font.to_string(),
            "<< /Type /FontDescriptor /FontName /Helvetica /Ascent 800 /Descent 200 >>".to_string(),
        ];
        objects.extend(more.iter().cloned());
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (i, o) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).bytes());
        }
        let xref = out.len();
        out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
        for o in offsets {
            out.extend(format!("{o:010} 00000 n \n").bytes());
        }
        out.extend(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
                objects.len() + 1
            )
            .bytes(),
        );
        out
    }

    /// A stream object with the dictionary entries `dict` and `data`.
    fn stream(dict: &str, data: &str) -> String {
        format!(
            "<< /Length {} {dict}>>\nstream\n{data}\nendstream",
            data.len() + 1
        )
    }

    /// A simple font whose ToUnicode map (object 7) gives `A` the text
    /// `units` (hex UTF-16).
    fn font_mapping_a_to(units: &str) -> (String, String) {
        let cmap = format!(
            "/CIDInit /ProcSet findresource begin 12 dict begin begincmap \
             1 begincodespacerange <00> <FF> endcodespacerange \
             1 beginbfchar <41> <{units}> endbfchar endcmap end end"
        );
        (
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 65 /LastChar 65 \
             /Widths [500] /FontDescriptor 6 0 R /ToUnicode 7 0 R >>"
                .to_string(),
            stream("", &cmap),
        )
    }

    /// Issue 58.2: a code whose ToUnicode text is long is cut to
    /// `MAX_CODE_UNITS` characters, and the text a small file makes is
    /// bounded by its size: refused in Chinese, quickly, whatever the map.
    #[test]
    fn text_amplified_by_a_tounicode_map_is_bounded() {
        let start = std::time::Instant::now();
        let (font, cmap) = font_mapping_a_to(&"4E2D".repeat(2_000));
        let one = pdf_with_objects(
            "BT /F1 12 Tf 10 10 Td (A) Tj ET",
            ("", ""),
            &font,
            std::slice::from_ref(&cmap),
        );
        let pages = placed_glyphs(&one).unwrap();
        assert_eq!(pages[0].glyphs[0].text.chars().count(), 256);
        let many = format!("BT /F1 12 Tf 10 10 Td ({}) Tj ET", "A".repeat(4_000));
        let hostile = pdf_with_objects(&many, ("", ""), &font, &[cmap]);
        for e in [
            placed_glyphs(&hostile).unwrap_err(),
            super::super::extract(&hostile).unwrap_err(),
        ] {
            let message = e.to_string();
            assert!(
                matches!(e, ImportError::Limit(Limit::PdfText { .. })),
                "{message}"
            );
            assert!(message.contains("读出的文字超过"), "{message}");
        }
        assert!(start.elapsed() < std::time::Duration::from_secs(5));
    }

    /// An `ActualText` in a form drawn thousands of times counts each
    /// time: the page's few bytes cannot make millions of characters.
    #[test]
    fn text_amplified_by_an_actual_text_in_a_form_is_bounded() {
        let start = std::time::Instant::now();
        let form = stream(
            "/Type /XObject /Subtype /Form /BBox [0 0 200 300] ",
            &format!(
                "/Span << /ActualText ({}) >> BDC BT /F1 12 Tf 10 10 Td (A) Tj ET EMC",
                "B".repeat(1_000)
            ),
        );
        let content = "/X1 Do\n".repeat(3_000);
        let hostile = pdf_with_objects(
            &content,
            ("", "/XObject << /X1 7 0 R >> "),
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 65 /LastChar 66 \
             /Widths [500 600] /FontDescriptor 6 0 R >>",
            &[form],
        );
        let e = super::super::extract(&hostile).unwrap_err();
        assert!(
            matches!(e, ImportError::Limit(Limit::PdfText { .. })),
            "{e}"
        );
        assert!(start.elapsed() < std::time::Duration::from_secs(5));
    }

    #[test]
    fn glyphs_are_placed_with_spacing_displacements_and_font_box() {
        let bytes = pdf(
            "BT /F1 10 Tf 2 0 0 2 20 100 Tm 1 Tc [(A) -500 (B)] TJ ET",
            "/CropBox [10 10 190 290] ",
        );
        let pages = placed_glyphs(&bytes).unwrap();
        assert_eq!(pages.len(), 1);
        assert_eq!(pages[0].bounds, [10.0, 10.0, 190.0, 290.0]);
        let g = &pages[0].glyphs;
        assert_eq!(g.len(), 2);
        let close = |a: f64, b: f64| (a - b).abs() < 1e-9;
        // A: 0.5 em of a 20 pt (10 × 2) face, 1 unit of Tc (2 pt) after it,
        // then pulled 5 pt to the right by −500.
        assert_eq!(g[0].text, "A");
        assert!(close(g[0].x0, 20.0) && close(g[0].x1, 30.0), "{g:?}");
        assert!(close(g[0].size, 20.0) && close(g[0].baseline, 100.0));
        assert!(close(g[0].top, 116.0) && close(g[0].bottom, 96.0));
        assert!(close(g[0].advance, 12.0) && close(g[0].char_space, 2.0));
        assert!(close(g[0].adjust, 10.0), "{}", g[0].adjust);
        assert_eq!(g[1].text, "B");
        assert!(close(g[1].x0, 42.0) && close(g[1].x1, 54.0), "{g:?}");
        assert!(close(g[1].adjust, 0.0));
    }

    #[test]
    fn simple_fonts_read_their_encoding_and_differences() {
        let text = |font: &str, shown: &str| -> String {
            let content = format!("BT /F1 12 Tf 10 10 Td ({shown}) Tj ET");
            let pages = placed_glyphs(&pdf_with_font(&content, "", font)).unwrap();
            pages[0].glyphs.iter().map(|g| g.text.as_str()).collect()
        };
        let win = "<< /Type /Font /Subtype /TrueType /BaseFont /A /Encoding /WinAnsiEncoding >>";
        assert_eq!(text(win, "A\\351\\200"), "Aé€");
        // Differences over WinAnsi, by glyph name (an unknown name keeps
        // the base encoding's character); no encoding: StandardEncoding.
        let diff = "<< /Type /Font /Subtype /Type1 /BaseFont /B /Encoding << \
                    /BaseEncoding /WinAnsiEncoding /Differences [65 /uni4E2D /quotedblleft /g7] >> >>";
        assert_eq!(text(diff, "ABCD"), "中“CD");
        let plain = "<< /Type /Font /Subtype /Type1 /BaseFont /C >>";
        assert_eq!(text(plain, "A\\047"), "A’");
    }

    #[test]
    fn the_page_box_is_inherited_and_damage_is_an_error() {
        let pages = placed_glyphs(&pdf("BT /F1 12 Tf 5 6 Td (AB) Tj ET", "")).unwrap();
        assert_eq!(pages[0].bounds, [0.0, 0.0, 200.0, 300.0]);
        assert_eq!(pages[0].glyphs.len(), 2);
        assert!(placed_glyphs(b"%PDF-1.4 nothing else").is_err());
    }
}
