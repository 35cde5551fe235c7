// restarts.js: the data file a stale page's address names.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const r = require("../restarts.js");

test("the data file in a page's address", () => {
  assert.equal(r.fileIn("?f=2024%E5%B9%B4.yaml&t=abc"), "2024年.yaml");
  assert.equal(r.fileIn("?t=abc&f=my+report.yaml"), "my report.yaml");
  assert.equal(r.fileIn("?t=abc"), null);
  assert.equal(r.fileIn(""), null);
});
