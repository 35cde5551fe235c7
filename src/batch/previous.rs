//! Last year's folder (`check DIR --prev-dir 去年/`): its data files
//! indexed by agency and year, so that each of this year's files is held
//! against its agency's file of the year before, found by `机关` with the
//! same near-match as the roster ([`super::names`]); [`PrevAccount`] keeps
//! what a run learned about last year's files, to say once at its end.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::names::{self, Match};
use super::walk::{self, WalkError};

/// One of last year's files.
#[derive(Debug, Clone)]
struct Entry {
    path: PathBuf,
    /// The agency as names are compared ([`names::key`]); `None` when it is
    /// too long to be a name.
    agency: Option<String>,
    year: i32,
}

/// The data files of last year's folder that could be read as reports.
#[derive(Debug, Clone, Default)]
pub struct PreviousFolder {
    entries: Vec<Entry>,
    /// Files of the folder that could not be read as reports, with why.
    pub unreadable: Vec<String>,
    /// The entries' agencies indexed by year (`None`: all years), made at
    /// the first lookup and kept for the run.
    indexes: OnceLock<BTreeMap<Option<i32>, YearIndex>>,
}

/// The entries of one year (or all) with their agencies indexed.
#[derive(Debug, Clone)]
struct YearIndex {
    /// The entries, by their place in the index.
    entries: Vec<usize>,
    index: names::Index,
}

/// What was found for one agency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// The file of the same agency.
    Found(PathBuf),
    /// The file of an agency named nearly the same, and how it differs.
    Near(PathBuf, String),
    /// Nothing (or several files equally near).
    Missing,
}

impl PreviousFolder {
    /// Reads the data files of `dir` (walked like any folder) for their
    /// agency and year.
    pub fn read(dir: &Path) -> Result<PreviousFolder, WalkError> {
        let found = walk::expand(std::slice::from_ref(&dir.to_path_buf()))?;
        let mut folder = PreviousFolder::default();
        for (path, seen) in found.walked() {
            match crate::load::load_walked(path, seen) {
                Ok(loaded) => match loaded.report {
                    Some(r) => folder.entries.push(Entry {
                        path: path.clone(),
                        agency: names::key(&r.agency.value),
                        year: r.year.value,
                    }),
                    None => folder
                        .unreadable
                        .push(format!("{}：无法读取为年报数据", path.display())),
                },
                Err(e) => folder.unreadable.push(e.to_string()),
            }
        }
        Ok(folder)
    }

    /// How many files were read.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no file was read.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The file of `agency` for the year before `year` (any year when
    /// `year` is unknown).
    pub fn find(&self, agency: &str, year: i32) -> Lookup {
        let indexes = self.indexes.get_or_init(|| self.index_by_year());
        let Some(y) = indexes.get(&(year != 0).then(|| year - 1)) else {
            return Lookup::Missing;
        };
        let path = |i: usize| self.entries[y.entries[i]].path.clone();
        match y.index.find(agency) {
            Match::Exact(i) => Lookup::Found(path(i)),
            Match::Near(i, why) => Lookup::Near(path(i), why),
            Match::Ambiguous(_) | Match::None => Lookup::Missing,
        }
    }

    /// The entries of each year, and of all years (`None`), indexed by
    /// agency.
    fn index_by_year(&self) -> BTreeMap<Option<i32>, YearIndex> {
        let mut years: BTreeMap<Option<i32>, Vec<usize>> = BTreeMap::new();
        for (i, e) in self.entries.iter().enumerate() {
            years.entry(Some(e.year)).or_default().push(i);
            years.entry(None).or_default().push(i);
        }
        years
            .into_iter()
            .map(|(year, entries)| {
                let keys = entries.iter().map(|&i| self.entries[i].agency.clone());
                let index = names::Index::from_keys(keys.collect());
                (year, YearIndex { entries, index })
            })
            .collect()
    }
}

/// What the run learned about last year's files, said once at the end.
#[derive(Debug, Default)]
pub struct PrevAccount {
    /// Files whose `上年数据` names a file that is not there, with that path.
    missing_written: Vec<(String, String)>,
    /// Files `--prev-dir` has no file for.
    not_found: Vec<String>,
    /// Files matched to last year's by a near name: file, last year's, why.
    near: Vec<(String, String, String)>,
}

/// How many files a note names before “等”.
const NAMED_IN_NOTE: usize = 5;

impl PrevAccount {
    /// Last year's file for `loaded` in `folder`.
    pub fn lookup(
        &mut self,
        folder: &PreviousFolder,
        loaded: &crate::load::Loaded,
    ) -> Option<PathBuf> {
        let report = loaded.report.as_ref()?;
        // Last year's file may be under a former name (`曾用名`).
        let found = std::iter::once(report.agency.value.as_str())
            .chain(report.former_names())
            .map(|name| folder.find(name, report.year.value))
            .find(|l| !matches!(l, Lookup::Missing))
            .unwrap_or(Lookup::Missing);
        match found {
            Lookup::Found(p) => Some(p),
            Lookup::Near(p, why) => {
                self.near
                    .push((loaded.file.name(), p.display().to_string(), why));
                Some(p)
            }
            Lookup::Missing => {
                self.not_found.push(loaded.file.name());
                None
            }
        }
    }

    /// Takes out of `c` the warning that its `上年数据` file is not there
    /// (a file made with `new --from` sent without last year's): one note
    /// for the run says it instead.
    pub fn set_aside_missing(&mut self, c: &mut crate::check::Checked) {
        let Some(written) = c.report.as_ref().and_then(|r| r.previous.as_ref()) else {
            return;
        };
        let path = crate::check::previous_path(&c.file, &written.value);
        if path.exists() {
            return;
        }
        let before = c.diagnostics.len();
        c.diagnostics
            .retain(|d| !(d.code == crate::diag::codes::PREV && d.span == Some(written.span)));
        if c.diagnostics.len() < before {
            self.missing_written
                .push((c.file.name(), written.value.clone()));
        }
    }

    /// The notes for the end of the run.
    pub fn notes(&self, folder: Option<&PreviousFolder>) -> Vec<String> {
        let named = |files: &mut dyn Iterator<Item = String>, n: usize| {
            let mut list: Vec<String> = files.take(NAMED_IN_NOTE).collect();
            if n > NAMED_IN_NOTE {
                list.push(format!("等 {n} 个"));
            }
            list.join("、")
        };
        let mut notes = Vec::new();
        if !self.missing_written.is_empty() {
            let n = self.missing_written.len();
            notes.push(format!(
                "{n} 个文件写有“上年数据”，但所指的上年文件不在（{}）：这些文件未做跨年度检查（上年结转等）。\
                 请各单位把去年的数据文件一并报送，或加 --prev-dir 去年的目录，按机关名称对应",
                named(
                    &mut self
                        .missing_written
                        .iter()
                        .map(|(f, p)| format!("{f} → {p}")),
                    n
                )
            ));
        }
        if let Some(folder) = folder {
            if !self.not_found.is_empty() {
                let n = self.not_found.len();
                notes.push(format!(
                    "去年的目录（{} 个数据文件）中没有 {n} 个文件的机关上一年度的文件，未做跨年度检查：{}",
                    folder.len(),
                    named(&mut self.not_found.iter().cloned(), n)
                ));
            }
            for (file, prev, why) in &self.near {
                notes.push(format!(
                    "{file} 按相近的机关名称对上去年的 {prev}（{why}），请核对是否同一单位"
                ));
            }
            notes.extend(
                folder
                    .unreadable
                    .iter()
                    .map(|u| format!("去年的目录中无法读取：{u}")),
            );
        }
        notes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_years_files_are_found_by_agency_and_year() {
        let folder = PreviousFolder {
            entries: vec![
                Entry {
                    path: "a.yaml".into(),
                    agency: names::key("淄博市张店区审计局"),
                    year: 2024,
                },
                Entry {
                    path: "old.yaml".into(),
                    agency: names::key("淄博市张店区统计局"),
                    year: 2023,
                },
            ],
            unreadable: Vec::new(),
            indexes: OnceLock::new(),
        };
        assert_eq!(
            folder.find("淄博市张店区审计局", 2025),
            Lookup::Found("a.yaml".into())
        );
        assert_eq!(
            folder.find("张店区审计局", 2025),
            Lookup::Near("a.yaml".into(), "少写了地名“淄博市”".into())
        );
        // Two years back is not last year.
        assert_eq!(folder.find("淄博市张店区统计局", 2025), Lookup::Missing);
        assert_eq!(folder.len(), 2);
    }
}
