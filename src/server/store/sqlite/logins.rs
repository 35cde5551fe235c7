//! The store's record of logins: failures per account and client (a
//! known device or an address), the account's own count in its window,
//! the devices an account logged in from, and the unlock that clears
//! them.

use rusqlite::{OptionalExtension, params};

use super::{SqliteStore, failure, write_audit};
use crate::server::store::{Entry, FailedLogin, StoreError, now};

/// Rows of `client_failures` older than this (seconds) are dropped.
const FORGET_AFTER: i64 = 24 * 3600;

/// Devices remembered per account (the most recent).
const DEVICES_PER_ACCOUNT: i64 = 32;

impl SqliteStore {
    pub(super) fn client_failures_in(
        &self,
        id: i64,
        client: &str,
    ) -> Result<(i64, i64), StoreError> {
        self.conn()
            .query_row(
                "SELECT failures, last_at FROM client_failures WHERE account = ?1 AND client = ?2",
                params![id, client],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map(|found| found.unwrap_or((0, 0)))
            .map_err(failure)
    }

    pub(super) fn login_failed_in(&self, f: &FailedLogin<'_>) -> Result<i64, StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction().map_err(failure)?;
        let at = now();
        tx.execute(
            "DELETE FROM client_failures WHERE last_at < ?1",
            [at - FORGET_AFTER],
        )
        .map_err(failure)?;
        tx.execute(
            "INSERT INTO client_failures (account, client, failures, last_at) VALUES (?1, ?2, 1, ?3) \
             ON CONFLICT (account, client) DO UPDATE SET failures = failures + 1, last_at = ?3",
            params![f.account, f.client, at],
        )
        .map_err(failure)?;
        if f.untrusted {
            tx.execute(
                "UPDATE accounts SET \
                 failures = CASE WHEN window_start + ?3 <= ?2 THEN 1 ELSE failures + 1 END, \
                 window_start = CASE WHEN window_start + ?3 <= ?2 THEN ?2 ELSE window_start END \
                 WHERE id = ?1",
                params![f.account, at, f.window],
            )
            .map_err(failure)?;
        }
        let failures = tx
            .query_row(
                "SELECT failures FROM client_failures WHERE account = ?1 AND client = ?2",
                params![f.account, f.client],
                |r| r.get(0),
            )
            .map_err(failure)?;
        write_audit(&tx, &f.audit)?;
        tx.commit().map_err(failure)?;
        Ok(failures)
    }

    pub(super) fn login_succeeded_in(
        &self,
        id: i64,
        client: &str,
        device: Option<&str>,
        audit: &Entry<'_>,
    ) -> Result<(), StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction().map_err(failure)?;
        tx.execute(
            "DELETE FROM client_failures WHERE account = ?1 AND client = ?2",
            params![id, client],
        )
        .map_err(failure)?;
        if let Some(device) = device {
            tx.execute(
                "INSERT OR REPLACE INTO devices (token, account, at) VALUES (?1, ?2, ?3)",
                params![device, id, now()],
            )
            .map_err(failure)?;
            tx.execute(
                "DELETE FROM devices WHERE account = ?1 AND token NOT IN \
                 (SELECT token FROM devices WHERE account = ?1 ORDER BY at DESC LIMIT ?2)",
                params![id, DEVICES_PER_ACCOUNT],
            )
            .map_err(failure)?;
        }
        write_audit(&tx, audit)?;
        tx.commit().map_err(failure)
    }

    pub(super) fn device_known_in(&self, id: i64, device: &str) -> Result<bool, StoreError> {
        self.conn()
            .query_row(
                "SELECT 1 FROM devices WHERE account = ?1 AND token = ?2",
                params![id, device],
                |_| Ok(()),
            )
            .optional()
            .map(|found| found.is_some())
            .map_err(failure)
    }

    pub(super) fn unlock_in(&self, id: i64, audit: &Entry<'_>) -> Result<(), StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction().map_err(failure)?;
        tx.execute(
            "UPDATE accounts SET failures = 0, locked_until = 0, window_start = 0 WHERE id = ?1",
            [id],
        )
        .map_err(failure)?;
        tx.execute("DELETE FROM client_failures WHERE account = ?1", [id])
            .map_err(failure)?;
        write_audit(&tx, audit)?;
        tx.commit().map_err(failure)
    }
}
