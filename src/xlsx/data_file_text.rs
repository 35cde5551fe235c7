//! A workbook read by its labels into the text of a data file.
//!
//! Sheets are found by name or, when renamed, by a label only they have;
//! rows by their official labels and columns by their headers, wherever
//! they are (rows inserted, columns moved, merged or not). Every figure is
//! written as typed: a number as its digits (rounded to the 15 significant
//! digits a spreadsheet shows), text as quoted text for the loader to
//! judge, a blank as `~`. Totals the workbook computes (formulas) are left
//! out, so the rules compute and compare them; a total typed as a number
//! is kept as a printed total and compared by the rules. Every value and
//! key written remembers its cell (`表三!C12`), which diagnostics print.

use super::cell::a1;
use super::read::{Raw, RawCell, RawSheet};
use super::{LABEL_PREFACE, SHEET_INFO, SHEET_T2, SHEET_T3, SHEET_T4, SHEET_TEXT};
use crate::diag::{Diagnostic, codes};
use crate::model::official::{self, T3Role};
use crate::model::schema::{contact, fee, other, top};
use crate::model::{Edition, path};
use crate::slice::Slice;
use crate::write::scalar;

/// One figure of a section-二 row: its key (None for a single figure), the
/// number as typed, its cell, and a note with the note's cell.
type T2Part<'a> = (
    Option<&'a str>,
    String,
    Option<(u32, u32)>,
    Option<(String, (u32, u32))>,
);

/// The data-file text made from a workbook.
#[derive(Debug, Default)]
pub(super) struct Made {
    /// The text.
    pub yaml: String,
    /// `(start, place)` for every key and value written, sorted by start.
    pub places: Vec<(usize, String)>,
    /// What could not be read by its label, each at a comment line of the
    /// text whose place is the cell concerned.
    pub diagnostics: Vec<Diagnostic>,
    /// Data paths reported missing here (the loader's own report of the
    /// same keys is dropped).
    pub missing: Vec<String>,
}

/// The text of a data file read from `sheets`.
pub(super) fn make(sheets: &[RawSheet]) -> Made {
    let mut w = Writer {
        out: Made::default(),
        pending: Vec::new(),
    };
    let info = find(sheets, SHEET_INFO, |t| t == top::AGENCY);
    let edition = w.info(info);
    w.narrative(sheets, 0, 0, top::PREFACE);
    w.narrative(sheets, 1, 0, top::OVERVIEW);
    w.table2(
        find(sheets, SHEET_T2, |t| t == norm(official::T2_CONTENT_LABEL)),
        edition,
    );
    w.table3(
        find(sheets, SHEET_T3, |t| t == norm(official::T3_APPLICANTS)),
        edition,
    );
    w.table4(find(sheets, SHEET_T4, |t| {
        t == norm(official::T4_LITIGATION)
    }));
    w.narrative(sheets, 2, 0, top::PROBLEMS);
    w.other(info, sheets, edition);
    w.finish();
    w.out
}

/// A label as compared: no blanks, full-width brackets, stops, digits and
/// quotes as their plain forms.
pub(super) fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '“' | '”' | '＂' => '"',
            '（' => '(',
            '）' => ')',
            '．' => '.',
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            c => c,
        })
        .collect()
}

/// The sheet named `name`, else the first with a cell whose label `is`.
fn find<'a>(sheets: &'a [RawSheet], name: &str, is: impl Fn(&str) -> bool) -> Option<&'a RawSheet> {
    sheets.iter().find(|s| s.name.trim() == name).or_else(|| {
        sheets.iter().find(|s| {
            s.cells
                .values()
                .any(|c| matches!(&c.value, Some(Raw::Text(t)) if is(&norm(t))))
        })
    })
}

/// The first cell (row-major) of `sheet` whose label `is`.
fn locate(sheet: &RawSheet, is: impl Fn(&str) -> bool) -> Option<(u32, u32)> {
    sheet
        .cells
        .iter()
        .find(|(_, c)| matches!(&c.value, Some(Raw::Text(t)) if is(&norm(t))))
        .map(|(at, _)| *at)
}

/// `表三!C12`; a sheet name other than letters and digits in quotes.
pub(super) fn place(sheet: &RawSheet, (row, col): (u32, u32)) -> String {
    let name = if sheet.name.chars().all(|c| c.is_alphanumeric() || c == '_') {
        sheet.name.clone()
    } else {
        format!("'{}'", sheet.name.replace('\'', "''"))
    };
    format!("{name}!{}", a1(row, col))
}

/// A number's saved text as plain decimal digits (`1E-4` → `0.0001`),
/// rounded to 15 significant digits; None when it is not a number.
pub fn decimal(text: &str) -> Option<String> {
    let plain = expand(text.trim(), false)?;
    let significant = plain
        .chars()
        .filter(char::is_ascii_digit)
        .skip_while(|&c| c == '0')
        .count();
    if significant <= 15 {
        return Some(plain);
    }
    let value: f64 = text.trim().parse().ok()?;
    expand(&format!("{value:.14e}"), true)
}

/// Exact decimal digits of `[-]d[.d][E±n]`, leading zeros trimmed, and
/// trailing fraction zeros too when `trim` (`1.50` stays as typed).
fn expand(text: &str, trim: bool) -> Option<String> {
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (mantissa, exponent) = match body.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.parse::<i32>().ok().filter(|e| e.abs() <= 30)?),
        None => (body, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = format!("{int}{frac}");
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || digits.len() > 40 {
        return None;
    }
    let point = int.len() as i32 + exponent;
    let (whole, fraction) = if point <= 0 {
        (
            String::new(),
            format!("{}{digits}", "0".repeat((-point) as usize)),
        )
    } else if point as usize >= digits.len() {
        (
            format!("{digits}{}", "0".repeat(point as usize - digits.len())),
            String::new(),
        )
    } else {
        (
            digits.slice_to(point as usize).to_string(),
            digits.slice_from(point as usize).to_string(),
        )
    };
    let whole = whole.trim_start_matches('0');
    let whole = if whole.is_empty() { "0" } else { whole };
    let fraction = if trim {
        fraction.trim_end_matches('0')
    } else {
        fraction.as_str()
    };
    let sign = if negative && (whole != "0" || !fraction.is_empty()) {
        "-"
    } else {
        ""
    };
    Some(match fraction {
        "" => format!("{sign}{whole}"),
        f => format!("{sign}{whole}.{f}"),
    })
}

/// A figure as written in the data file: digits, quoted text or `~`, and
/// whether it was a formula without a saved value.
fn figure(cell: Option<&RawCell>) -> (String, bool) {
    let Some(cell) = cell else {
        return ("~".to_string(), false);
    };
    let text = match &cell.value {
        None => return ("~".to_string(), cell.formula),
        Some(Raw::Number(n)) => decimal(n).unwrap_or_else(|| scalar(n)),
        Some(Raw::Text(t)) => {
            let t = t.trim();
            if t.is_empty() {
                "~".to_string()
            } else if t.bytes().all(|b| b.is_ascii_digit() || b == b'.')
                && t.bytes().filter(|&b| b == b'.').count() <= 1
                && t != "."
            {
                // A number stored as text (a text-formatted cell): its digits.
                expand(t, false).unwrap_or_else(|| scalar(t))
            } else {
                scalar(t)
            }
        }
        Some(Raw::Bool(b)) => scalar(if *b { "TRUE" } else { "FALSE" }),
        Some(Raw::Error(e)) => scalar(e),
    };
    (text, false)
}

/// The figure cell at `at` typed with its note in brackets
/// (`12（含转办3件）`): the figure as the data file writes it, the note and
/// the cell.
fn noted_figure(sheet: &RawSheet, at: Option<(u32, u32)>) -> Option<(String, String, (u32, u32))> {
    let at = at?;
    let text = text_of(sheet.cells.get(&at))?;
    let (figure, note) = crate::model::number::figure_with_note(&text)?;
    let digits: String = figure
        .chars()
        .filter(|c| !matches!(c, ',' | '，' | ' '))
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            '－' => '-',
            c => c,
        })
        .collect();
    Some((digits, note.to_string(), at))
}

/// Text as saved (a number's digits for a number), None when blank.
fn text_of(cell: Option<&RawCell>) -> Option<String> {
    let s = match &cell?.value {
        Some(Raw::Text(t)) => t.replace("\r\n", "\n"),
        Some(Raw::Number(n)) => decimal(n).unwrap_or_else(|| n.clone()),
        Some(Raw::Bool(b)) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Some(Raw::Error(e)) => e.clone(),
        None => return None,
    };
    (!s.trim().is_empty()).then_some(s)
}

/// A spreadsheet date serial (1900 system) as `YYYY-MM-DD`.
fn serial_date(text: &str) -> Option<String> {
    let days: f64 = text.trim().parse().ok()?;
    if !(1.0..=2_958_465.0).contains(&days) {
        return None;
    }
    // Day 60 is the 29 February 1900 that never was; days after it are one too many.
    let days = days.floor() as i64 - if days >= 61.0 { 1 } else { 0 };
    // Days from 1899-12-31 (day 0; 1970-01-01 is day 25,568).
    Some(crate::civil::Date::from_days(days - 25_568).iso())
}

struct Writer {
    out: Made,
    /// Diagnostics waiting for their comment line: message, place, path.
    pending: Vec<(Diagnostic, String)>,
}

impl Writer {
    /// Writes `text` with its place starting here.
    fn put(&mut self, text: &str, place: Option<String>) {
        if let Some(p) = place {
            self.out.places.push((self.out.yaml.len(), p));
        }
        self.out.yaml.push_str(text);
    }

    /// `key:` at `indent` on a new line.
    fn key(&mut self, indent: usize, key: &str, place: Option<String>) {
        self.put(&format!("{}{}:", " ".repeat(indent), scalar(key)), place);
    }

    /// ` value` and the end of the line.
    fn value(&mut self, text: &str, place: Option<String>) {
        self.put(" ", None);
        self.put(text, place);
        self.put("\n", None);
    }

    fn end(&mut self) {
        self.put("\n", None);
    }

    /// A problem with the workbook at `place`, shown at a comment line made
    /// for it at the end of the text.
    fn report(&mut self, d: Diagnostic, place: String) {
        self.pending.push((d, place));
    }

    /// A part of the workbook that is missing: reported, and its path noted
    /// so that the loader's report of the same key is dropped.
    fn missing(&mut self, what: &str, path: String, place: String) {
        self.out.missing.push(path.clone());
        let d = Diagnostic::new(codes::IMPORT_MISSING, format!("工作簿中找不到{what}，这一项没有读入"))
            .path(path)
            .help("恢复被删改的标签（可用 nianbao new --format xlsx 生成的工作簿对照），或在生成的数据文件中补填");
        self.report(d, place);
    }

    /// The sheet `name` is not in the workbook: nothing of `path` read.
    fn missing_sheet(&mut self, name: &str, path: String) {
        self.missing(&format!("“{name}”表"), path, name.to_string());
    }

    fn finish(&mut self) {
        for (d, place) in std::mem::take(&mut self.pending) {
            let start = self.out.yaml.len();
            self.put(&format!("# {place}\n"), Some(place));
            let span = crate::source::Span {
                line: self.out.yaml.slice_to(start).matches('\n').count() as u32 + 1,
                column: 1,
                offset: start,
                len: 1,
            };
            self.out.diagnostics.push(d.at(span));
        }
    }

    /// A figure cell of `sheet` as a list item or map value.
    fn figure_at(&mut self, sheet: &RawSheet, at: Option<(u32, u32)>) -> String {
        let cell = at.and_then(|a| sheet.cells.get(&a));
        let (text, unsaved) = figure(cell);
        if let (true, Some(at)) = (unsaved, at) {
            self.report(
                Diagnostic::new(
                    codes::IMPORT_VALUE,
                    "单元格是公式，但没有保存计算结果；nianbao 不计算工作簿中的公式，按未填写读入",
                )
                .help("请直接填写数字，或在 Excel、WPS、LibreOffice 中打开后保存一次"),
                place(sheet, at),
            );
        }
        text
    }
}

// ---------------------------------------------------------------------------
// 基本信息 and 其他事项
// ---------------------------------------------------------------------------

/// The cell right of the label `key` on the details sheet.
fn info_cell(sheet: &RawSheet, key: &str) -> Option<(u32, u32)> {
    let (row, col) = locate(sheet, |t| t == norm(key))?;
    let (_, right) = sheet.extent(row, col);
    Some((row, right + 1))
}

impl Writer {
    /// 格式 … 上年数据; returns the edition the tables are read in.
    fn info(&mut self, sheet: Option<&RawSheet>) -> Edition {
        let Some(sheet) = sheet else {
            self.missing_sheet(SHEET_INFO, top::AGENCY.to_string());
            self.key(0, top::EDITION, None);
            self.value("2021", None);
            return Edition::E2021;
        };
        let cell = |key| info_cell(sheet, key);
        let mut edition = None;
        for key in [top::EDITION, top::AGENCY, top::YEAR, top::DATE] {
            let at = cell(key);
            let raw = at.and_then(|a| sheet.cells.get(&a));
            let text = match key {
                top::AGENCY => text_of(raw).map_or_else(|| "~".to_string(), |t| scalar(t.trim())),
                top::DATE => match raw.and_then(|c| c.value.as_ref()) {
                    Some(Raw::Number(n)) => {
                        serial_date(n).map_or_else(|| scalar(n), |d| scalar(&d))
                    }
                    _ => text_of(raw).map_or_else(|| "~".to_string(), |t| scalar(t.trim())),
                },
                _ => figure(raw).0,
            };
            if key == top::EDITION {
                edition = Edition::from_year(text.parse().unwrap_or(0));
            }
            if key == top::YEAR && edition.is_none() {
                edition = text.parse::<i64>().ok().map(Edition::for_year);
            }
            self.key(0, key, at.map(|a| place(sheet, (a.0, a.1 - 1))));
            self.value(&text, at.map(|a| place(sheet, a)));
            if key == top::AGENCY {
                self.kind(sheet);
            }
        }
        self.key(0, top::CONTACT, None);
        self.end();
        for key in contact::ALL {
            let at = cell(key);
            let text = text_of(at.and_then(|a| sheet.cells.get(&a)))
                .map_or_else(|| "~".to_string(), |t| scalar(t.trim()));
            self.key(2, key, at.map(|a| place(sheet, (a.0, a.1 - 1))));
            self.value(&text, at.map(|a| place(sheet, a)));
        }
        if let Some(at) = cell(top::PREVIOUS)
            && let Some(t) = text_of(sheet.cells.get(&at))
        {
            self.key(0, top::PREVIOUS, Some(place(sheet, (at.0, at.1 - 1))));
            self.value(&scalar(t.trim()), Some(place(sheet, at)));
        }
        edition.unwrap_or(Edition::E2021)
    }

    /// 机关类型, when its cell is filled (a workbook made before it had
    /// none: judged by the name).
    fn kind(&mut self, sheet: &RawSheet) {
        let Some(at) = info_cell(sheet, top::KIND) else {
            return;
        };
        let Some(t) = text_of(sheet.cells.get(&at)).filter(|t| !t.trim().is_empty()) else {
            return;
        };
        self.key(0, top::KIND, Some(place(sheet, (at.0, at.1 - 1))));
        self.value(&scalar(t.trim()), Some(place(sheet, at)));
    }

    /// 其他事项: the fee figures of the details sheet and section 六's text.
    fn other(&mut self, info: Option<&RawSheet>, sheets: &[RawSheet], edition: Edition) {
        self.key(0, top::OTHER, None);
        self.end();
        let cells: Vec<(&str, Option<(u32, u32)>)> = fee::ALL
            .iter()
            .map(|k| (*k, info.and_then(|s| info_cell(s, k))))
            .collect();
        let any = info.is_some_and(|s| {
            cells
                .iter()
                .any(|(_, at)| at.is_some_and(|a| s.cells.contains_key(&a)))
        });
        if let Some(sheet) = info
            && (edition == Edition::E2021 || any)
        {
            self.key(2, other::FEE, None);
            self.end();
            for (key, at) in cells {
                let text = self.figure_at(sheet, at);
                self.key(4, key, at.map(|a| place(sheet, (a.0, a.1 - 1))));
                self.value(&text, at.map(|a| place(sheet, a)));
            }
        }
        self.narrative(sheets, 3, 2, other::BODY);
    }
}

// ---------------------------------------------------------------------------
// 正文
// ---------------------------------------------------------------------------

impl Writer {
    /// The narrative of row `index` of the text sheet (see
    /// [`super::book::narrative_rows`]) under `key`, at `indent`.
    fn narrative(&mut self, sheets: &[RawSheet], index: usize, indent: usize, key: &str) {
        let label = [
            LABEL_PREFACE,
            official::SECTION_HEADINGS[0],
            official::SECTION_HEADINGS[4],
            official::SECTION_HEADINGS[5],
        ][index];
        let wanted = norm(label);
        let sheet = find(sheets, SHEET_TEXT, |t| {
            t.starts_with(&norm(official::SECTION_HEADINGS[0]))
        });
        let at = sheet.and_then(|s| locate(s, |t| t.starts_with(&wanted)));
        let (Some(sheet), Some((row, col))) = (sheet, at) else {
            if key != top::PREFACE {
                let path = if key == other::BODY {
                    path::other_body()
                } else {
                    path::field(key)
                };
                self.missing(&format!("“{label}”"), path, SHEET_TEXT.to_string());
            }
            return;
        };
        let (_, right) = sheet.extent(row, col);
        let pieces: Vec<((u32, u32), String)> = sheet
            .cells
            .range((row, right + 1)..(row + 1, 0))
            .filter_map(|(at, c)| Some((*at, text_of(Some(c))?)))
            .collect();
        let text: String = pieces.iter().map(|(_, t)| t.as_str()).collect();
        let text = super::headings::stored(&text);
        if key == top::PREFACE && text.trim().is_empty() {
            return;
        }
        let first = pieces.first().map_or((row, right + 1), |(at, _)| *at);
        self.key(indent, key, Some(place(sheet, (row, col))));
        self.value(&crate::write::quoted(&text), Some(place(sheet, first)));
    }
}

// ---------------------------------------------------------------------------
// 表二
// ---------------------------------------------------------------------------

impl Writer {
    fn table2(&mut self, sheet: Option<&RawSheet>, ed: Edition) {
        let Some(sheet) = sheet else {
            self.missing_sheet(SHEET_T2, path::table2_table());
            return;
        };
        self.key(0, top::TABLE2, Some(place(sheet, (0, 0))));
        self.end();
        let mut taken = Vec::new();
        for group in official::t2_groups(ed) {
            for def in group.rows {
                let row_path = path::table2(def.key, None);
                let Some(row) = self.row_of(sheet, def.label, &mut taken) else {
                    self.missing(
                        &format!("表二的“{}”行", def.label),
                        row_path,
                        place(sheet, (0, 0)),
                    );
                    continue;
                };
                let columns = t2_columns(sheet, row, group);
                let label_at = locate_in_row(sheet, row, def.label);
                self.key(2, def.key, Some(place(sheet, label_at)));
                let single = def.cells.len() == 1 && def.cells[0].key.is_none();
                let mut parts = Vec::new();
                for (ci, cell) in def.cells.iter().enumerate() {
                    let at = columns.values.get(ci).copied().flatten().map(|c| (row, c));
                    let mut number = self.figure_at(sheet, at);
                    let mut note =
                        columns.notes.get(ci).copied().flatten().and_then(|c| {
                            text_of(sheet.cells.get(&(row, c))).map(|t| (t, (row, c)))
                        });
                    // `12（含转办3件）` typed in the figure's cell: the figure,
                    // and the note as if typed in 注 (when that is blank).
                    if let (true, None, Some((figure, typed_note, a))) =
                        (single, &note, noted_figure(sheet, at))
                    {
                        number = figure;
                        note = Some((typed_note, a));
                    }
                    parts.push((cell.key, number, at, note));
                }
                self.t2_row(sheet, single, parts);
                self.put("\n", None);
            }
        }
        self.end();
    }

    /// ` value` of a section-二 row: a number, `{数量: n, 注: …}`, or a map.
    fn t2_row(&mut self, sheet: &RawSheet, single: bool, parts: Vec<T2Part<'_>>) {
        self.put(" ", None);
        if !single {
            self.put("{", None);
        }
        for (i, (key, number, at, note)) in parts.into_iter().enumerate() {
            if i > 0 {
                self.put(", ", None);
            }
            if let Some(k) = key {
                self.put(&format!("{k}: "), None);
            }
            match note {
                None => self.put(&number, at.map(|a| place(sheet, a))),
                Some((note, note_at)) => {
                    self.put(&format!("{{{}: ", official::T2_VALUE_KEY), None);
                    self.put(&number, at.map(|a| place(sheet, a)));
                    self.put(&format!(", {}: ", official::T2_NOTE_KEY), None);
                    self.put(&scalar(note.trim()), Some(place(sheet, note_at)));
                    self.put("}", None);
                }
            }
        }
        if !single {
            self.put("}", None);
        }
    }

    /// The first sheet row with a cell labelled `label` that is not
    /// already taken; a second such row is reported.
    fn row_of(&mut self, sheet: &RawSheet, label: &str, taken: &mut Vec<u32>) -> Option<u32> {
        let wanted = norm(label);
        let rows: Vec<(u32, u32)> = sheet
            .cells
            .iter()
            .filter(|(_, c)| matches!(&c.value, Some(Raw::Text(t)) if norm(t) == wanted))
            .map(|(at, _)| *at)
            .collect();
        let mut found = rows.iter().filter(|(r, _)| !taken.contains(r));
        let first = found.next().copied()?;
        for dup in found {
            self.report(
                Diagnostic::new(
                    codes::IMPORT_UNPLACED,
                    format!(
                        "“{label}”这一行出现了不止一次，只读入了第 {} 行",
                        first.0 + 1
                    ),
                )
                .severity(crate::diag::Severity::Warning)
                .help("删去重复的行，或把数字合并到一行"),
                place(sheet, *dup),
            );
        }
        taken.push(first.0);
        Some(first.0)
    }
}

/// The columns of a section-二 row's figures and notes, from the nearest
/// header row above it.
struct T2Columns {
    values: Vec<Option<u32>>,
    notes: Vec<Option<u32>>,
}

fn locate_in_row(sheet: &RawSheet, row: u32, label: &str) -> (u32, u32) {
    let wanted = norm(label);
    sheet
        .cells
        .range((row, 0)..(row + 1, 0))
        .find(|(_, c)| matches!(&c.value, Some(Raw::Text(t)) if norm(t) == wanted))
        .map_or((row, 0), |(at, _)| *at)
}

fn t2_columns(sheet: &RawSheet, row: u32, group: &official::T2Group) -> T2Columns {
    let content = norm(official::T2_CONTENT_LABEL);
    let header = (0..row).rev().find(|r| {
        sheet
            .cells
            .range((*r, 0)..(*r + 1, 0))
            .any(|(_, c)| matches!(&c.value, Some(Raw::Text(t)) if norm(t) == content))
    });
    let Some(header) = header else {
        return T2Columns {
            values: vec![None; group.headers.len()],
            notes: vec![None; group.headers.len()],
        };
    };
    let in_header = |wanted: &str| {
        sheet
            .cells
            .range((header, 0)..(header + 1, 0))
            .find(|(_, c)| matches!(&c.value, Some(Raw::Text(t)) if norm(t).starts_with(wanted)))
            .map(|(at, _)| at.1)
    };
    let values: Vec<Option<u32>> = group
        .headers
        .iter()
        .map(|h| in_header(&norm(h.label)))
        .collect();
    let note = in_header("注");
    let first = values.first().copied().flatten();
    let notes = values
        .iter()
        .map(|v| Some(note? + (v.as_ref()? - first?)))
        .collect();
    T2Columns { values, notes }
}

// ---------------------------------------------------------------------------
// 表三 and 表四
// ---------------------------------------------------------------------------

impl Writer {
    fn table3(&mut self, sheet: Option<&RawSheet>, ed: Edition) {
        let Some(sheet) = sheet else {
            self.missing_sheet(SHEET_T3, top::TABLE3.to_string());
            return;
        };
        // Columns by their headers; the body starts below the lowest header.
        let columns: Vec<Option<(u32, u32)>> = official::T3_COLUMNS
            .iter()
            .map(|h| locate(sheet, |t| t == norm(h)))
            .collect();
        for (name, at) in official::T3_COLUMNS.iter().zip(&columns) {
            if at.is_none() && *name != official::T3_COLUMNS[official::T3_TOTAL_COLUMN] {
                self.missing(
                    &format!("表三的“{name}”列"),
                    top::TABLE3.to_string(),
                    place(sheet, (0, 0)),
                );
            }
        }
        self.key(0, top::TABLE3, Some(place(sheet, (0, 0))));
        self.end();
        let mut taken = Vec::new();
        let mut open: Vec<&str> = Vec::new();
        for def in official::t3_rows(ed) {
            let row = self.row_of(sheet, def.label, &mut taken);
            let parents = &def.keys[..def.keys.len() - 1];
            let common = open.iter().zip(parents).take_while(|(a, b)| a == b).count();
            open.truncate(common);
            for key in &parents[common..] {
                self.key(2 * (open.len() + 1), key, None);
                self.end();
                open.push(key);
            }
            let indent = 2 * (open.len() + 1);
            let leaf = def.keys[def.keys.len() - 1];
            let Some(row) = row else {
                if def.role != T3Role::ResultTotal {
                    self.missing(
                        &format!("表三的“{}”行", def.full_label()),
                        path::table3_row(def),
                        place(sheet, (0, 0)),
                    );
                }
                continue;
            };
            let cells: Vec<Option<(u32, u32)>> = columns
                .iter()
                .map(|c| c.map(|(_, col)| (row, col)))
                .collect();
            if def.role == T3Role::ResultTotal && !typed(sheet, &cells) {
                continue;
            }
            let label_at = locate_in_row(sheet, row, def.label);
            self.key(indent, leaf, Some(place(sheet, label_at)));
            self.count_row(sheet, &cells, official::T3_INPUT_COLUMNS);
        }
        self.end();
    }

    fn table4(&mut self, sheet: Option<&RawSheet>) {
        let Some(sheet) = sheet else {
            self.missing_sheet(SHEET_T4, top::TABLE4.to_string());
            return;
        };
        self.key(0, top::TABLE4, Some(place(sheet, (0, 0))));
        self.end();
        for group in official::T4_GROUPS {
            let Some((row, col)) = locate(sheet, |t| t == norm(group.label)) else {
                self.missing(
                    &format!("表四的“{}”", group.label),
                    path::table4_row(&group),
                    place(sheet, (0, 0)),
                );
                continue;
            };
            let (_, right) = sheet.extent(row, col);
            let mut bottom = row;
            let columns: Vec<Option<u32>> = official::T4_COLUMNS
                .iter()
                .map(|h| {
                    let wanted = norm(h);
                    let (r, c) = sheet
                        .cells
                        .range((row + 1, 0)..)
                        .find(|((_, c), cell)| {
                            (col..=right).contains(c)
                                && matches!(&cell.value, Some(Raw::Text(t)) if norm(t) == wanted)
                        })
                        .map(|(at, _)| *at)?;
                    bottom = bottom.max(sheet.extent(r, c).0);
                    Some(c)
                })
                .collect();
            let data = sheet
                .cells
                .range((bottom + 1, 0)..)
                .find(|((_, c), _)| (col..=right).contains(c))
                .map_or(bottom + 1, |((r, _), _)| *r);
            let cells: Vec<Option<(u32, u32)>> =
                columns.iter().map(|c| c.map(|c| (data, c))).collect();
            self.key(2, group.key, Some(place(sheet, (row, col))));
            self.count_row(sheet, &cells, official::T4_INPUT_COLUMNS);
        }
        self.end();
    }

    /// ` [a, b, …]` with the total last when it was typed (not a formula).
    fn count_row(&mut self, sheet: &RawSheet, cells: &[Option<(u32, u32)>], width: usize) {
        self.put(" [", None);
        for (i, at) in cells.iter().take(width).enumerate() {
            if i > 0 {
                self.put(", ", None);
            }
            let text = self.figure_at(sheet, *at);
            self.put(&text, at.map(|a| place(sheet, a)));
        }
        if let Some(Some(at)) = cells.get(width)
            && let Some(c) = sheet.cells.get(at)
            && !c.formula
            && c.value.is_some()
        {
            let text = figure(Some(c)).0;
            if text != "~" {
                self.put(", ", None);
                self.put(&text, Some(place(sheet, *at)));
            }
        }
        self.put("]\n", None);
    }
}

/// Whether any of `cells` holds something typed (not a formula).
fn typed(sheet: &RawSheet, cells: &[Option<(u32, u32)>]) -> bool {
    cells
        .iter()
        .flatten()
        .filter_map(|at| sheet.cells.get(at))
        .any(|c| !c.formula && c.value.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_a_spreadsheet_shows_them() {
        for (saved, shown) in [
            ("12", "12"),
            ("1.5", "1.5"),
            ("1.50", "1.50"),
            ("1E-4", "0.0001"),
            ("1E-4", "0.0001"),
            ("1.2345E+3", "1234.5"),
            ("0.30000000000000004", "0.3"),
            ("76.786078000000003", "76.786078"),
            ("-3", "-3"),
            ("0", "0"),
            ("-0", "0"),
        ] {
            assert_eq!(decimal(saved).as_deref(), Some(shown), "{saved}");
        }
        for bad in ["", "abc", "1e400", "1.2.3", "--1"] {
            assert_eq!(decimal(bad), None, "{bad}");
        }
    }

    #[test]
    fn date_serials() {
        assert_eq!(serial_date("45667").as_deref(), Some("2025-01-10"));
        assert_eq!(serial_date("1").as_deref(), Some("1900-01-01"));
        assert_eq!(serial_date("61").as_deref(), Some("1900-03-01"));
        assert_eq!(serial_date("-1"), None);
    }

    #[test]
    fn labels_compare_without_blanks_and_widths() {
        assert_eq!(
            norm(" 3.危及“三安全一稳定” "),
            norm("3.危及\"三安全一稳定\"")
        );
        assert_eq!(norm("（一）予以公开"), norm("(一)予以公开"));
    }
}
