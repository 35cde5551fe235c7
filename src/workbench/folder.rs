//! The folder the workbench serves: which names in it may be read and
//! written, and the list of reports in it.
//!
//! A request names a data file by its bare file name. Only names of
//! `.yaml`/`.yml` files directly in the folder are taken: no separators, no
//! `..`, no hidden files, and never a symbolic link (a link planted in the
//! folder could point anywhere). Reads go through
//! `crate::files::read_limited_no_link`, which opens with `O_NOFOLLOW` on Unix.
//!
//! Excel/WPS workbooks (`.xlsx`, issue 29) are listed and checked too, but
//! the workbench does not edit them: a workbook is filled in Excel or WPS,
//! or made into a data file once ([`workbook_file`], `api` `/api/convert`).

use std::path::{Path, PathBuf};

use crate::check::{self, Checked};
use crate::diag::Severity;
use crate::editing::MAX_DATA_FILE;
use crate::load;

/// Most data files listed on the index page.
pub const MAX_LISTED: usize = 500;

/// Largest workbook the workbench reads (a workbook is a zip of XML).
pub const MAX_WORKBOOK: u64 = 16 * 1024 * 1024;

/// Extensions of the data files the workbench edits.
pub const DATA: &[&str] = &["yaml", "yml"];

/// Extension of the workbooks it lists.
pub const WORKBOOK: &[&str] = &["xlsx"];

/// The file a running workbench holds locked in its folder (hidden: never
/// listed nor served).
pub const LOCK_FILE: &str = ".nianbao-workbench.lock";

/// Locks the folder `root` for this workbench, held until the file is
/// dropped (the process's life, or its end however it ends): a second
/// workbench on the same folder is refused, so that two processes never
/// save a data file each from its own reading of it. The lock file is
/// opened without following a link (a link planted at its name is
/// refused, nothing is created where it points) and must be a regular
/// file.
pub fn lock(root: &Path) -> Result<std::fs::File, String> {
    let path = root.join(LOCK_FILE);
    let mut options = std::fs::File::options();
    options.create(true).truncate(false).write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
        options.mode(0o600);
    }
    #[cfg(windows)]
    {
        use std::os::windows::fs::OpenOptionsExt;
        // FILE_FLAG_OPEN_REPARSE_POINT: a link is opened as itself.
        options.custom_flags(0x0020_0000);
    }
    let shown = path.display();
    let not_ours =
        || format!("{shown} 不是普通文件（可能是链接），工作台不使用它：请删除它后再启动工作台");
    let file = options.open(&path).map_err(|e| {
        if e.raw_os_error() == Some(40) {
            not_ours()
        } else {
            format!(
                "无法在文件夹中写入工作台的锁文件 {shown}：{}",
                crate::files::io_message(&e)
            )
        }
    })?;
    if !file.metadata().is_ok_and(|m| m.is_file()) {
        return Err(not_ours());
    }
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(format!(
            "文件夹 {} 已由另一个工作台打开：同一文件夹只能运行一个工作台（两个工作台同时保存会互相覆盖）。\
             请使用已打开的工作台页面，或先关闭那个工作台的窗口（按 Ctrl-C）再启动",
            root.display()
        )),
        Err(std::fs::TryLockError::Error(e)) => Err(format!(
            "无法锁定文件夹 {}：{}",
            root.display(),
            crate::files::io_message(&e)
        )),
    }
}

/// Why a file name was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameError(pub String);

impl std::fmt::Display for NameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Whether `name` is a plain file name with one of `extensions` (lower
/// case, without the dot): no folder part, no `..`, not hidden.
pub fn plain_name(name: &str, extensions: &[&str]) -> Result<(), NameError> {
    let bad = name.is_empty()
        || name.len() > 255
        || name.starts_with('.')
        || name.contains(['/', '\\', ':', '\0'])
        || name.chars().any(|c| c.is_control());
    if bad {
        return Err(NameError(format!(
            "文件名“{}”无效：只能打开本文件夹中的文件",
            crate::diag::excerpt(name)
        )));
    }
    let ext = Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if !extensions.contains(&ext.as_str()) {
        return Err(NameError(format!(
            "文件名“{}”无效：应为 {} 文件",
            crate::diag::excerpt(name),
            extensions.join("、")
        )));
    }
    Ok(())
}

/// The path of the data file `name` in `root`: refused unless a plain
/// `.yaml`/`.yml` name of a regular file (not a link) or of no file yet
/// (`must_exist` false).
pub fn data_file(root: &Path, name: &str, must_exist: bool) -> Result<PathBuf, NameError> {
    plain_name(name, DATA)?;
    regular(root, name, must_exist)
}

/// The path of the workbook `name` in `root`: a plain `.xlsx` name of a
/// regular file (not a link).
pub fn workbook_file(root: &Path, name: &str) -> Result<PathBuf, NameError> {
    plain_name(name, WORKBOOK)?;
    regular(root, name, true)
}

/// Extensions of a published report the workbench imports (从上年生成).
pub const PUBLISHED: &[&str] = &["docx", "pdf", "html", "htm", "txt"];

/// The published reports lying directly in `root` (last year's Word, PDF
/// or web page saved beside the data files), by name: offered for
/// 从上年生成 without the clerk looking for them again.
pub fn published(root: &Path) -> Vec<String> {
    // `~$…` is the lock file Word keeps beside an open document.
    names_in(root, |n| {
        plain_name(n, PUBLISHED).is_ok() && !n.starts_with('~')
    })
}

/// The names of the regular files directly in `root` that `wanted` takes,
/// at most [`MAX_LISTED`], sorted.
fn names_in(root: &Path, wanted: impl Fn(&str) -> bool) -> Vec<String> {
    let mut names: Vec<String> = match std::fs::read_dir(root) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| wanted(n))
            .take(MAX_LISTED)
            .collect(),
        Err(_) => Vec::new(),
    };
    names.sort();
    names
}

/// `root/name` for a published report of the folder to import.
pub fn published_file(root: &Path, name: &str) -> Result<PathBuf, NameError> {
    plain_name(name, PUBLISHED)?;
    regular(root, name, true)
}

/// Reads a published report of the folder, without following links.
pub fn read_published(path: &Path) -> Result<Vec<u8>, crate::files::ReadError> {
    crate::files::read_limited_no_link(path, crate::editing::MAX_UPLOAD as u64, "上年报告")
}

/// Whether `name` (a checked plain name) is a workbook's.
pub fn is_workbook(name: &str) -> bool {
    crate::xlsx::is_xlsx_path(Path::new(name))
}

/// `root/name`, when a regular file is there (or nothing, unless
/// `must_exist`).
fn regular(root: &Path, name: &str, must_exist: bool) -> Result<PathBuf, NameError> {
    let path = root.join(name);
    match std::fs::symlink_metadata(&path) {
        Ok(meta) if meta.file_type().is_file() && hard_linked(&meta) => Err(NameError(format!(
            "{name} 还有别的名字（硬链接，可能指向本文件夹以外的文件），工作台不打开也不改写它；请复制一份普通文件再用"
        ))),
        Ok(meta) if meta.file_type().is_file() => Ok(path),
        Ok(_) => Err(NameError(format!(
            "{name} 不是普通文件（是链接、文件夹或设备），工作台不打开它"
        ))),
        Err(_) if !must_exist => Ok(path),
        Err(_) => Err(NameError(format!("本文件夹中没有 {name}"))),
    }
}

/// Whether the file has more than one name (a hard link planted in the
/// folder can name a file outside it). Unix only: elsewhere the count is
/// not available to stable Rust.
fn hard_linked(meta: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        std::os::unix::fs::MetadataExt::nlink(meta) > 1
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        false
    }
}

/// Reads a workbook of the folder, without following links.
pub fn read_workbook(path: &Path) -> Result<Vec<u8>, crate::files::ReadError> {
    crate::files::read_limited_no_link(path, MAX_WORKBOOK, "工作簿")
}

/// Reads a data file of the folder as text, without following links.
pub fn read(path: &Path) -> Result<String, crate::files::ReadError> {
    let bytes = crate::files::read_limited_no_link(path, MAX_DATA_FILE, "数据文件")?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// One line of the index page.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Listed {
    /// The file name.
    pub file: String,
    /// 机关, when the file has one.
    pub agency: String,
    /// 年度 (0 when unknown).
    pub year: i32,
    /// Errors `check` finds.
    pub errors: usize,
    /// Warnings `check` finds.
    pub warnings: usize,
    /// Table cells still empty.
    pub empty: usize,
    /// Why the file is not a report, when it is not.
    pub problem: Option<String>,
    /// Whether it is an Excel/WPS workbook (listed, not edited here).
    pub workbook: bool,
}

/// The data files directly in `root`, by name, each checked.
pub fn list(root: &Path) -> Vec<Listed> {
    names_in(root, |n| {
        plain_name(n, DATA).is_ok() || plain_name(n, WORKBOOK).is_ok()
    })
    .iter()
    .map(|n| listed(root, n))
    .collect()
}

fn listed(root: &Path, name: &str) -> Listed {
    let mut out = Listed {
        file: name.to_string(),
        agency: String::new(),
        year: 0,
        errors: 0,
        warnings: 0,
        empty: 0,
        problem: None,
        workbook: is_workbook(name),
    };
    let path = root.join(name);
    if let Err(e) = regular(root, name, true) {
        out.problem = Some(e.0);
        return out;
    }
    let loaded = if out.workbook {
        read_workbook(&path).and_then(|bytes| crate::load::load_workbook(&path, &bytes))
    } else {
        crate::files::read_limited_no_link(&path, MAX_DATA_FILE, "数据文件")
            .map(|bytes| load::load_bytes(&path, &bytes))
    };
    let checked = match loaded {
        Ok(loaded) => check::check_loaded(loaded, None),
        Err(e) => {
            out.problem = Some(e.message);
            return out;
        }
    };
    out.errors = checked.errors();
    out.warnings = checked.warnings();
    match &checked.report {
        Some(report) => {
            out.agency = report.agency.value.clone();
            out.year = report.year.value;
            out.empty = report.fill().empty();
        }
        None => out.problem = Some(first_error(&checked)),
    }
    out
}

fn first_error(checked: &Checked) -> String {
    checked
        .diagnostics
        .iter()
        .find(|d| d.severity == Severity::Error)
        .map_or_else(|| "不是年报数据文件".to_string(), |d| d.message.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One workbench per folder: a second lock on it is refused naming the
    /// folder (the lock is per open file, so this holds within one process
    /// too), and taken again once the first is dropped.
    #[test]
    fn a_folder_is_locked_for_one_workbench() {
        let tmp = crate::testutil::TempDir::new("wb-lock");
        let first = lock(&tmp.0).unwrap();
        let refused = lock(&tmp.0).unwrap_err();
        assert!(refused.contains("已由另一个工作台打开"), "{refused}");
        assert!(refused.contains(&tmp.0.display().to_string()), "{refused}");
        drop(first);
        assert!(lock(&tmp.0).is_ok());
    }

    /// A link planted at the lock file's name is not followed: nothing is
    /// created where it points, and the workbench does not start.
    #[cfg(unix)]
    #[test]
    fn a_link_at_the_lock_files_name_is_refused() {
        let tmp = crate::testutil::TempDir::new("wb-lock-link");
        let target = tmp.0.join("elsewhere");
        std::os::unix::fs::symlink(&target, tmp.0.join(LOCK_FILE)).unwrap();
        let refused = lock(&tmp.0).unwrap_err();
        assert!(refused.contains("不是普通文件"), "{refused}");
        assert!(!target.exists());
    }

    #[test]
    fn only_plain_names_of_data_files() {
        for ok in ["2025.yaml", "某局-2024.yml", "a b.YAML"] {
            assert!(plain_name(ok, DATA).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "../x.yaml",
            "a/b.yaml",
            "a\\b.yaml",
            ".hidden.yaml",
            "..",
            "x.txt",
            "c:x.yaml",
            "x.yaml\0",
        ] {
            assert!(plain_name(bad, DATA).is_err(), "{bad}");
        }
        assert!(plain_name("2024.xlsx", WORKBOOK).is_ok());
        assert!(plain_name("2024.xlsx", DATA).is_err());
    }

    /// A hard link planted in the folder (another name of a file that may
    /// be outside it) is neither opened, listed with its contents, nor
    /// written (issue 45.5).
    #[cfg(unix)]
    #[test]
    fn hard_links_are_refused() {
        let tmp = crate::testutil::TempDir::new("hardlink");
        let outside = tmp.0.join("secret.yaml");
        std::fs::write(&outside, "机关: 外面的机关\n").unwrap();
        let root = tmp.0.join("folder");
        std::fs::create_dir(&root).unwrap();
        std::fs::hard_link(&outside, root.join("2025.yaml")).unwrap();
        let e = data_file(&root, "2025.yaml", true).unwrap_err();
        assert!(e.0.contains("硬链接"), "{}", e.0);
        let listed = list(&root);
        assert_eq!(listed[0].agency, "");
        assert!(listed[0].problem.as_deref().unwrap().contains("硬链接"));
    }
}
