//! A pooled connection that prepares each statement once: PostgreSQL then
//! parses and plans it once per connection (a generic plan after a few
//! runs) and each run is one round trip instead of two. The store's
//! statements are a fixed set, so the cache stays small; it is emptied if
//! it ever passes [`MOST_PREPARED`] (the board's filters make a few dozen
//! variants).

use std::collections::HashMap;

use postgres::types::ToSql;
use postgres::{Client, Row, Statement, Transaction};

/// Most statements kept prepared on one connection.
const MOST_PREPARED: usize = 256;

/// Parameters of a statement, as the driver takes them.
pub(crate) type Params<'a> = &'a [&'a (dyn ToSql + Sync)];

/// A connection of the pool, with the statements prepared on it.
pub(crate) struct Conn {
    pub(crate) client: Client,
    prepared: HashMap<String, Statement>,
}

/// A transaction on a [`Conn`], preparing into the connection's cache
/// (a prepared statement outlives the transaction, even a rolled-back one).
pub(crate) struct Tx<'a> {
    tx: Transaction<'a>,
    prepared: &'a mut HashMap<String, Statement>,
}

impl Conn {
    /// `client`, nothing prepared yet.
    pub(crate) fn new(client: Client) -> Conn {
        Conn {
            client,
            prepared: HashMap::new(),
        }
    }

    /// Whether the database closed the connection.
    pub(crate) fn is_closed(&self) -> bool {
        self.client.is_closed()
    }

    /// A transaction on this connection.
    pub(crate) fn transaction(&mut self) -> Result<Tx<'_>, postgres::Error> {
        Ok(Tx {
            tx: self.client.transaction()?,
            prepared: &mut self.prepared,
        })
    }
}

impl Tx<'_> {
    /// Commits the transaction.
    pub(crate) fn commit(self) -> Result<(), postgres::Error> {
        self.tx.commit()
    }

    /// Prepares `sql` in this transaction, not cached (a statement made
    /// once, such as the move's inserts).
    pub(crate) fn prepare(&mut self, sql: &str) -> Result<Statement, postgres::Error> {
        self.tx.prepare(sql)
    }

    /// Runs the prepared `statement`.
    pub(crate) fn execute_prepared(
        &mut self,
        statement: &Statement,
        params: Params<'_>,
    ) -> Result<u64, postgres::Error> {
        self.tx.execute(statement, params)
    }
}

/// The statement for `sql` from `cache`, prepared by `prepare` the first
/// time.
fn cached(
    cache: &mut HashMap<String, Statement>,
    sql: &str,
    prepare: impl FnOnce(&str) -> Result<Statement, postgres::Error>,
) -> Result<Statement, postgres::Error> {
    if let Some(s) = cache.get(sql) {
        return Ok(s.clone());
    }
    let statement = prepare(sql)?;
    if cache.len() >= MOST_PREPARED {
        cache.clear();
    }
    cache.insert(sql.to_string(), statement.clone());
    Ok(statement)
}

/// The driver's calls on a pooled connection or a transaction on one,
/// taking the SQL text (in PostgreSQL's dialect), each statement prepared
/// once per connection: what `postgres::db` runs the store's statements
/// through, and the move's copy its own.
pub(crate) trait Prepared {
    /// The prepared statement for `sql`.
    fn statement(&mut self, sql: &str) -> Result<Statement, postgres::Error>;

    /// The rows `sql` returns.
    fn query(&mut self, sql: &str, params: Params<'_>) -> Result<Vec<Row>, postgres::Error>;

    /// The one row `sql` returns (the driver's error for none or several).
    fn query_one(&mut self, sql: &str, params: Params<'_>) -> Result<Row, postgres::Error>;

    /// Runs `sql`; the count of rows it changed.
    fn execute(&mut self, sql: &str, params: Params<'_>) -> Result<u64, postgres::Error>;
}

/// [`Prepared`] for a type whose field `$on` is the driver's client or
/// transaction and whose `$cache` is its connection's prepared statements.
macro_rules! db_on {
    ($type:ty, $on:ident, |$s:ident| $cache:expr) => {
        impl Prepared for $type {
            fn statement(&mut self, sql: &str) -> Result<Statement, postgres::Error> {
                let $s = self;
                let on = &mut $s.$on;
                cached($cache, sql, |sql| on.prepare(sql))
            }

            fn query(
                &mut self,
                sql: &str,
                params: Params<'_>,
            ) -> Result<Vec<Row>, postgres::Error> {
                let statement = self.statement(sql)?;
                self.$on.query(&statement, params)
            }

            fn query_one(&mut self, sql: &str, params: Params<'_>) -> Result<Row, postgres::Error> {
                let statement = self.statement(sql)?;
                self.$on.query_one(&statement, params)
            }

            fn execute(&mut self, sql: &str, params: Params<'_>) -> Result<u64, postgres::Error> {
                let statement = self.statement(sql)?;
                self.$on.execute(&statement, params)
            }
        }
    };
}

db_on!(Conn, client, |c| &mut c.prepared);
db_on!(Tx<'_>, tx, |t| &mut *t.prepared);
