//! The SQLite store: its changes, its migrations, and a file written
//! before the schema had a version (`tests/fixtures/server/schema-0.db`).

use super::migrations::{self, LATEST};
use super::*;

/// A fresh folder for one test.
fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nb-store-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
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

fn entry<'a>(action: &'a str) -> Entry<'a> {
    Entry {
        who: "审核",
        action,
        detail: "",
    }
}

#[test]
fn a_change_on_a_stale_revision_is_refused_and_nothing_is_lost() {
    let dir = folder("stale");
    let store = SqliteStore::open(&db_path(&dir), true).unwrap();
    let seed = Seed {
        accounts: vec![],
        reports: vec![NewReport {
            unit: "某局",
            owner: "bm001",
            year: 2025,
            text: "a",
        }],
        audit: entry("初始化"),
    };
    store.populate(&seed).unwrap();
    let id = store.reports(None).unwrap()[0].id;
    let change = |base, text| Change {
        report: id,
        base,
        base_text: if base == 0 { "a" } else { "b" },
        kind: "save",
        who: "bm001",
        text,
        state: State::Filling,
        errors: 0,
        empty: 0,
        remark: "",
        audit: Some(entry("save")),
    };
    assert_eq!(store.record(&change(0, "b")).unwrap(), 1);
    assert_eq!(store.record(&change(0, "c")), Err(StoreError::Stale));
    let row = store.report(id).unwrap().unwrap();
    assert_eq!((row.text.as_str(), row.revision), ("b", 1));
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
    let _ = std::fs::remove_dir_all(&dir);
}

/// A store with one report of text "a", and its id.
fn one_report(name: &str) -> (PathBuf, SqliteStore, i64) {
    let dir = folder(name);
    let store = SqliteStore::open(&db_path(&dir), true).unwrap();
    let seed = Seed {
        accounts: vec![],
        reports: vec![NewReport {
            unit: "某局",
            owner: "bm001",
            year: 2025,
            text: "a",
        }],
        audit: entry("初始化"),
    };
    store.populate(&seed).unwrap();
    let id = store.reports(None).unwrap()[0].id;
    (dir, store, id)
}

/// A change of report `id` on revision `base`: its base text, text, kind
/// and account.
fn burst_change(id: i64, base: i64, [base_text, text, kind, who]: [&str; 4]) -> Change<'_> {
    Change {
        report: id,
        base,
        base_text,
        kind,
        who,
        text,
        state: State::Filling,
        errors: 0,
        empty: 0,
        remark: "",
        audit: None,
    }
}

#[test]
fn saves_in_a_burst_make_one_revision_and_stale_ones_are_still_refused() {
    let (dir, store, id) = one_report("burst");
    let change =
        |base, base_text, text, kind, who| burst_change(id, base, [base_text, text, kind, who]);
    // 60 keystrokes by one clerk: one revision holding the last text.
    let mut text = "a".to_string();
    for n in 0..60 {
        let next = format!("{text}{n}");
        let row = store.report(id).unwrap().unwrap();
        let number = store
            .record(&burst_change(
                id,
                row.revision,
                [&text, &next, "save", "bm001"],
            ))
            .unwrap();
        assert_eq!(number, 1);
        text = next;
    }
    assert_eq!(store.revisions(id).unwrap().len(), 1);
    assert_eq!(
        store.revision_text(id, 1).unwrap().as_deref(),
        Some(text.as_str())
    );
    // A page still on an older text is refused, though the number is the same.
    assert_eq!(
        store.record(&change(1, "a0", "x", "save", "bm001")),
        Err(StoreError::Stale)
    );
    // A submit is its own revision; the save after it starts a new one.
    assert_eq!(
        store.record(&change(1, &text, &text, "submit", "bm001")),
        Ok(2)
    );
    assert_eq!(store.record(&change(2, &text, "y", "save", "bm001")), Ok(3));
    // Another account's save is its own revision too.
    assert_eq!(store.record(&change(3, "y", "z", "save", "bm002")), Ok(4));
    let kinds: Vec<String> = store
        .revisions(id)
        .unwrap()
        .into_iter()
        .map(|r| r.kind)
        .collect();
    assert_eq!(kinds, ["save", "submit", "save", "save"]);
    // A save long after the latest revision is a new one.
    store
        .conn()
        .execute("UPDATE revisions SET at = at - 61", [])
        .unwrap();
    assert_eq!(store.record(&change(4, "z", "w", "save", "bm002")), Ok(5));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_seed_with_a_duplicate_account_writes_nothing() {
    let dir = folder("duplicate");
    let store = SqliteStore::open(&db_path(&dir), true).unwrap();
    let account = NewAccount {
        user: "bm001",
        unit: "某局",
        role: Role::Department,
        hash: "h",
        region: "",
    };
    let seed = Seed {
        accounts: vec![account, account],
        reports: vec![NewReport {
            unit: "某局",
            owner: "bm001",
            year: 2025,
            text: "a",
        }],
        audit: entry("初始化"),
    };
    let refused = store.populate(&seed).unwrap_err();
    assert!(matches!(refused, StoreError::Duplicate(_)), "{refused:?}");
    assert!(refused.to_string().contains("已存在"), "{refused}");
    assert!(store.account("bm001").unwrap().is_none());
    assert!(store.reports(None).unwrap().is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn remarks_are_bounded_and_refused_on_a_moved_report() {
    let dir = folder("remarks");
    let store = SqliteStore::open(&db_path(&dir), true).unwrap();
    let seed = Seed {
        accounts: vec![],
        reports: vec![NewReport {
            unit: "某局",
            owner: "bm001",
            year: 2025,
            text: "a",
        }],
        audit: entry("初始化"),
    };
    store.populate(&seed).unwrap();
    let remark = Remark {
        id: 0,
        revision: 0,
        path: "总体情况".to_string(),
        para: 1,
        text: "请改".to_string(),
        who: "审核".to_string(),
        at: 0,
    };
    let add = |revision| store.add_remark(1, revision, &remark, 1, &entry("remark"));
    assert_eq!(add(0), Ok(RemarkAdded::Added(1)));
    assert_eq!(add(0), Ok(RemarkAdded::Full));
    assert_eq!(add(5), Err(StoreError::Stale));
    assert_eq!(store.remark_count(1, 0), Ok(1));
    assert!(store.remove_remark(1, 0, 1).unwrap());
    assert_eq!(store.remarks(1, None), Ok(vec![]));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_fresh_store_is_at_the_latest_version() {
    let dir = folder("fresh");
    let db = db_path(&dir);
    drop(SqliteStore::open(&db, true).unwrap());
    assert_eq!(user_version(&db), LATEST);
    // Version 1's six entries (tables and index), version 2's six,
    // version 3's four, version 4's index.
    assert_eq!(schema(&db).len(), 17, "{:?}", schema(&db));
    // Opening again changes nothing.
    let before = schema(&db);
    drop(SqliteStore::open(&db, false).unwrap());
    assert_eq!((schema(&db), user_version(&db)), (before, LATEST));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_store_without_a_version_is_version_1_unchanged() {
    let dir = folder("legacy");
    let db = db_path(&dir);
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
    assert_eq!(store.reports(None).unwrap()[0].unit, "某局");
    drop(store);
    // Version 1 as it was, then version 2's migration on top.
    assert_eq!(user_version(&db), LATEST);
    assert_eq!(without_later_versions(&schema(&db)), before);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_store_whose_tables_are_not_the_servers_is_refused() {
    let dir = folder("foreign");
    let db = db_path(&dir);
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
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_store_of_a_newer_version_is_refused_untouched() {
    let dir = folder("newer");
    let db = db_path(&dir);
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
    let _ = std::fs::remove_dir_all(&dir);
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
            sql.replace(", region TEXT NOT NULL DEFAULT ''", "")
                .replace(", digest TEXT", "")
                .replace(
                "\n, retired INTEGER NOT NULL DEFAULT 0, window_start INTEGER NOT NULL DEFAULT 0)",
                "\n)",
            )
            .replace(", owner TEXT NOT NULL DEFAULT ''", "")
        })
        .collect()
}

/// A copy of the file written by the store before versions were recorded.
fn fixture(dir: &Path) -> PathBuf {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/server/schema-0.db");
    let db = db_path(dir);
    std::fs::copy(from, &db).unwrap();
    db
}

#[test]
fn the_file_of_the_store_before_versions_opens_with_every_row() {
    let dir = folder("fixture");
    let db = fixture(&dir);
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
    let _ = std::fs::remove_dir_all(&dir);
}

fn reports_of_the_fixture(store: &SqliteStore) {
    let rows = store.reports(None).unwrap();
    let shown: Vec<_> = rows
        .iter()
        .map(|r| {
            (
                r.id,
                r.unit.as_str(),
                r.year,
                r.state,
                r.revision,
                r.errors,
                r.empty,
                r.remark.as_str(),
                r.changed_at,
                r.changed_by.as_str(),
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
    assert_eq!(store.reports(Some("bm002")).unwrap()[0].unit, "某县财政局");
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
fn failures_count_per_client_and_against_the_account_until_unlocked() {
    let dir = folder("logins");
    let store = SqliteStore::open(&db_path(&dir), true).unwrap();
    let account = NewAccount {
        user: "审核",
        unit: "政务公开办",
        role: Role::Office,
        hash: "h",
        region: "",
    };
    store.add_account(&account, &entry("添加")).unwrap();
    let id = store.account("审核").unwrap().unwrap().id;
    let failed = |client: &str, untrusted| {
        store
            .login_failed(&FailedLogin {
                account: id,
                client,
                untrusted,
                window: 3600,
                audit: entry("登录失败"),
            })
            .unwrap()
    };
    // A hundred clients fail once each: the account's own count is 100.
    for i in 0..100 {
        assert_eq!(
            failed(&format!("addr:10.0.{}.{}", i / 250, i % 250), true),
            1
        );
    }
    assert_eq!(failed("addr:10.9.9.9", true), 1);
    assert_eq!(failed("addr:10.9.9.9", true), 2);
    // A known device's failures are its own, not the account's.
    assert_eq!(failed("device:abc", false), 1);
    let a = store.account("审核").unwrap().unwrap();
    assert_eq!(a.failures, 102);
    assert!(a.window_start > 0);
    assert_eq!(store.client_failures(id, "addr:10.9.9.9").unwrap().0, 2);
    // A login from a client clears that client only; devices are known by hash.
    store
        .login_succeeded(id, "addr:10.9.9.9", Some("hash-1"), &entry("登录"))
        .unwrap();
    assert_eq!(store.client_failures(id, "addr:10.9.9.9").unwrap(), (0, 0));
    assert_eq!(store.client_failures(id, "device:abc").unwrap().0, 1);
    assert!(store.device_known(id, "hash-1").unwrap());
    assert!(!store.device_known(id, "hash-2").unwrap());
    // Unlocking clears every count.
    store.unlock(id, &entry("解除锁定")).unwrap();
    let a = store.account("审核").unwrap().unwrap();
    assert_eq!((a.failures, a.window_start), (0, 0));
    assert_eq!(store.client_failures(id, "device:abc").unwrap(), (0, 0));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_full_disk_is_a_storage_failure_and_nothing_is_half_written() {
    let dir = folder("full");
    let store = SqliteStore::open(&db_path(&dir), true).unwrap();
    let seed = Seed {
        accounts: vec![],
        reports: vec![NewReport {
            unit: "某局",
            owner: "bm001",
            year: 2025,
            text: "a",
        }],
        audit: entry("初始化"),
    };
    store.populate(&seed).unwrap();
    let id = store.reports(None).unwrap()[0].id;
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
    assert_eq!((row.revision, row.text.as_str()), (0, "a"));
}
