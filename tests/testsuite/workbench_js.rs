//! The workbench page script's own tests (`src/workbench/assets/js/tests/`),
//! run by Node's test runner: the pure modules (formatting, the text boxes'
//! forms, totals and marks, the edits' queue, the preview's patching)
//! without a browser. The page in a browser is `workbench.rs`'s.

use std::path::Path;
use std::process::Command;

/// `node --test` on the script's tests; without Node the test is skipped
/// with a message outside CI and fails under CI.
#[test]
fn the_page_script_passes_its_node_tests() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/workbench/assets/js/tests");
    // The files named (a folder as an argument is read differently by
    // Node 20 and by Node 22's globs).
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".test.js"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no tests in {}", dir.display());
    let out = match Command::new("node")
        .arg("--test")
        .args(&files)
        .current_dir(&dir)
        .output()
    {
        Ok(out) => out,
        Err(e) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "node is required under CI ({e})"
            );
            eprintln!("skipped: node is not installed ({e}); the page script's tests need Node 20");
            return;
        }
    };
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "node --test failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("# fail 0"), "{stdout}");
}
