//! The figures of the tables a sentence may cite: each category's value
//! computed from its parts and, where it differs, its printed total.

use super::rows::GROUPS;
use super::topic::Category;
use crate::model::official::{self, T3Role};
use crate::model::schema::t2;
use crate::model::{CountRow, Edition, Report, path};
use crate::slice::Slice;

/// The cell of a 表二 row holding its decisions: the row's one figure in
/// the 2021 edition, its 处理决定数量 in the 2019 one.
fn decisions_cell(ed: Edition) -> Option<&'static str> {
    match ed {
        Edition::E2021 => None,
        Edition::E2019 => Some(t2::DECISIONS),
    }
}

/// The one cell a category stands for, as a placeholder names it, or an
/// outcome of several reasons by its group (`依申请公开.办理结果.不予公开.总计`,
/// which a placeholder sums); `None` when it is another sum (litigation's
/// two rows, several applicant columns).
pub(crate) fn cell(report: &Report, category: Category) -> Option<String> {
    let ed = report.edition();
    let rows = official::t3_rows(ed);
    let t3 = |role: T3Role| &rows[official::t3_index(ed, role)];
    let total = official::T3_COLUMNS[official::T3_TOTAL_COLUMN];
    Some(match category {
        Category::Decisions(row) => path::table2(row, decisions_cell(ed)),
        Category::Received => path::placeholder_table3(t3(T3Role::Received), total),
        Category::CarriedIn => path::placeholder_table3(t3(T3Role::CarriedIn), total),
        Category::CarriedOut => path::placeholder_table3(t3(T3Role::CarriedOut), total),
        Category::Decided => path::placeholder_table3(t3(T3Role::ResultTotal), total),
        Category::Result(key) => {
            let mut members = rows
                .iter()
                .filter(|r| r.role == T3Role::Result && r.keys.get(1) == Some(&key));
            match (members.next(), members.next()) {
                (Some(row), None) => path::placeholder_table3(row, total),
                (Some(_), Some(_)) => format!(
                    "{}.{}.{key}.{total}",
                    crate::model::schema::top::TABLE3,
                    official::T3_RESULTS_KEY
                ),
                _ => return None,
            }
        }
        Category::Reason(key) => path::placeholder_table3(
            rows.iter()
                .find(|r| r.role == T3Role::Result && r.keys.get(2) == Some(&key))?,
            total,
        ),
        Category::Applicant(from, to) if to == from + 1 => {
            path::placeholder_table3(t3(T3Role::Received), official::T3_COLUMNS[from])
        }
        Category::Reconsideration => path::placeholder_table4(&official::T4_GROUPS[0], "总计"),
        Category::LitigationOf(group) => {
            path::placeholder_table4(official::T4_GROUPS.get(group)?, "总计")
        }
        Category::ResultOf(key, from, to) if to == from + 1 => {
            let mut members = rows
                .iter()
                .filter(|r| r.role == T3Role::Result && r.keys.iter().skip(1).any(|k| *k == key));
            match (members.next(), members.next()) {
                (Some(row), None) => path::placeholder_table3(row, official::T3_COLUMNS[from]),
                _ => return None,
            }
        }
        Category::Applicant(..)
        | Category::ResultOf(..)
        | Category::Litigation
        | Category::Handled
        | Category::Results(_) => return None,
    })
}

/// Where the one total cell of a category of 表三 was written in `report`'s
/// file (its printed total, else its row), for pointing into last year's
/// file; `None` for a category of several cells or of 表四.
pub(crate) fn span(report: &Report, category: Category) -> Option<crate::source::Span> {
    let ed = report.edition();
    let role = match category {
        Category::Received => T3Role::Received,
        Category::CarriedIn => T3Role::CarriedIn,
        Category::CarriedOut => T3Role::CarriedOut,
        Category::Decided => T3Role::ResultTotal,
        _ => return None,
    };
    let row = report.table3.rows.get(official::t3_index(ed, role))?;
    Some(row.cell_span(official::T3_COLUMNS.len()))
}

/// The values a category may be cited as (computed first), and its name.
pub(crate) fn values(report: &Report, category: Category) -> Option<(Vec<u64>, String)> {
    let ed = report.edition();
    let rows = official::t3_rows(ed);
    let t3 = |role: T3Role| &report.table3.rows[official::t3_index(ed, role)];
    let (values, name) = match category {
        Category::Decisions(row) => {
            let v = report.table2.get(ed, row, decisions_cell(ed))?;
            let n = u64::try_from(v.number.value.as_i128()?).ok()?;
            (vec![n], format!("表二“{row}”的“本年处理决定数量”"))
        }
        Category::Received => (both(t3(T3Role::Received)), "表三“一、本年新收”总计".into()),
        Category::CarriedIn => (both(t3(T3Role::CarriedIn)), "表三“二、上年结转”总计".into()),
        Category::CarriedOut => (
            both(t3(T3Role::CarriedOut)),
            "表三“四、结转下年度继续办理”总计".into(),
        ),
        Category::Decided => {
            let total = report.table3.rows[official::t3_index(ed, T3Role::ResultTotal)].total();
            let sum = report.table3.results_sum(ed, official::T3_TOTAL_COLUMN);
            (
                [sum, total].into_iter().flatten().collect(),
                "表三“（七）总计”（各项办理结果之和）".into(),
            )
        }
        Category::Handled => {
            let received = both(t3(T3Role::Received));
            let carried = both(t3(T3Role::CarriedIn));
            let mut v: Vec<u64> = received
                .iter()
                .flat_map(|r| carried.iter().map(move |c| r + c))
                .collect();
            v.extend(received.iter().copied());
            // Or the requests decided, computed or printed, or (in a table
            // with blanks) the results it gives.
            if let Some((decided, _)) = values(report, Category::Decided) {
                v.extend(decided);
            }
            let given: Vec<u64> = rows
                .iter()
                .enumerate()
                .filter(|(_, r)| r.role == T3Role::Result)
                .filter_map(|(i, _)| {
                    let row = &report.table3.rows[i];
                    row.total().or_else(|| row.sum())
                })
                .collect();
            // A table with no result filled gives nothing to compare (a
            // blank is not 0).
            if !given.is_empty() {
                v.push(given.iter().sum());
            }
            (v, "表三“一、本年新收”与“二、上年结转”之和".into())
        }
        Category::Result(key) => {
            let (values, label) = result_rows(report, |r| r.keys.get(1) == Some(&key))?;
            (values, format!("表三“{}”总计", short_label(label)))
        }
        Category::Results(mask) => several_results(report, mask)?,
        Category::Reason(key) => {
            let row = rows
                .iter()
                .find(|r| r.role == T3Role::Result && r.keys.get(2) == Some(&key))?;
            let (values, _) = result_rows(report, |r| r.keys.get(2) == Some(&key))?;
            let group = row.group.map_or("", |g| g.label);
            (values, format!("表三“{group}”中“{}”总计", row.label))
        }
        Category::Applicant(from, to) => {
            let cols = |row: &CountRow| -> Option<u64> {
                (from..to).try_fold(0u64, |acc, c| acc.checked_add(row.column(c)?))
            };
            let received = cols(t3(T3Role::Received));
            let with_carried = received
                .zip(cols(t3(T3Role::CarriedIn)))
                .map(|(a, b)| a + b);
            let name = official::T3_COLUMNS[from..to].join("、");
            (
                [received, with_carried].into_iter().flatten().collect(),
                format!("表三“一、本年新收”{name}列"),
            )
        }
        Category::ResultOf(key, from, to) => result_of_applicants(report, key, from, to)?,
        Category::Reconsideration | Category::LitigationOf(_) | Category::Litigation => {
            table4_values(report, category)?
        }
    };
    let mut values = values;
    values.dedup();
    (!values.is_empty()).then_some((values, name))
}

/// The values of a category of 表四 (computed first), and its name.
fn table4_values(report: &Report, category: Category) -> Option<(Vec<u64>, String)> {
    Some(match category {
        Category::Reconsideration => (both(&report.table4.rows[0]), "表四“行政复议”总计".into()),
        Category::LitigationOf(group) => (
            both(report.table4.rows.get(group)?),
            format!(
                "表四“行政诉讼”中“{}”总计",
                official::T4_GROUPS.get(group)?.label
            ),
        ),
        Category::Litigation => {
            let sum = t4(report, 1).zip(t4(report, 2)).map(|(a, b)| a + b);
            let total = report.table4.rows[1]
                .total()
                .zip(report.table4.rows[2].total())
                .map(|(a, b)| a + b);
            (
                [sum, total].into_iter().flatten().collect(),
                "表四“行政诉讼”总计（未经复议直接起诉 + 复议后起诉）".into(),
            )
        }
        _ => return None,
    })
}

/// The values of several result groups together (bit `i` of `mask` is
/// `GROUPS[i]`), and their name.
fn several_results(report: &Report, mask: u8) -> Option<(Vec<u64>, String)> {
    let chosen = |r: &official::T3Row| {
        GROUPS
            .iter()
            .enumerate()
            .any(|(i, g)| mask & 1 << i != 0 && r.keys.get(1) == Some(g))
    };
    let (values, _) = result_rows(report, chosen)?;
    let names: Vec<String> = GROUPS
        .iter()
        .enumerate()
        .filter(|(i, _)| mask & 1 << i != 0)
        .filter_map(|(_, g)| {
            let (_, label) = result_rows(report, |r| r.keys.get(1) == Some(g))?;
            Some(format!("“{}”", short_label(label)))
        })
        .collect();
    let (last, rest) = names.split_last()?;
    Some((values, format!("表三{}与{last}之和", rest.join("、"))))
}

/// The computed sum and the printed total of the result rows `chosen`
/// picks, and the label of the first one's group (or its own).
fn result_rows(
    report: &Report,
    chosen: impl Fn(&official::T3Row) -> bool,
) -> Option<(Vec<u64>, &'static str)> {
    let rows = official::t3_rows(report.edition());
    let members: Vec<(usize, &official::T3Row)> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.role == T3Role::Result && chosen(r))
        .collect();
    let first = members.first()?.1;
    let label = first.group.map_or(first.label, |g| g.label);
    let sum = members.iter().try_fold(0u64, |acc, (i, _)| {
        acc.checked_add(report.table3.rows[*i].sum()?)
    });
    let total = members.iter().try_fold(0u64, |acc, (i, _)| {
        acc.checked_add(report.table3.rows[*i].total()?)
    });
    Some(([sum, total].into_iter().flatten().collect(), label))
}

/// The requests of the applicants of columns `from..to` with the result
/// group or reason `key`, and their name.
fn result_of_applicants(
    report: &Report,
    key: &str,
    from: usize,
    to: usize,
) -> Option<(Vec<u64>, String)> {
    let rows = official::t3_rows(report.edition());
    let members: Vec<(usize, &official::T3Row)> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.role == T3Role::Result && r.keys.iter().skip(1).any(|k| *k == key))
        .collect();
    let first = members.first()?.1;
    let label = if first.keys.get(2) == Some(&key) {
        first.label
    } else {
        first.group.map_or(first.label, |g| g.label)
    };
    let sum = members.iter().try_fold(0u64, |acc, (i, _)| {
        let row = &report.table3.rows[*i];
        (from..to).try_fold(acc, |acc, c| acc.checked_add(row.column(c)?))
    })?;
    let name = official::T3_COLUMNS[from..to].join("、");
    Some((vec![sum], format!("表三“{}”{name}列", short_label(label))))
}

/// A row's computed sum and printed total (a wrong printed total is
/// T3-ROWSUM's business; prose citing either is consistent with the table).
fn both(row: &CountRow) -> Vec<u64> {
    [row.sum(), row.total()].into_iter().flatten().collect()
}

fn t4(report: &Report, i: usize) -> Option<u64> {
    let row = &report.table4.rows[i];
    row.sum().or_else(|| row.total())
}

/// A result label without its parenthetical note: `（二）部分公开`.
fn short_label(label: &str) -> String {
    match label.char_indices().skip(1).find(|(_, c)| *c == '（') {
        Some((i, _)) if i > 0 => label.slice_to(i).to_string(),
        _ => label.to_string(),
    }
}

/// The name [`denominators`] gives the requests decided.
pub(crate) const DECIDED_TOTAL: &str = "办理结果总计";

/// Denominators a share of requests may be taken over, with their names:
/// requests decided, received, and received with those carried over.
pub(crate) fn denominators(report: &Report) -> Vec<(u64, &'static str)> {
    let first = |c| values(report, c).and_then(|(v, _)| v.first().copied());
    let received = first(Category::Received);
    let carried = first(Category::CarriedIn);
    [
        (first(Category::Decided), DECIDED_TOTAL),
        (received, "本年新收"),
        (
            received.zip(carried).map(|(a, b)| a + b),
            "本年新收与上年结转之和",
        ),
    ]
    .into_iter()
    .filter_map(|(v, name)| v.filter(|v| *v > 0).map(|v| (v, name)))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_outcome_of_several_reasons_is_named_by_its_group() {
        let report = crate::testutil::report(Edition::E2021);
        let path = cell(&report, Category::Result("不予公开")).unwrap();
        assert_eq!(path, "依申请公开.办理结果.不予公开.总计");
        assert!(crate::placeholder::resolve(&report, &path).is_some());
        let one = cell(&report, Category::Result("予以公开")).unwrap();
        assert_eq!(one, "依申请公开.办理结果.予以公开.总计");
    }
}
