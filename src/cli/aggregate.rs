//! `nianbao aggregate`: one data file summing the tables of many.

use std::path::{Path, PathBuf};

use super::{Error, Outcome, Status};
use crate::batch::aggregate::{self, Sources};
use crate::batch::roster::{self, Submission};
use crate::batch::walk::{self, Reading};
use crate::check::{Checked, check_walked};
use crate::diag::{excerpt, visible};
use crate::files;

/// Arguments of `nianbao aggregate`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
示例：
  nianbao aggregate 各部门/ --agency 淄博市张店区人民政府 -o 2024-张店区.yaml

汇总多数来源所属的年度（或 --year 指定的年度）；其他年度的文件、以前汇总出的文件、机关就是
--agency 的文件列出，不计入。无法读取或格式版本不对的来源一次全部列出；有错误的来源和
重复的机关须加 --force 才汇总。某格在任一来源中未填（~）时，合计也写作 ~，文件开头注明来自哪些来源。")]
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
    /// 汇总的年度（默认：多数来源所属的年度）；其他年度的文件列出，不计入
    #[arg(long, value_name = "年份")]
    year: Option<i32>,
    /// 应报送单位的名单（.txt 每行一个单位，或 .csv、.xlsx 中“单位名称”一列）：汇总前列出未报送、重复报送、名称不一致的单位
    #[arg(long, value_name = "名单")]
    roster: Option<PathBuf>,
}

/// Runs the command.
pub(crate) fn run(args: Args) -> Outcome {
    let agency = crate::next_year::agency_name(&args.agency).map_err(Error::usage)?;
    let found = walked(&args.files)?;
    let roster = args
        .roster
        .as_deref()
        .map(roster::read)
        .transpose()
        .map_err(Error::usage)?;
    let mut checked: Vec<Checked> = Vec::new();
    let mut unreadable: Vec<String> = Vec::new();
    for (path, seen) in found.walked() {
        match check_walked(path, seen, None) {
            Ok(c) => checked.push(c),
            Err(e) => unreadable.push(e.to_string()),
        }
    }
    let result = aggregate::sources(&checked, agency, args.year);
    // Every source that stops the sum is named, all in one run.
    if !unreadable.is_empty() {
        return Err(unreadable_sources(unreadable, &result));
    }
    let Sources {
        sources,
        year,
        problems,
        set_aside,
    } = result?;
    for line in &set_aside {
        eprintln!("nianbao: 注意：未计入 {line}");
    }
    if let Some(roster) = &roster {
        print_roster(roster, &sources, year);
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

    let out = args
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("{year}-aggregate.yaml")));
    let out_dir = super::new::existing_dir(&out)?;
    let mut inputs: Vec<PathBuf> = found.files.clone();
    if let Some(p) = &args.prev {
        inputs.push(p.clone());
    }
    // Each source's last-year file (`上年数据`, relative to the source) is
    // someone's input too.
    for c in &checked {
        if let (Some(report), Some(dir)) = (&c.report, c.file.path.parent())
            && let Some(previous) = &report.previous
        {
            inputs.push(dir.join(&previous.value));
        }
    }
    if let Some(input) = files::clobbered_input(&out, &inputs) {
        return Err(Error::usage(format!(
            "输出文件 {} 就是输入文件 {}，不能覆盖；请用 -o 另给文件名",
            out.display(),
            input.display()
        )));
    }
    let previous = match &args.prev {
        None => None,
        Some(p) => Some(previous_path(p, &out_dir)?),
    };
    let (draft, unknown) = aggregate::sum(&sources, agency, previous.as_deref());
    if unknown.too_large > 0 {
        return Err(Error::input(format!(
            "未生成：有 {} 格的合计超过 {}，不像真实的件数（数据文件也不能这样写）；请核对各来源中过大的数字（nianbao check 各来源可找出）",
            unknown.too_large,
            crate::load::MAX_COUNT
        )));
    }
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

/// The error for sources that cannot be read, naming with them those
/// that cannot be summed.
fn unreadable_sources(
    mut lines: Vec<String>,
    result: &Result<Sources<'_>, aggregate::Refusal>,
) -> Error {
    if let Err(aggregate::Refusal::Blocked(more)) = result {
        lines.extend(more.iter().cloned());
    }
    Error::io(format!(
        "未汇总：{} 个来源无法读取或无法汇总：\n  {}",
        lines.len(),
        lines.join("\n  ")
    ))
}

/// The roster's account of the sources summed, on stderr.
fn print_roster(roster: &roster::Roster, sources: &[aggregate::Source<'_>], year: i32) {
    let files: Vec<Submission> = sources
        .iter()
        .map(|s| Submission {
            file: s.name.clone(),
            agency: s.report.agency.value.clone(),
            year: s.report.year.value,
            edition: Some(s.report.edition()),
        })
        .collect();
    for line in roster::reconcile(roster, &files, Some(year)).lines(roster) {
        eprintln!("nianbao: 名单核对：{line}");
    }
}

/// The data files of `files`, what was passed over said on stderr; a
/// folder that cannot be read stops the sum, which would be short.
fn walked(files: &[PathBuf]) -> Result<walk::Found, Error> {
    let found = walk::expand(files)?;
    for (dir, message) in &found.empty_dirs {
        eprintln!("nianbao: 注意：{}：{message}", dir.display());
    }
    if let Some((dir, reason)) = found.unreadable_dirs.first() {
        return Err(Error::io(format!(
            "未汇总：{}：无法读取目录：{reason}",
            dir.display()
        )));
    }
    for note in &found.skipped {
        eprintln!("nianbao: 注意：{}", visible(note));
    }
    for path in &found.passed_over {
        eprintln!(
            "nianbao: 注意：未读取 {}：{}",
            visible(&path.display().to_string()),
            walk::advice(path, Reading::DataFiles)
        );
    }
    if found.files.is_empty() {
        return Err(Error::usage("没有找到要汇总的数据文件"));
    }
    Ok(found)
}

/// `--prev` as written into the result: relative to the output's folder.
fn previous_path(prev: &Path, out_dir: &Path) -> Result<String, Error> {
    if !prev.is_file() {
        return Err(Error::usage(format!(
            "{}：上年数据文件不存在或不是文件",
            prev.display()
        )));
    }
    let (Ok(abs), Ok(dir)) = (prev.canonicalize(), out_dir.canonicalize()) else {
        return Err(Error::usage(format!(
            "{}：无法确定文件位置",
            prev.display()
        )));
    };
    Ok(super::new::relative_path(&abs, &dir))
}

fn write(out: &Path, bytes: &[u8], force: bool) -> Result<(), Error> {
    files::write_new(out, bytes, force).map_err(|e| Error::not_written(out, &e))
}
