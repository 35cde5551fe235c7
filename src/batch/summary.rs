//! The summary table of a batch `check`: one row per file with its agency,
//! year, errors, warnings, cells still to fill and its 成文日期 against the
//! legal deadline; printed as an aligned table or as CSV for Excel and WPS.
//! The CSV adds the main figures, the first problems in words (errors
//! first, each code with its Chinese name) and what the roster says: the
//! table a county office sends back to the agencies.

use crate::check::Checked;
use crate::diag::{Diagnostic, Severity, codes};
use crate::model::Report;

/// How many problems a unit's summary spells out; the rest are counted.
pub const SHOWN_PROBLEMS: usize = 3;

/// Longest message quoted in a summary, in characters.
const MAX_MESSAGE_CHARS: usize = 120;

/// A code with its Chinese name from the registry: `T3-BAL（…）`.
pub fn code_name(code: &str) -> String {
    match codes::lookup(code) {
        Some(rule) => format!("{code}（{}）", rule.summary),
        None => code.to_string(),
    }
}

/// One problem in words: `错误 T3-BAL（…）：message（位置：…）`.
pub fn problem_text(code: &str, error: bool, place: &str, message: &str) -> String {
    let mut message = crate::diag::visible(message).into_owned();
    if message.chars().count() > MAX_MESSAGE_CHARS {
        message = message.chars().take(MAX_MESSAGE_CHARS).collect::<String>() + "…";
    }
    let level = if error { "错误" } else { "警告" };
    let place = if place.is_empty() {
        String::new()
    } else {
        format!("（位置：{}）", crate::diag::visible(place))
    };
    format!("{level} {}：{message}{place}", code_name(code))
}

/// The first [`SHOWN_PROBLEMS`] of `problems` (code, is an error, place,
/// message), errors before warnings, and a count of the rest.
pub fn problems<'a>(
    problems: impl Iterator<Item = (&'a str, bool, &'a str, &'a str)>,
) -> Vec<String> {
    let mut all: Vec<(&str, bool, &str, &str)> = problems.collect();
    // Stable: within each level, the order found.
    all.sort_by_key(|p| !p.1);
    let mut out: Vec<String> = all
        .iter()
        .take(SHOWN_PROBLEMS)
        .map(|(code, error, place, message)| problem_text(code, *error, place, message))
        .collect();
    if all.len() > SHOWN_PROBLEMS {
        out.push(format!("另有 {} 条", all.len() - SHOWN_PROBLEMS));
    }
    out
}

/// The problems of checked diagnostics as the summary shows them (the
/// empty cells of a table condensed into one, information left out).
pub fn diagnostic_problems(diags: &[Diagnostic]) -> Vec<String> {
    problems(
        diags
            .iter()
            .filter(|d| d.severity != Severity::Info)
            .map(|d| {
                (
                    d.code.as_str(),
                    d.severity == Severity::Error,
                    d.path.as_deref().unwrap_or(""),
                    d.message.as_str(),
                )
            }),
    )
}

/// The main figures of a report, as text (`~` for a figure not filled,
/// empty when the edition has no such figure).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Figures {
    /// 本年新收政府信息公开申请数量, 总计.
    pub received: String,
    /// 办理结果的总计.
    pub done: String,
    /// 结转下年度继续办理, 总计.
    pub carried: String,
    /// 行政复议, 总计.
    pub review: String,
    /// 行政诉讼 (both rows), 总计.
    pub lawsuit: String,
    /// 信息处理费实际收取金额, 万元 (2021 format).
    pub fee: String,
}

/// The headings of [`Figures`], in order.
pub const FIGURE_HEADINGS: [&str; 6] = [
    "本年新收",
    "办结",
    "结转下年度",
    "行政复议",
    "行政诉讼",
    "信息处理费（万元）",
];

impl Figures {
    /// The figures of `r`.
    pub fn of(r: &Report) -> Figures {
        use crate::model::official::{T3_TOTAL_COLUMN, T3Role, t3_index};
        let ed = r.edition();
        let show = |v: Option<u64>| v.map_or("~".to_string(), |v| v.to_string());
        let t3 = |role| show(r.table3.value(ed, t3_index(ed, role), T3_TOTAL_COLUMN));
        let lawsuit: Option<u64> = r
            .table4
            .rows
            .iter()
            .skip(1)
            .try_fold(0u64, |a, row| a.checked_add(row.total()?));
        Figures {
            received: t3(T3Role::Received),
            done: t3(T3Role::ResultTotal),
            carried: t3(T3Role::CarriedOut),
            review: show(r.table4.rows.first().and_then(|row| row.total())),
            lawsuit: show(lawsuit),
            fee: r.fee.as_ref().map_or(String::new(), |f| {
                f.collected
                    .as_ref()
                    .map_or("~".to_string(), |c| c.value.to_string())
            }),
        }
    }

    /// The figures in the order of [`FIGURE_HEADINGS`].
    pub fn fields(&self) -> [String; 6] {
        [
            self.received.clone(),
            self.done.clone(),
            self.carried.clone(),
            self.review.clone(),
            self.lawsuit.clone(),
            self.fee.clone(),
        ]
    }
}

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
    /// The main figures (empty when the file is no report).
    pub figures: Figures,
    /// The first problems in words, errors first.
    pub problems: Vec<String>,
    /// What the roster says of this file (empty without a roster).
    pub roster: String,
    /// Whether the file was checked (else the counts are left blank: a
    /// file not read, a roster name nobody submitted for).
    pub checked: bool,
}

impl Row {
    /// A row of `file` with nothing known yet.
    pub fn blank(file: String) -> Row {
        Row {
            file,
            agency: String::new(),
            year: String::new(),
            errors: 0,
            warnings: 0,
            empty_cells: String::new(),
            date: String::new(),
            deadline: String::new(),
            on_time: String::new(),
            figures: Figures::default(),
            problems: Vec::new(),
            roster: String::new(),
            checked: false,
        }
    }

    /// The summary row of a checked file.
    pub fn of(checked: &Checked) -> Row {
        let mut row = Row::blank(checked.file.name());
        row.checked = true;
        // Counted as shown: the empty cells of a table are one finding.
        let fill = checked.report.as_ref().map(|r| r.fill());
        let shown = crate::diag::human::condense(&checked.diagnostics, fill.as_ref());
        (row.errors, row.warnings) = crate::diag::count(&shown);
        row.problems = diagnostic_problems(&shown);
        let Some(report) = &checked.report else {
            return row;
        };
        row.figures = Figures::of(report);
        row.agency = report.agency.value.clone();
        row.empty_cells = report.fill().empty().to_string();
        let y = report.year.value;
        if y > 0 {
            row.year = y.to_string();
            let month = if report.judged().march { 3 } else { 1 };
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
        let count = |n: usize| {
            if self.checked {
                n.to_string()
            } else {
                String::new()
            }
        };
        [
            self.file.clone(),
            self.agency.clone(),
            self.year.clone(),
            count(self.errors),
            count(self.warnings),
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
    // Spreadsheets read full-width ＝＋－＠ (typed with a Chinese input
    // method) as formula signs too.
    if text.starts_with(['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠']) {
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

/// The heading of the problems column.
pub const PROBLEMS_HEADING: &str = "主要问题";
/// The heading of the roster column.
pub const ROSTER_HEADING: &str = "名单核对";

/// The headings of the CSV and HTML summary: the table's, the figures,
/// the problems, and the roster's column when there is a roster.
pub fn long_headings(roster: bool) -> Vec<&'static str> {
    let mut head: Vec<&str> = HEADINGS.to_vec();
    head.extend(FIGURE_HEADINGS);
    head.push(PROBLEMS_HEADING);
    if roster {
        head.push(ROSTER_HEADING);
    }
    head
}

impl Row {
    /// The fields under [`long_headings`]; the problems joined by `joiner`.
    pub fn long_fields(&self, roster: bool, joiner: &str) -> Vec<String> {
        let mut fields = self.fields().to_vec();
        fields.extend(self.figures.fields());
        fields.push(self.problems.join(joiner));
        if roster {
            fields.push(self.roster.clone());
        }
        fields
    }
}

/// The rows as CSV: UTF-8 with a byte-order mark, a heading line, CRLF;
/// the problems of a unit in one cell, separated by `；`.
pub fn csv(rows: &[Row], roster: bool) -> String {
    csv_of(&cells(rows, roster))
}

/// The table of the CSV and the workbook: the headings, then a line per
/// row, the problems of a unit in one cell separated by `；`.
pub fn cells(rows: &[Row], roster: bool) -> Vec<Vec<String>> {
    std::iter::once(
        long_headings(roster)
            .into_iter()
            .map(String::from)
            .collect(),
    )
    .chain(rows.iter().map(|r| r.long_fields(roster, "；")))
    .collect()
}

/// `table` as CSV: UTF-8 with a byte-order mark, CRLF.
pub fn csv_of(table: &[Vec<String>]) -> String {
    let mut out = String::from(BOM);
    for line in table {
        out.push_str(&csv_line(line));
    }
    out
}

/// The character encoding of a CSV file written for a spreadsheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Encoding {
    /// UTF-8 带 BOM（默认）：Excel、WPS、LibreOffice 都能直接打开
    #[default]
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    /// GB18030（兼容 GBK）：供只认 GBK 的旧版软件或系统
    #[value(name = "gb18030", alias = "gbk")]
    Gb18030,
}

impl Encoding {
    /// `text` (which starts with [`BOM`] when written for UTF-8) as bytes.
    pub fn encode(self, text: &str) -> Vec<u8> {
        match self {
            Encoding::Utf8 => text.as_bytes().to_vec(),
            Encoding::Gb18030 => {
                let text = text.strip_prefix(BOM).unwrap_or(text);
                encoding_rs::GB18030.encode(text).0.into_owned()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_escapes_and_neutralizes_formulas() {
        for (text, field) in [
            ("张店区", "张店区"),
            ("某局", "某局"),
            ("某局-办公室", "某局-办公室"),
            ("a,b", "\"a,b\""),
            ("a\"b", "\"a\"\"b\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("=1+1", "'=1+1"),
            ("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""),
            ("a\u{1b}[31mb\nc", "a\\u{1b}[31mb\\u{a}c"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("-2", "'-2"),
            ("-某局", "'-某局"),
            ("+1", "'+1"),
            ("+x,y", "\"'+x,y\""),
            ("a\nb", "a\\u{a}b"),
            // Typed with a Chinese input method, read as formulas all the
            // same (issue 75.6).
            ("＝HYPERLINK(1)", "'＝HYPERLINK(1)"),
            ("＋1", "'＋1"),
            ("－1", "'－1"),
            ("＠x", "'＠x"),
        ] {
            assert_eq!(csv_field(text), field, "{text}");
        }
        for sign in ['＝', '＋', '－', '＠'] {
            let unit = format!("{sign}HYPERLINK(1)某局");
            assert_eq!(csv_field(&unit), format!("'{unit}"));
        }
    }

    #[test]
    fn problems_put_errors_first_with_names() {
        let found = [
            ("PREV", false, "", "w1"),
            ("T3-BAL", true, "依申请公开.本年新收[0]", "e1"),
            ("PREV", false, "", "w2"),
            ("T3-BAL", true, "", "e2"),
        ];
        let p = problems(found.iter().copied());
        assert_eq!(p.len(), 4);
        assert!(p[0].starts_with("错误 T3-BAL（"), "{p:?}");
        assert!(
            p[0].ends_with("：e1（位置：依申请公开.本年新收[0]）"),
            "{p:?}"
        );
        assert!(p[1].ends_with("：e2"), "{p:?}");
        assert!(
            p[2].starts_with("警告 PREV（上年数据文件无法使用）：w1"),
            "{p:?}"
        );
        assert_eq!(p[3], "另有 1 条");
    }

    #[test]
    fn gb18030_drops_the_bom() {
        let text = format!("{BOM}机关,年度\r\n");
        let bytes = Encoding::Gb18030.encode(&text);
        assert_eq!(&bytes[..4], [0xbb, 0xfa, 0xb9, 0xd8]);
        assert_eq!(Encoding::Utf8.encode(&text), text.as_bytes());
    }

    #[test]
    fn widths_count_chinese_as_two() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("机关"), 4);
        assert_eq!(width("（一）"), 6);
    }
}
