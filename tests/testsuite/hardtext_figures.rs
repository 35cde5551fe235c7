//! Big figures in narrow cells (issue 77, item 1): a report whose tables
//! 二, 三 and 四 hold 9-digit figures (123456789) and 10-digit totals,
//! built to PDF, OFD, Word and HTML. Every figure of the tables is read
//! back whole on one line: from the PDF in-process and by
//! `pdftotext -bbox-layout`, from the OFD's text objects, from
//! LibreOffice's PDF of the Word document and from Chromium's print of the
//! web page (where they are installed).

use nianbao::slice::Slice;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::common::{TempDir, nianbao, run};
use crate::pdf_inspect;

const FIXTURE: &str = "tests/fixtures/hardtext/hardtext-figures.yaml";
const STEM: &str = "hardtext-figures";

/// The fixture built once as PDF, OFD, Word document and web page (the
/// Word document's tables then take the PDF's columns where its figures
/// fit them).
fn built() -> &'static TempDir {
    static DIR: OnceLock<TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = TempDir::new("figures");
        let out = run(nianbao()
            .arg("build")
            .arg(FIXTURE)
            .arg("-o")
            .arg(&dir.0)
            .args(["--format", "pdf,ofd,docx,html"])
            .env("FONTCONFIG_FILE", crate::common::test_faces_installed(&dir)));
        assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
        dir
    })
}

/// The figures of the three tables of at least six digits, each with how
/// many cells print it.
fn long_figures() -> BTreeMap<String, usize> {
    let checked = nianbao::check::check_path(Path::new(FIXTURE), None).expect("loads");
    let report = checked.report.expect("a report");
    let mut out = BTreeMap::new();
    for grid in nianbao::grid::tables(&report) {
        for c in &grid.cells {
            // A figure with a note prints the note after it.
            let figure = leading_figure(&c.text);
            if c.kind == nianbao::grid::CellKind::Data && figure.len() >= 6 {
                *out.entry(figure).or_insert(0) += 1;
            }
        }
    }
    assert!(
        out.keys().any(|f| f.len() == 9) && out.keys().any(|f| f.len() == 10),
        "{out:?}"
    );
    out
}

/// The figure `text` starts with (a word, a cell or a text object runs on
/// into a note).
fn leading_figure(text: &str) -> String {
    text.chars()
        .take_while(|&ch| ch.is_ascii_digit() || ch == '.')
        .collect()
}

/// The runs of digits (with `.` and `,`) set side by side on one baseline
/// in `pdf`: glyphs closer than a point apart belong to one run.
fn digit_runs(pdf: &Path) -> Vec<String> {
    let glyphs = pdf_inspect::read(pdf).glyph_boxes();
    let mut by_line: BTreeMap<(usize, i64), Vec<&pdf_inspect::TextLine>> = BTreeMap::new();
    for g in &glyphs {
        by_line
            .entry((g.page, (g.base * 4.0).round() as i64))
            .or_default()
            .push(g);
    }
    let mut runs = Vec::new();
    for line in by_line.values_mut() {
        line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let mut cur = String::new();
        let mut end = f64::MIN;
        for g in line.iter() {
            let digit = g.text.chars().all(|c| c.is_ascii_digit() || c == '.');
            if digit && !cur.is_empty() && g.x0 - end < 1.0 {
                cur.push_str(&g.text);
            } else {
                if !cur.is_empty() {
                    runs.push(std::mem::take(&mut cur));
                }
                if digit {
                    cur.push_str(&g.text);
                }
            }
            end = g.x1;
        }
        if !cur.is_empty() {
            runs.push(cur);
        }
    }
    runs
}

/// Fails unless every figure of `figures` is among `runs` as often as the
/// tables print it.
fn assert_whole(figures: &BTreeMap<String, usize>, runs: &[String], what: &str) {
    for (f, &n) in figures {
        let found = runs.iter().filter(|r| *r == f).count();
        assert!(
            found >= n,
            "{what}: {f} whole {found} times of {n}; digit runs: {:?}",
            runs.iter()
                .filter(|r| f.starts_with(r.as_str()) || f.ends_with(r.as_str()))
                .collect::<Vec<_>>()
        );
    }
}

/// The leading figures of the words of `pdftotext -bbox-layout` for
/// `pdf`, when it is installed.
fn poppler_words(pdf: &Path) -> Option<Vec<String>> {
    let xml = pdf_inspect::external("pdftotext", &["-bbox-layout", pdf.to_str()?, "-"])?;
    Some(
        xml.split("<word ")
            .skip(1)
            .filter_map(|w| {
                let start = w.find('>')? + 1;
                let end = w.find("</word>")?;
                w.get(start..end).map(leading_figure)
            })
            .collect(),
    )
}

#[test]
fn pdf_and_ofd_set_every_long_figure_whole() {
    let dir = built();
    let figures = long_figures();
    let pdf = dir.path(&format!("{STEM}.pdf"));
    assert_whole(&figures, &digit_runs(&pdf), "PDF");
    if let Some(words) = poppler_words(&pdf) {
        assert_whole(&figures, &words, "pdftotext");
    }
    let ofd = dir.path(&format!("{STEM}.ofd"));
    assert_whole(&figures, &ofd_texts(&ofd), "OFD");
}

/// The text of every `TextCode` of the OFD's pages.
fn ofd_texts(ofd: &Path) -> Vec<String> {
    let file = std::fs::File::open(ofd).expect("the OFD");
    let mut zip = zip::ZipArchive::new(file).expect("a zip");
    let mut out = Vec::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        if !entry.name().unwrap().ends_with("Content.xml") {
            continue;
        }
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut entry, &mut xml).unwrap();
        for code in xml.split("<ofd:TextCode").skip(1) {
            let (Some(start), Some(end)) = (code.find('>'), code.find("</ofd:TextCode>")) else {
                continue;
            };
            out.push(leading_figure(code.slice(start + 1, end)));
        }
    }
    out
}

#[test]
fn word_and_web_print_set_every_long_figure_whole() {
    let dir = built();
    let figures = long_figures();
    if crate::docx::soffice_available() {
        let tmp = TempDir::new("figures-lo");
        let (pdf, _) = crate::docx::soffice_pdf(&tmp, &dir.path(&format!("{STEM}.docx")));
        assert_whole(&figures, &digit_runs(&pdf), "LibreOffice");
    }
    let tmp = TempDir::new("figures-print");
    let printed: PathBuf = tmp.path("printed.pdf");
    if crate::html_print::print(&dir.path(&format!("{STEM}.html")), &printed, &tmp) {
        assert_whole(&figures, &digit_runs(&printed), "Chromium");
        // The tables stay inside the type area (28 mm + 156 mm).
        let right = (28.0 + 156.0) * 72.0 / 25.4;
        let read = pdf_inspect::read(&printed);
        for g in read.glyph_boxes() {
            assert!(g.x1 <= right + 2.0, "{:?} beyond the type area", g.text);
        }
    }
}
