//! WCAG 2.1 AA under axe-core in Chromium (issue 63.4): the published web
//! page, the workbench's pages (index, report page) and the collection
//! server's (login, board, a unit's report page) have no violation.
//! axe-core (npm `axe-core`, installed by `.ci/run` into `.ci/node_modules`,
//! or the file `NIANBAO_AXE` names) is injected into each page through
//! chromedriver. Skipped with a message when Chromium, chromedriver or
//! axe-core is missing; required under CI.

use std::path::{Path, PathBuf};

use crate::common::{self, TempDir};
use crate::preview::{Browser, browser_available};
use crate::server::{init, login, start};

const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/zibo-zhangdian-traffic-2024.yaml"
);

/// axe-core's script, or `None` (with a message) when it is not installed.
fn axe_script() -> Option<String> {
    let path = std::env::var_os("NIANBAO_AXE")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/node_modules/axe-core/axe.min.js")
        });
    match std::fs::read_to_string(&path) {
        Ok(s) => Some(s),
        Err(e) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "axe-core is required under CI ({}: {e}; npm install --prefix .ci axe-core)",
                path.display()
            );
            eprintln!(
                "skipped: axe-core is not installed ({}; npm install --prefix .ci axe-core)",
                path.display()
            );
            None
        }
    }
}

/// The browser and axe-core, when both are there.
fn tools() -> Option<(Browser, String)> {
    if !browser_available() {
        return None;
    }
    let axe = axe_script()?;
    Some((Browser::start(), axe))
}

/// The WCAG 2.0/2.1 A and AA violations axe-core finds on the page the
/// browser shows: each rule with the elements it names.
fn violations(browser: &Browser, axe: &str) -> Vec<String> {
    browser.eval(&format!("{axe}\n;return 1;"));
    let found = browser.eval(
        "return axe.run(document, { runOnly: { type: 'tag', \
           values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }) \
         .then(function (r) { return r.violations.map(function (v) { \
           return v.id + ' (' + v.impact + '): ' + v.help + ' — ' + \
             v.nodes.map(function (n) { return n.target.join(' '); }).join(', '); }); });",
    );
    found
        .as_array()
        .expect("axe's violations")
        .iter()
        .map(|v| v.as_str().unwrap_or_default().to_string())
        .collect()
}

/// Asserts that the page has no violation; `what` names it.
fn assert_clean(browser: &Browser, axe: &str, what: &str) {
    let v = violations(browser, axe);
    assert!(
        v.is_empty(),
        "{what}: {} violations\n{}",
        v.len(),
        v.join("\n")
    );
}

/// Waits until the report page shows its form: every table's inputs and
/// the narratives' text boxes, visible, so that axe sees them.
fn shows_the_form(browser: &Browser) {
    browser.wait_for(
        "the report's form",
        "var i = document.querySelectorAll('input.num'), t = document.querySelectorAll('textarea[data-path]'); \
         return i.length > 100 && t.length >= 3 && i[i.length - 1].offsetParent !== null;",
    );
}

#[test]
fn the_published_web_page_has_no_wcag_violations() {
    let Some((browser, axe)) = tools() else {
        return;
    };
    let dir = TempDir::new("axe-html");
    let out = common::run(
        common::nianbao()
            .args(["build", EXAMPLE, "--format", "html", "-o"])
            .arg(&dir.0),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let html = std::fs::read_dir(&dir.0)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "html"))
        .expect("an HTML file");
    browser.goto(&format!("file://{}", html.display()));
    assert_clean(&browser, &axe, "the published page");
}

#[test]
fn the_workbench_pages_have_no_wcag_violations() {
    let Some((browser, axe)) = tools() else {
        return;
    };
    let dir = TempDir::new("axe-workbench");
    std::fs::copy(EXAMPLE, dir.path("2024.yaml")).unwrap();
    let b = crate::workbench::start(&dir.0);
    browser.goto(&b.url);
    browser.wait_for(
        "the index",
        "return document.querySelector('#new-form') !== null;",
    );
    assert_clean(&browser, &axe, "the workbench's index");
    browser.goto(&format!(
        "http://127.0.0.1:{}/report?f=2024.yaml&t={}",
        b.port, b.token
    ));
    browser.wait_for(
        "the report page",
        "return document.getElementById('findings') !== null && document.getElementById('findings').children.length > 0;",
    );
    shows_the_form(&browser);
    assert_clean(&browser, &axe, "the workbench's report page");
}

#[test]
fn the_server_pages_have_no_wcag_violations() {
    let Some((browser, axe)) = tools() else {
        return;
    };
    let store = init("2024");
    let server = start(&store.dir.path("s"));
    let port = server.port;
    browser.goto(&format!("http://127.0.0.1:{port}/login"));
    browser.wait_for(
        "the login page",
        "return document.getElementById('login') !== null;",
    );
    assert_clean(&browser, &axe, "the login page");
    let unit = login(port, "bm001", &store.password("bm001")).unwrap();
    let id = unit.reports()[0]["id"].as_i64().unwrap();
    crate::server_board::log_in(&browser, port, "bm001", &store.password("bm001"));
    assert_clean(&browser, &axe, "a unit's board");
    browser.goto(&format!("http://127.0.0.1:{port}/report?f={id}"));
    browser.wait_for(
        "the report page",
        "return document.getElementById('status') !== null && document.querySelectorAll('#findings li').length > 0;",
    );
    shows_the_form(&browser);
    assert_clean(&browser, &axe, "a unit's report page");
    drop(browser);
    let office = Browser::start();
    crate::server_board::log_in(&office, port, "审核", &store.password("审核"));
    assert_clean(&office, &axe, "the office's board");
}
