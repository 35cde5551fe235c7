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
//!
//! Table 四 is held group by group against each group's printed 总计: a
//! group whose parts do not add up to its 总计 while a blank cell was read
//! in it (or, in the official layout's one row of 15 figures, before it, so
//! that every figure after the blank may have moved one place) was possibly
//! misplaced; it is left blank and said, with the figures as read. A group
//! read whole, with no blank before it, is the report's own arithmetic.

use super::super::Sink;
use super::super::lines::Piece;
use crate::diag::{Diagnostic, codes};
use crate::model::official::{T3Role, T3Row, T4_GROUPS};
use crate::model::{CountRow, Table3, Table4, path};

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

/// Leaves blank, and says, the groups of `table` (section 四) whose figures'
/// columns their printed 总计 puts in doubt: a group whose parts do not add
/// up to its 总计 and that holds a blank cell — or, when the three groups
/// were read from one row (`one_row`), every group from the first blank
/// cell on, once one of them does not add up. `read_from` holds where each
/// group was read. Groups that add up, and groups read whole with no blank
/// before them, are untouched.
pub(super) fn hold_table4(
    sink: &mut Sink,
    table: &mut Table4,
    read_from: &[Option<Piece>],
    one_row: bool,
) {
    let n = table.rows.len().min(T4_GROUPS.len());
    let doubtful: Vec<bool> = if one_row {
        let first_blank = (0..n).find(|&g| has_blank(&table.rows[g]));
        match first_blank {
            Some(b) if (b..n).any(|g| adds_wrong(&table.rows[g])) => {
                (0..n).map(|g| g >= b).collect()
            }
            _ => vec![false; n],
        }
    } else {
        (0..n)
            .map(|g| has_blank(&table.rows[g]) && adds_wrong(&table.rows[g]))
            .collect()
    };
    for g in (0..n).filter(|&g| doubtful[g]) {
        let row = &table.rows[g];
        let Some(label) = &read_from[g] else { continue };
        if !row
            .cells
            .iter()
            .chain([&row.printed_total])
            .any(Option::is_some)
        {
            continue;
        }
        let group = &T4_GROUPS[g];
        let why = if adds_wrong(row) {
            "各项相加与本组总计对不上"
        } else {
            "与前面对不上的组同在一行、排在空白单元格之后"
        };
        sink.set_path(Some(path::table4_row(group)));
        sink.push(
            Diagnostic::error(
                codes::IMPORT_MISSING,
                format!(
                    "表四“{}”读到“{}”，{why}，而这一行原文读到了空白单元格：数字可能被放错了列（例如列组之间的空隙被当成了一个单元格），本组未导入",
                    group.label,
                    as_read(row)
                ),
            )
            .help("请对照原表手工填写这一组（空白的单元格写 ~）"),
            label,
        );
        table.rows[g] = CountRow {
            present: true,
            ..CountRow::empty(row.cells.len())
        };
    }
    sink.set_path(None);
}

/// Whether a read row of section 四 has a blank among its parts or total
/// while holding some figure.
fn has_blank(row: &CountRow) -> bool {
    let slots = || row.cells.iter().chain([&row.printed_total]);
    slots().any(Option::is_some) && slots().any(Option::is_none)
}

/// Whether the row's printed 总计 was read and its parts (blank counting as
/// nothing printed) do not add up to it.
fn adds_wrong(row: &CountRow) -> bool {
    let Some(total) = &row.printed_total else {
        return false;
    };
    let parts: u128 = row
        .cells
        .iter()
        .map(|c| c.as_ref().map_or(0, |c| u128::from(c.value)))
        .sum();
    parts != u128::from(total.value)
}

/// The row's figures as read, blanks said: “空白 5 0 0，总计 0”.
fn as_read(row: &CountRow) -> String {
    let show = |c: &Option<crate::model::report::Count>| {
        c.as_ref()
            .map_or("空白".to_string(), |c| c.value.to_string())
    };
    let parts: Vec<String> = row.cells.iter().map(show).collect();
    format!("{}，总计 {}", parts.join(" "), show(&row.printed_total))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Located;
    use crate::source::{SourceFile, Span};

    /// A group row from its five printed slots (`None` for a blank cell).
    fn row(slots: [Option<u64>; 5]) -> CountRow {
        let cell = |v: Option<u64>| v.map(|v| Located::new(v, Span::default()));
        CountRow {
            cells: slots[..4].iter().map(|v| cell(*v)).collect(),
            printed_total: cell(slots[4]),
            span: Span::default(),
            present: true,
        }
    }

    /// Holds `rows` as table 四; returns the table and the messages said.
    fn hold(rows: Vec<CountRow>, one_row: bool) -> (Table4, Vec<String>) {
        let file = SourceFile::new("report.txt", "行政复议 1 0 0 0 1");
        let mut sink = Sink::new(&file, &[]);
        let mut table = Table4::empty();
        table.rows = rows;
        let piece = Piece {
            text: "行政复议".into(),
            offset: 0,
            len: "行政复议".len(),
        };
        let read_from = vec![Some(piece); 3];
        hold_table4(&mut sink, &mut table, &read_from, one_row);
        let said = sink.diags.iter().map(|d| d.message.clone()).collect();
        (table, said)
    }

    fn values(row: &CountRow) -> Vec<Option<u64>> {
        row.cells
            .iter()
            .chain([&row.printed_total])
            .map(|c| c.as_ref().map(|c| c.value))
            .collect()
    }

    #[test]
    fn a_row_shifted_by_a_phantom_blank_between_groups_is_left_blank_and_said() {
        // Printed: 1 0 0 0 1 | 5 0 0 0 5 | 0 0 0 0 0; read with a blank cell
        // invented in the wide gap before 行政诉讼, so the 5 of 结果维持 moved
        // to 结果纠正 and every later figure one place on.
        let rows = vec![
            row([Some(1), Some(0), Some(0), Some(0), Some(1)]),
            row([None, Some(5), Some(0), Some(0), Some(0)]),
            row([Some(5), Some(0), Some(0), Some(0), Some(0)]),
        ];
        let (table, said) = hold(rows, true);
        assert_eq!(
            values(&table.rows[0]),
            [Some(1), Some(0), Some(0), Some(0), Some(1)]
        );
        for g in 1..3 {
            assert!(table.rows[g].present);
            assert_eq!(values(&table.rows[g]), [None; 5], "group {g} left blank");
        }
        assert_eq!(said.len(), 2, "{said:?}");
        assert!(said[0].contains("未经复议直接起诉") && said[0].contains("空白 5 0 0，总计 0"));
        assert!(said[0].contains("本组未导入"));
        assert!(said[1].contains("复议后起诉") && said[1].contains("5 0 0 0，总计 0"));
    }

    #[test]
    fn a_consistent_row_is_untouched_even_with_a_printed_blank() {
        let printed = [
            [Some(1), Some(0), Some(0), Some(0), Some(1)],
            [None, Some(2), Some(1), Some(0), Some(3)],
            [Some(0), Some(0), Some(0), Some(0), Some(0)],
        ];
        for one_row in [true, false] {
            let (table, said) = hold(printed.iter().map(|r| row(*r)).collect(), one_row);
            assert!(said.is_empty(), "{said:?}");
            for (g, r) in printed.iter().enumerate() {
                assert_eq!(values(&table.rows[g]), r.to_vec());
            }
        }
    }

    #[test]
    fn the_reports_own_arithmetic_in_a_full_group_is_left_to_the_checks() {
        // 复议后起诉 printed whole but adding to 2, not 5: the publisher's.
        let full_wrong = [Some(1), Some(1), Some(0), Some(0), Some(5)];
        let rows = vec![
            row([Some(1), Some(0), Some(0), Some(0), Some(1)]),
            row([Some(0), Some(0), Some(0), Some(0), Some(0)]),
            row(full_wrong),
        ];
        let (table, said) = hold(rows, true);
        assert!(said.is_empty(), "{said:?}");
        assert_eq!(values(&table.rows[2]), full_wrong.to_vec());
    }

    #[test]
    fn labelled_rows_are_held_one_by_one() {
        let rows = vec![
            row([None, Some(5), Some(0), Some(0), Some(0)]),
            row([Some(2), Some(0), Some(0), Some(0), Some(2)]),
            row([Some(1), Some(1), Some(0), Some(0), Some(5)]),
        ];
        let (table, said) = hold(rows, false);
        assert_eq!(said.len(), 1, "{said:?}");
        assert!(said[0].contains("行政复议"));
        assert_eq!(values(&table.rows[0]), [None; 5]);
        assert_eq!(
            values(&table.rows[1]),
            [Some(2), Some(0), Some(0), Some(0), Some(2)]
        );
        assert_eq!(
            values(&table.rows[2]),
            [Some(1), Some(1), Some(0), Some(0), Some(5)]
        );
    }
}
