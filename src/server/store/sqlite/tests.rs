//! The SQLite store: its changes, its migrations, and a file written
//! before the schema had a version (`tests/fixtures/server/schema-0.db`).

use super::migrations::{self, LATEST};
use super::*;
use crate::server::store::contract::{change, one_report};
use crate::server::store::{Change, Remark, Role, State, Store};
use crate::testutil::TempDir;

/// A fresh folder for one test (removed after it), and the store's file
/// in it.
fn store_file(name: &str) -> (TempDir, PathBuf) {
    let dir = TempDir::new(&format!("store-{name}"));
    let db = db_path(&dir.0);
    (dir, db)
}

/// The schema's statements as SQLite keeps them.
fn schema(path: &Path) -> Vec<String> {
    let conn = Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn user_version(path: &Path) -> i64 {
    migrations::version(&Connection::open(path).unwrap()).unwrap()
}

#[test]
fn a_change_on_a_stale_revision_is_refused_and_nothing_is_lost() {
    let (_dir, db) = store_file("stale");
    let store = SqliteStore::open(&db, true).unwrap();
    let id = one_report(&store);
    let save = |text| change(id, 0, ["a", text, "save", "bm001"]);
    assert_eq!(store.record(&save("b")).unwrap(), 1);
    assert_eq!(store.record(&save("c")), Err(StoreError::Stale));
    let row = store.report(id).unwrap().unwrap();
    assert_eq!((row.text.as_str(), row.meta.revision), ("b", 1));
    assert_eq!(store.revisions(id).unwrap().len(), 1);
    assert!(store.reports(Some("别的局")).unwrap().is_empty());
    // The refused change wrote no audit line either.
    let conn = store.conn();
    let lines: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM audit WHERE action = 'save'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(lines, 1);
    drop(conn);
}

#[test]
fn a_fresh_store_is_at_the_latest_version() {
    let (_dir, db) = store_file("fresh");
    drop(SqliteStore::open(&db, true).unwrap());
    assert_eq!(user_version(&db), LATEST);
    // Version 1's six entries (tables and index), version 2's six,
    // version 3's four, version 4's index.
    assert_eq!(schema(&db).len(), 17, "{:?}", schema(&db));
    // Opening again changes nothing.
    let before = schema(&db);
    drop(SqliteStore::open(&db, false).unwrap());
    assert_eq!((schema(&db), user_version(&db)), (before, LATEST));
}

#[test]
fn a_store_without_a_version_is_version_1_unchanged() {
    let (_dir, db) = store_file("legacy");
    {
        // As the store made it before versions were recorded.
        let conn = Connection::open(&db).unwrap();
        conn.execute_batch(migrations::MIGRATIONS[0].sql).unwrap();
        conn.execute(
            "INSERT INTO reports (unit, year, state, text) VALUES ('某局', 2024, 'new', 'x')",
            [],
        )
        .unwrap();
    }
    let before = schema(&db);
    assert_eq!(user_version(&db), 0);
    let store = SqliteStore::open(&db, false).unwrap();
    assert_eq!(store.reports(None).unwrap()[0].meta.unit, "某局");
    drop(store);
    // Version 1 as it was, then version 2's migration on top.
    assert_eq!(user_version(&db), LATEST);
    assert_eq!(without_later_versions(&schema(&db)), before);
}

#[test]
fn a_store_whose_tables_are_not_the_servers_is_refused() {
    let (_dir, db) = store_file("foreign");
    Connection::open(&db)
        .unwrap()
        .execute_batch("CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT);")
        .unwrap();
    let refused = SqliteStore::open(&db, false).unwrap_err();
    assert!(matches!(refused, StoreError::Corrupt(_)), "{refused:?}");
    assert!(refused.to_string().contains("accounts"), "{refused}");
    // The failed migration was rolled back whole.
    assert_eq!(user_version(&db), 0);
    assert_eq!(schema(&db).len(), 1);
}

#[test]
fn a_store_of_a_newer_version_is_refused_untouched() {
    let (_dir, db) = store_file("newer");
    drop(SqliteStore::open(&db, true).unwrap());
    Connection::open(&db)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let before = schema(&db);
    let refused = SqliteStore::open(&db, false).unwrap_err();
    assert_eq!(
        refused,
        StoreError::TooNew {
            found: 99,
            newest: LATEST
        }
    );
    let message = refused.to_string();
    assert!(
        message.contains("版本为 99") && message.contains(&format!("只支持到版本 {LATEST}")),
        "{message}"
    );
    assert_eq!((schema(&db), user_version(&db)), (before, 99));
}

/// `schema` as it was at version 1: the tables and indexes of later
/// versions left out and their added columns taken off.
fn without_later_versions(schema: &[String]) -> Vec<String> {
    let added = [
        "client_failures",
        "devices",
        "former_names",
        "rounds",
        "reports_of_owner",
        "sessions",
        "sessions_of",
        "sessions_seen",
        "address_failures",
        "reports_of_region",
    ];
    schema
        .iter()
        .filter(|sql| !added.iter().any(|t| sql.contains(&format!(" {t} "))))
        .map(|sql| {
            sql.replace(", agency_kind TEXT NOT NULL DEFAULT ''", "")
                .replace(", region TEXT NOT NULL DEFAULT ''", "")
                .replace(", digest TEXT", "")
                .replace(
                "\n, retired INTEGER NOT NULL DEFAULT 0, window_start INTEGER NOT NULL DEFAULT 0)",
                "\n)",
            )
            .replace(", owner TEXT NOT NULL DEFAULT ''", "")
        })
        .collect()
}

/// Copies the file written by the store before versions were recorded to
/// `db`.
fn fixture(db: &Path) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/server/schema-0.db");
    std::fs::copy(from, db).unwrap();
}

#[test]
fn the_file_of_the_store_before_versions_opens_with_every_row() {
    let (_dir, db) = store_file("fixture");
    fixture(&db);
    let before = schema(&db);
    assert_eq!(user_version(&db), 0);
    let store = SqliteStore::open(&db, false).unwrap();
    let accounts: Vec<(i64, String, String, Role, i64, i64)> = ["审核", "bm001", "bm002"]
        .iter()
        .map(|u| {
            let a = store.account(u).unwrap().unwrap();
            assert!(a.hash.starts_with("$argon2id$"), "{}", a.hash);
            (a.id, a.user, a.unit, a.role, a.failures, a.locked_until)
        })
        .collect();
    let s = String::from;
    assert_eq!(
        accounts,
        [
            (1, s("审核"), s("政务公开办"), Role::Office, 0, 0),
            (2, s("bm001"), s("某县教育局"), Role::Department, 0, 0),
            (3, s("bm002"), s("某县财政局"), Role::Department, 1, 0),
        ]
    );
    assert!(store.account("bm003").unwrap().is_none());
    reports_of_the_fixture(&store);
    revisions_of_the_fixture(&store);
    remarks_of_the_fixture(&store);
    drop(store);
    assert_eq!(user_version(&db), LATEST);
    assert_eq!(without_later_versions(&schema(&db)), before);
}

fn reports_of_the_fixture(store: &SqliteStore) {
    let rows = store.reports(None).unwrap();
    let shown: Vec<_> = rows
        .iter()
        .map(|r| {
            (
                r.meta.id,
                r.meta.unit.as_str(),
                r.meta.year,
                r.meta.state,
                r.meta.revision,
                r.meta.errors,
                r.meta.empty,
                r.meta.remark.as_str(),
                r.meta.changed_at,
                r.meta.changed_by.as_str(),
                r.text.chars().count(),
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            (
                1,
                "某县教育局",
                2024,
                State::Returned,
                4,
                Some(0),
                Some(0),
                "请按报告中的 2 条审核意见修改",
                1_795_623_500,
                "审核",
                6006
            ),
            (
                2,
                "某县财政局",
                2024,
                State::New,
                0,
                Some(38),
                Some(169),
                "",
                0,
                "",
                4964
            ),
        ]
    );
    assert!(
        rows[0].text.contains("电话: \"2139070\""),
        "{}",
        rows[0].text
    );
    // Each report found its owner by its unit's name (migration 2).
    assert_eq!(store.reports(Some("bm002")).unwrap().len(), 1);
    assert_eq!(
        store.reports(Some("bm002")).unwrap()[0].meta.unit,
        "某县财政局"
    );
    assert_eq!(store.rounds().unwrap(), [2024]);
}

fn revisions_of_the_fixture(store: &SqliteStore) {
    let shown: Vec<(i64, String, String, i64, String)> = store
        .revisions(1)
        .unwrap()
        .into_iter()
        .map(|r| (r.revision, r.kind, r.who, r.at, r.remark))
        .collect();
    let s = String::from;
    let returned = s("请按报告中的 2 条审核意见修改");
    assert_eq!(
        shown,
        [
            (1, s("save"), s("bm001"), 1_795_623_499, s("")),
            (2, s("save"), s("bm001"), 1_795_623_500, s("")),
            (3, s("submit"), s("bm001"), 1_795_623_500, s("")),
            (4, s("return"), s("审核"), 1_795_623_500, returned),
        ]
    );
    let lengths: Vec<usize> = (1..=4)
        .map(|n| store.revision_text(1, n).unwrap().unwrap().chars().count())
        .collect();
    assert_eq!(lengths, [4981, 6006, 6006, 6006]);
    assert_eq!(
        store.revision_text(1, 4).unwrap(),
        Some(store.report(1).unwrap().unwrap().text)
    );
    assert!(store.revisions(2).unwrap().is_empty());
}

fn remarks_of_the_fixture(store: &SqliteStore) {
    let remark = |id, path: &str, para, text: &str| Remark {
        id,
        revision: 3,
        path: path.to_string(),
        para,
        text: text.to_string(),
        who: "审核".to_string(),
        at: 1_795_623_500,
    };
    let both = vec![
        remark(1, "联系方式.电话", 0, "请写区号"),
        remark(2, "总体情况", 2, "第二段请写数字"),
    ];
    assert_eq!(store.remarks(1, None).unwrap(), both);
    assert_eq!(store.remarks(1, Some(3)).unwrap(), both);
    assert_eq!(store.remark_count(1, 3).unwrap(), 2);
    assert_eq!(store.remark_count(1, 4).unwrap(), 0);
}

#[test]
fn a_full_disk_is_a_storage_failure_and_nothing_is_half_written() {
    let (_dir, db) = store_file("full");
    let store = SqliteStore::open(&db, true).unwrap();
    let id = one_report(&store);
    // The database may grow no more: SQLite answers as on a full disk.
    let pages: i64 = store
        .conn()
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    let _: i64 = store
        .conn()
        .query_row(&format!("PRAGMA max_page_count = {pages}"), [], |r| {
            r.get(0)
        })
        .unwrap();
    let big = "x".repeat(256 * 1024);
    let refused = store.record(&Change {
        report: id,
        base: 0,
        base_text: "a",
        kind: "save",
        who: "bm001",
        text: &big,
        state: State::Filling,
        errors: 0,
        empty: 0,
        remark: "",
        audit: None,
    });
    match refused {
        Err(StoreError::Storage(Storage::Full, detail)) => {
            assert!(detail.contains("full"), "{detail}")
        }
        other => panic!("{other:?}"),
    }
    let row = store.report(id).unwrap().unwrap();
    assert_eq!((row.meta.revision, row.text.as_str()), (0, "a"));
}
