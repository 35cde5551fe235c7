//! The checking pipeline shared by every command: load a data file, load last
//! year's file if there is one, run the rules.

use crate::model::schema::top;
use std::path::{Path, PathBuf};

use crate::diag::{self, Diagnostic, codes};
use crate::files::ReadError;
use crate::load::{self, Loaded};
use crate::model::Report;
use crate::rules;
use crate::source::SourceFile;

/// A checked data file.
#[derive(Debug)]
pub struct Checked {
    /// The file as read.
    pub file: SourceFile,
    /// The report, when the file could be read as one.
    pub report: Option<Report>,
    /// Every problem found, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    /// Number of errors.
    pub fn errors(&self) -> usize {
        diag::count(&self.diagnostics).0
    }

    /// Number of warnings.
    pub fn warnings(&self) -> usize {
        diag::count(&self.diagnostics).1
    }
}

/// Loads and checks `path`. `prev` overrides the file's own `上年数据`.
pub fn check_path(path: &Path, prev: Option<&Path>) -> Result<Checked, ReadError> {
    check_walked(path, None, prev)
}

/// Like [`check_path`], for a file a folder walk found: a file other than
/// the one the walk saw (`seen`) is refused (see [`crate::files::read_walked`]).
pub fn check_walked(
    path: &Path,
    seen: Option<crate::files::FileId>,
    prev: Option<&Path>,
) -> Result<Checked, ReadError> {
    let loaded = load::load_walked(path, seen)?;
    Ok(check_loaded(loaded, prev))
}

/// Checks an already loaded file.
pub fn check_loaded(loaded: Loaded, prev: Option<&Path>) -> Checked {
    check_loaded_then(loaded, prev, || (), || ())
}

/// [`check_loaded`], calling `then` and `beside` as [`rules::check_then`]
/// does (both at once when the file is no report, and no rule runs).
pub fn check_loaded_then(
    loaded: Loaded,
    prev: Option<&Path>,
    then: impl FnOnce() + Send,
    beside: impl FnOnce() + Send,
) -> Checked {
    let Loaded {
        file,
        report,
        mut diagnostics,
    } = loaded;
    if let Some(report) = &report {
        let previous = previous_report(&file, report, prev, &mut diagnostics);
        let inputs = rules::Inputs {
            file: &file,
            previous: previous.as_ref().map(|(r, _)| r),
            previous_name: previous.as_ref().map(|(_, name)| name.clone()),
        };
        diagnostics.extend(rules::check_then(report, &inputs, then, beside));
    } else {
        then();
        beside();
    }
    diag::sort(&mut diagnostics);
    Checked {
        file,
        report,
        diagnostics,
    }
}

/// Resolves `上年数据` relative to the data file's directory.
pub fn previous_path(file: &SourceFile, written: &str) -> PathBuf {
    let base = file.path.parent().unwrap_or(Path::new(""));
    base.join(written)
}

fn previous_report(
    file: &SourceFile,
    report: &Report,
    explicit: Option<&Path>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(Report, String)> {
    let (path, span) = match (explicit, &report.previous) {
        (Some(p), _) => (p.to_path_buf(), None),
        (None, Some(w)) => (previous_path(file, &w.value), Some(w.span)),
        (None, None) => return None,
    };
    let problem = |message: String| {
        let mut d =
            Diagnostic::new(codes::PREV, message).path(crate::model::path::field(top::PREVIOUS));
        if let Some(s) = span {
            d = d.at(s);
        }
        d
    };
    match load::load_path(&path) {
        Err(e) => {
            diagnostics.push(
                problem(format!(
                    "无法读取上年数据 {}：{}，跨年度检查未进行",
                    path.display(),
                    e.message
                ))
                .help("把上年的数据文件放在“上年数据”写的位置（相对于本数据文件），或用 --prev 指定；没有上年数据的，删去“上年数据”这一行"),
            );
            None
        }
        Ok(loaded) => {
            let errors = diag::count(&loaded.diagnostics).0;
            if loaded.report.is_none() {
                diagnostics.push(problem(format!(
                    "上年数据 {} 无法解析（{} 个错误），跨年度检查未进行",
                    path.display(),
                    errors
                )));
            } else if let Some(first) = figure_errors(&loaded.diagnostics).first() {
                let n = figure_errors(&loaded.diagnostics).len();
                diagnostics.push(
                    problem(format!(
                        "上年数据 {} 的表格有 {} 个错误（{}），跨年度检查只使用能读出的数字",
                        path.display(),
                        n,
                        diag::excerpt(&first.message)
                    ))
                    .note("只计上年表格和信息处理费数字的错误：上年的成文日期、正文等缺漏（如由网页导入时原文没有的）与跨年度检查无关，不在此列"),
                );
            }
            let name = loaded.file.name();
            loaded.report.map(|r| (r, name))
        }
    }
}

/// The errors of last year's file in the figures the cross-year checks
/// read (its tables and the fee): the agency's own. Gaps elsewhere (no
/// 成文日期 on an imported web page, an empty 六 once its fee sentence
/// went to the figures) are not this year's concern.
fn figure_errors(diagnostics: &[Diagnostic]) -> Vec<&Diagnostic> {
    let figures = [top::TABLE2, top::TABLE3, top::TABLE4, "其他事项.信息处理费"];
    diagnostics
        .iter()
        .filter(|d| d.severity == diag::Severity::Error)
        .filter(|d| {
            d.path.as_deref().is_some_and(|p| {
                figures.iter().any(|f| {
                    p == *f || p.strip_prefix(f).is_some_and(|r| r.starts_with(['.', '[']))
                })
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::TempDir;

    /// The PREV findings of next year's file made from the example, when
    /// last year's file is the example without its 成文日期 and its 六
    /// emptied (an import's gaps), then changed by `edit`.
    fn prev_findings(edit: impl Fn(String) -> String) -> Vec<Diagnostic> {
        let dir = TempDir::new("prev-errors");
        let example = include_str!("../examples/zibo-zhangdian-traffic-2024.yaml");
        let mut gaps = String::new();
        let mut in_body = false;
        for l in example.lines() {
            if in_body && (l.starts_with("    ") || l.trim().is_empty()) {
                continue;
            }
            in_body = l == "  正文: |";
            let l = match l {
                _ if l.starts_with("成文日期:") => "成文日期: ~",
                "  正文: |" => "  正文: \"\"",
                _ => l,
            };
            gaps.push_str(l);
            gaps.push('\n');
        }
        std::fs::write(dir.0.join("2024.yaml"), edit(gaps)).unwrap();
        let prev = load::load_str(SourceFile::new("2024.yaml", example));
        let this = crate::next_year::roll_forward(&prev.report.unwrap(), "2024.yaml").text();
        let loaded = load::load_str(SourceFile::new(dir.0.join("2025.yaml"), this));
        check_loaded(loaded, None)
            .diagnostics
            .into_iter()
            .filter(|d| d.code == codes::PREV)
            .collect()
    }

    #[test]
    fn last_years_gaps_are_not_its_errors() {
        // No 成文日期, 六 empty: nothing said.
        assert_eq!(prev_findings(|t| t), vec![]);
        // A figure of its tables that cannot be read: said once, with it.
        let unreadable = prev_findings(|t| t.replace("上年结转: [1, 0,", "上年结转: [1, 七,"));
        assert_eq!(unreadable.len(), 1, "{unreadable:?}");
        assert!(
            unreadable[0].message.contains("的表格有 1 个错误"),
            "{}",
            unreadable[0].message
        );
    }

    #[test]
    fn the_rules_give_the_same_findings_with_one_thread_or_two_and_call_each_hook_once() {
        let example = include_str!("../examples/zhangdian-transport-2020.yaml");
        let load = || load::load_str(SourceFile::new("a.yaml", example));
        let calls = std::sync::atomic::AtomicUsize::new(0);
        let then = || {
            calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        };
        let two = check_loaded_then(load(), None, then, then);
        let one = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .map(|pool| pool.install(|| check_loaded(load(), None)))
            .unwrap();
        assert!(!two.diagnostics.is_empty());
        assert_eq!(two.diagnostics, one.diagnostics);
        // No report: `then` is still called, once.
        let _ = check_loaded_then(
            load::load_str(SourceFile::new("b.yaml", "[")),
            None,
            then,
            then,
        );
        assert_eq!(calls.load(std::sync::atomic::Ordering::SeqCst), 4);
    }
}
