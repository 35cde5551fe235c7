//! Writing a report as a data file (DATA-FORMAT.md), laid out like the files
//! in `examples/`: Chinese comments, one line per table row, narrative text as
//! literal block scalars.
//!
//! The text is built line by line, never by serialising a struct, so that the
//! layout is the one a clerk expects and comments can be placed anywhere. Every
//! key and label comes from [`official`]. Loading what [`data_file`] writes
//! gives back exactly the values of the report (empty cells stay empty: they
//! are written as `~`, so that `nianbao check` reports them).

use crate::model::path;
use crate::model::schema::{fee, other, top};
use crate::slice::Slice;
use std::collections::BTreeMap;

use crate::model::official::{self, T2Row, T3Role};
use crate::model::report::{Count, T2Value};
use crate::model::{CountRow, Edition, Report, Text};

/// Comments to place in a written data file.
///
/// Paths are the data file's own dotted key paths: `成文日期`,
/// `主动公开.规章`, `依申请公开.办理结果.不予公开`,
/// `依申请公开.办理结果.不予公开.属于国家秘密`, `复议诉讼.行政复议`,
/// `其他事项.信息处理费.收费通知件数`, `其他事项.正文`, …
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Notes {
    /// Comment text at the top of the file (may span several lines).
    pub header: Vec<String>,
    /// Comment text placed directly above the key at a data path. Comments for
    /// the optional top-level keys `前言` and `上年数据` are written at their
    /// place even when the key itself is not (a commented-out hint).
    pub above: BTreeMap<String, Vec<String>>,
}

impl Notes {
    /// No comments at all.
    pub fn new() -> Notes {
        Notes::default()
    }

    /// Adds comment text at the top of the file; `text` may contain newlines.
    pub fn header(&mut self, text: impl Into<String>) -> &mut Notes {
        self.header.push(text.into());
        self
    }

    /// Adds comment text above the key at `path`; `text` may contain newlines.
    pub fn above(&mut self, path: impl Into<String>, text: impl Into<String>) -> &mut Notes {
        self.above.entry(path.into()).or_default().push(text.into());
        self
    }
}

/// The complete data file for `report`, with `notes` as comments.
///
/// Layout: the keys in DATA-FORMAT.md order; empty cells as `~`; section 二
/// rows as a scalar (single-number rows), `{数量: n, 注: …}` (a cell with a
/// note) or a flow map with the official cell keys; section 三 and 四 rows as
/// flow lists, with the printed total as the last number when it was written;
/// narrative text as `|` block scalars. The result total row
/// `依申请公开.办理结果.总计` is written only when the report has it.
pub fn data_file(report: &Report, notes: &Notes) -> String {
    let mut w = Writer {
        out: String::new(),
        notes,
    };
    w.report(report);
    w.out
}

/// Comment text as `# ` lines at `indent` spaces, one per line of `text`.
pub fn comment_lines(indent: usize, text: &str) -> String {
    let pad = " ".repeat(indent);
    let mut out = String::new();
    for line in split_lines(text) {
        let line: String = line
            .chars()
            .map(|c| if is_printable(c) { c } else { ' ' })
            .collect();
        let line = line.trim_end();
        if line.is_empty() {
            out.push_str(&format!("{pad}#\n"));
        } else {
            out.push_str(&format!("{pad}# {line}\n"));
        }
    }
    out
}

/// The value of a Markdown field whose key is written at `indent` spaces,
/// from just after the key's colon to the end of its last line (newline
/// included): a literal block scalar (` |`, the text indented two more
/// spaces), or a double-quoted scalar when a block could not give the text
/// back unchanged (empty text, control characters, trailing blank lines).
pub fn narrative_value(indent: usize, text: &str) -> String {
    // A text ending in blank lines would need `|+`, which would also
    // swallow the blank line that separates the next key; quote it.
    if text.is_empty() || !block_safe(text) || text.ends_with("\n\n") {
        return format!(" {}\n", double_quoted(text));
    }
    let (chomp, body) = match text.strip_suffix('\n') {
        None => ("-", text),
        Some(body) => ("", body),
    };
    let first = text.split('\n').find(|l| !l.is_empty()).unwrap_or("");
    let indicator = if first.starts_with([' ', '\t']) {
        INDENT.to_string()
    } else {
        String::new()
    };
    let pad = " ".repeat(indent + INDENT);
    let mut out = format!(" |{indicator}{chomp}\n");
    for l in body.split('\n') {
        if !l.is_empty() {
            out.push_str(&pad);
            out.push_str(l);
        }
        out.push('\n');
    }
    out
}

/// A text value as a YAML scalar: plain when that is unambiguous, double-quoted
/// otherwise (`"255000"`, `"a: b"`, `""`). Safe in block and flow context.
pub fn scalar(text: &str) -> String {
    if needs_quotes(text) {
        double_quoted(text)
    } else {
        text.to_string()
    }
}

struct Writer<'n> {
    out: String,
    notes: &'n Notes,
}

const INDENT: usize = 2;

impl Writer<'_> {
    fn line(&mut self, indent: usize, text: &str) {
        for _ in 0..indent {
            self.out.push(' ');
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn blank(&mut self) {
        self.out.push('\n');
    }

    fn comment(&mut self, indent: usize, text: &str) {
        self.out.push_str(&comment_lines(indent, text));
    }

    /// The caller's comments for `path`.
    fn notes_for(&mut self, indent: usize, path: &str) {
        if let Some(texts) = self.notes.above.get(path) {
            for t in texts {
                self.comment(indent, t);
            }
        }
    }

    /// `key: value` with the caller's comments above it.
    fn entry(&mut self, indent: usize, path: &str, key: &str, value: &str) {
        self.notes_for(indent, path);
        if value.is_empty() {
            self.line(indent, &format!("{key}:"));
        } else {
            self.line(indent, &format!("{key}: {value}"));
        }
    }

    fn report(&mut self, r: &Report) {
        let ed = r.edition();
        for h in &self.notes.header {
            self.out.push_str(&comment_lines(0, h));
        }
        self.entry(0, top::EDITION, top::EDITION, &ed.year().to_string());
        self.entry(0, top::AGENCY, top::AGENCY, &scalar(&r.agency.value));
        if let Some(f) = &r.former_names {
            self.entry(0, top::FORMER_NAMES, top::FORMER_NAMES, &scalar(&f.value));
        }
        if let Some((kind, _)) = &r.kind {
            self.entry(0, top::KIND, top::KIND, kind.value.word());
        }
        let year = if r.year.value == 0 {
            "~".to_string()
        } else {
            r.year.value.to_string()
        };
        self.entry(0, top::YEAR, top::YEAR, &year);
        let date = r.date.as_ref().map_or("~".to_string(), |d| d.value.iso());
        self.entry(0, top::DATE, top::DATE, &date);
        self.contact(r);
        match &r.preface {
            Some(p) => self.narrative(0, top::PREFACE, top::PREFACE, p),
            None => self.notes_for(0, top::PREFACE),
        }
        match &r.previous {
            Some(p) => self.entry(0, top::PREVIOUS, top::PREVIOUS, &scalar(&p.value)),
            None => self.notes_for(0, top::PREVIOUS),
        }
        self.blank();
        self.narrative(0, top::OVERVIEW, top::OVERVIEW, &r.overview);
        self.blank();
        self.table2(r, ed);
        self.blank();
        self.table3(r, ed);
        self.blank();
        self.table4(r);
        self.blank();
        self.narrative(0, top::PROBLEMS, top::PROBLEMS, &r.problems);
        self.blank();
        self.other(r);
        self.carried(r);
    }

    /// `沿用上年` and `沿用数字`, when some paragraph or figure is still
    /// carried: one entry a line.
    fn carried(&mut self, r: &Report) {
        for (key, entries) in [
            (top::CARRIED, &r.carried),
            (top::CARRIED_FIGURES, &r.carried_figures),
        ] {
            if entries.is_empty() {
                continue;
            }
            self.blank();
            self.entry(0, key, key, "");
            for e in entries {
                self.line(INDENT, &format!("- {}", scalar(&e.value)));
            }
        }
    }

    fn contact(&mut self, r: &Report) {
        self.entry(0, top::CONTACT, top::CONTACT, "");
        for (key, value) in r.contact.lines() {
            let v = value.map_or("~".to_string(), |v| scalar(&v.value));
            self.entry(INDENT, &path::contact(key), key, &v);
        }
    }

    /// A Markdown field as a literal block scalar.
    fn narrative(&mut self, indent: usize, path: &str, key: &str, text: &Text) {
        self.notes_for(indent, path);
        self.out.push_str(&format!("{}{key}:", " ".repeat(indent)));
        self.out.push_str(&narrative_value(indent, &text.value));
    }

    // ------------------------------------------------------------------ 二 --

    fn table2(&mut self, r: &Report, ed: Edition) {
        self.entry(0, top::TABLE2, top::TABLE2, "");
        for (gi, group) in official::t2_groups(ed).iter().enumerate() {
            let headers: Vec<&str> = group.headers.iter().map(|h| h.label).collect();
            self.comment(INDENT, &format!("{}：{}", group.title, headers.join("、")));
            for (ri, row) in group.rows.iter().enumerate() {
                let cells = r
                    .table2
                    .cells
                    .get(gi)
                    .and_then(|g| g.get(ri))
                    .map_or(&[][..], Vec::as_slice);
                let value = t2_row_value(row, cells);
                self.entry(INDENT, &path::table2(row.key, None), row.key, &value);
            }
        }
    }

    /// The key of a table of count rows, and a comment naming its columns:
    /// those after the first `width` may be left out.
    fn count_table_head(&mut self, key: &str, columns: &[&str], width: usize) {
        self.entry(0, key, key, "");
        self.comment(
            INDENT,
            &format!(
                "每行依次为：[{}]；{}可以不填，填写时校验",
                columns.join(", "),
                columns[width]
            ),
        );
    }

    // ------------------------------------------------------------------ 三 --

    fn table3(&mut self, r: &Report, ed: Edition) {
        let width = official::T3_INPUT_COLUMNS;
        self.count_table_head(top::TABLE3, &official::T3_COLUMNS, width);
        let mut open: Vec<&str> = Vec::new();
        for (i, def) in official::t3_rows(ed).iter().enumerate() {
            let empty = CountRow::empty(width);
            let row = r.table3.rows.get(i).unwrap_or(&empty);
            if def.role == T3Role::ResultTotal && !row.present {
                continue;
            }
            let (leaf, parents) = def.keys.split_last().expect("rows have keys");
            let common = open.iter().zip(parents).take_while(|(a, b)| a == b).count();
            open.truncate(common);
            for (depth, key) in parents.iter().enumerate().skip(common) {
                let path = path::table3_keys(&parents[..=depth]);
                self.entry(INDENT * (depth + 1), &path, key, "");
                open.push(key);
            }
            let indent = INDENT * (parents.len() + 1);
            self.entry(
                indent,
                &path::table3_row(def),
                leaf,
                &count_row_value(row, width),
            );
        }
    }

    // ------------------------------------------------------------------ 四 --

    fn table4(&mut self, r: &Report) {
        let width = official::T4_INPUT_COLUMNS;
        self.count_table_head(top::TABLE4, &official::T4_COLUMNS, width);
        for (i, group) in official::T4_GROUPS.iter().enumerate() {
            let empty = CountRow::empty(width);
            let row = r.table4.rows.get(i).unwrap_or(&empty);
            self.entry(
                INDENT,
                &path::table4_row(group),
                group.key,
                &count_row_value(row, width),
            );
        }
    }

    // ------------------------------------------------------------------ 六 --

    fn other(&mut self, r: &Report) {
        self.entry(0, top::OTHER, top::OTHER, "");
        if let Some(fee) = &r.fee {
            self.entry(INDENT, &path::fee_block(), other::FEE, "");
            for (key, unit) in official::FEE_FIELDS {
                let value = match key {
                    fee::NOTICES => fee.notices.as_ref().map(|c| c.value.to_string()),
                    fee::NOTICE_AMOUNT => fee.notice_amount.as_ref().map(|a| a.value.to_string()),
                    _ => fee.collected.as_ref().map(|a| a.value.to_string()),
                }
                .unwrap_or_else(|| "~".to_string());
                self.entry(
                    INDENT * 2,
                    &path::fee(key),
                    key,
                    &format!("{value}   # 单位：{unit}"),
                );
            }
        }
        self.narrative(INDENT, &path::other_body(), other::BODY, &r.other);
    }
}

/// The value of a section-二 row as written after its key.
fn t2_row_value(row: &T2Row, cells: &[Option<T2Value>]) -> String {
    let cell = |i: usize| t2_cell_value(cells.get(i).and_then(Option::as_ref));
    if row.cells.len() == 1 && row.cells[0].key.is_none() {
        return cell(0);
    }
    let parts: Vec<String> = row
        .cells
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{}: {}", c.key.unwrap_or_default(), cell(i)))
        .collect();
    format!("{{{}}}", parts.join(", "))
}

fn t2_cell_value(cell: Option<&T2Value>) -> String {
    match cell {
        None => "~".to_string(),
        Some(T2Value { number, note: None }) => number.value.to_string(),
        Some(T2Value {
            number,
            note: Some(note),
        }) => format!(
            "{{{}: {}, {}: {}}}",
            official::T2_VALUE_KEY,
            number.value,
            official::T2_NOTE_KEY,
            scalar(note)
        ),
    }
}

/// A section-三/四 row as a flow list: the input cells, then the printed total.
fn count_row_value(row: &CountRow, width: usize) -> String {
    let show = |c: Option<&Count>| c.map_or("~".to_string(), |c| c.value.to_string());
    let mut parts: Vec<String> = (0..width)
        .map(|i| show(row.cells.get(i).and_then(Option::as_ref)))
        .collect();
    if let Some(t) = &row.printed_total {
        parts.push(show(Some(t)));
    }
    format!("[{}]", parts.join(", "))
}

/// Splits on every YAML line break (LF, CRLF, CR, NEL, LS, PS).
fn split_lines(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}') {
            out.push(text.slice(start, i));
            let mut end = i + c.len_utf8();
            if c == '\r'
                && let Some(&(j, '\n')) = chars.peek()
            {
                chars.next();
                end = j + 1;
            }
            start = end;
        }
    }
    out.push(text.slice_from(start));
    out
}

/// Characters YAML allows in a document other than line breaks (c-printable
/// minus breaks and BOM).
fn is_printable(c: char) -> bool {
    match c {
        '\t' => true,
        '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{FEFF}' => false,
        c if c.is_control() => false,
        '\u{FFFE}' | '\u{FFFF}' => false,
        _ => true,
    }
}

/// Whether `text` can be written as a literal block scalar and read back
/// unchanged: only printable characters and `\n` line breaks, with some
/// non-space content.
fn block_safe(text: &str) -> bool {
    text.chars().all(|c| c == '\n' || is_printable(c))
        && text.split('\n').any(|l| !l.trim_matches([' ', '\t']).is_empty())
        // Trailing spaces on the last line are fine, but a last line made of
        // spaces only would be taken for indentation.
        && !text
            .rsplit('\n')
            .next()
            .is_some_and(|l| !l.is_empty() && l.trim_matches([' ', '\t']).is_empty())
}

fn needs_quotes(s: &str) -> bool {
    const INDICATORS: &[char] = &[
        '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@',
        '`', '~', '+',
    ];
    s.is_empty()
        || s.trim() != s
        || s.starts_with(INDICATORS)
        || s.starts_with("...")
        || s.chars().any(|c| {
            !is_printable(c)
                || c == '\t'
                || matches!(
                    c,
                    ':' | '#' | ',' | '[' | ']' | '{' | '}' | '\'' | '"' | '\\'
                )
        })
        || could_be_typed(s)
}

/// Whether a plain scalar could resolve as a number, boolean or null
/// (`255000`, `0533-1234567`, `1e5`, `true`, `No`, `null`, `.inf`).
fn could_be_typed(s: &str) -> bool {
    const WORDS: &[&str] = &[
        "null", "true", "false", "yes", "no", "on", "off", "y", "n", "inf", "nan", "infinity",
    ];
    s.chars()
        .all(|c| c.is_ascii_alphanumeric() || "._+-".contains(c))
        && (s.starts_with(|c: char| c.is_ascii_digit() || ".+-".contains(c))
            || WORDS.contains(&s.to_ascii_lowercase().as_str()))
}

/// A text value as a double-quoted YAML scalar, whatever it holds (line
/// breaks included): the loader reads back exactly `text`.
pub fn quoted(text: &str) -> String {
    double_quoted(text)
}

fn double_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{85}' => out.push_str("\\N"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            c if !is_printable(c) => {
                let n = c as u32;
                if n <= 0xFF {
                    out.push_str(&format!("\\x{n:02X}"));
                } else {
                    out.push_str(&format!("\\u{n:04X}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load;
    use crate::model::{Decimal, Located, Number};
    use crate::source::{SourceFile, Span};
    use crate::testutil::{self, without_spans};

    fn reload(text: &str) -> load::Loaded {
        load::load_str(SourceFile::new("t.yaml", text))
    }

    /// Writes, reloads and compares values (not places).
    fn round_trip(report: &Report, notes: &Notes) -> String {
        let text = data_file(report, notes);
        let loaded = reload(&text);
        let back = loaded
            .report
            .unwrap_or_else(|| panic!("not loadable: {:?}\n{text}", loaded.diagnostics));
        assert_same(&without_spans(&back), &without_spans(report), &text);
        text
    }

    /// Equality with a readable message: the first differing line of the
    /// pretty-printed values.
    fn assert_same(got: &Report, want: &Report, text: &str) {
        if got == want {
            return;
        }
        let (g, w) = (format!("{got:#?}"), format!("{want:#?}"));
        let at = g.lines().zip(w.lines()).position(|(a, b)| a != b);
        let line = |s: &str| at.and_then(|i| s.lines().nth(i)).unwrap_or("").to_string();
        panic!(
            "round trip changed a value\n got: {}\nwant: {}\n{text}",
            line(&g),
            line(&w)
        );
    }

    #[test]
    fn every_example_round_trips() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");
        let mut n = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "yaml") {
                let loaded = load::load_path(&path).unwrap();
                let report = loaded.report.unwrap();
                let text = round_trip(&report, &Notes::new());
                // Writing what was read back gives the same text again.
                let again = reload(&text).report.unwrap();
                assert_eq!(data_file(&again, &Notes::new()), text);
                n += 1;
            }
        }
        assert!(n > 0);
    }

    #[test]
    fn complete_reports_of_both_editions_round_trip() {
        for ed in [Edition::E2019, Edition::E2021] {
            let text = round_trip(&testutil::report(ed), &Notes::new());
            let loaded = reload(&text);
            assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
        }
    }

    #[test]
    fn empty_cells_round_trip_as_tilde() {
        let mut r = testutil::report(Edition::E2021);
        r.date = None;
        r.table2.cells[0][1][2] = None; // 行政规范性文件.现行有效
        r.table2.cells[1][0][0] = None; // 行政许可
        r.table3.rows[0].cells[3] = None;
        r.table3.rows[1].cells = vec![None; 6];
        r.table4.rows[2].cells[0] = None;
        r.fee.as_mut().unwrap().collected = None;
        let text = round_trip(&r, &Notes::new());
        assert!(text.contains("成文日期: ~\n"), "{text}");
        assert!(text.contains("行政规范性文件: {本年制发: 0, 本年废止: 0, 现行有效: ~}"));
        assert!(text.contains("  行政许可: ~\n"));
        assert!(text.contains("  上年结转: [~, ~, ~, ~, ~, ~]\n"));
        assert!(text.contains("实际收取金额: ~"));
    }

    #[test]
    fn values_that_need_care_round_trip() {
        let s = Span::default();
        let mut r = testutil::report(Edition::E2021);
        r.agency.value = "某市 #1 局: “测试”".into();
        r.contact.postcode = Some(Located::new("255000".into(), s));
        r.contact.phone = Some(Located::new("0533-2139070".into(), s));
        r.contact.email = Some(Located::new("a@b.cn".into(), s));
        r.contact.address = Some(Located::new("- 某路, [1]号 {x} 'y' \"z\" \\ ~".into(), s));
        r.previous = Some(Located::new("../2024.yaml".into(), s));
        r.table2.cells[1][0][0] = Some(T2Value {
            number: Located::new(Number::Count(1964904), s),
            note: Some("含: 经开区, #2 [注]".into()),
        });
        r.table2.cells[3][0][0] = Some(T2Value {
            number: Located::new(Number::Amount(Decimal::parse("76.786078").unwrap()), s),
            note: None,
        });
        r.fee.as_mut().unwrap().notice_amount =
            Some(Located::new(Decimal::parse("0.050").unwrap(), s));
        r.table3.rows[0].printed_total = Some(Located::new(0, s));
        let total = official::t3_index(Edition::E2021, T3Role::ResultTotal);
        r.table3.rows[total].present = true;
        r.table3.rows[total].cells = vec![Some(Located::new(0, s)); 6];
        r.table4.rows[0].printed_total = Some(Located::new(0, s));
        let text = |t: &str| Text {
            value: t.into(),
            span: s,
        };
        r.preface = Some(text("  首行缩进。\n第二行"));
        r.overview = text("# 不是注释\n\nkey: value\n  - 列表？\n\n\n");
        r.problems = text("");
        r.other = text("\n\n  前面有空行\n\t制表符\n结尾有空格  \n");
        let out = round_trip(&r, &Notes::new());
        assert!(out.contains("邮编: \"255000\""), "{out}");
        assert!(out.contains("行政事业性收费: 76.786078"), "{out}");
        assert!(out.contains("收费通知金额: 0.050"), "{out}");

        // Texts a block scalar cannot carry fall back to a quoted scalar.
        for t in [
            "a\r\nb",
            "   ",
            "\n",
            "x\u{7}y",
            "末行只有空格\n  ",
            "\u{2028}",
        ] {
            r.overview = text(t);
            round_trip(&r, &Notes::new());
        }
        // 2019 edition with a signed figure.
        let mut r = testutil::report(Edition::E2019);
        r.table2.cells[2][1][1] = Some(T2Value {
            number: Located::new(Number::Signed(-599), s),
            note: None,
        });
        r.fee = None;
        let out = round_trip(&r, &Notes::new());
        assert!(out.contains("本年增减: -599"));
        assert!(!out.contains("信息处理费"));
    }

    #[test]
    fn notes_are_written_as_comments_where_asked() {
        let mut r = testutil::report(Edition::E2021);
        r.date = None;
        let mut notes = Notes::new();
        notes
            .header("第一行\n第二行: #")
            .above("成文日期", "落款日期")
            .above("主动公开.规章", "上年现行有效 0 件")
            .above("依申请公开.办理结果.不予公开", "八种情形")
            .above("依申请公开.办理结果.不予公开.属于国家秘密", "机密")
            .above("问题及改进", "上年原文：\n### （一）问题\n\n  缩进")
            .above("其他事项.正文", "正文说明")
            .above("前言", "前言: 可选\r\n第二行\u{7}");
        let text = round_trip(&r, &notes);
        assert!(
            text.starts_with("# 第一行\n# 第二行: #\n格式: 2021\n"),
            "{text}"
        );
        assert!(text.contains("# 落款日期\n成文日期: ~\n"));
        assert!(text.contains("  # 上年现行有效 0 件\n  规章: {"));
        assert!(text.contains("    # 八种情形\n    不予公开:\n      # 机密\n      属于国家秘密:"));
        assert!(text.contains("# 上年原文：\n# ### （一）问题\n#\n#   缩进\n问题及改进: |"));
        assert!(text.contains("  # 正文说明\n  正文: |"));
        assert!(text.contains("# 前言: 可选\n# 第二行\n"), "{text}");
        // Comments change no value.
        assert_eq!(
            without_spans(&reload(&text).report.unwrap()),
            without_spans(&reload(&data_file(&r, &Notes::new())).report.unwrap())
        );
    }

    #[test]
    fn scalars_are_quoted_when_ambiguous() {
        for (s, quoted) in [
            ("某市某局", false),
            ("a@b.cn", false),
            ("255000", true),
            ("true", true),
            ("null", true),
            ("1e5", true),
            ("", true),
            (" 前导空格", true),
            ("a: b", true),
            ("a #b", true),
            ("~", true),
            ("No", true),
            (".inf", true),
            ("0533-2139070", true),
            ("zibo-2024.yaml", false),
            ("../2024.yaml", false),
            ("...", true),
        ] {
            assert_eq!(scalar(s).starts_with('"'), quoted, "{s}");
        }
        assert_eq!(scalar("a\"b\\c\n"), "\"a\\\"b\\\\c\\n\"");
    }
}
