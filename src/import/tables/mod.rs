//! Mapping the cell stream of sections 二, 三 and 四 onto the official tables,
//! by row label (never by row position), using the labels of
//! [`official`].
//!
//! One module per table (`table2`, `table3`, `table4`); what they
//! share: `entries` (rows and their value slots), `values` (cells →
//! numbers), `edition` (2019 or 2021), `totals` (table 三 held against its
//! printed （七）总计 once read), and here the reports of what could
//! not be placed.

mod edition;
mod entries;
mod digit_runs;
mod run_together_rows;
mod table2;
mod table3;
mod table4;
mod totals;
mod values;

pub use edition::{TableEvidence, cited_notice, table_evidence};
pub use table2::table2;
pub use table3::table3;
pub use table4::table4;

use super::Sink;
use super::cells::{Cell, Kind};
use super::lines::Piece;
use super::norm;
use crate::diag::{Diagnostic, codes};
use crate::model::Edition;
use crate::model::official;
use entries::{Entry, Slots};
use std::borrow::Borrow;

/// Reports a row whose blank cells cannot be placed (see [`entries::Slots`]).
fn ambiguous_row(sink: &mut Sink, what: &str, read: usize, expected: usize, at: &Piece) {
    sink.push(
        Diagnostic::error(
            codes::IMPORT_MISSING,
            format!(
                "{what}一行读到 {read} 个单元格，应有 {expected} 个；空白单元格既可能在行首也可能在行尾，无法确定各数字属于哪一列，本行未导入"
            ),
        )
        .help("请对照原表手工填写这一行（空白的单元格写 ~）"),
        at,
    );
}

/// Reports a row whose figures ran together into one run of digits that
/// cannot be split with certainty.
fn joined_row(sink: &mut Sink, what: &str, run: &Cell, expected: usize) {
    sink.push(
        Diagnostic::error(
            codes::IMPORT_MISSING,
            format!(
                "{what}的数字连在一起，无法分列：原文“{}”应为 {expected} 个数字，拆分方式不止一种（或与本行合计对不上），本行未导入",
                run.piece.text
            ),
        )
        .help("请对照原报告（网页或 PDF 原件）手工填写这一行"),
        &run.piece,
    );
}

/// Reports a row that cannot be read as it stands: its figures ran together
/// (see [`joined_row`]) or its blank cells cannot be placed (see
/// [`ambiguous_row`]). Returns whether it was reported.
fn unreadable_row(sink: &mut Sink, what: &str, slots: &Slots, expected: usize, at: &Piece) -> bool {
    if let Some(run) = &slots.joined {
        joined_row(sink, what, run, expected);
        true
    } else if let Some(read) = slots.ambiguous {
        ambiguous_row(sink, what, read, expected, at);
        true
    } else {
        false
    }
}

/// The error for a row that gave only `read` cells of the columns `names`:
/// it is not imported.
fn too_few_cells<S: Borrow<str>>(what: &str, read: usize, names: &[S]) -> Diagnostic {
    Diagnostic::error(
        codes::IMPORT_MISSING,
        format!(
            "{what}一行只读到 {read} 个单元格，应有 {} 个（{}），本行未导入",
            names.len(),
            names.join("、")
        ),
    )
}

/// Every header text of the three tables, canonical.
fn known_headers() -> Vec<String> {
    let mut out: Vec<&str> = vec![
        official::T2_CONTENT_LABEL,
        official::T2_2019_PURCHASE_UNIT,
        official::T3_CAPTION,
        official::T3_APPLICANTS,
        official::T3_ORGANISATIONS,
        official::T3_RESULTS_LABEL,
        official::T4_LITIGATION,
    ];
    for e in [Edition::E2019, Edition::E2021] {
        for g in official::t2_groups(e) {
            out.push(g.title);
            out.extend(g.headers.iter().map(|h| h.label));
        }
    }
    out.extend(official::T3_COLUMNS);
    out.extend(official::T4_COLUMNS);
    out.extend(official::T4_GROUPS.iter().map(|g| g.label));
    out.into_iter().map(norm::canon).collect()
}

/// Whether a label is (part of) a header of one of the tables.
fn is_known_header(label: &str, headers: &[String]) -> bool {
    let c = norm::canon(label);
    !c.is_empty() && headers.iter().any(|h| h.contains(&c))
}

/// Reports figures and text of a table that could not be placed.
fn unplaced(sink: &mut Sink, e: &Entry, headers: &[String], what: &str) {
    let numbers: Vec<&Cell> = e
        .cells()
        .filter(|c| matches!(c.kind, Kind::Value(_)))
        .collect();
    match (&e.label, numbers.first()) {
        (label, Some(first)) => {
            let shown: Vec<&str> = numbers.iter().map(|c| c.piece.text.as_str()).collect();
            let at = &first.piece;
            let msg = match label {
                Some(l) => format!(
                    "{what}中“{}”后的数字无法归入任何单元格：{}",
                    l.piece.text,
                    shown.join(" ")
                ),
                None => format!("{what}中的数字无法归入任何单元格：{}", shown.join(" ")),
            };
            sink.push(
                Diagnostic::warning(codes::IMPORT_UNPLACED, msg).help(
                    "这一行的标签与官方表格的任何一行都对不上；如确属表格内容，请手工补入数据文件",
                ),
                at,
            );
        }
        (Some(l), None) if !is_known_header(&l.piece.text, headers) => {
            sink.push(
                Diagnostic::info(
                    codes::IMPORT_UNPLACED,
                    format!("{what}中未识别的文字，未导入：{}", l.piece.text),
                ),
                &l.piece,
            );
        }
        _ => {}
    }
}

/// Reports the rows of a table that were not found, by data path and label:
/// a note on each path and one error at the section heading.
fn missing_rows(sink: &mut Sink, table: &str, missing: &[(String, String)], heading: &Piece) {
    for (path, _) in missing {
        sink.note(path, "导入：原文中找不到这一行（或已残缺），未导入");
    }
    if missing.is_empty() {
        return;
    }
    let mut d = Diagnostic::error(
        codes::IMPORT_MISSING,
        format!("{table}缺少 {} 行（原文中找不到或已残缺）", missing.len()),
    );
    for (_, label) in missing {
        d = d.note(format!("缺少：{label}"));
    }
    sink.push(d.help("请对照原报告手工补填这些行"), heading);
}
