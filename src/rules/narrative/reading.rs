//! A narrative as the NARR rules read it: placeholders replaced by the
//! figures they stand for, digits made ASCII, every character traced back
//! to the source; and the diagnostics placed at characters of it.

use crate::diag::{Diagnostic, codes};
use crate::model::{Report, Text};
use crate::rules::meta::ascii_digits;
use crate::source::SourceFile;

/// A narrative with its placeholders resolved, read for figures.
pub(super) struct Reading<'a> {
    /// The report.
    pub report: &'a Report,
    /// The resolved text (placeholders replaced, digits made ASCII).
    pub chars: Vec<char>,
    /// The resolved text as written (full-width digits kept).
    pub original: Vec<char>,
    /// Whether each character came from a placeholder.
    pub from_placeholder: Vec<bool>,
    /// For each character from a placeholder, the index of its path in
    /// [`Reading::paths`].
    pub placeholder_of: Vec<Option<usize>>,
    /// The paths of the placeholders, in order (`依申请公开.本年新收.总计`).
    pub paths: Vec<String>,
    /// The placeholders as written (`{{ 依申请公开.本年新收.总计 }}`), in
    /// order.
    pub written: Vec<String>,
    /// The source index of each resolved character.
    pub source_index: Vec<usize>,
    /// Last year's report, when given and of the same agency.
    pub previous: Option<&'a Report>,
}

/// A NARR diagnostic at characters `start..end` of the resolved text.
pub(super) fn at_text(
    reading: &Reading<'_>,
    place: (&SourceFile, &str, &Text),
    start: usize,
    end: usize,
    message: String,
) -> Diagnostic {
    at_text_as(codes::NARR, reading, place, start, end, message)
}

/// A diagnostic of `code` at characters `start..end` of the resolved text.
pub(super) fn at_text_as(
    code: codes::Code,
    reading: &Reading<'_>,
    (file, key, text): (&SourceFile, &str, &Text),
    start: usize,
    end: usize,
    message: String,
) -> Diagnostic {
    // A figure a placeholder printed is found at the placeholder.
    let literal: String = match reading.placeholder_of[start] {
        Some(i) => reading.written[i].clone(),
        None => reading.original[start..end].iter().collect(),
    };
    let source: Vec<char> = text.value.chars().collect();
    let at = reading.source_index[start].min(source.len());
    let before: String = source[..at].iter().collect();
    let nth = before.matches(literal.as_str()).count();
    Diagnostic::new(code, message)
        .at(file.locate(text.span, &literal, nth))
        .path(key)
}

/// Reads `text` for the NARR check: placeholders replaced by their values.
pub(super) fn reading<'a>(report: &'a Report, text: &str) -> Reading<'a> {
    let mut original = String::with_capacity(text.len());
    let mut from_placeholder = Vec::new();
    let mut placeholder_of = Vec::new();
    let mut paths = Vec::new();
    let mut written = Vec::new();
    let mut source_index = Vec::new();
    let mut last = 0;
    let mut src_chars = 0;
    for p in crate::placeholder::find(text) {
        let before = &text[last..p.range.start];
        for (k, c) in before.chars().enumerate() {
            original.push(c);
            from_placeholder.push(false);
            placeholder_of.push(None);
            source_index.push(src_chars + k);
        }
        src_chars += before.chars().count();
        let value = match crate::placeholder::resolve(report, &p.path) {
            Some(crate::placeholder::Value::Text(t)) => t,
            Some(crate::placeholder::Value::Empty) => String::new(),
            None => text[p.range.clone()].to_string(),
        };
        for c in value.chars() {
            original.push(c);
            from_placeholder.push(true);
            placeholder_of.push(Some(paths.len()));
            source_index.push(src_chars);
        }
        paths.push(p.path.clone());
        written.push(text[p.range.clone()].to_string());
        src_chars += text[p.range.clone()].chars().count();
        last = p.range.end;
    }
    for (k, c) in text[last..].chars().enumerate() {
        original.push(c);
        from_placeholder.push(false);
        placeholder_of.push(None);
        source_index.push(src_chars + k);
    }
    Reading {
        report,
        chars: ascii_digits(&original).chars().collect(),
        original: original.chars().collect(),
        from_placeholder,
        placeholder_of,
        paths,
        written,
        source_index,
        previous: None,
    }
}
