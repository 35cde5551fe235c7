//! What a Chinese keyboard types where YAML wants ASCII: a full-width colon
//! after a key, full-width commas or brackets in a list of numbers, an
//! ideographic space as indentation, and indentation that does not line up
//! with its siblings. Each is found at its place and named with exactly what
//! to type instead, like rustc's "this character looks like …".
//!
//! Only the structure of the file is looked at: lines inside a block of
//! narrative text (`|`), comments and quoted text may hold any punctuation.

use crate::diag::{Diagnostic, codes};
use crate::model::schema::t2;
use crate::slice::Slice;
use crate::source::SourceFile;

/// Full-width characters and the ASCII character YAML expects in their place.
const TWINS: &[(char, char, &str)] = &[
    ('：', ':', "冒号"),
    ('，', ',', "逗号"),
    ('、', ',', "顿号"),
    ('；', ',', "分号"),
    ('［', '[', "方括号"),
    ('］', ']', "方括号"),
    ('【', '[', "方括号"),
    ('】', ']', "方括号"),
    ('｛', '{', "花括号"),
    ('｝', '}', "花括号"),
    ('｜', '|', "竖线"),
    ('“', '"', "引号"),
    ('”', '"', "引号"),
    ('‘', '\'', "引号"),
    ('’', '\'', "引号"),
    ('\u{3000}', ' ', "空格"),
];

/// The ideographic (full-width) space.
const IDEOGRAPHIC_SPACE: char = '\u{3000}';

/// Says what `c` is and what to type instead, when it is a full-width twin
/// of YAML punctuation.
fn twin(c: char) -> Option<(char, &'static str)> {
    TWINS
        .iter()
        .find(|(full, _, _)| *full == c)
        .map(|&(_, ascii, name)| (ascii, name))
}

/// One line of the file as the structure scan sees it.
struct StructuralLine<'a> {
    /// 1-based line number.
    number: u32,
    /// Byte offset of the line in the file.
    start: usize,
    /// The line without its line break.
    text: &'a str,
    /// More indented than a key with a one-line plain value: in valid YAML,
    /// that value continuing.
    continuation: bool,
}

impl StructuralLine<'_> {
    /// Leading ASCII spaces.
    fn indent(&self) -> usize {
        self.text.len() - self.text.trim_start_matches(' ').len()
    }
}

/// The lines that carry the file's structure: not inside a block of
/// narrative (`|` or `>`), not comments, not blank, not inside a flow list
/// or map that spans several lines.
fn structural_lines(text: &str) -> Vec<StructuralLine<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    // Indent of the key whose value is a block scalar, while inside it.
    let mut block: Option<usize> = None;
    // Open brackets of a flow collection continuing on later lines.
    let mut flow_depth = 0usize;
    // Indent of the key whose plain one-line value may continue on more
    // indented lines.
    let mut plain: Option<usize> = None;
    for (i, raw) in text.split_inclusive('\n').enumerate() {
        let line_text = raw.trim_end_matches(['\n', '\r']);
        let mut line = StructuralLine {
            number: i as u32 + 1,
            start,
            text: line_text,
            continuation: false,
        };
        start += raw.len();
        let content = line_text.trim_start_matches([' ', '\t', IDEOGRAPHIC_SPACE]);
        if let Some(block_indent) = block {
            if content.is_empty() || line.indent() > block_indent {
                continue;
            }
            block = None;
        }
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        if flow_depth > 0 {
            flow_depth = flow_depth_after(content, flow_depth);
            continue;
        }
        if let Some(owner) = plain {
            if line.indent() > owner {
                line.continuation = true;
                out.push(line);
                continue;
            }
            plain = None;
        }
        let value = value_of(content).map(str::trim);
        if let Some(v) = value.map(strip_comment).map(str::trim)
            && !v.is_empty()
            && !v.starts_with(['[', '{', '|', '>', '｜'])
        {
            plain = Some(line.indent());
        }
        if value.is_some_and(is_block_indicator) {
            block = Some(line.indent());
        }
        if let Some(v) = value
            && (v.starts_with('[') || v.starts_with('{'))
        {
            flow_depth = flow_depth_after(v, 0);
        }
        out.push(line);
    }
    out
}

/// Whether a value opens a block scalar (`|`, `|-`, `>+`, `|2`, also typed
/// full-width).
fn is_block_indicator(value: &str) -> bool {
    let value = strip_comment(value).trim();
    let mut chars = value.chars();
    matches!(chars.next(), Some('|' | '>' | '｜'))
        && chars.all(|c| matches!(c, '-' | '+' | '1'..='9'))
}

/// Bracket depth after reading `text`, starting at `depth` (quotes skipped).
fn flow_depth_after(text: &str, mut depth: usize) -> usize {
    let mut quote = None;
    for c in strip_comment(text).chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[' | '{') => depth += 1,
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    depth
}

/// `text` up to a ` #` comment outside quotes.
fn strip_comment(text: &str) -> &str {
    let mut quote = None;
    let mut prev = ' ';
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '#') if prev == ' ' || prev == '\t' => return text.slice_to(i),
            _ => {}
        }
        prev = c;
    }
    text
}

/// The value after a line's `key: ` (or after `- `), when it has one.
fn value_of(content: &str) -> Option<&str> {
    if let Some(rest) = content.strip_prefix("- ") {
        return Some(value_of(rest.trim_start()).unwrap_or(rest));
    }
    separator(content).map(|(_, after)| content.slice_from(after))
}

/// Byte range of a `key: value` line's ASCII separator: the first `:` that
/// is followed by a space or the end of the line, outside quotes.
fn separator(content: &str) -> Option<(usize, usize)> {
    let mut quote = None;
    let mut chars = content.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') if i == 0 => quote = Some(c),
            (None, ':') => match chars.peek() {
                None | Some((_, ' ' | '\t')) => return Some((i, i + 1)),
                _ => {}
            },
            (None, '#') if i > 0 && content.slice_to(i).ends_with(' ') => return None,
            _ => {}
        }
    }
    None
}

/// A hint at one character of `line`.
fn hint_at(
    file: &SourceFile,
    line: &StructuralLine<'_>,
    byte: usize,
    c: char,
    message: String,
) -> Diagnostic {
    let label = match twin(c) {
        Some((' ', _)) => "改为半角空格".to_string(),
        Some((ascii, _)) => format!("改为“{ascii}”"),
        None => "这里".to_string(),
    };
    Diagnostic::new(codes::YAML, message)
        .at(file.span_of(line.start + byte, c.len_utf8()))
        .label(label)
}

/// A hint at the full-width twin `c` at `byte` of `line`, with its message.
fn twin_hint(file: &SourceFile, line: &StructuralLine<'_>, byte: usize, c: char) -> Diagnostic {
    hint_at(file, line, byte, c, twin_message(line.number, c))
}

/// The message for a full-width twin `c` found on line `number`.
fn twin_message(number: u32, c: char) -> String {
    match twin(c) {
        Some((' ', _)) => format!("第 {number} 行有全角空格“　”，YAML 的缩进和间隔只能用半角空格"),
        Some((ascii, name)) => format!("第 {number} 行的{name}是全角“{c}”，请改为半角“{ascii}”"),
        None => format!("第 {number} 行有“{c}”"),
    }
}

/// Full-width punctuation where the file's structure needs ASCII, found when
/// the YAML parser has given up: key colons, brackets and commas of lists,
/// ideographic spaces in indentation or after a colon, `:` with no space.
pub(crate) fn syntax_hints(file: &SourceFile) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for line in structural_lines(&file.text) {
        if line.continuation {
            continue;
        }
        let lead = line.text.len()
            - line
                .text
                .trim_start_matches([' ', '\t', IDEOGRAPHIC_SPACE])
                .len();
        if let Some(pos) = line.text.slice_to(lead).find(IDEOGRAPHIC_SPACE) {
            out.push(hint_at(
                file,
                &line,
                pos,
                IDEOGRAPHIC_SPACE,
                format!(
                    "第 {} 行的缩进里有全角空格“　”，请改为半角空格",
                    line.number
                ),
            ));
            continue;
        }
        let content = line.text.slice_from(lead);
        let content = content.strip_prefix("- ").unwrap_or(content);
        let offset = line.text.len() - content.len();
        if let Some(d) = key_hint(file, &line, content, offset) {
            out.push(d);
            continue;
        }
        if let Some((_, after)) = separator(content)
            && let Some(d) = value_hint(file, &line, content.slice_from(after), offset + after)
        {
            out.push(d);
        }
    }
    out
}

/// A key followed by something other than `: `.
fn key_hint(
    file: &SourceFile,
    line: &StructuralLine<'_>,
    content: &str,
    offset: usize,
) -> Option<Diagnostic> {
    if content.starts_with(['"', '\'', '[', '{', '|', '>', '#']) {
        return None;
    }
    let ascii = separator(content).map_or(content.len(), |(i, _)| i);
    let mut chars = content.slice_to(ascii).char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '：' => {
                return Some(
                    twin_hint(file, line, offset + i, c)
                        .help("键和值之间用半角冒号加一个空格，如“行政许可: 1865”"),
                );
            }
            ':' => {
                let next = chars.peek().map(|&(_, n)| n);
                let message = match next {
                    Some(IDEOGRAPHIC_SPACE) => format!(
                        "第 {} 行冒号后面是全角空格“　”，请改为半角空格",
                        line.number
                    ),
                    _ => format!("第 {} 行的冒号后面缺少一个半角空格", line.number),
                };
                // Only a key of plain words: a value such as a time or a
                // web address also contains colons.
                let key = content.slice_to(i);
                if key.is_empty() || key.contains([' ', '/', '.']) {
                    return None;
                }
                return Some(
                    hint_at(file, line, offset + i, ':', message)
                        .label("在冒号后加一个半角空格")
                        .help("键和值之间用半角冒号加一个空格，如“行政许可: 1865”"),
                );
            }
            _ => {}
        }
    }
    None
}

/// A value that opens a list or map with full-width brackets, or separates
/// its numbers with full-width commas.
fn value_hint(
    file: &SourceFile,
    line: &StructuralLine<'_>,
    value: &str,
    offset: usize,
) -> Option<Diagnostic> {
    let trimmed = value.trim_start_matches([' ', IDEOGRAPHIC_SPACE]);
    let at = offset + value.len() - trimmed.len();
    if trimmed.starts_with(IDEOGRAPHIC_SPACE) || value.starts_with(IDEOGRAPHIC_SPACE) {
        let pos = value.find(IDEOGRAPHIC_SPACE)?;
        return Some(twin_hint(file, line, offset + pos, IDEOGRAPHIC_SPACE));
    }
    let first = trimmed.chars().next()?;
    let opens_numbers = matches!(first, '［' | '【' | '｛') && looks_like_numbers(trimmed);
    let opens_block = first == '｜' && is_block_indicator(trimmed);
    if opens_numbers || opens_block {
        return Some(twin_hint(file, line, at, first));
    }
    if matches!(first, '[' | '{') {
        return list_hint(file, line, trimmed, at)
            .or_else(|| empty_cell_hint(file, line, trimmed, at));
    }
    // "行政事业性收费: -": a dash typed for "none" opens a list in YAML.
    if matches!(strip_comment(trimmed).trim_end(), "-" | "--") {
        return Some(
            hint_at(
                file,
                line,
                at,
                '-',
                format!(
                    "第 {} 行的“-”不能表示“无”或“0”：在数据文件中它表示列表的一项",
                    line.number
                ),
            )
            .help("没有的数字填 0"),
        );
    }
    None
}

/// An empty cell in a one-line list of numbers (`[4, , 0]`, `[, 1]`,
/// `[1, ]`): a number left out, which YAML cannot read.
fn empty_cell_hint(
    file: &SourceFile,
    line: &StructuralLine<'_>,
    list: &str,
    at: usize,
) -> Option<Diagnostic> {
    if !list.starts_with('[') {
        return None;
    }
    let body = strip_comment(list);
    let mut previous = '[';
    let mut cell = 1;
    for (i, c) in body.char_indices().skip(1) {
        match c {
            ' ' | '\t' => continue,
            ',' | ']' if previous == ',' || (c == ',' && previous == '[') => {
                return Some(
                    hint_at(
                        file,
                        line,
                        at + i,
                        c,
                        format!(
                            "第 {} 行的表格第 {cell} 格是空的：每格都要填数字",
                            line.number
                        ),
                    )
                    .help("没有的数字填 0，如 [4, 0, 0, 0, 0, 0, 4]"),
                );
            }
            ']' => return None,
            ',' => cell += 1,
            _ => {}
        }
        previous = c;
    }
    None
}

/// The first full-width comma or bracket in a one-line list of numbers.
fn list_hint(
    file: &SourceFile,
    line: &StructuralLine<'_>,
    list: &str,
    at: usize,
) -> Option<Diagnostic> {
    if list.starts_with('{') {
        return map_hint(file, line, list, at);
    }
    if !looks_like_numbers(list) {
        return None;
    }
    let (i, c) = strip_comment(list).char_indices().find(|&(_, c)| {
        matches!(
            c,
            '，' | '、' | '；' | '］' | '】' | '｝' | IDEOGRAPHIC_SPACE
        )
    })?;
    Some(twin_hint(file, line, at + i, c).help("数字之间用半角逗号分隔，如 [0, 0, 0, 0, 0, 0]"))
}

/// A full-width colon after a key, or a full-width comma before one, in a
/// one-line map of cells (`{本年制发：0，本年废止: 0}`). Commas inside a
/// note's text are left alone: only a comma followed by a key and a colon is
/// taken for a separator.
fn map_hint(
    file: &SourceFile,
    line: &StructuralLine<'_>,
    map: &str,
    at: usize,
) -> Option<Diagnostic> {
    let body = strip_comment(map);
    let is_key = |s: &str| {
        let s = s.trim_matches([' ', IDEOGRAPHIC_SPACE]);
        t2::CELL_KEYS.contains(&s) || s == t2::NOTE
    };
    for (i, c) in body.char_indices() {
        let found = match c {
            '：' => {
                let before = body.slice_to(i);
                let start = before.rfind(['{', ',', '，']).map_or(0, |p| {
                    p + before
                        .slice_from(p)
                        .chars()
                        .next()
                        .map_or(1, char::len_utf8)
                });
                is_key(before.slice_from(start))
            }
            '，' | '、' | '；' => {
                let after = body.slice_from(i + c.len_utf8());
                after
                    .find([':', '：'])
                    .is_some_and(|end| is_key(after.slice_to(end)))
            }
            _ => false,
        };
        if found {
            return Some(twin_hint(file, line, at + i, c).help(
                "写成 {本年制发: 0, 本年废止: 0, 现行有效: 0}：半角冒号后加空格，半角逗号分隔",
            ));
        }
    }
    None
}

/// Whether a bracketed value holds only numbers, `~` and separators (so
/// that its full-width punctuation is certainly a typing slip, not text).
fn looks_like_numbers(value: &str) -> bool {
    let body = strip_comment(value).trim();
    body.chars().any(|c| c.is_ascii_digit() || c == '~')
        && body.chars().all(|c| {
            c.is_ascii_digit()
                || ('０'..='９').contains(&c)
                || matches!(
                    c,
                    '[' | ']'
                        | '{'
                        | '}'
                        | '［'
                        | '］'
                        | '【'
                        | '】'
                        | '｛'
                        | '｝'
                        | ','
                        | '，'
                        | '、'
                        | '；'
                        | ' '
                        | IDEOGRAPHIC_SPACE
                        | '~'
                        | '.'
                        | '-'
                )
        })
}

/// Lists of numbers written with full-width punctuation in a file that is
/// otherwise valid YAML (`[0，0，0]` reads as one piece of text): one
/// [`codes::PUNCT`] error per line, with the line numbers they cover.
pub(crate) fn number_list_hints(file: &SourceFile) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for line in structural_lines(&file.text) {
        if line.continuation {
            continue;
        }
        let content = line.text.trim_start();
        let offset = line.text.len() - content.len();
        let Some((_, after)) = separator(content) else {
            continue;
        };
        let value = content.slice_from(after);
        let trimmed = value.trim_start();
        let at = offset + after + value.len() - trimmed.len();
        let first = trimmed.chars().next();
        let d = match first {
            Some(c @ ('［' | '【' | '｛')) if looks_like_numbers(trimmed) => {
                Some(twin_hint(file, &line, at, c))
            }
            Some('[' | '{') => list_hint(file, &line, trimmed, at),
            _ => None,
        };
        if let Some(mut d) = d {
            d.code = codes::PUNCT;
            out.push(d);
        }
    }
    out
}

/// The first line, up to `until`, whose indentation does not line up with
/// any open level of the file's structure.
pub(crate) fn indentation_hint(file: &SourceFile, until: u32) -> Option<Diagnostic> {
    // Indents of the open mapping levels, outermost first.
    let mut levels: Vec<usize> = Vec::new();
    let mut opens_child = false;
    for line in structural_lines(&file.text) {
        if line.number > until {
            break;
        }
        let content = line.text.trim_start_matches(' ');
        if line.continuation && separator(content).is_none() {
            continue;
        }
        if content.starts_with('-') || content.starts_with('\t') {
            // Sequences and tabs: the parser's own message is clearer.
            return None;
        }
        let indent = line.indent();
        let problem = match levels.last().copied() {
            None if indent > 0 => Some(format!(
                "第 {} 行缩进了 {indent} 个空格，最外层的键应从行首写起",
                line.number
            )),
            None => {
                levels.push(indent);
                None
            }
            Some(top) if indent > top && opens_child => {
                levels.push(indent);
                None
            }
            Some(top) if indent > top => Some(format!(
                "第 {} 行缩进了 {indent} 个空格，比同一层级的上一行（{top} 个空格）多",
                line.number
            )),
            Some(_) => {
                while levels.last().is_some_and(|&l| l > indent) {
                    levels.pop();
                }
                match levels.last() {
                    Some(&l) if l == indent => None,
                    _ => {
                        let sibling = levels
                            .last()
                            .map_or(String::new(), |l| format!("上一级是 {l} 个空格，"));
                        Some(format!(
                            "第 {} 行缩进了 {indent} 个空格，与同一层级的键没有对齐（{sibling}请与同级的键对齐）",
                            line.number
                        ))
                    }
                }
            }
        };
        if let Some(message) = problem {
            return Some(
                Diagnostic::new(codes::YAML, message)
                    .at(file.span_of(line.start, indent.max(1).min(line.text.len().max(1))))
                    .label("缩进")
                    .help("同一层级的键要对齐，子项比上一级多缩进两个空格"),
            );
        }
        let value = value_of(content).map(|v| strip_comment(v).trim());
        opens_child = value.is_none_or(str::is_empty);
    }
    None
}

/// The text inside full-width quotes when `text` is wholly quoted with them
/// (`“276500”`).
pub(crate) fn fullwidth_quoted(text: &str) -> Option<&str> {
    let text = text.trim();
    [
        ('“', '”'),
        ('‘', '’'),
        ('「', '」'),
        ('『', '』'),
        ('”', '”'),
        ('“', '“'),
    ]
    .iter()
    .find_map(|&(open, close)| text.strip_prefix(open)?.strip_suffix(close))
    .filter(|inner| !inner.contains(['“', '”', '‘', '’']))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hints(text: &str) -> Vec<(u32, u32, String)> {
        let file = SourceFile::new("x.yaml", text);
        crate::testutil::placed(syntax_hints(&file))
    }

    #[test]
    fn full_width_colon_after_a_key_is_named() {
        let h = hints("主动公开:\n  规章: {本年制发: 0}\n  行政许可： 1865\n");
        assert_eq!(h.len(), 1, "{h:?}");
        assert_eq!((h[0].0, h[0].1), (3, 7));
        assert!(
            h[0].2.contains("第 3 行的冒号是全角“：”，请改为半角“:”"),
            "{h:?}"
        );
    }

    #[test]
    fn narrative_punctuation_is_left_alone() {
        let text =
            "总体情况: |\n  主要做法：一是，二是；“三是”\n  行政许可： 1865\n机关: 某局：办公室\n";
        assert!(hints(text).is_empty(), "{:?}", hints(text));
    }

    #[test]
    fn ideographic_spaces_and_missing_spaces() {
        let h = hints("年度: 2024\n　机关: 某局\n");
        assert_eq!((h[0].0, h[0].1), (2, 1));
        let h = hints("年度:　2024\n");
        assert!(h[0].2.contains("全角空格"), "{h:?}");
        let h = hints("年度:2024\n");
        assert!(h[0].2.contains("缺少一个半角空格"), "{h:?}");
    }

    #[test]
    fn an_empty_cell_or_a_dash_for_none() {
        let h = hints("依申请公开:\n  办理结果:\n    予以公开: [4, , 0, 0]\n");
        assert_eq!(h.len(), 1, "{h:?}");
        assert_eq!((h[0].0, h[0].1), (3, 15));
        assert!(h[0].2.contains("第 3 行的表格第 2 格是空的"), "{h:?}");
        let h = hints("本年新收: [, 1]\n");
        assert!(h[0].2.contains("第 1 格是空的"), "{h:?}");
        let h = hints("收费:\n  行政事业性收费: -\n");
        assert!(h[0].2.contains("“-”不能表示“无”"), "{h:?}");
        assert!(hints("本年新收: [1, 2]\n列表:\n  - 一\n").is_empty());
    }

    #[test]
    fn number_lists_with_full_width_commas() {
        let file = SourceFile::new(
            "x.yaml",
            "依申请公开:\n  本年新收: [0，0，0，0，0，0]\n  注: 一，二\n",
        );
        let d = number_list_hints(&file);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].span.unwrap().column, 11);
        assert!(
            d[0].message.contains("逗号是全角“，”，请改为半角“,”"),
            "{}",
            d[0].message
        );
        let file = SourceFile::new("x.yaml", "依申请公开:\n  本年新收: ［0, 0］\n");
        assert!(number_list_hints(&file)[0].message.contains("方括号"));
        let file = SourceFile::new("x.yaml", "主动公开:\n  规章: {本年制发：0，本年废止: 0}\n");
        let d = number_list_hints(&file);
        assert!(d[0].message.contains("冒号是全角"), "{}", d[0].message);
        assert_eq!(d[0].span.unwrap().column, 12);
        let file = SourceFile::new(
            "x.yaml",
            "主动公开:\n  规章: {本年制发: 0, 本年废止: 0，现行有效: 0}\n",
        );
        assert!(number_list_hints(&file)[0].message.contains("逗号是全角"));
        let file = SourceFile::new(
            "x.yaml",
            "主动公开:\n  行政许可: {数量: 5, 注: 含甲，乙：丙}\n",
        );
        let d = number_list_hints(&file);
        assert!(
            d.is_empty(),
            "{:?}",
            d.first().map(|d| (&d.message, d.span))
        );
    }

    #[test]
    fn misaligned_indentation() {
        let file = SourceFile::new("x.yaml", "依申请公开:\n  本年新收: [1]\n 上年结转: [1]\n");
        let d = indentation_hint(&file, 10).unwrap();
        assert_eq!(d.span.unwrap().line, 3);
        assert!(
            d.message.contains("第 3 行缩进了 1 个空格"),
            "{}",
            d.message
        );
        let file = SourceFile::new("x.yaml", "主动公开:\n  规章: 1\n    行政许可: 2\n");
        let d = indentation_hint(&file, 10).unwrap();
        assert!(
            d.message.contains("比同一层级的上一行（2 个空格）多"),
            "{}",
            d.message
        );
        let ok = SourceFile::new(
            "x.yaml",
            "a:\n  b: 1\n  c:\n    d: |\n      x\n     y\ne: 1\n",
        );
        assert!(indentation_hint(&ok, 10).is_none());
    }

    #[test]
    fn quoted_values() {
        assert_eq!(fullwidth_quoted("“276500”"), Some("276500"));
        assert_eq!(fullwidth_quoted("“甲”和“乙”"), None);
        assert_eq!(fullwidth_quoted("276500"), None);
    }
}
