//! Escaping text for the formats it reaches: HTML ([`escape_html`]) and
//! one-line data text (机关, 联系方式, cell notes) for the Markdown it is
//! placed in, so that it always reads exactly as typed and never becomes
//! markup: no heading, list, link, emphasis, table cell or HTML. (XML for
//! the Office formats: [`crate::zip_xml::xml::escape`].)

use crate::slice::Slice;

/// `text` escaped for use inside a line of CommonMark/GFM (a table cell, a
/// sentence): every character that could start inline markup is
/// backslash-escaped, line breaks become spaces and control characters are
/// shown as `\u{…}`.
pub fn markdown_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\u{2028}' | '\u{2029}' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&' | '!' | '$' => {
                out.push('\\');
                out.push(c);
            }
            c if crate::source::is_hidden(c) || c == '\t' => {
                out.push_str(&format!("\\\\u{{{:x}}}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

/// [`markdown_inline`], for text that starts a line (the title, the
/// signature): also escapes what would make the line a list item or a
/// heading underline (`- `, `1. `, `===`).
pub fn markdown_line(text: &str) -> String {
    let escaped = markdown_inline(text);
    let body = escaped.trim_start_matches(' ');
    let lead = escaped.len() - body.len();
    let mut chars = body.char_indices();
    let Some((_, first)) = chars.next() else {
        return escaped;
    };
    let ends_marker = |rest: &str| rest.is_empty() || rest.starts_with([' ', '\t']);
    let at = match first {
        '-' | '+' | '=' if ends_marker(body.slice_from(1)) || body.chars().all(|c| c == first) => {
            Some(0)
        }
        '0'..='9' => {
            let digits = body.bytes().take_while(u8::is_ascii_digit).count();
            let after = body.slice_from(digits);
            (digits <= 9 && after.starts_with(['.', ')']) && ends_marker(after.slice_from(1)))
                .then_some(digits)
        }
        _ => None,
    };
    match at {
        Some(i) => format!(
            "{}\\{}",
            escaped.slice_to(lead + i),
            escaped.slice_from(lead + i)
        ),
        None => escaped,
    }
}

/// `text` escaped for HTML content and attribute values (`& < > " '`).
pub fn escape_html(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    escape_html_into(text, &mut out).expect("a Vec takes every write");
    String::from_utf8(out).expect("escaping keeps UTF-8 whole")
}

/// Whether `c` is a control or direction character other than a line
/// break: shown as its code, never emitted.
fn hidden(c: char) -> bool {
    crate::source::is_hidden(c) && !matches!(c, '\n' | '\r')
}

/// `text` with its control and direction characters shown as their code
/// (`\u{202e}`), line breaks kept, and so are the character references
/// that a Markdown renderer would decode to one (`&#x202e;`,
/// [`crate::source::hidden_references`]): for text that reaches a page
/// through a Markdown renderer, which escapes markup but lets these through.
pub fn shown_controls(text: &str) -> std::borrow::Cow<'_, str> {
    let mut references = crate::source::hidden_references(text).peekable();
    if !text.contains(hidden) && references.peek().is_none() {
        return text.into();
    }
    let show = |c: char| crate::diag::visible(c.encode_utf8(&mut [0; 4])).into_owned();
    let mut out = String::with_capacity(text.len() + 16);
    let mut from = 0;
    let pieces = references.chain(std::iter::once((text.len(), 0, '\0')));
    for (at, len, c) in pieces {
        for c in text.slice(from, at).chars() {
            if hidden(c) {
                out.push_str(&show(c));
            } else {
                out.push(c);
            }
        }
        if len > 0 {
            out.push_str(&show(c));
        }
        from = at + len;
    }
    out.into()
}

/// [`escape_html`] written into `out`, each run between two escaped
/// characters in one write: the templates' escape function
/// (`Tera::set_escape_fn`). The bytes are tera's own escaping's, which
/// wrote every byte on its own, through the render's metered writer
/// (issue 76).
pub fn escape_html_into(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut from = 0;
    let special = |c: char| matches!(c, '&' | '<' | '>' | '"' | '\'') || hidden(c);
    for (at, found) in text.match_indices(special) {
        out.write_all(text.get(from..at).unwrap_or_default().as_bytes())?;
        match found {
            "&" => out.write_all(b"&amp;")?,
            "<" => out.write_all(b"&lt;")?,
            ">" => out.write_all(b"&gt;")?,
            "\"" => out.write_all(b"&quot;")?,
            "'" => out.write_all(b"&#39;")?,
            // A control or direction character: shown, never emitted.
            hidden => out.write_all(crate::diag::visible(hidden).as_bytes())?,
        }
        from = at + found.len();
    }
    out.write_all(text.get(from..).unwrap_or_default().as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Event, Options, Parser, Tag};

    /// The text a Markdown renderer shows, and whether it made any markup.
    fn rendered(md: &str) -> (String, bool) {
        let mut text = String::new();
        let mut markup = false;
        let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
        for e in Parser::new_ext(md, opts) {
            match e {
                Event::Text(t) => text.push_str(&t),
                Event::Start(Tag::Paragraph) | Event::End(_) => {}
                _ => markup = true,
            }
        }
        (text, markup)
    }

    #[test]
    fn html_escaped_into_a_writer_gives_tera_s_bytes_and_the_string_s() {
        for s in [
            "",
            "纯文本",
            "&",
            "<script>alert('x')</script>",
            "a\"b'c&d<e>f",
            "&&<<>>\"\"''",
            "结尾&",
            "&开头",
            "𠮷野家 & 龘 <b>",
            "两行\n文字\r\n",
        ] {
            let mut ours = Vec::new();
            escape_html_into(s, &mut ours).unwrap();
            let mut teras = Vec::new();
            tera::escape_html(s, &mut teras).unwrap();
            assert_eq!(ours, teras, "{s:?}");
            assert_eq!(String::from_utf8(ours).unwrap(), escape_html(s), "{s:?}");
        }
    }

    /// Control and direction characters reach no page: they are shown as
    /// their code (tera's own escaping lets them through).
    #[test]
    fn control_and_direction_characters_are_shown_not_emitted() {
        let s = "\u{0}控\u{1b}[31m制\u{7f}\u{202e}<b>\u{61c}";
        let want = "\\u{0}控\\u{1b}[31m制\\u{7f}\\u{202e}&lt;b&gt;\\u{61c}";
        let mut ours = Vec::new();
        escape_html_into(s, &mut ours).unwrap();
        assert_eq!(String::from_utf8(ours).unwrap(), want);
        assert_eq!(escape_html(s), want);
        assert_eq!(shown_controls("甲\u{202e}乙\n丙"), "甲\\u{202e}乙\n丙");
        assert_eq!(
            shown_controls("甲&#x1b;乙&#8238;\u{85}&amp;&#0;"),
            "甲\\u{1b}乙\\u{202e}\\u{85}&amp;\\u{0}"
        );
    }

    #[test]
    fn hostile_text_reads_as_typed() {
        for s in [
            "<img src=x onerror=alert(1)>",
            "[点击领取](https://example.com/)",
            "*重点*与_强调_",
            "## 伪造的章节",
            "| a | b |",
            "1. 列表",
            "- 列表",
            "+ 列表",
            "> 引用",
            "`代码`",
            "~~删除~~",
            "&amp; &#x3c;",
            "![图](x.png)",
            "C:\\路径\\",
            "===",
            "某局 #1",
        ] {
            let (text, markup) = rendered(&markdown_line(s));
            assert!(!markup, "{s} made markup");
            assert_eq!(text, s, "{s}");
        }
    }

    #[test]
    fn figures_stay_plain() {
        for s in ["76.786078", "-599", "2024年", "0533-1234567"] {
            assert_eq!(markdown_line(s), s);
            assert_eq!(markdown_inline(s), s);
        }
    }

    #[test]
    fn line_breaks_and_controls_do_not_survive() {
        let e = markdown_inline("淄博市公安局\n\n## 伪造\u{1b}[2J");
        assert!(!e.contains('\n') && !e.contains('\u{1b}'), "{e}");
        let (_, markup) = rendered(&e);
        assert!(!markup);
    }
}
