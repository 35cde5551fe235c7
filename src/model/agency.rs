//! What the name of an agency says about it: whether its report is a
//! people's government's own (due 3月31日, carrying art. 50(4)'s 考核
//! results) or a department's (due 1月31日), and whether it may make 规章.

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
                    .find(|(i, _)| *i > 0 && ETHNIC.iter().any(|e| name[*i..].starts_with(e)))
                    .map(|(i, _)| i)
            {
                out.push(format!("{}州", &name[..at]));
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
    let agency = agency.trim();
    if [
        "中国人民银行",
        "审计署",
        "海关总署",
        "中国证券监督管理委员会",
    ]
    .iter()
    .any(|n| agency == *n || agency == format!("中华人民共和国{n}"))
    {
        return true;
    }
    // State Council departments: national bodies with no place name after the prefix.
    for prefix in ["国务院", "中华人民共和国", "国家"] {
        if let Some(rest) = agency.strip_prefix(prefix) {
            return !["省", "市", "县", "区", "州", "海关", "局"]
                .iter()
                .any(|p| rest.contains(p) && !rest.ends_with(p))
                || rest.ends_with("总局")
                || rest.ends_with("总署");
        }
    }
    if agency.ends_with('部') && !agency.contains(['省', '市', '县', '区']) {
        return true;
    }
    let Some(gov) = agency.find("人民政府") else {
        return false;
    };
    let (place, rest) = agency.split_at(gov);
    let rest = &rest["人民政府".len()..];
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

/// Whether `agency` is a people's government whose report is the
/// government's own: `某县人民政府`, or its 办公厅/办公室 publishing it as
/// the 政府信息公开工作主管部门.
pub fn is_government(agency: &str) -> bool {
    let a = agency.trim();
    let a = a
        .strip_suffix("办公厅")
        .or_else(|| a.strip_suffix("办公室"))
        .unwrap_or(a);
    a.ends_with("人民政府")
}

/// Whether the report is due by 3月31日 (条例 art. 49): the reports of
/// 县级以上地方人民政府. Townships and sub-districts report like
/// departments, by 1月31日.
pub fn due_in_march(agency: &str) -> bool {
    if !is_government(agency) {
        return false;
    }
    let a = agency.trim();
    let place = &a[..a.find("人民政府").unwrap_or(a.len())];
    !(place.ends_with('镇') || place.ends_with('乡') || place.ends_with("街道"))
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
            "淄博市人民政府国有资产监督管理委员会",
        ] {
            assert!(!may_make_rules(no), "{no}");
        }
        assert_eq!(rule_making_places().len(), 323 + 30);
    }

    #[test]
    fn governments_and_departments() {
        assert!(is_government("淄博市人民政府"));
        assert!(is_government("淄博市人民政府办公室"));
        assert!(is_government("山东省人民政府办公厅"));
        assert!(!is_government("淄博市公安局"));
        assert!(due_in_march("张店区人民政府"));
        assert!(due_in_march("张店区人民政府办公室"));
        assert!(!due_in_march("某某镇人民政府"));
        assert!(!due_in_march("淄博市公安局"));
    }
}
