//! What the typing rules share: a narrative's characters with its
//! placeholders masked (so that `{{ 依申请公开.本年新收.总计 }}` is never
//! read as prose), and a cursor that places findings in the source in
//! order, so that placing them all costs one pass over the text.

use std::ops::Range;

use crate::claims::sentences::MAX_READ_CHARS;
use crate::diag::limit::Capped;
use crate::diag::{Diagnostic, codes};
use crate::model::Report;
use crate::source::{SourceFile, Span};

/// The character a placeholder's characters are masked with: neither
/// prose, a mark nor a bracket.
const MASK: char = '0';

/// Longest placeholder masked.
const MAX_PLACEHOLDER: usize = 80;

/// The first [`MAX_READ_CHARS`] characters of `value`, and the same with
/// every placeholder masked: `{{ … }}`, and what looks like one (full-width
/// braces, one brace missing), which PLACEHOLDER reports.
pub(super) fn masked(value: &str) -> (Vec<char>, Vec<char>) {
    let chars: Vec<char> = value.chars().take(MAX_READ_CHARS).collect();
    let mut out = chars.clone();
    let open = |c: char| c == '{' || c == '｛';
    let close = |c: char| c == '}' || c == '｝';
    let mut i = 0;
    while i < chars.len() {
        if !open(chars[i]) {
            i += 1;
            continue;
        }
        let end = chars[i..]
            .iter()
            .take(MAX_PLACEHOLDER)
            .take_while(|c| **c != '\n')
            .position(|c| close(*c))
            .map_or(i + 1, |k| {
                let at = i + k;
                at + chars[at..].iter().take_while(|c| close(**c)).count()
            });
        out[i..end].fill(MASK);
        i = end;
    }
    (chars, out)
}

pub(super) use crate::claims::sentences::is_han;

/// Places pieces of a text in the source, in the order they are written.
pub(super) struct Cursor<'a> {
    file: &'a SourceFile,
    whole: Span,
    at: usize,
    end: usize,
}

impl<'a> Cursor<'a> {
    /// A cursor at the start of the text at `whole`.
    pub(super) fn new(file: &'a SourceFile, whole: Span) -> Cursor<'a> {
        let at = whole.offset.min(file.text.len());
        let end = if whole.len > 0 {
            (at + whole.len).min(file.text.len())
        } else {
            file.text.len()
        };
        Cursor {
            file,
            whole,
            at,
            end,
        }
    }

    /// The place of the next occurrence of `needle` after the last piece
    /// placed, the cursor moved past it; the whole text when it is not
    /// there as written (it runs over a line break).
    pub(super) fn next(&mut self, needle: &str) -> Span {
        let rest = Span {
            line: 0,
            column: 0,
            offset: self.at,
            len: self.end - self.at,
        };
        if needle.is_empty() || rest.len == 0 {
            return self.whole;
        }
        let found = self.file.locate(rest, needle, 0);
        if found.offset == rest.offset && found.len == rest.len && needle.len() != rest.len {
            return self.whole;
        }
        self.at = (found.offset + found.len).min(self.end);
        found
    }
}

/// A piece of a narrative a typing rule found, placed in the source.
pub(super) struct Found<'a> {
    /// The narrative's data path.
    pub(super) at: &'a str,
    /// The narrative's characters as written (placeholders unmasked).
    pub(super) raw: &'a [char],
    /// The piece as written.
    pub(super) written: String,
    /// Where the piece stands in the source.
    pub(super) span: Span,
}

/// Reports under `code` what `find` finds in the preface and the three
/// narratives, their placeholders masked: each piece (its range, and what
/// else `find` knows of it) as `diagnose` words it, as many a text as
/// [`Capped`] lists, and then how many more there are.
pub(super) fn report_found<T>(
    (report, file): (&Report, &SourceFile),
    code: codes::Code,
    find: impl Fn(&[char]) -> Vec<(Range<usize>, T)>,
    mut diagnose: impl FnMut(Found<'_>, T) -> Diagnostic,
    out: &mut Vec<Diagnostic>,
) {
    for (at, text) in report.narratives() {
        let (raw, masked) = masked(&text.value);
        let mut capped = Capped::new();
        let mut cursor = Cursor::new(file, text.span);
        for (range, what) in find(&masked) {
            if !capped.room() {
                continue;
            }
            let written: String = raw[range].iter().collect();
            let span = cursor.next(&written);
            let found = Found {
                at,
                raw: &raw,
                written,
                span,
            };
            out.push(diagnose(found, what));
        }
        out.extend(capped.rest(code, text.span, at));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_masked_and_nothing_else() {
        let (raw, m) = masked("共{{ 依申请公开.本年新收.总计 }}件，");
        assert_eq!(raw.len(), m.len());
        let m: String = m.into_iter().collect();
        assert!(!m.contains('.'));
        assert!(m.starts_with('共') && m.ends_with("件，"));
    }

    #[test]
    fn the_cursor_places_repeated_pieces_in_order() {
        let file = SourceFile::new("a.yaml", "正文: |\n  甲乙。\n  甲乙。\n");
        let whole = file.span_of(0, file.text.len());
        let mut c = Cursor::new(&file, whole);
        assert_eq!(c.next("甲乙").line, 2);
        assert_eq!(c.next("甲乙").line, 3);
        assert_eq!(c.next("丙").line, whole.line);
    }
}
