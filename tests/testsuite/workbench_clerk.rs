//! A new clerk's slips in the workbench (issue 40), in real headless
//! Chromium: section 一 pasted from Word as HTML (headings as plain
//! paragraphs and as heading styles), 成文日期 as clerks write it, a pasted
//! part heading and fee sentence fixed with one click, findings in Chinese
//! first, and a page that stops taking edits when its data file breaks or
//! its server is gone. The outputs are then read as the reviewer reads
//! them: the PDF through pdftotext, the Word file's paragraphs and styles.

use nianbao::slice::Slice;

use crate::common::{self, TempDir};
use crate::preview::Browser;
use crate::workbench::{Bench, start, start_at, type_into, wait_saved};

use std::path::Path;

/// Section 一 as Word puts it on the clipboard: a pasted part heading, a
/// heading in a heading style, one typed as a plain paragraph, an
/// unnumbered heading by its outline level, and body paragraphs that Word
/// wrapped in its HTML source.
const WORD_HTML: &str = "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:w=\"urn:schemas-microsoft-com:office:word\"><body lang=ZH-CN><!--StartFragment-->\
<p class=MsoNormal>一、总体情况</p>\
<h3 style='mso-outline-level:3'><span style='font-family:楷体'>（一）主动公开</span></h3>\
<p class=MsoNormal style='text-indent:32.0pt'><span>2025年，我大队坚持以公开为常态，\r\n全年主动公开政府信息<span lang=EN-US>320</span>条。</span></p>\
<p class=MsoNormal>（二）依申请公开</p>\
<p class=MsoNormal style='text-indent:32.0pt'>全年收到政府信息公开申请6件，均按时答复。</p>\
<p class=MsoNormal style='mso-outline-level:2'>工作亮点</p>\
<p class=MsoNormal>开通了政策答问栏目。</p>\
<!--EndFragment--></body></html>";

/// The same as plain text, as Word also puts it on the clipboard.
const WORD_TEXT: &str = "一、总体情况\r\n（一）主动公开\r\n2025年，我大队坚持以公开为常态，全年主动公开政府信息320条。\r\n（二）依申请公开\r\n全年收到政府信息公开申请6件，均按时答复。\r\n工作亮点\r\n开通了政策答问栏目。\r\n";

/// A new report made on the workbench's index as a clerk makes it
/// (某县交通运输局, 2025), its page open in the browser; `None` where no
/// browser is installed.
fn new_report(name: &str) -> Option<(TempDir, Bench, Browser)> {
    if !crate::preview::browser_available() {
        return None;
    }
    let dir = TempDir::new(name);
    let bench = start(&dir.0);
    let browser = Browser::start();
    browser.goto(&bench.url);
    browser.wait_for(
        "the index",
        "return document.querySelector('#new-form') !== null;",
    );
    browser.eval("var f = document.getElementById('new-form'); f.agency.value = '某县交通运输局'; f.year.value = '2025'; f.requestSubmit(); return 1;");
    browser.wait_for(
        "the report page",
        "var e = document.querySelector('[data-path=\"机关\"]'); return e && e.value === '某县交通运输局';",
    );
    Some((dir, bench, browser))
}

fn value(browser: &Browser, path: &str) -> String {
    browser
        .eval(&format!(
            "return document.querySelector('[data-path=\"{path}\"]').value;"
        ))
        .as_str()
        .unwrap()
        .to_string()
}

/// Clicks the one-click fix of the finding `code`.
fn click_fix(browser: &Browser, code: &str) {
    browser.wait_for(
        &format!("the fix of {code}"),
        &format!("return document.querySelector('#findings li[data-code=\"{code}\"] button.fix') !== null;"),
    );
    browser.eval(&format!(
        "document.querySelector('#findings li[data-code=\"{code}\"] button.fix').click(); return 1;"
    ));
}

#[test]
fn a_clerk_pastes_from_word_and_sees_what_prints() {
    let Some((dir, bench, browser)) = new_report("wb-clerk") else {
        return;
    };
    // The header names the report as the clerk knows it, not the file.
    let title = browser.eval("return document.querySelector('.bar h1').textContent;");
    assert_eq!(title, "某县交通运输局 2025 年度报告");
    let file = dir.0.join("2025.yaml");

    headings_pasted_from_word(&browser, &file);
    dates_as_clerks_write_them(&browser, &file);
    the_fee_sentence_prints_once(&browser);
    findings_lead_in_chinese(&browser);
    browser.screenshot("workbench-clerk.png");
    outputs_print_the_headings(&dir.0, &file);
    a_broken_file_keeps_the_form(&browser, &file);
    // The server goes away (the black window closed): the page says so and
    // stops taking edits.
    let port = bench.port;
    drop(bench);
    type_into(&browser, "机关", "某县交通运输局办公室");
    browser.wait_for(
        "the offline banner",
        "var b = document.querySelector('[data-banner=\"offline\"]'); return b && !b.hidden && b.textContent.indexOf('工作台已关闭，修改未保存') === 0 && document.querySelector('[data-path=\"总体情况\"]').disabled;",
    );
    browser.screenshot("workbench-offline.png");
    the_old_tab_leads_to_the_new_workbench(&browser, &dir.0, port);
}

/// The clerk double-clicks nianbao again: the workbench starts on the same
/// port with a new token and opens a new tab. The old tab goes to the same
/// report at the new address; the old address typed again opens a Chinese
/// page that also finds the new tab.
fn the_old_tab_leads_to_the_new_workbench(browser: &Browser, dir: &Path, port: u16) {
    let old_url = browser.eval("return location.href;");
    let old_url = old_url.as_str().unwrap().to_string();
    let again = start_at(dir, port);
    assert_eq!(again.port, port, "the port was free again");
    let old_tab = browser.call("GET", "/window", None);
    let new_tab = browser.call(
        "POST",
        "/window/new",
        Some(&serde_json::json!({"type": "tab"})),
    );
    browser.call(
        "POST",
        "/window",
        Some(&serde_json::json!({"handle": new_tab["handle"]})),
    );
    browser.goto(&again.url);
    browser.wait_for(
        "the new index",
        "return document.querySelector('#reports tbody button') !== null;",
    );
    browser.call(
        "POST",
        "/window",
        Some(&serde_json::json!({"handle": old_tab})),
    );
    let moved = browser.wait_for(
        "the old tab at the new address",
        &format!(
            "var e = document.querySelector('[data-path=\"机关\"]'); return location.href.indexOf('t={}') > 0 && location.pathname === '/report' && e && e.value === '某县交通运输局' && !e.disabled ? location.href : null;",
            again.token
        ),
    );
    assert!(moved.as_str().unwrap().contains("f=2025.yaml"), "{moved}");
    // The old address typed again (a bookmark): a page in Chinese, not
    // JSON, that goes on to the new workbench as well.
    browser.goto(&old_url);
    let said = browser.eval("return document.body.innerText;");
    assert!(
        said.as_str().unwrap().contains("这个地址已过期")
            || said.as_str().unwrap().contains("正在转过去")
            || said.as_str().unwrap().contains("年度报告"),
        "{said}"
    );
    assert!(
        !said.as_str().unwrap().trim_start().starts_with('{'),
        "{said}"
    );
    browser.wait_for(
        "the bookmark led to the new workbench",
        &format!(
            "var e = document.querySelector('[data-path=\"机关\"]'); return location.href.indexOf('t={}') > 0 && e && e.value === '某县交通运输局';",
            again.token
        ),
    );
}

/// Section 一 pasted from Word: every heading stands alone in the text box
/// (no `###` for a numbered one) and in the report; the pasted part
/// heading is a finding whose fix removes it.
fn headings_pasted_from_word(browser: &Browser, file: &Path) {
    browser.eval(&format!(
        "var a = document.querySelector('[data-path=\"总体情况\"]'); a.focus(); a.value = ''; a.selectionStart = a.selectionEnd = 0; \
         var dt = new DataTransfer(); dt.setData('text/html', {}); dt.setData('text/plain', {}); \
         a.dispatchEvent(new ClipboardEvent('paste', {{clipboardData: dt, bubbles: true, cancelable: true}})); return 1;",
        serde_json::to_string(WORD_HTML).unwrap(),
        serde_json::to_string(WORD_TEXT).unwrap()
    ));
    browser.wait_for(
        "the pasted text",
        "return document.querySelector('[data-path=\"总体情况\"]').value.indexOf('开通了政策答问栏目') >= 0;",
    );
    wait_saved(browser);
    // No `###` in the box: the unnumbered heading carries an invisible mark.
    assert_eq!(
        value(browser, "总体情况"),
        "一、总体情况\n\n（一）主动公开\n\n2025年，我大队坚持以公开为常态，全年主动公开政府信息320条。\n\n（二）依申请公开\n\n全年收到政府信息公开申请6件，均按时答复。\n\n\u{2060}工作亮点\n\n开通了政策答问栏目。"
    );
    click_fix(browser, "TEXT-HEADING");
    browser.wait_for(
        "the part heading removed",
        "return document.querySelector('[data-path=\"总体情况\"]').value.indexOf('（一）主动公开') === 0 && document.querySelector('#findings [data-code=\"TEXT-HEADING\"]') === null;",
    );
    wait_saved(browser);
    // The report shows each heading as a heading, never run into its text.
    browser.wait_for(
        "the headings in the report",
        "var d = document.getElementById('report').contentDocument; if (!d || !d.body) return false; \
         var hs = Array.from(d.querySelectorAll('h2,h3,h4,h5')).map(h => h.textContent.trim()); \
         return hs.indexOf('（一）主动公开') >= 0 && hs.indexOf('（二）依申请公开') >= 0 && hs.indexOf('工作亮点') >= 0 && d.body.innerText.indexOf('主动公开2025年') < 0;",
    );
    headings_show_as_headings(browser, file);
}

/// The text box bands exactly the lines the report prints as headings: a
/// pasted one, one typed on a line of its own, one made a heading with
/// 设为标题; after a reload the same, and never a `###` in the box. The
/// page's rule is the renderer's.
fn headings_show_as_headings(browser: &Browser, file: &Path) {
    const BANDED: &str = "Array.from(document.querySelectorAll('.box .hl .h')).filter(h => h.parentNode.nextSibling.getAttribute('data-path') === '总体情况').map(h => h.textContent.replace(/[\\u2060-\\u2064]/g, ''))";
    const PRINTED: &str = "Array.from(document.getElementById('report').contentDocument.querySelectorAll('h3,h4,h5')).map(h => h.textContent.trim())";
    let before = browser.eval(&format!("return {BANDED};"));
    assert_eq!(
        before,
        serde_json::json!(["（一）主动公开", "（二）依申请公开", "工作亮点"])
    );
    let typed = format!(
        "{}\n\n（三）政府信息管理\n\n加强审查。\n\n工作创新\n\n推行清单管理。",
        value(browser, "总体情况")
    );
    crate::workbench::type_into(browser, "总体情况", &typed);
    wait_saved(browser);
    browser.eval("var a = document.querySelector('[data-path=\"总体情况\"]'); var i = a.value.indexOf('工作创新') + 1; a.focus(); a.selectionStart = a.selectionEnd = i; a.closest('.editor').querySelector('.heading-toggle').click(); return 1;");
    let expected = serde_json::json!([
        "（一）主动公开",
        "（二）依申请公开",
        "工作亮点",
        "（三）政府信息管理",
        "工作创新"
    ]);
    browser.wait_for(
        "the headings banded and printed",
        &format!(
            "var want = {expected}; var b = {BANDED}, p = {PRINTED}; return JSON.stringify(b) === JSON.stringify(want) && want.every(w => p.indexOf(w) >= 0);"
        ),
    );
    wait_saved(browser);
    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.contains("### 工作创新"), "{text}");
    assert!(text.contains("### 工作亮点"), "{text}");
    // Reloaded: the same bands, no `###` in the box.
    browser.eval("location.reload(); return 1;");
    browser.wait_for(
        "the page again",
        &format!("var want = {expected}; return document.querySelector('.box .hl') && JSON.stringify({BANDED}) === JSON.stringify(want);"),
    );
    assert!(!value(browser, "总体情况").contains('#'));
    // The page's heading rule is the renderer's.
    let samples = [
        "（一）主动公开",
        "(二)依申请公开",
        "1.加强领导",
        "1．加强",
        "12、组织保障",
        "1.5万元",
        "12.5%",
        "（1）第一项",
        "一、总体情况",
        "十二、其他",
        "（一）主动公开，全年",
        "123.第三",
        "（一） 空格",
        "（十一）其他",
        "（a）字母",
        "全年主动公开信息",
        "（一）",
    ];
    let page = browser.eval(&format!(
        "return {}.map(l => window.nbHeadingForm(l));",
        serde_json::to_string(&samples).unwrap()
    ));
    for (line, form) in samples.iter().zip(page.as_array().unwrap()) {
        use nianbao::render::paragraphs::{heading_mark, part_number};
        let rust = match (heading_mark(line), part_number(line)) {
            (Some("### "), _) => "h3",
            (Some("#### "), _) => "h4",
            (Some(_), _) => "h5",
            (None, Some(_)) => "part",
            (None, None) => "",
        };
        assert_eq!(form.as_str().unwrap_or(""), rust, "{line}");
    }
}

/// 成文日期 typed as clerks write it is saved as a date and shown in
/// Chinese; a nonsense year is said at the field and never reaches the
/// file.
fn dates_as_clerks_write_them(browser: &Browser, file: &Path) {
    type_into(browser, "成文日期", "２０２６年１月１０日");
    browser.wait_for(
        "the date saved",
        "return document.querySelector('[data-path=\"成文日期\"]').value === '2026年1月10日' && document.getElementById('status').textContent === '已保存';",
    );
    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.contains("成文日期: 2026-01-10"), "{text}");
    for typed in ["2026.1.10", "2026/01/10", "2026-1-10"] {
        type_into(browser, "成文日期", typed);
        assert_eq!(value(browser, "成文日期"), "2026年1月10日", "{typed}");
    }
    // A date before the year ends is said at the field, not only in the list.
    type_into(browser, "成文日期", "2025年1月10日");
    browser.wait_for(
        "the date's finding at the field",
        "return document.querySelector('.field-msg[data-for=\"成文日期\"]').textContent.indexOf('早于统计期结束') >= 0;",
    );
    type_into(browser, "成文日期", "2026年1月10日");
    browser.wait_for(
        "the field's message gone",
        "return document.querySelector('.field-msg[data-for=\"成文日期\"]').textContent === '' && document.getElementById('status').textContent === '已保存';",
    );
    type_into(browser, "成文日期", "5110-02-02");
    let said = browser
        .eval("return document.querySelector('.field-msg[data-for=\"成文日期\"]').textContent;");
    assert!(said.as_str().unwrap().contains("不是日期"), "{said}");
    assert!(said.as_str().unwrap().contains("2026年1月10日"), "{said}");
    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.contains("成文日期: 2026-01-10"), "{text}");
    type_into(browser, "成文日期", "2026年1月10日");
    wait_saved(browser);
}

/// A fee sentence pasted into 六 is a finding that says the generated one
/// stays; its fix takes the sentence out.
fn the_fee_sentence_prints_once(browser: &Browser) {
    type_into(
        browser,
        "其他事项.正文",
        "（二）其他需要报告的事项\n\n无。\n\n本年度未收取信息处理费。",
    );
    click_fix(browser, "FEE-TEXT");
    browser.wait_for(
        "the fee sentence removed",
        "return document.querySelector('[data-path=\"其他事项.正文\"]').value === '（二）其他需要报告的事项\\n\\n无。' && document.querySelector('#findings [data-code=\"FEE-TEXT\"]') === null;",
    );
    wait_saved(browser);
}

/// Every finding leads with the rule's Chinese name; the code is in its
/// details and in `data-code`.
fn findings_lead_in_chinese(browser: &Browser) {
    let leads = browser.eval(
        "return Array.from(document.querySelectorAll('#findings li[data-code]')).map(li => [li.getAttribute('data-code'), li.firstChild.textContent, li.querySelector('details.code').textContent]);",
    );
    let leads = leads.as_array().unwrap();
    assert!(!leads.is_empty());
    for l in leads {
        let (code, lead, details) = (
            l[0].as_str().unwrap(),
            l[1].as_str().unwrap(),
            l[2].as_str().unwrap(),
        );
        assert!(
            lead.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{l}"
        );
        assert!(!lead.contains(code), "{l}");
        assert!(details.contains(code), "{l}");
    }
    let tip = browser.eval(
        "var f = document.querySelector('.flag[data-code]'); return f ? f.title : '表格单元格为空';",
    );
    assert!(
        !tip.as_str()
            .unwrap()
            .starts_with(|c: char| c.is_ascii_uppercase()),
        "{tip}"
    );
}

/// The PDF and the Word file print each pasted heading on its own line, in
/// the heading's style.
fn outputs_print_the_headings(dir: &Path, file: &Path) {
    let out = dir.join("out");
    let built = common::nianbao()
        .arg("build")
        .arg(file)
        .args(["--format", "pdf,docx", "--draft", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        out.join("2025.pdf").exists(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let text = std::process::Command::new("pdftotext")
        .args(["-layout"])
        .arg(out.join("2025.pdf"))
        .arg("-")
        .output();
    if let Ok(text) = text {
        let text = String::from_utf8_lossy(&text.stdout);
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        for heading in ["（一）主动公开", "（二）依申请公开", "工作亮点"] {
            assert!(lines.contains(&heading), "{heading} not alone:\n{text}");
        }
        assert!(!text.contains("主动公开2025年"), "{text}");
    }
    let docx = std::fs::read(out.join("2025.docx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    for heading in ["（一）主动公开", "（二）依申请公开"] {
        let at = xml.find(&format!(">{heading}<")).expect(heading);
        let para = xml.slice(
            xml.slice_to(at)
                .rfind("<w:p>")
                .or_else(|| xml.slice_to(at).rfind("<w:p "))
                .unwrap(),
            at,
        );
        assert!(para.contains("w:val=\"Level2\""), "{heading}: {para}");
    }
}

/// A bracket left open in Notepad: the page keeps the last good values,
/// read-only, and says on which line; fixing the file lifts it.
fn a_broken_file_keeps_the_form(browser: &Browser, file: &Path) {
    let good = std::fs::read_to_string(file).unwrap();
    std::fs::write(
        file,
        good.replace("机关: 某县交通运输局", "机关: [某县交通运输局"),
    )
    .unwrap();
    browser.wait_for(
        "the unreadable banner",
        "var b = document.querySelector('[data-banner=\"unreadable\"]'); return b && !b.hidden && /第 \\d+ 行/.test(b.textContent) && document.querySelector('[data-path=\"机关\"]').value === '某县交通运输局' && document.querySelector('[data-path=\"机关\"]').disabled;",
    );
    browser.screenshot("workbench-unreadable.png");
    std::fs::write(file, &good).unwrap();
    browser.wait_for(
        "the form editable again",
        "return document.getElementById('banner').hidden && !document.querySelector('[data-path=\"机关\"]').disabled;",
    );
}

/// The workbook route without a terminal: this year's workbook made from
/// last year's report in the index, filled in a spreadsheet program
/// (openpyxl here: a total typed over its formula), checked in the page
/// with each finding at its cell, and built into a PDF. The workbook's
/// instructions speak of the workbench, not of commands or YAML.
#[test]
fn a_workbook_is_made_checked_and_built_in_the_page() {
    let openpyxl = std::process::Command::new("python3")
        .args(["-c", "import openpyxl"])
        .output();
    if !openpyxl.is_ok_and(|o| o.status.success()) {
        assert!(
            std::env::var_os("CI").is_none(),
            "openpyxl missing under CI"
        );
        eprintln!("skipped: openpyxl is not installed");
        return;
    }
    if !crate::preview::browser_available() {
        return;
    }
    let dir = TempDir::new("wb-workbook");
    let example =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/zibo-zhangdian-traffic-2024.yaml");
    std::fs::copy(&example, dir.0.join("2024.yaml")).unwrap();
    let bench = start(&dir.0);
    let browser = Browser::start();
    browser.goto(&bench.url);
    browser.wait_for(
        "last year's file in the list",
        "return document.querySelector('#next-form select option[value=\"2024.yaml\"]') !== null;",
    );
    browser.eval("var f = document.getElementById('next-form'); f.from.value = '2024.yaml'; f.workbook.checked = true; f.requestSubmit(); return 1;");
    browser.wait_for(
        "the workbook listed",
        "return document.querySelector('[data-workbook-check=\"2025.xlsx\"]') !== null;",
    );
    let book = dir.0.join("2025.xlsx");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&book).unwrap()).unwrap();
    // The instructions sheet: the one that says 填写说明.
    let strings = (0..zip.len())
        .filter_map(|i| {
            let mut f = zip.by_index(i).ok()?;
            let mut text = String::new();
            std::io::Read::read_to_string(&mut f, &mut text).ok()?;
            (f.name().ok()?.starts_with("xl/worksheets/") && text.contains("填写说明"))
                .then_some(text)
        })
        .next()
        .expect("the instructions sheet");
    assert!(strings.contains("工作台"), "the guide names the workbench");
    for word in ["nianbao check", "nianbao build", "YAML", "Markdown", "~"] {
        assert!(!strings.contains(word), "the guide says {word}");
    }
    // Filled in a spreadsheet program, saved over itself.
    let script =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/xlsx/openpyxl_total.py");
    let filled = dir.0.join("filled.tmp");
    let o = std::process::Command::new("python3")
        .arg(&script)
        .arg(&book)
        .arg(&filled)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    std::fs::rename(&filled, &book).unwrap();
    browser
        .eval("document.querySelector('[data-workbook-check=\"2025.xlsx\"]').click(); return 1;");
    let found = browser.wait_for(
        "the workbook's findings",
        "var li = document.querySelector('#workbook-findings li[data-code=\"T3-ROWSUM\"]'); return li ? li.textContent : null;",
    );
    let found = found.as_str().unwrap();
    assert!(found.contains("【表三!J"), "{found}");
    assert!(found.contains("把总计格恢复为公式或清空"), "{found}");
    assert!(!found.starts_with("T3-ROWSUM"), "{found}");
    let all = browser.eval("return document.getElementById('workbook-findings').textContent;");
    for word in ["其他事项.", "###", "{{"] {
        assert!(!all.as_str().unwrap().contains(word), "{word} in {all}");
    }
    browser.screenshot("workbench-workbook.png");
    browser.eval("document.querySelector('[data-workbook-build=\"pdf\"][data-file=\"2025.xlsx\"]').click(); return 1;");
    let said = browser.wait_for(
        "the PDF built",
        "var m = document.getElementById('message').textContent; return m.indexOf('已生成') === 0 ? m : null;",
    );
    assert!(said.as_str().unwrap().contains("2025.pdf"), "{said}");
    assert!(
        std::fs::read(dir.0.join("2025.pdf"))
            .unwrap()
            .starts_with(b"%PDF")
    );
}

/// Word's clipboard for a bulleted and a numbered list (issue 60.2): the
/// labels in spans styled mso-list:Ignore, the bullet `Ø` drawn from
/// Wingdings inside Word's conditional comments, and a WPS-style bullet as
/// a private-use character in a Symbol span.
const WORD_LIST_HTML: &str = "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:w=\"urn:schemas-microsoft-com:office:word\"><body lang=ZH-CN><!--StartFragment-->\
<p class=MsoNormal>今年重点做了三件事：</p>\
<p class=MsoListParagraph style='margin-left:21.0pt;text-indent:-21.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span lang=EN-US style='font-family:Wingdings;mso-fareast-font-family:Wingdings'><span style='mso-list:Ignore'>Ø<span style='font:7.0pt \"Times New Roman\"'>&nbsp; </span></span></span><![endif]><span style='font-family:仿宋'>加强政务公开平台建设。</span></p>\
<p class=MsoListParagraph style='margin-left:21.0pt;text-indent:-21.0pt;mso-list:l0 level1 lfo1'><!--[if !supportLists]--><span lang=EN-US style='font-family:Wingdings'><span style='mso-list:Ignore'>§<span style='font:7.0pt \"Times New Roman\"'>&nbsp; </span></span></span><!--[endif]-->规范依申请公开办理流程。</p>\
<p class=MsoNormal><span style='font-family:Symbol'>\u{F0B7}</span><span>&nbsp;&nbsp;</span>完善信息发布审核制度。</p>\
<p class=MsoListParagraph style='mso-list:l1 level1 lfo2'><![if !supportLists]><span lang=EN-US><span style='mso-list:Ignore'>1.<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp; </span></span></span><![endif]>全年主动公开政府信息320条。</p>\
<!--EndFragment--></body></html>";

/// Issue 60 in the workbench, as a new clerk meets it: a list pasted from
/// Word arrives as the list it was, with no symbol-font character in the
/// box or the report; a run of paragraphs pasted twice and a half-width
/// comma are each fixed with one click; a 成文日期 in Chinese numerals is
/// shown in Arabic numerals; a figure of 表二 typed with its note is saved
/// with its 注.
#[test]
fn a_clerk_pastes_a_word_list_and_fixes_slips_in_one_click() {
    let Some((dir, _bench, browser)) = new_report("wb-clerk-lists") else {
        return;
    };
    let file = dir.0.join("2025.yaml");
    browser.eval(&format!(
        "var a = document.querySelector('[data-path=\"总体情况\"]'); a.focus(); a.value = ''; a.selectionStart = a.selectionEnd = 0; \
         var dt = new DataTransfer(); dt.setData('text/html', {}); dt.setData('text/plain', {}); \
         a.dispatchEvent(new ClipboardEvent('paste', {{clipboardData: dt, bubbles: true, cancelable: true}})); return 1;",
        serde_json::to_string(WORD_LIST_HTML).unwrap(),
        serde_json::to_string("今年重点做了三件事：\r\nØ\t加强政务公开平台建设。\r\n").unwrap()
    ));
    browser.wait_for(
        "the pasted list",
        "return document.querySelector('[data-path=\"总体情况\"]').value.indexOf('全年主动公开') >= 0;",
    );
    wait_saved(&browser);
    assert_eq!(
        value(&browser, "总体情况"),
        "今年重点做了三件事：\n\n- 加强政务公开平台建设。\n\n- 规范依申请公开办理流程。\n\n- 完善信息发布审核制度。\n\n1. 全年主动公开政府信息320条。"
    );
    browser.wait_for(
        "the list in the report",
        "var d = document.getElementById('report').contentDocument; if (!d || !d.body) return false; \
         var t = d.body.innerText; return t.indexOf('加强政务公开平台建设') >= 0 && t.indexOf('完善信息发布审核制度') >= 0;",
    );
    let shown =
        browser.eval("return document.getElementById('report').contentDocument.body.innerText;");
    let shown = shown.as_str().unwrap();
    for c in ['Ø', '§', '\u{F0B7}'] {
        assert!(!shown.contains(c), "{c} printed: {shown}");
    }
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(
        !saved.contains('\u{F0B7}') && !saved.contains('Ø'),
        "{saved}"
    );

    // A run of two paragraphs pasted twice, and a half-width comma.
    let a = "本年度共主动公开政府信息一百二十条，涵盖财政预决算、重大建设项目等内容。";
    let b = "加强政务公开平台建设，及时更新网站各栏目内容信息，保证信息准确。";
    type_into(
        &browser,
        "总体情况",
        &format!("{a}\n\n{b}\n\n{a}\n\n{b}\n\n本局,按照要求做好政务公开工作。"),
    );
    wait_saved(&browser);
    click_fix(&browser, "TEXT-REPEAT");
    browser.wait_for(
        "the second copy removed",
        &format!(
            "var v = document.querySelector('[data-path=\"总体情况\"]').value; return v.split({}).length === 2 && v.split({}).length === 2 && document.querySelector('#findings [data-code=\"TEXT-REPEAT\"]') === null;",
            serde_json::to_string(a).unwrap(),
            serde_json::to_string(b).unwrap()
        ),
    );
    wait_saved(&browser);
    click_fix(&browser, "TEXT-PUNCT");
    browser.wait_for(
        "the comma made full-width",
        "return document.querySelector('[data-path=\"总体情况\"]').value.indexOf('本局，按照要求') >= 0 && document.querySelector('#findings [data-code=\"TEXT-PUNCT\"]') === null;",
    );
    wait_saved(&browser);
    assert_eq!(
        value(&browser, "总体情况"),
        format!("{a}\n\n{b}\n\n本局，按照要求做好政务公开工作。")
    );

    // 成文日期 in Chinese numerals: read, shown in Arabic numerals.
    type_into(&browser, "成文日期", "二〇二六年一月十五日");
    browser.wait_for(
        "the date in Arabic numerals",
        "return document.querySelector('[data-path=\"成文日期\"]').value === '2026年1月15日' && document.getElementById('status').textContent === '已保存';",
    );
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(saved.contains("成文日期: 2026-01-15"), "{saved}");

    // A figure of 表二 typed with its note: stored with its 注.
    type_into(&browser, "主动公开.行政许可", "12（含转办3件）");
    wait_saved(&browser);
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(saved.contains("{数量: 12, 注: 含转办3件}"), "{saved}");
    browser.screenshot("workbench-clerk-lists.png");
}

/// A letter typed among the digits of a telephone number or a postcode is
/// refused at the field with the reason (issue 60.5), and a full-width
/// postcode is taken as typed.
#[test]
fn a_contact_field_says_what_is_wrong_with_it() {
    let Some((_dir, _bench, browser)) = new_report("wb-clerk-contact") else {
        return;
    };
    type_into(&browser, "联系方式.电话", "0533-2l81234");
    browser.wait_for(
        "the reason at the telephone field",
        "var m = document.querySelector('.field-msg[data-for=\"联系方式.电话\"]'); return m && m.textContent.indexOf('“l”') >= 0 && m.textContent.indexOf('数字 1') >= 0;",
    );
    type_into(&browser, "联系方式.电话", "0533-2181234");
    type_into(&browser, "联系方式.邮编", "２５５０００");
    wait_saved(&browser);
    browser.wait_for(
        "the messages gone",
        "return document.querySelector('.field-msg[data-for=\"联系方式.电话\"]').textContent === '' && document.querySelector('.field-msg[data-for=\"联系方式.邮编\"]').textContent === '';",
    );
}

/// Issue 74.1: a figure of last year's in a carried paragraph stays marked
/// on its own, highlighted in the text box with 改为本年数字 and
/// 确认本年仍为此数, however the rest of its paragraph is edited; changing
/// it or confirming it ends the mark, and the confirmation is kept in the
/// data file (`沿用数字`).
#[test]
fn a_carried_figure_stays_marked_until_changed_or_confirmed() {
    if !crate::preview::browser_available() {
        return;
    }
    let dir = TempDir::new("wb-carried-figures");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join(common::EXAMPLE);
    std::fs::copy(&example, dir.0.join("2024.yaml")).unwrap();
    let made = common::run(
        common::nianbao()
            .arg("new")
            .arg("--from")
            .arg(dir.0.join("2024.yaml")),
    );
    assert_eq!(made.code, 0, "{}", made.stderr);
    let file = dir.0.join("2025.yaml");
    let bench = start(&dir.0);
    let browser = Browser::start();
    browser.goto(&format!(
        "http://127.0.0.1:{}/report?f=2025.yaml&t={}",
        bench.port, bench.token
    ));
    let item = |figure: &str| {
        format!(
            ".carried-figures[data-path=\"其他事项.正文\"] [data-banner=\"carried-figure\"][data-figure=\"{figure}\"]"
        )
    };
    browser.wait_for(
        "the carried figures of 六",
        &format!(
            "return document.querySelector('{}') !== null;",
            item("14件")
        ),
    );
    // Highlighted in the box, each figure once.
    let lit = browser.eval(
        "return Array.from(document.querySelectorAll('.hl .carried-fig')).map(function (e) { return e.textContent; }).join(' ');",
    );
    let lit = lit.as_str().unwrap();
    for figure in ["84条", "3400余条", "21件", "7件", "14件", "176次"] {
        assert!(
            lit.split(' ').any(|f| f == figure),
            "{figure} not lit: {lit}"
        );
    }
    // Another word of the paragraph edited: the paragraph's 沿用上年 mark
    // goes, its figures stay marked.
    let before = value(&browser, "其他事项.正文");
    type_into(
        &browser,
        "其他事项.正文",
        &before.replacen("均按期办结答复", "均在期限内办结答复", 1),
    );
    wait_saved(&browser);
    browser.wait_for(
        "the paragraph's mark gone",
        "return !Array.from(document.querySelectorAll('.carried-list[data-path=\"其他事项.正文\"] .carried-text')).some(function (e) { return e.textContent.indexOf('建议和政协') >= 0; });",
    );
    for figure in ["21件", "7件", "14件"] {
        browser.wait_for(
            &format!("{figure} still marked"),
            &format!(
                "return document.querySelector('{}') !== null;",
                item(figure)
            ),
        );
    }
    let findings = browser.eval(
        "return Array.from(document.querySelectorAll('#findings li[data-code=\"TEXT-CARRIED\"]')).map(function (e) { return e.textContent; }).join('\\n');",
    );
    assert!(
        findings
            .as_str()
            .unwrap()
            .contains("“14件”是沿用上年报告的数字"),
        "{findings}"
    );
    changing_and_confirming_a_figure(&browser, &file);
}

/// 改为本年数字 selects the figure, typed over it is no longer marked;
/// 确认本年仍为此数 ends the mark and the data file keeps it.
fn changing_and_confirming_a_figure(browser: &Browser, file: &Path) {
    let item = |figure: &str| {
        format!(
            ".carried-figures[data-path=\"其他事项.正文\"] [data-banner=\"carried-figure\"][data-figure=\"{figure}\"]"
        )
    };
    // 改为本年数字 selects the figure to be typed over.
    browser.eval(&format!(
        "document.querySelector('{} button[data-change]').click(); return 1;",
        item("21件")
    ));
    let selected = browser.eval(
        "var a = document.querySelector('[data-path=\"其他事项.正文\"]'); return a.value.slice(a.selectionStart, a.selectionEnd);",
    );
    assert_eq!(selected, "21件");
    // Changed: no longer marked.
    let now = value(browser, "其他事项.正文");
    type_into(
        browser,
        "其他事项.正文",
        &now.replacen("提案21件", "提案23件", 1),
    );
    wait_saved(browser);
    browser.wait_for(
        "21件 no longer marked",
        &format!(
            "return document.querySelector('{}') === null;",
            item("21件")
        ),
    );
    // Confirmed: the mark goes, and the data file keeps it.
    browser.eval(&format!(
        "document.querySelector('{} button[data-confirm-figure]').click(); return 1;",
        item("14件")
    ));
    browser.wait_for(
        "14件 confirmed",
        &format!("return document.querySelector('{}') === null && document.querySelector('{}') !== null;", item("14件"), item("7件")),
    );
    let text = std::fs::read_to_string(file).unwrap();
    assert!(!text.contains("  - 其他事项.正文 14件"), "{text}");
    assert!(text.contains("  - 其他事项.正文 7件"), "{text}");
    browser.screenshot("workbench-carried-figures.png");
}

/// Issue 74.2: 机关类型 beside 机关. A zone's bureau named like a
/// department, dated in March: DEADLINE says the judgement came from the
/// name, and so does the field; choosing 政府 writes `机关类型: 政府` into
/// the data file and the warning goes; 按机关名称判断 empties it again.
#[test]
fn the_agency_kind_is_set_beside_the_agency() {
    if !crate::preview::browser_available() {
        return;
    }
    let dir = TempDir::new("wb-kind");
    let file = dir.0.join("2025.yaml");
    let made = common::run(
        common::nianbao()
            .args([
                "new",
                "--year",
                "2025",
                "--agency",
                "某市某某片区综合管理局",
                "-o",
            ])
            .arg(&file),
    );
    assert_eq!(made.code, 0, "{}", made.stderr);
    let bench = start(&dir.0);
    let browser = Browser::start();
    browser.goto(&format!(
        "http://127.0.0.1:{}/report?f=2025.yaml&t={}",
        bench.port, bench.token
    ));
    browser.wait_for(
        "the kind field",
        "var e = document.querySelector('select[data-path=\"机关类型\"]'); return e !== null && e.value === '' && document.querySelector('.field-msg[data-for=\"机关类型\"]').textContent === '按名称判断为部门';",
    );
    type_into(&browser, "成文日期", "2026年3月20日");
    let by_name = "var d = document.querySelector('#findings li[data-code=\"DEADLINE\"]'); return d !== null && d.textContent.indexOf('按名称判断为部门') >= 0;";
    browser.wait_for("DEADLINE by the name", by_name);
    type_into(&browser, "机关类型", "政府");
    wait_saved(&browser);
    browser.wait_for(
        "DEADLINE gone",
        "return document.querySelector('#findings li[data-code=\"DEADLINE\"]') === null && document.querySelector('.field-msg[data-for=\"机关类型\"]').textContent === '按数据文件：政府';",
    );
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("\n机关类型: 政府\n"), "{text}");
    type_into(&browser, "机关类型", "");
    browser.wait_for("DEADLINE back", by_name);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(!text.contains("机关类型: 政府"), "{text}");
}

/// Issue 74: last year's published report saved in the folder is offered
/// by 从上年生成 and made into this year's report in the page; a warning
/// the page cannot clear (last year's file) says so, and one on an empty
/// field (成文日期) goes to the field.
#[test]
fn last_years_report_in_the_folder_starts_this_year_and_warnings_say_what_clears_them() {
    if !crate::preview::browser_available() {
        return;
    }
    let dir = TempDir::new("wb-lying-report");
    let source =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/004-2021-notes.txt");
    std::fs::copy(&source, dir.0.join("2024年报告.txt")).unwrap();
    let bench = start(&dir.0);
    let browser = Browser::start();
    browser.goto(&bench.url);
    let offered = "return document.querySelector('#next-form select option[value=\"published:2024年报告.txt\"]') !== null;";
    browser.wait_for("last year's report offered", offered);
    browser.eval("var f = document.getElementById('next-form'); f.from.value = 'published:2024年报告.txt'; f.requestSubmit(); return 1;");
    browser.wait_for(
        "this year's report open",
        "return location.pathname === '/report' && document.querySelectorAll('#findings li').length > 0;",
    );
    assert!(dir.0.join("2025.yaml").exists() && dir.0.join("2024.yaml").exists());
    // PREV (last year's table has blank cells) names no cell of this page.
    browser.wait_for(
        "PREV says where it is cleared",
        "var d = document.querySelector('#findings li[data-code=\"PREV\"] .clear'); return d !== null && d.textContent.indexOf('上年的文件') >= 0;",
    );
    // 成文日期 is missing: its finding goes to the field, no words needed.
    let missing = browser.eval(
        "var d = Array.from(document.querySelectorAll('#findings li[data-code=\"KEY-MISSING\"]')).find(function (l) { return l.textContent.indexOf('成文日期') >= 0; }); \
         if (!d) return 'none'; d.click(); return [d.querySelector('.clear') === null, document.activeElement && document.activeElement.getAttribute('data-path')];",
    );
    assert_eq!(missing, serde_json::json!([true, "成文日期"]), "{missing}");
}
