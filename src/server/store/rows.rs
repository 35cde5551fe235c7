//! The store's rows read into its types, once for both stores: each
//! reader takes the columns in the order its statement in [`super::sql`]
//! lists them.

use super::db::Row;
use super::{
    Account, AuditLine, Deadlines, Remark, ReportMeta, ReportRow, Revision, Role, State, Step,
    StoreError, StoredSession,
};

/// An account ([`super::sql::ACCOUNTS`]).
pub fn account(mut r: Row) -> Result<Account, StoreError> {
    Ok(Account {
        id: r.int(0)?,
        user: r.text(1)?,
        unit: r.text(2)?,
        role: Role::from_key(&r.text(3)?),
        hash: r.text(4)?,
        failures: r.int(5)?,
        locked_until: r.int(6)?,
        window_start: r.int(7)?,
        retired: r.int(8)? != 0,
        region: r.text(9)?,
        agency_kind: r.text(10)?,
    })
}

/// A report with its text ([`super::sql::REPORTS`]): what lists show,
/// then the text.
pub fn report(mut r: Row) -> Result<ReportRow, StoreError> {
    let text = r.text(13)?;
    Ok(ReportRow {
        meta: meta(r)?,
        text,
    })
}

/// A report as lists show it ([`super::sql::LISTING`]).
pub fn meta(mut r: Row) -> Result<ReportMeta, StoreError> {
    Ok(ReportMeta {
        id: r.int(0)?,
        unit: r.text(1)?,
        year: r.int(2)?,
        state: State::from_key(&r.text(3)?),
        revision: r.int(4)?,
        errors: r.maybe_int(5)?,
        empty: r.maybe_int(6)?,
        remark: r.text(7)?,
        changed_at: r.int(8)?,
        changed_by: r.text(9)?,
        owner: r.text(10)?,
        region: r.text(11)?,
        agency_kind: r.text(12)?,
    })
}

/// A revision without its text ([`super::sql::REVISIONS`]).
pub fn revision(mut r: Row) -> Result<Revision, StoreError> {
    Ok(Revision {
        revision: r.int(0)?,
        kind: r.text(1)?,
        who: r.text(2)?,
        at: r.int(3)?,
        remark: r.text(4)?,
    })
}

/// A remark ([`super::sql::REMARKS`]).
pub fn remark(mut r: Row) -> Result<Remark, StoreError> {
    Ok(Remark {
        id: r.int(0)?,
        revision: r.int(1)?,
        path: r.text(2)?,
        para: r.int(3)?,
        text: r.text(4)?,
        who: r.text(5)?,
        at: r.int(6)?,
    })
}

/// A session ([`super::sql::SESSION`]).
pub fn session(mut r: Row) -> Result<StoredSession, StoreError> {
    Ok(StoredSession {
        token: r.text(0)?,
        user: r.text(1)?,
        unit: r.text(2)?,
        role: Role::from_key(&r.text(3)?),
        csrf: r.text(4)?,
        last_seen: r.int(5)?,
        region: r.text(6)?,
    })
}

/// A round's deadlines ([`super::sql::DEADLINES`]).
pub fn deadlines(mut r: Row) -> Result<Deadlines, StoreError> {
    Ok(Deadlines {
        departments: r.text(0)?,
        governments: r.text(1)?,
    })
}

/// A step of a report ([`super::sql::STEPS`]).
pub fn step(mut r: Row) -> Result<Step, StoreError> {
    Ok(Step {
        report: r.int(0)?,
        kind: r.text(1)?,
        at: r.int(2)?,
    })
}

/// A line of the audit log ([`super::sql::audit_log`]).
pub fn audit_line(mut r: Row) -> Result<AuditLine, StoreError> {
    Ok(AuditLine {
        id: r.int(0)?,
        at: r.int(1)?,
        who: r.text(2)?,
        action: r.text(3)?,
        detail: r.text(4)?,
    })
}

/// Two whole numbers (a count and a time).
pub fn pair(r: Row) -> Result<(i64, i64), StoreError> {
    Ok((r.int(0)?, r.int(1)?))
}

/// A text and a whole number (a name and its last year).
pub fn text_and_int(mut r: Row) -> Result<(String, i64), StoreError> {
    Ok((r.text(0)?, r.int(1)?))
}

/// A whole number and a text (a report and its digest).
pub fn int_and_text(mut r: Row) -> Result<(i64, String), StoreError> {
    Ok((r.int(0)?, r.text(1)?))
}
