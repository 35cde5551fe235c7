//! What a report's prose may hold and still be built: its lines and how
//! deep its Markdown nests. `check` reports a text past these bounds as an
//! error at its line (rule `TEXT`) and every build refuses it, draft or
//! not, before any document is made, so that the two always agree.
//!
//! Each line is at most one block the layout takes on (a paragraph, a
//! heading, a list item, a table row); each level of a list or a block
//! quote opens a block inside the one before, indents it by two characters
//! in print and costs every format its own tags. One line of `- - - … x`
//! 1.6 million levels deep took a build 21 s, 3.4 GB and made a 104 MB PDF.

use std::fmt;

use super::Report;

/// Most lines of text (non-blank lines of the preface and the narratives)
/// a report is rendered with. A real report has a few hundred. Counted on
/// the data before any document is made, so a text of one-character
/// paragraphs (3 MB of them: 500,000 blocks, 500 MB) costs a count of its
/// lines.
pub const MAX_LINES: usize = 20_000;

/// Most levels a line of prose nests (lists and block quotes together):
/// a real report nests three at most, and at 14 levels the PDF's indent
/// would take the whole line.
pub const MAX_DEPTH: usize = 8;

/// Where a report's prose goes past a bound.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Excess {
    /// More than [`MAX_LINES`] lines in all.
    Lines {
        /// The lines counted in all.
        lines: usize,
        /// The narrative (its data path) whose line is the first past the bound.
        narrative: &'static str,
        /// That line's index in the narrative's value (from 0).
        line: usize,
    },
    /// A line nested deeper than [`MAX_DEPTH`].
    Depth {
        /// The narrative (its data path).
        narrative: &'static str,
        /// The line's index in the narrative's value (from 0).
        line: usize,
        /// How deep it nests.
        depth: usize,
    },
}

impl Excess {
    /// The narrative (data path) and the index of the line concerned.
    pub fn place(&self) -> (&'static str, usize) {
        match *self {
            Excess::Lines {
                narrative, line, ..
            }
            | Excess::Depth {
                narrative, line, ..
            } => (narrative, line),
        }
    }
}

impl fmt::Display for Excess {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Excess::Lines { lines, .. } => write!(
                f,
                "正文共有 {lines} 行（段落、小标题、分项和表格行），超过一份报告能生成的上限 {MAX_LINES} 行：\
                 多半是粘贴时把每个字或每行分成了一段，或文件是程序生成的；请合并或删去多余的行"
            ),
            Excess::Depth { depth, .. } => write!(
                f,
                "正文中有一行的分项或引用套了 {depth} 层（行首连着写了多个“-”“*”“+”“>”或“1.”），\
                 超过一份报告能生成的上限 {MAX_DEPTH} 层：请删去行首多余的符号"
            ),
        }
    }
}

/// The non-blank lines of `report`'s preface and narratives
/// ([`MAX_LINES`]).
pub fn text_lines(report: &Report) -> usize {
    report
        .narratives()
        .iter()
        .map(|(_, t)| t.value.lines().filter(|l| !l.trim().is_empty()).count())
        .sum()
}

/// The first place where `report`'s prose goes past a bound: too many
/// lines in all, or else the first line nested too deep. Linear in the text.
pub fn excess(report: &Report) -> Option<Excess> {
    let lines = text_lines(report);
    let narratives = report.narratives();
    if lines > MAX_LINES {
        let mut left = MAX_LINES;
        for (narrative, text) in &narratives {
            for (line, l) in text.value.lines().enumerate() {
                if l.trim().is_empty() {
                    continue;
                }
                if left == 0 {
                    return Some(Excess::Lines {
                        lines,
                        narrative,
                        line,
                    });
                }
                left -= 1;
            }
        }
    }
    narratives.iter().find_map(|(narrative, text)| {
        too_deep(&text.value).map(|(line, depth)| Excess::Depth {
            narrative,
            line,
            depth,
        })
    })
}

/// The first line of `text` nested deeper than [`MAX_DEPTH`], its index and
/// depth: the list items it is indented under (as the renderer nests them,
/// `render::paragraphs`: each item indented further than the one before
/// goes under it) and the list marks and quote marks it starts with.
pub fn too_deep(text: &str) -> Option<(usize, usize)> {
    // The indentation of each open item, outermost first.
    let mut open: Vec<usize> = Vec::new();
    for (index, raw) in text.split('\n').enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let content = line.trim_start_matches(is_indent);
        if content.trim().is_empty() {
            continue;
        }
        let marks = leading_marks(content);
        let under = if starts_item(content) {
            let indent = indent_width(line);
            if indent == 0 {
                open.clear();
            }
            while open.last().is_some_and(|&at| at >= indent) {
                open.pop();
            }
            let under = open.len();
            open.push(indent);
            under
        } else {
            open.clear();
            0
        };
        let depth = under + marks;
        if depth > MAX_DEPTH {
            return Some((index, depth));
        }
    }
    None
}

/// Whether `c` indents a line: a space, a Tab, a 全角空格 or a no-break space.
pub(crate) fn is_indent(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{a0}')
}

/// How far `line` is indented, in spaces: a Tab 4, a 全角空格 2.
pub(crate) fn indent_width(line: &str) -> usize {
    line.chars()
        .take_while(|&c| is_indent(c))
        .map(|c| match c {
            '\t' => 4,
            '\u{3000}' => 2,
            _ => 1,
        })
        .sum()
}

/// Whether `content` starts a list item (`- `, `* `, `+ `, `3. `, `12) `).
fn starts_item(content: &str) -> bool {
    let b = content.as_bytes();
    item_mark(b, 0).is_some()
}

/// The end of the list mark at `b[i]` (after its space), if one is there.
fn item_mark(b: &[u8], i: usize) -> Option<usize> {
    let spaced = |at: usize| at >= b.len() || matches!(b[at], b' ' | b'\t');
    match b.get(i)? {
        b'-' | b'*' | b'+' if spaced(i + 1) => Some(i + 1),
        b'0'..=b'9' => {
            let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
            let at = i + digits;
            (digits <= 9 && matches!(b.get(at), Some(b'.' | b')')) && spaced(at + 1))
                .then_some(at + 1)
        }
        _ => None,
    }
}

/// How many containers `content` opens at its start: list marks and
/// quote marks (`- - > 1. x`: 4). A run of `-` or `*` and spaces to the
/// line's end is a rule, not lists.
fn leading_marks(content: &str) -> usize {
    let b = content.as_bytes();
    // The last byte that is not the mark or a space: from past it to the
    // end the line is a rule.
    let last_other = |mark: u8| {
        b.iter()
            .rposition(|&c| c != mark && c != b' ' && c != b'\t')
    };
    let (dash, star) = (last_other(b'-'), last_other(b'*'));
    let rule_from = |i: usize, at: Option<usize>| at.is_none_or(|at| at < i);
    let mut marks = 0;
    let mut i = 0;
    loop {
        while i < b.len() && matches!(b[i], b' ' | b'\t') {
            i += 1;
        }
        if b.get(i) == Some(&b'>') {
            marks += 1;
            i += 1;
            continue;
        }
        let rule = match b.get(i) {
            Some(b'-') => rule_from(i, dash),
            Some(b'*') => rule_from(i, star),
            _ => false,
        };
        match item_mark(b, i) {
            Some(end) if !rule => {
                marks += 1;
                i = end;
            }
            _ => return marks,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_counts_marks_and_indented_items() {
        assert_eq!(too_deep("本年度。\n- 一\n  - 二\n    - 三\n> 引用"), None);
        let marks = format!("第一段。\n\n{}x", "- ".repeat(9));
        assert_eq!(too_deep(&marks), Some((2, 9)));
        assert_eq!(too_deep(&">".repeat(100_000)), Some((0, 100_000)));
        assert_eq!(too_deep("- > 1. > * > + > 2) > x"), Some((0, 10)));
        // Nine items each indented under the one before.
        let indented: Vec<String> = (0..9)
            .map(|i| format!("{}- 第{i}层", " ".repeat(2 * i)))
            .collect();
        assert_eq!(too_deep(&indented.join("\n")), Some((8, 9)));
        // Rules and numbers are no lists.
        assert_eq!(
            too_deep("* * * * * * * * * * * *\n- - - - - - - - - - -"),
            None
        );
        assert_eq!(too_deep("1. 2. 3. 4. 5. 6. 7. 8. 2024年"), None);
        assert_eq!(too_deep("—— — —— — —— — —— — ——"), None);
    }
}
