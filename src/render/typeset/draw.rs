//! The page display list: what the layout produced, for a fixed-layout
//! writer (the PDF's canvas) to write as it is. Coordinates are points
//! from the page's top-left corner, y growing downwards.

use super::linebreak::{self, SetLine, Styled};
use super::tags::Mark;

/// One laid-out page: its drawing operations in order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    /// What is drawn, in order; a [`Draw::Mark`] says what the text runs
    /// after it are.
    pub items: Vec<Draw>,
}

/// A piece of a text run: characters, or a kern in points (positive moves
/// the following glyphs to the left; one that ends a run moves nothing, and
/// says only that the mark before it is compressed).
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    /// Characters.
    Text(String),
    /// Space taken away, in points.
    Kern(f32),
}

/// One drawing operation on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Draw {
    /// A text run: baseline start, face, size, spacing after each glyph.
    Text {
        /// Left end of the baseline.
        x: f32,
        /// Baseline, from the page top.
        y: f32,
        /// Face index (into `Fonts::faces`).
        face: usize,
        /// Size in points.
        size: f32,
        /// Space added after every glyph, in points (PDF `Tc`).
        spacing: f32,
        /// Characters and kerns.
        pieces: Vec<Piece>,
    },
    /// A rule.
    Line(Rule),
    /// What the text runs after it on the page are (tagged PDF).
    Mark(Mark),
    /// A filled shape (the draft watermark, drawn as outlines so that it
    /// stays out of the text layer).
    Shape {
        /// Closed contours, `(x, y, control point)`, page coordinates.
        rings: Vec<Vec<(f32, f32, bool)>>,
        /// Grey level, 0 black to 1 white.
        grey: f32,
    },
}

/// A straight rule from (x1, y1) to (x2, y2), page coordinates in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    /// Start x.
    pub x1: f32,
    /// Start y.
    pub y1: f32,
    /// End x.
    pub x2: f32,
    /// End y.
    pub y2: f32,
    /// Thickness.
    pub width: f32,
}

impl Rule {
    /// A rule from (x1, y1) to (x2, y2), `width` thick.
    pub fn new(x1: f32, y1: f32, x2: f32, y2: f32, width: f32) -> Rule {
        Rule {
            x1,
            y1,
            x2,
            y2,
            width,
        }
    }
}

/// A rule from (x1, y1) to (x2, y2).
pub(crate) fn set_line(x1: f32, y1: f32, x2: f32, y2: f32, width: f32) -> Draw {
    Draw::Line(Rule::new(x1, y1, x2, y2, width))
}

/// Sets line `l` of `s` with its left end at `x` (the line's own indent is
/// added) and its baseline at `y`: one run per face.
pub(crate) fn set_text(out: &mut Vec<Draw>, s: &Styled, l: &SetLine, x: f32, y: f32) {
    set_text_split(out, s, l, (x, y), None);
}

/// [`set_text`], with `split`'s mark put before glyph `split.0`, which
/// then starts a run of its own.
pub(crate) fn set_text_split(
    out: &mut Vec<Draw>,
    s: &Styled,
    l: &SetLine,
    (x, y): (f32, f32),
    split: Option<(usize, Mark)>,
) {
    let spacing = s.track + l.extra;
    let mut x = x + l.indent;
    let mut i = l.start;
    let at = split.map_or(usize::MAX, |(at, _)| at);
    while i < l.end {
        let face = s.glyphs[i].face;
        if i == at
            && let Some((_, mark)) = split
        {
            out.push(Draw::Mark(mark));
        }
        // A compressed opening mark at the start of a run moves the run.
        x -= linebreak::squeezed(s, l, i).0;
        let run_x = x;
        let mut pieces: Vec<Piece> = Vec::new();
        let mut first = true;
        while i < l.end && s.glyphs[i].face == face && (first || i != at) {
            let g = &s.glyphs[i];
            let (pre, post) = linebreak::squeezed(s, l, i);
            if pre > 0.0 && !first {
                pieces.push(Piece::Kern(pre));
                x -= pre;
            }
            match pieces.last_mut() {
                Some(Piece::Text(t)) => t.push(g.ch),
                _ => pieces.push(Piece::Text(g.ch.to_string())),
            }
            x += g.adv + spacing;
            // Compression, and no justification space inside a word.
            let mut back = post;
            if l.extra != 0.0 && !l.extra_everywhere && linebreak::rigid(s, i) {
                back += l.extra;
            }
            if back != 0.0 && i + 1 < l.end {
                x -= back;
                // At the run's end too: it moves nothing there (the next
                // run has its own start), but tells the PDF that the mark
                // ending the run is compressed (drawn from a narrow copy).
                pieces.push(Piece::Kern(back));
            }
            first = false;
            i += 1;
        }
        out.push(Draw::Text {
            x: run_x,
            y,
            face: usize::from(face),
            size: s.size,
            spacing,
            pieces,
        });
    }
    // A line broken at a soft hyphen ends with a hyphen.
    if l.hyphen
        && let Some((face, _)) = s.hyphen
    {
        out.push(Draw::Text {
            x: x - l.extra,
            y,
            face: usize::from(face),
            size: s.size,
            spacing: 0.0,
            pieces: vec![Piece::Text("-".to_string())],
        });
    }
}
