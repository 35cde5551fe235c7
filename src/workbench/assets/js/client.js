// The data/state client: the requests to the workbench's (or the
// collection server's) API. On the workbench the token goes in the
// address too (t=…); on the county collection server's pages
// (boot.server) in a header only, never in an address. `address` and
// `answer` are pure (tests/client.test.js); `api` fetches when called.
var nbClient = (function () {
  "use strict";
  // `url` with the token `t` added to its query.
  function withToken(url, t) {
    return url + (url.indexOf("?") >= 0 ? "&" : "?") + "t=" + encodeURIComponent(t);
  }
  // Where a request goes.
  function address(url, token, server) { return server ? url : withToken(url, token); }
  // A reply's body as data: its JSON, else its text as the error; with
  // its status.
  function answer(text, status) {
    var data;
    try { data = JSON.parse(text); } catch (e) { data = { error: text }; }
    data.status = status;
    return data;
  }
  // The client of a page: the token read from `boot` at each request (a
  // new login replaces it there).
  function client(boot) {
    var server = !!boot.server;
    // A request; `raw` sends `body` as bytes, else as JSON; `step` (a
    // save's timings) gets the server's Server-Timing and the time to the
    // headers.
    function api(method, url, body, raw, step) {
      var opts = { method: method, headers: { "X-Nianbao-Token": boot.token }, cache: "no-store" };
      if (body !== undefined) {
        if (raw) {
          opts.body = body;
          opts.headers["Content-Type"] = "application/octet-stream";
        } else {
          opts.body = JSON.stringify(body);
          opts.headers["Content-Type"] = "application/json";
        }
      }
      return fetch(address(url, boot.token, server), opts).then(function (r) {
        if (step) { step.server = r.headers.get("Server-Timing"); step.headers = performance.now() - step.sent; }
        return r.text().then(function (text) { return answer(text, r.status); });
      });
    }
    return { api: api };
  }
  return { withToken: withToken, address: address, answer: answer, client: client };
})();
if (typeof module === "object" && module.exports) module.exports = nbClient;
