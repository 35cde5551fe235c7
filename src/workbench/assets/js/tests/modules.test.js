// The page script's modules (src/workbench/page.rs joins them, in its
// order, into one script): each loads without a document or a window
// (nothing runs at load time but main.js, the start), and each module a
// module names exists.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const dir = path.join(__dirname, "..");
const pageRs = fs.readFileSync(path.join(dir, "..", "..", "page.rs"), "utf8");
const order = [...pageRs.matchAll(/include_str!\("assets\/js\/([\w-]+)\.js"\)/g)].map((m) => m[1]);
const files = fs.readdirSync(dir).filter((f) => f.endsWith(".js")).map((f) => f.slice(0, -3));

test("the page script joins every module once, main.js last", () => {
  assert.deepEqual([...order].sort(), [...files].sort());
  assert.equal(new Set(order).size, order.length);
  assert.equal(order[order.length - 1], "main");
});

test("every module loads in node without a document", () => {
  assert.equal(typeof document, "undefined");
  assert.equal(typeof window, "undefined");
  for (const name of files.filter((f) => f !== "main")) {
    const exported = require(path.join(dir, name + ".js"));
    assert.equal(typeof exported, "object", name);
    assert.ok(Object.keys(exported).length > 0, name);
  }
});

test("each module defines the one name it exports, and every name used is defined", () => {
  const defined = new Map();
  const used = [];
  for (const name of files) {
    const text = fs.readFileSync(path.join(dir, name + ".js"), "utf8");
    const own = [...text.matchAll(/^var (nb[A-Z]\w*) = /gm)].map((m) => m[1]);
    if (name !== "main") {
      assert.equal(own.length, 1, name + " defines " + own.join(", "));
      assert.ok(text.includes("module.exports = " + own[0] + ";"), name);
      defined.set(own[0], name);
    }
    // window.nbTimings and the like are the page's own, for the browser tests.
    for (const m of text.matchAll(/(?<!window\.)\b(nb[A-Z]\w*)\.[a-zA-Z]/g)) used.push([name, m[1]]);
  }
  for (const [file, name] of used) assert.ok(defined.has(name), file + ".js uses " + name + ", which no module defines");
});
