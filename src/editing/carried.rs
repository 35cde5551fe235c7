//! 确认沿用: a paragraph carried from last year's report
//! ([`crate::model::carried`]) confirmed as this year's text, by taking
//! its entry out of `沿用上年` with the entries of `沿用数字` of the figures
//! in it (and each key with its comments when no entry is left). The page
//! sends it as a save's edit of the path `沿用上年` whose value is
//! `部分 编号` ([`CONFIRM_PATH`]). 确认本年仍为此数: one figure confirmed, by
//! taking one entry of its narrative and figure out of `沿用数字`; the page
//! sends it as an edit of `沿用数字` whose value is `部分 数字`
//! ([`CONFIRM_FIGURE_PATH`]).

use super::yaml_edit::EditError;
use crate::load;
use crate::model::Report;
use crate::model::carried;
use crate::model::schema::top;
use crate::slice::Slice;
use crate::source::SourceFile;

/// The edit path that confirms a carried paragraph.
pub const CONFIRM_PATH: &str = top::CARRIED;

/// The edit path that confirms a carried figure.
pub const CONFIRM_FIGURE_PATH: &str = top::CARRIED_FIGURES;

/// `text` with the carried paragraph named by `value` (`部分 编号`, as the
/// page has it) confirmed: every entry of that narrative and digest taken
/// out, and the entries of the figures marked in it. Refused when no entry
/// names it.
pub fn confirm(text: &str, value: &str) -> Result<String, EditError> {
    let Some((section, digest)) = carried::parse(value) else {
        return Err(EditError(format!(
            "无法识别要确认的段落“{}”",
            crate::diag::excerpt(value)
        )));
    };
    let report = loaded(text)?;
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
    // The figures marked in that paragraph, by their entries' order.
    let paragraph = carried::carried(&report)
        .into_iter()
        .find(|c| c.section == section && c.digest == digest)
        .map(|c| c.index);
    let mut tokens: Vec<&str> = carried::carried_figures(&report)
        .into_iter()
        .filter(|f| f.section == section && Some(f.paragraph) == paragraph)
        .map(|f| f.token)
        .collect();
    let mut figure_lines = Vec::new();
    for e in &report.carried_figures {
        let Some((s, token, _)) = carried::parse_figure(&e.value) else {
            continue;
        };
        if let Some(k) = tokens.iter().position(|t| s == section && *t == token) {
            tokens.remove(k);
            figure_lines.push(line_around(text, e.span.offset));
        }
    }
    let all_figures = figure_lines.len() == report.carried_figures.len();
    let mut out = without_lines(text, lines.iter().chain(&figure_lines));
    if lines.len() == report.carried.len() {
        out = without_key(&out, top::CARRIED);
    }
    if all_figures && !figure_lines.is_empty() {
        out = without_key(&out, top::CARRIED_FIGURES);
    }
    Ok(out)
}

/// `text` with one figure confirmed: the first entry of `沿用数字` naming
/// the narrative and figure of `value` (`部分 数字`) taken out. Refused
/// when none does.
pub fn confirm_figure(text: &str, value: &str) -> Result<String, EditError> {
    let Some((section, token, _)) = carried::parse_figure(value) else {
        return Err(EditError(format!(
            "无法识别要确认的数字“{}”",
            crate::diag::excerpt(value)
        )));
    };
    let report = loaded(text)?;
    let Some(entry) = report.carried_figures.iter().find(|e| {
        carried::parse_figure(&e.value).is_some_and(|(s, t, _)| s == section && t == token)
    }) else {
        return Err(EditError(
            "这个数字已不在“沿用数字”中（已改写或已确认），页面已按文件的最新内容显示".to_string(),
        ));
    };
    let line = line_around(text, entry.span.offset);
    let mut out = without_lines(text, [line].iter());
    if report.carried_figures.len() == 1 {
        out = without_key(&out, top::CARRIED_FIGURES);
    }
    Ok(out)
}

/// The report `text` holds.
fn loaded(text: &str) -> Result<Report, EditError> {
    load::load_str(SourceFile::new("数据文件", text))
        .report
        .ok_or_else(|| EditError("数据文件无法读取为年报".to_string()))
}

/// `text` without the byte ranges `lines` (whole lines, none overlapping).
fn without_lines<'a>(text: &str, lines: impl Iterator<Item = &'a (usize, usize)>) -> String {
    let mut lines: Vec<(usize, usize)> = lines.copied().collect();
    lines.sort_unstable();
    lines.dedup();
    let mut out = text.to_string();
    for (start, end) in lines.iter().rev() {
        out.replace_range(*start..*end, "");
    }
    out
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

/// `text` without the (now empty) `key:` line, the comment lines right
/// above it and one blank line above those.
fn without_key(text: &str, key: &str) -> String {
    let key = format!("{key}:");
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
        assert!(!rest.contains("沿用数字"), "{rest}");
        let done = load::load_str(SourceFile::new("a", rest.as_str()));
        let done = done.report.unwrap();
        assert!(done.carried.is_empty());
        assert!(done.carried_figures.is_empty());
        assert!(confirm(&rest, "胡乱").is_err());
    }

    fn report(text: &str) -> crate::model::Report {
        load::load_str(SourceFile::new("a", text)).report.unwrap()
    }

    #[test]
    fn a_figure_stays_marked_however_its_paragraph_is_edited() {
        let text = carried_file();
        let before = report(&text);
        let figures = carried::carried_figures(&before);
        let fourteen = figures
            .iter()
            .find(|f| f.token == "14件")
            .expect("政协提案14件 is carried");
        assert_eq!(fourteen.section, "其他事项.正文");
        assert!(fourteen.sentence.contains("政协提案14件"), "{fourteen:?}");
        // Another word of its paragraph edited: the paragraph is no longer
        // carried, the figure still is.
        let edited = text.replacen("政协提案14件", "政协委员提案14件", 1);
        let after = report(&edited);
        assert!(
            carried::carried(&after)
                .iter()
                .all(|c| !c.text.contains("14件"))
        );
        assert!(
            carried::carried_figures(&after)
                .iter()
                .any(|f| f.token == "14件")
        );
        // Changed: no longer marked.
        let changed = edited.replacen("政协委员提案14件", "政协委员提案16件", 1);
        assert!(
            carried::carried_figures(&report(&changed))
                .iter()
                .all(|f| f.token != "14件")
        );
        // Confirmed: its line goes, the others stay.
        let confirmed = confirm_figure(&edited, "其他事项.正文 14件").unwrap();
        let left = report(&confirmed);
        assert_eq!(left.carried_figures.len(), before.carried_figures.len() - 1);
        assert!(
            carried::carried_figures(&left)
                .iter()
                .all(|f| f.token != "14件")
        );
        assert!(
            confirm_figure(&confirmed, "其他事项.正文 14件")
                .unwrap_err()
                .0
                .contains("已不在")
        );
        assert!(confirm_figure(&confirmed, "胡乱").is_err());
    }
}
