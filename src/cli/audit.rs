//! `nianbao audit`: import and check many published reports, tabulate the
//! findings.

use std::path::PathBuf;

use rayon::prelude::*;

use super::{Error, Outcome, Status};
use crate::batch::audit::{self, Audited};
use crate::batch::folder::FolderNotes;
use crate::batch::progress::Progress;
use crate::batch::roster::{self, Reconciled, Roster, Submission};
use crate::batch::summary::Encoding;
use crate::batch::walk::{self, Reading};

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

/// Runs the command.
pub(crate) fn run(args: Args) -> Outcome {
    let roster = args
        .roster
        .as_deref()
        .map(roster::read)
        .transpose()
        .map_err(Error::usage)?;
    let found = published(&args)?;
    for (dir, message) in &found.empty_dirs {
        eprintln!("nianbao: 注意：{}：{message}", dir.display());
    }
    for (dir, reason) in &found.unreadable_dirs {
        eprintln!(
            "nianbao: 错误：{}：无法读取目录：{reason}（其中的报告未审查）",
            dir.display()
        );
    }
    for note in &found.skipped {
        eprintln!("nianbao: 注意：{}", crate::diag::visible(note));
    }
    let mut notes = passed_over(&found);
    if found.files.is_empty() {
        return Err(Error::usage("没有找到要审查的年报文件"));
    }
    let progress = Progress::new(found.files.len());
    let walked: Vec<_> = found.walked().collect();
    let all: Vec<Audited> = walked
        .par_iter()
        .map(|&(p, seen)| {
            let a = std::panic::catch_unwind(|| audit::audit(p, seen)).unwrap_or_else(|_| {
                Audited::unread(
                    p.display().to_string(),
                    Some("内部错误，此文件未审查（请报告此问题）".into()),
                )
            });
            progress.tick();
            a
        })
        .collect();
    progress.finish();
    let mut all = all;
    audit::cross_year(&mut all);
    if let Some(roster) = roster {
        notes.roster = Some(apply_roster(&mut all, roster));
    }

    let mut outputs: Vec<(PathBuf, Vec<u8>)> = vec![
        (
            PathBuf::from("summary.csv"),
            args.encoding.encode(&audit::csv(&all, &notes)),
        ),
        (
            PathBuf::from("summary.xlsx"),
            crate::xlsx::table_workbook("审查汇总", &audit::cells(&all, &notes)),
        ),
        (
            PathBuf::from("summary.html"),
            audit::summary_html(&all, &notes).into_bytes(),
        ),
    ];
    for (i, a) in all.iter().enumerate() {
        outputs.push((
            PathBuf::from(audit::page_name(i)),
            audit::report_html(a).into_bytes(),
        ));
    }
    for (rel, _) in &outputs {
        let path = args.output.join(rel);
        if let Some(input) = crate::files::clobbered_input(&path, &found.files) {
            return Err(Error::usage(format!(
                "输出文件 {} 就是输入文件 {}，不能覆盖；请用 -o 另选输出目录",
                path.display(),
                input.display()
            )));
        }
    }
    // The run is written whole into a fresh folder and swapped in: no stale
    // pages of an earlier run, no new summary linking to old pages.
    let kept =
        crate::files::write_folder(&args.output, &outputs, args.force).map_err(|e| match e {
            crate::files::FolderError::Io(..) => Error::io(e.to_string()),
            _ => Error::usage(format!("{e}（或加 --force：原目录改名保留）")),
        })?;
    if let Some(kept) = kept {
        eprintln!(
            "nianbao: 注意：原来的 {} 已改名为 {} 保留",
            args.output.display(),
            kept.display()
        );
    }
    let (with_errors, unread, failed) = crate::batch::audit::counts(&all);
    eprintln!(
        "已审查 {} 份报告：{with_errors} 份报告本身有错误，{unread} 份有未能读取的内容（请核对原文），{failed} 份无法导入。结果在 {}（summary.html、summary.csv）",
        all.len(),
        args.output.display()
    );
    if failed > 0 || with_errors > 0 {
        Ok(Status::Errors)
    } else {
        Ok(Status::Clean)
    }
}

/// The published reports of the paths given, without the pages of an
/// earlier run kept inside an input folder.
fn published(args: &Args) -> Result<walk::Found, Error> {
    let mut found = walk::expand_with(
        &args.files,
        audit::is_published,
        ".txt、.html、.htm、.docx、.pdf 或 .xlsx",
    )?;
    // The output folder of an earlier run, inside an input folder, holds
    // this tool's pages: never audit them as reports.
    if let Ok(out) = args.output.canonicalize() {
        found.retain(|f| {
            !f.canonicalize().is_ok_and(|f| f.starts_with(&out))
                && !f
                    .components()
                    .any(|c| c.as_os_str().to_string_lossy().contains(".nianbao-"))
        });
    }
    Ok(found)
}

/// The files of the folders not audited, said on stderr too.
fn passed_over(found: &walk::Found) -> FolderNotes {
    let notes = FolderNotes {
        passed_over: found
            .passed_over
            .iter()
            .map(|p| (p.display().to_string(), walk::advice(p, Reading::Published)))
            .collect(),
        ..FolderNotes::default()
    };
    for (file, why) in &notes.passed_over {
        eprintln!(
            "nianbao: 注意：未审查 {}：{why}",
            crate::diag::visible(file)
        );
    }
    notes
}

/// Holds the audited reports against `roster`: each one's remark set, the
/// account said on stderr and returned for the summary.
fn apply_roster(all: &mut [Audited], roster: Roster) -> (Roster, Reconciled) {
    let files: Vec<Submission> = all
        .iter()
        .map(|a| Submission {
            file: a.file.clone(),
            agency: a.agency.clone(),
            year: a.year_value,
            edition: a.edition,
        })
        .collect();
    let rec = roster::reconcile(&roster, &files, None);
    for (a, said) in all.iter_mut().zip(&rec.per_file) {
        a.roster.clone_from(said);
    }
    for line in rec.lines(&roster) {
        eprintln!("nianbao: 名单核对：{line}");
    }
    (roster, rec)
}
