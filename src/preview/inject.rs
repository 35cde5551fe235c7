//! What the preview adds to the rendered report: the diagnostics overlay,
//! its stylesheet, and the script that follows `/events` and swaps the page
//! in place. None of this is part of `build`'s output.

use serde_json::json;

use super::state::{Problem, Snapshot};
use crate::diag::Severity;
use crate::render::escape::escape_html;

/// Marks every element the preview adds, so that the script keeps them when
/// it swaps in a new page.
const MARK: &str = "data-nianbao-preview";

const STYLE: &str = r#"
#nianbao-overlay { position: fixed; right: 1rem; bottom: 1rem; z-index: 2147483000; box-sizing: border-box; width: min(30rem, calc(100vw - 2rem)); max-height: 45vh; display: flex; flex-direction: column; background: #fff; color: #1f1f1f; border: 1px solid #d0d0d0; border-top: 4px solid #c5221f; border-radius: 6px; box-shadow: 0 6px 24px rgba(0, 0, 0, .22); font: 14px/1.5 system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; text-align: left; text-indent: 0; }
#nianbao-overlay.nb-warnings-only { border-top-color: #e37400; }
#nianbao-overlay > header { display: flex; align-items: center; gap: .5rem; padding: .5rem .75rem; border-bottom: 1px solid #e6e6e6; }
#nianbao-overlay > header strong { flex: 1; font-size: 15px; }
#nianbao-overlay button { font: inherit; font-size: 13px; padding: .1rem .6rem; border: 1px solid #bbb; border-radius: 4px; background: #f7f7f7; color: #1f1f1f; cursor: pointer; }
#nianbao-overlay .nb-stale { margin: 0; padding: .4rem .75rem; background: #fff4e5; color: #7a4100; border-bottom: 1px solid #f3d9b1; text-indent: 0; }
#nianbao-overlay ol { list-style: none; margin: 0; padding: 0; overflow-y: auto; }
#nianbao-overlay li { padding: .45rem .75rem; border-bottom: 1px solid #f0f0f0; cursor: default; }
#nianbao-overlay li.nb-has-cells { cursor: pointer; }
#nianbao-overlay li.nb-has-cells:hover { background: #f6f8fc; }
#nianbao-overlay li:last-child { border-bottom: 0; }
#nianbao-overlay .nb-sev { display: inline-block; min-width: 2.5em; margin-right: .35rem; padding: 0 .3rem; border-radius: 3px; font-size: 12px; text-align: center; color: #fff; background: #c5221f; }
#nianbao-overlay .nb-warning .nb-sev { background: #e37400; }
#nianbao-overlay .nb-info .nb-sev { background: #5f6368; }
#nianbao-overlay .nb-meta { display: block; margin-top: .1rem; color: #5f6368; font-size: 12px; }
#nianbao-overlay code { font-family: ui-monospace, "SFMono-Regular", Consolas, "Liberation Mono", monospace; font-size: 12px; }
#nianbao-overlay .nb-code { color: #1f1f1f; background: #f1f3f4; padding: 0 .25rem; border-radius: 3px; margin-right: .5rem; }
#nianbao-overlay .nb-loc { overflow-wrap: anywhere; }
#nianbao-overlay .nb-label { white-space: nowrap; margin-left: .75rem; color: #1f1f1f; }
#nianbao-overlay .nb-help { display: block; margin-top: .1rem; color: #0b57d0; font-size: 13px; }
#nianbao-overlay.nb-collapsed ol, #nianbao-overlay.nb-collapsed .nb-stale { display: none; }
#nianbao-overlay.nb-collapsed > header { border-bottom: 0; }
[data-nianbao-mark="error"] { outline: 2px solid #c5221f; outline-offset: -2px; background: #fce8e6 !important; }
[data-nianbao-mark="warning"] { outline: 2px solid #e37400; outline-offset: -2px; background: #fef7e0 !important; }
[data-nianbao-mark].nb-flash { animation: nb-flash 1.2s ease-out 1; }
@keyframes nb-flash { from { box-shadow: 0 0 0 6px rgba(197, 34, 31, .45); } to { box-shadow: 0 0 0 0 rgba(197, 34, 31, 0); } }
html.nb-with-overlay body { padding-bottom: 45vh; }
html.nb-stale main { filter: grayscale(1); opacity: .55; }
html.nb-stale .draft-banner { filter: grayscale(1); }
@media print { #nianbao-overlay { display: none; } [data-nianbao-mark] { outline: 0; background: none !important; } }
"#;

const SCRIPT: &str = r#"
(function () {
  'use strict';
  var current = null;
  function readState() {
    var el = document.getElementById('nianbao-state');
    if (!el) return null;
    try { return JSON.parse(el.textContent); } catch (e) { return null; }
  }
  function mark(state) {
    var old = document.querySelectorAll('[data-nianbao-mark]');
    for (var i = 0; i < old.length; i++) old[i].removeAttribute('data-nianbao-mark');
    if (!state) return;
    var marks = {};
    state.problems.forEach(function (p) {
      p.cells.forEach(function (c) {
        if (p.severity === 'error' || !marks[c]) marks[c] = { severity: p.severity, message: p.message };
      });
    });
    var cells = document.querySelectorAll('[data-path]');
    for (var j = 0; j < cells.length; j++) {
      var m = marks[cells[j].getAttribute('data-path')];
      if (m) {
        cells[j].setAttribute('data-nianbao-mark', m.severity);
        cells[j].setAttribute('title', m.message);
      }
    }
  }
  function wire(state) {
    var overlay = document.getElementById('nianbao-overlay');
    if (!overlay) return;
    if (sessionStorage.getItem('nianbao-collapsed') === '1') overlay.classList.add('nb-collapsed');
    var toggle = document.getElementById('nianbao-toggle');
    function label() { toggle.textContent = overlay.classList.contains('nb-collapsed') ? '展开' : '收起'; }
    label();
    toggle.addEventListener('click', function () {
      overlay.classList.toggle('nb-collapsed');
      sessionStorage.setItem('nianbao-collapsed', overlay.classList.contains('nb-collapsed') ? '1' : '0');
      label();
    });
    var items = overlay.querySelectorAll('li[data-index]');
    for (var i = 0; i < items.length; i++) {
      items[i].addEventListener('click', function () {
        var p = state && state.problems[+this.getAttribute('data-index')];
        if (!p || !p.cells.length) return;
        var cell = document.querySelector('[data-path="' + CSS.escape(p.cells[0]) + '"]');
        if (!cell) return;
        cell.scrollIntoView({ block: 'center' });
        cell.classList.remove('nb-flash');
        void cell.offsetWidth;
        cell.classList.add('nb-flash');
      });
    }
  }
  function settle() {
    var state = readState();
    current = state ? String(state.generation) : null;
    var root = document.documentElement.classList;
    root.toggle('nb-stale', !!(state && state.stale));
    root.toggle('nb-with-overlay', !!document.getElementById('nianbao-overlay'));
    mark(state);
    wire(state);
  }
  function swap(html) {
    var doc = new DOMParser().parseFromString(html, 'text/html');
    var x = window.scrollX, y = window.scrollY;
    var keep = function (n) { return n.nodeType === 1 && n.hasAttribute('data-nianbao-preview'); };
    Array.prototype.slice.call(document.head.childNodes).forEach(function (n) { if (!keep(n)) n.remove(); });
    Array.prototype.slice.call(doc.head.childNodes).forEach(function (n) { if (!keep(n)) document.head.appendChild(document.adoptNode(n)); });
    var body = Array.prototype.slice.call(doc.body.childNodes).map(function (n) { return document.adoptNode(n); });
    document.body.replaceChildren.apply(document.body, body);
    document.title = doc.title;
    settle();
    window.scrollTo(x, y);
  }
  var busy = false, again = false;
  function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    fetch('/', { cache: 'no-store' })
      .then(function (r) { return r.text(); })
      .then(swap)
      .catch(function () {})
      .then(function () { busy = false; if (again) { again = false; refresh(); } });
  }
  function listen() {
    var events = new EventSource('/events');
    events.onmessage = function (e) { if (e.data !== current) refresh(); };
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', function () { settle(); listen(); });
  } else { settle(); listen(); }
})();
"#;

/// The page served at `/`: the last good report (or a placeholder) with the
/// preview's stylesheet, script, overlay and state added.
pub fn page(s: &Snapshot) -> String {
    let base = match &s.html {
        Some(html) => html.to_string(),
        None => placeholder(&s.file),
    };
    let head = format!(
        "{}\n<style {MARK}>{STYLE}</style>\n<script {MARK}>{SCRIPT}</script>\n",
        crate::serve::NO_ICON
    );
    let tail = format!("{}{}", overlay(s), state_script(s));
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

fn state_script(s: &Snapshot) -> String {
    // `<` only occurs inside JSON strings, where `\u003c` means the same;
    // this keeps `</script>` in a message from ending the element.
    let json = state_json(s).to_string().replace('<', "\\u003c");
    format!("<script type=\"application/json\" id=\"nianbao-state\" {MARK}>{json}</script>\n")
}

/// The overlay panel, or nothing when there is nothing to show.
fn overlay(s: &Snapshot) -> String {
    if s.problems.is_empty() && !s.stale {
        return String::new();
    }
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
    let class = if s.errors == 0 {
        " class=\"nb-warnings-only\""
    } else {
        ""
    };
    let mut out = format!(
        "<aside id=\"nianbao-overlay\"{class} {MARK} role=\"alert\" aria-label=\"检查结果\">\n<header><strong>{}</strong><button type=\"button\" id=\"nianbao-toggle\">收起</button></header>\n",
        escape_html(&title)
    );
    if s.stale {
        out.push_str(
            "<p class=\"nb-stale\">数据文件目前无法生成报告，下面显示的是上次成功生成的版本。</p>\n",
        );
    }
    out.push_str("<ol>\n");
    for (i, p) in s.problems.iter().enumerate() {
        let (class, sev) = match p.severity {
            Severity::Error => ("nb-error", "错误"),
            Severity::Warning => ("nb-warning", "警告"),
            Severity::Info => ("nb-info", "提示"),
        };
        let cells = if p.cells.is_empty() {
            ""
        } else {
            " nb-has-cells"
        };
        out.push_str(&format!(
            "<li class=\"{class}{cells}\" data-index=\"{i}\"><span class=\"nb-sev\">{sev}</span><span class=\"nb-msg\">{}</span>",
            escape_html(&p.message)
        ));
        out.push_str(&format!(
            "<span class=\"nb-meta\"><code class=\"nb-code\">{}</code>",
            escape_html(&p.code)
        ));
        if let Some(loc) = &p.location {
            out.push_str(&format!(
                "<code class=\"nb-loc\">{}</code>",
                escape_html(loc)
            ));
        }
        if let Some(label) = &p.label {
            out.push_str(&format!(
                "<span class=\"nb-label\">{}</span>",
                escape_html(label)
            ));
        }
        out.push_str("</span>");
        if let Some(help) = &p.help {
            out.push_str(&format!(
                "<span class=\"nb-help\">{}</span>",
                escape_html(help)
            ));
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n</aside>\n");
    out
}

/// A page for when nothing could be rendered yet.
fn placeholder(file: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>nianbao 预览</title>\n</head>\n<body style=\"font-family: sans-serif; background: #f3f1ec\">\n<main class=\"report\" style=\"max-width: 40em; margin: 4em auto\"><p>{} 目前无法生成报告。修改并保存后，本页会自动更新。</p></main>\n</body>\n</html>\n",
        escape_html(file)
    )
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
        Some(i) => format!("{}{what}{}", &html[..i], &html[i..]),
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
