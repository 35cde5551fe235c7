//! NARR for figures of the other tables written in any section: the
//! documents of 表二 (`本年制发行政规范性文件2件，废止1件，现行有效9件`) and
//! the information-processing fee (`发出收费通知2件`, `收取信息处理费200元`,
//! `实际收取0.02万元`).
//!
//! A document figure needs the document named before it in its sentence
//! (规范性文件 or 规章, not 规章制度) and a verb in its own clause that
//! says which column it is; figures of other work on documents (清理,
//! 审核, 备案, 解读) are not the table's. A fee figure needs the fee named
//! in its sentence and 收取 or 通知 in its clause.

use super::numbers::{Figure, Unit};
use super::topic::{self, When};
use crate::model::schema::t2;
use crate::model::{Edition, Report};

/// A figure of 表二 or of the fee statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Target {
    /// A document cell of 表二: row and cell keys.
    Document(&'static str, &'static str),
    /// 收费通知件数.
    FeeNotices,
    /// 收费通知金额 (in 元 here).
    FeeNoticeAmount,
    /// 实际收取金额 (in 元 here).
    FeeCollected,
}

const DOCUMENT_VERBS: [(&str, &str); 11] = [
    ("制发", t2::MADE),
    ("制定", t2::MADE),
    ("出台", t2::MADE),
    ("印发", t2::MADE),
    ("发布", t2::MADE),
    ("新增", t2::MADE),
    ("废止", t2::REPEALED),
    ("废除", t2::REPEALED),
    ("宣布失效", t2::REPEALED),
    ("失效", t2::REPEALED),
    ("有效", t2::VALID),
];

/// Other work on documents: its figures are not 表二's.
const OTHER_WORK: [&str; 13] = [
    "清理", "审核", "审查", "备案", "解读", "公开", "征求", "评估", "修改", "修订", "起草", "报送",
    "梳理",
];

/// What the figure `f` of a sentence is, from the sentence up to it
/// (`sentence_before`) and its clause before it (`clause_before`).
pub(super) fn target(
    f: &Figure,
    sentence_before: &str,
    clause_before: &str,
    year: i32,
) -> Option<Target> {
    if matches!(
        topic::last_time(sentence_before, year),
        Some(When::Last | When::Next | When::Other)
    ) || sentence_before.contains("其中")
    {
        return None;
    }
    match f.unit {
        Unit::Yuan => fee_amount(sentence_before, clause_before),
        Unit::Count => {
            fee_notices(clause_before).or_else(|| document(sentence_before, clause_before))
        }
        Unit::Percent => None,
    }
}

fn names_fee(text: &str) -> bool {
    ["信息处理费", "收费", "费用"]
        .iter()
        .any(|w| text.contains(w))
}

fn fee_amount(sentence_before: &str, clause: &str) -> Option<Target> {
    if !names_fee(sentence_before)
        || ["逾期", "未缴", "未按", "减免", "免收"]
            .iter()
            .any(|w| clause.contains(w))
    {
        return None;
    }
    if clause.contains("通知") {
        Some(Target::FeeNoticeAmount)
    } else if ["收取", "实收", "收缴", "缴纳", "收费", "实际收"]
        .iter()
        .any(|w| clause.contains(w))
    {
        Some(Target::FeeCollected)
    } else {
        None
    }
}

fn fee_notices(clause: &str) -> Option<Target> {
    let named = ["收费通知", "缴费通知"].iter().any(|w| clause.contains(w));
    let other = ["逾期", "未缴", "未按", "终止", "撤回"]
        .iter()
        .any(|w| clause.contains(w));
    (named && !other).then_some(Target::FeeNotices)
}

fn document(sentence_before: &str, clause: &str) -> Option<Target> {
    let row = [("规范性文件", t2::NORMATIVE), ("规章", t2::RULES)]
        .iter()
        .flat_map(|(w, row)| {
            sentence_before
                .match_indices(w)
                .filter(|(i, _)| !sentence_before[i + w.len()..].starts_with("制度"))
                .map(move |(i, _)| (i, *row))
        })
        .max_by_key(|(i, _)| *i)?
        .1;
    let cell = DOCUMENT_VERBS
        .iter()
        .filter_map(|(w, cell)| clause.rfind(w).map(|i| (i + w.len(), *cell)))
        .max_by_key(|(end, _)| *end)?
        .1;
    // "公开规范性文件现行有效12件" is still the documents in force.
    if cell != t2::VALID && OTHER_WORK.iter().any(|w| clause.contains(w)) {
        return None;
    }
    Some(Target::Document(row, cell))
}

/// The cell `target` is, as a placeholder names it; `None` for the fee
/// amounts (the text writes 元, the cell holds 万元).
pub(super) fn cell(target: Target) -> Option<String> {
    match target {
        Target::Document(row, cell) => Some(crate::model::path::table2(row, Some(cell))),
        Target::FeeNotices => Some(crate::model::path::fee("收费通知件数")),
        Target::FeeNoticeAmount | Target::FeeCollected => None,
    }
}

/// The table's value of `target`, as written for a message, and whether
/// the text's `written` agrees with it; `None` when the cell is empty or
/// not in this edition.
pub(super) fn compare(
    report: &Report,
    target: Target,
    written: f64,
) -> Option<(bool, String, String)> {
    match target {
        Target::Document(row, cell) => {
            if report.edition() != Edition::E2021 {
                return None;
            }
            let v = report.table2.get(Edition::E2021, row, Some(cell))?;
            let n = v.number.value.as_i128()?;
            Some((
                n as f64 == written,
                n.to_string(),
                format!("表二“{row}”的“{cell}”"),
            ))
        }
        Target::FeeNotices => {
            let n = report.fee.as_ref()?.notices.as_ref()?.value;
            Some((
                n as f64 == written,
                n.to_string(),
                "信息处理费“收费通知件数”".into(),
            ))
        }
        Target::FeeNoticeAmount | Target::FeeCollected => {
            let fee = report.fee.as_ref()?;
            let (amount, name) = if target == Target::FeeCollected {
                (fee.collected.as_ref()?, "信息处理费“实际收取金额”")
            } else {
                (fee.notice_amount.as_ref()?, "信息处理费“收费通知金额”")
            };
            let wan: f64 = amount.value.to_string().parse().ok()?;
            let yuan = wan * 10_000.0;
            Some((
                (yuan - written).abs() < 0.5,
                format!("{} 万元（{} 元）", amount.value, fmt_yuan(yuan)),
                name.into(),
            ))
        }
    }
}

fn fmt_yuan(v: f64) -> String {
    if v.fract().abs() < 1e-9 {
        format!("{v:.0}")
    } else {
        format!("{v:.2}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(sentence: &str, figure: &str, unit: Unit) -> Option<Target> {
        let at = sentence.find(figure).unwrap();
        let before = &sentence[..at];
        let clause_start = before
            .rfind(['，', '、', '；'])
            .map_or(0, |i| i + '，'.len_utf8());
        let f = Figure {
            start: 0,
            end: 0,
            value: 0.0,
            decimals: 0,
            unit,
        };
        target(&f, before, &before[clause_start..], 2024)
    }

    #[test]
    fn figures_of_other_tables() {
        use Target::*;
        let c = Unit::Count;
        for (s, fig, unit, want) in [
            (
                "本年制发行政规范性文件2件",
                "2件",
                c,
                Some(Document(t2::NORMATIVE, t2::MADE)),
            ),
            (
                "制定规范性文件3件，废止1件",
                "1件",
                c,
                Some(Document(t2::NORMATIVE, t2::REPEALED)),
            ),
            (
                "现行有效规章12件",
                "12件",
                c,
                Some(Document(t2::RULES, t2::VALID)),
            ),
            ("清理规范性文件30件", "30件", c, None),
            ("修订规章制度3件", "3件", c, None),
            ("公开规范性文件30件", "30件", c, None),
            ("发出收费通知2件", "2件", c, Some(FeeNotices)),
            ("申请人逾期未按收费通知要求缴纳费用1件", "1件", c, None),
            (
                "共收取信息处理费200元",
                "200元",
                Unit::Yuan,
                Some(FeeCollected),
            ),
            (
                "信息处理费收费通知金额0.02万元",
                "0.02万元",
                Unit::Yuan,
                Some(FeeNoticeAmount),
            ),
            ("上年度收取信息处理费100元", "100元", Unit::Yuan, None),
        ] {
            assert_eq!(of(s, fig, unit), want, "{s}");
        }
    }
}
