//! What the narrative says: sections with nothing in them (SECTION-EMPTY),
//! the customary items of section 六 (OTHER-ITEMS), art. 50(4) results in a
//! government's report (ASSESSMENT), and text carried over unchanged from
//! last year's report (COPY).

use super::items::{Assessment, Coverage};
use crate::diag::{Diagnostic, codes};
use crate::model::path;
use crate::model::schema::top;
use crate::model::{Edition, Report, Text, official};
use crate::source::SourceFile;

pub(super) fn check(
    report: &Report,
    previous: Option<&Report>,
    file: &SourceFile,
    out: &mut Vec<Diagnostic>,
) {
    section_empty(report, out);
    other_items(report, file, out);
    assessment(report, file, out);
    super::problems::check(report, out);
    copied(report, previous, file, out);
}

/// The words a section is "filled" with when nothing was written.
const NOTHING: [&str; 8] = [
    "无",
    "暂无",
    "没有",
    "略",
    "无问题",
    "同上",
    "无内容",
    "不适用",
];

/// The first `most` characters of a narrative's text without headings,
/// spaces and punctuation (what the rules look at is its opening: a report
/// is tens of thousands of characters).
fn substance(markdown: &str, most: usize) -> String {
    markdown
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .flat_map(str::chars)
        .filter(|c| c.is_alphanumeric())
        .take(most)
        .collect()
}

/// SECTION-EMPTY: 一 and 五 are reported in prose; "无。" is not a report.
fn section_empty(report: &Report, out: &mut Vec<Diagnostic>) {
    for (key, what, text) in [
        (top::OVERVIEW, "第一部分“总体情况”", &report.overview),
        (
            top::PROBLEMS,
            "第五部分“存在的主要问题及改进情况”",
            &report.problems,
        ),
    ] {
        // One more than the longest of them: a longer text is none.
        let s = substance(&text.value, 4);
        if !s.is_empty() && NOTHING.contains(&s.as_str()) {
            out.push(
                Diagnostic::new_at(
                    codes::SECTION_EMPTY,
                    format!("{what}只写了“{}”", text.value.trim()),
                    text.span,
                    path::field(key),
                )
                .help(if key == top::OVERVIEW {
                    "总体情况须概述本年主动公开、依申请公开、政府信息管理、平台建设和监督保障的情况"
                } else {
                    "写明上年度问题的整改情况、本年存在的主要问题和改进措施"
                }),
            );
        }
    }
}

/// OTHER-ITEMS: from 2021, reports customarily cover 落实工作要点,
/// 建议提案办理 and 政务公开创新 (FORMAT.md §1.4); an item whose heading
/// stands over nothing but plans is not reported.
fn other_items(report: &Report, file: &SourceFile, out: &mut Vec<Diagnostic>) {
    if report.edition() != Edition::E2021 || report.year.value < 2021 {
        return;
    }
    let mut missing: Vec<&str> = Vec::new();
    for item in &official::OTHER_ITEMS {
        match super::items::coverage(report, item) {
            Coverage::Reported => {}
            Coverage::Missing => missing.push(item.heading),
            Coverage::PlanOnly(heading, said) => out.push(
                Diagnostic::new_at(
                    codes::OTHER_ITEMS,
                    format!(
                        "第六部分“{heading}”下只写了打算：“{}”，没有写本年的情况",
                        crate::diag::quote_narrative(&said)
                    ),
                    file.locate(report.other.span, first_clause(&said), 0),
                    path::other_body(),
                )
                .help("写明本年实际做了什么、结果如何；本年没有的，写明“本年度未承办……”"),
            ),
        }
    }
    if missing.is_empty() {
        return;
    }
    out.push(
        Diagnostic::new_at(
            codes::OTHER_ITEMS,
            format!("报告中没有写{}", missing.join("、")),
            report.other.span,
            path::other_body(),
        )
        .note("2021 年度起各地通知普遍要求在第六部分报告这些事项；没有的也写明“本年度未承办……”")
        .absence()
        .help("在“其他事项.正文”中分项写明，例如 ### （二）人大代表建议和政协提案办理结果公开情况"),
    );
}

/// ASSESSMENT: a people's government's report carries the results of
/// 政务公开工作考核、社会评议和责任追究 (条例 art. 50(4)), in 一, 五 or 六:
/// a result, not only the practice (`纳入年度考核`).
fn assessment(report: &Report, file: &SourceFile, out: &mut Vec<Diagnostic>) {
    let judged = report.judged();
    if !judged.government {
        return;
    }
    let (message, span, key, absent) = match super::items::assessment(report) {
        Assessment::Given => return,
        Assessment::Absent => (
            format!("人民政府的年度报告没有写{}", official::ASSESSMENT_ITEM),
            report.overview.span,
            top::OVERVIEW,
            true,
        ),
        Assessment::NoResult(said, key) => {
            let quoted = crate::diag::quote_narrative(&said);
            let message =
                format!("人民政府的年度报告只写了“{quoted}”，没有写考核、社会评议和责任追究的结果");
            (message, located(report, file, key, &said), key, false)
        }
        Assessment::OtherYear(said, key, y) => {
            let quoted = crate::diag::quote_narrative(&said);
            let message = format!(
                "人民政府的年度报告只写了 {y} 年度的考核、评议或责任追究结果（“{quoted}”），没有写本年度的"
            );
            (message, located(report, file, key, &said), key, false)
        }
    };
    let message = format!("{message}（{}）", judged.short_text());
    let d = Diagnostic::new_at(codes::ASSESSMENT, message, span, key);
    out.push(
        if absent { d.absence() } else { d }
        .note(format!("本报告是人民政府的报告：{}", judged.basis_text()))
        .note("《条例》第五十条第（四）项；2021 版格式放在第一部分“监督保障”中，也可写在第五或第六部分")
        .help("写明结果，例如：年度政务公开考核结果为优秀；社会评议满意度为96%；全年未发生政务公开责任追究情况"),
    );
}

/// Where `said`, a sentence of the narrative `key`, stands in the file.
fn located(report: &Report, file: &SourceFile, key: &str, said: &str) -> crate::source::Span {
    let text = report
        .narratives()
        .into_iter()
        .find(|(k, _)| *k == key)
        .map_or(&report.overview, |(_, t)| t);
    file.locate(text.span, first_clause(said), 0)
}

/// The first clause of a quoted sentence, to find it in the source (a
/// sentence may run over lines there).
fn first_clause(sentence: &str) -> &str {
    sentence
        .split(['，', '；', '\n'])
        .next()
        .unwrap_or(sentence)
        .trim()
}

/// Shortest paragraph compared with last year's (shorter ones, such as
/// "无。" or a stock phrase, repeat legitimately).
const MIN_COPIED_CHARS: usize = 30;

/// COPY: last year's text left in this year's report.
fn copied(
    report: &Report,
    previous: Option<&Report>,
    file: &SourceFile,
    out: &mut Vec<Diagnostic>,
) {
    let y = report.year.value;
    if y == 0 {
        return;
    }
    let last = format!("{}年", y - 1);
    let overview = &report.overview;
    let opening = substance(&overview.value, last.chars().count() + 4);
    if opening.starts_with(&last) && !opening.starts_with(&format!("{last}度以来")) {
        out.push(
            Diagnostic::new_at(
                codes::COPY,
                format!("总体情况以“{last}”开头，这是 {y} 年度的报告"),
                file.locate(overview.span, &last, 0),
                path::field(top::OVERVIEW),
            )
            .help("是否沿用了上年的报告？请改写为本年的情况"),
        );
    }
    let Some(prev) = previous else { return };
    let prev_text: Vec<(&str, &Text)> = prev.narratives();
    // A paragraph still marked 沿用上年 has its own finding (TEXT-CARRIED).
    let still_carried = crate::model::carried::carried(report);
    for (key, text) in report.narratives() {
        let Some((_, before)) = prev_text.iter().find(|(k, _)| *k == key) else {
            continue;
        };
        // Compared as printed: a placeholder paragraph with this year's
        // figures is not last year's text.
        let old_text = resolved(prev, &before.value);
        let old: Vec<String> = paragraphs(&old_text).map(|(_, n)| n).collect();
        // Last year's paragraphs with every year moved on by one: a
        // paragraph equal to one of them is last year's with its years
        // changed (`2023年` → `2024年`), and nothing else.
        let moved: Vec<String> = old
            .iter()
            .map(|p| years_moved_on(p, prev.year.value))
            .collect();
        let mut repeated: Vec<&str> = Vec::new();
        let mut only_years: Vec<&str> = Vec::new();
        let mut last_years: Option<&str> = None;
        for (raw, _) in paragraphs(&text.value) {
            let now = resolved(report, raw);
            let n: String = now.chars().filter(|c| !c.is_whitespace()).collect();
            if old.contains(&n) {
                if !still_carried
                    .iter()
                    .any(|c| c.section == key && c.text == raw)
                {
                    repeated.push(raw);
                }
            } else if let Some(k) = moved.iter().zip(&old).position(|(m, o)| *m == n && m != o) {
                only_years.push(raw);
                last_years = last_years.or(old.get(k).map(String::as_str));
            }
        }
        let part = key.trim_end_matches(".正文");
        let place = |p: &str| file.locate(text.span, p.lines().next().unwrap_or(p).trim(), 0);
        if let Some(first) = repeated.first() {
            let which = which_paragraphs(&text.value, &repeated);
            let message = format!(
                "{part}中有 {} 段与上年报告一字不差（{which}）",
                repeated.len()
            );
            out.push(
                Diagnostic::new_at(codes::COPY, message, place(first), key)
                    .help("年度报告写本年的情况；确需沿用的表述请结合本年数字改写"),
            );
        }
        if let Some(first) = only_years.first() {
            let message = format!(
                "{part}中有 {} 段与上年报告只差年份（上年的段落把年份各加一年）",
                only_years.len()
            );
            out.push(
                Diagnostic::new_at(codes::XYEAR_PROSE, message, place(first), key)
                    .note(format!(
                        "上年报告的这一段：“{}”",
                        crate::diag::quote_narrative(last_years.unwrap_or_default())
                    ))
                    .help("只改了年份的段落仍是上年的情况：按本年的问题、措施和数字改写"),
            );
        }
    }
}

/// Which paragraphs of `markdown` the `repeated` ones are, counted as
/// TEXT-CARRIED counts them (`第 1、3 段`), at most eight.
fn which_paragraphs(markdown: &str, repeated: &[&str]) -> String {
    let all = crate::model::carried::paragraphs(markdown);
    let numbers: Vec<String> = repeated
        .iter()
        .filter_map(|r| all.iter().position(|p| p.text == *r))
        .map(|i| (i + 1).to_string())
        .collect();
    let more = if numbers.len() > 8 { "等" } else { "" };
    format!("第 {}{more} 段", numbers[..numbers.len().min(8)].join("、"))
}

/// `text` with each year from three before `year` through the year after
/// it moved on by one (`2023年` → `2024年` in a text of 2023).
fn years_moved_on(text: &str, year: i32) -> String {
    if year == 0 {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let digits = chars[i..]
            .iter()
            .take(4)
            .filter(|c| c.is_ascii_digit())
            .count();
        let bounded = (i == 0 || !chars[i - 1].is_ascii_digit())
            && chars.get(i + 4).is_none_or(|c| !c.is_ascii_digit());
        if digits == 4 && bounded {
            let written: String = chars[i..i + 4].iter().collect();
            if let Ok(y) = written.parse::<i32>()
                && (year - 3..=year + 1).contains(&y)
            {
                out.push_str(&(y + 1).to_string());
                i += 4;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// `markdown` with its placeholders replaced by the report's figures.
fn resolved(report: &Report, markdown: &str) -> String {
    crate::placeholder::substitute(report, markdown, |v| match v {
        crate::placeholder::Value::Text(t) => t.clone(),
        crate::placeholder::Value::Empty => String::new(),
    })
}

/// The paragraphs of a narrative long enough to compare: the raw text and
/// its form without spaces.
fn paragraphs(markdown: &str) -> impl Iterator<Item = (&str, String)> {
    markdown.split("\n\n").filter_map(|p| {
        let raw = p.trim();
        if raw.starts_with('#') {
            return None;
        }
        let norm: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
        (norm.chars().count() >= MIN_COPIED_CHARS).then_some((raw, norm))
    })
}
