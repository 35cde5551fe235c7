//! What a session does to one report: open its page, read its state, save
//! edits (each a revision), submit it, return it with a remark, approve
//! it. Departments change only their own unit's reports, while they are
//! editable; the office only returns and approves submitted ones.

use serde::Deserialize;
use serde_json::json;

use super::Server;
use super::access::{named, named_in};
use super::auth::Session;
use super::report_state::{self, ReportState, file_of};
use super::store::{Change, Entry, ReportRow, Role, State, StoreError};
use crate::editing::{self, request::Save, save::Refused};
use crate::load;
use crate::serve::http::Head;
use crate::serve::reply::{Answer, Reason, Reply};
use crate::source::SourceFile;

/// The longest remark taken with a return.
const MAX_REMARK: usize = 4000;

/// `GET /report?f=`: the workbench's report page on this report (the
/// one use of the workbench left in the server).
pub fn page(server: &Server, session: &Session, head: &Head) -> Answer {
    let row = named_in(server, session, head)?;
    let loaded = load::load_str(SourceFile::new(file_of(&row), row.text.as_str()));
    let Some(report) = loaded.report else {
        return Err(Reply::error(500, "报告内容无法读取"));
    };
    let sums = editing::state::sums(&report);
    let open = super::new_year::still_open(server, &row).is_ok();
    let due = if open {
        let own = report.kind.as_ref().map(|(k, b)| (k.value, *b));
        super::deadline::for_report(server, &row, own)?
    } else {
        None
    };
    Ok(Reply::html(super::pages::report(
        session, &row, &report, &sums, open, due,
    )))
}

/// The page's state of `row`, with the report's preview
/// ([`report_state::of`]).
fn state_of(server: &Server, session: &Session, row: &ReportRow) -> ReportState {
    report_state::of(server, session, row, true)
}

/// `GET /api/state?f=`.
pub fn state(server: &Server, session: &Session, head: &Head) -> Answer {
    let row = named_in(server, session, head)?;
    Ok(Reply::json(200, &state_of(server, session, &row)))
}

/// `GET /api/version?f=`.
pub fn version(server: &Server, session: &Session, head: &Head) -> Answer {
    let row = named_in(server, session, head)?;
    Ok(Reply::json(
        200,
        &json!({ "version": editing::state::version(&row.text), "revision": row.meta.revision }),
    ))
}

/// A request naming one report.
#[derive(Debug, Deserialize)]
pub struct Named {
    file: String,
    #[serde(default)]
    remark: String,
}

/// The report, if the session's unit may change it now.
pub(super) fn editable(server: &Server, session: &Session, file: &str) -> Result<ReportRow, Reply> {
    let row = named(server, session, file)?;
    if session.role != Role::Department {
        return Err(Reply::error(403, "审核账号只能查看报告，不能修改"));
    }
    if !row.meta.state.editable() {
        return Err(Reply::refused(
            Reason::Readonly,
            &format!("本报告{}，不能再修改", row.meta.state.label()),
        ));
    }
    super::new_year::still_open(server, &row)?;
    Ok(row)
}

/// The refusal of a change made on a version someone else changed.
pub(super) const STALE: &str = "这份报告已被别人（或另一个页面）修改，这次的修改没有保存。页面已载入最新内容，请核对后重新输入。";

/// The counts a revision is recorded with: errors and cells to fill (a
/// text that reads as no report has none to fill, and its errors say
/// so).
fn counts(state: &ReportState) -> (i64, i64) {
    let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    (count(state.page.errors), state.page.empty.map_or(0, count))
}

/// The change of `row` made by `session`'s account: to `text`, moved to
/// `state` as a revision of kind `kind`, recorded with its counts
/// ([`counts`]) and `remark`, and with the audit line `detail` if given.
fn change<'a>(
    (row, session): (&'a ReportRow, &'a Session),
    (text, state, kind): (&'a str, State, &'a str),
    (errors, empty): (i64, i64),
    remark: &'a str,
    detail: Option<&'a str>,
) -> Change<'a> {
    Change {
        report: row.meta.id,
        base: row.meta.revision,
        base_text: &row.text,
        kind,
        who: &session.user,
        text,
        state,
        errors,
        empty,
        remark,
        audit: detail.map(|detail| Entry {
            who: &session.user,
            action: kind,
            detail,
        }),
    }
}

fn record(server: &Server, change: &Change) -> Result<i64, Reply> {
    // The report's digest is cleared with the change, in its transaction:
    // the summary reads this report again.
    match server.store().record(change) {
        Ok(n) => Ok(n),
        Err(StoreError::Stale) => Err(Reply::refused(Reason::Conflict, STALE)),
        Err(e) => Err(Reply::from(e)),
    }
}

/// `POST /api/save`: the edits applied to the text the page saw, checked,
/// and recorded as the next revision; refused when someone else saved
/// first.
pub fn save(server: &Server, session: &Session, req: Save) -> Answer {
    editing::save::bounded(&req).map_err(save_refused)?;
    let row = editable(server, session, &req.file)?;
    let text = editing::save::apply(&req, &file_of(&row), &row.text).map_err(save_refused)?;
    if text == row.text {
        return Ok(Reply::json(
            200,
            &report_state::of(server, session, &row, req.preview),
        ));
    }
    let next = if row.meta.state == State::Returned {
        State::Returned
    } else {
        State::Filling
    };
    let (state, _) = record_text(
        server,
        session,
        (&row, &text),
        (next, "save"),
        None,
        req.preview,
    )?;
    Ok(Reply::json(200, &state))
}

/// A save's refusal, in the server's words.
fn save_refused(why: Refused) -> Reply {
    match why {
        Refused::TooMany => Reply::error(400, editing::save::TOO_MANY),
        Refused::Stale => Reply::refused(Reason::Conflict, STALE),
        Refused::Unreadable => Reply::error(500, "报告内容无法读取"),
        Refused::Edit(e) => Reply::error(400, &e.to_string()),
    }
}

/// Records `text` as the next revision of `row` (state `next`, kind
/// `kind`), with the audit line `detail` if given, in one transaction: the
/// state of the changed report (its preview only if `preview`) and its
/// revision. Refused when `text` changes the 机关 or 年度
/// ([`super::identity::check_change`]).
pub(super) fn record_text(
    server: &Server,
    session: &Session,
    (row, text): (&ReportRow, &str),
    (next, kind): (State, &str),
    detail: Option<&str>,
    preview: bool,
) -> Result<(ReportState, i64), Reply> {
    let mut changed = ReportRow {
        text: text.to_string(),
        ..row.clone()
    };
    let state = report_state::of(server, session, &changed, preview);
    super::identity::check_change(row, &changed.text)?;
    changed.meta.revision = record(
        server,
        &change(
            (row, session),
            (&changed.text, next, kind),
            counts(&state),
            &row.meta.remark,
            detail,
        ),
    )?;
    Ok((
        state.moved(next, changed.meta.revision),
        changed.meta.revision,
    ))
}

/// Moves `row` to `to` as a revision of kind `kind` (the text unchanged).
fn transition(
    server: &Server,
    session: &Session,
    row: &ReportRow,
    to: State,
    kind: &str,
    remark: &str,
) -> Answer {
    let state = state_of(server, session, row);
    let detail = format!(
        "{} {} 年度 第 {} 版",
        row.meta.unit,
        row.meta.year,
        row.meta.revision + 1
    );
    let revision = record(
        server,
        &change(
            (row, session),
            (&row.text, to, kind),
            counts(&state),
            remark,
            Some(&detail),
        ),
    )?;
    // The text every summary will sum from now on: its digest made once,
    // here (a failure only leaves it for the next summary to make).
    let _ = super::digest::keep(server.store(), row);
    Ok(Reply::json(
        200,
        &json!({ "state": to.key(), "label": to.label(), "revision": revision }),
    ))
}

/// `POST /api/submit`: the unit submits its report, if it has no errors.
pub fn submit(server: &Server, session: &Session, req: Named) -> Answer {
    let row = editable(server, session, &req.file)?;
    super::identity::check_roster(&row, "提交")?;
    let state = state_of(server, session, &row);
    let errors = state.page.errors;
    // A text that reads as no report has no values: refused too.
    if errors > 0 || state.page.values.is_none() {
        return Err(Reply::error(
            409,
            &format!("报告还有 {errors} 处错误，改正后才能提交"),
        ));
    }
    transition(server, session, &row, State::Submitted, "submit", "")
}

/// The submitted report, if the session is the office's.
fn reviewed(server: &Server, session: &Session, file: &str) -> Result<ReportRow, Reply> {
    super::remarks::under_review(
        server,
        session,
        file,
        "只有审核账号可以退回或通过报告",
        |state| format!("本报告{state}，不是待审核的报告"),
    )
}

/// `POST /api/return`: the office sends the report back with a remark; its
/// values stay as they are and its unit may edit it again.
pub fn send_back(server: &Server, session: &Session, req: Named) -> Answer {
    let row = reviewed(server, session, &req.file)?;
    let remark = req.remark.trim();
    let marked = server
        .store()
        .remark_count(row.meta.id, row.meta.revision)?;
    if (remark.is_empty() && marked == 0) || remark.chars().count() > MAX_REMARK {
        return Err(Reply::error(
            400,
            "退回时请写明原因，或先在报告中对需要修改的格或段落写审核意见（原因不超过 4000 字）",
        ));
    }
    let remark = if remark.is_empty() {
        format!("请按报告中的 {marked} 条审核意见修改")
    } else {
        remark.to_string()
    };
    transition(server, session, &row, State::Returned, "return", &remark)
}

/// `POST /api/approve`: the office approves the submitted report.
pub fn approve(server: &Server, session: &Session, req: Named) -> Answer {
    let row = reviewed(server, session, &req.file)?;
    super::identity::check_roster(&row, "通过")?;
    transition(server, session, &row, State::Approved, "approve", "")
}
