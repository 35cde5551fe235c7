//! Where a report's prose names the agency doing the report's work, besides
//! its title (TEXT-AGENCY, read by `agency_text`): a name as the subject of
//! that work at the start of a clause (`某县财政局高度重视政府信息公开工作`,
//! `某县财政局2024年共收到…`), and a signature typed into a text, a last
//! line that is only an agency's name (a date line may follow it). A name
//! in any other place — `根据市政府办公室的要求`, `转送县财政局办理` — is
//! not read.

use super::sentences::is_han;
use crate::find::Find;
use crate::model::names;
use crate::slice::Slice;

/// An agency's name found where the report's own should stand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Named {
    /// Byte offset of the name in the text read.
    pub(crate) at: usize,
    /// The name as written.
    pub(crate) name: String,
    /// The name with the words after it that placed it (found in the
    /// source to place the finding at this occurrence).
    pub(crate) needle: String,
}

/// Work only the report's own agency does, said right after it as subject
/// (a neighbour's visit, `来我局交流`, is not among them).
const WORK: [&str; 49] = [
    // "某局坚持…", "某局把预决算公开作为重点", "某局围绕…".
    "坚持",
    "及时公开",
    "及时发布",
    "把",
    "围绕",
    "聚焦",
    "立足",
    "注重",
    "强化",
    "健全",
    "建立",
    "依照",
    "依据",
    "调整充实",
    "对照",
    "高度重视",
    "认真贯彻",
    "深入贯彻",
    "全面贯彻",
    "贯彻落实",
    "认真落实",
    "严格落实",
    "全面落实",
    "扎实推进",
    "积极推进",
    "持续推进",
    "深入推进",
    "大力推进",
    "进一步",
    "切实加强",
    "不断加强",
    "始终坚持",
    "紧紧围绕",
    "严格按照",
    "认真执行",
    "严格执行",
    "共收到",
    "共受理",
    "共新收",
    "共主动公开",
    "主动公开",
    "全年共",
    "本年度共",
    "年内共",
    "扎实做好",
    "认真做好",
    "全力做好",
    "不断完善",
    "持续完善",
];

/// Work said after the agency and a year (`某县财政局2024年共收到`).
const YEAR_WORK: [&str; 8] = [
    "共",
    "收到",
    "受理",
    "新收",
    "主动公开",
    "未收到",
    "未发生",
    "无",
];

/// Who in the agency is said to do the work (`某局党组高度重视`).
const WHO: [&str; 4] = ["党组", "领导班子", "主要领导", "主要负责同志"];

/// Words a clause starts with that are not an agency: this one's own
/// words, quantifiers, prepositions, the verbs that name the report.
const NOT_A_NAME: [&str; 20] = [
    "本", "我", "该", "各", "其", "此", "在", "对", "与", "将", "现将", "现予", "全市", "全区",
    "全县", "全省", "有关", "相关", "上述", "所属",
];

/// Words inside a name that make it this agency's own words (`现将本局`).
const OWN_WORDS: [&str; 6] = ["本局", "本机关", "本单位", "本委", "本办", "我"];

/// Time phrases a clause may open with before its subject.
const TIME_LEADS: [&str; 6] = ["今年以来", "一年来", "本年度", "报告期内", "年内", "全年"];

/// The characters that end a clause a subject may open.
const CLAUSE_ENDS: [char; 5] = ['。', '！', '？', '；', '\n'];

/// The numerals of a list number (`一、`, `（十）`).
const NUMERALS: [char; 10] = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/// Shortest and longest agency name read, in characters.
const NAME_CHARS: std::ops::RangeInclusive<usize> = 3..=40;

/// Most names read in one text.
const MAX_NAMES: usize = 20;

/// The agency names standing as the subject of the report's own work at
/// the start of a clause in `text`.
pub(crate) fn subjects(text: &str) -> Vec<Named> {
    let mut out = Vec::new();
    let mut start = Some(0);
    for (i, c) in text.char_indices() {
        if let Some(s) = start.take()
            && let Some(named) = subject_at(text, s)
        {
            out.push(named);
            if out.len() >= MAX_NAMES {
                break;
            }
        }
        if CLAUSE_ENDS.contains(&c) {
            start = Some(i + c.len_utf8());
        }
    }
    out
}

/// The agency standing as subject of the clause starting at `at`.
fn subject_at(text: &str, at: usize) -> Option<Named> {
    let at = after_time_lead(text, after_marks(text, at));
    if let Some(named) = introduced_at(text, at) {
        return Some(named);
    }
    let at = after_time_lead(text, after_opening(text, at));
    let rest = text.slice_from(at);
    if NOT_A_NAME.iter().any(|w| rest.starts_with(w)) {
        return None;
    }
    name_then(text, at, work_after)
}

/// The agency name at `at` of `text` for which `after` finds the words
/// that follow it (returning them), the shortest such.
fn name_then(text: &str, at: usize, after: impl Fn(&str) -> Option<&str>) -> Option<Named> {
    let rest = text.slice_from(at);
    let run: Vec<(usize, char)> = rest
        .char_indices()
        .take(*NAME_CHARS.end() + 1)
        .take_while(|(_, c)| is_han(*c))
        .collect();
    for k in *NAME_CHARS.start()..=run.len().min(*NAME_CHARS.end()) {
        let end = run
            .get(k)
            .map_or(run.last().map_or(0, |(i, c)| i + c.len_utf8()), |(i, _)| *i);
        let name = rest.slice_to(end);
        if !names::ends_as_organ(name) || OWN_WORDS.iter().any(|w| name.has_word(w)) {
            continue;
        }
        if let Some(work) = after(rest.slice_from(end)) {
            return Some(Named {
                at,
                name: name.to_string(),
                needle: format!("{name}{work}"),
            });
        }
    }
    None
}

/// Words that introduce the agency whose own things the clause works on
/// (`对某局网站进行改版`, `调整充实某局政务公开领导小组`, `以某局名义`).
const INTRODUCERS: [&str; 4] = ["调整充实", "依照", "对", "以"];

/// The agency's own words a clause may open with before an introducer
/// (`我局调整充实…`).
const OWN_OPENINGS: [&str; 14] = [
    "本局",
    "我局",
    "本机关",
    "本单位",
    "本镇",
    "我镇",
    "本乡",
    "我乡",
    "本街道",
    "我街道",
    "本办",
    "我办",
    "本委",
    "我委",
];

/// What only the report's own agency has, said right after its name
/// (`某局网站`, `某局政务公开领导小组`, `某局名义`).
const OWN_THINGS: [&str; 14] = [
    "网站",
    "门户网站",
    "政府网站",
    "领导小组",
    "政务公开领导小组",
    "政务公开工作领导小组",
    "工作专班",
    "名义",
    "政务新媒体",
    "微信公众号",
    "信息公开专栏",
    "政府信息公开专栏",
    "政府信息公开指南",
    "信息公开指南",
];

/// The agency an introducer opening the clause at `at` names as the owner
/// of what the report's work is done on (`对某局网站进行改版`), or `None`.
fn introduced_at(text: &str, at: usize) -> Option<Named> {
    let rest = text.slice_from(at);
    let rest = OWN_OPENINGS
        .iter()
        .find_map(|w| rest.strip_prefix(w))
        .unwrap_or(rest);
    let word = INTRODUCERS.iter().find(|w| rest.starts_with(*w))?;
    let start = text.len() - rest.len() + word.len();
    name_then(text, start, |after| {
        let of = after.strip_prefix('的').unwrap_or(after);
        let thing = OWN_THINGS.iter().find(|w| of.starts_with(*w))?;
        Some(after.slice_to(after.len() - of.len() + thing.len()))
    })
}

/// The words after an agency's name that make it the subject of the
/// report's work, or `None`.
fn work_after(after: &str) -> Option<&str> {
    let digits = after.chars().take_while(char::is_ascii_digit).count();
    let (year, rest) = match after.slice_from(digits).strip_prefix('年') {
        Some(r) if digits == 4 => {
            let r = r.strip_prefix('度').unwrap_or(r);
            (true, r.strip_prefix('，').unwrap_or(r))
        }
        _ => (false, after),
    };
    let rest = WHO
        .iter()
        .find_map(|w| rest.strip_prefix(w))
        .unwrap_or(rest);
    let work = WORK
        .iter()
        .chain(if year { &YEAR_WORK[..] } else { &[] })
        .find(|w| rest.starts_with(*w))
        .or_else(|| {
            // `某局以…为抓手`, `某局对…高度重视`, not `某局以上`, nor
            // `区审计局对我局开展审计` (this agency is what it works on).
            ["以", "对"].iter().find(|w| {
                rest.starts_with(*w)
                    && !NOT_WORK.iter().any(|n| rest.starts_with(n))
                    && !OWN_OPENINGS
                        .iter()
                        .any(|o| rest.slice_from(w.len()).starts_with(o))
            })
        })?;
    Some(after.slice_to(after.len() - rest.len() + work.len()))
}

/// Words starting with `以` or `对` after a name that say no work of it
/// (`某局以上`, `某局以及`, `某局对口`).
const NOT_WORK: [&str; 11] = [
    "以上", "以下", "以外", "以及", "以来", "以内", "以后", "以前", "以便", "对口", "对应",
];

/// Words opening a clause whose subject comes after its first comma
/// (`依照《条例》规定，某局…`): the name inside that opening, a superior's
/// document or request, is not read.
const OPENINGS: [&str; 7] = ["依照", "依据", "按照", "根据", "对照", "对", "以"];

/// Longest opening read before its comma, in characters.
const MAX_OPENING: usize = 40;

/// `at` moved past an opening phrase and its comma (`依照《条例》规定，`),
/// or unmoved.
fn after_opening(text: &str, at: usize) -> usize {
    let rest = text.slice_from(at);
    if !OPENINGS.iter().any(|w| rest.starts_with(w)) {
        return at;
    }
    for (count, (i, c)) in rest.char_indices().enumerate() {
        if count > MAX_OPENING || CLAUSE_ENDS.contains(&c) {
            break;
        }
        if c == '，' || c == ',' {
            return at + i + c.len_utf8();
        }
    }
    at
}

/// `at` moved past spaces, Markdown heading marks and a list number
/// (`（一）`, `一、`, `1.`).
pub(super) fn after_marks(text: &str, at: usize) -> usize {
    let rest = text
        .slice_from(at)
        .trim_start_matches(|c: char| c.is_whitespace() || c == '#');
    let numeral = |c: char| c.is_ascii_digit() || NUMERALS.contains(&c);
    let mut skipped = text.len() - rest.len();
    let inner = rest
        .strip_prefix(['（', '('])
        .map(|r| (r, r.trim_start_matches(numeral)));
    if let Some((r, after)) = inner
        && after.len() < r.len()
        && let Some(after) = after.strip_prefix(['）', ')'])
    {
        skipped = text.len() - after.len();
    } else {
        let after = rest.trim_start_matches(numeral);
        if after.len() < rest.len()
            && rest.len() - after.len() <= 9
            && let Some(after) = after.strip_prefix(['、', '.', '．'])
        {
            skipped = text.len() - after.len();
        }
    }
    skipped
}

/// `at` moved past a time phrase opening the clause (`2024年，`,
/// `今年以来，`, `全年` with no comma).
pub(super) fn after_time_lead(text: &str, at: usize) -> usize {
    let rest = text.slice_from(at);
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    let lead = if digits == 4
        && let Some(r) = rest.slice_from(digits).strip_prefix('年')
    {
        let r = r.strip_prefix('度').unwrap_or(r);
        // "2024年以来，"; not "2025年内蒙古…" with no comma.
        ["以来", "期间", "内"]
            .iter()
            .find_map(|w| r.strip_prefix(w))
            .filter(|after| after.starts_with(['，', ',']))
            .unwrap_or(r)
    } else if let Some(r) = TIME_LEADS.iter().find_map(|w| rest.strip_prefix(w)) {
        r
    } else {
        return at;
    };
    // The comma is often left out (`全年县政府…`): no agency's name
    // begins with a year or a time phrase.
    let lead = lead.strip_prefix(['，', ',']).unwrap_or(lead);
    text.len() - lead.len()
}

/// A signature typed at the end of `text`: its last line, or the line
/// before a last line that is a date, when it is only an agency's name
/// (or ends in one after its last sentence, `特此报告。某县财政局`).
pub(crate) fn signature(text: &str) -> Option<Named> {
    let mut lines = text
        .lines()
        .map(|l| l.trim_matches(|c: char| c.is_whitespace()))
        .filter(|t| !t.is_empty())
        .rev();
    let mut name = lines.next()?;
    if is_date(name) {
        name = lines.next()?;
    }
    // A name run on after the last sentence (`特此报告。某县财政局`).
    let name = name
        .rsplit_once(['。', '！'])
        .map_or(name, |(_, tail)| tail)
        .trim();
    let chars = name.chars().count();
    let agency = NAME_CHARS.contains(&chars)
        && name.chars().all(is_han)
        && names::ends_as_organ(name)
        && !NOT_A_NAME.iter().any(|w| name.starts_with(w))
        && !OWN_WORDS.iter().any(|w| name.has_word(w));
    agency.then(|| Named {
        // `name` is a slice of `text`.
        at: name.as_ptr() as usize - text.as_ptr() as usize,
        name: name.to_string(),
        needle: name.to_string(),
    })
}

/// Whether `line` is only a date (`2025年1月20日`, `二〇二五年一月二十日`).
fn is_date(line: &str) -> bool {
    line.chars().count() <= 16
        && line.ends_with('日')
        && line.contains('年')
        && line.contains('月')
        && line
            .chars()
            .all(|c| c.is_ascii_digit() || "年月日〇○零一二三四五六七八九十 ".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_of(found: Vec<Named>) -> Vec<String> {
        found.into_iter().map(|n| n.name).collect()
    }

    #[test]
    fn an_agency_doing_the_reports_work_is_read() {
        for (text, name) in [
            ("某县财政局高度重视政府信息公开工作。", "某县财政局"),
            ("2024年，区教育局认真贯彻落实《条例》。", "区教育局"),
            (
                "一、总体情况\n某市某区民政局2024年共收到申请5件。",
                "某市某区民政局",
            ),
            (
                "（一）主动公开\n某县人民政府办公室党组高度重视。",
                "某县人民政府办公室",
            ),
            ("今年以来，东城区卫健委扎实推进政务公开。", "东城区卫健委"),
            ("全年东城区卫健委扎实推进政务公开。", "东城区卫健委"),
            ("2024年区教育局认真贯彻落实《条例》。", "区教育局"),
            (
                "2025年内蒙古自治区卫生健康委员会认真贯彻落实《条例》。",
                "内蒙古自治区卫生健康委员会",
            ),
        ] {
            assert_eq!(names_of(subjects(text)), [name], "{text}");
        }
    }

    /// Issue 73.2: the agency whose own things the clause works on, after
    /// 对, 以, 依照, 调整充实.
    #[test]
    fn an_agency_introduced_as_the_owner_of_the_work_is_read() {
        for (text, name) in [
            ("对某县财政局网站进行全面改版。", "某县财政局"),
            (
                "2024年，我局调整充实某县财政局政务公开领导小组。",
                "某县财政局",
            ),
            ("以某县财政局名义发布政策解读5篇。", "某县财政局"),
            ("本局依照某县财政局政府信息公开指南受理申请。", "某县财政局"),
        ] {
            assert_eq!(names_of(subjects(text)), [name], "{text}");
        }
        for text in [
            "对某县财政局转来的申请，本局及时办理。",
            "对属于某县财政局职责的申请，本局告知申请人。",
            "以某县财政局牵头的联合检查为契机，梳理公开事项。",
        ] {
            assert!(subjects(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn an_agency_anywhere_else_is_not() {
        for text in [
            "根据市政府办公室的要求，本局高度重视。",
            "申请转送县财政局办理，县财政局已答复。",
            "本局高度重视政府信息公开工作。",
            "现将本局2024年度政府信息公开工作年度报告公布如下。",
            "现将我局2024年政府信息公开工作情况报告如下。",
            "在区政府的领导下，扎实推进政务公开。",
            "市委、市政府高度重视政府信息公开工作。",
            "区财政局2024年印发的通知要求各单位按时公开。",
            "各乡镇人民政府高度重视。",
        ] {
            assert!(subjects(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_name_alone_on_the_last_line_is_a_signature() {
        let s = signature("特此报告。\n\n某县财政局\n2025年1月20日\n").unwrap();
        assert_eq!(s.name, "某县财政局");
        assert_eq!("特此报告。\n\n某县财政局".get(s.at..), Some("某县财政局"));
        assert_eq!(
            signature("某县财政局\n二〇二五年一月二十日").unwrap().name,
            "某县财政局"
        );
        assert!(signature("特此报告。").is_none());
        assert_eq!(
            signature("特此报告。某县财政局\n").unwrap().name,
            "某县财政局"
        );
        assert!(signature("本局高度重视。区财政局配合。").is_none());
        assert!(signature("联系单位：某县财政局").is_none());
        assert!(signature("本局\n2025年1月20日").is_none());
    }
}
