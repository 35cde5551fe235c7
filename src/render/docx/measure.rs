//! The measurements of the page that styles, tables and the section share:
//! GB/T 9704-2012 A4 page and type area, the grid of 22 lines of 28
//! characters, body tracking, in twips, from [`crate::render::layout::page`].

use crate::render::layout::page;

/// Twips (1/20 pt) in a millimetre.
const TWIPS_PER_MM: f64 = 1440.0 / 25.4;

/// `v` millimetres in twips, rounded.
pub(super) const fn mm(v: f64) -> i32 {
    (v * TWIPS_PER_MM + 0.5) as i32
}

/// A4 width, twips.
pub(super) const PAGE_W: i32 = mm(page::PAGE_W_MM);
/// A4 height, twips.
pub(super) const PAGE_H: i32 = mm(page::PAGE_H_MM);
/// Top margin (天头) 37 mm.
pub(super) const TOP: i32 = mm(page::TOP_MM);
/// Binding-side margin (订口) 28 mm.
pub(super) const LEFT: i32 = mm(page::LEFT_MM);
/// Type area width 156 mm.
pub(super) const TYPE_W: i32 = mm(page::TYPE_W_MM);
/// Type area height 225 mm.
pub(super) const TYPE_H: i32 = mm(page::TYPE_H_MM);
/// Right margin: what the type area leaves (26 mm).
pub(super) const RIGHT: i32 = PAGE_W - LEFT - TYPE_W;
/// Bottom margin: what the type area leaves (35 mm).
pub(super) const BOTTOM: i32 = PAGE_H - TOP - TYPE_H;
/// Lines per page and characters per line (GB/T 9704 5.2.2).
pub(super) const LINES: i32 = page::LINES as i32;
/// Characters per line.
pub(super) const CHARS: i32 = page::CHARS as i32;
/// Line pitch in twips: the largest whole value of which 22 fit the type
/// area (Word counts `floor(height / pitch)` lines).
pub(super) const LINE_PITCH: i32 = TYPE_H / LINES;
/// Character pitch in twips (fractional): 28 to the type area width.
pub(super) const CHAR_PITCH: f64 = TYPE_W as f64 / CHARS as f64;
/// Character spacing of body text in twips (−0.3 pt): 3号 characters then
/// advance about 15.7 pt, so 28 fit the 156 mm line.
///
/// Body paragraphs keep the grid's metrics by themselves (exact 579-twip
/// lines, this tracking) and do not snap to the grid: Word and WPS would
/// fit 28 characters to a `linesAndChars` grid, but LibreOffice gives every
/// 16 pt character two 15.8 pt cells (14 a line). The grid is still
/// declared, so page setup shows 22 lines × 28 characters.
pub(super) const TRACKING: i32 = -6;
/// Body size in points (3号), which `charSpace` is relative to.
pub(super) const BODY_PT: f64 = page::BODY_PT;
/// `charSpace` of the document grid: the character pitch minus the body
/// size, in 1/4096 pt, rounded down so that 28 characters always fit.
pub(super) fn char_space() -> i32 {
    ((CHAR_PITCH / 20.0 - BODY_PT) * 4096.0).floor() as i32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_is_a4_with_the_standard_type_area() {
        assert_eq!((PAGE_W, PAGE_H), (11906, 16838));
        assert_eq!((TOP, LEFT, TYPE_W, TYPE_H), (2098, 1587, 8844, 12756));
        assert_eq!((RIGHT, BOTTOM), (1475, 1984));
    }

    #[test]
    fn grid_holds_22_lines_of_28_characters() {
        assert_eq!(LINE_PITCH, 579);
        assert_eq!(TYPE_H / LINE_PITCH, 22);
        let pitch_pt = BODY_PT + char_space() as f64 / 4096.0;
        let width_pt = TYPE_W as f64 / 20.0;
        assert_eq!((width_pt / pitch_pt).floor() as i32, 28);
        assert!(29.0 * pitch_pt > width_pt);
        assert!((28.0 * pitch_pt - width_pt).abs() < 0.05, "no wasted width");
        // Tracked body characters fit 28 a line, and not 29.
        let advance = BODY_PT + TRACKING as f64 / 20.0;
        assert_eq!((width_pt / advance).floor() as i32, 28);
    }
}
