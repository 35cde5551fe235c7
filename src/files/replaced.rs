//! Second names for the files a build replaces, so that moving the new
//! files into place frees none of the old ones' blocks on the way.
//!
//! Replacing a file by `rename` frees the old file's blocks inside the
//! call; on a file system that discards freed blocks as it frees them
//! (ext4 mounted with `discard` and no journal) each replaced file waited
//! for the disk there, about 0.1 ms, one file after another at the very end
//! of a build (docs/benchmark.md, issue 76). With a second name (a hard
//! link, named as a temporary) the moves only drop a name; the second names
//! are then removed side by side, so that the waits overlap. Linux only:
//! elsewhere a file open in a viewer may refuse to lose a name, which would
//! leave the second name behind.

use std::path::{Path, PathBuf};

/// Gives each of `paths` that is a plain file with one name a second name
/// beside it, the first free one of `names_for` it (a temporary's names),
/// and returns the second names made. A file that cannot be given one is
/// replaced as before.
#[cfg(target_os = "linux")]
pub(super) fn keep<'a, N: Iterator<Item = PathBuf>>(
    paths: impl Iterator<Item = &'a Path>,
    names_for: impl Fn(&Path) -> Option<N>,
) -> Vec<PathBuf> {
    use std::os::unix::fs::MetadataExt;
    paths
        .filter(|path| {
            path.symlink_metadata()
                .is_ok_and(|m| m.file_type().is_file() && m.nlink() == 1)
        })
        .filter_map(|path| second_name(path, names_for(path)?))
        .collect()
}

/// Elsewhere, none ([`keep`] on Linux).
#[cfg(not(target_os = "linux"))]
pub(super) fn keep<'a, N: Iterator<Item = PathBuf>>(
    _paths: impl Iterator<Item = &'a Path>,
    _names_for: impl Fn(&Path) -> Option<N>,
) -> Vec<PathBuf> {
    Vec::new()
}

/// A hard link to `path` under the first free one of `names`; `None` when
/// none could be made (no hard links on this file system, say). The link
/// is made to the name itself, never through a symbolic link it may have
/// become meanwhile.
#[cfg(target_os = "linux")]
fn second_name(path: &Path, names: impl Iterator<Item = PathBuf>) -> Option<PathBuf> {
    for name in names {
        match std::fs::hard_link(path, &name) {
            Ok(()) => return Some(name),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(_) => return None,
        }
    }
    None
}

/// Removes the second names made by [`keep`], side by side on the thread
/// pool: each removal frees an old file's blocks and may wait for the disk.
pub(super) fn let_go(names: Vec<PathBuf>) {
    match names.as_slice() {
        [] => {}
        [one] => {
            let _ = std::fs::remove_file(one);
        }
        many => rayon::scope(|s| {
            for name in many {
                s.spawn(move |_| {
                    let _ = std::fs::remove_file(name);
                });
            }
        }),
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    /// A replaced file keeps its bytes under its second name until it is
    /// let go; links, folders and missing files get none; nothing is left.
    #[test]
    fn second_names_hold_the_old_files_until_let_go() {
        let tmp = crate::testutil::TempDir::new("replaced");
        let dir = &tmp.0;
        let (a, b, gone, link, folder) = (
            dir.join("a.pdf"),
            dir.join("b.md"),
            dir.join("gone.html"),
            dir.join("link.pdf"),
            dir.join("sub"),
        );
        std::fs::write(&a, "old a").unwrap();
        std::fs::write(&b, "old b").unwrap();
        std::os::unix::fs::symlink(&a, &link).unwrap();
        std::fs::create_dir(&folder).unwrap();
        let paths = [&a, &b, &gone, &link, &folder];
        let names = |p: &Path| {
            let name = p.file_name()?.to_string_lossy().into_owned();
            let dir = p.parent()?.to_path_buf();
            Some((0..3).map(move |i| dir.join(format!(".{name}.{i}.tmp"))))
        };
        let kept = keep(paths.iter().map(|p| p.as_path()), names);
        assert_eq!(kept.len(), 2, "{kept:?}");
        std::fs::write(dir.join("new"), "new a").unwrap();
        std::fs::rename(dir.join("new"), &a).unwrap();
        assert_eq!(std::fs::read_to_string(&kept[0]).unwrap(), "old a");
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "new a");
        let_go(kept);
        let mut left: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["a.pdf", "b.md", "link.pdf", "sub"]);
        assert_eq!(std::fs::read_to_string(&b).unwrap(), "old b");
    }
}
