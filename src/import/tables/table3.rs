//! Section 三 (依申请公开): the rows of the official table by label, within
//! their groups (（三）…（六）) and under 办理结果.

use super::super::Sink;
use super::super::cells::Tok;
use super::super::lines::Piece;
use super::super::norm;
use super::entries::{Entry, Slots, entries, join_split_labels, take_slots};
use super::values::count_row;
use super::{ambiguous_row, known_headers, missing_rows, unplaced};
use crate::diag::{Diagnostic, codes};
use crate::model::official::{self, T3Role, T3Row};
use crate::model::{CountRow, Edition, Table3, path};

/// What a section-三 label names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum T3Match {
    /// A row, by index.
    Row(usize),
    /// A group of rows, by key.
    Group(&'static str),
    /// The 办理结果 heading.
    Results,
}

/// The labels of section 三 in an edition, as they are matched.
struct Labels {
    /// The rows.
    defs: &'static [T3Row],
    /// The core of each row's label.
    cores: Vec<String>,
    /// Each group's key and the core of its label.
    groups: Vec<(&'static str, String)>,
    /// The core of the 办理结果 label.
    results: String,
}

impl Labels {
    fn new(edition: Edition) -> Labels {
        let defs = official::t3_rows(edition);
        Labels {
            defs,
            cores: defs.iter().map(|r| norm::core(r.label)).collect(),
            groups: official::t3_groups(edition)
                .iter()
                .map(|g| (g.key, norm::core(g.label)))
                .collect(),
            results: norm::core(official::T3_RESULTS_LABEL),
        }
    }

    /// Every label core, for joining labels cut in two.
    fn candidates(&self) -> Vec<String> {
        let mut cands: Vec<String> = self.cores.clone();
        cands.extend(self.groups.iter().map(|(_, g)| g.clone()));
        cands.push(self.results.clone());
        cands
    }

    /// What the label `core` names best, reading inside `group` (short row
    /// labels match only there) and after a result row was seen or not (the
    /// result total only follows result rows).
    fn best(&self, core: &str, group: Option<&str>, seen_result: bool) -> Option<T3Match> {
        let mut best: Option<(usize, T3Match)> = None;
        let mut consider = |score: Option<usize>, m: T3Match| {
            if let Some(s) = score
                && best.is_none_or(|(b, _)| s > b)
            {
                best = Some((s, m));
            }
        };
        consider(norm::label_score(core, &self.results), T3Match::Results);
        for (key, gcore) in &self.groups {
            consider(norm::label_score(core, gcore), T3Match::Group(key));
        }
        for (i, def) in self.defs.iter().enumerate() {
            let short = self.cores[i].chars().count() < 4;
            if short && def.group.is_some_and(|g| Some(g.key) != group) {
                continue;
            }
            if def.role == T3Role::ResultTotal && !seen_result {
                continue;
            }
            consider(norm::label_score(core, &self.cores[i]), T3Match::Row(i));
        }
        best.map(|(_, m)| m)
    }
}

/// Maps section 三.
pub fn table3(sink: &mut Sink, toks: &[Tok], edition: Edition, heading: &Piece) -> Table3 {
    let labels = Labels::new(edition);
    let defs = labels.defs;
    let headers = known_headers();
    let mut table = Table3::empty(edition);
    let mut found: Vec<bool> = vec![false; defs.len()];
    let mut group: Option<&'static str> = None;
    let mut seen_result = false;
    let width = official::T3_COLUMNS.len();
    let all = join_split_labels(entries(toks), &labels.candidates());
    let mut last_row: Option<(usize, bool)> = None; // (row index, had cells)
    for e in &all {
        let Some(label) = &e.label else {
            unplaced(sink, e, &headers, "表三");
            continue;
        };
        let m = labels.best(&norm::core(&label.piece.text), group, seen_result);
        // A label broken across cells: the second part continues a row label
        // that has no figures yet.
        let target = match (m, last_row) {
            (None, Some((i, false))) => Some(i),
            (Some(T3Match::Row(i)), _) => Some(i),
            _ => None,
        };
        match m {
            Some(T3Match::Group(g)) => group = Some(g),
            Some(T3Match::Results) => group = None,
            _ => {}
        }
        let Some(i) = target else {
            sink.set_path(None);
            if m.is_none() || e.has_numbers() {
                unplaced(sink, e, &headers, "表三");
            }
            last_row = None;
            continue;
        };
        let def = &defs[i];
        sink.set_path(Some(path::table3_row(def)));
        if let Some(g) = def.group {
            group = Some(g.key);
        } else if def.role != T3Role::Result {
            group = None;
        }
        if e.is_bare() {
            last_row = Some((i, false));
            continue;
        }
        last_row = Some((i, true));
        let slots = take_slots(e, width);
        if slots.cells.len() < width && !e.has_numbers() {
            // A header cell that happens to read like a row label.
            continue;
        }
        if found[i] {
            unplaced(sink, e, &headers, "表三（重复的行）");
            continue;
        }
        if matches!(def.role, T3Role::Result) {
            seen_result = true;
        }
        found[i] = true;
        read_row(sink, e, def, slots, &headers, &mut table.rows[i]);
    }
    sink.set_path(None);
    let missing: Vec<(String, String)> = defs
        .iter()
        .zip(&found)
        .filter(|(_, f)| !**f)
        .map(|(d, _)| (path::table3_row(d), d.full_label()))
        .collect();
    missing_rows(sink, "表三", &missing, heading);
    table
}

/// Reads the figures of row `def` from its value slots into `row`; a row
/// that cannot be read is reported and only marked present.
fn read_row(
    sink: &mut Sink,
    e: &Entry,
    def: &T3Row,
    slots: Slots,
    headers: &[String],
    row: &mut CountRow,
) {
    let Some(label) = &e.label else { return };
    let names: Vec<&str> = official::T3_COLUMNS.to_vec();
    let Slots {
        cells: slots,
        rest,
        ambiguous,
    } = slots;
    let what = format!("表三“{}”", def.full_label());
    if let Some(read) = ambiguous {
        ambiguous_row(sink, &what, read, names.len(), &label.piece);
        row.present = true;
        return;
    }
    if slots.len() < names.len() {
        sink.push(
            Diagnostic::error(
                codes::IMPORT_MISSING,
                format!(
                    "表三“{}”一行只读到 {} 个单元格，应有 {} 个（{}），本行未导入",
                    def.full_label(),
                    slots.len(),
                    names.len(),
                    names.join("、")
                ),
            )
            .help("原文这一行可能残缺或被拆散，或空白单元格在提取文字时丢失（以空格分隔的表格看不出空白在哪一列）；请对照原表手工填写，空白的单元格写 ~"),
            &label.piece,
        );
        row.present = true;
        return;
    }
    if !rest.is_empty() {
        let extra = Entry {
            label: Some(label.clone()),
            segments: vec![rest],
        };
        unplaced(sink, &extra, headers, "表三（多出的数字）");
    }
    *row = count_row(sink, &label.piece, &slots, &names, &what).row;
}
