//! What the office's oversight reads from the store (issue 65): a round's
//! deadlines, the steps of its reports over time, and the audit log.

/// The deadlines the office set for a round (`YYYY-MM-DD`; empty: the
/// rule's default, see [`crate::server::deadline`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Deadlines {
    /// For departments (and townships, sub-districts).
    pub departments: String,
    /// For people's governments at county level and above.
    pub governments: String,
}

/// A step of a report in its round: a submission, return or approval.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// The report.
    pub report: i64,
    /// `submit`, `return` or `approve`.
    pub kind: String,
    /// Unix seconds.
    pub at: i64,
}

/// Which lines of the audit log to list.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter<'a> {
    /// Only this account's lines (empty: every account's).
    pub who: &'a str,
    /// Only these actions (empty: every action).
    pub actions: &'a [&'a str],
    /// Only lines whose detail holds this text, or whose account belongs
    /// to the unit of this name (empty: every line).
    pub unit: &'a str,
    /// At most this many lines, newest first.
    pub limit: i64,
}

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditLine {
    /// The row id.
    pub id: i64,
    /// Unix seconds.
    pub at: i64,
    /// The account (empty: none).
    pub who: String,
    /// What was done.
    pub action: String,
    /// Its details.
    pub detail: String,
}

/// `text` for a `LIKE` pattern with `\` as its escape: `%`, `_` and `\`
/// matched as themselves.
pub fn like_escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}
