//! Whether a reviewed document is a copy of this report at all: its body
//! kept (a document that lost its body, or most of its paragraphs, would
//! read as every paragraph deleted and blank the data), and, when it does
//! not record the digest of the data it was built from, its title naming
//! this report's agency and year (another unit's or another year's report
//! would otherwise be merged wholesale). Such a document is refused: its
//! changes are listed, none can be written.

use super::read::{Block, Reviewed};
use crate::model::Report;
use crate::model::names::normalize;
use crate::render::docx::id;

/// Why `reviewed` is not a reviewed copy of `report` (built as `built`),
/// in Chinese; `None` when it is. `digest_recorded`: whether it records the
/// digest of the data it was built from (then it is this tool's document
/// of this data or of an earlier version of it, and its title is not
/// held against the report).
pub(super) fn refusal(
    report: &Report,
    reviewed: &Reviewed,
    built: &Reviewed,
    digest_recorded: bool,
) -> Option<String> {
    let found = body_size(reviewed);
    let expected = body_size(built);
    if found.0 * 2 < expected.0 || found.1 * 2 < expected.1 {
        return Some(format!(
            "审签稿正文只有 {} 段（{} 字）有文字，由数据文件生成的年报有 {} 段（{} 字）：正文的大部分已经不在，不像是这份年报的审签稿，未导入，没有写入任何改动",
            found.0, found.1, expected.0, expected.1
        ));
    }
    if digest_recorded {
        return other_report(report, reviewed, built);
    }
    let reviewed_title = title(reviewed);
    let agency = normalize(&report.agency.value);
    let year = format!("{}年", report.year.value);
    let built_title = title(built);
    let names_agency = !built_title.contains(&agency) || reviewed_title.contains(&agency);
    let names_year = !built_title.contains(&year) || reviewed_title.contains(&year);
    if names_agency && names_year {
        return None;
    }
    Some(format!(
        "审签稿的标题“{}”没有写明本数据文件的机关“{}”和年度 {}，文件中也没有记录它由哪份数据生成：不像是这份年报的审签稿（可能是别的单位或别的年度的），未导入，没有写入任何改动",
        crate::diag::excerpt(reviewed_title.lines().next().unwrap_or_default()),
        report.agency.value,
        report.year.value
    ))
}

/// Why a document this tool built (it records a digest) from other data
/// is another report: its title as built (before the reviewers' tracked
/// edits) does not name this report's year, or its agency, where the title
/// built now does; said at once, naming both, instead of every paragraph
/// listed as a conflict. `None` when it is this report.
fn other_report(report: &Report, reviewed: &Reviewed, built: &Reviewed) -> Option<String> {
    let was = built_title(reviewed);
    let now = built_title(built);
    let agency = normalize(&report.agency.value);
    let year = format!("{}年", report.year.value);
    let other_year = now.contains(&year) && !was.contains(&year);
    let other_agency = now.contains(&agency) && !was.contains(&agency);
    if !other_year && !other_agency {
        return None;
    }
    let what = match (other_year, other_agency) {
        (true, true) => "另一个机关、另一个年度",
        (true, false) => "另一个年度",
        _ => "另一个机关",
    };
    let shown = built_title_text(reviewed).replace('\n', " ");
    Some(format!(
        "审签稿是{what}的年报（标题“{}”），不是本数据文件（{}，{} 年度）的审签稿：未导入，没有写入任何改动。请选择由本数据文件生成、经审签的 Word 文档",
        crate::diag::excerpt(&shown),
        report.agency.value,
        report.year.value
    ))
}

/// The title paragraphs of `r` as built (tracked insertions left out),
/// without spaces.
fn built_title(r: &Reviewed) -> String {
    normalize(&built_title_text(r))
}

/// The title paragraphs of `r` as built, as written.
fn built_title_text(r: &Reviewed) -> String {
    r.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Para(p) if p.style.as_deref() == Some(id::TITLE) => Some(p.old.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("")
}

/// The paragraphs and table cells with text, and their characters (each
/// in the longer of its two views).
fn body_size(r: &Reviewed) -> (usize, usize) {
    let mut size = (0, 0);
    let mut count = |old: &str, new: &str| {
        let chars = old
            .chars()
            .filter(|c| !c.is_whitespace())
            .count()
            .max(new.chars().filter(|c| !c.is_whitespace()).count());
        if chars > 0 {
            size.0 += 1;
            size.1 += chars;
        }
    };
    for block in &r.blocks {
        match block {
            Block::Para(p) => count(&p.old, &p.new),
            Block::Table(cells) => {
                for c in cells {
                    count(&c.old, &c.new);
                }
            }
        }
    }
    size
}

/// The title of `r` in both views, without spaces: its paragraphs in the
/// title style, else its first paragraph with text.
fn title(r: &Reviewed) -> String {
    let paragraphs = || {
        r.blocks.iter().filter_map(|b| match b {
            Block::Para(p) => Some(p),
            Block::Table(_) => None,
        })
    };
    let titled: Vec<_> = paragraphs()
        .filter(|p| p.style.as_deref() == Some(id::TITLE))
        .collect();
    let chosen = if titled.is_empty() {
        paragraphs()
            .find(|p| !p.old.trim().is_empty() || !p.new.trim().is_empty())
            .into_iter()
            .collect()
    } else {
        titled
    };
    chosen
        .iter()
        .map(|p| format!("{}\n{}", normalize(&p.old), normalize(&p.new)))
        .collect()
}
