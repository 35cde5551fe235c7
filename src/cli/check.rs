//! `nianbao check`: validate data files.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use super::{Error, Outcome, Status, color_stdout};
use crate::batch::check_run::{CheckOptions, CheckedFiles, check_files};
use crate::batch::folder::{self, FolderNotes};
use crate::batch::summary::{self, Encoding, Row};
use crate::check::Checked;
use crate::diag::{Severity, human, json};
use crate::render::typeset;

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum FindingsFormat {
    /// 便于阅读的格式：逐条列出问题，标出所在的行和列
    Human,
    /// 每条问题一行（文件:行:列: 级别 代码 说明），便于编辑器和脚本处理
    Short,
    /// 一个 JSON 对象，便于程序处理
    Json,
    /// 汇总表（CSV，UTF-8 带 BOM），每个文件一行：主要数字和主要问题，可用 Excel、WPS 打开
    Csv,
    /// 汇总表（单个 HTML 网页，可排序），内容同 csv，可发回各单位或打印
    Html,
    /// 汇总表（Excel 工作簿），内容同 csv；任何表格软件打开都不会乱码。用 -o 汇总.xlsx 写到文件
    Xlsx,
}

/// Arguments of `nianbao check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// 要校验的数据文件（YAML 或 .xlsx 工作簿）或目录，可以有多个；目录中的 .yaml、.yml、.xlsx 文件逐层查找，按名称排序
    #[arg(required = true, value_name = "文件或目录")]
    files: Vec<PathBuf>,
    /// 上年的数据文件，用于跨年度检查（优先于文件中的“上年数据”）
    #[arg(long, value_name = "上年文件", conflicts_with = "prev_dir")]
    prev: Option<PathBuf>,
    /// 去年各单位数据文件所在的目录：按“机关”名称（相近的名称也认）为每个文件找到去年的文件，做跨年度检查
    #[arg(long, value_name = "去年目录")]
    prev_dir: Option<PathBuf>,
    /// 应报送单位的名单（.txt 每行一个单位，或 .csv、.xlsx 中“单位名称”一列）：列出未报送、重复报送、年度或格式不符、名称与名单不一致的单位
    #[arg(long, value_name = "名单")]
    roster: Option<PathBuf>,
    /// 输出格式：human 逐条说明（默认，多个文件时末尾附汇总表），short 每条一行，json 供程序读取，csv 汇总表，html 汇总网页
    #[arg(long, value_enum, default_value = "human", value_name = "格式")]
    format: FindingsFormat,
    /// csv 汇总表的字符编码：utf-8（带 BOM，默认）或 gb18030（GBK，供只认 GBK 的软件）
    #[arg(long, value_enum, default_value = "utf-8", value_name = "编码")]
    encoding: Encoding,
    /// 把结果写到这个文件，而不是显示在屏幕上（没有写 --format 时按扩展名 .csv、.html、.xlsx、.json 选格式）；PowerShell 中请用它代替 > 重定向
    #[arg(short = 'o', long = "output", value_name = "文件")]
    output: Option<PathBuf>,
    /// 覆盖 -o 指定的已有文件（不会覆盖被校验的文件）
    #[arg(long, requires = "output")]
    force: bool,
    /// 造字=造字程序的字体文件（Windows 中一般是 C:\Windows\Fonts\EUDC.TTE）：人名、地名中这个字体有的造字不再提示，与 nianbao build 的 --font 造字= 相同
    #[arg(long = "font", value_name = "造字=字体文件", value_parser = typeset::parse_font_arg)]
    fonts: Vec<typeset::FontArg>,
}

/// The format `-o FILE` asks for by its extension, when `--format` was left
/// at its default.
fn format_for(format: FindingsFormat, output: Option<&Path>) -> FindingsFormat {
    let ext = output
        .and_then(Path::extension)
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match (format, ext.as_deref()) {
        (FindingsFormat::Human, Some("csv")) => FindingsFormat::Csv,
        (FindingsFormat::Human, Some("html" | "htm")) => FindingsFormat::Html,
        (FindingsFormat::Human, Some("xlsx")) => FindingsFormat::Xlsx,
        (FindingsFormat::Human, Some("json")) => FindingsFormat::Json,
        (format, _) => format,
    }
}

/// Refuses `-o` naming one of the files checked, whatever `--force` says.
fn refuse_input_as_output(output: &Path, inputs: &[PathBuf]) -> Result<(), Error> {
    let Ok(out) = output.canonicalize() else {
        return Ok(());
    };
    if inputs
        .iter()
        .any(|i| i.canonicalize().is_ok_and(|i| i == out))
    {
        return Err(Error::usage(format!(
            "{}：这是要校验的文件，不能用 -o 覆盖它；请换一个文件名",
            output.display()
        )));
    }
    Ok(())
}

impl Args {
    /// What to check, as the library takes it.
    fn options(&self) -> Result<CheckOptions, Error> {
        if self
            .fonts
            .iter()
            .any(|f| matches!(f, typeset::FontArg::Role(..)))
        {
            return Err(Error::usage(
                "nianbao check 只接受 --font 造字=造字程序的字体文件；正文、标题等字体在 nianbao build 时用 --font 指定"
                    .to_string(),
            ));
        }
        Ok(CheckOptions {
            files: self.files.clone(),
            prev: self.prev.clone(),
            prev_dir: self.prev_dir.clone(),
            roster: self.roster.clone(),
            zaozi: super::build::font_choice(None, &self.fonts)?.zaozi,
        })
    }
}

/// Runs the command.
pub(crate) fn run(mut args: Args) -> Outcome {
    args.format = format_for(args.format, args.output.as_deref());
    let opts = args.options()?;
    // A bad `--prev` is said before a workbook refused to the terminal
    // (`check_files` checks it again).
    opts.check_prev()?;
    if args.format == FindingsFormat::Xlsx
        && args.output.is_none()
        && std::io::IsTerminal::is_terminal(&std::io::stdout())
    {
        return Err(Error::usage(
            "工作簿不能显示在屏幕上；请写到文件：nianbao check 目录 -o 汇总.xlsx",
        ));
    }
    let run = check_files(&opts)?;
    let out = Output {
        format: args.format,
        encoding: args.encoding,
        many: run.many,
        to_file: args.output.is_some(),
    };
    // The human and HTML summaries of a folder carry these; elsewhere they
    // go to stderr.
    if !matches!(args.format, FindingsFormat::Human | FindingsFormat::Html) || !run.many {
        for line in run.notes.lines() {
            eprintln!("nianbao: 注意：{line}");
        }
    }
    let errors = run.errors();
    let CheckedFiles {
        checked,
        rows,
        notes,
        unreadable,
        inputs,
        ..
    } = run;
    emit(&args, &inputs, |w| print(w, &checked, rows, &notes, &out))?;
    if !unreadable.is_empty() {
        // Listed with the other files on stdout too; stderr names them
        // again, since a tool failure belongs there.
        Err(Error::io(format!(
            "{} 个文件无法读取：\n{}",
            unreadable.len(),
            unreadable.join("\n")
        )))
    } else if errors > 0 {
        Ok(Status::Errors)
    } else {
        Ok(Status::Clean)
    }
}

/// How the results are printed.
struct Output {
    format: FindingsFormat,
    encoding: Encoding,
    many: bool,
    /// Written to a file (`-o`): no colours.
    to_file: bool,
}

/// Writes what `write` makes to the terminal, or to `-o`'s file, refusing
/// a file that is one of the inputs.
fn emit(
    args: &Args,
    inputs: &[PathBuf],
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Error> {
    let Some(path) = &args.output else {
        let mut stdout = std::io::stdout().lock();
        return super::quiet_pipe(write(&mut stdout));
    };
    refuse_input_as_output(path, inputs)?;
    let mut bytes = Vec::new();
    super::quiet_pipe(write(&mut bytes))?;
    write_output(path, &bytes, args.force)?;
    eprintln!("已写出 {}", path.display());
    Ok(())
}

/// Writes the result to `path` as a new file (replaced only with `--force`).
fn write_output(path: &Path, bytes: &[u8], force: bool) -> Result<(), Error> {
    crate::files::write_new(path, bytes, force).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            Error::usage(format!(
                "{} 已存在；要覆盖请加 --force，或换一个文件名",
                path.display()
            ))
        } else {
            crate::files::WriteError::Write {
                path: path.to_path_buf(),
                source: e,
            }
            .into()
        }
    })
}

/// Writes the findings of every file in the format asked to `stdout` (the
/// terminal or the bytes of `-o`'s file); a
/// folder run adds the summary table and the notes on the folder to the
/// human format.
fn print(
    stdout: &mut dyn Write,
    checked: &[Checked],
    mut rows: Vec<Row>,
    notes: &FolderNotes,
    out: &Output,
) -> std::io::Result<()> {
    match out.format {
        FindingsFormat::Json => {
            let fills: Vec<_> = checked
                .iter()
                .map(|c| c.report.as_ref().map(|r| r.fill()))
                .collect();
            let reports: Vec<json::FileReport<'_>> = checked
                .iter()
                .zip(&fills)
                .map(|(c, fill)| json::FileReport {
                    file: c.file.name(),
                    diagnostics: &c.diagnostics,
                    fill: fill.as_ref(),
                    source: Some(&c.file),
                })
                .collect();
            writeln!(stdout, "{}", json::document(&reports))?;
        }
        FindingsFormat::Short => {
            for c in checked {
                for d in &c.diagnostics {
                    writeln!(stdout, "{}", human::short_in(d, &c.file))?;
                }
            }
        }
        FindingsFormat::Csv => {
            rows.extend(notes.extra_rows());
            let csv = summary::csv(&rows, notes.roster.is_some());
            stdout.write_all(&out.encoding.encode(&csv))?;
        }
        FindingsFormat::Html => {
            write!(stdout, "{}", folder::check_html(&rows, notes))?;
        }
        FindingsFormat::Xlsx => {
            rows.extend(notes.extra_rows());
            let table = summary::cells(&rows, notes.roster.is_some());
            stdout.write_all(&crate::xlsx::table_workbook("校验汇总", &table))?;
        }
        FindingsFormat::Human => {
            let color = !out.to_file && color_stdout();
            // The counts are of what is shown: the empty cells of a table
            // are one finding, as condensed, not one per row.
            let (mut shown_errors, mut shown_warnings) = (0, 0);
            for (c, row) in checked.iter().zip(rows.iter_mut()) {
                let fill = c.report.as_ref().map(|r| r.fill());
                let shown = human::condense(&c.diagnostics, fill.as_ref());
                row.errors = shown
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .count();
                row.warnings = shown
                    .iter()
                    .filter(|d| d.severity == Severity::Warning)
                    .count();
                shown_errors += row.errors;
                shown_warnings += row.warnings;
                for d in shown {
                    writeln!(stdout, "{}", human::render(&d, Some(&c.file), color))?;
                }
                if let Some(fill) = fill.filter(|f| f.empty() > 0) {
                    writeln!(stdout, "{}", human::fill_line(&c.file.name(), &fill))?;
                }
            }
            if out.many {
                writeln!(stdout, "\n{}", summary::table(&rows))?;
                if !notes.is_empty() {
                    writeln!(stdout, "{}", notes.text())?;
                }
            }
            writeln!(
                stdout,
                "{}",
                human::summary(shown_errors, shown_warnings, checked.len())
            )?;
        }
    }
    stdout.flush()
}
