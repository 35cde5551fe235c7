//! The collection server on PostgreSQL (issue 64), end to end: the real
//! binary on a throwaway cluster (`pg_cluster`; skipped with a message
//! without PostgreSQL, required under CI). Unit isolation and CSRF, a kill
//! in the middle of saves and the restart, as on SQLite; two processes on
//! one database sharing sessions, one killed mid-save with every
//! acknowledged save in the database; `Secure` cookies and the trusted
//! proxy's `X-Forwarded-For` behind a gateway; `move-to-postgres`; a
//! region's office seeing its own subtree only, and a region's store
//! moved with its regions and digests (issue 64.4–64.5).

use std::time::Duration;

use serde_json::json;

use crate::common;
use crate::pg_cluster;
use crate::server::{
    Client, Latest, Store, every_acknowledged_save_is_kept, id_of_first, init, init_on,
    isolation_and_csrf, keep_saving, killed_mid_saves, login, start, start_with,
};
use crate::server_regions::{fill_and_submit, init_region_on, subtree_only, units};

/// A store made by `server init --db` on a fresh database, or `None`.
fn pg_store() -> Option<Store> {
    let url = pg_cluster::database()?;
    Some(init_on("2024", Some(&url)))
}

/// A connection to the store's database.
fn connect(store: &Store) -> postgres::Client {
    postgres::Client::connect(store.url.as_deref().unwrap(), postgres::NoTls).unwrap()
}

/// The report's latest revision as the database holds it.
fn latest(store: &Store, id: i64) -> Latest {
    let row = connect(store)
        .query_one(
            "SELECT r.revision, r.text, v.text FROM reports r JOIN revisions v \
             ON v.report = r.id AND v.revision = r.revision WHERE r.id = $1",
            &[&id],
        )
        .unwrap();
    (row.get(0), row.get(1), row.get(2))
}

#[test]
fn init_records_the_database_without_a_password_and_keeps_only_hashes() {
    let Some(store) = pg_store() else { return };
    let recorded = std::fs::read_to_string(store.dir.path("s/nianbao-server.database")).unwrap();
    assert_eq!(recorded.trim(), store.url.as_deref().unwrap());
    assert!(!store.dir.path("s/nianbao-server.db").exists());
    let mut db = connect(&store);
    let version: i64 = db
        .query_one("SELECT version FROM nianbao_schema", &[])
        .unwrap()
        .get(0);
    assert!(version >= 3, "{version}");
    for row in db
        .query("SELECT \"user\", hash FROM accounts", &[])
        .unwrap()
    {
        let (user, hash): (String, String) = (row.get(0), row.get(1));
        assert!(hash.starts_with("$argon2id$"), "{user}");
        assert!(!hash.contains(&store.password(&user)));
    }
    // A database already in use is refused; so is a password in the string.
    let again = common::run(
        common::nianbao()
            .args(["server", "init"])
            .arg(store.dir.path("t"))
            .arg("--roster")
            .arg(store.dir.path("名单.txt"))
            .args(["--db", store.url.as_deref().unwrap()]),
    );
    assert_eq!(again.code, 2, "{}", again.stderr);
    assert!(again.stderr.contains("已有账号"), "{}", again.stderr);
    let secret = common::run(
        common::nianbao()
            .args(["server", "init"])
            .arg(store.dir.path("u"))
            .arg("--roster")
            .arg(store.dir.path("名单.txt"))
            .args(["--db", "postgresql://nianbao:s3cret@db.example/nianbao"]),
    );
    assert_ne!(secret.code, 0);
    assert!(secret.stderr.contains("不能写密码") && !secret.stderr.contains("s3cret"));
}

#[test]
fn a_department_gets_nothing_of_another_unit_on_postgres() {
    let Some(store) = pg_store() else { return };
    isolation_and_csrf(&store);
}

#[test]
fn killing_the_server_mid_saves_keeps_every_acknowledged_save_on_postgres() {
    let Some(store) = pg_store() else { return };
    let saved = killed_mid_saves(&store, latest);
    let again = start(&store.dir.path("s"));
    let dept = login(again.port, "bm001", &store.password("bm001")).unwrap();
    assert_eq!(
        dept.state(id_of_first(&dept))["revision"].as_i64().unwrap(),
        saved
    );
}

#[test]
fn two_processes_share_sessions_and_one_killed_mid_save_loses_nothing() {
    let Some(store) = pg_store() else { return };
    let mut a = start(&store.dir.path("s"));
    let b = start(&store.dir.path("s"));
    let on_a = login(a.port, "bm001", &store.password("bm001")).unwrap();
    // The session made by A is good on B: any process serves any request.
    let on_b = Client {
        port: b.port,
        ..on_a.clone()
    };
    let id = id_of_first(&on_b);
    let (tx, rx) = std::sync::mpsc::channel();
    let saver_a = keep_saving(on_a, id, tx.clone());
    let mut committed = Vec::new();
    while committed.len() < 8 {
        committed.push(
            rx.recv_timeout(Duration::from_secs(60))
                .expect("saves go on"),
        );
    }
    a.child.0.kill().unwrap();
    let _ = a.child.0.wait();
    let _ = saver_a.join();
    committed.extend(rx.try_iter());
    every_acknowledged_save_is_kept(&latest(&store, id), &committed);
    // B goes on serving the same session and saving.
    let saver_b = keep_saving(on_b.clone(), id, tx);
    let after = rx.recv_timeout(Duration::from_secs(60)).expect("B saves");
    assert!(after.0 >= committed.last().unwrap().0);
    drop(b);
    let _ = saver_b.join();
}

#[test]
fn behind_a_gateway_cookies_are_secure_and_only_the_proxy_names_the_client() {
    let Some(store) = pg_store() else { return };
    let server = start_with(
        &store.dir.path("s"),
        &["--trusted-proxy", "127.0.0.1", "--gateway-https"],
    );
    let port = server.port;
    let body = json!({"user": "bm001", "password": store.password("bm001")}).to_string();
    let head = format!(
        "POST /api/login HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: https://127.0.0.1:{port}\r\nX-Forwarded-For: 203.0.113.9\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let (status, head, _) = common::http_raw(port, &head, body.as_bytes());
    assert_eq!(status, 200);
    let cookie = head
        .lines()
        .find(|l| l.starts_with("Set-Cookie: "))
        .unwrap();
    assert!(cookie.contains("; Secure"), "{cookie}");
    // The failures of a client behind the gateway are its own.
    let wrong = json!({"user": "bm002", "password": "wrong"}).to_string();
    let fail = |from: &str| {
        let head = format!(
            "POST /api/login HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: https://127.0.0.1:{port}\r\nX-Forwarded-For: {from}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            wrong.len()
        );
        common::http_raw(port, &head, wrong.as_bytes()).0
    };
    assert_eq!(fail("198.51.100.7"), 401);
    let mut db = connect(&store);
    let addresses: Vec<String> = db
        .query("SELECT address FROM address_failures", &[])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(addresses, ["198.51.100.7"]);
}

#[test]
fn a_county_moves_from_sqlite_to_postgres_whole_and_once() {
    let Some(url) = pg_cluster::database() else {
        return;
    };
    let store = init("2024");
    {
        let server = start(&store.dir.path("s"));
        let dept = login(server.port, "bm001", &store.password("bm001")).unwrap();
        let id = id_of_first(&dept);
        let version = dept.state(id)["version"].as_str().unwrap().to_string();
        let (s, _) = dept.save(
            id,
            &version,
            &[("联系方式.电话".to_string(), "0533-7654321".to_string())],
        );
        assert_eq!(s, 200);
    }
    let dir = store.dir.path("s");
    let moved = common::run(
        common::nianbao()
            .args(["server", "move-to-postgres"])
            .arg(&dir)
            .args(["--db", &url]),
    );
    assert_eq!(moved.code, 0, "{}", moved.stderr);
    assert!(moved.stdout.contains("一致"), "{}", moved.stdout);
    // Again: the same rows are there, nothing is copied twice.
    let again = common::run(
        common::nianbao()
            .args(["server", "移到PostgreSQL"])
            .arg(&dir)
            .args(["--db", &url]),
    );
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(again.stdout.contains("已经"), "{}", again.stdout);
    // The folder now serves the database: the submitted report is there.
    let server = start(&dir);
    let dept = login(server.port, "bm001", &store.password("bm001")).unwrap();
    let id = id_of_first(&dept);
    assert_eq!(dept.state(id)["revision"], 1);
    let mut db = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    let text: String = db
        .query_one(
            "SELECT text FROM revisions WHERE report = $1 AND revision = 1",
            &[&id],
        )
        .unwrap()
        .get(0);
    assert!(text.contains("0533-7654321"), "{text}");
    // The sequences go on after the copied ids.
    let version = dept.state(id)["version"].as_str().unwrap().to_string();
    let edit = [("联系方式.电话".to_string(), "0533-1111111".to_string())];
    assert_eq!(dept.save(id, &version, &edit).0, 200);
    assert_eq!(dept.post("/api/logout", &json!({})).0, 200);
    // Another county's store is refused on a database in use.
    let other = init("2024");
    let refused = common::run(
        common::nianbao()
            .args(["server", "move-to-postgres"])
            .arg(other.dir.path("s"))
            .args(["--db", &url]),
    );
    assert_ne!(refused.code, 0);
    assert!(refused.stderr.contains("不是空库"), "{}", refused.stderr);
}

#[test]
fn a_region_office_sees_its_own_subtree_only_on_postgres() {
    let Some(url) = pg_cluster::database() else {
        return;
    };
    subtree_only(&init_region_on(Some(&url)));
}

#[test]
fn a_region_store_moves_with_its_regions_and_digests() {
    let Some(url) = pg_cluster::database() else {
        return;
    };
    let region = init_region_on(None);
    let dir = region.dir.path("s");
    let id = {
        let server = start(&dir);
        let dept = login(server.port, "bm002", &region.password("bm002")).unwrap();
        fill_and_submit(&dept)
    };
    let moved = common::run(
        common::nianbao()
            .args(["server", "move-to-postgres"])
            .arg(&dir)
            .args(["--db", &url]),
    );
    assert_eq!(moved.code, 0, "{}", moved.stderr);
    let mut db = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    let row = db
        .query_one(
            "SELECT region, digest IS NOT NULL FROM reports WHERE id = $1",
            &[&id],
        )
        .unwrap();
    assert_eq!(
        (row.get::<_, String>(0), row.get::<_, bool>(1)),
        ("某市/甲县".to_string(), true)
    );
    let office: String = db
        .query_one("SELECT region FROM accounts WHERE \"user\" = 'sh003'", &[])
        .unwrap()
        .get(0);
    assert_eq!(office, "某市/乙县");
    // The folder now serves the database: each office still sees its own.
    let server = start(&dir);
    let yi = login(server.port, "sh003", &region.password("sh003")).unwrap();
    assert_eq!(units(&yi, "/api/reports"), ["乙县教育局"]);
    let jia = login(server.port, "sh002", &region.password("sh002")).unwrap();
    let (s, b) = jia.get("/api/county");
    assert_eq!(s, 200, "{b}");
    assert_eq!(crate::server::json(&b)["counted"], 1, "{b}");
}

/// One request through the gateway over HTTPS, as a browser on
/// https://127.0.0.1:PORT sends it: (status, head, body).
fn through(
    gateway: u16,
    tls: &std::sync::Arc<rustls::ClientConfig>,
    (method, target): (&str, &str),
    extra: &str,
    body: &str,
) -> (u16, String, String) {
    let head = format!(
        "{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{gateway}\r\nOrigin: https://127.0.0.1:{gateway}\r\n{extra}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    crate::server_security::https(gateway, tls, &head, body.as_bytes())
}

/// The documented nginx example (`contrib/nginx/nianbao.conf`) in front of
/// two processes (issue 64.2): logins and saves through it, the cookie
/// `Secure`, the client's own address taken (a forged `X-Forwarded-For`
/// ignored), and one process killed mid-saves: the gateway goes on with
/// the other, and every acknowledged save is in the database.
#[test]
fn nginx_as_documented_serves_two_processes_and_survives_one_killed() {
    let Some(store) = pg_store() else { return };
    if crate::nginx_gateway::available().is_none() {
        return;
    }
    let args = [
        "--trusted-proxy",
        crate::nginx_gateway::GATEWAY_ADDRESS,
        "--gateway-https",
    ];
    let mut a = start_with(&store.dir.path("s"), &args);
    let b = start_with(&store.dir.path("s"), &args);
    let certs = store.dir.path("pki");
    std::fs::create_dir_all(&certs).unwrap();
    let pki = crate::server_security::pki(&certs);
    let gateway =
        crate::nginx_gateway::start(&[a.port, b.port], Some((&pki.cert, &pki.key))).unwrap();
    let tls = crate::server_security::client_config(&pki.ca);
    let port = gateway.port;

    let login = json!({"user": "bm001", "password": store.password("bm001")}).to_string();
    let (status, head, body) = through(port, &tls, ("POST", "/api/login"), "", &login);
    assert_eq!(status, 200, "{body}");
    let set = head
        .lines()
        .find_map(|l| l.strip_prefix("Set-Cookie: "))
        .unwrap();
    assert!(set.contains("; Secure"), "{set}");
    let session = format!(
        "Cookie: {}\r\nX-Nianbao-Token: {}\r\n",
        set.split(';').next().unwrap(),
        crate::server::json(&body)["csrf"].as_str().unwrap()
    );

    // A forged X-Forwarded-For from the client: the gateway appends the
    // client's own address, and only that is believed.
    let wrong = json!({"user": "bm002", "password": "wrong"}).to_string();
    let forged = "X-Forwarded-For: 203.0.113.9\r\n";
    let (status, ..) = through(port, &tls, ("POST", "/api/login"), forged, &wrong);
    assert_eq!(status, 401);
    let addresses: Vec<String> = connect(&store)
        .query("SELECT address FROM address_failures", &[])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(addresses, ["127.0.0.1"]);

    // Saves through the gateway, the session made on one process good on
    // both; process A killed after eight.
    let (_, _, list) = through(port, &tls, ("GET", "/api/reports"), &session, "");
    let id = crate::server::json(&list)["reports"][0]["id"]
        .as_i64()
        .unwrap();
    let version_now = || {
        let (s, _, b) = through(
            port,
            &tls,
            ("GET", &format!("/api/state?f={id}")),
            &session,
            "",
        );
        assert_eq!(s, 200, "{b}");
        crate::server::json(&b)["version"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let mut version = version_now();
    let (mut committed, mut failed) = (Vec::new(), 0);
    let mut killed_at = None;
    for n in 0.. {
        if committed.len() == 8 && killed_at.is_none() {
            a.child.0.kill().unwrap();
            let _ = a.child.0.wait();
            killed_at = Some(committed.len());
        }
        if killed_at.is_some_and(|k| committed.len() >= k + 8) {
            break;
        }
        assert!(n < 200, "saves stopped: {failed} failed");
        let phone = format!("0533-{n:07}");
        let save = json!({"file": id.to_string(), "version": version,
            "edits": [{"path": "联系方式.电话", "value": phone}]});
        let (s, _, b) = through(
            port,
            &tls,
            ("POST", "/api/save"),
            &session,
            &save.to_string(),
        );
        if s == 200 {
            let state = crate::server::json(&b);
            version = state["version"].as_str().unwrap().to_string();
            committed.push((state["revision"].as_i64().unwrap(), phone));
        } else {
            // The page keeps the edit and asks again (502 while nginx
            // finds A gone, 409 when A saved it but died answering).
            failed += 1;
            version = version_now();
        }
    }
    eprintln!(
        "through nginx: {} saves acknowledged, {failed} refused while process A went away",
        committed.len()
    );
    assert!(failed <= 3, "{failed} saves failed through the gateway");
    every_acknowledged_save_is_kept(&latest(&store, id), &committed);
    drop(gateway);
    drop(b);
}

#[test]
fn the_rosters_kind_decides_the_deadline_on_postgres() {
    let Some(url) = pg_cluster::database() else {
        return;
    };
    crate::server_regions::kinds_decide(Some(&url));
}

#[test]
fn the_declared_kinds_move_to_postgres_with_their_units() {
    let Some(url) = pg_cluster::database() else {
        return;
    };
    let (dir, _) = crate::server_regions::init_kinds_on(
        "单位名称,机关类型\n某某新区建设局,政府\n某县人民政府办公室,部门\n",
        None,
    );
    let moved = common::run(
        common::nianbao()
            .args(["server", "move-to-postgres"])
            .arg(dir.path("s"))
            .args(["--db", &url]),
    );
    assert_eq!(moved.code, 0, "{}", moved.stderr);
    let mut db = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    let kinds: Vec<(String, String, String)> = db
        .query(
            "SELECT r.unit, r.agency_kind, a.agency_kind FROM reports r \
             JOIN accounts a ON a.\"user\" = r.owner ORDER BY r.id",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect();
    assert_eq!(
        kinds,
        [
            ("某某新区建设局".into(), "政府".into(), "政府".into()),
            ("某县人民政府办公室".into(), "部门".into(), "部门".into()),
        ]
    );
}
