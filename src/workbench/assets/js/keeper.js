// Keeping typing on the collection server's pages: what was typed and not
// yet acknowledged, per report (`key`: its host and id) and path, kept in
// the `stores` given (sessionStorage and localStorage): a reload, a lost
// session or a restarted server loses none of it; an acknowledged save
// forgets it. Pure: the stores are passed in (tests/keeper.test.js).
var nbKeeper = (function () {
  "use strict";
  // The storage key of a report's typing.
  function keyOf(host, file) { return "nianbao-unsaved:" + host + ":" + file; }
  function keeper(key, stores) {
    function read(store) {
      try { var v = JSON.parse(store.getItem(key) || "{}"); return v && typeof v === "object" ? v : {}; } catch (e) { return {}; }
    }
    var values = {};
    for (var i = 0; i < stores.length && !Object.keys(values).length; i++) values = read(stores[i]);
    function write() {
      var text = JSON.stringify(values);
      stores.forEach(function (s) {
        try { if (text === "{}") s.removeItem(key); else s.setItem(key, text); } catch (e) { /* full or off */ }
      });
    }
    return {
      values: function () { return values; },
      put: function (path, value) { values[path] = value; write(); },
      // Forgets the edits acknowledged (or refused for good), unless typed
      // over since.
      done: function (edits) {
        edits.forEach(function (e) { if (values[e.path] === e.value) delete values[e.path]; });
        write();
      }
    };
  }
  // The browser's stores, those that are on.
  function browserStores() {
    var stores = [];
    try { stores.push(window.sessionStorage); } catch (e) { /* storage off */ }
    try { stores.push(window.localStorage); } catch (e) { /* storage off */ }
    return stores;
  }
  return { keyOf: keyOf, keeper: keeper, browserStores: browserStores };
})();
if (typeof module === "object" && module.exports) module.exports = nbKeeper;
