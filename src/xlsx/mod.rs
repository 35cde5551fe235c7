//! Excel/WPS workbooks (.xlsx): a report as a workbook to fill, and a
//! workbook read back as a data file.
//!
//! [`workbook`] writes one sheet per official table laid out like it
//! (merged labels, columns in order; the [grid](crate::grid)), the cells to
//! fill unlocked and validated, labels and totals locked (sheet protection
//! without a password), the totals as formulas with their values, a sheet of
//! the details (机关, 年度, 成文日期, contact, 信息处理费), one of the
//! narrative sections and one of instructions. SpreadsheetML is written by
//! hand like the .docx, zipped by the same deterministic writer.
//!
//! [`data_text`] reads a workbook by its labels into the text of a data file,
//! which [`crate::load::load_workbook`] loads as any data file is loaded, so that every check and
//! command works on it unchanged; diagnostics name the cell (`表三!C12`)
//! through the text's places ([`SourceFile::derived`]). Reading is bounded
//! like a .docx on import, and formulas are never evaluated.

mod headings;
mod book;
mod cell;
mod package;
mod read;
mod sheet;
mod styles;
mod data_file_text;

use std::path::Path;

pub use data_file_text::decimal;
pub use read::{
    MAX_CELL_CHARS, MAX_CELLS, MAX_MERGES, MAX_PART_BYTES, MAX_SHEETS, MAX_STRING_CHARS,
    MAX_STRINGS,
};

use crate::files::ReadError;
use crate::model::Report;
use crate::source::SourceFile;

/// The instructions sheet.
pub const SHEET_GUIDE: &str = "说明";
/// The sheet of 机关, 年度, 成文日期, contact and fee figures.
pub const SHEET_INFO: &str = "基本信息";
/// Section 二's sheet.
pub const SHEET_T2: &str = "表二";
/// Section 三's sheet.
pub const SHEET_T3: &str = "表三";
/// Section 四's sheet.
pub const SHEET_T4: &str = "表四";
/// The narrative sections' sheet.
pub const SHEET_TEXT: &str = "正文";
/// Header of section 二's note columns.
pub const NOTE_HEADER: &str = "注（可不填，印在数字后的括号内）";
/// Label of the optional opening paragraph on the text sheet.
pub const LABEL_PREFACE: &str = "前言（可不填，不填时自动生成）";
/// Header of the text column on the text sheet.
pub const TEXT_HEADER: &str = "内容（小标题如“（一）主动公开”单独一行，空一行分段）";

/// The workbook of `report`: the file `new --format xlsx` and
/// `build --format xlsx` write.
pub fn workbook(report: &Report) -> Vec<u8> {
    package::zip(&parts(report))
}

/// The parts of the workbook of `report`, by name, before zipping: what the
/// tests read.
pub fn parts(report: &Report) -> Vec<(String, String)> {
    package::parts(&book::sheets(report))
}

/// A workbook of one sheet named `name` holding `rows` (the first the
/// headings): a summary table for Excel, WPS and LibreOffice alike, which
/// no import dialog or character set can garble. Figures are written as
/// numbers, the rest as text; the sheet is not protected.
pub fn table_workbook(name: &str, rows: &[Vec<String>]) -> Vec<u8> {
    use sheet::{Sheet, Value};
    use styles::Style;
    let mut s = Sheet::new(name);
    s.unprotect();
    s.landscape();
    let mut widths: Vec<usize> = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            let text = crate::diag::visible(text).into_owned();
            let width = crate::diag::human::display_width(&text).min(60);
            if widths.len() <= c {
                widths.resize(c + 1, 4);
            }
            widths[c] = widths[c].max(width);
            let number = !text.is_empty()
                && text.len() <= 15
                && text.chars().all(|ch| ch.is_ascii_digit() || ch == '.')
                && !text.starts_with('.')
                && text.matches('.').count() <= 1;
            let (value, style) = match (r, number) {
                (0, _) => (Value::Text(text), Style::Header),
                (_, true) => (Value::Number(text), Style::Label),
                _ => (Value::Text(text), Style::Label),
            };
            let (Ok(row), Ok(col)) = (u32::try_from(r), u32::try_from(c)) else {
                continue;
            };
            s.set(row, col, value, style);
        }
    }
    for (c, w) in widths.iter().enumerate() {
        if let Ok(col) = u32::try_from(c) {
            #[allow(clippy::cast_precision_loss)]
            s.width(col, (*w as f64) + 2.0);
        }
    }
    package::zip(&package::parts(&[s]))
}

/// Whether `path` names a workbook by its extension (`.xlsx`, any case).
pub fn is_xlsx_path(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
}

/// Whether `bytes` are a workbook (a zip package with `xl/workbook.xml`).
pub fn is_workbook(bytes: &[u8]) -> bool {
    read::is_workbook(bytes)
}

/// Rows of a worksheet [`text_rows`] looks at.
const MAX_ROSTER_ROWS: usize = 20_000;
/// Columns of a worksheet [`text_rows`] looks at.
const MAX_ROSTER_COLUMNS: usize = 64;

/// The first worksheet of the workbook in `bytes` as rows of cell texts
/// (numbers as saved, empty strings for gaps): what a roster is read from.
/// The error is the Chinese message.
pub fn text_rows(bytes: &[u8]) -> Result<Vec<Vec<String>>, String> {
    let sheets = read::sheets(bytes).map_err(|e| e.to_string())?;
    let Some(sheet) = sheets.first() else {
        return Ok(Vec::new());
    };
    let mut rows: Vec<Vec<String>> = Vec::new();
    for (&(row, col), cell) in &sheet.cells {
        let text = match &cell.value {
            Some(read::Raw::Text(t) | read::Raw::Number(t)) => t.clone(),
            _ => continue,
        };
        let (row, col) = (row as usize, col as usize);
        // A roster is a column near the left of the first few thousand rows.
        if row >= MAX_ROSTER_ROWS || col >= MAX_ROSTER_COLUMNS {
            continue;
        }
        if rows.len() <= row {
            rows.resize(row + 1, Vec::new());
        }
        let line = &mut rows[row];
        if line.len() <= col {
            line.resize(col + 1, String::new());
        }
        line[col] = text;
    }
    Ok(rows)
}

/// The data-file text read from the workbook in `bytes`, with the cell of
/// every value, and what could not be read by its label.
pub fn data_text(
    path: &Path,
    bytes: &[u8],
) -> Result<(SourceFile, Vec<crate::diag::Diagnostic>, Vec<String>), ReadError> {
    let sheets = read::sheets(bytes).map_err(|e| ReadError {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    let made = data_file_text::make(&sheets);
    Ok((
        SourceFile::derived(path, made.yaml, made.places),
        made.diagnostics,
        made.missing,
    ))
}
