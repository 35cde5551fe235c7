//! Web and e-mail addresses in running text: which characters stick
//! together as a word, and where an address may break (after `/ @ ? & =`,
//! and after `.` or `-` before a letter). The PDF's line breaker weighs
//! these points; the web page marks them with `<wbr>` and the Word
//! document with zero-width spaces, so that no format stretches the line
//! before a long address.

/// Characters that stick together as a "word": Latin letters, digits and the
/// marks inside e-mail addresses, URLs, phone numbers and decimals.
pub fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            '@' | '.' | '_' | '-' | '+' | '/' | ':' | '#' | '&' | '=' | '?' | '~' | '%'
        )
        || !c.is_ascii() && !is_cjk(c) && c.is_alphabetic()
}

/// A break opportunity inside a web or e-mail address: after `/` and `@`,
/// after the `?`, `&` and `=` of a query string and after `_`, and after `.` or `-` when
/// a letter follows (so that 76.786 and 2024-01-01 stay whole).
pub fn latin_break_after(prev: char, next: char) -> bool {
    match prev {
        '/' | '@' => next != '/',
        '?' | '&' | '=' | '_' => next.is_ascii_alphanumeric(),
        '.' | '-' => next.is_ascii_alphabetic(),
        _ => false,
    }
}

/// Whether `c` is a Chinese, Japanese or Korean character or mark.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FFF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// Byte offsets in `text` where an address (a run of word characters with a
/// `/` or `@`) may break, each after one of its break marks and at least
/// three characters from either end of the address, so that no line ends
/// or starts with a stub such as `cn` or `ht`.
pub fn break_offsets(text: &str) -> Vec<usize> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        if !is_word_char(chars[k].1) {
            k += 1;
            continue;
        }
        let mut e = k;
        while e < chars.len() && is_word_char(chars[e].1) {
            e += 1;
        }
        let run = &chars[k..e];
        if run.iter().any(|(_, c)| matches!(c, '/' | '@')) {
            for i in 3..run.len().saturating_sub(2) {
                // After a mark, or before the `%` of a percent-escape
                // (`q=`/`%E6%94`), so that an escape run never has to be
                // cut inside (issue 62).
                let escape = run[i].1 == '%' && run[i - 1].1 != '%';
                if latin_break_after(run[i - 1].1, run[i].1) || escape {
                    out.push(run[i].0);
                }
            }
        }
        k = e;
    }
    out
}

/// Byte offsets in `text` where an address or a code ([`is_code`]) may
/// break in a word processor: between any two of its characters, at least two from either end, but
/// never before a mark that may not start a line (`.cn`, `%E6`, `:8080`;
/// [`is_no_start`](crate::render::layout::kinsoku::is_no_start)), the last
/// two only after a mark (`gov.`/`cn`); and after the address when an
/// opening mark follows
/// (`…gov.cn`/`（工作日`), where LibreOffice sees no break. Word and
/// LibreOffice fill a line greedily with the pieces they are given; with
/// pieces as long as `zwfw.` or `ewenkeqi-` the line before a piece that
/// does not fit was spread by up to 14 %, with one-character pieces the
/// rest of a line is under one Latin letter (under 2 %). The points after
/// `/ . ? & =` ([`break_offsets`]) are among them.
///
/// Not solved by any arrangement of break points: a line that ends an
/// address and holds only one or two Chinese characters after it. The rest
/// of such a line is under one Chinese character, and LibreOffice (7.4)
/// stretches only Chinese characters and spaces, so those one or two gaps
/// take it all (`…&type=1 提 交`: 10.7 and 7.1 pt). Tried, measured in
/// LibreOffice: `w:autoSpaceDE`/`autoSpaceDN` off (ignored by its .docx
/// import), `w:jc="distribute"` (same lines), snapping to the document
/// grid (that line 33 pt short), a space after the address (a 13.8 pt
/// hole) and left alignment (every line of the paragraph 5 to 15 pt short).
pub fn break_offsets_anywhere(text: &str) -> Vec<usize> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        if !is_word_char(chars[k].1) {
            k += 1;
            continue;
        }
        let mut e = k;
        while e < chars.len() && is_word_char(chars[e].1) {
            e += 1;
        }
        let run = &chars[k..e];
        if is_code(run) {
            let n = run.len();
            for (i, w) in run.windows(2).enumerate().skip(1) {
                // `w` is the pair before and at character i + 1.
                let ((_, prev), (at, c)) = (w[0], w[1]);
                let tail = i + 3 == n && prev.is_alphanumeric();
                if i + 2 < n && !(crate::render::layout::kinsoku::is_no_start(c) || tail) {
                    out.push(at);
                }
            }
            if let Some(&(at, next)) = chars.get(e)
                && crate::render::layout::kinsoku::is_no_end(next)
            {
                out.push(at);
            }
        }
        k = e;
    }
    out
}

/// The longest run of letters or digits kept whole in a word processor
/// (12 em): a longer one, set whole, left the line before it spaced out to
/// its width in LibreOffice (编   号   999…).
const MAX_WORD: usize = 24;

/// The longest run with a `/` or `_` that is a word, not an address or a
/// code (`OFD/PDF`, `iOS/Android`, `TCP/IP`, `km/h`, `a_b`).
const MAX_SHORT: usize = 12;

/// Whether a run of word characters is an address or a code a word
/// processor may break anywhere: it has an `@`; or a `/` with a `.` or
/// `//` (`gov.cn/zwgk`, `https://`); or a `/` or `_` and is longer than
/// [`MAX_SHORT`] or `_` with at least eight characters (`lingang_gk2025`);
/// or is at least eight characters of letters mixed with digits
/// (`ABC2025xyz`), or longer than [`MAX_WORD`] characters. Words
/// (`Version`, `OFD/PDF`) and figures (`8,765`, `2025-00017`, `1/3`) are
/// not.
fn is_code(run: &[(usize, char)]) -> bool {
    let has = |f: fn(&char) -> bool| run.iter().any(|(_, c)| f(c));
    let slash = has(|&c| c == '/');
    let address =
        slash && (has(|&c| c == '.') || run.windows(2).any(|w| w[0].1 == '/' && w[1].1 == '/'));
    has(|&c| c == '@')
        || address
        || (slash && run.len() > MAX_SHORT)
        || (has(|&c| c == '_') && run.len() >= 8)
        || run.len() >= 8 && has(char::is_ascii_alphabetic) && has(char::is_ascii_digit)
        || run.len() > MAX_WORD
}

/// `text` with `mark` inserted at every [`break_offsets`] point.
pub fn with_breaks(text: &str, mark: &str) -> String {
    insert_at(text, mark, break_offsets(text))
}

/// `text` with `mark` inserted at every [`break_offsets_anywhere`] point.
pub fn with_breaks_anywhere(text: &str, mark: &str) -> String {
    insert_at(text, mark, break_offsets_anywhere(text))
}

/// `text` with `mark` inserted at the byte `offsets`, in order.
fn insert_at(text: &str, mark: &str, offsets: Vec<usize>) -> String {
    if offsets.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + offsets.len() * mark.len());
    let mut last = 0;
    for at in offsets {
        out.push_str(&text[last..at]);
        out.push_str(mark);
        last = at;
    }
    out.push_str(&text[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_break_after_their_marks_and_figures_never() {
        let t = "全文见https://www.gov.cn/zwgk/a.html?x=1&y=2，邮箱ab.cd@hlbe.gov.cn。";
        assert_eq!(
            with_breaks(t, "|"),
            "全文见https://|www.|gov.|cn/|zwgk/|a.|html?|x=|1&|y=2，邮箱ab.|cd@|hlbe.|gov.cn。"
        );
        // Figures, dates and document numbers have no break.
        for t in [
            "76.786078万元",
            "1,964,904件",
            "2024-01-01",
            "〔2025〕17号",
            "3.2亿元",
        ] {
            assert!(break_offsets(t).is_empty(), "{t}");
            assert!(break_offsets_anywhere(t).is_empty(), "{t}");
        }
    }

    #[test]
    fn a_word_processor_may_break_an_address_between_any_letters() {
        assert_eq!(
            with_breaks_anywhere("见https://a.cn/x，邮箱ab@c.cn。", "|"),
            "见ht|t|p|s:|/|/|a.|c|n/x，邮箱ab|@|c.|cn。"
        );
        // Never before a mark that may not start a line; after the
        // address before an opening mark.
        assert_eq!(
            with_breaks_anywhere("见https://a.cn/s?q=%E6%94ab（注）", "|"),
            "见ht|t|p|s:|/|/|a.|c|n|/|s?|q|=%|E|6%|9|4ab|（注）"
        );
        // A code breaks as an address does, a word and a figure do not.
        assert_eq!(
            with_breaks_anywhere("号（ID：lingang_gk2025），English，2025-00017", "|"),
            "号（ID：li|n|g|a|n|g|_|g|k|2|025），English，2025-00017"
        );
        // Words with a slash and short names stay whole.
        for t in ["OFD/PDF版", "在iOS/Android上", "占1/3", "TCP/IP", "a_b_c"] {
            assert!(break_offsets_anywhere(t).is_empty(), "{t}");
        }
        assert_eq!(
            with_breaks_anywhere("见gov.cn/a，见a/b/c/d/e/f/g/h", "|"),
            "见go|v.|c|n/a，见a/|b|/|c|/|d|/|e|/|f|/|g/h"
        );
        let long = "9".repeat(25);
        assert_eq!(break_offsets_anywhere(&long).len(), 21);
        assert!(break_offsets_anywhere(&"9".repeat(24)).is_empty());
        let t = "全文见https://www.gov.cn/zwgk/a.html?x=1&y=2";
        let every = break_offsets_anywhere(t);
        assert!(break_offsets(t).iter().all(|o| every.contains(o)));
    }
}
