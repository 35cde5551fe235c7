//! The report title: 2号 小标宋, centred, in lines shaped by meaning.

use super::fonts::{Fonts, Metrics, Role};
use super::linebreak::{self, SetLine, Styled};
use super::{TITLE, W};

/// Breaks the title into centred lines shaped as GB/T 9704 7.3.1 asks
/// ([`title_shape`](crate::render::layout::title_shape)): the agency name
/// broken between its words and segments, the year-and-report line whole,
/// the lines a trapezoid or a lozenge.
pub(super) fn title_lines(
    fonts: &Fonts,
    m: &Metrics,
    title: &str,
    agency: &str,
) -> (Styled, Vec<SetLine>) {
    let s = linebreak::shape(fonts, m, Role::Title, TITLE, 0.0, title);
    // The characters as set (those pasted text carries unseen are not).
    let set: String = s.glyphs.iter().map(|g| g.ch).collect();
    let set_agency: String = agency
        .chars()
        .filter(|&c| linebreak::is_set(c))
        .filter_map(crate::render::layout::print_form::printed)
        .collect();
    let widths: Vec<f64> = (0..s.glyphs.len())
        .map(|i| f64::from(s.width_of(i)))
        .collect();
    let lines = crate::render::layout::title_shape::title_lines(
        &set,
        &set_agency,
        &widths,
        f64::from(W) + f64::from(linebreak::EPS),
    )
    .into_iter()
    .map(|r| SetLine {
        start: r.start,
        end: r.end,
        indent: 0.0,
        extra: 0.0,
        extra_everywhere: false,
        squeeze: 0.0,
        hang: 0.0,
        width: s.width(r),
        hyphen: false,
    })
    .collect();
    (s, lines)
}
