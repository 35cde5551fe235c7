//! The import corpus (tests/fixtures/import/corpus, made by its
//! make_variants.py): published forms of two data files as other tools and
//! agencies produce them — Markdown from PDF converters with split,
//! renumbered and unlabelled tables, web pages and PDFs without ruling lines,
//! LibreOffice and Chromium exports, a 2021 report printing （六）其他处理 as
//! one row. Every figure must come in exactly or be listed as not read;
//! a wrong figure fails the test. The counts are printed for the record.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use nianbao::grid;
use nianbao::import::{self, Options};
use nianbao::load;
use nianbao::model::Report;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/corpus")
}

/// Every table figure of `report` by data path (the printed figure without
/// its note; empty when not filled).
fn figures(report: &Report) -> BTreeMap<String, String> {
    grid::tables(report)
        .iter()
        .flat_map(|g| g.cells.iter())
        .filter_map(|c| {
            let figure = c.text.split('（').next().unwrap_or_default().to_string();
            c.path.clone().map(|p| (p, figure))
        })
        .collect()
}

/// How the figures of one corpus file came in.
#[derive(Debug, Default)]
struct Count {
    exact: usize,
    not_read: usize,
    wrong: Vec<String>,
}

fn measure(file: &Path, expected: &BTreeMap<String, String>) -> (Count, Report) {
    let imported = import::import_path(file, &Options::default())
        .unwrap_or_else(|e| panic!("{}: {e:?}", file.display()));
    let got = figures(&imported.report);
    let mut count = Count::default();
    for (path, want) in expected {
        match got.get(path).map(String::as_str) {
            Some(g) if g == want => count.exact += 1,
            None | Some("") => count.not_read += 1,
            Some(g) => count.wrong.push(format!("{path}: 应为 {want}，读成 {g}")),
        }
    }
    (count, imported.report)
}

fn expected_for(name: &str) -> (BTreeMap<String, String>, Report) {
    let data = if name.contains("blanks") {
        "blanks-2021.yaml"
    } else if name.contains("2019") {
        "rich-2019.yaml"
    } else {
        "rich-2021.yaml"
    };
    let loaded = load::load_path(&corpus().join(data)).unwrap();
    let report = loaded.report.expect("the corpus data file loads");
    (figures(&report), report)
}

/// Paths of the 2021 sub-rows of （六）, which a one-row （六） cannot give.
fn one_row_other_items(path: &str) -> bool {
    path.contains("其他处理.申请人")
}

#[test]
fn every_figure_is_exact_or_listed_as_not_read() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let ext = p.extension().and_then(|e| e.to_str()).unwrap_or_default();
            !matches!(ext, "yaml" | "py")
        })
        .collect();
    files.sort();
    assert!(files.len() >= 14, "{files:?}");
    let (mut exact, mut total) = (0, 0);
    let mut wrong = Vec::new();
    for file in &files {
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        let (mut expected, want) = expected_for(&name);
        if name.starts_with("one-row-other") {
            expected.retain(|p, _| !one_row_other_items(p) && !p.contains("其他处理.其他"));
        }
        let (count, report) = measure(file, &expected);
        assert_eq!(report.edition(), want.edition(), "{name}: 格式版本");
        assert_eq!(report.agency.value, want.agency.value, "{name}: 机关");
        assert_eq!(report.year.value, want.year.value, "{name}: 年度");
        eprintln!(
            "{name}: {} 个数字中准确 {}，未读出 {}，读错 {}",
            expected.len(),
            count.exact,
            count.not_read,
            count.wrong.len()
        );
        exact += count.exact;
        total += expected.len();
        wrong.extend(count.wrong.into_iter().map(|w| format!("{name}: {w}")));
    }
    eprintln!("合计：{total} 个数字中准确 {exact}");
    assert!(wrong.is_empty(), "读错的数字：\n{}", wrong.join("\n"));
}

#[test]
fn borderless_tables_are_read_from_the_figures_places() {
    // LibreOffice's PDF of a Word table without borders and Chromium's of a
    // web page's: blank cells print nothing, merged labels print down their
    // column beside other rows' figures, figures stand centred or flush
    // right, and table 三 runs over a page break.
    for name in [
        "libreoffice-noborders-2019.pdf",
        "libreoffice-noborders-blanks-2021.pdf",
        "libreoffice-noborders-right-blanks-2021.pdf",
        "web-noborders-blanks-2021.pdf",
    ] {
        let (expected, _) = expected_for(name);
        let (count, _) = measure(&corpus().join(name), &expected);
        assert!(count.wrong.is_empty(), "{name}: {:?}", count.wrong);
        assert_eq!(count.not_read, 0, "{name}: figures not read");
        assert_eq!(count.exact, expected.len(), "{name}");
    }
}

#[test]
fn a_one_row_other_in_a_2021_report_goes_into_the_catch_all() {
    for name in ["one-row-other-2021.md", "one-row-other-2021.html"] {
        let (expected, want) = expected_for(name);
        let imported = import::import_path(&corpus().join(name), &Options::default()).unwrap();
        let got = figures(&imported.report);
        assert_eq!(imported.report.edition(), want.edition(), "{name}");
        assert!(
            !imported.is_complete(),
            "{name}: a one-row group is not complete"
        );
        for col in 0..7 {
            let sum: u64 = expected
                .iter()
                .filter(|(p, _)| p.contains("其他处理.") && p.ends_with(&format!("[{col}]")))
                .map(|(_, v)| v.parse::<u64>().unwrap())
                .sum();
            let catch_all = format!("依申请公开.办理结果.其他处理.其他[{col}]");
            assert_eq!(got[&catch_all], sum.to_string(), "{name} {catch_all}");
        }
        assert!(
            got.iter()
                .filter(|(p, _)| one_row_other_items(p))
                .all(|(_, v)| v.is_empty()),
            "{name}: the items not printed apart stay empty"
        );
        assert!(
            imported
                .diagnostics
                .iter()
                .any(|d| d.message.contains("只印了一行")),
            "{name}: {:?}",
            imported.diagnostics
        );
    }
}

#[test]
fn an_old_word_document_is_read_through_libreoffice_or_refused_with_the_steps() {
    use crate::common::{TempDir, nianbao, run};
    let tmp = TempDir::new("corpus-doc");
    let mut compound = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    compound.resize(4096, 0);
    let fake = tmp.path("年报.doc");
    std::fs::write(&fake, &compound).unwrap();
    let out = run(nianbao()
        .arg("import")
        .arg(&fake)
        .arg("-o")
        .arg(tmp.path("a.yaml"))
        .env(import::legacy::SOFFICE_VAR, ""));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("没有找到 LibreOffice"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("Word 文档（*.docx）"), "{}", out.stderr);
    assert!(!tmp.path("a.yaml").exists());

    if !crate::docx::soffice_available() {
        return;
    }
    // A real .doc: the corpus data file built as .docx, saved as Word 97 by
    // LibreOffice.
    let out = run(nianbao()
        .arg("build")
        .arg(corpus().join("rich-2021.yaml"))
        .arg("-o")
        .arg(&tmp.0)
        .args(["--format", "docx"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let converted = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            tmp.path("profile").display()
        ))
        .args(["--headless", "--convert-to", "doc", "--outdir"])
        .arg(&tmp.0)
        .arg(tmp.path("rich-2021.docx"))
        .output()
        .expect("soffice runs");
    let doc = tmp.path("rich-2021.doc");
    assert!(
        doc.is_file(),
        "{}",
        String::from_utf8_lossy(&converted.stderr)
    );
    let (expected, _) = expected_for("rich-2021");
    let (count, _) = measure(&doc, &expected);
    assert!(count.wrong.is_empty(), "{:?}", count.wrong);
    assert_eq!(count.exact, expected.len());
    // The failure of a conversion is reported, not a crash: a compound file
    // that is no Word document.
    let out = run(nianbao()
        .arg("import")
        .arg(&fake)
        .arg("-o")
        .arg(tmp.path("b.yaml")));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("LibreOffice"), "{}", out.stderr);
}

/// How the figures of one real-report input came in: exact, blank with a
/// note on their row saying why, blank without one, or wrong.
#[derive(Debug, Default)]
struct RealCount {
    exact: usize,
    said: usize,
    unsaid: Vec<String>,
    wrong: Vec<String>,
}

/// The real-report corpus (tests/fixtures/import/real, made by its
/// make_real.py): the figures of a published city report as a portal page
/// with its chrome, crawler text whose cells run together and a converter's
/// Markdown with label variants. No figure may be wrong, and every figure
/// not read must be said on its row.
#[test]
fn real_reports_never_give_a_wrong_figure() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/real");
    let want = load::load_path(&dir.join("city-2024.yaml"))
        .unwrap()
        .report
        .expect("the expected data file loads");
    let expected = figures(&want);
    let mut failures = Vec::new();
    for name in ["portal-2024.html", "crawler-2024.txt", "converted-2024.md"] {
        let imported = import::import_path(&dir.join(name), &Options::default()).unwrap();
        let got = figures(&imported.report);
        let mut count = RealCount::default();
        for (path, want) in &expected {
            let said = || {
                imported.notes.above.iter().any(|(p, n)| {
                    path.starts_with(p.as_str()) && n.iter().any(|t| t.starts_with("导入："))
                })
            };
            match got.get(path).map(String::as_str) {
                Some(g) if g == want => count.exact += 1,
                None | Some("") if said() => count.said += 1,
                None | Some("") => count.unsaid.push(path.clone()),
                Some(g) => count
                    .wrong
                    .push(format!("{name} {path}: 应为 {want}，读成 {g}")),
            }
        }
        eprintln!(
            "{name}: {} 个数字中准确 {}，空白并注明 {}，空白未注明 {}，读错 {}",
            expected.len(),
            count.exact,
            count.said,
            count.unsaid.len(),
            count.wrong.len()
        );
        assert_eq!(imported.report.year.value, want.year.value, "{name}: 年度");
        assert_eq!(
            imported.report.agency.value, want.agency.value,
            "{name}: 机关"
        );
        let r = &imported.report;
        let narrative = [
            r.preface.as_ref().map_or("", |t| t.value.as_str()),
            &r.overview.value,
            &r.problems.value,
            &r.other.value,
        ]
        .concat();
        for site in [
            "当前位置",
            "网站标识码",
            "扫一扫",
            "附件下载",
            "浏览次数",
            "无障碍",
            "发布时间",
            "标题:",
        ] {
            assert!(
                !narrative.contains(site),
                "{name}: 网站文字“{site}”进了正文：{narrative}"
            );
        }
        if name.starts_with("crawler") {
            assert!(
                imported
                    .diagnostics
                    .iter()
                    .any(|d| d.message.contains("数字连在一起，无法分列")),
                "{name}: {:?}",
                imported.diagnostics
            );
            assert!(count.exact >= 179, "{name}: {count:?}");
        }
        failures.extend(count.wrong);
        failures.extend(
            count
                .unsaid
                .iter()
                .map(|p| format!("{name} {p}: 空白但没有说明")),
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Imports `md-2021.md` of the corpus with `edit` applied to its text.
fn import_edited(edit: impl Fn(String) -> String) -> import::Imported {
    let text = std::fs::read_to_string(corpus().join("md-2021.md")).unwrap();
    import::import_bytes(
        Path::new("edited.md"),
        edit(text).as_bytes(),
        &Options::default(),
    )
    .unwrap()
}

const TOTAL_ROW: &str =
    "| 三、本年度办理结果 · （七）总计 | 140 | 128 | 142 | 143 | 144 | 132 | 829 |";

#[test]
fn a_row_matching_no_label_never_fills_the_total() {
    // The total's label spilled onto a line of its own, then a row whose
    // label matches nothing, then the total's figures under its label.
    let imported = import_edited(|t| {
        t.replace(
            TOTAL_ROW,
            &format!(
                "| 三、本年度办理结果 · （七）总计 | | | | | | | |\n| 本年其他未列明情形 | 1 | 2 | 3 | 4 | 5 | 6 | 21 |\n{TOTAL_ROW}"
            ),
        )
    });
    let got = figures(&imported.report);
    assert_eq!(got["依申请公开.办理结果.总计[6]"], "829");
    assert_eq!(got["依申请公开.办理结果.总计[0]"], "140");
    assert!(
        imported
            .diagnostics
            .iter()
            .any(|d| d.message.contains("本年其他未列明情形")),
        "{:?}",
        imported.diagnostics
    );
}

#[test]
fn two_rows_read_as_one_with_different_figures_leave_it_blank_and_say_so() {
    let imported = import_edited(|t| {
        t.replace(
            TOTAL_ROW,
            &format!("{TOTAL_ROW}\n| （七）总计 | 1 | 2 | 3 | 4 | 5 | 6 | 21 |"),
        )
    });
    let got = figures(&imported.report);
    assert_eq!(got["依申请公开.办理结果.总计[6]"], "");
    assert!(!imported.is_complete());
    let said = &imported.notes.above["依申请公开.办理结果.总计"];
    assert!(said.iter().any(|n| n.contains("两行都读作")), "{said:?}");
}

const NO_DATA_ROW: &str = "| 三、本年度办理结果 · （四）无法提供 · 2.没有现成信息需要另行制作 | 1 | 5 | 11 | 3 | 7 | 13 | 40 |";
const UNCLEAR_ROW: &str = "| 三、本年度办理结果 · （四）无法提供 · 3.补正后申请内容仍不明确 | 7 | 13 | 5 | 9 | 2 | 7 | 43 |";

/// Every figure of the edited import that differs from md-2021.md's data
/// file (blank figures are not wrong).
fn wrong_figures(imported: &import::Imported) -> Vec<String> {
    let (expected, _) = expected_for("md-2021.md");
    let (_, _, wrong) = tally(&expected, &figures(&imported.report));
    wrong
}

/// Issue 72, item 3: a portal cut the labels of （四） from their rows (two
/// labels, then two bare rows). Which row is whose is a guess: both rows
/// stay blank and say why; no figure is wrong.
#[test]
fn labels_printed_apart_from_their_rows_leave_the_rows_blank() {
    let imported = import_edited(|t| {
        t.replace(
            &format!("{NO_DATA_ROW}\n{UNCLEAR_ROW}"),
            "| 2.没有现成信息需要另行制作 | | | | | | | |\n\
             | 3.补正后申请内容仍不明确 | | | | | | | |\n\
             | | 1 | 5 | 11 | 3 | 7 | 13 | 40 |\n\
             | | 7 | 13 | 5 | 9 | 2 | 7 | 43 |",
        )
    });
    assert_eq!(wrong_figures(&imported), Vec::<String>::new());
    let got = figures(&imported.report);
    for row in ["没有现成信息需要另行制作", "补正后申请内容仍不明确"] {
        let path = format!("依申请公开.办理结果.无法提供.{row}");
        assert_eq!(got[&format!("{path}[6]")], "", "{row}");
        let said = &imported.notes.above[&path];
        assert!(
            said.iter()
                .any(|n| n.contains("（四）无法提供的标签与数字行无法一一对应")),
            "{said:?}"
        );
    }
    assert_eq!(
        got["依申请公开.办理结果.无法提供.本机关不掌握相关政府信息[6]"],
        "37"
    );
    assert!(!imported.is_complete());
}

/// The same cut in a text copied from the page: labels on lines of their
/// own, then the rows, tab-separated.
#[test]
fn labels_on_their_own_lines_before_the_rows_are_not_paired_by_guess() {
    let imported = import_edited(|t| {
        t.replace(
            &format!("{NO_DATA_ROW}\n{UNCLEAR_ROW}"),
            "2.没有现成信息需要另行制作\n3.补正后申请内容仍不明确\n\
             1\t5\t11\t3\t7\t13\t40\n7\t13\t5\t9\t2\t7\t43",
        )
    });
    assert_eq!(wrong_figures(&imported), Vec::<String>::new());
    let got = figures(&imported.report);
    assert_eq!(
        got["依申请公开.办理结果.无法提供.补正后申请内容仍不明确[0]"],
        ""
    );
}

/// One label followed by two whole rows that the edition's row count does
/// not place: the label's row is left blank rather than given the first.
#[test]
fn more_rows_than_labels_leave_the_row_blank() {
    let imported = import_edited(|t| {
        t.replace(
            UNCLEAR_ROW,
            &format!(
                "{UNCLEAR_ROW}\n| | 6 | 0 | 0 | 0 | 0 | 0 | 6 |\n| | 1 | 0 | 0 | 0 | 0 | 0 | 1 |"
            ),
        )
    });
    assert_eq!(wrong_figures(&imported), Vec::<String>::new());
    let got = figures(&imported.report);
    assert_eq!(
        got["依申请公开.办理结果.无法提供.补正后申请内容仍不明确[6]"],
        ""
    );
    let said = &imported.notes.above["依申请公开.办理结果.无法提供.补正后申请内容仍不明确"];
    assert!(
        said.iter().any(|n| n.contains("这个行标签后有 3 行数字")),
        "{said:?}"
    );
}

#[test]
fn a_wide_gap_between_column_groups_is_not_a_cell() {
    let row = "| 3 | 2 | 1 | 4 | 10 | 5 | 1 | 2 | 1 | 9 | 2 | 3 | 1 | 2 | 8 |";
    let imported = import_edited(|t| {
        t.replace(
            row,
            "| 3 | 2 | 1 | 4 | 10 | | 5 | 1 | 2 | 1 | 9 | | 2 | 3 | 1 | 2 | 8 |",
        )
    });
    let (expected, _) = expected_for("md-2021");
    let got = figures(&imported.report);
    assert!(imported.is_complete());
    for (path, want) in expected.iter().filter(|(p, _)| p.starts_with("复议诉讼")) {
        assert_eq!(&got[path], want, "{path}");
    }
}

#[test]
fn a_report_before_2019_is_refused_clearly() {
    let text = "某县人民政府办公室2017年政府信息公开工作年度报告\n一、概述\n本年度依法公开政府信息。\n二、主动公开政府信息情况\n全年主动公开信息1200条。\n";
    let err = import::import_bytes(Path::new("2017.txt"), text.as_bytes(), &Options::default())
        .unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("2017 年度") && msg.contains("2019 年度起"),
        "{msg}"
    );
}

#[test]
fn run_together_rows_the_totals_do_not_settle_are_said_not_guessed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/real");
    let text = std::fs::read_to_string(dir.join("crawler-2024.txt")).unwrap();
    // The result total printed one higher in the first column: no choice
    // of readings adds up any more.
    let text = text.replace("（七）总计1336425204412129", "（七）总计1336525204412129");
    let imported = import::import_bytes(
        Path::new("crawler.txt"),
        text.as_bytes(),
        &Options::default(),
    )
    .unwrap();
    let got = figures(&imported.report);
    assert_eq!(got["依申请公开.上年结转[0]"], "");
    assert_eq!(got["依申请公开.本年新收[0]"], "13612");
    let said = &imported.notes.above["依申请公开.上年结转"];
    assert!(
        said.iter().any(|n| n.contains("数字连在一起，无法分列")),
        "{said:?}"
    );
}

/// The city report's expected figures, and the real-report folder.
fn city() -> (BTreeMap<String, String>, PathBuf) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/real");
    let want = load::load_path(&dir.join("city-2024.yaml"))
        .unwrap()
        .report
        .expect("the expected data file loads");
    (figures(&want), dir)
}

/// Imports `text` as a file called `name`.
fn import_text(name: &str, text: &str) -> import::Imported {
    import::import_bytes(Path::new(name), text.as_bytes(), &Options::default()).unwrap()
}

/// (exact, blank, wrong) of `got` against `expected`.
fn tally(
    expected: &BTreeMap<String, String>,
    got: &BTreeMap<String, String>,
) -> (usize, usize, Vec<String>) {
    let (mut exact, mut blank, mut wrong) = (0, 0, Vec::new());
    for (path, want) in expected {
        match got.get(path).map(String::as_str) {
            Some(g) if g == want => exact += 1,
            None | Some("") => blank += 1,
            Some(g) => wrong.push(format!("{path}: 应为 {want}，读成 {g}")),
        }
    }
    (exact, blank, wrong)
}

/// Issue 61, item 6: the crawler's text with every space and line break
/// gone is cut back at the headings and labels; no figure is wrong, as
/// many are read as from the crawler's lines, and the rest are said.
#[test]
fn crawler_text_without_spaces_or_line_breaks_is_read_whole() {
    let (expected, dir) = city();
    let text = std::fs::read_to_string(dir.join("crawler-2024.txt")).unwrap();
    let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    assert_eq!(flat.lines().count(), 1);
    let imported = import_text("flat.txt", &flat);
    let got = figures(&imported.report);
    let (exact, blank, wrong) = tally(&expected, &got);
    eprintln!(
        "flat crawler text: {exact} exact, {blank} blank, {} wrong",
        wrong.len()
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(exact >= 179, "{exact}");
    assert_eq!(imported.report.agency.value, "示例市人民政府办公室");
    assert_eq!(imported.report.year.value, 2024);
    assert!(imported.report.problems.value.contains("栏目更新"));
    let said =
        |path: &str| {
            imported.notes.above.iter().any(|(p, n)| {
                path.starts_with(p.as_str()) && n.iter().any(|t| t.starts_with("导入："))
            })
        };
    for (path, _) in expected
        .iter()
        .filter(|(p, _)| got.get(*p).is_none_or(String::is_empty))
    {
        assert!(said(path), "{path}: 空白但没有说明");
    }
    assert!(
        imported
            .diagnostics
            .iter()
            .any(|d| d.message.contains("空格和换行都已去掉")),
        "{:?}",
        imported.diagnostics
    );
}

/// Issue 61, item 8: one cell per line with a border pipe after (or
/// before) each cell reads as the same report without the pipes.
#[test]
fn one_cell_per_line_with_border_pipes_reads_like_without() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/004-2021-notes.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let plain = figures(&import_text("plain.txt", &text).report);
    let cells = |edit: &dyn Fn(&str) -> String| -> String {
        let lines: Vec<&str> = text.lines().collect();
        let from = lines
            .iter()
            .position(|l| l.trim_start().starts_with("二、"))
            .unwrap();
        let to = lines
            .iter()
            .position(|l| l.trim_start().starts_with("五、"))
            .unwrap();
        let mut out: Vec<String> = lines[..=from].iter().map(|l| l.to_string()).collect();
        out.extend(lines[from + 1..to].iter().map(|l| {
            if l.trim().is_empty() {
                l.to_string()
            } else {
                edit(l)
            }
        }));
        out.extend(lines[to..].iter().map(|l| l.to_string()));
        out.join("\n")
    };
    for (name, piped) in [
        ("trailing", cells(&|l: &str| format!("{} |", l.trim_end()))),
        ("leading", cells(&|l: &str| format!("\t| {}", l.trim()))),
    ] {
        let got = figures(&import_text("piped.txt", &piped).report);
        let (exact, blank, wrong) = tally(&plain, &got);
        eprintln!(
            "{name} pipes: {exact} exact, {blank} blank, {} wrong",
            wrong.len()
        );
        assert!(wrong.is_empty(), "{name}: {}", wrong.join("\n"));
        assert_eq!(exact, plain.len(), "{name}");
    }
}

/// Issue 61, item 8: a report in traditional characters is recognised as
/// its simplified form and printed as published.
#[test]
fn a_report_in_traditional_characters_is_read_and_printed_as_published() {
    let (expected, dir) = city();
    let imported =
        import::import_path(&dir.join("converted-hant-2024.md"), &Options::default()).unwrap();
    let (exact, blank, wrong) = tally(&expected, &figures(&imported.report));
    assert!(wrong.is_empty() && blank == 0, "{exact} {blank} {wrong:?}");
    assert_eq!(imported.report.year.value, 2024);
    assert_eq!(imported.report.agency.value, "示例市人民政府辦公室");
    assert!(
        imported.report.overview.value.contains("本機關"),
        "{}",
        imported.report.overview.value
    );
    assert!(
        imported
            .diagnostics
            .iter()
            .any(|d| d.message.contains("原文为繁体字"))
    );
}

/// The city report's title and preface as its converted Markdown prints them.
const CITY_TITLE: &str = "# 示例市人民政府办公室2024年政府信息公开工作年度报告";
const CITY_PREFACE: &str = "本报告由示例市人民政府办公室依照《中华人民共和国政府信息公开条例》编制，所列数据的统计期限为2024年1月1日至12月31日。";

/// Whether one of the import's notes says `words`.
fn says(imported: &import::Imported, words: &str) -> bool {
    imported
        .diagnostics
        .iter()
        .any(|d| d.message.contains(words))
}

/// The city report's converted Markdown without its signature and date.
fn unsigned_city() -> String {
    let (_, dir) = city();
    let text = std::fs::read_to_string(dir.join("converted-2024.md")).unwrap();
    text.replace("示例市人民政府办公室\n\n2025年1月20日", "")
}

/// Issue 61, item 7: the year stated only in the preface or the period is
/// read (and said), and an agency name set on two title lines with nothing
/// to confirm the whole is taken with a warning, never silently.
#[test]
fn year_and_agency_are_read_from_wherever_the_report_states_them() {
    let (title, preface) = (CITY_TITLE, CITY_PREFACE);
    let unsigned = unsigned_city();
    let untitled = unsigned.replace(title, "示例市人民政府办公室政府信息公开工作年度报告");
    for (said, opening) in [
        (
            "前言中的报告名称",
            "依照条例，现公布本机关2024年政府信息公开工作年度报告。",
        ),
        (
            "前言中的统计期限",
            "本报告统计时限为2024年1月1日至2024年12月31日。",
        ),
    ] {
        let imported = import_text("year.md", &untitled.replace(preface, opening));
        assert_eq!(imported.report.year.value, 2024, "{opening}");
        assert!(says(&imported, said), "{said}: {:?}", imported.diagnostics);
    }
    let split = unsigned
        .replace(
            title,
            "示例市人民政府\n办公室2024年政府信息公开工作年度报告",
        )
        .replace(preface, "本报告依照条例编制。");
    let imported = import_text("name.md", &split);
    assert_eq!(imported.report.agency.value, "办公室");
    assert!(
        imported
            .diagnostics
            .iter()
            .any(|d| d.message.contains("只取了“办公室”") && d.message.contains("示例市人民政府")),
        "{:?}",
        imported.diagnostics
    );
}

/// A portal page's breadcrumb, browser title and font-size switch above
/// the title leave the title and the preface alone (a heading `引言` over
/// the preface is no text of it); a page cut to its
/// preface takes the agency from the report the preface names.
#[test]
fn the_page_around_a_title_and_a_preface_naming_the_report_give_the_agency() {
    let (title, preface) = (CITY_TITLE, CITY_PREFACE);
    let unsigned = unsigned_city();
    let portal = unsigned.replace(
        title,
        "示例市人民政府办公室2024年政府信息公开工作年度报告 - 政府信息公开年报 - 示例市人民政府\n\
         您现在所在的位置: 网站首页 > 政府信息公开 > 政府信息公开年报\n\
         大 中 小\n\
         示例市人民政府办公室2024年政府信息公开工作年度报告\n\
         引　言",
    );
    let imported = import_text("portal.txt", &portal);
    assert_eq!(imported.report.agency.value, "示例市人民政府办公室");
    let opening = imported.report.preface.map(|p| p.value).unwrap_or_default();
    assert!(
        opening.starts_with("本报告由示例市人民政府办公室"),
        "{opening}"
    );
    let cut = unsigned.replace(title, "").replace(
        preface,
        "根据条例，现发布《示例市人民政府办公室2024年政府信息公开工作年度报告》。",
    );
    let imported = import_text("cut.txt", &cut);
    assert_eq!(imported.report.agency.value, "示例市人民政府办公室");
    assert!(
        says(&imported, "按前言中的名称"),
        "{:?}",
        imported.diagnostics
    );
    // A title that shortens the name the preface writes whole.
    let short = unsigned
        .replace(title, "市人民政府办公室2024年政府信息公开工作年度报告")
        .replace(
            preface,
            "根据条例，现发布《示例市人民政府办公室2024年政府信息公开工作年度报告》。",
        );
    let imported = import_text("short.txt", &short);
    assert_eq!(imported.report.agency.value, "示例市人民政府办公室");
}
