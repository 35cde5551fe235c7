//! The self-contained HTML page of the folder summaries (`check
//! --format html`, `audit`'s `summary.html` and report pages): one style,
//! and a click-to-sort script for their tables.

use std::fmt::Write as _;

use crate::render::escape::escape_html;

const STYLE: &str = "body{font-family:sans-serif;margin:2em;color:#222}\
table{border-collapse:collapse;font-size:14px}th,td{border:1px solid #bbb;padding:4px 8px}\
th{background:#eee;cursor:pointer;user-select:none}td.n{text-align:right}\
tr.bad td{background:#fff3f3}svg text{font-size:12px}";

const SCRIPT: &str = "document.querySelectorAll('th').forEach(function(th,i){\
th.addEventListener('click',function(){var t=th.closest('table'),b=t.tBodies[0];\
var rows=Array.prototype.slice.call(b.rows);var asc=th.dataset.dir!=='asc';th.dataset.dir=asc?'asc':'desc';\
rows.sort(function(x,y){var a=x.cells[i].textContent,c=y.cells[i].textContent;\
var na=parseFloat(a),nc=parseFloat(c);var r=(!isNaN(na)&&!isNaN(nc))?na-nc:a.localeCompare(c,'zh');\
return asc?r:-r;});rows.forEach(function(r){b.appendChild(r);});});});";

/// A self-contained page: `body` under `title`, the summaries' style, and
/// with `script` the click-to-sort script for its tables.
pub fn page(title: &str, body: &str, script: bool) -> String {
    let mut s = format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}",
        escape_html(title)
    );
    if script {
        let _ = writeln!(s, "<script>{SCRIPT}</script>");
    }
    s.push_str("</body>\n</html>\n");
    s
}
