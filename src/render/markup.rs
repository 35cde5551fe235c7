//! The Markdown and HTML renderers: the template context rendered through
//! the Tera templates.

use super::budget::Limits;
use super::context;
use super::document::Document;
use super::templates::{TemplateError, Templates, error_text};

/// An output format produced from templates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextFormat {
    /// `report.md`.
    Markdown,
    /// `report.html`.
    Html,
}

impl TextFormat {
    /// The template that renders this format.
    pub fn template(self) -> &'static str {
        match self {
            TextFormat::Markdown => "report.md",
            TextFormat::Html => "report.html",
        }
    }
}

/// Renders `doc` in `format` with the loaded templates, within the
/// [`Limits`] of the document's size.
pub fn render(
    tera: &Templates,
    doc: &Document,
    format: TextFormat,
) -> Result<String, TemplateError> {
    let ctx = template_context(doc, format)?;
    render_in(tera, doc, format, &ctx)
}

/// The context every text template of `doc` is rendered with (the same
/// for Markdown and HTML: made once when both are asked); an error is
/// named after `format`'s template.
pub fn template_context(
    doc: &Document,
    format: TextFormat,
) -> Result<tera::Context, TemplateError> {
    tera::Context::from_serialize(&context::build(doc)).map_err(|e| TemplateError {
        file: format.template().into(),
        message: error_text(&e),
    })
}

/// [`render`] with the context of `doc` already made ([`template_context`]).
pub fn render_in(
    tera: &Templates,
    doc: &Document,
    format: TextFormat,
    ctx: &tera::Context,
) -> Result<String, TemplateError> {
    let limits = Limits::for_text(doc.text_len());
    let mut out = tera
        .render(format.template(), ctx, &limits)
        .map_err(|stop| TemplateError::stopped(format.template(), stop))?;
    match format {
        TextFormat::Markdown => out = tidy_markdown(&out),
        // Compatibility forms pasted from PDFs (⾏ ⼈ ⺠, ＡＢＣ) print as
        // what they stand for, in the page's own faces, as in the PDF
        // (issue 62: the bundled faces have no radicals, and Chromium
        // printed them as boxes).
        TextFormat::Html => {
            if let std::borrow::Cow::Owned(unified) = super::layout::print_form::unified_text(&out)
            {
                out = unified;
            }
        }
    }
    Ok(out)
}

/// Collapses runs of blank lines and ends the file with one newline.
fn tidy_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        if line.trim().is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
            out.push('\n');
        } else {
            blank = 0;
            out.push_str(line);
            out.push('\n');
        }
    }
    out.trim().to_string() + "\n"
}
