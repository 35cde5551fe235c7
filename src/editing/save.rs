//! A save's edits made on the text they were made on: refused when the
//! text changed since the page showed it, or when it cannot be read as a
//! report; otherwise every edit written in place ([`yaml_edit::set`]), in
//! order; an edit of `沿用上年` confirms a carried paragraph
//! ([`super::carried::confirm`]), one of `沿用数字` a carried figure
//! ([`super::carried::confirm_figure`]). The front ends say each refusal in their own words.

use std::path::Path;

use super::request::{MAX_EDITS, Save};
use super::state::version;
use super::yaml_edit::{self, EditError};
use crate::load;
use crate::source::SourceFile;

/// Why a save was not made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// More than [`MAX_EDITS`] edits.
    TooMany,
    /// The text is no longer the version the edits were made on.
    Stale,
    /// The text cannot be read as a report (its edition is unknown).
    Unreadable,
    /// One edit could not be written.
    Edit(EditError),
}

/// The refusal of a save with too many edits.
pub const TOO_MANY: &str = "一次修改的项目过多";

/// Refuses a save of more than [`MAX_EDITS`] edits, before anything is
/// read.
pub fn bounded(save: &Save) -> Result<(), Refused> {
    if save.edits.len() > MAX_EDITS {
        return Err(Refused::TooMany);
    }
    Ok(())
}

/// `text` (the current text of `file`) with the edits of `save` made:
/// one version check, one load for the edition, then each edit in place.
pub fn apply(save: &Save, file: &Path, text: &str) -> Result<String, Refused> {
    if version(text) != save.version {
        return Err(Refused::Stale);
    }
    let edition = load::load_str(SourceFile::new(file, text))
        .report
        .map(|r| r.edition())
        .ok_or(Refused::Unreadable)?;
    let mut changed = text.to_string();
    for e in &save.edits {
        changed = if e.path == super::carried::CONFIRM_PATH {
            super::carried::confirm(&changed, &e.value)
        } else if e.path == super::carried::CONFIRM_FIGURE_PATH {
            super::carried::confirm_figure(&changed, &e.value)
        } else {
            yaml_edit::set(&changed, edition, &e.path, &e.value)
        }
        .map_err(Refused::Edit)?;
    }
    Ok(changed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::editing::request::Edit;

    fn save(version: String, edits: &[(&str, &str)]) -> Save {
        Save {
            file: "2025.yaml".into(),
            version,
            edits: edits
                .iter()
                .map(|(p, v)| Edit {
                    path: (*p).into(),
                    value: (*v).into(),
                })
                .collect(),
            preview: true,
        }
    }

    #[test]
    fn edits_are_made_on_their_version_only() {
        let text = crate::next_year::blank(2025, "某市某局").text();
        let file = Path::new("2025.yaml");
        let ok = save(
            version(&text),
            &[("联系方式.电话", "1"), ("联系方式.电话", "2")],
        );
        let out = apply(&ok, file, &text).unwrap();
        let report = load::load_str(SourceFile::new(file, out.as_str())).report;
        assert_eq!(report.unwrap().contact.phone.unwrap().value, "2");
        let stale = save("0-0".into(), &[("联系方式.电话", "1")]);
        assert_eq!(apply(&stale, file, &text), Err(Refused::Stale));
        let bad = save(version("a: ["), &[]);
        assert_eq!(apply(&bad, file, "a: ["), Err(Refused::Unreadable));
        let wrong = save(version(&text), &[("不存在", "1")]);
        assert!(matches!(apply(&wrong, file, &text), Err(Refused::Edit(_))));
        let many = save(String::new(), &vec![("年度", "1"); MAX_EDITS + 1]);
        assert_eq!(bounded(&many), Err(Refused::TooMany));
        assert_eq!(bounded(&ok), Ok(()));
    }
}
