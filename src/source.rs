//! Source files and positions inside them.

use std::path::{Path, PathBuf};

/// A position in a source file: 1-based line and column (in characters),
/// plus the byte range it covers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Span {
    /// 1-based line; 0 when unknown.
    pub line: u32,
    /// 1-based column counted in characters; 0 when unknown.
    pub column: u32,
    /// Byte offset of the start.
    pub offset: usize,
    /// Length in bytes (0 for a point).
    pub len: usize,
}

impl Span {
    /// A span known only by line and column.
    pub fn at(line: u32, column: u32) -> Span {
        Span {
            line,
            column,
            offset: 0,
            len: 0,
        }
    }

    /// Whether the span points anywhere.
    pub fn is_known(&self) -> bool {
        self.line > 0
    }
}

/// A loaded source file: its path as the user named it and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as given on the command line (used in messages).
    pub path: PathBuf,
    /// The whole text.
    pub text: String,
}

impl SourceFile {
    /// Creates a source file from a path and its text.
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> SourceFile {
        SourceFile {
            path: path.into(),
            text: text.into(),
        }
    }

    /// The path for display.
    pub fn name(&self) -> String {
        display_path(&self.path)
    }

    /// The text of line `line` (1-based), without its line ending.
    pub fn line_text(&self, line: u32) -> Option<&str> {
        if line == 0 {
            return None;
        }
        self.text
            .split('\n')
            .nth(line as usize - 1)
            .map(|l| l.strip_suffix('\r').unwrap_or(l))
    }

    /// The span of the byte range `start..start + len`, with line and column computed.
    pub fn span_of(&self, start: usize, len: usize) -> Span {
        let start = start.min(self.text.len());
        let before = &self.text[..floor_char_boundary(&self.text, start)];
        let line = before.matches('\n').count() as u32 + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() as u32 + 1;
        Span {
            line,
            column,
            offset: start,
            len,
        }
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Shows a path with forward slashes, as users type it.
pub fn display_path(path: &Path) -> String {
    path.display().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_counts_characters() {
        let f = SourceFile::new("a.yaml", "机关: 某局\n年度: 2024\n");
        let at = f.text.find("2024").unwrap();
        let s = f.span_of(at, 4);
        assert_eq!((s.line, s.column), (2, 5));
        let at = f.text.find("某").unwrap();
        assert_eq!(f.span_of(at, 3).column, 5);
    }
}
