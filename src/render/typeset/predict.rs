//! The characters each face will set for a document, known before the
//! pages are laid out.
//!
//! Which characters each face sets is known exactly only once the pages
//! are laid out. But every character drawn comes from a piece of the
//! document set in a known role (the title, headings, paragraphs, table
//! cells, the signature, the page numbers), and the face that draws it
//! depends only on the role and the character ([`Fonts::pick`]). So a
//! writer can cut the faces' subsets beside the layout (the PDF's
//! `render::pdf::Ahead`).

use crate::slice::Slice;
use std::collections::BTreeSet;

use super::document_chars;
use super::fonts::{Fonts, Metrics, Role};
use crate::render::document::{Block, Document};

/// The characters each face of `fonts` will set for `doc`, as the layout will
/// shape its pieces.
pub fn predict(doc: &Document, fonts: &Fonts) -> Vec<BTreeSet<char>> {
    let m = fonts.metrics(&document_chars(doc));
    predicted_chars(doc, fonts, &m)
}

/// The characters each face will set for `doc`, as the layout shapes its
/// pieces: every role's text through [`Fonts::pick`].
fn predicted_chars<'d>(doc: &'d Document, fonts: &Fonts, m: &Metrics) -> Vec<BTreeSet<char>> {
    // Each role's texts gathered first, then each distinct character
    // picked once (a bit a character), not every occurrence.
    let mut texts: Vec<(Role, &'d str)> = Vec::new();
    let mut set = |role: Role, text: &'d str| texts.push((role, text));
    set(Role::Title, &doc.title);
    let blocks = |set: &mut dyn FnMut(Role, &'d str), bs: &'d [Block]| {
        for b in bs {
            match b {
                Block::Heading { level, text } => {
                    set(if *level <= 2 { Role::Kai } else { Role::Body }, text);
                }
                Block::Paragraph(text) => set(Role::Body, text),
                Block::Emphasized { text, strong } | Block::Item { text, strong, .. } => {
                    let mut at = 0;
                    for r in strong {
                        let role = if crate::render::document::is_run_in_heading(text, r) {
                            Role::Kai
                        } else {
                            Role::Hei
                        };
                        set(Role::Body, text.slice(at, r.start));
                        set(role, text.slice(r.start, r.end));
                        at = r.end;
                    }
                    set(Role::Body, text.slice_from(at));
                }
            }
        }
    };
    blocks(&mut set, &doc.preface);
    for sec in &doc.sections {
        set(Role::Hei, sec.heading);
        blocks(&mut set, &sec.blocks);
        for c in sec.table.iter().flat_map(|g| &g.cells) {
            set(super::table::cell_role(c.kind), &c.text);
        }
    }
    if !doc.agency.is_empty() {
        set(Role::Body, &doc.agency);
        set(Role::Body, &doc.date);
    }
    // The page numbers' dashes (the digits are the 页码 face's).
    set(Role::Body, "— —");
    let mut used = vec![BTreeSet::new(); fonts.faces.len()];
    let mut roles: Vec<Role> = texts.iter().map(|&(role, _)| role).collect();
    roles.sort_unstable();
    roles.dedup();
    for role in roles {
        let of_role = texts.iter().filter(|&&(r, _)| r == role).map(|&(_, t)| t);
        let chars = crate::render::layout::print_form::distinct_chars(of_role);
        for c in chars.into_iter().filter(|&c| super::linebreak::is_set(c)) {
            let face = fonts.pick(m, role, c).0;
            if let Some(chars) = used.get_mut(face) {
                chars.insert(c);
            }
        }
    }
    used
}

#[cfg(all(test, feature = "embed-fonts"))]
mod tests {
    use super::*;
    use crate::model::Edition;

    /// The prediction is what the layout sets in each face but the 页码
    /// face, for the test report and the benchmark report; if the layout
    /// comes to set other text, [`predicted_chars`] has to follow it (or
    /// the faces are cut after the layout again, as before).
    #[test]
    fn the_faces_are_predicted_exactly() {
        let fonts = Fonts::load(&Default::default()).unwrap();
        let bench =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/report-2500.yaml");
        let bench = crate::check::check_path(&bench, None)
            .unwrap()
            .report
            .unwrap();
        let mut test = crate::testutil::report(Edition::E2021);
        test.agency.value = "淄博市公安局交通警察支队张店大队".into();
        for report in [test, bench] {
            let doc = crate::render::document::build(&report, None);
            let pages = super::super::lay_out(&doc, &Default::default(), &fonts);
            let used = super::super::used_chars(&pages, fonts.faces.len());
            let m = fonts.metrics(&document_chars(&doc));
            let predicted = predicted_chars(&doc, &fonts, &m);
            assert!(used[fonts.role_face(Role::Body)].len() > 100);
            let folio = fonts.role_face(Role::Folio);
            for face in (0..used.len()).filter(|&f| f != folio) {
                assert_eq!(
                    predicted[face], used[face],
                    "{} {}",
                    doc.title, fonts.faces[face].name
                );
            }
        }
    }
}
