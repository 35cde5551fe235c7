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
    /// The database failed (its own message).
    Database(String),
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
            StoreError::Database(message) => write!(f, "数据库错误：{message}"),
        }
    }
}

impl std::error::Error for StoreError {}

impl From<StoreError> for String {
    fn from(e: StoreError) -> String {
        e.to_string()
    }
}
