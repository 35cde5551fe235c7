//! `nianbao compare`: two reports of an agency — two years, or two drafts
//! of one year — compared figure by figure and paragraph by paragraph, and
//! two folders of a county's reports compared agency by agency.
//!
//! [`side`] reads each report (a data file through the loader, a published
//! report through the importer, keeping what could not be read), [`cells`]
//! pairs the figures of tables 二–四 and the fee statement by data path,
//! [`fields`] the other fields, [`narrative`] diffs the narrative by paragraph
//! (on [`diff`], bounded), [`pair`] pairs two folders by agency, and
//! [`markdown`], [`html`] and [`csv`] render the result.

pub mod cells;
pub mod charts;
pub mod csv;
pub mod diff;
pub mod fields;
pub mod figure;
pub mod html;
pub mod markdown;
pub mod pair;
pub mod side;
pub mod narrative;

use std::path::{Path, PathBuf};

use crate::batch::{audit, walk};
pub use figure::Threshold;
pub use side::{Side, SideError};

/// Two reports compared.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// The old (first) report.
    pub old: Side,
    /// The new (second) report.
    pub new: Side,
    /// Other fields that differ.
    pub fields: Vec<fields::FieldChange>,
    /// The figures compared.
    pub cells: cells::CellDiff,
    /// The narrative sections compared.
    pub text: Vec<narrative::SectionDiff>,
}

impl Comparison {
    /// Compares `old` with `new`; `threshold` decides which changes are
    /// large.
    pub fn new(old: Side, new: Side, threshold: &Threshold) -> Comparison {
        Comparison {
            fields: fields::compare(&old.report, &new.report),
            cells: cells::compare(&old, &new, threshold),
            text: narrative::compare(&old.report, &new.report),
            old,
            new,
        }
    }

    /// How many figures changed by a large amount.
    pub fn large(&self) -> usize {
        self.cells.changes.iter().filter(|c| c.large).count()
    }

    /// How many figures changed: both sides read and different. A cell
    /// empty or unreadable on one side is no change (see [`Comparison::gaps`]).
    pub fn changed(&self) -> usize {
        self.cells
            .changes
            .iter()
            .filter(|c| c.change.is_some())
            .count()
    }

    /// How many figures are empty or could not be read on one side only.
    pub fn gaps(&self) -> usize {
        self.cells.changes.len() - self.changed()
    }

    /// The `n` biggest changes, first: large ones before the others, then
    /// by the size of the change, then by its ratio.
    pub fn biggest(&self, n: usize) -> Vec<&cells::CellChange> {
        let mut all: Vec<&cells::CellChange> = self
            .cells
            .changes
            .iter()
            .filter(|c| c.change.is_some())
            .collect();
        let size = |c: &cells::CellChange| c.change.map_or(0.0, |d| d.as_f64().abs());
        let ratio = |c: &cells::CellChange| c.ratio.map_or(f64::INFINITY, f64::abs);
        all.sort_by(|a, b| {
            b.large
                .cmp(&a.large)
                .then(size(b).total_cmp(&size(a)))
                .then(ratio(b).total_cmp(&ratio(a)))
        });
        all.truncate(n);
        all
    }

    /// Paragraphs added, removed and changed over all sections.
    pub fn text_counts(&self) -> (usize, usize, usize) {
        let mut n = (0, 0, 0);
        for e in self.text.iter().flat_map(|s| &s.edits) {
            match e {
                narrative::Edit::Added(_) => n.0 += 1,
                narrative::Edit::Removed(_) => n.1 += 1,
                narrative::Edit::Changed { .. } => n.2 += 1,
            }
        }
        n
    }

    /// A heading for the pair: the agency, and the years compared.
    pub fn title(&self) -> String {
        let (a, b) = (self.old.agency(), self.new.agency());
        let who = match (a.is_empty(), b.is_empty()) {
            (true, true) => "（机关未识别）".to_string(),
            (false, _) if a == b || b.is_empty() => a.to_string(),
            (true, false) => b.to_string(),
            _ => format!("{a} / {b}"),
        };
        format!(
            "{who}：{} 与 {}",
            year_text(self.old.report.year.value),
            year_text(self.new.report.year.value)
        )
    }
}

/// A year as printed, or that it was not recognised.
pub fn year_text(year: i32) -> String {
    if year > 0 {
        format!("{year}年度")
    } else {
        "年度未识别".into()
    }
}

/// A file of a folder, named in the lists of what was not compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// The file.
    pub file: PathBuf,
    /// The agency the report names (empty when none).
    pub agency: String,
    /// Why it is listed (`同一机关有 2 份`, the reason it could not be read).
    pub why: String,
}

/// What a comparison of two folders left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Folders {
    /// The old folder.
    pub old_dir: PathBuf,
    /// The new folder.
    pub new_dir: PathBuf,
    /// Reports in the old folder with no partner in the new.
    pub only_old: Vec<Listed>,
    /// Reports in the new folder with no partner in the old.
    pub only_new: Vec<Listed>,
    /// Reports of an agency given more than once on one side.
    pub repeated: Vec<Listed>,
    /// Files that could not be read.
    pub unreadable: Vec<Listed>,
    /// Notes of the folder walk (files passed over, and why).
    pub notes: Vec<String>,
}

impl Listed {
    /// The agency as the lists show it.
    pub fn who(&self) -> &str {
        if self.agency.is_empty() {
            "（机关未识别）"
        } else {
            &self.agency
        }
    }
}

impl Folders {
    /// The lists of what was not compared, each under its heading.
    pub fn lists(&self) -> [(&'static str, &[Listed]); 4] {
        [
            ("只在旧目录中的报告", &self.only_old),
            ("只在新目录中的报告", &self.only_new),
            ("同一机关有多份、未对照的报告", &self.repeated),
            ("无法读取的文件", &self.unreadable),
        ]
    }
}

/// Everything one run compared: one pair of reports, or two folders.
#[derive(Debug, Clone)]
pub struct Batch {
    /// When a change counts as large.
    pub threshold: Threshold,
    /// The pairs compared.
    pub comparisons: Vec<Comparison>,
    /// For two folders, what was not compared.
    pub folders: Option<Folders>,
}

/// The kinds of file a folder comparison reads, for messages.
pub const FOLDER_KINDS: &str = ".yaml、.yml、.xlsx 数据文件或 .txt、.html、.docx、.pdf 年报";

/// Whether a folder comparison reads `path`: a data file or a published
/// report.
fn is_report(path: &Path) -> bool {
    walk::is_data_file(path) || audit::is_published(path)
}

/// Why a file of a folder was not read: the walk's advice for the kinds it
/// knows (old Word documents, images, archives, Excel's lock files), else
/// what `compare` reads.
fn passed_over(file: &Path) -> String {
    let ext = file
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let lock = file
        .file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with("~$"));
    const KNOWN: [&str; 17] = [
        "doc", "wps", "rtf", "xls", "et", "ods", "zip", "rar", "7z", "jpg", "jpeg", "png", "tif",
        "tiff", "bmp", "gif", "ofd",
    ];
    if lock || KNOWN.contains(&ext.as_str()) {
        walk::advice(file, walk::Reading::Published)
    } else {
        format!("未读取：对照只读{FOLDER_KINDS}")
    }
}

/// Reads every report in `dir`; files that cannot be read are listed, not
/// fatal.
fn read_folder(dir: &Path, folders: &mut Folders) -> Result<Vec<Side>, walk::WalkError> {
    let found = walk::expand_with(&[dir.to_path_buf()], is_report, FOLDER_KINDS)?;
    for (d, why) in found.empty_dirs.iter().chain(&found.unreadable_dirs) {
        folders.notes.push(format!("{}：{why}", d.display()));
    }
    folders.notes.extend(found.skipped.iter().cloned());
    for file in &found.passed_over {
        folders
            .notes
            .push(format!("{}：{}", file.display(), passed_over(file)));
    }
    let mut sides = Vec::new();
    for (file, seen) in found.walked() {
        match Side::read(file, seen) {
            Ok(side) => sides.push(side),
            Err(e) => folders.unreadable.push(Listed {
                file: file.clone(),
                agency: String::new(),
                why: e.message,
            }),
        }
    }
    Ok(sides)
}

/// Compares the reports of two folders agency by agency (see [`pair`]).
pub fn compare_folders(
    old_dir: &Path,
    new_dir: &Path,
    threshold: Threshold,
) -> Result<Batch, walk::WalkError> {
    let mut folders = Folders {
        old_dir: old_dir.to_path_buf(),
        new_dir: new_dir.to_path_buf(),
        ..Folders::default()
    };
    let old = read_folder(old_dir, &mut folders)?;
    let new = read_folder(new_dir, &mut folders)?;
    let names = |s: &[Side]| s.iter().map(|x| x.agency().to_string()).collect::<Vec<_>>();
    let (old_names, new_names) = (names(&old), names(&new));
    let pairing = pair::pair(&as_str(&old_names), &as_str(&new_names));
    let listed = |s: &Side, why: &str| Listed {
        file: s.file.clone(),
        agency: s.agency().to_string(),
        why: why.to_string(),
    };
    folders.only_old = pairing
        .only_old
        .iter()
        .map(|&i| listed(&old[i], "新目录中没有这个机关的报告"))
        .collect();
    folders.only_new = pairing
        .only_new
        .iter()
        .map(|&j| listed(&new[j], "旧目录中没有这个机关的报告"))
        .collect();
    for (is_old, ids) in &pairing.repeated {
        let (sides, place) = if *is_old {
            (&old, "旧目录")
        } else {
            (&new, "新目录")
        };
        let why = format!(
            "{place}中同一机关有 {} 份报告，无法确定与哪一份对照",
            ids.len()
        );
        folders
            .repeated
            .extend(ids.iter().map(|&i| listed(&sides[i], &why)));
    }
    let comparisons = pairing
        .pairs
        .iter()
        .map(|&(i, j)| Comparison::new(old[i].clone(), new[j].clone(), &threshold))
        .collect();
    Ok(Batch {
        threshold,
        comparisons,
        folders: Some(folders),
    })
}

fn as_str(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

/// Compares two reports.
pub fn compare_files(old: &Path, new: &Path, threshold: Threshold) -> Result<Batch, SideError> {
    let old = Side::read(old, None)?;
    let new = Side::read(new, None)?;
    Ok(Batch {
        comparisons: vec![Comparison::new(old, new, &threshold)],
        threshold,
        folders: None,
    })
}
