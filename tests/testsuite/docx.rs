//! `nianbao build --format docx` on the real binary: what it writes, that
//! it writes the same bytes twice, and a round trip through LibreOffice
//! (`soffice --headless --convert-to pdf`) whose text, read back in-process,
//! must hold every table label and figure.
//!
//! Without `soffice` the round trip is skipped with a message, except
//! under CI (`CI` set), where it fails.

use crate::common;
use crate::pdf_inspect;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{TempDir, nianbao, run};
use nianbao::grid::CellKind;
use nianbao::render::docx;
use nianbao::slice::Slice;

const EXAMPLE: &str = "examples/zibo-zhangdian-traffic-2024.yaml";
const STEM: &str = "zibo-zhangdian-traffic-2024";

fn build(dir: &Path, extra: &[&str]) -> PathBuf {
    let out = run(nianbao()
        .args(["build", EXAMPLE, "-o"])
        .arg(dir)
        .args(extra));
    assert_eq!(out.code, 0, "{}", out.stderr);
    dir.join(format!("{STEM}.docx"))
}

#[test]
fn docx_is_written_only_when_asked_for_and_is_deterministic() {
    let tmp = TempDir::new("docx-cli");
    let a = tmp.path("a");
    let b = tmp.path("b");
    let first = build(&a, &["--format", "docx"]);
    let second = build(&b, &["--format", "docx"]);
    let bytes = std::fs::read(&first).unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"), "a zip package");
    assert_eq!(bytes, std::fs::read(&second).unwrap(), "same bytes twice");
    let names: Vec<String> = std::fs::read_dir(&a)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, [format!("{STEM}.docx")]);

    // The default formats stay md, html, pdf.
    let c = tmp.path("c");
    build(&c, &[]);
    assert!(c.join(format!("{STEM}.pdf")).is_file());
    assert!(!c.join(format!("{STEM}.docx")).exists());

    // Centred page numbers and font overrides change the package.
    let d = tmp.path("d");
    let centred = build(
        &d,
        &[
            "--format",
            "docx",
            "--page-numbers",
            "center",
            "--font",
            "正文=仿宋",
        ],
    );
    assert_ne!(std::fs::read(&centred).unwrap(), bytes);
}

#[test]
fn a_draft_docx_is_marked() {
    let tmp = TempDir::new("docx-draft");
    let out = run(nianbao()
        .args(["build", "tests/fixtures/rules/t3-bal.yaml", "-o"])
        .arg(&tmp.0)
        .args(["--format", "docx"]));
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(!tmp.path("t3-bal.docx").exists(), "errors: nothing written");
    let out = run(nianbao()
        .args(["build", "tests/fixtures/rules/t3-bal.yaml", "-o"])
        .arg(&tmp.0)
        .args(["--format", "docx", "--draft"]));
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(tmp.path("t3-bal.docx").is_file(), "{}", out.stderr);
}

/// `word/document.xml` of the example against its golden file, one
/// paragraph, table or row a line (`NIANBAO_BLESS=1` rewrites it).
#[test]
fn golden_document_xml() {
    let checked = nianbao::check::check_path(Path::new(EXAMPLE), None).unwrap();
    let doc = nianbao::render::document::build(&checked.report.unwrap(), None);
    let parts = docx::parts(&doc, &Default::default()).unwrap();
    let xml = &parts
        .iter()
        .find(|(n, _)| n == "word/document.xml")
        .unwrap()
        .1;
    let mut got = String::new();
    for piece in xml.split_inclusive('>') {
        if ["<w:p>", "<w:tbl>", "<w:tr>", "<w:sectPr>"]
            .iter()
            .any(|t| piece.ends_with(t))
        {
            let (before, tag) = piece.split_at_boundary(piece.rfind('<').unwrap());
            got.push_str(before);
            got.push('\n');
            got.push_str(tag);
        } else {
            got.push_str(piece);
        }
    }
    got.push('\n');
    common::golden(
        &Path::new("tests/golden").join(format!("{STEM}.docx.xml")),
        &got,
    );
}

/// A fontconfig setup that lets LibreOffice find the bundled faces under
/// the names the document asks for (the agencies' fonts are not here), the
/// body's 仿宋_GB2312 as `body`.
fn fontconfig(dir: &Path, body: &str) -> PathBuf {
    let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
    let alias = |from: &str, to: &str| {
        format!(
            "<alias binding=\"same\"><family>{from}</family><prefer><family>{to}</family></prefer></alias>\n"
        )
    };
    let mut conf = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig>\n\
         <include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>\n\
         <dir>{}</dir>\n<cachedir>{}</cachedir>\n",
        fonts.display(),
        dir.join("fc-cache").display()
    );
    conf.push_str(&alias("方正小标宋简体", "Noto Serif CJK SC"));
    conf.push_str(&alias("仿宋_GB2312", body));
    conf.push_str(&alias("黑体", "Noto Sans CJK SC"));
    conf.push_str(&alias("楷体_GB2312", "LXGW WenKai"));
    conf.push_str(&alias("宋体", "Noto Serif CJK SC"));
    conf.push_str("</fontconfig>\n");
    let path = dir.join(format!("fonts-{}.conf", body.replace(' ', "")));
    std::fs::write(&path, conf).unwrap();
    path
}

/// Whether the characters of `needle` occur in `hay` in order, each within
/// a few lines' worth of characters of the one before.
pub(crate) fn in_order_nearby(hay: &str, needle: &str) -> bool {
    let hay: Vec<char> = hay.chars().collect();
    let needle: Vec<char> = needle.chars().collect();
    (0..hay.len())
        .filter(|&i| hay[i] == needle[0])
        .any(|start| {
            let mut at = start;
            needle[1..].iter().all(
                |&c| match hay[at + 1..].iter().take(80).position(|&h| h == c) {
                    Some(p) => {
                        at += 1 + p;
                        true
                    }
                    None => false,
                },
            )
        })
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether LibreOffice is here; under CI it must be.
pub(crate) fn soffice_available() -> bool {
    let has = Command::new("soffice")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has {
        assert!(
            std::env::var_os("CI").is_none(),
            "soffice (libreoffice-writer-nogui) is required under CI"
        );
        eprintln!(
            "跳过 LibreOffice 往返测试：未安装 soffice（apt-get install libreoffice-writer-nogui）"
        );
    }
    has
}

/// Converts `docx` to PDF with LibreOffice (its own profile and font
/// setup under `tmp`); returns the PDF and its page count.
pub(crate) fn soffice_pdf(tmp: &TempDir, docx: &Path) -> (PathBuf, usize) {
    soffice_pdf_with(tmp, docx, "FandolFang")
}

/// [`soffice_pdf`] with `body` standing in for 仿宋_GB2312.
fn soffice_pdf_with(tmp: &TempDir, docx: &Path, body: &str) -> (PathBuf, usize) {
    let profile = tmp.path("profile");
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&tmp.0)
        .arg(docx)
        .env("FONTCONFIG_FILE", fontconfig(&tmp.0, body))
        .output()
        .expect("soffice runs");
    let pdf = docx.with_extension("pdf");
    assert!(
        pdf.is_file(),
        "soffice wrote no PDF: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let pages = pdf_inspect::read(&pdf).page_count();
    (pdf, pages)
}

#[test]
fn libreoffice_shows_the_draft_mark_on_every_page() {
    if !soffice_available() {
        return;
    }
    let tmp = TempDir::new("docx-soffice-draft");
    let out = run(nianbao()
        .args(["build", "tests/fixtures/rules/t3-bal.yaml", "-o"])
        .arg(&tmp.0)
        .args(["--format", "docx", "--draft"]));
    assert_eq!(out.code, 1, "{}", out.stderr);
    let (pdf, pages) = soffice_pdf(&tmp, &tmp.path("t3-bal.docx"));
    assert!(pages >= 2);
    for (n, text) in pdf_inspect::read(&pdf).page_texts().iter().enumerate() {
        assert!(
            text.contains("草稿：检查发现"),
            "page {} lacks the draft mark",
            n + 1
        );
    }
}

#[test]
fn libreoffice_renders_every_label_and_figure() {
    if !soffice_available() {
        return;
    }
    let tmp = TempDir::new("docx-soffice");
    let docx = build(&tmp.0, &["--format", "docx"]);
    let (pdf, pages) = soffice_pdf(&tmp, &docx);
    assert!((3..=12).contains(&pages), "{pages} pages");
    if let Some(dir) = std::env::var_os("NIANBAO_DOCX_KEEP") {
        // For looking at: the LibreOffice PDF beside the .docx.
        std::fs::copy(&docx, Path::new(&dir).join("report.docx")).unwrap();
        std::fs::copy(&pdf, Path::new(&dir).join("report-libreoffice.pdf")).unwrap();
    }
    let read = pdf_inspect::read(&pdf);
    let text = squeeze(&read.text());
    // Physical lines: a table row's figures sit on one line, left to right.
    let layout: Vec<String> = (0..pages).flat_map(|n| read.layout_lines(n)).collect();
    let lines: Vec<Vec<&str>> = layout
        .iter()
        .map(|l| l.split_whitespace().collect())
        .collect();

    let checked = nianbao::check::check_path(Path::new(EXAMPLE), None).unwrap();
    let doc = nianbao::render::document::build(&checked.report.unwrap(), None);
    assert!(text.contains(&squeeze(&doc.title)), "title");
    for sec in &doc.sections {
        assert!(text.contains(sec.heading), "{}", sec.heading);
        let Some(g) = &sec.table else { continue };
        for c in &g.cells {
            let t = squeeze(&c.text);
            if t.is_empty() || c.kind == CellKind::Data {
                continue;
            }
            // A label wrapped in its cell interleaves with its neighbours'
            // lines: its characters must still come in order, close together.
            assert!(
                in_order_nearby(&text, &t),
                "{:?}: label {t:?} missing",
                g.id
            );
        }
        for row in 0..g.rows {
            let figures: Vec<&str> = g
                .row_cells(row)
                .filter(|c| c.kind == CellKind::Data)
                .map(|c| c.text.as_str())
                .collect();
            if figures.is_empty() {
                continue;
            }
            assert!(
                lines
                    .iter()
                    .any(|l| l.windows(figures.len()).any(|w| w == figures.as_slice())),
                "{:?} row {row}: figures {figures:?} not on one line",
                g.id
            );
        }
    }
    assert!(text.contains(&squeeze(&doc.agency)));
    assert!(text.contains(&squeeze(&doc.date)));
    // Page numbers in the footers.
    assert!(text.contains("—1—") && text.contains("—2—"), "page numbers");
}

/// A fifth of a character: how far LibreOffice may set the date from
/// where GB/T 9704 puts it (before: an em, from its space between Han
/// characters and digits).
const DATE_TOLERANCE: f64 = 0.2;

#[test]
fn libreoffice_sets_the_date_where_gb_t_9704_puts_it_in_any_face() {
    // GB/T 9704 7.3.5.2: the date starts two characters right of the
    // name; a date that would then come closer than two characters to the
    // right edge ends two characters from it (zhangdian-transport-2020:
    // 交通运输局 is shorter than its date). Before, LibreOffice spaced the
    // date's digits from its Han characters (it ignores w:autoSpaceDE) and
    // set it 1.07 em left of its place in FandolFang; set from the right,
    // wider digits (LXGW WenKai's) moved its start a further em.
    if !soffice_available() {
        return;
    }
    let mm = 72.0 / 25.4;
    let right = (28.0 + 156.0) * mm;
    let em = 156.0 * mm / 28.0;
    let tmp = TempDir::new("docx-date");
    for (input, from_the_name) in [
        ("examples/zibo-zhangdian-traffic-2024.yaml", true),
        ("examples/zhangdian-transport-2020.yaml", false),
    ] {
        let out = run(nianbao()
            .args(["build", input, "--format", "docx", "-o"])
            .arg(&tmp.0));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let stem = Path::new(input).file_stem().unwrap().to_str().unwrap();
        let checked = nianbao::check::check_path(Path::new(input), None).unwrap();
        let date = nianbao::render::document::build(&checked.report.unwrap(), None).date;
        for face in ["FandolFang", "LXGW WenKai", "Noto Sans CJK SC"] {
            let (pdf, _) = soffice_pdf_with(&tmp, &tmp.path(&format!("{stem}.docx")), face);
            let (lines, _) = crate::pdf_layout::text_lines(&pdf);
            let at = lines
                .iter()
                .rposition(|l| squeeze(&l.text) == squeeze(&date))
                .unwrap_or_else(|| panic!("{stem} ({face}): no date line {date}"));
            let (name, day) = (&lines[at - 1], &lines[at]);
            let off = if from_the_name {
                (day.x0 - name.x0) / em - 2.0
            } else {
                (right - day.x1) / em - 2.0
            };
            assert!(
                off.abs() <= DATE_TOLERANCE,
                "{stem} ({face}): date {off:+.2} em from its place: {name:?} {day:?}"
            );
            assert!(day.x1 <= right - em, "{stem} ({face}): {day:?}");
        }
    }
}
