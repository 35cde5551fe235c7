//! Pages end where they should (issue 62.2): on every fixture, the
//! examples and the benchmark report, the free lines at the foot of each
//! page but the last, read back from the PDF, are at most two, except
//! where a named keep rule forbids filling them, and then the rule is
//! measured on the next page: what it kept together is taller than the
//! room that was left. No page ends with a heading (issue 77.5); the
//! fixtures include a fifty-page report with headings three deep and
//! nested lists (`hardtext-long.yaml`, made by `make_long.py`).

use std::path::Path;

use crate::common::TempDir;
use crate::pdf_inspect::{self, TextLine};

use nianbao::render::document;
use nianbao::render::pdf::{self, PdfOptions};

const REPORTS: [&str; 13] = [
    "tests/fixtures/hardtext/hardtext-2024.yaml",
    "tests/fixtures/hardtext/hardtext-lists.yaml",
    "tests/fixtures/hardtext/hardtext-figures.yaml",
    "tests/fixtures/hardtext/hardtext-long.yaml",
    "tests/fixtures/hardtext/hardtext-2025.yaml",
    "tests/fixtures/hardtext/hardtext-donghu.yaml",
    "tests/fixtures/hardtext/hardtext-lingang.yaml",
    "tests/fixtures/hardtext/hardtext-wanghu.yaml",
    "tests/fixtures/hardtext/hardtext-nanla.yaml",
    "examples/zhangdian-transport-2020.yaml",
    "examples/zibo-yiyuan-traffic-2020.yaml",
    "examples/zibo-zhangdian-traffic-2024.yaml",
    "benches/report-2500.yaml",
];

/// GB/T 9704 type area, in points from the page's top-left.
const MM: f64 = 72.0 / 25.4;
const TOP: f64 = 37.0 * MM;
const BOTTOM: f64 = TOP + 225.0 * MM;
const PITCH: f64 = 225.0 * MM / 22.0;

/// Free lines allowed at a page foot: two, measured from the lowest text.
const MOST_FREE: f64 = 2.0;
/// A page ending in a table row ends below its lowest text: the cell's
/// padding under the centred text and the gap under the table (about 12
/// pt) are not free.
const TABLE_SLACK: f64 = 0.45;

/// Text printed at the top of every page a table continues on.
const TABLE_HEADS: [&str; 4] = ["信息内容", "申请人情况", "行政复议", "第二十条"];

/// The text of the lowest line of `page` when it stands alone on its
/// baseline (no table row: a row has its figures beside its label).
fn lone_last_line(lines: &[TextLine], page: usize) -> Option<String> {
    let on: Vec<&TextLine> = lines
        .iter()
        .filter(|l| l.page == page && l.y1 < BOTTOM + 2.0)
        .collect();
    let lowest = on.iter().map(|l| l.y0).fold(f64::MIN, f64::max);
    let last: Vec<&&TextLine> = on.iter().filter(|l| (l.y0 - lowest).abs() < 2.0).collect();
    (last.len() == 1).then(|| last[0].text.clone())
}

/// A heading no list item looks like: 一、… or （一）… (a list's marks are
/// 1. （1） ①, as a heading of the third or fourth level's).
fn is_part_heading(text: &str) -> bool {
    let mut c = text.chars();
    match c.next() {
        Some('（') => c.next().is_some_and(|d| "一二三四五六七八九十".contains(d)),
        Some(d) if "一二三四五六七八九十".contains(d) => c.next() == Some('、'),
        _ => false,
    }
}

/// A heading of the report: 一、… or （一）…, or a short line numbered
/// 1.… or （1）… with no full stop (a heading by its form, issue 77.5).
fn is_heading(text: &str) -> bool {
    let numbered = || {
        let t = text.trim_start_matches('（');
        let digits = t.chars().take_while(char::is_ascii_digit).count();
        let after = t.chars().nth(digits);
        digits > 0
            && matches!(after, Some('.' | '．' | '）'))
            && text.chars().count() <= 20
            && !text.contains('。')
    };
    is_part_heading(text) || numbered()
}

/// One row of a page: its top, its bottom, its text and its left edge.
type Row = (f64, f64, String, f64);

/// The left edge of the type area.
const LEFT: f64 = 28.0 * MM;

/// The lines of `page` inside the type area, top to bottom, those of one
/// baseline merged.
fn rows(lines: &[TextLine], page: usize) -> Vec<Row> {
    let mut on: Vec<&TextLine> = lines
        .iter()
        .filter(|l| l.page == page && l.y1 < BOTTOM + 2.0)
        .collect();
    on.sort_by(|a, b| (a.y0, a.x0).partial_cmp(&(b.y0, b.x0)).unwrap());
    let mut out: Vec<Row> = Vec::new();
    for l in on {
        match out.last_mut() {
            Some(r) if (r.0 - l.y0).abs() < 2.0 => {
                r.1 = r.1.max(l.y1);
                r.2.push_str(&l.text);
                r.3 = r.3.min(l.x0);
            }
            _ => out.push((l.y0, l.y1, l.text.clone(), l.x0)),
        }
    }
    out
}

/// Why the foot of a page may stay empty, given the page after it (`next`,
/// its lines) and the room that was left (`room`, points): the rule named,
/// or `None` when no rule explains it.
fn named_rule(next: &[Row], room: f64, last: bool) -> Option<&'static str> {
    let first = next.first()?;
    if last {
        // flow::SHORT_LAST: a last paragraph of up to three lines goes over
        // with the signature, so that the agency and date never stand alone.
        return Some("the last lines go over with the signature");
    }
    let starts = |r: Option<&Row>| r.is_none_or(|r| r.3 > LEFT + PITCH / 2.0 || is_heading(&r.2));
    // flow::goes_over: a paragraph of three lines starts on three slots or
    // none (two on one page would leave a lone line on the next).
    if starts(Some(first))
        && !starts(next.get(1))
        && !starts(next.get(2))
        && starts(next.get(3))
        && next[2].1 - TOP > room
    {
        return Some("three lines start on three slots or none");
    }
    // A block of table 二 (its 第二十条 title, head and rows) keeps together.
    if first.2.starts_with("第二十条") {
        let end = next
            .iter()
            .skip(1)
            .position(|r| r.2.starts_with("第二十条") || is_heading(&r.2))
            .map_or(next.len(), |i| i + 1);
        let block = next[end - 1].1 - TOP + TABLE_SLACK * PITCH;
        return (block > room).then_some("a block of table 二 keeps together");
    }
    if !is_heading(&first.2) {
        return None;
    }
    // What the heading keeps with: a table's head and two body rows (or
    // its whole body), else the paragraph's first two lines.
    let table = next
        .iter()
        .skip(1)
        .take(2)
        .any(|r| TABLE_HEADS.iter().any(|h| r.2.contains(h)));
    let kept = if table {
        // Body rows: lines holding figures below the head.
        let figures: Vec<&Row> = next
            .iter()
            .filter(|r| r.0 > first.1 && r.2.chars().any(|c| c.is_ascii_digit()))
            .take(2)
            .collect();
        figures.last().map(|r| r.1)?
    } else {
        // Two lines, or all three of a three-line paragraph (which starts
        // on three slots or none, flow::goes_over).
        let text: Vec<&Row> = next.iter().filter(|r| !is_heading(&r.2)).collect();
        let three = text.len() >= 3
            && !starts(text.get(1).copied())
            && !starts(text.get(2).copied())
            && starts(text.get(3).copied());
        text.get(if three { 2 } else { 1 })?.1
    };
    // A table's rows end that far below their text, with the gap under
    // the table: on this page's last row and on the last row kept.
    let edges = if table {
        2.0 * TABLE_SLACK * PITCH
    } else {
        0.0
    };
    (kept - TOP + edges > room).then_some(if table {
        "a heading keeps with its table's head and first two rows"
    } else {
        "a heading keeps with two lines of its paragraph (three of three)"
    })
}

#[test]
fn pages_end_within_two_free_lines_unless_a_named_rule_forbids() {
    let dir = TempDir::new("page-feet");
    let mut faults = Vec::new();
    for path in REPORTS {
        let checked = nianbao::check::check_path(Path::new(path), None).expect("loads");
        let report = checked.report.expect("a report");
        let doc = document::build(&report, None);
        let opts = PdfOptions {
            accept_missing_glyphs: true,
            ..PdfOptions::default()
        };
        let bytes = pdf::render(&doc, &opts).expect("renders");
        let name = Path::new(path).file_stem().unwrap().to_string_lossy();
        let file = dir.path(&format!("{name}.pdf"));
        std::fs::write(&file, bytes).unwrap();
        let read = pdf_inspect::read(&file);
        let (lines, pages) = (read.lines(), read.page_count());
        for page in 0..pages - 1 {
            // A heading never ends a page: it keeps with its text (issue
            // 77.5: a heading kept with two lines of a three-line
            // paragraph, which starts on three slots or none, stayed
            // alone at the foot).
            if let Some(text) = lone_last_line(&lines, page)
                && is_part_heading(&text)
                && text.chars().count() < 24
            {
                faults.push(format!(
                    "{name} page {}: ends with the heading {text:?}",
                    page + 1
                ));
            }
            let here = rows(&lines, page);
            let next = rows(&lines, page + 1);
            let lowest = here.iter().map(|r| r.1).fold(TOP, f64::max);
            let room = BOTTOM - lowest;
            let continues = next
                .first()
                .is_some_and(|r| TABLE_HEADS.iter().any(|h| r.2.contains(h)));
            let slack = if continues { TABLE_SLACK } else { 0.05 };
            let free = room / PITCH;
            if free <= MOST_FREE + slack {
                continue;
            }
            match named_rule(&next, room, page + 2 == pages) {
                Some(rule) => eprintln!("{name} page {}: {free:.1} lines free: {rule}", page + 1),
                None => faults.push(format!(
                    "{name} page {}: {free:.1} lines free before {:?}",
                    page + 1,
                    next.first().map(|r| r.2.as_str())
                )),
            }
        }
    }
    assert!(faults.is_empty(), "{faults:#?}");
}
