//! Hostile template packs (`--templates`, issue 26.5): a template that
//! doubles a string, a component that calls itself, loops in loops and a
//! flood of output are each stopped quickly with a Chinese message naming
//! the template, exit 2, and no output written.

use std::time::{Duration, Instant};

use crate::common::{TempDir, nianbao, run};

const EXAMPLE: &str = "examples/zibo-zhangdian-traffic-2024.yaml";

/// Builds the example as HTML and Markdown with `report.html` replaced by
/// `template`; asserts the refusal and returns its message.
fn refused(template: &str, expect: &str) -> String {
    let tmp = TempDir::new("template-bomb");
    let pack = tmp.path("pack");
    std::fs::create_dir_all(&pack).unwrap();
    std::fs::write(pack.join("report.html"), template).unwrap();
    let started = Instant::now();
    let out = run(nianbao()
        .args(["build", EXAMPLE, "--format", "md,html", "-o"])
        .arg(tmp.path("out"))
        .arg("--templates")
        .arg(&pack));
    let took = started.elapsed();
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("report.html"), "{}", out.stderr);
    assert!(out.stderr.contains(expect), "{}", out.stderr);
    assert!(took < Duration::from_secs(20), "{took:?}");
    let written = std::fs::read_dir(tmp.path("out")).map_or(0, Iterator::count);
    assert_eq!(written, 0, "no output, not even the Markdown");
    out.stderr
}

#[test]
fn a_doubling_string_is_stopped_by_its_memory() {
    let bomb = r#"{% set s = "ab" %}{% for i in range(end=64) %}{% set_global s = s ~ s %}{% endfor %}{{ s }}"#;
    assert!(bomb.len() <= 130);
    refused(bomb, "内存超过");
}

#[test]
fn a_self_calling_component_is_stopped() {
    // Three calls a level, 19 levels: under Tera's depth limit of 20, 3^19
    // calls.
    let bomb = "{% component boom(n) %}{% if n < 19 %}{{<boom n={n + 1}/>}}{{<boom n={n + 1}/>}}\
                {{<boom n={n + 1}/>}}{% endif %}{% endcomponent boom %}{{<boom n={0}/>}}";
    let message = refused(bomb, "已停止");
    assert!(message.contains("调用自身的组件"), "{message}");
}

#[test]
fn loops_in_loops_are_stopped() {
    let bomb = "{% for a in range(end=100000) %}{% for b in range(end=100000) %}\
                {% if a == b - 1 %}{% endif %}{% endfor %}{% endfor %}";
    refused(bomb, "已停止");
}

#[test]
fn a_flood_of_output_is_stopped_by_its_size() {
    let bomb = "{% for a in range(end=100000) %}{% for b in range(end=100) %}0123456789\
                {% endfor %}{% endfor %}";
    refused(bomb, "渲染结果超过");
}

/// The sentence templates come from the pack too.
#[test]
fn a_runaway_sentence_template_is_stopped() {
    let tmp = TempDir::new("template-fee-bomb");
    let pack = tmp.path("pack");
    std::fs::create_dir_all(&pack).unwrap();
    std::fs::write(
        pack.join("preface.md"),
        r#"{% set s = "ab" %}{% for i in range(end=64) %}{% set_global s = s ~ s %}{% endfor %}{{ s }}"#,
    )
    .unwrap();
    let out = run(nianbao()
        .args(["build", EXAMPLE, "--format", "md", "-o"])
        .arg(tmp.path("out"))
        .arg("--templates")
        .arg(&pack));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("preface.md"), "{}", out.stderr);
    assert!(out.stderr.contains("已停止"), "{}", out.stderr);
}

/// A file the check stops is never rendered through the pack: its findings
/// come at once, not after a runaway sentence template's deadline (the
/// document is begun before the check only with the built-in templates).
#[test]
fn a_pack_is_not_run_for_a_file_the_check_stops() {
    let tmp = TempDir::new("template-check-first");
    let pack = tmp.path("pack");
    std::fs::create_dir_all(&pack).unwrap();
    std::fs::write(
        pack.join("preface.md"),
        "{% for a in range(end=100000) %}{% for b in range(end=100000) %}{% endfor %}{% endfor %}",
    )
    .unwrap();
    let started = Instant::now();
    let out = run(nianbao()
        .args([
            "build",
            "tests/fixtures/rules/t3-bal.yaml",
            "--format",
            "md,pdf",
            "-o",
        ])
        .arg(tmp.path("out"))
        .arg("--templates")
        .arg(&pack));
    let took = started.elapsed();
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(!out.stderr.contains("preface.md"), "{}", out.stderr);
    // Rendered, that template runs for over a second before its budget
    // stops it (1.2 s in a release build); the check alone takes
    // milliseconds.
    assert!(took < Duration::from_millis(1000), "{took:?}");
    assert!(!tmp.path("out").exists());
}
