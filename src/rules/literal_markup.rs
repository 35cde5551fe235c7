//! TEXT-MARKUP: bold marks (`**`) that pair with nothing and print as they
//! are. `**` beside Chinese punctuation is bold ([`emphasis`]); one left
//! open (`**一是加强领导。` with no closing `**`) or closed twice prints
//! its asterisks in every format.
//!
//! [`emphasis`]: crate::model::emphasis

use crate::slice::Slice;
use pulldown_cmark::{Event, Options, Parser};

use crate::diag::limit::Capped;
use crate::diag::{Diagnostic, codes};
use crate::model::Report;
use crate::model::emphasis;
use crate::source::{Occurrences, SourceFile};

/// Checks the preface and the three narratives.
pub(super) fn check(report: &Report, file: &SourceFile, out: &mut Vec<Diagnostic>) {
    for (at, text) in report.narratives() {
        let mut capped = Capped::new();
        // Occurrences of a line's stray marks so far, to place each.
        let mut seen = Occurrences::new();
        for line in stray_lines(&text.value) {
            let nth = seen.next(line);
            if !capped.room() {
                continue;
            }
            let line_span = file.locate(text.span, line, nth);
            let span = file.locate(line_span, "**", 0);
            out.push(
                Diagnostic::new_at(
                    codes::TEXT_MARKUP,
                    format!(
                        "“**”没有成对，会原样印在年报上：{}",
                        crate::diag::excerpt(line.trim())
                    ),
                    span,
                    at,
                )
                .label("这里的星号会印出")
                .help("加粗的文字两边各写一个 **（如 **一是加强领导。**）；不需要加粗的，删去星号"),
            );
        }
        out.extend(capped.rest(codes::TEXT_MARKUP, text.span, at));
    }
}

/// The lines of `markdown` whose parsed text still holds `**`, once each
/// time such a line is written.
fn stray_lines(markdown: &str) -> Vec<&str> {
    if !markdown.contains("**") {
        return Vec::new();
    }
    let prepared = emphasis::prepare(markdown);
    // Byte offsets of the lines in the prepared text, and in the original.
    let starts = |s: &str| -> Vec<usize> {
        std::iter::once(0)
            .chain(s.match_indices('\n').map(|(i, _)| i + 1))
            .collect()
    };
    let (ps, os) = (starts(&prepared), starts(markdown));
    let mut lines: Vec<usize> = Parser::new_ext(&prepared, Options::ENABLE_TABLES)
        .into_offset_iter()
        .filter_map(|(e, range)| match e {
            // An unpaired run comes as text of one `*` each.
            Event::Text(t) if t.contains('*') && in_double_star(&prepared, range.start) => {
                Some(ps.partition_point(|&s| s <= range.start) - 1)
            }
            _ => None,
        })
        .collect();
    lines.dedup();
    lines
        .into_iter()
        .filter_map(|k| {
            let from = *os.get(k)?;
            let to = os.get(k + 1).map_or(markdown.len(), |&e| e - 1);
            markdown.get(from..to)
        })
        .collect()
}

/// Whether the `*` at or after byte `at` of `text` is one of a `**`.
fn in_double_star(text: &str, at: usize) -> bool {
    let Some(star) = text.get(at..).and_then(|t| t.find('*')).map(|i| at + i) else {
        return false;
    };
    text.slice_from(star).starts_with("**") || text.slice_to(star).ends_with('*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_marks_that_print_are_found() {
        assert!(stray_lines("详见**《条例》**规定。\n\n**（一）主动公开。**依托网站。").is_empty());
        assert!(stray_lines("本年**新增**公开。3 * 4 = 12。").is_empty());
        assert_eq!(
            stray_lines("第一段。\n\n**一是加强领导。\n\n第三段**重点**。\n\n二是**完善制度。"),
            ["**一是加强领导。", "二是**完善制度。"]
        );
    }
}
