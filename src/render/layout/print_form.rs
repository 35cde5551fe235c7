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

/// The character `c` is printed as: `None` for an ignorable one
/// ([`is_ignorable`]), the unified ideograph for a Kangxi or CJK radical and
/// a CJK compatibility ideograph, the ASCII letter for a full-width one;
/// otherwise `c` itself.
pub fn printed(c: char) -> Option<char> {
    if is_ignorable(c) {
        return None;
    }
    let code = c as u32;
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
        return Some(c);
    }
    Some(if count == 1 { one.unwrap_or(c) } else { c })
}

/// `text` as printed ([`printed`] for every character).
pub fn printed_text(text: &str) -> String {
    text.chars().filter_map(printed).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
        // A CJK compatibility ideograph (U+F900) is its unified form.
        assert_eq!(printed('\u{F900}'), Some('豈'));
        // Full-width digits, ordinary ideographs and marks stay as typed.
        assert_eq!(printed_text("１２个，“黃眞”"), "１２个，“黃眞”");
    }
}
