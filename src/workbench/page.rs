//! The workbench's two pages, as HTML: the index of the folder's reports
//! and the report page, whose tables are laid out from the [`grid`] like
//! the official ones, every figure an `<input data-path=…>`.
//!
//! The pages are self-contained: the stylesheet and the script are
//! compiled in (`assets/`), nothing is fetched from elsewhere. The token
//! is written into the page for the script's requests.

use crate::grid::{self, CellKind, Grid};
use crate::model::official::{FEE_FIELDS, SECTION_HEADINGS};
use crate::model::schema::{contact, top};
use crate::model::{Report, path};
use crate::render::escape::escape_html;

const STYLE: &str = include_str!("assets/workbench.css");
const SCRIPT: &str = include_str!("assets/workbench.js");

/// The document around a page body; `boot` is the JSON the script starts
/// from.
fn document(title: &str, body: &str, boot: &serde_json::Value) -> String {
    use crate::serve::NO_ICON;
    // `</` cannot end the script element early inside the JSON.
    let boot = boot.to_string().replace("</", "<\\/");
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         {NO_ICON}\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}\n\
         <script id=\"nb-boot\" type=\"application/json\">{boot}</script>\n\
         <script>{SCRIPT}</script>\n</body>\n</html>\n",
        escape_html(title)
    )
}

/// The index page.
pub fn index(token: &str, folder: &str) -> String {
    let body = format!(
        r#"<header class="bar"><h1>年报工作台</h1><span class="folder" title="当前文件夹">{folder}</span></header>
<main class="index">
<section class="card">
<h2>本文件夹中的年报</h2>
<table id="reports" class="list"><thead><tr><th>文件</th><th>机关</th><th>年度</th><th>错误</th><th>待填格数</th><th></th></tr></thead><tbody><tr><td colspan="6">正在读取…</td></tr></tbody></table>
</section>
<section class="card two">
<form id="new-form">
<h2>新建年报</h2>
<label>机关名称（按落款填写）<input name="agency" required placeholder="如：某市某局"></label>
<label>年度<input name="year" type="number" min="2019" max="9999" required></label>
<button type="submit" class="primary">新建</button>
</form>
<form id="next-form">
<h2>从上年生成</h2>
<label>上年的数据文件<select name="from"><option value="">（选择本文件夹中的上年文件）</option></select></label>
<p class="or">或者导入上年已公布的报告（Word .docx、PDF 或网页 .html）：</p>
<label><input name="upload" type="file" accept=".docx,.pdf,.html,.htm,.txt"></label>
<label class="check"><input name="workbook" type="checkbox" data-choice="workbook"> 做成 Excel/WPS 工作簿，分发给各科室在 Excel 或 WPS 中填写（填好放回本文件夹，在这里检查并生成报告）</label>
<button type="submit" class="primary">生成本年报告</button>
</form>
</section>
<section class="card" id="import-notes" hidden></section>
<section class="card" id="workbook-check" hidden><h2 id="workbook-title"></h2><ol id="workbook-findings" class="findings-list"></ol></section>
<p id="message" class="message" role="status"></p>
</main>"#,
        folder = escape_html(folder)
    );
    document(
        "年报工作台",
        &body,
        &serde_json::json!({"page": "index", "token": token}),
    )
}

/// The report page of the data file `file`, laid out for `report` (its
/// edition decides the rows).
pub fn report(token: &str, file: &str, report: &Report, sums: &[(String, Vec<String>)]) -> String {
    let [t2, t3, t4] = grid::tables(report);
    let mut body = format!(
        r#"<header class="bar"><a class="back" href="/?t={token}">← 全部年报</a><h1>{title}</h1><span class="folder" title="数据文件">{name}</span><span id="status" class="status">已载入</span><span id="counts" class="counts"></span></header>
<p id="banner" class="banner" hidden></p>
<div class="layout">
<main class="form" id="form">
"#,
        token = escape_html(token),
        title = escape_html(&heading(report)),
        name = escape_html(file),
    );
    body.push_str(&basics(report.year.value));
    body.push_str(&narrative(SECTION_HEADINGS[0], &path::field(top::OVERVIEW)));
    body.push_str(&table_section(SECTION_HEADINGS[1], &t2));
    body.push_str(&table_section(SECTION_HEADINGS[2], &t3));
    body.push_str(&table_section(SECTION_HEADINGS[3], &t4));
    body.push_str(&narrative(SECTION_HEADINGS[4], &path::field(top::PROBLEMS)));
    body.push_str(&other());
    body.push_str(&format!(
        r#"<details class="card"><summary>前言（可选：不写时按机关、年度和联系方式自动生成）</summary>{}</details>
</main>
<aside class="side">
<div class="actions"><span>生成并打开：</span><button data-action="pdf">PDF</button><button data-action="docx">Word</button><button data-action="html">网页</button><span id="built" class="built"></span></div>
<div class="actions"><label class="upload">导入审签稿（Word）<input id="signoff-file" type="file" accept=".docx"></label><span id="signoff-status" class="built"></span></div>
<section class="signoff" id="signoff" hidden><h2>审签稿中的改动 <span id="signoff-summary"></span></h2>
<p class="signoff-bar"><button id="signoff-all">全部接受</button><button id="signoff-none">全部不接受</button><button id="signoff-write">写入所接受的改动</button></p>
<ol id="signoff-list"></ol><h3 id="signoff-comments-head" hidden>批注（勾选的保存为说明）</h3><ol id="signoff-comments"></ol></section>
<section class="remarks" id="remarks" hidden><h2>审核意见 <span id="remark-round"></span></h2><ol id="remark-list"></ol>
<div id="remark-form" hidden><p id="remark-at" class="remark-at">先点报告中要写意见的格或段落</p><textarea id="remark-text" rows="3" placeholder="审核意见"></textarea><button id="remark-add">添加意见</button></div></section>
<section class="findings"><h2>检查结果 <span id="summary"></span></h2><ol id="findings"></ol></section>
<section class="notes" id="notes" hidden><h2>导入说明</h2><ol id="note-list"></ol></section>
<iframe id="report" title="报告预览" sandbox="allow-same-origin"></iframe>
</aside>
</div>"#,
        textarea(&path::field(top::PREFACE))
    ));
    let boot = serde_json::json!({
        "page": "report",
        "token": token,
        "file": file,
        "sums": sums,
    });
    document(&format!("{} - 年报工作台", heading(report)), &body, &boot)
}

/// The report page's heading: the agency and the year, as the clerk knows
/// the report (`某市某局 2025 年度报告`).
fn heading(report: &Report) -> String {
    let agency = report.agency.value.trim();
    let agency = if agency.is_empty() {
        "（未填机关）"
    } else {
        agency
    };
    if report.year.value > 0 {
        format!("{agency} {} 年度报告", report.year.value)
    } else {
        format!("{agency} 年度报告")
    }
}

/// The page shown instead of a report whose data file cannot be read as
/// one (a bracket left open in Notepad): the line and a plain hint.
pub fn unreadable(token: &str, file: &str, line: u32, message: &str) -> String {
    let place = if line > 0 {
        format!("第 {line} 行：")
    } else {
        String::new()
    };
    let body = format!(
        r#"<header class="bar"><a class="back" href="/?t={token}">← 全部年报</a><h1>{file}</h1></header>
<main class="index"><section class="card">
<p class="banner" data-banner="unreadable">{file} 现在无法作为年报打开。{place}{message}</p>
<p>这多半是在记事本等编辑器里改动时留下的：少了一个括号或引号、冒号写成了全角“：”、缩进没有对齐。请用编辑器打开 {file}，改好{where_}后保存，再刷新本页。改不好时，可以撤销在编辑器里的修改。</p>
</section></main>"#,
        token = escape_html(token),
        file = escape_html(file),
        place = escape_html(&place),
        message = escape_html(message),
        where_ = if line > 0 {
            format!("第 {line} 行")
        } else {
            String::new()
        },
    );
    document(
        "无法打开 - 年报工作台",
        &body,
        &serde_json::json!({"page": "unreadable", "token": token}),
    )
}

/// The page an address without the session's token opens (an old tab
/// after the workbench was started again, a bookmark): what happened and
/// the way forward in Chinese. Its script looks for a page of the running
/// workbench in the same browser and, when one answers, goes to the same
/// report there.
pub fn stale() -> String {
    let body = r#"<header class="bar"><h1>年报工作台</h1></header>
<main class="index"><section class="card">
<p class="banner" data-banner="stale">这个地址已过期：年报工作台重新启动过（或这是以前保存的地址），每次启动都换一个新的访问口令。</p>
<p id="finding" role="status">正在寻找新打开的工作台页面…</p>
<h2>怎么办</h2>
<ol>
<li>工作台每次启动都会自动在浏览器中打开新的页面：请切换到那个页面，关掉这个页面。找到时，这个页面会自动转过去。</li>
<li>没有自动打开时：“年报工作台”的黑色窗口中第一行就是带访问口令的完整地址，把它复制到浏览器的地址栏中打开。</li>
<li>黑色窗口已经关掉了：重新双击 nianbao。</li>
</ol>
<p>已保存的内容都在数据文件中，不会丢失；工作台关闭后才做的修改没有保存（原页面上显示“未保存”），请在新页面中重新填写。</p>
</section></main>"#;
    document(
        "地址已过期 - 年报工作台",
        body,
        &serde_json::json!({"page": "stale", "token": ""}),
    )
}

/// The page shown when a page's address names no report the workbench can
/// open (a file since renamed, a mistyped address): the reason and the way
/// back to the list.
pub fn problem(token: &str, message: &str) -> String {
    let body = format!(
        r#"<header class="bar"><a class="back" href="/?t={token}">← 全部年报</a><h1>年报工作台</h1></header>
<main class="index"><section class="card">
<p class="banner" data-banner="problem">无法打开这个页面：{message}</p>
<p><a href="/?t={token}">回到本文件夹的年报列表</a></p>
</section></main>"#,
        token = escape_html(token),
        message = escape_html(message),
    );
    document(
        "无法打开 - 年报工作台",
        &body,
        &serde_json::json!({"page": "problem", "token": token}),
    )
}

/// 机关, 年度, 成文日期 and the contact fields; the date's example is a
/// date valid for a report of `year`.
fn basics(year: i32) -> String {
    let field = |label: &str, p: String, kind: &str, hint: &str| {
        format!(
            r#"<label>{label}<input data-path="{}" type="{kind}" placeholder="{hint}"></label>"#,
            escape_html(&p)
        )
    };
    let mut out =
        String::from(r#"<section class="card basics"><h2>基本信息</h2><div class="grid2">"#);
    out.push_str(&field(
        "机关（落款）",
        path::field(top::AGENCY),
        "text",
        "某市某局",
    ));
    out.push_str(&field("年度", path::field(top::YEAR), "number", "2025"));
    let example = crate::model::Date::example((year > 0).then_some(year));
    // The other ways of writing the same date, for the tooltip.
    let y = example.split('年').next().unwrap_or("2026");
    out.push_str(&format!(
        r#"<label>成文日期<input data-path="{}" data-kind="date" type="text" inputmode="text" placeholder="如：{example}" title="可写 {example}，或 {y}-1-10、{y}.1.10、{y}/01/10"><span class="field-msg" data-for="{}" role="status"></span></label>"#,
        escape_html(&path::field(top::DATE)),
        escape_html(&path::field(top::DATE)),
    ));
    out.push_str(&field(
        "地址",
        path::contact(contact::ADDRESS),
        "text",
        "可不填",
    ));
    out.push_str(&field(
        "邮编",
        path::contact(contact::POSTCODE),
        "text",
        "可不填",
    ));
    out.push_str(&field(
        "电话",
        path::contact(contact::PHONE),
        "text",
        "可不填",
    ));
    out.push_str(&field(
        "邮箱",
        path::contact(contact::EMAIL),
        "text",
        "可不填",
    ));
    out.push_str("</div></section>\n");
    out
}

fn textarea(p: &str) -> String {
    format!(
        r#"<div class="editor"><div class="tools"><select class="insert" data-for="{p}" title="在光标处插入与表格绑定的数字：表格中的数字改了，正文跟着改"><option value="">插入表格数字…</option></select><span class="tip">可直接从 Word/WPS 粘贴，段落和缩进自动整理。<span class="band">黄底</span>的一行印成小标题，<span class="chip">蓝底</span>的数字与表格绑定</span></div><div class="box"><textarea data-path="{p}" rows="12" spellcheck="false"></textarea></div></div>"#,
        p = escape_html(p)
    )
}

fn narrative(heading: &str, p: &str) -> String {
    format!(
        "<section class=\"card\"><h2>{}</h2>{}</section>\n",
        escape_html(heading),
        textarea(p)
    )
}

/// Section 六: the fee figures and the text.
fn other() -> String {
    let mut out = format!(
        r#"<section class="card"><h2>{}</h2><h3>（一）收取信息处理费情况</h3><div class="grid3">"#,
        escape_html(SECTION_HEADINGS[5])
    );
    for (key, unit) in FEE_FIELDS {
        out.push_str(&format!(
            r#"<label>{key}（{unit}）<input class="num" data-path="{}" inputmode="decimal"></label>"#,
            escape_html(&path::fee(key))
        ));
    }
    out.push_str("</div>");
    out.push_str(&textarea(&path::other_body()));
    out.push_str("</section>\n");
    out
}

fn table_section(heading: &str, g: &Grid) -> String {
    format!(
        "<section class=\"card\"><h2>{}</h2><div class=\"scroll\">{}</div></section>\n",
        escape_html(heading),
        table(g)
    )
}

/// A grid as an HTML table: labels and headers with their spans, an input
/// in every figure's cell.
pub fn table(g: &Grid) -> String {
    let class = match g.id {
        grid::TableId::Table2 => "table2",
        grid::TableId::Table3 => "table3",
        grid::TableId::Table4 => "table4",
    };
    let mut out = format!("<table class=\"official {class}\">");
    for row in 0..g.rows {
        out.push_str("<tr>");
        for c in g.row_cells(row) {
            let span = format!(
                "{}{}",
                if c.rowspan > 1 {
                    format!(" rowspan=\"{}\"", c.rowspan)
                } else {
                    String::new()
                },
                if c.colspan > 1 {
                    format!(" colspan=\"{}\"", c.colspan)
                } else {
                    String::new()
                },
            );
            match (&c.kind, &c.path) {
                (CellKind::Data, Some(p)) => out.push_str(&format!(
                    r#"<td{span}><input class="num" data-path="{}" inputmode="numeric" aria-label="{}"></td>"#,
                    escape_html(p),
                    escape_html(&g.row_labels(row).join(" "))
                )),
                (CellKind::Header | CellKind::Title, _) => {
                    out.push_str(&format!("<th{span}>{}</th>", escape_html(&c.text)));
                }
                _ => out.push_str(&format!(
                    "<th{span} class=\"label\">{}</th>",
                    escape_html(&c.text)
                )),
            }
        }
        out.push_str("</tr>");
    }
    out.push_str("</table>");
    out
}
