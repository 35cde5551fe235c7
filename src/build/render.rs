//! Rendering one report into memory, every asked format side by side.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use crate::render::templates::Templates;

use super::BuildError;
use super::plan::{BuildPlan, OutputFormat};
use super::schedule::{self, PdfSteps, Rendered};
use crate::files::{Durability, Written};
use crate::model::Report;
use crate::render::document::{self, Document, Draft};
use crate::render::docx;
use crate::render::markup::{self, TextFormat};
use crate::render::pdf;
use crate::render::templates::TemplateError;
use crate::render::typeset::{self, Fonts, Page};

/// Bytes of document text past which the formats are rendered one after
/// another rather than side by side ([`Document::text_len`]): a real
/// report has tens of kilobytes; at megabytes the renders' memory adds up.
pub(super) const SIDE_BY_SIDE_MOST: usize = 2_000_000;

/// Whether `report`'s text is within what a render takes on: work and
/// memory go by the lines it lays out and how deep they nest
/// ([`crate::model::bounds`], which `check` reports too), counted before
/// any document is made.
pub fn within_budget(report: &Report) -> Result<(), BuildError> {
    match crate::model::bounds::excess(report) {
        Some(excess) => Err(BuildError::TooLarge(excess)),
        None => Ok(()),
    }
}

/// One rendered file: where it goes and its bytes.
pub type Output = (PathBuf, Vec<u8>);

/// Work on a document's outputs begun before its check was over
/// ([`BuildPlan::check_and_build`]), for a render to find; the outputs are
/// the same without it.
#[derive(Default, Clone, Copy)]
pub struct Begun<'a> {
    /// The PDF's body face, cut and deflated by a job begun earlier.
    pub ahead: Option<&'a pdf::Ahead>,
    /// The Markdown and HTML templates' context of this very document
    /// ([`markup::template_context`]; `None` inside when it could not be
    /// made, each format then making its own and naming the error).
    pub text: Option<&'a OnceLock<Option<tera::Context>>>,
    /// The PDF's pages of this very document, laid out beside the check
    /// (taken by the render; `None` inside once taken).
    pub laid: Option<&'a Mutex<Option<Vec<Page>>>>,
    /// Where each format's file, written as soon as the format is rendered
    /// ([`crate::files::write_ahead`], into an output folder that is there
    /// already), is kept until the group is moved into place
    /// ([`super::write_with`]): Markdown and HTML are then written to disk
    /// on the other core while the PDF is still being made. A file that
    /// could not be written ahead is written with the group.
    pub written: Option<&'a Mutex<Vec<Written>>>,
}

impl BuildPlan {
    /// The document of `report`, its sentences from the plan's templates;
    /// with the data's digest only when the plan writes a Word document,
    /// the one format that records it.
    pub fn document(
        &self,
        report: &Report,
        draft: Option<Draft>,
        tera: &Templates,
    ) -> Result<Document, TemplateError> {
        if self.formats.contains(&OutputFormat::Docx) {
            document::build_with(report, draft, tera, self.fonts.zaozi.as_ref())
        } else {
            document::build_without_digest(report, draft, tera, self.fonts.zaozi.as_ref())
        }
    }

    /// Renders every asked format of one report into memory, named after
    /// `file` under `out_dir`; refuses outputs that would replace an input.
    /// A PDF is left out when `fonts` is `None` (the caller says why).
    pub fn render(
        &self,
        file: &Path,
        report: &Report,
        draft: Option<Draft>,
        tera: &Templates,
        fonts: Option<&Fonts>,
        out_dir: &Path,
    ) -> Result<Vec<Output>, BuildError> {
        within_budget(report)?;
        let doc = self.document(report, draft, tera)?;
        self.render_document(file, report, &doc, tera, fonts, out_dir, Begun::default())
    }

    /// [`BuildPlan::render`] of a document already built, with the work
    /// on it `begun` earlier, if any ([`Begun`]).
    #[allow(clippy::too_many_arguments)]
    pub fn render_document(
        &self,
        file: &Path,
        report: &Report,
        doc: &Document,
        tera: &Templates,
        fonts: Option<&Fonts>,
        out_dir: &Path,
        begun: Begun<'_>,
    ) -> Result<Vec<Output>, BuildError> {
        // Render everything first, so a failure writes nothing. (Both
        // callers held the text to `within_budget` before making `doc`.)
        let stem = self.stem(file, report);
        let formats = self.formats();
        let paths: Vec<PathBuf> = formats
            .iter()
            .map(|format| out_dir.join(format!("{stem}.{}", format.extension())))
            .collect();
        // Never into a folder the build would have to create: a build that
        // fails leaves none behind.
        let ahead = begun
            .written
            .filter(|_| out_dir.is_dir())
            .map(|into| (paths.as_slice(), into));
        let rendered = self.render_all(&formats, report, doc, tera, fonts, begun, ahead);
        let mut outputs: Vec<Output> = Vec::new();
        for (path, bytes) in paths.into_iter().zip(rendered) {
            // The first failure in the asked order, whichever finished first.
            if let Some(bytes) = bytes? {
                outputs.push((path, bytes));
            }
        }
        // Never replace what this build reads: the data file, last year's
        // file, template overrides, font files (also through links and `..`).
        let inputs = self.inputs(file, report);
        for (path, _) in &outputs {
            if let Some(input) = crate::files::clobbered_input(path, &inputs) {
                return Err(BuildError::Clobber {
                    output: path.clone(),
                    input: input.to_path_buf(),
                });
            }
        }
        Ok(outputs)
    }

    /// Every format of `formats` in memory, in that order ([`schedule::run`]
    /// says on which core each is rendered, side by side unless the text
    /// passes [`SIDE_BY_SIDE_MOST`] bytes). With `begun.ahead` the body
    /// face's work was begun earlier; without it the faces' subsets are cut
    /// and deflated ([`pdf::prepare`]) beside the layout. With `ahead`,
    /// each format's file is also written to its path as soon as it is
    /// rendered, and kept in the list ([`Begun::written`]).
    #[allow(clippy::too_many_arguments)]
    fn render_all(
        &self,
        formats: &[OutputFormat],
        report: &Report,
        doc: &Document,
        tera: &Templates,
        fonts: Option<&Fonts>,
        begun: Begun<'_>,
        ahead: Option<(&[PathBuf], &Mutex<Vec<Written>>)>,
    ) -> Vec<Rendered> {
        // Markdown and HTML render the same context: made once (maybe
        // begun earlier; else by whichever comes first, the other waiting).
        let here: OnceLock<Option<tera::Context>> = OnceLock::new();
        let shared = begun.text.unwrap_or(&here);
        let one = |format| {
            let rendered = self.render_one(format, report, doc, tera, fonts, shared);
            if let (Some((paths, into)), Ok(Some(bytes))) = (ahead, &rendered) {
                write_ahead(format, formats, paths, bytes, into);
            }
            rendered
        };
        let one_by_one = doc.text_len() > SIDE_BY_SIDE_MOST;
        let (Some(fonts), Some(at)) = (fonts, formats.iter().position(|&f| f == OutputFormat::Pdf))
        else {
            return schedule::run::<()>(formats, &one, None, one_by_one);
        };
        let opts = self.pdf_options();
        let lay_out = || {
            let begun = begun
                .laid
                .and_then(|laid| laid.lock().unwrap_or_else(|e| e.into_inner()).take());
            begun.unwrap_or_else(|| typeset::lay_out(doc, &opts.layout(), fonts))
        };
        let write = |laid| {
            let pdf = pdf::write_laid_out(laid, doc, &opts, fonts).map_err(BuildError::from)?;
            if let Some((paths, into)) = ahead {
                write_ahead(OutputFormat::Pdf, formats, paths, &pdf, into);
            }
            Ok(Some(pdf))
        };
        let faces = || match begun.ahead {
            Some(ahead) => ahead.others(doc, fonts),
            None => pdf::prepare(doc, fonts),
        };
        let settle = begun.ahead.map(|ahead| move || ahead.settle());
        let steps = PdfSteps {
            at,
            lay_out: &lay_out,
            faces: &faces,
            settle: settle.as_ref().map(|s| s as &(dyn Fn() + Sync)),
            write: &write,
        };
        schedule::run(formats, &one, Some(steps), one_by_one)
    }

    /// One format of `doc` (the workbook: of `report`), the Markdown and
    /// HTML from the template context `shared` (made here by the first
    /// that needs it).
    fn render_one(
        &self,
        format: OutputFormat,
        report: &Report,
        doc: &Document,
        tera: &Templates,
        fonts: Option<&Fonts>,
        shared: &OnceLock<Option<tera::Context>>,
    ) -> Rendered {
        match format {
            OutputFormat::Xlsx => Ok(Some(crate::xlsx::workbook(report))),
            OutputFormat::Md | OutputFormat::Html => {
                let text = if format == OutputFormat::Md {
                    TextFormat::Markdown
                } else {
                    TextFormat::Html
                };
                let ctx = shared.get_or_init(|| markup::template_context(doc, text).ok());
                let rendered = self.render_text_in(text, doc, tera, ctx.as_ref())?;
                Ok(Some(rendered.into_bytes()))
            }
            format => self.render_format(format, doc, tera, fonts),
        }
    }

    /// One format of `doc` in memory; `None` for a PDF or an OFD without
    /// fonts, and
    /// for the workbook, which is made from the report itself
    /// ([`crate::xlsx::workbook`], in [`BuildPlan::render`]).
    pub fn render_format(
        &self,
        format: OutputFormat,
        doc: &Document,
        tera: &Templates,
        fonts: Option<&Fonts>,
    ) -> Result<Option<Vec<u8>>, BuildError> {
        let bytes = match format {
            OutputFormat::Md => self
                .render_text(TextFormat::Markdown, doc, tera)?
                .into_bytes(),
            OutputFormat::Html => self.render_text(TextFormat::Html, doc, tera)?.into_bytes(),
            OutputFormat::Pdf => {
                let Some(fonts) = fonts else {
                    return Ok(None);
                };
                pdf::render_with(doc, &self.pdf_options(), fonts)?
            }
            OutputFormat::Docx => {
                let opts = docx::DocxOptions {
                    page_numbers: self.page_numbers,
                    fonts: self.fonts.overrides.clone(),
                    tables: self.docx_tables(doc, fonts),
                };
                docx::render(doc, &opts)?
            }
            OutputFormat::Ofd => {
                let Some(fonts) = fonts else {
                    return Ok(None);
                };
                crate::render::ofd::render_with(doc, &self.pdf_options().layout(), fonts)?
            }
            OutputFormat::Xlsx => return Ok(None),
        };
        Ok(Some(bytes))
    }

    /// The tables of `doc` as the PDF sets them, for the Word document to
    /// take their room and break their merged labels where the PDF's pages
    /// start: laid out in `fonts` (the PDF's), or in the bundled faces when
    /// no PDF is built; nothing when no faces can be loaded (the Word
    /// document then estimates).
    fn docx_tables(&self, doc: &Document, fonts: Option<&Fonts>) -> docx::FixedTables {
        static BUNDLED: OnceLock<Option<Fonts>> = OnceLock::new();
        let loaded;
        let fonts = match fonts {
            Some(f) => Some(f),
            None if self.fonts.dir.is_none() => BUNDLED
                .get_or_init(|| Fonts::load(&typeset::FontChoice::default()).ok())
                .as_ref(),
            None => {
                let choice = typeset::FontChoice {
                    dir: self.fonts.dir.clone(),
                    overrides: Vec::new(),
                    zaozi: self.fonts.zaozi.clone(),
                };
                loaded = Fonts::load(&choice).ok();
                loaded.as_ref()
            }
        };
        fonts.map_or_else(Default::default, |f| {
            let pages = typeset::lay_out(doc, &self.pdf_options().layout(), f);
            docx::FixedTables::of(&pages, typeset::table_shapes(doc, f))
        })
    }

    /// `doc` as Markdown or HTML through the plan's templates. A template
    /// error names the overriding file when the template came from the
    /// plan's template folder.
    pub fn render_text(
        &self,
        format: TextFormat,
        doc: &Document,
        tera: &Templates,
    ) -> Result<String, TemplateError> {
        self.render_text_in(format, doc, tera, None)
    }

    /// [`BuildPlan::render_text`] with the template context already made,
    /// when it is `Some` (else made here, its error named after `format`).
    fn render_text_in(
        &self,
        format: TextFormat,
        doc: &Document,
        tera: &Templates,
        ctx: Option<&tera::Context>,
    ) -> Result<String, TemplateError> {
        match ctx {
            Some(ctx) => markup::render_in(tera, doc, format, ctx),
            None => markup::render(tera, doc, format),
        }
        .map_err(|mut e| {
            if let Some(dir) = &self.templates
                && dir.join(&e.file).is_file()
            {
                e.file = dir.join(&e.file).display().to_string();
            }
            e
        })
    }
}

/// Writes the file of `format` (one of `formats`, whose files go to
/// `paths`) ahead of its group into `into`; a file that could not be
/// written is left for the group's write, which says why.
fn write_ahead(
    format: OutputFormat,
    formats: &[OutputFormat],
    paths: &[PathBuf],
    bytes: &[u8],
    into: &Mutex<Vec<Written>>,
) {
    let Some(path) = formats
        .iter()
        .position(|&f| f == format)
        .and_then(|i| paths.get(i))
    else {
        return;
    };
    if let (Ok(written), Ok(mut list)) = (
        crate::files::write_ahead(path, bytes, Durability::Rebuildable),
        into.lock(),
    ) {
        list.push(written);
    }
}
