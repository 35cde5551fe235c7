//! The PostgreSQL store's part of the office's oversight (issue 65), as the
//! SQLite store's `oversight`: a round's deadlines (an update, then an
//! insert when the round has no row, in one transaction), the reports'
//! steps over time and the audit log filtered.

use postgres::types::ToSql;

use super::{Db, PgStore, failure, write_audit};
use crate::server::store::oversight::like_escaped;
use crate::server::store::{AuditFilter, AuditLine, Deadlines, Entry, Step, StoreError};

impl PgStore {
    pub(super) fn deadlines_in(&self, year: i64) -> Result<Deadlines, StoreError> {
        let row = self.with(|c| {
            c.query_opt(
                "SELECT due_departments, due_governments FROM rounds WHERE year = $1",
                &[&year],
            )
            .map_err(failure)
        })?;
        Ok(row
            .map(|r| Deadlines {
                departments: r.get(0),
                governments: r.get(1),
            })
            .unwrap_or_default())
    }

    pub(super) fn set_deadlines_in(
        &self,
        year: i64,
        d: &Deadlines,
        audit: &Entry<'_>,
    ) -> Result<(), StoreError> {
        self.tx(|tx| {
            let changed = tx
                .execute(
                    "UPDATE rounds SET due_departments = $2, due_governments = $3 WHERE year = $1",
                    &[&year, &d.departments, &d.governments],
                )
                .map_err(failure)?;
            if changed == 0 {
                tx.execute(
                    "INSERT INTO rounds (year, due_departments, due_governments) VALUES ($1, $2, $3)",
                    &[&year, &d.departments, &d.governments],
                )
                .map_err(failure)?;
            }
            write_audit(tx, audit)
        })
    }

    pub(super) fn steps_in(&self, year: i64) -> Result<Vec<Step>, StoreError> {
        let rows = self.with(|c| {
            c.query(
                "SELECT v.report, v.kind, v.at FROM revisions v JOIN reports p ON p.id = v.report \
                 WHERE p.year = $1 AND v.kind IN ('submit', 'return', 'approve') \
                 ORDER BY v.at, v.id",
                &[&year],
            )
            .map_err(failure)
        })?;
        Ok(rows
            .iter()
            .map(|r| Step {
                report: r.get(0),
                kind: r.get(1),
                at: r.get(2),
            })
            .collect())
    }

    pub(super) fn audit_log_in(
        &self,
        filter: &AuditFilter<'_>,
    ) -> Result<Vec<AuditLine>, StoreError> {
        let mut sql = String::from(
            "SELECT id, at, who, action, detail FROM audit WHERE ($1::TEXT = '' OR who = $1) \
             AND ($2::TEXT = '' OR detail LIKE $3::TEXT ESCAPE '\\' \
             OR who IN (SELECT \"user\" FROM accounts WHERE unit = $2))",
        );
        let pattern = like_escaped(filter.unit);
        let mut values: Vec<&(dyn ToSql + Sync)> = vec![&filter.who, &filter.unit, &pattern];
        if !filter.actions.is_empty() {
            let marks: Vec<String> = (0..filter.actions.len())
                .map(|i| format!("${}", i + 5))
                .collect();
            sql.push_str(&format!(" AND action IN ({})", marks.join(", ")));
        }
        sql.push_str(" ORDER BY id DESC LIMIT $4");
        values.push(&filter.limit);
        for a in filter.actions {
            values.push(a);
        }
        let rows = self.with(|c| c.query(sql.as_str(), &values).map_err(failure))?;
        Ok(rows
            .iter()
            .map(|r| AuditLine {
                id: r.get(0),
                at: r.get(1),
                who: r.get(2),
                action: r.get(3),
                detail: r.get(4),
            })
            .collect())
    }
}
