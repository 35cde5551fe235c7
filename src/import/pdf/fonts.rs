//! Fonts and CMaps: how the codes of a shown string become text (through the
//! font's `ToUnicode` CMap, a predefined GBK or UCS2 CMap, or a simple
//! font's encoding) and how wide each code is.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use lopdf::{Dictionary, Document, Encoding, Object, ObjectId};

use super::{MAX_STREAM_BYTES, deref, number};
use crate::import::ImportError;
use crate::import::error::Limit;

/// The most codes one ToUnicode CMap may map: a font has at most 65,536
/// glyphs, and a range over more would be expanded code by code.
pub(super) const MAX_CMAP_CODES: u64 = 65_536;

/// How a font's codes become text and widths.
pub(super) struct Font<'a> {
    /// Two-byte codes (Type0 fonts).
    pub(super) cid: bool,
    /// Maps codes to text.
    encoding: Option<Encoding<'a>>,
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

impl Font<'_> {
    /// The width of `code`, in text-space units (1/1000 em).
    pub(super) fn width(&self, code: u32) -> f64 {
        let i = self.widths.partition_point(|(lo, _, _)| *lo <= code);
        match i.checked_sub(1).map(|i| self.widths[i]) {
            Some((_, hi, w)) if code <= hi => w,
            _ => self.default_width,
        }
    }

    /// Splits a string into codes, each with its text.
    pub(super) fn decode(&self, bytes: &[u8]) -> Vec<(u32, String)> {
        let mut out = Vec::new();
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
                out.push((code, t.into_owned()));
                i += n;
            }
            return out;
        }
        if self.cid {
            for pair in bytes.chunks(2) {
                let code = pair.iter().fold(0u32, |c, b| (c << 8) | u32::from(*b));
                let text = if self.ucs2 {
                    char::from_u32(code).map_or("\u{FFFD}".to_string(), String::from)
                } else {
                    match &self.encoding {
                        Some(Encoding::UnicodeMapEncoding(cmap)) => cmap
                            .get(code, 2)
                            .map_or("\u{FFFD}".to_string(), |u| String::from_utf16_lossy(&u)),
                        _ => "\u{FFFD}".to_string(),
                    }
                };
                out.push((code, text));
            }
            return out;
        }
        for &b in bytes {
            let text = match &self.encoding {
                Some(Encoding::UnicodeMapEncoding(cmap)) => cmap
                    .get(u32::from(b), 1)
                    .map_or_else(|| latin(b), |u| String::from_utf16_lossy(&u)),
                Some(e) => e.bytes_to_string(&[b]).unwrap_or_else(|_| latin(b)),
                None => latin(b),
            };
            out.push((u32::from(b), text));
        }
        out
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

/// The `/W` array of a CID font: `c [w1 w2 …]` and `c_first c_last w`.
fn cid_widths(doc: &Document, w: &[Object]) -> Vec<(u32, u32, f64)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < w.len() && out.len() < 100_000 {
        let Some(first) = deref(doc, &w[i]).and_then(number) else {
            break;
        };
        let first = first.max(0.0) as u32;
        match w.get(i + 1).and_then(|o| deref(doc, o)) {
            Some(Object::Array(list)) => {
                for (k, o) in list.iter().take(100_000).enumerate() {
                    if let Some(v) = number(o) {
                        let c = first.saturating_add(k as u32);
                        out.push((c, c, v));
                    }
                }
                i += 2;
            }
            Some(o) => {
                let last = number(o).unwrap_or(0.0).max(0.0) as u32;
                let v = w
                    .get(i + 2)
                    .and_then(|o| deref(doc, o))
                    .and_then(number)
                    .unwrap_or(1000.0);
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
pub(super) fn font<'a>(doc: &'a Document, dict: &'a Dictionary) -> Result<Font<'a>, ImportError> {
    check_cmap(doc, dict)?;
    Ok(read_font(doc, dict))
}

/// Refuses a font whose ToUnicode CMap maps more than [`MAX_CMAP_CODES`]
/// codes (counted from its ranges, without expanding them).
fn check_cmap(doc: &Document, dict: &Dictionary) -> Result<(), ImportError> {
    let Some(Object::Stream(s)) = dict.get(b"ToUnicode").ok().and_then(|o| deref(doc, o)) else {
        return Ok(());
    };
    let bytes = if s.dict.get(b"Filter").is_ok() {
        match s.decompressed_content_with_limit(MAX_STREAM_BYTES) {
            Ok(c) => c,
            Err(_) => return Ok(()),
        }
    } else {
        s.content.clone()
    };
    if cmap_codes(&bytes) > MAX_CMAP_CODES {
        return Err(Limit::CmapCodes {
            max: MAX_CMAP_CODES,
        }
        .into());
    }
    Ok(())
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
pub(super) struct FontCache<'d> {
    fonts: RefCell<HashMap<ObjectId, Rc<Font<'d>>>>,
}

impl<'d> FontCache<'d> {
    /// Adds the fonts of a resource dictionary's `/Font` to `out`, by name
    /// (a name already there is kept).
    pub(super) fn fonts_of(
        &self,
        doc: &'d Document,
        res: &'d Dictionary,
        out: &mut HashMap<Vec<u8>, Rc<Font<'d>>>,
    ) -> Result<(), ImportError> {
        let Some(Object::Dictionary(f)) = res.get(b"Font").ok().and_then(|o| deref(doc, o)) else {
            return Ok(());
        };
        for (name, o) in f.iter().take(1_000) {
            if out.contains_key(name) {
                continue;
            }
            let font = match o {
                Object::Reference(id) => {
                    let cached = self.fonts.borrow().get(id).cloned();
                    match cached {
                        Some(f) => f,
                        None => {
                            let Ok(d) = doc.get_dictionary(*id) else {
                                continue;
                            };
                            let f = Rc::new(font(doc, d)?);
                            self.fonts.borrow_mut().insert(*id, f.clone());
                            f
                        }
                    }
                }
                Object::Dictionary(d) => Rc::new(font(doc, d)?),
                _ => continue,
            };
            out.insert(name.clone(), font);
        }
        Ok(())
    }

    /// The fonts of a page's resources (its own, then those it inherits),
    /// by name.
    pub(super) fn page_fonts(
        &self,
        doc: &'d Document,
        page: ObjectId,
    ) -> Result<HashMap<Vec<u8>, Rc<Font<'d>>>, ImportError> {
        let mut out = HashMap::new();
        if let Ok((direct, ids)) = doc.get_page_resources(page) {
            if let Some(d) = direct {
                self.fonts_of(doc, d, &mut out)?;
            }
            for id in ids.into_iter().take(64) {
                if let Ok(d) = doc.get_dictionary(id) {
                    self.fonts_of(doc, d, &mut out)?;
                }
            }
        }
        Ok(out)
    }
}

/// A simple font's ToUnicode map, which says what its codes mean better
/// than its /Encoding does (Type 3 fonts from Chromium name their glyphs
/// `/g12`; subset fonts' differences use made-up names). Type 0 fonts keep
/// their own handling.
fn to_unicode_first<'a>(doc: &Document, dict: &Dictionary, subtype: &[u8]) -> Option<Encoding<'a>> {
    if subtype == b"Type0" || !dict.has(b"ToUnicode") || !dict.has(b"Encoding") {
        return None;
    }
    let mut plain = dict.clone();
    plain.remove(b"Encoding");
    match plain.get_font_encoding_with_limit(doc, MAX_STREAM_BYTES) {
        Ok(Encoding::UnicodeMapEncoding(map)) => Some(Encoding::UnicodeMapEncoding(map)),
        _ => None,
    }
}

/// The ascent and (negative) descent of a font descriptor, in em, read as
/// poppler reads them: a negative ascent or positive descent has its sign
/// turned, and a zero or absurd value (3 em or more) gives way to the
/// defaults 0.95 and −0.35.
fn font_box(doc: &Document, font: Option<&Dictionary>) -> (f64, f64) {
    let descriptor = font
        .and_then(|d| d.get(b"FontDescriptor").ok())
        .and_then(|o| deref(doc, o))
        .and_then(|o| o.as_dict().ok());
    let value = |key: &[u8]| {
        descriptor
            .and_then(|d| d.get(key).ok())
            .and_then(|o| deref(doc, o))
            .and_then(number)
            .map(|v| v.abs() / 1000.0)
            .filter(|v| *v != 0.0 && *v < 3.0)
    };
    (
        value(b"Ascent").unwrap_or(0.95),
        -value(b"Descent").unwrap_or(0.35),
    )
}

/// Reads a font dictionary whose CMap was checked.
fn read_font<'a>(doc: &'a Document, dict: &'a Dictionary) -> Font<'a> {
    let subtype = dict
        .get(b"Subtype")
        .and_then(Object::as_name)
        .unwrap_or(b"");
    let encoding = to_unicode_first(doc, dict, subtype).or_else(|| {
        dict.get_font_encoding_with_limit(doc, MAX_STREAM_BYTES)
            .ok()
    });
    if subtype == b"Type0" {
        let enc_name = dict
            .get(b"Encoding")
            .ok()
            .and_then(|o| deref(doc, o))
            .and_then(|o| o.as_name().ok())
            .unwrap_or(b"");
        let gbk = enc_name.starts_with(b"GB");
        let ucs2 = enc_name.starts_with(b"UniGB-UCS2") || enc_name.starts_with(b"UniCNS-UCS2");
        let descendant = dict
            .get(b"DescendantFonts")
            .ok()
            .and_then(|o| deref(doc, o))
            .and_then(|o| o.as_array().ok())
            .and_then(|a| a.first())
            .and_then(|o| deref(doc, o))
            .and_then(|o| o.as_dict().ok());
        let default_width = descendant
            .and_then(|d| d.get(b"DW").ok())
            .and_then(number)
            .unwrap_or(1000.0);
        let widths = descendant
            .and_then(|d| d.get(b"W").ok())
            .and_then(|o| deref(doc, o))
            .and_then(|o| o.as_array().ok())
            .map(|w| cid_widths(doc, w))
            .unwrap_or_default();
        return Font {
            cid: true,
            encoding,
            gbk,
            ucs2,
            widths,
            default_width,
            box_em: font_box(doc, descendant),
        };
    }
    let first = dict
        .get(b"FirstChar")
        .ok()
        .and_then(number)
        .unwrap_or(0.0)
        .max(0.0) as u32;
    // Type 3 widths are in glyph space: FontMatrix scales them to text space.
    let scale = if subtype == b"Type3" {
        dict.get(b"FontMatrix")
            .ok()
            .and_then(|o| deref(doc, o))
            .and_then(|o| o.as_array().ok())
            .and_then(|a| a.first())
            .and_then(|o| deref(doc, o))
            .and_then(number)
            .filter(|m| m.is_finite() && *m > 0.0 && *m < 1.0)
            .map_or(1.0, |m| m * 1000.0)
    } else {
        1.0
    };
    let widths: Vec<(u32, u32, f64)> = dict
        .get(b"Widths")
        .ok()
        .and_then(|o| deref(doc, o))
        .and_then(|o| o.as_array().ok())
        .map(|a| {
            a.iter()
                .take(256)
                .enumerate()
                .filter_map(|(k, o)| {
                    let c = first + k as u32;
                    deref(doc, o).and_then(number).map(|w| (c, c, w * scale))
                })
                .collect()
        })
        .unwrap_or_default();
    Font {
        cid: false,
        encoding,
        gbk: false,
        ucs2: false,
        widths,
        default_width: 500.0,
        box_em: font_box(doc, Some(dict)),
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
