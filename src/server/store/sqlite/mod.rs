//! The store in one SQLite file (WAL mode, `synchronous=FULL`): the
//! [`Store`] of the collection server. Its schema is brought up to date by
//! [`migrations`] when it opens.
//!
//! One connection, used by one request at a time (the mutex only shares
//! it between threads); every change of several rows is one SQLite
//! transaction, so none relies on the mutex for its atomicity.

mod copy;
mod logins;
pub mod migrations;
mod sessions;
pub mod verify;
mod oversight;
mod years;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, params};

use super::{
    Account, AuditFilter, AuditLine, COALESCE_SECONDS, Change, Counts, Deadlines, Entry,
    FailedLogin, NewAccount, NewReport, NewRound, Remark, RemarkAdded, ReportMeta, ReportRow,
    Revision, Role, Seed, State, Step, Store, StoreError, StoredSession, now,
};
use crate::server::store::error::Storage;

/// The database file's name in the server's folder.
pub const DB_FILE: &str = "nianbao-server.db";

/// How long a writer waits for another one before giving up.
const BUSY_TIMEOUT_MS: u64 = 5000;

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
        Ok(SqliteStore {
            conn: Mutex::new(conn),
        })
    }

    /// The connection, for one operation.
    fn conn(&self) -> MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Adds the audit line `entry` (in the caller's transaction, if any).
fn write_audit(conn: &Connection, entry: &Entry<'_>) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO audit (at, who, action, detail) VALUES (?1, ?2, ?3, ?4)",
        params![now(), entry.who, entry.action, entry.detail],
    )
    .map(|_| ())
    .map_err(failure)
}

fn insert_account(conn: &Connection, a: &NewAccount<'_>) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO accounts (user, unit, role, hash, region, agency_kind) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            a.user,
            a.unit,
            a.role.key(),
            a.hash,
            a.region,
            a.agency_kind
        ],
    )
    .map(|_| ())
    .map_err(failure)
}

fn insert_report(conn: &Connection, r: &NewReport<'_>) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO reports (unit, owner, year, state, text, region, agency_kind) \
         VALUES (?1, ?2, ?3, 'new', ?4, \
         COALESCE((SELECT region FROM accounts WHERE user = ?2), ''), \
         COALESCE((SELECT agency_kind FROM accounts WHERE user = ?2), ''))",
        params![r.unit, r.owner, r.year, r.text],
    )
    .map(|_| ())
    .map_err(failure)
}

/// Accounts and audit.
impl SqliteStore {
    fn populate_in(&self, seed: &Seed<'_>) -> Result<(), StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction().map_err(failure)?;
        for account in &seed.accounts {
            insert_account(&tx, account)?;
        }
        for report in &seed.reports {
            insert_report(&tx, report)?;
        }
        tx.execute(
            "INSERT OR IGNORE INTO rounds (year, opened_at, opened_by) \
             SELECT DISTINCT year, ?1, ?2 FROM reports",
            params![now(), seed.audit.who],
        )
        .map_err(failure)?;
        write_audit(&tx, &seed.audit)?;
        tx.commit().map_err(failure)
    }

    fn account_in(&self, user: &str) -> Result<Option<Account>, StoreError> {
        self.conn()
            .query_row(
                &format!("{ACCOUNT_COLUMNS} WHERE user = ?1"),
                [user],
                account_row,
            )
            .optional()
            .map_err(failure)
    }

    fn login_outcome_in(
        &self,
        id: i64,
        failures: i64,
        locked_until: i64,
        audit: &Entry<'_>,
    ) -> Result<(), StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction().map_err(failure)?;
        tx.execute(
            "UPDATE accounts SET failures = ?2, locked_until = ?3 WHERE id = ?1",
            params![id, failures, locked_until],
        )
        .map_err(failure)?;
        write_audit(&tx, audit)?;
        tx.commit().map_err(failure)
    }
}

/// Passwords.
impl SqliteStore {
    fn set_password_in(&self, id: i64, hash: &str, audit: &Entry<'_>) -> Result<(), StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction().map_err(failure)?;
        tx.execute(
            "UPDATE accounts SET hash = ?2, failures = 0, locked_until = 0, window_start = 0 \
             WHERE id = ?1",
            params![id, hash],
        )
        .map_err(failure)?;
        tx.execute("DELETE FROM client_failures WHERE account = ?1", [id])
            .map_err(failure)?;
        write_audit(&tx, audit)?;
        tx.commit().map_err(failure)
    }
}

/// Reports and revisions.
impl SqliteStore {
    fn reports_in(&self, owner: Option<&str>) -> Result<Vec<ReportRow>, StoreError> {
        let sql =
            format!("{REPORT_COLUMNS} WHERE (?1 IS NULL OR owner = ?1) ORDER BY year DESC, id");
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(&sql).map_err(failure)?;
        stmt.query_map([owner], report_row)
            .map_err(failure)?
            .collect::<Result<Vec<_>, _>>()
            .map_err(failure)
    }

    fn report_in(&self, id: i64) -> Result<Option<ReportRow>, StoreError> {
        let sql = format!("{REPORT_COLUMNS} WHERE id = ?1");
        self.conn()
            .query_row(&sql, [id], report_row)
            .optional()
            .map_err(failure)
    }

    fn record_in(&self, change: &Change<'_>) -> Result<i64, StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction().map_err(failure)?;
        let at = now();
        let merged = mergeable(&tx, change, at)?;
        let number = if merged.is_some() {
            change.base
        } else {
            change.base + 1
        };
        let updated = tx
            .execute(
                "UPDATE reports SET text = ?3, revision = ?4, state = ?5, errors = ?6, empty = ?7, \
                 remark = ?8, changed_at = ?9, changed_by = ?10, digest = NULL \
                 WHERE id = ?1 AND revision = ?2 AND text = ?11",
                params![
                    change.report,
                    change.base,
                    change.text,
                    number,
                    change.state.key(),
                    change.errors,
                    change.empty,
                    change.remark,
                    at,
                    change.who,
                    change.base_text
                ],
            )
            .map_err(failure)?;
        if updated != 1 {
            return Err(StoreError::Stale);
        }
        match merged {
            Some(row) => tx.execute(
                "UPDATE revisions SET text = ?2, at = ?3 WHERE id = ?1",
                params![row, change.text, at],
            ),
            None => tx.execute(
                "INSERT INTO revisions (report, revision, kind, who, at, text, remark) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    change.report,
                    number,
                    change.kind,
                    change.who,
                    at,
                    change.text,
                    change.remark
                ],
            ),
        }
        .map_err(failure)?;
        if let Some(entry) = &change.audit {
            write_audit(&tx, entry)?;
        }
        tx.commit().map_err(failure)?;
        Ok(number)
    }

    fn backup_in(&self, to: &Path) -> Result<(), StoreError> {
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

    fn revisions_in(&self, id: i64) -> Result<Vec<Revision>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn
            .prepare_cached(
                "SELECT revision, kind, who, at, remark FROM revisions WHERE report = ?1 ORDER BY revision",
            )
            .map_err(failure)?;
        stmt.query_map([id], |r| {
            Ok(Revision {
                revision: r.get(0)?,
                kind: r.get(1)?,
                who: r.get(2)?,
                at: r.get(3)?,
                remark: r.get(4)?,
            })
        })
        .map_err(failure)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(failure)
    }

    fn revision_text_in(&self, report: i64, revision: i64) -> Result<Option<String>, StoreError> {
        self.conn()
            .query_row(
                "SELECT text FROM revisions WHERE report = ?1 AND revision = ?2",
                params![report, revision],
                |r| r.get(0),
            )
            .optional()
            .map_err(failure)
    }

    fn fill_counts_in(&self, counts: &[Counts]) -> Result<(), StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction().map_err(failure)?;
        for c in counts {
            tx.execute(
                "UPDATE reports SET errors = ?2, empty = ?3 WHERE id = ?1 AND errors IS NULL",
                params![c.report, c.errors, c.empty],
            )
            .map_err(failure)?;
        }
        tx.commit().map_err(failure)
    }
}

/// Remarks.
impl SqliteStore {
    fn add_remark_in(
        &self,
        report: i64,
        revision: i64,
        r: &Remark,
        limit: i64,
        audit: &Entry<'_>,
    ) -> Result<RemarkAdded, StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction().map_err(failure)?;
        if count_remarks(&tx, report, revision)? >= limit {
            return Ok(RemarkAdded::Full);
        }
        let n = tx
            .execute(
                "INSERT INTO remarks (report, revision, path, para, text, who, at) \
                 SELECT id, revision, ?3, ?4, ?5, ?6, ?7 FROM reports WHERE id = ?1 AND revision = ?2",
                params![report, revision, r.path, r.para, r.text, r.who, now()],
            )
            .map_err(failure)?;
        if n != 1 {
            return Err(StoreError::Stale);
        }
        let id = tx.last_insert_rowid();
        write_audit(&tx, audit)?;
        tx.commit().map_err(failure)?;
        Ok(RemarkAdded::Added(id))
    }

    fn remove_remark_in(&self, report: i64, revision: i64, id: i64) -> Result<bool, StoreError> {
        self.conn()
            .execute(
                "DELETE FROM remarks WHERE id = ?1 AND report = ?2 AND revision = ?3",
                params![id, report, revision],
            )
            .map(|n| n == 1)
            .map_err(failure)
    }

    fn remarks_in(&self, report: i64, revision: Option<i64>) -> Result<Vec<Remark>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn
            .prepare_cached(
                "SELECT id, revision, path, para, text, who, at FROM remarks WHERE report = ?1 AND \
                 revision = COALESCE(?2, (SELECT MAX(revision) FROM remarks WHERE report = ?1)) ORDER BY id",
            )
            .map_err(failure)?;
        stmt.query_map(params![report, revision], |r| {
            Ok(Remark {
                id: r.get(0)?,
                revision: r.get(1)?,
                path: r.get(2)?,
                para: r.get(3)?,
                text: r.get(4)?,
                who: r.get(5)?,
                at: r.get(6)?,
            })
        })
        .map_err(failure)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(failure)
    }
}

/// The row of the report's latest revision that `change` (made at `at`)
/// replaces rather than follows: a save by the same account within
/// [`COALESCE_SECONDS`] of that revision, itself a save with no remark.
fn mergeable(conn: &Connection, change: &Change<'_>, at: i64) -> Result<Option<i64>, StoreError> {
    if change.kind != "save" {
        return Ok(None);
    }
    conn.query_row(
        "SELECT r.id FROM revisions r WHERE r.report = ?1 AND r.revision = ?2 AND r.kind = 'save' \
         AND r.who = ?3 AND r.at >= ?4 AND NOT EXISTS \
         (SELECT 1 FROM remarks m WHERE m.report = r.report AND m.revision = r.revision)",
        params![
            change.report,
            change.base,
            change.who,
            at - COALESCE_SECONDS
        ],
        |r| r.get(0),
    )
    .optional()
    .map_err(failure)
}

/// How many remarks revision `revision` of report `report` has.
fn count_remarks(conn: &Connection, report: i64, revision: i64) -> Result<i64, StoreError> {
    conn.query_row(
        "SELECT COUNT(*) FROM remarks WHERE report = ?1 AND revision = ?2",
        params![report, revision],
        |r| r.get(0),
    )
    .map_err(failure)
}

impl Store for SqliteStore {
    fn populate(&self, seed: &Seed<'_>) -> Result<(), StoreError> {
        self.populate_in(seed)
    }

    fn account(&self, user: &str) -> Result<Option<Account>, StoreError> {
        self.account_in(user)
    }

    fn login_outcome(
        &self,
        id: i64,
        failures: i64,
        locked_until: i64,
        audit: &Entry<'_>,
    ) -> Result<(), StoreError> {
        self.login_outcome_in(id, failures, locked_until, audit)
    }

    fn set_password(&self, id: i64, hash: &str, audit: &Entry<'_>) -> Result<(), StoreError> {
        self.set_password_in(id, hash, audit)
    }

    fn audit(&self, who: &str, action: &str, detail: &str) -> Result<(), StoreError> {
        write_audit(
            &self.conn(),
            &Entry {
                who,
                action,
                detail,
            },
        )
    }

    fn reports(&self, owner: Option<&str>) -> Result<Vec<ReportRow>, StoreError> {
        self.reports_in(owner)
    }

    fn report(&self, id: i64) -> Result<Option<ReportRow>, StoreError> {
        self.report_in(id)
    }

    fn listing(
        &self,
        owner: Option<&str>,
        year: Option<i64>,
    ) -> Result<Vec<ReportMeta>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn
            .prepare_cached(
                "SELECT id, unit, year, state, revision, errors, empty, remark, changed_at, changed_by, \
                 owner, region, agency_kind FROM reports WHERE (?1 IS NULL OR owner = ?1) AND (?2 IS NULL OR year = ?2) \
                 ORDER BY year DESC, id",
            )
            .map_err(failure)?;
        stmt.query_map(params![owner, year], |r| {
            Ok(ReportMeta {
                id: r.get(0)?,
                unit: r.get(1)?,
                year: r.get(2)?,
                state: State::from_key(&r.get::<_, String>(3)?),
                revision: r.get(4)?,
                errors: r.get(5)?,
                empty: r.get(6)?,
                remark: r.get(7)?,
                changed_at: r.get(8)?,
                changed_by: r.get(9)?,
                owner: r.get(10)?,
                region: r.get(11)?,
                agency_kind: r.get(12)?,
            })
        })
        .map_err(failure)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(failure)
    }

    fn record(&self, change: &Change<'_>) -> Result<i64, StoreError> {
        self.record_in(change)
    }

    fn close(&self) -> Result<(), StoreError> {
        let conn = self.conn();
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .map_err(failure)?;
        // Leaving WAL mode folds what is left and removes `-wal`; the next
        // open sets WAL mode again. Refused (and harmless) while another
        // process has the file open: the checkpoint above has folded it.
        let _ = conn.query_row("PRAGMA journal_mode=DELETE", [], |_| Ok(()));
        Ok(())
    }

    fn backup(&self, to: &Path) -> Result<(), StoreError> {
        self.backup_in(to)
    }

    fn revisions(&self, id: i64) -> Result<Vec<Revision>, StoreError> {
        self.revisions_in(id)
    }

    fn add_remark(
        &self,
        report: i64,
        revision: i64,
        remark: &Remark,
        limit: i64,
        audit: &Entry<'_>,
    ) -> Result<RemarkAdded, StoreError> {
        self.add_remark_in(report, revision, remark, limit, audit)
    }

    fn remove_remark(&self, report: i64, revision: i64, id: i64) -> Result<bool, StoreError> {
        self.remove_remark_in(report, revision, id)
    }

    fn remark_count(&self, report: i64, revision: i64) -> Result<i64, StoreError> {
        count_remarks(&self.conn(), report, revision)
    }

    fn remarks(&self, report: i64, revision: Option<i64>) -> Result<Vec<Remark>, StoreError> {
        self.remarks_in(report, revision)
    }

    fn revision_text(&self, report: i64, revision: i64) -> Result<Option<String>, StoreError> {
        self.revision_text_in(report, revision)
    }

    fn fill_counts(&self, counts: &[Counts]) -> Result<(), StoreError> {
        self.fill_counts_in(counts)
    }

    fn accounts(&self) -> Result<Vec<Account>, StoreError> {
        self.accounts_in()
    }

    fn add_account(&self, account: &NewAccount<'_>, audit: &Entry<'_>) -> Result<(), StoreError> {
        self.add_account_in(account, audit)
    }

    fn former_names(&self, id: i64) -> Result<Vec<(String, i64)>, StoreError> {
        self.former_names_in(id)
    }

    fn rounds(&self) -> Result<Vec<i64>, StoreError> {
        self.rounds_in()
    }

    fn open_round(&self, round: &NewRound<'_>) -> Result<(), StoreError> {
        self.open_round_in(round)
    }

    fn client_failures(&self, id: i64, client: &str) -> Result<(i64, i64), StoreError> {
        self.client_failures_in(id, client)
    }

    fn login_failed(&self, failed: &FailedLogin<'_>) -> Result<i64, StoreError> {
        self.login_failed_in(failed)
    }

    fn login_succeeded(
        &self,
        id: i64,
        client: &str,
        device: Option<&str>,
        audit: &Entry<'_>,
    ) -> Result<(), StoreError> {
        self.login_succeeded_in(id, client, device, audit)
    }

    fn device_known(&self, id: i64, device: &str) -> Result<bool, StoreError> {
        self.device_known_in(id, device)
    }

    fn unlock(&self, id: i64, audit: &Entry<'_>) -> Result<(), StoreError> {
        self.unlock_in(id, audit)
    }

    fn reports_of_year(
        &self,
        owner: Option<&str>,
        year: i64,
    ) -> Result<Vec<ReportRow>, StoreError> {
        let sql =
            format!("{REPORT_COLUMNS} WHERE (?1 IS NULL OR owner = ?1) AND year = ?2 ORDER BY id");
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(&sql).map_err(failure)?;
        stmt.query_map(params![owner, year], report_row)
            .map_err(failure)?
            .collect::<Result<Vec<_>, _>>()
            .map_err(failure)
    }

    fn session_start(
        &self,
        session: &StoredSession,
        max: i64,
        idle: i64,
    ) -> Result<(), StoreError> {
        self.session_start_in(session, max, idle)
    }

    fn session(&self, token: &str, idle: i64) -> Result<Option<StoredSession>, StoreError> {
        self.session_in(token, idle)
    }

    fn session_end(&self, token: &str) -> Result<(), StoreError> {
        self.session_end_in(token)
    }

    fn sessions_end_user(&self, user: &str, keep: &str) -> Result<(), StoreError> {
        self.sessions_end_user_in(user, keep)
    }

    fn address_failures(&self, address: &str) -> Result<(i64, i64), StoreError> {
        self.address_failures_in(address)
    }

    fn address_failed(&self, address: &str, window: i64, max: i64) -> Result<i64, StoreError> {
        self.address_failed_in(address, window, max)
    }

    fn deadlines(&self, year: i64) -> Result<Deadlines, StoreError> {
        self.deadlines_in(year)
    }

    fn set_deadlines(
        &self,
        year: i64,
        deadlines: &Deadlines,
        audit: &Entry<'_>,
    ) -> Result<(), StoreError> {
        self.set_deadlines_in(year, deadlines, audit)
    }

    fn steps(&self, year: i64) -> Result<Vec<Step>, StoreError> {
        self.steps_in(year)
    }

    fn audit_log(&self, filter: &AuditFilter<'_>) -> Result<Vec<AuditLine>, StoreError> {
        self.audit_log_in(filter)
    }

    fn digests(&self, ids: &[i64]) -> Result<Vec<(i64, String)>, StoreError> {
        self.digests_in(ids)
    }

    fn set_digest(&self, id: i64, text: &str, digest: &str) -> Result<bool, StoreError> {
        self.conn()
            .execute(super::SET_DIGEST_SQL, params![id, text, digest])
            .map(|n| n == 1)
            .map_err(failure)
    }
}

impl SqliteStore {
    fn digests_in(&self, ids: &[i64]) -> Result<Vec<(i64, String)>, StoreError> {
        let conn = self.conn();
        let mut out = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(super::IDS_PER_QUERY) {
            let mut stmt = conn
                .prepare_cached(&super::digests_sql(chunk.len()))
                .map_err(failure)?;
            let rows = stmt
                .query_map(rusqlite::params_from_iter(chunk), |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .map_err(failure)?;
            for row in rows {
                out.push(row.map_err(failure)?);
            }
        }
        Ok(out)
    }
}

const ACCOUNT_COLUMNS: &str = "SELECT id, user, unit, role, hash, failures, locked_until, \
                               window_start, retired, region, agency_kind FROM accounts";

fn account_row(r: &rusqlite::Row) -> rusqlite::Result<Account> {
    Ok(Account {
        id: r.get(0)?,
        user: r.get(1)?,
        unit: r.get(2)?,
        role: Role::from_key(&r.get::<_, String>(3)?),
        hash: r.get(4)?,
        failures: r.get(5)?,
        locked_until: r.get(6)?,
        window_start: r.get(7)?,
        retired: r.get::<_, i64>(8)? != 0,
        region: r.get(9)?,
        agency_kind: r.get(10)?,
    })
}

const REPORT_COLUMNS: &str = "SELECT id, unit, year, state, text, revision, errors, empty, remark, \
                              changed_at, changed_by, owner, region, agency_kind FROM reports";

fn report_row(r: &rusqlite::Row) -> rusqlite::Result<ReportRow> {
    Ok(ReportRow {
        id: r.get(0)?,
        unit: r.get(1)?,
        year: r.get(2)?,
        state: State::from_key(&r.get::<_, String>(3)?),
        text: r.get(4)?,
        revision: r.get(5)?,
        errors: r.get(6)?,
        empty: r.get(7)?,
        remark: r.get(8)?,
        changed_at: r.get(9)?,
        changed_by: r.get(10)?,
        owner: r.get(11)?,
        region: r.get(12)?,
        agency_kind: r.get(13)?,
    })
}

#[cfg(test)]
mod tests;
