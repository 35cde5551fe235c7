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
/// 县级, 乡村, 省委): no break before them.
const CONTINUES: &str = "场域级划辖属直委村政容民";

/// Longest signature line, in body characters: the block stays in the
/// right-hand part of the type area (from the eighth character on), as a
/// signature, not a body line.
pub const SIGNATURE_MAX_CHARS: f64 = 18.0;

/// For each position `b` in `0..=n` (before character `b`), whether an
/// administrative unit or organ word of `name` ends there.
pub fn unit_ends(name: &str) -> Vec<bool> {
    unit_penalties(name).iter().map(Option::is_some).collect()
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
        if NOT_UNITS.iter().any(|w| head.ends_with(w)) {
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

/// Marks that delimit the segments of a name: brackets and the 、 of a
/// list of names (`…办公室（区外事办公室、区港澳事务办公室）`).
fn is_segment_mark(c: char) -> bool {
    matches!(c, '、' | '，' | ' ' | '\u{3000}') || kinsoku::is_no_end(c) || kinsoku::is_no_start(c)
}

/// Penalty of a line break inside a word of a name: allowed only where
/// nothing else fits.
pub(super) const WORD_BREAK: u32 = 15;

/// For each position `b` in `0..=n`, the cost of ending a line before
/// character `b` of `name`: `None` where no line may end (禁则, inside a
/// run of letters and digits, after an opening bracket), 0 before an
/// opening bracket, after a closing one and after the 、 of a list, 1 after
/// an organ word, 2 after a place, [`WORD_BREAK`] inside a word. Shared by the
/// signature and the title ([`title_shape`](super::title_shape)).
pub(super) fn break_costs(name: &str) -> Vec<Option<u32>> {
    let chars: Vec<char> = name.chars().collect();
    let units = unit_penalties(name);
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
            if kinsoku::is_no_end(c) || closed {
                return Some(0);
            }
            // An organ or place ends a line after the segment marks do: the
            // office of a government (区人民政府办公室) is one organ.
            Some(units[b].map_or(WORD_BREAK, |p| p + 1))
        })
        .collect()
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
/// each character's width, in any unit): after administrative units and
/// organ words, one line more rather than a break inside a word (广西…百省乡/
/// 人民政府/农业农村…中心, not …百省乡人民/政府…), then the fewest lines,
/// then as evenly as possible. Returns character ranges; one line when the
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
    // the name is capped (64 characters), so quadratic work is small.
    let mut best: Vec<Option<(usize, u32, f64, usize)>> = vec![None; n + 1];
    best[0] = Some((0, 0, 0.0, 0));
    for b in 1..=n {
        // A line costs 10; a break inside a word 15 more.
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
            let cand = (lines + 1, p + pen, uneven + (max - w).powi(2), a);
            let cost = |(lines, p, _, _): (usize, u32, f64, usize)| (lines as u32 * 10 + p, lines);
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
}
