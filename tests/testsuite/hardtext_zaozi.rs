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
    let read = |ext: &str| std::fs::read_to_string(dir.path(&format!("zaozi.{ext}"))).unwrap();
    let (md, html) = (read("md"), read("html"));
    // The word joiners the Word document sets inside a figure's brackets
    // are not printed.
    let docx = zip_text(&dir.path("zaozi.docx"), "document.xml").replace('\u{2060}', "");
    let ofd = zip_text(&dir.path("zaozi.ofd"), "Content.xml");
    let pdf = pdf_inspect::read(&dir.path("zaozi.pdf")).text();
    for (what, text) in [
        ("Markdown", &md),
        ("HTML", &html),
        ("Word", &docx),
        ("PDF", &pdf),
        ("OFD", &ofd),
    ] {
        let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(text.contains("张〔U+E000〕林"), "{what}");
        assert!(text.contains("〔U+E123〕村"), "{what}");
        assert!(!text.contains(['\u{E000}', '\u{E123}']), "{what}");
    }
    // Every format is a draft.
    assert!(md.contains("**草稿**"), "{md}");
    assert!(html.contains("class=\"draft-banner\""));
    assert!(zip_text(&dir.path("zaozi.docx"), ".xml").contains("草稿"));
    // The draft built with --pdfa carries the XMP but claims no PDF/A.
    let bytes = std::fs::read(dir.path("zaozi.pdf")).unwrap();
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    assert!(has(b"<x:xmpmeta"), "the metadata is written");
    assert!(!has(b"pdfaid:part"), "a draft claims no PDF/A");
}
