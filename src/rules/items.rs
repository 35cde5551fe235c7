//! Where a report covers the customary items of section 六 and art.
//! 50(4)'s assessment results: as headings or sentences about them, in
//! the sections the notice puts them in, not as a word anywhere (创新 in
//! "创新不足", 建议 in "意见建议", next year's 工作要点).

use crate::claims::sentences;
use crate::find::Find;
use crate::model::Report;
use crate::model::official::CustomaryItem;
use crate::model::schema::top;
use crate::slice::Slice;

/// The sentences of a narrative with the headings they stand under.
struct Outline {
    /// (sentence, headings) pairs.
    sentences: Vec<(String, String)>,
}

fn outline(markdown: &str) -> Outline {
    let chars: Vec<char> = markdown.chars().collect();
    let sentences = sentences::split(&chars)
        .into_iter()
        .map(|s| (chars[s.range].iter().collect(), s.headings))
        .collect();
    Outline { sentences }
}

/// Words that say a thing is lacking or only planned: a sentence naming an
/// item this way does not report it.
const LACKING: [&str; 9] = [
    "不足", "不够", "缺乏", "不强", "欠缺", "有待", "薄弱", "不高", "较少",
];

/// Words that put a sentence in the future (a plan, not a result).
const PLANNED: [&str; 30] = [
    "下一步",
    "明年",
    "下一年",
    "下年度",
    "今后",
    "将进一步",
    "将继续",
    "将加强",
    "将持续",
    "将积极",
    "将认真",
    "将严格",
    "将不断",
    "将着力",
    "将全面",
    "将切实",
    "将深入",
    "将及时",
    "将做好",
    "将按照",
    "将在",
    "将把",
    "计划于",
    "计划在",
    "拟",
    "打算",
    "争取",
    "力争",
    "准备",
    "将于",
];

/// Whether a sentence is a plan: a word of the future or next year named.
fn is_plan(sentence: &str, year: i32) -> bool {
    // "下一步…", or a later year named ("按照2025年政务公开工作要点…" in the
    // 2024 report).
    PLANNED.iter().any(|w| sentence.has_word(w))
        || (year > 0 && sentences::years(sentence).iter().any(|(_, y)| *y > year))
}

/// Whether `phrase` names the item in `text` as what the text is about:
/// not lacking, not planned, not another year's.
fn names(text: &str, phrase: &str, year: i32) -> bool {
    text.match_indices(phrase).any(|(i, _)| {
        let after: String = text.slice_from(i + phrase.len()).chars().take(6).collect();
        let lacking = LACKING.iter().any(|w| after.has_word(w));
        let planned = PLANNED.iter().any(|w| text.slice_to(i).has_word(w));
        let other_year = (year > 0)
            && sentences::years(text.slice_to(i))
                .last()
                .is_some_and(|(_, y)| *y != year);
        // Not "创新不足", not "下一步将按照上级年度政务公开工作要点…", not
        // "本局将按照2025年政务公开工作要点做好相关工作" in the 2024 report.
        !(lacking || planned || other_year)
    })
}

/// How the report covers a customary item of section 六.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Coverage {
    /// A sentence reports it, or a heading names it and a sentence under
    /// it says what was done (or that there was nothing: `本年度未承办…`).
    Reported,
    /// A heading names it, but every sentence under it is a plan: the
    /// heading and what is written under it.
    PlanOnly(String, String),
    /// Nothing names it.
    Missing,
}

/// How the report covers `item`: a heading of section 六 or 一 naming it,
/// or a sentence there about it.
pub(super) fn coverage(report: &Report, item: &CustomaryItem) -> Coverage {
    let year = report.year.value;
    let mut plan: Option<(String, Vec<String>)> = None;
    for text in [&report.other, &report.overview] {
        let o = outline(&text.value);
        for (sentence, headings) in &o.sentences {
            // A sentence reports it ("本年度未承办人大代表建议和政协提案").
            if item.keywords.iter().any(|k| names(sentence, k, year)) {
                return Coverage::Reported;
            }
            if !item.keywords.iter().any(|k| names(headings, k, year)) {
                continue;
            }
            // A heading names it and a sentence under it says what was done
            // ("（三）政务公开工作创新情况" / "开通政务新媒体答问栏目。").
            if !is_plan(sentence, year) {
                return Coverage::Reported;
            }
            let heading = headings
                .rsplit(" / ")
                .next()
                .unwrap_or(headings)
                .to_string();
            match &mut plan {
                Some((h, said)) if *h == heading => said.push(sentence.clone()),
                Some(_) => {}
                // Only plans under the heading so far
                // ("（四）落实上级年度政务公开工作要点情况" /
                // "下一步将按照上级年度政务公开工作要点，逐项抓好落实。").
                None => plan = Some((heading, vec![sentence.clone()])),
            }
        }
    }
    match plan {
        Some((heading, said)) => Coverage::PlanOnly(heading, said.join("。")),
        None => Coverage::Missing,
    }
}

/// Words that give a result of 考核, 评议 or 责任追究, by which.
const RESULTS: [(&str, &[&str]); 3] = [
    (
        "考核",
        &[
            "结果", "得分", "评为", "等次", "优秀", "良好", "合格", "名列", "位列", "排名", "满分",
            "通过", "获评", "被评", "达标", "先进", "第一",
        ],
    ),
    (
        "评议",
        &[
            "满意",
            "%",
            "％",
            "结果",
            "好评",
            "得分",
            "优秀",
            "评价为",
            "认可",
        ],
    ),
    ("追究", &[]),
];

/// Negations that, before 责任追究 or 追究责任, give its result: none.
const NONE_PURSUED: [&str; 8] = [
    "未发生",
    "没有发生",
    "未出现",
    "没有",
    "未有",
    "不存在",
    "无一",
    "均未",
];

/// Whether `sentence` gives a result of 考核, 评议 or 责任追究 (not a
/// standing practice such as `纳入年度考核` or a plan).
fn gives_result(sentence: &str, year: i32) -> bool {
    // "下一步将把政务公开纳入考核".
    if is_plan(sentence, year) {
        return false;
    }
    RESULTS.iter().any(|(topic, words)| {
        let Some(at) = sentence.find(topic) else {
            return false;
        };
        // No result word but none pursued ("全年未发生政务公开责任追究情况"),
        // or a count of it; not "建立责任追究制度".
        if *topic == "追究" {
            let before = sentence.slice_to(at);
            let after: String = sentence.slice_from(at).chars().take(12).collect();
            return NONE_PURSUED.iter().any(|n| before.has_word(n))
                || after
                    .chars()
                    .any(|c| c.is_ascii_digit() || "零无".contains(c))
                || ["未开展", "未实施"].iter().any(|w| sentence.has_word(w));
        }
        // "未开展社会评议": what happened, not a practice.
        let after = sentence.slice_from(at);
        // "年度政务公开考核结果为优秀", "社会评议满意度为96%"; not "开展社会评议".
        words.iter().any(|w| after.has_word(w))
            || ["未开展", "未组织", "未进行"]
                .iter()
                .any(|w| sentence.slice_to(at).has_word(w))
    })
}

/// How a report gives art. 50(4)'s assessment results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Assessment {
    /// A sentence of 一, 五 or 六 gives a result of 考核, 评议 or 责任追究.
    Given,
    /// Sentences name them but give no result: the first such sentence
    /// and the data path of its text.
    NoResult(String, &'static str),
    /// Only another year's result is given (`2024年度全区政务公开考核中我镇
    /// 获评优秀` in the 2025 report, last year's sentence left): the
    /// sentence, its data path and the year.
    OtherYear(String, &'static str, i32),
    /// Nothing names them.
    Absent,
}

/// Whether the report gives art. 50(4)'s assessment results: a sentence of
/// 一, 五 or 六 with the result of 考核, 评议 or 责任追究 that is neither
/// planned nor another year's.
pub(super) fn assessment(report: &Report) -> Assessment {
    let year = report.year.value;
    let mut named: Option<(String, &'static str)> = None;
    let mut other_year: Option<(String, &'static str, i32)> = None;
    for (text, key) in [
        (&report.overview, top::OVERVIEW),
        (&report.problems, top::PROBLEMS),
        (&report.other, "其他事项.正文"),
    ] {
        for (sentence, _) in outline(&text.value).sentences {
            let topics = ["考核", "评议", "责任追究", "追究责任"];
            let mentions = topics.iter().any(|k| names(&sentence, k, year));
            if !mentions {
                // The result of a year the sentence names first.
                let first = sentences::years(&sentence).first().map(|(_, y)| *y);
                if let Some(y) = first.filter(|y| *y != year)
                    && topics.iter().any(|k| sentence.has_word(k))
                    && gives_result(&sentence, y)
                {
                    other_year.get_or_insert((sentence, key, y));
                }
                continue;
            }
            if gives_result(&sentence, year) {
                return Assessment::Given;
            }
            named.get_or_insert((sentence, key));
        }
    }
    match (named, other_year) {
        (Some((s, k)), _) => Assessment::NoResult(s, k),
        (None, Some((s, k, y))) => Assessment::OtherYear(s, k, y),
        (None, None) => Assessment::Absent,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_not_practices() {
        for s in [
            "年度政务公开考核结果为优秀",
            "社会评议满意度为96%",
            "全年未发生政务公开责任追究情况",
            "本年度未开展社会评议",
            "在全市考核中位列第三",
        ] {
            assert!(gives_result(s, 2024), "{s}");
        }
        for s in [
            "将政务公开纳入年度绩效考核",
            "开展社会评议",
            "建立责任追究制度",
            "下一步将把政务公开纳入考核",
        ] {
            assert!(!gives_result(s, 2024), "{s}");
        }
    }
}
