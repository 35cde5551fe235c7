//! Short words found in text. The prose rules look up thousands of short
//! words (two to six characters) in clauses of a few dozen, where
//! `str::find` and `str::rfind` set up a two-way searcher for each search
//! (about a tenth of `check`'s work); memchr's one-shot search chooses a
//! cheaper way for short texts. A word of UTF-8 matches only at a
//! character boundary, so the offsets are byte offsets a `&str` can be
//! sliced at, as `str::find` gives them.

/// Byte offsets of a word in a text, like `str::find` and `str::rfind`.
pub trait Find {
    /// Where `word` first occurs (`str::find`).
    fn find_word(&self, word: &str) -> Option<usize>;
    /// Where `word` last occurs (`str::rfind`).
    fn rfind_word(&self, word: &str) -> Option<usize>;
}

impl Find for str {
    fn find_word(&self, word: &str) -> Option<usize> {
        memchr::memmem::find(self.as_bytes(), word.as_bytes())
    }

    fn rfind_word(&self, word: &str) -> Option<usize> {
        memchr::memmem::rfind(self.as_bytes(), word.as_bytes())
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
            for word in ["申请", "申", "请", "件", "130", "不在其中", "", "申请人"] {
                assert_eq!(text.find_word(word), text.find(word), "{text} / {word}");
                assert_eq!(text.rfind_word(word), text.rfind(word), "{text} / {word}");
            }
        }
    }
}
