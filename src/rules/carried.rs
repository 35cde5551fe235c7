//! TEXT-CARRIED: the paragraphs carried from last year's report
//! (`沿用上年`, [`crate::model::carried`]) that are neither edited nor
//! confirmed yet, each named at its place with the figures it writes out;
//! and the figures of those paragraphs (`沿用数字`) still written as last
//! year's once their paragraph was edited, each at its own place with last
//! year's sentence.

use crate::diag::{Diagnostic, codes, excerpt};
use crate::model::carried::{self, Carried, CarriedFigure};
use crate::model::{Report, Text};
use crate::slice::Slice;
use crate::source::SourceFile;

/// Most figures a paragraph's finding lists.
const MAX_FIGURES: usize = 8;

/// One finding per carried paragraph, and one per carried figure outside
/// them.
pub(super) fn check(report: &Report, file: &SourceFile, out: &mut Vec<Diagnostic>) {
    let narratives = report.narratives();
    let paragraphs = carried::carried(report);
    let figures = carried::carried_figures(report);
    for c in &paragraphs {
        let Some((_, text)) = narratives.iter().find(|(k, _)| *k == c.section) else {
            continue;
        };
        out.push(paragraph_finding(c, text, file, &figures));
    }
    for f in &figures {
        let whole = paragraphs
            .iter()
            .any(|c| c.section == f.section && c.index == f.paragraph);
        let Some((_, text)) = narratives.iter().find(|(k, _)| *k == f.section) else {
            continue;
        };
        if !whole {
            out.push(figure_finding(f, text, file));
        }
    }
}

/// The finding of a paragraph still carried whole, with the figures it
/// writes out (those `沿用数字` marks, or, in a file written before it,
/// every figure in digits).
fn paragraph_finding(
    c: &Carried<'_>,
    text: &Text,
    file: &SourceFile,
    figures: &[CarriedFigure<'_>],
) -> Diagnostic {
    let first_line = c.text.lines().next().unwrap_or(c.text).trim();
    let nth = text.value.slice_to(c.offset).matches(first_line).count();
    let mut listed: Vec<&str> = figures
        .iter()
        .filter(|f| f.section == c.section && f.paragraph == c.index)
        .map(|f| f.token)
        .collect();
    if figures.iter().all(|f| f.section != c.section) {
        listed = carried::figures(c.text)
            .into_iter()
            .map(|f| f.token)
            .collect();
    }
    let mut seen = Vec::new();
    listed.retain(|t| {
        let new = !seen.contains(t);
        seen.push(*t);
        new
    });
    let more = listed.len().saturating_sub(MAX_FIGURES);
    listed.truncate(MAX_FIGURES);
    let mut message = format!(
        "{}第 {} 段沿用上年报告（“{}”），尚未修改或确认",
        section_name(c.section),
        c.index + 1,
        excerpt(first_line)
    );
    if !listed.is_empty() {
        message.push_str(&format!(
            "；段中直接写出的数字 {}{} 是上年的，请按本年核对",
            listed.join("、"),
            if more > 0 {
                format!(" 等 {} 个", listed.len() + more)
            } else {
                String::new()
            }
        ));
    }
    Diagnostic::new_at(
        codes::TEXT_CARRIED,
        message,
        file.locate(text.span, first_line, nth),
        c.section,
    )
    .label("沿用上年")
    .help("按本年的情况改写这一段；确需原样沿用的，在工作台中点“确认沿用”，或删去“沿用上年”下的相应一行（段中的数字在“沿用数字”下，一并删去）")
}

/// The finding of a figure of last year's left in an edited paragraph, at
/// the figure.
fn figure_finding(f: &CarriedFigure<'_>, text: &Text, file: &SourceFile) -> Diagnostic {
    let value = &text.value;
    let line_start = value.slice_to(f.offset).rfind('\n').map_or(0, |i| i + 1);
    let end = f.offset + f.token.len();
    // The figure with what precedes it on its line, to find it in the file.
    let lead: String = value
        .slice(line_start, f.offset)
        .chars()
        .rev()
        .take(8)
        .collect::<Vec<char>>()
        .into_iter()
        .rev()
        .collect();
    let needle = format!("{lead}{}", value.slice(f.offset, end));
    let nth = value.slice_to(f.offset).matches(needle.as_str()).count();
    let mut at = file.locate(text.span, &needle, nth);
    if at != text.span {
        at = file.span_of(at.offset + lead.len(), f.token.len());
    }
    let mut message = format!(
        "{}第 {} 段中的“{}”是沿用上年报告的数字，尚未改为本年的数字或确认",
        section_name(f.section),
        f.paragraph + 1,
        f.token
    );
    if !f.sentence.is_empty() {
        message.push_str(&format!("（上年：“{}”）", around(f.sentence, f.token)));
    }
    Diagnostic::new_at(codes::TEXT_CARRIED, message, at, f.section)
        .label("上年的数字")
        .help("改为本年的数字；本年确实仍是这个数的，在工作台中点该数字旁的“确认本年仍为此数”，或删去“沿用数字”下的相应一行")
}

/// Most characters of last year's sentence a finding quotes before the
/// figure, and after it.
const BEFORE: usize = 24;
const AFTER: usize = 12;

/// Last year's sentence as a finding quotes it: whole when short, else the
/// words around the figure.
fn around(sentence: &str, token: &str) -> String {
    let Some(at) = sentence.find(token) else {
        return excerpt(sentence);
    };
    let before: Vec<char> = sentence.slice_to(at).chars().collect();
    let after: Vec<char> = sentence.slice_from(at + token.len()).chars().collect();
    // A cut never halves a number or a word in Latin letters ("…4年" for
    // "2024年"): it moves out to the run's end.
    let joined = |a: char, b: char| a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric();
    let mut start = before.len().saturating_sub(BEFORE);
    while start > 0 && joined(before[start - 1], before[start]) {
        start -= 1;
    }
    let mut end = after.len().min(AFTER);
    while end > 0 && end < after.len() && joined(after[end - 1], after[end]) {
        end += 1;
    }
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.extend(&before[start..]);
    out.push_str(token);
    out.extend(&after[..end]);
    if after.len() > end {
        out.push('…');
    }
    crate::diag::visible(&out).into_owned()
}

/// A narrative's path as a finding names it (`其他事项正文`).
fn section_name(section: &str) -> String {
    section.replace('.', "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_never_halves_a_year() {
        let sentence =
            "2024年，我队共收到政府信息公开申请6件，较上年增加5件，增长500%，申请人均为自然人。";
        let quoted = around(sentence, "5件");
        assert!(quoted.starts_with("2024年，我队"), "{quoted}");
    }

    #[test]
    fn last_years_sentence_is_quoted_around_the_figure() {
        assert_eq!(around("简报另有增刊2期。", "2期"), "简报另有增刊2期。");
        let long = "依托政务公开网站公开机构职能、履职依据、行政权力、政策解读等法定主动公开内容84条，较上年有所增加，群众满意。";
        assert_eq!(
            around(long, "84条"),
            "…、履职依据、行政权力、政策解读等法定主动公开内容84条，较上年有所增加，群众满…"
        );
    }
}
