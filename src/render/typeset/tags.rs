//! What the text on a page is, for a document's logical structure (the
//! PDF's tags, ISO 32000-1 14.8): the layout marks its display list with a
//! [`Mark`] before the runs it sets, and the writer turns the marks into
//! structure elements (the PDF's title `H1`, the sections' headings `H2`,
//! their sub-headings `H3` to `H5`, paragraphs `P`, lists `L`/`LI`/`Lbl`/
//! `LBody`, tables `Table`/`TR`/`TH`/`TD` with their spans) in reading
//! order.
//! Folios, rules, the watermark and table cells repeated on a continuation
//! page are artifacts, which a screen reader skips.

use crate::grid::{Cell, CellKind, TableId};

/// The kind of a block of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The document title.
    Title,
    /// A section's heading (`一、总体情况`).
    Heading,
    /// A sub-heading in a narrative, with its depth in the document's
    /// outline: 3 for `（一）…` under a section's heading, 4 for `1.…` and 5
    /// for `（1）…` below it, never more than one below the heading before
    /// it (a `1.…` right under a section's heading is 3), as PDF/UA asks
    /// of heading levels.
    Subheading(u8),
    /// A paragraph (the signature is one too).
    Paragraph,
    /// The printed label of a list's item (`3.`).
    Label {
        /// The list, unique in the document.
        list: usize,
        /// The item in its list.
        entry: usize,
        /// The item (list, entry) a nested list is inside: its `L` is a
        /// child of that item's `LI`.
        within: Option<(usize, usize)>,
        /// How the list's items are marked.
        numbering: Numbering,
    },
    /// The text of a list's item after its label.
    ListItem {
        /// The list, unique in the document.
        list: usize,
        /// The item in its list.
        entry: usize,
        /// The item (list, entry) a nested list is inside.
        within: Option<(usize, usize)>,
        /// How the list's items are marked.
        numbering: Numbering,
    },
}

/// How a list's items are marked (`layout::list::mark`), as the PDF's list
/// attributes name it (ISO 32000-1 14.8.5.5, Table 347).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numbering {
    /// Numbers: `1.`, `（1）`, `①`.
    Decimal,
    /// `●`.
    Disc,
    /// `○`.
    Circle,
    /// `■`.
    Square,
}

impl Numbering {
    /// The numbering of a list whose items' labels start with `first`.
    pub fn of(first: Option<char>) -> Numbering {
        match first {
            Some('●') => Numbering::Disc,
            Some('○') => Numbering::Circle,
            Some('■') => Numbering::Square,
            _ => Numbering::Decimal,
        }
    }

    /// The PDF's name for it (`/ListNumbering`).
    pub fn name(self) -> &'static [u8] {
        match self {
            Numbering::Decimal => b"Decimal",
            Numbering::Disc => b"Disc",
            Numbering::Circle => b"Circle",
            Numbering::Square => b"Square",
        }
    }
}

/// What the following text runs on a page are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Block number `item` of the flow.
    Block {
        /// Position in the flow (one element per item).
        item: usize,
        /// Its kind.
        kind: Kind,
    },
    /// A table cell, the first time it is drawn.
    Cell {
        /// The table (its `TableId` as a number).
        table: usize,
        /// Index of the cell in its grid.
        cell: usize,
        /// Its top row.
        row: usize,
        /// A header: `Some(true)` for a column header, `Some(false)` for a
        /// row label; `None` for a figure.
        header: Option<bool>,
        /// Rows spanned.
        rowspan: usize,
        /// Columns spanned.
        colspan: usize,
    },
    /// Not content: page numbers, repeated cells.
    Artifact,
}

impl Mark {
    /// The mark of cell `index`, `c`, of table `table`.
    pub fn cell(table: TableId, index: usize, c: &Cell) -> Mark {
        Mark::Cell {
            table: table as usize,
            cell: index,
            row: c.row,
            header: match c.kind {
                CellKind::Header | CellKind::Title => Some(true),
                CellKind::Label => Some(false),
                CellKind::Data => None,
            },
            rowspan: c.rowspan,
            colspan: c.colspan,
        }
    }
}
