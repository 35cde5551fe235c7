//! The HTML report as people print it from the portal: Chromium's print of
//! the benchmark report, read back in-process (issue 32.6).

use std::path::Path;
use std::process::Command;

use crate::common::{TempDir, nianbao, run};
use crate::pdf_inspect;

const CHROMIUM: &str = "/usr/bin/chromium";

/// Prints `html` with Chromium to `pdf`, with the project's own fonts only,
/// so the result does not depend on the fonts of the machine.
fn print(html: &Path, pdf: &Path, dir: &TempDir) -> bool {
    if !Path::new(CHROMIUM).exists() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{CHROMIUM} is missing under CI (apt install chromium)"
        );
        eprintln!("skipped: {CHROMIUM} is not installed");
        return false;
    }
    let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
    let conf = dir.path("fonts.conf");
    std::fs::write(
        &conf,
        format!(
            "<?xml version=\"1.0\"?><fontconfig><dir>{}</dir><cachedir>{}</cachedir>\
             <alias><family>serif</family><prefer><family>FandolFang</family></prefer></alias>\
             </fontconfig>",
            fonts.display(),
            dir.path("fc-cache").display()
        ),
    )
    .unwrap();
    let status = Command::new(CHROMIUM)
        .env("FONTCONFIG_FILE", &conf)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", dir.path("profile").display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(html)
        .output()
        .expect("chromium runs");
    assert!(pdf.exists(), "chromium printed nothing: {status:?}");
    true
}

/// The text of each page of `pdf`.
fn pages(pdf: &Path) -> Vec<String> {
    pdf_inspect::read(pdf).page_texts()
}

/// Builds `input` as HTML into `dir` and prints it; the text of each page.
fn printed(input: &str, stem: &str, dir: &TempDir) -> Option<Vec<String>> {
    let o = run(nianbao()
        .args(["build", input, "--format", "html", "-o"])
        .arg(&dir.0));
    assert_eq!(o.code, 0, "{}", o.stderr);
    let pdf = dir.path(&format!("{stem}.pdf"));
    print(&dir.path(&format!("{stem}.html")), &pdf, dir).then(|| pages(&pdf))
}

/// Table 三 starts on the page of its heading with more than the rows
/// before its first merged group (一 and 二), as the PDF does.
fn assert_table_three_starts_whole(pages: &[String], what: &str) {
    let head = pages
        .iter()
        .position(|p| p.contains("三、收到和处理政府信息公开申请情况"))
        .expect("section 三");
    assert!(
        pages[head].contains("（一）予以公开"),
        "{what}: table 三 starts with two rows: {}",
        pages[head]
    );
}

#[test]
fn a_table_starts_with_four_rows_in_print() {
    let dir = TempDir::new("html-print-2020");
    let Some(pages) = printed(
        "examples/zhangdian-transport-2020.yaml",
        "zhangdian-transport-2020",
        &dir,
    ) else {
        return;
    };
    assert_table_three_starts_whole(&pages, "zhangdian-transport-2020");
}

#[test]
fn the_printed_web_page_has_folios_whole_labels_and_table_three_together() {
    let dir = TempDir::new("html-print");
    let Some(pages) = printed("benches/report-2500.yaml", "report-2500", &dir) else {
        return;
    };
    // The publication PDF has 8 pages; the print had 9 before.
    assert!(pages.len() <= 8, "{} pages", pages.len());
    for (n, page) in pages.iter().enumerate() {
        let folio = format!("—{}—", n + 1);
        let bare: String = page.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(bare.contains(&folio), "page {}: no folio {folio}", n + 1);
    }
    assert_table_three_starts_whole(&pages, "report-2500");
    // Labels break between words, not inside them (cell lines are short;
    // running text may break anywhere).
    let all: Vec<&str> = pages.iter().flat_map(|p| p.lines()).collect();
    for whole in ["自然人", "（三）", "（四）", "（五）"] {
        assert!(all.iter().any(|l| l.contains(whole)), "{whole} broken");
    }
    let lines: Vec<&str> = all
        .into_iter()
        .filter(|l| l.chars().count() <= 14)
        .collect();
    for broken in ["自然", "不予公", "（三", "社会公"] {
        assert!(
            !lines.iter().any(|l| l.trim_end().ends_with(broken)),
            "a label ends a line with {broken}"
        );
    }
}

/// Rows of table 三's outer group 三、本年度办理结果, by words of their labels.
const OUTER_ROWS: &[&str] = &[
    "予以公开",
    "部分公开",
    "国家秘密",
    "禁止公开",
    "稳定",
    "合法权益",
    "内部",
    "过程性",
    "执法",
    "查询",
    "不掌握",
    "另行制作",
    "仍不明确",
    "投诉类",
    "重复申请",
    "出版物",
    "反复申请",
    "已获取信息",
    "不补正",
    "缴纳",
    "（七）",
];

/// The text set in table 三's first column (the outer group label) on each
/// page that holds rows of the outer group: the glyphs left of the second
/// column, below the head, top to bottom.
fn outer_labels(pdf: &Path) -> Vec<String> {
    let read = pdf_inspect::read(pdf);
    let glyphs = read.glyph_boxes();
    let mut out = Vec::new();
    for (n, text) in read.page_texts().iter().enumerate() {
        let bare: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if !bare.contains("申请人情况") || !OUTER_ROWS.iter().any(|w| bare.contains(w)) {
            continue;
        }
        let page: Vec<_> = glyphs.iter().filter(|g| g.page == n).collect();
        // The head ends with 组织/机构 of its third row; the table's left
        // edge is where its leftmost glyph below the head starts.
        let head = page
            .iter()
            .filter(|g| g.text == "构")
            .map(|g| g.y1)
            .fold(f64::MIN, f64::max);
        let body: Vec<_> = page.iter().filter(|g| g.y0 > head).collect();
        let left = body.iter().map(|g| g.x0).fold(f64::MAX, f64::min);
        // The first column is 9 % of the 156 mm type area (about 40 pt).
        let mut first: Vec<_> = body.iter().filter(|g| g.x1 < left + 38.0).collect();
        first.sort_by(|a, b| (a.y0, a.x0).partial_cmp(&(b.y0, b.x0)).unwrap());
        out.push(first.iter().map(|g| g.text.as_str()).collect());
    }
    out
}

#[test]
fn a_continued_group_is_labelled_again_in_print() {
    // The hard-text report as built, and with text added before table 三 so
    // that the page breaks elsewhere in the group (before: the page the
    // group continued on had an empty first column). Not measured: a table
    // 三 that starts low on a page and runs over three pages, where
    // Chromium's merged cell can end before the third page (see
    // render::print_labels).
    for extra in [0, 20, 40] {
        let dir = TempDir::new("html-print-groups");
        let o = run(nianbao()
            .args(["build", "tests/fixtures/hardtext/hardtext-2024.yaml"])
            .args(["--format", "html", "-o"])
            .arg(&dir.0));
        assert_eq!(o.code, 0, "{}", o.stderr);
        let html_path = dir.path("hardtext-2024.html");
        let anchor = "<div class=\"table-wrap\">\n<table class=\"official table3\">";
        let html = std::fs::read_to_string(&html_path).unwrap();
        assert!(html.contains(anchor), "table 三 not found");
        let filler = format!("<p>{}</p>", "补充说明".repeat(extra / 4));
        std::fs::write(&html_path, html.replacen(anchor, &(filler + anchor), 1)).unwrap();
        let pdf = dir.path("hardtext-2024.pdf");
        if !print(&html_path, &pdf, &dir) {
            return;
        }
        let labels = outer_labels(&pdf);
        assert!(
            labels.len() >= 2,
            "{extra}: table 三 on one page: {labels:?}"
        );
        // Rows 一、二 and 四 start in the first column too.
        for label in &labels {
            assert!(label.contains("三、本年度办理结果"), "{extra}: {labels:?}");
        }
    }
}
