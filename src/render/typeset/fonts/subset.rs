//! Cutting a face down to the glyphs a document uses, for embedding.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use super::describe::{Descriptor, describe};
use super::narrow::{Mark, NARROW_WIDTHS, NarrowCopy};
use super::{FontError, Fonts, parse_failure};

/// A face cut down to the glyphs one document sets: what the PDF embeds.
#[derive(Debug, Clone)]
pub struct Subset {
    /// The font program as the PDF embeds it: a bare CID-keyed `CFF ` table
    /// whose CID n is glyph n, or a whole TrueType font.
    pub program: Vec<u8>,
    /// Whether `program` is CFF (`CIDFontType0`) rather than TrueType
    /// (`CIDFontType2`).
    pub cff: bool,
    /// The glyph of each character set in this face, numbered as in the
    /// subset (a character the face lacks is absent and drawn as .notdef).
    pub glyphs: BTreeMap<char, u16>,
    /// The advance of every glyph of the subset in 1/1000 em.
    pub widths: Vec<i64>,
    /// The narrow copies of each compressible mark set in this face, at
    /// [`NARROW_WIDTHS`] ([`narrow`](super::narrow)), numbered after every
    /// glyph of `glyphs`: what the PDF draws where such a mark is
    /// compressed. Empty for a face they are not made for (TrueType, a CFF
    /// with subroutines).
    pub narrow: BTreeMap<char, [u16; 2]>,
    /// Name and metrics for the font descriptor.
    pub descriptor: Descriptor,
}

#[cfg(test)]
impl Subset {
    /// A subset for tests with no program: `glyphs`, `widths`, and the
    /// metrics of a face named `Test`.
    pub(crate) fn toy(cff: bool, glyphs: BTreeMap<char, u16>, widths: Vec<i64>) -> Subset {
        Subset {
            program: Vec::new(),
            cff,
            glyphs,
            widths,
            narrow: BTreeMap::new(),
            descriptor: Descriptor {
                postscript_name: "Test".into(),
                bbox: [0.0, -120.0, 1000.0, 880.0],
                ascent: 880.0,
                descent: -120.0,
                cap_height: 700.0,
                italic_angle: 0.0,
                stem_v: 80.0,
            },
        }
    }
}

/// Most subsets kept by one [`Fonts`]: a batch's reports mostly set the
/// same characters in each face, so a few cover it (the body face's is a
/// few hundred kilobytes).
const CACHED: usize = 8;

/// Subsets whose program is longer than this are not kept.
const CACHED_UP_TO: usize = 1024 * 1024;

/// Subsets already cut, with the face and characters they were cut for;
/// the oldest goes when a new one does not fit. A clone shares the kept
/// subsets.
#[derive(Default, Clone)]
pub(super) struct Cache(Arc<Mutex<Vec<Kept>>>);

/// A subset kept: the face, the characters, the subset.
type Kept = (usize, BTreeSet<char>, Arc<Subset>);

impl Cache {
    fn get(&self, face: usize, chars: &BTreeSet<char>) -> Option<Arc<Subset>> {
        let kept = self.0.lock().ok()?;
        kept.iter()
            .find(|(f, c, _)| *f == face && c == chars)
            .map(|(_, _, s)| Arc::clone(s))
    }

    fn put(&self, face: usize, chars: &BTreeSet<char>, subset: &Arc<Subset>) {
        if subset.program.len() > CACHED_UP_TO {
            return;
        }
        if let Ok(mut kept) = self.0.lock() {
            if kept.len() >= CACHED {
                kept.remove(0);
            }
            kept.push((face, chars.clone(), Arc::clone(subset)));
        }
    }
}

impl Subset {
    /// How many glyphs come before the narrow copies: the face's own
    /// glyphs (what a format without the copies embeds).
    pub fn plain_glyphs(&self) -> usize {
        self.widths.len() - NARROW_WIDTHS.len() * self.narrow.len()
    }
}

impl Fonts {
    /// The glyphs of `chars` in face `face` (plus .notdef) as a font
    /// program the PDF embeds as it is, with each character's glyph. The
    /// same face and characters give the same subset, cut once per
    /// [`CACHED`] while this `Fonts` lives (a batch subsets its body face
    /// once, not once a report).
    pub fn subset(&self, face: usize, chars: &BTreeSet<char>) -> Result<Arc<Subset>, FontError> {
        if let Some(kept) = self.cut.get(face, chars) {
            return Ok(kept);
        }
        let subset = Arc::new(self.cut_subset(face, chars)?);
        if let super::Origin::Embedded(role) = self.faces[face].origin {
            super::sources::release_embedded(role);
        }
        self.cut.put(face, chars, &subset);
        Ok(subset)
    }

    fn cut_subset(&self, face: usize, chars: &BTreeSet<char>) -> Result<Subset, FontError> {
        let f = &self.faces[face];
        let failed = |reason: String| FontError::FontUnreadable {
            path: PathBuf::from(&f.name),
            reason,
        };
        self.with_data(f.origin, |data, index| {
            let face =
                ttf_parser::Face::parse(data, index).map_err(|e| failed(parse_failure(&e)))?;
            let used: Vec<(char, u16)> = chars
                .iter()
                .filter_map(|&c| Some((c, face.glyph_index(c)?.0)))
                .filter(|&(_, g)| g != 0)
                .collect();
            // New glyph ids in the order of the old ones.
            let mut old: Vec<u16> = used.iter().map(|&(_, g)| g).collect();
            old.sort_unstable();
            old.dedup();
            if let Some(copied) = copied(&face, &used, &old) {
                return Ok(copied);
            }
            let remapper = subsetter::GlyphRemapper::new_from_glyphs(&old);
            // A font file is outside input: a program that trips the
            // subsetter is refused like one that does not parse.
            let otf = std::panic::catch_unwind(|| subsetter::subset(data, index, &remapper))
                .map_err(|_| failed("字体文件结构异常，无法裁剪".into()))?
                .map_err(|e| failed(format!("无法裁剪字体（{e}）")))?;
            let glyphs: BTreeMap<char, u16> = used
                .iter()
                .filter_map(|&(c, g)| Some((c, remapper.get(g)?)))
                .collect();
            let cut = ttf_parser::Face::parse(&otf, 0).map_err(|e| failed(parse_failure(&e)))?;
            let mut widths = advances(&cut, 0..cut.number_of_glyphs());
            let cff = cut.tables().cff.is_some();
            let mut narrow = BTreeMap::new();
            let program = if cff {
                table(&otf, b"CFF ").ok_or_else(|| failed("裁剪后的字体缺少 CFF 表".into()))?
            } else {
                otf.clone()
            };
            let program = match copies_after_subsetter(&cut, &program, cff, &glyphs) {
                Some((with, copies)) => {
                    // The copies follow the subset's glyphs, two a mark.
                    narrow = numbered(&copies, cut.number_of_glyphs());
                    widths.extend(copy_widths(&cut, copies.len()));
                    with
                }
                None => program,
            };
            Ok(Subset {
                program,
                cff,
                glyphs,
                widths,
                narrow,
                descriptor: describe(&face),
            })
        })
        .unwrap_or_else(|| Err(failed("无法读取".into())))
    }
}

/// A CID-keyed CFF face's subset made by copying its charstrings
/// ([`cff_copy`]), when the face needs nothing more; `None` otherwise.
/// `old` holds the glyphs set, sorted and distinct: they become glyphs
/// 1..=n after .notdef, as subsetter numbers them; the narrow copies of
/// the marks among them follow, two a mark.
fn copied(face: &ttf_parser::Face<'_>, used: &[(char, u16)], old: &[u16]) -> Option<Subset> {
    let cff = face
        .raw_face()
        .table(ttf_parser::Tag::from_bytes(b"CFF "))?;
    let order: Vec<u16> = std::iter::once(0).chain(old.iter().copied()).collect();
    let marks: Vec<MarkGlyph> = used
        .iter()
        .filter_map(|&(c, g)| Some((c, g, Mark::of(c)?)))
        .collect();
    let (program, marks) = whole_pairs(marks, |m| {
        super::cff_copy::subset(cff, &order, &narrow_copies(face, m))
    })?;
    let glyphs = used
        .iter()
        .filter_map(|&(c, g)| {
            let new = old.binary_search(&g).ok()? + 1;
            Some((c, u16::try_from(new).ok()?))
        })
        .collect();
    let narrow = numbered(&marks, u16::try_from(order.len()).ok()?);
    let mut widths = advances(face, order);
    widths.extend(copy_widths(face, marks.len()));
    Some(Subset {
        program,
        cff: true,
        glyphs,
        widths,
        narrow,
        descriptor: describe(face),
    })
}

/// The narrow copies of the marks a subset cut by subsetter sets (`cut`,
/// its `program`: a bare CFF table, which subsetter writes CID-keyed and
/// without subroutines, extended by [`cff_copy`]; or a TrueType font,
/// extended by [`narrow_glyf`](super::narrow_glyf)): the program with
/// them, and the marks they were made for, in their order.
fn copies_after_subsetter(
    cut: &ttf_parser::Face<'_>,
    program: &[u8],
    cff: bool,
    glyphs: &BTreeMap<char, u16>,
) -> Option<WithCopies> {
    let marks: Vec<MarkGlyph> = glyphs
        .iter()
        .filter_map(|(&c, &g)| Some((c, g, Mark::of(c)?)))
        .collect();
    if marks.is_empty() {
        return None;
    }
    let all: Vec<u16> = (0..cut.number_of_glyphs()).collect();
    whole_pairs(marks, |m| {
        let copies = narrow_copies(cut, m);
        if cff {
            super::cff_copy::subset(program, &all, &copies)
        } else {
            super::narrow_glyf::with_copies(program, &copies)
        }
    })
}

/// Copies made by `make` for `marks`, where every mark's copies are made
/// or none are: a mark one of whose copies could not be made is left out
/// and the rest made again. The program and the marks it holds copies of.
fn whole_pairs(
    mut marks: Vec<MarkGlyph>,
    make: impl Fn(&[MarkGlyph]) -> Option<(Vec<u8>, Vec<usize>)>,
) -> Option<WithCopies> {
    let pairs = NARROW_WIDTHS.len();
    let (program, made) = make(&marks)?;
    if made.len() == pairs * marks.len() {
        return Some((program, marks));
    }
    let whole: Vec<bool> = (0..marks.len())
        .map(|m| (0..pairs).all(|k| made.contains(&(m * pairs + k))))
        .collect();
    let mut keep = whole.iter();
    marks.retain(|_| keep.next().copied().unwrap_or(false));
    let (program, made) = make(&marks)?;
    (made.len() == pairs * marks.len()).then_some((program, marks))
}

/// The widths, in 1/1000 em, of `marks` marks' copies in `face`: their
/// advances in its units ([`narrow_copies`]), as the PDF's `/W` gives
/// every glyph's.
fn copy_widths(face: &ttf_parser::Face<'_>, marks: usize) -> Vec<i64> {
    let em = i64::from(face.units_per_em().max(1));
    let scale = 1000.0 / em as f64;
    let one: Vec<i64> = NARROW_WIDTHS
        .iter()
        .map(|w| ((em * w / 1000) as f64 * scale).round() as i64)
        .collect();
    one.repeat(marks)
}

/// A compressible mark a subset sets: its character, glyph and kind.
type MarkGlyph = (char, u16, Mark);

/// A program with narrow copies, and the marks it holds copies of.
type WithCopies = (Vec<u8>, Vec<MarkGlyph>);

/// Each mark's copies' glyph ids, counting from `first`.
fn numbered(marks: &[MarkGlyph], first: u16) -> BTreeMap<char, [u16; 2]> {
    (0u16..)
        .zip(marks)
        .map(|(m, &(c, _, _))| (c, [0, 1].map(|k| first + 2 * m + k)))
        .collect()
}

/// The narrow copies asked for `marks` (character, glyph, kind), each
/// mark's at [`NARROW_WIDTHS`] in order: an opening mark's outline moves
/// left by what its copy gives up.
fn narrow_copies(face: &ttf_parser::Face<'_>, marks: &[MarkGlyph]) -> Vec<NarrowCopy> {
    let em = i64::from(face.units_per_em());
    marks
        .iter()
        .flat_map(|&(_, glyph, mark)| {
            let full = face
                .glyph_hor_advance(ttf_parser::GlyphId(glyph))
                .map_or(em, i64::from);
            NARROW_WIDTHS.map(|w| {
                let advance = em * w / 1000;
                let shift = match mark {
                    Mark::Closing => 0,
                    Mark::Opening => full - advance,
                };
                NarrowCopy {
                    glyph,
                    advance,
                    shift,
                }
            })
        })
        .collect()
}

/// The advances of glyphs `glyphs` of `face` in 1/1000 em.
fn advances(face: &ttf_parser::Face<'_>, glyphs: impl IntoIterator<Item = u16>) -> Vec<i64> {
    let scale = 1000.0 / f32::from(face.units_per_em().max(1));
    glyphs
        .into_iter()
        .map(|g| {
            let advance = face.glyph_hor_advance(ttf_parser::GlyphId(g)).unwrap_or(0);
            (f32::from(advance) * scale).round() as i64
        })
        .collect()
}

/// A copy of table `tag` of a single-face sfnt.
fn table(otf: &[u8], tag: &[u8; 4]) -> Option<Vec<u8>> {
    let raw = ttf_parser::RawFace::parse(otf, 0).ok()?;
    raw.table(ttf_parser::Tag::from_bytes(tag))
        .map(<[u8]>::to_vec)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::typeset::fonts::{FontChoice, Role};

    fn chars(s: &str) -> BTreeSet<char> {
        s.chars().collect()
    }

    /// The bundled 楷体 cut to the characters of `text`: a TrueType font,
    /// whole, with a width for each of its glyphs.
    fn kai_subset(text: &str) -> Arc<Subset> {
        let fonts = Fonts::load(&FontChoice::default()).unwrap();
        let s = fonts
            .subset(fonts.role_face(Role::Kai), &chars(text))
            .unwrap();
        assert!(!s.cff);
        let face = ttf_parser::Face::parse(&s.program, 0).expect("a TrueType font");
        assert_eq!(usize::from(face.number_of_glyphs()), s.widths.len());
        s
    }

    /// Each glyph's outline, as path commands.
    fn outlines(cff: &[u8]) -> Vec<String> {
        struct Path(String);
        impl ttf_parser::OutlineBuilder for Path {
            fn move_to(&mut self, x: f32, y: f32) {
                self.0 += &format!("M{x},{y}");
            }
            fn line_to(&mut self, x: f32, y: f32) {
                self.0 += &format!("L{x},{y}");
            }
            fn quad_to(&mut self, a: f32, b: f32, x: f32, y: f32) {
                self.0 += &format!("Q{a},{b},{x},{y}");
            }
            fn curve_to(&mut self, a: f32, b: f32, c: f32, d: f32, x: f32, y: f32) {
                self.0 += &format!("C{a},{b},{c},{d},{x},{y}");
            }
            fn close(&mut self) {
                self.0 += "Z";
            }
        }
        let table = ttf_parser::cff::Table::parse(cff).expect("a CFF table");
        (0..table.number_of_glyphs())
            .map(|g| {
                let mut p = Path(String::new());
                let _ = table.outline(ttf_parser::GlyphId(g), &mut p);
                p.0
            })
            .collect()
    }

    #[test]
    fn a_copied_subset_draws_what_subsetter_draws() {
        // Every bundled CFF face: FandolFang with one Font DICT, the Noto
        // faces with a dozen (a glyph's Font DICT holds the widths its
        // charstring is read with).
        let fonts = Fonts::load(&FontChoice::default()).unwrap();
        let asked = chars("政府信息公开工作年度报告2025（一）、。鬱郁第A号");
        for role in [Role::Body, Role::Title, Role::Hei, Role::Folio] {
            let face = fonts.role_face(role);
            let ours = fonts.subset(face, &asked).unwrap();
            assert!(ours.cff, "{role:?}");
            let f = &fonts.faces[face];
            let (theirs, widths) = fonts
                .with_data(f.origin, |data, index| {
                    let face = ttf_parser::Face::parse(data, index).unwrap();
                    let mut old: Vec<u16> = asked
                        .iter()
                        .filter_map(|&c| face.glyph_index(c).map(|g| g.0))
                        .filter(|&g| g != 0)
                        .collect();
                    old.sort_unstable();
                    old.dedup();
                    // The copy applies to this face: its charstrings need nothing.
                    let cff = face.raw_face().table(ttf_parser::Tag::from_bytes(b"CFF "));
                    let order: Vec<u16> = std::iter::once(0).chain(old.iter().copied()).collect();
                    let marks: Vec<MarkGlyph> = asked
                        .iter()
                        .filter_map(|&c| Some((c, face.glyph_index(c)?.0, Mark::of(c)?)))
                        .collect();
                    let copies = narrow_copies(&face, &marks);
                    let copied = super::super::cff_copy::subset(cff.unwrap(), &order, &copies);
                    assert_eq!(
                        copied.map(|c| c.0).as_ref(),
                        Some(&ours.program),
                        "{role:?}"
                    );
                    let remapper = subsetter::GlyphRemapper::new_from_glyphs(&old);
                    let otf = subsetter::subset(data, index, &remapper).unwrap();
                    let cut = ttf_parser::Face::parse(&otf, 0).unwrap();
                    let widths = advances(&cut, 0..cut.number_of_glyphs());
                    (table(&otf, b"CFF ").unwrap(), widths)
                })
                .unwrap();
            // The face's own glyphs as subsetter cuts them; the narrow
            // copies of the marks （）、。 after them, half an em and seven
            // tenths wide.
            let plain = ours.plain_glyphs();
            assert_eq!(
                outlines(&ours.program)[..plain],
                outlines(&theirs),
                "{role:?}"
            );
            assert_eq!(ours.widths[..plain], widths, "{role:?}");
            let narrow: String = ours.narrow.keys().collect();
            let marks: String = "、。（）"
                .chars()
                .filter(|c| ours.glyphs.contains_key(c))
                .collect();
            assert_eq!(narrow, marks, "{role:?}");
            assert!(role != Role::Body || narrow == "、。（）");
            for (k, &w) in ours.widths[plain..].iter().enumerate() {
                assert_eq!(w, NARROW_WIDTHS[k % 2], "{role:?}");
            }
            let table = ttf_parser::cff::Table::parse(&ours.program).unwrap();
            for g in 0..ours.widths.len() as u16 {
                assert_eq!(table.glyph_cid(ttf_parser::GlyphId(g)), Some(g), "{role:?}");
            }
        }
    }

    #[test]
    fn the_same_characters_are_cut_once() {
        let fonts = Fonts::load(&FontChoice::default()).unwrap();
        let body = fonts.role_face(Role::Body);
        let a = fonts.subset(body, &chars("公开")).unwrap();
        let b = fonts.subset(body, &chars("开公")).unwrap();
        assert!(Arc::ptr_eq(&a, &b));
        let c = fonts.subset(body, &chars("公开年")).unwrap();
        assert!(!Arc::ptr_eq(&a, &c));
        assert_eq!(c.glyphs.len(), 3);
        for ch in "一二三四五六七八九十".chars() {
            fonts.subset(body, &chars(&ch.to_string())).unwrap();
        }
        assert_eq!(fonts.cut.0.lock().unwrap().len(), CACHED);
        // The oldest went: cutting it again gives a new subset, equal to it.
        let again = fonts.subset(body, &chars("公开")).unwrap();
        assert!(!Arc::ptr_eq(&a, &again));
        assert_eq!(again.program, a.program);
    }

    #[test]
    fn a_cff_subset_has_identity_cids_and_only_the_glyphs_asked_for() {
        let fonts = Fonts::load(&FontChoice::default()).unwrap();
        let asked = chars("政府信息公开工作年度报告2025");
        let s = fonts.subset(fonts.role_face(Role::Body), &asked).unwrap();
        assert!(s.cff);
        // 2 and 0 twice, 5 once: 14 distinct characters, plus .notdef.
        assert_eq!(s.glyphs.len(), asked.len());
        assert_eq!(s.widths.len(), asked.len() + 1);
        let cff = ttf_parser::cff::Table::parse(&s.program).expect("a bare CFF table");
        for g in 0..s.widths.len() as u16 {
            assert_eq!(cff.glyph_cid(ttf_parser::GlyphId(g)), Some(g), "CID of {g}");
        }
        // Glyph ids run 1..=n in the characters' order in the face.
        let mut ids: Vec<u16> = s.glyphs.values().copied().collect();
        ids.sort_unstable();
        assert_eq!(ids, (1..=asked.len() as u16).collect::<Vec<_>>());
        assert_eq!(s.widths[usize::from(s.glyphs[&'政'])], 1000);
        assert!(s.descriptor.postscript_name.starts_with("FandolFang"));
    }

    #[test]
    fn a_damaged_font_file_is_refused_or_cut_but_never_crashes() {
        use crate::render::typeset::fonts::FontSource;
        let original = crate::render::typeset::fonts::embedded(Role::Body).unwrap();
        let dir = std::env::temp_dir().join(format!("nianbao-subset-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let asked = chars("政府信息公开");
        let mut outcomes = (0, 0);
        // Overwrite a stretch of bytes at points through the file (the
        // table directory stays, so the face still loads).
        for k in 1..24 {
            let mut bytes = original.to_vec();
            let at = 200 + k * (bytes.len() - 400) / 24;
            for b in &mut bytes[at..at + 64] {
                *b = b.wrapping_mul(31).wrapping_add(k as u8);
            }
            let path = dir.join(format!("damaged-{k}.otf"));
            std::fs::write(&path, &bytes).unwrap();
            let choice = FontChoice {
                dir: None,
                overrides: vec![(Role::Body, FontSource::Path(path))],
                zaozi: None,
            };
            let Ok(fonts) = Fonts::load(&choice) else {
                continue;
            };
            match fonts.subset(fonts.role_face(Role::Body), &asked) {
                Ok(_) => outcomes.0 += 1,
                Err(e) => {
                    assert!(e.to_string().contains("字体"), "{e}");
                    outcomes.1 += 1;
                }
            }
        }
        std::fs::remove_dir_all(&dir).ok();
        assert!(outcomes.0 + outcomes.1 > 0, "no damaged face loaded");
    }

    #[test]
    fn a_cff_subset_cut_by_subsetter_gets_narrow_copies_too() {
        // A face with subroutines is cut by subsetter, which writes a
        // CID-keyed CFF without them; its marks get copies all the same.
        // The bundled 黑体, cut by subsetter here, stands in for one.
        let fonts = Fonts::load(&FontChoice::default()).unwrap();
        let f = &fonts.faces[fonts.role_face(Role::Hei)];
        fonts
            .with_data(f.origin, |data, index| {
                let face = ttf_parser::Face::parse(data, index).unwrap();
                let gid = |c: char| face.glyph_index(c).unwrap().0;
                let text = "报告（一）、。";
                let mut old: Vec<u16> = text.chars().map(gid).collect();
                old.sort_unstable();
                old.dedup();
                let remapper = subsetter::GlyphRemapper::new_from_glyphs(&old);
                let otf = subsetter::subset(data, index, &remapper).unwrap();
                let cut = ttf_parser::Face::parse(&otf, 0).unwrap();
                let program = table(&otf, b"CFF ").unwrap();
                let glyphs: BTreeMap<char, u16> = text
                    .chars()
                    .map(|c| (c, remapper.get(gid(c)).unwrap()))
                    .collect();
                let (with, marks) = copies_after_subsetter(&cut, &program, true, &glyphs).unwrap();
                let marks: String = marks.iter().map(|m| m.0).collect();
                assert_eq!(marks, "、。（）");
                let n = usize::from(cut.number_of_glyphs());
                let (before, after) = (outlines(&program), outlines(&with));
                assert_eq!(after.len(), n + 8);
                assert_eq!(after[..n], before[..]);
                // The closing marks' copies draw what the marks draw.
                assert_eq!(after[n], before[usize::from(glyphs[&'、'])]);
            })
            .unwrap();
    }

    #[test]
    fn a_truetype_subset_carries_narrow_copies_of_its_marks_as_composites() {
        let s = kai_subset("楷体（一）、。");
        let narrow: String = s.narrow.keys().collect();
        assert_eq!(narrow, "、。（）");
        let face = ttf_parser::Face::parse(&s.program, 0).expect("a TrueType font");
        assert_eq!(s.plain_glyphs() + 8, s.widths.len());
        let em = f32::from(face.units_per_em());
        let bbox = |g: u16| face.glyph_bounding_box(ttf_parser::GlyphId(g)).unwrap();
        for (&c, copies) in &s.narrow {
            let full = s.glyphs[&c];
            let a = bbox(full);
            for (&g, w) in copies.iter().zip(NARROW_WIDTHS) {
                let advance = face.glyph_hor_advance(ttf_parser::GlyphId(g)).unwrap();
                assert_eq!(
                    i64::from(advance),
                    i64::from(face.units_per_em()) * w / 1000
                );
                // /W and the program agree.
                let width = (f32::from(advance) * 1000.0 / em).round() as i64;
                assert_eq!(s.widths[usize::from(g)], width, "{c}");
                // An opening mark's outline moves left by what its copy gives.
                let full_advance = face.glyph_hor_advance(ttf_parser::GlyphId(full)).unwrap();
                let shift = if c == '（' {
                    full_advance - advance
                } else {
                    0
                };
                let b = bbox(g);
                assert_eq!(
                    (a.x_min - shift as i16, a.y_min, a.y_max),
                    (b.x_min, b.y_min, b.y_max),
                    "{c}"
                );
            }
        }
        // The copies are the PDF's: the OFD's font leaves them out.
        assert!(s.plain_glyphs() < s.widths.len());
    }

    #[test]
    fn a_truetype_subset_is_a_whole_font_and_missing_characters_are_left_out() {
        let s = kai_subset("楷体\u{E000}");
        assert!(!s.glyphs.contains_key(&'\u{E000}'));
        assert_eq!(s.glyphs.len(), 2);
    }
}
