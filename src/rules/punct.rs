//! TEXT-PUNCT: punctuation a Chinese sentence should not have: a
//! half-width comma, period, colon or semicolon after a Chinese character
//! (`本局,按照`), a mark typed twice (`，，` `。。` `、、`), a sub-heading
//! numbered in half-width brackets (`(二)`), and a figure in scientific
//! notation as a spreadsheet shows it (`４.17E+03万元`). Each finding gives
//! the exact replacement.

use std::ops::Range;

use super::prose::{self, Found};
use crate::claims::sentences::MAX_READ_CHARS;
use crate::diag::{Diagnostic, Fix, codes};
use crate::model::Report;
use crate::model::number::plain_decimal;
use crate::source::SourceFile;

/// Checks the preface and the three narratives.
pub(super) fn check(report: &Report, file: &SourceFile, out: &mut Vec<Diagnostic>) {
    let find = |masked: &[char]| -> Vec<(Range<usize>, Slip)> {
        let found = slips(masked).into_iter();
        found.map(|slip| (slip.range.clone(), slip)).collect()
    };
    prose::report_found((report, file), codes::TEXT_PUNCT, find, diagnose, out);
}

/// The finding of `slip`, found as `found`.
fn diagnose(found: Found<'_>, slip: Slip) -> Diagnostic {
    let written = &found.written;
    let what = match slip.kind {
        Kind::Doubled => "标点重复",
        Kind::HalfWidth => "中文之间用了半角标点",
        Kind::Heading => "小标题的序号用了半角括号",
        Kind::Scientific => "是科学计数法（多半从 Excel 粘贴），读者看不懂",
        Kind::Gap => "中间夹着不换行空格（多半从网页或 Word 粘贴来），印出来是一道空隙",
    };
    let d = Diagnostic::new_at(
        codes::TEXT_PUNCT,
        format!("正文中“{written}”{what}"),
        found.span,
        found.at,
    )
    .label(format!("应为“{}”", slip.fixed))
    .help(format!("将“{written}”改为“{}”", slip.fixed));
    match line_fix(found.at, found.raw, &slip) {
        Some(fix) => d.fix(fix),
        None => d,
    }
}

/// One slip: the characters around it as written and as they should be.
#[derive(Debug, PartialEq)]
struct Slip {
    range: Range<usize>,
    fixed: String,
    kind: Kind,
}

/// What kind of slip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `本局,按照`.
    HalfWidth,
    /// `，，`.
    Doubled,
    /// `(二)` opening a line.
    Heading,
    /// `4.17E+03`.
    Scientific,
    /// `办理\u{a0}时限`: a pasted space that does not break.
    Gap,
}

/// The one-click fix of `slip`: its line of `raw` with the slip replaced;
/// none when the line runs past what was read.
fn line_fix(at: &str, raw: &[char], slip: &Slip) -> Option<Fix> {
    let start = raw[..slip.range.start]
        .iter()
        .rposition(|&c| c == '\n')
        .map_or(0, |i| i + 1);
    let end = match raw[slip.range.end..].iter().position(|&c| c == '\n') {
        Some(i) => slip.range.end + i,
        None if raw.len() < MAX_READ_CHARS => raw.len(),
        None => return None,
    };
    let line: String = raw[start..end].iter().collect();
    let fixed: String = raw[start..slip.range.start]
        .iter()
        .copied()
        .chain(slip.fixed.chars())
        .chain(raw[slip.range.end..end].iter().copied())
        .collect();
    let line = line.trim();
    let before: String = raw[..start].iter().collect();
    let mut fix = Fix::line(at, line, fixed.trim(), format!("改为“{}”", slip.fixed));
    fix.occurrence = before.lines().filter(|l| l.trim() == line).count();
    Some(fix)
}

/// The full-width mark for a half-width one typed in Chinese prose.
fn full_width(c: char) -> Option<char> {
    match c {
        ',' => Some('，'),
        '.' => Some('。'),
        ':' => Some('：'),
        ';' => Some('；'),
        _ => None,
    }
}

/// Marks that are never typed twice in a row.
const NEVER_TWICE: [char; 5] = ['，', '。', '、', '；', '：'];

/// The slips in `chars` (placeholders masked), in order: each with the
/// Chinese character before it, so that it can be found and replaced.
fn slips(chars: &[char]) -> Vec<Slip> {
    let mut out = written_slips(chars);
    let mut i = 1;
    while i < chars.len() {
        let before = chars[i - 1];
        if let Some(gap) = pasted_gap(chars, i) {
            i = gap.range.end;
            out.push(gap);
            continue;
        }
        if !prose::is_han(before) {
            i += 1;
            continue;
        }
        if let Some(wide) = full_width(chars[i]) {
            // One space typed after it goes too.
            let spaces = chars[i + 1..].iter().take_while(|&&c| c == ' ').count();
            let next = chars.get(i + 1 + spaces).copied();
            if next.is_none_or(|c| prose::is_han(c) || c == '\n') {
                let end = if next.is_some_and(prose::is_han) {
                    i + 2 + spaces
                } else {
                    i + 1
                };
                let mut fixed = format!("{before}{wide}");
                fixed.extend(next.filter(|c| prose::is_han(*c)));
                out.push(Slip {
                    range: i - 1..end,
                    fixed,
                    kind: Kind::HalfWidth,
                });
                i = end;
                continue;
            }
        }
        if NEVER_TWICE.contains(&chars[i]) && chars.get(i + 1) == Some(&chars[i]) {
            let run = chars[i..].iter().take_while(|&&c| c == chars[i]).count();
            out.push(Slip {
                range: i - 1..i + run,
                fixed: format!("{before}{}", chars[i]),
                kind: Kind::Doubled,
            });
            i += run;
            continue;
        }
        i += 1;
    }
    out.sort_by_key(|s| s.range.start);
    out
}

/// Whether `c` is a space only a paste brings (the no-break spaces, the
/// typographic spaces): a clerk's own space bar types U+0020 or U+3000.
fn pasted_space(c: char) -> bool {
    matches!(
        c,
        '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}'
    )
}

/// A run of spaces with a pasted one at `i`, between a Chinese character
/// and a Chinese character or a digit (`办理\u{a0}时限`, `申请\u{a0}6\u{a0}件`):
/// the two characters around it, closed up.
fn pasted_gap(chars: &[char], i: usize) -> Option<Slip> {
    let before = *chars.get(i.checked_sub(1)?)?;
    if !pasted_space(chars[i]) {
        return None;
    }
    let run = chars[i..]
        .iter()
        .take_while(|&&c| c == ' ' || pasted_space(c))
        .count();
    let after = *chars.get(i + run)?;
    let word = |c: char| prose::is_han(c) || c.is_ascii_digit();
    let han = prose::is_han(before) || prose::is_han(after);
    if !(han && word(before) && word(after)) {
        return None;
    }
    // A digit beside it may be a masked placeholder: only the Chinese
    // characters around the gap are quoted and kept.
    let from = if prose::is_han(before) { i - 1 } else { i };
    let to = if prose::is_han(after) {
        i + run + 1
    } else {
        i + run
    };
    let mut fixed = String::new();
    fixed.extend(Some(before).filter(|c| prose::is_han(*c)));
    fixed.extend(Some(after).filter(|c| prose::is_han(*c)));
    Some(Slip {
        range: from..to,
        fixed,
        kind: Kind::Gap,
    })
}

/// The sub-headings numbered in half-width brackets and the figures in
/// scientific notation of `chars`.
fn written_slips(chars: &[char]) -> Vec<Slip> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let line_start = i == 0 || chars[i - 1] == '\n';
        if line_start && let Some(s) = bracketed_heading(chars, i) {
            out.push(s);
        }
        if let Some(s) = scientific(chars, i) {
            i = s.range.end;
            out.push(s);
            continue;
        }
        i += 1;
    }
    out
}

/// `(二)`, `(二）`, `（二)` or `(1)` opening the line at `start` (after its
/// indent and heading marks), followed by the heading's words.
fn bracketed_heading(chars: &[char], start: usize) -> Option<Slip> {
    let mut i = start;
    while i < chars.len() && matches!(chars[i], ' ' | '\u{3000}' | '#') {
        i += 1;
    }
    let open = *chars.get(i)?;
    if !matches!(open, '(' | '（') {
        return None;
    }
    let inner: String = chars[i + 1..]
        .iter()
        .take_while(|c| !matches!(c, ')' | '）' | '\n'))
        .collect();
    let n = inner.chars().count();
    let close = *chars.get(i + 1 + n)?;
    let numeral = (1..=3).contains(&n) && inner.chars().all(|c| "一二三四五六七八九十".contains(c));
    let digits = (1..=2).contains(&n) && inner.chars().all(|c| c.is_ascii_digit());
    let half = open == '(' || close == ')';
    let words = chars.get(i + 2 + n).is_some_and(|c| prose::is_han(*c));
    (half && (numeral || digits) && words).then(|| Slip {
        range: i..i + 2 + n,
        fixed: format!("（{inner}）"),
        kind: Kind::Heading,
    })
}

/// A figure in scientific notation starting at `i` (`４.17E+03`,
/// `1.5e-2`), with its plain decimal spelling.
fn scientific(chars: &[char], i: usize) -> Option<Slip> {
    let digit = |c: char| {
        c.to_digit(10)
            .or_else(|| ('０'..='９').contains(&c).then(|| c as u32 - '０' as u32))
    };
    if i > 0
        && (digit(chars[i - 1]).is_some()
            || chars[i - 1].is_ascii_alphanumeric()
            || matches!(chars[i - 1], '.' | '．'))
    {
        return None;
    }
    let mut j = i;
    let mut mantissa = String::new();
    let mut point = None;
    while let Some(&c) = chars.get(j) {
        if let Some(d) = digit(c) {
            mantissa.push(char::from_digit(d, 10)?);
        } else if matches!(c, '.' | '．') && point.is_none() && !mantissa.is_empty() {
            point = Some(mantissa.len());
        } else {
            break;
        }
        j += 1;
    }
    if mantissa.is_empty() || !matches!(chars.get(j), Some('E' | 'e' | 'Ｅ' | 'ｅ')) {
        return None;
    }
    j += 1;
    let negative = matches!(chars.get(j), Some('-' | '－'));
    if matches!(chars.get(j), Some('+' | '＋' | '-' | '－')) {
        j += 1;
    }
    let mut exponent = String::new();
    while let Some(d) = chars.get(j).and_then(|c| digit(*c)) {
        exponent.push(char::from_digit(d, 10)?);
        j += 1;
    }
    let exp: i64 = exponent.parse().ok().filter(|e| *e <= 12)?;
    if chars.get(j).is_some_and(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let shift = if negative { -exp } else { exp };
    let at = point.unwrap_or(mantissa.len()) as i64 + shift;
    Some(Slip {
        range: i..j,
        fixed: plain(&mantissa, at),
        kind: Kind::Scientific,
    })
}

/// The digits `mantissa` with the decimal point `at` digits from the
/// left (negative: before the first), as a plain decimal (`417`, 4 →
/// `4170`; `15`, -1 → `0.015`).
fn plain(mantissa: &str, at: i64) -> String {
    let digits: Vec<char> = mantissa.chars().collect();
    let len = digits.len() as i64;
    let (whole, frac): (String, String) = if at <= 0 {
        ("0".into(), "0".repeat((-at) as usize) + mantissa)
    } else if at >= len {
        (
            format!("{mantissa}{}", "0".repeat((at - len) as usize)),
            String::new(),
        )
    } else {
        (
            digits[..at as usize].iter().collect(),
            digits[at as usize..].iter().collect(),
        )
    };
    plain_decimal(&whole, &frac)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixes(text: &str) -> Vec<(String, String)> {
        let (raw, masked) = prose::masked(text);
        slips(&masked)
            .into_iter()
            .map(|s| (raw[s.range].iter().collect(), s.fixed))
            .collect()
    }

    #[test]
    fn half_width_and_doubled_marks_are_found_with_their_fix() {
        assert_eq!(
            fixes("本局,按照要求. 做好工作:一是;二是，，三是。。四是、、五是.\n"),
            [
                ("局,按".to_string(), "局，按".to_string()),
                ("求. 做".into(), "求。做".into()),
                ("作:一".into(), "作：一".into()),
                ("是;二".into(), "是；二".into()),
                ("是，，".into(), "是，".into()),
                ("是。。".into(), "是。".into()),
                ("是、、".into(), "是、".into()),
                ("是.".into(), "是。".into()),
            ]
        );
    }

    #[test]
    fn half_width_headings_and_scientific_figures_are_found_with_their_fix() {
        assert_eq!(
            fixes(
                "(二)政务公开平台建设\n### （三)人大代表建议\n收取费用４.17E+03万元，约1.5e-2万元。\n(1) 不是小标题\n"
            ),
            [
                ("(二)".to_string(), "（二）".to_string()),
                ("（三)".into(), "（三）".into()),
                ("４.17E+03".into(), "4170".into()),
                ("1.5e-2".into(), "0.015".into()),
            ]
        );
        assert!(fixes("版本V1.2E3，型号AE86，（二）政务公开，代码0x1E3。").is_empty());
    }

    #[test]
    fn pasted_spaces_between_chinese_are_closed_up() {
        let found = fixes("办理\u{a0}时限符合规定，收到申请\u{a0}6\u{a0}件。\n");
        let want = [
            ("理\u{a0}时", "理时"),
            ("请\u{a0}", "请"),
            ("\u{a0}件", "件"),
        ];
        assert!(
            found.iter().map(|(a, b)| (a.as_str(), b.as_str())).eq(want),
            "{found:?}"
        );
        // A typed space, an indent or a gap beside Latin letters stays.
        assert!(fixes("张 三，\u{a0}\u{a0}第二段，Word\u{a0}文档，2024\u{a0}2025").is_empty());
    }

    #[test]
    fn the_fix_replaces_the_slip_on_its_line() {
        let text = "第一行。\n本局,按照要求。\n本局,按照要求。\n";
        let (raw, masked) = prose::masked(text);
        let found = slips(&masked);
        let fix = line_fix("总体情况", &raw, &found[1]).unwrap();
        assert_eq!(fix.line, "本局,按照要求。");
        assert_eq!(fix.with, "本局，按照要求。");
        assert_eq!((fix.occurrence, fix.lines), (1, 1));
    }

    #[test]
    fn marks_beside_latin_digits_and_placeholders_are_quiet() {
        assert!(
            fixes(
                "网址:www.gov.cn，第1.2条，共{{ 依申请公开.本年新收.总计 }}件，Word.docx，……，——"
            )
            .is_empty()
        );
    }
}
