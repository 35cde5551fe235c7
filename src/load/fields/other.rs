//! Section 六: 其他事项 and its information-processing fee.

use super::{Map, Reader, Reported};
use crate::diag::{Diagnostic, codes};
use crate::load::tree::{Item, Node};
use crate::model::path;
use crate::model::schema::{fee, other, top};
use crate::model::{Edition, Fee, Text, official};
use crate::source::Span;

/// What section 六 holds.
pub(super) struct OtherSection {
    /// The fee statement, when there is one.
    pub fee: Option<Fee>,
    /// The narrative (其他事项.正文).
    pub body: Text,
    /// Where the section is (the top-level mapping when it is missing).
    pub span: Span,
}

impl Reader<'_> {
    /// 其他事项: the fee statement (required in the 2021 format) and the
    /// narrative.
    pub(super) fn other(&mut self, top: &Map<'_>, ed: Edition) -> OtherSection {
        let mut out = OtherSection {
            fee: None,
            body: Text::default(),
            span: top.span,
        };
        let Some(item) = self.required(top, top::OTHER, "第六部分") else {
            return out;
        };
        out.span = item.span;
        let Some(map) = self.field_map(item, top::OTHER) else {
            return out;
        };
        self.unknown_keys(&map, &[other::FEE, other::BODY], None);
        out.fee = map.get(other::FEE).and_then(|(_, i)| self.fee(i));
        if out.fee.is_none() && ed == Edition::E2021 && map.get(other::FEE).is_none() {
            self.push(
                Diagnostic::new_at(
                    codes::FEE_REPORT,
                    "2021 版格式要求第六部分报告信息处理费情况，缺少“其他事项.信息处理费”",
                    item.span,
                    path::fee_block(),
                )
                .help(
                    "未收费的请写：信息处理费: {收费通知件数: 0, 收费通知金额: 0, 实际收取金额: 0}",
                ),
            );
        }
        out.body = self
            .markdown(&map, other::BODY, "其他事项正文", true)
            .unwrap_or_default();
        out
    }

    fn fee(&mut self, item: &Item) -> Option<Fee> {
        let map = self.map(item, &path::fee_block(), other::FEE)?;
        let keys: Vec<&str> = official::FEE_FIELDS.iter().map(|(k, _)| *k).collect();
        self.unknown_keys(&map, &keys, None);
        let mut fee = Fee {
            span: item.span,
            ..Fee::default()
        };
        let mut empty = Vec::new();
        let mut first_empty = None;
        for (key, _) in official::FEE_FIELDS {
            let path = map.child_path(key);
            let Some(value) = self.required(&map, key, other::FEE) else {
                continue;
            };
            if matches!(value.node, Node::Null) {
                // Reported once for the three fields, below.
                empty.push(key);
                first_empty.get_or_insert(value.span);
                continue;
            }
            if key == fee::NOTICES {
                match self.count(value, &path, key) {
                    Ok(Some(c)) => fee.notices = Some(c),
                    Ok(None) => self.empty_cell(value, &path, key),
                    Err(Reported) => {}
                }
            } else {
                let amount = self.amount(value, &path, key);
                if key == fee::NOTICE_AMOUNT {
                    fee.notice_amount = amount;
                } else {
                    fee.collected = amount;
                }
            }
        }
        if !empty.is_empty() {
            self.push(Diagnostic::new_at(
                codes::CELL_EMPTY,
                format!(
                    "信息处理费有 {} 项为空：{}，没有的请填 0",
                    empty.len(),
                    empty.join("、")
                ),
                first_empty.unwrap_or(item.span),
                path::fee_block(),
            ));
        }
        Some(fee)
    }
}
