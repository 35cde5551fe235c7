//! 确认沿用: a paragraph carried from last year's report
//! ([`crate::model::carried`]) confirmed as this year's text, by taking
//! its entry out of `沿用上年` (and the key with its comments when no entry
//! is left). The page sends it as a save's edit of the path `沿用上年`
//! whose value is `部分 编号` ([`CONFIRM_PATH`]).

use super::yaml_edit::EditError;
use crate::load;
use crate::model::carried;
use crate::model::schema::top;
use crate::slice::Slice;
use crate::source::SourceFile;

/// The edit path that confirms a carried paragraph.
pub const CONFIRM_PATH: &str = top::CARRIED;

/// `text` with the carried paragraph named by `value` (`部分 编号`, as the
/// page has it) confirmed: every entry of that narrative and digest taken
/// out. Refused when no entry names it.
pub fn confirm(text: &str, value: &str) -> Result<String, EditError> {
    let Some((section, digest)) = carried::parse(value) else {
        return Err(EditError(format!(
            "无法识别要确认的段落“{}”",
            crate::diag::excerpt(value)
        )));
    };
    let loaded = load::load_str(SourceFile::new("数据文件", text));
    let report = loaded
        .report
        .ok_or_else(|| EditError("数据文件无法读取为年报".to_string()))?;
    let lines: Vec<(usize, usize)> = report
        .carried
        .iter()
        .filter(|e| carried::parse(&e.value) == Some((section, digest)))
        .map(|e| line_around(text, e.span.offset))
        .collect();
    if lines.is_empty() {
        return Err(EditError(
            "这一段已不在“沿用上年”中（已改写或已确认），页面已按文件的最新内容显示".to_string(),
        ));
    }
    let mut out = text.to_string();
    for (start, end) in lines.iter().rev() {
        out.replace_range(*start..*end, "");
    }
    if lines.len() == report.carried.len() {
        out = without_key(&out);
    }
    Ok(out)
}

/// The line `at` is on, with its line break.
fn line_around(text: &str, at: usize) -> (usize, usize) {
    let at = at.min(text.len());
    let start = text.slice_to(at).rfind('\n').map_or(0, |i| i + 1);
    let end = text
        .slice_from(at)
        .find('\n')
        .map_or(text.len(), |i| at + i + 1);
    (start, end)
}

/// `text` without the (now empty) `沿用上年:` line, the comment lines right
/// above it and one blank line above those.
fn without_key(text: &str) -> String {
    let key = format!("{}:", top::CARRIED);
    let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
    let Some(at) = lines.iter().position(|l| l.trim_end() == key) else {
        return text.to_string();
    };
    // Entries still under it (not ours): keep the key.
    if lines[at + 1..]
        .iter()
        .take_while(|l| l.starts_with([' ', '\t']) || l.trim().is_empty())
        .any(|l| l.trim_start().starts_with('-'))
    {
        return text.to_string();
    }
    let mut start = at;
    while start > 0 && lines[start - 1].starts_with('#') {
        start -= 1;
    }
    if start > 0 && lines[start - 1].trim().is_empty() {
        start -= 1;
    }
    lines.drain(start..=at);
    lines.concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn carried_file() -> String {
        let p = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/zibo-zhangdian-traffic-2024.yaml"
        );
        let prev = load::load_path(std::path::Path::new(p))
            .unwrap()
            .report
            .unwrap();
        crate::next_year::roll_forward(&prev, "2024.yaml").text()
    }

    #[test]
    fn confirming_takes_the_entry_out_and_the_key_with_the_last() {
        let text = carried_file();
        let report = load::load_str(SourceFile::new("a", text.as_str()))
            .report
            .unwrap();
        let all = carried::carried(&report);
        assert_eq!(all.len(), report.carried.len());
        let first = format!("{} {}", all[0].section, all[0].digest);
        let once = confirm(&text, &first).unwrap();
        let after = load::load_str(SourceFile::new("a", once.as_str()))
            .report
            .unwrap();
        assert_eq!(after.carried.len(), all.len() - 1);
        assert_eq!(after.overview.value, report.overview.value);
        assert!(confirm(&once, &first).unwrap_err().0.contains("已不在"));
        let mut rest = once;
        for c in &all[1..] {
            rest = confirm(&rest, &format!("{} {}", c.section, c.digest)).unwrap();
        }
        assert!(!rest.contains("\n沿用上年:"), "{rest}");
        assert!(!rest.contains("# 沿用上年："), "{rest}");
        assert!(rest.ends_with("完成。\n"), "{rest}");
        let done = load::load_str(SourceFile::new("a", rest.as_str()));
        assert!(done.report.unwrap().carried.is_empty());
        assert!(confirm(&rest, "胡乱").is_err());
    }
}
