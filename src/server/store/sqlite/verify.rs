//! Whether a SQLite file offered for a restore is a store this program
//! wrote (issue 75.3): its schema exactly one of ours — the tables,
//! columns, indexes and constraints [`migrations`] make for its recorded
//! version, nothing more (no trigger, view, virtual table or other
//! object) —, its pages sound (`PRAGMA integrity_check`), at least one
//! office account, a version this program knows. The file is read, never
//! changed: nothing of it runs (its schema is compared before any of its
//! tables is read, and the connection runs with SQLite's defensive mode
//! and an untrusted schema).

use std::path::Path;

use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags};

use super::migrations::{LATEST, MIGRATIONS};

/// One object of a schema: its type, name, table and SQL (whitespace
/// runs made one space; none for an index SQLite made itself).
type Object = (String, String, String, Option<String>);

/// What a file that passed holds.
#[derive(Debug, Clone, Copy)]
pub struct Verified {
    /// Its recorded schema version (0: before versions were recorded).
    pub version: i64,
    /// Its accounts.
    pub accounts: i64,
}

/// Checks the SQLite file `path` (a private copy: the connection may
/// leave a `-wal` and a `-shm` beside it) as a store of ours; the reason
/// in Chinese when it is not.
pub fn verify(path: &Path) -> Result<Verified, String> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)
        .map_err(|e| format!("SQLite 无法打开它（{e}）"))?;
    for (config, on) in [
        (DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true),
        (DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false),
        (DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, false),
        (DbConfig::SQLITE_DBCONFIG_ENABLE_VIEW, false),
    ] {
        conn.set_db_config(config, on)
            .map_err(|e| format!("SQLite 无法以安全方式打开它（{e}）"))?;
    }
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| format!("不是 SQLite 数据库，或已损坏（{e}）"))?;
    if version > LATEST {
        return Err(format!(
            "它的数据库结构版本为 {version}，本程序只支持到版本 {LATEST}：它由更新版本的 nianbao 写成，请用该版本恢复"
        ));
    }
    if version < 0 {
        return Err(format!(
            "它记录的数据库结构版本 {version} 不是 nianbao 的版本"
        ));
    }
    same_schema(&conn, version)?;
    sound(&conn)?;
    let accounts = accounts(&conn)?;
    Ok(Verified { version, accounts })
}

/// Whether the file's schema is exactly the one of `version` (version 0:
/// the schema of version 1, which such a file has).
fn same_schema(conn: &Connection, version: i64) -> Result<(), String> {
    let found = objects(conn).map_err(|e| format!("无法读取它的结构（{e}）"))?;
    let expected = expected(version.max(1)).map_err(|e| format!("内部错误：{e}"))?;
    if let Some(extra) = found.iter().find(|o| !expected.contains(o)) {
        let same_name = expected.iter().find(|e| e.1 == extra.1);
        return Err(match same_name {
            Some(ours) if ours.0 != extra.0 => format!(
                "其中的“{}”是{}，本程序的数据库中它是{}（结构与 nianbao 的版本 {version} 不同）",
                shown(&extra.1),
                kind(&extra.0, extra.3.as_deref()),
                kind(&ours.0, ours.3.as_deref())
            ),
            Some(_) => format!(
                "其中{}“{}”的定义与 nianbao 的数据库结构（版本 {version}）不同",
                kind(&extra.0, extra.3.as_deref()),
                shown(&extra.1)
            ),
            None => format!(
                "其中有 nianbao 的数据库（版本 {version}）没有的{}“{}”",
                kind(&extra.0, extra.3.as_deref()),
                shown(&extra.1)
            ),
        });
    }
    if let Some(missing) = expected.iter().find(|o| !found.contains(o)) {
        return Err(format!(
            "其中缺少 nianbao 的数据库（版本 {version}）应有的{}“{}”",
            kind(&missing.0, missing.3.as_deref()),
            missing.1
        ));
    }
    Ok(())
}

/// An object's name as a message shows it: control characters escaped,
/// at most 40 characters.
fn shown(name: &str) -> String {
    let cut: String = name.chars().take(40).collect();
    let more = if cut.len() < name.len() { "…" } else { "" };
    format!("{}{more}", crate::diag::visible(&cut))
}

/// The object type in words.
fn kind(kind: &str, sql: Option<&str>) -> &'static str {
    match kind {
        "table" if sql.is_some_and(|s| s.to_ascii_uppercase().contains("VIRTUAL")) => "虚拟表",
        "table" => "表",
        "index" => "索引",
        "view" => "视图",
        "trigger" => "触发器",
        _ => "对象",
    }
}

/// Every object of the schema, sorted.
fn objects(conn: &Connection) -> rusqlite::Result<Vec<Object>> {
    let mut statement =
        conn.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name")?;
    let rows = statement.query_map([], |r| {
        let sql: Option<String> = r.get(3)?;
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            sql.map(|s| s.split_whitespace().collect::<Vec<_>>().join(" ")),
        ))
    })?;
    rows.collect()
}

/// The objects the migrations up to `version` make in an empty database.
fn expected(version: i64) -> rusqlite::Result<Vec<Object>> {
    let conn = Connection::open_in_memory()?;
    for migration in MIGRATIONS.iter().filter(|m| m.version <= version) {
        conn.execute_batch(migration.sql)?;
    }
    objects(&conn)
}

/// Whether SQLite finds every page and index sound.
fn sound(conn: &Connection) -> Result<(), String> {
    let mut statement = conn
        .prepare("PRAGMA integrity_check(5)")
        .map_err(|e| format!("无法检查它的完整性（{e}）"))?;
    let found: Vec<String> = statement
        .query_map([], |r| r.get(0))
        .and_then(|rows| rows.collect())
        .map_err(|e| format!("已损坏（{e}）"))?;
    if found.len() == 1 && found[0] == "ok" {
        return Ok(());
    }
    Err(format!(
        "完整性检查未通过，文件已损坏（{}）",
        crate::diag::visible(&found.join("；"))
    ))
}

/// How many accounts the file holds; refused without an office account.
fn accounts(conn: &Connection) -> Result<i64, String> {
    let read = |sql: &str| -> Result<i64, String> {
        conn.query_row(sql, [], |r| r.get(0))
            .map_err(|e| format!("无法读取其中的账号（{e}）"))
    };
    let all = read("SELECT count(*) FROM accounts")?;
    if all == 0 {
        return Err("其中没有任何账号（是一个空的数据库）：恢复后谁也无法登录".to_string());
    }
    if read("SELECT count(*) FROM accounts WHERE role = 'office'")? == 0 {
        return Err("其中没有审核账号：恢复后无人能审核和管理".to_string());
    }
    Ok(all)
}

/// Forgets the sessions kept in the verified copy `path` (version 3 and
/// later keep them): a restored store starts with nobody logged in, so
/// that a session ended since the backup was taken does not come back.
pub fn forget_sessions(path: &Path, version: i64) -> Result<(), String> {
    if version < 3 {
        return Ok(());
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| format!("SQLite 无法打开它（{e}）"))?;
    conn.execute("DELETE FROM sessions", [])
        .map(|_| ())
        .map_err(|e| format!("无法清除其中的登录会话（{e}）"))
}
