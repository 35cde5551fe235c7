//! Expanding the paths of the command line into data files.
//!
//! A folder is walked recursively for `*.yaml` and `*.yml` files, in sorted
//! order. Symbolic links inside a folder are never followed (a planted link
//! could lead out of the tree or into a loop); they are reported and
//! skipped. Depth and number of files are bounded.

use std::path::{Path, PathBuf};

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
    /// Chinese notes on what was skipped (symbolic links, too deep).
    pub skipped: Vec<String>,
    /// Folders given on the command line that hold no file wanted, with
    /// the Chinese message saying so.
    pub empty_dirs: Vec<(PathBuf, String)>,
}

/// Whether a file name is a data file's (`.yaml` or `.yml`, any case).
pub fn is_data_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// Expands `paths`: a file is taken as it is (whatever its name: it was
/// asked for), a folder is walked. Fails with a Chinese message when a
/// folder cannot be read or there are more than [`MAX_FILES`] files.
pub fn expand(paths: &[PathBuf]) -> Result<Found, String> {
    expand_with(paths, is_data_file, ".yaml 或 .yml")
}

/// Like [`expand`], taking from folders the files `wanted` accepts;
/// `kinds` names them in messages (`.txt 或 .html`).
pub fn expand_with(
    paths: &[PathBuf],
    wanted: fn(&Path) -> bool,
    kinds: &str,
) -> Result<Found, String> {
    let mut found = Found::default();
    for path in paths {
        // The command-line path itself may be a link: the user named it.
        if path.is_dir() {
            let before = found.files.len();
            walk(path, path, 0, wanted, &mut found)?;
            if found.files.len() == before {
                found
                    .empty_dirs
                    .push((path.clone(), format!("目录中没有 {kinds} 文件")));
            }
        } else {
            found.files.push(path.clone());
            found.subdirs.push(PathBuf::new());
        }
        if found.files.len() > MAX_FILES {
            return Err(too_many());
        }
    }
    Ok(found)
}

fn too_many() -> String {
    format!("文件过多：一次最多处理 {MAX_FILES} 个数据文件，请分批处理")
}

fn walk(
    root: &Path,
    dir: &Path,
    depth: usize,
    wanted: fn(&Path) -> bool,
    found: &mut Found,
) -> Result<(), String> {
    if depth > MAX_DEPTH {
        found.skipped.push(format!(
            "{}：目录层次超过 {MAX_DEPTH} 层，已跳过",
            dir.display()
        ));
        return Ok(());
    }
    let entries = std::fs::read_dir(dir).map_err(|e| {
        format!(
            "{}：无法读取目录：{}",
            dir.display(),
            crate::load::io_message(&e)
        )
    })?;
    let mut children: Vec<PathBuf> = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| {
            format!(
                "{}：无法读取目录：{}",
                dir.display(),
                crate::load::io_message(&e)
            )
        })?;
        children.push(entry.path());
        if children.len() > MAX_FILES * 4 {
            return Err(too_many());
        }
    }
    children.sort();
    for child in children {
        let Ok(meta) = std::fs::symlink_metadata(&child) else {
            continue;
        };
        let kind = meta.file_type();
        if kind.is_symlink() {
            if wanted(&child) || std::fs::metadata(&child).is_ok_and(|m| m.is_dir()) {
                found
                    .skipped
                    .push(format!("{}：是符号链接，未跟随，已跳过", child.display()));
            }
        } else if kind.is_dir() {
            walk(root, &child, depth + 1, wanted, found)?;
        } else if kind.is_file() && wanted(&child) {
            let sub = dir
                .strip_prefix(root)
                .unwrap_or(Path::new(""))
                .to_path_buf();
            found.files.push(child);
            found.subdirs.push(sub);
            if found.files.len() > MAX_FILES {
                return Err(too_many());
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_file_names() {
        assert!(is_data_file(Path::new("a/b.yaml")));
        assert!(is_data_file(Path::new("b.YML")));
        assert!(!is_data_file(Path::new("b.yaml.bak")));
        assert!(!is_data_file(Path::new("yaml")));
    }
}
