//! Rows of counts, shared by sections 三 and 四: `[a, b, …]` with an
//! optional printed total.

use super::{Reader, Reported};
use crate::diag::{Diagnostic, codes};
use crate::load::tree::{Item, Node};
use crate::model::official::{self, T3Row};
use crate::model::{CountRow, Edition, path};
use crate::source::Span;

impl Reader<'_> {
    /// Reads a row of counts: `[a, b, …]` with the row's input cells and an
    /// optional printed total. `span` is where the row is (its value, or
    /// the mapping it belongs in).
    pub(super) fn count_row(
        &mut self,
        item: &Item,
        of: CountRowOf<'_>,
        what: &str,
        span: Span,
        ed: Edition,
    ) -> CountRow {
        let columns = of.columns();
        let width = of.width();
        let path = of.row_path();
        let path = path.as_str();
        let mut row = CountRow::empty(width);
        row.span = span;
        row.present = true;
        let Some(items) = self.count_items(item, of, what, ed) else {
            return row;
        };
        if items.iter().any(has_fullwidth_separator) {
            // `[6， 0, …]`: the full-width comma (PUNCT, reported with the
            // file's lines) glues two numbers into one piece of text, and
            // every later number sits one column early. Read none of them,
            // rather than check shifted columns.
            return row;
        }
        if items.len() > width + 1 || (!items.is_empty() && items.len() < width) {
            // Which value is missing or extra cannot be known: keep none of them.
            let mut d = Diagnostic::new_at(
                codes::ROW_LEN,
                format!(
                    "“{what}”应有 {width} 个数字（可再加第 {} 个：总计），这里有 {} 个",
                    width + 1,
                    items.len()
                ),
                item.span,
                path,
            )
            .note(format!("列的顺序：{}", columns.join("、")));
            if let Some((a, b)) = thousands_split(items) {
                d = d.help(format!(
                    "“{a},{b}”中的逗号把一个数分成了两个：数字中不加千位分隔符，写作 {a}{b}"
                ));
            }
            self.push(d);
            return row;
        }
        let mut empty = Vec::new();
        let mut first_empty = None;
        for (col, name) in columns.iter().enumerate().take(width + 1) {
            let name = *name;
            let cpath = of.cell_path(col);
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

    /// The values of a row of counts; a row that is empty or not a list is
    /// reported (None).
    fn count_items<'t>(
        &mut self,
        item: &'t Item,
        of: CountRowOf<'_>,
        what: &str,
        ed: Edition,
    ) -> Option<&'t [Item]> {
        let columns = of.columns();
        let width = of.width();
        let path = of.row_path();
        match &item.node {
            Node::Seq(items) => Some(items),
            Node::Null => {
                self.push(
                    Diagnostic::new_at(
                        codes::CELL_EMPTY,
                        format!("“{what}”整行为空（{} 个单元格）", width),
                        item.span,
                        path.clone(),
                    )
                    .help(format!("按顺序填写：[{}]", columns[..width].join(", "))),
                );
                None
            }
            Node::Map(_) if ed == Edition::E2019 && of.is_2019_other() => {
                self.push(
                    Diagnostic::new_at(
                        codes::TYPE,
                        "2019 版中“其他处理”是一行，应为列表",
                        item.span,
                        path.clone(),
                    )
                    .help("写成 其他处理: [0, 0, 0, 0, 0, 0]"),
                );
                None
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
                        path.clone(),
                    )
                    .help(format!("按顺序填写：[{}]", columns[..width].join(", "))),
                );
                None
            }
        }
    }
}

/// Which row a list of counts is: a section-三 row or a section-四 group.
#[derive(Debug, Clone, Copy)]
pub(super) enum CountRowOf<'d> {
    /// A row of section 三.
    Table3(&'d T3Row),
    /// A group of section 四.
    Table4(&'d official::T4Group),
}

impl CountRowOf<'_> {
    /// The columns, the printed total last.
    fn columns(self) -> &'static [&'static str] {
        match self {
            CountRowOf::Table3(_) => &official::T3_COLUMNS,
            CountRowOf::Table4(_) => &official::T4_COLUMNS,
        }
    }

    /// Number of input cells (without the total).
    fn width(self) -> usize {
        match self {
            CountRowOf::Table3(_) => official::T3_INPUT_COLUMNS,
            CountRowOf::Table4(_) => official::T4_INPUT_COLUMNS,
        }
    }

    fn row_path(self) -> String {
        match self {
            CountRowOf::Table3(def) => path::table3_row(def),
            CountRowOf::Table4(group) => path::table4_row(group),
        }
    }

    fn cell_path(self, col: usize) -> String {
        match self {
            CountRowOf::Table3(def) => path::table3_cell(def, col),
            CountRowOf::Table4(group) => path::table4_cell(group, col),
        }
    }

    /// Whether this is a 2019 result row that the 2021 format splits into
    /// a group of rows (（六）其他处理), so that a mapping of rows is the
    /// newer format's shape, not a typo.
    fn is_2019_other(self) -> bool {
        match self {
            CountRowOf::Table3(def) => {
                def.role == official::T3Role::Result
                    && def.keys.len() == 2
                    && official::t3_groups(Edition::E2021)
                        .iter()
                        .any(|g| g.key == def.keys[1])
            }
            CountRowOf::Table4(_) => false,
        }
    }
}

/// Whether a value of a row is text glued by a full-width comma or
/// enumeration mark (`6， 0`).
fn has_fullwidth_separator(item: &Item) -> bool {
    matches!(&item.node, Node::Scalar { text, .. } if text.contains(['，', '、', '；']))
}

/// Two neighbouring values that look like one number written with a
/// thousands separator (`901,337`: a comma and no space between them, and
/// three digits after it).
fn thousands_split(items: &[Item]) -> Option<(&str, &str)> {
    fn digits(item: &Item) -> Option<&str> {
        match &item.node {
            Node::Scalar { text, plain: true } if text.bytes().all(|b| b.is_ascii_digit()) => {
                Some(text.as_str())
            }
            _ => None,
        }
    }
    items.windows(2).find_map(|pair| {
        let (a, b) = (digits(&pair[0])?, digits(&pair[1])?);
        let adjacent = pair[1].span.offset == pair[0].span.offset + pair[0].span.len + 1;
        (adjacent && b.len() == 3 && (1..=3).contains(&a.len())).then_some((a, b))
    })
}
