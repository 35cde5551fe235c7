//! Diagnostics placed at characters of a narrative as the claim reader
//! read it (`claims::reading::Reading`).

use crate::claims::reading::Reading;
use crate::diag::{Diagnostic, codes};
use crate::model::Text;
use crate::slice::Slice;
use crate::source::SourceFile;

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
    let literal: String = match reading.placeholder_of(start) {
        Some(i) => reading.written[i].clone(),
        None => reading.quote(start, end),
    };
    let at = reading.source_index(start);
    let before = text
        .value
        .char_indices()
        .nth(at)
        .map_or(text.value.as_str(), |(b, _)| text.value.slice_to(b));
    let nth = before.matches(literal.as_str()).count();
    Diagnostic::new(code, message)
        .at(file.locate(text.span, &literal, nth))
        .path(key)
}
