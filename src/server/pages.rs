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
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}\n\
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
function cell(tr, text, cls) { var td = document.createElement("td"); td.textContent = text; if (cls) td.className = cls; tr.appendChild(td); return td; }
function button(td, label, act) { var b = document.createElement("button"); b.textContent = label; b.onclick = act; td.appendChild(b); }
function say(d) { document.getElementById("message").textContent = d.error || ""; load(); }
function load() {
  fetch("/api/reports").then(function (r) { return r.json(); }).then(function (d) {
    var body = document.querySelector("#reports tbody"); body.textContent = "";
    var missing = [];
    (d.reports || []).forEach(function (r) {
      var tr = document.createElement("tr");
      cell(tr, r.unit); cell(tr, String(r.year)); cell(tr, r.label, r.state === "approved" ? "good" : "");
      cell(tr, r.errors === null ? "" : String(r.errors), r.errors ? "bad" : "");
      cell(tr, r.empty === null ? "" : String(r.empty));
      cell(tr, r.changed_at ? new Date(r.changed_at * 1000).toLocaleString() + " " + r.changed_by : "");
      cell(tr, r.remark);
      var td = cell(tr, "");
      button(td, boot.office ? "查看" : "填写", function () { location.href = "/report?f=" + r.id + "&t=" + boot.csrf; });
      if (!boot.office && (r.state === "filling" || r.state === "returned" || r.state === "new"))
        button(td, "提交", function () { post("/api/submit", { file: String(r.id) }).then(say); });
      if (boot.office && r.state === "submitted") {
        button(td, "通过", function () { post("/api/approve", { file: String(r.id) }).then(say); });
        button(td, "退回", function () { var m = prompt("退回原因"); if (m) post("/api/return", { file: String(r.id), remark: m }).then(say); });
      }
      if (r.state === "new") missing.push(r.unit);
      body.appendChild(tr);
    });
    document.getElementById("missing").textContent = missing.length ? "未开始：" + missing.join("、") : "";
  });
}
if (boot.office) {
  var b = document.getElementById("backup"); b.hidden = false;
  b.onclick = function () { post("/api/backup", {}).then(function (d) { document.getElementById("message").textContent = d.error || ("已备份到 " + d.file); }); };
}
load();"##;

/// The board: the session's reports (a department's own, every unit's for
/// the office) with their state, errors, cells left and last change.
pub fn board(session: &Session) -> String {
    let office = session.role == Role::Office;
    let title = if office {
        "各单位年报"
    } else {
        "本单位年报"
    };
    let body = format!(
        r#"<h1>{title}</h1><p>{unit}（{user}）</p>
<table id="reports"><thead><tr><th>单位</th><th>年度</th><th>状态</th><th>错误</th><th>待填格数</th><th>最后修改</th><th>审核意见</th><th></th></tr></thead><tbody></tbody></table>
<p id="missing"></p><p><button id="backup" hidden>备份数据库</button></p><p id="message" class="message" role="status"></p>
<script id="nb-boot" type="application/json">{boot}</script>"#,
        unit = escape_html(&session.unit),
        user = escape_html(&session.user),
        boot = serde_json::json!({ "csrf": session.csrf, "office": office })
            .to_string()
            .replace("</", "<\\/"),
    );
    document(title, &body, BOARD_SCRIPT)
}
