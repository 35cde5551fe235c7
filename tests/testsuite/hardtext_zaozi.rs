//! 造字 kept (issue 77, item 3): a private-use character that is no
//! bullet — a person's 造字 as a household-registration system holds it, in
//! the narrative and in the address — is never dropped: every format prints
//! it as its code, `〔U+E000〕`, the report is a draft, the warning names it
//! 造字（私用区字符）, and `--pdfa` claims no conformance for the draft.

use std::io::Read;

use crate::common::{EXAMPLE, TempDir, nianbao, run};
use crate::pdf_inspect;

/// The example with a 造字 in a person's name in 总体情况 and a village's
/// in the address, written to `dir`.
fn fixture(dir: &TempDir) -> std::path::PathBuf {
    let src = std::fs::read_to_string(EXAMPLE).unwrap();
    let src = src.replacen("我队以方便", "我队（联系人张\u{E000}林）以方便", 1);
    let src = src.replacen("和平路", "\u{E123}村和平路", 1);
    assert_eq!(src.matches(['\u{E000}', '\u{E123}']).count(), 2);
    let path = dir.path("zaozi.yaml");
    std::fs::write(&path, src).unwrap();
    path
}

/// The text of every part of the zip package at `path` whose name ends
/// with `suffix`, joined.
fn zip_text(path: &std::path::Path, suffix: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut out = String::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        if f.name().unwrap().ends_with(suffix) {
            f.read_to_string(&mut out).unwrap();
        }
    }
    out
}

#[test]
fn zaozi_print_as_their_code_in_every_format_and_make_a_draft() {
    let dir = TempDir::new("zaozi");
    let input = fixture(&dir);
    let out = run(nianbao()
        .arg("build")
        .arg(&input)
        .arg("-o")
        .arg(&dir.0)
        .args(["--format", "md,html,docx,pdf,ofd", "--pdfa"]));
    assert_eq!(out.code, 1, "a draft: {}{}", out.stdout, out.stderr);
    let said = format!("{}{}", out.stdout, out.stderr);
    assert!(said.contains("造字（私用区字符）U+E000"), "{said}");
    assert!(said.contains("造字（私用区字符）U+E123"), "{said}");
    assert!(
        said.contains("有 2 处字符印不出来"),
        "each place once: {said}"
    );
    // The word joiners the Word document sets inside a figure's brackets
    // are not printed.
    let docx = zip_text(&dir.path("zaozi.docx"), "document.xml").replace('\u{2060}', "");
    for (what, text) in every_format(&dir, docx) {
        assert!(text.contains("张〔U+E000〕林"), "{what}");
        assert!(text.contains("〔U+E123〕村"), "{what}");
        assert!(!text.contains(['\u{E000}', '\u{E123}']), "{what}");
    }
    // Every format is a draft.
    let read = |ext: &str| std::fs::read_to_string(dir.path(&format!("zaozi.{ext}"))).unwrap();
    let (md, html) = (read("md"), read("html"));
    assert!(md.contains("**草稿**"), "{md}");
    assert!(html.contains("class=\"draft-banner\""));
    assert!(zip_text(&dir.path("zaozi.docx"), ".xml").contains("草稿"));
    // The draft built with --pdfa carries the XMP but claims no PDF/A.
    let bytes = std::fs::read(dir.path("zaozi.pdf")).unwrap();
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    assert!(has(b"<x:xmpmeta"), "the metadata is written");
    assert!(!has(b"pdfaid:part"), "a draft claims no PDF/A");
}

/// The test 造字 font: U+E000 only (tests/fixtures/fonts/make-zaozi-font.py).
const ZAOZI_FONT: &str = "tests/fixtures/fonts/test-zaozi.ttf";

/// The text of every format built as `zaozi.*` in `dir` (the Word
/// document's as `docx` gives it), each without its white space, named.
fn every_format(dir: &TempDir, docx: String) -> Vec<(&'static str, String)> {
    let read = |ext: &str| std::fs::read_to_string(dir.path(&format!("zaozi.{ext}"))).unwrap();
    let pdf = pdf_inspect::read(&dir.path("zaozi.pdf")).text();
    [
        ("Markdown", read("md")),
        ("HTML", read("html")),
        ("Word", docx),
        ("PDF", pdf),
        ("OFD", ofd_words(&dir.path("zaozi.ofd"))),
    ]
    .into_iter()
    .map(|(what, text)| (what, text.chars().filter(|c| !c.is_whitespace()).collect()))
    .collect()
}

/// The words of every run of a .docx part, joined (the text a reader sees).
fn docx_words(xml: &str) -> String {
    let doc = roxmltree::Document::parse(xml).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("t"))
        .filter_map(|n| n.text())
        .collect::<String>()
        .replace('\u{2060}', "")
}

/// The text of every `TextCode` of the OFD at `path`, page after page
/// (the 造字 is a text object of its own, in its own font).
fn ofd_words(path: &std::path::Path) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut out = String::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        if f.name().unwrap().ends_with("Content.xml") {
            let mut xml = String::new();
            f.read_to_string(&mut xml).unwrap();
            let doc = roxmltree::Document::parse(&xml).unwrap();
            out.extend(
                doc.descendants()
                    .filter(|n| n.has_tag_name("TextCode"))
                    .filter_map(|n| n.text()),
            );
        }
    }
    out
}

/// The bytes of the zip part `name` of the package at `path`.
fn zip_bytes(path: &std::path::Path, name: &str) -> Option<Vec<u8>> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut f = zip.by_name(name).ok()?;
    let mut out = Vec::new();
    f.read_to_end(&mut out).unwrap();
    Some(out)
}

/// Whether `pdftotext` of the PDF at `path` reads `want` (white space
/// left out); true with a message when pdftotext is not installed, outside
/// CI (under `CI` it must be).
fn pdftotext_reads(path: &std::path::Path, want: &str) -> bool {
    let Ok(out) = std::process::Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
    else {
        assert!(
            std::env::var_os("CI").is_none(),
            "pdftotext is required under CI"
        );
        eprintln!("skipped: pdftotext (poppler-utils) is not installed");
        return true;
    };
    let text: String = String::from_utf8_lossy(&out.stdout)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    text.contains(want)
}

#[test]
fn a_zaozi_font_prints_what_it_has_and_the_rest_stays_a_draft() {
    let dir = TempDir::new("zaozi-font");
    let input = fixture(&dir);
    let out = run(nianbao()
        .arg("build")
        .arg(&input)
        .arg("-o")
        .arg(&dir.0)
        .args(["--format", "md,html,docx,pdf,ofd", "--pdfa"])
        .arg(format!("--font=造字={ZAOZI_FONT}")));
    // U+E123 is not in the font: still a draft, for it alone.
    assert_eq!(out.code, 1, "a draft: {}{}", out.stdout, out.stderr);
    let said = format!("{}{}", out.stdout, out.stderr);
    assert!(said.contains("造字（私用区字符）U+E123"), "{said}");
    assert!(!said.contains("U+E000"), "printed from the font: {said}");
    assert!(said.contains("有 1 处字符印不出来"), "{said}");
    assert!(
        said.contains("--font 造字="),
        "says how to supply the font: {said}"
    );
    let docx_path = dir.path("zaozi.docx");
    let docx = docx_words(&zip_text(&docx_path, "word/document.xml"));
    let read = |ext: &str| std::fs::read_to_string(dir.path(&format!("zaozi.{ext}"))).unwrap();
    let (md, html) = (read("md"), read("html"));
    for (what, text) in every_format(&dir, docx) {
        assert!(
            text.contains("张\u{E000}林"),
            "{what}: the character itself"
        );
        assert!(
            text.contains("〔U+E123〕村"),
            "{what}: the one it lacks as its code"
        );
        assert!(!text.contains("〔U+E000〕"), "{what}");
    }
    assert!(pdftotext_reads(&dir.path("zaozi.pdf"), "张\u{E000}林"));
    // The PDF embeds the 造字 font's glyph.
    let fonts = pdf_inspect::read(&dir.path("zaozi.pdf")).fonts();
    assert!(
        fonts
            .iter()
            .any(|f| f.name.contains("NianbaoTestEUDC") && f.embedded),
        "{fonts:?}"
    );
    // The web page carries the font for its 造字.
    assert!(
        html.contains(
            "@font-face { font-family: \"nianbao-zaozi\"; src: url(data:font/ttf;base64,"
        )
    );
    assert!(html.contains("unicode-range: U+E000;"));
    // The Word document embeds it (obfuscated) and sets the 造字 in it.
    let font = std::fs::read(ZAOZI_FONT).unwrap();
    let embedded = zip_bytes(&docx_path, "word/fonts/zaozi.odttf").expect("font embedded");
    assert_eq!(embedded.len(), font.len());
    assert_eq!(
        embedded[32..],
        font[32..],
        "only the first 32 bytes obfuscated"
    );
    assert_ne!(embedded[..32], font[..32]);
    let table = zip_text(&docx_path, "word/fontTable.xml");
    assert!(
        table.contains("<w:font w:name=\"Nianbao Test EUDC\">"),
        "{table}"
    );
    assert!(
        table.contains("<w:embedRegular r:id=\"rIdZaozi\""),
        "{table}"
    );
    assert!(zip_text(&docx_path, "word/settings.xml").contains("<w:embedTrueTypeFonts/>"));
    assert!(zip_text(&docx_path, "document.xml").contains("<w:rStyle w:val=\"Zaozi\"/>"));
    // Still a draft, and --pdfa claims nothing for it.
    assert!(md.contains("**草稿**"));
    let bytes = std::fs::read(dir.path("zaozi.pdf")).unwrap();
    assert!(!bytes.windows(11).any(|w| w == b"pdfaid:part"));
}

#[test]
fn a_report_whose_zaozi_the_font_has_is_no_draft_and_its_pdfa_conforms() {
    let dir = TempDir::new("zaozi-all");
    let src = std::fs::read_to_string(EXAMPLE).unwrap();
    let src = src.replacen("我队以方便", "我队（联系人张\u{E000}林）以方便", 1);
    let input = dir.path("zaozi.yaml");
    std::fs::write(&input, src).unwrap();
    let out = run(nianbao()
        .arg("build")
        .arg(&input)
        .arg("-o")
        .arg(&dir.0)
        .args(["--format", "md,html,docx,pdf,ofd,xlsx", "--pdfa"])
        .args(["--font", &format!("造字={ZAOZI_FONT}")]));
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    // The workbook is the data: it keeps the character itself, as the
    // data file does, font or no font.
    assert!(zip_text(&dir.path("zaozi.xlsx"), ".xml").contains('\u{E000}'));
    let md = std::fs::read_to_string(dir.path("zaozi.md")).unwrap();
    assert!(!md.contains("草稿"));
    assert!(md.contains("张\u{E000}林"));
    let bytes = std::fs::read(dir.path("zaozi.pdf")).unwrap();
    assert!(
        bytes.windows(11).any(|w| w == b"pdfaid:part"),
        "PDF/A claimed"
    );
    assert!(pdftotext_reads(&dir.path("zaozi.pdf"), "张\u{E000}林"));
}

#[test]
fn a_file_that_is_no_zaozi_font_is_refused_by_name() {
    let out = run(nianbao().args([
        "build",
        EXAMPLE,
        "-o",
        "/nonexistent-zaozi-out",
        "--font",
        "造字=tests/fixtures/fonts/test-ming-b.ttf",
    ]));
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stderr.contains("造字字体") && out.stderr.contains("私用区"),
        "{}",
        out.stderr
    );
}

#[test]
fn the_workbench_prints_a_zaozi_from_the_font_it_was_started_with() {
    use std::io::BufRead;
    let dir = TempDir::new("zaozi-bench");
    let src = std::fs::read_to_string(EXAMPLE).unwrap();
    let src = src.replacen("我队以方便", "我队（联系人张\u{E000}林）以方便", 1);
    std::fs::write(dir.path("2025.yaml"), src).unwrap();
    let mut child = nianbao()
        .args(["workbench", "--port", "0", "--no-open"])
        .arg(format!("--font=造字={ZAOZI_FONT}"))
        .arg(&dir.0)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let _bench = crate::preview::Kill(child);
    let rest = line.trim().strip_prefix("http://127.0.0.1:").expect(&line);
    let (port, token) = rest.split_once("/?t=").expect(&line);
    let port: u16 = port.parse().unwrap();
    // The check panel names no 造字 the font prints (issue 77.3).
    let head = format!(
        "GET /api/state?f=2025.yaml HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\
         X-Nianbao-Token: {token}\r\nConnection: close\r\n\r\n"
    );
    let (status, _, reply) = crate::common::http_raw(port, &head, b"");
    assert_eq!(status, 200, "{reply}");
    assert!(reply.contains("html"), "a page state: {reply}");
    assert!(!reply.contains("造字（私用区字符）"), "{reply}");
    for format in ["docx", "pdf"] {
        let body = serde_json::json!({ "file": "2025.yaml", "format": format }).to_string();
        let head = format!(
            "POST /api/build HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\n\
             X-Nianbao-Token: {token}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
             Connection: close\r\n\r\n",
            body.len()
        );
        let (status, _, reply) = crate::common::http_raw(port, &head, body.as_bytes());
        assert_eq!(status, 200, "{reply}");
        let r: serde_json::Value = serde_json::from_str(&reply).unwrap();
        assert_eq!(r["draft"], false, "printed from the font: {reply}");
    }
    let docx = docx_words(&zip_text(&dir.path("2025.docx"), "word/document.xml"));
    assert!(docx.contains("张\u{E000}林"), "{docx}");
    assert!(zip_bytes(&dir.path("2025.docx"), "word/fonts/zaozi.odttf").is_some());
    assert!(pdftotext_reads(&dir.path("2025.pdf"), "张\u{E000}林"));
}

#[test]
fn the_workbench_and_the_server_refuse_a_file_that_is_no_zaozi_font() {
    let dir = TempDir::new("zaozi-refused");
    let bad = "--font=造字=tests/fixtures/fonts/test-ming-b.ttf";
    for args in [
        vec!["workbench", "--port", "0", "--no-open", bad],
        vec!["server", "--listen", "127.0.0.1:0", bad],
    ] {
        let out = run(nianbao().args(&args).arg(&dir.0));
        assert_eq!(out.code, 2, "{args:?}: {}{}", out.stdout, out.stderr);
        assert!(out.stdout.is_empty(), "nothing served: {}", out.stdout);
        assert!(out.stderr.contains("造字字体"), "{}", out.stderr);
    }
}

/// `check --font 造字=FILE` names only the 造字 the font lacks (issue
/// 77.3: the check listed a 造字 the font prints); any other role is
/// refused, as `check` draws nothing.
#[test]
fn check_with_the_zaozi_font_names_only_what_it_lacks() {
    let dir = TempDir::new("zaozi-check");
    let input = fixture(&dir);
    let without = run(nianbao().arg("check").arg(&input));
    assert!(without.stdout.contains("U+E000"), "{}", without.stdout);
    let with = run(nianbao()
        .arg("check")
        .arg(&input)
        .args(["--font", &format!("造字={ZAOZI_FONT}")]));
    assert_eq!(with.code, 0, "{}{}", with.stdout, with.stderr);
    assert!(!with.stdout.contains("U+E000"), "{}", with.stdout);
    assert!(with.stdout.contains("U+E123"), "{}", with.stdout);
    let other = run(nianbao()
        .arg("check")
        .arg(&input)
        .args(["--font", "正文=仿宋"]));
    assert_eq!(other.code, 2, "{}{}", other.stdout, other.stderr);
    assert!(
        other.stderr.contains("只接受 --font 造字="),
        "{}",
        other.stderr
    );
}
