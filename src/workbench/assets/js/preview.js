// The preview frame: the report as the server rendered it, in the page's
// frame. A new rendering patches the frame's document in place, touching
// only what differs (the DOM is read when called, never at load time).
var nbPreview = (function () {
  "use strict";
  // Makes `shown`'s children equal to `next`'s, touching only what
  // differs: the children that match at the start and at the end are kept
  // (made equal in place), those between them replaced. A keystroke
  // changes a figure or a sentence deep inside the report (the whole
  // report is one <main>) or brings the 草稿 banner in or out, and the
  // rest keeps its nodes and its layout.
  function patch(shown, next) {
    var have = shown.childNodes, want = next.childNodes, doc = shown.ownerDocument;
    var hl = have.length, wl = want.length, p = 0, s = 0;
    while (p < hl && p < wl && matched(have[p], want[p])) p++;
    while (s < hl - p && s < wl - p && matched(have[hl - 1 - s], want[wl - 1 - s])) s++;
    var gone = Array.prototype.slice.call(have, p, hl - s), before = have[hl - s] || null;
    gone.forEach(function (n) { shown.removeChild(n); });
    for (var i = p; i < wl - s; i++) shown.insertBefore(doc.importNode(want[i], true), before);
  }
  // Whether `h` can stay for `w`, and if so makes it equal: equal already,
  // text (its text replaced), or an element of the same tag and attributes
  // (its children patched).
  function matched(h, w) {
    if (h.isEqualNode(w)) return true;
    if (h.nodeType === 3 && w.nodeType === 3) { h.data = w.data; return true; }
    if (h.nodeType !== 1 || h.nodeName !== w.nodeName || h.attributes.length !== w.attributes.length) return false;
    for (var i = 0; i < w.attributes.length; i++) {
      if (h.getAttribute(w.attributes[i].name) !== w.attributes[i].value) return false;
    }
    patch(h, w);
    return true;
  }
  // The rendered page marked as ours, for the frame's first load.
  function marked(html) { return html.replace("<body", "<body data-nb=\"1\""); }
  // The preview of the frame `frame`: `show(html)` puts a rendering in.
  function preview(frame) {
    function show(html) {
      if (!html) return;
      var doc = frame.contentDocument;
      if (!doc || !doc.body || !doc.body.hasAttribute("data-nb")) {
        frame.srcdoc = marked(html);
        return;
      }
      // Nothing is read from the frame's layout here (no scroll position
      // saved and restored): that would lay it out in the middle of the
      // changes. Nodes kept in place keep the scroll position.
      patch(doc.body, new DOMParser().parseFromString(html, "text/html").body);
    }
    return { show: show };
  }
  return { patch: patch, marked: marked, preview: preview };
})();
if (typeof module === "object" && module.exports) module.exports = nbPreview;
