//! The report as a document: title, opening paragraph, the six sections with
//! their narrative blocks and table grids, signature and date.
//!
//! Every renderer starts from this structure, so the six headings, the
//! generated opening paragraph and the fee statement are written once.

use crate::model::schema::contact;
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use crate::grid::{self, Grid};
use crate::model::official;
use crate::model::{Edition, Report};
use crate::placeholder::{self, Value};

/// A block of narrative text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A sub-heading: level 2 is `（一）…`, 3 is `1.…`, 4 is `（1）…`.
    Heading {
        /// 2, 3 or 4 (level 1 is the section heading).
        level: u8,
        /// The heading text.
        text: String,
    },
    /// A paragraph of plain text.
    Paragraph(String),
}

/// One of the six sections.
#[derive(Debug, Clone)]
pub struct Section {
    /// The official heading (`一、总体情况`).
    pub heading: &'static str,
    /// Narrative before the table, as plain blocks (for PDF).
    pub blocks: Vec<Block>,
    /// The same narrative as Markdown source, placeholders resolved.
    pub markdown: String,
    /// The section's table, if it has one.
    pub table: Option<Grid>,
}

/// A draft's state, shown on every output built with `--draft`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Draft {
    /// Errors found by `check`.
    pub errors: usize,
    /// Warnings found by `check`.
    pub warnings: usize,
}

/// The whole report, ready to render.
#[derive(Debug, Clone)]
pub struct Document {
    /// `{机关}{年度}年政府信息公开工作年度报告`.
    pub title: String,
    /// The agency, as it signs.
    pub agency: String,
    /// The report year.
    pub year: i32,
    /// The opening paragraph(s).
    pub preface: Vec<Block>,
    /// The opening paragraph(s) as Markdown.
    pub preface_markdown: String,
    /// The six sections, in order.
    pub sections: Vec<Section>,
    /// The date under the signature (`2025年1月10日`), empty if not set.
    pub date: String,
    /// The date as `YYYY-MM-DD`, for document metadata.
    pub date_iso: Option<String>,
    /// Set when building a draft.
    pub draft: Option<Draft>,
}

/// Builds the document of `report`.
pub fn build(report: &Report, draft: Option<Draft>) -> Document {
    let ed = report.edition();
    let grids = grid::tables(report);
    let [t2, t3, t4] = grids;
    let preface_markdown = match &report.preface {
        Some(p) => resolve(report, &p.value),
        None => standard_preface(report),
    };
    let overview = resolve(report, &report.overview.value);
    let problems = resolve(report, &report.problems.value);
    let mut other = String::new();
    let other_body = resolve(report, &report.other.value);
    if let Some(fee) = fee_statement(report) {
        if has_heading(&other_body) {
            other.push_str("### （一）政府信息公开信息处理费收取情况\n\n");
        }
        other.push_str(&fee);
        other.push_str("\n\n");
    } else if ed == Edition::E2021 {
        // FEE-REPORT is an error already; keep the slot visible in drafts.
        other.push_str("（信息处理费情况未填写）\n\n");
    }
    other.push_str(&other_body);

    let section = |i: usize, markdown: String, table: Option<Grid>| Section {
        heading: official::SECTION_HEADINGS[i],
        blocks: blocks(&markdown),
        markdown,
        table,
    };
    let sections = vec![
        section(0, overview, None),
        section(1, String::new(), Some(t2)),
        section(2, String::new(), Some(t3)),
        section(3, String::new(), Some(t4)),
        section(4, problems, None),
        section(5, other, None),
    ];
    Document {
        title: report.title(),
        agency: report.agency.value.clone(),
        year: report.year.value,
        preface: blocks(&preface_markdown),
        preface_markdown,
        sections,
        date: report
            .date
            .as_ref()
            .map(|d| d.value.chinese())
            .unwrap_or_default(),
        date_iso: report.date.as_ref().map(|d| d.value.iso()),
        draft,
    }
}

/// Resolves placeholders; an empty cell shows as `□` so a draft reveals it.
pub fn resolve(report: &Report, text: &str) -> String {
    placeholder::substitute(report, text, |v| match v {
        Value::Text(t) => super::escape::markdown_inline(t),
        Value::Empty => "□".to_string(),
    })
}

fn has_heading(markdown: &str) -> bool {
    blocks(markdown)
        .iter()
        .any(|b| matches!(b, Block::Heading { .. }))
}

/// The opening paragraph generated from 机关, 年度, 联系方式 and the edition.
pub fn standard_preface(report: &Report) -> String {
    let y = report.year.value;
    let agency = &super::escape::markdown_inline(&report.agency.value);
    let mut text = format!(
        "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和{}要求，由{agency}编制。全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项六个部分。本报告中所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。",
        report.edition().instrument()
    );
    let c = &report.contact;
    let mut parts = Vec::new();
    for (label, v) in [
        (contact::ADDRESS, &c.address),
        (contact::POSTCODE, &c.postcode),
        (contact::PHONE, &c.phone),
        (contact::EMAIL, &c.email),
    ] {
        if let Some(v) = v {
            parts.push(format!(
                "{label}：{}",
                super::escape::markdown_inline(v.value.trim())
            ));
        }
    }
    if !parts.is_empty() {
        text.push_str(&format!(
            "如对本报告有疑问，请与{agency}联系（{}）。",
            parts.join("；")
        ));
    }
    text
}

/// The mandated first item of section 六: the information-processing fee.
pub fn fee_statement(report: &Report) -> Option<String> {
    let fee = report.fee.as_ref()?;
    let basis = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）";
    let y = report.year.value;
    if fee.is_nil() {
        return Some(format!(
            "{y}年度，本机关依据{basis}，未发出收费通知，未收取信息处理费。"
        ));
    }
    let show = |d: &Option<crate::model::Located<crate::model::Decimal>>| {
        d.as_ref().map_or("□".to_string(), |d| d.value.to_string())
    };
    let notices = fee
        .notices
        .as_ref()
        .map_or("□".to_string(), |n| n.value.to_string());
    Some(format!(
        "{y}年度，本机关依据{basis}发出收费通知{notices}件，收费通知总金额{}万元，实际收取信息处理费{}万元。",
        show(&fee.notice_amount),
        show(&fee.collected)
    ))
}

/// Narrative Markdown as plain blocks. Inline markup is reduced to its text;
/// raw HTML is kept as literal text.
pub fn blocks(markdown: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut heading: Option<u8> = None;
    let mut list_stack: Vec<Option<u64>> = Vec::new();
    let flush = |out: &mut Vec<Block>, text: &mut String, heading: Option<u8>| {
        let t = text.trim().to_string();
        text.clear();
        if t.is_empty() {
            return;
        }
        out.push(match heading {
            Some(level) => Block::Heading { level, text: t },
            None => Block::Paragraph(t),
        });
    };
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                flush(&mut out, &mut text, None);
                heading = Some(match level {
                    HeadingLevel::H1 | HeadingLevel::H2 | HeadingLevel::H3 => 2,
                    HeadingLevel::H4 => 3,
                    _ => 4,
                });
            }
            Event::End(TagEnd::Heading(_)) => {
                flush(&mut out, &mut text, heading);
                heading = None;
            }
            Event::Start(Tag::Paragraph) => {}
            Event::End(TagEnd::Paragraph) if list_stack.is_empty() => {
                flush(&mut out, &mut text, None);
            }
            Event::Start(Tag::List(start)) => {
                flush(&mut out, &mut text, None);
                list_stack.push(start);
            }
            Event::End(TagEnd::List(_)) => {
                list_stack.pop();
            }
            Event::Start(Tag::Item) => {
                flush(&mut out, &mut text, None);
                if let Some(Some(n)) = list_stack.last_mut() {
                    text.push_str(&format!("{n}."));
                    *n += 1;
                }
            }
            Event::End(TagEnd::Item) => flush(&mut out, &mut text, None),
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                text.push_str(&t)
            }
            Event::SoftBreak => {}
            Event::HardBreak => text.push('\n'),
            Event::End(TagEnd::BlockQuote(_)) | Event::End(TagEnd::CodeBlock) => {
                flush(&mut out, &mut text, None)
            }
            _ => {}
        }
    }
    flush(&mut out, &mut text, heading);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Edition;

    #[test]
    fn markdown_becomes_blocks() {
        let b = blocks("第一段\n接续。\n\n### （一）标题\n\n<b>粗</b>体\n\n1. 甲\n2. 乙\n");
        assert_eq!(
            b,
            vec![
                Block::Paragraph("第一段接续。".into()),
                Block::Heading {
                    level: 2,
                    text: "（一）标题".into()
                },
                Block::Paragraph("<b>粗</b>体".into()),
                Block::Paragraph("1.甲".into()),
                Block::Paragraph("2.乙".into()),
            ]
        );
    }

    #[test]
    fn document_has_six_sections_and_a_fee_statement() {
        let report = crate::testutil::report(Edition::E2021);
        let doc = build(&report, None);
        let headings: Vec<&str> = doc.sections.iter().map(|s| s.heading).collect();
        assert_eq!(headings, official::SECTION_HEADINGS);
        assert!(doc.sections[5].markdown.contains("未收取信息处理费"));
        assert!(
            doc.preface_markdown
                .contains("2024年1月1日起至2024年12月31日止")
        );
        assert_eq!(doc.date, "2025年1月10日");
    }
}
