//! Runs of text in WordprocessingML: `w:r` elements with their formatting.

use std::fmt::Write as _;

use crate::ooxml::xml::escape;

/// The zero-width space: a break opportunity that prints nothing.
const ZWSP: &str = "\u{200B}";

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

/// [`run`] with run properties `rpr` (the content of `<w:rPr>`). Web and
/// e-mail addresses get a zero-width space (U+200B) between their letters
/// ([`break_offsets_anywhere`](crate::render::layout::address::break_offsets_anywhere)),
/// so that Word and LibreOffice fill the line before a long address instead
/// of spreading it; readers of the document (`merge`, `import`) drop them.
pub(super) fn run_with(out: &mut String, text: &str, rpr: &str) {
    if text.is_empty() {
        return;
    }
    let text = &crate::render::layout::address::with_breaks_anywhere(text, ZWSP);
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
