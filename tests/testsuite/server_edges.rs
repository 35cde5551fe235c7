//! The once-a-year edges of the county server (issue 75.5–75.6): a stop
//! by SIGINT or SIGTERM leaves the `.db` complete on its own, and the
//! small things an operator or an attacker meets once.

use crate::server::{init, login, open_db, start};

use std::path::Path;
use std::time::{Duration, Instant};

/// The phone number of report `id` as the database file `db` holds it
/// by itself (copied alone into a folder of its own: no `-wal` beside it).
fn phone_in_db_alone(db: &Path, id: i64) -> String {
    let alone = crate::common::TempDir::new("db-alone");
    let copy = alone.path("copy.db");
    std::fs::copy(db, &copy).unwrap();
    let text: String = open_db(&copy)
        .query_row("SELECT text FROM reports WHERE id = ?1", [id], |r| r.get(0))
        .unwrap();
    text.lines()
        .find_map(|l| l.split("0533-").nth(1))
        .map(|n| n.trim_matches(|c: char| !c.is_ascii_digit()).to_string())
        .unwrap_or_default()
}

/// A stop by SIGINT (Ctrl-C) or by SIGTERM (the service manager's stop)
/// folds the write-ahead log into the `.db` and removes it: the `.db`
/// copied alone holds the last acknowledged save.
#[test]
#[cfg(unix)]
fn a_stop_by_either_signal_leaves_the_db_complete_on_its_own() {
    let store = init("2024");
    let dir = store.dir.path("s");
    for (round, (sig, number)) in [("INT", libc::SIGINT), ("TERM", libc::SIGTERM)]
        .into_iter()
        .enumerate()
    {
        let mut server = start(&dir);
        let dept = login(server.port, "bm001", &store.password("bm001")).unwrap();
        let id = dept.reports()[0]["id"].as_i64().unwrap();
        let mut version = dept.state(id)["version"].as_str().unwrap().to_string();
        let last = format!("{:07}", 1000 * round + 29);
        for n in 0..30 {
            let phone = format!("0533-{:07}", 1000 * round + n);
            let (s, b) = dept.save(id, &version, &[("联系方式.电话".into(), phone)]);
            assert_eq!(s, 200, "{b}");
            version = b["version"].as_str().unwrap().to_string();
        }
        let wal = dir.join("nianbao-server.db-wal");
        assert!(
            std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0),
            "the saves are in the log while serving"
        );
        crate::common::send_signal(server.child.0.id(), number);
        let started = Instant::now();
        let status = loop {
            if let Some(status) = server.child.0.try_wait().unwrap() {
                break status;
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "SIG{sig} stops it"
            );
            std::thread::sleep(Duration::from_millis(50));
        };
        assert!(status.success(), "SIG{sig}: {status:?}");
        assert!(
            std::fs::metadata(&wal).map_or(true, |m| m.len() == 0),
            "SIG{sig}: the log is folded in"
        );
        assert_eq!(phone_in_db_alone(&store.db(), id), last, "SIG{sig}");
    }
}

/// Five wrong passwords for a real account and for a made-up name from
/// the same client: the same 401s, then the same 429 (the name aside);
/// a login name with a NUL is a plain 401 (issue 75.5–75.6).
#[test]
fn the_lockout_answers_alike_for_real_and_made_up_names() {
    let store = init("2024");
    let server = start(&store.dir.path("s"));
    lockout_alike(server.port);
}

/// [`the_lockout_answers_alike_for_real_and_made_up_names`] on the server
/// listening on `port`.
pub(crate) fn lockout_alike(port: u16) {
    let mut answers = Vec::new();
    for user in ["bm002", "bm999"] {
        let mut seen = Vec::new();
        for _ in 0..6 {
            let (status, body) = login(port, user, "wrong-password-1").err().unwrap();
            seen.push((status, body.replace(user, "NAME")));
        }
        answers.push(seen);
    }
    assert_eq!(answers[0], answers[1], "{answers:#?}");
    assert_eq!(answers[0][4].0, 401);
    assert_eq!(answers[0][5].0, 429, "{:?}", answers[0][5]);
    assert!(answers[0][5].1.contains("已锁定"), "{:?}", answers[0][5]);
    for user in ["bm\u{0}001", "\u{0}", "审核\u{1b}[2J"] {
        let (status, body) = login(port, user, "x").err().unwrap();
        assert_eq!(status, 401, "{user:?}: {body}");
    }
}

/// On PostgreSQL: `--db` in the documented `key=value` form makes a store
/// that serves, the lockout answers alike and a NUL in a login name is a
/// plain 401 (it was a 500: PostgreSQL refuses a NUL in a text). A
/// password in either form is refused without being echoed.
#[test]
#[cfg(feature = "postgres")]
fn key_value_connection_strings_and_nul_names_on_postgres() {
    let Some(cluster) = crate::pg_cluster::cluster() else {
        return;
    };
    let url = cluster.database();
    let db = url
        .split('/')
        .nth(3)
        .and_then(|rest| rest.split('?').next())
        .unwrap()
        .to_string();
    let pairs = format!(
        "host={} port={} user=postgres dbname={db}",
        cluster.dir.display(),
        cluster.port
    );
    let store = crate::server::init_on("2024", Some(&pairs));
    let recorded = std::fs::read_to_string(store.dir.path("s/nianbao-server.database")).unwrap();
    assert_eq!(recorded.trim(), pairs);
    let server = start(&store.dir.path("s"));
    let dept = login(server.port, "bm001", &store.password("bm001")).unwrap();
    let office = login(server.port, "审核", &store.password("审核")).unwrap();
    lockout_alike(server.port);
    // A NUL elsewhere is the request's fault too: never a 500.
    let (s, b) = office.post(
        "/api/account/reset",
        &serde_json::json!({"user": "bm\u{0}001"}),
    );
    assert!((400..500).contains(&s), "{s} {b}");
    let id = dept.reports()[0]["id"].as_i64().unwrap();
    let version = dept.state(id)["version"].as_str().unwrap().to_string();
    let (s, b) = dept.save(
        id,
        &version,
        &[("联系方式.电话".to_string(), "0533-\u{0}1".to_string())],
    );
    assert!(s < 500, "{s} {b}");
    drop(server);
    let roster = store.dir.path("名单.txt");
    for given in [
        format!("{pairs} password=hunter2secret"),
        "postgresql://postgres:hunter2secret@localhost/x".to_string(),
        "postgres:hunter2secret@localhost".to_string(),
    ] {
        let out = crate::common::run(
            crate::common::nianbao()
                .args(["server", "init"])
                .arg(store.dir.path("t"))
                .arg("--roster")
                .arg(&roster)
                .args(["--db", &given]),
        );
        assert_eq!(out.code, 2, "{given}: {}", out.stderr);
        assert!(!out.stderr.contains("hunter2"), "{given}: {}", out.stderr);
        assert!(!out.stdout.contains("hunter2"), "{given}: {}", out.stdout);
    }
}

/// The status a department gets for `GET target`.
fn dept_get_status(port: u16, store: &crate::server::Store, target: &str) -> u16 {
    login(port, "bm003", &store.password("bm003"))
        .unwrap()
        .get(target)
        .0
}

/// Opening the next year while a report is still in review (已提交): the
/// board's request and the command are refused, naming it; once it is
/// returned or approved the year opens — or it is carried over when the
/// office says so, and the answer says it plainly (issue 75.5).
#[test]
fn reports_in_review_are_listed_before_the_next_year_opens() {
    let store = init("2024");
    let dir = store.dir.path("s");
    let server = start(&dir);
    let office = login(server.port, "审核", &store.password("审核")).unwrap();
    let mut ids = Vec::new();
    for user in ["bm001", "bm002"] {
        let dept = login(server.port, user, &store.password(user)).unwrap();
        let id = dept.reports()[0]["id"].as_i64().unwrap();
        let version = dept.state(id)["version"].as_str().unwrap().to_string();
        assert_eq!(
            dept.save(id, &version, &crate::server::example_edits()).0,
            200
        );
        let (s, b) = dept.post("/api/submit", &serde_json::json!({"file": id.to_string()}));
        assert_eq!(s, 200, "{b}");
        ids.push(id);
    }
    // The board's checklist: the reports in review, the last backup.
    let (s, b) = office.get("/api/new-year");
    assert_eq!(s, 200, "{b}");
    let check = crate::server::json(&b);
    assert_eq!(check["in_review"].as_array().unwrap().len(), 2, "{b}");
    assert!(check["last_backup"].is_null(), "{b}");
    assert_eq!(dept_get_status(server.port, &store, "/api/new-year"), 403);
    let (s, _) = office.post("/api/backup", &serde_json::json!({}));
    assert_eq!(s, 200);
    let check = crate::server::json(&office.get("/api/new-year").1);
    assert!(
        check["last_backup"]["file"]
            .as_str()
            .unwrap()
            .starts_with("nianbao-server-"),
        "{check}"
    );
    let (s, b) = office.post("/api/new-year", &serde_json::json!({"year": 2025}));
    assert_eq!(s, 409, "{b}");
    let refused = crate::server::json(&b);
    assert_eq!(refused["in_review"].as_array().unwrap().len(), 2, "{b}");
    assert!(
        refused["error"]
            .as_str()
            .unwrap()
            .contains("尚未审核：某县教育局（bm001）、某县财政局（bm002）"),
        "{b}"
    );
    // The office approves one; the other is carried over, knowingly.
    let (s, _) = office.post(
        "/api/approve",
        &serde_json::json!({"file": ids[0].to_string()}),
    );
    assert_eq!(s, 200);
    drop(server);
    let out = crate::common::run(
        crate::common::nianbao()
            .args(["server", "new-year"])
            .arg(&dir),
    );
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("某县财政局（bm002）"), "{}", out.stderr);
    assert!(out.stderr.contains("--carry-in-review"), "{}", out.stderr);
    let out = crate::common::run(
        crate::common::nianbao()
            .args(["server", "new-year", "--carry-in-review"])
            .arg(&dir),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("已开启 2025 年度"), "{}", out.stdout);
    assert!(
        out.stdout.contains("结转：bm002 某县财政局"),
        "{}",
        out.stdout
    );
}

/// An uploaded file's name enters the audit log with its control
/// characters shown escaped; a unit uploading as fast as it can writes at
/// most its budget of audit lines, then gets 429 (issue 75.6).
#[test]
fn audit_lines_are_budgeted_per_account_and_upload_names_escaped() {
    let store = init("2025");
    let server = start(&store.dir.path("s"));
    let dept = login(server.port, "bm001", &store.password("bm001")).unwrap();
    let id = dept.reports()[0]["id"].as_i64().unwrap();
    let yaml = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/zibo-zhangdian-traffic-2024.yaml"),
    )
    .unwrap();
    let target =
        format!("/api/start?f={id}&name=%E4%B8%8A%E5%B9%B4%0A%E4%BC%AA%E9%80%A0%1B%5B31m.yaml");
    let (s, b) = dept.upload(&target, &yaml, true);
    assert_eq!(s, 200, "{b}");
    let detail: String = open_db(&store.db())
        .query_row(
            "SELECT detail FROM audit WHERE action = 'start' ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        detail.contains("来自 上年\\u{a}伪造\\u{1b}[31m.yaml"),
        "{detail}"
    );
    assert!(!detail.contains(['\n', '\u{1b}']), "{detail:?}");
    // As fast as it can: a burst, then 429 before anything is done.
    let started = Instant::now();
    let mut answered = 0;
    let refused = loop {
        let (s, b) = dept.post(
            "/api/remark/remove",
            &serde_json::json!({"file": id.to_string(), "id": 1}),
        );
        if s == 429 {
            break b;
        }
        answered += 1;
        assert!(answered < 1000, "never limited");
    };
    assert!(refused.contains("操作过于频繁"), "{refused}");
    let allowed = 120 + started.elapsed().as_secs() + 1;
    assert!(
        answered <= allowed,
        "{answered} answered, {allowed} allowed"
    );
    // Another account has its own budget.
    let office = login(server.port, "审核", &store.password("审核")).unwrap();
    assert_eq!(office.get("/api/audit").0, 200);
}

/// Presses `keys` on whatever has the keyboard (real key events).
fn press(browser: &crate::preview::Browser, keys: &str) {
    let actions: Vec<serde_json::Value> = keys
        .chars()
        .flat_map(|c| {
            let c = c.to_string();
            [
                serde_json::json!({"type": "keyDown", "value": c}),
                serde_json::json!({"type": "keyUp", "value": c}),
            ]
        })
        .collect();
    browser.call(
        "POST",
        "/actions",
        Some(&serde_json::json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]})),
    );
}

/// The session ends while a clerk types a number: the dialog asking to
/// log in again opens, and the rest of the number still goes into the
/// cell, not into the dialog's password field (issue 75.5).
#[test]
fn the_relogin_dialog_leaves_the_keyboard_to_the_cell_in_chromium() {
    if !crate::preview::browser_available() {
        return;
    }
    let store = init("2024");
    let server = start(&store.dir.path("s"));
    let port = server.port;
    let dept = login(port, "bm001", &store.password("bm001")).unwrap();
    let id = dept.reports()[0]["id"].as_i64().unwrap();
    let browser = crate::preview::Browser::start();
    crate::server_board::log_in(&browser, port, "bm001", &store.password("bm001"));
    browser.goto(&format!("http://127.0.0.1:{port}/report?f={id}"));
    browser.wait_for(
        "the report page",
        "return document.getElementById('status') !== null && document.querySelectorAll('#findings li').length > 0;",
    );
    let path = browser.eval(
        "var e = Array.from(document.querySelectorAll('#form input[data-path*=\"[\"]')).filter(function (e) { return !e.readOnly && !e.disabled; })[0]; e.focus(); return e.getAttribute('data-path');",
    );
    let path = path.as_str().unwrap().to_string();
    browser.eval(
        "var x = new XMLHttpRequest(); x.open('POST', '/api/logout', false); \
         x.setRequestHeader('X-Nianbao-Token', JSON.parse(document.getElementById('nb-boot').textContent).token); x.send('{}'); return x.status;",
    );
    press(&browser, "3");
    browser.wait_for(
        "the login dialog",
        "var d = document.getElementById('relogin'); return d !== null && d.open;",
    );
    press(&browser, "33");
    let seen = browser.eval(&format!(
        "var e = document.querySelector('[data-path=\"{path}\"]'); \
         return [e.value, document.querySelector('#relogin input[name=password]').value, document.activeElement === e];"
    ));
    assert_eq!(seen, serde_json::json!(["333", "", true]), "{path}");
}

/// The database goes away while a unit types (its connections ended, new
/// ones refused): a save and the board answer 503 “数据库暂时不可用…”,
/// never 401 (which opened the login dialog); once the database takes
/// connections again the same session saves, the server having
/// reconnected by itself (issue 75.4).
#[test]
#[cfg(feature = "postgres")]
fn the_database_away_is_a_503_and_the_server_reconnects_on_postgres() {
    let Some(cluster) = crate::pg_cluster::cluster() else {
        return;
    };
    let url = cluster.database();
    let db = url
        .split('/')
        .nth(3)
        .and_then(|rest| rest.split('?').next())
        .unwrap()
        .to_string();
    let store = crate::server::init_on("2024", Some(&url));
    let server = start(&store.dir.path("s"));
    let dept = login(server.port, "bm001", &store.password("bm001")).unwrap();
    let id = dept.reports()[0]["id"].as_i64().unwrap();
    let version = dept.state(id)["version"].as_str().unwrap().to_string();
    let phone = |n: u32| vec![("联系方式.电话".to_string(), format!("0533-{n:07}"))];
    let (s, b) = dept.save(id, &version, &phone(1));
    assert_eq!(s, 200, "{b}");
    let version = b["version"].as_str().unwrap().to_string();
    cluster.admin(&format!(
        "ALTER DATABASE {db} ALLOW_CONNECTIONS false; \
         SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{db}';"
    ));
    for _ in 0..3 {
        let (s, b) = dept.save(id, &version, &phone(2));
        assert_eq!(s, 503, "{b}");
        assert!(
            b["error"].as_str().unwrap().contains("数据库暂时不可用"),
            "{b}"
        );
        let (s, b) = dept.get("/api/reports");
        assert_eq!(s, 503, "{b}");
    }
    cluster.admin(&format!("ALTER DATABASE {db} ALLOW_CONNECTIONS true;"));
    let (s, b) = dept.save(id, &version, &phone(3));
    assert_eq!(s, 200, "{b}");
    assert_eq!(dept.state(id)["values"]["联系方式.电话"], "0533-0000003");
}

/// In Chromium on PostgreSQL: the database goes away while a unit types;
/// the page keeps the value, says the database is unavailable, opens no
/// login dialog and saves it by itself once the database is back
/// (issue 75.4).
#[test]
#[cfg(feature = "postgres")]
fn the_page_keeps_typing_while_the_database_is_away_in_chromium_on_postgres() {
    if !crate::preview::browser_available() {
        return;
    }
    let Some(cluster) = crate::pg_cluster::cluster() else {
        return;
    };
    let url = cluster.database();
    let db = url
        .split('/')
        .nth(3)
        .and_then(|rest| rest.split('?').next())
        .unwrap()
        .to_string();
    let store = crate::server::init_on("2024", Some(&url));
    let server = start(&store.dir.path("s"));
    let port = server.port;
    let dept = login(port, "bm001", &store.password("bm001")).unwrap();
    let id = dept.reports()[0]["id"].as_i64().unwrap();
    let browser = crate::preview::Browser::start();
    crate::server_board::log_in(&browser, port, "bm001", &store.password("bm001"));
    browser.goto(&format!("http://127.0.0.1:{port}/report?f={id}"));
    browser.wait_for(
        "the report page",
        "return document.getElementById('status') !== null && document.querySelectorAll('#findings li').length > 0;",
    );
    cluster.admin(&format!(
        "ALTER DATABASE {db} ALLOW_CONNECTIONS false; \
         SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{db}';"
    ));
    crate::workbench::type_into(&browser, "联系方式.电话", "0533-7654321");
    browser.wait_for(
        "the page saying the database is away",
        "return document.body.innerText.indexOf('数据库暂时不可用') >= 0 \
         && document.getElementById('status').textContent === '未保存（已暂存）';",
    );
    let dialog =
        browser.eval("var d = document.getElementById('relogin'); return d !== null && d.open;");
    assert_eq!(dialog, false, "no login dialog");
    cluster.admin(&format!("ALTER DATABASE {db} ALLOW_CONNECTIONS true;"));
    browser.wait_for(
        "the kept value saved",
        "return document.getElementById('status').textContent === '已保存';",
    );
    assert_eq!(dept.state(id)["values"]["联系方式.电话"], "0533-7654321");
}

/// On the board in Chromium: 开启 2025 年度 shows the checklist (a report
/// in review, no backup yet), then names the report in review; agreeing
/// carries it over, and the board says so (issue 75.5).
#[test]
fn the_board_lists_reports_in_review_before_opening_a_year_in_chromium() {
    if !crate::preview::browser_available() {
        return;
    }
    let store = init("2024");
    let server = start(&store.dir.path("s"));
    let port = server.port;
    let dept = login(port, "bm002", &store.password("bm002")).unwrap();
    let id = dept.reports()[0]["id"].as_i64().unwrap();
    let version = dept.state(id)["version"].as_str().unwrap().to_string();
    assert_eq!(
        dept.save(id, &version, &crate::server::example_edits()).0,
        200
    );
    let (s, b) = dept.post("/api/submit", &serde_json::json!({"file": id.to_string()}));
    assert_eq!(s, 200, "{b}");
    let browser = crate::preview::Browser::start();
    crate::server_board::log_in(&browser, port, "审核", &store.password("审核"));
    browser.wait_for(
        "the new-year button",
        "return document.getElementById('new-year').textContent === '开启 2025 年度';",
    );
    browser.eval(
        "window.asked = []; window.confirm = function (m) { window.asked.push(m); return true; }; \
         document.getElementById('new-year').click(); return 1;",
    );
    browser.wait_for(
        "the year opened, the report carried",
        "var m = document.getElementById('message').textContent; \
         return m.indexOf('已开启 2025 年度') === 0 && m.indexOf('结转未审核：bm002 某县财政局') > 0;",
    );
    let asked = browser.eval("return window.asked;");
    let asked: Vec<String> = serde_json::from_value(asked).unwrap();
    assert_eq!(asked.len(), 2, "{asked:?}");
    assert!(
        asked[0].contains("还有 1 份报告已提交、尚未审核"),
        "{}",
        asked[0]
    );
    assert!(asked[0].contains("还没有备份过数据库"), "{}", asked[0]);
    assert!(asked[1].contains("某县财政局（bm002）"), "{}", asked[1]);
    assert!(asked[1].contains("不能再通过或退回"), "{}", asked[1]);
}

/// Without the `postgres` feature (the clerk's build, issue 76): every way
/// of asking for a PostgreSQL store (`server init --db`, `server
/// move-to-postgres`, a folder naming a database) is refused with a
/// Chinese message naming the feature and the server download, exit code
/// non-zero, no panic, nothing made.
#[test]
#[cfg(not(feature = "postgres"))]
fn a_postgres_store_without_the_feature_names_the_server_download() {
    let url = "postgresql://nianbao@127.0.0.1/nianbao";
    let refused = |out: &crate::common::Output| {
        assert!(out.code != 0 && out.code != 101, "{}", out.stderr);
        for word in [
            "PostgreSQL",
            "cargo 功能 postgres",
            "nianbao-server-",
            "--features postgres",
        ] {
            assert!(out.stderr.contains(word), "{word}: {}", out.stderr);
        }
        assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    };
    let dir = crate::common::TempDir::new("no-postgres");
    std::fs::write(dir.path("名单.txt"), "某县教育局\n").unwrap();
    let out = crate::common::run(
        crate::common::nianbao()
            .args(["server", "init"])
            .arg(dir.path("pg"))
            .arg("--roster")
            .arg(dir.path("名单.txt"))
            .args(["--year", "2024", "--db", url]),
    );
    refused(&out);
    assert!(!dir.path("pg").exists());

    let store = init("2024");
    let out = crate::common::run(
        crate::common::nianbao()
            .args(["server", "move-to-postgres"])
            .arg(store.dir.path("s"))
            .args(["--db", url]),
    );
    refused(&out);
    assert!(!store.dir.path("s/nianbao-server.database").exists());

    std::fs::write(store.dir.path("s/nianbao-server.database"), url).unwrap();
    let out = crate::common::run(
        crate::common::nianbao()
            .args(["server", "unlock"])
            .arg(store.dir.path("s"))
            .arg("审核"),
    );
    refused(&out);
}
