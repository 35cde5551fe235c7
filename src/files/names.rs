//! File names: the stem of a report's output files, and the name Notepad
//! meant when it added `.txt`.

use std::path::Path;

/// The name without `.txt` of a file named `2025.yaml.txt`: Notepad adds
/// `.txt` to a name typed without quotes, and Explorer, which hides known
/// extensions, shows it as `2025.yaml`. `None` for any other name.
pub fn notepad_name(path: &Path) -> Option<&str> {
    let name = path.file_name()?.to_str()?;
    let stem = name.get(..name.len().checked_sub(4)?)?;
    let ext = name.get(stem.len()..)?;
    let has_ext = Path::new(stem).extension().is_some();
    (ext.eq_ignore_ascii_case(".txt") && has_ext).then_some(stem)
}

/// Most characters of a file name made from an agency's name (before the
/// year and extension): file systems take 255 bytes, a Chinese character
/// is three in UTF-8.
const MAX_STEM_CHARS: usize = 60;

/// Names Windows reserves for devices, whatever the extension.
const RESERVED: [&str; 22] = [
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// A file name stem for `agency`'s report of `year` that every system
/// accepts: `淄博市张店区审计局-2025`. Characters Windows forbids
/// (`\/:*?"<>|`) and control characters become `_`, spaces are dropped,
/// leading and trailing dots are removed, a reserved device name gets `_`,
/// and the agency part is cut to [`MAX_STEM_CHARS`] characters.
pub fn report_stem(agency: &str, year: i32) -> String {
    let mut part: String = agency
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| {
            if c.is_control() || crate::source::is_hidden(c) || "\\/:*?\"<>|".contains(c) {
                '_'
            } else {
                c
            }
        })
        .take(MAX_STEM_CHARS)
        .collect();
    part = part.trim_matches('.').to_string();
    if RESERVED.iter().any(|r| part.eq_ignore_ascii_case(r)) {
        part.push('_');
    }
    if part.is_empty() {
        year.to_string()
    } else {
        format!("{part}-{year}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_stems_are_safe_everywhere() {
        assert_eq!(
            report_stem("淄博市张店区审计局", 2025),
            "淄博市张店区审计局-2025"
        );
        assert_eq!(report_stem("某局/科室:一*?", 2025), "某局_科室_一__-2025");
        assert_eq!(report_stem(" 某 局 ", 2025), "某局-2025");
        assert_eq!(report_stem("..某局..", 2025), "某局-2025");
        assert_eq!(report_stem("CON", 2025), "CON_-2025");
        assert_eq!(report_stem("a\u{1b}b", 2025), "a_b-2025");
        assert_eq!(report_stem("...", 2025), "2025");
        let long = "局".repeat(200);
        assert_eq!(report_stem(&long, 2025).chars().count(), MAX_STEM_CHARS + 5);
    }
}
