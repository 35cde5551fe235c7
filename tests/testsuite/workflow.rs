//! The whole yearly workflow on the real binary: import last year's published
//! report (seed 004's layout), roll it forward with `new --from`, fill in the
//! new year, check it and build it.

use nianbao::slice::Slice;

use crate::common;

use common::{TempDir, nianbao, run};

/// Fills every empty cell with `0` (the 上年结转 row is already filled) and
/// writes a sentence under every heading-only narrative.
fn fill(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let trimmed = line.trim_start();
        let line = if trimmed.starts_with("成文日期:") {
            line.replace('~', "2026-01-12")
        } else if trimmed.starts_with("结转下年度继续办理:") {
            // One application still open at the end of the year, as last year.
            line.replacen('~', "1", 1).replace('~', "0")
        } else if trimmed.starts_with('#') {
            line.to_string()
        } else {
            line.replace(": ~", ": 0").replace("~", "0")
        };
        out.push_str(&line);
        out.push('\n');
        if trimmed.starts_with("### ") {
            let indent = line.slice_to(line.len() - trimmed.len());
            // Section 五 is judged by what it says: a problem and a measure.
            let said = if trimmed.contains("存在的主要问题") {
                "政策解读形式较为单一，部分栏目更新不够及时。"
            } else if trimmed.contains("改进措施") {
                "下一步将丰富图解、视频等解读形式，建立栏目定期巡查机制。"
            } else {
                "本年度按要求完成了这方面的工作。"
            };
            out.push('\n');
            out.push_str(indent);
            out.push_str(said);
            out.push('\n');
        }
    }
    out
}

#[test]
fn import_then_new_then_fill_then_build() {
    let dir_tmp = TempDir::new("workflow");
    let dir = dir_tmp.0.clone();
    let source = dir.join("2024.txt");
    std::fs::copy("tests/fixtures/import/004-2021-notes.txt", &source).unwrap();

    // 1. Import last year's published report.
    let out = run(nianbao()
        .arg("import")
        .arg(&source)
        .arg("-o")
        .arg(dir.join("2024.yaml")));
    assert_eq!(out.code, 0, "import: {}", out.stderr);

    // The clerk confirms the cells the published report left blank.
    let last = std::fs::read_to_string(dir.join("2024.yaml")).unwrap();
    std::fs::write(dir.join("2024.yaml"), fill(&last)).unwrap();
    let out = run(nianbao().arg("check").arg(dir.join("2024.yaml")));
    assert_eq!(out.code, 0, "imported file after filling: {}", out.stderr);

    // 2. Start this year from it: last year's sub-headings only (the text
    // written fresh below; carrying last year's is tested in new.rs).
    let out = run(nianbao()
        .arg("new")
        .arg("--blank-text")
        .arg("--from")
        .arg(dir.join("2024.yaml")));
    assert_eq!(out.code, 0, "new: {}", out.stderr);
    let next = dir.join("2025.yaml");
    let text = std::fs::read_to_string(&next).unwrap();
    assert!(text.contains("年度: 2025"));
    assert!(text.contains("上年数据: \"2024.yaml\"") || text.contains("上年数据: 2024.yaml"));

    // Not filled yet: check lists the empty cells.
    let out = run(nianbao().arg("check").arg(&next));
    assert_eq!(out.code, 1);
    assert!(
        out.stdout.contains(&common::headline("错误", "CELL-EMPTY")),
        "{}",
        out.stdout
    );

    // 3. Fill it in and check: clean, cross-year rules included.
    std::fs::write(&next, fill(&text)).unwrap();
    let out = run(nianbao().args(["check", "--format", "json"]).arg(&next));
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert_eq!(json["errors"], 0, "{}", out.stdout);
    assert_eq!(json["warnings"], 0, "{}", out.stdout);
    assert!(!out.stdout.contains("XYEAR-CARRY"), "{}", out.stdout);

    // 4. Build the report.
    let out = run(nianbao()
        .arg("build")
        .arg(&next)
        .arg("-o")
        .arg(dir.join("out"))
        .args(["--format", "md,html"]));
    assert_eq!(out.code, 0, "build: {}", out.stderr);
    let html = std::fs::read_to_string(dir.join("out/2025.html")).unwrap();
    assert!(html.contains("2025年政府信息公开工作年度报告"));
    assert!(html.contains("2026年1月12日"));
    let _ = std::fs::remove_dir_all(&dir);
}
