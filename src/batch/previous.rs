//! Last year's folder (`check DIR --prev-dir 去年/`): its data files
//! indexed by agency and year, so that each of this year's files is held
//! against its agency's file of the year before, found by `机关` with the
//! same near-match as the roster ([`super::names`]).

use std::path::{Path, PathBuf};

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
        let candidates: Vec<&Entry> = self
            .entries
            .iter()
            .filter(|e| year == 0 || e.year == year - 1)
            .collect();
        let index = names::Index::from_keys(candidates.iter().map(|e| e.agency.clone()).collect());
        match index.find(agency) {
            Match::Exact(i) => Lookup::Found(candidates[i].path.clone()),
            Match::Near(i, why) => Lookup::Near(candidates[i].path.clone(), why),
            Match::Ambiguous(_) | Match::None => Lookup::Missing,
        }
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
