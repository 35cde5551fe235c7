//! Who is late (issue 65): the units of a round past their deadline
//! without having submitted, as a table to download for the notice the
//! office sends (CSV with a BOM, or a workbook), in one click from the
//! board.

use super::Server;
use super::auth::Session;
use super::deadline::{self, InForce};
use super::store::{self, ReportMeta};
use crate::serve::http::Head;
use crate::serve::query::query;
use crate::serve::reply::{Answer, Reply};

/// The headings of the table of late units.
pub const HEADINGS: [&str; 7] = [
    "单位",
    "账号",
    "状态",
    "截止日期",
    "逾期天数",
    "最后修改",
    "截止日期依据",
];

/// The late units of `rows` on day `today`, as rows under [`HEADINGS`],
/// the longest overdue first.
pub fn table(rows: &[ReportMeta], force: &InForce, today: i64) -> Vec<Vec<String>> {
    let mut late: Vec<(&ReportMeta, deadline::Standing)> = rows
        .iter()
        .map(|r| (r, deadline::standing(r, force, today)))
        .filter(|(_, s)| s.late)
        .collect();
    late.sort_by_key(|(r, s)| (s.days_left, r.id));
    late.iter()
        .map(|(r, s)| {
            vec![
                r.unit.clone(),
                r.owner.clone(),
                r.state.label().to_string(),
                s.due.clone(),
                (-s.days_left).to_string(),
                when(r.changed_at),
                s.basis.clone(),
            ]
        })
        .collect()
}

/// Unix second `at` as a date and time in China Standard Time (empty: never).
pub fn when(at: i64) -> String {
    if at == 0 {
        return String::new();
    }
    let local = at + 8 * 3600;
    let secs = local.rem_euclid(86_400);
    format!(
        "{} {:02}:{:02}",
        deadline::date_text(local.div_euclid(86_400)),
        secs / 3600,
        secs % 3600 / 60
    )
}

/// `GET /api/late?year=Y&format=csv|xlsx` (the office): the late units of
/// year `Y` (default: the latest round) as `逾期未提交-Y.csv` (UTF-8 with a
/// BOM, cells neutralised against formulas) or `.xlsx`.
pub fn export(server: &Server, session: &Session, head: &Head) -> Answer {
    let round = super::access::office_round(server, session, head, "只有审核账号可以导出")?;
    let Some(year) = round.year else {
        return Err(Reply::error(404, "还没有收集年度"));
    };
    let (store, rows) = (server.store(), round.rows);
    let force = InForce::of(year, &store.deadlines(year)?);
    let mut table = vec![HEADINGS.iter().map(|h| h.to_string()).collect::<Vec<_>>()];
    table.extend(self::table(&rows, &force, deadline::today(store::now())));
    let name = format!("逾期未提交-{year}");
    match query(&head.target, "format").as_deref() {
        Some("xlsx") => Ok(Reply::file(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            &format!("{name}.xlsx"),
            crate::xlsx::table_workbook("逾期未提交", &table),
        )),
        None | Some("csv") => Ok(Reply::file(
            "text/csv; charset=utf-8",
            &format!("{name}.csv"),
            csv(&table).into_bytes(),
        )),
        Some(_) => Err(Reply::error(400, "导出格式只能是 csv 或 xlsx")),
    }
}

/// `rows` as CSV with a BOM, every cell through
/// [`crate::batch::summary::csv_field`].
pub fn csv(rows: &[Vec<String>]) -> String {
    let mut out = String::from("\u{feff}");
    for row in rows {
        let fields: Vec<String> = row
            .iter()
            .map(|f| crate::batch::summary::csv_field(f))
            .collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out
}
