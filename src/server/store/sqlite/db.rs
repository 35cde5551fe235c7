//! The shared statements run on a SQLite connection: [`Db`] for
//! `rusqlite`, each statement prepared once and kept
//! ([`rusqlite::Connection::prepare_cached`]).

use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{Connection, ToSql, params_from_iter};

use super::failure;
use crate::server::store::StoreError;
use crate::server::store::db::{Arg, Db, Row, Value, mistyped};
use crate::server::store::dialect::Dialect;

/// A connection (or a transaction, which derefs to one) of the store.
pub(super) struct Sqlite<'a>(pub(super) &'a Connection);

impl ToSql for Arg<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        match self {
            Arg::Int(n) => n.to_sql(),
            Arg::Text(s) => s.to_sql(),
            Arg::MaybeInt(n) => n.to_sql(),
            Arg::MaybeText(s) => s.to_sql(),
        }
    }
}

/// Column `i` of a row as the store's value.
fn value(row: &rusqlite::Row<'_>, i: usize) -> Result<Value, StoreError> {
    match row.get_ref(i).map_err(failure)? {
        ValueRef::Null => Ok(Value::Null),
        ValueRef::Integer(n) => Ok(Value::Int(n)),
        ValueRef::Text(t) => std::str::from_utf8(t)
            .map(|s| Value::Text(s.to_string()))
            .map_err(|e| StoreError::Database(e.to_string())),
        ValueRef::Real(_) | ValueRef::Blob(_) => Err(mistyped(i)),
    }
}

impl Db for Sqlite<'_> {
    fn execute(&mut self, sql: &str, args: &[Arg<'_>]) -> Result<u64, StoreError> {
        let sql = Dialect::Sqlite.text(sql);
        let mut statement = self.0.prepare_cached(&sql).map_err(failure)?;
        statement
            .execute(params_from_iter(args))
            .map(|n| n as u64)
            .map_err(failure)
    }

    fn query(&mut self, sql: &str, args: &[Arg<'_>]) -> Result<Vec<Row>, StoreError> {
        let sql = Dialect::Sqlite.text(sql);
        let mut statement = self.0.prepare_cached(&sql).map_err(failure)?;
        let columns = statement.column_count();
        let mut rows = statement.query(params_from_iter(args)).map_err(failure)?;
        let mut out = Vec::new();
        while let Some(row) = rows.next().map_err(failure)? {
            let values = (0..columns)
                .map(|i| value(row, i))
                .collect::<Result<_, _>>()?;
            out.push(Row::new(values));
        }
        Ok(out)
    }
}
