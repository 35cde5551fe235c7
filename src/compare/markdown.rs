//! A comparison as Markdown: what changed, the large changes marked, the
//! narrative's paragraphs added, removed and changed.

use std::fmt::Write;

use super::cells::{CellChange, Which};
use super::narrative::{Edit, Piece, SectionDiff};
use super::side::{Origin, Side};
use super::{Batch, Comparison, Folders, Threshold};
use crate::render::escape::markdown_inline as esc;

/// The batch as a Markdown document.
pub fn render(batch: &Batch) -> String {
    let mut out = String::new();
    match &batch.folders {
        None => {
            for c in &batch.comparisons {
                let _ = writeln!(out, "# 年报对比：{}\n", esc(&c.title()));
                comparison(&mut out, c, batch, 2);
            }
        }
        Some(f) => {
            folders(&mut out, f, batch);
            for c in &batch.comparisons {
                let _ = writeln!(out, "## {}\n", esc(&c.title()));
                comparison(&mut out, c, batch, 3);
            }
        }
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// The rule for large changes, as printed.
pub fn threshold_text(batch: &Batch) -> String {
    format!(
        "变化幅度（比率）绝对值不小于 {}%，且变化量绝对值不小于 {}（件或万元）；上年为 0 的按变化量判断；变化量绝对值不小于 {} 的不论比率都算",
        batch.threshold.percent,
        batch.threshold.min_change,
        batch.threshold.min_change * Threshold::HUGE
    )
}

fn folders(out: &mut String, f: &Folders, batch: &Batch) {
    let _ = writeln!(
        out,
        "# 年报对比：{} 与 {}\n",
        esc(&f.old_dir.display().to_string()),
        esc(&f.new_dir.display().to_string())
    );
    let _ = writeln!(
        out,
        "按机关名称对照（名称前多写了地区的，如“淄博市张店区审计局”与“张店区审计局”，视为同一机关）。共对照 {} 个机关。\n\n大幅变化：{}。\n",
        batch.comparisons.len(),
        threshold_text(batch)
    );
    if !batch.comparisons.is_empty() {
        out.push_str("| 机关 | 旧文件 | 新文件 | 变化的数字 | 大幅变化 | 正文变化的段落 |\n|---|---|---|---:|---:|---:|\n");
        for c in &batch.comparisons {
            let (a, r, m) = c.text_counts();
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                esc(c.new.agency()),
                esc(&c.old.file.display().to_string()),
                esc(&c.new.file.display().to_string()),
                c.changed(),
                c.large(),
                a + r + m
            );
        }
        out.push('\n');
    }
    for (heading, list) in f.lists().into_iter().filter(|(_, l)| !l.is_empty()) {
        let _ = writeln!(out, "## {heading}\n");
        for l in list {
            let _ = writeln!(
                out,
                "- {}（{}）：{}",
                esc(l.who()),
                esc(&l.file.display().to_string()),
                esc(&l.why)
            );
        }
        out.push('\n');
    }
    if !f.notes.is_empty() {
        out.push_str("## 注意\n\n");
        for n in &f.notes {
            let _ = writeln!(out, "- {}", esc(n));
        }
        out.push('\n');
    }
}

/// How a side is described: file, kind, agency, year, edition.
pub fn describe(side: &Side) -> String {
    let kind = match &side.origin {
        Origin::Data => "数据文件".to_string(),
        Origin::Published(format) => format!("已公布的年报，{format}，经导入识别"),
    };
    let agency = if side.agency().is_empty() {
        "机关未识别"
    } else {
        side.agency()
    };
    format!(
        "{}（{kind}）：{agency}，{}，{} 版格式",
        side.file.display(),
        super::year_text(side.report.year.value),
        side.report.edition()
    )
}

fn comparison(out: &mut String, c: &Comparison, batch: &Batch, level: usize) {
    let h = "#".repeat(level);
    for (name, side) in [("旧", &c.old), ("新", &c.new)] {
        let _ = writeln!(out, "- {name}：{}", esc(&describe(side)));
        for n in &side.notes {
            let _ = writeln!(out, "  - 注意：{}", esc(n));
        }
    }
    if batch.folders.is_none() {
        let _ = writeln!(out, "- 大幅变化：{}", threshold_text(batch));
    }
    let (a, r, m) = c.text_counts();
    let _ = writeln!(
        out,
        "\n对照数字 {} 项，变化 {} 项，其中大幅变化 {} 项；{}未能对照 {} 项。正文新增 {a} 段、删除 {r} 段、修改 {m} 段。\n",
        c.cells.paired,
        c.changed(),
        c.large(),
        gaps_text(c),
        c.cells.unmatched.len()
    );
    if !c.fields.is_empty() {
        let _ = writeln!(out, "{h} 其他字段\n\n| 数据路径 | 旧 | 新 |\n|---|---|---|");
        for f in &c.fields {
            let _ = writeln!(out, "| `{}` | {} | {} |", f.path, esc(&f.old), esc(&f.new));
        }
        out.push('\n');
    }
    changes(out, c, &h);
    unmatched(out, c, &h);
    for s in c
        .text
        .iter()
        .filter(|s| !s.edits.is_empty() || s.not_compared > 0)
    {
        section(out, s, &h);
    }
}

fn changes(out: &mut String, c: &Comparison, h: &str) {
    if c.cells.changes.is_empty() {
        let _ = writeln!(out, "{h} 表格数字\n\n没有变化。\n");
        return;
    }
    let _ = writeln!(out, "{h} 表格数字\n");
    let (figures, gaps): (Vec<&CellChange>, Vec<&CellChange>) =
        c.cells.changes.iter().partition(|ch| ch.change.is_some());
    let biggest = c.biggest(BIGGEST);
    if figures.len() > biggest.len() {
        let _ = writeln!(
            out,
            "{h}# 变化最大的 {} 项\n\n大幅变化在前，其余按变化量的大小排列；全部变化按表格顺序列在后面。\n\n{TABLE_HEAD}",
            biggest.len()
        );
        for ch in biggest {
            row(out, ch);
        }
        out.push('\n');
    }
    for group in figures.chunk_by(|a, b| a.part == b.part) {
        let _ = writeln!(out, "{h}# {}\n\n{TABLE_HEAD}", group[0].part.heading());
        for ch in group {
            row(out, ch);
        }
        out.push('\n');
    }
    if !gaps.is_empty() {
        let _ = writeln!(
            out,
            "{h}# 一方为空或未能读出的项目\n\n空白不等于 0：请核对原报告。\n\n{TABLE_HEAD}"
        );
        for ch in gaps {
            row(out, ch);
        }
        out.push('\n');
    }
}

/// How many of the biggest changes lead the list.
pub const BIGGEST: usize = 10;

/// The number of figures empty or unread on one side, when there are any:
/// not counted as changes.
pub fn gaps_text(c: &Comparison) -> String {
    match c.gaps() {
        0 => String::new(),
        n => format!("另有 {n} 项一方为空或未能读出，不计为变化；"),
    }
}

/// The head of a table of changed figures.
const TABLE_HEAD: &str =
    "| 项目 | 数据路径 | 旧 | 新 | 变化 | 比率 | 大幅 |\n|---|---|---:|---:|---:|---:|---|";

fn row(out: &mut String, ch: &CellChange) {
    let path = match &ch.old_path {
        Some(old) => format!("`{}`（旧：`{old}`）", ch.path),
        None => format!("`{}`", ch.path),
    };
    let _ = writeln!(
        out,
        "| {} | {path} | {} | {} | {} | {} | {} |",
        esc(&ch.label),
        esc(ch.old.text()),
        esc(ch.new.text()),
        ch.change.map_or_else(|| "—".to_string(), |d| d.signed()),
        ch.ratio
            .map_or_else(|| "—".to_string(), super::figure::percent),
        if ch.large { "**大幅**" } else { "" }
    );
}

fn unmatched(out: &mut String, c: &Comparison, h: &str) {
    if c.cells.unmatched.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "{h} 未能对照的项目\n\n两份报告的格式版本不同（{} 版与 {} 版），下列项目只在一份中有：\n\n| 所在 | 项目 | 数据路径 | 值 |\n|---|---|---|---:|",
        c.old.report.edition(),
        c.new.report.edition()
    );
    for u in &c.cells.unmatched {
        let side = match u.side {
            Which::Old => "旧",
            Which::New => "新",
        };
        let _ = writeln!(
            out,
            "| {side}（{}） | {} | `{}` | {} |",
            u.part.short(),
            esc(&u.label),
            u.path,
            esc(u.slot.text())
        );
    }
    out.push('\n');
}

fn section(out: &mut String, s: &SectionDiff, h: &str) {
    let _ = writeln!(
        out,
        "{h} 正文：{}\n\n旧 {} 段，新 {} 段，未变 {} 段。\n",
        s.heading, s.paragraphs.0, s.paragraphs.1, s.unchanged
    );
    if s.not_compared > 0 {
        let _ = writeln!(out, "段落过多，另有 {} 段未比较。\n", s.not_compared);
    }
    for e in &s.edits {
        match e {
            Edit::Added(t) => {
                let _ = writeln!(out, "- 新增：{}", esc(t));
            }
            Edit::Removed(t) => {
                let _ = writeln!(out, "- 删除：~~{}~~", esc(t));
            }
            Edit::Changed { old, new, pieces } => {
                let _ = writeln!(
                    out,
                    "- 修改：\n  - 旧：{}\n  - 新：{}\n  - 改动：{}",
                    esc(old),
                    esc(new),
                    marked(pieces)
                );
            }
        }
    }
    out.push('\n');
}

/// A changed paragraph with its deletions struck through and its
/// insertions in bold.
fn marked(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Same(t) => esc(t),
            Piece::Deleted(t) => format!("~~{}~~", esc(t)),
            Piece::Inserted(t) => format!("**{}**", esc(t)),
        })
        .collect()
}
