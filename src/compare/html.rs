//! A comparison as one self-contained HTML page for a reviewer: a table of
//! the changed figures with the large ones highlighted, the narrative's
//! changes with deletions struck through and insertions underlined. Every
//! text from the reports is escaped.

use serde_json::{Value, json};

use super::cells::CellChange;
use super::cells::Which;
use super::markdown::{describe, threshold_text};
use super::narrative::{Edit, Piece, SectionDiff};
use super::{Batch, Comparison, Folders};
use crate::diag::visible;
use crate::render::pages::Pages;

const STYLE: &str = "body{font-family:\"Noto Sans CJK SC\",\"Microsoft YaHei\",sans-serif;margin:2em auto;max-width:72em;color:#222;line-height:1.6}\
table{border-collapse:collapse;font-size:14px;margin:.5em 0 1.5em}th,td{border:1px solid #bbb;padding:4px 8px;vertical-align:top}\
th{background:#eee;text-align:left;white-space:nowrap}td.part,td.flag{white-space:nowrap}td.n{text-align:right;white-space:nowrap}code{font-size:13px;color:#555}\
tr.large td{background:#fff0d0}tr.large td.flag{color:#a40;font-weight:bold}\
.side{margin:.2em 0}.note{color:#a40}del{background:#fdd;color:#900}ins{background:#dfd;color:#060;text-decoration:underline}\
p.para{margin:.4em 0;padding:.3em .6em;border-left:4px solid #ccc}p.added{border-color:#6a6}p.removed{border-color:#c66}p.changed{border-color:#c90}\
.kind{font-size:12px;color:#666;margin-right:.5em}";

/// The comparison page's template (`pages/`), by name: the server's
/// version page extends it.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("compare/page.html", include_str!("pages/page.html")),
    (
        "compare/comparison.html",
        include_str!("pages/comparison.html"),
    ),
    ("compare/sum.html", include_str!("pages/sum.html")),
];

/// The comparison's templates, loaded once.
fn pages() -> &'static Pages {
    static PAGES: std::sync::OnceLock<Pages> = std::sync::OnceLock::new();
    PAGES.get_or_init(|| Pages::new(&[TEMPLATES]))
}

/// The batch as an HTML page.
pub fn render(batch: &Batch) -> String {
    pages().render("compare/page.html", &context(batch))
}

/// The web page of a sum (`nianbao aggregate --html`, issue 65): the
/// county's figures and each source's against last year as charts, each
/// with its table.
pub fn sum_page(view: &crate::batch::aggregate_run::SumView<'_>) -> String {
    let units: Vec<super::charts::UnitYears<'_>> = view
        .units
        .iter()
        .map(|(now, before)| super::charts::UnitYears {
            unit: &now.agency.value,
            now: Some(now),
            before: before.as_ref(),
        })
        .collect();
    let year = i64::from(view.year);
    let charts = super::charts::county_charts(
        Some((Some(view.sum), view.prev.as_ref())),
        &units,
        &super::charts::Years::of(year, year - 1),
    );
    let mut context = tera::Context::new();
    context.insert(
        "title",
        &shown(&format!(
            "{} {} 年度汇总：图表",
            view.sum.agency.value, view.year
        )),
    );
    context.insert("style", &format!("{STYLE}{}", crate::render::charts::STYLE));
    context.insert("sources", &view.units.len());
    context.insert("charts", &charts);
    pages().render("compare/sum.html", &context)
}

/// The values of the page of `batch`: its title, style, threshold, the
/// folders' account and each comparison. Every text from the reports has
/// its control characters shown (the template escapes it).
pub fn context(batch: &Batch) -> tera::Context {
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
    let mut context = tera::Context::new();
    context.insert("title", &shown(&title));
    let charts = charts(batch);
    if charts.is_empty() {
        context.insert("style", STYLE);
    } else {
        context.insert("style", &format!("{STYLE}{}", crate::render::charts::STYLE));
    }
    context.insert("charts", &charts);
    context.insert("threshold", &shown(&threshold_text(batch)));
    context.insert("folders", &batch.folders.as_ref().map(folders));
    context.insert("level", &if batch.folders.is_some() { 3 } else { 2 });
    let comparisons: Vec<Value> = batch.comparisons.iter().map(comparison).collect();
    context.insert("comparisons", &comparisons);
    context
}

/// Two folders' figures as charts, agency by agency, the old against the
/// new, a large change pointed out ([`super::charts`]); none for one pair.
fn charts(batch: &Batch) -> Vec<String> {
    if batch.folders.is_none() || batch.comparisons.is_empty() {
        return Vec::new();
    }
    let units: Vec<super::charts::UnitYears<'_>> = batch
        .comparisons
        .iter()
        .map(|c| super::charts::UnitYears {
            unit: &c.new.report.agency.value,
            now: Some(&c.new.report),
            before: Some(&c.old.report),
        })
        .collect();
    let year = |f: fn(&super::Comparison) -> i32| {
        batch.comparisons.iter().map(f).max().unwrap_or(0) as i64
    };
    let years = super::charts::Years::of(
        year(|c| c.new.report.year.value),
        year(|c| c.old.report.year.value),
    );
    super::charts::county_charts(None, &units, &years)
}

/// Text with its control characters shown, never sent.
fn shown(text: &str) -> String {
    visible(text).into_owned()
}

/// What was not compared in two folders, and the notes.
fn folders(f: &Folders) -> Value {
    let lists: Vec<Value> = f
        .lists()
        .into_iter()
        .filter(|(_, l)| !l.is_empty())
        .map(|(heading, list)| {
            let items: Vec<Value> = list
                .iter()
                .map(|l| {
                    json!({
                        "who": shown(l.who()),
                        "file": shown(&l.file.display().to_string()),
                        "why": shown(&l.why),
                    })
                })
                .collect();
            json!({ "heading": heading, "items": items })
        })
        .collect();
    let notes: Vec<String> = f.notes.iter().map(|n| shown(n)).collect();
    json!({ "lists": lists, "notes": notes })
}

/// One comparison: the sides, the counts and every change.
fn comparison(c: &Comparison) -> Value {
    let sides: Vec<Value> = [("旧", &c.old), ("新", &c.new)]
        .into_iter()
        .map(|(name, side)| {
            let notes: Vec<String> = side.notes.iter().map(|n| shown(n)).collect();
            json!({ "name": name, "describe": shown(&describe(side)), "notes": notes })
        })
        .collect();
    let (added, removed, modified) = c.text_counts();
    let fields: Vec<Value> = c
        .fields
        .iter()
        .map(|f| json!({ "path": shown(&f.path), "old": shown(&f.old), "new": shown(&f.new) }))
        .collect();
    let (figures, gaps): (Vec<&CellChange>, Vec<&CellChange>) =
        c.cells.changes.iter().partition(|ch| ch.change.is_some());
    let biggest = c.biggest(super::markdown::BIGGEST);
    let biggest = if figures.len() > biggest.len() {
        changes(&biggest)
    } else {
        Vec::new()
    };
    let sections: Vec<Value> = c
        .text
        .iter()
        .filter(|s| !s.edits.is_empty() || s.not_compared > 0)
        .map(section)
        .collect();
    json!({
        "title": shown(&c.title()),
        "agency": shown(c.new.agency()),
        "old_file": shown(&c.old.file.display().to_string()),
        "new_file": shown(&c.new.file.display().to_string()),
        "sides": sides,
        "paired": c.cells.paired,
        "changed": c.changed(),
        "large": c.large(),
        "gaps": shown(&super::markdown::gaps_text(c)),
        "added": added,
        "removed": removed,
        "modified": modified,
        "fields": fields,
        "any_change": !c.cells.changes.is_empty(),
        "biggest": biggest,
        "figures": changes(&figures),
        "gap_list": changes(&gaps),
        "unmatched": unmatched(c),
        "old_edition": c.old.report.edition().to_string(),
        "new_edition": c.new.report.edition().to_string(),
        "sections": sections,
    })
}

/// Changed figures, for a table that highlights the large ones.
fn changes(list: &[&CellChange]) -> Vec<Value> {
    list.iter()
        .map(|ch| {
            json!({
                "large": ch.large,
                "part": ch.part.short(),
                "label": shown(&ch.label),
                "path": shown(&ch.path),
                "old_path": ch.old_path.as_deref().map(shown),
                "old": shown(ch.old.text()),
                "new": shown(ch.new.text()),
                "change": ch.change.map_or_else(|| "—".to_string(), |d| d.signed()),
                "ratio": ch.ratio.map_or_else(|| "—".to_string(), super::figure::percent),
            })
        })
        .collect()
}

/// The items only one report's edition has.
fn unmatched(c: &Comparison) -> Vec<Value> {
    c.cells
        .unmatched
        .iter()
        .map(|u| {
            json!({
                "side": match u.side {
                    Which::Old => "旧",
                    Which::New => "新",
                },
                "part": u.part.short(),
                "label": shown(&u.label),
                "path": shown(&u.path),
                "value": shown(u.slot.text()),
            })
        })
        .collect()
}

/// One section's changed paragraphs.
fn section(s: &SectionDiff) -> Value {
    let edits: Vec<Value> = s
        .edits
        .iter()
        .map(|e| match e {
            Edit::Added(t) => json!({ "kind": "added", "text": shown(t) }),
            Edit::Removed(t) => json!({ "kind": "removed", "text": shown(t) }),
            Edit::Changed { pieces, .. } => {
                let pieces: Vec<Value> = pieces
                    .iter()
                    .map(|p| match p {
                        Piece::Same(t) => json!({ "kind": "same", "text": shown(t) }),
                        Piece::Deleted(t) => json!({ "kind": "deleted", "text": shown(t) }),
                        Piece::Inserted(t) => json!({ "kind": "inserted", "text": shown(t) }),
                    })
                    .collect();
                json!({ "kind": "changed", "pieces": pieces })
            }
        })
        .collect();
    json!({
        "heading": shown(s.heading),
        "old": s.paragraphs.0,
        "new": s.paragraphs.1,
        "unchanged": s.unchanged,
        "not_compared": s.not_compared,
        "edits": edits,
    })
}
