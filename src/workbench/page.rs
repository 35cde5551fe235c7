//! The workbench's two pages, as HTML: the index of the folder's reports
//! and the report page, whose tables are laid out from the [`grid`] like
//! the official ones, every figure an `<input data-path=…>`.
//!
//! The pages are self-contained: the stylesheet and the script are
//! compiled in (`assets/`), nothing is fetched from elsewhere. The token
//! is written into the page for the script's requests.

use serde::Serialize;
use serde_json::{Value, json};

use crate::grid::{self, CellKind, Grid};
use crate::model::official::{FEE_FIELDS, SECTION_HEADINGS};
use crate::model::schema::{contact, top};
use crate::model::{Report, path};
use crate::render::pages::{Pages, script_json};

const STYLE: &str = include_str!("assets/workbench.css");
/// The page script of the workbench's pages (also served by the collection
/// server as a file of its own, `/assets/workbench.js`): the modules of
/// `assets/js/`, each one job, joined in one function, a module before
/// those that use it and `main.js` (the start) last. The pure ones are
/// tested under node (`node --test src/workbench/assets/js/tests/*.test.js`).
pub const SCRIPT: &str = concat!(
    "// nianbao 工作台: the page script (hand-written, no libraries; src/workbench/assets/js/).\n",
    "\"use strict\";\n(function () {\n",
    include_str!("assets/js/format.js"),
    include_str!("assets/js/text.js"),
    include_str!("assets/js/cells.js"),
    include_str!("assets/js/keeper.js"),
    include_str!("assets/js/saves.js"),
    include_str!("assets/js/paste.js"),
    include_str!("assets/js/client.js"),
    include_str!("assets/js/dom.js"),
    include_str!("assets/js/restarts.js"),
    include_str!("assets/js/relogin.js"),
    include_str!("assets/js/index.js"),
    include_str!("assets/js/tables.js"),
    include_str!("assets/js/findings.js"),
    include_str!("assets/js/preview.js"),
    include_str!("assets/js/boxes.js"),
    include_str!("assets/js/carried.js"),
    include_str!("assets/js/remarks.js"),
    include_str!("assets/js/signoff.js"),
    include_str!("assets/js/banner.js"),
    include_str!("assets/js/held.js"),
    include_str!("assets/js/report.js"),
    include_str!("assets/js/main.js"),
    "})();\n",
);

/// The workbench's page templates (`pages/`), by name. The server's pages
/// extend them.
pub const TEMPLATES: &[(&str, &str)] = &[
    (
        "workbench/document.html",
        include_str!("pages/document.html"),
    ),
    (
        "workbench/controls.html",
        include_str!("pages/controls.html"),
    ),
    ("workbench/index.html", include_str!("pages/index.html")),
    ("workbench/report.html", include_str!("pages/report.html")),
    (
        "workbench/unreadable.html",
        include_str!("pages/unreadable.html"),
    ),
    ("workbench/stale.html", include_str!("pages/stale.html")),
    ("workbench/problem.html", include_str!("pages/problem.html")),
];

fn pages() -> &'static Pages {
    static PAGES: std::sync::OnceLock<Pages> = std::sync::OnceLock::new();
    PAGES.get_or_init(|| Pages::new(&[TEMPLATES]))
}

/// What every workbench page's document needs: the stylesheet, the script
/// and `boot`, the JSON the script starts from.
pub fn document_context(boot: &impl Serialize) -> tera::Context {
    let mut context = tera::Context::new();
    context.insert("no_icon", crate::serve::NO_ICON);
    context.insert("style", STYLE);
    context.insert("script", SCRIPT);
    context.insert("boot", &script_json(boot));
    context
}

/// The index page.
pub fn index(token: &str, folder: &str) -> String {
    let mut context = document_context(&json!({"page": "index", "token": token}));
    context.insert("folder", folder);
    pages().render("workbench/index.html", &context)
}

/// The report page of the data file `file`, laid out for `report` (its
/// edition decides the rows).
pub fn report(token: &str, file: &str, report: &Report, sums: &[(String, Vec<String>)]) -> String {
    let boot = ReportBoot {
        page: "report",
        token,
        server: false,
        user: None,
        office: false,
        file,
        sums,
    };
    let mut context = document_context(&boot);
    context.extend(report_context(token, file, report));
    pages().render("workbench/report.html", &context)
}

/// What the report page's script starts from (its `boot`), on the
/// workbench and on the server alike: the page, the token its requests
/// carry, the file or report it shows and the sums it keeps as the clerk
/// types.
#[derive(Debug, Clone, Serialize)]
pub struct ReportBoot<'a> {
    /// Always `report`.
    pub page: &'static str,
    /// The token (the workbench's) or CSRF token (the server's) the
    /// page's requests carry.
    pub token: &'a str,
    /// Whether the page is the collection server's (absent: the
    /// workbench's).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub server: bool,
    /// The server's account the page belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user: Option<&'a str>,
    /// Whether the page is the office's view on the server: its fields
    /// read-only but focusable (for remarks), never locked by the state's
    /// `editable` (absent: a page that edits).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub office: bool,
    /// The data file (the workbench) or the report's id (the server).
    pub file: &'a str,
    /// Each total cell's path and the cells it adds up
    /// ([`crate::editing::state::sums`]).
    pub sums: &'a [(String, Vec<String>)],
}

/// The report page's own values (its document's aside): the heading, the
/// fields, the tables and the editors' paths. The server's page renders
/// them too.
pub fn report_context(token: &str, file: &str, report: &Report) -> tera::Context {
    let mut context = tera::Context::new();
    context.insert("token", token);
    context.insert("file", file);
    context.insert("heading", &heading(report));
    context.insert("readonly", &false);
    context.insert("basics", &basics(false));
    let example = crate::model::Date::example((report.year.value > 0).then_some(report.year.value));
    // The other ways of writing the same date, for the tooltip.
    let year = example.split('年').next().unwrap_or("2026").to_string();
    context.insert("date", &json!({ "example": example, "year": year }));
    let section = |i: usize, p: String| json!({ "heading": SECTION_HEADINGS[i], "path": p });
    context.insert("overview", &section(0, path::field(top::OVERVIEW)));
    context.insert("problems", &section(4, path::field(top::PROBLEMS)));
    let tables: Vec<TableView> = grid::tables(report)
        .iter()
        .zip(&SECTION_HEADINGS[1..4])
        .map(|(g, h)| table(h, g))
        .collect();
    context.insert("tables", &tables);
    let fees: Vec<Value> = FEE_FIELDS
        .iter()
        .map(|(key, unit)| json!({ "label": format!("{key}（{unit}）"), "path": path::fee(key) }))
        .collect();
    context.insert(
        "other",
        &json!({ "heading": SECTION_HEADINGS[5], "fees": fees, "path": path::other_body() }),
    );
    context.insert("preface", &path::field(top::PREFACE));
    context.insert("preface_label", "前言");
    context
}

/// The report page's heading: the agency and the year, as the clerk knows
/// the report (`某市某局 2025 年度报告`).
fn heading(report: &Report) -> String {
    let agency = report.agency.value.trim();
    let agency = if agency.is_empty() {
        "（未填机关）"
    } else {
        agency
    };
    if report.year.value > 0 {
        format!("{agency} {} 年度报告", report.year.value)
    } else {
        format!("{agency} 年度报告")
    }
}

/// The page shown instead of a report whose data file cannot be read as
/// one (a bracket left open in Notepad): the line and a plain hint.
pub fn unreadable(token: &str, file: &str, line: u32, message: &str) -> String {
    let mut context = document_context(&json!({"page": "unreadable", "token": token}));
    context.insert("token", token);
    context.insert("file", file);
    context.insert("line", &line);
    context.insert("message", message);
    pages().render("workbench/unreadable.html", &context)
}

/// The page an address without the session's token opens (an old tab
/// after the workbench was started again, a bookmark): what happened and
/// the way forward in Chinese. Its script looks for a page of the running
/// workbench in the same browser and, when one answers, goes to the same
/// report there.
pub fn stale() -> String {
    let context = document_context(&json!({"page": "stale", "token": ""}));
    pages().render("workbench/stale.html", &context)
}

/// The page shown when a page's address names no report the workbench can
/// open (a file since renamed, a mistyped address): the reason and the way
/// back to the list.
pub fn problem(token: &str, message: &str) -> String {
    let mut context = document_context(&json!({"page": "problem", "token": token}));
    context.insert("token", token);
    context.insert("message", message);
    pages().render("workbench/problem.html", &context)
}

/// One of 机关, 年度, 成文日期 and the contact fields.
#[derive(Serialize)]
struct Field {
    label: &'static str,
    path: String,
    kind: &'static str,
    hint: &'static str,
    /// 成文日期, with its example and its message.
    date: bool,
    /// 机关类型: a choice of 按名称判断 (empty), 政府 or 部门, with the
    /// judgement beside it.
    choice: bool,
    /// Shown read-only whatever the page (机关 and 年度 on the server,
    /// where they are the account's and the round's).
    locked: bool,
}

/// Makes 机关 and 年度 read-only on the report page of `context` (made by
/// [`report_context`]): the server's, where they are not the clerk's to
/// type.
pub fn lock_identity(context: &mut tera::Context) {
    context.insert("basics", &basics(true));
}

/// 机关, 机关类型, 年度, 成文日期 and the contact fields, in the page's order; 机关
/// and 年度 read-only when `identity_locked`.
fn basics(identity_locked: bool) -> Vec<Field> {
    let field = |label, path, kind, hint| Field {
        label,
        path,
        kind,
        hint,
        date: false,
        choice: false,
        locked: false,
    };
    vec![
        Field {
            locked: identity_locked,
            ..field("机关（落款）", path::field(top::AGENCY), "text", "某市某局")
        },
        Field {
            choice: true,
            ..field("机关类型", path::field(top::KIND), "text", "")
        },
        Field {
            locked: identity_locked,
            ..field("年度", path::field(top::YEAR), "number", "2025")
        },
        Field {
            date: true,
            ..field("成文日期", path::field(top::DATE), "text", "")
        },
        field("地址", path::contact(contact::ADDRESS), "text", "可不填"),
        field("邮编", path::contact(contact::POSTCODE), "text", "可不填"),
        field("电话", path::contact(contact::PHONE), "text", "可不填"),
        field("邮箱", path::contact(contact::EMAIL), "text", "可不填"),
    ]
}

/// A table as the page lays it out: its class and its rows of cells.
#[derive(Serialize)]
struct TableView {
    heading: &'static str,
    class: &'static str,
    rows: Vec<Vec<CellView>>,
}

/// One cell: a figure's input (with its path and its row's labels), a
/// header or a label, with its spans.
#[derive(Serialize)]
struct CellView {
    text: String,
    rowspan: usize,
    colspan: usize,
    header: bool,
    path: Option<String>,
    label: String,
}

/// What a figure's input is called (for screen readers, and in the page's
/// notes and remarks): its row's labels, then the column headers above it,
/// so that every cell of table 四, which has no row labels, has a name too.
fn figure_label(g: &Grid, c: &grid::Cell) -> String {
    let mut words = g.row_labels(c.row);
    words.extend(
        g.cells
            .iter()
            .filter(|h| {
                h.row < g.header_rows
                    && h.kind == CellKind::Header
                    && h.col <= c.col
                    && c.col < h.col + h.colspan
            })
            .map(|h| h.text.as_str()),
    );
    words.join(" ")
}

/// A grid as the page's table: labels and headers with their spans, an
/// input in every figure's cell.
fn table(heading: &'static str, g: &Grid) -> TableView {
    let class = match g.id {
        grid::TableId::Table2 => "table2",
        grid::TableId::Table3 => "table3",
        grid::TableId::Table4 => "table4",
    };
    let rows = (0..g.rows)
        .map(|row| {
            g.row_cells(row)
                .map(|c| {
                    let figure = matches!(c.kind, CellKind::Data) && c.path.is_some();
                    CellView {
                        text: c.text.clone(),
                        rowspan: c.rowspan,
                        colspan: c.colspan,
                        header: matches!(c.kind, CellKind::Header | CellKind::Title),
                        path: if figure { c.path.clone() } else { None },
                        label: if figure {
                            figure_label(g, c)
                        } else {
                            String::new()
                        },
                    }
                })
                .collect()
        })
        .collect();
    TableView {
        heading,
        class,
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::SCRIPT;

    /// Every module of `assets/js/` is in the page script: a module added
    /// there and not listed in `SCRIPT` fails here, not in the browser.
    #[test]
    fn every_script_module_is_in_the_page_script() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/workbench/assets/js");
        let mut seen = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "js") {
                let text = std::fs::read_to_string(&path).unwrap();
                assert!(
                    SCRIPT.contains(&text),
                    "{} is not in SCRIPT",
                    path.display()
                );
                seen += 1;
            }
        }
        assert!(seen > 1, "no modules in {}", dir.display());
    }
}
