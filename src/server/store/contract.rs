//! The store's contract, tested on every store: the SQLite file always,
//! PostgreSQL (with the `postgres` feature) when a throwaway cluster can be started (skipped with a
//! message otherwise, required under CI; `postgres::test_cluster`). The
//! SQLite store's own tests (its file, its migrations from older files)
//! are in `sqlite::tests`.

use std::path::PathBuf;

#[cfg(feature = "postgres")]
use super::postgres::{PgStore, test_cluster};
use super::*;

/// Runs `check` on a fresh SQLite store and a fresh PostgreSQL one.
fn each(name: &str, check: impl Fn(&dyn Store)) {
    let dir: PathBuf =
        std::env::temp_dir().join(format!("nb-contract-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let sqlite = open(&db_path(&dir), true).unwrap();
    check(sqlite.as_ref());
    drop(sqlite);
    let _ = std::fs::remove_dir_all(&dir);
    #[cfg(feature = "postgres")]
    if let Some(url) = test_cluster::database() {
        let pg = PgStore::open(&url).unwrap();
        assert!(
            pg.server_version.contains("PostgreSQL"),
            "{}",
            pg.server_version
        );
        check(&pg);
    }
}

/// An audit line of the office's account.
pub(super) fn entry<'a>(action: &'a str) -> Entry<'a> {
    Entry {
        who: "审核",
        action,
        detail: "",
    }
}

/// 某局's account `bm001` (hash `h`, no region, no kind declared).
const BM001: NewAccount<'static> = NewAccount {
    user: "bm001",
    unit: "某局",
    role: Role::Department,
    hash: "h",
    region: "",
    agency_kind: "",
};

/// A seed of `accounts` and one report of 2025 (text `a`): 某局's, owned by
/// `bm001`.
fn one_report_seed(accounts: Vec<NewAccount<'_>>) -> Seed<'_> {
    Seed {
        accounts,
        reports: vec![NewReport {
            unit: "某局",
            owner: "bm001",
            year: 2025,
            text: "a",
        }],
        audit: entry("初始化"),
    }
}

/// Seeds `store` with one report of 2025 (text `a`); its id.
pub(super) fn one_report(store: &dyn Store) -> i64 {
    store.populate(&one_report_seed(vec![])).unwrap();
    store.reports(None).unwrap()[0].meta.id
}

/// A change of report `id` made on revision `base`.
pub(super) fn change<'a>(
    id: i64,
    base: i64,
    [base_text, text, kind, who]: [&'a str; 4],
) -> Change<'a> {
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
        audit: Some(entry("save")),
    }
}

#[test]
fn a_stale_change_is_refused_and_a_burst_is_one_revision() {
    each("stale", |store| {
        let id = one_report(store);
        let steps = [
            (0, ["a", "b", "save", "bm001"], Ok(1)),
            (0, ["a", "c", "save", "bm001"], Err(StoreError::Stale)),
            // Same account within the burst: the same revision, new text.
            (1, ["b", "b2", "save", "bm001"], Ok(1)),
            (1, ["b", "x", "save", "bm001"], Err(StoreError::Stale)),
            (1, ["b2", "b2", "submit", "bm001"], Ok(2)),
            (2, ["b2", "z", "save", "bm002"], Ok(3)),
        ];
        for (base, fields, recorded) in steps {
            assert_eq!(
                store.record(&change(id, base, fields)),
                recorded,
                "{fields:?}"
            );
        }
        let row = store.report(id).unwrap().unwrap();
        assert_eq!((row.text.as_str(), row.meta.revision), ("z", 3));
        let kinds: Vec<String> = store
            .revisions(id)
            .unwrap()
            .into_iter()
            .map(|r| r.kind)
            .collect();
        assert_eq!(kinds, ["save", "submit", "save"]);
        assert_eq!(store.revision_text(id, 1).unwrap().as_deref(), Some("b2"));
        assert!(store.reports(Some("别的局")).unwrap().is_empty());
        assert_eq!(store.listing(Some("bm001"), Some(2025)).unwrap().len(), 1);
        assert_eq!(store.reports_of_year(None, 2024).unwrap().len(), 0);
    });
}

#[test]
fn saves_racing_on_one_revision_record_it_once() {
    each("race", |store| {
        let id = one_report(store);
        let texts: Vec<String> = (0..8).map(|n| format!("t{n}")).collect();
        let won = std::thread::scope(|s| {
            let handles: Vec<_> = texts
                .iter()
                .map(|t| s.spawn(move || store.record(&change(id, 0, ["a", t, "save", "bm001"]))))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().is_ok_and(|r| r.is_ok()))
                .filter(|won| *won)
                .count()
        });
        assert_eq!(won, 1);
        assert_eq!(store.revisions(id).unwrap().len(), 1);
    });
}

#[test]
fn a_seed_with_a_duplicate_account_writes_nothing() {
    each("duplicate", |store| {
        let seed = Seed {
            accounts: vec![BM001, BM001],
            reports: vec![],
            audit: entry("初始化"),
        };
        let refused = store.populate(&seed).unwrap_err();
        assert!(matches!(refused, StoreError::Duplicate(_)), "{refused:?}");
        assert!(store.account("bm001").unwrap().is_none());
        assert!(store.accounts().unwrap().is_empty());
    });
}

#[test]
fn remarks_are_bounded_and_refused_on_a_moved_report() {
    each("remarks", |store| {
        let id = one_report(store);
        let remark = Remark {
            id: 0,
            revision: 0,
            path: "总体情况".to_string(),
            para: 1,
            text: "请改".to_string(),
            who: "审核".to_string(),
            at: 0,
        };
        let add = |revision| store.add_remark(id, revision, &remark, 1, &entry("remark"));
        let Ok(RemarkAdded::Added(first)) = add(0) else {
            panic!("first remark refused")
        };
        assert_eq!(add(0), Ok(RemarkAdded::Full));
        assert_eq!(add(5), Err(StoreError::Stale));
        assert_eq!(store.remark_count(id, 0), Ok(1));
        assert_eq!(store.remarks(id, None).unwrap()[0].text, "请改");
        assert!(store.remove_remark(id, 0, first).unwrap());
        assert_eq!(store.remarks(id, None), Ok(vec![]));
    });
}

#[test]
fn failures_count_per_client_and_against_the_account_until_unlocked() {
    each("logins", |store| {
        let account = NewAccount {
            user: "审核",
            unit: "政务公开办",
            role: Role::Office,
            ..BM001
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
        assert_eq!(failed("addr:10.9.9.8", true), 1);
        assert_eq!(failed("addr:10.9.9.9", true), 1);
        assert_eq!(failed("addr:10.9.9.9", true), 2);
        assert_eq!(failed("device:abc", false), 1);
        let a = store.account("审核").unwrap().unwrap();
        assert_eq!(a.failures, 3);
        store
            .login_succeeded(id, "addr:10.9.9.9", Some("hash-1"), &entry("登录"))
            .unwrap();
        store
            .login_succeeded(id, "addr:10.9.9.9", Some("hash-1"), &entry("登录"))
            .unwrap();
        assert_eq!(store.client_failures(id, "addr:10.9.9.9").unwrap(), (0, 0));
        assert_eq!(store.client_failures(id, "device:abc").unwrap().0, 1);
        assert!(store.device_known(id, "hash-1").unwrap());
        assert!(!store.device_known(id, "hash-2").unwrap());
        store.unlock(id, &entry("解除锁定")).unwrap();
        let a = store.account("审核").unwrap().unwrap();
        assert_eq!((a.failures, a.window_start), (0, 0));
        store.set_password(id, "h2", &entry("改密码")).unwrap();
        assert_eq!(store.account("审核").unwrap().unwrap().hash, "h2");
    });
}

#[test]
fn a_round_opens_once_with_renames_and_retirements() {
    each("round", |store| {
        one_report(store);
        store.add_account(&BM001, &entry("添加")).unwrap();
        let id = store.account("bm001").unwrap().unwrap().id;
        let round = NewRound {
            year: 2026,
            who: "审核",
            added: vec![],
            renamed: vec![Renamed {
                account: id,
                unit: "某新局",
                former: "某局",
            }],
            retired: vec![],
            kinds: vec![(id, "政府")],
            reports: vec![RoundReport {
                owner: "bm001",
                unit: "某新局",
                text: "draft",
                errors: 1,
                empty: 2,
            }],
            audit: entry("新年度"),
        };
        store.open_round(&round).unwrap();
        assert!(matches!(
            store.open_round(&round),
            Err(StoreError::Duplicate(_))
        ));
        assert_eq!(store.rounds().unwrap(), [2026, 2025]);
        assert_eq!(
            store.former_names(id).unwrap(),
            [("某局".to_string(), 2025)]
        );
        let new = &store.reports_of_year(Some("bm001"), 2026).unwrap()[0];
        assert_eq!((new.meta.revision, new.meta.errors), (1, Some(1)));
        // The kind the new roster declares is the account's and its new
        // report's; last year's report keeps what it was made with.
        assert_eq!(new.meta.agency_kind, "政府");
        assert_eq!(store.account("bm001").unwrap().unwrap().agency_kind, "政府");
        let old = &store.listing(None, Some(2025)).unwrap()[0];
        assert_eq!(old.agency_kind, "");
        assert_eq!(store.revisions(new.meta.id).unwrap()[0].kind, "carry");
        store
            .fill_counts(&[Counts {
                report: 1,
                errors: 4,
                empty: 5,
            }])
            .unwrap();
    });
}

#[test]
fn sessions_and_address_counts_are_shared_through_the_store() {
    each("sessions", |store| {
        let session = |token: &str, user: &str, last_seen| StoredSession {
            token: token.to_string(),
            user: user.to_string(),
            unit: "某局".to_string(),
            role: Role::Department,
            region: "某市/甲县".to_string(),
            csrf: format!("csrf-{token}"),
            last_seen,
        };
        // Each started with `max` 3 and `idle` an hour.
        let start = |token: &str, user: &str, last_seen| {
            store
                .session_start(&session(token, user, last_seen), 3, 3600)
                .unwrap()
        };
        let at = now();
        start("a", "bm001", at);
        start("b", "bm001", at);
        start("old", "bm002", at - 7200);
        let a = store.session("a", 3600).unwrap().unwrap();
        assert_eq!(
            (a.csrf.as_str(), a.region.as_str()),
            ("csrf-a", "某市/甲县")
        );
        // An idle one is forgotten when asked for.
        assert_eq!(store.session("old", 3600).unwrap(), None);
        // Past the most, the longest idle goes.
        start("c", "bm002", at - 10);
        start("d", "bm002", at);
        start("e", "bm002", at);
        assert_eq!(store.session("c", 3600).unwrap(), None);
        store.sessions_end_user("bm002", "d").unwrap();
        assert!(store.session("d", 3600).unwrap().is_some());
        assert_eq!(store.session("e", 3600).unwrap(), None);
        store.session_end("d").unwrap();
        assert_eq!(store.session("d", 3600).unwrap(), None);
        assert_eq!(store.address_failures("10.0.0.1").unwrap(), (0, 0));
        assert_eq!(store.address_failed("10.0.0.1", 900, 100).unwrap(), 1);
        assert_eq!(store.address_failed("10.0.0.1", 900, 100).unwrap(), 2);
        let (failures, since) = store.address_failures("10.0.0.1").unwrap();
        assert!(failures == 2 && since >= at, "{failures} {since}");
        // A window that ended starts again.
        assert_eq!(store.address_failed("10.0.0.1", 0, 100).unwrap(), 1);
    });
}

#[test]
fn deadlines_steps_and_the_audit_log_read_back_alike() {
    each("oversight", |store| {
        let id = one_report(store);
        assert_eq!(store.deadlines(2025).unwrap(), Deadlines::default());
        let set = Deadlines {
            departments: "2026-02-10".to_string(),
            governments: "2026-03-31".to_string(),
        };
        store
            .set_deadlines(2025, &set, &entry("设定截止日期"))
            .unwrap();
        assert_eq!(store.deadlines(2025).unwrap(), set);
        // A second setting updates the round's row, not a second one.
        let later = Deadlines {
            departments: "2026-02-20".to_string(),
            ..set
        };
        store
            .set_deadlines(2025, &later, &entry("设定截止日期"))
            .unwrap();
        assert_eq!(store.deadlines(2025).unwrap(), later);
        store
            .record(&change(id, 0, ["a", "b", "submit", "bm001"]))
            .unwrap();
        let steps = store.steps(2025).unwrap();
        assert_eq!(steps.len(), 1, "{steps:?}");
        assert_eq!((steps[0].report, steps[0].kind.as_str()), (id, "submit"));
        let all = AuditFilter {
            who: "",
            actions: &[],
            unit: "",
            limit: 100,
        };
        let lines = store.audit_log(&all).unwrap();
        assert!(lines.len() >= 3, "{lines:?}");
        assert!(lines.windows(2).all(|w| w[0].id > w[1].id), "newest first");
        let set_only = AuditFilter {
            actions: &["设定截止日期"],
            limit: 1,
            ..all
        };
        let one = store.audit_log(&set_only).unwrap();
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].action, "设定截止日期");
        let nobody = AuditFilter {
            who: "没有这个账号",
            ..all
        };
        assert!(store.audit_log(&nobody).unwrap().is_empty());
    });
}

#[test]
fn a_report_takes_its_accounts_region_and_a_change_clears_its_digest() {
    each("region", |store| {
        let seed = one_report_seed(vec![NewAccount {
            region: "某市/甲县",
            agency_kind: "政府",
            ..BM001
        }]);
        store.populate(&seed).unwrap();
        let meta = &store.listing(None, None).unwrap()[0];
        assert_eq!(meta.region, "某市/甲县");
        assert_eq!(store.account("bm001").unwrap().unwrap().region, "某市/甲县");
        // So does what the roster declares its unit to be.
        assert_eq!(meta.agency_kind, "政府");
        assert!(meta.declared().is_some());
        assert_eq!(
            store.report(meta.id).unwrap().unwrap().meta.agency_kind,
            "政府"
        );
        assert_eq!(store.account("bm001").unwrap().unwrap().agency_kind, "政府");
        // A digest is kept for the text it was made from only.
        assert!(!store.set_digest(meta.id, "b", "{}").unwrap());
        assert!(store.digests(&[meta.id]).unwrap().is_empty());
        assert!(store.set_digest(meta.id, "a", "{}").unwrap());
        assert_eq!(
            store.digests(&[meta.id, 99]).unwrap(),
            [(meta.id, "{}".to_string())]
        );
        // More ids than one statement asks for.
        let many: Vec<i64> = (1000..2200).chain([meta.id]).collect();
        assert_eq!(store.digests(&many).unwrap().len(), 1);
        let change = Change {
            report: meta.id,
            base: 0,
            base_text: "a",
            kind: "save",
            who: "bm001",
            text: "b",
            state: State::Filling,
            errors: 0,
            empty: 0,
            remark: "",
            audit: None,
        };
        store.record(&change).unwrap();
        assert!(store.digests(&[meta.id]).unwrap().is_empty());
    });
}
