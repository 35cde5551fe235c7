//! Issue 59.5 in real Chromium: a report page whose server restarted keeps
//! what was typed while it was down — on the page and in the browser's
//! storage, so a reload keeps it too — and saves it once the server is back
//! (sessions are kept in the store, issue 64.2: no new login); one whose
//! session ended asks to log in again in place (a dialog, no navigation)
//! and then saves it; the server's
//! pages never show the desktop workbench's wording; no page breaks the
//! content security policy (no inline script). Issue 59.8: the county
//! summary cached yet exact, the Host checked, the CSRF token never in an
//! address, the strict policy on every answer.

use nianbao::slice::Slice;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Stdio;

use crate::common;
use crate::preview::{Browser, Kill, free_port};
use crate::server::{Store, init, open_db};
use crate::server_board::log_in;
use crate::workbench::type_into;

/// The server on `dir`, listening on 127.0.0.1:`port` (a fixed port, so
/// that the browser's page finds it again after a restart).
fn start_on(dir: &Path, port: u16) -> Kill {
    let (child, url) = common::spawn_with_address(
        common::nianbao()
            .args(["server", "--listen", &format!("127.0.0.1:{port}")])
            .arg(dir),
    );
    assert_eq!(url, format!("http://127.0.0.1:{port}/"));
    Kill(child)
}

/// The report's stored text, read from the database file.
fn stored(store: &Store, id: i64) -> String {
    open_db(&store.db())
        .query_row("SELECT text FROM reports WHERE id = ?1", [id], |r| r.get(0))
        .unwrap()
}

/// The first `n` figure cells of the page one can type into.
fn figure_cells(browser: &Browser, n: usize) -> Vec<String> {
    let v = browser.eval(&format!(
        "return Array.from(document.querySelectorAll('#form input[data-path*=\"[\"]')).filter(function (e) {{ return !e.readOnly && !e.disabled; }}).slice(0, {n}).map(function (e) {{ return e.getAttribute('data-path'); }});"
    ));
    let cells: Vec<String> = serde_json::from_value(v).unwrap();
    assert_eq!(cells.len(), n, "{cells:?}");
    cells
}

fn open_report(browser: &Browser, port: u16, id: i64) {
    browser.goto(&format!("http://127.0.0.1:{port}/report?f={id}"));
    browser.wait_for(
        "the report page",
        "return document.getElementById('status') !== null && document.querySelectorAll('#findings li').length > 0;",
    );
}

/// The page's visible text never carries the desktop workbench's wording.
fn no_workbench_wording(browser: &Browser) {
    let text = browser.eval("return document.body.innerText;");
    let text = text.as_str().unwrap_or("");
    for words in ["工作台已关闭", "工作台已重新启动", "重新双击", "请先登录"]
    {
        assert!(!text.contains(words), "{words} on the page: {text}");
    }
}

fn wait_status(browser: &Browser, what: &str, status: &str) {
    browser.wait_for(
        what,
        &format!(
            "return document.getElementById('status').textContent === {};",
            serde_json::to_string(status).unwrap()
        ),
    );
}

/// Logs in again in the page's dialog (the user name is filled in).
fn log_in_again(browser: &Browser, password: &str) {
    browser.wait_for(
        "the login dialog",
        "var d = document.getElementById('relogin'); return d !== null && d.open;",
    );
    let user = browser.eval("return document.querySelector('#relogin input[name=user]').value;");
    assert_eq!(user, "bm001");
    browser.eval(&format!(
        "var f = document.getElementById('relogin-form'); f.password.value = {}; f.requestSubmit(); return 1;",
        serde_json::to_string(password).unwrap()
    ));
}

#[test]
fn a_restart_and_an_ended_session_lose_no_typing_in_chromium() {
    if !crate::preview::browser_available() {
        return;
    }
    let store = init("2024");
    let dir = store.dir.path("s");
    let port = free_port();
    let mut server = start_on(&dir, port);
    let browser = Browser::start();
    log_in(&browser, port, "bm001", &store.password("bm001"));
    let id = 1;
    open_report(&browser, port, id);
    let url = browser.eval("return location.href;");
    let cells = figure_cells(&browser, 5);

    // Typed and saved.
    type_into(&browser, &cells[0], "4711");
    wait_status(&browser, "the first save", "已保存");
    assert!(stored(&store, id).contains("4711"));
    // The CSRF token is in no address the page asked for or links to.
    let leaked = browser.eval(
        "var t = JSON.parse(document.getElementById('nb-boot').textContent).token; \
         var urls = performance.getEntriesByType('resource').map(function (e) { return e.name; }).concat([location.href]) \
           .concat(Array.from(document.querySelectorAll('[href],[src]')).map(function (e) { return e.getAttribute('href') || e.getAttribute('src'); })); \
         return t.length === 64 ? urls.filter(function (u) { return u.indexOf(t) >= 0; }) : ['no token: ' + t];",
    );
    assert_eq!(leaked, serde_json::json!([]), "the token in an address");

    // The server restarts: what is typed while it is down stays on the
    // page (and in the browser's storage); once it is back the same
    // session, kept in the store, saves it: no login, nothing moves.
    drop(server);
    type_into(&browser, &cells[1], "4722");
    wait_status(&browser, "the save kept", "未保存（已暂存）");
    no_workbench_wording(&browser);
    let kept = browser.eval(
        "return sessionStorage.getItem(Object.keys(sessionStorage).filter(function (k) { return k.indexOf('nianbao-unsaved:') === 0; })[0]);",
    );
    assert!(kept.as_str().unwrap_or("").contains("4722"), "{kept}");
    server = start_on(&dir, port);
    type_into(&browser, &cells[2], "4733");
    type_into(&browser, &cells[3], "4744");
    wait_status(&browser, "the kept typing saved", "已保存");
    let asked =
        browser.eval("var d = document.getElementById('relogin'); return d !== null && d.open;");
    assert_eq!(asked, false, "no login asked after a restart");
    assert_eq!(browser.eval("return location.href;"), url, "no navigation");
    let text = stored(&store, id);
    for v in ["4711", "4722", "4733", "4744"] {
        assert!(text.contains(v), "{v} not stored: {text}");
    }
    assert_eq!(
        browser.eval("return Object.keys(localStorage).filter(function (k) { return k.indexOf('nianbao-unsaved:') === 0; }).length;"),
        0,
        "the saved values are forgotten"
    );

    // Down again: typed, the page reloaded once the server is back (the
    // login page), logged in, the report opened: the typing is back and saved.
    drop(server);
    type_into(&browser, &cells[4], "4755");
    wait_status(&browser, "the save kept", "未保存（已暂存）");
    server = start_on(&dir, port);
    log_in(&browser, port, "bm001", &store.password("bm001"));
    open_report(&browser, port, id);
    wait_status(&browser, "the kept typing saved after a reload", "已保存");
    assert!(stored(&store, id).contains("4755"));
    let shown = browser.eval(&format!(
        "return document.querySelector('[data-path=\"{}\"]').value;",
        cells[4]
    ));
    assert_eq!(shown, "4755");

    // The session ends elsewhere (logged out in another tab): the same.
    browser.eval(
        "var x = new XMLHttpRequest(); x.open('POST', '/api/logout', false); \
         x.setRequestHeader('X-Nianbao-Token', JSON.parse(document.getElementById('nb-boot').textContent).token); x.send('{}'); return x.status;",
    );
    type_into(&browser, &cells[0], "4766");
    browser.wait_for(
        "the login dialog",
        "var d = document.getElementById('relogin'); return d !== null && d.open;",
    );
    browser.screenshot("server-relogin.png");
    log_in_again(&browser, &store.password("bm001"));
    wait_status(
        &browser,
        "the typing saved after the session ended",
        "已保存",
    );
    assert!(stored(&store, id).contains("4766"));

    // No page broke the content security policy (every script is a file).
    log_in(&browser, port, "bm001", &store.password("bm001"));
    browser.goto(&format!("http://127.0.0.1:{port}/compare?f={id}"));
    let console = browser.console();
    let violations: Vec<&String> = console
        .iter()
        .filter(|m| m.contains("Content Security Policy") || m.contains("Refused to"))
        .collect();
    assert!(violations.is_empty(), "{violations:?}");
    drop(browser);
    drop(server);
}

/// The county summary is cached per report between refreshes (issue
/// 59.8), yet follows every save — also saves merged into one revision
/// within the same second, which keep the revision's number: after a burst
/// with the summary asked between its saves, it is what a server that
/// never saw it computes.
#[test]
fn the_county_summary_follows_every_save_of_a_burst() {
    use crate::server::{json, login, start};
    let store = init("2024");
    let server = start(&store.dir.path("s"));
    let office = login(server.port, "审核", &store.password("审核")).unwrap();
    let unit = login(server.port, "bm001", &store.password("bm001")).unwrap();
    let id = unit.reports()[0]["id"].as_i64().unwrap();
    let mut version = unit.state(id)["version"].as_str().unwrap().to_string();
    let (mut revisions, mut audits) = (Vec::new(), Vec::new());
    let steps = [
        ("成文日期", "2025年1月10日"),
        ("依申请公开.本年新收[0]", "-5"),
        ("总体情况", "（一）主动公开\n\n本年度主动公开信息。"),
        ("依申请公开.本年新收[0]", "5"),
        ("成文日期", ""),
    ];
    for (cell, value) in steps {
        let (s, state) = unit.save(id, &version, &[(cell.into(), value.into())]);
        assert_eq!(s, 200, "{state}");
        version = state["version"].as_str().unwrap().to_string();
        let listed = office
            .reports()
            .into_iter()
            .find(|r| r["id"] == id)
            .unwrap();
        revisions.push(listed["revision"].as_i64().unwrap());
        let (s, b) = office.get("/api/county");
        assert_eq!(s, 200, "{b}");
        audits.push(json(&b)["audit"].clone());
    }
    // One revision for the burst (the number alone could not tell the
    // texts apart), and the summary changed along the way.
    assert!(
        revisions.iter().all(|r| *r == revisions[0]),
        "{revisions:?}"
    );
    let distinct: std::collections::HashSet<String> =
        audits.iter().map(|a| a.to_string()).collect();
    assert!(distinct.len() >= 3, "{audits:?}");
    drop(server);
    let server = start(&store.dir.path("s"));
    let office = login(server.port, "审核", &store.password("审核")).unwrap();
    let (s, b) = office.get("/api/county");
    assert_eq!(s, 200, "{b}");
    assert_eq!(&json(&b)["audit"], audits.last().unwrap());
    drop(server);
}

/// Issue 59.8 over raw HTTP: the `Host` is checked against the server's
/// names before any route (the login, the scripts, a logged-in request),
/// a name given with `--host` is taken, every answer — refusals too —
/// carries the server's policy without inline scripts, and the token in an
/// address counts for nothing.
#[test]
fn the_host_is_checked_and_every_answer_carries_the_strict_policy() {
    use crate::server::login;
    let store = init("2024");
    let dir = store.dir.path("s");
    let port = free_port();
    let mut child = common::nianbao()
        .args([
            "server",
            "--listen",
            &format!("127.0.0.1:{port}"),
            "--host",
            "NianBao.County.Local",
        ])
        .arg(&dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let _server = Kill(child);
    let unit = login(port, "bm001", &store.password("bm001")).unwrap();
    let strict = "Content-Security-Policy: default-src 'none'; script-src 'self'; style-src 'unsafe-inline';";
    let ask = |host: &str, method: &str, target: &str, extra: &str| {
        common::http_raw(
            port,
            &format!(
                "{method} {target} HTTP/1.1\r\nHost: {host}\r\n{extra}Content-Length: 0\r\nConnection: close\r\n\r\n"
            ),
            b"",
        )
    };
    let cookie = format!("Cookie: {}\r\n", unit.cookie);
    for (method, target, extra) in [
        ("POST", "/api/login", ""),
        ("GET", "/login", ""),
        ("GET", "/assets/workbench.js", ""),
        ("GET", "/api/reports", cookie.as_str()),
    ] {
        let (s, head, body) = ask(&format!("attacker.example:{port}"), method, target, extra);
        assert_eq!(s, 403, "{method} {target}: {head}");
        assert!(body.contains("不是本服务器的名称"), "{body}");
        assert!(head.contains(strict), "{head}");
    }
    // The name given, in any case, and the address itself are the server's.
    for host in [
        format!("nianbao.county.local:{port}"),
        format!("127.0.0.1:{port}"),
    ] {
        let (s, head, body) = ask(&host, "GET", "/api/reports", &cookie);
        assert_eq!(s, 200, "{host}: {body}");
        assert!(head.contains(strict), "{head}");
    }
    // The pages load their scripts as files; no inline script anywhere.
    let (s, head, script) = ask(&format!("127.0.0.1:{port}"), "GET", "/assets/login.js", "");
    assert_eq!(s, 200, "{head}");
    assert!(head.contains("Content-Type: text/javascript"), "{head}");
    assert!(script.contains("/api/login"), "{script}");
    for target in ["/login", "/", "/report?f=1", "/compare?f=1"] {
        let (s, head, page) = ask(&format!("127.0.0.1:{port}"), "GET", target, &cookie);
        assert_eq!(s, 200, "{target}: {head}");
        assert!(head.contains(strict), "{head}");
        let inline = page
            .match_indices("<script")
            .filter(|(at, _)| {
                let tag = page.slice(
                    *at,
                    page.slice_from(*at)
                        .find('>')
                        .map_or(page.len(), |e| at + e),
                );
                !tag.contains(" src=") && !tag.contains("type=\"application/json\"")
            })
            .count();
        assert_eq!(inline, 0, "{target} has an inline script");
        assert!(
            !page.contains(" onclick=") && !page.contains(" onload="),
            "{target}"
        );
        assert!(!page.contains(&unit.csrf) || target == "/" || target.starts_with("/report"));
        assert!(
            !page.contains(&format!("t={}", unit.csrf)),
            "{target}: the token in a link"
        );
    }
    // A change with the token in the address only, not in the header: refused.
    let (s, _, body) = ask(
        &format!("127.0.0.1:{port}"),
        "POST",
        &format!("/api/logout?t={}", unit.csrf),
        &cookie,
    );
    assert_eq!(s, 403, "{body}");
}
