//! Short words found in text. The prose rules look up thousands of short
//! words (two to six characters) in clauses of a few dozen, where
//! `str::find` and `str::rfind` set up a two-way searcher for each search
//! (about a tenth of `check`'s work). In a text of up to [`SHORT`] bytes a
//! word's last byte is looked for with `memchr` and each place it stands is
//! compared with the whole word (a third of the time of memchr's one-shot
//! `memmem`, which builds a searcher for each text of 64 bytes or more, on
//! the benchmark report's sentences); longer texts go to `memmem`, which
//! stays linear whatever the text. A word of UTF-8 matches only at a
//! character boundary, so the offsets are byte offsets a `&str` can be
//! sliced at, as `str::find` gives them.

/// The longest text searched by its word's last byte: a sentence or two.
/// In a longer one, `memmem`'s searcher pays for its making.
const SHORT: usize = 256;

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
        let (text, word) = (self.as_bytes(), word.as_bytes());
        match last_byte_of(text, word) {
            Some(last) => next_place(text, word, last, word.len() - 1),
            None => memchr::memmem::find(text, word),
        }
    }

    fn rfind_word(&self, word: &str) -> Option<usize> {
        let (text, word) = (self.as_bytes(), word.as_bytes());
        let Some(last) = last_byte_of(text, word) else {
            return memchr::memmem::rfind(text, word);
        };
        // `to`: where the word's last byte may stand, at most.
        let mut to = text.len();
        while to >= word.len() {
            let end = memchr::memrchr(last, text.get(word.len() - 1..to)?)? + word.len() - 1;
            let start = end + 1 - word.len();
            if text.get(start..=end) == Some(word) {
                return Some(start);
            }
            to = end;
        }
        None
    }

    fn places_of<'a>(&'a self, word: &'a str) -> impl Iterator<Item = usize> + 'a {
        let (text, bytes) = (self.as_bytes(), word.as_bytes());
        let short = last_byte_of(text, bytes).map(|last| {
            // Where the next word's last byte may stand, at the earliest.
            let mut from = bytes.len() - 1;
            std::iter::from_fn(move || {
                let start = next_place(text, bytes, last, from)?;
                from = start + 2 * bytes.len() - 1;
                Some(start)
            })
        });
        let long = match short {
            Some(_) => None,
            // An empty word is found between every two bytes: only those
            // between characters count, as for `str::match_indices`.
            None => Some(
                memchr::memmem::find_iter(text, bytes)
                    .filter(move |&at| !word.is_empty() || self.is_char_boundary(at)),
            ),
        };
        short
            .into_iter()
            .flatten()
            .chain(long.into_iter().flatten())
    }
}

/// The last byte of `word`, when `text` is short enough to be searched by
/// it ([`SHORT`]) and `word` is not empty.
fn last_byte_of(text: &[u8], word: &[u8]) -> Option<u8> {
    word.last().copied().filter(|_| text.len() <= SHORT)
}

/// The first place of `word` in `text` whose last byte (`last`) stands at
/// `from` or later.
fn next_place(text: &[u8], word: &[u8], last: u8, mut from: usize) -> Option<usize> {
    while from < text.len() {
        let end = from + memchr::memchr(last, text.get(from..)?)?;
        let start = end + 1 - word.len();
        if text.get(start..=end) == Some(word) {
            return Some(start);
        }
        from = end + 1;
    }
    None
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

    /// Texts short and long (past [`SHORT`]) of a few characters, with
    /// words of them: every search gives `str`'s answer.
    #[test]
    fn random_texts_give_the_same_places_as_str() {
        let alphabet = ["a", "b", "申", "请", "申请", "件"];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for round in 0..3000 {
            let len = next(if round % 10 == 0 { 200 } else { 40 });
            let text: String = (0..len).map(|_| alphabet[next(alphabet.len())]).collect();
            let word: String = (0..1 + next(4))
                .map(|_| alphabet[next(alphabet.len())])
                .collect();
            assert_eq!(text.find_word(&word), text.find(&word), "{text} / {word}");
            assert_eq!(text.rfind_word(&word), text.rfind(&word), "{text} / {word}");
            let places: Vec<usize> = text.places_of(&word).collect();
            let indices: Vec<usize> = text.match_indices(&word).map(|(at, _)| at).collect();
            assert_eq!(places, indices, "{text} / {word}");
        }
    }
}
