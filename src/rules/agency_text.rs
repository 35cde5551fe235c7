//! TEXT-AGENCY: the narrative naming its report as another agency's
//! (`现将某市某区教育局2024年度政府信息公开工作年度报告公布如下` in the
//! transport bureau's report): text taken from another agency's report.
//! Only this clear signal is read: a name directly before the report's
//! title, ending as an agency's name does, that is neither this agency's
//! (regions added or left out, a slip of a character or two) nor a former
//! name the file declares.

use super::prose::{self, Cursor};
use crate::diag::{Diagnostic, codes};
use crate::model::Report;
use crate::model::names::{self, Match};
use crate::source::SourceFile;

/// Checks the preface and the three narratives.
pub(super) fn check(report: &Report, file: &SourceFile, out: &mut Vec<Diagnostic>) {
    let this = report.agency.value.trim();
    if this.is_empty() {
        return;
    }
    let mut known: Vec<String> = vec![this.to_string()];
    known.extend(report.former_names().into_iter().map(String::from));
    for (at, text) in report.narratives() {
        let (_, masked) = prose::masked(&text.value);
        let value: String = masked.iter().collect();
        let mut cursor = Cursor::new(file, text.span);
        // One finding per text: the same title is usually written once.
        let Some(other) = titled_agencies(&value)
            .into_iter()
            .take(MAX_TITLES)
            .find(|name| !is_ours(name, &known))
        else {
            continue;
        };
        out.push(
            Diagnostic::new_at(
                codes::TEXT_AGENCY,
                format!("{at}中写的是“{other}”的年度报告，本报告是“{this}”的"),
                cursor.next(&other),
                at,
            )
            .label(format!("应为“{this}”？"))
            .help("是否从别的机关的报告改写而来？改为本机关的名称；机构更名的，在数据文件中写“曾用名: 原名称”"),
        );
    }
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
fn titled_agencies(text: &str) -> Vec<String> {
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
            out.push(name.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_agency_before_the_title_is_read() {
        assert_eq!(
            titled_agencies("现将某市某区教育局2024年度政府信息公开工作年度报告公布如下。"),
            ["某市某区教育局"]
        );
        assert_eq!(
            titled_agencies(
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
        assert!(titled_agencies("现将本局2024年度政府信息公开工作年度报告公布如下。").is_empty());
        assert!(titled_agencies("本年度政府信息公开工作年度报告").is_empty());
        assert!(titled_agencies("按照市政府2024年度政府信息公开工作年度报告的要求").is_empty());
        assert!(titled_agencies("学习《某市人民政府2024年度政府信息公开工作年度报告》").is_empty());
        assert!(titled_agencies("按照2024年度政府信息公开工作年度报告格式").is_empty());
    }
}
