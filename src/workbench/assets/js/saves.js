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
      // A failed save's edits back in, unless typed over meanwhile; the
      // confirmations among them (`isValue` false) as confirmations.
      requeue: function (edits, isValue) {
        edits.forEach(function (e) {
          if (isValue && !isValue(e.path)) confirms.push(e);
          else if (!(e.path in pending)) pending[e.path] = e.value;
        });
      },
      // The values waiting, by path (a copy).
      values: function () { return Object.assign({}, pending); },
      // Drops one path's value (typed over elsewhere, settled apart).
      drop: function (path) { delete pending[path]; },
      // Drops the values (the page went offline, a conflict reloads).
      clear: function () { pending = {}; }
    };
  }
  // What a failed save means, by its status and, for a 409, the reason
  // the server gives (serve::reply::Reason): "login" (the session is
  // gone), "conflict" (the report moved on: the latest text is loaded and
  // the typing settled against it, `settle`), "readonly" (the report takes
  // no changes now: saving stops, the typing stays in view), "refused"
  // (for good: the edits are dropped) or "retry" (the server could not
  // write, or is busy: kept, tried again).
  function failure(status, reason) {
    if (status === 401 || status === 403) return "login";
    if (status === 409) return reason === "conflict" ? "conflict" : reason === "readonly" ? "readonly" : "refused";
    if (status === 400 || status === 404) return "refused";
    return "retry";
  }
  // After a conflict: what becomes of the values the page typed (`mine`,
  // by path), given the values the save was made on (`before`) and those
  // stored now (`latest`). A value already stored is done; one whose field
  // changed only here is saved again (`again`); one whose field was
  // changed elsewhere too is a clash, never saved over the other's text
  // without the clerk (`clashes`: path, mine, theirs).
  function settle(mine, before, latest) {
    var again = {}, clashes = [];
    function of(values, p) { return values && values[p] !== undefined && values[p] !== null ? values[p] : ""; }
    Object.keys(mine).forEach(function (p) {
      var theirs = of(latest, p);
      if (mine[p] === theirs) return;
      if (of(before, p) === theirs) again[p] = mine[p];
      else clashes.push({ path: p, mine: mine[p], theirs: theirs });
    });
    return { again: again, clashes: clashes };
  }
  return { queue: queue, failure: failure, settle: settle };
})();
if (typeof module === "object" && module.exports) module.exports = nbSaves;
