//! The logins' and the sessions' changes of several statements, each run
//! in the caller's transaction (or on its connection): a failed login
//! counted per client and against the account, a login's devices, a
//! session started or seen, an address's failures.

use super::write_audit;
use crate::server::store::db::Db;
use crate::server::store::{Entry, FailedLogin, StoreError, StoredSession, now, rows, sql};

/// Rows of `client_failures` older than this (seconds) are dropped.
const FORGET_AFTER: i64 = 24 * 3600;

/// Devices remembered per account (the most recent).
const DEVICES_PER_ACCOUNT: i64 = 32;

/// How often (seconds) a session's time is written as it is used.
const TOUCH_EVERY: i64 = 60;

/// Records the failed login `f` (see
/// [`crate::server::store::Store::login_failed`]); its client's failures
/// in a row.
pub(super) fn failed(tx: &mut dyn Db, f: &FailedLogin<'_>) -> Result<i64, StoreError> {
    let at = now();
    tx.execute(sql::CLIENT_FORGET, &[(at - FORGET_AFTER).into()])?;
    let args = [f.account.into(), f.client.into(), at.into()];
    let failures = match tx.int(sql::CLIENT_BUMP, &args)? {
        Some(failures) => failures,
        None => {
            tx.execute(sql::CLIENT_FIRST, &args)?;
            1
        }
    };
    if f.untrusted {
        tx.execute(
            sql::ACCOUNT_FAILED,
            &[f.account.into(), at.into(), f.window.into()],
        )?;
    }
    write_audit(tx, &f.audit)?;
    Ok(failures)
}

/// Records a login of account `id` from `client` (and the browser whose
/// device cookie hashes to `device`, if given).
pub(super) fn succeeded(
    tx: &mut dyn Db,
    (id, client, device): (i64, &str, Option<&str>),
    audit: &Entry<'_>,
) -> Result<(), StoreError> {
    tx.execute(sql::CLIENT_CLEAR, &[id.into(), client.into()])?;
    if let Some(device) = device {
        tx.execute(sql::DEVICE_FORGET, &[device.into()])?;
        tx.execute(sql::DEVICE_ADD, &[device.into(), id.into(), now().into()])?;
        tx.execute(sql::DEVICES_TRIM, &[id.into(), DEVICES_PER_ACCOUNT.into()])?;
    }
    write_audit(tx, audit)
}

/// Starts session `s`, forgetting the idle ones and the oldest past
/// `max`.
pub(super) fn session_start(
    tx: &mut dyn Db,
    s: &StoredSession,
    max: i64,
    idle: i64,
) -> Result<(), StoreError> {
    tx.execute(sql::SESSIONS_FORGET_IDLE, &[(now() - idle).into()])?;
    tx.execute(sql::SESSIONS_FORGET_OLDEST, &[(max - 1).into()])?;
    let args = [
        (&s.token).into(),
        (&s.user).into(),
        (&s.unit).into(),
        s.role.key().into(),
        (&s.csrf).into(),
        s.last_seen.into(),
        (&s.region).into(),
    ];
    tx.execute(sql::SESSION_START, &args).map(|_| ())
}

/// The session of `token` if seen within `idle` seconds (its time moved
/// on, at most once a minute); an idle one is forgotten.
pub(super) fn session(
    c: &mut dyn Db,
    token: &str,
    idle: i64,
) -> Result<Option<StoredSession>, StoreError> {
    let Some(mut session) = c.row(sql::SESSION, &[token.into()], rows::session)? else {
        return Ok(None);
    };
    let at = now();
    if session.last_seen + idle <= at {
        c.execute(sql::SESSION_END, &[token.into()])?;
        return Ok(None);
    }
    if session.last_seen + TOUCH_EVERY <= at {
        c.execute(sql::SESSION_TOUCH, &[token.into(), at.into()])?;
        session.last_seen = at;
    }
    Ok(Some(session))
}

/// Counts a failed login from `address` (see
/// [`crate::server::store::Store::address_failed`]); its failures now.
pub(super) fn address_failed(
    tx: &mut dyn Db,
    address: &str,
    window: i64,
    max: i64,
) -> Result<i64, StoreError> {
    let at = now();
    if tx.execute(
        sql::ADDRESS_BUMP,
        &[address.into(), at.into(), window.into()],
    )? == 0
    {
        tx.execute(sql::ADDRESS_FORGET, &[(at - window).into()])?;
        if tx.int(sql::ADDRESS_COUNT, &[])?.unwrap_or(0) >= max {
            tx.execute(sql::ADDRESS_OLDEST, &[(max - 1).into()])?;
        }
        tx.execute(sql::ADDRESS_FIRST, &[address.into(), at.into()])?;
    }
    let failures = tx.int(sql::ADDRESS, &[address.into()])?;
    failures.ok_or_else(|| StoreError::Database("登录失败计数未能写入".to_string()))
}
