//! Text whose spaces and line breaks were all stripped (what portals'
//! crawlers and some mirrors give: the whole report, tables included, as one
//! run of characters) cut back into lines at what the official format fixes:
//! the section headings in their order, the crawler's header keys, and inside
//! sections 二 to 四 the official row labels, group titles and headers. The
//! figures between two labels stay run together on the label's line, where
//! the table reader splits them only when that is certain
//! ([`super::tables`]), and otherwise leaves the cells blank with a note.
//!
//! Lines are cut, never rewritten: every piece keeps its byte offset, so
//! messages still point into the file as given.

use crate::slice::Slice;
use std::collections::HashMap;

use super::lines::SourceLine;
use super::norm;
use crate::model::Edition;
use crate::model::official::{self, SECTION_HEADINGS};

/// A line this long with the section headings in it is a flattened report.
const MIN_FLAT_LEN: usize = 300;

/// A line longer than this is not cut: a flattened report is some tens of
/// kilobytes, and every message on a line counts its columns from the
/// line's start, so a longer one is left as it is (bounded work).
const MAX_FLAT_LEN: usize = 256 * 1024;

/// Headings a flattened line must hold (of the six) to be cut.
const MIN_HEADINGS: usize = 3;

/// Crawler header keys cut onto a line of their own (`发布时间:`).
const HEADER_KEYS: [&str; 5] = ["标题", "发布时间", "来源", "链接", "正文"];

/// The lines, with every flattened line cut into the lines it stands for;
/// whether any was.
pub fn unflatten(lines: Vec<SourceLine>) -> (Vec<SourceLine>, bool) {
    let mut out = Vec::with_capacity(lines.len());
    let mut cut = false;
    for line in lines {
        match cuts(&line) {
            Some(at) => {
                cut = true;
                out.extend(pieces(&line, &at));
            }
            None => out.push(line),
        }
    }
    (out, cut)
}

/// The line cut at the byte offsets `at` (sorted, within the line).
fn pieces(line: &SourceLine, at: &[usize]) -> Vec<SourceLine> {
    let mut bounds = vec![0];
    bounds.extend(at.iter().copied().filter(|&a| a > 0 && a < line.text.len()));
    bounds.push(line.text.len());
    bounds.dedup();
    bounds
        .windows(2)
        .map(|w| SourceLine::text(line.text.slice(w[0], w[1]), line.offset + w[0]))
        .collect()
}

/// Where a flattened line is cut; `None` when it is not one.
fn cuts(line: &SourceLine) -> Option<Vec<usize>> {
    let text = &line.text;
    if line.cells.is_some() || !(MIN_FLAT_LEN..=MAX_FLAT_LEN).contains(&text.len()) {
        return None;
    }
    let headings = heading_places(text);
    if headings.iter().flatten().count() < MIN_HEADINGS {
        return None;
    }
    let mut at: Vec<usize> = headings.iter().flatten().copied().collect();
    // The heading's own line ends with it, as it did before the breaks went.
    at.extend(
        headings
            .iter()
            .zip(SECTION_HEADINGS)
            .filter_map(|(h, heading)| h.map(|h| h + heading.len())),
    );
    let first = at.iter().min().copied().unwrap_or(0);
    at.extend(front_cuts(text.slice_to(first)));
    let tables_from = headings[1].or(headings[2]).unwrap_or(first);
    let tables_to = headings[4].or(headings[5]).unwrap_or(text.len());
    if tables_from < tables_to {
        let region = text.slice(tables_from, tables_to);
        at.extend(label_cuts(region).into_iter().map(|a| tables_from + a));
        let four_body = headings[3].map(|h| h + SECTION_HEADINGS[3].len());
        if let Some(four) = four_body.filter(|&f| f < tables_to) {
            at.extend(
                table4_cuts(text.slice(four, tables_to))
                    .into_iter()
                    .map(|a| four + a),
            );
        }
    }
    if let Some(six) = headings[5] {
        at.extend(
            subheading_cuts(text.slice_from(six))
                .into_iter()
                .map(|a| six + a),
        );
    }
    let tail_from = headings[5].or(headings[4]).unwrap_or(tables_to);
    at.extend(
        signature_cuts(text.slice_from(tail_from))
            .into_iter()
            .map(|a| tail_from + a),
    );
    at.sort_unstable();
    at.dedup();
    Some(at)
}

/// Where each of the six section headings starts, looked for in order
/// (each after the one before), `None` for one not found.
fn heading_places(text: &str) -> [Option<usize>; 6] {
    let mut found = [None; 6];
    let mut from = 0;
    for (i, heading) in SECTION_HEADINGS.iter().enumerate() {
        if let Some(p) = text.slice_from(from).find(heading) {
            found[i] = Some(from + p);
            from += p + heading.len();
        }
    }
    found
}

/// Cuts before section 一: around the crawler's header keys, and after the
/// title (the first `年度报告` within the first 200 characters).
fn front_cuts(front: &str) -> Vec<usize> {
    let mut at = Vec::new();
    for key in HEADER_KEYS {
        for colon in [':', '：'] {
            let k = format!("{key}{colon}");
            if let Some(p) = front.find(&k) {
                at.push(p);
                if key == "正文" {
                    at.push(p + k.len());
                }
            }
        }
    }
    let head: String = front.chars().take(200).collect();
    if let Some(p) = head.find("年度报告") {
        at.push(p + "年度报告".len());
    }
    at
}

/// What cuts a line inside sections 二 to 四: group titles, header starts,
/// the table-三 caption and every official row label (both editions),
/// longest first so that `行政规范性文件` is not cut as `规范性文件`.
fn anchors() -> Vec<&'static str> {
    let mut a: Vec<&'static str> = vec![
        official::T2_CONTENT_LABEL,
        official::T3_CAPTION,
        official::T3_APPLICANTS,
        official::T3_RESULTS_LABEL,
    ];
    for edition in [Edition::E2019, Edition::E2021] {
        for g in official::t2_groups(edition) {
            a.push(g.title);
            a.extend(g.rows.iter().map(|r| r.label));
        }
        a.extend(official::t3_rows(edition).iter().map(|r| r.label));
        a.extend(official::t3_groups(edition).iter().map(|g| g.label));
    }
    let cores: Vec<&'static str> = a
        .iter()
        .map(|l| without_numbering(l))
        .filter(|c| c.chars().count() >= 4)
        .collect();
    a.extend(cores);
    a.sort_by_key(|s| std::cmp::Reverse(s.len()));
    a.dedup();
    a
}

/// An official label without its numbering (`（三）`, `1.`, `一、`).
fn without_numbering(label: &'static str) -> &'static str {
    if let Some(rest) = label.strip_prefix('（')
        && let Some(close) = rest.find('）')
        && rest
            .slice_to(close)
            .chars()
            .all(|c| "一二三四五六七八九十".contains(c))
    {
        return rest.slice_from(close + '）'.len_utf8());
    }
    let digits = label
        .char_indices()
        .take_while(|(_, c)| c.is_ascii_digit() || "一二三四五六七八九十".contains(*c))
        .last()
        .map_or(0, |(i, c)| i + c.len_utf8());
    match label.slice_from(digits).chars().next() {
        Some(c @ ('.' | '、' | '．')) if digits > 0 => label.slice_from(digits + c.len_utf8()),
        _ => label,
    }
}

/// Cuts before every anchor found in the table region (scanned left to
/// right, the longest anchor at each place). A label printed without its
/// official numbering (or with another) is found by its words, of four
/// characters or more, so that `其他` never cuts a header.
fn label_cuts(region: &str) -> Vec<usize> {
    // The anchors by their first character, longest first within each.
    let mut by_first: HashMap<char, Vec<&'static str>> = HashMap::new();
    for a in anchors() {
        if let Some(c) = a.chars().next() {
            by_first.entry(c).or_default().push(a);
        }
    }
    let mut at = Vec::new();
    let mut i = 0;
    while let Some(c) = region.slice_from(i).chars().next() {
        let found = by_first
            .get(&c)
            .and_then(|list| list.iter().find(|a| region.slice_from(i).starts_with(**a)));
        if let Some(a) = found {
            at.push(i);
            i += a.len();
        } else {
            i += c.len_utf8();
        }
    }
    at
}

/// In section 四: a cut before its header (`行政复议`) and before the
/// figures that follow the header's last `总计`.
fn table4_cuts(four: &str) -> Vec<usize> {
    let mut at = Vec::new();
    let Some(head) = four.find(official::T4_GROUPS[0].label) else {
        return at;
    };
    at.push(head);
    if let Some(last) = four.rfind("总计") {
        let figures = last + "总计".len();
        if four
            .slice_from(figures)
            .starts_with(|c: char| norm::fold_char(c).is_ascii_digit())
        {
            at.push(figures);
        }
    }
    at
}

/// Cuts around the numbered sub-headings of a narrative section
/// (`（一）信息处理费收取情况`: a numbering, at most 20 characters without
/// punctuation, ending with `情况`), which stood on lines of their own.
fn subheading_cuts(body: &str) -> Vec<usize> {
    let mut at = Vec::new();
    for (i, _) in body.match_indices('（') {
        let rest = body.slice_from(i + '（'.len_utf8());
        // Looked for within a few characters only: bounded work on any text.
        let Some(close) = window(rest, 4).find('）') else {
            continue;
        };
        if close == 0
            || !rest
                .slice_to(close)
                .chars()
                .all(|c| "一二三四五六七八九十".contains(c))
        {
            continue;
        }
        let after = rest.slice_from(close + '）'.len_utf8());
        let Some(end) = window(after, 24).find("情况") else {
            continue;
        };
        let words = after.slice_to(end);
        if words.chars().count() <= 20 && !words.contains(['。', '，', '；', '：', '（']) {
            at.push(i);
            at.push(body.len() - after.len() + end + "情况".len());
        }
    }
    at
}

/// The first `n` characters of `text`.
fn window(text: &str, n: usize) -> &str {
    let end = text.char_indices().nth(n).map_or(text.len(), |(i, _)| i);
    text.slice_to(end)
}

/// Cuts at the end of the report: before a closing date (`2025年1月20日`)
/// and before the signing agency between the last sentence and that date.
fn signature_cuts(tail: &str) -> Vec<usize> {
    let mut at = Vec::new();
    let Some(date) = closing_date(tail) else {
        return at;
    };
    at.push(date);
    let before = tail.slice_to(date);
    if let Some(stop) = before.rfind(['。', '；', '！']) {
        let name_from = stop + '。'.len_utf8();
        let name = before.slice_from(name_from);
        if (2..=40).contains(&name.chars().count()) && !name.contains(['，', '、', '：']) {
            at.push(name_from);
        }
    }
    at
}

/// Where a date that ends the text (`2025年1月20日`) starts.
fn closing_date(tail: &str) -> Option<usize> {
    let t = tail.trim_end();
    let body = t.strip_suffix('日')?;
    let chars: Vec<(usize, char)> = body.char_indices().collect();
    let mut i = chars.len();
    let mut marks = 0; // 月 and 年 seen, from the end
    while i > 0 {
        let (_, c) = chars[i - 1];
        if c.is_ascii_digit() {
            i -= 1;
        } else if (c == '月' && marks == 0) || (c == '年' && marks == 1) {
            marks += 1;
            i -= 1;
        } else {
            break;
        }
    }
    let start = chars.get(i).map(|(p, _)| *p)?;
    let year_digits = body
        .slice_from(start)
        .chars()
        .take_while(char::is_ascii_digit)
        .count();
    (marks == 2 && year_digits == 4).then_some(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[SourceLine]) -> Vec<&str> {
        lines.iter().map(|l| l.text.as_str()).collect()
    }

    const FLAT: &str = "示例县审计局2023年度政府信息公开工作年度报告本报告依据条例编制。\
一、总体情况本年度依法公开信息。二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数\
规章000行政规范性文件215第二十条第（五）项信息内容本年处理决定数量行政许可12\
三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人\
一、本年新收政府信息公开申请数量30000032.上年结转\
四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持总计100010000000000\
五、存在的主要问题及改进情况栏目更新慢，将加强维护。六、其他需要报告的事项无。示例县审计局2024年1月15日";

    #[test]
    fn a_flattened_report_is_cut_at_the_official_labels() {
        let (lines, cut) = unflatten(vec![SourceLine::text(FLAT, 7)]);
        assert!(cut);
        let t = texts(&lines);
        assert_eq!(t[0], "示例县审计局2023年度政府信息公开工作年度报告");
        assert!(t.contains(&"一、总体情况"), "{t:?}");
        assert!(t.contains(&"本年度依法公开信息。"), "{t:?}");
        assert!(t.contains(&"规章000"), "{t:?}");
        assert!(t.contains(&"行政规范性文件215"), "{t:?}");
        assert!(t.contains(&"行政许可12"), "{t:?}");
        assert!(
            t.contains(&"一、本年新收政府信息公开申请数量30000032.上年结转"),
            "{t:?}"
        );
        assert!(t.contains(&"100010000000000"), "{t:?}");
        assert!(t.contains(&"示例县审计局"), "{t:?}");
        assert_eq!(t.last(), Some(&"2024年1月15日"));
        // Every piece keeps its place in the source.
        for l in &lines {
            let at = l.offset - 7;
            assert_eq!(FLAT.get(at..at + l.text.len()), Some(l.text.as_str()));
        }
    }

    #[test]
    fn numbered_sub_headings_stand_alone() {
        let body = "六、其他需要报告的事项（一）信息处理费收取情况本年未收取。";
        let at = subheading_cuts(body);
        assert_eq!(
            at,
            vec![
                "六、其他需要报告的事项".len(),
                "六、其他需要报告的事项（一）信息处理费收取情况".len()
            ]
        );
        assert!(subheading_cuts("（一）本机关依法公开，办理情况良好").is_empty());
        // Unclosed brackets by the million take linear time.
        assert!(subheading_cuts(&"（".repeat(1_000_000)).is_empty());
    }

    #[test]
    fn numbering_is_taken_off_labels() {
        assert_eq!(without_numbering("（三）不予公开"), "不予公开");
        assert_eq!(without_numbering("2.重复申请"), "重复申请");
        assert_eq!(
            without_numbering("一、本年新收政府信息公开申请数量"),
            "本年新收政府信息公开申请数量"
        );
        assert_eq!(without_numbering("规章"), "规章");
    }

    #[test]
    fn a_label_without_its_numbering_is_still_cut() {
        let cuts = label_cuts("信息内容重复申请1000001不予公开");
        assert_eq!(
            cuts,
            vec![0, "信息内容".len(), "信息内容重复申请1000001".len()]
        );
    }

    #[test]
    fn ordinary_lines_are_left_alone() {
        let prose = "一、总体情况".to_string() + &"本机关依法公开政府信息。".repeat(40);
        let (lines, cut) = unflatten(vec![SourceLine::text(prose.clone(), 0)]);
        assert!(!cut);
        assert_eq!(texts(&lines), vec![prose.as_str()]);
    }

    #[test]
    fn a_line_longer_than_any_report_is_left_alone() {
        let long = FLAT.to_string() + &"无。".repeat(MAX_FLAT_LEN / 6 + 1);
        assert!(long.len() > MAX_FLAT_LEN);
        let (lines, cut) = unflatten(vec![SourceLine::text(long, 0)]);
        assert!(!cut);
        assert_eq!(lines.len(), 1);
    }

    #[test]
    fn the_closing_date_is_found_only_at_the_end() {
        assert_eq!(closing_date("无。某局2024年1月5日"), Some("无。某局".len()));
        assert_eq!(closing_date("2024年1月5日起施行的办法"), None);
        assert_eq!(closing_date("1月5日"), None);
    }
}
