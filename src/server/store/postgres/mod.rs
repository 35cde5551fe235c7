//! The store in a PostgreSQL database (or one speaking its protocol and
//! SQL: KingbaseES, openGauss, HighGo, Vastbase), for a county whose data
//! must live in its approved database or for several server processes
//! behind one gateway. Same [`Store`] as the SQLite store: the same
//! numbered [`migrations`], the same transactions, the same optimistic
//! check on every save (`UPDATE … WHERE revision = … AND text = …`, zero
//! rows: stale). Under PostgreSQL's READ COMMITTED a second writer of the
//! same row waits for the first and re-checks that condition, so two
//! processes never both record the same revision.
//!
//! The statements mirror the SQLite store's one for one (`$n` for `?n`,
//! `"user"` quoted, `ON CONFLICT`/`INSERT OR …` written as an update then
//! an insert in the same transaction): a new [`Store`] method is one more
//! statement here. Connections come from a bounded pool ([`PgStore::with`]):
//! at most [`MAX_CONNECTIONS`] per process, opened when needed and kept
//! open (a new backend costs PostgreSQL a process and the login: with a
//! few idle ones kept, 200 editors saving at once made the database open
//! and close a connection for most saves, and spend as much CPU as the
//! server); a request that finds them all busy waits for one. A connection
//! the database dropped is not reused.

pub mod connect;
pub mod conninfo;
pub mod copy;
mod logins;
pub mod migrations;
mod oversight;
mod prepared;
mod reports;
mod sessions;
#[cfg(test)]
pub(crate) mod test_cluster;
mod years;

use std::sync::{Condvar, Mutex};
use std::time::Duration;

use postgres::Row;
use postgres::error::SqlState;
pub(crate) use prepared::{Conn, Db, Tx};

use super::error::Storage;
use super::{Account, Entry, NewAccount, NewReport, ReportRow, Role, State, StoreError, now};
pub use connect::{Target, is_postgres_url};
pub use conninfo::shown;

/// Most connections one server process holds: the requests of a process
/// use a connection only for their statements (the checking and rendering
/// happen outside), so a few serve hundreds of editors, and a province's
/// processes stay well inside PostgreSQL's `max_connections` (100 by
/// default; openGauss and KingbaseES alike).
pub const MAX_CONNECTIONS: usize = 16;

/// How long a request waits for a connection when all are in use.
const WAIT: Duration = Duration::from_secs(30);

/// The connections of a process: those idle, and how many are open.
struct Pool {
    idle: Vec<Conn>,
    open: usize,
}

/// The store in a PostgreSQL database.
pub struct PgStore {
    target: Target,
    pool: Mutex<Pool>,
    /// Signalled when a connection comes back or a place frees up.
    freed: Condvar,
    /// What the database says it is (`SELECT version()`), for the log.
    pub server_version: String,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore")
            .field("target", &self.target)
            .field("server_version", &self.server_version)
            .finish_non_exhaustive()
    }
}

/// The driver's error as text: the database's own message when it sent
/// one (never the password, which the driver does not echo).
pub(crate) fn message(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => format!("{}（{}）", db.message(), db.code().code()),
        None => e.to_string(),
    }
}

/// Whether `e` is the connection failing (refused, reset, closed, timed
/// out, the socket gone) — not a TLS certificate refused or any other
/// error of the settings, which waiting does not mend.
pub(crate) fn broken(e: &postgres::Error) -> bool {
    use std::io::ErrorKind::*;
    std::error::Error::source(e)
        .and_then(|s| s.downcast_ref::<std::io::Error>())
        .is_some_and(|io| {
            matches!(
                io.kind(),
                ConnectionRefused
                    | ConnectionReset
                    | ConnectionAborted
                    | NotConnected
                    | BrokenPipe
                    | TimedOut
                    | UnexpectedEof
                    | NotFound
                    | AddrNotAvailable
                    | HostUnreachable
                    | NetworkUnreachable
                    | NetworkDown
            )
        })
}

/// A database error as the store's.
pub(crate) fn failure(e: postgres::Error) -> StoreError {
    let text = message(&e);
    match e.code() {
        Some(c)
            if *c == SqlState::CHARACTER_NOT_IN_REPERTOIRE
                || *c == SqlState::UNTRANSLATABLE_CHARACTER =>
        {
            StoreError::Unstorable(text)
        }
        Some(c) if *c == SqlState::UNIQUE_VIOLATION => {
            StoreError::Duplicate("同一名称（或同一单位同一年度）的记录".to_string())
        }
        Some(c) if *c == SqlState::DISK_FULL || *c == SqlState::PROGRAM_LIMIT_EXCEEDED => {
            StoreError::Storage(Storage::Full, text)
        }
        Some(c) if *c == SqlState::READ_ONLY_SQL_TRANSACTION => {
            StoreError::Storage(Storage::ReadOnly, text)
        }
        Some(c)
            if *c == SqlState::T_R_SERIALIZATION_FAILURE
                || *c == SqlState::T_R_DEADLOCK_DETECTED
                || *c == SqlState::LOCK_NOT_AVAILABLE
                || *c == SqlState::TOO_MANY_CONNECTIONS =>
        {
            StoreError::Storage(Storage::Busy, text)
        }
        Some(c)
            if *c == SqlState::ADMIN_SHUTDOWN
                || *c == SqlState::CRASH_SHUTDOWN
                || *c == SqlState::CANNOT_CONNECT_NOW
                || *c == SqlState::CONNECTION_EXCEPTION
                || *c == SqlState::CONNECTION_FAILURE
                || *c == SqlState::CONNECTION_DOES_NOT_EXIST
                || *c == SqlState::SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION =>
        {
            StoreError::Storage(Storage::Unavailable, text)
        }
        Some(_) => StoreError::Database(text),
        // No answer from the database at all: the connection closed or
        // broken (the server stopped, the network down).
        None if e.is_closed() || broken(&e) => StoreError::Storage(Storage::Unavailable, text),
        None => StoreError::Database(text),
    }
}

impl PgStore {
    /// Connects to the database of connection string `url` (its password
    /// from the environment), its schema brought up to date.
    pub fn open(url: &str) -> Result<PgStore, StoreError> {
        let target = Target::parse(url)?;
        let mut client = target.connect()?;
        let server_version: String = client
            .query_one("SELECT version()", &[])
            .map_err(failure)?
            .get(0);
        migrations::migrate(&mut client)?;
        Ok(PgStore {
            target,
            pool: Mutex::new(Pool {
                idle: vec![Conn::new(client)],
                open: 1,
            }),
            freed: Condvar::new(),
            server_version,
        })
    }

    /// Runs `f` on a connection from the pool (a new one while fewer than
    /// [`MAX_CONNECTIONS`] are open, else the first to come back); the
    /// connection goes back unless the database dropped it.
    pub(crate) fn with<T>(
        &self,
        f: impl FnOnce(&mut Conn) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut client = self.take()?;
        let out = f(&mut client);
        let mut pool = self.pool.lock().unwrap_or_else(|e| e.into_inner());
        if client.is_closed() {
            pool.open -= 1;
        } else {
            pool.idle.push(client);
        }
        drop(pool);
        self.freed.notify_one();
        out
    }

    /// An idle connection, or a new one if there is room, or the first to
    /// come back within [`WAIT`].
    fn take(&self) -> Result<Conn, StoreError> {
        let lock = || self.pool.lock().unwrap_or_else(|e| e.into_inner());
        let mut pool = lock();
        let until = std::time::Instant::now() + WAIT;
        loop {
            while let Some(c) = pool.idle.pop() {
                if !c.is_closed() {
                    return Ok(c);
                }
                pool.open -= 1;
            }
            if pool.open < MAX_CONNECTIONS {
                pool.open += 1;
                drop(pool);
                return self.target.connect().map(Conn::new).inspect_err(|_| {
                    lock().open -= 1;
                    self.freed.notify_one();
                });
            }
            let left = until.saturating_duration_since(std::time::Instant::now());
            if left.is_zero() {
                return Err(StoreError::Storage(
                    Storage::Busy,
                    format!(
                        "{MAX_CONNECTIONS} 个数据库连接都在使用中，等待 {} 秒仍无空闲",
                        WAIT.as_secs()
                    ),
                ));
            }
            pool = self
                .freed
                .wait_timeout(pool, left)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    /// Runs `f` in one transaction, committed when it succeeds (rolled
    /// back otherwise).
    pub(crate) fn tx<T>(
        &self,
        f: impl FnOnce(&mut Tx<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.with(|client| {
            let mut tx = client.transaction().map_err(failure)?;
            let out = f(&mut tx)?;
            tx.commit().map_err(failure)?;
            Ok(out)
        })
    }
}

/// Adds the audit line `entry` in the transaction `tx`.
pub(crate) fn write_audit(tx: &mut impl Db, entry: &Entry<'_>) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO audit (at, who, action, detail) VALUES ($1, $2, $3, $4)",
        &[&now(), &entry.who, &entry.action, &entry.detail],
    )
    .map(|_| ())
    .map_err(failure)
}

fn insert_account(tx: &mut impl Db, a: &NewAccount<'_>) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO accounts (\"user\", unit, role, hash, region, agency_kind) \
         VALUES ($1, $2, $3, $4, $5, $6)",
        &[
            &a.user,
            &a.unit,
            &a.role.key(),
            &a.hash,
            &a.region,
            &a.agency_kind,
        ],
    )
    .map(|_| ())
    .map_err(failure)
}

fn insert_report(tx: &mut impl Db, r: &NewReport<'_>) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO reports (unit, owner, year, state, text, region, agency_kind) \
         VALUES ($1, $2, $3, 'new', $4, \
         COALESCE((SELECT region FROM accounts WHERE \"user\" = $2), ''), \
         COALESCE((SELECT agency_kind FROM accounts WHERE \"user\" = $2), ''))",
        &[&r.unit, &r.owner, &r.year, &r.text],
    )
    .map(|_| ())
    .map_err(failure)
}

const ACCOUNT_COLUMNS: &str = "SELECT id, \"user\", unit, role, hash, failures, locked_until, \
                               window_start, retired, region, agency_kind FROM accounts";

fn account_row(r: &Row) -> Account {
    Account {
        id: r.get(0),
        user: r.get(1),
        unit: r.get(2),
        role: Role::from_key(r.get(3)),
        hash: r.get(4),
        failures: r.get(5),
        locked_until: r.get(6),
        window_start: r.get(7),
        retired: r.get::<_, i64>(8) != 0,
        region: r.get(9),
        agency_kind: r.get(10),
    }
}

const REPORT_COLUMNS: &str = "SELECT id, unit, year, state, text, revision, errors, empty, remark, \
                              changed_at, changed_by, owner, region, agency_kind FROM reports";

fn report_row(r: &Row) -> ReportRow {
    ReportRow {
        id: r.get(0),
        unit: r.get(1),
        year: r.get(2),
        state: State::from_key(r.get(3)),
        text: r.get(4),
        revision: r.get(5),
        errors: r.get(6),
        empty: r.get(7),
        remark: r.get(8),
        changed_at: r.get(9),
        changed_by: r.get(10),
        owner: r.get(11),
        region: r.get(12),
        agency_kind: r.get(13),
    }
}
