//! Web and e-mail addresses in running text: which characters stick
//! together as a word, and where an address may break (after
//! `/ . ? & = - _ @`, and before the `%` of a percent-escape, issue 62).
//! The PDF's line breaker weighs these points; the web page marks them
//! with `<wbr>` and the Word document with zero-width spaces, so that no
//! format stretches the line before a long address. Inside a segment (a
//! scheme, a word, a percent-escape) an address breaks only when the
//! segment alone is wider than the line.

use crate::slice::Slice;

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
/// a letter follows (so that 76.786 and 2024-01-01 stay whole). Before a
/// percent-escape is [`escape_at`].
pub fn latin_break_after(prev: char, next: char) -> bool {
    match prev {
        '/' | '@' => next != '/',
        '?' | '&' | '=' | '_' => next.is_ascii_alphanumeric(),
        '.' | '-' => next.is_ascii_alphabetic(),
        _ => false,
    }
}

/// Whether the characters `from` start a percent-escape (`%E6`: a `%` and
/// two hexadecimal digits), before which an address may break (`…%BF` /
/// `%E5%8A…`), never inside (`%E5%85%A` / `C`, issue 62).
pub fn escape_at(from: impl IntoIterator<Item = char>) -> bool {
    let mut it = from.into_iter();
    it.next() == Some('%')
        && it.next().is_some_and(|c| c.is_ascii_hexdigit())
        && it.next().is_some_and(|c| c.is_ascii_hexdigit())
}

/// Whether an address may break before character `i` of `run` (the
/// characters of one run of word characters, `i` at least 1): after one of
/// its marks or before a percent-escape.
fn breaks_before(run: &[(usize, char)], i: usize) -> bool {
    latin_break_after(run[i - 1].1, run[i].1) || escape_at(run[i..].iter().map(|&(_, c)| c))
}

/// Whether `c` is a Chinese, Japanese or Korean character or mark.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FFF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// The runs of word characters in `text`, as ranges of `chars`.
fn runs(chars: &[(usize, char)]) -> Vec<std::ops::Range<usize>> {
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
        out.push(k..e);
        k = e;
    }
    out
}

/// Byte offsets in `text` where an address (a run of word characters with a
/// `/` or `@`) may break, each after one of its break marks or before a
/// percent-escape, and at least three characters from either end of the
/// address, so that no line ends or starts with a stub such as `cn` or
/// `ht`.
pub fn break_offsets(text: &str) -> Vec<usize> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    for r in runs(&chars) {
        let run = &chars[r];
        if run.iter().any(|(_, c)| matches!(c, '/' | '@')) {
            for i in 3..run.len().saturating_sub(2) {
                if breaks_before(run, i) {
                    out.push(run[i].0);
                }
            }
        }
    }
    out
}

/// The width of a segment, in em, beyond which a word processor may break
/// it anywhere: the 28 characters of a GB/T 9704 body line.
pub const LINE_EM: f32 = 28.0;

/// A character's width in em, as the body's Latin face sets it about:
/// capitals, `@`, `%`, `m` and `w` wide, `i`, `l` and marks narrow.
fn em_of(c: char) -> f32 {
    match c {
        'A'..='Z' | '@' | '%' | 'm' | 'w' => 0.72,
        'i' | 'j' | 'l' | 't' | 'f' | 'r' | '.' | ':' | '/' | '-' | '_' | ',' | ';' => 0.33,
        c if c.is_ascii() => 0.5,
        _ => 1.0,
    }
}

/// Byte offsets in `text` where a word processor may break an address or a
/// code ([`is_code`]): after its marks and before a percent-escape (the
/// points of [`break_offsets`], and those of a code such as
/// `lingang_gk2025`), at least three characters from either end (never
/// `gov.`/`cn）`); inside a
/// segment (the letters between two such points) only when the segment
/// alone is wider than a line ([`LINE_EM`]), and there between any two
/// characters but before a mark that may not start a line (`.cn`,
/// [`is_no_start`](crate::render::layout::kinsoku::is_no_start)); so too
/// any other run of word characters wider than a line. And after an
/// address before an opening mark (`…gov.cn`/`（工作日`), where
/// LibreOffice sees no break. Word and LibreOffice fill a line greedily
/// with the pieces they are given; a zero-width space between every
/// letter (as before, issue 62) broke words (`binjiang-qingyua`/`n`) and
/// came along into copied and searched text.
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
pub fn word_processor_breaks(text: &str) -> Vec<usize> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    for r in runs(&chars) {
        let run = &chars[r.clone()];
        let code = is_code(run);
        let n = run.len();
        let mut start = 0;
        for end in (1..=n).filter(|&i| i == n || code && breaks_before(run, i)) {
            let wide = run[start..end].iter().map(|&(_, c)| em_of(c)).sum::<f32>() > LINE_EM;
            if wide {
                out.extend(
                    (start + 2..end.saturating_sub(1))
                        .filter(|&i| !crate::render::layout::kinsoku::is_no_start(run[i].1))
                        .map(|i| run[i].0),
                );
            }
            if end < n && end >= 3 && n - end >= 3 {
                out.push(run[end].0);
            }
            start = end;
        }
        if code
            && let Some(&(at, next)) = chars.get(r.end)
            && crate::render::layout::kinsoku::is_no_end(next)
        {
            out.push(at);
        }
    }
    out
}

/// The longest run of letters or digits that is a word, not a code: a
/// longer one breaks at its marks (`Open-Government-Information-…`).
const MAX_WORD: usize = 24;

/// The longest run with a `/` or `_` that is a word, not an address or a
/// code (`OFD/PDF`, `iOS/Android`, `TCP/IP`, `km/h`, `a_b`).
const MAX_SHORT: usize = 12;

/// Whether a run of word characters is an address or a code a word
/// processor may break at its marks ([`word_processor_breaks`]): it has an `@`; or a `/` with a `.` or
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

/// `text` with `mark` inserted at every [`word_processor_breaks`] point.
pub fn with_word_processor_breaks(text: &str, mark: &str) -> String {
    insert_at(text, mark, word_processor_breaks(text))
}

/// `text` with `mark` inserted at the byte `offsets`, in order.
fn insert_at(text: &str, mark: &str, offsets: Vec<usize>) -> String {
    if offsets.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + offsets.len() * mark.len());
    let mut last = 0;
    for at in offsets {
        out.push_str(text.slice(last, at));
        out.push_str(mark);
        last = at;
    }
    out.push_str(text.slice_from(last));
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
            assert!(word_processor_breaks(t).is_empty(), "{t}");
        }
    }

    #[test]
    fn an_address_breaks_before_a_percent_escape_never_inside() {
        let t = "入口为https://a.gov.cn/s?kw=%E6%94%BF%E5%8A%A1%E5%85%AC&id=3，查阅。";
        assert_eq!(
            with_breaks(t, "|"),
            "入口为https://|a.|gov.|cn/|s?|kw=|%E6|%94|%BF|%E5|%8A|%A1|%E5|%85|%AC&|id=3，查阅。"
        );
        assert_eq!(
            with_word_processor_breaks(t, "|"),
            "入口为https://|a.|gov.|cn/|s?|kw=|%E6|%94|%BF|%E5|%8A|%A1|%E5|%85|%AC&|id=3，查阅。"
        );
        // A percentage is no escape.
        assert!(break_offsets("增幅24.3%，见a.cn/x").is_empty());
        assert!(!escape_at("%，".chars()) && escape_at("%2F".chars()));
    }

    #[test]
    fn a_word_processor_breaks_an_address_at_its_marks_and_inside_only_a_segment_wider_than_the_line()
     {
        // Issue 62: a zero-width space between every letter broke
        // `binjiang-qingyua`/`n.gov.cn` and `GovernmentInfo`/`rmation`.
        assert_eq!(
            with_word_processor_breaks(
                "见https://www.binjiang-qingyuan.gov.cn:8080/OpenGovernmentInformation/a.html（注）",
                "|"
            ),
            "见https://|www.|binjiang-|qingyuan.|gov.|cn:8080/|OpenGovernmentInformation/|a.|html|（注）"
        );
        assert_eq!(
            with_word_processor_breaks("邮箱ab.cd@c.gov.cn。", "|"),
            "邮箱ab.|cd@|c.|gov.cn。"
        );
        // A code breaks at its marks only; words and figures never.
        assert_eq!(
            with_word_processor_breaks("号（ID：lingang_gk2025），English，2025-00017", "|"),
            "号（ID：lingang_|gk2025），English，2025-00017"
        );
        for t in [
            "OFD/PDF版",
            "在iOS/Android上",
            "占1/3",
            "TCP/IP",
            "a_b_c",
            "编号999999999999999999999999999",
        ] {
            assert!(word_processor_breaks(t).is_empty(), "{t}");
        }
        // A segment wider than the line (61 letters) breaks anywhere but
        // near its ends.
        let word = format!("见a.cn/{}（注）", "x".repeat(61));
        let breaks = word_processor_breaks(&word);
        assert_eq!(breaks.len(), 1 + 58 + 1, "{breaks:?}");
        let t = "全文见https://www.gov.cn/zwgk/a.html?x=1&y=2%2Fa";
        let every = word_processor_breaks(t);
        assert!(break_offsets(t).iter().all(|o| every.contains(o)));
    }
}
