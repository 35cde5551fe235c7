// The findings panel of the report page, and the findings said at their
// fields and cells. A keystroke changes one or two findings: only the
// cells whose marks differ and the list items that differ are touched,
// so the form is not laid out again whole.
var nbFindings = (function () {
  "use strict";
  // `tables`: the cells (tables.js); `applyFix(fix)`: a finding's
  // one-click fix.
  function findings(tables, applyFix) {
    var el = nbDom.el, setText = nbDom.setText;
    var shownItems = {}, okItem = null;
    function show(list, counts) {
      tables.markCells(list);
      var panel = document.getElementById("findings");
      var next = {}, nodes = [];
      list.forEach(function (f) {
        var key = JSON.stringify(f), old = shownItems[key];
        var li = old && old.length ? old.shift() : findingItem(f);
        (next[key] = next[key] || []).push(li);
        nodes.push(li);
      });
      shownItems = next;
      if (!list.length) nodes.push(okItem = okItem || el("li", { "class": "ok" }, "没有发现问题，可以生成报告。"));
      for (var i = 0; i < nodes.length; i++) {
        if (panel.childNodes[i] !== nodes[i]) panel.insertBefore(nodes[i], panel.childNodes[i] || null);
      }
      while (panel.childNodes.length > nodes.length) panel.removeChild(panel.lastChild);
      // A finding on 成文日期 (before the year ends, after the deadline),
      // on the agency's name or a contact field (a letter among the
      // digits of a telephone number, a postcode not of six digits) is
      // said at the field too; a typing error said there stays.
      document.querySelectorAll(".field-msg[data-for]").forEach(function (m) {
        var said = nbCells.fieldSaid(list, m.getAttribute("data-for"));
        if (said) { if (m.textContent !== said) m.textContent = said; m.setAttribute("data-from", "findings"); }
        else if (m.getAttribute("data-from") === "findings") { m.textContent = ""; m.removeAttribute("data-from"); }
      });
      var summary = nbFormat.countsText(counts);
      setText(document.getElementById("summary"), "（" + summary + "）");
      setText(document.getElementById("counts"), summary + (counts.empty ? "，还有 " + counts.empty + " 格待填" : ""));
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
        li.onclick = function () { tables.go(f.cells[0]); };
      }
      return li;
    }
    return { show: show };
  }
  return { findings: findings };
})();
if (typeof module === "object" && module.exports) module.exports = nbFindings;
