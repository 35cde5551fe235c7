// The text boxes of the report page: each shows its text as it prints
// (text.js's forms) on a layer behind the transparent box, with
// 设为标题, the placeholder menus that bind a table's figure, and paste
// from Word/WPS (paste.js).
var nbBoxes = (function () {
  "use strict";
  // `page`: inputs, api, figures() (the figures, [path, value]),
  // readOnly(), changed(input) (saves it) and rangesIn(path, value)
  // (last year's figures in a text, carried.js) of the report page.
  function boxes(page) {
    var el = nbDom.el, inputs = page.inputs;
    var forms = nbText.binder(page.figures);
    // The layer behind a text box: its text with the headings banded and
    // the bound figures on chips; then the box grows to its text.
    function paint(area) {
      var layer = area.previousSibling;
      if (!layer || !layer.classList || !layer.classList.contains("hl")) return;
      layer.innerHTML = nbText.layerHtml(area.value, page.rangesIn(area.getAttribute("data-path"), area.value));
      area.style.height = "auto";
      area.style.height = Math.max(area.scrollHeight + 2, 120) + "px";
    }
    // The figures bound in the text boxes follow the tables.
    function refreshBound() {
      document.querySelectorAll("textarea[data-path]").forEach(function (area) {
        var next = forms.rebound(area.value);
        if (next === area.value) return;
        var at = area.selectionStart, end = area.selectionEnd, shift = next.length - area.value.length;
        area.value = next;
        if (document.activeElement === area) { area.selectionStart = at + (at > 0 ? shift : 0); area.selectionEnd = end + (end > 0 ? shift : 0); }
        paint(area);
      });
    }
    // 设为标题: the caret's line made a heading, or back to a paragraph.
    function toggleHeading(area) {
      if (page.readOnly()) return;
      var v = area.value, at = area.selectionStart;
      var start = v.lastIndexOf("\n", at - 1) + 1, end = v.indexOf("\n", at);
      if (end < 0) end = v.length;
      var line = v.slice(start, end), next = nbText.toggledLine(line);
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
        page.changed(area);
      }
    }
    // Each text box's layer and 设为标题 button.
    function setUp() {
      document.querySelectorAll("textarea[data-path]").forEach(function (area) {
        var layer = el("div", { "class": "hl", "aria-hidden": "true" });
        area.parentNode.insertBefore(layer, area);
        var tools = area.closest(".editor").querySelector(".tools");
        var b = el("button", { type: "button", "class": "heading-toggle", title: "把光标所在的一行设为小标题，或改回正文。（一）、1. 这样编号的一行自动就是小标题" }, "设为标题");
        b.onclick = function () { toggleHeading(area); };
        tools.insertBefore(b, tools.firstChild);
        paint(area);
      });
    }

    // The placeholder menus: built when the figures named change (an
    // edition), otherwise only the changed values' labels are rewritten.
    var menuOptions = {}, shownMenus = null;
    function updateMenus() {
      var figures = page.figures();
      var key = figures.map(function (f) { return f[0]; }).join("|");
      if (key !== shownMenus) { shownMenus = key; fillMenus(figures); return; }
      figures.forEach(function (f) {
        var label = nbFormat.figureLabel(f);
        (menuOptions[f[0]] || []).forEach(function (o) { if (o.textContent !== label) o.textContent = label; });
      });
    }
    function fillMenus(figures) {
      menuOptions = {};
      document.querySelectorAll("select.insert").forEach(function (s) {
        var keep = s.options[0];
        s.textContent = "";
        s.appendChild(keep);
        var groups = {};
        figures.forEach(function (f) {
          var path = f[0], group = nbFormat.figureGroup(path);
          if (!groups[group]) { groups[group] = el("optgroup", { label: group }); s.appendChild(groups[group]); }
          var o = el("option", { value: path }, nbFormat.figureLabel(f));
          (menuOptions[path] = menuOptions[path] || []).push(o);
          groups[group].appendChild(o);
        });
      });
    }
    // A figure chosen in a menu goes in at the caret.
    document.querySelectorAll("select.insert").forEach(function (s) {
      s.addEventListener("change", function () {
        var area = inputs[s.getAttribute("data-for")];
        if (!s.value || !area) return;
        var text = forms.run(s.value);
        var at = area.selectionStart !== undefined ? area.selectionStart : area.value.length;
        s.value = "";
        replaceRange(area, at, area.selectionEnd || at, text);
      });
    });

    // Paste from Word/WPS: the text's paragraphs are made as the report
    // reads them (same rules as the renderer), indentation dropped.
    function paste(ev) {
      var html = ev.clipboardData && ev.clipboardData.getData("text/html");
      var text = (html && nbPaste.htmlText(html)) || (ev.clipboardData && ev.clipboardData.getData("text/plain"));
      if (!text) return;
      ev.preventDefault();
      var area = ev.target, start = area.selectionStart, end = area.selectionEnd;
      page.api("POST", "/api/clean", { text: text }).then(function (r) {
        replaceRange(area, start, end, forms.toShown(r.text !== undefined ? r.text : text));
      });
    }

    return {
      toShown: forms.toShown,
      toStored: forms.toStored,
      paint: paint,
      refreshBound: refreshBound,
      setUp: setUp,
      updateMenus: updateMenus,
      paste: paste
    };
  }
  return { boxes: boxes };
})();
if (typeof module === "object" && module.exports) module.exports = nbBoxes;
