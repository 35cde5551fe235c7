// format.js: numbers, dates and labels as the page shows them.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const f = require("../format.js");

test("a typed figure reads with separators, spaces and full-width digits", () => {
  assert.equal(f.number("1,234"), 1234);
  assert.equal(f.number("１２，３４５"), 12345);
  assert.equal(f.number(" -3.5 "), -3.5);
  assert.equal(f.number(7), 7);
  assert.equal(f.number("12元"), null);
  assert.equal(f.number(""), null);
  assert.equal(f.number(null), null);
  assert.equal(f.number(undefined), null);
});

test("a sum is rounded to six decimals", () => {
  assert.equal(f.rounded(0.1 + 0.2), 0.3);
  assert.equal(f.rounded(1.23456789), 1.234568);
});

test("Chinese numerals become Arabic ones", () => {
  assert.equal(f.arabicNumerals("二〇二六年一月十五日"), "2026年1月15日");
  assert.equal(f.arabicNumerals("二○二五年十二月三十一日"), "2025年12月31日");
  assert.equal(f.arabicNumerals("十日"), "10日");
  assert.equal(f.arabicNumerals("二十日"), "20日");
  assert.equal(f.arabicNumerals("二零二六"), "2026");
  // Not a number a date holds: left as written.
  assert.equal(f.arabicNumerals("十十十"), "十十十");
});

test("成文日期 reads as clerks write it", () => {
  const want = { year: 2026, month: 1, day: 10 };
  for (const t of ["2026年1月10日", "2026-1-10", "2026.1.10", "2026/01/10", "２０２６年１月１０日",
    "2026 年 1 月 10 日", "2026年01月10", "二〇二六年一月十日", "2026．1．10", "2026／1／10"]) {
    assert.deepEqual(f.parseDate(t), want, t);
  }
  assert.equal(f.shownDate(want), "2026年1月10日");
});

test("what is no real date, or no year a report bears, is refused", () => {
  for (const t of ["2026年2月30日", "2026-13-01", "1999-12-31", "2101-01-01", "26-1-10", "明天", "", "2026年1月"]) {
    assert.equal(f.parseDate(t), null, t);
  }
  assert.deepEqual(f.parseDate("2024-2-29"), { year: 2024, month: 2, day: 29 });
  assert.equal(f.parseDate("2025-2-29"), null);
});

test("a figure's menu label and group", () => {
  assert.equal(f.figureLabel(["表二.行政许可.新收", "12"]), "新收（当前：12）");
  assert.equal(f.figureLabel(["表一.收费", ""]), "收费（当前：未填）");
  assert.equal(f.figureGroup("表二.行政许可.新收"), "表二 / 行政许可");
  assert.equal(f.figureGroup("表一.收费"), "表一");
});

test("the counts and the unreadable file's banner", () => {
  assert.equal(f.countsText({ errors: 2, warnings: 0 }), "2 个错误，0 个警告");
  const at = f.unreadableText([{ severity: "warning", message: "w" }, { severity: "error", line: 7, message: "缩进不对" }]);
  assert.match(at, /^数据文件第 7 行有错误，暂时无法读取：缩进不对。/);
  assert.match(f.unreadableText([]), /^数据文件有错误，暂时无法读取：文件不是年报数据。/);
});
