//! `nianbao build`: validate, then render the report.

use std::path::{Path, PathBuf};

use super::{Error, Outcome, Status};
use crate::check::{Checked, check_path};
use crate::diag::human;
use crate::render::document::{self, Draft};
use crate::render::docx;
use crate::render::pdf;
use crate::render::templates;
use crate::render::text::{self, TextFormat};

/// An output format of `build`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// Markdown（GFM 表格）
    Md,
    /// 单文件 HTML
    Html,
    /// 按 GB/T 9704 排版的 PDF
    Pdf,
    /// 供审签修改的 Word/WPS 文档（不在默认格式中）
    Docx,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
        }
    }
}

/// Arguments of `nianbao build`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// 数据文件（YAML）或目录，可以有多个；目录中的数据文件并行生成，输出按子目录存放
    #[arg(required = true, value_name = "文件或目录")]
    pub(super) files: Vec<PathBuf>,
    /// 输出目录（不存在时自动创建）
    #[arg(short, long, value_name = "目录", default_value = "out")]
    pub(super) output: PathBuf,
    /// 输出格式，逗号分隔：md、html、pdf、docx（Word/WPS 审签稿，需明确要求）
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        default_value = "md,html,pdf",
        value_name = "格式"
    )]
    pub(super) format: Vec<Format>,
    /// 数据有错误时仍然生成，并在输出中标明“草稿”
    #[arg(long)]
    pub(super) draft: bool,
    /// 用此目录中的同名文件替换内置模板（见 `nianbao templates eject`）
    #[arg(long, value_name = "目录")]
    pub(super) templates: Option<PathBuf>,
    /// PDF 与 Word 文档的页码位置：alternate 单页居右、双页居左（双面印刷）；center 居中（网上发布）
    #[arg(long, value_enum, default_value = "alternate", value_name = "位置")]
    page_numbers: PageNumberArg,
    /// 替换某一角色的字体：标题、正文、黑体、楷体、页码 = 已安装字体的名称或字体文件路径，如 --font 正文=仿宋_GB2312（可重复；Word 文档只写字体名称，不嵌入字体）
    #[arg(long = "font", value_name = "角色=字体", value_parser = pdf::parse_font_arg)]
    fonts: Vec<(pdf::Role, pdf::FontSource)>,
    /// 随附字体所在的目录（默认自动查找 fonts/）
    #[arg(long, value_name = "目录")]
    font_dir: Option<PathBuf>,
}

/// Where PDF page numbers go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum PageNumberArg {
    /// 单页居右、双页居左
    Alternate,
    /// 居中
    Center,
}

/// Runs the command: one file as before, several files or folders as a
/// batch (`super::batch_build`).
pub(crate) fn run(args: Args) -> Outcome {
    match args.files.as_slice() {
        [file] if !file.is_dir() => {
            let file = file.clone();
            run_one(&args, &file)
        }
        _ => super::batch_build::run(&args),
    }
}

/// Loads the fonts when a PDF is asked for: once per process. A failure is
/// returned, not raised: the other formats are still written.
pub(super) fn load_fonts(args: &Args) -> (Option<pdf::Fonts>, Option<pdf::PdfError>) {
    if !args.format.contains(&Format::Pdf) {
        return (None, None);
    }
    let choice = pdf::FontChoice {
        dir: args.font_dir.clone(),
        overrides: args.fonts.clone(),
    };
    match pdf::Fonts::load(&choice) {
        Ok(fonts) => (Some(fonts), None),
        Err(e) => (None, Some(e)),
    }
}

/// Builds one data file, printing as it goes.
fn run_one(args: &Args, file: &Path) -> Outcome {
    let mut checked = check_path(file, None).map_err(|e| Error::usage(e.to_string()))?;
    // Fonts are loaded once: for the glyph check and for the PDF itself.
    // Without fonts the other formats are still written (see below).
    let (mut fonts, font_error) = load_fonts(args);
    if let (Some(fonts), Some(report)) = (&mut fonts, &checked.report) {
        // Characters outside the bundled faces: installed fonts first.
        fonts.cover(&pdf::report_chars(report));
        let glyphs = pdf::glyph_warnings(report, &checked.file, fonts);
        checked.diagnostics.extend(glyphs);
        crate::diag::sort(&mut checked.diagnostics);
    }
    print_checked(&checked);
    let errors = checked.errors();
    let Some(report) = &checked.report else {
        return Err(Error::input("数据文件无法读取为年报，未生成任何文件"));
    };
    if errors > 0 && !args.draft {
        return Err(Error::input(format!(
            "数据有 {errors} 个错误，未生成任何文件（修改后重试，或加 --draft 生成草稿）"
        )));
    }
    let draft = args.draft.then(|| Draft {
        errors,
        warnings: checked.warnings(),
    });
    let tera =
        templates::load(args.templates.as_deref()).map_err(|e| Error::usage(e.to_string()))?;
    let outputs = render_outputs(
        args,
        file,
        report,
        draft,
        &tera,
        fonts.as_ref(),
        &args.output,
    )?;
    write_outputs(&args.output, &outputs, true)?;
    if let Some(e) = font_error {
        let written = if outputs.is_empty() {
            "未生成任何文件".to_string()
        } else {
            "其他格式已生成".to_string()
        };
        return Err(Error::usage(format!("未生成 PDF：{e}（{written}）")));
    }
    if errors > 0 {
        // A draft was asked for and written, but the data still has errors.
        return Err(Error::input(format!(
            "已按 --draft 生成草稿，但数据仍有 {errors} 个错误，不能作为正式文本发布"
        )));
    }
    Ok(Status::Clean)
}

/// Renders every asked format of one report into memory, named after the
/// data file under `out_dir`; refuses outputs that would replace an input.
pub(super) fn render_outputs(
    args: &Args,
    file: &Path,
    report: &crate::model::Report,
    draft: Option<Draft>,
    tera: &tera::Tera,
    fonts: Option<&pdf::Fonts>,
    out_dir: &Path,
) -> Result<Vec<(PathBuf, Vec<u8>)>, Error> {
    let doc = document::build_with(report, draft, tera).map_err(|e| Error::usage(e.to_string()))?;

    // Render everything first, so a failure writes nothing.
    let stem = output_stem(file);
    let mut outputs: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    let mut formats = Vec::new();
    for f in &args.format {
        if !formats.contains(f) {
            formats.push(*f);
        }
    }
    // The formats are rendered side by side: Markdown and HTML take the
    // core the PDF's serial steps leave free.
    let rendered: Vec<Result<Option<Vec<u8>>, Error>> = {
        use rayon::prelude::*;
        formats
            .par_iter()
            .map(|&format| render_format(args, format, &doc, tera, fonts))
            .collect()
    };
    for (format, bytes) in formats.iter().zip(rendered) {
        // The first failure in the asked order, whichever finished first.
        if let Some(bytes) = bytes? {
            outputs.push((
                out_dir.join(format!("{stem}.{}", format.extension())),
                bytes,
            ));
        }
    }
    // Never replace what this build reads: the data file, last year's file,
    // template overrides, font files (also through links and `..`).
    let inputs = input_files(args, file, report);
    for (path, _) in &outputs {
        if let Some(input) = crate::output::clobbered_input(path, &inputs) {
            return Err(Error::usage(format!(
                "输出文件 {} 就是输入文件 {}，不能覆盖；请用 -o 另选输出目录",
                path.display(),
                input.display()
            )));
        }
    }
    Ok(outputs)
}

/// One format of `doc` in memory; `None` for a PDF without fonts (the
/// caller says why it was not written).
fn render_format(
    args: &Args,
    format: Format,
    doc: &document::Document,
    tera: &tera::Tera,
    fonts: Option<&pdf::Fonts>,
) -> Result<Option<Vec<u8>>, Error> {
    let bytes = match format {
        Format::Md | Format::Html => {
            let tf = if format == Format::Md {
                TextFormat::Markdown
            } else {
                TextFormat::Html
            };
            text::render(tera, doc, tf)
                .map_err(|mut e| {
                    // Name the overriding file when the template came from --templates.
                    if let Some(dir) = &args.templates
                        && dir.join(&e.file).is_file()
                    {
                        e.file = dir.join(&e.file).display().to_string();
                    }
                    Error::usage(e.to_string())
                })?
                .into_bytes()
        }
        Format::Pdf => {
            let opts = pdf::PdfOptions {
                fonts: pdf::FontChoice {
                    dir: args.font_dir.clone(),
                    overrides: args.fonts.clone(),
                },
                page_numbers: match args.page_numbers {
                    PageNumberArg::Alternate => pdf::PageNumbers::Alternate,
                    PageNumberArg::Center => pdf::PageNumbers::Center,
                },
            };
            // No fonts: the caller says why the PDF was not written.
            let Some(fonts) = fonts else {
                return Ok(None);
            };
            pdf::render_with(doc, &opts, fonts).map_err(|e| Error::usage(e.to_string()))?
        }
        Format::Docx => {
            let opts = docx::DocxOptions {
                page_numbers: match args.page_numbers {
                    PageNumberArg::Alternate => docx::PageNumbers::Alternate,
                    PageNumberArg::Center => docx::PageNumbers::Center,
                },
                fonts: args.fonts.clone(),
            };
            docx::render(doc, &opts).map_err(|e| Error::usage(e.to_string()))?
        }
    };
    Ok(Some(bytes))
}

/// Creates `out_dir` and writes the rendered files atomically as one group
/// (`output::write_group_atomic`), then says `已生成 …` for each when
/// `announce`.
pub(super) fn write_outputs(
    out_dir: &Path,
    outputs: &[(PathBuf, Vec<u8>)],
    announce: bool,
) -> Result<(), Error> {
    std::fs::create_dir_all(out_dir).map_err(|e| {
        Error::usage(format!(
            "无法创建输出目录 {}：{}",
            out_dir.display(),
            crate::load::io_message(&e)
        ))
    })?;
    crate::output::write_group_atomic(outputs).map_err(|(path, e)| {
        Error::usage(format!(
            "无法写入 {}：{}",
            path.display(),
            crate::load::io_message(&e)
        ))
    })?;
    if announce {
        for (path, _) in outputs {
            eprintln!("已生成 {}", path.display());
        }
    }
    Ok(())
}

/// Every file this build reads, for the no-clobber check.
fn input_files(args: &Args, file: &Path, report: &crate::model::Report) -> Vec<PathBuf> {
    let mut inputs = vec![file.to_path_buf()];
    if let Some(prev) = &report.previous {
        let base = file.parent().unwrap_or(Path::new(""));
        inputs.push(base.join(&prev.value));
    }
    if let Some(dir) = &args.templates {
        inputs.extend(templates::BUILTIN.iter().map(|(name, _)| dir.join(name)));
    }
    for (_, source) in &args.fonts {
        if let pdf::FontSource::Path(p) = source {
            inputs.push(p.clone());
        }
    }
    inputs
}

fn print_checked(checked: &Checked) {
    if checked.diagnostics.is_empty() {
        return;
    }
    super::print_diagnostics(&checked.diagnostics, &checked.file);
    eprintln!(
        "{}",
        human::summary(checked.errors(), checked.warnings(), 1)
    );
}

/// The file stem of the input, used to name outputs.
pub(super) fn output_stem(file: &Path) -> String {
    file.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "report".into())
}
