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

use crate::build::BuildPlan;
use crate::check;
use crate::diag::{Diagnostic, Severity};
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

/// One finding as the page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// Rule code (`T3-ROWSUM`), shown in the finding's details.
    pub code: String,
    /// The rule's name in Chinese, which leads the finding.
    pub rule: &'static str,
    /// `error`, `warning` or `info`.
    pub severity: &'static str,
    /// The message.
    pub message: String,
    /// The label `check` prints under the caret.
    pub label: Option<String>,
    /// The suggested fix.
    pub help: Option<String>,
    /// Line in the data file (0: none).
    pub line: u32,
    /// `data-path` values of the inputs concerned.
    pub cells: Vec<String>,
    /// The one-click fix, when there is one.
    pub fix: Option<FixView>,
    /// What clears the finding when the page offers neither a fix nor a
    /// cell to change (or why it cannot be cleared on the page), in
    /// Chinese.
    pub clear: Option<&'static str>,
}

/// A one-click fix as the page applies it: in the text box of `path`, the
/// line `line` replaced by `with` (removed when empty).
#[derive(Debug, Clone, Serialize)]
pub struct FixView {
    /// The text box's `data-path`.
    pub path: String,
    /// The line as written.
    pub line: String,
    /// Its replacement.
    pub with: String,
    /// The button's words.
    pub label: String,
    /// Which of the lines written as `line` is meant, from 0.
    pub occurrence: usize,
    /// How many lines from it are replaced.
    pub lines: usize,
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
        // Characters no face has, named while the report is written.
        let glyphs = crate::render::typeset::default_glyph_warnings(report, &checked.file);
        checked.diagnostics.extend(glyphs);
        crate::diag::sort(&mut checked.diagnostics);
    }
    lap("check");
    let report = checked.report.as_ref();
    let html = preview.then(|| report.map(|r| render(r, plan, tera, &checked.diagnostics)));
    lap("render");
    let values = report.map(values);
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

/// A finding as the page shows it; a path in the folder served (`folder`)
/// is written from there (`2024.yaml`, not the whole path of the folder).
fn finding(
    d: &Diagnostic,
    paths: &[String],
    folder: Option<&Path>,
    (text, report): (&str, Option<&Report>),
) -> Finding {
    let short = |text: &str| match folder {
        Some(dir) => text.replace(
            &format!("{}{}", dir.display(), std::path::MAIN_SEPARATOR),
            "",
        ),
        None => text.to_string(),
    };
    let mut finding = Finding {
        code: d.code.to_string(),
        rule: d.code.rule_name(),
        severity: match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        },
        message: for_page(&short(&d.message)),
        label: d.label.as_deref().map(|l| for_page(&short(l))),
        help: d.help.as_deref().map(|h| for_page(&short(h))),
        line: d.span.map_or(0, |s| s.line),
        cells: crate::diag::cells::cells_for(d, paths),
        fix: d
            .fix
            .as_ref()
            .map(|f| FixView {
                path: f.path.clone(),
                line: f.line.clone(),
                with: f.with.clone(),
                label: f.label.clone(),
                occurrence: f.occurrence,
                lines: f.lines,
            })
            .or_else(|| bind_fix(d, text, report)),
        clear: None,
    };
    if finding.fix.is_none() && finding.cells.is_empty() {
        finding.clear = Some(clearing(d));
    }
    finding
}

/// What clears a finding that names no field or cell of the page, or why
/// the page cannot clear it.
fn clearing(d: &Diagnostic) -> &'static str {
    use crate::diag::codes;
    if d.code == codes::PREV {
        "这条说的是上年的数据文件：在工作台首页打开上年的文件改正，或在本数据文件中把“上年数据”改指上年的文件；本页无法消除"
    } else if d.code == codes::GLYPH {
        "本机字体中没有这个字：改用通用写法后消除；确要印这个字的，需在装有该字体的电脑上用 nianbao build --font 生成，本页无法消除"
    } else if d.severity == Severity::Error {
        "这一项页面上没有对应的格：按上面的建议，用记事本等文本编辑器打开数据文件改正，保存后本页随之更新"
    } else {
        "这条提示不对应页面上的某一格：按上面的建议修改；核实无误的警告可以不改，不妨碍生成报告"
    }
}

/// 绑定到表格: a figure written in a narrative that stands for one table
/// cell ([`Diagnostic::bind`]) replaced, on its line of the narrative, by
/// the cell's placeholder, so that it follows the table. The figure is
/// found in the narrative's value as the rule found it in the data file
/// `text`: the how-manyth occurrence of the same characters.
fn bind_fix(d: &Diagnostic, text: &str, report: Option<&Report>) -> Option<FixView> {
    let (cell, span, key) = (d.bind.as_ref()?, d.span?, d.path.as_ref()?);
    let (_, narrative) = report?
        .narratives()
        .into_iter()
        .find(|(k, _)| *k == key.as_str())?;
    let literal = text.get(span.offset..span.offset.checked_add(span.len)?)?;
    let before = text.get(narrative.span.offset.min(span.offset)..span.offset)?;
    if literal.is_empty() {
        return None;
    }
    let nth = before.matches(literal).count();
    let value = narrative.value.as_str();
    let (at, _) = value.match_indices(literal).nth(nth)?;
    // The figure as the rule reads it may carry its unit (`5件`): the unit
    // stays written.
    let number = literal.trim_end_matches(|c: char| {
        !(c.is_ascii_digit() || "零〇一二三四五六七八九十百千两.,，".contains(c))
    });
    if number.is_empty() {
        return None;
    }
    let end = at + number.len();
    let line_start = value.slice_to(at).rfind('\n').map_or(0, |i| i + 1);
    let line_end = value
        .slice_from(end)
        .find('\n')
        .map_or(value.len(), |i| end + i);
    let with = format!(
        "{}{{{{ {cell} }}}}{}",
        value.slice(line_start, at),
        value.slice(end, line_end)
    );
    Some(FixView {
        path: key.clone(),
        line: value.slice(line_start, line_end).trim().to_string(),
        with: with.trim().to_string(),
        label: "绑定到表格".to_string(),
        occurrence: value
            .slice_to(line_start)
            .lines()
            .filter(|l| l.trim() == value.slice(line_start, line_end).trim())
            .count(),
        lines: 1,
    })
}

/// A message of `check` as the page says it: the data paths a data file
/// spells (`其他事项.信息处理费.收费通知件数`) named as the page labels them
/// (`信息处理费的收费通知件数`), and no Markdown heading marks, since the
/// page's text boxes show headings as lines.
pub fn for_page(text: &str) -> String {
    let mut out = without_placeholders(&text.replace("### ", ""))
        .replace(
            "用占位符引用表格数字",
            "把正文中的数字与表格绑定（点“绑定到表格”，或用“插入表格数字”）",
        )
        .replace("写成 YYYY-MM-DD", "写成 2026年1月10日 这样的日期")
        .replace("`~`、", "")
        .replace('`', "");
    for (key, _) in official::FEE_FIELDS {
        out = out.replace(&path::fee(key), &format!("信息处理费的{key}"));
    }
    let results = path::table3_keys(&[official::T3_RESULTS_KEY]);
    let body = format!("{}的正文", official::SECTION_HEADINGS[5]);
    out.replace(&path::fee_block(), "信息处理费")
        .replace(&path::other_body(), &body)
        .replace(&results, &format!("表三的“{}”", official::T3_RESULTS_KEY))
}

/// A placeholder (`{{ 依申请公开.本年新收.总计 }}`) in a message said as
/// the page shows it: a figure bound to the table.
fn without_placeholders(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        let Some(close) = rest.slice_from(open).find("}}") else {
            break;
        };
        // "……，例如 {{ … }}": the example goes with its placeholder.
        let before = rest.slice_to(open);
        match before.trim_end().strip_suffix("例如") {
            Some(kept) => out.push_str(kept.trim_end_matches(['，', ',', ' '])),
            None => {
                out.push_str(before);
                out.push_str("“与表格绑定的数字”");
            }
        }
        rest = rest.slice_from(open + close + 2);
    }
    out.push_str(rest);
    out
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
    let c = &report.contact;
    for (key, value) in [
        (contact::ADDRESS, &c.address),
        (contact::POSTCODE, &c.postcode),
        (contact::PHONE, &c.phone),
        (contact::EMAIL, &c.email),
    ] {
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
                let value = report
                    .table2
                    .cells
                    .get(gi)
                    .and_then(|x| x.get(ri))
                    .and_then(|x| x.get(ci))
                    .and_then(|x| x.as_ref());
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
    use crate::diag::codes;

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

    #[test]
    fn the_page_says_no_data_paths_and_no_heading_marks() {
        assert_eq!(
            for_page("核对“其他事项.信息处理费.收费通知件数”"),
            "核对“信息处理费的收费通知件数”"
        );
        assert_eq!(
            for_page("在“其他事项.正文”中分项写明，例如 ### （二）人大代表建议"),
            "在“六、其他需要报告的事项的正文”中分项写明，例如 （二）人大代表建议"
        );
        assert_eq!(for_page("缺少“其他事项.信息处理费”"), "缺少“信息处理费”");
        assert_eq!(
            for_page(
                "用占位符引用表格数字，正文与表格就不会不一致，例如 {{ 依申请公开.本年新收.总计 }}"
            ),
            "把正文中的数字与表格绑定（点“绑定到表格”，或用“插入表格数字”），正文与表格就不会不一致"
        );
        assert_eq!(for_page("写成 YYYY-MM-DD"), "写成 2026年1月10日 这样的日期");
        assert_eq!(for_page("未闭合 {{ 年度"), "未闭合 {{ 年度");
        assert_eq!(for_page("写了 {{ 年度 }} 年"), "写了 “与表格绑定的数字” 年");
    }

    #[test]
    fn findings_name_files_of_the_folder_by_their_names() {
        let folder = Path::new("/home/clerk/年报");
        let d = Diagnostic::new(
            codes::PREV,
            format!(
                "无法读取上年数据 {}：没有这个文件",
                folder.join("2024.yaml").display()
            ),
        );
        let f = finding(&d, &[], Some(folder), ("", None));
        assert_eq!(f.message, "无法读取上年数据 2024.yaml：没有这个文件");
        assert_eq!(finding(&d, &[], None, ("", None)).message, d.message);
        // Nothing on the page clears it: the finding says where it is cleared.
        assert!(
            f.clear.is_some_and(|c| c.contains("上年的文件")),
            "{:?}",
            f.clear
        );
    }

    /// Issue 74.3: a finding on a field left empty goes to the field; one
    /// with a cell or a fix needs no words on clearing it.
    #[test]
    fn every_warning_says_what_clears_it() {
        let text = "机关: 某局\n年度: 2025\n总体情况: \"无。\"\n";
        let report = crate::load::load_str(SourceFile::new("2025.yaml", text))
            .report
            .expect("a report");
        let paths = paths_of(&report, &values(&report));
        let missing = Diagnostic::new(codes::KEY_MISSING, "成文日期没有填写").path("成文日期");
        let f = finding(&missing, &paths, None, (text, Some(&report)));
        assert_eq!(f.cells, ["成文日期"]);
        assert_eq!(f.clear, None);
        let glyph = Diagnostic::warning(codes::GLYPH, "字体中没有“𠮷”");
        let f = finding(&glyph, &paths, None, (text, Some(&report)));
        assert!(
            f.clear.is_some_and(|c| c.contains("通用写法")),
            "{:?}",
            f.clear
        );
    }

    #[test]
    fn a_figure_bound_to_its_cell_is_offered_on_its_line() {
        let text = "机关: 某局\n年度: 2025\n总体情况: \"### （二）依申请公开\\n\\n全年收到申请5件，办结5件。\"\n";
        let loaded = crate::load::load_str(SourceFile::new("2025.yaml", text));
        let report = loaded.report.expect("a report");
        // The second 5 (办结), as the rule places it.
        let second = text.rfind("5件").unwrap();
        let d = Diagnostic::new(codes::NARR, "正文写的是 5 件")
            .at(crate::source::Span {
                line: 3,
                column: 0,
                offset: second,
                len: "5件".len(),
            })
            .path("总体情况")
            .bind(Some("依申请公开.办理结果.总计.总计".into()));
        let fix = finding(&d, &[], None, (text, Some(&report)))
            .fix
            .expect("a fix");
        assert_eq!(fix.path, "总体情况");
        assert_eq!(fix.line, "全年收到申请5件，办结5件。");
        assert_eq!(
            fix.with,
            "全年收到申请5件，办结{{ 依申请公开.办理结果.总计.总计 }}件。"
        );
        assert_eq!(fix.label, "绑定到表格");
        // Without a place there is nothing to bind.
        let unplaced = Diagnostic::new(codes::NARR, "x").bind(Some("年度".into()));
        assert!(
            finding(&unplaced, &[], None, (text, Some(&report)))
                .fix
                .is_none()
        );
    }
}
