//! A beginner's slips (issue 25): what a clerk who knows Word and WPS and
//! types with a Chinese input method in Notepad gets wrong, and what the
//! tool must do about it. Each test reproduces one slip.

use nianbao::slice::Slice;

use crate::common;

use common::{TempDir, example_with, nianbao, run};

/// Builds `text` as `name` in `dir` to Markdown and HTML; returns both.
fn build_md_html(dir: &TempDir, name: &str, text: &str) -> (String, String) {
    let input = dir.path(&format!("{name}.yaml"));
    std::fs::write(&input, text).unwrap();
    let out = run(nianbao()
        .arg("build")
        .arg(&input)
        .arg("-o")
        .arg(&dir.0)
        .args(["--format", "md,html"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let read = |ext: &str| std::fs::read_to_string(dir.path(&format!("{name}.{ext}"))).unwrap();
    (read("md"), read("html"))
}

const FIRST: &str = "政务公开的规范化水平进一步提高。\n";
const PARAGRAPH: &str = "  依托张店区人民政府";

/// Paragraphs pasted one per line, without a blank line between them, stay
/// paragraphs in every format (25.3).
#[test]
fn a_line_ending_a_sentence_ends_its_paragraph() {
    let dir = TempDir::new("slip-lines");
    let text = example_with(FIRST, &format!("{FIRST}  第二段紧接上一行，没有空行。\n"));
    let (md, html) = build_md_html(&dir, "lines", &text);
    assert!(md.contains("提高。\n\n第二段紧接上一行"), "{md}");
    assert!(
        html.contains("<p class=\"short\">第二段紧接上一行"),
        "{html}"
    );
}

/// An indented paragraph (four extra spaces, or full-width spaces typed for
/// 首行缩进) is an ordinary paragraph in every format, never a code block (25.4).
#[test]
fn indented_paragraphs_are_ordinary_paragraphs() {
    let dir = TempDir::new("slip-indent");
    for (name, indent) in [
        ("spaces", "      "),
        ("ideographic", "  　　"),
        ("tab", "  \t"),
    ] {
        let text = example_with(PARAGRAPH, &format!("{indent}依托张店区人民政府"));
        let (md, html) = build_md_html(&dir, name, &text);
        assert!(!html.contains("<pre"), "{name}: {html}");
        assert!(html.contains("<p>依托张店区人民政府"), "{name}");
        assert!(md.contains("\n依托张店区人民政府"), "{name}: {md}");
    }
}

/// `check` of a published report (Word, PDF, web page) names what the file
/// is and the command that reads it, instead of "NUL 字节" (25.12).
#[test]
fn check_of_a_published_report_says_import_or_audit() {
    let dir = TempDir::new("slip-foreign");
    for (fixture, name, what) in [
        (
            "tests/fixtures/import/blanks-2021.docx",
            "年报.docx",
            "Word",
        ),
        (
            "tests/fixtures/import/blanks-2021-libreoffice.pdf",
            "年报.pdf",
            "PDF",
        ),
        ("tests/fixtures/import/html-2019.html", "年报.html", "网页"),
    ] {
        let path = dir.path(name);
        std::fs::copy(fixture, &path).unwrap();
        let out = run(nianbao().arg("check").arg(&path));
        let all = format!("{}{}", out.stdout, out.stderr);
        assert_ne!(out.code, 0, "{all}");
        assert!(
            all.contains(what) && all.contains("nianbao import"),
            "{name}: {all}"
        );
        assert!(!all.contains("NUL"), "{all}");
    }
}

/// Placeholders typed with full-width braces or a brace short are errors at
/// their place with the fix, not text printed as typed (25.1); a table row
/// named without its column suggests its 总计 (25.10).
#[test]
fn lookalike_placeholders_are_errors_with_the_fix() {
    let out = run(nianbao()
        .arg("check")
        .arg("tests/fixtures/rules/placeholder-lookalike.yaml"));
    assert_eq!(out.code, 1, "{}", out.stderr);
    let text = format!("{}{}", out.stdout, out.stderr);
    for want in [
        "用了全角大括号",
        "改为 {{ 依申请公开.本年新收.总计 }}",
        "后面少了一个“}”",
        "前面少了一个“{”",
        "是不是“依申请公开.本年新收.总计”",
    ] {
        assert!(text.contains(want), "{want}: {text}");
    }
}

/// A NARR warning after a placeholder points at the sentence's own line
/// (25.10), and a figure a placeholder put there is never questioned.
#[test]
fn narr_after_a_placeholder_points_at_its_sentence() {
    let dir = TempDir::new("slip-narr");
    let text = example_with(
        "结转下年度继续办理{{ 依申请公开.结转下年度继续办理.总计 }}件",
        "结转下年度继续办理6件",
    );
    let line = text
        .lines()
        .position(|l| l.contains("结转下年度继续办理6件"))
        .unwrap()
        + 1;
    let input = dir.path("narr.yaml");
    std::fs::write(&input, &text).unwrap();
    let out = run(nianbao()
        .arg("check")
        .arg(&input)
        .args(["--format", "json"]));
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let narr: Vec<&serde_json::Value> = json["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "NARR")
        .collect();
    assert_eq!(narr.len(), 1, "{}", out.stdout);
    assert_eq!(narr[0]["line"], line as u64, "{}", out.stdout);
}

/// A row one number short is named, and the balance errors it causes are
/// not reported (25.2, 25.8); a 复议诉讼 row one number short is a warning.
#[test]
fn a_row_one_number_short_is_named_first() {
    let dir = TempDir::new("slip-short");
    let input = dir.path("short.yaml");
    let text = example_with(
        "  本年新收: [6, 0, 0, 0, 0, 0, 6]",
        "  本年新收: [6, 0, 0, 0, 0, 6]",
    )
    .replacen("  行政复议: [0, 0, 0, 0, 0]", "  行政复议: [1, 0, 0, 1]", 1);
    std::fs::write(&input, text).unwrap();
    let out = run(nianbao()
        .arg("check")
        .arg(&input)
        .args(["--format", "json"]));
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let found: Vec<(String, String, u64)> = json["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["severity"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("ROW-LEN".to_string(), "error".to_string(), 46),
            ("ROW-LEN".to_string(), "warning".to_string(), 79),
        ],
        "{}",
        out.stdout
    );
}

/// A date typed as it is printed (`2025年1月10日`) is read as that date (25.13).
#[test]
fn a_date_typed_in_chinese_is_accepted() {
    let dir = TempDir::new("slip-date");
    let input = dir.path("date.yaml");
    std::fs::write(
        &input,
        example_with("成文日期: 2025-01-10", "成文日期: 2025年1月10日"),
    )
    .unwrap();
    let out = run(nianbao().arg("check").arg(&input));
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
}

/// The narrative block slips get a message that says what to type (25.6,
/// 25.7, 25.9), never "括号或引号没有闭合" or the parser's English.
#[test]
fn narrative_block_slips_say_what_to_type() {
    let dir = TempDir::new("slip-blocks");
    let cases = [
        (
            "bar",
            example_with("问题及改进: |\n", "问题及改进:\n"),
            "“问题及改进:”后面要写 |，正文从下一行起，每行前空 2 个空格",
        ),
        (
            "same-line",
            example_with("问题及改进: |\n  ### （一）", "问题及改进: | （一）"),
            "“问题及改进: |”后面不能接正文",
        ),
        (
            "heading-on-bar",
            example_with("问题及改进: |\n  ### （一）", "问题及改进: | ### （一）"),
            "会被当作注释丢掉",
        ),
        (
            "unindented",
            example_with("  针对上年度发现的", "针对上年度发现的"),
            "但只缩进了 0 个空格：每行前要空 2 个空格，与第",
        ),
        (
            "tab",
            example_with("  本年新收: [6", "\t本年新收: [6"),
            "用制表符（Tab）缩进",
        ),
    ];
    for (name, text, want) in cases {
        let input = dir.path(&format!("{name}.yaml"));
        std::fs::write(&input, text).unwrap();
        let out = run(nianbao().arg("check").arg(&input));
        let all = format!("{}{}", out.stdout, out.stderr);
        assert_eq!(out.code, 1, "{name}: {all}");
        assert!(all.contains(want), "{name}: {all}");
        assert!(!all.contains("括号或引号没有闭合"), "{name}: {all}");
        assert!(!all.contains("无法识别"), "{name}: {all}");
    }
}

/// `--format word` and `--format pdf，docx` (a full-width comma from a
/// Chinese input method) mean what the clerk meant (25.13).
#[test]
fn formats_as_typed_with_a_chinese_input_method() {
    let dir = TempDir::new("slip-format");
    for (typed, want) in [
        ("word", &["docx"][..]),
        ("pdf，docx", &["pdf", "docx"]),
        ("MD、ｈｔｍｌ", &["md", "html"]),
    ] {
        let out_dir = dir.path(typed);
        let out = run(nianbao()
            .args(["build", common::EXAMPLE, "--format", typed, "-o"])
            .arg(&out_dir));
        assert_eq!(out.code, 0, "{typed}: {}", out.stderr);
        let mut got: Vec<String> = std::fs::read_dir(&out_dir)
            .unwrap()
            .map(|e| {
                let p = e.unwrap().path();
                p.extension().unwrap().to_string_lossy().into_owned()
            })
            .collect();
        got.sort();
        let mut want: Vec<&str> = want.to_vec();
        want.sort();
        assert_eq!(got, want, "{typed}");
    }
    let out = run(nianbao().args(["build", common::EXAMPLE, "--format", "文档"]));
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("可选：md、html、pdf、docx"),
        "{}",
        out.stderr
    );
}

/// The counts printed agree with the findings shown (25.13), and a file made
/// by `new` with every cell filled has nothing left to fill: the optional
/// 办理结果.总计 row is not a row to fill (25.11).
#[test]
fn counts_agree_with_what_is_shown() {
    let dir = TempDir::new("slip-counts");
    let file = dir.path("2025.yaml");
    let out = run(nianbao()
        .args(["new", "--year", "2025", "--agency", "某县某局", "-o"])
        .arg(&file));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = run(nianbao().arg("check").arg(&file));
    let shown = out.stdout.matches("错误（").count();
    assert!(shown > 0);
    assert!(
        out.stdout.contains(&format!("错误 {shown} 个")),
        "{shown} shown: {}",
        out.stdout
    );
    let filled = std::fs::read_to_string(&file).unwrap().replace('~', "0");
    std::fs::write(&file, filled).unwrap();
    let out = run(nianbao().arg("check").arg(&file));
    assert!(!out.stdout.contains("待填"), "{}", out.stdout);
}

/// Numbers typed as in a document get the exact fix (25.13), and a row with
/// a full-width comma is not read with shifted columns (25.8).
#[test]
fn numbers_as_typed_in_a_document() {
    let dir = TempDir::new("slip-numbers");
    let cases = [
        (
            "行政处罚: 933554",
            "行政处罚: 933554件",
            "去掉单位“件”，只写数字：933554",
        ),
        ("行政处罚: 933554", "行政处罚: 933,554", "写作 933554"),
        ("行政处罚: 933554", "行政处罚: 无", "没有的请填 0"),
        (
            "  本年新收: [6, 0, 0, 0, 0, 0, 6]",
            "  本年新收: [6, 0, 0, 0, 0, 1,000, 1006]",
            "“1,000”中的逗号把一个数分成了两个",
        ),
    ];
    for (from, to, want) in cases {
        let input = dir.path("n.yaml");
        std::fs::write(&input, example_with(from, to)).unwrap();
        let out = run(nianbao().arg("check").arg(&input));
        assert_eq!(out.code, 1, "{to}: {}", out.stdout);
        assert!(out.stdout.contains(want), "{to}: {}", out.stdout);
    }
    let input = dir.path("punct.yaml");
    std::fs::write(
        &input,
        example_with(
            "  本年新收: [6, 0, 0, 0, 0, 0, 6]",
            "  本年新收: [6， 0, 0, 0, 0, 0, 6]",
        ),
    )
    .unwrap();
    let out = run(nianbao()
        .arg("check")
        .arg(&input)
        .args(["--format", "json"]));
    let codes: Vec<String> =
        serde_json::from_str::<serde_json::Value>(&out.stdout).unwrap()["files"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_string())
            .collect();
    assert_eq!(codes, ["PUNCT"], "{}", out.stdout);
}

/// The skeleton states the three rules of writing the narrative once, above
/// the first narrative block (25.14).
#[test]
fn the_skeleton_states_the_three_writing_rules() {
    let dir = TempDir::new("slip-skeleton");
    let file = dir.path("2025.yaml");
    let out = run(nianbao()
        .args(["new", "--year", "2025", "--agency", "某县某局", "-o"])
        .arg(&file));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = std::fs::read_to_string(&file).unwrap();
    let rules = text.find("写正文的三条规则").expect("the rules");
    let first_block = text.find("\n总体情况: |").unwrap();
    assert!(rules < first_block);
    assert_eq!(text.matches("写正文的三条规则").count(), 1);
    for rule in ["每行前空两格", "段与段之间空一行", "一律用半角"] {
        assert!(text.slice(rules, first_block).contains(rule), "{rule}");
    }
}

/// Characters no face has (issue 60.3) are named by `check` at their
/// place, and the web page and the Word document of such a report are
/// drafts as its PDF is; a private-use character (a bullet of Word's
/// symbol fonts, 60.2) prints in no format, and the report is a draft
/// while it is there; characters invisible by design (a variation
/// selector, a joiner) are dropped silently, never marked.
#[test]
fn unprinted_characters_are_named_and_every_output_is_a_draft() {
    let dir = TempDir::new("slip-glyphs");
    let text = example_with(
        FIRST,
        "政务公开的规范化水平\u{FE0F}进一步\u{200D}提高\u{E0101}，经办人王\u{13000}同志。\n\n  \u{F0D8}\t加强政务公开平台建设，及时更新网站各栏目内容。\n",
    );
    let input = dir.path("g.yaml");
    std::fs::write(&input, &text).unwrap();
    let out = run(nianbao().args(["check", "--format", "json"]).arg(&input));
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect(&out.stdout);
    let diags = v["files"][0]["diagnostics"].as_array().unwrap();
    let of = |code: &str| -> Vec<&serde_json::Value> {
        diags.iter().filter(|d| d["code"] == code).collect()
    };
    let glyph = of("GLYPH");
    assert_eq!(glyph.len(), 1, "{diags:?}");
    let line = text.lines().position(|l| l.contains('\u{13000}')).unwrap() + 1;
    assert_eq!(glyph[0]["line"], line, "{diags:?}");
    assert_eq!(glyph[0]["path"], "总体情况");
    assert!(glyph[0]["message"].as_str().unwrap().contains("U+13000"));
    assert_eq!(of("TEXT-PUA").len(), 1, "{diags:?}");
    assert!(
        !out.stdout.contains("U+FE0F")
            && !out.stdout.contains("U+200D")
            && !out.stdout.contains("U+E0101"),
        "{}",
        out.stdout
    );
    let built = run(nianbao()
        .arg("build")
        .arg(&input)
        .arg("-o")
        .arg(&dir.0)
        .args(["--format", "md,html,docx"]));
    assert_eq!(built.code, 1, "{}", built.stderr);
    assert!(built.stderr.contains("草稿"), "{}", built.stderr);
    let read = |ext: &str| std::fs::read_to_string(dir.path(&format!("g.{ext}"))).unwrap();
    let (md, html) = (read("md"), read("html"));
    assert!(
        html.contains("class=\"draft-banner\"") && html.contains("2 处字符印不出来"),
        "{html}"
    );
    assert!(md.contains("**草稿**"), "{md}");
    let docx = std::fs::read(dir.path("g.docx")).unwrap();
    let parts = unzip_text(&docx);
    let header = parts
        .iter()
        .filter(|(name, _)| name.starts_with("word/header"))
        .map(|(_, text)| text.as_str())
        .collect::<String>();
    assert!(header.contains("处字符印不出来"), "{header}");
    let body = &parts
        .iter()
        .find(|(n, _)| n == "word/document.xml")
        .unwrap()
        .1;
    for printed in [md.as_str(), html.as_str(), body.as_str()] {
        assert!(printed.contains("加强政务公开平台建设"));
        for c in ['\u{F0D8}', '\u{FE0F}', '\u{200D}', '\u{E0101}'] {
            assert!(!printed.contains(c), "U+{:04X} printed", c as u32);
        }
    }
    // Accepted, nothing is a draft.
    let again = run(nianbao()
        .arg("build")
        .arg(&input)
        .arg("-o")
        .arg(dir.0.join("ok"))
        .args(["--format", "html", "--accept-missing-glyphs"]));
    assert_eq!(again.code, 0, "{}", again.stderr);
    let html = std::fs::read_to_string(dir.0.join("ok/g.html")).unwrap();
    assert!(!html.contains("class=\"draft-banner\""), "{html}");
}

/// The text parts of a .docx, by name.
fn unzip_text(bytes: &[u8]) -> Vec<(String, String)> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut entry = zip.by_index(i).unwrap();
            let mut text = String::new();
            let _ = entry.read_to_string(&mut text);
            (entry.name().unwrap().to_string(), text)
        })
        .collect()
}

/// 六 holding only `无。` (the text box asks for something): the fee
/// statement printed from the figures is 六's first item, and `无。` is not
/// printed right after it (issue 74.4); with no statement (the 2019
/// format) it is.
#[test]
fn a_bare_none_is_not_printed_after_the_fee_statement() {
    let dir = TempDir::new("slip-none");
    let example = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(common::EXAMPLE),
    )
    .unwrap();
    let (head, _) = example.split_once("  正文: |").unwrap();
    let text = format!("{head}  正文: |\n    无。\n");
    let (md, html) = build_md_html(&dir, "none", &text);
    let six = md.split_once("## 六、").map(|(_, rest)| rest).unwrap();
    assert!(six.contains("未收取信息处理费。"), "{six}");
    assert!(!six.contains("无。"), "{six}");
    assert!(!html.contains("<p>无。</p>"), "{html}");
    let check = run(nianbao().arg("check").arg(dir.path("none.yaml")));
    assert_eq!(check.code, 0, "{}", check.stdout);
}
