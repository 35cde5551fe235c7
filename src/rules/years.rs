//! The year the narrative speaks of: a statistical period of another year
//! (PERIOD), a preface naming another year's report or a section 五
//! planning for the report year itself, both left from last year's report
//! (COPY), and a basis of the wrong format edition (EDITION).

use super::dates;
use crate::diag::{Diagnostic, Severity, codes};
use crate::find::Find;
use crate::model::schema::top;
use crate::model::{Report, Text, path};
use crate::slice::Slice;

use crate::source::SourceFile;

pub(super) fn check(report: &Report, file: &SourceFile, out: &mut Vec<Diagnostic>) {
    let y = report.year.value;
    if y == 0 {
        return;
    }
    for (key, text) in report.narratives() {
        if key == top::PREFACE || key == top::OVERVIEW {
            periods(report, file, key, text, out);
            basis(report, file, key, text, out);
        }
    }
    if let Some(preface) = &report.preface {
        reports_named(report, file, preface, out);
    }
    plans(report, file, out);
}

/// `markdown` with its placeholders replaced by the report's figures.
fn resolved(report: &Report, markdown: &str) -> String {
    crate::placeholder::substitute(report, markdown, |v| match v {
        crate::placeholder::Value::Text(t) => t.clone(),
        crate::placeholder::Value::Empty => String::new(),
    })
}

/// Most characters between the two dates of a period (`起至`, `—`, `，至`).
const MAX_JOIN: usize = 6;

/// The statistical periods written in `text`: a date on 1月1日 followed by
/// one on 12月31日. Returns (start, end) of each.
pub(super) fn period_ranges(text: &str) -> Vec<(dates::Found, dates::Found)> {
    let found = dates::find(text);
    found
        .windows(2)
        .filter(|w| {
            let (a, b) = (w[0], w[1]);
            a.month == 1
                && a.day == 1
                && b.month == 12
                && b.day == 31
                && b.start - a.end <= MAX_JOIN
        })
        .map(|w| (w[0], w[1]))
        .collect()
}

/// The first span of time written in `text` as two dates joined by `至`,
/// `到`, a dash or a tilde (`2024年1月1日至2024年6月30日`), whatever its
/// length; with the text it is written as.
pub(super) fn any_period(text: &str) -> Option<(dates::Found, dates::Found, String)> {
    let chars: Vec<char> = text.chars().collect();
    dates::find(text).windows(2).find_map(|w| {
        let (a, b) = (w[0], w[1]);
        let join: String = chars.get(a.end..b.start)?.iter().collect();
        let joined = b.start >= a.end
            && b.start - a.end <= MAX_JOIN
            && ['至', '到', '—', '-', '~', '～', '－', '–']
                .iter()
                .any(|c| join.contains(*c));
        joined.then(|| (a, b, chars[a.start..b.end].iter().collect()))
    })
}

/// PERIOD: a statistical period whose start or end is not in the report
/// year, in the preface or in 总体情况.
fn periods(report: &Report, file: &SourceFile, key: &str, text: &Text, out: &mut Vec<Diagnostic>) {
    let y = report.year.value;
    let value = resolved(report, &text.value);
    let chars: Vec<char> = value.chars().collect();
    for (a, b) in period_ranges(&value) {
        let start_year = a.year.unwrap_or(y);
        let end_year = b.year.unwrap_or(start_year);
        if start_year == y && end_year == y {
            continue;
        }
        let written: String = chars[a.start..b.end].iter().collect();
        out.push(
            Diagnostic::new(
                codes::PERIOD,
                format!("统计期限写的是“{written}”，报告年度是 {y} 年"),
            )
            .at(file.locate(text.span, &written, 0))
            .path(key)
            .label(format!("应为 {y}年1月1日至{y}年12月31日"))
            .help("是否沿用了上年的报告？统计期限是报告年度的 1 月 1 日至 12 月 31 日"),
        );
    }
}

/// Where `needle` is in the resolved text, for a place in the source: the
/// literal when it is there, else the text.
fn place(file: &SourceFile, text: &Text, needle: &str) -> crate::source::Span {
    file.locate(text.span, needle, 0)
}

/// COPY: a preface naming another year's report (`现公布2023年度政府信息
/// 公开工作年度报告` in the 2024 report). A year inside 《…》 names a
/// document cited (`《关于做好2020年度政府信息公开工作年度报告编制…的通知》`).
fn reports_named(report: &Report, file: &SourceFile, preface: &Text, out: &mut Vec<Diagnostic>) {
    let y = report.year.value;
    let value = resolved(report, &preface.value);
    for (end, year) in crate::claims::sentences::years(&value) {
        if year == y || inside_title_marks(value.slice_to(end)) {
            continue;
        }
        let rest = value.slice_from(end);
        let phrase: String = rest
            .chars()
            .take_while(|c| !"，。；、：:,（）()《》“”".contains(*c))
            .take(24)
            .collect();
        // "2023年度政府信息公开工作年度报告": the year names the report.
        let Some(at) = phrase.find("报告") else {
            continue;
        };
        let phrase = phrase.slice_to(at + "报告".len());
        if ["要点", "方案", "通知", "意见", "月"]
            .iter()
            .any(|w| phrase.has_word(w))
        {
            continue;
        }
        let written = format!("{year}年{phrase}");
        out.push(
            Diagnostic::new(
                codes::COPY,
                format!("前言写的是“{written}”，这是 {y} 年度的报告"),
            )
            .at(place(file, preface, &written))
            .path(path::field(top::PREFACE))
            .label(format!("应为 {y} 年"))
            .help("是否沿用了上年的前言？请改为本年度"),
        );
    }
}

/// The number of the 2019 or 2021 notice as `compact` (a text without its
/// whitespace) writes it.
fn notice(compact: &str, year: &str, number: &str) -> Option<String> {
    let brackets = ['〔', '[', '［', '(', '（', '﹝', '【', '〈'];
    let closing = ['〕', ']', '］', ')', '）', '﹞', '】', '〉'];
    for (i, _) in compact.match_indices(year) {
        let before = compact.slice_to(i).chars().last()?;
        let after: String = compact
            .slice_from(i + year.len())
            .chars()
            .take(number.chars().count() + 2)
            .collect();
        let mut it = after.chars();
        let close = it.next()?;
        let tail: String = it.collect();
        if brackets.contains(&before) && closing.contains(&close) && tail.starts_with(number) {
            return Some(format!("{before}{year}{close}{number}"));
        }
    }
    None
}

/// EDITION: a 2021-or-later report citing the 2019 notice (国办公开办函
/// 〔2019〕60号) as its basis instead of the 2021 one, or a 2019/2020
/// report citing the 2021 notice, which did not exist yet.
fn basis(report: &Report, file: &SourceFile, key: &str, text: &Text, out: &mut Vec<Diagnostic>) {
    let y = report.year.value;
    let value = resolved(report, &text.value);
    let compact: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    let old = notice(&compact, "2019", "60号");
    let new = notice(&compact, "2021", "30号");
    let (cited, right) = match (y >= 2021, old, new) {
        (true, Some(old), None) => (old, "国办公开办函〔2021〕30号"),
        (false, None, Some(new)) if y < 2021 => (new, "国办公开办函〔2019〕60号"),
        _ => return,
    };
    out.push(
        Diagnostic::new(
            codes::EDITION,
            format!("{y} 年度的报告引用的是{cited}，应依据{right}"),
        )
        .severity(Severity::Warning)
        .at(place(file, text, &cited))
        .path(key)
        .note("2019 版格式（国办公开办函〔2019〕60号）用于 2019、2020 年度；2021 版（国办公开办函〔2021〕30号，2021年9月印发）用于 2021 年度起")
        .help("是否沿用了旧的前言？请改为现行格式的通知"),
    );
}

/// Words that make a sentence a plan.
const PLAN: [&str; 12] = [
    "将继续",
    "将进一步",
    "将持续",
    "将着力",
    "将重点",
    "将不断",
    "将切实",
    "将全面",
    "将从",
    "将在",
    "计划",
    "打算",
];

/// COPY: a plan for the report year itself ("2024年，我们将…" in the 2024
/// report), left from last year's report: in section 五 any sentence
/// planning with the year; elsewhere only the plain future (`2024年将继续`,
/// `将于2024年底前完成`), as a review of the year may quote its plans.
fn plans(report: &Report, file: &SourceFile, out: &mut Vec<Diagnostic>) {
    let y = report.year.value;
    for (key, text) in report.narratives() {
        if key == top::PREFACE {
            continue;
        }
        let problems = key == top::PROBLEMS;
        let value = resolved(report, &text.value);
        let chars: Vec<char> = value.chars().collect();
        for s in crate::claims::sentences::split(&chars) {
            let sentence: String = chars[s.range].iter().collect();
            let Some(end) = planned_year(&sentence, y, problems) else {
                continue;
            };
            let head: String = sentence
                .slice_from(end - 4 - '年'.len_utf8())
                .chars()
                .take(8)
                .collect();
            let what = if problems {
                "第五部分".to_string()
            } else {
                key.trim_end_matches(".正文").to_string()
            };
            out.push(
                Diagnostic::new(
                    codes::COPY,
                    format!("{what}为 {y} 年作打算，而这是 {y} 年度的报告"),
                )
                .at(place(file, text, &head))
                .path(key)
                .label(format!("应为 {} 年", y + 1))
                .help("打算写下一年度的；是否沿用了上年的报告？"),
            );
        }
    }
}

/// Words before a year that make it a plan's (`将于2024年底前`).
const PLAN_BEFORE: [&str; 4] = ["将于", "将在", "拟于", "拟在"];
/// Words right after a year (and `度`, `，`) that make it a plan's
/// (`2024年将继续`).
const PLAN_AFTER: [&str; 4] = ["将", "拟", "计划将", "力争"];

/// Where the report year `y` ends in `sentence` when the sentence plans
/// for it; in section 五 (`problems`) any plan word near after it counts.
fn planned_year(sentence: &str, y: i32, problems: bool) -> Option<usize> {
    crate::claims::sentences::years(sentence)
        .into_iter()
        .find(|&(end, year)| {
            let after = sentence.slice_from(end);
            let start = end - 4 - '年'.len_utf8();
            let before = sentence.slice_to(start);
            if year != y || after.starts_with('年') || inside_title_marks(before) {
                return false;
            }
            if problems {
                let window: String = after.chars().take(14).collect();
                return window.starts_with("工作打算")
                    || window.starts_with("工作计划")
                    || window.starts_with("度工作打算")
                    || window.starts_with("度工作计划")
                    || PLAN.iter().any(|w| window.has_word(w));
            }
            let next = after.trim_start_matches(['度', '，', ',']);
            PLAN_BEFORE.iter().any(|w| before.ends_with(w))
                || PLAN_AFTER.iter().any(|w| next.starts_with(w))
        })
        .map(|(end, _)| end)
}

/// Whether the end of `before` stands inside 《…》: more opened than closed.
fn inside_title_marks(before: &str) -> bool {
    before.matches('《').count() > before.matches('》').count()
}

#[cfg(test)]
mod tests {
    use super::planned_year;

    #[test]
    fn a_plan_for_the_report_year_is_found() {
        for s in [
            "下一步，我队将于2025年底前完成公开目录梳理。",
            "已完成专栏改版，2025年将继续完善。",
            "2025年度拟开展一次培训。",
        ] {
            assert!(planned_year(s, 2025, false).is_some(), "{s}");
        }
        assert!(planned_year("2025年，我们将继续深化公开。", 2025, true).is_some());
    }

    #[test]
    fn work_done_plans_quoted_and_next_years_plans_are_quiet() {
        for s in [
            "印发《2025年度政务公开工作计划》，明确重点任务。",
            "按计划于2025年6月完成了专栏改版。",
            "2026年，我们将继续深化公开。",
            "2025年，全年共收到申请12件。",
            "已于2025年底前完成目录梳理。",
        ] {
            assert!(planned_year(s, 2025, false).is_none(), "{s}");
        }
    }
}
