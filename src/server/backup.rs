//! Backups of the server's store, and restoring one: a backup is one file
//! (`备份/nianbao-server-<time>.db`), consistent as of one moment, with
//! every committed revision (the `-wal` file's included), readable by its
//! owner only. Restoring sets the current files aside and puts the backup
//! in their place, while no server runs on the folder ([`lock`]).

use std::fs::File;
use std::path::{Path, PathBuf};

use super::store::{self, Store};

/// The folder backups are written to, in the server's folder.
pub const BACKUP_DIR: &str = "备份";

/// The file a running server holds locked in its folder.
pub const LOCK_FILE: &str = "nianbao-server.lock";

/// The files that make the store: the database and, while or after it
/// is used, its write-ahead log and its shared-memory index.
pub const STORE_SUFFIXES: [&str; 3] = ["", "-wal", "-shm"];

fn io(what: &Path, e: &std::io::Error) -> String {
    format!("{}：{}", what.display(), crate::files::io_message(e))
}

/// Locks the server's folder `dir` for this process (a server, or a
/// restore): refused while another one holds it. Held until the file is
/// dropped.
pub fn lock(dir: &Path) -> Result<File, String> {
    let path = dir.join(LOCK_FILE);
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| format!("无法写入服务器文件夹：{}", io(&path, &e)))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(format!(
            "{} 正由另一个 nianbao server 使用：同一文件夹只能运行一个服务器；恢复备份前请先停止服务器（Ctrl-C）",
            dir.display()
        )),
        Err(std::fs::TryLockError::Error(e)) => {
            Err(format!("无法锁定服务器文件夹：{}", io(&path, &e)))
        }
    }
}

/// Creates `path` empty, readable and writable by its owner only (0600
/// on Unix); refused when it exists.
fn create_private(path: &Path) -> Result<File, std::io::Error> {
    let mut options = File::options();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// A new, empty, private file in `folder` named after this second
/// (`nianbao-server-<time>.db`, `-2`, `-3`, … after it when taken).
fn new_file(folder: &Path) -> Result<(String, PathBuf), String> {
    let now = store::now();
    for n in 1..=100 {
        let name = if n == 1 {
            format!("nianbao-server-{now}.db")
        } else {
            format!("nianbao-server-{now}-{n}.db")
        };
        let to = folder.join(&name);
        match create_private(&to) {
            Ok(_) => return Ok((name, to)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(io(&to, &e)),
        }
    }
    Err("刚刚已备份过，请稍后再试".to_string())
}

/// Writes a backup of `store` (the store of the server folder `dir`) to
/// `dir/备份/`; returns its name there.
pub fn take(store: &dyn Store, dir: &Path) -> Result<String, String> {
    let folder = dir.join(BACKUP_DIR);
    std::fs::create_dir_all(&folder).map_err(|e| io(&folder, &e))?;
    let (name, to) = new_file(&folder)?;
    let written = store
        .backup(&to)
        .map_err(|e| format!("备份失败：{e}"))
        .and_then(|()| {
            File::open(&to)
                .and_then(|f| f.sync_all())
                .map_err(|e| io(&to, &e))
        });
    if let Err(e) = written {
        let _ = std::fs::remove_file(&to);
        return Err(e);
    }
    Ok(name)
}

/// What [`restore`] did.
#[derive(Debug, Clone)]
pub struct Restored {
    /// Where the files replaced were moved.
    pub set_aside: PathBuf,
    /// How many reports the restored store holds.
    pub reports: usize,
}

/// Restores the backup `from` as the store of the server folder `dir`
/// (no server running on it): the backup is checked by opening it as a
/// store (a copy, the backup untouched), the current `.db`, `-wal` and
/// `-shm` are moved to `dir/备份/恢复前-<time>/`, and the copy takes their
/// place.
pub fn restore(dir: &Path, from: &Path) -> Result<Restored, String> {
    if store::database_url(dir)?.is_some() {
        return Err(format!(
            "{} 的数据保存在 PostgreSQL 数据库中：请由数据库管理员用 pg_restore 恢复（见 docs/server.md）",
            dir.display()
        ));
    }
    let _held = lock(dir)?;
    let not_a_backup = |why: &str| format!("{} 不是可用的服务器备份：{why}", from.display());
    // One handle for the checks and the copy: a regular file (never a
    // FIFO or a device, which could block or never end), a SQLite header.
    let mut source = File::open(from).map_err(|e| format!("无法读取备份：{}", io(from, &e)))?;
    let regular = source.metadata().is_ok_and(|m| m.is_file());
    if !regular {
        return Err(not_a_backup("不是普通文件"));
    }
    let mut header = [0u8; 16];
    std::io::Read::read_exact(&mut source, &mut header)
        .map_err(|_| not_a_backup("不是 SQLite 数据库文件"))?;
    if &header != b"SQLite format 3\0" {
        return Err(not_a_backup("不是 SQLite 数据库文件"));
    }
    let db = store::db_path(dir);
    let staged = dir.join(format!("{}.restoring", store::DB_FILE));
    remove_store_files(&staged);
    let copied = create_private(&staged)
        .and_then(|mut file| {
            std::io::Seek::rewind(&mut source)?;
            std::io::copy(&mut source, &mut file)?;
            file.sync_all()
        })
        .map_err(|e| format!("无法复制备份：{}", io(from, &e)));
    let checked = copied.and_then(|()| {
        let opened = store::open(&staged, false)
            .map_err(|e| format!("{} 不是可用的服务器备份：{e}", from.display()))?;
        let reports = opened.reports(None).map_err(|e| e.to_string())?.len();
        Ok(reports)
    });
    let reports = match checked {
        Ok(n) => n,
        Err(e) => {
            remove_store_files(&staged);
            return Err(e);
        }
    };
    let set_aside = dir
        .join(BACKUP_DIR)
        .join(format!("恢复前-{}", store::now()));
    std::fs::create_dir_all(&set_aside).map_err(|e| io(&set_aside, &e))?;
    for suffix in STORE_SUFFIXES {
        let file = PathBuf::from(format!("{}{suffix}", db.display()));
        if file.exists() {
            let to = set_aside.join(format!("{}{suffix}", store::DB_FILE));
            std::fs::rename(&file, &to).map_err(|e| io(&file, &e))?;
        }
    }
    std::fs::rename(&staged, &db).map_err(|e| io(&staged, &e))?;
    if let Ok(folder) = File::open(dir) {
        let _ = folder.sync_all();
    }
    Ok(Restored { set_aside, reports })
}

/// Removes the database `path` and its `-wal` and `-shm`, if any.
fn remove_store_files(path: &Path) {
    for suffix in STORE_SUFFIXES {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}
