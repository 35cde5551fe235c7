// paste.js: Word/WPS paragraphs as the text's lines.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const p = require("../paste.js");

test("a list label makes the list item it was", () => {
  assert.equal(p.listItem("1.", "第一项"), "1. 第一项");
  assert.equal(p.listItem("2）", "第二项"), "2. 第二项");
  assert.equal(p.listItem("3", "第三项"), "3. 第三项");
  assert.equal(p.listItem("（一）", "许可"), "（一）许可");
  assert.equal(p.listItem("二、", "处罚"), "二、处罚");
  assert.equal(p.listItem("Ø", "要点"), "- 要点");
  assert.equal(p.listItem("", "要点"), "- 要点");
});

test("a paragraph's text: spaces between Chinese characters and line breaks go", () => {
  assert.equal(p.blockLine("P", "", null, "  本年度 共收到\r\n申请\u00a012 件  "), "本年度共收到申请 12 件");
  assert.equal(p.blockLine("P", "", null, " \u00a0 "), null);
});

test("a heading style without a number is marked; a numbered one stays as typed", () => {
  assert.equal(p.blockLine("H2", "", null, "总体情况"), "### 总体情况");
  assert.equal(p.blockLine("P", " MsoHeading3", null, "总体情况"), "### 总体情况");
  assert.equal(p.blockLine("P", "mso-outline-level:2", null, "总体情况"), "### 总体情况");
  assert.equal(p.blockLine("H2", "", null, "（一）行政许可"), "（一）行政许可");
  assert.equal(p.blockLine("H3", "", null, "1.收费"), "1.收费");
  assert.equal(p.blockLine("P", "MsoNormal", null, "正文"), "正文");
});

test("list paragraphs: a label, Word's mso-list, a private-use bullet", () => {
  assert.equal(p.blockLine("P", "", "1.", "第一项"), "1. 第一项");
  assert.equal(p.blockLine("P", "mso-list:l0 level1 lfo1", null, "要点"), "- 要点");
  assert.equal(p.blockLine("LI", "", null, "\uf0b7 要点\uf0a7"), "- 要点");
  // A label with nothing after it is no line.
  assert.equal(p.blockLine("P", "", "1.", "\uf0b7"), null);
});
