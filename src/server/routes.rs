//! The server's routes. Every request but the login page and the login
//! itself needs a live session (the `nb_session` cookie); every change
//! also needs the session's CSRF token in `X-Nianbao-Token`. A report is
//! found only within what the session may see: a department asking for
//! another unit's report gets the same 404 as for one that does not exist.

use std::collections::HashMap;

use serde_json::{Value, json};

use super::Server;
use super::access::failed;
use super::auth::{self, Session};
use super::pages;
use super::reply::{self, WithSession};
use super::store::{self, ReportMeta, Role};
use super::{account_admin, actions, county, deadline, history, output, remarks};
use crate::editing::request::Clean;
use crate::serve::http::Head;
use crate::serve::reply::{Answer, Reply, parse};

/// Answers one request that passed the gate.
pub fn handle(server: &Server, head: &Head, body: &[u8]) -> Reply {
    let route = head.target.split('?').next().unwrap_or("");
    let method = head.method.as_str();
    if method != "GET" && method != "POST" {
        return Reply::error(405, "服务器只接受 GET 和 POST 请求");
    }
    if (method, route) == ("POST", "/api/login") {
        return super::login::login(server, head, body).unwrap_or_else(|r| r);
    }
    if (method, route) == ("GET", "/login") {
        return Reply::html(pages::login());
    }
    if method == "GET"
        && let Some(script) = pages::asset(route)
    {
        return script;
    }
    let (session, token) = match signed_in(server, head) {
        Ok(found) => found,
        Err(refused) => return refused,
    };
    let opens_a_page = method == "GET" && !route.starts_with("/api/");
    route_to(server, &session, token, head, body).unwrap_or_else(|r| {
        if opens_a_page {
            // The browser shows this: a page in Chinese with a way back,
            // never raw JSON (the API's refusals stay JSON).
            r.as_page(|said| pages::problem(said.unwrap_or("无法打开这个页面")))
        } else {
            r
        }
    })
}

/// Whether a request may go on past its head: the login page and the
/// login itself are open; every other request needs a live session, and a
/// change the session's CSRF token. Checked by the gate before any body is
/// read or memory reserved for it, and again by [`handle`].
pub fn authorised(server: &Server, head: &Head) -> Result<(), Reply> {
    let route = head.target.split('?').next().unwrap_or("");
    match (head.method.as_str(), route) {
        ("POST", "/api/login") | ("GET", "/login") => Ok(()),
        ("GET", _) if pages::asset(route).is_some() => Ok(()),
        (method, _) if method != "GET" && method != "POST" => {
            Err(Reply::error(405, "服务器只接受 GET 和 POST 请求"))
        }
        _ => signed_in(server, head).map(|_| ()),
    }
}

/// The request's session and its cookie token, or the answer refusing it:
/// the login page for a page, 401 for the API, 503 when the store cannot
/// be read (the database away: never taken for a session ended), 403 for
/// a change without
/// the session's CSRF token.
fn signed_in<'h>(server: &Server, head: &'h Head) -> Result<(Session, &'h str), Reply> {
    let route = head.target.split('?').next().unwrap_or("");
    let method = head.method.as_str();
    let token = reply::session_cookie(head.header("cookie")).unwrap_or("");
    let Some(session) = server.sessions.lookup(token).map_err(Reply::from)? else {
        return Err(if method == "GET" && !route.starts_with("/api/") {
            Reply::html(pages::login())
        } else {
            Reply::error(401, "请先登录")
        });
    };
    if method == "POST" {
        let given = head.header("x-nianbao-token").unwrap_or("");
        if !auth::same(given, &session.csrf) {
            return Err(Reply::error(
                403,
                "拒绝访问：缺少或错误的表单口令，请刷新页面后重试",
            ));
        }
    }
    Ok((session, token))
}

/// The routes that write a line of the audit log, each taking one from
/// a unit account's budget ([`super::audit_rate`]).
const AUDITED: &[(&str, &str)] = &[
    ("POST", "/api/deadline"),
    ("POST", "/api/submit"),
    ("POST", "/api/return"),
    ("POST", "/api/approve"),
    ("POST", "/api/remark"),
    ("POST", "/api/remark/remove"),
    ("POST", "/api/start"),
    ("POST", "/api/backup"),
    ("POST", "/api/password"),
    ("POST", "/api/account/reset"),
    ("POST", "/api/account/unlock"),
    ("POST", "/api/new-year"),
    ("GET", "/api/export"),
    ("GET", "/api/audit"),
];

/// The routes behind the session check.
fn route_to(server: &Server, session: &Session, token: &str, head: &Head, body: &[u8]) -> Answer {
    let route = head.target.split('?').next().unwrap_or("");
    // A unit's (department's) account: the office's own work (approving a
    // county's list in one sitting) is not budgeted.
    if session.role == Role::Department
        && AUDITED.contains(&(head.method.as_str(), route))
        && !server.audit_rate.take(&session.user)
    {
        return Err(super::audit_rate::refusal());
    }
    match (head.method.as_str(), route) {
        ("GET", "/") => Ok(Reply::html(pages::board(session))),
        ("GET", "/api/reports") => list(server, session, head),
        ("GET", "/report") => actions::page(server, session, head),
        ("GET", "/api/state") => actions::state(server, session, head),
        ("GET", "/api/version") => actions::version(server, session, head),
        ("GET", "/api/revisions") => revisions(server, session, head),
        ("GET", "/compare") => history::page(server, session, head),
        ("GET", "/api/county") => county::summary(server, session, head),
        ("GET", "/api/regions") => super::region::progress(server, session, head),
        ("GET", "/api/download") => output::download(server, session, head),
        ("GET", "/api/export") => output::export(server, session, head),
        ("GET", "/api/late") => super::late::export(server, session, head),
        ("GET", "/overview") => super::overview::page(server, session, head),
        ("GET", "/audit") => super::audit_log::page(server, session, head),
        ("GET", "/api/audit") => super::audit_log::export(server, session, head),
        ("POST", "/api/deadline") => parse(body).and_then(|r| deadline::set(server, session, r)),
        ("POST", "/api/save") => parse(body).and_then(|r| actions::save(server, session, r)),
        ("POST", "/api/submit") => parse(body).and_then(|r| actions::submit(server, session, r)),
        ("POST", "/api/return") => parse(body).and_then(|r| actions::send_back(server, session, r)),
        ("POST", "/api/approve") => parse(body).and_then(|r| actions::approve(server, session, r)),
        ("POST", "/api/build") => parse(body).and_then(|r| output::build(server, session, r)),
        ("POST", "/api/remark") => parse(body).and_then(|r| remarks::add(server, session, r)),
        ("POST", "/api/remark/remove") => {
            parse(body).and_then(|r| remarks::remove(server, session, r))
        }
        ("POST", "/api/start") => super::from_upload::start(server, session, head, body),
        ("POST", "/api/backup") => backup(server, session),
        ("GET", "/api/accounts") => account_admin::list(server, session),
        ("POST", "/api/password") => {
            parse(body).and_then(|r| account_admin::change(server, session, token, r))
        }
        ("POST", "/api/account/reset") => {
            parse(body).and_then(|r| account_admin::reset(server, session, r))
        }
        ("POST", "/api/account/unlock") => {
            parse(body).and_then(|r| account_admin::unlock(server, session, r))
        }
        ("POST", "/api/new-year") => super::opening::open(server, session, head, body),
        ("GET", "/api/new-year") => super::opening::checklist(server, session),
        ("POST", "/api/clean") => parse(body).map(|r: Clean| {
            let text = crate::render::paragraphs::normalize(&r.text.replace("\r\n", "\n"));
            Reply::json(200, &json!({ "text": text }))
        }),
        ("POST", "/api/logout") => {
            server.sessions.end(token);
            Ok(Reply::json(200, &json!({ "ok": true })).with_session(""))
        }
        _ => Err(Reply::error(404, "未找到")),
    }
}

/// A report's line in the list and on the board.
fn entry(row: &ReportMeta) -> Value {
    json!({
        "id": row.id,
        "unit": row.unit,
        "year": row.year,
        "state": row.state.key(),
        "label": row.state.label(),
        "errors": row.errors,
        "empty": row.empty,
        "revision": row.revision,
        "remark": row.remark,
        "changed_at": row.changed_at,
        "changed_by": row.changed_by,
        "owner": row.owner,
        "region": row.region,
    })
}

/// `GET /api/reports[?year=Y]`: what the session may see of year `Y`
/// (default: the latest round; an office its region's subtree), sorted by
/// what needs attention (submitted, returned, filling, not started,
/// approved; within one state the most errors, then the longest
/// untouched, first), with the years there are. With `page`, `per`,
/// `state`, `errors` or `county` one page of the list filtered so
/// ([`super::region::Filter`]), with the counts and the units not handed
/// in of the whole region. Metadata only: the board never reads a
/// report's text.
fn list(server: &Server, session: &Session, head: &Head) -> Answer {
    let owner = (session.role == Role::Department).then_some(session.user.as_str());
    let years = server.store().rounds()?;
    let year = super::access::chosen_year(head, &years);
    let scope = super::access::scope(session, head)?;
    let mut rows: Vec<ReportMeta> = match year {
        Some(year) => server.store().listing(owner, Some(year))?,
        None => Vec::new(),
    };
    if session.role == Role::Office {
        rows.retain(|r| super::access::within(&scope, &r.region));
    }
    let set = match year {
        Some(year) => server.store().deadlines(year)?,
        None => Default::default(),
    };
    let force = deadline::InForce::of(year.unwrap_or(0), &set);
    let today = deadline::today(store::now());
    let standings: HashMap<i64, deadline::Standing> = rows
        .iter()
        .map(|r| (r.id, deadline::standing(r, &force, today)))
        .collect();
    // Late units first (issue 65), then by what needs attention.
    rows.sort_by_key(|r| {
        let s = &standings[&r.id];
        (
            !s.late,
            attention(r.state),
            std::cmp::Reverse(r.errors.unwrap_or(0)),
            r.changed_at,
            r.id,
        )
    });
    let mut extra = Value::Null;
    if let Some(filter) = super::region::Filter::of(head) {
        (rows, extra) = super::region::page(rows, &filter, &scope);
    }
    let reports: Vec<Value> = rows
        .iter()
        .map(|r| {
            let mut e = entry(r);
            if let Some(s) = standings.get(&r.id) {
                e["due"] = json!(s.due);
                e["days_left"] = json!(s.days_left);
                e["late"] = json!(s.late);
                e["due_words"] = json!(deadline::words(s));
                e["due_basis"] = json!(s.basis);
            }
            e
        })
        .collect();
    let deadlines = year.map(|y| deadline::describe(&set, y));
    let mut out = json!({ "user": session.user, "unit": session.unit, "reports": reports,
                          "year": year, "years": years, "latest": years.first(),
                          "region": session.region, "deadlines": deadlines });
    if let (Value::Object(fields), Some(o)) = (extra, out.as_object_mut()) {
        o.extend(fields);
    }
    Ok(Reply::json(200, &out))
}

fn attention(state: store::State) -> u8 {
    use store::State::*;
    match state {
        Submitted => 0,
        Returned => 1,
        Filling => 2,
        New => 3,
        Approved => 4,
    }
}

/// `GET /api/revisions?f=`: the report's revisions, oldest first.
fn revisions(server: &Server, session: &Session, head: &Head) -> Answer {
    let row = super::access::named_in(server, session, head)?;
    let store = server.store();
    let mut list: Vec<Value> = Vec::new();
    for r in store.revisions(row.meta.id)? {
        let remarks = store.remark_count(row.meta.id, r.revision)?;
        list.push(
            json!({ "revision": r.revision, "kind": r.kind, "label": history::kind_label(&r.kind),
                          "who": r.who, "at": r.at, "remark": r.remark, "remarks": remarks }),
        );
    }
    Ok(Reply::json(200, &json!({ "revisions": list })))
}

/// The folder backups are written to, in the server's folder.
pub use super::backup::BACKUP_DIR;

/// `POST /api/backup` (the office): a copy of the database, made while
/// serving, in `DIR/备份/` ([`super::backup::take`]).
fn backup(server: &Server, session: &Session) -> Answer {
    if session.role != Role::Office || !session.region.is_empty() {
        return Err(Reply::error(403, "只有最上级的审核账号可以备份"));
    }
    let store = server.store();
    if let Some(advice) = store.backup_by_tool() {
        return Ok(Reply::json(200, &json!({ "message": advice })));
    }
    let name = super::backup::take(store, &server.dir).map_err(|e| {
        if e.contains("刚刚已备份过") {
            Reply::error(409, &e)
        } else {
            failed(e)
        }
    })?;
    // The copy, then its line in the log (a copy is no change to the
    // store, so the two need no common transaction).
    store.audit(&session.user, "backup", &name)?;
    Ok(Reply::json(
        200,
        &json!({ "file": format!("{BACKUP_DIR}/{name}") }),
    ))
}
