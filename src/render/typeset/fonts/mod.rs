//! Fonts: the five roles, where their faces come from, coverage and widths.
//!
//! A face is never copied whole. Bundled faces are compiled into the binary
//! (cargo feature `embed-fonts`) and parsed in place from `&'static [u8]`;
//! faces from files (`fonts/`, `--font-dir`, `--font`) and installed fonts
//! are memory-mapped by fontdb each time they are read. Measuring uses
//! ttf-parser (zero-copy); a fixed-layout writer (the PDF) embeds a small
//! subset of each face that ends up on a page, made by [`Fonts::subset`]
//! from the glyphs drawn.
//!
//! One job per module: [`role`] (the roles and `--font`), [`sources`]
//! (files, the bundled faces, a face per role), [`installed`] (fontdb:
//! families and per-character fallbacks), [`pick`] (advances and the face
//! that draws each character), [`style`] (仿宋, 宋体, 楷体 or 黑体, and how
//! close each is to a role), [`subset`] (and [`cff_copy`], its fast
//! path for CID-keyed faces without subroutines), [`describe`] (the font
//! descriptor's name and metrics), [`outline`] and [`error`].

mod cff_copy;
mod cmap;
mod describe;
mod error;
mod narrow;
mod narrow_glyf;
mod installed;
mod outline;
mod pick;
mod role;
pub mod sfnt;
mod sources;
mod style;
mod subset;

use std::path::PathBuf;

pub use describe::Descriptor;
pub use error::FontError;
pub use outline::Outline;
pub use pick::Metrics;
pub use role::{FontArg, FontArgError, FontChoice, FontSource, Role, parse_font_arg};
pub use sources::{MAX_FONT_FILE, candidate_dirs, embedded};
pub use subset::Subset;

/// Where a face's bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    /// Compiled into the binary.
    Embedded(Role),
    /// A font file, registered in [`Fonts::files`].
    File(fontdb::ID),
    /// An installed font, registered in [`Fonts::system`].
    System(fontdb::ID),
}

/// One loaded face (its tables are read in place, never copied whole).
#[derive(Clone)]
pub struct Face {
    /// Full name, for messages.
    pub name: String,
    /// Face index inside a collection.
    pub index: u32,
    origin: Origin,
    /// A FandolFang face (draws 鬱 as 郁 and ￥ as ＄).
    fandol: bool,
    /// Its kind and weight, read from its names.
    style: style::Style,
}

/// The faces for the roles plus the fallback faces. A clone shares the
/// memory maps of the font files.
#[derive(Clone)]
pub struct Fonts {
    /// Loaded faces; each distinct face once.
    pub faces: Vec<Face>,
    role: [usize; Role::ALL.len()],
    /// Faces tried for a character a role's face lacks.
    fallback: Vec<usize>,
    /// [`Fonts::fallback`] per role, closest style first (see
    /// [`Fonts::order_fallbacks`]).
    fallback_for: [Vec<usize>; Role::ALL.len()],
    /// Font files in use (memory-mapped on each read).
    files: fontdb::Database,
    /// Installed fonts, indexed on first need.
    system: Option<fontdb::Database>,
    /// Subsets already cut, for the next document that sets the same
    /// characters (a batch, the workbench's rebuilds).
    cut: subset::Cache,
    /// Advances already read, for the next [`Fonts::metrics`].
    known: pick::Known,
    /// The 造字 font (`--font 造字=FILE`): it draws the private-use
    /// characters it has, whatever the role.
    zaozi: Option<usize>,
}

/// Why a font file could not be parsed, in Chinese.
fn parse_failure(e: &ttf_parser::FaceParsingError) -> String {
    use ttf_parser::FaceParsingError as E;
    match e {
        E::UnknownMagic => "不是 TrueType/OpenType 字体文件".into(),
        E::FaceIndexOutOfBounds => "字体集合中没有该字面".into(),
        _ => format!("字体文件已损坏或不完整（{e}）"),
    }
}

impl Fonts {
    /// Runs `f` on the bytes of the face at `origin` and its index in a collection.
    fn with_data<T>(&self, origin: Origin, f: impl FnOnce(&[u8], u32) -> T) -> Option<T> {
        match origin {
            Origin::Embedded(role) => embedded(role).map(|d| f(d, 0)),
            Origin::File(id) => self.files.with_face_data(id, f),
            Origin::System(id) => self.system.as_ref()?.with_face_data(id, f),
        }
    }

    /// Adds a face after checking that it parses and may be embedded.
    fn add_face(&mut self, origin: Origin, index: u32, shown: &str) -> Result<usize, FontError> {
        // A glyph names its face in 16 bits (linebreak::Glyph).
        if self.faces.len() > usize::from(u16::MAX) {
            return Err(FontError::FontUnreadable {
                path: PathBuf::from(shown),
                reason: "字体过多".into(),
            });
        }
        let checked = self
            .with_data(origin, |data, index| {
                let face = ttf_parser::Face::parse(data, index).map_err(|e| {
                    FontError::FontUnreadable {
                        path: PathBuf::from(shown),
                        reason: parse_failure(&e),
                    }
                })?;
                let name = face_name(&face).unwrap_or_else(|| shown.to_string());
                if face.permissions() == Some(ttf_parser::Permissions::Restricted) {
                    return Err(FontError::FontRestricted {
                        name,
                        reason: "受限许可，禁止嵌入",
                    });
                }
                if !face.is_subsetting_allowed() {
                    return Err(FontError::FontRestricted {
                        name,
                        reason: "禁止子集化嵌入",
                    });
                }
                let fandol = name.contains("Fandol");
                let style = style::Style {
                    class: style::classify(face_names(&face).iter().map(String::as_str)),
                    weight: face.weight().to_number(),
                    slanted: face.is_italic() || face.is_oblique(),
                };
                Ok((name, fandol, style))
            })
            .unwrap_or_else(|| {
                Err(FontError::FontUnreadable {
                    path: PathBuf::from(shown),
                    reason: "无法读取".into(),
                })
            })?;
        let (name, fandol, style) = checked;
        self.faces.push(Face {
            name,
            index,
            origin,
            fandol,
            style,
        });
        Ok(self.faces.len() - 1)
    }

    /// Orders the fallbacks for each role, closest style first; faces of
    /// equal rank keep their order (bundled faces, then installed ones).
    fn order_fallbacks(&mut self) {
        for role in Role::ALL {
            let mut ranked: Vec<(_, usize)> = self
                .fallback
                .iter()
                .filter_map(|&f| Some((self.faces[f].style.rank(role)?, f)))
                .collect();
            ranked.sort_by_key(|(rank, _)| *rank);
            self.fallback_for[role.index()] = ranked.into_iter().map(|(_, f)| f).collect();
        }
    }
}

/// The family, full and PostScript names of `face`, in every language.
fn face_names(face: &ttf_parser::Face) -> Vec<String> {
    use ttf_parser::name_id::{FAMILY, FULL_NAME, POST_SCRIPT_NAME, TYPOGRAPHIC_FAMILY};
    face.names()
        .into_iter()
        .filter(|n| [FAMILY, FULL_NAME, POST_SCRIPT_NAME, TYPOGRAPHIC_FAMILY].contains(&n.name_id))
        .filter_map(|n| n.to_string())
        .collect()
}

fn face_name(face: &ttf_parser::Face) -> Option<String> {
    let names = face.names();
    for id in [ttf_parser::name_id::FULL_NAME, ttf_parser::name_id::FAMILY] {
        for n in names {
            if n.name_id == id
                && n.is_unicode()
                && let Some(s) = n.to_string()
            {
                return Some(s);
            }
        }
    }
    None
}
