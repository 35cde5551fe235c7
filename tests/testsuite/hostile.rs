//! Attacks by a careless user, a hostile file and a local neighbour: each
//! test reproduces one and checks that nothing is overwritten, injected,
//! echoed raw or left hanging. (The preview server's are in preview.rs.)

use nianbao::slice::Slice;

use crate::common;

use std::path::{Path, PathBuf};

use common::{TempDir, nianbao, run};

const EXAMPLE: &str = "examples/zibo-zhangdian-traffic-2024.yaml";

fn example_text() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(EXAMPLE)).unwrap()
}

/// `nianbao check` of the example with one line replaced (`from` must
/// occur), written as `r.yaml` in `dir`.
fn check_with(dir: &TempDir, from: &str, to: &str) -> common::Output {
    let data = dir.path("r.yaml");
    std::fs::write(&data, common::example_with(from, to)).unwrap();
    run(nianbao().arg("check").arg(&data))
}

fn abs(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(p)
}

// 1. build never overwrites what it reads -----------------------------------

#[test]
fn build_refuses_to_overwrite_its_own_input() {
    let dir = TempDir::new("clobber");
    let out = dir.path("out");
    std::fs::create_dir_all(&out).unwrap();
    for ext in ["md", "html", "docx"] {
        let input = out.join(format!("r.{ext}"));
        std::fs::write(&input, example_text()).unwrap();
        // The same file by plain, `./`, `../` and absolute names.
        let aliases = [
            (input.clone(), out.clone()),
            (input.clone(), out.join(".")),
            (input.clone(), out.join("..").join("out")),
            (out.join(".").join(format!("r.{ext}")), dir.0.join("out")),
        ];
        for (file, dir_arg) in aliases {
            let o = run(nianbao()
                .arg("build")
                .arg(&file)
                .arg("-o")
                .arg(&dir_arg)
                .args(["--format", ext]));
            assert_eq!(o.code, 2, "{}", o.stderr);
            assert!(o.stderr.contains("就是输入文件"), "{}", o.stderr);
            assert_eq!(std::fs::read_to_string(&input).unwrap(), example_text());
        }
    }
    // A hard link to the input is the input too.
    #[cfg(unix)]
    {
        let data = dir.path("data.yaml");
        std::fs::write(&data, example_text()).unwrap();
        std::fs::hard_link(&data, out.join("data.md")).unwrap();
        let o = run(nianbao()
            .arg("build")
            .arg(&data)
            .arg("-o")
            .arg(&out)
            .args(["--format", "md"]));
        assert_eq!(o.code, 2, "{}", o.stderr);
        assert_eq!(std::fs::read_to_string(&data).unwrap(), example_text());
    }
}

#[test]
fn build_refuses_to_overwrite_its_templates() {
    let dir = TempDir::new("clobber-tpl");
    let out = dir.path("out");
    let o = run(nianbao().args(["templates", "eject"]).arg(&out));
    assert_eq!(o.code, 0, "{}", o.stderr);
    let template = std::fs::read_to_string(out.join("report.md")).unwrap();
    let data = dir.path("report.yaml");
    std::fs::write(&data, example_text()).unwrap();
    let o = run(nianbao()
        .arg("build")
        .arg(&data)
        .arg("-o")
        .arg(&out)
        .arg("--templates")
        .arg(&out)
        .args(["--format", "md"]));
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert_eq!(
        std::fs::read_to_string(out.join("report.md")).unwrap(),
        template
    );
}

// 2, 3. temporary files and no-clobber ---------------------------------------

#[cfg(unix)]
#[test]
fn a_link_planted_at_the_output_name_is_replaced_not_followed() {
    let dir = TempDir::new("planted");
    let victim = dir.path("victim.txt");
    std::fs::write(&victim, "keep").unwrap();
    let out = dir.path("out");
    std::fs::create_dir_all(&out).unwrap();
    std::os::unix::fs::symlink(&victim, out.join("zibo-zhangdian-traffic-2024.md")).unwrap();
    let o = run(nianbao()
        .arg("build")
        .arg(abs(EXAMPLE))
        .arg("-o")
        .arg(&out)
        .args(["--format", "md"]));
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
    let md = out.join("zibo-zhangdian-traffic-2024.md");
    assert!(!md.symlink_metadata().unwrap().file_type().is_symlink());
    // `new` and `import` refuse a name taken by a link, even a dangling one.
    let dangling = dir.path("2025.yaml");
    std::os::unix::fs::symlink(dir.path("nowhere.yaml"), &dangling).unwrap();
    let o = run(nianbao()
        .args(["new", "--year", "2025", "--agency", "某局", "-o"])
        .arg(&dangling));
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(!dir.path("nowhere.yaml").exists());
}

/// Issue 76: into a folder that is there, each format's file is written
/// as soon as it is rendered, the group moved into place at the end. A
/// member that cannot be placed (a folder at the PDF's name) fails the
/// build: the Markdown and the web page written ahead of it are not moved
/// in, and no temporary is left.
#[test]
fn a_failed_build_leaves_its_files_written_ahead_nowhere() {
    let dir = TempDir::new("ahead");
    let out = dir.path("out");
    std::fs::create_dir_all(out.join("zibo-zhangdian-traffic-2024.pdf")).unwrap();
    let md = out.join("zibo-zhangdian-traffic-2024.md");
    std::fs::write(&md, "old").unwrap();
    let o = run(nianbao().arg("build").arg(abs(EXAMPLE)).arg("-o").arg(&out));
    assert_ne!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stderr.contains("zibo-zhangdian-traffic-2024.pdf"),
        "{}",
        o.stderr
    );
    assert_eq!(std::fs::read_to_string(&md).unwrap(), "old");
    let mut left: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(
        left,
        [
            "zibo-zhangdian-traffic-2024.md",
            "zibo-zhangdian-traffic-2024.pdf"
        ]
    );
    // With the folder gone, the same build writes all three.
    std::fs::remove_dir(out.join("zibo-zhangdian-traffic-2024.pdf")).unwrap();
    let o = run(nianbao().arg("build").arg(abs(EXAMPLE)).arg("-o").arg(&out));
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_ne!(std::fs::read_to_string(&md).unwrap(), "old");
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 3);
}

#[test]
fn concurrent_new_without_force_has_one_winner() {
    let dir = TempDir::new("race");
    let from = dir.path("a-2024.yaml");
    std::fs::write(&from, example_text()).unwrap();
    let target = dir.path("same.yaml");
    for round in 0..5 {
        let _ = std::fs::remove_file(&target);
        let children: Vec<_> = (0..6)
            .map(|_| {
                nianbao()
                    .arg("new")
                    .arg("--from")
                    .arg(&from)
                    .arg("-o")
                    .arg(&target)
                    .stderr(std::process::Stdio::null())
                    .spawn()
                    .unwrap()
            })
            .collect();
        let ok = children
            .into_iter()
            .map(|mut c| c.wait().unwrap().success())
            .filter(|ok| *ok)
            .count();
        assert_eq!(ok, 1, "round {round}: {ok} processes wrote the same file");
        let o = run(nianbao().arg("check").arg(&target));
        assert!(o.stdout.contains("same.yaml"), "{}", o.stdout);
    }
    // No temporary file is left behind.
    let left: Vec<_> = std::fs::read_dir(&dir.0)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

// 5. data text is text in every output ---------------------------------------

/// Issue 75.2: work goes by what a text lays out. A text of tiny
/// paragraphs past the budget is refused, naming its file and why, and
/// nothing is written (it once took 500 MB at 3 MB of one-character
/// paragraphs).
#[test]
fn a_text_of_too_many_paragraphs_is_refused_before_layout() {
    let dir = TempDir::new("many-paragraphs");
    let tiny: String = "  是。\n\n".repeat(25_000);
    // One line nesting lists or quotes 200,000 deep: a build took 21 s and
    // 3.4 GB, made a 104 MB PDF, and check passed it.
    let deep_list = format!("  第一段。\n\n  {}x\n", "- ".repeat(200_000));
    let deep_quote = format!("  第一段。\n\n  {}x\n", ">".repeat(200_000));
    for (text, line) in [(tiny, 40_062), (deep_list, 86), (deep_quote, 86)] {
        let data = dir.path("many.yaml");
        std::fs::write(
            &data,
            common::example_with("问题及改进: |\n", &format!("问题及改进: |\n{text}")),
        )
        .unwrap();
        // check says where, as an error; build refuses, draft or not.
        let c = run(nianbao().arg("check").arg(&data));
        assert_eq!(c.code, 1, "{}", c.stdout);
        says(
            &c.stdout,
            &["超过一份报告能生成的上限", &format!("many.yaml:{line}:")],
        );
        let out = dir.path("out");
        let o = run(nianbao().arg("build").arg(&data).arg("-o").arg(&out).args([
            "--format",
            "docx,html",
            "--draft",
        ]));
        assert_eq!(o.code, 1, "{}", o.stderr);
        assert!(o.stderr.contains("many.yaml"), "{}", o.stderr);
        assert!(
            o.stderr.contains("超过一份报告能生成的上限"),
            "{}",
            o.stderr
        );
        assert!(!out.exists() || std::fs::read_dir(&out).unwrap().next().is_none());
    }
}

#[test]
fn single_line_fields_cannot_inject_markup() {
    let dir = TempDir::new("inject");
    let text = common::example_with(
        "机关: 淄博市公安局交通警察支队张店大队",
        "机关: '张店大队<img src=x onerror=alert(1)>*重点*'",
    )
    .replacen(
        "地址: 山东省淄博市张店区和平路29号",
        "地址: '[点击领取](https://evil.example/)'",
        1,
    )
    .replacen("注: 含淄博经开区", "注: '<script>alert(2)</script> | x'", 1);
    let data = dir.path("r.yaml");
    std::fs::write(&data, &text).unwrap();
    let out = dir.path("out");
    let o = run(nianbao()
        .arg("build")
        .arg(&data)
        .arg("-o")
        .arg(&out)
        .args(["--format", "md,html"]));
    assert_eq!(o.code, 0, "{}", o.stderr);
    let md = std::fs::read_to_string(out.join("r.md")).unwrap();
    let html = std::fs::read_to_string(out.join("r.html")).unwrap();
    for page in [&html, &markdown_to_html(&md)] {
        assert!(!page.contains("<img"), "{page}");
        assert!(!page.contains("<script>alert"), "{page}");
        assert!(!page.contains("evil.example/\""), "a live link: {page}");
        assert!(!page.contains("<em>重点</em>"), "{page}");
    }
    // Shown exactly as typed once rendered.
    let rendered = markdown_to_html(&md);
    assert!(rendered.contains("*重点*"), "{rendered}");
    assert!(
        rendered.contains("[点击领取](https://evil.example/)"),
        "{rendered}"
    );
}

fn markdown_to_html(md: &str) -> String {
    let mut html = String::new();
    let opts = pulldown_cmark::Options::ENABLE_TABLES;
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new_ext(md, opts));
    html
}

#[test]
fn line_breaks_and_controls_in_one_line_fields_are_located_errors() {
    let dir = TempDir::new("lines");
    for (from, to, line) in [
        (
            "机关: 淄博市公安局交通警察支队张店大队",
            "机关: \"淄博市公安局\\n\\n## 伪造的章节\\n\\n| a | b |\"",
            4,
        ),
        (
            "  地址: 山东省淄博市张店区和平路29号",
            "  地址: \"和平路\\u001b[2J29号\"",
            8,
        ),
        ("注: 含淄博经开区", "注: \"含\\r经开区\"", 39),
    ] {
        let o = check_with(&dir, from, to);
        assert_eq!(o.code, 1, "{}", o.stdout);
        says(
            &o.stdout,
            &[
                &common::headline("错误", "TEXT"),
                &format!("r.yaml:{line}:"),
            ],
        );
        assert!(!o.stdout.contains('\u{1b}'), "{}", o.stdout);
    }
}

#[test]
fn agency_names_are_capped() {
    let dir = TempDir::new("long-agency");
    let long = "某".repeat(8000);
    let o = check_with(
        &dir,
        "机关: 淄博市公安局交通警察支队张店大队",
        &format!("机关: {long}"),
    );
    assert_eq!(o.code, 1);
    assert!(
        o.stdout.contains(&common::headline("错误", "TEXT")),
        "{}",
        o.stdout
    );
    assert!(o.stdout.contains("不应超过 64 个字"), "{}", o.stdout);
    // The echoed source line is shortened, not 8,000 characters.
    assert!(o.stdout.len() < 2_000, "{} bytes", o.stdout.len());
    // A draft still lays the title out (in linear time: this would take
    // minutes with a cubic title breaker).
    let o = run(nianbao()
        .arg("build")
        .arg(dir.path("r.yaml"))
        .arg("-o")
        .arg(dir.path("out"))
        .args(["--format", "pdf", "--draft"]));
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(dir.path("out/r.pdf").is_file());
}

// 6. bounded reads -------------------------------------------------------------

#[cfg(unix)]
#[test]
fn devices_and_pipes_are_refused_not_read() {
    for args in [
        vec!["check", "/dev/zero"],
        vec!["import", "/dev/zero", "-o", "/nonexistent-dir/x.yaml"],
        vec!["build", "/dev/zero", "-o", "/nonexistent-dir"],
    ] {
        let o = run(nianbao().args(&args));
        assert_eq!(o.code, 2, "{args:?}: {}", o.stderr);
        assert!(o.stderr.contains("不是普通文件"), "{args:?}: {}", o.stderr);
    }
    let dir = TempDir::new("devices");
    let o = check_with(
        &dir,
        "成文日期: 2025-01-10",
        "成文日期: 2025-01-10\n上年数据: /dev/zero",
    );
    assert!(
        o.stdout.contains(&common::headline("警告", "PREV")),
        "{}",
        o.stdout
    );
    assert!(o.stdout.contains("不是普通文件"), "{}", o.stdout);
    let o = run(nianbao()
        .arg("build")
        .arg(abs(EXAMPLE))
        .arg("-o")
        .arg(dir.path("out"))
        .args(["--format", "pdf", "--font", "正文=/dev/zero"]));
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(o.stderr.contains("不是普通文件"), "{}", o.stderr);
    // The .docx reads a font file only for its name, through the same door.
    let o = run(nianbao()
        .arg("build")
        .arg(abs(EXAMPLE))
        .arg("-o")
        .arg(dir.path("out"))
        .args(["--format", "docx", "--font", "正文=/dev/zero"]));
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(o.stderr.contains("不是普通文件"), "{}", o.stderr);
    assert!(
        !dir.path("out")
            .join("zibo-zhangdian-traffic-2024.docx")
            .exists()
    );
    // A FIFO is refused before anything blocks on it.
    let fifo = dir.path("fifo.yaml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let o = run(nianbao().arg("check").arg(&fifo));
        assert_eq!(o.code, 2, "{}", o.stdout);
        assert!(o.stdout.contains("不是普通文件"), "{}", o.stdout);
    }
}

#[test]
fn long_source_lines_are_not_echoed_whole() {
    let dir = TempDir::new("longline");
    let junk = "字".repeat(300_000);
    let o = check_with(&dir, "  行政处罚: 933554", &format!("  行政处罚: 九{junk}"));
    assert_eq!(o.code, 1);
    assert!(
        o.stdout.contains(&common::headline("错误", "TYPE")),
        "{}",
        o.stdout.slice_to(500.min(o.stdout.len()))
    );
    assert!(o.stdout.len() < 3_000, "{} bytes echoed", o.stdout.len());
}

#[test]
fn the_same_slip_repeated_is_listed_fifty_times_and_counted() {
    // A template pasted with names this file does not have, a table
    // pasted row after row, a figure the tables contradict: 60 of each in
    // one narrative. Before, placing each finding searched the text from
    // its start, and 300,000 of them did not finish in a minute.
    let dir = TempDir::new("repeated");
    let data = dir.path("r.yaml");
    let table = "\n\n  | 项目 | 数量 |\n  | --- | --- |\n  | 网站 | 1 |\n\n  ";
    let body = format!(
        "总体情况: |\n  {}\n\n  {}\n\n  {}\n\n",
        "{{ 未知.键 }}".repeat(60),
        "本年共收到政府信息公开申请99件。".repeat(60),
        table.repeat(60)
    );
    std::fs::write(&data, common::example_with("总体情况: |\n", &body)).unwrap();
    let o = run(nianbao()
        .arg("check")
        .arg(&data)
        .args(["--format", "short"]));
    let count = |code: &str| {
        o.stdout
            .lines()
            .filter(|l| l.contains(&format!(" {code} ")))
            .count()
    };
    assert_eq!(count("PLACEHOLDER"), 51, "{}", o.stdout);
    assert!(
        o.stdout
            .contains("总体情况中还有 10 处同类问题没有逐一列出"),
        "{}",
        o.stdout
    );
    assert_eq!(count("TEXT-TABLE"), 51, "{}", o.stdout);
    assert_eq!(count("NARR"), 51, "{}", o.stdout);
    assert!(
        o.stdout
            .contains("总体情况中已列出 50 处同类问题，其余部分没有再核对")
    );
}

// 7. terminal escapes ------------------------------------------------------------

#[test]
fn control_characters_are_shown_not_sent_to_the_terminal() {
    let dir = TempDir::new("escapes");
    // Raw ESC and BEL bytes in a line the checker quotes.
    let o = check_with(
        &dir,
        "  行政处罚: 933554",
        "  行政处罚: \x1b]0;title\x07\x1b[2J九",
    );
    assert_eq!(o.code, 1, "{}", o.stdout);
    assert!(!o.stdout.contains('\u{1b}'), "{:?}", o.stdout);
    assert!(!o.stdout.contains('\u{7}'), "{:?}", o.stdout);
    assert!(o.stdout.contains("\\u{1b}"), "{}", o.stdout);
    // The caret still sits under the value's first character.
    let lines: Vec<&str> = o.stdout.lines().collect();
    let src = lines
        .iter()
        .position(|l| l.contains("行政处罚: \\u{1b}"))
        .unwrap();
    let value_at = lines[src].find("\\u{1b}]0").unwrap();
    let caret_at = lines[src + 1].find('^').unwrap();
    // "行政处罚: " has four wide characters: the byte offset differs from
    // the display column by the extra bytes of those characters.
    let shown_before = lines[src].slice_to(value_at);
    let width: usize = shown_before
        .chars()
        .map(|c| if c as u32 >= 0x2E80 { 2 } else { 1 })
        .sum();
    assert_eq!(caret_at, width, "{}\n{}", lines[src], lines[src + 1]);
}

// 9. counts beyond belief ----------------------------------------------------------

#[test]
fn absurd_counts_are_range_errors_at_the_cell() {
    let dir = TempDir::new("overflow");
    let o = check_with(
        &dir,
        "本年新收: [6, 0, 0, 0, 0, 0, 6]",
        "本年新收: [18446744073709551615, 2, 0, 0, 0, 0, 6]",
    );
    assert_eq!(o.code, 1, "{}", o.stdout);
    assert!(
        o.stdout.contains(&common::headline("错误", "NUM-RANGE")),
        "{}",
        o.stdout
    );
    assert!(o.stdout.contains("1000000000"), "{}", o.stdout);
    // Just above the limit too.
    let o = check_with(
        &dir,
        "本年新收: [6, 0, 0, 0, 0, 0, 6]",
        "本年新收: [1000000001, 0, 0, 0, 0, 0, 6]",
    );
    assert!(
        o.stdout.contains(&common::headline("错误", "NUM-RANGE")),
        "{}",
        o.stdout
    );
}

// 10. messages that tell the truth -------------------------------------------------

#[test]
fn unreadable_files_are_not_counted_as_passed() {
    let o = run(nianbao().args(["check", EXAMPLE, "missing.yaml"]));
    assert_eq!(o.code, 2);
    assert!(
        o.stdout.contains(&common::headline("错误", "IO")),
        "{}",
        o.stdout
    );
    assert!(o.stdout.contains("检查未通过：2 个文件"), "{}", o.stdout);
    let o = run(nianbao().args(["check", "--format", "json", "missing.yaml"]));
    assert_eq!(o.code, 2);
    let v: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(v["errors"], 1, "{}", o.stdout);
    assert_eq!(v["files"][0]["file"], "missing.yaml");
    assert_eq!(v["files"][0]["diagnostics"][0]["code"], "IO");
    let o = run(nianbao().args(["check", "src"]));
    assert_eq!(o.code, 2);
    assert!(o.stdout.contains("目录"), "{}", o.stdout);
    assert!(!o.stdout.contains("检查通过"), "{}", o.stdout);
}

#[test]
fn parser_and_number_messages_are_chinese_and_right() {
    let dir = TempDir::new("messages");
    let data = dir.path("r.yaml");
    let cases = [
        (
            common::example_with("收费通知金额: 0", "收费通知金额: 0.1234567890123456789"),
            "小数位过多",
        ),
        (format!("{}\n---\na: 1\n", example_text()), "不止一份"),
        (common::example_with("年度: 2024", "年度: .nan"), ".nan"),
        (
            common::example_with("机关: 淄博", "? [a, b]\n: 1\n机关: 淄博"),
            "键只能是",
        ),
    ];
    for (text, expected) in cases {
        std::fs::write(&data, text).unwrap();
        let o = run(nianbao().arg("check").arg(&data));
        assert_eq!(o.code, 1, "{}", o.stdout);
        assert!(o.stdout.contains(expected), "{expected}: {}", o.stdout);
        for english in ["from_str", "policy", "expected string", "scalar"] {
            assert!(!o.stdout.contains(english), "{english}: {}", o.stdout);
        }
    }
}

#[test]
fn utf16_data_files_are_read_with_a_warning() {
    let dir = TempDir::new("utf16");
    let data = dir.path("r.yaml");
    let mut bytes = vec![0xFF, 0xFE];
    for unit in example_text().encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    std::fs::write(&data, bytes).unwrap();
    let o = run(nianbao().arg("check").arg(&data));
    assert_eq!(o.code, 0, "{}", o.stdout);
    assert!(
        o.stdout.contains(&common::headline("警告", "ENCODING")),
        "{}",
        o.stdout
    );
    assert!(o.stdout.contains("UTF-8"), "{}", o.stdout);
}

// 12. drafts with errors -----------------------------------------------------------

#[test]
fn a_draft_with_errors_is_written_and_exits_one() {
    let dir = TempDir::new("draft");
    let o = run(nianbao()
        .args([
            "build",
            "tests/fixtures/rules/t3-bal.yaml",
            "--draft",
            "--format",
            "md",
            "-o",
        ])
        .arg(dir.path("out")));
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(dir.path("out/t3-bal.md").is_file());
    assert!(o.stderr.contains("草稿"), "{}", o.stderr);
}

/// `build DIR` into an output folder that cannot be written exits 2 (a
/// file could not be written), not 1 (errors in the data) (issue 26.8).
#[test]
fn build_dir_into_an_unwritable_folder_is_exit_2() {
    let tmp = TempDir::new("unwritable-batch");
    std::fs::create_dir_all(tmp.path("in")).unwrap();
    std::fs::copy(abs(EXAMPLE), tmp.path("in/a.yaml")).unwrap();
    // A file where the output folder would be: nothing can be written below it.
    std::fs::write(tmp.path("blocker"), "").unwrap();
    let out = run(nianbao()
        .arg("build")
        .arg(tmp.path("in"))
        .arg("-o")
        .arg(tmp.path("blocker/out"))
        .args(["--format", "md"]));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("无法读取或写入"), "{}", out.stderr);
}

/// A symbolic link in a template pack (`style.css` → any readable file) is
/// refused by name, so no outside file reaches the published HTML (issue
/// 26.5).
#[cfg(unix)]
#[test]
fn a_link_in_a_template_pack_is_refused() {
    let tmp = TempDir::new("template-link");
    let pack = tmp.path("pack");
    std::fs::create_dir_all(&pack).unwrap();
    let secret = tmp.path("secret.txt");
    std::fs::write(&secret, "SECRET-7f3a").unwrap();
    std::os::unix::fs::symlink(&secret, pack.join("style.css")).unwrap();
    let out = run(nianbao()
        .args(["build", EXAMPLE, "--format", "html", "-o"])
        .arg(tmp.path("out"))
        .arg("--templates")
        .arg(&pack));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("符号链接"), "{}", out.stderr);
    assert!(out.stderr.contains("style.css"), "{}", out.stderr);
    assert!(!tmp.path("out").exists() || std::fs::read_dir(tmp.path("out")).unwrap().count() == 0);
}

/// With a 251-byte name, `.html` (256 bytes) is past the file-name limit:
/// the group fails before `.md` (254 bytes) is written (issue 26.8).
#[cfg(unix)]
#[test]
fn a_name_too_long_for_one_format_writes_no_format() {
    let tmp = TempDir::new("long-name");
    let stem = "年".repeat(83) + "ab"; // 251 bytes, no extension
    let input = tmp.path(&stem);
    std::fs::write(&input, example_text()).unwrap();
    let out_dir = tmp.path("out");
    std::fs::create_dir_all(&out_dir).unwrap();
    let md = out_dir.join(format!("{stem}.md"));
    std::fs::write(&md, "old").unwrap();
    let out = run(nianbao()
        .arg("build")
        .arg(&input)
        .args(["--format", "md,html", "-o"])
        .arg(&out_dir));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("文件名过长"), "{}", out.stderr);
    assert_eq!(std::fs::read_to_string(&md).unwrap(), "old");
    assert_eq!(std::fs::read_dir(&out_dir).unwrap().count(), 1);
}

/// A tiny file system standing in for a full disk, unmounted on drop.
struct TinyDisk(PathBuf);

impl TinyDisk {
    /// Mounts a tmpfs of 12 KB, or `None` where mounting is not allowed.
    fn mount(at: PathBuf) -> Option<TinyDisk> {
        std::fs::create_dir_all(&at).ok()?;
        let ok = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=12k", "tmpfs"])
            .arg(&at)
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then_some(TinyDisk(at))
    }
}

impl Drop for TinyDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

/// `templates eject` on a full disk writes no template, not a partial set
/// (issue 26.8). Needs the right to mount a tmpfs (root): skipped otherwise.
#[cfg(target_os = "linux")]
#[test]
fn templates_eject_on_a_full_disk_writes_none() {
    let tmp = TempDir::new("eject-full");
    let Some(disk) = TinyDisk::mount(tmp.path("disk")) else {
        eprintln!("skipped: cannot mount a tmpfs here");
        return;
    };
    let out = run(nianbao().args(["templates", "eject"]).arg(&disk.0));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("磁盘空间不足"), "{}", out.stderr);
    assert!(out.stderr.contains("没有写出任何模板"), "{}", out.stderr);
    assert_eq!(std::fs::read_dir(&disk.0).unwrap().count(), 0);
}

/// A FIFO (as a device node: `-o /dev/null --force` run as root replaced
/// the device with a regular file) at an output's name is refused by every
/// command that writes, with `--force` too, and left as it was.
#[test]
fn an_output_that_is_a_fifo_or_device_is_refused() {
    use std::os::unix::fs::FileTypeExt;
    let dir = TempDir::new("fifo-out");
    let fifo = dir.path("out.yaml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        return;
    }
    let example = abs(EXAMPLE);
    let built = dir.path("zibo-zhangdian-traffic-2024.md");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&built)
            .status()
            .unwrap()
            .success()
    );
    let runs = [
        run(nianbao()
            .arg("check")
            .arg(&example)
            .arg("-o")
            .arg(&fifo)
            .arg("--force")),
        run(nianbao()
            .arg("new")
            .arg("--from")
            .arg(&example)
            .arg("-o")
            .arg(&fifo)
            .arg("--force")),
        run(nianbao()
            .arg("compare")
            .args([&example, &example])
            .arg("-o")
            .arg(&fifo)
            .arg("--force")),
        run(nianbao()
            .arg("import")
            .arg(abs("tests/fixtures/import/001-tabs.txt"))
            .arg("-o")
            .arg(&fifo)
            .arg("--force")),
        run(nianbao()
            .arg("build")
            .arg(&example)
            .arg("-o")
            .arg(dir.path(""))
            .args(["--format", "md"])),
    ];
    for o in runs {
        assert_eq!(o.code, 2, "{}", o.stderr);
        assert!(o.stderr.contains("不是普通文件"), "{}", o.stderr);
    }
    for node in [&fifo, &built] {
        assert!(node.symlink_metadata().unwrap().file_type().is_fifo());
    }
}

/// Control and direction characters in prose, raw or written as character
/// references (`&#x202e;`, `&#8238;`, `&#x1b;`, `&#0;`), which every
/// format decodes: check names the place, and a draft shows each as its
/// code in the Markdown, the web page and the Word document alike (the
/// references reached the web page and the Word document raw, the `.md`
/// kept them for a viewer to decode, and a draft's `.md` got raw ESC,
/// U+202E, NEL, VT and FF).
#[test]
fn control_characters_in_prose_reach_no_format() {
    let dir = TempDir::new("prose-controls");
    let data = dir.path("r.yaml");
    // Raw control characters only in YAML's double-quoted escapes: the
    // block of 问题及改进 replaced by one such line.
    let prose = r#""实体&#x202e;反转&#8238;与&#0;空字符&#x1b;和&rlm;。\n\n原样\e[2J、\u202e、\N、\v、\f、\ufff9、\ufdd0。""#;
    let example = example_text();
    let from = example.find("问题及改进: |\n").unwrap();
    let to = from + example.slice_from(from).find("\n其他事项").unwrap();
    let text = format!(
        "{}问题及改进: {prose}{}",
        example.slice_to(from),
        example.slice_from(to)
    );
    std::fs::write(&data, text).unwrap();
    let c = run(nianbao().arg("check").arg(&data));
    assert_eq!(c.code, 1, "{}", c.stdout);
    assert!(c.stdout.contains("r.yaml:83:"), "{}", c.stdout);
    let out = dir.path("out");
    let o = run(nianbao().arg("build").arg(&data).arg("-o").arg(&out).args([
        "--format",
        "md,html,docx",
        "--draft",
    ]));
    assert_eq!(o.code, 1, "{}", o.stderr);
    let docx = crate::docx_pages::document_xml(&out.join("r.docx"));
    for text in [
        std::fs::read_to_string(out.join("r.md")).unwrap(),
        std::fs::read_to_string(out.join("r.html")).unwrap(),
        docx,
    ] {
        let raw: Vec<char> = text
            .chars()
            .filter(|&c| nianbao::source::is_hidden(c) && !matches!(c, '\n' | '\r'))
            .collect();
        assert!(raw.is_empty(), "{raw:?}");
        for reference in ["&#x202e;", "&#8238;", "&#x1b;", "&#0;", "&rlm;"] {
            assert!(!text.contains(reference), "{reference}");
        }
        assert!(text.contains("\\u{202e}") && text.contains("\\u{1b}"));
    }
}

/// Asserts that `text` holds each of `parts`.
fn says(text: &str, parts: &[&str]) {
    for part in parts {
        assert!(text.contains(part), "{part}\n{text}");
    }
}
