//! The common form of every input: a list of lines, each either running text
//! or (from HTML) a table row with explicit cells, with source offsets so that
//! diagnostics can point into the file the user gave.

use crate::slice::Slice;

/// A piece of text with the byte range it came from in the source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// The text.
    pub text: String,
    /// Byte offset of the text in the source file.
    pub offset: usize,
    /// Length of the text in the source file, in bytes.
    pub len: usize,
}

/// One line of the source document in the common form: running text, or a
/// table row with its cells (named apart from the lines of other stages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLine {
    /// The text of the line (for a table row, its cells joined by tabs).
    pub text: String,
    /// Byte offset of the line's start in the source file.
    pub offset: usize,
    /// The cells, when the line is a table row of an HTML page.
    pub cells: Option<Vec<Piece>>,
}

impl SourceLine {
    /// A line of running text that maps byte for byte onto the source.
    pub fn text(text: impl Into<String>, offset: usize) -> SourceLine {
        SourceLine {
            text: text.into(),
            offset,
            cells: None,
        }
    }

    /// Whether the line is empty or only whitespace.
    pub fn is_blank(&self) -> bool {
        match &self.cells {
            Some(cells) => cells.iter().all(|c| super::norm::is_blank(&c.text)),
            None => super::norm::is_blank(&self.text),
        }
    }

    /// The whole line as one piece.
    pub fn piece(&self) -> Piece {
        let text = super::norm::trim(&self.text);
        let lead = self.text.find(text).unwrap_or(0);
        Piece {
            text: text.to_string(),
            offset: self.offset + if self.cells.is_some() { 0 } else { lead },
            len: text.len(),
        }
    }
}

/// Most lines taken from one document (a Word document's paragraphs and
/// table rows, a text file's lines, blank ones too): a real report has a
/// few thousand at most. Past it the document is refused before its lines
/// are made: 10 MB of `1` lines (5 million) took 12 s and 1.5 GB, 10 MB
/// of line breaks 6.4 s and 1.17 GB.
pub const MAX_LINES: usize = 200_000;

/// How many lines [`text_lines`] makes of `text`, counted without making
/// them.
pub fn count_text_lines(text: &str) -> usize {
    let bytes = text.as_bytes();
    let breaks = bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count();
    let last_open = !bytes.is_empty() && !matches!(bytes.last(), Some(b'\n' | b'\r'));
    breaks + usize::from(last_open)
}

/// Splits plain text into lines (`\n`, `\r\n` or a lone `\r`).
pub fn text_lines(text: &str) -> Vec<SourceLine> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                out.push(SourceLine::text(text.slice(start, i), start));
                start = i + 1;
            }
            b'\r' => {
                out.push(SourceLine::text(text.slice(start, i), start));
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if start < text.len() {
        out.push(SourceLine::text(text.slice_from(start), start));
    }
    out
}

/// Text taken out of a binary document (Word, PDF): the lines of the common
/// form, the text they point into (one line of it per [`SourceLine`]; the source
/// that diagnostics quote), and where in the original document each part
/// came from.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    /// The extracted text, one line per entry of `lines`.
    pub text: String,
    /// The lines, with offsets into `text`.
    pub lines: Vec<SourceLine>,
    /// Places in the original document (`第 2 页第 14 行`, `表 1 第 3 行第 4 列`),
    /// by the offset in `text` from which they hold, in increasing order.
    pub places: Vec<(usize, String)>,
}

/// Makes one line of extracted text: no line breaks inside.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

impl Extracted {
    /// Adds a line of running text found at `place`.
    pub fn push_text(&mut self, text: &str, place: impl Into<String>) {
        let text = one_line(text);
        let offset = self.text.len();
        self.places.push((offset, place.into()));
        self.text.push_str(&text);
        self.text.push('\n');
        self.lines.push(SourceLine::text(text, offset));
    }

    /// Adds a table row: its cells in column order, each with its place.
    pub fn push_row(&mut self, cells: Vec<(String, String)>) {
        let offset = self.text.len();
        let mut pieces = Vec::with_capacity(cells.len());
        for (i, (text, place)) in cells.into_iter().enumerate() {
            if i > 0 {
                self.text.push('\t');
            }
            let text: String = one_line(&text).replace('\t', " ");
            let at = self.text.len();
            self.places.push((at, place));
            self.text.push_str(&text);
            pieces.push(Piece {
                len: text.len(),
                text,
                offset: at,
            });
        }
        let line_text = self.text.slice_from(offset).to_string();
        self.text.push('\n');
        self.lines.push(SourceLine {
            text: line_text,
            offset,
            cells: Some(pieces),
        });
    }

    /// The place in the original document of the text at `offset`.
    pub fn place_at(places: &[(usize, String)], offset: usize) -> Option<&str> {
        let i = places.partition_point(|(o, _)| *o <= offset);
        i.checked_sub(1).map(|i| places[i].1.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_every_line_ending() {
        let lines = text_lines("a\r\nb\rc\nd");
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["a", "b", "c", "d"]);
        assert_eq!(lines[3].offset, 7);
        for text in ["a\r\nb\rc\nd", "", "\n\n", "x", "x\r", "\r\n\r"] {
            assert_eq!(count_text_lines(text), text_lines(text).len(), "{text:?}");
        }
    }
}
