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

pub use error::BuildError;
pub use one::CheckedForBuild;
pub use plan::{BuildPlan, OutputFormat};
pub use render::{Begun, Output};

use std::path::Path;

use crate::files::WriteError;

/// Creates `out_dir` and writes the rendered files atomically as one group
/// (`files::write_group_atomic`): all of them or none.
pub fn write(out_dir: &Path, outputs: &[Output]) -> Result<(), BuildError> {
    crate::files::create_dir(out_dir)?;
    crate::files::write_group_atomic(outputs)
        .map_err(|(path, source)| WriteError::Write { path, source }.into())
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
