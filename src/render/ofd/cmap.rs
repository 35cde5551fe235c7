//! The `cmap` of the OFD's TrueType fonts: characters to the subset's
//! glyphs, a Windows Unicode BMP subtable (format 4, which every reader
//! knows) and a full-repertoire one (format 12, for the characters past
//! U+FFFF that rare names use).

use std::collections::BTreeMap;

use crate::render::typeset::fonts::sfnt::{put16, put32, search_power};

/// The `cmap` table of `glyphs` (character → glyph id).
pub(super) fn cmap(glyphs: &BTreeMap<char, u16>) -> Vec<u8> {
    let bmp: Vec<(u32, u16)> = glyphs
        .iter()
        .map(|(&c, &g)| (c as u32, g))
        .filter(|&(c, _)| c < 0xFFFF)
        .collect();
    let all: Vec<(u32, u16)> = glyphs.iter().map(|(&c, &g)| (c as u32, g)).collect();
    let four = format4(&bmp);
    let twelve = format12(&all);
    let mut t = Vec::new();
    put16(&mut t, 0);
    put16(&mut t, 2);
    let first = 4 + 8 * 2;
    for (encoding, at) in [(1u16, first), (10, first + four.len())] {
        put16(&mut t, 3);
        put16(&mut t, encoding);
        put32(&mut t, at as u32);
    }
    t.extend(four);
    t.extend(twelve);
    t
}

/// Runs of consecutive code points: (first, last, index of first in `map`).
fn runs(map: &[(u32, u16)]) -> Vec<(u32, u32, usize)> {
    let mut runs: Vec<(u32, u32, usize)> = Vec::new();
    for (i, &(c, _)) in map.iter().enumerate() {
        match runs.last_mut() {
            Some(r) if r.1 + 1 == c => r.1 = c,
            _ => runs.push((c, c, i)),
        }
    }
    runs
}

/// Format 4: one segment per run of consecutive code points, its glyphs
/// by a delta when they are consecutive too, else from the glyph array.
/// A subtable would pass 64 KiB only with many thousand scattered
/// characters: then the last runs are left to format 12.
fn format4(map: &[(u32, u16)]) -> Vec<u8> {
    let mut runs = runs(map);
    // Each segment costs 8 bytes plus 2 a character it does not map by a delta.
    while 16 + 8 * (runs.len() + 1) + 2 * map.len() > 65_000 {
        runs.pop();
    }
    let seg = runs.len() + 1;
    let mut ends = Vec::new();
    let mut starts = Vec::new();
    let mut deltas = Vec::new();
    let mut offsets = Vec::new();
    let mut array: Vec<u16> = Vec::new();
    for (k, &(first, last, i)) in runs.iter().enumerate() {
        let count = (last - first + 1) as usize;
        let glyphs = &map[i..i + count];
        put16(&mut ends, last as u16);
        put16(&mut starts, first as u16);
        let delta = glyphs[0].1.wrapping_sub(first as u16);
        if glyphs
            .iter()
            .all(|&(c, g)| g == (c as u16).wrapping_add(delta))
        {
            put16(&mut deltas, delta);
            put16(&mut offsets, 0);
        } else {
            put16(&mut deltas, 0);
            // From this segment's offset word to its first glyph.
            put16(&mut offsets, (2 * (seg - k) + 2 * array.len()) as u16);
            array.extend(glyphs.iter().map(|&(_, g)| g));
        }
    }
    put16(&mut ends, 0xFFFF);
    put16(&mut starts, 0xFFFF);
    put16(&mut deltas, 1);
    put16(&mut offsets, 0);
    let (power, exp) = search_power(seg);
    let mut t = Vec::new();
    let length = 16 + 8 * seg + 2 * array.len();
    for v in [
        4,
        length as u16,
        0,
        (seg * 2) as u16,
        (power * 2) as u16,
        exp,
    ] {
        put16(&mut t, v);
    }
    put16(&mut t, (seg * 2 - power * 2) as u16);
    t.extend(ends);
    put16(&mut t, 0);
    t.extend(starts);
    t.extend(deltas);
    t.extend(offsets);
    for g in array {
        put16(&mut t, g);
    }
    t
}

/// Format 12: groups of consecutive code points with consecutive glyphs.
fn format12(map: &[(u32, u16)]) -> Vec<u8> {
    let mut groups: Vec<(u32, u32, u32)> = Vec::new();
    for &(c, g) in map {
        match groups.last_mut() {
            Some(last) if last.1 + 1 == c && last.2 + (c - last.0) == u32::from(g) => last.1 = c,
            _ => groups.push((c, c, u32::from(g))),
        }
    }
    let mut t = Vec::new();
    put16(&mut t, 12);
    put16(&mut t, 0);
    put32(&mut t, (16 + 12 * groups.len()) as u32);
    put32(&mut t, 0);
    put32(&mut t, groups.len() as u32);
    for (first, last, glyph) in groups {
        put32(&mut t, first);
        put32(&mut t, last);
        put32(&mut t, glyph);
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_subtables_map_every_character_they_hold() {
        let glyphs: BTreeMap<char, u16> = [
            ('A', 3),
            ('B', 4),
            ('C', 9),
            ('年', 1),
            ('报', 2),
            ('\u{20BB7}', 5),
        ]
        .into_iter()
        .collect();
        // A font around the table (no outlines), for ttf-parser to read.
        let subset =
            crate::render::typeset::fonts::Subset::toy(false, glyphs.clone(), vec![500; 10]);
        let naming = crate::render::ofd::truetype::Naming {
            family: "Test",
            bold: false,
        };
        let font = crate::render::ofd::truetype::truetype(&subset, &naming);
        let face = ttf_parser::Face::parse(&font, 0).unwrap();
        for (&c, &g) in &glyphs {
            assert_eq!(face.glyph_index(c).map(|g| g.0), Some(g), "{c}");
        }
        assert_eq!(face.glyph_index('D'), None);
    }
}
