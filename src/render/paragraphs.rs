//! The narrative as a clerk types it, made into the Markdown every renderer
//! reads, so that Markdown, HTML, PDF and Word show the same paragraphs.
//!
//! Habits of typing in Word, WPS or Notepad that would otherwise change the
//! report silently:
//! - **one paragraph per line**, with no blank line between: a line that
//!   ends a sentence (。！？； and their ASCII forms, a closing quote or
//!   bracket allowed after them) followed by another line of text starts a
//!   new paragraph. Hard-wrapped text copied from a PDF, whose lines end
//!   mid-sentence, still joins into one paragraph;
//! - **indentation** typed for 首行缩进 (spaces, Tabs or full-width spaces
//!   `　　`): leading whitespace is dropped, so an indented paragraph never
//!   becomes a Markdown code block (a monospace line in the HTML) and every
//!   format indents the first line its own way — except before a list item
//!   under another one, whose indentation nests it (issue 77: every level
//!   of a list nested two or three deep printed at one indent): it is
//!   written anew as Markdown nests it, under its parent's text;
//! - **headings typed or pasted as plain lines**: a line that stands alone
//!   and is a heading in form — `（一）主动公开`, `1.加强领导`, `（1）…`,
//!   short, with no sentence or clause mark inside — becomes a heading of
//!   its level (`### `, `#### `, `##### `), so it never runs into the
//!   paragraph below it. The clerk never types `###`;
//! - **tables pasted from Word, WPS or a spreadsheet**: a line with a Tab
//!   between its words is a row of cells and stands alone, so that rows
//!   never run together (the PDF and the Word document print it as a
//!   paragraph, `TEXT-TABLE` says so).

use crate::model::bounds::is_indent;
use crate::slice::Slice;

pub use crate::model::narrative::{HEADING_CHARS, heading_mark, part_number};

/// Makes the narrative `text` into Markdown whose blocks are the clerk's
/// paragraphs (see the module documentation). Text that needs neither rule
/// comes back unchanged.
pub fn normalize(text: &str) -> String {
    let mut out: Vec<std::borrow::Cow<'_, str>> = Vec::new();
    let mut previous: Option<&str> = None;
    let mut after_heading = false;
    let mut items = ListItems::default();
    for raw in text.split('\n') {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let content = line.trim_start_matches(is_indent);
        if content.trim().is_empty() {
            out.push("".into());
            previous = None;
            after_heading = false;
            continue;
        }
        if let Some(nested) = items.line(line, content) {
            out.push(nested.into());
            previous = Some(content);
            after_heading = false;
            continue;
        }
        // A list item whose bullet came from Word's symbol fonts
        // (`\u{F0D8}\t…`, `Ø …`): an item of a Markdown list, on its own.
        if let Some(rest) = crate::model::narrative::symbol_bullet(content) {
            if previous.is_some() && !previous.is_some_and(|p| p.starts_with("- ")) {
                out.push("".into());
            }
            out.push(format!("- {}", rest.trim_end()).into());
            previous = Some("- ");
            // What follows the item is a paragraph of its own.
            after_heading = true;
            continue;
        }
        let heading = heading_mark(content);
        // A row of a table pasted from Word, WPS or a spreadsheet: its
        // cells apart by Tabs.
        let row = content.trim_end().contains('\t');
        let alone = heading.is_some() || part_number(content).is_some() || row;
        let breaks = after_heading
            || alone
            || previous.is_some_and(|prev| ends_sentence(prev) && !continues_block(prev, content));
        if breaks && previous.is_some() {
            out.push("".into());
        }
        match heading {
            Some(mark) => out.push(format!("{mark}{}", content.trim_end()).into()),
            None => out.push(content.into()),
        }
        previous = Some(content);
        after_heading = alone;
    }
    out.join("\n")
}

/// The narrative as the workbench's text box shows it: a heading line that
/// is a heading by its form (`### （一）主动公开`) loses its `#` marks, which
/// [`normalize`] gives back, so the clerk sees `（一）主动公开` on its own
/// line and never types `###`. Other lines come back unchanged.
pub fn for_editing(text: &str) -> String {
    let lines: Vec<&str> = text
        .split('\n')
        .map(|line| {
            let hashes = line.bytes().take_while(|b| *b == b'#').count();
            let Some(rest) = line.slice_from(hashes).strip_prefix(' ') else {
                return line;
            };
            let rest = rest.trim();
            let same = match heading_mark(rest) {
                Some("### ") => (1..=3).contains(&hashes),
                Some(mark) => mark.len() == hashes + 1,
                None => false,
            };
            if same { rest } else { line }
        })
        .collect();
    lines.join("\n")
}

/// Whitespace typed before a paragraph: spaces, Tabs, full-width spaces.
/// The list items read so far in a run of list lines: the indentation
/// each open level's item was typed with and the width of its mark as
/// Markdown needs it (`3. ` 3, `- ` 2), outermost first.
#[derive(Default)]
struct ListItems {
    open: Vec<(usize, usize)>,
}

impl ListItems {
    /// `line` (`content` without its indentation) written anew when it is
    /// a list item indented under an item before it: indented by the marks
    /// of its parents, so that Markdown nests it. Any other line that is
    /// not a list item ends the run; an unindented item starts one.
    fn line(&mut self, line: &str, content: &str) -> Option<String> {
        let Some(mark) = list_mark(content) else {
            self.open.clear();
            return None;
        };
        let indent = crate::model::bounds::indent_width(line);
        if indent == 0 || self.open.is_empty() {
            self.open.clear();
            self.open.push((indent, mark));
            return None;
        }
        while self.open.last().is_some_and(|&(at, _)| at >= indent) {
            self.open.pop();
        }
        let under: usize = self.open.iter().map(|&(_, w)| w).sum();
        self.open.push((indent, mark));
        Some(format!("{}{}", " ".repeat(under), content.trim_end()))
    }
}

/// The width of the Markdown list mark `content` starts with (`- `, `* `,
/// `+ `, `3. `, `12) `), with its space.
fn list_mark(content: &str) -> Option<usize> {
    if ["- ", "* ", "+ "].iter().any(|m| content.starts_with(m)) {
        return Some(2);
    }
    let digits = content.bytes().take_while(u8::is_ascii_digit).count();
    let after = content.get(digits..)?;
    ((1..=9).contains(&digits) && (after.starts_with(". ") || after.starts_with(") ")))
        .then_some(digits + 2)
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
        let rest = line.slice_from(digits);
        rest.starts_with(". ") || rest.starts_with(") ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` is kept as it is.
    fn assert_unchanged(text: &str) {
        assert_eq!(normalize(text), text);
    }

    #[test]
    fn indented_list_items_nest_under_their_parents() {
        // Typed with two spaces a level under a numbered item, Tabs and
        // 全角空格 under a bullet: rewritten as Markdown nests them.
        let text = "主要做法：\n3. 规范\n  1. 目录\n    1. 清单\n  2. 审核\n4. 平台\n\n- 交通\n\t- 事故\n\t\t- 结果\n　- 违法\n- 便民";
        assert_eq!(
            normalize(text),
            "主要做法：\n3. 规范\n   1. 目录\n      1. 清单\n   2. 审核\n4. 平台\n\n- 交通\n  - 事故\n    - 结果\n  - 违法\n- 便民"
        );
        // Indentation before a paragraph or a first item is still dropped.
        assert_eq!(
            normalize("　　首行缩进。\n  1. 甲\n  2. 乙"),
            "首行缩进。\n\n1. 甲\n2. 乙"
        );
    }

    #[test]
    fn symbol_font_bullets_become_a_list() {
        let pasted = "要点如下：\n\u{F0D8}\t加强平台建设。\nØ 规范公开流程。\n下一段文字。";
        assert_eq!(
            normalize(pasted),
            "要点如下：\n\n- 加强平台建设。\n- 规范公开流程。\n\n下一段文字。"
        );
        let texts: Vec<String> = crate::render::document::blocks(&normalize(pasted))
            .iter()
            .map(|b| b.text().to_string())
            .collect();
        assert_eq!(
            texts,
            [
                "要点如下：",
                // Printed with a bullet, as the item it was (issue 77).
                "● 加强平台建设。",
                "● 规范公开流程。",
                "下一段文字。"
            ]
        );
    }

    #[test]
    fn rows_pasted_with_tabs_stand_alone() {
        assert_eq!(
            normalize("如下表：\n类别\t数量\n网站\t1,234条\n以上为全年数据"),
            "如下表：\n\n类别\t数量\n\n网站\t1,234条\n\n以上为全年数据"
        );
        // A Tab typed for indentation is not a row.
        assert_eq!(normalize("\t第一段\n接续"), "第一段\n接续");
    }

    #[test]
    fn a_line_that_ends_a_sentence_ends_its_paragraph() {
        assert_eq!(
            normalize("第一段。\n第二段！\n第三段“引文。”\n第四段"),
            "第一段。\n\n第二段！\n\n第三段“引文。”\n\n第四段"
        );
    }

    #[test]
    fn hard_wrapped_lines_still_join() {
        assert_unchanged(
            "本年共收到政府信息公开申请6件，\n上年结转1件，办结7件，\n均在法定期限内答复。",
        );
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
        assert_unchanged("1. 第一项；\n2. 第二项。\n- 甲。\n- 乙。");
        assert_unchanged("| 甲 | 乙 |\n|---|---|\n| 1。 | 2 |\n| 3 | 4 |");
        assert_unchanged("### （一）主动公开\n\n正文。\n");
    }

    #[test]
    fn headings_pasted_as_lines_stand_alone() {
        let pasted =
            "（一）主动公开\n2025年，我大队坚持公开。\n（二）依申请公开\n全年收到申请6件。";
        assert_eq!(
            normalize(pasted),
            "### （一）主动公开\n\n2025年，我大队坚持公开。\n\n### （二）依申请公开\n\n全年收到申请6件。"
        );
        assert_eq!(
            normalize("　　1.加强领导\n正文。\n(1)细则\n正文。"),
            "#### 1.加强领导\n\n正文。\n\n##### (1)细则\n\n正文。"
        );
        // Already a heading: unchanged; a heading after a wrapped line too.
        assert_eq!(
            normalize("### （一）主动公开\n\n正文。"),
            "### （一）主动公开\n\n正文。"
        );
        assert_eq!(
            normalize("上文没有句号\n（一）标题\n正文"),
            "上文没有句号\n\n### （一）标题\n\n正文"
        );
    }

    #[test]
    fn enumerated_sentences_and_lists_are_no_headings() {
        for line in [
            "（一）加强组织领导，我局成立领导小组",
            "（一）加强组织领导。",
            "1. 第一项",
            "（一）",
            "（甲）标题",
            "123.标题",
            "1.5万元",
            "（一）这是一行很长很长的文字，一直写到超过一个标题的长度为止还没有完",
            "（一）这是一行很长很长的文字一直写到超过一个标题的长度为止还没有完",
        ] {
            assert_eq!(heading_mark(line), None, "{line}");
        }
        assert_eq!(heading_mark("（十二）其他"), Some("### "));
        assert_eq!(heading_mark("2．完善制度"), Some("#### "));
        assert_unchanged("（一）主动公开方面，本机关全年共主动公开政府信息\n320条。");
    }

    #[test]
    fn part_numbers_are_whole_short_lines_kept_apart() {
        assert_eq!(part_number("一、总体情况"), Some(("一", "总体情况")));
        assert_eq!(part_number("二、加强领导"), Some(("二", "加强领导")));
        assert_eq!(part_number("一、加强领导，成立小组。"), None);
        assert_eq!(part_number("第一、"), None);
        assert_eq!(part_number("一是、"), None);
        assert_eq!(normalize("一、总体情况\n正文。"), "一、总体情况\n\n正文。");
    }

    #[test]
    fn the_text_box_shows_headings_without_marks_and_they_come_back() {
        let file =
            "### （一）主动公开\n\n正文。\n\n#### 1.加强领导\n\n正文。\n\n### 其他说明\n\n正文。";
        let shown = for_editing(file);
        assert_eq!(
            shown,
            "（一）主动公开\n\n正文。\n\n1.加强领导\n\n正文。\n\n### 其他说明\n\n正文。"
        );
        assert_eq!(normalize(&shown), normalize(file));
    }

    #[test]
    fn unchanged_text_comes_back_as_it_was() {
        assert_unchanged("第一段。\n\n第二段，\n接着写。\n");
        assert_eq!(normalize("a\r\nb"), "a\nb");
    }
}
