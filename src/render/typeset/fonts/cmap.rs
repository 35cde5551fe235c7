//! A face's character map read once: its Unicode subtables kept in order,
//! so that looking up many characters does not read the table's records
//! again for each one (`ttf_parser::Face::glyph_index` does).

use ttf_parser::cmap::Subtable;
use ttf_parser::{Face, GlyphId};

/// The Unicode subtables of one face's `cmap`, in the table's order.
pub(super) struct Cmap<'a>(Vec<Subtable<'a>>);

impl<'a> Cmap<'a> {
    /// The Unicode subtables of `face` (none without a `cmap`).
    pub(super) fn of(face: &Face<'a>) -> Self {
        Cmap(
            face.tables()
                .cmap
                .map(|t| t.subtables.into_iter().filter(|s| s.is_unicode()).collect())
                .unwrap_or_default(),
        )
    }

    /// The glyph of `c`: the first subtable's that maps it, as
    /// `Face::glyph_index` answers.
    pub(super) fn glyph(&self, c: char) -> Option<GlyphId> {
        self.0.iter().find_map(|s| s.glyph_index(u32::from(c)))
    }

    /// Whether the face draws `c` (a glyph other than `.notdef`).
    pub(super) fn draws(&self, c: char) -> bool {
        self.glyph(c).is_some_and(|g| g.0 != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::typeset::fonts::Role;
    use crate::render::typeset::fonts::sources::embedded;

    #[test]
    fn it_answers_as_the_face_does() {
        for role in Role::ALL {
            let Some(data) = embedded(role) else { continue };
            let face = Face::parse(data, 0).unwrap();
            let cmap = Cmap::of(&face);
            for c in ('\0'..='\u{FFFF}').chain('\u{20000}'..='\u{20FFF}') {
                assert_eq!(cmap.glyph(c), face.glyph_index(c), "{role:?} {c}");
            }
        }
    }
}
