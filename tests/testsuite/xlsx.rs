//! Excel/WPS workbooks: `new --format xlsx`, `build --format xlsx`, and
//! workbooks read back by `check`, `import` and every other command,
//! also after LibreOffice and openpyxl have written them.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{TempDir, run_in as nianbao, stderr};

use nianbao::model::official::{self, T3Role};
use nianbao::model::{Edition, Report};

const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/zibo-zhangdian-traffic-2024.yaml"
);

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn load(path: &Path) -> nianbao::load::Loaded {
    nianbao::load::load_path(path).expect("readable")
}

/// Every figure and text of a report, by data path, as written.
/// Every XML part of a workbook, one after the other.
fn xml_text(bytes: &[u8]) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = String::new();
    for i in 0..zip.len() {
        let _ = zip.by_index(i).unwrap().read_to_string(&mut out);
    }
    out
}

/// A narrative with the marks of headings numbered by their form taken
/// off (`### （一）主动公开` → `（一）主动公开`): they print alike, and the
/// workbook's 正文 cells show them without marks (issue 60.6).
fn as_printed(text: &str) -> String {
    text.split('\n')
        .map(|line| {
            ["##### ", "#### ", "### "]
                .into_iter()
                .find_map(|mark| {
                    let rest = line.strip_prefix(mark)?;
                    (nianbao::model::narrative::heading_mark(rest) == Some(mark))
                        .then(|| rest.trim())
                })
                .unwrap_or(line)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn figures(r: &Report) -> Vec<(String, String)> {
    let mut out = vec![
        ("格式".to_string(), r.edition().to_string()),
        ("机关".to_string(), r.agency.value.clone()),
        ("年度".to_string(), r.year.value.to_string()),
        // Issue 74.2: what the file declares the agency to be.
        (
            "机关类型".to_string(),
            format!("{:?}", r.kind.as_ref().map(|(k, b)| (k.value, *b))),
        ),
        (
            "成文日期".to_string(),
            format!("{:?}", r.date.as_ref().map(|d| d.value)),
        ),
        (
            "联系方式".to_string(),
            format!(
                "{:?}",
                [
                    &r.contact.address,
                    &r.contact.postcode,
                    &r.contact.phone,
                    &r.contact.email
                ]
                .map(|v| v.as_ref().map(|v| v.value.clone()))
            ),
        ),
        (
            "前言".to_string(),
            format!("{:?}", r.preface.as_ref().map(|t| &t.value)),
        ),
        (
            "上年数据".to_string(),
            format!("{:?}", r.previous.as_ref().map(|p| &p.value)),
        ),
        ("总体情况".to_string(), as_printed(&r.overview.value)),
        ("问题及改进".to_string(), as_printed(&r.problems.value)),
        ("其他事项.正文".to_string(), as_printed(&r.other.value)),
    ];
    for (g, group) in r.table2.cells.iter().enumerate() {
        for (i, row) in group.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let v = cell
                    .as_ref()
                    .map(|v| (v.number.value.to_string(), v.note.clone()));
                out.push((format!("表二[{g}][{i}][{c}]"), format!("{v:?}")));
            }
        }
    }
    let ed = r.edition();
    for (i, row) in r.table3.rows.iter().enumerate() {
        let present = official::t3_rows(ed)[i].role != T3Role::ResultTotal || row.present;
        let cells: Vec<Option<u64>> = row
            .cells
            .iter()
            .map(|c| c.as_ref().map(|c| c.value))
            .collect();
        out.push((
            format!("表三[{i}]"),
            format!(
                "{present} {cells:?} {:?}",
                row.printed_total.as_ref().map(|t| t.value)
            ),
        ));
    }
    for (i, row) in r.table4.rows.iter().enumerate() {
        let cells: Vec<Option<u64>> = row
            .cells
            .iter()
            .map(|c| c.as_ref().map(|c| c.value))
            .collect();
        out.push((
            format!("表四[{i}]"),
            format!(
                "{cells:?} {:?}",
                row.printed_total.as_ref().map(|t| t.value)
            ),
        ));
    }
    let fee = r.fee.as_ref().map(|f| {
        (
            f.notices.as_ref().map(|n| n.value),
            f.notice_amount.as_ref().map(|a| a.value.to_string()),
            f.collected.as_ref().map(|a| a.value.to_string()),
        )
    });
    // A fee statement without a figure is no figure.
    let fee = fee.filter(|f| *f != (None, None, None));
    out.push(("信息处理费".to_string(), format!("{fee:?}")));
    out
}

/// Every data file of the examples and the fixtures.
fn data_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in [
        "examples",
        "tests/fixtures/rules",
        "tests/fixtures/quiet",
        "tests/fixtures/new",
    ] {
        for entry in std::fs::read_dir(root().join(dir)).unwrap() {
            let p = entry.unwrap().path();
            if p.extension().is_some_and(|e| e == "yaml") {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn every_data_file_reads_back_from_its_workbook() {
    let dir = TempDir::new("xlsx-roundtrip");
    let mut compared = 0;
    for file in data_files() {
        let Some(report) = load(&file).report else {
            continue;
        };
        let book = dir.path("book.xlsx");
        let bytes = nianbao::xlsx::workbook(&report);
        assert!(
            !xml_text(&bytes).contains("### "),
            "{}: a 正文 cell shows ###",
            file.display()
        );
        std::fs::write(&book, bytes).unwrap();
        let back = load(&book);
        let again = back
            .report
            .unwrap_or_else(|| panic!("{}: {:?}", file.display(), back.diagnostics));
        let (want, got) = (figures(&report), figures(&again));
        for (w, g) in want.iter().zip(&got) {
            assert_eq!(w, g, "{}", file.display());
        }
        // Nothing of reading the workbook by its labels went wrong.
        let troubles: Vec<_> = back
            .diagnostics
            .iter()
            .filter(|d| d.code.as_str().starts_with("IMPORT"))
            .collect();
        assert!(troubles.is_empty(), "{}: {troubles:?}", file.display());
        compared += 1;
    }
    assert!(compared > 40, "{compared}");
}

/// `new --format xlsx` into a fresh folder: the workbook's path.
fn new_workbook(dir: &TempDir) -> PathBuf {
    let o = nianbao(
        &[
            "new",
            "--from",
            EXAMPLE,
            "--format",
            "xlsx",
            "-o",
            "2025.xlsx",
        ],
        &dir.0,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    dir.path("2025.xlsx")
}

#[test]
fn new_writes_next_years_workbook_with_what_is_carried_over() {
    let dir = TempDir::new("xlsx-new");
    let book = new_workbook(&dir);
    let prev = load(Path::new(EXAMPLE)).report.unwrap();
    let report = load(&book).report.unwrap();
    assert_eq!(report.year.value, 2025);
    assert_eq!(report.edition(), Edition::E2021);
    assert_eq!(report.agency.value, prev.agency.value);
    let contact = |r: &Report| {
        let c = &r.contact;
        [&c.address, &c.postcode, &c.phone, &c.email].map(|v| v.as_ref().map(|v| v.value.clone()))
    };
    assert_eq!(contact(&report), contact(&prev));
    let carried_out = official::t3_index(prev.edition(), T3Role::CarriedOut);
    let carried_in = official::t3_index(Edition::E2021, T3Role::CarriedIn);
    let values = |r: &Report, i: usize| -> Vec<Option<u64>> {
        r.table3.rows[i]
            .cells
            .iter()
            .map(|c| c.as_ref().map(|c| c.value))
            .collect()
    };
    assert_eq!(values(&report, carried_in), values(&prev, carried_out));
    assert!(values(&report, carried_in).iter().all(Option::is_some));
    // Everything else waits to be filled: check lists it.
    let o = nianbao(&["check", "--format", "short", "2025.xlsx"], &dir.0);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("2025.xlsx 表三!D6: error CELL-EMPTY"), "{out}");
}

#[test]
fn the_workbook_is_protected_validated_and_computes_its_totals() {
    let report = nianbao::next_year::blank(2025, "某局").report;
    let parts = nianbao::xlsx::parts(&report);
    let part = |name: &str| &parts.iter().find(|(n, _)| n == name).unwrap().1;
    let workbook = part("xl/workbook.xml");
    for sheet in ["说明", "基本信息", "表二", "表三", "表四", "正文"] {
        assert!(workbook.contains(&format!("name=\"{sheet}\"")), "{sheet}");
    }
    let t3 = part("xl/worksheets/sheet4.xml");
    assert!(t3.contains("<sheetProtection sheet=\"1\""));
    assert!(!t3.contains("password"));
    assert!(
        t3.contains("<mergeCell ref=\"A8:A29\"/>"),
        "三、本年度办理结果 merged down 22 rows"
    );
    // Every figure to fill is validated; each row's total is a formula.
    assert_eq!(t3.matches("<dataValidation ").count(), 24 * 6);
    // 25 row totals (the （七）总计 row's too) and the （七）总计 row's first column.
    assert_eq!(t3.matches("<f>SUM(D").count(), 25 + 1);
    assert!(t3.contains("<f>SUM(E8:E28)</f>"));
    let t2 = part("xl/worksheets/sheet3.xml");
    assert!(t2.contains(",6)=B"), "行政事业性收费 in 万元, six decimals");
    let info = part("xl/worksheets/sheet2.xml");
    assert_eq!(
        info.matches("type=\"custom\"").count(),
        2,
        "two fee amounts"
    );
    let styles = part("xl/styles.xml");
    assert_eq!(styles.matches("<protection locked=\"0\"/>").count(), 3);
}

#[test]
fn check_names_the_cell_of_each_problem() {
    let dir = TempDir::new("xlsx-check");
    let mut report = load(Path::new(EXAMPLE)).report.unwrap();
    let row = official::t3_index(report.edition(), T3Role::Received);
    let sum = report.table3.rows[row].sum().unwrap();
    report.table3.rows[row].printed_total =
        Some(nianbao::model::Located::new(sum + 1, Default::default()));
    std::fs::write(dir.path("年报.xlsx"), nianbao::xlsx::workbook(&report)).unwrap();
    let o = nianbao(&["check", "年报.xlsx"], &dir.0);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains(&crate::common::headline("错误", "T3-ROWSUM")),
        "{out}"
    );
    assert!(out.contains("--> 年报.xlsx 表三!J6"), "{out}");
    let o = nianbao(&["check", "--format", "json", "年报.xlsx"], &dir.0);
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let cells: Vec<&str> = doc["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["cell"].as_str())
        .collect();
    assert!(cells.contains(&"表三!J6"), "{cells:?}");
}

#[test]
fn build_writes_the_workbook_and_import_gives_the_data_back() {
    let dir = TempDir::new("xlsx-build");
    let o = nianbao(
        &["build", "--format", "xlsx,md", "-o", "out", EXAMPLE],
        &dir.0,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let book = dir.path("out/zibo-zhangdian-traffic-2024.xlsx");
    assert!(book.is_file());
    assert!(dir.path("out/zibo-zhangdian-traffic-2024.md").is_file());
    let o = nianbao(
        &[
            "import",
            "out/zibo-zhangdian-traffic-2024.xlsx",
            "-o",
            "back.yaml",
        ],
        &dir.0,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let back = load(&dir.path("back.yaml")).report.unwrap();
    let want = load(Path::new(EXAMPLE)).report.unwrap();
    assert_eq!(figures(&back)[1..], figures(&want)[1..]);
    // A workbook builds like a data file; the Markdown is the same.
    let o = nianbao(
        &[
            "build",
            "--format",
            "md",
            "-o",
            "again",
            "out/zibo-zhangdian-traffic-2024.xlsx",
        ],
        &dir.0,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(dir.path("again/zibo-zhangdian-traffic-2024.md")).unwrap(),
        std::fs::read_to_string(dir.path("out/zibo-zhangdian-traffic-2024.md")).unwrap()
    );
}

#[test]
fn folders_of_workbooks_are_checked_and_aggregated() {
    let dir = TempDir::new("xlsx-folder");
    std::fs::create_dir(dir.path("部门")).unwrap();
    let report = load(Path::new(EXAMPLE)).report.unwrap();
    std::fs::write(dir.path("部门/甲.xlsx"), nianbao::xlsx::workbook(&report)).unwrap();
    std::fs::copy(EXAMPLE, dir.path("部门/乙.yaml")).unwrap();
    // The lock file Excel keeps beside an open workbook is no data file.
    std::fs::write(dir.path("部门/~$甲.xlsx"), b"owner").unwrap();
    let o = nianbao(&["check", "--format", "csv", "部门"], &dir.0);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("甲.xlsx") && out.contains("乙.yaml"), "{out}");
    // Not checked, only listed as a file not read (issue 33.1).
    let lock = out.lines().find(|l| l.contains("~$")).unwrap_or_default();
    assert!(
        lock.contains(",未读取：Excel/WPS 打开“甲.xlsx”时留下的临时文件"),
        "{out}"
    );
    let o = nianbao(
        &[
            "aggregate",
            "部门",
            "--agency",
            "某区",
            "-o",
            "sum.yaml",
            "--force",
        ],
        &dir.0,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let sum = load(&dir.path("sum.yaml")).report.unwrap();
    let row = official::t3_index(Edition::E2021, T3Role::Received);
    assert_eq!(
        sum.table3.rows[row].sum(),
        report.table3.rows[row].sum().map(|s| 2 * s)
    );
}

/// Whether LibreOffice can be run here.
fn soffice() -> Option<&'static str> {
    Command::new("soffice")
        .arg("--version")
        .output()
        .ok()
        .map(|_| "soffice")
}

/// `soffice --convert-to FILTER` of `file` into `out`, with its own profile.
fn convert(file: &Path, to: &str, out: &Path) {
    let profile = out.join("profile");
    let o = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", to, "--outdir"])
        .arg(out)
        .arg(file)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn libreoffice_recomputes_the_totals_and_its_resave_imports_exactly() {
    if soffice().is_none() {
        eprintln!("LibreOffice not installed: skipped");
        return;
    }
    let dir = TempDir::new("xlsx-lo");
    let report = load(Path::new(EXAMPLE)).report.unwrap();
    std::fs::write(dir.path("ours.xlsx"), nianbao::xlsx::workbook(&report)).unwrap();
    let resaved = dir.path("lo");
    std::fs::create_dir(&resaved).unwrap();
    convert(
        &dir.path("ours.xlsx"),
        "xlsx:Calc MS Excel 2007 XML",
        &resaved,
    );
    let again = load(&resaved.join("ours.xlsx"));
    let back = again.report.unwrap();
    assert_eq!(figures(&back), figures(&report));
    // 机关类型 in its cell, kept through LibreOffice's save (issue 74.2).
    let declared = load(&root().join("tests/fixtures/quiet/kind-government.yaml"))
        .report
        .unwrap();
    assert!(declared.kind.is_some());
    std::fs::write(dir.path("kind.xlsx"), nianbao::xlsx::workbook(&declared)).unwrap();
    convert(
        &dir.path("kind.xlsx"),
        "xlsx:Calc MS Excel 2007 XML",
        &resaved,
    );
    let kind_back = load(&resaved.join("kind.xlsx")).report.unwrap();
    assert_eq!(figures(&kind_back), figures(&declared));
    assert!(
        again
            .diagnostics
            .iter()
            .all(|d| !d.code.as_str().starts_with("IMPORT")),
        "{:?}",
        again.diagnostics
    );
    // A workbook to fill (its totals are formulas, the example's are typed
    // figures): LibreOffice keeps the protection, the validation and the
    // formulas.
    let blank = new_workbook(&dir);
    let resaved_blank = dir.path("lo-blank");
    std::fs::create_dir(&resaved_blank).unwrap();
    convert(&blank, "xlsx:Calc MS Excel 2007 XML", &resaved_blank);
    let name = blank.file_name().unwrap();
    let mut zip =
        zip::ZipArchive::new(std::fs::File::open(resaved_blank.join(name)).unwrap()).unwrap();
    let sheets: Vec<String> = (1..=6)
        .filter_map(|i| {
            let mut s = String::new();
            let mut f = zip.by_name(&format!("xl/worksheets/sheet{i}.xml")).ok()?;
            std::io::Read::read_to_string(&mut f, &mut s).ok()?;
            Some(s)
        })
        .collect();
    let t3 = sheets
        .iter()
        .find(|s| s.contains("SUM("))
        .expect("a sheet with its column totals as formulas");
    assert!(t3.contains("<sheetProtection"), "protection kept");
    assert!(t3.contains("<dataValidation"), "validation kept");
}

#[test]
fn a_workbook_edited_by_openpyxl_imports_as_typed() {
    let python = Command::new("python3")
        .args(["-c", "import openpyxl"])
        .output();
    if !python.is_ok_and(|o| o.status.success()) {
        eprintln!("python3 with openpyxl not installed: skipped (.ci/run installs it)");
        return;
    }
    let dir = TempDir::new("xlsx-openpyxl");
    let book = new_workbook(&dir);
    let script = root().join("tests/fixtures/xlsx/openpyxl_edit.py");
    let o = Command::new("python3")
        .arg(&script)
        .arg(&book)
        .arg(dir.path("edited.xlsx"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let loaded = load(&dir.path("edited.xlsx"));
    let r = loaded.report.unwrap();
    let ed = r.edition();
    let row = |role| &r.table3.rows[official::t3_index(ed, role)];
    let cells = |c: &nianbao::model::CountRow| -> Vec<Option<u64>> {
        c.cells
            .iter()
            .map(|c| c.as_ref().map(|c| c.value))
            .collect()
    };
    assert_eq!(cells(row(T3Role::Received)), [12, 3, 0, 1, 0, 2].map(Some));
    assert_eq!(
        row(T3Role::Received)
            .printed_total
            .as_ref()
            .map(|t| t.value),
        Some(18)
    );
    assert_eq!(
        cells(row(T3Role::Result)),
        [5, 2, 0, 0, 0, 1].map(Some),
        "a number typed as text"
    );
    assert_eq!(
        row(T3Role::Result).printed_total,
        None,
        "openpyxl saved the formula without a value"
    );
    let licensing = r.table2.get(ed, "行政许可", None).unwrap();
    assert_eq!(
        (
            licensing.number.value.to_string(),
            licensing.note.as_deref()
        ),
        ("1800000".to_string(), Some("含经开区"))
    );
    // `35（含简易程序20件）` typed in the figure's cell: the figure and its 注.
    let penalties = r.table2.get(ed, "行政处罚", None).unwrap();
    assert_eq!(
        (
            penalties.number.value.to_string(),
            penalties.note.as_deref()
        ),
        ("35".to_string(), Some("含简易程序20件"))
    );
    assert_eq!(
        r.table2
            .documents(ed, "规章")
            .in_force
            .map(|n| n.value.to_string()),
        Some("4".to_string())
    );
    assert_eq!(
        r.table4.rows[0]
            .cells
            .iter()
            .map(|c| c.as_ref().map(|c| c.value))
            .collect::<Vec<_>>(),
        [1, 0, 0, 2].map(Some)
    );
    assert_eq!(r.date.map(|d| d.value.iso()).as_deref(), Some("2026-01-20"));
    let fee = r.fee.unwrap();
    assert_eq!(
        fee.notice_amount.map(|a| a.value.to_string()).as_deref(),
        Some("0.0125")
    );
    assert!(
        r.problems
            .value
            .starts_with("### （一）存在的主要问题\n\n**公开目录**")
    );
    assert!(
        loaded
            .diagnostics
            .iter()
            .all(|d| !d.code.as_str().starts_with("IMPORT")),
        "{:?}",
        loaded.diagnostics
    );
    // The rules judge the typed total: 12+3+0+1+0+2 = 18 agrees.
    let o = nianbao(&["check", "--format", "short", "edited.xlsx"], &dir.0);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(!out.contains("T3-ROWSUM"), "{out}");
}

/// One 总计 formula typed over with a wrong figure, in a workbook saved by
/// LibreOffice: the finding is that row's total (“应为 4：把总计格恢复为公式或
/// 清空”), and no other row “misses a number”; the column that does not
/// balance is still said.
#[test]
fn a_total_typed_over_its_formula_is_that_rows_finding() {
    let python = Command::new("python3")
        .args(["-c", "import openpyxl"])
        .output();
    if soffice().is_none() || !python.is_ok_and(|o| o.status.success()) {
        eprintln!("LibreOffice or openpyxl not installed: skipped");
        return;
    }
    let dir = TempDir::new("xlsx-typed-total");
    let book = new_workbook(&dir);
    let script = root().join("tests/fixtures/xlsx/openpyxl_total.py");
    let o = Command::new("python3")
        .arg(&script)
        .arg(&book)
        .arg(dir.path("typed.xlsx"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let resaved = dir.path("lo");
    std::fs::create_dir(&resaved).unwrap();
    convert(
        &dir.path("typed.xlsx"),
        "xlsx:Calc MS Excel 2007 XML",
        &resaved,
    );
    let o = nianbao(&["check", "lo/typed.xlsx"], &dir.0);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains(&crate::common::headline("错误", "T3-ROWSUM")),
        "{out}"
    );
    assert!(out.contains("应为 4：把总计格恢复为公式或清空"), "{out}");
    assert!(!out.contains("ROW-LEN"), "{out}");
    assert!(out.contains("“自然人”列收支不平衡"), "{out}");
}

#[test]
fn hostile_workbooks_are_refused_with_a_reason() {
    let dir = TempDir::new("xlsx-hostile");
    // Not a zip at all, named .xlsx.
    std::fs::write(dir.path("坏.xlsx"), b"not a workbook").unwrap();
    let o = nianbao(&["check", "坏.xlsx"], &dir.0);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("坏.xlsx"), "{}", stderr(&o));
    // A sheet that inflates far beyond the bound (a zip bomb).
    let report = load(Path::new(EXAMPLE)).report.unwrap();
    let mut parts: Vec<(String, Vec<u8>)> = nianbao::xlsx::parts(&report)
        .into_iter()
        .map(|(n, x)| (n, x.into_bytes()))
        .collect();
    let huge = nianbao::xlsx::MAX_PART_BYTES as usize + 1;
    parts[6].1 = vec![b' '; huge];
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in &parts {
        w.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut w, bytes).unwrap();
    }
    std::fs::write(dir.path("炸弹.xlsx"), w.finish().unwrap().into_inner()).unwrap();
    let o = nianbao(&["check", "炸弹.xlsx"], &dir.0);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("压缩炸弹"), "{}", stderr(&o));
}
