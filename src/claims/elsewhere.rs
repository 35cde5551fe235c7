//! Sentences about another body's work: a sentence opening with another
//! agency (`市住建局全年收到申请386件`), a whole area (`全区收到申请1520件`)
//! or the units under this one (`下属单位制发规范性文件2件`). Their figures,
//! changes and denials are that body's, not this report's tables', and are
//! not compared with them.

use super::subjects;
use crate::find::Find;
use crate::model::Report;
use crate::model::names::{self, Match, Standing};
use crate::slice::Slice;

/// The report's own agency, as the sentences' subjects are told from it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Ours {
    /// The agency's name and its former names.
    known: Vec<String>,
    /// Whether the report is a people's government's (its government and
    /// the government's office are one; a whole area may be its own).
    government: bool,
    /// The level of the government's area, when its name tells it (`镇` for
    /// `柳塘镇人民政府`): a wider area (`全区`) is not its own.
    level: Option<char>,
}

impl Ours {
    /// The agency of `report`.
    pub(crate) fn of(report: &Report) -> Self {
        let this = report.agency.value.trim();
        if this.is_empty() {
            return Self::default();
        }
        let mut known = vec![this.to_string()];
        known.extend(report.former_names().into_iter().map(String::from));
        let judged = report.judged();
        let government = judged.government || judged.march;
        Self {
            level: government.then(|| area_level(this)).flatten(),
            known,
            government,
        }
    }

    /// Whether `name` may be the report's own agency (an agency not
    /// written in the file is anyone's): placed as it, or not placed over
    /// or under it and written near it (`名称相差 1 个字`).
    fn may_be(&self, name: &str) -> bool {
        self.known.is_empty()
            || self
                .known
                .iter()
                .any(|k| match names::standing(name, k, self.government) {
                    Standing::Ours => true,
                    Standing::Above | Standing::Below => false,
                    Standing::Other => {
                        !matches!(names::find(name, std::slice::from_ref(k)), Match::None)
                    }
                })
    }
}

/// Whole areas a sentence may open with (`全区`): every agency of the
/// area, not this one, unless the report is the area's government's.
const AREAS: [&str; 9] = [
    "全省", "全市", "全区", "全县", "全州", "全盟", "全旗", "全镇", "全乡",
];

/// The level of the area a government's `name` governs: the character
/// before its organ (`柳塘镇人民政府` → `镇`, `望江区人民政府办公室` → `区`).
fn area_level(name: &str) -> Option<char> {
    let at = ["人民政府", "政府", "办事处"]
        .iter()
        .filter_map(|w| name.find(w))
        .min()?;
    let before = name.slice_to(at);
    let level = before
        .strip_suffix("街道")
        .map_or_else(|| before.chars().last(), |_| Some('街'));
    level.filter(|c| "省市区县州盟旗镇乡街".contains(*c))
}

/// Words opening a sentence about the units under the agency
/// (`下属单位`, `所属事业单位`, `局属学校`).
const UNDER: [&str; 6] = ["下属", "所属", "直属", "局属", "委属", "下级"];

/// Words opening a phrase of whose plan or with whom the agency works,
/// before its comma (`按照区政府办公室部署，`, `会同区城管局，`).
const PREPOSITIONS: [&str; 12] = [
    "按照", "根据", "依照", "依据", "对照", "会同", "配合", "协助", "在", "经", "受", "应",
];

/// Words a sentence may open with before its subject (`此外，`, `另外`).
const LINKS: [&str; 6] = ["此外", "另外", "同时", "另", "其中", "与此同时"];

/// Words inside an opening organ's name that make it a part of this
/// agency (`局办公室`, `政府信息公开办公室`) or a phrase, not a name
/// (`通过区政府`, `由区政府`).
const NOT_ANOTHER: [&str; 28] = [
    // "依托区政府门户网站": by means of its site.
    "依托",
    "利用",
    "借助",
    "结合",
    "围绕",
    "聚焦",
    "本",
    "我",
    "该",
    "信息公开",
    "政务公开",
    "机关",
    "各",
    "上述",
    "由",
    "通过",
    "申请",
    "公开",
    "的",
    "向",
    "经",
    "被",
    "将",
    "把",
    "收",
    "共",
    "对",
    "在",
];

/// Shortest and longest name read at a sentence's opening, in characters.
const NAME_CHARS: std::ops::RangeInclusive<usize> = 3..=20;

/// The body other than the report's agency the sentence `text` opens with,
/// as written, or `None` when it opens with the agency, its own words or
/// no body at all.
pub(crate) fn another_body(text: &str, ours: &Ours) -> Option<String> {
    // "全县各级行政机关共收到申请412件，本局收到64件": the sentence comes
    // back to this agency's own figures, and is read as before.
    if own_figures_later(text) {
        return None;
    }
    let at = subjects::after_time_lead(text, subjects::after_marks(text, 0));
    let mut rest = text.slice_from(at);
    for _ in 0..2 {
        let Some(r) = LINKS.iter().find_map(|w| rest.strip_prefix(w)) else {
            break;
        };
        let r = r.trim_start_matches(['，', ',']);
        rest = text.slice_from(subjects::after_time_lead(text, text.len() - r.len()));
    }
    // "按照区政府办公室部署，全年共办结申请140件": the body is the one
    // whose plan the agency follows; the subject comes after the comma.
    if let Some(p) = PREPOSITIONS.iter().find(|p| rest.starts_with(*p)) {
        let after = rest.slice_from(p.len());
        let comma = after.find(['，', ','])?;
        let r = after.slice_from(comma).trim_start_matches(['，', ',']);
        rest = text.slice_from(subjects::after_time_lead(text, text.len() - r.len()));
    }
    // "据统计，", "从全县情况看，": a short lead before the subject.
    rest = after_lead(text, rest);
    // "市住建局对我局全年办结的140件申请进行了抽查": this agency's figures.
    let first_clause = rest.split(['，', ',', '；', ';']).next().unwrap_or(rest);
    if OWN.iter().any(|w| first_clause.has_word(w)) {
        return None;
    }
    if let Some(w) = UNDER.iter().find(|w| rest.starts_with(*w)) {
        return Some((*w).to_string());
    }
    // "18个县直部门和12个乡镇人民政府共收到", "各分局共收到", "市、县两级
    // 公安机关共收到": several bodies together.
    // "全镇14个行政村共收到…": the area's several bodies.
    let counted_bodies = AREAS
        .iter()
        .find_map(|w| first_clause.strip_prefix(w))
        .unwrap_or(first_clause);
    if let Some(bodies) = several_bodies(counted_bodies) {
        return Some(bodies);
    }
    if let Some(w) = AREAS.iter().find(|w| rest.starts_with(*w)) {
        // "全区" in a township's report: the district, not its own area.
        let own = ours.government && ours.level.is_none_or(|level| w.ends_with(level));
        return (!own).then(|| (*w).to_string());
    }
    let run: Vec<(usize, char)> = rest
        .char_indices()
        .take(*NAME_CHARS.end() + 1)
        .take_while(|(_, c)| super::sentences::is_han(*c))
        .collect();
    // The shortest name at the opening: `区政府本级` is 区政府's.
    let name = (*NAME_CHARS.start()..=run.len().min(*NAME_CHARS.end()))
        .map(|k| {
            run.get(k)
                .map_or(rest.slice_to(run_end(&run)), |(i, _)| rest.slice_to(*i))
        })
        .find(|n| names::ends_as_organ(n))?;
    (is_a_name(name) && !ours.may_be(name)).then(|| name.to_string())
}

/// Whether `name`, ending as an organ's, reads as one named by its place
/// (`市住建局`, `区政府`, `街道办事处`, `某县财政局`), not a part of this
/// agency (`局办公室`, `政府信息公开办公室`) nor words run into an organ's
/// ending (`依申请公开由局`, `通过区政府`, `完善局`).
fn is_a_name(name: &str) -> bool {
    if NOT_ANOTHER.iter().any(|w| name.has_word(w)) {
        return false;
    }
    let Some(ending) = names::ORGAN_ENDINGS.iter().find(|e| name.ends_with(*e)) else {
        return false;
    };
    let place = name.slice_to(name.len() - ending.len());
    PLACES.iter().any(|p| place.contains(p))
}

/// Words of a place that name the region an organ serves.
const PLACES: [&str; 9] = ["省", "市", "区", "县", "州", "盟", "旗", "镇", "街道"];

/// Words opening a clause that make its subject the report's agency.
const OWN: [&str; 9] = [
    "本局",
    "我局",
    "本机关",
    "本单位",
    "本部门",
    "本委",
    "我委",
    "本办",
    "我办",
];

/// Whether a clause after the first opens with the agency's own words and
/// gives a figure (`，本局收到64件`).
fn own_figures_later(text: &str) -> bool {
    text.split(['，', ',', '；', ';']).skip(1).any(|clause| {
        let clause = clause.trim_start_matches(['其', '中', '而', '，']);
        OWN.iter().any(|w| clause.starts_with(w)) && clause.contains(|c: char| c.is_ascii_digit())
    })
}

/// Longest lead clause skipped before a sentence's subject, in characters.
const MAX_LEAD: usize = 12;

/// `rest` moved past a short lead clause with no figure and its comma
/// (`据统计，`, `经汇总，`, `从全县情况看，`), or unmoved.
fn after_lead<'a>(text: &'a str, rest: &'a str) -> &'a str {
    let Some(comma) = rest.find(['，', ',']) else {
        return rest;
    };
    let lead = rest.slice_to(comma);
    if lead.chars().count() > MAX_LEAD || lead.contains(|c: char| c.is_ascii_digit()) {
        return rest;
    }
    let r = rest.slice_from(comma).trim_start_matches(['，', ',']);
    text.slice_from(subjects::after_time_lead(text, text.len() - r.len()))
}

/// Bodies a clause may count several of (`18个县直部门`, `各分局`,
/// `14个行政村`).
const BODIES: [&str; 13] = [
    "村",
    "社区",
    "学校",
    "部门",
    "单位",
    "乡镇",
    "街道",
    "分局",
    "机关",
    "政府",
    "办事处",
    "县",
    "区",
];

/// The several bodies `clause` opens with as its subject (`18个县直部门`,
/// `各分局`) or names at two levels (`市、县两级`), or `None`.
fn several_bodies(clause: &str) -> Option<String> {
    if ["两级", "三级"].iter().any(|w| clause.has_word(w)) {
        return Some(clause.chars().take(8).collect());
    }
    let digits = clause.chars().take_while(char::is_ascii_digit).count();
    let counted = if digits > 0 {
        clause.slice_from(digits).strip_prefix('个')?
    } else {
        clause.strip_prefix('各')?
    };
    let head: String = counted.chars().take(10).collect();
    let end = BODIES
        .iter()
        .filter_map(|b| head.find(b).map(|at| at + b.len()))
        .max()?;
    let lead = clause.len() - counted.len();
    Some(clause.slice_to(lead + end).to_string())
}

/// The byte end of the last character of `run`.
fn run_end(run: &[(usize, char)]) -> usize {
    run.last().map_or(0, |(i, c)| i + c.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ours(name: &str) -> Ours {
        let government = name.ends_with("人民政府");
        Ours {
            known: vec![name.to_string()],
            government,
            level: government.then(|| area_level(name)).flatten(),
        }
    }

    #[test]
    fn another_agency_an_area_or_the_units_below_open_a_sentence_of_theirs() {
        let bureau = ours("清岚市望江区住房和城乡建设局");
        for (text, body) in [
            ("市住建局全年收到政府信息公开申请386件", "市住建局"),
            ("区政府本级收到申请210件，同比增长12%", "区政府"),
            ("区城管局实施住建领域行政处罚1200件", "区城管局"),
            ("全区收到申请1520件", "全区"),
            ("2025年，全区依申请公开量同比增长12%", "全区"),
            ("下属区房产事务中心另收到申请35件", "下属"),
            ("此外，下属单位制发规范性文件2件", "下属"),
            ("（二）街道办事处收到申请20件", "街道办事处"),
            ("根据市里统一部署，区政府本级收到申请210件", "区政府"),
            ("据统计，全市共收到政府信息公开申请612件", "全市"),
            ("从全县情况看，18个县直部门共收到申请236件", "18个县直部门"),
            ("11个县市区公安分局共收到申请322件", "11个县市区公安分局"),
            ("各分局共收到申请322件", "各分局"),
        ] {
            assert_eq!(another_body(text, &bureau).as_deref(), Some(body), "{text}");
        }
    }

    #[test]
    fn the_agency_its_offices_and_plain_sentences_are_its_own() {
        let bureau = ours("清岚市望江区住房和城乡建设局");
        for text in [
            "区住建局全年收到申请130件",
            "望江区住建局全年收到申请130件",
            "本局全年收到申请130件",
            "局办公室统一登记受理申请130件",
            "政府信息公开办公室共受理申请130件",
            "全年共收到申请130件",
            "收到申请130件",
            "行政复议机关维持原答复3件",
            "本年度共新收政府信息公开申请一百三十二件",
            "依申请公开由局办公室统一登记受理",
            "通过区政府门户网站公开信息1200条",
            "完善局信息公开专栏栏目设置",
            "全县各级行政机关共收到政府信息公开申请412件，本局收到64件",
            "按照区政府办公室部署，全年共办结申请140件",
            "会同区城管局，全年联合答复申请150件",
            "2025年，按照区政府工作部署，全年共办结申请140件",
            "市住建局对我局全年办结的140件申请进行了抽查",
            "全区住建领域依申请公开由本局统一承办，全年共收到申请150件",
            "按照区政府要求开展自查",
            "各科室共办理申请130件",
            "依申请公开方面，受理申请8件",
            "一是依托区政府门户网站，全年公开行政处罚决定162件",
        ] {
            assert_eq!(another_body(text, &bureau), None, "{text}");
        }
        // A government's report may speak of its whole area.
        let government = ours("清岚市望江区人民政府");
        assert_eq!(another_body("全区共收到申请130件", &government), None);
        assert_eq!(another_body("区政府本级收到申请130件", &government), None);
        // A township's: its own short names, and its villages' figures.
        let township = ours("清岚市望江区柳塘镇人民政府");
        for text in [
            "2025年，柳塘镇人民政府共收到政府信息公开申请31件",
            "镇政府全年共收到政府信息公开申请31件",
            "全镇共收到申请31件",
        ] {
            assert_eq!(another_body(text, &township), None, "{text}");
        }
        assert_eq!(
            another_body("全区共收到政府信息公开申请500件", &township).as_deref(),
            Some("全区")
        );
        assert_eq!(
            another_body("全镇14个行政村共收到村民查阅村务档案申请62件", &township).as_deref(),
            Some("14个行政村")
        );
        // A national organ's local branch by its short names.
        let tax = ours("国家税务总局清岚市望江区税务局");
        assert_eq!(another_body("区税务局全年收到申请60件", &tax), None);
        assert_eq!(another_body("望江区税务局全年收到申请60件", &tax), None);
        // No agency written: nothing is told apart.
        assert_eq!(
            another_body("市住建局收到申请386件", &Ours::default()),
            None
        );
    }
}
