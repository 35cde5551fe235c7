//! Issue 65: the office's deadlines and late units, the round's progress
//! and the county's figures as pictures (checked against `nianbao
//! aggregate` on the same reports), and the audit log, on a county of 30
//! units with two years of data ([`county_of_30`]).

use nianbao::slice::Slice;

use std::path::Path;

use serde_json::{Value, json};

use crate::common::{self, TempDir};
use crate::server::{Client, json as parse, login, open_db, start};

/// The 30 units: 28 departments, a county government's office (due by
/// 31 March) and a township (due by 31 January like a department).
pub(crate) fn unit_names() -> Vec<String> {
    let mut names: Vec<String> = [
        "教育局",
        "财政局",
        "公安局",
        "民政局",
        "司法局",
        "人力资源和社会保障局",
        "自然资源局",
        "生态环境分局",
        "住房和城乡建设局",
        "交通运输局",
        "水利局",
        "农业农村局",
        "商务局",
        "文化和旅游局",
        "卫生健康局",
        "退役军人事务局",
        "应急管理局",
        "审计局",
        "市场监督管理局",
        "统计局",
        "医疗保障局",
        "林业局",
        "信访局",
        "城市管理局",
        "行政审批服务局",
        "发展和改革局",
        "科学技术局",
        "工业和信息化局",
    ]
    .iter()
    .map(|n| format!("某县{n}"))
    .collect();
    names.push("某县人民政府办公室".into());
    names.push("某县城关镇人民政府".into());
    names
}

/// The example of 2024 as `unit`'s report of `year`: table 三 times `k`,
/// `review` 行政复议 and `lawsuit` 行政诉讼 (all upheld), a fee of `fee` 万元.
fn report_text(unit: &str, year: i64, k: u64, (review, lawsuit): (u64, u64), fee: &str) -> String {
    let example =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/zibo-zhangdian-traffic-2024.yaml");
    let text = std::fs::read_to_string(example).unwrap();
    let mut out = String::new();
    let mut in_table3 = false;
    for line in text.lines() {
        if line.starts_with("依申请公开:") {
            in_table3 = true;
        } else if !line.starts_with(' ') && !line.is_empty() {
            in_table3 = false;
        }
        let line = if line.starts_with("机关:") {
            format!("机关: {unit}")
        } else if line.starts_with("年度:") {
            format!("年度: {year}")
        } else if line.starts_with("  行政复议:") {
            format!("  行政复议: [{review}, 0, 0, 0, {review}]")
        } else if line.starts_with("  未经复议直接起诉:") {
            format!("  未经复议直接起诉: [{lawsuit}, 0, 0, 0, {lawsuit}]")
        } else if line.starts_with("    收费通知件数:") {
            format!("    收费通知件数: {}", u64::from(fee != "0"))
        } else if line.starts_with("    收费通知金额:") {
            format!("    收费通知金额: {fee}")
        } else if line.starts_with("    实际收取金额:") {
            format!("    实际收取金额: {fee}")
        } else if in_table3 && line.contains('[') && !line.trim_start().starts_with('#') {
            scaled(line, k)
        } else {
            line.to_string()
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// The figures in the brackets of `line` times `k`.
fn scaled(line: &str, k: u64) -> String {
    let (head, rest) = line.split_once('[').unwrap();
    let (list, tail) = rest.split_once(']').unwrap();
    let list: Vec<String> = list
        .split(',')
        .map(|n| (n.trim().parse::<u64>().unwrap() * k).to_string())
        .collect();
    format!("{head}[{}]{tail}", list.join(", "))
}

/// A county of 30 units with two years of data: `server init` for 2024,
/// every 2024 report approved; `server new-year` for 2025, whose reports
/// are at every step of the round (12 approved, 6 submitted, 3 returned,
/// 5 filling, 4 not started), submitted over the last 25 days; unit 3's
/// applications went up sixfold and unit 7's to none (striking changes).
pub(crate) struct County {
    pub(crate) dir: TempDir,
    /// (user, password, unit) from 初始密码.csv.
    pub(crate) accounts: Vec<(String, String, String)>,
}

impl County {
    pub(crate) fn server_dir(&self) -> std::path::PathBuf {
        self.dir.path("s")
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

/// The state of unit `i` in 2025.
fn state_2025(i: usize) -> &'static str {
    match i {
        0..12 => "approved",
        12..18 => "submitted",
        18..21 => "returned",
        21..26 => "filling",
        _ => "new",
    }
}

/// Table 三's factor of unit `i` in `year`.
fn factor(i: usize, year: i64) -> u64 {
    let k = 1 + (i % 5) as u64;
    match (year, i) {
        (2025, 3) => k * 6,
        (2025, 7) => 0,
        _ => k,
    }
}

pub(crate) fn county_of_30() -> County {
    let dir = TempDir::new("county30");
    let names = unit_names();
    std::fs::write(dir.path("名单.txt"), names.join("\n")).unwrap();
    let run = |args: &[&str]| {
        let out = common::run(common::nianbao().args(args));
        assert_eq!(out.code, 0, "{}", out.stderr);
    };
    let s = dir.path("s");
    let s = s.to_str().unwrap();
    let roster = dir.path("名单.txt");
    run(&[
        "server",
        "init",
        s,
        "--roster",
        roster.to_str().unwrap(),
        "--year",
        "2024",
    ]);
    let db = open_db(&dir.path("s/nianbao-server.db"));
    // 2024: every report approved in the first weeks of January 2025.
    fill(&db, &names, 2024, 1_736_035_200, |_| "approved");
    run(&["server", "new-year", s, "--year", "2025"]);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    fill(&db, &names, 2025, now - 25 * 86_400, state_2025);
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
    County { dir, accounts }
}

/// Writes year `year`'s reports straight into the store: each unit's text,
/// state and revisions (a save, then its steps, day by day from `base`).
fn fill(
    db: &rusqlite::Connection,
    names: &[String],
    year: i64,
    base: i64,
    state: fn(usize) -> &'static str,
) {
    for (i, unit) in names.iter().enumerate() {
        let fee = if i % 4 == 0 {
            format!("0.{}", 1 + i % 7)
        } else {
            "0".into()
        };
        let text = report_text(
            unit,
            year,
            factor(i, year),
            ((i % 3) as u64, (i % 2) as u64),
            &fee,
        );
        let (id, owner): (i64, String) = db
            .query_row(
                "SELECT id, owner FROM reports WHERE year = ?1 AND unit = ?2",
                rusqlite::params![year, unit],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        let day = base + (i % 20) as i64 * 86_400;
        let kinds: &[(&str, i64)] = match state(i) {
            "approved" => &[("save", 0), ("submit", 0), ("approve", 2)],
            "submitted" => &[("save", 0), ("submit", 1)],
            "returned" => &[("save", 0), ("submit", 0), ("return", 1)],
            "filling" => &[("save", 0)],
            _ => &[],
        };
        db.execute("DELETE FROM revisions WHERE report = ?1", [id])
            .unwrap();
        let mut at = 0;
        for (n, (kind, later)) in kinds.iter().enumerate() {
            at = day + later * 86_400 + n as i64 * 60;
            let who = if matches!(*kind, "approve" | "return") {
                "审核"
            } else {
                owner.as_str()
            };
            db.execute(
                "INSERT INTO revisions (report, revision, kind, who, at, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                rusqlite::params![id, n as i64 + 1, kind, who, at, text],
            )
            .unwrap();
        }
        db.execute(
            "UPDATE reports SET text = ?2, state = ?3, revision = ?4, changed_at = ?5, changed_by = ?6, errors = NULL, empty = NULL WHERE id = ?1",
            rusqlite::params![id, text, state(i), kinds.len() as i64, at, owner],
        )
        .unwrap();
    }
}

/// The figures of row `row` of the table of chart `id` on `page`.
fn chart_row(page: &str, id: &str, row: &str) -> Vec<String> {
    let start = page
        .find(&format!("id=\"{id}-table\""))
        .unwrap_or_else(|| panic!("no table {id}"));
    let table = page.slice(
        start,
        start + page.slice_from(start).find("</table>").unwrap(),
    );
    let at = table
        .find(&format!("<th scope=\"row\">{row}</th>"))
        .unwrap_or_else(|| panic!("no row {row} in {id}: {table}"));
    let line = table.slice(at, at + table.slice_from(at).find("</tr>").unwrap());
    line.split("<td class=\"num\">")
        .skip(1)
        .map(|c| c.split('<').next().unwrap().to_string())
        .collect()
}

/// `nianbao aggregate --force` over the submitted and approved reports of
/// `year` (their texts written as files); the sum's main figures.
fn aggregated(db: &rusqlite::Connection, year: i64, dir: &Path) -> Vec<String> {
    let folder = dir.join(format!("报告-{year}"));
    std::fs::create_dir_all(&folder).unwrap();
    let mut stmt = db
        .prepare(
            "SELECT id, text FROM reports WHERE year = ?1 AND state IN ('submitted', 'approved')",
        )
        .unwrap();
    let rows: Vec<(i64, String)> = stmt
        .query_map([year], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for (id, text) in rows {
        std::fs::write(folder.join(format!("{id}.yaml")), text).unwrap();
    }
    let out = dir.join(format!("汇总-{year}.yaml"));
    let mut command = common::nianbao();
    command
        .args(["aggregate", "--force", "--agency", "政务公开办", "-o"])
        .arg(&out)
        .arg(&folder);
    let before = dir.join(format!("汇总-{}.yaml", year - 1));
    if before.exists() {
        // With last year's sum: the web page of charts too (issue 65).
        command
            .arg("--prev")
            .arg(&before)
            .arg("--html")
            .arg(dir.join(format!("汇总-{year}.html")));
    }
    let run = common::run(&mut command);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let loaded = nianbao::load::load_path(&out).unwrap();
    let report = loaded.report.unwrap();
    nianbao::batch::summary::Figures::of(&report)
        .fields()
        .to_vec()
}

#[test]
fn the_county_of_30_is_drawn_as_aggregate_sums_it_with_its_late_units_first() {
    let county = county_of_30();
    let server = start(&county.server_dir());
    let office = login(server.port, "审核", &county.password("审核")).unwrap();
    let (status, page) = office.get("/overview");
    assert_eq!(status, 200, "{page}");
    if let Some(dir) = std::env::var_os("NIANBAO_SCREENSHOT_DIR") {
        std::fs::write(Path::new(&dir).join("overview.html"), &page).unwrap();
    }
    let db = open_db(&county.server_dir().join("nianbao-server.db"));
    for (year, column) in [(2024, 1), (2025, 0)] {
        let sums = aggregated(&db, year, county.dir.0.as_path());
        for (i, heading) in ["本年新收", "办结", "结转下年度", "行政复议", "行政诉讼"]
            .iter()
            .enumerate()
        {
            let drawn = chart_row(&page, "chart-county", heading);
            assert_eq!(
                drawn[column], sums[i],
                "{year} {heading}: drawn {drawn:?}, aggregate {sums:?}"
            );
            eprintln!(
                "{year} {heading}: drawn {} = aggregate {}",
                drawn[column], sums[i]
            );
        }
    }
    // `aggregate --html` draws the same figures, this year's and last year's.
    let drawn = std::fs::read_to_string(county.dir.path("汇总-2025.html")).unwrap();
    for heading in ["本年新收", "办结", "结转下年度", "行政复议", "行政诉讼"] {
        assert_eq!(
            chart_row(&drawn, "chart-county", heading),
            chart_row(&page, "chart-county", heading),
            "{heading}"
        );
    }
    assert!(drawn.contains("<figure class=\"chart\" id=\"chart-received\">"));
    // Unit 3 went up sixfold, unit 7 to none: both pointed out.
    let names = unit_names();
    for i in [3, 7] {
        assert!(
            page.contains(&format!(
                "<tr class=\"striking\"><th scope=\"row\">{}</th>",
                names[i]
            )),
            "{}",
            names[i]
        );
    }
    assert!(!page.contains(&format!(
        "<tr class=\"striking\"><th scope=\"row\">{}</th>",
        names[4]
    )));
    // Progress: 21 units submitted once, 3 returns, 12 approved by today.
    let progress = page.slice_from(page.find("id=\"chart-progress-table\"").unwrap());
    let last = progress.slice_to(progress.find("</tbody>").unwrap());
    let last = last.slice_from(last.rfind("<tr>").unwrap());
    assert!(
        last.contains("<td class=\"num\">21</td><td class=\"num\">3</td><td class=\"num\">12</td>"),
        "{last}"
    );
    late_units(&office, &names);
    audit_log(&county, &office, server.port);
}

/// Late units first on the board and in the export; a deadline moved.
fn late_units(office: &Client, names: &[String]) {
    // Every date of the rules is past (this machine's clock is in late 2026 or
    // later): the 12 units not submitted are late, listed first.
    let reports = parse(&office.get("/api/reports").1);
    let list = reports["reports"].as_array().unwrap();
    let late: Vec<&Value> = list.iter().take_while(|r| r["late"] == true).collect();
    assert_eq!(late.len(), 12, "{reports}");
    assert!(list[12..].iter().all(|r| r["late"] == false));
    assert_eq!(reports["deadlines"]["departments"], "2026-01-31");
    assert_eq!(reports["deadlines"]["governments"], "2026-03-31");
    // The government's deadline moved to ten days from now: its office is
    // no longer late; the township still is.
    let later = (std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
        + 8 * 3600)
        / 86_400
        + 10;
    let later = nianbao::server::deadline::date_text(later);
    let (status, body) = office.post(
        "/api/deadline",
        &json!({ "year": 2025, "governments": later }),
    );
    assert_eq!(status, 200, "{body}");
    let (status, body) = office.post(
        "/api/deadline",
        &json!({ "year": 2025, "departments": "2026-02-30" }),
    );
    assert_eq!(status, 400, "{body}");
    let reports = parse(&office.get("/api/reports").1);
    let list = reports["reports"].as_array().unwrap();
    assert_eq!(list.iter().filter(|r| r["late"] == true).count(), 11);
    let gov = list
        .iter()
        .find(|r| r["unit"] == names[28].as_str())
        .unwrap();
    assert_eq!(gov["days_left"], 10, "{gov}");
    assert!(
        gov["due_words"].as_str().unwrap().contains("还剩 10 天"),
        "{gov}"
    );
    let (status, csv) = office.get("/api/late?format=csv");
    assert_eq!(status, 200);
    assert!(csv.starts_with('\u{feff}'));
    assert_eq!(csv.trim_end().lines().count(), 12, "{csv}");
    assert!(
        csv.contains(&names[29]) && !csv.contains(&names[28]),
        "{csv}"
    );
    let (status, xlsx) = office.get("/api/late?format=xlsx");
    assert_eq!(status, 200);
    assert!(xlsx.starts_with("PK"));
}

/// The audit log: filtered, exported, no secret.
fn audit_log(county: &County, office: &Client, port: u16) {
    assert!(login(port, "bm001", "wrong-password-1").is_err());
    let dept = login(port, "bm001", &county.password("bm001")).unwrap();
    for target in [
        "/overview",
        "/audit",
        "/api/audit",
        "/api/late",
        "/api/deadline",
    ] {
        let status = if target == "/api/deadline" {
            dept.post(target, &json!({ "year": 2025 })).0
        } else {
            dept.get(target).0
        };
        assert_eq!(status, 403, "{target}");
    }
    let (status, page) = office.get("/audit?kind=round");
    assert_eq!(status, 200);
    assert!(
        page.contains("设置截止日期") && !page.contains("<td>登录</td>"),
        "{page}"
    );
    let (_, page) = office.get("/audit?who=bm001&kind=login");
    assert!(
        page.contains("<td>登录失败</td>") && page.contains("<td>登录</td>"),
        "{page}"
    );
    assert!(!page.contains("device:"), "{page}");
    let (_, all) = office.get("/audit");
    for secret in [
        county.password("bm001"),
        county.password("审核"),
        office.csrf.clone(),
    ] {
        assert!(!all.contains(&secret));
    }
    let (status, csv) = office.get("/api/audit?kind=login&format=csv");
    assert_eq!(status, 200);
    assert!(
        csv.starts_with("\u{feff}时间（北京时间）,账号,操作,详情"),
        "{csv}"
    );
    assert!(csv.contains(",bm001,登录失败,地址 127.0.0.1"), "{csv}");
}

/// axe-core's script (`NIANBAO_AXE`, else `.ci/node_modules`, where
/// `.ci/run` installs it), or `None` with a message outside CI.
fn axe_script() -> Option<String> {
    let path = std::env::var_os("NIANBAO_AXE")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/node_modules/axe-core/axe.min.js")
        });
    match Some(std::fs::read_to_string(&path)) {
        Some(Ok(script)) => Some(script),
        _ => {
            assert!(
                std::env::var_os("CI").is_none(),
                "axe-core is missing under CI (NIANBAO_AXE)"
            );
            eprintln!("axe-core 未安装（NIANBAO_AXE），跳过无障碍检查");
            None
        }
    }
}

/// The WCAG 2.1 A and AA violations axe-core finds on the page shown.
fn axe_violations(browser: &crate::preview::Browser, axe: &str) -> Vec<String> {
    // Scripts run by the driver are not subject to the page's policy.
    browser.eval(&format!("{axe}\n; window.__axe = null; axe.run(document, {{ runOnly: {{ type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }} }}).then(function (r) {{ window.__axe = r; }}); return 1;"));
    let found = browser.wait_for("axe", "return window.__axe;");
    eprintln!(
        "axe-core: {} rules passed, {} violated",
        found["passes"].as_array().map_or(0, Vec::len),
        found["violations"].as_array().map_or(0, Vec::len)
    );
    found["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            let nodes: Vec<String> = v["nodes"]
                .as_array()
                .unwrap()
                .iter()
                .take(3)
                .map(|n| n["html"].as_str().unwrap_or("").chars().take(120).collect())
                .collect();
            format!("{}: {}", v["id"], nodes.join(" | "))
        })
        .collect()
}

#[test]
fn the_overview_the_board_and_the_audit_log_in_chromium() {
    if !crate::preview::browser_available() {
        return;
    }
    let axe = axe_script();
    let county = county_of_30();
    let server = start(&county.server_dir());
    let browser = crate::preview::Browser::start();
    crate::server_board::log_in(&browser, server.port, "审核", &county.password("审核"));
    browser.wait_for(
        "the deadlines",
        "return document.getElementById('due-summary').textContent;",
    );
    let first = browser.eval("return document.querySelector('#reports tbody tr').className;");
    assert_eq!(first, "late");
    browser.screenshot("dash-board.png");
    let mut found = Vec::new();
    let base = format!("http://127.0.0.1:{}", server.port);
    for (target, shot) in [
        ("/overview", "dash-overview.png"),
        ("/audit", "dash-audit.png"),
        ("/", ""),
    ] {
        browser.goto(&format!("{base}{target}"));
        browser.wait_for(
            "the page",
            "return document.readyState === 'complete' && document.querySelector('h1');",
        );
        if !shot.is_empty() {
            browser.screenshot(shot);
        }
        if target == "/overview" {
            for (part, name) in [
                ("#chart-progress", "dash-progress.png"),
                ("#chart-county", "dash-county.png"),
                ("#chart-received", "dash-received.png"),
            ] {
                browser.eval(&format!(
                    "document.querySelector('{part}').scrollIntoView(); return 1;"
                ));
                browser.screenshot(name);
            }
        }
        if let Some(axe) = &axe {
            found.extend(
                axe_violations(&browser, axe)
                    .into_iter()
                    .map(|v| format!("{target} {v}")),
            );
        }
    }
    // The deadline set on the overview page by its form.
    browser.goto(&format!("{base}/overview"));
    browser.eval("document.getElementById('deadline-departments').value = '2099-01-31'; document.getElementById('deadline-save').click(); return 1;");
    browser.wait_for("the new deadline", "return document.getElementById('due-departments') && document.getElementById('due-departments').textContent === '2099-01-31';");
    let late = browser.eval("return document.querySelectorAll('#late tbody tr').length;");
    assert_eq!(late, 1, "only the county government's office is late now");
    let printed = browser
        .eval("return document.querySelectorAll('figure.chart svg[role=img] title').length;");
    assert_eq!(printed, 8);
    let console = browser.console();
    assert!(
        !console
            .iter()
            .any(|m| m.contains("Content Security Policy")),
        "{console:?}"
    );
    // A late unit's own page says so (the last one, not started).
    let unit = &unit_names()[27];
    let (user, password) = county
        .accounts
        .iter()
        .find(|a| &a.2 == unit)
        .map(|a| (a.0.clone(), a.1.clone()))
        .unwrap();
    crate::server_board::log_in(&browser, server.port, &user, &password);
    browser.eval("document.querySelector('[data-act=open]').click(); return 1;");
    let due = browser.wait_for(
        "the deadline",
        "var d = document.getElementById('due'); return d && d.textContent;",
    );
    assert!(due.as_str().unwrap().contains("2099-01-31"), "{due}");
    browser.screenshot("dash-unit.png");
    assert!(found.is_empty(), "axe-core (WCAG 2.1 AA): {found:#?}");
}
