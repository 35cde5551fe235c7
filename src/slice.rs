//! Slices of text by byte offset that never split a character.
//!
//! Indexing a `&str` with a byte range panics when an end falls inside a
//! character, and every text nianbao reads is untrusted: an offset worked
//! out as "60 bytes on" lands inside a Chinese character as soon as the text
//! is not ASCII. The library denies `clippy::string_slice` (lib.rs) and slices
//! through [`Slice`] instead: an end inside a character moves back to the
//! character's start, an end past the text stops at its end, and a start
//! after the end gives an empty slice. `str::split_at` panics the same way
//! and is disallowed (clippy.toml) in favour of [`Slice::split_at_boundary`].
//! Offsets that are already character boundaries (from `find`,
//! `char_indices`, a span) slice exactly as indexing does.

/// Byte-offset slicing of text that cannot panic (see the module).
pub trait Slice {
    /// The text from byte `start` to byte `end` (`&s[start..end]`), each end
    /// moved back to a character boundary.
    fn slice(&self, start: usize, end: usize) -> &str;
    /// The text from byte `start` to the end (`&s[start..]`).
    fn slice_from(&self, start: usize) -> &str;
    /// The text up to byte `end` (`&s[..end]`).
    fn slice_to(&self, end: usize) -> &str;
    /// The text before and from byte `at` (`str::split_at`), `at` moved
    /// back to a character boundary.
    fn split_at_boundary(&self, at: usize) -> (&str, &str) {
        (self.slice_to(at), self.slice_from(at))
    }
}

/// `at`, or the start of the character it falls in; at most `s.len()`.
pub fn floor_boundary(s: &str, at: usize) -> usize {
    if at >= s.len() {
        return s.len();
    }
    let mut at = at;
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

impl Slice for str {
    fn slice(&self, start: usize, end: usize) -> &str {
        let start = floor_boundary(self, start);
        let end = floor_boundary(self, end).max(start);
        self.get(start..end).unwrap_or_default()
    }

    fn slice_from(&self, start: usize) -> &str {
        self.get(floor_boundary(self, start)..).unwrap_or_default()
    }

    fn slice_to(&self, end: usize) -> &str {
        self.get(..floor_boundary(self, end)).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Measured against indexing itself.
    #[allow(clippy::string_slice)]
    #[test]
    fn boundaries_slice_as_indexing_does() {
        let s = "统计期限2024年";
        for (i, _) in s.char_indices() {
            assert_eq!(s.slice_from(i), &s[i..]);
            assert_eq!(s.slice_to(i), &s[..i]);
            assert_eq!(s.slice(0, i), &s[0..i]);
        }
        assert_eq!(s.slice(0, s.len()), s);
    }

    #[test]
    fn an_end_inside_a_character_moves_back_to_its_start() {
        let s = "统计期限";
        assert_eq!(s.slice_to(4), "统");
        assert_eq!(s.slice_from(4), "计期限");
        assert_eq!(s.slice(1, 7), "统计");
        assert_eq!(s.slice(4, 7), "计");
        assert_eq!(s.slice(0, 60), s);
        assert_eq!(s.slice(60, 70), "");
        assert_eq!(s.slice(7, 2), "");
        assert_eq!(s.slice_from(99), "");
        assert_eq!(s.split_at_boundary(5), ("统", "计期限"));
        assert_eq!(s.split_at_boundary(99), ("统计期限", ""));
    }

    #[test]
    fn every_cut_of_a_mixed_text_is_a_slice() {
        let s = "a统😀b（一）";
        for a in 0..=s.len() + 2 {
            for b in 0..=s.len() + 2 {
                let cut = s.slice(a, b);
                assert!(cut.len() <= s.len());
                assert!(s.contains(cut));
            }
            assert!(s.ends_with(s.slice_from(a)));
            assert!(s.starts_with(s.slice_to(a)));
        }
    }
}
