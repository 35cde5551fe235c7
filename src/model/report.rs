//! The data of one report, as loaded from a data file.
//!
//! Every value keeps the place it was written ([`Span`]) so that rules can
//! point at it. Cells are `Option`s: a report that failed to load completely
//! still carries whatever was readable, so that all problems are reported in
//! one run and `build --draft` can show the rest.

use super::Edition;
use super::number::{Decimal, Number};
use super::official::{self, T3Row};
use super::schema::{contact, top};
use crate::source::Span;

/// A value with the place it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub span: Span,
}

impl<T> Located<T> {
    /// Pairs a value with its place.
    pub fn new(value: T, span: Span) -> Located<T> {
        Located { value, span }
    }
}

/// A calendar date (`成文日期`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// Day, 1–31.
    pub day: u32,
}

/// The value of a Chinese digit (`〇`, `○`, `零`, `一` … `九`; the
/// letter O typed for `〇`), as dates write them.
pub(crate) fn chinese_digit(c: char) -> Option<u32> {
    match c {
        '〇' | '○' | '零' | 'O' | 'Ｏ' => Some(0),
        '一' => Some(1),
        '二' => Some(2),
        '三' => Some(3),
        '四' => Some(4),
        '五' => Some(5),
        '六' => Some(6),
        '七' => Some(7),
        '八' => Some(8),
        '九' => Some(9),
        _ => None,
    }
}

/// `text` with each run of Chinese numerals written in Arabic numerals, as
/// GB/T 9704 wants a 成文日期: `二〇二六年一月十五日` → `2026年1月15日`. A
/// run with `十` is a number up to 99 (`十五`, `二十`, `三十一`); one
/// without is read digit by digit (`二〇二六`).
fn with_arabic_numerals(text: &str) -> String {
    let is_numeral =
        |c: char| c == '十' || (chinese_digit(c).is_some() && !c.is_ascii() && c != 'Ｏ');
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if !is_numeral(chars[i]) {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let run: Vec<char> = chars[i..]
            .iter()
            .copied()
            .take_while(|&c| is_numeral(c))
            .collect();
        i += run.len();
        match run.iter().position(|&c| c == '十') {
            Some(at) => {
                let tens = if at == 0 {
                    Some(1)
                } else if at == 1 {
                    chinese_digit(run[0])
                } else {
                    None
                };
                let units = match run.len() - at - 1 {
                    0 => Some(0),
                    1 => chinese_digit(run[at + 1]),
                    _ => None,
                };
                match tens.zip(units) {
                    Some((t, u)) => out.push_str(&(t * 10 + u).to_string()),
                    None => out.extend(run),
                }
            }
            None => out.extend(
                run.iter()
                    .filter_map(|&c| chinese_digit(c))
                    .map(|d| char::from(b'0' + d as u8)),
            ),
        }
    }
    out
}

impl Date {
    /// Parses `YYYY-MM-DD`, and the forms a clerk types for it
    /// (`2025年1月10日`, `2025/1/10`, `2025.1.10`, full-width digits), and
    /// checks that the day exists.
    pub fn parse(text: &str) -> Option<Date> {
        let text = with_arabic_numerals(text.trim());
        let text: String = text
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
                '年' | '月' | '/' | '.' | '／' | '．' | '－' => '-',
                c => c,
            })
            .collect();
        let text = text.strip_suffix('日').unwrap_or(&text);
        let mut parts = text.split('-').map(str::trim);
        let year: i32 = parts.next()?.parse().ok()?;
        let month: u32 = parts.next()?.parse().ok()?;
        let day: u32 = parts.next()?.parse().ok()?;
        if parts.next().is_some() || !(1000..=9999).contains(&year) {
            return None;
        }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days)
            .contains(&day)
            .then_some(Date { year, month, day })
    }

    /// The date as printed under the signature: `2025年1月10日`.
    pub fn chinese(&self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }

    /// A date the report of `year` could be signed on (10 January of
    /// the year after), in Chinese, for hints: `2026年1月10日`.
    pub fn example(year: Option<i32>) -> String {
        let y = year
            .filter(|y| (2000..9999).contains(y))
            .map_or(2026, |y| y + 1);
        format!("{y}年1月10日")
    }

    /// ISO form `2025-01-10`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Markdown text with the place of its value in the file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    /// The text as loaded.
    pub value: String,
    /// Place of the value in the file.
    pub span: Span,
}

/// Contact details printed in the opening paragraph.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contact {
    /// 地址.
    pub address: Option<Located<String>>,
    /// 邮编.
    pub postcode: Option<Located<String>>,
    /// 电话.
    pub phone: Option<Located<String>>,
    /// 邮箱.
    pub email: Option<Located<String>>,
}

impl Contact {
    /// Each line with its data-file key, in the order written and printed
    /// ([`contact::ALL`]).
    pub fn lines(&self) -> [(&'static str, Option<&Located<String>>); 4] {
        [
            (contact::ADDRESS, self.address.as_ref()),
            (contact::POSTCODE, self.postcode.as_ref()),
            (contact::PHONE, self.phone.as_ref()),
            (contact::EMAIL, self.email.as_ref()),
        ]
    }
}

/// One cell of section 二: a number and an optional printed note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct T2Value {
    /// The number.
    pub number: Located<Number>,
    /// Note printed after the number, in brackets.
    pub note: Option<String>,
}

/// Section 二 (`主动公开`): cells indexed `[group][row][cell]` in the order of
/// [`official::t2_groups`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table2 {
    /// The cells; `None` where empty.
    pub cells: Vec<Vec<Vec<Option<T2Value>>>>,
    /// Where each row was written (the row key), `[group][row]`.
    pub row_spans: Vec<Vec<Span>>,
    /// Where `主动公开` was written.
    pub span: Span,
}

impl Table2 {
    /// An empty table shaped for `edition`.
    pub fn empty(edition: Edition) -> Table2 {
        let groups = official::t2_groups(edition);
        Table2 {
            cells: groups
                .iter()
                .map(|g| g.rows.iter().map(|r| vec![None; r.cells.len()]).collect())
                .collect(),
            row_spans: groups
                .iter()
                .map(|g| vec![Span::default(); g.rows.len()])
                .collect(),
            span: Span::default(),
        }
    }

    /// The cell at `[group][row][cell]` (indices into
    /// [`official::t2_groups`]); `None` where it is empty or not there.
    pub fn at(&self, group: usize, row: usize, cell: usize) -> Option<&T2Value> {
        self.cells.get(group)?.get(row)?.get(cell)?.as_ref()
    }

    /// The cell of row `row_key`, cell `cell_key` (`None` for single-number
    /// rows), with keys from [`schema::t2`](super::schema::t2). A key that is
    /// in neither edition's schema is a programming error, caught by every
    /// test that reaches the call.
    pub fn get(&self, edition: Edition, row_key: &str, cell_key: Option<&str>) -> Option<&T2Value> {
        debug_assert!(
            [Edition::E2019, Edition::E2021]
                .iter()
                .any(|&e| official::t2_has_cell(e, row_key, cell_key)),
            "section 二 has no cell {row_key}.{cell_key:?} in any edition"
        );
        for (gi, g) in official::t2_groups(edition).iter().enumerate() {
            for (ri, r) in g.rows.iter().enumerate() {
                if r.key == row_key {
                    let ci = r.cells.iter().position(|c| c.key == cell_key)?;
                    return self.at(gi, ri, ci);
                }
            }
        }
        None
    }
}

/// The three document figures of a section-二 row (规章, 行政规范性文件 …):
/// made, repealed and in force (2021), or newly made, newly published and
/// published in all (2019).
#[derive(Debug, Clone, Copy)]
pub struct Documents<'a> {
    /// 本年制发 / 本年新制作.
    pub made: Option<&'a Located<Number>>,
    /// 本年废止 / 本年新公开.
    pub second: Option<&'a Located<Number>>,
    /// 现行有效 / 对外公开总数.
    pub in_force: Option<&'a Located<Number>>,
}

impl Table2 {
    /// The document figures of `row` (a row of the first group) under
    /// `edition`'s keys.
    pub fn documents(&self, edition: Edition, row: &str) -> Documents<'_> {
        use super::schema::t2;
        let keys = match edition {
            Edition::E2021 => [t2::MADE, t2::REPEALED, t2::VALID],
            Edition::E2019 => [t2::MADE_2019, t2::PUBLISHED_2019, t2::TOTAL_2019],
        };
        let cell = |k: &str| self.get(edition, row, Some(k)).map(|v| &v.number);
        Documents {
            made: cell(keys[0]),
            second: cell(keys[1]),
            in_force: cell(keys[2]),
        }
    }
}

/// A count in a table cell.
pub type Count = Located<u64>;

/// One row of section 三 or 四: input cells and the printed total, if written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CountRow {
    /// The input cells (6 in section 三, 4 in section 四); `None` where empty.
    pub cells: Vec<Option<Count>>,
    /// The printed total (7th or 5th number), if written.
    pub printed_total: Option<Count>,
    /// Where the row was written (its value), or the parent key when missing.
    pub span: Span,
    /// Whether the row appears in the file at all.
    pub present: bool,
}

impl CountRow {
    /// An empty row of `width` input cells.
    pub fn empty(width: usize) -> CountRow {
        CountRow {
            cells: vec![None; width],
            ..CountRow::default()
        }
    }

    /// The sum of the input cells, or `None` if any is empty or it overflows.
    pub fn sum(&self) -> Option<u64> {
        self.cells
            .iter()
            .try_fold(0u64, |acc, c| acc.checked_add(c.as_ref()?.value))
    }

    /// Value of column `col`, where `col == width` is the total: the printed
    /// one when written, else the computed sum.
    pub fn column(&self, col: usize) -> Option<u64> {
        if col < self.cells.len() {
            self.cells[col].as_ref().map(|c| c.value)
        } else {
            self.total()
        }
    }

    /// Whether the printed total, if any, agrees with the cells.
    pub fn total_is_consistent(&self) -> bool {
        match (&self.printed_total, self.sum()) {
            (Some(p), Some(s)) => p.value == s,
            _ => true,
        }
    }

    /// The row total: printed when written, else computed.
    pub fn total(&self) -> Option<u64> {
        self.printed_total
            .as_ref()
            .map(|c| c.value)
            .or_else(|| self.sum())
    }

    /// The place of column `col` (the printed total for `col == width`), or
    /// the row's place when that cell is not written.
    pub fn cell_span(&self, col: usize) -> Span {
        let cell = if col < self.cells.len() {
            self.cells[col].as_ref()
        } else {
            self.printed_total.as_ref()
        };
        cell.map_or(self.span, |c| c.span)
    }

    /// Whether every input cell is filled.
    pub fn is_complete(&self) -> bool {
        self.cells.iter().all(Option::is_some)
    }
}

/// Section 三 (`依申请公开`): rows in the order of [`official::t3_rows`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table3 {
    /// The rows.
    pub rows: Vec<CountRow>,
    /// Where `依申请公开` was written.
    pub span: Span,
}

impl Table3 {
    /// An empty table shaped for `edition`.
    pub fn empty(edition: Edition) -> Table3 {
        Table3 {
            rows: official::t3_rows(edition)
                .iter()
                .map(|_| CountRow::empty(official::T3_INPUT_COLUMNS))
                .collect(),
            span: Span::default(),
        }
    }

    /// The row at `index` together with its definition.
    pub fn row(&self, edition: Edition, index: usize) -> (&'static T3Row, &CountRow) {
        (&official::t3_rows(edition)[index], &self.rows[index])
    }

    /// Value of column `col` (0–6, 6 = 总计) of the row at `index`, computing
    /// totals that were not written. The result-total row is the sum of the
    /// result rows when it was not written.
    pub fn value(&self, edition: Edition, index: usize, col: usize) -> Option<u64> {
        let def = &official::t3_rows(edition)[index];
        let row = &self.rows[index];
        if def.role == official::T3Role::ResultTotal && !row.present {
            return self.results_sum(edition, col);
        }
        row.column(col)
    }

    /// Sum of the leaf result rows in column `col`. The 总计 column is
    /// unknown (`None`) when a result row's printed total disagrees with its
    /// cells: that row is reported by T3-ROWSUM, and no other total should be
    /// judged against a figure known to be wrong.
    pub fn results_sum(&self, edition: Edition, col: usize) -> Option<u64> {
        let leaves = || {
            official::t3_rows(edition)
                .iter()
                .zip(&self.rows)
                .filter(|(d, _)| d.role == official::T3Role::Result)
        };
        if col == official::T3_TOTAL_COLUMN && !leaves().all(|(_, r)| r.total_is_consistent()) {
            return None;
        }
        leaves().try_fold(0u64, |acc, (_, r)| acc.checked_add(r.column(col)?))
    }
}

/// Section 四 (`复议诉讼`): the three groups in the order of [`official::T4_GROUPS`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table4 {
    /// The rows.
    pub rows: Vec<CountRow>,
    /// Where `复议诉讼` was written.
    pub span: Span,
}

impl Table4 {
    /// An empty table.
    pub fn empty() -> Table4 {
        Table4 {
            rows: official::T4_GROUPS
                .iter()
                .map(|_| CountRow::empty(official::T4_INPUT_COLUMNS))
                .collect(),
            span: Span::default(),
        }
    }
}

/// The information-processing fee statement of section 六.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fee {
    /// 收费通知件数.
    pub notices: Option<Count>,
    /// 收费通知金额, 万元.
    pub notice_amount: Option<Located<Decimal>>,
    /// 实际收取金额, 万元.
    pub collected: Option<Located<Decimal>>,
    /// Where `信息处理费` was written.
    pub span: Span,
}

impl Fee {
    /// Whether all three figures are zero.
    pub fn is_nil(&self) -> bool {
        self.notices.as_ref().is_some_and(|n| n.value == 0)
            && self
                .notice_amount
                .as_ref()
                .is_some_and(|a| a.value.is_zero())
            && self.collected.as_ref().is_some_and(|a| a.value.is_zero())
    }
}

/// One report, as loaded from its data file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// `格式`.
    pub edition: Located<Edition>,
    /// `机关`.
    pub agency: Located<String>,
    /// `年度`; 0 when missing or impossible (already reported).
    pub year: Located<i32>,
    /// `成文日期`.
    pub date: Option<Located<Date>>,
    /// `联系方式`.
    pub contact: Contact,
    /// `前言`.
    pub preface: Option<Text>,
    /// `上年数据`, as written (relative to the data file).
    pub previous: Option<Located<String>>,
    /// `曾用名`, as written: the agency's former names, separated by
    /// `、`, `；` or `,` ([`Report::former_names`]).
    pub former_names: Option<Located<String>>,
    /// `机关类型`: what the agency is declared to be, and where that came
    /// from (the file, or a roster standing in for it); [`Report::judged`].
    pub kind: Option<(Located<super::agency::Kind>, super::agency::Basis)>,
    /// `总体情况`.
    pub overview: Text,
    /// `主动公开`.
    pub table2: Table2,
    /// `依申请公开`.
    pub table3: Table3,
    /// `复议诉讼`.
    pub table4: Table4,
    /// `问题及改进`.
    pub problems: Text,
    /// `其他事项.信息处理费`.
    pub fee: Option<Fee>,
    /// `其他事项.正文`.
    pub other: Text,
    /// Where `其他事项` was written.
    pub other_span: Span,
    /// `沿用上年`, as written: one entry per paragraph carried from last
    /// year's report and not yet confirmed ([`super::carried`]).
    pub carried: Vec<Located<String>>,
    /// `沿用数字`, as written: one entry per figure of a carried paragraph
    /// not yet changed or confirmed ([`super::carried::carried_figures`]).
    pub carried_figures: Vec<Located<String>>,
}

/// How many table cells of a report are filled, table by table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Fill {
    /// Filled and total cells of 表二 (主动公开).
    pub table2: (usize, usize),
    /// Filled and total cells of 表三 (依申请公开), printed totals and the optional 办理结果.总计 row not counted.
    pub table3: (usize, usize),
    /// Filled and total cells of 表四 (复议诉讼), printed totals not counted.
    pub table4: (usize, usize),
    /// Filled and total figures of the fee statement (2021 format).
    pub fee: (usize, usize),
}

impl Fill {
    /// Filled cells in all tables.
    pub fn filled(&self) -> usize {
        self.table2.0 + self.table3.0 + self.table4.0 + self.fee.0
    }

    /// Cells in all tables.
    pub fn total(&self) -> usize {
        self.table2.1 + self.table3.1 + self.table4.1 + self.fee.1
    }

    /// Cells still to fill.
    pub fn empty(&self) -> usize {
        self.total() - self.filled()
    }
}

/// Filled and total of a run of optional cells.
fn fill_of<'a, T: 'a>(cells: impl IntoIterator<Item = &'a Option<T>>) -> (usize, usize) {
    cells
        .into_iter()
        .fold((0, 0), |(f, t), c| (f + usize::from(c.is_some()), t + 1))
}

impl Report {
    /// A report of `edition` for `agency` and `year` with nothing else
    /// written: empty texts and tables, no optional field, and in the 2021
    /// format an empty fee statement. Every place is the default one.
    pub fn blank(edition: Edition, agency: String, year: i32) -> Report {
        let nowhere = crate::source::Span::default();
        Report {
            edition: Located::new(edition, nowhere),
            agency: Located::new(agency, nowhere),
            year: Located::new(year, nowhere),
            date: None,
            contact: Contact::default(),
            preface: None,
            previous: None,
            former_names: None,
            kind: None,
            overview: Text::default(),
            table2: Table2::empty(edition),
            table3: Table3::empty(edition),
            table4: Table4::empty(),
            problems: Text::default(),
            // The 2019 format has no fee item.
            fee: (edition == Edition::E2021).then(Fee::default),
            other: Text::default(),
            other_span: nowhere,
            carried: Vec::new(),
            carried_figures: Vec::new(),
        }
    }

    /// How many table cells are filled; the figures a clerk still has to
    /// enter are `total - filled`.
    pub fn fill(&self) -> Fill {
        let fee = match (&self.fee, self.edition()) {
            (Some(f), _) => (
                usize::from(f.notices.is_some())
                    + usize::from(f.notice_amount.is_some())
                    + usize::from(f.collected.is_some()),
                3,
            ),
            (None, Edition::E2021) => (0, 3),
            (None, _) => (0, 0),
        };
        Fill {
            table2: fill_of(self.table2.cells.iter().flatten().flatten()),
            // The optional 办理结果.总计 row is computed, not a row to fill.
            table3: fill_of(
                self.table3
                    .rows
                    .iter()
                    .zip(official::t3_rows(self.edition()))
                    .filter(|(_, def)| def.role != official::T3Role::ResultTotal)
                    .flat_map(|(r, _)| &r.cells),
            ),
            table4: fill_of(self.table4.rows.iter().flat_map(|r| &r.cells)),
            fee,
        }
    }

    /// Whether section 六 prints the fee statement from the figures: when
    /// they are given, and always in the 2021 format, which asks for them.
    pub fn fee_printed(&self) -> bool {
        self.fee.is_some() || self.edition() == Edition::E2021
    }

    /// The report's title: `{机关}{年度}年政府信息公开工作年度报告`.
    pub fn title(&self) -> String {
        format!(
            "{}{}年政府信息公开工作年度报告",
            self.agency.value, self.year.value
        )
    }

    /// Takes `kind` (declared by `basis`: a roster) as what the agency is,
    /// unless the file declares it itself.
    pub fn declare_if_silent(&mut self, kind: super::agency::Kind, basis: super::agency::Basis) {
        if self.kind.is_none() {
            self.kind = Some((Located::new(kind, crate::source::Span::default()), basis));
        }
    }

    /// The edition in force.
    pub fn edition(&self) -> Edition {
        self.edition.value
    }

    /// What the agency is taken to be: what the file (or a roster) declares,
    /// else what its name says ([`super::agency::judge`]).
    pub fn judged(&self) -> super::agency::Judged {
        super::agency::judge(
            &self.agency.value,
            self.kind.as_ref().map(|(k, basis)| (k.value, *basis)),
        )
    }

    /// The agency's former names declared in `曾用名`, split at `、`, `；`,
    /// `;`, `,` and `，` (blank parts dropped).
    pub fn former_names(&self) -> Vec<&str> {
        self.former_names
            .as_ref()
            .map(|f| {
                f.value
                    .split(['、', '；', ';', ',', '，'])
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The narrative fields with their data-file keys, in report order.
    pub fn narratives(&self) -> Vec<(&'static str, &Text)> {
        let mut out = Vec::new();
        if let Some(p) = &self.preface {
            out.push((top::PREFACE, p));
        }
        out.push((top::OVERVIEW, &self.overview));
        out.push((top::PROBLEMS, &self.problems));
        out.push(("其他事项.正文", &self.other));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_digits_and_their_lookalikes() {
        let read: Vec<Option<u32>> = "〇一二三四五六七八九".chars().map(chinese_digit).collect();
        assert_eq!(read, (0..10).map(Some).collect::<Vec<_>>());
        for zero in ['○', '零', 'O', 'Ｏ'] {
            assert_eq!(chinese_digit(zero), Some(0), "{zero}");
        }
        for other in ['十', '0', '壹', '年', 'o'] {
            assert_eq!(chinese_digit(other), None, "{other}");
        }
    }

    #[test]
    fn dates_as_clerks_type_them() {
        let want = Some(Date {
            year: 2026,
            month: 1,
            day: 15,
        });
        for typed in [
            "2026-01-15",
            "2026-1-15",
            "2026年1月15日",
            "2026年01月15日",
            " 2026 年 1 月 15 日 ",
            "２０２６年１月１５日",
            "2026/1/15",
            "2026.1.15",
            "二〇二六年一月十五日",
            "二○二六年一月十五日",
            "二零二六年一月十五日",
        ] {
            assert_eq!(Date::parse(typed), want, "{typed}");
        }
        assert_eq!(
            Date::parse("二〇二五年十二月三十一日").map(|d| d.chinese()),
            Some("2025年12月31日".to_string())
        );
        assert_eq!(Date::parse("二〇二六年二月二十日").map(|d| d.day), Some(20));
        assert_eq!(Date::parse("二〇二六年十月一日").map(|d| d.month), Some(10));
        for bad in [
            "2026年2月30日",
            "2026年1月",
            "1月15日",
            "2026-01-15-1",
            "二〇二六年一月四十五日",
            "二〇二六年一月十五五日",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_complete_report_has_nothing_left_to_fill() {
        // The optional 办理结果.总计 row is not a row to fill (issue 25.11).
        for ed in [Edition::E2019, Edition::E2021] {
            let fill = crate::testutil::report(ed).fill();
            assert_eq!(fill.empty(), 0, "{ed:?}: {fill:?}");
        }
    }
}
