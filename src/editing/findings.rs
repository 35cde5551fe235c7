//! The findings of `check` as the report page shows them: each with the
//! rule's name, the message said in the page's words ([`for_page`]), the
//! cells it concerns ([`crate::diag::cells::cells_for`]), its one-click
//! fix (the rule's, or 绑定到表格 for a figure that stands for a table
//! cell) and, when the page offers neither, what clears it.

use std::path::Path;

use serde::Serialize;

use crate::diag::{Diagnostic, Fix, Severity};
use crate::model::official;
use crate::model::{Report, path};
use crate::slice::Slice;

/// One finding as the page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// Rule code (`T3-ROWSUM`), shown in the finding's details.
    pub code: String,
    /// The rule's name in Chinese, which leads the finding.
    pub rule: &'static str,
    /// `error`, `warning` or `info`.
    pub severity: &'static str,
    /// The message.
    pub message: String,
    /// The label `check` prints under the caret.
    pub label: Option<String>,
    /// The suggested fix.
    pub help: Option<String>,
    /// Line in the data file (0: none).
    pub line: u32,
    /// `data-path` values of the inputs concerned.
    pub cells: Vec<String>,
    /// The one-click fix, when there is one.
    pub fix: Option<Fix>,
    /// What clears the finding when the page offers neither a fix nor a
    /// cell to change (or why it cannot be cleared on the page), in
    /// Chinese.
    pub clear: Option<&'static str>,
}

/// A finding as the page shows it; a path in the folder served (`folder`)
/// is written from there (`2024.yaml`, not the whole path of the folder).
pub(super) fn finding(
    d: &Diagnostic,
    paths: &[String],
    folder: Option<&Path>,
    (text, report): (&str, Option<&Report>),
) -> Finding {
    let short = |text: &str| match folder {
        Some(dir) => text.replace(
            &format!("{}{}", dir.display(), std::path::MAIN_SEPARATOR),
            "",
        ),
        None => text.to_string(),
    };
    let mut finding = Finding {
        code: d.code.to_string(),
        rule: d.code.rule_name(),
        severity: match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        },
        message: for_page(&short(&d.message)),
        label: d.label.as_deref().map(|l| for_page(&short(l))),
        help: d.help.as_deref().map(|h| for_page(&short(h))),
        line: d.span.map_or(0, |s| s.line),
        cells: crate::diag::cells::cells_for(d, paths),
        fix: d.fix.clone().or_else(|| bind_fix(d, text, report)),
        clear: None,
    };
    if finding.fix.is_none() && finding.cells.is_empty() {
        finding.clear = Some(clearing(d));
    }
    finding
}

/// What clears a finding that names no field or cell of the page, or why
/// the page cannot clear it.
fn clearing(d: &Diagnostic) -> &'static str {
    use crate::diag::codes;
    if d.code == codes::PREV {
        "这条说的是上年的数据文件：在工作台首页打开上年的文件改正，或在本数据文件中把“上年数据”改指上年的文件；本页无法消除"
    } else if d.code == codes::GLYPH {
        "本机字体中没有这个字：改用通用写法后消除；确要印这个字的，需在装有该字体的电脑上用 nianbao build --font 生成，本页无法消除"
    } else if d.severity == Severity::Error {
        "这一项页面上没有对应的格：按上面的建议，用记事本等文本编辑器打开数据文件改正，保存后本页随之更新"
    } else {
        "这条提示不对应页面上的某一格：按上面的建议修改；核实无误的警告可以不改，不妨碍生成报告"
    }
}

/// 绑定到表格: a figure written in a narrative that stands for one table
/// cell ([`Diagnostic::bind`]) replaced, on its line of the narrative, by
/// the cell's placeholder, so that it follows the table. The figure is
/// found in the narrative's value as the rule found it in the data file
/// `text`: the how-manyth occurrence of the same characters.
fn bind_fix(d: &Diagnostic, text: &str, report: Option<&Report>) -> Option<Fix> {
    let (cell, span, key) = (d.bind.as_ref()?, d.span?, d.path.as_ref()?);
    let (_, narrative) = report?
        .narratives()
        .into_iter()
        .find(|(k, _)| *k == key.as_str())?;
    let literal = text.get(span.offset..span.offset.checked_add(span.len)?)?;
    let before = text.get(narrative.span.offset.min(span.offset)..span.offset)?;
    if literal.is_empty() {
        return None;
    }
    let nth = before.matches(literal).count();
    let value = narrative.value.as_str();
    let (at, _) = value.match_indices(literal).nth(nth)?;
    // The figure as the rule reads it may carry its unit (`5件`): the unit
    // stays written.
    let number = literal.trim_end_matches(|c: char| {
        !(c.is_ascii_digit() || "零〇一二三四五六七八九十百千两.,，".contains(c))
    });
    if number.is_empty() {
        return None;
    }
    let end = at + number.len();
    let line_start = value.slice_to(at).rfind('\n').map_or(0, |i| i + 1);
    let line_end = value
        .slice_from(end)
        .find('\n')
        .map_or(value.len(), |i| end + i);
    let with = format!(
        "{}{{{{ {cell} }}}}{}",
        value.slice(line_start, at),
        value.slice(end, line_end)
    );
    Some(Fix {
        path: key.clone(),
        line: value.slice(line_start, line_end).trim().to_string(),
        with: with.trim().to_string(),
        label: "绑定到表格".to_string(),
        occurrence: value
            .slice_to(line_start)
            .lines()
            .filter(|l| l.trim() == value.slice(line_start, line_end).trim())
            .count(),
        lines: 1,
    })
}

/// A message of `check` as the page says it: the data paths a data file
/// spells (`其他事项.信息处理费.收费通知件数`) named as the page labels them
/// (`信息处理费的收费通知件数`), and no Markdown heading marks, since the
/// page's text boxes show headings as lines.
pub fn for_page(text: &str) -> String {
    let mut out = without_placeholders(&text.replace("### ", ""))
        .replace(
            "用占位符引用表格数字",
            "把正文中的数字与表格绑定（点“绑定到表格”，或用“插入表格数字”）",
        )
        .replace("写成 YYYY-MM-DD", "写成 2026年1月10日 这样的日期")
        .replace("`~`、", "")
        .replace('`', "");
    for (key, _) in official::FEE_FIELDS {
        out = out.replace(&path::fee(key), &format!("信息处理费的{key}"));
    }
    let results = path::table3_keys(&[official::T3_RESULTS_KEY]);
    let body = format!("{}的正文", official::SECTION_HEADINGS[5]);
    out.replace(&path::fee_block(), "信息处理费")
        .replace(&path::other_body(), &body)
        .replace(&results, &format!("表三的“{}”", official::T3_RESULTS_KEY))
}

/// A placeholder (`{{ 依申请公开.本年新收.总计 }}`) in a message said as
/// the page shows it: a figure bound to the table.
fn without_placeholders(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        let Some(close) = rest.slice_from(open).find("}}") else {
            break;
        };
        // "……，例如 {{ … }}": the example goes with its placeholder.
        let before = rest.slice_to(open);
        match before.trim_end().strip_suffix("例如") {
            Some(kept) => out.push_str(kept.trim_end_matches(['，', ',', ' '])),
            None => {
                out.push_str(before);
                out.push_str("“与表格绑定的数字”");
            }
        }
        rest = rest.slice_from(open + close + 2);
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::codes;
    use crate::source::SourceFile;

    /// What clears `f` is said, in words that include `words`.
    fn assert_clears_with(f: &Finding, words: &str) {
        assert!(f.clear.is_some_and(|c| c.contains(words)), "{:?}", f.clear);
    }

    #[test]
    fn the_page_says_no_data_paths_and_no_heading_marks() {
        assert_eq!(
            for_page("核对“其他事项.信息处理费.收费通知件数”"),
            "核对“信息处理费的收费通知件数”"
        );
        assert_eq!(
            for_page("在“其他事项.正文”中分项写明，例如 ### （二）人大代表建议"),
            "在“六、其他需要报告的事项的正文”中分项写明，例如 （二）人大代表建议"
        );
        assert_eq!(for_page("缺少“其他事项.信息处理费”"), "缺少“信息处理费”");
        assert_eq!(
            for_page(
                "用占位符引用表格数字，正文与表格就不会不一致，例如 {{ 依申请公开.本年新收.总计 }}"
            ),
            "把正文中的数字与表格绑定（点“绑定到表格”，或用“插入表格数字”），正文与表格就不会不一致"
        );
        assert_eq!(for_page("写成 YYYY-MM-DD"), "写成 2026年1月10日 这样的日期");
        assert_eq!(for_page("未闭合 {{ 年度"), "未闭合 {{ 年度");
        assert_eq!(for_page("写了 {{ 年度 }} 年"), "写了 “与表格绑定的数字” 年");
    }

    #[test]
    fn findings_name_files_of_the_folder_by_their_names() {
        let folder = Path::new("/home/clerk/年报");
        let d = Diagnostic::new(
            codes::PREV,
            format!(
                "无法读取上年数据 {}：没有这个文件",
                folder.join("2024.yaml").display()
            ),
        );
        let f = finding(&d, &[], Some(folder), ("", None));
        assert_eq!(f.message, "无法读取上年数据 2024.yaml：没有这个文件");
        assert_eq!(finding(&d, &[], None, ("", None)).message, d.message);
        // Nothing on the page clears it: the finding says where it is cleared.
        assert_clears_with(&f, "上年的文件");
    }

    /// Issue 74.3: a finding on a field left empty goes to the field; one
    /// with a cell or a fix needs no words on clearing it.
    #[test]
    fn every_warning_says_what_clears_it() {
        let text = "机关: 某局\n年度: 2025\n总体情况: \"无。\"\n";
        let report = crate::load::load_str(SourceFile::new("2025.yaml", text))
            .report
            .expect("a report");
        let paths = crate::editing::state::editable_paths(&report);
        let missing = Diagnostic::new(codes::KEY_MISSING, "成文日期没有填写").path("成文日期");
        let f = finding(&missing, &paths, None, (text, Some(&report)));
        assert_eq!(f.cells, ["成文日期"]);
        assert_eq!(f.clear, None);
        let glyph = Diagnostic::warning(codes::GLYPH, "字体中没有“𠮷”");
        let f = finding(&glyph, &paths, None, (text, Some(&report)));
        assert_clears_with(&f, "通用写法");
    }

    #[test]
    fn a_figure_bound_to_its_cell_is_offered_on_its_line() {
        let text = "机关: 某局\n年度: 2025\n总体情况: \"### （二）依申请公开\\n\\n全年收到申请5件，办结5件。\"\n";
        let loaded = crate::load::load_str(SourceFile::new("2025.yaml", text));
        let report = loaded.report.expect("a report");
        // The second 5 (办结), as the rule places it.
        let second = text.rfind("5件").unwrap();
        let d = Diagnostic::new(codes::NARR, "正文写的是 5 件")
            .at(crate::source::Span {
                line: 3,
                column: 0,
                offset: second,
                len: "5件".len(),
            })
            .path("总体情况")
            .bind(Some("依申请公开.办理结果.总计.总计".into()));
        let fix = finding(&d, &[], None, (text, Some(&report)))
            .fix
            .expect("a fix");
        assert_eq!(fix.path, "总体情况");
        assert_eq!(fix.line, "全年收到申请5件，办结5件。");
        assert_eq!(
            fix.with,
            "全年收到申请5件，办结{{ 依申请公开.办理结果.总计.总计 }}件。"
        );
        assert_eq!(fix.label, "绑定到表格");
        // Without a place there is nothing to bind.
        let unplaced = Diagnostic::new(codes::NARR, "x").bind(Some("年度".into()));
        assert!(
            finding(&unplaced, &[], None, (text, Some(&report)))
                .fix
                .is_none()
        );
    }
}
