//! Narrow copies of marks in a TrueType subset ([`narrow`](super::narrow)):
//! each a composite glyph of the mark, moved, with an advance of its own.

use super::narrow::NarrowCopy;

/// A TrueType font file (subsetter's subset: `glyf`, `loca`, `head`,
/// `hhea`, `hmtx`, `maxp`, `name`, `post` and hinting tables) with a
/// composite glyph appended for each of `copies`, numbered from the font's
/// glyph count on, with which of `copies` were made (not one of an empty,
/// composite or missing glyph). `None` where none was made, the file has
/// tables this does not keep in step (vertical or device metrics), or it is
/// damaged.
pub(super) fn with_copies(otf: &[u8], copies: &[NarrowCopy]) -> Option<(Vec<u8>, Vec<usize>)> {
    let mut font = Font::read(otf)?;
    let n = usize::from(font.word(b"maxp", 4)?);
    let long = font.word(b"head", 50)? == 1;
    let offsets = font.offsets(n, long)?;
    // The glyphs as they are, then each copy on a four-byte boundary.
    let mut glyf = font.table(b"glyf")?.get(..*offsets.last()?)?.to_vec();
    let mut loca = offsets[..n].to_vec();
    let pad = |g: &mut Vec<u8>| g.resize(g.len().div_ceil(4) * 4, 0);
    pad(&mut glyf);
    loca.push(glyf.len());
    let mut hmtx = font.full_metrics(n)?;
    let (mut points, mut contours) = (0u16, 0u16);
    let mut made = Vec::new();
    for (i, c) in copies.iter().enumerate() {
        let g = usize::from(c.glyph);
        let source = offsets
            .get(g..g + 2)
            .and_then(|o| font.table(b"glyf")?.get(o[0]..o[1]));
        let Some(copy) = source.and_then(|s| composite(s, c)) else {
            continue;
        };
        points = points.max(copy.points);
        contours = contours.max(copy.contours);
        glyf.extend(copy.glyph);
        pad(&mut glyf);
        loca.push(glyf.len());
        hmtx.extend(copy.metrics);
        made.push(i);
    }
    if made.is_empty() {
        return None;
    }
    let glyphs = u16::try_from(n + made.len()).ok()?;
    let long = long || glyf.len() > 0x1fffe;
    let loca: Vec<u8> = if long {
        let each = loca
            .iter()
            .map(|&o| u32::try_from(o).ok().map(u32::to_be_bytes));
        each.collect::<Option<Vec<_>>>()?.concat()
    } else {
        let each = loca
            .iter()
            .map(|&o| u16::try_from(o / 2).ok().map(u16::to_be_bytes));
        each.collect::<Option<Vec<_>>>()?.concat()
    };
    font.put(b"glyf", glyf)?;
    font.put(b"loca", loca)?;
    font.put(b"hmtx", hmtx)?;
    font.counts(glyphs, long, points, contours)?;
    Some((font.pack(), made))
}

/// A font file's tables, by tag.
struct Font {
    tables: Vec<([u8; 4], Vec<u8>)>,
}

impl Font {
    /// The tables of `otf`; `None` for a damaged file or one with tables
    /// whose glyph counts this does not keep in step.
    fn read(otf: &[u8]) -> Option<Font> {
        let raw = ttf_parser::RawFace::parse(otf, 0).ok()?;
        let mut tables = Vec::new();
        for r in raw.table_records {
            let tag = r.tag.to_bytes();
            let unkept = [b"vhea", b"vmtx", b"hdmx", b"LTSH", b"VDMX", b"VORG"];
            if unkept.contains(&&tag) {
                return None;
            }
            let at = usize::try_from(r.offset).ok()?;
            let len = usize::try_from(r.length).ok()?;
            tables.push((tag, otf.get(at..at.checked_add(len)?)?.to_vec()));
        }
        Some(Font { tables })
    }

    fn table(&self, tag: &[u8; 4]) -> Option<&[u8]> {
        self.tables
            .iter()
            .find(|(t, _)| t == tag)
            .map(|(_, d)| d.as_slice())
    }

    fn table_mut(&mut self, tag: &[u8; 4]) -> Option<&mut Vec<u8>> {
        self.tables
            .iter_mut()
            .find(|(t, _)| t == tag)
            .map(|(_, d)| d)
    }

    fn put(&mut self, tag: &[u8; 4], data: Vec<u8>) -> Option<()> {
        *self.table_mut(tag)? = data;
        Some(())
    }

    /// The 16-bit word at `at` of table `tag`.
    fn word(&self, tag: &[u8; 4], at: usize) -> Option<u16> {
        let d = self.table(tag)?;
        Some(u16::from_be_bytes([*d.get(at)?, *d.get(at + 1)?]))
    }

    /// Sets the 16-bit word at `at` of table `tag` to `v`.
    fn set(&mut self, tag: &[u8; 4], at: usize, v: u16) -> Option<()> {
        let d = self.table_mut(tag)?;
        d.get_mut(at..at + 2)?.copy_from_slice(&v.to_be_bytes());
        Some(())
    }

    /// Where each of the `n` glyphs starts in `glyf`, and where the last
    /// ends.
    fn offsets(&self, n: usize, long: bool) -> Option<Vec<usize>> {
        let d = self.table(b"loca")?;
        (0..=n)
            .map(|g| {
                if long {
                    let b: [u8; 4] = d.get(4 * g..4 * g + 4)?.try_into().ok()?;
                    usize::try_from(u32::from_be_bytes(b)).ok()
                } else {
                    let b: [u8; 2] = d.get(2 * g..2 * g + 2)?.try_into().ok()?;
                    Some(2 * usize::from(u16::from_be_bytes(b)))
                }
            })
            .collect()
    }

    /// `hmtx` with an advance and side bearing for each of the `n` glyphs
    /// (a font may leave the advance of the last ones unwritten).
    fn full_metrics(&self, n: usize) -> Option<Vec<u8>> {
        let metrics = usize::from(self.word(b"hhea", 34)?).clamp(1, n.max(1));
        let mut out = Vec::with_capacity(4 * n + 64);
        for g in 0..n {
            let advance = self.word(b"hmtx", 4 * g.min(metrics - 1))?;
            let lsb = if g < metrics {
                self.word(b"hmtx", 4 * g + 2)?
            } else {
                self.word(b"hmtx", 4 * metrics + 2 * (g - metrics))?
            };
            out.extend(advance.to_be_bytes());
            out.extend(lsb.to_be_bytes());
        }
        Some(out)
    }

    /// Brings the counts in `head`, `hhea`, `maxp` and `post` in step with
    /// `glyphs` glyphs, all with their own metrics, the composites' points
    /// and contours.
    fn counts(&mut self, glyphs: u16, long: bool, points: u16, contours: u16) -> Option<()> {
        self.set(b"head", 50, u16::from(long))?;
        // The checksum adjustment is written anew.
        self.table_mut(b"head")?.get_mut(8..12)?.fill(0);
        self.set(b"hhea", 34, glyphs)?;
        self.set(b"maxp", 4, glyphs)?;
        if self.table(b"maxp")?.len() >= 32 {
            // maxCompositePoints, maxCompositeContours, maxComponentElements,
            // maxComponentDepth.
            for (at, least) in [(10, points), (12, contours), (28, 1), (30, 1)] {
                let old = self.word(b"maxp", at)?;
                self.set(b"maxp", at, old.max(least))?;
            }
        }
        // Glyph names, if any, would be short of the copies: the names go
        // (version 3).
        if let Some(post) = self.table_mut(b"post") {
            post.truncate(32);
            post.get_mut(..4)?
                .copy_from_slice(&0x0003_0000u32.to_be_bytes());
        }
        Some(())
    }

    /// The font file, its tables in tag order.
    fn pack(mut self) -> Vec<u8> {
        self.tables.sort_by_key(|(tag, _)| *tag);
        let tables: Vec<(&[u8; 4], Vec<u8>)> =
            self.tables.iter().map(|(t, d)| (t, d.clone())).collect();
        super::sfnt::pack(&tables)
    }
}

/// A narrow copy of a simple glyph as a composite glyph: its `glyf` entry,
/// its `hmtx` entry, and the points and contours it draws.
struct Composite {
    glyph: Vec<u8>,
    metrics: [u8; 4],
    points: u16,
    contours: u16,
}

/// Copy `c` of the glyph whose `glyf` entry is `source`; `None` for an
/// empty or composite glyph or figures out of range.
fn composite(source: &[u8], c: &NarrowCopy) -> Option<Composite> {
    let field = |at: usize| Some(i16::from_be_bytes([*source.get(at)?, *source.get(at + 1)?]));
    let count = u16::try_from(field(0)?).ok().filter(|&c| c > 0)?;
    let shift = i16::try_from(c.shift).ok()?;
    let (x_min, x_max) = (field(2)?.checked_sub(shift)?, field(6)?.checked_sub(shift)?);
    // The last contour's last point, plus one: the points it draws.
    let last = u16::try_from(field(10 + 2 * (usize::from(count) - 1))?).ok()?;
    let mut g = Vec::with_capacity(20);
    for v in [-1, x_min, field(4)?, x_max, field(8)?] {
        g.extend(v.to_be_bytes());
    }
    // ARG_1_AND_2_ARE_WORDS | ARGS_ARE_XY_VALUES: the glyph, moved.
    g.extend(0x0003u16.to_be_bytes());
    g.extend(c.glyph.to_be_bytes());
    g.extend(shift.checked_neg()?.to_be_bytes());
    g.extend(0i16.to_be_bytes());
    let advance = u16::try_from(c.advance).ok()?.to_be_bytes();
    let lsb = x_min.to_be_bytes();
    Some(Composite {
        glyph: g,
        metrics: [advance[0], advance[1], lsb[0], lsb[1]],
        points: last.checked_add(1)?,
        contours: count,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::typeset::fonts::{FontChoice, Fonts, Role};

    /// The bundled 楷体 (TrueType) cut to a few characters, and its marks'
    /// glyphs.
    fn kai() -> (Vec<u8>, Vec<u16>) {
        let fonts = Fonts::load(&FontChoice::default()).unwrap();
        let chars = "楷体（一）、。".chars().collect();
        let s = fonts.subset(fonts.role_face(Role::Kai), &chars).unwrap();
        let marks = "（）、。".chars().map(|c| s.glyphs[&c]).collect();
        (s.program.clone(), marks)
    }

    /// A copy of each of `glyphs`, `advance` wide, moved `shift` left.
    fn copies_of(glyphs: &[u16], advance: i64, shift: i64) -> Vec<NarrowCopy> {
        let copy = |&glyph: &u16| NarrowCopy {
            glyph,
            advance,
            shift,
        };
        glyphs.iter().map(copy).collect()
    }

    #[test]
    fn copies_are_composites_with_their_own_advance_and_the_counts_follow() {
        let (otf, marks) = kai();
        let plain = ttf_parser::Face::parse(&otf, 0).unwrap();
        // The subset already holds copies: take its own glyphs only.
        let n = plain.number_of_glyphs();
        let copies = copies_of(&marks, 500, 250);
        let (out, made) = with_copies(&otf, &copies).unwrap();
        assert_eq!(made, [0, 1, 2, 3]);
        let face = ttf_parser::Face::parse(&out, 0).unwrap();
        assert_eq!(face.number_of_glyphs(), n + 4);
        for (k, &glyph) in marks.iter().enumerate() {
            let copy = ttf_parser::GlyphId(n + k as u16);
            assert_eq!(face.glyph_hor_advance(copy), Some(500));
            let (a, b) = (
                face.glyph_bounding_box(ttf_parser::GlyphId(glyph)).unwrap(),
                face.glyph_bounding_box(copy).unwrap(),
            );
            assert_eq!(
                (a.x_min - 250, a.x_max - 250, a.y_min),
                (b.x_min, b.x_max, b.y_min)
            );
        }
        // Every glyph before the copies is as it was.
        for g in 0..n {
            let id = ttf_parser::GlyphId(g);
            assert_eq!(face.glyph_hor_advance(id), plain.glyph_hor_advance(id));
            assert_eq!(face.glyph_bounding_box(id), plain.glyph_bounding_box(id));
        }
        // An empty glyph (.notdef may be) or one out of range gets none.
        let none = [NarrowCopy {
            glyph: 60_000,
            advance: 500,
            shift: 0,
        }];
        assert!(with_copies(&otf, &none).is_none());
    }

    #[test]
    fn a_damaged_font_gives_copies_or_none_but_never_crashes() {
        let (otf, marks) = kai();
        let copies = copies_of(&marks, 700, 300);
        let (mut some, mut none) = (0, 0);
        for k in 0..400 {
            let mut bytes = otf.clone();
            let at = k * (bytes.len() - 8) / 400;
            for b in &mut bytes[at..at + 1 + k % 7] {
                *b = b.wrapping_mul(97).wrapping_add(k as u8);
            }
            match with_copies(&bytes, &copies) {
                Some(_) => some += 1,
                None => none += 1,
            }
        }
        assert!(some > 0 && none > 0, "{some} {none}");
    }
}
