//! TEXT (bounds): prose past what a build takes on
//! ([`crate::model::bounds`]): too many lines in all, or a line whose
//! lists and quotes nest too deep. Every build refuses such a text, so
//! `check` says so at the line, as an error.

use crate::diag::{Diagnostic, codes};
use crate::model::Report;
use crate::model::bounds::{self, Excess};
use crate::source::SourceFile;

/// Reports the first place where the prose goes past a bound.
pub(super) fn check(report: &Report, file: &SourceFile, out: &mut Vec<Diagnostic>) {
    let Some(excess) = bounds::excess(report) else {
        return;
    };
    let (narrative, index) = excess.place();
    let Some((_, text)) = report
        .narratives()
        .into_iter()
        .find(|(at, _)| *at == narrative)
    else {
        return;
    };
    let lines: Vec<&str> = text.value.split('\n').collect();
    let line = lines.get(index).copied().unwrap_or_default();
    let line = line.strip_suffix('\r').unwrap_or(line);
    let nth = lines[..index.min(lines.len())]
        .iter()
        .filter(|l| l.strip_suffix('\r').unwrap_or(l) == line)
        .count();
    let span = file.locate(text.span, line.trim(), nth);
    let help = match excess {
        Excess::Lines { .. } => "合并被分开的段落，删去多余的行",
        Excess::Depth { .. } => "删去行首多余的“-”“*”“+”“>”或编号；分项最多写三层",
    };
    out.push(
        Diagnostic::new_at(
            codes::TEXT,
            format!("无法生成报告：{excess}"),
            span,
            narrative,
        )
        .label("从这一行起")
        .help(help),
    );
}
