//! A clerk's first hour: slips of a Chinese keyboard named at their place,
//! Chinese from the argument parser, a check of an unfilled file that says
//! what is left, and findings on stdout.

use crate::common;

use common::{TempDir, nianbao, run};

const EXAMPLE: &str = "examples/zibo-zhangdian-traffic-2024.yaml";

/// The example with `from` replaced by `to` (once), written as `name`.
fn variant(dir: &TempDir, name: &str, from: &str, to: &str) -> std::path::PathBuf {
    let text = std::fs::read_to_string(EXAMPLE).unwrap();
    assert!(text.contains(from), "{from} not in the example");
    let path = dir.path(name);
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    path
}

/// The line number of the first line containing `needle` in the example.
fn line_of(needle: &str) -> usize {
    std::fs::read_to_string(EXAMPLE)
        .unwrap()
        .lines()
        .position(|l| l.contains(needle))
        .unwrap()
        + 1
}

#[test]
fn chinese_keyboard_slips_are_named_at_their_place() {
    let dir = TempDir::new("slips");
    let permit = line_of("行政许可: {数量");
    let intake = line_of("本年新收: [6");
    let cases = [
        (
            "colon.yaml",
            "  行政许可: {数量",
            "  行政许可： {数量",
            format!("{permit}:7"),
            format!("第 {permit} 行的冒号是全角“：”，请改为半角“:”"),
        ),
        (
            "commas.yaml",
            "本年新收: [6, 0, 0, 0, 0, 0, 6]",
            "本年新收: [6，0，0，0，0，0，6]",
            format!("{intake}:11"),
            format!("第 {intake} 行的逗号是全角“，”，请改为半角“,”"),
        ),
        (
            "brackets.yaml",
            "本年新收: [6, 0, 0, 0, 0, 0, 6]",
            "本年新收: ［6, 0, 0, 0, 0, 0, 6］",
            format!("{intake}:9"),
            format!("第 {intake} 行的方括号是全角“［”，请改为半角“[”"),
        ),
        (
            "indent.yaml",
            "  上年结转: [1",
            " 上年结转: [1",
            format!("{}:1", intake + 1),
            format!("第 {} 行缩进了 1 个空格", intake + 1),
        ),
        (
            "ideographic.yaml",
            "  行政许可: {数量",
            "　行政许可: {数量",
            format!("{permit}:1"),
            format!("第 {permit} 行的缩进里有全角空格"),
        ),
    ];
    for (name, from, to, place, message) in cases {
        let path = variant(&dir, name, from, to);
        let o = run(nianbao().arg("check").arg(&path));
        assert_eq!(o.code, 1, "{name}: {}", o.stdout);
        assert!(o.stdout.contains(&message), "{name}: {}", o.stdout);
        assert!(
            o.stdout.contains(&format!("{name}:{place}")),
            "{name} at {place}: {}",
            o.stdout
        );
        // The slip replaces the parser's puzzling guess, and its knock-on
        // complaints about the same line.
        assert!(
            !o.stdout.contains("括号或引号没有闭合"),
            "{name}: {}",
            o.stdout
        );
        assert!(!o.stdout.contains("这里有 1 个"), "{name}: {}", o.stdout);
    }
}

#[test]
fn full_width_quotes_around_a_value_are_a_warning() {
    let dir = TempDir::new("quotes");
    let path = variant(&dir, "q.yaml", "邮编: \"255000\"", "邮编: “255000”");
    let o = run(nianbao().arg("check").arg(&path));
    assert_eq!(o.code, 0, "{}", o.stdout);
    assert!(
        o.stdout.contains(&common::headline("警告", "PUNCT")),
        "{}",
        o.stdout
    );
    assert!(o.stdout.contains("邮编两边加了全角引号"), "{}", o.stdout);
    assert!(
        o.stdout.contains(&format!("q.yaml:{}:", line_of("邮编"))),
        "{}",
        o.stdout
    );
}

#[test]
fn a_gbk_file_is_read_with_a_warning() {
    let dir = TempDir::new("gbk");
    let text = std::fs::read_to_string(EXAMPLE).unwrap();
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(&text);
    assert!(!unmappable);
    let path = dir.path("gbk.yaml");
    std::fs::write(&path, bytes).unwrap();
    let o = run(nianbao().arg("check").arg(&path));
    assert_eq!(o.code, 0, "{}", o.stdout);
    assert!(
        o.stdout.contains(&common::headline("警告", "ENCODING")),
        "{}",
        o.stdout
    );
    assert!(o.stdout.contains("已按 GBK 读取"), "{}", o.stdout);
    assert!(o.stdout.contains("UTF-8"), "{}", o.stdout);
}

#[test]
fn the_argument_parser_speaks_chinese() {
    let english = [
        "error:",
        "Usage",
        "[OPTIONS]",
        "tip:",
        "For more information",
        "Possible values",
        "possible values",
        "[default",
        "the following required",
        "unrecognized",
        "invalid value",
        "Options:",
        "Commands:",
        "Arguments:",
        "Print help",
        "<FILE>",
        "<DIR>",
        "rustc",
    ];
    let runs: &[&[&str]] = &[
        &["chek"],
        &["check"],
        &["build", EXAMPLE, "--format", "txt"],
        &["build", EXAMPLE, "--page-numbers", "left"],
        &["check", "--bogus", EXAMPLE],
        &["new", "--year", "2024"],
        &["import", "x.txt", "--year", "12"],
        &["--help"],
        &["check", "--help"],
        &["build", "--help"],
        &["help", "build"],
        &["templates", "--help"],
        &["help"],
    ];
    for args in runs {
        let o = run(nianbao().args(*args));
        let all = format!("{}{}", o.stdout, o.stderr);
        for word in english {
            assert!(!all.contains(word), "{args:?} says {word:?}:\n{all}");
        }
        assert!(all.contains("用法："), "{args:?}:\n{all}");
        assert!(
            !all.contains("命令:") && !all.contains("选项:"),
            "{args:?}:\n{all}"
        );
        if args.iter().any(|a| *a == "--help" || *a == "help") {
            assert_eq!(o.code, 0, "{args:?}:\n{all}");
        } else {
            assert_eq!(o.code, 2, "{args:?}:\n{all}");
            assert!(o.stderr.contains("nianbao: 错误："), "{args:?}:\n{all}");
        }
    }
    let o = run(nianbao().arg("chek"));
    assert!(o.stderr.contains("没有“chek”这个命令"), "{}", o.stderr);
    assert!(o.stderr.contains("是不是“check”"), "{}", o.stderr);
    let o = run(nianbao().args(["build", EXAMPLE, "--formt", "pdf"]));
    assert!(o.stderr.contains("没有“--formt”这个选项"), "{}", o.stderr);
    assert!(o.stderr.contains("是不是“--format”"), "{}", o.stderr);
    let o = run(nianbao().args(["build", EXAMPLE, "--format", "txt"]));
    assert!(o.stderr.contains("“txt”无效"), "{}", o.stderr);
    assert!(o.stderr.contains("md、html"), "{}", o.stderr);
    let o = run(nianbao().args(["build", "--help"]));
    assert!(o.stdout.contains("［默认：out］"), "{}", o.stdout);
    assert!(o.stdout.contains("<目录>"), "{}", o.stdout);
    let o = run(nianbao().args(["help", "check"]));
    assert!(o.stdout.contains("nianbao check"), "{}", o.stdout);
}

#[test]
fn an_unfilled_file_says_what_is_left_in_a_few_lines() {
    let dir = TempDir::new("unfilled");
    let path = dir.path("2025.yaml");
    let o = run(nianbao()
        .args(["new", "--year", "2025", "--agency", "某县某局", "-o"])
        .arg(&path));
    assert_eq!(o.code, 0, "{}", o.stderr);
    let o = run(nianbao().arg("check").arg(&path));
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.is_empty(),
        "findings belong on stdout: {}",
        o.stderr
    );
    let lines = o.stdout.lines().count();
    assert!(lines < 120, "{lines} lines:\n{}", o.stdout);
    assert!(o.stdout.contains("表三（依申请公开）待填"), "{}", o.stdout);
    assert!(o.stdout.contains("表二（主动公开）待填"), "{}", o.stdout);
    assert!(o.stdout.contains("2025.yaml：已填 0/"), "{}", o.stdout);
    assert!(o.stdout.contains("待填 "), "{}", o.stdout);

    // Fill one row with a wrong total: it stands out above the blocks.
    let text = std::fs::read_to_string(&path).unwrap();
    let filled = text.replacen(
        "本年新收: [~, ~, ~, ~, ~, ~]",
        "本年新收: [1, 0, 0, 0, 0, 0, 2]",
        1,
    );
    assert_ne!(filled, text, "the skeleton's row changed shape");
    std::fs::write(&path, filled).unwrap();
    let o = run(nianbao().arg("check").arg(&path));
    let rowsum = o
        .stdout
        .find(&common::headline("错误", "T3-ROWSUM"))
        .expect("rowsum reported");
    let block = o.stdout.find("表三（依申请公开）待填").unwrap();
    assert!(rowsum < block, "{}", o.stdout);

    // One line per finding for editors.
    let o = run(nianbao().args(["check", "--format", "short"]).arg(&path));
    assert_eq!(o.code, 1);
    assert!(!o.stdout.is_empty());
    for line in o.stdout.lines() {
        let mut parts = line.splitn(4, ':');
        let (file, l, c) = (parts.next(), parts.next(), parts.next());
        assert!(file.unwrap().ends_with("2025.yaml"), "{line}");
        assert!(l.unwrap().parse::<u32>().is_ok(), "{line}");
        assert!(c.unwrap().parse::<u32>().is_ok(), "{line}");
        assert!(
            line.contains(": error ") || line.contains(": warning "),
            "{line}"
        );
    }
    assert!(o.stdout.contains("error T3-ROWSUM"), "{}", o.stdout);

    // JSON says how many cells are filled.
    let o = run(nianbao().args(["check", "--format", "json"]).arg(&path));
    let v: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(v["files"][0]["cells"]["filled"], 6);
}

#[test]
fn findings_can_be_redirected_to_a_file() {
    let dir = TempDir::new("redirect");
    let path = variant(
        &dir,
        "r.yaml",
        "本年新收: [6, 0, 0, 0, 0, 0, 6]",
        "本年新收: [6, 0, 0, 0, 0, 0, 7]",
    );
    let o = run(nianbao().arg("check").arg(&path));
    assert_eq!(o.code, 1);
    assert!(
        o.stdout.contains(&common::headline("错误", "T3-ROWSUM")),
        "{}",
        o.stdout
    );
    assert!(o.stdout.contains("检查未通过"), "{}", o.stdout);
    assert!(o.stderr.is_empty(), "{}", o.stderr);
}
