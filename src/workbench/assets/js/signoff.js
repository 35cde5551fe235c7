// The sign-off import (导入审签稿) of the report page.
var nbSignoff = (function () {
  "use strict";
  // Whether a change can be written back (ticked by default unless it
  // asks to be confirmed).
  function writable(c) { return !c.problem && !c.conflict && c.edit["类型"] !== "无法写回"; }
  // Who changed it and when, each once; the words for none.
  function authors(revisions) {
    var who = (revisions || []).map(function (r) { return r.author + " " + (r.when || r.date); });
    who = who.filter(function (w, i) { return who.indexOf(w) === i; });
    return who.length ? who.join("；") : "未留修订痕迹的修改";
  }
  // Whether a change is shown as before and after (short, or no diff),
  // not as its characters marked in place.
  function plain(c) {
    var short = function (t) { return t.length <= 20 && t.indexOf("\n") < 0; };
    return (short(c.before) && short(c.after)) || c.before === c.after || !c.diff;
  }
  // A diff run's text on one line: paragraph breaks as ¶.
  function runText(text) { return text.replace(/\n\n/g, "¶").replace(/\n/g, "¶"); }
  // 导入审签稿: the reviewed .docx is sent to the server, which lists its
  // changes beside the current text; the accepted ones are written.
  function signoff(boot, api, applyState) {
    var input = document.getElementById("signoff-file");
    if (!input) return; // the county server's pages have no sign-off import
    var el = nbDom.el;
    var box = document.getElementById("signoff"), list = document.getElementById("signoff-list");
    var comments = document.getElementById("signoff-comments"), say = document.getElementById("signoff-status");
    var upload = null, fileVersion = null;
    function row(c, found) {
      var li = el("li", { "data-change": String(c.id) });
      var head = el("p", { "class": "where" });
      var tick = el("input", { type: "checkbox" });
      var canWrite = writable(c);
      // A rename of the agency is written only when the clerk ticks it.
      tick.checked = canWrite && !c.confirm;
      if (c.confirm) tick.setAttribute("data-confirm", "");
      tick.disabled = !canWrite;
      tick.addEventListener("change", refreshFindings);
      head.appendChild(tick);
      // The place as the document names it; the data path stays off the screen.
      head.appendChild(document.createTextNode(" 接受　" + c.place));
      if (c.edit.path) li.setAttribute("data-path", c.edit.path);
      li.appendChild(head);
      li.appendChild(el("p", { "class": "who" }, authors(c.revisions)));
      if (plain(c)) {
        li.appendChild(el("p", { "class": "before" }, "现在：" + c.before));
        li.appendChild(el("p", { "class": "after" }, "改为：" + c.after));
      } else {
        // A paragraph: the characters changed, marked in place.
        var line = el("p", { "class": "marked" }, "改动：");
        c.diff.forEach(function (r) {
          var text = runText(r.text);
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
  return { writable: writable, authors: authors, plain: plain, runText: runText, signoff: signoff };
})();
if (typeof module === "object" && module.exports) module.exports = nbSignoff;
