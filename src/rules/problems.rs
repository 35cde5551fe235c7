//! PROBLEMS-CONTENT: section 五 read for what it says — a problem found
//! (not denied: `未发现存在问题` states none) and a measure taken or
//! planned. A 五 with neither is no report of problems and improvements,
//! however many words it has.

use crate::claims::sentences;
use crate::diag::{Diagnostic, codes};
use crate::find::Find;
use crate::model::schema::top;
use crate::model::{Report, path};
use crate::slice::Slice;

/// Words that state a shortcoming.
const PROBLEM: [&str; 57] = [
    "问题",
    "不完整",
    "不准确",
    "不清晰",
    "不一致",
    "参差不齐",
    "有难度",
    "不足",
    "不够",
    "不到位",
    "不及时",
    "不高",
    "不强",
    "不全面",
    "不完善",
    "不规范",
    "不深入",
    "不充分",
    "不平衡",
    "不精准",
    "不明显",
    "不统一",
    "不便",
    "有待",
    "欠缺",
    "薄弱",
    "缺乏",
    "较少",
    "偏少",
    "单一",
    "滞后",
    "差距",
    "短板",
    "较弱",
    "偏弱",
    "较低",
    "仍需",
    "还需",
    "尚需",
    "亟需",
    "亟待",
    "需进一步",
    "需要进一步",
    "瓶颈",
    "困难",
    "短缺",
    // Too much or too slow ("答复周期偏长", "重复申请偏多").
    "偏长",
    "偏多",
    "偏高",
    "偏低",
    "偏慢",
    "较慢",
    "过长",
    "过多",
    "过慢",
    "不合理",
    "不畅",
];

/// Words that state a measure, taken or planned.
const MEASURE: [&str; 46] = [
    "将",
    "下一步",
    "今后",
    "加强",
    "改进",
    "整改",
    "完善",
    "推进",
    "提升",
    "强化",
    "持续",
    "进一步",
    "继续",
    "措施",
    "落实",
    "提高",
    "加大",
    "优化",
    "规范",
    "建立",
    "健全",
    "深化",
    "拓展",
    "丰富",
    "做好",
    "严格",
    "确保",
    "着力",
    "组织",
    "开展",
    "培训",
    "督促",
    "制定",
    "建设",
    "利用",
    "修订",
    "编制",
    "搭建",
    "开通",
    "增设",
    "运用",
    "用好",
    "扩大",
    "细化",
    "压实",
    "定期",
];

/// Negations that deny a problem when they precede 问题/不足 closely
/// (`未发现存在问题`, `不存在明显问题`, `没有突出问题`).
const DENIALS: [&str; 8] = [
    "未发现",
    "没有发现",
    "未发生",
    "不存在",
    "没有",
    "未出现",
    "无",
    "未",
];

/// The sentence with denied problems taken out: `未发现存在问题` →
/// ``. A denial governs 问题 or 不足 within its clause, sixteen characters at most.
fn without_denied(sentence: &str) -> String {
    let mut out = sentence.to_string();
    for d in DENIALS {
        while let Some(i) = out.find(d) {
            let rest = out.slice_from(i + d.len());
            // Within the clause: "没有专人负责，存在问题" still states a problem.
            let gap: String = rest
                .chars()
                .take_while(|c| !matches!(c, '，' | '。' | '；' | ',' | ';'))
                .take(16)
                .collect();
            // Up to the last one: "没有突出问题和不足" denies both.
            let Some(j) = ["问题", "不足", "短板"]
                .iter()
                .filter_map(|w| gap.rfind(w).map(|j| j + w.len()))
                .max()
            else {
                // Not a denial of a problem: keep it, but look past it
                // ("没有专职人员，力量薄弱").
                out.replace_range(i..i + d.len(), &"·".repeat(d.chars().count()));
                continue;
            };
            // "未发现存在问题" → "".
            out.replace_range(i..i + d.len() + j, "");
        }
    }
    out
}

/// Whether `text` (one sentence, denials removed) states a problem of
/// this year: a clause about last year's problems (`上年度指出的问题已整改`)
/// reports their rectification, not a problem.
fn states_problem(text: &str) -> bool {
    text.split(['，', '；', ',', ';'])
        // "上年度指出的问题已整改": last year's problem, rectified.
        .filter(|clause| {
            !["上年", "上一年", "去年", "以往", "往年"]
                .iter()
                .any(|w| clause.has_word(w))
        })
        .any(|clause| PROBLEM.iter().any(|w| clause.has_word(w)))
}

/// Words that make a clause with a problem word in it a measure all the
/// same: the future, a step taken, what it is aimed at
/// (`下一步将着力解决解读不够深入的问题`).
const MEASURE_MARKS: [&str; 16] = [
    "将",
    "下一步",
    "今后",
    "拟",
    "计划",
    "已",
    "通过",
    "采取",
    "针对",
    "着力",
    "切实",
    "努力",
    "积极",
    "不断",
    "力争",
    "逐步",
];

/// Whether `sentence` states a measure: a clause with a measure word that
/// is not a problem restated (`还需进一步加强`, `有待提升`, `培训不够`),
/// unless a mark of the future or of a step taken makes it one.
fn states_measure(sentence: &str) -> bool {
    let plain = without_denied(sentence);
    plain.split(CLAUSE_ENDS).any(is_measure_clause)
}

/// Whether `headings` (a sentence's, joined) end in a heading of measures
/// only (`（二）改进措施`, `下一步工作打算`), not of problems and measures
/// together (`存在的问题及改进情况`).
fn is_measures_heading(headings: &str) -> bool {
    let last = headings.rsplit(" / ").next().unwrap_or_default();
    ["改进", "措施", "举措", "下一步", "计划", "打算", "整改"]
        .iter()
        .any(|w| last.has_word(w))
        && !["问题", "不足", "短板"].iter().any(|w| last.has_word(w))
}

/// Whether `headings` end in a heading of problems only (`（二）存在的主要
/// 问题`, `存在的不足`), not of their rectification or of measures.
fn is_problems_heading(headings: &str) -> bool {
    let last = headings.rsplit(" / ").next().unwrap_or_default();
    ["问题", "不足", "短板"].iter().any(|w| last.has_word(w))
        && ![
            "改进",
            "措施",
            "举措",
            "下一步",
            "计划",
            "打算",
            "整改",
            "上年",
        ]
        .iter()
        .any(|w| last.has_word(w))
}

/// Whether `sentence` says no problem was found (`经自查未发现明显问题`)
/// or speaks only of success (`工作运行平稳，均达到要求`).
fn denies_problems(sentence: &str) -> bool {
    ["未发现", "没有发现", "不存在", "无明显", "没有明显", "暂无"]
        .iter()
        .any(|w| sentence.has_word(w))
        || ([
            "平稳",
            "达到",
            "良好",
            "顺利",
            "圆满",
            "成效明显",
            "成效显著",
            "得到提升",
        ]
        .iter()
        .any(|w| sentence.has_word(w))
            && !PROBLEM.iter().any(|w| sentence.has_word(w)))
}

/// The marks that end a clause.
const CLAUSE_ENDS: [char; 5] = ['，', '；', ',', ';', '。'];

/// Whether `clause` (denials removed) states a measure: a measure word,
/// and no problem word unless a mark of the future or of a step taken.
fn is_measure_clause(clause: &str) -> bool {
    MEASURE.iter().any(|w| clause.has_word(w))
        && (!PROBLEM.iter().any(|w| clause.has_word(w))
            || MEASURE_MARKS.iter().any(|w| clause.has_word(w)))
}

/// Which heading a sentence of section 五 stands under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Under {
    /// Of problems (`（一）存在的主要问题`).
    Problems,
    /// Of measures (`（二）改进措施`).
    Measures,
    /// Of neither, or none.
    Other,
}

/// The clauses of `sentences` (as written) that state this year's
/// problems, and those that state measures. Under a heading of measures
/// (`under`, per sentence) every clause that states no problem is a
/// measure; under one of problems, every clause that states no measure and
/// denies no problem is a problem.
fn problem_and_measure_clauses<'a>(
    sentences: &'a [String],
    under: &[Under],
) -> (Vec<&'a str>, Vec<&'a str>) {
    let (mut problems, mut measures) = (Vec::new(), Vec::new());
    for (sentence, &under) in sentences.iter().zip(under) {
        for clause in sentence.split(CLAUSE_ENDS) {
            // A denial reaches no further than its clause.
            let plain = without_denied(clause);
            if is_measure_clause(&plain) {
                measures.push(clause);
            } else if states_problem(&plain) {
                problems.push(clause);
            } else if under == Under::Measures {
                measures.push(clause);
            } else if under == Under::Problems && !denies_problems(clause) {
                problems.push(clause);
            }
        }
    }
    (problems, measures)
}

/// PROBLEMS-CONTENT when 五 names problems and measures but the measures
/// answer none of them (`rules::remedies`).
fn unanswered(
    text: &crate::model::Text,
    sentences: &[String],
    under: &[Under],
    out: &mut Vec<Diagnostic>,
) {
    let (problems, measures) = problem_and_measure_clauses(sentences, under);
    let duty: Vec<&str> = PROBLEM
        .iter()
        .chain(&MEASURE)
        .chain(&MEASURE_MARKS)
        .copied()
        .collect();
    let Some(u) = super::remedies::unanswered(&problems, &measures, &duty) else {
        return;
    };
    out.push(
        Diagnostic::new_at(
            codes::PROBLEMS_CONTENT,
            format!(
                "第五部分的改进措施没有回应所写的任何问题：问题是“{}”，措施却是“{}”",
                crate::diag::quote_narrative(u.problem.trim()),
                crate::diag::quote_narrative(u.measure.trim())
            ),
            text.span,
            path::field(top::PROBLEMS),
        )
        .note(format!(
            "问题说的是{}；改进措施说的是{}，两者没有共同的对象",
            u.problem_topics.join("、"),
            u.measure_topics.join("、")
        ))
        .help("针对所写的每个问题写明怎样改进（如“政策解读不够深入”对应“请起草部门参与解读、增加图解”）"),
    );
}

/// The sentences (indices, in order) that name a problem word at all,
/// found by one pass per word over the whole text.
fn candidates(sentences: &[String], joined: &str) -> Vec<usize> {
    let mut starts = Vec::with_capacity(sentences.len());
    let mut at = 0;
    for s in sentences {
        starts.push(at);
        at += s.len();
    }
    let mut found: Vec<usize> = PROBLEM
        .iter()
        .flat_map(|w| joined.match_indices(w).map(|(i, _)| i))
        .map(|i| starts.partition_point(|&s| s <= i) - 1)
        .collect();
    found.sort_unstable();
    found.dedup();
    found
}

/// PROBLEMS-CONTENT on section 五.
pub(super) fn check(report: &Report, out: &mut Vec<Diagnostic>) {
    let text = &report.problems;
    let chars: Vec<char> = text.value.chars().collect();
    let split = sentences::split(&chars);
    let under_measures: Vec<bool> = split
        .iter()
        .map(|s| is_measures_heading(&s.headings))
        .collect();
    let under_problems: Vec<bool> = split
        .iter()
        .map(|s| is_problems_heading(&s.headings))
        .collect();
    let sentences: Vec<String> = split
        .into_iter()
        .map(|s| chars[s.range].iter().collect())
        .collect();
    let joined = sentences.concat();
    // Empty, or only 无/暂无: SECTION-EMPTY's.
    if joined
        .chars()
        .filter(|c| c.is_alphanumeric())
        .take(4)
        .count()
        <= 3
    {
        return;
    }
    // Each word is looked for in the whole text first, so that a long
    // section without any costs one pass per word.
    // Under a heading of problems, a sentence that does not deny them
    // states one, whatever its words (`答复文书格式不一`).
    let problem = candidates(&sentences, &joined)
        .into_iter()
        .any(|i| states_problem(&without_denied(&sentences[i])))
        || sentences.iter().zip(&under_problems).any(|(s, &under)| {
            under && !denies_problems(s) && s.chars().filter(|c| c.is_alphanumeric()).count() >= 6
        });
    // Under a heading of measures (`（二）改进措施`), a sentence that
    // states no problem is a measure, whatever its verb (`制定…规程`).
    let measure = sentences
        .iter()
        .zip(&under_measures)
        .any(|(s, &under)| states_measure(s) || (under && !states_problem(&without_denied(s))));
    // Both a problem and a measure ("政策解读不够深入。下一步将加强解读。"):
    // the measures must answer a problem.
    if problem && measure {
        let under: Vec<Under> = under_measures
            .iter()
            .zip(&under_problems)
            .map(|(&m, &p)| match (m, p) {
                (true, _) => Under::Measures,
                (_, true) => Under::Problems,
                _ => Under::Other,
            })
            .collect();
        unanswered(text, &sentences, &under, out);
        return;
    }
    let quoted = crate::diag::quote_narrative(text.value.trim());
    let missing = match (problem, measure) {
        (false, false) => "既没有写存在的问题，也没有写改进措施",
        (false, true) => "没有写存在的问题",
        _ => "没有写改进措施",
    };
    let mut d = Diagnostic::new_at(
        codes::PROBLEMS_CONTENT,
        format!("第五部分只写了“{quoted}”，{missing}"),
        text.span,
        path::field(top::PROBLEMS),
    )
    .absence();
    // "还需进一步加强": the words of a measure, only restating the problem.
    if problem && MEASURE.iter().any(|w| joined.has_word(w)) {
        d = d.note("“还需进一步加强”“有待提升”这样的话只是重述问题，不是改进措施");
    }
    out.push(
        d.help("写明本年工作中存在的主要问题（如政策解读不够深入、信息更新不及时）、上年度问题的整改情况，以及改进措施"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn denied_problems_are_no_problems() {
        for s in [
            "未发现存在问题",
            "本年度不存在明显问题",
            "没有突出问题和不足",
        ] {
            assert!(!states_problem(&without_denied(s)), "{s}");
        }
        for s in [
            "政策解读不够深入",
            "存在信息更新不及时的问题",
            "未能及时更新，存在滞后",
            "没有专职人员，力量薄弱",
            "没有专人负责，存在问题",
            "申请量大、答复周期偏长",
        ] {
            assert!(states_problem(&without_denied(s)), "{s}");
        }
    }

    /// The messages of the check on section 五 written as `problems`.
    fn findings(problems: &str) -> Vec<String> {
        let mut report = crate::testutil::report(crate::model::Edition::E2021);
        report.problems.value = problems.to_string();
        let mut out = Vec::new();
        check(&report, &mut out);
        out.into_iter().map(|d| d.message).collect()
    }

    /// Under a heading of problems, what is written is a problem unless it
    /// denies them or speaks only of success.
    #[test]
    fn a_problems_heading_makes_its_sentences_problems() {
        let answered = "### （一）存在的问题\n\n信息发布前的审核环节多，群众等待时间长。\n\n\
                        ### （二）改进措施\n\n精简审核流程，压缩发布时限。\n";
        assert!(findings(answered).is_empty(), "{:?}", findings(answered));
        let praised = "### （一）存在的问题\n\n全年各项工作顺利推进，群众反映良好。\n\n\
                       ### （二）改进措施\n\n精简审核流程，压缩发布时限。\n";
        assert!(
            findings(praised)
                .iter()
                .any(|m| m.contains("没有写存在的问题")),
            "{:?}",
            findings(praised)
        );
    }

    #[test]
    fn measures_are_held_against_the_problems() {
        let split =
            |t: &str| -> Vec<String> { t.split_inclusive('。').map(String::from).collect() };
        let sentences = split("申请量大、答复周期偏长，下一步将增配受理人员。未发现其他问题。");
        let (p, m) = problem_and_measure_clauses(&sentences, &[Under::Other, Under::Other]);
        assert_eq!(
            (p, m),
            (vec!["申请量大、答复周期偏长"], vec!["下一步将增配受理人员"])
        );
        // Under a heading of measures, a clause without a measure word is one.
        let sentences = split("一是更新公务用车；二是对办公楼进行节能改造。");
        let (p, m) = problem_and_measure_clauses(&sentences, &[Under::Measures]);
        assert!(p.is_empty());
        assert_eq!(m, ["一是更新公务用车", "二是对办公楼进行节能改造", ""]);
    }

    #[test]
    fn housekeeping_measures_answer_no_problem() {
        let text = "### （一）存在的主要问题\n\n部分公开内容专业术语较多，群众阅读有难度。\n\n\
                    ### （二）改进措施\n\n一是更新公务用车，保障外勤需要；二是对办公楼进行节能改造。\n";
        assert!(
            findings(text).iter().any(|m| m.contains("没有回应")),
            "{:?}",
            findings(text)
        );
        let answered = "### （一）存在的主要问题\n\n部分公开内容专业术语较多，群众阅读有难度。\n\n\
                        ### （二）改进措施\n\n对专业性较强的公开内容配发解读，用通俗语言说明。\n";
        assert!(findings(answered).is_empty(), "{:?}", findings(answered));
    }

    #[test]
    fn a_problem_restated_is_no_measure() {
        for s in [
            "政务公开工作还需进一步加强",
            "政策解读有待提升",
            "业务培训不够",
            "信息发布落实不到位",
        ] {
            assert!(!states_measure(s), "{s}");
        }
        for s in [
            "信息更新不够及时，将加强培训",
            "下一步将着力解决解读不够深入的问题",
            "加强业务培训",
            "针对上述不足，我们已建立更新台账",
        ] {
            assert!(states_measure(s), "{s}");
        }
    }
}
