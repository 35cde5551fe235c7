"use strict";
// 审计日志: the filter goes into the address (the page's policy allows no
// form submission, so the script navigates).
document.getElementById("audit-filter").onsubmit = function (e) {
  e.preventDefault();
  var q = ["who", "unit", "kind"].map(function (n) {
    return n + "=" + encodeURIComponent(document.getElementById("audit-" + n).value);
  }).join("&");
  location.href = "/audit?" + q;
};
