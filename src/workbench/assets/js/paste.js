// Paste from Word/WPS. Word/WPS put the copied paragraphs on the
// clipboard as HTML too: each paragraph (or list item) becomes one, a
// heading style (h1–h6, MsoHeading, MsoTitle, an outline level) a heading
// line. A numbered heading （一）… stays as typed (the report makes it a
// heading); one without a number is marked for the renderer. A list
// paragraph (Word's mso-list, its label in a span styled mso-list:Ignore,
// a bullet drawn from Wingdings or Symbol: Ø, §, l, a private-use
// character) is the list item it was: "- " for a bullet, "1. " for a
// number, a Chinese number kept as typed; the symbol-font character never
// arrives. `listItem` and `blockLine` are pure (tests/paste.test.js);
// `htmlText` parses with the browser's DOMParser when called.
var nbPaste = (function () {
  "use strict";
  var SYMBOL_FONT = /font-family:\s*["']?(Wingdings|Symbol|Webdings)/i;
  var CJK_GAP = /([\u2e80-\u9fff\uff00-\uffef\u3000-\u303f])\s+(?=[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f])/g;
  // A list paragraph's label, taken out of the element `b`; null when it
  // has none.
  function listLabel(b) {
    var label = null;
    var ignore = b.querySelector('[style*="mso-list:Ignore"],[style*="mso-list: Ignore"]');
    if (ignore) {
      label = ignore.textContent.replace(/[\s\u00a0]+/g, "");
      ignore.parentNode.removeChild(ignore);
      return label;
    }
    // WPS and older Word: the bullet as a symbol-font span opening the paragraph.
    var first = b.querySelector("span,font");
    if (first && SYMBOL_FONT.test((first.getAttribute("style") || "") + ";font-family:" + (first.getAttribute("face") || ""))
        && b.textContent.replace(/^[\s\u00a0]+/, "").indexOf(first.textContent.replace(/^[\s\u00a0]+/, "")) === 0) {
      label = first.textContent.replace(/[\s\u00a0]+/g, "");
      first.parentNode.removeChild(first);
    }
    return label;
  }
  function listItem(label, line) {
    if (/^\d+[.．、)）]?$/.test(label)) return label.replace(/[.．、)）]$/, "") + ". " + line;
    if (/^([（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、.．])$/.test(label)) return label + line;
    return "- " + line;
  }
  // One pasted block as a line of the text, or null when it is empty:
  // `tag` its element's name (P, LI, H1…), `style` its style and class,
  // `label` its list label (null when none), `text` its text.
  function blockLine(tag, style, label, text) {
    var line = text.replace(/\u00a0/g, " ").replace(/[\r\n]+/g, " ").replace(CJK_GAP, "$1").trim();
    if (!line) return null;
    // A private-use character left at the start (a bullet whose span lost its font).
    var pua = /^[\ue000-\uf8ff]+[\s\u00a0]*/.exec(line);
    if (pua) { line = line.slice(pua[0].length); if (label === null) label = ""; }
    if (label !== null || /mso-list:\s*l\d/i.test(style)) {
      return line ? listItem(label || "", line.replace(/[\ue000-\uf8ff]/g, "")) : null;
    }
    var heading = /^H[1-6]$/.test(tag) || /MsoHeading|MsoTitle|mso-outline-level|Heading/i.test(style);
    var numbered = /^([（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+[.．、])/.test(line);
    return heading && !numbered ? "### " + line : line;
  }
  // The clipboard's HTML as the text's paragraphs, or null.
  function htmlText(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var blocks = doc.body.querySelectorAll("h1,h2,h3,h4,h5,h6,p,li");
    if (!blocks.length) return null;
    var out = [];
    Array.prototype.forEach.call(blocks, function (b) {
      if (b.querySelector("p,li,h1,h2,h3,h4,h5,h6")) return;
      var label = listLabel(b);
      var style = (b.getAttribute("style") || "") + " " + (b.getAttribute("class") || "");
      var line = blockLine(b.tagName, style, label, b.textContent);
      if (line !== null) out.push(line);
    });
    return out.length ? out.join("\n\n") : null;
  }
  return { listItem: listItem, blockLine: blockLine, htmlText: htmlText };
})();
if (typeof module === "object" && module.exports) module.exports = nbPaste;
