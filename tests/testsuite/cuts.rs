//! Issue 72, item 1: no input makes `import` or `check` panic, however it
//! was cut. Each importer's input is cut at every character boundary (a
//! page the store cut at 2 KB, a document whose text stops anywhere) and
//! imported, then the data file it gives is checked, in process; a panic
//! names the cut. Text and web pages are cut as text; a Word document and a
//! workbook keep their package whole and lose the text after the cut (every
//! text node after it emptied, the one it falls in shortened); a PDF, whose
//! text sits in compressed streams, is cut as bytes, which exercises the
//! reader's repair of a broken file.
//!
//! By default the text is cut at every character, the web page at every
//! third (most of it is markup) and the Word document, the workbook and the
//! PDF at about 300 places each, so that the suite stays lean;
//! `NIANBAO_EVERY_CUT=1` cuts every one of them at every character (byte):
//! docs/bounds.md says how long that takes and what it found.

use std::io::Read;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use nianbao::import::{self, Options};
use nianbao::slice::Slice;
use nianbao::source::SourceFile;
use nianbao::{check, load, write};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(name)
}

/// Imports `bytes` as the file `name`, then checks the data file written
/// from it; `Err` with the panic's message when either panics.
fn import_then_check(name: &str, bytes: &[u8]) -> Result<(), String> {
    catch_unwind(AssertUnwindSafe(|| {
        if let Ok(imported) = import::import_bytes(Path::new(name), bytes, &Options::default()) {
            let text = write::data_file(&imported.report, &imported.notes);
            let loaded = load::load_str(SourceFile::new(Path::new("cut.yaml"), text));
            let _ = check::check_loaded(loaded, None);
        }
    }))
    .map_err(|e| {
        e.downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| (*s).to_string()))
            .unwrap_or_default()
    })
}

/// Runs `one` on each of `cuts` on two threads; the cuts that panicked.
fn panics<T: Sync>(cuts: &[T], one: impl Fn(&T) -> Result<(), String> + Sync) -> Vec<String> {
    let half = cuts.len().div_ceil(2);
    std::thread::scope(|s| {
        let parts: Vec<_> = cuts
            .chunks(half.max(1))
            .map(|part| {
                let one = &one;
                s.spawn(move || part.iter().filter_map(|c| one(c).err()).collect::<Vec<_>>())
            })
            .collect();
        parts
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|_| vec!["线程异常".into()]))
            .collect()
    })
}

/// Every character boundary of `text`, the end included.
fn boundaries(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect()
}

/// `n` places spread over `0..=len`, or every one under `NIANBAO_EVERY_CUT`.
fn places(len: usize, n: usize) -> Vec<usize> {
    let every = std::env::var_os("NIANBAO_EVERY_CUT").is_some();
    let step = if every { 1 } else { (len / n).max(1) };
    (0..=len).step_by(step).collect()
}

/// Cuts `text` at its character boundaries (every `step`-th one; every one
/// under `NIANBAO_EVERY_CUT`) and imports and checks each.
fn cut_text(name: &str, text: &str, step: usize) {
    let every = std::env::var_os("NIANBAO_EVERY_CUT").is_some();
    let step = if every { 1 } else { step };
    let cuts: Vec<usize> = boundaries(text).into_iter().step_by(step).collect();
    cut_bytes(name, text.as_bytes(), &cuts);
}

/// Imports and checks the first `at` bytes of `bytes` for each of `cuts`.
fn cut_bytes(name: &str, bytes: &[u8], cuts: &[usize]) {
    let failed = panics(cuts, |&at| {
        import_then_check(name, &bytes[..at]).map_err(|e| format!("第 {at} 字节处截断：{e}"))
    });
    assert!(failed.is_empty(), "{name}:\n{}", failed.join("\n"));
    eprintln!("{name}：{} 处截断，导入并校验，无崩溃", cuts.len());
}

#[test]
fn a_text_cut_at_any_character_imports_and_checks() {
    let name = "tests/fixtures/import/blanks-tabs-2021.txt";
    let text = std::fs::read_to_string(fixture(name)).unwrap();
    cut_text(name, &text, 1);
}

#[test]
fn a_web_page_cut_at_any_character_imports_and_checks() {
    let name = "tests/fixtures/import/html-2019.html";
    let text = std::fs::read_to_string(fixture(name)).unwrap();
    // Three quarters of a page's characters are markup: every third.
    cut_text(name, &text, 3);
}

/// `xml` with its text nodes (elements named `tag`) holding only the first
/// `keep` characters of their text in document order; an entity counts as
/// one character and is never split.
fn cut_text_nodes(xml: &str, tag: &str, keep: usize) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut left = keep;
    let mut rest = xml;
    let close = format!("</{tag}>");
    while let Some(start) = find_open(rest, tag) {
        let Some(gt) = rest.slice_from(start).find('>').map(|g| start + g + 1) else {
            break;
        };
        let Some(end) = rest.slice_from(gt).find(&close).map(|e| gt + e) else {
            break;
        };
        out.push_str(rest.slice_to(gt));
        let mut units = rest.slice(gt, end).char_indices().peekable();
        let mut taken = gt;
        while left > 0 {
            let Some((i, c)) = units.next() else { break };
            let len = if c == '&' {
                rest.slice(gt + i, end).find(';').map_or(1, |s| s + 1)
            } else {
                c.len_utf8()
            };
            while units.peek().is_some_and(|&(j, _)| j < i + len) {
                units.next();
            }
            taken = gt + i + len;
            left -= 1;
        }
        out.push_str(rest.slice(gt, taken));
        rest = rest.slice_from(end);
    }
    out.push_str(rest);
    out
}

/// Where the next element `tag` opens (`<w:t>` or `<w:t xml:space=…>`).
fn find_open(s: &str, tag: &str) -> Option<usize> {
    let open = format!("<{tag}");
    let mut from = 0;
    while let Some(i) = s.slice_from(from).find(&open).map(|i| from + i) {
        let after = s.as_bytes().get(i + open.len());
        if matches!(after, Some(b'>' | b' ')) {
            return Some(i);
        }
        from = i + open.len();
    }
    None
}

/// The entries of a zip package, by name.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let package = nianbao::zip_xml::read::Package::Docx;
    let mut archive = nianbao::zip_xml::read::open_archive(bytes, package).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut f = archive.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().map(|n| n.to_string()).unwrap_or_default(), data)
        })
        .collect()
}

/// Characters of text in the package's `tag` elements (an entity counted
/// as its characters: enough to spread the cuts).
fn text_chars(parts: &[(String, Vec<u8>)], tag: &str) -> usize {
    let close = format!("</{tag}>");
    let mut n = 0;
    for xml in parts
        .iter()
        .filter_map(|(_, d)| std::str::from_utf8(d).ok())
    {
        let mut rest = xml;
        while let Some(start) = find_open(rest, tag) {
            let Some(gt) = rest.slice_from(start).find('>').map(|g| start + g + 1) else {
                break;
            };
            let Some(end) = rest.slice_from(gt).find(&close).map(|e| gt + e) else {
                break;
            };
            n += rest.slice(gt, end).chars().count();
            rest = rest.slice_from(end);
        }
    }
    n
}

/// Cuts the text of a zip package (its `tag` elements) at `places` and
/// imports and checks each.
fn cut_package(name: &str, bytes: &[u8], tag: &str, places: &[usize]) {
    let parts = unzip(bytes);
    let failed = panics(places, |&keep| {
        let cut: Vec<(String, Vec<u8>)> = parts
            .iter()
            .map(|(n, d)| match std::str::from_utf8(d) {
                Ok(xml) if n.ends_with(".xml") => {
                    (n.clone(), cut_text_nodes(xml, tag, keep).into_bytes())
                }
                _ => (n.clone(), d.clone()),
            })
            .collect();
        let entries: Vec<(&str, Vec<u8>)> =
            cut.iter().map(|(n, d)| (n.as_str(), d.clone())).collect();
        let packed = nianbao::zip_xml::zip::write(&entries);
        import_then_check(name, &packed).map_err(|e| format!("保留前 {keep} 个字：{e}"))
    });
    assert!(failed.is_empty(), "{name}:\n{}", failed.join("\n"));
    eprintln!("{name}：{} 处截断，导入并校验，无崩溃", places.len());
}

#[test]
fn a_word_document_cut_anywhere_in_its_text_imports_and_checks() {
    let name = "tests/fixtures/import/blanks-2021-numbered.docx";
    let bytes = std::fs::read(fixture(name)).unwrap();
    let chars = text_chars(&unzip(&bytes), "w:t");
    assert!(chars > 500, "{chars}");
    cut_package(name, &bytes, "w:t", &places(chars, 300));
}

#[test]
fn a_workbook_cut_anywhere_in_its_text_imports_and_checks() {
    let example = fixture("examples/zibo-zhangdian-traffic-2024.yaml");
    let report = load::load_path(&example).unwrap().report.unwrap();
    let bytes = nianbao::xlsx::workbook(&report);
    let chars = text_chars(&unzip(&bytes), "t");
    assert!(chars > 500, "{chars}");
    cut_package("cut.xlsx", &bytes, "t", &places(chars, 300));
}

#[test]
fn a_pdf_cut_at_any_byte_imports_and_checks() {
    let name = "tests/fixtures/import/blanks-2021-libreoffice.pdf";
    let bytes = std::fs::read(fixture(name)).unwrap();
    cut_bytes(name, &bytes, &places(bytes.len(), 300));
}

/// Inputs the fuzz targets found (`scripts/fuzz.sh`), kept as regression
/// fixtures: each is checked (and imported, for a report) without a panic.
/// `load_validate-received-total-below-sum.yaml`: 本年新收 whose printed
/// total is below its cells' sum, with the text stating that total —
/// NARR's note subtracted the sum from it (an overflow in a debug build).
#[test]
fn inputs_the_fuzzers_found_check_without_a_panic() {
    let dir = fixture("tests/fixtures/fuzz");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty());
    for file in files {
        let bytes = std::fs::read(&file).unwrap();
        let name = file.display().to_string();
        let checked = catch_unwind(AssertUnwindSafe(|| {
            let loaded = load::load_str(SourceFile::new(
                &file,
                String::from_utf8_lossy(&bytes).into_owned(),
            ));
            let _ = check::check_loaded(loaded, None);
        }));
        assert!(checked.is_ok(), "{name}：校验时崩溃");
        assert_eq!(
            import_then_check(&name, &bytes),
            Ok(()),
            "{name}：导入时崩溃"
        );
    }
}
