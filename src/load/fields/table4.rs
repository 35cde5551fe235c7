//! Section 四: 复议诉讼, one row per group.

use super::Reader;
use super::rows::CountRowOf;
use crate::diag::{Diagnostic, codes};
use crate::load::tree::Item;
use crate::model::official;
use crate::model::schema::top;
use crate::model::{Edition, Table4, path};

impl Reader<'_> {
    pub(super) fn table4(&mut self, item: &Item) -> Table4 {
        let mut table = Table4::empty();
        table.span = item.span;
        let Some(map) = self.field_map(item, top::TABLE4) else {
            return table;
        };
        let keys: Vec<&str> = official::T4_GROUPS.iter().map(|g| g.key).collect();
        self.unknown_keys(&map, &keys, None);
        for (i, group) in official::T4_GROUPS.iter().enumerate() {
            let path = path::table4_row(group);
            match map.get(group.key) {
                Some((_, value)) => {
                    table.rows[i] = self.count_row(
                        value,
                        CountRowOf::Table4(group),
                        group.label,
                        value.span,
                        Edition::E2021,
                    );
                }
                None => {
                    self.push(
                        Diagnostic::new_at(
                            codes::KEY_MISSING,
                            format!("缺少行“{}”", group.label),
                            map.span,
                            path,
                        )
                        .help(format!("添加 {}: [0, 0, 0, 0]", group.key)),
                    );
                    table.rows[i].span = map.span;
                }
            }
        }
        table
    }
}
