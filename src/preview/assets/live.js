
(function () {
  'use strict';
  var current = null;
  function readState() {
    var el = document.getElementById('nianbao-state');
    if (!el) return null;
    try { return JSON.parse(el.textContent); } catch (e) { return null; }
  }
  function mark(state) {
    var old = document.querySelectorAll('[data-nianbao-mark]');
    for (var i = 0; i < old.length; i++) old[i].removeAttribute('data-nianbao-mark');
    if (!state) return;
    var marks = {};
    state.problems.forEach(function (p) {
      p.cells.forEach(function (c) {
        if (p.severity === 'error' || !marks[c]) marks[c] = { severity: p.severity, message: p.message };
      });
    });
    var cells = document.querySelectorAll('[data-path]');
    for (var j = 0; j < cells.length; j++) {
      var m = marks[cells[j].getAttribute('data-path')];
      if (m) {
        cells[j].setAttribute('data-nianbao-mark', m.severity);
        cells[j].setAttribute('title', m.message);
      }
    }
  }
  function wire(state) {
    var overlay = document.getElementById('nianbao-overlay');
    if (!overlay) return;
    if (sessionStorage.getItem('nianbao-collapsed') === '1') overlay.classList.add('nb-collapsed');
    var toggle = document.getElementById('nianbao-toggle');
    function label() { toggle.textContent = overlay.classList.contains('nb-collapsed') ? '展开' : '收起'; }
    label();
    toggle.addEventListener('click', function () {
      overlay.classList.toggle('nb-collapsed');
      sessionStorage.setItem('nianbao-collapsed', overlay.classList.contains('nb-collapsed') ? '1' : '0');
      label();
    });
    var items = overlay.querySelectorAll('li[data-index]');
    for (var i = 0; i < items.length; i++) {
      items[i].addEventListener('click', function () {
        var p = state && state.problems[+this.getAttribute('data-index')];
        if (!p || !p.cells.length) return;
        var cell = document.querySelector('[data-path="' + CSS.escape(p.cells[0]) + '"]');
        if (!cell) return;
        cell.scrollIntoView({ block: 'center' });
        cell.classList.remove('nb-flash');
        void cell.offsetWidth;
        cell.classList.add('nb-flash');
      });
    }
  }
  function settle() {
    var state = readState();
    current = state ? String(state.generation) : null;
    var root = document.documentElement.classList;
    root.toggle('nb-stale', !!(state && state.stale));
    root.toggle('nb-with-overlay', !!document.getElementById('nianbao-overlay'));
    mark(state);
    wire(state);
  }
  function swap(html) {
    var doc = new DOMParser().parseFromString(html, 'text/html');
    var x = window.scrollX, y = window.scrollY;
    var keep = function (n) { return n.nodeType === 1 && n.hasAttribute('data-nianbao-preview'); };
    Array.prototype.slice.call(document.head.childNodes).forEach(function (n) { if (!keep(n)) n.remove(); });
    Array.prototype.slice.call(doc.head.childNodes).forEach(function (n) { if (!keep(n)) document.head.appendChild(document.adoptNode(n)); });
    var body = Array.prototype.slice.call(doc.body.childNodes).map(function (n) { return document.adoptNode(n); });
    document.body.replaceChildren.apply(document.body, body);
    document.title = doc.title;
    settle();
    window.scrollTo(x, y);
  }
  var busy = false, again = false;
  function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    fetch('/' + location.search, { cache: 'no-store' })
      .then(function (r) { return r.text(); })
      .then(swap)
      .catch(function () {})
      .then(function () { busy = false; if (again) { again = false; refresh(); } });
  }
  function listen() {
    var events = new EventSource('/events' + location.search);
    events.onmessage = function (e) { if (e.data !== current) refresh(); };
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', function () { settle(); listen(); });
  } else { settle(); listen(); }
})();
