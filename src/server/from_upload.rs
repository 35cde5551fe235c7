//! Starting a unit's report from an upload, as the workbench starts one:
//! last year's report in any form `nianbao import` reads (rolled forward
//! to this year by [`crate::next_year`]), or this year's report already
//! filled in (a workbook or a data file). The result is the report's next
//! revision; its agency stays the unit's own.

use std::path::Path;

use serde::Serialize;

use super::Server;
use super::actions;
use super::auth::Session;
use super::report_state::ReportState;
use super::store::{ReportRow, State};
use crate::editing::{MAX_DATA_FILE, state, yaml_edit};
use crate::load;
use crate::model::Report;
use crate::serve::http::Head;
use crate::serve::query::query;
use crate::serve::reply::{Answer, Reason, Reply};

/// The kinds of file accepted: what `nianbao import` reads, data files and
/// workbooks.
const ACCEPTED: &[&str] = &[
    "yaml", "yml", "docx", "doc", "pdf", "html", "htm", "txt", "md", "xlsx",
];

/// The report read from the upload `name`, with its data-file text; a
/// Word document still holding tracked changes or comments is read as
/// accepted only when `accept` (the unit chose so), otherwise refused with
/// 409 and `"unaccepted": true`, its marks named, so that the page asks.
fn read_upload(name: &str, body: &[u8], accept: bool) -> Result<(Report, String), Reply> {
    let source = Path::new(name);
    let ext = source
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if !ACCEPTED.contains(&ext.as_str()) {
        return Err(Reply::error(
            400,
            &format!(
                "{name}：只能上传上年报告（.yaml、.docx、.doc、.pdf、.html、.txt、.md）或填好的工作簿（.xlsx）"
            ),
        ));
    }
    let unreadable = |loaded: load::Loaded| {
        let first = loaded.diagnostics.first();
        let place = first
            .and_then(|d| d.span)
            .map_or(String::new(), |s| format!("第 {} 行：", s.line));
        Reply::error(
            400,
            &format!(
                "{name} 无法读取为年报：{place}{}",
                first.map_or("", |d| d.message.as_str())
            ),
        )
    };
    if ext == "xlsx" || crate::xlsx::is_workbook(body) {
        let loaded = load::load_workbook(source, body)
            .map_err(|e| Reply::error(400, &format!("无法读取工作簿 {name}：{}", e.message)))?;
        return match loaded.report {
            Some(report) => Ok((report, loaded.file.text)),
            None => Err(unreadable(loaded)),
        };
    }
    if ext == "yaml" || ext == "yml" {
        let loaded = load::load_bytes(source, body);
        return match loaded.report {
            Some(report) => Ok((report, loaded.file.text)),
            None => Err(unreadable(loaded)),
        };
    }
    let imported = crate::editing::upload::import_upload(name, body, accept).map_err(|why| {
        // 409: the page may ask to read the document as accepted.
        Reply::json(if why.unaccepted { 409 } else { 400 }, &why)
    })?;
    let text = crate::import::data_file_text(&imported, source);
    Ok((imported.report, text))
}

/// The answer to starting a report from an upload: the page's state of
/// the new revision, and what was changed on the way (the agency put
/// back to the unit's), if anything.
#[derive(Debug, Serialize)]
struct Started {
    #[serde(flatten)]
    state: ReportState,
    note: Option<String>,
}

/// This year's text for `row` from the uploaded `report` (its text
/// `text`): kept when it is this year's, rolled forward when it is last
/// year's. The agency is the unit's; the note says when it was changed.
fn this_year(
    row: &ReportRow,
    name: &str,
    report: Report,
    text: String,
) -> Result<(String, Option<String>), Reply> {
    let year = i64::from(report.year.value);
    let named = report.agency.value.trim().to_string();
    let note = (named != row.meta.unit).then(|| {
        format!(
            "上传的报告署名为“{named}”，已改为本单位名称“{}”",
            row.meta.unit
        )
    });
    if year == row.meta.year - 1 {
        let mut prev = report;
        prev.agency.value = row.meta.unit.clone();
        let mut draft = crate::next_year::roll_forward(&prev, name);
        // Last year's file is not kept on the server: nothing to read beside.
        draft.report.previous = None;
        return Ok((draft.text(), note));
    }
    if year != row.meta.year {
        return Err(Reply::error(
            400,
            &format!(
                "{name} 是 {year} 年度的报告：本报告是 {} 年度，请上传 {} 年度的报告或本年度填好的工作簿",
                row.meta.year,
                row.meta.year - 1
            ),
        ));
    }
    if note.is_none() {
        return Ok((text, None));
    }
    let text = yaml_edit::set(&text, report.edition(), "机关", &row.meta.unit)
        .map_err(|e| Reply::error(400, &format!("无法改正 {name} 的机关名称：{e}")))?;
    Ok((text, note))
}

/// An uploaded file's name as the audit log keeps it (issue 75.6): its
/// control characters (a line break, an escape sequence, a bidirectional
/// override) shown escaped (`\u{1b}`), at most 120 characters.
pub fn logged_name(name: &str) -> String {
    let cut: String = name.chars().take(120).collect();
    let more = if cut.len() < name.len() { "…" } else { "" };
    format!("{}{more}", crate::diag::visible(&cut))
}

/// `POST /api/start?f=ID&name=FILE[&accept=1]` (the body: the file): the
/// unit's editable report replaced by one made from the upload, as its
/// next revision; refused when someone saved first (`version` given and
/// not the report's). `accept=1`: a Word document's pending tracked
/// changes read as accepted, its comments left out.
pub fn start(server: &Server, session: &Session, head: &Head, body: &[u8]) -> Answer {
    let row = actions::editable(
        server,
        session,
        &query(&head.target, "f").unwrap_or_default(),
    )?;
    let name = query(&head.target, "name").unwrap_or_default();
    let name = name.trim();
    let accept = query(&head.target, "accept").is_some_and(|a| a == "1");
    let (report, text) = read_upload(name, body, accept)?;
    let (text, note) = this_year(&row, name, report, text)?;
    if text.len() as u64 > MAX_DATA_FILE {
        return Err(Reply::error(
            413,
            &format!(
                "由 {name} 生成的报告超过 {} MB，未保存：请先删去多余的内容（如网页的导航、附件）再上传",
                MAX_DATA_FILE / 1024 / 1024
            ),
        ));
    }
    if let Some(version) = query(&head.target, "version")
        && version != state::version(&row.text)
    {
        return Err(Reply::refused(Reason::Conflict, actions::STALE));
    }
    let next = if row.meta.state == State::Returned {
        State::Returned
    } else {
        State::Filling
    };
    let detail = format!(
        "{} {} 年度 第 {} 版，来自 {}",
        row.meta.unit,
        row.meta.year,
        row.meta.revision + 1,
        logged_name(name)
    );
    let (state, _) = actions::record_text(
        server,
        session,
        (&row, &text),
        (next, "start"),
        Some(&detail),
        true,
    )?;
    Ok(Reply::json(200, &Started { state, note }))
}
