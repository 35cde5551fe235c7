//! The store's part of the office's oversight (issue 65): a round's
//! deadlines, its reports' steps over time, the audit log filtered.
//! Portable SQL only (`INSERT … ON CONFLICT`, `LIKE … ESCAPE`).

use rusqlite::{OptionalExtension, params, params_from_iter};

use super::{SqliteStore, failure, write_audit};
use crate::server::store::oversight::like_escaped;
use crate::server::store::{AuditFilter, AuditLine, Deadlines, Entry, Step, StoreError};

impl SqliteStore {
    pub(super) fn deadlines_in(&self, year: i64) -> Result<Deadlines, StoreError> {
        let conn = self.conn();
        let found = conn
            .query_row(
                "SELECT due_departments, due_governments FROM rounds WHERE year = ?1",
                [year],
                |r| {
                    Ok(Deadlines {
                        departments: r.get(0)?,
                        governments: r.get(1)?,
                    })
                },
            )
            .optional()
            .map_err(failure)?;
        Ok(found.unwrap_or_default())
    }

    pub(super) fn set_deadlines_in(
        &self,
        year: i64,
        d: &Deadlines,
        audit: &Entry<'_>,
    ) -> Result<(), StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction().map_err(failure)?;
        tx.execute(
            "INSERT INTO rounds (year, due_departments, due_governments) VALUES (?1, ?2, ?3) \
             ON CONFLICT (year) DO UPDATE SET due_departments = excluded.due_departments, \
             due_governments = excluded.due_governments",
            params![year, d.departments, d.governments],
        )
        .map_err(failure)?;
        write_audit(&tx, audit)?;
        tx.commit().map_err(failure)
    }

    pub(super) fn steps_in(&self, year: i64) -> Result<Vec<Step>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn
            .prepare_cached(
                "SELECT v.report, v.kind, v.at FROM revisions v JOIN reports p ON p.id = v.report \
                 WHERE p.year = ?1 AND v.kind IN ('submit', 'return', 'approve') \
                 ORDER BY v.at, v.id",
            )
            .map_err(failure)?;
        stmt.query_map([year], |r| {
            Ok(Step {
                report: r.get(0)?,
                kind: r.get(1)?,
                at: r.get(2)?,
            })
        })
        .map_err(failure)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(failure)
    }

    pub(super) fn audit_log_in(
        &self,
        filter: &AuditFilter<'_>,
    ) -> Result<Vec<AuditLine>, StoreError> {
        let mut sql = String::from(
            "SELECT id, at, who, action, detail FROM audit WHERE (?1 = '' OR who = ?1) \
             AND (?2 = '' OR detail LIKE ?3 ESCAPE '\\' \
             OR who IN (SELECT user FROM accounts WHERE unit = ?2))",
        );
        let pattern = like_escaped(filter.unit);
        let mut values: Vec<&dyn rusqlite::ToSql> = vec![&filter.who, &filter.unit, &pattern];
        if !filter.actions.is_empty() {
            let marks: Vec<String> = (0..filter.actions.len())
                .map(|i| format!("?{}", i + 5))
                .collect();
            sql.push_str(&format!(" AND action IN ({})", marks.join(", ")));
        }
        sql.push_str(" ORDER BY id DESC LIMIT ?4");
        values.push(&filter.limit);
        for a in filter.actions {
            values.push(a);
        }
        let conn = self.conn();
        let mut stmt = conn.prepare(&sql).map_err(failure)?;
        stmt.query_map(params_from_iter(values), |r| {
            Ok(AuditLine {
                id: r.get(0)?,
                at: r.get(1)?,
                who: r.get(2)?,
                action: r.get(3)?,
                detail: r.get(4)?,
            })
        })
        .map_err(failure)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(failure)
    }
}
