//! What every page carries besides its content: the page number
//! `— N —` below the type area and, for drafts, the 草稿 watermark.

use super::draw::{self, Draw};
use super::fonts::{Fonts, Metrics, Role};
use super::tags::Mark;
use super::{FOLIO, LEFT, MM, Options, PAGE_H, PAGE_W, TOP, W, single_line_runs};
use crate::render::document::Document;
use crate::render::layout::page::PageNumbers;

/// Adds page numbers (and the draft watermark) to every page. A document
/// with characters no face has (each an empty box) is marked as a draft too,
/// unless they were accepted ([`Options::accept_missing_glyphs`]).
pub(super) fn number_pages(
    pages: &mut [Vec<Draw>],
    doc: &Document,
    opts: &Options,
    fonts: &Fonts,
    m: &Metrics,
) {
    let boxes = !opts.accept_missing_glyphs
        && !fonts
            .uncovered_in(m, &super::document_chars(doc))
            .is_empty();
    let watermark = (doc.draft.is_some() || boxes).then(|| draft_mark(fonts));
    for (i, p) in pages.iter_mut().enumerate() {
        let n = i + 1;
        // 4号半角宋体阿拉伯数字, with a 一字线 on either side.
        let number = n.to_string();
        let runs = [
            (Role::Body, "— "),
            (Role::Folio, number.as_str()),
            (Role::Body, " —"),
        ];
        let (s, l) = single_line_runs(fonts, m, &runs, FOLIO, 0.0);
        let x = match opts.page_numbers {
            PageNumbers::Center => LEFT + (W - l.width) / 2.0,
            PageNumbers::Alternate if n % 2 == 1 => LEFT + W - FOLIO - l.width,
            PageNumbers::Alternate => LEFT + FOLIO,
        };
        // The dash line 7 mm below the type area.
        let y = TOP + super::H + 7.0 * MM + 0.3 * FOLIO;
        p.push(Draw::Mark(Mark::Artifact));
        draw::set_text(p, &s, &l, x, y);
        if let Some(mark) = &watermark {
            p.insert(0, mark.clone());
        }
    }
}

/// 草稿 in large light grey letters across the page centre, rotated 45°.
fn draft_mark(fonts: &Fonts) -> Draw {
    const SIZE: f32 = 150.0;
    let face = fonts.role_face(Role::Hei);
    let text = "草稿";
    let n = text.chars().count() as f32;
    let (sin, cos) = 45f32.to_radians().sin_cos();
    let (cx, cy) = (PAGE_W / 2.0, PAGE_H / 2.0);
    let mut rings = Vec::new();
    for (i, ch) in text.chars().enumerate() {
        let Some(outline) = fonts.outline(face, ch) else {
            continue;
        };
        for ring in outline {
            rings.push(
                ring.into_iter()
                    .map(|(x, y, c)| {
                        // Text space (y up), centred on the origin.
                        let tx = (x + i as f32 - n / 2.0) * SIZE;
                        let ty = (y - 0.38) * SIZE;
                        // Rotate anticlockwise, then to page space (y down).
                        (cx + tx * cos - ty * sin, cy - (tx * sin + ty * cos), c)
                    })
                    .collect(),
            );
        }
    }
    Draw::Shape { rings, grey: 0.82 }
}
