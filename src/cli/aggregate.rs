//! `nianbao aggregate`: one data file summing the tables of many.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{Error, Outcome, Status};
use crate::batch::aggregate::{self, Source};
use crate::batch::walk;
use crate::check::{Checked, check_path};
use crate::diag::{excerpt, visible};
use crate::output;

/// Arguments of `nianbao aggregate`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
示例：
  nianbao aggregate 各部门/ --agency 淄博市张店区人民政府 -o 2024-张店区.yaml

各来源须为同一年度、同一格式；有错误的来源和重复的机关须加 --force 才汇总。
某格在任一来源中未填（~）时，合计也写作 ~，文件开头注明来自哪些来源。")]
pub struct Args {
    /// 要汇总的数据文件（YAML）或目录，可以有多个
    #[arg(required = true, value_name = "文件或目录")]
    files: Vec<PathBuf>,
    /// 汇总报告的机关名称，如 淄博市张店区人民政府
    #[arg(long, required = true, value_name = "机关名称")]
    agency: String,
    /// 输出的数据文件（默认：当前目录下的 <年度>-aggregate.yaml）
    #[arg(short, long, value_name = "文件")]
    output: Option<PathBuf>,
    /// 汇总报告的上年数据文件，写入“上年数据”，用于跨年度检查
    #[arg(long, value_name = "上年文件")]
    prev: Option<PathBuf>,
    /// 来源有错误或机关重复时仍然汇总；输出文件已存在时覆盖
    #[arg(long)]
    force: bool,
}

/// Runs the command.
pub(crate) fn run(args: Args) -> Outcome {
    let agency = args.agency.trim();
    if agency.is_empty()
        || agency
            .chars()
            .any(|c| c.is_control() || crate::diag::is_hidden(c))
    {
        return Err(Error::usage("机关名称为空或含有控制字符"));
    }
    if agency.chars().count() > crate::load::MAX_AGENCY_CHARS {
        return Err(Error::usage(format!(
            "机关名称过长，不应超过 {} 个字",
            crate::load::MAX_AGENCY_CHARS
        )));
    }
    let found = walk::expand(&args.files).map_err(Error::usage)?;
    for (dir, message) in &found.empty_dirs {
        eprintln!("nianbao: 注意：{}：{message}", dir.display());
    }
    for note in &found.skipped {
        eprintln!("nianbao: 注意：{}", visible(note));
    }
    if found.files.is_empty() {
        return Err(Error::usage("没有找到要汇总的数据文件"));
    }
    let mut checked: Vec<Checked> = Vec::new();
    for path in &found.files {
        checked.push(check_path(path, None)?);
    }
    // Inputs that are not reports, or have errors.
    let mut problems: Vec<String> = Vec::new();
    for c in &checked {
        match &c.report {
            None => {
                return Err(Error::input(format!(
                    "{} 无法读取为年报数据（运行 nianbao check 查看），没有汇总",
                    visible(&c.file.name())
                )));
            }
            Some(_) if c.errors() > 0 => problems.push(format!(
                "{} 有 {} 个错误",
                visible(&c.file.name()),
                c.errors()
            )),
            Some(_) => {}
        }
    }
    let reports: Vec<(&Checked, &crate::model::Report)> = checked
        .iter()
        .filter_map(|c| c.report.as_ref().map(|r| (c, r)))
        .collect();
    // One year and one edition.
    let (first_c, first) = reports[0];
    for (c, r) in &reports {
        if r.year.value != first.year.value {
            return Err(Error::input(format!(
                "年度不一致：{} 是 {} 年度，{} 是 {} 年度；只能汇总同一年度的报告",
                visible(&first_c.file.name()),
                first.year.value,
                visible(&c.file.name()),
                r.year.value
            )));
        }
        if r.edition() != first.edition() {
            return Err(Error::input(format!(
                "格式不一致：{} 是 {} 版格式，{} 是 {} 版格式；只能汇总同一格式的报告",
                visible(&first_c.file.name()),
                first.edition(),
                visible(&c.file.name()),
                r.edition()
            )));
        }
    }
    if first.year.value == 0 {
        return Err(Error::input("来源的年度无法确定，没有汇总"));
    }
    if first.edition() != crate::model::Edition::for_year(i64::from(first.year.value)) {
        return Err(Error::input(format!(
            "{} 年度应使用 {} 版格式，来源用的是 {} 版；请先改正来源",
            first.year.value,
            crate::model::Edition::for_year(i64::from(first.year.value)),
            first.edition()
        )));
    }
    // The same agency twice would be counted twice.
    let mut by_agency: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (c, r) in &reports {
        by_agency
            .entry(r.agency.value.trim())
            .or_default()
            .push(c.file.name());
    }
    for (name, files) in &by_agency {
        if files.len() > 1 {
            problems.push(format!(
                "机关“{}”出现 {} 次：{}",
                excerpt(name),
                files.len(),
                files
                    .iter()
                    .map(|f| visible(f).into_owned())
                    .collect::<Vec<_>>()
                    .join("、")
            ));
        }
    }
    if !problems.is_empty() {
        let list = problems.join("\n  ");
        if !args.force {
            return Err(Error::input(format!(
                "来源有问题，没有汇总（改正后重试，或加 --force 仍然汇总）：\n  {list}"
            )));
        }
        eprintln!("nianbao: 警告：按 --force 仍然汇总：\n  {list}");
    }

    let year = first.year.value;
    let out = args
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("{year}-aggregate.yaml")));
    let out_dir = super::new::existing_dir(&out)?;
    let mut inputs: Vec<PathBuf> = found.files.clone();
    if let Some(p) = &args.prev {
        inputs.push(p.clone());
    }
    if let Some(input) = output::clobbered_input(&out, &inputs) {
        return Err(Error::usage(format!(
            "输出文件 {} 就是输入文件 {}，不能覆盖；请用 -o 另给文件名",
            out.display(),
            input.display()
        )));
    }
    let previous = match &args.prev {
        None => None,
        Some(p) => {
            if !p.is_file() {
                return Err(Error::usage(format!(
                    "{}：上年数据文件不存在或不是文件",
                    p.display()
                )));
            }
            let (Ok(abs), Ok(dir)) = (p.canonicalize(), out_dir.canonicalize()) else {
                return Err(Error::usage(format!("{}：无法确定文件位置", p.display())));
            };
            Some(super::new::relative_path(&abs, &dir))
        }
    };
    let sources: Vec<Source<'_>> = reports
        .iter()
        .map(|(c, r)| Source {
            name: c.file.name(),
            report: r,
        })
        .collect();
    let (draft, unknown) = aggregate::sum(&sources, agency, previous.as_deref());
    write(&out, draft.text().as_bytes(), args.force)?;
    eprintln!(
        "已生成 {}：{} 个来源之和，{}{}年度。",
        out.display(),
        sources.len(),
        excerpt(agency),
        year
    );
    if unknown.cells > 0 {
        eprintln!(
            "有 {} 格因来源未填而无法合计，仍写作 ~（见文件开头的说明）",
            unknown.cells
        );
    }
    eprintln!("填写成文日期和正文后运行：nianbao check {}", out.display());
    Ok(Status::Clean)
}

fn write(out: &Path, bytes: &[u8], force: bool) -> Result<(), Error> {
    output::write_new(out, bytes, force).map_err(|e| Error::not_written(out, &e))
}
