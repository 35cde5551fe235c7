//! Fonts: the five roles, where their faces come from, coverage and widths.
//!
//! A face is never copied whole. Bundled faces are compiled into the binary
//! (cargo feature `embed-fonts`) and parsed in place from `&'static [u8]`;
//! faces from files (`fonts/`, `--font-dir`, `--font`) and installed fonts
//! are memory-mapped by fontdb each time they are read. Measuring uses
//! ttf-parser (zero-copy); the PDF embeds a small subset of each face that
//! ends up on a page, made by [`Fonts::subset`] from the glyphs drawn.
//!
//! One job per module: [`role`] (the roles and `--font`), [`sources`]
//! (files, the bundled faces, a face per role), [`installed`] (fontdb:
//! families and per-character fallbacks), [`pick`] (advances and the face
//! that draws each character), [`subset`] (and [`cff_copy`], its fast
//! path for CID-keyed faces without subroutines), [`describe`] (the font
//! descriptor's name and metrics) and [`outline`].

mod cff_copy;
mod describe;
mod installed;
mod outline;
mod pick;
mod role;
mod sources;
mod subset;

use std::path::PathBuf;

use super::PdfError;

pub use describe::Descriptor;
pub use outline::Outline;
pub use pick::Metrics;
pub use role::{FontArgError, FontChoice, FontSource, Role, parse_font_arg};
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
pub struct Face {
    /// Full name, for messages.
    pub name: String,
    /// Face index inside a collection.
    pub index: u32,
    origin: Origin,
    /// A FandolFang face (draws 鬱 as 郁).
    fandol: bool,
}

/// The faces for the roles plus the fallback faces.
pub struct Fonts {
    /// Loaded faces; each distinct face once.
    pub faces: Vec<Face>,
    role: [usize; Role::ALL.len()],
    /// Faces tried, in order, for a character the role's face lacks.
    fallback: Vec<usize>,
    /// Font files in use (memory-mapped on each read).
    files: fontdb::Database,
    /// Installed fonts, indexed on first need.
    system: Option<fontdb::Database>,
    /// Subsets already cut, for the next document that sets the same
    /// characters (a batch, the workbench's rebuilds).
    cut: subset::Cache,
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
    fn add_face(&mut self, origin: Origin, index: u32, shown: &str) -> Result<usize, PdfError> {
        let checked = self
            .with_data(origin, |data, index| {
                let face =
                    ttf_parser::Face::parse(data, index).map_err(|e| PdfError::FontUnreadable {
                        path: PathBuf::from(shown),
                        reason: parse_failure(&e),
                    })?;
                let name = face_name(&face).unwrap_or_else(|| shown.to_string());
                if face.permissions() == Some(ttf_parser::Permissions::Restricted) {
                    return Err(PdfError::FontRestricted {
                        name,
                        reason: "受限许可，禁止嵌入",
                    });
                }
                if !face.is_subsetting_allowed() {
                    return Err(PdfError::FontRestricted {
                        name,
                        reason: "禁止子集化嵌入",
                    });
                }
                let fandol = name.contains("Fandol");
                Ok((name, fandol))
            })
            .unwrap_or_else(|| {
                Err(PdfError::FontUnreadable {
                    path: PathBuf::from(shown),
                    reason: "无法读取".into(),
                })
            })?;
        let (name, fandol) = checked;
        self.faces.push(Face {
            name,
            index,
            origin,
            fandol,
        });
        Ok(self.faces.len() - 1)
    }
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
