//! What the content interpreter finds on a page: the glyphs shown, with
//! their positions, and the axis-parallel ruling segments drawn; and how a
//! run of glyphs reads as text.

/// One shown glyph, in page space (points, y up).
#[derive(Debug, Clone)]
pub(super) struct Glyph {
    /// Left edge.
    pub(super) x0: f64,
    /// Right edge.
    pub(super) x1: f64,
    /// Baseline.
    pub(super) y: f64,
    /// Font size in page space.
    pub(super) size: f64,
    /// Top of the font's box (its descriptor's ascent above the baseline).
    pub(super) top: f64,
    /// Bottom of the font's box (its descriptor's descent below the baseline).
    pub(super) bottom: f64,
    /// How far the glyph moves the pen along the baseline: its width with
    /// the character (`Tc`) and word (`Tw`) spacing, in page space.
    pub(super) advance: f64,
    /// The character spacing (`Tc`) in that advance, in page space.
    pub(super) char_space: f64,
    /// The `TJ` displacement that follows the glyph, in page space along the
    /// baseline (negative: the next glyph is pulled back).
    pub(super) adjust: f64,
    /// The text it stands for.
    pub(super) text: String,
    /// Line number on the page (1-based), set by the layout.
    pub(super) line: usize,
}

impl Glyph {
    /// The middle of the glyph's width.
    pub(super) fn cx(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }

    /// The middle of the glyph's height, for placing it in a ruled cell.
    pub(super) fn cy(&self) -> f64 {
        self.y + self.size * 0.35
    }
}

/// An axis-parallel ruling line.
#[derive(Debug, Clone, Copy)]
pub(super) struct Segment {
    /// Vertical (`x0 == x1`) or horizontal.
    pub(super) vertical: bool,
    /// Position across the line (x of a vertical, y of a horizontal).
    pub(super) at: f64,
    /// Start of the extent along the line.
    pub(super) lo: f64,
    /// End of the extent along the line.
    pub(super) hi: f64,
}

/// Everything drawn on one page that the importer uses.
#[derive(Default)]
pub(super) struct Page {
    /// The glyphs, in drawing order (the layout sorts them).
    pub(super) glyphs: Vec<Glyph>,
    /// The ruling segments.
    pub(super) segments: Vec<Segment>,
}

/// Joins glyphs (in reading order) into text: a space where the gap is wide,
/// nothing between lines of Chinese text.
pub(super) fn join(glyphs: &[&Glyph]) -> String {
    let mut out = String::new();
    let mut prev: Option<&Glyph> = None;
    for g in glyphs {
        if let Some(p) = prev {
            let ascii = |s: &str| s.chars().all(|c| c.is_ascii_alphanumeric());
            if p.line == g.line {
                if g.x0 - p.x1 > g.size.max(p.size) * 0.3 {
                    out.push(' ');
                }
            } else if ascii(&p.text) && ascii(&g.text) {
                out.push(' ');
            }
        }
        out.push_str(&g.text);
        prev = Some(g);
    }
    out
}
