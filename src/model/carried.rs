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
//!
//! The figures written out in digits in those paragraphs are marked on
//! their own, in the list `沿用数字` beside it, one line per figure: the
//! narrative's key, the figure with its unit as written and last year's
//! sentence (`总体情况 96篇 全年发布政务信息96篇`). A figure stays carried
//! while its narrative still writes it, however the rest of its paragraph
//! is edited: changing the figure ends the mark, and so does confirming it
//! (确认本年仍为此数 removes its line; 确认沿用 of a whole paragraph removes
//! the lines of the figures in it).

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

/// A figure written out in digits in a narrative: its byte range (the
/// digits and the unit after them) and that text, the figure's token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Figure<'t> {
    /// Byte offset of the first digit.
    pub start: usize,
    /// Byte offset after the unit (or the last digit when none follows).
    pub end: usize,
    /// The figure as written: digits, then `%` or one unit (`96篇`,
    /// `12.5%`, `3.2万元`).
    pub token: &'t str,
}

/// The figures `text` writes out in digits, outside placeholders, that are
/// counts or amounts: not years or dates (`2024年`, `3月`, `15日`), times,
/// ordinals (`第3`), document numbers (`〔2021〕30号`), list numbers at a
/// line's start (`1.`), numbers in brackets alone (`（1）`), telephone
/// numbers, addresses or codes mixed with letters.
pub fn figures(text: &str) -> Vec<Figure<'_>> {
    let hidden = placeholder_ranges(text);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|x| x.1);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (offset, c) = chars[i];
        if !c.is_ascii_digit() || hidden.iter().any(|(s, e)| offset >= *s && offset < *e) {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = digits_end(&chars, i);
        let number_end = j;
        match at(j) {
            Some('%' | '％') => j += 1,
            Some(u) if is_unit_char(u) => {
                j += 1;
                if matches!(u, '万' | '亿' | '千' | '余' | '多') && at(j).is_some_and(is_unit_char)
                {
                    j += 1;
                }
            }
            _ => {}
        }
        i = number_end;
        if !is_count(&chars, start, number_end) {
            continue;
        }
        let s = chars[start].0;
        let e = chars.get(j).map_or(text.len(), |x| x.0);
        out.push(Figure {
            start: s,
            end: e,
            token: text.slice(s, e),
        });
    }
    out
}

/// Where a run of digits starting at `i` ends: digits, a decimal point
/// between digits, a thousands comma before exactly three digits.
fn digits_end(chars: &[(usize, char)], mut j: usize) -> usize {
    let digit = |k: usize| chars.get(k).is_some_and(|x| x.1.is_ascii_digit());
    while j < chars.len() {
        let d = chars[j].1;
        let grouped = d == ',' && (1..=3).all(|k| digit(j + k)) && !digit(j + 4);
        if d.is_ascii_digit() || (d == '.' && digit(j + 1)) || grouped {
            j += 1;
        } else {
            break;
        }
    }
    j
}

/// A Chinese character that may be a figure's unit (not a mark).
fn is_unit_char(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Whether the digits `start..end` of `chars` are a count or an amount,
/// by what stands around them.
fn is_count(chars: &[(usize, char)], start: usize, end: usize) -> bool {
    let before = start.checked_sub(1).map(|k| chars[k].1);
    let after = chars.get(end).map(|x| x.1);
    let digits = chars[start..end]
        .iter()
        .filter(|x| x.1.is_ascii_digit())
        .count();
    let line_start = chars[..start]
        .iter()
        .rev()
        .take_while(|x| x.1 != '\n')
        .all(|x| x.1.is_whitespace() || x.1 == '\u{2060}');
    let odd_before =
        before.is_some_and(|b| b.is_ascii_alphanumeric() || "./-－:：〔[第@_#+~～—".contains(b));
    let odd_after =
        after.is_some_and(|a| a.is_ascii_alphabetic() || "年月日号时点/-－:〕]@_".contains(a));
    let bracketed = matches!(before, Some('（' | '(')) && matches!(after, Some('）' | ')'));
    let listed = line_start && matches!(after, Some('.' | '．' | '、' | '）' | ')'));
    let range = after.is_some_and(|a| "—～~至".contains(a)) && {
        let next = end + 1;
        let stop = digits_end(chars, next);
        stop > next && chars.get(stop).is_some_and(|x| "年月日号时".contains(x.1))
    };
    let phone = digits >= 7 && !chars[start..end].iter().any(|x| x.1 == ',' || x.1 == '.');
    let hotline = chars[start..end].iter().map(|x| x.1).eq("12345".chars());
    !(odd_before || odd_after || bracketed || listed || range || phone || hotline)
}

/// The byte ranges of the placeholders (`{{ … }}`) of `text`.
fn placeholder_ranges(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = text.slice_from(from).find("{{") {
        let open = from + open;
        let close = text
            .slice_from(open)
            .find("}}")
            .map_or(text.len(), |c| open + c + 2);
        out.push((open, close));
        from = close;
    }
    out
}

/// Most characters of last year's sentence an entry of `沿用数字` keeps.
const SENTENCE_CHARS: usize = 60;

/// The entry of `沿用数字` that marks `token` in the narrative `section` as
/// last year's figure, with last year's sentence for the reader.
pub fn figure_entry(section: &str, token: &str, sentence: &str) -> String {
    let flat: String = sentence
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    let mut short: String = flat.chars().take(SENTENCE_CHARS).collect();
    if flat.chars().count() > SENTENCE_CHARS {
        short.push('…');
    }
    format!("{section} {token} {short}").trim_end().to_string()
}

/// The narrative, figure and last year's sentence an entry of `沿用数字`
/// names, when it is well formed.
pub fn parse_figure(entry: &str) -> Option<(&'static str, &str, &str)> {
    let entry = entry.trim();
    let (section, rest) = entry.split_once(char::is_whitespace)?;
    let section = SECTIONS.into_iter().find(|s| *s == section)?;
    let rest = rest.trim_start();
    let (token, sentence) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    token
        .starts_with(|c: char| c.is_ascii_digit())
        .then_some((section, token, sentence.trim()))
}

/// The sentence of `text` around byte `at`: from the mark that ends the
/// sentence before it to the mark that ends its own (included).
pub fn sentence_around(text: &str, at: usize) -> &str {
    let at = at.min(text.len());
    let ends = |c: char| "。；！？\n".contains(c);
    let start = text
        .slice_to(at)
        .char_indices()
        .rev()
        .find(|(_, c)| ends(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text
        .slice_from(at)
        .char_indices()
        .find(|(_, c)| ends(*c))
        .map_or(text.len(), |(i, c)| {
            at + i + if c == '\n' { 0 } else { c.len_utf8() }
        });
    text.slice(start, end).trim()
}

/// A figure of a report still marked as last year's (`沿用数字`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarriedFigure<'r> {
    /// The narrative's data path (`总体情况`).
    pub section: &'static str,
    /// The figure as written (`96篇`).
    pub token: &'r str,
    /// Last year's sentence, as the entry gives it (may be empty).
    pub sentence: &'r str,
    /// Byte offset of the figure in the narrative's value.
    pub offset: usize,
    /// Which paragraph of the narrative it is in (0 = the first).
    pub paragraph: usize,
}

impl CarriedFigure<'_> {
    /// The value of a save's `沿用数字` edit that confirms this figure.
    pub fn confirm(&self) -> String {
        format!("{} {}", self.section, self.token)
    }
}

/// The figures of `report` still marked as last year's: each entry of
/// `沿用数字` paired, in order, with a figure of its narrative's paragraphs
/// written the same way; an entry whose figure the narrative no longer
/// writes (changed) marks nothing.
pub fn carried_figures(report: &Report) -> Vec<CarriedFigure<'_>> {
    let marks: Vec<(&str, &str, &str)> = report
        .carried_figures
        .iter()
        .filter_map(|e| parse_figure(&e.value))
        .collect();
    if marks.is_empty() {
        return Vec::new();
    }
    let mut used = vec![false; marks.len()];
    let mut out = Vec::new();
    for (section, text) in report.narratives() {
        let Some(section) = SECTIONS.into_iter().find(|s| *s == section) else {
            continue;
        };
        for (paragraph, p) in paragraphs(&text.value).into_iter().enumerate() {
            for f in figures(p.text) {
                let Some(k) = (0..marks.len())
                    .find(|&k| !used[k] && marks[k].0 == section && marks[k].1 == f.token)
                else {
                    continue;
                };
                used[k] = true;
                out.push(CarriedFigure {
                    section,
                    token: marks[k].1,
                    sentence: marks[k].2,
                    offset: p.offset + f.start,
                    paragraph,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<&str> {
        figures(text).into_iter().map(|f| f.token).collect()
    }

    #[test]
    fn figures_are_counts_not_dates_numbers_or_codes() {
        assert_eq!(
            tokens(
                "2024年1—12月，全年发布政务信息96篇，编发简报53期、51期和12期，增长12.5%，金额3.2万元。"
            ),
            vec!["96篇", "53期", "51期", "12期", "12.5%", "3.2万元"]
        );
        assert_eq!(
            tokens(
                "1.加强领导\n（1）第3季度依据国办公开办函〔2021〕30号，电话0533-1234567、12345热线，网址http://a.gov.cn/2024。"
            ),
            Vec::<&str>::new()
        );
        assert_eq!(
            tokens("收到申请{{ 依申请公开.本年新收.总计 }}件，办结1,234件，8:30开始，共6次，"),
            vec!["1,234件", "6次"]
        );
    }

    #[test]
    fn figure_entries_round_trip() {
        let e = figure_entry("总体情况", "96篇", "全年发布\n政务信息96篇。");
        assert_eq!(e, "总体情况 96篇 全年发布政务信息96篇。");
        assert_eq!(
            parse_figure(&e),
            Some(("总体情况", "96篇", "全年发布政务信息96篇。"))
        );
        assert_eq!(
            parse_figure("总体情况 96篇"),
            Some(("总体情况", "96篇", ""))
        );
        assert_eq!(parse_figure("总体情况 篇96"), None);
        assert_eq!(parse_figure("别处 96篇 x"), None);
        let text = "甲。全年发布政务信息96篇，编发53期；乙";
        let at = text.find("96").unwrap();
        assert_eq!(
            sentence_around(text, at),
            "全年发布政务信息96篇，编发53期；"
        );
    }

    #[test]
    fn paragraphs_skip_headings_and_quotes() {
        let md = "### （一）甲\n\n第一段，\n接着写。\n\n> 引用\n\n  第二段。\n";
        let ps = paragraphs(md);
        assert_eq!(ps.len(), 2);
        assert_eq!(ps[0].text, "第一段，\n接着写。");
        assert_eq!(md.get(ps[0].offset..ps[0].offset + 3), Some("第"));
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
