//! Rendering one report into memory, every asked format side by side.

use std::path::{Path, PathBuf};

use crate::render::templates::Templates;

use super::BuildError;
use super::plan::{BuildPlan, OutputFormat};
use crate::model::Report;
use crate::render::document::{self, Document, Draft};
use crate::render::docx;
use crate::render::markup::{self, TextFormat};
use crate::render::pdf::{self, Fonts, PageNumbers};
use crate::render::templates::TemplateError;

/// One rendered file: where it goes and its bytes.
pub type Output = (PathBuf, Vec<u8>);

impl BuildPlan {
    /// The document of `report`, its sentences from the plan's templates.
    pub fn document(
        &self,
        report: &Report,
        draft: Option<Draft>,
        tera: &Templates,
    ) -> Result<Document, TemplateError> {
        document::build_with(report, draft, tera)
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
        let doc = self.document(report, draft, tera)?;
        // Render everything first, so a failure writes nothing.
        let stem = self.stem(file, report);
        let formats = self.formats();
        // The formats are rendered side by side, the longest first: this
        // thread starts the PDF (its layout, then its faces' work that the
        // other core has not taken) and the other core takes the rest.
        let mut order: Vec<usize> = (0..formats.len()).collect();
        order.sort_by_key(|&i| cost_rank(formats[i]));
        let mut rendered: Vec<(usize, Result<Option<Vec<u8>>, BuildError>)> = {
            use rayon::prelude::*;
            order
                .par_iter()
                .with_max_len(1)
                .map(|&i| {
                    let bytes = match formats[i] {
                        OutputFormat::Xlsx => Ok(Some(crate::xlsx::workbook(report))),
                        format => self.render_format(format, &doc, tera, fonts),
                    };
                    (i, bytes)
                })
                .collect()
        };
        rendered.sort_by_key(|(i, _)| *i);
        let rendered = rendered.into_iter().map(|(_, bytes)| bytes);
        let mut outputs: Vec<Output> = Vec::new();
        for (format, bytes) in formats.iter().zip(rendered) {
            // The first failure in the asked order, whichever finished first.
            if let Some(bytes) = bytes? {
                outputs.push((
                    out_dir.join(format!("{stem}.{}", format.extension())),
                    bytes,
                ));
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

    /// One format of `doc` in memory; `None` for a PDF without fonts, and
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
                    page_numbers: match self.page_numbers {
                        PageNumbers::Alternate => docx::PageNumbers::Alternate,
                        PageNumbers::Center => docx::PageNumbers::Center,
                    },
                    fonts: self.fonts.overrides.clone(),
                };
                docx::render(doc, &opts)?
            }
            OutputFormat::Xlsx => return Ok(None),
        };
        Ok(Some(bytes))
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
        markup::render(tera, doc, format).map_err(|mut e| {
            if let Some(dir) = &self.templates
                && dir.join(&e.file).is_file()
            {
                e.file = dir.join(&e.file).display().to_string();
            }
            e
        })
    }
}

/// The order the formats start in when rendered side by side: the one that
/// takes longest first.
fn cost_rank(format: OutputFormat) -> u8 {
    match format {
        OutputFormat::Pdf => 0,
        OutputFormat::Docx => 1,
        OutputFormat::Html => 2,
        OutputFormat::Xlsx => 3,
        OutputFormat::Md => 4,
    }
}
