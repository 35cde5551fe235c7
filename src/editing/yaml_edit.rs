//! Changing one value of a data file in place, keeping everything else —
//! comments, blank lines, key order, the other values' spelling — byte for
//! byte.
//!
//! A value is named by its data path (`依申请公开.本年新收[0]`,
//! `主动公开.规章.本年制发`, `联系方式.电话`, `总体情况`), checked with
//! [`path::resolve`]. The YAML tree of `load::tree` finds the key of the
//! value; from there the value's own bytes are found by scanning the text
//! (one scalar, one element of a flow list or map, or a block scalar with
//! its indented lines), and only those bytes are replaced. Values are
//! spelt by [`crate::write`]: `scalar` for text, `narrative_value` for
//! Markdown. A key the file lacks is added under its parent.

use crate::load::tree::{self, Item, Node};
use crate::model::Edition;
use crate::model::official::{self, T2_NOTE_KEY, T2_VALUE_KEY, T3_INPUT_COLUMNS, T4_INPUT_COLUMNS};
use crate::model::path::{self, Target};
use crate::model::schema::{contact, top};
use crate::slice::Slice;
use crate::source::SourceFile;
use crate::write;

/// Why a value could not be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditError(pub String);

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn fail<T>(message: impl Into<String>) -> Result<T, EditError> {
    Err(EditError(message.into()))
}

/// How a value is spelt in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A figure: digits as typed (full-width digits and thousands
    /// separators taken out), `~` when empty; anything else is quoted, so
    /// that `check` names it.
    Number,
    /// A text: a YAML scalar, `~` when empty.
    Text,
    /// A date `YYYY-MM-DD`, `~` when empty.
    Date,
    /// Markdown: a literal block scalar.
    Markdown,
}

/// What kind of value `data_path` names, or why it cannot be edited here.
pub fn kind(edition: Edition, data_path: &str) -> Result<Kind, EditError> {
    let target = path::resolve(edition, data_path)
        .ok_or_else(|| EditError(format!("“{data_path}”不是数据文件中的项目")))?;
    let kind = match target {
        Target::Field(top::AGENCY | top::PREVIOUS | top::KIND) | Target::Contact(_) => Kind::Text,
        Target::Field(top::YEAR) | Target::Fee { field: Some(_) } => Kind::Number,
        Target::Field(top::DATE) => Kind::Date,
        Target::Field(top::OVERVIEW | top::PROBLEMS | top::PREFACE) | Target::OtherBody => {
            Kind::Markdown
        }
        Target::Table2 { row, cell }
            if !data_path.ends_with(T2_NOTE_KEY) && official::t2_has_cell(edition, row, cell) =>
        {
            Kind::Number
        }
        Target::Table3 { col: Some(_), .. } | Target::Table4 { col: Some(_), .. } => Kind::Number,
        _ => return fail(format!("工作台不能直接修改“{data_path}”")),
    };
    Ok(kind)
}

/// `text` with the value at `data_path` set to `value` (as typed in the
/// page); the rest of the text unchanged.
pub fn set(
    text: &str,
    edition: Edition,
    data_path: &str,
    value: &str,
) -> Result<String, EditError> {
    let kind = kind(edition, data_path)?;
    if kind == Kind::Date && !value.trim().is_empty() && signing_date(value).is_none() {
        return fail(format!(
            "“{}”不是成文日期：请写成 {} 这样的日期（也可写 2026-1-10、2026.1.10、2026/01/10）",
            value.trim(),
            crate::model::Date::example(None)
        ));
    }
    let noted = match (kind, crate::model::number::figure_with_note(value)) {
        (Kind::Number, Some((figure, note))) => {
            let single = matches!(
                path::resolve(edition, data_path),
                Some(Target::Table2 { cell: None, .. })
            );
            if !single {
                return fail(format!(
                    "这一格只填数字 {figure}；括号中的“{note}”是说明，写在正文中"
                ));
            }
            Some((figure, note))
        }
        _ => None,
    };
    // A telephone, postcode or mailbox typed with full-width digits and
    // letters (an IME left in full-width mode) is stored as it prints:
    // half-width (issue 74.4).
    let half;
    let value = if matches!(path::resolve(edition, data_path), Some(Target::Contact(k)) if k != contact::ADDRESS)
    {
        half = half_width(value);
        half.as_str()
    } else {
        value
    };
    let (keys, index) = split(data_path)?;
    let file = SourceFile::new("", text);
    let root = tree::parse(&file).map_err(|e| {
        let place = e.span.map_or(String::new(), |s| format!("第 {} 行", s.line));
        EditError(format!(
            "数据文件{place}的写法有错误，工作台无法修改它：请先用文本编辑器改好（多半是少了括号或引号、冒号写成了全角“：”、缩进没对齐）"
        ))
    })?;
    let width = match keys.first() {
        Some(&top::TABLE3) => T3_INPUT_COLUMNS,
        Some(&top::TABLE4) => T4_INPUT_COLUMNS,
        _ => usize::MAX,
    };
    let mut doc = Doc {
        text,
        out: None,
        width,
        noted: noted.map(|(figure, note)| {
            format!(
                "{{{T2_VALUE_KEY}: {}, {T2_NOTE_KEY}: {}}}",
                spell(Kind::Number, figure),
                write::scalar(note)
            )
        }),
    };
    doc.set(&root, &keys, index, kind, value)?;
    Ok(doc.out.unwrap_or_else(|| text.to_string()))
}

/// `text` with full-width ASCII forms (`０５３３－`, `＠`) and the
/// ideographic space made half-width.
fn half_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            '\u{3000}' => ' ',
            c => c,
        })
        .collect()
}

/// What the file writes at each of `data_paths` that is a scalar, as
/// written: a cell the report could not read as a number (`abc`, `-5`,
/// `1e99`) is shown as stored, so that the page shows what its finding
/// quotes. A path whose value is absent, null or not a scalar is left
/// out, and so is every path of a text that does not parse.
pub fn written<'p>(
    text: &str,
    data_paths: impl IntoIterator<Item = &'p str>,
) -> Vec<(&'p str, String)> {
    let Ok(root) = tree::parse(&SourceFile::new("", text)) else {
        return Vec::new();
    };
    data_paths
        .into_iter()
        .filter_map(|p| scalar_at(&root, p).map(|s| (p, s)))
        .collect()
}

/// The scalar at `data_path` under `root` (a section-二 cell written as
/// `{数量: …, 注: …}`: its number).
fn scalar_at(root: &Item, data_path: &str) -> Option<String> {
    let (keys, index) = split(data_path).ok()?;
    let mut item = root;
    for key in keys {
        item = &item.as_map()?.iter().find(|(k, _)| k.text == key)?.1;
    }
    if let Some(i) = index {
        let Node::Seq(items) = &item.node else {
            return None;
        };
        item = items.get(i)?;
    }
    if let Node::Map(entries) = &item.node {
        item = &entries.iter().find(|(k, _)| k.text == T2_VALUE_KEY)?.1;
    }
    match &item.node {
        Node::Scalar { text, .. } if !text.trim().is_empty() => Some(text.clone()),
        _ => None,
    }
}

/// Splits a data path into its keys and its list index.
fn split(data_path: &str) -> Result<(Vec<&str>, Option<usize>), EditError> {
    let (head, index) = match data_path.strip_suffix(']') {
        Some(inner) => {
            let open = inner
                .rfind('[')
                .ok_or_else(|| EditError(format!("“{data_path}”不是数据路径")))?;
            let i = inner
                .slice_from(open + 1)
                .parse()
                .map_err(|_| EditError(format!("“{data_path}”不是数据路径")))?;
            (inner.slice_to(open), Some(i))
        }
        None => (data_path, None),
    };
    Ok((head.split('.').collect(), index))
}

/// The spelling of `value` as a YAML value of `kind` (not for Markdown).
pub fn spell(kind: Kind, value: &str) -> String {
    let value = value.trim();
    if value.is_empty() {
        return "~".into();
    }
    match kind {
        Kind::Number => {
            let n = number(value);
            if is_number(&n) {
                n
            } else {
                write::scalar(value)
            }
        }
        Kind::Date if signing_date(value).is_some() => {
            signing_date(value).map_or_else(String::new, |d| d.iso())
        }
        Kind::Text | Kind::Date | Kind::Markdown => write::scalar(value),
    }
}

/// A figure as typed, with full-width digits, signs and points made ASCII
/// and thousands separators taken out.
fn number(value: &str) -> String {
    value
        .chars()
        .filter(|c| !matches!(c, ',' | '，' | ' ' | '　'))
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' | '。' => '.',
            '－' => '-',
            c => c,
        })
        .collect()
}

fn is_number(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, "0"));
    !int.is_empty()
        && int.len() <= 18
        && !frac.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
}

/// `value` read as a signing date in any form a clerk writes one
/// (`2026年1月10日`, `2026-1-10`, `2026.1.10`, `2026/01/10`, full-width
/// digits), when its year is one a report can bear (2000–2100): a
/// nonsense year never reaches the file.
pub fn signing_date(value: &str) -> Option<crate::model::Date> {
    crate::model::Date::parse(value).filter(|d| (2000..=2100).contains(&d.year))
}

/// The text being edited and, once changed, the result.
struct Doc<'a> {
    text: &'a str,
    out: Option<String>,
    /// Cells a table row of the edited path writes before its optional
    /// printed total.
    width: usize,
    /// A section-二 cell typed with its note (`12（含转办3件）`): its value
    /// as the data format writes it, `{数量: 12, 注: 含转办3件}`.
    noted: Option<String>,
}

impl Doc<'_> {
    fn replace(&mut self, start: usize, end: usize, with: &str) {
        let mut s = String::with_capacity(self.text.len() + with.len());
        s.push_str(self.text.slice_to(start));
        s.push_str(with);
        s.push_str(self.text.slice_from(end));
        self.out = Some(s);
    }

    /// Walks `keys` down from `map` and sets the value there.
    fn set(
        &mut self,
        map: &Item,
        keys: &[&str],
        index: Option<usize>,
        kind: Kind,
        value: &str,
    ) -> Result<(), EditError> {
        let (key, rest) = keys
            .split_first()
            .ok_or_else(|| EditError("空路径".into()))?;
        let Node::Map(entries) = &map.node else {
            return fail(format!(
                "数据文件中“{key}”的上一级不是映射，请用文本编辑器修正"
            ));
        };
        let Some((k, item)) = entries.iter().find(|(k, _)| k.text == *key) else {
            if !rest.is_empty() {
                return fail(format!(
                    "数据文件中没有“{key}”一项，请先用文本编辑器添加（可参考工作台“新建年报”生成的文件）"
                ));
            }
            return self.insert_key(map, key, index, kind, value);
        };
        let colon = self.colon_after(k.span.offset, key)?;
        if rest.is_empty() {
            return self.set_value(item, colon, key, k.span.column, index, kind, value);
        }
        if matches!(item.node, Node::Map(_)) && self.starts_flow(colon, '{') {
            let [cell] = rest else {
                return fail(format!("“{}”不是一格数字", keys.join(".")));
            };
            return self.set_in_flow_map(colon, cell, kind, value);
        }
        self.set(item, rest, index, kind, value)
    }

    /// The byte after the `:` that follows the key written at `offset`.
    fn colon_after(&self, offset: usize, key: &str) -> Result<usize, EditError> {
        let rest = self.text.get(offset..).unwrap_or("");
        let after_key = if rest.starts_with(key) {
            offset + key.len()
        } else {
            // A quoted key: its closing quote.
            offset + rest.find([':', '\n']).unwrap_or(0)
        };
        let line_end = self.line_end(after_key);
        match self.text.slice(after_key, line_end).find(':') {
            Some(i) => Ok(after_key + i + 1),
            None => fail(format!("找不到“{key}”后的冒号，请用文本编辑器检查该行")),
        }
    }

    fn line_end(&self, from: usize) -> usize {
        self.text
            .slice_from(from)
            .find('\n')
            .map_or(self.text.len(), |i| from + i)
    }

    /// Whether the value after `colon` begins with `open` on its line.
    fn starts_flow(&self, colon: usize, open: char) -> bool {
        self.text
            .slice(colon, self.line_end(colon))
            .trim_start()
            .starts_with(open)
    }

    /// The first non-blank byte after `colon` on its line.
    fn value_start(&self, colon: usize) -> usize {
        let line = self.text.slice(colon, self.line_end(colon));
        colon + (line.len() - line.trim_start_matches([' ', '\t']).len())
    }

    #[allow(clippy::too_many_arguments)]
    fn set_value(
        &mut self,
        item: &Item,
        colon: usize,
        key: &str,
        key_column: u32,
        index: Option<usize>,
        kind: Kind,
        value: &str,
    ) -> Result<(), EditError> {
        if kind == Kind::Markdown {
            let indent = key_column.saturating_sub(1) as usize;
            let end = self.block_end(colon, indent);
            let spelt = write::narrative_value(indent, &value.replace("\r\n", "\n"));
            self.replace(colon, end, &spelt);
            return Ok(());
        }
        if let Some(i) = index {
            return self.set_in_flow_list(item, colon, key, i, kind, value);
        }
        if let Some(noted) = self.noted.take() {
            return self.set_noted(item, colon, &noted);
        }
        if let Node::Map(_) = item.node {
            // A section-二 cell written as {数量: n, 注: …}: the number.
            if self.starts_flow(colon, '{') {
                return self.set_in_flow_map(colon, T2_VALUE_KEY, kind, value);
            }
            return self.set(item, &[T2_VALUE_KEY], None, kind, value);
        }
        let start = self.value_start(colon);
        let end = self.scalar_end(start, false);
        let spelt = spell(kind, value);
        if start == end {
            self.replace(colon, end, &format!(" {spelt}"));
        } else {
            self.replace(start, end, &spelt);
        }
        Ok(())
    }

    /// The value after `colon` (a scalar, or a flow map on its line)
    /// replaced by `noted`, a flow map.
    fn set_noted(&mut self, item: &Item, colon: usize, noted: &str) -> Result<(), EditError> {
        let start = self.value_start(colon);
        let end = match item.node {
            Node::Map(_) if self.starts_flow(colon, '{') => {
                match self.text.slice(start, self.line_end(colon)).find('}') {
                    Some(i) => start + i + 1,
                    None => {
                        return fail("这一格的写法工作台无法修改，请用文本编辑器修正".to_string());
                    }
                }
            }
            Node::Map(_) => {
                return fail("这一格写成了多行，工作台无法加注，请用文本编辑器修改".to_string());
            }
            _ => self.scalar_end(start, false),
        };
        if start >= end || self.text.slice(start, end).trim().is_empty() {
            let end = end.max(start);
            self.replace(colon, end, &format!(" {noted}"));
        } else {
            self.replace(start, end, noted);
        }
        Ok(())
    }

    /// End of a block value whose key is at `indent` spaces: the last line
    /// after the key's that is more indented (blank lines inside count,
    /// trailing ones do not), newline included.
    fn block_end(&self, colon: usize, indent: usize) -> usize {
        let mut end = self.line_end(colon);
        let mut pos = end;
        while pos < self.text.len() {
            let start = pos + 1;
            let line_end = self.line_end(start.min(self.text.len()));
            let line = self.text.slice(start.min(self.text.len()), line_end);
            if line.trim().is_empty() {
                pos = line_end;
                continue;
            }
            let spaces = line.len() - line.trim_start_matches(' ').len();
            if spaces <= indent {
                break;
            }
            end = line_end;
            pos = line_end;
        }
        (end + 1).min(self.text.len())
    }

    /// The end of the scalar that starts at `start`: after the closing
    /// quote, or before the comment, separator or line end of a plain one.
    fn scalar_end(&self, start: usize, flow: bool) -> usize {
        let bytes = self.text.as_bytes();
        let mut i = start;
        match bytes.get(start) {
            Some(b'"') => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                (i + 1).min(bytes.len())
            }
            Some(b'\'') => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'\n' {
                    if bytes[i] == b'\'' {
                        if bytes.get(i + 1) == Some(&b'\'') {
                            i += 2;
                            continue;
                        }
                        return i + 1;
                    }
                    i += 1;
                }
                i
            }
            _ => {
                while i < bytes.len() {
                    let b = bytes[i];
                    let comment = b == b'#' && i > start && matches!(bytes[i - 1], b' ' | b'\t');
                    if b == b'\n' || comment || (flow && matches!(b, b',' | b']' | b'}')) {
                        break;
                    }
                    i += 1;
                }
                start + self.text.slice(start, i).trim_end().len()
            }
        }
    }

    /// The elements of the flow collection opening at `open` (byte of `[`
    /// or `{`): each element's start and end, and the closing bracket.
    fn flow_items(&self, open: usize) -> Result<(Vec<(usize, usize)>, usize), EditError> {
        let bytes = self.text.as_bytes();
        let close = if bytes[open] == b'[' { b']' } else { b'}' };
        let mut items = Vec::new();
        let mut i = open + 1;
        loop {
            while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'\r' | b'\n') {
                i += 1;
            }
            if i < bytes.len() && bytes[i] == b'#' {
                i = self.line_end(i);
                continue;
            }
            match bytes.get(i) {
                Some(&b) if b == close => return Ok((items, i)),
                Some(b'[' | b'{') | None => {
                    return fail("表格一行的写法无法自动修改，请用文本编辑器修改");
                }
                Some(b',') => {
                    // An empty element between two commas.
                    items.push((i, i));
                    i += 1;
                }
                Some(_) => {
                    let end = self.scalar_end(i, true);
                    items.push((i, end));
                    i = end;
                    while i < bytes.len() && matches!(bytes[i], b' ' | b'\t') {
                        i += 1;
                    }
                    if bytes.get(i) == Some(&b',') {
                        i += 1;
                    }
                }
            }
        }
    }

    fn set_in_flow_list(
        &mut self,
        item: &Item,
        colon: usize,
        key: &str,
        index: usize,
        kind: Kind,
        value: &str,
    ) -> Result<(), EditError> {
        let spelt = spell(kind, value);
        let width = self.width;
        if !self.starts_flow(colon, '[') {
            if !matches!(item.node, Node::Null) {
                return fail(format!(
                    "“{key}”一行不是写成 [..] 的形式，工作台无法修改，请用文本编辑器修改"
                ));
            }
            // `key: ~` or `key:`: a new row of empty cells.
            let n = if width == usize::MAX {
                index + 1
            } else {
                width.max(index + 1)
            };
            let mut cells = vec!["~".to_string(); n];
            cells[index] = spelt;
            let start = self.value_start(colon);
            let end = self.scalar_end(start, false);
            self.replace(colon, end, &format!(" [{}]", cells.join(", ")));
            return Ok(());
        }
        let open = self.value_start(colon);
        let (items, close) = self.flow_items(open)?;
        if let Some(&(start, end)) = items.get(index) {
            // Clearing a printed total at the row's end takes it out.
            if spelt == "~" && index + 1 == items.len() && index >= width {
                let cut = items.get(index - 1).map_or(start, |&(_, e)| e);
                self.replace(cut, close, "");
            } else {
                self.replace(start, end, &spelt);
            }
            return Ok(());
        }
        if spelt == "~" && index >= width {
            return Ok(());
        }
        let mut added = String::new();
        for i in items.len()..=index {
            if i > 0 {
                added.push_str(", ");
            }
            added.push_str(if i == index { &spelt } else { "~" });
        }
        let at = items.last().map_or(close, |&(_, e)| e);
        self.replace(at, at, &added);
        Ok(())
    }

    fn set_in_flow_map(
        &mut self,
        colon: usize,
        cell: &str,
        kind: Kind,
        value: &str,
    ) -> Result<(), EditError> {
        let open = self.value_start(colon);
        let (items, close) = self.flow_items(open)?;
        let spelt = spell(kind, value);
        for (start, end) in items {
            let entry = self.text.slice(start, end);
            if let Some((k, _)) = entry.split_once(':')
                && k.trim().trim_matches('"') == cell
            {
                let key_colon = start + k.len() + 1;
                let v = self.text.slice(key_colon, end).trim_start();
                let v_start = end - v.len();
                if v_start == end {
                    self.replace(key_colon, end, &format!(" {spelt}"));
                } else {
                    self.replace(v_start, end, &spelt);
                }
                return Ok(());
            }
        }
        let sep = if self.text.slice(open + 1, close).trim().is_empty() {
            ""
        } else {
            ", "
        };
        let at = open + 1 + self.text.slice(open + 1, close).trim_end().len();
        self.replace(at, at, &format!("{sep}{cell}: {spelt}"));
        Ok(())
    }

    /// Adds `key` to the block map `map`, before its first key, at the
    /// same indentation.
    fn insert_key(
        &mut self,
        map: &Item,
        key: &str,
        index: Option<usize>,
        kind: Kind,
        value: &str,
    ) -> Result<(), EditError> {
        let Node::Map(entries) = &map.node else {
            return fail(format!("无法添加“{key}”"));
        };
        let Some((first, _)) = entries.first() else {
            return fail(format!(
                "数据文件中没有可添加“{key}”的位置，请用文本编辑器添加"
            ));
        };
        let line_start = self
            .text
            .slice_to(first.span.offset)
            .rfind('\n')
            .map_or(0, |i| i + 1);
        let indent = self.text.slice(line_start, first.span.offset);
        if !indent.bytes().all(|b| b == b' ') {
            return fail(format!("无法在行内映射中添加“{key}”，请用文本编辑器添加"));
        }
        let spelt = match (kind, index) {
            (Kind::Markdown, _) => write::narrative_value(indent.len(), value),
            (_, Some(i)) => {
                let mut cells = vec!["~".to_string(); i + 1];
                cells[i] = spell(kind, value);
                format!(" [{}]\n", cells.join(", "))
            }
            (_, None) => match self.noted.take() {
                Some(noted) => format!(" {noted}\n"),
                None => format!(" {}\n", spell(kind, value)),
            },
        };
        let line = format!("{indent}{key}:{spelt}");
        self.replace(line_start, line_start, &line);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = include_str!("../../examples/zibo-zhangdian-traffic-2024.yaml");

    fn blank() -> String {
        crate::next_year::blank(2025, "某市某局").text()
    }

    /// The lines that differ between two texts of the same line count.
    fn changed(a: &str, b: &str) -> Vec<String> {
        assert_eq!(a.lines().count(), b.lines().count(), "{b}");
        a.lines()
            .zip(b.lines())
            .filter(|(x, y)| x != y)
            .map(|(_, y)| y.to_string())
            .collect()
    }

    #[test]
    fn a_figure_typed_with_its_note_is_stored_with_a_note() {
        let key = "  行政许可:";
        let path = "主动公开.行政许可";
        let out = set(EXAMPLE, Edition::E2021, path, "12（含转办3件）").unwrap();
        let line = out.lines().find(|l| l.starts_with(key)).unwrap();
        assert!(line.contains("{数量: 12, 注: 含转办3件}"), "{line}");
        let report = loads(&out);
        let cell = report.table2.get(Edition::E2021, "行政许可", None).unwrap();
        assert_eq!(cell.note.as_deref(), Some("含转办3件"));
        // Typed again, the note is replaced; a plain figure keeps it.
        let again = set(&out, Edition::E2021, path, "15（含转办4件）").unwrap();
        assert!(again.contains("{数量: 15, 注: 含转办4件}"), "{again}");
        let plain = set(&again, Edition::E2021, path, "16").unwrap();
        assert!(plain.contains("{数量: 16, 注: 含转办4件}"), "{plain}");
        // A cell of 表三 takes no note: refused with the reason, no YAML.
        let e = set(
            EXAMPLE,
            Edition::E2021,
            "依申请公开.本年新收[0]",
            "12（含转办3件）",
        )
        .unwrap_err();
        assert!(e.0.contains("写在正文中") && !e.0.contains('{'), "{}", e.0);
    }

    fn loads(text: &str) -> crate::model::Report {
        let loaded = crate::load::load_str(SourceFile::new("t.yaml", text));
        loaded.report.expect("loads")
    }

    #[test]
    fn one_cell_of_a_flow_list_changes_and_nothing_else() {
        let out = set(EXAMPLE, Edition::E2021, "依申请公开.本年新收[0]", "7").unwrap();
        assert_eq!(
            changed(EXAMPLE, &out),
            ["  本年新收: [7, 0, 0, 0, 0, 0, 6]"]
        );
        let out = set(&out, Edition::E2021, "依申请公开.本年新收[6]", "").unwrap();
        assert_eq!(changed(EXAMPLE, &out), ["  本年新收: [7, 0, 0, 0, 0, 0]"]);
        let again = set(&out, Edition::E2021, "依申请公开.本年新收[6]", "７").unwrap();
        assert_eq!(
            changed(EXAMPLE, &again),
            ["  本年新收: [7, 0, 0, 0, 0, 0, 7]"]
        );
    }

    #[test]
    fn cells_of_flow_maps_and_noted_cells_keep_their_comments() {
        let out = set(EXAMPLE, Edition::E2021, "主动公开.行政许可", "1,000").unwrap();
        assert_eq!(
            changed(EXAMPLE, &out),
            ["  行政许可: {数量: 1000, 注: 含淄博经开区}   # 本年处理决定数量"]
        );
        let b = blank();
        let out = set(&b, Edition::E2021, "主动公开.规章.本年废止", "3").unwrap();
        assert_eq!(
            changed(&b, &out),
            ["  规章: {本年制发: ~, 本年废止: 3, 现行有效: ~}"]
        );
        let out = set(&b, Edition::E2021, "其他事项.信息处理费.收费通知件数", "0").unwrap();
        assert_eq!(changed(&b, &out), ["    收费通知件数: 0   # 单位：件"]);
    }

    #[test]
    fn texts_dates_and_wrong_figures_are_spelt_for_yaml() {
        let b = blank();
        let out = set(&b, Edition::E2021, "联系方式.电话", "0533-1234567").unwrap();
        assert_eq!(changed(&b, &out), ["  电话: \"0533-1234567\""]);
        let out = set(&out, Edition::E2021, "成文日期", "2026-01-10").unwrap();
        let out = set(&out, Edition::E2021, "依申请公开.上年结转[2]", "abc").unwrap();
        let report = loads(&out);
        assert_eq!(report.contact.phone.unwrap().value, "0533-1234567");
        assert_eq!(report.date.unwrap().value.iso(), "2026-01-10");
        assert!(out.contains("上年结转: [~, ~, abc, ~, ~, ~]"), "{out}");
        // Typed in full-width (an IME in full-width mode): stored as it
        // prints; an address is stored as typed (read half-width).
        let out = set(
            &b,
            Edition::E2021,
            "联系方式.电话",
            "０５３３－１２３４５６７",
        )
        .unwrap();
        assert_eq!(changed(&b, &out), ["  电话: \"0533-1234567\""]);
        let out = set(
            &b,
            Edition::E2021,
            "联系方式.邮箱",
            "ｇｋ＠ａ．ｇｏｖ．ｃｎ",
        )
        .unwrap();
        assert_eq!(loads(&out).contact.email.unwrap().value, "gk@a.gov.cn");
        let out = set(&b, Edition::E2021, "联系方式.地址", "某路１号").unwrap();
        assert!(out.contains("地址: 某路１号"), "{out}");
    }

    #[test]
    fn dates_as_clerks_write_them_are_saved_as_dates_and_nonsense_years_refused() {
        let b = blank();
        for typed in [
            "2026年1月10日",
            "2026-1-10",
            "2026.1.10",
            "2026/01/10",
            "２０２６年１月１０日",
        ] {
            let out = set(&b, Edition::E2021, "成文日期", typed).unwrap();
            assert!(out.contains("成文日期: 2026-01-10"), "{typed}: {out}");
        }
        for bad in ["5110-02-02", "26110-02-02", "2026年2月30日", "明年一月"] {
            let e = set(&b, Edition::E2021, "成文日期", bad).unwrap_err();
            assert!(e.to_string().contains("不是成文日期"), "{bad}: {e}");
        }
        let cleared = set(&b, Edition::E2021, "成文日期", "").unwrap();
        assert!(loads(&cleared).date.is_none());
    }

    #[test]
    fn narrative_is_a_block_and_the_comments_after_it_stay() {
        let b = blank();
        let text = "本年，我局公开信息{{ 依申请公开.本年新收.总计 }}条。\n\n### （二）依申请公开\n\n办理及时。";
        let out = set(&b, Edition::E2021, "总体情况", text).unwrap();
        assert_eq!(loads(&out).overview.value, text);
        assert!(out.contains("# 二、主动公开政府信息情况"), "{out}");
        let body = set(&out, Edition::E2021, "其他事项.正文", "无。").unwrap();
        assert_eq!(loads(&body).other.value, "无。");
        assert_eq!(loads(&body).overview.value, text);
    }

    #[test]
    fn a_missing_key_is_added_and_unknown_paths_are_refused() {
        let b = blank();
        let out = set(&b, Edition::E2021, "前言", "开头一段。").unwrap();
        assert_eq!(loads(&out).preface.unwrap().value, "开头一段。");
        for bad in [
            "依申请公开.本年新收[9]",
            "主动公开.规章",
            "不存在",
            "主动公开.行政许可.注",
        ] {
            assert!(set(&b, Edition::E2021, bad, "1").is_err(), "{bad}");
        }
        assert!(set("a: [", Edition::E2021, "机关", "x").is_err());
    }
}
