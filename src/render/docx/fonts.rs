//! The font families the document names for each type role. The .docx
//! names fonts and never embeds them: Word and WPS use the agency's
//! installed 方正小标宋简体, 仿宋_GB2312, 黑体 and 楷体_GB2312, and
//! `fontTable.xml` tells them (and LibreOffice) what to fall back to.

use std::fmt::Write as _;
use std::path::Path;

use crate::render::typeset::fonts::MAX_FONT_FILE;
use crate::render::typeset::{FontSource, Role};
use crate::zip_xml::xml::escape;

/// 宋体, for page numbers (GB/T 9704 7.5: 4号半角宋体阿拉伯数字).
pub(super) const SONG: &str = "宋体";

/// A family the document names, with what `fontTable.xml` says about it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Family {
    name: String,
    /// Other name of the same design (Word and WPS try it when `name` is
    /// not installed).
    alt: Option<&'static str>,
    panose: Option<&'static str>,
    /// `roman` (serif), `modern` (fixed pitch), `auto`.
    class: &'static str,
    fixed: bool,
}

fn standard(role: Role) -> Family {
    let (name, alt, panose, class, fixed) = match role {
        Role::Title => (
            "方正小标宋简体",
            Some("宋体"),
            Some("02000000000000000000"),
            "roman",
            false,
        ),
        Role::Body => (
            "仿宋_GB2312",
            Some("仿宋"),
            Some("02010609030101010101"),
            "modern",
            true,
        ),
        Role::Hei => (
            "黑体",
            Some("SimHei"),
            Some("02010609060101010101"),
            "modern",
            true,
        ),
        Role::Kai => (
            "楷体_GB2312",
            Some("楷体"),
            Some("02010609030101010101"),
            "modern",
            true,
        ),
        Role::Folio => (
            SONG,
            Some("SimSun"),
            Some("02010600030101010101"),
            "auto",
            false,
        ),
    };
    Family {
        name: name.into(),
        alt,
        panose,
        class,
        fixed,
    }
}

/// A `--font` override that cannot be used for the .docx.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FontNameError {
    /// The font file given.
    pub path: String,
    /// What went wrong.
    pub reason: String,
}

impl std::fmt::Display for FontNameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "无法从字体文件 {} 读出字体名称（Word 文档只写字体名称，不嵌入字体）：{}",
            self.path, self.reason
        )
    }
}

impl std::error::Error for FontNameError {}

/// The families of the roles, after `--font` overrides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct FontNames {
    families: [Family; Role::ALL.len()],
    /// The family of the 造字 font the package embeds, if any.
    zaozi: Option<String>,
}

impl FontNames {
    /// The standard families with `overrides` applied (later ones win). A
    /// font file stands for its family name, read from the file.
    pub(super) fn new(overrides: &[(Role, FontSource)]) -> Result<FontNames, FontNameError> {
        let mut families = Role::ALL.map(standard);
        for (role, source) in overrides {
            let name = match source {
                FontSource::Family(name) => name.clone(),
                FontSource::Path(path) => family_of_file(path)?,
            };
            let slot = &mut families[*role as usize];
            if slot.name != name {
                *slot = Family {
                    name,
                    alt: None,
                    panose: None,
                    ..slot.clone()
                };
            }
        }
        Ok(FontNames {
            families,
            zaozi: None,
        })
    }

    /// The same names with the embedded 造字 font's `family`.
    pub(super) fn with_zaozi(mut self, family: Option<String>) -> FontNames {
        self.zaozi = family;
        self
    }

    /// `<w:rFonts>` of the embedded 造字 font, if any.
    pub(super) fn zaozi_r_fonts(&self) -> Option<String> {
        self.zaozi.as_deref().map(r_fonts)
    }

    /// The family named for `role`.
    pub(super) fn name(&self, role: Role) -> &str {
        &self.families[role as usize].name
    }

    /// `<w:rFonts>` naming `role`'s family in every slot (Latin, East
    /// Asian, complex script), so digits and Latin letters match the
    /// Chinese text as in the PDF.
    pub(super) fn r_fonts(&self, role: Role) -> String {
        r_fonts(self.name(role))
    }

    /// `word/fontTable.xml`.
    pub(super) fn font_table(&self) -> String {
        let mut out = String::from(crate::zip_xml::xml::DECL);
        out.push_str(
            "<w:fonts xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"",
        );
        if self.zaozi.is_some() {
            out.push_str(
                " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"",
            );
        }
        out.push('>');
        let song = Family {
            name: SONG.into(),
            alt: Some("SimSun"),
            panose: Some("02010600030101010101"),
            class: "auto",
            fixed: false,
        };
        let mut seen: Vec<&str> = Vec::new();
        for f in self.families.iter().chain([&song]) {
            if seen.contains(&f.name.as_str()) {
                continue;
            }
            seen.push(&f.name);
            let _ = write!(out, "<w:font w:name=\"{}\">", escape(&f.name));
            if let Some(alt) = f.alt {
                let _ = write!(out, "<w:altName w:val=\"{alt}\"/>");
            }
            if let Some(p) = f.panose {
                let _ = write!(out, "<w:panose1 w:val=\"{p}\"/>");
            }
            let _ = write!(
                out,
                "<w:charset w:val=\"86\"/><w:family w:val=\"{}\"/><w:pitch w:val=\"{}\"/></w:font>",
                f.class,
                if f.fixed { "fixed" } else { "variable" }
            );
        }
        if let Some(family) = &self.zaozi {
            let _ = write!(
                out,
                "<w:font w:name=\"{}\"><w:charset w:val=\"00\"/><w:family w:val=\"auto\"/><w:pitch w:val=\"variable\"/>\
                 <w:embedRegular r:id=\"{}\" w:fontKey=\"{}\"/></w:font>",
                escape(family),
                super::package::ZAOZI_RID,
                super::package::ZAOZI_FONT_KEY
            );
        }
        out.push_str("</w:fonts>");
        out
    }
}

/// `<w:rFonts>` naming `family` in every slot.
pub(super) fn r_fonts(family: &str) -> String {
    let f = escape(family);
    format!(
        "<w:rFonts w:ascii=\"{f}\" w:hAnsi=\"{f}\" w:eastAsia=\"{f}\" w:cs=\"{f}\" w:hint=\"eastAsia\"/>"
    )
}

/// The family name of a font file's first face, the Simplified Chinese
/// name preferred (as Word and WPS list it), then the US English one.
fn family_of_file(path: &Path) -> Result<String, FontNameError> {
    let err = |reason: String| FontNameError {
        path: path.display().to_string(),
        reason,
    };
    let data =
        crate::files::read_limited(path, MAX_FONT_FILE, "字体文件").map_err(|e| err(e.message))?;
    let face = ttf_parser::Face::parse(&data, 0).map_err(|e| err(e.to_string()))?;
    let mut best: Option<(u8, String)> = None;
    for n in face.names() {
        if n.name_id != ttf_parser::name_id::FAMILY {
            continue;
        }
        let Some(name) = n.to_string() else { continue };
        let rank = match n.language_id {
            0x0804 => 0,
            0x0409 => 1,
            _ => 2,
        };
        if best.as_ref().is_none_or(|(r, _)| rank < *r) {
            best = Some((rank, name));
        }
    }
    best.map(|(_, n)| n)
        .filter(|n| !n.trim().is_empty())
        .ok_or_else(|| err("文件中没有字体名称".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_rename_a_role() {
        let names = FontNames::new(&[
            (Role::Body, FontSource::Family("仿宋".into())),
            (Role::Hei, FontSource::Family("方正黑体_GBK".into())),
        ])
        .unwrap();
        assert_eq!(names.name(Role::Body), "仿宋");
        assert_eq!(names.name(Role::Title), "方正小标宋简体");
        let table = names.font_table();
        assert!(table.contains("<w:font w:name=\"方正黑体_GBK\"><w:charset"));
        assert!(table.contains("<w:font w:name=\"楷体_GB2312\"><w:altName w:val=\"楷体\"/>"));
        assert!(table.contains("<w:font w:name=\"宋体\"><w:altName w:val=\"SimSun\"/>"));
    }

    #[test]
    fn a_font_file_stands_for_its_family() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
        let names = FontNames::new(&[(
            Role::Kai,
            FontSource::Path(dir.join(Role::Kai.bundled_file())),
        )])
        .unwrap();
        // The Simplified Chinese family name, as WPS and Word list it.
        assert_eq!(names.name(Role::Kai), "文楷GB子集");
        let e = FontNames::new(&[(Role::Kai, FontSource::Path(dir.join("README.md")))]);
        assert!(e.is_err());
    }
}
