//! The release archive (`scripts/dist.sh`) and the licence listing of
//! `nianbao --version`. No release build here: the script packages a stand-in
//! binary (`--bin`), which checks everything but the compiler.

use crate::common;

use std::path::Path;
use std::process::Command;

use common::{TempDir, nianbao, run};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn have(program: &str, arg: &str) -> bool {
    Command::new(program)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn dist_script_is_valid_shell() {
    if !have("bash", "--version") {
        eprintln!("跳过：没有 bash");
        return;
    }
    let out = run(Command::new("bash")
        .arg("-n")
        .arg(Path::new(ROOT).join("scripts/dist.sh")));
    assert_eq!(out.code, 0, "{}", out.stderr);
}

/// Runs the script on a stand-in binary into `out`.
fn dist(out: &Path, bin: &Path, target: &str) -> common::Output {
    dist_with(out, bin, target, &[])
}

/// Runs the script on a stand-in binary into `out`, with `extra` arguments.
fn dist_with(out: &Path, bin: &Path, target: &str, extra: &[&str]) -> common::Output {
    run(Command::new("bash")
        .arg(Path::new(ROOT).join("scripts/dist.sh"))
        .args(extra)
        .arg("--bin")
        .arg(bin)
        .arg("--out")
        .arg(out)
        .arg("--target")
        .arg(target)
        .arg("--allow-dirty")
        .env("SOURCE_DATE_EPOCH", "1795400000"))
}

#[test]
fn release_archive_has_the_licences_and_is_reproducible() {
    let gnu_tar = Command::new("tar")
        .arg("--version")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("GNU tar"));
    let in_git = Command::new("git")
        .args(["rev-parse", "--is-inside-work-tree"])
        .current_dir(ROOT)
        .output()
        .is_ok_and(|o| o.status.success());
    if !gnu_tar || !in_git || !have("sha256sum", "--version") || !have("gzip", "--version") {
        eprintln!("跳过发行包测试：需要 GNU tar、gzip、sha256sum，并在 git 工作区中运行");
        return;
    }
    let tmp = TempDir::new("dist");
    let bin = tmp.path("stand-in");
    std::fs::write(&bin, "#!/bin/sh\necho nianbao\n").unwrap();
    let target = "x86_64-unknown-linux-gnu";
    let first = dist(&tmp.path("a"), &bin, target);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let second = dist(&tmp.path("b"), &bin, target);
    assert_eq!(second.code, 0, "{}", second.stderr);

    let version = env!("CARGO_PKG_VERSION");
    let name = format!("nianbao-{version}-{target}");
    let archive = format!("{name}.tar.gz");
    let a = std::fs::read(tmp.path("a").join(&archive)).unwrap();
    let b = std::fs::read(tmp.path("b").join(&archive)).unwrap();
    assert!(a == b, "two runs gave different archives");
    let sums = std::fs::read_to_string(tmp.path("a").join("SHA256SUMS")).unwrap();
    assert!(sums.contains(&archive) && sums.contains(&format!("nianbao-{version}-src.tar.gz")));

    // Listing: sorted, owner 0, the fixed time, and every file a user and a
    // licence need.
    let listing = run(Command::new("tar")
        .args(["--numeric-owner", "--full-time", "-tvzf"])
        .arg(tmp.path("a").join(&archive)));
    assert_eq!(listing.code, 0, "{}", listing.stderr);
    let names: Vec<&str> = listing
        .stdout
        .lines()
        .map(|l| l.split_whitespace().last().unwrap())
        .collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(names, sorted, "entries are not sorted");
    for line in listing.stdout.lines() {
        assert!(line.contains(" 0/0 "), "owner not 0: {line}");
    }
    for file in [
        "nianbao",
        "README.md",
        "README.en.md",
        "LICENSE-MIT",
        "LICENSE-APACHE",
        "SOURCE.txt",
        "THIRD-PARTY-LICENSES.txt",
        "SHA256SUMS",
        "fonts/README.md",
        "fonts/LICENSE-FandolFang.txt",
        "fonts/OFL-NotoCJK.txt",
        "fonts/OFL-WenKaiGB.txt",
        "examples/zibo-zhangdian-traffic-2024.yaml",
        "docs/data-format.md",
    ] {
        let entry = format!("{name}/{file}");
        assert!(names.contains(&entry.as_str()), "missing {entry}");
    }
    assert!(
        listing
            .stdout
            .lines()
            .any(|l| l.starts_with("-rwxr-xr-x") && l.ends_with(&format!("{name}/nianbao"))),
        "binary not executable"
    );

    // The checksums inside the archive hold.
    let x = tmp.path("x");
    std::fs::create_dir_all(&x).unwrap();
    let untar = run(Command::new("tar")
        .arg("-xzf")
        .arg(tmp.path("a").join(&archive))
        .arg("-C")
        .arg(&x));
    assert_eq!(untar.code, 0, "{}", untar.stderr);
    let check = run(Command::new("sha256sum")
        .args(["--quiet", "-c", "SHA256SUMS"])
        .current_dir(x.join(&name)));
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    let source = std::fs::read_to_string(x.join(&name).join("SOURCE.txt")).unwrap();
    assert!(source.contains("FandolFang") && source.contains("build-fonts.sh"));
    let third = std::fs::read_to_string(x.join(&name).join("THIRD-PARTY-LICENSES.txt")).unwrap();
    assert!(third.contains("pdf-writer") && third.contains("Permission is hereby granted"));
    // The clerk's archive: no database client, no async runtime (issue 76).
    let listed =
        |text: &str, krate: &str| text.lines().any(|l| l.starts_with(&format!("{krate} ")));
    assert!(!listed(&third, "tokio") && !listed(&third, "postgres"));
    server_archive_lists_the_postgres_client(&tmp, &bin, target);
}

/// `--server`: the county server's archive, named `nianbao-server-…`,
/// lists the PostgreSQL client and tokio it is built with.
fn server_archive_lists_the_postgres_client(tmp: &TempDir, bin: &Path, target: &str) {
    let out = dist_with(&tmp.path("server"), bin, target, &["--server"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let name = format!("nianbao-server-{}-{target}", env!("CARGO_PKG_VERSION"));
    let x = tmp.path("server-x");
    std::fs::create_dir_all(&x).unwrap();
    let untar = run(Command::new("tar")
        .arg("-xzf")
        .arg(tmp.path("server").join(format!("{name}.tar.gz")))
        .arg("-C")
        .arg(&x));
    assert_eq!(untar.code, 0, "{}", untar.stderr);
    let third = std::fs::read_to_string(x.join(&name).join("THIRD-PARTY-LICENSES.txt")).unwrap();
    for krate in ["postgres", "tokio"] {
        assert!(
            third.lines().any(|l| l.starts_with(&format!("{krate} "))),
            "{krate} not listed"
        );
    }
    let source = std::fs::read_to_string(x.join(&name).join("SOURCE.txt")).unwrap();
    assert!(source.starts_with("nianbao-server ") && source.contains("PostgreSQL"));
}

#[test]
fn version_lists_the_licences() {
    let out = run(nianbao().arg("--version"));
    assert_eq!(out.code, 0);
    assert!(
        out.stdout
            .starts_with(&format!("nianbao {}", env!("CARGO_PKG_VERSION")))
    );
    assert!(out.stdout.contains("MIT OR Apache-2.0"), "{}", out.stdout);
    if cfg!(feature = "embed-fonts") {
        for needle in [
            "FandolFang",
            "GPL v3 + 字体例外",
            "SIL OFL 1.1",
            "build-fonts.sh",
        ] {
            assert!(out.stdout.contains(needle), "{needle}: {}", out.stdout);
        }
    }
    // -V stays one line.
    let short = run(nianbao().arg("-V"));
    assert_eq!(short.stdout.lines().count(), 1, "{}", short.stdout);
}
