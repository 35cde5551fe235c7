//! NARR-XYEAR: a change over last year written in the text (`较上年增加2件`,
//! `同比下降20%`, `与上年持平`), against this year's table and last year's
//! file.
//!
//! The change is of the figure the sentence gave before it (`收到申请6件，
//! 较上年增加2件`), or of the requests when the clause names them without a
//! figure (`申请量同比增长20%`). Only a comparison with last year is read
//! (`较上年`, `同比`, `比上一年度`, `较2023年` in the 2024 report).

use super::numbers::{Figure, Unit};
use super::topic::Category;

/// Which way a change goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Direction {
    Up,
    Down,
    Same,
}

/// A change the text states.
#[derive(Debug, Clone)]
pub(crate) struct Change<'a> {
    /// Of what.
    pub category: Category,
    /// Which way.
    pub direction: Direction,
    /// By how much (a count or a percentage), or `None` for 持平.
    pub by: Option<&'a Figure>,
    /// Characters of the statement, for the diagnostic.
    pub start: usize,
    /// One past them.
    pub end: usize,
}

const UP: [&str; 7] = ["增加", "增长", "上升", "提高", "增多", "多", "上涨"];
const DOWN: [&str; 6] = ["减少", "下降", "降低", "回落", "减", "少"];

/// Whether `clause` compares with last year (`year` the report's).
fn with_last_year(clause: &str, year: i32) -> bool {
    if [
        "较上年",
        "比上年",
        "同比",
        "与上年",
        "较上一年",
        "比上一年",
        "较去年",
        "比去年",
        "和上年",
    ]
    .iter()
    .any(|w| clause.contains(w))
    {
        return true;
    }
    // Last year by number ("较2023年减少了3件" in the 2024 report, not "较2022年").
    let last = format!("{}年", year - 1);
    ["较", "比", "与"]
        .iter()
        .any(|w| clause.contains(&format!("{w}{last}")))
}

/// The stated changes of one sentence. `claims` are the sentence's figures
/// read as table figures, with their categories, in order.
pub(crate) fn changes<'a>(
    chars: &[char],
    range: std::ops::Range<usize>,
    figures: &[&'a Figure],
    claims: &[(usize, Category)],
    year: i32,
) -> Vec<Change<'a>> {
    let mut out = Vec::new();
    let mut clause_start = range.start;
    for i in range.clone().chain(std::iter::once(range.end)) {
        let end = i == range.end || matches!(chars[i], '，' | ',' | '；' | '。' | '：');
        if !end {
            continue;
        }
        let clause: String = chars[clause_start..i].iter().collect();
        // "与上年相比，申请量增长了50%": the comparison may open the sentence.
        let so_far: String = chars[range.start..i].iter().collect();
        let here = with_last_year(&clause, year);
        if here || with_last_year(&so_far, year) {
            // The figure given before the clause ("收到申请6件，较上年增加2件"), else the
            // requests the clause names ("申请量同比增长20%").
            let subject = claims
                .iter()
                .rev()
                .find(|(at, _)| *at < clause_start)
                .map(|(_, c)| *c)
                .or_else(|| clause.contains("申请").then_some(Category::Received));
            if let Some(category) = subject
                && let Some(c) = read(chars, clause_start..i, figures, category, here)
            {
                out.push(c);
            }
        }
        clause_start = i + 1;
    }
    out
}

/// The change one clause states of `category`.
fn read<'a>(
    chars: &[char],
    clause: std::ops::Range<usize>,
    figures: &[&'a Figure],
    category: Category,
    marked_here: bool,
) -> Option<Change<'a>> {
    let text: String = chars[clause.clone()].iter().collect();
    // "收到申请6件，与上年持平"; not "与上年相比，收到申请6件，口径一致".
    if marked_here
        && ["持平", "相同", "一致", "没有变化", "无变化"]
            .iter()
            .any(|w| text.contains(w))
    {
        return Some(Change {
            category,
            direction: Direction::Same,
            by: None,
            start: clause.start,
            end: clause.end,
        });
    }
    let by = figures
        .iter()
        .find(|f| f.start >= clause.start && f.end <= clause.end)?;
    let before: String = chars[clause.start..by.start].iter().collect();
    // "减少了3件", "增加约2件".
    let before = before.trim_end_matches(['了', '约']);
    let direction = if UP.iter().any(|w| before.ends_with(w)) {
        Direction::Up
    } else if DOWN.iter().any(|w| before.ends_with(w)) {
        Direction::Down
    } else {
        // No change stated ("与上年相比，收到申请6件").
        return None;
    };
    // "增长20个百分点" is not a percentage of the figure; money is not a count.
    if by.unit == Unit::Yuan || (by.unit == Unit::Percent && chars.get(by.end) == Some(&'点')) {
        return None;
    }
    Some(Change {
        category,
        direction,
        by: Some(by),
        start: clause.start,
        end: clause.end,
    })
}

/// What last year's and this year's figures give against a change, in
/// words, or `None` when they agree. `rounds_to` judges a percentage.
pub(crate) fn contradiction(
    change: &Change<'_>,
    now: u64,
    before: u64,
    rounds_to: impl Fn(f64, f64, u32) -> bool,
) -> Option<String> {
    let actual = if now > before {
        Direction::Up
    } else if now < before {
        Direction::Down
    } else {
        Direction::Same
    };
    let diff = now.abs_diff(before);
    let fact = match actual {
        Direction::Up => format!("从 {before} 增加到 {now}（多 {diff} 件）"),
        Direction::Down => format!("从 {before} 减少到 {now}（少 {diff} 件）"),
        Direction::Same => format!("都是 {now}"),
    };
    let agrees = match change.by {
        // "与上年持平".
        None => actual == Direction::Same,
        // "较上年增加2件": from 4 to 6.
        Some(f) if f.unit == Unit::Count => actual == change.direction && diff == f.value as u64,
        // "同比下降25%": from 8 to 6, within the rounding of the written share.
        Some(f) => {
            before > 0
                && actual == change.direction
                && rounds_to(diff as f64 * 100.0 / before as f64, f.value, f.decimals)
        }
    };
    (!agrees).then_some(fact)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::numbers::figures;

    fn read_all(text: &str) -> Vec<(Direction, Option<f64>)> {
        let chars: Vec<char> = text.chars().collect();
        let all = figures(&chars);
        let refs: Vec<&Figure> = all.iter().collect();
        let claims = [(0usize, Category::Received)];
        changes(&chars, 0..chars.len(), &refs, &claims, 2024)
            .into_iter()
            .map(|c| (c.direction, c.by.map(|f| f.value)))
            .collect()
    }

    #[test]
    fn changes_over_last_year() {
        use Direction::*;
        assert_eq!(read_all("收到申请6件，较上年增加2件"), [(Up, Some(2.0))]);
        assert_eq!(read_all("收到申请6件，同比下降25%"), [(Down, Some(25.0))]);
        assert_eq!(read_all("收到申请6件，与上年持平"), [(Same, None)]);
        assert_eq!(
            read_all("收到申请6件，较2023年减少了3件"),
            [(Down, Some(3.0))]
        );
        assert!(read_all("收到申请6件，较2022年减少3件").is_empty());
        assert_eq!(read_all("与上年相比，申请量增长了50%"), [(Up, Some(50.0))]);
        assert!(read_all("与上年相比，收到申请6件，口径一致").is_empty());
        assert!(read_all("收到申请6件，同比提高5个百分点").is_empty());
    }

    #[test]
    fn changes_judged_on_both_years() {
        let rounds = |e: f64, w: f64, _d: u32| (e - w).abs() < 0.5;
        let f = Figure {
            start: 0,
            end: 2,
            value: 2.0,
            decimals: 0,
            unit: Unit::Count,
        };
        let c = Change {
            category: Category::Received,
            direction: Direction::Up,
            by: Some(&f),
            start: 0,
            end: 2,
        };
        assert!(contradiction(&c, 6, 4, rounds).is_none());
        assert!(contradiction(&c, 6, 5, rounds).is_some());
        assert!(contradiction(&c, 4, 6, rounds).is_some());
    }
}
