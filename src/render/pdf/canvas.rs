//! The page canvas: a laid-out page's text, lines and filled shapes drawn
//! into one content stream per page, and the document written by
//! [`writer`](super::writer) at the end. Coordinates are points from the
//! page's top-left corner, y growing downwards.

use std::sync::Arc;

use super::narrowed::{Side, narrowed};
use super::writer;
pub use super::writer::Meta;
use crate::render::typeset::fonts::Subset;
use crate::render::typeset::tags::Mark;
use crate::render::typeset::{Draw, PAGE_H, Piece, Rule};

/// The drawing surface.
pub struct Canvas<'a> {
    fonts: &'a [Option<Arc<Subset>>],
    pages: Vec<Vec<u8>>,
    /// The content stream of the page being drawn.
    content: Vec<u8>,
    /// The line width in force on this page, if any was set.
    line_width: Option<f32>,
    started: bool,
    /// What the next text runs are.
    current: Mark,
    /// The marked-content sequence open on this page.
    open: Option<Mark>,
    /// Marked-content ids used on this page.
    mcids: i32,
    /// Every tagged sequence: page, marked-content id, what it is.
    tagged: Vec<writer::Tagged>,
}

impl<'a> Canvas<'a> {
    /// A canvas that can set `fonts` (indexed as the faces are; `None` =
    /// unused), each a subset made by `Fonts::subset`.
    pub fn new(fonts: &'a [Option<Arc<Subset>>]) -> Canvas<'a> {
        Canvas {
            fonts,
            pages: Vec::new(),
            content: Vec::new(),
            line_width: None,
            started: false,
            current: Mark::Artifact,
            open: None,
            mcids: 0,
            tagged: Vec::new(),
        }
    }

    /// Plays a page's display list onto the canvas.
    pub fn play(&mut self, items: &[Draw]) {
        for item in items {
            match item {
                Draw::Text {
                    x,
                    y,
                    face,
                    size,
                    spacing,
                    pieces,
                } => self.text(*x, *y, *face, *size, *spacing, pieces),
                Draw::Line(rule) => self.line(rule),
                Draw::Shape { rings, grey } => self.fill(rings, *grey),
                Draw::Mark(m) => self.mark(*m),
            }
        }
    }

    /// Says what the text runs that follow on this page are.
    pub fn mark(&mut self, mark: Mark) {
        self.current = mark;
    }

    /// Puts what follows in a marked-content sequence for `mark`: tagged
    /// content (`/P <</MCID n>> BDC`) or an artifact (`/Artifact BMC`).
    /// Consecutive runs with the same mark share one sequence.
    fn enter(&mut self, mark: Mark) {
        if self.open == Some(mark) {
            return;
        }
        self.close();
        let c = &mut self.content;
        match writer::structure_type(&mark) {
            Some(kind) => {
                c.push(b'/');
                c.extend_from_slice(kind);
                // Writing into a `Vec` cannot fail.
                let _ = std::io::Write::write_fmt(c, format_args!("<</MCID {}>>BDC\n", self.mcids));
                self.tagged.push(writer::Tagged {
                    page: self.pages.len(),
                    mcid: self.mcids,
                    mark,
                });
                self.mcids += 1;
            }
            None => c.extend_from_slice(b"/Artifact BMC\n"),
        }
        self.open = Some(mark);
    }

    /// Ends the open marked-content sequence, if any.
    fn close(&mut self) {
        if self.open.take().is_some() {
            self.content.extend_from_slice(b"EMC\n");
        }
    }

    /// Starts a new page (the first call starts the first page).
    pub fn new_page(&mut self) {
        if self.started {
            self.close();
            self.pages.push(std::mem::take(&mut self.content));
            self.line_width = None;
            self.mcids = 0;
            self.current = Mark::Artifact;
        }
        self.started = true;
    }

    /// Sets a run of text with its baseline starting at (`x`, `y`).
    /// `spacing` is added after every glyph (PDF `Tc`). A run in a face
    /// the canvas was not given draws nothing.
    pub fn text(&mut self, x: f32, y: f32, font: usize, size: f32, spacing: f32, pieces: &[Piece]) {
        let Some(Some(subset)) = self.fonts.get(font) else {
            return;
        };
        self.enter(self.current);
        let c = &mut self.content;
        c.extend_from_slice(b"BT\n/");
        c.extend_from_slice(writer::resource_name(font).as_bytes());
        c.push(b' ');
        ops(c, &[size], "Tf");
        ops(c, &[spacing], "Tc");
        ops(c, &[x, PAGE_H - y], "Td");
        if let [Piece::Text(t)] = pieces {
            codes(c, subset, t);
            c.extend_from_slice(b" Tj\n");
        } else {
            let narrowed = narrowed(subset, pieces, size);
            c.push(b'[');
            for (i, p) in pieces.iter().enumerate() {
                match p {
                    Piece::Text(t) => {
                        let first = i.checked_sub(1).and_then(|j| narrowed[j]);
                        let first = first.filter(|n| matches!(n.side, Side::Next));
                        let last = narrowed.get(i + 1).copied().flatten();
                        let last = last.filter(|n| matches!(n.side, Side::Previous));
                        codes_with(
                            c,
                            subset,
                            t,
                            (first.map(|n| n.glyph), last.map(|n| n.glyph)),
                        );
                    }
                    Piece::Kern(k) => {
                        if i > 0 && matches!(pieces[i - 1], Piece::Kern(_)) {
                            c.push(b' ');
                        }
                        let gives = narrowed[i].map_or(0.0, |n| n.gives);
                        number(c, k * 1000.0 / size - gives);
                    }
                }
            }
            c.extend_from_slice(b"] TJ\n");
        }
        c.extend_from_slice(b"ET\n");
    }

    /// Fills a shape made of closed contours in `grey` (0 black, 1 white),
    /// non-zero winding. Points are `(x, y, control)`; two control points
    /// and an end point make a cubic Bézier segment.
    pub fn fill(&mut self, rings: &[Vec<(f32, f32, bool)>], grey: f32) {
        self.enter(Mark::Artifact);
        let c = &mut self.content;
        c.extend_from_slice(b"q\n");
        ops(c, &[grey], "g");
        for ring in rings {
            let mut controls: Vec<f32> = Vec::with_capacity(4);
            for (i, &(x, y, control)) in ring.iter().enumerate() {
                let y = PAGE_H - y;
                if i == 0 {
                    ops(c, &[x, y], "m");
                } else if control {
                    controls.extend([x, y]);
                } else if let [x1, y1, x2, y2] = controls[..] {
                    ops(c, &[x1, y1, x2, y2, x, y], "c");
                    controls.clear();
                } else {
                    ops(c, &[x, y], "l");
                    controls.clear();
                }
            }
            if !ring.is_empty() {
                c.extend_from_slice(b"h\n");
            }
        }
        c.extend_from_slice(b"f\nQ\n");
    }

    /// Draws a straight line `width` points thick.
    pub fn line(&mut self, rule: &Rule) {
        self.enter(Mark::Artifact);
        let c = &mut self.content;
        if self.line_width != Some(rule.width) {
            ops(c, &[rule.width], "w");
            self.line_width = Some(rule.width);
        }
        ops(c, &[rule.x1, PAGE_H - rule.y1], "m");
        ops(c, &[rule.x2, PAGE_H - rule.y2], "l");
        c.extend_from_slice(b"S\n");
    }

    /// Ends the last page and writes the PDF.
    pub fn finish(mut self, meta: &Meta) -> Vec<u8> {
        self.close();
        if self.started || self.pages.is_empty() {
            self.pages.push(self.content);
        }
        writer::write(&self.pages, self.fonts, &self.tagged, meta)
    }
}

/// Appends the operation `operands operator` and a line break.
fn ops(out: &mut Vec<u8>, operands: &[f32], operator: &str) {
    for &v in operands {
        number(out, v);
        out.push(b' ');
    }
    out.extend_from_slice(operator.as_bytes());
    out.push(b'\n');
}

/// Appends `v` as a PDF number rounded to 1/1000 (of a point, or of a
/// thousandth of an em in `TJ`): the shortest decimal of that, never in
/// exponent form (0 for anything not finite). A thousandth of a point is
/// 0.35 µm, and even a `Tc` repeated along a 28-character line moves its
/// end by under 0.02 pt; the digits beyond it only made the streams larger.
fn number(out: &mut Vec<u8>, v: f32) {
    let v = if v.is_finite() { f64::from(v) } else { 0.0 };
    let thousandths = (v * 1000.0).round();
    // Up to twelve digits the decimal of the thousandths is the shortest
    // form of the rounded number, written here without formatting machinery
    // (a page sets tens of thousands of numbers); beyond, the formatter.
    if thousandths.abs() >= 1.0e12 {
        use std::io::Write;
        // Writing into a Vec cannot fail.
        let _ = write!(out, "{}", thousandths / 1000.0);
        return;
    }
    let n = thousandths as i64;
    if n < 0 {
        out.push(b'-');
    }
    let n = n.unsigned_abs();
    let (whole, frac) = (n / 1000, n % 1000);
    digits(out, whole);
    if frac != 0 {
        out.push(b'.');
        let three = [frac / 100, frac / 10 % 10, frac % 10];
        let keep = if frac % 10 != 0 {
            3
        } else if frac % 100 != 0 {
            2
        } else {
            1
        };
        out.extend(three[..keep].iter().map(|&d| b'0' + d as u8));
    }
}

/// Appends `n` in decimal.
fn digits(out: &mut Vec<u8>, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[at..]);
}

/// Appends the Identity-H codes of `text` in `subset` as a hex string: each
/// character's glyph id in two bytes; a character the face lacks is
/// .notdef (0).
fn codes(out: &mut Vec<u8>, subset: &Subset, text: &str) {
    codes_with(out, subset, text, (None, None));
}

/// [`codes`], with the first or last character drawn from another glyph
/// (`instead`: the first's, the last's).
fn codes_with(out: &mut Vec<u8>, subset: &Subset, text: &str, instead: (Option<u16>, Option<u16>)) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push(b'<');
    let mut chars = text.chars().peekable();
    let mut first = true;
    while let Some(ch) = chars.next() {
        let own = || subset.glyphs.get(&ch).copied().unwrap_or(0);
        let g = match (first, chars.peek().is_none(), instead) {
            (true, _, (Some(g), _)) | (_, true, (_, Some(g))) => g,
            _ => own(),
        };
        first = false;
        out.extend([12, 8, 4, 0].map(|s| HEX[usize::from((g >> s) & 0xf)]));
    }
    out.push(b'>');
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn subset() -> Subset {
        Subset::toy(
            true,
            BTreeMap::from([('年', 1), ('报', 2)]),
            vec![1000, 1000, 1000],
        )
    }

    #[test]
    fn marked_text_is_tagged_and_a_mark_held_across_runs_is_one_sequence() {
        let fonts = [Some(Arc::new(subset()))];
        let mut canvas = Canvas::new(&fonts);
        canvas.new_page();
        let para = Mark::Block {
            item: 3,
            kind: crate::render::typeset::tags::Kind::Paragraph,
        };
        canvas.mark(para);
        canvas.text(10.0, 20.0, 0, 16.0, 0.0, &[Piece::Text("年".into())]);
        canvas.text(10.0, 40.0, 0, 16.0, 0.0, &[Piece::Text("报".into())]);
        canvas.line(&Rule::new(0.0, 50.0, 10.0, 50.0, 1.0));
        canvas.text(10.0, 60.0, 0, 16.0, 0.0, &[Piece::Text("年".into())]);
        canvas.new_page();
        canvas.text(10.0, 20.0, 0, 16.0, 0.0, &[Piece::Text("年".into())]);
        let page = String::from_utf8(canvas.pages[0].clone()).unwrap();
        assert_eq!(page.matches("/P<</MCID 0>>BDC").count(), 1, "{page}");
        assert_eq!(page.matches("/P<</MCID 1>>BDC").count(), 1, "{page}");
        assert_eq!(page.matches("BDC").count() + page.matches("BMC").count(), 3);
        assert_eq!(page.matches("EMC").count(), 3);
        let seen: Vec<(usize, i32)> = canvas.tagged.iter().map(|t| (t.page, t.mcid)).collect();
        assert_eq!(seen, [(0, 0), (0, 1)]);
        // A new page starts untagged until marked again.
        assert!(canvas.content.starts_with(b"/Artifact BMC"));
    }

    #[test]
    fn a_mark_pulled_in_far_enough_is_drawn_from_a_narrow_copy() {
        let mut s = subset();
        s.glyphs.extend([('》', 3), ('（', 4), ('，', 5)]);
        s.widths.extend([1000, 1000, 1000, 500, 700, 500, 700]);
        s.narrow.extend([('》', [6, 7]), ('（', [8, 9])]);
        let fonts = [Some(Arc::new(s))];
        let text = |t: &str| Piece::Text(t.into());
        let draw = |pieces: &[Piece]| {
            let mut canvas = Canvas::new(&fonts);
            canvas.new_page();
            canvas.text(0.0, 0.0, 0, 16.0, 0.0, pieces);
            let page = String::from_utf8(canvas.content).unwrap();
            let (_, array) = page.split_once('[').unwrap();
            let (array, _) = array.split_once("] TJ").unwrap();
            format!("[{array}]")
        };
        // 》（ meeting: the closing mark takes the kern (0.48 em) with its
        // copy of half an em.
        let pieces = [text("年》"), Piece::Kern(7.68), text("（报")];
        assert_eq!(draw(&pieces), "[<00010006>-20<00040002>]");
        // An opening mark after a character takes it.
        let pieces = [text("年"), Piece::Kern(8.0), text("（报")];
        assert_eq!(draw(&pieces), "[<0001>0<00080002>]");
        // A mark compressed a third of the way: the copy of seven tenths.
        let pieces = [text("年》"), Piece::Kern(4.8), text("报")];
        assert_eq!(draw(&pieces), "[<00010007>0<0002>]");
        // A small kern, or a mark with no copy (，), keeps the full glyph.
        let pieces = [text("年》"), Piece::Kern(2.4), text("报")];
        assert_eq!(draw(&pieces), "[<00010003>150<0002>]");
        let pieces = [text("年，"), Piece::Kern(8.0), text("报")];
        assert_eq!(draw(&pieces), "[<00010005>500<0002>]");
    }

    #[test]
    fn characters_become_glyph_ids_and_missing_ones_notdef() {
        let mut out = Vec::new();
        codes(&mut out, &subset(), "年报?");
        assert_eq!(out, b"<000100020000>");
    }

    #[test]
    fn numbers_are_short_and_never_in_exponent_form() {
        let mut out = Vec::new();
        for v in [16.0, 0.5, -0.52697575, 1e-7, f32::NAN, 595.2756] {
            number(&mut out, v);
            out.push(b' ');
        }
        assert_eq!(out, b"16 0.5 -0.527 0 0 595.276 ");
        out.clear();
        for v in [-0.0001, 821.8898, 0.0005, 1e9, 12.3456] {
            number(&mut out, v);
            out.push(b' ');
        }
        assert_eq!(out, b"0 821.89 0.001 1000000000 12.346 ");
        // The same text as the formatter gives the rounded number, over a
        // spread of values (the shortest decimal, no "-0").
        let formatted = |v: f32| {
            let v = if v.is_finite() { f64::from(v) } else { 0.0 };
            let r = (v * 1000.0).round() / 1000.0;
            format!("{}", if r == 0.0 { 0.0 } else { r })
        };
        let mut x: u32 = 12345;
        for i in 0..200_000u32 {
            x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            let v = match i % 4 {
                0 => (x as f32 / u32::MAX as f32 - 0.5) * 2000.0,
                1 => (x % 2_000_001) as f32 / 1000.0 - 1000.0,
                2 => f32::from_bits(x),
                _ => (x % 10_000) as f32 * 0.0005 - 2.5,
            };
            out.clear();
            number(&mut out, v);
            assert_eq!(
                String::from_utf8(out.clone()).unwrap(),
                formatted(v),
                "{v:e}"
            );
        }
    }

    #[test]
    fn a_page_holds_text_lines_and_shapes_in_pdf_operators() {
        let fonts = [None, Some(Arc::new(subset()))];
        let mut canvas = Canvas::new(&fonts);
        canvas.new_page();
        canvas.text(10.0, 20.0, 1, 16.0, 0.5, &[Piece::Text("年报".into())]);
        let kerned = [
            Piece::Text("年".into()),
            Piece::Kern(8.0),
            Piece::Text("报".into()),
        ];
        canvas.text(10.0, 40.0, 1, 16.0, 0.0, &kerned);
        // A face the canvas does not hold draws nothing.
        canvas.text(10.0, 60.0, 0, 16.0, 0.0, &[Piece::Text("年".into())]);
        canvas.line(&Rule::new(0.0, 100.0, 50.0, 100.0, 0.6));
        canvas.line(&Rule::new(0.0, 110.0, 50.0, 110.0, 0.6));
        let ring = vec![
            (0.0, 0.0, false),
            (1.0, 0.0, true),
            (2.0, 1.0, true),
            (2.0, 2.0, false),
            (0.0, 2.0, false),
        ];
        canvas.fill(&[ring], 0.82);
        let page = String::from_utf8(canvas.content.clone()).unwrap();
        // Untagged text, rules and shapes are artifacts.
        assert!(page.starts_with("/Artifact BMC\nBT"), "{page}");
        assert_eq!(page.matches("BT").count(), 2, "{page}");
        assert!(page.contains("BT\n/NBFAAB 16 Tf\n0.5 Tc\n10 821.89 Td\n<00010002> Tj\nET\n"));
        assert!(page.contains("[<0001>500<0002>] TJ"), "{page}");
        assert_eq!(page.matches(" w\n").count(), 1, "{page}");
        assert!(
            page.contains("q\n0.82 g\n0 841.89 m\n1 841.89 2 840.89 2 839.89 c"),
            "{page}"
        );
        assert!(page.contains("h\nf\nQ"), "{page}");
    }
}
