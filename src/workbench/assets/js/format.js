// Formatting helpers: numbers as clerks type them, 成文日期 in any of the
// ways clerks write it, the labels of figures. Pure: no document, no
// window (tested under node: tests/format.test.js).
var nbFormat = (function () {
  "use strict";
  function halfWidthDigits(t) {
    return t.replace(/[０-９]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xfee0); });
  }
  // A typed figure as a number (thousands separators, spaces and
  // full-width digits allowed), or null when it is not one.
  function number(text) {
    if (text === undefined || text === null) return null;
    var t = halfWidthDigits(String(text).replace(/[,，\s]/g, ""));
    if (!/^-?\d+(\.\d+)?$/.test(t)) return null;
    return Number(t);
  }
  // A sum as the page shows it: six decimals at most.
  function rounded(total) { return Math.round(total * 1e6) / 1e6; }

  // 成文日期 as clerks write it: 2026年1月10日, 2026-1-10, 2026.1.10,
  // 2026/01/10, full-width digits, Chinese numerals (二〇二六年一月十五日,
  // shown back in Arabic numerals as GB/T 9704 wants).
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
  // A real date with a year a report can bear, or null.
  function parseDate(text) {
    var t = arabicNumerals(halfWidthDigits(String(text)).replace(/\s/g, ""));
    var m = /^(\d{4})(?:年(\d{1,2})月(\d{1,2})日?|[-.\/．／](\d{1,2})[-.\/．／](\d{1,2}))$/.exec(t);
    if (!m) return null;
    var y = Number(m[1]), mo = Number(m[2] || m[4]), d = Number(m[3] || m[5]);
    var date = new Date(Date.UTC(y, mo - 1, d));
    if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || y < 2000 || y > 2100) return null;
    return { year: y, month: mo, day: d };
  }
  // A parsed date shown back in Chinese.
  function shownDate(d) { return d.year + "年" + d.month + "月" + d.day + "日"; }

  // A figure ([path, value]) in the placeholder menus.
  function figureLabel(f) {
    var parts = f[0].split(".");
    return parts[parts.length - 1] + "（当前：" + (f[1] === "" ? "未填" : f[1]) + "）";
  }
  // The menu group a figure's path belongs to.
  function figureGroup(path) {
    var parts = path.split(".");
    return parts.length > 2 ? parts.slice(0, -1).join(" / ") : parts[0];
  }
  // The findings' counts, as the panel's heading says them.
  function countsText(counts) {
    return counts.errors + " 个错误，" + counts.warnings + " 个警告";
  }
  // The banner of a data file that cannot be read, by its findings (the
  // first error says where and why).
  function unreadableText(findings) {
    var first = findings.filter(function (f) { return f.severity === "error"; })[0];
    return "数据文件" + (first && first.line ? "第 " + first.line + " 行" : "") + "有错误，暂时无法读取：" +
      (first ? first.message : "文件不是年报数据") +
      "。这多半是在记事本里改动时留下的（少了括号或引号、冒号写成全角“：”、缩进没对齐）。" +
      "请在编辑器中改好后保存，这里会自动重新载入；下面是最后一次读到的内容，暂不能修改。";
  }

  return {
    unreadableText: unreadableText,
    number: number,
    rounded: rounded,
    arabicNumerals: arabicNumerals,
    parseDate: parseDate,
    shownDate: shownDate,
    figureLabel: figureLabel,
    figureGroup: figureGroup,
    countsText: countsText
  };
})();
if (typeof module === "object" && module.exports) module.exports = nbFormat;
