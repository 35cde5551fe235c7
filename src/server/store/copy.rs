//! What moving a store copies (`server move-to-postgres`): every table of
//! the schema but the sessions and the per-address counts, column by
//! column, in an order that keeps every reference valid, read page by
//! page; and the digest (rows and SHA-256) both sides are checked by.

use sha2::{Digest as _, Sha256};

/// A column's kind: a (possibly empty) whole number, or text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `INTEGER`/`BIGINT`, `NULL` allowed.
    Int,
    /// `TEXT`.
    Text,
    /// `TEXT`, `NULL` allowed.
    MaybeText,
}

/// One value of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// A whole number or `NULL`.
    Int(Option<i64>),
    /// Text.
    Text(String),
    /// Text or `NULL`.
    MaybeText(Option<String>),
}

/// A table copied: its name, its columns, and the order its rows are
/// read in (a unique key, so pages never overlap).
#[derive(Debug, Clone, Copy)]
pub struct TableSpec {
    /// The table.
    pub name: &'static str,
    /// Its columns (`"user"` quoted: a reserved word in PostgreSQL).
    pub columns: &'static [(&'static str, Kind)],
    /// `ORDER BY` of its rows.
    pub order: &'static str,
    /// Whether its `id` comes from a sequence (set past the copied ids).
    pub serial: bool,
}

use Kind::{Int, MaybeText, Text};

/// Every table copied, parents first.
pub const TABLES: &[TableSpec] = &[
    TableSpec {
        name: "accounts",
        columns: &[
            ("id", Int),
            ("\"user\"", Text),
            ("unit", Text),
            ("role", Text),
            ("hash", Text),
            ("failures", Int),
            ("locked_until", Int),
            ("window_start", Int),
            ("retired", Int),
            ("region", Text),
            ("agency_kind", Text),
        ],
        order: "id",
        serial: true,
    },
    TableSpec {
        name: "reports",
        columns: &[
            ("id", Int),
            ("unit", Text),
            ("year", Int),
            ("state", Text),
            ("text", Text),
            ("revision", Int),
            ("errors", Int),
            ("empty", Int),
            ("remark", Text),
            ("changed_at", Int),
            ("changed_by", Text),
            ("owner", Text),
            ("region", Text),
            ("digest", MaybeText),
            ("agency_kind", Text),
        ],
        order: "id",
        serial: true,
    },
    TableSpec {
        name: "revisions",
        columns: &[
            ("id", Int),
            ("report", Int),
            ("revision", Int),
            ("kind", Text),
            ("who", Text),
            ("at", Int),
            ("text", Text),
            ("remark", Text),
        ],
        order: "id",
        serial: true,
    },
    TableSpec {
        name: "remarks",
        columns: &[
            ("id", Int),
            ("report", Int),
            ("revision", Int),
            ("path", Text),
            ("para", Int),
            ("text", Text),
            ("who", Text),
            ("at", Int),
        ],
        order: "id",
        serial: true,
    },
    TableSpec {
        name: "audit",
        columns: &[
            ("id", Int),
            ("at", Int),
            ("who", Text),
            ("action", Text),
            ("detail", Text),
        ],
        order: "id",
        serial: true,
    },
    TableSpec {
        name: "rounds",
        columns: &[
            ("year", Int),
            ("opened_at", Int),
            ("opened_by", Text),
            ("due_departments", Text),
            ("due_governments", Text),
        ],
        order: "year",
        serial: false,
    },
    TableSpec {
        name: "former_names",
        columns: &[
            ("id", Int),
            ("account", Int),
            ("name", Text),
            ("until_year", Int),
        ],
        order: "id",
        serial: true,
    },
    TableSpec {
        name: "client_failures",
        columns: &[
            ("account", Int),
            ("client", Text),
            ("failures", Int),
            ("last_at", Int),
        ],
        order: "account, client",
        serial: false,
    },
    TableSpec {
        name: "devices",
        columns: &[("token", Text), ("account", Int), ("at", Int)],
        order: "token",
        serial: false,
    },
];

/// Rows read or written at a time.
pub const PAGE: i64 = 500;

impl TableSpec {
    /// `SELECT` of one page (`?1`: how many, `?2`: from which row).
    pub fn select_page(&self) -> String {
        let columns: Vec<&str> = self.columns.iter().map(|c| c.0).collect();
        format!(
            "SELECT {} FROM {} ORDER BY {} LIMIT ?1 OFFSET ?2",
            columns.join(", "),
            self.name,
            self.order
        )
    }

    /// `INSERT` of one row (`?1`, `?2`, … in column order).
    pub fn insert_row(&self) -> String {
        let columns: Vec<&str> = self.columns.iter().map(|c| c.0).collect();
        let params: Vec<String> = (1..=columns.len()).map(|n| format!("?{n}")).collect();
        format!(
            "INSERT INTO {} ({}) VALUES ({})",
            self.name,
            columns.join(", "),
            params.join(", ")
        )
    }
}

/// The rows of a table and the SHA-256 of their values in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableDigest {
    /// The table.
    pub table: &'static str,
    /// How many rows.
    pub rows: u64,
    /// The hash of every row, in hex.
    pub sha256: String,
}

/// The digest of every table of [`TABLES`], each read [`PAGE`] rows at a
/// time by `read_page(table, offset)`.
pub fn digests<E>(
    mut read_page: impl FnMut(&TableSpec, i64) -> Result<Vec<Vec<Cell>>, E>,
) -> Result<Vec<TableDigest>, E> {
    let mut out = Vec::new();
    for table in TABLES {
        let mut digest = Digester::new(table.name);
        let mut offset = 0;
        loop {
            let page = read_page(table, offset)?;
            page.iter().for_each(|row| digest.row(row));
            if (page.len() as i64) < PAGE {
                break;
            }
            offset += PAGE;
        }
        out.push(digest.finish());
    }
    Ok(out)
}

/// A digest being taken.
#[derive(Debug, Clone)]
pub struct Digester {
    table: &'static str,
    rows: u64,
    hash: Sha256,
}

impl Digester {
    /// A digest of `table`, empty so far.
    pub fn new(table: &'static str) -> Digester {
        Digester {
            table,
            rows: 0,
            hash: Sha256::new(),
        }
    }

    /// Adds one row.
    pub fn row(&mut self, cells: &[Cell]) {
        for cell in cells {
            match cell {
                Cell::Int(Some(n)) => self.hash.update(format!("i{n}\u{1f}")),
                Cell::Int(None) | Cell::MaybeText(None) => self.hash.update("n\u{1f}"),
                Cell::Text(s) | Cell::MaybeText(Some(s)) => {
                    self.hash.update(format!("t{}:", s.len()));
                    self.hash.update(s.as_bytes());
                }
            }
        }
        self.hash.update("\u{1e}");
        self.rows += 1;
    }

    /// The digest.
    pub fn finish(self) -> TableDigest {
        TableDigest {
            table: self.table,
            rows: self.rows,
            sha256: self
                .hash
                .finalize()
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect(),
        }
    }
}
