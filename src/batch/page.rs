//! The self-contained HTML pages of the folder summaries (`check
//! --format html`, `audit`'s `summary.html` and report pages): Tera
//! templates (`pages/`) with one style and a click-to-sort script for
//! their tables (`assets/`).

use serde::Serialize;

use crate::render::pages::Pages;

const STYLE: &str = include_str!("assets/summary.css");

const SCRIPT: &str = include_str!("assets/sort.js");

/// The summaries' page templates, by name.
const TEMPLATES: &[(&str, &str)] = &[
    ("batch/summary.html", include_str!("pages/summary.html")),
    ("batch/check.html", include_str!("pages/check.html")),
    (
        "batch/audit-summary.html",
        include_str!("pages/audit-summary.html"),
    ),
    (
        "batch/audit-report.html",
        include_str!("pages/audit-report.html"),
    ),
];

/// The values every summary page has: its title, the style and the
/// sorting script.
pub fn context(title: &str) -> tera::Context {
    let mut context = tera::Context::new();
    context.insert("title", title);
    context.insert("style", STYLE);
    context.insert("script", SCRIPT);
    context
}

/// The page `name` (`check`, `audit-summary`, `audit-report`) with
/// `context`.
pub fn render(name: &str, context: &tera::Context) -> String {
    static PAGES: std::sync::OnceLock<Pages> = std::sync::OnceLock::new();
    PAGES
        .get_or_init(|| Pages::new(&[TEMPLATES]))
        .render(&format!("batch/{name}.html"), context)
}

/// One row of a summary's table.
#[derive(Debug, Serialize)]
pub struct TableRow {
    /// Marked as having a problem.
    pub bad: bool,
    /// Its cells.
    pub cells: Vec<TableCell>,
}

/// One cell of a summary's table: its lines, right-aligned when a figure,
/// a link when it has an address.
#[derive(Debug, Serialize)]
pub struct TableCell {
    /// The lines of its text.
    pub lines: Vec<String>,
    /// A figure, right-aligned.
    pub numeric: bool,
    /// The page it links to (its first line the link's text).
    pub href: Option<String>,
}

impl TableCell {
    /// A cell of `text`, its lines split at `\n`.
    pub fn text(text: &str, numeric: bool) -> TableCell {
        TableCell {
            lines: text.split('\n').map(str::to_string).collect(),
            numeric,
            href: None,
        }
    }
}

/// The summary's table and the folder's sections around it: the roster's
/// account (its lines, when a roster was given), the headings, the rows
/// and the notes.
pub fn insert_table(
    context: &mut tera::Context,
    (roster, notes): (Option<Vec<String>>, &[String]),
    headings: &[String],
    rows: &[TableRow],
) {
    context.insert("has_roster", &roster.is_some());
    context.insert("roster", &roster.unwrap_or_default());
    context.insert("headings", headings);
    context.insert("rows", rows);
    context.insert("notes", notes);
}
