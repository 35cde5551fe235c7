//! Where the PDF's faces come from: compiled in, installed, or none at all.
//! Runs the binary with no `fonts/` beside it, so that
//! only what is inside the binary (and, where asked, installed fonts) can
//! be used.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::pdf_inspect;
use common::{Output, TempDir, run};

const EXAMPLE: &str = "examples/zibo-zhangdian-traffic-2024.yaml";

/// The binary (its directory, `target/<profile>`, has no `fonts/`, and a
/// build with compiled-in faces does not search the source tree), with
/// the data written to `dir`. (Running a fresh copy instead races with the
/// other tests' forks: "text file busy".)
fn lone_binary(dir: &TempDir, data: &str) -> (PathBuf, PathBuf) {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_nianbao"));
    assert!(!bin.parent().unwrap().join("fonts").exists());
    let input = dir.path("report.yaml");
    std::fs::write(&input, data).unwrap();
    (bin, input)
}

/// A fontconfig file whose only font directory is empty: no installed fonts.
fn no_installed_fonts(dir: &TempDir) -> PathBuf {
    let empty = dir.path("no-fonts");
    std::fs::create_dir_all(&empty).unwrap();
    let conf = dir.path("fonts.conf");
    std::fs::write(
        &conf,
        format!(
            "<?xml version=\"1.0\"?>\n<fontconfig><dir>{}</dir></fontconfig>\n",
            empty.display()
        ),
    )
    .unwrap();
    conf
}

/// A temp folder holding `data` as report.yaml, the lone binary, a
/// fontconfig file with no fonts and the output folder's path.
struct Setup {
    dir: TempDir,
    bin: PathBuf,
    input: PathBuf,
    conf: PathBuf,
    out: PathBuf,
}

fn setup(name: &str, data: &str) -> Setup {
    let dir = TempDir::new(name);
    let (bin, input) = lone_binary(&dir, data);
    let conf = no_installed_fonts(&dir);
    let out = dir.path("out");
    Setup {
        dir,
        bin,
        input,
        conf,
        out,
    }
}

fn build(bin: &Path, input: &Path, out: &Path, env: &[(&str, &Path)], formats: &str) -> Output {
    let mut cmd = Command::new(bin);
    cmd.args(["build", "--format", formats, "-o"])
        .arg(out)
        .arg(input)
        .current_dir(input.parent().unwrap())
        .env("NO_COLOR", "1")
        .env_remove("NIANBAO_FONT_DIR")
        .env_remove("NIANBAO_NO_EMBEDDED_FONTS");
    for (k, v) in env {
        cmd.env(k, v);
    }
    run(&mut cmd)
}

/// `build --format pdf --font ARG` with no installed fonts.
fn build_with_font(s: &Setup, arg: &str) -> Output {
    let mut cmd = Command::new(&s.bin);
    cmd.args(["build", "--format", "pdf", "--font", arg, "-o"])
        .arg(&s.out)
        .arg(&s.input)
        .env("FONTCONFIG_FILE", &s.conf);
    run(&mut cmd)
}

/// The example with its first `from` replaced by `to`.
fn example_with(from: &str, to: &str) -> String {
    let data = std::fs::read_to_string(EXAMPLE).unwrap();
    assert!(data.contains(from), "{from}");
    data.replacen(from, to, 1)
}

/// The text layer of `pdf`, read back in-process.
fn pdf_text(pdf: &Path) -> String {
    pdf_inspect::read(pdf).text()
}

#[cfg(feature = "embed-fonts")]
#[test]
fn one_file_is_the_whole_program() {
    let Setup {
        bin,
        input,
        conf,
        out,
        dir: _dir,
    } = setup("fonts-embedded", &std::fs::read_to_string(EXAMPLE).unwrap());
    let o = build(
        &bin,
        &input,
        &out,
        &[("FONTCONFIG_FILE", &conf)],
        "md,html,pdf",
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    let pdf = out.join("report.pdf");
    let fonts = pdf_inspect::read(&pdf).fonts();
    for name in [
        "NotoSerifCJKsc-Bold",
        "FandolFang-Regular",
        "NotoSansCJKsc-Regular",
        "WenKaiGBSubset-Regular",
        "NotoSerifCJKsc-Regular",
    ] {
        let font = fonts
            .iter()
            .find(|f| f.name.contains(name))
            .unwrap_or_else(|| panic!("{name} not in {fonts:?}"));
        assert!(
            font.embedded && font.subset && font.to_unicode,
            "embedded subset: {font:?}"
        );
    }
    // Still byte-identical from run to run.
    let first = std::fs::read(&pdf).unwrap();
    let o = build(&bin, &input, &out, &[("FONTCONFIG_FILE", &conf)], "pdf");
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(std::fs::read(&pdf).unwrap(), first);
}

/// A font directory from before the 页码 face (four files): page numbers
/// borrow the body face instead of failing the build.
#[cfg(all(feature = "embed-fonts", target_os = "linux"))]
#[test]
fn a_font_directory_without_the_folio_face_still_builds() {
    let Setup {
        dir,
        bin,
        input,
        conf,
        out,
    } = setup("fonts-four", &std::fs::read_to_string(EXAMPLE).unwrap());
    let fonts = dir.path("old-fonts");
    std::fs::create_dir_all(&fonts).unwrap();
    for f in [
        "NotoSerifSC-Bold-subset.otf",
        "FandolFang-Regular-subset.otf",
        "NotoSansSC-Regular-subset.otf",
        "WenKaiGB-Regular-subset.ttf",
    ] {
        std::fs::copy(Path::new("fonts").join(f), fonts.join(f)).unwrap();
    }
    let o = build(
        &bin,
        &input,
        &out,
        &[
            ("FONTCONFIG_FILE", &conf),
            ("NIANBAO_NO_EMBEDDED_FONTS", Path::new("1")),
            ("NIANBAO_FONT_DIR", &fonts),
        ],
        "pdf",
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    let fonts = pdf_inspect::read(&out.join("report.pdf")).fonts();
    assert_eq!(fonts.len(), 4, "{fonts:?}");
}

#[cfg(target_os = "linux")]
#[test]
fn without_any_font_markdown_and_html_are_still_written() {
    let Setup {
        bin,
        input,
        conf,
        out,
        dir: _dir,
    } = setup("fonts-none", &std::fs::read_to_string(EXAMPLE).unwrap());
    let o = build(
        &bin,
        &input,
        &out,
        &[
            ("FONTCONFIG_FILE", &conf),
            ("NIANBAO_NO_EMBEDDED_FONTS", Path::new("1")),
        ],
        "md,html,pdf",
    );
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(out.join("report.md").is_file());
    assert!(out.join("report.html").is_file());
    assert!(!out.join("report.pdf").exists());
    assert!(o.stderr.contains("未生成 PDF"), "{}", o.stderr);
    assert!(
        o.stderr.contains("找不到可用于 PDF 的中文字体"),
        "{}",
        o.stderr
    );
    assert!(o.stderr.contains("--font-dir"), "{}", o.stderr);
}

/// Whether every page of `pdf` carries the grey 草稿 watermark.
fn marked_draft(pdf: &Path) -> bool {
    let read = pdf_inspect::read(pdf);
    (0..read.page_count()).all(|n| {
        read.operations(n).iter().any(|op| {
            op.operator == "g" && op.operands.first().and_then(|o| o.number()) == Some(0.82)
        })
    })
}

#[cfg(all(feature = "embed-fonts", target_os = "linux"))]
#[test]
fn characters_outside_the_bundled_set_fall_back_or_warn() {
    // 龘 is in neither GB 2312 nor the 通用规范汉字表: no bundled face has it.
    let data = example_with("依法做好", "依法龘做好");
    let Setup {
        dir: _dir,
        bin,
        input,
        conf,
        out,
    } = setup("fonts-fallback", &data);
    // No installed fonts: a GLYPH warning at its place; the PDF is written
    // but marked 草稿, and the build says so (exit 1).
    let o = build(&bin, &input, &out, &[("FONTCONFIG_FILE", &conf)], "pdf");
    assert_eq!(o.code, 1, "{}", o.stderr);
    let said = format!("{}{}", o.stdout, o.stderr);
    assert!(said.contains("GLYPH"), "{said}");
    assert!(said.contains("U+9F98"), "{said}");
    assert!(said.contains("PDF 已标为“草稿”"), "{said}");
    assert!(said.contains("--accept-missing-glyphs"), "{said}");
    assert!(marked_draft(&out.join("report.pdf")));
    // Accepted: the same boxes, no 草稿, exit 0; the warning still shown.
    let mut cmd = Command::new(&bin);
    cmd.args(["build", "--format", "pdf", "--accept-missing-glyphs", "-o"])
        .arg(&out)
        .arg(&input)
        .env("FONTCONFIG_FILE", &conf);
    let o = run(&mut cmd);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stderr.contains("U+9F98") || o.stdout.contains("U+9F98"));
    assert!(!marked_draft(&out.join("report.pdf")));
    // With the machine's fonts: when one of them has 龘, it is used.
    let installed = Command::new("fc-list")
        .arg(":charset=9f98")
        .output()
        .map(|o| !o.stdout.is_empty())
        .unwrap_or(false);
    if installed {
        let o = build(&bin, &input, &out, &[], "pdf");
        assert_eq!(o.code, 0, "{}", o.stderr);
        let said = format!("{}{}", o.stdout, o.stderr);
        assert!(!said.contains("GLYPH"), "{said}");
        assert!(pdf_text(&out.join("report.pdf")).contains('龘'));
    }
}

/// Rare and traditional characters in body text fall back per character
/// to the bundled 宋体 (issue 77.4), then to an installed face of
/// the closest style: the 明体 faces (龘), never the
/// 黑体 ones (which an older order, Chinese-named and regular first, took).
/// A character only a bold 黑体 face has is not drawn from it: GLYPH, and
/// the PDF is a draft.
#[cfg(all(feature = "embed-fonts", target_os = "linux"))]
#[test]
fn rare_characters_fall_back_to_the_closest_installed_style() {
    let s = setup(
        "fonts-style",
        &example_with("依法做好", "依法龘䶮𠮷黃眞做好"),
    );
    let conf = common::test_faces_installed(&s.dir);
    let o = build(
        &s.bin,
        &s.input,
        &s.out,
        &[("FONTCONFIG_FILE", &conf)],
        "pdf",
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    let said = format!("{}{}", o.stdout, o.stderr);
    assert!(!said.contains("GLYPH"), "{said}");
    let pdf = s.out.join("report.pdf");
    assert!(!marked_draft(&pdf));
    let text = pdf_text(&pdf);
    for ch in ['龘', '䶮', '𠮷', '黃', '眞'] {
        assert!(text.contains(ch), "{ch} not in the text layer");
    }
    let names: Vec<String> = pdf_inspect::read(&pdf)
        .fonts()
        .into_iter()
        .map(|f| f.name)
        .collect();
    assert!(
        names
            .iter()
            .any(|n| n.ends_with("NianbaoTestMingA-Regular")),
        "{names:?}"
    );
    // 䶮 𠮷 黃 眞 are bundled in the 宋体 face (FandolFang lacks them):
    // body text takes them from it before any installed face, not from
    // the 楷体 (issue 77.4).
    assert!(
        names.iter().any(|n| n.ends_with("NotoSerifCJKsc-Regular")),
        "{names:?}"
    );
    assert!(
        !names
            .iter()
            .any(|n| n.ends_with("NianbaoTestMingB-Regular")),
        "{names:?}"
    );
    assert!(
        !names.iter().any(|n| n.contains("NianbaoTestHeiSC")),
        "{names:?}"
    );

    // 䶵 (U+4DB5): only the bold 黑体 test face has it.
    std::fs::write(&s.input, example_with("依法做好", "依法䶵做好")).unwrap();
    let o = build(
        &s.bin,
        &s.input,
        &s.out,
        &[("FONTCONFIG_FILE", &conf)],
        "pdf",
    );
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(o.stdout.contains("U+4DB5") || o.stderr.contains("U+4DB5"));
    assert!(marked_draft(&pdf));
    let names: Vec<String> = pdf_inspect::read(&pdf)
        .fonts()
        .into_iter()
        .map(|f| f.name)
        .collect();
    assert!(
        !names
            .iter()
            .any(|n| n.contains("Bold") && n.contains("Hei")),
        "{names:?}"
    );
}

/// Characters of the 通用规范汉字表 outside GB 2312 come with the program:
/// 喆 (U+5586) and 𬌗 (U+2C317, beyond the BMP) in body text are drawn from a
/// bundled face, with no installed font and no GLYPH warning, and read back
/// from the text layer.
#[cfg(all(feature = "embed-fonts", target_os = "linux"))]
#[test]
fn table_characters_outside_gb2312_are_bundled() {
    let s = setup("fonts-tygf", &example_with("依法做好", "依法喆𬌗做好"));
    let o = build(
        &s.bin,
        &s.input,
        &s.out,
        &[("FONTCONFIG_FILE", &s.conf)],
        "pdf",
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    let said = format!("{}{}", o.stdout, o.stderr);
    assert!(!said.contains("GLYPH"), "{said}");
    let text = pdf_text(&s.out.join("report.pdf"));
    assert!(text.contains('喆') && text.contains('𬌗'), "{text}");
}

/// A role's face that has none of its characters (here 楷体 set to the
/// bundled 宋体 subset, and a level-2 heading made of a character no face
/// has) still leaves a valid PDF: the runs it would set go to a face that
/// is embedded, and the GLYPH warning says what is missing.
#[cfg(target_os = "linux")]
#[test]
fn a_face_with_none_of_its_characters_leaves_a_valid_pdf() {
    let s = setup("fonts-blank", &example_with("### （一）主动公开", "### 龘"));
    let digits = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts/NotoSerifSC-Regular-subset.otf");
    let o = build_with_font(&s, &format!("楷体={}", digits.display()));
    // Written, marked 草稿 for the box (exit 1).
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(format!("{}{}", o.stdout, o.stderr).contains("U+9F98"));
    // It reads; every font its pages select is defined and embedded; qpdf,
    // where installed, finds nothing wrong with its structure.
    let pdf = s.out.join("report.pdf");
    let read = pdf_inspect::read(&pdf);
    for n in 0..read.page_count() {
        let undefined = read.undefined_fonts(n);
        assert!(undefined.is_empty(), "page {}: {undefined:?}", n + 1);
    }
    let fonts = read.fonts();
    assert!(fonts.iter().all(|f| f.embedded), "{fonts:?}");
    assert!(read.text().contains("主动公开"));
    if let Some(check) = pdf_inspect::external("qpdf", &["--check", pdf.to_str().unwrap()]) {
        assert!(
            check.contains("No syntax or stream encoding errors"),
            "{check}"
        );
    }
}

#[test]
fn a_file_that_is_no_font_is_named_in_chinese() {
    let s = setup("fonts-junk", &std::fs::read_to_string(EXAMPLE).unwrap());
    let junk = s.dir.path("junk.otf");
    std::fs::write(&junk, b"this is not a font, just some bytes").unwrap();
    let o = build_with_font(&s, &format!("页码={}", junk.display()));
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(o.stderr.contains("junk.otf"), "{}", o.stderr);
    assert!(
        o.stderr.contains("不是 TrueType/OpenType 字体文件"),
        "{}",
        o.stderr
    );
    assert!(!s.out.join("report.pdf").exists());
}
