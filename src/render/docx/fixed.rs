//! The tables as the fixed layout (the PDF's and the OFD's pages, from
//! [`typeset`](crate::render::typeset)) sets them: the Word document sets
//! the same GB/T 9704 page (22 lines of 28 characters, exact line pitch),
//! so with the PDF's columns, type size and row heights its tables take
//! the PDF's room, and its merged labels start again, with their text,
//! where the PDF's pages start (`table`).

use crate::grid::TableId;
use crate::render::typeset::tags::Mark;
use crate::render::typeset::{Draw, Page, TableShape};

/// The fixed layout's tables: their shapes and where pages start in them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FixedTables {
    /// `(table, row)`: the body rows that start a page (the table's first
    /// body row included), the table as its [`TableId`] number.
    starts: Vec<(usize, usize)>,
    /// Each table's size, columns and rows.
    shapes: Vec<TableShape>,
}

/// One table of [`FixedTables`].
pub(super) struct Fixed<'a> {
    /// The body rows that start a page of the fixed layout, in order.
    pub starts: Vec<usize>,
    /// The table's size, columns and rows.
    pub shape: &'a TableShape,
}

impl FixedTables {
    /// The tables of the laid-out `pages`, of the `shapes` they were set
    /// in: on each page, the top row of the first body cell drawn there for
    /// the first time starts it (cells repeated on a continuation page are
    /// artifacts, head cells column headers).
    pub fn of(pages: &[Page], shapes: Vec<TableShape>) -> FixedTables {
        let mut starts = Vec::new();
        for page in pages {
            let mut first: Vec<(usize, usize)> = Vec::new();
            for d in &page.items {
                let Draw::Mark(Mark::Cell {
                    table, row, header, ..
                }) = d
                else {
                    continue;
                };
                if *header == Some(true) {
                    continue;
                }
                match first.iter_mut().find(|f| f.0 == *table) {
                    Some(f) => f.1 = f.1.min(*row),
                    None => first.push((*table, *row)),
                }
            }
            starts.extend(first);
        }
        starts.sort_unstable();
        starts.dedup();
        FixedTables { starts, shapes }
    }

    /// Table `id` as the fixed layout sets it, if known.
    pub(super) fn table(&self, id: TableId, rows: usize, columns: usize) -> Option<Fixed<'_>> {
        let shape = self.shapes.iter().find(|s| s.id == id)?;
        // A shape of another grid (never from the same document) is no use.
        if shape.rows.len() != rows || shape.edges.len() != columns + 1 {
            return None;
        }
        let starts = self
            .starts
            .iter()
            .filter(|s| s.0 == id as usize)
            .map(|s| s.1)
            .collect();
        Some(Fixed { starts, shape })
    }
}
