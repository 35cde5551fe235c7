//! Narrative text: placeholders that name nothing (PLACEHOLDER) and figures
//! written literally that contradict the tables (NARR).

mod figures;
mod other_tables;
mod outcome;
mod parts;
mod points;
mod ranking;
mod reading;
mod shares;
mod whole;
mod zeros;

use crate::diag::limit::Capped;
use crate::diag::{Diagnostic, codes};
use crate::load::suggest;
use crate::model::official;
use crate::model::{Report, Text};
use crate::placeholder;
use crate::slice::Slice;
use crate::source::{Occurrences, SourceFile};

pub(super) fn check(
    report: &Report,
    previous: Option<(&Report, Option<&str>)>,
    file: &SourceFile,
    out: &mut Vec<Diagnostic>,
) {
    let known = placeholder::known_paths(report);
    // The file read simplified, made once when a narrative needs it.
    let mut simplified_file: Option<SourceFile> = None;
    for (key, text) in report.narratives() {
        let mut seen = Occurrences::new();
        let mut capped = Capped::new();
        for p in placeholder::find(&text.value) {
            let raw = text.value.slice(p.range.start, p.range.end);
            let nth = seen.next(raw);
            if placeholder::resolve(report, &p.path).is_some() || !capped.room() {
                continue;
            }
            let mut d = Diagnostic::new(
                codes::PLACEHOLDER,
                format!("占位符“{}”没有对应的数据", p.path),
            )
            .at(file.locate(text.span, raw, nth))
            .path(key);
            if let Some(s) = suggest_path(&p.path, &known) {
                d = d.label(format!("是不是“{s}”？"));
            } else {
                d = d.note("占位符写作 {{ 依申请公开.本年新收.总计 }}，名称是数据文件自己的键");
            }
            out.push(d);
        }
        out.extend(capped.rest(codes::PLACEHOLDER, text.span, key));
        lookalikes(report, file, key, text, out);
        // A traditional character typed among simplified ones (`申請`,
        // `未發生`) is read as its simplified form, every byte in place.
        let simplified = crate::model::hant::simplified(&text.value);
        if simplified == text.value {
            narr(report, previous, file, key, text, out);
        } else {
            let reading = Text {
                value: simplified,
                span: text.span,
            };
            let read = simplified_file
                .get_or_insert_with(|| file.with_text(crate::model::hant::simplified(&file.text)));
            narr(report, previous, read, key, &reading, out);
        }
    }
}

/// Placeholders typed with full-width braces or a brace short: printed
/// literally otherwise.
fn lookalikes(
    report: &Report,
    file: &SourceFile,
    key: &str,
    text: &Text,
    out: &mut Vec<Diagnostic>,
) {
    let mut seen = Occurrences::new();
    let mut capped = Capped::new();
    for l in placeholder::lookalikes(&text.value) {
        let raw = text.value.slice(l.range.start, l.range.end);
        let nth = seen.next(raw);
        if !capped.room() {
            continue;
        }
        let mut d = Diagnostic::new(
            codes::PLACEHOLDER,
            format!("这里像是占位符，但{}，会原样印在年报上", l.problem),
        )
        .at(file.locate(text.span, raw, nth))
        .path(key)
        .label(format!("改为 {}", l.fix()))
        .help(
            "占位符用两个半角大括号：{{ 名称 }}；中文输入法下先按 Ctrl+.（句点）切换到英文标点，或按 Shift 切换到英文，再输入“{”",
        );
        if placeholder::resolve(report, &l.path).is_none() {
            d = d.note(format!("“{}”也不是数据文件中的名称", l.path));
        }
        out.push(d);
    }
    out.extend(capped.rest(codes::PLACEHOLDER, text.span, key));
}

/// The known path a mistyped placeholder most likely meant. A table row
/// named without its column means its total (`依申请公开.本年新收` →
/// `依申请公开.本年新收.总计`), which is what a sentence cites.
fn suggest_path<'a>(path: &str, known: &'a [String]) -> Option<&'a str> {
    let total = format!("{path}.{}", official::T3_COLUMNS[official::T3_TOTAL_COLUMN]);
    known
        .iter()
        .find(|k| **k == total)
        .map(String::as_str)
        .or_else(|| suggest::closest(path, known.iter().map(String::as_str)))
}

/// NARR: the figures the text writes out, against the tables.
fn narr(
    report: &Report,
    previous: Option<(&Report, Option<&str>)>,
    file: &SourceFile,
    key: &str,
    text: &Text,
    out: &mut Vec<Diagnostic>,
) {
    let mut reading = crate::claims::reading::reading(report, &text.value);
    reading.previous = previous.map(|(r, _)| r);
    reading.previous_name = previous.and_then(|(_, name)| name);
    figures::check(&reading, file, key, text, out);
}
