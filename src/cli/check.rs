//! `nianbao check`: validate data files.

use std::io::Write;
use std::path::PathBuf;

use clap::ValueEnum;

use super::{Error, Outcome, Status, color_stdout};
use crate::batch::summary::{self, Row};
use crate::check::{Checked, check_walked};
use crate::diag::{Diagnostic, Severity, codes, human, json};
use crate::source::SourceFile;

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// 便于阅读的格式：逐条列出问题，标出所在的行和列
    Human,
    /// 每条问题一行（文件:行:列: 级别 代码 说明），便于编辑器和脚本处理
    Short,
    /// 一个 JSON 对象，便于程序处理
    Json,
    /// 汇总表（CSV，UTF-8 带 BOM），每个文件一行，可用 Excel、WPS 打开
    Csv,
}

/// Arguments of `nianbao check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// 要校验的数据文件（YAML 或 .xlsx 工作簿）或目录，可以有多个；目录中的 .yaml、.yml、.xlsx 文件逐层查找，按名称排序
    #[arg(required = true, value_name = "文件或目录")]
    files: Vec<PathBuf>,
    /// 上年的数据文件，用于跨年度检查（优先于文件中的“上年数据”）
    #[arg(long, value_name = "上年文件")]
    prev: Option<PathBuf>,
    /// 输出格式：human 逐条说明（默认，多个文件时末尾附汇总表），short 每条一行，json 供程序读取，csv 汇总表
    #[arg(long, value_enum, default_value = "human", value_name = "格式")]
    format: Format,
}

/// Runs the command.
pub(crate) fn run(args: Args) -> Outcome {
    let mut checked: Vec<Checked> = Vec::new();
    let mut unreadable: Vec<String> = Vec::new();
    if let Some(prev) = &args.prev
        && !prev.is_file()
    {
        return Err(Error::usage(format!(
            "{}：上年数据文件不存在或不是文件",
            prev.display()
        )));
    }
    let found = crate::batch::walk::expand(&args.files)?;
    for note in &found.skipped {
        eprintln!("nianbao: 注意：{}", crate::diag::visible(note));
    }
    // A folder without data files is listed like an unreadable file: it
    // must not pass as checked.
    for (dir, message) in found.empty_dirs.iter().chain(&found.unreadable_dirs) {
        unreadable.push(format!("{}：{message}", dir.display()));
        checked.push(Checked {
            file: SourceFile::new(dir, String::new()),
            report: None,
            diagnostics: vec![Diagnostic::error(codes::IO, message.clone())],
        });
    }
    let many = found.files.len() > 1 || args.files.iter().any(|p| p.is_dir());
    for (path, seen) in found.walked() {
        match check_walked(path, seen, args.prev.as_deref()) {
            Ok(c) => checked.push(c),
            Err(e) => {
                // Listed like any other file, so that neither the summary
                // nor a program reading the JSON mistakes it for a pass.
                unreadable.push(e.to_string());
                checked.push(Checked {
                    file: SourceFile::new(path, String::new()),
                    report: None,
                    diagnostics: vec![Diagnostic::error(codes::IO, e.message)],
                });
            }
        }
    }
    let errors: usize = checked.iter().map(Checked::errors).sum();
    super::quiet_pipe(print(&checked, args.format, many))?;
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

/// Prints the findings of every file in `format` to stdout; `many` adds
/// the summary table to the human format.
fn print(checked: &[Checked], format: Format, many: bool) -> std::io::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match format {
        Format::Json => {
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
        Format::Short => {
            for c in checked {
                for d in &c.diagnostics {
                    writeln!(stdout, "{}", human::short_in(d, &c.file))?;
                }
            }
        }
        Format::Csv => {
            let rows: Vec<Row> = checked.iter().map(Row::of).collect();
            write!(stdout, "{}", summary::csv(&rows))?;
        }
        Format::Human => {
            let color = color_stdout();
            // The counts are of what is shown: the empty cells of a table
            // are one finding, as condensed, not one per row.
            let (mut shown_errors, mut shown_warnings) = (0, 0);
            let mut rows: Vec<Row> = Vec::new();
            for c in checked {
                let fill = c.report.as_ref().map(|r| r.fill());
                let shown = human::condense(&c.diagnostics, fill.as_ref());
                let mut row = Row::of(c);
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
                rows.push(row);
                for d in shown {
                    writeln!(stdout, "{}", human::render(&d, Some(&c.file), color))?;
                }
                if let Some(fill) = fill.filter(|f| f.empty() > 0) {
                    writeln!(stdout, "{}", human::fill_line(&c.file.name(), &fill))?;
                }
            }
            if many {
                writeln!(stdout, "\n{}", summary::table(&rows))?;
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
