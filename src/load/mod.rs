//! Loading a data file (DATA-FORMAT.md) into the [model](crate::model).
//!
//! Loading never stops at the first problem: every problem with the file
//! becomes a [`Diagnostic`], and whatever could be read is returned, so that a
//! clerk sees all problems in one run.

mod fields;
pub mod suggest;
pub mod tree;

use std::path::Path;

use crate::diag::{Diagnostic, codes};
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

/// A file that could not be read at all (missing, a directory, no permission).
#[derive(Debug)]
pub struct ReadError {
    /// The path as given.
    pub path: String,
    /// What went wrong, in Chinese.
    pub message: String,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}：{}", self.path, self.message)
    }
}

impl std::error::Error for ReadError {}

/// Largest data file accepted, in bytes.
pub const MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// Reads and loads the data file at `path`.
pub fn load_path(path: &Path) -> Result<Loaded, ReadError> {
    let bytes = read_bytes(path)?;
    Ok(load_bytes(path, &bytes))
}

/// Reads a file's bytes with a Chinese error message.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, ReadError> {
    let err = |message: String| ReadError {
        path: path.display().to_string(),
        message,
    };
    let meta = std::fs::metadata(path).map_err(|e| err(io_message(&e)))?;
    if meta.is_dir() {
        return Err(err("这是一个目录，不是数据文件".into()));
    }
    if meta.len() > MAX_FILE_SIZE {
        return Err(err(format!(
            "文件过大（{} 字节），数据文件不应超过 {} MB",
            meta.len(),
            MAX_FILE_SIZE / 1024 / 1024
        )));
    }
    std::fs::read(path).map_err(|e| err(io_message(&e)))
}

/// A Chinese description of an I/O error, for reads and writes alike.
pub fn io_message(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "文件不存在".into(),
        PermissionDenied => "没有权限".into(),
        AlreadyExists => "文件已存在".into(),
        _ => e.to_string(),
    }
}

/// Loads a data file from its bytes.
pub fn load_bytes(path: &Path, bytes: &[u8]) -> Loaded {
    match decode(bytes) {
        Ok(text) => load_str(SourceFile::new(path, text)),
        Err(diag) => Loaded {
            file: SourceFile::new(path, String::new()),
            report: None,
            diagnostics: vec![*diag],
        },
    }
}

/// Loads a data file from its text.
pub fn load_str(file: SourceFile) -> Loaded {
    let mut diagnostics = Vec::new();
    let report = match tree::parse(&file) {
        Ok(root) => fields::read_report(&root, &mut diagnostics),
        Err(e) => {
            let mut d = Diagnostic::error(
                codes::YAML,
                format!("YAML 语法错误：{}", yaml_message(&e.message)),
            )
            .note(format!(
                "解析器的原始信息：{}",
                e.message.split(", set ").next().unwrap_or(&e.message)
            ));
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
            diagnostics.push(d);
            None
        }
    };
    Loaded {
        file,
        report,
        diagnostics,
    }
}

/// A Chinese wording of the YAML parser's common messages.
fn yaml_message(raw: &str) -> String {
    let lower = raw.to_ascii_lowercase();
    let known: &[(&str, &str)] = &[
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
        .map_or_else(|| raw.to_string(), |(_, zh)| zh.to_string())
}

/// Decodes UTF-8 (with or without BOM), refusing binary files.
fn decode(bytes: &[u8]) -> Result<String, Box<Diagnostic>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        let (line, column) = line_col(bytes, pos);
        return Err(Box::new(
            Diagnostic::error(
                codes::ENCODING,
                "文件含有 NUL 字节，看起来是二进制文件，不是 YAML 数据文件",
            )
            .at(Span::at(line, column)),
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let (line, column) = line_col(bytes, e.valid_up_to());
            let gbk = encoding_rs::GB18030
                .decode_without_bom_handling_and_without_replacement(bytes)
                .is_some();
            let mut d = Diagnostic::error(
                codes::ENCODING,
                format!(
                    "文件不是 UTF-8 编码（第 {} 个字节无效）",
                    e.valid_up_to() + 1
                ),
            )
            .at(Span::at(line, column));
            d = if gbk {
                d.help("文件似乎是 GBK/GB18030 编码，请在编辑器中另存为 UTF-8")
            } else {
                d.help("请在编辑器中另存为 UTF-8 编码")
            };
            Err(Box::new(d))
        }
    }
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
    fn binary_and_non_utf8_are_located() {
        let l = load_bytes(Path::new("x.yaml"), b"a: 1\nb: \xff\xfe\n");
        assert_eq!(l.diagnostics[0].code, codes::ENCODING);
        assert_eq!(l.diagnostics[0].span.unwrap().line, 2);
        let l = load_bytes(Path::new("x.yaml"), b"\x00\x01\x02");
        assert_eq!(l.diagnostics[0].code, codes::ENCODING);
    }
}
