// text.js: the text boxes' forms (headings, bound figures, layers, fixes).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const t = require("../text.js");

const M = "\u2060";

test("headings by their form, as the renderer takes them", () => {
  assert.equal(t.headingForm("一、总体情况"), "part");
  assert.equal(t.headingForm("（一）行政许可"), "h3");
  assert.equal(t.headingForm("(二)行政处罚"), "h3");
  assert.equal(t.headingForm("1.收费情况"), "h4");
  assert.equal(t.headingForm("2、政府信息"), "h4");
  assert.equal(t.headingForm("（1）依申请公开"), "h5");
  // Sentences, figures and bare numbers are not headings.
  assert.equal(t.headingForm("（一）本年度，我局收到申请。"), null);
  assert.equal(t.headingForm("1.5%的增长"), null);
  assert.equal(t.headingForm("2024年全年"), null);
  assert.equal(t.headingForm("（一）"), null);
  assert.equal(t.headingForm("（一） 前面有空格"), null);
  assert.equal(t.headingForm("一、" + "很".repeat(30)), null);
});

function forms(figures) { return t.binder(() => figures); }

test("a heading's marks: shown without ###, stored with them", () => {
  const b = forms([]);
  // A numbered heading at its own level shows as typed.
  assert.equal(b.toShown("### （一）行政许可"), "（一）行政许可");
  assert.equal(b.toShown("#### 1.收费"), "1.收费");
  // One without a number (or at another level) gets invisible marks.
  assert.equal(b.toShown("### 总体情况"), M + "总体情况");
  assert.equal(b.toShown("#### 总体情况"), M + M + "总体情况");
  assert.equal(b.toStored(M + "总体情况"), "### 总体情况");
  assert.equal(b.toStored(M + M + M + M + "深"), "##### 深");
  // A mark with nothing after it is an empty line.
  assert.equal(b.toStored(M + "  "), "");
  for (const s of ["### 总体情况\n\n正文。", "#### 小节\n正文", "（一）行政许可\n\n本年度……", "普通一段"]) {
    assert.equal(b.toStored(b.toShown(s)), s, s);
  }
});

test("a bound figure shows the cell's value and is stored as its placeholder", () => {
  const figures = [["表二.新收", "12"], ["表二.上年", ""]];
  const b = forms(figures);
  const shown = b.toShown("新收 {{ 表二.新收 }} 件，上年 {{表二.上年}} 件");
  assert.equal(shown.replace(/[\u2061-\u2064]/g, ""), "新收 12 件，上年 （未填） 件");
  assert.equal(b.toStored(shown), "新收 {{ 表二.新收 }} 件，上年 {{ 表二.上年 }} 件");
  // Typed over: kept as typed.
  const typed = shown.replace("12", "13");
  assert.equal(b.toStored(typed), "新收 13 件，上年 {{ 表二.上年 }} 件");
  // The tables change: the chips follow.
  figures[0][1] = "20";
  const next = b.rebound(shown);
  assert.equal(next.replace(/[\u2061-\u2064]/g, ""), "新收 20 件，上年 （未填） 件");
  assert.equal(b.toStored(next), "新收 {{ 表二.新收 }} 件，上年 {{ 表二.上年 }} 件");
  assert.equal(b.rebound("no chips"), "no chips");
  // The same cell twice: one number.
  assert.equal(b.run("表二.新收"), b.run("表二.新收"));
  assert.notEqual(b.run("表二.新收"), b.run("表二.上年"));
});

test("the layer: escaped, headings banded, chips and last year's figures marked", () => {
  const b = forms([["表.甲", "5"]]);
  assert.equal(t.layerHtml("a<b>&c", []), "a&lt;b&gt;&amp;c\n ");
  assert.equal(t.layerHtml("（一）许可\n正文", []), '<span class="h h3">（一）许可</span>\n正文\n ');
  assert.equal(t.layerHtml(M + "总体", []), '<span class="h h3">' + M + "总体</span>\n ");
  const chip = b.run("表.甲");
  assert.equal(t.layerHtml("共" + chip + "件", []), '共<span class="bound">' + chip + "</span>件\n ");
  assert.equal(t.layerHtml("去年12件，今年12件", [[8, 10]]), '去年12件，今年<span class="carried-fig">12</span>件\n ');
  assert.equal(t.layerHtml("1 2 3", [[0, 1], [4, 5]]),
    '<span class="carried-fig">1</span> 2 <span class="carried-fig">3</span>\n ');
});

test("last year's figure found by its occurrence", () => {
  assert.deepEqual(t.figureRange("12件，又12件", { figure: "12", occurrence: 0 }), [0, 2]);
  assert.deepEqual(t.figureRange("12件，又12件", { figure: "12", occurrence: 1 }), [5, 7]);
  assert.equal(t.figureRange("12件", { figure: "12", occurrence: 1 }), null);
});

test("设为标题 toggles a line", () => {
  assert.equal(t.toggledLine("总体情况"), M + "总体情况");
  assert.equal(t.toggledLine(M + M + "总体情况"), "总体情况");
  // Numbered as a heading: one already.
  assert.equal(t.toggledLine("（一）许可"), "（一）许可");
});

test("a finding's fix replaces or removes its line", () => {
  const text = "甲\n\n重复的一段\n\n乙\n\n重复的一段";
  assert.equal(t.fixed(text, { line: "重复的一段", occurrence: 1 }), "甲\n\n重复的一段\n\n乙");
  assert.equal(t.fixed(text, { line: "重复的一段" }), "甲\n\n乙\n\n重复的一段");
  assert.equal(t.fixed(text, { line: "乙", "with": "丙" }), "甲\n\n重复的一段\n\n丙\n\n重复的一段");
  // Lines matched without their spaces; a run of lines goes together.
  assert.equal(t.fixed("甲\n\u3000一 \n二\n\n乙", { line: "一", lines: 2 }), "甲\n乙");
  assert.equal(t.fixed(text, { line: "没有" }), null);
});

test("the paragraph a caret is in", () => {
  assert.equal(t.paragraphOf("", 0), 0);
  assert.equal(t.paragraphOf("\n\n甲\n\n乙", 0), 1);
  assert.equal(t.paragraphOf("甲\n\n乙", 4), 2);
  assert.equal(t.paragraphOf("甲\n乙", 3), 1);
});
