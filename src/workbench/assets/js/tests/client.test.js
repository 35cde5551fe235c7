// client.js: where requests go, how replies read, the token of each request.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const c = require("../client.js");

test("the token goes in the address on the workbench, never on the server", () => {
  assert.equal(c.withToken("/api/list", "a b"), "/api/list?t=a%20b");
  assert.equal(c.withToken("/api/state?f=x", "t"), "/api/state?f=x&t=t");
  assert.equal(c.address("/api/state?f=x", "t", false), "/api/state?f=x&t=t");
  assert.equal(c.address("/api/state?f=x", "t", true), "/api/state?f=x");
});

test("a reply reads as its JSON, or its text as the error, with its status", () => {
  assert.deepEqual(c.answer('{"version":"v1"}', 200), { version: "v1", status: 200 });
  assert.deepEqual(c.answer("Forbidden", 403), { error: "Forbidden", status: 403 });
  assert.deepEqual(c.answer("", 502), { error: "", status: 502 });
});

function fakeFetch(calls, reply) {
  return (url, opts) => {
    calls.push([url, opts]);
    return Promise.resolve({
      status: reply.status,
      headers: { get: (h) => (h === "Server-Timing" ? "save;dur=3" : null) },
      text: () => Promise.resolve(reply.body)
    });
  };
}

test("a request carries the token as it is now, its body as JSON or bytes", async (t) => {
  const calls = [];
  t.mock.method(globalThis, "fetch", fakeFetch(calls, { status: 200, body: '{"ok":1}' }));
  const boot = { token: "old" };
  const api = c.client(boot).api;
  const step = { sent: performance.now() };
  assert.deepEqual(await api("POST", "/api/save", { edits: [] }, false, step), { ok: 1, status: 200 });
  assert.equal(calls[0][0], "/api/save?t=old");
  assert.equal(calls[0][1].method, "POST");
  assert.equal(calls[0][1].cache, "no-store");
  assert.equal(calls[0][1].headers["X-Nianbao-Token"], "old");
  assert.equal(calls[0][1].headers["Content-Type"], "application/json");
  assert.equal(calls[0][1].body, '{"edits":[]}');
  assert.equal(step.server, "save;dur=3");
  assert.ok(step.headers >= 0);
  // A new login replaces the token in boot: the next request has it.
  boot.token = "new";
  const bytes = new ArrayBuffer(2);
  await api("POST", "/api/import?name=a.docx", bytes, true);
  assert.equal(calls[1][0], "/api/import?name=a.docx&t=new");
  assert.equal(calls[1][1].headers["Content-Type"], "application/octet-stream");
  assert.equal(calls[1][1].body, bytes);
  await api("GET", "/api/list");
  assert.equal(calls[2][1].body, undefined);
  assert.equal(calls[2][1].headers["Content-Type"], undefined);
});

test("on the collection server the token is in a header only", async (t) => {
  const calls = [];
  t.mock.method(globalThis, "fetch", fakeFetch(calls, { status: 401, body: "{\"error\":\"登录已失效\"}" }));
  const r = await c.client({ token: "csrf", server: true }).api("GET", "/api/state?f=1");
  assert.deepEqual(r, { error: "登录已失效", status: 401 });
  assert.equal(calls[0][0], "/api/state?f=1");
  assert.equal(calls[0][1].headers["X-Nianbao-Token"], "csrf");
});
