//! The county on the office's board: every unit's report checked, the
//! submitted and approved ones summed as `nianbao aggregate` sums a folder
//! ([`crate::batch::aggregate`]), and the problems tabulated as `nianbao
//! audit` tabulates them ([`crate::batch::audit`]). Also the counts of a
//! report nobody saved yet, filled in when the server starts.

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;

use serde_json::{Value, json};

use super::Server;
use super::auth::Session;
use super::digest::Digest;
use super::store::{Counts, ReportMeta, State, Store};
use crate::batch::summary;
use crate::check::Checked;
use crate::serve::http::Head;
use crate::serve::reply::{Answer, Reply};

/// Errors and cells left empty in `c`.
pub fn counts(c: &Checked) -> (i64, i64) {
    let empty = c.report.as_ref().map_or(0, |r| r.fill().empty());
    (c.errors() as i64, empty as i64)
}

/// Counts the errors and empty cells of every report that was never
/// counted (made by `server init`, not saved since), so that the board
/// shows them before a unit's first save.
pub fn fill_counts(store: &dyn Store) -> Result<(), String> {
    let mut counted: Vec<Counts> = Vec::new();
    // Listed without text; only the reports never counted are read.
    for meta in store.listing(None, None)? {
        if meta.errors.is_some() {
            continue;
        }
        if let Some(row) = store.report(meta.id)? {
            let (errors, empty) = counts(&super::digest::checked(&row));
            counted.push(Counts {
                report: row.meta.id,
                errors,
                empty,
            });
        }
    }
    Ok(store.fill_counts(&counted)?)
}

/// `GET /api/county[?year=Y][&county=PATH]` (an office): the figures
/// summed from the submitted and approved reports of year `Y` (default:
/// the latest round) of the session's region or of a region below it
/// (`county`, the drill-down), and the problems of every report begun.
/// Listed from the reports' metadata ([`Store::listing`]) and summed from
/// their digests ([`super::digest`]): a report's text is read and checked
/// only when it changed since a summary last saw it.
pub fn summary(server: &Server, session: &Session, head: &Head) -> Answer {
    let round = super::access::office_round(server, session, head, "只有审核账号可以查看全县汇总")?;
    let Some(year) = round.year else {
        return Ok(Reply::json(200, &json!({ "units": 0 })));
    };
    let (store, scope) = (server.store(), &round.scope);
    let rows: Vec<&ReportMeta> = round.rows.iter().filter(|r| r.year == year).collect();
    let begun: Vec<&ReportMeta> = rows
        .iter()
        .copied()
        .filter(|r| r.state != State::New)
        .collect();
    let digests = super::digest::digests(store, &begun).map_err(super::access::failed)?;
    let counted: Vec<&ReportMeta> = begun
        .iter()
        .copied()
        .filter(|r| matches!(r.state, State::Submitted | State::Approved))
        .collect();
    let left_out: Vec<&str> = rows
        .iter()
        .filter(|r| !matches!(r.state, State::Submitted | State::Approved))
        .map(|r| r.unit.as_str())
        .collect();
    // The sum and the hierarchy check depend on the counted reports alone.
    let mut out = server.county.figures(scope, year, &counted, || {
        let mut sum = super::digest::sum(&counted, &digests, year).0;
        sum["checks"] = super::region::checks(&rows, &digests, year);
        sum
    });
    out["year"] = json!(year);
    out["region"] = json!(scope);
    out["units"] = json!(rows.len());
    out["counted"] = json!(counted.len());
    out["left_out"] = json!(left_out);
    out["audit"] = problems(&begun, &digests);
    if super::access::query_is(head, "what", "data") {
        let (_, text) = super::digest::sum(&counted, &digests, year);
        return match text {
            Some(text) => Ok(Reply::file(
                "application/yaml; charset=utf-8",
                &format!("{}-{year}-汇总.yaml", summed_agency(scope)),
                text.into_bytes(),
            )),
            None => Err(Reply::error(404, "还没有可以汇总的已提交或已通过的报告")),
        };
    }
    Ok(Reply::json(200, &out))
}

/// What identifies a region's sum: the region, the year and each counted
/// report's (id, revision) — a submitted or approved report changes only
/// with a new revision.
type CountedKey = (String, i64, Vec<(i64, i64)>);

/// The summary's sums kept between the board's refreshes, by the set of
/// reports counted; a few regions at a time.
#[derive(Debug, Default)]
pub struct SummaryCache {
    inner: Mutex<Vec<(CountedKey, Value)>>,
}

/// Regions whose sums are kept at once.
const SUMS_KEPT: usize = 16;

impl SummaryCache {
    /// The sum of the `counted` reports of `year` in `region`, made by
    /// `make` only when the set of reports counted or a revision of one
    /// changed.
    fn figures(
        &self,
        region: &str,
        year: i64,
        counted: &[&ReportMeta],
        make: impl FnOnce() -> Value,
    ) -> Value {
        let key = (
            region.to_string(),
            year,
            counted
                .iter()
                .map(|r| (r.id, r.revision))
                .collect::<Vec<_>>(),
        );
        let mut kept = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, v)) = kept.iter().find(|(k, _)| *k == key) {
            return v.clone();
        }
        let value = make();
        kept.retain(|(k, _)| (k.0.as_str(), k.1) != (region, year));
        if kept.len() >= SUMS_KEPT {
            kept.remove(0);
        }
        kept.push((key, value.clone()));
        value
    }
}

/// The agency a region's sum is made for.
pub fn summed_agency(region: &str) -> String {
    if region.is_empty() {
        super::setup::OFFICE_UNIT.to_string()
    } else {
        super::setup::region_office_unit(region)
    }
}

/// The problems as `audit` tabulates them: the rule codes most found in
/// the region, and each begun report's first problems.
fn problems(rows: &[&ReportMeta], digests: &HashMap<i64, Digest>) -> Value {
    let mut codes: BTreeMap<&str, usize> = BTreeMap::new();
    for d in rows.iter().filter_map(|r| digests.get(&r.id)) {
        for (code, n) in &d.codes {
            *codes.entry(code.as_str()).or_insert(0) += n;
        }
    }
    let mut frequent: Vec<(&str, usize)> = codes.into_iter().collect();
    frequent.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(y.0)));
    let frequent: Vec<Value> = frequent
        .into_iter()
        .map(|(code, n)| json!({ "code": code, "name": summary::code_name(code), "count": n }))
        .collect();
    let units: Vec<Value> = rows
        .iter()
        .filter_map(|r| digests.get(&r.id).map(|d| (r, d)))
        .filter(|(_, d)| d.errors + d.warnings > 0 || d.failure.is_some())
        .take(MAX_UNITS_LISTED)
        .map(|(r, d)| {
            json!({
                "id": r.id, "unit": r.unit, "label": r.state.label(),
                "errors": d.errors, "warnings": d.warnings, "problems": d.problems,
            })
        })
        .collect();
    json!({ "frequent": frequent, "units": units })
}

/// Units listed with their problems in one summary (a province's board
/// pages its list; the summary shows the first ones).
const MAX_UNITS_LISTED: usize = 500;
