// Typing the server did not take, kept in view under its field rather than
// saved over someone else's text or silently dropped: after a conflict on
// the same field (the latest text is in the field, the clerk's own below
// it, with 改用我的内容), or when the report stopped taking changes
// (submitted, approved, its round closed: the typing shown, not saved).
// `message` is pure (tests/held.test.js); `held` reads the DOM only when
// called.
var nbHeld = (function () {
  "use strict";
  // What the note over the clerk's own text says: `kind` "conflict" or
  // "readonly", `label` the field's name as the page shows it ("" for a
  // text box, which the note sits right under).
  function message(kind, label) {
    var where = label ? "“" + label + "”" : "此处";
    if (kind === "conflict") return where + "已被别处修改：已载入最新内容，您输入的内容保留在下方，请核对后再保存";
    return where + "您输入的内容没有保存（报告现在不能修改），保留在下方，可复制留存";
  }
  // `opts`: `inputs` (the fields by path), `shown(path, value)` (a stored
  // value as its field shows it), `use(path, value)` (puts the clerk's
  // value back in its field and saves it).
  function held(opts) {
    var notes = {};
    // The field's name for a note placed away from it (a cell under its
    // table, a field after its label); a text box's note is right under it.
    function labelOf(e) {
      if (e.tagName === "TEXTAREA") return "";
      var label = e.closest("label");
      if (label && label.firstChild && label.firstChild.nodeType === 3) return label.firstChild.textContent.trim();
      return e.getAttribute("aria-label") || e.getAttribute("data-path");
    }
    function place(e) { return e.closest(".box") || e.closest(".scroll") || e.closest("label") || e; }
    function clear(path) {
      var note = notes[path];
      if (!note) return;
      note.remove();
      delete notes[path];
      var e = opts.inputs[path];
      if (e) e.removeAttribute("data-unsaved");
    }
    function button(text, action) {
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = text;
      b.addEventListener("click", action);
      return b;
    }
    // Shows `mine`, the clerk's value of `path`, under its field.
    function show(path, mine, kind) {
      clear(path);
      var e = opts.inputs[path];
      if (!e) return;
      var note = document.createElement("div");
      note.className = "held";
      note.setAttribute("data-held", path);
      note.setAttribute("data-kind", kind);
      note.setAttribute("role", "status");
      var said = document.createElement("p");
      said.textContent = message(kind, labelOf(e));
      var text = document.createElement("div");
      text.className = "mine";
      text.textContent = opts.shown(path, mine);
      note.appendChild(said);
      note.appendChild(text);
      if (kind === "conflict") note.appendChild(button("改用我的内容", function () { clear(path); opts.use(path, mine); }));
      note.appendChild(button(kind === "conflict" ? "保留已载入的内容" : "知道了", function () { clear(path); }));
      e.setAttribute("data-unsaved", "");
      place(e).insertAdjacentElement("afterend", note);
      notes[path] = note;
    }
    return {
      show: show,
      clear: clear,
      has: function (path) { return path in notes; },
      // How many notes are shown.
      count: function () { return Object.keys(notes).length; }
    };
  }
  return { message: message, held: held };
})();
if (typeof module === "object" && module.exports) module.exports = nbHeld;
