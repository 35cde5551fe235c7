//! Where each piece of a built document's text comes from: a stretch of a
//! narrative field of the data file (editable character by character), a
//! value printed whole (a placeholder's figure, the agency, the date), or
//! wording the tool writes itself (the official headings, the generated
//! opening paragraph and fee statement).

use crate::model::official::{self, T3_INPUT_COLUMNS, T4_INPUT_COLUMNS};
use crate::model::path::{self, Target};
use crate::model::schema::{fee, top};
use crate::model::{Edition, Report};
use crate::placeholder::{self, Value};
use crate::render::document::{self, Document};
use crate::render::escape::markdown_inline;
use crate::render::paragraphs::normalize;
use crate::slice::Slice;

/// How a value printed whole is written back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// As printed (a figure, a name, a telephone number).
    Text,
    /// A date printed `2025年1月10日`, written `2025-01-10`.
    Date,
}

/// Where a piece of text comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// The bytes from `start` of the narrative field at `path`.
    Field {
        /// The field's data path.
        path: String,
        /// Byte offset of the piece in the field's value.
        start: usize,
    },
    /// A value printed whole: `Ok(data path)`, or why it cannot be written.
    Value {
        /// The data path, or why there is none.
        path: Result<String, &'static str>,
        /// How it is spelt.
        kind: ValueKind,
    },
    /// Wording of the tool's own.
    Fixed,
    /// Wording the tool writes from data (the fee statement): what to
    /// change instead, in Chinese.
    Generated {
        /// The fields to change instead of the words.
        instead: &'static str,
    },
}

/// A piece of a region's source text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// The text (Markdown for a field).
    pub text: String,
    /// Where it comes from.
    pub origin: Origin,
}

/// The parts of the body a reader tells apart by their paragraph styles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RegionKind {
    /// The title.
    Title,
    /// An empty paragraph.
    Blank,
    /// The opening paragraph(s).
    Preface,
    /// Section heading `k` (0-based).
    Heading(usize),
    /// The narrative of section `k`.
    Narrative(usize),
    /// The agency under the text.
    Signature,
    /// The date under the agency.
    Date,
}

impl RegionKind {
    /// Where it is, in Chinese.
    pub fn place(self) -> String {
        match self {
            RegionKind::Title => "标题".into(),
            RegionKind::Blank => "空行".into(),
            RegionKind::Preface => "开头段落".into(),
            RegionKind::Heading(k) => format!("{}（标题）", heading(k)),
            RegionKind::Narrative(k) => heading(k).to_string(),
            RegionKind::Signature => "落款机关".into(),
            RegionKind::Date => "成文日期".into(),
        }
    }
}

fn heading(k: usize) -> &'static str {
    official::SECTION_HEADINGS.get(k).copied().unwrap_or("正文")
}

/// The source pieces of region `kind` of `report`, built as `doc`.
pub fn pieces(report: &Report, doc: &Document, kind: RegionKind) -> Vec<Piece> {
    let agency = || value(top::AGENCY, &report.agency.value, ValueKind::Text);
    match kind {
        RegionKind::Title => vec![
            agency(),
            value(top::YEAR, &report.year.value.to_string(), ValueKind::Text),
            fixed("年政府信息公开工作年度报告"),
        ],
        RegionKind::Blank => vec![fixed("")],
        // The opening as written in the data file, else as the tool generates it
        // (the agency and the contact details are values, "电话：0533-1234567。").
        RegionKind::Preface => match &report.preface {
            Some(p) => field(report, top::PREFACE, &p.value),
            None => generated(&doc.preface_markdown, &known_values(report)),
        },
        RegionKind::Heading(k) => vec![fixed(heading(k))],
        RegionKind::Narrative(0) => field(report, top::OVERVIEW, &report.overview.value),
        RegionKind::Narrative(4) => field(report, top::PROBLEMS, &report.problems.value),
        RegionKind::Narrative(5) => other(report, doc),
        // Sections 二 to 四 are tables: compared cell by cell.
        RegionKind::Narrative(_) => Vec::new(),
        RegionKind::Signature => vec![agency()],
        RegionKind::Date => vec![value(top::DATE, &doc.date, ValueKind::Date)],
    }
}

fn fixed(text: &str) -> Piece {
    Piece {
        text: text.to_string(),
        origin: Origin::Fixed,
    }
}

fn value(path: &str, text: &str, kind: ValueKind) -> Piece {
    Piece {
        text: text.to_string(),
        origin: Origin::Value {
            path: Ok(path.to_string()),
            kind,
        },
    }
}

/// Section 六: the generated fee statement, then the field 其他事项.正文.
fn other(report: &Report, doc: &Document) -> Vec<Piece> {
    let body = &report.other.value;
    let resolved = document::resolve(report, &normalize(body));
    let markdown = doc.sections.get(5).map_or("", |s| s.markdown.as_str());
    // The generated fee statement is what the section prints before the field's text.
    let fee = markdown.strip_suffix(resolved.as_str()).unwrap_or("");
    let mut out = fee_pieces(report, fee);
    out.extend(field(report, &path::other_body(), body));
    out
}

/// What the sign-off says of an edit to the fee statement's own words.
const FEE_INSTEAD: &str = "这句话由数据文件的“其他事项.信息处理费”三项生成，文字本身无法改：要改其中的数字，请改“收费通知件数”“收费通知金额”“实际收取金额”（工作台“六、其他需要报告的事项”中；本年没有收费的三项都填 0），这句话随之改写";

/// The generated fee statement as pieces: each figure it prints as the fee
/// field it comes from, the words around them as generated wording.
fn fee_pieces(report: &Report, text: &str) -> Vec<Piece> {
    let words = |text: &str| Piece {
        text: text.to_string(),
        origin: Origin::Generated {
            instead: FEE_INSTEAD,
        },
    };
    let mut out = Vec::new();
    if text.is_empty() {
        return out;
    }
    let Some(f) = report.fee.as_ref().filter(|f| !f.is_nil()) else {
        out.push(words(text));
        return out;
    };
    // Each figure is printed after the words naming it (`fee.md`).
    let figures = [
        (
            "发出收费通知",
            fee::NOTICES,
            f.notices.as_ref().map(|n| n.value.to_string()),
        ),
        (
            "收费通知总金额",
            fee::NOTICE_AMOUNT,
            f.notice_amount.as_ref().map(|d| d.value.to_string()),
        ),
        (
            "实际收取信息处理费",
            fee::COLLECTED,
            f.collected.as_ref().map(|d| d.value.to_string()),
        ),
    ];
    let mut at = 0;
    for (lead, key, shown) in figures {
        let Some(shown) = shown else { continue };
        let Some(i) = text.slice_from(at).find(&format!("{lead}{shown}")) else {
            continue;
        };
        let figure = at + i + lead.len();
        out.push(words(text.slice(at, figure)));
        out.push(value(&path::fee(key), &shown, ValueKind::Text));
        at = figure + shown.len();
    }
    if at < text.len() {
        out.push(words(text.slice_from(at)));
    }
    out
}

/// A narrative field's value as pieces: its own text, and each placeholder
/// as the value it prints.
fn field(report: &Report, field_path: &str, text: &str) -> Vec<Piece> {
    let edition = report.edition();
    let mut out = Vec::new();
    let mut last = 0;
    let own = |out: &mut Vec<Piece>, from: usize, to: usize| {
        if to > from {
            out.push(Piece {
                text: text.slice(from, to).to_string(),
                origin: Origin::Field {
                    path: field_path.to_string(),
                    start: from,
                },
            });
        }
    };
    for p in placeholder::find(text) {
        // An unknown placeholder prints as written: it stays part of the field's text.
        let Some(v) = placeholder::resolve(report, &p.path) else {
            continue;
        };
        own(&mut out, last, p.range.start);
        let printed = match v {
            Value::Text(t) => markdown_inline(&t),
            Value::Empty => "□".to_string(),
        };
        let kind = if p.path == top::DATE {
            ValueKind::Date
        } else {
            ValueKind::Text
        };
        out.push(Piece {
            text: printed,
            origin: Origin::Value {
                path: placeholder_path(edition, &p.path),
                kind,
            },
        });
        last = p.range.end;
    }
    own(&mut out, last, text.len());
    out
}

/// The data path a placeholder's figure is written to, or why it has none.
pub fn placeholder_path(edition: Edition, name: &str) -> Result<String, &'static str> {
    const TOTAL: &str = "这个数字由表格中的各项合计得出：请修改表格中的各项";
    match path::resolve(edition, name) {
        // "{{ 依申请公开.本年新收.自然人 }}" → "依申请公开.本年新收[0]".
        Some(Target::Table3 { row, col: Some(c) }) if c < T3_INPUT_COLUMNS => {
            Ok(path::table3_cell(&official::t3_rows(edition)[row], c))
        }
        Some(Target::Table4 {
            group,
            col: Some(c),
        }) if c < T4_INPUT_COLUMNS => Ok(path::table4_cell(&official::T4_GROUPS[group], c)),
        // "{{ 依申请公开.本年新收.总计 }}": computed from the cells.
        Some(Target::Table3 { .. } | Target::Table3Group { .. } | Target::Table4 { .. }) => {
            Err(TOTAL)
        }
        Some(Target::Field(top::AGENCY | top::DATE | top::YEAR))
        | Some(Target::Table2 { .. } | Target::Contact(_) | Target::Fee { .. }) => {
            Ok(name.trim().to_string())
        }
        _ => Err("这处文字由占位符生成，无法对应到数据文件中的一项"),
    }
}

/// The values the generated sentences print: the agency and the contact
/// details, with their paths.
fn known_values(report: &Report) -> Vec<(String, String)> {
    let mut out = vec![(path::field(top::AGENCY), report.agency.value.clone())];
    for (key, v) in report.contact.lines() {
        if let Some(v) = v {
            out.push((path::contact(key), markdown_inline(v.value.trim())));
        }
    }
    // A one-character value would be found in every word.
    out.retain(|(_, v)| v.chars().count() >= 2);
    out
}

/// Generated text as pieces: the known values where they occur, the rest
/// fixed wording.
fn generated(text: &str, values: &[(String, String)]) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < text.len() {
        // The first value in the text, the longest where two start there
        // ("电话：0533-1234567。").
        let next = values
            .iter()
            .filter_map(|(p, v)| text.slice_from(at).find(v.as_str()).map(|i| (at + i, p, v)))
            .min_by_key(|(i, _, v)| (*i, usize::MAX - v.len()));
        let Some((i, p, v)) = next else {
            out.push(fixed(text.slice_from(at)));
            break;
        };
        if i > at {
            out.push(fixed(text.slice(at, i)));
        }
        out.push(value(p, v, ValueKind::Text));
        at = i + v.len();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_splits_at_its_placeholders() {
        let r = crate::testutil::report(Edition::E2021);
        let text =
            "共收到申请{{ 依申请公开.本年新收.自然人 }}件，合计{{ 依申请公开.本年新收.总计 }}件。";
        let p = field(&r, top::OVERVIEW, text);
        assert_eq!(p.len(), 5);
        assert_eq!(
            p[0].origin,
            Origin::Field {
                path: top::OVERVIEW.into(),
                start: 0
            }
        );
        let Origin::Value { path, .. } = &p[1].origin else {
            panic!("a value: {p:?}")
        };
        assert_eq!(path.as_deref(), Ok("依申请公开.本年新收[0]"));
        let Origin::Value { path, .. } = &p[3].origin else {
            panic!("a value: {p:?}")
        };
        assert!(path.is_err(), "a total is computed");
        assert_eq!(p[4].text, "件。");
    }

    #[test]
    fn generated_text_names_the_values_it_prints() {
        let values = vec![("联系方式.电话".to_string(), "0533-1234567".to_string())];
        let p = generated("电话：0533-1234567。", &values);
        assert_eq!(p.len(), 3);
        assert_eq!(p[1].text, "0533-1234567");
        assert_eq!(p[2].origin, Origin::Fixed);
    }
}
