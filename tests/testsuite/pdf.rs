//! The publication PDF: built once for the seed example, read back
//! in-process ([`pdf_inspect`]); poppler-utils and qpdf, where installed,
//! cross-check the reading and the file's structure.

use nianbao::slice::Slice;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::common::TempDir;
use crate::pdf_inspect::{self, Pdf};
use hayro_syntax::object::{Array, Dict, Name, Object, Stream};

use nianbao::render::document;
use nianbao::render::layout::page::PageNumbers;
use nianbao::render::pdf::{self, PdfOptions};
use nianbao::render::typeset;

const EXAMPLE: &str = "examples/zibo-zhangdian-traffic-2024.yaml";

fn doc() -> document::Document {
    let checked = nianbao::check::check_path(Path::new(EXAMPLE), None).expect("example loads");
    let report = checked.report.expect("example is a report");
    document::build(&report, None)
}

/// The example's PDF, built once per test binary and written to a temp file.
fn built() -> &'static (Vec<u8>, PathBuf) {
    static DIR: OnceLock<TempDir> = OnceLock::new();
    static PDF: OnceLock<(Vec<u8>, PathBuf)> = OnceLock::new();
    PDF.get_or_init(|| {
        let bytes = pdf::render(&doc(), &PdfOptions::default()).expect("renders");
        let path = DIR
            .get_or_init(|| TempDir::new("pdf-test"))
            .path("report.pdf");
        std::fs::write(&path, &bytes).unwrap();
        (bytes, path)
    })
}

/// Writes the example to /tmp/x.pdf for looking at:
/// `cargo test --test testsuite pdf::write_example -- --ignored`.
#[test]
#[ignore]
fn write_example() {
    let mut d = doc();
    if std::env::var_os("DRAFT").is_some() {
        d.draft = Some(document::Draft {
            errors: 1,
            warnings: 2,
            unprinted: 0,
        });
    }
    let opts = PdfOptions {
        page_numbers: if std::env::var_os("CENTER").is_some() {
            PageNumbers::Center
        } else {
            PageNumbers::Alternate
        },
        ..Default::default()
    };
    std::fs::write("/tmp/x.pdf", pdf::render(&d, &opts).unwrap()).unwrap();
}

fn path() -> &'static str {
    built().1.to_str().unwrap()
}

/// The example's PDF, read back.
fn read() -> &'static Pdf {
    static READ: OnceLock<Pdf> = OnceLock::new();
    READ.get_or_init(|| pdf_inspect::read(&built().1))
}

/// Its text, as pdftotext gives it: a line per line, pages ended by a form
/// feed.
fn text() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| read().text())
}

/// Text with all whitespace removed (table cells wrap inside their boxes).
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether the characters of `needle` occur in order close together in
/// `hay`: a label wrapped inside its cell is read interleaved with the
/// neighbouring cells' lines.
fn in_order(hay: &str, needle: &str) -> bool {
    if hay.contains(needle) {
        return true;
    }
    let h: Vec<char> = hay.chars().collect();
    let n: Vec<char> = needle.chars().collect();
    let window = 6 * n.len() + 60;
    (0..h.len()).filter(|&i| h[i] == n[0]).any(|start| {
        let mut k = 0;
        for &c in h[start..(start + window).min(h.len())].iter() {
            if k < n.len() && c == n[k] {
                k += 1;
            }
        }
        k == n.len()
    })
}

#[test]
fn page_count_and_page_numbers() {
    let pages = read().page_count();
    assert_eq!(pages, 6);
    // A4 (GB/T 9704 4.1), 210 mm × 297 mm.
    let mm = 72.0 / 25.4;
    for p in &read().pages {
        let [x0, y0, x1, y1] = p.bounds;
        assert!(
            (x1 - x0 - 210.0 * mm).abs() < 0.1 && (y1 - y0 - 297.0 * mm).abs() < 0.1,
            "{:?}",
            p.bounds
        );
    }
    let t = squeeze(text());
    for n in 1..=pages {
        assert!(t.contains(&format!("—{n}—")), "page number {n} missing");
    }
}

#[test]
fn text_layer_has_headings_labels_and_figures() {
    let d = doc();
    let t = squeeze(text());
    assert!(t.contains(&squeeze(&d.title)));
    assert!(t.contains(&d.date));
    for sec in &d.sections {
        assert!(t.contains(sec.heading), "heading {}", sec.heading);
        if let Some(g) = &sec.table {
            for c in &g.cells {
                assert!(
                    in_order(&t, &squeeze(&c.text)),
                    "table cell {:?} missing",
                    c.text
                );
            }
        }
    }
    // Reading order and no spurious spaces between CJK characters.
    assert!(t.contains("依托张店区人民政府政务公开网站公开机构职能"));
    assert!(!text().contains("政 府"), "spaces between CJK characters");
    // The address may break after @ or a dot; read across the break.
    assert!(t.contains("zdjjddbgs@zb.shandong.cn"));
}

#[test]
fn no_line_starts_with_closing_punctuation() {
    for line in text().lines() {
        if let Some(c) = line.trim_start().chars().next() {
            assert!(
                !nianbao::render::layout::kinsoku::is_no_start(c) || c == '—',
                "line starts with {c}: {line}"
            );
        }
    }
}

#[test]
fn fonts_are_embedded_and_subset() {
    let fonts = read().fonts();
    assert_eq!(fonts.len(), 5, "five faces for five roles: {fonts:?}");
    // Page numbers in 宋体 digits (GB/T 9704 7.5), not the 仿宋 of the text.
    assert!(
        fonts
            .iter()
            .any(|f| f.name.contains("NotoSerifCJKsc-Regular")),
        "{fonts:?}"
    );
    for f in &fonts {
        assert!(f.embedded && f.subset && f.to_unicode, "{f:?}");
    }
}

/// poppler reads what the tests read: the page count and document
/// information (pdfinfo), the fonts and their flags (pdffonts), and the
/// same characters on each page (pdftotext).
#[test]
fn poppler_reads_what_the_tests_read() {
    if let Some(info) = pdf_inspect::external("pdfinfo", &[path()]) {
        let pages = info.lines().find_map(|l| l.strip_prefix("Pages:"));
        assert_eq!(pages.map(str::trim), Some("6"), "{info}");
        // "Page size:      595.276 x 841.89 pts (A4)"
        let size: Vec<f64> = info
            .lines()
            .find_map(|l| l.strip_prefix("Page size:"))
            .map(|l| {
                l.split_whitespace()
                    .filter_map(|w| w.parse().ok())
                    .collect()
            })
            .unwrap_or_default();
        let [x0, y0, x1, y1] = read().pages[0].bounds;
        assert!(
            size.len() == 2
                && (size[0] - (x1 - x0)).abs() < 0.01
                && (size[1] - (y1 - y0)).abs() < 0.01,
            "{info}"
        );
        for key in ["Title", "Author", "Producer"] {
            let value = read().info(key).unwrap();
            assert!(
                info.contains(&format!("{key}:")) && info.contains(&value),
                "{key}: {info}"
            );
        }
    }
    if let Some(list) = pdf_inspect::external("pdffonts", &[path()]) {
        let rows: Vec<&str> = list.lines().skip(2).collect();
        let fonts = read().fonts();
        assert_eq!(rows.len(), fonts.len(), "{list}");
        for (row, f) in rows.iter().zip(&fonts) {
            let cols: Vec<&str> = row.split_whitespace().collect();
            let n = cols.len();
            let yes = |b: bool| if b { "yes" } else { "no" };
            assert_eq!(cols[0], f.name, "{list}");
            assert_eq!(
                &cols[n - 5..n - 2],
                &[yes(f.embedded), yes(f.subset), yes(f.to_unicode)],
                "{row}"
            );
        }
    }
    if let Some(poppler) = pdf_inspect::external("pdftotext", &["-enc", "UTF-8", path(), "-"]) {
        let pages: Vec<&str> = poppler.split('\u{c}').collect();
        for (n, ours) in read().page_texts().iter().enumerate() {
            let mut a: Vec<char> = squeeze(ours).chars().collect();
            let mut b: Vec<char> = squeeze(pages[n]).chars().collect();
            a.sort_unstable();
            b.sort_unstable();
            assert!(
                a == b,
                "page {}: the characters differ from pdftotext's",
                n + 1
            );
        }
    }
}

#[test]
fn qpdf_finds_no_errors() {
    let Some(out) = pdf_inspect::external("qpdf", &["--check", path()]) else {
        return;
    };
    assert!(out.contains("No syntax or stream encoding errors"), "{out}");
}

#[test]
fn document_info() {
    let pdf = read();
    let title = pdf.info("Title").unwrap_or_default();
    assert!(
        title.contains("淄博市公安局交通警察支队张店大队2024年政府信息公开工作年度报告"),
        "{title}"
    );
    assert_eq!(
        pdf.info("Author").as_deref(),
        Some("淄博市公安局交通警察支队张店大队")
    );
    let producer = pdf.info("Producer").unwrap_or_default();
    assert!(producer.starts_with("nianbao"), "{producer}");
    // The date of the report: 2025-01-10.
    let created = pdf.info("CreationDate").unwrap_or_default();
    assert!(created.starts_with("D:20250110"), "{created}");
}

#[test]
fn builds_are_byte_identical_and_drafts_are_marked() {
    let again = pdf::render(&doc(), &PdfOptions::default()).unwrap();
    assert!(again == built().0, "two builds differ");
    let mut d = doc();
    d.draft = Some(document::Draft {
        errors: 0,
        warnings: 1,
        unprinted: 0,
    });
    let draft = pdf::render(&d, &PdfOptions::default()).unwrap();
    let draft = pdf_inspect::read_bytes(&draft).expect("the draft reads");
    // The watermark is not part of the text layer...
    assert_eq!(draft.text(), text());
    // ...but drawn, rotated, on every page: one grey shape each.
    for n in 0..draft.page_count() {
        let grey = draft
            .operations(n)
            .iter()
            .filter(|op| {
                op.operator == "g" && op.operands.first().and_then(|o| o.number()) == Some(0.82)
            })
            .count();
        assert_eq!(grey, 1, "page {}: one grey shape", n + 1);
    }
}

#[test]
fn uncovered_characters_are_warned_at_their_place() {
    let src = std::fs::read_to_string(EXAMPLE).unwrap();
    // 堃 is missing from the 仿宋 face but a fallback has it; U+13000 (an
    // Egyptian hieroglyph) has no face at all; U+E000 (private use) is a
    // 造字, printed as its code and named as such (issue 77); the
    // variation selector and the joiner are dropped silently.
    let src = src.replacen("依法做好", "依法堃\u{13000}\u{E000}\u{FE0F}\u{200D}做好", 1);
    let line = src.lines().position(|l| l.contains('\u{13000}')).unwrap() as u32 + 1;
    let loaded = nianbao::load::load_str(nianbao::source::SourceFile::new("x.yaml", src));
    let report = loaded.report.expect("loads");
    let fonts = typeset::Fonts::load(&Default::default()).unwrap();
    let w = typeset::glyph_warnings(&report, &loaded.file, &fonts);
    assert_eq!(w.len(), 2, "{w:?}");
    assert!(w.iter().all(|d| d.code == nianbao::diag::codes::GLYPH));
    let (zaozi, w): (Vec<_>, Vec<_>) = w.into_iter().partition(|d| d.message.contains("造字"));
    assert!(
        zaozi[0].message.contains("造字（私用区字符）U+E000")
            && zaozi[0].message.contains("〔U+E000〕"),
        "{:?}",
        zaozi[0].message
    );
    let span = w[0].span.unwrap();
    assert_eq!(span.line, line);
    assert_eq!(
        loaded
            .file
            .line_text(line)
            .unwrap()
            .chars()
            .nth(span.column as usize - 1),
        Some('\u{13000}')
    );
}

#[test]
fn restricted_and_missing_fonts_are_refused() {
    let err = typeset::Fonts::load(&typeset::FontChoice {
        dir: Some("/nonexistent".into()),
        ..Default::default()
    })
    .err()
    .unwrap();
    assert!(err.to_string().contains("字体"), "{err}");
    let err = typeset::Fonts::load(
        &typeset::FontChoice::from_args(
            None,
            &[typeset::parse_font_arg("正文=不存在的字体XYZ").unwrap()],
        )
        .unwrap(),
    )
    .err()
    .unwrap();
    assert!(err.to_string().contains("不存在的字体XYZ"), "{err}");
    // A copy of a bundled face with OS/2 fsType = 2 (restricted).
    let mut bytes = std::fs::read("fonts/WenKaiGB-Regular-subset.ttf").unwrap();
    let os2 = table_offset(&bytes, b"OS/2").unwrap();
    bytes[os2 + 8..os2 + 10].copy_from_slice(&2u16.to_be_bytes());
    let tmp = TempDir::new("restricted");
    let p = tmp.path("restricted.ttf");
    std::fs::write(&p, &bytes).unwrap();
    let err = typeset::Fonts::load(&typeset::FontChoice {
        dir: None,
        overrides: vec![(typeset::Role::Kai, typeset::FontSource::Path(p.clone()))],
        zaozi: None,
    })
    .err()
    .unwrap();
    assert!(err.to_string().contains("禁止嵌入"), "{err}");
    assert_eq!(err.exit_code(), 2);
}

/// Offset of table `tag` in an sfnt file.
fn table_offset(font: &[u8], tag: &[u8; 4]) -> Option<usize> {
    let n = u16::from_be_bytes([font[4], font[5]]) as usize;
    (0..n).find_map(|i| {
        let rec = 12 + 16 * i;
        (&font[rec..rec + 4] == tag).then(|| {
            u32::from_be_bytes([font[rec + 8], font[rec + 9], font[rec + 10], font[rec + 11]])
                as usize
        })
    })
}

/// The font program a descriptor embeds has `glyphs` glyphs, and a
/// CID-keyed CFF program maps CID n to glyph n.
fn embedded_program_matches(descriptor: &Dict<'_>, glyphs: usize) {
    let (key, program) = [&b"FontFile3"[..], b"FontFile2"]
        .iter()
        .find_map(|k| {
            let s = descriptor.get::<Stream<'_>>(k)?;
            Some((*k, s.decoded().ok()?.into_owned()))
        })
        .expect("an embedded program");
    if key == b"FontFile3" {
        let cff = ttf_parser::cff::Table::parse(&program).expect("a CFF program");
        assert_eq!(usize::from(cff.number_of_glyphs()), glyphs);
        for g in 0..glyphs as u16 {
            assert_eq!(
                cff.glyph_cid(ttf_parser::GlyphId(g)),
                Some(g),
                "CID of glyph {g}"
            );
        }
    } else {
        let face = ttf_parser::Face::parse(&program, 0).expect("a TrueType program");
        assert_eq!(face.number_of_glyphs() as usize, glyphs);
    }
}

/// A program's own glyph widths (a CFF program's charstrings' widths, read
/// by fontTools; a TrueType program's `hmtx`) are its `/W` widths, so PDF/A's rule that the two agree
/// (6.2.11.5) holds for the narrow copies of marks as for every glyph.
/// Skipped, with a message, where python3 with fontTools is missing
/// outside CI.
fn embedded_widths_agree(descriptor: &Dict<'_>, widths: &BTreeMap<u32, f64>, name: &str) {
    if let Some(program) = descriptor.get::<Stream<'_>>(b"FontFile2") {
        // A TrueType program: its `hmtx` advances.
        let program = program.decoded().expect("a program").into_owned();
        let face = ttf_parser::Face::parse(&program, 0).expect("a TrueType program");
        let em = f64::from(face.units_per_em());
        for g in 0..face.number_of_glyphs() {
            let advance = face.glyph_hor_advance(ttf_parser::GlyphId(g)).unwrap();
            let w = (f64::from(advance) * 1000.0 / em).round();
            assert_eq!(widths.get(&u32::from(g)), Some(&w), "{name}: glyph {g}");
        }
        return;
    }
    let Some(program) = descriptor.get::<Stream<'_>>(b"FontFile3") else {
        return;
    };
    let program = program.decoded().expect("a program").into_owned();
    let script = "import sys, io\n\
        from fontTools.cffLib import CFFFontSet\n\
        from fontTools.pens.basePen import NullPen\n\
        cff = CFFFontSet(); cff.decompile(io.BytesIO(sys.stdin.buffer.read()), None)\n\
        top = cff[0]; cs = top.CharStrings\n\
        for g, n in enumerate(top.charset):\n\
        \x20   c = cs[n]; c.draw(NullPen()); print(g, c.width)\n";
    let run = std::process::Command::new("python3")
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn();
    let output = run.ok().and_then(|mut child| {
        use std::io::Write;
        child.stdin.take()?.write_all(&program).ok()?;
        child.wait_with_output().ok()
    });
    let Some(output) = output.filter(|o| o.status.success()) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "python3 with fontTools is required under CI (pip install fonttools)"
        );
        eprintln!("跳过字宽核对：未安装 python3 的 fontTools（pip install fonttools）");
        return;
    };
    let read = String::from_utf8(output.stdout).unwrap();
    let mut seen = 0;
    for line in read.lines() {
        let (g, w) = line.split_once(' ').unwrap();
        let (g, w): (u32, f64) = (g.parse().unwrap(), w.parse().unwrap());
        assert_eq!(widths.get(&g), Some(&w), "{name}: glyph {g}");
        seen += 1;
    }
    assert_eq!(seen, widths.len(), "{name}");
}

/// The bundled faces by PostScript name.
fn bundled_faces() -> Vec<(String, ttf_parser::Face<'static>)> {
    typeset::Role::ALL
        .iter()
        .filter_map(|&r| typeset::fonts::embedded(r))
        .map(|data| {
            let face = ttf_parser::Face::parse(data, 0).unwrap();
            let name = face
                .names()
                .into_iter()
                .find(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
                .and_then(|n| n.to_string())
                .unwrap();
            (name, face)
        })
        .collect()
}

/// Every embedded face: each code's `/W` width is the advance, in the
/// bundled face the program was cut from, of the character ToUnicode gives
/// for that code; a CID-keyed CFF program maps CID n to glyph n; the subset
/// tag is on the font and its descriptor alike.
#[test]
fn widths_and_cids_match_the_embedded_programs() {
    let bundled = bundled_faces();
    let read = read();
    let mut faces = 0;
    for object in read.objects() {
        let Object::Dict(font) = object else { continue };
        if font.get::<Name<'_>>(b"Subtype").as_deref() != Some(&b"Type0"[..]) {
            continue;
        }
        faces += 1;
        let base = String::from_utf8(font.get::<Name<'_>>(b"BaseFont").unwrap().to_vec()).unwrap();
        let (tag, name) = base.split_once('+').expect("a subset tag");
        assert!(tag.len() == 6 && tag.starts_with("NBF"), "{base}");
        let descendant = pdf_inspect::descendant(&font).expect("a descendant font");
        let descriptor = descendant
            .get::<Dict<'_>>(b"FontDescriptor")
            .expect("a font descriptor");
        assert_eq!(
            descriptor.get::<Name<'_>>(b"FontName").as_deref(),
            Some(base.as_bytes())
        );
        assert_eq!(
            descendant.get::<Name<'_>>(b"BaseFont").as_deref(),
            Some(base.as_bytes())
        );
        let widths = pdf_inspect::cid_widths(&descendant);
        let glyphs = widths.len();
        assert!(
            widths.keys().copied().eq(0..glyphs as u32),
            "{name}: a width for every glyph from 0"
        );
        // Every code ToUnicode names: its width is its character's advance
        // in the bundled face.
        let text = pdf_inspect::to_unicode(&font, widths.keys().copied());
        let (_, original) = bundled.iter().find(|(n, _)| n == name).expect(name);
        let upem = f64::from(original.units_per_em());
        let mut narrow = 0;
        for (code, t) in &text {
            let c = t.chars().next().expect("a character");
            let gid = original.glyph_index(c).expect("the bundled face has it");
            let advance = f64::from(original.glyph_hor_advance(gid).unwrap());
            let full = (advance * 1000.0 / upem).round();
            // A compressible mark's narrow copies read as the mark: half an
            // em and seven tenths ([`embedded_widths`] checks the program).
            if widths[code] != full && "，。、；：）》」』”’】〕〉（《「『“‘【〔〈".contains(c)
            {
                assert!([500.0, 700.0].contains(&widths[code]), "{name} {c}");
                narrow += 1;
                continue;
            }
            assert_eq!(widths[code], full, "{name} {c}");
        }
        if name.starts_with("FandolFang") {
            assert!(narrow >= 6, "{name}: {narrow} narrow copies");
        }
        embedded_widths_agree(&descriptor, &widths, name);
        // Every glyph but .notdef has a character (some have two).
        assert!(
            text.keys().copied().eq(1..glyphs as u32),
            "{name}: {:?}",
            text.keys()
        );
        embedded_program_matches(&descriptor, glyphs);
    }
    assert_eq!(faces, 5);
}

/// The reading sees a font that the content selects but the resources do
/// not define (what poppler calls an unknown font tag), so that the fonts
/// tests can rely on it.
#[test]
fn a_font_the_resources_do_not_define_is_seen() {
    assert!(read().undefined_fonts(0).is_empty());
    // A page whose resources define F1 only, and whose content selects
    // F1, then NoSuchFont.
    let content = b"BT /F1 12 Tf 72 700 Td (A) Tj /NoSuchFont 12 Tf (B) Tj ET";
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
         /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_string(),
        format!(
            "<< /Length {} >>\nstream\n{}\nendstream",
            content.len(),
            String::from_utf8_lossy(content)
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_string(),
    ];
    let mut bytes = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(bytes.len());
        bytes.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).bytes());
    }
    let xref = bytes.len();
    bytes.extend(b"xref\n0 6\n0000000000 65535 f \n");
    for o in offsets {
        bytes.extend(format!("{o:010} 00000 n \n").bytes());
    }
    bytes.extend(format!("trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").bytes());
    let broken = pdf_inspect::read_bytes(&bytes).unwrap();
    assert_eq!(broken.undefined_fonts(0), ["NoSuchFont"]);
}

/// The PDF is tagged: a language, a structure a screen reader follows
/// (title, headings, paragraphs, tables with header cells), page numbers
/// and repeated table headers left out of it as artifacts.
#[test]
fn the_pdf_is_tagged_for_screen_readers() {
    let pdf = read();
    let catalog = pdf.catalog();
    assert_eq!(
        pdf_inspect::string_of(&catalog, b"Lang").as_deref(),
        Some(&b"zh-CN"[..])
    );
    let marked = catalog.get::<Dict<'_>>(b"MarkInfo").expect("MarkInfo");
    assert_eq!(marked.get::<bool>(b"Marked"), Some(true));
    assert!(catalog.contains_key(b"StructTreeRoot"));
    // The reading order a screen reader gets, as poppler reads the tags.
    if let Some(info) = pdf_inspect::external("pdfinfo", &[path()]) {
        assert!(info.contains("Tagged:          yes"), "{info}");
    }
    let Some(tree) = pdf_inspect::external("pdfinfo", &["-struct-text", path()]) else {
        return;
    };
    let d = doc();
    // Reading order: the title first, then every heading in turn.
    let title = format!("Document\n  H1 (block)\n    \"{}\"", squeeze(&d.title));
    assert!(tree.starts_with(&title), "{tree}");
    let mut at = title.len();
    for sec in &d.sections {
        let heading = format!("  H2 (block)\n    \"{}\"", sec.heading);
        at += tree.slice_from(at).find(&heading).expect(sec.heading);
    }
    assert_eq!(tree.matches("  Table (block)").count(), 3, "{tree}");
    assert!(tree.contains("TH:\n         /Scope /Column"), "{tree}");
    // No page number is read out, and each table header only once.
    let (t, squeezed_tree) = (squeeze(text()), squeeze(&tree));
    for n in 1..=6 {
        assert!(t.contains(&format!("—{n}—")));
        assert!(!squeezed_tree.contains(&format!("—{n}—")), "{tree}");
    }
    // Table 三 goes over a page: its header is printed twice, read once.
    assert_eq!(text().matches("申请人情况").count(), 2);
    assert_eq!(tree.matches("\"申请人情况\"").count(), 1, "{tree}");
}

/// `--pdfa`: PDF/A-2b for archives: XMP metadata (unfiltered, naming the
/// part and conformance and repeating the title), a grey output intent,
/// every font embedded; the file still passes qpdf.
#[test]
fn pdfa_adds_metadata_and_an_output_intent() {
    let opts = PdfOptions {
        pdfa: true,
        ..Default::default()
    };
    let bytes = pdf::render(&doc(), &opts).unwrap();
    assert_eq!(bytes, pdf::render(&doc(), &opts).unwrap(), "reproducible");
    let p = built().1.with_file_name("pdfa.pdf");
    std::fs::write(&p, &bytes).unwrap();
    if let Some(check) = pdf_inspect::external("qpdf", &["--check", p.to_str().unwrap()]) {
        assert!(
            check.contains("No syntax or stream encoding errors"),
            "{check}"
        );
    }
    let pdf = pdf_inspect::read_bytes(&bytes).unwrap();
    let catalog = pdf.catalog();
    let meta = catalog.get::<Stream<'_>>(b"Metadata").expect("metadata");
    assert!(
        !meta.dict().contains_key(b"Filter"),
        "metadata stays readable"
    );
    let xmp = String::from_utf8(meta.raw_data().into_owned()).unwrap();
    assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>"));
    assert!(xmp.contains("<pdfaid:conformance>A</pdfaid:conformance>"));
    assert!(xmp.contains(&doc().title));
    let intents = catalog.get::<Array<'_>>(b"OutputIntents").unwrap();
    let intent = intents.iter::<Dict<'_>>().next().unwrap();
    assert_eq!(
        intent.get::<Name<'_>>(b"S").as_deref(),
        Some(&b"GTS_PDFA1"[..])
    );
    let profile = intent.get::<Stream<'_>>(b"DestOutputProfile").unwrap();
    assert_eq!(profile.dict().get::<i64>(b"N"), Some(1));
    let fonts = pdf_inspect::read_bytes(&bytes).unwrap().fonts();
    assert_eq!(
        fonts
            .iter()
            .filter(|f| f.embedded && f.subset && f.to_unicode)
            .count(),
        5,
        "{fonts:?}"
    );
    // The default build has neither.
    assert!(!String::from_utf8_lossy(&built().0).contains("pdfaid"));
}
