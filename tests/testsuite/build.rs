//! `nianbao build` (Markdown and HTML) on the real binary, with golden files.
//!
//! The expected outputs live in `tests/golden/`. After a deliberate change to
//! the templates or the renderer, regenerate them with
//! `NIANBAO_BLESS=1 cargo test --test testsuite build::` and review the diff before
//! committing.

use crate::common;

use std::path::Path;

use common::{TempDir, nianbao, run};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

const EXAMPLES: [&str; 3] = [
    "zibo-zhangdian-traffic-2024",
    "zibo-yiyuan-traffic-2020",
    "zhangdian-transport-2020",
];

fn build(dir: &Path, input: &str, extra: &[&str]) -> common::Output {
    run(nianbao()
        .arg("build")
        .arg(input)
        .arg("-o")
        .arg(dir)
        .args(["--format", "md,html"])
        .args(extra))
}

#[test]
fn golden_markdown_and_html() {
    let dir = TempDir::new("golden");
    for stem in EXAMPLES {
        let out = build(&dir.0, &format!("examples/{stem}.yaml"), &[]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        for ext in ["md", "html"] {
            let got = std::fs::read_to_string(dir.path(&format!("{stem}.{ext}"))).unwrap();
            let golden = Path::new("tests/golden").join(format!("{stem}.{ext}"));
            if ext == "html" {
                common::golden_html(&golden, &got);
            } else {
                common::golden(&golden, &got);
            }
        }
    }
}

#[test]
fn output_is_deterministic() {
    let a_tmp = TempDir::new("det-a");
    let a = a_tmp.0.clone();
    let b_tmp = TempDir::new("det-b");
    let b = b_tmp.0.clone();
    let input = "examples/zibo-zhangdian-traffic-2024.yaml";
    assert_eq!(build(&a, input, &[]).code, 0);
    assert_eq!(build(&b, input, &[]).code, 0);
    for ext in ["md", "html"] {
        let name = format!("zibo-zhangdian-traffic-2024.{ext}");
        assert_eq!(
            std::fs::read(a.join(&name)).unwrap(),
            std::fs::read(b.join(&name)).unwrap()
        );
    }
    let _ = std::fs::remove_dir_all(&a);
    let _ = std::fs::remove_dir_all(&b);
}

/// Parses the Markdown back: the tables have the expected shape and carry
/// every figure of the report.
#[test]
fn markdown_tables_parse_back_with_every_figure() {
    let dir_tmp = TempDir::new("md-parse");
    let dir = dir_tmp.0.clone();
    let input = "examples/zibo-zhangdian-traffic-2024.yaml";
    assert_eq!(build(&dir, input, &[]).code, 0);
    let md = std::fs::read_to_string(dir.join("zibo-zhangdian-traffic-2024.md")).unwrap();
    let mut opts = pulldown_cmark::Options::empty();
    opts.insert(pulldown_cmark::Options::ENABLE_TABLES);
    let mut tables: Vec<Vec<Vec<String>>> = Vec::new();
    let mut cell = String::new();
    for event in Parser::new_ext(&md, opts) {
        match event {
            Event::Start(Tag::Table(_)) => tables.push(Vec::new()),
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => {
                tables.last_mut().unwrap().push(Vec::new())
            }
            Event::Start(Tag::TableCell) => cell.clear(),
            Event::End(TagEnd::TableCell) => tables
                .last_mut()
                .unwrap()
                .last_mut()
                .unwrap()
                .push(cell.clone()),
            Event::Text(t) | Event::Code(t) => cell.push_str(&t),
            _ => {}
        }
    }
    // Section 二: four groups (2021 edition); 三: one; 四: one.
    assert_eq!(tables.len(), 6, "{md}");
    let checked = nianbao::check::check_path(Path::new(input), None).unwrap();
    let report = checked.report.unwrap();
    let ed = report.edition();

    // Section 三: header + 25 rows, 8 columns, every figure in place.
    let t3 = &tables[4];
    assert_eq!(t3.len(), 1 + 25);
    assert!(t3.iter().all(|r| r.len() == 8));
    for (i, def) in nianbao::model::official::t3_rows(ed).iter().enumerate() {
        let row = &t3[i + 1];
        assert!(row[0].ends_with(def.label), "{} vs {}", row[0], def.label);
        for col in 0..7 {
            let want = report.table3.value(ed, i, col).unwrap().to_string();
            assert_eq!(row[col + 1], want, "{} / column {col}", def.label);
        }
    }
    // Section 四: one row of 15 figures.
    let t4 = &tables[5];
    assert_eq!(t4.len(), 2);
    assert_eq!(t4[1].len(), 15);
    // Section 二: the noted cell keeps its note.
    assert!(md.contains("1964904（含淄博经开区）"));
    assert_eq!(tables[1][1], vec!["行政许可", "1964904（含淄博经开区）"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn validation_errors_write_nothing_unless_draft() {
    let dir_tmp = TempDir::new("errors");
    let dir = dir_tmp.0.clone();
    let out_dir = dir.join("out");
    let out = build(&out_dir, "tests/fixtures/rules/t3-bal.yaml", &[]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains(&common::headline("错误", "T3-BAL")),
        "{}",
        out.stderr
    );
    assert!(!out_dir.exists() || std::fs::read_dir(&out_dir).unwrap().next().is_none());

    // A draft is written, but the data still has errors: exit 1.
    let out = build(&out_dir, "tests/fixtures/rules/t3-bal.yaml", &["--draft"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let html = std::fs::read_to_string(out_dir.join("t3-bal.html")).unwrap();
    assert!(html.contains("class=\"draft-banner\""));
    assert!(html.contains("检查发现 2 个错误"));
    let md = std::fs::read_to_string(out_dir.join("t3-bal.md")).unwrap();
    assert!(md.starts_with("> **草稿**"), "{md}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn raw_html_in_narrative_is_shown_as_text() {
    let dir_tmp = TempDir::new("script");
    let dir = dir_tmp.0.clone();
    let example = std::fs::read_to_string("examples/zibo-zhangdian-traffic-2024.yaml").unwrap();
    let text = example.replacen(
        "问题及改进: |\n",
        "问题及改进: |\n  注意<script>alert('x')</script>与<img src=x onerror=alert(1)>。\n\n",
        1,
    );
    let input = dir.join("script.yaml");
    std::fs::write(&input, text).unwrap();
    let out = build(&dir, input.to_str().unwrap(), &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let html = std::fs::read_to_string(dir.join("script.html")).unwrap();
    assert!(!html.contains("<script"), "script tag passed through");
    assert!(!html.contains("<img"), "img tag passed through");
    assert!(html.contains("&lt;script&gt;"));
    let md = std::fs::read_to_string(dir.join("script.md")).unwrap();
    assert!(!md.contains("<script"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_broken_template_override_is_named_with_its_place() {
    let dir_tmp = TempDir::new("tpl");
    let dir = dir_tmp.0.clone();
    let tpl = dir.join("tpl");
    let out = run(nianbao().args(["templates", "eject"]).arg(&tpl));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(tpl.join("report.html").is_file());
    // Ejecting again refuses to overwrite.
    assert_eq!(
        run(nianbao().args(["templates", "eject"]).arg(&tpl)).code,
        2
    );

    // An override that works is used.
    let html = std::fs::read_to_string(tpl.join("report.html")).unwrap();
    std::fs::write(
        tpl.join("report.html"),
        html.replace(
            "<main class=\"report\">",
            "<main class=\"report\" data-custom=\"1\">",
        ),
    )
    .unwrap();
    let out = build(
        &dir.join("o"),
        "examples/zibo-zhangdian-traffic-2024.yaml",
        &["--templates", tpl.to_str().unwrap()],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let got = std::fs::read_to_string(dir.join("o/zibo-zhangdian-traffic-2024.html")).unwrap();
    assert!(got.contains("data-custom=\"1\""));

    // One with a syntax error is reported with file, line and column; nothing is written.
    std::fs::write(
        tpl.join("report.md"),
        "# {{ title }}\n\n{% for s in sections %}\n{{ s.heading }\n",
    )
    .unwrap();
    let out = build(
        &dir.join("o2"),
        "examples/zibo-zhangdian-traffic-2024.yaml",
        &["--templates", tpl.to_str().unwrap()],
    );
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("report.md"), "{}", out.stderr);
    assert!(out.stderr.contains("report.md:4:"), "{}", out.stderr);
    assert!(!dir.join("o2").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_unwritable_output_directory_is_exit_2() {
    let dir_tmp = TempDir::new("unwritable");
    let dir = dir_tmp.0.clone();
    let blocker = dir.join("file");
    std::fs::write(&blocker, "x").unwrap();
    let out = build(
        &blocker.join("out"),
        "examples/zibo-zhangdian-traffic-2024.yaml",
        &[],
    );
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("无法创建输出目录"), "{}", out.stderr);
    let _ = std::fs::remove_dir_all(&dir);
}
