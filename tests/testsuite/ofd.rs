//! `nianbao build --format ofd` (issue 63): the OFD of every example, of
//! the hard-text fixtures and of the benchmark report.
//!
//! - A golden file per fixture (`tests/golden/ofd/`): every XML part as
//!   text, each font file by its SHA-256. After a deliberate change:
//!   `NIANBAO_BLESS=1 cargo test --test testsuite ofd::`, then review.
//! - The package read back here: the same bytes twice, each embedded font
//!   a TrueType font whose cmap gives every character of its text objects
//!   the glyph their `CGTransform` names.
//! - Two OFD readers that are not ours (`tests/ofd_readers.py`, needs
//!   python3 with easyofd and ofdkit, and pdftoppm): easyofd draws every
//!   page, compared with the PDF's page pixel by pixel within
//!   [`MOST_DIFFERING`]; ofdkit extracts every page's text, compared with
//!   the text written. Skipped with a message when they are missing,
//!   required under CI (`CI` set; `.ci/run` installs them).

use nianbao::slice::Slice;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::common::{self, TempDir, nianbao, run};

/// The fixtures with a golden OFD, and whether they are built with the
/// test faces installed (the hard-text fixtures' rare characters).
const FIXTURES: [(&str, bool); 7] = [
    ("examples/zibo-zhangdian-traffic-2024.yaml", false),
    ("examples/zibo-yiyuan-traffic-2020.yaml", false),
    ("examples/zhangdian-transport-2020.yaml", false),
    ("tests/fixtures/hardtext/hardtext-2024.yaml", true),
    ("tests/fixtures/hardtext/hardtext-2025.yaml", true),
    ("tests/fixtures/hardtext/hardtext-donghu.yaml", true),
    ("tests/fixtures/hardtext/hardtext-lingang.yaml", true),
];

/// The benchmark report: read by the readers, no golden file (its pages
/// are too many to review as text).
const BENCHMARK: &str = "benches/report-2500.yaml";

/// Largest share of a page's pixels that may differ between the PDF's
/// page and easyofd's drawing of the OFD's, both at 50 dpi, blurred by
/// 1 mm, a pixel differing when its grey levels are more than 40/255
/// apart. What differs within it: the glyphs' shapes and weights (easyofd
/// draws every face with one stand-in, the bold title too: 2.9 % on the
/// title page of a five-line title; rules a little thinner; characters
/// the stand-in lacks as boxes). Measured on the 53 pages: 0–2.9 % per
/// page, under 1.4 % on pages without the title; the same pages 2 mm off
/// differ on 2.5–8 % when full of text, less when not: the check finds
/// missing pages, lines and rules and large shifts, not small ones.
const MOST_DIFFERING: f64 = 0.035;

/// Builds `input` as `formats` into `dir` (with `extra` arguments); the
/// OFD's path.
fn build_with(
    input: &str,
    test_faces: bool,
    dir: &TempDir,
    formats: &str,
    extra: &[&str],
) -> PathBuf {
    let mut cmd = nianbao();
    cmd.arg("build")
        .arg(input)
        .arg("-o")
        .arg(&dir.0)
        .args(["--format", formats])
        .args(extra);
    if test_faces {
        cmd.env("FONTCONFIG_FILE", common::test_faces_installed(dir));
    }
    let out = run(&mut cmd);
    assert_eq!(out.code, 0, "{input}: {}", out.stderr);
    let stem = Path::new(input).file_stem().unwrap().to_string_lossy();
    dir.path(&format!("{stem}.ofd"))
}

/// [`build_with`] without extra arguments.
fn build(input: &str, test_faces: bool, dir: &TempDir, formats: &str) -> PathBuf {
    build_with(input, test_faces, dir, formats, &[])
}

/// The entries of the OFD at `path`, in the zip's order.
fn entries(path: &Path) -> Vec<(String, Vec<u8>)> {
    let bytes = std::fs::read(path).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().unwrap().to_string(), data)
        })
        .collect()
}

/// The package as the golden file holds it: each XML part under its name,
/// each font file as its size and SHA-256.
fn listing(entries: &[(String, Vec<u8>)]) -> String {
    let mut out = String::new();
    for (name, data) in entries {
        if name.ends_with(".xml") {
            out.push_str(&format!("=== {name}\n"));
            out.push_str(&String::from_utf8_lossy(data));
        } else {
            let hash: String = Sha256::digest(data)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            out.push_str(&format!("=== {name} {} bytes sha256 {hash}\n", data.len()));
        }
    }
    out
}

#[test]
fn golden_ofd_per_fixture_and_the_same_bytes_twice() {
    for (input, faces) in FIXTURES {
        let dir = TempDir::new("ofd-golden");
        let path = build(input, faces, &dir, "ofd");
        let first = std::fs::read(&path).unwrap();
        let again = TempDir::new("ofd-golden-again");
        assert_eq!(
            first,
            std::fs::read(build(input, faces, &again, "ofd")).unwrap(),
            "{input}"
        );
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        common::golden(
            &Path::new("tests/golden/ofd").join(format!("{stem}.txt")),
            &listing(&entries(&path)),
        );
    }
    // A draft: the watermark as a filled path under the text.
    let dir = TempDir::new("ofd-golden-draft");
    let path = build_with(FIXTURES[2].0, false, &dir, "ofd", &["--draft"]);
    let listed = listing(&entries(&path));
    assert!(listed.contains("Fill=\"true\"><ofd:FillColor Value=\"209 209 209\"/>"));
    common::golden(
        Path::new("tests/golden/ofd/zhangdian-transport-2020-draft.txt"),
        &listed,
    );
}

/// Attribute `name` of the element starting at `at` in `xml`.
fn attribute<'a>(xml: &'a str, at: usize, name: &str) -> Option<&'a str> {
    let end = at + xml.slice_from(at).find('>')?;
    let tag = xml.slice(at, end);
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let len = tag.slice_from(start).find('"')?;
    Some(tag.slice(start, start + len))
}

#[test]
fn every_character_written_is_in_its_font_with_the_glyph_named() {
    for (input, faces) in FIXTURES {
        let dir = TempDir::new("ofd-fonts");
        let parts = entries(&build(input, faces, &dir, "ofd"));
        let public = &parts
            .iter()
            .find(|(n, _)| n == "Doc_0/PublicRes.xml")
            .unwrap()
            .1;
        let public = String::from_utf8_lossy(public);
        // Font id → its file's bytes.
        let mut fonts: BTreeMap<String, &[u8]> = BTreeMap::new();
        for (at, _) in public.match_indices("<ofd:Font ") {
            let id = attribute(&public, at, "ID").unwrap().to_string();
            let file = format!("Doc_0/Res/font_{id}.ttf");
            let data = &parts.iter().find(|(n, _)| *n == file).unwrap().1;
            fonts.insert(id, data);
        }
        assert!(!fonts.is_empty(), "{input}");
        let mut checked = 0;
        for (name, data) in parts.iter().filter(|(n, _)| n.ends_with("Content.xml")) {
            let xml = String::from_utf8_lossy(data);
            for (at, _) in xml.match_indices("<ofd:TextObject ") {
                let font = attribute(&xml, at, "Font").unwrap();
                let face = ttf_parser::Face::parse(fonts[font], 0).expect("a font");
                assert!(face.tables().glyf.is_some(), "{name}: TrueType outlines");
                let rest = xml.slice_from(at);
                let glyphs = rest.slice_from(rest.find("<ofd:Glyphs>").unwrap() + 12);
                let glyphs: Vec<u16> = glyphs
                    .slice_to(glyphs.find('<').unwrap())
                    .split(' ')
                    .map(|g| g.parse().unwrap())
                    .collect();
                let code = rest.slice_from(rest.find("<ofd:TextCode").unwrap());
                let code = code.slice(code.find('>').unwrap() + 1, code.find("</").unwrap());
                let code = code
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&amp;", "&");
                assert_eq!(code.chars().count(), glyphs.len(), "{name}: {code}");
                for (ch, g) in code.chars().zip(&glyphs) {
                    assert!(*g < face.number_of_glyphs(), "{name}: {ch}");
                    if *g != 0 {
                        assert_eq!(face.glyph_index(ch).map(|g| g.0), Some(*g), "{name}: {ch}");
                    }
                }
                checked += glyphs.len();
            }
        }
        assert!(checked > 500, "{input}: {checked}");
    }
}

/// Runs `tests/ofd_readers.py` on the OFD and PDF of `input`; `None` (and
/// a message) when python3 with easyofd and ofdkit, or pdftoppm, is
/// missing outside CI.
fn read_by_others(input: &str, faces: bool) -> Option<serde_json::Value> {
    let present = std::process::Command::new("python3")
        .args(["-c", "import easyofd, ofdkit, fontTools, PIL"])
        .output()
        .is_ok_and(|o| o.status.success())
        && std::process::Command::new("pdftoppm")
            .arg("-v")
            .output()
            .is_ok();
    if !present {
        assert!(
            std::env::var_os("CI").is_none(),
            "python3 with easyofd and ofdkit, and pdftoppm, are required under CI \
             (pip install easyofd ofdkit; apt-get install poppler-utils)"
        );
        eprintln!(
            "跳过 OFD 阅读器核对：未安装 easyofd、ofdkit（pip install easyofd ofdkit）或 pdftoppm"
        );
        return None;
    }
    let dir = TempDir::new("ofd-readers");
    let ofd = build(input, faces, &dir, "pdf,ofd");
    let pdf = ofd.with_extension("pdf");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The stand-in face, made once per target directory.
    let cache = Path::new(env!("CARGO_TARGET_TMPDIR")).join("ofd-readers");
    let out = std::process::Command::new("python3")
        .arg(root.join("tests/ofd_readers.py"))
        .arg(&cache)
        .arg(root.join("fonts/FandolFang-Regular-subset.otf"))
        .arg(&ofd)
        .arg(&pdf)
        .arg(&dir.0)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{input}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(serde_json::from_slice(&out.stdout).unwrap())
}

/// `s` without white space.
fn squeezed(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The characters of `s` and how often each occurs.
fn counted(s: &str) -> BTreeMap<char, usize> {
    let mut m = BTreeMap::new();
    for c in squeezed(s).chars() {
        *m.entry(c).or_default() += 1;
    }
    m
}

#[test]
fn easyofd_draws_the_pdfs_pages_and_ofdkit_reads_the_text_written() {
    let mut inputs: Vec<(&str, bool)> = FIXTURES.to_vec();
    inputs.push((BENCHMARK, false));
    for (input, faces) in inputs {
        let Some(read) = read_by_others(input, faces) else {
            return;
        };
        let pages = read["pdf_pages"].as_u64().unwrap();
        assert!(pages > 0, "{input}");
        assert_eq!(read["ofd_pages"].as_u64(), Some(pages), "{input}");
        for (n, d) in read["differences"].as_array().unwrap().iter().enumerate() {
            let d = d.as_f64().unwrap();
            assert!(
                d <= MOST_DIFFERING,
                "{input} page {}: {:.2} % of the pixels differ",
                n + 1,
                d * 100.0
            );
        }
        assert_eq!(read["ofdkit_warnings"].as_array().map(Vec::len), Some(0));
        let extracted = read["ofdkit_pages"].as_array().unwrap();
        let written = read["written_text"].as_array().unwrap();
        let placed = read["placed_text"].as_array().unwrap();
        assert_eq!(extracted.len() as u64, pages, "{input}");
        let mut in_order = 0;
        for (n, ((got, want), place)) in extracted.iter().zip(written).zip(placed).enumerate() {
            let (got, want) = (got.as_str().unwrap(), want.as_str().unwrap());
            // Every character, the rare ones too, as often as written.
            assert_eq!(counted(got), counted(want), "{input} page {}", n + 1);
            // In reading order, where the order of places is the order
            // written: ofdkit reads a table line by line, not cell by cell.
            if squeezed(want) == squeezed(place.as_str().unwrap()) {
                assert_eq!(squeezed(got), squeezed(want), "{input} page {}", n + 1);
                in_order += 1;
            }
        }
        assert!(in_order > 0, "{input}");
        let info = &read["ofdkit_info"];
        assert_eq!(info["creator"], "nianbao", "{input}");
        assert!(
            info["title"].as_str().unwrap().ends_with("年度报告"),
            "{input}"
        );
        assert!(!info["author"].as_str().unwrap().is_empty(), "{input}");
        assert!(info["custom_data"]["年度"].is_string(), "{input}");
    }
}
