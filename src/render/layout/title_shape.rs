//! How a report title is broken into lines (GB/T 9704 7.3.1: 回行时词意完整，
//! 排列对称，使用梯形或菱形): the agency name broken only between its words
//! and segments ([`names`](super::names)), the year-and-report line whole
//! and last, and the lines arranged as a trapezoid (no line longer than
//! the one above it) or a lozenge (lines growing to one middle line, then
//! shrinking). Shared by the PDF, which measures with its faces, and the
//! Word document and the web page, which count characters.

use std::ops::Range;

use super::names::{WORD_BREAK, break_costs};

/// Most lines a title is ever set in; a longer one is cut by characters.
const MAX_LINES: usize = 6;

/// Most arrangements weighed for one title (a name of 64 characters
/// without a single word boundary is the worst case).
const MAX_TRIED: usize = 200_000;

/// Breaks `title` into lines no wider than `max` (`widths` gives each
/// character's width, in any unit). When the title starts with `agency`
/// and the rest fits a line, the rest (`2025年政府信息公开工作年度报告`) is the
/// last line, whole. Returns character ranges; one line when the title fits.
pub fn title_lines(title: &str, agency: &str, widths: &[f64], max: f64) -> Vec<Range<usize>> {
    let chars: Vec<char> = title.chars().collect();
    let n = chars.len().min(widths.len());
    let total: f64 = widths[..n].iter().sum();
    if n == 0 || total <= max {
        return std::iter::once(0..n).collect();
    }
    let name_len = agency.chars().count();
    let rest_width: f64 = widths[name_len.min(n)..n].iter().sum();
    if !agency.is_empty() && title.starts_with(agency) && name_len < n && rest_width <= max {
        let costs = break_costs(agency);
        let mut lines = shape(&widths[..name_len], &costs, max, Some(rest_width));
        lines.push(name_len..n);
        return lines;
    }
    let costs = break_costs(&chars[..n].iter().collect::<String>());
    shape(&widths[..n], &costs, max, None)
}

/// What a line more than the fewest costs, in the unit of the break costs
/// of [`break_costs`]: one more line is taken only for a much truer shape
/// or much better breaks.
const EXTRA_LINE: f64 = 6.0;

/// What a character of misshape ([`misshape`]) costs, in the unit of the
/// break costs: a step out of shape weighs as much as half a break after a
/// place.
const SHAPE_WEIGHT: f64 = 2.0;

/// The best lines for a name of `widths.len()` characters with the break
/// `costs` of [`break_costs`], followed by a fixed line `after` wide (when
/// there is one): fewest breaks inside words, then the least sum of the
/// breaks' costs (deeper in brackets, further from a segment's end: more),
/// the misshape in characters ([`misshape`]) and a line more than the
/// fewest ([`EXTRA_LINE`]), then the most even lines.
fn shape(widths: &[f64], costs: &[Option<u32>], max: f64, after: Option<f64>) -> Vec<Range<usize>> {
    let n = widths.len();
    let mut prefix = vec![0.0f64; n + 1];
    for i in 0..n {
        prefix[i + 1] = prefix[i] + widths[i];
    }
    let Some((words, lines)) = fewest(&prefix, costs, max) else {
        return by_characters(&prefix, max);
    };
    // The unit of the misshape: a full-width character.
    let em = widths.iter().copied().fold(0.0, f64::max).max(1e-9);
    let mut search = Search {
        prefix: &prefix,
        costs,
        max,
        after,
        em,
        lines,
        extra: 0,
        allow_word_breaks: words > 0,
        best: None,
        tried: 0,
        edges: vec![0],
    };
    search.run(0);
    if lines < MAX_LINES {
        search.lines = lines + 1;
        search.extra = 1;
        search.tried = 0;
        search.run(0);
    }
    match search.best {
        Some((_, edges)) => edges.windows(2).map(|e| e[0]..e[1]).collect(),
        None => by_characters(&prefix, max),
    }
}

/// The fewest breaks inside words, then the fewest lines, with which the
/// name fits lines `max` wide; `None` when a single character is wider.
fn fewest(prefix: &[f64], costs: &[Option<u32>], max: f64) -> Option<(usize, usize)> {
    let n = prefix.len() - 1;
    let mut best: Vec<Option<(usize, usize)>> = vec![None; n + 1];
    best[0] = Some((0, 0));
    for b in 1..=n {
        let Some(cost) = costs[b] else { continue };
        let word = usize::from(b < n && cost >= WORD_BREAK);
        for a in (0..b).rev() {
            if prefix[b] - prefix[a] > max + 1e-6 {
                break;
            }
            if let Some((w, l)) = best[a] {
                let cand = (w + word, l + 1);
                if best[b].is_none_or(|cur| cand < cur) {
                    best[b] = Some(cand);
                }
            }
        }
    }
    best[n]
}

/// A depth-first search over the arrangements of `lines` lines.
struct Search<'a> {
    prefix: &'a [f64],
    costs: &'a [Option<u32>],
    max: f64,
    after: Option<f64>,
    em: f64,
    lines: usize,
    extra: usize,
    allow_word_breaks: bool,
    best: Option<(Score, Vec<usize>)>,
    tried: usize,
    edges: Vec<usize>,
}

/// How good an arrangement is; smaller is better, compared in order.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
struct Score {
    words: u32,
    total: f64,
    uneven: f64,
}

impl Search<'_> {
    fn run(&mut self, from: usize) {
        let n = self.prefix.len() - 1;
        if self.tried >= MAX_TRIED || self.edges.len() > MAX_LINES + 1 {
            return;
        }
        if self.edges.len() == self.lines {
            // The last line of the name.
            if self.prefix[n] - self.prefix[from] <= self.max + 1e-6 {
                self.edges.push(n);
                self.weigh();
                self.edges.pop();
            }
            return;
        }
        for b in from + 1..n {
            if self.prefix[b] - self.prefix[from] > self.max + 1e-6 {
                break;
            }
            let Some(cost) = self.costs[b] else { continue };
            if cost >= WORD_BREAK && !self.allow_word_breaks {
                continue;
            }
            self.tried += 1;
            self.edges.push(b);
            self.run(b);
            self.edges.pop();
        }
    }

    fn weigh(&mut self) {
        let widths: Vec<f64> = self
            .edges
            .windows(2)
            .map(|e| self.prefix[e[1]] - self.prefix[e[0]])
            .chain(self.after)
            .map(|w| w / self.em)
            .collect();
        let inner = &self.edges[1..self.edges.len() - 1];
        let costs = inner.iter().filter_map(|&b| self.costs[b]);
        let words = costs.clone().filter(|&c| c >= WORD_BREAK).count() as u32;
        let breaks: u32 = costs.filter(|&c| c < WORD_BREAK).sum();
        let widest = widths.iter().copied().fold(0.0, f64::max);
        let narrowest = widths.iter().copied().fold(f64::MAX, f64::min);
        let score = Score {
            words,
            total: SHAPE_WEIGHT * misshape(&widths)
                + f64::from(breaks)
                + EXTRA_LINE * self.extra as f64,
            uneven: widest - narrowest,
        };
        if self.best.as_ref().is_none_or(|(b, _)| score < *b) {
            self.best = Some((score, self.edges.clone()));
        }
    }
}

/// How far lines of `widths` (in characters) are from a trapezoid or a
/// lozenge, counted in whole half-characters (a difference a reader does
/// not see counts nothing): the least total growth that would have to go
/// for a trapezoid (no line longer than the one above it), or for a
/// lozenge (lines growing to one middle line, then shrinking) the steps
/// against it; and for every line shorter than two fifths of the widest,
/// what it lacks of that (a stub line such as the 中国（广东） of 6/20/20/17 is
/// no shape).
pub fn misshape(widths: &[f64]) -> f64 {
    let step = |a: f64, b: f64| ((b - a - 0.25).max(0.0) * 2.0).ceil() / 2.0;
    let trapezoid: f64 = widths.windows(2).map(|w| step(w[0], w[1])).sum();
    let k = widths.len();
    let lozenge = (1..k.saturating_sub(1))
        .map(|peak| {
            let up: f64 = widths[..=peak].windows(2).map(|w| step(w[1], w[0])).sum();
            let down: f64 = widths[peak..].windows(2).map(|w| step(w[0], w[1])).sum();
            up + down
        })
        .fold(f64::MAX, f64::min);
    let widest = widths.iter().copied().fold(0.0, f64::max);
    let stubs: f64 = widths.iter().map(|w| (widest * 0.4 - w).max(0.0)).sum();
    trapezoid.min(lozenge) + stubs
}

/// Lines cut by characters, each as full as fits (a name with no room
/// for even one character per line keeps one character per line).
fn by_characters(prefix: &[f64], max: f64) -> Vec<Range<usize>> {
    let n = prefix.len() - 1;
    let mut out = Vec::new();
    let mut a = 0;
    while a < n {
        let mut b = a + 1;
        while b < n && prefix[b + 1] - prefix[a] <= max + 1e-6 {
            b += 1;
        }
        out.push(a..b);
        a = b;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(title: &str, agency: &str, max: f64) -> Vec<String> {
        let chars: Vec<char> = title.chars().collect();
        let widths: Vec<f64> = chars
            .iter()
            .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
            .collect();
        title_lines(title, agency, &widths, max)
            .into_iter()
            .map(|r| chars[r].iter().collect())
            .collect()
    }

    fn width(line: &str) -> f64 {
        line.chars()
            .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
            .sum()
    }

    const LONG: &str = "江淮省临川市东湖区人民政府办公室（区人民政府外事办公室、区人民政府港澳事务办公室、区人民政府台湾事务办公室）";

    #[test]
    fn a_long_name_breaks_between_its_segments_and_stands_as_a_trapezoid() {
        let title = format!("{LONG}2025年政府信息公开工作年度报告");
        let got = lines(&title, LONG, 22.0);
        assert_eq!(got.last().unwrap(), "2025年政府信息公开工作年度报告");
        for l in &got {
            assert!(width(l) <= 22.0, "{got:?}");
            assert!(
                !l.ends_with('（') && !l.starts_with('）') && !l.starts_with('、'),
                "{got:?}"
            );
            // Never the bare 区 of 区人民政府 at a line end.
            assert!(!l.ends_with("（区") && !l.ends_with("、区"), "{got:?}");
        }
        let widths: Vec<f64> = got.iter().map(|l| width(l)).collect();
        assert_eq!(misshape(&widths), 0.0, "{got:?}");
    }

    #[test]
    fn the_year_line_stays_whole() {
        let got = lines(
            "临川市东湖区交通运输局2024年政府信息公开工作年度报告",
            "临川市东湖区交通运输局",
            22.0,
        );
        assert_eq!(
            got,
            ["临川市东湖区交通运输局", "2024年政府信息公开工作年度报告"]
        );
    }

    #[test]
    fn a_title_that_fits_is_one_line() {
        assert_eq!(
            lines("某局2024年政府信息公开工作年度报告", "某局", 22.0).len(),
            1
        );
    }

    #[test]
    fn a_name_without_words_is_still_cut_to_the_measure() {
        let name = "某".repeat(64);
        let title = format!("{name}2024年政府信息公开工作年度报告");
        let got = lines(&title, &name, 22.0);
        assert!(got.iter().all(|l| width(l) <= 22.0), "{got:?}");
        assert_eq!(got.concat(), title);
    }

    #[test]
    fn shapes_are_told_apart() {
        assert_eq!(misshape(&[20.0, 18.0, 18.0]), 0.0);
        assert_eq!(misshape(&[16.0, 20.0, 18.0]), 0.0);
        assert_eq!(misshape(&[16.0, 17.0, 20.0]), 3.0);
    }

    /// 2号 characters on a 156 mm line, as the Word document and the web
    /// page count them.
    const PER_LINE: f64 = 156.0 * 72.0 / 25.4 / 22.0;

    fn titled(name: &str) -> Vec<String> {
        lines(
            &format!("{name}2025年政府信息公开工作年度报告"),
            name,
            PER_LINE,
        )
    }

    #[test]
    fn a_place_with_its_bracket_stays_whole_and_the_shape_is_not_inverted() {
        // Issue 62: before, 中国（广东） alone (6) above two full lines (20, 20).
        assert_eq!(
            titled(
                "中国（广东）自由贸易试验区深圳前海蛇口片区管理委员会（深圳市前海深港现代服务业合作区管理局）"
            ),
            [
                "中国（广东）自由贸易试验区",
                "深圳前海蛇口片区管理委员会",
                "（深圳市前海深港现代服务业合作区管理局）",
                "2025年政府信息公开工作年度报告"
            ]
        );
    }

    #[test]
    fn nested_brackets_are_broken_at_the_outer_list() {
        // Issue 62: before, 10/15/19 characters, broken inside the inner
        // bracket (（市人民政府/参事室）、) though a 、 of the outer list served.
        assert_eq!(
            titled(
                "滨江市人民政府办公室（市人民政府研究室（市人民政府参事室）、市大数据管理局、市信访局）"
            ),
            [
                "滨江市人民政府办公室",
                "（市人民政府研究室（市人民政府参事室）、",
                "市大数据管理局、市信访局）",
                "2025年政府信息公开工作年度报告"
            ]
        );
    }

    #[test]
    fn a_name_that_fits_is_one_line_above_the_year() {
        assert_eq!(
            titled("华东省滨江市清源区望湖街道党工委、办事处"),
            [
                "华东省滨江市清源区望湖街道党工委、办事处",
                "2025年政府信息公开工作年度报告"
            ]
        );
    }

    #[test]
    fn each_item_of_a_list_in_brackets_keeps_its_line() {
        // Issue 62: before, 16/17/15.5/13 with 、望湖街道/便民服务中心 split.
        let got = titled(
            "华东省滨江市清源区望湖街道办事处（望湖街道综合行政执法队、望湖街道便民服务中心（退役军人服务站）、望湖街道社区卫生服务中心）",
        );
        assert_eq!(
            got,
            [
                "华东省滨江市清源区",
                "望湖街道办事处（望湖街道综合行政执法队、",
                "望湖街道便民服务中心（退役军人服务站）、",
                "望湖街道社区卫生服务中心）",
                "2025年政府信息公开工作年度报告"
            ]
        );
        // A lozenge but for the year line, which no break can lengthen.
        let widths: Vec<f64> = got.iter().map(|l| width(l)).collect();
        assert_eq!(misshape(&widths[..4]), 0.0, "{widths:?}");
    }

    #[test]
    fn a_long_list_in_brackets_is_set_item_by_item() {
        assert_eq!(
            titled(LONG),
            [
                "江淮省临川市东湖区人民政府办公室",
                "（区人民政府外事办公室、",
                "区人民政府港澳事务办公室、",
                "区人民政府台湾事务办公室）",
                "2025年政府信息公开工作年度报告"
            ]
        );
    }

    #[test]
    fn stubs_and_pyramids_are_out_of_shape() {
        // 中国（广东） alone above two full lines.
        assert!(misshape(&[6.0, 20.0, 20.0, 15.0]) >= 2.0);
        assert_eq!(misshape(&[13.0, 13.0, 20.0, 15.0]), 0.0);
        assert!(misshape(&[10.0, 15.0, 19.0, 21.0]) >= 2.0);
    }
}
