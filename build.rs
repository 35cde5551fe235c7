//! Records what `nianbao --version` prints besides the version: the target
//! the binary was built for and, when `scripts/dist.sh` gives it in
//! `NIANBAO_COMMIT`, the commit. Runs no git: a plain `cargo build` of a
//! source archive works without it.

fn main() {
    println!("cargo:rerun-if-env-changed=NIANBAO_COMMIT");
    println!("cargo:rerun-if-changed=build.rs");
    let target = std::env::var("TARGET").unwrap_or_default();
    let commit = std::env::var("NIANBAO_COMMIT")
        .ok()
        .filter(|c| !c.is_empty() && c.len() <= 64 && c.bytes().all(|b| b.is_ascii_hexdigit()))
        .unwrap_or_else(|| "未记录（不是由 scripts/dist.sh 构建的）".to_string());
    println!("cargo:rustc-env=NIANBAO_BUILD_TARGET={target}");
    println!("cargo:rustc-env=NIANBAO_BUILD_COMMIT={commit}");
}
