// Logging in again on the page itself (the collection server's pages: a
// session expired, the server restarted): a dialog posting to /api/login;
// the page and its typing stay, the new session's token replaces the old
// one in `boot` (which the client reads), then `after`.
var nbRelogin = (function () {
  "use strict";
  function relogin(boot) {
    var dialog = null, waiting = [];
    function build() {
      dialog = nbDom.el("dialog", { id: "relogin", "class": "relogin" });
      // Above the page, which stays usable (typing goes on meanwhile).
      dialog.style.cssText = "position:fixed;top:1em;left:0;right:0;margin:0 auto;max-width:32em;z-index:100;" +
        "border:2px solid #b45309;border-radius:6px;background:#fffbeb;padding:1em;box-shadow:0 4px 16px rgba(0,0,0,.25)";
      var form = nbDom.el("form", { id: "relogin-form" });
      form.appendChild(nbDom.el("p", { id: "relogin-why" }, "登录已失效（超过 8 小时未操作、在别处退出了登录，或服务器已重新启动），请重新登录。没有保存的修改都还在这个页面上，登录后会自动保存。"));
      var user = nbDom.el("input", { name: "user", autocomplete: "username", required: "" });
      user.value = boot.user || "";
      var password = nbDom.el("input", { name: "password", type: "password", autocomplete: "current-password", required: "" });
      var l1 = nbDom.el("label", {}, "账号 "), l2 = nbDom.el("label", {}, "密码 ");
      l1.appendChild(user); l2.appendChild(password);
      form.appendChild(l1); form.appendChild(l2);
      form.appendChild(nbDom.el("button", { type: "submit", id: "relogin-submit" }, "登录并保存"));
      var msg = nbDom.el("p", { id: "relogin-message", "class": "message bad", role: "status" });
      form.appendChild(msg);
      form.addEventListener("submit", function (ev) {
        ev.preventDefault();
        msg.textContent = "正在登录…";
        fetch("/api/login", { method: "POST", headers: { "Content-Type": "application/json" }, cache: "no-store",
          body: JSON.stringify({ user: user.value, password: password.value }) })
          .then(function (r) { return r.json().then(function (d) { return [r.status, d]; }, function () { return [r.status, {}]; }); })
          .then(function (x) {
            if (x[0] !== 200) { msg.textContent = x[1].error || "登录失败"; return; }
            if (boot.user && x[1].user !== boot.user) {
              msg.textContent = "这个页面属于账号“" + boot.user + "”：请用这个账号登录（已登录为“" + x[1].user + "”）";
              return;
            }
            password.value = "";
            msg.textContent = "";
            loggedIn(x[1].csrf);
          }, function () { msg.textContent = "无法连接服务器，请稍后再试"; });
      });
      dialog.appendChild(form);
      document.body.appendChild(dialog);
    }
    function loggedIn(csrf) {
      boot.token = csrf;
      boot.csrf = csrf;
      // The other scripts of the page (退出登录, the upload) read the boot.
      var node = document.getElementById("nb-boot");
      try {
        var b = JSON.parse(node.textContent);
        b.token = csrf; b.csrf = csrf;
        node.textContent = JSON.stringify(b);
      } catch (e) { /* keep the old */ }
      dialog.close();
      var then = waiting;
      waiting = [];
      then.forEach(function (f) { f(); });
    }
    return {
      ask: function (after) {
        if (!dialog) build();
        if (after) waiting.push(after);
        if (!dialog.open) {
          // Opened without the dialog's focusing steps (show() would move
          // the focus into it, and keys meant for a cell — the rest of a
          // number being typed — would land in the password field): the
          // field typed in keeps the keyboard; the dialog's password
          // field takes it only when no field of the page has it.
          var at = document.activeElement;
          dialog.setAttribute("open", "");
          var typing = at && at !== document.body && at.matches && at.matches("input, textarea, select, [contenteditable]") && !dialog.contains(at);
          if (typing) { if (document.activeElement !== at) at.focus(); }
          else {
            var first = dialog.querySelector(boot.user ? "input[name=password]" : "input[name=user]");
            if (first) first.focus();
          }
        }
      },
      open: function () { return !!(dialog && dialog.open); }
    };
  }
  return { relogin: relogin };
})();
if (typeof module === "object" && module.exports) module.exports = nbRelogin;
