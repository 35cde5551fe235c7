//! Diagnostics placed at characters of a narrative as the claim reader
//! read it (`claims::reading::Reading`).

use crate::claims::measure::Counted;
use crate::claims::numbers::Figure;
use crate::claims::reading::Reading;
use crate::claims::sentences::Sentence;
use crate::claims::topic::Topic;
use crate::diag::{Diagnostic, codes};
use crate::model::Text;
use crate::slice::Slice;
use crate::source::SourceFile;

/// One sentence of a narrative as the checks of `figures` and `shares` read it, and where
/// their findings go.
#[derive(Clone, Copy)]
pub(super) struct Statement<'c, 'a> {
    /// The narrative read.
    pub(super) reading: &'c Reading<'a>,
    /// The sentence and the headings it stands under.
    pub(super) sentence: &'c Sentence,
    /// Its text.
    pub(super) s: &'c str,
    /// Whether it is about 政府信息公开 requests.
    pub(super) topic: Topic,
    /// Its exact figures outside its denials.
    pub(super) inside: &'c [&'c Figure],
    /// The counts that stand for table figures (on requests only; empty
    /// before the checks of requests).
    pub(super) counted: &'c [Counted<'c>],
    /// The file, the narrative's key and the narrative.
    pub(super) place: (&'c SourceFile, &'c str, &'c Text),
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

/// A NARR diagnostic at a figure of the text.
pub(super) fn at_figure(
    reading: &Reading<'_>,
    place: (&SourceFile, &str, &Text),
    f: &Figure,
    message: String,
) -> Diagnostic {
    at_text(reading, place, f.start, f.end, message)
}

/// What a figure of the text against the tables is fixed by.
pub(super) const TABLE_HELP: &str =
    "用占位符引用表格数字，正文与表格就不会不一致，例如 {{ 依申请公开.本年新收.总计 }}";
