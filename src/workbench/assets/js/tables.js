// The table cells of the report page: the totals' placeholders and
// tooltips, and the marks, tooltips and flags the findings put on the
// cells. Only what changed is written: a rewritten placeholder, class or
// flag makes the browser lay the input's table out again on every
// keystroke. The logic is cells.js's; here it meets the inputs.
var nbTables = (function () {
  "use strict";
  // `inputs`: the page's inputs by path; `sums`: a total's parts by path.
  function tables(inputs, sums) {
    var el = nbDom.el;
    var sum = nbCells.totals(sums, function (p) { return inputs[p] ? inputs[p].value : null; });
    // Each input's tooltip without findings (a total's says its sum); a
    // finding's text replaces it while the finding stands.
    var baseTitle = {};
    for (var bp in inputs) baseTitle[bp] = inputs[bp].getAttribute("title") || "";
    function setTitle(p) {
      var e = inputs[p], t = e.getAttribute("data-finding") || baseTitle[p];
      if (e.title !== t) e.title = t;
    }
    function updateTotals() {
      for (var p in sums) {
        var input = inputs[p];
        if (!input) continue;
        var c = sum.computed(p);
        if (input.placeholder !== c) input.placeholder = c;
        if (!input.classList.contains("total")) input.classList.add("total");
        baseTitle[p] = nbCells.totalTitle(c);
        setTitle(p);
      }
    }
    // The marks, tooltips and flags of the cells the findings name; a
    // cell whose marks are as shown is left alone.
    var shownMarks = {}, markFlags = {};
    function markCells(findings) {
      var want = nbCells.marks(findings, function (p) { return !!inputs[p]; });
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
            nbDom.flagAfter(input, flag);
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
    // Goes to a cell (a finding's, a remark's).
    function go(p) { var t = inputs[p]; if (t) { t.scrollIntoView({ block: "center" }); t.focus(); } }
    // A cell's name as the page shows it (its aria-label or its label).
    function labelOf(p) {
      var at = inputs[p];
      if (!at) return p;
      var label = at.closest("label");
      return at.getAttribute("aria-label") || (label && label.firstChild && label.firstChild.textContent) || p;
    }
    return { updateTotals: updateTotals, markCells: markCells, go: go, labelOf: labelOf };
  }
  return { tables: tables };
})();
if (typeof module === "object" && module.exports) module.exports = nbTables;
