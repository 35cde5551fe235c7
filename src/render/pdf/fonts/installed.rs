//! Installed faces (fontdb): a role's face by family name when there is no
//! bundled one, and per-character fallbacks for what no loaded face has.

use std::collections::BTreeSet;
use std::path::PathBuf;

use super::{Fonts, Origin, PdfError, Role};

/// Installed families tried for a role when no bundled face is available,
/// best first: the names offices have installed, then free faces.
fn system_families(role: Role) -> &'static [&'static str] {
    match role {
        Role::Title => &[
            "方正小标宋简体",
            "方正小标宋_GBK",
            "FZXiaoBiaoSong-B05S",
            "Noto Serif CJK SC",
            "Source Han Serif SC",
            "思源宋体",
            "FandolSong",
            "宋体",
            "SimSun",
            "STSong",
            "AR PL UMing CN",
        ],
        Role::Body => &[
            "仿宋_GB2312",
            "FangSong_GB2312",
            "仿宋",
            "FangSong",
            "STFangsong",
            "FandolFang",
            "Noto Serif CJK SC",
            "宋体",
            "SimSun",
            "AR PL UMing CN",
        ],
        Role::Hei => &[
            "黑体",
            "SimHei",
            "STHeiti",
            "Noto Sans CJK SC",
            "Source Han Sans SC",
            "思源黑体",
            "FandolHei",
            "WenQuanYi Micro Hei",
            "WenQuanYi Zen Hei",
            "Droid Sans Fallback",
        ],
        Role::Kai => &[
            "楷体_GB2312",
            "KaiTi_GB2312",
            "楷体",
            "KaiTi",
            "STKaiti",
            "LXGW WenKai",
            "FandolKai",
            "AR PL UKai CN",
            "AR PL KaitiM GB",
        ],
        Role::Folio => &[
            "宋体",
            "SimSun",
            "STSong",
            "Noto Serif CJK SC",
            "Source Han Serif SC",
            "思源宋体",
            "FandolSong",
        ],
    }
}

impl Fonts {
    /// The installed fonts, indexed on first use.
    fn system_db(&mut self) -> &fontdb::Database {
        self.system.get_or_insert_with(|| {
            let mut db = fontdb::Database::new();
            db.load_system_fonts();
            db
        })
    }

    /// Adds the installed face of family `name` (regular weight).
    pub(super) fn add_family(&mut self, name: &str) -> Result<usize, PdfError> {
        self.add_family_weight(name, fontdb::Weight::NORMAL)
    }

    /// Adds the installed face of family `name` nearest `weight`.
    fn add_family_weight(&mut self, name: &str, weight: fontdb::Weight) -> Result<usize, PdfError> {
        let families = [fontdb::Family::Name(name)];
        let query = fontdb::Query {
            families: &families,
            weight,
            ..Default::default()
        };
        let db = self.system_db();
        let id = db.query(&query).ok_or_else(|| PdfError::FontNotFound {
            family: name.to_string(),
        })?;
        let index = db.face(id).map_or(0, |f| f.index);
        if let Some(i) = self
            .faces
            .iter()
            .position(|f| f.origin == Origin::System(id))
        {
            return Ok(i);
        }
        self.add_face(Origin::System(id), index, name)
    }

    /// The first installed face of [`system_families`] for `role` that can
    /// be embedded.
    pub(super) fn add_role_from_system(&mut self, role: Role) -> Option<usize> {
        let weight = if role == Role::Title {
            fontdb::Weight::BOLD
        } else {
            fontdb::Weight::NORMAL
        };
        system_families(role)
            .iter()
            .find_map(|name| self.add_family_weight(name, weight).ok())
    }

    /// Adds installed faces, as fallbacks, for the characters of `chars`
    /// that no loaded face has. Deterministic: faces are tried in the order
    /// of their file paths.
    pub fn cover(&mut self, chars: &BTreeSet<char>) {
        let mut missing = self.uncovered(chars);
        if missing.is_empty() {
            return;
        }
        let db = self.system_db();
        // Simplified Chinese faces of regular weight first, then by path.
        let mut candidates: Vec<(bool, u16, PathBuf, u32, fontdb::ID)> = db
            .faces()
            .map(|f| {
                let path = match &f.source {
                    fontdb::Source::File(p) | fontdb::Source::SharedFile(p, _) => p.clone(),
                    fontdb::Source::Binary(_) => PathBuf::new(),
                };
                let chinese = f.families.iter().any(|(name, lang)| {
                    *lang == fontdb::Language::Chinese_PeoplesRepublicOfChina
                        || name.ends_with(" SC")
                        || name.ends_with(" CN")
                });
                (!chinese, f.weight.0.abs_diff(400), path, f.index, f.id)
            })
            .collect();
        candidates.sort();
        let mut found = Vec::new();
        for (_, _, _, index, id) in candidates {
            let has: Vec<char> = db
                .with_face_data(id, |data, i| {
                    let Ok(face) = ttf_parser::Face::parse(data, i) else {
                        return Vec::new();
                    };
                    if face.permissions() == Some(ttf_parser::Permissions::Restricted)
                        || !face.is_subsetting_allowed()
                    {
                        return Vec::new();
                    }
                    missing
                        .iter()
                        .copied()
                        .filter(|&c| face.glyph_index(c).is_some_and(|g| g.0 != 0))
                        .collect()
                })
                .unwrap_or_default();
            if has.is_empty() {
                continue;
            }
            for c in &has {
                missing.remove(c);
            }
            found.push((id, index));
            if missing.is_empty() {
                break;
            }
        }
        for (id, index) in found {
            let name = self
                .system
                .as_ref()
                .and_then(|db| db.face(id))
                .map(|f| f.post_script_name.clone())
                .unwrap_or_default();
            if let Ok(i) = self.add_face(Origin::System(id), index, &name)
                && !self.fallback.contains(&i)
            {
                self.fallback.push(i);
            }
        }
    }
}
