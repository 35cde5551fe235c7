//! Whole-process benchmark on the benchmark report (issue 15): runs the
//! release binary `nianbao build benches/report-2500.yaml --format
//! md,html,pdf` N times (default 5) after one warm-up and prints the median
//! wall time, the peak resident memory of the process, and the sizes of
//! what it wrote (PDF bytes and pages).
//!
//! `cargo bench --bench report2500 [-- N] [-- --format pdf] [-- --report FILE]`.
//! How to read and quote the figures: docs/benchmark.md.
//!
//! Wall time is measured here around spawn-and-wait. Peak RSS comes from
//! separate runs under GNU time (`/usr/bin/time -f %M`, the kernel's
//! ru_maxrss of the child), so the timed runs carry no wrapper; without
//! GNU time the peak is sampled from `/proc/PID/status` (VmHWM) while the
//! process runs, which can miss the last moments (said in the output).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const GNU_TIME: &str = "/usr/bin/time";

struct Args {
    runs: usize,
    format: String,
    report: PathBuf,
}

fn args() -> Args {
    let mut a = Args {
        runs: 5,
        format: "md,html,pdf".to_string(),
        report: Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/report-2500.yaml"),
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--format" => a.format = it.next().expect("--format needs a value"),
            "--report" => a.report = PathBuf::from(it.next().expect("--report needs a file")),
            // `cargo bench` passes --bench to every bench target.
            "--bench" => {}
            other => {
                if let Ok(n) = other.parse::<usize>() {
                    a.runs = n.max(1);
                }
            }
        }
    }
    a
}

fn build_command(bin: &str, report: &Path, out: &Path, format: &str) -> Command {
    let mut cmd = Command::new(bin);
    cmd.arg("build")
        .arg(report)
        .arg("-o")
        .arg(out)
        .arg("--format")
        .arg(format)
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    cmd
}

/// One timed run: wall time of spawn to exit.
fn timed_run(bin: &str, report: &Path, out: &Path, format: &str) -> Duration {
    let t = Instant::now();
    let status = build_command(bin, report, out, format)
        .status()
        .expect("the binary runs");
    let elapsed = t.elapsed();
    assert!(status.success(), "nianbao build failed: {status}");
    elapsed
}

/// One run for the peak RSS in KiB, and how it was measured.
fn rss_run(bin: &str, report: &Path, out: &Path, format: &str) -> (u64, &'static str) {
    if Path::new(GNU_TIME).exists() {
        let file = out.join("time.txt");
        let inner = build_command(bin, report, out, format);
        let status = Command::new(GNU_TIME)
            .arg("-f")
            .arg("%M")
            .arg("-o")
            .arg(&file)
            .arg(inner.get_program())
            .args(inner.get_args())
            .env("NO_COLOR", "1")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .expect("GNU time runs");
        assert!(
            status.success(),
            "nianbao build under time failed: {status}"
        );
        let text = std::fs::read_to_string(&file).expect("time wrote its output");
        let kib = text
            .lines()
            .rev()
            .find_map(|l| l.trim().parse().ok())
            .expect("time printed %M");
        let _ = std::fs::remove_file(&file);
        (kib, "GNU time %M (ru_maxrss)")
    } else {
        let mut child = build_command(bin, report, out, format)
            .spawn()
            .expect("the binary runs");
        let status_file = format!("/proc/{}/status", child.id());
        let mut peak = 0;
        loop {
            if let Ok(s) = std::fs::read_to_string(&status_file)
                && let Some(kb) = s
                    .lines()
                    .find_map(|l| l.strip_prefix("VmHWM:"))
                    .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            {
                peak = peak.max(kb);
            }
            if child.try_wait().expect("wait").is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        (peak, "VmHWM sampled every 1 ms (may miss the end)")
    }
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("model name"))
                .map(|v| v.trim_start_matches([' ', '\t', ':']).trim().to_string())
        })
        .unwrap_or_else(|| std::env::consts::ARCH.to_string());
    let cores = std::thread::available_parallelism().map_or(1, |p| p.get());
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("MemTotal:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        })
        .map_or(String::new(), |kb| {
            format!(", {:.0} GiB RAM", kb as f64 / 1024.0 / 1024.0)
        });
    format!(
        "{cpu}, {cores} cores available{mem}, {}",
        std::env::consts::OS
    )
}

fn size(path: &Path) -> Option<u64> {
    std::fs::metadata(path).ok().map(|m| m.len())
}

fn group(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn main() {
    let a = args();
    let bin = env!("CARGO_BIN_EXE_nianbao");
    if !a.report.exists() {
        println!(
            "report2500: {} not found; nothing measured",
            a.report.display()
        );
        return;
    }
    let out = std::env::temp_dir().join(format!("nianbao-bench-2500-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).expect("creates the output folder");

    // Warm-up: page cache for the binary and the report.
    timed_run(bin, &a.report, &out, &a.format);
    let mut walls: Vec<f64> = (0..a.runs)
        .map(|_| timed_run(bin, &a.report, &out, &a.format).as_secs_f64() * 1000.0)
        .collect();
    let mut rss = Vec::with_capacity(a.runs);
    let mut how = "";
    for _ in 0..a.runs {
        let (kib, h) = rss_run(bin, &a.report, &out, &a.format);
        rss.push(kib as f64);
        how = h;
    }
    let (min, max) = (
        walls.iter().copied().fold(f64::INFINITY, f64::min),
        walls.iter().copied().fold(0.0, f64::max),
    );
    let wall = median(&mut walls);
    let rss_max = rss.iter().copied().fold(0.0, f64::max);
    let rss_med = median(&mut rss);

    let stem = a
        .report
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let pdf = out.join(format!("{stem}.pdf"));
    let pdf_bytes = size(&pdf);
    let pages = pdf_bytes.and_then(|_| {
        let bytes = std::fs::read(&pdf).ok()?;
        hayro_syntax::Pdf::new(bytes).ok().map(|d| d.pages().len())
    });

    println!(
        "report2500: nianbao build {} --format {} (whole process)",
        a.report.display(),
        a.format
    );
    println!(
        "  binary:   {} ({:.1} MB)",
        bin,
        size(Path::new(bin)).unwrap_or(0) as f64 / 1e6
    );
    println!("  machine:  {}", machine());
    println!("  runs:     {} after 1 warm-up", a.runs);
    println!("  wall:     median {wall:.1} ms (min {min:.1}, max {max:.1})");
    println!(
        "  peak RSS: median {:.1} MiB (max {:.1}) [{how}]",
        rss_med / 1024.0,
        rss_max / 1024.0
    );
    let mut files = Vec::new();
    for ext in ["pdf", "html", "md", "docx"] {
        if let Some(n) = size(&out.join(format!("{stem}.{ext}"))) {
            files.push(format!("{} {} bytes", ext.to_uppercase(), group(n)));
        }
    }
    if let Some(p) = pages {
        files.push(format!("{p} PDF pages"));
    }
    println!("  output:   {}", files.join(", "));
    // One line for scripts and for comparing branches.
    println!(
        "RESULT format={} runs={} wall_ms={wall:.1} rss_kib={rss_med:.0} pdf_bytes={} pages={}",
        a.format,
        a.runs,
        pdf_bytes.map_or_else(|| "-".to_string(), |n| n.to_string()),
        pages.map_or_else(|| "-".to_string(), |n| n.to_string())
    );
    let _ = std::fs::remove_dir_all(&out);
}
