// The report page: its state from the server (values, findings, notes,
// remarks, what is carried, the preview), the saves of what is typed,
// and what the page does when its server or session is gone. Every
// change is sent to the server, which saves it into the data file, runs
// the same checks as `nianbao check` and renders the report. The parts
// are their own modules: banner.js, tables.js, findings.js, boxes.js, carried.js,
// remarks.js, preview.js, signoff.js.
var nbReport = (function () {
  "use strict";
  // `boot`: the page's JSON; `api`: client.js's; `restarts`, `relogin`:
  // the page's (restarts.js, relogin.js).
  function report(boot, api, restarts, relogin) {
    var server = !!boot.server;
    var file = boot.file;
    var inputs = {};
    document.querySelectorAll("[data-path]").forEach(function (e) { inputs[e.getAttribute("data-path")] = e; });
    var sums = {};
    boot.sums.forEach(function (s) { sums[s[0]] = s[1]; });
    var version = null, figures = [], shownHtml = null;
    // The values of the text the page's version names (what a save is
    // made on), and whether the report ever took changes on this page.
    var known = null, wasEditable = false, conflicts = 0;
    var edits = nbSaves.queue(), inFlight = false, typedAt = [];
    window.nbTimings = [];
    window.nbSteps = [];
    var status = document.getElementById("status");
    var banner = nbBanner.banner(document.getElementById("banner"));
    var showBanner = banner.show, hideBanner = banner.hide, setReadOnly = banner.setReadOnly, readOnly = banner.readOnly;
    var tables = nbTables.tables(inputs, sums);
    var findings = nbFindings.findings(tables, applyFix);
    var preview = nbPreview.preview(document.getElementById("report"));
    var carried = nbCarried.carried({
      inputs: inputs,
      readOnly: readOnly,
      confirm: function (edit) { edits.confirm(edit); flush(); },
      paint: function (area) { boxes.paint(area); }
    });
    var boxes = nbBoxes.boxes({
      inputs: inputs,
      api: api,
      figures: function () { return figures; },
      readOnly: readOnly,
      changed: changed,
      rangesIn: carried.rangesIn
    });
    var remarks = nbRemarks.remarks({ inputs: inputs, tables: tables, api: api, file: file, reload: reload });
    var held = nbHeld.held({
      inputs: inputs,
      shown: shownValue,
      use: function (p, value) {
        var e = inputs[p];
        if (readOnly()) return;
        e.value = shownValue(p, value);
        changed(e);
      }
    });
    var where = server ? "报告" : "数据文件";
    window.nbHeadingForm = nbText.headingForm;
    window.nbArabicNumerals = nbFormat.arabicNumerals;

    function offline(restarted) {
      if (server) { if (restarted) needLogin(); else unreachable(); return; }
      edits.clear();
      restarts.goStale();
      setReadOnly("offline");
      status.textContent = "未保存";
      showBanner("offline", restarted
        ? "工作台已重新启动，这个页面已过期，修改未保存：请使用新打开的工作台页面（或重新双击 nianbao）；找到新页面时这里会自动转过去"
        : "工作台已关闭，修改未保存：请重新双击 nianbao。新的工作台页面打开后，这个页面会自动转过去（也可以直接关掉它）");
      restarts.askForLive();
    }
    function unreadable(state) {
      setReadOnly("unreadable");
      showBanner("unreadable", nbFormat.unreadableText(state.findings || []));
    }

    // Whether `path` is a field's (not a confirmation's, 沿用上年).
    function isValue(path) { return path in inputs; }
    // A stored value as its field shows it.
    function shownValue(path, value) {
      return inputs[path] && inputs[path].tagName === "TEXTAREA" ? boxes.toShown(value) : value;
    }

    function setValues(values) {
      for (var p in inputs) {
        var e = inputs[p];
        // A field typed into before the page's first state came (or while
        // a conflict reloads) keeps what was typed: it is saved next.
        if (e.classList.contains("insert") || edits.has(p)) continue;
        var v = values && values[p] !== undefined ? values[p] : "";
        if (e.tagName === "TEXTAREA") {
          v = boxes.toShown(v);
          if (e.value !== v) { e.value = v; boxes.paint(e); }
        } else if (e.value !== v) e.value = v;
      }
      tables.updateTotals();
    }

    // Findings, notes, remarks, menus and report are redrawn only when they
    // changed.
    var shownFindings = null, shownNotes = null, shownRemarks = null, shownCarried = null, shownCarriedFigures = null;
    function apply(state, full) {
      version = state.version;
      figures = state.figures || [];
      if (!state.values) { unreadable(state); return; }
      known = state.values;
      if (readOnly() === "unreadable") { setReadOnly(null); hideBanner(); }
      editableNow(state);
      if (full) setValues(state.values);
      else { tables.updateTotals(); boxes.refreshBound(); }
      var findingsKey = JSON.stringify([state.findings, state.errors, state.warnings, state.empty]);
      if (full || findingsKey !== shownFindings) { shownFindings = findingsKey; findings.show(state.findings || [], state); }
      var notesKey = JSON.stringify(state.notes || []);
      if (full || notesKey !== shownNotes) { shownNotes = notesKey; remarks.showNotes(state.notes || []); }
      var carriedKey = JSON.stringify(state.carried || []);
      if (full || carriedKey !== shownCarried) { shownCarried = carriedKey; carried.showParagraphs(state.carried || []); shownCarriedFigures = null; }
      var figuresKey = JSON.stringify(state.carried_figures || []);
      if (full || figuresKey !== shownCarriedFigures) { shownCarriedFigures = figuresKey; carried.showFigures(state.carried_figures || []); }
      var basis = document.querySelector('.field-msg[data-for="机关类型"]');
      if (basis && basis.textContent !== (state.judged || "")) basis.textContent = state.judged || "";
      var remarksKey = JSON.stringify([state.remarks || [], !!state.remarking]);
      if (full || remarksKey !== shownRemarks) { shownRemarks = remarksKey; remarks.showRemarks(state.remarks || [], !!state.remarking); }
      boxes.updateMenus();
      if ("html" in state && state.html !== shownHtml) { shownHtml = state.html; preview.show(state.html); }
    }

    // Called once the keystrokes in `covered` are drawn: the time from each
    // to the end of the next frame (after its paint) goes to nbTimings.
    function frameDone(covered, step) {
      requestAnimationFrame(function () {
        var channel = new MessageChannel();
        channel.port1.onmessage = function () {
          var now = performance.now();
          covered.forEach(function (t) { window.nbTimings.push(now - t); });
          if (step) { step.painted = now - step.sent; window.nbSteps.push(step); }
          window.nbRendered = (window.nbRendered || 0) + 1;
        };
        channel.port2.postMessage(0);
      });
    }

    // On the server the report takes changes while the state says
    // `editable` (the office's page never does, and is never locked: its
    // fields stay focusable for remarks): a report submitted or approved
    // elsewhere, or of a round closed, locks the page, also on a reload;
    // one sent back takes changes again.
    function editableNow(state) {
      if (!server || boot.office || typeof state.editable !== "boolean") return;
      if (state.editable) {
        wasEditable = true;
        if (readOnly() === "readonly") { setReadOnly(null); hideBanner(); }
      } else if (!readOnly()) {
        setReadOnly("readonly");
        if (wasEditable) showBanner("readonly", "只读：这份报告现在不能修改（" + state.label + "）");
      }
    }
    // A save refused for good because the report takes no changes now:
    // saving stops, the page is locked with the server's words, and what
    // was typed stays in view under its fields (not saved, not dropped).
    function stopped(r, sent) {
      var mine = {}, all = sent.concat(edits.take());
      all.forEach(function (e) { if (isValue(e.path)) mine[e.path] = e.value; });
      if (keep) keep.done(all);
      setReadOnly("readonly");
      Object.keys(mine).forEach(function (p) { held.show(p, mine[p], "readonly"); });
      status.textContent = "未保存";
      showBanner("readonly", (r.error || "这份报告现在不能修改") +
        (Object.keys(mine).length ? "。您输入的内容没有保存，保留在标出的位置下方，可复制留存" : ""));
      reload();
    }
    // A save refused because the text moved on: the latest text loaded,
    // then each value typed here settled against it (saves.js's
    // `settle`): saved again when its field changed here only; when it
    // changed elsewhere too, the latest text stays in the field and the
    // clerk's own is held under it to be checked, never saved over the
    // other's.
    function conflicted(sent) {
      var before = known;
      edits.requeue(sent, isValue);
      if (++conflicts > 3) {
        status.textContent = "未保存";
        showBanner("error", "保存时多次与别处的修改冲突，已停止自动保存：请刷新页面后核对");
        return;
      }
      status.textContent = where + "已在别处修改，正在载入最新内容…";
      reload().then(function () {
        if (known === before) return;
        var settled = nbSaves.settle(edits.values(), before, known);
        edits.clear();
        Object.keys(settled.again).forEach(function (p) { edits.put(p, settled.again[p]); });
        settled.clashes.forEach(function (c) {
          if (keep) keep.done([{ path: c.path, value: c.mine }]);
          var e = inputs[c.path];
          e.value = shownValue(c.path, c.theirs);
          if (e.tagName === "TEXTAREA") boxes.paint(e);
          held.show(c.path, c.mine, "conflict");
        });
        tables.updateTotals();
        status.textContent = settled.clashes.length
          ? where + "已在别处修改：已载入最新内容，" + settled.clashes.length + " 处您输入的内容未保存，保留在标出的位置下方，请核对"
          : where + "已在别处修改，已载入最新内容，正在保存您的修改…";
        flush();
      });
    }

    // On the server: typing kept (`keep`) while the session or the server
    // is lost; a failed save's edits go back to the queue (unless typed
    // over) and are sent again once logged in or reachable.
    var keep = server ? nbKeeper.keeper(nbKeeper.keyOf(location.host, file), nbKeeper.browserStores()) : null, retry = null;
    function retryIn(ms) {
      if (retry) return;
      retry = setTimeout(function () { retry = null; flush(); }, ms);
    }
    function needLogin() {
      status.textContent = "未保存（已暂存，登录后保存）";
      showBanner("login", "登录已失效：没有保存的修改暂存在本页面和浏览器中（刷新页面也不会丢失），重新登录后自动保存。");
      relogin.ask(function () {
        hideBanner();
        // Whatever is kept is saved; with nothing to save, the latest text.
        if (edits.waiting()) flush(); else reload();
      });
    }
    function unreachable() {
      status.textContent = "未保存（已暂存）";
      showBanner("unreachable", "暂时连不上服务器（可能正在重新启动或网络中断）：没有保存的修改暂存在本页面和浏览器中（刷新页面也不会丢失），连上后自动保存。");
      retryIn(3000);
    }
    // The values kept from before (a reload, a restart) put back on the
    // page over the stored ones, and saved.
    function restoreKept() {
      var kept = keep.values(), any = false;
      if (readOnly() === "readonly") {
        // Kept from before, for a report that takes no changes now.
        Object.keys(kept).forEach(function (p) { if (isValue(p)) held.show(p, kept[p], "readonly"); });
        keep.done(Object.keys(kept).map(function (p) { return { path: p, value: kept[p] }; }));
        return;
      }
      for (var p in kept) {
        var e = inputs[p];
        if (!e || e.readOnly || e.disabled) continue;
        if (!edits.has(p)) edits.put(p, kept[p]);
        var shown = e.tagName === "TEXTAREA" ? boxes.toShown(edits.value(p)) : edits.value(p);
        if (e.value !== shown) { e.value = shown; if (e.tagName === "TEXTAREA") boxes.paint(e); }
        any = true;
      }
      if (!any) return;
      tables.updateTotals();
      status.textContent = "正在保存上次没有保存的修改…";
      flush();
    }
    function failed(r, kind, sent) {
      if (kind === "login") { edits.requeue(sent, isValue); needLogin(); return; }
      if (kind === "refused") {
        keep.done(sent);
        status.textContent = "未保存";
        showBanner("error", r.error || "保存失败");
        return;
      }
      // 500 (the server could not write: a full disk, say), 503 (busy):
      // kept, tried again.
      edits.requeue(sent, isValue);
      status.textContent = "未保存（已暂存）";
      showBanner("error", (r.error || "保存失败") + "。修改暂存在本页面和浏览器中，稍后自动重试。");
      retryIn(5000);
    }

    // The server's preview of the saved text, asked for once the typing has
    // paused for a second and nothing is being saved or waiting to be:
    // shown only if no save came in between.
    var previewTimer = null;
    function previewSoon() {
      clearTimeout(previewTimer);
      previewTimer = setTimeout(function () {
        if (inFlight || edits.waiting()) return;
        var asked = version;
        api("GET", "/api/state?f=" + encodeURIComponent(file)).then(function (r) {
          if (r.status !== 200 || r.version !== asked || asked !== version || inFlight) return;
          if (r.html && r.html !== shownHtml) { shownHtml = r.html; preview.show(r.html); }
        }, function () {});
      }, 1000);
    }

    function flush() {
      if (inFlight || version === null || retry || relogin.open() || readOnly() === "readonly") return;
      var sent = edits.take();
      if (!sent.length) return;
      inFlight = true;
      var covered = typedAt;
      typedAt = [];
      status.textContent = "正在保存…";
      var step = { sent: performance.now() };
      // On the server the preview comes when typing pauses (previewSoon):
      // rendering it is a third of a save's work, and a county's editors
      // share the server's cores.
      api("POST", "/api/save", { file: file, version: version, edits: sent, preview: !server }, false, step).then(function (r) {
        inFlight = false;
        if (r.status === 200) {
          conflicts = 0;
          if (keep) keep.done(sent);
          status.textContent = held.count() ? "已保存；" + held.count() + " 处您输入的内容未保存，保留在标出的位置下方，请核对" : "已保存";
          hideBanner();
          step.received = performance.now() - step.sent;
          apply(r, false);
          step.applied = performance.now() - step.sent;
          // Keystrokes typed meanwhile go out at once; this one's value
          // is on screen now.
          frameDone(covered, step);
          flush();
          if (server) previewSoon();
          return;
        }
        var kind = nbSaves.failure(r.status, r.reason);
        if (kind === "conflict") conflicted(sent);
        else if (kind === "readonly") stopped(r, sent);
        else if (keep) failed(r, kind, sent);
        else if (r.status === 403) offline(true);
        else {
          status.textContent = "未保存";
          showBanner("error", r.error || "保存失败");
        }
      }, function () {
        inFlight = false;
        if (keep) { edits.requeue(sent, isValue); unreachable(); return; }
        offline(false);
      });
    }

    function changed(e) {
      if (readOnly() || e.readOnly) return;
      var p = e.getAttribute("data-path");
      if (e.tagName === "TEXTAREA") { edits.put(p, boxes.toStored(e.value)); boxes.paint(e); }
      else edits.put(p, e.value);
      if (keep) keep.put(p, edits.value(p));
      typedAt.push(performance.now());
      tables.updateTotals();
      flush();
    }

    // A finding's one-click fix (text.js's `fixed`), saved like typing.
    function applyFix(fix) {
      var area = inputs[fix.path];
      if (!area || readOnly()) return;
      var next = nbText.fixed(boxes.toStored(area.value), fix);
      if (next === null) return;
      area.value = boxes.toShown(next);
      changed(area);
    }

    function reload() {
      return api("GET", "/api/state?f=" + encodeURIComponent(file)).then(function (r) {
        if (r.status === 403 || (server && r.status === 401)) { offline(true); return; }
        if (r.status !== 200) {
          showBanner("error", r.error || "无法读取数据文件");
          return;
        }
        apply(r, true);
      }, function () { offline(false); });
    }

    boxes.setUp();
    Object.keys(inputs).forEach(function (p) {
      var e = inputs[p];
      if (e.getAttribute("data-kind") === "date") {
        e.addEventListener("change", function () { dateChanged(e); });
        return;
      }
      e.addEventListener("input", function () { changed(e); });
      if (e.tagName === "TEXTAREA") e.addEventListener("paste", boxes.paste);
    });

    // 成文日期 (format.js's parseDate): saved when it is a real date with a
    // year a report can bear, shown back in Chinese; otherwise said at the
    // field and not saved.
    function dateChanged(e) {
      var msg = document.querySelector('.field-msg[data-for="' + e.getAttribute("data-path") + '"]');
      var value = e.value.trim();
      if (value === "") { if (msg) msg.textContent = ""; changed(e); return; }
      var d = nbFormat.parseDate(value);
      if (!d) {
        e.setAttribute("data-mark", "error");
        if (msg) { msg.textContent = "“" + value + "”不是日期：请写成 " + e.placeholder.replace(/^如：/, "") + " 这样的日期，未保存"; msg.removeAttribute("data-from"); }
        return;
      }
      if (msg) msg.textContent = "";
      e.value = nbFormat.shownDate(d);
      changed(e);
    }
    document.querySelectorAll("[data-action]").forEach(function (b) {
      b.addEventListener("click", function () {
        var built = document.getElementById("built");
        built.textContent = "正在生成…";
        var wait = function () { if (inFlight || edits.waiting()) { setTimeout(wait, 50); return; } go(); };
        var go = function () {
          api("POST", "/api/build", { file: file, format: b.getAttribute("data-action") }).then(function (r) {
            built.textContent = r.written ? "已生成：" + r.written + (r.glyphs ? "。" + r.glyphs : r.draft ? "（有错误，标为草稿）" : "") : (r.error || "生成失败");
            built.className = r.written ? "built" : "built bad";
            if (r.written) built.setAttribute("data-written", r.written);
            // The collection server builds the document for download.
            if (r.download) location.href = r.download;
          });
        };
        wait();
      });
    });

    nbSignoff.signoff(boot, api, function (state) { apply(state, true); });

    // A change on disk (another tab, a text editor) reloads the page's
    // values, unless an edit is on its way.
    setInterval(function () {
      if (readOnly() === "offline") { restarts.askForLive(); return; }
      if (inFlight || edits.waiting() || version === null) return;
      if (server && (retry || relogin.open())) return;
      api("GET", "/api/version?f=" + encodeURIComponent(file)).then(function (r) {
        if (r.status === 403 || (server && r.status === 401)) { offline(true); return; }
        if (server && r.status === 200 && banner.kind() === "unreachable") hideBanner();
        if (r.version && r.version !== version && !inFlight && !edits.waiting()) {
          reload().then(function () {
            status.textContent = where + "已在别处修改，已重新载入";
          });
        }
      }, function () { offline(false); });
    }, 1000);

    // Typing that came before the first state is saved once it is here.
    reload().then(function () { if (keep) restoreKept(); flush(); });
  }
  return { report: report };
})();
if (typeof module === "object" && module.exports) module.exports = nbReport;
