//! A county's whole year: folders of data files checked at once (issue 18).

use nianbao::slice::Slice;

use crate::common;

use std::path::{Path, PathBuf};

use common::{TempDir, nianbao, run};
use serde_json::Value;

const EXAMPLE: &str = "examples/zibo-zhangdian-traffic-2024.yaml";

fn example() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(EXAMPLE)).unwrap()
}

/// Writes `n` variants of the example under `root` in a few subfolders,
/// each with its own agency name; returns their paths.
fn county(root: &Path, n: usize) -> Vec<PathBuf> {
    let text = example();
    let mut paths = Vec::new();
    for i in 0..n {
        let dir = root.join(format!("乡镇{}", i % 7));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("单位{i:03}.yaml"));
        let body = text.replace(
            "机关: 淄博市公安局交通警察支队张店大队",
            &format!("机关: 张店区第{i}局"),
        );
        std::fs::write(&path, body).unwrap();
        paths.push(path);
    }
    paths
}

fn break_file(path: &Path) {
    std::fs::write(path, "格式: 2021\n机关: [未闭合\n").unwrap();
}

#[test]
fn a_folder_of_hundreds_is_one_json_document() {
    let dir = TempDir::new("county-json");
    let paths = county(&dir.0, 300);
    break_file(&paths[17]);
    break_file(&paths[250]);
    std::fs::write(dir.path("readme.txt"), "不是数据文件").unwrap();
    let out = run(nianbao().args(["check", "--format", "json"]).arg(&dir.0));
    assert_eq!(out.code, 1, "{}", out.stderr);
    let json: Value = serde_json::from_str(&out.stdout).unwrap();
    let files = json["files"].as_array().unwrap();
    assert_eq!(files.len(), 300);
    let names: Vec<&str> = files.iter().map(|f| f["file"].as_str().unwrap()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "files are in sorted order");
    let failing = files
        .iter()
        .filter(|f| {
            f["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .any(|d| d["severity"] == "error")
        })
        .count();
    assert_eq!(failing, 2);
}

#[test]
fn human_output_ends_with_a_summary_table() {
    let dir = TempDir::new("county-human");
    let paths = county(&dir.0, 12);
    break_file(&paths[3]);
    let late = example()
        .replace("成文日期: 2025-01-10", "成文日期: 2025-02-20")
        .replace("机关: 淄博市公安局交通警察支队张店大队", "机关: 迟交局");
    std::fs::write(dir.path("迟交.yaml"), late).unwrap();
    let out = run(nianbao().arg("check").arg(&dir.0));
    assert_eq!(out.code, 1);
    let table = out.stdout.split("文件  ").nth(1).expect("summary table");
    assert!(table.contains("机关"), "{table}");
    assert!(table.contains("待填格数"));
    assert!(table.contains("成文日期"));
    assert!(table.contains("张店区第0局"));
    let late_line = table.lines().find(|l| l.contains("迟交局")).unwrap();
    assert!(late_line.contains("2025-02-20"), "{late_line}");
    assert!(late_line.contains("2025-01-31"), "{late_line}");
    assert!(late_line.contains("逾期"), "{late_line}");
    let ok_line = table.lines().find(|l| l.contains("张店区第0局")).unwrap();
    assert!(ok_line.contains("按期"), "{ok_line}");
}

#[test]
fn single_file_human_output_has_no_table() {
    let out = run(nianbao().args(["check", EXAMPLE]));
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(!out.stdout.contains("待填格数"), "{}", out.stdout);
}

#[test]
fn csv_has_bom_escapes_and_no_formulas() {
    let dir = TempDir::new("county-csv");
    county(&dir.0, 5);
    let evil = example().replace(
        "机关: 淄博市公安局交通警察支队张店大队",
        "机关: \"=HYPERLINK(\\\"http://x\\\",\\\"点我\\\")\"",
    );
    std::fs::write(dir.path("evil.yaml"), evil).unwrap();
    let out = run(nianbao().args(["check", "--format", "csv"]).arg(&dir.0));
    assert!(out.stdout.starts_with('\u{feff}'), "BOM");
    let lines: Vec<&str> = out.stdout.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines.len(), 7, "{}", out.stdout);
    assert!(lines[0].starts_with("文件,机关,年度,错误,警告,待填格数,成文日期"));
    let evil_line = lines.iter().find(|l| l.contains("HYPERLINK")).unwrap();
    assert!(
        evil_line.contains(",\"'=HYPERLINK(\"\"http://x\"\""),
        "{evil_line}"
    );
    assert!(out.stdout.contains("\r\n"));
}

#[cfg(unix)]
#[test]
fn planted_symlinks_are_not_followed() {
    let outside = TempDir::new("county-outside");
    std::fs::write(outside.path("secret.yaml"), "格式: [坏\n").unwrap();
    let dir = TempDir::new("county-links");
    county(&dir.0, 3);
    std::os::unix::fs::symlink(outside.path("secret.yaml"), dir.path("link.yaml")).unwrap();
    std::os::unix::fs::symlink(&outside.0, dir.path("linkdir")).unwrap();
    std::os::unix::fs::symlink(&dir.0, dir.path("loop")).unwrap();
    let out = run(nianbao().args(["check", "--format", "json"]).arg(&dir.0));
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let json: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["files"].as_array().unwrap().len(), 3);
    assert!(out.stderr.contains("符号链接"), "{}", out.stderr);
}

#[test]
fn an_empty_folder_is_a_usage_error() {
    let dir = TempDir::new("county-empty");
    let out = run(nianbao().arg("check").arg(&dir.0));
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("目录中没有"), "{}", out.stderr);
    assert!(!out.stdout.contains("检查通过"), "{}", out.stdout);
}

#[test]
fn a_folder_builds_in_parallel_skipping_bad_files() {
    let dir = TempDir::new("county-build");
    let input = dir.path("in");
    let paths = county(&input, 12);
    break_file(&paths[5]);
    let out = dir.path("out");
    let o = run(nianbao()
        .args(["build", "--format", "md,html,pdf"])
        .arg(&input)
        .arg("-o")
        .arg(&out));
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(o.stderr.contains("单位005.yaml"), "{}", o.stderr);
    assert!(o.stderr.contains("11 个已生成"), "{}", o.stderr);
    // Subfolders are mirrored; every good file has its three outputs.
    for (i, p) in paths.iter().enumerate() {
        let sub = p.parent().unwrap().file_name().unwrap();
        let stem = p.file_stem().unwrap().to_str().unwrap();
        for ext in ["md", "html", "pdf"] {
            let target = out.join(sub).join(format!("{stem}.{ext}"));
            assert_eq!(target.is_file(), i != 5, "{}", target.display());
        }
    }
    let pdf = std::fs::read(out.join("乡镇0/单位000.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
}

#[test]
fn a_batch_with_draft_writes_the_broken_report_as_draft() {
    let dir = TempDir::new("county-draft");
    let input = dir.path("in");
    let text = example().replace("成文日期: 2025-01-10", "成文日期: 2023-01-10");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(input.join("a.yaml"), &text).unwrap();
    std::fs::write(input.join("b.yaml"), example()).unwrap();
    let out = dir.path("out");
    let o = run(nianbao()
        .args(["build", "--format", "md", "--draft"])
        .arg(&input)
        .arg("-o")
        .arg(&out));
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(out.join("a.md").is_file());
    assert!(out.join("b.md").is_file());
    assert!(o.stderr.contains("草稿"), "{}", o.stderr);
}

#[test]
fn same_output_names_from_two_folders_are_not_overwritten() {
    let dir = TempDir::new("county-clash");
    for d in ["x", "y"] {
        std::fs::create_dir_all(dir.path(d)).unwrap();
        std::fs::write(dir.path(d).join("报告.yaml"), example()).unwrap();
    }
    let out = dir.path("out");
    let o = run(nianbao()
        .args(["build", "--format", "md"])
        .arg(dir.path("x"))
        .arg(dir.path("y"))
        .arg("-o")
        .arg(&out));
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(o.stderr.contains("相同"), "{}", o.stderr);
    assert!(out.join("报告.md").is_file());
}

/// The JSON check of one file.
fn check_json(path: &Path) -> Value {
    let out = run(nianbao().args(["check", "--format", "json"]).arg(path));
    serde_json::from_str(&out.stdout).unwrap()
}

#[test]
fn aggregate_sums_departments_into_a_checkable_file() {
    let dir = TempDir::new("county-agg");
    let input = dir.path("in");
    county(&input, 3);
    let out = dir.path("total.yaml");
    let o = run(nianbao()
        .arg("aggregate")
        .arg(&input)
        .args(["--agency", "淄博市张店区人民政府", "-o"])
        .arg(&out));
    assert_eq!(o.code, 0, "{}", o.stderr);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("机关: 淄博市张店区人民政府"), "{text}");
    assert!(text.contains("张店区第0局"), "header lists sources");
    // Every table figure is three times the example's.
    let one = check_json(Path::new(EXAMPLE));
    let sum = check_json(&out);
    let f = &sum["files"][0];
    assert_eq!(
        f["cells"]["filled"], one["files"][0]["cells"]["filled"],
        "{f}"
    );
    // Only the narrative, date and similar items remain: no table rule fires.
    for d in f["diagnostics"].as_array().unwrap() {
        let code = d["code"].as_str().unwrap();
        assert!(
            !code.starts_with("T2") && !code.starts_with("T3") && !code.starts_with("T4"),
            "{d}"
        );
    }
    // Refused: inputs with errors, unless --force; duplicates.
    std::fs::write(input.join("乡镇0/dup.yaml"), example()).unwrap();
    std::fs::write(input.join("乡镇0/dup2.yaml"), example()).unwrap();
    let o = run(nianbao()
        .arg("aggregate")
        .arg(&input)
        .args(["--agency", "张店区人民政府", "-o"])
        .arg(dir.path("t2.yaml")));
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(o.stderr.contains("出现 2 次"), "{}", o.stderr);
    assert!(!dir.path("t2.yaml").exists());
}

#[test]
fn aggregate_keeps_unknown_cells_empty_and_refuses_mixed_years() {
    let dir = TempDir::new("county-agg2");
    let input = dir.path("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(input.join("a.yaml"), example()).unwrap();
    let other = example()
        .replace("机关: 淄博市公安局交通警察支队张店大队", "机关: 乙局")
        .replace("年度: 2024", "年度: 2023")
        .replace("成文日期: 2025-01-10", "成文日期: 2024-01-10");
    std::fs::write(input.join("b.yaml"), &other).unwrap();
    let o = run(nianbao()
        .arg("aggregate")
        .arg(&input)
        .args(["--agency", "张店区人民政府", "-o"])
        .arg(dir.path("t.yaml")));
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(o.stderr.contains("年度不一致"), "{}", o.stderr);
}

#[test]
fn aggregate_never_overwrites_an_input() {
    let dir = TempDir::new("county-agg3");
    let paths = county(&dir.0, 2);
    let o = run(nianbao()
        .arg("aggregate")
        .arg(&dir.0)
        .args(["--agency", "张店区人民政府", "--force", "-o"])
        .arg(&paths[0]));
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(
        std::fs::read_to_string(&paths[0])
            .unwrap()
            .contains("张店区第0局")
    );
}

#[test]
fn audit_writes_csv_html_and_a_page_per_report() {
    let dir = TempDir::new("county-audit");
    let input = dir.path("in");
    std::fs::create_dir_all(input.join("sub")).unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    let mut n = 0;
    for name in [
        "000-cells-per-line.txt",
        "002-truncated.txt",
        "html-2019.html",
        "pipes-2021.txt",
    ] {
        for k in 0..3 {
            std::fs::copy(
                fixtures.join(name),
                input.join("sub").join(format!("{k}-{name}")),
            )
            .unwrap();
            n += 1;
        }
    }
    // Hostile text in a file name must come out escaped.
    std::fs::write(input.join("<img src=x>.txt"), "=1+1\n随便写的").unwrap();
    n += 1;
    let out = dir.path("out");
    let o = run(nianbao().arg("audit").arg(&input).arg("-o").arg(&out));
    assert!(o.code == 0 || o.code == 1, "{}", o.stderr);
    let csv = std::fs::read_to_string(out.join("summary.csv")).unwrap();
    assert!(csv.starts_with('\u{feff}'));
    assert_eq!(csv.lines().count(), n + 1, "{csv}");
    assert!(
        csv.trim_start_matches('\u{feff}')
            .starts_with("文件,机关,年度,格式,导入完整,错误,警告")
    );
    let html = std::fs::read_to_string(out.join("summary.html")).unwrap();
    assert!(
        html.contains("<svg") && html.contains("<script>"),
        "chart and sorting inline"
    );
    assert!(!html.contains("<img src=x>"), "escaped");
    assert!(
        !html.contains("src=\"http") && !html.contains("href=\"http"),
        "offline"
    );
    for i in 1..=n {
        assert!(out.join(format!("reports/{i:04}.html")).is_file());
    }
    // Deterministic: a second run writes the same bytes.
    let out2 = dir.path("out2");
    run(nianbao().arg("audit").arg(&input).arg("-o").arg(&out2));
    assert_eq!(
        html,
        std::fs::read_to_string(out2.join("summary.html"))
            .unwrap()
            .replace(&out2.display().to_string(), &out.display().to_string())
    );
}

/// `aggregate` refuses sums that no data file may hold (over 10 亿), instead
/// of writing a file that `check` then rejects (issue 26.8).
#[test]
fn aggregate_refuses_sums_past_the_largest_count() {
    let dir = TempDir::new("county-too-large");
    let input = dir.path("in");
    for path in county(&input, 2) {
        let text = std::fs::read_to_string(&path).unwrap().replace(
            "  本年新收: [6, 0, 0, 0, 0, 0, 6]",
            "  本年新收: [600000000, 0, 0, 0, 0, 0]",
        );
        std::fs::write(&path, text).unwrap();
    }
    let out = dir.path("total.yaml");
    let o = run(nianbao()
        .arg("aggregate")
        .arg(&input)
        .args(["--agency", "淄博市张店区人民政府", "--force", "-o"])
        .arg(&out));
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(o.stderr.contains("超过 1000000000"), "{}", o.stderr);
    assert!(!out.exists());
}

/// `aggregate --force` never overwrites a source's 上年数据 file (issue 26.8).
#[test]
fn aggregate_never_overwrites_a_sources_previous_year_file() {
    let dir = TempDir::new("county-prev-file");
    let input = dir.path("in");
    let paths = county(&input, 2);
    let previous = input.join("乡镇0/2023.yaml");
    std::fs::write(&previous, "keep").unwrap();
    let text = std::fs::read_to_string(&paths[0]).unwrap();
    std::fs::write(&paths[0], format!("上年数据: 2023.yaml\n{text}")).unwrap();
    let o = run(nianbao()
        .arg("aggregate")
        .arg(&paths[0])
        .arg(&paths[1])
        .args(["--agency", "淄博市张店区人民政府", "--force", "-o"])
        .arg(&previous));
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(o.stderr.contains("就是输入文件"), "{}", o.stderr);
    assert_eq!(std::fs::read_to_string(&previous).unwrap(), "keep");
}

/// `audit`'s output folder (issue 26.7): inside the input folder its pages
/// are never audited as reports; a re-run leaves no stale page; a folder
/// of other files is left alone unless --force, which keeps it renamed.
#[test]
fn audit_writes_its_folder_whole_and_never_reads_it_back() {
    let dir = TempDir::new("county-audit-folder");
    let input = dir.path("in");
    std::fs::create_dir_all(&input).unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    for name in ["pipes-2021.txt", "html-2019.html"] {
        std::fs::copy(fixtures.join(name), input.join(name)).unwrap();
    }
    let out = input.join("审查结果");
    let audit = |force: bool| {
        let mut cmd = nianbao();
        cmd.arg("audit").arg(&input).arg("-o").arg(&out);
        if force {
            cmd.arg("--force");
        }
        run(&mut cmd)
    };
    let pages = || std::fs::read_dir(out.join("reports")).unwrap().count();
    for _ in 0..2 {
        let o = audit(false);
        assert_ne!(o.code, 2, "{}", o.stderr);
        assert!(o.stderr.contains("已审查 2 份报告"), "{}", o.stderr);
        assert_eq!(pages(), 2);
    }
    // One report fewer: its page goes too.
    std::fs::remove_file(input.join("html-2019.html")).unwrap();
    audit(false);
    assert_eq!(pages(), 1);
    // A folder of someone else's files is refused, then kept with --force.
    let other = dir.path("其他");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("笔记.txt"), "keep").unwrap();
    let o = run(nianbao().arg("audit").arg(&input).arg("-o").arg(&other));
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(o.stderr.contains("不是 nianbao 写的"), "{}", o.stderr);
    assert_eq!(
        std::fs::read_to_string(other.join("笔记.txt")).unwrap(),
        "keep"
    );
    let o = run(nianbao()
        .arg("audit")
        .arg(&input)
        .arg("-o")
        .arg(&other)
        .arg("--force"));
    assert_ne!(o.code, 2, "{}", o.stderr);
    assert!(other.join("summary.csv").is_file());
    let kept: Vec<_> = std::fs::read_dir(dir.0.clone())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("其他.原有-"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(
        std::fs::read_to_string(dir.path(&kept[0]).join("笔记.txt")).unwrap(),
        "keep"
    );
}

/// `audit DIR -o DIR` (F14): the summaries and pages are written beside the
/// reports, which stay where they are, untouched; a re-run, or a run into
/// another folder, never audits them as reports; a file of someone else's
/// at a summary's name is never replaced.
#[test]
fn audit_into_its_input_folder_writes_beside_the_reports() {
    let dir = TempDir::new("county-audit-in-place");
    let input = dir.path("in");
    std::fs::create_dir_all(&input).unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    for name in ["pipes-2021.txt", "html-2019.html"] {
        std::fs::copy(fixtures.join(name), input.join(name)).unwrap();
    }
    let audit = |folder: &Path, out: &Path| {
        let o = run(nianbao().arg("audit").arg(folder).arg("-o").arg(out));
        assert_ne!(o.code, 2, "{}", o.stderr);
        assert!(o.stderr.contains("已审查 2 份报告"), "{}", o.stderr);
        assert!(!o.stderr.contains("未审查"), "{}", o.stderr);
        o
    };
    for _ in 0..2 {
        audit(&input, &input);
        let csv = std::fs::read_to_string(input.join("summary.csv")).unwrap();
        assert_eq!(csv.lines().count(), 3, "{csv}");
        assert!(input.join("summary.xlsx").is_file());
        assert!(input.join("reports/0002.html").is_file());
        assert!(!input.join("reports/0003.html").exists());
    }
    for name in ["pipes-2021.txt", "html-2019.html"] {
        assert_eq!(
            std::fs::read(input.join(name)).unwrap(),
            std::fs::read(fixtures.join(name)).unwrap()
        );
    }
    // From inside the folder, and into another folder: the same two.
    let o = run(nianbao()
        .current_dir(&input)
        .args(["audit", ".", "-o", "."]));
    assert!(o.stderr.contains("已审查 2 份报告"), "{}", o.stderr);
    audit(&input, &dir.path("out"));
    // A summary's name taken by someone else's file: refused, the file kept.
    let other = dir.path("other");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::copy(fixtures.join("pipes-2021.txt"), other.join("a.txt")).unwrap();
    std::fs::write(other.join("summary.csv"), "mine").unwrap();
    let o = run(nianbao().arg("audit").arg(&other).arg("-o").arg(&other));
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(
        o.stderr.contains("不是 nianbao 写的，不会覆盖"),
        "{}",
        o.stderr
    );
    assert_eq!(
        std::fs::read_to_string(other.join("summary.csv")).unwrap(),
        "mine"
    );
    assert!(other.join("a.txt").is_file());
}

/// `audit` (issue 43): the tool's failures to read are not the publisher's
/// errors — a report's page separates 报告本身的问题 from 未能读出, the
/// checks resting on unread cells are not run, and the headline counts
/// reports with errors of their own.
#[test]
fn audit_separates_the_reports_errors_from_what_could_not_be_read() {
    let dir = TempDir::new("county-audit-unread");
    let input = dir.path("in");
    std::fs::create_dir_all(&input).unwrap();
    let real = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/real");
    std::fs::copy(
        real.join("crawler-2024.txt"),
        input.join("crawler-2024.txt"),
    )
    .unwrap();
    let out = dir.path("out");
    let o = run(nianbao().arg("audit").arg(&input).arg("-o").arg(&out));
    assert!(o.code == 0 || o.code == 1, "{}", o.stderr);
    assert!(
        o.stderr
            .contains("1 份有未能读出的部分（请核对原文，不算报告的错误）"),
        "{}",
        o.stderr
    );
    let page = std::fs::read_to_string(out.join("reports/0001.html")).unwrap();
    let own = page.find("<h2>报告本身的问题</h2>").expect("own problems");
    let unread = page
        .find("<h2>未能读出（请核对原文）</h2>")
        .expect("unread");
    assert!(own < unread);
    // The unread rows are not blamed on the publisher: no balance or total
    // rule of the tables they are in was run.
    for code in ["T3-BAL", "T3-SUM", "T4-SUM", "T3-TOTAL"] {
        assert!(!page.slice_to(unread).contains(code), "{code}: {page}");
    }
    assert!(page.contains("依赖它们的核对没有做"), "{page}");
    assert!(page.slice_from(unread).contains("数字连在一起，无法分列"));
}

/// `audit` (issue 43): two consecutive years of one agency in the folder
/// are held against each other (last year's 结转下年度 is this year's 上年结转)
/// and are no duplicates.
#[test]
fn audit_holds_consecutive_years_of_an_agency_against_each_other() {
    let dir = TempDir::new("county-audit-years");
    let input = dir.path("in");
    std::fs::create_dir_all(&input).unwrap();
    let md = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/corpus/md-2021.md");
    let text = std::fs::read_to_string(md).unwrap();
    std::fs::write(input.join("a-2024.md.txt"), &text).unwrap();
    // The next year's report, its 上年结转 (17) not last year's 结转 (24).
    let next = text
        .replace("2025年1月10日", "2026年1月10日")
        .replace("2024", "2025");
    std::fs::write(input.join("b-2025.md.txt"), next).unwrap();
    let out = dir.path("out");
    let o = run(nianbao().arg("audit").arg(&input).arg("-o").arg(&out));
    assert!(o.code == 0 || o.code == 1, "{}", o.stderr);
    let page = |n: &str| std::fs::read_to_string(out.join(format!("reports/{n}.html"))).unwrap();
    let (first, second) = (page("0001"), page("0002"));
    assert!(!first.contains("XYEAR-CARRY"), "{first}");
    assert!(second.contains("XYEAR-CARRY"), "{second}");
    assert!(second.contains("与上年"), "{second}");
}

/// `audit` (issue 61, item 9): what the import could not read has its own
/// column with the reason, never among the report's own problems, and the
/// headline says how many reports have errors of their own and how many
/// have parts not read.
#[test]
fn audit_puts_what_could_not_be_read_in_its_own_column() {
    let dir = TempDir::new("county-audit-unread-column");
    let input = dir.path("in");
    std::fs::create_dir_all(&input).unwrap();
    let real = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/real");
    let text = std::fs::read_to_string(real.join("crawler-2024.txt")).unwrap();
    let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    std::fs::write(input.join("flat-2024.txt"), flat).unwrap();
    let out = dir.path("out");
    let o = run(nianbao().arg("audit").arg(&input).arg("-o").arg(&out));
    assert!(o.code == 0 || o.code == 1, "{}", o.stderr);
    // As from the crawler's own lines: section 六 holds only the fee
    // statement (imported as 无。 after it, no error of the report's own);
    // the run-together rows are not read.
    assert!(
        o.stderr
            .contains("0 份报告本身有错误，1 份有未能读出的部分"),
        "{}",
        o.stderr
    );
    let csv = std::fs::read_to_string(out.join("summary.csv")).unwrap();
    let mut rows = csv.lines();
    let head: Vec<&str> = rows
        .next()
        .unwrap()
        .trim_start_matches('\u{feff}')
        .split(',')
        .collect();
    let unread = head
        .iter()
        .position(|h| *h == "未能读出")
        .expect("未能读出 column");
    let problems = head
        .iter()
        .position(|h| *h == "主要问题")
        .expect("主要问题 column");
    let all: String = rows.collect::<Vec<_>>().join("\n");
    assert!(all.contains("数字连在一起，无法分列"), "{all}");
    assert!(unread < problems);
    // The report's own problems carry none of the import's findings.
    let html = std::fs::read_to_string(out.join("summary.html")).unwrap();
    assert!(html.contains("份有未能读出的部分"), "{html}");
}
