//! 沿用上年: the narrative paragraphs of this year's report carried from
//! last year's and not yet edited or confirmed by the clerk.
//!
//! The mark lives in the data file as the optional top-level list
//! `沿用上年`, one line per carried paragraph: the narrative's key, a
//! digest of the paragraph's text and its opening words for the reader
//! (`总体情况 3f9a0c21d4e5b6a7 2024年，区交通运输局坚持…`). A paragraph is
//! carried while an entry of its narrative names its digest: editing the
//! paragraph changes the digest, so the mark lapses by itself; confirming it
//! (确认沿用) removes the entry. Only the key and the digest are read; the
//! opening words are for people.

use super::report::Report;
use super::schema::top;
use crate::slice::Slice;

/// The narratives a paragraph may be carried in, by data path.
pub const SECTIONS: [&str; 3] = [top::OVERVIEW, top::PROBLEMS, "其他事项.正文"];

/// How many characters of a paragraph an entry shows.
const OPENING_CHARS: usize = 16;

/// One paragraph of a narrative: where it starts in the narrative's value
/// and its text (trimmed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paragraph<'t> {
    /// Byte offset of the paragraph's first character in the value.
    pub offset: usize,
    /// The paragraph's text, trimmed.
    pub text: &'t str,
}

/// The paragraphs of a Markdown narrative that can be carried: the blocks
/// between blank lines that are not headings (`###`) or quotes (`>`).
pub fn paragraphs(markdown: &str) -> Vec<Paragraph<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    let mut offset = 0;
    for line in markdown.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        match (blank, start) {
            (true, Some(s)) => {
                push_block(markdown, s, offset, &mut out);
                start = None;
            }
            (false, None) => start = Some(offset),
            _ => {}
        }
        offset += line.len();
    }
    if let Some(s) = start {
        push_block(markdown, s, markdown.len(), &mut out);
    }
    out
}

fn push_block<'t>(markdown: &'t str, start: usize, end: usize, out: &mut Vec<Paragraph<'t>>) {
    let block = markdown.slice(start, end);
    let lead = block.len() - block.trim_start().len();
    let text = block.trim();
    if text.is_empty() || text.starts_with('#') || text.starts_with('>') {
        return;
    }
    out.push(Paragraph {
        offset: start + lead,
        text,
    });
}

/// The digest of a paragraph's text: 16 hex digits of FNV-1a (64 bits)
/// over its characters without white space, so that re-wrapping a line
/// does not count as an edit.
pub fn digest(paragraph: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut buf = [0u8; 4];
    for c in paragraph.chars().filter(|c| !c.is_whitespace()) {
        for b in c.encode_utf8(&mut buf).bytes() {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

/// The entry that marks `paragraph` of the narrative `section` as carried.
pub fn entry(section: &str, paragraph: &str) -> String {
    let flat: String = paragraph
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    let opening: String = flat.chars().take(OPENING_CHARS).collect();
    let more = if flat.chars().count() > OPENING_CHARS {
        "…"
    } else {
        ""
    };
    format!("{section} {} {opening}{more}", digest(paragraph))
}

/// The narrative and digest an entry names, when it is well formed.
pub fn parse(entry: &str) -> Option<(&'static str, &str)> {
    let mut words = entry.split_whitespace();
    let section = words.next()?;
    let section = SECTIONS.into_iter().find(|s| *s == section)?;
    let digest = words.next()?;
    (digest.len() == 16 && digest.bytes().all(|b| b.is_ascii_hexdigit()))
        .then_some((section, digest))
}

/// A carried paragraph of a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Carried<'r> {
    /// The narrative's data path (`总体情况`).
    pub section: &'static str,
    /// Which paragraph of the narrative (0 = the first).
    pub index: usize,
    /// The paragraph's text.
    pub text: &'r str,
    /// Byte offset of the paragraph in the narrative's value.
    pub offset: usize,
    /// The paragraph's digest.
    pub digest: String,
}

/// The paragraphs of `report` still marked as carried, in the order of
/// the narratives and of their paragraphs.
pub fn carried(report: &Report) -> Vec<Carried<'_>> {
    let marks: Vec<(&str, &str)> = report
        .carried
        .iter()
        .filter_map(|e| parse(&e.value))
        .collect();
    if marks.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (section, text) in report.narratives() {
        if !SECTIONS.contains(&section) {
            continue;
        }
        for (index, p) in paragraphs(&text.value).into_iter().enumerate() {
            let d = digest(p.text);
            if marks.iter().any(|(s, m)| *s == section && *m == d) {
                out.push(Carried {
                    section: SECTIONS
                        .into_iter()
                        .find(|s| *s == section)
                        .unwrap_or(section),
                    index,
                    text: p.text,
                    offset: p.offset,
                    digest: d,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_skip_headings_and_quotes() {
        let md = "### （一）甲\n\n第一段，\n接着写。\n\n> 引用\n\n  第二段。\n";
        let ps = paragraphs(md);
        assert_eq!(ps.len(), 2);
        assert_eq!(ps[0].text, "第一段，\n接着写。");
        assert_eq!(&md[ps[0].offset..ps[0].offset + 3], "第");
        assert_eq!(ps[1].text, "第二段。");
    }

    #[test]
    fn entries_round_trip_and_ignore_white_space() {
        let e = entry(
            "总体情况",
            "2024年，本局坚持以人民为中心，全面推进政务公开工作。",
        );
        let (section, d) = parse(&e).unwrap();
        assert_eq!(section, "总体情况");
        assert_eq!(
            d,
            digest("2024年，本局坚持以人民为中心，\n全面推进政务公开工作。")
        );
        assert_ne!(
            d,
            digest("2025年，本局坚持以人民为中心，全面推进政务公开工作。")
        );
        assert!(e.ends_with(" 2024年，本局坚持以人民为中心…"), "{e}");
        assert_eq!(parse("别处 0123456789abcdef"), None);
        assert_eq!(parse("总体情况 xyz"), None);
        assert_eq!(parse(""), None);
    }
}
