//! The county office's January (issue 33): nothing in a folder left out
//! silently, a roster of who must report, summaries to send back, sums
//! that never count a sum, files named after their agency, last year's
//! folder.

use crate::common;

use std::path::Path;

use common::{TempDir, nianbao, run};

const EXAMPLE: &str = "examples/zibo-zhangdian-traffic-2024.yaml";
const AGENCY: &str = "机关: 淄博市公安局交通警察支队张店大队";

fn example() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(EXAMPLE)).unwrap()
}

/// The example as `agency`'s report.
fn of(agency: &str) -> String {
    example().replace(AGENCY, &format!("机关: {agency}"))
}

/// A folder as it arrives: three agencies (one of them twice, one named
/// without its city), a Word document, an old .doc, a Notepad name and
/// Excel's lock file.
fn inbox(root: &Path) {
    std::fs::create_dir_all(root).unwrap();
    let write = |name: &str, text: &str| std::fs::write(root.join(name), text).unwrap();
    write("审计局.yaml", &of("淄博市张店区审计局"));
    write("审计局（改）.yaml", &of("淄博市张店区审计局"));
    write("统计局.yaml", &of("张店区统计局"));
    write("财政局.yaml.txt", &of("淄博市张店区财政局"));
    write("年报.docx", "not a zip");
    write("旧年报.doc", "old");
    write("~$统计.xlsx", "lock");
}

fn roster(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("名单.csv");
    // As Excel on Windows saves it: GB18030, a heading, a number column.
    let text = "序号,单位名称\r\n1,淄博市张店区审计局\r\n2,淄博市张店区统计局\r\n3,淄博市张店区财政局\r\n4,淄博市张店区卫生健康局\r\n";
    let (bytes, _, _) = encoding_rs::GB18030.encode(text);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn a_folder_check_lists_files_not_read_and_the_roster() {
    let dir = TempDir::new("office-check");
    let input = dir.path("收件");
    inbox(&input);
    let list = roster(&dir.0);
    let o = run(nianbao()
        .arg("check")
        .arg(&input)
        .arg("--roster")
        .arg(&list));
    assert_eq!(o.code, 0, "{}", o.stderr);
    let out = &o.stdout;
    assert!(out.contains("未读取的文件（3 个）"), "{out}");
    assert!(out.contains("年报.docx：已公布的年报或文档"), "{out}");
    assert!(out.contains("nianbao audit"), "{out}");
    assert!(out.contains("旧年报.doc：旧版 Word/WPS 文档"), "{out}");
    assert!(out.contains("打开“统计.xlsx”时留下的临时文件"), "{out}");
    assert!(out.contains("请改名为“财政局.yaml”"), "{out}");
    assert!(
        out.contains(
            "名单 4 个单位：3 个已报送，1 个未报送，重复报送 1 个，名称与名单不完全一致 1 个。"
        ),
        "{out}"
    );
    assert!(out.contains("未报送：淄博市张店区卫生健康局"), "{out}");
    assert!(
        out.contains("统计局.yaml：名单中应为“淄博市张店区统计局”？（少写了地名“淄博市”）"),
        "{out}"
    );
}

#[test]
fn the_csv_carries_figures_problems_and_the_roster() {
    let dir = TempDir::new("office-csv");
    let input = dir.path("收件");
    inbox(&input);
    std::fs::write(
        input.join("统计局.yaml"),
        of("张店区统计局").replace(
            "本年新收: [6, 0, 0, 0, 0, 0, 6]",
            "本年新收: [7, 0, 0, 0, 0, 0, 7]",
        ),
    )
    .unwrap();
    let list = roster(&dir.0);
    let o = run(nianbao()
        .arg("check")
        .arg(&input)
        .args(["--format", "csv", "--roster"])
        .arg(&list));
    assert_eq!(o.code, 1, "{}", o.stderr);
    let csv = &o.stdout;
    assert!(csv.starts_with('\u{feff}'));
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert!(
        lines[0].ends_with(
            "本年新收,办结,结转下年度,行政复议,行政诉讼,信息处理费（万元）,主要问题,名单核对"
        ),
        "{}",
        lines[0]
    );
    let stats = lines.iter().find(|l| l.contains("/统计局.yaml")).unwrap();
    // Errors first, the code with its Chinese name.
    assert!(stats.contains(",7,"), "{stats}");
    assert!(stats.contains("错误 T3-"), "{stats}");
    assert!(stats.contains("名单中应为“淄博市张店区统计局”"), "{stats}");
    let audit_row = lines.iter().find(|l| l.contains("/审计局.yaml")).unwrap();
    assert!(audit_row.contains(",6,6,1,0,0,0,"), "{audit_row}");
    assert!(
        lines
            .iter()
            .any(|l| l.ends_with("淄博市张店区卫生健康局,,,,,,,,,,,,,,,未报送"))
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("旧年报.doc,") && l.contains("未读取：旧版"))
    );

    // GB18030 on request: the same table, no BOM.
    let o = nianbao()
        .arg("check")
        .arg(&input)
        .args(["--format", "csv", "--encoding", "gb18030"])
        .output()
        .unwrap();
    let bytes = o.stdout;
    assert!(!bytes.starts_with(b"\xef\xbb\xbf"));
    let (text, _, bad) = encoding_rs::GB18030.decode(&bytes);
    assert!(!bad);
    assert!(text.starts_with("文件,机关,年度"), "{text}");
}

#[test]
fn the_html_summary_is_one_page_with_everything() {
    let dir = TempDir::new("office-html");
    let input = dir.path("收件");
    inbox(&input);
    let list = roster(&dir.0);
    let o = run(nianbao()
        .arg("check")
        .arg(&input)
        .args(["--format", "html", "--roster"])
        .arg(&list));
    assert_eq!(o.code, 0, "{}", o.stderr);
    let html = &o.stdout;
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<h2>名单核对</h2>"));
    assert!(html.contains("<th>主要问题</th>"));
    assert!(html.contains("未读取：旧版 Word/WPS 文档"));
    assert!(!html.contains("http://") && !html.contains("https://"));
}

#[test]
fn last_years_files_are_found_by_agency_and_a_missing_one_said_once() {
    let dir = TempDir::new("office-prev");
    let last = dir.path("2024");
    let now = dir.path("2025");
    std::fs::create_dir_all(&last).unwrap();
    std::fs::create_dir_all(&now).unwrap();
    for (i, agency) in ["淄博市张店区审计局", "淄博市张店区统计局"]
        .iter()
        .enumerate()
    {
        std::fs::write(last.join(format!("{i}.yaml")), of(agency)).unwrap();
        let o = run(nianbao()
            .args(["new", "--from"])
            .arg(last.join(format!("{i}.yaml")))
            .arg("-o")
            .arg(now.join(format!("{i}.yaml"))));
        assert_eq!(o.code, 0, "{}", o.stderr);
    }
    // Sent on without last year's files: one note, no warning per file.
    // (`上年数据` is `../2024/0.yaml`: not there from 邮件/收件/.)
    let sent = dir.path("邮件/收件");
    std::fs::create_dir_all(&sent).unwrap();
    for i in 0..2 {
        let text = std::fs::read_to_string(now.join(format!("{i}.yaml"))).unwrap();
        // Carried over from last year: 1 (the example's 结转).
        std::fs::write(sent.join(format!("{i}.yaml")), text).unwrap();
    }
    let o = run(nianbao().arg("check").arg(&sent));
    assert!(
        !o.stdout.contains(&common::headline("警告", "PREV")),
        "{}",
        o.stdout
    );
    assert_eq!(
        o.stdout
            .matches("2 个文件写有“上年数据”，但所指的上年文件不在")
            .count(),
        1,
        "{}",
        o.stdout
    );
    // With last year's folder, the cross-year rules run: a carried-over
    // figure that differs is found.
    let text = std::fs::read_to_string(sent.join("0.yaml")).unwrap();
    let changed = text.replacen("上年结转: [1,", "上年结转: [2,", 1);
    assert_ne!(changed, text, "the carried-over row is where expected");
    std::fs::write(
        sent.join("0.yaml"),
        changed.replace("淄博市张店区审计局", "张店区审计局"),
    )
    .unwrap();
    let o = run(nianbao()
        .arg("check")
        .arg(&sent)
        .arg("--prev-dir")
        .arg(&last));
    assert!(o.stdout.contains("XYEAR-CARRY"), "{}", o.stdout);
    assert!(!o.stdout.contains("上年文件不在"), "{}", o.stdout);
    assert!(
        o.stdout.contains("按相近的机关名称对上去年的"),
        "{}",
        o.stdout
    );
}

#[test]
fn aggregate_sets_aside_sums_and_other_years_and_lists_every_blocker() {
    let dir = TempDir::new("office-agg");
    let input = dir.path("各单位");
    std::fs::create_dir_all(&input).unwrap();
    for a in ["甲局", "乙局", "丙局"] {
        std::fs::write(input.join(format!("{a}.yaml")), of(a)).unwrap();
    }
    let last_year = of("丁局")
        .replace("年度: 2024", "年度: 2023")
        .replace("成文日期: 2025-01-10", "成文日期: 2024-01-10");
    std::fs::write(input.join("丁局-2023.yaml"), last_year).unwrap();
    std::fs::write(input.join("本级.yaml"), of("张店区人民政府")).unwrap();
    let agg = |out: &str| {
        run(nianbao()
            .arg("aggregate")
            .arg(&input)
            .args(["--agency", "张店区人民政府", "-o"])
            .arg(input.join(out)))
    };
    let o = agg("合计.yaml");
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stderr.contains("3 个来源之和"), "{}", o.stderr);
    assert!(
        o.stderr.contains("丁局-2023.yaml：是 2023 年度的"),
        "{}",
        o.stderr
    );
    assert!(
        o.stderr.contains("本级.yaml：机关就是汇总的机关"),
        "{}",
        o.stderr
    );
    // Run again into the same folder: the first sum is not counted.
    let o = agg("合计2.yaml");
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stderr
            .contains("合计.yaml：是 nianbao aggregate 汇总出的文件"),
        "{}",
        o.stderr
    );
    assert_eq!(
        std::fs::read_to_string(input.join("合计.yaml")).unwrap(),
        std::fs::read_to_string(input.join("合计2.yaml")).unwrap()
    );
    // Two sources that cannot be summed: both named in one run.
    std::fs::write(input.join("坏.yaml"), "格式: 2021\n机关: [未闭合\n").unwrap();
    std::fs::write(
        input.join("旧格式.yaml"),
        of("戊局").replace("格式: 2021", "格式: 2019"),
    )
    .unwrap();
    let o = agg("合计3.yaml");
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(o.stderr.contains("2 个来源无法汇总"), "{}", o.stderr);
    assert!(
        o.stderr.contains("坏.yaml：无法读取为年报数据"),
        "{}",
        o.stderr
    );
    assert!(
        o.stderr.contains("旧格式.yaml：用的是 2019 版格式"),
        "{}",
        o.stderr
    );
    assert!(!input.join("合计3.yaml").exists());
}

#[test]
fn new_names_the_file_after_the_agency_and_build_can_too() {
    let dir = TempDir::new("office-names");
    let o = run(nianbao()
        .args(["new", "--year", "2025", "--agency", "淄博市张店区审计局"])
        .current_dir(&dir.0));
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(dir.path("淄博市张店区审计局-2025.yaml").is_file());
    let o = run(nianbao()
        .args(["new", "--year", "2025", "--agency", "某局/科室:一"])
        .current_dir(&dir.0));
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(dir.path("某局_科室_一-2025.yaml").is_file());

    // Two agencies' files both called 2024.yaml build side by side.
    for (sub, agency) in [("a", "甲局"), ("b", "乙局")] {
        std::fs::create_dir_all(dir.path(sub)).unwrap();
        std::fs::write(dir.path(sub).join("2024.yaml"), of(agency)).unwrap();
    }
    let o = run(nianbao()
        .arg("build")
        .arg(dir.path("a"))
        .arg(dir.path("b"))
        .args(["--format", "md", "--name-by-agency", "-o"])
        .arg(dir.path("out")));
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(dir.path("out/甲局-2024.md").is_file());
    assert!(dir.path("out/乙局-2024.md").is_file());
}

#[test]
fn audit_lists_what_it_cannot_read_and_holds_the_roster() {
    let dir = TempDir::new("office-audit");
    let input = dir.path("已公布");
    std::fs::create_dir_all(&input).unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    let published = std::fs::read_dir(&fixture)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "html"))
        .expect("an HTML report among the import fixtures");
    std::fs::copy(&published, input.join("报告.html")).unwrap();
    std::fs::write(input.join("旧.doc"), "old").unwrap();
    std::fs::write(input.join("数据.yaml"), example()).unwrap();
    let list = roster(&dir.0);
    let o = run(nianbao()
        .arg("audit")
        .arg(&input)
        .arg("-o")
        .arg(dir.path("结果"))
        .arg("--roster")
        .arg(&list));
    assert!(o.code <= 1, "{}", o.stderr);
    let csv = std::fs::read_to_string(dir.path("结果/summary.csv")).unwrap();
    assert!(csv.contains("主要问题,名单核对"), "{csv}");
    assert!(csv.contains("数据.yaml,"), "{csv}");
    assert!(csv.contains("nianbao check"), "{csv}");
    assert!(csv.contains("未报送"), "{csv}");
    let html = std::fs::read_to_string(dir.path("结果/summary.html")).unwrap();
    assert!(html.contains("<h2>名单核对</h2>"));
    assert!(html.contains("旧.doc"));
    // The same table as a workbook, which no import dialog can garble.
    let book = std::fs::read(dir.path("结果/summary.xlsx")).unwrap();
    assert!(nianbao::xlsx::is_workbook(&book));
    assert!(summary_sheet(&book).contains("未报送</t>"));
}

/// The worksheet XML of a one-sheet workbook.
fn summary_sheet(book: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(book)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
        &mut xml,
    )
    .unwrap();
    xml
}

#[test]
fn a_roster_may_be_a_workbook_column() {
    let dir = TempDir::new("office-roster-xlsx");
    let input = dir.path("收件");
    inbox(&input);
    let rows: Vec<Vec<String>> = [
        ["序号", "单位名称", "联系人"],
        ["1", "淄博市张店区审计局", "王某"],
        ["2", "淄博市张店区统计局", "李某"],
        ["3", "淄博市张店区财政局", "赵某"],
    ]
    .iter()
    .map(|r| r.iter().map(|c| c.to_string()).collect())
    .collect();
    std::fs::write(
        dir.path("名单.xlsx"),
        nianbao::xlsx::table_workbook("名单", &rows),
    )
    .unwrap();
    let o = run(nianbao()
        .arg("check")
        .arg(&input)
        .arg("--roster")
        .arg(dir.path("名单.xlsx")));
    assert!(
        o.stdout.contains("名单 3 个单位：3 个已报送，0 个未报送"),
        "{}",
        o.stdout
    );
    // A roster that is no text: refused with its name, nothing checked.
    std::fs::write(dir.path("坏名单.txt"), b"\x00\x01binary").unwrap();
    let o = run(nianbao()
        .arg("check")
        .arg(&input)
        .arg("--roster")
        .arg(dir.path("坏名单.txt")));
    assert_eq!(o.code, 2);
    assert!(
        o.stderr.contains("坏名单.txt：无法读取为名单"),
        "{}",
        o.stderr
    );
    assert!(o.stdout.is_empty());
}

#[test]
fn the_check_summary_as_a_workbook() {
    let dir = TempDir::new("office-xlsx");
    let input = dir.path("收件");
    inbox(&input);
    let list = roster(&dir.0);
    let o = nianbao()
        .arg("check")
        .arg(&input)
        .args(["--format", "xlsx", "--roster"])
        .arg(&list)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let xml = summary_sheet(&o.stdout);
    assert!(xml.contains(">主要问题</t>"), "{xml}");
    assert!(xml.contains(">淄博市张店区卫生健康局</t>"), "{xml}");
    // Figures are numbers; the sheet is a table to sort, not protected.
    assert!(xml.contains("<v>6</v>"), "{xml}");
    assert!(!xml.contains("sheetProtection"));
}

#[test]
fn a_summary_is_written_with_o_by_its_extension_never_over_an_input() {
    let dir = TempDir::new("office-output");
    let input = dir.path("收件");
    inbox(&input);
    let book = dir.path("汇总.xlsx");
    // No --format: the extension chooses the workbook; nothing on stdout,
    // so PowerShell's re-encoding of `>` never touches the bytes.
    let o = nianbao()
        .arg("check")
        .arg(&input)
        .arg("-o")
        .arg(&book)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", common::stderr(&o));
    assert!(o.stdout.is_empty());
    let xml = summary_sheet(&std::fs::read(&book).unwrap());
    assert!(xml.contains(">主要问题</t>"), "{xml}");
    // An existing file is kept unless --force.
    let again = run(nianbao().arg("check").arg(&input).arg("-o").arg(&book));
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("已存在"), "{}", again.stderr);
    let csv = dir.path("汇总.csv");
    let o = run(nianbao().arg("check").arg(&input).arg("-o").arg(&csv));
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(std::fs::read(&csv).unwrap().starts_with(b"\xEF\xBB\xBF"));
    // One of the files checked is never the output, even with --force.
    let victim = input.join("统计局.yaml");
    let before = std::fs::read(&victim).unwrap();
    let o = run(nianbao()
        .arg("check")
        .arg(&input)
        .arg("-o")
        .arg(&victim)
        .arg("--force"));
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("要校验的文件"), "{}", o.stderr);
    assert_eq!(std::fs::read(&victim).unwrap(), before);
}

/// A unit renamed since last year (撤县设区, issue 44.1): the roster's
/// 曾用名 column makes last year's file under the old name the same
/// agency's, so `--prev-dir` finds it and the cross-year rules run; a file
/// sent under the old name is the unit's.
#[test]
fn a_roster_column_of_former_names_joins_a_renamed_unit_to_last_year() {
    let dir = TempDir::new("office-renamed");
    let (now, last) = (dir.path("今年"), dir.path("去年"));
    std::fs::create_dir_all(&now).unwrap();
    std::fs::create_dir_all(&last).unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules");
    let this_year: String = std::fs::read_to_string(fixtures.join("xyear-carry-renamed.yaml"))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("曾用名") && !l.starts_with("上年数据"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(now.join("交通运输局.yaml"), &this_year).unwrap();
    std::fs::copy(
        fixtures.join("prev/county-2023.yaml"),
        last.join("2023.yaml"),
    )
    .unwrap();
    let roster = dir.path("名单.csv");
    std::fs::write(
        &roster,
        "单位名称,曾用名\n某市某区交通运输局,某市某县交通运输局\n",
    )
    .unwrap();
    let check = |with_roster: bool| {
        let mut c = nianbao();
        c.arg("check").arg(&now).arg("--prev-dir").arg(&last);
        if with_roster {
            c.arg("--roster").arg(&roster);
        }
        run(&mut c)
    };
    // Without the roster last year's file is another agency's.
    let o = check(false);
    assert!(!o.stdout.contains("XYEAR-CARRY"), "{}", o.stdout);
    let said = format!("{}{}", o.stdout, o.stderr);
    assert!(said.contains("没有 1 个文件的机关上一年度的文件"), "{said}");
    // With it, the carried-over figure that differs is found.
    let o = check(true);
    assert_eq!(o.stdout.matches("XYEAR-CARRY").count(), 2, "{}", o.stdout);
    assert!(!o.stdout.contains("PREV"), "{}", o.stdout);
    // A file sent under the old name is the unit's, said so.
    std::fs::write(
        now.join("交通运输局.yaml"),
        this_year.replace("机关: 某市某区交通运输局", "机关: 某市某县交通运输局"),
    )
    .unwrap();
    let o = check(true);
    assert!(
        o.stdout
            .contains("写的是曾用名，名单中为“某市某区交通运输局”")
            || o.stderr
                .contains("写的是曾用名，名单中为“某市某区交通运输局”"),
        "{}{}",
        o.stdout,
        o.stderr
    );
    assert!(o.stderr.contains("0 个未报送") || o.stdout.contains("0 个未报送"));
}

/// A roster's 机关类型 column stands in for a file that declares none
/// (issue 61.3): the deadline is the declared kind's, and the finding
/// says where the kind came from.
#[test]
fn the_rosters_kind_decides_when_the_file_declares_none() {
    let dir = TempDir::new("office-kind");
    let input = dir.path("收件");
    std::fs::create_dir_all(&input).unwrap();
    let quiet = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/quiet/kind-government.yaml"),
    )
    .unwrap();
    // The same report without its own declaration, dated 2025-03-20.
    let undeclared = quiet.replace("机关类型: 政府\n", "");
    std::fs::write(input.join("片区.yaml"), &undeclared).unwrap();
    let list = dir.path("名单.csv");
    let check = |roster: &str| {
        std::fs::write(&list, roster).unwrap();
        run(nianbao()
            .args(["check", "--format", "json"])
            .arg(&input)
            .arg("--roster")
            .arg(&list))
        .stdout
    };
    let by_name = check("单位名称\n某市某某片区综合管理局\n");
    assert!(by_name.contains("DEADLINE"), "{by_name}");
    assert!(by_name.contains("按机关名称判断为政府部门"), "{by_name}");
    let by_roster = check("单位名称,机关类型\n某市某某片区综合管理局,政府\n");
    assert!(!by_roster.contains("DEADLINE"), "{by_roster}");
    let gov = undeclared.replace(
        "机关: 某市某某片区综合管理局",
        "机关: 某市某区人民政府办公室",
    );
    std::fs::write(input.join("片区.yaml"), gov).unwrap();
    let dept = check("单位名称,机关类型\n某市某区人民政府办公室,部门\n");
    assert!(dept.contains("按汇总名单中的机关类型“部门”判断"), "{dept}");
    assert!(!dept.contains("ASSESSMENT"), "{dept}");
}
