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

/// Reads and loads the data file at `path`: a YAML data file, or an
/// Excel/WPS workbook (`.xlsx`, or any file that is one), read by its labels
/// into the same report with diagnostics placed at its cells
/// ([`crate::xlsx::load`]). Every command loads data files through here.
pub fn load_path(path: &Path) -> Result<Loaded, ReadError> {
    let bytes = read_bytes(path)?;
    load_read(path, &bytes)
}

/// Loads the bytes read from `path`: a workbook through [`crate::xlsx::load`],
/// anything else as a YAML data file.
fn load_read(path: &Path, bytes: &[u8]) -> Result<Loaded, ReadError> {
    if crate::xlsx::is_xlsx_path(path) || crate::xlsx::is_workbook(bytes) {
        return crate::xlsx::load(path, bytes);
    }
    Ok(load_bytes(path, bytes))
}

/// Reads a data file's bytes, at most [`MAX_FILE_SIZE`], with a Chinese
/// error message.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, ReadError> {
    read_limited(path, MAX_FILE_SIZE, "数据文件")
}

/// Reads a regular file of at most `limit` bytes. Devices, pipes and
/// directories are refused, and the limit holds whatever size the file
/// system reports. `what` names the kind of file in messages (`数据文件`).
pub fn read_limited(path: &Path, limit: u64, what: &str) -> Result<Vec<u8>, ReadError> {
    read_bounded(path, limit, what, Open::Follow)
}

/// Like [`read_limited`], refusing a symbolic link at `path` itself (a
/// template pack, say, whose `style.css` must not bring in a file from
/// elsewhere).
pub fn read_limited_no_link(path: &Path, limit: u64, what: &str) -> Result<Vec<u8>, ReadError> {
    read_bounded(path, limit, what, Open::NoLink)
}

/// Like [`read_limited_no_link`], for a file a folder walk found: when the
/// walk saw its identity (`seen`), the file opened must be that one, so a
/// file swapped for a link, a pipe or another file after the walk is
/// refused, not read.
pub fn read_walked(
    path: &Path,
    seen: Option<FileId>,
    limit: u64,
    what: &str,
) -> Result<Vec<u8>, ReadError> {
    match seen {
        Some(id) => read_bounded(path, limit, what, Open::Seen(id)),
        None => read_limited(path, limit, what),
    }
}

/// Reads and loads a data file a folder walk found (see [`read_walked`]).
pub fn load_walked(path: &Path, seen: Option<FileId>) -> Result<Loaded, ReadError> {
    let bytes = read_walked(path, seen, MAX_FILE_SIZE, "数据文件")?;
    load_read(path, &bytes)
}

/// Which file a folder walk saw: device and inode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileId {
    dev: u64,
    ino: u64,
}

impl FileId {
    /// The identity in `meta`; `None` where the system gives none.
    pub fn of(meta: &std::fs::Metadata) -> Option<FileId> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Some(FileId {
                dev: meta.dev(),
                ino: meta.ino(),
            })
        }
        #[cfg(not(unix))]
        {
            let _ = meta;
            None
        }
    }
}

/// How a file is opened: following a link at its name, refusing one, or
/// refusing anything but the file a walk saw.
#[derive(Debug, Clone, Copy)]
enum Open {
    Follow,
    NoLink,
    Seen(FileId),
}

fn read_bounded(path: &Path, limit: u64, what: &str, how: Open) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let err = |message: String| ReadError {
        path: path.display().to_string(),
        message,
    };
    let too_big = || {
        err(format!(
            "文件过大，{what}不应超过 {} MB",
            limit / 1024 / 1024
        ))
    };
    let follow = matches!(how, Open::Follow);
    if !follow && std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(err(format!(
            "这是符号链接，不会读取（{what}只能是目录中的普通文件）"
        )));
    }
    let meta = std::fs::metadata(path).map_err(|e| err(missing_message(path, &e)))?;
    if meta.is_dir() {
        return Err(err(format!("这是一个目录，不是{what}")));
    }
    if !meta.is_file() {
        return Err(err(not_regular(what)));
    }
    if meta.len() > limit {
        return Err(too_big());
    }
    let file = open_regular(path, follow).map_err(|e| err(opened_message(&e, what)))?;
    // What was opened may not be what was looked at (a file swapped for a
    // pipe or device in between): check the handle itself.
    let opened = file.metadata().map_err(|e| err(io_message(&e)))?;
    check_opened(&opened, how, what).map_err(err)?;
    // The reported size may change or lie: read through the limit.
    let mut bytes = Vec::with_capacity(meta.len().min(limit) as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| err(io_message(&e)))?;
    if bytes.len() as u64 > limit {
        return Err(too_big());
    }
    Ok(bytes)
}

/// Why `path` cannot be looked at; for a missing `2025.yaml` beside a
/// `2025.yaml.txt` (Notepad adds `.txt`, and Explorer hides extensions),
/// also what to rename.
fn missing_message(path: &Path, e: &std::io::Error) -> String {
    let said = io_message(e);
    if e.kind() != std::io::ErrorKind::NotFound {
        return said;
    }
    let mut txt = path.as_os_str().to_owned();
    txt.push(".txt");
    let txt = Path::new(&txt);
    match (txt.is_file(), txt.file_name(), path.file_name()) {
        (true, Some(found), Some(wanted)) => format!(
            "{said}；同一文件夹中有“{}”：记事本保存时多加了 .txt（资源管理器隐藏了扩展名）。\
             请把它改名为“{}”（资源管理器“查看”中勾选“文件扩展名”后改名），或在命令中写出完整的文件名",
            found.to_string_lossy(),
            wanted.to_string_lossy()
        ),
        _ => said,
    }
}

/// Refuses an opened handle that is not a regular file, or not the file a
/// walk saw.
fn check_opened(opened: &std::fs::Metadata, how: Open, what: &str) -> Result<(), String> {
    if !opened.is_file() {
        return Err(not_regular(what));
    }
    match how {
        Open::Seen(id) if FileId::of(opened) != Some(id) => Err(format!(
            "列出目录之后，此处的文件被换成了另一个，未读取（{what}须是列出目录时的那个文件）"
        )),
        _ => Ok(()),
    }
}

fn not_regular(what: &str) -> String {
    format!("这不是普通文件（是设备、管道或套接字），请给出{what}的路径")
}

/// The message for a failed open; a link met with `O_NOFOLLOW` (ELOOP)
/// is named as one.
fn opened_message(e: &std::io::Error, what: &str) -> String {
    if e.raw_os_error() == Some(40) {
        return format!("这是符号链接，不会读取（{what}只能是目录中的普通文件）");
    }
    io_message(e)
}

/// Opens `path` for reading without blocking on a FIFO swapped in for the
/// file (the caller checks the handle is a regular file).
fn open_regular(path: &Path, follow: bool) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let no_link = if follow { 0 } else { libc::O_NOFOLLOW };
        options.custom_flags(libc::O_NONBLOCK | no_link);
    }
    #[cfg(not(unix))]
    let _ = follow;
    options.open(path)
}

/// A Chinese description of an I/O error, for reads and writes alike.
pub fn io_message(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "文件不存在".into(),
        // Windows also refuses replacing a file Word or WPS holds open so.
        PermissionDenied if cfg!(windows) => {
            "没有权限，或文件正被其他程序占用：如果它在 Word/WPS 中打开着，请先在 Word/WPS 中关闭该文件".into()
        }
        PermissionDenied => "没有权限".into(),
        AlreadyExists => "文件已存在".into(),
        IsADirectory => "这是一个目录".into(),
        _ => io_message_by_code(e),
    }
}

/// Chinese wording for the errors `ErrorKind` does not name, by OS code;
/// otherwise the system's own text.
fn io_message_by_code(e: &std::io::Error) -> String {
    let known = match e.raw_os_error().and_then(os_message) {
        Some(known) => known,
        None => match e.kind() {
            std::io::ErrorKind::InvalidData => "文件内容无法读取",
            std::io::ErrorKind::Interrupted => "操作被中断",
            std::io::ErrorKind::UnexpectedEof => "文件意外结束",
            std::io::ErrorKind::InvalidInput => "路径无效",
            _ => return format!("系统错误：{e}"),
        },
    };
    known.to_string()
}

/// What a file held open by Word or WPS gets on Windows (sharing or lock
/// violation), for reads and writes alike.
pub const HELD_OPEN: &str = "文件正被其他程序占用，请先在 Word/WPS 中关闭该文件";

/// Chinese wording of an errno value (Linux numbering).
#[cfg(not(windows))]
fn os_message(code: i32) -> Option<&'static str> {
    Some(match code {
        28 => "磁盘空间不足",
        20 => "路径中的某一级不是目录",
        21 => "这是一个目录",
        30 => "文件系统是只读的",
        36 => "文件名过长",
        40 => "路径中的符号链接过多（可能是循环链接）",
        122 => "超出磁盘配额",
        27 => "文件过大",
        5 => "输入输出错误（磁盘或设备故障）",
        18 => "不能跨文件系统移动文件",
        24 => "打开的文件过多",
        _ => return None,
    })
}

/// Chinese wording of a Win32 error code. A file open in Word or WPS is
/// refused with a sharing (32) or lock (33) violation.
#[cfg(windows)]
fn os_message(code: i32) -> Option<&'static str> {
    Some(match code {
        32 | 33 => HELD_OPEN,
        39 | 112 => "磁盘空间不足",
        19 => "磁盘或U盘有写保护",
        206 => "文件名或路径过长",
        123 => "文件名中有 Windows 不允许的字符（如 \\ / : * ? \" < > |）",
        21 => "设备未就绪（U盘或光盘是否已插好？）",
        _ => return None,
    })
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

/// Loads a data file from its text.
pub fn load_str(file: SourceFile) -> Loaded {
    let mut diagnostics = Vec::new();
    let report = match tree::parse(&file) {
        Ok(root) => {
            let report = fields::read_report(&root, &mut diagnostics);
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
    fn binary_and_non_utf8_are_located() {
        let l = load_bytes(Path::new("x.yaml"), b"a: 1\nb: \xff\xfe\n");
        assert_eq!(l.diagnostics[0].code, codes::ENCODING);
        assert_eq!(l.diagnostics[0].span.unwrap().line, 2);
        let l = load_bytes(Path::new("x.yaml"), b"\x00\x01\x02");
        assert_eq!(l.diagnostics[0].code, codes::ENCODING);
    }

    /// A FIFO swapped in for a checked file is opened without blocking
    /// and refused by the handle check (issue 26.6).
    #[cfg(unix)]
    #[test]
    fn a_fifo_never_blocks_the_open() {
        let dir = crate::testutil::TempDir::new("fifo");
        let fifo = dir.0.join("2025.yaml");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // No mkfifo here: nothing to test.
        }
        let start = std::time::Instant::now();
        let file = open_regular(&fifo, true).expect("opens without a writer");
        assert!(!file.metadata().unwrap().is_file());
        assert!(start.elapsed() < std::time::Duration::from_secs(2));
    }

    /// A walked file swapped after the walk — for a link to an outside
    /// file, for another file, for a FIFO — is refused, never read; the
    /// file the walk saw is read (issue 26.6).
    #[cfg(unix)]
    #[test]
    fn a_file_swapped_after_the_walk_is_refused() {
        let tmp = crate::testutil::TempDir::new("swap");
        let dir = tmp.0.join("reports");
        std::fs::create_dir_all(&dir).unwrap();
        let secret = tmp.0.join("secret.yaml");
        std::fs::write(&secret, "SECRET-5d1c").unwrap();
        let file = dir.join("a.yaml");
        std::fs::write(&file, "机关: 甲\n").unwrap();
        let found = crate::batch::walk::expand(std::slice::from_ref(&dir)).unwrap();
        let (path, seen) = found.walked().next().unwrap();
        assert!(seen.is_some());
        assert_eq!(
            read_walked(path, seen, 1024, "数据文件").unwrap(),
            "机关: 甲\n".as_bytes()
        );

        // Another file renamed over it: a different inode.
        let other = dir.join("other.tmp");
        std::fs::write(&other, "机关: 乙\n").unwrap();
        std::fs::rename(&other, &file).unwrap();
        let e = read_walked(path, seen, 1024, "数据文件").unwrap_err();
        assert!(e.message.contains("被换成了另一个"), "{}", e.message);

        // A link to an outside file.
        std::fs::remove_file(&file).unwrap();
        std::os::unix::fs::symlink(&secret, &file).unwrap();
        let e = read_walked(path, seen, 1024, "数据文件").unwrap_err();
        assert!(e.message.contains("符号链接"), "{}", e.message);
        assert!(!e.message.contains("SECRET"));

        // A FIFO: refused at once, without a writer.
        std::fs::remove_file(&file).unwrap();
        if std::process::Command::new("mkfifo")
            .arg(&file)
            .status()
            .is_ok_and(|s| s.success())
        {
            let start = std::time::Instant::now();
            let e = read_walked(path, seen, 1024, "数据文件").unwrap_err();
            assert!(e.message.contains("不是普通文件"), "{}", e.message);
            assert!(start.elapsed() < std::time::Duration::from_secs(2));
        }
    }

    /// The handle check itself: a regular file that is not the one the
    /// walk saw, a link met by `O_NOFOLLOW` (ELOOP).
    #[cfg(unix)]
    #[test]
    fn the_opened_handle_must_be_the_file_seen() {
        let tmp = crate::testutil::TempDir::new("seen");
        let (a, b) = (tmp.0.join("a.yaml"), tmp.0.join("b.yaml"));
        std::fs::write(&a, "a").unwrap();
        std::fs::write(&b, "b").unwrap();
        let seen_b = FileId::of(&std::fs::metadata(&b).unwrap()).unwrap();
        let meta_a = std::fs::metadata(&a).unwrap();
        assert!(check_opened(&meta_a, Open::Seen(seen_b), "数据文件").is_err());
        assert!(check_opened(&meta_a, Open::NoLink, "数据文件").is_ok());
        let seen_a = FileId::of(&meta_a).unwrap();
        assert!(check_opened(&meta_a, Open::Seen(seen_a), "数据文件").is_ok());
        let loop_err = std::io::Error::from_raw_os_error(40);
        assert!(opened_message(&loop_err, "数据文件").contains("符号链接"));
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
