//! The server's own pages: the login page and the board (a department's
//! reports, or every unit's for the office). The report page itself is the
//! workbench's ([`crate::workbench::page`]).

use super::auth::Session;
use super::store::Role;
use crate::render::escape::escape_html;

const STYLE: &str = "body{font-family:system-ui,'Microsoft YaHei',sans-serif;margin:2em;color:#222}\
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em}\
.bad{color:#b00}.good{color:#070}form{display:grid;gap:.6em;max-width:20em}\
.message{color:#b00}button{margin-right:.3em}";

fn document(title: &str, body: &str, script: &str) -> String {
    use crate::serve::NO_ICON;
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         {NO_ICON}\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}\n\
         <script>{script}</script>\n</body>\n</html>\n",
        escape_html(title)
    )
}

const LOGIN_SCRIPT: &str = r#""use strict";
document.getElementById("login").addEventListener("submit", function (e) {
  e.preventDefault();
  var f = e.target, msg = document.getElementById("message");
  fetch("/api/login", { method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ user: f.user.value, password: f.password.value }) })
    .then(function (r) { return r.json().then(function (d) { return [r.status, d]; }); })
    .then(function (x) { if (x[0] === 200) location.href = "/"; else msg.textContent = x[1].error || "登录失败"; });
});"#;

/// The login page.
pub fn login() -> String {
    let body = r#"<h1>年报收集系统</h1>
<form id="login"><label>账号 <input name="user" autocomplete="username" required></label>
<label>密码 <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">登录</button><p id="message" class="message" role="status"></p></form>"#;
    document("登录 - 年报收集系统", body, LOGIN_SCRIPT)
}

const BOARD_SCRIPT: &str = r##""use strict";
var boot = JSON.parse(document.getElementById("nb-boot").textContent);
function post(url, body) {
  return fetch(url, { method: "POST", headers: { "Content-Type": "application/json", "X-Nianbao-Token": boot.csrf },
    body: JSON.stringify(body) }).then(function (r) { return r.json(); });
}
function el(tag, text, cls) { var e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; }
function cell(tr, text, cls) { var td = el("td", text, cls); tr.appendChild(td); return td; }
function button(td, label, act, key) { var b = el("button", label); b.onclick = act; if (key) b.setAttribute("data-act", key); td.appendChild(b); }
function link(td, label, href, key) { var a = el("a", label); a.href = href; if (key) a.setAttribute("data-act", key); td.appendChild(a); td.appendChild(document.createTextNode(" ")); }
function say(d) { document.getElementById("message").textContent = d.error || ""; load(); }
function when(r) { return r.changed_at ? new Date(r.changed_at * 1000).toLocaleString() + " " + r.changed_by : ""; }
function row(r) {
  var tr = document.createElement("tr");
  tr.setAttribute("data-unit", r.unit); tr.setAttribute("data-state", r.state); tr.setAttribute("data-id", String(r.id));
  cell(tr, r.unit); cell(tr, String(r.year)); cell(tr, r.label, "state " + r.state);
  cell(tr, r.errors === null ? "" : String(r.errors), r.errors ? "bad" : "");
  cell(tr, r.empty === null ? "" : String(r.empty));
  cell(tr, when(r)); cell(tr, r.remark);
  var td = cell(tr, "");
  link(td, boot.office ? "查看" : "填写", "/report?f=" + r.id, "open");
  if (r.revision > 0) link(td, "版本", "/compare?f=" + r.id, "versions");
  link(td, "PDF", "/api/download?f=" + r.id + "&format=pdf", "pdf");
  link(td, "Word", "/api/download?f=" + r.id + "&format=docx", "docx");
  if (!boot.office && (r.state === "filling" || r.state === "returned" || r.state === "new"))
    button(td, "提交", function () { post("/api/submit", { file: String(r.id) }).then(say); }, "submit");
  if (boot.office && r.state === "submitted") {
    button(td, "通过", function () { post("/api/approve", { file: String(r.id) }).then(say); }, "approve");
    button(td, "退回", function () {
      var m = prompt("退回原因（已在报告中对格或段落写了审核意见的，可以不填）");
      if (m !== null) post("/api/return", { file: String(r.id), remark: m }).then(say);
    }, "return");
  }
  return tr;
}
function load() {
  fetch("/api/reports").then(function (r) { return r.json(); }).then(function (d) {
    var body = document.querySelector("#reports tbody"); body.textContent = "";
    var counts = {}, missing = [];
    (d.reports || []).forEach(function (r) {
      counts[r.label] = (counts[r.label] || 0) + 1;
      if (r.state !== "submitted" && r.state !== "approved") missing.push(r.unit + "（" + r.label + "）");
      body.appendChild(row(r));
    });
    document.getElementById("tally").textContent = ["未开始", "填写中", "已提交", "已退回", "已通过"]
      .map(function (k) { return k + " " + (counts[k] || 0); }).join("　");
    document.getElementById("missing").textContent = boot.office && missing.length ? "尚未提交（" + missing.length + "）：" + missing.join("、") : "";
  });
  if (boot.office) county();
}
function county() {
  fetch("/api/county").then(function (r) { return r.json(); }).then(function (d) {
    var box = document.getElementById("county"); box.hidden = false;
    document.getElementById("county-head").textContent = d.year ? d.year + " 年度：已汇总 " + d.counted + " / " + d.units + " 个单位（已提交和已通过的）" : "";
    var t = document.getElementById("county-figures"); t.textContent = "";
    var head = el("tr"), vals = el("tr");
    (d.headings || []).forEach(function (h, i) {
      head.appendChild(el("th", h));
      var v = d.figures ? d.figures[i] : "";
      vals.appendChild(el("td", v === "~" ? "未知" : v));
    });
    t.appendChild(head); t.appendChild(vals);
    var notes = [];
    if (d.refusal) notes.push(d.refusal);
    if (d.unknown) notes.push(d.unknown + " 格因有单位未填而无法汇总");
    (d.doubts || []).forEach(function (x) { notes.push(x); });
    document.getElementById("county-notes").textContent = notes.join("；");
    var f = document.getElementById("county-codes"); f.textContent = "";
    ((d.audit || {}).frequent || []).forEach(function (c) { f.appendChild(el("li", c.name + "：" + c.count + " 处")); });
    var u = document.getElementById("county-units"); u.textContent = "";
    ((d.audit || {}).units || []).forEach(function (x) {
      var li = el("li"); var a = el("a", x.unit); a.href = "/report?f=" + x.id; li.appendChild(a);
      li.appendChild(document.createTextNode("（" + x.label + "，" + x.errors + " 个错误，" + x.warnings + " 个警告）：" + x.problems.join("；")));
      u.appendChild(li);
    });
  });
}
if (boot.office) {
  var b = document.getElementById("backup"); b.hidden = false;
  b.onclick = function () { post("/api/backup", {}).then(function (d) { document.getElementById("message").textContent = d.error || ("已备份到 " + d.file); }); };
  document.getElementById("export").hidden = false;
}
load();
setInterval(load, 15000);"##;

/// The board: the session's reports (a department's own, every unit's for
/// the office) with their state, errors, cells left and last change; for
/// the office also who has not submitted, the county's sum and problems,
/// and the export of the approved reports.
pub fn board(session: &Session) -> String {
    let office = session.role == Role::Office;
    let title = if office {
        "各单位年报"
    } else {
        "本单位年报"
    };
    let body = format!(
        r#"<h1>{title}</h1><p>{unit}（{user}）</p><p id="tally"></p>
<table id="reports"><thead><tr><th>单位</th><th>年度</th><th>状态</th><th>错误</th><th>待填格数</th><th>最后修改</th><th>审核意见</th><th></th></tr></thead><tbody></tbody></table>
<p id="missing"></p>
<section id="county" hidden><h2>全县汇总</h2><p id="county-head"></p><table id="county-figures"></table><p id="county-notes" class="bad"></p>
<h3>常见问题（按规则）</h3><ol id="county-codes"></ol><h3>各单位的问题</h3><ol id="county-units"></ol></section>
<p id="export" hidden>导出已通过的报告：<a href="/api/export?what=data" data-act="export-data">数据文件（zip）</a>　<a href="/api/export?what=all" data-act="export-all">数据文件和 PDF、Word（zip，需要一些时间）</a></p>
<p><button id="backup" hidden>备份数据库</button></p><p id="message" class="message" role="status"></p>
<script id="nb-boot" type="application/json">{boot}</script>"#,
        unit = escape_html(&session.unit),
        user = escape_html(&session.user),
        boot = serde_json::json!({ "csrf": session.csrf, "office": office })
            .to_string()
            .replace("</", "<\\/"),
    );
    document(title, &body, BOARD_SCRIPT)
}

/// The control on an editable report's page that uploads a file to
/// `POST /api/start` (see `super::start`) and reloads the page with the result.
const CONTROL: &str = r#"<div class="actions" id="start"><label class="upload">从上年报告或工作簿开始<input id="start-file" type="file" accept=".yaml,.yml,.docx,.doc,.pdf,.html,.htm,.txt,.md,.xlsx"></label><span id="start-status" class="built"></span></div>
<script>(function(){var i=document.getElementById("start-file"),s=document.getElementById("start-status");
i.addEventListener("change",function(){var f=i.files[0],b=JSON.parse(document.getElementById("nb-boot").textContent);if(!f)return;
if(!confirm("用 "+f.name+" 替换本报告现在的内容？（上年报告转为本年报告；本年工作簿照填写的内容。现在的内容作为旧版本保留，可在“版本对比”中查看。）")){i.value="";return;}
s.textContent="正在读取 "+f.name+"…";s.className="built";
f.arrayBuffer().then(function(buf){return fetch("/api/start?f="+encodeURIComponent(b.file)+"&name="+encodeURIComponent(f.name),{method:"POST",headers:{"X-Nianbao-Token":b.token,"Content-Type":"application/octet-stream"},body:buf});})
.then(function(r){return r.json().then(function(d){return [r.status,d];});})
.then(function(a){if(a[0]!==200){s.textContent=a[1].error||"上传失败";s.className="built bad";i.value="";return;}
if(a[1].note)alert(a[1].note);location.reload();});});})();</script>
"#;

/// The workbench's sign-off import (导入审签稿) in a report page: the
/// server has no such route, so its pages leave it out.
const SIGNOFF: &str = "<div class=\"actions\"><label class=\"upload\">导入审签稿";

/// `html` (a report page) without the sign-off import, and with `control`
/// where it was (or at the end of the side panel).
fn replace_signoff(html: &str, control: &str) -> String {
    let Some(at) = html.find(SIGNOFF) else {
        return html.replacen("</aside>", &format!("{control}</aside>"), 1);
    };
    let end = html[at..]
        .find("</div>")
        .map_or(html.len(), |e| at + e + "</div>".len());
    format!("{}{control}{}", &html[..at], &html[end..])
}

/// `html` (a report page) with the control to start the report from an
/// upload in place of the workbench's sign-off import.
pub fn with_control(html: &str) -> String {
    replace_signoff(html, CONTROL)
}

/// `html` (a report page) without the workbench's sign-off import.
pub fn without_signoff(html: &str) -> String {
    replace_signoff(html, "")
}
