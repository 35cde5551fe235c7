//! One data file built (`nianbao build FILE`): checked, with the warnings
//! of characters the PDF fonts lack, then rendered and written. Two steps,
//! so that the caller can show the findings before the build goes on.

use std::path::Path;

use super::{BuildError, BuildPlan, Output};
use crate::check::{Checked, check_path};
use crate::files::ReadError;
use crate::render::pdf::{self, Fonts, PdfError};
use crate::render::templates::{TemplateError, Templates};

/// A data file checked for the build, with the fonts loaded once for the
/// glyph check and for the PDF.
pub struct CheckedForBuild {
    /// The file, its report and its findings (the glyph warnings too).
    pub checked: Checked,
    /// The fonts, when a PDF is asked for and they could be loaded.
    pub fonts: Option<Fonts>,
    /// Why the fonts could not be loaded: the other formats are still
    /// built, and the caller says the PDF was not.
    pub font_error: Option<PdfError>,
}

impl BuildPlan {
    /// Checks `file` for a build: its findings, with warnings of the
    /// characters the fonts lack (installed fonts are tried first).
    pub fn check_for_build(&self, file: &Path) -> Result<CheckedForBuild, ReadError> {
        let mut checked = check_path(file, None)?;
        let (mut fonts, font_error) = match self.load_fonts() {
            Ok(fonts) => (fonts, None),
            Err(e) => (None, Some(e)),
        };
        if let (Some(fonts), Some(report)) = (&mut fonts, &checked.report) {
            fonts.cover(&pdf::report_chars(report));
            let glyphs = pdf::glyph_warnings(report, &checked.file, fonts);
            checked.diagnostics.extend(glyphs);
            crate::diag::sort(&mut checked.diagnostics);
        }
        Ok(CheckedForBuild {
            checked,
            fonts,
            font_error,
        })
    }

    /// [`BuildPlan::check_for_build`] with the templates loaded beside the
    /// check, on the other core (they take about half as long as the
    /// check, and only the build needs them).
    pub fn check_for_build_with_templates(
        &self,
        file: &Path,
    ) -> (
        Result<CheckedForBuild, ReadError>,
        Result<Templates, TemplateError>,
    ) {
        rayon::join(|| self.check_for_build(file), || self.load_templates())
    }

    /// Renders and writes the checked file into the plan's output folder;
    /// refused when it is no report, or has errors and no draft was asked.
    /// Returns the files written.
    pub fn build_checked(
        &self,
        file: &Path,
        c: &CheckedForBuild,
    ) -> Result<Vec<Output>, BuildError> {
        self.build_checked_with(file, c, self.load_templates())
    }

    /// [`BuildPlan::build_checked`] with the templates already loaded (or
    /// the reason they could not be, reported only if the build goes on).
    pub fn build_checked_with(
        &self,
        file: &Path,
        c: &CheckedForBuild,
        tera: Result<Templates, TemplateError>,
    ) -> Result<Vec<Output>, BuildError> {
        let errors = c.checked.errors();
        let Some(report) = &c.checked.report else {
            return Err(BuildError::NotAReport);
        };
        if errors > 0 && !self.draft {
            return Err(BuildError::DataErrors(errors));
        }
        let draft = self.draft_stamp(errors, c.checked.warnings());
        let tera = tera?;
        let outputs = self.render(file, report, draft, &tera, c.fonts.as_ref(), &self.out_dir)?;
        super::write(&self.out_dir, &outputs)?;
        Ok(outputs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_with_errors_is_not_built_without_draft() {
        let tmp = crate::testutil::TempDir::new("build-one");
        let file = tmp.0.join("bad.yaml");
        std::fs::write(&file, "a: [\n").unwrap();
        let plan = BuildPlan {
            formats: vec![super::super::OutputFormat::Md],
            out_dir: tmp.0.join("out"),
            page_numbers: pdf::PageNumbers::Alternate,
            draft: false,
            fonts: pdf::FontChoice::default(),
            templates: None,
            name_by_agency: false,
            pdfa: false,
            accept_missing_glyphs: false,
        };
        let c = plan.check_for_build(&file).unwrap();
        assert!(c.checked.errors() > 0);
        let e = plan.build_checked(&file, &c).unwrap_err();
        assert!(
            matches!(e, BuildError::NotAReport | BuildError::DataErrors(_)),
            "{e}"
        );
        assert!(!tmp.0.join("out").exists());
        let missing = plan.check_for_build(&tmp.0.join("gone.yaml"));
        assert!(missing.is_err());
    }
}
