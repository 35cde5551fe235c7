//! Table 三 held against its own printed totals once every row is read: the
//! result rows add up to （七）总计 in every column. A figure placed in the
//! wrong column (a blank cell lost or invented where a table printed without
//! rules leaves no trace of it) moves a figure from one column's sum to
//! another's: the columns disagree while their grand total agrees. Then the
//! result rows with blank cells in those columns, whose figures are the only
//! ones whose column was not certain, are left blank and said on their row;
//! a full row, whose every column holds a figure, cannot be misplaced.
//! Totals that differ in sum are the report's own arithmetic and are left to
//! the checks.

use super::super::Sink;
use super::super::lines::Piece;
use crate::diag::{Diagnostic, codes};
use crate::model::official::{T3Role, T3Row};
use crate::model::{CountRow, Table3, path};

/// Leaves blank, and says, the result rows of `table` whose figures' columns
/// the printed （七）总计 contradicts; `read_from` holds each row's printed
/// label.
pub(super) fn hold_table3(
    sink: &mut Sink,
    table: &mut Table3,
    defs: &[T3Row],
    read_from: &[Option<Piece>],
) {
    let Some(diff) = column_differences(table, defs) else {
        return;
    };
    if diff.iter().all(|d| *d == 0) || diff.iter().sum::<i128>() != 0 {
        return;
    }
    let off: Vec<usize> = (0..diff.len()).filter(|&c| diff[c] != 0).collect();
    let names = off
        .iter()
        .map(|&c| crate::model::official::T3_COLUMNS[c])
        .collect::<Vec<_>>()
        .join("、");
    for (i, def) in defs.iter().enumerate() {
        let row = &table.rows[i];
        let width = row.cells.len();
        let has_blank = |c: &usize| row.cells.get(*c).is_some_and(Option::is_none);
        let has_figure = row.cells.iter().any(Option::is_some);
        if def.role != T3Role::Result || !has_figure || !off.iter().any(has_blank) {
            continue;
        }
        let Some(label) = &read_from[i] else { continue };
        sink.set_path(Some(path::table3_row(def)));
        sink.push(
            Diagnostic::error(
                codes::IMPORT_MISSING,
                format!(
                    "表三“{}”有空白单元格，而各行按列相加与（七）总计在“{names}”列对不上（全表合计相符），数字可能被放错了列，本行未导入",
                    def.full_label()
                ),
            )
            .help("请对照原表手工填写这一行（空白的单元格写 ~）"),
            label,
        );
        table.rows[i] = CountRow {
            present: true,
            ..CountRow::empty(width)
        };
    }
    sink.set_path(None);
}

/// For every input column: the sum of the result rows less the printed
/// （七）总计, when the total row and every result row were read whole
/// (blank cells counting as nothing printed).
fn column_differences(table: &Table3, defs: &[T3Row]) -> Option<Vec<i128>> {
    let total = defs
        .iter()
        .position(|d| d.role == T3Role::ResultTotal)
        .map(|i| &table.rows[i])?;
    if total.cells.iter().any(Option::is_none) {
        return None;
    }
    let mut diff: Vec<i128> = total
        .cells
        .iter()
        .map(|c| c.as_ref().map_or(0, |c| -i128::from(c.value)))
        .collect();
    for (def, row) in defs.iter().zip(&table.rows) {
        if def.role != T3Role::Result {
            continue;
        }
        if !row.cells.iter().any(Option::is_some) {
            // A result row not read: the columns cannot be held.
            return None;
        }
        for (d, c) in diff.iter_mut().zip(&row.cells) {
            *d += c.as_ref().map_or(0, |c| i128::from(c.value));
        }
    }
    Some(diff)
}
