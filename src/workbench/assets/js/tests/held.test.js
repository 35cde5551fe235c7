// held.js: what the page says over typing it did not save.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const h = require("../held.js");

test("a conflict asks the clerk to check, naming the field away from it", () => {
  assert.equal(h.message("conflict", ""), "此处已被别处修改：已载入最新内容，您输入的内容保留在下方，请核对后再保存");
  assert.equal(
    h.message("conflict", "行政复议 结果维持"),
    "“行政复议 结果维持”已被别处修改：已载入最新内容，您输入的内容保留在下方，请核对后再保存"
  );
});

test("a report that stopped taking changes keeps the typing in view, unsaved", () => {
  const said = h.message("readonly", "电话");
  assert.ok(said.startsWith("“电话”您输入的内容没有保存"), said);
  assert.ok(said.includes("保留在下方"), said);
});
