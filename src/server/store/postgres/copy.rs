//! A SQLite store's rows written into an empty PostgreSQL store in one
//! transaction, and read back for the check (`server move-to-postgres`;
//! [`crate::server::store::copy`]).

use super::{Prepared, Tx};
use postgres::types::ToSql;

use super::{PgStore, failure};
use crate::server::store::StoreError;
use crate::server::store::copy::{
    self, Cell, Digester, Kind, PAGE, TABLES, TableDigest, TableSpec,
};
use crate::server::store::dialect::Dialect;

/// Where [`PgStore::import`] reads the source's rows: a page of a table
/// from a row on.
pub type Source<'a> = dyn FnMut(&TableSpec, i64) -> Result<Vec<Vec<Cell>>, StoreError> + 'a;

fn params(cells: &[Cell]) -> Vec<&(dyn ToSql + Sync)> {
    cells
        .iter()
        .map(|c| match c {
            Cell::Int(n) => n as &(dyn ToSql + Sync),
            Cell::Text(s) => s as &(dyn ToSql + Sync),
            Cell::MaybeText(s) => s as &(dyn ToSql + Sync),
        })
        .collect()
}

fn read_page(
    c: &mut impl Prepared,
    table: &TableSpec,
    offset: i64,
) -> Result<Vec<Vec<Cell>>, StoreError> {
    let rows = c
        .query(
            &Dialect::Postgres.text(&table.select_page()),
            &[&PAGE, &offset],
        )
        .map_err(failure)?;
    Ok(rows
        .iter()
        .map(|r| {
            table
                .columns
                .iter()
                .enumerate()
                .map(|(i, (_, kind))| match kind {
                    Kind::Int => Cell::Int(r.get(i)),
                    Kind::Text => Cell::Text(r.get(i)),
                    Kind::MaybeText => Cell::MaybeText(r.get(i)),
                })
                .collect()
        })
        .collect())
}

/// Copies `table` from `source` in `tx`; its digest.
fn copy_table(
    tx: &mut Tx<'_>,
    table: &TableSpec,
    source: &mut Source<'_>,
) -> Result<TableDigest, StoreError> {
    let insert = table.insert_row();
    let statement = tx
        .prepare(&Dialect::Postgres.text(&insert))
        .map_err(failure)?;
    let mut digest = Digester::new(table.name);
    let mut offset = 0;
    loop {
        let page = source(table, offset)?;
        for row in &page {
            tx.execute_prepared(&statement, &params(row))
                .map_err(failure)?;
            digest.row(row);
        }
        if (page.len() as i64) < PAGE {
            break;
        }
        offset += PAGE;
    }
    if table.serial {
        tx.execute(
            &format!(
                "SELECT setval(pg_get_serial_sequence('{0}', 'id'), \
                 (SELECT COALESCE(MAX(id), 0) + 1 FROM {0}), false)",
                table.name
            ),
            &[],
        )
        .map_err(failure)?;
    }
    Ok(digest.finish())
}

impl PgStore {
    /// Whether the store holds no account and no report.
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        self.with(|c| {
            let row = c
                .query_one(
                    "SELECT (SELECT COUNT(*) FROM accounts) + (SELECT COUNT(*) FROM reports)",
                    &[],
                )
                .map_err(failure)?;
            Ok(row.get::<_, i64>(0) == 0)
        })
    }

    /// Copies every table of [`TABLES`] from `source` in one transaction
    /// (all or nothing); the digests of what was written.
    pub fn import(&self, source: &mut Source<'_>) -> Result<Vec<TableDigest>, StoreError> {
        self.tx(|tx| {
            TABLES
                .iter()
                .map(|table| copy_table(tx, table, source))
                .collect()
        })
    }

    /// The digest of every table of [`TABLES`] as stored.
    pub fn digests(&self) -> Result<Vec<TableDigest>, StoreError> {
        self.tx(|tx| copy::digests(|table, offset| read_page(tx, table, offset)))
    }
}
