//! The county's figures as charts (issue 65): the main figures summed,
//! the outcomes by kind, and per unit the applications received, 行政复议,
//! 行政诉讼 and fees against last year, a change pointed out when it is
//! large as [`Threshold`] measures it (the `compare` report's ▲). The
//! pictures are [`crate::render::charts`]'.

use super::figure::{Figure, Threshold, percent, ratio};
use crate::batch::summary::{FIGURE_HEADINGS, Figures};
use crate::model::official::{T3_TOTAL_COLUMN, T3Role, t3_rows};
use crate::model::{Decimal, Report};
use crate::render::charts::bars::bars;
use crate::render::charts::{Chart, Series};

/// One unit's report this year and last year, either may be missing.
#[derive(Debug, Clone, Copy)]
pub struct UnitYears<'a> {
    /// The unit's name.
    pub unit: &'a str,
    /// This year's report.
    pub now: Option<&'a Report>,
    /// Last year's report.
    pub before: Option<&'a Report>,
}

/// The names of the two series compared (`2025 年度`, `2024 年度`).
#[derive(Debug, Clone)]
pub struct Years {
    /// This year's (the new side's).
    pub now: String,
    /// Last year's (the old side's).
    pub before: String,
}

impl Years {
    /// The series of `now` and `before` named by their years; by 新/旧
    /// when the years are the same.
    pub fn of(now: i64, before: i64) -> Years {
        if now == before {
            Years {
                now: format!("新（{now} 年度）"),
                before: format!("旧（{before} 年度）"),
            }
        } else {
            Years {
                now: format!("{now} 年度"),
                before: format!("{before} 年度"),
            }
        }
    }
}

/// A figure as [`Figures`] writes it (`~`, empty: unknown).
fn parsed(text: &str) -> Option<Figure> {
    Decimal::parse(text).and_then(|d| Figure::of_decimal(&d))
}

/// The main figures of `r`, in the order of [`FIGURE_HEADINGS`].
pub fn main_figures(r: &Report) -> [Option<Figure>; 6] {
    Figures::of(r).fields().map(|f| parsed(&f))
}

/// The kinds of outcome of table 三 (予以公开, 部分公开, 不予公开, 无法提供,
/// 不予处理, 其他处理) with their totals in `r`, in printed order.
pub fn outcomes(r: &Report) -> Vec<(String, Option<Figure>)> {
    let ed = r.edition();
    let mut out: Vec<(String, Option<Figure>)> = Vec::new();
    for (i, row) in t3_rows(ed).iter().enumerate() {
        if row.role != T3Role::Result {
            continue;
        }
        let name = kind_name(row.group.map_or(row.label, |g| g.label));
        let value = r
            .table3
            .value(ed, i, T3_TOTAL_COLUMN)
            .map(|v| Figure::whole(i128::from(v)));
        match out.last_mut() {
            Some((last, sum)) if *last == name => {
                *sum = sum.zip(value).and_then(|(a, b)| add(a, b));
            }
            _ => out.push((name, value)),
        }
    }
    out
}

/// `a + b` exactly (`b − (−a)`); None on overflow.
fn add(a: Figure, b: Figure) -> Option<Figure> {
    a.change_to(Figure::whole(0))?.change_to(b)
}

/// `（三）不予公开` → `不予公开`; `（二）部分公开（区分处理的…）` → `部分公开`.
fn kind_name(label: &str) -> String {
    let rest = label.split_once('）').map_or(label, |(_, r)| r);
    rest.split('（').next().unwrap_or(rest).to_string()
}

/// Whether the change from `old` to `new` is large; its words if so.
pub fn striking(old: Option<Figure>, new: Option<Figure>) -> String {
    let (Some(old), Some(new)) = (old, new) else {
        return String::new();
    };
    let Some(change) = old.change_to(new) else {
        return String::new();
    };
    let r = ratio(old, change);
    if !Threshold::default().is_large(change, r) {
        return String::new();
    }
    match r {
        Some(r) => format!("{}（{}）", change.signed(), percent(r)),
        None => format!("{}（上年为 0）", change.signed()),
    }
}

fn value(f: Option<Figure>) -> Option<f64> {
    f.map(Figure::as_f64)
}

/// A chart of this year against last year: `rows` are the categories
/// with both years' figures.
fn two_years(
    (id, title, unit, heading): (&str, &str, &str, &str),
    rows: &[(String, Option<Figure>, Option<Figure>)],
    years: &Years,
) -> Chart {
    Chart {
        id: id.to_string(),
        title: title.to_string(),
        unit: unit.to_string(),
        category_heading: heading.to_string(),
        categories: rows.iter().map(|r| r.0.clone()).collect(),
        series: vec![
            Series {
                name: years.now.clone(),
                values: rows.iter().map(|r| value(r.1)).collect(),
            },
            Series {
                name: years.before.clone(),
                values: rows.iter().map(|r| value(r.2)).collect(),
            },
        ],
        notes: rows.iter().map(|r| striking(r.2, r.1)).collect(),
    }
}

/// The county's charts as HTML figures, each with its table: the main
/// figures of the sums `county` (this year's and last year's) and the
/// outcomes by kind (when `county` is given), and per unit the
/// applications received, 行政复议, 行政诉讼 and the fees.
pub fn county_charts(
    county: Option<(Option<&Report>, Option<&Report>)>,
    units: &[UnitYears<'_>],
    years: &Years,
) -> Vec<String> {
    let mut out = county.map(|c| county_totals(c, years)).unwrap_or_default();
    out.extend(per_unit(units, years));
    out
}

/// The charts of the county's sums: the main figures, the outcomes.
fn county_totals(county: (Option<&Report>, Option<&Report>), years: &Years) -> Vec<String> {
    let mut out = Vec::new();
    let now = county.0.map(main_figures).unwrap_or([None; 6]);
    let before = county.1.map(main_figures).unwrap_or([None; 6]);
    let rows: Vec<_> = (0..5)
        .map(|i| (FIGURE_HEADINGS[i].to_string(), now[i], before[i]))
        .collect();
    out.push(bars(&two_years(
        ("chart-county", "全县主要数字", "件", "项目"),
        &rows,
        years,
    )));
    let kinds_now = county.0.map(outcomes).unwrap_or_default();
    let kinds_before = county.1.map(outcomes).unwrap_or_default();
    let rows: Vec<_> = kinds_now
        .iter()
        .map(|(name, v)| {
            let old = kinds_before
                .iter()
                .find(|(n, _)| n == name)
                .and_then(|k| k.1);
            (name.clone(), *v, old)
        })
        .collect();
    out.push(bars(&two_years(
        (
            "chart-outcomes",
            "全县申请的办理结果（按类别）",
            "件",
            "办理结果",
        ),
        &rows,
        years,
    )));
    out
}

/// The charts of the units' own figures.
fn per_unit(units: &[UnitYears<'_>], years: &Years) -> Vec<String> {
    let mut out = Vec::new();
    for (i, id, title, unit) in [
        (0, "chart-received", "各单位本年新收申请", "件"),
        (3, "chart-review", "各单位行政复议", "件"),
        (4, "chart-lawsuit", "各单位行政诉讼", "件"),
        (5, "chart-fee", "各单位信息处理费", "万元"),
    ] {
        let rows: Vec<_> = units
            .iter()
            .map(|u| {
                let pick = |r: Option<&Report>| r.and_then(|r| main_figures(r)[i]);
                (u.unit.to_string(), pick(u.now), pick(u.before))
            })
            .collect();
        out.push(bars(&two_years((id, title, unit, "单位"), &rows, years)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_named_without_their_numbers() {
        assert_eq!(kind_name("（三）不予公开"), "不予公开");
        assert_eq!(
            kind_name("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
            "部分公开"
        );
        assert_eq!(
            add(Figure::whole(2), Figure::whole(3)),
            Some(Figure::whole(5))
        );
    }

    #[test]
    fn a_change_is_striking_as_compare_measures_it() {
        let f = |n| Some(Figure::whole(n));
        assert_eq!(striking(f(20), f(40)), "+20（+100.0%）");
        assert_eq!(striking(f(100), f(130)), "");
        assert_eq!(striking(f(0), f(12)), "+12（上年为 0）");
        assert_eq!(striking(None, f(12)), "");
    }

    #[test]
    fn the_outcomes_of_the_example_add_up_to_its_total() {
        let report = crate::testutil::report(crate::model::Edition::E2021);
        let kinds = outcomes(&report);
        assert_eq!(kinds.len(), 6, "{kinds:?}");
        let total = kinds
            .iter()
            .try_fold(Figure::whole(0), |a, (_, v)| add(a, (*v)?));
        assert_eq!(total, main_figures(&report)[1]);
    }
}
