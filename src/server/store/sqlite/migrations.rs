//! The SQLite store's schema, by numbered migrations: migration `n` takes
//! a database from version `n − 1` to `n`. The version is recorded in the
//! file (`PRAGMA user_version`); when the store opens, every migration
//! above it is applied, each in one transaction with the new version, so
//! a failed one leaves the file as it was. A file of a newer version than
//! [`LATEST`] is refused, untouched.
//!
//! A file written before versions were recorded (`user_version` 0 with the
//! tables in place) is version 1: migration 1 is that schema exactly, with
//! `IF NOT EXISTS` throughout, so applying it to such a file changes
//! nothing but the recorded version.

use rusqlite::{Connection, TransactionBehavior};

use super::failure;
use crate::server::store::StoreError;

/// One step of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    /// The version it leads to (1, 2, …, in order, none left out).
    pub version: i64,
    /// What it changes.
    pub what: &'static str,
    /// Its statements.
    pub sql: &'static str,
}

/// Every migration, in order.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        what: "accounts, reports, revisions, remarks and the audit log",
        sql: SCHEMA_1,
    },
    Migration {
        version: 2,
        what: "rounds (years), reports owned by an account, retired accounts and former names, \
               failed logins per account and client, known devices",
        sql: SCHEMA_2,
    },
    Migration {
        version: 3,
        what: "sessions and failed logins per address kept in the store, for several processes",
        sql: SCHEMA_3,
    },
    Migration {
        version: 4,
        what: "each round's deadlines, for departments and for governments",
        sql: SCHEMA_4,
    },
    Migration {
        version: 5,
        what: "a region's tree: each account's, report's and session's region (empty: the \
               top), each report's digest for the summaries",
        sql: SCHEMA_5,
    },
    Migration {
        version: 6,
        what: "what each unit is declared to be (机关类型 from the roster), on its account and \
               its reports",
        sql: SCHEMA_6,
    },
];

/// The newest schema version this program knows.
pub const LATEST: i64 = MIGRATIONS[MIGRATIONS.len() - 1].version;

/// The schema as the store created it before versions were recorded.
const SCHEMA_1: &str = "
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

/// Version 2: the years in one store. Each report belongs to an account
/// (`owner`, filled from the unit's name for the reports already there),
/// so that a unit renamed between years keeps its history; accounts may
/// be retired and keep their former names; each year opened is a row of
/// `rounds`. Failed logins are counted per account and client
/// (`client_failures`) beside the account's own count in its window
/// (`failures`, `window_start`), and the browsers an account logged in
/// from are known by the hash of their device cookie (`devices`). The
/// counts of version 1 stay; its `locked_until` is no longer set.
const SCHEMA_2: &str = "
ALTER TABLE reports ADD COLUMN owner TEXT NOT NULL DEFAULT '';
UPDATE reports SET owner = COALESCE((SELECT a.user FROM accounts a
  WHERE a.unit = reports.unit AND a.role = 'department' ORDER BY a.id LIMIT 1), '');
CREATE INDEX IF NOT EXISTS reports_of_owner ON reports (owner, year);
ALTER TABLE accounts ADD COLUMN retired INTEGER NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN window_start INTEGER NOT NULL DEFAULT 0;
CREATE TABLE IF NOT EXISTS rounds (
  year INTEGER PRIMARY KEY,
  opened_at INTEGER NOT NULL DEFAULT 0,
  opened_by TEXT NOT NULL DEFAULT ''
);
INSERT OR IGNORE INTO rounds (year) SELECT DISTINCT year FROM reports;
CREATE TABLE IF NOT EXISTS former_names (
  id INTEGER PRIMARY KEY,
  account INTEGER NOT NULL REFERENCES accounts(id),
  name TEXT NOT NULL,
  until_year INTEGER NOT NULL,
  UNIQUE (account, name)
);
CREATE TABLE IF NOT EXISTS client_failures (
  account INTEGER NOT NULL REFERENCES accounts(id),
  client TEXT NOT NULL,
  failures INTEGER NOT NULL,
  last_at INTEGER NOT NULL,
  PRIMARY KEY (account, client)
);
CREATE TABLE IF NOT EXISTS devices (
  token TEXT PRIMARY KEY,
  account INTEGER NOT NULL REFERENCES accounts(id),
  at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS devices_of ON devices (account, at);
";

/// Version 3: the logged-in sessions (by the hash of their token) and
/// the failed logins per address, once in each process's memory, so that
/// several server processes behind one gateway share them.
pub const SCHEMA_3: &str = "
CREATE TABLE sessions (
  token TEXT PRIMARY KEY,
  account TEXT NOT NULL,
  unit TEXT NOT NULL,
  role TEXT NOT NULL,
  csrf TEXT NOT NULL,
  last_seen BIGINT NOT NULL
);
CREATE INDEX sessions_of ON sessions (account);
CREATE INDEX sessions_seen ON sessions (last_seen);
CREATE TABLE address_failures (
  address TEXT PRIMARY KEY,
  since BIGINT NOT NULL,
  failures BIGINT NOT NULL
);
";

/// Version 4 (issue 65): the deadlines the office set for a round, one
/// for departments and one for people's governments (`YYYY-MM-DD`; empty:
/// the rule's default, 31 January or 31 March of the next year).
pub const SCHEMA_4: &str = "
ALTER TABLE rounds ADD COLUMN due_departments TEXT NOT NULL DEFAULT '';
ALTER TABLE rounds ADD COLUMN due_governments TEXT NOT NULL DEFAULT '';
";

/// Version 5 (issue 64.4): a region's tree of offices. Each account and
/// each report belongs to a region (`region`, a path of names separated
/// by `/`, empty for the top: every store before this version is one
/// county, so every row is at the top); an office account sees its
/// region's subtree, and its session carries its region. Each report
/// keeps its `digest` (the figures, rule codes and first problems of its
/// current text, JSON; NULL until computed, cleared by every change), so
/// that a region's summary is summed without reading and checking every
/// report's text. The same statements on PostgreSQL.
pub const SCHEMA_5: &str = "
ALTER TABLE accounts ADD COLUMN region TEXT NOT NULL DEFAULT '';
ALTER TABLE reports ADD COLUMN region TEXT NOT NULL DEFAULT '';
ALTER TABLE reports ADD COLUMN digest TEXT;
ALTER TABLE sessions ADD COLUMN region TEXT NOT NULL DEFAULT '';
CREATE INDEX reports_of_region ON reports (year, region);
";

/// Version 6 (issue 61.3): what each unit is declared to be, from the
/// roster's 机关类型 column: `agency_kind`, the word `政府` or `部门`
/// (empty: not declared, the name decides), on its account and, as
/// `region` is, on each report made for it. The same statements on
/// PostgreSQL.
pub const SCHEMA_6: &str = "
ALTER TABLE accounts ADD COLUMN agency_kind TEXT NOT NULL DEFAULT '';
ALTER TABLE reports ADD COLUMN agency_kind TEXT NOT NULL DEFAULT '';
";

/// The columns each table of version 1 must have: a file at version 0
/// whose tables lack them is not the server's.
const COLUMNS_1: &[(&str, &str)] = &[
    (
        "accounts",
        "id, user, unit, role, hash, failures, locked_until",
    ),
    (
        "reports",
        "id, unit, year, state, text, revision, errors, empty, remark, changed_at, changed_by",
    ),
    (
        "revisions",
        "id, report, revision, kind, who, at, text, remark",
    ),
    ("remarks", "id, report, revision, path, para, text, who, at"),
    ("audit", "id, at, who, action, detail"),
];

/// The schema version recorded in the file.
pub fn version(conn: &Connection) -> Result<i64, StoreError> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(failure)
}

/// Brings the file up to [`LATEST`], one migration per transaction;
/// refuses a newer file. Returns the version it was at.
pub fn migrate(conn: &mut Connection) -> Result<i64, StoreError> {
    let found = version(conn)?;
    if found > LATEST {
        return Err(StoreError::TooNew {
            found,
            newest: LATEST,
        });
    }
    for migration in MIGRATIONS.iter().filter(|m| m.version > found) {
        apply(conn, migration)?;
    }
    Ok(found)
}

/// Applies `migration` in one transaction that first makes sure no other
/// process applied it meanwhile.
fn apply(conn: &mut Connection, migration: &Migration) -> Result<(), StoreError> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(failure)?;
    let now = version(&tx)?;
    if now >= migration.version {
        return Ok(());
    }
    tx.execute_batch(migration.sql).map_err(failure)?;
    if migration.version == 1 {
        check_columns(&tx)?;
    }
    // The version is in the file's header, written with the transaction.
    tx.pragma_update(None, "user_version", migration.version)
        .map_err(failure)?;
    tx.commit().map_err(failure)
}

/// Whether every table of version 1 has its columns (a legacy file's
/// tables were made by `IF NOT EXISTS`, whatever they held).
fn check_columns(conn: &Connection) -> Result<(), StoreError> {
    for (table, columns) in COLUMNS_1 {
        conn.prepare(&format!("SELECT {columns} FROM {table} LIMIT 0"))
            .map_err(|e| StoreError::Corrupt(format!("表 {table} 与版本 1 不符（{e}）")))?;
    }
    Ok(())
}
