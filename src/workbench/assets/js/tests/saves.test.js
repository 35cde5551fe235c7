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
  assert.equal(s.failure(409, "conflict"), "conflict");
  // A report submitted, approved or of a closed round: saving stops.
  assert.equal(s.failure(409, "readonly"), "readonly");
  // Any other 409 (an identity refused) is no conflict: never retried.
  assert.equal(s.failure(409), "refused");
  assert.equal(s.failure(400), "refused");
  assert.equal(s.failure(404), "refused");
  assert.equal(s.failure(500), "retry");
  assert.equal(s.failure(503), "retry");
});

test("a failed save's confirmations stay confirmations", () => {
  const q = s.queue();
  const sent = [{ path: "a", value: "1" }, { path: "沿用上年", value: "p1" }, { path: "沿用上年", value: "p2" }];
  q.requeue(sent, (p) => p !== "沿用上年");
  assert.deepEqual(q.values(), { a: "1" });
  q.drop("a");
  assert.deepEqual(q.take(), [{ path: "沿用上年", value: "p1" }, { path: "沿用上年", value: "p2" }]);
});

test("after a conflict, only a field changed on this page alone is saved again", () => {
  const before = { 总体情况: "旧文", 机关: "某局", "依申请公开.本年新收[0]": "1" };
  const latest = { 总体情况: "旧文\n\n别处写的一段", 机关: "某局", "依申请公开.本年新收[0]": "1", 成文日期: "2026-01-10" };
  const mine = { 总体情况: "旧文\n\n我写的一段", "依申请公开.本年新收[0]": "5", 成文日期: "2026-01-10", 联系方式: "x" };
  const settled = s.settle(mine, before, latest);
  // 本年新收 and 联系方式 changed here only; 成文日期 is already stored.
  assert.deepEqual(settled.again, { "依申请公开.本年新收[0]": "5", 联系方式: "x" });
  // 总体情况 changed on both sides: the clerk decides.
  assert.deepEqual(settled.clashes, [{ path: "总体情况", mine: "旧文\n\n我写的一段", theirs: "旧文\n\n别处写的一段" }]);
});

test("a field emptied elsewhere is a clash, an absent value is empty", () => {
  const settled = s.settle({ a: "2" }, { a: "1" }, {});
  assert.deepEqual(settled.clashes, [{ path: "a", mine: "2", theirs: "" }]);
  assert.deepEqual(s.settle({ a: "2" }, {}, { a: null }).again, { a: "2" });
});
