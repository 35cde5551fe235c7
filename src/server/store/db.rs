//! What the store's statements run on, whichever the database: a
//! connection or a transaction of a store ([`Db`]), the values a statement
//! takes ([`Arg`]) and the rows it gives ([`Row`]). Each store implements
//! [`Db`] for its driver (turning the statement into its [`Dialect`] and
//! its driver's errors into a [`StoreError`]); nothing else of the store's
//! code sees a driver.
//!
//! [`Dialect`]: super::dialect::Dialect

use super::StoreError;

/// A value given to a statement's parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arg<'a> {
    /// A whole number (`BIGINT`).
    Int(i64),
    /// Text.
    Text(&'a str),
    /// A whole number or `NULL`.
    MaybeInt(Option<i64>),
    /// Text or `NULL`.
    MaybeText(Option<&'a str>),
}

impl From<i64> for Arg<'_> {
    fn from(n: i64) -> Self {
        Arg::Int(n)
    }
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Text(s)
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Self {
        Arg::Text(s)
    }
}

impl From<Option<i64>> for Arg<'_> {
    fn from(n: Option<i64>) -> Self {
        Arg::MaybeInt(n)
    }
}

impl<'a> From<Option<&'a str>> for Arg<'a> {
    fn from(s: Option<&'a str>) -> Self {
        Arg::MaybeText(s)
    }
}

/// A value a statement gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// `NULL`.
    Null,
    /// A whole number.
    Int(i64),
    /// Text.
    Text(String),
}

/// A row a statement gave, its values in the order of its columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row(Vec<Value>);

impl Row {
    /// The row of `values`.
    pub fn new(values: Vec<Value>) -> Row {
        Row(values)
    }

    /// The whole number in column `i` (`NULL` or another type: an error).
    pub fn int(&self, i: usize) -> Result<i64, StoreError> {
        self.maybe_int(i)?.ok_or_else(|| mistyped(i))
    }

    /// The whole number or `NULL` in column `i`.
    pub fn maybe_int(&self, i: usize) -> Result<Option<i64>, StoreError> {
        match self.0.get(i) {
            Some(Value::Int(n)) => Ok(Some(*n)),
            Some(Value::Null) => Ok(None),
            _ => Err(mistyped(i)),
        }
    }

    /// The text in column `i`, taken out of the row (`NULL` or another
    /// type: an error).
    pub fn text(&mut self, i: usize) -> Result<String, StoreError> {
        self.maybe_text(i)?.ok_or_else(|| mistyped(i))
    }

    /// The text or `NULL` in column `i`, taken out of the row.
    pub fn maybe_text(&mut self, i: usize) -> Result<Option<String>, StoreError> {
        match self.0.get_mut(i) {
            Some(Value::Text(s)) => Ok(Some(std::mem::take(s))),
            Some(Value::Null) => Ok(None),
            _ => Err(mistyped(i)),
        }
    }
}

/// A column whose value is not of the type the store reads it as.
pub fn mistyped(i: usize) -> StoreError {
    StoreError::Database(format!("查询结果第 {} 列的值类型不符", i + 1))
}

/// A connection of a store, or a transaction on one: the store's
/// statements ([`super::sql`], written with `?n` parameters) run on it.
pub trait Db {
    /// Runs `sql` with `args`; how many rows it changed.
    fn execute(&mut self, sql: &str, args: &[Arg<'_>]) -> Result<u64, StoreError>;

    /// The rows `sql` gives with `args`.
    fn query(&mut self, sql: &str, args: &[Arg<'_>]) -> Result<Vec<Row>, StoreError>;
}

impl dyn Db + '_ {
    /// The rows `sql` gives, each read by `read`.
    pub fn rows<T>(
        &mut self,
        sql: &str,
        args: &[Arg<'_>],
        read: impl FnMut(Row) -> Result<T, StoreError>,
    ) -> Result<Vec<T>, StoreError> {
        self.query(sql, args)?.into_iter().map(read).collect()
    }

    /// The first row `sql` gives, if any, read by `read`.
    pub fn row<T>(
        &mut self,
        sql: &str,
        args: &[Arg<'_>],
        read: impl FnOnce(Row) -> Result<T, StoreError>,
    ) -> Result<Option<T>, StoreError> {
        self.query(sql, args)?
            .into_iter()
            .next()
            .map(read)
            .transpose()
    }

    /// The whole number in the first column of the first row `sql` gives,
    /// if any.
    pub fn int(&mut self, sql: &str, args: &[Arg<'_>]) -> Result<Option<i64>, StoreError> {
        self.row(sql, args, |r| r.int(0))
    }
}

#[cfg(test)]
mod tests {
    use super::{Row, Value};

    #[test]
    fn a_row_reads_its_columns_by_type() {
        let mut row = Row::new(vec![Value::Int(7), Value::Null, Value::Text("甲".into())]);
        assert_eq!(row.int(0), Ok(7));
        assert_eq!(row.maybe_int(1), Ok(None));
        assert_eq!(row.maybe_text(1), Ok(None));
        assert!(row.int(1).is_err());
        assert!(row.int(2).is_err());
        assert_eq!(row.text(2).as_deref(), Ok("甲"));
        assert!(row.text(3).is_err());
    }
}
