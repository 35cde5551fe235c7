//! The table grid: each official table as a grid of cells with their
//! row and column spans, built from the [official table model](crate::model::official)
//! and a report's figures.
//!
//! Every renderer (Markdown, HTML, PDF) draws tables from this grid; none of
//! them knows the official labels by itself.

use crate::model::official::{self, T3Role};
use crate::model::schema::t2;
use crate::model::{Edition, Report, path};

/// Horizontal alignment of a cell's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Flush left.
    Left,
    /// Centred.
    Center,
    /// Flush right.
    Right,
}

/// What a cell is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    /// A column header (in the header rows).
    Header,
    /// A title row spanning the table (section 二's `第二十条第（一）项`).
    Title,
    /// A row label.
    Label,
    /// A figure.
    Data,
}

/// One cell, placed at its top-left grid position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// The text as printed (empty for an empty cell in a draft).
    pub text: String,
    /// Grid row of the top-left corner.
    pub row: usize,
    /// Grid column of the top-left corner.
    pub col: usize,
    /// Rows spanned.
    pub rowspan: usize,
    /// Columns spanned.
    pub colspan: usize,
    /// What the cell is.
    pub kind: CellKind,
    /// Alignment of its text.
    pub align: Align,
    /// For data cells: the data-file path of the figure, as used in
    /// diagnostics (`依申请公开.本年新收[0]`).
    pub path: Option<String>,
}

/// Which of the three tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableId {
    /// Section 二.
    Table2,
    /// Section 三.
    Table3,
    /// Section 四.
    Table4,
}

/// A table as a grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    /// Which table.
    pub id: TableId,
    /// Number of grid columns.
    pub columns: usize,
    /// Number of grid rows.
    pub rows: usize,
    /// Leading rows that form the header (repeated on every page).
    pub header_rows: usize,
    /// Columns that hold row labels (at the left).
    pub label_columns: usize,
    /// The cells, in row-major order of their top-left corners.
    pub cells: Vec<Cell>,
}

impl Grid {
    fn new(id: TableId, columns: usize, label_columns: usize) -> Grid {
        Grid {
            id,
            columns,
            rows: 0,
            header_rows: 0,
            label_columns,
            cells: Vec::new(),
        }
    }

    fn push(
        &mut self,
        text: impl Into<String>,
        row: usize,
        col: usize,
        span: (usize, usize),
        kind: CellKind,
    ) {
        let align = match kind {
            CellKind::Data => Align::Right,
            CellKind::Label => Align::Left,
            CellKind::Header | CellKind::Title => Align::Center,
        };
        self.cells.push(Cell {
            text: text.into(),
            row,
            col,
            rowspan: span.0,
            colspan: span.1,
            kind,
            align,
            path: None,
        });
        self.rows = self.rows.max(row + span.0);
    }

    fn push_data(&mut self, text: String, row: usize, col: usize, colspan: usize, path: String) {
        self.push(text, row, col, (1, colspan), CellKind::Data);
        self.cells.last_mut().expect("just pushed").path = Some(path);
    }

    /// The cells whose top-left corner is in `row`.
    pub fn row_cells(&self, row: usize) -> impl Iterator<Item = &Cell> {
        self.cells.iter().filter(move |c| c.row == row)
    }

    /// The cells that cover `row` (start in it or span into it), by column.
    pub fn covering(&self, row: usize) -> Vec<&Cell> {
        let mut cells: Vec<&Cell> = self
            .cells
            .iter()
            .filter(|c| c.row <= row && row < c.row + c.rowspan)
            .collect();
        cells.sort_by_key(|c| c.col);
        cells
    }

    /// Whether body row `row + 1` is in the same inner merged group as
    /// `row`: a label cell after the first column spanning down from `row`
    /// goes on into it (（三）不予公开 and its eight rows). The Word document
    /// keeps such rows on one page, so that the label is never cut from its
    /// rows (the outermost group, 三、本年度办理结果, is kept in blocks, each
    /// with its label: `render::docx::table`).
    pub fn group_continues(&self, row: usize) -> bool {
        row >= self.header_rows
            && self
                .cells
                .iter()
                .any(|c| c.col > 0 && c.row <= row && row + 1 < c.row + c.rowspan)
    }

    /// The label texts that apply to body row `row`, outermost first (merged
    /// labels spanning from above included).
    pub fn row_labels(&self, row: usize) -> Vec<&str> {
        self.covering(row)
            .into_iter()
            .filter(|c| {
                matches!(c.kind, CellKind::Label | CellKind::Title)
                    && c.col < self.label_columns.max(1)
            })
            .map(|c| c.text.as_str())
            .collect()
    }
}

/// Builds the grids of the three tables of `report`.
pub fn tables(report: &Report) -> [Grid; 3] {
    [table2(report), table3(report), table4(report)]
}

/// Section 二.
pub fn table2(report: &Report) -> Grid {
    let ed = report.edition();
    let mut g = Grid::new(TableId::Table2, 4, 1);
    let mut row = 0;
    for (gi, group) in official::t2_groups(ed).iter().enumerate() {
        g.push(group.title, row, 0, (1, 4), CellKind::Title);
        row += 1;
        g.push(official::T2_CONTENT_LABEL, row, 0, (1, 1), CellKind::Header);
        let mut col = 1;
        for h in group.headers {
            let mut label = h.label.to_string();
            if ed == Edition::E2019 && h.label == t2::PROCUREMENT_AMOUNT {
                label.push_str(official::T2_2019_PURCHASE_UNIT);
            }
            g.push(label, row, col, (1, h.span as usize), CellKind::Header);
            col += h.span as usize;
        }
        row += 1;
        for (ri, r) in group.rows.iter().enumerate() {
            g.push(r.label, row, 0, (1, 1), CellKind::Label);
            let mut col = 1;
            for (ci, c) in r.cells.iter().enumerate() {
                let value = report.table2.at(gi, ri, ci);
                let text = value.map_or_else(String::new, |v| match &v.note {
                    Some(note) => format!("{}（{note}）", v.number.value),
                    None => v.number.value.to_string(),
                });
                let path = path::table2(r.key, c.key);
                g.push_data(text, row, col, c.span as usize, path);
                col += c.span as usize;
            }
            row += 1;
        }
    }
    g
}

/// Section 三.
pub fn table3(report: &Report) -> Grid {
    let ed = report.edition();
    let defs = official::t3_rows(ed);
    let mut g = Grid::new(TableId::Table3, 10, 3);
    g.push(official::T3_CAPTION, 0, 0, (3, 3), CellKind::Header);
    g.push(official::T3_APPLICANTS, 0, 3, (1, 7), CellKind::Header);
    g.push(official::T3_COLUMNS[0], 1, 3, (2, 1), CellKind::Header);
    g.push(official::T3_ORGANISATIONS, 1, 4, (1, 5), CellKind::Header);
    g.push(official::T3_COLUMNS[6], 1, 9, (2, 1), CellKind::Header);
    for (i, name) in official::T3_COLUMNS[1..6].iter().enumerate() {
        g.push(*name, 2, 4 + i, (1, 1), CellKind::Header);
    }
    g.header_rows = 3;

    let results = defs
        .iter()
        .filter(|d| matches!(d.role, T3Role::Result | T3Role::ResultTotal))
        .count();
    let mut group_started = Vec::new();
    for (i, def) in defs.iter().enumerate() {
        let row = 3 + i;
        match def.role {
            T3Role::Received | T3Role::CarriedIn | T3Role::CarriedOut => {
                g.push(def.label, row, 0, (1, 3), CellKind::Label);
            }
            T3Role::Result | T3Role::ResultTotal => {
                if i == official::t3_index(ed, T3Role::Result) {
                    g.push(
                        official::T3_RESULTS_LABEL,
                        row,
                        0,
                        (results, 1),
                        CellKind::Label,
                    );
                }
                match def.group {
                    Some(group) => {
                        if !group_started.contains(&group.key) {
                            group_started.push(group.key);
                            let members = defs.iter().filter(|d| d.group == Some(group)).count();
                            g.push(group.label, row, 1, (members, 1), CellKind::Label);
                        }
                        g.push(def.label, row, 2, (1, 1), CellKind::Label);
                    }
                    None => g.push(def.label, row, 1, (1, 2), CellKind::Label),
                }
            }
        }
        for col in 0..official::T3_COLUMNS.len() {
            let value = report.table3.value(ed, i, col);
            let text = value.map_or_else(String::new, |v| v.to_string());
            g.push_data(text, row, 3 + col, 1, path::table3_cell(def, col));
        }
    }
    g
}

/// Section 四.
pub fn table4(report: &Report) -> Grid {
    let mut g = Grid::new(TableId::Table4, 15, 0);
    let [review, direct, after] = &official::T4_GROUPS;
    g.push(review.label, 0, 0, (1, 5), CellKind::Header);
    g.push(official::T4_LITIGATION, 0, 5, (1, 10), CellKind::Header);
    for (i, c) in official::T4_COLUMNS.iter().enumerate() {
        g.push(*c, 1, i, (2, 1), CellKind::Header);
    }
    g.push(direct.label, 1, 5, (1, 5), CellKind::Header);
    g.push(after.label, 1, 10, (1, 5), CellKind::Header);
    for block in 0..2 {
        for (i, c) in official::T4_COLUMNS.iter().enumerate() {
            g.push(*c, 2, 5 + block * 5 + i, (1, 1), CellKind::Header);
        }
    }
    g.header_rows = 3;
    for (gi, group) in official::T4_GROUPS.iter().enumerate() {
        let row = &report.table4.rows[gi];
        for (ci, _) in official::T4_COLUMNS.iter().enumerate() {
            let text = row.column(ci).map_or_else(String::new, |v| v.to_string());
            g.push_data(text, 3, gi * 5 + ci, 1, path::table4_cell(group, ci));
        }
    }
    g
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every grid position is covered by exactly one cell.
    fn assert_tiles(g: &Grid) {
        let mut seen = vec![vec![0u8; g.columns]; g.rows];
        for c in &g.cells {
            for row in &mut seen[c.row..c.row + c.rowspan] {
                for n in &mut row[c.col..c.col + c.colspan] {
                    *n += 1;
                }
            }
        }
        for (r, row) in seen.iter().enumerate() {
            for (c, n) in row.iter().enumerate() {
                assert_eq!(*n, 1, "{:?} cell ({r},{c}) covered {n} times", g.id);
            }
        }
    }

    #[test]
    fn grids_tile_without_gaps_or_overlaps() {
        for report in [
            crate::testutil::report(Edition::E2021),
            crate::testutil::report(Edition::E2019),
        ] {
            for g in tables(&report) {
                assert_tiles(&g);
            }
        }
    }

    #[test]
    fn section_three_has_the_official_spans() {
        let g = table3(&crate::testutil::report(Edition::E2021));
        let find = |t: &str| g.cells.iter().find(|c| c.text == t).unwrap();
        assert_eq!(find(official::T3_RESULTS_LABEL).rowspan, 22);
        assert_eq!(find("（三）不予公开").rowspan, 8);
        assert_eq!(find("（六）其他处理").rowspan, 3);
        assert_eq!(
            (
                find(official::T3_CAPTION).rowspan,
                find(official::T3_CAPTION).colspan
            ),
            (3, 3)
        );
        assert_eq!(g.rows, 3 + 25);
        let g = table3(&crate::testutil::report(Edition::E2019));
        assert_eq!(
            g.cells
                .iter()
                .find(|c| c.text == official::T3_RESULTS_LABEL)
                .unwrap()
                .rowspan,
            20
        );
        assert_eq!(
            g.cells
                .iter()
                .find(|c| c.text == "（六）其他处理")
                .unwrap()
                .colspan,
            2
        );
    }
}
