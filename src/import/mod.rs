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
//! [`lines`] (text → lines), [`hant`] (traditional characters read as
//! simplified), [`unflatten`] (a report run into one line → lines again), [`docx`] and [`pdf`] (documents → extracted
//! lines with their places, tables through [`grid`]), [`sections`]
//! (headings, title, signature), [`cells`] (table sections → cell stream),
//! [`tables`] (cells → official tables by label), [`narrative`] (sections 一,
//! 五, 六 → Markdown), [`fields`] (year, edition, agency, date, contact, fee),
//! with [`norm`] for text normalisation, [`group`] for grouping repeated
//! diagnostics, [`error`] for why nothing could be imported and
//! [`complete`] for whether what was imported is complete.

pub mod cells;
pub mod chrome;
pub mod complete;
pub mod cut;
pub mod decode;
pub mod docx;
pub mod review_marks;
pub mod error;
pub mod fee;
pub mod fields;
pub mod grid;
pub mod group;
pub mod hant;
pub mod html;
pub mod legacy;
pub mod lines;
pub mod markdown;
pub mod narrative;
pub mod norm;
pub mod output;
pub mod pdf;
pub mod sections;
pub mod self_named;
pub mod tables;
pub mod unflatten;

use crate::slice::Slice;
use std::path::Path;

use crate::diag::{self, Diagnostic, Severity, codes};
use crate::model::schema::top;
use crate::model::{Edition, Report, Table2, Table3, Table4, Text, official, path};
use crate::source::{SourceFile, Span};
use crate::write::Notes;
pub use error::ImportError;
use lines::{Extracted, Piece, SourceLine};

/// The kind of file a report was imported from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportFormat {
    /// Plain text.
    Text,
    /// A saved web page.
    Html,
    /// A Word document (`.docx`).
    Docx,
    /// A PDF with a text layer.
    Pdf,
    /// An Excel/WPS workbook (`.xlsx`) as `new --format xlsx` writes it.
    Xlsx,
}

impl ImportFormat {
    /// The name of the format in messages (`网页`, `Word 文档`).
    pub fn name(self) -> &'static str {
        match self {
            ImportFormat::Text => "文本",
            ImportFormat::Html => "网页",
            ImportFormat::Docx => "Word 文档",
            ImportFormat::Pdf => "PDF",
            ImportFormat::Xlsx => "Excel 工作簿",
        }
    }
}

/// Options of an import.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The report year, overriding what the title says.
    pub year: Option<i32>,
    /// Read a Word document that still holds tracked changes or comments
    /// as if every change were accepted (the clerk chose so); otherwise
    /// such a document is refused, its marks named
    /// ([`ImportError::Unaccepted`]).
    pub accept_revisions: bool,
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
    pub format: ImportFormat,
    /// Comments for the data file: where each figure came from or why a
    /// cell is empty.
    pub notes: Notes,
    /// Where the text stops short (a page cut by a portal or a store), if
    /// it does: what comes after was never read.
    pub cut: Option<cut::Cut>,
}

impl Imported {
    /// What keeps the import from being complete ([`complete::Gaps`]).
    pub fn gaps(&self) -> complete::Gaps {
        complete::Gaps::of(&self.diagnostics, self.cut.as_ref())
    }

    /// Whether the import is complete: no error at all and nothing read
    /// with a doubt ([`complete`]). What `import`'s exit status and `audit`'s
    /// 导入完整 both say.
    pub fn is_complete(&self) -> bool {
        self.gaps().is_empty()
    }

    /// Whether every table row and cell position could be read from the
    /// source (cells printed blank count as read; they are imported empty),
    /// whatever else the import found.
    pub fn cells_read(&self) -> bool {
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
    /// How many diagnostics of each kind came, so that a page repeating one
    /// slip thousands of times keeps its report, its data file and the work
    /// of placing them bounded (see [`group::Tally`]).
    tally: group::Tally,
}

impl<'a> Sink<'a> {
    /// An empty sink for `file`, whose extracted places are `places`.
    fn new(file: &'a SourceFile, places: &'a [(usize, String)]) -> Sink<'a> {
        Sink {
            file,
            diags: Vec::new(),
            notes: Notes::new(),
            path: None,
            places,
            tally: group::Tally::default(),
        }
    }

    /// The findings gathered (sorted) and the notes, once reading is done:
    /// the kinds that came too often end with one finding each saying how
    /// many more there were, noted in the data file too.
    fn into_findings(self) -> (Vec<Diagnostic>, Notes) {
        let Sink {
            diags: mut diagnostics,
            mut notes,
            tally,
            ..
        } = self;
        for d in tally.summaries() {
            if let Some(p) = &d.path {
                notes.above(p.clone(), format!("导入：{}", d.message));
            }
            diagnostics.push(d);
        }
        diag::sort(&mut diagnostics);
        (diagnostics, notes)
    }

    /// Adds a diagnostic placed at `piece`.
    pub fn push(&mut self, mut d: Diagnostic, piece: &Piece) {
        if !self.tally.admit(&d, self.path.as_deref()) {
            return;
        }
        let span = self.file.span_of(piece.offset, piece.len);
        if d.label.is_none()
            && let Some(place) = Extracted::place_at(self.places, piece.offset)
        {
            d = d.label(format!("原文{place}"));
        }
        self.keep(d.at(span));
    }

    /// Adds a diagnostic that has no place in the source.
    pub fn push_free(&mut self, d: Diagnostic) {
        if self.tally.admit(&d, self.path.as_deref()) {
            self.keep(d);
        }
    }

    /// Keeps `d`, given the path of the row being read when it has none,
    /// and notes it above its path in the data file.
    fn keep(&mut self, mut d: Diagnostic) {
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
    import_walked(path, None, opts)
}

/// Imports a file a folder walk found: a file other than the one the walk
/// saw (`seen`) is refused (see [`crate::files::read_walked`]).
pub fn import_walked(
    path: &Path,
    seen: Option<crate::files::FileId>,
    opts: &Options,
) -> Result<Imported, ImportError> {
    let bytes = crate::files::read_walked(path, seen, MAX_INPUT_BYTES, "年报文件")
        .map_err(|e| ImportError::Read(e.message))?;
    import_bytes(path, &bytes, opts)
}

/// Imports a workbook: read by its labels as `check` reads it
/// ([`crate::load::load_workbook`]); what the loader says about it becomes the
/// import's diagnostics and the data file's comments.
fn import_workbook(path: &Path, bytes: &[u8]) -> Result<Imported, ImportError> {
    let loaded =
        crate::load::load_workbook(path, bytes).map_err(|e| ImportError::Read(e.message))?;
    let Some(report) = loaded.report else {
        let reasons: Vec<String> = loaded
            .diagnostics
            .iter()
            .map(|d| d.message.clone())
            .collect();
        return Err(ImportError::Read(format!(
            "工作簿无法读取为年报数据：{}",
            reasons.join("；")
        )));
    };
    let mut notes = Notes::new();
    for d in &loaded.diagnostics {
        if let Some(p) = &d.path {
            let place = d.span.and_then(|s| loaded.file.place_at(s.offset));
            let at = place.map_or_else(String::new, |p| format!("（{p}）"));
            notes.above(p.clone(), format!("导入：{}{at}", d.message));
        }
    }
    Ok(Imported {
        source: loaded.file,
        report,
        diagnostics: loaded.diagnostics,
        encoding: "UTF-8",
        html: false,
        format: ImportFormat::Xlsx,
        notes,
        cut: None,
    })
}

/// Refuses a Word document still holding tracked changes or comments,
/// naming them, unless the clerk chose to read it as accepted.
fn unaccepted(docx: &[u8], opts: &Options) -> Result<(), ImportError> {
    if opts.accept_revisions {
        return Ok(());
    }
    let pending = review_marks::pending(docx)?;
    if pending.is_empty() {
        Ok(())
    } else {
        Err(ImportError::Unaccepted(pending.describe()))
    }
}

/// Whether `bytes` are read as a workbook: they are one, or they are a zip
/// archive named `.xlsx` that holds no Word document, so that a damaged or
/// encrypted workbook is told of as a workbook, not as a `.docx`.
fn read_as_workbook(ext: &str, bytes: &[u8]) -> bool {
    crate::xlsx::is_workbook(bytes)
        || (ext == "xlsx" && bytes.starts_with(b"PK") && !docx::is_word(bytes))
}

/// Imports a report from its bytes; `path` names it in diagnostics.
pub fn import_bytes(path: &Path, bytes: &[u8], opts: &Options) -> Result<Imported, ImportError> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if read_as_workbook(&ext, bytes) {
        return import_workbook(path, bytes);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        unaccepted(bytes, opts)?;
        let extracted = docx::extract(bytes)?;
        return import_extracted(path, extracted, ImportFormat::Docx, opts);
    }
    if legacy::is_compound_file(bytes) && matches!(ext.as_str(), "doc" | "wps" | "dot") {
        let docx = legacy::to_docx(bytes)?;
        unaccepted(&docx, opts)?;
        let extracted = docx::extract(&docx)?;
        return import_extracted(path, extracted, ImportFormat::Docx, opts);
    }
    if pdf::is_pdf(bytes) {
        let extracted = pdf::extract(bytes)?;
        return import_extracted(path, extracted, ImportFormat::Pdf, opts);
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
                    "文件按 {} 解码时有无法识别的字节{}，已替换为 �",
                    decoded.encoding,
                    decoded
                        .first_bad
                        .map(|at| format!("（第一处在第 {} 个字节）", at + 1))
                        .unwrap_or_default()
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
    format: ImportFormat,
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
        if lines::count_text_lines(&file.text) > lines::MAX_LINES {
            return Err(error::Limit::Lines {
                max: lines::MAX_LINES,
            }
            .into());
        }
        let mut lines = lines::text_lines(&file.text);
        markdown::neutralise(&mut lines);
        lines
    };
    let format = if html {
        ImportFormat::Html
    } else {
        ImportFormat::Text
    };
    import_lines(file, all_lines, format, &[], opts)
}

/// Imports a report from the lines of `file` (see [`lines`]); `places`
/// labels diagnostics with places in the original document (see
/// [`Extracted::places`]).
pub fn import_lines(
    file: SourceFile,
    all_lines: Vec<SourceLine>,
    format: ImportFormat,
    places: &[(usize, String)],
    opts: &Options,
) -> Result<Imported, ImportError> {
    let (all_lines, restore, flattened) = prepare(all_lines);
    let stripped = chrome::strip(all_lines);
    let mut split = sections::split(stripped.lines);
    let mut sink = Sink::new(&file, places);
    say_prepared(&mut sink, restore.is_some(), flattened);
    site_text(&mut sink, &stripped.dropped);
    second_report(&mut sink, split.second.as_ref());
    let signature = signature(&mut sink, &mut split);

    let signed = signature.agency.as_ref().map(|p| norm::compact(&p.text));
    let (title, preface_paras) = front(&split, signed.as_deref().unwrap_or_default());
    let preface_md = narrative::markdown(&preface_paras);
    let preface_text: String = preface_paras.iter().map(|p| p.text.as_str()).collect();

    let cut = cut::detect(&split, &signature);
    missing_sections(&mut sink, &split, cut.as_ref());
    let toks = [1, 2, 3].map(|i| section_tokens(&mut sink, &split, i));
    let [overview_paras, problems_paras, mut other_paras] =
        [0, 4, 5].map(|i| section_paragraphs(&split, i));

    let year = fields::year(
        &mut sink,
        opts,
        &fields::YearSources {
            title: title.as_ref(),
            preface: &preface_text,
            overview: overview_paras.first(),
            signature: &signature,
            whole: &file.text,
        },
    )?;
    let cited = format!(
        "{}{}",
        title.as_ref().map_or("", |t| t.text.as_str()),
        preface_text
    );
    let edition = fields::edition(&mut sink, year, &toks[0], &toks[1], &cited);
    let (table2, table3, table4) = read_tables(&mut sink, &split, &toks, edition);
    let fee = fields::fee(
        &mut sink,
        edition,
        &mut other_paras,
        split.sections[5].as_ref(),
    );
    fields::repeated_headings(
        &mut sink,
        &mut other_paras,
        fee.is_some() || edition == Edition::E2021,
    );
    let other = fields::other_text(&mut sink, fee.is_some(), &other_paras);
    let agency = fields::agency(&mut sink, title.as_ref(), &signature, &preface_text);
    let date = fields::date(&mut sink, &signature, title.as_ref());

    let text = |value: String| Text {
        value,
        span: Span::default(),
    };
    let mut report = Report {
        date,
        contact: fields::contact(&preface_text),
        preface: (!preface_md.is_empty()).then(|| text(preface_md)),
        overview: text(narrative::markdown(&overview_paras)),
        table2,
        table3,
        table4,
        problems: text(narrative::markdown(&problems_paras)),
        fee,
        other: text(other),
        ..Report::blank(edition, agency, year)
    };
    if let Some(r) = &restore {
        as_published(&mut report, r);
    }
    let (diagnostics, notes) = sink.into_findings();
    let mut imported = imported(file, report, diagnostics, format, notes);
    imported.cut = cut;
    Ok(imported)
}

/// What an import returns, from its parts.
fn imported(
    source: SourceFile,
    report: Report,
    diagnostics: Vec<Diagnostic>,
    format: ImportFormat,
    notes: Notes,
) -> Imported {
    Imported {
        source,
        report,
        diagnostics,
        encoding: "UTF-8",
        html: format == ImportFormat::Html,
        format,
        notes,
        cut: None,
    }
}

/// The lines as the stages read them: traditional characters read as
/// simplified (with the way back), a report run into one line cut back
/// into its lines, lone border pipes blanked. Offsets are kept throughout.
fn prepare(lines: Vec<SourceLine>) -> (Vec<SourceLine>, Option<hant::Restore>, bool) {
    let mut lines = lines;
    let restore = hant::simplify(&mut lines);
    let (lines, flattened) = unflatten::unflatten(lines);
    let lines = lines
        .into_iter()
        .map(|l| cells::edge_pipe_blanked(&l).unwrap_or(l))
        .collect();
    (lines, restore, flattened)
}

/// Says how the text was read when it was in traditional characters or
/// run into one line.
fn say_prepared(sink: &mut Sink, traditional: bool, flattened: bool) {
    if traditional {
        sink.push_free(Diagnostic::info(
            codes::IMPORT_META,
            "原文为繁体字：按对应的简体字识别标题、表格标签和关键词，机关名称和正文按原文照录",
        ));
    }
    if flattened {
        sink.push_free(Diagnostic::info(
            codes::IMPORT_META,
            "原文的空格和换行都已去掉（网站爬虫或转载的文本），已按各部分标题和官方表格的行标签拆开；\
             连在一起的数字只在能确定时分列，其余留空并注明，请对照原文核对",
        ));
    }
}

/// The texts the import took from a document in traditional characters,
/// turned back into its own characters (see [`hant`]).
fn as_published(report: &mut Report, restore: &hant::Restore) {
    report.agency.value = restore.apply(&report.agency.value);
    for text in [
        Some(&mut report.overview),
        Some(&mut report.problems),
        Some(&mut report.other),
        report.preface.as_mut(),
    ]
    .into_iter()
    .flatten()
    {
        text.value = restore.apply(&text.value);
    }
}

/// The table cells of section `i` (一 to 六, from 0), none when it is
/// missing; a section with more than [`cells::MAX_SECTION_CELLS`] cells is
/// read up to there, and the place where reading stopped is said.
fn section_tokens(sink: &mut Sink, split: &sections::Split, i: usize) -> Vec<cells::Tok> {
    let Some(section) = split.sections[i].as_ref() else {
        return Vec::new();
    };
    let kept = cells::lines_within_cap(&section.lines);
    if let Some(first) = section.lines.get(kept) {
        let piece = Piece {
            text: first.text.chars().take(30).collect(),
            offset: first.offset,
            len: 0,
        };
        sink.push(
            Diagnostic::warning(
                codes::IMPORT_UNPLACED,
                format!(
                    "第{}部分的表格内容超过 {} 个单元格，从这一行起没有读取（官方表格只有几百个单元格）",
                    SECTION_NAMES[i].slice_to(3),
                    cells::MAX_SECTION_CELLS
                ),
            )
            .help("这一部分可能粘贴了表格以外的大量内容；请对照原报告检查导入的表格"),
            &piece,
        );
    }
    cells::tokenize(&section.lines[..kept])
}

/// The narrative paragraphs of section `i` (一 to 六, from 0), none when it
/// is missing.
fn section_paragraphs(split: &sections::Split, i: usize) -> Vec<narrative::Para> {
    split.sections[i]
        .as_ref()
        .map(|s| narrative::paragraphs(&s.lines))
        .unwrap_or_default()
}

/// Says where a second report starts on the page, left unread.
fn second_report(sink: &mut Sink, second: Option<&Piece>) {
    let Some(at) = second else { return };
    sink.push(
        Diagnostic::warning(
            codes::IMPORT_UNPLACED,
            format!(
                "原文在这里又开始一份年报（“{}”）：同一页上有两份报告，只导入了前一份，后一份没有读取",
                diag::excerpt(&at.text)
            ),
        )
        .help("如要导入后一份，请把它单独另存为一个文件再导入；前一份的内容请对照原文核对"),
        at,
    );
}

/// Says once that the site's own text (navigation, metadata, footer, a
/// crawler's header) was left out, quoting the first lines.
fn site_text(sink: &mut Sink, dropped: &[Piece]) {
    let Some(first) = dropped.first() else {
        return;
    };
    let shown: Vec<String> = dropped
        .iter()
        .take(3)
        .map(|p| p.text.chars().take(30).collect())
        .collect();
    sink.push(
        Diagnostic::info(
            codes::IMPORT_UNPLACED,
            format!(
                "网页或抓取文本中不属于报告的文字（导航、发布信息、附件、页脚等）共 {} 行，未导入：{}{}",
                dropped.len(),
                shown.join(" / "),
                if dropped.len() > 3 { " …" } else { "" }
            ),
        )
        .help("如其中确有报告正文，请对照原文补入"),
        first,
    );
}

/// The title, and the paragraphs of the opening text after it; `signed` is
/// the agency as the signature names it (compacted), which confirms a long
/// name set on two lines of the title.
fn front(split: &sections::Split, signed: &str) -> (Option<sections::Title>, Vec<narrative::Para>) {
    let title = sections::find_title(&split.front, signed);
    let mut lines: &[SourceLine] = match &title {
        Some((_, next)) => &split.front[*next..],
        None => &split.front,
    };
    // The opening text's own heading (`引　言`): the report prints none.
    while let Some((first, rest)) = lines.split_first()
        && (first.is_blank() || PREFACE_HEADINGS.contains(&norm::canon(&first.text).as_str()))
    {
        lines = rest;
    }
    (title.map(|(t, _)| t), narrative::paragraphs(lines))
}

/// Headings some reports put over their opening text, alone on a line.
const PREFACE_HEADINGS: [&str; 4] = ["引言", "前言", "导言", "编制说明"];

/// Maps the table sections (二, 三, 四; their cell streams in `toks`) onto
/// the official tables; a section not found gives an empty table.
fn read_tables(
    sink: &mut Sink,
    split: &sections::Split,
    toks: &[Vec<cells::Tok>; 3],
    edition: Edition,
) -> (Table2, Table3, Table4) {
    let heading = |i: usize| {
        split.sections[i].as_ref().map_or(
            Piece {
                text: String::new(),
                offset: 0,
                len: 0,
            },
            |s| s.heading.clone(),
        )
    };
    let table2 = match split.sections[1] {
        Some(_) => tables::table2(sink, &toks[0], edition, &heading(1)),
        None => Table2::empty(edition),
    };
    let table3 = match split.sections[2] {
        Some(_) => tables::table3(sink, &toks[1], edition, &heading(2)),
        None => Table3::empty(edition),
    };
    let table4 = match split.sections[3] {
        Some(_) => tables::table4(sink, &toks[2], &heading(3)),
        None => Table4::empty(),
    };
    (table2, table3, table4)
}

/// Takes the signature and date off the very end of the report (the last
/// section found, else the text before the first one), reporting the text
/// after the date that is left out.
fn signature(sink: &mut Sink, split: &mut sections::Split) -> sections::Signature {
    let last = (0..6).rev().find(|&i| split.sections[i].is_some());
    // The front matter (title, opening paragraph) confirms a long name set
    // on two lines of the signature; without sections it holds the
    // signature itself, and confirms nothing.
    let signature = match last {
        Some(i) => {
            let known: String = split.front.iter().map(|l| norm::compact(&l.text)).collect();
            split.sections[i]
                .as_mut()
                .map(|s| sections::take_signature(&mut s.lines, &known))
                .unwrap_or_default()
        }
        None => sections::take_signature(&mut split.front, ""),
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
    signature
}

/// Reports the sections that were not found: an error for a table, a
/// warning for a narrative section; those after the place where the text
/// stops short (`cut`) are said as not reached, once, with that place.
fn missing_sections(sink: &mut Sink, split: &sections::Split, cut: Option<&cut::Cut>) {
    // The data path each section fills.
    let paths = [
        path::field(top::OVERVIEW),
        path::field(top::TABLE2),
        path::field(top::TABLE3),
        path::field(top::TABLE4),
        path::field(top::PROBLEMS),
        path::other_body(),
    ];
    let cut_before = |i: usize| cut.is_some_and(|c| c.section.is_none_or(|s| i > s));
    for (i, s) in split.sections.iter().enumerate() {
        if s.is_some() {
            continue;
        }
        let name = format!(
            "第{}部分“{}”",
            SECTION_NAMES[i].slice_to(3),
            SECTION_NAMES[i]
        );
        let (msg, help) = if cut_before(i) {
            (
                format!("原文在这一部分之前中断，{name}没有读到"),
                "原文不完整（网页或文件可能被截断），不是本机关报告的缺漏；请用完整的原报告重新导入，或对照原报告补填",
            )
        } else {
            (
                format!("原文中找不到{name}"),
                "标题可能写法不同或在提取文字时损坏；请对照原报告补填",
            )
        };
        let d = if (1..=3).contains(&i) {
            Diagnostic::error(codes::IMPORT_MISSING, format!("{msg}，这张表未导入"))
        } else {
            Diagnostic::warning(codes::IMPORT_MISSING, format!("{msg}，正文为空"))
        };
        sink.push_free(d.path(paths[i].clone()).help(help));
    }
    if let Some(c) = cut {
        let reached = c.section.map_or("标题和前言".to_string(), |s| {
            format!("第{}部分", SECTION_NAMES[s].slice_to(3))
        });
        sink.push(
            Diagnostic::warning(
                codes::IMPORT_MISSING,
                format!(
                    "原文在{reached}的“…{}”处中断，其后没有内容，也没有落款和成文日期：网页或文件不完整（可能被网站或转存截断）",
                    c.tail
                ),
            )
            .help("中断之后的部分都没有读到，依赖它们的核对不算本机关报告的问题；请用完整的原报告（网页全文、Word 或 PDF 原件）重新导入"),
            &c.at,
        );
    }
}
/// The data-file text of `imported`, with a header saying where it came
/// from (`source`) and what `~` means.
pub fn data_file_text(imported: &Imported, source: &Path) -> String {
    let mut notes = imported.notes.clone();
    let kind = imported.format.name();
    notes.header(match imported.format {
        ImportFormat::Text | ImportFormat::Html => format!(
            "由 nianbao import 从 {}（{kind}，{} 编码）导入。",
            source.display(),
            imported.encoding
        ),
        ImportFormat::Docx | ImportFormat::Pdf | ImportFormat::Xlsx => {
            format!("由 nianbao import 从 {}（{kind}）导入。", source.display())
        }
    });
    notes.header(
        "表格数字与原报告一致，未作任何修改；~ 表示原文空白或未能读出，请核实后填写，再运行 nianbao check。",
    );
    if let Some(guess) = kind_guess(&imported.report) {
        notes.above(crate::model::schema::top::AGENCY, format!("导入：{guess}"));
    }
    crate::write::data_file(&imported.report, &notes)
}

/// What the import takes the agency to be when the report declares
/// nothing (by its name), in words: it decides the deadline (1月31日 or
/// 3月31日) and whether the report must give 考核、评议 results.
pub fn kind_guess(report: &crate::model::Report) -> Option<String> {
    let judged = report.judged();
    (judged.basis == crate::model::agency::Basis::Name && !report.agency.value.trim().is_empty())
        .then(|| {
            format!(
                "机关类型：{}（它决定报送截止日期和是否写考核评议情况）",
                judged.basis_text()
            )
        })
}
