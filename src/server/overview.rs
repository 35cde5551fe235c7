//! 全县概览 (`GET /overview?year=Y`, the office; issue 65): the round's
//! deadlines and who is late, its progress over time and per state, and
//! the county's figures as charts against last year — each chart with its
//! exact figures in a table beside it ([`crate::render::charts`]). Drawn
//! on the server as inline SVG: no script, font or network.

use std::collections::{BTreeMap, HashSet};

use serde_json::json;

use super::Server;
use super::auth::Session;
use super::deadline::{self, InForce};
use super::store::{self, ReportMeta, State, Step, Store};
use crate::batch::aggregate;
use crate::check::Checked;
use crate::compare::charts::{UnitYears, Years, county_charts};
use crate::model::Report;
use crate::render::charts::bars::bars;
use crate::render::charts::lines::lines;
use crate::render::charts::{Chart, Series};
use crate::serve::http::Head;
use crate::serve::reply::{Answer, Reply};

/// At most this many days of progress are drawn (the latest ones).
const MAX_DAYS: i64 = 400;

/// The states in the order of the round.
const STATES: [State; 5] = [
    State::New,
    State::Filling,
    State::Submitted,
    State::Returned,
    State::Approved,
];

/// `GET /overview[?year=Y]`: the page (the office only).
pub fn page(server: &Server, session: &Session, head: &Head) -> Answer {
    let round = super::access::office_round(server, session, head, "只有审核账号可以查看全县概览")?;
    let Some(year) = round.year else {
        return Err(Reply::error(404, "还没有收集年度"));
    };
    let (store, rows, scope, years) = (server.store(), round.rows, round.scope, round.years);
    let set = store.deadlines(year)?;
    let force = InForce::of(year, &set);
    let today = deadline::today(store::now());
    let late = super::late::table(&rows, &force, today);
    let mut charts = vec![
        progress(&rows, &store.steps(year)?, today),
        per_state(&rows),
    ];
    charts.extend(figures(store, &rows, year, &scope)?);
    let mut context = super::pages::document_context("overview.js");
    context.insert(
        "style",
        &format!(
            "{}{OWN_STYLE}{}",
            super::pages::STYLE,
            crate::render::charts::STYLE
        ),
    );
    context.insert("title", &format!("全县概览：{year} 年度"));
    context.insert("year", &year);
    context.insert("years", &years);
    context.insert("latest", &(years.first() == Some(&year)));
    context.insert("deadlines", &deadline::describe(&set, year));
    context.insert("late_headings", &super::late::HEADINGS);
    context.insert("late", &late);
    context.insert("today", &deadline::date_text(today));
    context.insert("charts", &charts);
    context.insert(
        "boot",
        &crate::render::pages::script_json(&json!({ "csrf": session.csrf, "year": year })),
    );
    Ok(Reply::html(
        super::pages::pages().render("server/overview.html", &context),
    ))
}

/// The page's own style beside the server's.
const OWN_STYLE: &str = include_str!("assets/overview.css");

/// The round's progress by day: how many units had submitted (once at
/// least), how many returns there had been, how many units were approved.
fn progress(rows: &[ReportMeta], steps: &[Step], today: i64) -> String {
    let ours: HashSet<i64> = rows.iter().map(|r| r.id).collect();
    let steps: Vec<&Step> = steps.iter().filter(|s| ours.contains(&s.report)).collect();
    let day = |s: &Step| deadline::today(s.at);
    let last = steps
        .iter()
        .map(|s| day(s))
        .max()
        .unwrap_or(today)
        .max(today);
    let first = steps
        .iter()
        .map(|s| day(s))
        .min()
        .unwrap_or(today)
        .max(last - MAX_DAYS + 1);
    let mut by_day: BTreeMap<i64, Vec<&Step>> = BTreeMap::new();
    for s in &steps {
        by_day.entry(day(s).max(first)).or_default().push(s);
    }
    let (mut submitted, mut approved) = (HashSet::new(), HashSet::new());
    let mut returns = 0usize;
    let mut series = [Vec::new(), Vec::new(), Vec::new()];
    let mut categories = Vec::new();
    for d in first..=last {
        for s in by_day.get(&d).into_iter().flatten() {
            match s.kind.as_str() {
                "submit" => {
                    submitted.insert(s.report);
                }
                "return" => returns += 1,
                _ => {
                    approved.insert(s.report);
                }
            }
        }
        categories.push(deadline::date_text(d));
        for (k, n) in [submitted.len(), returns, approved.len()]
            .into_iter()
            .enumerate()
        {
            series[k].push(Some(n as f64));
        }
    }
    let [a, b, c] = series;
    lines(&Chart {
        id: "chart-progress".into(),
        title: "收集进度（按日累计）".into(),
        unit: "个单位；退回为次数".into(),
        category_heading: "日期".into(),
        categories,
        series: vec![
            Series {
                name: "已提交过的单位".into(),
                values: a,
            },
            Series {
                name: "退回（次）".into(),
                values: b,
            },
            Series {
                name: "已通过的单位".into(),
                values: c,
            },
        ],
        notes: Vec::new(),
    })
}

/// How many units are in each state now.
fn per_state(rows: &[ReportMeta]) -> String {
    bars(&Chart {
        id: "chart-states".into(),
        title: "各状态的单位数".into(),
        unit: "个".into(),
        category_heading: "状态".into(),
        categories: STATES.iter().map(|s| s.label().to_string()).collect(),
        series: vec![Series {
            name: "单位数".into(),
            values: STATES
                .iter()
                .map(|s| Some(rows.iter().filter(|r| r.state == *s).count() as f64))
                .collect(),
        }],
        notes: Vec::new(),
    })
}

/// Checked reports and the account of each.
#[derive(Default)]
struct Counted {
    owners: Vec<String>,
    checked: Vec<Checked>,
}

impl Counted {
    /// The report of `owner`, if counted and readable.
    fn of(&self, owner: &str) -> Option<&Report> {
        let i = self.owners.iter().position(|o| o == owner)?;
        self.checked[i].report.as_ref()
    }
}

/// The submitted and approved reports of `rows`, checked as their units'
/// (by owner).
fn counted(store: &dyn Store, rows: &[ReportMeta]) -> Result<Counted, Reply> {
    let mut out = Counted::default();
    for meta in rows
        .iter()
        .filter(|r| matches!(r.state, State::Submitted | State::Approved))
    {
        if let Some(row) = store.report(meta.id)? {
            let checked = super::identity::as_roster(&row, super::digest::checked(&row));
            out.owners.push(row.meta.owner.clone());
            out.checked.push(checked);
        }
    }
    Ok(out)
}

/// The sum of `reports` as `nianbao aggregate` makes it, if they can be
/// summed.
fn county_sum(reports: &Counted, year: i64) -> Option<Report> {
    if reports.checked.is_empty() {
        return None;
    }
    let sources = aggregate::sources(
        &reports.checked,
        super::setup::OFFICE_UNIT,
        Some(year as i32),
    )
    .ok()?;
    Some(
        aggregate::sum(&sources.sources, super::setup::OFFICE_UNIT, None)
            .0
            .report,
    )
}

/// The county's figures of `year` (the submitted and approved reports)
/// against last year's, as charts.
fn figures(
    store: &dyn Store,
    rows: &[ReportMeta],
    year: i64,
    scope: &str,
) -> Result<Vec<String>, Reply> {
    let now = counted(store, rows)?;
    let before = counted(
        store,
        &super::access::in_scope(store.listing(None, Some(year - 1))?, scope),
    )?;
    let (sum_now, sum_before) = (county_sum(&now, year), county_sum(&before, year - 1));
    let units: Vec<UnitYears<'_>> = rows
        .iter()
        .map(|r| UnitYears {
            unit: &r.unit,
            now: now.of(&r.owner),
            before: before.of(&r.owner),
        })
        .collect();
    Ok(county_charts(
        Some((sum_now.as_ref(), sum_before.as_ref())),
        &units,
        &Years::of(year, year - 1),
    ))
}
