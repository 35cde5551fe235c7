//! Hard text in print, round three (issue 62), on a report written for the
//! test (tests/fixtures/hardtext/hardtext-donghu.yaml): a 54-character
//! agency name holding a bracketed 、-list of three offices, long web and
//! e-mail addresses, figures with group commas, ranges, document numbers
//! with their organs' abbreviations, a variation selector, Kangxi radicals
//! and full-width Latin letters. Read back from the PDF.

use crate::common::{TempDir, nianbao, run};
use crate::pdf_layout::{TextLine, text_lines};

const FIXTURE: &str = "tests/fixtures/hardtext/hardtext-donghu.yaml";

/// Builds the fixture's PDF with the test faces installed.
fn built(dir: &TempDir) -> (Vec<TextLine>, String) {
    let out = run(nianbao()
        .arg("build")
        .arg(FIXTURE)
        .arg("-o")
        .arg(&dir.0)
        .args(["--format", "pdf"])
        .env("FONTCONFIG_FILE", crate::common::test_faces_installed(dir)));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let pdf = dir.path("hardtext-donghu.pdf");
    let (lines, _) = text_lines(&pdf);
    let text = lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    (lines, text)
}

#[test]
fn the_title_breaks_between_the_names_segments_and_keeps_its_year_line() {
    let dir = TempDir::new("hardtext-donghu-title");
    let (lines, _) = built(&dir);
    let title: Vec<&TextLine> = lines
        .iter()
        .filter(|l| l.page == 0)
        .take_while(|l| !l.text.starts_with("本报告"))
        .collect();
    let texts: Vec<&str> = title.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        texts.last(),
        Some(&"2025年政府信息公开工作年度报告"),
        "{texts:?}"
    );
    for t in &texts {
        // Before: …办公室（区 / 人民政府外事办公室…
        assert!(
            !t.ends_with('（') && !t.ends_with("（区") && !t.ends_with("、区"),
            "{texts:?}"
        );
        assert!(!t.starts_with('）') && !t.starts_with('、'), "{texts:?}");
    }
}

#[test]
fn addresses_figures_and_document_numbers_break_where_a_reader_expects() {
    let dir = TempDir::new("hardtext-donghu-breaks");
    let (lines, _) = built(&dir);
    for pair in lines.windows(2) {
        let (a, b) = (&pair[0].text, &pair[1].text);
        // Body lines only (table cells and folios are short).
        if a.chars().count() < 12 || b.chars().count() < 4 {
            continue;
        }
        let (last, first) = (a.chars().last(), b.chars().next());
        let (Some(last), Some(first)) = (last, first) else {
            continue;
        };
        // Inside a word or an address segment (htt/ps, detail-c/ontent).
        assert!(
            !(last.is_ascii_alphanumeric() && first.is_ascii_alphanumeric()),
            "split inside a word: {a} / {b}"
        );
        // At a group comma (86,/419件), after a bracket that closes no
        // year, in a range (2.35%—/3.10%). After a document number's year
        // (〔2020〕/109号) a line may break rather than leave the line
        // before it spread beyond 3 % (issue 77).
        assert!(!(last == ',' && first.is_ascii_digit()), "{a} / {b}");
        let year = a.chars().rev().skip(1).take(4).all(|c| c.is_ascii_digit())
            && a.chars().rev().nth(5) == Some('〔');
        assert!(
            !(last == '〕' && first.is_ascii_digit() && !year),
            "{a} / {b}"
        );
        assert!(!(last == '—' && first.is_ascii_digit()), "{a} / {b}");
        // A figure keeps its unit (163.5/万元).
        assert!(
            !(last.is_ascii_digit() && "万元件个人次条篇".contains(first)),
            "{a} / {b}"
        );
    }
}

#[test]
fn invisible_and_compatibility_characters_print_as_meant() {
    let dir = TempDir::new("hardtext-donghu-chars");
    let (_, text) = built(&dir);
    let flat: String = text.chars().filter(|c| *c != '\n').collect();
    // The variation selector is not printed (no box, no draft); the Kangxi
    // radicals ⾏ ⼈ and ＰＤＦ print as 行 人 and PDF.
    assert!(flat.contains("葛明"), "{flat}");
    assert!(flat.contains("行政审批目录中的人员信息"), "{flat}");
    assert!(flat.contains("PDF版本"), "{flat}");
    assert!(!flat.contains('\u{E0100}') && !flat.contains("草稿"));
}

#[test]
fn the_page_before_table_three_is_used_to_its_foot() {
    // Before: table 三 needed four rows under its head, and 6 empty lines
    // were left at the foot of page 8 before its heading; now its heading,
    // head and first two rows start on that page where they fit.
    let dir = TempDir::new("hardtext-donghu-table3");
    let (lines, _) = built(&dir);
    let heading = lines
        .iter()
        .find(|l| l.text.starts_with("三、收到和处理政府信息公开申请情况"))
        .expect("section 三's heading");
    let above = lines
        .iter()
        .filter(|l| l.page == heading.page && l.y0 < heading.y0 - 1.0)
        .count();
    if above > 0 {
        return;
    }
    // Section 三 starts a page only when its heading, head and first two
    // rows (to the bottom of 二、上年结转…) are taller than the room the
    // page before left (issue 77.5: a heading kept whole with a
    // three-line paragraph moved the report on by a line).
    let mm = 72.0 / 25.4;
    let bottom = (37.0 + 225.0) * mm;
    let second_row = lines
        .iter()
        .find(|l| l.page == heading.page && l.text.starts_with("二、上年结转"))
        .expect("table 三's second row");
    let lowest = lines
        .iter()
        .filter(|l| l.page + 1 == heading.page)
        .map(|l| l.y1)
        .fold(0.0, f64::max);
    let kept = second_row.y1 - heading.y0;
    assert!(
        kept > bottom - lowest,
        "section 三 starts a page with {:.0} pt left before: {heading:?}",
        bottom - lowest
    );
}
