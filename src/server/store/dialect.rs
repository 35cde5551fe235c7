//! How the two databases differ in the text of a statement. The store's
//! statements ([`super::sql`]) are written once, with SQLite's numbered
//! parameters `?n`; everything else in them is SQL both databases accept
//! (`CAST(?n AS TEXT)` where PostgreSQL must know a parameter's type,
//! `"user"` quoted, an upsert written as an update then an insert,
//! `RETURNING` for a new row's id). The placeholders are the one real
//! difference, made here.

use std::borrow::Cow;

/// The SQL a database speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// SQLite: `?1`, `?2`, … as written.
    Sqlite,
    /// PostgreSQL and its relatives: `$1`, `$2`, ….
    Postgres,
}

impl Dialect {
    /// `sql` (written with `?n` parameters) in this dialect.
    pub fn text(self, sql: &str) -> Cow<'_, str> {
        match self {
            Dialect::Sqlite => Cow::Borrowed(sql),
            Dialect::Postgres => Cow::Owned(dollars(sql)),
        }
    }
}

/// `sql` with PostgreSQL's `$n` for each `?n`.
fn dollars(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '?' && chars.peek().is_some_and(char::is_ascii_digit) {
            out.push('$');
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::Dialect;

    #[test]
    fn parameters_become_dollars_for_postgres_only() {
        let sql = "a = ?1 AND b <> ?12 OR c = '?'";
        assert_eq!(
            Dialect::Postgres.text(sql),
            "a = $1 AND b <> $12 OR c = '?'"
        );
        assert_eq!(Dialect::Sqlite.text(sql), sql);
    }
}
