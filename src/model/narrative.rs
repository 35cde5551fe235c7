//! The forms a clerk's narrative lines take, which the renderer and the
//! rules both read: a heading by its enumerator alone (`（一）主动公开`,
//! `1.加强领导`, `（1）…`), a line numbered like one of the report's six
//! parts (`一、总体情况`), and the sentences of the fee statement that
//! section 六 prints from the figures.

use crate::slice::Slice;

/// The Markdown heading mark (`### `, `#### `, `##### `) a line takes when
/// it is a heading by its form alone: it opens with a heading enumerator
/// (`（一）`, `1.`/`1．`/`1、` with no space after, `（1）`), has at most
/// [`HEADING_CHARS`] characters and no sentence or clause mark inside or at
/// its end. A Markdown line (`#`, `|`, `- `, `1. `) is never one.
pub fn heading_mark(line: &str) -> Option<&'static str> {
    let line = line.trim();
    if line.chars().count() > HEADING_CHARS
        || line.contains(['，', '。', '；', '！', '？', ',', ';', '!', '?', '：', ':'])
    {
        return None;
    }
    let (mark, rest) = enumerator(line)?;
    (!rest.trim().is_empty() && !rest.starts_with([' ', '\u{3000}'])).then_some(mark)
}

/// `一、总体情况` → (`一`, `总体情况`): a whole line numbered like a part,
/// short, with no sentence in it.
pub fn part_number(line: &str) -> Option<(&str, &str)> {
    let (number, rest) = line.split_once('、')?;
    let numeral = !number.is_empty() && number.chars().all(|c| "一二三四五六七八九十".contains(c));
    let sentence = rest.contains(['，', '。', '；', '！', '？', '：', ',', ';']);
    (numeral
        && number.chars().count() <= 2
        && !rest.trim().is_empty()
        && !sentence
        && line.chars().count() <= HEADING_CHARS)
        .then_some((number, rest.trim()))
}

/// The longest line taken for a heading: a heading of the official
/// reports runs to about 20 characters, a full line of type is 28.
pub const HEADING_CHARS: usize = 26;

/// The heading mark an enumerator at the start of `line` stands for, and
/// the text after it.
fn enumerator(line: &str) -> Option<(&'static str, &str)> {
    if let Some(rest) = line.strip_prefix(['（', '(']) {
        let close = rest.find(['）', ')'])?;
        let inner = rest.slice_to(close);
        let after = rest.slice_from(close + rest.slice_from(close).chars().next()?.len_utf8());
        if !inner.is_empty() && inner.chars().all(|c| "一二三四五六七八九十".contains(c))
        {
            return Some(("### ", after));
        }
        if !inner.is_empty() && inner.len() <= 2 && inner.bytes().all(|b| b.is_ascii_digit()) {
            return Some(("##### ", after));
        }
        return None;
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let rest = line.slice_from(digits);
    let after = rest.strip_prefix(['.', '．', '、'])?;
    // `1.5万元`, `12.5%`: a number, not an enumerator.
    (!after.starts_with(|c: char| c.is_ascii_digit() || c == '%')).then_some(("#### ", after))
}

/// Words that mark a sentence as (part of) the fee statement: printed
/// phrases of published reports and of `templates/fee.md`.
pub const FEE_WORDS: &[&str] = &["信息处理费", "信息公开相关费用", "收费通知"];

/// Whether `text` names the information-processing fee (spaces ignored).
pub fn mentions_fee(text: &str) -> bool {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    FEE_WORDS.iter().any(|w| compact.contains(w))
}

/// One line of section 六's text without the fee statement in it: `None`
/// when nothing else is left (a heading naming the fee, a paragraph of fee
/// sentences), otherwise the line with its fee sentences taken out
/// (unchanged when it has none). Section 六 prints the statement from the
/// figures, so the clerk's own never prints beside it.
pub fn line_without_fee(line: &str) -> Option<String> {
    if !mentions_fee(line) {
        return Some(line.to_string());
    }
    if line.trim_start().starts_with('#') {
        return None;
    }
    let kept: String = line
        .split_inclusive(['。', '；'])
        .filter(|s| !mentions_fee(s))
        .collect();
    let kept = kept.trim();
    (!kept.is_empty() && kept.chars().any(char::is_alphanumeric)).then(|| kept.to_string())
}

/// Whether section 六's text says only that there is nothing (`无。`,
/// `暂无`, `没有。`): printed alone when no fee statement is, never right
/// after it (the statement is 六's first item, and `无。` after it reads as
/// if it denied it).
pub fn says_nothing(text: &str) -> bool {
    let flat: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '。' | '.' | '．' | '！'))
        .collect();
    matches!(flat.as_str(), "无" | "暂无" | "没有" | "无。")
}

/// Section 六's text without the fee statement ([`line_without_fee`] on
/// every line; a blank line left twice is kept once), and the lines that
/// were changed, as written.
pub fn without_fee(text: &str) -> (String, Vec<String>) {
    let mut kept: Vec<String> = Vec::new();
    let mut changed = Vec::new();
    for line in text.split('\n') {
        match line_without_fee(line) {
            Some(l) if l == line => kept.push(l),
            Some(l) => {
                changed.push(line.to_string());
                kept.push(l);
            }
            None => {
                changed.push(line.to_string());
                if kept.last().is_some_and(|l| l.trim().is_empty()) {
                    kept.pop();
                }
            }
        }
    }
    while kept.first().is_some_and(|l| l.trim().is_empty()) && !changed.is_empty() {
        kept.remove(0);
    }
    (kept.join("\n"), changed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_none_says_nothing() {
        assert!(says_nothing("无。\n"));
        assert!(says_nothing("  暂无"));
        assert!(!says_nothing("无其他需要报告的事项。"));
        assert!(!says_nothing("### （二）其他\n\n无。"));
    }

    #[test]
    fn the_clerks_fee_sentences_are_taken_out_and_the_rest_kept() {
        let text = "### （一）政府信息公开信息处理费收取情况\n\n本年度未收取信息处理费。\n\n### （二）人大代表建议\n\n办理建议3件。本年度未发出收费通知。";
        let (kept, changed) = without_fee(text);
        assert_eq!(kept, "### （二）人大代表建议\n\n办理建议3件。");
        assert_eq!(changed.len(), 3);
        let plain = "本机关办理建议3件。\n";
        assert_eq!(without_fee(plain), (plain.to_string(), Vec::new()));
        assert_eq!(
            line_without_fee("**（一）政府信息公开信息处理费收取情况**。本年度未收取任何费用。"),
            Some("本年度未收取任何费用。".into())
        );
    }
}

/// The bullets Word draws from its symbol fonts as they arrive in text
/// when the font is lost (a paste, an export): Wingdings `Ø` (➢), `§` (▪),
/// `l` (●), `n` (■), `q` (❑), `v` (❖), `ü` (✓), `¨` (□) and Symbol's `·`.
const SYMBOL_BULLETS: [char; 9] = ['Ø', '§', 'l', 'n', 'q', 'v', 'ü', '¨', '·'];

/// The text of a line that opens with a bullet of Word's symbol fonts
/// (`\u{F0D8}\t加强平台建设`, `Ø 加强平台建设`, `l\t加强平台建设`): a
/// private-use character, or one of [`SYMBOL_BULLETS`] followed by a Tab
/// (or, for the non-ASCII ones, spaces) and then Chinese text. The line
/// was an item of a list.
pub fn symbol_bullet(line: &str) -> Option<&str> {
    let line = line.trim_start_matches([' ', '\u{3000}', '\t']);
    let first = line.chars().next()?;
    let after = line.slice_from(first.len_utf8());
    let rest = after.trim_start_matches([' ', '\t', '\u{a0}', '\u{3000}']);
    let gap = after.slice_to(after.len() - rest.len());
    let chinese = rest
        .chars()
        .next()
        .is_some_and(|c| matches!(c, '\u{4e00}'..='\u{9fff}' | '（' | '“' | '《'));
    let bullet = if crate::source::is_private_use(first) {
        !rest.trim().is_empty()
    } else if SYMBOL_BULLETS.contains(&first) {
        chinese && (gap.contains('\t') || (!first.is_ascii() && !gap.is_empty()))
    } else {
        false
    };
    bullet.then_some(rest)
}

#[cfg(test)]
mod bullet_tests {
    use super::symbol_bullet;

    #[test]
    fn symbol_font_bullets_open_list_items() {
        for line in [
            "\u{F0D8}\t加强平台建设。",
            "\u{F0B7}加强平台建设。",
            "Ø 加强平台建设。",
            "Ø\u{a0}\u{a0}加强平台建设。",
            "l\t加强平台建设。",
            "§\t加强平台建设。",
        ] {
            assert_eq!(symbol_bullet(line), Some("加强平台建设。"), "{line:?}");
        }
        for line in [
            "l 加强",
            "Ølaf",
            "§ 3 条",
            "加强平台建设。",
            "n\tn",
            "\u{F0D8}",
        ] {
            assert_eq!(symbol_bullet(line), None, "{line:?}");
        }
    }
}
