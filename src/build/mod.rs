//! The build plan: how one report becomes its output files.
//!
//! `nianbao build FILE`, `nianbao build DIR` (many files in parallel) and
//! the preview all render through a [`BuildPlan`]: the formats asked for,
//! the output folder, page numbering, draft mode, fonts and templates. The
//! command line turns its arguments into a plan once; the plan loads the
//! fonts and templates, renders the formats of one report into memory
//! ([`BuildPlan::render`]) and writes them as one group ([`write`]).

mod error;
mod one;
mod plan;
mod render;
mod schedule;

pub use error::BuildError;
pub use one::{CheckedForBuild, drop_printed_zaozi, with_glyph_warnings};
pub use plan::{BuildPlan, OutputFormat};
pub use render::{Begun, Output, within_budget};

use std::path::Path;

use crate::files::{Durability, WriteError};

/// Creates `out_dir` and writes the rendered files atomically as one group
/// (`files::write_group_atomic_with`): all of them or none, moved into
/// place without waiting for the disk ([`Durability::Rebuildable`]: the
/// data file makes them again).
pub fn write(out_dir: &Path, outputs: &[Output]) -> Result<(), BuildError> {
    write_with(out_dir, outputs, Vec::new())
}

/// [`write`], some of whose files were `written` ahead as they were
/// rendered ([`Begun::written`]): those are only moved into place.
pub fn write_with(
    out_dir: &Path,
    outputs: &[Output],
    written: Vec<crate::files::Written>,
) -> Result<(), BuildError> {
    crate::files::create_dir(out_dir)?;
    crate::files::write_group_atomic_with(outputs, written, Durability::Rebuildable)
        .map_err(|(path, source)| WriteError::Write { path, source }.into())
}

/// What to say of a PDF of `report` set with `fonts` that shows characters
/// no face has, and is therefore marked 草稿 (unless they are accepted,
/// `--accept-missing-glyphs`); `None` when there are none. Said by
/// `nianbao build` and by the workbench when it writes a PDF.
pub fn glyph_draft_note(
    report: &crate::model::Report,
    fonts: &crate::render::typeset::Fonts,
) -> Option<String> {
    let missing = fonts.uncovered(&crate::render::typeset::report_chars(report));
    if missing.is_empty() {
        return None;
    }
    let shown: Vec<String> = missing
        .iter()
        .map(|&ch| format!("{ch} U+{:04X}", ch as u32))
        .collect();
    Some(format!(
        "PDF 中有 {} 个字符（{}）所用字体都没有，显示为空白方框，PDF 已标为“草稿”，不能作为正式文本发布",
        missing.len(),
        shown.join("、")
    ))
}

/// The file stem of a data file, which names its outputs (`report` when it
/// has none).
pub fn output_stem(file: &Path) -> String {
    // `2025.yaml.txt` (saved by Notepad) names its outputs `2025.*`.
    let file = crate::files::notepad_name(file).map_or(file, Path::new);
    file.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "report".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_are_named_after_the_data_file() {
        assert_eq!(output_stem(Path::new("a/2024-交通.yaml")), "2024-交通");
        assert_eq!(output_stem(Path::new("a/.yaml")), ".yaml");
        assert_eq!(output_stem(Path::new("")), "report");
        assert_eq!(output_stem(Path::new("a/2025.yaml.txt")), "2025");
        assert_eq!(output_stem(Path::new("a/2025.txt")), "2025");
    }
}
