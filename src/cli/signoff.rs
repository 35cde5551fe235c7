//! `nianbao merge` (审签): the changes of a reviewed Word document listed
//! against the data file, and written into it with `--apply` (see
//! [`crate::signoff`] and [`crate::editing::signoff`]).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::{Error, Outcome, Status};
use crate::editing::signoff as write_back;
use crate::files;
use crate::signoff::{self, Change, Review, Version};

/// Output formats of `merge`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum MergeFormat {
    /// 供人阅读的清单
    Human,
    /// JSON（供其他程序读取）
    Json,
}

/// Arguments of `nianbao merge`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
示例：
  nianbao merge 2025.yaml 2025-审签.docx            # 列出审签稿中的改动，不写入
  nianbao merge 2025.yaml 2025-审签.docx --apply    # 把能写回的改动写入数据文件

审签稿是用 nianbao build --format docx 生成、再由审签人在 Word 或 WPS 中修订（可开启
“修订”留痕）和批注的文档。表格中的数字写回对应的单元格，正文的修改逐字写回对应的段落，
由占位符生成的数字写回表格；标题等固定文字的改动和只改格式的修订列出而不写回。
Word 文档记有它由哪一版数据生成：数据文件在生成之后又改过的地方列为“冲突”，不写入。
写入时只改动相应的值，数据文件中的注释和排版保持不变。")]
pub struct Args {
    /// 数据文件（.yaml）
    #[arg(value_name = "数据文件")]
    data: PathBuf,
    /// 审签后的 Word 文档（.docx）
    #[arg(value_name = "审签稿")]
    docx: PathBuf,
    /// 把能写回的改动写入数据文件（不加则只列出，不写入）
    #[arg(long)]
    apply: bool,
    /// 确认写入会改变机关名称的改动（落款、标题中的机关名称；不加时这些改动列出而不写入）
    #[arg(long = "rename-agency")]
    rename_agency: bool,
    /// 输出格式
    #[arg(long, value_name = "格式", default_value = "human")]
    format: MergeFormat,
}

/// Most bytes of a reviewed .docx read.
const MAX_DOCX: u64 = 64 * 1024 * 1024;

/// Runs the command.
pub(crate) fn run(args: Args) -> Outcome {
    let name = args.data.display().to_string();
    let bytes = crate::load::read_bytes(&args.data).map_err(|e| Error::io(e.to_string()))?;
    if crate::xlsx::is_workbook(&bytes) {
        return Err(Error::usage(format!(
            "{name} 是 Excel/WPS 工作簿，审签稿的改动只能写入数据文件（.yaml）：请先在工作台中把它转为数据文件"
        )));
    }
    // A data file that cannot be read exits 2, as docs/signoff.md says.
    let text = String::from_utf8(bytes)
        .map_err(|_| Error::io(format!("{name} 不是 UTF-8 编码的文本文件")))?;
    let loaded = crate::load::load_str(crate::source::SourceFile::new(&name, text.as_str()));
    let report = loaded.report.ok_or_else(|| {
        Error::io(format!(
            "{name} 无法读取为年报：请先运行 nianbao check {name} 修正"
        ))
    })?;
    let docx = files::read_limited(&args.docx, MAX_DOCX, "审签稿")
        .map_err(|e| Error::io(e.to_string()))?;
    let review = signoff::review(&report, &docx).map_err(|e| Error::in_file(&args.docx, e))?;
    if let Some(why) = &review.refusal {
        return Err(Error::in_file(&args.docx, why));
    }
    let before = write_back::diagnostics(&name, &text);
    // What --apply writes: every change that needs no asking, and the
    // renames of the agency when confirmed (--rename-agency).
    let chosen: Vec<&Change> = review
        .changes
        .iter()
        .filter(|c| c.writable() || (args.rename_agency && c.confirmable()))
        .collect();
    // Worked out on all of them written together.
    let (findings, together) =
        write_back::findings_together(&name, &text, &review.changes, &chosen, &before);
    let applied = if args.apply {
        Some(apply(&args.data, &name, &text, &chosen)?)
    } else {
        None
    };
    match args.format {
        MergeFormat::Json => {
            let value = serde_json::json!({
                "review": review,
                "findings": findings,
                "together": together,
                "written": applied.as_ref().map(|a| a.written.clone()),
                "failed": applied.as_ref().map(|a| a.failed.clone()),
            });
            println!("{value:#}");
        }
        MergeFormat::Human => print!(
            "{}",
            human(
                &args.docx,
                &review,
                (&findings, &together),
                applied.as_ref(),
                args.rename_agency
            )
        ),
    }
    let conflicts = review.changes.iter().any(|c| c.conflict.is_some());
    Ok(if conflicts {
        Status::Errors
    } else {
        Status::Clean
    })
}

/// Writes the writable changes into the data file at `path`, atomically.
fn apply(
    path: &Path,
    name: &str,
    text: &str,
    chosen: &[&Change],
) -> Result<write_back::Applied, Error> {
    let applied = write_back::apply(name, text, chosen).map_err(|e| Error::input(e.0))?;
    if applied.text.len() as u64 > crate::load::MAX_FILE_SIZE {
        return Err(Error::input(format!(
            "写入审签稿的改动后，{name} 将超过数据文件的上限 {} MB，未写入：请核对审签稿中过长的内容",
            crate::load::MAX_FILE_SIZE / 1024 / 1024
        )));
    }
    if applied.text != text {
        files::write_atomic(path, applied.text.as_bytes())
            .map_err(|e| Error::io(format!("无法写入 {name}：{}", files::io_message(&e))))?;
    }
    Ok(applied)
}

/// The list for people.
fn human(
    docx: &Path,
    review: &Review,
    (findings, together): (&[Vec<String>], &[String]),
    applied: Option<&write_back::Applied>,
    renaming: bool,
) -> String {
    let mut out = String::new();
    let version = match review.version {
        Version::Same => "由当前数据生成",
        Version::Changed => "生成之后数据文件又改过，改过的地方列为冲突",
        Version::Unknown => "未记录由哪一版数据生成（不是本工具生成的，或由旧版本生成）",
    };
    let _ = writeln!(out, "审签稿 {}：{version}", docx.display());
    let _ = writeln!(
        out,
        "改动 {} 处，批注 {} 条（文档中共有修订 {} 处）。",
        review.changes.len(),
        review.comments.len(),
        review.revisions
    );
    for (c, found) in review.changes.iter().zip(findings) {
        change(&mut out, c, found);
    }
    if !review.comments.is_empty() {
        out.push_str("\n批注：\n");
    }
    for c in &review.comments {
        let reply = c.comment.parent.as_ref().map_or("", |_| "（回复）");
        let _ = writeln!(
            out,
            "  {}{reply} {} 于 {}：“{}”——{}",
            c.comment.author, c.comment.when, c.place, c.comment.anchor, c.comment.text
        );
    }
    if !together.is_empty() {
        out.push_str("\n写入这些改动后（一起计算）还会出现：\n");
        for f in together {
            let _ = writeln!(out, "  {f}");
        }
    }
    out.push('\n');
    let to_confirm = review
        .changes
        .iter()
        .filter(|c| c.confirm.is_some() && c.confirmable())
        .count();
    if to_confirm > 0 && !renaming {
        let _ = writeln!(
            out,
            "其中 {to_confirm} 处会改变机关名称，须确认：加 --rename-agency 才写入。"
        );
    }
    let writable = review.changes.iter().filter(|c| c.writable()).count();
    match applied {
        None if writable == 0 && review.version == Version::Changed => out.push_str(
            "没有需要写回的改动：数据文件已包含这份审签稿中能写回的全部改动（列出的只供核对）。\n",
        ),
        None if writable == 0 => out.push_str("没有需要写回的改动。\n"),
        None => {
            let _ = writeln!(
                out,
                "未写入任何内容；加 --apply 写入其中能写回的 {writable} 处改动。"
            );
        }
        Some(a) => {
            let _ = writeln!(out, "已写入 {} 处改动。", a.written.len());
            for (id, why) in &a.failed {
                let _ = writeln!(out, "第 {id} 处未写入：{why}");
            }
        }
    }
    out
}

/// One change, for people.
fn change(out: &mut String, c: &Change, findings: &[String]) {
    let target = c.edit.path().map_or(String::new(), |p| format!(" → {p}"));
    let _ = writeln!(out, "\n[{}] {}{target}", c.id, c.place);
    let mut who: Vec<String> = c
        .revisions
        .iter()
        .map(|r| format!("{} {}（{}）", r.author, r.when, r.kind.chinese()))
        .collect();
    who.dedup();
    if who.is_empty() {
        out.push_str("    未留修订痕迹的修改\n");
    } else {
        let _ = writeln!(out, "    {}", who.join("；"));
    }
    let indent = |t: &str| t.replace('\n', "\n          ");
    if side_by_side(c) {
        let _ = writeln!(out, "    原文：{}", indent(&c.before));
        let _ = writeln!(out, "    改为：{}", indent(&c.after));
    } else {
        // A paragraph: the characters changed, marked in place.
        let _ = writeln!(out, "    改动：{}", signoff::marked::inline(&c.marked));
    }
    if let Some(why) = &c.confirm {
        let _ = writeln!(out, "    须确认：{why}");
    }
    for f in findings {
        let _ = writeln!(out, "    写入后会出现：{f}");
    }
    if let Some(p) = &c.problem {
        let _ = writeln!(out, "    不写回：{p}");
    }
    if let Some(p) = &c.conflict {
        let _ = writeln!(out, "    冲突：{p}");
    }
}

/// Whether a change reads best as before and after (a figure, a date, a
/// name: short, one line, or nothing changed), not marked in place.
fn side_by_side(c: &Change) -> bool {
    let short = |t: &str| t.chars().count() <= 20 && !t.contains('\n');
    (short(&c.before) && short(&c.after)) || c.before == c.after
}
