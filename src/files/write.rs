//! Writing output files safely.
//!
//! Every file is first written to a temporary file in the target directory,
//! created exclusively (`O_CREAT|O_EXCL`, so a link planted at its name is
//! never followed) under an unpredictable name, then moved into place. A
//! reader never sees a partial file, and without `force` the final step
//! fails if the name already exists, with no window for a race.
//!
//! How long a write waits for the disk before the move is its
//! [`Durability`]: a file that is the source of truth (a data file, a
//! summed data file, a template pack) is flushed to disk first (fsync), so
//! that a power cut leaves the old file or the new one, never an empty
//! one; a build's rendered outputs, which the same command makes again from
//! the data file, are moved into place as soon as written.

use std::collections::hash_map::RandomState;
use std::fs::{File, OpenOptions};
use std::hash::{BuildHasher, Hasher};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// How a file is brought to disk before it is moved into place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// Flushed to disk first (fsync): after a power cut the name holds the
    /// old file or the new one, whole. For files that are the source of
    /// truth: a data file, a summed data file, a template pack.
    Synced,
    /// A build's rendered output (Markdown, web page, PDF, …), which the
    /// same command makes again from the data file: moved into place once
    /// written, its write to disk begun (on Linux, `sync_file_range`) but
    /// not waited for. Readers still never see a partial file; only a power
    /// cut in the moments after the build could leave it empty, and
    /// building again restores it. Waiting for the disk took a build of the
    /// benchmark report about 5 % of its time (issue 76), and far longer on
    /// a spinning disk.
    Rebuildable,
}

/// An output folder or file that could not be made, with its path.
#[derive(Debug)]
pub enum WriteError {
    /// The output folder could not be created.
    CreateDir {
        /// The folder.
        dir: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// A file could not be written.
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::CreateDir { dir, source } => write!(
                f,
                "无法创建输出目录 {}：{}",
                dir.display(),
                crate::files::io_message(source)
            ),
            WriteError::Write { path, source } => write!(
                f,
                "无法写入 {}：{}",
                path.display(),
                crate::files::io_message(source)
            ),
        }
    }
}

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WriteError::CreateDir { source, .. } | WriteError::Write { source, .. } => Some(source),
        }
    }
}

/// Creates the output folder `dir` and its parents.
pub fn create_dir(dir: &Path) -> Result<(), WriteError> {
    std::fs::create_dir_all(dir).map_err(|source| WriteError::CreateDir {
        dir: dir.to_path_buf(),
        source,
    })
}

/// [`write_atomic`], the error naming the file.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    write_atomic(path, bytes).map_err(|source| WriteError::Write {
        path: path.to_path_buf(),
        source,
    })
}

/// Writes `bytes` to `path` atomically, replacing any file of that name.
/// The directory must exist.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    check_name(path)?;
    let tmp = write_temp(path, bytes)?;
    // Checked again: the name may have changed while the file was written.
    let result = check_name(path).and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Writes several files atomically as one group, replacing files of those
/// names. Every name is checked first (a name the system refuses, too long
/// say, fails before anything is written); the temporaries are created,
/// then written and flushed to disk concurrently (one thread a file: the
/// flushes overlap; [`Durability::Rebuildable`] files, which wait for no
/// flush, one after another); only when every one succeeded are they moved into
/// place, in order. On failure no temporary is left, and no file of the
/// group has been replaced unless a move itself failed (the error then says
/// which were). The error names the file it concerns.
pub fn write_group_atomic(files: &[(PathBuf, Vec<u8>)]) -> Result<(), (PathBuf, io::Error)> {
    write_group_atomic_with(files, Vec::new(), Durability::Synced)
}

/// [`write_group_atomic`] with the files' `durability`, some of whose files
/// were written ahead ([`write_ahead`], matched by name): those are only
/// moved into place with the others. On failure their temporaries are
/// removed too.
pub fn write_group_atomic_with(
    files: &[(PathBuf, Vec<u8>)],
    mut ahead: Vec<Written>,
    durability: Durability,
) -> Result<(), (PathBuf, io::Error)> {
    let rest: Vec<(&Path, &[u8])> = files
        .iter()
        .filter(|(path, _)| !ahead.iter().any(|w| w.path == *path))
        .map(|(path, bytes)| (path.as_path(), bytes.as_slice()))
        .collect();
    let mut fresh = fill_group(&rest, durability)?.into_iter();
    let names: Vec<PathBuf> = files
        .iter()
        .filter_map(
            |(path, _)| match ahead.iter_mut().find(|w| w.path == *path) {
                Some(w) => w.temp.take(),
                None => fresh.next(),
            },
        )
        .collect();
    // Checked again: a name may have changed while the files were written.
    if let Some((path, e)) = files
        .iter()
        .find_map(|(path, _)| check_name(path).err().map(|e| (path.clone(), e)))
    {
        remove_all(&names);
        return Err((path, e));
    }
    // A build's outputs replace the last build's: with second names for
    // those, the moves below free nothing (`replaced`).
    let kept = match durability {
        Durability::Rebuildable => {
            super::replaced::keep(files.iter().map(|(path, _)| path.as_path()), |path| {
                temp_names(path).ok().map(|(_, names)| names)
            })
        }
        Durability::Synced => Vec::new(),
    };
    let moved = move_into_place(files, &names);
    super::replaced::let_go(kept);
    moved
}

/// Moves each temporary of `names` to its file of `files`, in order; on
/// failure the temporaries left are removed, and the error says which
/// files were replaced already.
fn move_into_place(
    files: &[(PathBuf, Vec<u8>)],
    names: &[PathBuf],
) -> Result<(), (PathBuf, io::Error)> {
    for (i, ((path, _), tmp)) in files.iter().zip(names).enumerate() {
        if let Err(e) = std::fs::rename(tmp, path) {
            remove_all(&names[i..]);
            let replaced: Vec<String> = files[..i]
                .iter()
                .map(|(p, _)| p.display().to_string())
                .collect();
            let e = if replaced.is_empty() {
                e
            } else {
                let said = crate::files::io_message(&e);
                io::Error::other(format!("{said}（已替换：{}）", replaced.join("、")))
            };
            return Err((path.clone(), e));
        }
    }
    Ok(())
}

/// One file of a group written ahead of the others: its temporary beside
/// its final name, written (and brought to disk as its [`Durability`]
/// asks), for
/// [`write_group_atomic_with`] to move into place with the rest. Dropped
/// before that (the group failed, or was never written), the temporary is
/// removed.
#[derive(Debug)]
pub struct Written {
    path: PathBuf,
    temp: Option<PathBuf>,
}

impl Written {
    /// The final name.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for Written {
    fn drop(&mut self) {
        if let Some(temp) = &self.temp {
            let _ = std::fs::remove_file(temp);
        }
    }
}

/// Writes `bytes` into a new temporary beside `path`, brought to disk as
/// `durability` asks, as [`write_group_atomic_with`] does for each member,
/// so that a file finished before the others of its group is written while
/// they are still being made (issue 76). The name is checked as there; the
/// folder must exist.
pub fn write_ahead(path: &Path, bytes: &[u8], durability: Durability) -> io::Result<Written> {
    check_name(path)?;
    let (temp, file) = create_temp(path)?;
    let written = Written {
        path: path.to_path_buf(),
        temp: Some(temp),
    };
    fill(file, bytes, durability)?;
    Ok(written)
}

/// Whether `path` can take a written file: nothing there, a regular file or
/// a link (the link itself is replaced, never followed), and a name the
/// system takes (not too long, no file as a folder). A folder would make a
/// move fail half-way; a device, a FIFO or a socket would be replaced by a
/// regular file (`-o /dev/null --force` run as root replaced the device).
fn check_name(path: &Path) -> io::Result<()> {
    match path.symlink_metadata() {
        Ok(m) if m.is_dir() => Err(io::Error::from(io::ErrorKind::IsADirectory)),
        Ok(m) if !m.is_file() && !m.file_type().is_symlink() => Err(not_regular()),
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// What is at an output's name and is no regular file, folder or link (a
/// device, a FIFO, a socket): never replaced.
#[derive(Debug)]
pub(crate) struct NotRegular;

impl std::fmt::Display for NotRegular {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(
            "这个名字已是设备、管道或套接字等特殊文件，不是普通文件，不会替换它；请另选输出文件名",
        )
    }
}

impl std::error::Error for NotRegular {}

fn not_regular() -> io::Error {
    io::Error::other(NotRegular)
}

/// Whether `path` exists, refusing (as [`check_name`]) a name that is no
/// regular file, folder or link: for a write that may not replace anything.
fn exists_checked(path: &Path) -> io::Result<bool> {
    match path.symlink_metadata() {
        Ok(m) if !m.is_file() && !m.is_dir() && !m.file_type().is_symlink() => Err(not_regular()),
        Ok(_) => Ok(true),
        Err(_) => Ok(false),
    }
}

/// Writes several new files as one group: all of them or none. Unless
/// `force`, no file of those names may exist (checked before anything is
/// written, and again by each move, which never replaces one); a failure
/// part-way (a full disk, a name taken meanwhile) removes the files of the
/// group already placed. With `force`, [`write_group_atomic`].
pub fn write_group_new(
    files: &[(PathBuf, Vec<u8>)],
    force: bool,
) -> Result<(), (PathBuf, io::Error)> {
    if force {
        return write_group_atomic(files);
    }
    for (path, _) in files {
        match exists_checked(path) {
            Ok(false) => {}
            Ok(true) => return Err((path.clone(), already_exists())),
            Err(e) => return Err((path.clone(), e)),
        }
    }
    let members: Vec<(&Path, &[u8])> = files
        .iter()
        .map(|(path, bytes)| (path.as_path(), bytes.as_slice()))
        .collect();
    let names = fill_group(&members, Durability::Synced)?;
    for (i, ((path, _), tmp)) in files.iter().zip(&names).enumerate() {
        if let Err(e) = move_no_clobber(tmp, path) {
            remove_all(&names);
            for (placed, _) in &files[..i] {
                let _ = std::fs::remove_file(placed);
            }
            return Err((path.clone(), e));
        }
    }
    remove_all(&names);
    Ok(())
}

fn remove_all(temps: &[PathBuf]) {
    for t in temps {
        let _ = std::fs::remove_file(t);
    }
}

/// The first step of a group write: every final name checked, then a
/// temporary beside each, written and brought to disk (as `durability`
/// asks) concurrently. Returns the temporaries' names, in order; on
/// failure none is left.
fn fill_group(
    files: &[(&Path, &[u8])],
    durability: Durability,
) -> Result<Vec<PathBuf>, (PathBuf, io::Error)> {
    for (path, _) in files {
        check_name(path).map_err(|e| (path.to_path_buf(), e))?;
    }
    let mut names = Vec::with_capacity(files.len());
    let mut handles = Vec::with_capacity(files.len());
    for (path, _) in files {
        match create_temp(path) {
            Ok((name, file)) => {
                names.push(name);
                handles.push(file);
            }
            Err(e) => {
                remove_all(&names);
                return Err((path.to_path_buf(), e));
            }
        }
    }
    let filled: Vec<io::Result<()>> = match durability {
        // Nothing to wait for: one after another, without a thread each
        // (a batch writes thousands of groups).
        Durability::Rebuildable => handles
            .into_iter()
            .zip(files)
            .map(|(file, (_, bytes))| fill(file, bytes, durability))
            .collect(),
        Durability::Synced => fill_side_by_side(handles, files, durability),
    };
    let failed = files
        .iter()
        .zip(filled)
        .find_map(|((path, _), r)| r.err().map(|e| (path.to_path_buf(), e)));
    if let Some(failed) = failed {
        remove_all(&names);
        return Err(failed);
    }
    Ok(names)
}

/// Fills each temporary of `handles` with its member of `files`, one thread
/// a file, so that their flushes to disk overlap.
fn fill_side_by_side(
    handles: Vec<File>,
    files: &[(&Path, &[u8])],
    durability: Durability,
) -> Vec<io::Result<()>> {
    std::thread::scope(|s| {
        let jobs: Vec<_> = handles
            .into_iter()
            .zip(files)
            .map(|(file, (_, bytes))| {
                std::thread::Builder::new().spawn_scoped(s, move || fill(file, bytes, durability))
            })
            .collect();
        jobs.into_iter()
            .map(|job| match job {
                Ok(h) => h
                    .join()
                    .unwrap_or_else(|_| Err(io::Error::other("写入线程异常退出"))),
                // No thread to be had: this member fails, the group with it.
                Err(e) => Err(e),
            })
            .collect()
    })
}

/// Writes a new file atomically. Unless `force`, fails with
/// [`io::ErrorKind::AlreadyExists`] if `path` exists (even as a dangling
/// link), checked in the same step that creates it.
pub fn write_new(path: &Path, bytes: &[u8], force: bool) -> io::Result<()> {
    if force {
        return write_atomic(path, bytes);
    }
    if exists_checked(path)? {
        return Err(already_exists());
    }
    let tmp = write_temp(path, bytes)?;
    let result = move_no_clobber(&tmp, path);
    let _ = std::fs::remove_file(&tmp);
    result
}

/// Moves `tmp` to `path` unless `path` exists. A hard link fails atomically
/// when the name is taken; `tmp` is left for the caller to remove.
fn move_no_clobber(tmp: &Path, path: &Path) -> io::Result<()> {
    match std::fs::hard_link(tmp, path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(already_exists()),
        // File systems without hard links (FAT, some network shares): a
        // check right before the rename is the best left.
        Err(_) if path.symlink_metadata().is_err() => std::fs::rename(tmp, path),
        Err(_) => Err(already_exists()),
    }
}

fn already_exists() -> io::Error {
    io::Error::new(io::ErrorKind::AlreadyExists, "文件已存在")
}

/// Writes `bytes` to a new temporary file beside `path` and returns its name.
fn write_temp(path: &Path, bytes: &[u8]) -> io::Result<PathBuf> {
    let (tmp, file) = create_temp(path)?;
    match fill(file, bytes, Durability::Synced) {
        Ok(()) => Ok(tmp),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// How old a temporary of ours must be to count as left behind by a run
/// that was killed (a live run renames its temporaries within seconds).
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(10 * 60);

/// Removes, once per folder and process, the temporaries of our own naming
/// pattern (`.<name>.<16 hex digits>.tmp`, a regular file) older than
/// [`STALE_AFTER`] that a killed run (`kill -9`, a power cut) left in `dir`.
fn remove_stale_temporaries(dir: &Path) {
    use std::collections::HashSet;
    use std::sync::{Mutex, OnceLock};
    static CLEANED: OnceLock<Mutex<HashSet<PathBuf>>> = OnceLock::new();
    let cleaned = CLEANED.get_or_init(|| Mutex::new(HashSet::new()));
    if !cleaned
        .lock()
        .map(|mut set| set.insert(dir.to_path_buf()))
        .unwrap_or(false)
    {
        return;
    }
    remove_ours(dir, STALE_AFTER);
}

/// Removes the temporaries of our own naming pattern in `dir` whatever
/// their age (regular files only, never a link nor anything else of that
/// name), returning how many: for a caller that holds the folder for
/// itself, so that any such file is one a killed run left (the workbench
/// at its start, holding its folder's lock; a one-off command writing
/// there at that moment at worst fails to rename its temporary and says
/// so, nothing is lost).
pub fn remove_temporaries(dir: &Path) -> usize {
    remove_ours(dir, std::time::Duration::ZERO)
}

/// Removes our temporaries in `dir` not modified for `older_than`.
fn remove_ours(dir: &Path, older_than: std::time::Duration) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten().take(100_000) {
        let name = entry.file_name();
        if !is_our_temporary(&name.to_string_lossy()) {
            continue;
        }
        // The entry's own type: a link is not followed.
        let stale = entry.metadata().is_ok_and(|m| {
            m.file_type().is_file()
                && m.modified()
                    .ok()
                    .and_then(|t| t.elapsed().ok())
                    .is_some_and(|age| age >= older_than)
        });
        if stale && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Whether a file name is one of our temporaries: `.<name>.<16 hex>.tmp`.
fn is_our_temporary(name: &str) -> bool {
    let Some(rest) = name.strip_prefix('.').and_then(|n| n.strip_suffix(".tmp")) else {
        return false;
    };
    let Some((stem, hex)) = rest.rsplit_once('.') else {
        return false;
    };
    !stem.is_empty() && hex.len() == 16 && hex.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Creates a new, empty temporary file beside `path`, under an
/// unpredictable name.
fn create_temp(path: &Path) -> io::Result<(PathBuf, File)> {
    let (dir, names) = temp_names(path)?;
    remove_stale_temporaries(dir);
    let mut last = None;
    for tmp in names {
        match create_exclusive(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(already_exists))
}

/// The folder of `path` and sixteen names for a temporary beside it
/// (`.NAME.RANDOM.tmp`, which [`remove_stale_temporaries`] knows), to try
/// one after another until one is free.
fn temp_names(path: &Path) -> io::Result<(&Path, impl Iterator<Item = PathBuf> + use<>)> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "不是文件路径"))?;
    // Keep the temporary name well under NAME_MAX whatever the final name.
    let short: String = name.to_string_lossy().chars().take(40).collect();
    let owned = dir.to_path_buf();
    let names =
        (0..16u32).map(move |attempt| owned.join(format!(".{short}.{:016x}.tmp", random(attempt))));
    Ok((dir, names))
}

/// Writes `bytes` into `file` and brings it to disk as `durability` asks.
fn fill(mut file: File, bytes: &[u8], durability: Durability) -> io::Result<()> {
    file.write_all(bytes)?;
    match durability {
        Durability::Synced => file.sync_all(),
        Durability::Rebuildable => {
            begin_writeback(&file);
            Ok(())
        }
    }
}

/// Asks the system to begin writing `file`'s data to disk now, without
/// waiting for it: the page cache would otherwise hold it for up to half
/// a minute. Only a hint: a failure (a file system without it) changes
/// nothing.
#[cfg(target_os = "linux")]
#[allow(unsafe_code)]
fn begin_writeback(file: &File) {
    use std::os::unix::io::AsRawFd;
    // SAFETY: the descriptor is open for as long as `file` is borrowed,
    // and the call reads and writes no memory of ours.
    unsafe {
        libc::sync_file_range(file.as_raw_fd(), 0, 0, libc::SYNC_FILE_RANGE_WRITE);
    }
}

/// Where the system has no such hint, nothing: the file is written to disk
/// when the system writes its cache.
#[cfg(not(target_os = "linux"))]
fn begin_writeback(_file: &File) {}

/// Creates a new file, failing if anything (a file, a link) has the name.
fn create_exclusive(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o666);
    }
    options.open(path)
}

/// The file that marks a folder as written whole by [`write_folder`]: it
/// lists the files written, one relative path a line.
pub const FOLDER_MARK: &str = ".nianbao";

/// Most entries of an earlier output folder looked at before replacing it.
const MAX_FOLDER_ENTRIES: usize = 20_000;

/// Whether the folder `dir` holds only what nianbao wrote there: its mark,
/// the files the mark lists, and files of the names about to be written
/// (a mark of an older version lists none). A file added since (notes,
/// a reviewer's comments), a link or too many entries make it another's.
fn only_ours(dir: &Path, files: &[(PathBuf, Vec<u8>)]) -> io::Result<bool> {
    let mark = dir.join(FOLDER_MARK);
    if !std::fs::symlink_metadata(&mark).is_ok_and(|m| m.is_file()) {
        return Ok(false);
    }
    let listed = std::fs::read(&mark)?;
    let listed = String::from_utf8_lossy(&listed);
    let mut known: std::collections::HashSet<PathBuf> = listed
        .lines()
        .filter(|l| !l.is_empty())
        .map(PathBuf::from)
        .collect();
    known.extend(files.iter().map(|(rel, _)| rel.clone()));
    known.insert(PathBuf::from(FOLDER_MARK));
    let mut pending = vec![PathBuf::new()];
    let mut seen = 0usize;
    while let Some(rel) = pending.pop() {
        for entry in std::fs::read_dir(dir.join(&rel))? {
            seen += 1;
            if seen > MAX_FOLDER_ENTRIES {
                return Ok(false);
            }
            let entry = entry?;
            let path = rel.join(entry.file_name());
            let kind = entry.file_type()?;
            if kind.is_dir() {
                pending.push(path);
            } else if !kind.is_file() || !known.contains(&path) {
                return Ok(false);
            }
        }
    }
    Ok(true)
}

/// The mark's text: the files written, one a line.
fn mark_text(files: &[(PathBuf, Vec<u8>)]) -> String {
    files
        .iter()
        .map(|(rel, _)| format!("{}\n", rel.to_string_lossy()))
        .collect()
}

/// Most bytes of a folder's mark read to learn what it lists.
const MAX_MARK_BYTES: u64 = 4 * 1024 * 1024;

/// The files an earlier run wrote into the folder `dir`, as its mark
/// ([`FOLDER_MARK`]) lists them (relative to `dir`); None when the folder
/// has no mark, or it cannot be read. A folder walk passes them over: a
/// run's own pages are never its inputs.
pub fn folder_outputs(dir: &Path) -> Option<std::collections::HashSet<PathBuf>> {
    let mark = dir.join(FOLDER_MARK);
    let bytes = super::read_limited_no_link(&mark, MAX_MARK_BYTES, "输出目录的标记").ok()?;
    Some(
        String::from_utf8_lossy(&bytes)
            .lines()
            .filter(|l| !l.is_empty())
            .map(PathBuf::from)
            .collect(),
    )
}

/// Writes `files` (paths relative to `dir`) into the folder `dir`, which
/// holds files of others (the inputs of the run), moving or replacing none
/// of them: the files of each subfolder whole, with [`write_folder`]
/// (never forced, so a subfolder of others' files is refused); the files
/// at the top one by one, atomically, a name already taken replaced only
/// when the folder's mark lists it (an earlier run wrote it). The mark is
/// written first, listing the files at the top, so that a later run
/// replaces them and a folder walk passes them over.
pub fn write_among(dir: &Path, files: &[(PathBuf, Vec<u8>)]) -> Result<(), FolderError> {
    let io_err = |p: &Path| {
        let p = p.to_path_buf();
        move |e| FolderError::Io(p, e)
    };
    let mut top: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    let mut subfolders: std::collections::BTreeMap<PathBuf, Vec<(PathBuf, Vec<u8>)>> =
        std::collections::BTreeMap::new();
    for (rel, bytes) in files {
        let mut parts = rel.components();
        let first = parts.next().map(|c| PathBuf::from(c.as_os_str()));
        match first {
            Some(first) if !parts.as_path().as_os_str().is_empty() => subfolders
                .entry(first)
                .or_default()
                .push((parts.as_path().to_path_buf(), bytes.clone())),
            _ => top.push((rel.clone(), bytes.clone())),
        }
    }
    let ours = folder_outputs(dir).unwrap_or_default();
    for (rel, _) in &top {
        let path = dir.join(rel);
        if std::fs::symlink_metadata(&path).is_ok() && !ours.contains(rel) {
            return Err(FolderError::Taken(path));
        }
    }
    for (sub, inner) in &subfolders {
        write_folder(&dir.join(sub), inner, false)?;
    }
    if !top.is_empty() {
        let mark = dir.join(FOLDER_MARK);
        write_atomic(&mark, mark_text(&top).as_bytes()).map_err(io_err(&mark))?;
    }
    for (rel, bytes) in &top {
        let path = dir.join(rel);
        write_atomic(&path, bytes).map_err(io_err(&path))?;
    }
    Ok(())
}

/// What [`write_folder`] or [`write_among`] found at the folder's name.
#[derive(Debug)]
pub enum FolderError {
    /// A folder with files nianbao did not write (no [`FOLDER_MARK`], or
    /// files it does not list).
    NotOurs(PathBuf),
    /// Something else than a folder.
    NotAFolder(PathBuf),
    /// A file of a name to be written into a folder of others' files,
    /// which nianbao did not write ([`write_among`]).
    Taken(PathBuf),
    /// Writing failed (nothing at `dir` was changed).
    Io(PathBuf, io::Error),
}

impl std::fmt::Display for FolderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FolderError::NotOurs(dir) => write!(
                f,
                "输出目录 {} 中有不是 nianbao 写的文件（或之后添加的文件），不会改动它；请另选一个空目录或新目录",
                dir.display()
            ),
            FolderError::NotAFolder(dir) => {
                write!(f, "输出位置 {} 已有同名的文件，不是目录", dir.display())
            }
            FolderError::Taken(path) => write!(
                f,
                "{} 已经存在，不是 nianbao 写的，不会覆盖；请把它移走，或用 -o 另选输出目录",
                path.display()
            ),
            FolderError::Io(path, e) => write!(
                f,
                "无法写入 {}：{}",
                path.display(),
                crate::files::io_message(e)
            ),
        }
    }
}

impl std::error::Error for FolderError {}

/// Writes `files` (paths relative to `dir`) as the whole content of the
/// folder `dir`: built in a fresh, randomly named folder beside it, then
/// swapped in, so a run never leaves stale files of an earlier run nor a
/// half-written folder. An existing `dir` is replaced only when an earlier
/// run wrote it and nothing was added since (it holds [`FOLDER_MARK`] and
/// only the files that lists, or of the names written now) or it is empty;
/// with `force`, a folder of other files is renamed aside and kept, and its
/// new name returned.
pub fn write_folder(
    dir: &Path,
    files: &[(PathBuf, Vec<u8>)],
    force: bool,
) -> Result<Option<PathBuf>, FolderError> {
    let io_err = |p: &Path| {
        let p = p.to_path_buf();
        move |e| FolderError::Io(p, e)
    };
    let mut keep_old = false;
    match std::fs::symlink_metadata(dir) {
        Ok(m) if m.is_dir() => {
            let ours = only_ours(dir, files).map_err(io_err(dir))?;
            let empty = std::fs::read_dir(dir)
                .map_err(io_err(dir))?
                .next()
                .is_none();
            if !ours && !empty {
                if !force {
                    return Err(FolderError::NotOurs(dir.to_path_buf()));
                }
                keep_old = true;
            }
        }
        Ok(_) => return Err(FolderError::NotAFolder(dir.to_path_buf())),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(FolderError::Io(dir.to_path_buf(), e)),
    }
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(io_err(&parent))?;
    let name = dir.file_name().map_or_else(
        || "output".to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let fresh = parent.join(format!(".{name}.nianbao-{:016x}", random(1)));
    std::fs::create_dir(&fresh).map_err(io_err(&fresh))?;
    let built = (|| -> Result<(), FolderError> {
        std::fs::write(fresh.join(FOLDER_MARK), mark_text(files)).map_err(io_err(&fresh))?;
        for (rel, bytes) in files {
            let path = fresh.join(rel);
            if let Some(p) = path.parent() {
                std::fs::create_dir_all(p).map_err(io_err(p))?;
            }
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
                .map_err(io_err(&dir.join(rel)))?;
            io::Write::write_all(&mut f, bytes).map_err(io_err(&dir.join(rel)))?;
            f.sync_all().map_err(io_err(&dir.join(rel)))?;
        }
        Ok(())
    })();
    if let Err(e) = built {
        let _ = std::fs::remove_dir_all(&fresh);
        return Err(e);
    }
    // Swap: the old folder aside, the new one in, the old one removed
    // (kept, under a visible name, when nianbao did not write it).
    let old = if keep_old {
        parent.join(format!("{name}.原有-{:08x}", random(2) as u32))
    } else {
        parent.join(format!(".{name}.nianbao-old-{:016x}", random(2)))
    };
    let had_old = dir.exists();
    if had_old && let Err(e) = std::fs::rename(dir, &old) {
        let _ = std::fs::remove_dir_all(&fresh);
        return Err(FolderError::Io(dir.to_path_buf(), e));
    }
    if let Err(e) = std::fs::rename(&fresh, dir) {
        if had_old {
            let _ = std::fs::rename(&old, dir);
        }
        let _ = std::fs::remove_dir_all(&fresh);
        return Err(FolderError::Io(dir.to_path_buf(), e));
    }
    if keep_old {
        return Ok(Some(old));
    }
    if had_old {
        let _ = std::fs::remove_dir_all(&old);
    }
    Ok(None)
}

/// A new, empty folder of this user's own in the system's temporary folder,
/// under an unpredictable name (created exclusively, readable by the user
/// only), for work that a helper program does on a copy of an input.
/// Removed with its contents when the returned guard is dropped.
pub fn private_temp_dir(prefix: &str) -> io::Result<TempFolder> {
    let base = std::env::temp_dir();
    let mut last = None;
    for attempt in 0..16u32 {
        let dir = base.join(format!("{prefix}-{:016x}", random(attempt)));
        #[cfg_attr(not(unix), allow(unused_mut))]
        let mut builder = std::fs::DirBuilder::new();
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            builder.mode(0o700);
        }
        match builder.create(&dir) {
            Ok(()) => return Ok(TempFolder(dir)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(already_exists))
}

/// A private temporary folder (see [`private_temp_dir`]), removed on drop.
#[derive(Debug)]
pub struct TempFolder(PathBuf);

impl TempFolder {
    /// The folder's path.
    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempFolder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// 64 unpredictable bits: std's hasher keys come from the operating
/// system's random source.
fn random(salt: u32) -> u64 {
    let mut h = RandomState::new().build_hasher();
    h.write_u32(salt);
    h.write_u32(std::process::id());
    if let Ok(t) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        h.write_u128(t.as_nanos());
    }
    h.finish()
}

/// Whether `a` and `b` name the same existing file (through links, `..`,
/// hard links). False when either does not exist.
pub fn same_file(a: &Path, b: &Path) -> bool {
    let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::metadata(b)) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        ma.dev() == mb.dev() && ma.ino() == mb.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (ma, mb);
        matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y)
    }
}

/// The first of `inputs` that writing `output` would replace, if any.
pub fn clobbered_input<'a>(output: &Path, inputs: &'a [PathBuf]) -> Option<&'a Path> {
    inputs
        .iter()
        .find(|input| same_file(output, input))
        .map(PathBuf::as_path)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A folder written twice is replaced; a file added to it since makes
    /// it another's: refused, or with `force` kept aside whole.
    #[test]
    fn an_output_folder_is_replaced_only_while_it_holds_what_was_written() {
        let tmp = crate::testutil::TempDir::new("folder");
        let dir = tmp.0.join("out");
        let files = |names: &[&str]| -> Vec<(PathBuf, Vec<u8>)> {
            names
                .iter()
                .map(|n| (PathBuf::from(n), b"x".to_vec()))
                .collect()
        };
        write_folder(&dir, &files(&["summary.csv", "reports/0001.html"]), false).unwrap();
        // Fewer files the second time: the old ones were listed, so ours.
        assert!(
            write_folder(&dir, &files(&["summary.csv"]), false)
                .unwrap()
                .is_none()
        );
        assert!(!dir.join("reports").exists());
        // A note of the user's is never removed.
        std::fs::write(dir.join("审查意见.docx"), b"mine").unwrap();
        assert!(matches!(
            write_folder(&dir, &files(&["summary.csv"]), false),
            Err(FolderError::NotOurs(_))
        ));
        assert_eq!(std::fs::read(dir.join("审查意见.docx")).unwrap(), b"mine");
        let kept = write_folder(&dir, &files(&["summary.csv"]), true)
            .unwrap()
            .unwrap();
        assert_eq!(std::fs::read(kept.join("审查意见.docx")).unwrap(), b"mine");
        assert!(!dir.join("审查意见.docx").exists());
        // An older version's empty mark: files of the names written now are
        // ours, others are not.
        std::fs::write(dir.join(FOLDER_MARK), b"").unwrap();
        assert!(
            write_folder(&dir, &files(&["summary.csv"]), false)
                .unwrap()
                .is_none()
        );
        std::fs::write(dir.join(FOLDER_MARK), b"").unwrap();
        assert!(write_folder(&dir, &files(&["other.csv"]), false).is_err());
    }

    /// Temporaries a killed run left behind are removed on the next write
    /// into that folder; a fresh one (a live run's) and other files stay
    /// (issue 26.8).
    #[test]
    fn stale_temporaries_of_a_killed_run_are_removed() {
        let tmp = crate::testutil::TempDir::new("stale");
        let dir = tmp.0.clone();
        let stale = dir.join(".report.pdf.0123456789abcdef.tmp");
        let fresh = dir.join(".report.pdf.fedcba9876543210.tmp");
        let other = dir.join(".notes.tmp");
        for p in [&stale, &fresh, &other] {
            std::fs::write(p, b"x").unwrap();
        }
        let old = std::time::SystemTime::now() - STALE_AFTER * 2;
        for p in [&stale, &other] {
            std::fs::File::options()
                .write(true)
                .open(p)
                .unwrap()
                .set_modified(old)
                .unwrap();
        }
        write_atomic(&dir.join("report.pdf"), b"pdf").unwrap();
        assert!(!stale.exists());
        assert!(fresh.exists());
        assert!(other.exists());
        assert!(is_our_temporary(".a.md.0000000000000000.tmp"));
        assert!(!is_our_temporary("..0000000000000000.tmp"));
        assert!(!is_our_temporary(".a.md.000000000000000g.tmp"));
    }

    /// At a workbench's start every temporary of ours is removed, however
    /// fresh (a save killed mid-write), but never a link of that name nor
    /// another file.
    #[test]
    fn every_temporary_of_ours_goes_when_asked() {
        let tmp = crate::testutil::TempDir::new("temps");
        let dir = tmp.0.clone();
        let ours = dir.join(".2025.yaml.0123456789abcdef.tmp");
        let other = dir.join(".2025.yaml.tmp");
        std::fs::write(&ours, b"half").unwrap();
        std::fs::write(&other, b"x").unwrap();
        #[cfg(unix)]
        let (target, link) = {
            let target = dir.join("2025.yaml");
            std::fs::write(&target, b"data").unwrap();
            let link = dir.join(".2024.yaml.fedcba9876543210.tmp");
            std::os::unix::fs::symlink(&target, &link).unwrap();
            (target, link)
        };
        assert_eq!(remove_temporaries(&dir), 1);
        assert!(!ours.exists());
        assert!(other.exists());
        #[cfg(unix)]
        {
            assert!(link.symlink_metadata().is_ok());
            assert_eq!(std::fs::read(&target).unwrap(), b"data");
        }
    }

    #[test]
    fn writes_and_refuses_to_overwrite() {
        let tmp = crate::testutil::TempDir::new("basic");
        let dir = tmp.0.clone();
        let p = dir.join("a.txt");
        write_atomic(&p, b"one").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"one");
        assert!(write_new(&p, b"two", false).is_err());
        assert_eq!(std::fs::read(&p).unwrap(), b"one");
        write_new(&p, b"two", true).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        assert!(write_atomic(&dir.join("missing/a.txt"), b"x").is_err());
        // No temporary file is left behind.
        let names: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[cfg(unix)]
    /// A FIFO (as a device or a socket) at an output's name is refused by
    /// every kind of write, replaced or not, and left as it was.
    #[test]
    fn a_name_that_is_no_regular_file_is_never_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let tmp = crate::testutil::TempDir::new("fifo-out");
        let fifo = tmp.0.join("out.yaml");
        if !crate::files::make_fifo(&fifo) {
            return;
        }
        let group = vec![(fifo.clone(), b"x".to_vec())];
        let refusals = [
            write_atomic(&fifo, b"x").err(),
            write_new(&fifo, b"x", true).err(),
            write_new(&fifo, b"x", false).err(),
            write_group_atomic(&group).err().map(|(_, e)| e),
            write_group_new(&group, false).err().map(|(_, e)| e),
            write_group_new(&group, true).err().map(|(_, e)| e),
            write_ahead(&fifo, b"x", Durability::Rebuildable).err(),
        ];
        for refused in refusals {
            let said = crate::files::io_message(&refused.expect("refused"));
            assert!(said.contains("不是普通文件"), "{said}");
        }
        assert!(fifo.symlink_metadata().unwrap().file_type().is_fifo());
        // Nothing else was left in the folder.
        assert_eq!(std::fs::read_dir(&tmp.0).unwrap().count(), 1);
    }

    /// Either way of bringing the files to disk: flushed side by side, or
    /// (a build's outputs) written one after another, nothing waited for.
    #[test]
    fn a_group_is_written_whole_or_not_at_all() {
        for durability in [Durability::Synced, Durability::Rebuildable] {
            group_whole_or_not_at_all(durability);
        }
        write_group_atomic(&[]).unwrap();
    }

    fn group_whole_or_not_at_all(durability: Durability) {
        let write =
            |group: &[(PathBuf, Vec<u8>)]| write_group_atomic_with(group, Vec::new(), durability);
        let tmp = crate::testutil::TempDir::new("group");
        let dir = tmp.0.clone();
        let names = ["a.md", "a.html", "a.pdf"].map(|n| dir.join(n));
        std::fs::write(&names[0], b"old").unwrap();
        let group: Vec<(PathBuf, Vec<u8>)> = names
            .iter()
            .enumerate()
            .map(|(i, p)| (p.clone(), vec![b'0' + i as u8; 1000 * (i + 1)]))
            .collect();
        write(&group).unwrap();
        for (p, bytes) in &group {
            assert_eq!(&std::fs::read(p).unwrap(), bytes);
        }
        // One member cannot be written: nothing of the group is replaced
        // and no temporary is left.
        let mut renewed = group.clone();
        renewed[0].1 = b"new".to_vec();
        let mut bad = renewed.clone();
        bad[1].0 = dir.join("missing/a.html");
        let (path, _) = write(&bad).unwrap_err();
        assert_eq!(path, dir.join("missing/a.html"));
        assert_eq!(std::fs::read(&names[0]).unwrap(), group[0].1);
        let left: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
        assert_eq!(left.len(), 3);
        // A directory where a member goes: refused before anything moves.
        std::fs::remove_file(&names[2]).unwrap();
        std::fs::create_dir(&names[2]).unwrap();
        let (path, e) = write(&renewed).unwrap_err();
        assert_eq!(path, names[2]);
        assert_eq!(crate::files::io_message(&e), "这是一个目录");
        assert_eq!(std::fs::read(&names[0]).unwrap(), group[0].1);
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 3);
    }

    /// Files of a group written ahead (issue 76) are moved into place with
    /// the rest; until then, and whenever the group fails, nothing at the
    /// final names changes and no temporary is left.
    #[test]
    fn files_written_ahead_join_their_group_or_leave_nothing() {
        let tmp = crate::testutil::TempDir::new("group-ahead");
        let dir = tmp.0.clone();
        let names = ["a.md", "a.html", "a.pdf"].map(|n| dir.join(n));
        std::fs::write(&names[0], b"old").unwrap();
        let group: Vec<(PathBuf, Vec<u8>)> = names
            .iter()
            .map(|p| (p.clone(), p.to_string_lossy().as_bytes().to_vec()))
            .collect();
        let temps = || {
            std::fs::read_dir(&dir)
                .unwrap()
                .filter(|e| {
                    e.as_ref()
                        .unwrap()
                        .file_name()
                        .to_string_lossy()
                        .ends_with(".tmp")
                })
                .count()
        };
        // Written ahead: a temporary each, the old file untouched.
        let ahead = vec![
            write_ahead(&names[0], &group[0].1, Durability::Rebuildable).unwrap(),
            write_ahead(&names[2], &group[2].1, Durability::Synced).unwrap(),
        ];
        assert_eq!(ahead[1].path(), names[2]);
        assert_eq!(temps(), 2);
        assert_eq!(std::fs::read(&names[0]).unwrap(), b"old");
        write_group_atomic_with(&group, ahead, Durability::Rebuildable).unwrap();
        for (p, bytes) in &group {
            assert_eq!(&std::fs::read(p).unwrap(), bytes);
        }
        assert_eq!(temps(), 0);
        // Dropped without its group: its temporary goes.
        drop(write_ahead(&names[1], b"never", Durability::Rebuildable).unwrap());
        assert_eq!(temps(), 0);
        // The group fails on a member not written ahead: the one written
        // ahead is removed too, and nothing is replaced.
        let ahead = vec![write_ahead(&names[0], b"newer", Durability::Rebuildable).unwrap()];
        let mut bad = group.clone();
        bad[1].0 = dir.join("missing/a.html");
        let (path, _) = write_group_atomic_with(&bad, ahead, Durability::Rebuildable).unwrap_err();
        assert_eq!(path, dir.join("missing/a.html"));
        assert_eq!(std::fs::read(&names[0]).unwrap(), group[0].1);
        assert_eq!(temps(), 0);
        // A folder at the name is refused ahead as in the group.
        std::fs::create_dir(dir.join("b.pdf")).unwrap();
        let e = write_ahead(&dir.join("b.pdf"), b"x", Durability::Synced).unwrap_err();
        assert_eq!(crate::files::io_message(&e), "这是一个目录");
        assert_eq!(temps(), 0);
    }

    /// A member whose name the system refuses (256 bytes, past NAME_MAX)
    /// fails the group before anything is written: the `.md` beside it
    /// keeps its old text (issue 26.8).
    #[cfg(unix)]
    #[test]
    fn a_name_too_long_fails_the_group_before_any_write() {
        let tmp = crate::testutil::TempDir::new("group-long");
        let stem = "年".repeat(83) + "ab"; // 251 bytes
        let md = tmp.0.join(format!("{stem}.md"));
        let html = tmp.0.join(format!("{stem}.html"));
        std::fs::write(&md, b"old").unwrap();
        let group = vec![
            (md.clone(), b"new".to_vec()),
            (html.clone(), b"new".to_vec()),
        ];
        let (path, e) = write_group_atomic(&group).unwrap_err();
        assert_eq!(path, html);
        assert_eq!(crate::files::io_message(&e), "文件名过长");
        assert_eq!(std::fs::read(&md).unwrap(), b"old");
        assert_eq!(
            std::fs::read_dir(&tmp.0).unwrap().count(),
            1,
            "no temporary left"
        );
    }

    /// A group of new files is written whole or not at all: a name taken,
    /// a member that cannot be written (its folder missing, as a full disk
    /// would fail it) leave nothing behind (issue 26.8, templates eject).
    #[test]
    fn a_group_of_new_files_is_all_or_nothing() {
        let tmp = crate::testutil::TempDir::new("group-new");
        let dir = tmp.0.clone();
        let group: Vec<(PathBuf, Vec<u8>)> = ["a.css", "b.html", "c.md"]
            .iter()
            .map(|n| (dir.join(n), n.as_bytes().to_vec()))
            .collect();
        let mut unwritable = group.clone();
        unwritable[2].0 = dir.join("missing/c.md");
        let (path, _) = write_group_new(&unwritable, false).unwrap_err();
        assert_eq!(path, dir.join("missing/c.md"));
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
        std::fs::write(&group[1].0, b"mine").unwrap();
        let (path, e) = write_group_new(&group, false).unwrap_err();
        assert_eq!(
            (path, e.kind()),
            (group[1].0.clone(), io::ErrorKind::AlreadyExists)
        );
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
        assert_eq!(std::fs::read(&group[1].0).unwrap(), b"mine");
        write_group_new(&group, true).unwrap();
        for (p, bytes) in &group {
            assert_eq!(&std::fs::read(p).unwrap(), bytes);
        }
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 3);
    }

    #[test]
    fn temporary_names_are_unpredictable() {
        assert_ne!(random(0), random(0));
    }

    #[cfg(unix)]
    #[test]
    fn planted_links_are_not_followed() {
        let tmp = crate::testutil::TempDir::new("links");
        let dir = tmp.0.clone();
        let victim = dir.join("victim.txt");
        std::fs::write(&victim, b"keep").unwrap();
        // Links at every name the old scheme would have used.
        for name in [
            format!(".out.md.{}.tmp", std::process::id()),
            "out.md".to_string(),
        ] {
            let _ = std::os::unix::fs::symlink(&victim, dir.join(name));
        }
        std::fs::remove_file(dir.join("out.md")).unwrap();
        write_atomic(&dir.join("out.md"), b"new").unwrap();
        assert_eq!(std::fs::read(&victim).unwrap(), b"keep");
        // A dangling link at the final name counts as existing.
        let dangling = dir.join("d.yaml");
        std::os::unix::fs::symlink(dir.join("nowhere"), &dangling).unwrap();
        let e = write_new(&dangling, b"x", false).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
        assert!(!dir.join("nowhere").exists());
    }

    #[test]
    fn concurrent_new_files_have_one_winner() {
        let tmp = crate::testutil::TempDir::new("race");
        let dir = tmp.0.clone();
        let target = dir.join("same.yaml");
        for round in 0..20 {
            let _ = std::fs::remove_file(&target);
            let ok: usize = std::thread::scope(|s| {
                let handles: Vec<_> = (0..4)
                    .map(|i| {
                        let t = target.clone();
                        s.spawn(move || write_new(&t, format!("{round}-{i}").as_bytes(), false))
                    })
                    .collect();
                handles
                    .into_iter()
                    .map(|h| usize::from(h.join().unwrap().is_ok()))
                    .sum()
            });
            assert_eq!(ok, 1, "round {round}");
        }
    }

    #[test]
    fn same_file_sees_through_aliases() {
        let tmp = crate::testutil::TempDir::new("same");
        let dir = tmp.0.clone();
        let a = dir.join("a.yaml");
        std::fs::write(&a, b"x").unwrap();
        assert!(same_file(&a, &dir.join(".").join("a.yaml")));
        assert!(!same_file(&a, &dir.join("b.yaml")));
        let inputs = vec![a.clone()];
        assert!(
            clobbered_input(
                &dir.join("../")
                    .join(dir.file_name().unwrap())
                    .join("a.yaml"),
                &inputs
            )
            .is_some()
        );
    }
}
