//! Loading a data file (DATA-FORMAT.md) into the [model](crate::model).
//!
//! Loading never stops at the first problem: every problem with the file
//! becomes a [`Diagnostic`], and whatever could be read is returned, so that a
//! clerk sees all problems in one run.

mod blocks;
mod fields;
mod lookalike;

pub use fields::{MAX_AGENCY_CHARS, MAX_COUNT};
pub mod suggest;
pub mod tree;

use std::path::Path;

use crate::diag::{Diagnostic, Severity, codes};
use crate::files::{FileId, ReadError, read_limited, read_walked};
use crate::model::Report;
use crate::source::{SourceFile, Span};

/// The result of loading one data file.
#[derive(Debug)]
pub struct Loaded {
    /// The file as read (empty text when it could not be decoded).
    pub file: SourceFile,
    /// The report, when the file was a YAML mapping with a usable shape.
    pub report: Option<Report>,
    /// Problems found while loading.
    pub diagnostics: Vec<Diagnostic>,
}

/// Largest data file accepted, in bytes.
pub const MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// Reads and loads the data file at `path`: a YAML data file, or an
/// Excel/WPS workbook (`.xlsx`, or any file that is one), read by its labels
/// into the same report with diagnostics placed at its cells
/// ([`load_workbook`]). Every command loads data files through here.
pub fn load_path(path: &Path) -> Result<Loaded, ReadError> {
    let bytes = read_bytes(path)?;
    load_read(path, &bytes)
}

/// Loads the bytes read from `path`: a workbook through [`load_workbook`],
/// anything else as a YAML data file.
fn load_read(path: &Path, bytes: &[u8]) -> Result<Loaded, ReadError> {
    if crate::xlsx::is_xlsx_path(path) || crate::xlsx::is_workbook(bytes) {
        return load_workbook(path, bytes);
    }
    Ok(load_bytes(path, bytes))
}

/// Loads the workbook in `bytes` as a data file: the report, the
/// diagnostics of reading it by labels and of loading its figures, each
/// placed at its cell.
pub fn load_workbook(path: &Path, bytes: &[u8]) -> Result<Loaded, ReadError> {
    let (file, mut diagnostics, missing) = crate::xlsx::data_text(path, bytes)?;
    let mut loaded = load_str(file);
    // A key reported missing from the workbook is not reported again.
    loaded.diagnostics.retain(|d| {
        !(d.code == codes::KEY_MISSING
            && d.path
                .as_ref()
                .is_some_and(|p| missing.iter().any(|m| p.starts_with(m.as_str()))))
    });
    diagnostics.append(&mut loaded.diagnostics);
    loaded.diagnostics = diagnostics;
    Ok(loaded)
}

/// Reads a data file's bytes, at most [`MAX_FILE_SIZE`], with a Chinese
/// error message.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, ReadError> {
    read_limited(path, MAX_FILE_SIZE, "数据文件")
}

/// Reads and loads a data file a folder walk found (see [`crate::files::read_walked`]).
pub fn load_walked(path: &Path, seen: Option<FileId>) -> Result<Loaded, ReadError> {
    let bytes = read_walked(path, seen, MAX_FILE_SIZE, "数据文件")?;
    load_read(path, &bytes)
}

/// Loads a data file from its bytes.
pub fn load_bytes(path: &Path, bytes: &[u8]) -> Loaded {
    if let Some(text) = decode_utf16(bytes) {
        let mut loaded = load_str(SourceFile::new(path, text));
        loaded.diagnostics.insert(
            0,
            Diagnostic::new(codes::ENCODING, "文件是 UTF-16 编码，已按 UTF-16 读取")
                .severity(Severity::Warning)
                .help("请在编辑器中另存为 UTF-8 编码（不带 BOM），各种工具都能正确读取"),
        );
        return loaded;
    }
    match decode(bytes) {
        Ok((text, None)) => load_str(SourceFile::new(path, text)),
        Ok((text, Some(warning))) => {
            let mut loaded = load_str(SourceFile::new(path, text));
            loaded.diagnostics.insert(0, warning);
            loaded
        }
        Err(diag) => Loaded {
            file: SourceFile::new(path, String::new()),
            report: None,
            diagnostics: vec![*diag],
        },
    }
}

/// Narrows each `TEXT` finding on a value with a hidden character in it
/// (a control character, a direction override) to that character, so that
/// it names the line and column where it sits, not the start of a
/// narrative of many lines.
fn point_at_hidden_characters(file: &SourceFile, diagnostics: &mut [Diagnostic]) {
    for d in diagnostics.iter_mut().filter(|d| d.code == codes::TEXT) {
        let Some(span) = d.span.filter(|s| s.len > 0) else {
            continue;
        };
        let within = file
            .text
            .get(span.offset..span.offset + span.len)
            .unwrap_or_default();
        if let Some((at, c)) = within
            .char_indices()
            .find(|&(_, c)| c != '\n' && c != '\r' && crate::source::is_hidden(c))
        {
            d.span = Some(file.span_of(span.offset + at, c.len_utf8()));
        } else if let Some((at, len, _)) = crate::source::hidden_references(within).next() {
            d.span = Some(file.span_of(span.offset + at, len));
        }
    }
}

/// Loads a data file from its text.
pub fn load_str(file: SourceFile) -> Loaded {
    let mut diagnostics = Vec::new();
    let report = match tree::parse(&file) {
        Ok(root) => {
            let report = fields::read_report(&root, &mut diagnostics);
            point_at_hidden_characters(&file, &mut diagnostics);
            // Valid YAML can still have lost narrative text (no `|`, a
            // heading after `|`): say so first.
            diagnostics.splice(0..0, blocks::hints(&file));
            let slips = lookalike::number_list_hints(&file);
            if !slips.is_empty() {
                // `[0，0，0]` reads as one piece of text: what the loader
                // says about that line follows from the slip.
                let lines: Vec<u32> = slips
                    .iter()
                    .filter_map(|d| d.span)
                    .map(|s| s.line)
                    .collect();
                diagnostics.retain(|d| {
                    !(d.span.is_some_and(|s| lines.contains(&s.line))
                        && [
                            codes::ROW_LEN,
                            codes::TYPE,
                            codes::CELL_EMPTY,
                            codes::NUM_RANGE,
                            codes::NUM_INT,
                        ]
                        .contains(&d.code))
                });
                diagnostics.extend(slips);
            }
            report
        }
        Err(e) => {
            diagnostics.extend(syntax_error(&file, &e));
            None
        }
    };
    Loaded {
        file,
        report,
        diagnostics,
    }
}

/// What to say about a YAML syntax error: the full-width punctuation or
/// misaligned line that caused it when one is found at or before the
/// parser's place, otherwise the parser's message in Chinese.
fn syntax_error(file: &SourceFile, e: &tree::ParseError) -> Vec<Diagnostic> {
    let until = e.span.map_or(u32::MAX, |s| s.line.saturating_add(1));
    let before = |d: &Diagnostic| d.span.is_some_and(|s| s.line <= until);
    let blocks = blocks::hints(file);
    if blocks.iter().any(before) {
        return blocks;
    }
    if let Some(tab) = blocks::tab_hint(file).filter(before) {
        return vec![tab];
    }
    let hints = lookalike::syntax_hints(file);
    if hints.iter().any(before) {
        return hints;
    }
    if let Some(hint) = lookalike::indentation_hint(file, until) {
        return vec![hint];
    }
    let mut d = match yaml_message(&e.message) {
        Some(zh) => Diagnostic::new(codes::YAML, format!("YAML 语法错误：{zh}")),
        // Not one we know: say so in Chinese, keep the parser's own
        // words (shortened) for whoever helps the clerk.
        None => Diagnostic::new(codes::YAML, "YAML 语法错误：这里的写法无法识别").note(format!(
            "解析器的原始信息（英文）：{}",
            crate::diag::excerpt(e.message.split(", set ").next().unwrap_or(&e.message))
        )),
    };
    if let Some(span) = e.span {
        d = d.at(span);
    }
    if e.message.contains("duplicate") {
        d = d.help("同一层级中每个键只能出现一次");
    } else if e.message.contains("budget") || e.message.contains("recursion") {
        d = d.help("文件嵌套过深或结构过大，不像是年报数据文件");
    } else if e.message.contains("indent") {
        d = d.help("同一层级的键要对齐，子项比上一级多缩进两个空格，不要用制表符");
    }
    let mut out = vec![d];
    out.extend(hints);
    out
}

/// A Chinese wording of the YAML parser's message, when it is one we know.
fn yaml_message(raw: &str) -> Option<String> {
    let lower = raw.to_ascii_lowercase();
    let known: &[(&str, &str)] = &[
        (
            "multiple yaml documents",
            "文件中有不止一份 YAML 文档（“---”分隔线之后又开始了一份）；一个数据文件只写一份年报",
        ),
        ("non-finite float", "“.nan”“.inf”不是有效的数字"),
        (
            "expected string scalar",
            "键只能是简单的文字，不能是列表或映射",
        ),
        (
            "unsupported tag",
            "不支持“!”开头的类型标记（如 !!str、!!binary），请删去",
        ),
        (
            "unknown anchor",
            "引用（*名称）找不到对应的锚点（&名称）；数据文件不需要锚点和引用",
        ),
        ("exceeded", "文件结构过大或嵌套过深（引用展开过多）"),
        (
            "alias",
            "锚点和引用（& 与 *）用法有误；数据文件不需要锚点和引用",
        ),
        (
            "anchor",
            "锚点和引用（& 与 *）用法有误；数据文件不需要锚点和引用",
        ),
        (
            "escape",
            "双引号中的转义写法（\\ 开头）无效；不需要转义时请改用单引号或不加引号",
        ),
        ("duplicate", "键重复"),
        ("null into string", "这里有一个空的键（冒号前没有名称）"),
        ("indentation", "缩进不正确"),
        ("indicator", "冒号、逗号或括号的位置不正确"),
        (
            "mapping values are not allowed",
            "冒号的位置不正确（值中含冒号时请加引号）",
        ),
        ("did not find expected", "括号或引号没有闭合"),
        ("unterminated", "括号或引号没有闭合"),
        ("unclosed", "括号或引号没有闭合"),
        ("end of stream", "文件在括号或引号闭合之前就结束了"),
        ("tab", "不能用制表符缩进"),
        ("budget", "文件结构过大或嵌套过深"),
        ("recursion", "嵌套过深"),
    ];
    known
        .iter()
        .find(|(k, _)| lower.contains(k))
        .map(|(_, zh)| zh.to_string())
}

/// Decodes UTF-16 text marked by its byte-order mark; `None` when there is
/// no such mark or the text is not valid UTF-16.
fn decode_utf16(bytes: &[u8]) -> Option<String> {
    let encoding = if bytes.starts_with(b"\xFF\xFE") {
        encoding_rs::UTF_16LE
    } else if bytes.starts_with(b"\xFE\xFF") {
        encoding_rs::UTF_16BE
    } else {
        return None;
    };
    let text = encoding
        .decode_without_bom_handling_and_without_replacement(&bytes[2..])?
        .into_owned();
    (!text.contains('\0')).then_some(text)
}

/// Decodes UTF-8 (with or without BOM), or GBK/GB18030 text with a
/// warning; refuses binary files.
fn decode(bytes: &[u8]) -> Result<(String, Option<Diagnostic>), Box<Diagnostic>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(d) = foreign_format(bytes) {
        return Err(Box::new(d));
    }
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        let (line, column) = line_col(bytes, pos);
        return Err(Box::new(
            Diagnostic::new(
                codes::ENCODING,
                "文件含有 NUL 字节，看起来是二进制文件，不是 YAML 数据文件",
            )
            .at(Span::at(line, column)),
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_string(), None)),
        Err(e) => {
            let (line, column) = line_col(bytes, e.valid_up_to());
            let gbk =
                encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes);
            if let Some(text) = gbk.as_deref().filter(|t| looks_like_chinese_text(t)) {
                let warning = Diagnostic::new(
                    codes::ENCODING,
                    "文件是 GBK（GB18030）编码，已按 GBK 读取",
                )
.severity(Severity::Warning)
                .at(Span::at(line, column))
                .help(
                    "请另存为 UTF-8：记事本“另存为”中编码选“UTF-8”；WPS/Word 选“纯文本”后编码选“Unicode (UTF-8)”；VS Code 点右下角“GBK”→“通过编码保存”→“UTF-8”",
                );
                return Ok((text.to_string(), Some(warning)));
            }
            let d = Diagnostic::new(
                codes::ENCODING,
                format!(
                    "文件不是 UTF-8 编码（第 {} 个字节无效）",
                    e.valid_up_to() + 1
                ),
            )
            .at(Span::at(line, column));
            Err(Box::new(d.help("请在编辑器中另存为 UTF-8 编码")))
        }
    }
}

/// A published report or a spreadsheet given where a data file belongs:
/// Word, PDF, a web page, an Office 97–2003 file, a workbook. Says what it
/// is and which command reads it.
fn foreign_format(bytes: &[u8]) -> Option<Diagnostic> {
    let head = &bytes[..bytes.len().min(4096)];
    let starts_text = |tag: &[u8]| {
        let trimmed = head.trim_ascii_start();
        trimmed.len() >= tag.len() && trimmed[..tag.len()].eq_ignore_ascii_case(tag)
    };
    let contains = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    let (what, help) = if head.starts_with(b"%PDF-") {
        ("PDF 文件", PUBLISHED_HELP)
    } else if head.starts_with(b"PK\x03\x04") && contains(b"xl/") {
        (
            "Excel/WPS 表格（.xlsx）",
            "工作簿由 nianbao check、build 等直接读取（文件名以 .xlsx 结尾），也可用 nianbao import 转为数据文件；要填写的空白工作簿由“nianbao new --format xlsx”生成",
        )
    } else if head.starts_with(b"PK\x03\x04") {
        ("Word/WPS 文档（.docx）", PUBLISHED_HELP)
    } else if head.starts_with(b"\xD0\xCF\x11\xE0") {
        (
            "Word 97–2003 文档（.doc）或 Excel 97–2003 表格（.xls）",
            "请先在 Word 或 WPS 中“另存为”.docx，再运行“nianbao import 文件.docx”生成数据文件",
        )
    } else if starts_text(b"<!doctype html") || starts_text(b"<html") {
        ("网页文件（HTML）", PUBLISHED_HELP)
    } else {
        return None;
    };
    Some(
        Diagnostic::new(codes::ENCODING, format!("这是{what}，不是 YAML 数据文件"))
            .at(Span::at(1, 1))
            .help(help),
    )
}

/// What to do with a published report given to `check` or `build`.
const PUBLISHED_HELP: &str = "已公布的年报请用“nianbao import 年报文件”生成数据文件（再用 check、build），或用“nianbao audit 年报文件 -o 审查结果”检查它";

/// Whether text decoded from a legacy encoding reads as Chinese text rather
/// than binary noise: no control characters but line breaks and tabs, and
/// some Han characters.
fn looks_like_chinese_text(text: &str) -> bool {
    !text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        && text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

fn line_col(bytes: &[u8], pos: usize) -> (u32, u32) {
    let before = &bytes[..pos];
    let line = before.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[start..]).chars().count() as u32 + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_beside_its_notepad_name_says_to_rename() {
        let tmp = crate::testutil::TempDir::new("load-notepad");
        std::fs::write(tmp.0.join("2025.yaml.txt"), "年度: 2025\n").unwrap();
        let e = read_bytes(&tmp.0.join("2025.yaml")).unwrap_err();
        assert!(e.message.starts_with("文件不存在；"), "{}", e.message);
        assert!(
            e.message.contains("请把它改名为“2025.yaml”"),
            "{}",
            e.message
        );
        let e = read_bytes(&tmp.0.join("2024.yaml")).unwrap_err();
        assert_eq!(e.message, "文件不存在");
    }

    #[test]
    fn a_hidden_character_in_a_narrative_is_pointed_at() {
        let text = "格式: 2021\n总体情况: |\n  第一段。\n\n  网址\u{202e}abc.gov.cn已更新。\n";
        let loaded = load_str(SourceFile::new("t.yaml", text));
        let d = loaded
            .diagnostics
            .iter()
            .find(|d| d.code == codes::TEXT)
            .expect("a TEXT finding");
        let span = d.span.unwrap();
        assert_eq!((span.line, span.column), (5, 5), "{d:?}");
    }

    #[test]
    fn binary_and_non_utf8_are_located() {
        let l = load_bytes(Path::new("x.yaml"), b"a: 1\nb: \xff\xfe\n");
        assert_eq!(l.diagnostics[0].code, codes::ENCODING);
        assert_eq!(l.diagnostics[0].span.unwrap().line, 2);
        let l = load_bytes(Path::new("x.yaml"), b"\x00\x01\x02");
        assert_eq!(l.diagnostics[0].code, codes::ENCODING);
    }

    #[test]
    fn published_reports_and_workbooks_are_named() {
        for (bytes, what, command) in [
            (
                &b"PK\x03\x04\x14\x00[Content_Types].xml word/document.xml\x00"[..],
                "Word",
                "import",
            ),
            (
                b"PK\x03\x04\x14\x00[Content_Types].xml xl/workbook.xml\x00",
                "Excel",
                "new",
            ),
            (b"%PDF-1.7\n%\xe2\xe3\n", "PDF", "audit"),
            (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00", "97", "另存为"),
            (
                b"\n  <!DOCTYPE html><html><body>\xe5\xb9\xb4</body></html>",
                "网页",
                "import",
            ),
            (b"<HTML><body></body></HTML>", "网页", "import"),
        ] {
            let l = load_bytes(Path::new("年报.yaml"), bytes);
            let d = &l.diagnostics[0];
            assert_eq!(d.code, codes::ENCODING);
            assert!(d.message.contains(what), "{}", d.message);
            assert!(
                d.help.as_deref().unwrap_or("").contains(command),
                "{:?}",
                d.help
            );
        }
    }
}
