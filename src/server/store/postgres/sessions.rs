//! The PostgreSQL store's sessions and per-address login counts: the
//! statements shared with the SQLite store (`store::sessions_sql`), with
//! `$n` parameters.

use super::Db;

use super::{PgStore, failure};
use crate::server::store::sessions_sql::{self as sql, dollars};
use crate::server::store::{Role, StoreError, StoredSession, now};

/// How often (seconds) a session's time is written as it is used.
const TOUCH_EVERY: i64 = 60;

fn address_failed_tx(
    tx: &mut impl Db,
    address: &str,
    window: i64,
    max: i64,
) -> Result<i64, StoreError> {
    let at = now();
    let bumped = tx
        .execute(&dollars(sql::ADDRESS_BUMP), &[&address, &at, &window])
        .map_err(failure)?;
    if bumped == 0 {
        tx.execute(&dollars(sql::ADDRESS_FORGET), &[&(at - window)])
            .map_err(failure)?;
        let count: i64 = tx
            .query_one(sql::ADDRESS_COUNT, &[])
            .map_err(failure)?
            .get(0);
        if count >= max {
            tx.execute(&dollars(sql::ADDRESS_OLDEST), &[&(max - 1)])
                .map_err(failure)?;
        }
        tx.execute(&dollars(sql::ADDRESS_FIRST), &[&address, &at])
            .map_err(failure)?;
    }
    Ok(tx
        .query_one(&dollars(sql::ADDRESS), &[&address])
        .map_err(failure)?
        .get(0))
}

impl PgStore {
    pub(super) fn session_start_in(
        &self,
        s: &StoredSession,
        max: i64,
        idle: i64,
    ) -> Result<(), StoreError> {
        self.tx(|tx| {
            tx.execute(&dollars(sql::FORGET_IDLE), &[&(now() - idle)])
                .map_err(failure)?;
            tx.execute(&dollars(sql::FORGET_OLDEST), &[&(max - 1)])
                .map_err(failure)?;
            tx.execute(
                &dollars(sql::START),
                &[
                    &s.token,
                    &s.user,
                    &s.unit,
                    &s.role.key(),
                    &s.csrf,
                    &s.last_seen,
                    &s.region,
                ],
            )
            .map(|_| ())
            .map_err(failure)
        })
    }

    pub(super) fn session_in(
        &self,
        token: &str,
        idle: i64,
    ) -> Result<Option<StoredSession>, StoreError> {
        self.with(|c| {
            let Some(r) = c
                .query_opt(&dollars(sql::GET), &[&token])
                .map_err(failure)?
            else {
                return Ok(None);
            };
            let mut session = StoredSession {
                token: r.get(0),
                user: r.get(1),
                unit: r.get(2),
                role: Role::from_key(r.get(3)),
                csrf: r.get(4),
                last_seen: r.get(5),
                region: r.get(6),
            };
            let at = now();
            if session.last_seen + idle <= at {
                c.execute(&dollars(sql::END), &[&token]).map_err(failure)?;
                return Ok(None);
            }
            if session.last_seen + TOUCH_EVERY <= at {
                c.execute(&dollars(sql::TOUCH), &[&token, &at])
                    .map_err(failure)?;
                session.last_seen = at;
            }
            Ok(Some(session))
        })
    }

    pub(super) fn session_end_in(&self, token: &str) -> Result<(), StoreError> {
        self.with(|c| {
            c.execute(&dollars(sql::END), &[&token])
                .map(|_| ())
                .map_err(failure)
        })
    }

    pub(super) fn sessions_end_user_in(&self, user: &str, keep: &str) -> Result<(), StoreError> {
        self.with(|c| {
            c.execute(&dollars(sql::END_USER), &[&user, &keep])
                .map(|_| ())
                .map_err(failure)
        })
    }

    pub(super) fn address_failures_in(&self, address: &str) -> Result<(i64, i64), StoreError> {
        self.with(|c| {
            c.query_opt(&dollars(sql::ADDRESS), &[&address])
                .map(|r| r.map_or((0, 0), |r| (r.get(0), r.get(1))))
                .map_err(failure)
        })
    }

    pub(super) fn address_failed_in(
        &self,
        address: &str,
        window: i64,
        max: i64,
    ) -> Result<i64, StoreError> {
        // A first failure inserted by two processes at once: the loser
        // retries once and counts on the row the other made.
        match self.tx(|tx| address_failed_tx(tx, address, window, max)) {
            Err(StoreError::Duplicate(_)) => {
                self.tx(|tx| address_failed_tx(tx, address, window, max))
            }
            other => other,
        }
    }
}
