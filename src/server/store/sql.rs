//! Every statement the store runs on its data, written once for both
//! stores: `?n` parameters (turned into PostgreSQL's `$n` by
//! [`super::dialect`]) and otherwise the SQL both SQLite and PostgreSQL
//! (and its relatives: KingbaseES, openGauss) accept — `CAST(?n AS TEXT)`
//! where PostgreSQL must know a parameter's type, `"user"` quoted (a
//! reserved word in PostgreSQL), no `ON CONFLICT` or `INSERT OR …` (an
//! update, then an insert when it changed no row, in one transaction),
//! `RETURNING` for a new row's id. The schema is not here: each store has
//! its migrations.

/// The columns of an account, in the order `rows::account` reads them.
macro_rules! account_columns {
    () => {
        "SELECT id, \"user\", unit, role, hash, failures, locked_until, window_start, retired, \
         region, agency_kind FROM accounts"
    };
}

/// The columns of [`super::ReportMeta`], in the order [`super::rows::meta`]
/// reads them.
macro_rules! meta_columns {
    () => {
        "SELECT id, unit, year, state, revision, errors, empty, remark, changed_at, changed_by, \
         owner, region, agency_kind"
    };
}

/// A whole report's columns: [`meta_columns`], then the text.
macro_rules! report_columns {
    () => {
        concat!(meta_columns!(), ", text FROM reports")
    };
}

// Accounts and the audit log.

/// Adds a line to the audit log: when, who, what, details.
pub const AUDIT_ADD: &str = "INSERT INTO audit (at, who, action, detail) VALUES (?1, ?2, ?3, ?4)";

/// Adds an account.
pub const ACCOUNT_ADD: &str = "INSERT INTO accounts (\"user\", unit, role, hash, region, \
     agency_kind) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

/// The account of a login name.
pub const ACCOUNT: &str = concat!(account_columns!(), " WHERE \"user\" = ?1");

/// Every account, in the order made.
pub const ACCOUNTS: &str = concat!(account_columns!(), " ORDER BY id");

/// Sets an account's failures and lockout.
pub const LOGIN_OUTCOME: &str =
    "UPDATE accounts SET failures = ?2, locked_until = ?3 WHERE id = ?1";

/// Sets an account's password hash, its lockout cleared.
pub const SET_PASSWORD: &str = "UPDATE accounts SET hash = ?2, failures = 0, locked_until = 0, \
     window_start = 0 WHERE id = ?1";

/// Clears an account's own failures and lockout.
pub const UNLOCK: &str =
    "UPDATE accounts SET failures = 0, locked_until = 0, window_start = 0 WHERE id = ?1";

/// The names an account's unit went by, with the last year of each.
pub const FORMER_NAMES: &str =
    "SELECT name, until_year FROM former_names WHERE account = ?1 ORDER BY until_year, id";

// Reports, revisions and remarks.

/// Adds a report, not started, with its owner's region and kind.
pub const REPORT_ADD: &str = "INSERT INTO reports (unit, owner, year, state, text, region, \
     agency_kind) VALUES (?1, ?2, ?3, 'new', ?4, \
     COALESCE((SELECT region FROM accounts WHERE \"user\" = ?2), ''), \
     COALESCE((SELECT agency_kind FROM accounts WHERE \"user\" = ?2), ''))";

/// Records the years of the reports as rounds (`?1`: when, `?2`: who),
/// those not recorded yet.
pub const ROUNDS_OF_REPORTS: &str = "INSERT INTO rounds (year, opened_at, opened_by) \
     SELECT DISTINCT year, CAST(?1 AS BIGINT), CAST(?2 AS TEXT) FROM reports \
     WHERE year NOT IN (SELECT year FROM rounds)";

/// Every report (`?1`: only that owner's), latest year first.
pub const REPORTS: &str = concat!(
    report_columns!(),
    " WHERE (CAST(?1 AS TEXT) IS NULL OR owner = ?1) ORDER BY year DESC, id"
);

/// One report.
pub const REPORT: &str = concat!(report_columns!(), " WHERE id = ?1");

/// The reports of year `?2` (`?1`: only that owner's).
pub const REPORTS_OF_YEAR: &str = concat!(
    report_columns!(),
    " WHERE (CAST(?1 AS TEXT) IS NULL OR owner = ?1) AND year = ?2 ORDER BY id"
);

/// What lists show of the reports (`?1`: only that owner's, `?2`: only
/// that year's), without the text.
pub const LISTING: &str = concat!(
    meta_columns!(),
    " FROM reports WHERE (CAST(?1 AS TEXT) IS NULL OR owner = ?1) \
     AND (CAST(?2 AS BIGINT) IS NULL OR year = ?2) ORDER BY year DESC, id"
);

/// The row of revision `?2` of report `?1` when it is a save by `?3`
/// made at `?4` or later with no remark on it.
pub const MERGEABLE: &str = "SELECT r.id FROM revisions r WHERE r.report = ?1 \
     AND r.revision = ?2 AND r.kind = 'save' AND r.who = ?3 AND r.at >= ?4 AND NOT EXISTS \
     (SELECT 1 FROM remarks m WHERE m.report = r.report AND m.revision = r.revision)";

/// A report's new text and state, only while it is at revision `?2` with
/// the text `?11` (zero rows: stale); its digest cleared.
pub const REPORT_CHANGE: &str = "UPDATE reports SET text = ?3, revision = ?4, state = ?5, \
     errors = ?6, empty = ?7, remark = ?8, changed_at = ?9, changed_by = ?10, digest = NULL \
     WHERE id = ?1 AND revision = ?2 AND text = ?11";

/// Replaces a revision's text and time (a save merged into it).
pub const REVISION_REPLACE: &str = "UPDATE revisions SET text = ?2, at = ?3 WHERE id = ?1";

/// Adds a revision.
pub const REVISION_ADD: &str = "INSERT INTO revisions (report, revision, kind, who, at, text, \
     remark) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

/// Adds a report's first revision, the draft carried from last year.
pub const REVISION_CARRY: &str = "INSERT INTO revisions (report, revision, kind, who, at, text) \
     VALUES (?1, 1, 'carry', ?2, ?3, ?4)";

/// The revisions of a report, oldest first.
pub const REVISIONS: &str =
    "SELECT revision, kind, who, at, remark FROM revisions WHERE report = ?1 ORDER BY revision";

/// The text of one revision.
pub const REVISION_TEXT: &str = "SELECT text FROM revisions WHERE report = ?1 AND revision = ?2";

/// Sets a report's counts where they were never counted.
pub const FILL_COUNTS: &str =
    "UPDATE reports SET errors = ?2, empty = ?3 WHERE id = ?1 AND errors IS NULL";

/// How many remarks a revision has.
pub const REMARK_COUNT: &str = "SELECT COUNT(*) FROM remarks WHERE report = ?1 AND revision = ?2";

/// Adds a remark on revision `?2` of report `?1` while the report is at
/// it (no row: stale); its id.
pub const REMARK_ADD: &str = "INSERT INTO remarks (report, revision, path, para, text, who, at) \
     SELECT id, revision, ?3, ?4, ?5, ?6, ?7 FROM reports WHERE id = ?1 AND revision = ?2 \
     RETURNING id";

/// Removes remark `?1` of revision `?3` of report `?2`.
pub const REMARK_REMOVE: &str =
    "DELETE FROM remarks WHERE id = ?1 AND report = ?2 AND revision = ?3";

/// The remarks of revision `?2` (`NULL`: the latest that has any) of
/// report `?1`, in the order written.
pub const REMARKS: &str = "SELECT id, revision, path, para, text, who, at FROM remarks \
     WHERE report = ?1 AND revision = COALESCE(CAST(?2 AS BIGINT), \
     (SELECT MAX(revision) FROM remarks WHERE report = ?1)) ORDER BY id";

/// Keeps a report's digest (`?3`) while its text is still `?2`.
pub const SET_DIGEST: &str = "UPDATE reports SET digest = ?3 WHERE id = ?1 AND text = ?2";

/// Report ids asked for in one statement of [`digests`] (SQLite allows
/// 32766 parameters, PostgreSQL 65535).
pub const IDS_PER_QUERY: usize = 500;

/// The statement reading the kept digests of `n` report ids (`?1` …
/// `?n`).
pub fn digests(n: usize) -> String {
    let marks: Vec<String> = (1..=n).map(|i| format!("?{i}")).collect();
    format!(
        "SELECT id, digest FROM reports WHERE digest IS NOT NULL AND id IN ({})",
        marks.join(", ")
    )
}

// The years.

/// The years of the rounds opened, latest first.
pub const ROUNDS: &str =
    "SELECT year FROM rounds UNION SELECT DISTINCT year FROM reports ORDER BY year DESC";

/// The year `?1` if a round or a report has it.
pub const ROUND_TAKEN: &str =
    "SELECT year FROM rounds WHERE year = ?1 UNION SELECT year FROM reports WHERE year = ?1";

/// Opens a round.
pub const ROUND_OPEN: &str = "INSERT INTO rounds (year, opened_at, opened_by) VALUES (?1, ?2, ?3)";

/// Keeps a unit's former name, unless kept already.
pub const FORMER_NAME_ADD: &str = "INSERT INTO former_names (account, name, until_year) \
     SELECT ?1, CAST(?2 AS TEXT), ?3 \
     WHERE NOT EXISTS (SELECT 1 FROM former_names WHERE account = ?1 AND name = ?2)";

/// Renames an account's unit.
pub const RENAME: &str = "UPDATE accounts SET unit = ?2 WHERE id = ?1";

/// Sets what the roster declares an account's unit to be.
pub const SET_KIND: &str = "UPDATE accounts SET agency_kind = ?2 WHERE id = ?1";

/// Retires an account.
pub const RETIRE: &str = "UPDATE accounts SET retired = 1 WHERE id = ?1";

/// Adds a report of a round opened, with its draft as revision 1; its id.
pub const ROUND_REPORT_ADD: &str = "INSERT INTO reports (unit, owner, year, state, text, \
     revision, errors, empty, region, agency_kind) VALUES (?1, ?2, ?3, 'new', ?4, 1, ?5, ?6, \
     COALESCE((SELECT region FROM accounts WHERE \"user\" = ?2), ''), \
     COALESCE((SELECT agency_kind FROM accounts WHERE \"user\" = ?2), '')) RETURNING id";

// Logins.

/// The failures in a row of account `?1` from client `?2`, and the last
/// one's time.
pub const CLIENT_FAILURES: &str =
    "SELECT failures, last_at FROM client_failures WHERE account = ?1 AND client = ?2";

/// Forgets the clients' failures older than `?1`.
pub const CLIENT_FORGET: &str = "DELETE FROM client_failures WHERE last_at < ?1";

/// Counts one more failure of a client at `?3` (no row: its first).
pub const CLIENT_BUMP: &str = "UPDATE client_failures SET failures = failures + 1, last_at = ?3 \
     WHERE account = ?1 AND client = ?2 RETURNING failures";

/// A client's first failure.
pub const CLIENT_FIRST: &str = "INSERT INTO client_failures (account, client, failures, last_at) \
     VALUES (?1, ?2, 1, ?3)";

/// Clears the failures of one client of an account.
pub const CLIENT_CLEAR: &str = "DELETE FROM client_failures WHERE account = ?1 AND client = ?2";

/// Clears the failures of every client of an account.
pub const CLIENTS_CLEAR: &str = "DELETE FROM client_failures WHERE account = ?1";

/// Counts a failure against the account itself at `?2` (a new window
/// when the last one, `?3` seconds long, is over).
pub const ACCOUNT_FAILED: &str = "UPDATE accounts SET \
     failures = CASE WHEN window_start + ?3 <= ?2 THEN 1 ELSE failures + 1 END, \
     window_start = CASE WHEN window_start + ?3 <= ?2 THEN ?2 ELSE window_start END \
     WHERE id = ?1";

/// Forgets a device (before it is added again, as the latest).
pub const DEVICE_FORGET: &str = "DELETE FROM devices WHERE token = ?1";

/// Adds an account's device.
pub const DEVICE_ADD: &str = "INSERT INTO devices (token, account, at) VALUES (?1, ?2, ?3)";

/// Forgets an account's devices past its latest `?2`.
pub const DEVICES_TRIM: &str = "DELETE FROM devices WHERE account = ?1 AND token NOT IN \
     (SELECT token FROM devices WHERE account = ?1 ORDER BY at DESC LIMIT ?2)";

/// Whether an account logged in from a device.
pub const DEVICE_KNOWN: &str = "SELECT 1 FROM devices WHERE account = ?1 AND token = ?2";

// Sessions and the per-address counts.

/// Forgets the sessions last seen before `?1`.
pub const SESSIONS_FORGET_IDLE: &str = "DELETE FROM sessions WHERE last_seen < ?1";

/// Forgets the sessions past the newest `?1`.
pub const SESSIONS_FORGET_OLDEST: &str = "DELETE FROM sessions WHERE token NOT IN \
     (SELECT token FROM sessions ORDER BY last_seen DESC LIMIT ?1)";

/// Adds a session.
pub const SESSION_START: &str = "INSERT INTO sessions (token, account, unit, role, csrf, \
     last_seen, region) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

/// A session by the hash of its token.
pub const SESSION: &str =
    "SELECT token, account, unit, role, csrf, last_seen, region FROM sessions WHERE token = ?1";

/// Moves a session's time on to `?2`.
pub const SESSION_TOUCH: &str = "UPDATE sessions SET last_seen = ?2 WHERE token = ?1";

/// Ends one session.
pub const SESSION_END: &str = "DELETE FROM sessions WHERE token = ?1";

/// Ends an account's sessions but one.
pub const SESSIONS_END_USER: &str = "DELETE FROM sessions WHERE account = ?1 AND token <> ?2";

/// An address's count and the start of its window.
pub const ADDRESS: &str = "SELECT failures, since FROM address_failures WHERE address = ?1";

/// Counts one more failure of an address in its window (`?2`: now,
/// `?3`: the window's length); no row when the address has none.
pub const ADDRESS_BUMP: &str = "UPDATE address_failures SET \
     failures = CASE WHEN since + ?3 <= ?2 THEN 1 ELSE failures + 1 END, \
     since = CASE WHEN since + ?3 <= ?2 THEN ?2 ELSE since END WHERE address = ?1";

/// An address's first failure.
pub const ADDRESS_FIRST: &str =
    "INSERT INTO address_failures (address, since, failures) VALUES (?1, ?2, 1)";

/// Forgets the addresses whose window ended before `?1`.
pub const ADDRESS_FORGET: &str = "DELETE FROM address_failures WHERE since < ?1";

/// Forgets the addresses past the newest `?1`.
pub const ADDRESS_OLDEST: &str = "DELETE FROM address_failures WHERE address NOT IN \
     (SELECT address FROM address_failures ORDER BY since DESC LIMIT ?1)";

/// How many addresses are remembered.
pub const ADDRESS_COUNT: &str = "SELECT COUNT(*) FROM address_failures";

// The office's oversight.

/// The deadlines of a round.
pub const DEADLINES: &str = "SELECT due_departments, due_governments FROM rounds WHERE year = ?1";

/// Sets the deadlines of a round that has a row (no row changed: none).
pub const DEADLINES_SET: &str =
    "UPDATE rounds SET due_departments = ?2, due_governments = ?3 WHERE year = ?1";

/// Adds a round's row with its deadlines.
pub const DEADLINES_ADD: &str =
    "INSERT INTO rounds (year, due_departments, due_governments) VALUES (?1, ?2, ?3)";

/// The submissions, returns and approvals of a year's reports, oldest
/// first.
pub const STEPS: &str = "SELECT v.report, v.kind, v.at FROM revisions v \
     JOIN reports p ON p.id = v.report WHERE p.year = ?1 \
     AND v.kind IN ('submit', 'return', 'approve') ORDER BY v.at, v.id";

/// The audit log's lines (`?1`: only that account's; `?2`: only those
/// whose detail matches the pattern `?3` or whose account belongs to
/// that unit; `?4`: at most so many), newest first, of `actions` actions
/// (none: every action; their names `?5` on).
pub fn audit_log(actions: usize) -> String {
    let mut sql = String::from(
        "SELECT id, at, who, action, detail FROM audit WHERE (CAST(?1 AS TEXT) = '' OR who = ?1) \
         AND (CAST(?2 AS TEXT) = '' OR detail LIKE CAST(?3 AS TEXT) ESCAPE '\\' \
         OR who IN (SELECT \"user\" FROM accounts WHERE unit = ?2))",
    );
    if actions > 0 {
        let marks: Vec<String> = (0..actions).map(|i| format!("?{}", i + 5)).collect();
        sql.push_str(&format!(" AND action IN ({})", marks.join(", ")));
    }
    sql.push_str(" ORDER BY id DESC LIMIT ?4");
    sql
}
