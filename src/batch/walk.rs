//! Expanding the paths of the command line into data files.
//!
//! A folder is walked recursively for `*.yaml` and `*.yml` files, in sorted
//! order. Symbolic links inside a folder are never followed (a planted link
//! could lead out of the tree or into a loop); they are reported and
//! skipped. Depth and number of files are bounded. The files an earlier
//! run wrote (an audit's pages, listed by their folder's mark) are never
//! taken.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::progress::{Note, Observer};
use crate::diag::visible;
use crate::files::{FileId, notepad_name};

/// How deep below a given folder files are looked for.
pub const MAX_DEPTH: usize = 16;

/// How many files one run takes at most.
pub const MAX_FILES: usize = 10_000;

/// The files found, and what was passed over on the way.
#[derive(Debug, Default)]
pub struct Found {
    /// Data files, in command-line order; each folder's files sorted.
    pub files: Vec<PathBuf>,
    /// For each file, its folder relative to the folder given on the
    /// command line (empty for a file given itself): `build` mirrors it.
    pub subdirs: Vec<PathBuf>,
    /// For each file, the identity the walk saw (`None` for a file given
    /// itself): read it with [`crate::files::read_walked`], so that a file
    /// swapped after the walk is refused.
    pub ids: Vec<Option<FileId>>,
    /// Chinese notes on what was skipped (symbolic links, too deep) or
    /// taken with a doubt (a name ending in `.yaml.txt`).
    pub skipped: Vec<String>,
    /// Folders given on the command line that hold no file wanted, with
    /// the Chinese message saying so.
    pub empty_dirs: Vec<(PathBuf, String)>,
    /// Folders inside those given that could not be listed, with the
    /// Chinese reason: reported, and the walk goes on.
    pub unreadable_dirs: Vec<(PathBuf, String)>,
    /// Regular files in the folders that the command does not read (not
    /// system files such as `Thumbs.db`): listed with [`advice`], never
    /// left out silently.
    pub passed_over: Vec<PathBuf>,
}

impl Found {
    /// The files with the identity the walk saw of each.
    pub fn walked(&self) -> impl Iterator<Item = (&PathBuf, Option<FileId>)> {
        self.files.iter().zip(self.ids.iter().copied())
    }

    /// Keeps the files `keep` accepts (with their folders and identities).
    pub fn retain(&mut self, mut keep: impl FnMut(&Path) -> bool) {
        let kept: Vec<bool> = self.files.iter().map(|f| keep(f)).collect();
        let mut flags = kept.iter();
        self.files.retain(|_| *flags.next().unwrap());
        let mut flags = kept.iter();
        self.subdirs.retain(|_| *flags.next().unwrap());
        let mut flags = kept.iter();
        self.ids.retain(|_| *flags.next().unwrap());
        self.passed_over.retain(|f| keep(f));
    }

    /// Tells `observer` of the folders that could not be listed, as errors
    /// saying what their files miss (`missed`: `其中的报告未审查`), then of
    /// what was skipped.
    pub fn tell_unread(&self, observer: &dyn Observer, missed: &str) {
        for (dir, reason) in &self.unreadable_dirs {
            observer.note(Note::Error(format!(
                "{}：无法读取目录：{reason}（{missed}）",
                dir.display()
            )));
        }
        for note in &self.skipped {
            observer.note(Note::Notice(visible(note).into_owned()));
        }
    }
}

/// What a command reads from a folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// Data files: `check`, `build`, `aggregate`.
    DataFiles,
    /// Published reports: `audit`.
    Published,
}

/// Why a file passed over by the walk was not read and what to do, in
/// Chinese, for a command reading `reading`.
pub fn advice(path: &Path, reading: Reading) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if let Some(open) = name.strip_prefix("~$") {
        return format!(
            "Excel/WPS 打开“{open}”时留下的临时文件，不是数据；关闭那个文件后它会消失（不必报送）"
        );
    }
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let published = "已公布的年报或文档：";
    match (ext.as_str(), reading) {
        ("yaml" | "yml", Reading::Published) => {
            "数据文件：audit 只审查已公布的年报；数据文件用 nianbao check 校验".into()
        }
        ("docx" | "pdf" | "htm" | "html" | "shtml" | "txt" | "md", Reading::DataFiles) => format!(
            "{published}check、build、aggregate 只读数据文件（.yaml、.yml、.xlsx）；\
             审查已公布的年报用 nianbao audit，转成数据文件用 nianbao import {name}"
        ),
        ("doc" | "wps" | "rtf", Reading::DataFiles) => {
            "旧版 Word/WPS 文档：在 Word 或 WPS 中“另存为”Word 文档（.docx），\
             再用 nianbao import 转成数据文件（或 nianbao audit 审查）"
                .into()
        }
        ("doc" | "wps" | "rtf", Reading::Published) => {
            "旧版 Word/WPS 文档：在 Word 或 WPS 中“另存为”Word 文档（.docx）后再审查".into()
        }
        ("xls" | "et" | "ods", _) => {
            "旧版 Excel/WPS 表格：在 Excel 或 WPS 中“另存为”Excel 工作簿（.xlsx）后放回".into()
        }
        ("zip" | "rar" | "7z", _) => "压缩包：请先解压，再处理其中的文件".into(),
        ("jpg" | "jpeg" | "png" | "tif" | "tiff" | "bmp" | "gif", _) => {
            "图片（扫描件？）：读不出数字；请向报送单位要数据文件或带文字层的文档".into()
        }
        ("ofd", _) => "OFD 版式文件：读不出；请另存为 PDF 或要 Word 文档".into(),
        ("csv", _) => "CSV 表格：不是年报数据文件，未读取".into(),
        (_, Reading::DataFiles) => {
            "不是数据文件（.yaml、.yml、.xlsx），未读取；确是年报数据的，改回 .yaml 扩展名".into()
        }
        (_, Reading::Published) => {
            "不是 audit 能读的格式（.txt、.html、.docx、.pdf、.xlsx），未审查".into()
        }
    }
}

/// Files of the system or of a file manager, not of anyone's work:
/// neither read nor listed.
fn is_system_file(path: &Path) -> bool {
    path.file_name().is_some_and(|n| {
        let n = n.to_string_lossy();
        n.starts_with('.')
            || n.eq_ignore_ascii_case("Thumbs.db")
            || n.eq_ignore_ascii_case("desktop.ini")
    })
}

/// Whether a file name is a data file's (`.yaml`, `.yml` or a workbook's
/// `.xlsx`, any case; not the `~$` lock file Excel and WPS keep beside a
/// workbook they have open), also when Notepad has added `.txt` to a
/// `.yaml` name ([`notepad_name`]).
pub fn is_data_file(path: &Path) -> bool {
    let lock = path
        .file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with("~$"));
    let ext_is = |path: &Path, exts: &[&str]| {
        path.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| exts.iter().any(|x| e.eq_ignore_ascii_case(x)))
    };
    let yaml = |path: &Path| ext_is(path, &["yaml", "yml"]);
    !lock
        && (yaml(path)
            || ext_is(path, &["xlsx"])
            || notepad_name(path).is_some_and(|name| yaml(Path::new(name))))
}

/// Expands `paths`: a file is taken as it is (whatever its name: it was
/// asked for), a folder is walked. Fails with a Chinese message when a
/// folder cannot be read or there are more than [`MAX_FILES`] files. A
/// data file named `2025.yaml.txt` is taken with a note saying to rename it.
pub fn expand(paths: &[PathBuf]) -> Result<Found, WalkError> {
    let mut found = expand_with(paths, is_data_file, ".yaml、.yml 或 .xlsx")?;
    for path in &found.files {
        if let Some(name) = notepad_name(path).filter(|_| is_data_file(path)) {
            found.skipped.push(format!(
                "{}：文件名多了 .txt（记事本保存时加上的），已当作数据文件读取；请改名为“{name}”",
                path.display()
            ));
        }
    }
    Ok(found)
}

/// Like [`expand`], taking from folders the files `wanted` accepts;
/// `kinds` names them in messages (`.txt 或 .html`).
pub fn expand_with(
    paths: &[PathBuf],
    wanted: fn(&Path) -> bool,
    kinds: &str,
) -> Result<Found, WalkError> {
    let mut found = Found::default();
    for path in paths {
        // The command-line path itself may be a link: the user named it.
        if path.is_dir() {
            let before = found.files.len();
            walk(path, wanted, &mut found)?;
            if found.files.len() == before {
                found
                    .empty_dirs
                    .push((path.clone(), format!("目录中没有 {kinds} 文件")));
            }
        } else {
            found.files.push(path.clone());
            found.subdirs.push(PathBuf::new());
            found.ids.push(None);
        }
        if found.files.len() > MAX_FILES {
            return Err(too_many());
        }
    }
    Ok(found)
}

/// Why the paths of the command line could not be expanded.
#[derive(Debug)]
pub enum WalkError {
    /// More than [`MAX_FILES`] files, or a folder with too many entries.
    TooMany,
    /// A folder could not be listed.
    Unreadable {
        /// The folder.
        dir: PathBuf,
        /// Why, in Chinese.
        reason: String,
    },
}

impl std::fmt::Display for WalkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WalkError::TooMany => write!(
                f,
                "文件过多：一次最多处理 {MAX_FILES} 个数据文件，请分批处理"
            ),
            WalkError::Unreadable { dir, reason } => {
                write!(f, "{}：无法读取目录：{reason}", dir.display())
            }
        }
    }
}

impl std::error::Error for WalkError {}

impl From<WalkError> for crate::stop::Stop {
    fn from(e: WalkError) -> crate::stop::Stop {
        match e {
            WalkError::TooMany => crate::stop::Stop::usage(e.to_string()),
            WalkError::Unreadable { .. } => crate::stop::Stop::io(e.to_string()),
        }
    }
}

fn too_many() -> WalkError {
    WalkError::TooMany
}

/// The files earlier runs wrote into the folders walked, as their marks
/// list them ([`crate::files::folder_outputs`]): an audit's pages and
/// summaries, never read as inputs nor listed as passed over.
#[derive(Debug, Default)]
struct Outputs {
    /// For each marked folder, the files its mark lists (relative to it).
    marked: HashMap<PathBuf, HashSet<PathBuf>>,
}

impl Outputs {
    /// Notes what the mark of `dir`, if any, lists.
    fn enter(&mut self, dir: &Path) {
        if let Some(listed) = crate::files::folder_outputs(dir) {
            self.marked.insert(dir.to_path_buf(), listed);
        }
    }

    /// Whether `file` is listed by the mark of a folder it is in.
    fn hold(&self, file: &Path) -> bool {
        file.ancestors().skip(1).any(|dir| {
            self.marked
                .get(dir)
                .is_some_and(|listed| file.strip_prefix(dir).is_ok_and(|rel| listed.contains(rel)))
        })
    }
}

/// Walks the folder `root` (depth 0), sorted by name, adding the files
/// `wanted` accepts to `found`; the files earlier runs wrote there
/// ([`Outputs`]) are passed over without a word.
fn walk(root: &Path, wanted: fn(&Path) -> bool, found: &mut Found) -> Result<(), WalkError> {
    // Entries below a folder deeper than MAX_DEPTH are not listed: that
    // folder is reported as too deep. Links are not followed, except the
    // folder given on the command line (the user named it).
    let walker = walkdir::WalkDir::new(root)
        .max_depth(MAX_DEPTH + 1)
        .follow_links(false)
        .follow_root_links(true)
        .sort_by_file_name();
    // Entries listed so far in each open folder, by depth.
    let mut listed: Vec<usize> = vec![0; MAX_DEPTH + 2];
    let mut current = root.to_path_buf();
    let mut outputs = Outputs::default();
    outputs.enter(root);
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => match unreadable_folder(&e, &current) {
                // A folder inside the one given: reported, the others go on.
                Some(WalkError::Unreadable { dir, reason }) if dir != root => {
                    found.unreadable_dirs.push((dir, reason));
                    continue;
                }
                // The folder given cannot be read: nothing to walk.
                Some(e) => return Err(e),
                // An entry whose type cannot be read is passed over.
                None => continue,
            },
        };
        let depth = entry.depth();
        if depth == 0 {
            continue;
        }
        listed[depth] += 1;
        if listed[depth] > MAX_FILES * 4 {
            return Err(too_many());
        }
        let path = entry.path();
        let kind = entry.file_type();
        if kind.is_symlink() {
            if wanted(path) || std::fs::metadata(path).is_ok_and(|m| m.is_dir()) {
                found
                    .skipped
                    .push(format!("{}：是符号链接，未跟随，已跳过", path.display()));
            }
        } else if kind.is_dir() {
            if depth > MAX_DEPTH {
                found.skipped.push(format!(
                    "{}：目录层次超过 {MAX_DEPTH} 层，已跳过",
                    path.display()
                ));
            } else {
                listed[depth + 1] = 0;
                current = path.to_path_buf();
                outputs.enter(path);
            }
        } else if kind.is_file() && outputs.hold(path) {
            continue;
        } else if kind.is_file() && wanted(path) {
            // FIFOs, sockets and devices are neither: passed over.
            let dir = path.parent().unwrap_or(root);
            let sub = dir
                .strip_prefix(root)
                .unwrap_or(Path::new(""))
                .to_path_buf();
            found.files.push(path.to_path_buf());
            found.subdirs.push(sub);
            found
                .ids
                .push(entry.metadata().ok().as_ref().and_then(FileId::of));
            if found.files.len() > MAX_FILES {
                return Err(too_many());
            }
        } else if kind.is_file() && !is_system_file(path) {
            found.passed_over.push(path.to_path_buf());
        }
    }
    Ok(())
}

/// The error for a folder that cannot be listed, when `e` is about one:
/// the folder `current` (the last one entered, whose listing failed) or a
/// failure without a path (reading its entries). `None` for an entry
/// whose type cannot be read.
fn unreadable_folder(e: &walkdir::Error, current: &Path) -> Option<WalkError> {
    let dir = match e.path() {
        Some(p) if p == current => p,
        None => current,
        Some(_) => return None,
    };
    let reason = e
        .io_error()
        .map_or_else(|| e.to_string(), crate::files::io_message);
    Some(WalkError::Unreadable {
        dir: dir.to_path_buf(),
        reason,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::slice::Slice;

    #[test]
    fn data_file_names() {
        assert!(is_data_file(Path::new("a/b.yaml")));
        assert!(is_data_file(Path::new("b.YML")));
        assert!(!is_data_file(Path::new("b.yaml.bak")));
        assert!(!is_data_file(Path::new("yaml")));
        assert!(is_data_file(Path::new("a/年报.XLSX")));
        assert!(!is_data_file(Path::new("a/~$年报.xlsx")));
        assert!(is_data_file(Path::new("a/2025.yaml.txt")));
        assert!(is_data_file(Path::new("2025.YML.TXT")));
        assert!(!is_data_file(Path::new("2025.txt")));
        assert!(!is_data_file(Path::new("说明.doc.txt")));
        assert_eq!(
            notepad_name(Path::new("a/年报.yaml.txt")),
            Some("年报.yaml")
        );
        assert_eq!(notepad_name(Path::new("a/2025.txt")), None);
        assert_eq!(notepad_name(Path::new(".txt")), None);
    }

    #[test]
    fn files_not_read_are_listed_with_advice() {
        let tmp = crate::testutil::TempDir::new("walk-passed");
        for name in [
            "a.yaml",
            "b.docx",
            "c.doc",
            "~$d.xlsx",
            "Thumbs.db",
            ".hidden",
            "e.zip",
        ] {
            std::fs::write(tmp.0.join(name), "").unwrap();
        }
        let found = expand(std::slice::from_ref(&tmp.0)).unwrap();
        let names: Vec<_> = found
            .passed_over
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["b.docx", "c.doc", "e.zip", "~$d.xlsx"]);
        let a = |n: &str, r| advice(Path::new(n), r);
        assert!(a("x/b.docx", Reading::DataFiles).contains("nianbao import b.docx"));
        assert!(a("c.doc", Reading::DataFiles).contains("另存为"));
        assert!(a("~$d.xlsx", Reading::DataFiles).contains("打开“d.xlsx”"));
        assert!(a("a.yaml", Reading::Published).contains("nianbao check"));
        assert!(a("x.bin", Reading::DataFiles).contains("不是数据文件"));
    }

    #[test]
    fn a_notepad_name_is_taken_with_a_note() {
        let tmp = crate::testutil::TempDir::new("walk-notepad");
        std::fs::write(tmp.0.join("2025.yaml.txt"), "").unwrap();
        std::fs::write(tmp.0.join("说明.txt"), "").unwrap();
        let found = expand(std::slice::from_ref(&tmp.0)).unwrap();
        assert_eq!(found.files, [tmp.0.join("2025.yaml.txt")]);
        assert_eq!(found.skipped.len(), 1);
        assert!(
            found.skipped[0].contains("请改名为“2025.yaml”"),
            "{:?}",
            found.skipped
        );
    }

    #[test]
    fn sorted_bounded_and_links_not_followed() {
        let tmp = crate::testutil::TempDir::new("walk");
        let root = tmp.0.clone();
        let write = |rel: &str| {
            let p = root.join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "").unwrap();
        };
        write("b.yaml");
        write("a/z.yml");
        write("a/x.txt");
        write("c.YAML");
        // One level too deep: MAX_DEPTH folders below the root still count.
        let mut deep = String::new();
        for i in 0..=MAX_DEPTH {
            deep.push_str(&format!("d{i}/"));
            if i + 1 == MAX_DEPTH {
                write(&format!("{deep}last.yaml"));
            }
        }
        write(&format!("{deep}lost.yaml"));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(root.join("b.yaml"), root.join("link.yaml")).unwrap();
            std::os::unix::fs::symlink(root.join("a"), root.join("linked-dir")).unwrap();
            std::os::unix::fs::symlink(root.join("a/x.txt"), root.join("other-link")).unwrap();
            crate::files::make_fifo(&root.join("pipe.yaml"));
        }
        let found = expand(std::slice::from_ref(&root)).unwrap();
        let names: Vec<_> = found
            .files
            .iter()
            .map(|p| p.strip_prefix(&root).unwrap().display().to_string())
            .collect();
        let last = format!("{}last.yaml", deep.slice_to(deep.len() - "d16/".len()));
        assert_eq!(names, ["a/z.yml", "b.yaml", "c.YAML", last.as_str()]);
        assert_eq!(found.subdirs[0], Path::new("a"));
        assert_eq!(found.subdirs[1], Path::new(""));
        assert!(
            found
                .skipped
                .iter()
                .any(|s| s.contains("目录层次超过 16 层"))
        );
        #[cfg(unix)]
        {
            let links: Vec<_> = found
                .skipped
                .iter()
                .filter(|s| s.contains("符号链接"))
                .collect();
            assert_eq!(links.len(), 2, "{:?}", found.skipped);
        }
        assert!(found.empty_dirs.is_empty());
        let empty = root.join("a");
        let found = expand_with(
            std::slice::from_ref(&empty),
            |p| p.ends_with("none"),
            ".none",
        )
        .unwrap();
        assert_eq!(
            found.empty_dirs,
            vec![(empty, "目录中没有 .none 文件".to_string())]
        );
    }

    #[cfg(unix)]
    #[test]
    fn an_unreadable_folder_inside_is_reported_and_the_walk_goes_on() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = crate::testutil::TempDir::new("walk-unreadable");
        let dir = tmp.0.join("sub");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o000)).unwrap();
        // Root may read anything: nothing to check then.
        if std::fs::read_dir(&dir).is_ok() {
            return;
        }
        let found = expand(std::slice::from_ref(&tmp.0)).unwrap();
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        assert_eq!(
            found.unreadable_dirs.len(),
            1,
            "{:?}",
            found.unreadable_dirs
        );
        assert_eq!(found.unreadable_dirs[0].0, dir);
    }
}
