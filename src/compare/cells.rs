//! Every figure of a report — the cells of tables 二, 三 and 四 and the fee
//! statement — named by its data path and printed labels, and the figures
//! of two reports paired and compared.

use std::collections::HashMap;

use super::figure::{Figure, Threshold, ratio};
use super::side::Side;
use crate::model::schema::t2;
use crate::model::{Edition, Report, official, path};

/// The part of the report a figure belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    /// Section 二's table (主动公开).
    Table2,
    /// Section 三's table (依申请公开).
    Table3,
    /// Section 四's table (复议诉讼).
    Table4,
    /// Section 六's fee statement (信息处理费).
    Fee,
}

impl Part {
    /// The printed heading of the part.
    pub fn heading(self) -> &'static str {
        match self {
            Part::Table2 => official::SECTION_HEADINGS[1],
            Part::Table3 => official::SECTION_HEADINGS[2],
            Part::Table4 => official::SECTION_HEADINGS[3],
            Part::Fee => FEE_HEADING,
        }
    }

    /// A short name for tables and CSV columns (`表二`, `信息处理费`).
    pub fn short(self) -> &'static str {
        match self {
            Part::Table2 => "表二",
            Part::Table3 => "表三",
            Part::Table4 => "表四",
            Part::Fee => "信息处理费",
        }
    }
}

/// Heading of the fee statement.
const FEE_HEADING: &str = "六、其他需要报告的事项 · 信息处理费";

/// One figure of a report.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// The part it belongs to.
    pub part: Part,
    /// Its data path (`依申请公开.本年新收[0]`).
    pub path: String,
    /// Its printed row and column labels (`一、本年新收… · 自然人`).
    pub label: String,
    /// The figure and how it is printed, when the cell is filled.
    pub value: Option<(Figure, String)>,
}

/// What one side holds in a cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Slot {
    /// A figure, with its printed form.
    Figure(Figure, String),
    /// An empty cell (`~` in a data file, blank in a published report).
    Empty,
    /// A figure that could not be read, and why.
    Unread(String),
}

impl Slot {
    /// The slot as printed in a comparison.
    pub fn text(&self) -> &str {
        match self {
            Slot::Figure(_, text) => text,
            Slot::Empty => "（空）",
            Slot::Unread(_) => "（未能读出）",
        }
    }

    fn figure(&self) -> Option<Figure> {
        match self {
            Slot::Figure(f, _) => Some(*f),
            _ => None,
        }
    }
}

/// A figure that differs between the two reports.
#[derive(Debug, Clone, PartialEq)]
pub struct CellChange {
    /// The part it belongs to.
    pub part: Part,
    /// The data path in the new report.
    pub path: String,
    /// The data path in the old report, when the editions name it otherwise.
    pub old_path: Option<String>,
    /// The printed labels (of the new report).
    pub label: String,
    /// The old figure.
    pub old: Slot,
    /// The new figure.
    pub new: Slot,
    /// `new − old`, when both are figures.
    pub change: Option<Figure>,
    /// The change in percent of the old figure, when that is not zero.
    pub ratio: Option<f64>,
    /// Whether the change passes the [`Threshold`].
    pub large: bool,
}

/// Which of the two reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// The old (first) report.
    Old,
    /// The new (second) report.
    New,
}

/// A figure of one report with no counterpart in the other's edition.
#[derive(Debug, Clone, PartialEq)]
pub struct Unmatched {
    /// The report it is in.
    pub side: Which,
    /// The part it belongs to.
    pub part: Part,
    /// Its data path.
    pub path: String,
    /// Its printed labels.
    pub label: String,
    /// What the report holds there.
    pub slot: Slot,
}

/// The figures of two reports compared.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CellDiff {
    /// Figures that differ, in the order of the new report.
    pub changes: Vec<CellChange>,
    /// Figures present in one edition only.
    pub unmatched: Vec<Unmatched>,
    /// How many figures were paired.
    pub paired: usize,
}

/// Every figure of `report`, in the order printed.
pub fn cells(report: &Report) -> Vec<Cell> {
    let mut out = table2_cells(report);
    out.extend(table3_cells(report));
    out.extend(table4_cells(report));
    out.extend(fee_cells(report));
    out
}

fn table2_cells(report: &Report) -> Vec<Cell> {
    let mut out = Vec::new();
    for (gi, group) in official::t2_groups(report.edition()).iter().enumerate() {
        for (ri, row) in group.rows.iter().enumerate() {
            let mut at = 0u8;
            for (ci, def) in row.cells.iter().enumerate() {
                let column = header_at(group.headers, at);
                at += def.span;
                let value = report.table2.at(gi, ri, ci).and_then(|v| {
                    Some((
                        Figure::of_number(&v.number.value)?,
                        v.number.value.to_string(),
                    ))
                });
                out.push(Cell {
                    part: Part::Table2,
                    path: path::table2(row.key, def.key),
                    label: format!("{} · {column}", row.label),
                    value,
                });
            }
        }
    }
    out
}

/// The header over value column `at` (0–2) of a section-二 group.
fn header_at(headers: &[official::T2Header], at: u8) -> &'static str {
    let mut start = 0u8;
    for h in headers {
        if at < start + h.span {
            return h.label;
        }
        start += h.span;
    }
    headers.last().map_or("", |h| h.label)
}

fn count(n: u64) -> Option<(Figure, String)> {
    Some((Figure::whole(i128::from(n)), n.to_string()))
}

fn table3_cells(report: &Report) -> Vec<Cell> {
    let edition = report.edition();
    let mut out = Vec::new();
    for (i, row) in official::t3_rows(edition).iter().enumerate() {
        for (col, column) in official::T3_COLUMNS.iter().enumerate() {
            let value = (i < report.table3.rows.len())
                .then(|| report.table3.value(edition, i, col))
                .flatten();
            out.push(Cell {
                part: Part::Table3,
                path: path::table3_cell(row, col),
                label: format!("{} · {column}", row.full_label()),
                value: value.and_then(count),
            });
        }
    }
    out
}

fn table4_cells(report: &Report) -> Vec<Cell> {
    let mut out = Vec::new();
    for (g, group) in official::T4_GROUPS.iter().enumerate() {
        let head = if g == 0 {
            group.label.to_string()
        } else {
            format!("{} · {}", official::T4_LITIGATION, group.label)
        };
        for (col, column) in official::T4_COLUMNS.iter().enumerate() {
            let value = report.table4.rows.get(g).and_then(|r| r.column(col));
            out.push(Cell {
                part: Part::Table4,
                path: path::table4_cell(group, col),
                label: format!("{head} · {column}"),
                value: value.and_then(count),
            });
        }
    }
    out
}

fn fee_cells(report: &Report) -> Vec<Cell> {
    let fee = report.fee.as_ref();
    let amount = |d: Option<&crate::model::Located<crate::model::Decimal>>| {
        d.and_then(|d| Some((Figure::of_decimal(&d.value)?, d.value.to_string())))
    };
    let values = [
        fee.and_then(|f| f.notices.as_ref())
            .and_then(|c| count(c.value)),
        amount(fee.and_then(|f| f.notice_amount.as_ref())),
        amount(fee.and_then(|f| f.collected.as_ref())),
    ];
    official::FEE_FIELDS
        .iter()
        .zip(values)
        .map(|((key, unit), value)| Cell {
            part: Part::Fee,
            path: path::fee(key),
            label: format!("信息处理费 · {key}（{unit}）"),
            value,
        })
        .collect()
}

/// Cells the two editions name differently but that hold the same figure:
/// the 2019 `处理决定数量` of 行政许可, 行政处罚 and 行政强制 is the 2021
/// single `本年处理决定数量`. Pairs of (2019 path, 2021 path).
fn edition_pairs() -> Vec<(String, String)> {
    [t2::LICENSING, t2::PENALTIES, t2::ENFORCEMENT]
        .iter()
        .map(|row| {
            (
                path::table2(row, Some(t2::DECISIONS)),
                path::table2(row, None),
            )
        })
        .collect()
}

/// The path in `to`'s edition of the cell at `from_path` in `from`'s.
fn counterpart(from: Edition, to: Edition, from_path: &str) -> Option<String> {
    if from == to {
        return None;
    }
    edition_pairs()
        .into_iter()
        .find_map(|(old, new)| match from {
            Edition::E2019 if old == from_path => Some(new),
            Edition::E2021 if new == from_path => Some(old),
            _ => None,
        })
}

/// What `side` holds in `cell`: its figure, or why there is none.
fn slot(side: &Side, cell: &Cell) -> Slot {
    match &cell.value {
        Some((f, text)) => Slot::Figure(*f, text.clone()),
        None => match side.unread(&cell.path) {
            Some(why) => Slot::Unread(why.to_string()),
            None => Slot::Empty,
        },
    }
}

/// The figures of `old` and `new` paired by data path (and across editions
/// by [`edition_pairs`]) and compared; `threshold` decides which changes
/// are large.
pub fn compare(old: &Side, new: &Side, threshold: &Threshold) -> CellDiff {
    let (old_edition, new_edition) = (old.report.edition(), new.report.edition());
    let old_cells = cells(&old.report);
    let mut by_path: HashMap<&str, &Cell> =
        old_cells.iter().map(|c| (c.path.as_str(), c)).collect();
    let mut diff = CellDiff::default();
    for cell in cells(&new.report) {
        let twin = by_path.remove(cell.path.as_str()).or_else(|| {
            let other = counterpart(new_edition, old_edition, &cell.path)?;
            by_path.remove(other.as_str())
        });
        let new_slot = slot(new, &cell);
        let Some(twin) = twin else {
            diff.unmatched.push(unmatched(Which::New, &cell, new_slot));
            continue;
        };
        diff.paired += 1;
        let old_slot = slot(old, twin);
        if let Some(change) = change(&old_slot, &new_slot, threshold) {
            diff.changes.push(CellChange {
                part: cell.part,
                old_path: (twin.path != cell.path).then(|| twin.path.clone()),
                path: cell.path,
                label: cell.label,
                old: old_slot,
                new: new_slot,
                ..change
            });
        }
    }
    for cell in old_cells
        .iter()
        .filter(|c| by_path.contains_key(c.path.as_str()))
    {
        diff.unmatched
            .push(unmatched(Which::Old, cell, slot(old, cell)));
    }
    diff
}

fn unmatched(side: Which, cell: &Cell, slot: Slot) -> Unmatched {
    Unmatched {
        side,
        part: cell.part,
        path: cell.path.clone(),
        label: cell.label.clone(),
        slot,
    }
}

/// The change between two slots (its figures, ratio and size; the rest of
/// the record left for the caller), or None when they hold the same.
fn change(old: &Slot, new: &Slot, threshold: &Threshold) -> Option<CellChange> {
    let delta = match (old.figure(), new.figure()) {
        (Some(a), Some(b)) if a.change_to(b).is_some_and(Figure::is_zero) => return None,
        (Some(a), Some(b)) => a.change_to(b),
        (None, None) if old == new => return None,
        // Empty against unread: nothing to compare either way.
        (None, None) => return None,
        _ => None,
    };
    let ratio = old.figure().zip(delta).and_then(|(a, d)| ratio(a, d));
    Some(CellChange {
        part: Part::Table2,
        path: String::new(),
        old_path: None,
        label: String::new(),
        old: old.clone(),
        new: new.clone(),
        change: delta,
        ratio,
        large: delta.is_some_and(|d| threshold.is_large(d, ratio)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil;

    #[test]
    fn every_cell_path_resolves_in_its_edition() {
        for ed in [Edition::E2019, Edition::E2021] {
            let report = testutil::report(ed);
            let all = cells(&report);
            assert!(all.iter().all(|c| path::resolve(ed, &c.path).is_some()));
            assert!(all.iter().all(|c| c.value.is_some()), "{ed:?} is complete");
            let mut paths: Vec<&str> = all.iter().map(|c| c.path.as_str()).collect();
            paths.sort_unstable();
            paths.dedup();
            assert_eq!(paths.len(), all.len(), "paths are unique");
        }
    }

    #[test]
    fn labels_are_the_printed_ones() {
        let report = testutil::report(Edition::E2021);
        let all = cells(&report);
        let first = all.iter().find(|c| c.part == Part::Table3).unwrap();
        assert_eq!(first.path, "依申请公开.本年新收[0]");
        assert_eq!(first.label, "一、本年新收政府信息公开申请数量 · 自然人");
        let rules = all
            .iter()
            .find(|c| c.path == "主动公开.规章.本年废止")
            .unwrap();
        assert_eq!(rules.label, "规章 · 本年废止件数");
        let review = all
            .iter()
            .find(|c| c.path == "复议诉讼.复议后起诉[4]")
            .unwrap();
        assert_eq!(review.label, "行政诉讼 · 复议后起诉 · 总计");
    }

    #[test]
    fn the_same_report_has_no_changes() {
        let side = Side::data(testutil::report(Edition::E2021));
        let diff = compare(&side, &side, &Threshold::default());
        assert!(diff.changes.is_empty() && diff.unmatched.is_empty());
        assert_eq!(diff.paired, cells(&side.report).len());
    }

    #[test]
    fn editions_pair_what_maps_and_list_the_rest() {
        let old = Side::data(testutil::report(Edition::E2019));
        let new = Side::data(testutil::report(Edition::E2021));
        let diff = compare(&old, &new, &Threshold::default());
        let licensing = path::table2(t2::LICENSING, None);
        let in_unmatched = |p: &str| diff.unmatched.iter().any(|u| u.path == p);
        assert!(!in_unmatched(&licensing), "行政许可 maps across editions");
        let other_2019 = official::t3_rows(Edition::E2019)
            .iter()
            .find(|r| r.keys.len() == 2 && r.keys[1] == "其他处理")
            .unwrap();
        assert!(in_unmatched(&path::table3_cell(other_2019, 0)));
        let received = path::table3_cell(&official::t3_rows(Edition::E2021)[0], 0);
        assert!(!in_unmatched(&received));
    }
}
