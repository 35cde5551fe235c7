//! The server's store: the accounts, the reports (one per unit and year,
//! its current text), every revision of every report, the office's remarks
//! and the audit log, behind one interface ([`Store`]) so that the server
//! never sees which database holds them.
//!
//! Every change is one transaction: a report's new text, its revision and
//! its line in the audit log are committed together or not at all, so a
//! killed server leaves every committed revision intact. Two stores: the
//! embedded default [`sqlite`] (one file in WAL mode) and [`postgres`] (a
//! PostgreSQL database named in the folder's [`DB_URL_FILE`], for several
//! processes or a county's approved database); both carry a schema
//! version brought up to date by the same numbered migrations.
//!
//! The PostgreSQL store is compiled only with the cargo feature `postgres`
//! (the county server's download; issue 76): the clerk's build has neither
//! its client nor tokio, and a store that names a PostgreSQL database is
//! refused there with [`WITHOUT_POSTGRES`]. The store is chosen in one
//! place, [`open_existing`] (and `server init --db` in `setup`).

#[cfg(test)]
mod contract;
pub mod copy;
pub mod db;
pub mod dialect;
pub mod error;
pub mod oversight;
#[cfg(feature = "postgres")]
pub mod postgres;
pub mod rows;
pub mod shared;
pub mod sql;
pub mod sqlite;

use crate::model::agency::{Basis, Kind};
use std::path::Path;

pub use error::StoreError;
pub use oversight::{AuditFilter, AuditLine, Deadlines, Step};
pub use sqlite::{DB_FILE, db_path};

/// Everything the server reads from and writes to its store. Every method
/// that changes several rows does so in one transaction.
pub trait Store: Send + Sync + std::fmt::Debug {
    /// Fills a new store: the accounts, the reports and the audit line, in
    /// one transaction.
    fn populate(&self, seed: &Seed<'_>) -> Result<(), StoreError>;

    /// The account named `user`.
    fn account(&self, user: &str) -> Result<Option<Account>, StoreError>;

    /// Records a login's outcome with its audit line, in one transaction:
    /// failures counted, the account locked until `locked_until` (0: not
    /// locked); a success clears both.
    fn login_outcome(
        &self,
        id: i64,
        failures: i64,
        locked_until: i64,
        audit: &Entry<'_>,
    ) -> Result<(), StoreError>;

    /// Sets the password hash of account `id` and clears its lockout, with
    /// its audit line, in one transaction.
    fn set_password(&self, id: i64, hash: &str, audit: &Entry<'_>) -> Result<(), StoreError>;

    /// Adds a line to the audit log (never a secret).
    fn audit(&self, who: &str, action: &str, detail: &str) -> Result<(), StoreError>;

    /// Every report (`owner`: only that account's), latest year first,
    /// then by id.
    fn reports(&self, owner: Option<&str>) -> Result<Vec<ReportRow>, StoreError>;

    /// The report `id`.
    fn report(&self, id: i64) -> Result<Option<ReportRow>, StoreError>;

    /// What lists show of the reports (`owner`: only that account's;
    /// `year`: only that year's), newest year first, without reading any
    /// text: the board and the county summary list from it.
    fn listing(
        &self,
        owner: Option<&str>,
        year: Option<i64>,
    ) -> Result<Vec<ReportMeta>, StoreError>;

    /// Records `change` (with its audit line), in one transaction: refused
    /// as [`StoreError::Stale`] when the report is no longer at
    /// `change.base` with the text `change.base_text`. A save by the same
    /// account within [`COALESCE_SECONDS`] of the latest revision, when
    /// that one is also its save and has no remark, replaces that
    /// revision's text (one revision per editing burst); anything else is
    /// the next revision. Returns the revision's number.
    fn record(&self, change: &Change<'_>) -> Result<i64, StoreError>;

    /// Copies the whole store, consistent as of one moment (every
    /// committed change, those still in the write-ahead log included), to
    /// `to` (a new or empty file) while the server goes on serving.
    fn backup(&self, to: &Path) -> Result<(), StoreError>;

    /// Makes the store's files complete on their own as the server stops
    /// (SIGINT, SIGTERM, a service stop): SQLite folds its write-ahead log
    /// into the database file and removes the log, so that the `.db`
    /// alone holds every committed change. A change after it is still
    /// durable (written straight to the file). Nothing to do for a
    /// database server.
    fn close(&self) -> Result<(), StoreError> {
        Ok(())
    }

    /// Why the server does not back this store up itself, and with which
    /// tool its operator does (a database server's own dump); `None`: the
    /// server's backup ([`Store::backup`]) is the way.
    fn backup_by_tool(&self) -> Option<&'static str> {
        None
    }

    /// The revisions of report `id`, oldest first.
    fn revisions(&self, id: i64) -> Result<Vec<Revision>, StoreError>;

    /// Adds `remark` (with its audit line) on revision `revision` of report
    /// `report`, in one transaction: refused as [`StoreError::Stale`] when
    /// the report moved on, and not added when the revision already has
    /// `limit` remarks.
    fn add_remark(
        &self,
        report: i64,
        revision: i64,
        remark: &Remark,
        limit: i64,
        audit: &Entry<'_>,
    ) -> Result<RemarkAdded, StoreError>;

    /// Removes remark `id` of report `report` written on `revision`;
    /// whether there was one.
    fn remove_remark(&self, report: i64, revision: i64, id: i64) -> Result<bool, StoreError>;

    /// How many remarks revision `revision` of report `report` has.
    fn remark_count(&self, report: i64, revision: i64) -> Result<i64, StoreError>;

    /// The remarks of report `report`: of revision `revision`, or (`None`)
    /// of the latest revision that has any, in the order written.
    fn remarks(&self, report: i64, revision: Option<i64>) -> Result<Vec<Remark>, StoreError>;

    /// The text of revision `revision` of report `report`.
    fn revision_text(&self, report: i64, revision: i64) -> Result<Option<String>, StoreError>;

    /// Sets the errors and empty cells of the reports in `counts` where
    /// they were never counted (reports nobody saved yet), in one
    /// transaction.
    fn fill_counts(&self, counts: &[Counts]) -> Result<(), StoreError>;

    /// Every account, in the order made.
    fn accounts(&self) -> Result<Vec<Account>, StoreError>;

    /// Adds an account (refused as [`StoreError::Duplicate`] when the
    /// name is taken), with its audit line, in one transaction.
    fn add_account(&self, account: &NewAccount<'_>, audit: &Entry<'_>) -> Result<(), StoreError>;

    /// The names account `id`'s unit went by before, with the last year
    /// of each, oldest first.
    fn former_names(&self, id: i64) -> Result<Vec<(String, i64)>, StoreError>;

    /// The years of the rounds opened, latest first.
    fn rounds(&self) -> Result<Vec<i64>, StoreError>;

    /// Opens the round `round.year` in one transaction: its accounts
    /// added, renamed (the old name kept as a former name) and retired,
    /// its reports made, its audit line; refused as
    /// [`StoreError::Duplicate`] when the year is open already.
    fn open_round(&self, round: &NewRound<'_>) -> Result<(), StoreError>;

    /// The failed logins of account `id` from `client` in a row, and the
    /// time of the last one.
    fn client_failures(&self, id: i64, client: &str) -> Result<(i64, i64), StoreError>;

    /// Records a failed login with its audit line, in one transaction;
    /// returns the failures of its client in a row.
    fn login_failed(&self, failed: &FailedLogin<'_>) -> Result<i64, StoreError>;

    /// Records a login: the client's failures cleared, the browser's
    /// device known (its hash, if given), the audit line.
    fn login_succeeded(
        &self,
        id: i64,
        client: &str,
        device: Option<&str>,
        audit: &Entry<'_>,
    ) -> Result<(), StoreError>;

    /// Whether account `id` logged in from the browser whose device
    /// cookie hashes to `device`.
    fn device_known(&self, id: i64, device: &str) -> Result<bool, StoreError>;

    /// Clears every lockout of account `id` (its own count and every
    /// client's), with its audit line, in one transaction.
    fn unlock(&self, id: i64, audit: &Entry<'_>) -> Result<(), StoreError>;

    /// The reports of `year` (`owner`: only that account's), by id: one
    /// year's, not every year's, as the stores grows by a year each
    /// January.
    fn reports_of_year(&self, owner: Option<&str>, year: i64)
    -> Result<Vec<ReportRow>, StoreError>;

    /// Starts `session`, forgetting the sessions idle for `idle` seconds
    /// and, past `max` sessions, the longest idle.
    fn session_start(&self, session: &StoredSession, max: i64, idle: i64)
    -> Result<(), StoreError>;

    /// The session whose token hashes to `token`, if it was seen within
    /// `idle` seconds (then it is seen now: its time moves on, at most
    /// once a minute); an idle one is forgotten.
    fn session(&self, token: &str, idle: i64) -> Result<Option<StoredSession>, StoreError>;

    /// Ends the session whose token hashes to `token`.
    fn session_end(&self, token: &str) -> Result<(), StoreError>;

    /// Ends every session of account `user` but the one whose token
    /// hashes to `keep`.
    fn sessions_end_user(&self, user: &str, keep: &str) -> Result<(), StoreError>;

    /// The failed logins counted against `address` in its window, and
    /// when the window began (Unix seconds).
    fn address_failures(&self, address: &str) -> Result<(i64, i64), StoreError>;

    /// Counts a failed login from `address` (a new window when the last
    /// one began `window` seconds ago or more; at most `max` addresses
    /// remembered, the oldest forgotten); its failures now.
    fn address_failed(&self, address: &str, window: i64, max: i64) -> Result<i64, StoreError>;
    /// The deadlines set for the round of `year` (empty: not set).
    fn deadlines(&self, year: i64) -> Result<Deadlines, StoreError>;

    /// Sets the deadlines of the round of `year`, with its audit line, in
    /// one transaction.
    fn set_deadlines(
        &self,
        year: i64,
        deadlines: &Deadlines,
        audit: &Entry<'_>,
    ) -> Result<(), StoreError>;

    /// The submissions, returns and approvals of the reports of `year`,
    /// oldest first.
    fn steps(&self, year: i64) -> Result<Vec<Step>, StoreError>;

    /// The lines of the audit log `filter` chooses, newest first.
    fn audit_log(&self, filter: &AuditFilter<'_>) -> Result<Vec<AuditLine>, StoreError>;

    /// The digests kept of the reports `ids` (those that have one): what
    /// [`Store::set_digest`] stored for their current text.
    fn digests(&self, ids: &[i64]) -> Result<Vec<(i64, String)>, StoreError>;

    /// Keeps `digest` for report `id` while its text is still `text`
    /// (every change clears it); whether it was kept.
    fn set_digest(&self, id: i64, text: &str, digest: &str) -> Result<bool, StoreError>;
}

/// A logged-in session as the store keeps it, so that any server process
/// on the same store serves any request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSession {
    /// The SHA-256 of the cookie's token (the token itself is not kept).
    pub token: String,
    /// The account's login name.
    pub user: String,
    /// The account's unit.
    pub unit: String,
    /// Department or office.
    pub role: Role,
    /// The account's region (a path; empty: the top).
    pub region: String,
    /// The token every change must carry.
    pub csrf: String,
    /// When it was last seen (Unix seconds).
    pub last_seen: i64,
}

/// A failed login for [`Store::login_failed`].
#[derive(Debug, Clone, Copy)]
pub struct FailedLogin<'a> {
    /// The account.
    pub account: i64,
    /// The client it came from (a known device or an address).
    pub client: &'a str,
    /// Whether it counts against the account's own ceiling (a client
    /// that is no known device of the account).
    pub untrusted: bool,
    /// Seconds of the account's window: a failure after it starts a new
    /// one.
    pub window: i64,
    /// The audit line.
    pub audit: Entry<'a>,
}

/// A unit renamed when a round opens.
#[derive(Debug, Clone, Copy)]
pub struct Renamed<'a> {
    /// Its account.
    pub account: i64,
    /// The new name.
    pub unit: &'a str,
    /// The name it had until the year before the round.
    pub former: &'a str,
}

/// A report made when a round opens.
#[derive(Debug, Clone, Copy)]
pub struct RoundReport<'a> {
    /// The account that fills it.
    pub owner: &'a str,
    /// Its unit's name in that year.
    pub unit: &'a str,
    /// The clerk's draft.
    pub text: &'a str,
    /// Errors of the draft.
    pub errors: i64,
    /// Cells left empty.
    pub empty: i64,
}

/// What [`Store::open_round`] does.
#[derive(Debug, Clone)]
pub struct NewRound<'a> {
    /// The year opened.
    pub year: i64,
    /// Who opens it.
    pub who: &'a str,
    /// Units added (new accounts).
    pub added: Vec<NewAccount<'a>>,
    /// Units renamed.
    pub renamed: Vec<Renamed<'a>>,
    /// Accounts retired (units no longer on the roster).
    pub retired: Vec<i64>,
    /// Units going on whose 机关类型 the new roster declares: the account
    /// and the word (`政府`, `部门`), kept for it and its new report.
    pub kinds: Vec<(i64, &'a str)>,
    /// The round's reports.
    pub reports: Vec<RoundReport<'a>>,
    /// The audit line.
    pub audit: Entry<'a>,
}

/// How long after a save (in seconds) the same account's next save on
/// the same report still belongs to the same revision.
pub const COALESCE_SECONDS: i64 = 60;

/// Opens the store in the database file `path` (creating it when
/// `create`), its schema brought up to date.
pub fn open(path: &Path, create: bool) -> Result<Box<dyn Store>, StoreError> {
    Ok(Box::new(sqlite::SqliteStore::open(path, create)?))
}

/// The file of a server folder naming its PostgreSQL database (the
/// connection string, never a password); without it the folder's store
/// is the SQLite file [`DB_FILE`].
pub const DB_URL_FILE: &str = "nianbao-server.database";

/// The connection string recorded in the server folder `dir`, if its
/// store is a PostgreSQL database.
pub fn database_url(dir: &Path) -> Result<Option<String>, String> {
    let file = dir.join(DB_URL_FILE);
    match std::fs::read_to_string(&file) {
        Ok(text) => Ok(Some(text.trim().to_string())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!(
            "无法读取 {}：{}",
            file.display(),
            crate::files::io_message(&e)
        )),
    }
}

/// Whether the server folder `dir` holds a store (the SQLite file or the
/// record of a PostgreSQL database).
pub fn exists_in(dir: &Path) -> bool {
    db_path(dir).is_file() || dir.join(DB_URL_FILE).is_file()
}

/// Why a build without the `postgres` feature (the clerk's download)
/// refuses a PostgreSQL store, and which download to take instead.
pub const WITHOUT_POSTGRES: &str = "此 nianbao 程序不含 PostgreSQL 数据库支持（构建时未打开 cargo 功能 postgres；\
     各单位用的桌面版发行包都是如此）：服务器的数据要放在 PostgreSQL 中时，请改用服务器版发行包 \
     nianbao-server-<版本>-<平台>，或用 cargo build --release --features postgres 自行构建。\
     数据放在文件夹中的 SQLite 数据库（nianbao-server.db）时，本程序即可运行服务器";

/// The PostgreSQL store of the database `url`.
#[cfg(feature = "postgres")]
fn open_postgres(url: &str) -> Result<Box<dyn Store>, String> {
    Ok(Box::new(postgres::PgStore::open(url)?))
}

/// Without the `postgres` feature: the refusal naming the server download.
#[cfg(not(feature = "postgres"))]
fn open_postgres(_url: &str) -> Result<Box<dyn Store>, String> {
    Err(WITHOUT_POSTGRES.to_string())
}

/// The store of the server folder `dir`, which must already hold one
/// (`server init` made it): the server and the operator's subcommands
/// open it so.
pub fn open_existing(dir: &Path) -> Result<Box<dyn Store>, String> {
    if let Some(url) = database_url(dir)? {
        return open_postgres(&url);
    }
    let db = db_path(dir);
    if !db.is_file() {
        return Err(format!(
            "{} 中没有服务器数据库（{}）",
            dir.display(),
            DB_FILE
        ));
    }
    Ok(open(&db, false)?)
}

/// Seconds since the Unix epoch.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// A line of the audit log to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry<'a> {
    /// The account (empty: none, e.g. a refused address).
    pub who: &'a str,
    /// What was done.
    pub action: &'a str,
    /// Its details (never a secret).
    pub detail: &'a str,
}

/// A new account of [`Seed`].
#[derive(Debug, Clone, Copy)]
pub struct NewAccount<'a> {
    /// The login name.
    pub user: &'a str,
    /// Its unit.
    pub unit: &'a str,
    /// Department or office.
    pub role: Role,
    /// The Argon2id hash in PHC form.
    pub hash: &'a str,
    /// Its region (a path of names separated by `/`; empty: the top). A
    /// report takes its account's region when it is made.
    pub region: &'a str,
    /// What the roster declares the unit to be (`政府`, `部门`; empty:
    /// not declared). A report takes its account's when it is made.
    pub agency_kind: &'a str,
}

/// A new report of [`Seed`]: not started, with its blank text.
#[derive(Debug, Clone, Copy)]
pub struct NewReport<'a> {
    /// The unit that fills it.
    pub unit: &'a str,
    /// The account that fills it.
    pub owner: &'a str,
    /// Its year.
    pub year: i64,
    /// The blank data file.
    pub text: &'a str,
}

/// What a new store starts with.
#[derive(Debug, Clone)]
pub struct Seed<'a> {
    /// The accounts.
    pub accounts: Vec<NewAccount<'a>>,
    /// The reports.
    pub reports: Vec<NewReport<'a>>,
    /// The audit line of the creation.
    pub audit: Entry<'a>,
}

/// The errors and empty cells of one report, for [`Store::fill_counts`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// The report.
    pub report: i64,
    /// Its errors.
    pub errors: i64,
    /// Its empty cells.
    pub empty: i64,
}

/// What became of a remark given to [`Store::add_remark`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RemarkAdded {
    /// Added, with this id.
    Added(i64),
    /// Not added: the revision already has as many remarks as allowed.
    Full,
}

/// Who an account is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A department: fills and submits its own unit's reports.
    Department,
    /// The 政务公开办: sees every report, returns and approves.
    Office,
}

impl Role {
    /// The key used in the database.
    pub fn key(self) -> &'static str {
        match self {
            Role::Department => "department",
            Role::Office => "office",
        }
    }

    /// The role stored as `key`.
    pub fn from_key(key: &str) -> Role {
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
    /// Failed logins from clients that are no known device of the
    /// account, in the window from [`Account::window_start`].
    pub failures: i64,
    /// Unix seconds until which logins are refused (set by releases
    /// before schema 2 only).
    pub locked_until: i64,
    /// When the window of [`Account::failures`] began (Unix seconds).
    pub window_start: i64,
    /// Whether the unit left the roster (no login, history kept).
    pub retired: bool,
    /// Its region (a path of names separated by `/`; empty: the top): a
    /// unit's county, or the region an office oversees.
    pub region: String,
    /// What the roster declares the unit to be (`政府`, `部门`; empty:
    /// not declared, its name decides).
    pub agency_kind: String,
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

/// A report's row: what lists show of it and its text.
#[derive(Debug, Clone)]
pub struct ReportRow {
    /// Everything but the text.
    pub meta: ReportMeta,
    /// The data-file text.
    pub text: String,
}

/// A report as lists show it: its row without the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportMeta {
    /// The row id (the `f` of the API).
    pub id: i64,
    /// The unit that fills it.
    pub unit: String,
    /// The report's year.
    pub year: i64,
    /// Where it is in its round.
    pub state: State,
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
    /// The account that fills it.
    pub owner: String,
    /// Its unit's region when it was made.
    pub region: String,
    /// What the roster declared its unit to be when it was made (`政府`,
    /// `部门`; empty: not declared), [`ReportMeta::declared`].
    pub agency_kind: String,
}

impl ReportMeta {
    /// What the roster declared its unit to be, for
    /// [`crate::model::agency::judge`]; `None` when it did not.
    pub fn declared(&self) -> Option<(Kind, Basis)> {
        roster_kind(&self.agency_kind)
    }
}

/// The stored word `agency_kind` (`政府`, `部门`) as a roster's
/// declaration; `None` when empty (or not a word for either).
pub fn roster_kind(agency_kind: &str) -> Option<(Kind, Basis)> {
    Kind::parse(agency_kind).map(|k| (k, Basis::Roster))
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

/// The office's remark on one place of one revision, as stored and as
/// the report page gets it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Remark {
    /// The row id (the page takes a remark back by it).
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
    /// The text the change was made on (refused if it changed: a save
    /// merged into the latest revision keeps its number).
    pub base_text: &'a str,
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
    /// The line of the audit log written with the revision, if any.
    pub audit: Option<Entry<'a>>,
}
