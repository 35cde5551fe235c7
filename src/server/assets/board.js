"use strict";
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
var year = null, latest = null;
function yearly(url) { return year === null ? url : url + (url.indexOf("?") < 0 ? "?" : "&") + "year=" + year; }
function years(d) {
  latest = d.latest === undefined ? null : d.latest;
  var sel = document.getElementById("year"), list = d.years || [];
  if (sel.options.length !== list.length) {
    sel.textContent = "";
    list.forEach(function (y) { var o = el("option", y + " 年度"); o.value = String(y); sel.appendChild(o); });
  }
  sel.value = String(d.year);
  var nb = document.getElementById("new-year");
  // Opening a year and backups are the top office's (a region's office: 403).
  nb.hidden = !boot.office || !boot.top || latest === null;
  if (latest !== null) nb.textContent = "开启 " + (latest + 1) + " 年度";
  document.querySelectorAll("#export a").forEach(function (a) { a.href = yearly(a.getAttribute("href").split("&year=")[0]); });
}
function when(r) { return r.changed_at ? new Date(r.changed_at * 1000).toLocaleString() + " " + r.changed_by : ""; }
function row(r) {
  var tr = document.createElement("tr");
  tr.setAttribute("data-unit", r.unit); tr.setAttribute("data-state", r.state); tr.setAttribute("data-id", String(r.id));
  cell(tr, r.unit); cell(tr, String(r.year)); cell(tr, r.label, "state " + r.state);
  cell(tr, r.errors === null ? "" : String(r.errors), r.errors ? "bad" : "");
  cell(tr, r.empty === null ? "" : String(r.empty));
  // Issue 65: the deadline and days left; a late unit marked in words.
  if (r.late) tr.className = "late";
  var due = cell(tr, r.due_words ? (r.late ? "逾期未提交：" : "") + r.due_words : "", r.late ? "bad" : "");
  if (r.due_basis) due.title = r.due_basis;
  cell(tr, when(r)); cell(tr, r.remark);
  var td = cell(tr, "");
  link(td, boot.office ? "查看" : "填写", "/report?f=" + r.id, "open");
  if (r.revision > 0) link(td, "版本", "/compare?f=" + r.id, "versions");
  link(td, "PDF", "/api/download?f=" + r.id + "&format=pdf", "pdf");
  link(td, "Word", "/api/download?f=" + r.id + "&format=docx", "docx");
  link(td, "OFD", "/api/download?f=" + r.id + "&format=ofd", "ofd");
  var current = r.year === latest;
  if (!boot.office && current && (r.state === "filling" || r.state === "returned" || r.state === "new"))
    button(td, "提交", function () { post("/api/submit", { file: String(r.id) }).then(say); }, "submit");
  if (boot.office && current && r.state === "submitted") {
    button(td, "通过", function () { post("/api/approve", { file: String(r.id) }).then(say); }, "approve");
    button(td, "退回", function () {
      var m = prompt("退回原因（已在报告中对格或段落写了审核意见的，可以不填）");
      if (m !== null) post("/api/return", { file: String(r.id), remark: m }).then(say);
    }, "return");
  }
  return tr;
}
function load() {
  // A session that ended (8 hours idle, a restart): the login page (the
  // board holds nothing typed).
  fetch(window.nbRegion.list(yearly("/api/reports"))).then(function (r) { if (r.status === 401) { location.href = "/login"; throw new Error("登录已失效"); } return r.json(); }).then(function (d) {
    years(d);
    var body = document.querySelector("#reports tbody"); body.textContent = "";
    var counts = {}, missing = [];
    (d.reports || []).forEach(function (r) {
      counts[r.label] = (counts[r.label] || 0) + 1;
      if (r.state !== "submitted" && r.state !== "approved") missing.push(r.unit + "（" + r.label + "）");
      body.appendChild(row(r));
    });
    // A paged list (regions.js) carries the counts of the whole region.
    if (d.tally) { counts = d.tally; missing = d.missing || []; }
    var left = d.tally ? d.missing_count : missing.length;
    document.getElementById("tally").textContent = ["未开始", "填写中", "已提交", "已退回", "已通过"]
      .map(function (k) { return k + " " + (counts[k] || 0); }).join("　");
    var late = (d.reports || []).filter(function (r) { return r.late; }).length;
    document.getElementById("due-summary").textContent = d.deadlines ? "截止日期：部门 " + d.deadlines.departments + "，县级以上人民政府 " + d.deadlines.governments + (late ? "；逾期未提交 " + late + " 个单位（排在最前）" : "") : "";
    document.getElementById("missing").textContent = boot.office && left ? "尚未提交（" + left + "）：" + missing.join("、") + (left > missing.length ? "……" : "") : "";
    window.nbRegion.loaded(d, yearly);
  });
  if (boot.office) county();
}
function county() {
  fetch(window.nbRegion.summary(yearly("/api/county"))).then(function (r) { return r.json(); }).then(function (d) {
    var box = document.getElementById("county"); box.hidden = false;
    window.nbRegion.checks(d);
    document.getElementById("county-head").textContent = d.year ? (d.region ? d.region + " " : "") + d.year + " 年度：已汇总 " + d.counted + " / " + d.units + " 个单位（已提交和已通过的）" : "";
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
  var b = document.getElementById("backup"); b.hidden = !boot.top;
  b.onclick = function () { post("/api/backup", {}).then(function (d) { document.getElementById("message").textContent = d.error || d.message || ("已备份到 " + d.file); }); };
  document.getElementById("export").hidden = false;
  document.getElementById("office-links").hidden = false;
  document.getElementById("accounts").hidden = false;
  document.getElementById("new-year-roster-label").hidden = !boot.top;
  document.getElementById("new-year").onclick = function () {
    var next = latest + 1, file = document.getElementById("new-year-roster").files[0];
    // The checklist first (issue 75.5): reports still in review, the last backup.
    fetch("/api/new-year").then(function (r) { return r.json(); }).then(function (c) {
      var check = [];
      var pending = c.in_review || [];
      check.push(pending.length ? "□ " + latest + " 年度还有 " + pending.length + " 份报告已提交、尚未审核（下一步会逐一列出）" : "☑ " + latest + " 年度没有待审核的报告");
      if (c.backup_by_tool) check.push("□ 数据在 PostgreSQL 数据库中：请确认数据库管理员已用 pg_dump 备份");
      else if (c.last_backup) check.push("☑ 上次备份：" + new Date(c.last_backup.at * 1000).toLocaleString() + "（" + c.last_backup.file + "）；如之后有改动，请先点“备份数据库”");
      else check.push("□ 还没有备份过数据库：请先点“备份数据库”");
      if (!confirm("开启 " + next + " 年度的收集？\n\n" + check.join("\n") + "\n\n各单位将由 " + latest + " 年度已通过（未通过的用最新保存的）报告生成 " + next + " 年度草稿，" + latest + " 年度的报告此后只能查看。" + (file ? "将按新名单“" + file.name + "”增加、更名、停用单位。" : ""))) return;
      open(false);
    });
    // Issue 75.5: reports still in review (已提交) are listed first; the
    // office approves or returns them, or carries them over knowingly.
    function open(carry) {
      var sent = file
        ? fetch("/api/new-year?year=" + next + "&name=" + encodeURIComponent(file.name) + (carry ? "&carry=1" : ""), { method: "POST", headers: { "Content-Type": "application/octet-stream", "X-Nianbao-Token": boot.csrf }, body: file }).then(function (r) { return r.json(); })
        : post("/api/new-year", { year: next, carry: carry });
      sent.then(function (d) {
        if (d.in_review && !carry) {
          var names = d.in_review.map(function (x) { return x.unit + "（" + x.user + "）"; });
          var shown = names.slice(0, 20).join("、") + (names.length > 20 ? " 等" : "");
          if (confirm(latest + " 年度还有 " + names.length + " 份报告已提交、尚未审核：" + shown + "。\n\n选“取消”：先不开启，在列表中通过或退回它们。\n选“确定”：不再审核，按提交的内容结转到 " + next + " 年度，此后这些报告不能再通过或退回。")) { open(true); return; }
          document.getElementById("message").textContent = d.error;
          return;
        }
        var lines = [d.error || ("已开启 " + d.year + " 年度：" + (d.from_approved + d.from_latest + d.blank) + " 份报告")];
        (d.carried_in_review || []).forEach(function (x) { lines.push("结转未审核：" + x.user + " " + x.unit); });
        (d.renamed || []).forEach(function (x) { lines.push("更名：" + x.user + " " + x.from + " → " + x.to); });
        (d.retired || []).forEach(function (x) { lines.push("停用：" + x.user + " " + x.unit); });
        (d.added || []).forEach(function (x) { lines.push("新增：" + x.user + " " + x.unit + "，初始密码 " + x.password + "（只显示这一次）"); });
        document.getElementById("message").textContent = lines.join("；");
        year = null; load(); accounts();
      });
    }
  };
  accounts();
}
function accounts() {
  fetch("/api/accounts").then(function (r) { return r.json(); }).then(function (d) {
    var body = document.querySelector("#account-list tbody"); body.textContent = "";
    (d.accounts || []).forEach(function (a) {
      var tr = el("tr"); tr.setAttribute("data-user", a.user);
      cell(tr, a.user); cell(tr, a.unit); cell(tr, a.role === "office" ? "审核" : "单位");
      cell(tr, a.retired ? "已停用" : (a.held ? "新计算机登录已暂停" : (a.failures ? "一小时内输错 " + a.failures + " 次" : "正常")));
      cell(tr, (a.former || []).join("、"));
      var td = cell(tr, "");
      if (a.user !== boot.user) button(td, "重置密码", function () {
        if (!confirm("为账号 " + a.user + "（" + a.unit + "）生成新的一次性密码？原密码立即失效。")) return;
        post("/api/account/reset", { user: a.user }).then(function (r) {
          document.getElementById("account-message").textContent = r.error || ("账号 " + r.user + "（" + r.unit + "）的新密码：" + r.password + "（只显示这一次，请告知本人）");
        });
      }, "reset-password");
      button(td, "解锁", function () {
        post("/api/account/unlock", { user: a.user }).then(function (r) {
          document.getElementById("account-message").textContent = r.error || ("已解除账号 " + a.user + " 的锁定"); accounts();
        });
      }, "unlock");
      body.appendChild(tr);
    });
  });
}
document.getElementById("year").onchange = function () { year = Number(this.value); load(); };
document.getElementById("password-form").onsubmit = function (e) {
  e.preventDefault();
  var said = document.getElementById("password-message"), n = document.getElementById("new-password").value;
  if (n !== document.getElementById("new-password-again").value) { said.textContent = "两次输入的新密码不一致"; return; }
  post("/api/password", { old: document.getElementById("old-password").value, new: n }).then(function (d) {
    said.textContent = d.error || d.message;
    if (!d.error) this.reset();
  }.bind(this));
};
load();
setInterval(load, 15000);