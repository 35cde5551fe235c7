//! Table 三 held against its own printed totals once every row is read: the
//! result rows add up to （七）总计 in every column, and 一 + 二 = （七） + 四
//! in every column. A figure placed in the wrong column (a blank cell lost
//! or invented where a table printed without rules leaves no trace of it)
//! moves a figure from one column's sum to another's: the columns disagree
//! while their grand total agrees. Then the rows the rule covers with blank
//! cells in those columns, whose figures are the only ones whose column was
//! not certain, are left blank and said on their row; a full row, whose
//! every column holds a figure, cannot be misplaced. Totals that differ in
//! sum are the report's own arithmetic and are left to the checks.

use super::super::Sink;
use super::super::lines::Piece;
use crate::diag::{Diagnostic, codes};
use crate::model::official::{T3Role, T3Row};
use crate::model::{CountRow, Table3, path};

/// Leaves blank, and says, the rows of `table` whose figures' columns its
/// printed totals contradict: the result rows against （七）总计, then 一,
/// 二 and 四 against 一 + 二 = （七） + 四; `read_from` holds each row's
/// printed label.
pub(super) fn hold_table3(
    sink: &mut Sink,
    table: &mut Table3,
    defs: &[T3Row],
    read_from: &[Option<Piece>],
) {
    let results = |d: &T3Row| d.role == T3Role::Result;
    if let Some(diff) = column_differences(table, defs) {
        let rule = "各行按列相加与（七）总计";
        leave_misplaced(sink, table, defs, read_from, &diff, (rule, &results));
    }
    let balance = |d: &T3Row| {
        matches!(
            d.role,
            T3Role::Received | T3Role::CarriedIn | T3Role::CarriedOut
        )
    };
    if let Some(diff) = balance_differences(table, defs) {
        let rule = "按列“一 + 二 = （七） + 四”";
        leave_misplaced(sink, table, defs, read_from, &diff, (rule, &balance));
    }
    sink.set_path(None);
}

/// When the columns of a rule disagree (`diff`, one per input column) while
/// their grand total agrees, leaves blank and says the rows the rule covers
/// (`rule`: its wording and which rows) that have blank cells in those
/// columns.
fn leave_misplaced(
    sink: &mut Sink,
    table: &mut Table3,
    defs: &[T3Row],
    read_from: &[Option<Piece>],
    diff: &[i128],
    (rule, covers): (&str, &dyn Fn(&T3Row) -> bool),
) {
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
        if !covers(def) || !has_figure || !off.iter().any(has_blank) {
            continue;
        }
        let Some(label) = &read_from[i] else { continue };
        sink.set_path(Some(path::table3_row(def)));
        sink.push(
            Diagnostic::error(
                codes::IMPORT_MISSING,
                format!(
                    "表三“{}”有空白单元格，而{rule}在“{names}”列对不上（全表合计相符），数字可能被放错了列，本行未导入",
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
}

/// For every input column: 一 + 二 less （七） + 四, when the four rows were
/// read (（七） whole; blank cells of the others counting as nothing
/// printed).
fn balance_differences(table: &Table3, defs: &[T3Row]) -> Option<Vec<i128>> {
    let row = |role: T3Role| {
        defs.iter()
            .position(|d| d.role == role)
            .map(|i| &table.rows[i])
            .filter(|r| r.cells.iter().any(Option::is_some))
    };
    let total = row(T3Role::ResultTotal)?;
    if total.cells.iter().any(Option::is_none) {
        return None;
    }
    let signed = [
        (row(T3Role::Received)?, 1),
        (row(T3Role::CarriedIn)?, 1),
        (total, -1),
        (row(T3Role::CarriedOut)?, -1),
    ];
    let width = total.cells.len();
    Some(
        (0..width)
            .map(|c| {
                signed
                    .iter()
                    .map(|(r, sign)| {
                        let v = r.cells.get(c).and_then(Option::as_ref);
                        sign * v.map_or(0, |v| i128::from(v.value))
                    })
                    .sum()
            })
            .collect(),
    )
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
