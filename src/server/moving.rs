//! `server move-to-postgres DIR --db URL`: a county's SQLite store copied
//! whole into an empty PostgreSQL database (accounts, reports, every
//! revision, remarks, the audit log, rounds, former names, login counts;
//! not the sessions), in one transaction, checked table by table by the
//! rows and the SHA-256 of their values read back; then the folder names
//! the database, so that `server DIR` serves it. Run again on the same
//! database it finds the same rows and changes nothing; a database
//! holding anything else is refused. The SQLite file stays as it was.

use std::path::Path;

use super::backup;
use super::store::copy::{self, PAGE, TableDigest};
use super::store::postgres::{PgStore, is_postgres_url};
use super::store::sqlite::SqliteStore;
use super::store::{self, DB_URL_FILE};

/// What a move did: the tables' digests, and whether the database held
/// the same rows already.
#[derive(Debug, Clone)]
pub struct Moved {
    /// Every table's rows and hash (the same on both sides).
    pub tables: Vec<TableDigest>,
    /// Whether nothing was copied because the database held the same
    /// rows already.
    pub already: bool,
}

/// The digests of every table of the SQLite store.
fn sqlite_digests(from: &SqliteStore) -> Result<Vec<TableDigest>, String> {
    copy::digests(|table, offset| from.read_page(table, offset, PAGE)).map_err(String::from)
}

/// The first table whose digests differ, named for the operator.
fn differs(a: &[TableDigest], b: &[TableDigest]) -> Option<String> {
    a.iter().zip(b).find(|(x, y)| x != y).map(|(x, y)| {
        format!(
            "表 {}：SQLite 中 {} 行，PostgreSQL 中 {} 行，内容散列{}",
            x.table,
            x.rows,
            y.rows,
            if x.sha256 == y.sha256 {
                "相同"
            } else {
                "不同"
            }
        )
    })
}

/// Moves the SQLite store of the server folder `dir` into the PostgreSQL
/// database `url` (no server may run on the folder meanwhile).
pub fn move_to_postgres(dir: &Path, url: &str) -> Result<Moved, String> {
    if !is_postgres_url(url) {
        return Err(format!(
            "--db 应为 PostgreSQL 连接串，如 postgresql://nianbao@数据库主机/nianbao 或 host=数据库主机 user=nianbao dbname=nianbao（得到的是“{}”）",
            store::postgres::shown(url)
        ));
    }
    if let Some(recorded) = store::database_url(dir)?
        && recorded != url.trim()
    {
        return Err(format!(
            "{} 已使用另一个 PostgreSQL 数据库（{}）",
            dir.display(),
            store::postgres::shown(&recorded)
        ));
    }
    let db = store::db_path(dir);
    if !db.is_file() {
        return Err(format!(
            "{} 中没有 SQLite 数据库（{}）",
            dir.display(),
            store::DB_FILE
        ));
    }
    let _held = backup::lock(dir)?;
    let from = SqliteStore::open(&db, false)?;
    let to = PgStore::open(url)?;
    let source = sqlite_digests(&from)?;
    let already = if to.is_empty()? {
        let written = to.import(&mut |table, offset| from.read_page(table, offset, PAGE))?;
        if let Some(why) = differs(&source, &written) {
            return Err(format!(
                "复制时 SQLite 数据库有变化（{why}）：请停止服务器后重试"
            ));
        }
        false
    } else {
        true
    };
    let stored = to.digests()?;
    if let Some(why) = differs(&source, &stored) {
        return Err(if already {
            format!(
                "该 PostgreSQL 数据库不是空库，且内容与本县的数据不同（{why}）：不会覆盖，请换一个空库"
            )
        } else {
            format!("复制后核对不一致（{why}）")
        });
    }
    let recorded = dir.join(DB_URL_FILE);
    if !recorded.exists() {
        crate::files::write_new(&recorded, format!("{}\n", url.trim()).as_bytes(), false).map_err(
            |e| {
                format!(
                    "无法写入 {}：{}",
                    recorded.display(),
                    crate::files::io_message(&e)
                )
            },
        )?;
    }
    Ok(Moved {
        tables: stored,
        already,
    })
}
