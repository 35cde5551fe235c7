//! Lines of a narrative numbered like the report's six parts (`一、总体情况`):
//! a part heading pasted with its text (printed twice), or a sub-heading
//! numbered at the wrong level. Each gets a one-click fix.

use crate::diag::{Diagnostic, Fix, codes};
use crate::model::narrative::part_number;
use crate::model::official::SECTION_HEADINGS;
use crate::model::schema::top;
use crate::model::{Report, Text, path};
use crate::source::SourceFile;

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
