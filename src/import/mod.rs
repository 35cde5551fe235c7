//! `nianbao import`: turns a published report (plain text or a saved web
//! page, UTF-8 or GB18030/GBK; a Word `.docx`; a PDF with a text layer) into
//! a [`Report`], so that it can be written as a data file and used as the
//! start of next year's report.
//!
//! The importer is tolerant of what real published reports look like
//! (FORMAT.md §2.6) and never "fixes" a figure: every number is the one
//! printed, blanks stay empty, and whatever could not be placed is reported
//! with the source line it came from.
//!
//! Stages, one module each: [`decode`] (bytes → text), [`html`] and
//! [`lines`] (text → lines), [`docx`] and [`pdf`] (documents → extracted
//! lines with their places), [`sections`] (headings, title, signature),
//! [`cells`] (table sections → cell stream), [`tables`] (cells → official
//! tables by label), [`narrative`] (sections 一, 五, 六 → Markdown), with
//! [`norm`] for text normalisation.

pub mod cells;
pub mod decode;
pub mod docx;
pub mod error;
pub mod grid;
pub mod group;
pub mod html;
pub mod lines;
pub mod narrative;
pub mod norm;
pub mod pdf;
pub mod sections;
pub mod tables;

use std::path::Path;

use crate::diag::{self, Diagnostic, Severity, codes};
use crate::model::{Contact, Date, Edition, Fee, Located, Report, Table2, Table3, Table4, Text};
use crate::model::{Decimal, official};
use crate::source::{SourceFile, Span};
use crate::write::Notes;
pub use error::ImportError;
use lines::{Extracted, Piece, SourceLine};

/// The kind of file a report was imported from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text.
    Text,
    /// A saved web page.
    Html,
    /// A Word document (`.docx`).
    Docx,
    /// A PDF with a text layer.
    Pdf,
}

impl Format {
    /// The name of the format in messages (`网页`, `Word 文档`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "文本",
            Format::Html => "网页",
            Format::Docx => "Word 文档",
            Format::Pdf => "PDF",
        }
    }
}

/// Options of an import.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The report year, overriding what the title says.
    pub year: Option<i32>,
}

/// A published report turned into a [`Report`].
#[derive(Debug)]
pub struct Imported {
    /// The source as decoded; diagnostics point into it.
    pub source: SourceFile,
    /// The report.
    pub report: Report,
    /// What was found, converted, left out or could not be read.
    pub diagnostics: Vec<Diagnostic>,
    /// The encoding the source was read in.
    pub encoding: &'static str,
    /// Whether the source was an HTML page.
    pub html: bool,
    /// The kind of file imported.
    pub format: Format,
    /// Comments for the data file: where each figure came from or why a
    /// cell is empty.
    pub notes: Notes,
}

impl Imported {
    /// Whether every table row and cell position could be read from the
    /// source (cells printed blank count as read; they are imported empty).
    pub fn is_complete(&self) -> bool {
        !self
            .diagnostics
            .iter()
            .any(|d| d.code == codes::IMPORT_MISSING && d.severity == Severity::Error)
    }
}

/// Collects diagnostics placed at pieces of the source, and comments for the
/// data file that will be written.
pub struct Sink<'a> {
    file: &'a SourceFile,
    diags: Vec<Diagnostic>,
    notes: Notes,
    /// Data-file path of the row being read; given to diagnostics without one.
    path: Option<String>,
    /// Places in the original document, for sources extracted from Word or
    /// PDF (see [`Extracted::places`]); empty for text and web pages.
    places: &'a [(usize, String)],
}

impl Sink<'_> {
    /// Adds a diagnostic placed at `piece`.
    pub fn push(&mut self, mut d: Diagnostic, piece: &Piece) {
        let span = self.file.span_of(piece.offset, piece.len);
        if d.label.is_none()
            && let Some(place) = Extracted::place_at(self.places, piece.offset)
        {
            d = d.label(format!("原文{place}"));
        }
        self.push_free(d.at(span));
    }

    /// Adds a diagnostic that has no place in the source.
    pub fn push_free(&mut self, mut d: Diagnostic) {
        if d.path.is_none()
            && let Some(p) = &self.path
        {
            d = d.path(p.clone());
        }
        if let Some(p) = &d.path {
            self.notes.above(p.clone(), format!("导入：{}", d.message));
        }
        self.diags.push(d);
    }

    /// Adds a comment above the key at `path` in the data file.
    pub fn note(&mut self, path: &str, text: impl Into<String>) {
        self.notes.above(path, text);
    }

    /// Sets the data-file path of the row being read.
    pub fn set_path(&mut self, path: Option<String>) {
        self.path = path;
    }
}

/// Largest report file read (text, web page, Word document or PDF).
pub const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// Imports the file at `path`.
pub fn import_path(path: &Path, opts: &Options) -> Result<Imported, ImportError> {
    let bytes = crate::load::read_limited(path, MAX_INPUT_BYTES, "年报文件")
        .map_err(|e| ImportError::Read(e.message))?;
    import_bytes(path, &bytes, opts)
}

/// Imports a report from its bytes; `path` names it in diagnostics.
pub fn import_bytes(path: &Path, bytes: &[u8], opts: &Options) -> Result<Imported, ImportError> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if bytes.starts_with(b"PK\x03\x04") {
        let extracted = docx::extract(bytes)?;
        return import_extracted(path, extracted, Format::Docx, opts);
    }
    if pdf::is_pdf(bytes) {
        let extracted = pdf::extract(bytes)?;
        return import_extracted(path, extracted, Format::Pdf, opts);
    }
    let decoded = decode::decode(
        bytes,
        matches!(ext.as_str(), "htm" | "html" | "shtml" | "xhtml"),
    )?;
    let mut text = decoded.text;
    if text.contains('\r') && !text.contains('\n') {
        text = text.replace('\r', "\n");
    }
    let file = SourceFile::new(path, text);
    let mut imported = import_source(file, decoded.html, opts)?;
    imported.encoding = decoded.encoding;
    // However messy the input, the report stays readable.
    imported.diagnostics = group::group(std::mem::take(&mut imported.diagnostics));
    if decoded.lossy {
        imported.diagnostics.insert(
            0,
            Diagnostic::warning(
                codes::ENCODING,
                format!(
                    "文件按 {} 解码时有无法识别的字节，已替换为 �",
                    decoded.encoding
                ),
            ),
        );
    }
    Ok(imported)
}

/// Imports the text extracted from a Word document or a PDF. Diagnostics
/// point into the extracted text (kept as the source) and are labelled with
/// the place in the original document.
fn import_extracted(
    path: &Path,
    extracted: Extracted,
    format: Format,
    opts: &Options,
) -> Result<Imported, ImportError> {
    let Extracted {
        text,
        lines,
        places,
    } = extracted;
    let file = SourceFile::new(path, text);
    let mut imported = import_lines(file, lines, format, &places, opts)?;
    imported.diagnostics = group::group(std::mem::take(&mut imported.diagnostics));
    Ok(imported)
}

/// Section names for messages.
const SECTION_NAMES: [&str; 6] = official::SECTION_HEADINGS;

/// Imports a report from decoded text.
pub fn import_source(
    file: SourceFile,
    html: bool,
    opts: &Options,
) -> Result<Imported, ImportError> {
    let all_lines = if html {
        html::html_lines(&file.text)
    } else {
        lines::text_lines(&file.text)
    };
    let format = if html { Format::Html } else { Format::Text };
    import_lines(file, all_lines, format, &[], opts)
}

/// Imports a report from the lines of `file` (see [`lines`]); `places`
/// labels diagnostics with places in the original document (see
/// [`Extracted::places`]).
pub fn import_lines(
    file: SourceFile,
    all_lines: Vec<SourceLine>,
    format: Format,
    places: &[(usize, String)],
    opts: &Options,
) -> Result<Imported, ImportError> {
    let html = format == Format::Html;
    let mut split = sections::split(all_lines);
    let mut sink = Sink {
        file: &file,
        diags: Vec::new(),
        notes: Notes::new(),
        path: None,
        places,
    };

    // Signature and date at the very end.
    let last = (0..6).rev().find(|&i| split.sections[i].is_some());
    let signature = match last {
        Some(i) => split.sections[i]
            .as_mut()
            .map(|s| sections::take_signature(&mut s.lines))
            .unwrap_or_default(),
        None => sections::take_signature(&mut split.front),
    };
    for p in &signature.dropped {
        sink.push(
            Diagnostic::info(
                codes::IMPORT_UNPLACED,
                format!("落款日期之后的文字未导入：{}", p.text),
            ),
            p,
        );
    }

    // Title and opening paragraph.
    let title = sections::find_title(&split.front);
    let preface_lines: &[SourceLine] = match &title {
        Some((_, next)) => &split.front[*next..],
        None => &split.front,
    };
    let preface_paras = narrative::paragraphs(preface_lines);
    let preface_md = narrative::markdown(&preface_paras);
    let preface_text: String = preface_paras.iter().map(|p| p.text.as_str()).collect();

    // Sections that are missing.
    let first_piece = Piece {
        text: String::new(),
        offset: 0,
        len: 0,
    };
    for (i, s) in split.sections.iter().enumerate() {
        if s.is_none() {
            let table = (1..=3).contains(&i);
            let msg = format!(
                "原文中找不到第{}部分“{}”",
                &SECTION_NAMES[i][..3],
                SECTION_NAMES[i]
            );
            let d = if table {
                Diagnostic::error(codes::IMPORT_MISSING, format!("{msg}，这张表未导入"))
            } else {
                Diagnostic::warning(codes::IMPORT_MISSING, format!("{msg}，正文为空"))
            };
            let key = [
                "总体情况",
                "主动公开",
                "依申请公开",
                "复议诉讼",
                "问题及改进",
                "其他事项.正文",
            ][i];
            sink.push_free(
                d.path(key)
                    .help("标题可能写法不同或在提取文字时损坏；请对照原报告补填"),
            );
        }
    }
    let tokens = |i: usize| {
        split.sections[i]
            .as_ref()
            .map(|s| cells::tokenize(&s.lines))
            .unwrap_or_default()
    };
    let (t2, t3, t4) = (tokens(1), tokens(2), tokens(3));
    let heading = |i: usize| {
        split.sections[i]
            .as_ref()
            .map_or(first_piece.clone(), |s| s.heading.clone())
    };

    // Narrative sections.
    let narr = |i: usize| {
        split.sections[i]
            .as_ref()
            .map(|s| narrative::paragraphs(&s.lines))
            .unwrap_or_default()
    };
    let overview_paras = narr(0);
    let problems_paras = narr(4);
    let mut other_paras = narr(5);

    // Year.
    let title_year = title.as_ref().and_then(|(t, _)| t.year);
    let period_year = stated_year(&preface_text);
    let overview_year = overview_paras.first().and_then(|p| first_year(&p.text));
    let date_year = signature.date.as_ref().map(|((y, _, _), _)| y - 1);
    let found_year = title_year.or(period_year).or(overview_year).or(date_year);
    let Some(year) = opts.year.or(found_year) else {
        return Err(ImportError::NoYear);
    };
    if let (Some(o), Some(f)) = (opts.year, found_year)
        && o != f
    {
        sink.push_free(Diagnostic::info(
            codes::IMPORT_META,
            format!("按 --year 使用年度 {o}；原文中识别出的年度是 {f}"),
        ));
    } else if opts.year.is_none() && title_year.is_none() {
        sink.push_free(Diagnostic::warning(
            codes::IMPORT_META,
            format!("标题中没有年度，按正文推断为 {year} 年；如不对请用 --year 指定"),
        ));
    }

    // Edition.
    let by_year = Edition::for_year(i64::from(year));
    let edition = match tables::detect_edition(&t2, &t3) {
        Some((e, piece)) => {
            if e != by_year {
                sink.push(
                    Diagnostic::warning(
                        codes::EDITION,
                        format!(
                            "{year} 年度的报告应使用 {by_year} 版格式，原报告的表格是 {e} 版；按原表（{e} 版）导入"
                        ),
                    ),
                    &piece,
                );
            }
            e
        }
        None => {
            sink.push_free(Diagnostic::info(
                codes::IMPORT_META,
                format!("表格中看不出格式版本，按年度 {year} 采用 {by_year} 版"),
            ));
            by_year
        }
    };

    // Tables.
    let table2 = if split.sections[1].is_some() {
        tables::table2(&mut sink, &t2, edition, &heading(1))
    } else {
        Table2::empty(edition)
    };
    let table3 = if split.sections[2].is_some() {
        tables::table3(&mut sink, &t3, edition, &heading(2))
    } else {
        Table3::empty(edition)
    };
    let table4 = if split.sections[3].is_some() {
        tables::table4(&mut sink, &t4, &heading(3))
    } else {
        Table4::empty()
    };

    // Fee statement (2021 format).
    let fee = if edition == Edition::E2021 {
        match narrative::take_nil_fee(&mut other_paras) {
            Some(p) => {
                sink.push(
                    Diagnostic::info(
                        codes::IMPORT_VALUE,
                        "第六部分写明未收取信息处理费，“信息处理费”三项按 0 导入，原句从正文中移出",
                    )
                    .path("其他事项.信息处理费"),
                    &p.piece,
                );
                Some(Fee {
                    notices: Some(Located::new(0, Span::default())),
                    notice_amount: Some(Located::new(Decimal::ZERO, Span::default())),
                    collected: Some(Located::new(Decimal::ZERO, Span::default())),
                    span: Span::default(),
                })
            }
            None => {
                let d = Diagnostic::warning(
                    codes::IMPORT_META,
                    "未能从第六部分读出信息处理费（收费通知件数、金额和实际收取金额），请在“其他事项.信息处理费”中手工填写",
                )
                .path("其他事项.正文");
                match &split.sections[5] {
                    Some(s) => sink.push(d, &s.heading),
                    None => sink.push_free(d),
                }
                None
            }
        }
    } else {
        None
    };

    // Agency.
    let title_agency = title.as_ref().and_then(|(t, _)| t.agency.clone());
    let sig_agency = signature.agency.as_ref().map(|p| norm::compact(&p.text));
    let agency = match (&sig_agency, &title_agency) {
        (Some(s), Some(t)) => {
            if s != t
                && let Some((tt, _)) = &title
            {
                sink.push(
                    Diagnostic::info(
                        codes::IMPORT_META,
                        format!("标题中的机关名称“{t}”与落款“{s}”不同，“机关”按落款填写"),
                    ),
                    &tt.piece,
                );
            }
            s.clone()
        }
        (Some(s), None) => s.clone(),
        (None, Some(t)) => t.clone(),
        (None, None) => {
            sink.push_free(
                Diagnostic::warning(
                    codes::IMPORT_META,
                    "原文中找不到标题或落款，无法识别机关名称；请在“机关”中填写",
                )
                .path("机关"),
            );
            String::new()
        }
    };
    if title.is_none() && sig_agency.is_some() {
        sink.push_free(Diagnostic::info(
            codes::IMPORT_META,
            "原文中没有标题，机关名称取自落款",
        ));
    }

    // Date.
    let date = signature.date.as_ref().and_then(|((y, m, d), piece)| {
        let iso = format!("{y:04}-{m:02}-{d:02}");
        match Date::parse(&iso) {
            Some(date) => Some(Located::new(date, Span::default())),
            None => {
                sink.push(
                    Diagnostic::warning(
                        codes::IMPORT_META,
                        format!("落款日期“{}”不是有效日期", piece.text),
                    ),
                    piece,
                );
                None
            }
        }
    });
    if date.is_none() && signature.date.is_none() {
        sink.push_free(
            Diagnostic::warning(
                codes::IMPORT_META,
                "原文末尾找不到成文日期（如“2025年1月10日”）；请在“成文日期”中填写",
            )
            .path("成文日期"),
        );
    }

    // Contact details.
    let found = narrative::contact(&preface_text);
    let loc = |v: Option<String>| v.map(|s| Located::new(s, Span::default()));
    let contact = Contact {
        address: loc(found.address),
        postcode: loc(found.postcode),
        phone: loc(found.phone),
        email: loc(found.email),
    };

    let text = |value: String| Text {
        value,
        span: Span::default(),
    };
    let report = Report {
        edition: Located::new(edition, Span::default()),
        agency: Located::new(agency, Span::default()),
        year: Located::new(year, Span::default()),
        date,
        contact,
        preface: (!preface_md.is_empty()).then(|| text(preface_md)),
        previous: None,
        overview: text(narrative::markdown(&overview_paras)),
        table2,
        table3,
        table4,
        problems: text(narrative::markdown(&problems_paras)),
        fee,
        other: text(narrative::markdown(&other_paras)),
        other_span: Span::default(),
    };
    let Sink {
        diags: mut diagnostics,
        notes,
        ..
    } = sink;
    diag::sort(&mut diagnostics);
    Ok(Imported {
        source: file,
        report,
        diagnostics,
        encoding: "UTF-8",
        html,
        format,
        notes,
    })
}

/// The year of the statistical period stated in the opening paragraph
/// (`统计期限自2024年1月1日起`).
fn stated_year(text: &str) -> Option<i32> {
    let t = norm::compact(text);
    let at = t.find("统计期限").or_else(|| t.find("统计时限"))?;
    first_year(&t[at..])
}

/// The first `YYYY年` in the text.
fn first_year(text: &str) -> Option<i32> {
    let t = norm::compact(text);
    let chars: Vec<char> = t.chars().collect();
    (0..chars.len().saturating_sub(4)).find_map(|i| {
        let ok = chars[i..i + 4].iter().all(char::is_ascii_digit)
            && chars[i + 4] == '年'
            && (i == 0 || !chars[i - 1].is_ascii_digit());
        if !ok {
            return None;
        }
        let y: i32 = chars[i..i + 4].iter().collect::<String>().parse().ok()?;
        (1990..=2200).contains(&y).then_some(y)
    })
}
