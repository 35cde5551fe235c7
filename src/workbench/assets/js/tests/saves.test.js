// saves.js: the edits waiting to be saved, and failed saves.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const s = require("../saves.js");

test("the latest value per path goes, then the confirmations", () => {
  const q = s.queue();
  assert.ok(!q.waiting());
  q.put("a", "1");
  q.confirm({ path: "沿用上年", value: "p1" });
  q.put("b", "2");
  q.put("a", "3");
  assert.ok(q.waiting() && q.has("a") && !q.has("c"));
  assert.equal(q.value("a"), "3");
  assert.deepEqual(q.take(), [{ path: "a", value: "3" }, { path: "b", value: "2" }, { path: "沿用上年", value: "p1" }]);
  assert.deepEqual(q.take(), []);
  assert.ok(!q.waiting());
});

test("a confirmation alone does not hold a reload", () => {
  const q = s.queue();
  q.confirm({ path: "沿用数字", value: "f" });
  assert.ok(!q.waiting());
  assert.deepEqual(q.take(), [{ path: "沿用数字", value: "f" }]);
});

test("a failed save's edits come back unless typed over", () => {
  const q = s.queue();
  q.put("a", "1");
  q.put("b", "1");
  const sent = q.take();
  q.put("a", "2");
  q.requeue(sent);
  assert.deepEqual(q.take(), [{ path: "a", value: "2" }, { path: "b", value: "1" }]);
});

test("clearing drops the values, not the confirmations", () => {
  const q = s.queue();
  q.put("a", "1");
  q.confirm({ path: "沿用上年", value: "p" });
  q.clear();
  assert.deepEqual(q.take(), [{ path: "沿用上年", value: "p" }]);
});

test("a failed save on the server, by its status", () => {
  assert.equal(s.failure(401), "login");
  assert.equal(s.failure(403), "login");
  assert.equal(s.failure(409), "conflict");
  assert.equal(s.failure(400), "refused");
  assert.equal(s.failure(404), "refused");
  assert.equal(s.failure(500), "retry");
  assert.equal(s.failure(503), "retry");
});
