//! The report state the page shows of a data file's text, in the
//! workbench and on the server alike: its version, every editable value as
//! written, the findings of `check` with the cells they concern, the
//! figures a placeholder can name, the sums the page keeps as the clerk
//! types, and the rendered report.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use crate::render::templates::Templates;
use crate::slice::Slice;

use super::findings::{Finding, finding};
use crate::build::BuildPlan;
use crate::check;
use crate::diag::Diagnostic;
use crate::load;
use crate::model::agency::{Basis, Kind};
use crate::model::official::{self, T3Role};
use crate::model::schema::{contact, fee, top};
use crate::model::{Report, path};
use crate::placeholder;
use crate::render::markup::TextFormat;
use crate::source::SourceFile;

/// The version of a data file's text: a hash of its bytes, sent with every
/// save so that a save based on an older text is refused.
pub fn version(text: &str) -> String {
    use std::hash::{Hash, Hasher};
    // `DefaultHasher::new()` has fixed keys: the same text gives the same
    // version in every process of one build.
    let mut h = std::hash::DefaultHasher::new();
    text.hash(&mut h);
    format!("{:016x}-{}", h.finish(), text.len())
}

/// The report state the page shows of one data file's text, as the page's
/// script reads it (`GET /api/state` and every answer that changes the
/// text, in the workbench and on the server alike; each front end adds
/// its own fields beside these). A text that reads as no report has no
/// values, figures, carried paragraphs or sums: `null`, which the page
/// shows as unreadable and the server refuses to submit.
#[derive(Debug, Clone, Serialize)]
pub struct PageState {
    /// The data file's name (the server: the report's id).
    pub file: Option<String>,
    /// The text's [`version`], sent back with the next save.
    pub version: String,
    /// The year of the format's edition (2019, 2021).
    pub edition: Option<u16>,
    /// Errors among the findings.
    pub errors: usize,
    /// Warnings among the findings.
    pub warnings: usize,
    /// Cells and fields still to fill.
    pub empty: Option<usize>,
    /// Every editable value as written, by data path.
    pub values: Option<BTreeMap<String, String>>,
    /// The figures a placeholder can name: `[placeholder path, value]`.
    pub figures: Option<Vec<(String, String)>>,
    /// The findings of `check`, with their cells.
    pub findings: Vec<Finding>,
    /// The paragraphs still carried from last year's report.
    pub carried: Option<Vec<CarriedParagraph>>,
    /// What the agency was judged to be, and on what basis.
    pub judged: Option<String>,
    /// The figures still marked as last year's.
    pub carried_figures: Option<Vec<CarriedFigure>>,
    /// The rendered report: absent when no preview was asked for, `null`
    /// when there is no report to render.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub html: Option<Option<String>>,
    /// The notes shown beside the cells they concern, `[data path, note]`
    /// (the workbench's notes of an import; none on the server).
    pub notes: Vec<(String, String)>,
}

/// A paragraph still carried from last year's report, as the page marks
/// it (沿用上年, with 确认沿用).
#[derive(Debug, Clone, Serialize)]
pub struct CarriedParagraph {
    /// The text box's data path.
    pub path: String,
    /// The paragraph's number in the box, from 1.
    pub paragraph: usize,
    /// Its opening words.
    pub opening: String,
    /// The value a save's `沿用上年` edit takes to confirm it.
    pub confirm: String,
}

/// A figure still marked as last year's (沿用数字), as the page marks it
/// in its text box (with 改为本年数字 and 确认本年仍为此数).
#[derive(Debug, Clone, Serialize)]
pub struct CarriedFigure {
    /// The text box's data path.
    pub path: String,
    /// The figure as written.
    pub figure: String,
    /// Which occurrence of that text in the box it is, from 0.
    pub occurrence: usize,
    /// Its paragraph, from 1.
    pub paragraph: usize,
    /// Last year's sentence.
    pub sentence: String,
    /// The value a save's `沿用数字` edit takes to confirm it.
    pub confirm: String,
}

/// The page's view of one data file as `text`; `lap` is called as each
/// step (`check`, `render`, `view`) ends, for the front end's timing.
pub fn state(
    file: &Path,
    text: &str,
    (plan, tera): (&BuildPlan, &Templates),
    lap: &mut dyn FnMut(&'static str),
) -> PageState {
    state_for(file, text, (plan, tera), lap, (true, None))
}

/// The page's state as [`state`] makes it, without the report's preview
/// (no `html`) unless `preview`, and the agency taken to be `declared`
/// (a roster's 机关类型) where the text declares nothing.
pub fn state_for(
    file: &Path,
    text: &str,
    (plan, tera): (&BuildPlan, &Templates),
    lap: &mut dyn FnMut(&'static str),
    (preview, declared): (bool, Option<(Kind, Basis)>),
) -> PageState {
    let mut loaded = load::load_str(SourceFile::new(file, text));
    if let (Some(report), Some((kind, basis))) = (loaded.report.as_mut(), declared) {
        report.declare_if_silent(kind, basis);
    }
    let mut checked = check::check_loaded(loaded, None);
    if let Some(report) = &checked.report {
        // Characters no face has, named while the report is written; a
        // 造字 the agency's 造字 font prints is none (issue 77.3).
        let glyphs = crate::render::typeset::default_glyph_warnings(report, &checked.file);
        checked.diagnostics.extend(glyphs);
        crate::build::drop_printed_zaozi(&mut checked, plan.fonts.zaozi.as_deref());
        crate::diag::sort(&mut checked.diagnostics);
    }
    lap("check");
    let report = checked.report.as_ref();
    let html = preview.then(|| report.map(|r| render(r, plan, tera, &checked.diagnostics)));
    lap("render");
    let mut values = report.map(values);
    if checked.errors() > 0
        && let (Some(report), Some(values)) = (report, values.as_mut())
    {
        unreadable_cells(report, text, values);
    }
    let paths: Vec<String> = report
        .zip(values.as_ref())
        .map(|(r, v)| paths_of(r, v))
        .unwrap_or_default();
    let findings: Vec<Finding> = checked
        .diagnostics
        .iter()
        .map(|d| finding(d, &paths, file.parent(), (text, report)))
        .collect();
    let state = PageState {
        file: file.file_name().map(|n| n.to_string_lossy().into_owned()),
        version: version(text),
        edition: report.map(|r| r.edition().year()),
        errors: checked.errors(),
        warnings: checked.warnings(),
        empty: report.map(|r| r.fill().empty()),
        values,
        figures: report.map(figures),
        findings,
        carried: report.map(carried_view),
        judged: report.map(|r| r.judged().short_text()),
        carried_figures: report.map(carried_figures_view),
        html,
        notes: Vec::new(),
    };
    lap("view");
    state
}

/// The paragraphs still carried from last year's report, as the page
/// marks them.
fn carried_view(report: &Report) -> Vec<CarriedParagraph> {
    crate::model::carried::carried(report)
        .iter()
        .map(|c| CarriedParagraph {
            path: c.section.to_string(),
            paragraph: c.index + 1,
            opening: crate::diag::excerpt(c.text.lines().next().unwrap_or(c.text)),
            confirm: format!("{} {}", c.section, c.digest),
        })
        .collect()
}

/// The figures still marked as last year's, as the page marks them in
/// their text box.
fn carried_figures_view(report: &Report) -> Vec<CarriedFigure> {
    let narratives = report.narratives();
    crate::model::carried::carried_figures(report)
        .iter()
        .map(|f| {
            let value = narratives
                .iter()
                .find(|(k, _)| *k == f.section)
                .map_or("", |(_, t)| t.value.as_str());
            CarriedFigure {
                path: f.section.to_string(),
                figure: f.token.to_string(),
                occurrence: value
                    .slice_to(f.offset.min(value.len()))
                    .matches(f.token)
                    .count(),
                paragraph: f.paragraph + 1,
                sentence: crate::diag::visible(f.sentence).into_owned(),
                confirm: f.confirm(),
            }
        })
        .collect()
}

/// The rendered report as HTML (a draft while it has errors), or the
/// template error.
fn render(
    report: &Report,
    plan: &BuildPlan,
    tera: &Templates,
    diagnostics: &[Diagnostic],
) -> String {
    // Past the render's budget the page shows why instead of a preview.
    if let Err(e) = crate::build::within_budget(report) {
        return format!(
            "<p>无法生成报告：{}</p>",
            crate::render::escape::escape_html(&e.to_string())
        );
    }
    let draft = plan.draft_for(diagnostics, true);
    plan.document(report, draft, tera)
        .and_then(|doc| plan.render_text(TextFormat::Html, &doc, tera))
        .unwrap_or_else(|e| {
            format!(
                "<p>无法生成报告：{}</p>",
                crate::render::escape::escape_html(&e.message)
            )
        })
}

/// The figures the report could not read (`abc`, `-5`, `1e99` typed in
/// a cell) put in `values` as the file writes them: the page shows what
/// is stored, which the finding on the cell quotes, rather than an empty
/// cell.
fn unreadable_cells(report: &Report, text: &str, values: &mut BTreeMap<String, String>) {
    let figures: Vec<String> = table_paths(report)
        .into_iter()
        .chain(fee::ALL.map(path::fee))
        .filter(|p| !values.contains_key(p))
        .collect();
    for (p, written) in super::yaml_edit::written(text, figures.iter().map(String::as_str)) {
        values.insert(p.to_string(), written);
    }
}

/// Every data path the page has an input for.
pub fn editable_paths(report: &Report) -> Vec<String> {
    paths_of(report, &values(report))
}

/// Every data path the page has an input for, given the report's
/// [`values`] (made once per state).
fn paths_of(report: &Report, values: &BTreeMap<String, String>) -> Vec<String> {
    let mut out: Vec<String> = values.keys().cloned().collect();
    out.extend(table_paths(report));
    // The page's fields and text boxes are there filled or not: a finding
    // on an empty one (成文日期 missing) goes to it.
    out.extend(
        [
            top::AGENCY,
            top::KIND,
            top::YEAR,
            top::DATE,
            top::PREFACE,
            top::OVERVIEW,
            top::PROBLEMS,
        ]
        .map(path::field),
    );
    out.extend(contact::ALL.map(path::contact));
    // The fee's inputs too: a finding on a fee that could not be read (or
    // is missing) goes to its field.
    out.extend(fee::ALL.map(path::fee));
    out.push(path::other_body());
    out.sort();
    out.dedup();
    out
}

/// The data paths of every table cell.
pub fn table_paths(report: &Report) -> Vec<String> {
    crate::grid::tables(report)
        .iter()
        .flat_map(|g| g.cells.iter())
        .filter_map(|c| c.path.clone())
        .collect()
}

/// Every editable value as written (figures as the file writes them; an
/// empty cell or a total not written is absent).
fn values(report: &Report) -> BTreeMap<String, String> {
    let mut v = BTreeMap::new();
    let mut put = |path: String, value: String| {
        v.insert(path, value);
    };
    put(path::field(top::AGENCY), report.agency.value.clone());
    if let Some((kind, Basis::File)) = &report.kind {
        put(path::field(top::KIND), kind.value.word().to_string());
    }
    if report.year.value != 0 {
        put(path::field(top::YEAR), report.year.value.to_string());
    }
    if let Some(d) = &report.date {
        put(path::field(top::DATE), d.value.chinese());
    }
    for (key, value) in report.contact.lines() {
        if let Some(value) = value {
            put(path::contact(key), value.value.clone());
        }
    }
    // Headings show as the clerk writes them, without `###`.
    let shown = crate::render::paragraphs::for_editing;
    if let Some(p) = &report.preface {
        put(path::field(top::PREFACE), shown(&p.value));
    }
    put(path::field(top::OVERVIEW), shown(&report.overview.value));
    put(path::field(top::PROBLEMS), shown(&report.problems.value));
    put(path::other_body(), shown(&report.other.value));
    if let Some(f) = &report.fee {
        let n = f.notices.as_ref().map(|c| c.value.to_string());
        let a = f.notice_amount.as_ref().map(|d| d.value.to_string());
        let b = f.collected.as_ref().map(|d| d.value.to_string());
        for (key, value) in [
            (fee::NOTICES, n),
            (fee::NOTICE_AMOUNT, a),
            (fee::COLLECTED, b),
        ] {
            if let Some(value) = value {
                put(path::fee(key), value);
            }
        }
    }
    table_values(report, &mut put);
    v
}

fn table_values(report: &Report, put: &mut impl FnMut(String, String)) {
    let ed = report.edition();
    for (gi, group) in official::t2_groups(ed).iter().enumerate() {
        for (ri, r) in group.rows.iter().enumerate() {
            for (ci, c) in r.cells.iter().enumerate() {
                let value = report.table2.at(gi, ri, ci);
                if let Some(value) = value {
                    put(path::table2(r.key, c.key), value.number.value.to_string());
                }
            }
        }
    }
    for (i, def) in official::t3_rows(ed).iter().enumerate() {
        let row = &report.table3.rows[i];
        let cells = row.cells.iter().chain(std::iter::once(&row.printed_total));
        for (col, cell) in cells.enumerate() {
            if let Some(c) = cell {
                put(path::table3_cell(def, col), c.value.to_string());
            }
        }
    }
    for (gi, group) in official::T4_GROUPS.iter().enumerate() {
        let row = &report.table4.rows[gi];
        let cells = row.cells.iter().chain(std::iter::once(&row.printed_total));
        for (col, cell) in cells.enumerate() {
            if let Some(c) = cell {
                put(path::table4_cell(group, col), c.value.to_string());
            }
        }
    }
}

/// The totals the page computes as the clerk types: each total cell's
/// path and the cells it adds up (themselves totals, possibly).
pub fn sums(report: &Report) -> Vec<(String, Vec<String>)> {
    let ed = report.edition();
    let rows = official::t3_rows(ed);
    let total = official::T3_TOTAL_COLUMN;
    let mut out = Vec::new();
    for def in rows {
        let parts = (0..total).map(|c| path::table3_cell(def, c)).collect();
        out.push((path::table3_cell(def, total), parts));
        if def.role == T3Role::ResultTotal {
            for col in 0..total {
                let parts = rows
                    .iter()
                    .filter(|r| r.role == T3Role::Result)
                    .map(|r| path::table3_cell(r, col))
                    .collect();
                out.push((path::table3_cell(def, col), parts));
            }
        }
    }
    let t4_total = official::T4_INPUT_COLUMNS;
    for g in &official::T4_GROUPS {
        let parts = (0..t4_total).map(|c| path::table4_cell(g, c)).collect();
        out.push((path::table4_cell(g, t4_total), parts));
    }
    out
}

/// The figures a narrative placeholder can name, with their current
/// values: `[placeholder path, value]`.
fn figures(report: &Report) -> Vec<(String, String)> {
    placeholder::known_paths(report)
        .into_iter()
        .map(|p| {
            let value = match placeholder::resolve(report, &p) {
                Some(placeholder::Value::Text(t)) => t,
                _ => String::new(),
            };
            (p, value)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The JSON the page's script reads (issue 76.3): the same fields
    /// whatever the text; a text that reads as no report has no values
    /// (`null`, never absent), and `html` is absent only when no preview
    /// was asked for.
    #[test]
    fn the_state_has_the_shape_the_page_reads() {
        let plan = BuildPlan::preview(None);
        let tera = plan.load_templates().unwrap();
        let fields = |text: &str, preview: bool| {
            let state = state_for(
                Path::new("2025.yaml"),
                text,
                (&plan, &tera),
                &mut |_| {},
                (preview, None),
            );
            let json = serde_json::to_value(&state).unwrap();
            let keys: Vec<String> = json.as_object().unwrap().keys().cloned().collect();
            (keys.join(" "), json)
        };
        let all = "carried carried_figures edition empty errors figures file findings html \
                   judged notes values version warnings";
        let text = crate::next_year::blank(2025, "某市某局").text();
        let (keys, json) = fields(&text, true);
        assert_eq!(keys, all);
        assert_eq!(json["values"]["机关"], "某市某局");
        assert!(json["html"].is_string());
        assert_eq!(json["figures"][0].as_array().map(Vec::len), Some(2));
        let (keys, _) = fields(&text, false);
        assert_eq!(keys, all.replace("html ", ""));
        let (keys, json) = fields("a: [", true);
        assert_eq!(keys, all);
        assert!(json["values"].is_null() && json["html"].is_null());
        assert!(json["errors"].as_u64().is_some_and(|n| n > 0), "{json}");
    }

    /// A figure typed that is no number (`abc`, `-5`, `3.5` in a count,
    /// `abc` as the fee) is shown as stored after a reload, and its
    /// finding names its cell, the fee's included.
    #[test]
    fn a_figure_that_is_no_number_is_shown_as_stored_at_its_cell() {
        let plan = BuildPlan::preview(None);
        let tera = plan.load_templates().unwrap();
        let blank = crate::next_year::blank(2025, "某市某局").text();
        let mut text = blank.clone();
        let edition = load::load_str(SourceFile::new("2025.yaml", blank.as_str()))
            .report
            .unwrap()
            .edition();
        for (p, v) in [
            ("依申请公开.本年新收[0]", "abc"),
            ("依申请公开.本年新收[1]", "-5"),
            ("复议诉讼.行政复议[0]", "3.5"),
            ("其他事项.信息处理费.实际收取金额", "abc"),
        ] {
            text = super::super::yaml_edit::set(&text, edition, p, v).unwrap();
        }
        let state = state_for(
            Path::new("2025.yaml"),
            &text,
            (&plan, &tera),
            &mut |_| {},
            (false, None),
        );
        let values = state.values.as_ref().unwrap();
        for (p, v) in [
            ("依申请公开.本年新收[0]", "abc"),
            ("依申请公开.本年新收[1]", "-5"),
            ("复议诉讼.行政复议[0]", "3.5"),
            ("其他事项.信息处理费.实际收取金额", "abc"),
        ] {
            assert_eq!(values.get(p).map(String::as_str), Some(v), "{p}");
            let bound = state
                .findings
                .iter()
                .any(|f| f.cells.iter().any(|c| c == p));
            assert!(bound, "no finding at {p}: {:?}", state.findings);
        }
        // An empty cell stays absent.
        assert!(!values.contains_key("依申请公开.本年新收[2]"));
    }
}
