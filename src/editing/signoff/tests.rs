//! The whole round on the examples: build the .docx, edit it with tracked
//! changes and a comment, merge, write, build again.

use crate::slice::Slice;

use super::*;
use crate::render::document;
use crate::render::docx::{self, DocxOptions};
use crate::signoff::read::{self, Block};

/// The examples and the benchmark report, by name and text.
pub(crate) fn reports() -> Vec<(String, String)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(root.join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    names.push(root.join("benches/report-2500.yaml"));
    names.sort();
    for p in names {
        let text = std::fs::read_to_string(&p).unwrap();
        out.push((p.display().to_string(), text));
    }
    out
}

fn report(name: &str, text: &str) -> Report {
    load::load_str(SourceFile::new(name, text))
        .report
        .expect("a report")
}

/// The .docx parts built from `text`.
fn parts(name: &str, text: &str) -> Vec<(String, String)> {
    let doc = document::build(&report(name, text), None);
    docx::parts(&doc, &DocxOptions::default()).unwrap()
}

fn zip(parts: &[(String, String)]) -> Vec<u8> {
    let entries: Vec<(&str, Vec<u8>)> = parts
        .iter()
        .map(|(n, x)| (n.as_str(), x.clone().into_bytes()))
        .collect();
    crate::zip_xml::zip::write(&entries)
}

/// `xml` with the first `old` (inside one `w:t`) replaced by a tracked
/// deletion of it and insertion of `new`, as Word writes them.
fn track(xml: &str, old: &str, new: &str) -> String {
    track_after(xml, "", old, new)
}

/// [`track`] for the first `old` right after `context`.
fn track_after(xml: &str, context: &str, old: &str, new: &str) -> String {
    let needle = format!("{context}{old}");
    let at = xml
        .find(&needle)
        .unwrap_or_else(|| panic!("{needle} not in the document"))
        + context.len();
    let rev = "w:author=\"张科长\" w:date=\"2026-01-05T09:00:00Z\"";
    let mut marks = String::from("</w:t></w:r>");
    if !old.is_empty() {
        marks.push_str(&format!(
            "<w:del w:id=\"9{at}\" {rev}><w:r><w:delText xml:space=\"preserve\">{old}</w:delText></w:r></w:del>"
        ));
    }
    if !new.is_empty() {
        marks.push_str(&format!(
            "<w:ins w:id=\"8{at}\" {rev}><w:r><w:t xml:space=\"preserve\">{new}</w:t></w:r></w:ins>"
        ));
    }
    marks.push_str("<w:r><w:t xml:space=\"preserve\">");
    format!(
        "{}{marks}{}",
        xml.slice_to(at),
        xml.slice_from(at + old.len())
    )
}

fn set_part(parts: &mut [(String, String)], name: &str, f: impl FnOnce(&str) -> String) {
    let p = parts.iter_mut().find(|(n, _)| n == name).unwrap();
    p.1 = f(&p.1);
}

/// The body's text as accepted: paragraphs, then cells, in order.
fn accepted_text(bytes: &[u8]) -> Vec<String> {
    read::read(bytes)
        .unwrap()
        .blocks
        .iter()
        .flat_map(|b| match b {
            Block::Para(p) => vec![p.new.clone()],
            Block::Table(cells) => cells.iter().map(|c| c.new.clone()).collect(),
        })
        .collect()
}

#[test]
fn an_unedited_document_has_no_changes() {
    for (name, text) in reports() {
        let r = report(&name, &text);
        let bytes = zip(&parts(&name, &text));
        let review = signoff::review(&r, &bytes).unwrap();
        assert_eq!(review.changes, [], "{name}");
        assert_eq!(review.version, signoff::Version::Same, "{name}");
    }
}

/// The first example's name and data file.
fn first_example() -> (String, String) {
    reports()
        .into_iter()
        .find(|(n, _)| n.ends_with("zhangdian-transport-2020.yaml"))
        .unwrap()
}

/// The comments part of a package holding `comments` (`<w:comment>`
/// elements).
fn comments_part(comments: &str) -> (String, String) {
    (
        "word/comments.xml".into(),
        format!(
            "<?xml version=\"1.0\"?><w:comments xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">{comments}</w:comments>"
        ),
    )
}

/// The reviewed copy of the first example: a cell, a sentence, a
/// sub-heading and a figure changed with tracked changes, and a comment.
fn reviewed_example() -> (String, String, Vec<u8>) {
    let (name, text) = first_example();
    let mut parts = parts(&name, &text);
    set_part(&mut parts, "word/document.xml", |x| {
        let x = track_after(x, "\">", "87", "90");
        let x = track(&x, "知情权和", "知情权、参与权和");
        let x = track(&x, "健全工作机构", "健全组织机构");
        x.replacen(
            "对拟公开的信息",
            "</w:t></w:r><w:commentRangeStart w:id=\"0\"/><w:r><w:t>对拟公开的信息</w:t></w:r>\
             <w:commentRangeEnd w:id=\"0\"/><w:r><w:t xml:space=\"preserve\">",
            1,
        )
    });
    parts.push(comments_part(
        "<w:comment w:id=\"0\" w:author=\"李主任\" w:date=\"2026-01-06T00:00:00Z\"><w:p><w:r><w:t>审查流程写具体些</w:t></w:r></w:p></w:comment>",
    ));
    let bytes = zip(&parts);
    (name, text, bytes)
}

#[test]
fn tracked_changes_are_traced_written_and_built_again() {
    let (name, text, bytes) = reviewed_example();
    let r = report(&name, &text);
    let review = signoff::review(&r, &bytes).unwrap();
    let cell = review
        .changes
        .iter()
        .find(|c| c.edit.path() == Some("主动公开.行政许可.上一年项目数量"))
        .expect("the cell's change");
    assert_eq!((cell.before.as_str(), cell.after.as_str()), ("87", "90"));
    assert_eq!(cell.revisions[0].author, "张科长");
    let fields: Vec<_> = review
        .changes
        .iter()
        .filter(|c| c.edit.path() == Some("总体情况"))
        .collect();
    assert_eq!(fields.len(), 2, "{:#?}", review.changes);
    assert!(
        review.changes.iter().all(|c| c.writable()),
        "{:#?}",
        review.changes
    );
    assert_eq!(review.comments.len(), 1);
    assert_eq!(review.comments[0].comment.anchor, "对拟公开的信息");
    assert_eq!(review.comments[0].path.as_deref(), Some("总体情况"));

    let all: Vec<&Change> = review.changes.iter().collect();
    let applied = apply(&name, &text, &all).unwrap();
    assert_eq!(applied.failed, []);
    // The data file keeps its comments and layout.
    assert!(applied.text.contains("# 金额单位：万元"));
    assert!(applied.text.contains("### （一）健全组织机构"));
    assert!(applied.text.contains("保障公众的知情权、参与权和监督权"));
    assert!(applied.text.contains("上一年项目数量: 90"));
    // Built again, the document reads as the reviewed one with its
    // revisions accepted.
    let again = zip(&parts(&name, &applied.text));
    assert_eq!(accepted_text(&again), accepted_text(&bytes));
    // A second run finds nothing left to write.
    let after = signoff::review(&report(&name, &applied.text), &bytes).unwrap();
    assert!(after.changes.is_empty(), "{:#?}", after.changes);
}

#[test]
fn a_changed_data_file_is_detected_and_conflicts_named() {
    let (name, text, bytes) = reviewed_example();
    // The clerk changed the same cell after building the document.
    let changed = text.replace("上一年项目数量: 87", "上一年项目数量: 88");
    let review = signoff::review(&report(&name, &changed), &bytes).unwrap();
    assert_eq!(review.version, signoff::Version::Changed);
    let cell = review
        .changes
        .iter()
        .find(|c| c.edit.path() == Some("主动公开.行政许可.上一年项目数量"))
        .unwrap();
    assert!(cell.conflict.is_some(), "{cell:?}");
    // A sentence the clerk changed since, that the reviewer changed too.
    let both = text.replace("保障公众的知情权和监督权", "保障公众的知情权与监督权");
    let review2 = signoff::review(&report(&name, &both), &bytes).unwrap();
    let sentence = review2
        .changes
        .iter()
        .find(|c| c.before.contains("知情权与监督权"))
        .expect("the sentence's change");
    assert!(sentence.conflict.is_some(), "{sentence:?}");
    assert!(!sentence.writable());
    // The narrative was not touched since: its changes are not conflicts.
    assert!(
        review
            .changes
            .iter()
            .filter(|c| c.edit.path() == Some("总体情况"))
            .all(|c| c.conflict.is_none())
    );
}

#[test]
fn a_figure_in_the_text_goes_to_its_cell_and_findings_are_named() {
    let (name, text) = first_example();
    let text = text.replace(
        "保障公众的知情权和监督权。",
        "保障公众的知情权和监督权。全年收到申请{{ 依申请公开.本年新收.自然人 }}件。",
    );
    let mut parts = parts(&name, &text);
    set_part(&mut parts, "word/document.xml", |x| {
        // The figure in a run of its own, after a zero-width space
        // (render::docx::runs::pieces).
        track_after(x, "\u{200B}", "0", "5")
    });
    let bytes = zip(&parts);
    let review = signoff::review(&report(&name, &text), &bytes).unwrap();
    assert_eq!(review.changes.len(), 1, "{:#?}", review.changes);
    let c = &review.changes[0];
    assert_eq!(
        c.edit,
        Edit::Value {
            path: "依申请公开.本年新收[0]".into(),
            value: "5".into()
        }
    );
    // The row's 总计 no longer adds up: the change would cause a finding.
    let before = diagnostics(&name, &text);
    let found = findings(&name, &text, c, &before);
    assert!(found.iter().any(|f| f.starts_with("T3-")), "{found:?}");
}

/// `xml` with a tracked insertion of `new` at byte `at` (inside a `w:t`),
/// anchored by comment 0 when `comment`.
fn insert_at(xml: &str, at: usize, new: &str, comment: bool) -> String {
    let rev = "w:author=\"王科员\" w:date=\"2026-01-07T10:00:00Z\"";
    let ins = format!(
        "<w:ins w:id=\"7{at}\" {rev}><w:r><w:t xml:space=\"preserve\">{new}</w:t></w:r></w:ins>"
    );
    let ins = if comment {
        format!("<w:commentRangeStart w:id=\"0\"/>{ins}<w:commentRangeEnd w:id=\"0\"/>")
    } else {
        ins
    };
    format!(
        "{}</w:t></w:r>{ins}<w:r><w:t xml:space=\"preserve\">{}",
        xml.slice_to(at),
        xml.slice_from(at)
    )
}

/// Tracked edits any built report can take: a figure of a table cell
/// (one printed only once), words added to the first sentence after the
/// first section heading (with a comment on them), and to the first
/// sub-heading. Returns the edited XML and whether a cell was changed.
fn review_generically(report: &Report, xml: &str) -> (String, bool) {
    let mut x = xml.to_string();
    let mut cell = false;
    for g in crate::grid::tables(report) {
        let unique = g.cells.iter().find(|c| {
            c.path.is_some()
                && c.text.parse::<u64>().is_ok()
                && x.matches(&format!(">{}</w:t>", c.text)).count() == 1
        });
        if let Some(c) = unique {
            let n: u64 = c.text.parse().unwrap();
            x = track_after(&x, ">", &c.text, &(n + 1).to_string());
            cell = true;
            break;
        }
    }
    let level1 = x.find("w:val=\"Level1\"").unwrap();
    let stop = level1 + x.slice_from(level1).find('。').unwrap();
    x = insert_at(&x, stop, "（经审签）", true);
    if let Some(h) = x.find("w:val=\"Level2\"") {
        let end = h + x.slice_from(h).find("</w:t>").unwrap();
        x = insert_at(&x, end, "情况", false);
    }
    (x, cell)
}

#[test]
fn every_report_comes_back_exactly_after_tracked_changes() {
    let mut cells = 0;
    for (name, text) in reports() {
        let r = report(&name, &text);
        let mut edited = parts(&name, &text);
        let mut cell = false;
        set_part(&mut edited, "word/document.xml", |x| {
            let (x, c) = review_generically(&r, x);
            cell = c;
            x
        });
        edited.push(comments_part(
            "<w:comment w:id=\"0\" w:author=\"李主任\"><w:p><w:r><w:t>同意</w:t></w:r></w:p></w:comment>",
        ));
        let bytes = zip(&edited);
        let review = signoff::review(&r, &bytes).unwrap();
        assert!(review.changes.len() >= 2, "{name}: {:#?}", review.changes);
        assert!(
            review.changes.iter().all(Change::writable),
            "{name}: {:#?}",
            review.changes
        );
        assert_eq!(review.comments[0].comment.anchor, "（经审签）", "{name}");
        cells += usize::from(cell);
        let all: Vec<&Change> = review.changes.iter().collect();
        let applied = apply(&name, &text, &all).unwrap();
        assert_eq!(applied.failed, [], "{name}");
        let again = zip(&parts(&name, &applied.text));
        assert_eq!(accepted_text(&again), accepted_text(&bytes), "{name}");
        let after = signoff::review(&report(&name, &applied.text), &bytes).unwrap();
        assert!(after.changes.is_empty(), "{name}: {:#?}", after.changes);
    }
    assert!(cells >= 2, "a cell changed in most reports");
}

#[test]
fn deleted_and_empty_paragraphs_leave_nothing_behind() {
    let (name, text) = first_example();
    let mut edited = parts(&name, &text);
    let rev = "w:author=\"张科长\" w:date=\"2026-01-05T09:00:00Z\"";
    set_part(&mut edited, "word/document.xml", |x| {
        // The last paragraph of 五 deleted with its mark, as Word does.
        let last = "下一步，我局将增强信息报送意识，及时发布和更新应主动公开的信息；组织业务培训，提高依申请公开的办理能力；健全信息公开工作制度，推动公开工作规范化、常态化。";
        let x = x.replacen(
            &format!("<w:p><w:r><w:t xml:space=\"preserve\">{last}</w:t></w:r></w:p>"),
            &format!(
                "<w:p><w:pPr><w:rPr><w:del w:id=\"1\" {rev}/></w:rPr></w:pPr><w:del w:id=\"2\" {rev}><w:r><w:delText>{last}</w:delText></w:r></w:del></w:p>"
            ),
            1,
        );
        // An empty paragraph typed into 一 without tracking.
        x.replacen(
            "<w:p><w:r><w:t xml:space=\"preserve\">对拟公开的信息",
            "<w:p/><w:p><w:r><w:t xml:space=\"preserve\">对拟公开的信息",
            1,
        )
    });
    let bytes = zip(&edited);
    let review = signoff::review(&report(&name, &text), &bytes).unwrap();
    assert_eq!(review.changes.len(), 1, "{:#?}", review.changes);
    let all: Vec<&Change> = review.changes.iter().collect();
    let applied = apply(&name, &text, &all).unwrap();
    assert!(!applied.text.contains("下一步，我局"));
    let again = zip(&parts(&name, &applied.text));
    let without_empty =
        |v: Vec<String>| v.into_iter().filter(|t| !t.is_empty()).collect::<Vec<_>>();
    assert_eq!(
        without_empty(accepted_text(&again)),
        without_empty(accepted_text(&bytes))
    );
    let after = signoff::review(&report(&name, &applied.text), &bytes).unwrap();
    assert!(after.changes.is_empty(), "{:#?}", after.changes);
}
