//! Which denials a sentence makes about this report's year and subject:
//! a denial of requests or cases read only where the sentence is about
//! them, and not when another year is named before it.

use super::negation::{Denial, Item};
use super::sentences::Sentence;
use super::topic::{self, Category, When};
use crate::find::Find;

/// Whether the denied item is about 政府信息公开 requests and cases, so
/// read only in sentences on that topic. Fees and documents name
/// themselves; so do the results of requests (`不予公开`, `无法提供`), and
/// 行政复议 and 行政诉讼 in a report on disclosure unless the sentence is
/// about other work (`行政处罚`, `执法`, `信访`: their cases are not
/// 表四's).
pub(crate) fn needs_topic(d: &Denial, sentence: &str) -> bool {
    match d.item {
        // A result names itself ("未作出不予公开决定").
        Item::Table(Category::Result(_)) => false,
        // 表四's in a report on disclosure, unless other work is named
        // ("未发生因行政处罚引起的行政复议").
        Item::Table(Category::Reconsideration | Category::Litigation) => {
            OTHER_CASES.iter().any(|w| sentence.has_word(w))
        }
        // "无结转至下一年度办理的申请": the carry-over of requests.
        Item::Table(Category::CarriedIn | Category::CarriedOut) => !sentence.contains("申请"),
        Item::Table(_) | Item::Requests => true,
        _ => false,
    }
}

/// Whether a denial of 行政复议 or 行政诉讼 is about other work's cases
/// even under a heading on requests: the sentence names that work and not
/// disclosure (`全年作出行政处罚决定12件，均未引起行政复议和行政诉讼`).
pub(crate) fn other_work_cases(d: &Denial, sentence: &str) -> bool {
    matches!(
        d.item,
        Item::Table(Category::Reconsideration | Category::Litigation)
    ) && OTHER_CASES.iter().any(|w| sentence.has_word(w))
        && !["信息公开", "公开申请", "依申请"]
            .iter()
            .any(|w| sentence.has_word(w))
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
pub(crate) fn is_received(d: &Denial) -> bool {
    d.item == Item::Table(Category::Received)
}

/// Whether a denial is about the report year: no other year named before
/// it in its sentence, and (for requests received) no carry-over beside it.
pub(crate) fn this_year(chars: &[char], sentence: &Sentence, d: &Denial, year: i32) -> bool {
    let before: String = chars[sentence.range.start..d.start].iter().collect();
    let whole: String = chars[sentence.range.clone()].iter().collect();
    // "除上年结转的外未收到申请": the carried-over requests are set apart.
    if is_received(d) && whole.contains("结转") {
        return false;
    }
    // "没有结转至2026年办理的申请" in the 2025 report: carried out; into
    // the report year itself it is the carry-in, which another rule reads.
    if d.item == Item::Table(Category::CarriedOut) {
        let denied: String = chars[d.start..d.end].iter().collect();
        let named = topic::last_time(&denied, year);
        if named.is_some_and(|w| w != When::Next) && denied.contains("结转") {
            return false;
        }
    }
    // Another year named before it ("上年度未收到申请"); last year's
    // carry-over is this year's row ("上年无结转申请").
    let carried_in = d.item == Item::Table(Category::CarriedIn);
    match topic::last_time(&before, year) {
        Some(When::Last) => carried_in,
        Some(When::Next | When::Other) => false,
        _ => true,
    }
}
