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
use crate::slice::Slice;

/// A failure as a reply (its detail also for the operator's log).
pub fn failed(e: impl std::fmt::Display) -> Reply {
    Reply::error(500, &format!("服务器内部错误：{e}")).with_detail(e.to_string())
}

/// Whether `session` may see `row`: an office every report of its
/// region's subtree, a unit its account's of every year (under whatever
/// name it had then).
pub fn visible(session: &Session, row: &ReportRow) -> bool {
    (session.role == Role::Office && within(&session.region, &row.meta.region))
        || (session.role == Role::Department
            && (row.meta.owner == session.user
                || (row.meta.owner.is_empty() && row.meta.unit == session.unit)))
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

/// Whether `path` is the region `top` or below it (the top, empty, holds
/// every region).
pub fn within(top: &str, path: &str) -> bool {
    top.is_empty()
        || path == top
        || (path.len() > top.len()
            && path.starts_with(top)
            && path.slice_from(top.len()).starts_with('/'))
}

/// The region a request of an office asks for (`county=PATH`, the
/// drill-down), which must be the session's region or below it; else the
/// session's own. A region outside the session's is the same 404 as one
/// that does not exist.
pub fn scope(session: &Session, head: &Head) -> Result<String, Reply> {
    let Some(asked) = query(&head.target, "county").filter(|c| !c.trim().is_empty()) else {
        return Ok(session.region.clone());
    };
    let missing = || Reply::error(404, "未找到该地区");
    let asked = crate::batch::roster::region_path(&asked).map_err(|_| missing())?;
    if session.role == Role::Office && within(&session.region, &asked) {
        Ok(asked)
    } else {
        Err(missing())
    }
}

/// The name of the region directly below `scope` that `path` lies in;
/// `None` for a unit of `scope` itself.
pub fn child<'p>(scope: &str, path: &'p str) -> Option<&'p str> {
    let rest = if scope.is_empty() {
        path
    } else {
        path.strip_prefix(scope)?.strip_prefix('/')?
    };
    rest.split('/').next().filter(|c| !c.is_empty())
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

/// One collection round as an office's page or export sees it.
#[derive(Debug)]
pub struct OfficeRound {
    /// The years that have a round, the latest first.
    pub years: Vec<i64>,
    /// The year asked for (`year=Y`), else the latest; `None` while no
    /// round has been opened.
    pub year: Option<i64>,
    /// The region asked for ([`scope`]).
    pub scope: String,
    /// That year's reports in the region or below it.
    pub rows: Vec<super::store::ReportMeta>,
}

/// The round an office's request asks for: refused with 403 and
/// `refusal` for a unit's account, 404 for a region outside the session's.
pub fn office_round(
    server: &Server,
    session: &Session,
    head: &Head,
    refusal: &str,
) -> Result<OfficeRound, Reply> {
    if session.role != Role::Office {
        return Err(Reply::error(403, refusal));
    }
    let scope = scope(session, head)?;
    let store = server.store();
    let years = store.rounds()?;
    let year = chosen_year(head, &years);
    let rows = match year {
        Some(year) => in_scope(store.listing(None, Some(year))?, &scope),
        None => Vec::new(),
    };
    Ok(OfficeRound {
        years,
        year,
        scope,
        rows,
    })
}

/// The rows of `rows` in the region `scope` or below it (an office's
/// subtree: [`scope`]).
pub fn in_scope(
    mut rows: Vec<super::store::ReportMeta>,
    scope: &str,
) -> Vec<super::store::ReportMeta> {
    rows.retain(|r| within(scope, &r.region));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_region_holds_its_own_subtree_only() {
        assert!(within("", "某市/某县"));
        assert!(within("某市", "某市/某县"));
        assert!(within("某市/某县", "某市/某县"));
        assert!(!within("某市/某县", "某市/某县二"));
        assert!(!within("某市/某县", "某市"));
        assert!(!within("某市/某县", "某市/另一县"));
        assert!(!within("某市", ""));
        assert_eq!(child("", "某市/某县"), Some("某市"));
        assert_eq!(child("某市", "某市/某县/某镇"), Some("某县"));
        assert_eq!(child("某市", "某市"), None);
        assert_eq!(child("某市", "某市二/某县"), None);
    }
}
