//! The one place that talks to printpdf: a page canvas with text, lines and
//! document metadata. Coordinates are points from the page's top-left
//! corner, y growing downwards.

use printpdf::{
    Color, FontId, Greyscale, Line as PLine, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Polygon, PolygonRing, Pt, TextItem,
    WindingOrder,
};

use super::PdfError;

/// A4 width in points.
pub const PAGE_W: f32 = 595.2756;
/// A4 height in points.
pub const PAGE_H: f32 = 841.8898;

/// A piece of a text run: characters, or a kern in points (positive moves
/// the following glyphs to the left).
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    /// Characters.
    Text(String),
    /// Space taken away, in points.
    Kern(f32),
}

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
}

/// A font the canvas can set: bytes and face index.
pub struct FontData<'a> {
    /// The font file.
    pub data: &'a [u8],
    /// Face index in a collection.
    pub index: u32,
}

/// The drawing surface.
pub struct Canvas {
    doc: PdfDocument,
    pages: Vec<PdfPage>,
    ops: Vec<Op>,
    fonts: Vec<Option<FontId>>,
    /// Per registered font: its resource name and the advance of every
    /// glyph in 1/1000 em, written as `/W` (see [`finish_fonts`]).
    widths: Vec<(FontId, Vec<i64>)>,
    /// Per registered font: the program printpdf will embed, compressed
    /// while printpdf writes the document (see [`Canvas::finish`]).
    programs: Vec<Vec<u8>>,
    started: bool,
}

impl Canvas {
    /// A canvas that can set `fonts` (indexed as given; `None` = unused).
    /// Each font is embedded as it is, marked as a subset: it must be one
    /// face whose glyph ids are its codes, as `Fonts::subset` writes it
    /// (a CID-keyed CFF face with CID n = glyph n); any other is refused.
    pub fn new(fonts: &[Option<FontData<'_>>]) -> Result<Canvas, PdfError> {
        let mut doc = PdfDocument::new("");
        let mut ids = Vec::new();
        let mut widths = Vec::new();
        let mut programs = Vec::new();
        for (i, f) in fonts.iter().enumerate() {
            let Some(f) = f else {
                ids.push(None);
                continue;
            };
            let unreadable = || PdfError::Pdf(format!("printpdf 无法读取第 {} 个字体", i + 1));
            // `/W` and the codes are glyph ids (see `finish_fonts`).
            let renumbered = printpdf::cff_charset_gid_to_cid_map(f.data, f.index as usize)
                .is_some_and(|cids| cids.iter().any(|(gid, cid)| gid != cid));
            if renumbered {
                return Err(PdfError::Pdf(format!(
                    "第 {} 个字体的 CID 与字形编号不一致，不能直接嵌入",
                    i + 1
                )));
            }
            let parsed = lazy_face(f).ok_or_else(unreadable)?;
            // Fixed ids keep the output byte-identical; the first six
            // letters become the subset tag.
            let id = FontId(format!("NBF{}", tag(i)));
            widths.push((id.clone(), advances(f).ok_or_else(unreadable)?));
            // What printpdf embeds: a CID-keyed CFF face's bare `CFF `
            // table, any other face whole.
            programs.push(
                printpdf::extract_cid_keyed_cff(f.data, f.index as usize)
                    .unwrap_or_else(|| f.data.to_vec()),
            );
            doc.resources
                .fonts
                .map
                .insert(id.clone(), printpdf::PdfFont::new(parsed));
            ids.push(Some(id));
        }
        Ok(Canvas {
            doc,
            pages: Vec::new(),
            ops: Vec::new(),
            fonts: ids,
            widths,
            programs,
            started: false,
        })
    }

    /// Starts a new page (the first call starts the first page).
    pub fn new_page(&mut self) {
        if self.started {
            let ops = std::mem::take(&mut self.ops);
            self.pages.push(PdfPage::new(Mm(210.0), Mm(297.0), ops));
        }
        self.started = true;
    }

    fn font(&self, font: usize) -> PdfFontHandle {
        PdfFontHandle::External(
            self.fonts[font]
                .clone()
                .expect("font registered with the canvas"),
        )
    }

    /// Sets a run of text with its baseline starting at (`x`, `y`).
    /// `spacing` is added after every glyph (PDF `Tc`).
    pub fn text(&mut self, x: f32, y: f32, font: usize, size: f32, spacing: f32, pieces: &[Piece]) {
        let items = pieces
            .iter()
            .map(|p| match p {
                Piece::Text(s) => TextItem::Text(s.clone()),
                Piece::Kern(k) => TextItem::Offset(k * 1000.0 / size),
            })
            .collect();
        self.ops.extend([
            Op::StartTextSection,
            Op::SetFont {
                font: self.font(font),
                size: Pt(size),
            },
            Op::SetCharacterSpacing {
                multiplier: spacing,
            },
            Op::SetTextCursor {
                pos: Point {
                    x: Pt(x),
                    y: Pt(PAGE_H - y),
                },
            },
            Op::ShowText { items },
            Op::EndTextSection,
        ]);
    }

    /// Fills a shape made of closed contours in `grey` (0 black, 1 white).
    /// Points are `(x, y, control)`; two control points and an end point
    /// make a cubic Bézier segment.
    pub fn fill(&mut self, rings: &[Vec<(f32, f32, bool)>], grey: f32) {
        let rings = rings
            .iter()
            .map(|r| PolygonRing {
                points: r
                    .iter()
                    .map(|&(x, y, bezier)| LinePoint {
                        p: Point {
                            x: Pt(x),
                            y: Pt(PAGE_H - y),
                        },
                        bezier,
                    })
                    .collect(),
            })
            .collect();
        self.ops.extend([
            Op::SaveGraphicsState,
            Op::SetFillColor {
                col: Color::Greyscale(Greyscale {
                    percent: grey,
                    icc_profile: None,
                }),
            },
            Op::DrawPolygon {
                polygon: Polygon {
                    rings,
                    mode: PaintMode::Fill,
                    winding_order: WindingOrder::NonZero,
                },
            },
            Op::RestoreGraphicsState,
        ]);
    }

    /// Draws a straight line `width` points thick.
    pub fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32) {
        let p = |x: f32, y: f32| LinePoint {
            p: Point {
                x: Pt(x),
                y: Pt(PAGE_H - y),
            },
            bezier: false,
        };
        self.ops.extend([
            Op::SetOutlineThickness { pt: Pt(width) },
            Op::DrawLine {
                line: PLine {
                    points: vec![p(x1, y1), p(x2, y2)],
                    is_closed: false,
                },
            },
        ]);
    }

    /// Ends the last page and writes the PDF.
    pub fn finish(mut self, meta: &Meta) -> Vec<u8> {
        if self.started || self.pages.is_empty() {
            let ops = std::mem::take(&mut self.ops);
            self.pages.push(PdfPage::new(Mm(210.0), Mm(297.0), ops));
        }
        let info = &mut self.doc.metadata.info;
        info.document_title = meta.title.clone();
        info.author = meta.author.clone();
        info.subject = meta.subject.clone();
        info.creator = "nianbao".to_string();
        info.producer = "nianbao".to_string();
        let (y, m, d) = meta.date;
        let date = printpdf::DateTime {
            date: printpdf::Date {
                year: y,
                month: m,
                day: d,
            },
            time: printpdf::Time {
                hour: 0,
                minute: 0,
                second: 0,
                millisecond: 0,
            },
            offset: printpdf::Offset {
                hours: 8,
                minutes: 0,
                seconds: 0,
                milliseconds: 0,
            },
        };
        info.creation_date = date;
        info.modification_date = date;
        info.metadata_date = date;
        self.doc.pages = std::mem::take(&mut self.pages);
        // The faces are subsets already (`Fonts::subset`, with identity
        // CIDs): printpdf embeds them as they are and only needs the tag.
        let opts = PdfSaveOptions {
            subset_fonts: false,
            ..Default::default()
        };
        let mut warnings = Vec::new();
        // The font programs, most of the deflating, are compressed on the
        // other core while printpdf writes the document on this one.
        let (pdf, programs) = (&self.doc, &self.programs);
        let (packed, mut doc) = rayon::join(
            || {
                use rayon::prelude::*;
                programs.par_iter().map(|p| zlib(p)).collect::<Vec<_>>()
            },
            || pdf.to_lopdf_document(&opts, &mut warnings),
        );
        finish_fonts(&mut doc, &self.widths);
        // Compressed streams, and the small objects (page and font
        // dictionaries, widths) packed into compressed object streams with
        // a cross-reference stream: PDF 1.5.
        compress_streams(&mut doc, programs, &packed);
        let save = lopdf::SaveOptions::builder()
            .use_object_streams(true)
            .use_xref_streams(true)
            .max_objects_per_stream(200)
            .compression_level(9)
            .build();
        let mut bytes = Vec::new();
        if let Err(e) = doc.save_with_options(&mut bytes, save) {
            // Writing into memory fails only on a broken object; fall back
            // to printpdf's own (larger) writer.
            warnings.push(printpdf::PdfWarnMsg::error(0, 0, e.to_string()));
            bytes = self.doc.save(&opts, &mut warnings);
        }
        stable_id(&mut bytes);
        bytes
    }
}

/// Deflates every stream as `lopdf::Document::compress` does (best
/// compression, kept only when smaller), spread over the cores. A stream
/// holding one of `programs` takes its compressed form from `packed`,
/// made while printpdf wrote the document.
/// The bytes do not depend on the number of threads.
fn compress_streams(doc: &mut lopdf::Document, programs: &[Vec<u8>], packed: &[Option<Vec<u8>>]) {
    use rayon::prelude::*;
    let mut streams: Vec<&mut lopdf::Stream> = doc
        .objects
        .values_mut()
        .filter_map(|o| match o {
            lopdf::Object::Stream(s) if s.allows_compression && s.dict.get(b"Filter").is_err() => {
                Some(s)
            }
            _ => None,
        })
        .collect();
    // Largest first, so that the longest job starts at once.
    streams.sort_by_key(|s| std::cmp::Reverse(s.content.len()));
    streams.par_iter_mut().for_each(|s| {
        let compressed = match programs.iter().position(|p| *p == s.content) {
            Some(i) => packed[i].clone(),
            None => zlib(&s.content),
        };
        // lopdf's rule: kept when it saves more than the filter entry.
        if let Some(compressed) = compressed
            && compressed.len() + 19 < s.content.len()
        {
            s.dict.set("Filter", "FlateDecode");
            s.set_content(compressed);
        }
    });
}

/// `data` as a zlib stream at the best level, as lopdf compresses; `None`
/// if that failed (it does not in memory), and the stream stays as it is.
fn zlib(data: &[u8]) -> Option<Vec<u8>> {
    use std::io::Write;
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(data).ok()?;
    z.finish().ok()
}

/// Completes the font dictionaries printpdf wrote for the faces of
/// `widths`: the glyph widths (`/W`, one run from glyph 0, since codes are
/// glyph ids: `Fonts::subset`) and the subset tag (ISO 32000-1 9.6.4), the
/// first six letters of the resource name (`NBFAAA+…`) on the Type0 font,
/// its descendant and its descriptor.
fn finish_fonts(doc: &mut lopdf::Document, widths: &[(FontId, Vec<i64>)]) {
    use lopdf::{Dictionary, Object};
    // The resource dictionaries name each Type0 font object; only entries
    // that lead to one count.
    let is_type0 = |r: lopdf::ObjectId| {
        doc.get_dictionary(r)
            .is_ok_and(|d| d.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0"))
    };
    let mut type0 = std::collections::BTreeMap::new();
    for object in doc.objects.values() {
        if let Object::Dictionary(d) = object {
            for (key, value) in d.iter() {
                if let Ok(r) = value.as_reference()
                    && is_type0(r)
                {
                    type0.insert(key.clone(), r);
                }
            }
        }
    }
    for (id, advances) in widths {
        let Some(&font) = type0.get(id.0.as_bytes()) else {
            continue;
        };
        let Some(Object::Name(name)) = doc
            .get_dictionary(font)
            .ok()
            .and_then(|d| d.get(b"BaseFont").ok().cloned())
        else {
            continue;
        };
        let tagged = match id.0.get(..6) {
            Some(tag) if name.get(6) != Some(&b'+') => {
                Object::Name([tag.as_bytes(), b"+", &name].concat())
            }
            _ => Object::Name(name),
        };
        let w = Object::Array(vec![
            Object::Integer(0),
            Object::Array(advances.iter().map(|&a| Object::Integer(a)).collect()),
        ]);
        let mut descriptor = None;
        let mut complete = |d: &mut Dictionary| {
            d.set("BaseFont", tagged.clone());
            d.set("W", w.clone());
            descriptor = d
                .get(b"FontDescriptor")
                .ok()
                .and_then(|o| o.as_reference().ok());
        };
        let Ok(dict) = doc.get_dictionary_mut(font) else {
            continue;
        };
        dict.set("BaseFont", tagged.clone());
        // The descendant CIDFont: inline, as printpdf writes it, or referenced.
        let mut referenced = None;
        if let Ok(Object::Array(descendants)) = dict.get_mut(b"DescendantFonts") {
            match descendants.first_mut() {
                Some(Object::Dictionary(d)) => complete(d),
                Some(Object::Reference(r)) => referenced = Some(*r),
                _ => {}
            }
        }
        if let Some(d) = referenced.and_then(|r| doc.get_dictionary_mut(r).ok()) {
            complete(d);
        }
        if let Some(d) = descriptor.and_then(|r| doc.get_dictionary_mut(r).ok()) {
            d.set("FontName", tagged);
        }
    }
}

/// The advance of every glyph of `f` in 1/1000 em.
fn advances(f: &FontData<'_>) -> Option<Vec<i64>> {
    let face = ttf_parser::Face::parse(f.data, f.index).ok()?;
    let scale = 1000.0 / f32::from(face.units_per_em().max(1));
    Some(
        (0..face.number_of_glyphs())
            .map(|g| {
                let advance = face.glyph_hor_advance(ttf_parser::GlyphId(g)).unwrap_or(0);
                (f32::from(advance) * scale).round() as i64
            })
            .collect(),
    )
}

/// A printpdf face that decodes no CFF outline. printpdf asks a face for
/// each glyph's advance through azul's glyph cache, which decodes the whole
/// outline of a CFF glyph after re-parsing the `CFF ` table for every glyph
/// (quadratic in the glyphs used) whenever the face keeps `original_bytes`.
/// Kept only in the lazy slot instead, the bytes still reach the PDF
/// (`source_bytes_for_subset` reads either) and CFF outlines are never
/// decoded (TrueType ones still are, cheaply, from the lazily loaded
/// `glyf`); the advances printpdf then reads are zero, so [`finish_fonts`]
/// writes `/W`.
fn lazy_face(f: &FontData<'_>) -> Option<ParsedFont> {
    let bytes = std::sync::Arc::new(rust_fontconfig::FontBytes::Owned(std::sync::Arc::from(
        f.data,
    )));
    let mut warnings = Vec::new();
    let mut face =
        printpdf::AzulParsedFont::from_bytes_shared(bytes, f.index as usize, &mut warnings)?;
    face.original_bytes = None;
    Some(ParsedFont::from_azul(face))
}

/// Three capital letters for font number `i`.
fn tag(i: usize) -> String {
    let l = |n: usize| char::from(b'A' + (n % 26) as u8);
    format!("{}{}{}", l(i / 676), l(i / 26), l(i))
}

/// printpdf writes a random trailer `/ID`; replace it with a hash of the
/// file so that the same input gives the same bytes.
fn stable_id(bytes: &mut [u8]) {
    let Some(pos) = find_last(bytes, b"/ID") else {
        return;
    };
    // FNV-1a over everything before the trailer.
    let mut h: u64 = 0xcbf29ce484222325;
    for b in &bytes[..pos] {
        h ^= *b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    let mut i = pos + 3;
    let mut k = 0u64;
    // Overwrite the characters of each literal string (same length).
    while i < bytes.len() && bytes[i] != b']' {
        if bytes[i] == b'(' {
            i += 1;
            while i < bytes.len() && bytes[i] != b')' {
                let x = (h.rotate_left((k % 64) as u32) ^ k.wrapping_mul(0x9e3779b97f4a7c15)) % 26;
                bytes[i] = b'A' + x as u8;
                k += 1;
                i += 1;
            }
        }
        i += 1;
    }
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}
