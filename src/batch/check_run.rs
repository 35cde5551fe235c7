//! `check` over files and folders: every data file checked, with last
//! year's (from `--prev`, from the file's `上年数据`, or found by agency in
//! last year's folder), the summary rows, the notes on the folder and the
//! roster's account. The caller prints them.

use std::path::{Path, PathBuf};

use super::folder::FolderNotes;
use super::previous::{PrevAccount, PreviousFolder};
use super::roster::{self, Submission};
use super::summary::Row;
use super::walk::{self, Found, Reading};
use crate::check::{Checked, check_loaded};
use crate::diag::{Diagnostic, codes};
use crate::files::FileId;
use crate::render::zaozi::ZaoziFont;
use crate::source::SourceFile;
use crate::stop::Stop;

/// What to check, and against what.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Data files and folders, in the order given.
    pub files: Vec<PathBuf>,
    /// Last year's file for every file (`--prev`).
    pub prev: Option<PathBuf>,
    /// Last year's folder, searched by agency (`--prev-dir`).
    pub prev_dir: Option<PathBuf>,
    /// The roster of agencies that must report (`--roster`).
    pub roster: Option<PathBuf>,
    /// The agency's 造字 font (`--font 造字=FILE`): a 造字 it prints is no
    /// finding.
    pub zaozi: Option<std::sync::Arc<ZaoziFont>>,
}

impl CheckOptions {
    /// Refuses a `--prev` that is not a file.
    pub fn check_prev(&self) -> Result<(), Stop> {
        match &self.prev {
            Some(prev) if !prev.is_file() => Err(Stop::usage(format!(
                "{}：上年数据文件不存在或不是文件",
                prev.display()
            ))),
            _ => Ok(()),
        }
    }
}

/// The files checked, with what is said beside them.
#[derive(Debug, Default)]
pub struct CheckedFiles {
    /// Every file (and every folder without data files), in order.
    pub checked: Vec<Checked>,
    /// The summary row of each of `checked`, with the roster's remark.
    pub rows: Vec<Row>,
    /// Files not read, the roster's account, notes on the whole run.
    pub notes: FolderNotes,
    /// The files and folders that could not be read, one line each.
    pub unreadable: Vec<String>,
    /// Whether several files (or a folder) were checked: a summary is due.
    pub many: bool,
    /// Every file read (data files, roster, `--prev`): an output must
    /// not replace one of them.
    pub inputs: Vec<PathBuf>,
}

impl CheckedFiles {
    /// How many errors the files have, together.
    pub fn errors(&self) -> usize {
        self.checked.iter().map(Checked::errors).sum()
    }

    /// Lists a file or folder that could not be read like any other
    /// file, so that neither the summary nor a program reading the JSON
    /// mistakes it for a pass.
    fn push_unreadable(&mut self, path: &Path, line: String, message: String) {
        self.unreadable.push(line);
        self.checked.push(Checked {
            file: SourceFile::new(path, String::new()),
            report: None,
            diagnostics: vec![Diagnostic::error(codes::IO, message)],
        });
    }
}

/// Checks the data files of `opts.files`; files that cannot be read are
/// listed, not fatal. Stops on a bad `--prev`, `--prev-dir` or
/// `--roster`, or a folder too large to walk.
pub fn check_files(opts: &CheckOptions) -> Result<CheckedFiles, Stop> {
    opts.check_prev()?;
    let roster = roster::read_given(opts.roster.as_deref())?;
    let previous = opts.prev_dir.as_deref().map(read_previous).transpose()?;
    let found = walk::expand(&opts.files)?;
    let mut run = CheckedFiles {
        many: found.files.len() > 1 || opts.files.iter().any(|p| p.is_dir()),
        ..CheckedFiles::default()
    };
    // A folder without data files is listed like an unreadable file: it
    // must not pass as checked.
    for (dir, message) in found.empty_dirs.iter().chain(&found.unreadable_dirs) {
        run.push_unreadable(
            dir,
            format!("{}：{message}", dir.display()),
            message.clone(),
        );
    }
    run.notes = walk_notes(&found);
    let mut account = PrevAccount::default();
    let matcher = roster.as_ref().map(roster::Roster::matcher);
    for (path, seen) in found.walked() {
        check_one(
            &mut run,
            (path, seen),
            opts.prev.as_deref(),
            previous.as_ref(),
            (matcher.as_ref(), opts.zaozi.as_deref()),
            &mut account,
        );
    }
    run.notes.notes.extend(account.notes(previous.as_ref()));
    run.rows = run.checked.iter().map(Row::of).collect();
    if let Some(roster) = roster {
        let rec = roster::reconcile(&roster, &submissions(&run.checked), None);
        for (row, said) in run.rows.iter_mut().zip(&rec.per_file) {
            row.roster.clone_from(said);
        }
        run.notes.roster = Some((roster, rec));
    }
    run.inputs = found
        .files
        .iter()
        .cloned()
        .chain(opts.roster.clone())
        .chain(opts.prev.clone())
        .collect();
    Ok(run)
}

/// Checks one file of the run against last year's: `--prev`, else the one
/// `--prev-dir` holds for its agency, else the one it names itself.
fn check_one(
    run: &mut CheckedFiles,
    (path, seen): (&PathBuf, Option<FileId>),
    prev: Option<&Path>,
    previous: Option<&PreviousFolder>,
    (roster, zaozi): (Option<&roster::Matcher<'_>>, Option<&ZaoziFont>),
    account: &mut PrevAccount,
) {
    let mut loaded = match crate::load::load_walked(path, seen) {
        Ok(loaded) => loaded,
        Err(e) => {
            let line = e.to_string();
            run.push_unreadable(path, line, e.message);
            return;
        }
    };
    declare_former_names(&mut loaded, roster);
    declare_kind(&mut loaded, roster);
    let prev = match (prev, previous) {
        (Some(p), _) => Some(p.to_path_buf()),
        (None, Some(folder)) => account.lookup(folder, &loaded),
        (None, None) => None,
    };
    let mut c = check_loaded(loaded, prev.as_deref());
    if let (Some(report), Some(roster)) = (&c.report, roster) {
        // The name as the roster writes it, when this is its entry.
        if let Some(d) = roster
            .entry_name(&report.agency.value)
            .and_then(|name| crate::rules::agency_against_roster(report, name))
        {
            c.diagnostics.push(d);
        }
    }
    // Characters no face has, found by the check itself (not only by a
    // PDF build).
    if let Some(report) = &c.report {
        let glyphs = crate::render::typeset::default_glyph_warnings(report, &c.file);
        if !glyphs.is_empty() {
            c.diagnostics.extend(glyphs);
            crate::diag::sort(&mut c.diagnostics);
        }
    }
    // A 造字 the agency's 造字 font prints is no finding.
    crate::build::drop_printed_zaozi(&mut c, zaozi);
    if run.many && prev.is_none() {
        account.set_aside_missing(&mut c);
    }
    run.checked.push(c);
}

/// The former names the roster gives for the file's agency, taken as if
/// the file declared them (`曾用名`) when it declares none: last year's
/// file under the former name is then the same agency's.
fn declare_former_names(loaded: &mut crate::load::Loaded, roster: Option<&roster::Matcher<'_>>) {
    let (Some(report), Some(roster)) = (loaded.report.as_mut(), roster) else {
        return;
    };
    if report.former_names.is_some() {
        return;
    }
    let former = roster.former_names_of(&report.agency.value);
    if !former.is_empty() {
        report.former_names = Some(crate::model::Located::new(
            former.join("、"),
            crate::source::Span::default(),
        ));
    }
}

/// What the roster says the file's agency is (its 机关类型 column), taken
/// as if the file declared it when it declares nothing: the findings that
/// depend on it say it came from the roster.
fn declare_kind(loaded: &mut crate::load::Loaded, roster: Option<&roster::Matcher<'_>>) {
    let (Some(report), Some(roster)) = (loaded.report.as_mut(), roster) else {
        return;
    };
    if let Some(kind) = roster.kind_of(&report.agency.value) {
        report.declare_if_silent(kind, crate::model::agency::Basis::Roster);
    }
}

/// The notes of the walk: files passed over, with advice, and names taken
/// with a doubt (a `.yaml.txt`); they belong with the summary of a folder.
fn walk_notes(found: &Found) -> FolderNotes {
    let mut notes = FolderNotes::passed_over(found, Reading::DataFiles);
    notes.notes.extend(found.skipped.iter().cloned());
    notes
}

/// `--prev-dir`, read.
fn read_previous(dir: &Path) -> Result<PreviousFolder, Stop> {
    if !dir.is_dir() {
        return Err(Stop::usage(format!(
            "{}：去年的目录不存在或不是目录",
            dir.display()
        )));
    }
    Ok(PreviousFolder::read(dir)?)
}

/// The files as the roster sees them.
fn submissions(checked: &[Checked]) -> Vec<Submission> {
    checked
        .iter()
        .map(|c| Submission {
            file: c.file.name(),
            agency: c
                .report
                .as_ref()
                .map_or(String::new(), |r| r.agency.value.clone()),
            year: c.report.as_ref().map_or(0, |r| r.year.value),
            edition: c.report.as_ref().map(|r| r.edition()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_prev_is_refused() {
        let opts = CheckOptions {
            files: vec![PathBuf::from("a.yaml")],
            prev: Some(PathBuf::from("/nonexistent/2024.yaml")),
            ..CheckOptions::default()
        };
        let e = check_files(&opts).unwrap_err();
        assert_eq!(e.kind, crate::stop::StopKind::Usage);
        assert!(e.message.contains("上年数据文件不存在"), "{e}");
    }

    #[test]
    fn an_unreadable_file_is_listed_as_an_error() {
        let tmp = crate::testutil::TempDir::new("check-run");
        let missing = tmp.0.join("gone.yaml");
        let run = check_files(&CheckOptions {
            files: vec![missing.clone()],
            ..CheckOptions::default()
        })
        .unwrap();
        assert_eq!(run.unreadable.len(), 1);
        assert_eq!(run.checked.len(), 1);
        assert_eq!(run.checked[0].diagnostics[0].code, codes::IO);
        assert_eq!(run.errors(), 1);
        assert!(!run.many);
        assert_eq!(run.inputs, vec![missing]);
    }
}
