//! Bounded reads of regular files: the only way the program reads a file
//! it was given or found.

use std::path::Path;

use super::io_message;

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

#[cfg(test)]
mod tests {
    use super::*;

    /// A FIFO swapped in for a checked file is opened without blocking
    /// and refused by the handle check (issue 26.6).
    #[cfg(unix)]
    #[test]
    fn a_fifo_never_blocks_the_open() {
        let dir = crate::testutil::TempDir::new("fifo");
        let fifo = dir.0.join("2025.yaml");
        if !crate::files::make_fifo(&fifo) {
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
        if crate::files::make_fifo(&file) {
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
}
