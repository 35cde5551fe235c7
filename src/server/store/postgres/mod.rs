//! The store in a PostgreSQL database (or one speaking its protocol and
//! SQL: KingbaseES, openGauss, HighGo, Vastbase), for a county whose data
//! must live in its approved database or for several server processes
//! behind one gateway. Same [`crate::server::store::Store`] as the SQLite store: the same
//! numbered [`migrations`], the same transactions, the same optimistic
//! check on every save (`UPDATE … WHERE revision = … AND text = …`, zero
//! rows: stale). Under PostgreSQL's READ COMMITTED a second writer of the
//! same row waits for the first and re-checks that condition, so two
//! processes never both record the same revision.
//!
//! It is a [`Backend`]: the statements and the rules are the shared ones
//! (`store::shared`, `store::sql`), run on its connections through
//! [`db`] with `$n` for `?n`; only the pool, the connection, the schema
//! and the move's copy are its own. Connections come from a bounded pool ([`PgStore::with`]):
//! at most [`MAX_CONNECTIONS`] per process, opened when needed and kept
//! open (a new backend costs PostgreSQL a process and the login: with a
//! few idle ones kept, 200 editors saving at once made the database open
//! and close a connection for most saves, and spend as much CPU as the
//! server); a request that finds them all busy waits for one. A connection
//! the database dropped is not reused.

pub mod connect;
pub mod conninfo;
pub mod copy;
mod db;
pub mod migrations;
mod prepared;
#[cfg(test)]
pub(crate) mod test_cluster;

use std::sync::{Condvar, Mutex};
use std::time::Duration;

use postgres::error::SqlState;
pub(crate) use prepared::{Conn, Prepared, Tx};

use super::StoreError;
use super::error::Storage;
use super::shared::Backend;
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

impl Backend for PgStore {
    fn connected<T>(
        &self,
        f: impl FnOnce(&mut dyn super::db::Db) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.with(|c| f(c))
    }

    fn transaction<T>(
        &self,
        f: impl FnOnce(&mut dyn super::db::Db) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.tx(|tx| f(tx))
    }

    fn backup_to(&self, _to: &std::path::Path) -> Result<(), StoreError> {
        Err(StoreError::Database(BACKUP_BY_PG_DUMP.to_string()))
    }

    fn backup_tool(&self) -> Option<&'static str> {
        Some(BACKUP_BY_PG_DUMP)
    }
}

/// Why a PostgreSQL store is not backed up by the server (shown on the
/// board and by `server backup`).
const BACKUP_BY_PG_DUMP: &str = "数据保存在 PostgreSQL 数据库中，服务器不自行备份：\
     请由数据库管理员用数据库自带的工具备份（如 pg_dump -Fc -f nianbao.dump 数据库名，\
     恢复用 pg_restore），见 docs/server.md";
