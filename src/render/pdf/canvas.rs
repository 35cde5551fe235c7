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
    started: bool,
}

impl Canvas {
    /// A canvas that can set `fonts` (indexed as given; `None` = unused).
    pub fn new(fonts: &[Option<FontData<'_>>]) -> Result<Canvas, PdfError> {
        let mut doc = PdfDocument::new("");
        let mut ids = Vec::new();
        for (i, f) in fonts.iter().enumerate() {
            let Some(f) = f else {
                ids.push(None);
                continue;
            };
            let mut warnings = Vec::new();
            let parsed = ParsedFont::from_bytes(f.data, f.index as usize, &mut warnings)
                .ok_or_else(|| PdfError::Pdf(format!("printpdf 无法读取第 {} 个字体", i + 1)))?;
            // Fixed ids keep the output byte-identical; the first six
            // letters become the subset tag.
            let id = FontId(format!("NBF{}", tag(i)));
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
        let opts = PdfSaveOptions {
            subset_fonts: true,
            ..Default::default()
        };
        let mut warnings = Vec::new();
        let mut doc = self.doc.to_lopdf_document(&opts, &mut warnings);
        // Compressed streams, and the small objects (page and font
        // dictionaries, widths) packed into compressed object streams with
        // a cross-reference stream: PDF 1.5.
        compress_streams(&mut doc);
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

/// Deflates every stream, as `lopdf::Document::compress` does (best
/// compression, kept only when smaller), spread over the cores: the body
/// face's program is most of the work, and the other streams compress on
/// another core meanwhile. The bytes do not depend on the number of threads.
fn compress_streams(doc: &mut lopdf::Document) {
    use rayon::prelude::*;
    let mut streams: Vec<&mut lopdf::Stream> = doc
        .objects
        .values_mut()
        .filter_map(|o| match o {
            lopdf::Object::Stream(s) if s.allows_compression => Some(s),
            _ => None,
        })
        .collect();
    // Largest first, so that the longest job starts at once.
    streams.sort_by_key(|s| std::cmp::Reverse(s.content.len()));
    streams.par_iter_mut().for_each(|s| {
        // A stream that fails to compress stays as it is, as in lopdf.
        let _ = s.compress();
    });
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
