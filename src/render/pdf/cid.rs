//! Identity CIDs for a subset CID-keyed CFF face.
//!
//! allsorts keeps the original CIDs when it subsets a CID-keyed CFF face
//! (FandolFang, Noto CJK): glyph 7 of the subset may be CID 12,345. A PDF
//! viewer reads each code of an Identity-H string as a CID and finds the
//! glyph through the font's charset, so the codes, the `/W` widths and the
//! ToUnicode map must all be those CIDs. Renumbering the subset so that CID
//! *n* is glyph *n* makes glyph ids valid codes everywhere, which is what
//! lets the canvas hand printpdf a face it embeds as it is, without a
//! second subsetting pass (see `canvas::lazy_face`).
//!
//! The program keeps its registry-ordering-supplement (FandolFang: Adobe
//! GB1-5), which no longer describes the renumbered CIDs; the PDF's
//! CIDSystemInfo says Adobe-Identity-0 and Identity-H allows any ROS, and
//! every code has its character in the ToUnicode map.

use allsorts::binary::read::ReadScope;
use allsorts::cff::{CFF, Charset, CustomCharset, Operator};

/// Rewrites, in place, the charset of the `CFF ` table of the OpenType font
/// `otf` so that every glyph's CID is its glyph id. Fonts without a
/// CID-keyed `CFF ` table (TrueType outlines, name-keyed CFF) are left
/// alone. Returns whether the font was changed.
///
/// The subsetter writes a format-0 charset (one CID per glyph after
/// `.notdef`); the identity charset of format 0 has the same length, so
/// nothing else in the table moves.
pub(crate) fn identity_cids(otf: &mut [u8]) -> bool {
    let Some((start, len)) = table_range(otf, *b"CFF ") else {
        return false;
    };
    let Some(table) = start.checked_add(len).and_then(|end| otf.get(start..end)) else {
        return false;
    };
    let Some((charset_at, glyphs)) = format0_charset(table) else {
        return false;
    };
    // In bounds of the table: checked by format0_charset.
    let at = start + charset_at;
    let Some(entries) = otf.get_mut(at + 1..at + 1 + 2 * (glyphs - 1)) else {
        return false;
    };
    for (i, cid) in entries.chunks_exact_mut(2).enumerate() {
        cid.copy_from_slice(&((i + 1) as u16).to_be_bytes());
    }
    set_checksum(otf, *b"CFF ");
    true
}

/// Where the format-0 charset of a CID-keyed CFF table starts (relative to
/// the table) and how many glyphs the face has; `None` for anything else.
fn format0_charset(table: &[u8]) -> Option<(usize, usize)> {
    let cff = ReadScope::new(table).read::<CFF<'_>>().ok()?;
    let font = cff.fonts.first()?;
    let format0 = matches!(font.charset, Charset::Custom(CustomCharset::Format0 { .. }));
    if !font.is_cid_keyed() || !format0 {
        return None;
    }
    // Offsets 0–2 name the predefined charsets; a custom one starts after
    // the header.
    let offset = usize::try_from(font.top_dict.get_i32(Operator::Charset)?.ok()?).ok()?;
    let glyphs = font.char_strings_index.len();
    let fits = offset > 2 && glyphs >= 2 && offset + 1 + 2 * (glyphs - 1) <= table.len();
    (fits && table.get(offset) == Some(&0)).then_some((offset, glyphs))
}

/// Offset and length of table `tag` in a single-face sfnt.
fn table_range(otf: &[u8], tag: [u8; 4]) -> Option<(usize, usize)> {
    let r = record(otf, tag)?;
    let u32_at = |i: usize| -> Option<usize> {
        let b = otf.get(i..i + 4)?;
        usize::try_from(u32::from_be_bytes([b[0], b[1], b[2], b[3]])).ok()
    };
    Some((u32_at(r + 8)?, u32_at(r + 12)?))
}

/// The position of the table record of `tag` in the table directory.
fn record(otf: &[u8], tag: [u8; 4]) -> Option<usize> {
    let count = u16::from_be_bytes([*otf.get(4)?, *otf.get(5)?]) as usize;
    (0..count)
        .map(|i| 12 + 16 * i)
        .take_while(|&r| r + 16 <= otf.len())
        .find(|&r| otf[r..r + 4] == tag)
}

/// Recomputes the checksum in the table record of `tag`.
fn set_checksum(otf: &mut [u8], tag: [u8; 4]) {
    let (Some(r), Some((start, len))) = (record(otf, tag), table_range(otf, tag)) else {
        return;
    };
    let Some(table) = start.checked_add(len).and_then(|end| otf.get(start..end)) else {
        return;
    };
    let sum = table.chunks(4).fold(0u32, |sum, word| {
        let mut w = [0u8; 4];
        w[..word.len()].copy_from_slice(word);
        sum.wrapping_add(u32::from_be_bytes(w))
    });
    otf[r + 4..r + 8].copy_from_slice(&sum.to_be_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::pdf::fonts::{FontChoice, Fonts, Role};
    use std::collections::BTreeSet;

    fn cids(otf: &[u8]) -> Vec<u16> {
        let (start, len) = table_range(otf, *b"CFF ").unwrap();
        let cff = ReadScope::new(&otf[start..start + len])
            .read::<CFF<'_>>()
            .unwrap();
        let font = &cff.fonts[0];
        (0..font.char_strings_index.len() as u16)
            .map(|g| font.charset.id_for_glyph(g).unwrap())
            .collect()
    }

    #[test]
    fn a_subset_of_the_body_face_gets_identity_cids() {
        let fonts = Fonts::load(&FontChoice::default()).unwrap();
        let chars: BTreeSet<char> = "政府信息公开工作年度报告2025".chars().collect();
        let raw = fonts
            .subset_raw(fonts.role_face(Role::Body), &chars)
            .unwrap();
        // allsorts keeps FandolFang's own CIDs, which are not glyph ids.
        let before = cids(&raw);
        assert!(before.iter().enumerate().any(|(g, &c)| g as u16 != c));
        let mut otf = raw.clone();
        assert!(identity_cids(&mut otf));
        let after = cids(&otf);
        assert_eq!(after, (0..after.len() as u16).collect::<Vec<_>>());
        // Only the charset changed, and the table's checksum with it.
        assert_eq!(otf.len(), raw.len());
        let (start, len) = table_range(&otf, *b"CFF ").unwrap();
        let records = 12 + 16 * usize::from(u16::from_be_bytes([otf[4], otf[5]]));
        let only_cff_and_its_record = otf
            .iter()
            .zip(&raw)
            .enumerate()
            .filter(|(_, (a, b))| a != b)
            .all(|(i, _)| (start..start + len).contains(&i) || (12..records).contains(&i));
        assert!(only_cff_and_its_record);
    }

    #[test]
    fn truetype_and_garbage_are_left_alone() {
        let fonts = Fonts::load(&FontChoice::default()).unwrap();
        let chars: BTreeSet<char> = "楷体".chars().collect();
        let mut ttf = fonts
            .subset_raw(fonts.role_face(Role::Kai), &chars)
            .unwrap();
        let before = ttf.clone();
        assert!(!identity_cids(&mut ttf));
        assert_eq!(ttf, before);
        for mut junk in [
            vec![],
            vec![0u8; 11],
            b"OTTO\x00\x01\0\0\0\0\0\0CFF \0\0\0\0\xff\xff\xff\xf0\0\0\0\x10".to_vec(),
        ] {
            assert!(!identity_cids(&mut junk));
        }
    }
}
