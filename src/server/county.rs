//! The county on the office's board: every unit's report checked, the
//! submitted and approved ones summed as `nianbao aggregate` sums a folder
//! ([`crate::batch::aggregate`]), and the problems tabulated as `nianbao
//! audit` tabulates them ([`crate::batch::audit`]). Also the counts of a
//! report nobody saved yet, filled in when the server starts.

use std::collections::HashMap;
use std::sync::Mutex;

use serde_json::{Value, json};

use super::Server;
use super::auth::Session;
use super::store::{Counts, ReportMeta, ReportRow, Role, State, Store};
use crate::batch::{aggregate, audit, summary};
use crate::check::{self, Checked};
use crate::serve::http::Head;
use crate::serve::reply::{Answer, Reply};

/// Problems listed per unit on the board.
const PROBLEMS_PER_UNIT: usize = 3;

/// `row`'s text checked, named after its unit.
pub fn checked(row: &ReportRow) -> Checked {
    let name = format!("{}.yaml", super::output::stem(row));
    let loaded = crate::load::load_str(crate::source::SourceFile::new(name, row.text.as_str()));
    check::check_loaded(loaded, None)
}

/// Errors and cells left empty in `c`.
pub fn counts(c: &Checked) -> (i64, i64) {
    let empty = c.report.as_ref().map_or(0, |r| r.fill().empty());
    (c.errors() as i64, empty as i64)
}

/// Counts the errors and empty cells of every report that was never
/// counted (made by `server init`, not saved since), so that the board
/// shows them before a unit's first save.
pub fn fill_counts(store: &dyn Store) -> Result<(), String> {
    let counted: Vec<Counts> = store
        .reports(None)?
        .iter()
        .filter(|r| r.errors.is_none())
        .map(|row| {
            let (errors, empty) = counts(&checked(row));
            Counts {
                report: row.id,
                errors,
                empty,
            }
        })
        .collect();
    Ok(store.fill_counts(&counted)?)
}

/// `GET /api/county[?year=Y]` (the office): the county's figures summed
/// from the submitted and approved reports of year `Y` (default: the
/// latest round), and the problems of every report begun. Listed from the
/// reports' metadata ([`Store::listing`]); a report's text is read and
/// checked only when it changed since the last summary ([`SummaryCache`]).
pub fn summary(server: &Server, session: &Session, head: &Head) -> Answer {
    if session.role != Role::Office {
        return Err(Reply::error(403, "只有审核账号可以查看全县汇总"));
    }
    let store = server.store();
    let years = store.rounds()?;
    let Some(year) = super::access::chosen_year(head, &years) else {
        return Ok(Reply::json(200, &json!({ "units": 0 })));
    };
    let rows = store.listing(None, Some(year))?;
    let rows: Vec<&ReportMeta> = rows.iter().filter(|r| r.year == year).collect();
    let cache = &server.county;
    let audit = problems(&rows, &cache.audited(store, &rows)?);
    let counted: Vec<&ReportMeta> = rows
        .iter()
        .copied()
        .filter(|r| matches!(r.state, State::Submitted | State::Approved))
        .collect();
    let left_out: Vec<&str> = rows
        .iter()
        .filter(|r| !matches!(r.state, State::Submitted | State::Approved))
        .map(|r| r.unit.as_str())
        .collect();
    let mut out = cache.figures(store, &counted, year)?;
    out["year"] = json!(year);
    out["units"] = json!(rows.len());
    out["counted"] = json!(counted.len());
    out["left_out"] = json!(left_out);
    out["audit"] = audit;
    Ok(Reply::json(200, &out))
}

/// What identifies a report's text without reading it: its revision, when
/// and by whom it last changed, and the server's own count of its changes
/// ([`SummaryCache::touch`]; a save merged into the latest revision keeps
/// the revision's number).
type TextKey = (i64, i64, String, u64);

/// What identifies the sum of the counted reports: the year and each
/// counted report's (id, revision).
type CountedKey = (i64, Vec<(i64, i64)>);

/// The county summary's work kept between the board's refreshes: each
/// begun report's audit by its revision, last change and the server's
/// count of its changes, and the figures by the set of reports counted (a
/// submitted or approved report changes only with a new revision). Bounded
/// by the reports of the store.
#[derive(Debug, Default)]
pub struct SummaryCache {
    inner: Mutex<CacheInner>,
}

#[derive(Debug, Default)]
struct CacheInner {
    /// Changes recorded by this server, per report.
    changes: HashMap<i64, u64>,
    audited: HashMap<i64, (TextKey, audit::Audited)>,
    /// The counted reports and their sum.
    figures: Option<(CountedKey, Value)>,
}

impl SummaryCache {
    /// Records that report `id` changed (every change the server records).
    pub fn touch(&self, id: i64) {
        *self.lock().changes.entry(id).or_insert(0) += 1;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, CacheInner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn key(&self, row: &ReportMeta) -> TextKey {
        let changes = self.lock().changes.get(&row.id).copied().unwrap_or(0);
        (
            row.revision,
            row.changed_at,
            row.changed_by.clone(),
            changes,
        )
    }

    /// The audit of every begun report of `rows`: kept ones as they are,
    /// the others read, checked (in parallel) and kept.
    fn audited(
        &self,
        store: &dyn Store,
        rows: &[&ReportMeta],
    ) -> Result<HashMap<i64, audit::Audited>, Reply> {
        let mut out = HashMap::new();
        let mut stale = Vec::new();
        for row in rows.iter().filter(|r| r.state != State::New) {
            // The key is taken before the text is read: a change meanwhile
            // makes the entry stale at once.
            let key = self.key(row);
            match self.lock().audited.get(&row.id) {
                Some((k, a)) if *k == key => {
                    out.insert(row.id, a.clone());
                }
                _ => stale.push((key, row)),
            }
        }
        let mut texts = Vec::new();
        for (key, row) in stale {
            if let Some(full) = store.report(row.id)? {
                texts.push((key, full));
            }
        }
        let fresh: Vec<(TextKey, i64, audit::Audited)> = {
            use rayon::prelude::*;
            texts
                .par_iter()
                .map(|(key, full)| {
                    let c = super::identity::as_roster(full, checked(full));
                    (key.clone(), full.id, audit::of_checked(&full.unit, &c))
                })
                .collect()
        };
        let mut inner = self.lock();
        for (key, id, a) in fresh {
            out.insert(id, a.clone());
            inner.audited.insert(id, (key, a));
        }
        Ok(out)
    }

    /// The sum of the `counted` reports of `year` ([`figures`]), made again
    /// only when the set of reports counted or a revision of one changed.
    fn figures(
        &self,
        store: &dyn Store,
        counted: &[&ReportMeta],
        year: i64,
    ) -> Result<Value, Reply> {
        let key = (
            year,
            counted
                .iter()
                .map(|r| (r.id, r.revision))
                .collect::<Vec<_>>(),
        );
        if let Some((k, v)) = &self.lock().figures
            && *k == key
        {
            return Ok(v.clone());
        }
        let mut rows = Vec::new();
        for row in counted {
            rows.extend(store.report(row.id)?);
        }
        let all: Vec<Checked> = {
            use rayon::prelude::*;
            rows.par_iter()
                .map(|r| super::identity::as_roster(r, checked(r)))
                .collect()
        };
        // Kept only when every row read is still the revision listed.
        let same = rows.len() == counted.len()
            && rows
                .iter()
                .zip(counted)
                .all(|(r, c)| r.revision == c.revision);
        let value = figures(&all, year);
        if same {
            self.lock().figures = Some((key, value.clone()));
        }
        Ok(value)
    }
}

/// The sum of `counted` as `aggregate` makes it: its main figures, the
/// cells unknown, what makes it doubtful; or why it cannot be made.
fn figures(counted: &[Checked], year: i64) -> Value {
    let headings = json!(summary::FIGURE_HEADINGS);
    if counted.is_empty() {
        return json!({ "headings": headings, "figures": null, "refusal": "还没有已提交或已通过的报告" });
    }
    let agency = super::setup::OFFICE_UNIT;
    match aggregate::sources(counted, agency, Some(year as i32)) {
        Err(refusal) => {
            json!({ "headings": headings, "figures": null, "refusal": refusal.to_string() })
        }
        Ok(sources) => {
            let (draft, unknown) = aggregate::sum(&sources.sources, agency, None);
            json!({
                "headings": headings,
                "figures": summary::Figures::of(&draft.report).fields(),
                "unknown": unknown.cells,
                "doubts": sources.problems,
                "set_aside": sources.set_aside,
            })
        }
    }
}

/// The problems as `audit` tabulates them: the rule codes most found in
/// the county, and each begun report's first problems.
fn problems(rows: &[&ReportMeta], audits: &HashMap<i64, audit::Audited>) -> Value {
    let audited: Vec<(&ReportMeta, &audit::Audited)> = rows
        .iter()
        .filter_map(|r| audits.get(&r.id).map(|a| (*r, a)))
        .collect();
    let just: Vec<audit::Audited> = audited.iter().map(|(_, a)| (*a).clone()).collect();
    let frequent: Vec<Value> = audit::frequent(&just)
        .into_iter()
        .map(|(code, n)| json!({ "code": code, "name": summary::code_name(code), "count": n }))
        .collect();
    let units: Vec<Value> = audited
        .iter()
        .filter(|(_, a)| a.errors() + a.warnings() > 0 || a.failure.is_some())
        .map(|(r, a)| {
            let mut first = a.problems();
            first.truncate(PROBLEMS_PER_UNIT);
            json!({
                "id": r.id, "unit": r.unit, "label": r.state.label(),
                "errors": a.errors(), "warnings": a.warnings(), "problems": first,
            })
        })
        .collect();
    json!({ "frequent": frequent, "units": units })
}
