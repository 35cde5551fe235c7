//! The agency as a report's opening text names it, for a page that keeps
//! neither the title nor the signature (a web page's text cut by the site
//! or a crawler): the report's own title quoted in the preface
//! (`现发布《某县某局2025年政府信息公开年度报告》`), the report published by
//! name (`现公布某市某局2024年政府信息公开工作年度报告`), or the body that
//! made it (`本报告由某镇人民政府按照…编制`).

use super::norm;
use super::sections::parse_title;
use crate::slice::Slice;

/// The agency the opening text names, if it names one plainly.
pub fn agency(preface: &str) -> Option<String> {
    let text = norm::compact(preface);
    let chars: Vec<char> = text.chars().collect();
    quoted_title(&chars)
        .or_else(|| published(&chars))
        .or_else(|| made_by(&chars))
}

/// Verbs that publish the report by its title.
const PUBLISH: [&str; 3] = ["公布", "发布", "现将"];

/// Words after the maker's name in `本报告由…编制`.
const MAKER_VERB: [&str; 8] = [
    "按照", "根据", "依据", "依照", "编制", "制作", "编写", "结合",
];

/// Longest agency name taken (characters).
const LONGEST: usize = 40;

/// Longest report title read (characters): a name, a year and the
/// report's name; what runs on is no title (and the work stays bounded).
const TITLE_CHARS: usize = 80;

/// A title in book-title marks that is a report of a year with a name.
fn quoted_title(chars: &[char]) -> Option<String> {
    let mut at = 0;
    while let Some(open) = position(chars, at, '《') {
        let close = position(chars, open + 1, '》')?;
        if close - open <= TITLE_CHARS {
            let inner: String = chars[open + 1..close].iter().collect();
            if let Some(name) = report_name(&inner) {
                return Some(name);
            }
        }
        at = close + 1;
    }
    None
}

/// The report's title right after a verb that publishes it, up to the
/// end of the clause.
fn published(chars: &[char]) -> Option<String> {
    PUBLISH.iter().find_map(|verb| {
        let verb: Vec<char> = verb.chars().collect();
        starts(chars, &verb).find_map(|at| {
            let rest = &chars[at + verb.len()..];
            let rest = &rest[..rest.len().min(TITLE_CHARS)];
            let end = rest
                .iter()
                .position(|c| is_clause_end(*c))
                .unwrap_or(rest.len());
            report_name(&rest[..end].iter().collect::<String>())
        })
    })
}

/// The body in `本报告由{机关}按照…` / `本报告由{机关}编制`.
fn made_by(chars: &[char]) -> Option<String> {
    let lead: Vec<char> = "报告由".chars().collect();
    starts(chars, &lead).find_map(|at| {
        let rest = &chars[at + lead.len()..];
        let window = &rest[..rest.len().min(LONGEST + 2)];
        let text: String = window.iter().collect();
        let end = MAKER_VERB.iter().filter_map(|v| text.find(v)).min()?;
        let name = text.slice_to(end);
        plausible(name).then(|| name.to_string())
    })
}

/// The agency of a text that is a report's title with a year, if it is a
/// plausible name.
fn report_name(text: &str) -> Option<String> {
    if !(text.contains("报告") || text.contains("年报")) {
        return None;
    }
    match parse_title(text) {
        (Some(name), Some(_)) if plausible(&name) => Some(name),
        _ => None,
    }
}

/// Whether `name` reads as an agency's name: short, no punctuation, not
/// a notice's wording or a pronoun (`本机关`, `我局`), and ending with a
/// word for a body or a place.
fn plausible(name: &str) -> bool {
    const ENDS: &str = "局委府室厅办处院心道镇乡所站队会署馆部区县市旗盟";
    const NOT: [&str; 9] = [
        "关于",
        "通知",
        "格式",
        "条例",
        "印发",
        "本机关",
        "本单位",
        "本部门",
        "本局",
    ];
    let n = name.chars().count();
    (2..=LONGEST).contains(&n)
        && name
            .chars()
            .all(|c| !c.is_ascii() && !is_clause_end(c) && !"、《》〈〉“”（）()".contains(c))
        && !name.starts_with(['我', '本', '该', '全'])
        && !NOT.iter().any(|w| name.contains(w))
        && name.chars().last().is_some_and(|c| ENDS.contains(c))
}

fn is_clause_end(c: char) -> bool {
    matches!(c, '，' | '。' | '；' | '：' | ',' | ';' | ':' | '！' | '？')
}

fn position(chars: &[char], from: usize, c: char) -> Option<usize> {
    chars
        .get(from..)?
        .iter()
        .position(|x| *x == c)
        .map(|p| p + from)
}

/// The places where `word` starts in `chars`.
fn starts<'a>(chars: &'a [char], word: &'a [char]) -> impl Iterator<Item = usize> + 'a {
    chars
        .windows(word.len())
        .enumerate()
        .filter(move |(_, w)| *w == word)
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_the_opening_text() {
        let cases = [
            (
                "依据条例，现发布《示例县水务局2025年政府信息公开年度报告》。如有疑问请联系。",
                Some("示例县水务局"),
            ),
            (
                "根据条例规定,现公布示例市农业农村局2024年政府信息公开工作年度报告。",
                Some("示例市农业农村局"),
            ),
            (
                "本报告由示例镇人民政府按照条例要求编制。",
                Some("示例镇人民政府"),
            ),
            (
                "根据条例要求，现特向社会公布2024年示例镇人民政府信息公开工作年度报告。",
                Some("示例镇人民政府"),
            ),
            // Cited notices and pronouns are no names.
            (
                "根据《省政府办公厅关于做好2020年度政府信息公开工作年度报告编制工作的通知》要求。",
                None,
            ),
            ("现将本机关2023年政府信息公开工作年度报告公布如下。", None),
            ("现公布2024年度政府信息公开工作年度报告。", None),
            ("本报告由总体情况、主动公开政府信息情况等部分组成。", None),
            ("", None),
        ];
        for (text, want) in cases {
            assert_eq!(agency(text).as_deref(), want, "{text}");
        }
    }
}
