//! Summing the reports of many agencies into one data file (`nianbao
//! aggregate`): every table cell added up exactly, on the blank skeleton of
//! `nianbao new`.
//!
//! An empty cell (`~`) in any input makes the sum unknown: the cell stays
//! `~` in the result, and the header says which inputs left it empty, so
//! that `check` lists it as still to fill and nobody publishes a total that
//! silently misses a department.

use std::collections::BTreeMap;

use crate::check::Checked;
use crate::diag::{excerpt, visible};
use crate::load::MAX_COUNT;
use crate::model::number::{Decimal, Number};
use crate::model::report::{CountRow, T2Value};
use crate::model::{Edition, Fee, Located, Report};
use crate::next_year::{self, NewDataFile};
use crate::source::Span;

/// One input of the sum: its file name and report.
#[derive(Debug)]
pub struct Source<'a> {
    /// The file name, for the header.
    pub name: String,
    /// The report.
    pub report: &'a Report,
}

/// Words in the header of every file `aggregate` writes: a source that
/// carries them is an earlier sum, never counted again.
pub const MARK: &str = "由 nianbao aggregate 汇总";

/// Whether `text` (a data file) was written by `aggregate`: its leading
/// comments carry [`MARK`]. A comment is free text under the data format,
/// so the mark needs no key of its own.
pub fn is_aggregate_output(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .lines()
        .take_while(|l| l.starts_with('#') || l.trim().is_empty())
        .any(|l| l.contains(MARK))
}

/// Why the checked inputs cannot be summed at all (`--force` does not help).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Sources that would be summed and cannot be: one line each, all of
    /// them (not the first only).
    Blocked(Vec<String>),
    /// The sources are of several years, none the most frequent: the years
    /// and how many sources each.
    Years(Vec<(i32, usize)>),
    /// The year of the inputs is not known.
    NoYear,
    /// Every source was set aside: the reasons.
    Nothing(Vec<String>),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Blocked(lines) => write!(
                f,
                "{} 个来源无法汇总，没有汇总（改正后重试）：\n  {}",
                lines.len(),
                lines.join("\n  ")
            ),
            Refusal::Years(years) => write!(
                f,
                "年度不一致：{}；请用 --year 指定汇总哪一年度（其他年度的文件列出，不计入）",
                years
                    .iter()
                    .map(|(y, n)| format!("{y} 年度 {n} 个"))
                    .collect::<Vec<_>>()
                    .join("、")
            ),
            Refusal::NoYear => f.write_str("来源的年度无法确定，没有汇总"),
            Refusal::Nothing(lines) => write!(f, "没有可汇总的来源：\n  {}", lines.join("\n  ")),
        }
    }
}

impl std::error::Error for Refusal {}

/// The inputs of a sum, checked: every one a report of the same year and
/// edition. `problems` lists what makes the sum doubtful (inputs with
/// errors, an agency counted twice), for the caller to refuse or warn;
/// `set_aside` what is not counted and why (an earlier sum, the agency
/// itself, another year).
#[derive(Debug)]
pub struct Sources<'a> {
    /// The reports, in input order.
    pub sources: Vec<Source<'a>>,
    /// Their year.
    pub year: i32,
    /// What makes the sum doubtful, one line each.
    pub problems: Vec<String>,
    /// Files not counted, one line each with why.
    pub set_aside: Vec<String>,
}

/// What [`sources_of`] needs of one input: its file name, whether it is
/// an earlier sum ([`is_aggregate_output`]), its report when it could be
/// read as one, and its errors. The collection server makes these from
/// each report's kept digest, without reading its text.
#[derive(Debug, Clone, Copy)]
pub struct Input<'n, 'a> {
    /// The file name.
    pub name: &'n str,
    /// Whether `aggregate` wrote it.
    pub marked: bool,
    /// The report.
    pub report: Option<&'a Report>,
    /// Its errors.
    pub errors: usize,
}

/// Checks that `checked` can be summed into `agency`'s report of `year`
/// (when not given, the year most sources are of): [`sources_of`] on the
/// checked files.
pub fn sources<'a>(
    checked: &'a [Checked],
    agency: &str,
    year: Option<i32>,
) -> Result<Sources<'a>, Refusal> {
    let names: Vec<String> = checked.iter().map(|c| c.file.name()).collect();
    let inputs: Vec<Input<'_, 'a>> = checked
        .iter()
        .zip(&names)
        .map(|(c, name)| Input {
            name,
            marked: is_aggregate_output(&c.file.text),
            report: c.report.as_ref(),
            errors: c.errors(),
        })
        .collect();
    sources_of(&inputs, agency, year)
}

/// Checks that `inputs` can be summed into `agency`'s report of `year`
/// (when not given, the year most sources are of). Earlier sums, reports
/// of `agency` itself and reports of other years are set aside and listed;
/// every source that would be summed and cannot be is listed in one
/// refusal.
pub fn sources_of<'a>(
    inputs: &[Input<'_, 'a>],
    agency: &str,
    year: Option<i32>,
) -> Result<Sources<'a>, Refusal> {
    let mut set_aside: Vec<String> = Vec::new();
    let mut blocked: Vec<String> = Vec::new();
    let mut reports: Vec<(&Input<'_, 'a>, &'a Report)> = Vec::new();
    let own = super::names::normalize(agency);
    for c in inputs {
        let name = visible(c.name).into_owned();
        if c.marked {
            set_aside.push(format!(
                "{name}：是 nianbao aggregate 汇总出的文件，不再计入"
            ));
            continue;
        }
        match &c.report {
            None => blocked.push(format!(
                "{name}：无法读取为年报数据（运行 nianbao check 查看）"
            )),
            Some(r) if super::names::normalize(&r.agency.value) == own => set_aside.push(format!(
                "{name}：机关就是汇总的机关“{}”（本级的汇总结果？），不计入",
                excerpt(agency)
            )),
            Some(r) => reports.push((c, r)),
        }
    }
    let year = match year {
        Some(y) => y,
        None => common_year(reports.iter().map(|(_, r)| *r))?,
    };
    let mut sources: Vec<Source<'a>> = Vec::new();
    let mut problems: Vec<String> = Vec::new();
    let due = Edition::for_year(i64::from(year));
    for (c, r) in reports {
        let name = visible(c.name).into_owned();
        if r.year.value != year {
            set_aside.push(format!(
                "{name}：是 {} 年度的，汇总的是 {year} 年度，不计入",
                r.year.value
            ));
            continue;
        }
        if r.edition() != due {
            blocked.push(format!(
                "{name}：用的是 {} 版格式，{year} 年度应使用 {due} 版；请先改正来源",
                r.edition()
            ));
            continue;
        }
        if c.errors > 0 {
            problems.push(format!("{name} 有 {} 个错误", c.errors));
        }
        sources.push(Source {
            name: c.name.to_string(),
            report: r,
        });
    }
    if !blocked.is_empty() {
        return Err(Refusal::Blocked(blocked));
    }
    if sources.is_empty() {
        return Err(Refusal::Nothing(set_aside));
    }
    problems.extend(duplicate_agencies(&sources));
    Ok(Sources {
        sources,
        year,
        problems,
        set_aside,
    })
}

/// The year most reports are of; a refusal when none is, or none known.
fn common_year<'r>(reports: impl Iterator<Item = &'r Report>) -> Result<i32, Refusal> {
    let mut counts: BTreeMap<i32, usize> = BTreeMap::new();
    for r in reports {
        if r.year.value > 0 {
            *counts.entry(r.year.value).or_default() += 1;
        }
    }
    let most = counts.values().copied().max().ok_or(Refusal::NoYear)?;
    let top: Vec<i32> = counts
        .iter()
        .filter(|(_, n)| **n == most)
        .map(|(y, _)| *y)
        .collect();
    match top.as_slice() {
        [year] => Ok(*year),
        _ => Err(Refusal::Years(counts.into_iter().rev().collect())),
    }
}

/// The same agency twice would be counted twice: one line per agency that
/// more than one input reports on.
fn duplicate_agencies(sources: &[Source<'_>]) -> Vec<String> {
    let mut by_agency: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for s in sources {
        by_agency
            .entry(s.report.agency.value.trim())
            .or_default()
            .push(&s.name);
    }
    by_agency
        .iter()
        .filter(|(_, files)| files.len() > 1)
        .map(|(name, files)| {
            format!(
                "机关“{}”出现 {} 次：{}",
                excerpt(name),
                files.len(),
                files
                    .iter()
                    .map(|f| visible(f).into_owned())
                    .collect::<Vec<_>>()
                    .join("、")
            )
        })
        .collect()
}

/// Cells left empty because some input left them empty.
#[derive(Debug, Default)]
pub struct Unknown {
    /// How many cells of the result are unknown.
    pub cells: usize,
    /// The inputs (file names) that had an empty cell, sorted.
    pub sources: std::collections::BTreeSet<String>,
    /// How many count cells would sum past [`MAX_COUNT`] (a data file may
    /// not hold such a count): left empty.
    pub too_large: usize,
}

/// Sums `sources` (all of one year and one edition, checked by the caller)
/// into a draft for `agency`. `previous` is written as `上年数据`.
pub fn sum(sources: &[Source<'_>], agency: &str, previous: Option<&str>) -> (NewDataFile, Unknown) {
    let first = sources[0].report;
    let year = first.year.value;
    let mut draft = next_year::blank(year, agency);
    let mut unknown = Unknown::default();
    let r = &mut draft.report;
    r.edition = first.edition.clone();
    r.previous = previous.map(|p| at(p.to_string()));

    sum_table2(r, sources, &mut unknown);
    sum_table3_4(r, sources, &mut unknown);
    sum_fee(r, sources, &mut unknown);
    draft.notes.header = vec![header(&draft.report, agency, sources, &unknown)];
    (draft, unknown)
}

/// Table 2: every cell summed, unknown when any source left it empty.
fn sum_table2(r: &mut Report, sources: &[Source<'_>], unknown: &mut Unknown) {
    for (g, group) in r.table2.cells.iter_mut().enumerate() {
        for (i, row) in group.iter_mut().enumerate() {
            for (c, cell) in row.iter_mut().enumerate() {
                let mut acc: Option<Number> = None;
                let mut missing = false;
                for s in sources {
                    let v = s.report.table2.at(g, i, c);
                    match v {
                        None => {
                            missing = true;
                            unknown.sources.insert(s.name.clone());
                        }
                        Some(v) => {
                            acc = match acc {
                                None => Some(v.number.value.clone()),
                                Some(a) => add(&a, &v.number.value),
                            };
                            if acc.is_none() {
                                missing = true;
                            }
                        }
                    }
                    if missing {
                        break;
                    }
                }
                *cell = match (missing, acc) {
                    (false, Some(n)) => Some(T2Value {
                        number: at(n),
                        note: None,
                    }),
                    _ => {
                        unknown.cells += 1;
                        None
                    }
                };
            }
        }
    }
}

/// Tables 3 and 4, row by row.
fn sum_table3_4(r: &mut Report, sources: &[Source<'_>], unknown: &mut Unknown) {
    let ed = r.edition();
    for (i, row) in r.table3.rows.iter_mut().enumerate() {
        // The result-total row is optional: summed when every source wrote
        // it, else left out (computed from the result rows).
        if crate::model::official::t3_rows(ed)[i].role
            == crate::model::official::T3Role::ResultTotal
        {
            if !sources
                .iter()
                .all(|s| s.report.table3.rows.get(i).is_some_and(|r| r.present))
            {
                continue;
            }
            row.present = true;
        }
        let inputs: Vec<(&str, Option<&CountRow>)> = sources
            .iter()
            .map(|s| (s.name.as_str(), s.report.table3.rows.get(i)))
            .collect();
        sum_row(row, &inputs, unknown);
    }
    for (i, row) in r.table4.rows.iter_mut().enumerate() {
        let inputs: Vec<(&str, Option<&CountRow>)> = sources
            .iter()
            .map(|s| (s.name.as_str(), s.report.table4.rows.get(i)))
            .collect();
        sum_row(row, &inputs, unknown);
    }
}

/// The information processing fee, when the edition has one.
fn sum_fee(r: &mut Report, sources: &[Source<'_>], unknown: &mut Unknown) {
    if r.fee.is_some() {
        let mut fee = Fee::default();
        let fees: Vec<(&str, Option<&Fee>)> = sources
            .iter()
            .map(|s| (s.name.as_str(), s.report.fee.as_ref()))
            .collect();
        fee.notices = sum_counts(
            fees.iter()
                .map(|(n, f)| (*n, f.and_then(|f| f.notices.as_ref()).map(|c| c.value))),
            unknown,
        )
        .map(at);
        fee.notice_amount = sum_decimals(
            fees.iter().map(|(n, f)| {
                (
                    *n,
                    f.and_then(|f| f.notice_amount.as_ref()).map(|c| &c.value),
                )
            }),
            unknown,
        )
        .map(at);
        fee.collected = sum_decimals(
            fees.iter()
                .map(|(n, f)| (*n, f.and_then(|f| f.collected.as_ref()).map(|c| &c.value))),
            unknown,
        )
        .map(at);
        r.fee = Some(fee);
    }
}

/// The header of the result: what it was summed from, each source's
/// totals, and which sources left cells empty.
fn header(r: &Report, agency: &str, sources: &[Source<'_>], unknown: &Unknown) -> String {
    let year = r.year.value;
    let mut header = format!(
        "{agency}{year}年度政府信息公开工作年度报告的数据文件（{} 版格式）。\n\
         由 nianbao aggregate 汇总 {} 个数据文件生成：表格各格为各来源之和；正文为待写的提纲。\n\
         来源（机关：本年新收申请、办结、结转下年度、复议总计、诉讼总计）：",
        r.edition(),
        sources.len()
    );
    for s in sources {
        header.push_str(&format!(
            "\n  {}  {}：{}",
            s.name,
            s.report.agency.value,
            totals(s.report)
        ));
    }
    if unknown.cells > 0 {
        header.push_str(&format!(
            "\n有 {} 格在某些来源中未填（~），合计无法得出，仍写作 ~：{}",
            unknown.cells,
            unknown
                .sources
                .iter()
                .cloned()
                .collect::<Vec<_>>()
                .join("、")
        ));
    }
    header.push_str("\n填写成文日期和正文后运行 nianbao check 校验。");
    header
}

/// A one-line account of a report's totals for the header: the main
/// figures of the summary ([`super::summary::Figures`]) but the fee.
pub fn totals(r: &Report) -> String {
    let [received, done, carried, review, lawsuit, _fee] = super::summary::Figures::of(r).fields();
    [received, done, carried, review, lawsuit].join("、")
}

fn at<T>(value: T) -> Located<T> {
    Located::new(value, Span::default())
}

/// The sum of two cell numbers, keeping the kind; `None` on overflow.
fn add(a: &Number, b: &Number) -> Option<Number> {
    Some(match (a, b) {
        (Number::Count(x), Number::Count(y)) => Number::Count(x.checked_add(*y)?),
        (Number::Amount(x), Number::Amount(y)) => Number::Amount(x.checked_add(y)?),
        (Number::Amount(x), Number::Count(y)) | (Number::Count(y), Number::Amount(x)) => {
            Number::Amount(x.checked_add(&Decimal::from_u64(*y))?)
        }
        _ => Number::Signed(i64::try_from(a.as_i128()?.checked_add(b.as_i128()?)?).ok()?),
    })
}

fn sum_row(row: &mut CountRow, inputs: &[(&str, Option<&CountRow>)], unknown: &mut Unknown) {
    for (c, cell) in row.cells.iter_mut().enumerate() {
        *cell = sum_counts(
            inputs.iter().map(|(name, r)| {
                (
                    *name,
                    r.and_then(|r| r.cells.get(c))
                        .and_then(|x| x.as_ref())
                        .map(|x| x.value),
                )
            }),
            unknown,
        )
        .map(at);
    }
    row.printed_total = None;
}

fn sum_counts<'a>(
    values: impl Iterator<Item = (&'a str, Option<u64>)>,
    unknown: &mut Unknown,
) -> Option<u64> {
    let add = |a: u64, v: u64| a.checked_add(v).filter(|s| *s <= MAX_COUNT);
    sum_known(values, 0, add, unknown, |u| u.too_large += 1)
}

fn sum_decimals<'a>(
    values: impl Iterator<Item = (&'a str, Option<&'a Decimal>)>,
    unknown: &mut Unknown,
) -> Option<Decimal> {
    // An amount past what a decimal holds is left unknown.
    sum_known(
        values,
        Decimal::ZERO,
        |a, v| a.checked_add(v),
        unknown,
        |u| {
            u.cells += 1;
        },
    )
}

/// The sum of the sources' values by `add`: `None` where a source does not
/// know its value (each such source named in `unknown`, the cell counted),
/// or where the sum of known values is too large for `add` (tallied by
/// `too_large`).
fn sum_known<'a, V, T>(
    values: impl Iterator<Item = (&'a str, Option<V>)>,
    zero: T,
    add: impl Fn(T, V) -> Option<T>,
    unknown: &mut Unknown,
    too_large: impl FnOnce(&mut Unknown),
) -> Option<T> {
    let mut acc = Some(zero);
    let mut known = true;
    for (name, v) in values {
        match v {
            Some(v) => acc = acc.and_then(|a| add(a, v)),
            None => {
                unknown.sources.insert(name.to_string());
                acc = None;
                known = false;
            }
        }
    }
    if known && acc.is_none() {
        too_large(unknown);
        return None;
    }
    if acc.is_none() {
        unknown.cells += 1;
    }
    acc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn its_own_output_is_recognized() {
        assert!(is_aggregate_output(
            "# 某区2025年度……\n# 由 nianbao aggregate 汇总 3 个数据文件生成：…\n格式: 2021\n"
        ));
        assert!(!is_aggregate_output(
            "格式: 2021\n# 由 nianbao aggregate 汇总 3 个数据文件生成\n"
        ));
    }

    #[test]
    fn amounts_add_exactly() {
        let d = |s| Number::Amount(Decimal::parse(s).unwrap());
        assert_eq!(add(&d("0.1"), &d("0.25")), Some(d("0.35")));
        assert_eq!(add(&d("1279.2208"), &d("0.0001")), Some(d("1279.2209")));
        assert_eq!(
            add(&Number::Count(3), &Number::Signed(-5)),
            Some(Number::Signed(-2))
        );
        assert_eq!(add(&Number::Count(u64::MAX), &Number::Count(1)), None);
    }
}
