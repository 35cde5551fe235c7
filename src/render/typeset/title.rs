//! The report title: 2号 小标宋, centred, broken into balanced lines,
//! preferably after the agency name and between words.

use super::fonts::{Fonts, Metrics, Role};
use super::linebreak::{self, SetLine, Styled};
use super::{TITLE, W};

/// Breaks the title into balanced centred lines, preferably after the
/// agency name and between words.
pub(super) fn title_lines(
    fonts: &Fonts,
    m: &Metrics,
    title: &str,
    agency: &str,
) -> (Styled, Vec<SetLine>) {
    let s = linebreak::shape(fonts, m, Role::Title, TITLE, 0.0, title);
    let n = s.glyphs.len();
    let line = |a: usize, b: usize| SetLine {
        start: a,
        end: b,
        indent: 0.0,
        extra: 0.0,
        extra_everywhere: false,
        squeeze: 0.0,
        hang: 0.0,
        width: s.width(a..b),
    };
    if s.width(0..n) <= W {
        return (s.clone(), vec![line(0, n)]);
    }
    // Two breaks at most are planned; a longer title breaks its agency
    // name after its units, as the signature does, and the rest on a line
    // of its own when it fits one (before: 自治/州, 卡拉苏/街道 for a name
    // of 50 characters); anything else like a paragraph.
    if s.width(0..n) > 3.0 * W {
        let lines = match agency_lines(&s, title, agency) {
            Some(edges) => edges.windows(2).map(|e| line(e[0], e[1])).collect(),
            None => linebreak::break_lines(&s, W, 0.0, linebreak::Justify::No),
        };
        return (s, lines);
    }
    let lines = match best_breaks(&s, &candidates(&s, title, agency)) {
        Some(bs) => {
            let mut edges = vec![0];
            edges.extend(bs);
            edges.push(n);
            edges.windows(2).map(|e| line(e[0], e[1])).collect()
        }
        None => linebreak::break_lines(&s, W, 0.0, linebreak::Justify::No),
    };
    (s, lines)
}

/// Line edges (glyph indices, 0 first and the glyph count last) of a title
/// that starts with `agency`: the name broken by
/// [`signature_lines`](crate::render::layout::names::signature_lines) to
/// the measure, the rest on one line; `None` when the rest does not fit a
/// line or the glyphs are not the title's characters one for one.
fn agency_lines(s: &Styled, title: &str, agency: &str) -> Option<Vec<usize>> {
    let n = s.glyphs.len();
    let len = agency.chars().count();
    if agency.is_empty() || !title.starts_with(agency) || title.chars().count() != n {
        return None;
    }
    if s.width(len..n) > W {
        return None;
    }
    let widths: Vec<f64> = (0..len).map(|i| f64::from(s.width_of(i))).collect();
    let ranges = crate::render::layout::names::signature_lines(agency, &widths, f64::from(W));
    if ranges
        .iter()
        .any(|r| s.width(r.clone()) > W + linebreak::EPS)
    {
        return None;
    }
    let mut edges: Vec<usize> = ranges.iter().map(|r| r.start).collect();
    edges.extend([len, n]);
    edges.dedup();
    Some(edges)
}

/// Candidate breaks (glyph index) with a penalty: after the agency 0, after
/// an administrative unit 1, before 政府信息公开 1, elsewhere 6.
fn candidates(s: &Styled, title: &str, agency: &str) -> Vec<(usize, u32)> {
    let chars: Vec<char> = s.glyphs.iter().map(|g| g.ch).collect();
    let agency_len = if title.starts_with(agency) {
        agency.chars().count()
    } else {
        0
    };
    let unit_ends = crate::render::layout::names::unit_ends(agency);
    let gov: Vec<char> = "政府信息公开".chars().collect();
    let mut cands: Vec<(usize, u32)> = Vec::new();
    for b in 1..chars.len() {
        let (p, c) = (chars[b - 1], chars[b]);
        if crate::render::layout::kinsoku::is_no_start(c)
            || crate::render::layout::kinsoku::is_no_end(p)
            || (p.is_ascii_digit() && c.is_ascii_digit())
        {
            continue;
        }
        let unit_end = b < agency_len && unit_ends[b];
        let pen = if b == agency_len {
            0
        } else if chars[b..].starts_with(&gov) || c.is_ascii_digit() || unit_end {
            1
        } else {
            6
        };
        cands.push((b, pen));
    }
    cands
}

/// The best one break, else the best two, among `cands`: least penalty,
/// then the most even lines; `None` when no such lines fit.
fn best_breaks(s: &Styled, cands: &[(usize, u32)]) -> Option<Vec<usize>> {
    let n = s.glyphs.len();
    // Prefix sums: the width of any glyph range in constant time.
    let mut prefix = Vec::with_capacity(n + 1);
    prefix.push(0.0f32);
    for i in 0..n {
        prefix.push(prefix[i] + s.width_of(i));
    }
    let width = |a: usize, b: usize| prefix[b] - prefix[a];
    let score = |bs: &[(usize, u32)]| -> Option<f32> {
        let mut max = 0.0f32;
        let mut min = f32::MAX;
        let mut from = 0;
        for to in bs.iter().map(|b| b.0).chain([n]) {
            let w = width(from, to);
            if w > W {
                return None;
            }
            max = max.max(w);
            min = min.min(w);
            from = to;
        }
        let pen: u32 = bs.iter().map(|b| b.1).sum();
        Some(pen as f32 * 2.0 + (max - min) / TITLE)
    };
    let mut best: Option<(f32, Vec<usize>)> = None;
    for &a in cands {
        if let Some(sc) = score(&[a])
            && best.as_ref().is_none_or(|b| sc < b.0)
        {
            best = Some((sc, vec![a.0]));
        }
    }
    if best.is_none() {
        for (i, &a) in cands.iter().enumerate() {
            if width(0, a.0) > W {
                break;
            }
            for &b in &cands[i + 1..] {
                if width(a.0, b.0) > W {
                    break;
                }
                if let Some(sc) = score(&[a, b])
                    && best.as_ref().is_none_or(|x| sc < x.0)
                {
                    best = Some((sc, vec![a.0, b.0]));
                }
            }
        }
    }
    best.map(|(_, bs)| bs)
}
