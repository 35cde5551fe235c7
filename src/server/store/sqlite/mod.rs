//! The store in one SQLite file (WAL mode, `synchronous=FULL`): a
//! [`Backend`] of the collection server's [`crate::server::store::Store`]
//! (the statements and the rules are the shared ones, `store::shared`). Its schema is brought up to date by
//! [`migrations`] when it opens.
//!
//! One connection, used by one request at a time (the mutex only shares
//! it between threads); every change of several rows is one SQLite
//! transaction, so none relies on the mutex for its atomicity.

mod copy;
mod db;
pub mod migrations;
pub mod verify;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::StoreError;
use super::db::Db;
use super::shared::Backend;
use crate::server::store::error::Storage;

/// The database file's name in the server's folder.
pub const DB_FILE: &str = "nianbao-server.db";

/// How long a writer waits for another one before giving up.
const BUSY_TIMEOUT_MS: u64 = 5000;

/// Statements kept prepared on the connection (the store's statements
/// are a fixed set of about sixty).
const PREPARED: usize = 128;

/// The database file of the server folder `dir`.
pub fn db_path(dir: &Path) -> PathBuf {
    dir.join(DB_FILE)
}

/// The store in one SQLite file.
#[derive(Debug)]
pub struct SqliteStore {
    conn: Mutex<Connection>,
}

/// A database error as the store's: a unique key taken, a damaged file,
/// or the database's own message.
pub(crate) fn failure(e: rusqlite::Error) -> StoreError {
    if let rusqlite::Error::SqliteFailure(f, _) = &e
        && matches!(
            f.extended_code,
            rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE | rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
        )
    {
        return StoreError::Duplicate("同一名称（或同一单位同一年度）的记录".to_string());
    }
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => {
            StoreError::Corrupt(e.to_string())
        }
        Some(ErrorCode::DiskFull) => StoreError::Storage(Storage::Full, e.to_string()),
        Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => {
            StoreError::Storage(Storage::ReadOnly, e.to_string())
        }
        Some(ErrorCode::SystemIoFailure) => StoreError::Storage(Storage::Io, e.to_string()),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            StoreError::Storage(Storage::Busy, e.to_string())
        }
        _ => StoreError::Database(e.to_string()),
    }
}

impl SqliteStore {
    /// Opens (creating when `create`) the database at `path` in WAL mode,
    /// its schema brought up to date ([`migrations::migrate`]).
    pub fn open(path: &Path, create: bool) -> Result<SqliteStore, StoreError> {
        let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if create {
            flags |= OpenFlags::SQLITE_OPEN_CREATE;
        }
        let refused = |reason: String| StoreError::Open {
            path: path.to_path_buf(),
            reason,
        };
        let mut conn =
            Connection::open_with_flags(path, flags).map_err(|e| refused(e.to_string()))?;
        conn.busy_timeout(std::time::Duration::from_millis(BUSY_TIMEOUT_MS))
            .map_err(failure)?;
        let mode: String = conn
            .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))
            .map_err(failure)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(refused("无法使用 WAL 模式".to_string()));
        }
        if conn.is_readonly(rusqlite::MAIN_DB).map_err(failure)? {
            return Err(refused(
                "数据库文件只能读、不能写：请让运行服务器的账号可以写入该文件".to_string(),
            ));
        }
        conn.execute_batch("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;")
            .map_err(failure)?;
        migrations::migrate(&mut conn)?;
        conn.set_prepared_statement_cache_capacity(PREPARED);
        Ok(SqliteStore {
            conn: Mutex::new(conn),
        })
    }

    /// The connection, for one operation.
    fn conn(&self) -> MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Backend for SqliteStore {
    fn connected<T>(
        &self,
        f: impl FnOnce(&mut dyn Db) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        f(&mut db::Sqlite(&self.conn()))
    }

    fn transaction<T>(
        &self,
        f: impl FnOnce(&mut dyn Db) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction().map_err(failure)?;
        let out = f(&mut db::Sqlite(&tx))?;
        tx.commit().map_err(failure)?;
        Ok(out)
    }

    fn backup_to(&self, to: &Path) -> Result<(), StoreError> {
        let to = to
            .to_str()
            .ok_or_else(|| StoreError::Database("备份路径含有无法处理的字符".to_string()))?;
        let conn = self.conn();
        // The log's pages moved into the file where no reader needs them;
        // VACUUM INTO reads the store as of one moment, the log included.
        conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))
            .map_err(failure)?;
        conn.execute("VACUUM INTO ?1", [to])
            .map(|_| ())
            .map_err(failure)
    }

    fn close_files(&self) -> Result<(), StoreError> {
        let conn = self.conn();
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .map_err(failure)?;
        // Leaving WAL mode folds what is left and removes `-wal`; the next
        // open sets WAL mode again. Refused (and harmless) while another
        // process has the file open: the checkpoint above has folded it.
        let _ = conn.query_row("PRAGMA journal_mode=DELETE", [], |_| Ok(()));
        Ok(())
    }
}

#[cfg(test)]
mod tests;
