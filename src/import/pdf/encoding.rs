//! A simple font's `/Encoding`: one of the base encodings by name, or a
//! dictionary of `/Differences` over one, as a table from codes to
//! characters.

mod tables;

use hayro_syntax::object::{Array, Dict, Name, Object};

/// The character of each one-byte code (`'\0'` where the code has none).
pub(super) type Table = [char; 256];

/// The base encoding called `name`, if it is one.
pub(super) fn named(name: &[u8]) -> Option<Table> {
    let t = match name {
        b"StandardEncoding" => &tables::STANDARD_ENCODING,
        b"WinAnsiEncoding" => &tables::WIN_ANSI_ENCODING,
        b"MacRomanEncoding" => &tables::MAC_ROMAN_ENCODING,
        b"MacExpertEncoding" => &tables::MAC_EXPERT_ENCODING,
        b"PDFDocEncoding" => &tables::PDF_DOC_ENCODING,
        _ => return None,
    };
    Some(t.map(|u| char::from_u32(u32::from(u)).unwrap_or('\0')))
}

/// StandardEncoding, the encoding of a font that names none.
pub(super) fn standard() -> Table {
    named(b"StandardEncoding").unwrap()
}

/// An encoding dictionary (`/Type /Encoding`): its `/BaseEncoding` (else
/// StandardEncoding) with its `/Differences`; `None` without differences.
pub(super) fn differences(dict: &Dict<'_>) -> Option<Table> {
    let list = dict.get::<Array<'_>>(b"Differences")?;
    let mut table = dict
        .get::<Name<'_>>(b"BaseEncoding")
        .and_then(|n| named(&n))
        .unwrap_or_else(standard);
    let mut code: Option<usize> = None;
    for item in list.iter::<Object<'_>>().take(4096) {
        match item {
            Object::Number(n) => {
                code = usize::try_from(n.as_i64()).ok().filter(|c| *c < 256);
            }
            Object::Name(name) => {
                if let Some(c) = code {
                    if let Some(ch) = glyph(&name) {
                        table[c] = ch;
                    }
                    code = (c < 255).then_some(c + 1);
                }
            }
            _ => {}
        }
    }
    Some(table)
}

/// The character a glyph name stands for: a name of the base encodings,
/// or `uniXXXX` / `uXXXX`–`uXXXXXX` (the Adobe glyph naming rules).
fn glyph(name: &[u8]) -> Option<char> {
    if let Ok(i) = tables::GLYPH_NAMES.binary_search_by(|(n, _)| n.as_bytes().cmp(name)) {
        return char::from_u32(u32::from(tables::GLYPH_NAMES[i].1));
    }
    let hex = |digits: &[u8]| {
        let s = std::str::from_utf8(digits).ok()?;
        let ok = s
            .bytes()
            .all(|c| c.is_ascii_digit() || (b'A'..=b'F').contains(&c));
        ok.then(|| u32::from_str_radix(s, 16).ok()).flatten()
    };
    let value = match name {
        [b'u', b'n', b'i', rest @ ..] if rest.len() >= 4 => hex(&rest[..4]),
        [b'u', rest @ ..] if (4..=6).contains(&rest.len()) => hex(rest),
        _ => None,
    }?;
    char::from_u32(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_encodings_and_glyph_names() {
        let win = named(b"WinAnsiEncoding").unwrap();
        assert_eq!((win[0x41], win[0xE9], win[0x80]), ('A', 'é', '€'));
        let std = standard();
        assert_eq!((std[0x27], std[0x60], std[0x80]), ('’', '‘', '\0'));
        assert!(named(b"Identity-H").is_none());
        assert_eq!(glyph(b"zero"), Some('0'));
        assert_eq!(glyph(b"quotedblleft"), Some('“'));
        assert_eq!(glyph(b"uni4E2D"), Some('中'));
        assert_eq!(glyph(b"u1F600"), Some('😀'));
        assert_eq!(glyph(b"g12"), None);
        assert_eq!(glyph(b"uniD800"), None);
        // The names are sorted, so that they can be searched.
        assert!(tables::GLYPH_NAMES.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
