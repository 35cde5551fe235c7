// Restarts of the workbench. Every page of the running workbench answers,
// on a channel shared by the pages of its address (same port), with its
// token. A page whose token went stale (the workbench was started again,
// a double-click) asks, checks the answer with the server and goes to the
// same report at the new address. Another port is another address: no
// answer, the page says what to do. The collection server's pages have
// none of it (a lost session keeps the typing instead: keeper.js,
// relogin.js).
var nbRestarts = (function () {
  "use strict";
  // The data file a page's address names (its f=…), or null. Pure.
  function fileIn(search) {
    var m = /[?&]f=([^&]*)/.exec(search);
    return m ? decodeURIComponent(m[1].replace(/\+/g, " ")) : null;
  }
  function restarts(boot) {
    var channel = window.BroadcastChannel && !boot.server ? new BroadcastChannel("nianbao-workbench") : null;
    var stale = boot.page === "stale", moving = false;
    function pageFile() { return boot.file || fileIn(location.search); }
    function probe(url, t) {
      return fetch(nbClient.withToken(url, t),
        { headers: { "X-Nianbao-Token": t }, cache: "no-store" }).then(function (r) { return r.status === 200; }, function () { return false; });
    }
    function moveTo(t) {
      if (moving || !t || t === boot.token) return;
      var f = pageFile();
      var there = f ? probe("/api/version?f=" + encodeURIComponent(f), t) : Promise.resolve(false);
      there.then(function (ok) {
        if (ok) return "/report?f=" + encodeURIComponent(f) + "&t=" + encodeURIComponent(t);
        return probe("/api/list", t).then(function (live) { return live ? "/?t=" + encodeURIComponent(t) : null; });
      }).then(function (url) {
        if (!url || moving) return;
        moving = true;
        var say = document.getElementById("finding") || document.getElementById("banner");
        if (say) say.textContent = "找到了新启动的工作台，正在转过去…";
        location.replace(url);
      });
    }
    function askForLive() { if (channel) channel.postMessage({ ask: 1 }); }
    if (channel) {
      channel.onmessage = function (ev) {
        var d = ev.data || {};
        if (d.ask && !stale && boot.token) channel.postMessage({ token: boot.token });
        if (d.token && stale) moveTo(d.token);
      };
      if (!stale && boot.token) channel.postMessage({ token: boot.token });
    }
    // The stale page (its own page, stale.html): asks until a live page
    // answers.
    function stalePage() {
      var say = document.getElementById("finding");
      askForLive();
      setInterval(askForLive, 2000);
      setTimeout(function () {
        if (!moving) say.textContent = "没有找到正在运行的工作台页面：请按下面的办法做。这个页面会一直等着，新的工作台页面打开后自动转过去。";
      }, 3000);
    }
    return {
      stale: function () { return stale; },
      // This page's token went stale (or its workbench is gone).
      goStale: function () { stale = true; },
      askForLive: askForLive,
      stalePage: stalePage
    };
  }
  return { fileIn: fileIn, restarts: restarts };
})();
if (typeof module === "object" && module.exports) module.exports = nbRestarts;
