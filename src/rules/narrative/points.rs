//! NARR-XYEAR on a rate's change over last year in percentage points
//! (`公开率较上年提高3个百分点`): this year's rate and last year's, each
//! computed from its own tables on every base the rate may be of, must
//! differ by the points written, the way written.

use super::reading::{Statement, at_text_as};
use crate::claims::change::Direction;
use crate::claims::points::{PointChange, point_changes};
use crate::claims::tables::{self, DECIDED_TOTAL};
use crate::claims::topic::Category;
use crate::diag::{Diagnostic, codes};
use crate::model::Report;

/// What a rate counts: each reading of its numerator (`公开率` is of the
/// requests disclosed in full, or in full and in part, as reports count it).
fn numerators(rate: &str) -> &'static [&'static [Category]] {
    match rate {
        "不予公开率" => &[&[Category::Result("不予公开")]],
        "公开率" => &[
            &[Category::Result("予以公开")],
            &[Category::Result("予以公开"), Category::Result("部分公开")],
        ],
        _ => &[&[Category::Decided]],
    }
}

/// A rate of `report` by one reading: each base it may be of, by name,
/// with the rate in percent.
fn rates(report: &Report, rate: &str, counts: &[Category]) -> Vec<(&'static str, f64)> {
    let Some(n) = counts.iter().try_fold(0u64, |sum, c| {
        tables::values(report, *c).and_then(|(v, _)| Some(sum + *v.first()?))
    }) else {
        return Vec::new();
    };
    let deciding = matches!(rate, "办结率" | "答复率");
    let mut out: Vec<(&'static str, f64)> = tables::denominators(report)
        .into_iter()
        // A rate of deciding is of the requests there were to decide; a
        // base smaller than the count is not the rate's (办结 of the new
        // requests alone may pass 100%).
        .filter(|(d, name)| !(deciding && *name == DECIDED_TOTAL) && n <= *d)
        .map(|(d, name)| (name, n as f64 * 100.0 / d as f64))
        .collect();
    // The base a message names first: for deciding, all there was to decide.
    if deciding {
        out.reverse();
    }
    out
}

/// Whether the points written fit the change from `before` to `now`: the
/// right way, and the size within the rounding of the points and of two
/// rates rounded to a tenth before they were subtracted.
fn fits(change: &PointChange, before: f64, now: f64) -> bool {
    let diff = now - before;
    let way = match change.direction {
        Direction::Up => diff > 0.0,
        Direction::Down => diff < 0.0,
        Direction::Same | Direction::Was => diff == 0.0,
    };
    let slack = 0.5 / 10f64.powi(change.decimals as i32) + 0.1;
    way && (diff.abs() - change.points).abs() <= slack
}

/// NARR-XYEAR: each rate's change in points the sentence states, against
/// this year's tables and last year's; a finding only when no reading of
/// the rate on any base both years share fits.
pub(super) fn changed(st: Statement<'_, '_>, prev: &Report, out: &mut Vec<Diagnostic>) {
    let report = st.reading.report;
    let year = report.year.value;
    for change in point_changes(&st.reading.chars, st.sentence.range.clone(), year) {
        let mut pairs = Vec::new();
        for counts in numerators(change.rate) {
            let before = rates(prev, change.rate, counts);
            for (name, now) in rates(report, change.rate, counts) {
                if let Some((_, was)) = before.iter().find(|(n, _)| *n == name) {
                    pairs.push((name, *was, now));
                }
            }
        }
        if pairs.is_empty() || pairs.iter().any(|(_, was, now)| fits(&change, *was, *now)) {
            continue;
        }
        let (name, was, now) = pairs[0];
        let way = match change.direction {
            Direction::Up => "提高",
            _ => "下降",
        };
        let said = st.reading.quote(change.start, change.end);
        out.push(
            at_text_as(
                codes::NARR_XYEAR,
                st.reading,
                st.place,
                change.start,
                change.end,
                format!(
                    "正文说{}{way}{said}，而按上年数据和本年表格，{}从 {was:.1}% 变为 {now:.1}%（{:+.1} 个百分点）",
                    change.rate,
                    change.rate,
                    now - was
                ),
            )
            .label(format!("上年 {was:.1}%，本年 {now:.1}%"))
            .note(format!(
                "两年都以{name}为分母算出；按其他分母或算法计算，也没有相符的"
            ))
            .help("核对上年数据和本年表格；比例的增减按两年同一算法相减"),
        );
    }
}
