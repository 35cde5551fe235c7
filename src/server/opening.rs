//! The two ways a year is opened ([`super::new_year`]): the office's
//! `POST /api/new-year` on its board (the units as they are, or a roster
//! uploaded with it; the new accounts' passwords shown once in the
//! answer), and the operator's `nianbao server new-year DIR` (a roster
//! file; the new accounts' passwords written once to a file).

use serde::Deserialize;
use serde_json::{Value, json};

use super::Server;
use super::access::failed;
use super::auth::Session;
use super::new_year::open_next;
use super::store::{self, Role};
use crate::batch::roster::Roster;
use crate::serve::http::Head;
use crate::serve::query::query;
use crate::serve::reply::{Answer, Reply, parse};

/// The file the passwords of the units added with round `year` are
/// written to, in the server's folder.
pub fn password_file(year: i64) -> String {
    format!("新账号密码-{year}.csv")
}

/// `nianbao server new-year DIR`: opens the next round in the store of
/// `dir`; the passwords of units added go to [`password_file`] (written
/// once, its owner's only). Returns the lines to print.
pub fn in_folder(
    dir: &std::path::Path,
    year: Option<i64>,
    roster: Option<&Roster>,
    carry: bool,
) -> Result<Vec<String>, String> {
    let opened_store = store::open_existing(dir)?;
    let next = match year {
        Some(y) => y,
        None => opened_store.rounds()?.first().map_or(0, |y| y + 1),
    };
    let passwords = dir.join(password_file(next));
    if roster.is_some() && passwords.exists() {
        return Err(format!("{} 已存在，不会覆盖", passwords.display()));
    }
    let opened = open_next(opened_store.as_ref(), year, roster, "nianbao", carry)?;
    let mut lines = vec![format!(
        "已开启 {} 年度：{} 份报告（{} 份由上年已通过的报告生成，{} 份由上年最新保存的内容生成，{} 份空白）",
        opened.year,
        opened.from_approved + opened.from_latest + opened.blank,
        opened.from_approved,
        opened.from_latest,
        opened.blank
    )];
    for (user, unit) in &opened.carried_in_review {
        lines.push(format!(
            "结转：{user} {unit} 的上年报告已提交、未审核，按提交的内容结转（不能再通过或退回）"
        ));
    }
    for (user, old, new) in &opened.renamed {
        lines.push(format!("更名：{user} {old} → {new}（往年报告保留原名）"));
    }
    for (user, unit) in &opened.retired {
        lines.push(format!("停用：{user} {unit}（不在新名单中；往年报告保留）"));
    }
    if !opened.added.is_empty() {
        let accounts: Vec<super::setup::NewAccount> = opened
            .added
            .iter()
            .map(|(u, p, n)| (u.clone(), p.clone(), n.clone(), Role::Department))
            .collect();
        super::setup::write_passwords(&passwords, &accounts)?;
        for (user, _, unit) in &opened.added {
            lines.push(format!("新增：{user} {unit}"));
        }
        lines.push(format!(
            "新账号的初始密码：{}（只写这一次，请分发后妥善保管或删除）",
            passwords.display()
        ));
    }
    Ok(lines)
}

/// `POST /api/new-year`'s JSON body.
#[derive(Debug, Deserialize)]
pub struct Ask {
    /// The year to open: named, so that a second click (or a second
    /// page) opens nothing more.
    year: i64,
    /// Whether reports still in review are carried over as they are
    /// (else the opening is refused while there are any, naming them).
    #[serde(default)]
    carry: bool,
}

/// What a request asks: the year, and the roster uploaded with it.
fn asked(head: &Head, body: &[u8]) -> Result<(i64, bool, Option<Roster>), Reply> {
    let Some(name) = query(&head.target, "name").filter(|n| !n.trim().is_empty()) else {
        let ask: Ask = parse(body)?;
        return Ok((ask.year, ask.carry, None));
    };
    let carry = query(&head.target, "carry").is_some_and(|c| c == "1");
    let year = query(&head.target, "year")
        .and_then(|y| y.trim().parse().ok())
        .ok_or_else(|| Reply::error(400, "请给出要开启的年度"))?;
    let roster = crate::batch::roster::from_bytes(std::path::Path::new(name.trim()), body)
        .map_err(|e| Reply::error(400, &format!("名单无法读取：{e}")))?;
    Ok((year, carry, Some(roster)))
}

/// `POST /api/new-year` (the office): opens the round of the year named
/// (only the next one) — `{"year"}` keeps the units as they are;
/// `?year=Y&name=FILE` with the roster file as the body re-reads it
/// (units added, renamed, retired; the new accounts' one-time passwords
/// in the answer, shown once).
pub fn open(server: &Server, session: &Session, head: &Head, body: &[u8]) -> Answer {
    if session.role != Role::Office || !session.region.is_empty() {
        return Err(Reply::error(403, "只有最上级的审核账号可以开启新年度"));
    }
    let (year, carry, roster) = asked(head, body)?;
    let _one = server.building.lock().unwrap_or_else(|e| e.into_inner());
    let pending = super::new_year::in_review(server.store()).map_err(failed)?;
    if !carry && !pending.is_empty() {
        let reports: Vec<Value> = pending
            .iter()
            .map(|r| json!({ "id": r.meta.id, "unit": r.meta.unit, "user": r.meta.owner }))
            .collect();
        return Err(Reply::json(
            409,
            &json!({
                "error": super::new_year::in_review_refusal(&pending),
                "in_review": reports,
            }),
        ));
    }
    let opened = open_next(
        server.store(),
        Some(year),
        roster.as_ref(),
        &session.user,
        carry,
    )
    .map_err(|e| {
        if e.contains("已经开启") || e.contains("只能开启") {
            Reply::error(409, &e)
        } else if e.contains("名单中的") {
            Reply::error(400, &e)
        } else {
            failed(e)
        }
    })?;
    let added: Vec<Value> = opened
        .added
        .iter()
        .map(|(user, password, unit)| json!({ "user": user, "password": password, "unit": unit }))
        .collect();
    let renamed: Vec<Value> = opened
        .renamed
        .iter()
        .map(|(user, old, new)| json!({ "user": user, "from": old, "to": new }))
        .collect();
    let retired: Vec<Value> = opened
        .retired
        .iter()
        .map(|(user, unit)| json!({ "user": user, "unit": unit }))
        .collect();
    Ok(Reply::json(
        200,
        &json!({
            "year": opened.year,
            "from_approved": opened.from_approved,
            "from_latest": opened.from_latest,
            "blank": opened.blank,
            "added": added,
            "renamed": renamed,
            "retired": retired,
            "carried_in_review": opened
                .carried_in_review
                .iter()
                .map(|(user, unit)| json!({ "user": user, "unit": unit }))
                .collect::<Vec<Value>>(),
        }),
    ))
}

/// `GET /api/new-year` (the top office): what to see to before the next
/// year is opened (issue 75.5) — the reports still in review (已提交:
/// approve or return them first, or carry them over) and the last backup
/// (from the audit log: its time and file; `backup_by_tool` when the
/// database's own tool backs it up).
pub fn checklist(server: &Server, session: &Session) -> Answer {
    if session.role != Role::Office || !session.region.is_empty() {
        return Err(Reply::error(403, "只有最上级的审核账号可以开启新年度"));
    }
    let store = server.store();
    let pending: Vec<Value> = super::new_year::in_review(store)
        .map_err(failed)?
        .iter()
        .map(|r| json!({ "id": r.meta.id, "unit": r.meta.unit, "user": r.meta.owner }))
        .collect();
    let last = store.audit_log(&store::AuditFilter {
        who: "",
        actions: &["backup"],
        unit: "",
        limit: 1,
    })?;
    let backup = last
        .first()
        .map(|l| json!({ "at": l.at, "file": l.detail, "who": l.who }));
    Ok(Reply::json(
        200,
        &json!({
            "year": store.rounds()?.first(),
            "in_review": pending,
            "last_backup": backup,
            "backup_by_tool": store.backup_by_tool().is_some(),
        }),
    ))
}
