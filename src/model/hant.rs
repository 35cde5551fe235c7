//! Traditional characters read as their simplified forms, one character
//! for one of the same length in bytes, so that a text keeps its byte
//! offsets: the importer reads a report published in traditional
//! characters this way, and so do the rules that look for words.
//!
//! The table is OpenCC's character table (traditional → simplified) as the
//! `hanconv` crate ships it, used character for character and only where
//! both forms take the same number of bytes.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::Report;

/// Traditional characters a text must hold before it is read as one (a
/// simplified report quoting a name in traditional form is not).
pub const MIN_TRADITIONAL: usize = 20;

/// The traditional → simplified table, one character each.
pub fn table() -> &'static HashMap<char, char> {
    static TABLE: OnceLock<HashMap<char, char>> = OnceLock::new();
    TABLE.get_or_init(|| {
        hanconv::RawDictionary::TSCharacters
            .iter()
            .filter_map(|(t, s)| {
                let mut tc = t.chars();
                let mut sc = s.chars();
                match (tc.next(), tc.next(), sc.next(), sc.next()) {
                    (Some(t), None, Some(s), None) if t != s && t.len_utf8() == s.len_utf8() => {
                        Some((t, s))
                    }
                    _ => None,
                }
            })
            .collect()
    })
}

/// `text` with every traditional character in its simplified form, byte
/// for byte at the same offsets.
pub fn simplified(text: &str) -> String {
    let table = table();
    text.chars()
        .map(|c| table.get(&c).copied().unwrap_or(c))
        .collect()
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
    fn characters_keep_their_bytes() {
        let t = "部分欄目更新不夠及時，將加強日常維護。";
        let s = simplified(t);
        assert_eq!(s, "部分栏目更新不够及时，将加强日常维护。");
        assert_eq!(s.len(), t.len());
    }
}
