//! `nianbao build`: validate, then render the report.

use std::path::{Path, PathBuf};

use super::{Error, Outcome, Status};
use crate::build::{self, BuildPlan, CheckedForBuild};
use crate::check::Checked;
use crate::diag::human;
use crate::render::document::Draft;
use crate::render::layout::page::PageNumbers;
use crate::render::typeset;

/// An output format of `build`, with the words a clerk also types for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum OutputFormatArg {
    /// Markdown（GFM 表格）
    #[value(alias = "markdown")]
    Md,
    /// 单文件 HTML
    #[value(alias = "htm", alias = "网页")]
    Html,
    /// 按 GB/T 9704 排版的 PDF
    Pdf,
    /// 供审签修改的 Word/WPS 文档（不在默认格式中）
    #[value(alias = "word", alias = "wps", alias = "doc")]
    Docx,
    /// 数据的 Excel/WPS 工作簿，可再读入（不在默认格式中）
    #[value(alias = "excel", alias = "xls", alias = "et")]
    Xlsx,
    /// 与 PDF 同版面的 OFD 版式文件（GB/T 33190-2016，不在默认格式中）
    Ofd,
}

/// The formats of one `--format` value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Formats(Vec<OutputFormatArg>);

/// Reads `--format md,html` as typed with a Chinese input method too: the
/// formats may be separated by `,` `，` `、` `;` `；` or spaces, and their
/// names may be written in capitals or full-width letters.
fn parse_formats(value: &str) -> Result<Formats, String> {
    use clap::ValueEnum;
    let mut out = Vec::new();
    for word in value
        .split([',', '，', '、', ';', '；', ' ', '\u{3000}'])
        .filter(|w| !w.is_empty())
    {
        let ascii: String = word
            .chars()
            .map(|c| match c {
                '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
                c => c,
            })
            .collect();
        let format = OutputFormatArg::from_str(&ascii, true).map_err(|_| {
            format!(
                "没有“{}”这种格式；可选：md、html、pdf、docx（Word 文档也可写 word）、xlsx（Excel/WPS 工作簿）、ofd（OFD 版式文件），多个格式用逗号分隔",
                crate::diag::excerpt(word)
            )
        })?;
        if !out.contains(&format) {
            out.push(format);
        }
    }
    if out.is_empty() {
        return Err("请写出至少一种格式：md、html、pdf、docx、xlsx、ofd".to_string());
    }
    Ok(Formats(out))
}

impl From<OutputFormatArg> for build::OutputFormat {
    fn from(f: OutputFormatArg) -> build::OutputFormat {
        match f {
            OutputFormatArg::Md => build::OutputFormat::Md,
            OutputFormatArg::Html => build::OutputFormat::Html,
            OutputFormatArg::Pdf => build::OutputFormat::Pdf,
            OutputFormatArg::Docx => build::OutputFormat::Docx,
            OutputFormatArg::Xlsx => build::OutputFormat::Xlsx,
            OutputFormatArg::Ofd => build::OutputFormat::Ofd,
        }
    }
}

/// Arguments of `nianbao build`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// 数据文件（YAML 或 .xlsx 工作簿）或目录，可以有多个；目录中的数据文件并行生成，输出按子目录存放
    #[arg(required = true, value_name = "文件或目录")]
    files: Vec<PathBuf>,
    /// 输出目录（不存在时自动创建）
    #[arg(short, long, value_name = "目录", default_value = "out")]
    output: PathBuf,
    /// 输出格式，逗号分隔：md、html、pdf、docx（Word/WPS 审签稿，需明确要求；也可写 word）、xlsx（数据的 Excel/WPS 工作簿，可再读入）、ofd（与 PDF 同版面的 OFD 版式文件，GB/T 33190）
    #[arg(
        long,
        value_parser = parse_formats,
        default_value = "md,html,pdf",
        value_name = "格式"
    )]
    format: Vec<Formats>,
    /// 数据有错误时仍然生成，并在输出中标明“草稿”
    #[arg(long)]
    draft: bool,
    /// 用此目录中的同名文件替换内置模板（见 `nianbao templates eject`）
    #[arg(long, value_name = "目录")]
    templates: Option<PathBuf>,
    /// PDF 与 Word 文档的页码位置：alternate 单页居右、双页居左（双面印刷）；center 居中（网上发布）
    #[arg(long, value_enum, default_value = "alternate", value_name = "位置")]
    page_numbers: PageNumberArg,
    /// 替换某一角色的字体：标题、正文、黑体、楷体、页码 = 已安装字体的名称或字体文件路径，如 --font 正文=仿宋_GB2312（可重复；Word 文档只写字体名称，不嵌入字体）；造字=造字程序的字体文件（Windows 中一般是 C:\Windows\Fonts\EUDC.TTE），人名、地名中的造字就从它印出，各种格式都带上这个字体
    #[arg(long = "font", value_name = "角色=字体", value_parser = typeset::parse_font_arg)]
    fonts: Vec<typeset::FontArg>,
    /// 随附字体所在的目录（默认自动查找 fonts/）
    #[arg(long, value_name = "目录")]
    font_dir: Option<PathBuf>,
    /// PDF 按 PDF/A-2a 归档格式生成（含 XMP 元数据和输出意图，字体全部嵌入、文字可提取、结构标记完整，供档案部门按 DA/T 47 接收）
    #[arg(long)]
    pdfa: bool,
    /// 输出文件按“机关-年度”命名（如 淄博市张店区审计局-2025.pdf），而不按数据文件名；成批生成各单位报送的同名文件（都叫 2025.yaml）时使用
    #[arg(long)]
    name_by_agency: bool,
    /// 确认接受 PDF 中缺字：所用字体都没有的字符（GLYPH 警告）在 PDF 中显示为空白方框，默认把 PDF 标为“草稿”；核对后确需照此发布时加此项，PDF 不再标“草稿”
    #[arg(long)]
    accept_missing_glyphs: bool,
    /// 生成后用默认程序打开结果：网页（没有网页时打开 PDF）；多个文件时打开输出目录
    #[arg(long)]
    open: bool,
}

/// Where PDF page numbers go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum PageNumberArg {
    /// 单页居右、双页居左
    Alternate,
    /// 居中
    Center,
}

impl Args {
    /// The build plan these arguments ask for.
    fn plan(&self) -> Result<BuildPlan, Error> {
        Ok(BuildPlan {
            formats: {
                let mut formats: Vec<build::OutputFormat> = Vec::new();
                for f in self.format.iter().flat_map(|f| &f.0) {
                    if !formats.contains(&(*f).into()) {
                        formats.push((*f).into());
                    }
                }
                formats
            },
            out_dir: self.output.clone(),
            page_numbers: match self.page_numbers {
                PageNumberArg::Alternate => PageNumbers::Alternate,
                PageNumberArg::Center => PageNumbers::Center,
            },
            draft: self.draft,
            fonts: font_choice(self.font_dir.clone(), &self.fonts)?,
            templates: self.templates.clone(),
            name_by_agency: self.name_by_agency,
            pdfa: self.pdfa,
            accept_missing_glyphs: self.accept_missing_glyphs,
        })
    }
}

/// Runs the command: one file as before, several files or folders as a
/// batch (`super::batch_build`).
pub(crate) fn run(args: Args) -> Outcome {
    let plan = args.plan()?;
    match args.files.as_slice() {
        [file] if !file.is_dir() => run_one(&plan, file, args.open),
        files => {
            let outcome = super::batch_build::run(&plan, files);
            if args.open && outcome.is_ok() {
                open_path(&plan.out_dir);
            }
            outcome
        }
    }
}

/// The fonts `--font-dir` and the `--font` arguments choose, the 造字 font
/// read (the workbench and the server take the same arguments).
pub(crate) fn font_choice(
    dir: Option<PathBuf>,
    args: &[typeset::FontArg],
) -> Result<typeset::FontChoice, Error> {
    typeset::FontChoice::from_args(dir, args).map_err(|e| {
        Error::io(e.to_string()).hint(
            "--font 造字= 后面写造字程序的字体文件：Windows 中一般是 C:\\Windows\\Fonts\\EUDC.TTE（可先复制出来）",
        )
    })
}

/// What `--open` opens of one report's outputs: the web page, else the
/// PDF, else the first file written.
fn to_open(outputs: &[build::Output]) -> Option<&Path> {
    let with = |ext: &str| {
        outputs
            .iter()
            .map(|(path, _)| path.as_path())
            .find(|p| p.extension().is_some_and(|e| e == ext))
    };
    with("html")
        .or_else(|| with("pdf"))
        .or_else(|| outputs.first().map(|(path, _)| path.as_path()))
}

/// Opens a written file or folder with the default program, by its
/// absolute path (the opener may run in another directory).
fn open_path(path: &Path) {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    super::launch::open_default(&path.to_string_lossy());
}

/// Builds one data file, printing as it goes.
fn run_one(plan: &BuildPlan, file: &Path, open: bool) -> Outcome {
    // On a worker of the pool: its forks then stay inside the pool, and
    // this thread is not woken between them.
    let (c, built) = rayon::scope(|_| plan.check_and_build(file, print_checked))?;
    let outputs = built.map_err(|e| match e {
        // The text's own size: named with its file.
        build::BuildError::TooLarge(_) => Error::input(format!("{}：{e}", file.display())),
        e => e.into(),
    })?;
    for (path, _) in &outputs {
        eprintln!("已生成 {}", path.display());
    }
    if let Some(path) = to_open(&outputs).filter(|_| open) {
        open_path(path);
    }
    let outcome = finish_one(plan, &c, &outputs);
    // The command ends here: the system takes the memory back at once,
    // where freeing it piece by piece took half a millisecond (issue 76).
    std::mem::forget((c, outputs));
    outcome
}

/// What the build of one file comes to once its files are written: the
/// fonts' failure, a draft of data with errors, characters not printed.
fn finish_one(plan: &BuildPlan, c: &CheckedForBuild, outputs: &[build::Output]) -> Outcome {
    if let Some(e) = &c.font_error {
        let written = if outputs.is_empty() {
            "未生成任何文件"
        } else {
            "其他格式已生成"
        };
        let which = if plan.formats.contains(&build::OutputFormat::Pdf) {
            "PDF"
        } else {
            "OFD"
        };
        return Err(Error::usage(format!("未生成 {which}：{e}（{written}）")));
    }
    let errors = c.checked.errors();
    if errors > 0 {
        // A draft was asked for and written, but the data still has errors.
        return Err(Error::input(format!(
            "已按 --draft 生成草稿，但数据仍有 {errors} 个错误，不能作为正式文本发布"
        )));
    }
    if let Some(message) = glyph_draft(plan, outputs, c) {
        return Err(Error::input(message).hint(
            "换用含有这些字的字体（把字体装进系统，或 --font 正文=字体名），或改用通用写法；\
             人名、地名中的造字（私用区字符），加 --font 造字=造字程序的字体文件\
             （Windows 中一般是 C:\\Windows\\Fonts\\EUDC.TTE）从造字字体印出；\
             核对后确需照此发布的，加 --accept-missing-glyphs",
        ));
    }
    Ok(Status::Clean)
}

/// What to say when the files written print characters no font has (or
/// private-use characters, which print as nothing) and are therefore
/// marked 草稿; `None` when there are none or they were accepted.
fn glyph_draft(plan: &BuildPlan, outputs: &[build::Output], c: &CheckedForBuild) -> Option<String> {
    if plan.accept_missing_glyphs || outputs.is_empty() {
        return None;
    }
    let draft = Draft::for_findings(&c.checked.diagnostics, false, false)?;
    let pdf = outputs
        .iter()
        .any(|(path, _)| path.extension().is_some_and(|e| e == "pdf" || e == "ofd"));
    let report = c.checked.report.as_ref()?;
    let note = c
        .fonts
        .as_ref()
        .filter(|_| pdf)
        .and_then(|fonts| build::glyph_draft_note(report, fonts));
    Some(note.unwrap_or_else(|| {
        format!(
            "有 {} 处字符印不出来（字体中没有的字、造字〔私用区字符，印成〔U+…〕〕或 Word 符号字体的项目符号，见上面的 GLYPH、TEXT-PUA 警告），\
             生成的文件已标为“草稿”，不能作为正式文本发布",
            draft.unprinted
        )
    }))
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
