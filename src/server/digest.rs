//! A report's digest (issue 64.5): what the summaries need of its current
//! text — every table cell `nianbao aggregate` sums, whether the text
//! could be read and whether it is an earlier sum, its errors, warnings,
//! rule codes and first problems — kept in the store beside the report
//! ([`Store::set_digest`]; every change clears it). A region's summary
//! sums the digests of thousands of reports without reading or checking
//! any text: a report is read and checked once per change, by the first
//! summary that needs it.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::store::{ReportMeta, ReportRow, Store};
use crate::batch::audit;
use crate::check::{self, Checked};
use crate::model::number::{Decimal, Number};
use crate::model::report::T2Value;
use crate::model::{Edition, Fee, Located, Report};
use crate::source::Span;

/// Problems kept per report.
pub const PROBLEMS_KEPT: usize = 3;

/// One report's digest.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Digest {
    /// Whether the text could be read as a report.
    pub readable: bool,
    /// Whether `aggregate` wrote the text (an earlier sum).
    pub marked: bool,
    /// The edition's year (2019 or 2021).
    pub edition: u16,
    /// The cells summed.
    pub tables: Tables,
    /// Errors of the check.
    pub errors: usize,
    /// Warnings of the check.
    pub warnings: usize,
    /// Why the text could not be read.
    pub failure: Option<String>,
    /// Findings per rule code.
    pub codes: BTreeMap<String, usize>,
    /// The first problems in words.
    pub problems: Vec<String>,
}

/// The cells `aggregate` sums, as the report holds them.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Tables {
    /// Table 2, `[group][row][column]`.
    pub t2: Vec<Vec<Vec<Option<Cell>>>>,
    /// Table 3's rows.
    pub t3: Vec<Row>,
    /// Table 4's rows.
    pub t4: Vec<Row>,
    /// The fee: notices, their amount, the amount collected.
    pub fee: Option<(Option<u64>, Option<String>, Option<String>)>,
}

/// A number of table 2.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub enum Cell {
    /// A count.
    C(u64),
    /// A signed number.
    S(i64),
    /// An amount, as written.
    A(String),
}

/// A row of table 3 or 4.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Row {
    /// Whether it was written.
    pub present: bool,
    /// Its cells.
    pub cells: Vec<Option<u64>>,
    /// Its printed total.
    pub total: Option<u64>,
}

fn at<T>(value: T) -> Located<T> {
    Located::new(value, Span::default())
}

impl Tables {
    /// The cells of `r`.
    pub fn of(r: &Report) -> Tables {
        let cell = |v: &T2Value| match &v.number.value {
            Number::Count(n) => Cell::C(*n),
            Number::Signed(n) => Cell::S(*n),
            Number::Amount(d) => Cell::A(d.to_string()),
        };
        let row = |x: &crate::model::report::CountRow| Row {
            present: x.present,
            cells: x
                .cells
                .iter()
                .map(|c| c.as_ref().map(|c| c.value))
                .collect(),
            total: x.printed_total.as_ref().map(|c| c.value),
        };
        Tables {
            t2: r
                .table2
                .cells
                .iter()
                .map(|g| {
                    g.iter()
                        .map(|row| row.iter().map(|c| c.as_ref().map(cell)).collect())
                        .collect()
                })
                .collect(),
            t3: r.table3.rows.iter().map(row).collect(),
            t4: r.table4.rows.iter().map(row).collect(),
            fee: r.fee.as_ref().map(|f| {
                (
                    f.notices.as_ref().map(|c| c.value),
                    f.notice_amount.as_ref().map(|c| c.value.to_string()),
                    f.collected.as_ref().map(|c| c.value.to_string()),
                )
            }),
        }
    }

    /// `blank` (a report of the right year and edition) with these cells.
    pub fn onto(&self, blank: &Report) -> Report {
        let mut r = blank.clone();
        for (g, group) in r.table2.cells.iter_mut().enumerate() {
            for (i, row) in group.iter_mut().enumerate() {
                for (c, cell) in row.iter_mut().enumerate() {
                    let kept = self.t2.get(g).and_then(|x| x.get(i)).and_then(|x| x.get(c));
                    *cell = kept.and_then(Option::as_ref).and_then(|v| {
                        let number = match v {
                            Cell::C(n) => Number::Count(*n),
                            Cell::S(n) => Number::Signed(*n),
                            Cell::A(s) => Number::Amount(Decimal::parse(s)?),
                        };
                        Some(T2Value {
                            number: at(number),
                            note: None,
                        })
                    });
                }
            }
        }
        let rows = |to: &mut Vec<crate::model::report::CountRow>, from: &[Row]| {
            for (row, kept) in to.iter_mut().zip(from) {
                row.present = kept.present;
                for (cell, v) in row.cells.iter_mut().zip(&kept.cells) {
                    *cell = v.map(at);
                }
                row.printed_total = kept.total.map(at);
            }
        };
        rows(&mut r.table3.rows, &self.t3);
        rows(&mut r.table4.rows, &self.t4);
        if r.fee.is_some() {
            r.fee = self.fee.as_ref().map(|(n, a, c)| Fee {
                notices: n.map(at),
                notice_amount: a.as_deref().and_then(Decimal::parse).map(at),
                collected: c.as_deref().and_then(Decimal::parse).map(at),
                span: Span::default(),
            });
        }
        r
    }
}

impl Digest {
    /// The digest of `row`'s text, checked as the server checks it (its
    /// agency and year the roster's).
    pub fn of(row: &super::store::ReportRow) -> Digest {
        let c = super::identity::as_roster(row, checked(row));
        let a = audit::of_checked(&row.meta.unit, &c);
        let mut problems = a.problems();
        problems.truncate(PROBLEMS_KEPT);
        Digest {
            readable: c.report.is_some(),
            marked: crate::batch::aggregate::is_aggregate_output(&row.text),
            edition: match c.report.as_ref().map(Report::edition) {
                Some(Edition::E2019) => 2019,
                _ => 2021,
            },
            tables: c.report.as_ref().map(Tables::of).unwrap_or_default(),
            errors: c.errors(),
            warnings: a.warnings(),
            failure: a.failure.clone(),
            codes: a
                .by_code()
                .into_iter()
                .map(|(k, n)| (k.to_string(), n))
                .collect(),
            problems,
        }
    }

    /// The report these cells make on `blank` (a report of the round's
    /// year named after the unit), of the digest's edition.
    pub fn report(&self, blank: &Report) -> Report {
        let mut r = self.tables.onto(blank);
        r.edition.value = if self.edition == 2019 {
            Edition::E2019
        } else {
            Edition::E2021
        };
        r
    }
}

/// Makes and keeps the digest of `row`'s text (while it is still the
/// report's text).
pub fn keep(store: &dyn Store, row: &super::store::ReportRow) -> Result<Digest, String> {
    let d = Digest::of(row);
    let json = serde_json::to_string(&d).map_err(|e| e.to_string())?;
    store.set_digest(row.meta.id, &row.text, &json)?;
    Ok(d)
}

/// Held while digests are made, so that two summaries asked at once (two
/// boards refreshing) do not both check the same texts: the second waits
/// and finds them kept.
static MAKING: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// The digests of `rows`: those kept in the store as they are, the others
/// made from the report's text (read, checked in parallel) and kept.
pub fn digests(store: &dyn Store, rows: &[&ReportMeta]) -> Result<HashMap<i64, Digest>, String> {
    let mut out = kept(store, rows)?;
    if out.len() == rows.len() {
        return Ok(out);
    }
    let _one = MAKING.lock().unwrap_or_else(|e| e.into_inner());
    out = kept(store, rows)?;
    let missing: Vec<i64> = rows
        .iter()
        .map(|r| r.id)
        .filter(|id| !out.contains_key(id))
        .collect();
    for chunk in missing.chunks(256) {
        let mut texts = Vec::with_capacity(chunk.len());
        for id in chunk {
            texts.extend(store.report(*id)?);
        }
        let made: Vec<(super::store::ReportRow, Digest)> = {
            use rayon::prelude::*;
            texts
                .into_par_iter()
                .map(|row| {
                    let d = Digest::of(&row);
                    (row, d)
                })
                .collect()
        };
        for (row, d) in made {
            if let Ok(json) = serde_json::to_string(&d) {
                store.set_digest(row.meta.id, &row.text, &json)?;
            }
            out.insert(row.meta.id, d);
        }
    }
    Ok(out)
}

/// The digests kept in the store of `rows`.
fn kept(store: &dyn Store, rows: &[&ReportMeta]) -> Result<HashMap<i64, Digest>, String> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut out: HashMap<i64, Digest> = HashMap::with_capacity(ids.len());
    for (id, json) in store.digests(&ids)? {
        if let Ok(d) = serde_json::from_str::<Digest>(&json) {
            out.insert(id, d);
        }
    }
    Ok(out)
}

/// `row`'s text checked, named after its unit; where the text does not
/// declare its 机关类型, the roster's declaration stands in.
pub fn checked(row: &ReportRow) -> Checked {
    let name = format!("{}.yaml", super::output::stem(row));
    let mut loaded = crate::load::load_str(crate::source::SourceFile::new(name, row.text.as_str()));
    if let (Some(report), Some((kind, basis))) = (
        loaded.report.as_mut(),
        super::store::roster_kind(&row.meta.agency_kind),
    ) {
        report.declare_if_silent(kind, basis);
    }
    check::check_loaded(loaded, None)
}

/// The file name a report is summed under, as the export names it.
fn source_name(row: &ReportMeta) -> String {
    format!("{}-{}.yaml", super::output::safe(row.unit.trim()), row.year)
}

/// The sum of `counted` (with their `digests`) as `aggregate` makes it from the same reports
/// (their digests' cells on the round's blank report, in the order of
/// their file names, as `aggregate` reads a folder): its main figures,
/// the cells unknown, what makes it doubtful, or why it cannot be made;
/// and the summed data file.
pub fn sum(
    counted: &[&ReportMeta],
    digests: &HashMap<i64, Digest>,
    year: i64,
) -> (Value, Option<String>) {
    let headings = json!(crate::batch::summary::FIGURE_HEADINGS);
    if counted.is_empty() {
        return (
            json!({ "headings": headings, "figures": null, "refusal": "还没有已提交或已通过的报告" }),
            None,
        );
    }
    let agency = super::setup::OFFICE_UNIT;
    let mut named: Vec<(String, &ReportMeta)> =
        counted.iter().map(|r| (source_name(r), *r)).collect();
    named.sort_by(|a, b| a.0.cmp(&b.0));
    let blank = crate::next_year::blank(year as i32, agency).report;
    let reports: Vec<(String, Option<crate::model::Report>, &Digest)> = named
        .iter()
        .filter_map(|(name, r)| {
            let d = digests.get(&r.id)?;
            let report = d.readable.then(|| {
                let mut report = d.report(&blank);
                report.agency.value = r.unit.trim().to_string();
                report
            });
            Some((name.clone(), report, d))
        })
        .collect();
    let inputs: Vec<crate::batch::aggregate::Input<'_, '_>> = reports
        .iter()
        .map(|(name, report, d)| crate::batch::aggregate::Input {
            name,
            marked: d.marked,
            report: report.as_ref(),
            errors: d.errors,
        })
        .collect();
    match crate::batch::aggregate::sources_of(&inputs, agency, Some(year as i32)) {
        Err(refusal) => (
            json!({ "headings": headings, "figures": null, "refusal": refusal.to_string() }),
            None,
        ),
        Ok(sources) => {
            let (draft, unknown) = crate::batch::aggregate::sum(&sources.sources, agency, None);
            let value = json!({
                "headings": headings,
                "figures": crate::batch::summary::Figures::of(&draft.report).fields(),
                "unknown": unknown.cells,
                "doubts": sources.problems,
                "set_aside": sources.set_aside,
            });
            (value, Some(draft.text()))
        }
    }
}
