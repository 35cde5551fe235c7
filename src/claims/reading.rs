//! A narrative as the claim reader reads it: placeholders replaced by the
//! figures they stand for, digits made ASCII, every character traced back
//! to the source.

use crate::model::Report;

use crate::slice::Slice;

/// A narrative with its placeholders resolved, read for figures.
pub(crate) struct Reading<'a> {
    /// The report.
    pub report: &'a Report,
    /// The resolved text (placeholders replaced, digits made ASCII).
    pub chars: Vec<char>,
    /// The resolved text as written (full-width digits kept).
    pub original: Vec<char>,
    /// The placeholders in the resolved text, in order: a few entries
    /// rather than one per character, so that a long narrative is read in
    /// little more memory than its characters.
    pub pieces: Vec<Piece>,
    /// The paths of the placeholders, in order (`依申请公开.本年新收.总计`).
    pub paths: Vec<String>,
    /// The placeholders as written (`{{ 依申请公开.本年新收.总计 }}`), in
    /// order.
    pub written: Vec<String>,
    /// Where a line break inside a paragraph was taken out (`申请\n37件`
    /// reads as the paragraph prints, `申请37件`), or a soft hyphen pasted
    /// from a web page or Word (`决定\u{ad}35件` reads `决定35件`): the
    /// index in the resolved text of the character after each, in order.
    pub joins: Vec<usize>,
    /// Last year's report, when given and of the same agency.
    pub previous: Option<&'a Report>,
    /// The name of last year's file, for pointing into it.
    pub previous_name: Option<&'a str>,
}

/// One placeholder's value in the resolved text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Piece {
    /// Its characters in the resolved text.
    pub resolved: std::ops::Range<usize>,
    /// The index of its first character in the source text.
    pub source: usize,
    /// The characters of the placeholder as written.
    pub written_len: usize,
}

impl Reading<'_> {
    /// The placeholder the resolved character `i` came from, as an index
    /// into [`Reading::paths`] and [`Reading::written`].
    pub(crate) fn placeholder_of(&self, i: usize) -> Option<usize> {
        let i = self.unjoined(i);
        let k = self.pieces.partition_point(|p| p.resolved.end <= i);
        self.pieces
            .get(k)
            .filter(|p| p.resolved.contains(&i))
            .map(|_| k)
    }

    /// The resolved characters `start..end` as written (full-width digits
    /// kept), for quoting in a finding.
    pub(crate) fn quote(&self, start: usize, end: usize) -> String {
        self.original[start..end].iter().collect()
    }

    /// Whether the resolved character `i` came from a placeholder.
    pub(crate) fn is_from_placeholder(&self, i: usize) -> bool {
        self.placeholder_of(i).is_some()
    }

    /// The index in the source text of the resolved character `i`: a
    /// placeholder's characters all map to its first.
    pub(crate) fn source_index(&self, i: usize) -> usize {
        let i = self.unjoined(i);
        let k = self.pieces.partition_point(|p| p.resolved.end <= i);
        // Source characters before piece k: pieces before it are replaced
        // by what was written.
        match self.pieces.get(k) {
            Some(p) if p.resolved.contains(&i) => p.source,
            _ => {
                let Some(before) = k.checked_sub(1).and_then(|j| self.pieces.get(j)) else {
                    return i;
                };
                before.source + before.written_len + (i - before.resolved.end)
            }
        }
    }
}

impl Reading<'_> {
    /// The index `i` of the resolved text had no line break been taken out.
    fn unjoined(&self, i: usize) -> usize {
        i + self.joins.partition_point(|&j| j <= i)
    }
}

/// Reads `text` for its claims: placeholders replaced by their values.
pub(crate) fn reading<'a>(report: &'a Report, text: &str) -> Reading<'a> {
    let mut original = String::with_capacity(text.len());
    let mut pieces = Vec::new();
    let mut paths = Vec::new();
    let mut written = Vec::new();
    let mut last = 0;
    let mut src_chars = 0;
    let mut resolved_chars = 0;
    for p in crate::placeholder::find(text) {
        let before = text.slice(last, p.range.start);
        original.push_str(before);
        let n = before.chars().count();
        src_chars += n;
        resolved_chars += n;
        let value = match crate::placeholder::resolve(report, &p.path) {
            Some(crate::placeholder::Value::Text(t)) => t,
            Some(crate::placeholder::Value::Empty) => String::new(),
            None => text.slice(p.range.start, p.range.end).to_string(),
        };
        original.push_str(&value);
        let as_written = text.slice(p.range.start, p.range.end);
        let written_len = as_written.chars().count();
        let len = value.chars().count();
        pieces.push(Piece {
            resolved: resolved_chars..resolved_chars + len,
            source: src_chars,
            written_len,
        });
        paths.push(p.path.clone());
        written.push(as_written.to_string());
        src_chars += written_len;
        resolved_chars += len;
        last = p.range.end;
    }
    original.push_str(text.slice_from(last));
    let (original, joins) = joined_lines(original.chars().collect());
    Reading {
        report,
        chars: original
            .iter()
            .map(|&c| ascii_digit(c).unwrap_or(c))
            .collect(),
        original,
        pieces,
        paths,
        written,
        joins,
        previous: None,
        previous_name: None,
    }
}

/// `chars` with the line breaks inside a paragraph taken out where the
/// printed paragraph runs on (between Chinese characters; between Latin
/// letters or digits a space stands), and where they were (see
/// [`Reading::joins`]). A break before a blank line, a heading, a list
/// item or a numbered line, or after a numbered line without a full
/// stop (a heading of its own), stays.
fn joined_lines(chars: Vec<char>) -> (Vec<char>, Vec<usize>) {
    let mut out = Vec::with_capacity(chars.len());
    let mut joins = Vec::new();
    let mut line_start = 0;
    for (i, &c) in chars.iter().enumerate() {
        if c == SOFT_HYPHEN {
            joins.push(out.len());
            continue;
        }
        if c != '\n' {
            out.push(c);
            continue;
        }
        let line = &chars[line_start..i];
        let next_end = chars[i + 1..]
            .iter()
            .position(|c| *c == '\n')
            .map_or(chars.len(), |p| i + 1 + p);
        let next = &chars[i + 1..next_end];
        line_start = i + 1;
        if !runs_on(line, next) {
            out.push(c);
        } else if latin(line.last()) && latin(next.first()) {
            out.push(' ');
        } else {
            joins.push(out.len());
        }
    }
    (out, joins)
}

/// The soft hyphen: a hyphenation point no reader sees unless a line
/// breaks at it, so the claims read past it.
const SOFT_HYPHEN: char = '\u{ad}';

/// Whether the line `next` continues the paragraph of `line`.
fn runs_on(line: &[char], next: &[char]) -> bool {
    let blank = |l: &[char]| l.iter().all(|c| c.is_whitespace());
    let heading = |l: &[char]| l.iter().find(|c| !c.is_whitespace()) == Some(&'#');
    let numbered_heading = super::sentences::starts_item(line)
        && !line
            .iter()
            .any(|c| matches!(c, '。' | '！' | '？' | '；' | '：' | ':'));
    !(blank(line)
        || blank(next)
        || heading(line)
        || heading(next)
        || numbered_heading
        || super::sentences::starts_item(next)
        || next.first().is_some_and(|c| c.is_whitespace()))
}

/// Whether `c` is a Latin letter or digit (a space joins those lines).
fn latin(c: Option<&char>) -> bool {
    c.is_some_and(|c| c.is_ascii_alphanumeric())
}

/// A full-width digit as its ASCII digit.
fn ascii_digit(c: char) -> Option<char> {
    ('０'..='９')
        .contains(&c)
        .then(|| char::from_u32(c as u32 - '０' as u32 + '0' as u32))
        .flatten()
}

/// Normalises full-width digits so that text written with them still matches.
#[cfg(test)]
pub(crate) fn ascii_digits(s: &str) -> String {
    s.chars().map(|c| ascii_digit(c).unwrap_or(c)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Edition;

    #[test]
    fn every_resolved_character_is_traced_to_its_source() {
        let report = crate::testutil::report(Edition::E2021);
        // A placeholder with a value, one unknown (printed as written), one
        // at the very start and end, and two in a row.
        let text = "{{ 依申请公开.本年新收.总计 }}件，共{{ 未知 }}条，\
                    {{ 依申请公开.上年结转.总计 }}{{ 依申请公开.本年新收.总计 }}，完{{ 依申请公开.本年新收.总计 }}";
        let r = reading(&report, text);
        // The naive tracing: one entry per resolved character.
        let mut naive: Vec<(Option<usize>, usize)> = Vec::new();
        let (mut last, mut src, mut k) = (0, 0, 0);
        for p in crate::placeholder::find(text) {
            for c in text.slice(last, p.range.start).chars() {
                let _ = c;
                naive.push((None, src));
                src += 1;
            }
            let value: String = r.original[naive.len()..].iter().collect();
            let len = match crate::placeholder::resolve(&report, &p.path) {
                Some(crate::placeholder::Value::Text(t)) => t.chars().count(),
                Some(crate::placeholder::Value::Empty) => 0,
                None => text.slice(p.range.start, p.range.end).chars().count(),
            };
            assert!(value.chars().count() >= len);
            naive.extend(std::iter::repeat_n((Some(k), src), len));
            src += text.slice(p.range.start, p.range.end).chars().count();
            last = p.range.end;
            k += 1;
        }
        for _ in text.slice_from(last).chars() {
            naive.push((None, src));
            src += 1;
        }
        assert_eq!(naive.len(), r.original.len());
        for (i, &(of, source)) in naive.iter().enumerate() {
            assert_eq!(r.placeholder_of(i), of, "placeholder of {i}");
            assert_eq!(r.is_from_placeholder(i), of.is_some());
            assert_eq!(r.source_index(i), source, "source of {i}");
        }
        assert_eq!(r.paths.len(), 5);
        assert_eq!(r.written[1], "{{ 未知 }}");
    }

    #[test]
    fn a_line_break_inside_a_paragraph_reads_as_printed() {
        let report = crate::testutil::report(Edition::E2021);
        let text = "共收到政府信\n息公开申请\n{{ 依申请公开.本年新收.总计 }}件，A\nB。\n\n（一）主动公开\n全年公开\n- 一项";
        let r = reading(&report, text);
        let read: String = r.chars.iter().collect();
        let value = match crate::placeholder::resolve(&report, "依申请公开.本年新收.总计")
        {
            Some(crate::placeholder::Value::Text(t)) => t,
            _ => String::new(),
        };
        assert_eq!(
            read,
            format!("共收到政府信息公开申请{value}件，A B。\n\n（一）主动公开\n全年公开\n- 一项")
        );
        // Every character still points at its place in the source.
        let source: Vec<char> = text.chars().collect();
        let at = |c: char| r.chars.iter().position(|x| *x == c).unwrap();
        assert_eq!(source[r.source_index(at('息'))], '息');
        assert_eq!(source[r.source_index(at('件'))], '件');
        assert_eq!(source[r.source_index(at('B'))], 'B');
        assert_eq!(source[r.source_index(at('全'))], '全');
        assert!(r.is_from_placeholder(at('件') - 1));
        assert!(!r.is_from_placeholder(at('件')));
    }

    #[test]
    fn a_soft_hyphen_is_read_past() {
        let report = crate::testutil::report(Edition::E2021);
        let text = "作出行政处罚\u{ad}决定\u{ad}933554件";
        let r = reading(&report, text);
        assert_eq!(
            r.chars.iter().collect::<String>(),
            "作出行政处罚决定933554件"
        );
        let source: Vec<char> = text.chars().collect();
        let nine = r.chars.iter().position(|c| *c == '9').unwrap();
        assert_eq!(source[r.source_index(nine)], '9');
    }
}
