//! `nianbao compare`: two reports, or two folders of a county's reports,
//! compared (see [`crate::compare`]).

use std::path::{Path, PathBuf};

use super::{Error, Outcome, Status};
use crate::compare::{self, Batch, Comparison, Threshold};
use crate::files;

/// Output formats of `compare`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum CompareFormat {
    /// Markdown
    #[value(alias = "markdown")]
    Md,
    /// 网页（单个文件，可直接用浏览器打开）
    Html,
    /// 表格（UTF-8 带 BOM，Excel、WPS 可直接打开）
    Csv,
}

/// Arguments of `nianbao compare`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
示例：
  nianbao compare 2024.yaml 2025.yaml                # 结果（Markdown）输出到屏幕
  nianbao compare 2024年报.pdf 2025.yaml -o 对比.html
  nianbao compare 去年/ 今年/ -o 对比.csv             # 两个目录按机关逐一对照

输入可以是数据文件（.yaml、.xlsx），也可以是已公布的年报（.txt、.html、.docx、.pdf，
经导入识别；未能读出的数字标为“未能读出”，不当作 0）。两个目录对照时按“机关”配对，
名称前多写了地区的（淄博市张店区审计局与张店区审计局）视为同一机关，配不上的分别列出。
大幅变化：比率绝对值不小于 --threshold（默认 50%）且变化量绝对值不小于 --min-change
（默认 10）；上年为 0 的只看变化量；变化量达到 --min-change 的 100 倍的，不论比率都算。
结果先列变化最大的 10 项；一方为空或未能读出的不计为变化，另行列出。不同版本格式（2019 与 2021）能对应的项目照常对照，
其余列为“未能对照”。
输出格式默认按 -o 的扩展名（.html、.csv），否则为 Markdown。")]
pub struct Args {
    /// 旧的（上年的）报告或目录
    #[arg(value_name = "旧")]
    old: PathBuf,
    /// 新的（本年的）报告或目录
    #[arg(value_name = "新")]
    new: PathBuf,
    /// 输出文件（默认输出到屏幕）
    #[arg(short, long, value_name = "文件")]
    output: Option<PathBuf>,
    /// 输出格式
    #[arg(long, value_name = "格式")]
    format: Option<CompareFormat>,
    /// 大幅变化的比率下限（百分比）
    #[arg(long, value_name = "百分比", default_value_t = 50.0, value_parser = non_negative)]
    threshold: f64,
    /// 大幅变化的变化量下限（件或万元）
    #[arg(long, value_name = "数量", default_value_t = 10.0, value_parser = non_negative)]
    min_change: f64,
    /// 输出文件已存在时覆盖它
    #[arg(long)]
    force: bool,
}

/// A finite number not below zero.
fn non_negative(text: &str) -> Result<f64, String> {
    match text.trim().trim_end_matches(['%', '％']).parse::<f64>() {
        Ok(n) if n.is_finite() && n >= 0.0 => Ok(n),
        _ => Err("应为不小于 0 的数".into()),
    }
}

/// The format asked for, or the one the output's name says.
fn format_of(args: &Args) -> CompareFormat {
    if let Some(f) = args.format {
        return f;
    }
    let ext = args
        .output
        .as_deref()
        .and_then(Path::extension)
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match ext.as_deref() {
        Some("html" | "htm") => CompareFormat::Html,
        Some("csv") => CompareFormat::Csv,
        _ => CompareFormat::Md,
    }
}

/// Runs the command.
pub(crate) fn run(args: Args) -> Outcome {
    let threshold = Threshold {
        percent: args.threshold,
        min_change: args.min_change,
    };
    let batch = match (args.old.is_dir(), args.new.is_dir()) {
        (true, true) => compare::compare_folders(&args.old, &args.new, threshold)?,
        (false, false) => compare::compare_files(&args.old, &args.new, threshold)
            .map_err(|e| Error::in_file(&e.file.clone(), e))?,
        _ => {
            return Err(Error::usage(
                "一个是目录、一个是文件，无法对照：请给出两个文件，或两个目录",
            ));
        }
    };
    if let Some(f) = &batch.folders
        && batch.comparisons.is_empty()
        && f.only_old.is_empty()
        && f.only_new.is_empty()
        && f.repeated.is_empty()
        && f.unreadable.is_empty()
    {
        return Err(Error::usage(format!(
            "两个目录中都没有可对照的报告（{}）",
            compare::FOLDER_KINDS
        )));
    }
    let text = match format_of(&args) {
        CompareFormat::Md => compare::markdown::render(&batch),
        CompareFormat::Html => compare::html::render(&batch),
        CompareFormat::Csv => compare::csv::render(&batch),
    };
    match &args.output {
        None => super::print_stdout(&text)?,
        Some(out) => {
            write(out, &text, &batch, args.force)?;
            eprintln!("已写出 {}。{}", out.display(), summary(&batch));
        }
    }
    Ok(Status::Clean)
}

/// One line saying what was found.
fn summary(batch: &Batch) -> String {
    let changed: usize = batch.comparisons.iter().map(Comparison::changed).sum();
    let large: usize = batch.comparisons.iter().map(|c| c.large()).sum();
    let mut s = format!(
        "对照 {} 对报告：数字变化 {changed} 项，其中大幅变化 {large} 项",
        batch.comparisons.len()
    );
    if let Some(f) = &batch.folders {
        s.push_str(&format!(
            "；只在旧目录 {} 份，只在新目录 {} 份，未对照 {} 份",
            f.only_old.len(),
            f.only_new.len(),
            f.repeated.len() + f.unreadable.len()
        ));
    }
    s.push('。');
    s
}

/// Writes the result, never over one of the reports compared.
fn write(out: &Path, text: &str, batch: &Batch, force: bool) -> Result<(), Error> {
    let mut inputs: Vec<PathBuf> = Vec::new();
    for c in &batch.comparisons {
        inputs.push(c.old.file.clone());
        inputs.push(c.new.file.clone());
    }
    if let Some(f) = &batch.folders {
        for l in f
            .only_old
            .iter()
            .chain(&f.only_new)
            .chain(&f.repeated)
            .chain(&f.unreadable)
        {
            inputs.push(l.file.clone());
        }
    }
    if let Some(input) = files::clobbered_input(out, &inputs) {
        return Err(Error::usage(format!(
            "输出文件 {} 就是输入文件 {}，不能覆盖；请用 -o 另给文件名",
            out.display(),
            input.display()
        )));
    }
    if out.is_dir() {
        return Err(Error::usage(format!(
            "{} 是一个目录，请给出文件名",
            out.display()
        )));
    }
    files::write_new(out, text.as_bytes(), force).map_err(|e| Error::not_written(out, &e))
}
