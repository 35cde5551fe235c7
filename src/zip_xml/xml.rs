//! Writing XML text: the declaration every part starts with, and escaping
//! that turns the characters XML 1.0 cannot carry into U+FFFD.

/// The XML declaration every part starts with.
pub const DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// Whether XML 1.0 can carry `c` at all (§2.2 `Char`).
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r')
        || ('\u{20}'..='\u{D7FF}').contains(&c)
        || ('\u{E000}'..='\u{FFFD}').contains(&c)
        || c >= '\u{10000}'
}

/// Whether `c` should not reach a reviewer's screen as itself: C0/C1
/// controls, and the characters XML 1.0 forbids.
fn is_unprintable(c: char) -> bool {
    !is_xml_char(c) || (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// `s` escaped for element content or a double-quoted attribute value.
/// Characters XML 1.0 forbids and other control characters become U+FFFD,
/// so a stray control character shows as `�` instead of breaking the file.
pub fn escape(s: &str) -> String {
    escape_replacing(s, "\u{FFFD}")
}

/// `s` escaped as [`escape`] escapes it, with each character XML 1.0
/// forbids or control character written as `unprintable` (empty: left out).
pub fn escape_replacing(s: &str, unprintable: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if is_unprintable(c) => out.push_str(unprintable),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_replaces_controls() {
        assert_eq!(escape("a<b>&\"c\""), "a&lt;b&gt;&amp;&quot;c&quot;");
        assert_eq!(
            escape("x\u{1b}[2J\u{0}\u{7f}\u{85}y"),
            "x\u{FFFD}[2J\u{FFFD}\u{FFFD}\u{FFFD}y"
        );
        assert_eq!(escape("\u{FFFE}\u{FFFF}"), "\u{FFFD}\u{FFFD}");
        assert_eq!(escape("淄博市😀"), "淄博市😀");
        assert_eq!(escape_replacing("a\u{0}\u{85}\u{FFFF}<b", ""), "a&lt;b");
    }
}
