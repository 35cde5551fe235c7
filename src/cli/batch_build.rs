//! `nianbao build` over several files or folders: the batch is built by
//! [`crate::batch::build_run`]; this prints how each file went and the
//! closing count.

use std::path::{Path, PathBuf};

use super::progress::Stderr;
use super::{Error, Outcome, Status};
use crate::batch::build_run::{BatchBuilt, Done, build_files};
use crate::build::BuildPlan;

/// Runs a batch build of `files` (data files and folders).
pub(super) fn run(plan: &BuildPlan, files: &[PathBuf]) -> Outcome {
    let built = build_files(plan, files, &Stderr::default())?;
    let status = print_results(&built, &plan.out_dir);
    let io = built.io_failures();
    if io > 0 {
        return Err(Error::io(format!(
            "{io} 个数据文件或目录因无法读取或写入而未生成（见上）"
        )));
    }
    Ok(status)
}

/// Prints what each file's build found, a line for each file that was not
/// built and the closing count; the status says whether all were built
/// cleanly.
fn print_results(built: &BatchBuilt, out_dir: &Path) -> Status {
    let mut done = 0;
    let mut drafts = 0;
    let mut failed = 0;
    let mut written = 0;
    for f in &built.files {
        eprint!("{}", f.findings);
        match &f.done {
            Done::Built { files, draft } => {
                done += 1;
                written += files;
                drafts += usize::from(*draft);
            }
            Done::Failed(why) | Done::Unreadable(why) => {
                failed += 1;
                eprintln!(
                    "nianbao: 错误：{}：{}",
                    crate::diag::visible(&f.file.display().to_string()),
                    crate::diag::visible(why)
                );
            }
        }
    }
    let mut line = format!(
        "{} 个数据文件：{done} 个已生成（共 {written} 个文件，在 {}）",
        built.files.len(),
        out_dir.display()
    );
    if drafts > 0 {
        line.push_str(&format!(
            "，其中 {drafts} 个是草稿（数据有错误，或 PDF 中有字体没有的字）"
        ));
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
