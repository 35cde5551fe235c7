//! `nianbao check`: validate data files.

use std::io::Write;
use std::path::PathBuf;

use clap::ValueEnum;

use super::{Error, Outcome, Status, color_stderr};
use crate::check::{Checked, check_path};
use crate::diag::{Diagnostic, codes, human, json};
use crate::source::SourceFile;

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// 便于阅读的格式：逐条列出问题，标出所在的行和列
    Human,
    /// 一个 JSON 对象，便于程序处理
    Json,
}

/// Arguments of `nianbao check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// 要校验的数据文件（YAML），可以有多个
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// 上年的数据文件，用于跨年度检查（优先于文件中的“上年数据”）
    #[arg(long, value_name = "FILE")]
    prev: Option<PathBuf>,
    /// 输出格式
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
}

/// Runs the command.
pub(crate) fn run(args: Args) -> Outcome {
    let mut checked: Vec<Checked> = Vec::new();
    let mut unreadable = false;
    if let Some(prev) = &args.prev
        && !prev.is_file()
    {
        return Err(Error::usage(format!(
            "{}：上年数据文件不存在或不是文件",
            prev.display()
        )));
    }
    for path in &args.files {
        match check_path(path, args.prev.as_deref()) {
            Ok(c) => checked.push(c),
            Err(e) => {
                // Listed like any other file, so that neither the summary
                // nor a program reading the JSON mistakes it for a pass.
                unreadable = true;
                checked.push(Checked {
                    file: SourceFile::new(path, String::new()),
                    report: None,
                    diagnostics: vec![Diagnostic::error(codes::IO, e.message)],
                });
            }
        }
    }
    let errors: usize = checked.iter().map(Checked::errors).sum();
    let warnings: usize = checked.iter().map(Checked::warnings).sum();
    match args.format {
        Format::Json => {
            let reports: Vec<json::FileReport<'_>> = checked
                .iter()
                .map(|c| json::FileReport {
                    file: c.file.name(),
                    diagnostics: &c.diagnostics,
                })
                .collect();
            let doc = json::document(&reports);
            let mut stdout = std::io::stdout().lock();
            let _ = writeln!(stdout, "{doc}");
        }
        Format::Human => {
            let color = color_stderr();
            let mut stderr = std::io::stderr().lock();
            for c in &checked {
                for d in &c.diagnostics {
                    let _ = writeln!(stderr, "{}", human::render(d, Some(&c.file), color));
                }
            }
            let _ = writeln!(
                stderr,
                "{}",
                human::summary(errors, warnings, checked.len())
            );
        }
    }
    if unreadable {
        // Listed above with the other files; the exit status says it.
        Err(Error::usage(format!(
            "有文件无法读取（见上），共 {} 个文件",
            checked.len()
        )))
    } else if errors > 0 {
        Ok(Status::Errors)
    } else {
        Ok(Status::Clean)
    }
}
