//! TEXT-CARRIED: the paragraphs carried from last year's report
//! (`沿用上年`, [`crate::model::carried`]) that are neither edited nor
//! confirmed yet, each named at its place with the figures it writes out.

use crate::diag::{Diagnostic, codes, excerpt};
use crate::model::Report;
use crate::model::carried::{self, Carried};
use crate::slice::Slice;
use crate::source::SourceFile;

/// Most figures a finding lists.
const MAX_FIGURES: usize = 6;

/// One finding per carried paragraph.
pub(super) fn check(report: &Report, file: &SourceFile, out: &mut Vec<Diagnostic>) {
    let narratives = report.narratives();
    for c in carried::carried(report) {
        let Some((_, text)) = narratives.iter().find(|(k, _)| *k == c.section) else {
            continue;
        };
        let first_line = c.text.lines().next().unwrap_or(c.text).trim();
        let nth = text.value.slice_to(c.offset).matches(first_line).count();
        let mut d = Diagnostic::new_at(
            codes::TEXT_CARRIED,
            format!(
                "{}第 {} 段沿用上年报告（“{}”），尚未修改或确认",
                c.section.replace('.', ""),
                c.index + 1,
                excerpt(first_line)
            ),
            file.locate(text.span, first_line, nth),
            c.section,
        )
        .label("沿用上年")
        .help("按本年的情况改写这一段；确需原样沿用的，在工作台中点“确认沿用”，或删去“沿用上年”下的相应一行");
        let figures = literal_figures(&c);
        if !figures.is_empty() {
            d = d.note(format!(
                "段中直接写出的数字 {} 是上年报告中的，请按本年核对",
                figures.join("、")
            ));
        }
        out.push(d);
    }
}

/// The figures a paragraph writes out in digits, outside placeholders,
/// that are not years or dates (`2024年`, `3月`, `15日`).
fn literal_figures(c: &Carried<'_>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut rest = c.text;
    let mut plain = String::new();
    while let Some(open) = rest.find("{{") {
        plain.push_str(rest.slice_to(open));
        plain.push(' ');
        rest = rest
            .slice_from(open)
            .find("}}")
            .map_or("", |close| rest.slice_from(open + close + 2));
    }
    plain.push_str(rest);
    let chars: Vec<char> = plain.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
            i += 1;
        }
        let figure: String = chars[start..i].iter().collect::<String>();
        let figure = figure.trim_end_matches('.').to_string();
        let dated = matches!(chars.get(i), Some('年' | '月' | '日' | '号' | '时'));
        let listed = out.contains(&figure);
        if !dated && !listed && out.len() < MAX_FIGURES {
            out.push(figure);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::carried::Carried;

    #[test]
    fn figures_outside_placeholders_and_dates() {
        let c = Carried {
            section: "总体情况",
            index: 0,
            text: "2024年3月共收到申请{{ 依申请公开.本年新收.总计 }}件，办结35件，公开12.5%，又办结35件。",
            offset: 0,
            digest: String::new(),
        };
        assert_eq!(literal_figures(&c), vec!["35", "12.5"]);
    }
}
