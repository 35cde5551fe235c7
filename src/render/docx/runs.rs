//! Runs of text in WordprocessingML: `w:r` elements with their formatting.

use crate::slice::Slice;
use std::fmt::Write as _;

use crate::zip_xml::xml::escape;

/// The zero-width space: a break opportunity that prints nothing.
const ZWSP: &str = "\u{200B}";

/// The word joiner (U+2060): no break opportunity, no width.
const WORD_JOINER: char = '\u{2060}';

/// `text` with a word joiner wherever a Han character meets a digit or a
/// Latin letter (`2025⁠年⁠1⁠月`): LibreOffice puts a fifth of an em between
/// the two scripts, since its .docx import ignores `w:autoSpaceDE` and
/// `w:autoSpaceDN` (set off in the 落款 style, and honoured by Word), and a
/// date with five such gaps sat an em left of where GB/T 9704 puts it; a
/// joiner between them stops it. Readers of the document (`signoff`,
/// `import`) drop the joiners.
pub(super) fn join_scripts(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut prev: Option<char> = None;
    for c in text.chars() {
        if let Some(p) = prev {
            let latin = |x: char| x.is_ascii_alphanumeric();
            let han = |x: char| !x.is_ascii() && !x.is_whitespace() && x != WORD_JOINER;
            if (latin(p) && han(c)) || (han(p) && latin(c)) {
                out.push(WORD_JOINER);
            }
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

/// Whether `c` is set as East Asian text: Han characters, kana, CJK and
/// full-width punctuation and forms.
fn is_east_asian(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{2FDF}'
        | '\u{3000}'..='\u{33FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FFEF}'
        | '\u{20000}'..='\u{3FFFF}')
}

/// `text` with a zero-width character wherever East Asian text meets a
/// digit, as the PDF sets them (no space between): LibreOffice's .docx
/// import ignores `w:autoSpaceDE` and `w:autoSpaceDN` and puts a fifth of
/// an em there, so its lines held fewer characters than the PDF's and its
/// pages ended elsewhere (issue 62: three lines behind after two pages,
/// table 三 pushed a page on); a zero-width character between them stops
/// it. After a figure (`163.5⁠万元`, `2024⁠年`) and after the `〕` of a
/// document number (`〔2020〕⁠109号`) it is a word joiner (U+2060), which
/// Word and WPS never break at, so that a figure stays with its unit
/// (figures found whole are set by [`pieces`]);
/// before a figure (`自​2024`) a zero-width space (U+200B), a break
/// opportunity as before. LibreOffice 7.4 still breaks at a word joiner
/// (measured, issue 62: `render::layout::figures`). Latin letters keep
/// LibreOffice's space: a line holding an address has few Chinese
/// characters, and without it LibreOffice spread them by 6.5 %
/// (hardtext-2025). Readers of the document (`signoff`, `import`) drop
/// both characters.
pub(super) fn space_scripts(text: &str) -> String {
    let digit = |x: char| x.is_ascii_digit();
    let mut out = String::with_capacity(text.len() + 16);
    let mut prev: Option<char> = None;
    for c in text.chars() {
        if let Some(p) = prev {
            if digit(p) && is_east_asian(c) || p == '〕' && digit(c) {
                out.push(WORD_JOINER);
            } else if is_east_asian(p) && digit(c) {
                out.push_str(ZWSP);
            }
        }
        out.push(c);
        prev = Some(c);
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

/// [`run`] with run properties `rpr` (the content of `<w:rPr>`). Web and
/// e-mail addresses get a zero-width space (U+200B) at their break points,
/// after their marks and before a percent-escape, and inside a segment only
/// when it is wider than a line ([`word_processor_breaks`](crate::render::layout::address::word_processor_breaks)),
/// so that Word and LibreOffice fill the line before a long address instead
/// of spreading it; readers of the document (`signoff`, `import`) drop them.
pub(super) fn run_with(out: &mut String, text: &str, rpr: &str) {
    if text.is_empty() {
        return;
    }
    let text = crate::render::layout::address::with_word_processor_breaks(text, ZWSP);
    for (piece, figure) in pieces(&text) {
        if figure {
            push_run(out, &piece, &format!("{rpr}{FIGURE_LANG}"));
        } else {
            push_run(out, &piece, rpr);
        }
    }
}

/// The language of a figure's run: LibreOffice breaks a run by its
/// language's rules, and for Chinese at a word joiner too (`163.5`/`万元`);
/// as English it keeps the joined characters together (measured on
/// LibreOffice 7.4, issue 62: 39 break positions across `163.5万元`,
/// `〔2020〕109号` and `86,419件`, none split; with the joiners alone, or
/// `w:noProof`, U+FEFF, U+202F or `w:lang w:val` alone, four). Not for a
/// figure with CJK brackets or full-width digits, which LibreOffice then
/// sets in another width: `〔2020〕109号` may still break there. Word and WPS
/// keep them by the joiners; the language is only where proofing and the
/// choice of glyph forms look, and a figure has nothing to proof.
const FIGURE_LANG: &str = "<w:lang w:eastAsia=\"en-US\"/>";

/// The most characters a figure with its units kept whole may have, as on
/// the web page.
const FIGURE_MOST: usize = 16;

/// `text` cut into pieces, each with whether it is set as English (a
/// figure with its units of ASCII and Han characters only) — every figure
/// with its units ([`figure_runs`](crate::render::layout::figures::figure_runs),
/// at most [`FIGURE_MOST`] characters, `〔2020〕109号`, `163.5万元`): a
/// figure's characters joined by word joiners (not between two ASCII
/// characters, which English keeps together), with a zero-width space
/// before it after East Asian text; the other pieces spaced by
/// [`space_scripts`].
fn pieces(text: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut at = 0;
    for r in crate::render::layout::figures::figure_runs(text) {
        let figure = text.slice(r.start, r.end);
        let plain = !figure.contains(['\u{200B}', '\n', '\t', '\r', '\u{AD}']);
        // Not inside an address or a code (`%E6%94`, `/2025/`, `v2`).
        let before = text.slice_to(r.start).chars().next_back();
        let after = text.slice_from(r.end).chars().next();
        let inside = before.is_some_and(|c| c == '\u{200B}' || c.is_ascii_graphic())
            || after.is_some_and(|c| c == '\u{200B}' || c.is_ascii_alphanumeric());
        if !plain || inside || figure.chars().count() > FIGURE_MOST {
            continue;
        }
        if r.start > at {
            out.push((space_scripts(text.slice(at, r.start)), false));
        }
        let mut joined = String::new();
        let after_asian = before.is_some_and(is_east_asian);
        if after_asian && figure.starts_with(|c: char| c.is_ascii_digit()) {
            joined.push_str(ZWSP);
        }
        // English keeps `163.5` and `86,419` whole by itself.
        let mut prev: Option<char> = None;
        for c in figure.chars() {
            if prev.is_some_and(|p| !(p.is_ascii() && c.is_ascii())) {
                joined.push(WORD_JOINER);
            }
            joined.push(c);
            prev = Some(c);
        }
        // Under English, LibreOffice sets CJK brackets and full-width
        // digits in another width (hardtext-lingang: its lines changed
        // and one spread 3.9 %): those figures (`〔2020〕109号`, `６月`)
        // keep the joiners only, which Word and WPS honour.
        let english = figure
            .chars()
            .all(|c| c.is_ascii() || ('\u{4E00}'..='\u{9FFF}').contains(&c));
        out.push((joined, english));
        at = r.end;
    }
    if at < text.len() {
        out.push((space_scripts(text.slice_from(at)), false));
    }
    out
}

/// Appends one `<w:r>` with run properties `rpr` holding `text`: line
/// breaks become `<w:br/>`, tabs `<w:tab/>`, soft hyphens
/// `<w:softHyphen/>`, compatibility forms (⾏ ⺠ ＡＢＣ) the characters they
/// stand for, as the PDF prints them, everything else escaped text.
fn push_run(out: &mut String, text: &str, rpr: &str) {
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
    for c in text.chars().map(crate::render::layout::print_form::unified) {
        // A private-use character that reaches the document is a 造字 the
        // embedded 造字 font prints (any other prints as its code): a run
        // of its own in that font's character style.
        if crate::source::is_private_use(c) {
            flush(out, &mut piece);
            let _ = write!(
                out,
                "</w:r><w:r><w:rPr><w:rStyle w:val=\"{}\"/>{}</w:rPr><w:t>{}</w:t></w:r><w:r>",
                super::id::ZAOZI,
                without_style(rpr),
                escape(&c.to_string())
            );
            if !rpr.is_empty() {
                let _ = write!(out, "<w:rPr>{rpr}</w:rPr>");
            }
            continue;
        }
        match c {
            '\n' | '\u{2028}' | '\u{2029}' => {
                flush(out, &mut piece);
                out.push_str("<w:br/>");
            }
            '\t' => {
                flush(out, &mut piece);
                out.push_str("<w:tab/>");
            }
            // Word's optional hyphen: printed only where a line breaks.
            '\u{00AD}' => {
                flush(out, &mut piece);
                out.push_str("<w:softHyphen/>");
            }
            '\r' => {}
            c => piece.push(c),
        }
    }
    flush(out, &mut piece);
    out.push_str("</w:r>");
}

/// Run properties `rpr` without their character style (a run has one,
/// and a 造字's is the 造字 font's).
fn without_style(rpr: &str) -> &str {
    match rpr.strip_prefix("<w:rStyle ") {
        Some(rest) => rest.split_once("/>").map_or("", |(_, after)| after),
        None => rpr,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zaozi_is_a_run_in_the_zaozi_style() {
        let mut out = String::new();
        push_run(
            &mut out,
            "张\u{e000}林",
            "<w:rStyle w:val=\"Level2RunIn\"/><w:b/>",
        );
        assert_eq!(
            out,
            "<w:r><w:rPr><w:rStyle w:val=\"Level2RunIn\"/><w:b/></w:rPr><w:t xml:space=\"preserve\">张</w:t></w:r>\
             <w:r><w:rPr><w:rStyle w:val=\"Zaozi\"/><w:b/></w:rPr><w:t>\u{e000}</w:t></w:r>\
             <w:r><w:rPr><w:rStyle w:val=\"Level2RunIn\"/><w:b/></w:rPr><w:t xml:space=\"preserve\">林</w:t></w:r>"
        );
    }

    #[test]
    fn scripts_are_joined_where_han_meets_digits_or_letters() {
        assert_eq!(
            join_scripts("2025年1月20日"),
            "2025\u{2060}年\u{2060}1\u{2060}月\u{2060}20\u{2060}日"
        );
        assert_eq!(
            join_scripts("某某局第A2分局"),
            "某某局第\u{2060}A2\u{2060}分局"
        );
        assert_eq!(join_scripts("某局 2025"), "某局 2025");
        assert_eq!(join_scripts(""), "");
    }

    #[test]
    fn figures_keep_their_units_and_scripts_meet_without_space() {
        assert_eq!(
            space_scripts("共163.5万元，自2024年"),
            "共\u{200B}163.5\u{2060}万元，自\u{200B}2024\u{2060}年"
        );
        assert_eq!(
            space_scripts("〔2020〕109号见https"),
            "〔\u{200B}2020\u{2060}〕\u{2060}109\u{2060}号见https"
        );
        // Joined already, other scripts, soft hyphens: nothing added.
        assert_eq!(space_scripts("2025\u{2060}年"), "2025\u{2060}年");
        assert_eq!(
            space_scripts("café 2024, hy\u{AD}phen"),
            "café 2024, hy\u{AD}phen"
        );
        assert_eq!(space_scripts(""), "");
    }

    #[test]
    fn figures_go_whole_in_runs_of_their_own() {
        let mut s = String::new();
        // Not in an address.
        let mut a = String::new();
        run_with(&mut a, "见a.cn/s?q=%E6%94%BF", "");
        assert!(!a.contains("en-US"), "{a}");
        run_with(&mut s, "共163.5万元，依〔2020〕109号", "");
        assert_eq!(
            s,
            "<w:r><w:t xml:space=\"preserve\">共</w:t></w:r>\
             <w:r><w:rPr><w:lang w:eastAsia=\"en-US\"/></w:rPr><w:t xml:space=\"preserve\">\u{200B}163.5\u{2060}万\u{2060}元</w:t></w:r>\
             <w:r><w:t xml:space=\"preserve\">，依</w:t></w:r>\
             <w:r><w:t xml:space=\"preserve\">〔\u{2060}2020\u{2060}〕\u{2060}109\u{2060}号</w:t></w:r>"
        );
        let read: String = s
            .split("preserve\">")
            .skip(1)
            .map(|t| t.slice_to(t.find('<').unwrap()))
            .collect::<String>()
            .replace(['\u{200B}', '\u{2060}'], "");
        assert_eq!(read, "共163.5万元，依〔2020〕109号");
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
