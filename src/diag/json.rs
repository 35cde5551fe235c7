//! Renders diagnostics as one JSON object for machines.

use serde_json::{Value, json};

use super::{Diagnostic, count};
use crate::model::Fill;

/// Diagnostics found in one file.
pub struct FileReport<'a> {
    /// The file as named on the command line.
    pub file: String,
    /// Its diagnostics.
    pub diagnostics: &'a [Diagnostic],
    /// How far its tables are filled, when it could be read as a report.
    pub fill: Option<&'a Fill>,
    /// The text the diagnostics point into, when it was made from a
    /// workbook: each diagnostic then names its cell (`"cell": "表三!C12"`).
    pub source: Option<&'a crate::source::SourceFile>,
}

/// The JSON value of one diagnostic found in `file`: [`diagnostic`], with
/// the place in the original (`"cell": "表三!C12"`) for a text made from a
/// workbook.
pub fn diagnostic_in(d: &Diagnostic, file: &crate::source::SourceFile) -> Value {
    let mut v = diagnostic(d);
    if let Some(place) = d.span.and_then(|s| file.place_at(s.offset)) {
        v["cell"] = json!(place);
    }
    v
}

/// The JSON value of one diagnostic.
pub fn diagnostic(d: &Diagnostic) -> Value {
    let mut v = json!({
        "severity": d.severity.as_str(),
        "code": d.code,
        "message": d.message,
        "line": d.span.map(|s| s.line),
        "column": d.span.map(|s| s.column),
        "path": d.path,
    });
    if let Some(label) = &d.label {
        v["label"] = json!(label);
    }
    if !d.notes.is_empty() {
        v["notes"] = json!(d.notes);
    }
    if let Some(help) = &d.help {
        v["help"] = json!(help);
    }
    if !d.related.is_empty() {
        v["related"] = d
            .related
            .iter()
            .map(|r| {
                let mut o = json!({
                    "line": r.span.line,
                    "column": r.span.column,
                    "path": r.path,
                    "message": r.message,
                });
                if let Some(file) = &r.file {
                    o["file"] = json!(file);
                }
                o
            })
            .collect();
    }
    v
}

/// The whole JSON document for a `check` run.
pub fn document(files: &[FileReport<'_>]) -> Value {
    let mut errors = 0;
    let mut warnings = 0;
    let files: Vec<Value> = files
        .iter()
        .map(|f| {
            let (e, w) = count(f.diagnostics);
            errors += e;
            warnings += w;
            let mut v = json!({
                "file": f.file,
                "diagnostics": f.diagnostics.iter().map(|d| match f.source {
                    Some(file) => diagnostic_in(d, file),
                    None => diagnostic(d),
                }).collect::<Vec<_>>(),
            });
            if let Some(fill) = f.fill {
                v["cells"] = json!({ "filled": fill.filled(), "total": fill.total() });
            }
            v
        })
        .collect();
    json!({ "files": files, "errors": errors, "warnings": warnings })
}
