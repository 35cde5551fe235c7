// cells.js: totals, the findings' marks at the cells, the cells a note
// concerns.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
globalThis.nbFormat = require("../format.js");
const c = require("../cells.js");

function totals(sums, typed) { return c.totals(sums, (p) => (p in typed ? typed[p] : null)); }

test("a total is its parts' sum once every part is there", () => {
  const sums = { "合计": ["甲", "乙"], "总": ["合计", "丙"] };
  assert.equal(totals(sums, { "甲": "1", "乙": "2,000", "丙": "０.5" }).computed("总"), "2001.5");
  assert.equal(totals(sums, { "甲": "0.1", "乙": "0.2" }).computed("合计"), "0.3");
  // A part missing (no input, empty, not a number): no total.
  assert.equal(totals(sums, { "甲": "1" }).computed("合计"), "");
  assert.equal(totals(sums, { "甲": "1", "乙": " " }).computed("合计"), "");
  assert.equal(totals(sums, { "甲": "1", "乙": "二" }).computed("合计"), "");
  // A typed total counts as typed, over its parts.
  assert.equal(totals(sums, { "合计": "10", "丙": "1" }).computed("总"), "11");
  assert.equal(totals(sums, { "甲": "4", "乙": "5" }).cellValue("合计", 0), 9);
});

test("totals nested too deep are not followed", () => {
  const sums = {};
  for (let i = 0; i < 8; i++) sums["t" + i] = ["t" + (i + 1)];
  assert.equal(totals(sums, { t8: "1" }).computed("t4"), "1");
  assert.equal(totals(sums, { t8: "1" }).computed("t0"), "");
});

test("a total's tooltip", () => {
  assert.equal(c.totalTitle(""), "总计：各格填齐后自动计算；可不填");
  assert.equal(c.totalTitle("12"), "总计（自动计算）：12；可不填，填写时校验");
});

test("the findings' marks at the cells: the worst wins, every flag in order", () => {
  const findings = [
    { severity: "warning", code: "W1", rule: "规则一", message: "可疑", cells: ["甲", "乙"] },
    { severity: "error", code: "E2", message: "不符", cells: ["甲", "没有的格"] },
    { severity: "warning", code: "W3", rule: "规则三", message: "再看", cells: ["甲"] }
  ];
  const want = c.marks(findings, (p) => p !== "没有的格");
  assert.deepEqual(Object.keys(want).sort(), ["乙", "甲"]);
  assert.equal(want["甲"].mark, "error");
  assert.equal(want["甲"].text, "规则一：可疑\nE2：不符\n规则三：再看\n");
  assert.deepEqual(want["甲"].flags.map((f) => f[1]), ["W1", "E2", "W3"]);
  assert.deepEqual(want["乙"], { mark: "warning", text: "规则一：可疑\n", flags: [["warning", "W1", "规则一：可疑"]] });
  assert.deepEqual(c.marks([], () => true), {});
});

test("what the findings say at a field", () => {
  const findings = [
    { code: "D1", rule: "成文日期", message: "早于年度结束", cells: ["成文日期"] },
    { code: "D2", message: "晚于期限", cells: ["成文日期", "x"] }
  ];
  assert.equal(c.fieldSaid(findings, "成文日期"), "成文日期：早于年度结束；D2：晚于期限");
  assert.equal(c.fieldSaid(findings, "电话"), "");
});

test("the cells under a note's path, and lists grouped by path", () => {
  assert.ok(c.under("表二.许可", "表二.许可"));
  assert.ok(c.under("表二.许可.新收", "表二.许可"));
  assert.ok(c.under("表二.许可[0]", "表二.许可"));
  assert.ok(!c.under("表二.许可证", "表二.许可"));
  assert.deepEqual(c.byPath([{ path: "a", n: 1 }, { path: "b", n: 2 }, { path: "a", n: 3 }]),
    { a: [{ path: "a", n: 1 }, { path: "a", n: 3 }], b: [{ path: "b", n: 2 }] });
});
