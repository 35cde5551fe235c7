//! Reading the typed fields of a report out of the YAML tree.

use super::suggest;
use super::tree::{Item, Key, Node};
use crate::diag::{Diagnostic, Severity, codes, excerpt};
use crate::model::official::{self, NumberKind, T3Role};
use crate::model::report::T2Value;
use crate::model::schema::{contact, fee, other, t2, top};
use crate::model::{
    Contact, CountRow, Date, Decimal, Edition, Fee, Located, Number, Report, Table2, Table3,
    Table4, Text,
};
use crate::source::Span;

/// A value was wrong and a diagnostic saying so has been pushed: the
/// caller has nothing to add.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Reported;

/// Explains an unknown key better than a spelling suggestion can.
type KeyHint<'h> = dyn Fn(&str) -> Option<String> + 'h;

struct Reader<'a> {
    diags: &'a mut Vec<Diagnostic>,
}

/// Reads the whole report; `None` when the document is not a mapping.
pub(crate) fn read_report(root: &Item, diags: &mut Vec<Diagnostic>) -> Option<Report> {
    let mut r = Reader { diags };
    r.report(root)
}

/// A mapping's entries with lookup helpers.
struct Map<'t> {
    entries: &'t [(Key, Item)],
    /// Where the mapping is (for "missing key" diagnostics).
    span: Span,
    /// Dotted path of the mapping ("" at the top).
    path: String,
}

impl<'t> Map<'t> {
    fn get(&self, key: &str) -> Option<&'t (Key, Item)> {
        self.entries.iter().find(|(k, _)| k.text == key)
    }

    fn child_path(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.path)
        }
    }
}

impl Reader<'_> {
    fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    fn map<'t>(&mut self, item: &'t Item, path: &str, what: &str) -> Option<Map<'t>> {
        match &item.node {
            Node::Map(entries) => Some(Map {
                entries,
                span: item.span,
                path: path.to_string(),
            }),
            Node::Null => {
                self.push(Diagnostic::new_at(
                    codes::KEY_MISSING,
                    format!("{what}没有填写内容"),
                    item.span,
                    path,
                ));
                None
            }
            _ => {
                self.push(Diagnostic::new_at(
                    codes::TYPE,
                    format!("{what}应为映射（键: 值），这里是{}", item.kind_name()),
                    item.span,
                    path,
                ));
                None
            }
        }
    }

    /// Reports keys of `map` that are not in `allowed`, suggesting the closest.
    fn unknown_keys(&mut self, map: &Map<'_>, allowed: &[&str], hint: Option<&KeyHint<'_>>) {
        for (k, _) in map.entries {
            if allowed.contains(&k.text.as_str()) {
                continue;
            }
            let place = if map.path.is_empty() {
                "顶层".to_string()
            } else {
                format!("“{}”下", map.path)
            };
            let mut d = Diagnostic::new_at(
                codes::KEY_UNKNOWN,
                format!("未知的键“{}”（{place}）", k.text),
                k.span,
                map.child_path(&k.text),
            );
            if let Some(extra) = hint.and_then(|h| h(&k.text)) {
                d = d.help(extra);
            } else if let Some(s) = suggest::closest(&k.text, allowed.iter().copied()) {
                d = d.label(format!("是不是“{s}”？")).help(format!("改为“{s}”"));
            } else {
                d = d.note(format!("这里可以使用的键：{}", allowed.join("、")));
            }
            self.push(d);
        }
    }

    fn required<'t>(&mut self, map: &Map<'t>, key: &str, what: &str) -> Option<&'t Item> {
        match map.get(key) {
            Some((_, item)) => Some(item),
            None => {
                self.push(Diagnostic::new_at(
                    codes::KEY_MISSING,
                    format!("缺少“{key}”（{what}）"),
                    map.span,
                    map.child_path(key),
                ));
                None
            }
        }
    }

    fn text_value(&mut self, item: &Item, path: &str, what: &str) -> Option<Located<String>> {
        match &item.node {
            Node::Scalar { text, .. } => Some(Located::new(text.clone(), item.span)),
            Node::Null => {
                self.push(Diagnostic::new_at(
                    codes::KEY_MISSING,
                    format!("{what}没有填写"),
                    item.span,
                    path,
                ));
                None
            }
            _ => {
                self.push(Diagnostic::new_at(
                    codes::TYPE,
                    format!("{what}应为文字，这里是{}", item.kind_name()),
                    item.span,
                    path,
                ));
                None
            }
        }
    }

    /// A one-line text (agency, contact field, cell note): line breaks and
    /// control characters are errors, and so is more than `max_chars`.
    fn line_value(
        &mut self,
        item: &Item,
        path: &str,
        what: &str,
        max_chars: usize,
    ) -> Option<Located<String>> {
        let value = self.text_value(item, path, what)?;
        let text = value.value.trim_end();
        let problem = if text.contains(['\n', '\r', '\u{2028}', '\u{2029}']) {
            Some(format!("{what}中有换行，这一项只能写一行"))
        } else if let Some(c) = text
            .chars()
            .find(|&c| crate::diag::is_hidden(c) || c == '\t')
        {
            Some(format!(
                "{what}中有控制字符 {}，这一项只能是普通文字",
                crate::diag::visible(&c.to_string())
            ))
        } else if text.chars().count() > max_chars {
            Some(format!(
                "{what}过长（{} 个字），不应超过 {max_chars} 个字",
                text.chars().count()
            ))
        } else {
            None
        };
        if let Some(message) = problem {
            self.push(
                Diagnostic::new_at(codes::TEXT, message, value.span, path)
                    .help("按印在报告上的样子写成一行，不要复制带格式的内容"),
            );
        } else if let Some(inner) = super::lookalike::fullwidth_quoted(text) {
            self.push(
                Diagnostic::new_at(
                    codes::PUNCT,
                    format!("{what}两边加了全角引号，报告上会连引号一起印出"),
                    value.span,
                    path,
                )
                .severity(Severity::Warning)
                .label("全角引号")
                .help(format!(
                    "去掉引号，直接写 {}；需要引号时用半角的 \"…\"",
                    excerpt(inner)
                )),
            );
        }
        Some(value)
    }

    fn markdown(&mut self, map: &Map<'_>, key: &str, what: &str, required: bool) -> Option<Text> {
        let path = map.child_path(key);
        let item = if required {
            self.required(map, key, what)?
        } else {
            &map.get(key)?.1
        };
        let value = self.text_value(item, &path, what)?;
        if let Some(c) = value
            .value
            .chars()
            .find(|&c| c != '\n' && c != '\r' && crate::diag::is_hidden(c))
        {
            self.push(
                Diagnostic::new_at(
                    codes::TEXT,
                    format!(
                        "{what}中有控制字符 {}，不能印在报告上",
                        crate::diag::visible(&c.to_string())
                    ),
                    item.span,
                    path.clone(),
                )
                .help("删去这个字符；它通常来自从其他软件复制的内容"),
            );
        }
        if value.value.trim().is_empty() {
            self.push(Diagnostic::new_at(
                codes::KEY_MISSING,
                format!("{what}没有填写内容"),
                item.span,
                path,
            ));
        } else if value
            .value
            .lines()
            .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
        {
            // A skeleton from `nianbao new`: sub-headings and nothing under them.
            self.push(
                Diagnostic::new_at(
                    codes::KEY_MISSING,
                    format!("{what}只有小标题，还没有填写正文"),
                    item.span,
                    path,
                )
                .help("在每个小标题下写本年的情况"),
            );
        }
        Some(Text {
            value: value.value,
            span: value.span,
        })
    }

    fn integer(&mut self, item: &Item, path: &str, what: &str) -> Option<Located<i64>> {
        let text = self.scalar_number_text(item, path, what)?;
        match text.parse::<i64>() {
            Ok(n) => Some(Located::new(n, item.span)),
            Err(_) => {
                self.push(Diagnostic::new_at(
                    codes::TYPE,
                    format!("{what}应为整数，这里是“{}”", excerpt(&text)),
                    item.span,
                    path,
                ));
                None
            }
        }
    }

    /// The text of a scalar meant to be a number; reports empties and non-scalars.
    fn scalar_number_text(&mut self, item: &Item, path: &str, what: &str) -> Option<String> {
        match &item.node {
            Node::Scalar { text, .. } => Some(text.trim().to_string()),
            Node::Null => {
                self.push(Diagnostic::new_at(
                    codes::CELL_EMPTY,
                    format!("{what}为空，没有的请填 0"),
                    item.span,
                    path,
                ));
                None
            }
            _ => {
                self.push(Diagnostic::new_at(
                    codes::TYPE,
                    format!("{what}应为数字，这里是{}", item.kind_name()),
                    item.span,
                    path,
                ));
                None
            }
        }
    }

    /// Reads a number of `kind` from a scalar, reporting every way it can be wrong.
    /// Empty cells are reported by the caller (`Ok(None)`).
    fn number(
        &mut self,
        item: &Item,
        kind: NumberKind,
        path: &str,
        what: &str,
    ) -> Result<Option<Located<Number>>, Reported> {
        let text = match &item.node {
            Node::Null => return Ok(None),
            Node::Scalar { text, .. } => text.trim().to_string(),
            _ => {
                self.push(Diagnostic::new_at(
                    codes::TYPE,
                    format!("{what}应为数字，这里是{}", item.kind_name()),
                    item.span,
                    path,
                ));
                return Err(Reported);
            }
        };
        match parse_number(&text, kind) {
            Ok(n) => Ok(Some(Located::new(n, item.span))),
            Err(problem) => {
                let d = match problem {
                    NumberProblem::Negative => Diagnostic::new(
                        codes::NUM_INT,
                        format!("{what}不能为负数（填写的是 {}）", excerpt(&text)),
                    ),
                    NumberProblem::Fraction => Diagnostic::new(
                        codes::NUM_INT,
                        format!("{what}应为整数（填写的是 {}）", excerpt(&text)),
                    ),
                    NumberProblem::TooLarge => Diagnostic::new(
                        codes::NUM_RANGE,
                        format!("{what}的数字过大（{}）", excerpt(&text)),
                    )
                    .help(match kind {
                        NumberKind::Amount => "金额以万元为单位，整数部分不超过 10 位".to_string(),
                        _ => format!("件数不应超过 {MAX_COUNT}，请核对是否多打了数字"),
                    }),
                    NumberProblem::TooManyDecimals => Diagnostic::new(
                        codes::NUM_RANGE,
                        format!("{what}的小数位过多（{}）", excerpt(&text)),
                    )
                    .help(format!(
                        "金额以万元为单位，最多保留 {MAX_DECIMALS} 位小数（精确到 0.01 元）"
                    )),
                    NumberProblem::NotANumber => {
                        let mut d = Diagnostic::new(
                            codes::TYPE,
                            format!("{what}应为数字，这里是“{}”", excerpt(&text)),
                        );
                        if super::lookalike::fullwidth_quoted(&text).is_some() {
                            d = d.help("数字不加引号：去掉两边的全角引号");
                        } else if text.chars().any(|c| ('０'..='９').contains(&c)) {
                            d = d.help("请使用半角数字 0–9");
                        } else if text.ends_with('元') {
                            d = d.help("去掉单位；金额一律以万元为单位填写数字");
                        } else if text.contains('(') || text.contains('（') {
                            d = d.help("单元格注释请写成 {数量: 123, 注: 说明}");
                        }
                        d
                    }
                };
                self.push(d.at(item.span).path(path));
                Err(Reported)
            }
        }
    }

    fn count(
        &mut self,
        item: &Item,
        path: &str,
        what: &str,
    ) -> Result<Option<Located<u64>>, Reported> {
        Ok(self
            .number(item, NumberKind::Count, path, what)?
            .map(|n| match n.value {
                Number::Count(c) => Located::new(c, n.span),
                _ => unreachable!("a Count kind parses to Number::Count"),
            }))
    }

    fn amount(&mut self, item: &Item, path: &str, what: &str) -> Option<Located<Decimal>> {
        match self.number(item, NumberKind::Amount, path, what) {
            Ok(Some(Located {
                value: Number::Amount(d),
                span,
            })) => Some(Located::new(d, span)),
            Ok(None) => {
                self.push(Diagnostic::new_at(
                    codes::CELL_EMPTY,
                    format!("{what}为空，没有的请填 0"),
                    item.span,
                    path,
                ));
                None
            }
            _ => None,
        }
    }

    // -----------------------------------------------------------------------

    fn report(&mut self, root: &Item) -> Option<Report> {
        let top = match &root.node {
            Node::Map(_) => self.map(root, "", "数据文件")?,
            Node::Null => {
                self.push(
                    Diagnostic::new(codes::YAML, "数据文件是空的")
                        .at(Span::at(1, 1))
                        .help("用 `nianbao new --year 年度 --agency 机关` 生成一个空白数据文件"),
                );
                return None;
            }
            _ => {
                self.push(
                    Diagnostic::new(
                        codes::YAML,
                        format!(
                            "数据文件的顶层应为映射（键: 值），这里是{}",
                            root.kind_name()
                        ),
                    )
                    .at(root.span),
                );
                return None;
            }
        };
        self.unknown_keys(&top, &top::ALL, None);

        let year = self
            .required(&top, top::YEAR, "报告年度")
            .and_then(|i| self.integer(i, top::YEAR, top::YEAR));
        if let Some(y) = &year
            && !(1900..=9999).contains(&y.value)
        {
            self.push(Diagnostic::new_at(
                codes::TYPE,
                format!("年度 {} 不是有效的年份", y.value),
                y.span,
                top::YEAR,
            ));
        }
        // An impossible year is reported above and treated as missing (0),
        // so that no rule runs on a made-up year.
        let year = year.map(|y| {
            let value = if (1900..=9999).contains(&y.value) {
                y.value as i32
            } else {
                0
            };
            Located::new(value, y.span)
        });

        let edition = self.edition(&top, year.as_ref());
        let ed = edition.value;

        let agency = self
            .required(&top, top::AGENCY, "报告机关名称")
            .and_then(|i| self.line_value(i, top::AGENCY, "机关名称", MAX_AGENCY_CHARS));
        if let Some(a) = &agency
            && a.value.trim().is_empty()
        {
            self.push(Diagnostic::new_at(
                codes::KEY_MISSING,
                "机关名称为空",
                a.span,
                top::AGENCY,
            ));
        }

        let date = self.required(&top, top::DATE, "落款日期").and_then(|i| {
            let t = self.text_value(i, top::DATE, top::DATE)?;
            match Date::parse(&t.value) {
                Some(d) => Some(Located::new(d, t.span)),
                None => {
                    self.push(
                        Diagnostic::new_at(
                            codes::DATE,
                            format!("成文日期“{}”不是有效日期", excerpt(&t.value)),
                            t.span,
                            top::DATE,
                        )
                        .help(
                            if super::lookalike::fullwidth_quoted(&t.value).is_some() {
                                "去掉两边的全角引号，写成 YYYY-MM-DD，例如 2025-01-10"
                            } else {
                                "写成 YYYY-MM-DD，例如 2025-01-10"
                            },
                        ),
                    );
                    None
                }
            }
        });

        let contact = top
            .get(top::CONTACT)
            .and_then(|(_, item)| {
                let map = self.map(item, top::CONTACT, top::CONTACT)?;
                self.unknown_keys(&map, &contact::ALL, None);
                let mut field = |key: &str| {
                    map.get(key).and_then(|(_, i)| {
                        if matches!(i.node, Node::Null) {
                            return None;
                        }
                        self.line_value(i, &map.child_path(key), key, MAX_LINE_CHARS)
                    })
                };
                Some(Contact {
                    address: field(contact::ADDRESS),
                    postcode: field(contact::POSTCODE),
                    phone: field(contact::PHONE),
                    email: field(contact::EMAIL),
                })
            })
            .unwrap_or_default();

        let preface = self.markdown(&top, top::PREFACE, top::PREFACE, false);
        let previous = top.get(top::PREVIOUS).and_then(|(_, i)| {
            if matches!(i.node, Node::Null) {
                return None;
            }
            self.line_value(i, top::PREVIOUS, top::PREVIOUS, MAX_LINE_CHARS)
        });
        let overview = self
            .markdown(&top, top::OVERVIEW, "总体情况（第一部分）", true)
            .unwrap_or_default();
        let problems = self
            .markdown(&top, top::PROBLEMS, "问题及改进（第五部分）", true)
            .unwrap_or_default();

        let table2 = match self.required(&top, top::TABLE2, "第二部分表格") {
            Some(item) => self.table2(item, ed),
            None => Table2::empty(ed),
        };
        let table3 = match self.required(&top, top::TABLE3, "第三部分表格") {
            Some(item) => self.table3(item, ed),
            None => Table3::empty(ed),
        };
        let table4 = match self.required(&top, top::TABLE4, "第四部分表格") {
            Some(item) => self.table4(item),
            None => Table4::empty(),
        };

        let mut fee = None;
        let mut other = Text::default();
        let mut other_span = top.span;
        if let Some(item) = self.required(&top, top::OTHER, "第六部分") {
            other_span = item.span;
            if let Some(map) = self.map(item, top::OTHER, top::OTHER) {
                self.unknown_keys(&map, &[other::FEE, other::BODY], None);
                fee = map.get(other::FEE).and_then(|(_, i)| self.fee(i));
                if fee.is_none() && ed == Edition::E2021 && map.get(other::FEE).is_none() {
                    self.push(
                        Diagnostic::new_at(codes::FEE_REPORT,
                            "2021 版格式要求第六部分报告信息处理费情况，缺少“其他事项.信息处理费”", item.span, "其他事项.信息处理费")
                        .help("未收费的请写：信息处理费: {收费通知件数: 0, 收费通知金额: 0, 实际收取金额: 0}"),
                    );
                }
                other = self
                    .markdown(&map, other::BODY, "其他事项正文", true)
                    .unwrap_or_default();
            }
        }

        Some(Report {
            edition,
            agency: agency.unwrap_or_else(|| Located::new(String::new(), top.span)),
            year: year.unwrap_or_else(|| Located::new(0, top.span)),
            date,
            contact,
            preface,
            previous,
            overview,
            table2,
            table3,
            table4,
            problems,
            fee,
            other,
            other_span,
        })
    }

    fn edition(&mut self, top: &Map<'_>, year: Option<&Located<i32>>) -> Located<Edition> {
        let fallback = || Edition::for_year(year.map_or(2021, |y| y.value as i64));
        let Some(item) = self.required(top, top::EDITION, "格式版本：2021 或 2019") else {
            return Located::new(fallback(), top.span);
        };
        match self.integer(item, top::EDITION, top::EDITION) {
            Some(n) => match Edition::from_year(n.value) {
                Some(e) => Located::new(e, n.span),
                None => {
                    self.push(Diagnostic::new_at(
                        codes::EDITION,
                        format!("格式应为 2021 或 2019，这里是 {}", n.value),
                        n.span,
                        top::EDITION,
                    ));
                    Located::new(fallback(), n.span)
                }
            },
            None => Located::new(fallback(), item.span),
        }
    }

    fn fee(&mut self, item: &Item) -> Option<Fee> {
        let map = self.map(item, "其他事项.信息处理费", other::FEE)?;
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
                    Ok(None) => self.push(Diagnostic::new_at(
                        codes::CELL_EMPTY,
                        format!("{key}为空，没有的请填 0"),
                        value.span,
                        path,
                    )),
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
                "其他事项.信息处理费",
            ));
        }
        Some(fee)
    }

    // ----------------------------------------------------------------- 二 --

    fn table2(&mut self, item: &Item, ed: Edition) -> Table2 {
        let mut table = Table2::empty(ed);
        table.span = item.span;
        let Some(map) = self.map(item, top::TABLE2, top::TABLE2) else {
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
                let path = map.child_path(row.key);
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
                self.push(Diagnostic::new_at(
                    codes::CELL_EMPTY,
                    format!("{}为空，没有的请填 0", row.label),
                    item.span,
                    path,
                ));
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
            let cpath = map.child_path(key);
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
                self.push(Diagnostic::new_at(
                    codes::CELL_EMPTY,
                    format!("{what}为空，没有的请填 0"),
                    value.span,
                    path,
                ));
            }
            return number.map(|number| T2Value {
                number,
                note: note.map(|n| n.value),
            });
        }
        let number = self.number(item, kind, path, what).ok().flatten()?;
        Some(T2Value { number, note: None })
    }

    // ----------------------------------------------------------------- 三 --

    fn table3(&mut self, item: &Item, ed: Edition) -> Table3 {
        let mut table = Table3::empty(ed);
        table.span = item.span;
        let Some(map) = self.map(item, top::TABLE3, top::TABLE3) else {
            return table;
        };
        let rows = official::t3_rows(ed);
        self.unknown_keys(
            &map,
            &[
                "本年新收",
                "上年结转",
                official::T3_RESULTS_KEY,
                "结转下年度继续办理",
            ],
            None,
        );

        // Check the nested maps' keys once.
        if let Some((_, results)) = map.get(official::T3_RESULTS_KEY)
            && let Some(rmap) = self.map(
                results,
                &map.child_path(official::T3_RESULTS_KEY),
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
                    .map(g, &rmap.child_path(group.key), group.label)
                    .expect("checked above");
                let leaves: Vec<&str> = rows
                    .iter()
                    .filter(|r| r.group == Some(group))
                    .map(|r| r.keys[2])
                    .collect();
                self.unknown_keys(&gmap, &leaves, None);
            }
        }

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
                            format!("依申请公开.办理结果.{}", group.key),
                        )
                        .help(format!("在“办理结果”下添加“{}:”及其各行", group.key)),
                    );
                }
            }
        }

        for (i, def) in rows.iter().enumerate() {
            let path = format!("依申请公开.{}", def.path());
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
            table.rows[i] = self.count_row(
                item,
                &official::T3_COLUMNS,
                official::T3_INPUT_COLUMNS,
                &path,
                &what,
                parent_span,
                ed,
            );
        }
        table
    }

    fn lookup<'t>(&mut self, map: &Map<'t>, keys: &[&str]) -> Lookup<'t> {
        let mut entries = map.entries;
        let mut span = map.span;
        let mut path = map.path.clone();
        for (depth, key) in keys.iter().enumerate() {
            let Some((_, item)) = entries.iter().find(|(k, _)| k.text == *key) else {
                return Lookup::Missing(span);
            };
            if depth + 1 == keys.len() {
                return Lookup::Found(item);
            }
            path = format!("{path}.{key}");
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

    /// Reads a row of counts: `[a, b, …]` with `width` input cells and an
    /// optional printed total.
    #[allow(clippy::too_many_arguments)]
    fn count_row(
        &mut self,
        item: &Item,
        columns: &[&str],
        width: usize,
        path: &str,
        what: &str,
        span: Span,
        ed: Edition,
    ) -> CountRow {
        let mut row = CountRow::empty(width);
        row.span = span;
        row.present = true;
        let items: &[Item] = match &item.node {
            Node::Seq(items) => items,
            Node::Null => {
                self.push(
                    Diagnostic::new_at(
                        codes::CELL_EMPTY,
                        format!("“{what}”整行为空（{} 个单元格）", width),
                        item.span,
                        path,
                    )
                    .help(format!("按顺序填写：[{}]", columns[..width].join(", "))),
                );
                return row;
            }
            Node::Map(_) if ed == Edition::E2019 && path.ends_with("其他处理") => {
                self.push(
                    Diagnostic::new_at(
                        codes::TYPE,
                        "2019 版中“其他处理”是一行，应为列表",
                        item.span,
                        path,
                    )
                    .help("写成 其他处理: [0, 0, 0, 0, 0, 0]"),
                );
                return row;
            }
            _ => {
                self.push(
                    Diagnostic::new_at(
                        codes::TYPE,
                        format!(
                            "“{what}”应为 {width} 个数字的列表，这里是{}",
                            item.kind_name()
                        ),
                        item.span,
                        path,
                    )
                    .help(format!("按顺序填写：[{}]", columns[..width].join(", "))),
                );
                return row;
            }
        };
        if items.len() > width + 1 || (!items.is_empty() && items.len() < width) {
            // Which value is missing or extra cannot be known: keep none of them.
            self.push(
                Diagnostic::new_at(
                    codes::ROW_LEN,
                    format!(
                        "“{what}”应有 {width} 个数字（可再加第 {} 个：总计），这里有 {} 个",
                        width + 1,
                        items.len()
                    ),
                    item.span,
                    path,
                )
                .note(format!("列的顺序：{}", columns.join("、"))),
            );
            return row;
        }
        let mut empty = Vec::new();
        let mut first_empty = None;
        for (col, name) in columns.iter().enumerate().take(width + 1) {
            let name = *name;
            let cpath = format!("{path}[{col}]");
            let cwhat = format!("{what} / {name}");
            match items.get(col) {
                Some(cell) => match self.count(cell, &cpath, &cwhat) {
                    Ok(Some(c)) if col < width => row.cells[col] = Some(c),
                    Ok(Some(c)) => row.printed_total = Some(c),
                    Ok(None) => {
                        empty.push(name);
                        first_empty.get_or_insert(cell.span);
                    }
                    Err(Reported) => {}
                },
                None if col < width && items.is_empty() => {
                    empty.push(name);
                }
                None => {}
            }
        }
        if !empty.is_empty() {
            let message = if empty.len() == width {
                format!("“{what}”整行为空（{width} 个单元格：{}）", empty.join("、"))
            } else {
                format!(
                    "“{what}”有 {} 个单元格为空：{}",
                    empty.len(),
                    empty.join("、")
                )
            };
            self.push(
                Diagnostic::new_at(
                    codes::CELL_EMPTY,
                    message,
                    first_empty.unwrap_or(item.span),
                    path,
                )
                .help("没有的请填 0"),
            );
        }
        row
    }

    // ----------------------------------------------------------------- 四 --

    fn table4(&mut self, item: &Item) -> Table4 {
        let mut table = Table4::empty();
        table.span = item.span;
        let Some(map) = self.map(item, top::TABLE4, top::TABLE4) else {
            return table;
        };
        let keys: Vec<&str> = official::T4_GROUPS.iter().map(|g| g.key).collect();
        self.unknown_keys(&map, &keys, None);
        for (i, group) in official::T4_GROUPS.iter().enumerate() {
            let path = map.child_path(group.key);
            match map.get(group.key) {
                Some((_, value)) => {
                    table.rows[i] = self.count_row(
                        value,
                        &official::T4_COLUMNS,
                        official::T4_INPUT_COLUMNS,
                        &path,
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

enum Lookup<'t> {
    Found(&'t Item),
    /// Missing; the span of the innermost mapping that exists.
    Missing(Span),
    /// A parent is not a mapping (already reported).
    Broken,
}

/// Why a cell's text is not a valid number.
#[derive(Debug, PartialEq, Eq)]
enum NumberProblem {
    Negative,
    Fraction,
    TooLarge,
    TooManyDecimals,
    NotANumber,
}

/// Longest agency name accepted: real ones are under 60 characters, and
/// the title layout is planned for names of this size.
pub const MAX_AGENCY_CHARS: usize = 64;

/// Longest one-line field (contact details, notes, paths).
const MAX_LINE_CHARS: usize = 500;

/// Largest count accepted: above it no figure of an agency's year is
/// plausible, and sums of a table's cells stay far from overflow.
pub const MAX_COUNT: u64 = 1_000_000_000;

/// Most digits after the point in an amount.
const MAX_DECIMALS: usize = 6;

fn parse_number(text: &str, kind: NumberKind) -> Result<Number, NumberProblem> {
    let t = text.trim();
    let negative = t.starts_with('-');
    let body = t.strip_prefix(['-', '+']).unwrap_or(t);
    if body.is_empty()
        || !body.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        || body.matches('.').count() > 1
    {
        return Err(NumberProblem::NotANumber);
    }
    let is_zero = body.bytes().all(|b| b == b'0' || b == b'.');
    match kind {
        NumberKind::Amount => {
            if negative && !is_zero {
                return Err(NumberProblem::Negative);
            }
            let (int, frac) = body.split_once('.').unwrap_or((body, ""));
            if frac.len() > MAX_DECIMALS {
                return Err(NumberProblem::TooManyDecimals);
            }
            if int.trim_start_matches('0').len() > 10 {
                return Err(NumberProblem::TooLarge);
            }
            Decimal::parse(body)
                .map(Number::Amount)
                .ok_or(NumberProblem::TooLarge)
        }
        NumberKind::Count | NumberKind::Signed => {
            if body.contains('.') {
                // 3.0 is still not how a count is written.
                return Err(NumberProblem::Fraction);
            }
            if kind == NumberKind::Count {
                if negative && !is_zero {
                    return Err(NumberProblem::Negative);
                }
                body.parse::<u64>()
                    .ok()
                    .filter(|&n| n <= MAX_COUNT)
                    .map(Number::Count)
                    .ok_or(NumberProblem::TooLarge)
            } else {
                t.parse::<i64>()
                    .ok()
                    .filter(|n| n.unsigned_abs() <= MAX_COUNT)
                    .map(Number::Signed)
                    .ok_or(NumberProblem::TooLarge)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_parse_by_kind() {
        assert_eq!(parse_number("12", NumberKind::Count), Ok(Number::Count(12)));
        assert_eq!(
            parse_number("-1", NumberKind::Count),
            Err(NumberProblem::Negative)
        );
        assert_eq!(
            parse_number("1.5", NumberKind::Count),
            Err(NumberProblem::Fraction)
        );
        assert_eq!(
            parse_number("-599", NumberKind::Signed),
            Ok(Number::Signed(-599))
        );
        assert_eq!(
            parse_number("18446744073709551616", NumberKind::Count),
            Err(NumberProblem::TooLarge)
        );
        assert_eq!(
            parse_number("abc", NumberKind::Count),
            Err(NumberProblem::NotANumber)
        );
        assert_eq!(
            parse_number("76.786078", NumberKind::Amount)
                .unwrap()
                .to_string(),
            "76.786078"
        );
    }
}

#[cfg(test)]
mod empty_tests {
    use crate::diag::codes;
    use crate::source::SourceFile;

    fn diagnostics(replace: &[(&str, &str)]) -> Vec<crate::diag::Diagnostic> {
        let mut text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/zibo-zhangdian-traffic-2024.yaml"
        ))
        .unwrap();
        for (from, to) in replace {
            assert!(text.contains(from), "{from}");
            text = text.replacen(from, to, 1);
        }
        crate::load::load_str(SourceFile::new("t.yaml", text)).diagnostics
    }

    #[test]
    fn empty_rows_give_one_diagnostic_each() {
        let d = diagnostics(&[
            ("规章: {本年制发: 0, 本年废止: 0, 现行有效: 0}", "规章: ~"),
            (
                "行政规范性文件: {本年制发: 0, 本年废止: 0, 现行有效: 0}",
                "行政规范性文件: {本年制发: ~, 本年废止: ~, 现行有效: ~}",
            ),
            ("本年新收: [6, 0, 0, 0, 0, 0, 6]", "本年新收: []"),
            ("上年结转: [1, 0, 0, 0, 0, 0, 1]", "上年结转: ~"),
            ("行政复议: [0, 0, 0, 0, 0]", "行政复议: [~, ~, ~, ~]"),
            (
                "收费通知件数: 0\n    收费通知金额: 0\n    实际收取金额: 0",
                "收费通知件数: ~\n    收费通知金额: ~\n    实际收取金额: ~",
            ),
        ]);
        let empty: Vec<_> = d.iter().filter(|d| d.code == codes::CELL_EMPTY).collect();
        assert_eq!(empty.len(), 6, "{d:#?}");
        assert_eq!(d.len(), 6, "{d:#?}");
        assert!(
            empty
                .iter()
                .any(|d| d.message.contains("信息处理费有 3 项为空"))
        );
        assert!(empty.iter().any(|d| d.message.contains("“规章”整行为空")));
    }

    #[test]
    fn narrative_with_headings_only_is_reported_once() {
        use crate::model::Edition;
        let mut r = crate::testutil::report(Edition::E2021);
        r.overview.value = "### （一）甲\n\n### （二）乙\n#### 1.丙\n".into();
        r.problems.value = "### （一）甲\n\n有正文。\n".into();
        let text = crate::write::data_file(&r, &crate::write::Notes::new());
        let d = crate::load::load_str(SourceFile::new("t.yaml", text)).diagnostics;
        assert_eq!(d.len(), 1, "{d:#?}");
        assert!(d[0].message.contains("只有小标题"));
        assert_eq!(d[0].path.as_deref(), Some("总体情况"));
    }
}
