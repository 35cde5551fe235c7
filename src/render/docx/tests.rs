//! Structure tests on the package and `word/document.xml`.

use crate::slice::Slice;

use super::*;
use crate::grid::Grid;
use crate::model::Edition;
use crate::render::document::{self, Draft};

fn doc(edition: Edition) -> Document {
    let mut r = crate::testutil::report(edition);
    r.agency.value = "淄博市公安局交通警察支队张店大队".into();
    document::build(&r, None)
}

/// The document of `edition`'s sample report marked a draft for `errors`
/// errors and `warnings` warnings.
fn draft_doc(edition: Edition, errors: usize, warnings: usize) -> Document {
    let mut d = doc(edition);
    d.draft = Some(Draft {
        errors,
        warnings,
        unprinted: 0,
    });
    d
}

fn part(parts: &[(String, String)], name: &str) -> String {
    parts
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no part {name}"))
        .1
        .clone()
}

/// Checks that `xml` is well formed as far as tags go: every element
/// closed in order, no character XML 1.0 forbids.
fn assert_well_formed(name: &str, xml: &str) {
    assert!(xml.starts_with(crate::zip_xml::xml::DECL), "{name}");
    for c in xml.chars() {
        assert!(
            !c.is_control() || matches!(c, '\n' | '\t' | '\r'),
            "{name}: control character {c:?}"
        );
    }
    let mut stack: Vec<&str> = Vec::new();
    let mut rest = xml.slice_from(crate::zip_xml::xml::DECL.len());
    while let Some(i) = rest.find('<') {
        let after = rest.slice_from(i + 1);
        let end = after.find('>').expect("tag closes");
        let tag = after.slice_to(end);
        assert!(!tag.contains('<'), "{name}: '<' inside a tag: {tag}");
        if let Some(closing) = tag.strip_prefix('/') {
            assert_eq!(stack.pop(), Some(closing), "{name}");
        } else if !tag.ends_with('/') {
            stack.push(tag.split_whitespace().next().unwrap());
        }
        let text = rest.slice_to(i);
        assert!(!text.contains('>'), "{name}: bare '>' in text");
        rest = after.slice_from(end + 1);
    }
    assert!(stack.is_empty(), "{name}: unclosed {stack:?}");
}

/// The text of all `<w:t>` elements in `xml`, unescaped.
fn texts(xml: &str) -> String {
    let mut s = String::new();
    let mut rest = xml;
    while let Some(i) = rest.find("<w:t") {
        let after = rest.slice_from(i);
        let open_end = after.find('>').unwrap();
        let tag = after.slice_to(open_end);
        if !(tag == "<w:t" || tag.starts_with("<w:t ")) {
            rest = after.slice_from(open_end);
            continue;
        }
        let close = after.find("</w:t>").unwrap();
        s.push_str(after.slice(open_end + 1, close));
        rest = after.slice_from(close);
    }
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

fn attr(xml: &str, element: &str, name: &str) -> Option<String> {
    let i = xml.find(&format!("<{element} "))?;
    let tag = xml.slice(i, i + xml.slice_from(i).find('>')?);
    let j = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(tag.slice(j, j + tag.slice_from(j).find('"')?).to_string())
}

/// A cell read back: (row, col, rowspan, colspan, text).
type ReadCell = (usize, usize, usize, usize, String);

/// A table read back: its cells, how many leading rows repeat as the
/// header, and the column widths.
fn read_table(tbl: &str) -> (Vec<ReadCell>, usize, Vec<i32>) {
    let widths: Vec<i32> = tbl
        .split("<w:gridCol w:w=\"")
        .skip(1)
        .map(|s| s.slice_to(s.find('"').unwrap()).parse().unwrap())
        .collect();
    let mut cells: Vec<ReadCell> = Vec::new();
    let mut header_rows = 0;
    for (r, row) in tbl.split("<w:tr>").skip(1).enumerate() {
        if row.contains("<w:tblHeader/>") {
            assert_eq!(header_rows, r, "header rows lead");
            header_rows += 1;
        }
        let mut col = 0;
        for tc in row.split("<w:tc>").skip(1) {
            let span: usize = attr(tc, "w:gridSpan", "w:val").map_or(1, |v| v.parse().unwrap());
            if tc.contains("<w:vMerge/>") {
                let above = cells
                    .iter_mut()
                    .find(|c| c.1 == col && c.0 + c.2 == r)
                    .expect("a merge continues a cell above");
                assert_eq!(above.3, span, "continuation spans the same columns");
                above.2 += 1;
                assert_eq!(texts(tc), "", "continuation cells are empty");
            } else {
                cells.push((r, col, 1, span, texts(tc)));
            }
            col += span;
        }
    }
    (cells, header_rows, widths)
}

fn tables(xml: &str) -> Vec<&str> {
    xml.split("<w:tbl>")
        .skip(1)
        .map(|t| t.slice_to(t.find("</w:tbl>").unwrap()))
        .collect()
}

fn grids(d: &Document) -> Vec<&Grid> {
    d.sections.iter().filter_map(|s| s.table.as_ref()).collect()
}

/// Calls `f` with each part of `d`'s package, page numbers alternating and
/// centred.
fn each_part(d: &Document, mut f: impl FnMut(&str, &str)) {
    for numbers in [PageNumbers::Alternate, PageNumbers::Center] {
        let opts = DocxOptions {
            page_numbers: numbers,
            ..Default::default()
        };
        for (name, xml) in parts(d, &opts).unwrap() {
            f(&name, &xml);
        }
    }
}

#[test]
fn every_part_is_well_formed() {
    for e in [Edition::E2021, Edition::E2019] {
        let d = draft_doc(e, 1, 0);
        each_part(&d, assert_well_formed);
    }
}

#[test]
fn tables_merge_exactly_as_the_grid() {
    for e in [Edition::E2021, Edition::E2019] {
        let d = doc(e);
        let xml = part(
            &parts(&d, &Default::default()).unwrap(),
            "word/document.xml",
        );
        let tbls = tables(&xml);
        let gs = grids(&d);
        assert_eq!(tbls.len(), 3);
        for (tbl, g) in tbls.iter().zip(gs) {
            let (cells, header_rows, widths) = read_table(tbl);
            let mut want: Vec<ReadCell> = g
                .cells
                .iter()
                .map(|c| (c.row, c.col, c.rowspan, c.colspan, c.text.clone()))
                .collect();
            want.sort();
            let mut got = rejoined(&cells);
            got.sort();
            assert_eq!(got, want, "{:?}", g.id);
            assert_eq!(header_rows, g.header_rows, "{:?}", g.id);
            assert_eq!(widths.len(), g.columns);
            assert_eq!(widths.iter().sum::<i32>(), measure::TYPE_W);
            assert!(tbl.contains("<w:tblLayout w:type=\"fixed\"/>"));
            assert!(tbl.contains(&format!(
                "<w:tblW w:w=\"{}\" w:type=\"dxa\"/>",
                measure::TYPE_W
            )));
        }
    }
}

/// `cells` with the blocks of a first-column label that starts again with
/// the same text right below itself joined into one merged cell.
fn rejoined(cells: &[ReadCell]) -> Vec<ReadCell> {
    let mut sorted = cells.to_vec();
    sorted.sort_by_key(|c| (c.1, c.0));
    let mut out: Vec<ReadCell> = Vec::new();
    for c in sorted {
        match out.last_mut() {
            Some(p) if c.1 == 0 && p.1 == 0 && p.0 + p.2 == c.0 && p.4 == c.4 && c.3 == p.3 => {
                p.2 += c.2;
            }
            _ => out.push(c),
        }
    }
    out
}

#[test]
fn table_three_labels_each_block_of_its_outer_group() {
    for (e, blocks) in [
        (Edition::E2021, vec![2, 8, 3, 5, 4]),
        (Edition::E2019, vec![2, 8, 3, 7]),
    ] {
        let d = doc(e);
        let xml = part(
            &parts(&d, &Default::default()).unwrap(),
            "word/document.xml",
        );
        let (cells, _, _) = read_table(tables(&xml)[1]);
        let mut outer: Vec<&ReadCell> = cells
            .iter()
            .filter(|c| c.1 == 0 && c.4 == "三、本年度办理结果")
            .collect();
        outer.sort();
        let got: Vec<usize> = outer.iter().map(|c| c.2).collect();
        assert_eq!(got, blocks, "{e:?}");
        for w in outer.windows(2) {
            assert_eq!(w[0].0 + w[0].2, w[1].0, "{e:?}: blocks follow on");
        }
    }
}

#[test]
fn page_setup_follows_gb_t_9704() {
    let xml = part(
        &parts(&doc(Edition::E2021), &Default::default()).unwrap(),
        "word/document.xml",
    );
    let sect = xml.slice_from(xml.find("<w:sectPr>").unwrap());
    assert!(sect.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
    assert!(sect.contains("w:top=\"2098\" w:right=\"1475\" w:bottom=\"1984\" w:left=\"1587\""));
    assert!(sect.contains(
        "<w:docGrid w:type=\"linesAndChars\" w:linePitch=\"579\" w:charSpace=\"-849\"/>"
    ));
    assert!(sect.contains("<w:footerReference w:type=\"default\" r:id=\"rIdFooter1\"/>"));
    assert!(sect.contains("<w:footerReference w:type=\"even\" r:id=\"rIdFooter2\"/>"));
    assert!(
        !sect.contains("headerReference"),
        "no header unless a draft"
    );
}

#[test]
fn text_is_in_order_with_headings_and_signature() {
    let d = doc(Edition::E2021);
    let xml = part(
        &parts(&d, &Default::default()).unwrap(),
        "word/document.xml",
    );
    // Title broken after the agency, centred by its style.
    assert!(xml.contains(
        "<w:pStyle w:val=\"Title\"/></w:pPr><w:r><w:t xml:space=\"preserve\">淄博市公安局交通警察支队张店大队</w:t><w:br/>"
    ));
    for h in crate::model::official::SECTION_HEADINGS {
        assert!(
            xml.contains(&format!(
                "<w:pStyle w:val=\"Level1\"/></w:pPr><w:r><w:t xml:space=\"preserve\">{h}</w:t>"
            )),
            "{h}"
        );
    }
    let all = texts(&xml);
    let mut at = 0;
    for s in &d.sections {
        let i = all
            .slice_from(at)
            .find(s.heading)
            .expect("headings in order");
        at += i;
    }
    // Signature: the name two characters in, the date 2 characters right of
    // its start (16 characters of name, 6.5 of date).
    assert!(xml.contains(&format!(
        "<w:pStyle w:val=\"Signature\"/><w:ind w:right=\"632\" w:rightChars=\"200\" w:firstLineChars=\"0\" w:firstLine=\"0\"/></w:pPr><w:r><w:t xml:space=\"preserve\">{}</w:t>",
        d.agency
    )));
    // The date set from the left, 12 characters in; word joiners between
    // its digits and Han characters.
    assert!(xml.contains(&format!(
        "<w:pStyle w:val=\"SignatureDate\"/><w:ind w:left=\"3790\" w:leftChars=\"1200\" w:right=\"0\" w:rightChars=\"0\" w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"left\"/></w:pPr><w:r><w:t xml:space=\"preserve\">{}</w:t>",
        d.date.replace('年', "\u{2060}年\u{2060}").replace('月', "\u{2060}月\u{2060}").replace('日', "\u{2060}日")
    )));
    assert!(
        all.replace('\u{2060}', "")
            .ends_with(&format!("{}{}", d.agency, d.date))
    );
}

#[test]
fn a_longer_date_pushes_the_name_in() {
    assert_eq!(
        signature_indents("某局", "2025年1月10日"),
        (
            vec![("某局".to_string(), DatePlace::Right(8.5))],
            DatePlace::Right(2.0)
        )
    );
    // A date ending closer than two characters to the edge moves the name
    // too, as in the PDF.
    assert_eq!(
        signature_indents("某某某某某某某某", "2025年1月10日"),
        (
            vec![("某某某某某某某某".to_string(), DatePlace::Right(2.5))],
            DatePlace::Right(2.0)
        )
    );
    // A long name breaks after its units; its lines start together and the
    // date stays on one line two characters right of them.
    let (lines, date) = signature_indents(
        "内蒙古自治区呼伦贝尔市鄂温克族自治旗巴彦托海镇人民政府综合执法大队",
        "2025年1月20日",
    );
    assert_eq!(
        lines,
        [
            (
                "内蒙古自治区呼伦贝尔市鄂温克族自治旗".to_string(),
                DatePlace::Right(2.0)
            ),
            (
                "巴彦托海镇人民政府综合执法大队".to_string(),
                DatePlace::Right(5.0)
            )
        ]
    );
    // Set from the left: two characters right of the name, which starts
    // 8 characters in (18 characters wide, two from the right edge).
    assert_eq!(date, DatePlace::Left(10.0));
    // A name with Latin letters or digits, whose width depends on the
    // face, is set from the left: its lines start together in any face.
    let (lines, date) = signature_indents(
        "北京市公安局公安交通管理局ABC区第2分局交通管理支队",
        "2026年1月28日",
    );
    assert_eq!(
        lines,
        [
            (
                "北京市公安局公安交通管理局".to_string(),
                DatePlace::Left(13.0)
            ),
            (
                "ABC区第2分局交通管理支队".to_string(),
                DatePlace::Left(13.0)
            )
        ]
    );
    assert_eq!(date, DatePlace::Left(15.0));
}

#[test]
fn hostile_text_is_escaped() {
    let mut r = crate::testutil::report(Edition::E2021);
    r.agency.value = "<w:t>&amp;\u{1}局\u{1b}[2J".into();
    r.overview.value = "**粗** <script>&\u{7} ]]>\n\n# 标题 <b>".into();
    let d = document::build(&r, None);
    let ps = parts(&d, &Default::default()).unwrap();
    for (name, xml) in &ps {
        assert_well_formed(name, xml);
    }
    let xml = part(&ps, "word/document.xml");
    // A narrative's control character is shown as its code, as in every
    // format (render::printable).
    assert!(xml.contains("&lt;script&gt;&amp;\\u{7} ]]&gt;"), "{xml}");
    assert!(
        part(&ps, "docProps/core.xml")
            .contains("<dc:creator>&lt;w:t&gt;&amp;amp;\u{FFFD}局\u{FFFD}[2J</dc:creator>")
    );
    assert!(xml.contains("<w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space=\"preserve\">粗</w:t>"));
}

#[test]
fn compatibility_forms_are_written_as_what_they_stand_for() {
    // Pasted from a PDF: Kangxi and supplement radicals, full-width Latin
    // (issue 62.4); the soft hyphen stays Word's optional hyphen.
    let mut r = crate::testutil::report(Edition::E2021);
    r.overview.value = "⾏政⼈员核对⺠生信息，ＰＤＦ版本与multi\u{AD}platform一致。".into();
    let d = document::build(&r, None);
    let ps = parts(&d, &Default::default()).unwrap();
    let text = texts(&part(&ps, "word/document.xml")).replace(['\u{200B}', '\u{2060}'], "");
    assert!(
        text.contains("行政人员核对民生信息，PDF版本与multiplatform一致。"),
        "{text}"
    );
    assert!(part(&ps, "word/document.xml").contains("<w:softHyphen/>"));
    for c in ['⾏', '⼈', '⺠', 'Ｐ'] {
        assert!(!part(&ps, "word/document.xml").contains(c), "{c}");
    }
}

#[test]
fn properties_name_the_agency_and_date() {
    let d = doc(Edition::E2021);
    let ps = parts(&d, &Default::default()).unwrap();
    let core = part(&ps, "docProps/core.xml");
    assert!(core.contains(&format!("<dc:title>{}</dc:title>", d.title)));
    assert!(core.contains(&format!("<dc:creator>{}</dc:creator>", d.agency)));
    assert!(core.contains(">2025-01-10T00:00:00Z</dcterms:created>"));
    assert!(core.contains(">2025-01-10T00:00:00Z</dcterms:modified>"));
    assert!(part(&ps, "docProps/app.xml").contains("<Application>nianbao</Application>"));
}

#[test]
fn package_is_deterministic_and_complete() {
    let d = doc(Edition::E2021);
    let a = render(&d, &Default::default()).unwrap();
    let b = render(&d, &Default::default()).unwrap();
    assert_eq!(a, b);
    let names: Vec<String> = crate::zip_xml::zip::read(&a)
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert_eq!(
        names,
        [
            "[Content_Types].xml",
            "_rels/.rels",
            "docProps/core.xml",
            "docProps/app.xml",
            "docProps/custom.xml",
            "word/document.xml",
            "word/_rels/document.xml.rels",
            "word/styles.xml",
            "word/settings.xml",
            "word/fontTable.xml",
            "word/footer1.xml",
            "word/footer2.xml"
        ]
    );
    let ps = parts(&d, &Default::default()).unwrap();
    let types = part(&ps, "[Content_Types].xml");
    let rels = part(&ps, "word/_rels/document.xml.rels");
    for (name, _) in ps
        .iter()
        .filter(|(n, _)| n.starts_with("word/") && !n.contains("_rels"))
    {
        assert!(types.contains(&format!("PartName=\"/{name}\"")), "{name}");
        if name != "word/document.xml" {
            assert!(
                rels.contains(&format!("Target=\"{}\"", name.slice_from(5))),
                "{name}"
            );
        }
    }
}

#[test]
fn font_overrides_reach_the_styles() {
    let opts = DocxOptions {
        fonts: vec![(Role::Body, FontSource::Family("仿宋".into()))],
        ..Default::default()
    };
    let ps = parts(&doc(Edition::E2021), &opts).unwrap();
    let styles = part(&ps, "word/styles.xml");
    assert!(styles.contains("w:eastAsia=\"仿宋\""));
    assert!(!styles.contains("仿宋_GB2312"));
    assert!(part(&ps, "word/fontTable.xml").contains("<w:font w:name=\"仿宋\">"));
}

#[test]
fn the_signature_and_date_have_no_han_digit_spacing() {
    let ps = parts(&doc(Edition::E2021), &Default::default()).unwrap();
    let styles = part(&ps, "word/styles.xml");
    let at = styles
        .find(&format!("w:styleId=\"{}\"", super::id::SIGNATURE))
        .expect("signature style");
    let style = styles.slice(at, at + styles.slice_from(at).find("</w:style>").unwrap());
    assert!(
        style.contains("<w:autoSpaceDE w:val=\"0\"/><w:autoSpaceDN w:val=\"0\"/>"),
        "{style}"
    );
}

#[test]
fn drafts_are_marked() {
    let d = draft_doc(Edition::E2021, 3, 1);
    let ps = parts(&d, &Default::default()).unwrap();
    let xml = part(&ps, "word/document.xml");
    assert!(xml.contains("<w:headerReference w:type=\"default\" r:id=\"rIdHeader1\"/>"));
    assert!(xml.contains("<w:headerReference w:type=\"even\" r:id=\"rIdHeader2\"/>"));
    for h in ["word/header1.xml", "word/header2.xml"] {
        let x = part(&ps, h);
        // Without the zero-width characters where the scripts meet
        // (`runs::space_scripts`), as readers take them.
        let read = texts(&x).replace(['\u{200B}', '\u{2060}'], "");
        assert!(read.contains("草稿：检查发现 3 个错误、1 个警告"));
        assert!(x.contains("string=\"草稿\""));
    }
}

/// Child elements in the order the WordprocessingML schema requires (Word
/// refuses a file whose properties come out of order); only the children
/// this renderer writes, plus their neighbours.
const ORDER: &[(&str, &[&str])] = &[
    (
        "w:pPr",
        &[
            "w:pStyle",
            "w:keepNext",
            "w:keepLines",
            "w:pageBreakBefore",
            "w:widowControl",
            "w:autoSpaceDE",
            "w:autoSpaceDN",
            "w:snapToGrid",
            "w:spacing",
            "w:ind",
            "w:jc",
            "w:outlineLvl",
            "w:rPr",
        ],
    ),
    (
        "w:rPr",
        &[
            "w:rStyle",
            "w:rFonts",
            "w:b",
            "w:bCs",
            "w:i",
            "w:iCs",
            "w:noProof",
            "w:color",
            "w:spacing",
            "w:kern",
            "w:sz",
            "w:szCs",
            "w:lang",
        ],
    ),
    (
        "w:tblPr",
        &[
            "w:tblStyle",
            "w:tblW",
            "w:jc",
            "w:tblInd",
            "w:tblBorders",
            "w:tblLayout",
            "w:tblCellMar",
            "w:tblLook",
        ],
    ),
    ("w:tcPr", &["w:tcW", "w:gridSpan", "w:vMerge", "w:vAlign"]),
    (
        "w:sectPr",
        &[
            "w:headerReference",
            "w:footerReference",
            "w:pgSz",
            "w:pgMar",
            "w:pgNumType",
            "w:cols",
            "w:docGrid",
        ],
    ),
    (
        "w:style",
        &[
            "w:name",
            "w:basedOn",
            "w:next",
            "w:qFormat",
            "w:pPr",
            "w:rPr",
            "w:tblPr",
        ],
    ),
    (
        "w:settings",
        &[
            "w:zoom",
            "w:trackRevisions",
            "w:defaultTabStop",
            "w:evenAndOddHeaders",
            "w:characterSpacingControl",
            "w:compat",
            "w:themeFontLang",
            "w:decimalSymbol",
            "w:listSeparator",
        ],
    ),
    (
        "w:font",
        &["w:altName", "w:panose1", "w:charset", "w:family", "w:pitch"],
    ),
    (
        "w:r",
        &[
            "w:rPr",
            "w:t",
            "w:br",
            "w:tab",
            "w:fldChar",
            "w:instrText",
            "w:pict",
        ],
    ),
];

/// Checks the children of every element listed in [`ORDER`] in `xml`.
fn assert_schema_order(name: &str, xml: &str) {
    // (element, children seen so far)
    let mut stack: Vec<(&str, Vec<&str>)> = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find('<') {
        let after = rest.slice_from(i + 1);
        let end = after.find('>').unwrap();
        let tag = after.slice_to(end);
        rest = after.slice_from(end + 1);
        if tag.starts_with('?') {
            continue;
        }
        if let Some(closing) = tag.strip_prefix('/') {
            let (el, children) = stack.pop().unwrap();
            assert_eq!(el, closing);
            if let Some((_, order)) = ORDER.iter().find(|(e, _)| *e == el) {
                let pos: Vec<usize> = children
                    .iter()
                    .filter(|c| !(el == "w:r" && **c != "w:rPr"))
                    .map(|c| {
                        order
                            .iter()
                            .position(|o| o == c)
                            .unwrap_or_else(|| panic!("{name}: {c} unexpected in {el}"))
                    })
                    .collect();
                assert!(
                    pos.windows(2).all(|w| w[0] <= w[1]),
                    "{name}: children of {el} out of order: {children:?}"
                );
                if el == "w:r" && children.contains(&"w:rPr") {
                    assert_eq!(children[0], "w:rPr", "{name}: rPr first in a run");
                }
            }
            continue;
        }
        let el = tag.split_whitespace().next().unwrap().trim_end_matches('/');
        if let Some((_, children)) = stack.last_mut() {
            children.push(el);
        }
        if !tag.ends_with('/') {
            stack.push((el, Vec::new()));
        }
    }
}

#[test]
fn properties_come_in_schema_order() {
    let d = draft_doc(Edition::E2021, 1, 1);
    each_part(&d, |name, xml| {
        if name.starts_with("word/") && !name.contains("_rels") {
            assert_schema_order(name, xml);
        }
    });
}

#[test]
fn the_last_paragraph_keeps_the_signature_company() {
    let mut out = String::from(
        "<w:p><w:pPr><w:pStyle w:val=\"Level2\"/><w:ind/></w:pPr><w:r/></w:p><w:p><w:r><w:t>末段</w:t></w:r></w:p>",
    );
    super::keep_with_next(&mut out);
    assert!(
        out.ends_with("<w:p><w:pPr><w:keepNext/></w:pPr><w:r><w:t>末段</w:t></w:r></w:p>"),
        "{out}"
    );
    let mut out =
        String::from("<w:p><w:pPr><w:pStyle w:val=\"Level2\"/><w:ind/></w:pPr><w:r/></w:p>");
    super::keep_with_next(&mut out);
    assert!(
        out.starts_with("<w:p><w:pPr><w:pStyle w:val=\"Level2\"/><w:keepNext/><w:ind/>"),
        "{out}"
    );
    super::keep_with_next(&mut out);
    assert_eq!(out.matches("<w:keepNext/>").count(), 1);
}

#[test]
fn label_columns_hold_the_words_of_the_labels() {
    // 社会公益组织 breaks as 社会/公益/组织: the widest piece is two characters.
    let (_, widest) = super::table::measure("社会公益组织", 10.0);
    assert!((widest - 20.0).abs() < 0.01, "{widest}");
    let (_, widest) = super::table::measure("法律服务机构", 10.0);
    assert!(widest >= 20.0, "{widest}");
}

#[test]
fn the_package_records_the_digest_of_its_data() {
    let d = doc(Edition::E2021);
    let parts = parts(&d, &Default::default()).unwrap();
    let custom = part(&parts, "docProps/custom.xml");
    assert_eq!(d.data_digest.len(), 64);
    assert!(custom.contains(&format!("name=\"{DIGEST_PROPERTY}\"")));
    assert!(custom.contains(&d.data_digest));
    assert!(part(&parts, "_rels/.rels").contains("docProps/custom.xml"));
    assert!(part(&parts, "[Content_Types].xml").contains("/docProps/custom.xml"));
    // Another value, another digest.
    let mut r = crate::testutil::report(Edition::E2021);
    r.agency.value = "另一个机关".into();
    assert_ne!(document::build(&r, None).data_digest, d.data_digest);
}
