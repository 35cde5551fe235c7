// The pure parts of the index page (index.js) and of the sign-off import
// (signoff.js).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const index = require("../index.js");
const signoff = require("../signoff.js");

test("an empty folder says what to do, naming last year's report", () => {
  assert.equal(index.emptyText([]), "这个文件夹里还没有年报数据文件：请在下面新建，或从上年生成。");
  assert.match(index.emptyText(["2024年报.docx"]), /找到了上年的报告 2024年报.docx：在下面“从上年生成”中选它/);
  assert.match(index.emptyText(["a.docx", "b.pdf"]), /找到了上年的报告 a.docx 等 2 份：/);
});

test("importing last year's report: the address", () => {
  assert.equal(index.importAddress("上年 报告.docx", "", false, false), "/api/import?name=%E4%B8%8A%E5%B9%B4%20%E6%8A%A5%E5%91%8A.docx");
  assert.equal(index.importAddress("a.pdf", "&in=folder", true, true), "/api/import?name=a.pdf&in=folder&workbook=1&blank=1");
});

test("a sign-off change: written back or not, who made it, how it is shown", () => {
  const c = { edit: { path: "x" }, before: "甲", after: "乙", diff: [{ kind: "same", text: "x" }] };
  assert.ok(signoff.writable(c));
  assert.ok(!signoff.writable({ ...c, problem: "表格" }));
  assert.ok(!signoff.writable({ ...c, conflict: "已改" }));
  assert.ok(!signoff.writable({ ...c, edit: { "类型": "无法写回" } }));
  assert.equal(signoff.authors([{ author: "张三", when: "3月1日" }, { author: "张三", when: "3月1日" }, { author: "李四", date: "2026-03-02" }]),
    "张三 3月1日；李四 2026-03-02");
  assert.equal(signoff.authors(undefined), "未留修订痕迹的修改");
  assert.ok(signoff.plain(c));
  const long = { before: "本年度共收到政府信息公开申请十二件，全部按期答复。", after: "本年度共收到政府信息公开申请十三件，全部按期答复。" };
  assert.ok(!signoff.plain({ ...long, diff: [] }));
  assert.ok(signoff.plain(long));
  assert.ok(signoff.plain({ before: "一\n二", after: "一\n二", diff: [] }));
  assert.equal(signoff.runText("甲\n\n乙\n丙"), "甲¶乙¶丙");
});
