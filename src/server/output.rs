//! The published documents from the server: one report's PDF or Word
//! document built in memory for download (the draft stamp while it has
//! errors or characters that print as nothing, as `nianbao build`), and the office's export of every
//! approved report as one zip (data files, PDFs, Word documents).

use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde_json::json;

use super::Server;
use super::access::{failed, named, named_in};
use super::auth::Session;
use super::store::{ReportRow, Role, State};
use crate::build::{BuildError, BuildPlan, OutputFormat};
use crate::editing::request::BuildRequest;
use crate::render::document::Draft;
use crate::render::typeset::{Fonts, report_chars};
use crate::serve::http::Head;
use crate::serve::query::query;
use crate::serve::reply::{Answer, Reply};

/// Most reports in one export.
pub const MAX_EXPORT: usize = 1000;

const PDF: &str = "application/pdf";
const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const ZIP: &str = "application/zip";
/// The OFD's media type (GB/T 33190-2016 names none; this is the one
/// Chinese OFD readers and servers register).
const OFD: &str = "application/ofd";

/// A file of the export: its path in the zip and its bytes.
type Entry = (String, Vec<u8>);

fn format_of(name: &str) -> Result<OutputFormat, Reply> {
    match name {
        "pdf" => Ok(OutputFormat::Pdf),
        "docx" => Ok(OutputFormat::Docx),
        "ofd" => Ok(OutputFormat::Ofd),
        _ => Err(Reply::error(400, "服务器只能生成 pdf、docx 或 ofd")),
    }
}

/// A unit's name made safe as part of a file name.
pub(crate) fn safe(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect()
}

/// The name a report's files go by: `单位-年度`.
pub fn stem(row: &ReportRow) -> String {
    format!("{}-{}", safe(row.meta.unit.trim()), row.meta.year)
}

/// The report's data file as loaded.
fn loaded(row: &ReportRow) -> crate::load::Loaded {
    let file = PathBuf::from(format!("{}.yaml", stem(row)));
    crate::load::load_str(crate::source::SourceFile::new(file, row.text.as_str()))
}

/// The report checked, as a build needs it: with the warnings of the
/// characters `fonts` lack (the PDF's; the default fonts for the Word
/// document), as `nianbao build` checks it; a 造字 the server's 造字 font
/// (`--font 造字=FILE`) prints is no finding.
fn checked(
    server: &Server,
    loaded: crate::load::Loaded,
    fonts: Option<&Fonts>,
) -> crate::check::Checked {
    let zaozi = server.plan.fonts.zaozi.as_deref();
    crate::build::with_glyph_warnings(crate::check::check_loaded(loaded, None), fonts, zaozi)
}

/// The plan of a download: `format`, a draft when there are errors, the
/// server's fonts (`nianbao server … --font`).
fn plan(server: &Server, format: OutputFormat) -> BuildPlan {
    BuildPlan {
        formats: vec![format],
        out_dir: PathBuf::new(),
        draft: true,
        fonts: server.plan.fonts.clone(),
        ..BuildPlan::default()
    }
}

/// The draft stamp of a report checked as `c`: while it has errors, or
/// when it prints characters no face has or private-use characters (GLYPH,
/// TEXT-PUA), as `nianbao build` stamps the web page, Word and PDF.
fn draft_of(plan: &BuildPlan, c: &crate::check::Checked) -> Option<Draft> {
    plan.draft_for(&c.diagnostics, true)
}

/// `fonts` with installed faces added for the characters of `report`
/// they lack, as `nianbao build` covers them: a copy when any is lacking.
fn covered(fonts: &Fonts, report: &crate::model::Report) -> Option<Fonts> {
    let chars = report_chars(report);
    (!fonts.uncovered(&chars).is_empty()).then(|| {
        let mut own = fonts.clone();
        own.cover(&chars);
        own
    })
}

/// Why a report's document was not built.
#[derive(Debug)]
enum Unbuilt {
    /// The text is more than a build takes on: the unit's to shorten.
    TooLarge(String),
    /// Anything else: the server's failure.
    Failed(String),
}

impl Unbuilt {
    /// The answer, `unit` and year named when given (an export's).
    fn reply(self, whose: Option<String>) -> Reply {
        let named = |m: String| whose.as_ref().map_or(m.clone(), |w| format!("{w}：{m}"));
        match self {
            Unbuilt::TooLarge(m) => Reply::error(413, &named(m)),
            Unbuilt::Failed(m) => failed(named(m)),
        }
    }
}

/// `row` rendered as `format` (stamped as a draft as [`draft_of`] says):
/// the file name and its bytes.
fn render(
    server: &Server,
    row: &ReportRow,
    format: OutputFormat,
    fonts: Option<&Fonts>,
) -> Result<(String, Vec<u8>), Unbuilt> {
    let loaded = loaded(row);
    let own = fonts
        .zip(loaded.report.as_ref())
        .and_then(|(f, r)| covered(f, r));
    let fonts = own.as_ref().or(fonts);
    let c = checked(server, loaded, fonts);
    let report = c
        .report
        .as_ref()
        .ok_or_else(|| Unbuilt::Failed("报告内容无法读取为年报".into()))?;
    let plan = plan(server, format);
    let draft = draft_of(&plan, &c);
    let file = PathBuf::from(format!("{}.yaml", stem(row)));
    let outputs = plan
        .render(&file, report, draft, &server.tera, fonts, Path::new(""))
        .map_err(|e| match e {
            // The text's own size: the unit's to shorten, not a failure.
            BuildError::TooLarge(_) => Unbuilt::TooLarge(e.to_string()),
            e => Unbuilt::Failed(e.to_string()),
        })?;
    let (path, bytes) = outputs
        .into_iter()
        .next()
        .ok_or_else(|| Unbuilt::Failed("找不到生成 PDF、OFD 所需的字体".into()))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok((name, bytes))
}

/// What the page says of a draft with characters that print as nothing or
/// as empty boxes; `None` when it has none.
fn unprinted_note(draft: Option<Draft>) -> Option<String> {
    let d = draft.filter(|d| d.unprinted > 0)?;
    Some(format!(
        "有 {} 处字符印不出来（字体中没有的字，或造字、Word 符号字体等私用区字符，见检查结果中的 GLYPH、TEXT-PUA 警告；造字可在启动服务器时用 --font 造字=造字字体文件 印出），\
         下载的文件已标为“草稿”，不能作为正式文本发布",
        d.unprinted
    ))
}

/// The fonts for PDFs, loaded for one request.
fn fonts(server: &Server) -> Result<Option<Fonts>, Reply> {
    plan(server, OutputFormat::Pdf)
        .load_fonts()
        .map_err(|e| Reply::error(500, &format!("无法载入字体：{e}")))
}

/// `POST /api/build` `{"file", "format"}`: where the page downloads the
/// report's PDF or Word document, and whether it will be a draft.
pub fn build(server: &Server, session: &Session, req: BuildRequest) -> Answer {
    let format = format_of(&req.format)?;
    let row = named(server, session, &req.file)?;
    // The default fonts, covered, are the PDF's fonts too.
    let c = checked(server, loaded(&row), None);
    if c.report.is_none() {
        return Err(Reply::error(400, "报告内容无法读取为年报，请先修正"));
    }
    let draft = draft_of(&plan(server, format), &c);
    Ok(Reply::json(
        200,
        &json!({
            "written": format!("{}.{}", stem(&row), format.extension()),
            "download": format!("/api/download?f={}&format={}", row.meta.id, format.extension()),
            "draft": draft.is_some(),
            "glyphs": unprinted_note(draft),
        }),
    ))
}

/// `GET /api/download?f=&format=pdf|docx|ofd`: the report's document, built
/// now (a few builds at once, one per report: `Server::downloads`).
pub fn download(server: &Server, session: &Session, head: &Head) -> Answer {
    let format = format_of(&query(&head.target, "format").unwrap_or_default())?;
    let row = named_in(server, session, head)?;
    let _slot = server
        .downloads
        .take(row.meta.id, super::build_slots::WAIT)?;
    let fonts = if matches!(format, OutputFormat::Pdf | OutputFormat::Ofd) {
        fonts(server)?
    } else {
        None
    };
    let (name, bytes) = render(server, &row, format, fonts.as_ref()).map_err(|e| e.reply(None))?;
    let kind = match format {
        OutputFormat::Pdf => PDF,
        OutputFormat::Ofd => OFD,
        _ => DOCX,
    };
    Ok(Reply::file(kind, &name, bytes))
}

/// `GET /api/export?what=data|all[&year=Y]` (the office): every approved
/// report (of year `Y` if given) in one zip — `数据文件/单位-年度.yaml`, and with `all` also `PDF/` and
/// `Word/` — under a folder named after the year(s).
pub fn export(server: &Server, session: &Session, head: &Head) -> Answer {
    if session.role != Role::Office {
        return Err(Reply::error(403, "只有审核账号可以导出"));
    }
    let all = match query(&head.target, "what").as_deref() {
        Some("all") => true,
        Some("data") | None => false,
        _ => return Err(Reply::error(400, "导出内容只能是 data 或 all")),
    };
    let year: Option<i64> = query(&head.target, "year").and_then(|y| y.trim().parse().ok());
    let scope = super::access::scope(session, head)?;
    // Listed without text; only the approved reports of the region are read.
    let listed: Vec<i64> = server
        .store()
        .listing(None, year)?
        .into_iter()
        .filter(|r| r.state == State::Approved && super::access::within(&scope, &r.region))
        .map(|r| r.id)
        .collect();
    if listed.is_empty() {
        return Err(Reply::error(404, "还没有已通过的报告可以导出"));
    }
    if listed.len() > MAX_EXPORT {
        return Err(Reply::error(413, "已通过的报告过多，无法一次导出"));
    }
    let mut rows: Vec<ReportRow> = Vec::with_capacity(listed.len());
    for id in listed {
        rows.extend(server.store().report(id)?);
    }
    // The order `reports` gave: latest year first, then by id.
    rows.sort_by_key(|r| (std::cmp::Reverse(r.meta.year), r.meta.id));
    let _one = server.building.lock().unwrap_or_else(|e| e.into_inner());
    let files = export_files(server, &rows, all)?;
    let top = folder_name(&rows);
    let zip = pack(&top, &files).map_err(failed)?;
    server
        .store()
        .audit(&session.user, "export", &format!("{} 份", rows.len()))?;
    Ok(Reply::file(ZIP, &format!("{top}.zip"), zip))
}

/// `年报-2025-已通过`, or with every year when several.
fn folder_name(rows: &[ReportRow]) -> String {
    let mut years: Vec<i64> = rows.iter().map(|r| r.meta.year).collect();
    years.sort_unstable();
    years.dedup();
    let years: Vec<String> = years.iter().map(i64::to_string).collect();
    format!("年报-{}-已通过", years.join("-"))
}

/// The files of the export: (path in the zip, bytes).
fn export_files(server: &Server, rows: &[ReportRow], all: bool) -> Result<Vec<Entry>, Reply> {
    let mut files: Vec<Entry> = rows
        .iter()
        .map(|r| {
            (
                format!("数据文件/{}.yaml", stem(r)),
                r.text.clone().into_bytes(),
            )
        })
        .collect();
    if !all {
        return Ok(files);
    }
    let fonts = fonts(server)?;
    use rayon::prelude::*;
    let built: Vec<Result<Vec<Entry>, Unbuilt>> = rows
        .par_iter()
        .map(|r| {
            let (pdf_name, pdf) = render(server, r, OutputFormat::Pdf, fonts.as_ref())?;
            let (docx_name, docx) = render(server, r, OutputFormat::Docx, None)?;
            Ok(vec![
                (format!("PDF/{pdf_name}"), pdf),
                (format!("Word/{docx_name}"), docx),
            ])
        })
        .collect();
    for (r, b) in rows.iter().zip(built) {
        files
            .extend(b.map_err(|e| e.reply(Some(format!("{} {} 年度", r.meta.unit, r.meta.year))))?);
    }
    Ok(files)
}

/// `files` packed into one zip under the folder `top` (names in UTF-8).
fn pack(top: &str, files: &[Entry]) -> Result<Vec<u8>, String> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in files {
        zip.start_file(format!("{top}/{name}"), options)
            .map_err(|e| e.to_string())?;
        zip.write_all(bytes).map_err(|e| e.to_string())?;
    }
    zip.finish()
        .map(std::io::Cursor::into_inner)
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_safe_and_the_zip_reads_back() {
        assert_eq!(safe("某/局:a"), "某_局_a");
        let zip = pack(
            "年报-2025-已通过",
            &[("数据文件/某局-2025.yaml".into(), b"a: 1".to_vec())],
        )
        .unwrap();
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
        let names: Vec<String> = archive
            .file_names()
            .map(|n| n.unwrap().into_owned())
            .collect();
        assert_eq!(names, ["年报-2025-已通过/数据文件/某局-2025.yaml"]);
        let mut text = String::new();
        std::io::Read::read_to_string(&mut archive.by_index(0).unwrap(), &mut text).unwrap();
        assert_eq!(text, "a: 1");
    }
}
