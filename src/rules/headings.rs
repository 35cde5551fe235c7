//! Lines of a narrative numbered like the report's six parts (`一、总体情况`):
//! a part heading pasted with its text (printed twice), or a sub-heading
//! numbered at the wrong level; and a sub-heading with nothing under it
//! (printed alone). Each gets a one-click fix.

use crate::diag::{Diagnostic, Fix, codes};
use crate::model::narrative::{heading_mark, part_number};
use crate::model::official::SECTION_HEADINGS;
use crate::model::schema::top;
use crate::model::{Report, Text, path};
use crate::slice::Slice;
use crate::source::{Occurrences, SourceFile};

/// Checks the preface and the three narratives.
pub(super) fn check(report: &Report, file: &SourceFile, out: &mut Vec<Diagnostic>) {
    let texts: [(String, Option<&Text>); 4] = [
        (path::field(top::PREFACE), report.preface.as_ref()),
        (path::field(top::OVERVIEW), Some(&report.overview)),
        (path::field(top::PROBLEMS), Some(&report.problems)),
        (path::other_body(), Some(&report.other)),
    ];
    for (at, text) in texts {
        let Some(text) = text else { continue };
        for line in text.value.lines() {
            let line = line.trim_matches(|c: char| c.is_whitespace());
            if let Some(d) = finding(line, &at, text, file) {
                out.push(d);
            }
        }
        if at != path::field(top::PREFACE) {
            empty_headings(&at, text, file, out);
        }
    }
}

/// The level of a heading line (3 for `### `/`（一）`, 4 for `1.`, 5 for
/// `（1）`), none for a paragraph's line.
fn level(line: &str) -> Option<usize> {
    let marks = line.chars().take_while(|c| *c == '#').count();
    if marks > 0 {
        return line.slice_from(marks).starts_with(' ').then_some(marks);
    }
    heading_mark(line).map(|m| m.trim_end().len())
}

/// Most empty sub-headings reported in one narrative.
const MAX_EMPTY: usize = 20;

/// TEXT-HEADING: each sub-heading of `text` followed by no text before the
/// next heading of its level or above, or the end: it would print alone.
/// A narrative of headings only is not begun (a new file's skeleton): the
/// slip is a heading left empty among written ones.
/// The level of `line` as a title: a line with a sentence's marks in it
/// ("（1）全年主动公开信息27条,历年累计455条。", "1.受理情况:…") is text
/// numbered as a list item, whatever the width of its punctuation.
fn title_level(line: &str) -> Option<usize> {
    if line.contains([',', ';', ':', '，', '；', '：', '。']) {
        return None;
    }
    level(line)
}

fn empty_headings(at: &str, text: &Text, file: &SourceFile, out: &mut Vec<Diagnostic>) {
    let lines: Vec<&str> = text
        .value
        .lines()
        .map(|l| l.trim_matches(|c: char| c.is_whitespace()))
        .filter(|l| !l.is_empty())
        .collect();
    if lines.iter().all(|l| level(l).is_some()) {
        return;
    }
    let mut seen = Occurrences::new();
    let mut found = 0;
    for (i, line) in lines.iter().enumerate() {
        let nth = seen.next(*line);
        let Some(own) = title_level(line) else {
            continue;
        };
        let last = i + 1 == lines.len();
        let empty = lines
            .get(i + 1)
            .is_none_or(|next| title_level(next).is_some_and(|l| l <= own));
        if !empty || found == MAX_EMPTY {
            continue;
        }
        found += 1;
        let shown = line.trim_start_matches('#').trim();
        let d = Diagnostic::new_at(
            codes::TEXT_HEADING,
            format!("小标题“{shown}”下面没有内容，会只印出这个标题"),
            file.locate(text.span, line, nth),
            at,
        )
        .label("下面没有内容")
        .help("在它下面写上这一项的情况（确实没有的，写明“本年度未……”），或删去这个小标题")
        .fix(Fix::line(at, *line, "", "删去这个小标题"));
        // At a text's end, what is missing may be a published text cut
        // short: an import counts it as its own when it was.
        out.push(if last { d.absence() } else { d });
    }
}

/// The finding on one line, when it is numbered like a part.
fn finding(line: &str, at: &str, text: &Text, file: &SourceFile) -> Option<Diagnostic> {
    let (number, rest) = part_number(line)?;
    let span = file.locate(text.span, line, 0);
    let pasted = SECTION_HEADINGS.iter().any(|h| {
        h.split_once('、')
            .is_some_and(|(_, name)| rest == name || rest.starts_with(name))
    });
    let (message, help, fix) = if pasted {
        (
            format!("正文中的“{line}”是报告已经印出的部分标题，会印两次"),
            "删去这一行".to_string(),
            Fix::line(at, line, "", "删去这一行"),
        )
    } else {
        let sub = format!("（{number}）{rest}");
        (
            format!("正文中的“{line}”编号像报告的六个部分，会当作普通段落印出"),
            format!("小标题写成“{sub}”单独一行，会作为小标题印出"),
            Fix::line(at, line, sub.clone(), format!("改为“{sub}”")),
        )
    };
    Some(
        Diagnostic::new_at(codes::TEXT_HEADING, message, span, at)
            .label("这一行")
            .help(help)
            .fix(fix),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn empty(value: &str) -> Vec<String> {
        let file = SourceFile::new("t.yaml", value);
        let t = Text {
            value: value.into(),
            span: crate::source::Span::default(),
        };
        let mut out = Vec::new();
        empty_headings("其他事项.正文", &t, &file, &mut out);
        out.into_iter().map(|d| d.message).collect()
    }

    #[test]
    fn a_sub_heading_with_nothing_under_it_is_found() {
        let found = empty(
            "### （二）人大代表建议\n\n办理建议3件。\n\n### （三）政务公开工作创新情况\n\n（四）落实工作要点情况\n\n#### 1.总体部署\n\n逐项落实。\n\n（五）其他\n",
        );
        assert_eq!(
            found,
            [
                "小标题“（三）政务公开工作创新情况”下面没有内容，会只印出这个标题",
                "小标题“（五）其他”下面没有内容，会只印出这个标题",
            ]
        );
        assert!(empty("（二）建议提案\n本年度未承办建议提案。\n").is_empty());
        // A skeleton not begun is what is left to write, not a slip.
        assert!(empty("### （二）建议提案\n\n### （三）创新\n").is_empty());
    }

    #[test]
    fn a_pasted_part_heading_is_removed_a_sub_heading_renumbered() {
        let text = "年报:\n总体情况: |\n  一、总体情况\n  正文。\n  二、加强领导\n  正文。\n";
        let file = SourceFile::new("t.yaml", text);
        let t = Text {
            value: "一、总体情况\n正文。\n二、加强领导\n正文。\n".into(),
            span: crate::source::Span::default(),
        };
        let pasted = finding("一、总体情况", "总体情况", &t, &file).unwrap();
        assert_eq!(pasted.fix.as_ref().unwrap().with, "");
        let sub = finding("二、加强领导", "总体情况", &t, &file).unwrap();
        assert_eq!(sub.fix.as_ref().unwrap().with, "（二）加强领导");
        assert!(sub.help.unwrap().contains("（二）加强领导"));
    }
}
