//! A face's subset as a small TrueType font (quadratic `glyf` outlines,
//! `loca`, `cmap`, `hmtx` and the tables GB/T 42133 6.2.6c lists), for
//! the OFD to embed: OFD readers load TrueType, and few or none load
//! CFF-flavoured OpenType, which is what the bundled faces are (see
//! docs/ofd.md). The glyphs keep the subset's numbering, so the OFD's
//! `CGTransform` glyph ids are the PDF's; the outlines are read from the
//! subset's program (CFF or TrueType) by ttf-parser, cubic curves
//! approximated by quadratic ones within half a unit of a 1000-unit em.

use crate::render::typeset::fonts::Subset;
use crate::render::typeset::fonts::sfnt::{put16, put32};

/// Units per em of the written font (the subset's widths are in 1/1000 em).
const UPEM: f32 = 1000.0;

/// Largest distance, in font units, between a cubic curve and the
/// quadratic curves that stand for it.
const TOLERANCE: f32 = 0.5;

/// Most quadratic pieces one cubic curve becomes.
const MOST_PIECES: usize = 16;

/// One contour: points `(x, y, on the curve)` in font units.
type Contour = Vec<(f32, f32, bool)>;

/// Collects a glyph's outline as quadratic contours, scaled to [`UPEM`].
struct Quads {
    contours: Vec<Contour>,
    last: (f32, f32),
    scale: f32,
}

impl Quads {
    fn push(&mut self, x: f32, y: f32, on: bool) {
        if let Some(c) = self.contours.last_mut() {
            c.push((x, y, on));
        }
    }
}

impl ttf_parser::OutlineBuilder for Quads {
    fn move_to(&mut self, x: f32, y: f32) {
        let p = (x * self.scale, y * self.scale);
        self.contours.push(vec![(p.0, p.1, true)]);
        self.last = p;
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let p = (x * self.scale, y * self.scale);
        self.push(p.0, p.1, true);
        self.last = p;
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let s = self.scale;
        self.push(x1 * s, y1 * s, false);
        self.push(x * s, y * s, true);
        self.last = (x * s, y * s);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let s = self.scale;
        let cubic = [
            self.last,
            (x1 * s, y1 * s),
            (x2 * s, y2 * s),
            (x * s, y * s),
        ];
        for (q, p) in quadratics(cubic) {
            self.push(q.0, q.1, false);
            self.push(p.0, p.1, true);
        }
        self.last = cubic[3];
    }
    fn close(&mut self) {
        // A TrueType contour closes itself: a last point on the first is
        // one point too many.
        if let Some(c) = self.contours.last_mut()
            && c.len() > 1
            && let (Some(a), Some(b)) = (c.first(), c.last())
            && (a.0 - b.0).abs() < 0.5
            && (a.1 - b.1).abs() < 0.5
            && b.2
        {
            c.pop();
        }
    }
}

/// A cubic curve `[p0, c1, c2, p3]` as quadratic pieces (control point,
/// end point) within [`TOLERANCE`]: the curve cut into n equal steps of
/// its parameter, each piece the quadratic whose control point is
/// `(3 (c1 + c2) − (p0 + p3)) / 4` of its part, whose distance from the
/// part is at most √3/36 of the part's third difference (which shrinks
/// with the cube of its length).
fn quadratics(c: [(f32, f32); 4]) -> Vec<((f32, f32), (f32, f32))> {
    let third = (
        c[3].0 - 3.0 * c[2].0 + 3.0 * c[1].0 - c[0].0,
        c[3].1 - 3.0 * c[2].1 + 3.0 * c[1].1 - c[0].1,
    );
    let d = (third.0 * third.0 + third.1 * third.1).sqrt();
    let err = 3f32.sqrt() / 36.0 * d;
    let n = if err <= TOLERANCE || !err.is_finite() {
        1
    } else {
        ((err / TOLERANCE).cbrt().ceil() as usize).clamp(1, MOST_PIECES)
    };
    let at = |t: f32| {
        let u = 1.0 - t;
        let (a, b, cc, dd) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
        (
            a * c[0].0 + b * c[1].0 + cc * c[2].0 + dd * c[3].0,
            a * c[0].1 + b * c[1].1 + cc * c[2].1 + dd * c[3].1,
        )
    };
    let slope = |t: f32| {
        let u = 1.0 - t;
        let (a, b, cc) = (3.0 * u * u, 6.0 * u * t, 3.0 * t * t);
        (
            a * (c[1].0 - c[0].0) + b * (c[2].0 - c[1].0) + cc * (c[3].0 - c[2].0),
            a * (c[1].1 - c[0].1) + b * (c[2].1 - c[1].1) + cc * (c[3].1 - c[2].1),
        )
    };
    let h = 1.0 / n as f32;
    (0..n)
        .map(|i| {
            let (t0, t1) = (i as f32 * h, (i + 1) as f32 * h);
            let (p0, p3) = (at(t0), if i + 1 == n { c[3] } else { at(t1) });
            let (d0, d1) = (slope(t0), slope(t1));
            let c1 = (p0.0 + d0.0 * h / 3.0, p0.1 + d0.1 * h / 3.0);
            let c2 = (p3.0 - d1.0 * h / 3.0, p3.1 - d1.1 * h / 3.0);
            let q = (
                (3.0 * (c1.0 + c2.0) - (p0.0 + p3.0)) / 4.0,
                (3.0 * (c1.1 + c2.1) - (p0.1 + p3.1)) / 4.0,
            );
            (q, p3)
        })
        .collect()
}

/// The outlines of every glyph of `subset`, in its numbering.
fn outlines(subset: &Subset) -> Vec<Vec<Contour>> {
    // The PDF's half-width copies of marks are not the OFD's.
    let n = subset.plain_glyphs();
    let mut out = vec![Vec::new(); n];
    let reverse = subset.cff;
    let mut take = |g: usize, scale: f32, f: &dyn Fn(&mut Quads) -> bool| {
        let mut q = Quads {
            contours: Vec::new(),
            last: (0.0, 0.0),
            scale,
        };
        if f(&mut q) {
            q.contours.retain(|c| c.len() > 1);
            // PostScript outlines run counter-clockwise, TrueType's
            // clockwise: the same points backwards, from the same start.
            if reverse {
                for c in &mut q.contours {
                    c[1..].reverse();
                }
            }
            out[g] = q.contours;
        }
    };
    if subset.cff {
        let Some(table) = ttf_parser::cff::Table::parse(&subset.program) else {
            return out;
        };
        let sx = table.matrix().sx;
        let scale = if sx.is_finite() && sx > 0.0 {
            sx * UPEM
        } else {
            1.0
        };
        for g in 0..n.min(usize::from(table.number_of_glyphs())) {
            let id = ttf_parser::GlyphId(g as u16);
            take(g, scale, &|q| table.outline(id, q).is_ok());
        }
    } else if let Ok(face) = ttf_parser::Face::parse(&subset.program, 0) {
        let scale = UPEM / f32::from(face.units_per_em().max(1));
        for g in 0..n.min(usize::from(face.number_of_glyphs())) {
            let id = ttf_parser::GlyphId(g as u16);
            take(g, scale, &|q| face.outline_glyph(id, q).is_some());
        }
    }
    out
}

/// Rounds a font coordinate to the 16 bits TrueType keeps.
fn unit(v: f32) -> i16 {
    v.round().clamp(-32768.0, 32767.0) as i16
}

/// One glyph's `glyf` entry (empty for a glyph without contours) and its
/// bounds and point count.
fn glyph(contours: &[Contour]) -> (Vec<u8>, [i16; 4], usize) {
    let points: Vec<(i16, i16, bool)> = contours
        .iter()
        .flatten()
        .map(|&(x, y, on)| (unit(x), unit(y), on))
        .collect();
    if points.is_empty() || contours.len() > i16::MAX as usize || points.len() > 65535 {
        return (Vec::new(), [0; 4], 0);
    }
    let bounds = points.iter().fold(
        [i16::MAX, i16::MAX, i16::MIN, i16::MIN],
        |[a, b, c, d], &(x, y, _)| [a.min(x), b.min(y), c.max(x), d.max(y)],
    );
    let mut out = Vec::new();
    put16(&mut out, contours.len() as u16);
    for v in bounds {
        put16(&mut out, v as u16);
    }
    let mut end = 0usize;
    for c in contours {
        end += c.len();
        put16(&mut out, (end - 1) as u16);
    }
    put16(&mut out, 0); // no instructions
    let (mut flags, mut xs, mut ys) = (Vec::new(), Vec::new(), Vec::new());
    let mut last = (0i32, 0i32);
    for &(x, y, on) in &points {
        let mut flag = u8::from(on);
        let (dx, dy) = (i32::from(x) - last.0, i32::from(y) - last.1);
        last = (i32::from(x), i32::from(y));
        for (d, short, same, bytes) in [(dx, 0x02, 0x10, &mut xs), (dy, 0x04, 0x20, &mut ys)] {
            if d == 0 {
                flag |= same;
            } else if d.abs() < 256 {
                flag |= short | if d > 0 { same } else { 0 };
                bytes.push(d.unsigned_abs() as u8);
            } else {
                put16(bytes, d as i16 as u16);
            }
        }
        flags.push(flag);
    }
    out.extend(flags);
    out.extend(xs);
    out.extend(ys);
    while out.len() % 4 != 0 {
        out.push(0);
    }
    (out, bounds, points.len())
}

/// The font's names and metrics that are not its glyphs.
pub(super) struct Naming<'a> {
    /// Family name (ASCII), as the `name` table gives it.
    pub family: &'a str,
    /// Whether the face is bold.
    pub bold: bool,
}

/// `subset` written as a TrueType font named `naming`.
pub(super) fn truetype(subset: &Subset, naming: &Naming<'_>) -> Vec<u8> {
    let outlines = outlines(subset);
    let mut glyf = Vec::new();
    let mut loca = Vec::new();
    let mut hmtx = Vec::new();
    let mut bbox = [i16::MAX, i16::MAX, i16::MIN, i16::MIN];
    let (mut most_points, mut most_contours) = (0usize, 0usize);
    for (g, contours) in outlines.iter().enumerate() {
        put32(&mut loca, glyf.len() as u32);
        let (bytes, b, points) = glyph(contours);
        if !bytes.is_empty() {
            bbox = [
                bbox[0].min(b[0]),
                bbox[1].min(b[1]),
                bbox[2].max(b[2]),
                bbox[3].max(b[3]),
            ];
            most_points = most_points.max(points);
            most_contours = most_contours.max(contours.len());
        }
        glyf.extend(bytes);
        let advance = subset.widths.get(g).copied().unwrap_or(0).clamp(0, 65535) as u16;
        put16(&mut hmtx, advance);
        put16(&mut hmtx, b[0] as u16);
    }
    put32(&mut loca, glyf.len() as u32);
    if bbox[0] > bbox[2] {
        bbox = [0; 4];
    }
    let glyphs = outlines.len() as u16;
    let widest = subset.widths[..subset.plain_glyphs()]
        .iter()
        .copied()
        .max()
        .unwrap_or(0)
        .clamp(0, 65535) as u16;
    let d = &subset.descriptor;
    let (ascent, descent) = (unit(d.ascent), unit(d.descent));
    let tables: Vec<(&[u8; 4], Vec<u8>)> = vec![
        (b"OS/2", os2(subset, naming, ascent, descent)),
        (b"cmap", super::cmap::cmap(&subset.glyphs)),
        (b"glyf", glyf),
        (b"head", head(bbox, naming.bold)),
        (b"hhea", hhea(ascent, descent, widest, bbox, glyphs)),
        (b"hmtx", hmtx),
        (b"loca", loca),
        (b"maxp", maxp(glyphs, most_points, most_contours)),
        (b"name", name(naming)),
        (b"post", post()),
    ];
    crate::render::typeset::fonts::sfnt::pack(&tables)
}

fn head(bbox: [i16; 4], bold: bool) -> Vec<u8> {
    let mut t = Vec::new();
    put32(&mut t, 0x0001_0000);
    put32(&mut t, 0x0001_0000); // font revision
    put32(&mut t, 0); // checksum adjustment, set last
    put32(&mut t, 0x5F0F_3CF5);
    put16(&mut t, 0x000B); // baseline at 0, lsb at xMin, integer scaling
    put16(&mut t, UPEM as u16);
    t.extend([0u8; 16]); // created, modified: none, so the bytes stay the same
    for v in bbox {
        put16(&mut t, v as u16);
    }
    put16(&mut t, u16::from(bold));
    put16(&mut t, 8); // lowest readable size
    put16(&mut t, 2); // direction hint
    put16(&mut t, 1); // long loca offsets
    put16(&mut t, 0);
    t
}

fn hhea(ascent: i16, descent: i16, widest: u16, bbox: [i16; 4], glyphs: u16) -> Vec<u8> {
    let mut t = Vec::new();
    put32(&mut t, 0x0001_0000);
    for v in [ascent, descent, 0] {
        put16(&mut t, v as u16);
    }
    put16(&mut t, widest);
    for v in [bbox[0], 0, bbox[2], 1, 0, 0, 0, 0, 0, 0, 0] {
        put16(&mut t, v as u16);
    }
    put16(&mut t, glyphs);
    t
}

fn maxp(glyphs: u16, points: usize, contours: usize) -> Vec<u8> {
    let mut t = Vec::new();
    put32(&mut t, 0x0001_0000);
    put16(&mut t, glyphs);
    put16(&mut t, points.min(65535) as u16);
    put16(&mut t, contours.min(65535) as u16);
    // Composite points and contours, zones, twilight points, storage,
    // function and instruction definitions, stack, instruction size,
    // component elements and depth.
    for v in [0u16, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0] {
        put16(&mut t, v);
    }
    t
}

fn os2(subset: &Subset, naming: &Naming<'_>, ascent: i16, descent: i16) -> Vec<u8> {
    let mut t = Vec::new();
    let own = &subset.widths[..subset.plain_glyphs()];
    let set: Vec<i64> = own.iter().copied().filter(|&w| w > 0).collect();
    let average = set.iter().sum::<i64>() / (set.len().max(1) as i64);
    put16(&mut t, 4);
    put16(&mut t, average.clamp(0, 32767) as u16);
    put16(&mut t, if naming.bold { 700 } else { 400 });
    put16(&mut t, 5); // normal width
    put16(&mut t, 0); // installable embedding (the faces are OFL)
    // Sub- and superscript sizes and offsets, strikeout size and place.
    for v in [650i16, 600, 0, 75, 650, 600, 0, 350, 50, 300] {
        put16(&mut t, v as u16);
    }
    put16(&mut t, 0); // family class
    t.extend([0u8; 10]); // PANOSE
    for v in [0u32, 0x0800_0000, 0, 0] {
        put32(&mut t, v); // Unicode ranges: CJK Unified Ideographs
    }
    t.extend_from_slice(b"NBAO");
    put16(&mut t, if naming.bold { 0x20 } else { 0x40 });
    let first = subset.glyphs.keys().next().map_or(0x20, |&c| c as u32);
    let last = subset.glyphs.keys().next_back().map_or(0x20, |&c| c as u32);
    put16(&mut t, first.min(0xFFFF) as u16);
    put16(&mut t, last.min(0xFFFF) as u16);
    for v in [ascent, descent, 0, ascent, descent.saturating_neg()] {
        put16(&mut t, v as u16);
    }
    put32(&mut t, 1 << 18); // code pages: simplified Chinese
    put32(&mut t, 0);
    let cap = unit(subset.descriptor.cap_height);
    for v in [cap / 2 + cap / 4, cap] {
        put16(&mut t, v as u16);
    }
    for v in [0u16, 32, 1] {
        put16(&mut t, v);
    }
    t
}

fn name(naming: &Naming<'_>) -> Vec<u8> {
    let style = if naming.bold { "Bold" } else { "Regular" };
    let family = naming.family;
    let full = format!("{family} {style}");
    let postscript: String = format!("{family}-{style}")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let records: [(u16, String); 5] = [
        (1, family.to_string()),
        (2, style.to_string()),
        (3, postscript.clone()),
        (4, full),
        (6, postscript),
    ];
    let mut strings = Vec::new();
    let mut t = Vec::new();
    put16(&mut t, 0);
    put16(&mut t, records.len() as u16);
    put16(&mut t, (6 + 12 * records.len()) as u16);
    for (id, text) in &records {
        let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for v in [
            3u16,
            1,
            0x0409,
            *id,
            bytes.len() as u16,
            strings.len() as u16,
        ] {
            put16(&mut t, v);
        }
        strings.extend(bytes);
    }
    t.extend(strings);
    t
}

fn post() -> Vec<u8> {
    let mut t = Vec::new();
    put32(&mut t, 0x0003_0000);
    put32(&mut t, 0); // italic angle
    put16(&mut t, (-75i16) as u16);
    put16(&mut t, 50);
    t.extend([0u8; 20]); // not fixed pitch, no memory hints
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::typeset::fonts::{FontChoice, Fonts, Role};
    use std::collections::BTreeSet;

    #[test]
    fn a_quadratic_piece_stays_near_its_cubic() {
        let c = [(0.0, 0.0), (0.0, 500.0), (500.0, 1000.0), (1000.0, 1000.0)];
        let pieces = quadratics(c);
        assert!(pieces.len() > 1);
        assert_eq!(pieces.last().unwrap().1, (1000.0, 1000.0));
        // A straight cubic is one piece.
        let straight = [(0.0, 0.0), (100.0, 0.0), (200.0, 0.0), (300.0, 0.0)];
        assert_eq!(quadratics(straight).len(), 1);
    }

    #[test]
    fn every_bundled_face_becomes_a_truetype_font_with_the_same_glyphs() {
        let fonts = Fonts::load(&FontChoice::default()).unwrap();
        let chars: BTreeSet<char> = "政府信息公开工作年度报告2025（一）、。A号"
            .chars()
            .collect();
        for role in [Role::Body, Role::Title, Role::Hei, Role::Kai, Role::Folio] {
            let face = fonts.role_face(role);
            let subset = fonts.subset(face, &chars).unwrap();
            let naming = Naming {
                family: "Test",
                bold: role == Role::Title,
            };
            let ttf = truetype(&subset, &naming);
            let parsed = ttf_parser::Face::parse(&ttf, 0).expect("a TrueType font");
            assert!(parsed.tables().glyf.is_some(), "{role:?}");
            // The PDF's half-width copies of marks are left out.
            assert_eq!(
                usize::from(parsed.number_of_glyphs()),
                subset.plain_glyphs()
            );
            assert_eq!(parsed.units_per_em(), 1000);
            for (&ch, &g) in &subset.glyphs {
                assert_eq!(
                    parsed.glyph_index(ch).map(|g| g.0),
                    Some(g),
                    "{role:?} {ch}"
                );
                let gid = ttf_parser::GlyphId(g);
                assert_eq!(
                    i64::from(parsed.glyph_hor_advance(gid).unwrap()),
                    subset.widths[usize::from(g)]
                );
                if !ch.is_whitespace() {
                    assert!(parsed.glyph_bounding_box(gid).is_some(), "{role:?} {ch}");
                }
            }
            // Deterministic.
            assert_eq!(ttf, truetype(&subset, &naming));
        }
    }
}
