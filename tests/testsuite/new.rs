//! `nianbao new`, run as a real binary.

use crate::common;

use common::{TempDir, run_in as nianbao, stderr};

use std::path::{Path, PathBuf};

use nianbao::model::official::{self, T3Role};
use nianbao::model::{Edition, Report};

const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/zibo-zhangdian-traffic-2024.yaml"
);

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/new")
        .join(name)
}

fn load(path: &Path) -> (Report, Vec<nianbao::diag::Diagnostic>) {
    let loaded = nianbao::load::load_path(path).expect("readable");
    (
        loaded.report.expect("loads as a report"),
        loaded.diagnostics,
    )
}

/// `check --format json` on `file`: exit code and the diagnostics' codes.
fn check_codes(file: &Path, dir: &Path, extra: &[&str]) -> (i32, Vec<String>) {
    let mut args = vec!["check", "--format", "json"];
    args.extend_from_slice(extra);
    let f = file.to_str().unwrap();
    args.push(f);
    let o = nianbao(&args, dir);
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let codes = doc["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    (o.status.code().unwrap(), codes)
}

fn contact(r: &Report) -> Vec<Option<String>> {
    let c = &r.contact;
    [&c.address, &c.postcode, &c.phone, &c.email]
        .iter()
        .map(|v| v.as_ref().map(|v| v.value.clone()))
        .collect()
}

fn row_values(report: &Report, role: T3Role) -> Vec<Option<u64>> {
    let ed = report.edition();
    report.table3.rows[official::t3_index(ed, role)]
        .cells
        .iter()
        .map(|c| c.as_ref().map(|c| c.value))
        .collect()
}

#[test]
fn rolling_the_example_forward_carries_the_open_requests() {
    let tmp = TempDir::new("new-roll");
    let src = tmp.path("zibo-2024.yaml");
    std::fs::copy(EXAMPLE, &src).unwrap();
    let o = nianbao(&["new", "--from", "zibo-2024.yaml"], &tmp.0);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = tmp.path("zibo-2025.yaml");
    assert!(out.is_file(), "default output next to the source");

    let (prev, _) = load(&src);
    let (next, _) = load(&out);
    assert_eq!(next.year.value, 2025);
    assert_eq!(next.edition(), Edition::E2021);
    assert_eq!(next.agency.value, prev.agency.value);
    assert_eq!(contact(&next), contact(&prev));
    assert_eq!(next.date, None);
    assert_eq!(next.previous.as_ref().unwrap().value, "zibo-2024.yaml");
    assert_eq!(
        row_values(&next, T3Role::CarriedIn),
        row_values(&prev, T3Role::CarriedOut)
    );
    assert!(
        row_values(&next, T3Role::Received)
            .iter()
            .all(Option::is_none)
    );

    // `check` lists what is left to fill in: errors, one per row, and the
    // carried-over figures agree with last year.
    let (code, codes) = check_codes(&out, &tmp.0, &[]);
    assert_eq!(code, 1);
    let empty = codes.iter().filter(|c| *c == "CELL-EMPTY").count();
    assert!(empty >= 25, "{codes:?}");
    // Last year's text is carried (issue 60.1): a finding per paragraph,
    // and COPY for those the same as last year's.
    let carried = codes.iter().filter(|c| *c == "TEXT-CARRIED").count();
    assert_eq!(carried, 9, "{codes:?}");
    let rest = codes
        .iter()
        .filter(|c| *c != "TEXT-CARRIED" && *c != "COPY")
        .count();
    assert!(rest <= 40, "{rest} diagnostics: {codes:?}");
    assert!(!codes.iter().any(|c| c == "XYEAR-CARRY" || c == "PREV"));
}

#[test]
fn the_filled_fixture_passes_check_including_the_cross_year_rules() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let filled = fixture("filled-2025.yaml");
    let (code, codes) = check_codes(&filled, dir, &[]);
    assert_eq!((code, codes.as_slice()), (0, &[][..]));
    let (report, _) = load(&filled);
    assert_eq!(
        report.previous.as_ref().unwrap().value,
        "../../../examples/zibo-zhangdian-traffic-2024.yaml"
    );

    // The cross-year rule does run: a wrong 上年结转 is caught.
    let tmp = TempDir::new("new-carry");
    let text = std::fs::read_to_string(&filled).unwrap().replace(
        "上年结转: [1, 0, 0, 0, 0, 0]",
        "上年结转: [2, 0, 0, 0, 0, 0]",
    );
    let wrong = tmp.path("wrong.yaml");
    std::fs::write(&wrong, text).unwrap();
    let (_, codes) = check_codes(&wrong, dir, &["--prev", EXAMPLE]);
    assert!(codes.iter().any(|c| c == "XYEAR-CARRY"), "{codes:?}");
}

#[test]
fn a_2019_edition_file_rolls_forward_to_a_2021_skeleton() {
    let tmp = TempDir::new("new-e2019");
    let src = fixture("small-2020.yaml");
    let out = tmp.path("next.yaml");
    let o = nianbao(
        &[
            "new",
            "--from",
            src.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        &tmp.0,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let (prev, _) = load(&src);
    let (next, diagnostics) = load(&out);
    assert_eq!(prev.edition(), Edition::E2019);
    assert_eq!(next.edition(), Edition::E2021);
    assert_eq!(next.year.value, 2021);
    assert_eq!(next.table3.rows.len(), official::T3_2021.len());
    assert_eq!(
        row_values(&next, T3Role::CarriedIn),
        row_values(&prev, T3Role::CarriedOut)
    );
    assert!(next.fee.is_some(), "the 2021 format has the fee item");
    // Only empty cells and unwritten text; nothing structural.
    for d in &diagnostics {
        assert!(
            d.code.as_str() == "CELL-EMPTY" || d.code.as_str() == "KEY-MISSING",
            "{d:?}"
        );
        assert!(!d.message.starts_with("缺少"), "{d:?}");
    }
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("格式: 2021\n"));
    assert!(text.contains("没有现行有效件数"), "{text}");
    // 上年数据 is relative to the output file's directory and resolves.
    let rel = next.previous.as_ref().unwrap().value.clone();
    assert!(!Path::new(&rel).is_absolute(), "{rel}");
    assert_eq!(
        tmp.0.join(&rel).canonicalize().unwrap(),
        src.canonicalize().unwrap()
    );
    let (_, codes) = check_codes(&out, &tmp.0, &[]);
    assert!(
        !codes.iter().any(|c| c == "PREV" || c == "XYEAR-CARRY"),
        "{codes:?}"
    );
}

#[test]
fn an_existing_file_is_only_replaced_with_force() {
    let tmp = TempDir::new("new-force");
    let out = tmp.path("2025.yaml");
    std::fs::write(&out, "keep me").unwrap();
    let o = nianbao(&["new", "--from", EXAMPLE, "-o", "2025.yaml"], &tmp.0);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("已存在"), "{}", stderr(&o));
    assert!(stderr(&o).contains("--force"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");

    let o = nianbao(
        &["new", "--from", EXAMPLE, "-o", "2025.yaml", "--force"],
        &tmp.0,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .contains("年度: 2025")
    );

    // A blank file is named after the agency and year (issue 33.5).
    std::fs::write(tmp.path("某局-2025.yaml"), "keep me").unwrap();
    let o = nianbao(&["new", "--year", "2025", "--agency", "某局"], &tmp.0);
    assert_eq!(o.status.code(), Some(2), "blank refuses too");
    assert_eq!(
        std::fs::read_to_string(tmp.path("某局-2025.yaml")).unwrap(),
        "keep me"
    );
    // Never the source itself, even with --force.
    let src = tmp.path("2024.yaml");
    std::fs::copy(EXAMPLE, &src).unwrap();
    let o = nianbao(
        &["new", "--from", "2024.yaml", "-o", "2024.yaml", "--force"],
        &tmp.0,
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        std::fs::read(&src).unwrap(),
        std::fs::read(EXAMPLE).unwrap()
    );
}

#[test]
fn unreadable_sources_write_nothing() {
    let tmp = TempDir::new("new-bad");
    std::fs::write(tmp.path("bad.yaml"), "a: [\n").unwrap();
    let o = nianbao(&["new", "--from", "bad.yaml"], &tmp.0);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("bad.yaml"), "{}", stderr(&o));
    assert!(stderr(&o).contains("YAML"));
    let o = nianbao(&["new", "--from", "missing.yaml"], &tmp.0);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("missing.yaml"));
    let names: Vec<_> = std::fs::read_dir(&tmp.0).unwrap().collect();
    assert_eq!(names.len(), 1, "only bad.yaml");

    // A source with validation errors still rolls forward, with a warning.
    let text = std::fs::read_to_string(EXAMPLE).unwrap().replace(
        "本年新收: [6, 0, 0, 0, 0, 0, 6]",
        "本年新收: [7, 0, 0, 0, 0, 0, 6]",
    );
    std::fs::write(tmp.path("2024.yaml"), text).unwrap();
    let o = nianbao(&["new", "--from", "2024.yaml"], &tmp.0);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("警告"), "{}", stderr(&o));
    assert!(tmp.path("2025.yaml").is_file());
}

#[test]
fn blank_files_load_with_every_key_present() {
    let tmp = TempDir::new("new-blank");
    for (year, ed) in [("2025", Edition::E2021), ("2020", Edition::E2019)] {
        let o = nianbao(&["new", "--year", year, "--agency", "某市某局"], &tmp.0);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        // Named after the agency, so that twenty attachments differ.
        let out = tmp.path(&format!("某市某局-{year}.yaml"));
        let (report, diagnostics) = load(&out);
        assert_eq!(report.edition(), ed);
        assert_eq!(report.agency.value, "某市某局");
        assert_eq!(report.year.value.to_string(), year);
        for d in &diagnostics {
            // Empty, never missing or unknown.
            assert!(
                matches!(d.code.as_str(), "CELL-EMPTY" | "KEY-MISSING"),
                "{d:?}"
            );
            assert!(!d.message.starts_with("缺少"), "{d:?}");
        }
        let rows = official::t3_rows(ed).len() - 1; // all but the optional 总计
        let empty_rows = diagnostics
            .iter()
            .filter(|d| {
                d.path
                    .as_deref()
                    .is_some_and(|p| p.starts_with("依申请公开"))
            })
            .count();
        assert_eq!(empty_rows, rows);
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.contains("# 二、上年结转政府信息公开申请数量：[自然人"));
        assert!(text.contains(&format!("格式: {}\n", ed.year())));
    }
    let o = nianbao(&["new", "--year", "2025"], &tmp.0);
    assert_eq!(o.status.code(), Some(2), "--agency is required");
    let o = nianbao(&["new", "--year", "1999", "--agency", "某局"], &tmp.0);
    assert_eq!(o.status.code(), Some(2));
}

/// `new --from` last year's published Word file, straight to this year's
/// workbook (issue 40.7): last year's data file is imported beside it, this
/// year's workbook made from that, and a second run never replaces either.
#[test]
fn a_published_report_becomes_next_years_workbook() {
    let dir = TempDir::new("new-from-docx");
    let source =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/blanks-2021.docx");
    std::fs::copy(source, dir.0.join("2024年报.docx")).unwrap();
    let o = nianbao(
        &["new", "--from", "2024年报.docx", "--format", "xlsx"],
        &dir.0,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let (last, _) = load(&dir.0.join("2024年报.yaml"));
    assert_eq!(last.year.value, 2024);
    let (this, _) = load(&dir.0.join("2025年报.xlsx"));
    assert_eq!(this.year.value, 2025);
    assert_eq!(this.agency.value, last.agency.value);
    let again = nianbao(
        &["new", "--from", "2024年报.docx", "--format", "xlsx"],
        &dir.0,
    );
    assert_eq!(again.status.code(), Some(2));
    assert!(
        stderr(&again).contains("2024年报.yaml 已经存在"),
        "{}",
        stderr(&again)
    );
}

/// The diagnostics of `check --format json` on `file` with `code`.
fn findings_of(file: &Path, dir: &Path, code: &str) -> Vec<serde_json::Value> {
    let o = nianbao(&["check", "--format", "json", file.to_str().unwrap()], dir);
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    doc["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == code)
        .cloned()
        .collect()
}

/// Issue 60.1: last year's narrative comes along paragraph by paragraph,
/// its figures bound to their cells where they stand for one, each
/// paragraph marked 沿用上年 until it is edited or confirmed; 五 stays as a
/// quoted reference; `--blank-text` is the blank start.
#[test]
fn last_years_text_is_carried_and_marked_until_edited_or_confirmed() {
    let tmp = TempDir::new("new-carry-text");
    // Last year's report with its figures typed out, as a clerk writes.
    let text = std::fs::read_to_string(EXAMPLE)
        .unwrap()
        .replace("{{ 依申请公开.本年新收.总计 }}", "6")
        .replace("{{ 依申请公开.上年结转.总计 }}", "1");
    std::fs::write(tmp.path("zibo-2024.yaml"), &text).unwrap();
    let o = nianbao(&["new", "--from", "zibo-2024.yaml"], &tmp.0);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("沿用了上年报告的 9 段"),
        "{}",
        stderr(&o)
    );
    let out = tmp.path("zibo-2025.yaml");
    let (next, _) = load(&out);
    let overview = &next.overview.value;
    // Same headings, same paragraphs; figures of the tables bound.
    assert!(
        overview.contains("### （二）依申请公开\n\n依申请公开实行"),
        "{overview}"
    );
    assert!(
        overview.contains("本年共收到政府信息公开申请{{ 依申请公开.本年新收.总计 }}件，上年结转{{ 依申请公开.上年结转.总计 }}件"),
        "{overview}"
    );
    // A figure of other work stays as typed, and is named as last year's.
    assert!(overview.contains("法定主动公开内容84条"), "{overview}");
    // 五 is a reference, not this year's text.
    assert!(!next.problems.value.contains("一是主动公开的内容"));
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(
        written.contains("#   > 一是主动公开的内容") || written.contains("# > 一是主动公开的内容"),
        "{written}"
    );
    assert!(written.contains("\n沿用上年:\n  - 总体情况 "), "{written}");

    let carried = findings_of(&out, &tmp.0, "TEXT-CARRIED");
    assert_eq!(carried.len(), 9, "{carried:#?}");
    assert!(carried.iter().all(|d| d["severity"] == "warning"));
    let second = &carried[1];
    assert_eq!(second["path"], "总体情况");
    assert!(
        second["message"]
            .as_str()
            .unwrap()
            .contains("总体情况第 2 段沿用上年报告")
    );
    assert!(
        second["message"]
            .as_str()
            .unwrap()
            .contains("段中直接写出的数字 84条、3400余条 是上年的"),
        "{second:#?}"
    );
    // Each such figure is marked on its own too (沿用数字).
    assert!(
        written.contains("\n沿用数字:\n  - 总体情况 84条 "),
        "{written}"
    );
    // Unchanged paragraphs keep COPY.
    assert!(!findings_of(&out, &tmp.0, "COPY").is_empty());

    // Edited (one figure changed): the paragraph's mark lapses, its other
    // figure (3400余条) is marked on its own. Confirmed (the lines of 六's
    // paragraphs and figures deleted): those go too.
    let edited = written.replace("法定主动公开内容84条", "法定主动公开内容91条");
    std::fs::write(&out, &edited).unwrap();
    let after = findings_of(&out, &tmp.0, "TEXT-CARRIED");
    assert_eq!(after.len(), 9, "{after:#?}");
    assert!(
        after.iter().any(|d| d["message"]
            .as_str()
            .unwrap()
            .contains("“3400余条”是沿用上年报告的数字")),
        "{after:#?}"
    );
    let confirmed: String = edited
        .lines()
        .filter(|l| !l.starts_with("  - 其他事项.正文 "))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&out, &confirmed).unwrap();
    assert_eq!(findings_of(&out, &tmp.0, "TEXT-CARRIED").len(), 6);

    // The blank start.
    let o = nianbao(
        &[
            "new",
            "--from",
            "zibo-2024.yaml",
            "--blank-text",
            "-o",
            "blank.yaml",
        ],
        &tmp.0,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let (blank, _) = load(&tmp.path("blank.yaml"));
    assert!(blank.carried.is_empty());
    assert!(
        blank
            .overview
            .value
            .starts_with("### （一）主动公开\n\n### （二）依申请公开")
    );
    assert!(findings_of(&tmp.path("blank.yaml"), &tmp.0, "TEXT-CARRIED").is_empty());
    // A slip: --blank-text belongs to --from.
    let o = nianbao(
        &["new", "--year", "2025", "--agency", "某局", "--blank-text"],
        &tmp.0,
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

/// 60.1 from a published report: the imported text is carried too.
#[test]
fn a_published_reports_text_is_carried_into_next_year() {
    let dir = TempDir::new("new-carry-docx");
    let source =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/blanks-2021.docx");
    std::fs::copy(source, dir.0.join("2024年报.docx")).unwrap();
    let o = nianbao(&["new", "--from", "2024年报.docx"], &dir.0);
    assert!(o.status.success(), "{}", stderr(&o));
    let (last, _) = load(&dir.0.join("2024年报.yaml"));
    let (this, _) = load(&dir.0.join("2025年报.yaml"));
    assert!(!this.carried.is_empty(), "{}", stderr(&o));
    let first = last
        .overview
        .value
        .split("\n\n")
        .find(|p| !p.trim().starts_with('#') && !p.trim().is_empty())
        .unwrap()
        .trim()
        .to_string();
    let first_line = first.lines().next().unwrap();
    assert!(
        this.overview
            .value
            .contains(first_line.split("{{").next().unwrap()),
        "{}",
        this.overview.value
    );
}
