// nianbao 工作台: the page script (hand-written, no libraries).
// Every change is sent to the server, which saves it into the data file,
// runs the same checks as `nianbao check` and renders the report.
"use strict";
(function () {
  var boot = JSON.parse(document.getElementById("nb-boot").textContent);
  var token = boot.token;
  // The county collection server's pages (boot.server): the token goes in
  // a header only, never in an address, and a lost session or server keeps
  // the typing (see keeper and relogin below) instead of the workbench's
  // restart handling.
  var server = !!boot.server;

  function api(method, url, body, raw, step) {
    var opts = { method: method, headers: { "X-Nianbao-Token": token }, cache: "no-store" };
    if (body !== undefined) {
      if (raw) {
        opts.body = body;
        opts.headers["Content-Type"] = "application/octet-stream";
      } else {
        opts.body = JSON.stringify(body);
        opts.headers["Content-Type"] = "application/json";
      }
    }
    var sep = url.indexOf("?") >= 0 ? "&" : "?";
    return fetch(server ? url : url + sep + "t=" + encodeURIComponent(token), opts).then(function (r) {
      if (step) { step.server = r.headers.get("Server-Timing"); step.headers = performance.now() - step.sent; }
      return r.text().then(function (text) {
        var data;
        try { data = JSON.parse(text); } catch (e) { data = { error: text }; }
        data.status = r.status;
        return data;
      });
    });
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // ------------------------------------------------------------- restarts
  // Every page of the running workbench answers, on a channel shared by
  // the pages of its address (same port), with its token. A page whose
  // token went stale (the workbench was started again, a double-click)
  // asks, checks the answer with the server and goes to the same report
  // at the new address. Another port is another address: no answer, the
  // page says what to do.
  var channel = window.BroadcastChannel && !server ? new BroadcastChannel("nianbao-workbench") : null;
  var stale = boot.page === "stale", moving = false;
  function pageFile() {
    if (boot.file) return boot.file;
    var m = /[?&]f=([^&]*)/.exec(location.search);
    return m ? decodeURIComponent(m[1].replace(/\+/g, " ")) : null;
  }
  function probe(url, t) {
    return fetch(url + (url.indexOf("?") >= 0 ? "&" : "?") + "t=" + encodeURIComponent(t),
      { headers: { "X-Nianbao-Token": t }, cache: "no-store" }).then(function (r) { return r.status === 200; }, function () { return false; });
  }
  function moveTo(t) {
    if (moving || !t || t === token) return;
    var f = pageFile();
    var there = f ? probe("/api/version?f=" + encodeURIComponent(f), t) : Promise.resolve(false);
    there.then(function (ok) {
      if (ok) return "/report?f=" + encodeURIComponent(f) + "&t=" + encodeURIComponent(t);
      return probe("/api/list", t).then(function (live) { return live ? "/?t=" + encodeURIComponent(t) : null; });
    }).then(function (url) {
      if (!url || moving) return;
      moving = true;
      var say = document.getElementById("finding") || document.getElementById("banner");
      if (say) say.textContent = "找到了新启动的工作台，正在转过去…";
      location.replace(url);
    });
  }
  function askForLive() { if (channel) channel.postMessage({ ask: 1 }); }
  if (channel) {
    channel.onmessage = function (ev) {
      var d = ev.data || {};
      if (d.ask && !stale && token) channel.postMessage({ token: token });
      if (d.token && stale) moveTo(d.token);
    };
    if (!stale && token) channel.postMessage({ token: token });
  }
  function stalePage() {
    var say = document.getElementById("finding");
    askForLive();
    setInterval(askForLive, 2000);
    setTimeout(function () {
      if (!moving) say.textContent = "没有找到正在运行的工作台页面：请按下面的办法做。这个页面会一直等着，新的工作台页面打开后自动转过去。";
    }, 3000);
  }

  // ---------------------------------------------------------------- index
  function index() {
    var msg = document.getElementById("message");
    function say(text, bad) { msg.textContent = text; msg.className = bad ? "message bad" : "message"; }
    function open(file) { location.href = "/report?f=" + encodeURIComponent(file) + "&t=" + encodeURIComponent(token); }
    function load() {
      api("GET", "/api/list").then(function (data) {
        var body = document.querySelector("#reports tbody");
        var select = document.querySelector("#next-form select");
        body.textContent = "";
        // A reload lists the folder again: the choices start afresh.
        while (select.children.length > 1) select.removeChild(select.lastChild);
        (data.reports || []).forEach(function (r) {
          var tr = el("tr");
          tr.appendChild(el("td", {}, r.file));
          tr.appendChild(el("td", {}, r.problem ? "（" + r.problem + "）" : r.agency));
          tr.appendChild(el("td", {}, r.year ? String(r.year) : ""));
          tr.appendChild(el("td", { "class": r.errors ? "bad" : "good" }, r.problem ? "" : String(r.errors)));
          tr.appendChild(el("td", {}, r.problem ? "" : String(r.empty)));
          var td = el("td");
          if (r.workbook) {
            // A workbook is filled in Excel/WPS; one click makes it a data
            // file the workbench edits (the workbook stays as it is).
            td.appendChild(el("span", { "class": "kind", title: "Excel/WPS 工作簿：在 Excel 或 WPS 中填写，填好放回本文件夹后，在这里点“检查”“生成 PDF”“生成 Word”。也可以点“转为数据文件”，改在工作台中填写（原工作簿之后不再随之更新）。" }, "Excel 工作簿"));
            var c = el("button", { "data-convert": r.file }, "转为数据文件");
            c.onclick = function () {
              api("POST", "/api/convert", { file: r.file }).then(function (x) {
                if (x.file) open(x.file); else say(x.error, true);
              });
            };
            td.appendChild(c);
            // A filled workbook is checked and built here, no terminal needed.
            var k = el("button", { "data-workbook-check": r.file }, "检查");
            k.onclick = function () { checkWorkbook(r.file); };
            td.appendChild(k);
            ["pdf", "docx"].forEach(function (format) {
              var g = el("button", { "data-workbook-build": format, "data-file": r.file }, format === "pdf" ? "生成 PDF" : "生成 Word");
              g.onclick = function () {
                say("正在生成…");
                api("POST", "/api/build", { file: r.file, format: format }).then(function (x) {
                  if (x.written) say("已生成：" + x.written + (x.draft ? "（工作簿中还有错误，标为草稿：点“检查”查看）" : ""));
                  else say(x.error || "生成失败", true);
                });
              };
              td.appendChild(g);
            });
          } else if (!r.problem) {
            var b = el("button", { "class": "primary" }, "打开");
            b.onclick = function () { open(r.file); };
            td.appendChild(b);
          }
          if (!r.problem) {
            var o = el("option", { value: r.file }, r.file + "（" + r.agency + " " + r.year + " 年度）");
            select.appendChild(o);
          }
          tr.appendChild(td);
          body.appendChild(tr);
        });
        // Last year's published report saved in the folder is offered
        // too: imported from there, nothing to look for again.
        if ((data.published || []).length) {
          var group = el("optgroup", { label: "本文件夹中的上年报告（导入）" });
          data.published.forEach(function (name) {
            group.appendChild(el("option", { value: "published:" + name }, name));
          });
          select.appendChild(group);
        }
        if (!(data.reports || []).length) {
          var tr = el("tr");
          var lying = data.published || [];
          tr.appendChild(el("td", { colspan: 6 }, lying.length
            ? "这个文件夹里还没有年报数据文件。找到了上年的报告 " + lying[0] + (lying.length > 1 ? " 等 " + lying.length + " 份" : "") + "：在下面“从上年生成”中选它，点“生成本年报告”。"
            : "这个文件夹里还没有年报数据文件：请在下面新建，或从上年生成。"));
          body.appendChild(tr);
        }
      });
    }
    // A workbook's findings, each at its cell (表三!J6), Chinese first.
    function checkWorkbook(file) {
      api("GET", "/api/workbook?f=" + encodeURIComponent(file)).then(function (x) {
        var card = document.getElementById("workbook-check"), list = document.getElementById("workbook-findings");
        if (x.status !== 200) { say(x.error || "无法检查", true); return; }
        card.hidden = false;
        document.getElementById("workbook-title").textContent = file + "：" + x.errors + " 个错误，" + x.warnings + " 个警告";
        list.textContent = "";
        x.findings.forEach(function (f) {
          var li = el("li", { "data-code": f.code, "class": f.severity });
          li.appendChild(el("span", { "class": "rule" }, f.rule));
          li.appendChild(el("span", { "class": "msg" }, (f.cell ? "【" + f.cell + "】" : "") + f.message));
          if (f.help) li.appendChild(el("span", { "class": "help" }, "建议：" + f.help));
          list.appendChild(li);
        });
        if (!x.findings.length) list.appendChild(el("li", { "class": "ok" }, "没有发现问题，可以生成报告。"));
        card.scrollIntoView({ block: "start" });
      });
    }
    document.getElementById("new-form").onsubmit = function (ev) {
      ev.preventDefault();
      var f = ev.target;
      api("POST", "/api/new", { agency: f.agency.value, year: Number(f.year.value) }).then(function (r) {
        if (r.file) open(r.file); else say(r.error, true);
      });
    };
    document.getElementById("next-form").onsubmit = function (ev) {
      ev.preventDefault();
      var f = ev.target;
      var upload = f.upload.files[0];
      var workbook = f.workbook.checked, blank = f.blank.checked;
      // A workbook is filled in Excel/WPS: it is listed, not opened here.
      var done = function (r) {
        if (!r.file) { say(r.error, true); return; }
        if (r.workbook) { say("已生成工作簿 " + r.file + "：在 Excel 或 WPS 中填写，填好放回本文件夹后点“检查”。"); load(); }
        else open(r.file);
      };
      // Last year's published report: sent by the page (an upload), or
      // named when it lies in the folder.
      function importing(name, read, where) {
        say("正在导入 " + name + "…");
        var target = "/api/import?name=" + encodeURIComponent(name) + where + (workbook ? "&workbook=1" : "") + (blank ? "&blank=1" : "");
        read.then(function (buf) {
          return api("POST", target, buf, true).then(function (r) {
            // Tracked changes or comments still in the Word document: named,
            // and read as accepted only when the clerk says so.
            if (!r.unaccepted) return r;
            say(r.error, true);
            if (!window.confirm(r.error + "\n\n按接受全部修订后的文字导入？")) return { error: r.error };
            say("正在按接受修订后的文字导入 " + name + "…");
            return api("POST", target + "&accept=1", buf, true);
          });
        }).then(done);
      }
      if (upload) {
        importing(upload.name, upload.arrayBuffer(), "");
      } else if (f.from.value.indexOf("published:") === 0) {
        importing(f.from.value.slice("published:".length), Promise.resolve(new ArrayBuffer(0)), "&in=folder");
      } else if (f.from.value) {
        api("POST", "/api/next", { from: f.from.value, workbook: workbook, blank_text: blank }).then(done);
      } else {
        say("请选择上年的数据文件，或选择要导入的上年报告", true);
      }
    };
    load();
  }

  // ------------------------------------------------ keeping typing (server)
  // What was typed and not yet acknowledged, per report (its id) and path,
  // kept in sessionStorage and localStorage: a reload, a lost session or a
  // restarted server loses none of it; an acknowledged save forgets it.
  function keeper(file) {
    var key = "nianbao-unsaved:" + location.host + ":" + file;
    var stores = [];
    try { stores.push(window.sessionStorage); } catch (e) { /* storage off */ }
    try { stores.push(window.localStorage); } catch (e) { /* storage off */ }
    function read(store) {
      try { var v = JSON.parse(store.getItem(key) || "{}"); return v && typeof v === "object" ? v : {}; } catch (e) { return {}; }
    }
    var values = {};
    for (var i = 0; i < stores.length && !Object.keys(values).length; i++) values = read(stores[i]);
    function write() {
      var text = JSON.stringify(values);
      stores.forEach(function (s) {
        try { if (text === "{}") s.removeItem(key); else s.setItem(key, text); } catch (e) { /* full or off */ }
      });
    }
    return {
      values: function () { return values; },
      put: function (path, value) { values[path] = value; write(); },
      // Forgets the edits acknowledged (or refused for good), unless typed
      // over since.
      done: function (edits) {
        edits.forEach(function (e) { if (values[e.path] === e.value) delete values[e.path]; });
        write();
      }
    };
  }

  // Logging in again on the page itself (a session expired, the server
  // restarted): a dialog posting to /api/login; the page and its typing
  // stay, the new session's token replaces the old one, then `after`.
  var relogin = (function () {
    var dialog = null, waiting = [];
    function build() {
      dialog = el("dialog", { id: "relogin", "class": "relogin" });
      // Above the page, which stays usable (typing goes on meanwhile).
      dialog.style.cssText = "position:fixed;top:1em;left:0;right:0;margin:0 auto;max-width:32em;z-index:100;" +
        "border:2px solid #b45309;border-radius:6px;background:#fffbeb;padding:1em;box-shadow:0 4px 16px rgba(0,0,0,.25)";
      var form = el("form", { id: "relogin-form" });
      form.appendChild(el("p", { id: "relogin-why" }, "登录已失效（超过 8 小时未操作、在别处退出了登录，或服务器已重新启动），请重新登录。没有保存的修改都还在这个页面上，登录后会自动保存。"));
      var user = el("input", { name: "user", autocomplete: "username", required: "" });
      user.value = boot.user || "";
      var password = el("input", { name: "password", type: "password", autocomplete: "current-password", required: "" });
      var l1 = el("label", {}, "账号 "), l2 = el("label", {}, "密码 ");
      l1.appendChild(user); l2.appendChild(password);
      form.appendChild(l1); form.appendChild(l2);
      form.appendChild(el("button", { type: "submit", id: "relogin-submit" }, "登录并保存"));
      var msg = el("p", { id: "relogin-message", "class": "message bad", role: "status" });
      form.appendChild(msg);
      form.addEventListener("submit", function (ev) {
        ev.preventDefault();
        msg.textContent = "正在登录…";
        fetch("/api/login", { method: "POST", headers: { "Content-Type": "application/json" }, cache: "no-store",
          body: JSON.stringify({ user: user.value, password: password.value }) })
          .then(function (r) { return r.json().then(function (d) { return [r.status, d]; }, function () { return [r.status, {}]; }); })
          .then(function (x) {
            if (x[0] !== 200) { msg.textContent = x[1].error || "登录失败"; return; }
            if (boot.user && x[1].user !== boot.user) {
              msg.textContent = "这个页面属于账号“" + boot.user + "”：请用这个账号登录（已登录为“" + x[1].user + "”）";
              return;
            }
            password.value = "";
            msg.textContent = "";
            loggedIn(x[1].csrf);
          }, function () { msg.textContent = "无法连接服务器，请稍后再试"; });
      });
      dialog.appendChild(form);
      document.body.appendChild(dialog);
    }
    function loggedIn(csrf) {
      token = csrf;
      boot.token = csrf;
      boot.csrf = csrf;
      // The other scripts of the page (退出登录, the upload) read the boot.
      var node = document.getElementById("nb-boot");
      try {
        var b = JSON.parse(node.textContent);
        b.token = csrf; b.csrf = csrf;
        node.textContent = JSON.stringify(b);
      } catch (e) { /* keep the old */ }
      dialog.close();
      var then = waiting;
      waiting = [];
      then.forEach(function (f) { f(); });
    }
    return {
      ask: function (after) {
        if (!dialog) build();
        if (after) waiting.push(after);
        if (!dialog.open) {
          // Opened without the dialog's focusing steps (show() would move
          // the focus into it, and keys meant for a cell — the rest of a
          // number being typed — would land in the password field): the
          // field typed in keeps the keyboard; the dialog's password
          // field takes it only when no field of the page has it.
          var at = document.activeElement;
          dialog.setAttribute("open", "");
          var typing = at && at !== document.body && at.matches && at.matches("input, textarea, select, [contenteditable]") && !dialog.contains(at);
          if (typing) { if (document.activeElement !== at) at.focus(); }
          else {
            var first = dialog.querySelector(boot.user ? "input[name=password]" : "input[name=user]");
            if (first) first.focus();
          }
        }
      },
      open: function () { return !!(dialog && dialog.open); }
    };
  })();
  window.nbRelogin = relogin;

  // --------------------------------------------------------------- report
  function report() {
    var file = boot.file;
    var inputs = {};
    document.querySelectorAll("[data-path]").forEach(function (e) { inputs[e.getAttribute("data-path")] = e; });
    var sums = {};
    boot.sums.forEach(function (s) { sums[s[0]] = s[1]; });
    var version = null, figures = [], shownMenus = null, shownHtml = null;
    var pending = {}, inFlight = false, typedAt = [];
    window.nbTimings = [];
    window.nbSteps = [];
    var status = document.getElementById("status");
    var banner = document.getElementById("banner");
    var frame = document.getElementById("report");

    // The page stops taking edits when its server is gone or its token is
    // stale ("offline"), or while the data file cannot be read
    // ("unreadable": the last good values stay on screen).
    var readOnly = null;
    function setReadOnly(why) {
      readOnly = why;
      document.querySelectorAll("#form input, #form textarea, #form select, [data-action]").forEach(function (e) {
        if (why) e.setAttribute("disabled", ""); else e.removeAttribute("disabled");
      });
      document.body.classList.toggle("readonly", !!why);
    }
    function showBanner(kind, text) {
      banner.hidden = false;
      banner.setAttribute("data-banner", kind);
      banner.textContent = text;
    }
    function hideBanner() {
      banner.hidden = true;
      banner.removeAttribute("data-banner");
    }
    function offline(restarted) {
      if (server) { if (restarted) needLogin(); else unreachable(); return; }
      pending = {};
      stale = true;
      setReadOnly("offline");
      status.textContent = "未保存";
      showBanner("offline", restarted
        ? "工作台已重新启动，这个页面已过期，修改未保存：请使用新打开的工作台页面（或重新双击 nianbao）；找到新页面时这里会自动转过去"
        : "工作台已关闭，修改未保存：请重新双击 nianbao。新的工作台页面打开后，这个页面会自动转过去（也可以直接关掉它）");
      askForLive();
    }
    function unreadable(state) {
      var first = (state.findings || []).filter(function (f) { return f.severity === "error"; })[0];
      setReadOnly("unreadable");
      showBanner("unreadable", "数据文件" + (first && first.line ? "第 " + first.line + " 行" : "") + "有错误，暂时无法读取：" +
        (first ? first.message : "文件不是年报数据") +
        "。这多半是在记事本里改动时留下的（少了括号或引号、冒号写成全角“：”、缩进没对齐）。" +
        "请在编辑器中改好后保存，这里会自动重新载入；下面是最后一次读到的内容，暂不能修改。");
    }

    function number(text) {
      if (text === undefined || text === null) return null;
      var t = String(text).replace(/[,，\s]/g, "").replace(/[０-９]/g, function (c) {
        return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
      });
      if (!/^-?\d+(\.\d+)?$/.test(t)) return null;
      return Number(t);
    }
    // A cell's value: what is typed, else the computed total.
    function cellValue(path, depth) {
      var input = inputs[path];
      if (input && input.value.trim() !== "") return number(input.value);
      var parts = sums[path];
      if (!parts || depth > 4) return null;
      var total = 0;
      for (var i = 0; i < parts.length; i++) {
        var v = cellValue(parts[i], depth + 1);
        if (v === null) return null;
        total += v;
      }
      return Math.round(total * 1e6) / 1e6;
    }
    function computed(p) {
      var parts = sums[p], total = 0;
      for (var i = 0; i < parts.length; i++) {
        var x = cellValue(parts[i], 1);
        if (x === null) return "";
        total += x;
      }
      return String(Math.round(total * 1e6) / 1e6);
    }
    // Each input's tooltip without findings (a total's says its sum); a
    // finding's text replaces it while the finding stands.
    var baseTitle = {};
    for (var bp in inputs) baseTitle[bp] = inputs[bp].getAttribute("title") || "";
    function setTitle(p) {
      var e = inputs[p], t = e.getAttribute("data-finding") || baseTitle[p];
      if (e.title !== t) e.title = t;
    }
    // Only what changed is written: a rewritten placeholder or class makes
    // the browser lay the input's table out again on every keystroke.
    function updateTotals() {
      for (var p in sums) {
        var input = inputs[p];
        if (!input) continue;
        var c = computed(p);
        if (input.placeholder !== c) input.placeholder = c;
        if (!input.classList.contains("total")) input.classList.add("total");
        baseTitle[p] = c === "" ? "总计：各格填齐后自动计算；可不填" : "总计（自动计算）：" + c + "；可不填，填写时校验";
        setTitle(p);
      }
    }

    function setValues(values) {
      for (var p in inputs) {
        var e = inputs[p];
        // A field typed into before the page's first state came (or while
        // a conflict reloads) keeps what was typed: it is saved next.
        if (e.classList.contains("insert") || p in pending) continue;
        var v = values && values[p] !== undefined ? values[p] : "";
        if (e.tagName === "TEXTAREA") {
          v = toShown(v);
          if (e.value !== v) { e.value = v; paint(e); }
        } else if (e.value !== v) e.value = v;
      }
      updateTotals();
    }

    // The findings at the cells and in the panel. A keystroke changes one
    // or two findings: only the cells whose marks differ and the list items
    // that differ are touched, so the form is not laid out again whole.
    var shownMarks = {}, markFlags = {}, shownItems = {}, okItem = null;
    function markFindings(findings, counts) {
      markCells(findings);
      var list = document.getElementById("findings");
      var next = {}, nodes = [];
      findings.forEach(function (f) {
        var key = JSON.stringify(f), old = shownItems[key];
        var li = old && old.length ? old.shift() : findingItem(f);
        (next[key] = next[key] || []).push(li);
        nodes.push(li);
      });
      shownItems = next;
      if (!findings.length) nodes.push(okItem = okItem || el("li", { "class": "ok" }, "没有发现问题，可以生成报告。"));
      for (var i = 0; i < nodes.length; i++) {
        if (list.childNodes[i] !== nodes[i]) list.insertBefore(nodes[i], list.childNodes[i] || null);
      }
      while (list.childNodes.length > nodes.length) list.removeChild(list.lastChild);
      // A finding on 成文日期 (before the year ends, after the deadline),
      // on the agency's name or a contact field (a letter among the
      // digits of a telephone number, a postcode not of six digits) is
      // said at the field too; a typing error said there stays.
      document.querySelectorAll(".field-msg[data-for]").forEach(function (m) {
        var p = m.getAttribute("data-for");
        var said = findings.filter(function (f) { return f.cells.indexOf(p) >= 0; })
          .map(function (f) { return (f.rule || f.code) + "：" + f.message; }).join("；");
        if (said) { if (m.textContent !== said) m.textContent = said; m.setAttribute("data-from", "findings"); }
        else if (m.getAttribute("data-from") === "findings") { m.textContent = ""; m.removeAttribute("data-from"); }
      });
      var summary = counts.errors + " 个错误，" + counts.warnings + " 个警告";
      setText(document.getElementById("summary"), "（" + summary + "）");
      setText(document.getElementById("counts"), summary + (counts.empty ? "，还有 " + counts.empty + " 格待填" : ""));
    }
    function setText(e, text) { if (e.textContent !== text) e.textContent = text; }
    // The marks, tooltips and flags of the cells the findings name; a
    // cell whose marks are as shown is left alone.
    function markCells(findings) {
      var want = {};
      findings.forEach(function (f) {
        f.cells.forEach(function (p) {
          if (!inputs[p]) return;
          var w = want[p] || (want[p] = { mark: null, text: "", flags: [] });
          if (w.mark !== "error") w.mark = f.severity;
          w.text += (f.rule || f.code) + "：" + f.message + "\n";
          w.flags.push([f.severity, f.code, (f.rule || f.code) + "：" + f.message]);
        });
      });
      var paths = Object.keys(shownMarks).concat(Object.keys(want).filter(function (p) { return !(p in shownMarks); }));
      paths.forEach(function (p) {
        var w = want[p], key = w ? JSON.stringify(w) : undefined;
        if (key === shownMarks[p]) return;
        var input = inputs[p];
        (markFlags[p] || []).forEach(function (x) { x.remove(); });
        markFlags[p] = [];
        if (w) {
          shownMarks[p] = key;
          input.setAttribute("data-mark", w.mark);
          input.setAttribute("data-finding", w.text);
          // Each flag goes right after the input, as the findings come.
          w.flags.forEach(function (g) {
            var flag = el("span", { "class": "flag " + g[0], "data-code": g[1], title: g[2] }, g[0] === "error" ? "!" : "?");
            input.parentNode.insertBefore(flag, input.nextSibling);
            markFlags[p].push(flag);
          });
        } else {
          delete shownMarks[p];
          input.removeAttribute("data-mark");
          input.removeAttribute("data-finding");
        }
        setTitle(p);
      });
    }
    // One finding in the panel.
    function findingItem(f) {
      var li = el("li", { "data-code": f.code, "class": f.severity });
      li.appendChild(el("span", { "class": "rule" }, f.rule || f.code));
      li.appendChild(el("span", { "class": "msg" }, f.message + (f.label ? "：" + f.label : "")));
      if (f.help) li.appendChild(el("span", { "class": "help" }, "建议：" + f.help));
      // No fix and no cell to go to: what clears it, or why not here.
      if (f.clear) li.appendChild(el("span", { "class": "help clear" }, "怎样消除：" + f.clear));
      if (f.fix) {
        var fixButton = el("button", { "class": "fix", "data-fix": f.code }, f.fix.label);
        fixButton.onclick = function (ev) { ev.stopPropagation(); applyFix(f.fix); };
        li.appendChild(fixButton);
      }
      var more = el("details", { "class": "code" });
      more.appendChild(el("summary", {}, "规则代码"));
      more.appendChild(el("span", {}, f.code + "（命令行 nianbao explain " + f.code + " 可看详细说明）"));
      more.onclick = function (ev) { ev.stopPropagation(); };
      li.appendChild(more);
      if (f.cells.length) {
        li.classList.add("link");
        li.title = "点击定位到相关的格";
        li.onclick = function () { var t = inputs[f.cells[0]]; if (t) { t.scrollIntoView({ block: "center" }); t.focus(); } };
      }
      return li;
    }

    function showReport(html) {
      if (!html) return;
      var doc = frame.contentDocument;
      if (!doc || !doc.body || !doc.body.hasAttribute("data-nb")) {
        frame.srcdoc = html.replace("<body", "<body data-nb=\"1\"");
        return;
      }
      // Nothing is read from the frame's layout here (no scroll position
      // saved and restored): that would lay it out in the middle of the
      // changes. Nodes kept in place keep the scroll position.
      patch(doc.body, new DOMParser().parseFromString(html, "text/html").body);
    }

    // Makes `shown`'s children equal to `next`'s, touching only what
    // differs: the children that match at the start and at the end are kept
    // (made equal in place), those between them replaced. A keystroke
    // changes a figure or a sentence deep inside the report (the whole
    // report is one <main>) or brings the 草稿 banner in or out, and the
    // rest keeps its nodes and its layout.
    function patch(shown, next) {
      var have = shown.childNodes, want = next.childNodes, doc = shown.ownerDocument;
      var hl = have.length, wl = want.length, p = 0, s = 0;
      while (p < hl && p < wl && matched(have[p], want[p])) p++;
      while (s < hl - p && s < wl - p && matched(have[hl - 1 - s], want[wl - 1 - s])) s++;
      var gone = Array.prototype.slice.call(have, p, hl - s), before = have[hl - s] || null;
      gone.forEach(function (n) { shown.removeChild(n); });
      for (var i = p; i < wl - s; i++) shown.insertBefore(doc.importNode(want[i], true), before);
    }
    // Whether `h` can stay for `w`, and if so makes it equal: equal already,
    // text (its text replaced), or an element of the same tag and attributes
    // (its children patched).
    function matched(h, w) {
      if (h.isEqualNode(w)) return true;
      if (h.nodeType === 3 && w.nodeType === 3) { h.data = w.data; return true; }
      if (h.nodeType !== 1 || h.nodeName !== w.nodeName || h.attributes.length !== w.attributes.length) return false;
      for (var i = 0; i < w.attributes.length; i++) {
        if (h.getAttribute(w.attributes[i].name) !== w.attributes[i].value) return false;
      }
      patch(h, w);
      return true;
    }

    // The placeholder menus: built when the figures named change (an
    // edition), otherwise only the changed values' labels are rewritten.
    var menuOptions = {};
    function figureLabel(f) {
      var parts = f[0].split(".");
      return parts[parts.length - 1] + "（当前：" + (f[1] === "" ? "未填" : f[1]) + "）";
    }
    function updateMenus() {
      var key = figures.map(function (f) { return f[0]; }).join("|");
      if (key !== shownMenus) { shownMenus = key; fillMenus(); return; }
      figures.forEach(function (f) {
        var label = figureLabel(f);
        (menuOptions[f[0]] || []).forEach(function (o) { if (o.textContent !== label) o.textContent = label; });
      });
    }
    function fillMenus() {
      menuOptions = {};
      document.querySelectorAll("select.insert").forEach(function (s) {
        var keep = s.options[0];
        s.textContent = "";
        s.appendChild(keep);
        var groups = {};
        figures.forEach(function (f) {
          var path = f[0], parts = path.split(".");
          var group = parts.length > 2 ? parts.slice(0, -1).join(" / ") : parts[0];
          if (!groups[group]) { groups[group] = el("optgroup", { label: group }); s.appendChild(groups[group]); }
          var o = el("option", { value: path }, figureLabel(f));
          (menuOptions[path] = menuOptions[path] || []).push(o);
          groups[group].appendChild(o);
        });
      });
    }

    // Notes of the import this report was made from, beside the cells
    // they concern (a note on a row marks its cells).
    function showNotes(notes) {
      document.querySelectorAll(".flag.note").forEach(function (f) { f.remove(); });
      var box = document.getElementById("notes"), list = document.getElementById("note-list");
      list.textContent = "";
      box.hidden = !notes.length;
      notes.forEach(function (n) {
        var at = inputs[n[0]] || inputs[Object.keys(inputs).filter(function (p) { return p.indexOf(n[0] + "[") === 0 || p.indexOf(n[0] + ".") === 0; })[0]];
        var where = at ? (at.getAttribute("aria-label") || (at.closest("label") && at.closest("label").firstChild.textContent) || "") : "";
        list.appendChild(el("li", {}, (where ? where + "：" : "") + n[1]));
        Object.keys(inputs).forEach(function (p) {
          if (p !== n[0] && p.indexOf(n[0] + "[") !== 0 && p.indexOf(n[0] + ".") !== 0) return;
          var input = inputs[p];
          var flag = el("span", { "class": "flag note", title: "上年报告导入说明：" + n[1] }, "i");
          input.parentNode.insertBefore(flag, input.nextSibling);
        });
      });
    }

    // The collection server's remarks (审核意见) on cells and paragraphs:
    // listed in the side panel and flagged at their cells. The office, on a
    // submitted report, picks a cell or paragraph (focus, caret) and adds
    // one.
    var remarkAt = null;
    function labelOf(p) {
      var at = inputs[p];
      if (!at) return p;
      var label = at.closest("label");
      return at.getAttribute("aria-label") || (label && label.firstChild && label.firstChild.textContent) || p;
    }
    function paragraphAt(area) {
      if (area.tagName !== "TEXTAREA" || !area.value.trim()) return 0;
      var before = area.value.slice(0, area.selectionStart || 0).replace(/^\s+/, "");
      return before.split(/\n\s*\n/).length;
    }
    function placeText(path, para) { return labelOf(path) + (para ? " 第 " + para + " 段" : ""); }
    function showRemarks(list, remarking) {
      var box = document.getElementById("remarks");
      if (!box) return;
      document.querySelectorAll(".flag.remark").forEach(function (f) { f.remove(); });
      document.querySelectorAll("[data-remarked]").forEach(function (e) { e.removeAttribute("data-remarked"); });
      var ol = document.getElementById("remark-list");
      ol.textContent = "";
      box.hidden = !list.length && !remarking;
      document.getElementById("remark-form").hidden = !remarking;
      document.getElementById("remark-round").textContent = list.length ? "（第 " + list[0].revision + " 版）" : "";
      list.forEach(function (r) {
        var where = placeText(r.path, r.para);
        var li = el("li", { "data-remark-path": r.path, "data-remark-id": String(r.id), "class": "link" });
        li.appendChild(el("span", { "class": "rule" }, where));
        li.appendChild(el("span", { "class": "msg" }, r.text));
        if (remarking) {
          var x = el("button", { "class": "fix" }, "删除");
          x.onclick = function (ev) {
            ev.stopPropagation();
            api("POST", "/api/remark/remove", { file: file, id: r.id }).then(function () { reload(); });
          };
          li.appendChild(x);
        }
        li.onclick = function () { var t = inputs[r.path]; if (t) { t.scrollIntoView({ block: "center" }); t.focus(); } };
        ol.appendChild(li);
        var input = inputs[r.path];
        if (!input) return;
        input.setAttribute("data-remarked", "");
        var flag = el("span", { "class": "flag remark", "data-remark": r.path, title: "审核意见（" + where + "）：" + r.text }, "批");
        input.parentNode.insertBefore(flag, input.nextSibling);
      });
    }
    function pickRemarkPlace(ev) {
      var t = ev.target;
      if (!t || !t.getAttribute || !t.getAttribute("data-path")) return;
      remarkAt = { path: t.getAttribute("data-path"), para: paragraphAt(t) };
      var at = document.getElementById("remark-at");
      if (at) at.textContent = "位置：" + placeText(remarkAt.path, remarkAt.para);
    }
    ["focusin", "click", "keyup"].forEach(function (kind) { document.getElementById("form").addEventListener(kind, pickRemarkPlace); });
    var remarkAdd = document.getElementById("remark-add");
    if (remarkAdd) remarkAdd.onclick = function () {
      var text = document.getElementById("remark-text"), at = document.getElementById("remark-at");
      if (!remarkAt) { at.textContent = "请先点报告中要写意见的格或段落"; return; }
      if (!text.value.trim()) { text.focus(); return; }
      api("POST", "/api/remark", { file: file, path: remarkAt.path, para: remarkAt.para, text: text.value }).then(function (r) {
        if (r.status === 200) { text.value = ""; reload(); }
        else at.textContent = r.error || "未能保存审核意见";
      });
    };

    // 沿用上年: each paragraph still carried from last year's report gets a
    // badge under its text box (data-banner="carried") with 确认沿用, which
    // saves an edit of 沿用上年 naming the paragraph; editing the paragraph
    // ends the mark by itself.
    var confirms = [];
    // 沿用数字: each figure still written as last year's is highlighted in
    // its text box (.carried-fig) and listed under it
    // (.carried-figures[data-path], one data-banner="carried-figure" each)
    // with 改为本年数字 (selects the figure in the box, to be typed over)
    // and 确认本年仍为此数 (saves an edit of 沿用数字 naming it).
    var carriedFigures = [];
    function figureRange(area, f) {
      var v = area.value, at = -1;
      for (var k = 0; k <= f.occurrence; k++) { at = v.indexOf(f.figure, at + 1); if (at < 0) return null; }
      return [at, at + f.figure.length];
    }
    function showCarriedFigures(list) {
      carriedFigures = list;
      document.querySelectorAll(".carried-figures").forEach(function (e) { e.remove(); });
      document.querySelectorAll("textarea[data-path]").forEach(paint);
      var byPath = {};
      list.forEach(function (f) { (byPath[f.path] = byPath[f.path] || []).push(f); });
      Object.keys(byPath).forEach(function (p) {
        var area = inputs[p];
        if (!area) return;
        var box = area.closest(".box") || area;
        var holder = el("div", { "class": "carried-figures", "data-path": p });
        byPath[p].forEach(function (f) {
          var item = el("div", { "class": "carried carried-figure", "data-banner": "carried-figure", "data-figure": f.figure, "data-confirm": f.confirm, title: "这个数字是从上年报告带入的，改为本年的数字或点“确认本年仍为此数”后不再标出" });
          item.appendChild(el("span", { "class": "carried-tag" }, "上年数字"));
          var what = el("span", { "class": "carried-text" }, "第 " + f.paragraph + " 段“" + f.figure + "”" + (f.sentence ? "（上年：" + f.sentence + "）" : ""));
          item.appendChild(what);
          if (!readOnly) {
            var change = el("button", { type: "button", "class": "fix", "data-change": f.figure }, "改为本年数字");
            change.onclick = function () {
              var r = figureRange(area, f);
              area.focus();
              if (r) { area.setSelectionRange(r[0], r[1]); area.scrollIntoView({ block: "center" }); }
            };
            item.appendChild(change);
            var ok = el("button", { type: "button", "class": "fix", "data-confirm-figure": f.confirm }, "确认本年仍为此数");
            ok.onclick = function () { ok.disabled = true; confirms.push({ path: "沿用数字", value: f.confirm }); flush(); };
            item.appendChild(ok);
          }
          holder.appendChild(item);
        });
        var after = box.nextSibling && box.nextSibling.classList && box.nextSibling.classList.contains("carried-list") ? box.nextSibling : box;
        box.parentNode.insertBefore(holder, after.nextSibling);
      });
    }
    function showCarried(list) {
      document.querySelectorAll(".carried-list").forEach(function (e) { e.remove(); });
      var byPath = {};
      list.forEach(function (c) { (byPath[c.path] = byPath[c.path] || []).push(c); });
      Object.keys(byPath).forEach(function (p) {
        var area = inputs[p];
        if (!area) return;
        var box = area.closest(".box") || area;
        var holder = el("div", { "class": "carried-list", "data-path": p });
        byPath[p].forEach(function (c) {
          var badge = el("div", { "class": "carried", "data-banner": "carried", "data-carried": c.confirm, title: "这一段是从上年报告带入的，改写后或点“确认沿用”后不再标出" });
          badge.appendChild(el("span", { "class": "carried-tag" }, "沿用上年"));
          var what = el("span", { "class": "carried-text link" }, "第 " + c.paragraph + " 段：“" + c.opening + "”");
          what.onclick = function () { area.scrollIntoView({ block: "center" }); area.focus(); };
          badge.appendChild(what);
          if (!readOnly) {
            var b = el("button", { type: "button", "class": "fix", "data-confirm": c.confirm }, "确认沿用");
            b.onclick = function () { b.disabled = true; confirms.push({ path: "沿用上年", value: c.confirm }); flush(); };
            badge.appendChild(b);
          }
          holder.appendChild(badge);
        });
        box.parentNode.insertBefore(holder, box.nextSibling);
      });
    }

    // Findings, notes, remarks, menus and report are redrawn only when they
    // changed.
    var shownFindings = null, shownNotes = null, shownRemarks = null, shownCarried = null, shownCarriedFigures = null;
    function apply(state, full) {
      version = state.version;
      figures = state.figures || [];
      if (!state.values) { unreadable(state); return; }
      if (readOnly === "unreadable") { setReadOnly(null); hideBanner(); }
      if (full) setValues(state.values);
      else { updateTotals(); refreshBound(); }
      var findingsKey = JSON.stringify([state.findings, state.errors, state.warnings, state.empty]);
      if (full || findingsKey !== shownFindings) { shownFindings = findingsKey; markFindings(state.findings || [], state); }
      var notesKey = JSON.stringify(state.notes || []);
      if (full || notesKey !== shownNotes) { shownNotes = notesKey; showNotes(state.notes || []); }
      var carriedKey = JSON.stringify(state.carried || []);
      if (full || carriedKey !== shownCarried) { shownCarried = carriedKey; showCarried(state.carried || []); shownCarriedFigures = null; }
      var figuresKey = JSON.stringify(state.carried_figures || []);
      if (full || figuresKey !== shownCarriedFigures) { shownCarriedFigures = figuresKey; showCarriedFigures(state.carried_figures || []); }
      var basis = document.querySelector('.field-msg[data-for="机关类型"]');
      if (basis && basis.textContent !== (state.judged || "")) basis.textContent = state.judged || "";
      var remarksKey = JSON.stringify([state.remarks || [], !!state.remarking]);
      if (full || remarksKey !== shownRemarks) { shownRemarks = remarksKey; showRemarks(state.remarks || [], !!state.remarking); }
      updateMenus();
      if ("html" in state && state.html !== shownHtml) { shownHtml = state.html; showReport(state.html); }
    }

    // Called once the keystrokes in `covered` are drawn: the time from each
    // to the end of the next frame (after its paint) goes to nbTimings.
    function frameDone(covered, step) {
      requestAnimationFrame(function () {
        var channel = new MessageChannel();
        channel.port1.onmessage = function () {
          var now = performance.now();
          covered.forEach(function (t) { window.nbTimings.push(now - t); });
          if (step) { step.painted = now - step.sent; window.nbSteps.push(step); }
          window.nbRendered = (window.nbRendered || 0) + 1;
        };
        channel.port2.postMessage(0);
      });
    }

    // On the server: typing kept (`keep`) while the session or the server
    // is lost; a failed save's edits go back to `pending` (unless typed
    // over) and are sent again once logged in or reachable.
    var keep = server ? keeper(file) : null, retry = null;
    function requeue(edits) {
      edits.forEach(function (e) { if (!(e.path in pending)) pending[e.path] = e.value; });
    }
    function retryIn(ms) {
      if (retry) return;
      retry = setTimeout(function () { retry = null; flush(); }, ms);
    }
    function needLogin() {
      status.textContent = "未保存（已暂存，登录后保存）";
      showBanner("login", "登录已失效：没有保存的修改暂存在本页面和浏览器中（刷新页面也不会丢失），重新登录后自动保存。");
      relogin.ask(function () {
        hideBanner();
        // Whatever is kept is saved; with nothing to save, the latest text.
        if (Object.keys(pending).length) flush(); else reload();
      });
    }
    function unreachable() {
      status.textContent = "未保存（已暂存）";
      showBanner("unreachable", "暂时连不上服务器（可能正在重新启动或网络中断）：没有保存的修改暂存在本页面和浏览器中（刷新页面也不会丢失），连上后自动保存。");
      retryIn(3000);
    }
    // The values kept from before (a reload, a restart) put back on the
    // page over the stored ones, and saved.
    function restoreKept() {
      var kept = keep.values(), any = false;
      for (var p in kept) {
        var e = inputs[p];
        if (!e || e.readOnly || e.disabled) continue;
        if (!(p in pending)) pending[p] = kept[p];
        var shown = e.tagName === "TEXTAREA" ? toShown(pending[p]) : pending[p];
        if (e.value !== shown) { e.value = shown; if (e.tagName === "TEXTAREA") paint(e); }
        any = true;
      }
      if (!any) return;
      updateTotals();
      status.textContent = "正在保存上次没有保存的修改…";
      flush();
    }
    // A save refused because the report moved on: the latest text, the
    // typing put back over it, saved again.
    function conflict() {
      return reload().then(function () { restoreKept(); });
    }
    function failed(r, edits) {
      if (r.status === 401 || r.status === 403) { requeue(edits); needLogin(); return; }
      if (r.status === 409) {
        requeue(edits);
        status.textContent = "报告已被别处修改，正在载入最新内容并重新保存…";
        conflict();
        return;
      }
      if (r.status === 400 || r.status === 404) {
        keep.done(edits);
        status.textContent = "未保存";
        showBanner("error", r.error || "保存失败");
        return;
      }
      // 500 (the server could not write: a full disk, say), 503 (busy):
      // kept, tried again.
      requeue(edits);
      status.textContent = "未保存（已暂存）";
      showBanner("error", (r.error || "保存失败") + "。修改暂存在本页面和浏览器中，稍后自动重试。");
      retryIn(5000);
    }

    // The server's preview of the saved text, asked for once the typing has
    // paused for a second and nothing is being saved or waiting to be:
    // shown only if no save came in between.
    var previewTimer = null;
    function previewSoon() {
      clearTimeout(previewTimer);
      previewTimer = setTimeout(function () {
        if (inFlight || Object.keys(pending).length) return;
        var asked = version;
        api("GET", "/api/state?f=" + encodeURIComponent(file)).then(function (r) {
          if (r.status !== 200 || r.version !== asked || asked !== version || inFlight) return;
          if (r.html && r.html !== shownHtml) { shownHtml = r.html; showReport(r.html); }
        }, function () {});
      }, 1000);
    }

    function flush() {
      if (inFlight || version === null || retry || relogin.open()) return;
      var edits = [];
      for (var p in pending) edits.push({ path: p, value: pending[p] });
      confirms.forEach(function (c) { edits.push(c); });
      if (!edits.length) return;
      pending = {};
      confirms = [];
      inFlight = true;
      var covered = typedAt;
      typedAt = [];
      status.textContent = "正在保存…";
      var step = { sent: performance.now() };
      // On the server the preview comes when typing pauses (previewSoon):
      // rendering it is a third of a save's work, and a county's editors
      // share the server's cores.
      api("POST", "/api/save", { file: file, version: version, edits: edits, preview: !server }, false, step).then(function (r) {
        inFlight = false;
        if (r.status === 200) {
          if (keep) keep.done(edits);
          status.textContent = "已保存";
          hideBanner();
          step.received = performance.now() - step.sent;
          apply(r, false);
          step.applied = performance.now() - step.sent;
          // Keystrokes typed meanwhile go out at once; this one's value
          // is on screen now.
          frameDone(covered, step);
          flush();
          if (server) previewSoon();
        } else if (keep) {
          failed(r, edits);
        } else if (r.status === 403) {
          offline(true);
        } else {
          status.textContent = "未保存";
          showBanner("error", r.error || "保存失败");
          if (r.status === 409) { pending = {}; reload(); }
        }
      }, function () {
        inFlight = false;
        if (keep) { requeue(edits); unreachable(); return; }
        offline(false);
      });
    }

    // ---------------------------------------------------- the text boxes
    // What the clerk sees in a text box is what prints: a heading shows as
    // a heading (a band drawn on a layer behind the transparent text box,
    // with the same metrics), never as `###`; a figure bound to a table
    // cell shows as the cell's value on a chip, never as `{{ … }}`.
    // A heading by its form (（一）…, 1.…, （1）…) is one as typed or
    // pasted, as the report takes it; a heading without a number (a Word
    // heading style) starts with an invisible mark (U+2060 per level
    // below 3), saved as `### `. A bound figure is the cell's value between
    // invisible marks that number the cell; saved as its placeholder.
    var MARK = "\u2060", OPEN = "\u2061", ZERO = "\u2062", ONE = "\u2063", CLOSE = "\u2064";
    var RUN = /\u2061([\u2062\u2063]+)([^\u2061\u2064\n]*)\u2064/g;
    var bindPaths = [];
    function figureValue(path) {
      for (var i = 0; i < figures.length; i++) if (figures[i][0] === path) return figures[i][1] === "" ? "（未填）" : figures[i][1];
      return "（未填）";
    }
    function run(path) {
      var i = bindPaths.indexOf(path);
      if (i < 0) { i = bindPaths.length; bindPaths.push(path); }
      return OPEN + i.toString(2).replace(/0/g, ZERO).replace(/1/g, ONE) + figureValue(path) + CLOSE;
    }
    function runPath(bits) { return bindPaths[parseInt(bits.replace(/\u2062/g, "0").replace(/\u2063/g, "1"), 2)]; }
    // The same rule as the renderer's (model::narrative::heading_mark and
    // part_number): "part", "h3", "h4", "h5" or null.
    function headingForm(line) {
      var t = line.trim(), n = Array.from(t).length;
      var part = /^([一二三四五六七八九十]{1,2})、(.*)$/.exec(t);
      if (part && part[2].trim() && !/[，。；！？：,;]/.test(part[2]) && n <= 26) return "part";
      if (n > 26 || /[，。；！？,;!?：:]/.test(t)) return null;
      var m = /^[（(]([^）)]*)[）)](.*)$/.exec(t), level = null, rest = "";
      if (m && /^[一二三四五六七八九十]+$/.test(m[1])) { level = "h3"; rest = m[2]; }
      else if (m && /^\d{1,2}$/.test(m[1])) { level = "h5"; rest = m[2]; }
      else if (!m) {
        m = /^(\d{1,2})[.．、](.*)$/.exec(t);
        if (m && !/^[\d%]/.test(m[2])) { level = "h4"; rest = m[2]; }
      }
      return level && rest.trim() && !/^[ \u3000]/.test(rest) ? level : null;
    }
    window.nbHeadingForm = headingForm;
    var LEVEL = { "h3": 3, "h4": 4, "h5": 5 };
    // Stored (Markdown) → shown.
    function toShown(stored) {
      return String(stored).split("\n").map(function (line) {
        var m = /^(#{3,5}) +(.*)$/.exec(line);
        if (m) {
          var rest = m[2].trim(), form = headingForm(rest);
          line = form && LEVEL[form] === m[1].length ? rest : MARK.repeat(m[1].length - 2) + rest;
        }
        return line.replace(/\{\{\s*([^{}\n]+?)\s*\}\}/g, function (_, path) { return run(path); });
      }).join("\n");
    }
    // Shown → stored. A bound figure typed over is kept as typed.
    function toStored(shown) {
      return String(shown).split("\n").map(function (line) {
        line = line.replace(RUN, function (all, bits, value) {
          var path = runPath(bits);
          return path && value === figureValue(path) ? "{{ " + path + " }}" : value;
        }).replace(/[\u2061-\u2064]/g, "");
        var marks = /^\u2060*/.exec(line)[0].length, rest = line.replace(/\u2060/g, "");
        if (!marks) return rest;
        return rest.trim() ? "#".repeat(Math.min(marks, 3) + 2) + " " + rest.trim() : "";
      }).join("\n");
    }
    function escapeHtml(t) { return t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"); }
    // The layer behind a text box: its text with the headings banded and
    // the bound figures on chips; then the box grows to its text.
    function paint(area) {
      var layer = area.previousSibling;
      if (!layer || !layer.classList || !layer.classList.contains("hl")) return;
      // Last year's figures between two noncharacters, made spans below.
      var value = area.value, path = area.getAttribute("data-path"), marks = [];
      carriedFigures.forEach(function (f) { if (f.path === path) { var r = figureRange(area, f); if (r) marks.push(r); } });
      marks.sort(function (a, b) { return b[0] - a[0]; }).forEach(function (r) {
        value = value.slice(0, r[0]) + "\uFDD0" + value.slice(r[0], r[1]) + "\uFDD1" + value.slice(r[1]);
      });
      var html = value.split("\n").map(function (line) {
        var body = escapeHtml(line).replace(/\uFDD0/g, '<span class="carried-fig">').replace(/\uFDD1/g, "</span>").replace(/\u2061([\u2062\u2063]+)([^\u2061\u2064\n]*)\u2064/g, function (all) {
          return '<span class="bound">' + all + "</span>";
        });
        line = line.replace(/[\uFDD0\uFDD1]/g, "");
        var form = line.charAt(0) === MARK ? "h3" : headingForm(line.replace(/[\u2060-\u2064]/g, ""));
        return form ? '<span class="h ' + form + '">' + body + "</span>" : body;
      }).join("\n");
      layer.innerHTML = html + "\n ";
      area.style.height = "auto";
      area.style.height = Math.max(area.scrollHeight + 2, 120) + "px";
    }
    // The figures bound in the text boxes follow the tables.
    function refreshBound() {
      document.querySelectorAll("textarea[data-path]").forEach(function (area) {
        if (area.value.indexOf(OPEN) < 0) return;
        var next = area.value.replace(RUN, function (all, bits) {
          var path = runPath(bits);
          return path ? OPEN + bits + figureValue(path) + CLOSE : all;
        });
        if (next === area.value) return;
        var at = area.selectionStart, end = area.selectionEnd, shift = next.length - area.value.length;
        area.value = next;
        if (document.activeElement === area) { area.selectionStart = at + (at > 0 ? shift : 0); area.selectionEnd = end + (end > 0 ? shift : 0); }
        paint(area);
      });
    }
    // 设为标题: the caret's line made a heading, or back to a paragraph.
    function toggleHeading(area) {
      if (readOnly) return;
      var v = area.value, at = area.selectionStart;
      var start = v.lastIndexOf("\n", at - 1) + 1, end = v.indexOf("\n", at);
      if (end < 0) end = v.length;
      var line = v.slice(start, end), plain = line.replace(/^\u2060+/, "");
      var next = line.charAt(0) === MARK ? plain : (headingForm(plain) ? plain : MARK + plain);
      if (next === line) return;
      replaceRange(area, start, end, next);
    }
    // Replaces characters start..end of a text box as typing would, so
    // that Ctrl+Z takes it back (the browser's own insertText); saved
    // like typing.
    function replaceRange(area, start, end, text) {
      var want = area.value.slice(0, start) + text + area.value.slice(end);
      area.focus();
      area.setSelectionRange(start, end);
      var done = false;
      try { done = text !== "" && document.execCommand("insertText", false, text); } catch (e) { done = false; }
      if (!done || area.value !== want) {
        area.value = want;
        area.selectionStart = area.selectionEnd = start + text.length;
        changed(area);
      }
    }
    document.querySelectorAll("textarea[data-path]").forEach(function (area) {
      var layer = el("div", { "class": "hl", "aria-hidden": "true" });
      area.parentNode.insertBefore(layer, area);
      var tools = area.closest(".editor").querySelector(".tools");
      var b = el("button", { type: "button", "class": "heading-toggle", title: "把光标所在的一行设为小标题，或改回正文。（一）、1. 这样编号的一行自动就是小标题" }, "设为标题");
      b.onclick = function () { toggleHeading(area); };
      tools.insertBefore(b, tools.firstChild);
      paint(area);
    });

    function changed(e) {
      if (readOnly || e.readOnly) return;
      var p = e.getAttribute("data-path");
      if (e.tagName === "TEXTAREA") { pending[p] = toStored(e.value); paint(e); }
      else pending[p] = e.value;
      if (keep) keep.put(p, pending[p]);
      typedAt.push(performance.now());
      updateTotals();
      flush();
    }

    // A finding's one-click fix: the line in the text box (the
    // occurrence-th of the lines written so, from 0) replaced, or removed
    // with the lines after it that the fix covers (a run pasted twice) and
    // one blank line around them, then saved like typing.
    function applyFix(fix) {
      var area = inputs[fix.path];
      if (!area || readOnly) return;
      var lines = toStored(area.value).split("\n");
      var seen = 0, want = fix.occurrence || 0, count = Math.max(1, fix.lines || 1);
      for (var i = 0; i < lines.length; i++) {
        if (lines[i].replace(/^[\s\u3000]+|[\s\u3000]+$/g, "") !== fix.line) continue;
        if (seen++ < want) continue;
        if (fix["with"]) lines[i] = fix["with"];
        else {
          // The lines go with one of the blank lines around them.
          lines.splice(i, Math.min(count, lines.length - i));
          if (i >= lines.length || lines[i].trim() === "") {
            if (i > 0 && lines[i - 1].trim() === "") lines.splice(i - 1, 1);
            else if (i < lines.length) lines.splice(i, 1);
          }
        }
        area.value = toShown(lines.join("\n"));
        changed(area);
        return;
      }
    }

    // Word/WPS put the copied paragraphs on the clipboard as HTML too:
    // each paragraph (or list item) becomes one, a heading style (h1–h6,
    // MsoHeading, MsoTitle, an outline level) a heading line. A numbered
    // heading （一）… stays as typed (the report makes it a heading); one
    // without a number is marked for the renderer. A list paragraph (Word's
    // mso-list, its label in a span styled mso-list:Ignore, a bullet drawn
    // from Wingdings or Symbol: Ø, §, l, a private-use character) is the
    // list item it was: "- " for a bullet, "1. " for a number, a Chinese
    // number kept as typed; the symbol-font character never arrives.
    var SYMBOL_FONT = /font-family:\s*["']?(Wingdings|Symbol|Webdings)/i;
    function listLabel(b) {
      var label = null;
      var ignore = b.querySelector('[style*="mso-list:Ignore"],[style*="mso-list: Ignore"]');
      if (ignore) {
        label = ignore.textContent.replace(/[\s\u00a0]+/g, "");
        ignore.parentNode.removeChild(ignore);
        return label;
      }
      // WPS and older Word: the bullet as a symbol-font span opening the paragraph.
      var first = b.querySelector("span,font");
      if (first && SYMBOL_FONT.test((first.getAttribute("style") || "") + ";font-family:" + (first.getAttribute("face") || ""))
          && b.textContent.replace(/^[\s\u00a0]+/, "").indexOf(first.textContent.replace(/^[\s\u00a0]+/, "")) === 0) {
        label = first.textContent.replace(/[\s\u00a0]+/g, "");
        first.parentNode.removeChild(first);
      }
      return label;
    }
    function listItem(label, line) {
      if (/^\d+[.．、)）]?$/.test(label)) return label.replace(/[.．、)）]$/, "") + ". " + line;
      if (/^([（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、.．])$/.test(label)) return label + line;
      return "- " + line;
    }
    function htmlText(html) {
      var doc = new DOMParser().parseFromString(html, "text/html");
      var blocks = doc.body.querySelectorAll("h1,h2,h3,h4,h5,h6,p,li");
      if (!blocks.length) return null;
      var cjk = /([\u2e80-\u9fff\uff00-\uffef\u3000-\u303f])\s+(?=[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f])/g;
      var out = [];
      Array.prototype.forEach.call(blocks, function (b) {
        if (b.querySelector("p,li,h1,h2,h3,h4,h5,h6")) return;
        var label = listLabel(b);
        var line = b.textContent.replace(/\u00a0/g, " ").replace(/[\r\n]+/g, " ").replace(cjk, "$1").trim();
        if (!line) return;
        var style = (b.getAttribute("style") || "") + " " + (b.getAttribute("class") || "");
        // A private-use character left at the start (a bullet whose span lost its font).
        var pua = /^[\ue000-\uf8ff]+[\s\u00a0]*/.exec(line);
        if (pua) { line = line.slice(pua[0].length); if (label === null) label = ""; }
        if (label !== null || /mso-list:\s*l\d/i.test(style)) {
          if (line) out.push(listItem(label || "", line.replace(/[\ue000-\uf8ff]/g, "")));
          return;
        }
        var heading = /^H[1-6]$/.test(b.tagName) || /MsoHeading|MsoTitle|mso-outline-level|Heading/i.test(style);
        var numbered = /^([（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+[.．、])/.test(line);
        out.push(heading && !numbered ? "### " + line : line);
      });
      return out.length ? out.join("\n\n") : null;
    }

    function reload() {
      return api("GET", "/api/state?f=" + encodeURIComponent(file)).then(function (r) {
        if (r.status === 403 || (server && r.status === 401)) { offline(true); return; }
        if (r.status !== 200) {
          showBanner("error", r.error || "无法读取数据文件");
          return;
        }
        apply(r, true);
      }, function () { offline(false); });
    }

    // Paste from Word/WPS: the text's paragraphs are made as the report
    // reads them (same rules as the renderer), indentation dropped.
    function paste(ev) {
      var html = ev.clipboardData && ev.clipboardData.getData("text/html");
      var text = (html && htmlText(html)) || (ev.clipboardData && ev.clipboardData.getData("text/plain"));
      if (!text) return;
      ev.preventDefault();
      var area = ev.target, start = area.selectionStart, end = area.selectionEnd;
      api("POST", "/api/clean", { text: text }).then(function (r) {
        replaceRange(area, start, end, toShown(r.text !== undefined ? r.text : text));
      });
    }

    Object.keys(inputs).forEach(function (p) {
      var e = inputs[p];
      if (e.getAttribute("data-kind") === "date") {
        e.addEventListener("change", function () { dateChanged(e); });
        return;
      }
      e.addEventListener("input", function () { changed(e); });
      if (e.tagName === "TEXTAREA") e.addEventListener("paste", paste);
    });

    // 成文日期 as clerks write it: 2026年1月10日, 2026-1-10, 2026.1.10,
    // 2026/01/10, full-width digits, Chinese numerals (二〇二六年一月十五日,
    // shown back in Arabic numerals as GB/T 9704 wants). Saved when it is a
    // real date with a year a report can bear, shown back in Chinese;
    // otherwise said at the field and not saved.
    var CN_DIGITS = "〇一二三四五六七八九";
    function cnDigit(c) { return c === "○" || c === "零" ? 0 : CN_DIGITS.indexOf(c); }
    function arabicNumerals(t) {
      return t.replace(/[〇○零一二三四五六七八九十]+/g, function (run) {
        var ten = run.indexOf("十");
        if (ten < 0) return run.split("").map(cnDigit).join("");
        if (ten > 1 || run.length - ten > 2) return run;
        var tens = ten === 0 ? 1 : cnDigit(run[0]);
        var units = ten === run.length - 1 ? 0 : cnDigit(run[ten + 1]);
        return String(tens * 10 + units);
      });
    }
    window.nbArabicNumerals = arabicNumerals;
    function parseDate(text) {
      var t = arabicNumerals(String(text).replace(/[０-９]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xfee0); })
        .replace(/\s/g, ""));
      var m = /^(\d{4})(?:年(\d{1,2})月(\d{1,2})日?|[-.\/．／](\d{1,2})[-.\/．／](\d{1,2}))$/.exec(t);
      if (!m) return null;
      var y = Number(m[1]), mo = Number(m[2] || m[4]), d = Number(m[3] || m[5]);
      var date = new Date(Date.UTC(y, mo - 1, d));
      if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || y < 2000 || y > 2100) return null;
      return { year: y, month: mo, day: d };
    }
    function dateChanged(e) {
      var msg = document.querySelector('.field-msg[data-for="' + e.getAttribute("data-path") + '"]');
      var value = e.value.trim();
      if (value === "") { if (msg) msg.textContent = ""; changed(e); return; }
      var d = parseDate(value);
      if (!d) {
        e.setAttribute("data-mark", "error");
        if (msg) { msg.textContent = "“" + value + "”不是日期：请写成 " + e.placeholder.replace(/^如：/, "") + " 这样的日期，未保存"; msg.removeAttribute("data-from"); }
        return;
      }
      if (msg) msg.textContent = "";
      e.value = d.year + "年" + d.month + "月" + d.day + "日";
      changed(e);
    }
    document.querySelectorAll("select.insert").forEach(function (s) {
      s.addEventListener("change", function () {
        var area = inputs[s.getAttribute("data-for")];
        if (!s.value || !area) return;
        var text = run(s.value);
        var at = area.selectionStart !== undefined ? area.selectionStart : area.value.length;
        s.value = "";
        replaceRange(area, at, area.selectionEnd || at, text);
      });
    });
    document.querySelectorAll("[data-action]").forEach(function (b) {
      b.addEventListener("click", function () {
        var built = document.getElementById("built");
        built.textContent = "正在生成…";
        var wait = function () { if (inFlight || Object.keys(pending).length) { setTimeout(wait, 50); return; } go(); };
        var go = function () {
          api("POST", "/api/build", { file: file, format: b.getAttribute("data-action") }).then(function (r) {
            built.textContent = r.written ? "已生成：" + r.written + (r.glyphs ? "。" + r.glyphs : r.draft ? "（有错误，标为草稿）" : "") : (r.error || "生成失败");
            built.className = r.written ? "built" : "built bad";
            if (r.written) built.setAttribute("data-written", r.written);
            // The collection server builds the document for download.
            if (r.download) location.href = r.download;
          });
        };
        wait();
      });
    });

    signoff(function (state) { apply(state, true); });

    // A change on disk (another tab, a text editor) reloads the page's
    // values, unless an edit is on its way.
    setInterval(function () {
      if (readOnly === "offline") { askForLive(); return; }
      if (inFlight || Object.keys(pending).length || version === null) return;
      if (server && (retry || relogin.open())) return;
      api("GET", "/api/version?f=" + encodeURIComponent(file)).then(function (r) {
        if (r.status === 403 || (server && r.status === 401)) { offline(true); return; }
        if (server && r.status === 200 && banner.getAttribute("data-banner") === "unreachable") hideBanner();
        if (r.version && r.version !== version && !inFlight && !Object.keys(pending).length) {
          reload().then(function () {
            status.textContent = "文件已在别处修改，已重新载入";
          });
        }
      }, function () { offline(false); });
    }, 1000);

    // Typing that came before the first state is saved once it is here.
    reload().then(function () { if (keep) restoreKept(); flush(); });
  }

  // ------------------------------------------------------------ sign-off
  // 导入审签稿: the reviewed .docx is sent to the server, which lists its
  // changes beside the current text; the accepted ones are written.
  function signoff(applyState) {
    var input = document.getElementById("signoff-file");
    if (!input) return; // the county server's pages have no sign-off import
    var box = document.getElementById("signoff"), list = document.getElementById("signoff-list");
    var comments = document.getElementById("signoff-comments"), say = document.getElementById("signoff-status");
    var upload = null, fileVersion = null;
    function row(c, found) {
      var li = el("li", { "data-change": String(c.id) });
      var head = el("p", { "class": "where" });
      var tick = el("input", { type: "checkbox" });
      var writable = !c.problem && !c.conflict && c.edit["类型"] !== "无法写回";
      // A rename of the agency is written only when the clerk ticks it.
      tick.checked = writable && !c.confirm;
      if (c.confirm) tick.setAttribute("data-confirm", "");
      tick.disabled = !writable;
      tick.addEventListener("change", refreshFindings);
      head.appendChild(tick);
      // The place as the document names it; the data path stays off the screen.
      head.appendChild(document.createTextNode(" 接受　" + c.place));
      if (c.edit.path) li.setAttribute("data-path", c.edit.path);
      li.appendChild(head);
      var who = (c.revisions || []).map(function (r) { return r.author + " " + (r.when || r.date); });
      who = who.filter(function (w, i) { return who.indexOf(w) === i; });
      li.appendChild(el("p", { "class": "who" }, who.length ? who.join("；") : "未留修订痕迹的修改"));
      var short = function (t) { return t.length <= 20 && t.indexOf("\n") < 0; };
      if ((short(c.before) && short(c.after)) || c.before === c.after || !c.diff) {
        li.appendChild(el("p", { "class": "before" }, "现在：" + c.before));
        li.appendChild(el("p", { "class": "after" }, "改为：" + c.after));
      } else {
        // A paragraph: the characters changed, marked in place.
        var line = el("p", { "class": "marked" }, "改动：");
        c.diff.forEach(function (r) {
          var text = r.text.replace(/\n\n/g, "¶").replace(/\n/g, "¶");
          if (r.kind === "same") line.appendChild(document.createTextNode(text));
          else line.appendChild(el(r.kind, { title: r.kind === "del" ? "删去" : "增加" }, text));
        });
        li.appendChild(line);
      }
      if (c.confirm) li.appendChild(el("p", { "class": "bad confirm" }, "须确认：" + c.confirm));
      var findings = el("div", { "class": "found" });
      (found || []).forEach(function (f) { findings.appendChild(el("p", { "class": "bad" }, "写入后会出现：" + f)); });
      li.appendChild(findings);
      if (c.problem) li.appendChild(el("p", { "class": "bad" }, "不写回：" + c.problem));
      if (c.conflict) li.appendChild(el("p", { "class": "bad" }, "冲突：" + c.conflict));
      return li;
    }
    // 写入后会出现, worked out again on the changes ticked, together.
    var together = el("div", { id: "signoff-together" });
    function showFindings(r) {
      list.querySelectorAll("li[data-change]").forEach(function (li, i) {
        var box = li.querySelector(".found");
        if (!box) return;
        box.replaceChildren();
        (r.findings[i] || []).forEach(function (f) { box.appendChild(el("p", { "class": "bad" }, "写入后会出现：" + f)); });
      });
      together.replaceChildren();
      (r.together || []).forEach(function (f) { together.appendChild(el("p", { "class": "bad" }, "写入所勾选的改动后还会出现：" + f)); });
    }
    function refreshFindings() {
      if (!upload) return;
      var url = "/api/import-signoff?f=" + encodeURIComponent(boot.file) + "&accept=" + checked("#signoff-list li", "data-change");
      api("POST", url, upload, true).then(function (r) { if (r.status === 200) showFindings(r); });
    }
    function show(r) {
      list.replaceChildren();
      comments.replaceChildren();
      var changes = r.review.changes;
      changes.forEach(function (c, i) { list.appendChild(row(c, r.findings[i])); });
      list.parentNode.insertBefore(together, list.nextSibling);
      showFindings(r);
      r.review.comments.forEach(function (c, i) {
        var li = el("li", { "data-comment": String(i) });
        var keep = el("input", { type: "checkbox" });
        li.appendChild(keep);
        li.appendChild(document.createTextNode(" " + c.author + (c.when ? " " + c.when : "") + "（" + c.place + "“" + c.anchor + "”）：" + c.text));
        comments.appendChild(li);
      });
      document.getElementById("signoff-comments-head").hidden = !r.review.comments.length;
      document.getElementById("signoff-summary").textContent = "改动 " + changes.length + " 处，批注 " + r.review.comments.length + " 条";
      box.hidden = false;
    }
    function checked(sel, attr) {
      var out = [];
      document.querySelectorAll(sel).forEach(function (li) {
        var b = li.querySelector("input");
        if (b && b.checked && !b.disabled) out.push(li.getAttribute(attr));
      });
      return out.join(",");
    }
    input.addEventListener("change", function () {
      var f = input.files[0];
      if (!f) return;
      say.textContent = "正在读取审签稿…";
      f.arrayBuffer().then(function (buf) {
        upload = buf;
        return api("POST", "/api/import-signoff?f=" + encodeURIComponent(boot.file), buf, true);
      }).then(function (r) {
        if (r.status !== 200) { say.textContent = r.error || "无法读取审签稿"; say.className = "built bad"; return; }
        // Another report's document (another unit, another year): said at
        // once, not listed change by change.
        if (r.review && r.review.refusal) {
          box.hidden = true;
          say.textContent = r.review.refusal; say.className = "built bad";
          say.setAttribute("data-refused", "");
          return;
        }
        say.removeAttribute("data-refused");
        say.textContent = ""; say.className = "built";
        fileVersion = r.version;
        show(r);
      });
    });
    // 全部接受 leaves a rename of the agency to be ticked on its own.
    function setAll(on) {
      list.querySelectorAll("input").forEach(function (b) { if (!b.disabled && !(on && b.hasAttribute("data-confirm"))) b.checked = on; });
      refreshFindings();
    }
    document.getElementById("signoff-all").onclick = function () { setAll(true); };
    document.getElementById("signoff-none").onclick = function () { setAll(false); };
    document.getElementById("signoff-write").onclick = function () {
      if (!upload) return;
      var url = "/api/import-signoff/apply?f=" + encodeURIComponent(boot.file) + "&version=" + encodeURIComponent(fileVersion) +
        "&accept=" + checked("#signoff-list li", "data-change") + "&keep=" + checked("#signoff-comments li", "data-comment");
      api("POST", url, upload, true).then(function (r) {
        if (r.status !== 200) { say.textContent = r.error || "写入失败"; say.className = "built bad"; return; }
        say.textContent = "已写入 " + r.written.length + " 处改动" + (r.failed.length ? "，" + r.failed.length + " 处未写入" : "");
        say.className = "built";
        box.hidden = true;
        upload = null;
        applyState(r);
      });
    };
  }

  if (boot.page === "index") index(); else if (boot.page === "report") report(); else if (stale) stalePage();
})();
