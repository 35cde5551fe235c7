//! One worksheet being written: cells with a style, merged ranges, data
//! validation, column widths and sheet protection, serialised as
//! SpreadsheetML (`xl/worksheets/sheetN.xml`).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::cell::a1;
use super::styles::Style;
use crate::zip_xml::xml::escape;

/// What a cell holds.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Value {
    /// Nothing (a styled blank: a cell to fill, or covered by a merge).
    Blank,
    /// Text, written inline.
    Text(String),
    /// A number, as its decimal text.
    Number(String),
    /// A formula with the value it gives now.
    Formula {
        /// The formula without `=`.
        formula: String,
        /// The value it gives, as a number's text.
        cached: String,
    },
}

/// The check a spreadsheet program makes on what is typed into a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Rule {
    /// A whole number ≥ 0.
    Count,
    /// A whole number, either sign (2019 `本年增/减`).
    Signed,
    /// An amount in 万元 ≥ 0, at most six decimals.
    Amount,
    /// 2019 or 2021.
    Edition,
    /// A year.
    Year,
}

/// A worksheet being written.
#[derive(Debug, Clone)]
pub(super) struct Sheet {
    /// The sheet's name (its tab).
    pub name: String,
    cells: BTreeMap<(u32, u32), (Value, Style)>,
    merges: Vec<((u32, u32), (u32, u32))>,
    rules: Vec<(Rule, (u32, u32))>,
    widths: Vec<(u32, f64)>,
    heights: BTreeMap<u32, f64>,
    landscape: bool,
    unprotected: bool,
}

impl Sheet {
    /// An empty sheet.
    pub(super) fn new(name: &str) -> Sheet {
        Sheet {
            name: name.to_string(),
            cells: BTreeMap::new(),
            merges: Vec::new(),
            rules: Vec::new(),
            widths: Vec::new(),
            heights: BTreeMap::new(),
            landscape: false,
            unprotected: false,
        }
    }

    /// Sets cell (`row`, `col`).
    pub(super) fn set(&mut self, row: u32, col: u32, value: Value, style: Style) {
        self.cells.insert((row, col), (value, style));
    }

    /// Sets the top-left cell of a `rows` × `cols` range and merges it when
    /// larger than one cell (the covered cells get the style, for borders).
    pub(super) fn set_merged(
        &mut self,
        (row, col): (u32, u32),
        (rows, cols): (u32, u32),
        value: Value,
        style: Style,
    ) {
        for r in row..row + rows {
            for c in col..col + cols {
                self.cells.insert((r, c), (Value::Blank, style));
            }
        }
        self.set(row, col, value, style);
        if rows > 1 || cols > 1 {
            self.merges
                .push(((row, col), (row + rows - 1, col + cols - 1)));
        }
    }

    /// Checks what is typed at (`row`, `col`) by `rule`.
    pub(super) fn validate(&mut self, row: u32, col: u32, rule: Rule) {
        self.rules.push((rule, (row, col)));
    }

    /// Sets the width of column `col`, in characters.
    pub(super) fn width(&mut self, col: u32, width: f64) {
        self.widths.push((col, width));
    }

    /// Sets the height of row `row`, in points.
    pub(super) fn height(&mut self, row: u32, points: f64) {
        self.heights.insert(row, points);
    }

    /// Prints the sheet across the page.
    pub(super) fn landscape(&mut self) {
        self.landscape = true;
    }

    /// The worksheet part.
    /// Leaves the sheet unprotected (a table to sort and filter, not a
    /// form to fill).
    pub(super) fn unprotect(&mut self) {
        self.unprotected = true;
    }

    /// The sheet as SpreadsheetML.
    pub(super) fn xml(&self) -> String {
        let mut out = String::from(crate::zip_xml::xml::DECL);
        out.push_str(
            "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
             xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">",
        );
        out.push_str("<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>");
        self.columns(&mut out);
        self.data(&mut out);
        // No password: the protection keeps labels and totals from being
        // typed over by mistake, not from being changed on purpose.
        if !self.unprotected {
            out.push_str(
                "<sheetProtection sheet=\"1\" objects=\"1\" scenarios=\"1\" \
                 formatColumns=\"0\" formatRows=\"0\"/>",
            );
        }
        self.merge_cells(&mut out);
        self.validations(&mut out);
        out.push_str(
            "<pageMargins left=\"0.5\" right=\"0.5\" top=\"0.6\" bottom=\"0.6\" header=\"0.3\" footer=\"0.3\"/>",
        );
        let orientation = if self.landscape {
            "landscape"
        } else {
            "portrait"
        };
        let _ = write!(
            out,
            "<pageSetup paperSize=\"9\" orientation=\"{orientation}\" fitToWidth=\"1\" fitToHeight=\"0\"/>"
        );
        out.push_str("</worksheet>");
        out
    }

    fn columns(&self, out: &mut String) {
        if self.widths.is_empty() {
            return;
        }
        out.push_str("<cols>");
        for (col, width) in &self.widths {
            let n = col + 1;
            let _ = write!(
                out,
                "<col min=\"{n}\" max=\"{n}\" width=\"{width}\" customWidth=\"1\"/>"
            );
        }
        out.push_str("</cols>");
    }

    fn data(&self, out: &mut String) {
        out.push_str("<sheetData>");
        let mut current: Option<u32> = None;
        for (&(row, col), (value, style)) in &self.cells {
            if current != Some(row) {
                if current.is_some() {
                    out.push_str("</row>");
                }
                let _ = write!(out, "<row r=\"{}\"", row + 1);
                if let Some(h) = self.heights.get(&row) {
                    let _ = write!(out, " ht=\"{h}\" customHeight=\"1\"");
                }
                out.push('>');
                current = Some(row);
            }
            cell(out, &a1(row, col), value, *style);
        }
        if current.is_some() {
            out.push_str("</row>");
        }
        out.push_str("</sheetData>");
    }

    fn merge_cells(&self, out: &mut String) {
        if self.merges.is_empty() {
            return;
        }
        let _ = write!(out, "<mergeCells count=\"{}\">", self.merges.len());
        for ((r0, c0), (r1, c1)) in &self.merges {
            let _ = write!(
                out,
                "<mergeCell ref=\"{}:{}\"/>",
                a1(*r0, *c0),
                a1(*r1, *c1)
            );
        }
        out.push_str("</mergeCells>");
    }

    fn validations(&self, out: &mut String) {
        if self.rules.is_empty() {
            return;
        }
        let _ = write!(out, "<dataValidations count=\"{}\">", self.rules.len());
        for (rule, (row, col)) in &self.rules {
            validation(out, *rule, &a1(*row, *col));
        }
        out.push_str("</dataValidations>");
    }
}

/// One `<c>` element.
fn cell(out: &mut String, at: &str, value: &Value, style: Style) {
    let s = style as u8;
    match value {
        Value::Blank => {
            let _ = write!(out, "<c r=\"{at}\" s=\"{s}\"/>");
        }
        Value::Text(t) => {
            let _ = write!(
                out,
                "<c r=\"{at}\" s=\"{s}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>",
                escape(&t.replace("\r\n", "\n"))
            );
        }
        Value::Number(n) => {
            let _ = write!(out, "<c r=\"{at}\" s=\"{s}\"><v>{n}</v></c>");
        }
        Value::Formula { formula, cached } => {
            let _ = write!(
                out,
                "<c r=\"{at}\" s=\"{s}\"><f>{}</f><v>{cached}</v></c>",
                escape(formula)
            );
        }
    }
}

/// One `<dataValidation>` for the cell at `at`.
fn validation(out: &mut String, rule: Rule, at: &str) {
    let (kind, formula, message) = match rule {
        Rule::Count => (
            "type=\"whole\" operator=\"greaterThanOrEqual\"",
            "0".to_string(),
            "请填写不小于 0 的整数（没有的填 0）",
        ),
        Rule::Signed => (
            "type=\"whole\" operator=\"between\"",
            String::new(),
            "请填写整数（减少的写负数）",
        ),
        Rule::Amount => (
            "type=\"custom\"",
            format!("AND(ISNUMBER({at}),{at}&gt;=0,ROUND({at},6)={at})"),
            "请填写不小于 0 的金额，单位万元，最多 6 位小数",
        ),
        Rule::Edition => (
            "type=\"list\"",
            "\"2019,2021\"".to_string(),
            "格式只能是 2021（2021 年度起）或 2019",
        ),
        Rule::Year => (
            "type=\"whole\" operator=\"between\"",
            String::new(),
            "请填写四位数的年度，如 2025",
        ),
    };
    let formulas = match rule {
        Rule::Signed => "<formula1>-999999999</formula1><formula2>999999999</formula2>".to_string(),
        Rule::Year => "<formula1>2019</formula1><formula2>9999</formula2>".to_string(),
        _ => format!("<formula1>{formula}</formula1>"),
    };
    let _ = write!(
        out,
        "<dataValidation {kind} allowBlank=\"1\" showErrorMessage=\"1\" errorStyle=\"stop\" \
         errorTitle=\"数字有误\" error=\"{message}\" sqref=\"{at}\">{formulas}</dataValidation>"
    );
}
