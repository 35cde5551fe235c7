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

/// The largest file a restore takes (16 GiB): a county's store is tens of
/// megabytes, a province's a few gigabytes.
pub const MAX_BACKUP: u64 = 16 << 30;

/// Restores the backup `from` as the store of the server folder `dir`
/// (no server running on it). Nothing is trusted (issue 75.3): the file
/// is opened without following a link or blocking on a FIFO and must be a
/// regular, fully allocated (not sparse) SQLite file of at most
/// [`MAX_BACKUP`] bytes before a byte is copied; the private copy must
/// then have exactly one of our schemas, pass SQLite's integrity check,
/// hold an office account and a known version
/// ([`store::sqlite::verify::verify`]) before it is opened as a store.
/// Only then are the current `.db`, `-wal` and `-shm` moved to
/// `dir/备份/恢复前-<time>/` and the copy put in their place.
pub fn restore(dir: &Path, from: &Path) -> Result<Restored, String> {
    if store::database_url(dir)?.is_some() {
        return Err(format!(
            "{} 的数据保存在 PostgreSQL 数据库中：请由数据库管理员用 pg_restore 恢复（见 docs/server.md）",
            dir.display()
        ));
    }
    let _held = lock(dir)?;
    let not_a_backup = |why: &str| format!("{} 不是可用的服务器备份：{why}", from.display());
    let (mut source, len) = open_backup(from).map_err(|why| not_a_backup(&why))?;
    let db = store::db_path(dir);
    let staged = dir.join(format!("{}.restoring", store::DB_FILE));
    remove_store_files(&staged);
    let checked = stage(&mut source, len, &staged)
        .map_err(|e| format!("无法复制备份：{}", io(from, &e)))
        .and_then(|()| store::sqlite::verify::verify(&staged).map_err(|why| not_a_backup(&why)))
        .and_then(|verified| {
            store::sqlite::verify::forget_sessions(&staged, verified.version)
                .map_err(|why| not_a_backup(&why))?;
            let opened = store::open(&staged, false).map_err(|e| not_a_backup(&e.to_string()))?;
            Ok(opened.reports(None).map_err(|e| e.to_string())?.len())
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
    // The copy's log, if its close left one, goes with it (log first).
    for suffix in STORE_SUFFIXES.iter().rev() {
        let file = PathBuf::from(format!("{}{suffix}", staged.display()));
        if file.exists() {
            let to = PathBuf::from(format!("{}{suffix}", db.display()));
            std::fs::rename(&file, &to).map_err(|e| io(&file, &e))?;
        }
    }
    if let Ok(folder) = File::open(dir) {
        let _ = folder.sync_all();
    }
    Ok(Restored { set_aside, reports })
}

/// Opens the backup `from` and checks it as a file, reading no more than
/// its header: not a link, not a FIFO or device, at most [`MAX_BACKUP`]
/// bytes, every byte allocated, a SQLite header whose page size divides
/// its length. Returns the handle and the length; the reason in Chinese.
fn open_backup(from: &Path) -> Result<(File, u64), String> {
    let mut options = File::options();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let mut source = options.open(from).map_err(|e| {
        #[cfg(unix)]
        {
            if e.raw_os_error() == Some(libc::ELOOP) {
                return "它是符号链接：请给出备份文件本身的路径".to_string();
            }
        }
        format!("无法读取（{}）", crate::files::io_message(&e))
    })?;
    let meta = source
        .metadata()
        .map_err(|e| format!("无法读取（{}）", crate::files::io_message(&e)))?;
    if !meta.is_file() {
        return Err("不是普通文件（是文件夹、设备、管道或套接字）".to_string());
    }
    let len = meta.len();
    if len > MAX_BACKUP {
        return Err(format!(
            "文件有 {} 字节，超过备份的上限 {MAX_BACKUP} 字节（16 GiB）",
            len
        ));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let allocated = meta.blocks().saturating_mul(512);
        if allocated < len {
            return Err(format!(
                "文件有空洞（稀疏文件：长 {len} 字节，实际只占 {allocated} 字节），不是 nianbao 写出的备份；\
                 若它放在压缩的文件系统上，请先复制到普通磁盘再恢复"
            ));
        }
    }
    let mut header = [0u8; 100];
    std::io::Read::read_exact(&mut source, &mut header)
        .map_err(|_| "不是 SQLite 数据库文件（太短）".to_string())?;
    if !header.starts_with(b"SQLite format 3\0") {
        return Err("不是 SQLite 数据库文件".to_string());
    }
    let page = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65536,
        n => u64::from(n),
    };
    if !page.is_power_of_two() || !(512..=65536).contains(&page) || len % page != 0 {
        return Err("SQLite 文件头中的页大小与文件长度不符，文件已损坏或被截断".to_string());
    }
    Ok((source, len))
}

/// Copies the `len` bytes of `source` from its start into a new private
/// file `staged`, synced; fewer bytes than that (the file shrank since it
/// was checked) is an error.
fn stage(source: &mut File, len: u64, staged: &Path) -> std::io::Result<()> {
    let mut file = create_private(staged)?;
    std::io::Seek::rewind(source)?;
    let copied = std::io::copy(&mut std::io::Read::take(&mut *source, len), &mut file)?;
    if copied != len {
        return Err(std::io::Error::new(
            std::io::ErrorKind::UnexpectedEof,
            "复制时文件变短了",
        ));
    }
    file.sync_all()
}

/// Removes the database `path` and its `-wal` and `-shm`, if any.
fn remove_store_files(path: &Path) {
    for suffix in STORE_SUFFIXES {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}
