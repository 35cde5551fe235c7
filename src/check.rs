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
        diagnostics.extend(rules::check(report, &inputs));
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
            diagnostics.push(problem(format!(
                "无法读取上年数据 {}：{}",
                path.display(),
                e.message
            )));
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
            } else if errors > 0 {
                diagnostics.push(problem(format!(
                    "上年数据 {} 有 {} 个错误，跨年度检查只使用能读出的数字",
                    path.display(),
                    errors
                )));
            }
            let name = loaded.file.name();
            loaded.report.map(|r| (r, name))
        }
    }
}
