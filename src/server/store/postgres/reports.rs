//! The PostgreSQL store's [`Store`]: reports, revisions, remarks and the
//! seed; the logins and the years are in their own files.

use std::path::Path;

use super::Db;
use postgres::types::ToSql;

use super::{
    ACCOUNT_COLUMNS, PgStore, REPORT_COLUMNS, account_row, failure, insert_account, insert_report,
    report_row, write_audit,
};
use crate::server::store::sessions_sql::dollars;
use crate::server::store::{
    Account, AuditFilter, AuditLine, COALESCE_SECONDS, Change, Counts, Deadlines, Entry,
    FailedLogin, IDS_PER_QUERY, NewAccount, NewRound, Remark, RemarkAdded, ReportMeta, ReportRow,
    Revision, SET_DIGEST_SQL, Seed, State, Step, Store, StoreError, StoredSession, digests_sql,
    now,
};

/// The row of the latest revision `change` replaces rather than follows
/// (as the SQLite store's `mergeable`).
fn mergeable(tx: &mut impl Db, change: &Change<'_>, at: i64) -> Result<Option<i64>, StoreError> {
    if change.kind != "save" {
        return Ok(None);
    }
    tx.query_opt(
        "SELECT r.id FROM revisions r WHERE r.report = $1 AND r.revision = $2 AND r.kind = 'save' \
         AND r.who = $3 AND r.at >= $4 AND NOT EXISTS \
         (SELECT 1 FROM remarks m WHERE m.report = r.report AND m.revision = r.revision)",
        &[
            &change.report,
            &change.base,
            &change.who,
            &(at - COALESCE_SECONDS),
        ],
    )
    .map(|r| r.map(|r| r.get(0)))
    .map_err(failure)
}

fn count_remarks(c: &mut impl Db, report: i64, revision: i64) -> Result<i64, StoreError> {
    c.query_one(
        "SELECT COUNT(*) FROM remarks WHERE report = $1 AND revision = $2",
        &[&report, &revision],
    )
    .map(|r| r.get(0))
    .map_err(failure)
}

/// Records `change` in `tx` (see [`Store::record`]).
fn record_in(tx: &mut impl Db, change: &Change<'_>) -> Result<i64, StoreError> {
    let at = now();
    let merged = mergeable(tx, change, at)?;
    let number = if merged.is_some() {
        change.base
    } else {
        change.base + 1
    };
    let updated = tx
        .execute(
            "UPDATE reports SET text = $3, revision = $4, state = $5, errors = $6, empty = $7, \
             remark = $8, changed_at = $9, changed_by = $10, digest = NULL \
             WHERE id = $1 AND revision = $2 AND text = $11",
            &[
                &change.report,
                &change.base,
                &change.text,
                &number,
                &change.state.key(),
                &change.errors,
                &change.empty,
                &change.remark,
                &at,
                &change.who,
                &change.base_text,
            ],
        )
        .map_err(failure)?;
    if updated != 1 {
        return Err(StoreError::Stale);
    }
    match merged {
        Some(row) => tx.execute(
            "UPDATE revisions SET text = $2, at = $3 WHERE id = $1",
            &[&row, &change.text, &at],
        ),
        None => tx.execute(
            "INSERT INTO revisions (report, revision, kind, who, at, text, remark) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
            &[
                &change.report,
                &number,
                &change.kind,
                &change.who,
                &at,
                &change.text,
                &change.remark,
            ],
        ),
    }
    .map_err(failure)?;
    if let Some(entry) = &change.audit {
        write_audit(tx, entry)?;
    }
    Ok(number)
}

fn add_remark_in(
    tx: &mut impl Db,
    (report, revision): (i64, i64),
    r: &Remark,
    limit: i64,
    audit: &Entry<'_>,
) -> Result<RemarkAdded, StoreError> {
    if count_remarks(tx, report, revision)? >= limit {
        return Ok(RemarkAdded::Full);
    }
    let row = tx
        .query_opt(
            "INSERT INTO remarks (report, revision, path, para, text, who, at) \
             SELECT id, revision, $3, $4, $5, $6, $7 FROM reports WHERE id = $1 AND revision = $2 \
             RETURNING id",
            &[
                &report,
                &revision,
                &r.path,
                &r.para,
                &r.text,
                &r.who,
                &now(),
            ],
        )
        .map_err(failure)?;
    let Some(row) = row else {
        return Err(StoreError::Stale);
    };
    write_audit(tx, audit)?;
    Ok(RemarkAdded::Added(row.get(0)))
}

fn populate_in(tx: &mut impl Db, seed: &Seed<'_>) -> Result<(), StoreError> {
    for account in &seed.accounts {
        insert_account(tx, account)?;
    }
    for report in &seed.reports {
        insert_report(tx, report)?;
    }
    tx.execute(
        "INSERT INTO rounds (year, opened_at, opened_by) \
         SELECT DISTINCT year, $1::BIGINT, $2::TEXT FROM reports \
         WHERE year NOT IN (SELECT year FROM rounds)",
        &[&now(), &seed.audit.who],
    )
    .map_err(failure)?;
    write_audit(tx, &seed.audit)
}

fn meta_row(r: &postgres::Row) -> ReportMeta {
    ReportMeta {
        id: r.get(0),
        unit: r.get(1),
        year: r.get(2),
        state: State::from_key(r.get(3)),
        revision: r.get(4),
        errors: r.get(5),
        empty: r.get(6),
        remark: r.get(7),
        changed_at: r.get(8),
        changed_by: r.get(9),
        owner: r.get(10),
        region: r.get(11),
        agency_kind: r.get(12),
    }
}

fn remark_row(r: &postgres::Row) -> Remark {
    Remark {
        id: r.get(0),
        revision: r.get(1),
        path: r.get(2),
        para: r.get(3),
        text: r.get(4),
        who: r.get(5),
        at: r.get(6),
    }
}

impl Store for PgStore {
    fn populate(&self, seed: &Seed<'_>) -> Result<(), StoreError> {
        self.tx(|tx| populate_in(tx, seed))
    }

    fn account(&self, user: &str) -> Result<Option<Account>, StoreError> {
        let sql = format!("{ACCOUNT_COLUMNS} WHERE \"user\" = $1");
        self.with(|c| c.query_opt(&sql, &[&user]).map_err(failure))
            .map(|r| r.as_ref().map(account_row))
    }

    fn login_outcome(
        &self,
        id: i64,
        failures: i64,
        locked_until: i64,
        audit: &Entry<'_>,
    ) -> Result<(), StoreError> {
        self.tx(|tx| {
            tx.execute(
                "UPDATE accounts SET failures = $2, locked_until = $3 WHERE id = $1",
                &[&id, &failures, &locked_until],
            )
            .map_err(failure)?;
            write_audit(tx, audit)
        })
    }

    fn set_password(&self, id: i64, hash: &str, audit: &Entry<'_>) -> Result<(), StoreError> {
        self.tx(|tx| {
            tx.execute(
                "UPDATE accounts SET hash = $2, failures = 0, locked_until = 0, window_start = 0 \
                 WHERE id = $1",
                &[&id, &hash],
            )
            .map_err(failure)?;
            tx.execute("DELETE FROM client_failures WHERE account = $1", &[&id])
                .map_err(failure)?;
            write_audit(tx, audit)
        })
    }

    fn audit(&self, who: &str, action: &str, detail: &str) -> Result<(), StoreError> {
        let entry = Entry {
            who,
            action,
            detail,
        };
        self.with(|c| write_audit(c, &entry))
    }

    fn reports(&self, owner: Option<&str>) -> Result<Vec<ReportRow>, StoreError> {
        let sql = format!(
            "{REPORT_COLUMNS} WHERE ($1::TEXT IS NULL OR owner = $1) ORDER BY year DESC, id"
        );
        self.with(|c| c.query(&sql, &[&owner]).map_err(failure))
            .map(|rows| rows.iter().map(report_row).collect())
    }

    fn report(&self, id: i64) -> Result<Option<ReportRow>, StoreError> {
        let sql = format!("{REPORT_COLUMNS} WHERE id = $1");
        self.with(|c| c.query_opt(&sql, &[&id]).map_err(failure))
            .map(|r| r.as_ref().map(report_row))
    }

    fn listing(
        &self,
        owner: Option<&str>,
        year: Option<i64>,
    ) -> Result<Vec<ReportMeta>, StoreError> {
        self.with(|c| {
            c.query(
                "SELECT id, unit, year, state, revision, errors, empty, remark, changed_at, \
                 changed_by, owner, region, agency_kind FROM reports WHERE ($1::TEXT IS NULL OR owner = $1) \
                 AND ($2::BIGINT IS NULL OR year = $2) ORDER BY year DESC, id",
                &[&owner, &year],
            )
            .map_err(failure)
        })
        .map(|rows| rows.iter().map(meta_row).collect())
    }

    fn record(&self, change: &Change<'_>) -> Result<i64, StoreError> {
        self.tx(|tx| record_in(tx, change))
    }

    fn backup(&self, _to: &Path) -> Result<(), StoreError> {
        Err(StoreError::Database(BACKUP_BY_PG_DUMP.to_string()))
    }

    fn backup_by_tool(&self) -> Option<&'static str> {
        Some(BACKUP_BY_PG_DUMP)
    }

    fn revisions(&self, id: i64) -> Result<Vec<Revision>, StoreError> {
        let rows = self.with(|c| {
            c.query(
                "SELECT revision, kind, who, at, remark FROM revisions WHERE report = $1 \
                 ORDER BY revision",
                &[&id],
            )
            .map_err(failure)
        })?;
        Ok(rows
            .iter()
            .map(|r| Revision {
                revision: r.get(0),
                kind: r.get(1),
                who: r.get(2),
                at: r.get(3),
                remark: r.get(4),
            })
            .collect())
    }

    fn add_remark(
        &self,
        report: i64,
        revision: i64,
        remark: &Remark,
        limit: i64,
        audit: &Entry<'_>,
    ) -> Result<RemarkAdded, StoreError> {
        self.tx(|tx| add_remark_in(tx, (report, revision), remark, limit, audit))
    }

    fn remove_remark(&self, report: i64, revision: i64, id: i64) -> Result<bool, StoreError> {
        self.with(|c| {
            c.execute(
                "DELETE FROM remarks WHERE id = $1 AND report = $2 AND revision = $3",
                &[&id, &report, &revision],
            )
            .map(|n| n == 1)
            .map_err(failure)
        })
    }

    fn remark_count(&self, report: i64, revision: i64) -> Result<i64, StoreError> {
        self.with(|c| count_remarks(c, report, revision))
    }

    fn remarks(&self, report: i64, revision: Option<i64>) -> Result<Vec<Remark>, StoreError> {
        let rows = self.with(|c| {
            c.query(
                "SELECT id, revision, path, para, text, who, at FROM remarks WHERE report = $1 AND \
                 revision = COALESCE($2::BIGINT, (SELECT MAX(revision) FROM remarks WHERE report = $1)) \
                 ORDER BY id",
                &[&report, &revision],
            )
            .map_err(failure)
        })?;
        Ok(rows.iter().map(remark_row).collect())
    }

    fn revision_text(&self, report: i64, revision: i64) -> Result<Option<String>, StoreError> {
        self.with(|c| {
            c.query_opt(
                "SELECT text FROM revisions WHERE report = $1 AND revision = $2",
                &[&report, &revision],
            )
            .map(|r| r.map(|r| r.get(0)))
            .map_err(failure)
        })
    }

    fn fill_counts(&self, counts: &[Counts]) -> Result<(), StoreError> {
        self.tx(|tx| {
            for c in counts {
                tx.execute(
                    "UPDATE reports SET errors = $2, empty = $3 WHERE id = $1 AND errors IS NULL",
                    &[&c.report, &c.errors, &c.empty],
                )
                .map_err(failure)?;
            }
            Ok(())
        })
    }

    fn accounts(&self) -> Result<Vec<Account>, StoreError> {
        let sql = format!("{ACCOUNT_COLUMNS} ORDER BY id");
        self.with(|c| c.query(&sql, &[]).map_err(failure))
            .map(|rows| rows.iter().map(account_row).collect())
    }

    fn add_account(&self, account: &NewAccount<'_>, audit: &Entry<'_>) -> Result<(), StoreError> {
        self.tx(|tx| {
            insert_account(tx, account)?;
            write_audit(tx, audit)
        })
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
        let sql = format!(
            "{REPORT_COLUMNS} WHERE ($1::TEXT IS NULL OR owner = $1) AND year = $2 ORDER BY id"
        );
        self.with(|c| c.query(&sql, &[&owner, &year]).map_err(failure))
            .map(|rows| rows.iter().map(report_row).collect())
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
        self.with(|c| {
            let mut out = Vec::with_capacity(ids.len());
            for chunk in ids.chunks(IDS_PER_QUERY) {
                let sql = dollars(&digests_sql(chunk.len()));
                let params: Vec<&(dyn ToSql + Sync)> =
                    chunk.iter().map(|id| id as &(dyn ToSql + Sync)).collect();
                for row in c.query(&sql, &params).map_err(failure)? {
                    out.push((row.get(0), row.get(1)));
                }
            }
            Ok(out)
        })
    }

    fn set_digest(&self, id: i64, text: &str, digest: &str) -> Result<bool, StoreError> {
        self.with(|c| {
            c.execute(&dollars(SET_DIGEST_SQL), &[&id, &text, &digest])
                .map(|n| n == 1)
                .map_err(failure)
        })
    }
}

/// Why a PostgreSQL store is not backed up by the server (shown on the
/// board and by `server backup`).
const BACKUP_BY_PG_DUMP: &str = "数据保存在 PostgreSQL 数据库中，服务器不自行备份：\
     请由数据库管理员用数据库自带的工具备份（如 pg_dump -Fc -f nianbao.dump 数据库名，\
     恢复用 pg_restore），见 docs/server.md";
