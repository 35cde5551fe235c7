//! The common form of every input: a list of lines, each either running text
//! or (from HTML) a table row with explicit cells, with source offsets so that
//! diagnostics can point into the file the user gave.

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

/// One line of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The text of the line (for a table row, its cells joined by tabs).
    pub text: String,
    /// Byte offset of the line's start in the source file.
    pub offset: usize,
    /// The cells, when the line is a table row of an HTML page.
    pub cells: Option<Vec<Piece>>,
}

impl Line {
    /// A line of running text that maps byte for byte onto the source.
    pub fn text(text: impl Into<String>, offset: usize) -> Line {
        Line {
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

/// Splits plain text into lines (`\n`, `\r\n` or a lone `\r`).
pub fn text_lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                out.push(Line::text(&text[start..i], start));
                start = i + 1;
            }
            b'\r' => {
                out.push(Line::text(&text[start..i], start));
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
        out.push(Line::text(&text[start..], start));
    }
    out
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
    }
}
