//! The report as it is printed: private-use characters in every text value
//! made printable, and the narratives' control and direction characters
//! (raw, or written as references such as `&#x202e;`) shown as their code,
//! `\u{202e}`, so that no format emits one.
//!
//! A bullet of Word's symbol fonts at the start of a line of a narrative
//! becomes a Markdown list item's mark, the spaces after it
//! gone: the line prints as its own paragraph, the list item it was. Any
//! other private-use character is a 造字 (a rare character a
//! household-registration or 造字 program put in the private use area):
//! it is never dropped (issue 77: `张林` printed with no gap where the
//! character was) but printed as its code in a box, `〔U+E000〕`, in every
//! format, and the report is a draft (TEXT-PUA names each in the check,
//! `typeset::glyphs` says how to print it) — unless the agency's 造字 font
//! (`render::zaozi`) has it: then it is kept, printed from that font.

use crate::slice::Slice;
use std::borrow::Cow;
use std::collections::BTreeSet;

use crate::model::{Located, Report};
use crate::source::is_private_use;

/// The 造字 of `report` (in every text value, [`zaozi`]), each once.
pub fn report_zaozi(report: &Report) -> BTreeSet<char> {
    let notes = report.table2.cells.iter().flatten().flatten().flatten();
    texts(report)
        .into_iter()
        .chain(notes.filter_map(|v| v.note.as_deref()))
        .flat_map(zaozi)
        .collect()
}

/// Every text value of `report` but table 二's notes.
fn texts(report: &Report) -> Vec<&str> {
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
    texts
}

/// `report` with its private-use characters made printable (borrowed when
/// it has none): bullets as list marks, 造字 as [`zaozi_mark`] but those
/// `kept` (the 造字 font's, printed from it).
pub fn printable<'a>(report: &'a Report, kept: &BTreeSet<char>) -> Cow<'a, Report> {
    let notes = report.table2.cells.iter().flatten().flatten().flatten();
    let has = |t: &str| t.chars().any(is_private_use);
    let shown = |t: &str| matches!(super::escape::shown_controls(t), Cow::Owned(_));
    if !texts(report).into_iter().any(has)
        && !notes.filter_map(|v| v.note.as_deref()).any(has)
        && !report.narratives().iter().any(|(_, t)| shown(&t.value))
    {
        return Cow::Borrowed(report);
    }
    let mut out = report.clone();
    let line = |v: &mut Located<String>| v.value = without_private_use(&v.value, false, kept);
    line(&mut out.agency);
    let c = &mut out.contact;
    for v in [&mut c.address, &mut c.postcode, &mut c.phone, &mut c.email]
        .into_iter()
        .flatten()
    {
        line(v);
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
        // Control characters, raw or as references (`&#x1b;`), shown as
        // their code in every format, a draft's too.
        let printed = without_private_use(&t.value, true, kept);
        t.value = super::escape::shown_controls(&printed).into_owned();
    }
    for v in out.table2.cells.iter_mut().flatten().flatten().flatten() {
        if let Some(note) = &mut v.note {
            *note = without_private_use(note, false, kept);
        }
    }
    Cow::Owned(out)
}

/// How a 造字 (a private-use character not opening a line) prints when no
/// face has it: its code in the brackets of a document number, `〔U+E000〕`,
/// the same in every format.
pub fn zaozi_mark(c: char) -> String {
    format!("〔U+{:04X}〕", c as u32)
}

/// The 造字 of `text`: its private-use characters but the bullets opening
/// a line, in order.
pub fn zaozi(text: &str) -> Vec<char> {
    let mut out = Vec::new();
    for line in text.split('\n') {
        let body = line.trim_start_matches([' ', '\u{3000}', '\t']);
        out.extend(
            body.chars()
                .skip_while(|&c| is_private_use(c))
                .filter(|&c| is_private_use(c)),
        );
    }
    out
}

/// `text` made printable: a private-use character opening a line (a
/// bullet) goes with the spaces and Tab after it, and is a list item's
/// `- ` when `items` (a narrative's Markdown); any other is a 造字,
/// printed as [`zaozi_mark`] unless `kept` has it (the 造字 font's).
pub fn without_private_use(text: &str, items: bool, kept: &BTreeSet<char>) -> String {
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
        // A private-use character no face prints is shown by its code.
        let mut from = 0;
        for (at, c) in rest
            .char_indices()
            .filter(|&(_, c)| is_private_use(c) && !kept.contains(&c))
        {
            out.push_str(crate::slice::Slice::slice(rest, from, at));
            out.push_str(&zaozi_mark(c));
            from = at + c.len_utf8();
        }
        out.push_str(crate::slice::Slice::slice_from(rest, from));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bullets_go_with_their_spaces_and_zaozi_print_as_their_code() {
        let text = "要点：\n\u{f0d8}\t加强平台建设。\n  \u{f0b7} 规范公开。\n张\u{e000}林同志";
        let none = BTreeSet::new();
        assert_eq!(
            without_private_use(text, true, &none),
            "要点：\n- 加强平台建设。\n  - 规范公开。\n张〔U+E000〕林同志"
        );
        assert_eq!(
            without_private_use(text, false, &none),
            "要点：\n加强平台建设。\n  规范公开。\n张〔U+E000〕林同志"
        );
        assert_eq!(without_private_use("无。", true, &none), "无。");
        // A 造字 the 造字 font has is kept; a bullet is still a list mark.
        let kept = BTreeSet::from(['\u{e000}', '\u{f0d8}']);
        assert_eq!(
            without_private_use("\u{f0d8}\t要点\n张\u{e000}\u{e001}林", true, &kept),
            "- 要点\n张\u{e000}〔U+E001〕林"
        );
        assert_eq!(zaozi(text), ['\u{e000}']);
        assert_eq!(zaozi("\u{f0b7}\u{e001} 张\u{f8ff}"), ['\u{f8ff}']);
    }
}
