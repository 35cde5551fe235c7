//! The summary table of a batch `check`: one row per file with its agency,
//! year, errors, warnings, cells still to fill and its 成文日期 against the
//! legal deadline; printed as an aligned table or as CSV for Excel and WPS.

use crate::check::Checked;
use crate::model::agency::due_in_march;

/// One file's line of the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The file name as given or found.
    pub file: String,
    /// `机关`, empty when the file could not be read as a report.
    pub agency: String,
    /// `年度`, empty when unknown.
    pub year: String,
    /// Number of errors.
    pub errors: usize,
    /// Number of warnings.
    pub warnings: usize,
    /// Table cells still to fill, empty when unknown.
    pub empty_cells: String,
    /// `成文日期` as `2025-01-10`, empty when not written.
    pub date: String,
    /// The legal deadline as `2025-01-31`, empty when the year is unknown.
    pub deadline: String,
    /// 按期, 逾期 or 未填 (no date), empty when unknown.
    pub on_time: String,
}

impl Row {
    /// The summary row of a checked file.
    pub fn of(checked: &Checked) -> Row {
        let mut row = Row {
            file: checked.file.name(),
            agency: String::new(),
            year: String::new(),
            errors: checked.errors(),
            warnings: checked.warnings(),
            empty_cells: String::new(),
            date: String::new(),
            deadline: String::new(),
            on_time: String::new(),
        };
        let Some(report) = &checked.report else {
            return row;
        };
        row.agency = report.agency.value.clone();
        row.empty_cells = report.fill().empty().to_string();
        let y = report.year.value;
        if y > 0 {
            row.year = y.to_string();
            let month = if due_in_march(&report.agency.value) {
                3
            } else {
                1
            };
            let last = (y + 1, month, 31);
            row.deadline = format!("{:04}-{month:02}-31", y + 1);
            row.on_time = match &report.date {
                None => "未填".into(),
                Some(d) if (d.value.year, d.value.month, d.value.day) > last => "逾期".into(),
                Some(_) => "按期".into(),
            };
        }
        if let Some(d) = &report.date {
            row.date = d.value.iso();
        }
        row
    }

    fn fields(&self) -> [String; 9] {
        [
            self.file.clone(),
            self.agency.clone(),
            self.year.clone(),
            self.errors.to_string(),
            self.warnings.to_string(),
            self.empty_cells.clone(),
            self.date.clone(),
            self.deadline.clone(),
            self.on_time.clone(),
        ]
    }
}

/// The column headings, shared by the table and the CSV. They are words
/// printed for people (`机关` here is a heading, not the data key).
pub const HEADINGS: [&str; 9] = [
    "文件",
    "机关",
    "年度",
    "错误",
    "警告",
    "待填格数",
    "成文日期",
    "法定期限",
    "是否按期",
];

/// Display width of text in a terminal: the cells `check` counts under its
/// carets (CJK, full-width and East Asian Ambiguous marks such as “ ” — take
/// two columns).
pub fn width(text: &str) -> usize {
    crate::diag::human::display_width(text)
}

/// The rows as an aligned text table (control characters shown, never sent).
pub fn table(rows: &[Row]) -> String {
    let cells: Vec<Vec<String>> = std::iter::once(HEADINGS.map(String::from).to_vec())
        .chain(rows.iter().map(|r| {
            r.fields()
                .iter()
                .map(|f| crate::diag::visible(f).to_string())
                .collect()
        }))
        .collect();
    let mut widths = [0usize; 9];
    for line in &cells {
        for (w, c) in widths.iter_mut().zip(line) {
            *w = (*w).max(width(c));
        }
    }
    let mut out = String::new();
    for (i, line) in cells.iter().enumerate() {
        let mut text = String::new();
        for (j, (c, w)) in line.iter().zip(widths).enumerate() {
            if j > 0 {
                text.push_str("  ");
            }
            let pad = w - width(c);
            // Counts are right-aligned.
            if (3..=5).contains(&j) && i > 0 {
                text.push_str(&" ".repeat(pad));
                text.push_str(c);
            } else {
                text.push_str(c);
                text.push_str(&" ".repeat(pad));
            }
        }
        out.push_str(text.trim_end());
        out.push('\n');
        if i == 0 {
            let total: usize = widths.iter().sum::<usize>() + 2 * (widths.len() - 1);
            out.push_str(&"-".repeat(total));
            out.push('\n');
        }
    }
    out
}

/// One CSV field: quoted when it holds a comma, quote or line break; a
/// field that a spreadsheet would take for a formula (starting with `=`,
/// `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`.
pub fn csv_field(text: &str) -> String {
    // Control characters (from a file name, say) are shown, never written.
    let mut text = crate::diag::visible(text).into_owned();
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        text.insert(0, '\'');
    }
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// One CSV line (CRLF-terminated) of fields.
pub fn csv_line<S: AsRef<str>>(fields: &[S]) -> String {
    let mut line = fields
        .iter()
        .map(|f| csv_field(f.as_ref()))
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

/// The byte-order mark that makes Excel and WPS read a CSV file as UTF-8.
pub const BOM: &str = "\u{feff}";

/// The rows as CSV: UTF-8 with a byte-order mark, a heading line, CRLF.
pub fn csv(rows: &[Row]) -> String {
    let mut out = String::from(BOM);
    out.push_str(&csv_line(&HEADINGS));
    for r in rows {
        out.push_str(&csv_line(&r.fields()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_escapes_and_neutralizes_formulas() {
        assert_eq!(csv_field("张店区"), "张店区");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=1+1"), "'=1+1");
        assert_eq!(csv_field("a\u{1b}[31mb\nc"), "a\\u{1b}[31mb\\u{a}c");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("-2"), "'-2");
        assert_eq!(csv_field("+x,y"), "\"'+x,y\"");
        assert_eq!(csv_field("a\nb"), "a\\u{a}b");
    }

    #[test]
    fn widths_count_chinese_as_two() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("机关"), 4);
        assert_eq!(width("（一）"), 6);
    }
}
