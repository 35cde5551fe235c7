//! The notes of an import (从上年生成 from last year's published report),
//! kept beside the data file they concern so that they survive a reload
//! of the page and a restart of the workbench.
//!
//! They live in a hidden file next to the data file, `.NAME.notes.json`
//! (`.2025.yaml.notes.json`): a list of `[data path, note]`. The data file
//! itself keeps only what `nianbao new --from` writes into it; last year's
//! data file, written by the import, has the same notes as comments above
//! its values (as `nianbao import` writes them). A hidden name is never
//! listed nor served by the workbench (`folder::plain_name`), and the file
//! is read without following links and within a bound.

use std::io;
use std::path::{Path, PathBuf};

use crate::files;

/// Most notes kept for one data file.
pub const MAX_NOTES: usize = 200;

/// Largest notes file read.
const MAX_BYTES: u64 = 1024 * 1024;

/// One note: the data path it concerns (a cell, a row or a key) and its text.
pub type Note = (String, String);

/// Where the notes of the data file at `data` are kept.
pub fn path_for(data: &Path) -> PathBuf {
    let name = data
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    data.with_file_name(format!(".{name}.notes.json"))
}

/// Keeps `notes` (at most [`MAX_NOTES`]) for the data file at `data`,
/// replacing earlier ones atomically.
pub fn save(data: &Path, notes: &[Note]) -> io::Result<()> {
    let kept = &notes[..notes.len().min(MAX_NOTES)];
    let text = serde_json::to_string_pretty(kept).map_err(io::Error::other)?;
    files::write_atomic(&path_for(data), text.as_bytes())
}

/// Drops the notes kept for the data file at `data` (a new file of that
/// name starts without them); a link or folder at the name is left alone.
pub fn forget(data: &Path) {
    let at = path_for(data);
    if std::fs::symlink_metadata(&at).is_ok_and(|m| m.file_type().is_file()) {
        let _ = std::fs::remove_file(at);
    }
}

/// The notes kept for the data file at `data`: none when there is no
/// notes file, or when it is a link, too large or not a list of notes.
pub fn load(data: &Path) -> Vec<Note> {
    let Ok(bytes) = crate::files::read_limited_no_link(&path_for(data), MAX_BYTES, "导入说明")
    else {
        return Vec::new();
    };
    let mut notes: Vec<Note> = serde_json::from_slice(&bytes).unwrap_or_default();
    notes.truncate(MAX_NOTES);
    notes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_are_kept_beside_the_data_file_and_read_back() {
        let dir = crate::testutil::TempDir::new("wb-notes");
        let data = dir.0.join("2025.yaml");
        assert!(load(&data).is_empty());
        let notes = vec![(
            "依申请公开.本年新收".to_string(),
            "原表此行有 1 格未能读出".to_string(),
        )];
        save(&data, &notes).unwrap();
        assert_eq!(path_for(&data), dir.0.join(".2025.yaml.notes.json"));
        assert_eq!(load(&data), notes);
        std::fs::write(path_for(&data), "not json").unwrap();
        assert!(load(&data).is_empty());
        forget(&data);
        assert!(!path_for(&data).exists());
    }
}
