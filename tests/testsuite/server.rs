//! End-to-end tests of `nianbao server`: the real binary started by the
//! tests, raw HTTP with cookies and CSRF tokens, and the SQLite file read
//! directly (hashes only, every revision present, intact after a kill).

use nianbao::slice::Slice;

use crate::common::{self, TempDir};
use crate::preview::Kill;

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{Value, json};

/// A store made by `server init` from a roster of three units.
pub(crate) struct Store {
    pub(crate) dir: TempDir,
    /// (user, password, unit) from 初始密码.csv.
    pub(crate) accounts: Vec<(String, String, String)>,
    /// The PostgreSQL database, for a store made with `--db`.
    #[cfg_attr(not(feature = "postgres"), allow(dead_code))]
    pub(crate) url: Option<String>,
}

pub(crate) const UNITS: [&str; 3] = ["某县教育局", "某县财政局", "某县公安局"];

pub(crate) fn init(year: &str) -> Store {
    init_on(year, None)
}

/// A store for `year` in the folder's SQLite file, or (`url`) in that
/// PostgreSQL database.
pub(crate) fn init_on(year: &str, url: Option<&str>) -> Store {
    let dir = TempDir::new("server");
    std::fs::write(dir.path("名单.txt"), UNITS.join("\n")).unwrap();
    let mut command = common::nianbao();
    command
        .args(["server", "init"])
        .arg(dir.path("s"))
        .arg("--roster")
        .arg(dir.path("名单.txt"))
        .args(["--year", year]);
    if let Some(url) = url {
        command.args(["--db", url]);
    }
    let out = common::run(&mut command);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let csv = std::fs::read_to_string(dir.path("s/初始密码.csv")).unwrap();
    let accounts = csv
        .trim_start_matches('\u{feff}')
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[0].to_string(), f[1].to_string(), f[2].to_string())
        })
        .collect();
    Store {
        dir,
        accounts,
        url: url.map(str::to_string),
    }
}

impl Store {
    pub(crate) fn db(&self) -> PathBuf {
        self.dir.path("s/nianbao-server.db")
    }

    pub(crate) fn password(&self, user: &str) -> String {
        self.accounts
            .iter()
            .find(|a| a.0 == user)
            .unwrap()
            .1
            .clone()
    }
}

/// A running server.
pub(crate) struct Running {
    pub(crate) child: Kill,
    pub(crate) port: u16,
}

pub(crate) fn start(dir: &Path) -> Running {
    start_with(dir, &[])
}

/// A running server on `dir` with the options `extra`.
pub(crate) fn start_with(dir: &Path, extra: &[&str]) -> Running {
    let (child, url) = common::spawn_with_address(
        common::nianbao()
            .args(["server", "--listen", "127.0.0.1:0"])
            .args(extra)
            .arg(dir),
    );
    let port = url
        .strip_prefix("http://127.0.0.1:")
        .and_then(|r| r.strip_suffix('/'))
        .unwrap_or_else(|| panic!("URL line: {url}"));
    Running {
        child: Kill(child),
        port: port.parse().unwrap(),
    }
}

/// A logged-in client: its cookie and CSRF token.
#[derive(Clone)]
pub(crate) struct Client {
    pub(crate) port: u16,
    pub(crate) cookie: String,
    pub(crate) csrf: String,
}

fn post_raw(port: u16, target: &str, extra: &str, body: &Value) -> (u16, String, String) {
    let body = body.to_string();
    let head = format!(
        "POST {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\n{extra}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    common::http_raw(port, &head, body.as_bytes())
}

pub(crate) fn login(port: u16, user: &str, password: &str) -> Result<Client, (u16, String)> {
    let (status, head, body) = post_raw(
        port,
        "/api/login",
        "",
        &json!({"user": user, "password": password}),
    );
    if status != 200 {
        return Err((status, body));
    }
    let cookie = head
        .lines()
        .find_map(|l| l.strip_prefix("Set-Cookie: "))
        .expect("cookie");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let cookie = cookie.split(';').next().unwrap().to_string();
    let csrf = json(&body)["csrf"].as_str().unwrap().to_string();
    Ok(Client { port, cookie, csrf })
}

pub(crate) fn json(body: &str) -> Value {
    serde_json::from_str(body).unwrap_or_else(|_| panic!("not JSON: {body}"))
}

impl Client {
    pub(crate) fn get(&self, target: &str) -> (u16, String) {
        let head = format!(
            "GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nCookie: {}\r\nConnection: close\r\n\r\n",
            self.port, self.cookie
        );
        let (s, _, b) = common::http_raw(self.port, &head, b"");
        (s, b)
    }

    pub(crate) fn post(&self, target: &str, body: &Value) -> (u16, String) {
        let extra = format!(
            "Cookie: {}\r\nX-Nianbao-Token: {}\r\n",
            self.cookie, self.csrf
        );
        let (s, _, b) = post_raw(self.port, target, &extra, body);
        (s, b)
    }

    /// Posts `bytes` as a file upload; without `csrf`, no CSRF token.
    pub(crate) fn upload(&self, target: &str, bytes: &[u8], csrf: bool) -> (u16, String) {
        let token = if csrf {
            format!("X-Nianbao-Token: {}\r\n", self.csrf)
        } else {
            String::new()
        };
        let head = format!(
            "POST {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\nCookie: {}\r\n{token}Content-Type: application/octet-stream\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            self.cookie,
            bytes.len(),
            port = self.port
        );
        let (s, _, b) = common::http_raw(self.port, &head, bytes);
        (s, b)
    }

    pub(crate) fn state(&self, id: i64) -> Value {
        let (s, b) = self.get(&format!("/api/state?f={id}"));
        assert_eq!(s, 200, "{b}");
        json(&b)
    }

    pub(crate) fn reports(&self) -> Vec<Value> {
        let (s, b) = self.get("/api/reports");
        assert_eq!(s, 200, "{b}");
        json(&b)["reports"].as_array().unwrap().clone()
    }

    pub(crate) fn save(&self, id: i64, version: &str, edits: &[(String, String)]) -> (u16, Value) {
        let edits: Vec<Value> = edits
            .iter()
            .map(|(p, v)| json!({"path": p, "value": v}))
            .collect();
        let (s, b) = self.post(
            "/api/save",
            &json!({"file": id.to_string(), "version": version, "edits": edits}),
        );
        (s, json(&b))
    }
}

/// Every value of the example report of 2024, as the page's edits.
pub(crate) fn example_edits() -> Vec<(String, String)> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/zibo-zhangdian-traffic-2024.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let plan = nianbao::build::BuildPlan::preview(None);
    let tera = plan.load_templates().unwrap();
    let state = nianbao::editing::state::state(&path, &text, (&plan, &tera), &mut |_| {});
    state
        .values
        .unwrap()
        .into_iter()
        .filter(|(p, _)| p.as_str() != "机关")
        .collect()
}

pub(crate) fn open_db(path: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(path).unwrap()
}

#[test]
fn init_writes_the_passwords_once_and_stores_only_hashes() {
    let store = init("2024");
    let users: Vec<&str> = store.accounts.iter().map(|a| a.0.as_str()).collect();
    assert_eq!(users, ["审核", "bm001", "bm002", "bm003"]);
    assert_eq!(store.accounts[1].2, UNITS[0]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(store.dir.path("s/初始密码.csv"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        let mode = std::fs::metadata(store.db()).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "the database is its owner's only");
    }
    // A second init is refused and leaves the password file as it was.
    let before = std::fs::read(store.dir.path("s/初始密码.csv")).unwrap();
    let again = common::run(
        common::nianbao()
            .args(["server", "init"])
            .arg(store.dir.path("s"))
            .arg("--roster")
            .arg(store.dir.path("名单.txt")),
    );
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("已经初始化过"), "{}", again.stderr);
    assert_eq!(
        std::fs::read(store.dir.path("s/初始密码.csv")).unwrap(),
        before
    );
    let db = open_db(&store.db());
    let mode: String = db
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let hashes: Vec<String> = db
        .prepare("SELECT hash FROM accounts")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(hashes.len(), 4);
    assert!(
        hashes.iter().all(|h| h.starts_with("$argon2id$")),
        "{hashes:?}"
    );
    let reports: i64 = db
        .query_row("SELECT count(*) FROM reports WHERE year = 2024", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(reports, 3);
    drop(db);
    let bytes = std::fs::read(store.db()).unwrap();
    for (_, password, _) in &store.accounts {
        assert!(
            !bytes
                .windows(password.len())
                .any(|w| w == password.as_bytes()),
            "plaintext password in the database"
        );
    }
}

#[test]
fn wrong_passwords_lock_the_account_and_are_audited_without_secrets() {
    let store = init("2024");
    let server = start(&store.dir.path("s"));
    let right = store.password("bm001");
    assert_eq!(login(server.port, "bm001", "wrong").err().unwrap().0, 401);
    assert_eq!(login(server.port, "nobody", "wrong").err().unwrap().0, 401);
    for _ in 0..4 {
        assert_eq!(
            login(server.port, "bm001", "wrong-again").err().unwrap().0,
            401
        );
    }
    // Locked: even the right password is refused now.
    let (status, body) = login(server.port, "bm001", &right).err().unwrap();
    assert_eq!(status, 429, "{body}");
    assert!(body.contains("已锁定"), "{body}");
    // Another account is not affected.
    login(server.port, "bm002", &store.password("bm002")).unwrap();
    drop(server);
    let db = open_db(&store.db());
    let actions: Vec<String> = db
        .prepare("SELECT who || ' ' || action || ' ' || detail FROM audit ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let log = actions.join("\n");
    assert!(log.contains("bm001 登录失败并锁定"), "{log}");
    assert!(log.contains("bm001 登录被拒（已锁定）"), "{log}");
    assert!(log.contains("bm002 登录"), "{log}");
    assert!(!log.contains("wrong") && !log.contains(&right), "{log}");
}

#[test]
fn a_department_gets_nothing_of_another_unit_on_any_endpoint() {
    isolation_and_csrf(&init("2024"));
}

/// A department sees and changes nothing of another unit; no change
/// passes without its session and CSRF token (on either store).
pub(crate) fn isolation_and_csrf(store: &Store) {
    let server = start(&store.dir.path("s"));
    let a = login(server.port, "bm001", &store.password("bm001")).unwrap();
    let mine = a.reports();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0]["unit"], UNITS[0]);
    assert_eq!(mine[0]["state"], "new");
    let own = mine[0]["id"].as_i64().unwrap();
    let version = a.state(own)["version"].as_str().unwrap().to_string();
    for other in ["2", "3", "999", "-1", "abc"] {
        for target in [
            "/report",
            "/compare",
            "/api/state",
            "/api/version",
            "/api/revisions",
        ] {
            let (s, b) = a.get(&format!("{target}?f={other}"));
            assert_eq!(s, 404, "{target} {other}: {b}");
            assert!(!UNITS[1..].iter().any(|u| b.contains(u)), "{b}");
            // A page route answers a page with the way back, never JSON;
            // the API answers JSON.
            let page = !target.starts_with("/api/");
            assert_eq!(b.starts_with("<!DOCTYPE html>"), page, "{target}: {b}");
            if page {
                assert!(
                    b.contains("未找到该报告") && b.contains("<a href=\"/\">回到报告列表</a>"),
                    "{b}"
                );
            } else {
                assert_eq!(json(&b)["error"], "未找到该报告", "{b}");
            }
        }
        let f = other.to_string();
        for (target, body) in [
            (
                "/api/save",
                json!({"file": f, "version": version, "edits": [{"path": "年度", "value": "2024"}]}),
            ),
            ("/api/submit", json!({"file": f})),
            ("/api/return", json!({"file": f, "remark": "x"})),
            ("/api/approve", json!({"file": f})),
        ] {
            let (s, b) = a.post(target, &body);
            assert!(s == 404 || s == 403, "{target} {other}: {s} {b}");
        }
    }
    // A department cannot approve or return even its own report.
    for target in ["/api/approve", "/api/return"] {
        let (s, _) = a.post(target, &json!({"file": own.to_string(), "remark": "x"}));
        assert_eq!(s, 403, "{target}");
    }
    // No session, no CSRF token, a wrong one, another site: refused.
    let (s, _, _) = common::http_raw(
        server.port,
        &format!(
            "GET /api/reports HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n",
            server.port
        ),
        b"",
    );
    assert_eq!(s, 401);
    let no_csrf = format!("Cookie: {}\r\n", a.cookie);
    let (s, _, _) = post_raw(
        server.port,
        "/api/submit",
        &no_csrf,
        &json!({"file": own.to_string()}),
    );
    assert_eq!(s, 403);
    let wrong = Client {
        csrf: "0".repeat(64),
        ..a.clone()
    };
    assert_eq!(
        wrong
            .post("/api/submit", &json!({"file": own.to_string()}))
            .0,
        403
    );
    let head = format!(
        "POST /api/submit HTTP/1.1\r\nHost: 127.0.0.1:{p}\r\nOrigin: http://evil.example\r\nCookie: {}\r\nX-Nianbao-Token: {}\r\nContent-Length: 2\r\n\r\n",
        a.cookie,
        a.csrf,
        p = server.port
    );
    assert_eq!(common::http_raw(server.port, &head, b"{}").0, 403);
    // Logged out: the cookie is dead.
    assert_eq!(a.post("/api/logout", &json!({})).0, 200);
    assert_eq!(a.get("/api/reports").0, 401);
}

#[test]
fn a_report_is_filled_submitted_returned_resubmitted_and_approved() {
    let store = init("2024");
    let server = start(&store.dir.path("s"));
    let dept = login(server.port, "bm001", &store.password("bm001")).unwrap();
    let office = login(server.port, "审核", &store.password("审核")).unwrap();
    let id = dept.reports()[0]["id"].as_i64().unwrap();
    let start = dept.state(id);
    assert!(start["errors"].as_i64().unwrap() > 0);
    // Submitting with errors is refused.
    let (s, b) = dept.post("/api/submit", &json!({"file": id.to_string()}));
    assert_eq!(s, 409, "{b}");
    assert!(b.contains("错误"), "{b}");
    let version = start["version"].as_str().unwrap();
    let (s, filled) = dept.save(id, version, &example_edits());
    assert_eq!(s, 200, "{filled}");
    assert_eq!(filled["errors"], 0, "{}", filled["findings"]);
    assert_eq!(filled["state"], "filling");
    // A second page still on the old version is refused, not merged.
    let (s, stale) = dept.save(id, version, &[("年度".into(), "2024".into())]);
    assert_eq!(s, 409, "{stale}");
    // Said as a conflict: the page loads the latest text and settles.
    assert_eq!(stale["reason"], "conflict", "{stale}");
    // The unit's page is the workbench's, with its hooks; the office's is
    // read-only.
    let (s, page) = dept.get(&format!("/report?f={id}"));
    assert_eq!(s, 200);
    assert!(
        page.contains("data-path=\"依申请公开.本年新收[0]\""),
        "{page}"
    );
    assert!(!page.contains("<fieldset disabled"));
    // The server has no sign-off import: its pages leave the control out.
    assert!(!page.contains("id=\"signoff-file\""), "{page}");
    let (s, page) = office.get(&format!("/report?f={id}"));
    assert_eq!(s, 200);
    office_page_is_read_only(&page);
    assert!(!page.contains("id=\"signoff-file\""), "{page}");
    // The office sees it read-only: it cannot save.
    assert_eq!(
        office.save(id, filled["version"].as_str().unwrap(), &[]).0,
        403
    );
    assert_eq!(
        dept.post("/api/submit", &json!({"file": id.to_string()})).0,
        200
    );
    late_then_submitted(&office.reports(), id);
    // Submitted: the unit cannot change it, and the page is told so as
    // `readonly`, which it never retries (not a conflict).
    let (s, b) = dept.save(
        id,
        filled["version"].as_str().unwrap(),
        &[("年度".into(), "2024".into())],
    );
    assert_eq!(s, 409, "{b}");
    assert_eq!(b["reason"], "readonly", "{b}");
    assert_eq!(b["error"], "本报告已提交，不能再修改", "{b}");
    let (s, b) = office.post(
        "/api/return",
        &json!({"file": id.to_string(), "remark": "第三部分请核对"}),
    );
    assert_eq!(s, 200, "{b}");
    let returned = dept.state(id);
    assert_eq!(returned["state"], "returned");
    assert_eq!(returned["remark"], "第三部分请核对");
    assert_eq!(returned["editable"], true);
    assert_eq!(
        returned["values"], filled["values"],
        "returning keeps every value"
    );
    let (s, edited) = dept.save(
        id,
        returned["version"].as_str().unwrap(),
        &[("联系方式.电话".into(), "0533-1234567".into())],
    );
    assert_eq!(s, 200, "{edited}");
    assert_eq!(
        dept.post("/api/submit", &json!({"file": id.to_string()})).0,
        200
    );
    assert_eq!(
        office
            .post("/api/approve", &json!({"file": id.to_string()}))
            .0,
        200
    );
    let approved = office.state(id);
    assert_eq!(approved["state"], "approved");
    assert_eq!(approved["editable"], false);
    assert_eq!(
        approved["values"], edited["values"],
        "approving keeps every value"
    );
    backup_holds_every_revision(&store, &dept, &office, id);
    let (_, revs) = office.get(&format!("/api/revisions?f={id}"));
    let kinds: Vec<String> = json(&revs)["revisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["kind"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        kinds,
        ["save", "submit", "return", "save", "submit", "approve"]
    );
    drop(server);
    every_revision_is_in_the_file(&store.db(), id);
}

/// The office's report page: read-only, every field `readonly` (so that a
/// cell can be picked for a remark), none editable.
/// Late units first (issue 65: 2024's deadline is past), then the
/// submitted report `id`.
fn late_then_submitted(board: &[Value], id: i64) {
    let order: Vec<(bool, &str)> = board
        .iter()
        .map(|r| (r["late"] == true, r["state"].as_str().unwrap()))
        .collect();
    assert_eq!(
        order,
        [(true, "new"), (true, "new"), (false, "submitted")],
        "{board:?}"
    );
    assert_eq!(board[2]["id"], id);
}

fn office_page_is_read_only(page: &str) {
    assert!(page.contains("只读：审核账号查看"), "{page}");
    let cell = "<input readonly class=\"num\" data-path=\"依申请公开.本年新收[0]\"";
    assert!(page.contains(cell), "{page}");
    assert!(!page.contains("<input data-path") && !page.contains("<textarea data-path"));
}

/// An online backup, made while serving, holds every revision of report
/// `id`; a department cannot make one.
fn backup_holds_every_revision(store: &Store, dept: &Client, office: &Client, id: i64) {
    // An online backup holds every revision too; departments cannot make one.
    assert_eq!(dept.post("/api/backup", &json!({})).0, 403);
    let (s, b) = office.post("/api/backup", &json!({}));
    assert_eq!(s, 200, "{b}");
    let copy = store.dir.path("s").join(json(&b)["file"].as_str().unwrap());
    let copied: i64 = open_db(&copy)
        .query_row(
            "SELECT count(*) FROM revisions WHERE report = ?1",
            [id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(copied, 6);
}

/// Every revision of report `id` is in the database file, with its text;
/// the round's steps are in the audit log.
fn every_revision_is_in_the_file(db: &Path, id: i64) {
    let db = open_db(db);
    let texts: Vec<(i64, String, String)> = db
        .prepare("SELECT revision, kind, text FROM revisions WHERE report = ?1 ORDER BY revision")
        .unwrap()
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        texts.iter().map(|t| t.0).collect::<Vec<_>>(),
        [1, 2, 3, 4, 5, 6]
    );
    assert!(!texts[0].2.contains("0533-1234567") && texts[3].2.contains("0533-1234567"));
    let audit: i64 = db
        .query_row(
            "SELECT count(*) FROM audit WHERE action IN ('submit', 'return', 'approve')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audit, 4);
}

#[test]
fn killing_the_server_mid_saves_keeps_every_acknowledged_save() {
    let store = init("2024");
    let latest = killed_mid_saves(&store, |store, id| {
        let db = open_db(&store.db());
        let check: String = db
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok");
        db.query_row(
            "SELECT r.revision, r.text, v.text FROM reports r JOIN revisions v \
             ON v.report = r.id AND v.revision = r.revision WHERE r.id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("the latest revision is in the file")
    });
    // The server starts again on the same store and shows the last save.
    let again = start(&store.dir.path("s"));
    let dept = login(again.port, "bm001", &store.password("bm001")).unwrap();
    assert_eq!(
        dept.state(id_of_first(&dept))["revision"].as_i64().unwrap(),
        latest
    );
}

/// The first report the client sees.
pub(crate) fn id_of_first(client: &Client) -> i64 {
    client.reports()[0]["id"].as_i64().unwrap()
}

/// Saves `client` makes of report `id` one after another (the phone
/// number counting up), each acknowledged one sent on `tx`, until one is
/// not answered 200 (the server killed).
pub(crate) fn keep_saving(
    client: Client,
    id: i64,
    tx: std::sync::mpsc::Sender<(i64, String)>,
) -> std::thread::JoinHandle<()> {
    {
        let dept = client;
        std::thread::spawn(move || {
            let mut version = dept.state(id)["version"].as_str().unwrap().to_string();
            for n in 0.. {
                let phone = format!("0533-{n:07}");
                let edits = [("联系方式.电话".to_string(), phone.clone())];
                let body: Vec<Value> = edits
                    .iter()
                    .map(|(p, v)| json!({"path": p, "value": v}))
                    .collect();
                let (s, b) = dept.post(
                    "/api/save",
                    &json!({"file": id.to_string(), "version": version, "edits": body}),
                );
                if s != 200 {
                    return;
                }
                let state = json(&b);
                version = state["version"].as_str().unwrap().to_string();
                if tx
                    .send((state["revision"].as_i64().unwrap(), phone))
                    .is_err()
                {
                    return;
                }
            }
        })
    }
}

/// The report's latest revision, its text and that revision's text, as
/// the store holds them.
pub(crate) type Latest = (i64, String, String);

/// A server on `store` killed (SIGKILL) while a clerk keeps saving: the
/// store, read by `read`, has the last acknowledged save (or a later
/// one) as the text of its latest revision. Returns that revision.
pub(crate) fn killed_mid_saves(store: &Store, read: impl Fn(&Store, i64) -> Latest) -> i64 {
    let mut server = start(&store.dir.path("s"));
    let dept = login(server.port, "bm001", &store.password("bm001")).unwrap();
    let id = id_of_first(&dept);
    let (tx, rx) = std::sync::mpsc::channel();
    let saver = keep_saving(dept, id, tx);
    let mut committed = Vec::new();
    while committed.len() < 8 {
        committed.push(
            rx.recv_timeout(Duration::from_secs(60))
                .expect("saves go on"),
        );
    }
    server.child.0.kill().unwrap();
    let _ = server.child.0.wait();
    let _ = saver.join();
    committed.extend(rx.try_iter());
    every_acknowledged_save_is_kept(&read(store, id), &committed)
}

/// Saves in one burst are one revision (issue 59.4): the latest revision
/// holds the report's text, which has the last of the `committed` saves
/// or a later one. Returns the latest revision.
pub(crate) fn every_acknowledged_save_is_kept(
    (latest, text, kept): &Latest,
    committed: &[(i64, String)],
) -> i64 {
    assert_eq!(text, kept);
    let (revision, phone) = committed.last().unwrap();
    assert!(latest >= revision);
    let last_n: u64 = phone.slice_from(5).parse().unwrap();
    let saved_n: u64 = text
        .lines()
        .find_map(|l| l.split("0533-").nth(1))
        .and_then(|n| n.trim_matches(|c: char| !c.is_ascii_digit()).parse().ok())
        .expect("a phone in the text");
    assert!(saved_n >= last_n, "acknowledged save {phone} lost");
    *latest
}

#[test]
fn plain_http_on_the_network_needs_the_flag_and_warns() {
    let store = init("2024");
    let refused = common::run(
        common::nianbao()
            .args(["server", "--listen", "0.0.0.0:0"])
            .arg(store.dir.path("s")),
    );
    assert_eq!(refused.code, 2);
    assert!(
        refused.stderr.contains("--insecure-http"),
        "{}",
        refused.stderr
    );
    let (child, line, warning) = common::start_server(
        common::nianbao()
            .args(["server", "--insecure-http", "--listen", "0.0.0.0:0"])
            .arg(store.dir.path("s")),
    );
    let _running = Kill(child);
    assert!(line.starts_with("http://0.0.0.0:"), "{line}");
    assert!(warning.contains("警告：正在以明文 HTTP"), "{warning}");
}
