//! The county server over the years and its accounts (issue 59.2, 59.3,
//! 59.4): the next year's round opened from the approved reports, past
//! years readable and comparable, a roster that adds, renames and retires
//! units; passwords changed and reset on the page, a second reviewer, a
//! lockout that a guesser cannot turn against the office. The real server,
//! the database read directly.

use crate::common;
use crate::server::{Client, example_edits, init, json, login, open_db, start};

use std::path::Path;

use serde_json::{Value, json};

/// `dept`'s report of the latest year and its version.
fn latest_report(dept: &Client) -> (i64, String) {
    let id = dept.reports()[0]["id"].as_i64().unwrap();
    let version = dept.state(id)["version"].as_str().unwrap().to_string();
    (id, version)
}

/// The reports `client` sees of `year`.
fn reports_of(client: &Client, year: i64) -> Value {
    let (s, b) = client.get(&format!("/api/reports?year={year}"));
    assert_eq!(s, 200, "{b}");
    json(&b)
}

/// Runs `nianbao server ARGS… DIR REST…`.
fn operator(args: &[&str], dir: &Path, rest: &[&str]) -> common::Output {
    common::run(
        common::nianbao()
            .arg("server")
            .args(args)
            .arg(dir)
            .args(rest),
    )
}

#[test]
fn the_next_year_opens_from_the_approved_reports_and_past_years_stay_readable() {
    let store = init("2024");
    let dir = store.dir.path("s");
    let server = start(&dir);
    let office = login(server.port, "审核", &store.password("审核")).unwrap();
    let bm001 = login(server.port, "bm001", &store.password("bm001")).unwrap();
    let bm002 = login(server.port, "bm002", &store.password("bm002")).unwrap();
    let (id1, version) = latest_report(&bm001);
    let (s, _) = bm001.save(id1, &version, &example_edits());
    assert_eq!(s, 200);
    assert_eq!(
        bm001
            .post("/api/submit", &json!({"file": id1.to_string()}))
            .0,
        200
    );
    assert_eq!(
        office
            .post("/api/approve", &json!({"file": id1.to_string()}))
            .0,
        200
    );
    let (id2, version) = latest_report(&bm002);
    let phone = [("联系方式.电话".to_string(), "0533-1234567".to_string())];
    assert_eq!(bm002.save(id2, &version, &phone).0, 200);
    let values_2024 = bm001.state(id1)["values"].clone();

    // A department cannot open a year; the office opens 2025.
    assert_eq!(bm001.post("/api/new-year", &json!({"year": 2025})).0, 403);
    let (s, b) = office.post("/api/new-year", &json!({"year": 2025}));
    assert_eq!(s, 200, "{b}");
    let opened = json(&b);
    assert_eq!(opened["year"], 2025);
    assert_eq!(
        (
            opened["from_approved"].as_i64(),
            opened["from_latest"].as_i64()
        ),
        (Some(1), Some(2))
    );
    // A second click opens nothing more.
    let (s, b) = office.post("/api/new-year", &json!({"year": 2025}));
    assert_eq!(s, 409, "{b}");
    assert!(b.contains("已经开启过"), "{b}");

    // The board shows the latest year by default, any year on asking.
    let board = json(&office.get("/api/reports").1);
    assert_eq!(board["year"], 2025);
    assert_eq!(board["years"], json!([2025, 2024]));
    assert_eq!(board["reports"].as_array().unwrap().len(), 3);
    assert!(
        board["reports"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["state"] == "new" && r["revision"] == 1)
    );
    let past = reports_of(&office, 2024);
    let states: Vec<&str> = past["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["state"].as_str().unwrap())
        .collect();
    assert_eq!(states, ["filling", "new", "approved"]);

    // 上年结转 is last year's 结转下年度继续办理; the identity is the roster's.
    let new1 = carried_forward(&bm001, id1, &values_2024);

    // Last year's reports are closed: readable, no longer changed.
    let old = bm002.state(id2);
    assert_eq!(old["editable"], false);
    let (s, b) = bm002.save(id2, old["version"].as_str().unwrap(), &phone);
    assert_eq!(s, 409, "{b}");
    assert!(
        b["error"]
            .as_str()
            .unwrap()
            .contains("2024 年度的收集已结束"),
        "{b}"
    );
    assert_eq!(b["reason"], "readonly", "{b}");
    let (s, page) = bm002.get(&format!("/report?f={id2}"));
    assert_eq!(s, 200);
    assert!(
        page.contains("2024 年度的收集已结束"),
        "the page says why it is read-only"
    );
    let new2 = bm002.reports()[0]["id"].as_i64().unwrap();
    let version = bm002.state(new2)["version"].as_str().unwrap().to_string();
    assert_eq!(bm002.save(new2, &version, &phone).0, 200);

    compared_across_years(&bm001, &bm002, new1, id1);
    summed_per_year(&office);
    drop(server);
    two_rounds_in_the_database(&store.db());
}

/// The rounds, the drafts as revisions, the owners and the audit line.
fn two_rounds_in_the_database(path: &Path) {
    let db = open_db(path);
    let rounds: Vec<(i64, String)> = db
        .prepare("SELECT year, opened_by FROM rounds ORDER BY year")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        rounds,
        [(2024, "nianbao".to_string()), (2025, "审核".to_string())]
    );
    let carries: i64 = db
        .query_row(
            "SELECT count(*) FROM revisions v JOIN reports r ON r.id = v.report \
             WHERE r.year = 2025 AND v.revision = 1 AND v.kind = 'carry' AND v.text = \
             (SELECT text FROM revisions WHERE report = r.id AND revision = 1)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(carries, 3);
    let owners: Vec<String> = db
        .prepare("SELECT owner FROM reports WHERE year = 2025 ORDER BY owner")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(owners, ["bm001", "bm002", "bm003"]);
    let audit: i64 = db
        .query_row(
            "SELECT count(*) FROM audit WHERE who = '审核' AND action = '开启新年度'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audit, 1);
}

/// bm001's new report: 上年结转 is last year's 结转下年度继续办理, the
/// agency the roster's.
fn carried_forward(bm001: &Client, id1: i64, values_2024: &Value) -> i64 {
    let new1 = bm001.reports()[0]["id"].as_i64().unwrap();
    assert_ne!(new1, id1);
    let state = bm001.state(new1);
    assert_eq!(state["year"], 2025);
    let mut carried = 0;
    for (path, value) in values_2024.as_object().unwrap() {
        if let Some(column) = path
            .strip_prefix("依申请公开.结转下年度继续办理[")
            .filter(|c| *c != "6]")
        {
            let key = format!("依申请公开.上年结转[{column}");
            assert_eq!(&state["values"][&key], value, "{key}");
            carried += 1;
        }
    }
    assert_eq!(carried, 6, "the six columns filled in (总计 is computed)");
    assert_eq!(state["values"]["机关"], crate::server::UNITS[0]);
    assert_eq!(state["editable"], true);
    new1
}

/// 版本对比 across years: this year's draft against last year's approved
/// version by default; the round's steps listed first; another unit's
/// report refused.
fn compared_across_years(bm001: &Client, bm002: &Client, new1: i64, id1: i64) {
    let (s, html) = bm001.get(&format!("/compare?f={new1}"));
    assert_eq!(s, 200, "{html}");
    let approved =
        format!("<option value=\"{id1}.3\" selected>2024 年度第 3 版（通过，审核）</option>");
    assert!(html.contains(&approved), "{html}");
    assert!(
        html.contains("<optgroup label=\"2024 年度（某县教育局）\">"),
        "{html}"
    );
    let (s, html) = bm001.get(&format!("/compare?f={id1}"));
    assert_eq!(s, 200);
    let steps = html.find("2024 年度：提交、退回、通过的版本").unwrap();
    let others = html.find("2024 年度：其他保存的版本").unwrap();
    assert!(steps < others, "the round's steps first");
    assert!(
        html.find("第 3 版（通过").unwrap() < html.find("第 2 版（提交").unwrap(),
        "newest first"
    );
    // Another unit's report is not reachable through the menus' values.
    let (s, _) = bm002.get(&format!(
        "/compare?f={}&a={id1}.3",
        bm002.reports()[0]["id"]
    ));
    assert_eq!(s, 404);
}

/// The county summary of each year.
fn summed_per_year(office: &Client) {
    let now = json(&office.get("/api/county").1);
    assert_eq!(
        (now["year"].as_i64(), now["counted"].as_i64()),
        (Some(2025), Some(0))
    );
    let then = json(&office.get("/api/county?year=2024").1);
    assert_eq!(
        (then["year"].as_i64(), then["counted"].as_i64()),
        (Some(2024), Some(1))
    );
    assert!(then["figures"].is_array(), "{then}");
}

#[test]
fn a_new_roster_adds_renames_and_retires_units_keeping_their_history() {
    let store = init("2024");
    let dir = store.dir.path("s");
    let roster = store.dir.path("名单2025.csv");
    std::fs::write(
        &roster,
        "单位名称,曾用名\n某县教育体育局,某县教育局\n某县财政局,\n=某县医疗保障局,\n",
    )
    .unwrap();
    let out = operator(&["new-year"], &dir, &["--year", "2030"]);
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(
        out.stderr
            .contains("只能开启 2024 年度的下一年度，即 2025 年度"),
        "{}",
        out.stderr
    );
    let out = operator(&["新年度"], &dir, &["--roster", roster.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for line in [
        "已开启 2025 年度：3 份报告（0 份由上年已通过的报告生成，2 份由上年最新保存的内容生成，1 份空白）",
        "更名：bm001 某县教育局 → 某县教育体育局",
        "停用：bm003 某县公安局",
        "新增：bm004 =某县医疗保障局",
    ] {
        assert!(out.stdout.contains(line), "{line}\n{}", out.stdout);
    }
    let csv = std::fs::read_to_string(dir.join("新账号密码-2025.csv")).unwrap();
    let line = csv.lines().nth(1).unwrap().to_string();
    assert!(
        line.starts_with("bm004,") && line.ends_with(",'=某县医疗保障局"),
        "{line}"
    );
    let password = line.split(',').nth(1).unwrap().to_string();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.join("新账号密码-2025.csv"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let again = operator(&["new-year"], &dir, &["--year", "2025"]);
    assert_eq!(again.code, 2);
    assert!(
        again.stderr.contains("2025 年度已经开启过"),
        "{}",
        again.stderr
    );
    renamed_and_retired_in_the_database(&store.db());
    let server = start(&dir);
    let bm001 = login(server.port, "bm001", &store.password("bm001")).unwrap();
    let now = bm001.reports();
    assert_eq!(now.len(), 1);
    assert_eq!(now[0]["unit"], "某县教育体育局");
    assert_eq!(
        bm001.state(now[0]["id"].as_i64().unwrap())["values"]["机关"],
        "某县教育体育局"
    );
    let then = reports_of(&bm001, 2024);
    assert_eq!(
        then["reports"][0]["unit"], "某县教育局",
        "its history under its old name"
    );
    let (s, b) = login(server.port, "bm003", &store.password("bm003"))
        .err()
        .unwrap();
    assert_eq!(s, 403);
    assert!(b.contains("已停用"), "{b}");
    let bm004 = login(server.port, "bm004", &password).unwrap();
    assert_eq!(bm004.reports()[0]["unit"], "=某县医疗保障局");
    let office = login(server.port, "审核", &store.password("审核")).unwrap();
    let accounts = json(&office.get("/api/accounts").1);
    let first = accounts["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["user"] == "bm001")
        .unwrap()
        .clone();
    assert_eq!(first["former"], json!(["某县教育局（至 2024 年度）"]));
    assert_eq!(bm001.get("/api/accounts").0, 403);
}

/// bm001 renamed with its former name kept, bm003 retired, each report
/// under the name of its year.
fn renamed_and_retired_in_the_database(path: &Path) {
    let db = open_db(path);
    let former: (String, String, i64) = db
            .query_row(
                "SELECT a.unit, f.name, f.until_year FROM former_names f JOIN accounts a ON a.id = f.account \
                 WHERE a.user = 'bm001'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
    assert_eq!(former, ("某县教育体育局".into(), "某县教育局".into(), 2024));
    let retired: i64 = db
        .query_row(
            "SELECT retired FROM accounts WHERE user = 'bm003'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(retired, 1);
    let units: Vec<(i64, String)> = db
        .prepare("SELECT year, unit FROM reports WHERE owner = 'bm001' ORDER BY year")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        units,
        [(2024, "某县教育局".into()), (2025, "某县教育体育局".into())]
    );
}

/// A login's answer: status, the session cookie and the device cookie.
fn login_with(port: u16, user: &str, password: &str, device: &str) -> (u16, String, String) {
    let (status, session, device, _) = login_body(port, user, password, device);
    (status, session, device)
}

/// A login's answer with its body.
fn login_body(
    port: u16,
    user: &str,
    password: &str,
    device: &str,
) -> (u16, String, String, String) {
    let body = json!({"user": user, "password": password}).to_string();
    let cookie = if device.is_empty() {
        String::new()
    } else {
        format!("Cookie: {device}\r\n")
    };
    let head = format!(
        "POST /api/login HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\n{cookie}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let (status, head, body) = common::http_raw(port, &head, body.as_bytes());
    let named = |name: &str| {
        head.lines()
            .filter_map(|l| l.strip_prefix("Set-Cookie: "))
            .find(|c| c.starts_with(name))
            .map(|c| c.split(';').next().unwrap().to_string())
            .unwrap_or_default()
    };
    (status, named("nb_session="), named("nb_device="), body)
}

#[test]
fn a_guesser_behind_the_same_address_cannot_lock_the_office_out() {
    let store = init("2024");
    let server = start(&store.dir.path("s"));
    let right = store.password("审核");
    // The office's own browser logged in before: it holds a device cookie.
    let (s, _, device) = login_with(server.port, "审核", &right, "");
    assert_eq!(s, 200);
    assert!(
        device.starts_with("nb_device=") && device.len() > 60,
        "{device}"
    );
    // Someone at the same address (one NAT) guesses five times...
    for _ in 0..5 {
        assert_eq!(login_with(server.port, "审核", "guess-guess", "").0, 401);
    }
    // ...and is held, even with the right password...
    assert_eq!(login_with(server.port, "审核", &right, "").0, 429);
    // ...while the office's browser logs in as always.
    let (s, session, _) = login_with(server.port, "审核", &right, &device);
    assert_eq!(s, 200);
    assert!(!session.is_empty());
    // A device cookie of another account, or a made-up one, is no pass.
    assert_eq!(
        login_with(server.port, "审核", &right, "nb_device=0123456789abcdef").0,
        429
    );
    // The office unlocks bm001 from its board after the same guessing.
    for _ in 0..5 {
        let _ = login_with(server.port, "bm001", "guess-guess", "");
    }
    assert_eq!(
        login_with(server.port, "bm001", &store.password("bm001"), "").0,
        429
    );
    let (s, cookie, _, body) = login_body(server.port, "审核", &right, &device);
    assert_eq!(s, 200);
    let office = Client {
        port: server.port,
        cookie,
        csrf: json(&body)["csrf"].as_str().unwrap().to_string(),
    };
    let (s, b) = office.post("/api/account/unlock", &json!({"user": "bm001"}));
    assert_eq!(s, 200, "{b}");
    assert_eq!(
        login_with(server.port, "bm001", &store.password("bm001"), "").0,
        200
    );
    drop(server);
    let db = open_db(&store.db());
    let unlocked: i64 = db
        .query_row(
            "SELECT count(*) FROM audit WHERE who = '审核' AND action = '解除锁定' AND detail = 'bm001'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(unlocked, 1);
    let devices: i64 = db
        .query_row("SELECT count(*) FROM devices", [], |r| r.get(0))
        .unwrap();
    assert!(devices >= 3, "{devices}");
    let stored: String = db
        .query_row("SELECT token FROM devices LIMIT 1", [], |r| r.get(0))
        .unwrap();
    assert!(
        !device.contains(&stored),
        "the store keeps the token's hash only"
    );
}

#[test]
fn passwords_change_on_the_page_and_a_second_reviewer_resets_them() {
    let store = init("2024");
    let dir = store.dir.path("s");
    let out = operator(&["添加审核账号"], &dir, &["审核2"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let second = out.stdout.trim().rsplit('：').next().unwrap().to_string();
    assert_eq!(second.len(), 12, "{}", out.stdout);
    assert_eq!(
        operator(&["add-reviewer"], &dir, &["审核2"]).code,
        2,
        "taken"
    );
    assert_eq!(
        operator(&["add-reviewer"], &dir, &["a b"]).code,
        2,
        "a space"
    );
    let server = start(&dir);
    let reviewer = login(server.port, "审核2", &second).unwrap();
    assert_eq!(
        json(&reviewer.get("/api/reports").1)["reports"]
            .as_array()
            .unwrap()
            .len(),
        3
    );

    // Changing one's own password: the old one is required.
    let old = store.password("bm001");
    let here = login(server.port, "bm001", &old).unwrap();
    let elsewhere = login(server.port, "bm001", &old).unwrap();
    let (s, b) = here.post(
        "/api/password",
        &json!({"old": "not-it-at-all", "new": "新的密码-2025-教育局"}),
    );
    assert_eq!(s, 400);
    assert!(
        json(&b)["error"].as_str().unwrap().contains("原密码不正确"),
        "{b}"
    );
    let (s, b) = here.post("/api/password", &json!({"old": old, "new": "short"}));
    assert_eq!(s, 400);
    assert!(b.contains("10 到 128"), "{b}");
    let (s, b) = here.post(
        "/api/password",
        &json!({"old": old, "new": "新的密码-2025-教育局"}),
    );
    assert_eq!(s, 200, "{b}");
    assert_eq!(here.get("/api/reports").0, 200, "this session goes on");
    assert_eq!(elsewhere.get("/api/reports").0, 401, "the others end");
    assert_eq!(
        login(server.port, "bm001", &old).err().map(|e| e.0),
        Some(401)
    );
    assert!(login(server.port, "bm001", "新的密码-2025-教育局").is_ok());
    let (s, board) = here.get("/");
    assert_eq!(s, 200);
    for hook in [
        "id=\"password-form\"",
        "id=\"old-password\"",
        "id=\"new-password\"",
        "id=\"year\"",
    ] {
        assert!(board.contains(hook), "{hook}");
    }

    // The second reviewer resets bm002's password: shown once.
    assert_eq!(
        here.post("/api/account/reset", &json!({"user": "bm002"})).0,
        403
    );
    let (s, b) = reviewer.post("/api/account/reset", &json!({"user": "审核2"}));
    assert_eq!(s, 400, "{b}");
    let (s, b) = reviewer.post("/api/account/reset", &json!({"user": "bm002"}));
    assert_eq!(s, 200, "{b}");
    let new = json(&b)["password"].as_str().unwrap().to_string();
    assert_eq!(
        login(server.port, "bm002", &store.password("bm002"))
            .err()
            .map(|e| e.0),
        Some(401)
    );
    assert!(login(server.port, "bm002", &new).is_ok());
    drop(server);
    audited_by_name(&store.db(), &new);
}

/// Each account change in the audit log under who made it, no password.
fn audited_by_name(path: &Path, new: &str) {
    let db = open_db(path);
    let log: Vec<String> = db
        .prepare("SELECT who || ' ' || action || ' ' || detail FROM audit ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let log = log.join("\n");
    for line in [
        "nianbao 添加审核账号 审核2",
        "bm001 修改密码失败（原密码错误）",
        "bm001 修改密码 ",
        "审核2 重置密码 bm002",
    ] {
        assert!(log.contains(line), "{line}\n{log}");
    }
    assert!(!log.contains(new) && !log.contains("新的密码"), "{log}");
    let role: String = db
        .query_row(
            "SELECT role FROM accounts WHERE user = '审核2'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(role, "office");
}

#[test]
fn in_chromium_the_office_opens_a_year_chooses_years_and_manages_accounts() {
    if !crate::preview::browser_available() {
        return;
    }
    let store = init("2024");
    let server = start(&store.dir.path("s"));
    let port = server.port;
    let browser = crate::preview::Browser::start();
    crate::server_board::log_in(&browser, port, "审核", &store.password("审核"));
    browser.wait_for(
        "the year chooser and the account list",
        "return document.getElementById('year').options.length === 1 \
         && document.querySelectorAll('#account-list tbody tr').length === 4 \
         && document.getElementById('new-year').textContent === '开启 2025 年度';",
    );
    browser.eval("window.confirm = function () { return true; }; document.getElementById('new-year').click(); return 1;");
    browser.wait_for(
        "the new year on the board",
        "var y = document.getElementById('year'); \
         return y.options.length === 2 && y.value === '2025' \
         && document.getElementById('message').textContent.indexOf('已开启 2025 年度：3 份报告') === 0 \
         && document.querySelectorAll('#reports tbody tr[data-state=\"new\"]').length === 3;",
    );
    browser.screenshot("server-years-board.png");
    browser
        .eval("var y = document.getElementById('year'); y.value = '2024'; y.onchange(); return 1;");
    browser.wait_for(
        "the 2024 rows, no actions of a closed round",
        "var rows = document.querySelectorAll('#reports tbody tr'); \
         return rows.length === 3 && Array.prototype.every.call(rows, function (r) { return r.children[1].textContent === '2024'; }) \
         && document.querySelector('[data-act=export-data]').href.indexOf('year=2024') > 0;",
    );
    // Reset bm002's password from the board: shown once, and it works.
    browser.eval(
        "document.querySelector('#account-list tr[data-user=\"bm002\"] [data-act=reset-password]').click(); return 1;",
    );
    let said = browser.wait_for(
        "the one-time password",
        "var t = document.getElementById('account-message').textContent; return t.indexOf('的新密码：') > 0 ? t : '';",
    );
    let password = said
        .as_str()
        .unwrap()
        .split('：')
        .nth(1)
        .unwrap()
        .split('（')
        .next()
        .unwrap()
        .to_string();
    assert!(login(port, "bm002", &password).is_ok(), "{said}");
    // The office changes its own password on the page.
    browser.eval(
        "document.getElementById('password').open = true; \
         document.getElementById('old-password').value = OLD; \
         document.getElementById('new-password').value = '政务公开办-新密码-01'; \
         document.getElementById('new-password-again').value = '政务公开办-新密码-01'; \
         document.getElementById('password-form').requestSubmit(); return 1;"
            .replace(
                "OLD",
                &serde_json::to_string(&store.password("审核")).unwrap(),
            )
            .as_str(),
    );
    browser.wait_for(
        "the password changed",
        "return document.getElementById('password-message').textContent.indexOf('密码已修改') === 0;",
    );
    browser.screenshot("server-years-accounts.png");
    assert!(login(port, "审核", "政务公开办-新密码-01").is_ok());
}

#[test]
fn the_office_opens_a_year_with_a_new_roster_from_its_board() {
    let store = init("2024");
    let server = start(&store.dir.path("s"));
    let office = login(server.port, "审核", &store.password("审核")).unwrap();
    let roster = "单位名称,曾用名\n某县教育局,\n某县财政局,\n某县公安局,\n某县数据局,\n".as_bytes();
    let bm001 = login(server.port, "bm001", &store.password("bm001")).unwrap();
    let (s, _) = bm001.upload("/api/new-year?year=2025&name=roster.csv", roster, true);
    assert_eq!(s, 403);
    let (s, b) = office.upload("/api/new-year?year=2025&name=roster.exe", b"\x00\x01", true);
    assert_eq!(s, 400, "{b}");
    assert!(b.contains("名单无法读取"), "{b}");
    let (s, b) = office.upload("/api/new-year?year=2025&name=roster.csv", roster, true);
    assert_eq!(s, 200, "{b}");
    let opened = json(&b);
    assert_eq!(opened["added"][0]["user"], "bm004");
    assert_eq!(opened["added"][0]["unit"], "某县数据局");
    assert_eq!(opened["retired"], json!([]));
    let password = opened["added"][0]["password"].as_str().unwrap();
    let bm004 = login(server.port, "bm004", password).unwrap();
    let mine = bm004.reports();
    assert_eq!((mine.len(), mine[0]["year"].as_i64()), (1, Some(2025)));
    assert_eq!(reports_of(&bm004, 2024)["reports"], json!([]));
    drop(server);
    let db = open_db(&store.db());
    let stored: i64 = db
        .query_row(
            "SELECT count(*) FROM accounts WHERE user = 'bm004' AND hash LIKE '$argon2id$%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(stored, 1);
    assert!(
        !store.dir.path("s/新账号密码-2025.csv").exists(),
        "shown once, not written"
    );
}
