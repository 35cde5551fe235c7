// The edits waiting to be saved and what a failed save means. Pure: no
// document, no window (tests/saves.test.js); report.js sends them.
var nbSaves = (function () {
  "use strict";
  // The edits of a page not yet sent: the latest value per path (typing
  // over an unsent value replaces it), then the confirmations
  // (沿用上年, 沿用数字), each sent once.
  function queue() {
    var pending = {}, confirms = [];
    return {
      put: function (path, value) { pending[path] = value; },
      value: function (path) { return pending[path]; },
      has: function (path) { return path in pending; },
      // Whether any value waits (the confirmations do not hold a reload).
      waiting: function () { return Object.keys(pending).length > 0; },
      confirm: function (edit) { confirms.push(edit); },
      // The edits to send, taken out of the queue.
      take: function () {
        var edits = [];
        for (var p in pending) edits.push({ path: p, value: pending[p] });
        confirms.forEach(function (c) { edits.push(c); });
        pending = {};
        confirms = [];
        return edits;
      },
      // A failed save's edits back in, unless typed over meanwhile.
      requeue: function (edits) {
        edits.forEach(function (e) { if (!(e.path in pending)) pending[e.path] = e.value; });
      },
      // Drops the values (the page went offline, a conflict reloads).
      clear: function () { pending = {}; }
    };
  }
  // What a failed save on the collection server means, by its status:
  // "login" (the session is gone), "conflict" (the report moved on),
  // "refused" (for good: the edits are dropped) or "retry" (the server
  // could not write, or is busy: kept, tried again).
  function failure(status) {
    if (status === 401 || status === 403) return "login";
    if (status === 409) return "conflict";
    if (status === 400 || status === 404) return "refused";
    return "retry";
  }
  return { queue: queue, failure: failure };
})();
if (typeof module === "object" && module.exports) module.exports = nbSaves;
