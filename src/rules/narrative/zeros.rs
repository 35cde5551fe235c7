//! NARR for statements that something did not happen: the item a denial
//! governs must be zero in the tables or the fee statement.

use super::negation::{Denial, Item};
use super::reading::{Reading, at_text};
use super::tables;
use super::topic::{self, Category, When};
use crate::diag::Diagnostic;
use crate::model::schema::t2;
use crate::model::{Edition, Report, Text};
use crate::rules::sentences::Sentence;
use crate::source::SourceFile;

/// What the report's tables hold for a denied item: the figure (as
/// printed) and its name, when it is not zero. `None` when it is zero,
/// empty or not in this edition.
pub(super) fn contradiction(report: &Report, item: Item) -> Option<(String, String)> {
    match item {
        Item::Table(category) => {
            let (values, name) = tables::values(report, category)?;
            // Either the sum or the printed total at zero agrees.
            if values.contains(&0) {
                return None;
            }
            Some((values[0].to_string(), name))
        }
        // Resolved to a table figure before it gets here.
        Item::Requests => None,
        Item::FeeNotices => {
            let n = report.fee.as_ref()?.notices.as_ref()?.value;
            (n > 0).then(|| (n.to_string(), "信息处理费“收费通知件数”".into()))
        }
        Item::FeeCollected | Item::Fees => {
            let a = &report.fee.as_ref()?.collected.as_ref()?.value;
            (!a.is_zero()).then(|| (format!("{a} 万元"), "信息处理费“实际收取金额”".into()))
        }
        Item::Documents(which) => {
            let (row, cell) = which.split_once('.')?;
            let ed = report.edition();
            let (row, key) = match (ed, row == "规章", cell == "废止") {
                (Edition::E2021, rules, repealed) => (
                    if rules { t2::RULES } else { t2::NORMATIVE },
                    if repealed { t2::REPEALED } else { t2::MADE },
                ),
                // The 2019 table has no column of documents repealed.
                (Edition::E2019, _, true) => return None,
                (Edition::E2019, rules, false) => (
                    if rules { t2::RULES } else { t2::NORMATIVE_2019 },
                    t2::MADE_2019,
                ),
            };
            let v = report.table2.get(ed, row, Some(key))?;
            (!v.number.value.is_zero())
                .then(|| (v.number.value.to_string(), format!("表二“{row}”的“{key}”")))
        }
    }
}

/// Whether the denied item is about 政府信息公开 requests and cases, so
/// read only in sentences on that topic. Fees and documents name
/// themselves; so do the results of requests (`不予公开`, `无法提供`), and
/// 行政复议 and 行政诉讼 in a report on disclosure unless the sentence is
/// about other work (`行政处罚`, `执法`, `信访`: their cases are not
/// 表四's).
pub(super) fn needs_topic(d: &Denial, sentence: &str) -> bool {
    match d.item {
        // A result names itself ("未作出不予公开决定").
        Item::Table(Category::Result(_)) => false,
        // 表四's in a report on disclosure, unless other work is named
        // ("未发生因行政处罚引起的行政复议").
        Item::Table(Category::Reconsideration | Category::Litigation) => {
            OTHER_CASES.iter().any(|w| sentence.contains(w))
        }
        // "无结转至下一年度办理的申请": the carry-over of requests.
        Item::Table(Category::CarriedIn | Category::CarriedOut) => !sentence.contains("申请"),
        Item::Table(_) | Item::Requests => true,
        _ => false,
    }
}

/// Work whose cases of 行政复议 and 行政诉讼 are not those of 表四.
const OTHER_CASES: [&str; 12] = [
    "处罚",
    "执法",
    "许可",
    "征收",
    "强制",
    "信访",
    "复议机关",
    "征地",
    "拆迁",
    "行政行为",
    "审批",
    "行政决定",
];

/// Whether a denial of this category is about carried-over requests,
/// which a sentence naming 结转 may set apart ("除上年结转的外未收到申请").
pub(super) fn is_received(d: &Denial) -> bool {
    d.item == Item::Table(Category::Received)
}

/// Whether a denial is about the report year: no other year named before
/// it in its sentence, and (for requests received) no carry-over beside it.
pub(super) fn this_year(chars: &[char], sentence: &Sentence, d: &Denial, year: i32) -> bool {
    let before: String = chars[sentence.range.start..d.start].iter().collect();
    let whole: String = chars[sentence.range.clone()].iter().collect();
    // "除上年结转的外未收到申请": the carried-over requests are set apart.
    if is_received(d) && whole.contains("结转") {
        return false;
    }
    // Another year named before it ("上年度未收到申请").
    !matches!(
        topic::last_time(&before, year),
        Some(When::Last | When::Next | When::Other)
    )
}

/// A table figure that contradicts a denial: its value and its name.
type Found = (String, String);

/// NARR for what the text says did not happen while the tables count it:
/// one diagnostic per statement, naming every item it wrongly denies.
pub(super) fn denied(
    reading: &Reading<'_>,
    denials: &[Denial],
    place: (&SourceFile, &str, &Text),
    out: &mut Vec<Diagnostic>,
) {
    let mut said: Vec<Item> = Vec::new();
    let mut found: Vec<(usize, usize, Vec<Found>)> = Vec::new();
    for d in denials {
        if said.contains(&d.item) {
            continue;
        }
        said.push(d.item);
        let Some(c) = contradiction(reading.report, d.item) else {
            continue;
        };
        match found
            .iter_mut()
            .find(|(s, e, _)| *s == d.start && *e == d.end)
        {
            Some((_, _, list)) => list.push(c),
            None => found.push((d.start, d.end, vec![c])),
        }
    }
    for (start, end, list) in found {
        let quote: String = reading.original[start..end].iter().collect();
        let named: Vec<String> = list.iter().map(|(v, n)| format!("{n}是 {v}")).collect();
        let label: Vec<&str> = list.iter().map(|(v, _)| v.as_str()).collect();
        out.push(
            at_text(
                reading,
                place,
                start,
                end,
                format!("正文说“{quote}”，而{}", named.join("，")),
            )
            .label(format!("表格为 {}", label.join("、")))
            .help("核对表格；表格无误时改写正文，写明实际的件数"),
        );
    }
}
