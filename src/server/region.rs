//! A region's tree of offices (issue 64.4): units grouped under counties,
//! counties under a city or a province, from the roster's region column.
//! Every account and report carries its region (a path of names separated
//! by `/`; empty: the top, as every single-county store is). An office
//! account sees, reviews and sums its region's subtree only; its board
//! shows the progress of each region directly below (`GET /api/regions`),
//! pages and filters the list (`GET /api/reports?page=…`), and drills down
//! into one region (`county=PATH` on the list, the progress and the
//! summary). The hierarchy check holds a region's own government's report
//! against the sum of the region's other reports where the format makes
//! them comparable.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Value, json};

use super::Server;
use super::access::{child, within};
use super::auth::Session;
use super::digest::Digest;
use super::store::{ReportMeta, State};
use crate::serve::http::Head;
use crate::serve::query::query;
use crate::serve::reply::{Answer, Reply};

/// Whether a report counts as in: submitted or approved.
pub fn handed_in(state: State) -> bool {
    matches!(state, State::Submitted | State::Approved)
}

/// Most rows of one page of the list.
pub const MAX_PER_PAGE: usize = 500;

/// Most names of units not handed in listed with a page.
pub const MISSING_LISTED: usize = 200;

/// What the list asks for beyond the year: a page, a state, errors only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    /// The page, from 1.
    pub page: usize,
    /// Rows per page.
    pub per: usize,
    /// One state (`new`, `filling`, …) or `missing` (not handed in).
    pub state: Option<String>,
    /// Only reports with errors.
    pub errors: bool,
}

impl Filter {
    /// The filter of the request, when it asks for one (`page`, `per`,
    /// `state`, `errors` or `county`); without any the list is whole, as
    /// before regions.
    pub fn of(head: &Head) -> Option<Filter> {
        let q = |k| query(&head.target, k).filter(|v| !v.trim().is_empty());
        if ["page", "per", "state", "errors", "county"]
            .iter()
            .all(|k| q(k).is_none())
        {
            return None;
        }
        let number = |k, default: usize| {
            q(k).and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(default)
        };
        Some(Filter {
            page: number("page", 1).max(1),
            per: number("per", 100).clamp(1, MAX_PER_PAGE),
            state: q("state"),
            errors: q("errors").is_some_and(|v| v != "0"),
        })
    }

    fn keeps(&self, r: &ReportMeta) -> bool {
        let state = match self.state.as_deref() {
            None | Some("") => true,
            Some("missing") => !handed_in(r.state),
            Some(s) => r.state.key() == s,
        };
        state && (!self.errors || r.errors.unwrap_or(0) > 0)
    }
}

/// The page of `rows` (sorted as the board shows them, all within
/// `scope`) that `filter` asks for, with the counts per state and the
/// units not handed in of the whole `scope`: `(page, fields to add to the
/// answer)`.
pub fn page(rows: Vec<ReportMeta>, filter: &Filter, scope: &str) -> (Vec<ReportMeta>, Value) {
    let mut tally: BTreeMap<&str, usize> = BTreeMap::new();
    let mut missing: Vec<String> = Vec::new();
    let mut missing_count = 0;
    for r in &rows {
        *tally.entry(r.state.label()).or_insert(0) += 1;
        if !handed_in(r.state) {
            missing_count += 1;
            if missing.len() < MISSING_LISTED {
                missing.push(format!("{}（{}）", r.unit, r.state.label()));
            }
        }
    }
    let extra_tally = json!(tally);
    let kept: Vec<ReportMeta> = rows.into_iter().filter(|r| filter.keeps(r)).collect();
    let total = kept.len();
    let pages = total.div_ceil(filter.per).max(1);
    let shown: Vec<ReportMeta> = kept
        .into_iter()
        .skip((filter.page - 1).saturating_mul(filter.per))
        .take(filter.per)
        .collect();
    let extra = json!({
        "region": scope, "total": total, "page": filter.page, "per": filter.per, "pages": pages,
        "tally": extra_tally, "missing": missing, "missing_count": missing_count,
    });
    (shown, extra)
}

/// The progress of one region: its reports per state.
#[derive(Debug, Default, Clone)]
struct Progress {
    units: usize,
    states: BTreeMap<&'static str, usize>,
    errors: usize,
}

/// `GET /api/regions[?year=Y][&county=PATH]` (an office): the progress of
/// each region directly below the session's region (or below `county`):
/// its units, how many are not started, filling, submitted, returned,
/// approved, not handed in (下级缺报) and with errors; the units of the
/// region itself as one more line (`"own": true`).
pub fn progress(server: &Server, session: &Session, head: &Head) -> Answer {
    let round =
        super::access::office_round(server, session, head, "只有审核账号可以查看各地区的进度")?;
    let scope = round.scope;
    let Some(year) = round.year else {
        return Ok(Reply::json(200, &json!({ "region": scope, "regions": [] })));
    };
    // The regions below in roster order, then the region's own units.
    let mut by: Vec<(Option<String>, Progress)> = Vec::new();
    for r in round.rows {
        let name = child(&scope, &r.region).map(String::from);
        let at = match by.iter().position(|(n, _)| *n == name) {
            Some(at) => at,
            None => {
                by.push((name, Progress::default()));
                by.len() - 1
            }
        };
        let p = &mut by[at].1;
        p.units += 1;
        *p.states.entry(r.state.key()).or_insert(0) += 1;
        p.errors += usize::from(r.errors.unwrap_or(0) > 0);
    }
    by.sort_by_key(|(name, _)| name.is_none());
    let regions: Vec<Value> = by
        .iter()
        .map(|(name, p)| {
            let n = |k| p.states.get(k).copied().unwrap_or(0);
            let path = match name {
                Some(n) if scope.is_empty() => n.clone(),
                Some(n) => format!("{scope}/{n}"),
                None => scope.clone(),
            };
            json!({
                "path": path, "name": name.clone().unwrap_or_else(|| "本级".to_string()),
                "own": name.is_none(), "units": p.units,
                "new": n("new"), "filling": n("filling"), "submitted": n("submitted"),
                "returned": n("returned"), "approved": n("approved"),
                "missing": p.units - n("submitted") - n("approved"), "errors": p.errors,
            })
        })
        .collect();
    Ok(Reply::json(
        200,
        &json!({ "region": scope, "year": year, "regions": regions }),
    ))
}

/// The figures of the hierarchy check: the main figures of tables 3 and 4
/// (every application and every case is counted by the agency that
/// handled it, so a region's totals are the sum of its agencies'). Table 2
/// (each agency's own documents and decisions) and the fee are not
/// compared.
const COMPARED: [usize; 5] = [0, 1, 2, 3, 4];

/// The hierarchy check of the units `rows` of one year (a region and its
/// subtree): for the region's own government (a unit in `rows` the roster
/// declares, or else whose name is, a government at county level or
/// above, handed in), its main figures
/// against the sum of the other units handed in of the same region and
/// below it. Each figure is `equal` (the government reported the region's
/// totals), `less` (its own office's only: a 本级 report), or `more` (the
/// departments' figures are missing some units, or the government counted
/// what they did not).
pub fn checks(rows: &[&ReportMeta], digests: &HashMap<i64, Digest>, year: i64) -> Value {
    let mut out = Vec::new();
    let governments = rows.iter().filter(|r| {
        handed_in(r.state)
            && super::deadline::judged(&r.unit, None, &r.agency_kind).march
            && digests.contains_key(&r.id)
    });
    for gov in governments {
        let others: Vec<&ReportMeta> = rows
            .iter()
            .copied()
            .filter(|r| r.id != gov.id && handed_in(r.state) && within(&gov.region, &r.region))
            .collect();
        if others.is_empty() {
            continue;
        }
        let (summed, _) = super::digest::sum(&others, digests, year);
        let own = super::digest::sum(&[*gov], digests, year).0;
        let (Some(sum), Some(mine)) = (summed["figures"].as_array(), own["figures"].as_array())
        else {
            continue;
        };
        let headings = crate::batch::summary::FIGURE_HEADINGS;
        let figures: Vec<Value> = COMPARED
            .iter()
            .map(|&i| {
                let (a, b) = (
                    mine[i].as_str().unwrap_or("~"),
                    sum[i].as_str().unwrap_or("~"),
                );
                let relation = match (a.parse::<u64>(), b.parse::<u64>()) {
                    (Ok(x), Ok(y)) if x == y => "equal",
                    (Ok(x), Ok(y)) if x < y => "less",
                    (Ok(_), Ok(_)) => "more",
                    _ => "unknown",
                };
                json!({ "heading": headings[i], "own": a, "others": b, "relation": relation })
            })
            .collect();
        out.push(json!({
            "id": gov.id, "unit": gov.unit, "region": gov.region, "units": others.len(),
            "figures": figures,
        }));
    }
    json!(out)
}
