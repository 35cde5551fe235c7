//! The sign-off round (审签): a reviewed Word document, built by this tool
//! and edited by the reviewers with tracked changes and comments, read
//! back into changes to the data file.
//!
//! [`read`] takes the .docx apart as the reviewer left it; the current data
//! file is built into the same document and read the same way; the two are
//! aligned paragraph by paragraph and table by table, and each difference
//! is traced to its source ([`source`]): a table cell to its data path, a
//! paragraph's edits character by character to the narrative field it was
//! built from, a figure printed from a placeholder to its table cell. What
//! cannot be traced is listed as such, never dropped. Nothing is written
//! here: a [`Change`] carries what to write, and the caller writes the
//! accepted ones.

mod align;
mod error;
mod identity;
pub mod marked;
mod paragraph;
pub mod read;
pub mod source;

use std::ops::Range;

pub use error::MergeError;
pub use read::{Comment, Revision, RevisionKind};

use crate::model::Report;

/// What writing a change does to the data file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "类型")]
pub enum Edit {
    /// Byte ranges of a narrative field's value replaced, from the end.
    #[serde(rename = "正文")]
    Field {
        /// The field's data path.
        path: String,
        /// `(range in the field's value, replacement)`, in order.
        edits: Vec<(Range<usize>, String)>,
    },
    /// A value set whole.
    #[serde(rename = "数值")]
    Value {
        /// Its data path.
        path: String,
        /// The new value as typed.
        value: String,
    },
    /// Nothing can be written (see [`Change::problem`]).
    #[serde(rename = "无法写回")]
    None,
}

impl Edit {
    /// The data path written, if any.
    pub fn path(&self) -> Option<&str> {
        match self {
            Edit::Field { path, .. } | Edit::Value { path, .. } => Some(path),
            Edit::None => None,
        }
    }
}

/// One change found in the reviewed document.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Change {
    /// Its number in the list, from 1.
    pub id: usize,
    /// Where it is in the document, in Chinese (`一、总体情况 第 2 段`).
    pub place: String,
    /// The text before (the paragraph or cell as built).
    pub before: String,
    /// The text after (as the reviewer left it, changes accepted).
    pub after: String,
    /// What writing it does.
    pub edit: Edit,
    /// The tracked changes behind it (who, when); empty for an edit made
    /// without tracking.
    pub revisions: Vec<Revision>,
    /// Why it cannot be written, when it cannot.
    pub problem: Option<String>,
    /// Why it conflicts with the data file as it is now, when it does.
    pub conflict: Option<String>,
    /// `before` turned into `after`, character by character: the runs kept,
    /// deleted and inserted ([`marked::Marked`]).
    #[serde(rename = "diff")]
    pub marked: Vec<marked::Marked>,
    /// What must be confirmed before it is written, when it renames the
    /// agency (the title, the opening paragraph, the signature and the file
    /// names change with it): written only when confirmed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confirm: Option<String>,
}

impl Change {
    /// Whether it can be written without asking: mapped, not in conflict,
    /// nothing to confirm.
    pub fn writable(&self) -> bool {
        self.confirmable() && self.confirm.is_none()
    }

    /// Whether it can be written once confirmed ([`Change::confirm`]):
    /// mapped and not in conflict.
    pub fn confirmable(&self) -> bool {
        self.problem.is_none() && self.conflict.is_none() && self.edit != Edit::None
    }
}

/// Marks the changes that would rename the agency as to be confirmed.
fn renames(report: &Report, changes: &mut [Change]) {
    for c in changes {
        if let Edit::Value { path, value } = &c.edit
            && path == crate::model::schema::top::AGENCY
            && value.trim() != report.agency.value.trim()
        {
            c.confirm = Some(format!(
                "这处改动会把机关名称由“{}”改为“{}”：报告的标题、开头一段、落款和生成的文件名都会随之改变。\
                 确是机构更名的，确认后写入（命令行加 --rename-agency，页面上勾选这一项），并在数据文件中把原名称写入“曾用名”",
                report.agency.value, value
            ));
        }
    }
}

/// Whether the reviewed document was built from the data as it is now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Version {
    /// Built from these very values.
    #[serde(rename = "一致")]
    Same,
    /// Built from other values: the data file changed since.
    #[serde(rename = "数据已改动")]
    Changed,
    /// The document does not record it (not built by this tool, or by an
    /// older version).
    #[serde(rename = "未记录")]
    Unknown,
}

/// A comment with the place it is anchored to.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PlacedComment {
    /// The comment.
    #[serde(flatten)]
    pub comment: Comment,
    /// Where its anchor is, in Chinese.
    pub place: String,
    /// The data path it concerns, when known: where a kept note goes.
    pub path: Option<String>,
}

/// Everything found in a reviewed document.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Review {
    /// Whether it was built from the current data.
    pub version: Version,
    /// The changes, in document order.
    pub changes: Vec<Change>,
    /// The comments, in the order of `word/comments.xml`.
    pub comments: Vec<PlacedComment>,
    /// Tracked changes in the document, all kinds.
    pub revisions: usize,
    /// Why the document is not taken as a reviewed copy of this report (it
    /// lost most of its body, or it records no digest and its title names
    /// another agency or year), in Chinese: then no change is writable.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refusal: Option<String>,
}

/// Compares the reviewed document `docx` with `report` as it is now.
pub fn review(report: &Report, docx: &[u8]) -> Result<Review, MergeError> {
    let reviewed = read::read(docx)?;
    let mut review = align::review(report, reviewed)?;
    renames(report, &mut review.changes);
    Ok(review)
}

/// `text` with the field edits applied (ranges in `text`, in any order,
/// not overlapping); `None` when a range does not fit `text`.
pub fn apply_field_edits(text: &str, edits: &[&(Range<usize>, String)]) -> Option<String> {
    let mut sorted: Vec<&(Range<usize>, String)> = edits.to_vec();
    sorted.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
    let mut out = text.to_string();
    let mut limit = usize::MAX;
    for (r, with) in sorted {
        if r.end > limit
            || r.start > r.end
            || r.end > out.len()
            || !out.is_char_boundary(r.start)
            || !out.is_char_boundary(r.end)
        {
            return None;
        }
        out.replace_range(r.clone(), with);
        limit = r.start;
    }
    Some(out)
}

#[cfg(test)]
mod tests;
