//! Traditional characters read as their simplified forms, one character
//! for one of the same length in bytes, so that a text keeps its byte
//! offsets: the importer reads a report published in traditional
//! characters this way, and so do the rules that look for words.
//!
//! The table is OpenCC's character table (traditional → simplified,
//! `TSCharacters.txt`, Apache-2.0, kept beside this file as OpenCC ships
//! it), used character for character and only where both forms take the
//! same number of bytes.

use super::Report;

/// Traditional characters a text must hold before it is read as one (a
/// simplified report quoting a name in traditional form is not).
pub const MIN_TRADITIONAL: usize = 20;

/// The traditional → simplified pairs, compiled from OpenCC's
/// `TSCharacters.txt` by the build script (`build.rs`, which says the
/// format): read in place, no start-up cost (issue 76.1).
static PAIRS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/hant-pairs.bin"));

/// One bit per character below U+10000, set for a traditional character
/// of [`PAIRS`] (`build.rs`): a text's other characters are answered by it
/// without a search.
static BMP: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/hant-bmp.bin"));

/// Whether [`BMP`] marks `c` as traditional; `None` above the plane.
fn in_bmp_map(c: char) -> Option<bool> {
    let n = u32::from(c) as usize;
    BMP.get(n / 8).map(|byte| byte & (1 << (n % 8)) != 0)
}

/// The traditional → simplified table, one character each.
pub struct Table;

impl Table {
    /// How many pairs the table holds.
    fn len(&self) -> usize {
        PAIRS.len() / 8
    }

    /// The `n`th little-endian u32 of the pairs, as a character.
    fn char_at(&self, n: usize) -> Option<char> {
        let at = n.checked_mul(4)?;
        let w = PAIRS.get(at..at + 4)?;
        char::from_u32(u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
    }

    /// The simplified form of `c`, when `c` is a traditional character.
    pub fn get(&self, c: &char) -> Option<char> {
        if in_bmp_map(*c) == Some(false) {
            return None;
        }
        self.search(*c)
    }

    /// The simplified form of `c`, searched for in the pairs.
    fn search(&self, c: char) -> Option<char> {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.char_at(mid * 2)?.cmp(&c) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return self.char_at(mid * 2 + 1),
            }
        }
        None
    }

    /// Whether `c` is a traditional character with a simplified form.
    pub fn contains_key(&self, c: &char) -> bool {
        self.get(c).is_some()
    }
}

/// The traditional → simplified table.
pub fn table() -> &'static Table {
    &Table
}

/// `text` with every traditional character in its simplified form, byte
/// for byte at the same offsets.
pub fn simplified(text: &str) -> String {
    let table = table();
    text.chars().map(|c| table.get(&c).unwrap_or(c)).collect()
}

/// The report as the rules read it when its agency and narratives are
/// written in traditional characters (at least [`MIN_TRADITIONAL`]): the
/// same report with those texts simplified, every byte where it was.
/// `None` for a report in simplified characters.
pub fn read_as_simplified(report: &Report) -> Option<Report> {
    let table = table();
    let traditional = std::iter::once(&report.agency.value)
        .chain(report.narratives().into_iter().map(|(_, t)| &t.value))
        .flat_map(|t| t.chars())
        .filter(|c| table.contains_key(c))
        .take(MIN_TRADITIONAL)
        .count();
    if traditional < MIN_TRADITIONAL {
        return None;
    }
    let mut r = report.clone();
    r.agency.value = simplified(&r.agency.value);
    for text in [&mut r.overview, &mut r.problems, &mut r.other]
        .into_iter()
        .chain(r.preface.as_mut())
    {
        text.value = simplified(&text.value);
    }
    Some(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plane_map_marks_exactly_the_searched_characters() {
        for c in (0..0x10000).filter_map(char::from_u32) {
            assert_eq!(in_bmp_map(c), Some(Table.search(c).is_some()), "{c}");
        }
        assert_eq!(in_bmp_map('𠮷'), None);
    }

    #[test]
    fn characters_keep_their_bytes() {
        let t = "部分欄目更新不夠及時，將加強日常維護。";
        let s = simplified(t);
        assert_eq!(s, "部分栏目更新不够及时，将加强日常维护。");
        assert_eq!(s.len(), t.len());
    }
}
