//! The PostgreSQL store's years: former names, the rounds opened and the
//! opening of the next one in one transaction (as the SQLite store's).

use super::Db;

use super::{PgStore, failure, insert_account, write_audit};
use crate::server::store::{NewRound, StoreError, now};

fn open_round_tx(tx: &mut impl Db, round: &NewRound<'_>) -> Result<(), StoreError> {
    let taken = tx
        .query_opt(
            "SELECT year FROM rounds WHERE year = $1 UNION SELECT year FROM reports WHERE year = $1",
            &[&round.year],
        )
        .map_err(failure)?;
    if taken.is_some() {
        return Err(StoreError::Duplicate(format!("{} 年度的收集", round.year)));
    }
    tx.execute(
        "INSERT INTO rounds (year, opened_at, opened_by) VALUES ($1, $2, $3)",
        &[&round.year, &now(), &round.who],
    )
    .map_err(failure)?;
    for account in &round.added {
        insert_account(tx, account)?;
    }
    for r in &round.renamed {
        tx.execute(
            "INSERT INTO former_names (account, name, until_year) SELECT $1, $2::TEXT, $3 \
             WHERE NOT EXISTS (SELECT 1 FROM former_names WHERE account = $1 AND name = $2)",
            &[&r.account, &r.former, &(round.year - 1)],
        )
        .map_err(failure)?;
        tx.execute(
            "UPDATE accounts SET unit = $2 WHERE id = $1",
            &[&r.account, &r.unit],
        )
        .map_err(failure)?;
    }
    for (id, kind) in &round.kinds {
        tx.execute(
            "UPDATE accounts SET agency_kind = $2 WHERE id = $1",
            &[id, kind],
        )
        .map_err(failure)?;
    }
    for id in &round.retired {
        tx.execute("UPDATE accounts SET retired = 1 WHERE id = $1", &[id])
            .map_err(failure)?;
    }
    let at = now();
    for r in &round.reports {
        let id: i64 = tx
            .query_one(
                "INSERT INTO reports (unit, owner, year, state, text, revision, errors, empty, region, \
                 agency_kind) VALUES ($1, $2, $3, 'new', $4, 1, $5, $6, \
                 COALESCE((SELECT region FROM accounts WHERE \"user\" = $2), ''), \
                 COALESCE((SELECT agency_kind FROM accounts WHERE \"user\" = $2), '')) RETURNING id",
                &[&r.unit, &r.owner, &round.year, &r.text, &r.errors, &r.empty],
            )
            .map_err(failure)?
            .get(0);
        tx.execute(
            "INSERT INTO revisions (report, revision, kind, who, at, text) \
             VALUES ($1, 1, 'carry', $2, $3, $4)",
            &[&id, &round.who, &at, &r.text],
        )
        .map_err(failure)?;
    }
    write_audit(tx, &round.audit)
}

impl PgStore {
    pub(super) fn former_names_in(&self, id: i64) -> Result<Vec<(String, i64)>, StoreError> {
        let rows = self.with(|c| {
            c.query(
                "SELECT name, until_year FROM former_names WHERE account = $1 ORDER BY until_year, id",
                &[&id],
            )
            .map_err(failure)
        })?;
        Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
    }

    pub(super) fn rounds_in(&self) -> Result<Vec<i64>, StoreError> {
        let rows = self.with(|c| {
            c.query(
                "SELECT year FROM rounds UNION SELECT DISTINCT year FROM reports ORDER BY year DESC",
                &[],
            )
            .map_err(failure)
        })?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }

    pub(super) fn open_round_in(&self, round: &NewRound<'_>) -> Result<(), StoreError> {
        self.tx(|tx| open_round_tx(tx, round))
    }
}
