//! What a paste leaves in a narrative: the same run of paragraphs twice
//! (TEXT-REPEAT, named at the second copy) and private-use characters,
//! the bullets of Word's symbol fonts (TEXT-PUA).

use crate::slice::Slice;
use std::collections::HashMap;

use super::prose::Cursor;
use crate::claims::sentences::MAX_READ_CHARS;
use crate::diag::limit::{Capped, PER_TEXT};
use crate::diag::{Diagnostic, Fix, codes};
use crate::model::schema::{contact, top};
use crate::model::{Report, path};
use crate::source::{SourceFile, Span, is_private_use};

/// Checks the preface and the three narratives.
pub(super) fn check(report: &Report, file: &SourceFile, out: &mut Vec<Diagnostic>) {
    for (at, text) in report.narratives() {
        repeats(file, at, &text.value, text.span, out);
        private_use(file, at, &text.value, text.span, out);
    }
    repeats_across_parts(file, &report.narratives(), out);
    // The one-line fields print too: a 造字 character in the agency's name
    // or the address would vanish from every output.
    let c = &report.contact;
    let lines = [
        (path::field(top::AGENCY), Some(&report.agency)),
        (path::contact(contact::ADDRESS), c.address.as_ref()),
        (path::contact(contact::PHONE), c.phone.as_ref()),
        (path::contact(contact::EMAIL), c.email.as_ref()),
        (path::contact(contact::POSTCODE), c.postcode.as_ref()),
    ];
    for (at, field) in lines {
        if let Some(field) = field {
            private_use(file, &at, &field.value, field.span, out);
        }
    }
}

/// Shortest paragraph (without spaces) taken as pasted when it is there
/// twice: shorter ones (a heading, “无。”) repeat by design.
const MIN_REPEATED_CHARS: usize = 20;

/// A run of paragraphs found twice: where its second copy starts and
/// ends, how many paragraphs it has and the lines of the first copy.
#[derive(Debug, PartialEq)]
struct Run {
    second: usize,
    last: usize,
    paragraphs: usize,
    first_line: usize,
    first_last: usize,
}

/// Whether a line (without spaces) is long enough to be compared.
fn is_long(body: &str) -> bool {
    body.chars().count() >= MIN_REPEATED_CHARS && !body.starts_with('#') && !body.starts_with('|')
}

/// The runs of lines of `value` written a second time, by line index (from
/// 0): each long line seen before; consecutive ones whose first copies
/// follow each other (short and blank lines between them aside) are one
/// run. One pass, one hash per line.
fn repeated_runs(value: &str) -> Vec<Run> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out: Vec<Run> = Vec::new();
    // The first copy of the last repeated line, while a run is open.
    let mut open: Option<usize> = None;
    for (k, line) in value.lines().enumerate() {
        let body: String = line.chars().filter(|c| !c.is_whitespace()).collect();
        if !is_long(&body) {
            continue;
        }
        match seen.get(&body) {
            Some(&first) => {
                match (open, out.last_mut()) {
                    (Some(last), Some(run)) if first > last => {
                        run.paragraphs += 1;
                        run.last = k;
                        run.first_last = first;
                    }
                    _ => out.push(Run {
                        second: k,
                        last: k,
                        paragraphs: 1,
                        first_line: first,
                        first_last: first,
                    }),
                }
                open = Some(first);
            }
            None => {
                open = None;
                seen.insert(body, k);
            }
        }
    }
    out
}

/// The place in the source of each long line of `lines` up to `last`, in
/// one pass.
fn line_places(file: &SourceFile, span: Span, lines: &[&str], last: usize) -> Vec<Option<Span>> {
    let mut cursor = Cursor::new(file, span);
    lines
        .iter()
        .take(last + 1)
        .map(|line| {
            let body: String = line.chars().filter(|c| !c.is_whitespace()).collect();
            is_long(&body).then(|| cursor.next(line.trim()))
        })
        .collect()
}

/// TEXT-REPEAT in one narrative.
fn repeats(file: &SourceFile, at: &str, value: &str, span: Span, out: &mut Vec<Diagnostic>) {
    let value = match value.char_indices().nth(MAX_READ_CHARS) {
        Some((cut, _)) => value.slice_to(cut),
        None => value,
    };
    let mut runs = repeated_runs(value);
    let unlisted = runs.len().saturating_sub(PER_TEXT);
    runs.truncate(PER_TEXT);
    let Some(last) = runs.last().map(|r| r.second) else {
        return;
    };
    let lines: Vec<&str> = value.lines().collect();
    let places = line_places(file, span, &lines, last);
    let place = |k: usize| places.get(k).copied().flatten().unwrap_or(span);
    for run in runs {
        let first_line = place(run.first_line).line;
        out.push(
            Diagnostic::new_at(
                codes::TEXT_REPEAT,
                format!(
                    "{at}中从这里起的 {} 段与第 {first_line} 行起的内容重复，多半是粘贴了两次：{}",
                    run.paragraphs,
                    crate::diag::excerpt(lines[run.second].trim())
                ),
                place(run.second),
                at,
            )
            .label("重复的内容从这里开始")
            .help(format!(
                "删去这里起重复的 {} 段，保留第 {first_line} 行起的那一份",
                run.paragraphs
            ))
            .fix(removal(at, &lines, &run)),
        );
    }
    let mut capped = Capped::new();
    (0..PER_TEXT + unlisted).for_each(|_| {
        capped.room();
    });
    out.extend(capped.rest(codes::TEXT_REPEAT, span, at));
}

/// A long paragraph of one part written again in a later part: where
/// each copy is, by part and line index.
#[derive(Debug, PartialEq)]
struct Across {
    first_part: usize,
    first_line: usize,
    part: usize,
    line: usize,
}

/// The long lines of each of `texts` already written in an earlier one
/// (a line repeated within its own part is [`repeated_runs`]'s). One pass,
/// one hash per line.
fn repeated_across(texts: &[&str]) -> Vec<Across> {
    let mut seen: HashMap<String, (usize, usize)> = HashMap::new();
    let mut out = Vec::new();
    for (part, text) in texts.iter().enumerate() {
        let mut own: HashMap<String, usize> = HashMap::new();
        for (line, body) in text.lines().enumerate().map(|(k, l)| {
            let body: String = l.chars().filter(|c| !c.is_whitespace()).collect();
            (k, body)
        }) {
            if !is_long(&body) || own.contains_key(&body) {
                continue;
            }
            if let Some(&(first_part, first_line)) = seen.get(&body) {
                out.push(Across {
                    first_part,
                    first_line,
                    part,
                    line,
                });
            }
            own.insert(body, line);
        }
        for (body, line) in own {
            seen.entry(body).or_insert((part, line));
        }
    }
    out
}

/// TEXT-REPEAT across parts: a paragraph pasted into two parts (总体情况
/// and 存在的主要问题, say), named at its later copy.
fn repeats_across_parts(
    file: &SourceFile,
    parts: &[(&str, &crate::model::Text)],
    out: &mut Vec<Diagnostic>,
) {
    let texts: Vec<&str> = parts
        .iter()
        .map(|(_, t)| match t.value.char_indices().nth(MAX_READ_CHARS) {
            Some((cut, _)) => t.value.slice_to(cut),
            None => t.value.as_str(),
        })
        .collect();
    let found = repeated_across(&texts);
    if found.is_empty() {
        return;
    }
    let lines: Vec<Vec<&str>> = texts.iter().map(|t| t.lines().collect()).collect();
    let places: Vec<Vec<Option<Span>>> = parts
        .iter()
        .zip(&lines)
        .map(|((_, t), l)| line_places(file, t.span, l, l.len().saturating_sub(1)))
        .collect();
    let place = |part: usize, line: usize| {
        places[part]
            .get(line)
            .copied()
            .flatten()
            .unwrap_or(parts[part].1.span)
    };
    let mut capped: std::collections::BTreeMap<usize, Capped> = Default::default();
    for f in found {
        if !capped.entry(f.part).or_default().room() {
            continue;
        }
        let (at, first_at) = (parts[f.part].0, parts[f.first_part].0);
        let first_place = place(f.first_part, f.first_line);
        let line = lines[f.part][f.line].trim();
        let mut fix = Fix::line(at, line, "", "删去这里重复的一段");
        fix.occurrence = (0..f.line)
            .filter(|&k| lines[f.part][k].trim() == line)
            .count();
        out.push(
            Diagnostic::new_at(
                codes::TEXT_REPEAT,
                format!(
                    "{at}中的这一段与{first_at}第 {} 行的一段相同，多半是粘贴到了两个部分：{}",
                    first_place.line,
                    crate::diag::excerpt(line)
                ),
                place(f.part, f.line),
                at,
            )
            .label("这一段在前面的部分已经写过")
            .help(format!(
                "同一段话只写在它所属的部分：删去这里的一段，或改写成{at}自己的内容"
            ))
            .fix(fix),
        );
    }
    for (part, c) in capped {
        out.extend(c.rest(codes::TEXT_REPEAT, parts[part].1.span, parts[part].0));
    }
}

/// The one-click removal of the second copy of `run`: its lines, from its
/// first paragraph to its last, the lines between them too when each of
/// them is in the first copy (a heading pasted with the run); else its
/// first paragraph alone, so that nothing written once is removed.
fn removal(at: &str, lines: &[&str], run: &Run) -> Fix {
    let trimmed = |k: usize| lines.get(k).map_or("", |l| l.trim());
    let first_copy: Vec<&str> = (run.first_line..=run.first_last).map(trimmed).collect();
    let all_copied = (run.second..=run.last)
        .map(trimmed)
        .all(|l| l.is_empty() || first_copy.contains(&l));
    let line = trimmed(run.second);
    let count = if all_copied {
        run.last - run.second + 1
    } else {
        1
    };
    let mut fix = Fix::line(
        at,
        line,
        "",
        if count > 1 {
            format!("删去重复的 {} 段", run.paragraphs)
        } else {
            "删去重复的一段".to_string()
        },
    );
    fix.occurrence = (0..run.second).filter(|&k| trimmed(k) == line).count();
    fix.lines = count;
    fix
}

/// TEXT-PUA in one narrative: each run of private-use characters.
fn private_use(file: &SourceFile, at: &str, value: &str, span: Span, out: &mut Vec<Diagnostic>) {
    let mut capped = Capped::new();
    let mut cursor = Cursor::new(file, span);
    let chars: Vec<char> = value.chars().take(MAX_READ_CHARS).collect();
    let mut i = 0;
    while i < chars.len() {
        if !is_private_use(chars[i]) {
            i += 1;
            continue;
        }
        let end = i + chars[i..]
            .iter()
            .take_while(|c| is_private_use(**c))
            .count();
        let run: String = chars[i..end].iter().collect();
        let codes_written: Vec<String> = chars[i..end]
            .iter()
            .map(|c| format!("U+{:04X}", *c as u32))
            .collect();
        i = end;
        if !capped.room() {
            continue;
        }
        out.push(
            Diagnostic::new_at(
                codes::TEXT_PUA,
                format!(
                    "{at}中有私用区字符 {}（造字程序输入的生僻字，或 Word 符号字体的项目符号），没有提供造字字体时各种格式中印成〔U+…〕，报告标为草稿",
                    codes_written.join(" ")
                ),
                cursor.next(&run),
                at,
            )
            .label("这个字符印成〔U+…〕")
            .help("多半是从 Word 粘贴来的项目符号（Wingdings、Symbol 字体）：删去它，要分条的写成“一是……”“（一）”或“1.”；是造字程序输入的生僻字（人名、地名）的，生成时加 --font 造字=造字程序的字体文件（Windows 中一般是 C:\\Windows\\Fonts\\EUDC.TTE）从它印出，或改用通用写法"),
        );
    }
    out.extend(capped.rest(codes::TEXT_PUA, span, at));
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "本年度共主动公开政府信息一百二十条，涵盖财政预决算。";
    const B: &str = "加强政务公开平台建设，及时更新网站各栏目内容信息。";

    #[test]
    fn a_run_pasted_twice_is_named_at_its_second_copy() {
        let text = format!("{A}\n\n### （二）\n\n{B}\n\n{A}\n\n{B}\n\n短句。\n\n{B}\n");
        assert_eq!(
            repeated_runs(&text),
            [
                Run {
                    second: 6,
                    last: 8,
                    paragraphs: 2,
                    first_line: 0,
                    first_last: 4,
                },
                Run {
                    second: 12,
                    last: 12,
                    paragraphs: 1,
                    first_line: 4,
                    first_last: 4,
                },
            ]
        );
    }

    #[test]
    fn the_removal_takes_the_second_copy_and_nothing_written_once() {
        let text = format!("{A}\n\n### （二）\n\n{B}\n\n{A}\n\n{B}\n\n短句。\n\n{B}\n");
        let lines: Vec<&str> = text.lines().collect();
        let runs = repeated_runs(&text);
        let whole = removal("总体情况", &lines, &runs[0]);
        assert_eq!(
            (whole.line.as_str(), whole.occurrence, whole.lines),
            (A, 1, 3)
        );
        let last = removal("总体情况", &lines, &runs[1]);
        assert_eq!((last.line.as_str(), last.occurrence, last.lines), (B, 2, 1));
        // A line written once inside the second copy stays.
        let text = format!("{A}\n\n{B}\n\n{A}\n\n只写了一次。\n\n{B}\n");
        let lines: Vec<&str> = text.lines().collect();
        let runs = repeated_runs(&text);
        assert_eq!(runs.len(), 1);
        assert_eq!(removal("总体情况", &lines, &runs[0]).lines, 1);
    }

    #[test]
    fn short_lines_and_different_text_are_quiet() {
        assert!(repeated_runs(&format!("无。\n\n无。\n\n{A}\n\n{B}\n\n| --- | --- | --- | --- | --- | --- |\n\n| --- | --- | --- | --- | --- | --- |")).is_empty());
    }

    #[test]
    fn a_paragraph_in_two_parts_is_named_in_the_later_part() {
        let overview = format!("{A}\n\n{B}\n");
        let problems = format!("短句。\n\n{B}\n\n{B}\n");
        let other = format!("{A}\n");
        assert_eq!(
            repeated_across(&[&overview, &problems, &other]),
            [
                Across {
                    first_part: 0,
                    first_line: 2,
                    part: 1,
                    line: 2
                },
                Across {
                    first_part: 0,
                    first_line: 0,
                    part: 2,
                    line: 0
                },
            ]
        );
        // Different parts with their own text, and short lines, are quiet.
        assert!(
            repeated_across(&["无。\n", "无。\n", &format!("{A}\n"), &format!("{B}\n")]).is_empty()
        );
    }

    #[test]
    fn private_use_is_the_symbol_font_area() {
        assert!(is_private_use('\u{f0b7}') && is_private_use('\u{f0d8}'));
        assert!(!is_private_use('•') && !is_private_use('Ø') && !is_private_use('§'));
    }
}
