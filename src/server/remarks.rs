//! The office's remarks on a submitted report: each on one cell or text
//! box (its data path, as the page's `data-path`), or on one paragraph of
//! a text box. A remark belongs to the revision it was written on, so the
//! remarks of every round are kept; the report page shows those of the
//! latest round that has any, at their cells.

use serde::Deserialize;
use serde_json::json;

use super::Server;
use super::access::named;
use super::auth::Session;
use super::store::{Entry, Remark, RemarkAdded, ReportRow, Role, State, StoreError};
use crate::load;
use crate::serve::reply::{Answer, Reply};
use crate::source::SourceFile;

/// The longest remark.
pub const MAX_TEXT: usize = 2000;

/// Most remarks on one revision.
pub const MAX_PER_REVISION: i64 = 300;

/// The longest data path taken.
const MAX_PATH: usize = 300;

/// `POST /api/remark`: a remark to add.
#[derive(Debug, Deserialize)]
pub struct Add {
    file: String,
    path: String,
    #[serde(default)]
    para: i64,
    text: String,
}

/// `POST /api/remark/remove`: a remark to take back.
#[derive(Debug, Deserialize)]
pub struct Remove {
    file: String,
    id: i64,
}

/// The remarks the report page shows for `row` (the latest round that
/// has any), and whether the session may add remarks now.
pub fn for_page(server: &Server, session: &Session, row: &ReportRow) -> (Vec<Remark>, bool) {
    let list = server
        .store()
        .remarks(row.meta.id, None)
        .unwrap_or_default();
    let remarking = session.role == Role::Office
        && row.meta.state == State::Submitted
        && super::new_year::still_open(server, row).is_ok();
    (list, remarking)
}

/// The report, if the session is the office's, the report is waiting for
/// review (submitted) and its round is still open; refused with
/// `not_office` for another account, or with `not_submitted` (given the
/// report's state, as shown) for a report in another state.
pub(super) fn under_review(
    server: &Server,
    session: &Session,
    file: &str,
    not_office: &str,
    not_submitted: fn(&str) -> String,
) -> Result<ReportRow, Reply> {
    let row = named(server, session, file)?;
    if session.role != Role::Office {
        return Err(Reply::error(403, not_office));
    }
    if row.meta.state != State::Submitted {
        return Err(Reply::error(409, &not_submitted(row.meta.state.label())));
    }
    super::new_year::still_open(server, &row)?;
    Ok(row)
}

/// The report, if the session is the office's and it is waiting for review.
fn reviewing(server: &Server, session: &Session, file: &str) -> Result<ReportRow, Reply> {
    under_review(
        server,
        session,
        file,
        "只有审核账号可以写审核意见",
        |state| format!("本报告{state}，只能对待审核（已提交）的报告写意见"),
    )
}

/// Whether `path` names a cell or text box of `row`'s page.
fn on_page(row: &ReportRow, path: &str) -> bool {
    let loaded = load::load_str(SourceFile::new(row.meta.id.to_string(), row.text.as_str()));
    loaded.report.is_some_and(|r| {
        crate::editing::state::editable_paths(&r)
            .iter()
            .any(|p| p == path)
    })
}

/// The latest round's remarks as the reply.
fn listed(server: &Server, row: &ReportRow) -> Answer {
    let list = server
        .store()
        .remarks(row.meta.id, Some(row.meta.revision))?;
    Ok(Reply::json(200, &json!({ "remarks": list })))
}

/// `POST /api/remark`: the office remarks on one place of the submitted
/// revision.
pub fn add(server: &Server, session: &Session, req: Add) -> Answer {
    let row = reviewing(server, session, &req.file)?;
    let text = req.text.trim();
    if text.is_empty() || text.chars().count() > MAX_TEXT {
        return Err(Reply::error(400, "审核意见不能为空，也不能超过 2000 字"));
    }
    if req.path.len() > MAX_PATH || !on_page(&row, &req.path) {
        return Err(Reply::error(400, "审核意见的位置不是本报告中的格或段落"));
    }
    if !(0..=10_000).contains(&req.para) {
        return Err(Reply::error(400, "段落序号不对"));
    }
    let remark = Remark {
        id: 0,
        revision: row.meta.revision,
        path: req.path.clone(),
        para: req.para,
        text: text.to_string(),
        who: session.user.clone(),
        at: 0,
    };
    let detail = format!(
        "{} {} 第 {} 版 {}",
        row.meta.unit, row.meta.year, row.meta.revision, req.path
    );
    let audit = Entry {
        who: &session.user,
        action: "remark",
        detail: &detail,
    };
    // The count, the remark and its audit line in one transaction.
    let added = server.store().add_remark(
        row.meta.id,
        row.meta.revision,
        &remark,
        MAX_PER_REVISION,
        &audit,
    );
    match added {
        Ok(RemarkAdded::Added(_)) => {}
        Ok(RemarkAdded::Full) => {
            return Err(Reply::error(400, "这一版的审核意见已经太多，请合并后再写"));
        }
        Err(StoreError::Stale) => return Err(Reply::error(409, "报告已有新的版本，请刷新页面")),
        Err(e) => return Err(Reply::from(e)),
    }
    listed(server, &row)
}

/// `POST /api/remark/remove`: the office takes back a remark of the
/// submitted revision (not one of an earlier round).
pub fn remove(server: &Server, session: &Session, req: Remove) -> Answer {
    let row = reviewing(server, session, &req.file)?;
    if !server
        .store()
        .remove_remark(row.meta.id, row.meta.revision, req.id)?
    {
        return Err(Reply::error(404, "未找到这条审核意见"));
    }
    listed(server, &row)
}
