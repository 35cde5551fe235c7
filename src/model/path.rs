//! Data paths: the one name of every value in a data file.
//!
//! A data path is how diagnostics, the grid, the preview, the workbench and
//! tests name a value: `机关`, `联系方式.电话`, `主动公开.规章.本年制发`,
//! `依申请公开.本年新收[0]`, `复议诉讼.行政复议[4]`,
//! `其他事项.信息处理费.实际收取金额`. Placeholders in the narrative name
//! table figures with column names instead of indices
//! (`{{ 依申请公开.本年新收.总计 }}`); [`placeholder_table3`] and
//! [`placeholder_table4`] build those.
//!
//! Every path is built here and nowhere else, so a misspelt one is
//! impossible; [`resolve`] reads one back into the [`Target`] it names.

use super::Edition;
use super::official::{self, T3Row, T4Group};
use super::schema::{other, top};
use crate::slice::Slice;

/// A top-level field (`机关`, `年度`, `总体情况`, …): the key itself.
pub fn field(key: &str) -> String {
    key.to_string()
}

/// A contact field: `联系方式.电话`.
pub fn contact(key: &str) -> String {
    format!("{}.{key}", top::CONTACT)
}

/// Section 六's narrative: `其他事项.正文`.
pub fn other_body() -> String {
    format!("{}.{}", top::OTHER, other::BODY)
}

/// The fee statement as a whole: `其他事项.信息处理费`.
pub fn fee_block() -> String {
    format!("{}.{}", top::OTHER, other::FEE)
}

/// One fee field: `其他事项.信息处理费.实际收取金额`.
pub fn fee(key: &str) -> String {
    format!("{}.{}.{key}", top::OTHER, other::FEE)
}

/// A section-二 row (`主动公开.行政许可`) or one of its cells
/// (`主动公开.规章.本年制发`).
pub fn table2(row: &str, cell: Option<&str>) -> String {
    match cell {
        Some(cell) => format!("{}.{row}.{cell}", top::TABLE2),
        None => format!("{}.{row}", top::TABLE2),
    }
}

/// The section-二 table as a whole: `主动公开`.
pub fn table2_table() -> String {
    top::TABLE2.to_string()
}

/// A section-三 row: `依申请公开.办理结果.不予公开.属于国家秘密`.
pub fn table3_row(row: &T3Row) -> String {
    table3_keys(row.keys)
}

/// A section-三 row or group given by its keys: `依申请公开.办理结果`.
pub fn table3_keys(keys: &[&str]) -> String {
    let len = top::TABLE3.len() + keys.iter().map(|k| k.len() + 1).sum::<usize>();
    let mut out = String::with_capacity(len + 4);
    out.push_str(top::TABLE3);
    for key in keys {
        out.push('.');
        out.push_str(key);
    }
    out
}

/// A section-三 cell, by column index (0–6, 6 being 总计):
/// `依申请公开.本年新收[0]`.
pub fn table3_cell(row: &T3Row, col: usize) -> String {
    format!("{}[{col}]", table3_row(row))
}

/// A section-四 group: `复议诉讼.行政复议`.
pub fn table4_row(group: &T4Group) -> String {
    format!("{}.{}", top::TABLE4, group.key)
}

/// A section-四 cell, by column index (0–4, 4 being 总计):
/// `复议诉讼.行政复议[0]`.
pub fn table4_cell(group: &T4Group, col: usize) -> String {
    format!("{}[{col}]", table4_row(group))
}

/// A section-三 figure as a placeholder names it, by column name:
/// `依申请公开.本年新收.总计`.
pub fn placeholder_table3(row: &T3Row, column: &str) -> String {
    format!("{}.{column}", table3_row(row))
}

/// A section-四 figure as a placeholder names it, by column name:
/// `复议诉讼.行政复议.总计`.
pub fn placeholder_table4(group: &T4Group, column: &str) -> String {
    format!("{}.{column}", table4_row(group))
}

/// What a data path names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A top-level field (its key, one of [`top::ALL`]).
    Field(&'static str),
    /// A field under 联系方式.
    Contact(&'static str),
    /// `其他事项.正文`.
    OtherBody,
    /// `其他事项.信息处理费` (`field` None) or one of its fields.
    Fee {
        /// The fee field's key, if one is named.
        field: Option<&'static str>,
    },
    /// A section-二 row, or one cell of it.
    Table2 {
        /// Row key.
        row: &'static str,
        /// Cell key; None for a single-cell row or the row as a whole.
        cell: Option<&'static str>,
    },
    /// A section-三 row (index into [`official::t3_rows`]), or one cell.
    Table3 {
        /// Row index for the edition.
        row: usize,
        /// Column index (6 is 总计), None for the row as a whole.
        col: Option<usize>,
    },
    /// A group of section-三 rows named by their common keys
    /// (`依申请公开.办理结果`, `依申请公开.办理结果.不予公开`): `count` rows
    /// from index `first` of [`official::t3_rows`].
    Table3Group {
        /// Index of the group's first row.
        first: usize,
        /// Number of rows in the group.
        count: usize,
    },
    /// A section-四 group (index into [`official::T4_GROUPS`]), or one cell.
    Table4 {
        /// Group index.
        group: usize,
        /// Column index (4 is 总计), None for the group as a whole.
        col: Option<usize>,
    },
}

/// Reads a data path back into what it names, for an edition; None when it
/// names nothing in that edition. Placeholder paths (column names) resolve
/// too, and so does a whole top-level section (`主动公开`, `其他事项`) as a
/// [`Target::Field`].
pub fn resolve(edition: Edition, path: &str) -> Option<Target> {
    let (head, index) = split_index(path)?;
    let mut parts = head.split('.');
    let first = parts.next()?;
    let rest: Vec<&str> = parts.collect();
    let key = *top::ALL.iter().find(|k| **k == first)?;
    if rest.is_empty() && index.is_none() {
        return Some(Target::Field(key));
    }
    match key {
        top::CONTACT => match rest.as_slice() {
            [k] if index.is_none() => super::schema::contact::ALL
                .iter()
                .find(|c| *c == k)
                .map(|c| Target::Contact(c)),
            _ => None,
        },
        top::OTHER => match rest.as_slice() {
            [other::BODY] if index.is_none() => Some(Target::OtherBody),
            [other::FEE] if index.is_none() => Some(Target::Fee { field: None }),
            [other::FEE, k] if index.is_none() => super::schema::fee::ALL
                .iter()
                .find(|f| *f == k)
                .map(|f| Target::Fee { field: Some(f) }),
            _ => None,
        },
        top::TABLE2 => resolve_table2(edition, &rest, index),
        top::TABLE3 => resolve_table3(edition, &rest, index),
        top::TABLE4 => resolve_table4(&rest, index),
        _ => None,
    }
}

/// Splits `a.b[3]` into `a.b` and `Some(3)`; None when the brackets are
/// malformed.
fn split_index(path: &str) -> Option<(&str, Option<usize>)> {
    match path.strip_suffix(']') {
        None => Some((path, None)),
        Some(inner) => {
            let open = inner.rfind('[')?;
            let n = inner.slice_from(open + 1).parse().ok()?;
            Some((inner.slice_to(open), Some(n)))
        }
    }
}

fn resolve_table2(edition: Edition, rest: &[&str], index: Option<usize>) -> Option<Target> {
    if index.is_some() {
        return None;
    }
    // A cell written as {数量: …, 注: …}: its parts name the cell.
    let is_part = |k: &str| k == official::T2_VALUE_KEY || k == official::T2_NOTE_KEY;
    let rest = match rest {
        [head @ .., last] if is_part(last) && !head.is_empty() => head,
        _ => rest,
    };
    let (row, cell) = match rest {
        [row] => (*row, None),
        [row, cell] => (*row, Some(*cell)),
        _ => return None,
    };
    let def = official::t2_groups(edition)
        .iter()
        .flat_map(|g| g.rows)
        .find(|r| r.key == row)?;
    match cell {
        None => Some(Target::Table2 {
            row: def.key,
            cell: None,
        }),
        Some(c) => {
            let key = def.cells.iter().filter_map(|x| x.key).find(|k| *k == c)?;
            Some(Target::Table2 {
                row: def.key,
                cell: Some(key),
            })
        }
    }
}

fn resolve_table3(edition: Edition, rest: &[&str], index: Option<usize>) -> Option<Target> {
    let rows = official::t3_rows(edition);
    let find = |keys: &[&str]| rows.iter().position(|r| r.keys == keys);
    if let Some(row) = find(rest) {
        let col = match index {
            Some(c) if c < official::T3_COLUMNS.len() => Some(c),
            Some(_) => return None,
            None => None,
        };
        return Some(Target::Table3 { row, col });
    }
    // A group of rows: the keys they begin with.
    let first = rows.iter().position(|r| r.keys.starts_with(rest));
    if let Some(first) = first.filter(|_| index.is_none() && !rest.is_empty()) {
        let count = rows[first..]
            .iter()
            .take_while(|r| r.keys.starts_with(rest))
            .count();
        return Some(Target::Table3Group { first, count });
    }
    // A placeholder: the row's keys, then a column name.
    let (column, keys) = rest.split_last()?;
    let col = official::T3_COLUMNS.iter().position(|c| c == column)?;
    let row = find(keys)?;
    index.is_none().then_some(Target::Table3 {
        row,
        col: Some(col),
    })
}

fn resolve_table4(rest: &[&str], index: Option<usize>) -> Option<Target> {
    let group_of = |key: &str| official::T4_GROUPS.iter().position(|g| g.key == key);
    match (rest, index) {
        ([g], None) => Some(Target::Table4 {
            group: group_of(g)?,
            col: None,
        }),
        ([g], Some(c)) if c < official::T4_COLUMNS.len() => Some(Target::Table4 {
            group: group_of(g)?,
            col: Some(c),
        }),
        ([g, column], None) => Some(Target::Table4 {
            group: group_of(g)?,
            col: Some(official::T4_COLUMNS.iter().position(|c| c == column)?),
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::schema::{contact as contact_keys, fee as fee_keys, t2};

    #[test]
    fn builds_the_documented_spellings() {
        let rows = official::t3_rows(Edition::E2021);
        assert_eq!(table3_cell(&rows[0], 0), "依申请公开.本年新收[0]");
        assert_eq!(
            table4_cell(&official::T4_GROUPS[0], 4),
            "复议诉讼.行政复议[4]"
        );
        assert_eq!(table2(t2::RULES, Some(t2::MADE)), "主动公开.规章.本年制发");
        assert_eq!(table2(t2::LICENSING, None), "主动公开.行政许可");
        assert_eq!(fee(fee_keys::COLLECTED), "其他事项.信息处理费.实际收取金额");
        assert_eq!(contact(contact_keys::PHONE), "联系方式.电话");
        assert_eq!(
            placeholder_table3(&rows[0], "总计"),
            "依申请公开.本年新收.总计"
        );
    }

    #[test]
    fn every_built_path_resolves_to_what_built_it() {
        for ed in [Edition::E2019, Edition::E2021] {
            for (i, row) in official::t3_rows(ed).iter().enumerate() {
                assert_eq!(
                    resolve(ed, &table3_row(row)),
                    Some(Target::Table3 { row: i, col: None })
                );
                for (c, name) in official::T3_COLUMNS.iter().enumerate() {
                    let want = Some(Target::Table3 {
                        row: i,
                        col: Some(c),
                    });
                    assert_eq!(resolve(ed, &table3_cell(row, c)), want);
                    assert_eq!(resolve(ed, &placeholder_table3(row, name)), want);
                }
            }
            for (g, group) in official::T4_GROUPS.iter().enumerate() {
                for (c, name) in official::T4_COLUMNS.iter().enumerate() {
                    let want = Some(Target::Table4 {
                        group: g,
                        col: Some(c),
                    });
                    assert_eq!(resolve(ed, &table4_cell(group, c)), want);
                    assert_eq!(resolve(ed, &placeholder_table4(group, name)), want);
                }
            }
            for g in official::t2_groups(ed) {
                for r in g.rows {
                    for c in r.cells {
                        assert_eq!(
                            resolve(ed, &table2(r.key, c.key)),
                            Some(Target::Table2 {
                                row: r.key,
                                cell: c.key
                            })
                        );
                    }
                }
            }
            for k in fee_keys::ALL {
                assert_eq!(resolve(ed, &fee(k)), Some(Target::Fee { field: Some(k) }));
            }
            for k in contact_keys::ALL {
                assert_eq!(resolve(ed, &contact(k)), Some(Target::Contact(k)));
            }
            for k in [top::AGENCY, top::YEAR, top::DATE, top::OVERVIEW] {
                assert_eq!(resolve(ed, &field(k)), Some(Target::Field(k)));
            }
        }
    }

    #[test]
    fn sections_and_row_groups_resolve() {
        for k in top::ALL {
            assert_eq!(resolve(Edition::E2021, k), Some(Target::Field(k)));
        }
        let rows = official::t3_rows(Edition::E2021);
        let results = [official::T3_RESULTS_KEY];
        let Some(Target::Table3Group { first, count }) =
            resolve(Edition::E2021, &table3_keys(&results))
        else {
            panic!("办理结果 is a group");
        };
        assert!(
            rows[first..first + count]
                .iter()
                .all(|r| r.keys[0] == results[0])
        );
        assert_eq!(
            rows.iter().filter(|r| r.keys[0] == results[0]).count(),
            count
        );
        assert_eq!(resolve(Edition::E2021, "依申请公开.办理结果.无此组"), None);
    }

    #[test]
    fn the_parts_of_a_noted_cell_name_the_cell() {
        use crate::model::schema::t2;
        let cell = table2(t2::RULES, Some(t2::MADE));
        let want = Some(Target::Table2 {
            row: t2::RULES,
            cell: Some(t2::MADE),
        });
        for part in [official::T2_VALUE_KEY, official::T2_NOTE_KEY] {
            assert_eq!(resolve(Edition::E2021, &format!("{cell}.{part}")), want);
        }
        let fees = table2(t2::FEES, None);
        assert_eq!(
            resolve(Edition::E2021, &format!("{fees}.{}", official::T2_NOTE_KEY)),
            Some(Target::Table2 {
                row: t2::FEES,
                cell: None
            })
        );
    }

    #[test]
    fn nonsense_resolves_to_nothing() {
        for p in [
            "",
            "依申请公开.本年新收[7]",
            "依申请公开.本年新收[x]",
            "依申请公开.无此行[0]",
            "主动公开.规章.无此列",
            "复议诉讼.行政复议[5]",
            "机关.多余",
            "联系方式.传真",
            "不存在",
        ] {
            assert_eq!(resolve(Edition::E2021, p), None, "{p}");
        }
    }
}
