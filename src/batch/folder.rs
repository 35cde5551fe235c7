//! What a folder run says beside its files' rows: the files it did not
//! read (and why, and what to do), the roster's account, and notes said
//! once for the whole run (last year's files missing). Shown after the
//! summary table, as extra rows of the CSV and as sections of the HTML
//! summary.

use std::fmt::Write as _;

use super::roster::{Reconciled, Roster};
use super::summary::{self, Row};
use super::walk::{self, Found, Reading};

/// The account of a folder run beside its files.
#[derive(Debug, Clone, Default)]
pub struct FolderNotes {
    /// Files not read: the file and why, with what to do.
    pub passed_over: Vec<(String, String)>,
    /// The roster and what it says, when one was given.
    pub roster: Option<(Roster, Reconciled)>,
    /// Notes for the whole run, one line each.
    pub notes: Vec<String>,
}

impl FolderNotes {
    /// The notes of a walk: the files it passed over, each with the advice
    /// for a command reading `reading` ([`walk::advice`]).
    pub fn passed_over(found: &Found, reading: Reading) -> FolderNotes {
        FolderNotes {
            passed_over: found
                .passed_over
                .iter()
                .map(|p| (p.display().to_string(), walk::advice(p, reading)))
                .collect(),
            ..FolderNotes::default()
        }
    }

    /// Whether there is anything to say.
    pub fn is_empty(&self) -> bool {
        self.passed_over.is_empty() && self.roster.is_none() && self.notes.is_empty()
    }

    /// The sections as text, for after the summary table (control
    /// characters shown, never sent).
    pub fn text(&self) -> String {
        let mut out = String::new();
        if !self.passed_over.is_empty() {
            let _ = writeln!(out, "未读取的文件（{} 个）：", self.passed_over.len());
            for (file, why) in &self.passed_over {
                let _ = writeln!(
                    out,
                    "  {}：{}",
                    crate::diag::visible(file),
                    crate::diag::visible(why)
                );
            }
        }
        if let Some((roster, rec)) = &self.roster {
            out.push_str("名单核对：\n");
            for line in rec.lines(roster) {
                let _ = writeln!(out, "  {}", crate::diag::visible(&line));
            }
        }
        for note in &self.notes {
            let _ = writeln!(out, "说明：{}", crate::diag::visible(note));
        }
        out
    }

    /// The roster's account (its lines, when a roster was given) and the
    /// notes, for the HTML summaries.
    pub fn sections(&self) -> (Option<Vec<String>>, &[String]) {
        let roster = self.roster.as_ref().map(|(names, rec)| rec.lines(names));
        (roster, &self.notes)
    }

    /// Everything as single lines, for stderr.
    pub fn lines(&self) -> Vec<String> {
        let mut lines: Vec<String> = self
            .passed_over
            .iter()
            .map(|(file, why)| format!("未读取 {}：{}", crate::diag::visible(file), why))
            .collect();
        if let Some((roster, rec)) = &self.roster {
            lines.extend(rec.lines(roster).iter().map(|l| format!("名单核对：{l}")));
        }
        lines.extend(
            self.notes
                .iter()
                .map(|n| crate::diag::visible(n).into_owned()),
        );
        lines
    }

    /// The rows the CSV adds after the files': each file not read, each
    /// roster name nobody submitted for.
    pub fn extra_rows(&self) -> Vec<Row> {
        let mut rows: Vec<Row> = self
            .passed_over
            .iter()
            .map(|(file, why)| {
                let mut row = Row::blank(file.clone());
                row.problems = vec![format!("未读取：{why}")];
                row
            })
            .collect();
        if let Some((_, rec)) = &self.roster {
            rows.extend(rec.missing.iter().map(|name| {
                let mut row = Row::blank(String::new());
                row.agency = name.clone();
                row.roster = "未报送".into();
                row
            }));
        }
        rows
    }
}

/// The HTML summary of a folder `check`: the roster's account, the table
/// of every file with its figures and first problems, the files not read
/// and the notes. Self-contained (no external resource), every text of
/// the input escaped.
pub fn check_html(rows: &[Row], folder: &FolderNotes) -> String {
    use super::page::{TableCell, TableRow};
    let roster = folder.roster.is_some();
    let mut context = super::page::context("年度报告数据校验汇总");
    context.insert("total", &rows.len());
    context.insert("bad", &rows.iter().filter(|r| r.errors > 0).count());
    let headings: Vec<String> = summary::long_headings(roster)
        .into_iter()
        .map(str::to_string)
        .collect();
    let table: Vec<TableRow> = rows
        .iter()
        .chain(&folder.extra_rows())
        .map(|row| TableRow {
            bad: row.errors > 0 || !row.roster.is_empty(),
            cells: row
                .long_fields(roster, "\n")
                .iter()
                .enumerate()
                .map(|(i, field)| {
                    TableCell::text(field, (3..=5).contains(&i) || (9..=14).contains(&i))
                })
                .collect(),
        })
        .collect();
    super::page::insert_table(&mut context, folder.sections(), &headings, &table);
    super::page::render("check", &context)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_html_summary_escapes_and_lists_everything() {
        let mut row = Row::blank("<b>.yaml".into());
        row.errors = 1;
        row.problems = vec!["错误 T3-BAL（x）：<i>".into(), "另有 2 条".into()];
        let folder = FolderNotes {
            passed_over: vec![("a.docx".into(), "已公布的年报".into())],
            roster: None,
            notes: vec!["上年文件不在".into()],
        };
        let html = check_html(&[row], &folder);
        assert!(html.contains("&lt;b&gt;.yaml"));
        assert!(!html.contains("<i>"));
        assert!(html.contains("&lt;i&gt;<br>另有 2 条"));
        assert!(html.contains("未读取：已公布的年报"));
        assert!(html.contains("说明：上年文件不在"));
        assert!(
            folder
                .text()
                .contains("未读取的文件（1 个）：\n  a.docx：已公布的年报")
        );
    }
}
