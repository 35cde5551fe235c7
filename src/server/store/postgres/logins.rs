//! The PostgreSQL store's record of logins (as the SQLite store's
//! `logins`): failures per account and client, the account's window,
//! known devices, the unlock. The SQLite upserts are an update, then an
//! insert when no row was there, in the same transaction.

use super::Db;

use super::{PgStore, failure, write_audit};
use crate::server::store::{Entry, FailedLogin, StoreError, now};

/// Rows of `client_failures` older than this (seconds) are dropped.
const FORGET_AFTER: i64 = 24 * 3600;

/// Devices remembered per account (the most recent).
const DEVICES_PER_ACCOUNT: i64 = 32;

fn count_failure(tx: &mut impl Db, f: &FailedLogin<'_>, at: i64) -> Result<i64, StoreError> {
    let bumped = tx
        .query_opt(
            "UPDATE client_failures SET failures = failures + 1, last_at = $3 \
             WHERE account = $1 AND client = $2 RETURNING failures",
            &[&f.account, &f.client, &at],
        )
        .map_err(failure)?;
    if let Some(row) = bumped {
        return Ok(row.get(0));
    }
    tx.execute(
        "INSERT INTO client_failures (account, client, failures, last_at) VALUES ($1, $2, 1, $3)",
        &[&f.account, &f.client, &at],
    )
    .map_err(failure)?;
    Ok(1)
}

fn login_failed_tx(tx: &mut impl Db, f: &FailedLogin<'_>) -> Result<i64, StoreError> {
    let at = now();
    tx.execute(
        "DELETE FROM client_failures WHERE last_at < $1",
        &[&(at - FORGET_AFTER)],
    )
    .map_err(failure)?;
    let failures = count_failure(tx, f, at)?;
    if f.untrusted {
        tx.execute(
            "UPDATE accounts SET \
             failures = CASE WHEN window_start + $3 <= $2 THEN 1 ELSE failures + 1 END, \
             window_start = CASE WHEN window_start + $3 <= $2 THEN $2 ELSE window_start END \
             WHERE id = $1",
            &[&f.account, &at, &f.window],
        )
        .map_err(failure)?;
    }
    write_audit(tx, &f.audit)?;
    Ok(failures)
}

fn login_succeeded_tx(
    tx: &mut impl Db,
    (id, client): (i64, &str),
    device: Option<&str>,
    audit: &Entry<'_>,
) -> Result<(), StoreError> {
    tx.execute(
        "DELETE FROM client_failures WHERE account = $1 AND client = $2",
        &[&id, &client],
    )
    .map_err(failure)?;
    if let Some(device) = device {
        tx.execute("DELETE FROM devices WHERE token = $1", &[&device])
            .map_err(failure)?;
        tx.execute(
            "INSERT INTO devices (token, account, at) VALUES ($1, $2, $3)",
            &[&device, &id, &now()],
        )
        .map_err(failure)?;
        tx.execute(
            "DELETE FROM devices WHERE account = $1 AND token NOT IN \
             (SELECT token FROM devices WHERE account = $1 ORDER BY at DESC LIMIT $2)",
            &[&id, &DEVICES_PER_ACCOUNT],
        )
        .map_err(failure)?;
    }
    write_audit(tx, audit)
}

impl PgStore {
    pub(super) fn client_failures_in(
        &self,
        id: i64,
        client: &str,
    ) -> Result<(i64, i64), StoreError> {
        let row = self.with(|c| {
            c.query_opt(
                "SELECT failures, last_at FROM client_failures WHERE account = $1 AND client = $2",
                &[&id, &client],
            )
            .map_err(failure)
        })?;
        Ok(row.map_or((0, 0), |r| (r.get(0), r.get(1))))
    }

    pub(super) fn login_failed_in(&self, f: &FailedLogin<'_>) -> Result<i64, StoreError> {
        // A first failure inserted by two processes at once: the loser
        // retries once and finds the row.
        match self.tx(|tx| login_failed_tx(tx, f)) {
            Err(StoreError::Duplicate(_)) => self.tx(|tx| login_failed_tx(tx, f)),
            other => other,
        }
    }

    pub(super) fn login_succeeded_in(
        &self,
        id: i64,
        client: &str,
        device: Option<&str>,
        audit: &Entry<'_>,
    ) -> Result<(), StoreError> {
        match self.tx(|tx| login_succeeded_tx(tx, (id, client), device, audit)) {
            Err(StoreError::Duplicate(_)) => {
                self.tx(|tx| login_succeeded_tx(tx, (id, client), device, audit))
            }
            other => other,
        }
    }

    pub(super) fn device_known_in(&self, id: i64, device: &str) -> Result<bool, StoreError> {
        self.with(|c| {
            c.query_opt(
                "SELECT 1 FROM devices WHERE account = $1 AND token = $2",
                &[&id, &device],
            )
            .map(|r| r.is_some())
            .map_err(failure)
        })
    }

    pub(super) fn unlock_in(&self, id: i64, audit: &Entry<'_>) -> Result<(), StoreError> {
        self.tx(|tx| {
            tx.execute(
                "UPDATE accounts SET failures = 0, locked_until = 0, window_start = 0 WHERE id = $1",
                &[&id],
            )
            .map_err(failure)?;
            tx.execute("DELETE FROM client_failures WHERE account = $1", &[&id])
                .map_err(failure)?;
            write_audit(tx, audit)
        })
    }
}
