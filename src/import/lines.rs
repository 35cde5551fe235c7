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

/// Text taken out of a binary document (Word, PDF): the lines of the common
/// form, the text they point into (one line of it per [`Line`]; the source
/// that diagnostics quote), and where in the original document each part
/// came from.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    /// The extracted text, one line per entry of `lines`.
    pub text: String,
    /// The lines, with offsets into `text`.
    pub lines: Vec<Line>,
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
        self.lines.push(Line::text(text, offset));
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
        let line_text = self.text[offset..].to_string();
        self.text.push('\n');
        self.lines.push(Line {
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

/// How a table cell takes part in a vertical merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VMerge {
    /// Not merged with the cells above or below.
    None,
    /// The first (top) cell of a vertical merge.
    Restart,
    /// Covered by the cell above.
    Continue,
}

/// One cell of a table placed on its grid (Word's `w:tc`, a ruled cell of a
/// PDF table).
#[derive(Debug, Clone)]
pub struct GridCell {
    /// The text.
    pub text: String,
    /// The first grid column it covers (0-based).
    pub col: usize,
    /// How many grid columns it covers (at least 1).
    pub span: usize,
    /// Its part in a vertical merge.
    pub vmerge: VMerge,
}

impl Extracted {
    /// Adds the rows of a table whose cells are placed on the exact grid,
    /// as a web page shows them to the importer: a label merged over several
    /// rows appears once (in its first row); a blank cell spanning `n`
    /// columns, or a figure or blank merged over rows, stands for blank cells
    /// in every column it covers; a text spanning columns is one cell.
    /// `place(row, column)` names where each cell is in the original.
    pub fn push_grid(&mut self, rows: &[Vec<GridCell>], place: impl Fn(usize, usize) -> String) {
        // Whether the cell that starts a vertical merge, by column, is a label.
        let mut origin_label: Vec<bool> = Vec::new();
        for (ri, row) in rows.iter().enumerate() {
            let mut cells: Vec<(String, String)> = Vec::new();
            for cell in row {
                let span = cell.span.max(1);
                if cell.vmerge == VMerge::Continue {
                    if !origin_label.get(cell.col).copied().unwrap_or(false) {
                        for k in 0..span {
                            cells.push((String::new(), place(ri, cell.col + k)));
                        }
                    }
                    continue;
                }
                let label = super::cells::classify(&cell.text) == super::cells::Kind::Label;
                if origin_label.len() < cell.col + span {
                    origin_label.resize(cell.col + span, false);
                }
                origin_label[cell.col..cell.col + span].fill(label);
                if super::norm::is_blank(&cell.text) {
                    for k in 0..span {
                        cells.push((String::new(), place(ri, cell.col + k)));
                    }
                } else {
                    cells.push((cell.text.clone(), place(ri, cell.col)));
                }
            }
            self.push_row(cells);
        }
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
    }
}
