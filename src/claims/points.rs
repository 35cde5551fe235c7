//! A rate's change over last year in percentage points, as a sentence
//! states it: `公开率较上年提高3个百分点`, `办结率为98.2%，同比下降1.5个
//! 百分点`, `不予公开率比2024年降低了0.8个百分点`.

use super::change::Direction;
use super::numbers::number_at;
use crate::find::Find;
use crate::slice::Slice;

/// Rate words a change in points may be of, longest first where one holds
/// another (`不予公开率` holds `公开率`).
pub(crate) const POINT_RATES: [&str; 4] = ["不予公开率", "公开率", "办结率", "答复率"];

/// Words of a comparison with last year between the rate and its change.
const LAST_YEAR: [&str; 8] = [
    "较上年",
    "比上年",
    "较去年",
    "比去年",
    "同比",
    "较上一年",
    "比上一年",
    "与上年相比",
];

/// Words right before a rate word that make it another rate.
const QUALIFIERS: [&str; 9] = [
    "部分", "按时", "按期", "及时", "网上", "主动", "当场", "限时", "提前",
];

/// Words that raise a rate.
const UP: [&str; 5] = ["提高", "提升", "上升", "增长", "增加"];

/// Words that lower it.
const DOWN: [&str; 4] = ["下降", "降低", "减少", "回落"];

/// Words that make the points a bound or a guess, not a figure to compare.
const NOT_EXACT: [&str; 6] = ["约", "近", "超过", "逾", "不到", "不足"];

/// A rate's change over last year that a sentence states.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PointChange {
    /// The rate word, one of [`POINT_RATES`].
    pub rate: &'static str,
    /// Which way it went.
    pub direction: Direction,
    /// The points written and their decimal places.
    pub points: f64,
    /// Decimal places of the points.
    pub decimals: u32,
    /// Character index of the first character of the points.
    pub start: usize,
    /// Character index one past `个百分点`.
    pub end: usize,
}

/// Every change in percentage points of a rate in `chars[range]`: the
/// last rate word before the points in the sentence, a comparison with
/// last year between them (`较上年`, `同比`, `比{year-1}年`), and a word of
/// rising or falling right before the figure. Bounds and guesses
/// (`提高近3个百分点`, `3个多百分点`) are not read.
pub(crate) fn point_changes(
    chars: &[char],
    range: std::ops::Range<usize>,
    year: i32,
) -> Vec<PointChange> {
    let mut out = Vec::new();
    let text: String = chars[range.clone()].iter().collect();
    let last_year_by_number = format!("比{}年", year - 1);
    let compared_by_number = format!("较{}年", year - 1);
    let mut from = 0;
    while let Some(at) = text.slice_from(from).find("个百分点") {
        let tail = from + at;
        from = tail + "个百分点".len();
        let Some((points, decimals, start)) = number_before(chars, range.start, &text, tail) else {
            continue;
        };
        let before = text.slice_to(byte_of(&text, start - range.start));
        let Some((direction, lead)) = direction_before(before) else {
            continue;
        };
        let Some((rate, rate_at)) = POINT_RATES
            .iter()
            .filter_map(|r| lead.rfind(r).map(|i| (*r, i)))
            .max_by_key(|(r, i)| (i + r.len(), r.len()))
        else {
            continue;
        };
        // "部分公开率", "按时办结率", "自然人申请的公开率": another rate.
        let head = lead.slice_to(rate_at);
        let clause_head = head
            .rsplit(['，', '。', '；', ',', ';'])
            .next()
            .unwrap_or(head);
        if QUALIFIERS.iter().any(|q| head.ends_with(q))
            // "其中自然人申请的公开率": a part's.
            || super::change::PARTS.iter().any(|p| clause_head.contains(p))
        {
            continue;
        }
        let between = lead.slice_from(rate_at + rate.len());
        let compared = LAST_YEAR.iter().any(|w| between.has_word(w))
            || between.contains(&last_year_by_number)
            || between.contains(&compared_by_number);
        // Another rate or share between (`满意率`, `占比`) is what changed.
        if !compared
            || ["率", "占比", "比例", "比重"]
                .iter()
                .any(|r| between.contains(r))
        {
            continue;
        }
        out.push(PointChange {
            rate,
            direction,
            points,
            decimals,
            start,
            end: range.start + text.slice_to(from).chars().count(),
        });
    }
    out
}

/// The byte offset in `text` of its character `n`.
fn byte_of(text: &str, n: usize) -> usize {
    text.char_indices().nth(n).map_or(text.len(), |(i, _)| i)
}

/// The number written right before byte `tail` of `text` (which starts at
/// character `offset` of `chars`): its value, decimal places and the
/// character index where it starts.
fn number_before(
    chars: &[char],
    offset: usize,
    text: &str,
    tail: usize,
) -> Option<(f64, u32, usize)> {
    let end = offset + text.slice_to(tail).chars().count();
    let mut start = end;
    let numeral = |c: char| {
        c.is_ascii_digit()
            || c == '.'
            || super::numbers::digit_value(c).is_some()
            || matches!(c, '十' | '拾')
    };
    while start > offset && numeral(chars[start - 1]) {
        start -= 1;
    }
    if start == end {
        return None;
    }
    let (value, decimals, len, _) = number_at(chars, start)?;
    (start + len == end).then_some((value, decimals, start))
}

/// The word of rising or falling that ends `before` (`提高`, `下降了`), and
/// the text before it; `None` when the points are a bound or a guess.
fn direction_before(before: &str) -> Option<(Direction, &str)> {
    let before = before.strip_suffix('了').unwrap_or(before);
    if NOT_EXACT.iter().any(|w| before.ends_with(w)) {
        return None;
    }
    UP.iter()
        .find_map(|w| before.strip_suffix(w).map(|l| (Direction::Up, l)))
        .or_else(|| {
            DOWN.iter()
                .find_map(|w| before.strip_suffix(w).map(|l| (Direction::Down, l)))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(&'static str, Direction, f64)> {
        let chars: Vec<char> = text.chars().collect();
        point_changes(&chars, 0..chars.len(), 2025)
            .into_iter()
            .map(|c| (c.rate, c.direction, c.points))
            .collect()
    }

    #[test]
    fn a_rates_change_in_points_is_read() {
        use Direction::{Down, Up};
        for (text, want) in [
            ("公开率较上年提高3个百分点", ("公开率", Up, 3.0)),
            (
                "全年办结率为98.2%，同比下降了1.5个百分点。",
                ("办结率", Down, 1.5),
            ),
            (
                "不予公开率比2024年降低0.8个百分点",
                ("不予公开率", Down, 0.8),
            ),
            ("申请公开率较上年提升了五个百分点", ("公开率", Up, 5.0)),
        ] {
            assert_eq!(read(text), [want], "{text}");
        }
    }

    #[test]
    fn bounds_other_measures_and_bare_changes_are_not() {
        for text in [
            "公开率较上年提高近3个百分点",
            "公开率提高3个百分点",
            "网上申请占比较上年提高3个百分点",
            "公开率为60%，满意率较上年提高3个百分点",
            "办结率同比提高3个多百分点",
            "部分公开率较上年提高0.1个百分点",
            "按时办结率较上年提高3个百分点",
            "其中自然人申请的公开率较上年提高3个百分点",
        ] {
            assert!(read(text).is_empty(), "{text}");
        }
    }
}
