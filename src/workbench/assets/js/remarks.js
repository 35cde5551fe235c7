// Beside the cells: the notes of the import this report was made from (a
// note on a row marks its cells), and the collection server's remarks
// (审核意见) on cells and paragraphs, listed in the side panel and flagged
// at their cells. The office, on a submitted report, picks a cell or
// paragraph (focus, caret) and adds one.
var nbRemarks = (function () {
  "use strict";
  // `page`: inputs, tables, api, file and reload of the report page.
  function remarks(page) {
    var el = nbDom.el, inputs = page.inputs;
    function showNotes(notes) {
      document.querySelectorAll(".flag.note").forEach(function (f) { f.remove(); });
      var box = document.getElementById("notes"), list = document.getElementById("note-list");
      list.textContent = "";
      box.hidden = !notes.length;
      notes.forEach(function (n) {
        var at = inputs[n[0]] || inputs[Object.keys(inputs).filter(function (p) { return p !== n[0] && nbCells.under(p, n[0]); })[0]];
        var where = at ? (at.getAttribute("aria-label") || (at.closest("label") && at.closest("label").firstChild.textContent) || "") : "";
        list.appendChild(el("li", {}, (where ? where + "：" : "") + n[1]));
        Object.keys(inputs).forEach(function (p) {
          if (!nbCells.under(p, n[0])) return;
          var flag = el("span", { "class": "flag note", title: "上年报告导入说明：" + n[1] }, "i");
          nbDom.flagAfter(inputs[p], flag);
        });
      });
    }
    var remarkAt = null;
    function placeText(path, para) { return page.tables.labelOf(path) + (para ? " 第 " + para + " 段" : ""); }
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
            page.api("POST", "/api/remark/remove", { file: page.file, id: r.id }).then(function () { page.reload(); });
          };
          li.appendChild(x);
        }
        li.onclick = function () { page.tables.go(r.path); };
        ol.appendChild(li);
        var input = inputs[r.path];
        if (!input) return;
        input.setAttribute("data-remarked", "");
        var flag = el("span", { "class": "flag remark", "data-remark": r.path, title: "审核意见（" + where + "）：" + r.text }, "批");
        nbDom.flagAfter(input, flag);
      });
    }
    function pickRemarkPlace(ev) {
      var t = ev.target;
      if (!t || !t.getAttribute || !t.getAttribute("data-path")) return;
      var para = t.tagName === "TEXTAREA" ? nbText.paragraphOf(t.value, t.selectionStart) : 0;
      remarkAt = { path: t.getAttribute("data-path"), para: para };
      var at = document.getElementById("remark-at");
      if (at) at.textContent = "位置：" + placeText(remarkAt.path, remarkAt.para);
    }
    ["focusin", "click", "keyup"].forEach(function (kind) { document.getElementById("form").addEventListener(kind, pickRemarkPlace); });
    var remarkAdd = document.getElementById("remark-add");
    if (remarkAdd) remarkAdd.onclick = function () {
      var text = document.getElementById("remark-text"), at = document.getElementById("remark-at");
      if (!remarkAt) { at.textContent = "请先点报告中要写意见的格或段落"; return; }
      if (!text.value.trim()) { text.focus(); return; }
      page.api("POST", "/api/remark", { file: page.file, path: remarkAt.path, para: remarkAt.para, text: text.value }).then(function (r) {
        if (r.status === 200) { text.value = ""; page.reload(); }
        else at.textContent = r.error || "未能保存审核意见";
      });
    };
    return { showNotes: showNotes, showRemarks: showRemarks };
  }
  return { remarks: remarks };
})();
if (typeof module === "object" && module.exports) module.exports = nbRemarks;
