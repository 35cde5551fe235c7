//! The sign-off round on the first example: edits without tracking, new
//! and deleted paragraphs, moves, the signature and the date, an official
//! heading, and a document that is not this tool's.

use crate::slice::Slice;

use super::*;
use crate::load;
use crate::model::Report;
use crate::source::SourceFile;

fn example() -> (Report, String) {
    example_named("zhangdian-transport-2020.yaml")
}

fn example_named(name: &str) -> (Report, String) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name);
    example_of(&std::fs::read_to_string(path).unwrap())
}

/// The report of the data file `text` and its Word document's body XML.
fn example_of(text: &str) -> (Report, String) {
    let report = load::load_str(SourceFile::new("2020.yaml", text))
        .report
        .unwrap();
    let doc = crate::render::document::build(&report, None);
    let parts = crate::render::docx::parts(&doc, &Default::default()).unwrap();
    let xml = parts
        .into_iter()
        .find(|(n, _)| n == "word/document.xml")
        .unwrap()
        .1;
    (report, xml)
}

/// The edit that sets the data file's `path` to `value`.
fn value_edit(path: &str, value: &str) -> Edit {
    Edit::Value {
        path: path.into(),
        value: value.into(),
    }
}

/// A package holding `xml` as its document (no recorded digest).
fn package(xml: &str) -> Vec<u8> {
    crate::zip_xml::zip::write(&[("word/document.xml", xml.as_bytes().to_vec())])
}

/// The one paragraph `<w:p>…</w:p>` of `xml` holding `text`.
fn paragraph_of<'a>(xml: &'a str, text: &str) -> &'a str {
    let at = xml.find(text).unwrap();
    let start = xml.slice_to(at).rfind("<w:p>").unwrap();
    let end = at + xml.slice_from(at).find("</w:p>").unwrap() + "</w:p>".len();
    xml.slice(start, end)
}

/// The field's value with the field edits of `review` applied.
fn field_after(report: &Report, review: &Review, path: &str) -> String {
    let edits: Vec<&(Range<usize>, String)> = review
        .changes
        .iter()
        .filter_map(|c| match &c.edit {
            Edit::Field { path: p, edits } if p == path => Some(edits.iter()),
            _ => None,
        })
        .flatten()
        .collect();
    let value = match path {
        "总体情况" => &report.overview.value,
        "问题及改进" => &report.problems.value,
        _ => &report.other.value,
    };
    apply_field_edits(value, &edits).unwrap()
}

#[test]
fn edits_without_tracking_new_and_deleted_paragraphs_are_found() {
    let (report, xml) = example();
    let first = "本年度信息公开的深度和广度仍有不足，部分栏目更新不够及时。";
    let xml = xml.replacen(
        first,
        "本年度信息公开的深度仍有不足，部分栏目更新不够及时。",
        1,
    );
    // A paragraph added after the second, without tracking.
    let second = paragraph_of(&xml, "下一步，我局").to_string();
    let added = format!("{second}<w:p><w:r><w:t>明年将开设专栏。</w:t></w:r></w:p>");
    let xml = xml.replacen(&second, &added, 1);
    // A paragraph of 总体情况 deleted without tracking.
    let gone = paragraph_of(&xml, "对拟公开的信息").to_string();
    let xml = xml.replacen(&gone, "", 1);
    let review = review(&report, &package(&xml)).unwrap();
    assert_eq!(review.version, Version::Unknown);
    assert!(review.changes.iter().all(|c| c.revisions.is_empty()));
    assert!(
        review.changes.iter().all(Change::writable),
        "{:#?}",
        review.changes
    );
    let problems = field_after(&report, &review, "问题及改进");
    assert!(
        problems.starts_with("本年度信息公开的深度仍有不足，"),
        "{problems}"
    );
    assert!(
        problems
            .trim_end()
            .ends_with("常态化。\n\n明年将开设专栏。"),
        "{problems}"
    );
    let overview = field_after(&report, &review, "总体情况");
    assert!(!overview.contains("对拟公开的信息"), "{overview}");
    assert!(overview.contains("### （二）严格发布审查"), "{overview}");
}

#[test]
fn a_tracked_move_and_a_deleted_paragraph_mark() {
    let (report, xml) = example();
    let rev = "w:author=\"赵\" w:date=\"2026-01-08T00:00:00Z\"";
    // 部分栏目更新不够及时。 moved to the end of the next paragraph.
    let xml = xml.replacen(
        "仍有不足，部分栏目更新不够及时。</w:t></w:r>",
        &format!(
            "仍有不足，</w:t></w:r><w:moveFrom {rev}><w:r><w:t>部分栏目更新不够及时。</w:t></w:r></w:moveFrom>"
        ),
        1,
    );
    let xml = xml.replacen(
        "规范化、常态化。</w:t></w:r>",
        &format!(
            "规范化、常态化。</w:t></w:r><w:moveTo {rev}><w:r><w:t>部分栏目更新不够及时。</w:t></w:r></w:moveTo>"
        ),
        1,
    );
    let review = review(&report, &package(&xml)).unwrap();
    let kinds: Vec<RevisionKind> = review
        .changes
        .iter()
        .flat_map(|c| c.revisions.iter().map(|r| r.kind))
        .collect();
    assert!(kinds.contains(&RevisionKind::MoveFrom) && kinds.contains(&RevisionKind::MoveTo));
    let problems = field_after(&report, &review, "问题及改进");
    assert!(
        problems.starts_with("本年度信息公开的深度和广度仍有不足，\n"),
        "{problems}"
    );
    assert!(
        problems.contains("常态化。部分栏目更新不够及时。"),
        "{problems}"
    );
}

#[test]
fn signature_date_and_official_headings() {
    let (report, xml) = example();
    // The writer joins the date's digits to its Han characters (U+2060);
    // the reviewer's date is typed without them.
    let written =
        "<w:t xml:space=\"preserve\">2021\u{2060}年\u{2060}1\u{2060}月\u{2060}25\u{2060}日</w:t>";
    assert!(xml.contains(written));
    let xml = xml.replacen(
        written,
        "<w:t xml:space=\"preserve\">2021年1月28日</w:t>",
        1,
    );
    let xml = xml.replacen("五、存在的主要问题及改进情况", "五、存在的问题", 1);
    let review = review(&report, &package(&xml)).unwrap();
    let date = review
        .changes
        .iter()
        .find(|c| c.place == "成文日期")
        .unwrap();
    assert_eq!(date.edit, value_edit("成文日期", "2021-01-28"));
    let heading = review
        .changes
        .iter()
        .find(|c| c.before == "五、存在的主要问题及改进情况")
        .unwrap();
    assert_eq!(heading.edit, Edit::None);
    assert!(heading.problem.as_deref().unwrap().contains("固定文字"));
    assert_eq!(heading.after, "五、存在的问题");
}

#[test]
fn a_repeated_group_label_is_a_fixed_label() {
    // Table 三's outer label is written again at each block of its rows;
    // a change to a repeated copy is a change to the form's fixed text.
    let (report, xml) = example();
    let label = "<w:t xml:space=\"preserve\">三、本年度办理结果</w:t>";
    let second = xml
        .find(label)
        .and_then(|i| xml.slice_from(i + 1).find(label).map(|j| i + 1 + j));
    let at = second.expect("the label twice");
    let xml = format!(
        "{}<w:t xml:space=\"preserve\">三、办理结果</w:t>{}",
        xml.slice_to(at),
        xml.slice_from(at + label.len())
    );
    let review = review(&report, &package(&xml)).unwrap();
    let change = review
        .changes
        .iter()
        .find(|c| c.after == "三、办理结果")
        .expect("the change");
    assert_eq!(change.edit, Edit::None);
    assert!(
        change.problem.as_deref().unwrap().contains("法定栏目文字"),
        "{change:?}"
    );
}

#[test]
fn a_document_not_made_by_this_tool_is_listed_not_dropped() {
    let (report, _) = example();
    let xml = "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
               <w:body><w:p><w:r><w:t>一份别的文件。</w:t></w:r></w:p></w:body></w:document>";
    let review = review(&report, &package(xml)).unwrap();
    assert!(!review.changes.is_empty());
    assert!(
        review
            .changes
            .iter()
            .any(|c| c.after.contains("一份别的文件"))
    );
    // Nothing of it is written without a look: the title cannot take it.
    assert!(review.changes.iter().any(|c| !c.writable()));
}

#[test]
fn a_section_grown_huge_is_listed_not_compared() {
    let (report, xml) = example();
    let second = paragraph_of(&xml, "下一步，我局").to_string();
    let flood =
        "<w:p><w:r><w:t>甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸</w:t></w:r></w:p>".repeat(20_000);
    let xml = xml.replacen(&second, &format!("{second}{flood}"), 1);
    let review = review(&report, &package(&xml)).unwrap();
    assert_eq!(review.changes.len(), 1, "{:?}", review.changes.len());
    assert_eq!(review.changes[0].edit, Edit::None);
    assert!(review.changes[0].problem.as_deref().unwrap().contains("KB"));
}

#[test]
fn a_contact_detail_in_the_generated_opening_goes_to_its_field() {
    let (report, xml) = example_named("zibo-zhangdian-traffic-2024.yaml");
    assert!(xml.contains("2139070"));
    let xml = xml.replacen("2139070", "2139071", 1);
    let review = review(&report, &package(&xml)).unwrap();
    assert_eq!(review.changes.len(), 1, "{:#?}", review.changes);
    assert_eq!(
        review.changes[0].edit,
        value_edit("联系方式.电话", "2139071")
    );
    assert_eq!(review.changes[0].place, "开头段落");
}

/// The example with fees charged: 2 notices, 0.3 万元 notified and
/// collected.
fn example_with_fees() -> (Report, String) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/zibo-zhangdian-traffic-2024.yaml");
    let text = std::fs::read_to_string(path)
        .unwrap()
        .replace("收费通知件数: 0", "收费通知件数: 2")
        .replace("收费通知金额: 0", "收费通知金额: 0.3")
        .replace("实际收取金额: 0", "实际收取金额: 0.3");
    example_of(&text)
}

/// Issue 74: a figure of the generated fee statement goes to its fee
/// field; an edit of its words says which fields to change instead.
#[test]
fn the_fee_statement_figures_go_to_their_fields_and_its_words_say_what_to_change() {
    let (report, xml) = example_with_fees();
    // The figure is its own run, held to its unit by a word joiner.
    let at = xml
        .find("发出收费通知")
        .expect("the fee statement is printed");
    let (head, tail) = xml.split_at_checked(at).expect("a character boundary");
    assert!(tail.contains("2\u{2060}件"), "the figure");
    let edited = format!("{head}{}", tail.replacen("2\u{2060}件", "3\u{2060}件", 1));
    let found = review(&report, &package(&edited)).unwrap();
    assert_eq!(found.changes.len(), 1, "{:#?}", found.changes);
    assert_eq!(
        found.changes[0].edit,
        value_edit("其他事项.信息处理费.收费通知件数", "3")
    );
    let (report, xml) = example_named("zibo-zhangdian-traffic-2024.yaml");
    assert!(xml.contains("未收取信息处理费"));
    let edited = xml.replacen("未收取信息处理费", "收取信息处理费0.1万元", 1);
    let found = review(&report, &package(&edited)).unwrap();
    assert_eq!(found.changes.len(), 1, "{:#?}", found.changes);
    assert_eq!(found.changes[0].edit, Edit::None);
    let problem = found.changes[0].problem.as_deref().unwrap_or_default();
    assert!(problem.contains("实际收取金额"), "{problem}");
}

/// Issue 58.3: a reviewed document that lost its body, or most of its
/// paragraphs, is refused: its changes are listed, none is writable.
#[test]
fn a_document_that_lost_most_of_its_body_is_refused() {
    let (report, xml) = example();
    let second = paragraph_of(&xml, "下一步，我局").to_string();
    let start = xml.find("<w:body>").unwrap() + "<w:body>".len();
    let end = xml.find("<w:sectPr").unwrap();
    let cut = format!("{}{second}{}", xml.slice_to(start), xml.slice_from(end));
    let review = review(&report, &package(&cut)).unwrap();
    let why = review.refusal.as_deref().unwrap();
    assert!(why.contains("正文的大部分已经不在"), "{why}");
    assert!(!review.changes.is_empty());
    assert!(review.changes.iter().all(|c| !c.writable()));
    // The whole document, without its digest, is taken.
    assert_eq!(review_of(&report, &xml).refusal, None);
}

fn review_of(report: &Report, xml: &str) -> Review {
    review(report, &package(xml)).unwrap()
}

/// Without the recorded digest, another agency's or another year's report
/// is recognised by its title and refused.
#[test]
fn another_agencys_or_years_report_without_its_digest_is_refused() {
    let (report, xml) = example();
    // A word joiner keeps the year with 年 (render::docx::runs).
    assert!(xml.contains("张店区交通运输局") && xml.contains("2020\u{2060}年"));
    let other = xml.replace("张店区交通运输局", "张店区审计局");
    let why = review_of(&report, &other).refusal.unwrap();
    assert!(why.contains("别的单位或别的年度"), "{why}");
    let year = xml.replace("2020\u{2060}年", "2019\u{2060}年");
    let review = review_of(&report, &year);
    assert!(review.refusal.is_some());
    assert!(review.changes.iter().all(|c| !c.writable()));
}
