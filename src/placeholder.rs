//! Narrative placeholders: `{{ 依申请公开.本年新收.总计 }}` in Markdown text,
//! resolved from the report's own data.
//!
//! A placeholder names a value by the data file's own keys. Every section-三
//! and section-四 row also has its computed `总计`; a section-三 result group
//! (`依申请公开.办理结果.不予公开.总计`) sums its rows; `法人或其他组织` sums the
//! five organisation columns.

use crate::model::path;
use crate::model::schema::{fee, other, top};
use crate::slice::Slice;
use std::ops::Range;

use crate::model::official::{self, T3Role};
use crate::model::{Number, Report};

/// One placeholder found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    /// Byte range of the whole `{{ … }}` in the text.
    pub range: Range<usize>,
    /// The dotted path inside, trimmed.
    pub path: String,
}

/// Finds every `{{ … }}` in `text`: two opening braces, a name without
/// braces or line breaks, two closing braces. Linear in the text's length.
pub fn find(text: &str) -> Vec<Placeholder> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = text.slice_from(from).find("{{").map(|i| i + from) {
        let start = open + 2;
        let rest = text.slice_from(start);
        let stop = rest
            .find(['{', '}', '｛', '｝', '\n'])
            .unwrap_or(rest.len());
        if rest.slice_from(stop).starts_with("}}") {
            out.push(Placeholder {
                range: open..start + stop + 2,
                path: rest.slice_to(stop).trim().to_string(),
            });
            from = start + stop + 2;
        } else {
            // Not a placeholder (perhaps a lookalike): look again from the
            // brace or line break that stopped it.
            from = start + stop;
        }
    }
    out
}

/// Something typed as a placeholder that is not one: full-width braces
/// (`｛｛ 年度 ｝｝`), or one brace short (`{{ 年度 }`, `{ 年度 }}`). Printed
/// literally otherwise, so it must be reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lookalike {
    /// Byte range of what was typed, braces included.
    pub range: Range<usize>,
    /// The path inside, trimmed.
    pub path: String,
    /// What is wrong, in Chinese (`用了全角大括号“｛｝”`).
    pub problem: &'static str,
}

impl Lookalike {
    /// The placeholder as it should be typed.
    pub fn fix(&self) -> String {
        format!("{{{{ {} }}}}", self.path)
    }
}

/// The most characters between an opening and a closing brace looked at.
const LOOKALIKE_SPAN: usize = 200;

/// Finds the near-placeholders in `text` (see [`Lookalike`]): braces,
/// ASCII or full-width, around text that begins with a data-file key, that
/// are not a well-formed `{{ … }}`. Linear in the text's length.
pub fn lookalikes(text: &str) -> Vec<Lookalike> {
    let valid = find(text);
    let inside_valid = |i: usize| {
        let k = valid.partition_point(|p| p.range.end <= i);
        valid.get(k).is_some_and(|p| p.range.contains(&i))
    };
    let is_open = |c: char| c == '{' || c == '｛';
    let is_close = |c: char| c == '}' || c == '｝';
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut after = 0;
    while let Some((start, c)) = chars.next() {
        if start < after || !is_open(c) || inside_valid(start) {
            continue;
        }
        // The run of opening braces, then the text up to a closing run on
        // the same line.
        let mut open = c.to_string();
        while let Some(&(_, c)) = chars.peek().filter(|(_, c)| is_open(*c)) {
            open.push(c);
            chars.next();
        }
        let inner_start = start + open.len();
        let window_end = text
            .slice_from(inner_start)
            .char_indices()
            .nth(LOOKALIKE_SPAN)
            .map_or(text.len(), |(i, _)| inner_start + i);
        let line = text
            .slice(inner_start, window_end)
            .split('\n')
            .next()
            .unwrap_or("");
        let (inner, close) = match line.find(is_close) {
            Some(i) => {
                let run: String = line
                    .slice_from(i)
                    .chars()
                    .take_while(|c| is_close(*c))
                    .collect();
                (line.slice_to(i), run)
            }
            None => (line, String::new()),
        };
        let path = inner.trim();
        let head = path.split('.').next().unwrap_or("");
        if !NAMEABLE.contains(&head) || path.contains(is_open) {
            continue;
        }
        let typed = format!("{open}{inner}{close}");
        let (opens, closes) = (open.chars().count(), close.chars().count());
        let problem = if typed.contains(['｛', '｝']) {
            "用了全角大括号“｛｝”"
        } else if opens < 2 {
            "前面少了一个“{”"
        } else if opens > 2 {
            "前面多了“{”"
        } else if closes == 0 {
            "后面没有“}}”"
        } else if closes < 2 {
            "后面少了一个“}”"
        } else if closes > 2 {
            "后面多了“}”"
        } else {
            continue;
        };
        let end = inner_start + inner.len() + close.len();
        after = end;
        out.push(Lookalike {
            range: start..end,
            path: path.to_string(),
            problem,
        });
    }
    out
}

/// The first key of every path a placeholder can name.
const NAMEABLE: [&str; 8] = [
    top::AGENCY,
    top::YEAR,
    top::DATE,
    top::TABLE2,
    top::TABLE3,
    top::TABLE4,
    top::OTHER,
    NEXT_YEAR,
];

/// `{{ 下一年度 }}`: the report year plus one.
const NEXT_YEAR: &str = "下一年度";

/// What a placeholder resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// Text or a formatted number.
    Text(String),
    /// The path exists but its cell is empty.
    Empty,
}

/// Resolves `path` against `report`; `None` when the path names nothing.
pub fn resolve(report: &Report, path: &str) -> Option<Value> {
    let parts: Vec<&str> = path.split('.').map(str::trim).collect();
    let text = |s: String| Some(Value::Text(s));
    let num = |n: Option<u64>| Some(n.map_or(Value::Empty, |n| Value::Text(n.to_string())));
    match parts.as_slice() {
        [top::AGENCY] => text(report.agency.value.clone()),
        [top::YEAR] => text(report.year.value.to_string()),
        [NEXT_YEAR] => text((report.year.value + 1).to_string()),
        [top::DATE] => Some(
            report
                .date
                .as_ref()
                .map_or(Value::Empty, |d| Value::Text(d.value.chinese())),
        ),
        [top::TABLE3, rest @ ..] if !rest.is_empty() => {
            let (col_name, row_keys) = rest.split_last()?;
            num(num_t3(report, row_keys, col_name)?)
        }
        [top::TABLE4, group, col] => {
            let col = official::T4_COLUMNS.iter().position(|c| c == col)?;
            let sum_group = |i: usize| report.table4.rows[i].column(col);
            if *group == official::T4_LITIGATION {
                num(sum_group(1)
                    .zip(sum_group(2))
                    .and_then(|(a, b)| a.checked_add(b)))
            } else {
                let gi = official::T4_GROUPS.iter().position(|g| g.key == *group)?;
                num(sum_group(gi))
            }
        }
        [top::TABLE2, row, rest @ ..] if rest.len() <= 1 => {
            let ed = report.edition();
            let def = official::t2_groups(ed)
                .iter()
                .flat_map(|g| g.rows.iter())
                .find(|r| r.key == *row)?;
            let cell_key = match rest {
                [] => None,
                [k] if *k == official::T2_VALUE_KEY && def.cells[0].key.is_none() => None,
                [k] => Some(*k),
                _ => return None,
            };
            def.cells.iter().find(|c| c.key == cell_key)?;
            Some(
                report
                    .table2
                    .get(ed, row, cell_key)
                    .map_or(Value::Empty, |v| {
                        Value::Text(format_number(&v.number.value))
                    }),
            )
        }
        [top::OTHER, other::FEE, field] => {
            let fee = report.fee.as_ref();
            match *field {
                fee::NOTICES => num(fee.and_then(|f| f.notices.as_ref()).map(|c| c.value)),
                fee::NOTICE_AMOUNT => Some(
                    fee.and_then(|f| f.notice_amount.as_ref())
                        .map_or(Value::Empty, |a| Value::Text(a.value.to_string())),
                ),
                fee::COLLECTED => Some(
                    fee.and_then(|f| f.collected.as_ref())
                        .map_or(Value::Empty, |a| Value::Text(a.value.to_string())),
                ),
                _ => None,
            }
        }
        _ => None,
    }
}

/// A section-三 value: `Some(None)` = exists but empty; `None` = no such path.
fn num_t3(report: &Report, row_keys: &[&str], col_name: &str) -> Option<Option<u64>> {
    let ed = report.edition();
    let rows = official::t3_rows(ed);
    let cols: Vec<usize> = if col_name == official::T3_ORGANISATIONS {
        (1..official::T3_INPUT_COLUMNS).collect()
    } else {
        vec![official::T3_COLUMNS.iter().position(|c| *c == col_name)?]
    };
    let sum_cols = |index: usize| -> Option<u64> {
        cols.iter().try_fold(0u64, |acc, &c| {
            acc.checked_add(report.table3.value(ed, index, c)?)
        })
    };
    if let Some(index) = rows.iter().position(|r| r.keys == row_keys) {
        return Some(sum_cols(index));
    }
    // A result group: 办理结果.不予公开 sums its rows.
    if let [results, group] = row_keys
        && *results == official::T3_RESULTS_KEY
    {
        let members: Vec<usize> = rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.role == T3Role::Result && r.group.is_some_and(|g| g.key == *group))
            .map(|(i, _)| i)
            .collect();
        if members.is_empty() {
            return None;
        }
        return Some(
            members
                .iter()
                .try_fold(0u64, |acc, &i| acc.checked_add(sum_cols(i)?)),
        );
    }
    None
}

/// Formats a number as the tables print it.
pub fn format_number(n: &Number) -> String {
    n.to_string()
}

/// Replaces every placeholder in `text` using `render` for resolved values;
/// unknown ones are left as written.
pub fn substitute(report: &Report, text: &str, mut render: impl FnMut(&Value) -> String) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for p in find(text) {
        out.push_str(text.slice(last, p.range.start));
        match resolve(report, &p.path) {
            Some(v) => out.push_str(&render(&v)),
            None => out.push_str(text.slice(p.range.start, p.range.end)),
        }
        last = p.range.end;
    }
    out.push_str(text.slice_from(last));
    out
}

/// Every path a placeholder can name, for messages and documentation.
pub fn known_paths(report: &Report) -> Vec<String> {
    let ed = report.edition();
    let mut out = vec![top::AGENCY.to_string(), top::YEAR.into(), top::DATE.into()];
    for r in official::t3_rows(ed) {
        for c in official::T3_COLUMNS {
            out.push(path::placeholder_table3(r, c));
        }
    }
    for g in official::T4_GROUPS {
        for c in official::T4_COLUMNS {
            out.push(path::placeholder_table4(&g, c));
        }
    }
    for g in official::t2_groups(ed) {
        for r in g.rows {
            for c in r.cells {
                match c.key {
                    Some(k) => out.push(path::table2(r.key, Some(k))),
                    None => out.push(path::table2(r.key, None)),
                }
            }
        }
    }
    for (k, _) in official::FEE_FIELDS {
        out.push(path::fee(k));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_looks_like_a_placeholder_and_is_not() {
        let text = "共｛｛ 依申请公开.本年新收.总计 ｝｝件，结转{{ 依申请公开.上年结转.总计 }件，\
                    办结{ 依申请公开.办理结果.总计.总计 }}件，{{ 年度 }}年，{{ 机关 ";
        let found = lookalikes(text);
        let problems: Vec<_> = found.iter().map(|l| l.problem).collect();
        assert_eq!(
            problems,
            [
                "用了全角大括号“｛｝”",
                "后面少了一个“}”",
                "前面少了一个“{”",
                "后面没有“}}”"
            ]
        );
        assert_eq!(
            text.get(found[0].range.clone()),
            Some("｛｛ 依申请公开.本年新收.总计 ｝｝")
        );
        assert_eq!(found[0].fix(), "{{ 依申请公开.本年新收.总计 }}");
        assert_eq!(
            text.get(found[1].range.clone()),
            Some("{{ 依申请公开.上年结转.总计 }")
        );
        assert_eq!(found[2].path, "依申请公开.办理结果.总计.总计");
        assert_eq!(found[3].path, "机关");
    }

    #[test]
    fn braces_around_other_words_are_text() {
        assert!(lookalikes("数组{1, 2}与｛说明｝{{ 年度 }}").is_empty());
        assert_eq!(lookalikes("{{{ 年度 }}")[0].problem, "前面多了“{”");
        let many = "{".repeat(100_000);
        assert!(lookalikes(&many).is_empty());
        let nested = "{{ ".repeat(100_000) + "年度 }}";
        assert_eq!(find(&nested).len(), 1);
        assert_eq!(find(&nested)[0].path, "年度");
    }

    #[test]
    fn finds_placeholders() {
        let found = find("共{{ 依申请公开.本年新收.总计 }}件，{{年度}}年。{{ 未闭合");
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].path, "依申请公开.本年新收.总计");
        assert_eq!(found[1].path, "年度");
    }
}
