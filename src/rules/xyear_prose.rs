//! XYEAR-PROSE: last year's plans and tables left in this year's report —
//! a plan in 五 dated in a year already over (`于2024年底前完成` in the
//! 2025 report), and 表二 equal to last year's in every cell while it
//! holds figures of the year. (A count in the prose that is last year's
//! figure of its measure is NARR's reading, `narrative::figures`.)

use crate::claims::sentences;
use crate::diag::{Diagnostic, codes};
use crate::find::Find;
use crate::model::schema::{t2, top};
use crate::model::{Report, path};
use crate::slice::Slice;
use crate::source::SourceFile;

/// Words before a year that make it a plan's date (`计划于2024年`).
const PLAN_BEFORE: [&str; 9] = [
    "计划", "拟于", "拟在", "力争", "争取", "将于", "将在", "预计", "确保",
];

/// Words right after a year that make it a deadline or a plan
/// (`2024年底前完成`, `2024年，我们将…`).
const PLAN_AFTER: [&str; 8] = [
    "底前",
    "年底前",
    "前完成",
    "内完成",
    "上半年",
    "下半年",
    "将",
    "计划",
];

/// Words that say the plan was carried out (`已于2024年底前完成`).
const DONE: [&str; 5] = ["已", "完成了", "实现了", "建成了", "如期完成"];

/// Oldest year read as a plan left from an earlier report.
const MAX_YEARS_BACK: i32 = 3;

/// Runs both checks; the table needs last year's report.
pub(super) fn check(
    report: &Report,
    previous: Option<(&Report, Option<&str>)>,
    file: &SourceFile,
    out: &mut Vec<Diagnostic>,
) {
    past_plans(report, file, out);
    if let Some((prev, name)) = previous {
        table2_unchanged(report, prev, name, out);
    }
}

/// A plan of 五 dated in a year already over, once per sentence.
fn past_plans(report: &Report, file: &SourceFile, out: &mut Vec<Diagnostic>) {
    let y = report.year.value;
    if y == 0 {
        return;
    }
    let text = &report.problems;
    let value = crate::placeholder::substitute(report, &text.value, |v| match v {
        crate::placeholder::Value::Text(t) => t.clone(),
        crate::placeholder::Value::Empty => String::new(),
    });
    let chars: Vec<char> = value.chars().collect();
    for s in sentences::split(&chars) {
        let sentence: String = chars[s.range].iter().collect();
        if DONE.iter().any(|w| sentence.has_word(w)) {
            continue;
        }
        for (end, year) in sentences::years(&sentence) {
            // The report year is over too when its report is written
            // (`力争于2024年底前完成` in the report of 2024).
            if year > y || year < y - MAX_YEARS_BACK {
                continue;
            }
            let start = end - 4 - '年'.len_utf8();
            let before: String = sentence
                .slice_to(start)
                .chars()
                .rev()
                .take(4)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let after: String = sentence.slice_from(end).chars().take(8).collect();
            // "2024年，我们将…" in the report of 2024 is COPY's.
            let planned = PLAN_BEFORE.iter().any(|w| before.has_word(w))
                || PLAN_AFTER.iter().any(|w| after.starts_with(w))
                || year < y && after.starts_with('，') && after.contains('将');
            if !planned || inside_title(sentence.slice_to(start)) {
                continue;
            }
            let written: String = sentence.slice_from(start).chars().take(9).collect();
            out.push(
                Diagnostic::new_at(
                    codes::XYEAR_PROSE,
                    format!(
                        "第五部分的打算写在 {year} 年，而这是 {y} 年度的报告，{year} 年已经过去"
                    ),
                    file.locate(text.span, &written, 0),
                    path::field(top::PROBLEMS),
                )
                .label(format!("应为 {} 年？", y + 1))
                .help(
                    "是否沿用了上年报告的改进措施？改为下一年度的打算；已经完成的，写明完成的情况",
                ),
            );
            break;
        }
    }
}

/// Whether the end of `before` stands inside 《…》.
fn inside_title(before: &str) -> bool {
    before.matches('《').count() > before.matches('》').count()
}

/// Cells of 表二 that hold a stock, carried from year to year, not a
/// figure of the year.
const STOCKS: [&str; 3] = [t2::VALID, t2::TOTAL_2019, t2::ITEMS_BEFORE];

/// Fewest figures of the year (non-zero) that make an unchanged 表二 a
/// slip rather than a quiet year.
const MIN_YEAR_FIGURES: usize = 2;

/// Whether two tables 二 hold the same values in every cell (where they
/// were written aside): an empty cell equals only an empty one.
fn same_values(a: &crate::model::Table2, b: &crate::model::Table2) -> bool {
    let cells = |t: &crate::model::Table2| -> Vec<Option<crate::model::Number>> {
        t.cells
            .iter()
            .flatten()
            .flatten()
            .map(|c| c.as_ref().map(|v| v.number.value.clone()))
            .collect()
    };
    cells(a) == cells(b)
}

/// 表二 equal to last year's in every cell, with figures of the year in it.
fn table2_unchanged(
    report: &Report,
    prev: &Report,
    prev_name: Option<&str>,
    out: &mut Vec<Diagnostic>,
) {
    if report.edition() != prev.edition() || !same_values(&report.table2, &prev.table2) {
        return;
    }
    let groups = crate::model::official::t2_groups(report.edition());
    let mut of_the_year = 0;
    for (g, group) in groups.iter().enumerate() {
        for (r, row) in group.rows.iter().enumerate() {
            for (c, cell) in row.cells.iter().enumerate() {
                let stock = cell.key.is_some_and(|k| STOCKS.contains(&k));
                let value = report.table2.at(g, r, c);
                if !stock && value.is_some_and(|v| !v.number.value.is_zero()) {
                    of_the_year += 1;
                }
            }
        }
    }
    if of_the_year < MIN_YEAR_FIGURES {
        return;
    }
    let d = Diagnostic::new_at(
        codes::XYEAR_PROSE,
        format!(
            "表二每一格都与上年（{} 年度）报告相同，其中有 {of_the_year} 个本年发生的数",
            prev.year.value
        ),
        report.table2.span,
        path::table2_table(),
    )
    .help("是否沿用了上年的表二？本年制发、废止、处理决定、收费金额等按本年的数字填写；确实相同的，核对后可以不理会");
    out.push(match prev_name {
        Some(name) => d.related_in(
            name,
            prev.table2.span,
            path::table2_table(),
            "上年报告的表二",
        ),
        None => d,
    });
}
