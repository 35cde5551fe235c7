//! The county on the office's board: every unit's report checked, the
//! submitted and approved ones summed as `nianbao aggregate` sums a folder
//! ([`crate::batch::aggregate`]), and the problems tabulated as `nianbao
//! audit` tabulates them ([`crate::batch::audit`]). Also the counts of a
//! report nobody saved yet, filled in when the server starts.

use serde_json::{Value, json};

use super::Server;
use super::auth::Session;
use super::store::{Counts, ReportRow, Role, State, Store};
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
/// latest round), and the problems of every report begun.
pub fn summary(server: &Server, session: &Session, head: &Head) -> Answer {
    if session.role != Role::Office {
        return Err(Reply::error(403, "只有审核账号可以查看全县汇总"));
    }
    let years = server.store().rounds()?;
    let Some(year) = super::access::chosen_year(head, &years) else {
        return Ok(Reply::json(200, &json!({ "units": 0 })));
    };
    let rows = server.store().reports_of_year(None, year)?;
    let rows: Vec<&ReportRow> = rows.iter().filter(|r| r.year == year).collect();
    let all: Vec<Checked> = {
        use rayon::prelude::*;
        rows.par_iter()
            .map(|r| super::identity::as_roster(r, checked(r)))
            .collect()
    };
    let audit = problems(&rows, &all);
    let counted: Vec<Checked> = rows
        .iter()
        .zip(all)
        .filter(|(r, _)| matches!(r.state, State::Submitted | State::Approved))
        .map(|(_, c)| c)
        .collect();
    let left_out: Vec<&str> = rows
        .iter()
        .filter(|r| !matches!(r.state, State::Submitted | State::Approved))
        .map(|r| r.unit.as_str())
        .collect();
    let mut out = figures(&counted, year);
    out["year"] = json!(year);
    out["units"] = json!(rows.len());
    out["counted"] = json!(counted.len());
    out["left_out"] = json!(left_out);
    out["audit"] = audit;
    Ok(Reply::json(200, &out))
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
fn problems(rows: &[&ReportRow], all: &[Checked]) -> Value {
    let audited: Vec<(&ReportRow, audit::Audited)> = rows
        .iter()
        .zip(all)
        .filter(|(r, _)| r.state != State::New)
        .map(|(r, c)| (*r, audit::of_checked(&r.unit, c)))
        .collect();
    let just: Vec<audit::Audited> = audited.iter().map(|(_, a)| a.clone()).collect();
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
