//! PDF build benchmark: renders the seed example N times (default 10) and
//! prints the time per build, peak memory and file size. Also writes the
//! PDF to `$TMPDIR/nianbao-bench.pdf` for looking at.
//!
//! `cargo bench --bench pdf [-- N]`. Uses the faces compiled into the
//! binary (feature `embed-fonts`). Whole-process figures on the benchmark
//! report: `cargo bench --bench report2500` (docs/benchmark.md).

use std::path::Path;
use std::time::Instant;

use nianbao::render::{document, pdf};

fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(10);
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/zibo-zhangdian-traffic-2024.yaml");
    let checked = nianbao::check::check_path(&path, None).expect("example loads");
    let report = checked.report.expect("example is a report");
    let doc = document::build(&report, None);
    let opts = pdf::PdfOptions::default();
    let mut times = Vec::with_capacity(n);
    let mut bytes = Vec::new();
    for _ in 0..n {
        let t = Instant::now();
        bytes = pdf::render(&doc, &opts).expect("renders");
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(|a, b| a.total_cmp(b));
    let mean = times.iter().sum::<f64>() / n as f64;
    let out = std::env::temp_dir().join("nianbao-bench.pdf");
    std::fs::write(&out, &bytes).expect("writes the PDF");
    println!("pdf: {n} builds of {}", path.display());
    println!(
        "  time per build: mean {mean:.1} ms, median {:.1} ms, min {:.1} ms, max {:.1} ms",
        times[n / 2],
        times[0],
        times[n - 1]
    );
    match peak_rss_kb() {
        Some(kb) => println!("  peak memory (VmHWM): {:.1} MB", kb as f64 / 1024.0),
        None => println!("  peak memory: unknown (no /proc/self/status)"),
    }
    println!(
        "  file size: {} bytes ({:.1} KB)",
        bytes.len(),
        bytes.len() as f64 / 1024.0
    );
    println!("  written to {}", out.display());
}
