//! Reading the typed fields of a report out of the YAML tree: the reader
//! and the top level here, one module per table, section 六 in [`other`],
//! scalar values (text, numbers) in [`values`].

mod carried;
mod other;
mod rows;
mod table2;
mod table3;
mod table4;
mod values;

pub use values::{MAX_AGENCY_CHARS, MAX_COUNT};

use super::suggest;
use super::tree::{Item, Key, Node};
use crate::diag::{Diagnostic, codes, excerpt};
use crate::model::agency::{Basis, Kind};
use crate::model::path;
use crate::model::schema::{contact, top};
use crate::model::{Contact, Date, Edition, Located, Report, Table2, Table3, Table4};
use crate::source::Span;
use values::MAX_LINE_CHARS;

/// A value was wrong and a diagnostic saying so has been pushed: the
/// caller has nothing to add.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Reported;

/// Explains an unknown key better than a spelling suggestion can.
type KeyHint<'h> = dyn Fn(&str) -> Option<String> + 'h;

struct Reader<'a> {
    diags: &'a mut Vec<Diagnostic>,
    /// Data paths of missing keys an unknown key was taken for (`不予处里`
    /// for `不予处理`): the misspelling is the one finding, not also the
    /// missing key.
    misspelt: Vec<String>,
}

/// Reads the whole report; `None` when the document is not a mapping.
pub(crate) fn read_report(root: &Item, diags: &mut Vec<Diagnostic>) -> Option<Report> {
    let mut r = Reader {
        diags,
        misspelt: Vec::new(),
    };
    let report = r.report(root);
    let misspelt = std::mem::take(&mut r.misspelt);
    diags.retain(|d| {
        d.code != codes::KEY_MISSING
            || !d
                .path
                .as_deref()
                .is_some_and(|p| misspelt.iter().any(|m| is_within(p, m)))
    });
    report
}

/// Whether data path `p` is `of` or lies under it.
fn is_within(p: &str, of: &str) -> bool {
    p.strip_prefix(of)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
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

    /// The top-level field `key` as a mapping (see `map`).
    fn field_map<'t>(&mut self, item: &'t Item, key: &str) -> Option<Map<'t>> {
        self.map(item, &path::field(key), key)
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
                self.wrong_kind(item, path, what, "映射（键: 值）");
                None
            }
        }
    }

    /// Reports (CELL_EMPTY) that the figure `item` is left empty.
    fn empty_cell(&mut self, item: &Item, path: &str, what: &str) {
        self.push(Diagnostic::new_at(
            codes::CELL_EMPTY,
            format!("{what}为空，没有的请填 0"),
            item.span,
            path,
        ));
    }

    /// Reports (TYPE) that `item` is not the `expected` kind of value.
    fn wrong_kind(&mut self, item: &Item, path: &str, what: &str, expected: &str) {
        self.push(Diagnostic::new_at(
            codes::TYPE,
            format!("{what}应为{expected}，这里是{}", item.kind_name()),
            item.span,
            path,
        ));
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
                if map.get(s).is_none() {
                    // The key meant is missing: this is its one finding.
                    d.message = format!("未知的键“{}”（{place}），是不是“{s}”？", k.text);
                    self.misspelt.push(map.child_path(s));
                }
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

    // -----------------------------------------------------------------------

    fn report(&mut self, root: &Item) -> Option<Report> {
        let top = self.top_map(root)?;
        self.unknown_keys(&top, &top::ALL, None);
        let year = self.year(&top);
        let edition = self.edition(&top, year.as_ref());
        let ed = edition.value;
        let agency = self.agency(&top);
        let date = self.date(&top, year.as_ref().map(|y| y.value));
        let contact = self.contact(&top);

        let preface = self.markdown(&top, top::PREFACE, top::PREFACE, false);
        let previous = self.optional_line(&top, top::PREVIOUS);
        let former_names = self.optional_line(&top, top::FORMER_NAMES);
        let kind = self.agency_kind(&top);
        let carried = self.carried(&top);
        let carried_figures = self.carried_figures(&top);
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
        let other = self.other(&top, ed);

        Some(Report {
            edition,
            agency: agency.unwrap_or_else(|| Located::new(String::new(), top.span)),
            year: year.unwrap_or_else(|| Located::new(0, top.span)),
            date,
            contact,
            preface,
            previous,
            former_names,
            kind,
            carried,
            carried_figures,
            overview,
            table2,
            table3,
            table4,
            problems,
            fee: other.fee,
            other: other.body,
            other_span: other.span,
        })
    }

    /// The optional one-line top-level field `key` (see `line_value`):
    /// None when it is absent or left empty.
    fn optional_line(&mut self, top: &Map<'_>, key: &str) -> Option<Located<String>> {
        let (_, item) = top.get(key)?;
        if matches!(item.node, Node::Null) {
            return None;
        }
        self.line_value(item, &path::field(key), key, MAX_LINE_CHARS)
    }

    /// The document as the top-level mapping; an empty document or one that
    /// is not a mapping is reported.
    fn top_map<'t>(&mut self, root: &'t Item) -> Option<Map<'t>> {
        match &root.node {
            Node::Map(_) => self.map(root, "", "数据文件"),
            Node::Null => {
                self.push(
                    Diagnostic::new(codes::YAML, "数据文件是空的")
                        .at(Span::at(1, 1))
                        .help("用 `nianbao new --year 年度 --agency 机关` 生成一个空白数据文件"),
                );
                None
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
                None
            }
        }
    }

    /// 机关类型 (optional): `政府` or `部门` (or a synonym,
    /// `agency::Kind::parse`); any other value is a TYPE error naming the
    /// words accepted, and the kind is then taken from the name.
    fn agency_kind(&mut self, top: &Map<'_>) -> Option<(Located<Kind>, Basis)> {
        let value = self.optional_line(top, top::KIND)?;
        match Kind::parse(&value.value) {
            Some(kind) => Some((Located::new(kind, value.span), Basis::File)),
            None => {
                self.push(
                    Diagnostic::new_at(
                        codes::TYPE,
                        format!(
                            "机关类型写的是“{}”，只能写“政府”或“部门”",
                            excerpt(value.value.trim())
                        ),
                        value.span,
                        path::field(top::KIND),
                    )
                    .help(
                        "人民政府、政府办公厅（室）和开发区管委会写“机关类型: 政府”，其他机关写“机关类型: 部门”；\
                         不写这一项时按机关名称判断",
                    ),
                );
                None
            }
        }
    }

    /// 年度; an impossible year is reported and treated as missing (0), so
    /// that no rule runs on a made-up year.
    fn year(&mut self, top: &Map<'_>) -> Option<Located<i32>> {
        let at = path::field(top::YEAR);
        let year = self
            .required(top, top::YEAR, "报告年度")
            .and_then(|i| self.integer(i, &at, top::YEAR))?;
        let valid = (1900..=9999).contains(&year.value);
        if !valid {
            self.push(Diagnostic::new_at(
                codes::TYPE,
                format!("年度 {} 不是有效的年份", year.value),
                year.span,
                at,
            ));
        }
        Some(Located::new(
            if valid { year.value as i32 } else { 0 },
            year.span,
        ))
    }

    /// 机关: one line, not empty.
    fn agency(&mut self, top: &Map<'_>) -> Option<Located<String>> {
        let at = path::field(top::AGENCY);
        let agency = self
            .required(top, top::AGENCY, "报告机关名称")
            .and_then(|i| self.line_value(i, &at, "机关名称", MAX_AGENCY_CHARS))?;
        if agency.value.trim().is_empty() {
            self.push(Diagnostic::new_at(
                codes::KEY_MISSING,
                "机关名称为空",
                agency.span,
                at,
            ));
        }
        Some(agency)
    }

    /// 成文日期, as `YYYY-MM-DD` or as a clerk writes it (`2026年1月10日`);
    /// the hint's example is a date valid for the report `year`.
    fn date(&mut self, top: &Map<'_>, year: Option<i32>) -> Option<Located<Date>> {
        let at = path::field(top::DATE);
        let item = self.required(top, top::DATE, "落款日期")?;
        let t = self.text_value(item, &at, top::DATE)?;
        if let Some(d) = Date::parse(&t.value) {
            return Some(Located::new(d, t.span));
        }
        self.push(
            Diagnostic::new_at(
                codes::DATE,
                format!("成文日期“{}”不是有效日期", excerpt(&t.value)),
                t.span,
                at,
            )
            .help(format!(
                "{}写成年月日，例如 {}",
                if super::lookalike::fullwidth_quoted(&t.value).is_some() {
                    "去掉两边的全角引号，"
                } else {
                    ""
                },
                Date::example(year)
            )),
        );
        None
    }

    /// 联系方式: each field optional, one line each.
    fn contact(&mut self, top: &Map<'_>) -> Contact {
        let Some((_, item)) = top.get(top::CONTACT) else {
            return Contact::default();
        };
        let Some(map) = self.field_map(item, top::CONTACT) else {
            return Contact::default();
        };
        self.unknown_keys(&map, &contact::ALL, None);
        let mut field = |key: &str| {
            map.get(key).and_then(|(_, i)| {
                if matches!(i.node, Node::Null) {
                    return None;
                }
                self.line_value(i, &path::contact(key), key, MAX_LINE_CHARS)
            })
        };
        Contact {
            // Full-width digits print half-width, as GB/T 9704 writes figures.
            address: field(contact::ADDRESS).map(half_width_digits),
            postcode: field(contact::POSTCODE).map(half_width_digits),
            phone: field(contact::PHONE).map(half_width_digits),
            email: field(contact::EMAIL).map(half_width_digits),
        }
    }

    fn edition(&mut self, top: &Map<'_>, year: Option<&Located<i32>>) -> Located<Edition> {
        let fallback = || Edition::for_year(year.map_or(2021, |y| y.value as i64));
        let Some(item) = self.required(top, top::EDITION, "格式版本：2021 或 2019") else {
            return Located::new(fallback(), top.span);
        };
        match self.integer(item, &path::field(top::EDITION), top::EDITION) {
            Some(n) => match Edition::from_year(n.value) {
                Some(e) => Located::new(e, n.span),
                None => {
                    self.push(Diagnostic::new_at(
                        codes::EDITION,
                        format!("格式应为 2021 或 2019，这里是 {}", n.value),
                        n.span,
                        path::field(top::EDITION),
                    ));
                    Located::new(fallback(), n.span)
                }
            },
            None => Located::new(fallback(), item.span),
        }
    }
}

/// A postcode or telephone number with its full-width digits and dashes
/// (`０５３３－１２３４５６７`) written half-width, as printed.
fn half_width_digits(mut field: Located<String>) -> Located<String> {
    if field.value.chars().any(|c| matches!(c, '０'..='９' | '－')) {
        field.value = field
            .value
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
                '－' => '-',
                c => c,
            })
            .collect();
    }
    field
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

    #[test]
    fn contact_digits_typed_full_width_are_read_half_width() {
        use crate::model::Edition;
        let mut r = crate::testutil::report(Edition::E2021);
        r.contact.address = Some(crate::model::Located::new(
            "张店区人民西路１２号".to_string(),
            Default::default(),
        ));
        r.contact.email = Some(crate::model::Located::new(
            "xxgk１２@zibo.gov.cn".to_string(),
            Default::default(),
        ));
        let text = crate::write::data_file(&r, &crate::write::Notes::new());
        let loaded = crate::load::load_str(SourceFile::new("t.yaml", text));
        let c = loaded.report.unwrap().contact;
        assert_eq!(c.address.unwrap().value, "张店区人民西路12号");
        assert_eq!(c.email.unwrap().value, "xxgk12@zibo.gov.cn");
    }
}
