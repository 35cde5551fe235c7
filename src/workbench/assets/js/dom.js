// Building and updating the page's elements (the document is read when
// called, never at load time).
var nbDom = (function () {
  "use strict";
  // A new element with its attributes and text.
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  // Sets an element's text only when it differs (no layout otherwise).
  function setText(e, text) { if (e.textContent !== text) e.textContent = text; }
  // A flag (a finding, a note, a remark) right after a cell's input.
  function flagAfter(input, flag) { input.parentNode.insertBefore(flag, input.nextSibling); }
  return { el: el, setText: setText, flagAfter: flagAfter };
})();
if (typeof module === "object" && module.exports) module.exports = nbDom;
