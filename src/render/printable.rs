//! The report as it is printed: private-use characters (the bullets of
//! Word's symbol fonts, a 造字 rare character) dropped from every text
//! value, so that no format prints them. A bullet at the start of a line
//! of a narrative becomes a Markdown list item's mark, the spaces after it
//! gone: the line prints as its own paragraph, the list item it was.
//! TEXT-PUA names each in the check.

use crate::slice::Slice;
use std::borrow::Cow;

use crate::model::{Located, Report};
use crate::source::is_private_use;

/// `report` without private-use characters (borrowed when it has none).
pub fn printable(report: &Report) -> Cow<'_, Report> {
    let mut texts = vec![report.agency.value.as_str()];
    let c = &report.contact;
    texts.extend(
        [&c.address, &c.postcode, &c.phone, &c.email]
            .into_iter()
            .flatten()
            .map(|v| v.value.as_str()),
    );
    texts.extend(
        report
            .narratives()
            .into_iter()
            .map(|(_, t)| t.value.as_str()),
    );
    let notes = report.table2.cells.iter().flatten().flatten().flatten();
    let has = |t: &str| t.chars().any(is_private_use);
    if !texts.into_iter().any(has) && !notes.filter_map(|v| v.note.as_deref()).any(has) {
        return Cow::Borrowed(report);
    }
    let mut out = report.clone();
    strip_line(&mut out.agency);
    let c = &mut out.contact;
    for v in [&mut c.address, &mut c.postcode, &mut c.phone, &mut c.email]
        .into_iter()
        .flatten()
    {
        strip_line(v);
    }
    for t in [
        Some(&mut out.overview),
        Some(&mut out.problems),
        Some(&mut out.other),
    ]
    .into_iter()
    .chain([out.preface.as_mut()])
    .flatten()
    {
        t.value = without_private_use(&t.value, true);
    }
    for v in out.table2.cells.iter_mut().flatten().flatten().flatten() {
        if let Some(note) = &mut v.note {
            *note = without_private_use(note, false);
        }
    }
    Cow::Owned(out)
}

fn strip_line(v: &mut Located<String>) {
    v.value = without_private_use(&v.value, false);
}

/// `text` without private-use characters: one opening a line (a bullet)
/// goes with the spaces and Tab after it, and is a list item's `- ` when
/// `items` (a narrative's Markdown).
pub fn without_private_use(text: &str, items: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for (k, line) in text.split('\n').enumerate() {
        if k > 0 {
            out.push('\n');
        }
        let body = line.trim_start_matches([' ', '\u{3000}', '\t']);
        let indent = line.slice_to(line.len() - body.len());
        let bullet = body.chars().take_while(|&c| is_private_use(c)).count();
        let rest = if bullet > 0 {
            let after: usize = body.chars().take(bullet).map(char::len_utf8).sum();
            out.push_str(indent);
            if items {
                out.push_str("- ");
            }
            body.slice_from(after)
                .trim_start_matches([' ', '\u{3000}', '\t', '\u{a0}'])
        } else {
            line
        };
        out.extend(rest.chars().filter(|&c| !is_private_use(c)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bullets_go_with_their_spaces_and_other_private_use_characters_go() {
        let text = "要点：\n\u{f0d8}\t加强平台建设。\n  \u{f0b7} 规范公开。\n王\u{e000}同志";
        assert_eq!(
            without_private_use(text, true),
            "要点：\n- 加强平台建设。\n  - 规范公开。\n王同志"
        );
        assert_eq!(
            without_private_use(text, false),
            "要点：\n加强平台建设。\n  规范公开。\n王同志"
        );
        assert_eq!(without_private_use("无。", true), "无。");
    }
}
