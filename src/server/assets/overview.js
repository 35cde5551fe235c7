"use strict";
// 全县概览: the office saves the round's deadlines (issue 65).
var boot = JSON.parse(document.getElementById("nb-boot").textContent);
var form = document.getElementById("deadline-form");
if (form) form.onsubmit = function (e) {
  e.preventDefault();
  var said = document.getElementById("deadline-message");
  fetch("/api/deadline", { method: "POST", headers: { "Content-Type": "application/json", "X-Nianbao-Token": boot.csrf },
    body: JSON.stringify({ year: boot.year, departments: document.getElementById("deadline-departments").value,
      governments: document.getElementById("deadline-governments").value }) })
    .then(function (r) { return r.json(); })
    .then(function (d) { if (d.error) { said.textContent = d.error; } else { location.reload(); } });
};
