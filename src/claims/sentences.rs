//! A narrative cut into sentences, each with the headings it stands under:
//! Markdown headings (`### （二）依申请公开`), heading paragraphs (a short
//! line with no sentence in it) and run-in headings (`（二）依申请公开情况。`
//! opening a paragraph).

use crate::slice::Slice;
use std::ops::Range;

/// One sentence of a narrative.
#[derive(Debug, Clone)]
pub(crate) struct Sentence {
    /// Its characters in the text.
    pub range: Range<usize>,
    /// The headings it stands under, outermost first, joined.
    pub headings: String,
}

/// Whether `c` is a Han character (CJK Unified Ideographs and extension A).
pub(crate) fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

/// Longest text taken for a heading when it has no `#`.
const MAX_HEADING: usize = 40;

/// Most characters of one narrative the prose readings look at: a real
/// section is a few thousand; a pasted book is read no further, so reading
/// stays a bounded cost whatever the file holds.
pub(crate) const MAX_READ_CHARS: usize = 100_000;

/// The sentences of `chars` (a narrative's Markdown) in order, within its
/// first [`MAX_READ_CHARS`] characters.
pub(crate) fn split(chars: &[char]) -> Vec<Sentence> {
    let chars = &chars[..chars.len().min(MAX_READ_CHARS)];
    let mut out = Vec::new();
    let mut stack: Vec<(u8, String)> = Vec::new();
    for para in paragraphs(chars) {
        let para_chars = &chars[para.clone()];
        let lead = para_chars
            .iter()
            .position(|c| !c.is_whitespace())
            .unwrap_or(para_chars.len());
        if para_chars.get(lead) == Some(&'#') {
            let rest: String = para_chars[lead + 1..].iter().collect();
            let level = 1 + rest.chars().take_while(|c| *c == '#').count() as u8;
            push_heading(&mut stack, level, rest.trim_start_matches('#').trim());
            continue;
        }
        let mut body = para.start + lead..para.end;
        if let Some((level, end)) = run_in_heading(chars, body.clone()) {
            let heading: String = chars[body.start..end].iter().collect();
            push_heading(&mut stack, level, heading.trim());
            body.start = end;
        }
        let headings = stack
            .iter()
            .map(|(_, h)| h.as_str())
            .collect::<Vec<_>>()
            .join(" / ");
        for range in sentences(chars, body)
            .into_iter()
            .flat_map(|r| bounded(chars, r))
        {
            out.push(Sentence {
                range,
                headings: headings.clone(),
            });
        }
    }
    out
}

/// The longest sentence read as one: a longer run (a pasted table, a
/// list with no full stop) is read in pieces cut after a clause mark, so
/// that the work per count stays bounded and a hostile narrative is read
/// in time near-linear in its length.
const MAX_SENTENCE_CHARS: usize = 600;

/// `range` in pieces of at most [`MAX_SENTENCE_CHARS`], each cut after the
/// last clause mark (`，`, `；`) within the limit, else at the limit.
fn bounded(chars: &[char], range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = range.start;
    while range.end - start > MAX_SENTENCE_CHARS {
        let limit = start + MAX_SENTENCE_CHARS;
        let cut = chars[start..limit]
            .iter()
            .rposition(|c| matches!(c, '，' | '；' | ',' | ';'))
            .map_or(limit, |p| start + p + 1);
        out.push(start..cut);
        start = cut;
    }
    out.push(start..range.end);
    out
}

fn push_heading(stack: &mut Vec<(u8, String)>, level: u8, text: &str) {
    while stack.last().is_some_and(|(l, _)| *l >= level) {
        stack.pop();
    }
    stack.push((level, text.to_string()));
}

/// Paragraphs: runs of lines between blank lines; a Markdown heading line
/// is a paragraph of its own.
fn paragraphs(chars: &[char]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut i = 0;
    while i <= chars.len() {
        let end = chars[i..]
            .iter()
            .position(|c| *c == '\n')
            .map_or(chars.len(), |p| i + p);
        let first = chars[i..end].iter().find(|c| !c.is_whitespace());
        let blank = first.is_none();
        let heading = first == Some(&'#');
        if (blank || heading)
            && let Some(s) = start.take()
        {
            out.push(s..i.saturating_sub(1).max(s));
        }
        if heading {
            out.push(i..end);
        } else if !blank && start.is_none() {
            start = Some(i);
        }
        i = end + 1;
    }
    if let Some(s) = start {
        out.push(s..chars.len());
    }
    out
}

/// A heading at the start of a paragraph: the whole paragraph when it is
/// short and has no sentence in it, or its first sentence when the
/// paragraph opens with a heading number (`（二）`, `二、`, `2.`) and that
/// sentence is short. Returns its level and where it ends.
fn run_in_heading(chars: &[char], body: Range<usize>) -> Option<(u8, usize)> {
    let text = &chars[body.clone()];
    let ends_sentence = |c: &char| matches!(c, '。' | '！' | '？' | '；' | '：' | ':');
    let figure = |c: &char| c.is_ascii_digit() || matches!(c, '件' | '起' | '%');
    if text.len() <= MAX_HEADING && !text.iter().any(|c| ends_sentence(c) || figure(c)) {
        return Some((20, body.end));
    }
    let level = numbering_level(text)?;
    let first = text.iter().position(ends_sentence)?;
    (first <= MAX_HEADING && text[first] == '。').then_some((level, body.start + first + 1))
}

/// The level of a heading number at the start of `text`: `一、` 11,
/// `（一）` 12, `1.` 13, `（1）` 14.
fn numbering_level(text: &[char]) -> Option<u8> {
    let chinese = |c: &char| "一二三四五六七八九十".contains(*c);
    let open = matches!(text.first(), Some('（' | '('));
    let inner = &text[usize::from(open)..];
    let n = inner.iter().take_while(|c| chinese(c)).count();
    let d = inner.iter().take_while(|c| c.is_ascii_digit()).count();
    let after = inner.get(n.max(d)).copied();
    match (open, n > 0, d > 0, after) {
        (true, true, _, Some('）' | ')')) => Some(12),
        (true, _, true, Some('）' | ')')) => Some(14),
        (false, true, _, Some('、')) => Some(11),
        (false, _, true, Some('.' | '、' | '．'))
            if inner.get(d + 1).is_some_and(|c| !c.is_ascii_digit()) =>
        {
            Some(13)
        }
        _ => None,
    }
}

/// The sentences of a paragraph: up to 。！？；, a line that ends in one, or
/// a line followed by a list item.
fn sentences(chars: &[char], body: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = body.start;
    for i in body.clone() {
        let c = chars[i];
        let ends = matches!(c, '。' | '！' | '？' | '；' | ';' | '!' | '?')
            || (c == '\n' && starts_item(&chars[i + 1..body.end]));
        if ends {
            if chars[start..i].iter().any(|c| !c.is_whitespace()) {
                out.push(start..i);
            }
            start = i + 1;
        }
    }
    if chars[start..body.end].iter().any(|c| !c.is_whitespace()) {
        out.push(start..body.end);
    }
    out
}

/// Whether the line at the start of `rest` is a list item (`-`, `*`,
/// `+`) or opens with a heading number (`（一）`, `二、`, `3.`).
pub(crate) fn starts_item(rest: &[char]) -> bool {
    let line: Vec<char> = rest
        .iter()
        .copied()
        .skip_while(|c| *c == ' ' || *c == '\u{3000}')
        .take(6)
        .collect();
    matches!(line.first(), Some('-' | '*' | '+')) || numbering_level(&line).is_some()
}

/// Four-digit years written `YYYY年` in `text`, with the byte index past 年.
pub(crate) fn years(text: &str) -> Vec<(usize, i32)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    for (i, _) in text.match_indices('年') {
        if i >= 4
            && bytes[i - 4..i].iter().all(u8::is_ascii_digit)
            && (i == 4 || !bytes[i - 5].is_ascii_digit())
            && let Ok(y) = text.slice(i - 4, i).parse::<i32>()
        {
            out.push((i + '年'.len_utf8(), y));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A run with no full stop is read in pieces cut after a comma.
    #[test]
    fn an_endless_sentence_is_read_in_bounded_pieces() {
        let text = "收到申请1件，".repeat(500);
        let chars: Vec<char> = text.chars().collect();
        let pieces = split(&chars);
        assert!(pieces.len() > 1);
        for s in &pieces {
            assert!(s.range.len() <= MAX_SENTENCE_CHARS, "{:?}", s.range);
            assert!(matches!(chars[s.range.end - 1], '，'), "{:?}", s.range);
        }
        assert_eq!(pieces.last().map(|s| s.range.end), Some(chars.len()));
    }

    fn parts(text: &str) -> Vec<(String, String)> {
        let chars: Vec<char> = text.chars().collect();
        split(&chars)
            .into_iter()
            .map(|s| (chars[s.range].iter().collect(), s.headings))
            .collect()
    }

    #[test]
    fn sentences_know_their_heading() {
        let got = parts(
            "概述。\n\n### （二）依申请公开\n\n本年受理申请5件。其中予以公开3件。\n\n### （三）政府信息管理\n\n制度完善。",
        );
        assert_eq!(
            got,
            [
                ("概述".into(), "".into()),
                ("本年受理申请5件".into(), "（二）依申请公开".into()),
                ("其中予以公开3件".into(), "（二）依申请公开".into()),
                ("制度完善".into(), "（三）政府信息管理".into()),
            ]
        );
    }

    #[test]
    fn run_in_and_paragraph_headings() {
        let got =
            parts("（二）依申请公开情况。本年受理申请5件。\n\n加强组织领导\n\n成立领导小组。");
        assert_eq!(
            got[0],
            ("本年受理申请5件".into(), "（二）依申请公开情况。".into())
        );
        assert_eq!(
            got[1],
            (
                "成立领导小组".into(),
                "（二）依申请公开情况。 / 加强组织领导".into()
            )
        );
    }
}
