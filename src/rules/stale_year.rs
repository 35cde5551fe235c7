//! COPY anywhere in the narrative: a clause that opens with last year
//! (`2023年，本局共主动公开……` in the 2024 report), the report year's work
//! written under last year's date, left from last year's report. The
//! opening of 总体情况 is `content`'s; a sentence that also names this
//! year (a contrast) or, in section 五, last year's problems, is not one.
//! A clause opening with a year two or more after the report's that states
//! work done (`2026年，共收到申请6件` in the 2024 report) cannot be this
//! report's either; plans (`将`, `计划`) are not work done.

use super::prose::{self, Cursor};
use crate::claims::sentences;
use crate::diag::limit::Capped;
use crate::diag::{Diagnostic, codes};
use crate::find::Find;
use crate::model::Report;
use crate::model::schema::top;
use crate::slice::Slice;
use crate::source::SourceFile;

/// Checks the preface and the three narratives.
pub(super) fn check(report: &Report, file: &SourceFile, out: &mut Vec<Diagnostic>) {
    let y = report.year.value;
    if y == 0 {
        return;
    }
    for (at, text) in report.narratives() {
        let (raw, mut masked) = prose::masked(&text.value);
        ascii_years(&mut masked);
        let mut capped = Capped::new();
        let mut cursor = Cursor::new(file, text.span);
        let skip_first = at == top::OVERVIEW;
        let split = sentences::split(&masked);
        for (k, s) in split.iter().enumerate() {
            let sentence: String = masked[s.range.clone()].iter().collect();
            // "2023年，本局受理申请12件。本年受理18件": last year named
            // to set this year against it in the next sentence.
            // Only a sentence under the same headings contrasts: the
            // next part's opening (`本年新收申请…` under 依申请公开) does not.
            let next = || -> String {
                split
                    .get(k + 1)
                    .filter(|n| n.headings == s.headings)
                    .map(|n| masked[n.range.clone()].iter().collect())
                    .unwrap_or_default()
            };
            let found = stale_clause(&sentence, y, at == top::PROBLEMS)
                .filter(|_| !contrasts(&next(), y))
                .map(|start| (start, y - 1))
                .or_else(|| future_clause(&sentence, y));
            let Some((start, year)) = found else {
                continue;
            };
            let from = s.range.start + sentence.slice_to(start).chars().count();
            let head: String = raw[from..s.range.end]
                .iter()
                .take_while(|c| **c != '\n')
                .take(8)
                .collect();
            // The overview's opening has its own finding (COPY, content.rs);
            // passed over, so that a later sentence opening the same way is
            // placed at its own line.
            if skip_first && k == 0 && sentence.slice_to(start).trim().is_empty() {
                cursor.next(&head);
                continue;
            }
            if !capped.room() {
                continue;
            }
            out.push(
                Diagnostic::new_at(
                    codes::COPY,
                    format!("“{head}”写的是 {year} 年的工作，这是 {y} 年度的报告"),
                    cursor.next(&head),
                    at,
                )
                .label(format!("应为 {y} 年？"))
                .help("是否沿用了上年的报告？写本年的情况，年份改为本年度；确是回顾上年的，写明“上年”"),
            );
        }
        out.extend(capped.rest(codes::COPY, text.span, at));
    }
}

/// Words of a plan: a clause with one of them states no work done.
const PLANS: [&str; 8] = ["将", "计划", "拟", "力争", "预计", "目标", "打算", "争取"];

/// Where in `sentence` (bytes) a clause opens with a year two or more
/// after the report's, stating work done; with that year.
fn future_clause(sentence: &str, y: i32) -> Option<(usize, i32)> {
    if PLANS.iter().any(|w| sentence.has_word(w)) {
        return None;
    }
    year_clauses(sentence)
        .find(|c| c.year >= y + 2 && c.after_stop && c.work)
        .map(|c| (c.start, c.year))
}

/// A year (`2024年`) in a sentence: where it starts (bytes), what comes
/// before it and whether what follows opens a statement of work.
struct YearClause<'s> {
    start: usize,
    year: i32,
    /// The sentence before the year, without spaces and `*`.
    before: &'s str,
    /// Whether the year opens the sentence or follows a stop or a comma.
    after_stop: bool,
    /// Whether a [`WORK_OPENERS`] word or the whole year's months
    /// (`1月至12月，`) follow the year (`年度` too).
    work: bool,
    /// Whether the year's end opens a statement after it (`底，`, `末共`,
    /// `12月31日，`).
    year_end: bool,
}

/// The years `sentence` names, in order.
fn year_clauses(sentence: &str) -> impl Iterator<Item = YearClause<'_>> {
    sentences::years(sentence).into_iter().map(|(end, year)| {
        let start = end - '年'.len_utf8() - 4;
        let before = sentence
            .slice_to(start)
            .trim_end_matches(|c: char| c.is_whitespace() || c == '*');
        let after = sentence.slice_from(end);
        let after = after.strip_prefix('度').unwrap_or(after);
        YearClause {
            start,
            year,
            before,
            after_stop: before.is_empty() || before.ends_with(['，', '；', '：', ',', '。']),
            work: WORK_OPENERS.iter().any(|w| after.starts_with(w))
                || WHOLE_YEAR.iter().any(|w| after.starts_with(w)),
            year_end: ["底", "末", "12月31日"].iter().any(|w| {
                after
                    .strip_prefix(w)
                    .is_some_and(|rest| WORK_OPENERS.iter().any(|o| rest.starts_with(o)))
            }),
        }
    })
}

/// What follows the year when a clause states that year's work.
const WORK_OPENERS: [&str; 8] = ["，", ",", "全年", "共", "内", "本局", "我局", "本机关"];

/// The year's months after a year (`2023年1月至12月，`): its whole work.
const WHOLE_YEAR: [&str; 6] = [
    "1月至12月",
    "1月到12月",
    "1—12月",
    "1-12月",
    "1～12月",
    "1月—12月",
];

/// Words of a sentence about last year's problems (section 五 reviews them).
const REVIEW: [&str; 4] = ["问题", "整改", "不足", "差距"];

/// Whether `sentence` names the report's year (`2024年`, `本年`, `今年`)
/// or sets a figure against last year's (`同比`, `较上年`).
fn names_this_year(sentence: &str, y: i32) -> bool {
    let this_year = ["本年", "今年", "本年度"];
    sentence.contains(&format!("{y}年")) || this_year.iter().any(|w| sentence.has_word(w))
}

/// Whether the sentence after one about last year sets this year against
/// it: it names this year, or compares (`同比`, `较上年`).
fn contrasts(next: &str, y: i32) -> bool {
    names_this_year(next, y)
        || ["同比", "较上年", "比上年", "与上年相比"]
            .iter()
            .any(|w| next.has_word(w))
}

/// Where in `sentence` (bytes) a clause opens with last year stating its
/// work, unless the sentence names this year too or reviews problems.
fn stale_clause(sentence: &str, y: i32, problems: bool) -> Option<usize> {
    if names_this_year(sentence, y) || problems && REVIEW.iter().any(|w| sentence.has_word(w)) {
        return None;
    }
    year_clauses(sentence)
        .find(|c| {
            // `重点是2023年…`: a short lead-in ending in 是 opens it too.
            let opens = c.after_stop || c.before.ends_with('是') && c.before.chars().count() <= 3;
            // `我局2023年共受理…`, `截至2023年底，…`: the agency or the
            // year's end before the year.
            let led = lead_in(c.before);
            let work = c.work || led == Some(Lead::Until) && c.year_end;
            c.year == y - 1 && (opens || led.is_some()) && work
        })
        .map(|c| c.start)
}

/// What stands between the clause's start and a year that still opens it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lead {
    /// The agency itself (`我局`, `本局于`).
    Agency,
    /// `截至`: the state at the year's end.
    Until,
}

/// The lead-in of a clause before its year, when it is only the agency
/// (`我局`, `本机关于`) or `截至`.
fn lead_in(before: &str) -> Option<Lead> {
    let clause = before
        .rsplit(['，', '；', '：', ',', '。'])
        .next()
        .unwrap_or(before);
    if ["截至", "截止", "截至到", "截止到", "截止至"].contains(&clause) {
        return Some(Lead::Until);
    }
    let agency = clause.strip_suffix(['于', '在']).unwrap_or(clause);
    AGENCY_WORDS.contains(&agency).then_some(Lead::Agency)
}

/// How an agency names itself in its report.
const AGENCY_WORDS: [&str; 22] = [
    "我局",
    "本局",
    "本机关",
    "我机关",
    "我委",
    "本委",
    "我办",
    "本办",
    "我单位",
    "本单位",
    "本部门",
    "我部门",
    "我县",
    "本县",
    "我区",
    "本区",
    "我市",
    "本市",
    "我镇",
    "本镇",
    "我乡",
    "本乡",
];

/// `masked` with full-width digits and four Chinese numerals before 年
/// (`２０２３年`, `二〇二三年`) written in ASCII digits, character for
/// character, so that years are found in every way a clerk types them.
fn ascii_years(masked: &mut [char]) {
    for c in masked.iter_mut() {
        if ('０'..='９').contains(c) {
            *c = char::from_digit(*c as u32 - '０' as u32, 10).unwrap_or(*c);
        }
    }
    let numeral =
        |c: char| !c.is_ascii() && c != 'Ｏ' && crate::model::report::chinese_digit(c).is_some();
    let mut i = 0;
    while i + 4 < masked.len() {
        let run = &masked[i..i + 4];
        let starts = i == 0 || !(numeral(masked[i - 1]) || matches!(masked[i - 1], '十' | '百'));
        if starts && masked[i + 4] == '年' && run.iter().all(|c| numeral(*c)) {
            for c in &mut masked[i..i + 4] {
                let d = crate::model::report::chinese_digit(*c).unwrap_or(0);
                *c = char::from_digit(d, 10).unwrap_or('0');
            }
            i += 5;
        } else {
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_year_opening_a_clause_of_work_is_found() {
        assert!(stale_clause("2023年，本局共主动公开政府信息120条。", 2024, false).is_some());
        assert!(stale_clause("一是2023年度共办理申请6件。", 2024, false).is_some());
        assert!(stale_clause("按照要求，2023年全年开展培训3次。", 2024, false).is_some());
        // After the agency, at the year's end, over the year's months.
        assert!(stale_clause("我局2023年共受理申请41件。", 2024, false).is_some());
        assert!(stale_clause("本局于2023年共受理申请41件。", 2024, false).is_some());
        assert!(stale_clause("截至2023年底，我局共受理申请41件。", 2024, false).is_some());
        assert!(stale_clause("2023年1月至12月，主动公开信息218条。", 2024, false).is_some());
        // "截至2023年底出台的", "本局2023年以来": no statement of that year's work.
        for s in ["截至2023年底出台的办法已落实。", "本局2023年以来持续推进。"]
        {
            assert!(stale_clause(s, 2024, false).is_none(), "{s}");
        }
    }

    #[test]
    fn years_are_read_in_every_digit() {
        for (typed, want) in [
            ("二〇二三年，", "2023年，"),
            ("２０２３年，", "2023年，"),
            ("二○二三年", "2023年"),
            ("二零二三年", "2023年"),
            ("十二三四五年", "十二三四五年"),
            ("第二〇二三年", "第2023年"),
        ] {
            let mut chars: Vec<char> = typed.chars().collect();
            ascii_years(&mut chars);
            assert_eq!(chars.iter().collect::<String>(), want, "{typed}");
        }
    }

    #[test]
    fn comparisons_reviews_and_this_year_are_quiet() {
        for s in [
            "较2023年增加2件。",
            "2023年以来，持续推进。",
            "2023年底出台的办法已落实。",
            "2023年，本局开展培训2次；2024年，增至5次。",
            "2023年，本局完成改版，本年持续运行。",
            "2022年，本局共公开信息。",
        ] {
            assert!(stale_clause(s, 2024, false).is_none(), "{s}");
        }
        assert!(stale_clause("2023年，存在更新不及时的问题，已整改。", 2024, true).is_none());
        assert!(contrasts("本年受理18件，同比增长50%。", 2024));
        assert!(contrasts("受理18件，较上年增加6件。", 2024));
        assert!(!contrasts("全年办结率100%。", 2024));
    }

    #[test]
    fn a_year_that_cannot_be_this_reports_is_found() {
        assert_eq!(
            future_clause("2026年共收到政府信息公开申请6件。", 2024).map(|(_, y)| y),
            Some(2026)
        );
        for s in [
            "2026年，我们将继续完善平台。",
            "2025年，本局计划开展培训。",
            "2025年1月，本局公布了本报告。",
            "到2030年基本建成。",
        ] {
            assert!(future_clause(s, 2024).is_none(), "{s}");
        }
    }
}
