//! `nianbao import`, run as a real binary on fixtures that reproduce the
//! layouts and figures of real published reports (narrative written anew).

use nianbao::slice::Slice;

use crate::common;
use crate::pdf_inspect;

use common::{TempDir, run_in as nianbao, stderr};

use std::path::{Path, PathBuf};

use nianbao::load;
use nianbao::model::{Edition, Number, Report};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

/// Imports a fixture; returns the exit code, stderr, the written text and the
/// report loaded back from it.
struct Run {
    code: i32,
    err: String,
    text: String,
    report: Report,
}

fn import(name: &str, extra: &[&str]) -> Run {
    let dir = TempDir::new("import-fx");
    let out = dir.path("out.yaml");
    let src = fixture(name);
    let mut args = vec!["import", src.to_str().unwrap(), "-o", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let o = nianbao(&args, &dir.0);
    let err = stderr(&o);
    assert!(!err.contains("panicked"), "{err}");
    let text = std::fs::read_to_string(&out).unwrap_or_else(|_| panic!("no output: {err}"));
    let loaded = load::load_path(&out).unwrap();
    let yaml_errors: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| matches!(d.code.as_str(), "YAML" | "TYPE" | "KEY-UNKNOWN" | "ROW-LEN"))
        .collect();
    assert!(yaml_errors.is_empty(), "{yaml_errors:?}\n{text}");
    Run {
        code: o.status.code().unwrap_or(-1),
        err,
        text,
        report: loaded.report.expect("the written file loads"),
    }
}

fn t2(r: &Report, row: &str, cell: Option<&str>) -> Option<String> {
    r.table2
        .get(r.edition(), row, cell)
        .map(|v| v.number.value.to_string())
}

fn t2_note(r: &Report, row: &str) -> Option<String> {
    r.table2
        .get(r.edition(), row, None)
        .and_then(|v| v.note.clone())
}

/// The row of section 三 at data path `path` as (6 cells, printed total).
fn t3(r: &Report, path: &str) -> (Vec<Option<u64>>, Option<u64>) {
    let defs = nianbao::model::official::t3_rows(r.edition());
    let i = defs
        .iter()
        .position(|d| d.path() == path)
        .unwrap_or_else(|| panic!("{path}"));
    let row = &r.table3.rows[i];
    assert!(row.present, "{path} missing");
    (
        row.cells
            .iter()
            .map(|c| c.as_ref().map(|c| c.value))
            .collect(),
        row.printed_total.as_ref().map(|c| c.value),
    )
}

fn t4(r: &Report, i: usize) -> (Vec<Option<u64>>, Option<u64>) {
    let row = &r.table4.rows[i];
    (
        row.cells
            .iter()
            .map(|c| c.as_ref().map(|c| c.value))
            .collect(),
        row.printed_total.as_ref().map(|c| c.value),
    )
}

fn some(v: &[u64]) -> Vec<Option<u64>> {
    v.iter().map(|&n| Some(n)).collect()
}

fn s(v: &str) -> Option<String> {
    Some(v.to_string())
}

const ZEROS: [u64; 6] = [0; 6];

fn all_t3_rows_present(r: &Report) {
    assert!(r.table3.rows.iter().all(|row| row.present));
}

#[test]
fn seed_001_layout_tab_separated() {
    let r = import("001-tabs.txt", &[]);
    assert_eq!(r.code, 0, "{}", r.err);
    let rep = &r.report;
    assert_eq!(rep.edition(), Edition::E2019);
    assert_eq!(rep.agency.value, "淄博市公安局交通警察支队沂源大队");
    assert_eq!(rep.year.value, 2020);
    assert_eq!(rep.date.as_ref().unwrap().value.iso(), "2021-01-29");
    for (row, vals) in [
        ("规章", ["0", "0", "0"]),
        ("规范性文件", ["0", "0", "0"]),
        ("行政许可", ["31393", "30513", "61906"]),
        ("其他对外管理服务事项", ["0", "0", "0"]),
        ("行政处罚", ["115242", "25124", "140366"]),
        ("行政强制", ["4578", "-599", "3979"]),
    ] {
        let keys: [&str; 3] = if row.contains("规") {
            ["本年新制作", "本年新公开", "对外公开总数"]
        } else {
            ["上一年项目数量", "本年增减", "处理决定数量"]
        };
        for (k, v) in keys.iter().zip(vals) {
            assert_eq!(t2(rep, row, Some(k)), s(v), "{row}.{k}");
        }
    }
    assert_eq!(t2(rep, "行政事业性收费", Some("本年增减")), s("0"));
    assert_eq!(t2(rep, "政府集中采购", Some("采购总金额")), s("0"));
    // Only 自然人 and 总计 are printed; the other columns are blank.
    all_t3_rows_present(rep);
    let blank5 = vec![Some(0), None, None, None, None, None];
    for path in [
        "本年新收",
        "办理结果.予以公开",
        "办理结果.不予公开.属于行政查询事项",
        "办理结果.其他处理",
        "办理结果.总计",
        "结转下年度继续办理",
    ] {
        assert_eq!(t3(rep, path), (blank5.clone(), Some(0)), "{path}");
    }
    for i in 0..3 {
        assert_eq!(t4(rep, i), (some(&[0, 0, 0, 0]), Some(0)));
    }
    assert!(r.err.contains("IMPORT-BLANK"));
    assert!(r.text.contains("### （一）健全工作机构"), "{}", r.text);
    // A paragraph broken across a blank line is joined again.
    assert!(r.text.contains("审核和发布。"), "{}", r.text);
}

#[test]
fn seed_003_layout_split_headers() {
    // The text ends with section 六's “无” and no signature: complete, the
    // date left to fill in (exit status 0), as `audit` says of it too.
    let r = import("003-split-headers.txt", &[]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(!r.err.contains("但导入不完整"), "{}", r.err);
    assert!(r.err.contains("找不到成文日期"), "{}", r.err);
    check_003(&r.report);
    assert_eq!(r.report.agency.value, "张店区交通运输局");
    assert!(r.report.date.is_none());
    assert!(r.text.contains("成文日期: ~"));
}

fn check_003(rep: &Report) {
    assert_eq!((rep.edition(), rep.year.value), (Edition::E2019, 2020));
    let items = ["上一年项目数量", "本年增减", "处理决定数量"];
    for (row, vals) in [
        ("行政许可", ["87", "89", "176"]),
        ("其他对外管理服务事项", ["23622", "2179", "25801"]),
        ("行政处罚", ["176", "374", "550"]),
        ("行政强制", ["11", "7", "18"]),
    ] {
        for (k, v) in items.iter().zip(vals) {
            assert_eq!(t2(rep, row, Some(k)), s(v), "{row}.{k}");
        }
    }
    assert_eq!(t2(rep, "政府集中采购", Some("采购项目数量")), s("1"));
    assert_eq!(t2(rep, "政府集中采购", Some("采购总金额")), s("76.786078"));
    all_t3_rows_present(rep);
    for (i, row) in rep.table3.rows.iter().enumerate() {
        assert_eq!(
            row.cells
                .iter()
                .map(|c| c.as_ref().map(|c| c.value))
                .collect::<Vec<_>>(),
            some(&ZEROS),
            "row {i}"
        );
        assert_eq!(row.printed_total.as_ref().map(|c| c.value), Some(0));
    }
    for i in 0..3 {
        assert_eq!(t4(rep, i), (some(&[0, 0, 0, 0]), Some(0)));
    }
}

#[test]
fn gb18030_is_detected() {
    let r = import("003-gb18030.txt", &[]);
    assert_eq!(r.code, 0, "complete as 003-split-headers.txt: {}", r.err);
    check_003(&r.report);
    assert!(r.text.contains("GB18030 编码"), "{}", r.text);
    assert!(r.text.contains("张店区交通运输局"));
}

#[test]
fn seed_004_layout_2021_with_note_and_blank_rows() {
    let r = import("004-2021-notes.txt", &[]);
    assert_eq!(r.code, 0, "{}", r.err);
    let rep = &r.report;
    assert_eq!((rep.edition(), rep.year.value), (Edition::E2021, 2024));
    assert_eq!(rep.agency.value, "淄博市公安局交通警察支队张店大队");
    // The import says what it takes the agency to be, and how to say
    // otherwise, on the terminal and above 机关 in the file.
    let guess = "机关类型：按机关名称判断为政府部门；如不对，在数据文件中写“机关类型: 政府”";
    assert!(r.err.contains(guess), "{}", r.err);
    assert!(r.text.contains(&format!("# 导入：{guess}")), "{}", r.text);
    assert_eq!(rep.date.as_ref().unwrap().value.iso(), "2025-01-10");
    assert_eq!(rep.contact.postcode.as_ref().unwrap().value, "255000");
    assert_eq!(rep.contact.phone.as_ref().unwrap().value, "2139070");
    assert_eq!(
        rep.contact.email.as_ref().unwrap().value,
        "zdjjddbgs@zb.shandong.cn"
    );
    assert_eq!(t2(rep, "行政许可", None), s("1964904"));
    assert_eq!(t2_note(rep, "行政许可"), s("含淄博经开区"));
    assert_eq!(t2(rep, "行政处罚", None), s("933554"));
    assert_eq!(t2(rep, "行政强制", None), s("6761"));
    assert_eq!(t2(rep, "行政事业性收费", None), s("0"));
    for k in ["本年制发", "本年废止", "现行有效"] {
        assert_eq!(t2(rep, "行政规范性文件", Some(k)), s("0"));
    }
    all_t3_rows_present(rep);
    let one = |n: u64| (some(&[n, 0, 0, 0, 0, 0]), Some(n));
    assert_eq!(t3(rep, "本年新收"), one(6));
    assert_eq!(t3(rep, "上年结转"), one(1));
    assert_eq!(t3(rep, "办理结果.予以公开"), one(0));
    assert_eq!(t3(rep, "办理结果.不予公开.属于行政执法案卷"), one(1));
    assert_eq!(
        t3(rep, "办理结果.无法提供.本机关不掌握相关政府信息"),
        one(3)
    );
    assert_eq!(
        t3(rep, "办理结果.无法提供.没有现成信息需要另行制作"),
        one(1)
    );
    assert_eq!(t3(rep, "办理结果.不予处理.信访举报投诉类申请"), one(1));
    assert_eq!(
        t3(rep, "办理结果.其他处理.申请人无正当理由逾期不补正"),
        one(0)
    );
    assert_eq!(t3(rep, "办理结果.总计"), one(6));
    assert_eq!(t3(rep, "结转下年度继续办理"), one(1));
    // Rows 2 and 3 of （六） are printed blank: empty, never 0.
    for p in [
        "办理结果.其他处理.申请人逾期未按收费通知要求缴纳费用",
        "办理结果.其他处理.其他",
    ] {
        assert_eq!(t3(rep, p), (vec![None; 6], None), "{p}");
    }
    for i in 0..3 {
        assert_eq!(t4(rep, i), (some(&[0, 0, 0, 0]), Some(0)));
    }
    let fee = rep.fee.as_ref().expect("nil fee statement read");
    assert!(fee.is_nil());
    assert!(!rep.other.value.contains("信息处理费"));
    assert!(rep.other.value.starts_with("### （二）建议提案办理情况"));
    assert!(!rep.other.value.contains("bookmark"));
    assert!(rep.overview.value.contains("### （五）监督保障情况"));
    assert!(
        r.text
            .contains("申请人逾期未按收费通知要求缴纳费用: [~, ~, ~, ~, ~, ~]")
    );
}

#[test]
fn seed_000_layout_imports_and_check_finds_its_errors() {
    let dir = TempDir::new("import-000");
    let out = dir.path("000.yaml");
    let src = fixture("000-cells-per-line.txt");
    let o = nianbao(
        &["import", src.to_str().unwrap(), "-o", out.to_str().unwrap()],
        &dir.0,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rep = load::load_path(&out).unwrap().report.unwrap();
    assert_eq!((rep.edition(), rep.year.value), (Edition::E2019, 2020));
    assert_eq!(t2(&rep, "行政许可", Some("上一年项目数量")), None);
    assert_eq!(t2(&rep, "行政许可", Some("本年增减")), None);
    assert_eq!(t2(&rep, "行政许可", Some("处理决定数量")), s("31280"));
    assert_eq!(
        t2(&rep, "其他对外管理服务事项", Some("处理决定数量")),
        s("0")
    );
    assert_eq!(t2(&rep, "行政处罚", Some("处理决定数量")), s("490"));
    assert_eq!(t2(&rep, "行政强制", Some("处理决定数量")), s("128"));
    assert_eq!(t2(&rep, "政府集中采购", Some("采购项目数量")), s("6"));
    // No unit printed: kept exactly as printed (check warns about the unit).
    assert_eq!(t2(&rep, "政府集中采购", Some("采购总金额")), s("6270000"));
    all_t3_rows_present(&rep);
    assert_eq!(t3(&rep, "本年新收"), (some(&ZEROS), Some(0)));
    assert_eq!(t3(&rep, "办理结果.予以公开"), (some(&ZEROS), Some(1)));
    assert_eq!(t3(&rep, "办理结果.其他处理"), (some(&ZEROS), Some(1)));
    assert_eq!(t3(&rep, "办理结果.总计"), (some(&ZEROS), Some(2)));
    assert_eq!(t3(&rep, "结转下年度继续办理"), (some(&ZEROS), Some(0)));
    for i in 0..3 {
        assert_eq!(t4(&rep, i), (some(&[0, 0, 0, 0]), Some(0)));
    }
    let c = nianbao(&["check", out.to_str().unwrap()], &dir.0);
    assert_eq!(c.status.code(), Some(1));
    let err = String::from_utf8_lossy(&c.stdout).into_owned();
    let rowsum: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with(&common::headline("错误", "T3-ROWSUM")))
        .collect();
    assert_eq!(rowsum.len(), 2, "{err}");
    assert!(rowsum.iter().any(|l| l.contains("予以公开")), "{err}");
    assert!(rowsum.iter().any(|l| l.contains("其他处理")), "{err}");
    let bal: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with(&common::headline("错误", "T3-BAL")))
        .collect();
    assert_eq!(bal.len(), 1, "{err}");
    assert!(bal[0].contains("总计"), "{err}");
}

#[test]
fn seed_002_layout_reports_what_is_missing() {
    let r = import("002-truncated.txt", &[]);
    assert_eq!(r.code, 1, "{}", r.err);
    let rep = &r.report;
    assert_eq!(rep.agency.value, "济宁市公安局高新区分局");
    assert_eq!(t2(rep, "规范性文件", Some("对外公开总数")), s("14"));
    assert_eq!(t2(rep, "行政许可", Some("处理决定数量")), s("218"));
    assert_eq!(t2(rep, "行政处罚", Some("上一年项目数量")), s("615"));
    assert_eq!(t2(rep, "行政处罚", Some("本年增减")), None);
    assert_eq!(t2(rep, "政府集中采购", Some("采购总金额")), s("421913"));
    assert_eq!(
        t3(rep, "办理结果.予以公开"),
        (some(&[1, 0, 0, 0, 0, 0]), Some(1))
    );
    assert_eq!(
        t3(rep, "办理结果.不予公开.保护第三方合法权益"),
        (some(&ZEROS), Some(0))
    );
    let defs = nianbao::model::official::t3_rows(Edition::E2019);
    let missing: Vec<String> = defs
        .iter()
        .zip(&rep.table3.rows)
        .filter(|(_, r)| r.cells.iter().all(Option::is_none) && r.printed_total.is_none())
        .map(|(d, _)| d.path())
        .collect();
    assert_eq!(missing.len(), 15, "{missing:?}");
    assert!(missing.contains(&"办理结果.不予公开.属于三类内部事务信息".to_string()));
    assert!(missing.contains(&"结转下年度继续办理".to_string()));
    assert!(
        rep.table4
            .rows
            .iter()
            .all(|r| r.cells.iter().all(Option::is_none))
    );
    assert!(r.err.contains("表三缺少 15 行"), "{}", r.err);
    assert!(r.err.contains("找不到第四部分"), "{}", r.err);
    // The figures of the garbled section 四 are reported with their line.
    assert!(r.err.contains("无法归入任何单元格"), "{}", r.err);
    assert!(r.err.contains("002-truncated.txt:48:"), "{}", r.err);
    assert!(r.err.contains("但导入不完整"));
}

#[test]
fn pipe_separated_2021() {
    let r = import("pipes-2021.txt", &[]);
    assert_eq!(r.code, 0, "{}", r.err);
    let rep = &r.report;
    assert_eq!((rep.edition(), rep.year.value), (Edition::E2021, 2023));
    assert_eq!(rep.agency.value, "某县市场监督管理局");
    assert_eq!(rep.date.as_ref().unwrap().value.iso(), "2024-01-20");
    assert_eq!(rep.contact.address.as_ref().unwrap().value, "某县人民路8号");
    assert_eq!(t2(rep, "行政规范性文件", Some("本年制发")), s("2"));
    assert_eq!(t2(rep, "行政规范性文件", Some("现行有效")), s("9"));
    assert_eq!(t2(rep, "行政许可", None), s("1520"));
    assert_eq!(t2(rep, "行政处罚", None), s("86"));
    assert_eq!(t2_note(rep, "行政处罚"), s("含简易程序"));
    assert_eq!(t2(rep, "行政强制", None), None);
    // 2792220.8 元 = 279.22208 万元, exactly.
    let fee = rep
        .table2
        .get(Edition::E2021, "行政事业性收费", None)
        .unwrap();
    assert!(matches!(&fee.number.value, Number::Amount(d) if d.to_string() == "279.22208"));
    assert!(r.err.contains("按 1 万元 = 10000 元换算"));
    all_t3_rows_present(rep);
    assert_eq!(t3(rep, "本年新收"), (some(&[5, 1, 0, 0, 0, 0]), Some(6)));
    assert_eq!(
        t3(rep, "办理结果.予以公开"),
        (some(&[3, 1, 0, 0, 0, 0]), Some(4))
    );
    assert_eq!(
        t3(rep, "办理结果.无法提供.本机关不掌握相关政府信息").1,
        Some(1)
    );
    assert_eq!(t3(rep, "办理结果.其他处理.其他"), (some(&ZEROS), Some(0)));
    assert_eq!(
        t3(rep, "办理结果.总计"),
        (some(&[5, 1, 0, 0, 0, 0]), Some(6))
    );
    assert_eq!(t4(rep, 0), (some(&[1, 0, 0, 0]), Some(1)));
    assert_eq!(t4(rep, 1), (some(&[0, 0, 0, 1]), Some(1)));
    assert_eq!(t4(rep, 2), (some(&[0, 0, 0, 0]), Some(0)));
    assert!(rep.fee.as_ref().is_some_and(|f| f.is_nil()));
}

#[test]
fn html_with_rowspan_and_colspan() {
    let r = import("html-2019.html", &[]);
    assert_eq!(r.code, 0, "{}", r.err);
    let rep = &r.report;
    assert_eq!((rep.edition(), rep.year.value), (Edition::E2019, 2020));
    assert_eq!(rep.agency.value, "某区住房和城乡建设局");
    assert_eq!(rep.date.as_ref().unwrap().value.iso(), "2021-01-25");
    assert_eq!(t2(rep, "规范性文件", Some("本年新制作")), s("3"));
    assert_eq!(t2(rep, "规范性文件", Some("对外公开总数")), s("27"));
    assert_eq!(t2(rep, "行政许可", Some("本年增减")), s("35"));
    assert_eq!(t2(rep, "其他对外管理服务事项", Some("本年增减")), s("-3"));
    assert_eq!(t2(rep, "行政处罚", Some("本年增减")), s("-8"));
    assert_eq!(t2(rep, "行政事业性收费", Some("上一年项目数量")), s("2"));
    assert_eq!(t2(rep, "政府集中采购", Some("采购总金额")), s("25.1"));
    all_t3_rows_present(rep);
    assert_eq!(t3(rep, "本年新收"), (some(&[4, 1, 0, 0, 0, 0]), Some(5)));
    assert_eq!(
        t3(rep, "办理结果.予以公开"),
        (some(&[2, 1, 0, 0, 0, 0]), Some(3))
    );
    assert_eq!(
        t3(rep, "办理结果.其他处理"),
        (vec![Some(0), None, None, None, None, None], Some(0))
    );
    assert_eq!(
        t3(rep, "办理结果.总计"),
        (some(&[4, 1, 0, 0, 0, 0]), Some(5))
    );
    assert_eq!(t4(rep, 0), (some(&[0, 1, 0, 0]), Some(1)));
    assert!(rep.overview.value.contains("### （一）加强组织领导"));
    assert!(!rep.other.value.contains("打印"));
    assert!(r.err.contains("html-2019.html:"), "{}", r.err);
}

#[test]
fn a_footnote_mark_after_a_figure_is_a_note_not_a_digit() {
    let dir = TempDir::new("import-sup");
    let page = std::fs::read_to_string(fixture("html-2019.html")).unwrap();
    let marked = page.replace(
        "<tr><td>行政许可</td><td>412</td>",
        "<tr><td>行政许可</td><td>412<sup>1</sup></td>",
    );
    assert_ne!(marked, page);
    std::fs::write(dir.path("sup.html"), marked).unwrap();
    let out = nianbao(&["import", "sup.html", "-o", "sup.yaml"], &dir.0);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let written = std::fs::read_to_string(dir.path("sup.yaml")).unwrap();
    // Before: 4121, silently.
    assert!(
        written.contains("行政许可: {上一年项目数量: {数量: 412, 注: \"1\"}"),
        "{written}"
    );
}

#[test]
fn a_second_report_on_the_page_is_said_and_not_read() {
    let dir = TempDir::new("import-two");
    let text = std::fs::read_to_string(fixture("pipes-2021.txt")).unwrap();
    // Last year's report below this year's, as archive pages print them.
    let older = text
        .replace("２０２３年度", "２０２２年度")
        .replace("1,520", "1,111");
    std::fs::write(dir.path("two.txt"), format!("{text}\n\n{older}")).unwrap();
    let out = nianbao(&["import", "two.txt", "-o", "two.yaml"], &dir.0);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("同一页上有两份报告，只导入了前一份"), "{err}");
    let report = load::load_path(&dir.path("two.yaml"))
        .unwrap()
        .report
        .unwrap();
    assert_eq!(report.year.value, 2023);
    assert_eq!(t2(&report, "行政许可", None), s("1520"));
    assert_eq!(report.date.as_ref().unwrap().value.iso(), "2024-01-20");
    // Nothing of the second report is in section 六.
    assert!(
        !report.other.value.contains("总体情况"),
        "{}",
        report.other.value
    );
}

#[test]
fn year_option_overrides_the_title() {
    let r = import("pipes-2021.txt", &["--year", "2024"]);
    assert_eq!(r.report.year.value, 2024);
    assert!(r.err.contains("--year"), "{}", r.err);
}

#[test]
fn default_output_and_no_overwrite() {
    let dir = TempDir::new("import-default");
    let src = dir.path("年报.txt");
    std::fs::copy(fixture("004-2021-notes.txt"), &src).unwrap();
    let o = nianbao(&["import", "年报.txt"], &dir.0);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = dir.path("年报.yaml");
    let first = std::fs::read_to_string(&out).unwrap();
    std::fs::write(&out, "keep me").unwrap();
    let o = nianbao(&["import", "年报.txt"], &dir.0);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--force"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");
    let o = nianbao(&["import", "年报.txt", "--force"], &dir.0);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), first);
    // Never overwrite the input.
    let o = nianbao(&["import", "年报.txt", "-o", "年报.txt", "--force"], &dir.0);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn unreadable_and_hostile_inputs() {
    let dir = TempDir::new("import-bad");
    let o = nianbao(&["import", "missing.txt"], &dir.0);
    assert_eq!(o.status.code(), Some(2));
    std::fs::write(dir.path("a.pdf"), b"%PDF-1.7\n...").unwrap();
    let o = nianbao(&["import", "a.pdf", "-o", "a.yaml"], &dir.0);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("PDF"));
    // Garbage and truncated markup never crash the importer.
    let mut seed = 7u64;
    let mut bytes = Vec::new();
    for _ in 0..4000 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        bytes.push((seed >> 33) as u8);
    }
    let samples: Vec<(&str, Vec<u8>)> = vec![
        ("g.txt", bytes),
        ("h.html", b"<table><tr><td colspan=99999>".to_vec()),
        ("t.txt", "2020年\n一、总体情况\n二、主动公开政府信息情况\n规章\t99999999999999999999999\t-1\t1.5\n三、收到和处理政府信息公开申请情况\n（七）总计\n四、政府信息公开行政复议、行政诉讼情况\n总计\n1".as_bytes().to_vec()),
    ];
    for (name, data) in samples {
        std::fs::write(dir.path(name), data).unwrap();
        let o = nianbao(
            &[
                "import", name, "-o", "out.yaml", "--force", "--year", "2020",
            ],
            &dir.0,
        );
        let err = stderr(&o);
        assert!(!err.contains("panicked"), "{name}: {err}");
        assert!(matches!(o.status.code(), Some(0..=2)), "{name}: {err}");
    }
}

#[test]
fn repeated_unplaceable_rows_are_summed_up_not_echoed() {
    let dir = TempDir::new("import-flood");
    let text = std::fs::read_to_string(fixture("pipes-2021.txt")).unwrap();
    let at = text.find("四、政府信息公开行政复议").unwrap();
    let junk: String = (0..3000)
        .map(|n| format!("| 垃圾行{n} | 多余内容 {n} | 另一格 |\n"))
        .collect();
    let input = dir.path("flood.txt");
    std::fs::write(
        &input,
        format!("{}{junk}{}", text.slice_to(at), text.slice_from(at)),
    )
    .unwrap();
    let out = nianbao(&["import", "flood.txt", "-o", "flood.yaml"], &dir.0);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("另有 8995 处同类内容"), "{err}");
    // A few screens, not one note per junk cell.
    assert!(err.len() < 20_000, "{} bytes of notes", err.len());
    // The figures still come through.
    let written = std::fs::read_to_string(dir.path("flood.yaml")).unwrap();
    assert!(written.len() < 20_000, "{} bytes written", written.len());
}

#[test]
fn a_table_pasted_thousands_of_times_is_read_up_to_a_bound() {
    let dir = TempDir::new("import-long-table");
    let text = std::fs::read_to_string(fixture("pipes-2021.txt")).unwrap();
    let at = text.find("三、收到和处理政府信息公开申请情况").unwrap();
    // Section 二 followed by 30,000 copies of one of its rows: 120,000 cells.
    let copies: String = (0..30_000)
        .map(|n| format!("规章\t{n}\t{n}\t{n}\n"))
        .collect();
    std::fs::write(
        dir.path("long.txt"),
        format!("{}{copies}{}", text.slice_to(at), text.slice_from(at)),
    )
    .unwrap();
    // The same rows as one line of a web page, as sites save tables.
    let rows: String = (0..5_000)
        .map(|n| format!("<tr><td>规章</td><td>{n}</td><td>{n}</td><td>{n}</td></tr>"))
        .collect();
    std::fs::write(
        dir.path("long.html"),
        format!(
            "<html><body><h1>某县某局2024年政府信息公开工作年度报告</h1><p>一、总体情况</p>\
             <p>二、主动公开政府信息情况</p><table>{rows}</table></body></html>"
        ),
    )
    .unwrap();
    // The page has only section 二 (exit 1); the text file is the whole
    // report, its official rows all read before the copies (exit 0).
    for (input, bounded, code) in [("long.txt", true, 0), ("long.html", false, 1)] {
        let out = nianbao(&["import", input, "-o", "out.yaml", "--force"], &dir.0);
        let err = stderr(&out);
        assert!(!err.contains("panicked"), "{err}");
        assert_eq!(out.status.code(), Some(code), "{input}: {err}");
        // The repeats are counted once, in the messages and in the data file.
        assert!(
            err.contains("另有") && err.contains("同类内容"),
            "{input}: {err}"
        );
        assert!(err.len() < 30_000, "{input}: {} bytes of notes", err.len());
        let written = std::fs::read_to_string(dir.path("out.yaml")).unwrap();
        assert!(
            written.matches("# 导入：").count() < 30,
            "{input}: {written}"
        );
        assert_eq!(
            err.contains("超过 20000 个单元格，从这一行起没有读取"),
            bounded,
            "{input}: {err}"
        );
    }
}

/// Section 三 and 四 of `blanks-*-2021.txt` as printed: blank cells anywhere,
/// blank totals at the end of a row with and without a closing delimiter.
fn check_blanks(r: &Run) {
    let rep = &r.report;
    assert_eq!((rep.edition(), rep.year.value), (Edition::E2021, 2024));
    assert_eq!(rep.agency.value, "某市某区人力资源和社会保障局");
    assert_eq!(t2(rep, "行政规范性文件", Some("本年制发")), s("1"));
    assert_eq!(t2(rep, "行政规范性文件", Some("本年废止")), None);
    assert_eq!(t2(rep, "行政规范性文件", Some("现行有效")), s("4"));
    assert_eq!(t2(rep, "行政许可", None), s("412"));
    assert_eq!(t2(rep, "行政强制", None), None);
    all_t3_rows_present(rep);
    let row = |v: [Option<u64>; 6], total: Option<u64>| (v.to_vec(), total);
    let (n, b) = (Some, None);
    assert_eq!(
        t3(rep, "本年新收"),
        row([n(300), n(14), b, b, n(2), n(1)], n(317))
    );
    assert_eq!(t3(rep, "上年结转"), row([n(6), n(1), b, b, b, b], n(7)));
    // The rows of the issue: a blank 总计 at the row's end.
    assert_eq!(
        t3(rep, "办理结果.予以公开"),
        row([n(258), n(12), b, b, n(1), n(1)], b)
    );
    assert_eq!(
        t3(rep, "办理结果.部分公开"),
        row([n(10), n(1), b, b, b, b], b)
    );
    assert_eq!(
        t3(rep, "办理结果.不予公开.保护第三方合法权益"),
        row([n(3), b, b, b, b, b], b)
    );
    assert_eq!(
        t3(rep, "办理结果.总计"),
        row([n(306), n(14), b, b, n(2), n(1)], b)
    );
    assert_eq!(
        t3(rep, "办理结果.无法提供.本机关不掌握相关政府信息"),
        row([n(19), n(1), b, b, n(1), b], n(21))
    );
    assert_eq!(
        t3(rep, "办理结果.不予处理.要求提供公开出版物"),
        row([b; 6], b)
    );
    assert_eq!(
        t3(rep, "结转下年度继续办理"),
        row([n(0), n(1), b, b, b, b], n(1))
    );
    // Section 四 with blanks.
    assert_eq!(t4(rep, 0), (vec![n(2), n(1), b, b], n(3)));
    assert_eq!(t4(rep, 1), (vec![n(1), b, b, b], n(1)));
    assert_eq!(t4(rep, 2), (vec![b, b, b, b], b));
    assert!(r.err.contains("IMPORT-BLANK"), "{}", r.err);
    assert!(!r.err.contains("IMPORT-MISSING"), "{}", r.err);
}

#[test]
fn blank_cells_pipes_without_outer_borders() {
    let r = import("blanks-pipes-2021.txt", &[]);
    assert_eq!(r.code, 0, "{}", r.err);
    check_blanks(&r);
    assert!(
        r.text.contains("予以公开: [258, 12, ~, ~, 1, 1]"),
        "{}",
        r.text
    );
}

#[test]
fn blank_cells_tab_separated() {
    let r = import("blanks-tabs-2021.txt", &[]);
    assert_eq!(r.code, 0, "{}", r.err);
    check_blanks(&r);
}

#[test]
fn blank_cells_one_cell_per_line() {
    let r = import("blanks-cells-2021.txt", &[]);
    assert_eq!(r.code, 0, "{}", r.err);
    check_blanks(&r);
}

#[test]
fn blank_cells_separated_by_spaces_are_not_guessed() {
    // Runs of spaces cannot show where a blank cell was: every row with a
    // blank is listed as not read, never shifted into the wrong column.
    let r = import("blanks-spaces-2021.txt", &[]);
    assert_eq!(r.code, 1, "{}", r.err);
    let rep = &r.report;
    let none = (vec![None; 6], None);
    for p in ["本年新收", "办理结果.予以公开", "办理结果.总计"] {
        assert_eq!(t3(rep, p), none, "{p}");
    }
    // Rows without blanks still come in.
    for k in ["本年制发", "本年废止", "现行有效"] {
        assert_eq!(t2(rep, "规章", Some(k)), s("0"));
    }
    assert_eq!(t2(rep, "行政许可", None), s("412"));
    assert_eq!(t2(rep, "行政规范性文件", Some("本年制发")), None);
    assert!(
        r.err.contains("一行只读到 4 个单元格，应有 7 个"),
        "{}",
        r.err
    );
    assert!(r.err.contains("以空格分隔"), "{}", r.err);
    assert!(r.err.contains("表四的数字没能读全"), "{}", r.err);
    assert!(r.err.contains("blanks-spaces-2021.txt:36:"), "{}", r.err);
}

#[test]
fn blank_cells_that_cannot_be_placed_are_not_guessed() {
    // A label spanning columns leaves placeholders before the figures, and the
    // row also ends in a tab: the blank total and the placeholders cannot be
    // told apart, so the row is listed, not shifted.
    let dir = TempDir::new("import-ambiguous");
    let text = std::fs::read_to_string(fixture("blanks-tabs-2021.txt")).unwrap();
    let text = text.replace(
        "三、本年度办理结果\t（一）予以公开\t258",
        "三、本年度办理结果\t（一）予以公开\t\t258",
    );
    std::fs::write(dir.path("a.txt"), text).unwrap();
    let o = nianbao(&["import", "a.txt", "-o", "a.yaml"], &dir.0);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("无法确定各数字属于哪一列"), "{err}");
    let rep = load::load_path(&dir.path("a.yaml"))
        .unwrap()
        .report
        .unwrap();
    assert_eq!(t3(&rep, "办理结果.予以公开"), (vec![None; 6], None));
}

#[test]
fn docx_tables_with_merged_cells() {
    // The report of blanks-pipes-2021.txt as Word builds it: w:gridSpan and
    // w:vMerge, blank cells, headings as paragraphs (src/make-docx.py).
    let r = import("blanks-2021.docx", &[]);
    assert_eq!(r.code, 0, "{}", r.err);
    check_blanks(&r);
    assert!(r.text.contains("（Word 文档）导入"), "{}", r.text);
    assert!(r.text.contains("### （一）主动公开"), "{}", r.text);
    assert_eq!(r.report.date.as_ref().unwrap().value.iso(), "2025-01-15");
    // Places are named in the document's own terms.
    assert!(r.err.contains("原文表 1 第 4 行第 1 列"), "{}", r.err);
    // The same data file as the text the tables were copied from.
    let pipes = import("blanks-pipes-2021.txt", &[]);
    let body = |t: &str| {
        t.lines()
            .filter(|l| !l.trim_start().starts_with('#') || l.contains("###"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(body(&r.text), body(&pipes.text));
}

/// A zip archive with the given entries, deflated.
fn zip_bytes(entries: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        w.start_file(*name, opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

#[test]
fn hostile_docx_files_are_refused_with_a_message() {
    let dir = TempDir::new("import-docx-bad");
    let doc = |body: &str| {
        format!(
            r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
        )
    };
    let nested = {
        let mut t = "<w:p><w:r><w:t>1</w:t></w:r></w:p>".to_string();
        for _ in 0..8 {
            t = format!("<w:tbl><w:tr><w:tc>{t}</w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>");
        }
        doc(&t)
    };
    // Elements nested 20 000 deep: refused before the XML parser recurses.
    let deep = doc(&format!(
        "<w:p>{}{}{}</w:p>",
        "<w:hyperlink>".repeat(20_000),
        "<w:r><w:t>x</w:t></w:r>".repeat(20_000),
        "</w:hyperlink>".repeat(20_000)
    ));
    let bomb = vec![b' '; 65 * 1024 * 1024];
    let many: Vec<(String, Vec<u8>)> = (0..5001).map(|i| (format!("x/{i}"), Vec::new())).collect();
    let many_refs: Vec<(&str, &[u8])> = many
        .iter()
        .map(|(n, d)| (n.as_str(), d.as_slice()))
        .collect();
    let entity = r#"<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><w:document xmlns:w="w"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"#;
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "nodoc.docx",
            zip_bytes(&[("word/other.xml", b"<x/>")]),
            "没有 word/document.xml",
        ),
        (
            "broken.docx",
            zip_bytes(&[("word/document.xml", b"<w:document><w:body><w:p>")]),
            "不是有效的 XML",
        ),
        (
            "nested.docx",
            zip_bytes(&[("word/document.xml", nested.as_bytes())]),
            "表格嵌套超过",
        ),
        (
            "bomb.docx",
            zip_bytes(&[("word/document.xml", &bomb)]),
            "压缩炸弹",
        ),
        ("many.docx", zip_bytes(&many_refs), "超过上限"),
        (
            "entity.docx",
            zip_bytes(&[("word/document.xml", entity.as_bytes())]),
            "不是有效的 XML",
        ),
        ("cut.docx", b"PK\x03\x04\x14\x00garbage".to_vec(), "已损坏"),
        (
            "deep.docx",
            zip_bytes(&[("word/document.xml", deep.as_bytes())]),
            "嵌套超过 256 层",
        ),
        (
            "empty.docx",
            zip_bytes(&[("word/document.xml", doc("").as_bytes())]),
            "无法从标题或正文中识别报告年度",
        ),
    ];
    assert_refused(&dir, &cases);
}

/// `bytes` with the "encrypted" bit set in the flags of every local and
/// central header of the zip archive: what a password-protected zip says
/// of its entries.
fn with_encryption_flag(mut bytes: Vec<u8>) -> Vec<u8> {
    let mut i = 0;
    while i + 10 <= bytes.len() {
        let flags_at = match &bytes[i..i + 4] {
            b"PK\x03\x04" => Some(i + 6),
            b"PK\x01\x02" => Some(i + 8),
            _ => None,
        };
        if let Some(at) = flags_at {
            bytes[at] |= 1;
        }
        i += 1;
    }
    bytes
}

/// The runs of three or more ASCII letters in `text` that are none of
/// `known` (file names, parts, program names): English a clerk would read.
fn english_words(text: &str, known: &[&str]) -> Vec<String> {
    let mut rest = text.to_string();
    for k in known {
        rest = rest.replace(k, " ");
    }
    rest.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 3)
        .map(str::to_string)
        .collect()
}

/// F13: a zip that cannot be read is told of in Chinese only (what the zip
/// reader said in English is never shown), naming the format it really is
/// and the programs that save it again: a workbook cut short is no .docx.
#[test]
fn a_damaged_package_is_told_of_in_chinese_as_what_it_is() {
    let dir = TempDir::new("import-zip-faults");
    let example =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/zibo-zhangdian-traffic-2024.yaml");
    let report = load::load_path(&example).unwrap().report.unwrap();
    let book = nianbao::xlsx::workbook(&report);
    let doc = zip_bytes(&[(
        "word/document.xml",
        "<w:document><w:body><w:p><w:r><w:t>一</w:t></w:r></w:p></w:body></w:document>".as_bytes(),
    )]);
    // The compressed bytes of a varied document, broken in the middle.
    let text: String = (0..4000)
        .map(|i| format!("<w:t>{}</w:t>", i * 7919 % 10007))
        .collect();
    let mut corrupt = zip_bytes(&[("word/document.xml", text.as_bytes())]);
    let middle = corrupt.len() / 3;
    for b in &mut corrupt[middle..middle + 16] {
        *b = !*b;
    }
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "截断.xlsx",
            book[..book.len() * 2 / 3].to_vec(),
            "这个 .xlsx 文件已损坏或不完整（可能没有下载完），无法打开；请重新下载或拷贝原文件（能在 Excel 或 WPS 表格中打开的，也可重新另存为 .xlsx）",
        ),
        (
            "截断.docx",
            doc[..doc.len() - 30].to_vec(),
            "这个 .docx 文件已损坏或不完整（可能没有下载完），无法打开",
        ),
        (
            "加密.docx",
            with_encryption_flag(doc.clone()),
            "这个 .docx 文件加了密码，无法读取其中的 word/document.xml；请在 Word 或 WPS 中取消密码",
        ),
        (
            "加密.xlsx",
            with_encryption_flag(book.clone()),
            "这个 .xlsx 文件加了密码，无法读取其中的 xl/workbook.xml；请在 Excel 或 WPS 表格中取消密码",
        ),
        ("压缩坏.docx", corrupt, "这个 .docx 文件的压缩数据已损坏"),
    ];
    assert_refused(&dir, &cases);
    for (name, bytes, _) in &cases {
        std::fs::write(dir.path(name), bytes).unwrap();
        let err = stderr(&nianbao(&["import", name, "-o", "out.yaml"], &dir.0));
        let known = [
            *name,
            "nianbao",
            "Word",
            "WPS",
            "Excel",
            "docx",
            "xlsx",
            "word/document.xml",
            "xl/workbook.xml",
        ];
        assert_eq!(english_words(&err, &known), Vec::<String>::new(), "{err}");
        let other = if name.ends_with(".xlsx") {
            ".docx"
        } else {
            ".xlsx"
        };
        assert!(!err.contains(other), "{err}");
    }
}

/// F12, F15: `import` calls an import complete exactly when `audit` does
/// (one test, `Imported::is_complete`). An error of any kind — here a
/// workbook whose agency's name is blank — or a text cut short makes it
/// incomplete: the data file is still written (a draft to fix), the exit
/// status is 1, the last line says what keeps it from being complete and
/// what to do, and `audit`'s 导入完整 says 否.
#[test]
fn an_import_is_complete_only_as_audit_says_so() {
    let dir = TempDir::new("import-complete");
    let example =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/zibo-zhangdian-traffic-2024.yaml");
    let mut report = load::load_path(&example).unwrap().report.unwrap();
    std::fs::write(dir.path("完整.xlsx"), nianbao::xlsx::workbook(&report)).unwrap();
    report.agency.value = String::new();
    std::fs::write(dir.path("无机关.xlsx"), nianbao::xlsx::workbook(&report)).unwrap();
    let notes = std::fs::read_to_string(fixture("004-2021-notes.txt")).unwrap();
    let at = notes.find("本年度承办的建议").unwrap() + "本年度承办的建议".len();
    std::fs::write(dir.path("中断.txt"), notes.slice_to(at)).unwrap();
    let o = nianbao(&["import", "完整.xlsx", "-o", "完整.yaml"], &dir.0);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("导入完整（警告"), "{}", stderr(&o));
    let cases = [
        (
            "无机关.xlsx",
            "1 个错误",
            "按上面列出的错误改正（如填写机关名称）",
        ),
        ("中断.txt", "原文在中途中断", "用完整的原报告"),
    ];
    for (name, why, todo) in cases {
        let o = nianbao(&["import", name, "-o", "草稿.yaml", "--force"], &dir.0);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{name}: {err}");
        assert!(err.contains("但导入不完整"), "{name}: {err}");
        assert!(!err.contains("导入完整（"), "{name}: {err}");
        assert!(err.contains(why) && err.contains(todo), "{name}: {err}");
        assert!(
            dir.path("草稿.yaml").is_file(),
            "{name}: the draft is written"
        );
    }
    std::fs::remove_file(dir.path("草稿.yaml")).unwrap();
    std::fs::remove_file(dir.path("完整.yaml")).unwrap();
    let o = nianbao(&["audit", ".", "-o", "审查"], &dir.0);
    assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
    let csv = std::fs::read_to_string(dir.path("审查/summary.csv")).unwrap();
    let complete = |name: &str| {
        let row = csv
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{csv}"));
        row.split(',').nth(4).unwrap().to_string()
    };
    assert_eq!(complete("完整.xlsx"), "是", "{csv}");
    assert_eq!(complete("无机关.xlsx"), "否", "{csv}");
    assert_eq!(complete("中断.txt"), "否", "{csv}");
}

/// F15: every command's `--year` takes the years `new` takes, refused with
/// the same words.
#[test]
fn every_year_option_takes_the_same_years() {
    let dir = TempDir::new("import-year-range");
    std::fs::write(dir.path("a.txt"), "随便写的").unwrap();
    let said = "年度 2018 不在 2019–9999 之间（支持 2019 版和 2021 版格式）";
    let runs: [&[&str]; 4] = [
        &["import", "a.txt", "--year", "2018"],
        &["new", "--year", "2018", "--agency", "某局"],
        &["aggregate", ".", "--agency", "某县", "--year", "2018"],
        &[
            "server",
            "init",
            "服务器",
            "--roster",
            "名单.txt",
            "--year",
            "2018",
        ],
    ];
    for args in runs {
        let o = nianbao(args, &dir.0);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(said), "{args:?}: {}", stderr(&o));
    }
    let o = nianbao(&["import", "a.txt", "--year", "二〇二四"], &dir.0);
    assert!(
        stderr(&o).contains("年度应为四位数字，如 2024"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn pdf_made_by_libreoffice() {
    // blanks-2021.docx converted by LibreOffice (Noto Sans CJK from fonts/):
    // Type0 fonts with ToUnicode maps, ruled tables, wrapped cell text.
    let r = import("blanks-2021-libreoffice.pdf", &[]);
    assert_eq!(r.code, 0, "{}", r.err);
    check_blanks(&r);
    assert!(r.text.contains("（PDF）导入"), "{}", r.text);
    assert!(r.text.contains("### （二）依申请公开"), "{}", r.text);
    assert!(r.err.contains("原文第 1 页第"), "{}", r.err);
    assert!(r.err.contains("（表格第 1 列）"), "{}", r.err);
}

fn numbers2(r: &Report) -> Vec<Option<(String, Option<String>)>> {
    r.table2
        .cells
        .iter()
        .flatten()
        .flatten()
        .map(|c| {
            c.as_ref()
                .map(|v| (v.number.value.to_string(), v.note.clone()))
        })
        .collect()
}

fn counts(rows: &[nianbao::model::CountRow]) -> Vec<Vec<Option<u64>>> {
    rows.iter()
        .map(|r| {
            r.cells
                .iter()
                .map(|c| c.as_ref().map(|c| c.value))
                .collect()
        })
        .collect()
}

#[test]
fn pdf_round_trip_of_what_nianbao_builds() {
    // A PDF built by nianbao itself, imported back: the same figures.
    let dir = TempDir::new("import-pdf-rt");
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    for name in [
        "zhangdian-transport-2020",
        "zibo-yiyuan-traffic-2020",
        "zibo-zhangdian-traffic-2024",
    ] {
        let src = examples.join(format!("{name}.yaml"));
        let o = nianbao(
            &[
                "build",
                src.to_str().unwrap(),
                "--format",
                "pdf",
                "-o",
                "pdf",
            ],
            &dir.0,
        );
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
        let pdf = dir.path(&format!("pdf/{name}.pdf"));
        let out = dir.path(&format!("{name}.yaml"));
        let o = nianbao(
            &["import", pdf.to_str().unwrap(), "-o", out.to_str().unwrap()],
            &dir.0,
        );
        let err = stderr(&o);
        assert!(!err.contains("panicked"), "{name}: {err}");
        assert_eq!(o.status.code(), Some(0), "{name}: {err}");
        let want = load::load_path(&src).unwrap().report.unwrap();
        let got = load::load_path(&out).unwrap().report.unwrap();
        assert_eq!(got.edition(), want.edition(), "{name}");
        assert_eq!(got.year.value, want.year.value, "{name}");
        assert_eq!(got.agency.value, want.agency.value, "{name}");
        assert_eq!(
            got.date.as_ref().map(|d| d.value.iso()),
            want.date.as_ref().map(|d| d.value.iso()),
            "{name}"
        );
        assert_eq!(numbers2(&got), numbers2(&want), "{name}: 表二");
        assert_eq!(
            counts(&got.table3.rows),
            counts(&want.table3.rows),
            "{name}: 表三"
        );
        assert_eq!(
            counts(&got.table4.rows),
            counts(&want.table4.rows),
            "{name}: 表四"
        );
        for (g, w) in got.table3.rows.iter().zip(&want.table3.rows) {
            if let Some(t) = &w.printed_total {
                assert_eq!(g.printed_total.as_ref().map(|c| c.value), Some(t.value));
            }
        }
        // The narrative comes back as running text, not one line per PDF line.
        let first = want.overview.value.lines().find(|l| l.len() > 60).unwrap();
        assert!(
            got.overview.value.contains(first),
            "{name}: {first}\n{}",
            got.overview.value
        );
    }
}

/// A PDF of `pages` pages, each with `content` as its content stream and,
/// when `font` is set, a Type0/Identity-H font without a ToUnicode map.
fn pdf_bytes(pages: usize, content: &[u8], compress: bool, font: bool) -> Vec<u8> {
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        Vec::new(),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H \
           /DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X >>] >>"
            .to_vec(),
    ];
    let stream = if compress {
        raw_stream(&deflated(content), " /Filter /FlateDecode")
    } else {
        raw_stream(content, "")
    };
    let resources = if font {
        " /Resources << /Font << /F1 3 0 R /F2 << /Type /Font /Subtype /Type1 \
         /BaseFont /Helvetica /Encoding /WinAnsiEncoding >> >> >>"
    } else {
        ""
    };
    let mut kids = String::new();
    for _ in 0..pages {
        objects.push(stream.clone());
        let content_id = objects.len();
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /Contents {content_id} 0 R \
                 /MediaBox [0 0 595 842]{resources} >>"
            )
            .into_bytes(),
        );
        kids.push_str(&format!("{} 0 R ", objects.len()));
    }
    objects[1] = format!("<< /Type /Pages /Kids [{kids}] /Count {pages} >>").into_bytes();
    raw_pdf(&objects)
}

/// `data` deflated (zlib), as a PDF's FlateDecode stream holds it.
fn deflated(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

#[test]
fn pdfs_without_text_or_hostile_are_refused_with_a_message() {
    let dir = TempDir::new("import-pdf-bad");
    let bomb = vec![b' '; 17 * 1024 * 1024];
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "scan.pdf",
            pdf_bytes(2, b"q 595 0 0 842 0 0 cm Q", false, false),
            "这个 PDF 没有文字层（可能是扫描件），无法导入",
        ),
        (
            "pages.pdf",
            pdf_bytes(301, b"", false, false),
            "超过上限 300 页",
        ),
        ("bomb.pdf", pdf_bytes(1, &bomb, true, false), "解压后超过"),
        (
            "nomap.pdf",
            pdf_bytes(
                1,
                b"BT /F1 12 Tf 72 700 Td <0001000200030004> Tj ET",
                false,
                true,
            ),
            "无法转换为文字",
        ),
        (
            "cut.pdf",
            b"%PDF-1.7\n1 0 obj << /Type /Catalog".to_vec(),
            "PDF",
        ),
    ];
    assert_refused(&dir, &cases);
}

#[test]
fn a_row_label_cut_in_two_is_joined_again() {
    // A table row broken across a page break: the label in two parts, the
    // figures with either part.
    let dir = TempDir::new("import-split-row");
    let text = std::fs::read_to_string(fixture("blanks-pipes-2021.txt")).unwrap();
    let text = text
        .replace(
            " |  | 6.属于四类过程性信息 | 0 |  |  |  |  |  | 0",
            " |  | 6.属 | 0 |  |  |  |  |  | 0\n |  | 于四类过程性信息 |  |  |  |  |  |  | ",
        )
        .replace(
            " |  | 8.属于行政查询事项 | 5 |  |  |  |  |  | 5",
            " |  | 8.属于行政 |  |  |  |  |  |  | \n |  | 查询事项 | 5 |  |  |  |  |  | 5",
        );
    std::fs::write(dir.path("a.txt"), text).unwrap();
    let o = nianbao(&["import", "a.txt", "-o", "a.yaml"], &dir.0);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    let rep = load::load_path(&dir.path("a.yaml"))
        .unwrap()
        .report
        .unwrap();
    let n = |v| vec![Some(v), None, None, None, None, None];
    assert_eq!(
        t3(&rep, "办理结果.不予公开.属于四类过程性信息"),
        (n(0), Some(0))
    );
    assert_eq!(
        t3(&rep, "办理结果.不予公开.属于行政查询事项"),
        (n(5), Some(5))
    );
}

#[test]
fn docx_headings_numbered_automatically() {
    // Section headings numbered by their style (一、 from numbering.xml via
    // styles.xml) and sub-headings by direct numbering (（一）): the numbers
    // are not in the text, yet the sections are found.
    let r = import("blanks-2021-numbered.docx", &[]);
    assert_eq!(r.code, 0, "{}", r.err);
    check_blanks(&r);
    assert!(r.text.contains("### （二）依申请公开"), "{}", r.text);
    let plain = import("blanks-2021.docx", &[]);
    assert_eq!(r.text.replace("-numbered", ""), plain.text);
}

#[test]
fn a_pdf_dense_with_rules_and_text_stays_fast() {
    // 12 000 ruled cells with a figure each on every page: bounded work.
    let mut content = String::new();
    for i in 0..200 {
        for j in 0..60 {
            let (x, y) = (20 + j * 9, 20 + i * 4);
            content.push_str(&format!("{x} {y} 9 4 re\n"));
            content.push_str(&format!("BT /F2 3 Tf {x} {y} Td (7) Tj ET\n"));
        }
    }
    content.push_str("S\n");
    let dir = TempDir::new("import-pdf-dense");
    std::fs::write(
        dir.path("dense.pdf"),
        pdf_bytes(3, content.as_bytes(), true, true),
    )
    .unwrap();
    let start = std::time::Instant::now();
    let o = nianbao(
        &["import", "dense.pdf", "-o", "out.yaml", "--year", "2024"],
        &dir.0,
    );
    let err = stderr(&o);
    assert!(!err.contains("panicked"), "{err}");
    assert!(matches!(o.status.code(), Some(0..=2)), "{err}");
    assert!(start.elapsed().as_secs() < 30, "{:?}", start.elapsed());
}

#[test]
fn pdf_text_inside_a_form_xobject_is_read() {
    // Some producers draw a page through a form XObject (Do), with the font
    // in the form's own resources.
    let bytes = raw_pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /MediaBox [0 0 595 842] \
           /Resources << /XObject << /Fm1 5 0 R >> >> >>"
            .to_vec(),
        raw_stream(b"q /Fm1 Do Q", ""),
        raw_stream(
            b"BT /F3 12 Tf 72 600 Td (Report 2024) Tj ET",
            " /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Matrix [1 0 0 1 0 100] \
             /Resources << /Font << /F3 << /Type /Font /Subtype /Type1 \
             /BaseFont /Helvetica /Encoding /WinAnsiEncoding >> >> >>",
        ),
    ]);
    let dir = TempDir::new("import-pdf-form");
    std::fs::write(dir.path("form.pdf"), bytes).unwrap();
    let o = nianbao(
        &["import", "form.pdf", "-o", "out.yaml", "--year", "2024"],
        &dir.0,
    );
    let err = stderr(&o);
    // Read, though it is no report: the sections are missing (exit 1).
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(!err.contains("没有文字层"), "{err}");
    let text = std::fs::read_to_string(dir.path("out.yaml")).unwrap();
    assert!(text.contains("Report 2024"), "{text}");
}

#[test]
fn pdf_text_given_as_actual_text_is_read_as_that_text() {
    // LibreOffice draws each character of some CJK faces with one code
    // (here `A`, which the font maps to nothing useful) and says what it is
    // in a marked-content `ActualText`; a space, too, as the dash's glyph.
    let span = |utf16: &str, x: u32| {
        format!("/Span <</ActualText <FEFF{utf16}>>> BDC 1 0 0 1 {x} 600 Tm (A) Tj EMC ")
    };
    let mut content = String::from("BT /F2 12 Tf ");
    for (k, unit) in ["5E74", "62A5", "0020", "2014"].iter().enumerate() {
        content.push_str(&span(unit, 72 + 12 * k as u32));
    }
    // A span with several glyphs stands for its text once.
    content.push_str(
        "/Span <</ActualText <FEFF0041004200430044>>> BDC 1 0 0 1 140 600 Tm (WXYZ) Tj EMC ",
    );
    content.push_str("ET");
    let bytes = pdf_bytes(1, content.as_bytes(), false, true);
    let dir = TempDir::new("import-pdf-actual-text");
    std::fs::write(dir.path("actual.pdf"), bytes).unwrap();
    let o = nianbao(
        &["import", "actual.pdf", "-o", "out.yaml", "--year", "2024"],
        &dir.0,
    );
    let err = stderr(&o);
    assert!(!err.contains("没有文字层"), "{err}");
    let text = std::fs::read_to_string(dir.path("out.yaml")).unwrap();
    let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    // 年 报, the space left out, —, and ABCD for the four glyphs WXYZ.
    assert!(squeezed.contains("前言:|年报—ABCD"), "{text}");
    assert!(!text.contains("WXYZ"), "{text}");
}

/// The example files with a fee block in each form nianbao prints: 2021 nil
/// (numbered, as the example is, and not numbered), 2021 with figures, and
/// the 2019 format nil and with figures. The figures the statement shows.
fn fee_variants() -> Vec<(&'static str, String, [Option<&'static str>; 3])> {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let y2024 = std::fs::read_to_string(examples.join("zibo-zhangdian-traffic-2024.yaml")).unwrap();
    let y2020 = std::fs::read_to_string(examples.join("zhangdian-transport-2020.yaml")).unwrap();
    let figures = |s: &str, n: &str, a: &str, c: &str| {
        s.replace("收费通知件数: 0", &format!("收费通知件数: {n}"))
            .replace("收费通知金额: 0", &format!("收费通知金额: {a}"))
            .replace("实际收取金额: 0", &format!("实际收取金额: {c}"))
    };
    let other = y2024.find("其他事项:").unwrap();
    let body = other + y2024.slice_from(other).find("  正文: |").unwrap();
    // The body ends at the next line that is not indented, or the file.
    let body_end = body
        + y2024
            .slice_from(body)
            .match_indices('\n')
            .map(|(i, _)| i + 1)
            .find(|&i| {
                y2024
                    .slice_from(body + i)
                    .starts_with(|c: char| !c.is_whitespace())
            })
            .unwrap_or(y2024.len() - body);
    let unnumbered = format!(
        "{}  正文: |\n    无。\n{}",
        y2024.slice_to(body),
        y2024.slice_from(body_end)
    );
    let nil2020 = y2020.replace(
        "其他事项:\n",
        "其他事项:\n  信息处理费:\n    收费通知件数: 0\n    收费通知金额: 0\n    实际收取金额: 0\n",
    );
    let zero = [Some("0"), Some("0"), Some("0")];
    vec![
        ("nil2024", y2024.clone(), zero),
        ("unnumbered2024", unnumbered, zero),
        (
            "fee2024",
            figures(&y2024, "2", "0.03", "0.02"),
            [Some("2"), Some("0.03"), Some("0.02")],
        ),
        ("nil2020", nil2020.clone(), zero),
        (
            // The 2019 sentence shows only the amount collected.
            "fee2020",
            figures(&nil2020, "1", "0.01", "0.01"),
            [None, None, Some("0.01")],
        ),
    ]
}

#[test]
fn fee_statement_round_trips_in_every_format() {
    // Issue 25.5: the fee sentence nianbao writes comes back as the figures,
    // not as text of section 六, so a build of the imported file prints the
    // fee statement once.
    let dir = TempDir::new("import-fee-rt");
    for (name, yaml, want) in fee_variants() {
        let src = dir.path(&format!("{name}.yaml"));
        std::fs::write(&src, &yaml).unwrap();
        let o = nianbao(
            &[
                "build",
                "--draft",
                src.to_str().unwrap(),
                "--format",
                "html,docx,pdf",
                "-o",
                "out",
            ],
            &dir.0,
        );
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
        for ext in ["html", "docx", "pdf"] {
            let what = format!("{name}.{ext}");
            let built = dir.path(&format!("out/{what}"));
            let back = dir.path(&format!("back-{name}-{ext}.yaml"));
            let o = nianbao(
                &[
                    "import",
                    built.to_str().unwrap(),
                    "-o",
                    back.to_str().unwrap(),
                ],
                &dir.0,
            );
            let err = stderr(&o);
            assert!(!err.contains("panicked"), "{what}: {err}");
            let got = load::load_path(&back).unwrap().report.unwrap();
            let fee = got.fee.as_ref().unwrap_or_else(|| panic!("{what}: no fee"));
            let figures = [
                fee.notices.as_ref().map(|n| n.value.to_string()),
                fee.notice_amount.as_ref().map(|d| d.value.to_string()),
                fee.collected.as_ref().map(|d| d.value.to_string()),
            ];
            assert_eq!(figures, want.map(|w| w.map(String::from)), "{what}");
            assert!(
                !got.other.value.contains("信息处理费") && !got.other.value.contains("相关费用"),
                "{what}: {}",
                got.other.value
            );
            // Built again: the fee statement once.
            let o = nianbao(
                &[
                    "build",
                    "--draft",
                    back.to_str().unwrap(),
                    "--format",
                    "md",
                    "-o",
                    "again",
                ],
                &dir.0,
            );
            // (The 2019 figures the sentence does not show are left blank:
            // an error, but the draft is written.)
            assert!(!stderr(&o).contains("panicked"), "{what}: {}", stderr(&o));
            let md =
                std::fs::read_to_string(dir.path(&format!("again/back-{name}-{ext}.md"))).unwrap();
            let sentence = if name.ends_with("2020") {
                "相关费用"
            } else {
                "109号"
            };
            assert_eq!(md.matches(sentence).count(), 1, "{what}: {md}");
            assert!(
                md.matches("信息处理费收取情况").count() <= 1,
                "{what}: {md}"
            );
        }
    }
}

#[test]
fn audit_reports_no_fee_error_on_nianbaos_own_pdf() {
    // Issue 25.5: `audit` of a fee-showing PDF nianbao built: no FEE-REPORT.
    let dir = TempDir::new("import-fee-audit");
    for (name, yaml, _) in fee_variants() {
        std::fs::write(dir.path(&format!("{name}.yaml")), &yaml).unwrap();
    }
    let o = nianbao(
        &["build", "--draft", ".", "--format", "pdf", "-o", "pdf"],
        &dir.0,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = nianbao(&["audit", "pdf", "-o", "audit"], &dir.0);
    assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
    let csv = std::fs::read_to_string(dir.path("audit/summary.csv")).unwrap();
    assert!(!csv.contains("FEE-REPORT"), "{csv}");
    assert!(csv.lines().count() > 5, "{csv}");
}

#[test]
fn a_heading_of_section_six_is_kept_once() {
    // Issue 25.5: a heading written twice, or the fee heading left beside a
    // fee statement nianbao prints itself, would be printed twice: import
    // drops the repeat and says so.
    let dir = TempDir::new("import-six-headings");
    let text = std::fs::read_to_string(fixture("004-2021-notes.txt"))
        .unwrap()
        .replace(
            "（一）收取信息处理费情况。本年度未收取信息处理费。",
            "（一）收取信息处理费情况\n按规定办理信息处理费的有关事项。\n（二）建议提案办理情况\n已办结。",
        );
    std::fs::write(dir.path("r.txt"), text).unwrap();
    let o = nianbao(&["import", "r.txt", "-o", "r.yaml"], &dir.0);
    let err = stderr(&o);
    assert!(err.contains("出现了两次"), "{err}");
    assert!(err.contains("重复，已从正文中去掉"), "{err}");
    let got = load::load_path(&dir.path("r.yaml"))
        .unwrap()
        .report
        .unwrap();
    let body = &got.other.value;
    assert_eq!(body.matches("建议提案办理情况").count(), 1, "{body}");
    assert!(!body.contains("收取信息处理费情况"), "{body}");
    assert!(body.contains("按规定办理信息处理费的有关事项"), "{body}");
}

/// Imports `bytes` as `name` and checks that it is refused (exit status 2)
/// within `secs` seconds with a message naming the file and containing
/// `expect`. Issue 26: every input is handled in bounded time and memory or
/// refused clearly.
fn refused_quickly(name: &str, bytes: &[u8], expect: &str, secs: u64) {
    let dir = TempDir::new("import-limit");
    std::fs::write(dir.path(name), bytes).unwrap();
    let start = std::time::Instant::now();
    let o = nianbao(
        &["import", name, "--year", "2024", "-o", "out.yaml"],
        &dir.0,
    );
    let took = start.elapsed();
    let err = stderr(&o);
    assert!(!err.contains("panicked"), "{name}: {err}");
    assert_eq!(o.status.code(), Some(2), "{name}: {err}");
    assert!(err.contains(name) && err.contains(expect), "{name}: {err}");
    assert!(took.as_secs() < secs, "{name}: {took:?}");
}

/// A PDF of the given objects (object 1 the catalog), uncompressed, with a
/// correct cross-reference table.
fn raw_pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.5\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A stream object of `data` with extra dictionary entries.
fn raw_stream(data: &[u8], extra: &str) -> Vec<u8> {
    let mut s = format!("<< /Length {}{extra} >>\nstream\n", data.len()).into_bytes();
    s.extend_from_slice(data);
    s.extend_from_slice(b"\nendstream");
    s
}

#[test]
fn a_pdf_cmap_over_a_font_is_refused_before_it_is_expanded() {
    // Issue 26.1: a 1 KB PDF whose ToUnicode range declares 2^28 codes took
    // 2 GB and ~140 s (debug); now refused at once.
    let cmap = b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n1 begincodespacerange\n<00000000> <FFFFFFFF>\nendcodespacerange\n1 beginbfrange\n<00000000> <0FFFFFFF> <0041>\nendbfrange\nendcmap\nend\nend\n";
    let pdf = raw_pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>".to_vec(),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>".to_vec(),
        raw_stream(b"BT /F1 12 Tf 72 700 Td <00000041> Tj ET", ""),
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X >>".to_vec(),
        raw_stream(cmap, ""),
    ]);
    refused_quickly("cmap.pdf", &pdf, "65536", 5);
}

#[test]
fn pdf_operators_are_counted_before_they_are_decoded() {
    // Issue 26.2: 4.1 million `q` (compressed to a few KB) were decoded
    // whole (8 million: 4.4 GB) before the operator limit refused them.
    let content = b"q ".repeat(4_100_000);
    refused_quickly(
        "q.pdf",
        &pdf_bytes(1, &content, true, false),
        "个绘制指令",
        5,
    );
    // Fewer than the most of any file, but far more than a file of its
    // size holds: 2.7 million `(1)Tj` in 24 KB held 900 MB of operators and
    // glyphs before their text ran out.
    let content = b"(1)Tj ".repeat(2_700_000);
    refused_quickly(
        "tj.pdf",
        &pdf_bytes(1, &content, true, false),
        "个绘制指令",
        5,
    );
}

#[test]
fn a_pdf_form_drawing_itself_many_times_is_refused() {
    // Issue 26.2: a chain of forms each drawing the next ten times fans out
    // exponentially; each form is decoded once and form runs are counted.
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /X 5 0 R >> >> /Contents 4 0 R >>".to_vec(),
        raw_stream(b"/X Do", ""),
    ];
    for i in 0..8 {
        let form = " /Type /XObject /Subtype /Form /BBox [0 0 595 842]";
        objects.push(if i < 7 {
            raw_stream(
                &b"/X Do ".repeat(10),
                &format!("{form} /Resources << /XObject << /X {} 0 R >> >>", 6 + i),
            )
        } else {
            raw_stream(&b"0 0 m 10 0 l S ".repeat(50), form)
        });
    }
    refused_quickly("fan.pdf", &raw_pdf(&objects), "20000", 5);
}

#[test]
fn a_pdf_object_stream_bomb_is_refused_before_it_is_parsed() {
    // The parser decodes object streams itself and without a bound: a
    // 17 MB object stream (deflated to a few KB) is refused before that.
    let bomb = raw_stream(
        &deflated(&vec![b' '; 17 * 1024 * 1024]),
        " /Type /ObjStm /N 1 /First 10 /Filter /FlateDecode",
    );
    let pdf = raw_pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".to_vec(),
        raw_stream(b"BT ET", ""),
        bomb,
    ]);
    refused_quickly("objstm.pdf", &pdf, "对象流解压后超过 16 MB", 5);
}

#[test]
fn a_pdf_stream_bomb_whose_type_is_disguised_is_refused() {
    // `/Obj#53tm` is `/ObjStm` to the parser but not to a look at the
    // bytes; deflated twice, 300 MB of zeros fit in a few hundred bytes.
    use std::io::Write;
    let mut once = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![0u8; 1 << 20];
    for _ in 0..300 {
        once.write_all(&chunk).unwrap();
    }
    let twice = deflated(&once.finish().unwrap());
    let pdf = raw_pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".to_vec(),
        raw_stream(b"BT ET", ""),
        raw_stream(
            &twice,
            " /Type /Obj#53tm /N 1 /First 4 /Filter [/FlateDecode /FlateDecode]",
        ),
    ]);
    refused_quickly("disguised.pdf", &pdf, "数据流解压后超过 256 MB", 20);
}

#[test]
fn a_pdf_with_millions_of_pages_in_its_page_tree_is_refused_quickly() {
    // Pages written straight into the page tree's Kids (no objects of
    // their own): 2 million of them in 30 MB.
    let kids = "<</Type/Page>> ".repeat(2_000_000);
    let pdf = raw_pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!("<< /Type /Pages /Count 2000000 /Kids [{kids}] >>").into_bytes(),
    ]);
    refused_quickly("kids.pdf", &pdf, "超过 500000 个字典对象", 10);
}

/// The data file imported from the PDF `src` (copied to `name` in `dir`),
/// with the copy's name taken out; the exit status.
fn imported_pdf(dir: &TempDir, src: &Path, name: &str) -> (i32, String) {
    std::fs::copy(src, dir.path(name)).unwrap();
    let o = nianbao(&["import", name, "-o", "out.yaml"], &dir.0);
    let err = stderr(&o);
    assert!(!err.contains("panicked"), "{name}: {err}");
    let text = std::fs::read_to_string(dir.path("out.yaml")).unwrap_or_default();
    let _ = std::fs::remove_file(dir.path("out.yaml"));
    let stem = name.trim_end_matches(".pdf");
    (o.status.code().unwrap_or(-1), text.replace(stem, "X"))
}

#[test]
fn a_pdf_encrypted_without_a_user_password_reads_as_the_plain_one() {
    // Published reports are often "encrypted" with an empty user password
    // (printing or copying restricted): RC4 and AES alike are read; a file
    // that needs a password is refused by name.
    let dir = TempDir::new("import-pdf-encrypted");
    let src = fixture("blanks-2021-libreoffice.pdf");
    let plain = imported_pdf(&dir, &src, "plain.pdf");
    assert_eq!(plain.0, 0);
    let variants: [(&str, &[&str]); 3] = [
        (
            "rc4.pdf",
            &[
                "--allow-weak-crypto",
                "--encrypt",
                "",
                "owner",
                "128",
                "--use-aes=n",
                "--",
            ],
        ),
        (
            "aes128.pdf",
            &[
                "--allow-weak-crypto",
                "--encrypt",
                "",
                "owner",
                "128",
                "--use-aes=y",
                "--",
            ],
        ),
        ("aes256.pdf", &["--encrypt", "", "owner", "256", "--"]),
    ];
    for (name, args) in variants {
        let out = dir.path(&format!("enc-{name}"));
        let mut all: Vec<&str> = args.to_vec();
        all.extend([src.to_str().unwrap(), out.to_str().unwrap()]);
        if pdf_inspect::external("qpdf", &all).is_none() {
            return;
        }
        assert!(
            std::fs::read(&out)
                .unwrap()
                .windows(8)
                .any(|w| w == b"/Encrypt")
        );
        assert_eq!(imported_pdf(&dir, &out, name), plain, "{name}");
    }
    let locked = dir.path("locked-src.pdf");
    let args = ["--encrypt", "secret", "owner", "256", "--"];
    let mut all: Vec<&str> = args.to_vec();
    all.extend([src.to_str().unwrap(), locked.to_str().unwrap()]);
    if pdf_inspect::external("qpdf", &all).is_some() {
        let cases = [("locked.pdf", std::fs::read(&locked).unwrap(), "加了密码")];
        assert_refused(&dir, &cases);
    }
}

/// A .docx whose `word/document.xml` has `body` in its `w:body`, and the
/// other parts given.
fn docx_with(body: &str, parts: &[(&str, &[u8])]) -> Vec<u8> {
    let doc = format!(
        r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>某局2024年政府信息公开工作年度报告</w:t></w:r></w:p>{body}</w:body></w:document>"#
    );
    let mut entries: Vec<(&str, &[u8])> = vec![("word/document.xml", doc.as_bytes())];
    entries.extend_from_slice(parts);
    zip_bytes(&entries)
}

#[test]
fn word_list_labels_are_bounded() {
    // Issue 26.3: a 1.3 KB .docx with a 200 KB list-level text on 300
    // paragraphs wrote a 79 MB data file (23 s, 477 MB, debug).
    let numbering = format!(
        r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="{}"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>"#,
        "%1".repeat(128)
    );
    let p = r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>x</w:t></w:r></w:p>"#;
    let docx = docx_with(
        &p.repeat(3),
        &[("word/numbering.xml", numbering.as_bytes())],
    );
    refused_quickly("label.docx", &docx, "255", 5);
}

#[test]
fn word_text_amplified_by_list_labels_is_bounded_in_all() {
    // Issue 58.2: a 250-character label on every one of 50,000 short
    // paragraphs would make 37 MB of text from a document of some 100 KB.
    let numbering = format!(
        r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="{}"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>"#,
        "甲".repeat(250)
    );
    let p = r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>x</w:t></w:r></w:p>"#;
    let docx = docx_with(
        &p.repeat(50_000),
        &[("word/numbering.xml", numbering.as_bytes())],
    );
    refused_quickly("labels.docx", &docx, "读出的文字超过 32 MB", 10);
}

#[test]
fn word_table_rows_and_cells_are_bounded() {
    // Issue 26.3: blank cells spanning 64 columns, 400,000 of them, took
    // 3.6 GB (24 s, debug).
    let tc = r#"<w:tc><w:tcPr><w:gridSpan w:val="64"/></w:tcPr><w:p/></w:tc>"#;
    let wide = format!("<w:tbl><w:tr>{}</w:tr></w:tbl>", tc.repeat(2));
    refused_quickly("wide.docx", &docx_with(&wide, &[]), "64 列", 5);
    let long = format!(
        "<w:tbl>{}</w:tbl>",
        format!("<w:tr>{tc}</w:tr>").repeat(313)
    );
    refused_quickly("cells.docx", &docx_with(&long, &[]), "20000", 5);
}

#[test]
fn word_xml_with_too_many_attributes_is_refused_before_parsing() {
    // Issue 26.4: the XML parser compares an element's attributes pairwise
    // (45,000 on one element: 3.9 s, debug).
    let attrs: String = (0..1_001).map(|i| format!(" a{i}=\"1\"")).collect();
    let body = format!("<w:p{attrs}/>");
    refused_quickly("attrs.docx", &docx_with(&body, &[]), "1000", 5);
    let ns: String = (0..10_001)
        .map(|i| format!("<w:p xmlns:n{i}=\"u\"/>"))
        .collect();
    refused_quickly("ns.docx", &docx_with(&ns, &[]), "10000", 5);
}

#[test]
fn a_docx_with_many_zip_directory_records_is_refused() {
    // Issue 26.4: the zip reader tries every end-of-central-directory
    // record; more than 64 are refused before it opens the archive.
    let mut docx = docx_with("", &[]);
    let at = docx.windows(4).rposition(|w| w == b"PK\x05\x06").unwrap();
    let record = docx[at..].to_vec();
    for _ in 0..64 {
        docx.extend_from_slice(&record);
    }
    refused_quickly("eocd.docx", &docx, "64", 5);
}

/// Each `(file name, bytes, words)` is refused by `import` with exit status
/// 2, a message naming the file and containing the words, no panic and no
/// output file.
fn assert_refused<B: AsRef<[u8]>>(dir: &TempDir, cases: &[(&str, B, &str)]) {
    for (name, bytes, expect) in cases {
        std::fs::write(dir.path(name), bytes).unwrap();
        let o = nianbao(&["import", name, "-o", "out.yaml"], &dir.0);
        let err = stderr(&o);
        assert!(!err.contains("panicked"), "{name}: {err}");
        assert_eq!(o.status.code(), Some(2), "{name}: {err}");
        assert!(err.contains(name), "{name}: {err}");
        assert!(err.contains(expect), "{name}: {err}");
        assert!(!dir.path("out.yaml").exists(), "{name}");
    }
}

#[test]
fn a_row_whose_figures_the_column_totals_place_elsewhere_is_left_blank() {
    // 予以公开 printed 1 | 7 | 12 …; here its 7 stands one column on, with a
    // blank where it was: the row still adds up to its own total, but the
    // columns no longer add up to （七）总计 in 商业企业 and 科研机构 while
    // their grand total does — the figure's column is not certain.
    let dir = TempDir::new("import-shifted");
    let text = std::fs::read_to_string(fixture("corpus/md-2021.md")).unwrap();
    let row = "| 三、本年度办理结果 · （一）予以公开 | 1 | 7 | 12 | 3 | 9 | 1 | 33 |";
    assert!(text.contains(row));
    let text = text.replace(
        row,
        "| 三、本年度办理结果 · （一）予以公开 | 1 |  | 19 | 3 | 9 | 1 | 33 |",
    );
    std::fs::write(dir.path("a.md"), text).unwrap();
    let o = nianbao(&["import", "a.md", "-o", "a.yaml"], &dir.0);
    let err = stderr(&o);
    assert!(err.contains("“商业企业、科研机构”列对不上"), "{err}");
    assert!(err.contains("本行未导入"), "{err}");
    let rep = load::load_path(&dir.path("a.yaml"))
        .unwrap()
        .report
        .unwrap();
    assert_eq!(t3(&rep, "办理结果.予以公开"), (vec![None; 6], None));
    // The full rows, whose columns are certain, stay.
    assert_eq!(
        t3(&rep, "办理结果.部分公开"),
        (
            [9, 1, 5, 11, 3, 7].iter().map(|&v| Some(v)).collect(),
            Some(36)
        )
    );
}

#[test]
fn a_received_row_whose_columns_the_balance_contradicts_is_left_blank() {
    // 一、本年新收 printed 141 | 128 | 142 …; here its 128 stands one column
    // on (270 = 128 + 142), a blank where it was: 一 + 二 = （七） + 四 no
    // longer holds in 商业企业 and 科研机构, while it holds in sum.
    let dir = TempDir::new("import-balance");
    let text = std::fs::read_to_string(fixture("corpus/md-2021.md")).unwrap();
    let row = "| 一、本年新收政府信息公开申请数量 | 141 | 128 | 142 | 147 | 143 | 135 | 836 |";
    assert!(text.contains(row));
    let text = text.replace(
        row,
        "| 一、本年新收政府信息公开申请数量 | 141 |  | 270 | 147 | 143 | 135 | 836 |",
    );
    std::fs::write(dir.path("a.md"), text).unwrap();
    let o = nianbao(&["import", "a.md", "-o", "a.yaml"], &dir.0);
    let err = stderr(&o);
    assert!(
        err.contains("一 + 二 = （七） + 四”在“商业企业、科研机构”列对不上"),
        "{err}"
    );
    let rep = load::load_path(&dir.path("a.yaml"))
        .unwrap()
        .report
        .unwrap();
    assert_eq!(t3(&rep, "本年新收"), (vec![None; 6], None));
    assert_eq!(
        t3(&rep, "上年结转"),
        (
            [2, 5, 3, 1, 4, 2].iter().map(|&v| Some(v)).collect(),
            Some(17)
        )
    );
}

#[test]
fn table_three_of_the_word_document_reads_back_exactly() {
    // The Word document sets table 三's outer label 三、本年度办理结果 again
    // at each block of its rows (render::docx::table): the import still
    // reads every figure back into its row.
    let dir = TempDir::new("import-docx-t3");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for input in [
        "tests/fixtures/hardtext/hardtext-2024.yaml",
        "examples/zhangdian-transport-2020.yaml",
    ] {
        let src = root.join(input);
        let stem = src.file_stem().unwrap().to_str().unwrap().to_string();
        let o = nianbao(
            &[
                "build",
                src.to_str().unwrap(),
                "--format",
                "docx",
                "--accept-missing-glyphs",
                "-o",
                "out",
            ],
            &dir.0,
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let back = dir.path(&format!("{stem}-back.yaml"));
        let docx = dir.path(&format!("out/{stem}.docx"));
        let o = nianbao(
            &[
                "import",
                docx.to_str().unwrap(),
                "-o",
                back.to_str().unwrap(),
            ],
            &dir.0,
        );
        assert!(stderr(&o).contains("导入完整"), "{stem}: {}", stderr(&o));
        let want = load::load_path(&src).unwrap().report.unwrap();
        let got = load::load_path(&back).unwrap().report.unwrap();
        let ed = want.edition();
        let rows = nianbao::model::official::t3_rows(ed).len();
        for i in 0..rows {
            for col in 0..7 {
                assert_eq!(
                    got.table3.value(ed, i, col),
                    want.table3.value(ed, i, col),
                    "{stem}: row {i} column {col}"
                );
            }
        }
    }
}

/// Issue 58.6: nianbao stopped (`SIGTERM`) while LibreOffice converts a
/// `.doc` takes the converter's whole process group and its temporary
/// folder with it, and ends by the signal.
#[cfg(target_os = "linux")]
#[test]
fn a_signal_during_a_doc_conversion_ends_the_converter_and_its_folder() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::ExitStatusExt;
    use std::time::{Duration, Instant};
    let tmp = TempDir::new("doc-signal");
    let temp = tmp.path("tmp");
    std::fs::create_dir(&temp).unwrap();
    let pid_file = tmp.path("helper.pid");
    let script = tmp.path("soffice");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nsleep 300 &\necho $! > '{}'\nsleep 300\n",
            pid_file.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut doc = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    doc.resize(4096, 0);
    std::fs::write(tmp.path("a.doc"), &doc).unwrap();
    let mut child = common::nianbao()
        .arg("import")
        .arg(tmp.path("a.doc"))
        .arg("-o")
        .arg(tmp.path("a.yaml"))
        .args(["--year", "2024"])
        .env("NIANBAO_SOFFICE", &script)
        .env("TMPDIR", &temp)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while std::fs::read_to_string(&pid_file).map_or(true, |p| p.trim().is_empty()) {
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "no conversion began"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    crate::common::send_signal(child.id(), libc::SIGTERM);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "nianbao still runs"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.signal(), Some(15), "{status:?}");
    let helper = std::fs::read_to_string(&pid_file).unwrap();
    let stat = PathBuf::from(format!("/proc/{}/stat", helper.trim()));
    let gone = (0..50).any(|_| {
        std::thread::sleep(Duration::from_millis(20));
        std::fs::read_to_string(&stat).map_or(true, |s| {
            s.rsplit(')')
                .next()
                .is_some_and(|r| r.trim_start().starts_with('Z'))
        })
    });
    assert!(gone, "LibreOffice's helper {} still runs", helper.trim());
    let left: Vec<_> = std::fs::read_dir(&temp).unwrap().collect();
    assert!(left.is_empty(), "temporary folder left: {left:?}");
    assert!(!tmp.path("a.yaml").exists());
}

/// A text of millions of lines is refused before its lines are made: 10 MB
/// of `1` lines took 12 s and 1.5 GB, 10 MB of line breaks 6.4 s and
/// 1.17 GB.
#[test]
fn a_text_of_millions_of_lines_is_refused_before_reading_them() {
    let dir = TempDir::new("import-many-lines");
    std::fs::write(dir.path("nums.txt"), "1\n".repeat(1_000_000)).unwrap();
    std::fs::write(dir.path("breaks.txt"), "\r\n".repeat(1_000_000)).unwrap();
    for input in ["nums.txt", "breaks.txt"] {
        let started = std::time::Instant::now();
        let out = nianbao(
            &["import", input, "--year", "2024", "-o", "out.yaml"],
            &dir.0,
        );
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("文档超过 200000 行"),
            "{}",
            stderr(&out)
        );
        assert!(started.elapsed().as_secs() < 5);
        assert!(!dir.path("out.yaml").exists());
    }
}
