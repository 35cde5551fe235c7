//! Diagnostics: problems found in a data file, as values.
//!
//! A [`Diagnostic`] has a stable code, a severity, a message in Chinese and,
//! where it has one, a place in the source file. [`human`] renders them like
//! rustc; [`json`] renders them for machines.

pub mod cells;
pub mod codes;
pub mod human;
pub mod json;
pub mod limit;

use std::borrow::Cow;
use std::fmt::Write;

use crate::source::Span;
pub use codes::Code;

/// Most characters of user text quoted inside a message.
pub const EXCERPT_CHARS: usize = 40;

/// `text` as it may appear inside a one-line message: control characters
/// made visible and at most [`EXCERPT_CHARS`] characters, the rest as `…`.
pub fn excerpt(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(EXCERPT_CHARS).collect();
    let mut out = visible(&head).into_owned();
    if chars.next().is_some() {
        out.push('…');
    }
    out
}

/// An excerpt ([`excerpt`]) of a narrative's Markdown, quoted on one
/// line: its lines trimmed and joined by a space, without the `#` marks of
/// a heading (`### （一）上年度问题整改情况`).
pub fn quote_narrative(text: &str) -> String {
    excerpt(&one_line(text))
}

/// `text` on one line, as [`quote_narrative`] quotes it.
fn one_line(text: &str) -> String {
    text.lines()
        .map(|line| {
            let line = line.trim();
            let unmarked = line.trim_start_matches('#');
            if unmarked.len() < line.len() && unmarked.starts_with(' ') {
                unmarked.trim_start()
            } else {
                line
            }
        })
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `text` with every control character (and other invisible format
/// characters a terminal may act on) written as an escape such as `\u{1b}`,
/// so that nothing from an input file can drive the terminal. Tabs stay.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(crate::source::is_hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if crate::source::is_hidden(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The report cannot be published as it is.
    Error,
    /// Likely wrong, but legitimately possible.
    Warning,
    /// Worth knowing; not a problem by itself.
    Info,
}

impl Severity {
    /// Lower-case English name, as used in JSON and the short format.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    /// The Chinese name a user reads: 错误, 警告, 提示.
    pub fn chinese(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }
}

/// One problem found in a data file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// Stable rule or input code, e.g. `T3-BAL` or `KEY-UNKNOWN`.
    pub code: Code,
    /// One-line message in Chinese.
    pub message: String,
    /// Where in the file, if anywhere.
    pub span: Option<Span>,
    /// Dotted data-file path of the value concerned (`依申请公开.办理结果.总计`).
    pub path: Option<String>,
    /// Short label printed under the caret.
    pub label: Option<String>,
    /// Extra lines printed as `= 注：…`.
    pub notes: Vec<String>,
    /// A suggested fix printed as `= 提示：…`.
    pub help: Option<String>,
    /// Other places the problem involves (the parts of a wrong sum, last
    /// year's figure), each with what it is.
    pub related: Vec<Related>,
    /// A change the workbench can make in one click.
    pub fix: Option<Fix>,
    /// The table cell a figure written in a narrative stands for, as a
    /// placeholder names it (`依申请公开.本年新收.总计`): the workbench
    /// offers to bind the figure at [`Diagnostic::span`] to it.
    pub bind: Option<String>,
    /// Whether the finding says the report lacks something (a statement,
    /// an item, a section's content) rather than pointing at what it says:
    /// on a text that stops short (a page cut by a portal or a store) what
    /// it lacks may stand after the cut, so the finding is the importer's.
    pub absence: bool,
}

/// A one-click fix of a narrative line, as the workbench offers it (and
/// as the page applies it: in the text box whose `data-path` is `path`,
/// the line `line` replaced by `with`, removed when empty).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Fix {
    /// Data path of the narrative (`总体情况`).
    pub path: String,
    /// The whole line as written, indentation removed.
    pub line: String,
    /// What replaces it; empty: the line is removed.
    pub with: String,
    /// The button's words (`删去这一行`).
    pub label: String,
    /// Which of the lines written as [`Fix::line`] is meant, from 0 (a
    /// paragraph pasted twice: the second).
    pub occurrence: usize,
    /// How many lines from it the fix replaces (1: the line alone; a run
    /// of paragraphs pasted twice, with the lines between them).
    pub lines: usize,
}

impl Fix {
    /// The line `line` of the narrative at `path` replaced by `with`
    /// (removed when empty), the button reading `label`.
    pub fn line(
        path: impl Into<String>,
        line: impl Into<String>,
        with: impl Into<String>,
        label: impl Into<String>,
    ) -> Fix {
        Fix {
            path: path.into(),
            line: line.into(),
            with: with.into(),
            label: label.into(),
            occurrence: 0,
            lines: 1,
        }
    }
}

/// A secondary place of a [`Diagnostic`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    /// The file, when it is not the diagnostic's own (last year's data).
    pub file: Option<String>,
    /// Where in that file.
    pub span: Span,
    /// Dotted data-file path of the value there.
    pub path: Option<String>,
    /// What the place is, e.g. `一、本年新收 3`.
    pub message: String,
}

impl Diagnostic {
    /// A new diagnostic at the severity the registry gives `code`
    /// ([`codes::REGISTRY`]).
    pub fn new(code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic::with_severity(code.rule().severity, code, message)
    }

    /// A new diagnostic at `span` about the value at data-file `path`, at the
    /// registry's severity.
    pub fn new_at(
        code: Code,
        message: impl Into<String>,
        span: Span,
        path: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::new(code, message).at(span).path(path)
    }

    /// A new error, whatever the registry says: for codes used at a
    /// second severity ([`codes::Rule::also`]); prefer [`Diagnostic::new`].
    pub fn error(code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic::with_severity(Severity::Error, code, message)
    }

    /// A new warning, whatever the registry says: for codes used at a
    /// second severity; prefer [`Diagnostic::new`].
    pub fn warning(code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic::with_severity(Severity::Warning, code, message)
    }

    /// A new informational note, whatever the registry says: for codes
    /// used at a second severity; prefer [`Diagnostic::new`].
    pub fn info(code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic::with_severity(Severity::Info, code, message)
    }

    /// Sets the severity to the code's second one (its
    /// [`codes::Rule::also`]): the milder or graver case of the problem.
    pub fn severity(mut self, severity: Severity) -> Self {
        debug_assert!(
            self.code.rule().severity == severity || self.code.rule().also == Some(severity),
            "{} is not used at {severity:?} in the registry",
            self.code
        );
        self.severity = severity;
        self
    }

    fn with_severity(severity: Severity, code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity,
            code,
            message: message.into(),
            span: None,
            path: None,
            label: None,
            notes: Vec::new(),
            help: None,
            related: Vec::new(),
            fix: None,
            bind: None,
            absence: false,
        }
    }

    /// Marks the finding as saying the report lacks something (see
    /// [`Diagnostic::absence`]).
    pub fn absence(mut self) -> Self {
        self.absence = true;
        self
    }

    /// Names the table cell the figure at this place stands for (see
    /// [`Diagnostic::bind`]).
    pub fn bind(mut self, cell: Option<String>) -> Self {
        self.bind = cell;
        self
    }

    /// Adds a related place in the same file (ignored when unknown).
    pub fn related(self, span: Span, path: impl Into<String>, message: impl Into<String>) -> Self {
        self.related_place(None, span, path.into(), message.into())
    }

    /// Adds a related place in another file (ignored when unknown).
    pub fn related_in(
        self,
        file: impl Into<String>,
        span: Span,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        self.related_place(Some(file.into()), span, path.into(), message.into())
    }

    fn related_place(
        mut self,
        file: Option<String>,
        span: Span,
        path: String,
        message: String,
    ) -> Self {
        if span.is_known() {
            self.related.push(Related {
                file,
                span,
                path: Some(path),
                message,
            });
        }
        self
    }

    /// Places the diagnostic at `span`.
    pub fn at(mut self, span: Span) -> Self {
        if span.is_known() {
            self.span = Some(span);
        }
        self
    }

    /// Names the data-file path concerned.
    pub fn path(mut self, path: impl Into<String>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// Sets the label printed under the caret.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Adds a note line.
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// Sets the help line.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets the one-click fix.
    pub fn fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Sorts diagnostics by position, then severity and code, for stable output.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        let pa = a.span.map_or((u32::MAX, u32::MAX), |s| (s.line, s.column));
        let pb = b.span.map_or((u32::MAX, u32::MAX), |s| (s.line, s.column));
        pa.cmp(&pb)
            .then(a.severity.cmp(&b.severity))
            .then(a.code.as_str().cmp(b.code.as_str()))
            .then(a.message.cmp(&b.message))
    });
}

/// Counts of errors and warnings (info included in neither).
pub fn count(diags: &[Diagnostic]) -> (usize, usize) {
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diags
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    (errors, warnings)
}
