//! What the preview adds to the rendered report: the diagnostics overlay,
//! its stylesheet, and the script that follows `/events` and swaps the page
//! in place. None of this is part of `build`'s output.

use crate::slice::Slice;
use serde_json::json;

use super::state::{Problem, Snapshot};
use crate::diag::Severity;
use crate::render::pages::Pages;

const STYLE: &str = include_str!("assets/overlay.css");

const SCRIPT: &str = include_str!("assets/live.js");

/// The preview's templates (`pages/`): what it adds to the head and to the
/// end of the body (every element marked `data-nianbao-preview`, so that
/// the script keeps them when it swaps in a new page), and the page shown
/// before any report could be rendered.
const TEMPLATES: &[(&str, &str)] = &[
    ("preview/head.html", include_str!("pages/head.html")),
    ("preview/tail.html", include_str!("pages/tail.html")),
    (
        "preview/placeholder.html",
        include_str!("pages/placeholder.html"),
    ),
    ("preview/refused.html", include_str!("pages/refused.html")),
];

fn render(name: &str, context: &tera::Context) -> String {
    static PAGES: std::sync::OnceLock<Pages> = std::sync::OnceLock::new();
    PAGES
        .get_or_init(|| Pages::new(&[TEMPLATES]))
        .render(name, context)
}

/// The page a browser gets for `/` without the session's token (an old
/// tab after a restart, a bookmark, the address typed without `?t=`).
pub fn refused_page() -> String {
    let mut context = tera::Context::new();
    context.insert("no_icon", crate::serve::NO_ICON);
    render("preview/refused.html", &context)
}

/// The page served at `/`: the last good report (or a placeholder) with the
/// preview's stylesheet, script, overlay and state added.
pub fn page(s: &Snapshot) -> String {
    let base = match &s.html {
        Some(html) => html.to_string(),
        None => placeholder(&s.file),
    };
    let mut context = tera::Context::new();
    context.insert("no_icon", crate::serve::NO_ICON);
    context.insert("style", STYLE);
    context.insert("script", SCRIPT);
    let head = render("preview/head.html", &context);
    let tail = render("preview/tail.html", &tail_context(s));
    let with_head = insert_before(&base, "</head>", &head, false);
    insert_before(&with_head, "</body>", &tail, true)
}

/// The state as JSON, as served at `/state.json` and embedded in the page.
pub fn state_json(s: &Snapshot) -> serde_json::Value {
    json!({
        "generation": s.generation,
        "file": s.file,
        "stale": s.stale,
        "errors": s.errors,
        "warnings": s.warnings,
        "problems": s.problems.iter().map(problem_json).collect::<Vec<_>>(),
    })
}

fn problem_json(p: &Problem) -> serde_json::Value {
    json!({
        "severity": p.severity.as_str(),
        "code": p.code,
        "message": p.message,
        "location": p.location,
        "label": p.label,
        "help": p.help,
        "cells": p.cells,
    })
}

/// The state as JSON for inside a `<script>` element: every `<` (only
/// ever inside a JSON string) written `\u003c`, which means the same, so
/// that `</script>` in a message cannot end the element.
fn state_script_json(s: &Snapshot) -> String {
    let text = state_json(s).to_string();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            c => out.push(c),
        }
    }
    out
}

/// The values of what the page gets at the end of its body: the overlay
/// panel (when there is something to show) and the state.
fn tail_context(s: &Snapshot) -> tera::Context {
    let mut context = tera::Context::new();
    context.insert("state", &state_script_json(s));
    context.insert("overlay", &(!s.problems.is_empty() || s.stale));
    context.insert("stale", &s.stale);
    context.insert("errors", &s.errors);
    let mut title = Vec::new();
    if s.errors > 0 {
        title.push(format!("{} 个错误", s.errors));
    }
    if s.warnings > 0 {
        title.push(format!("{} 个警告", s.warnings));
    }
    let notes = s.problems.len() - s.errors.min(s.problems.len());
    let title = if title.is_empty() {
        format!("{notes} 条提示")
    } else {
        format!("发现 {}", title.join("、"))
    };
    context.insert("title", &title);
    let problems: Vec<serde_json::Value> = s
        .problems
        .iter()
        .map(|p| {
            let (class, severity) = match p.severity {
                Severity::Error => ("nb-error", "错误"),
                Severity::Warning => ("nb-warning", "警告"),
                Severity::Info => ("nb-info", "提示"),
            };
            json!({
                "class": class,
                "severity": severity,
                "cells": !p.cells.is_empty(),
                "message": p.message,
                "code": p.code,
                "location": p.location,
                "label": p.label,
                "help": p.help,
            })
        })
        .collect();
    context.insert("problems", &problems);
    context
}

/// A page for when nothing could be rendered yet.
fn placeholder(file: &str) -> String {
    let mut context = tera::Context::new();
    context.insert("file", file);
    render("preview/placeholder.html", &context)
}

/// Inserts `what` before the first (or last) `tag`, matched without regard
/// to case; appends it when the tag is missing (a custom template).
fn insert_before(html: &str, tag: &str, what: &str, last: bool) -> String {
    let lower = html.to_ascii_lowercase();
    let at = if last {
        lower.rfind(tag)
    } else {
        lower.find(tag)
    };
    match at {
        Some(i) => format!("{}{what}{}", html.slice_to(i), html.slice_from(i)),
        None if !last => format!("{what}{html}"),
        None => format!("{html}{what}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn snapshot(problems: Vec<Problem>, stale: bool) -> Snapshot {
        Snapshot {
            generation: 7,
            html: Some(Arc::from(
                "<html><head><title>t</title></head><body><main>报告</main></body></html>",
            )),
            document: None,
            stale,
            errors: problems
                .iter()
                .filter(|p| p.severity == Severity::Error)
                .count(),
            warnings: 0,
            problems: Arc::from(problems),
            file: "a.yaml".into(),
        }
    }

    #[test]
    fn clean_page_has_script_but_no_overlay() {
        let page = page(&snapshot(Vec::new(), false));
        assert!(page.contains("<main>报告</main>"));
        assert!(!page.contains("id=\"nianbao-overlay\""));
        assert!(page.find("EventSource").unwrap() < page.find("</head>").unwrap());
        assert!(page.contains("\"generation\":7"));
    }

    #[test]
    fn overlay_lists_problems_escaped() {
        let p = Problem {
            severity: Severity::Error,
            code: "T3-ROWSUM".into(),
            message: "“x”的总计与各列之和不符</script><b>".into(),
            location: Some("a.yaml:3:5".into()),
            label: Some("应为 6".into()),
            help: None,
            cells: vec![{
                use crate::model::official::{T3Role, t3_index, t3_rows};
                let ed = crate::model::Edition::E2021;
                crate::model::path::table3_cell(&t3_rows(ed)[t3_index(ed, T3Role::Received)], 6)
            }],
        };
        let page = page(&snapshot(vec![p], true));
        assert!(page.contains("发现 1 个错误"));
        assert!(page.contains("a.yaml:3:5"));
        assert!(page.contains("上次成功生成"));
        assert!(page.contains("&lt;/script&gt;&lt;b&gt;"));
        assert!(!page.contains("不符</script>"));
        assert!(page.contains("\\u003c/script>"));
    }

    #[test]
    fn missing_tags_still_get_the_additions() {
        let s = insert_before("<p>x</p>", "</body>", "[tail]", true);
        assert_eq!(s, "<p>x</p>[tail]");
        let s = insert_before("<HEAD></HEAD>", "</head>", "[h]", false);
        assert_eq!(s, "<HEAD>[h]</HEAD>");
    }
}
