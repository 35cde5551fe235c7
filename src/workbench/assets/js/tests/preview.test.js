// preview.js: the frame's document patched in place, on a small stand-in
// for the DOM (the nodes' children, attributes, text and equality).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const p = require("../preview.js");

const doc = { importNode: (n) => clone(n) };
function node(type, name, attrs, children, data) {
  const n = {
    nodeType: type, nodeName: name, data: data, ownerDocument: doc, parentNode: null,
    attributes: Object.entries(attrs || {}).map(([k, v]) => ({ name: k, value: v })),
    childNodes: [],
    getAttribute(k) { const a = this.attributes.find((x) => x.name === k); return a ? a.value : null; },
    isEqualNode(o) {
      return this.nodeType === o.nodeType && this.nodeName === o.nodeName && this.data === o.data &&
        this.attributes.length === o.attributes.length &&
        this.attributes.every((a) => o.getAttribute(a.name) === a.value) &&
        this.childNodes.length === o.childNodes.length &&
        this.childNodes.every((c, i) => c.isEqualNode(o.childNodes[i]));
    },
    removeChild(c) { this.childNodes.splice(this.childNodes.indexOf(c), 1); c.parentNode = null; },
    insertBefore(c, ref) {
      const at = ref ? this.childNodes.indexOf(ref) : this.childNodes.length;
      this.childNodes.splice(at, 0, c);
      c.parentNode = this;
    }
  };
  (children || []).forEach((c) => n.insertBefore(c, null));
  return n;
}
function h(tag, attrs, ...children) { return node(1, tag.toUpperCase(), attrs, children); }
function t(s) { return node(3, "#text", null, null, s); }
function clone(n) { return node(n.nodeType, n.nodeName, Object.fromEntries(n.attributes.map((a) => [a.name, a.value])), n.childNodes.map(clone), n.data); }
function html(n) {
  if (n.nodeType === 3) return n.data;
  const attrs = n.attributes.map((a) => " " + a.name + "=\"" + a.value + "\"").join("");
  return "<" + n.nodeName.toLowerCase() + attrs + ">" + n.childNodes.map(html).join("") + "</" + n.nodeName.toLowerCase() + ">";
}

function report(figure, draft) {
  return h("body", {},
    ...(draft ? [h("div", { "class": "draft" }, t("草稿"))] : []),
    h("main", {},
      h("h1", {}, t("年度报告")),
      h("p", {}, t("本年度收到申请 "), h("b", {}, t(figure)), t(" 件。")),
      h("table", {}, h("tr", {}, h("td", {}, t("1")), h("td", {}, t("2"))))));
}

test("a figure changed deep inside: only its text is rewritten", () => {
  const shown = report("12", false), main = shown.childNodes[0], para = main.childNodes[1], table = main.childNodes[2];
  const figure = para.childNodes[1].childNodes[0];
  p.patch(shown, report("13", false));
  assert.equal(html(shown), html(report("13", false)));
  // The same nodes, in place.
  assert.equal(shown.childNodes[0], main);
  assert.equal(main.childNodes[1], para);
  assert.equal(main.childNodes[2], table);
  assert.equal(para.childNodes[1].childNodes[0], figure);
});

test("the draft banner comes and goes; the report keeps its nodes", () => {
  const shown = report("12", false), main = shown.childNodes[0];
  p.patch(shown, report("12", true));
  assert.equal(html(shown), html(report("12", true)));
  assert.equal(shown.childNodes[1], main);
  p.patch(shown, report("12", false));
  assert.equal(html(shown), html(report("12", false)));
  assert.equal(shown.childNodes[0], main);
});

test("an element whose attributes changed is replaced, its neighbours kept", () => {
  const shown = h("body", {}, h("p", { id: "a" }, t("甲")), h("p", { id: "b" }, t("乙")), h("p", { id: "c" }, t("丙")));
  const [a, b, c] = shown.childNodes;
  p.patch(shown, h("body", {}, h("p", { id: "a" }, t("甲")), h("p", { id: "x" }, t("乙")), h("p", { id: "c" }, t("丙"))));
  assert.equal(html(shown), '<body><p id="a">甲</p><p id="x">乙</p><p id="c">丙</p></body>');
  assert.equal(shown.childNodes[0], a);
  assert.notEqual(shown.childNodes[1], b);
  assert.equal(shown.childNodes[2], c);
});

test("children added and removed in the middle", () => {
  const shown = h("ul", {}, h("li", {}, t("1")), h("li", {}, t("4")));
  p.patch(shown, h("ul", {}, h("li", {}, t("1")), h("li", { "class": "new" }, t("2")), h("li", { "class": "new" }, t("3")), h("li", {}, t("4"))));
  assert.equal(html(shown), '<ul><li>1</li><li class="new">2</li><li class="new">3</li><li>4</li></ul>');
  p.patch(shown, h("ul", {}));
  assert.equal(html(shown), "<ul></ul>");
});

test("the first rendering is marked as the page's own", () => {
  assert.equal(p.marked("<html><body class=\"r\"><p>x</p></body></html>"), "<html><body data-nb=\"1\" class=\"r\"><p>x</p></body></html>");
});
