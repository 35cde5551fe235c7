//! The changes of several statements, each run in the caller's
//! transaction: the seed of a new store, a revision recorded (with the
//! save-burst rule, [`mergeable`]), a remark added and a round opened.

use super::{insert_account, write_audit};
use crate::server::store::db::{Arg, Db};
use crate::server::store::{
    COALESCE_SECONDS, Change, Entry, NewReport, NewRound, Remark, RemarkAdded, Seed, StoreError,
    now, sql,
};

/// Fills a new store (see [`crate::server::store::Store::populate`]).
pub(super) fn populate(tx: &mut dyn Db, seed: &Seed<'_>) -> Result<(), StoreError> {
    for account in &seed.accounts {
        insert_account(tx, account)?;
    }
    for report in &seed.reports {
        insert_report(tx, report)?;
    }
    tx.execute(
        sql::ROUNDS_OF_REPORTS,
        &[now().into(), seed.audit.who.into()],
    )?;
    write_audit(tx, &seed.audit)
}

/// Adds the report `r`, not started.
fn insert_report(tx: &mut dyn Db, r: &NewReport<'_>) -> Result<(), StoreError> {
    let args = [r.unit.into(), r.owner.into(), r.year.into(), r.text.into()];
    tx.execute(sql::REPORT_ADD, &args).map(|_| ())
}

/// The row of the report's latest revision that `change` (made at `at`)
/// replaces rather than follows: a save by the same account within
/// [`COALESCE_SECONDS`] of that revision, itself a save with no remark.
fn mergeable(tx: &mut dyn Db, change: &Change<'_>, at: i64) -> Result<Option<i64>, StoreError> {
    if change.kind != "save" {
        return Ok(None);
    }
    let args = [
        change.report.into(),
        change.base.into(),
        change.who.into(),
        (at - COALESCE_SECONDS).into(),
    ];
    tx.int(sql::MERGEABLE, &args)
}

/// Records `change` (see [`crate::server::store::Store::record`]); the
/// revision's number.
pub(super) fn record(tx: &mut dyn Db, change: &Change<'_>) -> Result<i64, StoreError> {
    let at = now();
    let merged = mergeable(tx, change, at)?;
    let number = if merged.is_some() {
        change.base
    } else {
        change.base + 1
    };
    let args: [Arg; 11] = [
        change.report.into(),
        change.base.into(),
        change.text.into(),
        number.into(),
        change.state.key().into(),
        change.errors.into(),
        change.empty.into(),
        change.remark.into(),
        at.into(),
        change.who.into(),
        change.base_text.into(),
    ];
    if tx.execute(sql::REPORT_CHANGE, &args)? != 1 {
        return Err(StoreError::Stale);
    }
    match merged {
        Some(row) => tx.execute(
            sql::REVISION_REPLACE,
            &[row.into(), change.text.into(), at.into()],
        ),
        None => tx.execute(
            sql::REVISION_ADD,
            &[
                change.report.into(),
                number.into(),
                change.kind.into(),
                change.who.into(),
                at.into(),
                change.text.into(),
                change.remark.into(),
            ],
        ),
    }?;
    if let Some(entry) = &change.audit {
        write_audit(tx, entry)?;
    }
    Ok(number)
}

/// How many remarks revision `revision` of report `report` has.
pub(super) fn remark_count(db: &mut dyn Db, report: i64, revision: i64) -> Result<i64, StoreError> {
    let count = db.int(sql::REMARK_COUNT, &[report.into(), revision.into()])?;
    Ok(count.unwrap_or(0))
}

/// Adds remark `r` on revision `revision` of report `report` (see
/// [`crate::server::store::Store::add_remark`]).
pub(super) fn add_remark(
    tx: &mut dyn Db,
    (report, revision): (i64, i64),
    r: &Remark,
    limit: i64,
    audit: &Entry<'_>,
) -> Result<RemarkAdded, StoreError> {
    if remark_count(tx, report, revision)? >= limit {
        return Ok(RemarkAdded::Full);
    }
    let args: [Arg; 7] = [
        report.into(),
        revision.into(),
        (&r.path).into(),
        r.para.into(),
        (&r.text).into(),
        (&r.who).into(),
        now().into(),
    ];
    let Some(id) = tx.int(sql::REMARK_ADD, &args)? else {
        return Err(StoreError::Stale);
    };
    write_audit(tx, audit)?;
    Ok(RemarkAdded::Added(id))
}

/// Opens the round `round.year` (see
/// [`crate::server::store::Store::open_round`]).
pub(super) fn open_round(tx: &mut dyn Db, round: &NewRound<'_>) -> Result<(), StoreError> {
    if tx.int(sql::ROUND_TAKEN, &[round.year.into()])?.is_some() {
        return Err(StoreError::Duplicate(format!("{} 年度的收集", round.year)));
    }
    let opened = [round.year.into(), now().into(), round.who.into()];
    tx.execute(sql::ROUND_OPEN, &opened)?;
    for account in &round.added {
        insert_account(tx, account)?;
    }
    for r in &round.renamed {
        let former = [r.account.into(), r.former.into(), (round.year - 1).into()];
        tx.execute(sql::FORMER_NAME_ADD, &former)?;
        tx.execute(sql::RENAME, &[r.account.into(), r.unit.into()])?;
    }
    for (id, kind) in &round.kinds {
        tx.execute(sql::SET_KIND, &[(*id).into(), (*kind).into()])?;
    }
    for id in &round.retired {
        tx.execute(sql::RETIRE, &[(*id).into()])?;
    }
    let at = now();
    for r in &round.reports {
        // The draft is the report's first revision (kind `carry`), so
        // that it can be compared with last year's.
        let args: [Arg; 6] = [
            r.unit.into(),
            r.owner.into(),
            round.year.into(),
            r.text.into(),
            r.errors.into(),
            r.empty.into(),
        ];
        let id = tx
            .int(sql::ROUND_REPORT_ADD, &args)?
            .ok_or_else(|| StoreError::Database("新报告没有编号".to_string()))?;
        let carry = [id.into(), round.who.into(), at.into(), r.text.into()];
        tx.execute(sql::REVISION_CARRY, &carry)?;
    }
    write_audit(tx, &round.audit)
}
