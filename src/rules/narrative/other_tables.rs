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

use crate::claims::numbers::{Figure, Unit};
use crate::claims::topic::{self, When};
use crate::find::Find;
use crate::model::schema::t2;
use crate::model::{Edition, Report};
use crate::slice::Slice;

/// A figure of 表二 or of the fee statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Target {
    /// A document figure of 表二: the row (规章 or 行政规范性文件) and what
    /// the verb says of the documents.
    Document(&'static str, DocFigure),
    /// 本年处理决定数量 of a row of 表二 (行政许可, 行政处罚, 行政强制,
    /// 2019 其他对外管理服务事项).
    Decisions(&'static str),
    /// 行政事业性收费 (2021, 万元); whether the text wrote 万元.
    AdminFees(bool),
    /// 收费通知件数.
    FeeNotices,
    /// 收费通知金额 (in 元 here).
    FeeNoticeAmount,
    /// 实际收取金额 (in 元 here).
    FeeCollected,
}

/// What a document figure counts, whichever edition's column holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DocFigure {
    /// Made this year: 2021 本年制发, 2019 本年新制作.
    Made,
    /// Repealed this year (2021 only).
    Repealed,
    /// In force (2021 only).
    Valid,
    /// Newly published this year (2019 only).
    Published,
    /// Published in all (2019 only).
    PublishedTotal,
}

const DOCUMENT_VERBS: [(&str, DocFigure); 16] = [
    ("制发", DocFigure::Made),
    ("制定", DocFigure::Made),
    ("出台", DocFigure::Made),
    ("印发", DocFigure::Made),
    ("发布", DocFigure::Made),
    ("新增", DocFigure::Made),
    ("新制作", DocFigure::Made),
    ("制作", DocFigure::Made),
    ("废止", DocFigure::Repealed),
    ("废除", DocFigure::Repealed),
    ("宣布失效", DocFigure::Repealed),
    ("失效", DocFigure::Repealed),
    ("有效", DocFigure::Valid),
    ("新公开", DocFigure::Published),
    ("对外公开总数", DocFigure::PublishedTotal),
    ("累计公开", DocFigure::PublishedTotal),
];

/// Other work on documents: its figures are not 表二's.
const OTHER_WORK: [&str; 13] = [
    "清理", "审核", "审查", "备案", "解读", "公开", "征求", "评估", "修改", "修订", "起草", "报送",
    "梳理",
];

/// The rows of 表二 counted in decisions, as prose names them.
const DECISION_ROWS: [(&str, &str); 6] = [
    ("行政许可", t2::LICENSING),
    ("行政处罚", t2::PENALTIES),
    // Without 行政: "作出许可决定8700余件".
    ("许可决定", t2::LICENSING),
    ("处罚决定", t2::PENALTIES),
    ("行政强制", t2::ENFORCEMENT),
    ("其他对外管理服务事项", t2::OTHER_SERVICES),
];

/// Words that may stand between a row's name and its figure
/// (`行政处罚决定共35件`), longest first.
const DECISION_WORDS: [&str; 22] = [
    // The year, said between the name and the figure ("行政许可决定全年超过1万件").
    "本年度",
    "全年",
    "本年",
    "年内",
    "当年",
    "处理决定数量",
    "决定数量",
    "处理决定",
    "决定书",
    "决定",
    "案件",
    "措施",
    "数量",
    "共计",
    "合计",
    "总计",
    "累计",
    "共",
    "为",
    "达",
    "的",
    "类",
];

/// Work before a row's name that makes its figure another count than the
/// decisions of the year: publishing them, applications, hearings, cases
/// about them, items reformed.
const NOT_DECISIONS: [&str; 24] = [
    "公开", "公示", "上网", "网上", "受理", "申请", "立案", "听证", "复议", "诉讼", "撤销", "清理",
    "梳理", "取消", "下放", "承接", "信息", "备案", "审查", "精简", "事项", "涉及", "咨询", "投诉",
];

/// What the figure `f` of a sentence is, from the sentence up to it
/// (`sentence_before`) and its clause before and after it (`clause`); `wan`
/// when an amount was written in 万元.
pub(super) fn target(
    f: &Figure,
    sentence_before: &str,
    (clause_before, clause_after): (&str, &str),
    year: i32,
    wan: bool,
) -> Option<Target> {
    // Another year's figure, or a part of another ("上年度收取信息处理费100元").
    if matches!(
        topic::last_time(sentence_before, year),
        Some(When::Last | When::Next | When::Other)
    ) || sentence_before.contains("其中")
        // "第三季度作出行政处罚决定712件", "2023年至2025年累计…".
        || topic::part_of_year(clause_before)
        || topic::several_years(sentence_before)
    {
        return None;
    }
    match f.unit {
        // "行政事业性收费1.5万元", else "共收取信息处理费200元".
        Unit::Yuan => admin_fees(clause_before, wan).or_else(|| {
            // 行政事业性收费 is 表二's, not the information-processing fee.
            let s = sentence_before.replace(ADMIN_FEES, "");
            fee_amount(&s, &clause_before.replace(ADMIN_FEES, ""))
        }),
        // "发出收费通知2件", "作出行政处罚决定48210件", "本年制发行政规范性文件2件".
        Unit::Count => fee_notices(clause_before)
            .or_else(|| {
                // The list may run over the clause's 、 ("行政许可、行政处罚决定共…"),
                // after the figure before it ("行政许可决定21件、行政处罚决定…"
                // lists one row a figure).
                let listed = sentence_before
                    .rsplit(['，', '；', ',', ';'])
                    .next()
                    .map(|l| l.rsplit(|c: char| c.is_ascii_digit()).next().unwrap_or(l));
                decisions(clause_before).filter(|_| !listed.is_some_and(several_rows))
            })
            .or_else(|| decisions_named_after(clause_before, clause_after))
            .or_else(|| document(sentence_before, clause_before)),
        Unit::Percent => None,
    }
}

const ADMIN_FEES: &str = "行政事业性收费";

fn names_fee(text: &str) -> bool {
    ["信息处理费", "收费", "费用"]
        .iter()
        .any(|w| text.has_word(w))
}

/// Whether `text` names the decisions of several rows of 表二 together
/// (`行政许可、行政处罚、行政强制决定共5191件`): no one row's count.
fn several_rows(text: &str) -> bool {
    let mut named: Vec<&str> = Vec::new();
    for (w, row) in DECISION_ROWS {
        if text.has_word(w) && !named.contains(&row) {
            named.push(row);
        }
    }
    named.len() > 1
}

/// The row of 表二 whose decisions `clause` counts: the row named last,
/// only words of [`DECISION_WORDS`] between it and the figure, and no
/// other work before it.
fn decisions(clause: &str) -> Option<Target> {
    let (at, name, row) = DECISION_ROWS
        .iter()
        .filter_map(|(w, row)| clause.rfind(w).map(|i| (i, *w, *row)))
        .max_by_key(|(i, _, _)| *i)?;
    if several_rows(clause) {
        return None;
    }
    // Other work on the decisions ("公开行政处罚决定30件", "受理行政许可申请130件").
    if NOT_DECISIONS
        .iter()
        .any(|w| clause.slice_to(at).has_word(w))
    {
        return None;
    }
    let mut rest = clause.slice_from(at + name.len());
    while !rest.is_empty() {
        // "行政许可处理决定数量为120件" reads on; "行政许可事项45件" stops.
        let w = DECISION_WORDS.iter().find(|w| rest.starts_with(*w))?;
        rest = rest.slice_from(w.len());
    }
    Some(Target::Decisions(row))
}

/// The row of 表二 whose decisions are named right after the figure
/// (`作出的1602件行政处罚决定`), with no other work on them before it
/// (`公开1602件行政处罚决定` is not).
fn decisions_named_after(clause_before: &str, clause_after: &str) -> Option<Target> {
    let after = clause_after.strip_prefix('的').unwrap_or(clause_after);
    let (name, row) = DECISION_ROWS.iter().find(|(w, _)| after.starts_with(w))?;
    let rest = after.slice_from(name.len());
    let decided = name.ends_with("决定")
        || ["决定", "处理决定", "案件"]
            .iter()
            .any(|w| rest.starts_with(w));
    let other_work = NOT_DECISIONS.iter().any(|w| clause_before.has_word(w));
    (decided && !other_work).then_some(Target::Decisions(row))
}

/// 行政事业性收费 named in the clause with only amount words before the
/// figure (`行政事业性收费1.5万元`, `行政事业性收费金额为1.5万元`).
fn admin_fees(clause: &str, wan: bool) -> Option<Target> {
    let at = clause.rfind(ADMIN_FEES)?;
    // Fees waived or listed, not collected ("行政事业性收费减免3万元").
    if ["减免", "免收", "取消", "停征", "清理", "公示", "目录"]
        .iter()
        .any(|w| clause.has_word(w))
    {
        return None;
    }
    let mut rest = clause.slice_from(at + ADMIN_FEES.len());
    while !rest.is_empty() {
        // "行政事业性收费金额为1.5万元".
        let w = [
            "收费金额",
            "金额",
            "总额",
            "收入",
            "共计",
            "合计",
            "共",
            "为",
            "达",
            "的",
        ]
        .iter()
        .find(|w| rest.starts_with(*w))?;
        rest = rest.slice_from(w.len());
    }
    Some(Target::AdminFees(wan))
}

fn fee_amount(sentence_before: &str, clause: &str) -> Option<Target> {
    // No fee named, or a fee not paid or waived (逾期, 未缴, 减免).
    if !names_fee(sentence_before)
        || ["逾期", "未缴", "未按", "减免", "免收"]
            .iter()
            .any(|w| clause.has_word(w))
    {
        return None;
    }
    // "信息处理费收费通知金额0.02万元".
    if clause.contains("通知") {
        Some(Target::FeeNoticeAmount)
    } else if ["收取", "实收", "收缴", "缴纳", "收费", "实际收"]
        .iter()
        .any(|w| clause.has_word(w))
    {
        // "共收取信息处理费200元".
        Some(Target::FeeCollected)
    } else {
        None
    }
}

fn fee_notices(clause: &str) -> Option<Target> {
    let named = ["收费通知", "缴费通知"].iter().any(|w| clause.has_word(w));
    // Notices not paid are not the notices sent
    // ("申请人逾期未按收费通知要求缴纳费用1件").
    let other = ["逾期", "未缴", "未按", "终止", "撤回"]
        .iter()
        .any(|w| clause.has_word(w));
    (named && !other).then_some(Target::FeeNotices)
}

fn document(sentence_before: &str, clause: &str) -> Option<Target> {
    // The document named last, but not 规章制度 ("修订规章制度3件").
    let row = [("规范性文件", t2::NORMATIVE), ("规章", t2::RULES)]
        .iter()
        .flat_map(|(w, row)| {
            sentence_before
                .places_of(w)
                .filter(|&i| !sentence_before.slice_from(i + w.len()).starts_with("制度"))
                .map(move |i| (i, *row))
        })
        .max_by_key(|(i, _)| *i)?
        .1;
    // The verb nearest the figure ("制定规范性文件3件，废止1件": repealed).
    let (end, cell) = DOCUMENT_VERBS
        .iter()
        .filter_map(|(w, cell)| clause.rfind(w).map(|i| (i + w.len(), *cell)))
        .max_by_key(|(end, _)| *end)?;
    // "公开规范性文件现行有效12件" is still the documents in force; the
    // publishing figures of 2019 are the table's own.
    let own = matches!(
        cell,
        DocFigure::Valid | DocFigure::Published | DocFigure::PublishedTotal
    );
    let other = |text: &str| OTHER_WORK.iter().any(|w| text.has_word(w));
    // Other work on the documents ("清理规范性文件30件", "公开规范性文件30件").
    if !own && other(clause) || own && other(clause.slice_from(end)) {
        return None;
    }
    Some(Target::Document(row, cell))
}

/// The cell of a document figure in `edition`'s 表二: row and cell keys.
fn document_cell(
    edition: Edition,
    row: &'static str,
    figure: DocFigure,
) -> Option<(&'static str, &'static str)> {
    let cell = match (edition, figure) {
        (Edition::E2021, DocFigure::Made) => t2::MADE,
        (Edition::E2021, DocFigure::Repealed) => t2::REPEALED,
        (Edition::E2021, DocFigure::Valid) => t2::VALID,
        (Edition::E2019, DocFigure::Made) => t2::MADE_2019,
        (Edition::E2019, DocFigure::Published) => t2::PUBLISHED_2019,
        (Edition::E2019, DocFigure::PublishedTotal) => t2::TOTAL_2019,
        _ => return None,
    };
    let row = match (edition, row) {
        (Edition::E2019, t2::NORMATIVE) => t2::NORMATIVE_2019,
        _ => row,
    };
    Some((row, cell))
}

/// The label of a cell as printed in the edition's 表二.
fn cell_label(cell: &str) -> &str {
    match cell {
        t2::MADE => "本年制发件数",
        t2::REPEALED => "本年废止件数",
        t2::VALID => "现行有效件数",
        t2::MADE_2019 => "本年新制作数量",
        t2::PUBLISHED_2019 => "本年新公开数量",
        t2::TOTAL_2019 => "对外公开总数量",
        t2::DECISIONS => "处理决定数量",
        other => other,
    }
}

/// The whole number of a 表二 cell, with its name for a message.
fn t2_count(
    report: &Report,
    row: &'static str,
    cell: Option<&'static str>,
) -> Option<(i128, String)> {
    let v = report.table2.get(report.edition(), row, cell)?;
    let n = v.number.value.as_i128()?;
    let name = match cell {
        Some(c) => format!("表二“{row}”的“{}”", cell_label(c)),
        None => format!("表二“{row}”的“本年处理决定数量”"),
    };
    Some((n, name))
}

/// The cell `target` is, as a placeholder names it; `None` where no one
/// cell prints what the text wrote (fee amounts in 元, a 万元 cell written
/// in 元, rows this edition lacks).
pub(super) fn cell(report: &Report, target: Target) -> Option<String> {
    let ed = report.edition();
    match target {
        Target::Document(row, figure) => {
            let (row, cell) = document_cell(ed, row, figure)?;
            Some(crate::model::path::table2(row, Some(cell)))
        }
        Target::Decisions(row) => match ed {
            Edition::E2021 if row == t2::OTHER_SERVICES => None,
            Edition::E2021 => Some(crate::model::path::table2(row, None)),
            Edition::E2019 => Some(crate::model::path::table2(row, Some(t2::DECISIONS))),
        },
        Target::AdminFees(true) if ed == Edition::E2021 => {
            Some(crate::model::path::table2(t2::FEES, None))
        }
        Target::FeeNotices => Some(crate::model::path::fee("收费通知件数")),
        Target::AdminFees(_) | Target::FeeNoticeAmount | Target::FeeCollected => None,
    }
}

/// The whole number of the 表二 cell a count `target` (documents or
/// decisions) stands for, with its name for a message; `None` for other
/// targets, an empty cell or a row this edition lacks.
pub(super) fn count(report: &Report, target: Target) -> Option<(u64, String)> {
    let ed = report.edition();
    let (row, cell) = match target {
        Target::Document(row, figure) => {
            let (row, cell) = document_cell(ed, row, figure)?;
            (row, Some(cell))
        }
        Target::Decisions(row) => match ed {
            Edition::E2021 if row == t2::OTHER_SERVICES => return None,
            Edition::E2021 => (row, None),
            Edition::E2019 => (row, Some(t2::DECISIONS)),
        },
        _ => return None,
    };
    let (n, name) = t2_count(report, row, cell)?;
    Some((u64::try_from(n).ok()?, name))
}

/// The table's value of `target`, as written for a message, and whether
/// the text's `written` agrees with it; `None` when the cell is empty or
/// not in this edition.
pub(super) fn compare(
    report: &Report,
    target: Target,
    written: f64,
    decimals: u32,
) -> Option<(bool, String, String)> {
    let ed = report.edition();
    match target {
        Target::Document(row, figure) => {
            let (row, cell) = document_cell(ed, row, figure)?;
            let (n, name) = t2_count(report, row, Some(cell))?;
            Some((n as f64 == written, n.to_string(), name))
        }
        Target::Decisions(row) => {
            let cell = match ed {
                Edition::E2021 if row == t2::OTHER_SERVICES => return None,
                Edition::E2021 => None,
                Edition::E2019 => Some(t2::DECISIONS),
            };
            let (n, name) = t2_count(report, row, cell)?;
            Some((n as f64 == written, n.to_string(), name))
        }
        Target::AdminFees(wan) => {
            if ed != Edition::E2021 {
                return None;
            }
            let v = report.table2.get(ed, t2::FEES, None)?;
            let table: f64 = v.number.value.to_string().parse().ok()?;
            // Within the rounding of what was written, in its own unit.
            let (t, w) = if wan {
                (table, written / 10_000.0)
            } else {
                (table * 10_000.0, written)
            };
            let ok = (t - w).abs() <= 0.5 * 10f64.powi(-(decimals as i32)) + 1e-9;
            Some((
                ok,
                format!("{} 万元", v.number.value),
                "表二“行政事业性收费”的“本年收费金额”".into(),
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
            // The table's 万元 against the text's 元 ("收取信息处理费200元" for 0.02).
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
        let before = sentence.slice_to(at);
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
        let after = sentence.slice_from(at + figure.len());
        let after = after.split(['，', '；']).next().unwrap_or_default();
        target(
            &f,
            before,
            (before.slice_from(clause_start), after),
            2024,
            false,
        )
    }

    /// Several rows of decisions together are no one row's.
    #[test]
    fn decisions_of_several_rows_are_not_read() {
        assert!(decisions("作出行政许可、行政处罚、行政强制决定共").is_none());
        assert!(decisions("作出行政处罚决定").is_some());
    }

    /// A list of rows, each with its figure: every figure its row's.
    #[test]
    fn a_list_of_rows_with_their_figures() {
        let list = "作出行政许可决定2103456件、行政处罚决定933554件、实施行政强制6761次";
        for (figure, row) in [
            ("2103456件", t2::LICENSING),
            ("933554件", t2::PENALTIES),
            ("6761次", t2::ENFORCEMENT),
        ] {
            assert_eq!(
                of(list, figure, Unit::Count),
                Some(Target::Decisions(row)),
                "{figure}"
            );
        }
    }

    #[test]
    fn figures_of_other_tables() {
        use DocFigure::*;
        use Target::*;
        let c = Unit::Count;
        for (s, fig, unit, want) in [
            (
                "本年制发行政规范性文件2件",
                "2件",
                c,
                Some(Document(t2::NORMATIVE, Made)),
            ),
            (
                "制定规范性文件3件，废止1件",
                "1件",
                c,
                Some(Document(t2::NORMATIVE, Repealed)),
            ),
            (
                "现行有效规章12件",
                "12件",
                c,
                Some(Document(t2::RULES, Valid)),
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
            (
                "本年新制作规范性文件5件",
                "5件",
                c,
                Some(Document(t2::NORMATIVE, Made)),
            ),
            (
                "规范性文件本年新公开4件",
                "4件",
                c,
                Some(Document(t2::NORMATIVE, Published)),
            ),
            (
                "作出行政处罚决定48210件",
                "48210件",
                c,
                Some(Decisions(t2::PENALTIES)),
            ),
            // The decisions named after their number.
            (
                "作出的1602件行政处罚决定，均在七个工作日内公开",
                "1602件",
                c,
                Some(Decisions(t2::PENALTIES)),
            ),
            ("全年公开1602件行政处罚决定", "1602件", c, None),
            ("办理35件行政许可事项", "35件", c, None),
            // The year between the name and the figure; 行政 left out.
            (
                "行政强制措施本年度共12件",
                "12件",
                c,
                Some(Decisions(t2::ENFORCEMENT)),
            ),
            (
                "全年办理许可决定共3100件",
                "3100件",
                c,
                Some(Decisions(t2::LICENSING)),
            ),
            ("公开处罚决定书共40件", "40件", c, None),
            (
                "行政许可处理决定数量为120件",
                "120件",
                c,
                Some(Decisions(t2::LICENSING)),
            ),
            ("公开行政处罚决定30件", "30件", c, None),
            ("受理行政许可申请130件", "130件", c, None),
            ("行政许可事项45件", "45件", c, None),
            ("行政处罚案件听证2件", "2件", c, None),
            (
                "行政事业性收费1.5万元",
                "1.5万元",
                Unit::Yuan,
                Some(AdminFees(false)),
            ),
            ("行政事业性收费减免3万元", "3万元", Unit::Yuan, None),
        ] {
            assert_eq!(of(s, fig, unit), want, "{s}");
        }
    }
}
