//! One side of a comparison: a data file loaded, or a published report
//! imported, with what could not be read from it.

use std::path::{Path, PathBuf};

use crate::batch::walk;
use crate::diag::{Diagnostic, Severity, codes};
use crate::files::FileId;
use crate::model::Report;

/// Where a side's report came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A data file (`.yaml`, `.xlsx`).
    Data,
    /// A published report read by the importer; the name of its format
    /// (`Word 文档`, `PDF`).
    Published(&'static str),
}

/// One report to compare.
#[derive(Debug, Clone)]
pub struct Side {
    /// The file, as given or found.
    pub file: PathBuf,
    /// Where the report came from.
    pub origin: Origin,
    /// The report.
    pub report: Report,
    /// Data paths (a cell, a row or a whole table) that could not be read,
    /// with why; a figure under one of them is missing, not zero.
    unread: Vec<(String, String)>,
    /// What the reader said about the file as a whole, for the reviewer.
    pub notes: Vec<String>,
}

/// Words of the importer's comment on cells printed blank (IMPORT-BLANK:
/// `…原文空白，导入为空（~）`): read as blank, not lost.
const BLANK_MARK: &str = "导入为空";

/// Most notes kept per side.
const MAX_NOTES: usize = 12;

/// Why a file could not be compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SideError {
    /// The file.
    pub file: PathBuf,
    /// Why, in Chinese.
    pub message: String,
}

impl std::fmt::Display for SideError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl Side {
    /// A report already in memory, read from a data file.
    pub fn data(report: Report) -> Side {
        Side {
            file: PathBuf::new(),
            origin: Origin::Data,
            report,
            unread: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// Reads `file`: a data file (`.yaml`, `.yml`, `.xlsx`) through the
    /// loader, anything else through the importer. `seen` is the identity
    /// a folder walk saw, if it found the file.
    pub fn read(file: &Path, seen: Option<FileId>) -> Result<Side, SideError> {
        let fail = |message: String| SideError {
            file: file.to_path_buf(),
            message,
        };
        if walk::is_data_file(file) {
            let loaded = crate::load::load_walked(file, seen).map_err(|e| fail(e.message))?;
            let Some(report) = loaded.report else {
                return Err(fail(format!(
                    "不是可以读取的数据文件：{}",
                    first_errors(&loaded.diagnostics)
                )));
            };
            Ok(Side::from_diagnostics(
                file,
                Origin::Data,
                report,
                &loaded.diagnostics,
            ))
        } else {
            // Compared as published: pending revisions read as accepted.
            let opts = crate::import::Options {
                accept_revisions: true,
                ..Default::default()
            };
            let imported =
                crate::import::import_walked(file, seen, &opts).map_err(|e| fail(e.to_string()))?;
            let origin = Origin::Published(imported.format.name());
            let cells_read = imported.cells_read();
            let mut side =
                Side::from_diagnostics(file, origin, imported.report, &imported.diagnostics);
            side.unread_from_notes(&imported.notes, &imported.diagnostics);
            if !cells_read {
                side.notes.insert(
                    0,
                    "导入不完整：有的行或单元格未能从原文读出，下文标为“未能读出”，不按 0 计算"
                        .into(),
                );
            }
            Ok(side)
        }
    }

    /// A side whose unread places and notes come from the reader's
    /// diagnostics: errors of a data file, and what the importer could not
    /// read or place.
    fn from_diagnostics(file: &Path, origin: Origin, report: Report, diags: &[Diagnostic]) -> Side {
        let imported = origin != Origin::Data;
        let mut side = Side {
            file: file.to_path_buf(),
            origin,
            report,
            unread: Vec::new(),
            notes: Vec::new(),
        };
        for d in diags {
            let lost = if imported {
                matches!(d.code, codes::IMPORT_MISSING | codes::IMPORT_VALUE)
            } else {
                d.severity == Severity::Error
            };
            match &d.path {
                Some(p) if lost => side.unread.push((p.clone(), d.message.clone())),
                None if d.severity == Severity::Error => side.notes.push(d.message.clone()),
                _ => {}
            }
        }
        if side.notes.len() > MAX_NOTES {
            let more = side.notes.len() - MAX_NOTES;
            side.notes.truncate(MAX_NOTES);
            side.notes.push(format!("另有 {more} 条未列出"));
        }
        side
    }

    /// Adds the places the importer left a comment on in the data file it
    /// would write — rows not found, tables not read whole, 2019 rows
    /// printed as one, figures it could not read — except cells printed
    /// blank, which were read (as blank). The comments are kept for every
    /// place, while repeated diagnostics are grouped; a blank's comment is
    /// told by the importer's wording ([`BLANK_MARK`], checked by a test).
    fn unread_from_notes(&mut self, notes: &crate::write::Notes, diags: &[Diagnostic]) {
        let blank = |p: &str, text: &str| {
            text.contains(BLANK_MARK)
                || diags
                    .iter()
                    .any(|d| d.code == codes::IMPORT_BLANK && d.path.as_deref() == Some(p))
        };
        for (p, texts) in &notes.above {
            if texts.iter().all(|t| blank(p, t)) || self.unread.iter().any(|(q, _)| q == p) {
                continue;
            }
            if let Some(text) = texts.iter().find(|t| !blank(p, t)) {
                let text = text.strip_prefix("导入：").unwrap_or(text);
                self.unread.push((p.clone(), text.to_string()));
            }
        }
    }

    /// Why the value at data path `cell` could not be read, when it could
    /// not: the reason given for it, its row or its table.
    pub fn unread(&self, cell: &str) -> Option<&str> {
        self.unread
            .iter()
            .find(|(p, _)| {
                cell.strip_prefix(p.as_str())
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
            })
            .map(|(_, why)| why.as_str())
    }

    /// How many places could not be read.
    pub fn unread_count(&self) -> usize {
        self.unread.len()
    }

    /// The agency as the report names it.
    pub fn agency(&self) -> &str {
        &self.report.agency.value
    }
}

/// The first error messages of a file that could not be loaded.
fn first_errors(diags: &[Diagnostic]) -> String {
    let errors: Vec<&str> = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .take(3)
        .map(|d| d.message.as_str())
        .collect();
    if errors.is_empty() {
        "没有可用的内容".into()
    } else {
        errors.join("；")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edition, official, path};

    #[test]
    fn cells_printed_blank_are_empty_and_rows_not_found_unread() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
        // Only 自然人 and 总计 printed: the other columns are blank, not lost,
        // in every row (more rows than the importer lists one by one).
        let blanks = Side::read(&root.join("001-tabs.txt"), None).unwrap();
        let rows = official::t3_rows(blanks.report.edition());
        for row in rows
            .iter()
            .filter(|r| r.role != official::T3Role::ResultTotal)
        {
            assert_eq!(
                blanks.unread(&path::table3_cell(row, 1)),
                None,
                "{}",
                row.label
            );
        }
        let truncated = Side::read(&root.join("002-truncated.txt"), None).unwrap();
        let rows = official::t3_rows(truncated.report.edition());
        let last = &rows[rows.len() - 1];
        assert!(truncated.unread(&path::table3_cell(last, 0)).is_some());
    }

    #[test]
    fn a_row_or_table_that_was_not_read_covers_its_cells() {
        let mut side = Side::data(crate::testutil::report(Edition::E2021));
        let row = &official::t3_rows(Edition::E2021)[0];
        side.unread
            .push((path::table3_row(row), "缺少这一行".into()));
        assert_eq!(side.unread(&path::table3_cell(row, 3)), Some("缺少这一行"));
        let next = &official::t3_rows(Edition::E2021)[1];
        assert_eq!(side.unread(&path::table3_cell(next, 3)), None);
        side.unread
            .push((path::table4_row(&official::T4_GROUPS[0]), "缺".into()));
        // `复议诉讼.行政复议` must not cover a group whose key merely begins the same way.
        assert_eq!(
            side.unread(&path::table4_cell(&official::T4_GROUPS[1], 0)),
            None
        );
    }
}
