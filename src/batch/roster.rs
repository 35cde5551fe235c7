//! The roster of the agencies that must report (`--roster 名单`): read from
//! a text file (one agency per line), a CSV file or a workbook (a column),
//! and reconciled with the files of a folder: who has not submitted, who
//! submitted twice, whose file is of another year or edition, whose name
//! only nearly matches.
//!
//! A roster is untrusted input like any other: read bounded, in UTF-8 (with
//! or without BOM), UTF-16 with BOM or GB18030 (what Excel and WPS on
//! Windows save), blank lines, a heading line (`单位名称`) and numbering
//! (`1.`, `（一）`) set aside.

use std::collections::BTreeMap;
use std::path::Path;

use super::names::{self, Match};
use crate::diag::excerpt;
use crate::model::Edition;
use crate::model::agency::Kind;

/// The largest roster file read.
pub const MAX_BYTES: u64 = 4 * 1024 * 1024;

/// The most names a roster may hold.
pub const MAX_NAMES: usize = 5_000;

/// The headings a roster's name column goes by (compared normalized).
const HEADINGS: [&str; 11] = [
    "单位名称",
    "单位",
    "机关名称",
    "机关",
    "名称",
    "部门",
    "部门名称",
    "报送单位",
    "单位全称",
    "填报单位",
    "名单",
];

/// The headings of a roster's column of former names (an agency renamed:
/// its files of last year, or this year's written by the old name).
const FORMER_HEADINGS: [&str; 6] = [
    "曾用名",
    "原名称",
    "原单位名称",
    "原名",
    "曾用名称",
    "更名前名称",
];

/// The heading of a roster's column of what each agency is (`政府` or
/// `部门`, `model::agency::Kind`), standing in for a file's `机关类型`.
/// Only this heading: columns such as `单位类型` hold other words
/// (行政单位, 事业单位), and a bad value refuses the roster.
const KIND_HEADINGS: [&str; 1] = ["机关类型"];

/// The headings of a roster's column of regions (issue 64.4): the county
/// a unit belongs to, or its path from the top (`某市/某县`).
const REGION_HEADINGS: [&str; 8] = [
    "所属区县",
    "区县",
    "所属地区",
    "地区",
    "上级",
    "所属",
    "行政区划",
    "所属行政区",
];

/// The most levels of a region's path (province, city, county, township).
pub const MAX_REGION_LEVELS: usize = 4;

/// The agencies that must report, in roster order, each once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Roster {
    /// The names as written (trimmed).
    pub names: Vec<String>,
    /// The former names of each agency (a column headed `曾用名` or
    /// `原名称`, names separated by `、` or `；`), in the order of `names`;
    /// empty where none is given.
    pub former: Vec<Vec<String>>,
    /// The region of each agency (a column headed `所属区县`, `上级` or
    /// `地区`: its names from the top down, separated by `/`), in the order
    /// of `names`; empty where none is given (a flat roster is one county).
    pub regions: Vec<String>,
    /// What each agency is (a column headed `机关类型`: `政府` or `部门`),
    /// in the order of `names`; `None` where none is given. Shorter than
    /// `names` when the roster was made without it (none given).
    pub kinds: Vec<Option<Kind>>,
    /// Notes on what was set aside (a name listed twice), in Chinese.
    pub notes: Vec<String>,
}

/// Reads the roster at `path`. The error is the complete Chinese message.
pub fn read(path: &Path) -> Result<Roster, String> {
    let bytes =
        crate::files::read_limited(path, MAX_BYTES, "名单文件").map_err(|e| e.to_string())?;
    from_bytes(path, &bytes)
}

/// The roster at `path` when one is given (`--roster`); a roster that
/// cannot be read stops the command as a usage error.
pub fn read_given(path: Option<&Path>) -> Result<Option<Roster>, crate::stop::Stop> {
    path.map(read).transpose().map_err(crate::stop::Stop::usage)
}

/// The roster in `bytes`, read from `path` (a workbook, else text; CSV by
/// the extension). The error is the complete Chinese message.
pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<Roster, String> {
    let shown = path.display();
    let rows: Vec<Vec<String>> = if crate::xlsx::is_workbook(bytes) {
        crate::xlsx::text_rows(bytes).map_err(|e| format!("{shown}：{e}"))?
    } else {
        let decoded = crate::import::decode::decode(bytes, false)
            .map_err(|e| format!("{shown}：无法读取为名单：{e}"))?;
        let csv = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
        if csv {
            let records = csv_records(&decoded.text);
            if let Some(row) = records
                .iter()
                .position(|r| r.iter().any(|f| f.contains(['\n', '\r'])))
            {
                return Err(format!(
                    "{shown}：第 {} 行：单元格中有换行（Excel 中的 Alt+回车），名单的每一格只能写一行",
                    row + 1
                ));
            }
            records
        } else {
            decoded.text.lines().map(|l| vec![l.to_string()]).collect()
        }
    };
    let roster = from_rows(&rows).map_err(|e| format!("{shown}：{e}"))?;
    if roster.names.is_empty() {
        return Err(format!(
            "{shown}：名单中没有单位名称（每行一个单位，或 CSV、Excel 表格中“单位名称”一列）"
        ));
    }
    Ok(roster)
}

/// The roster in `rows` (lines of a text file, rows of a table): the column
/// headed by one of [`HEADINGS`], else the first column holding Chinese.
pub fn from_rows(rows: &[Vec<String>]) -> Result<Roster, String> {
    let heading = rows
        .iter()
        .position(|r| r.iter().any(|c| !c.trim().is_empty()));
    let headed = heading.and_then(|h| {
        rows[h]
            .iter()
            .position(|c| HEADINGS.contains(&names::normalize(c).as_str()))
            .map(|col| (h, col))
    });
    let (start, col) = match headed {
        Some((h, col)) => (h + 1, col),
        None => (0, chinese_column(rows)),
    };
    let former_col = headed.and_then(|(h, _)| {
        rows[h]
            .iter()
            .position(|c| FORMER_HEADINGS.contains(&names::normalize(c).as_str()))
    });
    let region_col = headed.and_then(|(h, _)| {
        rows[h]
            .iter()
            .position(|c| REGION_HEADINGS.contains(&names::normalize(c).as_str()))
    });
    let kind_col = headed.and_then(|(h, _)| {
        rows[h]
            .iter()
            .position(|c| KIND_HEADINGS.contains(&names::normalize(c).as_str()))
    });
    let mut roster = Roster {
        names: Vec::new(),
        former: Vec::new(),
        regions: Vec::new(),
        kinds: Vec::new(),
        notes: Vec::new(),
    };
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (i, row) in rows.iter().enumerate().skip(start) {
        let Some(cell) = row.get(col) else { continue };
        let name =
            strip_numbering(cell.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}'));
        if name.is_empty() {
            continue;
        }
        if name
            .chars()
            .any(|c| c.is_control() || crate::source::is_hidden(c))
            || name.chars().count() > crate::load::MAX_AGENCY_CHARS
        {
            return Err(format!(
                "第 {} 行“{}”不像单位名称（含控制字符或超过 {} 个字）",
                i + 1,
                excerpt(name),
                crate::load::MAX_AGENCY_CHARS
            ));
        }
        if let Some(first) = seen.get(&names::normalize(name)) {
            roster.notes.push(format!(
                "名单第 {} 行“{}”与第 {first} 行重复，只算一次",
                i + 1,
                excerpt(name)
            ));
            continue;
        }
        if roster.names.len() == MAX_NAMES {
            return Err(format!("名单超过 {MAX_NAMES} 个单位，不像一个县的名单"));
        }
        seen.insert(names::normalize(name), i + 1);
        roster.names.push(name.to_string());
        let former = former_col
            .and_then(|c| row.get(c))
            .map_or("", String::as_str);
        roster.former.push(former_names(former));
        let region = region_col
            .and_then(|c| row.get(c))
            .map_or("", String::as_str);
        roster
            .regions
            .push(region_path(region).map_err(|e| format!("第 {} 行：{e}", i + 1))?);
        let kind = kind_col.and_then(|c| row.get(c)).map_or("", String::as_str);
        roster
            .kinds
            .push(kind_cell(kind).map_err(|e| format!("第 {} 行：{e}", i + 1))?);
    }
    Ok(roster)
}

/// A cell of the 机关类型 column: `None` when blank; refused when it is
/// neither 政府 nor 部门 (nor a word for one, `Kind::parse`).
fn kind_cell(cell: &str) -> Result<Option<Kind>, String> {
    let cell = cell.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if cell.is_empty() {
        return Ok(None);
    }
    Kind::parse(cell)
        .map(Some)
        .ok_or_else(|| format!("机关类型“{}”只能写“政府”或“部门”", excerpt(cell)))
}

/// A cell of the region column as a path: its names from the top down,
/// separated by `/`, `／`, `>` or `＞` in the cell, joined by `/`; empty
/// for an empty cell. Refused: more than [`MAX_REGION_LEVELS`] names, a
/// name too long or with control characters.
pub fn region_path(cell: &str) -> Result<String, String> {
    let parts: Vec<&str> = cell
        .split(['/', '／', '>', '＞'])
        .map(|n| n.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}'))
        .filter(|n| !n.is_empty())
        .collect();
    if parts.len() > MAX_REGION_LEVELS {
        return Err(format!(
            "所属区县“{}”超过 {MAX_REGION_LEVELS} 级",
            excerpt(cell)
        ));
    }
    if let Some(bad) = parts.iter().find(|n| {
        n.chars().count() > crate::load::MAX_AGENCY_CHARS
            || n.chars()
                .any(|c| c.is_control() || crate::source::is_hidden(c))
    }) {
        return Err(format!(
            "所属区县“{}”不像地区名称（含控制字符或超过 {} 个字）",
            excerpt(bad),
            crate::load::MAX_AGENCY_CHARS
        ));
    }
    Ok(parts.join("/"))
}

/// The names of a cell of former names: split at `、`, `；`, `;`, `，`, `/`,
/// each trimmed; names too long or with control characters are dropped.
fn former_names(cell: &str) -> Vec<String> {
    cell.split(['、', '；', ';', '，', ',', '/'])
        .map(|n| n.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}'))
        .filter(|n| {
            !n.is_empty()
                && n.chars().count() <= crate::load::MAX_AGENCY_CHARS
                && !n
                    .chars()
                    .any(|c| c.is_control() || crate::source::is_hidden(c))
        })
        .take(8)
        .map(String::from)
        .collect()
}

impl Roster {
    /// The roster made ready for matching names, once per run.
    pub fn matcher(&self) -> Matcher<'_> {
        let mut owners = Vec::new();
        let mut flat = Vec::new();
        for (n, list) in self.former.iter().enumerate() {
            for f in list {
                owners.push(n);
                flat.push(f.as_str());
            }
        }
        Matcher {
            roster: self,
            names: names::Index::new(&self.names),
            former: names::Index::new(&flat),
            owners,
        }
    }
}

/// A roster with its names and former names indexed ([`names::Index`]):
/// made once, it matches each file's agency in time proportional to the
/// name, not to the roster.
#[derive(Debug, Clone)]
pub struct Matcher<'a> {
    roster: &'a Roster,
    /// The roster's names.
    names: names::Index,
    /// Every former name of every entry, flat.
    former: names::Index,
    /// The entry each of the flat former names belongs to.
    owners: Vec<usize>,
}

impl Matcher<'_> {
    /// The roster entry of `agency` (see [`names::Index::find`]).
    pub fn find(&self, agency: &str) -> Match {
        self.names.find(agency)
    }

    /// The former names the roster gives for `agency` (matched as names
    /// are: regions added or left out, a slip of a character or two).
    pub fn former_names_of(&self, agency: &str) -> &[String] {
        match self.find(agency) {
            Match::Exact(n) | Match::Near(n, _) => {
                self.roster.former.get(n).map_or(&[], Vec::as_slice)
            }
            Match::Ambiguous(_) | Match::None => &[],
        }
    }

    /// What the roster says `agency` is (its 机关类型 column), matched as
    /// names are; `None` when it says nothing or the name is not found.
    pub fn kind_of(&self, agency: &str) -> Option<Kind> {
        match self.find(agency) {
            Match::Exact(n) | Match::Near(n, _) => self.roster.kinds.get(n).copied().flatten(),
            Match::Ambiguous(_) | Match::None => None,
        }
    }

    /// The roster's name of the entry `agency` matches (exactly or near).
    pub fn entry_name(&self, agency: &str) -> Option<&str> {
        match self.find(agency) {
            Match::Exact(n) | Match::Near(n, _) => self.roster.names.get(n).map(String::as_str),
            Match::Ambiguous(_) | Match::None => None,
        }
    }

    /// The roster entry whose former name `agency` is, when exactly one.
    fn by_former_name(&self, agency: &str) -> Option<usize> {
        match self.former.find(agency) {
            Match::Exact(i) | Match::Near(i, _) => self.owners.get(i).copied(),
            Match::Ambiguous(_) | Match::None => None,
        }
    }
}

/// The first column with a cell holding a Chinese character (0 when none).
fn chinese_column(rows: &[Vec<String>]) -> usize {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    (0..width)
        .find(|&col| {
            rows.iter().any(|r| {
                r.get(col)
                    .is_some_and(|c| c.chars().any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch)))
            })
        })
        .unwrap_or(0)
}

/// `name` without a leading list number: `1.`, `1、`, `12）`, `（一）`, `一、`.
fn strip_numbering(name: &str) -> &str {
    let digits = name.trim_start_matches(|c: char| c.is_ascii_digit() || c.is_whitespace());
    if digits.len() < name.len()
        && let Some(rest) = digits
            .strip_prefix(['.', '、', '．', ')', '）', ','])
            .or(digits.strip_prefix(['\t', ' ']))
    {
        return rest.trim_start();
    }
    const NUMERALS: &str = "一二三四五六七八九十";
    let bracket = name
        .strip_prefix(['(', '（'])
        .map(|r| r.trim_start_matches(|c| NUMERALS.contains(c)))
        .and_then(|r| r.strip_prefix([')', '）']));
    if let Some(rest) = bracket {
        return rest.trim_start();
    }
    let numeral = name.trim_start_matches(|c| NUMERALS.contains(c));
    if numeral.len() < name.len()
        && let Some(rest) = numeral.strip_prefix('、')
    {
        return rest.trim_start();
    }
    name
}

/// The records of a CSV text, each its fields (quotes as Excel writes
/// them; a quoted field may hold a line break, kept in it, as Excel writes a
/// cell typed with Alt+Enter). A line ends at `\n` or `\r\n`.
fn csv_records(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(std::mem::take(&mut field)),
            ('\r', false) if chars.peek() == Some(&'\n') => {}
            ('\n', false) => {
                fields.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut fields));
            }
            (c, _) => field.push(c),
        }
    }
    if !field.is_empty() || !fields.is_empty() {
        fields.push(field);
        records.push(fields);
    }
    records
}

/// One file of the folder, as the roster sees it.
#[derive(Debug, Clone)]
pub struct Submission {
    /// The file name.
    pub file: String,
    /// Its `机关` (empty when the file could not be read as a report).
    pub agency: String,
    /// Its year (0 when unknown).
    pub year: i32,
    /// Its edition, when known.
    pub edition: Option<Edition>,
}

/// The roster held against the files.
#[derive(Debug, Clone, Default)]
pub struct Reconciled {
    /// The year most files are of, against which the others are held.
    pub year: Option<i32>,
    /// Per submission, what the roster says of it (empty when all is well).
    pub per_file: Vec<String>,
    /// The submissions' file names, in order.
    pub files: Vec<String>,
    /// Roster names no file reports on.
    pub missing: Vec<String>,
    /// Roster names with more than one file: the name and the files.
    pub twice: Vec<(String, Vec<String>)>,
    /// How many files match a roster name only nearly.
    pub near: usize,
    /// How many files name an agency the roster does not hold.
    pub outside: usize,
    /// How many files are of another year or edition.
    pub wrong_year: usize,
}

impl Reconciled {
    /// Whether anything calls for a look (what a clerk has to phone about).
    pub fn has_findings(&self) -> bool {
        !self.missing.is_empty()
            || !self.twice.is_empty()
            || self.near + self.outside + self.wrong_year > 0
    }

    /// The account in Chinese, one line each: the counts, then who is
    /// missing and who submitted twice.
    pub fn lines(&self, roster: &Roster) -> Vec<String> {
        let mut lines = vec![format!(
            "名单 {} 个单位：{} 个已报送，{} 个未报送{}{}{}{}。",
            roster.names.len(),
            roster.names.len() - self.missing.len(),
            self.missing.len(),
            count_part("重复报送", self.twice.len()),
            count_part("名称与名单不完全一致", self.near),
            count_part("不在名单中", self.outside),
            count_part("年度或格式不符", self.wrong_year),
        )];
        if !self.missing.is_empty() {
            lines.push(format!("未报送：{}", self.missing.join("、")));
        }
        for (name, files) in &self.twice {
            lines.push(format!("重复报送：{name}（{}）", files.join("、")));
        }
        // The other remarks on single files (duplicates are listed above).
        for (file, said) in self.files.iter().zip(&self.per_file) {
            let rest: Vec<&str> = said
                .split('；')
                .filter(|s| !s.is_empty() && !s.starts_with("重复报送"))
                .collect();
            if !rest.is_empty() {
                lines.push(format!("{file}：{}", rest.join("；")));
            }
        }
        lines.extend(roster.notes.iter().cloned());
        lines
    }
}

fn count_part(what: &str, n: usize) -> String {
    if n == 0 {
        String::new()
    } else {
        format!("，{what} {n} 个")
    }
}

/// Holds `files` against `roster`. The year is `year` when given, else
/// the one most files are of (the earliest of equals).
pub fn reconcile(roster: &Roster, files: &[Submission], year: Option<i32>) -> Reconciled {
    let year = year.or_else(|| common_year(files));
    let mut out = Reconciled {
        year,
        per_file: vec![String::new(); files.len()],
        files: files.iter().map(|f| f.file.clone()).collect(),
        ..Reconciled::default()
    };
    let mut by_name: Vec<Vec<usize>> = vec![Vec::new(); roster.names.len()];
    let matcher = roster.matcher();
    for (i, f) in files.iter().enumerate() {
        let mut notes: Vec<String> = Vec::new();
        if f.agency.trim().is_empty() {
            notes.push("无法读出机关名称".into());
        } else {
            let former = || matcher.by_former_name(&f.agency);
            match matcher.find(&f.agency) {
                Match::Exact(n) => by_name[n].push(i),
                Match::Near(n, why) => {
                    by_name[n].push(i);
                    out.near += 1;
                    notes.push(format!("名单中应为“{}”？（{why}）", roster.names[n]));
                }
                _ if former().is_some() => {
                    let n = former().unwrap_or_default();
                    by_name[n].push(i);
                    notes.push(format!("写的是曾用名，名单中为“{}”", roster.names[n]));
                }
                Match::Ambiguous(ns) => {
                    out.outside += 1;
                    let list: Vec<&str> = ns.iter().map(|&n| roster.names[n].as_str()).collect();
                    notes.push(format!("不在名单中；可能是“{}”之一", list.join("”“")));
                }
                Match::None => {
                    out.outside += 1;
                    notes.push("不在名单中".into());
                }
            }
        }
        if let Some(wrong) = wrong_year(f, year) {
            out.wrong_year += 1;
            notes.push(wrong);
        }
        out.per_file[i] = notes.join("；");
    }
    for (n, hits) in by_name.iter().enumerate() {
        // Several years of one unit are no duplicates: only files of the
        // year held against count twice.
        let hits: Vec<usize> = hits
            .iter()
            .copied()
            .filter(|&i| year.is_none_or(|y| files[i].year == y || files[i].year == 0))
            .collect();
        if hits.is_empty() && !by_name[n].is_empty() {
            // Only other years: said on the files (年度不符).
            continue;
        }
        match hits.len() {
            0 => out.missing.push(roster.names[n].clone()),
            1 => {}
            _ => {
                let names: Vec<String> = hits.iter().map(|&i| files[i].file.clone()).collect();
                for &i in &hits {
                    let others: Vec<&str> = hits
                        .iter()
                        .filter(|&&j| j != i)
                        .map(|&j| files[j].file.as_str())
                        .collect();
                    let note = format!("重复报送（另见 {}）", others.join("、"));
                    let cell = &mut out.per_file[i];
                    *cell = if cell.is_empty() {
                        note
                    } else {
                        format!("{note}；{cell}")
                    };
                }
                out.twice.push((roster.names[n].clone(), names));
            }
        }
    }
    out
}

/// What is wrong with the year or edition of `f`, held against `year`.
fn wrong_year(f: &Submission, year: Option<i32>) -> Option<String> {
    let year = year?;
    if f.year == 0 {
        return None;
    }
    if f.year != year {
        return Some(format!("是 {} 年度的，应为 {year} 年度", f.year));
    }
    let edition = f.edition?;
    let due = Edition::for_year(i64::from(year));
    (edition != due).then(|| format!("用的是 {edition} 版格式，{year} 年度应为 {due} 版"))
}

/// The year most of `files` are of; the earliest of equals.
pub fn common_year(files: &[Submission]) -> Option<i32> {
    let mut counts: BTreeMap<i32, usize> = BTreeMap::new();
    for f in files.iter().filter(|f| f.year > 0) {
        *counts.entry(f.year).or_default() += 1;
    }
    let most = counts.values().copied().max()?;
    counts.into_iter().find(|(_, n)| *n == most).map(|(y, _)| y)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<Vec<String>> {
        csv_records(text)
    }

    /// A cell typed with Alt+Enter in Excel (a quoted line break) is
    /// refused, naming its row, not read as a unit of its own.
    #[test]
    fn a_cell_with_a_line_break_is_refused_by_its_row() {
        let csv = "单位名称,机关类型\n某县教育局,\"政府\n部门\"\n某县财政局,部门\n";
        let e = from_bytes(Path::new("名单.csv"), csv.as_bytes()).unwrap_err();
        assert_eq!(
            e,
            "名单.csv：第 2 行：单元格中有换行（Excel 中的 Alt+回车），名单的每一格只能写一行"
        );
        let fine = from_bytes(
            Path::new("名单.csv"),
            "单位名称\r\n某县教育局\r\n".as_bytes(),
        )
        .unwrap();
        assert_eq!(fine.names, ["某县教育局"]);
    }

    #[test]
    fn a_text_roster_sets_aside_headings_numbers_and_blanks() {
        let r = from_rows(&rows(
            "\u{feff}单位名称\n\n1. 淄博市张店区审计局\n（二）淄博市张店区统计局\n\u{3000}马尚街道办事处\u{3000}\n3、淄博市张店区审计局\n",
        ))
        .unwrap();
        assert_eq!(
            r.names,
            ["淄博市张店区审计局", "淄博市张店区统计局", "马尚街道办事处"]
        );
        assert_eq!(r.notes.len(), 1, "{:?}", r.notes);
        assert!(r.notes[0].contains("第 6 行"), "{:?}", r.notes);
    }

    #[test]
    fn a_region_column_gives_each_unit_its_path() {
        let r = from_rows(&rows(
            "单位名称,所属区县\n甲县教育局, 某市 ／甲县 \n某市财政局,某市\n乙局,\n",
        ))
        .unwrap();
        assert_eq!(r.regions, ["某市/甲县", "某市", ""]);
        let flat = from_rows(&rows("单位名称\n甲局\n")).unwrap();
        assert_eq!(flat.regions, [""]);
        let deep = from_rows(&rows("单位名称,上级\n甲局,a/b/c/d/e\n")).unwrap_err();
        assert!(
            deep.contains("第 2 行") && deep.contains("超过 4 级"),
            "{deep}"
        );
    }

    #[test]
    fn a_csv_roster_takes_the_named_column() {
        let r = from_rows(&rows(
            "序号,单位名称,联系人\n1,\"张店区审计局\",王某\n2,张店区统计局,李某\n",
        ))
        .unwrap();
        assert_eq!(r.names, ["张店区审计局", "张店区统计局"]);
        let r = from_rows(&rows("1,张店区审计局\n2,张店区统计局\n")).unwrap();
        assert_eq!(r.names, ["张店区审计局", "张店区统计局"]);
        assert!(from_rows(&rows("a\u{1b}b局")).is_err());
        assert_eq!(
            csv_records("a,\"b,\"\"c\"\"\",d\r\ne,\"f\ng\"\n"),
            [vec!["a", "b,\"c\"", "d"], vec!["e", "f\ng"]]
        );
    }

    #[test]
    fn a_roster_is_bounded() {
        let many: Vec<Vec<String>> = (0..=MAX_NAMES).map(|i| vec![format!("第{i}局")]).collect();
        assert!(from_rows(&many).unwrap_err().contains("超过 5000 个单位"));
        let long = vec![vec!["局".repeat(crate::load::MAX_AGENCY_CHARS + 1)]];
        assert!(from_rows(&long).unwrap_err().starts_with("第 1 行"));
    }

    fn sub(file: &str, agency: &str, year: i32) -> Submission {
        Submission {
            file: file.into(),
            agency: agency.into(),
            year,
            edition: Some(Edition::for_year(i64::from(year))),
        }
    }

    #[test]
    fn a_column_of_former_names_is_read_and_used() {
        let rows: Vec<Vec<String>> = [
            vec!["序号", "单位名称", "曾用名"],
            vec!["1", "某市某区交通运输局", "某市某县交通运输局、某县交通局"],
            vec!["2", "某市某区审计局", ""],
        ]
        .iter()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
        let roster = from_rows(&rows).unwrap();
        assert_eq!(roster.names.len(), 2);
        assert_eq!(
            roster.matcher().former_names_of("某区交通运输局"),
            ["某市某县交通运输局", "某县交通局"]
        );
        assert!(
            roster
                .matcher()
                .former_names_of("某市某区审计局")
                .is_empty()
        );
        let files = [sub("a.yaml", "某市某县交通运输局", 2024)];
        let rec = reconcile(&roster, &files, Some(2024));
        assert_eq!(
            rec.per_file[0],
            "写的是曾用名，名单中为“某市某区交通运输局”"
        );
    }

    #[test]
    fn missing_twice_near_outside_and_wrong_year() {
        let roster = Roster {
            names: [
                "淄博市张店区审计局",
                "淄博市张店区统计局",
                "马尚街道办事处",
                "淄博市张店区财政局",
            ]
            .map(String::from)
            .to_vec(),
            former: vec![Vec::new(); 4],
            regions: vec![String::new(); 4],
            kinds: Vec::new(),
            notes: Vec::new(),
        };
        let files = [
            sub("a.yaml", "淄博市张店区审计局", 2025),
            sub("c.yaml", "张店区统计局", 2025),
            sub("b.yaml", "淄博市张店区审计局", 2025),
            sub("d.yaml", "淄博市张店区教育局", 2025),
            sub("e.yaml", "马尚街道办事处", 2024),
        ];
        let r = reconcile(&roster, &files, None);
        // Another year of the same unit is no duplicate.
        let mut years = files.to_vec();
        years.push(sub("f.yaml", "淄博市张店区统计局", 2024));
        let y = reconcile(&roster, &years, Some(2025));
        assert_eq!(y.twice.len(), 1, "{:?}", y.twice);
        assert_eq!(y.per_file[5], "是 2024 年度的，应为 2025 年度");
        assert_eq!(r.year, Some(2025));
        assert_eq!(r.missing, ["淄博市张店区财政局"]);
        assert_eq!(r.twice.len(), 1);
        assert_eq!(r.per_file[0], "重复报送（另见 b.yaml）");
        assert_eq!(r.per_file[2], "重复报送（另见 a.yaml）");
        assert_eq!(
            r.per_file[1],
            "名单中应为“淄博市张店区统计局”？（少写了地名“淄博市”）"
        );
        assert_eq!(r.per_file[3], "不在名单中");
        assert_eq!(r.per_file[4], "是 2024 年度的，应为 2025 年度");
        let lines = r.lines(&roster);
        assert_eq!(
            lines[0],
            "名单 4 个单位：3 个已报送，1 个未报送，重复报送 1 个，名称与名单不完全一致 1 个，不在名单中 1 个，年度或格式不符 1 个。"
        );
        assert_eq!(lines[2], "重复报送：淄博市张店区审计局（a.yaml、b.yaml）");
        assert_eq!(
            lines[3],
            "c.yaml：名单中应为“淄博市张店区统计局”？（少写了地名“淄博市”）"
        );
        assert!(r.has_findings());
    }

    #[test]
    fn the_edition_a_year_requires() {
        let mut f = sub("a.yaml", "某局", 2024);
        f.edition = Some(Edition::E2019);
        assert_eq!(
            wrong_year(&f, Some(2024)).as_deref(),
            Some("用的是 2019 版格式，2024 年度应为 2021 版")
        );
        assert_eq!(common_year(&[]), None);
    }

    #[test]
    fn a_kind_column_says_what_each_agency_is() {
        let rows: Vec<Vec<String>> = [
            vec!["单位名称", "机关类型"],
            vec!["某市某某片区综合管理局", "政府"],
            vec!["某市某区人民政府办公室", "部门"],
            vec!["某市某区审计局", ""],
        ]
        .iter()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
        let roster = from_rows(&rows).unwrap();
        let m = roster.matcher();
        assert_eq!(m.kind_of("某市某某片区综合管理局"), Some(Kind::Government));
        assert_eq!(m.kind_of("某区人民政府办公室"), Some(Kind::Department));
        assert_eq!(m.kind_of("某市某区审计局"), None);
        let mut bad = rows.clone();
        bad[3][1] = "街道".into();
        let e = from_rows(&bad).unwrap_err();
        assert!(e.contains("第 4 行") && e.contains("机关类型“街道”"), "{e}");
    }
}
