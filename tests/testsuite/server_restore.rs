//! A restore that trusts nothing (issue 75.3): a file offered as a backup
//! is restored only when its schema is exactly the server's (no trigger,
//! no view, no extra object), its pages are sound, it has an office
//! account and a version this program knows; a link, a sparse or
//! oversized file is refused before a byte is copied. Every refusal says
//! why in Chinese and changes nothing.

use crate::common;
use crate::server::{init, open_db};

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Runs `nianbao server restore DIR FROM`: (exit code, stdout, stderr).
fn restore(dir: &Path, from: &Path) -> (i32, String, String) {
    let out = common::run(
        common::nianbao()
            .args(["server", "restore"])
            .arg(dir)
            .arg(from),
    );
    (out.code, out.stdout, out.stderr)
}

/// A backup of the store in `dir` taken by the command.
fn backup(dir: &Path) -> PathBuf {
    let out = common::run(common::nianbao().args(["server", "backup"]).arg(dir));
    assert_eq!(out.code, 0, "{}", out.stderr);
    PathBuf::from(out.stdout.trim().strip_prefix("已备份到 ").unwrap())
}

/// A copy of `from` named `name` beside it, changed by `sql`.
fn altered(from: &Path, name: &str, sql: &str) -> PathBuf {
    let to = from.with_file_name(name);
    std::fs::copy(from, &to).unwrap();
    if !sql.is_empty() {
        open_db(&to).execute_batch(sql).unwrap();
    }
    to
}

/// The store's accounts and its files' names in the folder and in 备份/
/// (the lock a restore takes aside).
fn footprint(dir: &Path) -> (i64, Vec<String>) {
    let accounts = open_db(&dir.join("nianbao-server.db"))
        .query_row("SELECT count(*) FROM accounts", [], |r| r.get(0))
        .unwrap();
    let mut names: Vec<String> = [dir.to_path_buf(), dir.join("备份")]
        .iter()
        .flat_map(|d| std::fs::read_dir(d).unwrap())
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with("-wal") && !n.ends_with("-shm") && n != "nianbao-server.lock")
        .collect();
    names.sort();
    (accounts, names)
}

#[test]
fn a_backup_that_is_not_exactly_ours_is_refused_and_changes_nothing() {
    let store = init("2024");
    let dir = store.dir.path("s");
    let good = backup(&dir);
    let mut cases: Vec<(PathBuf, &str)> = vec![
        (
            altered(
                &good,
                "trigger.db",
                "CREATE TRIGGER wipe AFTER INSERT ON audit BEGIN DELETE FROM accounts; END;",
            ),
            "触发器“wipe”",
        ),
        (
            altered(
                &good,
                "view.db",
                "DROP TABLE audit; CREATE VIEW audit AS SELECT 1 AS id, 0 AS at, '' AS who, \
                 '' AS action, '' AS detail;",
            ),
            "“audit”是视图",
        ),
        (
            altered(&good, "empty.db", "DELETE FROM accounts;"),
            "没有任何账号",
        ),
        (
            altered(
                &good,
                "no-office.db",
                "DELETE FROM accounts WHERE role = 'office';",
            ),
            "没有审核账号",
        ),
        (
            altered(&good, "extra.db", "CREATE TABLE notes (x TEXT);"),
            "没有的表“notes”",
        ),
        (
            altered(
                &good,
                "index.db",
                "CREATE INDEX by_hash ON accounts (hash);",
            ),
            "没有的索引“by_hash”",
        ),
        (
            altered(
                &good,
                "column.db",
                "ALTER TABLE reports ADD COLUMN extra TEXT;",
            ),
            "表“reports”的定义",
        ),
        (
            altered(&good, "newer.db", "PRAGMA user_version = 99;"),
            "版本为 99",
        ),
    ];
    // A database with nothing in it at all (a version, no table).
    let blank = dir.join("备份").join("blank.db");
    open_db(&blank)
        .execute_batch("PRAGMA user_version = 6;")
        .unwrap();
    cases.push((blank, "缺少"));
    // A damaged page: the last page overwritten.
    let damaged = altered(&good, "damaged.db", "");
    let len = std::fs::metadata(&damaged).unwrap().len();
    {
        use std::io::{Seek, SeekFrom, Write};
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .open(&damaged)
            .unwrap();
        f.seek(SeekFrom::Start(len - 4096)).unwrap();
        f.write_all(&[0x5a; 4096]).unwrap();
    }
    cases.push((damaged, "不是可用的服务器备份"));
    let before = footprint(&dir);
    for (file, why) in &cases {
        let (code, stdout, stderr) = restore(&dir, file);
        assert_eq!(code, 2, "{}: {stdout}{stderr}", file.display());
        assert!(stderr.contains("不是可用的服务器备份"), "{stderr}");
        assert!(
            stderr.contains(why),
            "{}: want {why}: {stderr}",
            file.display()
        );
        assert_eq!(
            footprint(&dir),
            before,
            "nothing changed by {}",
            file.display()
        );
    }
    // The backup itself restores.
    let (code, stdout, stderr) = restore(&dir, &good);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("已从"), "{stdout}");
}

/// A sparse file of 4 GiB (a backup's header, then a hole) is refused
/// at once, before anything is copied; so are a link and a file over the
/// limit.
#[test]
#[cfg(unix)]
fn a_sparse_huge_file_or_a_link_is_refused_before_anything_is_copied() {
    let store = init("2024");
    let dir = store.dir.path("s");
    let good = backup(&dir);
    let sparse = altered(&good, "sparse.db", "");
    std::fs::OpenOptions::new()
        .write(true)
        .open(&sparse)
        .unwrap()
        .set_len(4 << 30)
        .unwrap();
    let huge = altered(&good, "huge.db", "");
    std::fs::OpenOptions::new()
        .write(true)
        .open(&huge)
        .unwrap()
        .set_len(17 << 30)
        .unwrap();
    let link = dir.join("备份").join("link.db");
    std::os::unix::fs::symlink(&good, &link).unwrap();
    let before = footprint(&dir);
    let started = Instant::now();
    let (code, _, stderr) = restore(&dir, &sparse);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("稀疏文件"), "{stderr}");
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(footprint(&dir), before);
    let (code, _, stderr) = restore(&dir, &huge);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("超过备份的上限"), "{stderr}");
    let (code, _, stderr) = restore(&dir, &link);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("符号链接"), "{stderr}");
    assert_eq!(footprint(&dir), before);
}
