//! Lists as lists (issue 77, item 2): a numbered list that starts at 3 and
//! nests three deep, and a bulleted one nested three deep
//! (`tests/fixtures/hardtext/hardtext-lists.yaml`). Every level is printed
//! with its own mark (1. （1） ①; ● ○ ■), the numbering goes on from the
//! list's start, and each level starts two characters further in than the
//! one above: read back from the PDF, from LibreOffice's PDF of the Word
//! document and from Chromium's print of the web page; the Markdown keeps
//! the nesting.

use std::path::Path;

use crate::common::{TempDir, nianbao, run};
use crate::pdf_inspect;

const FIXTURE: &str = "tests/fixtures/hardtext/hardtext-lists.yaml";
const STEM: &str = "hardtext-lists";

/// Each printed item: its text as it starts (mark included) and how deep
/// its list is.
const ITEMS: [(&str, usize); 12] = [
    ("3.规范主动公开", 0),
    ("（1）完善目录", 1),
    ("①梳理事项清单", 2),
    ("②动态更新目录", 2),
    ("（2）落实审核", 1),
    ("4.加强平台建设", 0),
    ("●交通管理", 0),
    ("○事故处理信息", 1),
    ("■处理结果", 2),
    ("■救济途径", 2),
    ("○违法处理信息", 1),
    ("●便民服务", 0),
];

/// The left edge of the line of `pdf` that starts with each item, in
/// points, in the order of [`ITEMS`].
fn item_edges(pdf: &Path, what: &str) -> Vec<f64> {
    let lines = pdf_inspect::read(pdf).lines();
    let squeezed: Vec<(String, f64)> = lines
        .iter()
        .map(|l| {
            let text: String = l.text.chars().filter(|c| !c.is_whitespace()).collect();
            (text, l.x0)
        })
        .collect();
    ITEMS
        .iter()
        .map(|(item, _)| {
            squeezed
                .iter()
                .find(|(t, _)| t.starts_with(item))
                .map(|(_, x)| *x)
                .unwrap_or_else(|| {
                    panic!(
                        "{what}: no line starts with {item}: {:?}",
                        squeezed.iter().map(|(t, _)| t).collect::<Vec<_>>()
                    )
                })
        })
        .collect()
}

/// Fails unless each level's items start at one edge, two characters
/// (`em` points each, within a quarter) right of the level above.
fn assert_levels(edges: &[f64], em: f64, what: &str) {
    let top = edges[0];
    for ((item, depth), x) in ITEMS.iter().zip(edges) {
        let want = top + 2.0 * em * *depth as f64;
        assert!(
            (x - want).abs() < em / 4.0,
            "{what}: {item} at {x:.1}, level {depth} wants {want:.1} ({edges:?})"
        );
    }
}

#[test]
fn nested_lists_print_each_level_indented_with_its_marks() {
    let dir = TempDir::new("lists");
    let out = run(nianbao()
        .arg("build")
        .arg(FIXTURE)
        .arg("-o")
        .arg(&dir.0)
        .args(["--format", "md,html,pdf,docx"]));
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    // A 3号 character: 16 pt.
    let em = 16.0;
    let pdf = dir.path(&format!("{STEM}.pdf"));
    assert_levels(&item_edges(&pdf, "PDF"), em, "PDF");
    let md = std::fs::read_to_string(dir.path(&format!("{STEM}.md"))).unwrap();
    assert!(
        md.contains("3. 规范主动公开\n   1. 完善目录\n      1. 梳理事项清单"),
        "{md}"
    );
    assert!(
        md.contains("- 交通管理\n  - 事故处理信息\n    - 处理结果"),
        "{md}"
    );
    if crate::docx::soffice_available() {
        let (lo, _) = crate::docx::soffice_pdf(&dir, &dir.path(&format!("{STEM}.docx")));
        assert_levels(&item_edges(&lo, "LibreOffice"), em, "LibreOffice");
    }
    let tmp = TempDir::new("lists-print");
    let printed = tmp.path("printed.pdf");
    if crate::html_print::print(&dir.path(&format!("{STEM}.html")), &printed, &tmp) {
        // Chromium sets its marks in the page's faces: each level still
        // starts further in than the one above.
        let edges = item_edges(&printed, "Chromium");
        for (((a, da), xa), ((b, db), xb)) in ITEMS
            .iter()
            .zip(&edges)
            .zip(ITEMS.iter().zip(&edges).skip(1))
        {
            if db > da {
                assert!(
                    *xb > *xa + em,
                    "Chromium: {b} not further in than {a}: {edges:?}"
                );
            }
        }
    }
}
