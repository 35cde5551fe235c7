//! Summing the reports of many agencies into one data file (`nianbao
//! aggregate`): every table cell added up exactly, on the blank skeleton of
//! `nianbao new`.
//!
//! An empty cell (`~`) in any input makes the sum unknown: the cell stays
//! `~` in the result, and the header says which inputs left it empty, so
//! that `check` lists it as still to fill and nobody publishes a total that
//! silently misses a department.

use crate::model::number::{Decimal, Number};
use crate::model::report::{CountRow, T2Value};
use crate::model::{Fee, Located, Report};
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

/// Cells left empty because some input left them empty.
#[derive(Debug, Default)]
pub struct Unknown {
    /// How many cells of the result are unknown.
    pub cells: usize,
    /// The inputs (file names) that had an empty cell, sorted.
    pub sources: std::collections::BTreeSet<String>,
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

    // 表二.
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
    // 表三 and 表四.
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
        sum_row(row, &inputs, &mut unknown);
    }
    for (i, row) in r.table4.rows.iter_mut().enumerate() {
        let inputs: Vec<(&str, Option<&CountRow>)> = sources
            .iter()
            .map(|s| (s.name.as_str(), s.report.table4.rows.get(i)))
            .collect();
        sum_row(row, &inputs, &mut unknown);
    }
    // 信息处理费.
    if r.fee.is_some() {
        let mut fee = Fee::default();
        let fees: Vec<(&str, Option<&Fee>)> = sources
            .iter()
            .map(|s| (s.name.as_str(), s.report.fee.as_ref()))
            .collect();
        fee.notices = sum_counts(
            fees.iter()
                .map(|(n, f)| (*n, f.and_then(|f| f.notices.as_ref()).map(|c| c.value))),
            &mut unknown,
        )
        .map(at);
        fee.notice_amount = sum_decimals(
            fees.iter().map(|(n, f)| {
                (
                    *n,
                    f.and_then(|f| f.notice_amount.as_ref()).map(|c| &c.value),
                )
            }),
            &mut unknown,
        )
        .map(at);
        fee.collected = sum_decimals(
            fees.iter()
                .map(|(n, f)| (*n, f.and_then(|f| f.collected.as_ref()).map(|c| &c.value))),
            &mut unknown,
        )
        .map(at);
        r.fee = Some(fee);
    }

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
    draft.notes.header = vec![header];
    (draft, unknown)
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
