//! `nianbao check` on the real binary: one fixture per rule, the seed
//! fixtures, the examples and hostile input.

use nianbao::slice::Slice;

use crate::common;

use std::collections::BTreeSet;
use std::path::Path;
use std::time::{Duration, Instant};

use common::{TempDir, nianbao, run};
use serde_json::Value;

/// `(code, line, column)` of every error and warning in a JSON report.
fn found(json: &Value) -> BTreeSet<(String, u64, u64)> {
    json["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] != "info")
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap_or(0),
                d["column"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

/// The `# expect: CODE LINE:COL` lines of a fixture.
fn expected(text: &str) -> BTreeSet<(String, u64, u64)> {
    text.lines()
        .filter_map(|l| l.strip_prefix("# expect: "))
        .map(|e| {
            let (code, pos) = e.split_once(' ').unwrap();
            let (l, c) = pos.split_once(':').unwrap();
            (code.to_string(), l.parse().unwrap(), c.parse().unwrap())
        })
        .collect()
}

fn check_json(path: &Path) -> (i32, Value) {
    let out = run(nianbao().arg("check").arg("--format").arg("json").arg(path));
    let mut json: Value = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("{}: not JSON ({e}): {}", path.display(), out.stdout));
    let mut code = out.code;
    if !installed_cjk_faces() {
        // Traditional forms the bundled faces lack (內 為 況) come from an
        // installed CJK face (CI installs fonts-noto-cjk): without one the
        // check rightly says GLYPH, which these tests do not look at.
        if let Some(list) = json["files"][0]["diagnostics"].as_array_mut() {
            list.retain(|d| d["code"] != "GLYPH");
        }
        if json["errors"] == 0 {
            code = 0;
        }
    }
    (code, json)
}

/// Whether the machine has a CJK face installed (`fc-list :lang=zh`);
/// under CI it must (`.ci/run` installs fonts-noto-cjk).
fn installed_cjk_faces() -> bool {
    static INSTALLED: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *INSTALLED.get_or_init(|| {
        let found = std::process::Command::new("fc-list")
            .arg(":lang=zh")
            .output()
            .is_ok_and(|o| !o.stdout.is_empty());
        assert!(
            found || std::env::var_os("CI").is_none(),
            "no CJK face installed under CI: install fonts-noto-cjk"
        );
        if !found {
            eprintln!("skipping GLYPH findings: no CJK face installed (fonts-noto-cjk)");
        }
        found
    })
}

/// `text` with the current year of `YEAR`'s "not over yet" message
/// written as `XXXX`, so that a snapshot does not change with the clock.
fn without_this_year(text: &str) -> String {
    const MARK: &str = "今年是 ";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(MARK) {
        let after = rest.slice_from(i + MARK.len());
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        out.push_str(rest.slice_to(i + MARK.len()));
        out.push_str(if digits == 4 {
            "XXXX"
        } else {
            after.slice_to(digits)
        });
        rest = after.slice_from(digits);
    }
    out.push_str(rest);
    out
}

/// Compares `got`, this year masked, with the snapshot file `snap`, or
/// rewrites it when `NIANBAO_BLESS` is set.
fn assert_snapshot(snap: &Path, got: &str) {
    common::golden(snap, &without_this_year(got));
}

/// Each fixture in `tests/fixtures/rules` raises exactly the codes at the
/// places its `# expect:` lines name, and prints exactly the diagnostics of
/// its snapshot (`<name>.snap` beside it: the human rendering without
/// colour), so that message text is checked too.
#[test]
fn every_rule_fixture_fails_with_its_code_at_its_place() {
    let dir = Path::new("tests/fixtures/rules");
    let mut covered = BTreeSet::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    entries.sort();
    assert!(entries.len() >= 25, "fixtures missing");
    for path in entries {
        // Read leniently: the ENCODING fixture is not UTF-8.
        let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        let want = expected(&text);
        assert!(!want.is_empty(), "{} has no expectations", path.display());
        let (code, json) = check_json(&path);
        let got = found(&json);
        assert_eq!(got, want, "{}", path.display());
        let has_error = json["errors"].as_u64().unwrap() > 0;
        assert_eq!(code, if has_error { 1 } else { 0 }, "{}", path.display());
        covered.extend(want.into_iter().map(|(c, _, _)| c));
        let human = run(nianbao().arg("check").arg(&path));
        if human.stdout.contains("GLYPH") && !installed_cjk_faces() {
            continue; // the snapshot was taken with a CJK face installed
        }
        assert_snapshot(&path.with_extension("snap"), &human.stdout);
    }
    // Every code a data file can raise has a fixture; the others are
    // covered where the registry says.
    for rule in nianbao::diag::codes::REGISTRY {
        if rule.coverage == nianbao::diag::codes::Coverage::DataFile {
            assert!(
                covered.contains(rule.code.as_str()),
                "no fixture for {}",
                rule.code
            );
        }
    }
}

/// No snapshot is left without its fixture.
#[test]
fn every_rule_snapshot_has_its_fixture() {
    for entry in std::fs::read_dir("tests/fixtures/rules").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "snap") {
            assert!(
                path.with_extension("yaml").exists(),
                "{} has no fixture",
                path.display()
            );
        }
    }
}

#[test]
fn examples_are_valid() {
    let mut cmd = nianbao();
    cmd.arg("check");
    for e in [
        "zibo-zhangdian-traffic-2024",
        "zibo-yiyuan-traffic-2020",
        "zhangdian-transport-2020",
    ] {
        cmd.arg(format!("examples/{e}.yaml"));
    }
    let out = run(&mut cmd);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(out.stdout.contains("检查通过"), "{}", out.stdout);
}

#[test]
fn seed_000_fails_its_row_totals_and_balance() {
    let (code, json) = check_json(Path::new("tests/fixtures/seeds/seed-000-2020.yaml"));
    assert_eq!(code, 1);
    let diags = json["files"][0]["diagnostics"].as_array().unwrap();
    let paths = |code: &str| -> Vec<String> {
        diags
            .iter()
            .filter(|d| d["code"] == code)
            .map(|d| d["path"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        paths("T3-ROWSUM"),
        [
            "依申请公开.办理结果.予以公开[6]",
            "依申请公开.办理结果.其他处理[6]"
        ]
    );
    // More decided (2) than received (0): the results row is blamed.
    assert_eq!(paths("T3-BAL"), ["依申请公开.办理结果.总计[6]"]);
    assert!(paths("T3-RESULTSUM").is_empty());
    // Section 二's blank cells (four rows) and the purchase amount without unit.
    assert_eq!(paths("CELL-EMPTY").len(), 4);
    assert_eq!(paths("UNIT"), ["主动公开.政府集中采购.采购总金额"]);
}

#[test]
fn seed_002_names_each_missing_row_and_proves_the_imbalance() {
    let (code, json) = check_json(Path::new("tests/fixtures/seeds/seed-002-2020.yaml"));
    assert_eq!(code, 1);
    let diags = json["files"][0]["diagnostics"].as_array().unwrap();
    let missing: Vec<&str> = diags
        .iter()
        .filter(|d| d["code"] == "KEY-MISSING")
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    let all = missing.join("\n");
    for row in [
        "5.属于三类内部事务信息",
        "6.属于四类过程性信息",
        "7.属于行政执法案卷",
        "8.属于行政查询事项",
        "1.本机关不掌握相关政府信息",
        "3.补正后申请内容仍不明确",
        "1.信访举报投诉类申请",
        "5.要求行政机关确认或重新出具已获取信息",
        "（六）其他处理",
        "四、结转下年度继续办理",
        "复议诉讼",
    ] {
        assert!(all.contains(row), "{row} not reported missing:\n{all}");
    }
    let bal: Vec<_> = diags.iter().filter(|d| d["code"] == "T3-BAL").collect();
    assert_eq!(bal.len(), 2, "自然人 and 总计 columns");
    assert!(bal.iter().all(|d| {
        d["path"]
            .as_str()
            .unwrap()
            .starts_with("依申请公开.办理结果.予以公开")
    }));
}

#[test]
fn human_output_is_rustc_like() {
    let out = run(nianbao()
        .arg("check")
        .arg("tests/fixtures/rules/t3-rowsum.yaml"));
    assert_eq!(out.code, 1);
    let e = &out.stdout;
    assert!(
        e.contains(&format!("{}：", common::headline("错误", "T3-ROWSUM"))),
        "{e}"
    );
    assert!(
        e.contains("--> tests/fixtures/rules/t3-rowsum.yaml:21:30"),
        "{e}"
    );
    assert!(e.contains("^ 应为 3"), "{e}");
    assert!(
        e.contains("单元格：三、本年度办理结果 / （一）予以公开 / 总计"),
        "{e}"
    );
    assert!(e.contains("检查未通过"), "{e}");
}

#[test]
fn json_output_has_the_documented_shape() {
    let (_, json) = check_json(Path::new("tests/fixtures/rules/t4-sum.yaml"));
    assert_eq!(json["errors"], 1);
    assert_eq!(json["warnings"], 0);
    let d = &json["files"][0]["diagnostics"][0];
    assert_eq!(d["severity"], "error");
    assert_eq!(d["code"], "T4-SUM");
    assert_eq!(d["line"], 48);
    assert_eq!(d["column"], 22);
    assert_eq!(d["path"], "复议诉讼.行政复议[4]");
    assert!(d["message"].as_str().unwrap().contains("行政复议"));
    assert_eq!(json["files"][0]["file"], "tests/fixtures/rules/t4-sum.yaml");
}

#[test]
fn prev_flag_enables_cross_year_checks() {
    let out = run(nianbao()
        .args(["check", "--format", "json", "--prev"])
        .arg("tests/fixtures/rules/prev/xyear-2023.yaml")
        .arg("tests/fixtures/rules/t4-sum.yaml"));
    let json: Value = serde_json::from_str(&out.stdout).unwrap();
    let codes: Vec<&str> = json["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"XYEAR-CARRY"), "{codes:?}");
}

/// Hostile and broken input: a located message, the right exit code, no
/// panic and no hang.
#[test]
fn bad_input_is_reported_not_crashed_on() {
    let dir_tmp = TempDir::new("bad-input");
    let dir = dir_tmp.0.clone();
    let cases: Vec<(&str, Vec<u8>, i32, &str)> = vec![
        (
            "malformed.yaml",
            b"a: [1, 2\nb: }\n".to_vec(),
            1,
            " YAML）：",
        ),
        (
            "binary.yaml",
            vec![0x7f, b'E', b'L', b'F', 0, 1, 2, 3],
            1,
            " ENCODING）：",
        ),
        (
            "gbk.yaml",
            b"\xbb\xfa\xb9\xd8: \xc4\xb3\xbe\xd6\n".to_vec(),
            1,
            "GBK",
        ),
        (
            "deep.yaml",
            "[".repeat(100_000).into_bytes(),
            1,
            " YAML）：",
        ),
        (
            "deepmap.yaml",
            "a: {".repeat(50_000).into_bytes(),
            1,
            " YAML）：",
        ),
        ("empty.yaml", Vec::new(), 1, "数据文件是空的"),
        ("list.yaml", b"- 1\n- 2\n".to_vec(), 1, "顶层应为映射"),
        (
            "huge-number.yaml",
            std::fs::read_to_string("tests/fixtures/rules/num-range.yaml")
                .unwrap()
                .into_bytes(),
            1,
            " NUM-RANGE）：",
        ),
    ];
    for (name, bytes, code, needle) in cases {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        let start = Instant::now();
        let out = run(nianbao().arg("check").arg(&path));
        assert!(start.elapsed() < Duration::from_secs(10), "{name} too slow");
        assert_eq!(out.code, code, "{name}: {}", out.stdout);
        assert!(out.stdout.contains(needle), "{name}: {}", out.stdout);
        assert!(
            out.stdout.contains(name),
            "{name} not named: {}",
            out.stdout
        );
        assert!(!out.stderr.contains("panicked"), "{name}: {}", out.stderr);
    }

    // A 10 MB narrative is read and checked.
    let example = std::fs::read_to_string("examples/zibo-zhangdian-traffic-2024.yaml").unwrap();
    let big = example.replacen(
        "问题及改进: |\n",
        &format!("问题及改进: |\n  {}\n", "很长的正文。".repeat(600_000)),
        1,
    );
    assert!(big.len() > 10_000_000);
    let path = dir.join("big.yaml");
    std::fs::write(&path, big).unwrap();
    let start = Instant::now();
    let out = run(nianbao().arg("check").arg(&path));
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "10 MB narrative too slow"
    );
    assert_eq!(out.code, 0, "{}", out.stderr);

    // A missing file and a directory are exit 2, named.
    let out = run(nianbao().arg("check").arg(dir.join("missing.yaml")));
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("missing.yaml") && out.stderr.contains("文件不存在"),
        "{}",
        out.stderr
    );
    // A directory is checked file by file (issue 18): its broken files
    // make it exit 1, and the summary table lists them.
    let out = run(nianbao().arg("check").arg(&dir));
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stdout.contains("待填格数"), "{}", out.stdout);
    // Usage errors are exit 2.
    let out = run(nianbao().args(["check", "--format", "xml", "a.yaml"]));
    assert_eq!(out.code, 2);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn diagnostics_point_at_every_place_they_involve() {
    // XYEAR-CARRY points into last year's file.
    let o = run(nianbao().args([
        "check",
        "--format",
        "json",
        "tests/fixtures/rules/xyear-carry.yaml",
    ]));
    let v: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    let carry = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "XYEAR-CARRY")
        .unwrap();
    let related = &carry["related"][0];
    assert!(
        related["file"]
            .as_str()
            .unwrap()
            .ends_with("xyear-2023.yaml")
    );
    assert!(related["line"].as_u64().unwrap() > 0);
    assert_eq!(related["path"], "依申请公开.结转下年度继续办理[0]");
    // T3-BAL names the other rows of the balance, T3-ROWSUM the parts.
    let o = run(nianbao().args([
        "check",
        "--format",
        "json",
        "tests/fixtures/rules/t3-bal.yaml",
    ]));
    let v: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    let bal = &v["files"][0]["diagnostics"][0];
    assert_eq!(bal["code"], "T3-BAL");
    let paths: Vec<&str> = bal["related"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "依申请公开.本年新收[0]",
            "依申请公开.上年结转[0]",
            "依申请公开.办理结果.总计[0]"
        ]
    );
    let o = run(nianbao().args(["check", "tests/fixtures/rules/t3-rowsum.yaml"]));
    assert!(o.stdout.contains("- 自然人 2；商业企业 1"), "{}", o.stdout);
}

/// Correct reports that rules once flagged: every file in
/// `tests/fixtures/quiet/` checks clean, without a warning.
#[test]
fn correct_reports_stay_quiet() {
    let mut entries: Vec<_> = std::fs::read_dir("tests/fixtures/quiet")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    entries.sort();
    assert!(entries.len() >= 8, "quiet fixtures missing");
    for path in entries {
        let (code, json) = check_json(&path);
        assert_eq!(
            json["files"][0]["diagnostics"],
            serde_json::json!([]),
            "{}",
            path.display()
        );
        assert_eq!(code, 0, "{}", path.display());
    }
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    // `nianbao check DIR | head -1`: the reader goes away after one line.
    // The rest of the output is dropped without a panic or an error
    // message, and the exit status still says the data has errors.
    let tmp = TempDir::new("pipe");
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules/cell-empty.yaml"),
    )
    .unwrap();
    for i in 0..200 {
        std::fs::write(tmp.path(&format!("r{i:03}.yaml")), &text).unwrap();
    }
    for format in ["human", "short", "json", "csv"] {
        let mut child = nianbao()
            .args(["check", "--format", format])
            .arg(&tmp.0)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let mut first = [0u8; 1];
        use std::io::Read;
        let _ = stdout.read(&mut first);
        drop(stdout);
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{format}: {stderr}");
        assert!(!stderr.contains("错误"), "{format}: {stderr}");
        assert_eq!(out.status.code(), Some(1), "{format}: {stderr}");
    }
}

#[test]
fn explain_prints_a_code_in_chinese() {
    let out = run(nianbao().args(["explain", "T3-BAL"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .starts_with("T3-BAL：表三：第一项加第二项之和等于第三项加第四项之和（逐列）"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("\n级别：错误 / 警告\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("\n部分：第三部分 收到和处理政府信息公开申请情况\n"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("结转下年度继续办理"), "{}", out.stdout);
    // Case and `_` do not matter.
    let lower = run(nianbao().args(["explain", "t3_bal"]));
    assert_eq!(lower.stdout, out.stdout);
}

/// `explain --claims` shows what each sentence was read to say: the counts
/// bound to their cells with the table's value, a figure of other work
/// read as no table's, a denial of this year; the JSON form carries the
/// same; a file that is not a data file is an input error.
#[test]
fn explain_claims_shows_what_each_sentence_was_read_to_say() {
    let dir = TempDir::new("explain-claims");
    let example = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/zibo-zhangdian-traffic-2024.yaml"
    ))
    .unwrap();
    let file = dir.path("2024.yaml");
    std::fs::write(&file, example).unwrap();
    let out = run(nianbao().arg("explain").arg("--claims").arg(&file));
    assert_eq!(out.code, 0, "{}", out.stderr);
    for line in [
        "数字：6件 → 表三“一、本年新收”总计（依申请公开.本年新收.总计，表格为 6）",
        "数字：1件 → 表三“四、结转下年度继续办理”总计（依申请公开.结转下年度继续办理.总计，表格为 1）",
        "数字：21件（未读作申请件数：表二、表四的数字和比例另行核对，此处不列）",
        "年份：2024年",
    ] {
        assert!(out.stdout.contains(line), "{line}\n{}", out.stdout);
    }
    // Another agency as the subject of the report's work, placed by the map.
    let neighbour = run(nianbao().arg("explain").arg("--claims").arg(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/rules/text-agency-neighbour.yaml"
    )));
    for line in [
        "主语（做报告中工作的机关）：临淄区交通运输局（另一个机关：TEXT-AGENCY 报告）",
        "第 2 句：根据淄博市交通运输局的要求",
    ] {
        assert!(
            neighbour.stdout.contains(line),
            "{line}\n{}",
            neighbour.stdout
        );
    }
    let json = run(nianbao()
        .arg("explain")
        .arg("--claims")
        .arg(&file)
        .args(["--format", "json"]));
    assert_eq!(json.code, 0, "{}", json.stderr);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let received = v["texts"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|t| t["sentences"].as_array().unwrap())
        .flat_map(|s| s["figures"].as_array().unwrap())
        .find(|f| f["cell"] == "依申请公开.本年新收.总计")
        .expect("the received count");
    assert_eq!(received["table"], 6);
    assert_eq!(received["text"], "6件");
    let bad = dir.path("bad.yaml");
    std::fs::write(&bad, "- 不是数据文件\n").unwrap();
    let out = run(nianbao().arg("explain").arg("--claims").arg(&bad));
    assert_ne!(out.code, 0);
    assert!(out.stderr.contains("bad.yaml"), "{}", out.stderr);
}

#[test]
fn explain_of_an_unknown_code_is_a_usage_error_with_near_codes() {
    let out = run(nianbao().args(["explain", "T3"]));
    assert_eq!(out.code, 2);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    assert!(
        out.stderr.contains("没有“T3”这个诊断代码"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("T3-BAL、T3-ROWSUM、T3-RESULTSUM"),
        "{}",
        out.stderr
    );
    let out = run(nianbao().args(["explain", "T4-SUMM"]));
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("是不是 T4-SUM？"), "{}", out.stderr);
}

#[test]
fn explain_alone_lists_every_code_with_its_summary() {
    let out = run(nianbao().arg("explain"));
    assert_eq!(out.code, 0, "{}", out.stderr);
    for rule in nianbao::diag::codes::REGISTRY {
        let line = out
            .stdout
            .lines()
            .find(|l| l.split_whitespace().next() == Some(rule.code.as_str()))
            .unwrap_or_else(|| panic!("{} not listed:\n{}", rule.code, out.stdout));
        assert!(line.ends_with(rule.summary), "{line}");
    }
}

/// Every path a diagnostic carries, and every path of its related places,
/// names a grid cell or a field (`model::path::resolve`), over every rule,
/// quiet and seed fixture and the examples. A `KEY-UNKNOWN` names a key the
/// format does not have, so its own path cannot resolve.
#[test]
fn every_diagnostic_path_resolves() {
    use nianbao::diag::codes;
    use nianbao::model::{Edition, path};
    let mut files = Vec::new();
    for dir in [
        "tests/fixtures/rules",
        "tests/fixtures/quiet",
        "tests/fixtures/seeds",
        "examples",
    ] {
        for entry in std::fs::read_dir(dir).unwrap() {
            let p = entry.unwrap().path();
            if p.extension().is_some_and(|e| e == "yaml") {
                files.push(p);
            }
        }
    }
    files.sort();
    let mut seen = 0;
    let mut unresolved = BTreeSet::new();
    for file in files {
        let checked = nianbao::check::check_path(&file, None).unwrap();
        let own = checked.report.as_ref().map(|r| r.edition());
        let resolves = |p: &str, edition: Option<Edition>| match edition {
            Some(ed) => path::resolve(ed, p).is_some(),
            None => [Edition::E2019, Edition::E2021]
                .iter()
                .any(|&ed| path::resolve(ed, p).is_some()),
        };
        for d in &checked.diagnostics {
            if let Some(p) = &d.path
                && d.code != codes::KEY_UNKNOWN
            {
                seen += 1;
                if !resolves(p, own) {
                    unresolved.insert(format!("{}: {} path {p}", file.display(), d.code));
                }
            }
            for r in &d.related {
                let Some(p) = &r.path else { continue };
                // A place in last year's file: that file's edition.
                let edition = if r.file.is_some() { None } else { own };
                seen += 1;
                if !resolves(p, edition) {
                    unresolved.insert(format!("{}: {} related {p}", file.display(), d.code));
                }
            }
        }
    }
    assert!(unresolved.is_empty(), "{unresolved:#?}");
    assert!(seen > 100, "only {seen} paths checked");
}
