//! Auditing published reports (`nianbao audit`): each one imported and
//! checked, the findings tabulated as `summary.csv` and `summary.html` with
//! one page per report. Everything is offline and deterministic: no
//! external resource, the script and style inline, every text from the
//! input escaped.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use crate::batch::summary::{BOM, csv_line};
use crate::diag::{Diagnostic, Severity};
use crate::import::{self, Options};
use crate::preview::inject::escape;

/// One finding of an audited report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Rule code.
    pub code: &'static str,
    /// Whether it is an error (else a warning).
    pub error: bool,
    /// Where: `第 12 行` in the published text, or the data path.
    pub place: String,
    /// The message.
    pub message: String,
}

/// One audited report.
#[derive(Debug, Clone)]
pub struct Audited {
    /// The input file as given or found.
    pub file: String,
    /// `机关`, empty when not recognized.
    pub agency: String,
    /// `年度`, empty when not recognized.
    pub year: String,
    /// The input's kind (`网页` or `文本`) and the report's edition.
    pub format: String,
    /// Whether every table cell could be read; `None` when the file could
    /// not be imported at all.
    pub complete: Option<bool>,
    /// Why the file could not be imported.
    pub failure: Option<String>,
    /// Errors and warnings of the import and of the check.
    pub findings: Vec<Finding>,
}

impl Audited {
    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.findings.iter().filter(|f| f.error).count()
    }

    /// Number of warnings.
    pub fn warnings(&self) -> usize {
        self.findings.iter().filter(|f| !f.error).count()
    }

    /// Findings per rule code.
    pub fn by_code(&self) -> BTreeMap<&'static str, usize> {
        let mut m = BTreeMap::new();
        for f in &self.findings {
            *m.entry(f.code).or_insert(0) += 1;
        }
        m
    }
}

/// Whether a file name is one `import` reads (text, web page, .docx, PDF).
pub fn is_published(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        [
            "txt", "text", "htm", "html", "shtml", "xhtml", "docx", "pdf", "xlsx",
        ]
        .iter()
        .any(|x| e.eq_ignore_ascii_case(x))
    })
}

fn finding(d: &Diagnostic, place: String) -> Option<Finding> {
    let error = match d.severity {
        Severity::Error => true,
        Severity::Warning => false,
        _ => return None,
    };
    Some(Finding {
        code: d.code,
        error,
        place,
        message: d.message.clone(),
    })
}

/// Imports and checks one published report. Never fails: a file that
/// cannot be read is an [`Audited`] with its `failure`.
pub fn audit(path: &Path, seen: Option<crate::load::FileId>) -> Audited {
    let mut a = Audited {
        file: path.display().to_string(),
        agency: String::new(),
        year: String::new(),
        format: String::new(),
        complete: None,
        failure: None,
        findings: Vec::new(),
    };
    let imported = match import::import_walked(path, seen, &Options::default()) {
        Ok(i) => i,
        Err(e) => {
            a.failure = Some(e.to_string());
            return a;
        }
    };
    let r = &imported.report;
    a.agency = r.agency.value.clone();
    if r.year.value > 0 {
        a.year = r.year.value.to_string();
    }
    a.format = format!(
        "{}，{} 版",
        match imported.format {
            import::Format::Text => "文本",
            import::Format::Html => "网页",
            import::Format::Docx => "Word 文档",
            import::Format::Pdf => "PDF",
            import::Format::Xlsx => "Excel 工作簿",
        },
        r.edition()
    );
    a.complete = Some(imported.is_complete());
    for d in &imported.diagnostics {
        let place = d.span.filter(|s| s.line > 0).map_or(String::new(), |s| {
            match imported.source.place_at(s.offset) {
                Some(cell) => format!("工作簿 {cell}"),
                None => format!("原文第 {} 行", s.line),
            }
        });
        a.findings.extend(finding(d, place));
    }
    // Check the imported figures as a data file would be checked; cells
    // the import could not read are already counted above.
    let text = crate::write::data_file(r, &imported.notes);
    let loaded = crate::load::load_str(crate::source::SourceFile::new(path, text));
    let checked = crate::check::check_loaded(loaded, None);
    for d in &checked.diagnostics {
        if d.code == crate::diag::codes::CELL_EMPTY {
            continue;
        }
        let place = d.path.clone().unwrap_or_default();
        a.findings.extend(finding(d, place));
    }
    a
}

/// Every rule code found, most frequent first (by number of findings, then
/// by code).
pub fn frequent(all: &[Audited]) -> Vec<(&'static str, usize)> {
    let mut m: BTreeMap<&'static str, usize> = BTreeMap::new();
    for a in all {
        for (c, n) in a.by_code() {
            *m.entry(c).or_insert(0) += n;
        }
    }
    let mut v: Vec<_> = m.into_iter().collect();
    v.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(y.0)));
    v
}

/// `summary.csv`: one row per input, a column per rule code found.
pub fn csv(all: &[Audited]) -> String {
    let mut codes: Vec<&str> = frequent(all).into_iter().map(|(c, _)| c).collect();
    codes.sort_unstable();
    // Column headings printed for people, not data keys.
    let mut head: Vec<String> = ["文件", "机关", "年度", "格式", "导入完整", "错误", "警告"]
        .map(String::from)
        .to_vec();
    head.extend(codes.iter().map(|c| c.to_string()));
    let mut out = String::from(BOM);
    out.push_str(&csv_line(&head));
    for a in all {
        let by = a.by_code();
        let mut row = vec![
            a.file.clone(),
            a.agency.clone(),
            a.year.clone(),
            a.format.clone(),
            complete_text(a).to_string(),
            a.errors().to_string(),
            a.warnings().to_string(),
        ];
        row.extend(
            codes
                .iter()
                .map(|c| by.get(c).copied().unwrap_or(0).to_string()),
        );
        out.push_str(&csv_line(&row));
    }
    out
}

fn complete_text(a: &Audited) -> &'static str {
    match a.complete {
        Some(true) => "是",
        Some(false) => "否",
        None => "无法导入",
    }
}

/// The file name of report `i`'s page, relative to `summary.html`.
pub fn page_name(i: usize) -> String {
    format!("reports/{:04}.html", i + 1)
}

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
        escape(title)
    );
    if script {
        let _ = writeln!(s, "<script>{SCRIPT}</script>");
    }
    s.push_str("</body>\n</html>\n");
    s
}

/// `summary.html`: the sortable table and the chart of the most frequent
/// findings.
pub fn summary_html(all: &[Audited]) -> String {
    let mut body = String::new();
    let with_errors = all
        .iter()
        .filter(|a| a.errors() > 0 || a.failure.is_some())
        .count();
    let _ = write!(
        body,
        "<h1>年度报告审查汇总</h1>\n<p>共 {} 份报告，{} 份有错误或无法导入。点击表头排序。</p>\n",
        all.len(),
        with_errors
    );
    body.push_str(&chart(&frequent(all)));
    body.push_str(
        "<table>\n<thead><tr><th>文件</th><th>机关</th><th>年度</th><th>格式</th>\
<th>导入完整</th><th>错误</th><th>警告</th><th>主要问题</th></tr></thead>\n<tbody>\n",
    );
    for (i, a) in all.iter().enumerate() {
        let mut top: Vec<(&str, usize)> = a.by_code().into_iter().collect();
        top.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(y.0)));
        let top: Vec<String> = top
            .iter()
            .take(3)
            .map(|(c, n)| format!("{c}×{n}"))
            .collect();
        let _ = writeln!(
            body,
            "<tr{}><td><a href=\"{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>\
<td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
            if a.errors() > 0 || a.failure.is_some() {
                " class=\"bad\""
            } else {
                ""
            },
            page_name(i),
            escape(&a.file),
            escape(&a.agency),
            escape(&a.year),
            escape(&a.format),
            complete_text(a),
            a.errors(),
            a.warnings(),
            escape(&top.join("，"))
        );
    }
    body.push_str("</tbody>\n</table>\n");
    page("年度报告审查汇总", &body, true)
}

/// A horizontal bar chart (inline SVG) of the ten most frequent codes.
fn chart(freq: &[(&'static str, usize)]) -> String {
    let top = &freq[..freq.len().min(10)];
    if top.is_empty() {
        return "<p>没有发现问题。</p>\n".into();
    }
    let max = top.iter().map(|(_, n)| *n).max().unwrap_or(1).max(1);
    let (bar_h, left, width) = (22, 150, 400);
    let height = top.len() * bar_h + 10;
    let mut s = format!(
        "<h2>最常见的问题</h2>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{height}\" role=\"img\" aria-label=\"最常见的问题\">\n",
        left + width + 60
    );
    for (i, (code, n)) in top.iter().enumerate() {
        let y = i * bar_h + 5;
        let w = (n * width / max).max(1);
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text><rect x=\"{left}\" y=\"{y}\" width=\"{w}\" height=\"{}\" fill=\"#c0392b\"/><text x=\"{}\" y=\"{}\">{n}</text>",
            left - 6,
            y + 15,
            escape(code),
            bar_h - 6,
            left + w + 4,
            y + 15
        );
    }
    s.push_str("</svg>\n");
    s
}

/// The page of one report: its findings.
pub fn report_html(a: &Audited) -> String {
    let mut body = String::new();
    let _ = write!(
        body,
        "<p><a href=\"../summary.html\">← 返回汇总</a></p>\n<h1>{}</h1>\n<p>机关：{}；年度：{}；格式：{}；导入完整：{}；错误 {}，警告 {}。</p>\n",
        escape(&a.file),
        escape(&a.agency),
        escape(&a.year),
        escape(&a.format),
        complete_text(a),
        a.errors(),
        a.warnings()
    );
    if let Some(why) = &a.failure {
        let _ = writeln!(body, "<p>无法导入：{}</p>", escape(why));
    }
    if a.findings.is_empty() {
        body.push_str("<p>没有发现问题。</p>\n");
    } else {
        body.push_str("<table>\n<thead><tr><th>级别</th><th>代码</th><th>位置</th><th>说明</th></tr></thead>\n<tbody>\n");
        for f in &a.findings {
            let _ = writeln!(
                body,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                if f.error { "错误" } else { "警告" },
                escape(f.code),
                escape(&f.place),
                escape(&f.message)
            );
        }
        body.push_str("</tbody>\n</table>\n");
    }
    page(&a.file, &body, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_escape_input_text() {
        let a = Audited {
            file: "<script>x</script>.html".into(),
            agency: "\"机关\"&".into(),
            year: "2024".into(),
            format: "网页，2021 版".into(),
            complete: Some(true),
            failure: None,
            findings: vec![Finding {
                code: "T3-BAL",
                error: true,
                place: String::new(),
                message: "<b>".into(),
            }],
        };
        let html = summary_html(std::slice::from_ref(&a)) + &report_html(&a);
        assert!(!html.contains("<script>x"));
        assert!(!html.contains("<b>"));
        assert!(html.contains("&lt;script&gt;"));
        assert!(!html.contains("http://") || html.contains("xmlns=\"http://www.w3.org/2000/svg\""));
    }
}
