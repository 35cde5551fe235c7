//! Tables in a narrative: a Markdown table (`| 项目 | 数量 |`) or rows
//! pasted from Word, WPS or a spreadsheet with Tabs between the cells. The
//! web page shows a Markdown table as a table, but the PDF and the Word
//! document print every row as a paragraph of text, so each table is named
//! once, at its first row.

use crate::diag::limit::Capped;
use crate::diag::{Diagnostic, codes};
use crate::model::Report;
use crate::source::SourceFile;

/// Checks the preface and the three narratives.
pub(super) fn check(report: &Report, file: &SourceFile, out: &mut Vec<Diagnostic>) {
    for (at, text) in report.narratives() {
        let mut capped = Capped::new();
        for table in tables(&text.value) {
            if !capped.room() {
                continue;
            }
            let nth = text
                .value
                .lines()
                .take(table.first)
                .filter(|l| *l == table.line)
                .count();
            let span = file.locate(text.span, table.line, nth);
            let (name, detail) = table.kind.name();
            let message = format!(
                "正文中有一张{name}（{} 行{detail}），PDF 和 Word 文档中每行印成一段文字，不排成表格",
                table.rows
            );
            out.push(
                Diagnostic::new_at(codes::TEXT_TABLE, message, span, at)
                    .label("表格的第一行")
                    .help(
                        "年度报告的表格只有规定的三张，由 nianbao 按数据印出；\
                         请把这张表的内容改写成文字，或作为附件在网站上另行发布",
                    ),
            );
        }
        out.extend(capped.rest(codes::TEXT_TABLE, text.span, at));
    }
}

/// How a table was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `| 项目 | 数量 |` with a `| --- | --- |` row under its head.
    Markdown,
    /// Cells apart by Tabs, as pasted from Word, WPS or a spreadsheet.
    Pasted,
}

impl Kind {
    /// What the finding calls it, and what it says of its cells.
    fn name(self) -> (&'static str, &'static str) {
        match self {
            Kind::Markdown => ("表格", ""),
            Kind::Pasted => ("粘贴来的表格", "，各格之间是制表符"),
        }
    }
}

/// A table found in a narrative.
#[derive(Debug, PartialEq, Eq)]
struct Table<'a> {
    kind: Kind,
    /// Index of its first line.
    first: usize,
    /// The first line, as written.
    line: &'a str,
    /// Its rows (a Markdown table's delimiter row not counted).
    rows: usize,
}

/// The tables of `text`, in order: runs of Markdown table lines with a
/// delimiter row second, and runs of lines with a Tab between two words
/// (two lines at least, or one with two Tabs: a Tab or two typed inside
/// a sentence is no table).
fn tables(text: &str) -> Vec<Table<'_>> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let kind_of = |l: &str| {
            if is_markdown_row(l) {
                Some(Kind::Markdown)
            } else if is_pasted_row(l) {
                Some(Kind::Pasted)
            } else {
                None
            }
        };
        let Some(kind) = kind_of(lines[i]) else {
            i += 1;
            continue;
        };
        let mut e = i + 1;
        while e < lines.len() && kind_of(lines[e]) == Some(kind) {
            e += 1;
        }
        let run = &lines[i..e];
        let table = match kind {
            Kind::Markdown => run.len() >= 2 && is_delimiter_row(run[1]),
            Kind::Pasted => run.len() >= 2 || run[0].matches('\t').count() >= 2,
        };
        if table {
            let delimiter = usize::from(kind == Kind::Markdown);
            out.push(Table {
                kind,
                first: i,
                line: lines[i],
                rows: run.len() - delimiter,
            });
        }
        i = e;
    }
    out
}

/// A line of a Markdown table: it starts with `|` (after indentation).
fn is_markdown_row(line: &str) -> bool {
    line.trim_start().starts_with('|')
}

/// A Markdown table's delimiter row: `| --- | :---: |`.
fn is_delimiter_row(line: &str) -> bool {
    let cells: Vec<&str> = line.trim().trim_matches('|').split('|').collect();
    cells.iter().all(|c| {
        let c = c.trim().trim_start_matches(':').trim_end_matches(':');
        !c.is_empty() && c.chars().all(|ch| ch == '-')
    })
}

/// A row pasted with Tabs: a Tab between two pieces of text (Tabs typed
/// for indentation before the text do not count).
fn is_pasted_row(line: &str) -> bool {
    let content = line.trim_start_matches([' ', '\t', '\u{3000}']).trim_end();
    content.contains('\t')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_and_pasted_tables_are_found_once_each() {
        let text = "前文。\n| 项目 | 数量 |\n| :--- | ---: |\n| 培训 | 3次 |\n后文。\n\
                    类别\t数量\n网站\t1,234条\n微信\t456条\n结尾。\n";
        let found = tables(text);
        assert_eq!(
            found,
            [
                Table {
                    kind: Kind::Markdown,
                    first: 1,
                    line: "| 项目 | 数量 |",
                    rows: 2
                },
                Table {
                    kind: Kind::Pasted,
                    first: 5,
                    line: "类别\t数量",
                    rows: 3
                },
            ]
        );
    }

    #[test]
    fn pipes_tabs_and_indentation_in_prose_are_no_table() {
        for text in [
            "| 这一行以竖线开头，下面没有分隔行。\n正文。",
            "\t首行缩进用了制表符。\n\t第二段也是。",
            "一句话中间\t误敲了一个制表符。",
            "",
        ] {
            assert!(tables(text).is_empty(), "{text:?}");
        }
        // One pasted row of three cells is a table.
        assert_eq!(tables("类别\t数量\t备注").len(), 1);
    }
}
