//! Where an agency name may break across lines, and how the signature
//! block (name and date) sits at the right of the type area: shared by the
//! PDF title and signature and the Word document, so that both break
//! 内蒙古自治区呼伦贝尔市鄂温克族自治旗/巴彦托海镇人民政府综合执法大队 at the
//! same place.

use std::ops::Range;

use super::kinsoku;

/// Administrative units: a line may end after one of these inside an
/// agency name.
const PLACES: &[&str] = &[
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "省",
    "市",
    "州",
    "盟",
    "区",
    "县",
    "旗",
    "镇",
    "乡",
    "苏木",
    "街道",
    "社区",
];

/// Organ words: the preferred ends of a line inside an agency name
/// (万源市税务局/第一稽查局, not 万源市/税务局第一稽查局).
const ORGANS: &[&str] = &[
    "人民政府",
    "政府",
    "办事处",
    "办公室",
    "委员会",
    "管委会",
    "分局",
    "局",
    "厅",
    "委",
    "院",
    "所",
    "站",
    "总队",
    "支队",
    "大队",
    "中队",
    "中心",
];

/// Two-character words whose second character is also a unit: no break
/// inside them (城市管理局 is not 城市/管理局 but one word).
const NOT_UNITS: &[&str] = &["城市", "城乡", "超市", "都市", "门市", "小区", "研究所"];

/// Characters that continue a word after a one-character unit (市场, 区域,
/// 县级, 乡村, 省委, 委员会): no break before them.
const CONTINUES: &str = "场域级划辖属直委村政容民员";

/// Longest signature line, in body characters: the block stays in the
/// right-hand part of the type area (from the eighth character on), as a
/// signature, not a body line.
pub const SIGNATURE_MAX_CHARS: f64 = 18.0;

/// For each position `b` in `0..=n` (before character `b`), whether an
/// administrative unit or organ word of `name` ends there.
pub fn unit_ends(name: &str) -> Vec<bool> {
    unit_penalties(name).iter().map(Option::is_some).collect()
}

/// For each position `b` in `0..=n`, whether a line of `name` may end
/// there between its words or segments ([`break_costs`] below a break
/// inside a word): where the web page's title offers a break (`<wbr>`),
/// never before a 、 nor between a government and its office.
pub fn word_ends(name: &str) -> Vec<bool> {
    let costs = break_costs(name);
    let n = costs.len().saturating_sub(1);
    costs
        .iter()
        .enumerate()
        .map(|(b, c)| b > 0 && b < n && c.is_some_and(|c| c < WORD_BREAK))
        .collect()
}

/// For each position `b` in `0..=n`, the penalty of ending a line there
/// inside the name: 0 after an organ word, 1 after a place, `None` inside
/// a unit. A one-character place that stands alone at the head of a name
/// segment (the 县 of `（县人民政府外事办公室`, the 区 of `、区人民政府…`) is the
/// short form of a government's name, not a place of its own: no end there.
fn unit_penalties(name: &str) -> Vec<Option<u32>> {
    let chars: Vec<char> = name.chars().collect();
    let n = chars.len();
    let mut out = vec![None; n + 1];
    for (b, slot) in out.iter_mut().enumerate().take(n).skip(1) {
        let head: String = chars[b.saturating_sub(4)..b].iter().collect();
        let organ = ORGANS.iter().find(|u| head.ends_with(*u));
        let place = PLACES.iter().find(|u| head.ends_with(*u));
        let Some(unit) = organ.or(place) else {
            continue;
        };
        if NOT_UNITS.iter().any(|w| head.ends_with(w)) || generic_community(&chars[..b]) {
            continue;
        }
        let one = unit.chars().count() == 1;
        if one && CONTINUES.contains(chars[b]) {
            continue;
        }
        if one && organ.is_none() && (b == 1 || is_segment_mark(chars[b - 2])) {
            continue;
        }
        *slot = Some(if organ.is_some() { 0 } else { 1 });
    }
    out
}

/// Whether `before` ends with a 社区 that follows another place directly
/// (望湖街道社区卫生服务中心): a kind of service, not a community's name.
fn generic_community(before: &[char]) -> bool {
    let n = before.len();
    if n < 3 || before[n - 2..] != ['社', '区'] {
        return false;
    }
    let head: String = before[n.saturating_sub(6)..n - 2].iter().collect();
    PLACES.iter().any(|p| head.ends_with(p))
}

/// Marks that delimit the segments of a name: brackets and the 、 of a
/// list of names (`…办公室（区外事办公室、区港澳事务办公室）`).
fn is_segment_mark(c: char) -> bool {
    matches!(c, '、' | '，' | ' ' | '\u{3000}') || kinsoku::is_no_end(c) || kinsoku::is_no_start(c)
}

/// Penalty of a line break inside a word of a name: allowed only where
/// nothing else fits (any break between words costs less).
pub(super) const WORD_BREAK: u32 = 100;

/// Organs named after the government or place before them, one organ
/// with it (人民政府/办公室 is no break between words).
const ATTACHED_ORGANS: &[&str] = &["办公室", "办事处", "研究室", "参事室", "党工委", "工委"];

/// Cost of a break between a government or place and the organ attached
/// to it ([`ATTACHED_ORGANS`]): that of a break inside a word, since the
/// two are one organ (市人民政府研究室, not 市人民政府/研究室).
const ATTACHED_COST: u32 = WORD_BREAK;

/// What each level of brackets around a segment boundary (a bracket's
/// edge, the 、 of a list) adds to its cost: a name is broken at its outer
/// structure first (…办公室/（市人民政府研究室…), at an inner list's 、 next.
const SEGMENT_DEPTH_COST: u32 = 4;

/// What each level of brackets around a break between words adds to its
/// cost: a segment inside brackets is split last (never 市人民政府/参事室
/// or 、望湖街道/便民服务中心 where a 、 or an outer boundary serves).
const WORD_DEPTH_COST: u32 = 8;

/// Deepest bracket level counted in a break's cost.
const MAX_DEPTH: u32 = 4;

/// For each position `b` in `0..=n`, how many brackets are open there
/// (before an opening bracket and after a closing one: the level outside
/// it). An unmatched closing bracket counts nothing.
pub(super) fn bracket_depths(chars: &[char]) -> Vec<u32> {
    let mut depth = 0u32;
    let mut out = Vec::with_capacity(chars.len() + 1);
    out.push(0);
    for &c in chars {
        if matches!(
            c,
            '（' | '(' | '〔' | '［' | '[' | '【' | '《' | '〈' | '「' | '『' | '｛'
        ) {
            depth += 1;
        } else if matches!(
            c,
            '）' | ')' | '〕' | '］' | ']' | '】' | '》' | '〉' | '」' | '』' | '｝'
        ) {
            depth = depth.saturating_sub(1);
        }
        out.push(depth);
    }
    out
}

/// For each position `b` in `0..=n`, the cost of ending a line before
/// character `b` of `name`: `None` where no line may end (禁则, inside a
/// run of letters and digits, after an opening bracket), 0 before an
/// opening bracket, after a closing one and after the 、 of a list, 3 after
/// an organ word, 4 after a place, [`ATTACHED_COST`] between a government
/// and its office, [`WORD_BREAK`] inside a word and before a short
/// bracket (中国/（广东）); each with [`SEGMENT_DEPTH_COST`] (at a segment
/// boundary) or [`WORD_DEPTH_COST`] (between words) for every bracket
/// around it. Shared by the signature and
/// the title ([`title_shape`](super::title_shape)).
pub(super) fn break_costs(name: &str) -> Vec<Option<u32>> {
    let chars: Vec<char> = name.chars().collect();
    let units = unit_penalties(name);
    let depths = bracket_depths(&chars);
    (0..=chars.len())
        .map(|b| {
            if b == 0 || b == chars.len() {
                return Some(0);
            }
            if !may_break(&chars, b) {
                return None;
            }
            let (p, c) = (chars[b - 1], chars[b]);
            let closed = kinsoku::is_no_start(p) && !p.is_ascii() && !matches!(p, '…' | '—' | '·');
            let depth = depths[b].min(MAX_DEPTH);
            if kinsoku::is_no_end(c) && short_annotation(&chars[b..]) {
                return Some(WORD_BREAK);
            }
            if kinsoku::is_no_end(c) || closed {
                return Some(SEGMENT_DEPTH_COST * depth);
            }
            // An organ or place ends a line after the segment marks do: the
            // office of a government (区人民政府办公室, 街道办事处) is one
            // organ, broken there only where nothing else serves.
            let attached = ATTACHED_ORGANS
                .iter()
                .any(|w| chars[b..].starts_with(&w.chars().collect::<Vec<_>>()));
            if attached {
                return Some(ATTACHED_COST);
            }
            Some(units[b].map_or(WORD_BREAK, |p| p + 3 + WORD_DEPTH_COST * depth))
        })
        .collect()
}

/// Whether `rest` opens with a bracket of at most four characters, such
/// as the （广东） of 中国（广东）自由贸易试验区: part of the word before it.
fn short_annotation(rest: &[char]) -> bool {
    let depths = bracket_depths(rest);
    depths
        .iter()
        .skip(1)
        .position(|&d| d == 0)
        .is_some_and(|close| close <= 5)
}

/// Whether a line may break before character `b` at all: not inside a run
/// of letters and digits, not against 禁则 punctuation.
fn may_break(chars: &[char], b: usize) -> bool {
    let (p, c) = (chars[b - 1], chars[b]);
    !(kinsoku::is_no_start(c)
        || kinsoku::is_no_end(p)
        || (p.is_ascii_alphanumeric() && c.is_ascii_alphanumeric())
        || kinsoku::is_prefix_of_figure(p, c))
}

/// Breaks an agency name into lines no wider than `max` (`widths` gives
/// each character's width, in any unit): at the segments and units of
/// [`break_costs`], one line more rather than a break inside a word (广西…百省乡/
/// 人民政府/农业农村…中心, not …百省乡人民/政府…), then the fewest lines,
/// then the cheapest breaks — a line of three characters or fewer costs a
/// little more than a break after a place (华东省滨江市清源区/望湖街道党工委、办事处,
/// not …党工委、/办事处) —, then as evenly as possible. Returns character ranges; one line when the
/// name fits.
pub fn signature_lines(name: &str, widths: &[f64], max: f64) -> Vec<Range<usize>> {
    let chars: Vec<char> = name.chars().collect();
    let n = chars.len().min(widths.len());
    let total: f64 = widths[..n].iter().sum();
    if n == 0 || total <= max {
        return std::iter::once(0..n).collect();
    }
    let costs = break_costs(name);
    let mut prefix = vec![0.0f64; n + 1];
    for i in 0..n {
        prefix[i + 1] = prefix[i] + widths[i];
    }
    // Best (lines, penalty, unevenness) ending a line before each position;
    // the name is capped (64 characters), so quadratic work is small. A
    // line costs more than any break between words, a break inside a word
    // more than a line; a line of three characters or fewer (…党工委、/办事处)
    // costs a little, so that a break as good by meaning leaves none.
    let stub = max * 3.5 / SIGNATURE_MAX_CHARS;
    let mut best: Vec<Option<(usize, u32, f64, usize)>> = vec![None; n + 1];
    best[0] = Some((0, 0, 0.0, 0));
    for b in 1..=n {
        let Some(pen) = costs[b] else {
            continue;
        };
        for a in (0..b).rev() {
            let w = prefix[b] - prefix[a];
            if w > max && b - a > 1 {
                break;
            }
            let Some((lines, p, uneven, _)) = best[a] else {
                continue;
            };
            let short = if w < stub && (a > 0 || b < n) { 6 } else { 0 };
            let cand = (lines + 1, p + pen + short, uneven + (max - w).powi(2), a);
            let cost = |(lines, p, _, _): (usize, u32, f64, usize)| (lines as u32 * 50 + p, lines);
            let better = best[b].is_none_or(|cur| {
                cost(cand) < cost(cur) || (cost(cand) == cost(cur) && cand.2 < cur.2)
            });
            if better {
                best[b] = Some(cand);
            }
        }
    }
    let mut out = Vec::new();
    let mut b = n;
    while b > 0 {
        let Some((_, _, _, a)) = best[b] else {
            return std::iter::once(0..n).collect();
        };
        out.push(a..b);
        b = a;
    }
    out.reverse();
    out
}

/// Width of a character in body characters where no font is at hand (the
/// Word document, the web page): CJK one, ASCII half.
pub fn nominal_width(c: char) -> f64 {
    if c.is_ascii() { 0.5 } else { 1.0 }
}

/// [`signature_lines`] with nominal widths: each line of the name with its
/// width in body characters.
pub fn signature_text_lines(name: &str) -> Vec<(String, f64)> {
    let chars: Vec<char> = name.chars().collect();
    let widths: Vec<f64> = chars.iter().map(|&c| nominal_width(c)).collect();
    signature_lines(name, &widths, SIGNATURE_MAX_CHARS)
        .into_iter()
        .map(|r| (chars[r.clone()].iter().collect(), widths[r].iter().sum()))
        .collect()
}

/// Where the signature block starts, and the date under it, measured from
/// the left of a type area `area` wide whose character is `em` (GB/T 9704
/// 7.3.5.2): the name's widest line ends two characters from the right
/// edge; the date starts two characters right of the name; a date that
/// would then come closer than two characters to the edge moves both left.
pub fn signature_place(widest: f64, date: f64, area: f64, em: f64) -> (f64, f64) {
    let name_x = area - 2.0 * em - widest;
    let date_x = name_x + 2.0 * em;
    let over = (date_x + date - (area - 2.0 * em)).max(0.0);
    (name_x - over, date_x - over)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::slice::Slice;

    fn split(name: &str, max: f64) -> Vec<String> {
        let chars: Vec<char> = name.chars().collect();
        let widths: Vec<f64> = chars
            .iter()
            .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
            .collect();
        signature_lines(name, &widths, max)
            .into_iter()
            .map(|r| chars[r].iter().collect())
            .collect()
    }

    #[test]
    fn long_names_break_after_units() {
        assert_eq!(
            split(
                "内蒙古自治区呼伦贝尔市鄂温克族自治旗巴彦托海镇人民政府综合执法大队",
                18.0
            ),
            [
                "内蒙古自治区呼伦贝尔市鄂温克族自治旗",
                "巴彦托海镇人民政府综合执法大队"
            ]
        );
        assert_eq!(
            split(
                "国家税务总局四川省达州市万源市税务局第一稽查局太平镇税务分局",
                18.0
            ),
            [
                "国家税务总局四川省达州市万源市税务局",
                "第一稽查局太平镇税务分局"
            ]
        );
        assert_eq!(
            split(
                "江苏省南京市江宁区人民政府秣陵街道办事处综合行政执法大队",
                18.0
            ),
            [
                "江苏省南京市江宁区人民政府",
                "秣陵街道办事处综合行政执法大队"
            ]
        );
        assert_eq!(
            split("淄博市公安局交通警察支队张店大队", 18.0),
            ["淄博市公安局交通警察支队张店大队"]
        );
        // Three lines rather than 百省乡人民/政府.
        assert_eq!(
            split(
                "广西壮族自治区百色市那坡县百省乡人民政府农业农村和社会事务综合服务中心",
                18.0
            ),
            [
                "广西壮族自治区百色市",
                "那坡县百省乡人民政府",
                "农业农村和社会事务综合服务中心"
            ]
        );
    }

    #[test]
    fn the_signature_takes_as_few_lines_as_the_names_words_allow() {
        // Issue 62: as few lines as any break between words allows (the
        // title's break costs), counted by a search of its own.
        for name in [
            "江淮省临川市东湖区人民政府办公室（区人民政府外事办公室、区人民政府港澳事务办公室、区人民政府台湾事务办公室）",
            "中国（上海）自由贸易试验区临港新片区管理委员会办公室第2分局",
            "广西壮族自治区百色市那坡县百省乡人民政府农业农村和社会事务综合服务中心",
            "内蒙古自治区呼伦贝尔市鄂温克族自治旗巴彦托海镇人民政府综合执法大队",
        ] {
            let chars: Vec<char> = name.chars().collect();
            let widths: Vec<f64> = chars.iter().map(|&c| nominal_width(c)).collect();
            let costs = break_costs(name);
            let n = chars.len();
            // fewest[b]: fewest lines ending before b, breaking between words.
            let mut fewest = vec![usize::MAX; n + 1];
            fewest[0] = 0;
            for b in 1..=n {
                if costs[b].is_none_or(|c| c >= WORD_BREAK && b < n) {
                    continue;
                }
                for a in 0..b {
                    let w: f64 = widths[a..b].iter().sum();
                    if w <= SIGNATURE_MAX_CHARS && fewest[a] != usize::MAX {
                        fewest[b] = fewest[b].min(fewest[a] + 1);
                    }
                }
            }
            let got = split(name, SIGNATURE_MAX_CHARS);
            assert_eq!(got.len(), fewest[n], "{got:?}");
        }
    }

    #[test]
    fn words_ending_in_a_unit_character_stay_whole() {
        let ends = unit_ends("淄博市城市管理局市场监管所");
        // 淄博市/城市管理局/市场监管所: not after 城市's 市, not before 场.
        let at: Vec<usize> = (0..ends.len()).filter(|&i| ends[i]).collect();
        assert_eq!(at, [3, 8]);
    }

    #[test]
    fn names_without_units_still_fit() {
        let lines = split(&"某".repeat(40), 18.0);
        assert_eq!(lines.len(), 3);
        assert!(lines.iter().all(|l| l.chars().count() <= 18));
    }

    #[test]
    fn the_date_keeps_two_characters_from_the_edge() {
        // Short name: the name 右空二字, the date two characters in.
        assert_eq!(signature_place(8.0, 5.5, 28.0, 1.0), (18.0, 20.0));
        // A date longer than the name moves both left.
        assert_eq!(signature_place(4.0, 5.5, 28.0, 1.0), (18.5, 20.5));
    }

    #[test]
    fn signatures_keep_organs_whole_and_leave_no_stub() {
        // Issue 62: before, …党工委、/办事处 (three characters on line 2).
        assert_eq!(
            split("华东省滨江市清源区望湖街道党工委、办事处", 18.0),
            ["华东省滨江市清源区", "望湖街道党工委、办事处"]
        );
        // Before: 市人民政府/研究室, one organ cut.
        assert_eq!(
            split(
                "滨江市人民政府办公室（市人民政府研究室（市人民政府参事室）、市大数据管理局、市信访局）",
                18.0
            ),
            [
                "滨江市人民政府办公室",
                "（市人民政府研究室",
                "（市人民政府参事室）、",
                "市大数据管理局、市信访局）"
            ]
        );
        // The bracket (20 characters) is longer than a signature line: cut
        // after its place.
        assert_eq!(
            split(
                "中国（广东）自由贸易试验区深圳前海蛇口片区管理委员会（深圳市前海深港现代服务业合作区管理局）",
                18.0
            ),
            [
                "中国（广东）自由贸易试验区",
                "深圳前海蛇口片区管理委员会（深圳市",
                "前海深港现代服务业合作区管理局）"
            ]
        );
    }

    #[test]
    fn breaks_cost_more_inside_brackets() {
        let name = "滨江市人民政府办公室（市人民政府研究室（市人民政府参事室）、市大数据管理局、市信访局）";
        let costs = break_costs(name);
        let at = |s: &str| name.slice_to(name.find(s).unwrap()).chars().count();
        // Before the outer bracket, at the outer list's 、, inside the inner.
        assert_eq!(costs[at("（市人民政府研究室")], Some(0));
        assert_eq!(costs[at("市大数据")], Some(SEGMENT_DEPTH_COST));
        assert!(costs[at("参事室")].unwrap() >= WORD_BREAK);
        // 社区/卫生 is inside one word after a place, 社区 no place there.
        let name = "望湖街道社区卫生服务中心";
        assert!(break_costs(name)[6].unwrap() >= WORD_BREAK);
        assert!(break_costs("清波社区居民委员会")[4].unwrap() < WORD_BREAK);
        // 委/员会 is inside one word.
        let name = "临港新片区管理委员会";
        assert!(break_costs(name)[name.chars().count() - 2].unwrap() >= WORD_BREAK);
        // 中国/（广东） is one place.
        assert!(break_costs("中国（广东）自由贸易试验区")[2].unwrap() >= WORD_BREAK);
    }
}
