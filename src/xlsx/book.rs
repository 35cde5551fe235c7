//! A report as a workbook to fill: one sheet per official table laid out
//! like it (the [grid](crate::grid): merged labels, columns in order),
//! labels and totals locked, the cells to fill unlocked and validated, the
//! totals as formulas with their values, a sheet of the report's details
//! and fee figures, one of the narrative sections, and the instructions.

use super::cell::a1;
use super::sheet::{Rule, Sheet, Value};
use super::styles::Style;
use super::{NOTE_HEADER, SHEET_GUIDE, SHEET_INFO, SHEET_T2, SHEET_T3, SHEET_T4, SHEET_TEXT};
use crate::grid::{self, CellKind, Grid};
use crate::model::official::{self, NumberKind, T3Role};
use crate::model::path::{self, Target};
use crate::model::report::Count;
use crate::model::{CountRow, Edition, Number, Report};

/// Row of the sheet where a table's grid starts (below its heading).
pub(super) const TABLE_TOP: u32 = 2;
/// Most characters put in one cell (Excel holds 32,767); a longer narrative
/// runs on into the cells to its right.
pub(super) const CELL_CHARS: usize = 30_000;

/// The sheets of the workbook for `report`, in order.
pub(super) fn sheets(report: &Report) -> Vec<Sheet> {
    let [t2, t3, t4] = grid::tables(report);
    vec![
        guide(report),
        info(report),
        table2(report, &t2),
        table3(report, &t3),
        table4(report, &t4),
        narrative(report),
    ]
}

fn heading(sheet: &mut Sheet, text: &str) {
    sheet.set(0, 0, Value::Text(text.to_string()), Style::Heading);
    sheet.height(0, 24.0);
}

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

/// The instructions sheet.
fn guide(report: &Report) -> Sheet {
    let mut s = Sheet::new(SHEET_GUIDE);
    heading(&mut s, &format!("{}填写说明", report.title()));
    s.width(0, 110.0);
    let lines = [
        format!(
            "本工作簿由 nianbao 生成，用于收集和填写年报数据（{} 版格式）。填好后保存，放在年报工作台的文件夹里，\
             双击 nianbao 打开工作台：工作台会检查这个工作簿、指出要改的格，并生成 PDF 和 Word 报告。",
            report.edition()
        ),
        format!(
            "“{SHEET_INFO}”表：机关、机关类型、年度、成文日期、联系方式和信息处理费。“{SHEET_T2}”“{SHEET_T3}”“{SHEET_T4}”三张表与官方表格一一对应；\
             “{SHEET_TEXT}”表：各部分的文字，每部分一个单元格。"
        ),
        "浅黄色单元格是要填写的，其余单元格（标签、灰色的总计）已锁定，防止误改；需要时可在“审阅”中撤销工作表保护（没有密码）。".to_string(),
        "数字只填阿拉伯数字：件数是不小于 0 的整数，没有的填 0，不要留空；金额以万元为单位，最多 6 位小数。填错时表格会提示。".to_string(),
        "总计列和“（七）总计”行是公式，自动合计，不必填写；检查时按各项之和重新核对。\
         总计格被改成手填的数字时，检查会把它与各项之和比较：不一致时，把总计格恢复为公式或清空即可。".to_string(),
        "读取时按标签找行和列：可以插入空行、调整工作表顺序、另存为（WPS、LibreOffice 均可），但不要改动标签文字。".to_string(),
        format!("“{SHEET_T2}”中一个数字可以带一条注，写在同一行的“注”列，或照报告的写法写在数字后的括号内（如“35（含简易程序20件）”），生成报告时印在数字后的括号内。"),
        format!("正文按段落填写：小标题如“（一）主动公开”单独占一行，会印成小标题；没有编号的小标题写成“{}加强领导”单独一行；空一行为分段。单元格内换行按 Alt+Enter（WPS、Excel）或 Ctrl+Enter（LibreOffice）。", super::headings::UNNUMBERED),
        "空着的单元格算作“未填写”，检查时会逐一列出；没有的请填 0。".to_string(),
    ];
    for (i, line) in lines.iter().enumerate() {
        let row = 2 + i as u32;
        s.set(
            row,
            0,
            Value::Text(format!("{}. {line}", i + 1)),
            Style::Guide,
        );
        s.height(row, 36.0);
    }
    s
}

/// A row of the details sheet: label, value, style, validation rule, help.
type InfoRow<'a> = (&'a str, Value, Style, Option<Rule>, &'a str);

/// The details sheet: one row per field, label in A, value in B, help in C.
fn info(report: &Report) -> Sheet {
    use crate::model::schema::{contact, top};
    let mut s = Sheet::new(SHEET_INFO);
    heading(&mut s, "基本信息");
    for (col, (label, width)) in [("项目", 16.0), ("填写内容", 40.0), ("说明", 60.0)]
        .into_iter()
        .enumerate()
    {
        s.set(1, col as u32, text(label), Style::Header);
        s.width(col as u32, width);
    }
    let c = &report.contact;
    let opt = |v: &Option<crate::model::Located<String>>| {
        v.as_ref().map_or(Value::Blank, |v| text(&v.value))
    };
    let year = match report.year.value {
        0 => Value::Blank,
        y => Value::Number(y.to_string()),
    };
    let date = report
        .date
        .as_ref()
        .map_or(Value::Blank, |d| text(&d.value.iso()));
    let previous = report
        .previous
        .as_ref()
        .map_or(Value::Blank, |p| text(&p.value));
    // What the agency is declared to be: the file's word, not a roster's.
    let kind = match &report.kind {
        Some((k, crate::model::agency::Basis::File)) => text(k.value.word()),
        _ => Value::Blank,
    };
    let mut rows: Vec<InfoRow<'_>> = vec![
        (
            top::EDITION,
            Value::Number(report.edition().year().to_string()),
            Style::Figure,
            Some(Rule::Edition),
            "2021 年度起为 2021 版",
        ),
        (
            top::AGENCY,
            text(&report.agency.value),
            Style::Entry,
            None,
            "按落款填写，如“某市某局”",
        ),
        (
            top::KIND,
            kind,
            Style::Entry,
            None,
            "机关类型：政府 或 部门，决定成文期限和是否要写考核结果；不填时按机关名称判断（以“人民政府”“管委会”等结尾的为政府）",
        ),
        (
            top::YEAR,
            year,
            Style::Figure,
            Some(Rule::Year),
            "报告年度，四位数字",
        ),
        (
            top::DATE,
            date,
            Style::Entry,
            None,
            "落款日期，如 2026-01-20 或 2026年1月20日",
        ),
        (
            contact::ADDRESS,
            opt(&c.address),
            Style::Entry,
            None,
            "联系方式印在前言中，各项都可不填",
        ),
        (contact::POSTCODE, opt(&c.postcode), Style::Entry, None, ""),
        (contact::PHONE, opt(&c.phone), Style::Entry, None, ""),
        (contact::EMAIL, opt(&c.email), Style::Entry, None, ""),
        (
            top::PREVIOUS,
            previous,
            Style::Entry,
            None,
            "上年的数据文件（相对于本文件），用于跨年度检查；可不填",
        ),
    ];
    rows.extend(fee_rows(report));
    for (i, (label, value, style, rule, help)) in rows.into_iter().enumerate() {
        let row = 2 + i as u32;
        s.set(row, 0, text(label), Style::Label);
        s.set(row, 1, value, style);
        s.set(row, 2, text(help), Style::Label);
        if let Some(rule) = rule {
            s.validate(row, 1, rule);
        }
    }
    s
}

/// The three fee rows of the details sheet, when the format asks for them
/// or the report has them.
fn fee_rows(report: &Report) -> Vec<InfoRow<'static>> {
    use crate::model::schema::fee;
    let mut rows = Vec::new();
    if report.edition() == Edition::E2021 || report.fee.is_some() {
        let f = report.fee.clone().unwrap_or_default();
        let count = f
            .notices
            .map_or(Value::Blank, |n| Value::Number(n.value.to_string()));
        let amount = |a: Option<crate::model::Located<crate::model::Decimal>>| {
            a.map_or(Value::Blank, |a| Value::Number(a.value.to_string()))
        };
        rows.push((
            fee::NOTICES,
            count,
            Style::Figure,
            Some(Rule::Count),
            "信息处理费：收费通知件数，没有的填 0",
        ));
        rows.push((
            fee::NOTICE_AMOUNT,
            amount(f.notice_amount),
            Style::Figure,
            Some(Rule::Amount),
            "信息处理费：收费通知金额，单位万元",
        ));
        rows.push((
            fee::COLLECTED,
            amount(f.collected),
            Style::Figure,
            Some(Rule::Amount),
            "信息处理费：实际收取金额，单位万元",
        ));
    }
    rows
}

/// Places the header, title and label cells of `g` on `s` at [`TABLE_TOP`];
/// a title cell is widened to `width` columns.
fn labels(s: &mut Sheet, g: &Grid, width: usize) {
    for c in g.cells.iter().filter(|c| c.kind != CellKind::Data) {
        let style = match c.kind {
            CellKind::Label => Style::Label,
            _ => Style::Header,
        };
        let cols = if c.kind == CellKind::Title {
            width
        } else {
            c.colspan
        };
        s.set_merged(
            (TABLE_TOP + c.row as u32, c.col as u32),
            (c.rowspan as u32, cols as u32),
            text(&c.text),
            style,
        );
    }
}

/// A figure cell to fill.
fn figure(s: &mut Sheet, at: (u32, u32), span: u32, value: Value, rule: Rule) {
    s.set_merged(at, (1, span), value, Style::Figure);
    s.validate(at.0, at.1, rule);
}

fn number(n: &Number) -> Value {
    Value::Number(n.to_string())
}

/// Section 二, with a 注 column per figure column.
fn table2(report: &Report, g: &Grid) -> Sheet {
    let ed = report.edition();
    let mut s = Sheet::new(SHEET_T2);
    heading(&mut s, official::SECTION_HEADINGS[1]);
    let notes = g.columns as u32;
    labels(&mut s, g, g.columns + 3);
    s.width(0, 24.0);
    for col in 1..notes {
        s.width(col, 16.0);
        s.width(notes + col - 1, 18.0);
    }
    for c in &g.cells {
        let row = TABLE_TOP + c.row as u32;
        if c.kind == CellKind::Header && c.col == 0 {
            s.set_merged((row, notes), (1, 3), text(NOTE_HEADER), Style::Header);
        }
        let Some(Target::Table2 { row: key, cell }) =
            c.path.as_deref().and_then(|p| path::resolve(ed, p))
        else {
            continue;
        };
        let (gi, ri, def) = official::t2_groups(ed)
            .iter()
            .enumerate()
            .find_map(|(gi, grp)| {
                grp.rows
                    .iter()
                    .position(|r| r.key == key)
                    .map(|ri| (gi, ri, &grp.rows[ri]))
            })
            .expect("a path of the grid names a row of the edition");
        let ci = def
            .cells
            .iter()
            .position(|x| x.key == cell)
            .expect("a cell of the row");
        let value = report.table2.at(gi, ri, ci);
        let rule = match def.cells[ci].kind {
            NumberKind::Count => Rule::Count,
            NumberKind::Signed => Rule::Signed,
            NumberKind::Amount => Rule::Amount,
        };
        let span = c.colspan as u32;
        figure(
            &mut s,
            (row, c.col as u32),
            span,
            value.map_or(Value::Blank, |v| number(&v.number.value)),
            rule,
        );
        let note = value
            .and_then(|v| v.note.as_deref())
            .map_or(Value::Blank, text);
        s.set_merged(
            (row, notes + c.col as u32 - 1),
            (1, span),
            note,
            Style::Entry,
        );
    }
    s.landscape();
    s
}

/// A count cell's value.
fn count(c: Option<&Count>) -> Value {
    c.map_or(Value::Blank, |c| Value::Number(c.value.to_string()))
}

/// A row's total at `at`: the written figure when the data has one (kept
/// as typed, so the rules compare it), else a formula summing the row's
/// cells from column `first` to the one before the total, with its value
/// now.
fn total(s: &mut Sheet, at: (u32, u32), first: u32, printed: Option<&Count>, cached: Option<u64>) {
    let (row, col) = at;
    match printed {
        Some(p) => figure(s, at, 1, Value::Number(p.value.to_string()), Rule::Count),
        None => s.set(
            row,
            col,
            Value::Formula {
                formula: format!("SUM({}:{})", a1(row, first), a1(row, col - 1)),
                cached: cached.unwrap_or(0).to_string(),
            },
            Style::Total,
        ),
    }
}

/// Sum of the cells that are filled (what a spreadsheet's SUM gives).
fn filled_sum(row: &CountRow) -> u64 {
    row.cells
        .iter()
        .flatten()
        .fold(0u64, |a, c| a.saturating_add(c.value))
}

/// Section 三: totals by row (总计 column) and by column (（七）总计 row).
fn table3(report: &Report, g: &Grid) -> Sheet {
    let ed = report.edition();
    let defs = official::t3_rows(ed);
    let mut s = Sheet::new(SHEET_T3);
    heading(&mut s, official::SECTION_HEADINGS[2]);
    labels(&mut s, g, g.columns);
    for (col, width) in [(0, 8.0), (1, 12.0), (2, 34.0)] {
        s.width(col, width);
    }
    let first_col = g.label_columns as u32;
    let total_col = first_col + official::T3_INPUT_COLUMNS as u32;
    for col in first_col..=total_col {
        s.width(col, 11.0);
    }
    let top = TABLE_TOP + g.header_rows as u32;
    let first_result = top + official::t3_index(ed, T3Role::Result) as u32;
    for (i, def) in defs.iter().enumerate() {
        let row = top + i as u32;
        let data = &report.table3.rows[i];
        let computed = def.role == T3Role::ResultTotal && !data.present;
        for ci in 0..official::T3_INPUT_COLUMNS {
            let col = first_col + ci as u32;
            if computed {
                let letter = super::cell::column_name(col);
                let cached = report.table3.results_sum(ed, ci).unwrap_or(0);
                s.set(
                    row,
                    col,
                    Value::Formula {
                        formula: format!("SUM({letter}{}:{letter}{})", first_result + 1, row),
                        cached: cached.to_string(),
                    },
                    Style::Total,
                );
            } else {
                figure(
                    &mut s,
                    (row, col),
                    1,
                    count(data.cells[ci].as_ref()),
                    Rule::Count,
                );
            }
        }
        let cached = if computed {
            Some(
                (0..official::T3_INPUT_COLUMNS)
                    .filter_map(|c| report.table3.results_sum(ed, c))
                    .sum(),
            )
        } else {
            Some(filled_sum(data))
        };
        total(
            &mut s,
            (row, total_col),
            first_col,
            data.printed_total.as_ref(),
            cached,
        );
    }
    s.landscape();
    s
}

/// Section 四: one row of three groups, each with its 总计.
fn table4(report: &Report, g: &Grid) -> Sheet {
    let mut s = Sheet::new(SHEET_T4);
    heading(&mut s, official::SECTION_HEADINGS[3]);
    labels(&mut s, g, g.columns);
    let row = TABLE_TOP + g.header_rows as u32;
    let width = official::T4_COLUMNS.len() as u32;
    for (gi, data) in report.table4.rows.iter().enumerate() {
        let first = gi as u32 * width;
        for ci in 0..official::T4_INPUT_COLUMNS {
            figure(
                &mut s,
                (row, first + ci as u32),
                1,
                count(data.cells[ci].as_ref()),
                Rule::Count,
            );
        }
        let last = first + official::T4_INPUT_COLUMNS as u32;
        total(
            &mut s,
            (row, last),
            first,
            data.printed_total.as_ref(),
            Some(filled_sum(data)),
        );
    }
    for col in 0..width * 3 {
        s.width(col, 9.0);
    }
    s.landscape();
    s
}

/// The narrative label of each section on the text sheet, with the report's text.
pub(super) fn narrative_rows(report: &Report) -> [(&'static str, Option<&str>); 4] {
    [
        (
            super::LABEL_PREFACE,
            report.preface.as_ref().map(|t| t.value.as_str()),
        ),
        (
            official::SECTION_HEADINGS[0],
            Some(report.overview.value.as_str()),
        ),
        (
            official::SECTION_HEADINGS[4],
            Some(report.problems.value.as_str()),
        ),
        (
            official::SECTION_HEADINGS[5],
            Some(report.other.value.as_str()),
        ),
    ]
}

/// The narrative sheet: one row per section, the Markdown in column B.
fn narrative(report: &Report) -> Sheet {
    let mut s = Sheet::new(SHEET_TEXT);
    heading(&mut s, "正文");
    s.set(1, 0, text("部分"), Style::Header);
    s.set(1, 1, text(super::TEXT_HEADER), Style::Header);
    s.width(0, 22.0);
    s.width(1, 100.0);
    for (i, (label, body)) in narrative_rows(report).into_iter().enumerate() {
        let row = 2 + i as u32;
        s.set(row, 0, text(label), Style::Label);
        s.height(row, 300.0);
        let body = super::headings::shown(body.unwrap_or(""));
        let chunks = chunks(&body);
        for (j, chunk) in chunks.iter().enumerate() {
            s.set(row, 1 + j as u32, text(chunk), Style::Narrative);
        }
    }
    s
}

/// `text` cut into pieces of at most [`CELL_CHARS`] characters (one piece,
/// possibly empty, for a short text).
fn chunks(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    if chars.is_empty() {
        return vec![String::new()];
    }
    chars
        .chunks(CELL_CHARS)
        .map(|c| c.iter().collect())
        .collect()
}
