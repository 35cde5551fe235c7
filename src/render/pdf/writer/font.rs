//! One embedded face: Type 0 font, CIDFont, descriptor, program, ToUnicode.

use std::collections::BTreeMap;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Name, Rect, Ref, Str};

use super::pack::{Level, Objects};
use crate::render::typeset::fonts::Subset;

/// Writes the objects of `subset` under resource name `name` (`NBFAAx`,
/// also its subset tag) and returns the Type 0 font to name in resources.
pub(super) fn write<'a>(objects: &mut Objects<'a>, name: &str, subset: &'a Subset) -> Ref {
    let type0 = objects.next_ref();
    let cid = objects.next_ref();
    let descriptor = objects.next_ref();
    let program = objects.next_ref();
    let cmap = objects.next_ref();
    let base = format!("{name}+{}", subset.descriptor.postscript_name);
    let base = Name(base.as_bytes());
    objects.small(type0, |c| {
        c.type0_font(type0)
            .base_font(base)
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(cid)
            .to_unicode(cmap);
    });
    objects.small(cid, |c| {
        let mut font = c.cid_font(cid);
        font.subtype(if subset.cff {
            CidFontType::Type0
        } else {
            CidFontType::Type2
        })
        .base_font(base)
        .system_info(SystemInfo {
            registry: Str(b"Adobe"),
            ordering: Str(b"Identity"),
            supplement: 0,
        })
        .font_descriptor(descriptor)
        .default_width(1000.0);
        if !subset.cff {
            font.cid_to_gid_map_predefined(Name(b"Identity"));
        }
        // One run from glyph 0: codes are glyph ids.
        font.widths()
            .consecutive(0, subset.widths.iter().map(|&w| w as f32));
    });
    objects.small(descriptor, |c| {
        let d = &subset.descriptor;
        let mut desc = c.font_descriptor(descriptor);
        desc.name(base)
            .flags(FontFlags::NON_SYMBOLIC)
            .bbox(Rect::new(d.bbox[0], d.bbox[1], d.bbox[2], d.bbox[3]))
            .italic_angle(d.italic_angle)
            .ascent(d.ascent)
            .descent(d.descent)
            .cap_height(d.cap_height)
            .stem_v(d.stem_v);
        if subset.cff {
            desc.font_file3(program);
        } else {
            desc.font_file2(program);
        }
    });
    let length = subset.program.len() as i32;
    let cff = subset.cff;
    objects.stream_at(
        program,
        subset.program.as_slice(),
        program_level(subset),
        move |s| {
            if cff {
                s.pair(Name(b"Subtype"), Name(b"CIDFontType0C"));
            } else {
                s.pair(Name(b"Length1"), length);
            }
        },
    );
    objects.stream(cmap, to_unicode(subset), |_| {});
    type0
}

/// The ToUnicode CMap: each glyph's character (a narrow copy of a mark
/// reads as the mark). A glyph that draws two characters (a face that maps
/// both to one glyph) reads as the first.
fn to_unicode(subset: &Subset) -> Vec<u8> {
    let mut by_glyph = BTreeMap::new();
    let copies = subset
        .narrow
        .iter()
        .flat_map(|(c, gs)| gs.iter().map(move |g| (c, g)));
    for (&c, &g) in subset.glyphs.iter().chain(copies) {
        by_glyph.entry(g).or_insert(c);
    }
    let info = SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"UCS"),
        supplement: 0,
    };
    let mut cmap = UnicodeCmap::new(Name(b"Adobe-Identity-UCS"), info);
    for (g, c) in by_glyph {
        cmap.pair(g, c);
    }
    cmap.finish().into_vec()
}

/// How a face's program is deflated ([`Level`]): a CFF program's
/// charstrings are Huffman-coded only; a TrueType program's outlines, which
/// repeat, at libdeflate's fastest level.
pub(super) fn program_level(subset: &Subset) -> Level {
    if subset.cff { Level::Cff } else { Level::Fast }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::typeset::fonts::Descriptor;

    #[test]
    fn a_glyph_reads_as_its_first_character() {
        let subset = Subset {
            program: Vec::new(),
            cff: true,
            glyphs: BTreeMap::from([('郁', 1), ('鬱', 1), ('年', 2)]),
            widths: vec![1000, 1000, 1000, 500, 700],
            narrow: BTreeMap::from([('》', [3, 4])]),
            descriptor: Descriptor {
                postscript_name: "T".into(),
                bbox: [0.0; 4],
                ascent: 0.0,
                descent: 0.0,
                cap_height: 0.0,
                italic_angle: 0.0,
                stem_v: 0.0,
            },
        };
        let cmap = String::from_utf8(to_unicode(&subset)).unwrap();
        assert!(
            cmap.contains(
                "4 beginbfchar\n<0001> <90C1>\n<0002> <5E74>\n<0003> <300B>\n<0004> <300B>\nendbfchar"
            ),
            "{cmap}"
        );
    }
}
