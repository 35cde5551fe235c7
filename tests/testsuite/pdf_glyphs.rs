//! The glyphs of a PDF with their characters and advances as set, read from
//! the content streams (`BT`, `Tf`, `Tc`, `Td`, `TJ`, `Tj`: what nianbao's
//! canvas writes) through each Type 0 font's `/W` widths and `ToUnicode`
//! map. `pdftotext` reads whole lines; this sees every character's width.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use lopdf::{Dictionary, Document, Object};

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

/// A font's widths (per 1000) and characters by CID.
type FontMap = (HashMap<u32, f64>, HashMap<u32, char>);

fn number(o: &Object) -> f64 {
    match o {
        Object::Integer(n) => *n as f64,
        Object::Real(r) => f64::from(*r),
        _ => 0.0,
    }
}

/// `/W [c [w …] c1 c2 w …]`.
fn widths(doc: &Document, cid_font: &Dictionary) -> HashMap<u32, f64> {
    let mut out = HashMap::new();
    let Ok(w) = cid_font.get_deref(b"W", doc).and_then(Object::as_array) else {
        return out;
    };
    let mut i = 0;
    while i + 1 < w.len() {
        let first = number(&w[i]) as u32;
        if let Ok(list) = w[i + 1].as_array() {
            for (k, v) in list.iter().enumerate() {
                out.insert(first + k as u32, number(v));
            }
            i += 2;
        } else if i + 2 < w.len() {
            for c in first..=number(&w[i + 1]) as u32 {
                out.insert(c, number(&w[i + 2]));
            }
            i += 3;
        } else {
            break;
        }
    }
    out
}

/// The `bfchar` entries of a ToUnicode CMap (`<0001> <4E00>`).
fn to_unicode(doc: &Document, font: &Dictionary) -> HashMap<u32, char> {
    let mut out = HashMap::new();
    let Ok(stream) = font
        .get_deref(b"ToUnicode", doc)
        .and_then(Object::as_stream)
    else {
        return out;
    };
    let text =
        String::from_utf8_lossy(&stream.decompressed_content().unwrap_or_default()).into_owned();
    for pair in text.lines().filter(|l| l.matches('<').count() == 2) {
        let codes: Vec<&str> = pair
            .split('<')
            .skip(1)
            .filter_map(|s| s.split('>').next())
            .collect();
        let (Ok(cid), Ok(u)) = (
            u32::from_str_radix(codes[0], 16),
            u32::from_str_radix(codes[1], 16),
        ) else {
            continue;
        };
        if let Some(c) = char::from_u32(u) {
            out.insert(cid, c);
        }
    }
    out
}

fn fonts(doc: &Document, page: lopdf::ObjectId) -> BTreeMap<Vec<u8>, FontMap> {
    let mut out = BTreeMap::new();
    for (name, font) in doc.get_page_fonts(page).unwrap_or_default() {
        let cid_font = font
            .get_deref(b"DescendantFonts", doc)
            .and_then(Object::as_array)
            .ok()
            .and_then(|a| a.first())
            .and_then(|o| doc.dereference(o).ok())
            .and_then(|(_, o)| o.as_dict().ok());
        let w = cid_font.map(|d| widths(doc, d)).unwrap_or_default();
        out.insert(name, (w, to_unicode(doc, font)));
    }
    out
}

/// Every glyph of `pdf`, page by page in content order.
pub(crate) fn glyphs(pdf: &Path) -> Vec<Glyph> {
    let doc = Document::load(pdf).expect("a PDF");
    let mut out: Vec<Glyph> = Vec::new();
    for (page, id) in doc.get_pages().values().enumerate() {
        let fonts = fonts(&doc, *id);
        let content = doc.get_and_decode_page_content(*id).expect("content");
        let (mut font, mut size, mut tc, mut x, mut y) = (None, 0.0, 0.0, 0.0, 0.0);
        for op in content.operations {
            let args = &op.operands;
            match op.operator.as_str() {
                "Tf" => {
                    font = args[0].as_name().ok().and_then(|n| fonts.get(n));
                    size = number(&args[1]);
                }
                "Tc" => tc = number(&args[0]),
                "Td" => (x, y) = (number(&args[0]), number(&args[1])),
                "TJ" | "Tj" => {
                    let items = match args[0].as_array() {
                        Ok(a) => a.clone(),
                        Err(_) => vec![args[0].clone()],
                    };
                    for item in items {
                        if let Ok(bytes) = item.as_str() {
                            for code in bytes.chunks(2) {
                                let cid = code.iter().fold(0u32, |a, b| a << 8 | u32::from(*b));
                                let (w, map) = font.expect("a font");
                                let adv = w.get(&cid).copied().unwrap_or(1000.0) / 1000.0 * size;
                                out.push(Glyph {
                                    page,
                                    x,
                                    y,
                                    size,
                                    ch: map.get(&cid).copied().unwrap_or('?'),
                                    tc,
                                    natural: adv + tc,
                                    set: adv + tc,
                                });
                                x += adv + tc;
                            }
                        } else {
                            let kern = number(&item) / 1000.0 * size;
                            if let Some(g) = out.last_mut() {
                                g.set -= kern;
                            }
                            x -= kern;
                        }
                    }
                }
                _ => {}
            }
        }
    }
    out
}
