// The table cells' logic, on paths and values: the totals computed from
// their parts, the marks the findings put at the cells, the cells a note
// or a finding concerns. Pure: no document, no window (tested under node:
// tests/cells.test.js); tables.js puts the results on the inputs.
var nbCells = (function () {
  "use strict";
  // The totals of a page: `sums` maps a total's path to its parts' paths;
  // `typed(path)` is what the cell's input holds (null when no input).
  function totals(sums, typed) {
    // A cell's value: what is typed, else the computed total.
    function cellValue(path, depth) {
      var text = typed(path);
      if (text !== null && text !== undefined && text.trim() !== "") return nbFormat.number(text);
      var parts = sums[path];
      if (!parts || depth > 4) return null;
      var total = 0;
      for (var i = 0; i < parts.length; i++) {
        var v = cellValue(parts[i], depth + 1);
        if (v === null) return null;
        total += v;
      }
      return nbFormat.rounded(total);
    }
    // The total's computed value as the placeholder shows it ("" while a
    // part is missing).
    function computed(p) {
      var parts = sums[p], total = 0;
      for (var i = 0; i < parts.length; i++) {
        var x = cellValue(parts[i], 1);
        if (x === null) return "";
        total += x;
      }
      return String(nbFormat.rounded(total));
    }
    return { cellValue: cellValue, computed: computed };
  }
  // A total's tooltip, by its computed value.
  function totalTitle(c) {
    return c === "" ? "总计：各格填齐后自动计算；可不填" : "总计（自动计算）：" + c + "；可不填，填写时校验";
  }
  function said(f) { return (f.rule || f.code) + "：" + f.message; }
  // The marks the findings put on the cells (`has(path)`: the page has
  // that cell): per path, the worst severity, the tooltip and the flags
  // ([severity, code, text]) in the findings' order.
  function marks(findings, has) {
    var want = {};
    findings.forEach(function (f) {
      f.cells.forEach(function (p) {
        if (!has(p)) return;
        var w = want[p] || (want[p] = { mark: null, text: "", flags: [] });
        if (w.mark !== "error") w.mark = f.severity;
        w.text += said(f) + "\n";
        w.flags.push([f.severity, f.code, said(f)]);
      });
    });
    return want;
  }
  // What the findings say at a field (成文日期, a contact field): "" when
  // none concerns it.
  function fieldSaid(findings, path) {
    return findings.filter(function (f) { return f.cells.indexOf(path) >= 0; }).map(said).join("；");
  }
  // Whether the cell `p` is under the path `of` a note names (the cell
  // itself, or a cell of its row or list).
  function under(p, of) { return p === of || p.indexOf(of + "[") === 0 || p.indexOf(of + ".") === 0; }
  // The items of `list` grouped by their `path`, in order.
  function byPath(list) {
    var out = {};
    list.forEach(function (x) { (out[x.path] = out[x.path] || []).push(x); });
    return out;
  }
  return {
    totals: totals,
    totalTitle: totalTitle,
    marks: marks,
    fieldSaid: fieldSaid,
    under: under,
    byPath: byPath
  };
})();
if (typeof module === "object" && module.exports) module.exports = nbCells;
