//! Which compressed marks the PDF draws from narrow copies of their glyphs
//! ([`Subset::narrow`]), so that text extraction reads a line with
//! compressed marks as one line and without spaces.

use crate::render::layout::kinsoku::{HALF_CLOSING, HALF_OPENING};
use crate::render::typeset::Piece;
use crate::render::typeset::fonts::Subset;

/// How far, in 1/1000 em, a glyph may begin inside the last one's advance
/// and still be read as part of the same word: poppler starts a new word
/// where a glyph begins more than 0.2 em inside the last one, and then sets
/// the two parts as separate lines; with a margin for rounding.
const MOST_OVERLAP: f32 = 195.0;
/// How far, in 1/1000 em, a glyph may begin past the last one's advance
/// and still be read as part of the same word: poppler reads a gap of more
/// than 0.1 em as a space; with a margin for rounding.
const MOST_GAP: f32 = 95.0;

/// Which mark takes a kern up by being drawn from a narrow copy.
#[derive(Clone, Copy)]
pub(super) enum Side {
    /// The closing mark before the kern.
    Previous,
    /// The opening mark after it.
    Next,
}

/// A kern taken up by a mark beside it: which mark, the glyph it is drawn
/// from, and how much of the kern (1/1000 em) that glyph's narrower advance
/// gives.
#[derive(Clone, Copy)]
pub(super) struct Narrowed {
    pub(super) side: Side,
    pub(super) glyph: u16,
    pub(super) gives: f32,
}

/// For each piece, whether it is a kern that a compressible mark beside it
/// takes up by being drawn from one of its narrow copies
/// ([`Subset::narrow`]): the copy whose advance ends nearest where the next
/// glyph begins, so that text extraction reads the line as one. A closing
/// mark before a kern goes first (`》（`).
pub(super) fn narrowed(subset: &Subset, pieces: &[Piece], size: f32) -> Vec<Option<Narrowed>> {
    let width = |g: u16| subset.widths.get(usize::from(g)).map(|&w| w as f32);
    let take = |ch: Option<char>, kern: f32, side: Side| -> Option<Narrowed> {
        let ch = ch?;
        let copies = subset.narrow.get(&ch)?;
        let full = *subset.glyphs.get(&ch)?;
        let advance = width(full)? - kern;
        // How far each glyph's box would miss where the next glyph begins
        // (beyond what still reads as one word), and how far it ends from it.
        let miss = |g: u16| -> Option<(f32, f32)> {
            let d = advance - width(g)?;
            Some((
                (-d - MOST_OVERLAP).max(0.0) + (d - MOST_GAP).max(0.0),
                d.abs(),
            ))
        };
        if miss(full)?.0 == 0.0 {
            return None;
        }
        let mut best = (miss(full)?, full);
        for &g in copies {
            let m = miss(g)?;
            if m.0 < best.0.0 || m.0 == best.0.0 && m.1 < best.0.1 {
                best = (m, g);
            }
        }
        let glyph = best.1;
        (glyph != full).then(|| Narrowed {
            side,
            glyph,
            gives: width(full).unwrap_or(0.0) - width(glyph).unwrap_or(0.0),
        })
    };
    let text = |i: Option<usize>| match i.and_then(|i| pieces.get(i)) {
        Some(Piece::Text(t)) => Some(t.as_str()),
        _ => None,
    };
    pieces
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let Piece::Kern(k) = p else { return None };
            let kern = k * 1000.0 / size;
            let before = text(i.checked_sub(1)).and_then(|t| t.chars().next_back());
            let after = text(Some(i + 1)).and_then(|t| t.chars().next());
            let closing = before.filter(|c| HALF_CLOSING.contains(c));
            let opening = after.filter(|c| HALF_OPENING.contains(c));
            take(closing, kern, Side::Previous).or_else(|| take(opening, kern, Side::Next))
        })
        .collect()
}
