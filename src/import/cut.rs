//! A text that stops short: a page a portal or a public store cut off (a
//! store of report pages keeps only the first 2 KB or so), a file copied in
//! part. Such a text ends with no signature and either before section 六 or
//! in the middle of a sentence. What comes after the cut was never read, so
//! a check that finds it missing judges the importer's input, not the
//! agency's report: [`Cut`] says which parts were reached only in part or
//! not at all, and `audit` counts the findings that rest on them as the
//! importer's.

use super::lines::{Piece, SourceLine};
use super::sections::{Signature, Split};
use crate::model::path;
use crate::model::schema::top;

/// Where a text stops short and what it did not reach.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cut {
    /// The section the text stops in (0 for 一 … 5 for 六); `None` when it
    /// stops before 一.
    pub section: Option<usize>,
    /// The last words before the end, as printed.
    pub tail: String,
    /// The last line, where the diagnostic points.
    pub at: Piece,
    /// The first data-path segment of each part the text did not reach
    /// (`问题及改进`, `其他事项`); the signature's `机关` and `成文日期` too.
    pub unread: Vec<String>,
    /// The first data-path segment of the part the text stops in, read
    /// only up to the cut (`总体情况`, or `前言` before 一).
    pub partly: String,
}

impl Cut {
    /// Whether the part whose data path begins with `top` was not reached.
    pub fn unread(&self, top: &str) -> bool {
        self.unread.iter().any(|u| u == top)
    }
}

/// Characters a sentence or a heading ends with.
const CLOSING: &[char] = &[
    '。', '！', '？', '!', '?', '；', ';', '…', '）', ')', '」', '』', '”', '’', '"', '：', ':',
];

/// Whether a last line says there is nothing to report, as section 六
/// often does without a full stop (`无`, `暂无`, `无其他需要报告的事项`).
fn says_none(line: &str) -> bool {
    let line = line.trim();
    ["无", "暂无", "没有", "无。"].contains(&line)
        || (line.contains('无') || line.contains("没有"))
            && (line.ends_with("事项") || line.ends_with("情况"))
            && line.chars().count() <= 20
}

/// The first data-path segment of section `i`'s content.
fn section_top(i: usize) -> String {
    let p = match i {
        0 => path::field(top::OVERVIEW),
        1 => path::field(top::TABLE2),
        2 => path::field(top::TABLE3),
        3 => path::field(top::TABLE4),
        4 => path::field(top::PROBLEMS),
        _ => path::other_body(),
    };
    p.split(['.', '[']).next().unwrap_or_default().to_string()
}

/// Where the text of `split` stops short, if it does (see the module).
pub fn detect(split: &Split, signature: &Signature) -> Option<Cut> {
    if signature.date.is_some() {
        return None;
    }
    let last = split.sections.iter().rposition(Option::is_some);
    let lines: &[SourceLine] = match last.and_then(|i| split.sections[i].as_ref()) {
        Some(s) if s.lines.iter().any(|l| !l.text.trim().is_empty()) => &s.lines,
        Some(_) => &[],
        None => &split.front,
    };
    let end = lines.iter().rev().find(|l| !l.text.trim().is_empty());
    let (tail_line, at) = match end {
        Some(l) => (
            l.text.trim_end().to_string(),
            Piece {
                text: l.text.trim_end().to_string(),
                offset: l.offset,
                len: l.text.trim_end().len(),
            },
        ),
        None => {
            let heading = last
                .and_then(|i| split.sections[i].as_ref())?
                .heading
                .clone();
            (heading.text.clone(), heading)
        }
    };
    let broken = tail_line.ends_with('\u{FFFD}');
    let closed = !broken && (tail_line.ends_with(CLOSING) || says_none(&tail_line));
    if split.sections[5].is_some() && closed {
        return None;
    }
    let from = last.map_or(0, |i| i + 1);
    let mut unread: Vec<String> = (from..6).map(section_top).collect();
    unread.extend([top::AGENCY, top::DATE].map(path::field));
    let tail: String = {
        let chars: Vec<char> = tail_line.trim_end_matches('\u{FFFD}').chars().collect();
        chars[chars.len().saturating_sub(16)..].iter().collect()
    };
    Some(Cut {
        section: last,
        tail,
        at,
        unread,
        partly: last.map_or_else(|| path::field(top::PREFACE), section_top),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::sections;

    fn split(text: &str) -> (Split, Signature) {
        let mut offset = 0;
        let lines: Vec<SourceLine> = text
            .lines()
            .map(|l| {
                let line = SourceLine::text(l, offset);
                offset += l.len() + 1;
                line
            })
            .collect();
        let mut split = sections::split(lines);
        let signature = match split.sections.iter_mut().rev().flatten().next() {
            Some(last) => sections::take_signature(&mut last.lines, ""),
            None => sections::take_signature(&mut split.front, ""),
        };
        (split, signature)
    }

    #[test]
    fn a_section_six_of_nothing_is_no_cut() {
        for end in [
            "无",
            "暂无",
            "无其他需要报告的事项",
            "本年度无其他需要报告的事项",
        ] {
            let text = format!("前言。\n一、总体情况\n正文。\n六、其他需要报告的事项\n{end}");
            let (s, sig) = split(&text);
            let found = detect(&s, &sig);
            assert!(found.is_none(), "{end}");
        }
        let (s, sig) = split("前言。\n一、总体情况\n正文。\n六、其他需要报告的事项\n本机关");
        assert!(detect(&s, &sig).is_some());
    }

    #[test]
    fn a_page_cut_inside_the_overview_is_cut_there() {
        let (s, sig) = split("前言。\n一、总体情况\n本年度主动公开政府信息12条，其中规范性文件3");
        let cut = detect(&s, &sig).expect("cut");
        assert_eq!(cut.section, Some(0));
        assert_eq!(cut.partly, "总体情况");
        assert!(cut.unread("其他事项") && cut.unread("问题及改进") && cut.unread("依申请公开"));
        assert!(!cut.unread("总体情况"));
        assert!(cut.tail.ends_with("规范性文件3"), "{}", cut.tail);
    }

    #[test]
    fn a_store_cut_inside_a_character_is_a_cut_even_after_a_full_stop() {
        let (s, sig) = split("前言。\n一、总体情况\n全年公开信息。\u{FFFD}");
        assert!(detect(&s, &sig).is_some());
    }

    #[test]
    fn a_whole_report_is_not_cut() {
        let (s, sig) = split(
            "前言。\n一、总体情况\n公开。\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n\
             四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n问题。\n\
             六、其他需要报告的事项\n无。\n某某县人民政府办公室\n2025年1月20日",
        );
        assert_eq!(detect(&s, &sig), None);
    }

    #[test]
    fn a_report_ending_in_six_with_a_full_stop_but_no_date_is_not_cut() {
        let (s, sig) =
            split("一、总体情况\n公开。\n六、其他需要报告的事项\n本年度无其他需要报告的事项。");
        assert_eq!(detect(&s, &sig), None);
    }

    #[test]
    fn a_report_ending_in_six_mid_sentence_is_cut_in_six() {
        let (s, sig) =
            split("一、总体情况\n公开。\n六、其他需要报告的事项\n本年度承办人大代表建议");
        let cut = detect(&s, &sig).expect("cut");
        assert_eq!(cut.section, Some(5));
        assert_eq!(cut.partly, "其他事项");
        assert!(cut.unread("机关"));
    }
}
