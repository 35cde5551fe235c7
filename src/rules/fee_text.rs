//! FEE-TEXT: a fee sentence the clerk wrote or pasted into section 六's
//! text, which does not print: the statement printed is the one written
//! from the fee figures, so the report never states the fee twice.

use crate::diag::limit::Capped;
use crate::diag::{Diagnostic, Fix, codes};
use crate::model::Report;
use crate::model::narrative::{line_without_fee, mentions_fee};
use crate::model::path;
use crate::source::{Occurrences, SourceFile};

/// One finding per line of 六's text that names the fee, when the
/// statement is printed from the figures.
pub(super) fn check(report: &Report, file: &SourceFile, out: &mut Vec<Diagnostic>) {
    if !report.fee_printed() {
        return;
    }
    let at = path::other_body();
    let mut seen = Occurrences::new();
    let mut capped = Capped::new();
    for line in report.other.value.lines() {
        let line = line.trim();
        if !mentions_fee(line) {
            continue;
        }
        // The same line written twice is found twice, each at its place.
        let nth = seen.next(line);
        if !capped.room() {
            continue;
        }
        let with = line_without_fee(line).unwrap_or_default();
        let shown = line.trim_start_matches('#').trim();
        let span = file.locate(report.other.span, line, nth);
        out.push(
            Diagnostic::new_at(
                codes::FEE_TEXT,
                format!(
                    "正文中的“{}”不会印出：第六部分按填写的信息处理费数字写出（一）收费情况，不印两次",
                    crate::diag::excerpt(shown)
                ),
                span,
                at.clone(),
            )
            .label("不印出")
            .help("删去这一句，收费情况只填写“信息处理费”的三个数字")
            .fix(Fix::line(
                at.clone(),
                line,
                with.clone(),
                if with.is_empty() {
                    "删去这一行"
                } else {
                    "删去收费的句子"
                },
            )),
        );
    }
    out.extend(capped.rest(codes::FEE_TEXT, report.other.span, &at));
}
