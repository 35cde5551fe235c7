//! `nianbao aggregate`: one data file summing the tables of many.

use std::path::PathBuf;

use super::progress::Stderr;
use super::{Outcome, Status};
use crate::batch::aggregate_run::{AggregateOptions, aggregate_files};
use crate::diag::excerpt;

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
    #[arg(long, value_name = "年份", value_parser = crate::model::parse_year)]
    year: Option<i32>,
    /// 应报送单位的名单（.txt 每行一个单位，或 .csv、.xlsx 中“单位名称”一列）：汇总前列出未报送、重复报送、名称不一致的单位
    #[arg(long, value_name = "名单")]
    roster: Option<PathBuf>,
    /// 同时写出汇总数字的图表网页（全县合计与各单位，与上年比较，每张图附数字表格）
    #[arg(long, value_name = "网页文件")]
    html: Option<PathBuf>,
}

impl Args {
    /// What to sum, as the library takes it.
    fn options(&self) -> AggregateOptions {
        AggregateOptions {
            files: self.files.clone(),
            agency: self.agency.clone(),
            output: self.output.clone(),
            prev: self.prev.clone(),
            force: self.force,
            year: self.year,
            roster: self.roster.clone(),
            html: self.html.clone(),
            page: Some(crate::compare::html::sum_page),
        }
    }
}

/// Runs the command.
pub(crate) fn run(args: Args) -> Outcome {
    let sum = aggregate_files(&args.options(), &Stderr::default())?;
    eprintln!(
        "已生成 {}：{} 个来源之和，{}{}年度。",
        sum.out.display(),
        sum.sources,
        excerpt(&sum.agency),
        sum.year
    );
    if sum.unknown_cells > 0 {
        eprintln!(
            "有 {} 格因来源未填而无法合计，仍写作 ~（见文件开头的说明）",
            sum.unknown_cells
        );
    }
    if let Some(html) = &args.html {
        eprintln!("图表网页：{}", html.display());
    }
    eprintln!(
        "填写成文日期和正文后运行：nianbao check {}",
        sum.out.display()
    );
    Ok(Status::Clean)
}
