//! Chinese line breaking: glyphs, unbreakable units, 禁则, punctuation
//! compression and justification.

use super::fonts::{Fonts, Metrics, Role};
use crate::render::layout::kinsoku::{
    HALF_CLOSING as CLOSE_COMPRESSIBLE, HALF_OPENING as OPEN_COMPRESSIBLE, is_no_end, is_no_start,
};

/// How much a full-width mark gives up when compressed: its empty half,
/// less a hair so that, with the grid's negative tracking, two glyph boxes
/// never overlap by half an em (text extraction reads that as a word break).
pub(super) fn compressible(size: f32, track: f32) -> f32 {
    0.48 * size + track.min(0.0)
}

/// Whether `c` is a full-width closing mark whose empty right half may be
/// compressed.
pub(super) fn is_close_compressible(c: char) -> bool {
    CLOSE_COMPRESSIBLE.contains(&c)
}

pub(super) fn is_punct(c: char) -> bool {
    is_no_start(c) || is_no_end(c)
}

pub(super) use crate::render::layout::address::{is_word_char, latin_break_after};

/// One glyph with its face and widths, in points.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// The character.
    pub ch: char,
    /// Index of the face in [`Fonts::faces`]; a `u16`, since a long
    /// narrative holds millions of glyphs ([`Fonts`] holds fewer faces).
    pub face: u16,
    /// Natural advance.
    pub adv: f32,
    /// Space taken away before the glyph (a compressed opening mark).
    pub pre: f32,
    /// Space taken away after the glyph (a compressed closing mark).
    pub post: f32,
    /// Inside a word with the next glyph: no line break after it.
    pub join: bool,
    /// A soft hyphen followed it in the text: a line may break after it,
    /// and a line that does ends with a printed hyphen
    /// ([`Styled::hyphen`]).
    pub shy: bool,
}

/// A run of text set in one role and size.
#[derive(Debug, Clone)]
pub struct Styled {
    /// The glyphs.
    pub glyphs: Vec<Glyph>,
    /// Font size in points.
    pub size: f32,
    /// Extra space after every glyph before justification (negative =
    /// tighter), e.g. GB/T 9704's 28 characters in 156 mm.
    pub track: f32,
    /// The face and advance of the hyphen printed where a line breaks at a
    /// soft hyphen (`None` when the text has none).
    pub hyphen: Option<(u16, f32)>,
}

/// Whether the layout sets character `c` (as its
/// [`printed`](crate::render::layout::print_form::printed) form): not a
/// control character, not a default-ignorable one, nor one
/// that pasted text carries unseen and that has no form of its own in
/// print (zero-width space and joiners, the byte-order mark, a soft hyphen,
/// which FandolFang and the 楷体 face draw as a hyphen, and the line and
/// paragraph separators).
pub(super) fn is_set(c: char) -> bool {
    !c.is_control()
        && !crate::render::layout::print_form::is_ignorable(c)
        && !matches!(
            c,
            '\u{200B}'
                | '\u{200C}'
                | '\u{200D}'
                | '\u{2060}'
                | '\u{FEFF}'
                | '\u{00AD}'
                | '\u{2028}'
                | '\u{2029}'
        )
}

/// Shapes `text` in `role` at `size`: picks a face per character and
/// compresses adjacent full-width punctuation.
pub fn shape(fonts: &Fonts, m: &Metrics, role: Role, size: f32, track: f32, text: &str) -> Styled {
    shape_runs(fonts, m, &[(role, text)], size, track)
}

/// Shapes consecutive runs of text, each in its own role (a run-in title in
/// 黑体 followed by 仿宋 body text), as one piece of text.
pub fn shape_runs(
    fonts: &Fonts,
    m: &Metrics,
    runs: &[(Role, &str)],
    size: f32,
    track: f32,
) -> Styled {
    let mut glyphs: Vec<Glyph> = Vec::new();
    let mut hyphen = None;
    for &(role, text) in runs {
        for c in text.chars() {
            if c == SOFT_HYPHEN {
                // A hyphenation point between two letters of a word.
                if let Some(last) = glyphs.last_mut()
                    && last.ch.is_alphabetic()
                {
                    last.shy = true;
                    if hyphen.is_none() {
                        let (face, em) = fonts.pick(m, role, '-');
                        hyphen = Some((u16::try_from(face).unwrap_or(0), em * size));
                    }
                }
                continue;
            }
            if !is_set(c) {
                continue;
            }
            let ch = crate::render::layout::print_form::printed(c).unwrap_or(c);
            let (face, em) = fonts.pick(m, role, ch);
            glyphs.push(Glyph {
                ch,
                face: u16::try_from(face).unwrap_or(0),
                adv: em * size,
                pre: 0.0,
                post: 0.0,
                join: false,
                shy: false,
            });
        }
    }
    for i in 1..glyphs.len() {
        let (a, b) = (glyphs[i - 1].ch, glyphs[i].ch);
        let full = |g: &Glyph| g.adv >= 0.95 * size;
        if !full(&glyphs[i - 1]) || !full(&glyphs[i]) {
            continue;
        }
        if CLOSE_COMPRESSIBLE.contains(&a)
            && (CLOSE_COMPRESSIBLE.contains(&b) || OPEN_COMPRESSIBLE.contains(&b))
        {
            glyphs[i - 1].post = compressible(size, track);
        } else if OPEN_COMPRESSIBLE.contains(&a) && OPEN_COMPRESSIBLE.contains(&b) {
            glyphs[i - 1].pre = compressible(size, track);
        }
    }
    // Collected through a filter, the vector may hold twice its glyphs: a
    // long narrative keeps millions until its pages are written.
    glyphs.shrink_to_fit();
    Styled {
        glyphs,
        size,
        track,
        hyphen,
    }
}

/// The soft hyphen (U+00AD): a hyphenation point, printed as a hyphen only
/// where a line breaks at it.
const SOFT_HYPHEN: char = '\u{00AD}';

impl Styled {
    /// Marks the words of `text` (the text this was shaped from) as
    /// unbreakable, per [`words::word_starts`](crate::render::words::word_starts).
    pub fn join_words(&mut self, text: &str) {
        let starts = crate::render::words::word_starts(text);
        let kept = text.chars().zip(starts).filter(|&(c, _)| is_set(c));
        let starts: Vec<bool> = kept.map(|(_, s)| s).collect();
        if starts.len() != self.glyphs.len() {
            return;
        }
        for i in 0..self.glyphs.len().saturating_sub(1) {
            self.glyphs[i].join = !starts[i + 1];
        }
    }

    /// Whether a line ending before glyph `end` ends at a soft hyphen.
    pub fn breaks_at_hyphen(&self, end: usize) -> bool {
        end > 0 && end < self.glyphs.len() && self.glyphs[end - 1].shy
    }

    /// Width of the hyphen printed at a soft hyphen.
    pub fn hyphen_width(&self) -> f32 {
        self.hyphen.map_or(0.0, |(_, adv)| adv)
    }

    /// Width of glyph `i` as set (tracking and compression included).
    pub fn width_of(&self, i: usize) -> f32 {
        let g = &self.glyphs[i];
        g.adv + self.track - g.pre - g.post
    }

    /// Total width of glyphs `range`.
    pub fn width(&self, range: std::ops::Range<usize>) -> f32 {
        range.map(|i| self.width_of(i)).sum()
    }
}

/// Space that glyph `i` can still give up before and after itself when a
/// line is too long: the empty half of a full-width mark. Between two glyphs
/// at most half an em goes, so a gap already closed by a compressed pair
/// (`》（`) stays as it is and the marks' ink never touches. An opening mark
/// at the head of a line keeps its space (`head`), so the indent and the
/// margin stay true.
pub(super) fn squeeze_room(s: &Styled, i: usize, head: bool) -> (f32, f32) {
    let g = &s.glyphs[i];
    if g.adv < 0.95 * s.size || g.pre > 0.0 || g.post > 0.0 {
        return (0.0, 0.0);
    }
    let half = compressible(s.size, s.track);
    let prev = i.checked_sub(1).map(|j| &s.glyphs[j]);
    let next = s.glyphs.get(i + 1);
    if CLOSE_COMPRESSIBLE.contains(&g.ch) {
        let open_gap = next.is_some_and(|n| n.pre > 0.0 || OPEN_COMPRESSIBLE.contains(&n.ch));
        (0.0, if open_gap { 0.0 } else { half })
    } else if OPEN_COMPRESSIBLE.contains(&g.ch) && !head {
        let closed = prev.is_some_and(|p| p.post > 0.0 || CLOSE_COMPRESSIBLE.contains(&p.ch));
        (if closed { 0.0 } else { half }, 0.0)
    } else {
        (0.0, 0.0)
    }
}

/// The space glyph `i` of line `l` gives up before and after itself as set:
/// compression against its neighbour plus the line's squeeze.
pub fn squeezed(s: &Styled, l: &SetLine, i: usize) -> (f32, f32) {
    let g = &s.glyphs[i];
    let hang = if i + 1 == l.end { l.hang } else { 0.0 };
    if l.squeeze <= 0.0 {
        return (g.pre, g.post + hang);
    }
    let (pre, post) = squeeze_room(s, i, i == l.start);
    // A mark hung whole at the line's end gives no more.
    let post = if hang > 0.0 { hang } else { post * l.squeeze };
    (g.pre + pre * l.squeeze, g.post + post)
}

/// A line as it is set on the page: a glyph range of a [`Styled`] text
/// and how to set it (what [`break_lines`] returns).
#[derive(Debug, Clone, PartialEq)]
pub struct SetLine {
    /// First glyph.
    pub start: usize,
    /// One past the last glyph.
    pub end: usize,
    /// Offset from the left edge of the measure (indent).
    pub indent: f32,
    /// Extra space after each glyph (justification).
    pub extra: f32,
    /// Whether `extra` also goes inside words and numbers (only when the
    /// line has no other gap).
    pub extra_everywhere: bool,
    /// Share (0–1) of each punctuation mark's compressible half em taken
    /// away to fit the line: compression before letter-spacing.
    pub squeeze: f32,
    /// Space taken away after the line's last glyph, a closing mark set
    /// half-width at the line end.
    pub hang: f32,
    /// Width as set, extra included.
    pub width: f32,
    /// Whether the line ends at a soft hyphen and prints a hyphen there.
    pub hyphen: bool,
}

/// Unbreakable units as glyph ranges.
pub(super) fn units(s: &Styled, max: f32) -> Vec<(usize, usize)> {
    let g = &s.glyphs;
    let mut out = Vec::new();
    let mut i = 0;
    while i < g.len() {
        let mut j = i + 1;
        let joined = |j: usize| {
            g[j - 1].join
                || (!g[j - 1].shy
                    && is_word_char(g[j - 1].ch)
                    && is_word_char(g[j].ch)
                    && !latin_break_after(g[j - 1].ch, g[j].ch))
        };
        if j < g.len() && joined(j) {
            while j < g.len() && joined(j) {
                j += 1;
            }
            // A word wider than the line is broken between characters.
            if s.width(i..j) > max {
                let mut k = i;
                while k < j {
                    let mut e = k + 1;
                    while e < j && s.width(k..e + 1) <= max {
                        e += 1;
                    }
                    out.push((k, e));
                    k = e;
                }
                i = j;
                continue;
            }
        }
        out.push((i, j));
        i = j;
    }
    out
}

/// Whether a line may break between unit `b - 1` and unit `b`.
pub(super) fn can_break(s: &Styled, units: &[(usize, usize)], b: usize) -> bool {
    let prev = s.glyphs[units[b - 1].1 - 1].ch;
    let next = s.glyphs[units[b].0].ch;
    // A line breaks after a space, which is dropped at its end; one that
    // started with it was set a space in (` this town…`).
    if is_no_start(next) || is_no_end(prev) || next == ' ' {
        return false;
    }
    // "——" and "……" stay whole.
    !(prev == next && (prev == '—' || prev == '…'))
}

/// How lines but the last are filled out to the measure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Justify {
    /// Ragged right.
    No,
    /// Justified when at most this many em are to be spread; looser lines
    /// (before a long unbreakable address, say) stay ragged.
    UpTo(f32),
}

/// Body text: up to two and a half characters spread over a line (the
/// limit `render::typeset::paragraph` justifies body paragraphs to).
pub const BODY_JUSTIFY: Justify = Justify::UpTo(2.5);

/// Tolerance of width comparisons, in points.
pub(super) const EPS: f32 = 0.01;

/// Breaks `s` into lines of `width` points, the first indented by `indent`.
pub fn break_lines(s: &Styled, width: f32, indent: f32, justify: Justify) -> Vec<SetLine> {
    let us = units(s, width - indent.max(0.0));
    let n = us.len();
    if n == 0 {
        return Vec::new();
    }
    // Room for compressing punctuation only when justifying: a ragged line
    // has no need to be squeezed.
    let squeeze = matches!(justify, Justify::UpTo(_));
    let mut breaks = greedy_breaks(s, &us, width, indent, squeeze);
    keep_last_line_full(s, &us, &mut breaks);
    let lines = breaks.len() - 1;
    (0..lines)
        .map(|li| {
            let (a, b) = (us[breaks[li]].0, us[breaks[li + 1] - 1].1);
            let ind = if li == 0 { indent } else { 0.0 };
            let last = li + 1 == lines;
            set_line(s, (a, b), ind, width - ind, justify, last)
        })
        .collect()
}

/// Room for compressing the punctuation of glyphs `a..b` (`head` starts
/// the line).
fn room(s: &Styled, a: usize, b: usize, head: usize) -> f32 {
    (a..b)
        .map(|i| {
            let (pre, post) = squeeze_room(s, i, i == head);
            pre + post
        })
        .sum()
}

/// Line starts (unit indices, with 0 first and `us.len()` last): each line
/// takes as many units as fit, then steps back to a legal break.
fn greedy_breaks(
    s: &Styled,
    us: &[(usize, usize)],
    width: f32,
    indent: f32,
    squeeze: bool,
) -> Vec<usize> {
    let n = us.len();
    let uw: Vec<f32> = us.iter().map(|&(a, b)| s.width(a..b)).collect();
    let mut breaks = vec![0usize];
    let mut start = 0;
    while start < n {
        let avail = if start == 0 { width - indent } else { width };
        let head = us[start].0;
        let mut w = 0.0;
        let mut give = 0.0;
        let mut i = start;
        while i < n {
            let unit_give = if squeeze {
                room(s, us[i].0, us[i].1, head)
            } else {
                0.0
            };
            // Compression before letter-spacing: a unit that fits once the
            // marks on the line give up their empty halves goes on it.
            if w + uw[i] > avail + EPS + give + unit_give {
                break;
            }
            w += uw[i];
            give += unit_give;
            i += 1;
        }
        if i >= n {
            break;
        }
        let mut b = i.max(start + 1);
        while b > start + 1 && !can_break(s, us, b) {
            b -= 1;
        }
        if !can_break(s, us, b) {
            // No legal break: take the longest fitting line.
            b = i.max(start + 1);
        }
        breaks.push(b);
        start = b;
    }
    breaks.push(n);
    breaks
}

/// The last line must not be a single character plus punctuation: moves
/// the last break back when it can.
fn keep_last_line_full(s: &Styled, us: &[(usize, usize)], breaks: &mut [usize]) {
    let (n, k) = (us.len(), breaks.len());
    if k < 3 {
        return;
    }
    let (p, last) = (breaks[k - 3], breaks[k - 2]);
    let solid = (last..n)
        .filter(|&u| !is_punct(s.glyphs[us[u].0].ch))
        .count();
    let chars = (last..n).map(|u| us[u].1 - us[u].0).sum::<usize>();
    if solid <= 1 && chars <= 3 {
        let mut b = last - 1;
        while b > p + 1 && !can_break(s, us, b) {
            b -= 1;
        }
        if b > p + 1 && can_break(s, us, b) {
            breaks[k - 2] = b;
        }
    }
}

/// Sets glyphs `a..b` on a line `avail` points wide: squeezed when
/// overlong, else justified as `justify` allows (never the `last` line).
fn set_line(
    s: &Styled,
    (a, b): (usize, usize),
    indent: f32,
    avail: f32,
    justify: Justify,
    last: bool,
) -> SetLine {
    // A trailing space does not count.
    let mut end_w = b;
    while end_w > a + 1 && s.glyphs[end_w - 1].ch == ' ' {
        end_w -= 1;
    }
    let hyphen = !last && s.breaks_at_hyphen(b);
    let natural = s.width(a..end_w) + if hyphen { s.hyphen_width() } else { 0.0 };
    if natural > avail + EPS {
        let give = room(s, a, end_w, a);
        if give > 0.0 {
            let squeeze = ((natural - avail) / give).min(1.0);
            return SetLine {
                start: a,
                end: b,
                indent,
                extra: 0.0,
                extra_everywhere: false,
                squeeze,
                hang: 0.0,
                width: natural - give * squeeze,
                hyphen,
            };
        }
    }
    let soft = (a..end_w.saturating_sub(1))
        .filter(|&i| !rigid(s, i))
        .count();
    let everywhere = soft == 0;
    let gaps = if everywhere {
        (end_w - a).saturating_sub(1)
    } else {
        soft
    } as f32;
    // A line that cannot be filled stays ragged rather than gappy: wide
    // gaps read as spaces.
    let fill = match justify {
        Justify::UpTo(max) => avail - natural <= max * s.size,
        Justify::No => false,
    };
    let extra = if fill && !last && gaps > 0.0 && natural < avail {
        (avail - natural) / gaps
    } else {
        0.0
    };
    SetLine {
        start: a,
        end: b,
        indent,
        extra,
        extra_everywhere: everywhere,
        squeeze: 0.0,
        hang: 0.0,
        width: natural + extra * gaps,
        hyphen,
    }
}

/// Whether the gap after glyph `i` is inside a word or number, where
/// justification adds no space.
pub fn rigid(s: &Styled, i: usize) -> bool {
    i + 1 < s.glyphs.len() && is_word_char(s.glyphs[i].ch) && is_word_char(s.glyphs[i + 1].ch)
}

/// The widest piece of `s` that cannot be broken (a number, a word, a
/// character with the punctuation that must stay with it).
pub fn min_width(s: &Styled) -> f32 {
    let us = units(s, f32::MAX);
    let mut best = 0f32;
    let mut cur = 0f32;
    for (k, &(a, b)) in us.iter().enumerate() {
        if k > 0 && can_break(s, &us, k) {
            cur = 0.0;
        }
        cur += s.width(a..b);
        best = best.max(cur);
    }
    best
}

/// Text of a line, for tests and diagnostics.
pub fn line_text(s: &Styled, l: &SetLine) -> String {
    s.glyphs[l.start..l.end].iter().map(|g| g.ch).collect()
}

/// A toy paragraph for tests: every character one em (10 pt) wide, digits
/// and Latin half an em, half an em after each mark that `compressed`
/// says is followed by one that takes it up.
#[cfg(test)]
pub(crate) fn toy_styled(text: &str, compressed: fn(char, char) -> bool) -> Styled {
    let glyphs = text
        .chars()
        .map(|ch| Glyph {
            ch,
            face: 0,
            adv: if ch.is_ascii() { 5.0 } else { 10.0 },
            pre: 0.0,
            post: 0.0,
            join: false,
            shy: false,
        })
        .collect();
    let mut s = Styled {
        glyphs,
        size: 10.0,
        track: 0.0,
        hyphen: None,
    };
    for i in 1..s.glyphs.len() {
        if compressed(s.glyphs[i - 1].ch, s.glyphs[i].ch) {
            s.glyphs[i - 1].post = 5.0;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Characters pasted text carries unseen are not set: no hyphen in the
    /// middle of a line, no face pulled in for them.
    #[cfg(feature = "embed-fonts")]
    #[test]
    fn unseen_characters_of_pasted_text_are_not_set() {
        let fonts = Fonts::load(&crate::render::typeset::FontChoice::default()).unwrap();
        let text =
            "全年开展\u{200B}督查\u{00AD}2次\u{FEFF}，已更新\u{2028}换行\u{2060}后尚未审结。";
        let chars: std::collections::BTreeSet<char> = text.chars().collect();
        let m = fonts.metrics(&chars);
        let mut s = shape(&fonts, &m, Role::Body, 16.0, 0.0, text);
        let set: String = s.glyphs.iter().map(|g| g.ch).collect();
        assert_eq!(set, "全年开展督查2次，已更新换行后尚未审结。");
        // Words are still matched to their glyphs.
        s.join_words(text);
        assert!(s.glyphs.iter().any(|g| g.join));
    }

    /// Every character one em wide, digits and Latin half an em.
    fn styled(text: &str) -> Styled {
        toy_styled(text, |a, b| {
            CLOSE_COMPRESSIBLE.contains(&a)
                && (CLOSE_COMPRESSIBLE.contains(&b) || OPEN_COMPRESSIBLE.contains(&b))
        })
    }

    fn texts(text: &str, width: f32, indent: f32) -> Vec<String> {
        let s = styled(text);
        break_lines(&s, width, indent, BODY_JUSTIFY)
            .iter()
            .map(|l| line_text(&s, l))
            .collect()
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        // Ten characters per line; the eleventh is a comma.
        let lines = texts("一二三四五六七八九十，一二三四五六七八九十。", 100.0, 0.0);
        for l in &lines {
            assert!(!is_no_start(l.chars().next().unwrap()), "{lines:?}");
        }
        assert_eq!(lines[0], "一二三四五六七八九");
        assert!(lines[1].starts_with("十，"));
    }

    #[test]
    fn opening_punctuation_never_ends_a_line() {
        let lines = texts("一二三四五六七八九《十》一二三四五六七八九十", 100.0, 0.0);
        assert_eq!(lines[0], "一二三四五六七八九");
        assert!(lines[1].starts_with("《十》"));
    }

    #[test]
    fn digits_and_addresses_stay_whole() {
        let lines = texts(
            "一二三四五六电话0533-2168000邮箱abc@zb.gov.cn。",
            100.0,
            0.0,
        );
        assert!(
            lines.iter().any(|l| l.contains("0533-2168000")),
            "{lines:?}"
        );
        // An address may break after @ or a dot before a letter, nowhere
        // else.
        assert!(lines.concat().contains("abc@zb.gov.cn"), "{lines:?}");
        for l in &lines[..lines.len() - 1] {
            if l.contains("abc") && !l.contains("abc@zb.gov.cn") {
                assert!(l.ends_with('@') || l.ends_with('.'), "{lines:?}");
            }
        }
    }

    #[test]
    fn no_lonely_last_character() {
        // 10 per line, 11 characters + 。: the last line would be "一。".
        let lines = texts("一二三四五六七八九十一。", 100.0, 0.0);
        assert_eq!(lines.len(), 2);
        assert!(
            lines[1].chars().filter(|c| !is_punct(*c)).count() >= 2,
            "{lines:?}"
        );
    }

    #[test]
    fn adjacent_punctuation_is_compressed() {
        let s = styled("《条例》（以下）。");
        // 》 before （ and ） before 。 are half width: 9 glyphs, two
        // compressed, even at the end of the text.
        assert_eq!(s.width(0..s.glyphs.len()), 80.0);
        // 。 is alone at the end: not compressed.
        assert_eq!(s.glyphs.last().unwrap().post, 0.0);
    }

    #[test]
    fn lines_are_justified_to_the_measure() {
        let s = styled("一二三四五六七八九十，一二三四五六七八九十。");
        let lines = break_lines(&s, 100.0, 0.0, BODY_JUSTIFY);
        assert!((lines[0].width - 100.0).abs() < 0.01);
        assert_eq!(lines.last().unwrap().extra, 0.0);
    }

    #[test]
    fn punctuation_is_compressed_before_letters_are_spaced() {
        // 10.52 characters of room: the eleventh fits once the comma gives
        // up its empty half (0.48 em), instead of ten characters spaced out.
        let s = styled("一二三，四五六七八九十一二三四五六七八九十");
        let lines = break_lines(&s, 105.2, 0.0, BODY_JUSTIFY);
        assert_eq!(line_text(&s, &lines[0]), "一二三，四五六七八九十");
        assert_eq!(lines[0].extra, 0.0);
        assert!((lines[0].width - 105.2).abs() < 0.01, "{:?}", lines[0]);
        let (pre, post) = squeezed(&s, &lines[0], 3);
        assert!(pre == 0.0 && (post - 4.8).abs() < 0.001, "{post}");
        // Half the room is enough for half the overflow.
        let lines = break_lines(&s, 107.6, 0.0, BODY_JUSTIFY);
        let (_, post) = squeezed(&s, &lines[0], 3);
        assert!((post - 2.4).abs() < 0.001, "{post}");
        // A ragged text is never squeezed.
        let lines = break_lines(&s, 105.0, 0.0, Justify::No);
        assert_eq!(line_text(&s, &lines[0]), "一二三，四五六七八九");
    }

    #[test]
    fn an_opening_mark_keeps_its_space_at_the_head_of_a_line() {
        let s = styled("“一二三四五六七八九十一二三四五六七八九十");
        let lines = break_lines(&s, 105.0, 0.0, BODY_JUSTIFY);
        assert_eq!(line_text(&s, &lines[0]), "“一二三四五六七八九");
    }

    #[test]
    fn indent_applies_to_the_first_line() {
        let lines = texts("一二三四五六七八九十一二三四五六七八九十", 100.0, 20.0);
        assert_eq!(lines[0].chars().count(), 8);
        assert_eq!(lines[1].chars().count(), 10);
    }
}
