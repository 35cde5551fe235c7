//! One data file built (`nianbao build FILE`): checked, with the warnings
//! of characters the PDF fonts lack, then rendered and written. One call,
//! which hands the checked file to the caller (to show the findings) before
//! the build goes on.

use std::path::Path;
use std::sync::{Mutex, OnceLock};

use super::plan::OutputFormat;
use super::{Begun, BuildError, BuildPlan, Output};
use crate::check::{Checked, check_loaded_then};
use crate::files::ReadError;
use crate::load::Loaded;
use crate::render::budget::Origin;
use crate::render::document::Document;
use crate::render::markup::{self, TextFormat};
use crate::render::pdf;
use crate::render::templates::{TemplateError, Templates};
use crate::render::typeset::{self, FontError, Fonts, Page};
use crate::render::zaozi::ZaoziFont;

/// A data file checked for the build, with the fonts loaded once for the
/// glyph check and for the PDF.
pub struct CheckedForBuild {
    /// The file, its report and its findings (the glyph warnings too).
    pub checked: Checked,
    /// The fonts, when a PDF is asked for and they could be loaded.
    pub fonts: Option<Fonts>,
    /// Why the fonts could not be loaded: the other formats are still
    /// built, and the caller says the PDF was not.
    pub font_error: Option<FontError>,
    /// What the build made and is done with (the document, the templates'
    /// context): kept here so that it is freed with the rest, or never by
    /// a command that ends (`std::mem::forget`, issue 76).
    _spent: Spent,
}

/// The work [`BuildPlan::check_and_build`] made beside the check, which
/// its caller frees with the result.
type Spent = (
    OnceLock<Option<tera::Context>>,
    Option<Document>,
    pdf::Ahead,
    Mutex<Option<Vec<Page>>>,
);

impl BuildPlan {
    /// Checks `file` and builds it when the check allows, as `nianbao build
    /// FILE` does; `show` is given the checked file (its findings, the
    /// glyph warnings too) before the build goes on. For speed: the
    /// templates load beside the file; the rules run on both cores, and the
    /// core that ran the narrative's half then cuts and deflates the PDF's
    /// body face and makes the text templates' context, for the document
    /// as it will be built, while this one goes from the other half to the
    /// layout, without waiting for the findings (see [`pdf::Ahead`] and
    /// [`super::Begun`]; the bytes never depend on any of it).
    /// Returns the checked file with its fonts, and the build's outcome.
    pub fn check_and_build(
        &self,
        file: &Path,
        show: impl FnOnce(&Checked),
    ) -> Result<(CheckedForBuild, Result<Vec<Output>, BuildError>), ReadError> {
        let ((loaded, (mut fonts, font_error)), tera) =
            rayon::join(|| self.load_with_fonts(file), || self.load_templates());
        let loaded = loaded?;
        // The document as a build without a draft stamp makes it, with the
        // built-in templates only: a pack's sentences, metered and perhaps
        // slow, wait until the check has allowed a build. Made beside the
        // fonts' covering of the file's characters.
        let ((), doc) = rayon::join(
            || {
                if let (Some(fonts), Some(report)) = (&mut fonts, &loaded.report) {
                    fonts.cover(&typeset::report_chars(report));
                }
            },
            || match (&loaded.report, &tera) {
                (Some(report), Ok(tera))
                    if !self.draft
                        && tera.origin() == Origin::BuiltIn
                        && super::render::within_budget(report).is_ok() =>
                {
                    self.document(report, None, tera).ok()
                }
                _ => None,
            },
        );
        let ahead = pdf::Ahead::new();
        let text = OnceLock::new();
        let laid = Mutex::new(None);
        let written = Mutex::new(Vec::new());
        let (checked, built) = rayon::in_place_scope(|scope| {
            // Queued where the narrative's rules ran, once they are done: the
            // other core takes them first, then the body face and the text
            // context, while this one goes on from the other rules to the
            // layout (`rules::check_then`).
            let texts = [OutputFormat::Md, OutputFormat::Html];
            let (doc, fonts, ahead, text, laid) = (&doc, &fonts, &ahead, &text, &laid);
            let then = move || {
                if let Some(doc) = doc
                    && self.formats.iter().any(|f| texts.contains(f))
                {
                    scope.spawn(move |_| {
                        text.get_or_init(|| markup::template_context(doc, TextFormat::Html).ok());
                    });
                }
                // Spawned last, so taken first by the core it is queued on.
                if let (Some(doc), Some(fonts)) = (doc, fonts) {
                    scope.spawn(move |_| ahead.body(doc, fonts));
                }
            };
            // The pages laid out here after the smaller half of the rules,
            // while the other core finishes the narrative's: the build takes
            // them if it builds this very document.
            let beside = move || {
                if let (Some(doc), Some(fonts)) = (doc, fonts)
                    && self.formats.contains(&OutputFormat::Pdf)
                {
                    let pages = typeset::lay_out(doc, &self.pdf_options().layout(), fonts);
                    *laid.lock().unwrap_or_else(|e| e.into_inner()) = Some(pages);
                }
            };
            let checked = with_glyph_warnings(
                check_loaded_then(loaded, None, then, beside),
                fonts.as_ref(),
                self.fonts.zaozi.as_deref(),
            );
            show(&checked);
            let begun = Begun {
                ahead: Some(ahead),
                text: Some(text),
                laid: Some(laid),
                written: Some(&written),
            };
            let built =
                self.build_document(file, &checked, fonts.as_ref(), tera, doc.as_ref(), begun);
            // Nothing more of it is waited for: a check that stops the
            // build leaves the faces' work unbegun if it can.
            ahead.settle();
            (checked, built)
        });
        let c = CheckedForBuild {
            checked,
            fonts,
            font_error,
            _spent: (text, doc, ahead, laid),
        };
        Ok((c, built))
    }

    /// Loads `file` and, when a PDF is asked for and the file could be
    /// read, the fonts (or why they could not be loaded), side by side:
    /// whichever core is done with the templates first takes the fonts.
    /// The caller covers the fonts for the file's characters
    /// ([`Fonts::cover`]).
    fn load_with_fonts(
        &self,
        file: &Path,
    ) -> (
        Result<Loaded, ReadError>,
        (Option<Fonts>, Option<FontError>),
    ) {
        let (loaded, fonts) = rayon::join(
            || crate::load::load_walked(file, None),
            || self.load_fonts(),
        );
        let fonts = match (&loaded, fonts) {
            (Ok(_), Ok(Some(fonts))) => (Some(fonts), None),
            (_, Ok(_)) => (None, None),
            (_, Err(e)) => (None, Some(e)),
        };
        (loaded, fonts)
    }

    /// The build half of [`BuildPlan::check_and_build`]: `doc` is the
    /// document built before the check with no draft stamp, used when the
    /// build has none either.
    fn build_document(
        &self,
        file: &Path,
        checked: &Checked,
        fonts: Option<&Fonts>,
        tera: Result<Templates, TemplateError>,
        doc: Option<&Document>,
        mut begun: Begun<'_>,
    ) -> Result<Vec<Output>, BuildError> {
        let report = self.buildable(checked)?;
        super::render::within_budget(report)?;
        let draft = self.draft_for(&checked.diagnostics, false);
        let tera = tera?;
        let built;
        let doc = match doc {
            Some(doc) if draft.is_none() => doc,
            _ => {
                built = self.document(report, draft, &tera)?;
                // The text context and the pages begun were another
                // document's.
                begun.text = None;
                begun.laid = None;
                &built
            }
        };
        let outputs =
            self.render_document(file, report, doc, &tera, fonts, &self.out_dir, begun)?;
        let written = begun
            .written
            .and_then(|list| list.lock().ok().map(|mut list| std::mem::take(&mut *list)))
            .unwrap_or_default();
        super::write_with(&self.out_dir, &outputs, written)?;
        Ok(outputs)
    }

    /// The report of `checked` if the plan may build it: refused when it is
    /// no report, or has errors and no draft was asked.
    fn buildable<'a>(&self, checked: &'a Checked) -> Result<&'a crate::model::Report, BuildError> {
        let Some(report) = &checked.report else {
            return Err(BuildError::NotAReport);
        };
        let errors = checked.errors();
        if errors > 0 && !self.draft {
            return Err(BuildError::DataErrors(errors));
        }
        Ok(report)
    }
}

/// `checked` with warnings of the characters `fonts` lack (the PDF's), or
/// the default fonts when no PDF is built: the web page and the Word
/// document of a report with such characters are drafts too
/// ([`BuildPlan::draft_for`]). The collection server's downloads use it too.
/// A 造字 the agency's 造字 font `zaozi` prints is no finding (GLYPH,
/// TEXT-PUA): it is printed from that font.
pub fn with_glyph_warnings(
    mut checked: Checked,
    fonts: Option<&Fonts>,
    zaozi: Option<&ZaoziFont>,
) -> Checked {
    if let Some(report) = &checked.report {
        let glyphs = match fonts {
            Some(fonts) => typeset::glyph_warnings(report, &checked.file, fonts),
            None => typeset::default_glyph_warnings(report, &checked.file),
        };
        checked.diagnostics.extend(glyphs);
        drop_printed_zaozi(&mut checked, zaozi);
        crate::diag::sort(&mut checked.diagnostics);
    }
    checked
}

/// `checked` without the findings (GLYPH, TEXT-PUA) of the 造字 the 造字
/// font `zaozi` prints ([`crate::render::zaozi::printed_by`]).
pub fn drop_printed_zaozi(checked: &mut Checked, zaozi: Option<&ZaoziFont>) {
    if let Some(font) = zaozi {
        let file = &checked.file;
        checked
            .diagnostics
            .retain(|d| !crate::render::zaozi::printed_by(font, d, file));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::layout::page::PageNumbers;

    #[test]
    fn a_file_with_errors_is_not_built_without_draft() {
        let tmp = crate::testutil::TempDir::new("build-one");
        let file = tmp.0.join("bad.yaml");
        std::fs::write(&file, "a: [\n").unwrap();
        let plan = BuildPlan {
            formats: vec![super::super::OutputFormat::Md],
            out_dir: tmp.0.join("out"),
            page_numbers: PageNumbers::Alternate,
            ..BuildPlan::default()
        };
        let mut shown = 0;
        let (c, built) = plan
            .check_and_build(&file, |checked| shown = checked.errors())
            .unwrap();
        assert!(shown > 0);
        assert_eq!(c.checked.errors(), shown);
        let e = built.unwrap_err();
        assert!(
            matches!(e, BuildError::NotAReport | BuildError::DataErrors(_)),
            "{e}"
        );
        assert!(!tmp.0.join("out").exists());
        let missing = plan.check_and_build(&tmp.0.join("gone.yaml"), |_| ());
        assert!(missing.is_err());
    }
}
