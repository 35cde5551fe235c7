//! The server's store: one SQLite file (WAL mode) holding the accounts,
//! the reports (one per unit and year, its current text), every revision
//! of every report and the audit log.
//!
//! Every change is one transaction: the report's new text and its revision
//! are committed together or not at all, so a killed server leaves every
//! committed revision intact.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, params};

/// The database file's name in the server's folder.
pub const DB_FILE: &str = "nianbao-server.db";

/// How long a writer waits for another one before giving up.
const BUSY_TIMEOUT_MS: u64 = 5000;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS accounts (
  id INTEGER PRIMARY KEY,
  user TEXT NOT NULL UNIQUE,
  unit TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('department', 'office')),
  hash TEXT NOT NULL,
  failures INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS reports (
  id INTEGER PRIMARY KEY,
  unit TEXT NOT NULL,
  year INTEGER NOT NULL,
  state TEXT NOT NULL,
  text TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 0,
  errors INTEGER,
  empty INTEGER,
  remark TEXT NOT NULL DEFAULT '',
  changed_at INTEGER NOT NULL DEFAULT 0,
  changed_by TEXT NOT NULL DEFAULT '',
  UNIQUE (unit, year)
);
CREATE TABLE IF NOT EXISTS revisions (
  id INTEGER PRIMARY KEY,
  report INTEGER NOT NULL REFERENCES reports(id),
  revision INTEGER NOT NULL,
  kind TEXT NOT NULL,
  who TEXT NOT NULL,
  at INTEGER NOT NULL,
  text TEXT NOT NULL,
  remark TEXT NOT NULL DEFAULT '',
  UNIQUE (report, revision)
);
CREATE TABLE IF NOT EXISTS remarks (
  id INTEGER PRIMARY KEY,
  report INTEGER NOT NULL REFERENCES reports(id),
  revision INTEGER NOT NULL,
  path TEXT NOT NULL,
  para INTEGER NOT NULL DEFAULT 0,
  text TEXT NOT NULL,
  who TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS remarks_of ON remarks (report, revision);
CREATE TABLE IF NOT EXISTS audit (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  who TEXT NOT NULL,
  action TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT ''
);
";

/// Who an account is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A department: fills and submits its own unit's reports.
    Department,
    /// The 政务公开办: sees every report, returns and approves.
    Office,
}

impl Role {
    fn key(self) -> &'static str {
        match self {
            Role::Department => "department",
            Role::Office => "office",
        }
    }

    fn from_key(key: &str) -> Role {
        if key == "office" {
            Role::Office
        } else {
            Role::Department
        }
    }
}

/// An account as stored (the hash included, never shown).
#[derive(Debug, Clone)]
pub struct Account {
    /// The row id.
    pub id: i64,
    /// The login name.
    pub user: String,
    /// The unit (department) the account belongs to.
    pub unit: String,
    /// Department or office.
    pub role: Role,
    /// The Argon2id hash in PHC form.
    pub hash: String,
    /// Failed logins in a row.
    pub failures: i64,
    /// Unix seconds until which logins are refused.
    pub locked_until: i64,
}

/// Where a report is in its round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Nothing saved yet.
    New,
    /// Saved at least once, not submitted.
    Filling,
    /// Submitted, waiting for the office.
    Submitted,
    /// Sent back by the office with a remark: editable again.
    Returned,
    /// Approved by the office.
    Approved,
}

impl State {
    /// The key used in the database and the JSON API.
    pub fn key(self) -> &'static str {
        match self {
            State::New => "new",
            State::Filling => "filling",
            State::Submitted => "submitted",
            State::Returned => "returned",
            State::Approved => "approved",
        }
    }

    /// The label shown to clerks.
    pub fn label(self) -> &'static str {
        match self {
            State::New => "未开始",
            State::Filling => "填写中",
            State::Submitted => "已提交",
            State::Returned => "已退回",
            State::Approved => "已通过",
        }
    }

    /// The state stored as `key`.
    pub fn from_key(key: &str) -> State {
        match key {
            "filling" => State::Filling,
            "submitted" => State::Submitted,
            "returned" => State::Returned,
            "approved" => State::Approved,
            _ => State::New,
        }
    }

    /// Whether its unit may change it.
    pub fn editable(self) -> bool {
        matches!(self, State::New | State::Filling | State::Returned)
    }
}

/// A report's row.
#[derive(Debug, Clone)]
pub struct ReportRow {
    /// The row id (the `f` of the API).
    pub id: i64,
    /// The unit that fills it.
    pub unit: String,
    /// The report's year.
    pub year: i64,
    /// Where it is in its round.
    pub state: State,
    /// The data-file text.
    pub text: String,
    /// How many revisions were saved.
    pub revision: i64,
    /// Errors of the last check (`None`: not checked yet).
    pub errors: Option<i64>,
    /// Cells left empty at the last check.
    pub empty: Option<i64>,
    /// The office's remark when it was returned.
    pub remark: String,
    /// Unix seconds of the last change (0: never).
    pub changed_at: i64,
    /// Who made the last change.
    pub changed_by: String,
}

/// One saved revision, without its text.
#[derive(Debug, Clone)]
pub struct Revision {
    /// Its number within the report (1, 2, …).
    pub revision: i64,
    /// `save`, `submit`, `return` or `approve`.
    pub kind: String,
    /// The account that made it.
    pub who: String,
    /// Unix seconds.
    pub at: i64,
    /// The remark given with a return.
    pub remark: String,
}

/// The office's remark on one place of one revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Remark {
    /// The row id.
    pub id: i64,
    /// The revision it was written on.
    pub revision: i64,
    /// The data path of the cell or text box it concerns.
    pub path: String,
    /// The paragraph of a text box (from 1; 0: the whole cell or box).
    pub para: i64,
    /// The remark.
    pub text: String,
    /// The account that wrote it.
    pub who: String,
    /// Unix seconds.
    pub at: i64,
}

/// A change to record as a revision.
#[derive(Debug, Clone, Copy)]
pub struct Change<'a> {
    /// The report.
    pub report: i64,
    /// The revision the change was made on (refused if it moved on).
    pub base: i64,
    /// `save`, `submit`, `return` or `approve`.
    pub kind: &'a str,
    /// The account making it.
    pub who: &'a str,
    /// The new text.
    pub text: &'a str,
    /// The new state.
    pub state: State,
    /// Errors and empty cells of the new text.
    pub errors: i64,
    /// Cells left empty.
    pub empty: i64,
    /// The remark (returns).
    pub remark: &'a str,
}

/// Why a change was not recorded.
#[derive(Debug)]
pub enum ChangeError {
    /// Someone else changed the report first.
    Stale,
    /// The database refused (message in Chinese).
    Db(String),
}

/// The open store.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
}

/// The database file of the server folder `dir`.
pub fn db_path(dir: &Path) -> PathBuf {
    dir.join(DB_FILE)
}

fn db_error(e: rusqlite::Error) -> String {
    format!("数据库错误：{e}")
}

/// Seconds since the Unix epoch.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

impl Store {
    /// Opens (creating when `create`) the database at `path`, in WAL mode
    /// with the schema in place.
    pub fn open(path: &Path, create: bool) -> Result<Store, String> {
        use rusqlite::OpenFlags;
        let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if create {
            flags |= OpenFlags::SQLITE_OPEN_CREATE;
        }
        let conn = Connection::open_with_flags(path, flags)
            .map_err(|e| format!("无法打开数据库 {}：{e}", path.display()))?;
        conn.busy_timeout(std::time::Duration::from_millis(BUSY_TIMEOUT_MS))
            .map_err(db_error)?;
        let mode: String = conn
            .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))
            .map_err(db_error)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(format!("数据库 {} 无法使用 WAL 模式", path.display()));
        }
        conn.execute_batch("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;")
            .map_err(db_error)?;
        conn.execute_batch(SCHEMA).map_err(db_error)?;
        Ok(Store { conn })
    }

    /// Adds an account.
    pub fn add_account(
        &self,
        user: &str,
        unit: &str,
        role: Role,
        hash: &str,
    ) -> Result<(), String> {
        self.conn
            .execute(
                "INSERT INTO accounts (user, unit, role, hash) VALUES (?1, ?2, ?3, ?4)",
                params![user, unit, role.key(), hash],
            )
            .map(|_| ())
            .map_err(db_error)
    }

    /// Adds the report of `unit` for `year`, not started, with `text`.
    pub fn add_report(&self, unit: &str, year: i64, text: &str) -> Result<(), String> {
        self.conn
            .execute(
                "INSERT INTO reports (unit, year, state, text) VALUES (?1, ?2, 'new', ?3)",
                params![unit, year, text],
            )
            .map(|_| ())
            .map_err(db_error)
    }

    /// The account named `user`.
    pub fn account(&self, user: &str) -> Result<Option<Account>, String> {
        self.conn
            .query_row(
                "SELECT id, user, unit, role, hash, failures, locked_until FROM accounts WHERE user = ?1",
                [user],
                |r| {
                    Ok(Account {
                        id: r.get(0)?,
                        user: r.get(1)?,
                        unit: r.get(2)?,
                        role: Role::from_key(&r.get::<_, String>(3)?),
                        hash: r.get(4)?,
                        failures: r.get(5)?,
                        locked_until: r.get(6)?,
                    })
                },
            )
            .optional()
            .map_err(db_error)
    }

    /// Records a login's outcome: failures counted, the account locked
    /// until `locked_until` (0: not locked); a success clears both.
    pub fn set_failures(&self, id: i64, failures: i64, locked_until: i64) -> Result<(), String> {
        self.conn
            .execute(
                "UPDATE accounts SET failures = ?2, locked_until = ?3 WHERE id = ?1",
                params![id, failures, locked_until],
            )
            .map(|_| ())
            .map_err(db_error)
    }

    /// Adds a line to the audit log (never a secret).
    pub fn audit(&self, who: &str, action: &str, detail: &str) -> Result<(), String> {
        self.conn
            .execute(
                "INSERT INTO audit (at, who, action, detail) VALUES (?1, ?2, ?3, ?4)",
                params![now(), who, action, detail],
            )
            .map(|_| ())
            .map_err(db_error)
    }

    /// Every report (`unit`: only that unit's), by unit and year.
    pub fn reports(&self, unit: Option<&str>) -> Result<Vec<ReportRow>, String> {
        let sql =
            format!("{REPORT_COLUMNS} WHERE (?1 IS NULL OR unit = ?1) ORDER BY year DESC, id");
        let mut stmt = self.conn.prepare_cached(&sql).map_err(db_error)?;
        stmt.query_map([unit], report_row)
            .map_err(db_error)?
            .collect::<Result<Vec<_>, _>>()
            .map_err(db_error)
    }

    /// The report `id`.
    pub fn report(&self, id: i64) -> Result<Option<ReportRow>, String> {
        let sql = format!("{REPORT_COLUMNS} WHERE id = ?1");
        self.conn
            .query_row(&sql, [id], report_row)
            .optional()
            .map_err(db_error)
    }

    /// Records `change` as the report's next revision, in one transaction:
    /// refused as [`ChangeError::Stale`] when the report is no longer at
    /// `change.base`.
    pub fn record(&mut self, change: &Change) -> Result<i64, ChangeError> {
        let tx = self
            .conn
            .transaction()
            .map_err(|e| ChangeError::Db(db_error(e)))?;
        let next = change.base + 1;
        let at = now();
        let updated = tx
            .execute(
                "UPDATE reports SET text = ?3, revision = ?4, state = ?5, errors = ?6, empty = ?7, \
                 remark = ?8, changed_at = ?9, changed_by = ?10 WHERE id = ?1 AND revision = ?2",
                params![
                    change.report,
                    change.base,
                    change.text,
                    next,
                    change.state.key(),
                    change.errors,
                    change.empty,
                    change.remark,
                    at,
                    change.who
                ],
            )
            .map_err(|e| ChangeError::Db(db_error(e)))?;
        if updated != 1 {
            return Err(ChangeError::Stale);
        }
        tx.execute(
            "INSERT INTO revisions (report, revision, kind, who, at, text, remark) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                change.report,
                next,
                change.kind,
                change.who,
                at,
                change.text,
                change.remark
            ],
        )
        .map_err(|e| ChangeError::Db(db_error(e)))?;
        tx.commit().map_err(|e| ChangeError::Db(db_error(e)))?;
        Ok(next)
    }

    /// Copies the whole database, consistent as of one moment, to `to` (a
    /// new file) while the server goes on serving (`VACUUM INTO`).
    pub fn backup(&self, to: &Path) -> Result<(), String> {
        let to = to.to_str().ok_or("备份路径含有无法处理的字符")?;
        self.conn
            .execute("VACUUM INTO ?1", [to])
            .map(|_| ())
            .map_err(db_error)
    }

    /// The revisions of report `id`, oldest first.
    pub fn revisions(&self, id: i64) -> Result<Vec<Revision>, String> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT revision, kind, who, at, remark FROM revisions WHERE report = ?1 ORDER BY revision",
            )
            .map_err(db_error)?;
        stmt.query_map([id], |r| {
            Ok(Revision {
                revision: r.get(0)?,
                kind: r.get(1)?,
                who: r.get(2)?,
                at: r.get(3)?,
                remark: r.get(4)?,
            })
        })
        .map_err(db_error)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(db_error)
    }
}

/// Remarks and stored texts of revisions.
impl Store {
    /// Adds a remark on revision `revision` of report `report`, if the
    /// report is still at that revision; returns its id, or `None` when it
    /// moved on.
    pub fn add_remark(
        &self,
        report: i64,
        revision: i64,
        r: &Remark,
    ) -> Result<Option<i64>, String> {
        let n = self
            .conn
            .execute(
                "INSERT INTO remarks (report, revision, path, para, text, who, at) \
                 SELECT id, revision, ?3, ?4, ?5, ?6, ?7 FROM reports WHERE id = ?1 AND revision = ?2",
                params![report, revision, r.path, r.para, r.text, r.who, now()],
            )
            .map_err(db_error)?;
        Ok((n == 1).then(|| self.conn.last_insert_rowid()))
    }

    /// Removes remark `id` of report `report` written on `revision`;
    /// whether there was one.
    pub fn remove_remark(&self, report: i64, revision: i64, id: i64) -> Result<bool, String> {
        self.conn
            .execute(
                "DELETE FROM remarks WHERE id = ?1 AND report = ?2 AND revision = ?3",
                params![id, report, revision],
            )
            .map(|n| n == 1)
            .map_err(db_error)
    }

    /// How many remarks revision `revision` of report `report` has.
    pub fn remark_count(&self, report: i64, revision: i64) -> Result<i64, String> {
        self.conn
            .query_row(
                "SELECT COUNT(*) FROM remarks WHERE report = ?1 AND revision = ?2",
                params![report, revision],
                |r| r.get(0),
            )
            .map_err(db_error)
    }

    /// The remarks of report `report`: of revision `revision`, or (`None`)
    /// of the latest revision that has any, in the order written.
    pub fn remarks(&self, report: i64, revision: Option<i64>) -> Result<Vec<Remark>, String> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, revision, path, para, text, who, at FROM remarks WHERE report = ?1 AND \
                 revision = COALESCE(?2, (SELECT MAX(revision) FROM remarks WHERE report = ?1)) ORDER BY id",
            )
            .map_err(db_error)?;
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
        .map_err(db_error)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(db_error)
    }

    /// The text of revision `revision` of report `report`.
    pub fn revision_text(&self, report: i64, revision: i64) -> Result<Option<String>, String> {
        self.conn
            .query_row(
                "SELECT text FROM revisions WHERE report = ?1 AND revision = ?2",
                params![report, revision],
                |r| r.get(0),
            )
            .optional()
            .map_err(db_error)
    }

    /// Sets the errors and empty cells of report `id` where they were never
    /// counted (a report nobody saved yet).
    pub fn fill_counts(&self, id: i64, errors: i64, empty: i64) -> Result<(), String> {
        self.conn
            .execute(
                "UPDATE reports SET errors = ?2, empty = ?3 WHERE id = ?1 AND errors IS NULL",
                params![id, errors, empty],
            )
            .map(|_| ())
            .map_err(db_error)
    }
}

const REPORT_COLUMNS: &str = "SELECT id, unit, year, state, text, revision, errors, empty, remark, \
                              changed_at, changed_by FROM reports";

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
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_on_a_stale_revision_is_refused_and_nothing_is_lost() {
        let dir = std::env::temp_dir().join(format!("nb-store-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let mut store = Store::open(&db_path(&dir), true).unwrap();
        store.add_report("某局", 2025, "a").unwrap();
        let id = store.reports(None).unwrap()[0].id;
        let change = |base, text| Change {
            report: id,
            base,
            kind: "save",
            who: "bm001",
            text,
            state: State::Filling,
            errors: 0,
            empty: 0,
            remark: "",
        };
        assert_eq!(store.record(&change(0, "b")).unwrap(), 1);
        assert!(matches!(
            store.record(&change(0, "c")),
            Err(ChangeError::Stale)
        ));
        let row = store.report(id).unwrap().unwrap();
        assert_eq!((row.text.as_str(), row.revision), ("b", 1));
        assert_eq!(store.revisions(id).unwrap().len(), 1);
        assert!(store.reports(Some("别的局")).unwrap().is_empty());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
