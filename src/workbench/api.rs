//! The workbench's routes: two pages and the JSON requests the page
//! script makes. Every route has passed `server::gate` (Host, token,
//! Origin) before it is called.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::{Workbench, folder, notes, page};
use crate::build::{self, BuildPlan, OutputFormat};
use crate::check;
use crate::editing::request::{BuildRequest, Clean, MAX_EDITS, Save};
use crate::editing::save::Refused;
use crate::editing::state::PageState;
use crate::editing::{self, MAX_DATA_FILE, signoff};
use crate::files;
use crate::load;
use crate::next_year;
use crate::serve::http::Head;
use crate::serve::query::query;
use crate::serve::reply::{Answer, Reason, Reply, parse};
use crate::serve::timing::Timing;
use crate::source::SourceFile;

/// Answers one request that passed the gate.
pub fn handle(bench: &Workbench, head: &Head, body: &[u8]) -> Reply {
    let route = head.target.split('?').next().unwrap_or("");
    let result = match (head.method.as_str(), route) {
        ("GET", "/") => Ok(Reply::html(page::index(
            bench.token(),
            &bench.root.display().to_string(),
        ))),
        ("GET", "/report") => report_page(bench, head),
        ("GET", "/api/list") => Ok(Reply::json(
            200,
            &json!({
                "reports": folder::list(&bench.root),
                "published": folder::published(&bench.root),
            }),
        )),
        ("GET", "/api/state") => state(bench, head),
        ("GET", "/api/version") => file_of(bench, head).and_then(|path| {
            let text = read(&path)?;
            Ok(Reply::json(
                200,
                &json!({ "version": editing::state::version(&text) }),
            ))
        }),
        ("POST", "/api/save") => parse(body).and_then(|r| save(bench, r)),
        ("POST", "/api/new") => parse(body).and_then(|r| new_report(bench, r)),
        ("POST", "/api/next") => parse(body).and_then(|r| next_report(bench, r)),
        ("POST", "/api/import") => import(bench, head, body),
        ("POST", "/api/import-signoff") => signoff_review(bench, head, body),
        ("POST", "/api/import-signoff/apply") => signoff_apply(bench, head, body),
        ("POST", "/api/convert") => parse(body).and_then(|r| convert(bench, r)),
        ("POST", "/api/clean") => parse(body).map(|r: Clean| {
            // Made as the report reads it, then shown as the text box shows
            // headings: without `###`.
            let paragraphs = &crate::render::paragraphs::normalize(&r.text.replace("\r\n", "\n"));
            let text = crate::render::paragraphs::for_editing(paragraphs);
            Reply::json(200, &json!({ "text": text }))
        }),
        ("POST", "/api/build") => parse(body).and_then(|r| build_output(bench, r)),
        ("GET", "/api/workbook") => workbook_findings(bench, head),
        ("GET" | "POST", _) => Err(Reply::error(404, "未找到")),
        _ => Err(Reply::error(405, "工作台只接受 GET 和 POST 请求")),
    };
    let opens_a_page = head.method == "GET" && !route.starts_with("/api/");
    result.unwrap_or_else(|reply| {
        if opens_a_page {
            // The browser shows this: a page in Chinese, never raw JSON.
            reply.as_page(|said| page::problem(bench.token(), said.unwrap_or("无法打开这个页面")))
        } else {
            reply
        }
    })
}

/// An upload's refusal: 409 when the page may ask to read the document
/// as accepted, else 400.
fn upload_refused(why: editing::upload::Refused) -> Reply {
    Reply::json(if why.unaccepted { 409 } else { 400 }, &why)
}

fn refused(e: impl std::fmt::Display) -> Reply {
    Reply::error(400, &e.to_string())
}

/// The data file a request names with `f`.
fn file_of(bench: &Workbench, head: &Head) -> Result<PathBuf, Reply> {
    let name = query(&head.target, "f").unwrap_or_default();
    data_file(bench, &name)
}

/// The data file `name` of the folder; a workbook is refused with what to
/// do instead.
fn data_file(bench: &Workbench, name: &str) -> Result<PathBuf, Reply> {
    if folder::plain_name(name, folder::WORKBOOK).is_ok() {
        return Err(Reply::error(
            400,
            &format!(
                "{name} 是 Excel/WPS 工作簿，工作台不直接修改它：请在 Excel 或 WPS 中填写，或在工作台首页点“转为数据文件”，之后在工作台中编辑生成的 .yaml 文件"
            ),
        ));
    }
    folder::data_file(&bench.root, name, true).map_err(refused)
}

fn read(path: &Path) -> Result<String, Reply> {
    folder::read(path).map_err(|e| Reply::error(400, &format!("无法读取数据文件：{}", e.message)))
}

fn report_page(bench: &Workbench, head: &Head) -> Answer {
    let path = file_of(bench, head)?;
    let text = read(&path)?;
    let loaded = load::load_str(SourceFile::new(&path, text.as_str()));
    let name = file_name(&path);
    let Some(report) = loaded.report else {
        let first = loaded.diagnostics.first();
        return Ok(Reply::html(page::unreadable(
            bench.token(),
            &name,
            first.and_then(|d| d.span).map_or(0, |s| s.line),
            &first.map_or(String::new(), |d| d.message.clone()),
        )));
    };
    let sums = editing::state::sums(&report);
    Ok(Reply::html(page::report(
        bench.token(),
        &name,
        &report,
        &sums,
    )))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn state(bench: &Workbench, head: &Head) -> Answer {
    let mut timing = Timing::start();
    let path = file_of(bench, head)?;
    let text = read(&path)?;
    timing.lap("read");
    let state = page_state(bench, &path, &text, &mut timing);
    Ok(Reply::timed(&state, timing))
}

/// The page's state of the data file at `path` as `text`, with the notes
/// of the import it was made from; the steps timed into `timing`.
fn page_state(bench: &Workbench, path: &Path, text: &str, timing: &mut Timing) -> PageState {
    let made = (&bench.plan, &bench.tera);
    let mut state = editing::state::state(path, text, made, &mut |step| timing.lap(step));
    state.notes = notes::load(path);
    state
}

fn save(bench: &Workbench, req: Save) -> Answer {
    let mut timing = Timing::start();
    let path = data_file(bench, &req.file)?;
    editing::save::bounded(&req).map_err(save_refused)?;
    let _guard = bench.writing.lock().unwrap_or_else(|e| e.into_inner());
    let text = read(&path)?;
    timing.lap("read");
    let changed = editing::save::apply(&req, &path, &text).map_err(save_refused)?;
    folder::data_file(&bench.root, &req.file, true).map_err(refused)?;
    timing.lap("edit");
    // Writing (flushed to disk: mostly waiting) beside checking and
    // rendering (the work); the answer waits for both. The work stays on
    // this thread, which is running: handed to the pool (`rayon::join` from
    // outside it), it first waited for a sleeping worker to wake.
    let write = || {
        let started = std::time::Instant::now();
        let written = write_data(&path, &req.file, &text, &changed);
        (written, started.elapsed())
    };
    let (state, steps, (written, took)) = std::thread::scope(|scope| {
        // No thread to be had: written after the check, on this one.
        let writer = std::thread::Builder::new()
            .name("save".into())
            .spawn_scoped(scope, write)
            .ok();
        let mut steps = Timing::start();
        let state = page_state(bench, &path, &changed, &mut steps);
        let wrote = match writer {
            Some(w) => w
                .join()
                .unwrap_or_else(|_| (Err(Reply::error(500, "保存时出错")), Duration::ZERO)),
            None => write(),
        };
        (state, steps, wrote)
    });
    written?;
    timing.add("write", took);
    timing.extend(steps);
    timing.lap("saved");
    Ok(Reply::timed(&state, timing))
}

/// The answer to writing a sign-off's changes: the page's state of the
/// changed file, with which changes were written and which not (and why).
#[derive(Debug, Serialize)]
struct SignedOff {
    #[serde(flatten)]
    state: PageState,
    written: Vec<usize>,
    failed: Vec<(usize, String)>,
}

/// A save's refusal, in the workbench's words.
fn save_refused(why: Refused) -> Reply {
    match why {
        Refused::TooMany => Reply::error(400, editing::save::TOO_MANY),
        Refused::Stale => Reply::refused(
            Reason::Conflict,
            "数据文件已在别处被修改（另一个标签页或文本编辑器），这次的修改没有保存。页面已载入文件的最新内容，请核对后重新输入。",
        ),
        Refused::Unreadable => Reply::error(400, "数据文件无法读取为年报，请先用文本编辑器修正"),
        Refused::Edit(e) => refused(e),
    }
}

/// Replaces the data file at `path` (named `name`) with `changed`, unless
/// it is the same as `text`.
fn write_data(path: &Path, name: &str, text: &str, changed: &str) -> Result<(), Reply> {
    if changed == text {
        return Ok(());
    }
    files::write_atomic(path, changed.as_bytes()).map_err(|e| {
        Reply::error(
            500,
            &format!("无法保存 {name}：{}", crate::files::io_message(&e)),
        )
    })
}

#[derive(Debug, Deserialize)]
struct NewReport {
    agency: String,
    year: i32,
}

/// A name for a new data file in the folder: `stem.yaml`, else
/// `stem-2.yaml`, … (never an existing name).
fn free_name(root: &Path, stem: &str) -> Result<String, Reply> {
    (1..100)
        .map(|i| match i {
            1 => format!("{stem}.yaml"),
            i => format!("{stem}-{i}.yaml"),
        })
        .find(|n| std::fs::symlink_metadata(root.join(n)).is_err())
        .ok_or_else(|| Reply::error(409, "本文件夹中同名文件过多，请先整理"))
}

/// Writes a new data file; never replaces one, and never one larger than
/// the workbench itself opens ([`MAX_DATA_FILE`]). Notes left beside
/// an earlier file of that name are dropped.
fn write_new(root: &Path, name: &str, text: &str) -> Result<(), Reply> {
    folder::data_file(root, name, false).map_err(refused)?;
    if text.len() as u64 > MAX_DATA_FILE {
        return Err(Reply::error(
            413,
            &format!(
                "生成的数据文件有 {} MB，超过工作台能打开的 {} MB，未写入：原报告的正文或表格过大，请先删去多余的内容（如网页的导航、附件）再导入",
                text.len().div_ceil(1024 * 1024),
                MAX_DATA_FILE / 1024 / 1024
            ),
        ));
    }
    files::write_new(&root.join(name), text.as_bytes(), false).map_err(|e| {
        Reply::error(
            500,
            &format!("无法写入 {name}：{}", crate::files::io_message(&e)),
        )
    })?;
    notes::forget(&root.join(name));
    Ok(())
}

fn new_report(bench: &Workbench, req: NewReport) -> Answer {
    let agency = crate::next_year::agency_name(&req.agency).map_err(|e| Reply::error(400, &e))?;
    crate::model::check_year(i64::from(req.year)).map_err(|e| Reply::error(400, &e))?;
    let _guard = bench.writing.lock().unwrap_or_else(|e| e.into_inner());
    let name = free_name(&bench.root, &req.year.to_string())?;
    write_new(
        &bench.root,
        &name,
        &next_year::blank(req.year, agency).text(),
    )?;
    Ok(Reply::json(200, &json!({ "file": name })))
}

#[derive(Debug, Deserialize)]
struct Next {
    from: String,
    /// Make this year's report an Excel/WPS workbook, not a data file.
    #[serde(default)]
    workbook: bool,
    /// Start this year's narrative blank (last year's sub-headings only)
    /// instead of carrying last year's text.
    #[serde(default)]
    blank_text: bool,
}

/// How this year's narrative starts: blank when the clerk chose so.
fn text_start(blank: bool) -> next_year::TextStart {
    if blank {
        next_year::TextStart::Headings
    } else {
        next_year::TextStart::Carried
    }
}

/// Keeps last year's 问题及改进 beside this year's data file `name`, for
/// reference (with `more` notes), when it had one.
fn keep_reference(
    bench: &Workbench,
    name: &str,
    prev: &crate::model::Report,
    more: Vec<notes::Note>,
) {
    let mut all = more;
    if let Some(r) = next_year::problems_reference(prev) {
        all.push((crate::model::schema::top::PROBLEMS.to_string(), r));
    }
    save_notes(bench, name, &all);
}

/// Saves `kept` beside the data file `name` (nothing when there are
/// none); a failure is only warned of, the page showing them until it is
/// reloaded.
fn save_notes(bench: &Workbench, name: &str, kept: &[notes::Note]) {
    if kept.is_empty() {
        return;
    }
    if let Err(e) = notes::save(&bench.root.join(name), kept) {
        eprintln!(
            "nianbao: 警告：导入说明未能保存在 {name} 旁（{}），页面重新载入后不再显示",
            crate::files::io_message(&e)
        );
    }
}

/// Writes this year's report `report` as a new file named from `stem`: the
/// data file, or with `workbook` the Excel/WPS workbook to fill in.
fn write_this_year(
    root: &Path,
    stem: &str,
    report: &crate::next_year::NewDataFile,
    workbook: bool,
) -> Result<String, Reply> {
    if !workbook {
        let name = free_name(root, stem)?;
        write_new(root, &name, &report.text())?;
        return Ok(name);
    }
    let name = (1..100)
        .map(|i| match i {
            1 => format!("{stem}.xlsx"),
            i => format!("{stem}-{i}.xlsx"),
        })
        .find(|n| std::fs::symlink_metadata(root.join(n)).is_err())
        .ok_or_else(|| Reply::error(409, "本文件夹中同名文件过多，请先整理"))?;
    files::write_new(
        &root.join(&name),
        &crate::xlsx::workbook(&report.report),
        false,
    )
    .map_err(|e| {
        Reply::error(
            500,
            &format!("无法写入 {name}：{}", crate::files::io_message(&e)),
        )
    })?;
    Ok(name)
}

fn next_report(bench: &Workbench, req: Next) -> Answer {
    let from = if folder::is_workbook(&req.from) {
        folder::workbook_file(&bench.root, &req.from)
    } else {
        folder::data_file(&bench.root, &req.from, true)
    }
    .map_err(refused)?;
    let checked = check::check_path(&from, None).map_err(|e| Reply::error(400, &e.message))?;
    let Some(prev) = checked.report.as_ref().filter(|r| r.year.value != 0) else {
        return Err(Reply::error(
            400,
            &format!("{} 无法读取为年报数据", req.from),
        ));
    };
    let _guard = bench.writing.lock().unwrap_or_else(|e| e.into_inner());
    let draft = next_year::roll_forward_with(prev, &req.from, text_start(req.blank_text));
    let next = crate::next_year::next_path(Path::new(&req.from), prev.year.value);
    let stem = next.file_stem().map_or_else(
        || (prev.year.value + 1).to_string(),
        |s| s.to_string_lossy().into_owned(),
    );
    let name = write_this_year(&bench.root, &stem, &draft, req.workbook)?;
    if !req.workbook {
        keep_reference(bench, &name, prev, Vec::new());
    }
    Ok(Reply::json(
        200,
        &json!({ "file": name, "workbook": req.workbook }),
    ))
}

/// Imports last year's published report (the body), writes it as last
/// year's data file with the import's notes as comments, then this year's
/// from it; the notes are kept beside this year's data file ([`notes`]) to
/// show beside its cells.
fn import(bench: &Workbench, head: &Head, body: &[u8]) -> Answer {
    let name = query(&head.target, "name").unwrap_or_default();
    folder::plain_name(&name, folder::PUBLISHED).map_err(refused)?;
    let source = Path::new(&name);
    let accept = query(&head.target, "accept").is_some_and(|a| a == "1");
    // A report lying in the folder is read from there: the page sends its
    // name alone.
    let lying;
    let body = if query(&head.target, "in").is_some_and(|w| w == "folder") {
        let path = folder::published_file(&bench.root, &name).map_err(refused)?;
        lying = folder::read_published(&path).map_err(|e| Reply::error(400, &e.message))?;
        lying.as_slice()
    } else {
        body
    };
    let imported = editing::upload::import_upload(&name, body, accept).map_err(upload_refused)?;
    let prev = &imported.report;
    if prev.year.value == 0 {
        return Err(Reply::error(
            400,
            &format!("{name} 中找不到报告年度，无法生成本年报告"),
        ));
    }
    let _guard = bench.writing.lock().unwrap_or_else(|e| e.into_inner());
    let last_name = free_name(&bench.root, &prev.year.value.to_string())?;
    write_new(
        &bench.root,
        &last_name,
        &crate::import::data_file_text(&imported, source),
    )?;
    let blank = query(&head.target, "blank").is_some_and(|w| w == "1");
    let draft = next_year::roll_forward_with(prev, &last_name, text_start(blank));
    let workbook = query(&head.target, "workbook").is_some_and(|w| w == "1");
    let stem = (prev.year.value + 1).to_string();
    let this_name = write_this_year(&bench.root, &stem, &draft, workbook)?;
    if !workbook {
        keep_notes(bench, &this_name, &imported, true);
    }
    Ok(Reply::json(
        200,
        &json!({ "file": this_name, "previous": last_name, "workbook": workbook }),
    ))
}

/// Keeps the notes of `imported` (what it could not read, what to check)
/// beside the data file `name`, to show at the cells they concern.
fn keep_notes(bench: &Workbench, name: &str, imported: &crate::import::Imported, reference: bool) {
    let mut found: Vec<notes::Note> = imported
        .diagnostics
        .iter()
        .filter_map(|d| d.path.clone().map(|p| (p, d.message.clone())))
        .collect();
    // The data file's comments repeat the import's findings as “导入：…”:
    // each is shown once.
    for (p, texts) in &imported.notes.above {
        for t in texts {
            let said = t.strip_prefix("导入：").unwrap_or(t);
            if !found.iter().any(|(q, n)| q == p && n == said) {
                found.push((p.clone(), t.clone()));
            }
        }
    }
    if reference {
        keep_reference(bench, name, &imported.report, found);
    } else {
        save_notes(bench, name, &found);
    }
}

#[derive(Debug, Deserialize)]
struct Convert {
    file: String,
}

/// Makes a workbook of the folder into a data file beside it (`STEM.yaml`,
/// or `STEM-2.yaml` … when taken), as `nianbao import` does; the workbook
/// stays as it is.
fn convert(bench: &Workbench, req: Convert) -> Answer {
    let path = folder::workbook_file(&bench.root, &req.file).map_err(refused)?;
    let bytes = folder::read_workbook(&path)
        .map_err(|e| Reply::error(400, &format!("无法读取工作簿：{}", e.message)))?;
    let source = Path::new(&req.file);
    let imported = crate::import::import_bytes(source, &bytes, &crate::import::Options::default())
        .map_err(|e| Reply::error(400, &format!("无法读取 {}：{e}", req.file)))?;
    let stem = source
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let _guard = bench.writing.lock().unwrap_or_else(|e| e.into_inner());
    let name = free_name(&bench.root, &stem)?;
    write_new(
        &bench.root,
        &name,
        &crate::import::data_file_text(&imported, source),
    )?;
    keep_notes(bench, &name, &imported, false);
    Ok(Reply::json(200, &json!({ "file": name })))
}

/// Writes one output beside the data file, through the build plan, and
/// opens it.
/// The data file or workbook `name` of the folder, read and checked.
fn checked_file(bench: &Workbench, name: &str) -> Result<(PathBuf, check::Checked), Reply> {
    if folder::is_workbook(name) {
        let path = folder::workbook_file(&bench.root, name).map_err(refused)?;
        let checked = check::check_path(&path, None).map_err(|e| Reply::error(400, &e.message))?;
        return Ok((path, with_glyphs(bench, checked)));
    }
    let path = data_file(bench, name)?;
    let text = read(&path)?;
    let checked = check::check_loaded(load::load_str(SourceFile::new(&path, text.as_str())), None);
    Ok((path, with_glyphs(bench, checked)))
}

/// `checked` with the characters no face has (GLYPH), as the panel names
/// them: a 造字 the workbench's 造字 font prints is none.
fn with_glyphs(bench: &Workbench, mut checked: check::Checked) -> check::Checked {
    if let Some(report) = &checked.report {
        let glyphs = crate::render::typeset::default_glyph_warnings(report, &checked.file);
        checked.diagnostics.extend(glyphs);
        build::drop_printed_zaozi(&mut checked, bench.plan.fonts.zaozi.as_deref());
        crate::diag::sort(&mut checked.diagnostics);
    }
    checked
}

/// A filled workbook's findings, each with the cell it names (`表三!J6`)
/// and the rule's Chinese name first.
fn workbook_findings(bench: &Workbench, head: &Head) -> Answer {
    let name = query(&head.target, "f").unwrap_or_default();
    if !folder::is_workbook(&name) {
        return Err(Reply::error(400, "只检查本文件夹中的 Excel/WPS 工作簿"));
    }
    let (_, checked) = checked_file(bench, &name)?;
    let findings: Vec<Value> = checked
        .diagnostics
        .iter()
        .map(|d| {
            json!({
                "code": d.code.as_str(),
                "rule": d.code.rule_name(),
                "severity": d.severity.as_str(),
                "cell": d.span.and_then(|s| checked.file.place_at(s.offset)),
                "message": editing::findings::for_page(&d.message),
                "help": d.help.as_deref().map(editing::findings::for_page),
            })
        })
        .collect();
    Ok(Reply::json(
        200,
        &json!({
            "file": name,
            "errors": checked.errors(),
            "warnings": checked.warnings(),
            "findings": findings,
        }),
    ))
}

fn build_output(bench: &Workbench, req: BuildRequest) -> Answer {
    let format = match req.format.as_str() {
        "pdf" => OutputFormat::Pdf,
        "docx" => OutputFormat::Docx,
        "html" => OutputFormat::Html,
        "ofd" => OutputFormat::Ofd,
        _ => return Err(Reply::error(400, "只能生成 pdf、docx、ofd 或 html")),
    };
    let (path, mut checked) = checked_file(bench, &req.file)?;
    let _guard = bench.writing.lock().unwrap_or_else(|e| e.into_inner());
    // A 造字 the workbench's 造字 font prints (`--font 造字=FILE`) is no finding.
    build::drop_printed_zaozi(&mut checked, bench.plan.fonts.zaozi.as_deref());
    let Some(report) = &checked.report else {
        return Err(Reply::error(400, "数据文件无法读取为年报，请先修正"));
    };
    let plan = BuildPlan {
        formats: vec![format],
        out_dir: bench.root.clone(),
        draft: true,
        fonts: bench.plan.fonts.clone(),
        ..BuildPlan::default()
    };
    let out_name = format!("{}.{}", build::output_stem(&path), format.extension());
    if std::fs::symlink_metadata(bench.root.join(&out_name)).is_ok_and(|m| !m.file_type().is_file())
    {
        return Err(Reply::error(
            400,
            &format!("{out_name} 是链接或文件夹，工作台不会写入它"),
        ));
    }
    let draft = plan.draft_for(&checked.diagnostics, true);
    let failed = |e: build::BuildError| match e {
        // The text's own size: the clerk's to shorten.
        build::BuildError::TooLarge(_) => Reply::error(413, &e.to_string()),
        e => Reply::error(500, &e.to_string()),
    };
    let fonts = plan.load_fonts().map_err(|e| failed(e.into()))?;
    let tera = plan.load_templates().map_err(|e| failed(e.into()))?;
    let outputs = plan
        .render(&path, report, draft, &tera, fonts.as_ref(), &bench.root)
        .map_err(failed)?;
    if outputs.is_empty() {
        return Err(Reply::error(500, "找不到生成 PDF、OFD 所需的字体"));
    }
    build::write(&bench.root, &outputs).map_err(failed)?;
    let written = outputs[0].0.clone();
    if let Some(open) = bench.opener {
        open(&written.display().to_string());
    }
    // Characters no face has: the PDF shows boxes and is marked 草稿.
    let glyphs = match (format, fonts.as_ref()) {
        (OutputFormat::Pdf | OutputFormat::Ofd, Some(fonts)) => {
            build::glyph_draft_note(report, fonts)
        }
        _ => None,
    };
    Ok(Reply::json(
        200,
        &json!({
            "written": file_name(&written),
            "draft": draft.is_some() || glyphs.is_some(),
            "glyphs": glyphs,
        }),
    ))
}

/// The data file a sign-off request names, its text, the report, and the
/// review of the uploaded document against it.
fn signoff_inputs(
    bench: &Workbench,
    head: &Head,
    body: &[u8],
) -> Result<(PathBuf, String, crate::signoff::Review), Reply> {
    let path = file_of(bench, head)?;
    let text = read(&path)?;
    let report = load::load_str(SourceFile::new(&path, text.as_str()))
        .report
        .ok_or_else(|| Reply::error(400, "数据文件无法读取为年报，请先用文本编辑器修正"))?;
    let review = crate::signoff::review(&report, body)
        .map_err(|e| Reply::error(400, &format!("无法读取审签稿：{e}")))?;
    Ok((path, text, review))
}

/// 导入审签稿: the changes of the uploaded reviewed .docx, each with the
/// findings writing it would cause, and its comments; nothing written.
fn signoff_review(bench: &Workbench, head: &Head, body: &[u8]) -> Answer {
    let (path, text, review) = signoff_inputs(bench, head, body)?;
    // The full path, so that last year's file (上年数据) is found beside it.
    let name = path.to_string_lossy().into_owned();
    let before = signoff::diagnostics(&name, &text);
    // Worked out on the changes chosen together: those the page has ticked
    // (`accept`), else every one written without asking.
    let accept = query(&head.target, "accept").map(|_| id_list(head, "accept"));
    let chosen: Vec<&crate::signoff::Change> = review
        .changes
        .iter()
        .filter(|c| match &accept {
            Some(ids) => ids.contains(&c.id) && c.confirmable(),
            None => c.writable(),
        })
        .collect();
    let (findings, together) =
        signoff::findings_together(&name, &text, &review.changes, &chosen, &before);
    Ok(Reply::json(
        200,
        &json!({ "review": review, "findings": findings, "together": together, "version": editing::state::version(&text) }),
    ))
}

/// The numbers listed in query parameter `name` (`1,2,5`).
fn id_list(head: &Head, name: &str) -> Vec<usize> {
    query(&head.target, name)
        .unwrap_or_default()
        .split(',')
        .filter_map(|x| x.trim().parse().ok())
        .take(MAX_EDITS)
        .collect()
}

/// Writes the accepted changes (`accept=1,2`) of the uploaded document
/// into the data file, on the version the page showed (`version`), and
/// keeps the chosen comments (`keep=0,3`, by position) as notes.
fn signoff_apply(bench: &Workbench, head: &Head, body: &[u8]) -> Answer {
    let _guard = bench.writing.lock().unwrap_or_else(|e| e.into_inner());
    let (path, text, review) = signoff_inputs(bench, head, body)?;
    if query(&head.target, "version").as_deref() != Some(editing::state::version(&text).as_str()) {
        return Err(Reply::error(
            409,
            "数据文件已在别处被修改，审签稿的改动没有写入：请重新导入审签稿后再核对",
        ));
    }
    let accept = id_list(head, "accept");
    let chosen: Vec<&crate::signoff::Change> = review
        .changes
        .iter()
        // Ticked on the page: a change to confirm (a rename) is confirmed so.
        .filter(|c| accept.contains(&c.id) && c.confirmable())
        .collect();
    let applied = signoff::apply(&path.to_string_lossy(), &text, &chosen).map_err(refused)?;
    let name = file_name(&path);
    if applied.text.len() as u64 > MAX_DATA_FILE {
        return Err(Reply::error(
            413,
            &format!(
                "写入审签稿的改动后，{name} 将超过工作台能打开的 {} MB，未写入：请核对审签稿中过长的内容",
                MAX_DATA_FILE / 1024 / 1024
            ),
        ));
    }
    folder::data_file(&bench.root, &name, true).map_err(refused)?;
    write_data(&path, &name, &text, &applied.text)?;
    let keep = id_list(head, "keep");
    if !keep.is_empty() {
        let mut kept = notes::load(&path);
        for (i, c) in review.comments.iter().enumerate() {
            if keep.contains(&i) {
                let note = format!("审签批注（{}）：{}", c.comment.author, c.comment.text);
                kept.push((c.path.clone().unwrap_or_default(), note));
            }
        }
        notes::save(&path, &kept).map_err(|e| {
            Reply::error(
                500,
                &format!("无法保存批注：{}", crate::files::io_message(&e)),
            )
        })?;
    }
    let state = page_state(bench, &path, &applied.text, &mut Timing::start());
    Ok(Reply::json(
        200,
        &SignedOff {
            state,
            written: applied.written,
            failed: applied.failed,
        },
    ))
}
