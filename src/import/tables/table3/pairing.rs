//! Labels and rows of figures that cannot be paired with certainty. A
//! portal that cut the row labels from their rows prints a few labels one
//! after another and then the rows of figures (`2.没有现成信息需要另行制作`,
//! `3.补正后申请内容仍不明确`, then two bare rows), or a label is followed by
//! more rows than it can hold. Which row belongs to which label is then a
//! guess, and nothing in the table confirms it: rows swapped inside a
//! group leave every column total as it is. A wrong figure in a county's
//! summary is worse than a blank, so those rows are left blank and said
//! (issue 72); rows whose labels were lost and whose number is exactly the
//! number of official rows between two printed labels are placed before
//! this (`place_unlabelled`), since the edition's row count confirms them.

use super::super::super::cells::{Cell, Kind};
use super::super::entries::Entry;
use super::{Labels, T3Match};
use crate::model::official::T3Role;

/// Why an entry's row is left blank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Doubt {
    /// Row labels printed apart from their figures (this entry's among them).
    pub(super) labels: usize,
    /// Whole rows of figures printed under them.
    pub(super) rows: usize,
    /// The rows as printed, for the message.
    pub(super) figures: Vec<String>,
}

impl Doubt {
    /// The reason said on each row left blank.
    pub(super) fn reason(&self, group: &str, row: &str) -> String {
        let shown = self.figures.join("／");
        let part = if group.is_empty() {
            "第三部分".to_string()
        } else {
            format!("第三部分{group}")
        };
        if self.labels > 1 {
            format!(
                "{part}的标签与数字行无法一一对应，“{row}”未导入：原文先印了 {} 个行标签，之后才是 {} 行数字（{shown}），哪一行属于哪个标签无法确定",
                self.labels, self.rows
            )
        } else {
            format!(
                "{part}的标签与数字行无法一一对应，“{row}”未导入：这个行标签后有 {} 行数字（{shown}），哪一行属于它无法确定",
                self.rows
            )
        }
    }
}

/// Whether `seg` is one whole row of `width` figures.
pub(super) fn full_row(seg: &[Cell], width: usize) -> bool {
    let filled: Vec<&Cell> = seg.iter().filter(|c| c.kind != Kind::Empty).collect();
    filled.len() == width
        && filled
            .iter()
            .all(|c| matches!(c.kind, Kind::Value(_) | Kind::NotApplicable))
        && seg
            .iter()
            .skip_while(|c| c.kind == Kind::Empty)
            .take(width)
            .all(|c| c.kind != Kind::Empty)
}

/// For each entry, the doubt that leaves its row blank: a run of bare row
/// labels followed by a labelled entry holding two or more whole rows, or a
/// labelled entry holding more whole rows than its one label.
pub(super) fn doubts(all: &[Entry], labels: &Labels, width: usize) -> Vec<Option<Doubt>> {
    let rows_named = named_rows(all, labels);
    let mut out: Vec<Option<Doubt>> = vec![None; all.len()];
    for (k, e) in all.iter().enumerate() {
        if !rows_named[k] {
            continue;
        }
        let rows: Vec<&Vec<Cell>> = e.segments.iter().filter(|s| full_row(s, width)).collect();
        if rows.len() < 2 {
            continue;
        }
        let bare_before = (0..k)
            .rev()
            .take_while(|&j| rows_named[j] && !all[j].has_numbers())
            .count();
        let doubt = Doubt {
            labels: bare_before + 1,
            rows: rows.len(),
            figures: rows.iter().map(|s| as_printed(s)).collect(),
        };
        for slot in &mut out[k - bare_before..=k] {
            *slot = Some(doubt.clone());
        }
    }
    out
}

/// Whether each entry's label names a row of the table (not a group title
/// or the 办理结果 heading, not the result total), read in order as the
/// table is.
fn named_rows(all: &[Entry], labels: &Labels) -> Vec<bool> {
    let mut group = None;
    let mut seen_result = false;
    all.iter()
        .map(|e| {
            let Some(label) = &e.label else {
                return false;
            };
            match labels.best_text(&label.piece.text, group, seen_result) {
                Some(T3Match::Row(i)) => {
                    let def = &labels.defs[i];
                    group = def.group.map(|g| g.key);
                    seen_result |= def.role == T3Role::Result;
                    def.role != T3Role::ResultTotal
                }
                Some(T3Match::Group(g)) => {
                    group = Some(g);
                    false
                }
                _ => false,
            }
        })
        .collect()
}

/// A row's figures as printed, one space apart.
fn as_printed(seg: &[Cell]) -> String {
    seg.iter()
        .filter(|c| c.kind != Kind::Empty)
        .map(|c| c.piece.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}
