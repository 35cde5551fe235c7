//! The office's board and the round of a report on the collection server
//! (issue 47.2–3): counts before the first save, the county's sum and
//! problems, remarks on cells and paragraphs, versions compared, the
//! documents downloaded and the approved reports exported; over HTTP and
//! in Chromium, the database file read directly.

use crate::preview::Browser;
use crate::server::{Client, Store, example_edits, init, json, login, open_db, start};
use crate::workbench::{type_into, wait_saved};

use std::io::{Read, Write};
use std::path::Path;

use serde_json::json;

/// One GET read to its end as bytes: the status, the head, the body.
fn get_bytes(c: &Client, target: &str) -> (u16, String, Vec<u8>) {
    let mut s = std::net::TcpStream::connect(("127.0.0.1", c.port)).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(120)))
        .unwrap();
    let head = format!(
        "GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nCookie: {}\r\nConnection: close\r\n\r\n",
        c.port, c.cookie
    );
    s.write_all(head.as_bytes()).unwrap();
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    let split = out
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a head");
    let head = String::from_utf8_lossy(&out[..split]).into_owned();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, head, out[split + 4..].to_vec())
}

/// The entries of a zip: name and bytes.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    (0..archive.len())
        .map(|i| {
            let mut f = archive.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().unwrap().into_owned(), data)
        })
        .collect()
}

/// The unit fills the example report and submits it; its id.
fn fill_and_submit(c: &Client) -> i64 {
    let id = c.reports()[0]["id"].as_i64().unwrap();
    let state = c.state(id);
    let (s, filled) = c.save(id, state["version"].as_str().unwrap(), &example_edits());
    assert_eq!(s, 200, "{filled}");
    assert_eq!(filled["errors"], 0, "{}", filled["findings"]);
    let (s, b) = c.post("/api/submit", &json!({"file": id.to_string()}));
    assert_eq!(s, 200, "{b}");
    id
}

/// The example's main figures, as `aggregate` and `audit` count them.
fn example_figures() -> Vec<u64> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/zibo-zhangdian-traffic-2024.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let loaded = nianbao::load::load_str(nianbao::source::SourceFile::new(&path, text.as_str()));
    nianbao::batch::summary::Figures::of(&loaded.report.unwrap())
        .fields()
        .iter()
        .take(5)
        .map(|f| f.parse().unwrap())
        .collect()
}

#[test]
fn the_board_counts_before_any_save_and_sums_the_county_live() {
    let store = init("2024");
    let server = start(&store.dir.path("s"));
    let office = login(server.port, "审核", &store.password("审核")).unwrap();
    // Errors and cells left are known before a unit's first save.
    let board = office.reports();
    assert_eq!(board.len(), 3);
    for r in &board {
        assert_eq!(r["state"], "new");
        assert!(r["errors"].as_i64().unwrap() > 0, "{r}");
        assert!(r["empty"].as_i64().unwrap() > 100, "{r}");
    }
    let (s, b) = office.get("/api/county");
    assert_eq!(s, 200, "{b}");
    let county = json(&b);
    assert_eq!(
        (county["counted"].as_i64(), county["units"].as_i64()),
        (Some(0), Some(3))
    );
    assert!(county["figures"].is_null() && county["refusal"].as_str().unwrap().contains("还没有"));
    // Two units submit; the third has begun with a wrong total.
    let one = login(server.port, "bm001", &store.password("bm001")).unwrap();
    let two = login(server.port, "bm002", &store.password("bm002")).unwrap();
    let three = login(server.port, "bm003", &store.password("bm003")).unwrap();
    fill_and_submit(&one);
    fill_and_submit(&two);
    let id3 = three.reports()[0]["id"].as_i64().unwrap();
    let v = three.state(id3)["version"].as_str().unwrap().to_string();
    let (s, _) = three.save(id3, &v, &[("依申请公开.本年新收[6]".into(), "9".into())]);
    assert_eq!(s, 200);
    // Departments see no county.
    assert_eq!(one.get("/api/county").0, 403);
    let (s, b) = office.get("/api/county");
    assert_eq!(s, 200, "{b}");
    let county = json(&b);
    assert_eq!(county["counted"], 2, "{county}");
    assert_eq!(county["left_out"], json!(["某县公安局"]), "{county}");
    let want: Vec<String> = example_figures()
        .iter()
        .map(|n| (2 * n).to_string())
        .collect();
    let got: Vec<String> = county["figures"].as_array().unwrap()[..5]
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    assert_eq!(got, want, "the sum of two example reports: {county}");
    // The problems as `audit` tabulates them: the unit with a wrong total,
    // with the rule named in Chinese.
    let units = county["audit"]["units"].as_array().unwrap();
    let third = units
        .iter()
        .find(|u| u["unit"] == "某县公安局")
        .expect("the third unit");
    assert!(third["errors"].as_i64().unwrap() > 0, "{third}");
    assert!(
        third["problems"][0].as_str().unwrap().starts_with("错误 "),
        "{third}"
    );
    assert!(
        county["audit"]["frequent"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["code"] == "KEY-MISSING"
                && c["name"].as_str().unwrap().contains("（缺少必填的键）")),
        "{county}"
    );
    // Sorted by what needs attention: a unit past the round's deadline
    // without submitting first (issue 65; 2024's deadline is past), then
    // the submitted.
    let states: Vec<String> = office
        .reports()
        .iter()
        .map(|r| {
            format!(
                "{}{}",
                r["state"].as_str().unwrap(),
                if r["late"] == true { " late" } else { "" }
            )
        })
        .collect();
    assert_eq!(states, ["filling late", "submitted", "submitted"]);
}

#[test]
fn remarks_versions_downloads_and_the_export_over_http() {
    let store = init("2024");
    let server = start(&store.dir.path("s"));
    let dept = login(server.port, "bm001", &store.password("bm001")).unwrap();
    let other = login(server.port, "bm002", &store.password("bm002")).unwrap();
    let office = login(server.port, "审核", &store.password("审核")).unwrap();
    let id = fill_and_submit(&dept);
    let cell = "联系方式.电话";
    remarks_and_a_return(&dept, &other, &office, id, cell);
    fix_resubmit_and_compare(&dept, &other, &office, id, cell);
    downloads(&dept, &other, id);
    approve_and_export(&store, &dept, &office, id);
    drop(server);
    // The remarks are in the file, with the revision they were written on.
    let rows: Vec<(i64, String, i64)> = open_db(&store.db())
        .prepare("SELECT revision, path, para FROM remarks WHERE report = ?1 ORDER BY id")
        .unwrap()
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        rows,
        [(2, cell.to_string(), 0), (2, "总体情况".to_string(), 2)]
    );
}

/// Issue 59/60 on the server: a unit whose report holds a character no
/// face has (U+13000) or a private-use character (U+E000) downloads a Word
/// document and a PDF marked 草稿, as `nianbao build` marks them, and the
/// page is told why; without such characters nothing is a draft.
#[test]
fn downloads_with_characters_that_print_as_nothing_are_drafts() {
    let store = init("2024");
    let server = start(&store.dir.path("s"));
    let units = [("bm001", '\u{13000}'), ("bm002", '\u{E000}')];
    for (user, ch) in units {
        let c = login(server.port, user, &store.password(user)).unwrap();
        let id = c.reports()[0]["id"].as_i64().unwrap();
        let version = c.state(id)["version"].as_str().unwrap().to_string();
        let (s, filled) = c.save(id, &version, &example_edits());
        assert_eq!(s, 200, "{filled}");
        let build = |format: &str| {
            let (s, b) = c.post(
                "/api/build",
                &json!({"file": id.to_string(), "format": format}),
            );
            assert_eq!(s, 200, "{b}");
            json(&b)
        };
        assert_eq!(build("docx")["draft"], false, "a clean report");
        let clean = get_bytes(&c, &format!("/api/download?f={id}&format=docx")).2;
        let word_text = |docx: &[u8]| -> String {
            unzip(docx)
                .into_iter()
                .filter(|(n, _)| n == "word/document.xml" || n.starts_with("word/header"))
                .map(|(_, x)| String::from_utf8(x).unwrap())
                .collect()
        };
        assert!(!word_text(&clean).contains("草稿"), "{user}");
        let mut edits = example_edits();
        let overview = edits.iter_mut().find(|(p, _)| p == "总体情况").unwrap();
        overview.1.push_str(&format!("\n\n经办人王{ch}同志。"));
        let version = filled["version"].as_str().unwrap().to_string();
        let (s, saved) = c.save(id, &version, &edits);
        assert_eq!(s, 200, "{saved}");
        assert_eq!(saved["errors"], 0, "{}", saved["findings"]);
        for format in ["docx", "pdf"] {
            let r = build(format);
            assert_eq!(r["draft"], true, "{user} {format}: {r}");
            let said = r["glyphs"].as_str().unwrap_or_default();
            assert!(said.contains("1 处字符印不出来"), "{user}: {r}");
        }
        let (s, head, docx) = get_bytes(&c, &format!("/api/download?f={id}&format=docx"));
        assert_eq!(s, 200, "{head}");
        let text = word_text(&docx);
        assert!(
            text.contains("草稿：检查发现 0 个错误") && text.contains("有 1 处字符印不出来"),
            "{user}: the Word document is a draft"
        );
        let (s, head, pdf) = get_bytes(&c, &format!("/api/download?f={id}&format=pdf"));
        assert_eq!(s, 200, "{head}");
        assert!(pdf.starts_with(b"%PDF-"), "{head}");
    }
}

/// The remark closure's request.
fn remark(c: &Client, id: i64, path: &str, para: i64, text: &str) -> (u16, String) {
    c.post(
        "/api/remark",
        &json!({"file": id.to_string(), "path": path, "para": para, "text": text}),
    )
}

/// Only the office remarks, only on a place of the report; it returns the
/// report with the remarks alone; the unit sees them.
fn remarks_and_a_return(dept: &Client, other: &Client, office: &Client, id: i64, cell: &str) {
    assert_eq!(remark(dept, id, cell, 0, "x").0, 403);
    assert_eq!(remark(other, id, cell, 0, "x").0, 404);
    assert_eq!(remark(office, id, "没有.这个格", 0, "x").0, 400);
    assert_eq!(remark(office, id, cell, 0, "  ").0, 400);
    let (s, b) = remark(office, id, cell, 0, "电话请写区号");
    assert_eq!(s, 200, "{b}");
    let (s, b) = remark(office, id, "总体情况", 2, "主动公开一段请写明条数");
    assert_eq!(s, 200, "{b}");
    assert_eq!(json(&b)["remarks"].as_array().unwrap().len(), 2);
    // Returned with the remarks only (no general reason needed).
    let (s, b) = office.post(
        "/api/return",
        &json!({"file": id.to_string(), "remark": ""}),
    );
    assert_eq!(s, 200, "{b}");
    let returned = dept.state(id);
    assert_eq!(returned["state"], "returned");
    let remarks = returned["remarks"].as_array().unwrap();
    assert_eq!(remarks.len(), 2, "{returned}");
    assert_eq!(
        (remarks[0]["path"].as_str(), remarks[0]["text"].as_str()),
        (Some(cell), Some("电话请写区号"))
    );
    assert_eq!(
        (remarks[1]["path"].as_str(), remarks[1]["para"].as_i64()),
        (Some("总体情况"), Some(2))
    );
    assert_eq!(
        remarks[0]["revision"], 2,
        "the remarks belong to the submitted revision"
    );
    assert_eq!(returned["remarking"], false);
    assert!(
        returned["remark"]
            .as_str()
            .unwrap()
            .contains("2 条审核意见")
    );
}

/// The unit fixes and resubmits; the last submission compared with the
/// one before.
fn fix_resubmit_and_compare(dept: &Client, other: &Client, office: &Client, id: i64, cell: &str) {
    let returned = dept.state(id);
    // Returned: nothing can be remarked any more; the unit fixes and resubmits.
    assert_eq!(remark(office, id, cell, 0, "x").0, 409);
    let (s, fixed) = dept.save(
        id,
        returned["version"].as_str().unwrap(),
        &[(cell.into(), "0533-2139070".into())],
    );
    assert_eq!(s, 200, "{fixed}");
    assert_eq!(
        dept.post("/api/submit", &json!({"file": id.to_string()})).0,
        200
    );
    // The last submission compared with the one before, on one page.
    let (s, page) = office.get(&format!("/compare?f={id}"));
    assert_eq!(s, 200);
    assert!(
        page.contains("0533-2139070") && page.contains("2139070"),
        "{page}"
    );
    assert!(
        page.contains("<option value=\"2\" selected>第 2 版（提交")
            && page.contains("<option value=\"5\" selected>第 5 版（提交"),
        "{page}"
    );
    let (s, page) = office.get(&format!("/compare?f={id}&a=1&b=9"));
    assert_eq!(s, 404, "{page}");
    assert_eq!(other.get(&format!("/compare?f={id}")).0, 404);
    let (_, revs) = office.get(&format!("/api/revisions?f={id}"));
    let remark_counts: Vec<i64> = json(&revs)["revisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["remarks"].as_i64().unwrap())
        .collect();
    assert_eq!(remark_counts, [0, 2, 0, 0, 0]);
}

/// The unit downloads its PDF and Word document; another unit cannot.
fn downloads(dept: &Client, other: &Client, id: i64) {
    // The unit downloads its PDF and Word document; another unit cannot.
    let (s, b) = dept.post(
        "/api/build",
        &json!({"file": id.to_string(), "format": "pdf"}),
    );
    assert_eq!(s, 200, "{b}");
    let url = json(&b)["download"].as_str().unwrap().to_string();
    let (s, head, pdf) = get_bytes(dept, &url);
    assert_eq!(s, 200, "{head}");
    assert!(
        pdf.starts_with(b"%PDF-") && head.contains("Content-Type: application/pdf"),
        "{head}"
    );
    assert!(head.contains("filename*=UTF-8''%E6%9F%90"), "{head}");
    let (s, head, docx) = get_bytes(dept, &format!("/api/download?f={id}&format=docx"));
    assert_eq!(s, 200, "{head}");
    assert!(unzip(&docx).iter().any(|(n, _)| n == "word/document.xml"));
    // The OFD (issue 63): the same pages, its own media type.
    let (s, head, ofd) = get_bytes(dept, &format!("/api/download?f={id}&format=ofd"));
    assert_eq!(s, 200, "{head}");
    assert!(head.contains("Content-Type: application/ofd"), "{head}");
    assert!(unzip(&ofd).iter().any(|(n, _)| n == "OFD.xml"));
    assert_eq!(
        get_bytes(other, &format!("/api/download?f={id}&format=pdf")).0,
        404
    );
}

/// Approved, then exported: the data file exactly as stored, its PDF and
/// Word document; departments cannot export.
fn approve_and_export(store: &Store, dept: &Client, office: &Client, id: i64) {
    // Approved, then exported: the data file exactly as stored, its PDF and
    // Word document; departments cannot export.
    assert_eq!(
        office.get("/api/export?what=data").0,
        404,
        "nothing approved yet"
    );
    assert_eq!(
        office
            .post("/api/approve", &json!({"file": id.to_string()}))
            .0,
        200
    );
    assert_eq!(dept.get("/api/export?what=all").0, 403);
    let (s, head, zip) = get_bytes(office, "/api/export?what=all");
    assert_eq!(s, 200, "{head}");
    let files = unzip(&zip);
    let names: Vec<&str> = files.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(
        names,
        [
            "年报-2024-已通过/数据文件/某县教育局-2024.yaml",
            "年报-2024-已通过/PDF/某县教育局-2024.pdf",
            "年报-2024-已通过/Word/某县教育局-2024.docx"
        ]
    );
    let stored: String = open_db(&store.db())
        .query_row("SELECT text FROM reports WHERE id = ?1", [id], |r| r.get(0))
        .unwrap();
    assert_eq!(files[0].1, stored.as_bytes());
    assert!(String::from_utf8_lossy(&files[0].1).contains("0533-2139070"));
    assert!(files[1].1.starts_with(b"%PDF-"));
}

/// Logs in through the login page.
pub(crate) fn log_in(browser: &Browser, port: u16, user: &str, password: &str) {
    browser.goto(&format!("http://127.0.0.1:{port}/login"));
    browser.eval(&format!(
        "var f = document.getElementById('login'); f.user.value = {}; f.password.value = {}; f.requestSubmit(); return 1;",
        serde_json::to_string(user).unwrap(),
        serde_json::to_string(password).unwrap()
    ));
    browser.wait_for(
        "the board",
        "return document.querySelectorAll('#reports tbody tr').length > 0;",
    );
}

fn log_out(browser: &Browser) {
    browser.eval(
        "var boot = JSON.parse(document.getElementById('nb-boot').textContent); \
         var x = new XMLHttpRequest(); x.open('POST', '/api/logout', false); \
         x.setRequestHeader('X-Nianbao-Token', boot.csrf || boot.token); x.send('{}'); return x.status;",
    );
}

/// Clicks the board's button or link `act` on the row of report `id`.
fn board_act(browser: &Browser, id: i64, act: &str) {
    browser.wait_for(
        act,
        &format!(
            "return document.querySelector('tr[data-id=\"{id}\"] [data-act=\"{act}\"]') !== null;"
        ),
    );
    browser.eval(&format!(
        "document.querySelector('tr[data-id=\"{id}\"] [data-act=\"{act}\"]').click(); return 1;"
    ));
}

fn open_report(browser: &Browser, port: u16, id: i64) {
    browser.goto(&format!("http://127.0.0.1:{port}/report?f={id}"));
    browser.wait_for(
        "the report page",
        "return document.getElementById('status') !== null && document.querySelectorAll('#findings li').length > 0;",
    );
}

#[test]
fn a_report_goes_round_in_chromium_with_a_remark_on_a_cell() {
    if !crate::preview::browser_available() {
        return;
    }
    let store = init("2024");
    let server = start(&store.dir.path("s"));
    let port = server.port;
    // The unit has filled in all but one figure.
    let filler = login(port, "bm001", &store.password("bm001")).unwrap();
    let id = filler.reports()[0]["id"].as_i64().unwrap();
    let cell = "依申请公开.本年新收[0]";
    let edits = example_edits();
    let right = edits.iter().find(|e| e.0 == cell).unwrap().1.clone();
    let v = filler.state(id)["version"].as_str().unwrap().to_string();
    let rest: Vec<(String, String)> = edits.iter().filter(|e| e.0 != cell).cloned().collect();
    assert_eq!(filler.save(id, &v, &rest).0, 200);
    let browser = Browser::start();
    department_types_and_submits(&browser, port, &store, id, cell, &right);
    office_remarks_and_returns(&browser, port, &store, id, cell);
    department_sees_the_remark_and_resubmits(&browser, port, &store, id, cell);
    office_compares_and_approves(&browser, port, &store, id);
    drop(browser);
    let office = login(port, "审核", &store.password("审核")).unwrap();
    let (s, head, zip) = get_bytes(&office, "/api/export?what=data");
    assert_eq!(s, 200, "{head}");
    let files = unzip(&zip);
    assert_eq!(files.len(), 1);
    let text = String::from_utf8_lossy(&files[0].1).into_owned();
    assert!(text.contains("0533-2139070"), "{text}");
    drop(server);
    the_file_holds_every_revision_and_no_password(&store, id);
}

fn department_types_and_submits(
    browser: &Browser,
    port: u16,
    store: &Store,
    id: i64,
    cell: &str,
    right: &str,
) {
    log_in(browser, port, "bm001", &store.password("bm001"));
    board_act(browser, id, "open");
    browser.wait_for("the report page", "return document.getElementById('findings') !== null && document.querySelectorAll('#findings li').length > 0;");
    // A wrong figure: the finding at the cell and in the panel.
    type_into(browser, cell, "999");
    wait_saved(browser);
    browser.wait_for(
        "the finding at the cell",
        &format!("return document.querySelector('[data-path=\"{cell}\"]').getAttribute('data-mark') === 'error' && document.querySelectorAll('#findings li.error').length > 0;"),
    );
    // The right one: no errors left.
    type_into(browser, cell, right);
    browser.wait_for(
        "no errors",
        "return document.getElementById('status').textContent === '已保存' && document.querySelectorAll('#findings li.error').length === 0;",
    );
    browser.screenshot("server-1-department.png");
    browser.goto(&format!("http://127.0.0.1:{port}/"));
    board_act(browser, id, "submit");
    browser.wait_for(
        "submitted",
        &format!("return document.querySelector('tr[data-id=\"{id}\"]').getAttribute('data-state') === 'submitted';"),
    );
    log_out(browser);
}

fn office_remarks_and_returns(browser: &Browser, port: u16, store: &Store, id: i64, cell: &str) {
    log_in(browser, port, "审核", &store.password("审核"));
    browser.wait_for(
        "the county summary",
        "return document.getElementById('county-head').textContent.indexOf('已汇总 1 / 3') >= 0;",
    );
    board_act(browser, id, "open");
    browser.wait_for(
        "the remark form",
        "var f = document.getElementById('remark-form'); return f && !f.hidden;",
    );
    // Read-only: typing changes nothing.
    assert_eq!(
        browser.eval(&format!(
            "return document.querySelector('[data-path=\"{cell}\"]').readOnly;"
        )),
        true
    );
    // The office picks the phone cell and writes a remark.
    browser.eval("document.querySelector('[data-path=\"联系方式.电话\"]').focus(); return 1;");
    browser.wait_for(
        "the place",
        "return document.getElementById('remark-at').textContent.indexOf('电话') >= 0;",
    );
    browser.eval("document.getElementById('remark-text').value = '电话请写区号'; document.getElementById('remark-add').click(); return 1;");
    browser.wait_for(
        "the remark at its cell",
        "return document.querySelector('#remark-list li[data-remark-path=\"联系方式.电话\"]') !== null && document.querySelector('.flag.remark[data-remark=\"联系方式.电话\"]') !== null;",
    );
    browser.screenshot("server-2-office-remark.png");
    browser.goto(&format!("http://127.0.0.1:{port}/"));
    browser.eval("window.prompt = function () { return ''; }; return 1;");
    board_act(browser, id, "return");
    browser.wait_for(
        "returned",
        &format!("return document.querySelector('tr[data-id=\"{id}\"]').getAttribute('data-state') === 'returned';"),
    );
    log_out(browser);
}

fn department_sees_the_remark_and_resubmits(
    browser: &Browser,
    port: u16,
    store: &Store,
    id: i64,
    cell: &str,
) {
    log_in(browser, port, "bm001", &store.password("bm001"));
    open_report(browser, port, id);
    let seen = browser.wait_for(
        "the remark at the cell",
        "var f = document.querySelector('.flag.remark[data-remark=\"联系方式.电话\"]'); return f ? f.title : '';",
    );
    assert!(seen.as_str().unwrap().contains("电话请写区号"), "{seen}");
    // Returning kept every value: the figure typed before is still there.
    let kept = browser.eval(&format!(
        "return document.querySelector('[data-path=\"{cell}\"]').value;"
    ));
    assert_ne!(kept, "", "returned values are kept");
    type_into(browser, "联系方式.电话", "0533-2139070");
    wait_saved(browser);
    browser.screenshot("server-3-department-remark.png");
    browser.goto(&format!("http://127.0.0.1:{port}/"));
    board_act(browser, id, "submit");
    browser.wait_for(
        "resubmitted",
        &format!("return document.querySelector('tr[data-id=\"{id}\"]').getAttribute('data-state') === 'submitted';"),
    );
    log_out(browser);
}

fn office_compares_and_approves(browser: &Browser, port: u16, store: &Store, id: i64) {
    log_in(browser, port, "审核", &store.password("审核"));
    board_act(browser, id, "versions");
    let text = browser.wait_for(
        "the comparison",
        "return document.getElementById('versions') !== null ? document.body.innerText : '';",
    );
    let text = text.as_str().unwrap();
    assert!(
        text.contains("0533-2139070") && text.contains("2139070"),
        "{text}"
    );
    browser.screenshot("server-4-compare.png");
    browser.goto(&format!("http://127.0.0.1:{port}/"));
    board_act(browser, id, "approve");
    browser.wait_for(
        "approved",
        &format!("return document.querySelector('tr[data-id=\"{id}\"]').getAttribute('data-state') === 'approved';"),
    );
    let exported = browser
        .eval("return document.querySelector('[data-act=\"export-data\"]').getAttribute('href');");
    assert_eq!(exported, "/api/export?what=data");
}

/// The database file: every revision of the round, the remark with its
/// revision, and no password in plain text anywhere (WAL included).
fn the_file_holds_every_revision_and_no_password(store: &Store, id: i64) {
    let db = open_db(&store.db());
    let kinds: Vec<String> = db
        .prepare("SELECT kind FROM revisions WHERE report = ?1 ORDER BY revision")
        .unwrap()
        .query_map([id], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(kinds.first().map(String::as_str), Some("save"));
    let tail: Vec<&str> = kinds
        .iter()
        .map(String::as_str)
        .filter(|k| *k != "save")
        .collect();
    assert_eq!(tail, ["submit", "return", "submit", "approve"], "{kinds:?}");
    let (count, max): (i64, i64) = db
        .query_row(
            "SELECT count(*), max(revision) FROM revisions WHERE report = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(count, max, "no revision missing");
    let remark: (i64, String) = db
        .query_row(
            "SELECT revision, text FROM remarks WHERE report = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let submitted: i64 = db
        .query_row(
            "SELECT min(revision) FROM revisions WHERE report = ?1 AND kind = 'submit'",
            [id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(remark, (submitted, "电话请写区号".to_string()));
    drop(db);
    let mut bytes = std::fs::read(store.db()).unwrap();
    if let Ok(wal) = std::fs::read(store.dir.path("s/nianbao-server.db-wal")) {
        bytes.extend(wal);
    }
    for (user, password, _) in &store.accounts {
        assert!(
            !bytes
                .windows(password.len())
                .any(|w| w == password.as_bytes()),
            "the password of {user} is in the database file"
        );
    }
}

/// The example's data file of 2024.
fn example_2024() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/zibo-zhangdian-traffic-2024.yaml")
}

/// A department starts its 2025 report from last year's data file and from
/// a workbook `nianbao new --format xlsx` made: the figures carried
/// forward, the agency the unit's own (and said so), a revision of kind
/// `start`; another unit's report 404, no CSRF token 403, the office 403.
#[test]
fn a_department_starts_from_last_years_report_or_a_workbook() {
    let store = init("2025");
    let xlsx = store.dir.path("2025.xlsx");
    let out = crate::common::run(
        crate::common::nianbao()
            .args(["new", "--format", "xlsx", "--from"])
            .arg(example_2024())
            .arg("-o")
            .arg(&xlsx),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let server = start(&store.dir.path("s"));
    let dept = login(server.port, "bm001", &store.password("bm001")).unwrap();
    let other = login(server.port, "bm002", &store.password("bm002")).unwrap();
    let office = login(server.port, "审核", &store.password("审核")).unwrap();
    let mine = &dept.reports()[0];
    let (id, unit) = (mine["id"].as_i64().unwrap(), mine["unit"].as_str().unwrap());
    let theirs = &other.reports()[0];
    let (other_id, other_unit) = (
        theirs["id"].as_i64().unwrap(),
        theirs["unit"].as_str().unwrap(),
    );
    // The page of an editable report offers the upload.
    let (s, page) = dept.get(&format!("/report?f={id}"));
    assert_eq!(s, 200);
    assert!(page.contains("id=\"start-file\""), "{page}");
    let yaml = std::fs::read(example_2024()).unwrap();
    // Guarded: no CSRF token, another unit's report, the office.
    let target = |id: i64, name: &str| format!("/api/start?f={id}&name={name}");
    assert_eq!(dept.upload(&target(id, "2024.yaml"), &yaml, false).0, 403);
    let (s, b) = dept.upload(&target(other_id, "2024.yaml"), &yaml, true);
    assert_eq!(s, 404, "{b}");
    assert_eq!(office.upload(&target(id, "2024.yaml"), &yaml, true).0, 403);
    // Something that is no report is refused with its name.
    let (s, b) = dept.upload(&target(id, "2024.pdf"), b"not a pdf", true);
    assert_eq!(s, 400, "{b}");
    assert!(
        json(&b)["error"].as_str().unwrap().contains("2024.pdf"),
        "{b}"
    );
    assert_eq!(dept.state(id)["revision"], 0, "nothing recorded");

    // Last year's data file, rolled forward.
    let (s, b) = dept.upload(&target(id, "2024.yaml"), &yaml, true);
    assert_eq!(s, 200, "{b}");
    let note = json(&b)["note"].as_str().unwrap().to_string();
    assert!(
        note.contains("淄博市公安局交通警察支队张店大队") && note.contains(unit),
        "{note}"
    );
    let state = dept.state(id);
    let values = &state["values"];
    assert_eq!(values["机关"], unit, "{values}");
    assert_eq!(values["年度"], "2025", "{values}");
    assert_eq!(values["依申请公开.上年结转[0]"], "1", "{values}");
    assert!(
        values["依申请公开.本年新收[0]"].is_null(),
        "left to fill: {values}"
    );
    assert_eq!(state["state"], "filling");
    assert_eq!(state["revision"], 1);
    let (s, b) = dept.get(&format!("/api/revisions?f={id}"));
    assert_eq!(s, 200);
    assert_eq!(json(&b)["revisions"][0]["kind"], "start", "{b}");

    // This year's workbook, filled in Excel: kept as it is, but the unit's.
    let workbook = std::fs::read(&xlsx).unwrap();
    let (s, b) = other.upload(&target(other_id, "2025.xlsx"), &workbook, true);
    assert_eq!(s, 200, "{b}");
    assert!(
        json(&b)["note"].as_str().unwrap().contains(other_unit),
        "{b}"
    );
    let values = &other.state(other_id)["values"];
    assert_eq!(values["机关"], other_unit, "{values}");
    assert_eq!(values["年度"], "2025", "{values}");
    assert_eq!(values["依申请公开.上年结转[0]"], "1", "{values}");
    // A report of another year is refused.
    let (s, b) = other.upload(&target(other_id, "2023.xlsx"), &yaml, true);
    assert_eq!(s, 400, "{b}");
    // The other unit's start left this one alone.
    assert_eq!(dept.state(id)["values"]["机关"], unit);
}

/// Issue 60.7 on the server: a Word document that still holds tracked
/// changes and a comment is refused with 409 naming them and nothing
/// recorded; sent again with `accept=1` (the page asks, then resends) it is
/// read as accepted and rolled forward.
#[test]
fn a_word_document_with_pending_revisions_starts_a_report_only_when_chosen() {
    let store = init("2021");
    let server = start(&store.dir.path("s"));
    let dept = login(server.port, "bm001", &store.password("bm001")).unwrap();
    let id = dept.reports()[0]["id"].as_i64().unwrap();
    let docx = crate::signoff::hand_reviewed(&crate::signoff::example_text());
    let target = format!("/api/start?f={id}&name=2020.docx");
    let (s, b) = dept.upload(&target, &docx, true);
    assert_eq!(s, 409, "{b}");
    let refused = json(&b);
    assert_eq!(refused["unaccepted"], true, "{b}");
    let said = refused["error"].as_str().unwrap();
    assert!(
        said.starts_with("2020.docx：")
            && said.contains("未接受的修订 4 处")
            && said.contains("张科长 插入“知情权、参与权和”")
            && said.contains("批注 1 条（李主任 批注“审查流程写具体些”）"),
        "{said}"
    );
    assert_eq!(dept.state(id)["revision"], 0, "nothing recorded");
    // The page offers the choice: the script resends with accept=1.
    let (s, script) = dept.get("/assets/start.js");
    assert_eq!(s, 200);
    assert!(script.contains("&accept=1") && script.contains("unaccepted"));
    let (s, b) = dept.upload(&format!("{target}&accept=1"), &docx, true);
    assert_eq!(s, 200, "{b}");
    let state = dept.state(id);
    assert_eq!(state["revision"], 1);
    assert_eq!(state["values"]["年度"], "2021", "{}", state["values"]);
    assert!(
        state.to_string().contains("知情权、参与权和"),
        "the accepted text carried forward"
    );
}

/// The same in Chromium: the page's upload control gets the Word document,
/// names its tracked changes and comment in a second question, and once
/// the unit agrees sends it again to be read as accepted.
#[test]
fn the_page_asks_before_reading_a_word_document_as_accepted_in_chromium() {
    if !crate::preview::browser_available() {
        return;
    }
    let store = init("2021");
    let server = start(&store.dir.path("s"));
    let port = server.port;
    let dept = login(port, "bm001", &store.password("bm001")).unwrap();
    let id = dept.reports()[0]["id"].as_i64().unwrap();
    let docx = crate::signoff::hand_reviewed(&crate::signoff::example_text());
    let browser = Browser::start();
    log_in(&browser, port, "bm001", &store.password("bm001"));
    open_report(&browser, port, id);
    browser.eval(&format!(
        "sessionStorage.setItem('asked', ''); \
         window.confirm = function (m) {{ sessionStorage.setItem('asked', sessionStorage.getItem('asked') + '\\u0001' + m); return true; }}; \
         window.alert = function () {{}}; \
         var f = new File([new Uint8Array({})], '2020.docx'); var dt = new DataTransfer(); dt.items.add(f); \
         var i = document.getElementById('start-file'); i.files = dt.files; i.dispatchEvent(new Event('change')); return 1;",
        serde_json::to_string(&docx).unwrap()
    ));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while dept.state(id)["revision"] != 1 {
        assert!(std::time::Instant::now() < deadline, "never started");
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    open_report(&browser, port, id);
    let asked = browser.eval("return sessionStorage.getItem('asked');");
    let asked: Vec<&str> = asked.as_str().unwrap().split('\u{1}').skip(1).collect();
    assert_eq!(asked.len(), 2, "{asked:?}");
    assert!(asked[0].contains("替换本报告现在的内容"), "{asked:?}");
    assert!(
        asked[1].contains("未接受的修订 4 处") && asked[1].contains("按接受全部修订后的文字导入"),
        "{asked:?}"
    );
    assert!(dept.state(id).to_string().contains("知情权、参与权和"));
}
