//! `audit` over files and folders: every published report imported and
//! checked in parallel, held against the roster, and the summary pages
//! written whole into the output folder. The caller prints the account.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::audit::{self, Audited};
use super::folder::FolderNotes;
use super::progress::{Note, Observer};
use super::roster::{self, Reconciled, Roster, Submission};
use super::summary::Encoding;
use super::walk::{self, Found, Reading};
use crate::diag::visible;
use crate::stop::Stop;

/// What to audit and where the pages go.
#[derive(Debug, Clone, Default)]
pub struct AuditOptions {
    /// Published reports and folders of them.
    pub files: Vec<PathBuf>,
    /// The output folder, rewritten whole.
    pub output: PathBuf,
    /// Writes even when the output folder holds files nianbao did not
    /// write (the old folder is kept under another name).
    pub force: bool,
    /// The roster of agencies that must publish.
    pub roster: Option<PathBuf>,
    /// The encoding of `summary.csv`.
    pub encoding: Encoding,
}

/// The reports audited and where the pages went.
#[derive(Debug)]
pub struct Audits {
    /// Every report, in the order found.
    pub all: Vec<Audited>,
    /// The earlier output folder, kept under this name (`--force`).
    pub kept: Option<PathBuf>,
}

impl Audits {
    /// How many reports could not be imported.
    pub fn failed(&self) -> usize {
        self.all.iter().filter(|a| a.failure.is_some()).count()
    }

    /// How many reports have errors.
    pub fn with_errors(&self) -> usize {
        self.all.iter().filter(|a| a.errors() > 0).count()
    }
}

/// Audits the reports of `opts.files` and writes the pages; notes on what
/// was passed over and the roster's account go to `observer` as they
/// arise.
pub fn audit_files(opts: &AuditOptions, observer: &dyn Observer) -> Result<Audits, Stop> {
    let roster = roster::read_given(opts.roster.as_deref())?;
    let found = published(opts)?;
    let mut notes = walk_notes(&found, observer);
    if found.files.is_empty() {
        return Err(Stop::usage("没有找到要审查的年报文件"));
    }
    let mut all = audit_all(&found, observer);
    super::audit::cross_year(&mut all);
    if let Some(roster) = roster {
        let (roster, rec) = apply_roster(&mut all, roster);
        for line in rec.lines(&roster) {
            observer.note(Note::Roster(line));
        }
        notes.roster = Some((roster, rec));
    }
    let kept = write_pages(opts, &found, &all, &notes)?;
    Ok(Audits { all, kept })
}

/// The published reports of the paths given. The pages and summaries of an
/// earlier run inside an input folder (listed by their folder's mark) are
/// passed over by the walk; so is a folder being swapped in by a run at
/// work (`.审查结果.nianbao-…`).
fn published(opts: &AuditOptions) -> Result<Found, Stop> {
    let mut found = walk::expand_with(
        &opts.files,
        audit::is_published,
        ".txt、.html、.htm、.docx、.pdf 或 .xlsx",
    )?;
    found.retain(|f| {
        !f.components()
            .any(|c| c.as_os_str().to_string_lossy().contains(".nianbao-"))
    });
    Ok(found)
}

/// Whether the folder `output` holds some of the `inputs` (it is an input
/// folder, or one above it): it is then written into, beside them, never
/// swapped whole.
fn among_inputs(output: &Path, inputs: &[PathBuf]) -> bool {
    let Ok(out) = output.canonicalize() else {
        return false;
    };
    inputs
        .iter()
        .any(|f| f.canonicalize().is_ok_and(|f| f.starts_with(&out)))
}

/// Tells what the walk passed over; the files of the folders not audited
/// are returned for the summary too.
fn walk_notes(found: &Found, observer: &dyn Observer) -> FolderNotes {
    for (dir, message) in &found.empty_dirs {
        observer.note(Note::Notice(format!("{}：{message}", dir.display())));
    }
    found.tell_unread(observer, "其中的报告未审查");
    let notes = FolderNotes::passed_over(found, Reading::Published);
    for (file, why) in &notes.passed_over {
        observer.note(Note::Notice(format!("未审查 {}：{why}", visible(file))));
    }
    notes
}

/// Audits every file found, in parallel; a file whose audit panics is
/// listed as not audited.
fn audit_all(found: &Found, observer: &dyn Observer) -> Vec<Audited> {
    observer.start(found.files.len());
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
            observer.tick();
            a
        })
        .collect();
    observer.finish();
    all
}

/// Holds the audited reports against `roster`: each one's remark set, the
/// account returned for the summary.
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
    (roster, rec)
}

/// Writes the summaries and one page per report whole into a fresh folder
/// swapped in for the output folder: no stale pages of an earlier run, no
/// new summary linking to old pages. An output folder that holds reports
/// audited (the input folder itself) is written into instead, the pages'
/// folder swapped in whole, the summaries beside the reports
/// ([`crate::files::write_among`]). Returns where an earlier folder was
/// kept.
fn write_pages(
    opts: &AuditOptions,
    found: &Found,
    all: &[Audited],
    notes: &FolderNotes,
) -> Result<Option<PathBuf>, Stop> {
    let mut outputs: Vec<(PathBuf, Vec<u8>)> = vec![
        (
            PathBuf::from("summary.csv"),
            opts.encoding.encode(&audit::csv(all, notes)),
        ),
        (
            PathBuf::from("summary.xlsx"),
            crate::xlsx::table_workbook("审查汇总", &audit::cells(all, notes)),
        ),
        (
            PathBuf::from("summary.html"),
            audit::summary_html(all, notes).into_bytes(),
        ),
    ];
    for (i, a) in all.iter().enumerate() {
        outputs.push((
            PathBuf::from(audit::page_name(i)),
            audit::report_html(a).into_bytes(),
        ));
    }
    for (rel, _) in &outputs {
        let path = opts.output.join(rel);
        if let Some(input) = crate::files::clobbered_input(&path, &found.files) {
            return Err(Stop::usage(format!(
                "输出文件 {} 就是输入文件 {}，不能覆盖；请用 -o 另选输出目录",
                path.display(),
                input.display()
            )));
        }
    }
    if among_inputs(&opts.output, &found.files) {
        // The reports stay where they are: the pages are written beside
        // them, replacing only what an earlier run wrote.
        return crate::files::write_among(&opts.output, &outputs)
            .map(|()| None)
            .map_err(|e| match e {
                crate::files::FolderError::Io(..) => Stop::io(e.to_string()),
                _ => Stop::usage(e.to_string()),
            });
    }
    crate::files::write_folder(&opts.output, &outputs, opts.force).map_err(|e| match e {
        crate::files::FolderError::Io(..) => Stop::io(e.to_string()),
        _ => Stop::usage(format!("{e}（或加 --force：原目录改名保留）")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    /// Keeps the notes told.
    #[derive(Default)]
    struct Kept(Mutex<Vec<Note>>);

    impl Observer for Kept {
        fn note(&self, note: Note) {
            self.0.lock().unwrap().push(note);
        }
    }

    #[test]
    fn an_empty_folder_is_told_and_stops_the_audit() {
        let tmp = crate::testutil::TempDir::new("audit-run");
        let kept = Kept::default();
        let e = audit_files(
            &AuditOptions {
                files: vec![tmp.0.clone()],
                output: tmp.0.join("out"),
                ..AuditOptions::default()
            },
            &kept,
        )
        .unwrap_err();
        assert_eq!(e.to_string(), "没有找到要审查的年报文件");
        let notes = kept.0.lock().unwrap();
        assert!(
            matches!(&notes[..], [Note::Notice(n)] if n.contains("目录中没有")),
            "{notes:?}"
        );
        assert!(!tmp.0.join("out").exists());
    }
}
