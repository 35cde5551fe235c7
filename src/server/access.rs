//! Who may see which report: the report a request names, found only
//! within what its session may see (a department's own unit, or every
//! unit for the office), and the server's failure reply shared by the
//! routes.

use super::Server;
use super::auth::Session;
use super::store::{ReportRow, Role};
use crate::serve::http::Head;
use crate::serve::query::query;
use crate::serve::reply::Reply;

/// A failure as a reply (its detail also for the operator's log).
pub fn failed(e: impl std::fmt::Display) -> Reply {
    Reply::error(500, &format!("服务器内部错误：{e}")).with_detail(e.to_string())
}

/// Whether `session` may see `row`: an office every report of its
/// region's subtree, a unit its account's of every year (under whatever
/// name it had then).
pub fn visible(session: &Session, row: &ReportRow) -> bool {
    (session.role == Role::Office && super::region::within(&session.region, &row.region))
        || (session.role == Role::Department
            && (row.owner == session.user || (row.owner.is_empty() && row.unit == session.unit)))
}

/// The report the request names with `f`, if the session may see it.
pub fn named(server: &Server, session: &Session, id: &str) -> Result<ReportRow, Reply> {
    let missing = || Reply::error(404, "未找到该报告");
    let id: i64 = id.trim().parse().map_err(|_| missing())?;
    let row = server.store().report(id)?;
    row.filter(|r| visible(session, r)).ok_or_else(missing)
}

/// The report of the `f` query parameter.
pub fn named_in(server: &Server, session: &Session, head: &Head) -> Result<ReportRow, Reply> {
    named(
        server,
        session,
        &query(&head.target, "f").unwrap_or_default(),
    )
}

/// The year a request asks for (`year=`), else the latest of `years`.
pub fn chosen_year(head: &Head, years: &[i64]) -> Option<i64> {
    query(&head.target, "year")
        .and_then(|v| v.trim().parse().ok())
        .or_else(|| years.first().copied())
}

/// Whether the query parameter `name` of the request is `value`.
pub fn query_is(head: &Head, name: &str, value: &str) -> bool {
    query(&head.target, name).as_deref() == Some(value)
}
