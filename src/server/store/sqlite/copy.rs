//! The SQLite store's rows as `server move-to-postgres` reads them, page
//! by page ([`crate::server::store::copy`]).

use rusqlite::types::ValueRef;

use super::{SqliteStore, failure};
use crate::server::store::StoreError;
use crate::server::store::copy::{Cell, Kind, TableSpec};

impl SqliteStore {
    /// At most `limit` rows of `table` from row `offset`, in its order.
    pub fn read_page(
        &self,
        table: &TableSpec,
        offset: i64,
        limit: i64,
    ) -> Result<Vec<Vec<Cell>>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&table.select_page()).map_err(failure)?;
        let mut rows = stmt.query([limit, offset]).map_err(failure)?;
        let mut out = Vec::new();
        while let Some(row) = rows.next().map_err(failure)? {
            let mut cells = Vec::with_capacity(table.columns.len());
            for (i, (name, kind)) in table.columns.iter().enumerate() {
                let value = row.get_ref(i).map_err(failure)?;
                cells.push(match (kind, value) {
                    (Kind::Int, ValueRef::Null) => Cell::Int(None),
                    (Kind::Int, ValueRef::Integer(n)) => Cell::Int(Some(n)),
                    (Kind::Text, ValueRef::Text(t)) => {
                        Cell::Text(String::from_utf8_lossy(t).into_owned())
                    }
                    (Kind::MaybeText, ValueRef::Null) => Cell::MaybeText(None),
                    (Kind::MaybeText, ValueRef::Text(t)) => {
                        Cell::MaybeText(Some(String::from_utf8_lossy(t).into_owned()))
                    }
                    _ => {
                        return Err(StoreError::Corrupt(format!(
                            "表 {} 的列 {name} 中有不合类型的值",
                            table.name
                        )));
                    }
                });
            }
            out.push(cells);
        }
        Ok(out)
    }
}
