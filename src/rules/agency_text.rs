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

use super::prose::{self, Cursor};
use crate::claims::subjects::{self as agency_places, Named};
use crate::diag::{Diagnostic, codes};
use crate::find::Find;
use crate::model::Report;
use crate::model::names::{self, Match, Standing};
use crate::slice::Slice;
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
        .find(|n| {
            let unit =
                UNIT_ENDINGS.iter().any(|e| n.name.ends_with(e)) && !n.name.ends_with("办事处");
            if unit {
                known
                    .iter()
                    .all(|k| names::standing(&n.name, k, government) == Standing::Other)
            } else {
                !is_ours(&n.name, known, government)
            }
        })
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
const AGENCY_ENDINGS: [&str; 14] = [
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
    "队",
    "所",
    "站",
    "处",
];

/// Endings of units often named short (`张店大队`, `交警大队`): such a
/// title is another agency's only when the map places it elsewhere.
const UNIT_ENDINGS: [&str; 4] = ["队", "所", "站", "处"];

/// Longest agency name read before a title.
const MAX_NAME: usize = 40;

/// Most titles read in one text.
const MAX_TITLES: usize = 20;

/// Shortest tail of a name compared with this agency's.
const MIN_NAME: usize = 4;

/// Characters two names share at their start that make them units of one
/// organ (`淄博市公安局交通警察支队…`).
const SAME_ORGAN: usize = 6;

/// Whether `name`, or a tail of it (the words before the name are not
/// always told apart from it: `自由贸易区管委会`), is one of `known`.
fn is_ours(name: &str, known: &[String], government: bool) -> bool {
    // A neighbour on the map is never ours, though a tail of its name is
    // (`区民政局`); nor is a unit named for another place within the same
    // organ (`…支队临淄大队` beside `…支队张店大队`).
    if !known.is_empty()
        && known.iter().all(|k| {
            let shared = name
                .chars()
                .zip(k.chars())
                .take_while(|(a, b)| a == b)
                .count();
            names::placed_elsewhere(name, k)
                || shared >= SAME_ORGAN && names::standing(name, k, government) == Standing::Other
        })
    {
        return false;
    }
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
        let before = text.slice_to(at);
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
        let lead = before.slice_to(before.len() - name.len());
        if lead.ends_with(['《', '〈', '<', '“']) || CITING.iter().any(|w| name.has_word(w)) {
            continue;
        }
        let name = LEADS
            .iter()
            .filter_map(|w| name.rfind(w).map(|i| name.slice_from(i + w.len())))
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
        assert!(is_ours("现将交通运输局", &known, false));
        assert!(is_ours("某市某区交通运输局", &known, false));
        assert!(!is_ours("某市某区教育局", &known, false));
        let brigade = ["淄博市公安局交通警察支队张店大队".to_string()];
        assert!(!is_ours(
            "淄博市公安局交通警察支队临淄大队",
            &brigade,
            false
        ));
        assert!(is_ours("淄博市公安局交通警察支队张店大队", &brigade, false));
    }

    #[test]
    fn no_agency_no_finding() {
        assert!(title_names("现将本局2024年度政府信息公开工作年度报告公布如下。").is_empty());
        assert!(title_names("本年度政府信息公开工作年度报告").is_empty());
        assert!(title_names("按照市政府2024年度政府信息公开工作年度报告的要求").is_empty());
        assert!(title_names("学习《某市人民政府2024年度政府信息公开工作年度报告》").is_empty());
        assert!(title_names("按照2024年度政府信息公开工作年度报告格式").is_empty());
    }

    const T: &str = "临江市河东区交通运输局";
    const GOV: &str = "临江市河东区人民政府办公室";

    /// The other agencies found in `text` of `ours`'s report, whose former
    /// name is `former` (or none).
    fn found(ours: &str, former: &str, text: &str) -> Vec<String> {
        let mut known = vec![ours.to_string()];
        known.extend((!former.is_empty()).then(|| former.to_string()));
        let j = crate::model::agency::judge(ours, None);
        others_in(text, &known, j.government || j.march)
            .into_iter()
            .map(|(n, _)| n.name)
            .collect()
    }

    /// Asserts that nothing is found in any of `texts` for the agency
    /// `(ours, former name)`.
    fn assert_quiet((ours, former): (&str, &str), texts: &[&str]) {
        for text in texts {
            assert!(found(ours, former, text).is_empty(), "{text}");
        }
    }

    /// The wording set of issue 61.3 (written anew): another agency where
    /// this one's stands is found; superiors, units forwarded to, units
    /// below, this agency's short forms and former names are not.
    #[test]
    fn the_wording_set_is_read_as_a_reviewer_reads_it() {
        for (ours, text, other) in [
            (T, "河东区教育局高度重视政府信息公开工作。", "河东区教育局"),
            (
                T,
                "临江市河西区交通运输局认真落实《条例》。",
                "临江市河西区交通运输局",
            ),
            (
                T,
                "河东区住房和城乡建设局2024年共收到申请7件。",
                "河东区住房和城乡建设局",
            ),
            (
                T,
                "按照要点逐项落实。\n\n临江市河东区卫生健康局\n2025年1月18日",
                "临江市河东区卫生健康局",
            ),
            (
                T,
                "现将本局年度报告公布如下，特此报告。\n临江市河西区交通运输局",
                "临江市河西区交通运输局",
            ),
            (
                "临江市安平县财政局",
                "2024年，临江市永宁县财政局扎实推进预算公开。",
                "临江市永宁县财政局",
            ),
            (
                GOV,
                "今年以来，河西区人民政府紧紧围绕法治政府建设推进公开。",
                "河西区人民政府",
            ),
            (
                "临江市河东区市场监督管理局",
                "河东区工商行政管理局始终坚持以公开为常态。",
                "河东区工商行政管理局",
            ),
            (T, "河东区民政局党组高度重视政务公开。", "河东区民政局"),
            (
                T,
                "（一）主动公开情况\n河东区水务局主动公开各类信息120条。",
                "河东区水务局",
            ),
            (
                T,
                "特此报告。\n临江市河西区交通运输局\n二〇二五年一月十日",
                "临江市河西区交通运输局",
            ),
            (T, "河东区财政局全年共收到咨询30余次。", "河东区财政局"),
            (
                T,
                "现将本局年度报告公布如下。特此报告。临江市河西区交通运输局",
                "临江市河西区交通运输局",
            ),
        ] {
            assert_eq!(found(ours, "", text), [other], "{text}");
        }
    }

    /// Issue 73.2: a neighbour's unit whose name differs from this one's by
    /// a character or two is another agency by the map, and subjects
    /// opened by 依照, 以, 对, 调整充实 are read.
    #[test]
    fn neighbours_on_the_map_are_other_agencies() {
        const Z: &str = "淄博市张店区交通运输局";
        for (ours, text, other) in [
            (
                Z,
                "临淄区交通运输局依照《条例》规定做好公开。",
                "临淄区交通运输局",
            ),
            (
                Z,
                "淄博市临淄区交通运输局以制度建设为抓手推进公开。",
                "淄博市临淄区交通运输局",
            ),
            (
                Z,
                "临淄区交通运输局对政务公开工作高度重视。",
                "临淄区交通运输局",
            ),
            (
                Z,
                "2024年，临淄区交通运输局调整充实了政务公开领导小组。",
                "临淄区交通运输局",
            ),
            (
                Z,
                "依照《条例》规定，临淄区交通运输局认真做好依申请公开。",
                "临淄区交通运输局",
            ),
            (
                "淄博市公安局交通警察支队张店大队",
                "临淄区交警大队高度重视政府信息公开工作。",
                "临淄区交警大队",
            ),
            (
                "淄博市张店区中埠镇综合执法办公室",
                "傅家镇综合执法办公室认真落实《条例》。",
                "傅家镇综合执法办公室",
            ),
            (
                "淄博市公安局张店分局",
                "淄博市公安局临淄分局扎实推进执法信息公开。",
                "淄博市公安局临淄分局",
            ),
            (
                Z,
                "对临淄区交通运输局门户网站进行了改版。",
                "临淄区交通运输局",
            ),
            (
                Z,
                "2024年，我局调整充实临淄区交通运输局政务公开领导小组。",
                "临淄区交通运输局",
            ),
            (Z, "以临淄区交通运输局名义发布解读3篇。", "临淄区交通运输局"),
        ] {
            assert_eq!(found(ours, "", text), [other], "{text}");
        }
        assert_quiet(
            (Z, ""),
            &[
                "淄博市交通运输局高度重视全市交通系统的公开。",
                "张店交通运输局高度重视政府信息公开工作。",
                "张店区人民政府对政务公开工作高度重视，本局逐项落实。",
                "根据临淄区交通运输局的要求，本局核对了公开目录。",
                "对临淄区交通运输局转来的申请，本局及时办理。",
                "对属于临淄区交通运输局职责的申请，本局转送临淄区交通运输局办理。",
                "《临淄区交通运输局政务公开工作要点》印发后，本局参照执行。",
                "马尚街道办事处对辖区公交站点信息公开高度重视。",
                "对淄博市交通运输局网站上的本局栏目及时更新。",
                "以张店区人民政府名义印发的文件均已公开。",
            ],
        );
        assert_quiet(
            (
                "淄博市张店区行政审批服务局",
                "淄博市张店区政务服务管理办公室",
            ),
            &["张店区政务服务管理办公室以便民为导向推进公开。"],
        );
        assert_quiet(
            ("淄博市公安局交通警察支队张店大队", ""),
            &[
                "张店交警大队高度重视政府信息公开工作。",
                "淄博市公安局交通警察支队以上率下推进公开。",
            ],
        );
    }

    /// The right half of the wording set: nothing is found.
    #[test]
    fn the_wording_sets_right_cases_stay_quiet() {
        assert_quiet(
            (T, ""),
            &[
                "根据市政府办公室的要求，本局及时更新公开目录。",
                "区审计局对我局2024年度预算执行情况开展审计。",
                "申请人所需信息由县财政局掌握，本局告知其向县财政局提出申请。",
                "市委、市政府高度重视政务公开工作，本局认真落实。",
                "区委区政府高度重视政府信息公开，本局逐项抓好落实。",
                "全年区政府高度重视政务公开，本局逐项抓好落实。",
                "临江市交通运输局高度重视全市交通运输系统的政务公开。",
                "逐项落实。\n临江市河东区交通运输局\n2025年1月20日",
                "国务院办公厅高度重视年度报告的质量，本局对照要求逐项核对。",
                "对属于区财政局职责的申请，本局转送区财政局办理。",
                "临江市人民政府2024年印发政务公开工作要点，本局逐条落实。",
                "区纪委监委严格执行监督检查制度，本局配合做好相关工作。",
                "2024年，本局扎实推进重点领域信息公开。\n河东区交通局主动公开许可结果152条。",
            ],
        );
        assert_quiet(
            ("临江市河东区市场监督管理局", "临江市河东区工商行政管理局"),
            &["河东区工商行政管理局严格按照条例要求办理申请。"],
        );
        assert_quiet(
            (GOV, ""),
            &[
                "区教育局主动公开招生入学信息，区卫生健康局公开接种点。",
                "河东区人民政府高度重视政府信息公开工作。",
            ],
        );
        assert_quiet(
            ("临江市公安局交通警察支队河东大队", ""),
            &["河东交警大队高度重视政府信息公开工作。"],
        );
        assert_quiet(
            ("临江市安平县人民政府", ""),
            &["县教育局高度重视招生信息公开，县卫生健康局及时公开信息。"],
        );
        assert_quiet(
            ("临江市河东区教育局", ""),
            &["各镇人民政府高度重视辖区学校信息公开。\n镇人民政府认真落实属地责任。"],
        );
        assert_quiet(
            ("临江市河东区人民政府", ""),
            &["河东区人民政府办公室认真落实政务公开工作要点。"],
        );
    }
}
