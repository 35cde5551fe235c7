//! The store's accounts and years: the accounts listed and added, the
//! former names of a renamed unit, the rounds (years) opened and the
//! opening of the next one in one transaction.

use rusqlite::{OptionalExtension, params};

use super::{ACCOUNT_COLUMNS, SqliteStore, account_row, failure, insert_account, write_audit};
use crate::server::store::{Account, Entry, NewAccount, NewRound, StoreError, now};

impl SqliteStore {
    pub(super) fn accounts_in(&self) -> Result<Vec<Account>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn
            .prepare_cached(&format!("{ACCOUNT_COLUMNS} ORDER BY id"))
            .map_err(failure)?;
        stmt.query_map([], account_row)
            .map_err(failure)?
            .collect::<Result<Vec<_>, _>>()
            .map_err(failure)
    }

    pub(super) fn add_account_in(
        &self,
        account: &NewAccount<'_>,
        audit: &Entry<'_>,
    ) -> Result<(), StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction().map_err(failure)?;
        insert_account(&tx, account)?;
        write_audit(&tx, audit)?;
        tx.commit().map_err(failure)
    }

    pub(super) fn former_names_in(&self, id: i64) -> Result<Vec<(String, i64)>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn
            .prepare_cached(
                "SELECT name, until_year FROM former_names WHERE account = ?1 ORDER BY until_year, id",
            )
            .map_err(failure)?;
        stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(failure)?
            .collect::<Result<Vec<_>, _>>()
            .map_err(failure)
    }

    pub(super) fn rounds_in(&self) -> Result<Vec<i64>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn
            .prepare_cached(
                "SELECT year FROM rounds UNION SELECT DISTINCT year FROM reports ORDER BY year DESC",
            )
            .map_err(failure)?;
        stmt.query_map([], |r| r.get(0))
            .map_err(failure)?
            .collect::<Result<Vec<_>, _>>()
            .map_err(failure)
    }

    pub(super) fn open_round_in(&self, round: &NewRound<'_>) -> Result<(), StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction().map_err(failure)?;
        let taken: Option<i64> = tx
            .query_row(
                "SELECT year FROM rounds WHERE year = ?1 UNION SELECT year FROM reports WHERE year = ?1",
                [round.year],
                |r| r.get(0),
            )
            .optional()
            .map_err(failure)?;
        if taken.is_some() {
            return Err(StoreError::Duplicate(format!("{} 年度的收集", round.year)));
        }
        tx.execute(
            "INSERT INTO rounds (year, opened_at, opened_by) VALUES (?1, ?2, ?3)",
            params![round.year, now(), round.who],
        )
        .map_err(failure)?;
        for account in &round.added {
            insert_account(&tx, account)?;
        }
        for r in &round.renamed {
            tx.execute(
                "INSERT OR IGNORE INTO former_names (account, name, until_year) VALUES (?1, ?2, ?3)",
                params![r.account, r.former, round.year - 1],
            )
            .map_err(failure)?;
            tx.execute(
                "UPDATE accounts SET unit = ?2 WHERE id = ?1",
                params![r.account, r.unit],
            )
            .map_err(failure)?;
        }
        for (id, kind) in &round.kinds {
            tx.execute(
                "UPDATE accounts SET agency_kind = ?2 WHERE id = ?1",
                params![id, kind],
            )
            .map_err(failure)?;
        }
        for id in &round.retired {
            tx.execute("UPDATE accounts SET retired = 1 WHERE id = ?1", [id])
                .map_err(failure)?;
        }
        let at = now();
        for r in &round.reports {
            // The draft is the report's first revision (kind `carry`), so
            // that it can be compared with last year's.
            tx.execute(
                "INSERT INTO reports (unit, owner, year, state, text, revision, errors, empty, region, \
                 agency_kind) VALUES (?1, ?2, ?3, 'new', ?4, 1, ?5, ?6, \
                 COALESCE((SELECT region FROM accounts WHERE user = ?2), ''), \
                 COALESCE((SELECT agency_kind FROM accounts WHERE user = ?2), ''))",
                params![r.unit, r.owner, round.year, r.text, r.errors, r.empty],
            )
            .map_err(failure)?;
            tx.execute(
                "INSERT INTO revisions (report, revision, kind, who, at, text) \
                 VALUES (?1, 1, 'carry', ?2, ?3, ?4)",
                params![tx.last_insert_rowid(), round.who, at, r.text],
            )
            .map_err(failure)?;
        }
        write_audit(&tx, &round.audit)?;
        tx.commit().map_err(failure)
    }
}
