//! What to build: the formats, where, and with which fonts and templates.

use std::path::{Path, PathBuf};

use crate::render::templates::Templates;

use crate::model::Report;
use crate::render::document::Draft;
use crate::render::layout::page::PageNumbers;
use crate::render::pdf;
use crate::render::templates::{self, TemplateError};
use crate::render::typeset::{FontChoice, FontError, FontSource, Fonts};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// Markdown with GFM tables.
    Md,
    /// One self-contained HTML file.
    Html,
    /// The PDF laid out after GB/T 9704.
    Pdf,
    /// A Word/WPS document for review.
    Docx,
    /// The data as an Excel/WPS workbook (it reads back as the same data).
    Xlsx,
    /// The same pages as the PDF as an OFD (GB/T 33190-2016), for the
    /// fixed-layout readers of 信创 desktops and archives.
    Ofd,
}

impl OutputFormat {
    /// The file extension of the format, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            OutputFormat::Md => "md",
            OutputFormat::Html => "html",
            OutputFormat::Pdf => "pdf",
            OutputFormat::Docx => "docx",
            OutputFormat::Xlsx => "xlsx",
            OutputFormat::Ofd => "ofd",
        }
    }
}

/// How reports are built: the same plan for one file, a folder of files and
/// the preview.
#[derive(Debug, Clone)]
pub struct BuildPlan {
    /// The formats, in the order asked (a repeated one is built once).
    pub formats: Vec<OutputFormat>,
    /// Where the outputs go.
    pub out_dir: PathBuf,
    /// Where the page numbers of the PDF and the Word document go.
    pub page_numbers: PageNumbers,
    /// Whether a report with errors is still built, marked as a draft.
    pub draft: bool,
    /// The font folder and per-role overrides.
    pub fonts: FontChoice,
    /// A folder whose files replace the built-in templates of the same name.
    pub templates: Option<PathBuf>,
    /// Whether outputs are named after the report's agency and year
    /// (`淄博市张店区审计局-2025.pdf`) rather than after the data file.
    pub name_by_agency: bool,
    /// Whether the PDF is PDF/A-2b, for archives.
    pub pdfa: bool,
    /// Whether characters no font has (empty boxes in the PDF) were seen
    /// and accepted: the PDF is then not marked 草稿 for them.
    pub accept_missing_glyphs: bool,
}

impl Default for BuildPlan {
    /// Markdown, HTML and PDF into `out`, the built-in fonts and templates.
    fn default() -> BuildPlan {
        BuildPlan {
            formats: vec![OutputFormat::Md, OutputFormat::Html, OutputFormat::Pdf],
            out_dir: PathBuf::from("out"),
            page_numbers: PageNumbers::default(),
            draft: false,
            fonts: FontChoice::default(),
            templates: None,
            name_by_agency: false,
            pdfa: false,
            accept_missing_glyphs: false,
        }
    }
}

impl BuildPlan {
    /// The name, without extension, of the outputs of `report` read from
    /// `file`: the data file's name, or with [`BuildPlan::name_by_agency`]
    /// the agency's and year (the file's when either is unknown).
    pub fn stem(&self, file: &Path, report: &crate::model::Report) -> String {
        let agency = report.agency.value.trim();
        if self.name_by_agency && !agency.is_empty() && report.year.value > 0 {
            crate::files::report_stem(agency, report.year.value)
        } else {
            super::output_stem(file)
        }
    }

    /// The plan of the preview: HTML only, with these templates; a report
    /// with errors is always shown, as a draft.
    pub fn preview(templates: Option<PathBuf>) -> BuildPlan {
        BuildPlan {
            formats: vec![OutputFormat::Html],
            draft: true,
            templates,
            ..BuildPlan::default()
        }
    }

    /// The formats asked for, each once, in the order first asked.
    pub fn formats(&self) -> Vec<OutputFormat> {
        let mut formats = Vec::new();
        for f in &self.formats {
            if !formats.contains(f) {
                formats.push(*f);
            }
        }
        formats
    }

    /// Whether a PDF is asked for.
    pub fn wants_pdf(&self) -> bool {
        self.formats.contains(&OutputFormat::Pdf)
    }

    /// Whether a fixed-layout format (the PDF, the OFD) is asked for: the
    /// formats set with the fonts.
    pub fn wants_pages(&self) -> bool {
        self.formats
            .iter()
            .any(|f| matches!(f, OutputFormat::Pdf | OutputFormat::Ofd))
    }

    /// Loads the fonts when a PDF or an OFD is asked for (`None`
    /// otherwise); once per process, since loading is the slow part.
    pub fn load_fonts(&self) -> Result<Option<Fonts>, FontError> {
        if !self.wants_pages() {
            return Ok(None);
        }
        Fonts::load(&self.fonts).map(Some)
    }

    /// Loads the templates: the built-in ones, with the plan's overrides.
    pub fn load_templates(&self) -> Result<Templates, TemplateError> {
        templates::load(self.templates.as_deref())
    }

    /// The draft stamp for a report with these counts: `Some` when the plan
    /// builds drafts.
    pub fn draft_stamp(&self, errors: usize, warnings: usize) -> Option<Draft> {
        self.draft.then_some(Draft {
            errors,
            warnings,
            unprinted: 0,
        })
    }

    /// The stamp of a document checked with `diagnostics`: a draft when the
    /// plan builds drafts and `errors_only` is not set or there are errors,
    /// or when it prints characters no face has and they were not accepted
    /// ([`Draft::for_findings`]).
    pub fn draft_for(
        &self,
        diagnostics: &[crate::diag::Diagnostic],
        errors_only: bool,
    ) -> Option<Draft> {
        let errors = crate::diag::count(diagnostics).0;
        let asked = self.draft && (!errors_only || errors > 0);
        Draft::for_findings(diagnostics, asked, self.accept_missing_glyphs)
    }

    /// Every file a build of `file` reads (the data file, last year's file,
    /// template overrides, font files), for the no-clobber check.
    pub fn inputs(&self, file: &Path, report: &Report) -> Vec<PathBuf> {
        let mut inputs = vec![file.to_path_buf()];
        if let Some(prev) = &report.previous {
            let base = file.parent().unwrap_or(Path::new(""));
            inputs.push(base.join(&prev.value));
        }
        if let Some(dir) = &self.templates {
            inputs.extend(templates::BUILTIN.iter().map(|(name, _)| dir.join(name)));
        }
        for (_, source) in &self.fonts.overrides {
            if let FontSource::Path(p) = source {
                inputs.push(p.clone());
            }
        }
        inputs
    }

    /// The options of the PDF renderer.
    pub fn pdf_options(&self) -> pdf::PdfOptions {
        pdf::PdfOptions {
            fonts: self.fonts.clone(),
            page_numbers: self.page_numbers,
            pdfa: self.pdfa,
            accept_missing_glyphs: self.accept_missing_glyphs,
        }
    }
}
