//! Section 二: 主动公开, its rows and their cells.

use super::Reader;
use super::values::MAX_LINE_CHARS;
use crate::diag::{Diagnostic, codes};
use crate::load::tree::{Item, Node};
use crate::model::official::{self, NumberKind};
use crate::model::report::T2Value;
use crate::model::schema::{t2, top};
use crate::model::{Edition, Table2, path};

impl Reader<'_> {
    pub(super) fn table2(&mut self, item: &Item, ed: Edition) -> Table2 {
        let mut table = Table2::empty(ed);
        table.span = item.span;
        let Some(map) = self.field_map(item, top::TABLE2) else {
            return table;
        };
        let groups = official::t2_groups(ed);
        let row_keys: Vec<&str> = groups
            .iter()
            .flat_map(|g| g.rows.iter().map(|r| r.key))
            .collect();
        let other_ed = match ed {
            Edition::E2019 => Edition::E2021,
            Edition::E2021 => Edition::E2019,
        };
        let hint = move |k: &str| -> Option<String> {
            official::t2_groups(other_ed)
                .iter()
                .flat_map(|g| g.rows.iter())
                .any(|r| r.key == k)
                .then(|| format!("“{k}”属于 {other_ed} 版格式；本文件是 {ed} 版（见“格式”）"))
        };
        self.unknown_keys(&map, &row_keys, Some(&hint));
        for (gi, group) in groups.iter().enumerate() {
            for (ri, row) in group.rows.iter().enumerate() {
                let path = path::table2(row.key, None);
                let Some(value) = self.required(&map, row.key, group.title) else {
                    continue;
                };
                table.row_spans[gi][ri] = map.get(row.key).map_or(value.span, |(k, _)| k.span);
                let cells = self.t2_row(value, row, &path);
                table.cells[gi][ri] = cells;
            }
        }
        table
    }

    fn t2_row(&mut self, item: &Item, row: &official::T2Row, path: &str) -> Vec<Option<T2Value>> {
        // A single-number row: the value itself is the cell.
        if row.cells.len() == 1 && row.cells[0].key.is_none() {
            let cell = self.t2_cell(item, row.cells[0].kind, path, row.label);
            if cell.is_none() && matches!(item.node, Node::Null) {
                self.empty_cell(item, path, row.label);
            }
            return vec![cell];
        }
        let mut out = vec![None; row.cells.len()];
        if matches!(item.node, Node::Null) {
            let keys: Vec<&str> = row.cells.iter().filter_map(|c| c.key).collect();
            self.push(
                Diagnostic::new_at(
                    codes::CELL_EMPTY,
                    format!("“{}”整行为空（{} 个单元格）", row.label, keys.len()),
                    item.span,
                    path,
                )
                .help(format!(
                    "写成 {{{}}}，没有的请填 0",
                    keys.iter()
                        .map(|k| format!("{k}: 0"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            );
            return out;
        }
        let Some(map) = self.map(item, path, row.label) else {
            return out;
        };
        let keys: Vec<&str> = row.cells.iter().filter_map(|c| c.key).collect();
        let hint = |k: &str| -> Option<String> {
            (k == "本年增/减").then(|| "数据文件中写作“本年增减”".to_string())
        };
        self.unknown_keys(&map, &keys, Some(&hint));
        let mut empty = Vec::new();
        let mut first_empty = None;
        for (ci, cell) in row.cells.iter().enumerate() {
            let key = cell.key.expect("multi-cell rows name their cells");
            let cpath = path::table2(row.key, Some(key));
            match map.get(key) {
                None => {
                    empty.push(key);
                    first_empty.get_or_insert(map.span);
                }
                Some((_, v)) => {
                    out[ci] = self.t2_cell(v, cell.kind, &cpath, &format!("{}.{key}", row.label));
                    if matches!(v.node, Node::Null) {
                        empty.push(key);
                        first_empty.get_or_insert(v.span);
                    }
                }
            }
        }
        if !empty.is_empty() {
            self.push(
                Diagnostic::new_at(
                    codes::CELL_EMPTY,
                    format!(
                        "“{}”有 {} 个单元格为空：{}",
                        row.label,
                        empty.len(),
                        empty.join("、")
                    ),
                    first_empty.unwrap_or(map.span),
                    path,
                )
                .help("没有的请填 0"),
            );
        }
        out
    }

    fn t2_cell(
        &mut self,
        item: &Item,
        kind: NumberKind,
        path: &str,
        what: &str,
    ) -> Option<T2Value> {
        if let Node::Map(_) = &item.node {
            let map = self.map(item, path, what)?;
            self.unknown_keys(&map, &[official::T2_VALUE_KEY, official::T2_NOTE_KEY], None);
            let value = self.required(&map, official::T2_VALUE_KEY, "单元格的数字")?;
            let note = map.get(official::T2_NOTE_KEY).and_then(|(_, n)| {
                self.line_value(
                    n,
                    &map.child_path(official::T2_NOTE_KEY),
                    t2::NOTE,
                    MAX_LINE_CHARS,
                )
            });
            let number = self
                .number(value, kind, &map.child_path(official::T2_VALUE_KEY), what)
                .ok()
                .flatten();
            if number.is_none() && matches!(value.node, Node::Null) {
                self.empty_cell(value, path, what);
            }
            return number.map(|number| T2Value {
                number,
                note: note.map(|n| n.value),
            });
        }
        let number = self.number(item, kind, path, what).ok().flatten()?;
        Some(T2Value { number, note: None })
    }
}
