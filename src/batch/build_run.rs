//! `build` over several files or folders: every data file checked and
//! rendered in parallel (rayon), fonts and templates loaded once, output
//! folders mirroring the input folders, a bad file reported and skipped
//! without stopping the others. The caller prints how each went.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::progress::{Note, Observer};
use super::walk::{self, Found};
use crate::build::{self, BuildPlan, output_stem};
use crate::check::check_walked;
use crate::diag::{codes, human, visible};
use crate::files::FileId;
use crate::render::typeset::{self, Fonts};
use crate::stop::Stop;

/// How one file of the batch went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Done {
    /// Written; `draft` when it was written as a draft.
    Built {
        /// How many files were written.
        files: usize,
        /// Whether it was written as a draft: with errors, or with a PDF
        /// showing characters no font has.
        draft: bool,
    },
    /// Not written, with the reason.
    Failed(String),
    /// Not written because a file could not be read or written.
    Unreadable(String),
}

/// How one data file's build went.
#[derive(Debug, Clone)]
pub struct FileBuilt {
    /// The data file.
    pub file: PathBuf,
    /// Its errors and warnings, rendered as text (no colour), when it has
    /// errors; empty otherwise.
    pub findings: String,
    /// How it went.
    pub done: Done,
}

/// How the batch went.
#[derive(Debug, Clone, Default)]
pub struct BatchBuilt {
    /// Every data file, in the order found.
    pub files: Vec<FileBuilt>,
    /// How many folders could not be read (their files were not built).
    pub unreadable_dirs: usize,
}

impl BatchBuilt {
    /// How many files or folders were not built because something could
    /// not be read or written.
    pub fn io_failures(&self) -> usize {
        self.files
            .iter()
            .filter(|f| matches!(f.done, Done::Unreadable(_)))
            .count()
            + self.unreadable_dirs
    }
}

/// Builds every data file of `files` as `plan` says; what the walk passed
/// over is told to `observer` as it is found. Stops before any file when
/// none is found, or the fonts or templates cannot be loaded.
pub fn build_files(
    plan: &BuildPlan,
    files: &[PathBuf],
    observer: &dyn Observer,
) -> Result<BatchBuilt, Stop> {
    let found = walk::expand(files)?;
    tell_walk(&found, observer);
    if found.files.is_empty() {
        return Err(Stop::usage("没有找到要生成的数据文件"));
    }
    // A batch asked for PDFs needs fonts for all of them: stop before any.
    let fonts = plan.load_fonts().map_err(|e| {
        Stop::usage(format!(
            "未生成任何文件：{e}（可去掉 pdf、ofd 格式只生成其他格式）"
        ))
    })?;
    let tera = plan
        .load_templates()
        .map_err(|e| Stop::usage(e.to_string()))?;
    let jobs = jobs(plan, &found);
    observer.start(jobs.len());
    let built: Vec<FileBuilt> = jobs
        .par_iter()
        .map(|job| {
            let done = match &job.clash {
                Some(why) => FileBuilt {
                    file: job.file.to_path_buf(),
                    findings: String::new(),
                    done: Done::Failed(why.clone()),
                },
                None => std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    build_file(plan, job, &tera, fonts.as_ref())
                }))
                .unwrap_or_else(|_| FileBuilt {
                    file: job.file.to_path_buf(),
                    findings: String::new(),
                    done: Done::Failed("内部错误，此文件未生成（请报告此问题）".into()),
                }),
            };
            observer.tick();
            done
        })
        .collect();
    observer.finish();
    Ok(BatchBuilt {
        files: built,
        unreadable_dirs: found.unreadable_dirs.len(),
    })
}

/// Tells what the walk passed over.
fn tell_walk(found: &Found, observer: &dyn Observer) {
    for (dir, message) in &found.empty_dirs {
        observer.note(Note::Notice(format!("{}：{message}", dir.display())));
    }
    for path in &found.passed_over {
        observer.note(Note::Notice(format!(
            "未读取 {}：{}",
            visible(&path.display().to_string()),
            walk::advice(path, walk::Reading::DataFiles)
        )));
    }
    found.tell_unread(observer, "其中的文件未生成");
}

/// One file to build: where its outputs go, or why not.
struct Job<'a> {
    file: &'a Path,
    seen: Option<FileId>,
    dir: PathBuf,
    /// Another file writes the same names: not built, and why.
    clash: Option<String>,
}

/// The files found with their output folders, which mirror the input
/// folders; two inputs that would write the same name are refused, never
/// left to overwrite each other.
fn jobs<'a>(plan: &BuildPlan, found: &'a Found) -> Vec<Job<'a>> {
    let mut claimed: BTreeMap<PathBuf, &Path> = BTreeMap::new();
    let mut jobs = Vec::new();
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
        jobs.push(Job {
            file,
            seen,
            dir,
            clash,
        });
    }
    jobs
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

/// Checks and renders one file of the batch.
fn build_file(
    plan: &BuildPlan,
    job: &Job<'_>,
    tera: &crate::render::templates::Templates,
    fonts: Option<&Fonts>,
) -> FileBuilt {
    let mut findings = String::new();
    let end = |findings: String, done: Done| FileBuilt {
        file: job.file.to_path_buf(),
        findings,
        done,
    };
    let mut checked = match check_walked(job.file, job.seen, None) {
        Ok(c) => c,
        Err(e) => return end(findings, Done::Unreadable(e.message)),
    };
    // A report with characters the shared fonts lack gets its own copy of
    // them with installed faces added for those (per-character fallback).
    let own_fonts = match (fonts, &checked.report) {
        (Some(f), Some(r)) => {
            let chars = typeset::report_chars(r);
            (!f.uncovered(&chars).is_empty()).then(|| {
                let mut own = f.clone();
                own.cover(&chars);
                own
            })
        }
        _ => None,
    };
    let fonts = own_fonts.as_ref().or(fonts);
    if let Some(r) = &checked.report {
        // Without a PDF, the default fonts say what no face has: the web
        // page and the Word document are drafts too.
        let glyphs = match fonts {
            Some(fonts) => typeset::glyph_warnings(r, &checked.file, fonts),
            None => typeset::default_glyph_warnings(r, &checked.file),
        };
        checked.diagnostics.extend(glyphs);
        crate::build::drop_printed_zaozi(&mut checked, plan.fonts.zaozi.as_deref());
        crate::diag::sort(&mut checked.diagnostics);
    }
    let errors = checked.errors();
    // Characters no font has leave boxes in the PDF, which is then marked
    // 草稿 (unless accepted): say which, as for errors.
    let boxes =
        !plan.accept_missing_glyphs && checked.diagnostics.iter().any(|d| d.code == codes::GLYPH);
    if errors == 0 && boxes {
        for d in checked
            .diagnostics
            .iter()
            .filter(|d| d.code == codes::GLYPH)
        {
            findings.push_str(&human::render(d, Some(&checked.file), false));
            findings.push('\n');
        }
    }
    if errors > 0 {
        // Warnings of the files that build are left to `check`: a batch
        // would drown the errors in them.
        for d in &checked.diagnostics {
            findings.push_str(&human::render(d, Some(&checked.file), false));
            findings.push('\n');
        }
    }
    let Some(data) = &checked.report else {
        return end(
            findings,
            Done::Failed("数据文件无法读取为年报，未生成".into()),
        );
    };
    if errors > 0 && !plan.draft {
        return end(
            findings,
            Done::Failed(format!(
                "数据有 {errors} 个错误，未生成（修改后重试，或加 --draft 生成草稿）"
            )),
        );
    }
    let draft = plan.draft_for(&checked.diagnostics, false);
    let outputs = match plan.render(job.file, data, draft, tera, fonts, &job.dir) {
        Ok(o) => o,
        Err(e) => return end(findings, Done::Failed(e.to_string())),
    };
    if let Err(e) = build::write(&job.dir, &outputs) {
        return end(findings, Done::Unreadable(e.to_string()));
    }
    end(
        findings,
        Done::Built {
            files: outputs.len(),
            draft: errors > 0 || boxes,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::layout::page::PageNumbers;

    #[test]
    fn io_failures_count_unreadable_files_and_folders() {
        let built = BatchBuilt {
            files: vec![
                FileBuilt {
                    file: "a.yaml".into(),
                    findings: String::new(),
                    done: Done::Unreadable("文件不存在".into()),
                },
                FileBuilt {
                    file: "b.yaml".into(),
                    findings: String::new(),
                    done: Done::Failed("数据有 1 个错误".into()),
                },
            ],
            unreadable_dirs: 2,
        };
        assert_eq!(built.io_failures(), 3);
    }

    #[test]
    fn a_folder_without_data_files_builds_nothing() {
        let tmp = crate::testutil::TempDir::new("build-run");
        let plan = BuildPlan {
            formats: vec![build::OutputFormat::Md],
            out_dir: tmp.0.join("out"),
            page_numbers: PageNumbers::Alternate,
            ..BuildPlan::default()
        };
        let e = build_files(
            &plan,
            std::slice::from_ref(&tmp.0),
            &super::super::progress::Quiet,
        )
        .unwrap_err();
        assert_eq!(e.message, "没有找到要生成的数据文件");
        assert!(!tmp.0.join("out").exists());
    }
}
