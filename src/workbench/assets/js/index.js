// The index page: the folder's reports (data files, workbooks), a new
// report, next year's from last year's (a data file, a published report
// imported), a workbook's findings at their cells.
var nbIndex = (function () {
  "use strict";
  // The row of an empty folder: what to do, naming last year's published
  // report when one lies there.
  function emptyText(published) {
    return published.length
      ? "这个文件夹里还没有年报数据文件。找到了上年的报告 " + published[0] + (published.length > 1 ? " 等 " + published.length + " 份" : "") + "：在下面“从上年生成”中选它，点“生成本年报告”。"
      : "这个文件夹里还没有年报数据文件：请在下面新建，或从上年生成。";
  }
  // The address importing last year's report `name` posts to (`where`:
  // "&in=folder" when it lies in the folder, "" when sent by the page).
  function importAddress(name, where, workbook, blank) {
    return "/api/import?name=" + encodeURIComponent(name) + where + (workbook ? "&workbook=1" : "") + (blank ? "&blank=1" : "");
  }
  function index(boot, api) {
    var el = nbDom.el;
    var msg = document.getElementById("message");
    function say(text, bad) { msg.textContent = text; msg.className = bad ? "message bad" : "message"; }
    function open(file) { location.href = "/report?f=" + encodeURIComponent(file) + "&t=" + encodeURIComponent(boot.token); }
    function load() {
      api("GET", "/api/list").then(function (data) {
        var body = document.querySelector("#reports tbody");
        var select = document.querySelector("#next-form select");
        body.textContent = "";
        // A reload lists the folder again: the choices start afresh.
        while (select.children.length > 1) select.removeChild(select.lastChild);
        (data.reports || []).forEach(function (r) {
          var tr = el("tr");
          tr.appendChild(el("td", {}, r.file));
          tr.appendChild(el("td", {}, r.problem ? "（" + r.problem + "）" : r.agency));
          tr.appendChild(el("td", {}, r.year ? String(r.year) : ""));
          tr.appendChild(el("td", { "class": r.errors ? "bad" : "good" }, r.problem ? "" : String(r.errors)));
          tr.appendChild(el("td", {}, r.problem ? "" : String(r.empty)));
          var td = el("td");
          if (r.workbook) {
            // A workbook is filled in Excel/WPS; one click makes it a data
            // file the workbench edits (the workbook stays as it is).
            td.appendChild(el("span", { "class": "kind", title: "Excel/WPS 工作簿：在 Excel 或 WPS 中填写，填好放回本文件夹后，在这里点“检查”“生成 PDF”“生成 Word”。也可以点“转为数据文件”，改在工作台中填写（原工作簿之后不再随之更新）。" }, "Excel 工作簿"));
            var c = el("button", { "data-convert": r.file }, "转为数据文件");
            c.onclick = function () {
              api("POST", "/api/convert", { file: r.file }).then(function (x) {
                if (x.file) open(x.file); else say(x.error, true);
              });
            };
            td.appendChild(c);
            // A filled workbook is checked and built here, no terminal needed.
            var k = el("button", { "data-workbook-check": r.file }, "检查");
            k.onclick = function () { checkWorkbook(r.file); };
            td.appendChild(k);
            ["pdf", "docx"].forEach(function (format) {
              var g = el("button", { "data-workbook-build": format, "data-file": r.file }, format === "pdf" ? "生成 PDF" : "生成 Word");
              g.onclick = function () {
                say("正在生成…");
                api("POST", "/api/build", { file: r.file, format: format }).then(function (x) {
                  if (x.written) say("已生成：" + x.written + (x.draft ? "（工作簿中还有错误，标为草稿：点“检查”查看）" : ""));
                  else say(x.error || "生成失败", true);
                });
              };
              td.appendChild(g);
            });
          } else if (!r.problem) {
            var b = el("button", { "class": "primary" }, "打开");
            b.onclick = function () { open(r.file); };
            td.appendChild(b);
          }
          if (!r.problem) {
            var o = el("option", { value: r.file }, r.file + "（" + r.agency + " " + r.year + " 年度）");
            select.appendChild(o);
          }
          tr.appendChild(td);
          body.appendChild(tr);
        });
        // Last year's published report saved in the folder is offered
        // too: imported from there, nothing to look for again.
        if ((data.published || []).length) {
          var group = el("optgroup", { label: "本文件夹中的上年报告（导入）" });
          data.published.forEach(function (name) {
            group.appendChild(el("option", { value: "published:" + name }, name));
          });
          select.appendChild(group);
        }
        if (!(data.reports || []).length) {
          var tr = el("tr");
          tr.appendChild(el("td", { colspan: 6 }, emptyText(data.published || [])));
          body.appendChild(tr);
        }
      });
    }
    // A workbook's findings, each at its cell (表三!J6), Chinese first.
    function checkWorkbook(file) {
      api("GET", "/api/workbook?f=" + encodeURIComponent(file)).then(function (x) {
        var card = document.getElementById("workbook-check"), list = document.getElementById("workbook-findings");
        if (x.status !== 200) { say(x.error || "无法检查", true); return; }
        card.hidden = false;
        document.getElementById("workbook-title").textContent = file + "：" + x.errors + " 个错误，" + x.warnings + " 个警告";
        list.textContent = "";
        x.findings.forEach(function (f) {
          var li = el("li", { "data-code": f.code, "class": f.severity });
          li.appendChild(el("span", { "class": "rule" }, f.rule));
          li.appendChild(el("span", { "class": "msg" }, (f.cell ? "【" + f.cell + "】" : "") + f.message));
          if (f.help) li.appendChild(el("span", { "class": "help" }, "建议：" + f.help));
          list.appendChild(li);
        });
        if (!x.findings.length) list.appendChild(el("li", { "class": "ok" }, "没有发现问题，可以生成报告。"));
        card.scrollIntoView({ block: "start" });
      });
    }
    document.getElementById("new-form").onsubmit = function (ev) {
      ev.preventDefault();
      var f = ev.target;
      api("POST", "/api/new", { agency: f.agency.value, year: Number(f.year.value) }).then(function (r) {
        if (r.file) open(r.file); else say(r.error, true);
      });
    };
    document.getElementById("next-form").onsubmit = function (ev) {
      ev.preventDefault();
      var f = ev.target;
      var upload = f.upload.files[0];
      var workbook = f.workbook.checked, blank = f.blank.checked;
      // A workbook is filled in Excel/WPS: it is listed, not opened here.
      var done = function (r) {
        if (!r.file) { say(r.error, true); return; }
        if (r.workbook) { say("已生成工作簿 " + r.file + "：在 Excel 或 WPS 中填写，填好放回本文件夹后点“检查”。"); load(); }
        else open(r.file);
      };
      // Last year's published report: sent by the page (an upload), or
      // named when it lies in the folder.
      function importing(name, read, where) {
        say("正在导入 " + name + "…");
        var target = importAddress(name, where, workbook, blank);
        read.then(function (buf) {
          return api("POST", target, buf, true).then(function (r) {
            // Tracked changes or comments still in the Word document: named,
            // and read as accepted only when the clerk says so.
            if (!r.unaccepted) return r;
            say(r.error, true);
            if (!window.confirm(r.error + "\n\n按接受全部修订后的文字导入？")) return { error: r.error };
            say("正在按接受修订后的文字导入 " + name + "…");
            return api("POST", target + "&accept=1", buf, true);
          });
        }).then(done);
      }
      if (upload) {
        importing(upload.name, upload.arrayBuffer(), "");
      } else if (f.from.value.indexOf("published:") === 0) {
        importing(f.from.value.slice("published:".length), Promise.resolve(new ArrayBuffer(0)), "&in=folder");
      } else if (f.from.value) {
        api("POST", "/api/next", { from: f.from.value, workbook: workbook, blank_text: blank }).then(done);
      } else {
        say("请选择上年的数据文件，或选择要导入的上年报告", true);
      }
    };
    load();
  }
  return { emptyText: emptyText, importAddress: importAddress, index: index };
})();
if (typeof module === "object" && module.exports) module.exports = nbIndex;
