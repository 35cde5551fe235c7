//! Why the store refused or failed: one typed error for every store, its
//! message in Chinese (the server maps it to its HTTP reply in one place,
//! `server::reply`).

use std::path::PathBuf;

/// Why an operation of the store did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// The report moved on (someone else changed it first): nothing was
    /// written.
    Stale,
    /// What was asked for is not in the store (named in Chinese).
    NotFound(String),
    /// A row with the same key exists already (named in Chinese).
    Duplicate(String),
    /// The store's schema is newer than this program knows: written by a
    /// later version of nianbao, left untouched.
    TooNew {
        /// The schema version found in the store.
        found: i64,
        /// The newest version this program knows.
        newest: i64,
    },
    /// The file is not a collection server's store, or is damaged.
    Corrupt(String),
    /// The store could not be opened.
    Open {
        /// The database file.
        path: PathBuf,
        /// Why (from the database).
        reason: String,
    },
    /// The database refused a text for a character it cannot keep
    /// (PostgreSQL and a NUL, say): the request's, answered 400; the
    /// database's own message.
    Unstorable(String),
    /// The database failed (its own message).
    Database(String),
    /// The storage under the database refused a write or a read (the disk
    /// full, the file or folder read-only, an I/O error, the file held by
    /// another process): what happened, and the database's own message
    /// (for the operator's log).
    Storage(Storage, String),
}

/// Why the storage under a store failed at run time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Storage {
    /// The disk (or the database's size limit) is full.
    Full,
    /// The file or its folder cannot be written.
    ReadOnly,
    /// Reading or writing the file failed.
    Io,
    /// The file is held by another process for longer than the wait.
    Busy,
    /// The database server cannot be reached (stopped, restarting, the
    /// network down): nothing was done; the server reconnects by itself.
    Unavailable,
}

impl Storage {
    /// What the clerk is told (Chinese; nothing of the server's files).
    pub fn message(self) -> &'static str {
        match self {
            Storage::Full => "服务器的磁盘已满，这次的修改没有保存：请通知服务器管理员腾出磁盘空间",
            Storage::ReadOnly => {
                "服务器的数据文件现在无法写入（只读），这次的修改没有保存：请通知服务器管理员检查服务器文件夹的权限和磁盘"
            }
            Storage::Io => {
                "服务器读写数据文件时出错，这次的修改没有保存：请通知服务器管理员查看服务器日志"
            }
            Storage::Busy => "服务器繁忙，这次的修改没有保存，请稍后再试",
            Storage::Unavailable => {
                "数据库暂时不可用，这次的修改没有保存：输入的内容已保留在页面上，数据库恢复后自动保存"
            }
        }
    }
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Stale => {
                f.write_str("报告已有新的版本（别人或另一个页面先修改了它），这次的修改没有保存")
            }
            StoreError::NotFound(what) => write!(f, "未找到{what}"),
            StoreError::Duplicate(what) => write!(f, "{what}已存在，不能重复添加"),
            StoreError::TooNew { found, newest } => write!(
                f,
                "数据库结构版本为 {found}，本程序只支持到版本 {newest}：它由更新版本的 nianbao 写成，\
                 请使用该版本或更新的版本打开（本程序不会改动它）"
            ),
            StoreError::Corrupt(why) => {
                write!(f, "数据库已损坏或不是 nianbao 服务器的数据库：{why}")
            }
            StoreError::Open { path, reason } => {
                write!(f, "无法打开数据库 {}：{reason}", path.display())
            }
            StoreError::Unstorable(_) => f.write_str(
                "内容中有数据库不能保存的字符（如 NUL，\\u{0}）：请删去这样的字符后再试，没有保存",
            ),
            StoreError::Database(message) => write!(f, "数据库错误：{message}"),
            // The operator's words (a start, a command): what failed.
            StoreError::Storage(Storage::Unavailable, detail) => f.write_str(detail),
            StoreError::Storage(what, _) => f.write_str(what.message()),
        }
    }
}

impl std::error::Error for StoreError {}

impl From<StoreError> for String {
    fn from(e: StoreError) -> String {
        e.to_string()
    }
}
