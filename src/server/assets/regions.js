"use strict";
// The board of a region's office (issue 64.4): the progress of each region
// below, the drill-down into one, the list paged and filtered. board.js asks
// this script for the list's and the summary's addresses and tells it what
// the list answered.
window.nbRegion = (function () {
  var at = { county: "", page: 1, per: 100, state: "", errors: false, top: null, wired: false };
  function office() { return JSON.parse(document.getElementById("nb-boot").textContent).office; }
  function add(u, k, v) { return u + (u.indexOf("?") < 0 ? "?" : "&") + k + "=" + encodeURIComponent(v); }
  function scoped(u) { return at.county ? add(u, "county", at.county) : u; }
  function text(tag, t) { var e = document.createElement(tag); e.textContent = t; return e; }
  function go(county) { at.county = county; at.page = 1; load(); }
  function wire() {
    at.wired = true;
    document.getElementById("filters").hidden = false;
    document.getElementById("filter-state").onchange = function () { at.state = this.value; at.page = 1; load(); };
    document.getElementById("filter-errors").onchange = function () { at.errors = this.checked; at.page = 1; load(); };
    document.getElementById("page-prev").onclick = function () { if (at.page > 1) { at.page -= 1; load(); } };
    document.getElementById("page-next").onclick = function () { at.page += 1; load(); };
    document.getElementById("region-up").onclick = function () {
      var up = at.county.split("/").slice(0, -1).join("/");
      go(at.top !== null && up.length < at.top.length ? at.top : up);
    };
  }
  function progress(u) {
    fetch(scoped(u)).then(function (r) { return r.json(); }).then(function (d) {
      var list = d.regions || [], body = document.querySelector("#region-list tbody");
      var below = list.some(function (x) { return !x.own; });
      document.getElementById("regions").hidden = !below && !at.county;
      document.getElementById("region-path").textContent = d.region ? "当前：" + d.region : "当前：全部地区";
      document.getElementById("region-up").hidden = !at.county || at.county === at.top;
      body.textContent = "";
      list.forEach(function (x) {
        var tr = document.createElement("tr"); tr.setAttribute("data-region", x.path);
        var name = document.createElement("td");
        if (x.own) name.textContent = x.name;
        else { var a = text("a", x.name); a.href = "#"; a.setAttribute("data-act", "drill"); a.onclick = function (e) { e.preventDefault(); go(x.path); }; name.appendChild(a); }
        tr.appendChild(name);
        [x.units, x.new, x.filling, x.submitted, x.returned, x.approved, x.missing, x.errors].forEach(function (n, i) {
          var td = text("td", String(n)); if ((i === 6 || i === 7) && n) td.className = "bad"; tr.appendChild(td);
        });
        body.appendChild(tr);
      });
    });
  }
  return {
    list: function (u) {
      if (!office()) return u;
      if (!at.wired) wire();
      u = scoped(add(add(u, "page", at.page), "per", at.per));
      if (at.state) u = add(u, "state", at.state);
      return at.errors ? add(u, "errors", "1") : u;
    },
    summary: function (u) { return office() ? scoped(u) : u; },
    loaded: function (d, yearly) {
      if (!office()) return;
      if (at.top === null) at.top = d.region || "";
      if (d.page && d.page > d.pages && d.pages > 0 && at.page !== d.pages) { at.page = d.pages; load(); return; }
      document.getElementById("page-at").textContent = "第 " + (d.page || 1) + " / " + (d.pages || 1) + " 页，共 " + (d.total || 0) + " 个单位";
      document.getElementById("page-prev").disabled = (d.page || 1) <= 1;
      document.getElementById("page-next").disabled = (d.page || 1) >= (d.pages || 1);
      progress(yearly("/api/regions"));
    },
    checks: function (d) {
      var list = d.checks || [], body = document.querySelector("#region-check-list tbody");
      document.getElementById("region-checks").hidden = !list.length;
      body.textContent = "";
      var words = { equal: "相等（政府报告为全地区口径）", less: "小于各单位之和（政府报告为本级口径？）", more: "大于各单位之和（有单位未计入？）", unknown: "无法比较（有未填的格）" };
      list.forEach(function (c) {
        c.figures.forEach(function (f) {
          var tr = document.createElement("tr"); tr.setAttribute("data-check", c.unit);
          [c.unit, String(c.units), f.heading, f.own, f.others, words[f.relation]].forEach(function (t) { tr.appendChild(text("td", t)); });
          tr.lastChild.className = f.relation === "more" ? "bad" : "";
          body.appendChild(tr);
        });
      });
    }
  };
})();
