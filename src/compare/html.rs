//! A comparison as one self-contained HTML page for a reviewer: a table of
//! the changed figures with the large ones highlighted, the narrative's
//! changes with deletions struck through and insertions underlined. Every
//! text from the reports is escaped.

use std::fmt::Write;

use super::cells::CellChange;
use super::cells::Which;
use super::markdown::{describe, threshold_text};
use super::narrative::{Edit, Piece, SectionDiff};
use super::{Batch, Comparison, Folders};
use crate::diag::visible;
use crate::render::escape::escape_html;
use crate::render::pages::Pages;

const STYLE: &str = "body{font-family:\"Noto Sans CJK SC\",\"Microsoft YaHei\",sans-serif;margin:2em auto;max-width:72em;color:#222;line-height:1.6}\
table{border-collapse:collapse;font-size:14px;margin:.5em 0 1.5em}th,td{border:1px solid #bbb;padding:4px 8px;vertical-align:top}\
th{background:#eee;text-align:left;white-space:nowrap}td.part,td.flag{white-space:nowrap}td.n{text-align:right;white-space:nowrap}code{font-size:13px;color:#555}\
tr.large td{background:#fff0d0}tr.large td.flag{color:#a40;font-weight:bold}\
.side{margin:.2em 0}.note{color:#a40}del{background:#fdd;color:#900}ins{background:#dfd;color:#060;text-decoration:underline}\
p.para{margin:.4em 0;padding:.3em .6em;border-left:4px solid #ccc}p.added{border-color:#6a6}p.removed{border-color:#c66}p.changed{border-color:#c90}\
.kind{font-size:12px;color:#666;margin-right:.5em}";

/// Escaped text with control characters shown, never sent.
fn esc(text: &str) -> String {
    escape_html(&visible(text))
}

/// The comparison page's template (`pages/`), by name: the server's
/// version page extends it.
pub const TEMPLATES: &[(&str, &str)] = &[("compare/page.html", include_str!("pages/page.html"))];

/// The batch as an HTML page.
pub fn render(batch: &Batch) -> String {
    static PAGES: std::sync::OnceLock<Pages> = std::sync::OnceLock::new();
    PAGES
        .get_or_init(|| Pages::new(&[TEMPLATES]))
        .render("compare/page.html", &context(batch))
}

/// The values of the page of `batch`: its title, style and body.
pub fn context(batch: &Batch) -> tera::Context {
    let mut body = String::new();
    let title = match &batch.folders {
        None => batch.comparisons.first().map_or_else(
            || "年报对比".to_string(),
            |c| format!("年报对比：{}", c.title()),
        ),
        Some(f) => format!(
            "年报对比：{} 与 {}",
            f.old_dir.display(),
            f.new_dir.display()
        ),
    };
    let _ = writeln!(body, "<h1>{}</h1>", esc(&title));
    let _ = writeln!(body, "<p>大幅变化：{}。</p>", esc(&threshold_text(batch)));
    let level = match &batch.folders {
        None => 2,
        Some(f) => {
            folders(&mut body, f, batch);
            3
        }
    };
    for c in &batch.comparisons {
        if batch.folders.is_some() {
            let _ = writeln!(body, "<h2>{}</h2>", esc(&c.title()));
        }
        comparison(&mut body, c, level);
    }
    let mut context = tera::Context::new();
    context.insert("title", &visible(&title));
    context.insert("style", STYLE);
    context.insert("body", &body);
    context
}

fn folders(body: &mut String, f: &Folders, batch: &Batch) {
    let _ = writeln!(
        body,
        "<p>按机关名称对照（名称前多写了地区的视为同一机关），共对照 {} 个机关。</p>",
        batch.comparisons.len()
    );
    if !batch.comparisons.is_empty() {
        body.push_str("<table>\n<thead><tr><th>机关</th><th>旧文件</th><th>新文件</th><th>变化的数字</th><th>大幅变化</th><th>正文变化的段落</th></tr></thead>\n<tbody>\n");
        for c in &batch.comparisons {
            let (a, r, m) = c.text_counts();
            let _ = writeln!(
                body,
                "<tr{}><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                if c.large() > 0 {
                    " class=\"large\""
                } else {
                    ""
                },
                esc(c.new.agency()),
                esc(&c.old.file.display().to_string()),
                esc(&c.new.file.display().to_string()),
                c.changed(),
                c.large(),
                a + r + m
            );
        }
        body.push_str("</tbody>\n</table>\n");
    }
    for (heading, list) in f.lists().into_iter().filter(|(_, l)| !l.is_empty()) {
        let _ = writeln!(body, "<h2>{heading}</h2>\n<ul>");
        for l in list {
            let _ = writeln!(
                body,
                "<li>{}（{}）：{}</li>",
                esc(l.who()),
                esc(&l.file.display().to_string()),
                esc(&l.why)
            );
        }
        body.push_str("</ul>\n");
    }
    if !f.notes.is_empty() {
        body.push_str("<h2>注意</h2>\n<ul>\n");
        for n in &f.notes {
            let _ = writeln!(body, "<li>{}</li>", esc(n));
        }
        body.push_str("</ul>\n");
    }
}

fn comparison(body: &mut String, c: &Comparison, h: usize) {
    for (name, side) in [("旧", &c.old), ("新", &c.new)] {
        let _ = writeln!(
            body,
            "<p class=\"side\"><b>{name}</b>：{}</p>",
            esc(&describe(side))
        );
        for n in &side.notes {
            let _ = writeln!(body, "<p class=\"side note\">注意：{}</p>", esc(n));
        }
    }
    let (a, r, m) = c.text_counts();
    let _ = writeln!(
        body,
        "<p>对照数字 {} 项，变化 {} 项，其中<b>大幅变化 {} 项</b>；{}未能对照 {} 项。正文新增 {a} 段、删除 {r} 段、修改 {m} 段。</p>",
        c.cells.paired,
        c.changed(),
        c.large(),
        esc(&super::markdown::gaps_text(c)),
        c.cells.unmatched.len()
    );
    if !c.fields.is_empty() {
        let _ = writeln!(
            body,
            "<h{h}>其他字段</h{h}>\n<table>\n<thead><tr><th>数据路径</th><th>旧</th><th>新</th></tr></thead>\n<tbody>"
        );
        for f in &c.fields {
            let _ = writeln!(
                body,
                "<tr><td><code>{}</code></td><td>{}</td><td>{}</td></tr>",
                esc(&f.path),
                esc(&f.old),
                esc(&f.new)
            );
        }
        body.push_str("</tbody>\n</table>\n");
    }
    changes(body, c, h);
    unmatched(body, c, h);
    for s in c
        .text
        .iter()
        .filter(|s| !s.edits.is_empty() || s.not_compared > 0)
    {
        section(body, s, h);
    }
}

fn changes(body: &mut String, c: &Comparison, h: usize) {
    let _ = writeln!(body, "<h{h}>表格数字</h{h}>");
    if c.cells.changes.is_empty() {
        body.push_str("<p>没有变化。</p>\n");
        return;
    }
    let (figures, gaps): (Vec<&CellChange>, Vec<&CellChange>) =
        c.cells.changes.iter().partition(|ch| ch.change.is_some());
    let biggest = c.biggest(super::markdown::BIGGEST);
    if figures.len() > biggest.len() {
        let _ = writeln!(
            body,
            "<h{}>变化最大的 {} 项</h{}>\n<p>大幅变化在前，其余按变化量的大小排列；全部变化按表格顺序列在后面。</p>",
            h + 1,
            biggest.len(),
            h + 1
        );
        table(body, &biggest);
        let _ = writeln!(body, "<h{}>全部变化</h{}>", h + 1, h + 1);
    }
    if !figures.is_empty() {
        table(body, &figures);
    }
    if !gaps.is_empty() {
        let _ = writeln!(
            body,
            "<h{}>一方为空或未能读出的项目</h{}>\n<p>空白不等于 0：请核对原报告。</p>",
            h + 1,
            h + 1
        );
        table(body, &gaps);
    }
}

/// A table of changed figures, the large ones highlighted.
fn table(body: &mut String, changes: &[&CellChange]) {
    body.push_str("<table>\n<thead><tr><th>所在</th><th>项目</th><th>数据路径</th><th>旧</th><th>新</th><th>变化</th><th>比率</th><th>大幅</th></tr></thead>\n<tbody>\n");
    for ch in changes {
        let path = match &ch.old_path {
            Some(old) => format!(
                "<code>{}</code><br>旧：<code>{}</code>",
                esc(&ch.path),
                esc(old)
            ),
            None => format!("<code>{}</code>", esc(&ch.path)),
        };
        let _ = writeln!(
            body,
            "<tr{}><td class=\"part\">{}</td><td>{}</td><td>{path}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"flag\">{}</td></tr>",
            if ch.large { " class=\"large\"" } else { "" },
            ch.part.short(),
            esc(&ch.label),
            esc(ch.old.text()),
            esc(ch.new.text()),
            ch.change.map_or_else(|| "—".to_string(), |d| d.signed()),
            ch.ratio
                .map_or_else(|| "—".to_string(), super::figure::percent),
            if ch.large { "大幅" } else { "" }
        );
    }
    body.push_str("</tbody>\n</table>\n");
}

fn unmatched(body: &mut String, c: &Comparison, h: usize) {
    if c.cells.unmatched.is_empty() {
        return;
    }
    let _ = writeln!(
        body,
        "<h{h}>未能对照的项目</h{h}>\n<p>两份报告的格式版本不同（{} 版与 {} 版），下列项目只在一份中有：</p>\n<table>\n<thead><tr><th>所在</th><th>项目</th><th>数据路径</th><th>值</th></tr></thead>\n<tbody>",
        c.old.report.edition(),
        c.new.report.edition()
    );
    for u in &c.cells.unmatched {
        let side = match u.side {
            Which::Old => "旧",
            Which::New => "新",
        };
        let _ = writeln!(
            body,
            "<tr><td class=\"part\">{side}（{}）</td><td>{}</td><td><code>{}</code></td><td class=\"n\">{}</td></tr>",
            u.part.short(),
            esc(&u.label),
            esc(&u.path),
            esc(u.slot.text())
        );
    }
    body.push_str("</tbody>\n</table>\n");
}

fn section(body: &mut String, s: &SectionDiff, h: usize) {
    let _ = writeln!(
        body,
        "<h{h}>正文：{}</h{h}>\n<p>旧 {} 段，新 {} 段，未变 {} 段。</p>",
        esc(s.heading),
        s.paragraphs.0,
        s.paragraphs.1,
        s.unchanged
    );
    if s.not_compared > 0 {
        let _ = writeln!(
            body,
            "<p class=\"note\">段落过多，另有 {} 段未比较。</p>",
            s.not_compared
        );
    }
    for e in &s.edits {
        match e {
            Edit::Added(t) => {
                let _ = writeln!(
                    body,
                    "<p class=\"para added\"><span class=\"kind\">新增</span><ins>{}</ins></p>",
                    esc(t)
                );
            }
            Edit::Removed(t) => {
                let _ = writeln!(
                    body,
                    "<p class=\"para removed\"><span class=\"kind\">删除</span><del>{}</del></p>",
                    esc(t)
                );
            }
            Edit::Changed { pieces, .. } => {
                let mut text = String::new();
                for p in pieces {
                    match p {
                        Piece::Same(t) => text.push_str(&esc(t)),
                        Piece::Deleted(t) => {
                            let _ = write!(text, "<del>{}</del>", esc(t));
                        }
                        Piece::Inserted(t) => {
                            let _ = write!(text, "<ins>{}</ins>", esc(t));
                        }
                    }
                }
                let _ = writeln!(
                    body,
                    "<p class=\"para changed\"><span class=\"kind\">修改</span>{text}</p>"
                );
            }
        }
    }
}
