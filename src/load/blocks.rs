//! The narrative blocks as a clerk types them in Notepad: what goes wrong
//! with `总体情况: |` and the text under it, said in words the clerk can act
//! on (the YAML parser's own messages point elsewhere: "括号或引号没有闭合"
//! at a line with no brackets).
//!
//! - a narrative key without `|`: the text under it is folded into one
//!   line, and a `### heading` in it is dropped as a comment;
//! - text on the same line as `|` (a `### heading` there is silently a
//!   comment);
//! - text pasted without indentation, or indented less than its block;
//! - a Tab in the indentation of any line.

use crate::diag::{Diagnostic, codes};
use crate::model::schema::{other, top};
use crate::slice::Slice;
use crate::source::SourceFile;

/// The keys whose values are narrative blocks.
const NARRATIVE_KEYS: [&str; 4] = [top::OVERVIEW, top::PROBLEMS, top::PREFACE, other::BODY];

/// One line of the file with its number and byte offset.
struct NumberedLine<'a> {
    number: u32,
    start: usize,
    text: &'a str,
}

impl NumberedLine<'_> {
    fn indent(&self) -> usize {
        self.text.len() - self.text.trim_start_matches(' ').len()
    }

    fn is_blank(&self) -> bool {
        let t = self.text.trim();
        t.is_empty()
    }

    fn is_comment(&self) -> bool {
        self.text.trim_start().starts_with('#')
    }
}

fn lines(text: &str) -> Vec<NumberedLine<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, raw) in text.split('\n').enumerate() {
        out.push(NumberedLine {
            number: u32::try_from(i + 1).unwrap_or(u32::MAX),
            start,
            text: raw.strip_suffix('\r').unwrap_or(raw),
        });
        start += raw.len() + 1;
    }
    out
}

/// Whether `content` (a line without its indentation) is a `key:` line.
fn is_key_line(content: &str) -> bool {
    let bytes = content.as_bytes();
    content.char_indices().any(|(i, c)| {
        c == ':' && i > 0 && matches!(bytes.get(i + 1), None | Some(b' ' | b'\t' | b'\r'))
    }) && !content.starts_with(['#', '-', '[', '{', '|', '>'])
}

/// The narrative key a line starts, with what follows its colon.
fn narrative_key(content: &str) -> Option<(&'static str, &str)> {
    NARRATIVE_KEYS.iter().find_map(|key| {
        let rest = content.strip_prefix(key)?.trim_start_matches(' ');
        let rest = rest.strip_prefix(':').or_else(|| rest.strip_prefix('：'))?;
        Some((*key, rest))
    })
}

/// Problems with the narrative blocks, in file order, at most one per
/// block.
pub(crate) fn hints(file: &SourceFile) -> Vec<Diagnostic> {
    let lines = lines(&file.text);
    let mut out: Vec<Diagnostic> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let indent = line.indent();
        let Some((key, rest)) = narrative_key(line.text.slice_from(indent)) else {
            continue;
        };
        if let Some(d) = block_hint(file, &lines, i, key, rest) {
            out.push(d);
        }
    }
    out.sort_by_key(|d| d.span.map(|s| (s.line, s.column)));
    out
}

/// The first line indented with a Tab: one that starts with a Tab, or a
/// `key:` line with a Tab in its indentation (a Tab after a narrative
/// block's spaces is the text's own).
pub(crate) fn tab_hint(file: &SourceFile) -> Option<Diagnostic> {
    let lines = lines(&file.text);
    let line = lines.iter().find(|l| {
        let content = l.text.trim_start_matches([' ', '\t']);
        let lead = l.text.slice_to(l.text.len() - content.len());
        !content.is_empty()
            && (l.text.starts_with('\t') || (lead.contains('\t') && is_key_line(content)))
    })?;
    let at = line.text.find('\t').unwrap_or(0);
    Some(
        Diagnostic::new(
            codes::YAML,
            format!(
                "第 {} 行用制表符（Tab）缩进；数据文件只能用空格缩进",
                line.number
            ),
        )
        .at(file.span_of(line.start + at, 1))
        .label("制表符")
        .help("把这一行开头的 Tab 换成空格：与同一层级的键对齐，子项比上一级多两个空格"),
    )
}

/// What is wrong with the block of narrative key `key` on line `i`, if
/// anything.
fn block_hint(
    file: &SourceFile,
    lines: &[NumberedLine<'_>],
    i: usize,
    key: &str,
    rest: &str,
) -> Option<Diagnostic> {
    let line = &lines[i];
    let key_indent = line.indent();
    let want = key_indent + 2;
    let how = format!("每行前空 {want} 个空格");
    let rest_trimmed = rest.trim();
    let next = lines[i + 1..]
        .iter()
        .find(|l| !l.is_blank() && !l.is_comment());
    if let Some(after) = rest_trimmed.strip_prefix(['|', '>']) {
        let text = after
            .trim_start_matches(|c: char| c == '-' || c == '+' || c.is_ascii_digit())
            .trim();
        if !text.is_empty() {
            return Some(text_after_bar(file, line, key, text, want));
        }
        return block_body_hint(file, &lines[i + 1..], key, key_indent);
    }
    // No `|`: the lines under the key are folded into one.
    let next = next?;
    if next.indent() <= key_indent || is_key_line(next.text.trim_start_matches(' ')) {
        return None;
    }
    let colon = line.text.find([':', '：']).unwrap_or(0);
    let message = if rest_trimmed.is_empty() {
        format!(
            "第 {} 行“{key}:”后面要写 |，正文从下一行起，{how}",
            line.number
        )
    } else {
        format!(
            "第 {} 行“{key}:”的正文有好几行，冒号后面要写 |，正文从下一行起，{how}",
            line.number
        )
    };
    Some(
        Diagnostic::new(codes::YAML, message)
            .at(file.span_of(line.start + colon, 1))
            .label("在这里的冒号后写“ |”")
            .help(format!(
                "写作“{key}: |”，正文另起一行、每行前空 {want} 格；没有 | 时，各行会连成一行，“###”开头的小标题会被当作注释丢掉"
            )),
    )
}

/// Text typed on the same line as `key: |`.
fn text_after_bar(
    file: &SourceFile,
    line: &NumberedLine<'_>,
    key: &str,
    text: &str,
    want: usize,
) -> Diagnostic {
    let offset = line.text.rfind(text).unwrap_or(0);
    Diagnostic::new(
        codes::YAML,
        format!(
            "第 {} 行“{key}: |”后面不能接正文：正文从下一行起，每行前空 {want} 个空格",
            line.number
        ),
    )
    .at(file.span_of(line.start + offset, text.len()))
    .label(if text.starts_with('#') {
        "写在 | 后面、“#”开头的文字会被当作注释丢掉"
    } else {
        "移到下一行"
    })
    .help(format!(
        "这一行只写“{key}: |”，把后面的文字移到下一行，行首空 {want} 格"
    ))
}

/// The lines of a `|` block (`after` the key's line): indented more than
/// the key, all at least as much as the first.
fn block_body_hint(
    file: &SourceFile,
    after: &[NumberedLine<'_>],
    key: &str,
    key_indent: usize,
) -> Option<Diagnostic> {
    // Inside the block, `  ### 小标题` is text; a `#` line no more indented
    // than the key is a comment between blocks.
    let first = after
        .iter()
        .find(|l| !l.is_blank() && (l.indent() > key_indent || !l.is_comment()))?;
    if first.indent() <= key_indent {
        if is_key_line(first.text.trim_start_matches(' ')) {
            return None; // An empty block, then the next key.
        }
        let how = format!("每行前空 {} 个空格", key_indent + 2);
        return Some(unindented(file, first, key, &how, None));
    }
    let block_indent = first.indent();
    let how = format!("每行前要空 {block_indent} 个空格");
    for (k, l) in after.iter().enumerate() {
        if l.is_blank() || l.indent() >= block_indent {
            continue;
        }
        let content = l.text.trim_start_matches(' ');
        if l.indent() <= key_indent && is_key_line(content)
            || l.indent() == 0 && (content.starts_with("---") || content.starts_with("..."))
        {
            return None; // The next key or document: the block has ended.
        }
        if content.starts_with('#') {
            // A comment between blocks, or a `###` heading pasted without
            // indentation inside one (then text of the block follows).
            let more_text = after[k + 1..]
                .iter()
                .find(|l| !l.is_blank() && !l.is_comment())
                .is_some_and(|n| {
                    n.indent() >= block_indent && !is_key_line(n.text.trim_start_matches(' '))
                });
            if !more_text {
                continue;
            }
        }
        return Some(unindented(file, l, key, &how, Some(first.number)));
    }
    None
}

/// A line of narrative text indented less than its block.
fn unindented(
    file: &SourceFile,
    line: &NumberedLine<'_>,
    key: &str,
    how: &str,
    first: Option<u32>,
) -> Diagnostic {
    let aligned = first.map_or(String::new(), |n| format!("，与第 {n} 行对齐"));
    // "\t正文": the Tab key indents in Word, but YAML counts only spaces.
    let tab = line.text.trim_start_matches(' ').starts_with('\t');
    let indent = if tab {
        format!(
            "只缩进了 {} 个空格，随后是制表符（Tab 键），制表符不算缩进",
            line.indent()
        )
    } else {
        format!("只缩进了 {} 个空格", line.indent())
    };
    Diagnostic::new(
        codes::YAML,
        format!(
            "第 {} 行是“{key}”的正文，但{indent}：{how}{aligned}",
            line.number
        ),
    )
    .at(file.span_of(line.start, line.indent().max(1).min(line.text.len().max(1))))
    .label("缩进不够")
    .help("粘贴的正文每一行都要缩进；在记事本中可以先在每行前加空格，或用 nianbao 的工作台填写正文")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn found(text: &str) -> Vec<(u32, u32, String)> {
        let file = SourceFile::new(Path::new("t.yaml"), text.to_string());
        crate::testutil::placed(hints(&file))
    }

    #[test]
    fn a_correct_file_has_no_hints() {
        let text = "格式: 2021\n总体情况: |\n  ### （一）主动公开\n\n  正文。\n问题及改进: |\n  无。\n其他事项:\n  正文: |\n    无。\n";
        assert!(found(text).is_empty(), "{:?}", found(text));
    }

    #[test]
    fn a_tab_indent_is_named() {
        let got = found("总体情况: |\n  第一段。\n\t第二段。\n");
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].2.contains("制表符"), "{}", got[0].2);
        assert!(got[0].2.contains("每行前要空 2 个空格"), "{}", got[0].2);
    }

    #[test]
    fn missing_bar_is_named() {
        let got = found("总体情况:\n  ### （一）主动公开\n  正文。\n");
        assert_eq!(got.len(), 1);
        assert_eq!((got[0].0, got[0].1), (1, 5));
        assert!(got[0].2.contains("后面要写 |"), "{}", got[0].2);
    }

    #[test]
    fn text_on_the_bar_line_is_named() {
        for text in [
            "问题及改进: | ### （一）整改\n  正文。\n",
            "问题及改进: |上年问题\n",
        ] {
            let got = found(text);
            assert_eq!(got.len(), 1, "{text}");
            assert!(got[0].2.contains("后面不能接正文"), "{}", got[0].2);
        }
    }

    #[test]
    fn pasted_text_without_indentation_is_named() {
        let got = found("问题及改进: |\n  第一行。\n第二行没有缩进。\n主动公开:\n");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, 3);
        assert!(
            got[0].2.contains("每行前要空 2 个空格，与第 2 行对齐"),
            "{}",
            got[0].2
        );
        let got = found("总体情况: |\n整段没有缩进。\n");
        assert!(got[0].2.contains("每行前空 2 个空格"), "{}", got[0].2);
        let got = found("其他事项:\n  正文: |\n  缩进与键相同。\n");
        assert_eq!(got[0].0, 3, "{got:?}");
    }

    #[test]
    fn a_tab_in_indentation_is_named() {
        let tab = |text: &str| {
            let file = SourceFile::new(Path::new("t.yaml"), text.to_string());
            tab_hint(&file).map(|d| (d.span.unwrap().line, d.message))
        };
        let (line, message) = tab("依申请公开:\n\t本年新收: [1, 0, 0, 0, 0, 0]\n").unwrap();
        assert_eq!(line, 2);
        assert!(message.contains("制表符"), "{message}");
        assert!(tab("总体情况: |\n  \t正文以 Tab 开头。\n").is_none());
    }
}
