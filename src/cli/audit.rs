//! `nianbao audit`: import and check many published reports, tabulate the
//! findings.

use std::path::PathBuf;

use super::progress::Stderr;
use super::{Outcome, Status};
use crate::batch::audit_run::{AuditOptions, audit_files};
use crate::batch::summary::Encoding;

/// Arguments of `nianbao audit`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
示例：
  nianbao audit 已公布/ -o 审查结果

输入：已公布的年报：文本（.txt）、网页（.html/.htm/.shtml）、Word 文档（.docx）、带文字层的 PDF 或 Excel/WPS 工作簿（.xlsx），目录中逐层查找。
输出：summary.csv 和内容相同的 summary.xlsx（每份报告一行：主要数字、主要问题（错误在前）和各规则代码的问题数）、
summary.html（可排序的表格和最常见问题的图表）和 reports/ 下每份报告的问题清单；不需联网即可打开。
目录中读不了的文件（.doc、.wps、图片等）列在汇总表末尾，注明原因和办法。")]
pub struct Args {
    /// 已公布的年报（文本、网页、.docx、PDF 或 .xlsx 文件）或目录，可以有多个
    #[arg(required = true, value_name = "文件或目录")]
    files: Vec<PathBuf>,
    /// 输出目录（不存在时自动创建）；每次审查整个重写，不留上次的页面
    #[arg(short, long, required = true, value_name = "目录")]
    output: PathBuf,
    /// 输出目录中已有不是 nianbao 写的文件时，仍写入：原目录改名保留（目录名后加“.原有-…”）
    #[arg(long)]
    force: bool,
    /// 应公开年报的单位名单（.txt 每行一个单位，或 .csv、.xlsx 中“单位名称”一列）：列出未找到、重复、年度或格式不符、名称与名单不一致的单位
    #[arg(long, value_name = "名单")]
    roster: Option<PathBuf>,
    /// summary.csv 的字符编码：utf-8（带 BOM，默认）或 gb18030（GBK）
    #[arg(long, value_enum, default_value = "utf-8", value_name = "编码")]
    encoding: Encoding,
}

impl Args {
    /// What to audit, as the library takes it.
    fn options(&self) -> AuditOptions {
        AuditOptions {
            files: self.files.clone(),
            output: self.output.clone(),
            force: self.force,
            roster: self.roster.clone(),
            encoding: self.encoding,
        }
    }
}

/// Runs the command.
pub(crate) fn run(args: Args) -> Outcome {
    let audits = audit_files(&args.options(), &Stderr::default())?;
    if let Some(kept) = &audits.kept {
        eprintln!(
            "nianbao: 注意：原来的 {} 已改名为 {} 保留",
            args.output.display(),
            kept.display()
        );
    }
    let (with_errors, unread, failed) = crate::batch::audit::counts(&audits.all);
    eprintln!(
        "已审查 {} 份报告：{with_errors} 份报告本身有错误，{unread} 份有未能读出的部分（请核对原文，不算报告的错误），{failed} 份无法导入。结果在 {}（summary.html、summary.csv）",
        audits.all.len(),
        args.output.display()
    );
    if failed > 0 || with_errors > 0 {
        Ok(Status::Errors)
    } else {
        Ok(Status::Clean)
    }
}
