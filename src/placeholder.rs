//! Narrative placeholders: `{{ 依申请公开.本年新收.总计 }}` in Markdown text,
//! resolved from the report's own data.
//!
//! A placeholder names a value by the data file's own keys. Every section-三
//! and section-四 row also has its computed `总计`; a section-三 result group
//! (`依申请公开.办理结果.不予公开.总计`) sums its rows; `法人或其他组织` sums the
//! five organisation columns.

use crate::model::path;
use crate::model::schema::{fee, other, top};
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

/// Finds every `{{ … }}` in `text`.
pub fn find(text: &str) -> Vec<Placeholder> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find("{{").map(|i| i + from) {
        let Some(close) = text[open + 2..].find("}}").map(|i| i + open + 2) else {
            break;
        };
        let inner = &text[open + 2..close];
        if inner.contains('\n') || inner.contains("{{") {
            from = open + 2;
            continue;
        }
        out.push(Placeholder {
            range: open..close + 2,
            path: inner.trim().to_string(),
        });
        from = close + 2;
    }
    out
}

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
        ["下一年度"] => text((report.year.value + 1).to_string()),
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
        out.push_str(&text[last..p.range.start]);
        match resolve(report, &p.path) {
            Some(v) => out.push_str(&render(&v)),
            None => out.push_str(&text[p.range.clone()]),
        }
        last = p.range.end;
    }
    out.push_str(&text[last..]);
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
    fn finds_placeholders() {
        let found = find("共{{ 依申请公开.本年新收.总计 }}件，{{年度}}年。{{ 未闭合");
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].path, "依申请公开.本年新收.总计");
        assert_eq!(found[1].path, "年度");
    }
}
