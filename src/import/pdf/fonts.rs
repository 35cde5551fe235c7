//! Fonts and CMaps: how the codes of a shown string become text (through the
//! font's `ToUnicode` CMap, a predefined GBK or UCS2 CMap, or a simple
//! font's encoding) and how wide each code is.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use hayro_syntax::object::{Array, Dict, MaybeRef, Name, Object, ObjectIdentifier, Stream};

use super::cmap::ToUnicode;
use super::encoding::{self, Table};
use super::{MAX_STREAM_BYTES, filters};
use crate::import::ImportError;
use crate::import::error::Limit;

/// The most codes one ToUnicode CMap may map: a font has at most 65,536
/// glyphs, and a range over more would be expanded code by code.
pub(super) const MAX_CMAP_CODES: u64 = 65_536;

/// How a font's codes become text.
enum Map {
    /// Its ToUnicode CMap.
    Unicode(ToUnicode),
    /// A simple font's encoding table.
    Table(Box<Table>),
    /// Neither: printable ASCII as itself (simple fonts), else unknown.
    Latin,
}

/// How a font's codes become text and widths.
pub(super) struct Font {
    /// Two-byte codes (Type0 fonts).
    pub(super) cid: bool,
    /// Maps codes to text.
    map: Map,
    /// GBK-encoded codes (predefined GBK CMaps).
    gbk: bool,
    /// UTF-16BE codes (predefined UCS2 CMaps).
    ucs2: bool,
    /// Widths in text-space units (1/1000 em), by code ranges.
    widths: Vec<(u32, u32, f64)>,
    /// Width of codes not listed.
    default_width: f64,
    /// Height above the baseline and depth below it (negative), in em.
    pub(super) box_em: (f64, f64),
}

impl Font {
    /// The width of `code`, in text-space units (1/1000 em).
    pub(super) fn width(&self, code: u32) -> f64 {
        let i = self.widths.partition_point(|(lo, _, _)| *lo <= code);
        match i.checked_sub(1).map(|i| self.widths[i]) {
            Some((_, hi, w)) if code <= hi => w,
            _ => self.default_width,
        }
    }

    /// Splits a string into codes, each with its text, and the characters
    /// of text they make; `None` as soon as that passes `max_chars` (each
    /// code gives at most [`super::cmap::MAX_CODE_UNITS`] characters, so no more
    /// than that is made beyond the bound).
    pub(super) fn decode(
        &self,
        bytes: &[u8],
        max_chars: usize,
    ) -> Option<(Vec<(u32, String)>, usize)> {
        let mut out = Vec::new();
        let mut chars = 0usize;
        let mut push = |code: u32, text: String| {
            chars += text.chars().count();
            out.push((code, text));
            chars <= max_chars
        };
        if self.gbk {
            let mut i = 0;
            while i < bytes.len() {
                let n = if bytes[i] >= 0x81 && i + 1 < bytes.len() {
                    2
                } else {
                    1
                };
                let (t, _, _) = encoding_rs::GBK.decode(&bytes[i..i + n]);
                let code = bytes[i..i + n]
                    .iter()
                    .fold(0u32, |c, b| (c << 8) | u32::from(*b));
                if !push(code, t.into_owned()) {
                    return None;
                }
                i += n;
            }
        } else if self.cid {
            for pair in bytes.chunks(2) {
                let code = pair.iter().fold(0u32, |c, b| (c << 8) | u32::from(*b));
                let text = if self.ucs2 {
                    char::from_u32(code).map_or("\u{FFFD}".to_string(), String::from)
                } else {
                    match &self.map {
                        Map::Unicode(cmap) => {
                            cmap.get(code, 2).unwrap_or_else(|| "\u{FFFD}".to_string())
                        }
                        _ => "\u{FFFD}".to_string(),
                    }
                };
                if !push(code, text) {
                    return None;
                }
            }
        } else {
            for &b in bytes {
                let text = match &self.map {
                    Map::Unicode(cmap) => cmap.get(u32::from(b), 1).unwrap_or_else(|| latin(b)),
                    Map::Table(t) => match t[usize::from(b)] {
                        '\0' => String::new(),
                        c => c.to_string(),
                    },
                    Map::Latin => latin(b),
                };
                if !push(u32::from(b), text) {
                    return None;
                }
            }
        }
        Some((out, chars))
    }
}

/// A byte of a simple font without an encoding: printable ASCII, else
/// the replacement character.
fn latin(b: u8) -> String {
    if b.is_ascii_graphic() || b == b' ' {
        char::from(b).to_string()
    } else {
        "\u{FFFD}".to_string()
    }
}

/// A number object as `f64`.
fn number(o: &Object<'_>) -> Option<f64> {
    match o {
        Object::Number(n) => Some(n.as_f64()),
        _ => None,
    }
}

/// The `/W` array of a CID font: `c [w1 w2 …]` and `c_first c_last w`.
fn cid_widths(w: &Array<'_>) -> Vec<(u32, u32, f64)> {
    let items: Vec<Object<'_>> = w.iter::<Object<'_>>().take(300_000).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < items.len() && out.len() < 100_000 {
        let Some(first) = number(&items[i]) else {
            break;
        };
        let first = first.max(0.0) as u32;
        match items.get(i + 1) {
            Some(Object::Array(list)) => {
                for (k, o) in list.iter::<Object<'_>>().take(100_000).enumerate() {
                    if let Some(v) = number(&o) {
                        let c = first.saturating_add(k as u32);
                        out.push((c, c, v));
                    }
                }
                i += 2;
            }
            Some(o) => {
                let last = number(o).unwrap_or(0.0).max(0.0) as u32;
                let v = items.get(i + 2).and_then(number).unwrap_or(1000.0);
                out.push((first, last.max(first), v));
                i += 3;
            }
            None => break,
        }
    }
    out.sort_by_key(|(lo, _, _)| *lo);
    out
}

/// Reads a font dictionary; refuses a ToUnicode CMap over
/// [`MAX_CMAP_CODES`] codes before it is parsed.
pub(super) fn font(dict: &Dict<'_>) -> Result<Font, ImportError> {
    let cmap = match dict.get::<Stream<'_>>(b"ToUnicode") {
        Some(s) => filters::decode(&s, MAX_STREAM_BYTES).ok(),
        None => None,
    };
    if let Some(bytes) = &cmap
        && cmap_codes(bytes) > MAX_CMAP_CODES
    {
        return Err(Limit::CmapCodes {
            max: MAX_CMAP_CODES,
        }
        .into());
    }
    Ok(read_font(dict, cmap.as_deref().and_then(ToUnicode::parse)))
}

/// How many codes the `bfrange` and `cidrange` sections of a CMap
/// map, counted in one pass without building the map (saturating).
fn cmap_codes(bytes: &[u8]) -> u64 {
    let mut total = 0u64;
    let mut in_range = false;
    let mut bounds: Vec<u64> = Vec::with_capacity(2);
    let mut add = |bounds: &mut Vec<u64>| {
        if let [lo, hi] = bounds[..] {
            total = total.saturating_add(hi.saturating_sub(lo).saturating_add(1));
        }
        bounds.clear();
    };
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'<' | b'[' => {
                let close = if bytes[i] == b'<' { b'>' } else { b']' };
                let end = bytes[i + 1..]
                    .iter()
                    .position(|&c| c == close)
                    .map_or(bytes.len(), |p| i + 1 + p);
                if in_range {
                    if bytes[i] == b'<' && bounds.len() < 2 {
                        bounds.push(hex_value(&bytes[i + 1..end]));
                    } else {
                        add(&mut bounds);
                    }
                }
                i = end + 1;
            }
            c if c.is_ascii_alphanumeric() => {
                let end = bytes[i..]
                    .iter()
                    .position(|c| !c.is_ascii_alphanumeric())
                    .map_or(bytes.len(), |p| i + p);
                match &bytes[i..end] {
                    b"beginbfrange" | b"begincidrange" => {
                        in_range = true;
                        bounds.clear();
                    }
                    b"endbfrange" | b"endcidrange" => in_range = false,
                    word if in_range && word.iter().all(u8::is_ascii_digit) => add(&mut bounds),
                    _ => {}
                }
                i = end;
            }
            _ => i += 1,
        }
    }
    total
}

/// The value of a hex string's digits (whitespace skipped), saturating.
fn hex_value(digits: &[u8]) -> u64 {
    digits
        .iter()
        .filter_map(|&c| (c as char).to_digit(16))
        .fold(0u64, |v, d| {
            v.saturating_mul(16).saturating_add(u64::from(d))
        })
}

/// Fonts read so far, by object, so that each font and its CMap is parsed
/// once per document, not once per page and form.
#[derive(Default)]
pub(super) struct FontCache {
    fonts: RefCell<HashMap<ObjectIdentifier, Rc<Font>>>,
}

impl FontCache {
    /// Adds the fonts of a resource dictionary's `/Font` dictionary to
    /// `out`, by name (a name already there is kept).
    pub(super) fn fonts_of(
        &self,
        fonts: &Dict<'_>,
        out: &mut HashMap<Vec<u8>, Rc<Font>>,
    ) -> Result<(), ImportError> {
        for (name, entry) in fonts.entries().take(1_000) {
            if out.contains_key(name.as_ref()) {
                continue;
            }
            let font = match entry {
                MaybeRef::Ref(r) => {
                    let id = ObjectIdentifier::from(r);
                    let cached = self.fonts.borrow().get(&id).cloned();
                    match cached {
                        Some(f) => f,
                        None => {
                            let Some(d) = fonts.get::<Dict<'_>>(name.as_ref()) else {
                                continue;
                            };
                            let f = Rc::new(font(&d)?);
                            self.fonts.borrow_mut().insert(id, f.clone());
                            f
                        }
                    }
                }
                MaybeRef::NotRef(Object::Dict(d)) => Rc::new(font(&d)?),
                MaybeRef::NotRef(_) => continue,
            };
            out.insert(name.to_vec(), font);
        }
        Ok(())
    }
}

/// The ascent and (negative) descent of a font descriptor, in em, read as
/// poppler reads them: a negative ascent or positive descent has its sign
/// turned, and a zero or absurd value (3 em or more) gives way to the
/// defaults 0.95 and −0.35.
fn font_box(font: Option<&Dict<'_>>) -> (f64, f64) {
    let descriptor = font.and_then(|d| d.get::<Dict<'_>>(b"FontDescriptor"));
    let value = |key: &[u8]| {
        descriptor
            .as_ref()
            .and_then(|d| d.get::<f64>(key))
            .map(|v| v.abs() / 1000.0)
            .filter(|v| *v != 0.0 && *v < 3.0)
    };
    (
        value(b"Ascent").unwrap_or(0.95),
        -value(b"Descent").unwrap_or(0.35),
    )
}

/// How a simple font's codes become text: its ToUnicode map, which says
/// what its codes mean better than its /Encoding does (Type 3 fonts from
/// Chromium name their glyphs `/g12`; subset fonts' differences use
/// made-up names), else its encoding (a base encoding by name, or
/// differences over one), else StandardEncoding. An encoding named but not
/// known leaves printable ASCII as itself.
fn simple_map(dict: &Dict<'_>, cmap: Option<ToUnicode>) -> Map {
    if let Some(cmap) = cmap {
        return Map::Unicode(cmap);
    }
    let table = match dict.get::<Object<'_>>(b"Encoding") {
        Some(Object::Name(n)) => match encoding::named(&n) {
            Some(t) => t,
            None if matches!(n.as_ref(), b"Identity-H" | b"Identity-V") => encoding::standard(),
            None => return Map::Latin,
        },
        Some(Object::Dict(d)) => encoding::differences(&d).unwrap_or_else(encoding::standard),
        _ => encoding::standard(),
    };
    Map::Table(Box::new(table))
}

/// Reads a font dictionary whose CMap was checked (and parsed, if any).
fn read_font(dict: &Dict<'_>, cmap: Option<ToUnicode>) -> Font {
    let subtype = dict.get::<Name<'_>>(b"Subtype");
    let subtype = subtype.as_deref().unwrap_or(b"");
    if subtype == b"Type0" {
        return type0(dict, cmap);
    }
    let first = dict.get::<f64>(b"FirstChar").unwrap_or(0.0).max(0.0) as u32;
    // Type 3 widths are in glyph space: FontMatrix scales them to text space.
    let scale = if subtype == b"Type3" {
        dict.get::<Array<'_>>(b"FontMatrix")
            .and_then(|a| a.iter::<Object<'_>>().next())
            .as_ref()
            .and_then(number)
            .filter(|m| m.is_finite() && *m > 0.0 && *m < 1.0)
            .map_or(1.0, |m| m * 1000.0)
    } else {
        1.0
    };
    let widths: Vec<(u32, u32, f64)> = dict
        .get::<Array<'_>>(b"Widths")
        .map(|a| {
            a.iter::<Object<'_>>()
                .take(256)
                .enumerate()
                .filter_map(|(k, o)| {
                    let c = first + k as u32;
                    number(&o).map(|w| (c, c, w * scale))
                })
                .collect()
        })
        .unwrap_or_default();
    Font {
        cid: false,
        map: simple_map(dict, cmap),
        gbk: false,
        ucs2: false,
        widths,
        default_width: 500.0,
        box_em: font_box(Some(dict)),
    }
}

/// A Type 0 font: two-byte codes through its ToUnicode map (with an
/// Identity encoding) or a predefined GBK or UCS2 CMap; widths from its
/// descendant font.
fn type0(dict: &Dict<'_>, cmap: Option<ToUnicode>) -> Font {
    let enc_name = dict
        .get::<Name<'_>>(b"Encoding")
        .map(|n| n.to_vec())
        .unwrap_or_default();
    let gbk = enc_name.starts_with(b"GB");
    let ucs2 = enc_name.starts_with(b"UniGB-UCS2") || enc_name.starts_with(b"UniCNS-UCS2");
    let identity = matches!(enc_name.as_slice(), b"Identity-H" | b"Identity-V");
    let map = match cmap {
        Some(cmap) if identity => Map::Unicode(cmap),
        _ => Map::Latin,
    };
    let descendant = dict
        .get::<Array<'_>>(b"DescendantFonts")
        .and_then(|a| a.iter::<Dict<'_>>().next());
    let default_width = descendant
        .as_ref()
        .and_then(|d| d.get::<f64>(b"DW"))
        .unwrap_or(1000.0);
    let widths = descendant
        .as_ref()
        .and_then(|d| d.get::<Array<'_>>(b"W"))
        .map(|w| cid_widths(&w))
        .unwrap_or_default();
    Font {
        cid: true,
        map,
        gbk,
        ucs2,
        widths,
        default_width,
        box_em: font_box(descendant.as_ref()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cmap_ranges_are_counted_without_expanding_them() {
        let cmap = b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n2 beginbfrange\n<0000> <00FF> <0041>\n<0100> <0101> [<0042> <0043>]\nendbfrange\n1 begincidrange <10> <1F> 5 endcidrange";
        assert_eq!(cmap_codes(cmap), 256 + 2 + 16);
        let huge = b"1 beginbfrange <00000000> <0FFFFFFF> <0041> endbfrange";
        assert_eq!(cmap_codes(huge), 1 << 28);
    }
}
