//! Text normalisation: whitespace of every kind, full-width forms, numbering
//! prefixes, and the canonical form in which labels are compared.

use crate::slice::Slice;

/// Whether `c` is whitespace of any kind: ASCII, U+3000, NBSP, the other
/// Unicode spaces, zero-width characters and the BOM.
pub fn is_space(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{3000}'
                | '\u{00A0}'
                | '\u{200B}'
                | '\u{200C}'
                | '\u{200D}'
                | '\u{2060}'
                | '\u{FEFF}'
        )
        || ('\u{2000}'..='\u{200A}').contains(&c)
}

/// Trims whitespace of every kind from both ends.
pub fn trim(s: &str) -> &str {
    s.trim_matches(is_space)
}

/// Whether the text is empty or only whitespace.
pub fn is_blank(s: &str) -> bool {
    s.chars().all(is_space)
}

/// Folds a full-width ASCII variant (U+FF01–U+FF5E) to ASCII.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '﹝' | '〔' | '【' => '[',
        '﹞' | '〕' | '】' => ']',
        _ => c,
    }
}

/// The text with whitespace removed and full-width digits folded to ASCII;
/// everything else is kept (used for agency names and dates).
pub fn compact(s: &str) -> String {
    s.chars()
        .filter(|c| !is_space(*c))
        .map(|c| if c.is_ascii_digit() { c } else { fold_digit(c) })
        .collect()
}

fn fold_digit(c: char) -> char {
    if ('０'..='９').contains(&c) {
        fold_char(c)
    } else {
        c
    }
}

/// The canonical form used to compare labels and headings: no whitespace,
/// full-width forms folded to ASCII, quotation marks removed.
pub fn canon(s: &str) -> String {
    s.chars()
        .filter(|c| !is_space(*c))
        .map(fold_char)
        .filter(|c| {
            !matches!(
                c,
                '"' | '\'' | '“' | '”' | '‘' | '’' | '「' | '」' | '『' | '』'
            )
        })
        .collect()
}

/// A numbering prefix found at the start of a canonical text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numbering {
    /// `一、` or `2、` / `2.`: a Chinese numeral or digits followed by `、` or `.`.
    Top,
    /// `(一)`: a Chinese numeral in brackets.
    Paren,
    /// `(1)`: digits in brackets.
    ParenDigit,
}

const CN_DIGITS: &str = "一二三四五六七八九十";

/// Splits a numbering prefix off a canonical text. `1.` and `2、` count as
/// [`Numbering::Top`]; the caller decides what the level means.
pub fn split_numbering(c: &str) -> (Option<Numbering>, &str) {
    // (一) / (1)
    if let Some(rest) = c.strip_prefix('(')
        && let Some(close) = rest.find(')')
    {
        let inner = rest.slice_to(close);
        let after = rest.slice_from(close + 1);
        if !inner.is_empty() && inner.chars().all(|ch| CN_DIGITS.contains(ch)) {
            return (
                Some(Numbering::Paren),
                after.trim_start_matches(['、', '.']),
            );
        }
        if !inner.is_empty() && inner.len() <= 2 && inner.chars().all(|ch| ch.is_ascii_digit()) {
            return (
                Some(Numbering::ParenDigit),
                after.trim_start_matches(['、', '.']),
            );
        }
    }
    // 一、 / 十二、 / 1. / 2、
    let lead: usize = c
        .char_indices()
        .take_while(|(_, ch)| CN_DIGITS.contains(*ch) || ch.is_ascii_digit())
        .map(|(i, ch)| i + ch.len_utf8())
        .last()
        .unwrap_or(0);
    if lead > 0 && lead <= 6 {
        let head = c.slice_to(lead);
        let mixed = head.chars().any(|ch| ch.is_ascii_digit())
            && head.chars().any(|ch| CN_DIGITS.contains(ch));
        let rest = c.slice_from(lead);
        if !mixed {
            for sep in ['、', '.'] {
                if let Some(after) = rest.strip_prefix(sep) {
                    // `1.5` is a number, not a numbering.
                    if sep == '.' && after.starts_with(|ch: char| ch.is_ascii_digit()) {
                        break;
                    }
                    return (Some(Numbering::Top), after);
                }
            }
        }
    }
    (None, c)
}

/// The canonical form of a label without its numbering prefix, and without
/// the separators whose spelling varies between reports (`、`, `，`, `,`,
/// `；`): `申请人无正当理由逾期不补正, 行政机关不再处理…` is the official
/// `…逾期不补正、行政机关不再处理…`.
pub fn core(s: &str) -> String {
    let c = canon(s);
    let (_, rest) = split_numbering(&c);
    strip_separators(rest)
}

/// A canonical text without the separators whose spelling varies between
/// reports (`、`, `,`, `;`; full-width forms already folded).
pub fn strip_separators(c: &str) -> String {
    c.chars()
        .filter(|c| !matches!(c, '、' | ',' | ';'))
        .collect()
}

/// How well a cell's label core matches an official core; higher is better.
/// An exact match beats a prefix match; a cell may carry extra text after the
/// official label (notes, definitions) or be a truncated label of at least
/// four characters.
pub fn label_score(cell: &str, official: &str) -> Option<usize> {
    if cell.is_empty() || official.is_empty() {
        return None;
    }
    if cell == official {
        return Some(10_000 + official.chars().count());
    }
    let oc = official.chars().count();
    if cell.starts_with(official) && (oc >= 2) {
        let extra = cell.slice_from(official.len());
        // Extra text must look like an annotation, not another label.
        if oc >= 4 || extra.starts_with(['(', '[', ':']) {
            return Some(1_000 + oc);
        }
        // A short label followed by more text (`其他处` of a wrapped
        // `其他处理`) is another label, not this one.
        return None;
    }
    let cc = cell.chars().count();
    if official.starts_with(cell) && cc >= 4 {
        return Some(cc);
    }
    None
}

/// Whether a line starts or ends with a numeric date (`2025-01-02`,
/// `2025/1/2`, `2025.01.02`, a time after it allowed): a page's list item,
/// publication line or source line, not a sentence wrapped onto the next
/// line.
pub fn framed_by_date(text: &str) -> bool {
    let t = trim(text);
    let date_at = |word: &str| {
        let w = word.trim_matches(|c: char| matches!(c, '[' | ']' | '(' | ')' | '（' | '）'));
        parse_date(w).is_some() && w.contains(['-', '/', '.'])
    };
    let mut words = t.split(|c: char| is_space(c));
    let first = words.next().unwrap_or_default();
    let last = t
        .rsplit(|c: char| is_space(c))
        .find(|w| !w.is_empty() && !w.contains(':'))
        .unwrap_or_default();
    let first = first.trim_start_matches(|c: char| !c.is_ascii_digit());
    date_at(first) || date_at(last)
}

/// Parses a date written as `2025年1月10日`, `2025-01-10`, `2025.1.10`,
/// `2025/1/10` or in Chinese numerals (`二〇二五年一月十日`).
pub fn parse_date(text: &str) -> Option<(i32, u32, u32)> {
    let s = compact(text);
    let s = s.trim_end_matches(['.', '。']);
    let (y, m, d) = if let Some((y, rest)) = s.split_once('年') {
        let (m, rest) = rest.split_once('月')?;
        let d = rest
            .strip_suffix('日')
            .or_else(|| rest.strip_suffix('号'))?;
        (y, m, d)
    } else {
        let parts: Vec<&str> = s.split(['-', '.', '/']).collect();
        if parts.len() != 3 {
            return None;
        }
        (parts[0], parts[1], parts[2])
    };
    let year = cn_year(y)?;
    let month = cn_number(m)?;
    let day = cn_number(d)?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || !(1900..=2200).contains(&year) {
        return None;
    }
    Some((year, month, day))
}

fn cn_year(s: &str) -> Option<i32> {
    if s.chars().count() != 4 {
        return None;
    }
    let mut n = 0i32;
    for c in s.chars() {
        let d = match c {
            '0'..='9' => c as i32 - '0' as i32,
            '〇' | '零' | 'O' | 'o' | '○' => 0,
            _ => CN_DIGITS.chars().position(|x| x == c).filter(|&p| p < 9)? as i32 + 1,
        };
        n = n * 10 + d;
    }
    Some(n)
}

fn cn_number(s: &str) -> Option<u32> {
    if !s.is_empty() && s.len() <= 2 && s.chars().all(|c| c.is_ascii_digit()) {
        return s.parse().ok();
    }
    let digit = |c: char| {
        CN_DIGITS
            .chars()
            .position(|x| x == c)
            .filter(|&p| p < 9)
            .map(|p| p as u32 + 1)
    };
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [a] if *a == '十' => Some(10),
        [a] => digit(*a),
        ['十', b] => Some(10 + digit(*b)?),
        [a, '十'] => Some(digit(*a)? * 10),
        [a, '十', b] => Some(digit(*a)? * 10 + digit(*b)?),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_forms_fold_width_and_spaces() {
        for (label, canonical) in [
            ("（四） 无法提供", "(四)无法提供"),
            ("商业\u{3000}企业", "商业企业"),
            ("3.危及“三安全一稳定”", "3.危及三安全一稳定"),
        ] {
            assert_eq!(canon(label), canonical);
        }
        for (label, unnumbered) in [
            ("1. 属于国家秘密", "属于国家秘密"),
            ("(一)予以公开", "予以公开"),
            ("２、 主动公开政府信息情况", "主动公开政府信息情况"),
            ("四、结转下年度继续办理", "结转下年度继续办理"),
        ] {
            assert_eq!(core(label), unnumbered);
        }
        assert_eq!(split_numbering("1.5").0, None);
        assert_eq!(
            core("1. 申请人无正当理由逾期不补正, 行政机关不再处理"),
            core("1.申请人无正当理由逾期不补正、行政机关不再处理")
        );
        assert_eq!(
            core("（二）部分公开（区分处理的，只计这一情形）"),
            core("(二)部分公开(区分处理的,只计这一情形)")
        );
    }

    #[test]
    fn lines_framed_by_a_date_are_told() {
        for line in [
            "示例市召开常务会议研究部署重点工作 2025-01-02",
            "2025-01-20　示例市人民政府办公室",
            "发布时间：2025/01/20 15:30",
            "[2025.01.20] 示例新闻",
        ] {
            assert!(framed_by_date(line), "{line}");
        }
        for line in [
            "本机关按照条例要求推进政务公开工作，全年共收到",
            "统计期限为2024年1月1日至12月31日",
            "2024年，本机关推进政务公开",
            "版本号 1.2.3",
        ] {
            assert!(!framed_by_date(line), "{line}");
        }
    }

    #[test]
    fn labels_match_by_prefix() {
        assert!(
            label_score("其他", "其他").unwrap() > label_score("其他", "其他处理").unwrap_or(0)
        );
        assert!(
            label_score("部分公开", "部分公开(区分处理的,只计这一情形,不计其他情形)").is_some()
        );
        // A short label followed by more text is another label.
        assert!(label_score("其他法律行政法规禁止公开", "其他").is_none());
        assert!(label_score("其他处", "其他").is_none());
        assert!(label_score("其他(注)", "其他").is_some());
        assert!(label_score("行政许可(含经开区)", "行政许可").is_some());
        assert!(label_score("规", "规章").is_none());
    }

    #[test]
    fn dates_in_many_spellings() {
        assert_eq!(parse_date("2025年1月10日"), Some((2025, 1, 10)));
        assert_eq!(parse_date("２０２１年 １月２９日"), Some((2021, 1, 29)));
        assert_eq!(parse_date("二〇二一年一月二十九日"), Some((2021, 1, 29)));
        assert_eq!(parse_date("2021-01-29"), Some((2021, 1, 29)));
        assert_eq!(parse_date("2021年13月1日"), None);
        assert_eq!(parse_date("本年度"), None);
    }
}
