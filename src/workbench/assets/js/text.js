// The text boxes' forms, as strings: what the clerk sees in a text box is
// what prints. A heading shows as a heading (a band drawn on a layer
// behind the transparent text box, with the same metrics), never as
// `###`; a figure bound to a table cell shows as the cell's value on a
// chip, never as `{{ … }}`.
// A heading by its form (（一）…, 1.…, （1）…) is one as typed or
// pasted, as the report takes it; a heading without a number (a Word
// heading style) starts with an invisible mark (U+2060 per level below
// 3), saved as `### `. A bound figure is the cell's value between
// invisible marks that number the cell; saved as its placeholder.
// Pure: no document, no window (tested under node: tests/text.test.js).
var nbText = (function () {
  "use strict";
  var MARK = "\u2060", OPEN = "\u2061", ZERO = "\u2062", ONE = "\u2063", CLOSE = "\u2064";
  var RUN = /\u2061([\u2062\u2063]+)([^\u2061\u2064\n]*)\u2064/g;

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
  var LEVEL = { "h3": 3, "h4": 4, "h5": 5 };

  // The forms of one page: `figures()` gives the figures ([path, value])
  // the bound chips show; the cells bound are numbered as they come.
  function binder(figures) {
    var bindPaths = [];
    function figureValue(path) {
      var all = figures();
      for (var i = 0; i < all.length; i++) if (all[i][0] === path) return all[i][1] === "" ? "（未填）" : all[i][1];
      return "（未填）";
    }
    function run(path) {
      var i = bindPaths.indexOf(path);
      if (i < 0) { i = bindPaths.length; bindPaths.push(path); }
      return OPEN + i.toString(2).replace(/0/g, ZERO).replace(/1/g, ONE) + figureValue(path) + CLOSE;
    }
    function runPath(bits) { return bindPaths[parseInt(bits.replace(/\u2062/g, "0").replace(/\u2063/g, "1"), 2)]; }
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
    // A shown text with its bound figures following the tables.
    function rebound(shown) {
      if (shown.indexOf(OPEN) < 0) return shown;
      return shown.replace(RUN, function (all, bits) {
        var path = runPath(bits);
        return path ? OPEN + bits + figureValue(path) + CLOSE : all;
      });
    }
    return { run: run, toShown: toShown, toStored: toStored, rebound: rebound };
  }

  function escapeHtml(t) { return t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"); }
  // The layer behind a text box, as HTML: its text (`value`) with the
  // headings banded, the bound figures on chips and the characters of
  // `ranges` ([start, end], last year's figures) marked.
  function layerHtml(value, ranges) {
    // Last year's figures between two noncharacters, made spans below.
    ranges.slice().sort(function (a, b) { return b[0] - a[0]; }).forEach(function (r) {
      value = value.slice(0, r[0]) + "\uFDD0" + value.slice(r[0], r[1]) + "\uFDD1" + value.slice(r[1]);
    });
    return value.split("\n").map(function (line) {
      var body = escapeHtml(line).replace(/\uFDD0/g, '<span class="carried-fig">').replace(/\uFDD1/g, "</span>").replace(RUN, function (all) {
        return '<span class="bound">' + all + "</span>";
      });
      line = line.replace(/[\uFDD0\uFDD1]/g, "");
      var form = line.charAt(0) === MARK ? "h3" : headingForm(line.replace(/[\u2060-\u2064]/g, ""));
      return form ? '<span class="h ' + form + '">' + body + "</span>" : body;
    }).join("\n") + "\n ";
  }
  // Where last year's figure `f` (its text and which occurrence, from 0)
  // stands in `value`: [start, end], or null.
  function figureRange(value, f) {
    var at = -1;
    for (var k = 0; k <= f.occurrence; k++) { at = value.indexOf(f.figure, at + 1); if (at < 0) return null; }
    return [at, at + f.figure.length];
  }
  // 设为标题 on a shown line: a heading made a paragraph, a paragraph a
  // heading (one numbered as a heading is one already).
  function toggledLine(line) {
    var plain = line.replace(/^\u2060+/, "");
    return line.charAt(0) === MARK ? plain : (headingForm(plain) ? plain : MARK + plain);
  }
  // A finding's one-click fix on a stored text: the line (the
  // occurrence-th of the lines written so, from 0) replaced, or removed
  // with the lines after it that the fix covers (a run pasted twice) and
  // one blank line around them. Null when the line is not there.
  function fixed(stored, fix) {
    var lines = stored.split("\n");
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
      return lines.join("\n");
    }
    return null;
  }
  // Which paragraph (from 1) of a text the caret at `at` is in; 0 for an
  // empty text.
  function paragraphOf(value, at) {
    if (!value.trim()) return 0;
    return value.slice(0, at || 0).replace(/^\s+/, "").split(/\n\s*\n/).length;
  }

  return {
    MARK: MARK,
    OPEN: OPEN,
    headingForm: headingForm,
    binder: binder,
    escapeHtml: escapeHtml,
    layerHtml: layerHtml,
    figureRange: figureRange,
    toggledLine: toggledLine,
    fixed: fixed,
    paragraphOf: paragraphOf
  };
})();
if (typeof module === "object" && module.exports) module.exports = nbText;
