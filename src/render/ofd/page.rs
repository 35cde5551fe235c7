//! A laid-out page as its OFD `Content.xml`: one body layer holding the
//! display list in order; a text run is a `TextObject` (its characters in
//! `TextCode` with the gaps between them in `DeltaX`, and a `CGTransform`
//! with the glyph ids of the embedded subset), a rule a stroked
//! `PathObject`, a filled shape (the draft watermark) a filled one. The
//! headings' places are noted for the outlines on the way.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::package::{Ids, Outline};
use super::{Font, mm, number};
use crate::render::typeset::tags::{Kind, Mark};
use crate::render::typeset::{Draw, Piece, Rule};
use crate::zip_xml::xml::escape;

/// How many objects [`content`] writes for `items` (each takes an id).
pub(super) fn objects(items: &[Draw], fonts: &BTreeMap<usize, Font>) -> u32 {
    let n = items
        .iter()
        .filter(|d| match d {
            Draw::Text { face, .. } => fonts.contains_key(face),
            Draw::Line(_) | Draw::Shape { .. } => true,
            Draw::Mark(_) => false,
        })
        .count();
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Writes `items` of the page with id `page_id` as its content part; the
/// layer and the objects take the ids after it ([`objects`] of them),
/// headings go to `outline`.
pub(super) fn content(
    items: &[Draw],
    fonts: &BTreeMap<usize, Font>,
    page_id: u32,
    outline: &mut Outline,
) -> String {
    let mut ids = Ids::starting_after(page_id);
    let mut out = String::with_capacity(256 + 400 * items.len());
    out.push_str(crate::zip_xml::xml::DECL);
    out.push_str(concat!(
        "<ofd:Page xmlns:ofd=\"http://www.ofdspec.org/2016\">",
        "<ofd:Content>"
    ));
    let _ = writeln!(out, "<ofd:Layer ID=\"{}\" Type=\"Body\">", ids.next());
    let mut mark = Mark::Artifact;
    for item in items {
        match item {
            Draw::Mark(m) => {
                mark = *m;
                if let Mark::Block {
                    item,
                    kind: Kind::Heading | Kind::Title | Kind::Subheading(3),
                } = m
                {
                    outline.open(*item);
                }
            }
            Draw::Text {
                x,
                y,
                face,
                size,
                spacing,
                pieces,
            } => {
                let Some(font) = fonts.get(face) else {
                    continue;
                };
                if let Mark::Block { item, .. } = mark {
                    outline.add_text(item, page_id, *y - *size, pieces);
                }
                let run = Run {
                    x: *x,
                    y: *y,
                    size: *size,
                    spacing: *spacing,
                    pieces,
                };
                text(&mut out, ids.next(), font, &run);
            }
            Draw::Line(rule) => line(&mut out, ids.next(), rule),
            Draw::Shape { rings, grey } => shape(&mut out, ids.next(), rings, *grey),
        }
    }
    out.push_str("</ofd:Layer></ofd:Content></ofd:Page>\n");
    out
}

/// A text run as the layout set it.
struct Run<'a> {
    x: f32,
    y: f32,
    size: f32,
    spacing: f32,
    pieces: &'a [Piece],
}

/// The characters of `pieces`, each with the gap to the next one's start
/// (its advance in `font`, the spacing, less the kerns after it), in points.
fn placed(run: &Run<'_>, font: &Font) -> Vec<(char, u16, f32)> {
    let mut out: Vec<(char, u16, f32)> = Vec::new();
    // A kern after the last character moves nothing.
    let end = run
        .pieces
        .iter()
        .rposition(|p| matches!(p, Piece::Text(_)))
        .map_or(0, |i| i + 1);
    for p in &run.pieces[..end] {
        match p {
            Piece::Text(t) => {
                for ch in t.chars() {
                    let g = font.subset.glyphs.get(&ch).copied().unwrap_or(0);
                    let w = font.subset.widths.get(usize::from(g)).copied().unwrap_or(0);
                    let advance = w as f32 * run.size / 1000.0 + run.spacing;
                    out.push((ch, g, advance));
                }
            }
            Piece::Kern(k) => {
                if let Some(last) = out.last_mut() {
                    last.2 -= k;
                }
            }
        }
    }
    out
}

/// Writes a text object.
fn text(out: &mut String, id: u32, font: &Font, run: &Run<'_>) {
    let chars = placed(run, font);
    if chars.is_empty() {
        return;
    }
    let d = &font.subset.descriptor;
    let ascent = (d.ascent.max(800.0)) * run.size / 1000.0;
    let descent = (-d.descent).max(200.0) * run.size / 1000.0;
    let width: f32 = chars.iter().map(|c| c.2).sum::<f32>() + run.size;
    let _ = write!(
        out,
        "<ofd:TextObject ID=\"{id}\" Boundary=\"{} {} {} {}\" Font=\"{}\" Size=\"{}\">",
        mm(run.x),
        mm(run.y - ascent),
        mm(width.max(run.size)),
        mm(ascent + descent),
        font.id,
        mm(run.size),
    );
    out.push_str("<ofd:FillColor Value=\"0 0 0\"/>");
    let n = chars.len();
    let _ = write!(
        out,
        "<ofd:CGTransform CodePosition=\"0\" CodeCount=\"{n}\" GlyphCount=\"{n}\"><ofd:Glyphs>"
    );
    for (i, c) in chars.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let _ = write!(out, "{}", c.1);
    }
    out.push_str("</ofd:Glyphs></ofd:CGTransform>");
    let _ = write!(out, "<ofd:TextCode X=\"0\" Y=\"{}\"", mm(ascent));
    if n > 1 {
        let gaps: Vec<String> = chars[..n - 1].iter().map(|c| mm(c.2)).collect();
        let _ = write!(out, " DeltaX=\"{}\"", repeated(&gaps));
    }
    let s: String = chars.iter().map(|c| c.0).collect();
    let _ = writeln!(out, ">{}</ofd:TextCode></ofd:TextObject>", escape(&s));
}

/// A list of numbers with runs of one value written `g N v` (GB/T
/// 33190-2016 Table 8).
fn repeated(values: &[String]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < values.len() {
        let mut j = i + 1;
        while j < values.len() && values[j] == values[i] {
            j += 1;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        if j - i > 1 {
            let _ = write!(out, "g {} {}", j - i, values[i]);
        } else {
            out.push_str(&values[i]);
        }
        i = j;
    }
    out
}

/// Writes a stroked straight line `[x1, y1, x2, y2]`, `width` thick.
fn line(out: &mut String, id: u32, rule: &Rule) {
    let &Rule { x1, y1, width, .. } = rule;
    let (x2, y2) = (rule.x2, rule.y2);
    let (left, top) = (x1.min(x2) - width, y1.min(y2) - width);
    let (w, h) = ((x1 - x2).abs() + 2.0 * width, (y1 - y2).abs() + 2.0 * width);
    let _ = writeln!(
        out,
        "<ofd:PathObject ID=\"{id}\" Boundary=\"{} {} {} {}\" LineWidth=\"{}\">\
         <ofd:StrokeColor Value=\"0 0 0\"/>\
         <ofd:AbbreviatedData>M {} {} L {} {}</ofd:AbbreviatedData></ofd:PathObject>",
        mm(left),
        mm(top),
        mm(w),
        mm(h),
        mm(width),
        mm(x1 - left),
        mm(y1 - top),
        mm(x2 - left),
        mm(y2 - top),
    );
}

/// Writes closed contours of `(x, y, control)` points filled in `grey`
/// (0 black, 1 white), non-zero winding; two control points and an end
/// point make a cubic Bézier segment.
fn shape(out: &mut String, id: u32, rings: &[Vec<(f32, f32, bool)>], grey: f32) {
    let points = rings.iter().flatten();
    let (mut left, mut top, mut right, mut bottom) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    for &(x, y, _) in points {
        (left, top, right, bottom) = (left.min(x), top.min(y), right.max(x), bottom.max(y));
    }
    if left > right {
        return;
    }
    let at = |x: f32, y: f32| format!("{} {}", mm(x - left), mm(y - top));
    let mut data = Vec::new();
    for ring in rings {
        let mut controls: Vec<(f32, f32)> = Vec::new();
        for (i, &(x, y, control)) in ring.iter().enumerate() {
            if i == 0 {
                data.push(format!("M {}", at(x, y)));
            } else if control {
                controls.push((x, y));
            } else if let [a, b] = controls[..] {
                data.push(format!("B {} {} {}", at(a.0, a.1), at(b.0, b.1), at(x, y)));
                controls.clear();
            } else {
                data.push(format!("L {}", at(x, y)));
                controls.clear();
            }
        }
        if !ring.is_empty() {
            data.push("C".into());
        }
    }
    let level = number(f64::from((grey.clamp(0.0, 1.0) * 255.0).round()));
    let _ = writeln!(
        out,
        "<ofd:PathObject ID=\"{id}\" Boundary=\"{} {} {} {}\" Stroke=\"false\" Fill=\"true\">\
         <ofd:FillColor Value=\"{level} {level} {level}\"/>\
         <ofd:AbbreviatedData>{}</ofd:AbbreviatedData></ofd:PathObject>",
        mm(left),
        mm(top),
        mm(right - left),
        mm(bottom - top),
        data.join(" "),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_gaps_are_written_once_with_their_count() {
        let v: Vec<String> = ["3.3845", "3.3845", "5.6444", "1", "1", "1"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(repeated(&v), "g 2 3.3845 5.6444 g 3 1");
        assert_eq!(repeated(&[]), "");
    }
}
