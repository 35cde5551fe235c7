//! `沿用上年` and `沿用数字`: the lists of paragraphs and figures carried
//! from last year's report (`model::carried`), read as one-line texts; an
//! entry that is not one is a warning, and ignored.

use super::Map;
use super::Reader;
use crate::diag::{Diagnostic, codes, excerpt};
use crate::load::tree::Node;
use crate::model::Located;
use crate::model::carried;
use crate::model::path;
use crate::model::schema::top;

/// Most entries read (a narrative has far fewer paragraphs).
const MAX_ENTRIES: usize = 2_000;

impl Reader<'_> {
    /// The entries of `沿用上年`, when given.
    pub(super) fn carried(&mut self, top: &Map<'_>) -> Vec<Located<String>> {
        self.entries(
            top,
            top::CARRIED,
            "列表（每段一行）",
            |t| carried::parse(t).is_some(),
            "每行写“部分 编号 开头文字”，由 nianbao 生成；确认沿用时删去整行即可，不要改动编号",
        )
    }

    /// The entries of `沿用数字`, when given.
    pub(super) fn carried_figures(&mut self, top: &Map<'_>) -> Vec<Located<String>> {
        self.entries(
            top,
            top::CARRIED_FIGURES,
            "列表（每个数字一行）",
            |t| carried::parse_figure(t).is_some(),
            "每行写“部分 数字 上年的句子”，由 nianbao 生成；确认本年仍为此数时删去整行即可",
        )
    }

    /// The one-line entries of the list `key`, each kept when `valid`.
    fn entries(
        &mut self,
        top: &Map<'_>,
        key: &str,
        kind: &str,
        valid: impl Fn(&str) -> bool,
        help: &str,
    ) -> Vec<Located<String>> {
        let Some((_, item)) = top.get(key) else {
            return Vec::new();
        };
        let at = path::field(key);
        let items = match &item.node {
            Node::Null => return Vec::new(),
            Node::Seq(items) => items,
            _ => {
                self.wrong_kind(item, &at, key, kind);
                return Vec::new();
            }
        };
        let mut out = Vec::new();
        for (i, entry) in items.iter().take(MAX_ENTRIES).enumerate() {
            let text = match &entry.node {
                Node::Scalar { text, .. } => text.trim(),
                _ => "",
            };
            if valid(text) {
                out.push(Located::new(text.to_string(), entry.span));
                continue;
            }
            self.push(
                Diagnostic::new_at(
                    codes::TEXT_CARRIED,
                    format!(
                        "“{}”中的第 {} 行“{}”无法识别，已忽略",
                        key,
                        i + 1,
                        excerpt(text)
                    ),
                    entry.span,
                    &at,
                )
                .help(help),
            );
        }
        out
    }
}
