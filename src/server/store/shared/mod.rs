//! The one implementation of [`Store`], for both stores: every method is
//! its statements ([`super::sql`]) run on a [`Db`] of the store, in one
//! transaction where it changes several rows. A store is a [`Backend`]:
//! how to reach a connection and a transaction of its database, and the
//! few things only it does (its backup, its closing). The changes of
//! several statements are in [`changes`], the logins' and the sessions'
//! in [`logins`].

mod changes;
mod logins;

use std::path::Path;

use super::db::{Arg, Db};
use super::oversight::like_escaped;
use super::{
    Account, AuditFilter, AuditLine, Change, Counts, Deadlines, Entry, FailedLogin, NewAccount,
    NewRound, Remark, RemarkAdded, ReportMeta, ReportRow, Revision, Seed, Step, Store, StoreError,
    StoredSession, now, rows, sql,
};

/// A store's database: what [`Store`] needs of it.
pub trait Backend: Send + Sync + std::fmt::Debug {
    /// Runs `f` on a connection of the store.
    fn connected<T>(
        &self,
        f: impl FnOnce(&mut dyn Db) -> Result<T, StoreError>,
    ) -> Result<T, StoreError>;

    /// Runs `f` in one transaction, committed when it succeeds (rolled
    /// back otherwise).
    fn transaction<T>(
        &self,
        f: impl FnOnce(&mut dyn Db) -> Result<T, StoreError>,
    ) -> Result<T, StoreError>;

    /// [`Store::backup`] of this store.
    fn backup_to(&self, to: &Path) -> Result<(), StoreError>;

    /// [`Store::close`] of this store.
    fn close_files(&self) -> Result<(), StoreError> {
        Ok(())
    }

    /// [`Store::backup_by_tool`] of this store.
    fn backup_tool(&self) -> Option<&'static str> {
        None
    }
}

/// Adds the audit line `entry` (in `db`'s transaction, if any).
pub(super) fn write_audit(db: &mut dyn Db, entry: &Entry<'_>) -> Result<(), StoreError> {
    let args = [
        now().into(),
        entry.who.into(),
        entry.action.into(),
        entry.detail.into(),
    ];
    db.execute(sql::AUDIT_ADD, &args).map(|_| ())
}

/// Adds the account `a`.
fn insert_account(db: &mut dyn Db, a: &NewAccount<'_>) -> Result<(), StoreError> {
    let args: [Arg; 6] = [
        a.user.into(),
        a.unit.into(),
        a.role.key().into(),
        a.hash.into(),
        a.region.into(),
        a.agency_kind.into(),
    ];
    db.execute(sql::ACCOUNT_ADD, &args).map(|_| ())
}

impl<B: Backend> Store for B {
    fn populate(&self, seed: &Seed<'_>) -> Result<(), StoreError> {
        self.transaction(|tx| changes::populate(tx, seed))
    }

    fn account(&self, user: &str) -> Result<Option<Account>, StoreError> {
        self.connected(|c| c.row(sql::ACCOUNT, &[user.into()], rows::account))
    }

    fn login_outcome(
        &self,
        id: i64,
        failures: i64,
        locked_until: i64,
        audit: &Entry<'_>,
    ) -> Result<(), StoreError> {
        self.transaction(|tx| {
            let args = [id.into(), failures.into(), locked_until.into()];
            tx.execute(sql::LOGIN_OUTCOME, &args)?;
            write_audit(tx, audit)
        })
    }

    fn set_password(&self, id: i64, hash: &str, audit: &Entry<'_>) -> Result<(), StoreError> {
        self.transaction(|tx| {
            tx.execute(sql::SET_PASSWORD, &[id.into(), hash.into()])?;
            tx.execute(sql::CLIENTS_CLEAR, &[id.into()])?;
            write_audit(tx, audit)
        })
    }

    fn audit(&self, who: &str, action: &str, detail: &str) -> Result<(), StoreError> {
        let entry = Entry {
            who,
            action,
            detail,
        };
        self.connected(|c| write_audit(c, &entry))
    }

    fn reports(&self, owner: Option<&str>) -> Result<Vec<ReportRow>, StoreError> {
        self.connected(|c| c.rows(sql::REPORTS, &[owner.into()], rows::report))
    }

    fn report(&self, id: i64) -> Result<Option<ReportRow>, StoreError> {
        self.connected(|c| c.row(sql::REPORT, &[id.into()], rows::report))
    }

    fn listing(
        &self,
        owner: Option<&str>,
        year: Option<i64>,
    ) -> Result<Vec<ReportMeta>, StoreError> {
        self.connected(|c| c.rows(sql::LISTING, &[owner.into(), year.into()], rows::meta))
    }

    fn record(&self, change: &Change<'_>) -> Result<i64, StoreError> {
        self.transaction(|tx| changes::record(tx, change))
    }

    fn backup(&self, to: &Path) -> Result<(), StoreError> {
        self.backup_to(to)
    }

    fn close(&self) -> Result<(), StoreError> {
        self.close_files()
    }

    fn backup_by_tool(&self) -> Option<&'static str> {
        self.backup_tool()
    }

    fn revisions(&self, id: i64) -> Result<Vec<Revision>, StoreError> {
        self.connected(|c| c.rows(sql::REVISIONS, &[id.into()], rows::revision))
    }

    fn add_remark(
        &self,
        report: i64,
        revision: i64,
        remark: &Remark,
        limit: i64,
        audit: &Entry<'_>,
    ) -> Result<RemarkAdded, StoreError> {
        let on = (report, revision);
        self.transaction(|tx| changes::add_remark(tx, on, remark, limit, audit))
    }

    fn remove_remark(&self, report: i64, revision: i64, id: i64) -> Result<bool, StoreError> {
        let args = [id.into(), report.into(), revision.into()];
        self.connected(|c| c.execute(sql::REMARK_REMOVE, &args).map(|n| n == 1))
    }

    fn remark_count(&self, report: i64, revision: i64) -> Result<i64, StoreError> {
        self.connected(|c| changes::remark_count(c, report, revision))
    }

    fn remarks(&self, report: i64, revision: Option<i64>) -> Result<Vec<Remark>, StoreError> {
        self.connected(|c| {
            c.rows(
                sql::REMARKS,
                &[report.into(), revision.into()],
                rows::remark,
            )
        })
    }

    fn revision_text(&self, report: i64, revision: i64) -> Result<Option<String>, StoreError> {
        let args = [report.into(), revision.into()];
        self.connected(|c| c.row(sql::REVISION_TEXT, &args, |mut r| r.text(0)))
    }

    fn fill_counts(&self, counts: &[Counts]) -> Result<(), StoreError> {
        self.transaction(|tx| {
            for c in counts {
                let args = [c.report.into(), c.errors.into(), c.empty.into()];
                tx.execute(sql::FILL_COUNTS, &args)?;
            }
            Ok(())
        })
    }

    fn accounts(&self) -> Result<Vec<Account>, StoreError> {
        self.connected(|c| c.rows(sql::ACCOUNTS, &[], rows::account))
    }

    fn add_account(&self, account: &NewAccount<'_>, audit: &Entry<'_>) -> Result<(), StoreError> {
        self.transaction(|tx| {
            insert_account(tx, account)?;
            write_audit(tx, audit)
        })
    }

    fn former_names(&self, id: i64) -> Result<Vec<(String, i64)>, StoreError> {
        self.connected(|c| c.rows(sql::FORMER_NAMES, &[id.into()], rows::text_and_int))
    }

    fn rounds(&self) -> Result<Vec<i64>, StoreError> {
        self.connected(|c| c.rows(sql::ROUNDS, &[], |r| r.int(0)))
    }

    fn open_round(&self, round: &NewRound<'_>) -> Result<(), StoreError> {
        self.transaction(|tx| changes::open_round(tx, round))
    }

    fn client_failures(&self, id: i64, client: &str) -> Result<(i64, i64), StoreError> {
        let args = [id.into(), client.into()];
        self.connected(|c| c.row(sql::CLIENT_FAILURES, &args, rows::pair))
            .map(|found| found.unwrap_or((0, 0)))
    }

    fn login_failed(&self, failed: &FailedLogin<'_>) -> Result<i64, StoreError> {
        // A first failure inserted by two processes at once: the loser
        // retries once and finds the row.
        match self.transaction(|tx| logins::failed(tx, failed)) {
            Err(StoreError::Duplicate(_)) => self.transaction(|tx| logins::failed(tx, failed)),
            other => other,
        }
    }

    fn login_succeeded(
        &self,
        id: i64,
        client: &str,
        device: Option<&str>,
        audit: &Entry<'_>,
    ) -> Result<(), StoreError> {
        let login = (id, client, device);
        match self.transaction(|tx| logins::succeeded(tx, login, audit)) {
            Err(StoreError::Duplicate(_)) => {
                self.transaction(|tx| logins::succeeded(tx, login, audit))
            }
            other => other,
        }
    }

    fn device_known(&self, id: i64, device: &str) -> Result<bool, StoreError> {
        let args = [id.into(), device.into()];
        self.connected(|c| c.query(sql::DEVICE_KNOWN, &args))
            .map(|found| !found.is_empty())
    }

    fn unlock(&self, id: i64, audit: &Entry<'_>) -> Result<(), StoreError> {
        self.transaction(|tx| {
            tx.execute(sql::UNLOCK, &[id.into()])?;
            tx.execute(sql::CLIENTS_CLEAR, &[id.into()])?;
            write_audit(tx, audit)
        })
    }

    fn reports_of_year(
        &self,
        owner: Option<&str>,
        year: i64,
    ) -> Result<Vec<ReportRow>, StoreError> {
        let args = [owner.into(), year.into()];
        self.connected(|c| c.rows(sql::REPORTS_OF_YEAR, &args, rows::report))
    }

    fn session_start(
        &self,
        session: &StoredSession,
        max: i64,
        idle: i64,
    ) -> Result<(), StoreError> {
        self.transaction(|tx| logins::session_start(tx, session, max, idle))
    }

    fn session(&self, token: &str, idle: i64) -> Result<Option<StoredSession>, StoreError> {
        self.connected(|c| logins::session(c, token, idle))
    }

    fn session_end(&self, token: &str) -> Result<(), StoreError> {
        self.connected(|c| c.execute(sql::SESSION_END, &[token.into()]).map(|_| ()))
    }

    fn sessions_end_user(&self, user: &str, keep: &str) -> Result<(), StoreError> {
        let args = [user.into(), keep.into()];
        self.connected(|c| c.execute(sql::SESSIONS_END_USER, &args).map(|_| ()))
    }

    fn address_failures(&self, address: &str) -> Result<(i64, i64), StoreError> {
        self.connected(|c| c.row(sql::ADDRESS, &[address.into()], rows::pair))
            .map(|found| found.unwrap_or((0, 0)))
    }

    fn address_failed(&self, address: &str, window: i64, max: i64) -> Result<i64, StoreError> {
        // A first failure inserted by two processes at once: the loser
        // retries once and counts on the row the other made.
        let failed = |tx: &mut dyn Db| logins::address_failed(tx, address, window, max);
        match self.transaction(failed) {
            Err(StoreError::Duplicate(_)) => self.transaction(failed),
            other => other,
        }
    }

    fn deadlines(&self, year: i64) -> Result<Deadlines, StoreError> {
        self.connected(|c| c.row(sql::DEADLINES, &[year.into()], rows::deadlines))
            .map(Option::unwrap_or_default)
    }

    fn set_deadlines(
        &self,
        year: i64,
        deadlines: &Deadlines,
        audit: &Entry<'_>,
    ) -> Result<(), StoreError> {
        let args: [Arg; 3] = [
            year.into(),
            (&deadlines.departments).into(),
            (&deadlines.governments).into(),
        ];
        self.transaction(|tx| {
            if tx.execute(sql::DEADLINES_SET, &args)? == 0 {
                tx.execute(sql::DEADLINES_ADD, &args)?;
            }
            write_audit(tx, audit)
        })
    }

    fn steps(&self, year: i64) -> Result<Vec<Step>, StoreError> {
        self.connected(|c| c.rows(sql::STEPS, &[year.into()], rows::step))
    }

    fn audit_log(&self, filter: &AuditFilter<'_>) -> Result<Vec<AuditLine>, StoreError> {
        let pattern = like_escaped(filter.unit);
        let mut args: Vec<Arg> = vec![
            filter.who.into(),
            filter.unit.into(),
            (&pattern).into(),
            filter.limit.into(),
        ];
        args.extend(filter.actions.iter().map(|a| Arg::from(*a)));
        let statement = sql::audit_log(filter.actions.len());
        self.connected(|c| c.rows(&statement, &args, rows::audit_line))
    }

    fn digests(&self, ids: &[i64]) -> Result<Vec<(i64, String)>, StoreError> {
        self.connected(|c| {
            let mut out = Vec::with_capacity(ids.len());
            for chunk in ids.chunks(sql::IDS_PER_QUERY) {
                let args: Vec<Arg> = chunk.iter().map(|id| Arg::from(*id)).collect();
                out.extend(c.rows(&sql::digests(chunk.len()), &args, rows::int_and_text)?);
            }
            Ok(out)
        })
    }

    fn set_digest(&self, id: i64, text: &str, digest: &str) -> Result<bool, StoreError> {
        let args = [id.into(), text.into(), digest.into()];
        self.connected(|c| c.execute(sql::SET_DIGEST, &args).map(|n| n == 1))
    }
}
