//! The server's own pages: the login page, the board (a department's
//! reports, or every unit's for the office) and the report page. Each
//! extends a page of the workbench ([`crate::workbench::page`]) by
//! overriding its blocks (`pages/`); the scripts are compiled in
//! (`assets/`).

use serde_json::json;

use super::auth::Session;
use super::store::{ReportRow, Role};
use crate::model::Report;
use crate::render::pages::{Pages, script_json};
use crate::serve::reply::Reply;
use crate::workbench::page as bench;

pub(super) const STYLE: &str = include_str!("assets/style.css");
const LOGIN_SCRIPT: &str = include_str!("assets/login.js");
const BOARD_SCRIPT: &str = include_str!("assets/board.js");
/// The script of the board's regions: progress, drill-down, paging.
const REGIONS_SCRIPT: &str = include_str!("assets/regions.js");
/// The style of the board's regions.
const REGIONS_STYLE: &str = include_str!("assets/regions.css");
/// The script of the control on an editable report's page that uploads a
/// file to `POST /api/start` (see `super::from_upload`) and reloads the page
/// with the result.
const START_SCRIPT: &str = include_str!("assets/start.js");

/// The script of the 退出登录 button on the board and the report page.
const LOGOUT_SCRIPT: &str = include_str!("assets/logout.js");
/// The script of the menus that choose the versions compared.
const VERSIONS_SCRIPT: &str = include_str!("assets/versions.js");

/// The server's page templates (`pages/`), by name.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("server/login.html", include_str!("pages/login.html")),
    ("server/board.html", include_str!("pages/board.html")),
    ("server/regions.html", include_str!("pages/regions.html")),
    ("server/report.html", include_str!("pages/report.html")),
    (
        "server/versions-nav.html",
        include_str!("pages/versions-nav.html"),
    ),
    ("server/versions.html", include_str!("pages/versions.html")),
    ("server/overview.html", include_str!("pages/overview.html")),
    (
        "server/deadline-panel.html",
        include_str!("pages/deadline-panel.html"),
    ),
    ("server/audit.html", include_str!("pages/audit.html")),
    (
        "server/board-links.html",
        include_str!("pages/board-links.html"),
    ),
    ("server/due.html", include_str!("pages/due.html")),
    (
        "server/no-versions.html",
        include_str!("pages/no-versions.html"),
    ),
    ("server/problem.html", include_str!("pages/problem.html")),
];

/// The workbench's templates and the server's.
pub fn pages() -> &'static Pages {
    static PAGES: std::sync::OnceLock<Pages> = std::sync::OnceLock::new();
    PAGES
        .get_or_init(|| Pages::new(&[bench::TEMPLATES, crate::compare::html::TEMPLATES, TEMPLATES]))
}

/// The content security policy of every answer of the server: no inline
/// script at all (every script is a file of its own under `/assets/`, and
/// no element carries a handler), inline style only, requests to this
/// server only, the rendered report in a frame of its own.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; \
                       connect-src 'self'; frame-src 'self'; img-src 'self' data:; font-src 'self' data:; \
                       base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// The scripts of the server's pages, served at `/assets/NAME` to anyone
/// (they hold no data; the login page needs its own before any session).
const ASSETS: &[(&str, &str)] = &[
    ("workbench.js", bench::SCRIPT),
    ("login.js", LOGIN_SCRIPT),
    ("board.js", BOARD_SCRIPT),
    ("regions.js", REGIONS_SCRIPT),
    ("start.js", START_SCRIPT),
    ("logout.js", LOGOUT_SCRIPT),
    ("versions.js", VERSIONS_SCRIPT),
    ("overview.js", include_str!("assets/overview.js")),
    ("audit.js", include_str!("assets/audit.js")),
];

/// `GET /assets/NAME`: one of the pages' scripts, or `None`.
pub fn asset(route: &str) -> Option<Reply> {
    let name = route.strip_prefix("/assets/")?;
    ASSETS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, script)| Reply::script(script))
}

/// The document's values of a server page: its style and its script
/// (`/assets/NAME`).
pub(super) fn document_context(script: &str) -> tera::Context {
    let mut context = tera::Context::new();
    context.insert("no_icon", crate::serve::NO_ICON);
    context.insert("style", STYLE);
    context.insert("script_src", &format!("/assets/{script}"));
    context
}

/// The login page.
pub fn login() -> String {
    pages().render("server/login.html", &document_context("login.js"))
}

/// The page a page route answers when it cannot open what it names (a
/// report that does not exist or is another unit's, a version that is
/// not there): `message`, in Chinese, with the way back to the board.
pub fn problem(message: &str) -> String {
    let mut context = document_context("logout.js");
    context.insert("message", message);
    pages().render("server/problem.html", &context)
}

/// The board: the session's reports (a department's own, every unit's for
/// the office) with their state, errors, cells left and last change; for
/// the office also who has not submitted, the county's sum and problems,
/// and the export of the approved reports.
pub fn board(session: &Session) -> String {
    let office = session.role == Role::Office;
    let mut context = document_context("board.js");
    context.insert("style", &format!("{STYLE}{REGIONS_STYLE}"));
    context.insert(
        "title",
        if office {
            "各单位年报"
        } else {
            "本单位年报"
        },
    );
    context.insert("unit", &session.unit);
    context.insert("user", &session.user);
    context.insert(
        "boot",
        &script_json(
            &json!({ "csrf": session.csrf, "office": office, "user": session.user,
                              "top": session.region.is_empty() }),
        ),
    );
    pages().render("server/board.html", &context)
}

/// The report page of `row` (its text read as `report`) for `session`:
/// the workbench's, with the round's title, the versions link and
/// downloads. While the unit may edit it, the control to start it from an
/// upload replaces the sign-off import (the server has no such route);
/// otherwise it is read-only with the reason shown: for a department
/// every field in a disabled `<fieldset>`, for the office every field
/// `readonly` (focusable, so that a cell or paragraph can be picked for a
/// remark) and the menus disabled. A report of a closed round (`open`
/// false) is read-only for everyone. `due` is its deadline and days left
/// ([`super::deadline::for_report`]), shown above the form.
pub fn report(
    session: &Session,
    row: &ReportRow,
    report: &Report,
    sums: &[(String, Vec<String>)],
    open: bool,
    due: Option<serde_json::Value>,
) -> String {
    let file = row.meta.id.to_string();
    let boot = bench::ReportBoot {
        page: "report",
        token: &session.csrf,
        server: true,
        user: Some(&session.user),
        office: session.role == Role::Office,
        file: &file,
        sums,
    };
    let mut context = bench::document_context(&boot);
    context.insert("script_src", "/assets/workbench.js");
    // The CSRF token goes in a header only, never in a link.
    context.extend(bench::report_context("", &file, report));
    bench::lock_identity(&mut context);
    context.insert(
        "round",
        &format!(
            "{} {} 年度（{}）",
            row.meta.unit,
            row.meta.year,
            row.meta.state.label()
        ),
    );
    context.insert("id", &row.meta.id);
    context.insert("due", &due);
    let office = session.role == Role::Office;
    let editable = !office && row.meta.state.editable() && open;
    context.insert("editable", &editable);
    if !editable {
        let banner = if !open {
            format!(
                "只读：{} 年度的收集已结束（{}）",
                row.meta.year,
                row.meta.state.label()
            )
        } else if office {
            format!("只读：审核账号查看（{}）", row.meta.state.label())
        } else {
            format!("只读：本报告{}", row.meta.state.label())
        };
        context.insert("banner", &banner);
    }
    context.insert("readonly", &(!editable && office));
    context.insert("fieldset", &(!editable && !office));
    pages().render("server/report.html", &context)
}

/// One revision in the menus of the versions compared.
#[derive(serde::Serialize)]
pub struct VersionChoice {
    /// The menu's value: `N` (a revision of this report) or `ID.N` (of
    /// an earlier year's report of the same unit).
    pub value: String,
    /// What the menu shows, e.g. `第 3 版（提交，bm001）`.
    pub label: String,
}

/// A group of the menus (`<optgroup>`).
#[derive(serde::Serialize)]
pub struct VersionGroup {
    /// Its heading.
    pub label: String,
    /// Its revisions, in the order listed.
    pub choices: Vec<VersionChoice>,
}

/// The page comparing two revisions of report `id`: the menus choosing
/// them (`old` and `new` the values chosen) above the comparison page of
/// [`crate::compare::html`] (`compared`), or above a note when nothing
/// was saved yet.
pub fn versions(
    id: i64,
    groups: &[VersionGroup],
    (old, new): (&str, &str),
    compared: Option<&crate::compare::Batch>,
) -> String {
    let mut context = match compared {
        Some(batch) => crate::compare::html::context(batch),
        None => tera::Context::new(),
    };
    context.insert("no_icon", crate::serve::NO_ICON);
    context.insert("id", &id);
    context.insert("groups", groups);
    context.insert("old", old);
    context.insert("new", new);
    context.insert("boot", &script_json(&json!({ "f": id })));
    let name = if compared.is_some() {
        "server/versions.html"
    } else {
        "server/no-versions.html"
    };
    pages().render(name, &context)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_never_saved_has_the_menus_and_says_so() {
        let html = versions(7, &[], ("0", "0"), None);
        assert!(html.starts_with("<!DOCTYPE html>\n"), "{html}");
        assert!(
            html.contains("<a href=\"/report?f=7\">打开报告</a>"),
            "{html}"
        );
        assert!(html.contains("这份报告还没有保存过"), "{html}");
        assert!(
            html.contains(
                "<script id=\"nb-versions\" type=\"application/json\">{\"f\":7}</script>"
            )
        );
    }

    #[test]
    fn the_menus_escape_who_made_a_revision() {
        let list = [VersionGroup {
            label: "本年度其他版本".into(),
            choices: vec![VersionChoice {
                value: "1".into(),
                label: "第 1 版（保存，<b>）".into(),
            }],
        }];
        let html = versions(7, &list, ("1", "1"), None);
        assert!(
            html.contains("<option value=\"1\" selected>第 1 版（保存，&lt;b&gt;）</option>"),
            "{html}"
        );
        assert!(
            html.contains("<optgroup label=\"本年度其他版本\">"),
            "{html}"
        );
    }
}
