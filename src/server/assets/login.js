"use strict";
document.getElementById("login").addEventListener("submit", function (e) {
  e.preventDefault();
  var f = e.target, msg = document.getElementById("message");
  fetch("/api/login", { method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ user: f.user.value, password: f.password.value }) })
    .then(function (r) { return r.json().then(function (d) { return [r.status, d]; }); })
    .then(function (x) { if (x[0] === 200) location.href = "/"; else msg.textContent = x[1].error || "登录失败"; });
});