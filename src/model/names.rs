//! Agency names as people type them: the same agency written with or
//! without its region (`张店区审计局` and `淄博市张店区审计局`), with a slip
//! of one or two characters, with full-width letters or spaces. Used to
//! match a folder's files against a roster and against last year's folder,
//! and last year's file against this year's agency (PREV). Bounded: a name
//! longer than [`MAX_MATCHED_CHARS`] matches nothing.

use super::places::{self, Relation};
use crate::slice::Slice;
use std::collections::HashMap;

/// An agency name compared without spaces (also 全角空格), a byte-order
/// mark or control characters, with full-width letters, digits and brackets
/// made half-width.
pub fn normalize(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{feff}' && !crate::source::is_hidden(*c))
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            c => c,
        })
        .collect()
}

/// The characters a region's name ends with: 省, 市, 区, 县, 州, 旗, 盟.
const REGION_ENDS: [char; 7] = ['省', '市', '区', '县', '州', '旗', '盟'];

/// The longest a region's name is taken to be, in characters (`内蒙古自治区`).
const MAX_REGION_CHARS: usize = 8;

/// `name` (normalized) split into the regions it starts with and the rest:
/// `淄博市张店区审计局` → (`["淄博市", "张店区"]`, `审计局`). A region is
/// two to eight characters ending in one of [`REGION_ENDS`]; the rest keeps
/// at least two characters (`张店区市场监督管理局` keeps `市场监督管理局`).
pub fn split_regions(name: &str) -> (Vec<&str>, &str) {
    let mut regions = Vec::new();
    let mut rest = name;
    'outer: loop {
        for (count, (i, c)) in rest.char_indices().enumerate().skip(1) {
            if count >= MAX_REGION_CHARS {
                break;
            }
            if REGION_ENDS.contains(&c) {
                let end = i + c.len_utf8();
                if rest.slice_from(end).chars().count() >= 2 {
                    regions.push(rest.slice_to(end));
                    rest = rest.slice_from(end);
                    continue 'outer;
                }
            }
        }
        break;
    }
    (regions, rest)
}

/// Longest agency name matched, in characters, once normalized (the
/// longest real ones have about 35; a data file allows 64).
pub const MAX_MATCHED_CHARS: usize = 128;

/// `name` as names are compared ([`normalize`]), or `None` when it is
/// longer than [`MAX_MATCHED_CHARS`]: such a name matches nothing, and is
/// rejected after reading that many characters, whatever its length, so
/// matching costs the same for a name of three million characters.
pub fn key(name: &str) -> Option<String> {
    // Room for the spaces normalizing drops.
    if name.chars().nth(4 * MAX_MATCHED_CHARS).is_some() {
        return None;
    }
    let key = normalize(name);
    (key.chars().count() <= MAX_MATCHED_CHARS).then_some(key)
}

/// Candidate names made ready for [`Index::find`] once: the one way the
/// roster, last year's folder and the aggregate match names. Made once per
/// run (per roster, per folder), a name is then found exactly in time
/// proportional to its length, and nearly among only the candidates that
/// can be near it ([`Index::near_candidates`]).
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// Each key ([`key`]) to the first candidate that has it.
    exact: HashMap<String, usize>,
    /// The keys with their short forms written out ([`written_out`]).
    longs: Vec<Option<String>>,
    /// The candidates by the length in characters of their written-out
    /// key's core (the key without its regions, [`split_regions`]), in
    /// candidate order: only cores within two characters can be near.
    by_core_chars: HashMap<usize, Vec<usize>>,
    /// The candidates by their last region (empty: none) and their core's
    /// length: a core a character or two apart is near only under the
    /// same last region, or where one name has none.
    by_region_chars: HashMap<(String, usize), Vec<usize>>,
    /// The candidates by their core: the same core under more or fewer
    /// regions is near whatever the lengths.
    by_core: HashMap<String, Vec<usize>>,
}

impl Index {
    /// The index of `candidates`, in their order.
    pub fn new<S: AsRef<str>>(candidates: &[S]) -> Index {
        Index::from_keys(candidates.iter().map(|c| key(c.as_ref())).collect())
    }

    /// The index of candidates already made into [`key`]s.
    pub fn from_keys(keys: Vec<Option<String>>) -> Index {
        let longs: Vec<Option<String>> =
            keys.iter().map(|k| k.as_deref().map(written_out)).collect();
        let mut by_core_chars: HashMap<usize, Vec<usize>> = HashMap::new();
        let mut by_region_chars: HashMap<(String, usize), Vec<usize>> = HashMap::new();
        let mut by_core: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, long) in longs.iter().enumerate() {
            if let Some(long) = long {
                let (regions, core) = split_regions(long);
                let chars = core.chars().count();
                by_core_chars.entry(chars).or_default().push(i);
                let last = regions.last().copied().unwrap_or_default().to_string();
                by_region_chars.entry((last, chars)).or_default().push(i);
                by_core.entry(core.to_string()).or_default().push(i);
            }
        }
        let mut exact = HashMap::new();
        for (i, k) in keys.into_iter().enumerate() {
            if let Some(k) = k {
                exact.entry(k).or_insert(i);
            }
        }
        Index {
            exact,
            longs,
            by_core_chars,
            by_region_chars,
            by_core,
        }
    }

    /// Finds `name` among the candidates: exactly, else the one it nearly
    /// matches (one is the other with regions added in front, or the two
    /// differ by one or two characters once their regions, which must
    /// agree, are set aside). Costs at most [`MAX_MATCHED_CHARS`] per
    /// candidate that can be near it.
    pub fn find(&self, name: &str) -> Match {
        let Some(key) = key(name).filter(|k| !k.is_empty()) else {
            return Match::None;
        };
        if let Some(&i) = self.exact.get(&key) {
            return Match::Exact(i);
        }
        // Short forms written out (管委会 / 管理委员会).
        let long = written_out(&key);
        let near: Vec<(usize, String)> = self
            .near_candidates(&long)
            .into_iter()
            .filter_map(|i| {
                let c = self.longs.get(i)?.as_deref()?;
                near_written_out(&long, c).map(|why| (i, why))
            })
            .collect();
        Match::of_near(near)
    }

    /// The candidates that can be near `long` (written out), in candidate
    /// order, as [`near`] judges: the same core (any regions), or a core
    /// at most two characters longer or shorter under the same last
    /// region, or where either name has no region.
    fn near_candidates(&self, long: &str) -> Vec<usize> {
        let (regions, core) = split_regions(long);
        let chars = core.chars().count();
        let lengths = chars.saturating_sub(2)..=chars + 2;
        let mut found: Vec<usize> = self.by_core.get(core).cloned().unwrap_or_default();
        match regions.last() {
            // No region: any candidate of about the same length.
            None => found.extend(
                lengths
                    .filter_map(|n| self.by_core_chars.get(&n))
                    .flatten()
                    .copied(),
            ),
            Some(last) => {
                for n in lengths {
                    for region in [*last, ""] {
                        if let Some(list) = self.by_region_chars.get(&(region.to_string(), n)) {
                            found.extend(list.iter().copied());
                        }
                    }
                }
            }
        }
        found.sort_unstable();
        found.dedup();
        found
    }
}

/// Common short forms of agency names and what they stand for (printed
/// phrases): a name typed with one is the same agency as one typed in full.
const SHORT_FORMS: &[(&str, &str)] = &[
    ("管委会", "管理委员会"),
    ("发改委", "发展和改革委员会"),
    ("发改局", "发展和改革局"),
    ("卫健委", "卫生健康委员会"),
    ("卫健局", "卫生健康局"),
    ("科委", "科学技术委员会"),
    ("科技局", "科学技术局"),
    ("经信委", "经济和信息化委员会"),
    ("经信局", "经济和信息化局"),
    ("工信局", "工业和信息化局"),
    ("住建局", "住房和城乡建设局"),
    ("住建委", "住房和城乡建设委员会"),
    ("人社局", "人力资源和社会保障局"),
    ("市监局", "市场监督管理局"),
    ("市场监管局", "市场监督管理局"),
    ("文旅局", "文化和旅游局"),
    ("文广旅局", "文化广电和旅游局"),
    ("应急局", "应急管理局"),
    ("医保局", "医疗保障局"),
    ("退役军人局", "退役军人事务局"),
    ("民宗局", "民族宗教事务局"),
    ("农业农村局", "农业农村局"),
    ("交通局", "交通运输局"),
    ("教体局", "教育和体育局"),
    ("自然资源局", "自然资源局"),
    ("资规局", "自然资源和规划局"),
    ("生态环境分局", "生态环境分局"),
    ("政府办", "人民政府办公室"),
];

/// `name` (normalized) with its short forms written out
/// (`某区管委会` → `某区管理委员会`, `某县卫健委` → `某县卫生健康委员会`).
pub fn written_out(name: &str) -> String {
    let mut out = name.to_string();
    for (short, full) in SHORT_FORMS {
        if short == full || out.contains(full) {
            continue;
        }
        // A short form names the organ: it ends the name (`政府办` in
        // `市政府办公室` is no short form).
        if out.ends_with(short) {
            let at = out.len() - short.len();
            out.replace_range(at.., full);
        }
    }
    out
}

/// How a name matched one of the candidates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Match {
    /// The same name (spaces and full-width letters aside).
    Exact(usize),
    /// Probably this candidate: the reason, in Chinese.
    Near(usize, String),
    /// Near several candidates, equally: which ones.
    Ambiguous(Vec<usize>),
    /// Near none.
    None,
}

impl Match {
    /// The match of the candidates a name is near, each with the reason:
    /// none, one, or several equally.
    fn of_near(near: Vec<(usize, String)>) -> Match {
        match near.len() {
            0 => Match::None,
            1 => {
                let (i, why) = near.into_iter().next().unwrap_or_default();
                Match::Near(i, why)
            }
            _ => Match::Ambiguous(near.into_iter().map(|(i, _)| i).collect()),
        }
    }
}

/// Why `long` is probably `candidate`, both normalized with their short
/// forms written out: the same once written out, or [`near`].
fn near_written_out(long: &str, candidate: &str) -> Option<String> {
    if candidate == long {
        return Some("简称与全称".to_string());
    }
    near(long, candidate)
}

/// Finds `name` among `candidates` (see [`Index::find`]); to match many
/// names against the same candidates, make the [`Index`] once.
pub fn find(name: &str, candidates: &[String]) -> Match {
    Index::new(candidates).find(name)
}

/// Why `a` is probably `b` (both normalized), or `None`.
fn near(a: &str, b: &str) -> Option<String> {
    // Two places on the map are two agencies, however alike their names
    // (`淄博市公安局临淄分局`, `淄博市公安局张店分局`).
    // A slip of one character that hides a unit's kind (`张店大对` for
    // `张店大队`) may place the name a level up: still the same agency.
    match places::relation(a, b) {
        Some((Relation::Other, ..)) => return None,
        Some((Relation::Above | Relation::Below, ..)) if distance(a, b, 1) > 1 => return None,
        _ => {}
    }
    let (ra, core_a) = split_regions(a);
    let (rb, core_b) = split_regions(b);
    let suffix = |short: &[&str], long: &[&str]| long.ends_with(short);
    if core_a == core_b {
        // The same agency named with more or fewer regions in front.
        if ra.len() < rb.len() && suffix(&ra, &rb) {
            return Some(format!(
                "少写了地名“{}”",
                rb[..rb.len() - ra.len()].concat()
            ));
        }
        if rb.len() < ra.len() && suffix(&rb, &ra) {
            return Some(format!(
                "多写了地名“{}”",
                ra[..ra.len() - rb.len()].concat()
            ));
        }
        return None;
    }
    // Regions that disagree name another agency of the same kind.
    if ra.last() != rb.last() && !ra.is_empty() && !rb.is_empty() {
        return None;
    }
    let longest = core_a.chars().count().max(core_b.chars().count());
    let allowed = match longest {
        0..=3 => 0,
        4..=6 => 1,
        _ => 2,
    };
    let d = distance(core_a, core_b, allowed);
    (d > 0 && d <= allowed).then(|| format!("名称相差 {d} 个字"))
}

/// The edit distance of `a` and `b` in characters; any value above `limit`
/// is returned as `limit + 1` (names are short: no need to be clever).
pub fn distance(a: &str, b: &str, limit: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit {
        return limit + 1;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut row = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            row[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(row[j] + 1);
        }
        prev = row;
    }
    prev[b.len()].min(limit + 1)
}

/// Words an agency's name ends with, as prose names one (`…局`,
/// `…人民政府办公室`, `…管委会`, `…大队`); a name ending otherwise is not
/// taken for an agency's.
pub const ORGAN_ENDINGS: [&str; 14] = [
    "人民政府",
    "政府",
    "委员会",
    "管委会",
    "办公室",
    "办公厅",
    "办事处",
    "分局",
    "大队",
    "支队",
    "局",
    "委",
    "厅",
    "署",
];

/// Whether `name` ends as an agency's name does ([`ORGAN_ENDINGS`]).
pub fn ends_as_organ(name: &str) -> bool {
    ORGAN_ENDINGS.iter().any(|e| name.ends_with(e))
}

/// Where an agency named in a report stands to the report's own agency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// The report's own agency (its government and the government's office
    /// are one for a government's report).
    Ours,
    /// A body over it, or possibly over it: its government, a department or
    /// government of a wider region (`市财政局` for a district's bureau, a
    /// province the name leaves out), the Party's bodies, national ones.
    Above,
    /// A body under it: a department of the government whose report it is,
    /// a unit of a narrower region.
    Below,
    /// Another agency: a different department of the same place, or an
    /// agency of the same level of another place (a neighbouring county's).
    Other,
}

/// The level of a region by how its name ends: 1 a province, 2 a city or
/// prefecture, 3 a county or district, 4 a township or street.
fn region_level(region: &str) -> Option<u8> {
    let levels: [(&str, u8); 12] = [
        ("自治区", 1),
        ("省", 1),
        ("地区", 2),
        ("市", 2),
        ("州", 2),
        ("盟", 2),
        ("区", 3),
        ("县", 3),
        ("旗", 3),
        ("街道", 4),
        ("镇", 4),
        ("乡", 4),
    ];
    levels
        .iter()
        .find(|(end, _)| region.ends_with(end))
        .map(|(_, level)| *level)
}

/// Words that start with a level's character without naming a level
/// (`市场监督管理局` is no city's 场监督管理局).
const NOT_A_LEVEL: [&str; 5] = ["市场", "区域", "县域", "市政", "乡村"];

/// The place a (normalized) name is of: the regions it names, the level of
/// the last (or of a bare level word, `区财政局`), and the rest.
fn place_of(name: &str) -> (Vec<&str>, Option<u8>, &str) {
    // `自治区政府办公厅`: the region the report is of, by its level alone.
    if let Some(rest) = name.strip_prefix("自治区") {
        return (Vec::new(), Some(1), rest);
    }
    let bare = ['省', '市', '区', '县', '州', '镇', '乡'];
    if let Some(first) = name.chars().next()
        && bare.contains(&first)
        && (!NOT_A_LEVEL.iter().any(|w| name.starts_with(w)) || name.starts_with("市政府"))
    {
        let rest = name.slice_from(first.len_utf8());
        return (Vec::new(), region_level(&first.to_string()), rest);
    }
    let (mut regions, mut core) = split_regions(name);
    if let Some((township, rest)) = township_of(core) {
        regions.push(township);
        core = rest;
    }
    let level = regions.last().and_then(|r| region_level(r));
    (regions, level, core)
}

/// `core` split into the township or subdistrict it opens with and its
/// government (`柳塘镇人民政府` → `柳塘镇`, `人民政府`; `城关街道办事处`),
/// or `None`: a township's name ends in 镇 or 乡 only before its organ
/// (`城镇`, `乡村` in a department's name are no township).
fn township_of(core: &str) -> Option<(&str, &str)> {
    const ORGANS: [&str; 4] = ["人民政府", "政府", "办事处", "党政办公室"];
    core.char_indices().skip(1).take(6).find_map(|(i, c)| {
        let end = i + c.len_utf8();
        let (region, rest) = (core.slice_to(end), core.slice_from(end));
        let township = matches!(c, '镇' | '乡') || region.ends_with("街道");
        (township && region != "乡镇" && ORGANS.iter().any(|o| rest.starts_with(o)))
            .then_some((region, rest))
    })
}

/// A national organ's local branch by its place and name alone
/// (`国家税务总局清岚市望江区税务局` → `清岚市望江区税务局`): the national
/// organ's name before the branch's region is no body over it. Other names
/// unchanged.
fn local_branch(name: &str) -> &str {
    if !["国家", "中国"].iter().any(|w| name.starts_with(w)) {
        return name;
    }
    name.char_indices()
        .take(16)
        .map(|(i, c)| i + c.len_utf8())
        .filter(|&end| {
            let prefix = name.slice_to(end);
            ["总局", "局", "银行", "委员会"]
                .iter()
                .any(|w| prefix.ends_with(w))
        })
        .map(|end| name.slice_from(end))
        .find(|rest| !split_regions(rest).0.is_empty())
        .unwrap_or(name)
}

/// The provinces, autonomous regions and municipalities by their full and
/// short names (public facts: the 国家统计局's division names).
const PROVINCES: [(&str, &str); 31] = [
    ("北京市", "北京"),
    ("天津市", "天津"),
    ("河北省", "河北"),
    ("山西省", "山西"),
    ("内蒙古自治区", "内蒙古"),
    ("辽宁省", "辽宁"),
    ("吉林省", "吉林"),
    ("黑龙江省", "黑龙江"),
    ("上海市", "上海"),
    ("江苏省", "江苏"),
    ("浙江省", "浙江"),
    ("安徽省", "安徽"),
    ("福建省", "福建"),
    ("江西省", "江西"),
    ("山东省", "山东"),
    ("河南省", "河南"),
    ("湖北省", "湖北"),
    ("湖南省", "湖南"),
    ("广东省", "广东"),
    ("广西壮族自治区", "广西"),
    ("海南省", "海南"),
    ("重庆市", "重庆"),
    ("四川省", "四川"),
    ("贵州省", "贵州"),
    ("云南省", "云南"),
    ("西藏自治区", "西藏"),
    ("陕西省", "陕西"),
    ("甘肃省", "甘肃"),
    ("青海省", "青海"),
    ("宁夏回族自治区", "宁夏"),
    ("新疆维吾尔自治区", "新疆"),
];

/// `name` with a province named by its short form written in full
/// (`新疆气象局` → `新疆维吾尔自治区气象局`, as prose shortens it).
fn province_in_full(name: &str) -> String {
    for (full, short) in PROVINCES {
        if name.starts_with(full) {
            return name.to_string();
        }
        if let Some(rest) = name.strip_prefix(short)
            && rest.chars().count() >= 2
            && !rest.starts_with(['省', '市', '区', '路', '街', '大'])
        {
            return format!("{full}{rest}");
        }
    }
    name.to_string()
}

/// Whether the (normalized) core of a name is a government's or acts as one
/// (`人民政府`, `政府办公室`, a zone's `管委会`).
fn is_governing(core: &str) -> bool {
    core.starts_with("人民政府")
        || core.starts_with("政府")
        || ["管委会", "管理委员会"].iter().any(|w| core.starts_with(w))
}

/// Whether `name` is a body over any agency of a place: national ones, the
/// Party's, several bodies named together (`区委区政府`).
fn is_over_all(name: &str) -> bool {
    const OVER: [&str; 6] = ["国务院", "国家", "中央", "中共", "全国", "上级"];
    OVER.iter().any(|w| name.starts_with(w))
        || name.contains('党')
        || name.char_indices().any(|(i, c)| {
            c == '委' && i + c.len_utf8() < name.len() && !name.slice_from(i).starts_with("委员")
        })
}

/// Whether `core` is written with only characters of `full` besides its
/// organ ending: a short form prose uses (`交警大队` for
/// `公安局交通警察支队某大队`, `人社局` for `人力资源和社会保障局`).
fn is_short_form(core: &str, full: &str) -> bool {
    let ending = ORGAN_ENDINGS
        .iter()
        .find(|e| core.ends_with(*e))
        .map_or(0, |e| e.len());
    let stem = core.slice_to(core.len() - ending);
    !stem.is_empty()
        && full.ends_with(core.slice_from(stem.len()))
        && stem.chars().all(|c| full.contains(c))
}

/// Whether the map of divisions places the agency `name` somewhere else
/// than `ours` (`绵阳市游仙区民政局` for `绵阳市涪城区民政局`): another
/// agency, however few characters its name differs by.
pub fn placed_elsewhere(name: &str, ours: &str) -> bool {
    let name = province_in_full(&written_out(&normalize(name)));
    let ours = province_in_full(&written_out(&normalize(ours)));
    places::relation(&name, &ours).is_some_and(|(r, _, _)| r == Relation::Other)
}

/// Where the agency `name` (as prose names it) stands to `ours`, the
/// report's agency, whose report is a government's when `ours_government`.
/// Only [`Standing::Other`] is sure: a name whose place cannot be told from
/// the other's (a wider region, a bare `市`) is taken to be above.
pub fn standing(name: &str, ours: &str, ours_government: bool) -> Standing {
    let name = province_in_full(&written_out(&normalize(name)));
    let ours = province_in_full(&written_out(&normalize(ours)));
    let (name, ours) = (local_branch(&name), local_branch(&ours));
    if name == ours {
        return Standing::Ours;
    }
    if is_over_all(name) {
        return Standing::Above;
    }
    // Placed by the map where both names can be (`places`).
    if let Some((relation, n_organ, o_organ)) = places::relation(name, ours) {
        return match relation {
            Relation::Same => same_place(&n_organ, &o_organ, ours_government),
            Relation::Above => Standing::Above,
            Relation::Below => Standing::Below,
            Relation::Other => Standing::Other,
        };
    }
    let (n_regions, n_level, n_core) = place_of(name);
    let (o_regions, o_level, o_core) = place_of(ours);
    let elsewhere = n_regions.iter().any(|r| !o_regions.contains(r));
    match (n_level, o_level) {
        // Another place: sure only at the same level (a neighbour).
        (Some(n), Some(o)) if elsewhere && n == o => return Standing::Other,
        (Some(n), Some(o)) if n > o => return Standing::Below,
        (Some(n), Some(o)) if n < o => return Standing::Above,
        (Some(_), None) => return Standing::Above,
        _ if elsewhere => return Standing::Above,
        _ => {}
    }
    // The same place (or none named).
    same_place(n_core, o_core, ours_government)
}

/// Whether `a` and `b` name one organ, the one as a 委 and the other as a
/// 局 (`卫健委` and `卫生健康局`, `发改委` and `发展和改革局`): a bureau
/// renamed in the reforms, still called by its old name in its own report.
fn committee_or_bureau(a: &str, b: &str) -> bool {
    let stem = |s: &'_ str| -> Option<(String, bool)> {
        let (stem, committee) = match s.strip_suffix("委员会").or_else(|| s.strip_suffix('委'))
        {
            Some(stem) => (stem, true),
            None => (s.strip_suffix('局')?, false),
        };
        (!stem.is_empty()).then(|| (stem.to_string(), committee))
    };
    let (Some((x, x_committee)), Some((y, y_committee))) = (stem(a), stem(b)) else {
        return false;
    };
    let (short, long) = if x.chars().count() <= y.chars().count() {
        (x, y)
    } else {
        (y, x)
    };
    x_committee != y_committee && short.chars().all(|c| long.contains(c))
}

/// Where the organ `n_core` stands to `o_core`, this agency's, of the same
/// place (or where neither names one).
fn same_place(n_core: &str, o_core: &str, ours_government: bool) -> Standing {
    match (
        is_governing(n_core),
        ours_government || is_governing(o_core),
    ) {
        (true, true) => Standing::Ours,
        (true, false) => Standing::Above,
        (false, true) => Standing::Below,
        (false, false)
            if n_core == o_core
                || is_short_form(n_core, o_core)
                || committee_or_bureau(n_core, o_core)
                // A unit by its place and kind, its parent organ left out
                // (`城厢分局` for `莆田市公安局城厢分局`).
                || (n_core.chars().count() >= 2 && o_core.ends_with(n_core)) =>
        {
            Standing::Ours
        }
        // A unit's parent organ (`公安局` over `公安局交通警察支队`) and units.
        (false, false) if o_core.starts_with(n_core) => Standing::Above,
        (false, false) if n_core.starts_with(o_core) => Standing::Below,
        (false, false) => Standing::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each `(name, ours, ours_government, standing)` holds.
    fn stands(cases: &[(&str, &str, bool, Standing)]) {
        for &(name, ours, government, want) in cases {
            assert_eq!(standing(name, ours, government), want, "{name} / {ours}");
        }
    }

    #[test]
    fn a_unit_called_by_its_place_and_kind_is_ours() {
        stands(&[
            ("城厢分局", "莆田市公安局城厢分局", false, Standing::Ours),
            (
                "张店大队",
                "淄博市公安局交通警察支队张店大队",
                false,
                Standing::Ours,
            ),
            ("涵江分局", "莆田市公安局城厢分局", false, Standing::Other),
        ]);
    }

    #[test]
    fn a_township_and_a_national_organs_branch_by_their_short_names_are_ours() {
        let township = "清岚市望江区柳塘镇人民政府";
        let tax = "国家税务总局清岚市望江区税务局";
        stands(&[
            ("柳塘镇人民政府", township, true, Standing::Ours),
            ("镇政府", township, true, Standing::Ours),
            ("区政府", township, true, Standing::Above),
            ("青山镇人民政府", township, true, Standing::Other),
            ("区税务局", tax, false, Standing::Ours),
            ("望江区税务局", tax, false, Standing::Ours),
            ("国家税务总局望江区税务局", tax, false, Standing::Ours),
            ("国家税务总局", tax, false, Standing::Above),
            ("市税务局", tax, false, Standing::Above),
            ("区财政局", tax, false, Standing::Other),
        ]);
    }

    #[test]
    fn a_bureau_called_by_its_old_committee_name_is_ours() {
        stands(&[
            ("县卫健委", "河口县卫生健康局", false, Standing::Ours),
            ("区发改委", "某市某区发展和改革局", false, Standing::Ours),
            ("县教育局", "某县卫生健康局", false, Standing::Other),
            ("县卫健委", "某县教育局", false, Standing::Other),
        ]);
    }

    #[test]
    fn a_province_by_its_short_name_or_its_level_is_the_same_place() {
        stands(&[
            (
                "新疆气象局",
                "新疆维吾尔自治区气象局",
                false,
                Standing::Ours,
            ),
            (
                "自治区政府办公厅",
                "广西壮族自治区人民政府办公厅",
                true,
                Standing::Ours,
            ),
            (
                "甘肃气象局",
                "新疆维吾尔自治区气象局",
                false,
                Standing::Other,
            ),
        ]);
        assert_eq!(written_out("某市政府办公室"), "某市政府办公室");
        assert_eq!(written_out("某县政府办"), "某县人民政府办公室");
    }

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    /// Every candidate tried in order, as before the index (issue 58.4):
    /// the index must find the same.
    fn find_by_trying_all(name: &str, candidates: &[String]) -> Match {
        let Some(key) = key(name).filter(|k| !k.is_empty()) else {
            return Match::None;
        };
        let keys: Vec<Option<String>> = candidates.iter().map(|c| super::key(c)).collect();
        if let Some(i) = keys.iter().position(|c| c.as_deref() == Some(&key)) {
            return Match::Exact(i);
        }
        let long = written_out(&key);
        let near: Vec<(usize, String)> = keys
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let c = written_out(c.as_deref()?);
                near_written_out(&long, &c).map(|why| (i, why))
            })
            .collect();
        Match::of_near(near)
    }

    #[test]
    fn the_index_finds_what_trying_every_candidate_finds() {
        let roster = names(&[
            "淄博市张店区审计局",
            "淄博市张店区统计局",
            "张店区审计局",
            "淄博市临淄区审计局",
            "马尚街道办事处",
            "马尚街道办",
            "某区管理委员会",
            "淄博市张店区人民政府办公室",
            "山东省淄博市张店区卫生健康局",
            "审计局",
            "某县交通运输局",
            "淄博市张店区市场监督管理局",
        ]);
        let index = Index::new(&roster);
        for name in roster.iter().map(String::as_str).chain([
            "张店区统计局",
            "淄博市张店区审记局",
            "张店区卫健局",
            "某区管委会",
            "马尚街道办事",
            "临淄区审计局",
            "淄博市张店区市监局",
            "淄博市张店区政府办公室",
            "某县交通局",
            "统计局",
            "马尚",
            "",
        ]) {
            assert_eq!(
                index.find(name),
                find_by_trying_all(name, &roster),
                "{name}"
            );
        }
    }

    #[test]
    fn regions_are_split_off_the_front() {
        assert_eq!(
            split_regions("淄博市张店区审计局"),
            (vec!["淄博市", "张店区"], "审计局")
        );
        assert_eq!(
            split_regions("张店区市场监督管理局"),
            (vec!["张店区"], "市场监督管理局")
        );
        assert_eq!(split_regions("审计局"), (vec![], "审计局"));
        assert_eq!(split_regions("马尚街道办事处"), (vec![], "马尚街道办事处"));
    }

    #[test]
    fn near_names_and_their_reasons() {
        let roster = names(&[
            "淄博市张店区审计局",
            "淄博市张店区统计局",
            "淄博市临淄区审计局",
            "淄博市张店区人民政府办公室",
        ]);
        assert_found(
            &roster,
            [
                ("淄博市张店区审计局", Match::Exact(0)),
                ("淄博市 张店区审计局\u{3000}", Match::Exact(0)),
                ("张店区审计局", Match::Near(0, "少写了地名“淄博市”".into())),
                (
                    "山东省淄博市张店区统计局",
                    Match::Near(1, "多写了地名“山东省”".into()),
                ),
                (
                    "淄博市张店区政府办公室",
                    Match::Near(3, "名称相差 2 个字".into()),
                ),
                // Another district's office of the same kind is not a near name.
                ("淄博市周村区审计局", Match::None),
                // 审计局 and 统计局 differ by one character of three: no guess.
                ("淄博市张店区总计局", Match::None),
                ("", Match::None),
            ],
        );
        assert_eq!(
            find("审计局", &names(&["张店区审计局", "临淄区审计局"])),
            Match::Ambiguous(vec![0, 1])
        );
    }

    /// Each name of `cases` is found in `roster` as said.
    fn assert_found<const N: usize>(roster: &[String], cases: [(&str, Match); N]) {
        for (name, want) in cases {
            assert_eq!(find(name, roster), want, "{name}");
        }
    }

    #[test]
    fn a_slip_at_the_end_of_a_units_name_is_the_same_agency() {
        let roster = names(&["淄博市公安局交通警察支队张店大队"]);
        assert_found(
            &roster,
            [
                (
                    "淄博市公安局交通警察支队张店大对",
                    Match::Near(0, "名称相差 1 个字".into()),
                ),
                ("淄博市公安局交通警察支队临淄大队", Match::None),
            ],
        );
    }

    #[test]
    fn short_forms_match_their_full_names() {
        let roster = names(&[
            "平潭综合实验区管理委员会",
            "某某县科学技术委员会",
            "某某县卫生健康局",
        ]);
        assert_found(
            &roster,
            [
                ("平潭综合实验区管委会", Match::Near(0, "简称与全称".into())),
                ("某某县科委", Match::Near(1, "简称与全称".into())),
                ("卫健局", Match::Near(2, "少写了地名“某某县”".into())),
                ("某某县统计局", Match::None),
            ],
        );
    }

    #[test]
    fn distances_are_bounded() {
        assert_eq!(distance("审计局", "审计局", 2), 0);
        assert_eq!(distance("人民政府办公室", "政府办公室", 2), 2);
        assert_eq!(distance("abcdef", "a", 2), 3);
    }

    /// A name of millions of characters against thousands of candidates
    /// costs what a short one does (issue 45.2): it matches nothing, and
    /// neither does a candidate as long.
    #[test]
    fn long_names_are_rejected_at_the_bound() {
        let long = "局".repeat(3_000_000);
        let mut roster: Vec<String> = (0..5_000).map(|i| format!("某市第{i}局")).collect();
        roster.push(long.clone());
        let index = Index::new(&roster);
        let start = std::time::Instant::now();
        for _ in 0..20 {
            assert_eq!(index.find(&long), Match::None);
        }
        assert!(start.elapsed() < std::time::Duration::from_secs(2));
        assert_eq!(index.find("某市第7局"), Match::Exact(7));
        assert_eq!(
            key(&"a".repeat(MAX_MATCHED_CHARS)).map(|k| k.len()),
            Some(MAX_MATCHED_CHARS)
        );
        assert_eq!(key(&"a".repeat(MAX_MATCHED_CHARS + 1)), None);
    }

    #[test]
    fn where_a_named_agency_stands() {
        let dept = "临江市河东区交通运输局";
        let gov = "临江市河东区人民政府办公室";
        let market = "临江市河东区市场监督管理局";
        let traffic = "临江市公安局交通警察支队河东大队";
        stands(&[
            ("河东区教育局", dept, false, Standing::Other),
            ("区教育局", dept, false, Standing::Other),
            ("临江市河西区交通运输局", dept, false, Standing::Other),
            ("河西区人民政府", gov, true, Standing::Other),
            ("河东区工商行政管理局", market, false, Standing::Other),
            ("河东区人民政府", dept, false, Standing::Above),
            ("市政府办公室", dept, false, Standing::Above),
            ("临江市交通运输局", dept, false, Standing::Above),
            ("区委区政府", dept, false, Standing::Above),
            ("国务院办公厅", dept, false, Standing::Above),
            ("山东省交通运输厅", dept, false, Standing::Above),
            ("区教育局", gov, true, Standing::Below),
            ("河东区人民政府", gov, true, Standing::Ours),
            ("区市场监管局", market, false, Standing::Ours),
            ("河东交警大队", traffic, false, Standing::Ours),
            ("临江市公安局", traffic, false, Standing::Above),
        ]);
    }
}
