//! TEXT-PUNCT: punctuation a Chinese sentence should not have: a
//! half-width comma, period, colon or semicolon after a Chinese character
//! (`本局,按照`), and a mark typed twice (`，，` `。。` `、、`). Each finding
//! gives the exact replacement.

use std::ops::Range;

use super::prose::{self, Cursor};
use crate::claims::sentences::MAX_READ_CHARS;
use crate::diag::limit::Capped;
use crate::diag::{Diagnostic, Fix, codes};
use crate::model::Report;
use crate::source::SourceFile;

/// Checks the preface and the three narratives.
pub(super) fn check(report: &Report, file: &SourceFile, out: &mut Vec<Diagnostic>) {
    for (at, text) in report.narratives() {
        let (raw, masked) = prose::masked(&text.value);
        let mut capped = Capped::new();
        let mut cursor = Cursor::new(file, text.span);
        for slip in slips(&masked) {
            if !capped.room() {
                continue;
            }
            let written: String = raw[slip.range.clone()].iter().collect();
            let what = if slip.doubled {
                "标点重复"
            } else {
                "中文之间用了半角标点"
            };
            let mut d = Diagnostic::new_at(
                codes::TEXT_PUNCT,
                format!("正文中“{written}”{what}"),
                cursor.next(&written),
                at,
            )
            .label(format!("应为“{}”", slip.fixed))
            .help(format!("将“{written}”改为“{}”", slip.fixed));
            if let Some(fix) = line_fix(at, &raw, &slip) {
                d = d.fix(fix);
            }
            out.push(d);
        }
        out.extend(capped.rest(codes::TEXT_PUNCT, text.span, at));
    }
}

/// One slip: the characters around it as written and as they should be.
#[derive(Debug, PartialEq)]
struct Slip {
    range: Range<usize>,
    fixed: String,
    doubled: bool,
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
    let mut out = Vec::new();
    let mut i = 1;
    while i < chars.len() {
        let before = chars[i - 1];
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
                    doubled: false,
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
                doubled: true,
            });
            i += run;
            continue;
        }
        i += 1;
    }
    out
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
