//! Section 四: T4-SUM.

use crate::diag::Diagnostic;
use crate::model::Report;
use crate::model::official;

pub(super) fn check(report: &Report, out: &mut Vec<Diagnostic>) {
    for (group, row) in official::T4_GROUPS.iter().zip(&report.table4.rows) {
        if let Some(d) = super::table3::rowsum(row, group.label, &format!("复议诉讼.{}", group.key))
        {
            out.push(d);
        }
    }
    super::row_shape::table4(report, out);
}
