//! TEXT-TEMPLATE: the marks of a template left unfilled in a narrative
//! (`XX件`, `××`, `某某局`, `【】`, `（此处填写……）`, `____`): they print as
//! they are and the reader sees a form, not a report.

use crate::find::Find;
use std::ops::Range;

use super::prose::{self, Found};
use crate::diag::{Diagnostic, codes};
use crate::model::Report;
use crate::source::SourceFile;

/// Checks the preface and the three narratives.
pub(super) fn check(report: &Report, file: &SourceFile, out: &mut Vec<Diagnostic>) {
    let find = |masked: &[char]| markers(masked).into_iter().map(|r| (r, ())).collect();
    let diagnose = |found: Found<'_>, ()| {
        Diagnostic::new_at(
            codes::TEXT_TEMPLATE,
            format!(
                "正文中的“{}”是模板中待填写的地方，会原样印在年报上",
                found.written
            ),
            found.span,
            found.at,
        )
        .label("这里还没有填写")
        .help("填上实际的数字、名称或内容；不需要的，连同这一句删去")
    };
    prose::report_found((report, file), codes::TEXT_TEMPLATE, find, diagnose, out);
}

/// Letters a template uses for a figure or name to fill (`XX件`, `××局`,
/// `□□`).
const FILL_LETTERS: [char; 7] = ['X', 'x', '×', 'Ｘ', 'ｘ', '╳', '□'];

/// What follows a single fill letter when it stands for a figure.
const UNITS: &str = "件个条次人项家年月日万元名份篇期场起所";

/// Words of an instruction to the one filling the template.
const INSTRUCTIONS: [&str; 7] = ["此处", "填写", "请填", "请输入", "请写", "待填", "待补充"];

/// What sits inside 【】 when it is a blank to fill.
const BLANK_WORDS: [&str; 8] = [
    "名称", "数字", "数量", "日期", "时间", "姓名", "金额", "单位",
];

/// Where a text bracket closes, for the brackets a template uses.
fn closing(open: char) -> Option<char> {
    match open {
        '【' => Some('】'),
        '（' => Some('）'),
        '(' => Some(')'),
        '［' => Some('］'),
        '[' => Some(']'),
        _ => None,
    }
}

/// Longest bracketed placeholder looked at.
const MAX_BRACKET: usize = 30;

/// The template marks in `chars` (placeholders masked), in order.
fn markers(chars: &[char]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let found = fill_run(chars, i)
            .or_else(|| underline(chars, i))
            .or_else(|| someone(chars, i))
            .or_else(|| bracket(chars, i));
        match found {
            Some(r) => {
                i = r.end;
                out.push(r);
            }
            None => i += 1,
        }
    }
    out
}

/// `XX`, `××`, `□□`, or one such letter standing for a figure (`X件`,
/// `第X条`), not part of a Latin word or a product (`3×4`).
fn fill_run(chars: &[char], i: usize) -> Option<Range<usize>> {
    if !FILL_LETTERS.contains(&chars[i]) || i > 0 && FILL_LETTERS.contains(&chars[i - 1]) {
        return None;
    }
    let end = i + chars[i..]
        .iter()
        .take_while(|c| FILL_LETTERS.contains(c))
        .count();
    let before = i.checked_sub(1).map(|k| chars[k]);
    let after = chars.get(end).copied();
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
    if latin(before) || latin(after) {
        return None;
    }
    let single_figure = before == Some('第') || after.is_some_and(|c| UNITS.contains(c));
    (end - i >= 2 || single_figure).then_some(i..end)
}

/// A blank line to write on: three or more `_`, or two or more `＿`, in a
/// line that is not only those (a rule).
fn underline(chars: &[char], i: usize) -> Option<Range<usize>> {
    let c = chars[i];
    if !(c == '_' || c == '＿') || i > 0 && chars[i - 1] == c {
        return None;
    }
    let end = i + chars[i..].iter().take_while(|&&d| d == c).count();
    let min = if c == '_' { 3 } else { 2 };
    let line_start = chars[..i]
        .iter()
        .rposition(|&d| d == '\n')
        .map_or(0, |k| k + 1);
    let line_end = chars[end..]
        .iter()
        .position(|&d| d == '\n')
        .map_or(chars.len(), |k| end + k);
    let only = chars[line_start..line_end]
        .iter()
        .all(|&d| d == c || d.is_whitespace());
    (end - i >= min && !only).then_some(i..end)
}

/// What follows `某某` when it stands for an agency, a place or a date.
const NAME_SUFFIXES: &str = "局委办厅市县区镇乡街部单位公司中心科室号路所站院会组年月日";

/// `某某` standing for a name to fill: before an agency or place word
/// (`某某局`), or opening a phrase (`，某某…`); never a person's name
/// written without it (`王某某`).
fn someone(chars: &[char], i: usize) -> Option<Range<usize>> {
    if chars[i] != '某' || chars.get(i + 1) != Some(&'某') || i > 0 && chars[i - 1] == '某' {
        return None;
    }
    let before = i.checked_sub(1).map(|k| chars[k]);
    let after = chars.get(i + 2).copied();
    let opens = !before.is_some_and(prose::is_han);
    let names_place = after.is_some_and(|c| NAME_SUFFIXES.contains(c));
    (opens || names_place).then_some(i..i + 2)
}

/// A bracketed blank or instruction: `【】`, `（ ）`, `【……】`,
/// `【单位名称】`, `（此处填写……）`.
fn bracket(chars: &[char], i: usize) -> Option<Range<usize>> {
    let close = closing(chars[i])?;
    let len = chars[i + 1..]
        .iter()
        .take(MAX_BRACKET + 1)
        .take_while(|&&c| c != '\n')
        .position(|&c| c == close)?;
    let inner: String = chars[i + 1..i + 1 + len].iter().collect();
    let content = inner.trim();
    let empty = content.is_empty() && chars[i] != '[' && chars[i] != '［';
    let instruction = INSTRUCTIONS.iter().any(|w| content.has_word(w));
    let blank = chars[i] == '【'
        && (content.chars().all(|c| "…．.。、XxＸｘ×_＿ ".contains(c))
            || BLANK_WORDS.iter().any(|w| content.ends_with(w)));
    (empty || instruction || blank).then_some(i..i + len + 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<String> {
        let (raw, masked) = prose::masked(text);
        markers(&masked)
            .into_iter()
            .map(|r| raw[r].iter().collect())
            .collect()
    }

    #[test]
    fn template_marks_are_found() {
        assert_eq!(
            found(
                "全年收到申请XX件，办结×件，第X条；某某局【】（此处填写创新做法）【单位名称】共___件。"
            ),
            [
                "XX",
                "×",
                "X",
                "某某",
                "【】",
                "（此处填写创新做法）",
                "【单位名称】",
                "___"
            ]
        );
        assert_eq!(
            found("【……】，落实xx要求，（ ）"),
            ["【……】", "xx", "（ ）"]
        );
    }

    #[test]
    fn correct_text_is_quiet() {
        assert!(
            found(
                "开设【政策解读】专栏，申请人王某某申请公开，某市某区，3×4米，XXL，\
                 二○二四年，访问xxgk.gov.cn，本年共{{ 依申请公开.本年新收.总计 }}件（含上年结转）。\n\n___\n"
            )
            .is_empty()
        );
    }
}
