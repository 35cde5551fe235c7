//! `nianbao build` over several files or folders: every data file checked
//! and rendered in parallel (rayon), fonts and templates loaded once, a bad
//! file reported and skipped without stopping the others.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{Error, Outcome, Status};
use crate::batch::progress::Progress;
use crate::batch::walk;
use crate::build::{self, BuildPlan, output_stem};
use crate::check::check_walked;
use crate::diag::human;
use crate::files::FileId;
use crate::render::pdf;

/// How one file of the batch went.
enum Done {
    /// Written; `draft` when it was written as a draft with errors.
    Built { files: usize, draft: bool },
    /// Not written, with the reason.
    Failed(String),
    /// Not written because a file could not be read or written (exit 2).
    Unreadable(String),
}

/// What one file's build printed and how it went.
struct FileResult {
    report: String,
    done: Done,
}

/// Runs a batch build of `files` (data files and folders).
pub(super) fn run(plan: &BuildPlan, files: &[PathBuf]) -> Outcome {
    let found = walk::expand(files)?;
    for (dir, message) in &found.empty_dirs {
        eprintln!("nianbao: 注意：{}：{message}", dir.display());
    }
    for path in &found.passed_over {
        eprintln!(
            "nianbao: 注意：未读取 {}：{}",
            crate::diag::visible(&path.display().to_string()),
            walk::advice(path, walk::Reading::DataFiles)
        );
    }
    for (dir, reason) in &found.unreadable_dirs {
        eprintln!(
            "nianbao: 错误：{}：无法读取目录：{reason}（其中的文件未生成）",
            dir.display()
        );
    }
    for note in &found.skipped {
        eprintln!("nianbao: 注意：{}", crate::diag::visible(note));
    }
    if found.files.is_empty() {
        return Err(Error::usage("没有找到要生成的数据文件"));
    }
    // A batch asked for PDFs needs fonts for all of them: stop before any.
    let fonts = plan.load_fonts().map_err(|e| {
        Error::usage(format!(
            "未生成任何文件：{e}（可去掉 pdf 格式只生成其他格式）"
        ))
    })?;
    let tera = plan.load_templates()?;

    // Output folders mirror the input folders; two inputs that would write
    // the same name are refused, never left to overwrite each other.
    let mut claimed: BTreeMap<PathBuf, &Path> = BTreeMap::new();
    let mut jobs: Vec<(&Path, Option<FileId>, PathBuf, Option<String>)> = Vec::new();
    for ((file, seen), sub) in found.walked().zip(&found.subdirs) {
        let dir = plan.out_dir.join(sub);
        let key = dir.join(stem(plan, file, seen));
        let clash = claimed.get(&key).map(|first| {
            format!(
                "输出文件名与 {} 相同（都是 {}.*），未生成；请改名或分开生成",
                first.display(),
                key.display()
            )
        });
        claimed.entry(key).or_insert(file);
        jobs.push((file, seen, dir, clash));
    }

    let progress = Progress::new(jobs.len());
    let results: Vec<FileResult> = jobs
        .par_iter()
        .map(|(file, seen, dir, clash)| {
            let r = match clash {
                Some(why) => FileResult {
                    report: String::new(),
                    done: Done::Failed(why.clone()),
                },
                None => std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    build_file(plan, (file, *seen), dir, &tera, fonts.as_ref())
                }))
                .unwrap_or_else(|_| FileResult {
                    report: String::new(),
                    done: Done::Failed("内部错误，此文件未生成（请报告此问题）".into()),
                }),
            };
            progress.tick();
            r
        })
        .collect();
    progress.finish();
    let files: Vec<&Path> = jobs.iter().map(|(file, _, _, _)| *file).collect();
    let status = print_results(&files, &results, &plan.out_dir);
    let io = results
        .iter()
        .filter(|r| matches!(r.done, Done::Unreadable(_)))
        .count()
        + found.unreadable_dirs.len();
    if io > 0 {
        return Err(Error::io(format!(
            "{io} 个数据文件或目录因无法读取或写入而未生成（见上）"
        )));
    }
    Ok(status)
}

/// The name of `file`'s outputs as the plan names them; for names by
/// agency the file is read here, before the builds, so that two files of
/// the same agency are seen to clash.
fn stem(plan: &BuildPlan, file: &Path, seen: Option<FileId>) -> String {
    if plan.name_by_agency
        && let Ok(loaded) = crate::load::load_walked(file, seen)
        && let Some(report) = &loaded.report
    {
        return plan.stem(file, report);
    }
    output_stem(file)
}

/// Prints what each file's build printed, a line for each file that was not
/// built and the closing count; the status says whether all were built
/// cleanly.
fn print_results(files: &[&Path], results: &[FileResult], out_dir: &Path) -> Status {
    let mut built = 0;
    let mut drafts = 0;
    let mut failed = 0;
    let mut written = 0;
    for (file, r) in files.iter().zip(results) {
        eprint!("{}", r.report);
        match &r.done {
            Done::Built { files, draft } => {
                built += 1;
                written += files;
                drafts += usize::from(*draft);
            }
            Done::Failed(why) | Done::Unreadable(why) => {
                failed += 1;
                eprintln!(
                    "nianbao: 错误：{}：{}",
                    crate::diag::visible(&file.display().to_string()),
                    crate::diag::visible(why)
                );
            }
        }
    }
    let mut line = format!(
        "{} 个数据文件：{built} 个已生成（共 {written} 个文件，在 {}）",
        files.len(),
        out_dir.display()
    );
    if drafts > 0 {
        line.push_str(&format!("，其中 {drafts} 个是有错误的草稿"));
    }
    if failed > 0 {
        line.push_str(&format!("，{failed} 个未生成"));
    }
    eprintln!("{line}");
    if failed > 0 || drafts > 0 {
        Status::Errors
    } else {
        Status::Clean
    }
}

/// Checks and renders one file of the batch; never panics the batch.
fn build_file(
    plan: &BuildPlan,
    (file, seen): (&Path, Option<FileId>),
    dir: &Path,
    tera: &crate::render::templates::Templates,
    fonts: Option<&pdf::Fonts>,
) -> FileResult {
    let mut report = String::new();
    let fail = |report: String, why: String| FileResult {
        report,
        done: Done::Failed(why),
    };
    let unreadable = |report: String, why: String| FileResult {
        report,
        done: Done::Unreadable(why),
    };
    let mut checked = match check_walked(file, seen, None) {
        Ok(c) => c,
        Err(e) => return unreadable(report, e.message),
    };
    if let (Some(fonts), Some(r)) = (fonts, &checked.report) {
        checked
            .diagnostics
            .extend(pdf::glyph_warnings(r, &checked.file, fonts));
        crate::diag::sort(&mut checked.diagnostics);
    }
    let errors = checked.errors();
    let warnings = checked.warnings();
    if errors > 0 {
        // Warnings of the files that build are left to `check`: a batch
        // would drown the errors in them.
        for d in &checked.diagnostics {
            report.push_str(&human::render(d, Some(&checked.file), false));
            report.push('\n');
        }
    }
    let Some(data) = &checked.report else {
        return fail(report, "数据文件无法读取为年报，未生成".into());
    };
    if errors > 0 && !plan.draft {
        return fail(
            report,
            format!("数据有 {errors} 个错误，未生成（修改后重试，或加 --draft 生成草稿）"),
        );
    }
    let draft = plan.draft_stamp(errors, warnings);
    let outputs = match plan.render(file, data, draft, tera, fonts, dir) {
        Ok(o) => o,
        Err(e) => return fail(report, e.to_string()),
    };
    if let Err(e) = build::write(dir, &outputs) {
        return unreadable(report, e.to_string());
    }
    FileResult {
        report,
        done: Done::Built {
            files: outputs.len(),
            draft: errors > 0,
        },
    }
}
