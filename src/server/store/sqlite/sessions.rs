//! The SQLite store's sessions and per-address login counts (the
//! statements are shared with the PostgreSQL store: `store::sessions_sql`).

use rusqlite::{OptionalExtension, params};

use super::{SqliteStore, failure};
use crate::server::store::sessions_sql as sql;
use crate::server::store::{Role, StoreError, StoredSession, now};

/// How often (seconds) a session's time is written as it is used.
const TOUCH_EVERY: i64 = 60;

impl SqliteStore {
    pub(super) fn session_start_in(
        &self,
        s: &StoredSession,
        max: i64,
        idle: i64,
    ) -> Result<(), StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction().map_err(failure)?;
        tx.execute(sql::FORGET_IDLE, [now() - idle])
            .map_err(failure)?;
        tx.execute(sql::FORGET_OLDEST, [max - 1]).map_err(failure)?;
        tx.execute(
            sql::START,
            params![
                s.token,
                s.user,
                s.unit,
                s.role.key(),
                s.csrf,
                s.last_seen,
                s.region
            ],
        )
        .map_err(failure)?;
        tx.commit().map_err(failure)
    }

    pub(super) fn session_in(
        &self,
        token: &str,
        idle: i64,
    ) -> Result<Option<StoredSession>, StoreError> {
        let conn = self.conn();
        let found = conn
            .query_row(sql::GET, [token], |r| {
                Ok(StoredSession {
                    token: r.get(0)?,
                    user: r.get(1)?,
                    unit: r.get(2)?,
                    role: Role::from_key(&r.get::<_, String>(3)?),
                    csrf: r.get(4)?,
                    last_seen: r.get(5)?,
                    region: r.get(6)?,
                })
            })
            .optional()
            .map_err(failure)?;
        let Some(mut session) = found else {
            return Ok(None);
        };
        let at = now();
        if session.last_seen + idle <= at {
            conn.execute(sql::END, [token]).map_err(failure)?;
            return Ok(None);
        }
        if session.last_seen + TOUCH_EVERY <= at {
            conn.execute(sql::TOUCH, params![token, at])
                .map_err(failure)?;
            session.last_seen = at;
        }
        Ok(Some(session))
    }

    pub(super) fn session_end_in(&self, token: &str) -> Result<(), StoreError> {
        self.conn()
            .execute(sql::END, [token])
            .map(|_| ())
            .map_err(failure)
    }

    pub(super) fn sessions_end_user_in(&self, user: &str, keep: &str) -> Result<(), StoreError> {
        self.conn()
            .execute(sql::END_USER, [user, keep])
            .map(|_| ())
            .map_err(failure)
    }

    pub(super) fn address_failures_in(&self, address: &str) -> Result<(i64, i64), StoreError> {
        self.conn()
            .query_row(sql::ADDRESS, [address], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()
            .map(|f| f.unwrap_or((0, 0)))
            .map_err(failure)
    }

    pub(super) fn address_failed_in(
        &self,
        address: &str,
        window: i64,
        max: i64,
    ) -> Result<i64, StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction().map_err(failure)?;
        let at = now();
        let bumped = tx
            .execute(sql::ADDRESS_BUMP, params![address, at, window])
            .map_err(failure)?;
        if bumped == 0 {
            tx.execute(sql::ADDRESS_FORGET, [at - window])
                .map_err(failure)?;
            let count: i64 = tx
                .query_row(sql::ADDRESS_COUNT, [], |r| r.get(0))
                .map_err(failure)?;
            if count >= max {
                tx.execute(sql::ADDRESS_OLDEST, [max - 1])
                    .map_err(failure)?;
            }
            tx.execute(sql::ADDRESS_FIRST, params![address, at])
                .map_err(failure)?;
        }
        let failures = tx
            .query_row(sql::ADDRESS, [address], |r| r.get(0))
            .map_err(failure)?;
        tx.commit().map_err(failure)?;
        Ok(failures)
    }
}
