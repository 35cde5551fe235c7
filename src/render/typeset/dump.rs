//! The laid-out pages as a text listing, one line per drawing operation:
//! a second reader of the display list beside the PDF writer, for tests and
//! for looking at a layout without a PDF viewer.
//!
//! ```text
//! page 1
//!   mark block 0 title
//!   text 139.89 126.85 face 1 size 22 "淄博市公安局交通警察支队张店大队"
//!   rule 79.37 300 → 521.57 300 width 0.5
//!   shape 4 rings grey 0.82
//! ```

use std::fmt::Write as _;

use super::draw::{Draw, Page, Piece, Rule};
use super::tags::{Kind, Mark};

/// The listing of `pages`: each page's number, then its operations in
/// order, positions in points rounded to 1/100.
pub fn dump(pages: &[Page]) -> String {
    let mut out = String::new();
    for (i, page) in pages.iter().enumerate() {
        let _ = writeln!(out, "page {}", i + 1);
        for item in &page.items {
            out.push_str("  ");
            line(&mut out, item);
            out.push('\n');
        }
    }
    out
}

/// The characters of a text run, its kerns left out.
pub fn run_text(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Text(t) => Some(t.as_str()),
            Piece::Kern(_) => None,
        })
        .collect()
}

/// One operation's line, without its indent and line break.
fn line(out: &mut String, item: &Draw) {
    let _ = match item {
        Draw::Text {
            x,
            y,
            face,
            size,
            pieces,
            ..
        } => write!(
            out,
            "text {} {} face {face} size {} {:?}",
            num(*x),
            num(*y),
            num(*size),
            run_text(pieces)
        ),
        Draw::Line(Rule {
            x1,
            y1,
            x2,
            y2,
            width,
        }) => write!(
            out,
            "rule {} {} → {} {} width {}",
            num(*x1),
            num(*y1),
            num(*x2),
            num(*y2),
            num(*width)
        ),
        Draw::Shape { rings, grey } => {
            write!(out, "shape {} rings grey {}", rings.len(), num(*grey))
        }
        Draw::Mark(mark) => write!(out, "mark {}", mark_name(mark)),
    };
}

/// What a mark says, in words.
fn mark_name(mark: &Mark) -> String {
    match mark {
        Mark::Block { item, kind } => {
            let kind = match kind {
                Kind::Title => "title".to_string(),
                Kind::Heading => "heading".to_string(),
                Kind::Subheading(level) => format!("heading {level}"),
                Kind::Paragraph => "paragraph".to_string(),
                Kind::Label { list, entry, .. } => format!("label {list}.{entry}"),
                Kind::ListItem { list, entry, .. } => format!("item {list}.{entry}"),
            };
            format!("block {item} {kind}")
        }
        Mark::Cell {
            table,
            cell,
            row,
            header,
            rowspan,
            colspan,
        } => {
            let header = match header {
                Some(true) => " header",
                Some(false) => " label",
                None => "",
            };
            format!("cell {table}.{cell} row {row} span {rowspan}×{colspan}{header}")
        }
        Mark::Artifact => "artifact".into(),
    }
}

/// `v` rounded to 1/100, in its shortest form.
fn num(v: f32) -> String {
    let r = (f64::from(v) * 100.0).round() / 100.0;
    if r == 0.0 { "0".into() } else { format!("{r}") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::typeset::draw::set_line;

    #[test]
    fn each_operation_is_one_line_under_its_page() {
        let pages = vec![
            Page {
                items: vec![
                    Draw::Mark(Mark::Block {
                        item: 0,
                        kind: Kind::Title,
                    }),
                    Draw::Text {
                        x: 10.004,
                        y: 20.5,
                        face: 1,
                        size: 22.0,
                        spacing: 0.0,
                        pieces: vec![
                            Piece::Text("年".into()),
                            Piece::Kern(3.0),
                            Piece::Text("报".into()),
                        ],
                    },
                    set_line(0.0, 1.0, 2.0, 1.0, 0.5),
                ],
            },
            Page {
                items: vec![
                    Draw::Mark(Mark::Artifact),
                    Draw::Shape {
                        rings: vec![Vec::new()],
                        grey: 0.82,
                    },
                ],
            },
        ];
        assert_eq!(
            dump(&pages),
            "page 1\n  mark block 0 title\n  text 10 20.5 face 1 size 22 \"年报\"\n  \
             rule 0 1 → 2 1 width 0.5\npage 2\n  mark artifact\n  shape 1 rings grey 0.82\n"
        );
    }
}
