//! What the claim reader read from each sentence of a report, for a clerk
//! or a developer asking why a sentence was or was not compared
//! (`nianbao explain --claims FILE`): the same reading NARR uses, written
//! out as data.

use super::approx::Approximation;
use super::change::{self, Direction};
use super::negation::{Denial, Item};
use super::numbers::{Figure, Unit};
use super::reading::{self, Reading};
use super::said::{self, Said};
use super::tables;
use super::topic::{Category, Topic};
use crate::model::Report;
use serde::Serialize;

/// What was read from one narrative.
#[derive(Debug, Clone, Serialize)]
pub struct TextClaims {
    /// The narrative's data path (`政府信息公开工作概况`).
    pub path: &'static str,
    /// Its sentences, in order.
    pub sentences: Vec<SentenceClaims>,
}

/// What was read from one sentence.
#[derive(Debug, Clone, Serialize)]
pub struct SentenceClaims {
    /// The sentence as read (placeholders replaced by their values).
    pub text: String,
    /// The headings it stands under, joined by ` / `.
    pub headings: String,
    /// Whether it is read as about 政府信息公开 requests.
    pub about_requests: bool,
    /// Its exact figures, each with what it stands for when read.
    pub figures: Vec<FigureClaim>,
    /// Its approximate counts and bounded shares, each as the range it allows.
    pub approximate: Vec<String>,
    /// What it says did not happen this year.
    pub denials: Vec<String>,
    /// Changes over last year it states.
    pub changes: Vec<String>,
    /// The years it names.
    pub years: Vec<i32>,
    /// The agencies it names as the subject of the report's work.
    pub subjects: Vec<String>,
    /// The other body it is about (`市住建局`, `全区`), whose figures are
    /// not compared with the report's tables.
    pub elsewhere: Option<String>,
}

/// An exact figure and what it was read to count.
#[derive(Debug, Clone, Serialize)]
pub struct FigureClaim {
    /// As written (`12件`, `37.5%`).
    pub text: String,
    /// The measure it was read as (a table figure's name), if any.
    pub measure: Option<String>,
    /// The cell's data path, when the measure is one cell.
    pub cell: Option<String>,
    /// The table's value for the measure, when there is one.
    pub table: Option<u64>,
}

/// Reads every narrative of `report` as NARR does.
pub fn explain(report: &Report) -> Vec<TextClaims> {
    let ours = super::elsewhere::Ours::of(report);
    report
        .narratives()
        .into_iter()
        .map(|(path, text)| {
            let simplified = crate::model::hant::simplified(&text.value);
            let reading = reading::reading(report, &simplified);
            let claims = said::read(&reading.chars, report.year.value, &ours);
            let sentences = claims
                .sentences
                .iter()
                .map(|s| sentence(&reading, &claims, s))
                .collect();
            TextClaims { path, sentences }
        })
        .collect()
}

fn sentence(reading: &Reading<'_>, claims: &said::Claims, s: &Said) -> SentenceClaims {
    let report = reading.report;
    let written = |start: usize, end: usize| reading.quote(start, end.min(reading.original.len()));
    let figures = s
        .figures
        .iter()
        .map(|&i| {
            let f = &claims.figures[i];
            let category = s.counted.iter().find(|(j, _)| *j == i).map(|(_, c)| *c);
            let values = category.and_then(|c| tables::values(report, c));
            FigureClaim {
                text: written(f.start, f.end),
                measure: values.as_ref().map(|(_, name)| name.clone()),
                cell: category.and_then(|c| tables::cell(report, c)),
                table: values.and_then(|(v, _)| v.first().copied()),
            }
        })
        .collect();
    let approximate = claims
        .approximations_of(s)
        .iter()
        .map(|a: &Approximation| format!("{}（{}）", written(a.start, a.end), a.range()))
        .chain(
            claims
                .shares_of(s)
                .iter()
                .map(|b| format!("{}（比例{}）", written(b.start, b.end), b.range())),
        )
        .collect();
    let denials = s
        .denials
        .iter()
        .map(|d| format!("{}：{}", written(d.start, d.end), denied(report, d)))
        .collect();
    let changes = changes_of(reading, claims, s);
    SentenceClaims {
        text: s.text.trim().to_string(),
        headings: s.sentence.headings.clone(),
        about_requests: s.topic == Topic::Requests,
        figures,
        approximate,
        denials,
        changes,
        years: s.years.clone(),
        subjects: s
            .subjects
            .iter()
            .map(|name| format!("{name}（{}）", standing(report, name)))
            .collect(),
        elsewhere: s.elsewhere.clone(),
    }
}

/// The changes over last year a sentence states, in words: of counts, and
/// of rates in percentage points.
fn changes_of(reading: &Reading<'_>, claims: &said::Claims, s: &Said) -> Vec<String> {
    // Another body's changes are not compared either.
    if s.elsewhere.is_some() {
        return Vec::new();
    }
    let report = reading.report;
    let inside: Vec<&Figure> = claims.figures_of(s);
    // Changes are compared only in sentences about requests, as NARR does.
    let compared = if s.topic == Topic::Requests {
        s.sentence.range.clone()
    } else {
        0..0
    };
    let compared_points = compared.clone();
    change::changes(
        &reading.chars,
        compared,
        &inside,
        &s.counted
            .iter()
            .map(|&(i, c)| (claims.figures[i].start, c))
            .collect::<Vec<_>>(),
        report.year.value,
    )
    .into_iter()
    .map(|c| {
        let name = tables::values(report, c.category).map_or_else(String::new, |(_, n)| n);
        let way = match c.direction {
            Direction::Up => "增加",
            Direction::Down => "减少",
            Direction::Same => "持平",
            Direction::Was => "为",
        };
        let by = match (c.by, c.worded) {
            (Some(f), _) => {
                let unit = if f.unit == Unit::Percent { "%" } else { "" };
                format!(" {}{unit}", f.value)
            }
            (None, Some(change::Worded::Tenths(n))) => format!(" 约 {}%", n * 10),
            (None, Some(change::Worded::TenthsRange(from, None))) => {
                format!(" {}% 以上", from * 10)
            }
            (None, Some(change::Worded::TenthsRange(from, Some(to)))) => {
                format!(" {}% 至 {}%", from * 10, to * 10)
            }
            (None, Some(change::Worded::Doubled)) => " 约一倍".into(),
            (None, Some(change::Worded::Direction)) => "（未写幅度）".into(),
            (None, Some(change::Worded::Times(times, _))) => format!("（为上年的 {times} 倍）"),
            (None, None) => String::new(),
        };
        if c.direction == Direction::Was {
            format!("{name}上年{way}{by}")
        } else {
            format!("{name}较上年{way}{by}")
        }
    })
    .chain(
        super::points::point_changes(&reading.chars, compared_points, report.year.value)
            .into_iter()
            .map(|p| {
                let way = if p.direction == Direction::Up {
                    "提高"
                } else {
                    "下降"
                };
                format!("{}较上年{way} {} 个百分点", p.rate, p.points)
            }),
    )
    .collect()
}

/// Where a named agency stands to the report's, in words, as TEXT-AGENCY
/// judges it (`model::names::standing`, by the map where it can).
fn standing(report: &Report, name: &str) -> &'static str {
    use crate::model::names::{self, Standing};
    let ours = report.agency.value.trim();
    if ours.is_empty() {
        return "本报告未写机关";
    }
    let mut known = vec![ours.to_string()];
    known.extend(report.former_names().into_iter().map(String::from));
    if !matches!(names::find(name, &known), names::Match::None) {
        return "本机关";
    }
    let judged = report.judged();
    match names::standing(name, ours, judged.government || judged.march) {
        Standing::Ours => "本机关",
        Standing::Above => "上级或更大范围的机关，不报",
        Standing::Below => "下级机关，不报",
        Standing::Other => "另一个机关：TEXT-AGENCY 报告",
    }
}

/// The name of what a denial says is zero.
fn denied(report: &Report, d: &Denial) -> String {
    match d.item {
        Item::Table(c) => table_name(report, c),
        Item::Requests => "政府信息公开申请".into(),
        Item::FeeNotices => "收费通知".into(),
        Item::FeeCollected => "信息处理费".into(),
        Item::Fees => "收费".into(),
        Item::Documents(what) => format!("表二文件（{what}）"),
    }
}

fn table_name(report: &Report, c: Category) -> String {
    tables::values(report, c).map_or_else(|| "表格中的一项".to_string(), |(_, name)| name)
}
