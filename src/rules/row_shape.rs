//! Rows that look one number short (ROW-LEN).
//!
//! A row of section 三 has six numbers and may add a seventh, its 总计; a
//! row of section 四 has four and may add a fifth. A row typed one number
//! short (`[1, 0, 0, 1]` meant as `[1, 0, 0, 0, 1]`) therefore still reads,
//! as a row without its total, with every number in the wrong column. Two
//! signs give it away:
//! - the row has no total while most rows of the same table have one (a
//!   row of zeros reads the same in any column, and is left alone; one
//!   total typed over a workbook's formula, or given in the workbench, says
//!   nothing of the other rows);
//! - its last number equals the sum of the others (and is not 0): it looks
//!   like a total.
//!
//! Section 三 can prove it: when such a row is there and the table's
//! balance (T3-BAL) or result sums (T3-RESULTSUM) fail as the row reads, the
//! row is the likely cause. It is reported as an error naming the row, and
//! the balance errors that follow from it are not reported. When the table
//! balances, the row is taken as written. Section 四 has no cross-row
//! arithmetic, so a suspect row there is a warning.

use crate::diag::{Diagnostic, Severity, codes};
use crate::model::official::{self, T3Role};
use crate::model::{CountRow, Report, path};

/// Why a row looks one number short, if it does, among `rows` (the rows of
/// one table written in the file).
fn looks_short(row: &CountRow, rows: &[&CountRow]) -> Option<String> {
    if !row.present || row.printed_total.is_some() || !row.is_complete() {
        return None;
    }
    let values: Vec<u64> = row.cells.iter().flatten().map(|c| c.value).collect();
    let (last, others) = values.split_last()?;
    let others_sum = others.iter().try_fold(0u64, |a, v| a.checked_add(*v))?;
    if others_sum == 0 && *last == 0 {
        return None; // Zeros read the same in any column.
    }
    // Most other rows write a total: one typed over a workbook's formula,
    // or a total the workbench was given, says nothing of the rest.
    let with_total = rows
        .iter()
        .filter(|r| r.present && r.printed_total.is_some())
        .count();
    let without = rows
        .iter()
        .filter(|r| r.present && r.printed_total.is_none() && r.is_complete())
        .count();
    let neighbours_total = with_total > 0 && with_total >= without;
    let width = row.cells.len();
    match (neighbours_total, *last == others_sum && *last > 0) {
        (true, true) => Some(format!(
            "同一表中其他行写了 {} 个数（含总计），这一行只有 {width} 个；最后一个数 {last} 正好等于前面各数之和，像是总计",
            width + 1
        )),
        (true, false) => Some(format!(
            "同一表中其他行写了 {} 个数（含总计），这一行只有 {width} 个",
            width + 1
        )),
        (false, true) => Some(format!("最后一个数 {last} 正好等于前面各数之和，像是总计")),
        (false, false) => None,
    }
}

/// The order of a row's numbers, for the help.
fn columns_help(columns: &[&str]) -> String {
    let (total, inputs) = columns.split_last().unwrap_or((&"", &[]));
    format!(
        "每行依次为：{}，共 {} 个数，可再加第 {} 个：{total}；补上漏填的那一格（没有的填 0）",
        inputs.join("、"),
        inputs.len(),
        inputs.len() + 1
    )
}

/// Section 三: the balance findings `sums` (T3-BAL, T3-RESULTSUM, computed
/// reading every row as written) go to `out`, unless a row looks one number
/// short: then that row is the error, and the findings that follow from it
/// are dropped.
pub(super) fn table3(report: &Report, sums: Vec<Diagnostic>, out: &mut Vec<Diagnostic>) {
    if sums.is_empty() {
        return;
    }
    let ed = report.edition();
    let defs = official::t3_rows(ed);
    let rows: Vec<&CountRow> = report.table3.rows.iter().collect();
    let short: Vec<Diagnostic> = defs
        .iter()
        .zip(&rows)
        .filter(|(def, _)| def.role != T3Role::ResultTotal)
        .filter_map(|(def, row)| {
            let why = looks_short(row, &rows)?;
            Some(
                Diagnostic::new(
                    codes::ROW_LEN,
                    format!("“{}”这一行好像少了一个数：{why}", def.full_label()),
                )
                .at(row.span)
                .path(path::table3_row(def))
                .label("少了一个数？")
                .note("按这一行现在的写法，表三的收支对不上；先补上这一行，收支的检查随后再做")
                .help(columns_help(&official::T3_COLUMNS)),
            )
        })
        .collect();
    if short.is_empty() {
        out.extend(sums);
    } else {
        out.extend(short);
    }
}

/// Section 四: a row that looks one number short is a warning.
pub(super) fn table4(report: &Report, out: &mut Vec<Diagnostic>) {
    let rows: Vec<&CountRow> = report.table4.rows.iter().collect();
    for (group, row) in official::T4_GROUPS.iter().zip(&rows) {
        if let Some(why) = looks_short(row, &rows) {
            out.push(
                Diagnostic::new(
                    codes::ROW_LEN,
                    format!("“{}”这一行好像少了一个数：{why}", group.label),
                )
                .severity(Severity::Warning)
                .at(row.span)
                .path(path::table4_row(group))
                .label("少了一个数？")
                .note("若这一行确实如此（没有写总计），可以不改")
                .help(columns_help(&official::T4_COLUMNS)),
            );
        }
    }
}
