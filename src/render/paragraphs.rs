//! The narrative as a clerk types it, made into the Markdown every renderer
//! reads, so that Markdown, HTML, PDF and Word show the same paragraphs.
//!
//! Two habits of typing in Word, WPS or Notepad would otherwise change the
//! report silently:
//! - **one paragraph per line**, with no blank line between: a line that
//!   ends a sentence (。！？； and their ASCII forms, a closing quote or
//!   bracket allowed after them) followed by another line of text starts a
//!   new paragraph. Hard-wrapped text copied from a PDF, whose lines end
//!   mid-sentence, still joins into one paragraph;
//! - **indentation** typed for 首行缩进 (spaces, Tabs or full-width spaces
//!   `　　`): leading whitespace is dropped, so an indented paragraph never
//!   becomes a Markdown code block (a monospace line in the HTML) and every
//!   format indents the first line its own way.

/// Makes the narrative `text` into Markdown whose blocks are the clerk's
/// paragraphs (see the module documentation). Text that needs neither rule
/// comes back unchanged.
pub fn normalize(text: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let mut previous: Option<&str> = None;
    for raw in text.split('\n') {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let content = line.trim_start_matches(is_indent);
        if content.trim().is_empty() {
            out.push("");
            previous = None;
            continue;
        }
        if previous.is_some_and(|prev| ends_sentence(prev) && !continues_block(prev, content)) {
            out.push("");
        }
        out.push(content);
        previous = Some(content);
    }
    out.join("\n")
}

/// Whitespace typed before a paragraph: spaces, Tabs, full-width spaces.
fn is_indent(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{a0}')
}

/// Whether a line ends a sentence: its last mark, after any closing quotes
/// and brackets, is 。！？； (or ASCII ! ? ;).
fn ends_sentence(line: &str) -> bool {
    let tail = line
        .trim_end()
        .trim_end_matches(['”', '’', '）', ')', '」', '』', '》', '】', '"', '\'']);
    tail.ends_with(['。', '！', '？', '；', '!', '?', ';'])
}

/// Whether `next` belongs to the same Markdown block as `prev` although
/// `prev` ends a sentence: rows of a table, items of one list.
fn continues_block(prev: &str, next: &str) -> bool {
    (prev.starts_with('|') && next.starts_with('|')) || (is_list_item(prev) && is_list_item(next))
}

/// Whether a line starts a Markdown list item (`- `, `* `, `+ `, `1. `, `1) `).
fn is_list_item(line: &str) -> bool {
    if let Some(rest) = line.strip_prefix(['-', '*', '+']) {
        return rest.starts_with(' ');
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && digits <= 9 && {
        let rest = &line[digits..];
        rest.starts_with(". ") || rest.starts_with(") ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_that_ends_a_sentence_ends_its_paragraph() {
        assert_eq!(
            normalize("第一段。\n第二段！\n第三段“引文。”\n第四段"),
            "第一段。\n\n第二段！\n\n第三段“引文。”\n\n第四段"
        );
    }

    #[test]
    fn hard_wrapped_lines_still_join() {
        let text = "本年共收到政府信息公开申请6件，\n上年结转1件，办结7件，\n均在法定期限内答复。";
        assert_eq!(normalize(text), text);
    }

    #[test]
    fn indentation_never_makes_a_code_block() {
        assert_eq!(normalize("    缩进四格的段落。"), "缩进四格的段落。");
        assert_eq!(normalize("　　全角空格缩进。"), "全角空格缩进。");
        assert_eq!(normalize("\t制表符缩进。"), "制表符缩进。");
        assert_eq!(
            normalize("标题下\n\n        缩进八格"),
            "标题下\n\n缩进八格"
        );
    }

    #[test]
    fn lists_tables_and_headings_keep_their_shape() {
        let list = "1. 第一项；\n2. 第二项。\n- 甲。\n- 乙。";
        assert_eq!(normalize(list), list);
        let table = "| 甲 | 乙 |\n|---|---|\n| 1。 | 2 |\n| 3 | 4 |";
        assert_eq!(normalize(table), table);
        assert_eq!(
            normalize("### （一）主动公开\n\n正文。\n"),
            "### （一）主动公开\n\n正文。\n"
        );
    }

    #[test]
    fn unchanged_text_comes_back_as_it_was() {
        let text = "第一段。\n\n第二段，\n接着写。\n";
        assert_eq!(normalize(text), text);
        assert_eq!(normalize("a\r\nb"), "a\nb");
    }
}
