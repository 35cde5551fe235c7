//! Publication quality measured on the PDFs themselves, as a reviewer
//! would: the text lines read back in-process ([`pdf_inspect`], what
//! `pdftotext -bbox-layout` gives) give every line's box, and the page
//! content gives the letter-spacing of every run. Covers the three
//! examples and a long report (2,500 characters, all three tables).
//! `pdftotext` itself, where installed, cross-checks the lines.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::common::TempDir;
use crate::pdf_glyphs;
use crate::pdf_inspect;
pub(crate) use crate::pdf_inspect::TextLine;

use nianbao::render::document;
use nianbao::render::pdf::{self, PdfOptions};

const REPORTS: [&str; 4] = [
    "examples/zhangdian-transport-2020.yaml",
    "examples/zibo-yiyuan-traffic-2020.yaml",
    "examples/zibo-zhangdian-traffic-2024.yaml",
    "benches/report-2500.yaml",
];

/// GB/T 9704 type area, in points: 28 mm from the left, 37 mm from the
/// top, 156 mm × 225 mm, 22 lines of 28 characters.
const MM: f64 = 72.0 / 25.4;
const LEFT: f64 = 28.0 * MM;
const RIGHT: f64 = LEFT + 156.0 * MM;
const TOP: f64 = 37.0 * MM;
const BOTTOM: f64 = TOP + 225.0 * MM;
const PITCH: f64 = 225.0 * MM / 22.0;
const EM: f64 = 156.0 * MM / 28.0;

/// A PDF built and read back.
pub(crate) struct Built {
    pub(crate) name: String,
    pub(crate) pdf: PathBuf,
    pub(crate) lines: Vec<TextLine>,
    pub(crate) pages: usize,
}

impl Built {
    /// Reads `pdf` back (`name` names it in messages).
    pub(crate) fn read(name: &str, pdf: PathBuf) -> Built {
        let (lines, pages) = text_lines(&pdf);
        Built {
            name: name.to_string(),
            pdf,
            lines,
            pages,
        }
    }
}

/// The text lines of `pdf` with their boxes, read in-process, and its page
/// count.
pub(crate) fn text_lines(pdf: &Path) -> (Vec<TextLine>, usize) {
    let read = pdf_inspect::read(pdf);
    (read.lines(), read.page_count())
}

/// The four reports, built once and measured.
fn built() -> &'static [Built] {
    static DIR: OnceLock<TempDir> = OnceLock::new();
    static ALL: OnceLock<Vec<Built>> = OnceLock::new();
    ALL.get_or_init(|| {
        let dir = &DIR.get_or_init(|| TempDir::new("layout")).0;
        REPORTS
            .iter()
            .map(|path| {
                let checked = nianbao::check::check_path(Path::new(path), None).expect("loads");
                let report = checked.report.expect("a report");
                let doc = document::build(&report, None);
                let bytes = pdf::render(&doc, &PdfOptions::default()).expect("renders");
                let name = Path::new(path)
                    .file_stem()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                let pdf = dir.join(format!("{name}.pdf"));
                std::fs::write(&pdf, bytes).unwrap();
                let read = pdf_inspect::read(&pdf);
                let (lines, pages) = (read.lines(), read.page_count());
                Built {
                    name,
                    pdf,
                    lines,
                    pages,
                }
            })
            .collect()
    })
}

/// Body-size lines in the type area (16 pt: 仿宋 boxes are 16 pt tall, a
/// line with 黑体 in it up to 23 pt; table text is smaller), the pieces of one
/// baseline (a 黑体 run-in title and its 仿宋 text) joined, in reading order.
fn body_lines(b: &Built) -> Vec<TextLine> {
    // Table text never starts exactly at the margin or the indent.
    let on_measure = |x: f64| (x - LEFT).abs() < 0.5 || (x - LEFT - 2.0 * EM).abs() < 0.5;
    let mut v: Vec<TextLine> = b
        .lines
        .iter()
        .filter(|l| (15.7..24.0).contains(&(l.y1 - l.y0)) && l.y1 < BOTTOM + 2.0)
        .filter(|l| on_measure(l.x0) || l.x0 > LEFT + 3.0 * EM)
        .cloned()
        .collect();
    v.sort_by_key(|l| (l.page, l.y0 as i64, l.x0 as i64));
    let mut out: Vec<TextLine> = Vec::new();
    for l in v {
        match out.last_mut() {
            Some(m) if m.page == l.page && (m.y0 - l.y0).abs() < 2.0 => {
                m.x0 = m.x0.min(l.x0);
                m.x1 = m.x1.max(l.x1);
                m.text.push_str(&l.text);
            }
            _ => out.push(l),
        }
    }
    out
}

/// A heading of the report: 一、… or （一）….
fn is_heading(text: &str) -> bool {
    let mut c = text.chars();
    match c.next() {
        Some('（') => c.next().is_some_and(|d| "一二三四五六七八九十".contains(d)),
        Some(d) if "一二三四五六七八九十".contains(d) => c.next() == Some('、'),
        _ => false,
    }
}

/// Text printed at the top of every page a table continues on.
const TABLE_HEADS: [&str; 4] = ["信息内容", "申请人情况", "行政复议", "第二十条"];

#[test]
fn the_long_report_takes_eight_pages() {
    // Seven until table 三 stopped starting at page 4's foot with its head
    // and two rows (issue 32.5): it now starts page 5.
    let b = built().iter().find(|b| b.name == "report-2500").unwrap();
    assert_eq!(b.pages, 8);
}

/// Body rows of table 三 on each page it is printed on: the distinct
/// baselines of figures between the headings of sections 三 and 四.
fn table3_rows_per_page(b: &Built) -> Vec<usize> {
    let at = |key: &str| {
        b.lines
            .iter()
            .find(|l| l.text.contains(key))
            .map(|l| (l.page, l.y0))
            .unwrap_or_else(|| panic!("{}: no {key}", b.name))
    };
    let (from, to) = (
        at("三、收到和处理政府信息公开申请情况"),
        at("四、政府信息公开行政复议"),
    );
    let inside = |l: &TextLine| {
        let k = (l.page, l.y0);
        (k.0, k.1) > (from.0, from.1) && (k.0, k.1) < (to.0, to.1)
    };
    let mut out = Vec::new();
    for page in from.0..=to.0 {
        let mut ys: Vec<i64> = b
            .lines
            .iter()
            .filter(|l| l.page == page && inside(l))
            .filter(|l| !l.text.is_empty() && l.text.chars().all(|c| c.is_ascii_digit()))
            .map(|l| l.y0.round() as i64)
            .collect();
        ys.sort_unstable();
        ys.dedup_by(|a, b| (*a - *b).abs() <= 2);
        if !ys.is_empty() {
            out.push(ys.len());
        }
    }
    out
}

#[test]
fn table_three_starts_with_two_rows_and_continues_with_three() {
    // Two rows with the head (issue 62; was four, which left 6 to 8 empty
    // lines at the foot of the page before it).
    for b in built() {
        let rows = table3_rows_per_page(b);
        assert!(!rows.is_empty(), "{}: table 三 not found", b.name);
        if rows.len() > 1 {
            assert!(rows[0] >= 2, "{}: table 三 starts with {rows:?}", b.name);
            assert!(
                *rows.last().unwrap() >= 3,
                "{}: table 三 ends with {rows:?}",
                b.name
            );
        }
    }
}

#[test]
fn pages_end_within_two_lines_of_the_bottom() {
    for b in built() {
        for page in 0..b.pages - 1 {
            let lowest = b
                .lines
                .iter()
                .filter(|l| l.page == page && l.y1 < BOTTOM + 2.0)
                .map(|l| l.y1)
                .fold(0.0, f64::max);
            let early = (BOTTOM - lowest) / PITCH;
            if early <= 2.05 {
                continue;
            }
            // Allowed: the next page starts with a heading kept with what
            // follows it, or with a table whose next row could not split, or
            // it is the last page, where the last lines went over with the
            // signature.
            if page + 2 == b.pages {
                continue;
            }
            let first = b
                .lines
                .iter()
                .filter(|l| l.page == page + 1)
                .min_by(|a, b| a.y0.total_cmp(&b.y0))
                .unwrap();
            assert!(
                is_heading(&first.text) || TABLE_HEADS.iter().any(|h| first.text.contains(h)),
                "{} page {} ends {early:.1} lines early before {:?}",
                b.name,
                page + 1,
                first.text
            );
        }
    }
}

#[test]
fn body_lines_run_to_the_right_margin() {
    for b in built() {
        assert_lines_run_to_the_right_margin(b);
    }
}

/// Every body line but a paragraph's last ends at the right margin.
pub(crate) fn assert_lines_run_to_the_right_margin(b: &Built) {
    let lines = body_lines(b);
    for (l, next) in lines.iter().zip(lines.iter().skip(1)) {
        let indented = next.x0 > LEFT + 1.5 * EM;
        // Something else (a table) comes between the two lines.
        let apart = next.y0 - l.y0 > 1.5 * PITCH;
        let same_page = next.page == l.page;
        let ends_paragraph = indented || (apart && same_page) || is_heading(&next.text);
        // Headings, the signature and the date are not justified.
        if ends_paragraph || is_heading(&l.text) || l.x0 > LEFT + 3.0 * EM {
            continue;
        }
        // Before what may not be split (an address segment, a document
        // number; issue 62: never inside a segment that fits a line) a line
        // may stay short.
        if starts_unbreakable(&next.text) || next.text.contains("://") {
            continue;
        }
        assert!(
            RIGHT - l.x1 < 0.5 * EM,
            "{}: ragged line, {:.1} 字 short: {}",
            b.name,
            (RIGHT - l.x1) / EM,
            l.text
        );
    }
}

#[test]
fn no_table_cell_line_holds_a_lone_character() {
    for b in built() {
        for l in &b.lines {
            let han: Vec<char> = l.text.chars().collect();
            assert!(
                !(han.len() == 1 && ('\u{4e00}'..='\u{9fff}').contains(&han[0])),
                "{} page {}: a lone {:?} on its own line",
                b.name,
                l.page + 1,
                l.text
            );
        }
    }
}

/// `Tc` of every 16 pt run (glyphs one after another on one baseline with
/// one character spacing) beyond the grid's tracking (28 characters in
/// 156 mm), in points per character.
fn body_letter_spacing(pdf: &Path) -> Vec<f64> {
    let track = EM - 16.0;
    let mut out = Vec::new();
    let mut last: Option<pdf_glyphs::Glyph> = None;
    for g in pdf_glyphs::glyphs(pdf) {
        let body = (g.size - 16.0).abs() < 0.01;
        let same_run = last.as_ref().is_some_and(|l| {
            l.page == g.page && l.y == g.y && l.tc == g.tc && (l.size - 16.0).abs() < 0.01
        });
        if body && !same_run {
            out.push(g.tc - track);
        }
        last = Some(g);
    }
    out
}

#[test]
fn punctuation_is_compressed_before_letters_are_spaced() {
    for b in built() {
        let spacing = body_letter_spacing(&b.pdf);
        assert!(!spacing.is_empty(), "{}: no body runs found", b.name);
        let worst = spacing.iter().copied().fold(0.0, f64::max);
        // A line with no mark to compress may still be spaced out a little
        // (before a long number), never by a tenth of a character.
        assert!(worst < 1.6, "{}: {worst:.2} pt per character", b.name);
    }
    let long = built().iter().find(|b| b.name == "report-2500").unwrap();
    let spaced = body_letter_spacing(&long.pdf)
        .into_iter()
        .filter(|&s| s > 0.5)
        .count();
    assert!(spaced <= 2, "{spaced} runs of the long report spaced out");
}

#[test]
fn the_fee_sentence_is_right_for_the_year() {
    for b in built() {
        let text: String = b.lines.iter().map(|l| l.text.as_str()).collect();
        let cites_measure = text.contains("国办函〔2020〕109号");
        if b.name.contains("2020") {
            // The measure took effect on 2021-01-01.
            assert!(!cites_measure, "{} cites 国办函〔2020〕109号", b.name);
        } else {
            assert!(cites_measure, "{}: no fee sentence", b.name);
            assert!(
                text.contains("（一）政府信息公开信息处理费收取情况"),
                "{}: section 六 starts at （一）",
                b.name
            );
        }
    }
}

#[test]
fn no_page_ends_with_the_first_line_of_a_paragraph() {
    // The long report's last paragraph, three lines before the signature,
    // used to leave its first line at the foot of page 7 (the other two
    // went over with the signature).
    for b in built() {
        let lines = body_lines(b);
        for (l, next) in lines.iter().zip(lines.iter().skip(1)) {
            // A heading on its own line ends short of the margin; a
            // paragraph that opens with a run-in （四） does not.
            let heading = is_heading(&l.text) && l.x1 < RIGHT - EM;
            let starts = (l.x0 - LEFT - 2.0 * EM).abs() < 0.5 && !heading;
            let continues = (next.x0 - LEFT).abs() < 0.5;
            assert!(
                next.page == l.page || !(starts && continues),
                "{}: page {} ends with a paragraph's first line: {}",
                b.name,
                l.page + 1,
                l.text
            );
        }
    }
}

#[test]
fn the_signature_never_stands_alone_on_a_page() {
    for b in built() {
        let last = b.pages - 1;
        let on_last: Vec<&TextLine> = b
            .lines
            .iter()
            .filter(|l| l.page == last && !l.text.starts_with('—'))
            .collect();
        // The agency, the date, and at least one line of text above them.
        assert!(
            on_last.len() >= 3,
            "{}: the last page holds only {:?}",
            b.name,
            on_last.iter().map(|l| &l.text).collect::<Vec<_>>()
        );
    }
}

/// The 16 pt lines of running text, glyph by glyph, in reading order (the
/// signature and date, set off to the right, left out).
fn glyph_lines(b: &Built) -> Vec<Vec<pdf_glyphs::Glyph>> {
    let mut lines: BTreeMap<(usize, i64), Vec<pdf_glyphs::Glyph>> = BTreeMap::new();
    for g in pdf_glyphs::glyphs(&b.pdf) {
        if (g.size - 16.0).abs() < 0.01 {
            lines
                .entry((g.page, -(g.y * 10.0).round() as i64))
                .or_default()
                .push(g);
        }
    }
    lines
        .into_values()
        .map(|mut l| {
            l.sort_by(|a, b| a.x.total_cmp(&b.x));
            l
        })
        .filter(|l| l[0].x < LEFT + 3.0 * EM)
        .collect()
}

fn line_text(l: &[pdf_glyphs::Glyph]) -> String {
    l.iter().map(|g| g.ch).collect()
}

/// Marks that may meet another and be compressed against it.
const MARKS: &str = "，。、；：？！（）《》〈〉「」『』“”‘’【】〔〕…—";

#[test]
fn a_lone_mark_inside_a_line_is_narrowed_only_evenly_with_the_others() {
    // Marks are compressed where they meet another mark or end the line
    // (issue 32.1: to fit a line, about half the lone ，。、 used to be
    // narrowed, down to 0.56 em). A line too long for the measure beyond
    // what its letters give unseen (3 %) takes the rest from its lone
    // marks (issue 77.5): then every lone mark of the line gives the same,
    // at most its empty half.
    let mut pressed = 0;
    for b in built() {
        for l in glyph_lines(b) {
            let lone: Vec<&pdf_glyphs::Glyph> = (0..l.len().saturating_sub(1))
                .filter(|&i| {
                    !MARKS.contains(l[i + 1].ch) && (i == 0 || !MARKS.contains(l[i - 1].ch))
                })
                .map(|i| &l[i])
                .filter(|g| "，。、；：".contains(g.ch))
                .collect();
            let given: Vec<f64> = lone.iter().map(|g| g.natural - g.set).collect();
            if given.iter().all(|&d| d < 0.05) {
                continue;
            }
            pressed += 1;
            let (least, most) = given
                .iter()
                .fold((f64::MAX, f64::MIN), |(a, b), &d| (a.min(d), b.max(d)));
            assert!(
                most - least < 0.05 && most < EM * 0.5,
                "{}: marks narrowed unevenly ({least:.2}–{most:.2} pt) in {}",
                b.name,
                line_text(&l)
            );
        }
    }
    eprintln!("{pressed} lines with their lone marks compressed");
}

/// Whether a line starts with what issue 62 keeps whole: a document number
/// (`〔2019〕60号`, with its organ's abbreviation where it fits) or a
/// segment of an address or Latin word (`zwfw.`).
fn starts_unbreakable(text: &str) -> bool {
    let head: String = text.trim_start().chars().take(10).collect();
    head.chars()
        .next()
        .is_some_and(|c| c == '〔' || c.is_ascii_alphanumeric())
        // A document number with its organ's abbreviation, in brackets:
        // （那政办发〔2025〕17号）.
        || head.starts_with('（') && head.contains('〔')
}

/// Spacing of a line beyond the grid's, in per cent of a character.
fn spacing(l: &[pdf_glyphs::Glyph]) -> f64 {
    let tc = l
        .iter()
        .map(|g| g.tc)
        .fold(0.0, |a: f64, b| if b.abs() > a.abs() { b } else { a });
    (tc - (EM - 16.0)) / EM * 100.0
}

#[test]
fn no_line_is_spaced_out_beyond_three_per_cent() {
    // Was 9.9 % before 〔2019〕60号 and 6–9 % in the 2020 examples: the
    // breaks of a paragraph are now chosen together (issue 32.2). Lines
    // may be tightened a little more (a 29th character, 3.6 %), never by
    // a twentieth.
    for b in built() {
        assert_no_line_spaced_beyond_three_per_cent(b);
    }
}

/// No line letter-spaced more than 3 % of a character, nor tightened by a
/// twentieth.
pub(crate) fn assert_no_line_spaced_beyond_three_per_cent(b: &Built) {
    let lines = glyph_lines(b);
    for (k, l) in lines.iter().enumerate() {
        let s = spacing(l);
        // A line before one that starts with what may not be split (a
        // document number, an address segment; issue 62) may be spaced up
        // to the paragraph breaker's limit for a filled line.
        let next = lines.get(k + 1).map(|n| line_text(n)).unwrap_or_default();
        if starts_unbreakable(&next) && s <= 9.0 {
            continue;
        }
        assert!(
            (-4.55..=3.05).contains(&s),
            "{}: {s:+.1} % in {}",
            b.name,
            line_text(l)
        );
    }
}

/// Issue 77.5: no line is spread beyond the tolerance before a document
/// number or a figure kept whole (4–8 % before, 13 lines in a 65-page
/// report): its marks are compressed first, or the number breaks after
/// its 〔year〕. Before a Latin word or an address up to 9 % as ever, and
/// at most one other line of a report beyond it. Every hard-text fixture,
/// the fifty-page one too.
#[test]
fn no_line_before_a_figure_kept_whole_is_spread() {
    let mut faults = Vec::new();
    for b in every_built() {
        let name = &b.name;
        let lines = glyph_lines(b);
        let mut spread = 0;
        for (k, l) in lines.iter().enumerate() {
            let s = spacing(l);
            let next = lines.get(k + 1).map(|n| line_text(n)).unwrap_or_default();
            if s <= 3.05 {
                continue;
            }
            // Before a Latin word or an address nothing else fits (up to
            // 9 %, as ever); a paragraph that must break an address wider
            // than a line may be left one more line spread, before what
            // cannot break or a little (4 %): one in a report at most.
            let latin = next
                .trim_start()
                .starts_with(|c: char| c.is_ascii_alphabetic());
            let once = spread == 0 && (starts_unbreakable(&next) || s <= 4.0);
            if s > 9.0 || !latin && !once {
                faults.push(format!("{name}: {s:+.1} % in {} / {next}", line_text(l)));
            }
            if !latin {
                spread += 1;
            }
        }
    }
    assert!(faults.is_empty(), "{faults:#?}");
}

/// Every hard-text fixture, the examples and the benchmark, built (their
/// missing glyphs accepted) and read back.
fn every_built() -> &'static [Built] {
    static DIR: OnceLock<TempDir> = OnceLock::new();
    static ALL: OnceLock<Vec<Built>> = OnceLock::new();
    ALL.get_or_init(|| {
        let dir = DIR.get_or_init(|| TempDir::new("every"));
        let fixtures = std::fs::read_dir("tests/fixtures/hardtext").unwrap();
        let mut paths: Vec<PathBuf> = fixtures
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
            .chain(REPORTS.iter().map(PathBuf::from))
            .collect();
        paths.sort();
        paths
            .iter()
            .map(|path| {
                let checked = nianbao::check::check_path(path, None).expect("loads");
                let doc = document::build(&checked.report.expect("a report"), None);
                let opts = PdfOptions {
                    accept_missing_glyphs: true,
                    ..PdfOptions::default()
                };
                let name = path.file_stem().unwrap().to_string_lossy().into_owned();
                let pdf = dir.path(&format!("{name}.pdf"));
                std::fs::write(&pdf, pdf::render(&doc, &opts).expect("renders")).unwrap();
                Built::read(&name, pdf)
            })
            .collect()
    })
}

/// A line whose marks are compressed reads as one line: pdftotext starts no
/// line inside another on the same baseline (issue 77: `《条例》`/`（以下简称`
/// read as two lines where a glyph began half an em inside the mark before
/// it, in 46 places over these reports), nor a word beside a compressed
/// mark (`4件， 办结率`: a space in the copied text). The PDF draws such a
/// mark from a narrow copy of its glyph in the embedded face.
#[test]
fn a_line_with_compressed_marks_reads_as_one_line() {
    let mut faults = Vec::new();
    // The marks of a TrueType body face (a clerk's 仿宋_GB2312.ttf; here
    // the bundled 楷体) have narrow copies too.
    let dir = TempDir::new("truetype-body");
    let truetype = [
        "benches/report-2500.yaml",
        "tests/fixtures/hardtext/hardtext-long.yaml",
    ]
    .map(|path| {
        let checked = nianbao::check::check_path(Path::new(path), None).expect("loads");
        let doc = document::build(&checked.report.expect("a report"), None);
        let opts = PdfOptions {
            accept_missing_glyphs: true,
            fonts: nianbao::render::typeset::fonts::FontChoice {
                overrides: vec![(
                    nianbao::render::typeset::Role::Body,
                    nianbao::render::typeset::fonts::FontSource::Path(
                        "fonts/WenKaiGB-Regular-subset.ttf".into(),
                    ),
                )],
                ..Default::default()
            },
            ..PdfOptions::default()
        };
        let name = Path::new(path)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let pdf = dir.path(&format!("{name}-kai.pdf"));
        std::fs::write(&pdf, pdf::render(&doc, &opts).expect("renders")).unwrap();
        Built::read(&format!("{name} (楷体 body)"), pdf)
    });
    for b in every_built().iter().chain(&truetype) {
        let Some(lines) = poppler_lines(&b.pdf) else {
            return;
        };
        faults.extend(
            spaced_marks(&b.pdf)
                .into_iter()
                .map(|f| format!("{}: {f}", b.name)),
        );
        for (i, a) in lines.iter().enumerate() {
            for c in lines[i + 1..].iter().take_while(|c| c.page == a.page) {
                let one_baseline = (a.y1 - c.y1).abs() < 1.0;
                let overlap = a.x0.max(c.x0) < a.x1.min(c.x1) - 0.5;
                if one_baseline && overlap {
                    faults.push(format!(
                        "{} page {}: {:?} | {:?}",
                        b.name,
                        a.page + 1,
                        a.text,
                        c.text
                    ));
                }
            }
        }
    }
    assert!(faults.is_empty(), "{faults:#?}");
}

/// Where pdftotext puts a space beside a compressible mark inside a line:
/// two words on one line, one ending or the next starting with such a
/// mark, more than a tenth and less than a third of an em apart (further
/// apart are table cells side by side; a mark drawn at full width and
/// pulled back, or from too narrow a copy, leaves up to a third).
fn spaced_marks(pdf: &Path) -> Vec<String> {
    const MARKS: &str = "，。、；：）》」』”’】〕〉（《「『“‘【〔〈";
    let Some(xml) =
        pdf_inspect::external("pdftotext", &["-bbox-layout", pdf.to_str().unwrap(), "-"])
    else {
        return Vec::new();
    };
    let mut faults = Vec::new();
    for (page, body) in xml.split("<page ").skip(1).enumerate() {
        for line in body.split("<line ").skip(1) {
            let words: Vec<(f64, f64, f64, String)> = line
                .split("<word ")
                .skip(1)
                .map(|w| {
                    let (tag, rest) = w.split_once('>').unwrap();
                    let (text, _) = rest.split_once("</word>").unwrap();
                    let em = attr(tag, "yMax") - attr(tag, "yMin");
                    (attr(tag, "xMin"), attr(tag, "xMax"), em, text.to_string())
                })
                .collect();
            for pair in words.windows(2) {
                let (a, b) = (&pair[0], &pair[1]);
                let beside = a.3.chars().last().is_some_and(|c| MARKS.contains(c))
                    || b.3.chars().next().is_some_and(|c| MARKS.contains(c));
                let gap = (b.0 - a.1) / a.2.max(1.0);
                if beside && gap > 0.1 && gap < 0.35 {
                    faults.push(format!(
                        "page {}: {:?} | {:?} ({gap:.2} em)",
                        page + 1,
                        a.3,
                        b.3
                    ));
                }
            }
        }
    }
    faults
}

/// Why the break between lines `a` and `b` splits what belongs together: a
/// number and its unit or a number itself, a date, an address.
fn split(a: &str, b: &str) -> Option<&'static str> {
    const UNITS: &str = "件条个次项篇人家户名期场份起批元万亿年月日号余多％%‰";
    let (x, y) = (a.chars().last()?, b.chars().next()?);
    let before = a.chars().rev().nth(1).unwrap_or(' ');
    if x.is_ascii_digit() && (y.is_ascii_digit() || UNITS.contains(y)) {
        Some("number")
    } else if "年月".contains(x) && before.is_ascii_digit() && y.is_ascii_digit() {
        Some("date")
    } else if (x.is_ascii_alphanumeric() || ".@/-".contains(x)) && y.is_ascii_alphanumeric() {
        Some("address")
    } else {
        None
    }
}

#[test]
fn numbers_dates_and_addresses_are_not_split_across_lines() {
    // Issue 32.3: `www.wanyuan.`/`gov.cn`, `结转2`/`件`, `2024`/`年12月31日`
    // and `3400`/`余条` were split.
    for b in built() {
        let texts: Vec<String> = glyph_lines(b).iter().map(|l| line_text(l)).collect();
        for (a, next) in texts.iter().zip(texts.iter().skip(1)) {
            if let Some(what) = split(a, next) {
                panic!("{}: a {what} split: {a} / {next}", b.name);
            }
        }
    }
}

fn attr(tag: &str, name: &str) -> f64 {
    let key = format!("{name}=\"");
    let (_, rest) = tag.split_once(&key).expect("attribute");
    let (value, _) = rest.split_once('"').expect("closing quote");
    value.parse().expect("a number")
}

/// The lines of `pdftotext -bbox-layout` (words joined), when pdftotext is
/// installed.
fn poppler_lines(pdf: &Path) -> Option<Vec<TextLine>> {
    let xml = pdf_inspect::external("pdftotext", &["-bbox-layout", pdf.to_str()?, "-"])?;
    let mut lines = Vec::new();
    for (page, body) in xml.split("<page ").skip(1).enumerate() {
        for chunk in body.split("<line ").skip(1) {
            let (tag, _) = chunk.split_once('>').unwrap();
            let inner = chunk
                .split_once("</line>")
                .map_or(chunk, |(inner, _)| inner);
            let (mut text, mut spaced) = (String::new(), String::new());
            for w in inner.split("<word ").skip(1) {
                let (_, rest) = w.split_once('>').unwrap();
                let (s, _) = rest.split_once("</word>").unwrap();
                let word = s
                    .replace("&amp;", "&")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">");
                text.push_str(&word);
                if !spaced.is_empty() {
                    spaced.push(' ');
                }
                spaced.push_str(&word);
            }
            lines.push(TextLine {
                page,
                x0: attr(tag, "xMin"),
                y0: attr(tag, "yMin"),
                x1: attr(tag, "xMax"),
                y1: attr(tag, "yMax"),
                base: attr(tag, "yMax"),
                size: 0.0,
                spaced,
                text,
            });
        }
    }
    Some(lines)
}

/// Whether the middle of glyph `g` lies in `line`'s box (less a twentieth
/// of a point all round: a compressed mark's middle can be on the edge of
/// the next line's box).
fn holds_middle(line: &TextLine, g: &TextLine) -> bool {
    let (x, y) = ((g.x0 + g.x1) / 2.0, (g.y0 + g.y1) / 2.0);
    g.page == line.page
        && (line.x0 + 0.05..line.x1 - 0.05).contains(&x)
        && (line.y0 + 0.05..line.y1 - 0.05).contains(&y)
}

/// The glyphs read in-process that are `lines[at]`'s: of the lines whose
/// boxes hold a glyph's middle, the one starting last but not after the
/// glyph (else the first). A glyph beside a compressed mark starts inside
/// the mark's box, where poppler may start or end a line of its own (issue
/// 77.5).
fn glyphs_in<'a>(glyphs: &'a [TextLine], lines: &[TextLine], at: usize) -> Vec<&'a TextLine> {
    let owner = |g: &TextLine| {
        let holding = || (0..lines.len()).filter(|&i| holds_middle(&lines[i], g));
        holding()
            .filter(|&i| lines[i].x0 < g.x0 + 0.1)
            .max_by(|&a, &b| lines[a].x0.total_cmp(&lines[b].x0))
            .or_else(|| holding().next())
    };
    glyphs
        .iter()
        .filter(|g| holds_middle(&lines[at], g) && owner(g) == Some(at))
        .collect()
}

/// The characters of `s` but whitespace, sorted.
fn sorted_chars(s: &str) -> Vec<char> {
    let mut c: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
    c.sort_unstable();
    c
}

/// Every line of `pdftotext -bbox-layout` holds the glyphs read in-process
/// whose middles lie in its box: the same characters, and their boxes
/// together are the line's box to a tenth of a point; and no glyph is left
/// over. How glyphs are grouped into lines is poppler's own (its blocks
/// join cells across columns and split a line where a mark is compressed);
/// this checks what each glyph is and where, whatever the grouping.
#[test]
fn every_glyph_read_in_process_is_where_pdftotext_reads_it() {
    for b in built() {
        let Some(theirs) = poppler_lines(&b.pdf) else {
            return;
        };
        let glyphs = pdf_inspect::read(&b.pdf).glyph_boxes();
        let mut matched = 0;
        for (at, line) in theirs.iter().enumerate() {
            let inside = glyphs_in(&glyphs, &theirs, at);
            matched += inside.len();
            let text: String = inside.iter().map(|g| g.text.as_str()).collect();
            let at = format!("{} page {}: {:?}", b.name, line.page + 1, line.text);
            assert_eq!(sorted_chars(&text), sorted_chars(&line.text), "{at}");
            let extent = [
                inside.iter().map(|g| g.x0).fold(f64::MAX, f64::min),
                inside.iter().map(|g| g.y0).fold(f64::MAX, f64::min),
                inside.iter().map(|g| g.x1).fold(f64::MIN, f64::max),
                inside.iter().map(|g| g.y1).fold(f64::MIN, f64::max),
            ];
            let poppler = [line.x0, line.y0, line.x1, line.y1];
            assert!(
                extent.iter().zip(poppler).all(|(a, b)| (a - b).abs() < 0.1),
                "{at} at {extent:?}, pdftotext {poppler:?}"
            );
        }
        assert_eq!(
            matched,
            glyphs.len(),
            "{}: glyphs pdftotext does not read",
            b.name
        );
    }
}
