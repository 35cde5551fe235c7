//! TEXT-AGENCY: the narrative naming another agency where this report's
//! own should stand: before the report's title
//! (`现将某市某区教育局2024年度政府信息公开工作年度报告公布如下` in the
//! transport bureau's report), as the subject of the report's own work
//! (`某区教育局高度重视政府信息公开工作`, `agency_places::subjects`) or in
//! a signature typed at a text's end (`agency_places::signature`): text
//! taken from another agency's report. A name is this agency's when it is
//! (regions added or left out, a slip of a character or two) or a former
//! name the file declares; as a subject, it is named only when it is sure
//! to be another (`names::standing`: another department of the same place,
//! the same kind of agency of another place), never a body over this one
//! (`市政府`, `区委区政府`, a wider region's) or under it.

use super::agency_places::{self, Named};
use super::prose::{self, Cursor};
use crate::diag::{Diagnostic, codes};
use crate::model::Report;
use crate::model::names::{self, Match, Standing};
use crate::source::SourceFile;

/// Where in a text another agency's name was found.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    /// Right before the report's title.
    Title,
    /// As the subject of the report's own work.
    Subject,
    /// As the text's signature.
    Signature,
}

/// Most findings in one text.
const MAX_PER_TEXT: usize = 3;

/// Checks the preface and the three narratives.
pub(super) fn check(report: &Report, file: &SourceFile, out: &mut Vec<Diagnostic>) {
    let this = report.agency.value.trim();
    if this.is_empty() {
        return;
    }
    let mut known: Vec<String> = vec![this.to_string()];
    known.extend(report.former_names().into_iter().map(String::from));
    let judged = report.judged();
    let government = judged.government || judged.march;
    for (at, text) in report.narratives() {
        let (_, masked) = prose::masked(&text.value);
        let value: String = masked.iter().collect();
        let mut found = others_in(&value, &known, government);
        found.sort_by_key(|(n, _)| n.at);
        let mut cursor = Cursor::new(file, text.span);
        for (named, place) in found {
            let mut span = cursor.next(&named.needle);
            if span.len == named.needle.len() {
                span.len = named.name.len();
            }
            out.push(finding(place, at, &named.name, this, span));
        }
    }
}

/// Other agencies' names in `value` where this one's should stand, each
/// once, at most [`MAX_PER_TEXT`].
fn others_in(value: &str, known: &[String], government: bool) -> Vec<(Named, Place)> {
    let mut found: Vec<(Named, Place)> = Vec::new();
    // One title finding per text: the same title is usually written once.
    if let Some(title) = titled_agencies(value)
        .into_iter()
        .take(MAX_TITLES)
        .find(|n| !is_ours(&n.name, known))
    {
        found.push((title, Place::Title));
    }
    // The whole name is compared, not its tails as before a title: the
    // tail `区交通运输局` of a neighbour's name is a slip away from ours.
    let stands = |name: &str, sure: fn(Standing) -> bool| {
        matches!(names::find(name, known), Match::None)
            && known
                .iter()
                .all(|k| sure(names::standing(name, k, government)))
    };
    for named in agency_places::subjects(value) {
        let seen = found.iter().any(|(n, _)| n.name == named.name);
        if !seen && stands(&named.name, |s| s == Standing::Other) {
            found.push((named, Place::Subject));
        }
    }
    if let Some(named) = agency_places::signature(value)
        && stands(&named.name, |s| s != Standing::Ours)
    {
        found.push((named, Place::Signature));
    }
    found.truncate(MAX_PER_TEXT);
    found
}

/// The finding for `other` found at `place` of the text `at`.
fn finding(
    place: Place,
    at: &'static str,
    other: &str,
    this: &str,
    span: crate::source::Span,
) -> Diagnostic {
    let (message, label, help) = match place {
        Place::Title => (
            format!("{at}中写的是“{other}”的年度报告，本报告是“{this}”的"),
            format!("应为“{this}”？"),
            "是否从别的机关的报告改写而来？改为本机关的名称；机构更名的，在数据文件中写“曾用名: 原名称”",
        ),
        Place::Subject => (
            format!("{at}中由“{other}”做本报告的工作，本报告是“{this}”的"),
            format!("应为“{this}”或“本机关”？"),
            "是否从别的机关的报告改写而来？改为本机关的名称或“本机关”；机构更名的，在数据文件中写“曾用名: 原名称”",
        ),
        Place::Signature => (
            format!("{at}末尾的落款是“{other}”，本报告的机关是“{this}”"),
            format!("落款应为“{this}”？"),
            "落款由数据文件中的“机关”和“成文日期”生成，正文中不必再写；是从别的机关的报告改写而来的，删去这一行",
        ),
    };
    Diagnostic::new_at(codes::TEXT_AGENCY, message, span, at)
        .label(label)
        .help(help)
}

/// What a report's title continues with after the agency's name.
const TITLE: &str = "政府信息公开工作年度报告";

/// Words before the agency's name in a sentence that names the report.
const LEADS: [&str; 9] = [
    "现将", "现予", "公布", "发布", "编制", "根据", "是", "为", "由",
];

/// Words before a report cited, not this one's.
const CITING: [&str; 8] = [
    "按照", "参照", "依据", "对照", "学习", "借鉴", "关于", "印发",
];

/// Endings of an agency's name.
const AGENCY_ENDINGS: [&str; 10] = [
    "局",
    "委员会",
    "委",
    "办公室",
    "厅",
    "政府",
    "中心",
    "办事处",
    "院",
    "管委会",
];

/// Longest agency name read before a title.
const MAX_NAME: usize = 40;

/// Most titles read in one text.
const MAX_TITLES: usize = 20;

/// Shortest tail of a name compared with this agency's.
const MIN_NAME: usize = 4;

/// Whether `name`, or a tail of it (the words before the name are not
/// always told apart from it: `自由贸易区管委会`), is one of `known`.
fn is_ours(name: &str, known: &[String]) -> bool {
    let chars: Vec<char> = name.chars().collect();
    (0..=chars.len().saturating_sub(MIN_NAME)).any(|k| {
        let tail: String = chars[k..].iter().collect();
        !matches!(names::find(&tail, known), Match::None)
    })
}

/// The agency names written right before a report's title in `text`
/// (`某市某区交通运输局2024年度政府信息公开工作年度报告`).
fn titled_agencies(text: &str) -> Vec<Named> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices(TITLE) {
        let before = &text[..at];
        // The year and 年度 between the name and the title.
        let before = before.strip_suffix("年度").map_or(before, |b| {
            b.trim_end_matches(|c: char| {
                c.is_ascii_digit() || "〇○一二三四五六七八九零".contains(c)
            })
        });
        let name: String = before
            .chars()
            .rev()
            .take(MAX_NAME)
            .take_while(|c| prose::is_han(*c) || c.is_ascii_alphanumeric())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        // A report cited (`《…》`, `按照…`) is not this one's title.
        let lead = &before[..before.len() - name.len()];
        if lead.ends_with(['《', '〈', '<', '“']) || CITING.iter().any(|w| name.contains(w)) {
            continue;
        }
        let name = LEADS
            .iter()
            .filter_map(|w| name.rfind(w).map(|i| &name[i + w.len()..]))
            .min_by_key(|n| n.len())
            .unwrap_or(&name);
        let agency = AGENCY_ENDINGS.iter().any(|e| name.ends_with(e));
        if agency && name.chars().count() >= MIN_NAME && !name.starts_with('本') {
            out.push(Named {
                at: before.len() - name.len(),
                name: name.to_string(),
                needle: name.to_string(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title_names(text: &str) -> Vec<String> {
        titled_agencies(text).into_iter().map(|n| n.name).collect()
    }

    #[test]
    fn the_agency_before_the_title_is_read() {
        assert_eq!(
            title_names("现将某市某区教育局2024年度政府信息公开工作年度报告公布如下。"),
            ["某市某区教育局"]
        );
        assert_eq!(
            title_names(
                "本报告由某市人民政府办公室编制。某市人民政府二〇二四年度政府信息公开工作年度报告"
            ),
            ["某市人民政府"]
        );
    }

    #[test]
    fn this_agency_written_with_its_lead_is_ours() {
        let known = ["某市某区交通运输局".to_string()];
        assert!(is_ours("现将交通运输局", &known));
        assert!(is_ours("某市某区交通运输局", &known));
        assert!(!is_ours("某市某区教育局", &known));
    }

    #[test]
    fn no_agency_no_finding() {
        assert!(title_names("现将本局2024年度政府信息公开工作年度报告公布如下。").is_empty());
        assert!(title_names("本年度政府信息公开工作年度报告").is_empty());
        assert!(title_names("按照市政府2024年度政府信息公开工作年度报告的要求").is_empty());
        assert!(title_names("学习《某市人民政府2024年度政府信息公开工作年度报告》").is_empty());
        assert!(title_names("按照2024年度政府信息公开工作年度报告格式").is_empty());
    }
}
