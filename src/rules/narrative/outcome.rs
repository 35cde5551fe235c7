//! NARR for what the text says came of the 行政复议 and 行政诉讼 cases
//! (`经复议维持原答复`, `均获维持`, `被纠正1件`, `尚未审结`, `均已审结`),
//! against the result columns of 表四.
//!
//! The case a sentence speaks of is the last of 复议 or 诉讼 it names
//! before the outcome word, else the one the previous sentence named.
//! With `均`/`全部` the outcome is every case's; without a figure, an
//! outcome says there was at least one such case; negated (`未被纠正`),
//! that there was none.

use crate::claims::numbers::{Figure, Unit};
use crate::claims::topic::{self, Category};
use crate::find::Find;
use crate::model::Report;
use crate::model::official::T4_COLUMNS;
use crate::slice::Slice;

/// 行政复议 or 行政诉讼 (both rows of 表四, or one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Case {
    /// 行政复议: row 0.
    Reconsideration,
    /// 行政诉讼: rows 1 and 2.
    Litigation,
    /// 行政诉讼 未经复议直接起诉: row 1.
    DirectLitigation,
    /// 行政诉讼 复议后起诉: row 2.
    LitigationAfterReview,
}

impl Case {
    /// The name of its row or rows of 表四, for a message.
    pub(super) fn name(self) -> &'static str {
        match self {
            Case::Reconsideration => "表四“行政复议”",
            Case::Litigation => "表四“行政诉讼”（两行之和）",
            Case::DirectLitigation => "表四“行政诉讼”中“未经复议直接起诉”",
            Case::LitigationAfterReview => "表四“行政诉讼”中“复议后起诉”",
        }
    }

    fn rows(self) -> &'static [usize] {
        match self {
            Case::Reconsideration => &[0],
            Case::Litigation => &[1, 2],
            Case::DirectLitigation => &[1],
            Case::LitigationAfterReview => &[2],
        }
    }

    /// The lawsuits of the row `text` names (`复议后又提起诉讼的4件中`),
    /// else both rows'.
    fn litigation_in(text: &str) -> Case {
        // "其中未经复议直接起诉2件、复议后起诉1件，法院判决维持2件": an
        // outcome after both groups, in a clause naming neither, is of both.
        let last = text.rsplit(['，', '；', ',', ';']).next().unwrap_or(text);
        let both =
            topic::DIRECT_LITIGATION.iter().any(|w| text.has_word(w)) && text.contains("复议后");
        if both && topic::litigation_group(last) == Category::Litigation {
            return Case::Litigation;
        }
        match topic::litigation_group(text) {
            Category::LitigationOf(1) => Case::DirectLitigation,
            Category::LitigationOf(2) => Case::LitigationAfterReview,
            _ => Case::Litigation,
        }
    }
}

/// Outcome words and the 表四 column they are (0 维持, 1 纠正, 2 其他结果,
/// 3 尚未审结), longest first within a column.
const OUTCOMES: [(&str, usize); 18] = [
    ("维持", 0),
    ("胜诉", 0),
    ("驳回原告", 0),
    ("败诉", 1),
    ("纠正", 1),
    ("撤销", 1),
    ("确认违法", 1),
    ("责令重新答复", 1),
    ("其他结果", 2),
    ("撤回", 2),
    ("终止", 2),
    ("尚未审结", 3),
    ("未审结", 3),
    ("尚未结案", 3),
    ("正在审理", 3),
    ("审理中", 3),
    ("尚在审理", 3),
    ("未结案", 3),
];

/// Words saying every case has been decided: no case is 尚未审结.
const ALL_DECIDED: [&str; 9] = [
    "均已审结",
    "全部审结",
    "均已结案",
    "已全部审结",
    "全部结案",
    "已审结",
    "已结案",
    // "都已经审结".
    "已经审结",
    "已经结案",
];

/// Words saying the outcome is every case's.
const ALL: [&str; 5] = ["均", "全部", "都", "一律", "全数"];

/// What a sentence states of one case kind's results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Statement {
    /// The case kind.
    pub case: Case,
    /// The column.
    pub column: usize,
    /// What the text says of it.
    pub claim: Claim,
    /// The characters of the statement, for the diagnostic.
    pub start: usize,
    /// One past the statement.
    pub end: usize,
}

/// What is said of a result column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Claim {
    /// Exactly this many (a figure).
    Exactly(u64),
    /// At least one.
    AtLeastOne,
    /// Every case.
    Every,
    /// None.
    Zero,
}

/// The case kind last named in `text`, if one.
pub(super) fn case_named(text: &str) -> Option<Case> {
    let r = text.rfind_word("复议");
    let l = ["诉讼", "起诉", "应诉"]
        .iter()
        .filter_map(|w| text.rfind_word(w))
        .max();
    match (r, l) {
        // Both named: the later one ("不服行政复议决定提起行政诉讼" is about the lawsuit).
        (Some(r), Some(l)) => Some(if l > r {
            Case::litigation_in(text)
        } else {
            Case::Reconsideration
        }),
        (Some(_), None) => Some(Case::Reconsideration),
        (None, Some(_)) => Some(Case::litigation_in(text)),
        (None, None) => None,
    }
}

/// The byte range of the clause of the outcome word at byte `b` of `s`: a
/// bracketed breakdown ("行政复议2件（维持1件、尚未审结1件）") gives each
/// outcome its own clause.
fn outcome_clause(s: &str, b: usize) -> (usize, usize) {
    let start = s
        .slice_to(b)
        .rfind(['，', '；', '：', '。', '、', '（', '('])
        .map_or(0, |i| {
            i + s.slice_from(i).chars().next().map_or(1, char::len_utf8)
        });
    let end = s
        .slice_from(b)
        .find(['，', '；', '。', '、', '）', ')'])
        .map_or(s.len(), |i| b + i);
    (start, end)
}

/// The count of `clause` (character indices) nearest before the outcome
/// word at `at` ("复议后起诉的16件有9件维持"), else the first after it
/// ("维持1件").
fn nearest_count<'f>(
    chars: &[char],
    figures: &[&'f Figure],
    clause: std::ops::Range<usize>,
    at: usize,
) -> Option<&'f Figure> {
    // "审结的5件中维持3件": the 5 hold the outcome's count, not it.
    let holding = |f: &Figure| chars.get(f.end) == Some(&'中');
    let in_clause = |f: &&&Figure| {
        f.unit == Unit::Count && f.start >= clause.start && f.end <= clause.end && !holding(f)
    };
    figures
        .iter()
        .rev()
        .filter(in_clause)
        .find(|f| f.end <= at)
        .or_else(|| figures.iter().filter(in_clause).find(|f| f.start >= at))
        .copied()
}

/// The characters `from..to` as text.
fn reading_before(chars: &[char], from: usize, to: usize) -> String {
    chars[from..to.max(from)].iter().collect()
}

/// Whether `text` names both kinds of case together last (`行政复议和行政
/// 诉讼中被纠正的共3件`): an outcome of both, no one row's.
fn both_named(text: &str) -> bool {
    let r = text.rfind("复议");
    let l = ["诉讼", "起诉", "应诉"]
        .iter()
        .filter_map(|w| text.rfind_word(w))
        .max();
    r.zip(l).is_some_and(|(r, l)| {
        let between = text.slice(r.min(l), r.max(l));
        between.chars().count() <= 6 && between.contains(['和', '及', '与', '、'])
    })
}

/// The outcome statements of one sentence (`chars[range]`), with the case
/// the previous sentence named.
pub(super) fn statements(
    chars: &[char],
    range: std::ops::Range<usize>,
    figures: &[&Figure],
    previous_case: Option<Case>,
) -> Vec<Statement> {
    let s: String = chars[range.clone()].iter().collect();
    // Cases carried over from last year are counted in other years
    // ("上年结转的行政复议1件已维持").
    if ["上年", "去年", "结转", "以前年度", "往年"]
        .iter()
        .any(|w| s.has_word(w))
    {
        return Vec::new();
    }
    let mut out = Vec::new();
    let byte_to_char = |b: usize| range.start + s.slice_to(b).chars().count();
    out.extend(all_decided(&s, previous_case, &byte_to_char));
    let mut taken: Vec<std::ops::Range<usize>> = Vec::new();
    for (w, column) in OUTCOMES {
        for (b, _) in s.match_indices(w) {
            // A longer word read already holds this one ("尚未审结" is not read again as "未审结").
            if taken.iter().any(|t| t.contains(&b)) {
                continue;
            }
            taken.push(b..b + w.len());
            // "行政复议1件，将继续维持良好的工作秩序": not an outcome.
            if w == "维持" && !maintained(s.slice_to(b), s.slice_from(b + w.len())) {
                continue;
            }
            // No case named here or before ("维持原答复" alone).
            let both = both_named(s.slice_to(b));
            let (clause_start, clause_end) = outcome_clause(&s, b);
            // "针对被纠正的1件复议案件": the case named after the outcome in
            // its clause, before the previous sentence's.
            let Some(case) = case_named(s.slice_to(b))
                .or_else(|| case_named(s.slice(b, clause_end)))
                .or(previous_case)
            else {
                continue;
            };
            let before = s.slice(clause_start, b);
            let (cs, ce) = (byte_to_char(clause_start), byte_to_char(clause_end));
            let mut figure = nearest_count(chars, figures, cs..ce, byte_to_char(b));
            // "维持、纠正分别为3件和1件": the results and the counts in turn.
            match respective_count(&s, b, figures, &byte_to_char) {
                Some(Some(f)) => figure = Some(f),
                Some(None) => continue,
                None => {}
            }
            let negated = column != 3
                && ["未", "没有", "无", "不存在"]
                    .iter()
                    .any(|n| before.has_word(n) && !before.contains("无法"));
            // "各有1件…被纠正": each one's, no column's.
            let each = figure.is_some_and(|f| reading_before(chars, cs, f.start).contains('各'));
            // "4件均维持原行政行为或驳回起诉": the count, or every case, is
            // of this result and another together.
            let joined = !negated
                && (joined_with_another(s.slice(b + w.len(), clause_end))
                    || joined_after_another(before));
            let claim = match figure {
                // "行政复议和行政诉讼中被纠正的共3件": both kinds' together.
                Some(_) if negated || each || both || joined => continue,
                None if joined => continue,
                // "其中被纠正1件".
                Some(f) => Claim::Exactly(f.value as u64),
                // "未被复议机关纠正".
                None if negated => Claim::Zero,
                // "发生行政诉讼2起，均获维持".
                None if ALL.iter().any(|a| before.contains(a)) => Claim::Every,
                // "经复议维持原答复".
                None => Claim::AtLeastOne,
            };
            // "行政复议、行政诉讼各1件，均维持原答复": said of each kind.
            let cases = if both {
                vec![Case::Reconsideration, Case::Litigation]
            } else {
                vec![case]
            };
            for case in cases {
                out.push(Statement {
                    case,
                    column,
                    claim,
                    start: cs.max(range.start),
                    end: ce,
                });
            }
        }
    }
    out
}

/// That every case of the kind `s` names (or the previous sentence did) is
/// decided, as the first word of [`ALL_DECIDED`] in `s` says: no case is
/// 尚未审结 (`行政复议3件，均已审结`; `1件已审结` is one of several).
fn all_decided(
    s: &str,
    previous_case: Option<Case>,
    to_char: &dyn Fn(usize) -> usize,
) -> Option<Statement> {
    let (b, w) = ALL_DECIDED.iter().find_map(|w| {
        s.find_word(w)
            .filter(|&b| !decided_with_figure(s, b, w))
            .map(|b| (b, *w))
    })?;
    Some(Statement {
        case: case_named(s.slice_to(b)).or(previous_case)?,
        column: 3,
        claim: Claim::Zero,
        start: to_char(b),
        end: to_char(b + w.len()),
    })
}

/// The count a result listed before 分别 is given in turn (`维持、纠正分别
/// 为3件和1件`: 纠正's is the 1件), within the clause between commas
/// around byte `b` of `s`: `Some(None)` when the counts do not pair with
/// the results, `None` without 分别.
fn respective_count<'f>(
    s: &str,
    b: usize,
    figures: &[&'f Figure],
    to_char: &dyn Fn(usize) -> usize,
) -> Option<Option<&'f Figure>> {
    let marks = ['，', '；', ',', ';'];
    let from = s
        .slice_to(b)
        .char_indices()
        .rev()
        .find(|(_, c)| marks.contains(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let to = s.slice_from(b).find(marks).map_or(s.len(), |i| b + i);
    let r = s.slice(b, to).find("分别").map(|r| b + r)?;
    let listed = listed_outcomes(s.slice(from, r));
    let (counts_from, counts_to) = (to_char(r), to_char(to));
    let counts: Vec<&Figure> = figures
        .iter()
        .filter(|f| f.unit == Unit::Count && f.start >= counts_from && f.end <= counts_to)
        .copied()
        .collect();
    Some(match listed.iter().position(|&p| from + p == b) {
        Some(k) if listed.len() == counts.len() => Some(counts[k]),
        _ => None,
    })
}

/// Where the outcome words of `text` start, in order, a longer word
/// holding a shorter one (`尚未审结`, not `未审结` in it) read once.
fn listed_outcomes(text: &str) -> Vec<usize> {
    let mut found: Vec<std::ops::Range<usize>> = Vec::new();
    for (w, _) in OUTCOMES {
        for at in text.match_indices(w).map(|(i, _)| i) {
            if !found.iter().any(|f| f.contains(&at)) {
                found.push(at..at + w.len());
            }
        }
    }
    let mut starts: Vec<usize> = found.into_iter().map(|f| f.start).collect();
    starts.sort_unstable();
    starts
}

/// Whether the outcome before `after` is joined to another by 或 or 和
/// with no count between (`维持原行政行为或驳回起诉`, `维持或撤回`), not
/// given its own (`维持3件、纠正1件`).
fn joined_with_another(after: &str) -> bool {
    let upto = after
        .find(is_count_char)
        .map_or(after, |i| after.slice_to(i));
    JOINS.iter().any(|j| {
        upto.find(j)
            .is_some_and(|i| names_an_outcome(upto.slice_from(i + j.len())))
    })
}

/// Whether the outcome after `before` is the second of two joined by 或 or
/// 和 with no count between (`均维持或终止`).
fn joined_after_another(before: &str) -> bool {
    let since = before
        .rfind(is_count_char)
        .map_or(before, |i| before.slice_from(i));
    JOINS
        .iter()
        .any(|j| since.strip_suffix(j).is_some_and(names_an_outcome))
}

/// Words joining two results of cases.
const JOINS: [&str; 4] = ["或", "和", "及", "、"];

/// Whether `text` names a result of cases (`驳回起诉` too).
fn names_an_outcome(text: &str) -> bool {
    text.contains("驳回") || OUTCOMES.iter().any(|(w, _)| text.has_word(w))
}

/// Whether `c` writes a count (a digit, or a Chinese numeral).
fn is_count_char(c: char) -> bool {
    c.is_ascii_digit() || "一二两三四五六七八九十".contains(c)
}

/// Whether 维持 between `before` and `after` is an outcome (`维持原答复`,
/// `予以维持`, `维持1件`, `结果为维持`), not keeping something up
/// (`维持良好秩序`).
fn maintained(before: &str, after: &str) -> bool {
    let next = after.chars().next();
    next.is_none_or(|c| !c.is_alphanumeric() || c.is_ascii_digit() || "原了的一两三".contains(c))
        || after.starts_with("决定")
        || after.starts_with("答复")
        || after.starts_with("行政")
        || [
            "予以", "获", "被", "均", "为", "复议", "判决", "结果", "全部", "都",
        ]
        .iter()
        .any(|w| before.ends_with(w))
}

/// Whether the clause of `s` around byte `b` has a count or says only
/// part was decided (`尚`, `未` right before).
fn decided_with_figure(s: &str, b: usize, word: &str) -> bool {
    let start = s
        .slice_to(b)
        .rfind(['，', '；', '。'])
        .map_or(0, |i| i + '，'.len_utf8());
    let end = s
        .slice_from(b)
        .find(['，', '；', '。'])
        .map_or(s.len(), |i| b + i);
    let clause = s.slice(start, end);
    (clause
        .chars()
        .any(|c| c.is_ascii_digit() || "一二两三四五六七八九十".contains(c))
        && !(all_of_the_count(s.slice(start, b), word)
            && !s.slice(b, end).contains(|c: char| c.is_ascii_digit())
            && !["截至", "截止"].iter().any(|w| s.slice_to(b).has_word(w))))
        || s.slice_to(b).ends_with('尚')
        || s.slice_to(b).ends_with('未')
}

/// Whether a decided word (`word`, after `before` from the clause's start)
/// says all the cases counted were decided: the case and its count open
/// the clause, then 均 or 全部 (`直接起诉的2件均已审结`, `行政复议3件全部
/// 审结`), not a part (`其中2件均已审结`).
fn all_of_the_count(before: &str, word: &str) -> bool {
    let head = before.trim_end_matches(['已', '经']);
    let all_before = ALL.iter().find_map(|a| head.strip_suffix(a));
    let all_in_word = ALL
        .iter()
        .any(|a| word.trim_start_matches('已').starts_with(a));
    if all_before.is_none() && !all_in_word {
        return false;
    }
    let head = all_before.unwrap_or(head).trim_end_matches("案件");
    let count = head.trim_end_matches(['件', '起', '宗', '个']);
    let opening = count.trim_end_matches(|c: char| c.is_ascii_digit());
    // Narrowed by a result, a stage, a date or a year ("复议维持的3件",
    // "一审判决的4件", "截至2026年1月", "2024年度的行政复议3件"): a part,
    // or another time than the tables'.
    let narrowed = [
        "其中", "有", "另", "余", "中", "维持", "纠正", "判决", "裁定", "审结", "结果", "一审",
        "二审", "截至", "截止", "年",
    ]
    .iter()
    .any(|w| opening.has_word(w));
    count.len() != opening.len()
        && count.len() != head.len()
        && case_named(opening).is_some()
        && !narrowed
}

/// Rate words of 表四 and the columns they count: `维持率` the 维持
/// column, `审结率` every column but 尚未审结.
const RATES: [(&str, &[usize]); 5] = [
    ("维持率", &[0]),
    ("纠正率", &[1]),
    ("胜诉率", &[0]),
    ("败诉率", &[1]),
    ("审结率", &[0, 1, 2]),
];

/// A rate of cases a sentence gives (`行政复议维持率为60%`) and what 表四
/// gives for it.
pub(super) struct CaseRate {
    /// The case the rate is of.
    pub case: Case,
    /// The rate word (`维持率`).
    pub word: &'static str,
    /// Each share 表四 gives for it, as (percent, numerator, denominator):
    /// of every case, and, but for `审结率`, of the cases decided.
    pub shares: Vec<(f64, u64, u64)>,
}

/// The rate of cases named last in `clause_before`, of the case the
/// sentence names before it (`sentence_before`) or the previous sentence
/// did.
pub(super) fn case_rate(
    report: &Report,
    clause_before: &str,
    sentence_before: &str,
    previous_case: Option<Case>,
) -> Option<CaseRate> {
    let (word, columns) = RATES
        .iter()
        .filter_map(|(w, c)| clause_before.rfind_word(w).map(|i| (i, *w, *c)))
        .max_by_key(|(i, _, _)| *i)
        .map(|(_, w, c)| (w, c))?;
    let case = case_named(sentence_before).or(previous_case).or_else(|| {
        ["胜诉率", "败诉率"]
            .contains(&word)
            .then_some(Case::Litigation)
    })?;
    let part = columns
        .iter()
        .try_fold(0u64, |acc, c| acc.checked_add(value(report, case, *c)?))?;
    let total = value(report, case, 4)?;
    let decided = total.checked_sub(value(report, case, 3)?)?;
    let mut bases = vec![total];
    if word != "审结率" && decided != total {
        bases.push(decided);
    }
    let shares: Vec<(f64, u64, u64)> = bases
        .into_iter()
        .filter(|d| *d > 0)
        .map(|d| (part as f64 * 100.0 / d as f64, part, d))
        .collect();
    (!shares.is_empty()).then_some(CaseRate { case, word, shares })
}

/// The figure of `column` (0–3) or the total (4) for `case`.
fn value(report: &Report, case: Case, column: usize) -> Option<u64> {
    case.rows().iter().try_fold(0u64, |acc, r| {
        let row = &report.table4.rows[*r];
        let v = if column == 4 {
            row.sum().or_else(|| row.total())?
        } else {
            row.column(column)?
        };
        acc.checked_add(v)
    })
}

/// What 表四 holds against a statement, in words, or `None` when it
/// agrees (or the cells are empty).
pub(super) fn contradiction(report: &Report, st: &Statement) -> Option<String> {
    let col = value(report, st.case, st.column)?;
    let total = value(report, st.case, 4)?;
    let name = st.case.name();
    let col_name = T4_COLUMNS[st.column];
    match st.claim {
        Claim::Exactly(n) if n != col => Some(format!("{name}“{col_name}”是 {col}")),
        // "经复议维持原答复" while 表四's 维持 is 0.
        Claim::AtLeastOne if col == 0 => Some(format!("{name}“{col_name}”是 0")),
        Claim::Zero if col > 0 => Some(format!("{name}“{col_name}”是 {col}")),
        // "均获维持" while 表四 counts no case.
        Claim::Every if total == 0 => Some(format!("{name}总计是 0")),
        // "均获维持" while some case was 纠正.
        Claim::Every if col != total => {
            Some(format!("{name}总计 {total} 件中“{col_name}”只有 {col} 件"))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(sentence: &str, previous: Option<Case>) -> Vec<(Case, usize, Claim)> {
        let chars: Vec<char> = sentence.chars().collect();
        let figures = crate::claims::numbers::figures(&chars);
        let refs: Vec<&Figure> = figures.iter().collect();
        statements(&chars, 0..chars.len(), &refs, previous)
            .into_iter()
            .map(|s| (s.case, s.column, s.claim))
            .collect()
    }

    #[test]
    fn results_listed_then_counted_in_turn() {
        use Case::*;
        use Claim::*;
        assert_eq!(
            claims("行政复议维持、纠正分别为3件和1件", None),
            [
                (Reconsideration, 0, Exactly(3)),
                (Reconsideration, 1, Exactly(1))
            ]
        );
        assert!(claims("行政复议维持、纠正分别为3件", None).is_empty());
    }

    #[test]
    fn outcomes_of_cases() {
        use Case::*;
        use Claim::*;
        assert_eq!(
            claims("经复议维持原答复", None),
            [(Reconsideration, 0, AtLeastOne)]
        );
        assert_eq!(
            claims("发生行政诉讼2起，均获维持", None),
            [(Litigation, 0, Every)]
        );
        assert_eq!(
            claims("其中被纠正1件", Some(Reconsideration)),
            [(Reconsideration, 1, Exactly(1))]
        );
        assert_eq!(
            claims("行政复议案件均已审结", None),
            [(Reconsideration, 3, Zero)]
        );
        assert_eq!(
            claims("未被复议机关纠正", Some(Reconsideration)),
            [(Reconsideration, 1, Zero)]
        );
        assert_eq!(
            claims("1件尚未审结", Some(Litigation)),
            [(Litigation, 3, Exactly(1))]
        );
        assert!(claims("上年结转的行政复议1件已维持", None).is_empty());
        assert!(claims("维持原答复", None).is_empty());
        assert!(claims("行政复议1件，将继续维持良好的工作秩序", None).is_empty());
        assert_eq!(claims("行政诉讼1件，已审结", None), [(Litigation, 3, Zero)]);
        // The case and its count, then 均 or 全部: all of them.
        assert_eq!(
            claims("未经复议直接起诉的2件均已审结", None),
            [(DirectLitigation, 3, Zero)]
        );
        assert_eq!(
            claims("行政复议3件全部审结", None),
            [(Reconsideration, 3, Zero)]
        );
        for part in [
            "复议维持的3件全部审结",
            "2024年度未经复议直接起诉的2件均已审结",
            "截至2026年1月，未经复议直接起诉的4件均已审结",
            "直接起诉4件均已审结3件",
            "行政诉讼3件，其中2件均已审结",
            "行政诉讼中2件均已审结",
            "复议后起诉的1件已审结",
        ] {
            assert!(claims(part, None).iter().all(|c| c.2 != Zero), "{part}");
        }
        assert!(
            claims("行政诉讼2件，其中1件已审结", None)
                .iter()
                .all(|c| c.1 != 3 || c.2 != Zero)
        );
        assert_eq!(
            claims("法院判决驳回原告诉讼请求", Some(Litigation)),
            [(Litigation, 0, AtLeastOne)]
        );
        // Both kinds together, or each one's.
        assert!(claims("行政复议和行政诉讼中被纠正的共3件", None).is_empty());
        // Two results together; each with its own count.
        for joined in [
            "行政诉讼审结的4件均维持原行政行为或驳回起诉",
            "行政复议3件，均维持或终止",
        ] {
            assert!(claims(joined, None).is_empty(), "{joined}");
        }
        assert_eq!(
            claims("行政复议4件，其中维持3件、纠正1件", None),
            [
                (Reconsideration, 0, Exactly(3)),
                (Reconsideration, 1, Exactly(1))
            ]
        );

        assert_eq!(
            claims("行政复议、行政诉讼各1件，均维持原答复", None),
            [(Reconsideration, 0, Every), (Litigation, 0, Every)]
        );
        assert!(claims("县政府各有1件信息公开答复被复议机关纠正", None).is_empty());
        // The count nearest before the outcome.
        assert_eq!(
            claims("审结的5件中维持3件", Some(Reconsideration)),
            [(Reconsideration, 0, Exactly(3))]
        );
        assert_eq!(
            claims("复议后起诉的16件有9件维持原答复", None),
            [(LitigationAfterReview, 0, Exactly(9))]
        );
        // One row of 行政诉讼, by the words before the outcome.
        assert_eq!(
            claims("复议后又提起诉讼的4件中，2件维持", None),
            [(LitigationAfterReview, 0, Exactly(2))]
        );
        assert_eq!(
            claims("未经复议直接起诉的行政诉讼都已经审结", None),
            [(DirectLitigation, 3, Zero)]
        );
    }

    /// Rates of cases: the column over every case, or over those decided.
    #[test]
    fn rates_of_cases() {
        use Case::{Litigation, Reconsideration};
        let mut report = crate::testutil::report(crate::model::Edition::E2021);
        let s = crate::source::Span::at(1, 1);
        for (row, cells) in
            report
                .table4
                .rows
                .iter_mut()
                .zip([[9, 2, 3, 4], [5, 1, 2, 3], [2, 0, 1, 1]])
        {
            row.cells = cells
                .iter()
                .map(|v| Some(crate::model::Located::new(*v, s)))
                .collect();
        }
        let rate = |clause: &str, sentence: &str, previous| {
            case_rate(&report, clause, sentence, previous).map(|r| {
                (
                    r.case,
                    r.word,
                    r.shares
                        .iter()
                        .map(|s| (s.0 * 10.0).round() / 10.0)
                        .collect::<Vec<_>>(),
                )
            })
        };
        assert_eq!(
            rate("行政复议维持率为", "行政复议维持率为", None),
            Some((Reconsideration, "维持率", vec![50.0, 64.3]))
        );
        assert_eq!(
            rate("纠正率", "其中纠正率", Some(Reconsideration)),
            Some((Reconsideration, "纠正率", vec![11.1, 14.3]))
        );
        assert_eq!(
            rate("审结率为", "行政诉讼审结率为", None),
            Some((Litigation, "审结率", vec![73.3]))
        );
        assert_eq!(rate("满意率为", "行政复议满意率为", None), None);
        assert_eq!(rate("维持率为", "维持率为", None), None);
    }
}
