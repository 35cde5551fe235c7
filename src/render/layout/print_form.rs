//! The form a character is printed in: characters that are invisible by
//! design (variation selectors, joiners, direction marks, tag characters)
//! are never printed, and compatibility forms pasted from PDFs and other
//! systems (Kangxi and CJK radicals such as ⾏ ⼈, CJK compatibility
//! ideographs, full-width Latin letters in Chinese text) are printed as the
//! characters they stand for, in the text's own face. Every output and the
//! glyph check use it, so that a character the check passes prints.

use unicode_normalization::char::{decompose_canonical, decompose_compatible};

/// Whether `c` is never printed as itself: default-ignorable
/// ([`source::is_ignorable`](crate::source::is_ignorable), which the loader
/// drops too), the soft hyphen (the PDF's line breaker takes it as a
/// hyphenation point) or a direction mark or control, which the loader refuses in
/// a data file but other text (a template, an imported report) may carry.
pub fn is_ignorable(c: char) -> bool {
    crate::source::is_ignorable(c)
        || matches!(c as u32, 0x00AD | 0x061C | 0x200E | 0x200F | 0x202A..=0x202E | 0x2066..=0x2069)
}

/// The unified ideograph each CJK radical of the supplement (U+2E80 to
/// U+2EF3) stands for, `0` where none does: Unicode's
/// `EquivalentUnifiedIdeograph.txt` (Unicode 14.0, by Ken Lunde; Unicode's
/// terms of use), since Unicode gives these no decomposition (⺠ U+2EA0 is
/// 民, ⻓ U+2ED3 长; text extracted from PDFs carries them). The Kangxi
/// radicals decompose to theirs.
const RADICALS_SUPPLEMENT: [u32; 116] = [
    0, 0x5382, 0x4E5B, 0x4E5A, 0x4E59, 0x4EBB, 0x5182, 0x20628, 0x5200, 0x5202, 0x535C, 0x353E,
    0x5C0F, 0x5C0F, 0x5140, 0x5C23, 0x5C22, 0x21BC2, 0x5DF3, 0x5E7A, 0x5F51, 0x5F50, 0x5FC4,
    0x5FC3, 0x624C, 0x6535, 0, 0x65E1, 0x65E5, 0x6708, 0x6B7A, 0x6BCD, 0x6C11, 0x6C35, 0x6C3A,
    0x706C, 0x722B, 0x722B, 0x4E2C, 0x725B, 0x72AD, 0x738B, 0x24D14, 0x76EE, 0x793A, 0x793B,
    0x25AD7, 0x7CF9, 0x7E9F, 0x7F53, 0x7F52, 0x34C1, 0x5197, 0x2626B, 0x7F8A, 0x2634C, 0x2634B,
    0x8002, 0x8080, 0x807F, 0x8089, 0x26951, 0x8279, 0x8279, 0x8279, 0x864E, 0x8864, 0x8980,
    0x897F, 0x89C1, 0x89D2, 0x278B2, 0x8BA0, 0x8D1D, 0x27FB7, 0x8F66, 0x8FB6, 0x8FB6, 0x8FB6,
    0x9091, 0x9485, 0x9577, 0x9578, 0x957F, 0x95E8, 0x28E0F, 0x961D, 0x96E8, 0x9752, 0x97E6,
    0x9875, 0x98CE, 0x98DE, 0x98DF, 0x2967F, 0x98E0, 0x9963, 0x29810, 0x9A6C, 0x9AA8, 0x9B3C,
    0x9C7C, 0x9E1F, 0x5364, 0x9EA6, 0x9EC4, 0x9EFE, 0x6589, 0x9F50, 0x6B6F, 0x9F7F, 0x7ADC, 0x9F99,
    0x9F9C, 0x4E80, 0x9F9F,
];

/// The character `c` is printed as: `None` for an ignorable one
/// ([`is_ignorable`]), the unified ideograph for a Kangxi or CJK radical and
/// a CJK compatibility ideograph, the ASCII letter for a full-width one;
/// otherwise `c` itself.
pub fn printed(c: char) -> Option<char> {
    if is_ignorable(c) {
        return None;
    }
    Some(unified(c))
}

/// The character a compatibility form `c` stands for (a Kangxi or CJK
/// radical, a CJK compatibility ideograph, a full-width Latin letter), else
/// `c`: what [`printed`] prints, ignorable characters kept.
pub fn unified(c: char) -> char {
    let code = c as u32;
    // Below the radicals, or between them and the compatibility
    // ideographs (the unified ideographs, kana, Hangul): most text.
    if code < 0x2E80 || (0x2FE0..0xF900).contains(&code) {
        return c;
    }
    if let Some(&unified) = code
        .checked_sub(0x2E80)
        .and_then(|i| RADICALS_SUPPLEMENT.get(i as usize))
        .filter(|&&u| u != 0)
    {
        return char::from_u32(unified).unwrap_or(c);
    }
    let compatible = matches!(code, 0x2E80..=0x2FDF | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A);
    let canonical = matches!(code, 0xF900..=0xFAFF | 0x2F800..=0x2FA1F);
    let mut one = None;
    let mut count = 0;
    let mut take = |d: char| {
        count += 1;
        one = Some(d);
    };
    if compatible {
        decompose_compatible(c, &mut take);
    } else if canonical {
        decompose_canonical(c, &mut take);
    } else {
        return c;
    }
    if count == 1 { one.unwrap_or(c) } else { c }
}

/// `text` with each compatibility form as the character it stands for
/// ([`unified`]), everything else as it is (soft hyphens and joiners the
/// Word document and the web page set themselves): borrowed when there is
/// none, as in almost every report.
pub fn unified_text(text: &str) -> std::borrow::Cow<'_, str> {
    if !may_hold_compatibility_forms(text) || text.chars().all(|c| unified(c) == c) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(text.chars().map(unified).collect())
}

/// The characters of `texts`, each once, in code point order: a report
/// repeats a few thousand characters tens of thousands of times, so a
/// caller looks each up once ([`printed`], a font's coverage) rather than
/// once where it stands. Linear in the text, with a bit per character of
/// the Basic Multilingual Plane.
pub fn distinct_chars<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<char> {
    let mut basic = vec![0u64; 0x1_0000 / 64];
    let mut others = Vec::new();
    for text in texts {
        for c in text.chars() {
            let code = c as usize;
            match basic.get_mut(code / 64) {
                Some(word) => *word |= 1 << (code % 64),
                None => others.push(c),
            }
        }
    }
    others.sort_unstable();
    others.dedup();
    let mut out: Vec<char> = Vec::new();
    for (i, &word) in basic.iter().enumerate() {
        let mut rest = word;
        while rest != 0 {
            let bit = rest.trailing_zeros() as usize;
            rest &= rest - 1;
            // Surrogates are never set: only `char`s were.
            out.extend(char::from_u32((i * 64 + bit) as u32));
        }
    }
    out.extend(others);
    out
}

/// Whether `text` may hold a character [`unified`] changes, by the first
/// two bytes of their UTF-8 forms (U+2E80–U+2FFF: E2 BA–BF; U+F900–U+FAFF:
/// EF A4–AB; U+FF00–U+FF7F: EF BC–BD; U+2F800–U+2FA1F: F0 AF): a byte
/// scan, where decoding a page of HTML character by character took a
/// million instructions.
fn may_hold_compatibility_forms(text: &str) -> bool {
    text.as_bytes().windows(2).any(|w| match w[0] {
        0xE2 => (0xBA..=0xBF).contains(&w[1]),
        0xEF => matches!(w[1], 0xA4..=0xAB | 0xBC..=0xBD),
        0xF0 => w[1] == 0xAF,
        _ => false,
    })
}

/// `text` as printed ([`printed`] for every character).
pub fn printed_text(text: &str) -> String {
    text.chars().filter_map(printed).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distinct_characters_are_each_given_once_in_order() {
        let texts = ["政府信息公开", "信息𠀀a\u{10FFFF}", "", "公开\u{FFFF}a𠀀"];
        let mut expected: Vec<char> = texts.iter().flat_map(|t| t.chars()).collect();
        expected.sort_unstable();
        expected.dedup();
        assert_eq!(distinct_chars(texts), expected);
        assert!(distinct_chars([]).is_empty());
    }

    #[test]
    fn the_byte_scan_finds_every_character_unified_changes() {
        let changed = (0..=0x10FFFF_u32)
            .filter_map(char::from_u32)
            .filter(|&c| unified(c) != c);
        for c in changed {
            let text = format!("政务{c}公开");
            assert!(may_hold_compatibility_forms(&text), "U+{:04X}", c as u32);
            assert!(matches!(unified_text(&text), std::borrow::Cow::Owned(_)));
        }
        assert!(!may_hold_compatibility_forms(
            "政府信息公开工作年度报告 abc 123"
        ));
        assert!(matches!(
            unified_text("行政"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn invisible_characters_are_not_printed() {
        assert_eq!(
            printed_text("葛\u{E0100}明、邊\u{FE00}、👍\u{FE0F}\u{200D}"),
            "葛明、邊、👍"
        );
    }

    #[test]
    fn compatibility_forms_print_as_what_they_stand_for() {
        assert_eq!(printed_text("⾏政⼈员"), "行政人员");
        assert_eq!(printed_text("ＰＤＦ版本"), "PDF版本");
        // CJK radicals of the supplement, which do not decompose.
        assert_eq!(printed_text("⺠生⻓期⻔户⺠"), "民生长期门户民");
        assert_eq!(printed('\u{2E80}'), Some('\u{2E80}'));
        // The web page and the Word document keep what they set themselves.
        assert_eq!(
            unified_text("⾏政\u{AD}ＡＢＣ\u{200B}"),
            "行政\u{AD}ABC\u{200B}"
        );
        assert!(matches!(
            unified_text("普通文本"),
            std::borrow::Cow::Borrowed(_)
        ));
        // A CJK compatibility ideograph (U+F900) is its unified form.
        assert_eq!(printed('\u{F900}'), Some('豈'));
        // Full-width digits, ordinary ideographs and marks stay as typed.
        assert_eq!(printed_text("１２个，“黃眞”"), "１２个，“黃眞”");
    }
}
