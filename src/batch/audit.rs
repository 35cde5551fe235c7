//! Auditing published reports (`nianbao audit`): each one imported and
//! checked, the findings tabulated as `summary.csv` and `summary.html` with
//! one page per report. Everything is offline and deterministic: no
//! external resource, the script and style inline, every text from the
//! input escaped.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::batch::folder::FolderNotes;
use crate::batch::names;
use crate::batch::page::{self, TableCell, TableRow};
use crate::batch::summary::{self, FIGURE_HEADINGS, Figures};
use crate::diag::{Diagnostic, Severity, codes};
use crate::import::{self, Options};
use crate::model::{Edition, Report};
use serde::Serialize;

/// One finding of an audited report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Rule code.
    pub code: &'static str,
    /// Whether it is an error (else a warning).
    pub error: bool,
    /// Where: `第 12 行` in the published text, or the data path.
    pub place: String,
    /// The message.
    pub message: String,
    /// Whether it is the tool's failure to read the report (an import
    /// finding: 未能读出，请核对原文), not a problem of the report itself.
    pub unread: bool,
}

/// One audited report.
#[derive(Debug, Clone)]
pub struct Audited {
    /// The input file as given or found.
    pub file: String,
    /// `机关`, empty when not recognized.
    pub agency: String,
    /// `年度`, empty when not recognized.
    pub year: String,
    /// The input's kind (`网页` or `文本`) and the report's edition.
    pub format: String,
    /// Whether the import is complete ([`import::Imported::is_complete`]:
    /// what `import` says of the same file); `None` when the file could not
    /// be imported at all.
    pub complete: Option<bool>,
    /// Why the file could not be imported.
    pub failure: Option<String>,
    /// Errors and warnings of the import and of the check.
    pub findings: Vec<Finding>,
    /// The year as a number (0 when not recognized).
    pub year_value: i32,
    /// The edition, when the file could be imported.
    pub edition: Option<Edition>,
    /// The main figures (empty when the file could not be imported).
    pub figures: Figures,
    /// What the roster says of it (empty without a roster).
    pub roster: String,
    /// The report as imported, for the checks across years (None when the
    /// file could not be imported).
    pub report: Option<Box<Report>>,
    /// The parts (first data-path segment) with cells the import could not
    /// read.
    pub unread_parts: BTreeSet<String>,
}

impl Audited {
    /// Number of errors of the report itself (not the import's failures to
    /// read it).
    pub fn errors(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.error && !f.unread)
            .count()
    }

    /// Number of warnings of the report itself.
    pub fn warnings(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| !f.error && !f.unread)
            .count()
    }

    /// Number of the import's findings (what could not be read, or was
    /// read with a doubt): to be checked against the original.
    pub fn unread_count(&self) -> usize {
        self.findings.iter().filter(|f| f.unread).count()
    }

    /// A report not (yet) read: `file` with nothing known.
    pub fn unread(file: String, failure: Option<String>) -> Audited {
        Audited {
            file,
            agency: String::new(),
            year: String::new(),
            format: String::new(),
            complete: None,
            failure,
            findings: Vec::new(),
            year_value: 0,
            edition: None,
            figures: Figures::default(),
            roster: String::new(),
            report: None,
            unread_parts: BTreeSet::new(),
        }
    }

    /// The report's own problems in words (errors first, codes with their
    /// names), after why it could not be imported; nothing the import could
    /// not read.
    pub fn own_problems(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .failure
            .iter()
            .map(|f| format!("无法导入：{f}"))
            .collect();
        out.extend(self.findings_in_words(false));
        out
    }

    /// What the import could not read (or read with a doubt), in words with
    /// the reason, headed by how many places: its own column of the
    /// summary, never among the report's problems. Empty when all was read.
    pub fn unread_reasons(&self) -> Vec<String> {
        let n = self.unread_count();
        if n == 0 {
            return Vec::new();
        }
        let mut out = vec![format!("{n} 处")];
        out.extend(self.findings_in_words(true));
        out
    }

    /// The first problems in words: the report's own (errors first, codes
    /// with their names), then what could not be read, marked as such.
    pub fn problems(&self) -> Vec<String> {
        let mut out = self.own_problems();
        out.extend(
            self.findings_in_words(true)
                .into_iter()
                .map(|p| format!("{UNREAD}：{p}")),
        );
        out
    }

    /// The findings of what the import could not read (`unread`), or the
    /// others, in words ([`summary::problems`]).
    fn findings_in_words(&self, unread: bool) -> Vec<String> {
        summary::problems(
            self.findings
                .iter()
                .filter(|f| f.unread == unread)
                .map(|f| (f.code, f.error, f.place.as_str(), f.message.as_str())),
        )
    }

    /// Findings per rule code.
    pub fn by_code(&self) -> BTreeMap<&'static str, usize> {
        let mut m = BTreeMap::new();
        for f in &self.findings {
            *m.entry(f.code).or_insert(0) += 1;
        }
        m
    }
}

/// How the findings of the import are headed: the tool could not read
/// the report, not the publisher's error (printed phrase).
pub const UNREAD: &str = "未能读出（请核对原文）";

/// The summary's column of what the import could not read (printed phrase).
pub const UNREAD_HEADING: &str = "未能读出";

/// How the findings of the check are headed (printed phrase).
pub const OWN: &str = "报告本身的问题";

/// Whether a file name is one `import` reads (text, web page, .docx, PDF).
pub fn is_published(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        [
            "txt", "text", "htm", "html", "shtml", "xhtml", "docx", "pdf", "xlsx",
        ]
        .iter()
        .any(|x| e.eq_ignore_ascii_case(x))
    })
}

fn finding(d: &Diagnostic, place: String) -> Option<Finding> {
    let error = match d.severity {
        Severity::Error => true,
        Severity::Warning => false,
        _ => return None,
    };
    Some(Finding {
        code: d.code.as_str(),
        error,
        place,
        message: d.message.clone(),
        unread: false,
    })
}

/// The tables (first data-path segment: `主动公开`, `依申请公开`,
/// `复议诉讼`, `其他事项`) with cells the import could not read.
fn unread_tables(imported: &import::Imported) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for d in &imported.diagnostics {
        let fee = d.message.contains("未能从第六部分读出信息处理费");
        let missing = d.code == codes::IMPORT_MISSING && d.severity == Severity::Error;
        if let Some(p) = d.path.as_ref().filter(|_| missing || fee) {
            out.insert(if fee {
                "其他事项".into()
            } else {
                top_of(p)
            });
        }
    }
    for (path, notes) in &imported.notes.above {
        let unread = notes
            .iter()
            .any(|n| n.contains("未导入") || n.contains("无法分列") || n.contains("未能读出"));
        if unread {
            out.insert(top_of(path));
        }
    }
    out
}

/// The first segment of a data path.
fn top_of(path: &str) -> String {
    path.split(['.', '['])
        .next()
        .unwrap_or_default()
        .to_string()
}

/// Whether a finding of the check rests on a table in `unread`: its data
/// path, the cell it binds a figure to or a place it compares with is in
/// one, or it is a fee rule and the fee was not read.
fn rests_on_unread(d: &Diagnostic, unread: &BTreeSet<String>) -> bool {
    let fee = d.code.as_str().starts_with("FEE") && unread.contains("其他事项");
    let own = d
        .path
        .as_deref()
        .is_some_and(|p| unread.contains(&top_of(p)) && !p.starts_with("其他事项.正文"));
    fee || own || compared(d).any(|p| unread.contains(&top_of(p)))
}

/// The data paths a finding compares its place with: the cell it binds a
/// figure to and its related places.
fn compared(d: &Diagnostic) -> impl Iterator<Item = &str> {
    d.bind
        .as_deref()
        .into_iter()
        .chain(d.related.iter().filter_map(|r| r.path.as_deref()))
}

/// Whether a finding of the check rests on what a text that stops short
/// (`cut`) never reached: a part after the cut, or something the report is
/// said to lack, which may stand after it.
fn rests_on_cut(d: &Diagnostic, cut: &import::cut::Cut) -> bool {
    d.absence
        || d.path
            .as_deref()
            .into_iter()
            .chain(compared(d))
            .any(|p| cut.unread(&top_of(p)))
}

/// Imports and checks one published report. Never fails: a file that
/// cannot be read is an [`Audited`] with its `failure`.
pub fn audit(path: &Path, seen: Option<crate::files::FileId>) -> Audited {
    let mut a = Audited::unread(path.display().to_string(), None);
    // Audited as published: pending revisions read as accepted.
    let opts = Options {
        accept_revisions: true,
        ..Default::default()
    };
    let imported = match import::import_walked(path, seen, &opts) {
        Ok(i) => i,
        Err(e) => {
            a.failure = Some(e.to_string());
            return a;
        }
    };
    let r = &imported.report;
    a.agency = r.agency.value.clone();
    a.year_value = r.year.value;
    a.edition = Some(r.edition());
    a.figures = Figures::of(r);
    if r.year.value > 0 {
        a.year = r.year.value.to_string();
    }
    a.format = format!(
        "{}，{} 版",
        match imported.format {
            import::ImportFormat::Text => "文本",
            import::ImportFormat::Html => "网页",
            import::ImportFormat::Docx => "Word 文档",
            import::ImportFormat::Pdf => "PDF",
            import::ImportFormat::Xlsx => "Excel 工作簿",
        },
        r.edition()
    );
    a.complete = Some(imported.is_complete());
    for d in &imported.diagnostics {
        let place = d.span.filter(|s| s.line > 0).map_or(String::new(), |s| {
            match imported.source.place_at(s.offset) {
                Some(cell) => format!("工作簿 {cell}"),
                None => format!("原文第 {} 行", s.line),
            }
        });
        a.findings
            .extend(finding(d, place).map(|f| Finding { unread: true, ..f }));
    }
    // Check the imported figures as a data file would be checked; cells
    // the import could not read are already counted above, and the checks
    // that rest on them are not run (said once).
    let unread = unread_tables(&imported);
    let unread_fields = unread_fields(&imported);
    let text = crate::write::data_file(r, &imported.notes);
    let loaded = crate::load::load_str(crate::source::SourceFile::new(path, text));
    let checked = crate::check::check_loaded(loaded, None);
    let mut skipped: BTreeSet<&'static str> = BTreeSet::new();
    for d in &checked.diagnostics {
        if d.code == codes::CELL_EMPTY {
            continue;
        }
        // A field the import could not find (the agency, the date): its
        // import finding says so; the check's "empty" is not the report's.
        if d.path.as_ref().is_some_and(|p| unread_fields.contains(p)) {
            continue;
        }
        if rests_on_unread(d, &unread) || imported.cut.as_ref().is_some_and(|c| rests_on_cut(d, c))
        {
            skipped.insert(d.code.as_str());
            continue;
        }
        let place = d.path.clone().unwrap_or_default();
        a.findings.extend(finding(d, place));
    }
    a.report = Some(Box::new(imported.report.clone()));
    a.unread_parts = unread.clone();
    if let Some(c) = &imported.cut {
        a.unread_parts.extend(c.unread.iter().cloned());
    }
    if !skipped.is_empty() {
        let names: Vec<String> = skipped.iter().map(|c| summary::code_name(c)).collect();
        a.findings.push(Finding {
            code: codes::IMPORT_MISSING.as_str(),
            error: false,
            place: unread.iter().cloned().collect::<Vec<_>>().join("、"),
            message: if imported.cut.is_some() {
                format!(
                    "原文不完整（在中途中断），依赖中断之后内容或未能读出的单元格的核对没有做（以免把读取的问题算成报告的错误）：{}",
                    names.join("、")
                )
            } else {
                format!(
                    "这些部分有未能读出的单元格，依赖它们的核对没有做（以免把读取的问题算成报告的错误）：{}",
                    names.join("、")
                )
            },
            unread: true,
        });
    }
    a
}

/// A data file already checked (`name` as the reader knows it), held as
/// `audit` holds a published report: its agency, year, main figures and
/// the findings of its check (cells still empty left to the count of
/// cells to fill, as `audit` does). For the collection server's board.
pub fn of_checked(name: &str, checked: &crate::check::Checked) -> Audited {
    let mut a = Audited::unread(name.to_string(), None);
    let Some(r) = &checked.report else {
        a.failure = Some("无法读取为年报数据".to_string());
        return a;
    };
    a.agency = r.agency.value.clone();
    a.year_value = r.year.value;
    if r.year.value > 0 {
        a.year = r.year.value.to_string();
    }
    a.edition = Some(r.edition());
    a.format = format!("数据文件，{} 版", r.edition());
    a.figures = Figures::of(r);
    a.complete = Some(true);
    a.findings = checked
        .diagnostics
        .iter()
        .filter(|d| d.code != codes::CELL_EMPTY)
        .filter_map(|d| finding(d, d.path.clone().unwrap_or_default()))
        .collect();
    a
}

/// The checks across years between reports of one agency in the folder:
/// each report held against the same agency's report of the year before
/// (agency names compared as [`names::normalize`] does), the findings that
/// only last year's figures give (XYEAR-CARRY, T2-2021-VALID, COPY…) added
/// with the file they were held against. Checks on parts either import
/// could not read are not run.
pub fn cross_year(all: &mut [Audited]) {
    let mut by_key: BTreeMap<(String, i32), Vec<usize>> = BTreeMap::new();
    for (i, a) in all.iter().enumerate() {
        if a.report.is_some() && !a.agency.is_empty() && a.year_value > 0 {
            by_key
                .entry((names::normalize(&a.agency), a.year_value))
                .or_default()
                .push(i);
        }
    }
    let pairs: Vec<(usize, usize)> = by_key
        .iter()
        .filter_map(|((agency, year), now)| {
            let before = by_key.get(&(agency.clone(), year - 1))?;
            match (now.as_slice(), before.as_slice()) {
                ([i], [j]) => Some((*i, *j)),
                _ => None,
            }
        })
        .collect();
    for (i, j) in pairs {
        let found = held_against(&all[i], &all[j]);
        all[i].findings.extend(found);
    }
}

/// The findings of `now` that only `before` (last year's report) gives.
fn held_against(now: &Audited, before: &Audited) -> Vec<Finding> {
    let (Some(report), Some(prev)) = (&now.report, &before.report) else {
        return Vec::new();
    };
    let text = crate::write::data_file(report, &crate::write::Notes::new());
    let file = crate::source::SourceFile::new(Path::new(&now.file), text);
    let alone = crate::rules::check(
        report,
        &crate::rules::Inputs {
            file: &file,
            previous: None,
            previous_name: None,
        },
    );
    let seen: BTreeSet<(crate::diag::Code, &str)> =
        alone.iter().map(|d| (d.code, d.message.as_str())).collect();
    let with = crate::rules::check(
        report,
        &crate::rules::Inputs {
            file: &file,
            previous: Some(prev),
            previous_name: Some(before.file.clone()),
        },
    );
    let unread: BTreeSet<String> = now
        .unread_parts
        .union(&before.unread_parts)
        .cloned()
        .collect();
    with.iter()
        .filter(|d| !seen.contains(&(d.code, d.message.as_str())))
        .filter(|d| !rests_on_unread(d, &unread))
        .filter_map(|d| {
            let place = format!("与上年 {} 对照", before.file);
            finding(d, place)
        })
        .collect()
}

/// Every rule code found, most frequent first (by number of findings, then
/// by code).
pub fn frequent(all: &[Audited]) -> Vec<(&'static str, usize)> {
    let mut m: BTreeMap<&'static str, usize> = BTreeMap::new();
    for a in all {
        for (c, n) in a.by_code() {
            *m.entry(c).or_insert(0) += n;
        }
    }
    let mut v: Vec<_> = m.into_iter().collect();
    v.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(y.0)));
    v
}

/// `summary.csv`: one row per input with its main figures and first
/// problems, a column per rule code found (headed by the code and its
/// Chinese name); then a row per file not read and per roster name nobody
/// submitted for.
pub fn csv(all: &[Audited], notes: &FolderNotes) -> String {
    summary::csv_of(&cells(all, notes))
}

/// The table of `summary.csv` and `summary.xlsx`: headings, then a line
/// per report, per file not read and per roster name missing.
pub fn cells(all: &[Audited], notes: &FolderNotes) -> Vec<Vec<String>> {
    let roster = notes.roster.is_some();
    let mut codes: Vec<&str> = frequent(all).into_iter().map(|(c, _)| c).collect();
    codes.sort_unstable();
    let mut table = vec![headings(roster, &codes)];
    for a in all {
        let by = a.by_code();
        let mut row = fields(a, roster, "；");
        row.extend(
            codes
                .iter()
                .map(|c| by.get(c).copied().unwrap_or(0).to_string()),
        );
        table.push(row);
    }
    table.extend(extra_rows(notes, "；"));
    table
}

/// The places (`机关`, `成文日期`, a section's text) the import said it
/// could not find or read.
fn unread_fields(imported: &import::Imported) -> BTreeSet<String> {
    imported
        .diagnostics
        .iter()
        .filter(|d| {
            (d.code == codes::IMPORT_META || d.code == codes::IMPORT_MISSING)
                && d.severity != Severity::Info
        })
        .filter_map(|d| d.path.clone())
        .collect()
}

/// The headings of the summary: the file's, the figures, the problems,
/// the roster's, then one per code in `codes`.
fn headings(roster: bool, codes: &[&str]) -> Vec<String> {
    // Column headings printed for people, not data keys.
    let mut head: Vec<String> = [
        "文件",
        "机关",
        "年度",
        "格式",
        "导入完整",
        "错误",
        "警告",
        UNREAD_HEADING,
    ]
    .map(String::from)
    .to_vec();
    head.extend(FIGURE_HEADINGS.map(String::from));
    head.push(summary::PROBLEMS_HEADING.into());
    if roster {
        head.push(summary::ROSTER_HEADING.into());
    }
    head.extend(codes.iter().map(|c| summary::code_name(c)));
    head
}

/// A report's fields under [`headings`] (without the code columns).
fn fields(a: &Audited, roster: bool, joiner: &str) -> Vec<String> {
    let mut row = vec![
        a.file.clone(),
        a.agency.clone(),
        a.year.clone(),
        a.format.clone(),
        complete_text(a).to_string(),
        a.errors().to_string(),
        a.warnings().to_string(),
        a.unread_reasons().join(joiner),
    ];
    row.extend(a.figures.fields());
    row.push(a.own_problems().join(joiner));
    if roster {
        row.push(a.roster.clone());
    }
    row
}

/// The rows after the reports' (files not read, roster names nobody
/// submitted for), as fields under [`headings`] without the code columns.
fn extra_rows(notes: &FolderNotes, joiner: &str) -> Vec<Vec<String>> {
    let roster = notes.roster.is_some();
    notes
        .extra_rows()
        .into_iter()
        .map(|r| {
            let mut row = vec![r.file, r.agency];
            row.extend(std::iter::repeat_n(
                String::new(),
                6 + FIGURE_HEADINGS.len(),
            ));
            row.push(r.problems.join(joiner));
            if roster {
                row.push(r.roster);
            }
            row
        })
        .collect()
}

fn complete_text(a: &Audited) -> &'static str {
    match a.complete {
        Some(true) => "是",
        Some(false) => "否",
        None => "无法导入",
    }
}

/// How many reports have errors of their own, how many have content the
/// import could not read, and how many could not be imported at all.
pub fn counts(all: &[Audited]) -> (usize, usize, usize) {
    let own = all.iter().filter(|a| a.errors() > 0).count();
    let unread = all.iter().filter(|a| a.complete == Some(false)).count();
    let failed = all.iter().filter(|a| a.failure.is_some()).count();
    (own, unread, failed)
}

/// The file name of report `i`'s page, relative to `summary.html`.
pub fn page_name(i: usize) -> String {
    format!("reports/{:04}.html", i + 1)
}

/// `summary.html`: the roster's account, the chart of the most frequent
/// findings, the sortable table (figures, first problems, errors first),
/// then the files not read and the notes.
pub fn summary_html(all: &[Audited], notes: &FolderNotes) -> String {
    let roster = notes.roster.is_some();
    let mut context = page::context("年度报告审查汇总");
    let (with_errors, unread, failed) = counts(all);
    context.insert("total", &all.len());
    context.insert("with_errors", &with_errors);
    context.insert("unread", &unread);
    context.insert("failed", &failed);
    context.insert("chart", &chart(&frequent(all)));
    let mut rows: Vec<TableRow> = all
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let mut cells = table_cells(&fields(a, roster, "\n"));
            cells[0] = TableCell {
                lines: vec![a.file.clone()],
                numeric: false,
                href: Some(page_name(i)),
            };
            TableRow {
                bad: a.errors() > 0 || a.failure.is_some() || !a.roster.is_empty(),
                cells,
            }
        })
        .collect();
    rows.extend(extra_rows(notes, "\n").iter().map(|extra| TableRow {
        bad: true,
        cells: table_cells(extra),
    }));
    page::insert_table(
        &mut context,
        notes.sections(),
        &headings(roster, &[]),
        &rows,
    );
    page::render("audit-summary", &context)
}

/// A row's cells, the figures' (columns 5 to 13) right-aligned.
fn table_cells(fields: &[String]) -> Vec<TableCell> {
    fields
        .iter()
        .enumerate()
        .map(|(i, field)| TableCell::text(field, (5..=13).contains(&i)))
        .collect()
}

/// The horizontal bar chart (inline SVG) of the ten most frequent codes.
#[derive(Serialize)]
struct Chart {
    width: usize,
    height: usize,
    left: usize,
    bar_height: usize,
    bars: Vec<Bar>,
}

/// One bar: its code's label, its count and where they are drawn.
#[derive(Serialize)]
struct Bar {
    label: String,
    count: usize,
    label_x: usize,
    text_y: usize,
    y: usize,
    width: usize,
    count_x: usize,
}

/// The chart of the ten most frequent codes (no bars: nothing found).
fn chart(freq: &[(&'static str, usize)]) -> Chart {
    let top = &freq[..freq.len().min(10)];
    let max = top.iter().map(|(_, n)| *n).max().unwrap_or(1).max(1);
    let (bar_h, left, width) = (22, 380, 400);
    let bars = top
        .iter()
        .enumerate()
        .map(|(i, (code, n))| {
            let y = i * bar_h + 5;
            let w = (n * width / max).max(1);
            Bar {
                label: chart_label(code),
                count: *n,
                label_x: left - 6,
                text_y: y + 15,
                y,
                width: w,
                count_x: left + w + 4,
            }
        })
        .collect();
    Chart {
        width: left + width + 60,
        height: top.len() * bar_h + 10,
        left,
        bar_height: bar_h - 6,
        bars,
    }
}

/// A code and the start of its Chinese name, short enough for the chart.
fn chart_label(code: &str) -> String {
    let name = summary::code_name(code);
    if name.chars().count() > 26 {
        name.chars().take(25).collect::<String>() + "…"
    } else {
        name
    }
}

/// The page of one report: its findings.
pub fn report_html(a: &Audited) -> String {
    let mut context = page::context(&a.file);
    context.insert("file", &a.file);
    context.insert("agency", &a.agency);
    context.insert("year", &a.year);
    context.insert("format", &a.format);
    context.insert("complete", complete_text(a));
    context.insert("errors", &a.errors());
    context.insert("warnings", &a.warnings());
    context.insert("unread", &a.unread_count());
    context.insert("failed", &a.failure.is_some());
    context.insert("failure", &a.failure);
    let groups: Vec<serde_json::Value> = [false, true]
        .into_iter()
        .filter_map(|unread| {
            let mut findings: Vec<&Finding> =
                a.findings.iter().filter(|f| f.unread == unread).collect();
            findings.sort_by_key(|f| !f.error);
            let rows: Vec<serde_json::Value> = findings
                .iter()
                .map(|f| {
                    serde_json::json!({
                        "level": if f.error { "错误" } else { "警告" },
                        "code": summary::code_name(f.code),
                        "place": f.place,
                        "message": f.message,
                    })
                })
                .collect();
            (!rows.is_empty()).then(|| {
                serde_json::json!({ "heading": if unread { UNREAD } else { OWN }, "findings": rows })
            })
        })
        .collect();
    context.insert("groups", &groups);
    page::render("audit-report", &context)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_escape_input_text() {
        let mut a = Audited::unread("<script>x</script>.html".into(), None);
        a.agency = "\"机关\"&".into();
        a.year = "2024".into();
        a.format = "网页，2021 版".into();
        a.complete = Some(true);
        a.findings = vec![
            Finding {
                code: "PREV",
                error: false,
                place: String::new(),
                message: "w".into(),
                unread: false,
            },
            Finding {
                code: "T3-BAL",
                error: true,
                place: String::new(),
                message: "<b>".into(),
                unread: false,
            },
        ];
        let notes = FolderNotes {
            passed_over: vec![("a.doc".into(), "旧版 Word".into())],
            ..FolderNotes::default()
        };
        let html = summary_html(std::slice::from_ref(&a), &notes) + &report_html(&a);
        // Errors come first in the problems, with the code's name.
        let errors_at = html.find("错误 T3-BAL（").unwrap();
        assert!(errors_at < html.find("警告 PREV（").unwrap());
        assert!(html.contains("未读取：旧版 Word"));
        let csv = csv(std::slice::from_ref(&a), &notes);
        assert!(csv.contains(",未读取：旧版 Word\r\n"), "{csv}");
        assert!(!html.contains("<script>x"));
        assert!(!html.contains("<b>"));
        assert!(html.contains("&lt;script&gt;"));
        assert!(!html.contains("http://") || html.contains("xmlns=\"http://www.w3.org/2000/svg\""));
    }
}
