//! The shared statements run on a PostgreSQL connection: [`Db`] for a
//! pooled connection and a transaction on one, each statement turned into
//! `$n` parameters ([`Dialect::Postgres`]) and prepared once per
//! connection ([`Prepared`]).

use postgres::types::{ToSql, Type};

use super::{Conn, Prepared, Tx, failure};
use crate::server::store::StoreError;
use crate::server::store::db::{Arg, Db, Row, Value};
use crate::server::store::dialect::Dialect;

/// `args` as the driver takes them.
fn params<'a>(args: &'a [Arg<'a>]) -> Vec<&'a (dyn ToSql + Sync)> {
    args.iter()
        .map(|a| match a {
            Arg::Int(n) => n as &(dyn ToSql + Sync),
            Arg::Text(s) => s as &(dyn ToSql + Sync),
            Arg::MaybeInt(n) => n as &(dyn ToSql + Sync),
            Arg::MaybeText(s) => s as &(dyn ToSql + Sync),
        })
        .collect()
}

/// Column `i` of a row as the store's value (whole numbers of any width,
/// text of any kind).
fn value(row: &postgres::Row, i: usize) -> Result<Value, StoreError> {
    let number = |n: Option<i64>| n.map_or(Value::Null, Value::Int);
    let read = match *row.columns()[i].type_() {
        Type::INT8 => row.try_get::<_, Option<i64>>(i).map(number),
        Type::INT4 => row
            .try_get::<_, Option<i32>>(i)
            .map(|n| number(n.map(i64::from))),
        Type::INT2 => row
            .try_get::<_, Option<i16>>(i)
            .map(|n| number(n.map(i64::from))),
        _ => row
            .try_get::<_, Option<String>>(i)
            .map(|s| s.map_or(Value::Null, Value::Text)),
    };
    read.map_err(failure)
}

/// The rows `sql` gives on `on`.
fn query(on: &mut impl Prepared, sql: &str, args: &[Arg<'_>]) -> Result<Vec<Row>, StoreError> {
    let rows = on
        .query(&Dialect::Postgres.text(sql), &params(args))
        .map_err(failure)?;
    rows.iter()
        .map(|r| {
            (0..r.len())
                .map(|i| value(r, i))
                .collect::<Result<_, _>>()
                .map(Row::new)
        })
        .collect()
}

/// Runs `sql` on `on`; how many rows it changed.
fn execute(on: &mut impl Prepared, sql: &str, args: &[Arg<'_>]) -> Result<u64, StoreError> {
    on.execute(&Dialect::Postgres.text(sql), &params(args))
        .map_err(failure)
}

impl Db for Conn {
    fn execute(&mut self, sql: &str, args: &[Arg<'_>]) -> Result<u64, StoreError> {
        execute(self, sql, args)
    }

    fn query(&mut self, sql: &str, args: &[Arg<'_>]) -> Result<Vec<Row>, StoreError> {
        query(self, sql, args)
    }
}

impl Db for Tx<'_> {
    fn execute(&mut self, sql: &str, args: &[Arg<'_>]) -> Result<u64, StoreError> {
        execute(self, sql, args)
    }

    fn query(&mut self, sql: &str, args: &[Arg<'_>]) -> Result<Vec<Row>, StoreError> {
        query(self, sql, args)
    }
}
