//! Batch build benchmark (issue 18): N variants (default 1,000) of the seed
//! example in 10 folders, built to Markdown, HTML and PDF by one run of the
//! real binary. Target: 1,000 files in at most 20 s on 2 cores.
//!
//! `cargo bench --bench county [-- N]`.

use std::path::Path;
use std::time::Instant;

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(1000);
    let root = std::env::temp_dir().join(format!("nianbao-bench-county-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let input = root.join("in");
    let out = root.join("out");
    let example =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/zibo-zhangdian-traffic-2024.yaml");
    let text = std::fs::read_to_string(&example).expect("example reads");
    for i in 0..n {
        let dir = input.join(format!("片区{}", i % 10));
        std::fs::create_dir_all(&dir).expect("mkdir");
        let body = text.replace(
            "机关: 淄博市公安局交通警察支队张店大队",
            &format!("机关: 张店区第{i}局"),
        );
        std::fs::write(dir.join(format!("单位{i:04}.yaml")), body).expect("write");
    }
    let t = Instant::now();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .arg("build")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .expect("binary runs");
    let secs = t.elapsed().as_secs_f64();
    let written = walk_count(&out);
    println!(
        "county: {n} data files → {written} files (md, html, pdf) in {secs:.2} s ({:.1} ms per file), on {} threads; exit {status}",
        secs * 1000.0 / n as f64,
        std::thread::available_parallelism().map_or(1, |p| p.get())
    );
    let _ = std::fs::remove_dir_all(&root);
}

fn walk_count(dir: &Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |entries| {
        entries
            .flatten()
            .map(|e| {
                let p = e.path();
                if p.is_dir() { walk_count(&p) } else { 1 }
            })
            .sum()
    })
}
