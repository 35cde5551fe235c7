//! Short words found in text. The prose rules look up thousands of short
//! words (two to six characters) in clauses of a few dozen, where
//! `str::find` and `str::rfind` set up a two-way searcher for each search
//! (about a tenth of `check`'s work); memchr's one-shot search chooses a
//! cheaper way for short texts. A word of UTF-8 matches only at a
//! character boundary, so the offsets are byte offsets a `&str` can be
//! sliced at, as `str::find` gives them.

/// Byte offsets of a word in a text, like `str::find`, `str::rfind`,
/// `str::contains` and `str::match_indices`.
pub trait Find {
    /// Where `word` first occurs (`str::find`).
    fn find_word(&self, word: &str) -> Option<usize>;
    /// Where `word` last occurs (`str::rfind`).
    fn rfind_word(&self, word: &str) -> Option<usize>;
    /// Whether `word` occurs (`str::contains`).
    fn has_word(&self, word: &str) -> bool {
        self.find_word(word).is_some()
    }
    /// Where `word` occurs, from the start, each after the one before
    /// (the offsets of `str::match_indices`).
    fn places_of<'a>(&'a self, word: &'a str) -> impl Iterator<Item = usize> + 'a;
}

impl Find for str {
    fn find_word(&self, word: &str) -> Option<usize> {
        memchr::memmem::find(self.as_bytes(), word.as_bytes())
    }

    fn rfind_word(&self, word: &str) -> Option<usize> {
        memchr::memmem::rfind(self.as_bytes(), word.as_bytes())
    }

    fn places_of<'a>(&'a self, word: &'a str) -> impl Iterator<Item = usize> + 'a {
        // An empty word is found between every two bytes: only those
        // between characters count, as for `str::match_indices`.
        memchr::memmem::find_iter(self.as_bytes(), word.as_bytes())
            .filter(move |&at| !word.is_empty() || self.is_char_boundary(at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_places_as_str_find() {
        let texts = [
            "",
            "申请",
            "本年共收到政府信息公开申请130件，其中自然人申请96件，申请人为企业的18件。",
            "ASCII text with 申请 in it, and 申请 again",
            "申申请请",
            "申请申请申请",
        ];
        for text in texts {
            for word in [
                "申请",
                "申",
                "请",
                "件",
                "130",
                "不在其中",
                "",
                "申请人",
                "申请申请",
                "申申",
            ] {
                assert_eq!(text.find_word(word), text.find(word), "{text} / {word}");
                assert_eq!(text.rfind_word(word), text.rfind(word), "{text} / {word}");
                assert_eq!(text.has_word(word), text.contains(word), "{text} / {word}");
                let places: Vec<usize> = text.places_of(word).collect();
                let indices: Vec<usize> = text.match_indices(word).map(|(at, _)| at).collect();
                assert_eq!(places, indices, "{text} / {word}");
            }
        }
    }
}
