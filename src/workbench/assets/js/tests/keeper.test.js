// keeper.js: typing kept in the browser's stores until a save is
// acknowledged.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const k = require("../keeper.js");

function store(initial) {
  const m = new Map(Object.entries(initial || {}));
  return {
    m,
    getItem: (key) => (m.has(key) ? m.get(key) : null),
    setItem: (key, v) => { m.set(key, String(v)); },
    removeItem: (key) => { m.delete(key); }
  };
}

test("the key names the host and the report", () => {
  assert.equal(k.keyOf("127.0.0.1:8080", "r1"), "nianbao-unsaved:127.0.0.1:8080:r1");
});

test("typing is kept in every store and forgotten once saved", () => {
  const a = store(), b = store();
  const keep = k.keeper("key", [a, b]);
  keep.put("表.甲", "1");
  keep.put("说明", "文字");
  assert.deepEqual(JSON.parse(a.m.get("key")), { "表.甲": "1", "说明": "文字" });
  assert.equal(b.m.get("key"), a.m.get("key"));
  // A save acknowledged, but 说明 typed over since: only 表.甲 goes.
  keep.put("说明", "新的文字");
  keep.done([{ path: "表.甲", value: "1" }, { path: "说明", value: "文字" }]);
  assert.deepEqual(keep.values(), { "说明": "新的文字" });
  keep.done([{ path: "说明", value: "新的文字" }]);
  assert.ok(!a.m.has("key") && !b.m.has("key"));
});

test("the first store holding typing is read; broken ones are empty", () => {
  const empty = store(), held = store({ key: '{"a":"1"}' }), other = store({ key: '{"b":"2"}' });
  assert.deepEqual(k.keeper("key", [empty, held, other]).values(), { a: "1" });
  assert.deepEqual(k.keeper("key", [store({ key: "{broken" }), store({ key: '{"c":"3"}' })]).values(), { c: "3" });
  assert.deepEqual(k.keeper("key", [store({ key: "null" })]).values(), {});
  assert.deepEqual(k.keeper("key", []).values(), {});
});

test("a full or refused store loses nothing on the page", () => {
  const full = store();
  full.setItem = () => { throw new Error("QuotaExceededError"); };
  const keep = k.keeper("key", [full]);
  keep.put("a", "1");
  assert.deepEqual(keep.values(), { a: "1" });
});
