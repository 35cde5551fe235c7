// What the report page says about itself: the banner over the form (why
// the page is offline, unreadable, waiting for a login, a failed save)
// and the read-only state. The page stops taking edits when its server is
// gone or its token is stale ("offline"), while the data file cannot be
// read ("unreadable": the last good values stay on screen), or when the
// collection server's report takes no changes now ("readonly": submitted,
// approved, its round closed; its downloads still work).
var nbBanner = (function () {
  "use strict";
  // `banner`: the page's banner element.
  function banner(element) {
    var readOnly = null;
    function setReadOnly(why) {
      readOnly = why;
      var fields = "#form input, #form textarea, #form select";
      document.querySelectorAll(why === "readonly" ? fields : fields + ", [data-action]").forEach(function (e) {
        if (why) e.setAttribute("disabled", ""); else e.removeAttribute("disabled");
      });
      document.body.classList.toggle("readonly", !!why);
    }
    function show(kind, text) {
      element.hidden = false;
      element.setAttribute("data-banner", kind);
      element.textContent = text;
    }
    function hide() {
      element.hidden = true;
      element.removeAttribute("data-banner");
    }
    return {
      readOnly: function () { return readOnly; },
      setReadOnly: setReadOnly,
      show: show,
      hide: hide,
      // The kind of banner shown (null when none).
      kind: function () { return element.getAttribute("data-banner"); }
    };
  }
  return { banner: banner };
})();
if (typeof module === "object" && module.exports) module.exports = nbBanner;
