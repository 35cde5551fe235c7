//! `nianbao merge` (审签) on the real binary: a document re-saved by
//! LibreOffice without edits has no changes (every example and the
//! benchmark report); a document reviewed in LibreOffice with change
//! tracking on (tests/fixtures/merge/lo_review.py, through Python-UNO) is
//! listed, written with `--apply`, and built again reads as the reviewed
//! one with its revisions accepted; listing writes nothing.
//!
//! Without `soffice` (or Python-UNO) those round trips are skipped with a
//! message, except under CI, where they fail.

use nianbao::slice::Slice;

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{TempDir, nianbao, run};
use crate::docx::soffice_available;
use nianbao::signoff::read::{self, Block};

/// The examples and the benchmark report.
fn reports() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out: Vec<PathBuf> = std::fs::read_dir(root.join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    out.push(root.join("benches/report-2500.yaml"));
    out.sort();
    out
}

/// Builds `data` as a .docx into `dir`.
fn build_docx(data: &Path, dir: &Path) -> PathBuf {
    let out = run(nianbao()
        .arg("build")
        .arg(data)
        .args(["--format", "docx", "-o"])
        .arg(dir));
    assert_eq!(out.code, 0, "{}", out.stderr);
    dir.join(data.file_stem().unwrap()).with_extension("docx")
}

/// Re-saves `docx` in LibreOffice as .docx under `out`.
fn resave(tmp: &TempDir, docx: &Path, out: &Path) -> PathBuf {
    std::fs::create_dir_all(out).unwrap();
    let profile = tmp.path("profile");
    let o = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "docx", "--outdir"])
        .arg(out)
        .arg(docx)
        .output()
        .expect("soffice runs");
    let saved = out.join(docx.file_name().unwrap());
    assert!(saved.is_file(), "{}", String::from_utf8_lossy(&o.stderr));
    saved
}

fn merge(data: &Path, docx: &Path, extra: &[&str]) -> crate::common::Output {
    run(nianbao().arg("merge").arg(data).arg(docx).args(extra))
}

#[test]
fn a_document_resaved_by_libreoffice_without_edits_has_no_changes() {
    if !soffice_available() {
        return;
    }
    let tmp = TempDir::new("merge-resave");
    for data in reports() {
        let docx = build_docx(&data, &tmp.0);
        let saved = resave(&tmp, &docx, &tmp.path("saved"));
        let out = merge(&data, &saved, &[]);
        assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
        assert!(out.stdout.contains("由当前数据生成"), "{}", out.stdout);
        assert!(
            out.stdout.contains("改动 0 处"),
            "{}: {}",
            data.display(),
            out.stdout
        );
    }
}

/// Whether the Python-UNO bridge is here; under CI it must be.
fn uno_available() -> bool {
    let has = Command::new("/usr/bin/python3")
        .args(["-c", "import uno"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has {
        assert!(
            std::env::var_os("CI").is_none(),
            "python3-uno is required under CI"
        );
        eprintln!("跳过 LibreOffice 修订测试：未安装 python3-uno");
    }
    has
}

/// The body as accepted: paragraphs, then cells, in order.
fn accepted(docx: &Path) -> Vec<String> {
    let bytes = std::fs::read(docx).unwrap();
    read::read(&bytes)
        .unwrap()
        .blocks
        .iter()
        .flat_map(|b| match b {
            Block::Para(p) => vec![p.new.clone()],
            Block::Table(cells) => cells.iter().map(|c| c.new.clone()).collect(),
        })
        .collect()
}

#[test]
fn a_document_reviewed_in_libreoffice_with_tracked_changes_comes_back_exactly() {
    if !soffice_available() || !uno_available() {
        return;
    }
    let tmp = TempDir::new("merge-tracked");
    let example =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/zhangdian-transport-2020.yaml");
    let data = tmp.path("2020.yaml");
    std::fs::copy(&example, &data).unwrap();
    let docx = build_docx(&data, &tmp.0);
    let edits = tmp.path("edits.json");
    std::fs::write(
        &edits,
        r#"[{"replace": "知情权和", "with": "知情权、参与权和"},
            {"replace": "健全工作机构", "with": "健全组织机构"},
            {"cell": "87", "with": "90"},
            {"replace": "本年度信息公开的深度和广度仍有不足，", "with": ""},
            {"bold": "明确公开属性"}]"#,
    )
    .unwrap();
    let reviewed = tmp.path("审签稿.docx");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/merge/lo_review.py");
    let o = Command::new("/usr/bin/python3")
        .arg(script)
        .args([&docx, &reviewed, &tmp.path("profile"), &edits])
        .output()
        .expect("python runs");
    assert!(reviewed.is_file(), "{}", String::from_utf8_lossy(&o.stderr));
    let xml = String::from_utf8_lossy(&std::fs::read(&reviewed).unwrap()).into_owned();
    assert!(!xml.is_empty());

    // Listing writes nothing; the alias 审签 is the same command.
    let before = std::fs::read_to_string(&data).unwrap();
    let listed = run(nianbao().arg("审签").arg(&data).arg(&reviewed));
    assert_eq!(listed.code, 0, "{}", listed.stderr);
    assert!(listed.stdout.contains("改动 5 处"), "{}", listed.stdout);
    assert!(listed.stdout.contains("→ 主动公开.行政许可.上一年项目数量"));
    assert!(listed.stdout.contains("→ 问题及改进"));
    assert!(listed.stdout.contains("只改了格式"));
    assert_eq!(std::fs::read_to_string(&data).unwrap(), before);

    let applied = merge(&data, &reviewed, &["--apply"]);
    assert_eq!(applied.code, 0, "{}", applied.stderr);
    assert!(
        applied.stdout.contains("已写入 4 处改动"),
        "{}",
        applied.stdout
    );
    let after = std::fs::read_to_string(&data).unwrap();
    assert!(after.contains("# 每行依次为"), "comments kept");
    assert!(after.contains("上一年项目数量: 90"));

    // Built again, the text is the reviewed text with revisions accepted.
    let again = build_docx(&data, &tmp.path("again"));
    assert_eq!(accepted(&again), accepted(&reviewed));

    // A second run finds nothing left to write.
    let json = merge(&data, &reviewed, &["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let writable = v["review"]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["edit"]["类型"] != "无法写回")
        .count();
    assert_eq!(writable, 0, "{}", json.stdout);
}

#[test]
fn a_damaged_or_hostile_document_is_refused_in_chinese() {
    let tmp = TempDir::new("merge-hostile");
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/zhangdian-transport-2020.yaml");
    let bad = tmp.path("坏.docx");
    std::fs::write(&bad, b"PK\x03\x04 not really a zip").unwrap();
    let out = merge(&data, &bad, &[]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("坏.docx"), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("这个 .docx 文件已损坏或不完整（可能没有下载完），无法打开"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("Zip archive"), "{}", out.stderr);
}

/// `text` (of the first `w:t` holding `old` right after `context`) with
/// `old` replaced by a tracked deletion and insertion of `new`, as Word
/// writes them.
fn track(xml: &str, context: &str, old: &str, new: &str) -> String {
    let at = xml.find(&format!("{context}{old}")).expect(old) + context.len();
    let rev = "w:author=\"张科长\" w:date=\"2026-01-05T09:00:00Z\"";
    format!(
        "{}</w:t></w:r><w:del w:id=\"9{at}\" {rev}><w:r><w:delText>{old}</w:delText></w:r></w:del>\
         <w:ins w:id=\"8{at}\" {rev}><w:r><w:t>{new}</w:t></w:r></w:ins><w:r><w:t xml:space=\"preserve\">{}",
        xml.slice_to(at),
        xml.slice_from(at + old.len())
    )
}

/// The first example built as .docx and reviewed by hand in Word's form:
/// a cell and a sentence changed with tracked changes, and a comment.
pub(crate) fn hand_reviewed(text: &str) -> Vec<u8> {
    let loaded = nianbao::load::load_str(nianbao::source::SourceFile::new("2020.yaml", text));
    let doc = nianbao::render::document::build(&loaded.report.unwrap(), None);
    let mut parts = nianbao::render::docx::parts(&doc, &Default::default()).unwrap();
    for (name, xml) in parts.iter_mut() {
        if name == "word/document.xml" {
            let x = track(xml, "\">", "87", "90");
            let x = track(&x, "", "知情权和", "知情权、参与权和");
            *xml = x.replacen(
                "对拟公开的信息",
                "</w:t></w:r><w:commentRangeStart w:id=\"0\"/><w:r><w:t>对拟公开的信息</w:t></w:r>\
                 <w:commentRangeEnd w:id=\"0\"/><w:r><w:t xml:space=\"preserve\">",
                1,
            );
        }
    }
    parts.push((
        "word/comments.xml".into(),
        "<?xml version=\"1.0\"?><w:comments xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:comment w:id=\"0\" w:author=\"李主任\" w:date=\"2026-01-06T00:00:00Z\"><w:p><w:r><w:t>审查流程写具体些</w:t></w:r></w:p></w:comment></w:comments>"
            .into(),
    ));
    let entries: Vec<(&str, Vec<u8>)> = parts
        .iter()
        .map(|(n, x)| (n.as_str(), x.clone().into_bytes()))
        .collect();
    nianbao::zip_xml::zip::write(&entries)
}

pub(crate) fn example_text() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/zhangdian-transport-2020.yaml"),
    )
    .unwrap()
}

/// Posts `body` (a .docx) to `target` of the workbench.
fn upload(b: &crate::workbench::Bench, target: &str, body: &[u8]) -> (u16, String) {
    let head = format!(
        "POST {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\nX-Nianbao-Token: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        b.token,
        body.len(),
        port = b.port
    );
    crate::workbench::request(b.port, &head, body)
}

#[test]
fn the_workbench_lists_the_changes_and_writes_the_accepted_ones() {
    let dir = TempDir::new("merge-workbench");
    let text = example_text();
    std::fs::write(dir.path("2020.yaml"), &text).unwrap();
    let reviewed = hand_reviewed(&text);
    let b = crate::workbench::start(&dir.0);
    let (status, reply) = upload(&b, "/api/import-signoff?f=2020.yaml", &reviewed);
    assert_eq!(status, 200, "{reply}");
    let v = crate::workbench::json(&reply);
    let changes = v["review"]["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 2, "{reply}");
    assert_eq!(changes[0]["revisions"][0]["author"], "张科长");
    assert_eq!(v["review"]["comments"][0]["anchor"], "对拟公开的信息");
    // Nothing is written by listing.
    assert_eq!(
        std::fs::read_to_string(dir.path("2020.yaml")).unwrap(),
        text
    );
    // A stale version is refused.
    let (status, _) = upload(
        &b,
        "/api/import-signoff/apply?f=2020.yaml&version=old&accept=1,2",
        &reviewed,
    );
    assert_eq!(status, 409);
    // Accept the cell only, keep the comment as a note.
    let cell = changes
        .iter()
        .find(|c| c["edit"]["path"] == "主动公开.行政许可.上一年项目数量")
        .unwrap()["id"]
        .clone();
    let target = format!(
        "/api/import-signoff/apply?f=2020.yaml&version={}&accept={cell}&keep=0",
        v["version"].as_str().unwrap()
    );
    let (status, reply) = upload(&b, &target, &reviewed);
    assert_eq!(status, 200, "{reply}");
    let after = std::fs::read_to_string(dir.path("2020.yaml")).unwrap();
    assert!(after.contains("上一年项目数量: 90"));
    assert!(
        after.contains("知情权和监督权"),
        "the sentence was not accepted"
    );
    let state = crate::workbench::json(&reply);
    let notes = state["notes"].to_string();
    assert!(notes.contains("审查流程写具体些"), "{notes}");
}

#[test]
fn a_clerk_imports_a_reviewed_document_in_the_browser() {
    use crate::preview::Browser;
    if !crate::preview::browser_available() {
        return;
    }
    let dir = TempDir::new("merge-browser");
    let text = example_text();
    std::fs::write(dir.path("2020.yaml"), &text).unwrap();
    let reviewed = dir.path("审签稿.docx");
    std::fs::write(&reviewed, hand_reviewed(&text)).unwrap();
    let b = crate::workbench::start(&dir.0);
    let browser = Browser::start();
    browser.goto(&format!(
        "http://127.0.0.1:{}/report?f=2020.yaml&t={}",
        b.port, b.token
    ));
    browser.wait_for(
        "the report page",
        "return document.getElementById('signoff-file') !== null;",
    );
    let input = crate::workbench::find_element(&browser, "#signoff-file");
    browser.call(
        "POST",
        &format!("/element/{input}/value"),
        Some(&serde_json::json!({ "text": reviewed.display().to_string() })),
    );
    browser.wait_for(
        "the changes",
        "return document.querySelectorAll('#signoff-list li').length === 2;",
    );
    let shown = browser.eval("return document.getElementById('signoff').innerText;");
    let shown = shown.as_str().unwrap_or_default().to_string();
    assert!(shown.contains("张科长"), "{shown}");
    assert!(shown.contains("改为：90"), "{shown}");
    browser.screenshot("workbench-signoff.png");
    browser.eval("document.getElementById('signoff-all').click(); document.getElementById('signoff-write').click(); return 1;");
    browser.wait_for(
        "the write",
        "return document.getElementById('signoff-status').textContent.indexOf('已写入 2 处') === 0;",
    );
    let after = std::fs::read_to_string(dir.path("2020.yaml")).unwrap();
    assert!(after.contains("上一年项目数量: 90"));
    assert!(after.contains("知情权、参与权和监督权"));
    // The form shows the written value.
    browser.wait_for(
        "the form",
        "return document.querySelector('[data-path=\"主动公开.行政许可.上一年项目数量\"]').value === '90';",
    );
}

/// Issue 58.3: exit codes as docs/signoff.md says: a data file that cannot
/// be read exits 2, and so does a reviewed document of another agency
/// (no recorded digest), which writes nothing even with `--apply`.
#[test]
fn an_unreadable_data_file_or_another_units_document_exits_2() {
    let tmp = TempDir::new("merge-exit");
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/zhangdian-transport-2020.yaml");
    let docx = build_docx(&data, &tmp.0);
    let bad = tmp.path("坏.yaml");
    std::fs::write(&bad, b"\xff\xfe\x00 not utf-8").unwrap();
    let out = merge(&bad, &docx, &[]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    let text = std::fs::read_to_string(&data).unwrap();
    let other = tmp.path("other.yaml");
    std::fs::write(&other, text.replace("张店区交通运输局", "张店区审计局")).unwrap();
    let other_docx = build_docx(&other, &tmp.0);
    // Its recorded digest stripped: only its content tells.
    let bytes = std::fs::read(&other_docx).unwrap();
    let stripped = tmp.path("stripped.docx");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut entries: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut b).unwrap();
        if name != "docProps/custom.xml" {
            entries.push((name, b));
        }
    }
    let refs: Vec<(&str, Vec<u8>)> = entries
        .iter()
        .map(|(n, b)| (n.as_str(), b.clone()))
        .collect();
    std::fs::write(&stripped, nianbao::zip_xml::zip::write(&refs)).unwrap();
    let copy = tmp.path("2020.yaml");
    std::fs::write(&copy, &text).unwrap();
    let out = merge(&copy, &stripped, &["--apply"]);
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stderr.contains("不像是这份年报的审签稿"),
        "{}",
        out.stderr
    );
    assert_eq!(std::fs::read_to_string(&copy).unwrap(), text);

    // Issue 60.7: with its digest recorded, last year's reviewed document
    // (or another unit's) is named as such at once, not as many conflicts.
    let next_year = tmp.path("2021.yaml");
    std::fs::write(
        &next_year,
        text.replace("年度: 2020", "年度: 2021")
            .replace("成文日期: 2021-01-25", "成文日期: 2022-01-25"),
    )
    .unwrap();
    let out = merge(&next_year, &docx, &["--apply"]);
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stderr.contains("审签稿是另一个年度的年报"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("张店区交通运输局，2021 年度"),
        "{}",
        out.stderr
    );
    assert!(!out.stdout.contains("冲突"), "{}", out.stdout);
    let out = merge(&copy, &other_docx, &[]);
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stderr.contains("审签稿是另一个机关的年报"),
        "{}",
        out.stderr
    );
}

/// Reviews `data`'s Word document in LibreOffice with `edits` (see
/// lo_review.py); `None` when LibreOffice or Python-UNO is missing.
fn reviewed_in_libreoffice(tmp: &TempDir, data: &Path, edits: &str) -> Option<PathBuf> {
    if !soffice_available() || !uno_available() {
        return None;
    }
    let docx = build_docx(data, &tmp.0);
    let list = tmp.path("edits.json");
    std::fs::write(&list, edits).unwrap();
    let reviewed = tmp.path("审签稿.docx");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/merge/lo_review.py");
    let o = Command::new("/usr/bin/python3")
        .arg(script)
        .args([&docx, &reviewed, &tmp.path("profile"), &list])
        .output()
        .expect("python runs");
    assert!(reviewed.is_file(), "{}", String::from_utf8_lossy(&o.stderr));
    Some(reviewed)
}

/// Issue 60.7: a word added inside a paragraph is shown as that word, a
/// deletion across two paragraphs shows what went (never the same text
/// twice), and the reviewers' times read in Chinese.
#[test]
fn changes_are_marked_in_place_with_times_in_chinese() {
    let tmp = TempDir::new("merge-marked");
    let example =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/zhangdian-transport-2020.yaml");
    let data = tmp.path("2020.yaml");
    std::fs::copy(&example, &data).unwrap();
    let Some(reviewed) = reviewed_in_libreoffice(
        &tmp,
        &data,
        r#"[{"replace": "保障公众的知情权", "with": "切实保障公众的知情权"},
            {"delete_from": "部分栏目更新不够及时。", "to": "下一步，"}]"#,
    ) else {
        return;
    };
    let listed = merge(&data, &reviewed, &[]);
    assert_eq!(listed.code, 0, "{}", listed.stderr);
    let out = &listed.stdout;
    assert!(
        out.contains(
            "改动：…依法、及时、准确地公开政府信息，〔增：切实〕保障公众的知情权和监督权。"
        ),
        "{out}"
    );
    assert!(
        out.contains("〔删：部分栏目更新不够及时。¶下一步，〕我局将增强"),
        "{out}"
    );
    assert!(!out.contains("原文："), "{out}");
    // 2026年1月14日 09:30, never 2026-01-14T09:30:00Z.
    let year = out.find("年").unwrap();
    assert!(
        out.slice_to(year).ends_with(|c: char| c.is_ascii_digit()),
        "{out}"
    );
    assert!(
        !out.contains("T0") && !out.contains("T1") && !out.contains(":00Z"),
        "{out}"
    );
    // JSON: the runs, and no change whose before and after are the same.
    let json = merge(&data, &reviewed, &["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    for c in v["review"]["changes"].as_array().unwrap() {
        assert_ne!(c["before"], c["after"], "{c}");
        assert!(
            c["diff"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r["kind"] != "same"),
            "{c}"
        );
        for r in c["revisions"].as_array().unwrap() {
            assert!(r["when"].as_str().unwrap().contains('日'), "{r}");
        }
    }
    // Written, the two paragraphs are one, as the reviewer left them.
    let applied = merge(&data, &reviewed, &["--apply"]);
    assert_eq!(applied.code, 0, "{}", applied.stdout);
    let after = std::fs::read_to_string(&data).unwrap();
    assert!(after.contains("仍有不足，我局将增强"), "{after}");
    // (The reviewed copy's joined paragraphs are two blocks there: compared
    // as one text.)
    let again = build_docx(&data, &tmp.path("again"));
    assert_eq!(accepted(&again).concat(), accepted(&reviewed).concat());
}

/// Issue 60.7: importing, or 从上年生成 from, a Word document that still
/// holds tracked changes and comments says so, names them and writes
/// nothing; the accepted view is read only when the clerk chooses it. In
/// Word's form (by hand, with a comment), from LibreOffice, and in the
/// workbench.
#[test]
fn a_document_with_pending_revisions_is_imported_only_when_chosen() {
    let tmp = TempDir::new("import-pending");
    let dir = tmp.path("word");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("2020年报.docx"), hand_reviewed(&example_text())).unwrap();
    for args in [
        &["import", "2020年报.docx", "-o", "x.yaml"][..],
        &["new", "--from", "2020年报.docx"][..],
    ] {
        let o = run(nianbao().current_dir(&dir).args(args));
        // Refused as an import error of each command (import 2, new 1).
        assert!(o.code == 1 || o.code == 2, "{args:?}: {}", o.stderr);
        assert!(o.stderr.contains("未接受的修订 4 处"), "{}", o.stderr);
        assert!(o.stderr.contains("张科长 删除“知情权和”"), "{}", o.stderr);
        assert!(
            o.stderr.contains("张科长 插入“知情权、参与权和”"),
            "{}",
            o.stderr
        );
        assert!(
            o.stderr
                .contains("批注 1 条（李主任 批注“审查流程写具体些”）"),
            "{}",
            o.stderr
        );
        assert!(o.stderr.contains("--accept-revisions"), "{}", o.stderr);
    }
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        1,
        "nothing written"
    );
    let o = run(nianbao().current_dir(&dir).args([
        "new",
        "--from",
        "2020年报.docx",
        "--accept-revisions",
    ]));
    assert_eq!(o.code, 0, "{}", o.stderr);
    let last = std::fs::read_to_string(dir.join("2020年报.yaml")).unwrap();
    assert!(last.contains("知情权、参与权和"), "{last}");
    let this = std::fs::read_to_string(dir.join("2021年报.yaml")).unwrap();
    assert!(this.contains("知情权、参与权和"), "{this}");

    // The workbench's 从上年生成: 409 naming them, then read when chosen.
    let bench_dir = tmp.path("bench");
    std::fs::create_dir_all(&bench_dir).unwrap();
    let b = crate::workbench::start(&bench_dir);
    let body = hand_reviewed(&example_text());
    let (status, reply) = upload(&b, "/api/import?name=2020.docx", &body);
    assert_eq!(status, 409, "{reply}");
    let v: serde_json::Value = serde_json::from_str(&reply).unwrap();
    assert_eq!(v["unaccepted"], true);
    assert!(
        v["error"].as_str().unwrap().contains("批注 1 条"),
        "{reply}"
    );
    // Nothing written (the workbench's own lock on its folder aside).
    let written: Vec<_> = std::fs::read_dir(&bench_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n != ".nianbao-workbench.lock")
        .collect();
    assert!(written.is_empty(), "{written:?}");
    let (status, reply) = upload(&b, "/api/import?name=2020.docx&accept=1", &body);
    assert_eq!(status, 200, "{reply}");

    // Reviewed in LibreOffice with change tracking on.
    let data = tmp.path("2020.yaml");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/zhangdian-transport-2020.yaml"),
        &data,
    )
    .unwrap();
    let Some(reviewed) = reviewed_in_libreoffice(
        &tmp,
        &data,
        r#"[{"replace": "健全工作机构", "with": "健全组织机构"}]"#,
    ) else {
        return;
    };
    let o = run(nianbao()
        .arg("import")
        .arg(&reviewed)
        .arg("-o")
        .arg(tmp.path("lo.yaml")));
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(o.stderr.contains("未接受的修订 2 处"), "{}", o.stderr);
    assert!(o.stderr.contains("删除“健全工作机构”"), "{}", o.stderr);
    assert!(!tmp.path("lo.yaml").exists());
}

/// Issue 60.7: an edit of the 落款 that renames the agency is its own
/// item that says so, and is written only when confirmed
/// (--rename-agency); 写入后会出现 is worked out on the chosen changes
/// together (the JSON's `together` and each change's `findings`).
#[test]
fn a_rename_of_the_agency_is_written_only_when_confirmed() {
    let tmp = TempDir::new("merge-rename");
    let example =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/zhangdian-transport-2020.yaml");
    let data = tmp.path("2020.yaml");
    std::fs::copy(&example, &data).unwrap();
    let Some(reviewed) = reviewed_in_libreoffice(
        &tmp,
        &data,
        r#"[{"replace_last": "张店区交通运输局", "with": "张店区交通运输事业服务中心"},
            {"replace": "健全工作机构", "with": "健全组织机构"}]"#,
    ) else {
        return;
    };
    let listed = merge(&data, &reviewed, &["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&listed.stdout).unwrap();
    let changes = v["review"]["changes"].as_array().unwrap();
    let rename: Vec<_> = changes
        .iter()
        .filter(|c| c["confirm"].is_string())
        .collect();
    assert_eq!(rename.len(), 1, "{}", listed.stdout);
    assert_eq!(rename[0]["edit"]["path"], "机关");
    assert!(
        rename[0]["confirm"]
            .as_str()
            .unwrap()
            .contains("改为“张店区交通运输事业服务中心”")
    );
    assert!(v["together"].is_array(), "{}", listed.stdout);
    assert_eq!(v["findings"].as_array().unwrap().len(), changes.len());

    let applied = merge(&data, &reviewed, &["--apply"]);
    assert_eq!(applied.code, 0, "{}", applied.stdout);
    assert!(
        applied.stdout.contains("须确认：这处改动会把机关名称"),
        "{}",
        applied.stdout
    );
    assert!(
        applied.stdout.contains("加 --rename-agency 才写入"),
        "{}",
        applied.stdout
    );
    let after = std::fs::read_to_string(&data).unwrap();
    assert!(after.contains("机关: 张店区交通运输局\n"), "{after}");
    assert!(after.contains("健全组织机构"), "{after}");

    let confirmed = merge(&data, &reviewed, &["--apply", "--rename-agency"]);
    assert_eq!(confirmed.code, 0, "{}", confirmed.stdout);
    let after = std::fs::read_to_string(&data).unwrap();
    assert!(
        after.contains("机关: 张店区交通运输事业服务中心\n"),
        "{after}"
    );
}
