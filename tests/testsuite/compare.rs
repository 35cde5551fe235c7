//! `nianbao compare`: two reports, or two folders, compared.

use nianbao::slice::Slice;

use std::path::Path;

use crate::common::{EXAMPLE, TempDir, example_with, golden, nianbao, run};

/// The 2025 report made from the 2024 example: figures, fields and
/// paragraphs changed.
const NEXT_YEAR: &str = "tests/fixtures/compare/zhangdian-traffic-2025.yaml";

fn compare(args: &[&str]) -> crate::common::Output {
    run(nianbao().arg("compare").args(args))
}

#[test]
fn markdown_html_and_csv_match_their_golden_files() {
    for (format, ext) in [("md", "md"), ("html", "html"), ("csv", "csv")] {
        let out = compare(&[EXAMPLE, NEXT_YEAR, "--format", format]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        golden(
            Path::new(&format!("tests/golden/compare/zhangdian-traffic.{ext}")),
            &out.stdout,
        );
    }
}

#[test]
fn changes_are_named_by_path_and_large_ones_flagged() {
    let out = compare(&[EXAMPLE, NEXT_YEAR]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let line = |path: &str| {
        out.stdout
            .lines()
            .find(|l| l.contains(&format!("`{path}`")))
            .unwrap_or_else(|| panic!("{path} not listed:\n{}", out.stdout))
            .to_string()
    };
    let received = line("依申请公开.本年新收[6]");
    assert!(
        received.contains("| 6 | 18 | +12 | +200.0% | **大幅** |"),
        "{received}"
    );
    assert!(
        received.contains("一、本年新收政府信息公开申请数量 · 总计"),
        "{received}"
    );
    // Doubling one complaint is not a large change.
    let petitions = line("依申请公开.办理结果.不予处理.信访举报投诉类申请[0]");
    assert!(
        petitions.ends_with("| 1 | 2 | +1 | +100.0% |  |"),
        "{petitions}"
    );
    assert!(
        !out.stdout.contains("`主动公开.规章.本年制发`"),
        "unchanged cells are left out"
    );
    assert!(
        out.stdout.contains("- 删除：~~（三）政务公开创新情况~~"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("- 新增：对群众通过意见反馈渠道提出的建议")
    );
    assert!(
        out.stdout.contains("图文视频信息~~3~~4**1**00余条"),
        "the character diff of a changed paragraph: {}",
        out.stdout
    );
    // A stricter threshold flags more, a looser one nothing.
    let strict = compare(&[EXAMPLE, NEXT_YEAR, "--threshold", "20", "--min-change", "1"]);
    assert!(strict.stdout.matches("**大幅**").count() > out.stdout.matches("**大幅**").count());
    let loose = compare(&[EXAMPLE, NEXT_YEAR, "--min-change", "1000000"]);
    assert!(!loose.stdout.contains("**大幅**"), "{}", loose.stdout);
}

#[test]
fn the_chinese_alias_writes_a_file_and_never_over_an_input() {
    let dir = TempDir::new("compare-out");
    let old = dir.path("2024.yaml");
    let new = dir.path("2025.yaml");
    std::fs::copy(EXAMPLE, &old).unwrap();
    std::fs::copy(NEXT_YEAR, &new).unwrap();
    let report = dir.path("对比.html");
    let out = run(nianbao()
        .args(["对比"])
        .arg(&old)
        .arg(&new)
        .arg("-o")
        .arg(&report));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("大幅变化"), "{}", out.stderr);
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<tr class=\"large\">"));
    // Again: the file exists.
    let again = run(nianbao()
        .args(["compare"])
        .arg(&old)
        .arg(&new)
        .arg("-o")
        .arg(&report));
    assert_eq!(again.code, 2, "{}", again.stderr);
    assert!(again.stderr.contains("已存在"), "{}", again.stderr);
    // Onto an input, even with --force.
    let before = std::fs::read(&new).unwrap();
    let clobber = run(nianbao()
        .args(["compare", "--force", "--format", "md"])
        .arg(&old)
        .arg(&new)
        .arg("-o")
        .arg(&new));
    assert_eq!(clobber.code, 2, "{}", clobber.stderr);
    assert!(
        clobber.stderr.contains("就是输入文件"),
        "{}",
        clobber.stderr
    );
    assert_eq!(std::fs::read(&new).unwrap(), before);
}

#[test]
fn editions_compare_what_maps_and_list_the_rest() {
    let out = compare(&["examples/zibo-yiyuan-traffic-2020.yaml", EXAMPLE]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("## 未能对照的项目"), "{}", out.stdout);
    assert!(out.stdout.contains("2019 版与 2021 版"));
    // 处理决定数量 (2019) is the 2021 single figure.
    assert!(
        out.stdout
            .contains("`主动公开.行政许可`（旧：`主动公开.行政许可.处理决定数量`）"),
        "{}",
        out.stdout
    );
    let other_2019 = out
        .stdout
        .lines()
        .find(|l| l.contains("`依申请公开.办理结果.其他处理[0]`"))
        .expect("the 2019 single 其他处理 row has no 2021 counterpart");
    assert!(other_2019.starts_with("| 旧（表三）"), "{other_2019}");
}

#[test]
fn a_published_report_says_which_figures_could_not_be_read() {
    let out = compare(&[
        "tests/fixtures/import/002-truncated.txt",
        "tests/fixtures/import/000-cells-per-line.txt",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("已公布的年报，文本，经导入识别"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("导入不完整"), "{}", out.stdout);
    let unread = out
        .stdout
        .lines()
        .find(|l| l.contains("`依申请公开.办理结果.不予公开.属于行政执法案卷[0]`"))
        .expect("a row missing from the truncated report is listed");
    assert!(unread.contains("（未能读出）"), "{unread}");
    assert!(
        !unread.contains("-100"),
        "nothing computed from a figure not read: {unread}"
    );
}

#[test]
fn folders_pair_by_agency_and_list_the_rest() {
    let dir = TempDir::new("compare-folders");
    let (old, new) = (dir.path("去年"), dir.path("今年"));
    std::fs::create_dir_all(&old).unwrap();
    std::fs::create_dir_all(&new).unwrap();
    std::fs::copy(EXAMPLE, old.join("张店大队.yaml")).unwrap();
    std::fs::copy(
        "examples/zhangdian-transport-2020.yaml",
        old.join("交通运输局.yaml"),
    )
    .unwrap();
    // This year the 大队 signs without the city's 公安局 before its name.
    let renamed = std::fs::read_to_string(NEXT_YEAR).unwrap().replacen(
        "机关: 淄博市公安局交通警察支队张店大队",
        "机关: 交通警察支队张店大队",
        1,
    );
    std::fs::write(new.join("2025.yaml"), renamed).unwrap();
    let newcomer = example_with(
        "机关: 淄博市公安局交通警察支队张店大队",
        "机关: 张店区新设局",
    );
    std::fs::write(new.join("新设局.yaml"), newcomer).unwrap();
    std::fs::write(new.join("坏.pdf"), b"%PDF-1.4 not really").unwrap();
    std::fs::write(new.join("说明.png"), b"\x89PNG").unwrap();
    let out = run(nianbao()
        .arg("compare")
        .arg(&old)
        .arg(&new)
        .args(["--format", "csv"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.starts_with('\u{feff}'));
    let rows: Vec<&str> = out.stdout.lines().collect();
    let kind = |k: &str| {
        rows.iter()
            .filter(|r| r.split(',').nth(3) == Some(k))
            .count()
    };
    assert!(kind("数字") > 0, "the 大队 was paired: {}", out.stdout);
    assert_eq!(kind("只在旧目录"), 1, "{}", out.stdout);
    assert_eq!(kind("只在新目录"), 1, "{}", out.stdout);
    assert_eq!(kind("无法读取"), 1, "{}", out.stdout);
    assert!(
        rows.iter()
            .any(|r| r.starts_with("张店区交通运输局,") && r.contains("只在旧目录"))
    );
    let md = run(nianbao().arg("compare").arg(&old).arg(&new));
    assert!(
        md.stdout.contains("说明.png：图片"),
        "files not read are listed: {}",
        md.stdout
    );
    assert!(
        md.stdout
            .contains("## 只在新目录中的报告\n\n- 张店区新设局"),
        "{}",
        md.stdout
    );
    assert!(
        md.stdout.contains(
            "## 淄博市公安局交通警察支队张店大队 / 交通警察支队张店大队：2024年度 与 2025年度"
        ),
        "{}",
        md.stdout
    );
    // Issue 65: the HTML draws the pairs' figures, each chart with its table.
    let html = run(nianbao()
        .arg("compare")
        .arg(&old)
        .arg(&new)
        .args(["--format", "html"]));
    assert_eq!(html.code, 0, "{}", html.stderr);
    let page = &html.stdout;
    for id in [
        "chart-received",
        "chart-review",
        "chart-lawsuit",
        "chart-fee",
    ] {
        assert!(
            page.contains(&format!("<figure class=\"chart\" id=\"{id}\">")),
            "{id}"
        );
        assert!(page.contains(&format!(
            "<table class=\"chart-figures\" id=\"{id}-table\">"
        )));
    }
    let received = page.slice_from(page.find("id=\"chart-received-table\"").unwrap());
    assert!(
        received.contains("<th scope=\"row\">交通警察支队张店大队</th><td class=\"num\">"),
        "{received}"
    );
    assert!(received.contains("<th scope=\"col\">2025 年度</th><th scope=\"col\">2024 年度</th>"));
}

#[test]
fn report_text_is_escaped_in_html_and_neutralised_in_csv() {
    let dir = TempDir::new("compare-hostile");
    let old = dir.path("old.yaml");
    std::fs::write(
        &old,
        example_with(
            "机关: 淄博市公安局交通警察支队张店大队",
            "机关: \"=HYPERLINK(1)<script>x</script>\"",
        ),
    )
    .unwrap();
    let html = run(nianbao()
        .arg("compare")
        .arg(&old)
        .arg(NEXT_YEAR)
        .args(["--format", "html"]));
    assert_eq!(html.code, 0, "{}", html.stderr);
    assert!(!html.stdout.contains("<script>"), "{}", html.stdout);
    assert!(html.stdout.contains("&lt;script&gt;"));
    let csv = run(nianbao()
        .arg("compare")
        .arg(&old)
        .arg(NEXT_YEAR)
        .args(["--format", "csv"]));
    assert!(
        csv.stdout.contains(",'=HYPERLINK(1)<script>x</script>,"),
        "{}",
        csv.stdout
    );
}

#[test]
fn a_file_and_a_folder_do_not_compare() {
    let out = compare(&[EXAMPLE, "examples"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("一个是目录、一个是文件"),
        "{}",
        out.stderr
    );
    let missing = compare(&[EXAMPLE, "examples/没有这个文件.yaml"]);
    assert_eq!(missing.code, 2, "{}", missing.stderr);
    assert!(
        missing.stderr.contains("没有这个文件.yaml"),
        "{}",
        missing.stderr
    );
}

#[test]
fn unreadable_cells_are_no_changes_and_the_biggest_lead() {
    // The same city report as a data file and as crawler text whose runs of
    // digits could not all be split: the unread cells are gaps, not changes.
    let real = "tests/fixtures/import/real";
    let out = compare(&[
        &format!("{real}/city-2024.yaml"),
        &format!("{real}/crawler-2024.txt"),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("变化 0 项"), "{}", out.stdout);
    assert!(
        out.stdout
            .contains("另有 21 项一方为空或未能读出，不计为变化"),
        "{}",
        out.stdout
    );
    // Two years: the biggest changes come first, before the tables.
    let out = compare(&[EXAMPLE, NEXT_YEAR]);
    let biggest = out.stdout.find("变化最大的 10 项").expect("listed");
    let first = out
        .stdout
        .slice_from(biggest)
        .lines()
        .find(|l| l.starts_with("| ") && !l.starts_with("| 项目"))
        .unwrap();
    assert!(
        first.contains("行政处罚") && first.contains("+168757"),
        "{first}"
    );
    assert!(biggest < out.stdout.find("### 表二").unwrap_or(usize::MAX));
}
