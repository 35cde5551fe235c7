//! What a PDF font descriptor says about a face: its PostScript name and
//! metrics in 1/1000 em.

/// Name and metrics of a face, for its font descriptor (ISO 32000-1 9.8).
#[derive(Debug, Clone, PartialEq)]
pub struct Descriptor {
    /// PostScript name (the `BaseFont` after the subset tag).
    pub postscript_name: String,
    /// Bounding box of all glyphs: left, bottom, right, top.
    pub bbox: [f32; 4],
    /// Ascender.
    pub ascent: f32,
    /// Descender (negative).
    pub descent: f32,
    /// Height of capital letters.
    pub cap_height: f32,
    /// Italic angle in degrees.
    pub italic_angle: f32,
    /// Estimated vertical stem width.
    pub stem_v: f32,
}

/// The descriptor of `face`.
pub(super) fn describe(face: &ttf_parser::Face<'_>) -> Descriptor {
    let scale = 1000.0 / f32::from(face.units_per_em().max(1));
    let to_em = |v: i16| (f32::from(v) * scale).round();
    let b = face.global_bounding_box();
    let ascent = to_em(face.ascender());
    Descriptor {
        postscript_name: postscript_name(face),
        bbox: [
            to_em(b.x_min),
            to_em(b.y_min),
            to_em(b.x_max),
            to_em(b.y_max),
        ],
        ascent,
        descent: to_em(face.descender()),
        cap_height: face.capital_height().map_or(ascent, to_em),
        italic_angle: face.italic_angle(),
        // The usual estimate from the weight class (no stem is measured).
        stem_v: (10.0 + 0.244 * (f32::from(face.weight().to_number()) - 50.0)).round(),
    }
}

/// The face's PostScript name, or its full name with only the characters a
/// PDF name allows without escapes; `Font` when it has neither.
fn postscript_name(face: &ttf_parser::Face<'_>) -> String {
    let names = face.names();
    let find = |id: u16| {
        names
            .into_iter()
            .filter(|n| n.name_id == id)
            .find_map(|n| n.to_string())
    };
    let name = find(ttf_parser::name_id::POST_SCRIPT_NAME)
        .or_else(|| find(ttf_parser::name_id::FULL_NAME))
        .unwrap_or_default();
    let clean: String = name
        .chars()
        .filter(|c| c.is_ascii_graphic() && !"[](){}<>/%#".contains(*c))
        .take(63)
        .collect();
    if clean.is_empty() {
        "Font".into()
    } else {
        clean
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::typeset::fonts::{Role, embedded};

    #[test]
    fn the_bundled_faces_are_described_by_their_postscript_names() {
        let names: Vec<String> = Role::ALL
            .iter()
            .filter_map(|&r| embedded(r))
            .map(|d| describe(&ttf_parser::Face::parse(d, 0).unwrap()).postscript_name)
            .collect();
        assert!(names.iter().any(|n| n == "FandolFang-Regular"), "{names:?}");
        let body = embedded(Role::Body).unwrap();
        let d = describe(&ttf_parser::Face::parse(body, 0).unwrap());
        assert!(d.ascent > 0.0 && d.descent < 0.0 && d.bbox[2] > d.bbox[0]);
        assert!(d.stem_v > 0.0);
    }
}
