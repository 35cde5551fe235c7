// What is still carried from last year's report, under the text boxes.
// 沿用上年: each paragraph still carried gets a badge under its text box
// (data-banner="carried") with 确认沿用, which saves an edit of 沿用上年
// naming the paragraph; editing the paragraph ends the mark by itself.
// 沿用数字: each figure still written as last year's is highlighted in its
// text box (.carried-fig, boxes.js) and listed under it
// (.carried-figures[data-path], one data-banner="carried-figure" each)
// with 改为本年数字 (selects the figure in the box, to be typed over) and
// 确认本年仍为此数 (saves an edit of 沿用数字 naming it).
var nbCarried = (function () {
  "use strict";
  // `page`: inputs, readOnly(), confirm(edit) (saved with the next
  // save) and paint(area) (boxes.js) of the report page.
  function carried(page) {
    var el = nbDom.el, inputs = page.inputs;
    var carriedFigures = [];
    // One holder (class `cls`) under each text box `list` names, holding
    // an item(entry, area) for each of its entries; placed after the node
    // after(box) gives.
    function holders(list, cls, item, after) {
      var byPath = nbCells.byPath(list);
      Object.keys(byPath).forEach(function (p) {
        var area = inputs[p];
        if (!area) return;
        var box = area.closest(".box") || area;
        var holder = el("div", { "class": cls, "data-path": p });
        byPath[p].forEach(function (entry) { holder.appendChild(item(entry, area)); });
        box.parentNode.insertBefore(holder, after(box).nextSibling);
      });
    }
    function figureItem(f, area) {
      var item = el("div", { "class": "carried carried-figure", "data-banner": "carried-figure", "data-figure": f.figure, "data-confirm": f.confirm, title: "这个数字是从上年报告带入的，改为本年的数字或点“确认本年仍为此数”后不再标出" });
      item.appendChild(el("span", { "class": "carried-tag" }, "上年数字"));
      var what = el("span", { "class": "carried-text" }, "第 " + f.paragraph + " 段“" + f.figure + "”" + (f.sentence ? "（上年：" + f.sentence + "）" : ""));
      item.appendChild(what);
      if (!page.readOnly()) {
        var change = el("button", { type: "button", "class": "fix", "data-change": f.figure }, "改为本年数字");
        change.onclick = function () {
          var r = nbText.figureRange(area.value, f);
          area.focus();
          if (r) { area.setSelectionRange(r[0], r[1]); area.scrollIntoView({ block: "center" }); }
        };
        item.appendChild(change);
        var ok = el("button", { type: "button", "class": "fix", "data-confirm-figure": f.confirm }, "确认本年仍为此数");
        ok.onclick = function () { ok.disabled = true; page.confirm({ path: "沿用数字", value: f.confirm }); };
        item.appendChild(ok);
      }
      return item;
    }
    function paragraphItem(c, area) {
      var badge = el("div", { "class": "carried", "data-banner": "carried", "data-carried": c.confirm, title: "这一段是从上年报告带入的，改写后或点“确认沿用”后不再标出" });
      badge.appendChild(el("span", { "class": "carried-tag" }, "沿用上年"));
      var what = el("span", { "class": "carried-text link" }, "第 " + c.paragraph + " 段：“" + c.opening + "”");
      what.onclick = function () { area.scrollIntoView({ block: "center" }); area.focus(); };
      badge.appendChild(what);
      if (!page.readOnly()) {
        var b = el("button", { type: "button", "class": "fix", "data-confirm": c.confirm }, "确认沿用");
        b.onclick = function () { b.disabled = true; page.confirm({ path: "沿用上年", value: c.confirm }); };
        badge.appendChild(b);
      }
      return badge;
    }
    function showFigures(list) {
      carriedFigures = list;
      document.querySelectorAll(".carried-figures").forEach(function (e) { e.remove(); });
      document.querySelectorAll("textarea[data-path]").forEach(page.paint);
      // Below the paragraphs' list when the box has one.
      holders(list, "carried-figures", figureItem, function (box) {
        var next = box.nextSibling;
        return next && next.classList && next.classList.contains("carried-list") ? next : box;
      });
    }
    function showParagraphs(list) {
      document.querySelectorAll(".carried-list").forEach(function (e) { e.remove(); });
      holders(list, "carried-list", paragraphItem, function (box) { return box; });
    }
    // The ranges of last year's figures in a text box's text (for its
    // layer).
    function rangesIn(path, value) {
      var ranges = [];
      carriedFigures.forEach(function (f) {
        if (f.path !== path) return;
        var r = nbText.figureRange(value, f);
        if (r) ranges.push(r);
      });
      return ranges;
    }
    return { showParagraphs: showParagraphs, showFigures: showFigures, rangesIn: rangesIn };
  }
  return { carried: carried };
})();
if (typeof module === "object" && module.exports) module.exports = nbCarried;
