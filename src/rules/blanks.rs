//! T3-BAL (warning): a figure in the wrong column that blank cells hide.
//!
//! T3-BAL judges a column only once all its cells are filled, so a figure
//! typed under 科研机构 instead of 商业企业 goes unseen while any cell of
//! either column is still blank — and “没有的请填 0” for the blanks is
//! exactly what the clerk does next. Counting blanks as 0, such a slip
//! shows as one column over by N and another under by N; the likely cell is
//! a figure N in the column that is over.

use crate::diag::{Diagnostic, Severity, codes};
use crate::model::official::{self, T3Role};
use crate::model::{Report, path};

/// Per input column, (一 + 二) − (results + 四) with blanks as 0, and
/// whether the column has a blank.
fn differences(report: &Report) -> Vec<(i128, bool)> {
    let ed = report.edition();
    let defs = official::t3_rows(ed);
    let rows = &report.table3.rows;
    (0..official::T3_INPUT_COLUMNS)
        .map(|col| {
            let mut diff: i128 = 0;
            let mut blank = false;
            for (def, row) in defs.iter().zip(rows) {
                let sign = match def.role {
                    T3Role::Received | T3Role::CarriedIn => 1,
                    T3Role::Result | T3Role::CarriedOut => -1,
                    _ => continue,
                };
                match row.cells.get(col).and_then(|c| c.as_ref()) {
                    Some(c) => diff += sign * i128::from(c.value),
                    None => blank = true,
                }
            }
            (diff, blank)
        })
        .collect()
}

/// One warning per pair of columns, one over and one under by the same
/// figure, when a blank keeps T3-BAL from judging the one over.
pub(super) fn check(report: &Report, out: &mut Vec<Diagnostic>) {
    let diffs = differences(report);
    let ed = report.edition();
    let defs = official::t3_rows(ed);
    for (over, &(d, blank_over)) in diffs.iter().enumerate() {
        // Said once, from the column over.
        if d <= 0 {
            continue;
        }
        let Some(under) = diffs.iter().position(|&(e, _)| e == -d) else {
            continue;
        };
        if !blank_over {
            continue; // T3-BAL judges the column over
        }
        let n = d.unsigned_abs() as u64;
        let names = official::T3_COLUMNS;
        // The likely cell: a figure n in the column that is over, on a row
        // that adds (一 or 二).
        let likely = defs.iter().zip(&report.table3.rows).find_map(|(def, row)| {
            let adds = matches!(def.role, T3Role::Received | T3Role::CarriedIn);
            let cell = row
                .cells
                .get(over)?
                .as_ref()
                .filter(|c| adds && c.value == n)?;
            Some((def, cell))
        });
        let message = format!(
            "按空格为 0 计，“{}”一列多出 {n} 件、“{}”一列少 {n} 件：可能有一个数填错了列，空格填 0 之前请先核对",
            names[over], names[under]
        );
        let mut diag = Diagnostic::new(codes::T3_BAL, message).severity(Severity::Warning);
        if let Some((def, cell)) = likely {
            diag = diag
                .at(cell.span)
                .path(path::table3_cell(def, over))
                .label(format!("这个 {n} 是不是该填在“{}”下？", names[under]))
                .help(format!(
                    "核对“{}”：这个数若属于“{}”，把它移到那一列",
                    def.full_label(),
                    names[under]
                ));
        }
        out.push(diag);
    }
}
