//! Bold (`**…**`) beside Chinese punctuation. CommonMark opens `**` only
//! when the character after it is not punctuation or the one before it is
//! a space or punctuation, and closes it the other way round; a Latin
//! writer puts a space there, a Chinese one never does. So
//! `详见**《条例》**规定` and `**（一）主动公开情况。**依托……` printed their
//! asterisks in every format. Before the narrative is parsed, [`prepare`]
//! puts a space that is never printed ([`MARK`]) outside such marks, where
//! CommonMark wants a space; [`strip`] takes it out of the parsed text.

use crate::slice::Slice;
use std::borrow::Cow;

/// U+205F MEDIUM MATHEMATICAL SPACE: white space to CommonMark, and no
/// character a clerk's text has; never printed.
pub const MARK: char = '\u{205F}';

/// `markdown` with [`MARK`] before each `**` that opens bold between a
/// letter and punctuation (`见**《`), and after each that closes it
/// between punctuation and a letter (`。**依`). Marks pair up within a
/// paragraph (a blank line or a heading starts a new count).
pub fn prepare(markdown: &str) -> Cow<'_, str> {
    if !markdown.contains("**") {
        return Cow::Borrowed(markdown);
    }
    let mut out = String::with_capacity(markdown.len() + 16);
    let mut open = false;
    let mut changed = false;
    for line in markdown.split_inclusive('\n') {
        let body = line.trim();
        if body.is_empty() || body.starts_with('#') {
            open = false;
        }
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        let mut k = 0;
        let mut copied = 0;
        while k < chars.len() {
            if chars[k].1 != '*' {
                k += 1;
                continue;
            }
            let mut e = k;
            while e < chars.len() && chars[e].1 == '*' {
                e += 1;
            }
            let prev = k.checked_sub(1).map(|i| chars[i].1);
            let next = chars.get(e).map(|c| c.1);
            if e - k != 2 || prev == Some('\\') {
                k = e;
                continue;
            }
            let letter = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
            let punct = |c: Option<char>| {
                c.is_some_and(|c| !c.is_alphanumeric() && !c.is_whitespace() && c != '*')
            };
            if !open && letter(prev) && punct(next) {
                out.push_str(line.slice(copied, chars[k].0));
                out.push(MARK);
                copied = chars[k].0;
                changed = true;
            } else if open && punct(prev) && letter(next) {
                let after = chars.get(e).map_or(line.len(), |c| c.0);
                out.push_str(line.slice(copied, after));
                out.push(MARK);
                copied = after;
                changed = true;
            }
            open = !open;
            k = e;
        }
        out.push_str(line.slice_from(copied));
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(markdown)
    }
}

/// `text` (parsed from [`prepare`]d Markdown) without [`MARK`].
pub fn strip(text: &str) -> Cow<'_, str> {
    if text.contains(MARK) {
        Cow::Owned(text.replace(MARK, ""))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text and its bold runs as CommonMark reads the prepared text.
    fn bold(markdown: &str) -> (String, Vec<String>) {
        use pulldown_cmark::{Event, Parser, Tag, TagEnd};
        let prepared = prepare(markdown);
        let (mut text, mut runs, mut from) = (String::new(), Vec::new(), None);
        for e in Parser::new(&prepared) {
            match e {
                Event::Text(t) => text.push_str(&strip(&t)),
                Event::Start(Tag::Strong) => from = Some(text.len()),
                Event::End(TagEnd::Strong) => {
                    runs.push(text.slice_from(from.take().unwrap()).to_string())
                }
                _ => {}
            }
        }
        (text, runs)
    }

    #[test]
    fn bold_beside_chinese_punctuation_is_bold() {
        assert_eq!(
            bold("详见**《条例》**规定。"),
            ("详见《条例》规定。".into(), vec!["《条例》".into()])
        );
        assert_eq!(
            bold("**（一）主动公开情况。**依托网站公开。"),
            (
                "（一）主动公开情况。依托网站公开。".into(),
                vec!["（一）主动公开情况。".into()]
            )
        );
        assert_eq!(bold("**（二）**本年度").1, vec!["（二）".to_string()]);
        // Across a soft line break, and two pairs in a paragraph.
        assert_eq!(
            bold("甲**“乙”**丙\n丁**“戊”**己").1,
            vec!["“乙”".to_string(), "“戊”".to_string()]
        );
    }

    #[test]
    fn bold_commonmark_reads_already_is_left_alone() {
        for md in [
            "本年**新增**公开",
            "**重点工作**。",
            "a**b",
            "3 ** 4",
            "\\**《x》**",
        ] {
            assert!(matches!(prepare(md), Cow::Borrowed(_)), "{md}");
        }
        assert_eq!(bold("**重点工作**。").1, vec!["重点工作".to_string()]);
        // A mark left alone prints as it is; a blank line ends a paragraph.
        assert_eq!(bold("见**《甲》\n\n乙**。").0, "见**《甲》乙**。");
    }
}
