//! 审计日志 (`GET /audit`, the office; issue 65): the audit log readable —
//! logins, failures, lockouts, submissions, returns, approvals, account
//! changes, backups —, filtered by unit, account and kind, and exported
//! (`GET /api/audit?…&format=csv|xlsx`). The log never holds a secret; a
//! browser's device is shown as such, never by its hash.

use serde_json::json;

use super::Server;
use super::auth::Session;
use super::late::{csv, when};
use super::store::{AuditFilter, AuditLine, Role};
use crate::percent::encode;
use crate::serve::http::Head;
use crate::serve::query::query;
use crate::serve::reply::{Answer, Reply};

/// Lines shown on the page at most (the newest).
const PAGE_LINES: i64 = 500;
/// Lines exported at most (the newest).
const EXPORT_LINES: i64 = 100_000;

/// The kinds of line, each with the actions it covers.
pub const KINDS: &[(&str, &str, &[&str])] = &[
    (
        "login",
        "登录与锁定",
        &[
            "登录",
            "登录失败",
            "登录失败并锁定",
            "登录被拒（已锁定）",
            "登录被拒（账号上限）",
            "登录被拒（已停用）",
            "登录失败过多（按地址限制）",
        ],
    ),
    (
        "report",
        "提交、退回、通过与审核意见",
        &["submit", "return", "approve", "start", "remark"],
    ),
    (
        "account",
        "账号变更",
        &[
            "重置密码",
            "设置密码",
            "修改密码",
            "修改密码失败（原密码错误）",
            "解除锁定",
            "添加审核账号",
        ],
    ),
    ("backup", "备份与导出", &["backup", "export"]),
    (
        "round",
        "年度与截止日期",
        &["初始化", "开启新年度", "设置截止日期"],
    ),
];

/// What an action is called on the page.
pub fn action_label(action: &str) -> &str {
    match action {
        "submit" => "提交",
        "return" => "退回",
        "approve" => "通过",
        "start" => "从上传的文件开始",
        "remark" => "审核意见",
        "backup" => "备份数据库",
        "export" => "导出已通过的报告",
        other => other,
    }
}

/// A line's detail as shown: a client counted by its device cookie is
/// 已登录过的浏览器 (never the hash's digits), an address is named as one.
pub fn detail_shown(detail: &str) -> String {
    if detail.starts_with("device:") {
        "已登录过的浏览器".to_string()
    } else if let Some(addr) = detail.strip_prefix("addr:") {
        format!("地址 {addr}")
    } else {
        detail.to_string()
    }
}

/// The filter a request asks for (`who`, `unit`, `kind`), with the
/// query's values to show again in the form.
fn filter_of(head: &Head) -> (String, String, String) {
    let get = |name| {
        query(&head.target, name)
            .unwrap_or_default()
            .trim()
            .to_string()
    };
    (get("who"), get("unit"), get("kind"))
}

/// The lines of the audit log `head` asks for, at most `limit`.
fn lines(server: &Server, head: &Head, limit: i64) -> Result<Vec<AuditLine>, Reply> {
    let (who, unit, kind) = filter_of(head);
    let actions: &[&str] = KINDS
        .iter()
        .find(|(key, _, _)| *key == kind)
        .map_or(&[], |(_, _, actions)| actions);
    Ok(server.store().audit_log(&AuditFilter {
        who: &who,
        actions,
        unit: &unit,
        limit,
    })?)
}

/// `lines` as rows: time, account, action, detail.
fn rows(lines: &[AuditLine]) -> Vec<Vec<String>> {
    lines
        .iter()
        .map(|l| {
            vec![
                when(l.at),
                l.who.clone(),
                action_label(&l.action).to_string(),
                detail_shown(&l.detail),
            ]
        })
        .collect()
}

/// The headings of the log's table.
const HEADINGS: [&str; 4] = ["时间（北京时间）", "账号", "操作", "详情"];

fn office(session: &Session) -> Result<(), Reply> {
    // The log names every region's accounts: the top office's only.
    if session.role != Role::Office || !session.region.is_empty() {
        return Err(Reply::error(403, "只有最上级的审核账号可以查看审计日志"));
    }
    Ok(())
}

/// `GET /audit[?who=&unit=&kind=]`: the page, the newest lines first.
pub fn page(server: &Server, session: &Session, head: &Head) -> Answer {
    office(session)?;
    let (who, unit, kind) = filter_of(head);
    let lines = lines(server, head, PAGE_LINES + 1)?;
    let more = lines.len() as i64 > PAGE_LINES;
    let shown = &lines[..lines.len().min(PAGE_LINES as usize)];
    let accounts = server.store().accounts()?;
    let mut context = super::pages::document_context("audit.js");
    context.insert("title", "审计日志");
    context.insert("headings", &HEADINGS);
    context.insert("rows", &rows(shown));
    context.insert("more", &more);
    context.insert("limit", &PAGE_LINES);
    context.insert("who", &who);
    context.insert("unit", &unit);
    context.insert("kind", &kind);
    let kinds: Vec<(&str, &str)> = KINDS.iter().map(|(k, l, _)| (*k, *l)).collect();
    context.insert("kinds", &kinds);
    let users: Vec<&str> = accounts.iter().map(|a| a.user.as_str()).collect();
    let mut units: Vec<&str> = accounts.iter().map(|a| a.unit.as_str()).collect();
    units.sort_unstable();
    units.dedup();
    context.insert("users", &users);
    context.insert("units", &units);
    let filter = format!(
        "who={}&unit={}&kind={}",
        encode(&who),
        encode(&unit),
        encode(&kind)
    );
    context.insert("filter", &filter);
    context.insert("boot", &crate::render::pages::script_json(&json!({})));
    Ok(Reply::html(
        super::pages::pages().render("server/audit.html", &context),
    ))
}

/// `GET /api/audit?who=&unit=&kind=&format=csv|xlsx`: the lines chosen
/// (the newest 100,000) as `审计日志.csv` (a BOM, cells neutralised
/// against formulas) or `.xlsx`.
pub fn export(server: &Server, session: &Session, head: &Head) -> Answer {
    office(session)?;
    let mut table = vec![HEADINGS.iter().map(|h| h.to_string()).collect::<Vec<_>>()];
    table.extend(rows(&lines(server, head, EXPORT_LINES)?));
    server.store().audit(&session.user, "export", "审计日志")?;
    match query(&head.target, "format").as_deref() {
        Some("xlsx") => Ok(Reply::file(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "审计日志.xlsx",
            crate::xlsx::table_workbook("审计日志", &table),
        )),
        None | Some("csv") => Ok(Reply::file(
            "text/csv; charset=utf-8",
            "审计日志.csv",
            csv(&table).into_bytes(),
        )),
        Some(_) => Err(Reply::error(400, "导出格式只能是 csv 或 xlsx")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_device_is_never_shown_by_its_hash() {
        assert_eq!(detail_shown("device:0123456789abcdef"), "已登录过的浏览器");
        assert_eq!(detail_shown("addr:10.0.0.1"), "地址 10.0.0.1");
        assert_eq!(action_label("approve"), "通过");
    }
}
