// The start of every workbench page (and of the collection server's pages
// that reuse them): the page's JSON (boot), then what its page does.
(function () {
  var boot = JSON.parse(document.getElementById("nb-boot").textContent);
  var api = nbClient.client(boot).api;
  var restarts = nbRestarts.restarts(boot);
  var relogin = nbRelogin.relogin(boot);
  window.nbRelogin = relogin;
  if (boot.page === "index") nbIndex.index(boot, api);
  else if (boot.page === "report") nbReport.report(boot, api, restarts, relogin);
  else if (restarts.stale()) restarts.stalePage();
})();
