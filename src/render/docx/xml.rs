//! A small XML writer for WordprocessingML parts: escaping, runs of text,
//! and the characters XML 1.0 cannot carry.

use std::fmt::Write as _;

/// The XML declaration every part starts with.
pub(crate) const DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

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
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if is_unprintable(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Run formatting beyond the paragraph style.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct RunStyle {
    /// `**bold**`.
    pub bold: bool,
    /// `*emphasis*`.
    pub italic: bool,
    /// A run-in second-level heading (character style 二级标题（段首）):
    /// 楷体, never bold.
    pub run_in: bool,
}

/// Appends one run `<w:r>` holding `text`: line breaks become `<w:br/>`,
/// tabs `<w:tab/>`, everything else escaped text.
pub(super) fn run(out: &mut String, text: &str, style: RunStyle) {
    let mut rpr = String::new();
    if style.run_in {
        let _ = std::fmt::Write::write_fmt(
            &mut rpr,
            format_args!("<w:rStyle w:val=\"{}\"/>", super::id::LEVEL2_RUN_IN),
        );
    } else if style.bold {
        rpr.push_str("<w:b/><w:bCs/>");
    }
    if style.italic {
        rpr.push_str("<w:i/><w:iCs/>");
    }
    run_with(out, text, &rpr);
}

/// [`run`] with run properties `rpr` (the content of `<w:rPr>`).
pub(super) fn run_with(out: &mut String, text: &str, rpr: &str) {
    if text.is_empty() {
        return;
    }
    out.push_str("<w:r>");
    if !rpr.is_empty() {
        let _ = write!(out, "<w:rPr>{rpr}</w:rPr>");
    }
    let mut piece = String::new();
    let flush = |out: &mut String, piece: &mut String| {
        if !piece.is_empty() {
            let _ = write!(out, "<w:t xml:space=\"preserve\">{}</w:t>", escape(piece));
            piece.clear();
        }
    };
    for c in text.chars() {
        match c {
            '\n' | '\u{2028}' => {
                flush(out, &mut piece);
                out.push_str("<w:br/>");
            }
            '\t' => {
                flush(out, &mut piece);
                out.push_str("<w:tab/>");
            }
            '\r' => {}
            c => piece.push(c),
        }
    }
    flush(out, &mut piece);
    out.push_str("</w:r>");
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
    }

    #[test]
    fn runs_break_lines_and_keep_spaces() {
        let mut s = String::new();
        run(
            &mut s,
            " 甲\n乙\t丙 ",
            RunStyle {
                bold: true,
                italic: false,
                run_in: false,
            },
        );
        assert_eq!(
            s,
            "<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space=\"preserve\"> 甲</w:t><w:br/>\
             <w:t xml:space=\"preserve\">乙</w:t><w:tab/><w:t xml:space=\"preserve\">丙 </w:t></w:r>"
        );
        let mut s = String::new();
        run(&mut s, "", RunStyle::default());
        assert!(s.is_empty());
    }
}
