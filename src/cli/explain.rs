//! `nianbao explain`: what a diagnostic code checks and how to fix it, from
//! the rule registry ([`crate::diag::codes::REGISTRY`]); with `--claims`,
//! what the claim reader read from each sentence of a data file
//! ([`crate::claims::explain`]).

use super::{Error, Outcome, Status};
use crate::diag::codes::{self, REGISTRY, Rule};
use crate::diag::excerpt;

/// Arguments of `nianbao explain`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// 诊断代码，如 T3-BAL；不写则列出所有代码
    #[arg(value_name = "代码", conflicts_with = "claims")]
    code: Option<String>,
    /// 列出从数据文件正文每一句读出的内容（数字对应表格的哪一项、否定、与上年的比较、年份），说明某句为什么核对或没有核对
    #[arg(long, value_name = "数据文件")]
    claims: Option<std::path::PathBuf>,
    /// 与 --claims 同用：json 输出一个 JSON 对象，便于程序处理
    #[arg(
        long,
        value_name = "格式",
        default_value = "human",
        requires = "claims"
    )]
    format: ClaimsFormat,
}

/// How `explain --claims` prints what it read.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum ClaimsFormat {
    /// 便于阅读的格式
    Human,
    /// 一个 JSON 对象
    Json,
}

/// Runs the command: one code's entry, or the list of all codes.
pub(crate) fn run(args: Args) -> Outcome {
    if let Some(path) = &args.claims {
        return claims(path, args.format);
    }
    match args.code {
        None => {
            print!("{}", listing());
            Ok(Status::Clean)
        }
        Some(code) => match find(&code) {
            Some(rule) => {
                print!("{}", entry(rule));
                Ok(Status::Clean)
            }
            None => Err(Error::usage(unknown(&code))),
        },
    }
}

/// `explain --claims FILE`: what each sentence of the file's narratives
/// was read to say.
fn claims(path: &std::path::Path, format: ClaimsFormat) -> Outcome {
    let loaded = crate::load::load_path(path)?;
    let Some(report) = loaded.report else {
        return Err(Error::input(format!(
            "{}：不是可以读取的数据文件，先运行 nianbao check {} 查看问题",
            path.display(),
            path.display()
        )));
    };
    let texts = crate::claims::explain::explain(&report);
    match format {
        ClaimsFormat::Json => {
            let value = serde_json::json!({ "file": path.display().to_string(), "texts": texts });
            println!("{value}");
        }
        ClaimsFormat::Human => print!("{}", claims_text(&texts)),
    }
    Ok(Status::Clean)
}

/// The human form of what was read: each narrative, each sentence with the
/// lines of what it says.
fn claims_text(texts: &[crate::claims::explain::TextClaims]) -> String {
    let mut out = String::new();
    for t in texts {
        out.push_str(&format!("【{}】\n", t.path));
        if t.sentences.is_empty() {
            out.push_str("  （没有正文）\n");
        }
        for (n, s) in t.sentences.iter().enumerate() {
            out.push_str(&format!("  第 {} 句：{}\n", n + 1, visible(&s.text)));
            let mut lines: Vec<String> = Vec::new();
            if !s.headings.is_empty() {
                lines.push(format!("标题：{}", visible(&s.headings)));
            }
            if let Some(body) = &s.elsewhere {
                lines.push(format!(
                    "主语：{}（另一机关或更大范围，本句的数字不与本报告的表格核对）",
                    visible(body)
                ));
            } else if s.about_requests {
                lines.push("主题：依申请公开（读取其中的件数）".into());
            }
            for f in &s.figures {
                lines.push(match (&f.measure, &f.cell, f.table) {
                    (Some(m), Some(c), Some(v)) => {
                        format!("数字：{} → {m}（{c}，表格为 {v}）", f.text)
                    }
                    (Some(m), _, Some(v)) => format!("数字：{} → {m}（表格为 {v}）", f.text),
                    (Some(m), _, None) => format!("数字：{} → {m}", f.text),
                    _ => format!(
                        "数字：{}（未读作申请件数：表二、表四的数字和比例另行核对，此处不列）",
                        f.text
                    ),
                });
            }
            lines.extend(s.approximate.iter().map(|a| format!("约数：{a}")));
            lines.extend(s.denials.iter().map(|d| format!("否定（本年）：{d}")));
            lines.extend(s.changes.iter().map(|c| format!("比较：{c}")));
            lines.extend(
                s.subjects
                    .iter()
                    .map(|a| format!("主语（做报告中工作的机关）：{a}")),
            );
            if !s.years.is_empty() {
                let years: Vec<String> = s.years.iter().map(|y| format!("{y}年")).collect();
                lines.push(format!("年份：{}", years.join("、")));
            }
            if lines.is_empty() {
                lines.push("（没有读出可核对的内容）".into());
            }
            for l in lines {
                out.push_str(&format!("      {l}\n"));
            }
        }
    }
    out
}

/// A sentence shown on one line: control characters and line breaks as
/// visible marks.
fn visible(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' | '\r' => '⏎',
            c if c.is_control() => '�',
            c => c,
        })
        .collect()
}

/// The registry entry a code names, ignoring case and `_` for `-`.
fn find(code: &str) -> Option<&'static Rule> {
    codes::lookup(&normalize(code))
}

fn normalize(code: &str) -> String {
    code.trim().to_uppercase().replace('_', "-")
}

/// Every code with its levels and summary, one a line, in columns.
fn listing() -> String {
    let width = REGISTRY
        .iter()
        .map(|r| r.code.as_str().len())
        .max()
        .unwrap_or(0);
    let levels_width = REGISTRY
        .iter()
        .map(|r| columns(&r.levels()))
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for r in REGISTRY {
        let levels = r.levels();
        let pad = " ".repeat(levels_width - columns(&levels));
        out.push_str(&format!(
            "{:width$}  {levels}{pad}  {}\n",
            r.code.as_str(),
            r.summary
        ));
    }
    out.push_str("\n运行“nianbao explain 代码”查看某条规则的说明，如 nianbao explain T3-BAL\n");
    out
}

/// Terminal columns of a short text: two for a Chinese character.
fn columns(text: &str) -> usize {
    text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// One code's entry: code and summary, 级别, 部分, then the explanation
/// a sentence a line.
fn entry(rule: &Rule) -> String {
    let explanation = rule.explanation.replace('。', "。\n");
    format!(
        "{}：{}\n\n级别：{}\n部分：{}\n\n{}",
        rule.code,
        rule.summary,
        rule.levels(),
        rule.section.name(),
        explanation.trim_end().to_string() + "\n"
    )
}

/// The message for a code that is not one, with the codes it resembles.
fn unknown(code: &str) -> String {
    let mut message = format!("没有“{}”这个诊断代码", excerpt(code));
    let near = near_codes(&normalize(code));
    if !near.is_empty() {
        message.push_str(&format!("\n提示：是不是 {}？", near.join("、")));
    }
    message.push_str("\n运行“nianbao explain”列出所有代码");
    message
}

/// Codes that begin with `code` (`T3` → the section-三 rules), else the
/// one closest in spelling.
fn near_codes(code: &str) -> Vec<&'static str> {
    if code.is_empty() {
        return Vec::new();
    }
    let prefixed: Vec<&str> = REGISTRY
        .iter()
        .map(|r| r.code.as_str())
        .filter(|c| c.starts_with(code))
        .collect();
    if !prefixed.is_empty() {
        return prefixed;
    }
    crate::load::suggest::closest(code, REGISTRY.iter().map(|r| r.code.as_str()))
        .into_iter()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_found_whatever_their_case() {
        assert_eq!(find("t3_bal").map(|r| r.code), Some(codes::T3_BAL));
        assert_eq!(find(" T3-BAL ").map(|r| r.code), Some(codes::T3_BAL));
        assert!(find("T3").is_none());
    }

    #[test]
    fn near_codes_by_prefix_then_spelling() {
        assert_eq!(
            near_codes("T3"),
            [
                codes::T3_BAL.as_str(),
                codes::T3_ROWSUM.as_str(),
                codes::T3_RESULTSUM.as_str()
            ]
        );
        assert_eq!(near_codes("T3-BALL"), [codes::T3_BAL.as_str()]);
        assert!(near_codes("完全无关").is_empty());
    }

    #[test]
    fn an_entry_names_its_level_and_section() {
        let text = entry(codes::UNIT.rule());
        assert!(text.starts_with("UNIT：金额单位为万元"), "{text}");
        assert!(text.contains("级别：错误 / 警告"), "{text}");
        assert!(text.contains("部分：第六部分 信息处理费"), "{text}");
    }
}
