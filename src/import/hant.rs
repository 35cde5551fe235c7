//! Reports published in traditional characters (`政府信息公開工作年度報告`):
//! read as their simplified forms, so that headings, labels and keywords
//! are recognised, and printed as published.
//!
//! The table is `model::hant`'s, used character for character, so every
//! line keeps its byte offsets and messages point into the file as given. What the import takes
//! from the text (the agency, the narrative) is turned back with
//! [`Restore`], built from this document's own characters.

use std::collections::{HashMap, HashSet};

use super::lines::SourceLine;

use crate::model::hant::{MIN_TRADITIONAL, table};

/// How to print the simplified text the import read as the document
/// printed it: each simplified character back to the one traditional form
/// the document used for it, when that is certain.
#[derive(Debug, Default)]
pub struct Restore {
    back: HashMap<char, char>,
}

impl Restore {
    /// `text` with its characters as the document printed them.
    pub fn apply(&self, text: &str) -> String {
        text.chars()
            .map(|c| self.back.get(&c).copied().unwrap_or(c))
            .collect()
    }
}

/// Reads `lines` as simplified text when the document is written in
/// traditional characters; the way back to its own characters, or `None`
/// (and the lines untouched) for a simplified document.
pub fn simplify(lines: &mut [SourceLine]) -> Option<Restore> {
    let table = table();
    let texts = || {
        lines.iter().flat_map(|l| {
            std::iter::once(l.text.as_str())
                .chain(l.cells.iter().flatten().map(|p| p.text.as_str()))
        })
    };
    let traditional = texts()
        .flat_map(str::chars)
        .filter(|c| table.contains_key(c))
        .take(MIN_TRADITIONAL)
        .count();
    if traditional < MIN_TRADITIONAL {
        return None;
    }
    // Each simplified form, with the traditional ones it stands for here;
    // a simplified form the document also prints as itself is not turned
    // back (both were printed).
    let mut back: HashMap<char, HashSet<char>> = HashMap::new();
    let mut printed: HashSet<char> = HashSet::new();
    for c in texts().flat_map(str::chars) {
        match table.get(&c) {
            Some(s) => {
                back.entry(s).or_default().insert(c);
            }
            None => {
                printed.insert(c);
            }
        }
    }
    let convert = |t: &str| -> String { t.chars().map(|c| table.get(&c).unwrap_or(c)).collect() };
    for line in lines.iter_mut() {
        line.text = convert(&line.text);
        for p in line.cells.iter_mut().flatten() {
            p.text = convert(&p.text);
        }
    }
    let back = back
        .into_iter()
        .filter(|(s, ts)| ts.len() == 1 && !printed.contains(s))
        .filter_map(|(s, ts)| ts.into_iter().next().map(|t| (s, t)))
        .collect();
    Some(Restore { back })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HANT: &str = "示例縣審計局2023年度政府信息公開工作年度報告\n\
        一、總體情況\n本機關依法公開政府信息，認真辦理申請，按時處理群眾來信。\n\
        二、主動公開政府信息情況\n規章\t0\t0\t0\n";

    #[test]
    fn traditional_text_is_read_as_simplified_and_printed_as_published() {
        let mut lines = crate::import::lines::text_lines(HANT);
        let before: Vec<usize> = lines.iter().map(|l| l.text.len()).collect();
        let restore = simplify(&mut lines).expect("a traditional report");
        assert_eq!(
            lines[0].text,
            "示例县审计局2023年度政府信息公开工作年度报告"
        );
        assert_eq!(lines[1].text, "一、总体情况");
        assert_eq!(lines[3].text, "二、主动公开政府信息情况");
        // Offsets hold: every line kept its length in bytes.
        let after: Vec<usize> = lines.iter().map(|l| l.text.len()).collect();
        assert_eq!(before, after);
        assert_eq!(
            restore.apply(&lines[0].text),
            "示例縣審計局2023年度政府信息公開工作年度報告"
        );
        assert_eq!(
            restore.apply(&lines[2].text),
            "本機關依法公開政府信息，認真辦理申請，按時處理群眾來信。"
        );
    }

    #[test]
    fn a_simplified_report_is_left_alone() {
        let mut lines = crate::import::lines::text_lines(
            "一、总体情况\n本机关依法公开政府信息。引用台灣一詞。\n",
        );
        let copy = lines.clone();
        assert!(simplify(&mut lines).is_none());
        assert_eq!(lines, copy);
    }
}
