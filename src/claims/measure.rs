//! What a count of a sentence stands for in the tables: the words around
//! the figure (its clause, across a bracket `申请（含网上申请）共计：8件`)
//! read into a [`Category`] of 表三 or 表四.

use super::numbers::{Figure, Unit};
use super::sentences::Sentence;
use super::topic::{self, Category, Context};
use crate::find::Find;

/// A count the text states about a table figure.
#[derive(Debug, Clone)]
pub(crate) struct Counted<'a> {
    /// The figure as written.
    pub figure: &'a Figure,
    /// What it counts.
    pub category: Category,
}

/// Builds the context of a figure and reads what it counts.
pub(crate) fn context_of(
    chars: &[char],
    sentence: &Sentence,
    f: &Figure,
    buf: &mut [String; 3],
) -> (usize, usize) {
    let (cs, ce) = topic::clause_bounds(chars, f);
    let cs = cs.max(sentence.range.start);
    let ce = ce.min(sentence.range.end);
    buf[0] = chars[cs..f.start].iter().collect();
    // "申请（含网上申请）共计：8件": the words before the bracket say what
    // is counted.
    if let Some(from) = across_bracket(chars, cs, sentence.range.start) {
        let bracket = chars[from..cs]
            .iter()
            .rposition(|c| matches!(c, '（' | '('))
            .map_or(cs, |p| from + p);
        buf[0] = chars[from..bracket]
            .iter()
            .chain(&chars[cs..f.start])
            .collect();
    }
    buf[1] = chars[f.end..ce.max(f.end)].iter().collect();
    buf[2] = chars[sentence.range.start..f.start].iter().collect();
    (cs, ce)
}

/// Where the clause before a bracket starts, when a figure's clause
/// starting at `cs` is only a total word after that bracket and a colon
/// (`（含网上申请）共计：8件`): the clause before it, back to its own mark.
fn across_bracket(chars: &[char], cs: usize, sentence_start: usize) -> Option<usize> {
    let mut at = cs;
    // Back over the colon, the total word and the bracket's close.
    while at > sentence_start && matches!(chars[at - 1], '：' | ':') {
        at -= 1;
    }
    let words: String = chars[..at]
        .iter()
        .rev()
        .take_while(|c| !matches!(c, '）' | ')'))
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let close = at.checked_sub(words.chars().count() + 1)?;
    if close < sentence_start
        || !matches!(chars[close], '）' | ')')
        || !["", "共", "共计", "合计", "总计", "累计", "的", "为", "计"].contains(&words.as_str())
    {
        return None;
    }
    let open = chars[sentence_start..close]
        .iter()
        .rposition(|c| matches!(c, '（' | '('))?
        + sentence_start;
    let from = chars[sentence_start..open]
        .iter()
        .rposition(|c| matches!(c, '，' | '。' | '；' | '：' | ',' | ';' | ':' | '、'))
        .map_or(sentence_start, |p| sentence_start + p + 1);
    Some(from)
}

/// The counts of a sentence that stand for table figures. `lead`: the
/// sentence before, which a sentence opening with 其中 goes on from
/// (`自然人提出申请96件。其中予以公开30件。`: the results of that
/// applicant's requests, read as if one sentence).
pub(crate) fn counts<'a>(
    chars: &[char],
    sentence: &Sentence,
    s: &str,
    inside: &[&'a Figure],
    year: i32,
    lead: Option<&str>,
) -> Vec<Counted<'a>> {
    let opens_breakdown = s.trim_start().starts_with("其中");
    let lead = lead.filter(|_| opens_breakdown);
    let mut out = Vec::new();
    for f in inside.iter().filter(|f| f.unit == Unit::Count) {
        // A figure followed by "（含…" includes others: not one table cell,
        // unless what it includes is the carry-over ("收到申请7件（含上年
        // 结转1件）"), which makes the received and carried-over requests.
        // Nor unless it includes reasons of one result ("其他处理6件（含申请人
        // 无正当理由逾期不补正2件）"): the count is that result's.
        let rest: String = chars[f.end..chars.len().min(f.end + 2)].iter().collect();
        let includes = (rest == "（含" || rest == "(含").then(|| included_reasons(chars, f.end));
        if includes.as_ref().is_some_and(Option::is_none) && !includes_carry_over(chars, f.end) {
            continue;
        }
        let mut buf = [String::new(), String::new(), String::new()];
        context_of(chars, sentence, f, &mut buf);
        if let Some(lead) = lead {
            buf[2] = format!("{lead}，{}", buf[2]);
        }
        let after: String = chars[f.end..sentence.range.end.max(f.end)].iter().collect();
        let c = Context {
            before: &buf[0],
            after: &buf[1],
            sentence_before: &buf[2],
            sentence_after: &after,
            breakdown: opens_breakdown || topic::in_breakdown(&buf[2]),
        };
        if let Some(category) = topic::count_category(&c, year) {
            if let Some(Some(group)) = includes
                && category != Category::Result(group)
            {
                continue;
            }
            // "商业企业上年结转申请2件": one applicant's carry-over, a cell
            // the reader does not take; "予以公开44件（含法律服务机构申请3件）":
            // an applicant's part of the result before the bracket.
            let applicants_carry = matches!(category, Category::CarriedIn | Category::CarriedOut)
                && (topic::applicant_named(c.before).is_some()
                    || topic::clause_holding(c.sentence_before)
                        .is_some_and(|h| topic::applicant_named(h).is_some()));
            let in_bracket = matches!(category, Category::Applicant(..))
                && inside_includes(chars, sentence.range.start, f.start);
            if applicants_carry || in_bracket {
                continue;
            }
            out.push(Counted {
                figure: f,
                category,
            });
        }
    }
    out
}

/// Whether the clause of the figure at `start` calls what it counts new
/// (`本年新收…申请7件`, `新收申请7件`), before the figure.
pub(crate) fn says_new(chars: &[char], start: usize) -> bool {
    let from = chars[..start]
        .iter()
        .rposition(|c| matches!(c, '，' | '。' | '；' | '！' | '？' | ',' | ';'))
        .map_or(0, |p| p + 1);
    chars[from..start]
        .iter()
        .collect::<String>()
        .contains("新收")
}

/// Whether the figure at `at` stands inside a bracket opened by 含 after
/// `from` (`（含法律服务机构申请3件）`).
fn inside_includes(chars: &[char], from: usize, at: usize) -> bool {
    chars[from..at]
        .iter()
        .rposition(|c| matches!(c, '（' | '(' | '）' | ')'))
        .is_some_and(|i| {
            matches!(chars[from + i], '（' | '(') && chars.get(from + i + 1) == Some(&'含')
        })
}

/// The result group whose reasons alone the bracket opening at `at` names
/// (`（含申请人无正当理由逾期不补正2件）`), or `None`.
fn included_reasons(chars: &[char], at: usize) -> Option<&'static str> {
    let inside: String = chars[at..chars.len().min(at + 40)]
        .iter()
        .take_while(|c| !matches!(c, '）' | ')'))
        .collect();
    let mut groups = super::rows::items_in(&inside)
        .into_iter()
        .map(|(_, item)| match item {
            super::rows::Item::Reason(_, group) => Some(group),
            _ => None,
        });
    let first = groups.next()??;
    groups.all(|g| g == Some(first)).then_some(first)
}

/// Whether the bracket opening at `at` ("（含上年结转1件）") names only the
/// requests carried over from last year.
pub(crate) fn includes_carry_over(chars: &[char], at: usize) -> bool {
    let inside: String = chars[at..chars.len().min(at + 16)]
        .iter()
        .take_while(|c| !matches!(c, '）' | ')'))
        .collect();
    // Not the carry-out ("（含结转下年度1件）") nor a list of several
    // ("（含上年结转1件、…）").
    inside.contains("结转")
        && !["下年", "下一年", "次年", "、", "和"]
            .iter()
            .any(|w| inside.has_word(w))
}
