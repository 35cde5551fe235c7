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

/// The best lines for a name of `widths.len()` characters with the break
/// `costs` of [`break_costs`], followed by a fixed line `after` wide (when
/// there is one): fewest breaks inside words, then fewest lines, then the
/// truest trapezoid or lozenge, then the cheapest breaks, then the most
/// even lines.
fn shape(widths: &[f64], costs: &[Option<u32>], max: f64, after: Option<f64>) -> Vec<Range<usize>> {
    let n = widths.len();
    let mut prefix = vec![0.0f64; n + 1];
    for i in 0..n {
        prefix[i + 1] = prefix[i] + widths[i];
    }
    let Some((words, lines)) = fewest(&prefix, costs, max) else {
        return by_characters(&prefix, max);
    };
    let mut search = Search {
        prefix: &prefix,
        costs,
        max,
        after,
        lines,
        allow_word_breaks: words > 0,
        best: None,
        tried: 0,
        edges: vec![0],
    };
    search.run(0);
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

/// A depth-first search over the arrangements with the fewest lines.
struct Search<'a> {
    prefix: &'a [f64],
    costs: &'a [Option<u32>],
    max: f64,
    after: Option<f64>,
    lines: usize,
    allow_word_breaks: bool,
    best: Option<(Score, Vec<usize>)>,
    tried: usize,
    edges: Vec<usize>,
}

/// How good an arrangement is; smaller is better, compared in order.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
struct Score {
    words: u32,
    shape: f64,
    breaks: u32,
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
            .collect();
        let inner = &self.edges[1..self.edges.len() - 1];
        let costs = inner.iter().filter_map(|&b| self.costs[b]);
        let words = costs.clone().filter(|&c| c >= WORD_BREAK).count() as u32;
        let breaks = costs.filter(|&c| c < WORD_BREAK).sum();
        let widest = widths.iter().copied().fold(0.0, f64::max);
        let narrowest = widths.iter().copied().fold(f64::MAX, f64::min);
        let score = Score {
            words,
            shape: misshape(&widths),
            breaks,
            uneven: widest - narrowest,
        };
        if self.best.as_ref().is_none_or(|(b, _)| score < *b) {
            self.best = Some((score, self.edges.clone()));
        }
    }
}

/// How far lines of `widths` are from a trapezoid or a lozenge, in the
/// unit of the widths, counted in whole half-characters (a difference a
/// reader does not see counts nothing): the least total growth that would
/// have to go.
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
    trapezoid.min(lozenge)
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
}
