//! Source files and positions inside them.

use crate::slice::Slice;
use std::collections::HashMap;
use std::hash::Hash;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

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
    /// Byte offset of the start of every line, built on first use, so that
    /// finding a line or a position costs a binary search, not a scan.
    line_starts: OnceLock<Vec<usize>>,
    /// For a text made from another file (a workbook read as a data file):
    /// the place in the original of every byte range, as `(start, place)`
    /// sorted by start (`表三!C12`). Empty for a file read as it is.
    places: Arc<[(usize, String)]>,
}

/// The occurrences of pieces of one text counted as they are met, for the
/// `nth` of [`SourceFile::locate`]: the same placeholder or line written
/// twice is found at each of its places.
#[derive(Debug)]
pub struct Occurrences<K> {
    seen: HashMap<K, usize>,
}

impl<K: Hash + Eq> Default for Occurrences<K> {
    fn default() -> Self {
        Occurrences {
            seen: HashMap::new(),
        }
    }
}

impl<K: Hash + Eq> Occurrences<K> {
    /// None met yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// How many times `piece` was met before (0 the first time).
    pub fn next(&mut self, piece: K) -> usize {
        let count = self.seen.entry(piece).or_default();
        *count += 1;
        *count - 1
    }
}

impl SourceFile {
    /// The place of the `nth` (from 0) occurrence of `needle` inside the
    /// text at `within` (a narrative value spanning many lines), for placing
    /// a diagnostic at a spot inside it; `within` itself when not found.
    pub fn locate(&self, within: Span, needle: &str, nth: usize) -> Span {
        if needle.is_empty() {
            return within;
        }
        let start = within.offset.min(self.text.len());
        let end = if within.len > 0 {
            (start + within.len).min(self.text.len())
        } else {
            self.text.len()
        };
        let hay = self.text.get(start..end).unwrap_or("");
        let mut from = 0;
        let mut found = None;
        for _ in 0..=nth {
            match hay.slice_from(from).find(needle) {
                Some(i) => {
                    found = Some(from + i);
                    from += i + needle.len().max(1);
                }
                None => break,
            }
        }
        match found {
            Some(i) => self.span_of(start + i, needle.len()),
            None => Self::locate_unignored(hay, needle, nth)
                .map_or(within, |(i, len)| self.span_of(start + i, len)),
        }
    }

    /// The byte range in `hay` of the `nth` occurrence of `needle` once
    /// ignorable characters are set aside (`933\u{200b}554` for `933554`:
    /// the value read has them taken out, the file still holds them).
    fn locate_unignored(hay: &str, needle: &str, nth: usize) -> Option<(usize, usize)> {
        if !hay.chars().any(is_ignorable) {
            return None;
        }
        // The shown characters, each with its byte offset in `hay`.
        let shown: Vec<(usize, char)> = hay
            .char_indices()
            .filter(|&(_, c)| !is_ignorable(c))
            .collect();
        let text: String = shown.iter().map(|&(_, c)| c).collect();
        let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        let (at, _) = text.match_indices(needle).nth(nth)?;
        let first = starts.partition_point(|&b| b < at);
        let last = first + needle.chars().count() - 1;
        let (from, _) = *shown.get(first)?;
        let (to, c) = *shown.get(last)?;
        Some((from, to + c.len_utf8() - from))
    }

    /// Creates a source file from a path and its text.
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> SourceFile {
        SourceFile {
            path: path.into(),
            text: text.into(),
            line_starts: OnceLock::new(),
            places: Arc::from([]),
        }
    }

    /// The same file with `text` in place of its own, byte for byte at the
    /// same offsets (a report in traditional characters read simplified).
    pub fn with_text(&self, text: String) -> SourceFile {
        debug_assert_eq!(text.len(), self.text.len());
        SourceFile {
            path: self.path.clone(),
            text,
            line_starts: OnceLock::new(),
            places: self.places.clone(),
        }
    }

    /// A text made from another file at `path`, with the place in the
    /// original of every byte range: `places` holds `(start, place)` pairs
    /// sorted by start, each place running to the next start.
    pub fn derived(
        path: impl Into<PathBuf>,
        text: impl Into<String>,
        places: Vec<(usize, String)>,
    ) -> SourceFile {
        let mut file = SourceFile::new(path, text);
        file.places = places.into();
        file
    }

    /// Whether the text was made from another file (see [`SourceFile::derived`]):
    /// its places, not its lines, are what a user can find.
    pub fn is_derived(&self) -> bool {
        !self.places.is_empty()
    }

    /// The place in the original of byte `offset` of a derived text
    /// (`表三!C12`); None for a file read as it is.
    pub fn place_at(&self, offset: usize) -> Option<&str> {
        let i = self.places.partition_point(|(start, _)| *start <= offset);
        i.checked_sub(1).map(|i| self.places[i].1.as_str())
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
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
        let starts = self.line_starts();
        let start = *starts.get(line as usize - 1)?;
        let end = starts
            .get(line as usize)
            .map_or(self.text.len(), |next| next - 1);
        let l = self.text.slice(start, end);
        Some(l.strip_suffix('\r').unwrap_or(l))
    }

    /// The span of the byte range `start..start + len`, with line and column computed.
    pub fn span_of(&self, start: usize, len: usize) -> Span {
        let start = floor_char_boundary(&self.text, start.min(self.text.len()));
        let starts = self.line_starts();
        // The last line start at or before `start`.
        let index = starts.partition_point(|&s| s <= start) - 1;
        let line_start = starts[index];
        let line = index as u32 + 1;
        let column = self.text.slice(line_start, start).chars().count() as u32 + 1;
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

/// Whether `c` is in the private-use area (U+E000–U+F8FF), where Word's
/// symbol fonts (Wingdings, Symbol) put their bullets: no face a reader
/// has draws it as meant (TEXT-PUA names it in a narrative; GLYPH marks a
/// PDF that would print it).
pub fn is_private_use(c: char) -> bool {
    matches!(c, '\u{e000}'..='\u{f8ff}' | '\u{f0000}'..='\u{ffffd}' | '\u{100000}'..='\u{10fffd}')
}

/// Whether `c` is invisible by design (Unicode's default-ignorable code
/// points: variation selectors, U+FE0F, the joiners ZWJ and ZWNJ, the
/// zero-width space, U+FEFF, tags): the loader drops them silently, as no
/// reader sees them. The soft hyphen is kept: a hyphenation point, printed
/// as a hyphen where a line breaks at it (issue 62). The bidirectional controls are
/// not among them: [`is_hidden`] refuses those.
pub fn is_ignorable(c: char) -> bool {
    !is_hidden(c)
        && matches!(c,
            '\u{034f}' | '\u{115f}' | '\u{1160}' | '\u{17b4}' | '\u{17b5}'
            | '\u{180b}'..='\u{180f}' | '\u{200b}'..='\u{200d}' | '\u{2060}'..='\u{2064}'
            | '\u{206a}'..='\u{206f}' | '\u{3164}' | '\u{fe00}'..='\u{fe0f}' | '\u{feff}'
            | '\u{ffa0}' | '\u{1bca0}'..='\u{1bca3}' | '\u{1d173}'..='\u{1d17a}'
            | '\u{e0000}'..='\u{e0fff}')
}

/// `text` without its [`is_ignorable`] characters (borrowed when it has
/// none).
pub fn without_ignorable(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(is_ignorable) {
        text.chars()
            .filter(|&c| !is_ignorable(c))
            .collect::<String>()
            .into()
    } else {
        text.into()
    }
}

/// Characters never printed raw: C0/C1 controls except tab, the
/// bidirectional overrides that can reorder what a reader sees, the
/// interlinear annotation controls (U+FFF9–U+FFFB, which hide the text
/// between them) and the noncharacters (U+FDD0–U+FDEF, U+FFFE, U+FFFF of
/// every plane).
pub fn is_hidden(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(
            c,
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}'
            | '\u{fff9}'..='\u{fffb}' | '\u{fdd0}'..='\u{fdef}'
        )
        || (c as u32 & 0xfffe) == 0xfffe
}

/// The character references of `text` that a Markdown or HTML reader
/// decodes to a hidden character ([`is_hidden`], a line break excepted):
/// `&#x202e;`, `&#8238;`, `&#0;`, `&rlm;`; each one's byte offset, length
/// and character. Checked and shown as the raw character is, since every
/// format decodes them.
pub fn hidden_references(text: &str) -> impl Iterator<Item = (usize, usize, char)> + '_ {
    text.match_indices('&').filter_map(move |(at, _)| {
        let (len, c) = reference_at(text.slice_from(at))?;
        (is_hidden(c) && !matches!(c, '\n' | '\r')).then_some((at, len, c))
    })
}

/// The character reference `s` starts with, its length and character
/// (NUL for `&#0;`, U+FFFD for a number that is no character).
fn reference_at(s: &str) -> Option<(usize, char)> {
    for (name, c) in [("&lrm;", '\u{200e}'), ("&rlm;", '\u{200f}')] {
        if s.starts_with(name) {
            return Some((name.len(), c));
        }
    }
    let b = s.as_bytes();
    if b.get(1) != Some(&b'#') {
        return None;
    }
    let hex = matches!(b.get(2), Some(b'x' | b'X'));
    let start = if hex { 3 } else { 2 };
    let digits = b
        .iter()
        .skip(start)
        .take_while(|d| {
            if hex {
                d.is_ascii_hexdigit()
            } else {
                d.is_ascii_digit()
            }
        })
        .count();
    if digits == 0 || digits > if hex { 6 } else { 7 } || b.get(start + digits) != Some(&b';') {
        return None;
    }
    let value =
        u32::from_str_radix(s.get(start..start + digits)?, if hex { 16 } else { 10 }).ok()?;
    Some((
        start + digits + 1,
        char::from_u32(value).unwrap_or('\u{fffd}'),
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn occurrences_count_each_piece_apart() {
        let mut o = super::Occurrences::new();
        assert_eq!(
            [o.next("甲"), o.next("乙"), o.next("甲"), o.next("甲")],
            [0, 0, 1, 2]
        );
    }

    use super::*;

    #[test]
    fn invisible_characters_go_and_bidi_controls_stay() {
        assert_eq!(
            without_ignorable("政\u{200d}务\u{fe0f}公\u{e0101}开\u{feff}"),
            "政务公开"
        );
        assert!(!is_ignorable('\u{202e}') && !is_ignorable('\u{200f}') && !is_ignorable('公'));
        assert!(is_private_use('\u{f0b7}') && is_private_use('\u{10fffd}'));
    }

    #[test]
    fn a_figure_is_found_across_a_zero_width_space() {
        let f = SourceFile::new("a.yaml", "正文: |\n  处罚9335件，又933\u{200b}554件。\n");
        let all = Span {
            line: 1,
            column: 1,
            offset: 0,
            len: f.text.len(),
        };
        let at = f.locate(all, "933554", 0);
        assert_eq!((at.line, at.column), (2, 12));
        assert_eq!(
            f.text.get(at.offset..at.offset + at.len),
            Some("933\u{200b}554")
        );
        // Not there at all: the whole place.
        assert_eq!(f.locate(all, "777", 0), all);
    }

    #[test]
    fn references_to_hidden_characters_are_found() {
        let found: Vec<(usize, usize, char)> = hidden_references(
            "甲&#x202e;乙&#8238;&#0;&#X1B;&rlm;&amp;&#x4e00;&#65;&#x110000;&#xfff9;",
        )
        .collect();
        assert_eq!(
            found,
            [
                (3, 8, '\u{202e}'),
                (14, 7, '\u{202e}'),
                (21, 4, '\0'),
                (25, 6, '\u{1b}'),
                (31, 5, '\u{200f}'),
                (64, 8, '\u{fff9}'),
            ]
        );
        assert!(is_hidden('\u{fdd0}') && is_hidden('\u{1fffe}') && is_hidden('\u{85}'));
        assert!(!is_hidden('\u{ad}') && !is_hidden('\u{2028}') && !is_hidden('\u{fffd}'));
    }

    #[test]
    fn lines_are_found_by_index() {
        let f = SourceFile::new("a.txt", "一\r\n二\n\n四");
        assert_eq!(f.line_text(1), Some("一"));
        assert_eq!(f.line_text(2), Some("二"));
        assert_eq!(f.line_text(3), Some(""));
        assert_eq!(f.line_text(4), Some("四"));
        assert_eq!(f.line_text(5), None);
        assert_eq!(f.line_text(0), None);
        let at = f.text.find('四').unwrap();
        assert_eq!((f.span_of(at, 3).line, f.span_of(at, 3).column), (4, 1));
        assert_eq!(f.span_of(f.text.len(), 0).line, 4);
        let empty = SourceFile::new("e.txt", "");
        assert_eq!(empty.line_text(1), Some(""));
        assert_eq!(empty.span_of(0, 0).line, 1);
    }

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
