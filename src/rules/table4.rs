//! Section 四: T4-SUM.

use crate::diag::Diagnostic;
use crate::model::Report;
use crate::model::official;
use crate::model::path;

pub(super) fn check(report: &Report, out: &mut Vec<Diagnostic>) {
    for (group, row) in official::T4_GROUPS.iter().zip(&report.table4.rows) {
        if let Some(d) =
            super::table3::rowsum(row, group.label, &|col| path::table4_cell(group, col))
        {
            out.push(d);
        }
    }
    super::row_shape::table4(report, out);
}
