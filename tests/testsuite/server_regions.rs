//! A region's tree of offices on the collection server (issue 64.4): a
//! roster with a region column, an office account per region, each seeing
//! and reviewing its own subtree only (every route), the upper level's
//! progress per region with the units not handed in, the drill-down, the
//! list paged and filtered, the summed tables equal to `nianbao aggregate`
//! of the same reports, and the hierarchy check.

use nianbao::slice::Slice;

use crate::common::{self, TempDir};
use crate::server::{Client, example_edits, json, login, open_db, start};

use serde_json::{Value, json};

/// The roster: a city's own department, two counties.
const ROSTER: &str = "单位名称,所属区县\n\
                      甲县人民政府,某市/甲县\n\
                      甲县教育局,某市/甲县\n\
                      甲县财政局,某市/甲县\n\
                      乙县教育局,某市/乙县\n\
                      某市财政局,某市\n";

/// `某市/甲县` and `某市` as a query carries them.
const JIA: &str = "%E6%9F%90%E5%B8%82%2F%E7%94%B2%E5%8E%BF";
const CITY: &str = "%E6%9F%90%E5%B8%82";

/// A store made from [`ROSTER`], with the accounts of its password file.
pub(crate) struct Region {
    pub(crate) dir: TempDir,
    accounts: Vec<(String, String, String)>,
}

impl Region {
    /// The one-time password of `user`.
    pub(crate) fn password(&self, user: &str) -> String {
        let found = self.accounts.iter().find(|a| a.0 == user);
        found.unwrap_or_else(|| panic!("no {user}")).1.clone()
    }
}

/// `server init` for 2024 from `roster` (CSV) in a new folder `name`, in
/// its SQLite file or (`url`) that PostgreSQL database: the folder and
/// what `init` said (it succeeded).
fn init_from(name: &str, roster: &str, url: Option<&str>) -> (TempDir, common::Output) {
    let dir = TempDir::new(name);
    std::fs::write(dir.path("名单.csv"), roster).unwrap();
    let mut command = common::nianbao();
    command
        .args(["server", "init"])
        .arg(dir.path("s"))
        .arg("--roster")
        .arg(dir.path("名单.csv"))
        .args(["--year", "2024"]);
    if let Some(url) = url {
        command.args(["--db", url]);
    }
    let out = common::run(&mut command);
    assert_eq!(out.code, 0, "{}", out.stderr);
    (dir, out)
}

fn init_region() -> Region {
    init_region_on(None)
}

/// A store made from [`ROSTER`] for 2024 in the folder's SQLite file, or
/// (`url`) in that PostgreSQL database.
pub(crate) fn init_region_on(url: Option<&str>) -> Region {
    let (dir, out) = init_from("region", ROSTER, url);
    assert!(
        out.stdout.contains("某市/甲县：审核账号“sh002”"),
        "{}",
        out.stdout
    );
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
    Region { dir, accounts }
}

/// The units of the reports listed at `target`, sorted.
pub(crate) fn units(c: &Client, target: &str) -> Vec<String> {
    let (s, b) = c.get(target);
    assert_eq!(s, 200, "{target}: {b}");
    let mut out: Vec<String> = json(&b)["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["unit"].as_str().unwrap().to_string())
        .collect();
    out.sort();
    out
}

fn id_of(c: &Client, unit: &str) -> i64 {
    let (_, b) = c.get("/api/reports");
    let list = json(&b)["reports"].as_array().unwrap().clone();
    let found = list.iter().find(|r| r["unit"] == unit);
    found.unwrap_or_else(|| panic!("{unit}"))["id"]
        .as_i64()
        .unwrap()
}

/// The unit fills the example report and submits it.
pub(crate) fn fill_and_submit(c: &Client) -> i64 {
    let id = c.reports()[0]["id"].as_i64().unwrap();
    let state = c.state(id);
    let (s, filled) = c.save(id, state["version"].as_str().unwrap(), &example_edits());
    assert_eq!(s, 200, "{filled}");
    let (s, b) = c.post("/api/submit", &json!({"file": id.to_string()}));
    assert_eq!(s, 200, "{b}");
    id
}

/// Every route that names a report, asked by `c` for report `id` of
/// another region: the same 404 as a report that does not exist, nothing
/// of it shown.
fn nothing_of(c: &Client, id: i64, hidden: &[&str]) {
    for target in [
        "/report",
        "/api/state",
        "/api/version",
        "/api/revisions",
        "/compare",
    ] {
        let (s, b) = c.get(&format!("{target}?f={id}"));
        assert_eq!(s, 404, "{target} {id}: {b}");
        assert!(!hidden.iter().any(|u| b.contains(u)), "{target}: {b}");
    }
    let (s, _) = c.get(&format!("/api/download?f={id}&format=docx"));
    assert_eq!(s, 404);
    let f = id.to_string();
    for (target, body) in [
        ("/api/return", json!({"file": f, "remark": "x"})),
        ("/api/approve", json!({"file": f})),
        ("/api/submit", json!({"file": f})),
        (
            "/api/remark",
            json!({"file": f, "path": "年度", "para": 0, "text": "x"}),
        ),
        ("/api/remark/remove", json!({"file": f, "id": 1})),
        ("/api/build", json!({"file": f, "format": "docx"})),
        (
            "/api/save",
            json!({"file": f, "version": "x", "edits": [{"path": "年度", "value": "2024"}]}),
        ),
    ] {
        let (s, b) = c.post(target, &body);
        assert!(s == 404 || s == 403, "{target} {id}: {s} {b}");
        assert!(!hidden.iter().any(|u| b.contains(u)), "{target}: {b}");
    }
}

#[test]
fn a_county_office_sees_and_reviews_its_own_subtree_only() {
    subtree_only(&init_region());
}

/// Each office of `region`'s store sees and reviews its own subtree only,
/// on every route; the top office and the city see every report.
pub(crate) fn subtree_only(region: &Region) {
    let server = start(&region.dir.path("s"));
    let top = login(server.port, "审核", &region.password("审核")).unwrap();
    let city = login(server.port, "sh001", &region.password("sh001")).unwrap();
    let jia = login(server.port, "sh002", &region.password("sh002")).unwrap();
    let yi = login(server.port, "sh003", &region.password("sh003")).unwrap();
    assert_eq!(units(&top, "/api/reports").len(), 5);
    assert_eq!(units(&city, "/api/reports").len(), 5);
    assert_eq!(
        units(&jia, "/api/reports"),
        ["甲县人民政府", "甲县教育局", "甲县财政局"]
    );
    assert_eq!(units(&yi, "/api/reports"), ["乙县教育局"]);
    // A unit of 甲县 submits; 乙县's office can do nothing with it.
    let dept = login(server.port, "bm002", &region.password("bm002")).unwrap();
    let id = fill_and_submit(&dept);
    nothing_of(&yi, id, &["甲县"]);
    nothing_of(&yi, id_of(&top, "某市财政局"), &["某市财政局"]);
    // Another region's drill-down, progress, summary, export, accounts.
    for target in [
        format!("/api/reports?county={JIA}"),
        format!("/api/regions?county={JIA}"),
        format!("/api/county?county={CITY}"),
        format!("/api/export?what=data&county={JIA}"),
    ] {
        let (s, b) = yi.get(&target);
        assert_eq!(s, 404, "{target}: {b}");
        assert!(!b.contains("甲县教育局"), "{b}");
    }
    let (_, b) = yi.get("/api/county");
    let county = json(&b);
    assert_eq!(
        (county["units"].as_i64(), county["counted"].as_i64()),
        (Some(1), Some(0))
    );
    let (_, b) = yi.get("/api/accounts");
    let users: Vec<String> = json(&b)["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["user"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(users, ["bm004", "sh003"]);
    for user in ["bm001", "sh001", "审核"] {
        assert_eq!(yi.post("/api/account/reset", &json!({"user": user})).0, 404);
        assert_eq!(
            yi.post("/api/account/unlock", &json!({"user": user})).0,
            404
        );
    }
    assert_eq!(yi.post("/api/new-year", &json!({"year": 2025})).0, 403);
    assert_eq!(yi.post("/api/backup", &json!({})).0, 403);
    // 甲县's office reviews its own: approves; the city sees it.
    let (s, b) = jia.post("/api/approve", &json!({"file": id.to_string()}));
    assert_eq!(s, 200, "{b}");
    assert_eq!(yi.get("/api/export?what=data").0, 404);
    assert_eq!(jia.get("/api/export?what=data").0, 200);
    let approved = city.reports().into_iter().find(|r| r["id"] == id).unwrap();
    assert_eq!(approved["state"], "approved");
    assert_eq!(approved["region"], "某市/甲县");
}

#[test]
fn the_upper_board_shows_each_countys_progress_pages_filters_and_drills_down() {
    let region = init_region();
    let server = start(&region.dir.path("s"));
    let city = login(server.port, "sh001", &region.password("sh001")).unwrap();
    let dept = login(server.port, "bm002", &region.password("bm002")).unwrap();
    fill_and_submit(&dept);
    let (s, b) = city.get("/api/regions");
    assert_eq!(s, 200, "{b}");
    let d = json(&b);
    assert_eq!(d["region"], "某市");
    let lines: Vec<(String, i64, i64, i64)> = d["regions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap().to_string(),
                r["units"].as_i64().unwrap(),
                r["submitted"].as_i64().unwrap(),
                r["missing"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            ("甲县".to_string(), 3, 1, 2),
            ("乙县".to_string(), 1, 0, 1),
            ("本级".to_string(), 1, 0, 1)
        ],
        "{d}"
    );
    let drilled = |q: &str| -> Value {
        let (s, b) = city.get(&format!("/api/reports?{q}"));
        assert_eq!(s, 200, "{b}");
        json(&b)
    };
    // The drill-down into 甲县, two to a page.
    let first = drilled(&format!("county={JIA}&per=2&page=1"));
    assert_eq!(
        (first["total"].as_i64(), first["pages"].as_i64()),
        (Some(3), Some(2))
    );
    assert_eq!(first["reports"].as_array().unwrap().len(), 2);
    // Late units first (issue 65: the round is long past its deadlines
    // here), then what needs attention.
    assert_eq!(first["reports"][0]["late"], true, "late first: {first}");
    assert_eq!(first["missing_count"], 2);
    let second = drilled(&format!("county={JIA}&per=2&page=2"));
    assert_eq!(second["reports"].as_array().unwrap().len(), 1);
    // Filters: the units not handed in (下级缺报), a state, errors.
    let missing = drilled("state=missing&per=100");
    assert_eq!(missing["total"], 4);
    assert!(
        missing["missing"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m == "乙县教育局（未开始）"),
        "{missing}"
    );
    assert_eq!(drilled("state=submitted")["total"], 1);
    assert_eq!(drilled("errors=1")["total"], 4, "blank reports have errors");
    assert_eq!(
        drilled(&format!("errors=1&county={JIA}&state=submitted"))["total"],
        0
    );
    // The drill-down's summary and progress.
    let (_, b) = city.get(&format!("/api/county?county={JIA}"));
    let county = json(&b);
    assert_eq!(
        (county["units"].as_i64(), county["counted"].as_i64()),
        (Some(3), Some(1))
    );
    let (_, b) = city.get(&format!("/api/regions?county={JIA}"));
    let inner = json(&b);
    assert_eq!(inner["regions"][0]["name"], "本级", "{inner}");
    // The board carries the regions' part.
    let (_, page) = city.get("/");
    for hook in [
        "id=\"regions\"",
        "id=\"filter-state\"",
        "/assets/regions.js",
    ] {
        assert!(page.contains(hook), "{hook}");
    }
    assert_eq!(city.get("/assets/regions.js").0, 200);
}

/// The data of a data file: every line after its leading comments.
fn data_part(text: &str) -> String {
    text.lines()
        .skip_while(|l| l.starts_with('#') || l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_countys_summed_tables_equal_aggregate_and_its_government_is_checked() {
    let region = init_region();
    let server = start(&region.dir.path("s"));
    for user in ["bm001", "bm002", "bm003"] {
        let c = login(server.port, user, &region.password(user)).unwrap();
        fill_and_submit(&c);
    }
    let jia = login(server.port, "sh002", &region.password("sh002")).unwrap();
    let (s, b) = jia.get("/api/county");
    assert_eq!(s, 200, "{b}");
    let county = json(&b);
    assert_eq!(county["counted"], 3, "{county}");
    // The hierarchy check: the government against its two departments.
    let check = &county["checks"][0];
    assert_eq!(check["unit"], "甲县人民政府", "{county}");
    assert_eq!(check["units"], 2);
    assert_eq!(check["figures"][0]["relation"], "less", "{check}");
    // The summed data file against `nianbao aggregate` of the same texts.
    let (s, summed) = jia.get("/api/county?what=data");
    assert_eq!(s, 200, "{summed}");
    let folder = region.dir.path("reports");
    std::fs::create_dir_all(&folder).unwrap();
    let db = open_db(&region.dir.path("s/nianbao-server.db"));
    let mut stmt = db
        .prepare("SELECT unit, year, text FROM reports WHERE state = 'submitted'")
        .unwrap();
    let rows: Vec<(String, i64, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(rows.len(), 3);
    for (unit, year, text) in &rows {
        std::fs::write(folder.join(format!("{unit}-{year}.yaml")), text).unwrap();
    }
    let out = common::run(
        common::nianbao()
            .arg("aggregate")
            .arg(&folder)
            .args(["--agency", "政务公开办", "-o"])
            .arg(region.dir.path("sum.yaml")),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let want = std::fs::read_to_string(region.dir.path("sum.yaml")).unwrap();
    assert_eq!(data_part(&summed), data_part(&want));
    assert!(
        summed.contains("由 nianbao aggregate 汇总 3 个数据文件"),
        "{summed}"
    );
    // The digests are kept: a second summary reads no text (the same).
    let kept: i64 = db
        .query_row(
            "SELECT COUNT(*) FROM reports WHERE digest IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(kept, 3);
    let (_, again) = jia.get("/api/county");
    assert_eq!(json(&again)["figures"], county["figures"]);
}

#[test]
fn the_city_drills_down_into_a_county_and_filters_in_chromium() {
    if !crate::preview::browser_available() {
        return;
    }
    let region = init_region();
    let server = start(&region.dir.path("s"));
    let dept = login(server.port, "bm002", &region.password("bm002")).unwrap();
    fill_and_submit(&dept);
    let browser = crate::preview::Browser::start();
    crate::server_board::log_in(&browser, server.port, "sh001", &region.password("sh001"));
    browser.wait_for(
        "the progress per county",
        "return document.querySelectorAll('#region-list tbody tr').length === 3 && !document.getElementById('regions').hidden;",
    );
    let rows = "return document.querySelectorAll('#reports tbody tr').length;";
    let top_only = "return [document.getElementById('new-year').hidden, document.getElementById('backup').hidden];";
    assert_eq!(
        browser.eval(top_only),
        json!([true, true]),
        "the top office's"
    );
    assert_eq!(browser.eval(rows), 5);
    let missing = browser.eval(
        "return document.querySelector('tr[data-region=\"某市/甲县\"]').children[7].textContent;",
    );
    assert_eq!(missing, "2");
    browser.screenshot("server-regions-city.png");
    browser.eval(
        "document.querySelector('tr[data-region=\"某市/甲县\"] [data-act=drill]').click(); return 1;",
    );
    browser.wait_for(
        "甲县's own list",
        "return document.querySelectorAll('#reports tbody tr').length === 3 && document.getElementById('region-path').textContent.indexOf('甲县') >= 0 && !document.getElementById('region-up').hidden;",
    );
    browser.eval(
        "var s = document.getElementById('filter-state'); s.value = 'missing'; s.dispatchEvent(new Event('change')); return 1;",
    );
    browser.wait_for(
        "the units not handed in",
        "return document.querySelectorAll('#reports tbody tr').length === 2;",
    );
    let tally = browser.eval("return document.getElementById('tally').textContent;");
    assert!(tally.as_str().unwrap().contains("已提交 1"), "{tally}");
    browser.screenshot("server-regions-county.png");
    let errors: Vec<String> = browser
        .console()
        .into_iter()
        .filter(|m| m.contains("SEVERE"))
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}

/// The roster declaring each unit's 机关类型 (issue 61.3): a unit named
/// like a department declared a government, one named like a government
/// declared a department, one left to its name.
const KIND_ROSTER: &str = "单位名称,所属区县,机关类型\n\
                           甲县高新区管理局,某市/甲县,政府\n\
                           甲县人民政府办公室,某市/甲县,部门\n\
                           甲县教育局,某市/甲县,\n";

/// Each unit's deadline and its basis on the office's list.
fn deadlines(office: &Client) -> Vec<(String, String, String)> {
    let (s, b) = office.get("/api/reports");
    assert_eq!(s, 200, "{b}");
    let mut out: Vec<(String, String, String)> = json(&b)["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let text = |k: &str| r[k].as_str().unwrap_or_default().to_string();
            (text("unit"), text("due"), text("due_basis"))
        })
        .collect();
    out.sort();
    out
}

/// A store made from `roster` (CSV) for 2024, in the folder's SQLite file
/// or (`url`) that PostgreSQL database; the folder and the office's
/// password.
pub(crate) fn init_kinds_on(roster: &str, url: Option<&str>) -> (TempDir, String) {
    let (dir, _) = init_from("kinds", roster, url);
    let password = password_of(&dir, "审核");
    (dir, password)
}

/// The one-time password of `user` in the store of `dir`.
fn password_of(dir: &TempDir, user: &str) -> String {
    let csv = std::fs::read_to_string(dir.path("s/初始密码.csv")).unwrap();
    let line = csv
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{user},")));
    line.and_then(|l| l.split(',').next()).unwrap().to_string()
}

#[test]
fn the_rosters_kind_decides_the_deadline_before_the_name() {
    kinds_decide(None);
}

/// [`KIND_ROSTER`]'s kinds decide each unit's deadline, said with its
/// basis on the list and in the late export; the next year's roster
/// declares them anew (on the SQLite file, or `url`'s database).
pub(crate) fn kinds_decide(url: Option<&str>) {
    let (dir, password) = init_kinds_on(KIND_ROSTER, url);
    let store = dir.path("s");
    {
        let server = start(&store);
        let office = login(server.port, "审核", &password).unwrap();
        let gov = "县级以上人民政府的截止日期，按名单中的机关类型";
        let dept = "部门的截止日期，按名单中的机关类型";
        let named = "部门的截止日期，按单位名称";
        assert_eq!(
            deadlines(&office),
            [
                (
                    "甲县人民政府办公室".into(),
                    "2025-01-31".into(),
                    dept.into()
                ),
                ("甲县教育局".into(), "2025-01-31".into(), named.into()),
                ("甲县高新区管理局".into(), "2025-03-31".into(), gov.into()),
            ]
        );
        // Every 2024 deadline is past: the late list says which and why.
        let (s, csv) = office.get("/api/late?year=2024&format=csv");
        assert_eq!(s, 200, "{csv}");
        assert!(csv.contains("截止日期依据"), "{csv}");
        let line = csv
            .lines()
            .find(|l| l.contains("甲县高新区管理局"))
            .unwrap();
        assert!(line.contains("2025-03-31") && line.contains(gov), "{line}");
        // The unit's page says it too; once its text declares its own
        // 机关类型, that comes first.
        let unit = login(server.port, "bm001", &password_of(&dir, "bm001")).unwrap();
        let id = unit.reports()[0]["id"].as_i64().unwrap();
        let (s, page) = unit.get(&format!("/report?f={id}"));
        assert_eq!(s, 200);
        assert!(page.contains("截止 2025-03-31") && page.contains(gov));
        let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples/zibo-zhangdian-traffic-2024.yaml");
        let text = std::fs::read_to_string(example).unwrap();
        let own = text.replacen("年度: 2024\n", "年度: 2024\n机关类型: 部门\n", 1);
        let target = format!("/api/start?f={id}&name=2024.yaml");
        let (s, b) = unit.upload(&target, own.as_bytes(), true);
        assert_eq!(s, 200, "{b}");
        let (_, page) = unit.get(&format!("/report?f={id}"));
        assert!(
            page.contains("截止 2025-01-31") && page.contains("部门的截止日期，按报告中的机关类型"),
            "{}",
            page.slice_from(page.find("id=\"due\"").unwrap_or(0))
                .slice_to(400)
        );
    }
    // The next year's roster declares the office a government now; a blank
    // cell keeps what was declared; a unit added takes its own.
    std::fs::write(
        dir.path("名单2025.csv"),
        "单位名称,所属区县,机关类型\n\
         甲县高新区管理局,某市/甲县,\n\
         甲县人民政府办公室,某市/甲县,人民政府办公室\n\
         甲县教育局,某市/甲县,部门\n\
         甲县某某街道办事处,某市/甲县,政府\n",
    )
    .unwrap();
    let out = common::run(
        common::nianbao()
            .args(["server", "new-year"])
            .arg(&store)
            .arg("--roster")
            .arg(dir.path("名单2025.csv"))
            .args(["--year", "2025"]),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let server = start(&store);
    let office = login(server.port, "审核", &password).unwrap();
    let due: Vec<(String, String)> = deadlines(&office)
        .into_iter()
        .map(|(unit, due, _)| (unit, due))
        .collect();
    assert_eq!(
        due,
        [
            ("甲县人民政府办公室".into(), "2026-03-31".into()),
            ("甲县教育局".into(), "2026-01-31".into()),
            // A sub-district declared a government reports by January.
            ("甲县某某街道办事处".into(), "2026-01-31".into()),
            ("甲县高新区管理局".into(), "2026-03-31".into()),
        ]
    );
}

#[test]
fn a_roster_with_a_kind_that_is_neither_is_refused_naming_its_row() {
    let dir = TempDir::new("kinds-bad");
    std::fs::write(
        dir.path("名单.csv"),
        "单位名称,机关类型\n甲县教育局,部门\n甲县某局,事业单位\n",
    )
    .unwrap();
    let out = common::run(
        common::nianbao()
            .args(["server", "init"])
            .arg(dir.path("s"))
            .arg("--roster")
            .arg(dir.path("名单.csv")),
    );
    assert_ne!(out.code, 0);
    assert!(
        out.stderr.contains("第 3 行") && out.stderr.contains("机关类型“事业单位”"),
        "{}",
        out.stderr
    );
    assert!(!dir.path("s").join("初始密码.csv").exists());
}

#[test]
fn the_hierarchy_check_holds_the_unit_the_roster_declares_a_government() {
    let (dir, password) = init_kinds_on(
        "单位名称,机关类型\n某县高新区管理局,政府\n某县人民政府办公室,部门\n某县教育局,\n",
        None,
    );
    let server = start(&dir.path("s"));
    for user in ["bm001", "bm002", "bm003"] {
        let c = login(server.port, user, &password_of(&dir, user)).unwrap();
        fill_and_submit(&c);
    }
    let office = login(server.port, "审核", &password).unwrap();
    let (s, b) = office.get("/api/county");
    assert_eq!(s, 200, "{b}");
    // Not the office named like a government's: the roster says 部门.
    let checks = json(&b)["checks"].as_array().unwrap().clone();
    let units: Vec<&str> = checks.iter().map(|c| c["unit"].as_str().unwrap()).collect();
    assert_eq!(units, ["某县高新区管理局"], "{b}");
    // The reports are checked as the roster declares them too: the
    // government's statement asked of the one declared 政府, not of the
    // office declared 部门.
    let summary = json(&b);
    let flagged: Vec<&str> = summary["audit"]["units"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["problems"].to_string().contains("ASSESSMENT"))
        .map(|u| u["unit"].as_str().unwrap())
        .collect();
    assert_eq!(flagged, ["某县高新区管理局"], "{b}");
    assert_eq!(checks[0]["units"], 2);
}
