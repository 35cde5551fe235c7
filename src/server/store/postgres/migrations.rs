//! The PostgreSQL store's schema, by the same numbered migrations as the
//! SQLite store's ([`crate::server::store::sqlite::migrations`]): version
//! `n` has the same tables and columns on both, written in the SQL both
//! PostgreSQL and its relatives (KingbaseES, openGauss) accept — `BIGSERIAL`
//! keys, `BIGINT` numbers (Unix seconds for times), `TEXT`, no identity
//! columns, no `ON CONFLICT`. The version is the one row of
//! `nianbao_schema`; each migration is one transaction holding an
//! advisory lock, so two processes starting together apply it once.
//! A database of a newer version than this program knows is refused,
//! untouched.

use postgres::Client;

use super::failure;
use crate::server::store::StoreError;
use crate::server::store::sqlite::migrations::{LATEST, SCHEMA_3, SCHEMA_4, SCHEMA_5, SCHEMA_6};

/// The advisory lock key held while the schema is changed.
const SCHEMA_LOCK: i64 = 0x006e_6961_6e62_616f;

/// Each version's statements, in order (`PG[n - 1]` leads to version n).
const PG: &[&str] = &[SCHEMA_1, SCHEMA_2, SCHEMA_3, SCHEMA_4, SCHEMA_5, SCHEMA_6];

/// Version 1: accounts, reports, revisions, remarks and the audit log.
const SCHEMA_1: &str = "
CREATE TABLE accounts (
  id BIGSERIAL PRIMARY KEY,
  \"user\" TEXT NOT NULL UNIQUE,
  unit TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('department', 'office')),
  hash TEXT NOT NULL,
  failures BIGINT NOT NULL DEFAULT 0,
  locked_until BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE reports (
  id BIGSERIAL PRIMARY KEY,
  unit TEXT NOT NULL,
  year BIGINT NOT NULL,
  state TEXT NOT NULL,
  text TEXT NOT NULL,
  revision BIGINT NOT NULL DEFAULT 0,
  errors BIGINT,
  empty BIGINT,
  remark TEXT NOT NULL DEFAULT '',
  changed_at BIGINT NOT NULL DEFAULT 0,
  changed_by TEXT NOT NULL DEFAULT '',
  UNIQUE (unit, year)
);
CREATE TABLE revisions (
  id BIGSERIAL PRIMARY KEY,
  report BIGINT NOT NULL REFERENCES reports(id),
  revision BIGINT NOT NULL,
  kind TEXT NOT NULL,
  who TEXT NOT NULL,
  at BIGINT NOT NULL,
  text TEXT NOT NULL,
  remark TEXT NOT NULL DEFAULT '',
  UNIQUE (report, revision)
);
CREATE TABLE remarks (
  id BIGSERIAL PRIMARY KEY,
  report BIGINT NOT NULL REFERENCES reports(id),
  revision BIGINT NOT NULL,
  path TEXT NOT NULL,
  para BIGINT NOT NULL DEFAULT 0,
  text TEXT NOT NULL,
  who TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX remarks_of ON remarks (report, revision);
CREATE TABLE audit (
  id BIGSERIAL PRIMARY KEY,
  at BIGINT NOT NULL,
  who TEXT NOT NULL,
  action TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT ''
);
";

/// Version 2: years, owners, retired accounts, former names, failed
/// logins per client, known devices (as the SQLite store's version 2).
const SCHEMA_2: &str = "
ALTER TABLE reports ADD COLUMN owner TEXT NOT NULL DEFAULT '';
CREATE INDEX reports_of_owner ON reports (owner, year);
ALTER TABLE accounts ADD COLUMN retired BIGINT NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN window_start BIGINT NOT NULL DEFAULT 0;
CREATE TABLE rounds (
  year BIGINT PRIMARY KEY,
  opened_at BIGINT NOT NULL DEFAULT 0,
  opened_by TEXT NOT NULL DEFAULT ''
);
CREATE TABLE former_names (
  id BIGSERIAL PRIMARY KEY,
  account BIGINT NOT NULL REFERENCES accounts(id),
  name TEXT NOT NULL,
  until_year BIGINT NOT NULL,
  UNIQUE (account, name)
);
CREATE TABLE client_failures (
  account BIGINT NOT NULL REFERENCES accounts(id),
  client TEXT NOT NULL,
  failures BIGINT NOT NULL,
  last_at BIGINT NOT NULL,
  PRIMARY KEY (account, client)
);
CREATE TABLE devices (
  token TEXT PRIMARY KEY,
  account BIGINT NOT NULL REFERENCES accounts(id),
  at BIGINT NOT NULL
);
CREATE INDEX devices_of ON devices (account, at);
";

/// The schema version recorded in the database (0: none yet).
pub fn version(client: &mut Client) -> Result<i64, StoreError> {
    let row = client
        .query_opt("SELECT version FROM nianbao_schema", &[])
        .map_err(failure)?;
    Ok(row.map_or(0, |r| r.get(0)))
}

/// Brings the database up to the newest version, one migration per
/// transaction; refuses a newer one. Returns the version it was at.
pub fn migrate(client: &mut Client) -> Result<i64, StoreError> {
    debug_assert_eq!(
        PG.len() as i64,
        LATEST,
        "a PostgreSQL text for every migration"
    );
    let mut tx = client.transaction().map_err(failure)?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&SCHEMA_LOCK])
        .map_err(failure)?;
    tx.batch_execute("CREATE TABLE IF NOT EXISTS nianbao_schema (version BIGINT NOT NULL)")
        .map_err(failure)?;
    tx.commit().map_err(failure)?;
    let found = version(client)?;
    if found > LATEST {
        return Err(StoreError::TooNew {
            found,
            newest: LATEST,
        });
    }
    for (n, sql) in PG.iter().enumerate() {
        let to = n as i64 + 1;
        if to > found {
            apply(client, to, sql)?;
        }
    }
    Ok(found)
}

/// Applies migration `to` in one transaction under the schema lock,
/// unless another process did meanwhile.
fn apply(client: &mut Client, to: i64, sql: &str) -> Result<(), StoreError> {
    let mut tx = client.transaction().map_err(failure)?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&SCHEMA_LOCK])
        .map_err(failure)?;
    let row = tx
        .query_opt("SELECT version FROM nianbao_schema", &[])
        .map_err(failure)?;
    let now: i64 = row.as_ref().map_or(0, |r| r.get(0));
    if now >= to {
        return Ok(());
    }
    tx.batch_execute(sql).map_err(failure)?;
    if row.is_some() {
        tx.execute("UPDATE nianbao_schema SET version = $1", &[&to])
    } else {
        tx.execute("INSERT INTO nianbao_schema (version) VALUES ($1)", &[&to])
    }
    .map_err(failure)?;
    tx.commit().map_err(failure)
}
