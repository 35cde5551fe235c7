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

/// Why the checked inputs cannot be summed at all (`--force` does not help).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// An input is not a report.
    NotAReport {
        /// Its file name.
        file: String,
    },
    /// Two inputs are of different years.
    Years {
        /// The first input and its year.
        first: (String, i32),
        /// The other input and its year.
        other: (String, i32),
    },
    /// Two inputs follow different editions of the format.
    Editions {
        /// The first input and its edition.
        first: (String, Edition),
        /// The other input and its edition.
        other: (String, Edition),
    },
    /// The year of the inputs is not known.
    NoYear,
    /// The inputs' edition is not the one their year requires.
    WrongEdition {
        /// The year.
        year: i32,
        /// The edition the inputs use.
        found: Edition,
    },
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::NotAReport { file } => write!(
                f,
                "{} 无法读取为年报数据（运行 nianbao check 查看），没有汇总",
                visible(file)
            ),
            Refusal::Years { first, other } => write!(
                f,
                "年度不一致：{} 是 {} 年度，{} 是 {} 年度；只能汇总同一年度的报告",
                visible(&first.0),
                first.1,
                visible(&other.0),
                other.1
            ),
            Refusal::Editions { first, other } => write!(
                f,
                "格式不一致：{} 是 {} 版格式，{} 是 {} 版格式；只能汇总同一格式的报告",
                visible(&first.0),
                first.1,
                visible(&other.0),
                other.1
            ),
            Refusal::NoYear => f.write_str("来源的年度无法确定，没有汇总"),
            Refusal::WrongEdition { year, found } => write!(
                f,
                "{year} 年度应使用 {} 版格式，来源用的是 {found} 版；请先改正来源",
                Edition::for_year(i64::from(*year)),
            ),
        }
    }
}

impl std::error::Error for Refusal {}

/// The inputs of a sum, checked: every one a report of the same year and
/// edition. `problems` lists what makes the sum doubtful (inputs with
/// errors, an agency counted twice), for the caller to refuse or warn.
#[derive(Debug)]
pub struct Sources<'a> {
    /// The reports, in input order.
    pub sources: Vec<Source<'a>>,
    /// Their year.
    pub year: i32,
    /// What makes the sum doubtful, one line each.
    pub problems: Vec<String>,
}

/// Checks that `checked` (at least one input) can be summed.
pub fn sources(checked: &[Checked]) -> Result<Sources<'_>, Refusal> {
    // Inputs that are not reports, or have errors.
    let mut problems: Vec<String> = Vec::new();
    let mut sources: Vec<Source<'_>> = Vec::new();
    for c in checked {
        let Some(report) = &c.report else {
            return Err(Refusal::NotAReport {
                file: c.file.name(),
            });
        };
        if c.errors() > 0 {
            problems.push(format!(
                "{} 有 {} 个错误",
                visible(&c.file.name()),
                c.errors()
            ));
        }
        sources.push(Source {
            name: c.file.name(),
            report,
        });
    }
    // One year and one edition.
    let first = &sources[0];
    let (year, edition) = (first.report.year.value, first.report.edition());
    for s in &sources {
        let r = s.report;
        if r.year.value != year {
            return Err(Refusal::Years {
                first: (first.name.clone(), year),
                other: (s.name.clone(), r.year.value),
            });
        }
        if r.edition() != edition {
            return Err(Refusal::Editions {
                first: (first.name.clone(), edition),
                other: (s.name.clone(), r.edition()),
            });
        }
    }
    if year == 0 {
        return Err(Refusal::NoYear);
    }
    if edition != Edition::for_year(i64::from(year)) {
        return Err(Refusal::WrongEdition {
            year,
            found: edition,
        });
    }
    problems.extend(duplicate_agencies(&sources));
    Ok(Sources {
        sources,
        year,
        problems,
    })
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
                    let v = s
                        .report
                        .table2
                        .cells
                        .get(g)
                        .and_then(|x| x.get(i))
                        .and_then(|x| x.get(c))
                        .and_then(Option::as_ref);
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

/// A one-line account of a report's totals for the header.
pub fn totals(r: &Report) -> String {
    use crate::model::official::{T3_TOTAL_COLUMN, T3Role, t3_index};
    let ed = r.edition();
    let t3 = |role| {
        r.table3
            .value(ed, t3_index(ed, role), T3_TOTAL_COLUMN)
            .map_or("~".to_string(), |v| v.to_string())
    };
    let review_total = r.table4.rows.first().and_then(|row| row.total());
    let lawsuit_total: Option<u64> = r
        .table4
        .rows
        .iter()
        .skip(1)
        .try_fold(0u64, |a, row| a.checked_add(row.total()?));
    let show = |v: Option<u64>| v.map_or("~".to_string(), |v| v.to_string());
    format!(
        "{}、{}、{}、{}、{}",
        t3(T3Role::Received),
        t3(T3Role::ResultTotal),
        t3(T3Role::CarriedOut),
        show(review_total),
        show(lawsuit_total)
    )
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
    let mut acc = Some(0u64);
    let mut known = true;
    for (name, v) in values {
        match v {
            Some(v) => acc = acc.and_then(|a| a.checked_add(v)),
            None => {
                unknown.sources.insert(name.to_string());
                acc = None;
                known = false;
            }
        }
    }
    if known && acc.is_none_or(|a| a > MAX_COUNT) {
        unknown.too_large += 1;
        return None;
    }
    if acc.is_none() {
        unknown.cells += 1;
    }
    acc
}

fn sum_decimals<'a>(
    values: impl Iterator<Item = (&'a str, Option<&'a Decimal>)>,
    unknown: &mut Unknown,
) -> Option<Decimal> {
    let mut acc = Some(Decimal::ZERO);
    for (name, v) in values {
        match v {
            Some(v) => acc = acc.and_then(|a| a.checked_add(v)),
            None => {
                unknown.sources.insert(name.to_string());
                acc = None;
            }
        }
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
