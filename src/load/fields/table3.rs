//! Section 三: 依申请公开, its rows found by their keys.

use super::rows::CountRowOf;
use super::{Map, Reader};
use crate::diag::{Diagnostic, codes};
use crate::load::tree::{Item, Node};
use crate::model::official::{self, T3Role};
use crate::model::schema::top;
use crate::model::{Edition, Table3, path};
use crate::source::Span;

impl Reader<'_> {
    pub(super) fn table3(&mut self, item: &Item, ed: Edition) -> Table3 {
        let mut table = Table3::empty(ed);
        table.span = item.span;
        let Some(map) = self.field_map(item, top::TABLE3) else {
            return table;
        };
        let rows = official::t3_rows(ed);
        self.t3_unknown_keys(&map, ed);
        let missing_groups = self.t3_missing_groups(&map, ed);

        for (i, def) in rows.iter().enumerate() {
            let path = path::table3_row(def);
            let what = def.full_label();
            let (item, parent_span) = match self.lookup(&map, def.keys) {
                Lookup::Found(item) => (item, item.span),
                Lookup::Missing(parent) => {
                    let group_missing = def.group.is_some_and(|g| missing_groups.contains(&g));
                    if def.role != T3Role::ResultTotal && !group_missing {
                        self.push(
                            Diagnostic::new_at(
                                codes::KEY_MISSING,
                                format!("缺少行“{what}”"),
                                parent,
                                path,
                            )
                            .help(format!(
                                "添加 {}: [0, 0, 0, 0, 0, 0]",
                                def.keys.last().unwrap()
                            )),
                        );
                    }
                    table.rows[i].span = parent;
                    continue;
                }
                Lookup::Broken => continue,
            };
            table.rows[i] = self.count_row(item, CountRowOf::Table3(def), &what, parent_span, ed);
        }
        table
    }

    /// Reports unknown keys under 依申请公开, 办理结果 and each result
    /// group, once.
    fn t3_unknown_keys(&mut self, map: &Map<'_>, ed: Edition) {
        let rows = official::t3_rows(ed);
        // The keys directly under 依申请公开, in the order of the rows.
        let mut first_keys: Vec<&str> = Vec::new();
        for r in rows {
            if !first_keys.contains(&r.keys[0]) {
                first_keys.push(r.keys[0]);
            }
        }
        self.unknown_keys(map, &first_keys, None);

        // Check the nested maps' keys once.
        if let Some((_, results)) = map.get(official::T3_RESULTS_KEY)
            && let Some(rmap) = self.map(
                results,
                &path::table3_keys(&[official::T3_RESULTS_KEY]),
                "办理结果",
            )
        {
            let mut top_keys: Vec<&str> = Vec::new();
            for r in rows
                .iter()
                .filter(|r| r.keys[0] == official::T3_RESULTS_KEY)
            {
                if !top_keys.contains(&r.keys[1]) {
                    top_keys.push(r.keys[1]);
                }
            }
            self.unknown_keys(&rmap, &top_keys, None);
            for group in official::t3_groups(ed) {
                let Some((_, g)) = rmap.get(group.key) else {
                    continue;
                };
                if !matches!(g.node, Node::Map(_)) {
                    continue; // reported when its rows are read
                }
                let gmap = self
                    .map(
                        g,
                        &path::table3_keys(&[official::T3_RESULTS_KEY, group.key]),
                        group.label,
                    )
                    .expect("checked above");
                let leaves: Vec<&str> = rows
                    .iter()
                    .filter(|r| r.group == Some(group))
                    .map(|r| r.keys[2])
                    .collect();
                self.unknown_keys(&gmap, &leaves, None);
            }
        }
    }

    /// Reports each result group missing as a whole, once, naming its
    /// rows; returns those groups.
    fn t3_missing_groups(&mut self, map: &Map<'_>, ed: Edition) -> Vec<official::T3Group> {
        let rows = official::t3_rows(ed);
        // A whole result group missing is one diagnostic naming each of its rows.
        let results_map = map
            .get(official::T3_RESULTS_KEY)
            .and_then(|(_, i)| i.as_map());
        let mut missing_groups = Vec::new();
        if let Some(entries) = results_map {
            for group in official::t3_groups(ed) {
                if !entries.iter().any(|(k, _)| k.text == group.key) {
                    missing_groups.push(group);
                    let labels: Vec<&str> = rows
                        .iter()
                        .filter(|r| r.group == Some(group))
                        .map(|r| r.label)
                        .collect();
                    let span = map
                        .get(official::T3_RESULTS_KEY)
                        .map_or(map.span, |(_, i)| i.span);
                    self.push(
                        Diagnostic::new_at(
                            codes::KEY_MISSING,
                            format!(
                                "缺少“{}”的 {} 行：{}",
                                group.label,
                                labels.len(),
                                labels.join("、")
                            ),
                            span,
                            path::table3_keys(&[official::T3_RESULTS_KEY, group.key]),
                        )
                        .help(format!("在“办理结果”下添加“{}:”及其各行", group.key)),
                    );
                }
            }
        }

        missing_groups
    }

    fn lookup<'t>(&mut self, map: &Map<'t>, keys: &[&str]) -> Lookup<'t> {
        let mut entries = map.entries;
        let mut span = map.span;
        for (depth, key) in keys.iter().enumerate() {
            let Some((_, item)) = entries.iter().find(|(k, _)| k.text == *key) else {
                return Lookup::Missing(span);
            };
            if depth + 1 == keys.len() {
                return Lookup::Found(item);
            }
            let path = path::table3_keys(&keys[..=depth]);
            match &item.node {
                Node::Map(e) => {
                    entries = e;
                    span = item.span;
                }
                _ => {
                    // Reported once per group: the first leaf that finds it.
                    let first_leaf = keys.len() == 3;
                    if first_leaf
                        && !self
                            .diags
                            .iter()
                            .any(|d| d.path.as_deref() == Some(path.as_str()))
                    {
                        let hint = if matches!(item.node, Node::Seq(_)) && *key == "其他处理" {
                            "2021 版中“其他处理”分三行：申请人无正当理由逾期不补正、申请人逾期未按收费通知要求缴纳费用、其他"
                        } else {
                            "这一项下面按行填写，每行一个列表"
                        };
                        self.push(
                            Diagnostic::new_at(
                                codes::TYPE,
                                format!("“{key}”应为映射（各行），这里是{}", item.kind_name()),
                                item.span,
                                path.clone(),
                            )
                            .help(hint),
                        );
                    }
                    return Lookup::Broken;
                }
            }
        }
        Lookup::Missing(span)
    }
}

enum Lookup<'t> {
    Found(&'t Item),
    /// Missing; the span of the innermost mapping that exists.
    Missing(Span),
    /// A parent is not a mapping (already reported).
    Broken,
}
