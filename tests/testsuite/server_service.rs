//! The county server run for years (issue 59): identity from the roster,
//! revisions coalesced per editing burst, backups that restore, and a
//! start that fails loudly on a folder it cannot write.

use crate::common;
use crate::server::{Client, example_edits, init, json, login, open_db, start};

use std::path::Path;

use serde_json::json;

/// The report of `dept` (its only one) and its version.
fn own_report(dept: &Client) -> (i64, String) {
    let id = dept.reports()[0]["id"].as_i64().unwrap();
    let version = dept.state(id)["version"].as_str().unwrap().to_string();
    (id, version)
}

#[test]
fn the_agency_and_year_are_the_rosters_not_a_cell() {
    let store = init("2024");
    let server = start(&store.dir.path("s"));
    let dept = login(server.port, "bm001", &store.password("bm001")).unwrap();
    let office = login(server.port, "审核", &store.password("审核")).unwrap();
    let (id, version) = own_report(&dept);
    // The page shows them read-only.
    let (_, page) = dept.get(&format!("/report?f={id}"));
    assert!(
        page.contains("<input readonly data-path=\"机关\""),
        "{page}"
    );
    assert!(
        page.contains("<input readonly data-path=\"年度\""),
        "{page}"
    );
    assert!(
        page.contains("<input data-path=\"联系方式.电话\""),
        "{page}"
    );
    // Another agency's name or another year is refused, in Chinese.
    for (path, value) in [("机关", "某县财政局"), ("年度", "2023")] {
        let (s, b) = dept.save(id, &version, &[(path.into(), value.into())]);
        assert_eq!(s, 400, "{b}");
        assert!(
            b["error"].as_str().unwrap().contains("机关和年度由账号"),
            "{b}"
        );
    }
    assert_eq!(dept.state(id)["revision"], 0, "nothing recorded");
    let (s, filled) = dept.save(id, &version, &example_edits());
    assert_eq!(s, 200, "{filled}");
    assert_eq!(filled["values"]["机关"], "某县教育局");
    // A text changed behind the server's back (an older release) cannot
    // be submitted, and the county counts each unit once, as itself.
    let db = open_db(&store.db());
    let text: String = db
        .query_row("SELECT text FROM reports WHERE id = ?1", [id], |r| r.get(0))
        .unwrap();
    db.execute(
        "UPDATE reports SET text = ?1, state = 'submitted', revision = 1 WHERE unit = '某县财政局'",
        [&text],
    )
    .unwrap();
    let other: i64 = db
        .query_row(
            "SELECT id FROM reports WHERE unit = '某县财政局'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    drop(db);
    let (s, b) = office.post("/api/approve", &json!({"file": other.to_string()}));
    assert_eq!(s, 409, "{b}");
    assert!(b.contains("与账号不符"), "{b}");
    assert_eq!(
        dept.post("/api/submit", &json!({"file": id.to_string()})).0,
        200
    );
    let (s, b) = office.get("/api/county");
    assert_eq!(s, 200, "{b}");
    let county = json(&b);
    assert_eq!(county["counted"], 2, "{county}");
    assert!(!b.contains("出现 2 次"), "{b}");
}

#[test]
fn sixty_keystrokes_make_one_revision_and_a_submit_its_own() {
    let store = init("2024");
    let server = start(&store.dir.path("s"));
    let dept = login(server.port, "bm001", &store.password("bm001")).unwrap();
    let (id, mut version) = own_report(&dept);
    let (s, filled) = dept.save(id, &version, &example_edits());
    assert_eq!(s, 200, "{filled}");
    version = filled["version"].as_str().unwrap().to_string();
    let old = version.clone();
    let mut phone = String::from("0533-");
    for n in 0..60 {
        phone.push(char::from(b'0' + (n % 10) as u8));
        let (s, b) = dept.save(id, &version, &[("联系方式.电话".into(), phone.clone())]);
        assert_eq!(s, 200, "{b}");
        version = b["version"].as_str().unwrap().to_string();
    }
    // A page still on an earlier text is refused though the number stayed.
    let (s, b) = dept.save(id, &old, &[("联系方式.地址".into(), "某路 1 号".into())]);
    assert_eq!(s, 409, "{b}");
    let (_, revs) = dept.get(&format!("/api/revisions?f={id}"));
    let revs = json(&revs)["revisions"].as_array().unwrap().clone();
    assert!(revs.len() <= 2, "{revs:?}");
    assert_eq!(
        dept.post("/api/submit", &json!({"file": id.to_string()})).0,
        200
    );
    let db = open_db(&store.db());
    let rows: Vec<(i64, String, String)> = db
        .prepare("SELECT revision, kind, text FROM revisions WHERE report = ?1 ORDER BY revision")
        .unwrap()
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(rows.len(), 2, "one save revision and the submit");
    assert_eq!((rows[0].0, rows[0].1.as_str()), (1, "save"));
    assert_eq!((rows[1].0, rows[1].1.as_str()), (2, "submit"));
    assert!(rows[0].2.contains(&phone), "the last keystroke is kept");
    // The report's text is the last typed.
    let text: String = db
        .query_row("SELECT text FROM reports WHERE id = ?1", [id], |r| r.get(0))
        .unwrap();
    assert!(text.contains(&phone));
}

/// The unix mode bits of `path`.
#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// The phone of the report `id` in the database file `db`.
fn phone_in(db: &Path, id: i64) -> String {
    let text: String = open_db(db)
        .query_row("SELECT text FROM reports WHERE id = ?1", [id], |r| r.get(0))
        .unwrap();
    text.lines()
        .find_map(|l| l.split("0533-").nth(1))
        .map(|n| n.trim_matches(|c: char| !c.is_ascii_digit()).to_string())
        .unwrap_or_default()
}

#[test]
fn a_backup_taken_while_typing_restores_every_acknowledged_save() {
    let store = init("2024");
    let dir = store.dir.path("s");
    let server = start(&dir);
    let dept = login(server.port, "bm001", &store.password("bm001")).unwrap();
    let office = login(server.port, "审核", &store.password("审核")).unwrap();
    let (id, mut version) = own_report(&dept);
    for n in 0..15 {
        let (s, b) = dept.save(
            id,
            &version,
            &[("联系方式.电话".into(), format!("0533-{n:07}"))],
        );
        assert_eq!(s, 200, "{b}");
        version = b["version"].as_str().unwrap().to_string();
    }
    // From the board, while serving: one file, its owner's only.
    let (s, b) = office.post("/api/backup", &json!({}));
    assert_eq!(s, 200, "{b}");
    let from_board = dir.join(json(&b)["file"].as_str().unwrap());
    assert_eq!(phone_in(&from_board, id), "0000014");
    #[cfg(unix)]
    assert_eq!(mode(&from_board), 0o600);
    // From the operator's command, while serving, after a further save.
    let (s, _) = dept.save(
        id,
        &version,
        &[("联系方式.电话".into(), "0533-0000015".into())],
    );
    assert_eq!(s, 200);
    let out = common::run(common::nianbao().args(["server", "backup"]).arg(&dir));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let line = out.stdout.trim();
    let taken = Path::new(line.strip_prefix("已备份到 ").expect(line)).to_path_buf();
    assert_eq!(phone_in(&taken, id), "0000015");
    #[cfg(unix)]
    assert_eq!(mode(&taken), 0o600);
    // No restore under a running server.
    let out = common::run(
        common::nianbao()
            .args(["server", "restore"])
            .arg(&dir)
            .arg(&taken),
    );
    assert_ne!(out.code, 0);
    assert!(out.stderr.contains("请先停止服务器"), "{}", out.stderr);
    // Typing goes on after the backup; then the server stops and the
    // backup is restored: every save acknowledged before it is there.
    let (s, _) = dept.save(
        id,
        &version,
        &[("联系方式.电话".into(), "0533-0000016".into())],
    );
    assert_eq!(s, 409, "a stale page is refused");
    let version = dept.state(id)["version"].as_str().unwrap().to_string();
    assert_eq!(
        dept.save(
            id,
            &version,
            &[("联系方式.电话".into(), "0533-0000099".into())]
        )
        .0,
        200
    );
    drop(server);
    let out = common::run(
        common::nianbao()
            .args(["server", "restore"])
            .arg(&dir)
            .arg(&taken),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("已从"), "{}", out.stdout);
    assert!(dir.join("备份").read_dir().unwrap().any(|e| {
        e.unwrap()
            .file_name()
            .to_string_lossy()
            .starts_with("恢复前-")
    }));
    let again = start(&dir);
    let dept = login(again.port, "bm001", &store.password("bm001")).unwrap();
    let values = dept.state(id)["values"].clone();
    assert_eq!(values["联系方式.电话"], "0533-0000015", "{values}");
    // Not a backup: refused, the store untouched.
    drop(again);
    std::fs::write(dir.join("not.db"), "x").unwrap();
    let out = common::run(
        common::nianbao()
            .args(["server", "restore"])
            .arg(&dir)
            .arg(dir.join("not.db")),
    );
    assert_ne!(out.code, 0);
    assert!(
        out.stderr.contains("不是可用的服务器备份"),
        "{}",
        out.stderr
    );
    assert_eq!(phone_in(&store.db(), id), "0000015");
}

/// A backup that is not a regular file (a folder, a FIFO that would block,
/// a device that never ends) is refused before anything is read from it.
#[test]
#[cfg(unix)]
fn a_backup_that_is_no_regular_file_is_refused() {
    let store = init("2024");
    let dir = store.dir.path("s");
    let fifo = store.dir.path("backup.db");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    for from in [dir.clone(), fifo] {
        if from != dir && !made.as_ref().is_ok_and(|s| s.success()) {
            continue;
        }
        let out = common::run(
            common::nianbao()
                .args(["server", "restore"])
                .arg(&dir)
                .arg(&from),
        );
        assert_eq!(out.code, 2, "{}", out.stderr);
        assert!(out.stderr.contains("备份"), "{}", out.stderr);
    }
}

#[test]
fn a_folder_that_cannot_be_written_stops_the_start() {
    let store = init("2024");
    let dir = store.dir.path("s");
    // A folder where no file can be written (here: the file the server
    // writes to find out is taken by a folder; as another user than root,
    // a folder without write permission too).
    std::fs::create_dir(dir.join(".nianbao-write-check")).unwrap();
    let out = common::run(
        common::nianbao()
            .args(["server", "--listen", "127.0.0.1:0"])
            .arg(&dir),
    );
    assert_ne!(out.code, 0);
    assert!(out.stderr.contains("无法写入"), "{}", out.stderr);
    assert!(
        !out.stdout.contains("http://"),
        "no address printed: {}",
        out.stdout
    );
    std::fs::remove_dir(dir.join(".nianbao-write-check")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o500)).unwrap();
        let root = std::fs::write(dir.join("probe"), "").is_ok();
        let _ = std::fs::remove_file(dir.join("probe"));
        if !root {
            let out = common::run(
                common::nianbao()
                    .args(["server", "--listen", "127.0.0.1:0"])
                    .arg(&dir),
            );
            assert_ne!(out.code, 0);
            assert!(out.stderr.contains("无法写入"), "{}", out.stderr);
        }
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).unwrap();
    }
}

#[test]
fn logout_buttons_and_the_operators_reset_and_unlock() {
    let store = init("2024");
    let dir = store.dir.path("s");
    let server = start(&dir);
    let dept = login(server.port, "bm001", &store.password("bm001")).unwrap();
    let (id, _) = own_report(&dept);
    for page in ["/".to_string(), format!("/report?f={id}")] {
        let (s, html) = dept.get(&page);
        assert_eq!(s, 200);
        assert!(
            html.contains("<button id=\"logout\" type=\"button\">退出登录</button>"),
            "{html}"
        );
    }
    assert_eq!(dept.post("/api/logout", &json!({})).0, 200);
    assert_eq!(dept.get("/api/reports").0, 401, "the session ended");
    // Five wrong passwords lock the account; the operator unlocks it.
    for _ in 0..5 {
        let _ = login(server.port, "bm002", "wrong-password");
    }
    assert_eq!(
        login(server.port, "bm002", &store.password("bm002"))
            .err()
            .map(|e| e.0),
        Some(429)
    );
    let out = common::run(
        common::nianbao()
            .args(["server", "unlock"])
            .arg(&dir)
            .arg("bm002"),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("已解除账号“bm002”的锁定"),
        "{}",
        out.stdout
    );
    assert!(login(server.port, "bm002", &store.password("bm002")).is_ok());
    // A reset: a new password shown once, the old one refused, and the
    // session made with the old one ended.
    let before = login(server.port, "bm003", &store.password("bm003")).unwrap();
    assert_eq!(before.get("/api/reports").0, 200);
    let out = common::run(
        common::nianbao()
            .args(["server", "reset"])
            .arg(&dir)
            .arg("bm003"),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let new = out.stdout.trim().rsplit('：').next().unwrap().to_string();
    assert!(new.len() >= 12, "{}", out.stdout);
    assert_eq!(before.get("/api/reports").0, 401);
    assert_eq!(
        login(server.port, "bm003", &store.password("bm003"))
            .err()
            .map(|e| e.0),
        Some(401)
    );
    assert!(login(server.port, "bm003", &new).is_ok());
    // A password the operator chooses, read from stdin.
    for (given, code) in [("short\n", 2), ("一个新的密码-2025-年报\n", 0)] {
        let mut child = common::nianbao()
            .args(["server", "passwd"])
            .arg(&dir)
            .arg("bm003")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        std::io::Write::write_all(&mut child.stdin.take().unwrap(), given.as_bytes()).unwrap();
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(code), "{}", common::stderr(&out));
    }
    assert!(login(server.port, "bm003", "一个新的密码-2025-年报").is_ok());
    assert_eq!(
        login(server.port, "bm003", &new).err().map(|e| e.0),
        Some(401)
    );
    let out = common::run(
        common::nianbao()
            .args(["server", "reset"])
            .arg(&dir)
            .arg("nobody"),
    );
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("没有账号“nobody”"), "{}", out.stderr);
    let audit: i64 = open_db(&store.db())
        .query_row(
            "SELECT count(*) FROM audit WHERE action IN ('重置密码', '解除锁定', '设置密码')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let actions: Vec<String> = open_db(&store.db())
        .prepare("SELECT action FROM audit")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(audit, 3, "{actions:?}");
}

/// A department's clerk logged in in Chromium at the report page of their
/// own report; the store and the server live as long as it.
struct Clerk {
    browser: crate::preview::Browser,
    dept: Client,
    port: u16,
    id: i64,
    _server: crate::server::Running,
    _store: crate::server::Store,
}

/// [`Clerk`] for a new store of 2024, or `None` without a browser.
fn clerk_at_own_report() -> Option<Clerk> {
    if !crate::preview::browser_available() {
        return None;
    }
    let store = init("2024");
    let server = start(&store.dir.path("s"));
    let port = server.port;
    let dept = login(port, "bm001", &store.password("bm001")).unwrap();
    let (id, _) = own_report(&dept);
    let browser = crate::preview::Browser::start();
    crate::server_board::log_in(&browser, port, "bm001", &store.password("bm001"));
    browser.goto(&format!("http://127.0.0.1:{port}/report?f={id}"));
    Some(Clerk {
        browser,
        dept,
        port,
        id,
        _server: server,
        _store: store,
    })
}

#[test]
fn in_chromium_the_identity_is_read_only_and_logout_ends_the_session() {
    let Some(clerk) = clerk_at_own_report() else {
        return;
    };
    let (browser, port, id) = (&clerk.browser, clerk.port, clerk.id);
    browser.wait_for(
        "the agency shown read-only",
        "var a = document.querySelector('[data-path=\"机关\"]'), y = document.querySelector('[data-path=\"年度\"]'); \
         return a !== null && a.readOnly && a.value === '某县教育局' && y.readOnly && y.value === '2024';",
    );
    browser.eval("document.getElementById('logout').click(); return 1;");
    browser.wait_for(
        "the login page",
        "return location.pathname === '/' && document.getElementById('login') !== null;",
    );
    browser.goto(&format!("http://127.0.0.1:{port}/report?f={id}"));
    browser.wait_for(
        "the login page again",
        "return document.getElementById('login') !== null;",
    );
}

/// The report page saves without the preview while the clerk types and
/// shows it once the typing pauses (issue 64.5: `"preview": false`, then
/// `GET /api/state` a second later).
#[test]
fn in_chromium_the_preview_follows_the_typing_once_it_pauses() {
    let Some(clerk) = clerk_at_own_report() else {
        return;
    };
    let (browser, dept, id) = (&clerk.browser, &clerk.dept, clerk.id);
    browser.wait_for(
        "the report page with its preview",
        "var d = document.getElementById('report').contentDocument; \
         return document.querySelector('textarea[data-path=\"总体情况\"]') !== null && d && d.body && d.body.innerText.length > 0;",
    );
    browser.eval(
        "var t = document.querySelector('textarea[data-path=\"总体情况\"]'); \
         t.value = t.value + '\\n\\n本年度预览检验一句。'; \
         t.dispatchEvent(new Event('input', {bubbles: true})); return 1;",
    );
    browser.wait_for(
        "the sentence saved and in the preview",
        "var d = document.getElementById('report').contentDocument; \
         return d && d.body && d.body.innerText.indexOf('本年度预览检验一句') >= 0;",
    );
    let state = dept.state(id);
    assert!(
        state["values"]["总体情况"]
            .as_str()
            .is_some_and(|t| t.contains("本年度预览检验一句")),
        "{}",
        state["values"]
    );
}
