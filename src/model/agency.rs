//! What the name of an agency says about it: whether its report is a
//! people's government's own (due 3月31日, carrying art. 50(4)'s 考核
//! results) or a department's (due 1月31日), and whether it may make 规章.

use crate::slice::Slice;
use std::sync::OnceLock;

/// The 设区的市 and 自治州 (data/rule-making-cities.tsv: source and date in
/// its header).
const CITIES_TSV: &str = include_str!("../../data/rule-making-cities.tsv");

/// Ethnic names that follow the place name in an 自治州's full name.
const ETHNIC: [&str; 18] = [
    "朝鲜",
    "土家",
    "藏",
    "彝",
    "布依",
    "苗",
    "哈尼",
    "壮",
    "傣",
    "白",
    "傈僳",
    "回",
    "蒙古",
    "柯尔克孜",
    "哈萨克",
    "侗",
    "景颇",
    "羌",
];

/// Names of the 设区的市 and 自治州, with the short forms of the 自治州
/// (`恩施州` for `恩施土家族苗族自治州`).
fn rule_making_places() -> &'static [String] {
    static PLACES: OnceLock<Vec<String>> = OnceLock::new();
    PLACES.get_or_init(|| {
        let mut out = Vec::new();
        for line in CITIES_TSV.lines().filter(|l| !l.starts_with('#')) {
            let Some(name) = line.split('\t').nth(2) else {
                continue;
            };
            out.push(name.to_string());
            if name.ends_with("自治州")
                && let Some(at) = name
                    .char_indices()
                    .find(|(i, _)| {
                        *i > 0 && ETHNIC.iter().any(|e| name.slice_from(*i).starts_with(e))
                    })
                    .map(|(i, _)| i)
            {
                out.push(format!("{}州", name.slice_to(at)));
            }
        }
        out
    })
}

/// Whether `agency` may make 规章 (《立法法》第九十一、九十三条): the
/// departments and commissions of the State Council, the People's Bank of
/// China, the National Audit Office and the directly affiliated bodies with
/// administrative functions; the governments of provinces, autonomous
/// regions, municipalities, 设区的市 and 自治州 (and their offices, which
/// publish the government's report).
pub fn may_make_rules(agency: &str) -> bool {
    // A name in traditional characters (`某市人民政府辦公室`) is read simplified.
    let simplified = super::hant::simplified(agency);
    let agency = simplified.trim();
    if let Some(national) = national_body(agency) {
        return national;
    }
    if agency.ends_with('部') && !agency.contains(['省', '市', '县', '区']) {
        // A ministry named without 中华人民共和国; "…银行…总部" is a branch.
        return institution_end(agency) == Some(agency.len());
    }
    let Some(gov) = agency.find("人民政府") else {
        return false;
    };
    let (place, rest) = agency.split_at_boundary(gov);
    let rest = rest.slice_from("人民政府".len());
    if !(rest.is_empty() || rest == "办公厅" || rest == "办公室") {
        return false;
    }
    // Provinces, autonomous regions and municipalities end the place name
    // (`山东省`, `北京市`); cities and prefectures are looked up.
    const MUNICIPALITIES: [&str; 4] = ["北京市", "天津市", "上海市", "重庆市"];
    place.ends_with('省')
        || place.ends_with("自治区")
        || MUNICIPALITIES.contains(&place)
        || rule_making_places()
            .iter()
            .any(|c| place.ends_with(c.as_str()))
}

/// National bodies with rule-making power whose names do not start with
/// 国务院, 中华人民共和国 or 国家.
const NATIONAL: [&str; 4] = [
    "中国人民银行",
    "审计署",
    "海关总署",
    "中国证券监督管理委员会",
];

/// Words that end the name of an institution, longest first at each place.
const INSTITUTIONS: [&str; 11] = [
    "海关总署",
    "委员会",
    "办公厅",
    "办公室",
    "总局",
    "总署",
    "银行",
    "海关",
    "部",
    "署",
    "局",
];

/// The byte index where the first institution named in `name` ends.
fn institution_end(name: &str) -> Option<usize> {
    name.char_indices().find_map(|(i, _)| {
        INSTITUTIONS
            .iter()
            .find(|w| name.slice_from(i).starts_with(*w))
            .map(|w| i + w.len())
    })
}

/// Whether a national body's name (`国家税务总局…`, `中华人民共和国…`,
/// `国务院…`, 中国人民银行, …) is the national body itself, which may make
/// 规章, or a local branch or unit of it, which may not: a customs district
/// (`中华人民共和国青岛海关`), a regulator's local office (`国家金融监督管理总局
/// 青岛监管分局`), a provincial or city tax bureau (`国家税务总局青岛市税务局`).
/// `None` when the name is not a national body's.
fn national_body(agency: &str) -> Option<bool> {
    let rest = NATIONAL
        .iter()
        .find_map(|n| {
            let n_full = format!("中华人民共和国{n}");
            agency
                .strip_prefix(n_full.as_str())
                .or_else(|| agency.strip_prefix(n))
                .map(|rest| (n.len(), rest))
        })
        .map(|(_, rest)| rest.to_string());
    if let Some(rest) = rest {
        return Some(rest.is_empty());
    }
    let body = ["中华人民共和国", "国务院"]
        .iter()
        .find_map(|p| agency.strip_prefix(p))
        .or_else(|| agency.starts_with("国家").then_some(agency))?;
    if body.is_empty() {
        return Some(false);
    }
    let Some(end) = institution_end(body) else {
        return Some(false);
    };
    let (name, branch) = body.split_at_boundary(end);
    let local = name.ends_with("海关") && !name.ends_with("海关总署") || starts_with_place(name);
    Some(branch.is_empty() && !local)
}

/// Whether `name` begins with the name of a province or city
/// (`上海海事局`, `青岛海关`): a local body.
fn starts_with_place(name: &str) -> bool {
    place_stems().iter().any(|p| name.starts_with(p.as_str()))
}

/// Provinces and cities without their 省/市/自治区 suffix (`山东`, `青岛`,
/// `广西`), for telling a local body from a national one.
fn place_stems() -> &'static [String] {
    static STEMS: OnceLock<Vec<String>> = OnceLock::new();
    STEMS.get_or_init(|| {
        let mut out: Vec<String> = Vec::new();
        for line in CITIES_TSV.lines().filter(|l| !l.starts_with('#')) {
            for name in line.split('\t').skip(1) {
                let stem = stem(name);
                if stem.chars().count() >= 2 && !out.contains(&stem) {
                    out.push(stem);
                }
            }
        }
        out.extend(["北京", "天津", "上海", "重庆"].map(String::from));
        out
    })
}

/// A place name without its administrative suffix.
fn stem(name: &str) -> String {
    for suffix in ["自治区", "自治州", "省", "市", "州", "地区", "盟"] {
        if let Some(s) = name.strip_suffix(suffix) {
            // 广西壮族自治区 → 广西, 新疆维吾尔自治区 → 新疆; 内蒙古, 西藏 stay.
            let cut = ETHNIC
                .iter()
                .chain(&["维吾尔"])
                .filter_map(|e| s.find(e).filter(|i| *i > 0))
                .min()
                .map_or(s, |i| s.slice_to(i));
            let s = if cut.chars().count() >= 2 { cut } else { s };
            return s.to_string();
        }
    }
    name.to_string()
}

/// Whether `agency` is a people's government whose report is the
/// government's own: `某县人民政府`, or its 办公厅/办公室 publishing it as
/// the 政府信息公开工作主管部门.
pub fn is_government(agency: &str) -> bool {
    without_office(agency).ends_with("人民政府")
}

/// `agency` in simplified characters, trimmed, and without a trailing
/// 办公厅/办公室: the body whose report its office publishes
/// (`某县人民政府办公室` → `某县人民政府`).
fn without_office(agency: &str) -> String {
    let simplified = super::hant::simplified(agency);
    let a = simplified.trim();
    a.strip_suffix("办公厅")
        .or_else(|| a.strip_suffix("办公室"))
        .unwrap_or(a)
        .to_string()
}

/// Whether `agency` is the administrative committee of a zone that acts as
/// a local government (`平潭综合实验区管理委员会`, `某某新区管委会`), or its
/// office publishing the zone's report: due like a people's government.
pub fn is_zone_government(agency: &str) -> bool {
    let body = without_office(agency);
    let a = body.as_str();
    let Some(zone) = a
        .strip_suffix("管理委员会")
        .or_else(|| a.strip_suffix("管委会"))
    else {
        return false;
    };
    // Zone kinds printed in their names.
    [
        "实验区",
        "新区",
        "开发区",
        "高新区",
        "示范区",
        "合作区",
        "试验区",
    ]
    .iter()
    .any(|k| zone.ends_with(k))
}

/// What a data file (`机关类型`) or a roster declares an agency to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A people's government, its 办公厅/办公室 publishing the government's
    /// report, or a zone's 管委会 acting as one: `政府`.
    Government,
    /// A department or any other agency: `部门`.
    Department,
}

/// The words accepted for [`Kind::Government`], the first the one written.
const GOVERNMENT_WORDS: [&str; 9] = [
    "政府",
    "人民政府",
    "县级以上人民政府",
    "乡镇人民政府",
    "政府办公室",
    "政府办公厅",
    "人民政府办公室",
    "人民政府办公厅",
    "管委会",
];

/// The words accepted for [`Kind::Department`], the first the one written.
const DEPARTMENT_WORDS: [&str; 6] = [
    "部门",
    "政府部门",
    "工作部门",
    "政府工作部门",
    "单位",
    "其他机关",
];

impl Kind {
    /// The kind a declared value names (`政府`, `部门` and their synonyms:
    /// `人民政府`, `政府办公室`, `管委会`; `政府部门`, `工作部门`, `单位`),
    /// spaces and full-width letters aside; `None` for anything else.
    pub fn parse(text: &str) -> Option<Kind> {
        let simplified = super::hant::simplified(text);
        let word = super::names::normalize(&simplified);
        if GOVERNMENT_WORDS.contains(&word.as_str()) {
            Some(Kind::Government)
        } else if DEPARTMENT_WORDS.contains(&word.as_str()) {
            Some(Kind::Department)
        } else {
            None
        }
    }

    /// The word a data file writes for the kind.
    pub fn word(self) -> &'static str {
        match self {
            Kind::Government => GOVERNMENT_WORDS[0],
            Kind::Department => DEPARTMENT_WORDS[0],
        }
    }
}

/// Where an agency's kind was taken from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// The data file's `机关类型`.
    File,
    /// The roster's 机关类型 column (a batch check, the server).
    Roster,
    /// The agency's name (no declaration).
    Name,
}

/// What a report's agency is taken to be, and on what basis: the one
/// answer the rules, `new` and the deadlines ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Judged {
    /// The report is a people's government's own: it carries the results
    /// of 考核、评议和责任追究 (条例 art. 50(4)).
    pub government: bool,
    /// The report is due by 3月31日 (条例 art. 49: 县级以上地方人民政府,
    /// zones' 管委会); otherwise by 1月31日.
    pub march: bool,
    /// Where this was taken from.
    pub basis: Basis,
}

impl Judged {
    /// The judgement in a few words, as the workbench shows it beside the
    /// field 机关类型: `按名称判断为部门`, `按数据文件：政府`,
    /// `按汇总名单：政府`.
    pub fn short_text(&self) -> String {
        let kind = if self.government || self.march {
            Kind::Government
        } else {
            Kind::Department
        };
        match self.basis {
            Basis::File => format!("按数据文件：{}", kind.word()),
            Basis::Roster => format!("按汇总名单：{}", kind.word()),
            Basis::Name => format!("按名称判断为{}", kind.word()),
        }
    }

    /// The basis in words, for a finding's text: `按数据文件中的“机关类型:
    /// 政府”判断`, or, from the name, what the name was taken for and the
    /// key that would say otherwise.
    pub fn basis_text(&self) -> String {
        let kind = if self.government || self.march {
            Kind::Government
        } else {
            Kind::Department
        };
        let other = match kind {
            Kind::Government => Kind::Department,
            Kind::Department => Kind::Government,
        };
        match self.basis {
            Basis::File => format!("按数据文件中的“机关类型: {}”判断", kind.word()),
            Basis::Roster => format!("按汇总名单中的机关类型“{}”判断", kind.word()),
            Basis::Name => format!(
                "按机关名称判断为{}；如不对，在数据文件中写“机关类型: {}”",
                match kind {
                    Kind::Government => "人民政府（或其办公室、管委会）",
                    Kind::Department => "政府部门",
                },
                other.word()
            ),
        }
    }
}

/// What the agency `name` is taken to be: what was `declared` (by the data
/// file or a roster) first, its name only as a default
/// ([`is_government`], [`due_in_march`]). A government declared is due in
/// March unless its name is a township's or a sub-district's.
pub fn judge(name: &str, declared: Option<(Kind, Basis)>) -> Judged {
    match declared {
        Some((Kind::Government, basis)) => Judged {
            government: true,
            march: !is_township(name),
            basis,
        },
        Some((Kind::Department, basis)) => Judged {
            government: false,
            march: false,
            basis,
        },
        None => Judged {
            government: is_government(name),
            march: due_in_march(name),
            basis: Basis::Name,
        },
    }
}

/// Whether `agency` names a township's or sub-district's body (镇, 乡,
/// 街道 before its 人民政府 or 办事处).
fn is_township(agency: &str) -> bool {
    let simplified = super::hant::simplified(agency);
    let a = simplified.trim();
    let place = ["人民政府", "办事处"]
        .iter()
        .find_map(|w| a.find(w))
        .map_or(a, |at| a.slice_to(at));
    place.ends_with('镇') || place.ends_with('乡') || place.ends_with("街道")
}

/// Whether the report is due by 3月31日 (条例 art. 49): the reports of
/// 县级以上地方人民政府. Townships and sub-districts report like
/// departments, by 1月31日.
pub fn due_in_march(agency: &str) -> bool {
    if is_zone_government(agency) {
        return true;
    }
    if !is_government(agency) {
        return false;
    }
    !is_township(agency)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn who_may_make_rules() {
        for yes in [
            "淄博市人民政府",
            "山东省淄博市人民政府",
            "山东省人民政府办公厅",
            "北京市人民政府",
            "广西壮族自治区人民政府",
            "恩施土家族苗族自治州人民政府",
            "恩施州人民政府",
            "东莞市人民政府",
            "国家税务总局",
            "公安部",
            "中国人民银行",
            "审计署",
            "海关总署",
            "中华人民共和国海关总署",
            "国家金融监督管理总局",
            "国家外汇管理局",
            "国家发展和改革委员会",
            "中华人民共和国财政部",
            "国务院国有资产监督管理委员会",
            "国家市场监督管理总局",
        ] {
            assert!(may_make_rules(yes), "{yes}");
        }
        for no in [
            "淄博市公安局交通警察支队张店大队",
            "张店区人民政府",
            "邹平市人民政府",
            "义乌市人民政府",
            "某某镇人民政府",
            "国家税务总局某县税务局",
            "国家税务总局青岛市税务局",
            "国家金融监督管理总局青岛监管分局",
            "国家外汇管理局深圳分局",
            "国家统计局山东调查总队",
            "中华人民共和国青岛海关",
            "中华人民共和国拱北海关",
            "拱北海关",
            "中华人民共和国上海海事局",
            "中国人民银行上海总部",
            "中国人民银行济南分行",
            "中国证券监督管理委员会北京监管局",
            "海关总署广东分署",
            "淄博市人民政府国有资产监督管理委员会",
        ] {
            assert!(!may_make_rules(no), "{no}");
        }
        assert_eq!(rule_making_places().len(), 323 + 30);
    }

    #[test]
    fn names_in_traditional_characters_are_read_simplified() {
        assert!(is_government("某市人民政府辦公室"));
        assert!(due_in_march("某縣人民政府辦公室"));
        assert!(is_zone_government("某某新區管委會"));
    }

    /// Governments and their offices, and zones' committees, report by
    /// March; departments and towns do not.
    #[test]
    fn governments_zones_and_departments() {
        for (name, government, march) in [
            ("淄博市人民政府", true, true),
            ("淄博市人民政府办公室", true, true),
            ("山东省人民政府办公厅", true, true),
            ("张店区人民政府", true, true),
            ("张店区人民政府办公室", true, true),
            ("某某镇人民政府", true, false),
            ("淄博市公安局", false, false),
            ("平潭综合实验区管理委员会", false, true),
            ("某某新区管委会办公室", false, true),
            ("某某新区管委会财政局", false, false),
            ("某某县住房和城乡建设局", false, false),
        ] {
            assert_eq!(is_government(name), government, "{name}");
            assert_eq!(due_in_march(name), march, "{name}");
        }
    }

    #[test]
    fn the_declared_kind_comes_before_the_name() {
        assert_eq!(Kind::parse(" 政府 "), Some(Kind::Government));
        assert_eq!(Kind::parse("人民政府办公室"), Some(Kind::Government));
        assert_eq!(Kind::parse("政府部门"), Some(Kind::Department));
        assert_eq!(Kind::parse("局"), None);
        let named = judge("某县人民政府办公室", None);
        assert!(named.government && named.march && named.basis == Basis::Name);
        assert!(named.basis_text().contains("机关类型: 部门"));
        let declared = judge("某县人民政府办公室", Some((Kind::Department, Basis::File)));
        assert!(!declared.government && !declared.march);
        assert_eq!(declared.basis_text(), "按数据文件中的“机关类型: 部门”判断");
        let zone = judge(
            "某某高新技术产业开发区管理委员会",
            Some((Kind::Government, Basis::Roster)),
        );
        assert!(zone.government && zone.march);
        let town = judge("某县某镇人民政府", Some((Kind::Government, Basis::File)));
        assert!(town.government && !town.march);
        assert!(!judge("某某街道办事处", None).march);
    }
}
