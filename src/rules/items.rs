//! Where a report covers the customary items of section 六 and art.
//! 50(4)'s assessment results: as headings or sentences about them, in
//! the sections the notice puts them in, not as a word anywhere (创新 in
//! "创新不足", 建议 in "意见建议", next year's 工作要点).

use super::sentences;
use crate::model::Report;
use crate::model::official::CustomaryItem;

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
const PLANNED: [&str; 8] = [
    "下一步",
    "明年",
    "下一年",
    "将进一步",
    "将继续",
    "将加强",
    "计划于",
    "打算",
];

/// Whether `phrase` names the item in `text` as what the text is about:
/// not lacking, not planned, not another year's.
fn names(text: &str, phrase: &str, year: i32) -> bool {
    text.match_indices(phrase).any(|(i, _)| {
        let after: String = text[i + phrase.len()..].chars().take(6).collect();
        let lacking = LACKING.iter().any(|w| after.contains(w));
        let planned = PLANNED.iter().any(|w| text[..i].contains(w));
        let other_year = (year > 0)
            && sentences::years(&text[..i])
                .last()
                .is_some_and(|(_, y)| *y != year);
        !(lacking || planned || other_year)
    })
}

/// Whether the report covers `item`: a heading of section 六 or 一 naming
/// it, or a sentence there about it.
pub(super) fn covers(report: &Report, item: &CustomaryItem) -> bool {
    let year = report.year.value;
    [&report.other, &report.overview].into_iter().any(|text| {
        let o = outline(&text.value);
        o.sentences.iter().any(|(sentence, headings)| {
            item.keywords
                .iter()
                .any(|k| names(headings, k, year) || names(sentence, k, year))
        })
    })
}

/// Whether the report gives art. 50(4)'s assessment results: a sentence or
/// heading of 一, 五 or 六 about 考核, 评议 or 责任追究 that is neither
/// planned nor another year's.
pub(super) fn gives_assessment(report: &Report) -> bool {
    let year = report.year.value;
    [&report.overview, &report.problems, &report.other]
        .into_iter()
        .any(|text| {
            outline(&text.value)
                .sentences
                .iter()
                .any(|(sentence, headings)| {
                    ["考核", "评议", "责任追究"]
                        .iter()
                        .any(|k| names(sentence, k, year) || names(headings, k, year))
                })
        })
}
