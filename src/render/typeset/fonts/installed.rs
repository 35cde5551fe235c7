//! Installed faces (fontdb): a role's face by family name when there is no
//! bundled one, and per-character fallbacks for what no loaded face has.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

use super::style::{Class, Style, classify};
use super::{FontError, Fonts, Origin, Role};

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
    pub(super) fn add_family(&mut self, name: &str) -> Result<usize, FontError> {
        self.add_family_weight(name, fontdb::Weight::NORMAL)
    }

    /// Adds the installed face of family `name` nearest `weight`.
    fn add_family_weight(
        &mut self,
        name: &str,
        weight: fontdb::Weight,
    ) -> Result<usize, FontError> {
        let families = [fontdb::Family::Name(name)];
        let query = fontdb::Query {
            families: &families,
            weight,
            ..Default::default()
        };
        let db = self.system_db();
        let id = db.query(&query).ok_or_else(|| FontError::FontNotFound {
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
    /// that no loaded face has: for each such character, the first face of
    /// each style (仿宋, 宋体, 楷体, 黑体, other; regular or bold) that has
    /// it, so that every role can take it from the closest style. Faces of
    /// a style are tried Chinese first, upright first, regular weight
    /// first, then by file path (deterministic).
    pub fn cover(&mut self, chars: &BTreeSet<char>) {
        let missing = self.uncovered(chars);
        if missing.is_empty() {
            return;
        }
        let db = self.system_db();
        let mut candidates: Vec<Candidate> = db.faces().map(candidate).collect();
        candidates.sort_by(|a, b| a.key.cmp(&b.key));
        // What each style already has of the missing characters.
        let mut had: HashMap<(Class, bool), BTreeSet<char>> = HashMap::new();
        let mut found = Vec::new();
        for c in candidates {
            let has: BTreeSet<char> = db
                .with_face_data(c.id, |data, i| {
                    let Ok(face) = ttf_parser::Face::parse(data, i) else {
                        return BTreeSet::new();
                    };
                    if face.permissions() == Some(ttf_parser::Permissions::Restricted)
                        || !face.is_subsetting_allowed()
                    {
                        return BTreeSet::new();
                    }
                    missing
                        .iter()
                        .copied()
                        .filter(|&ch| face.glyph_index(ch).is_some_and(|g| g.0 != 0))
                        .collect()
                })
                .unwrap_or_default();
            let bucket = had.entry((c.class, c.heavy)).or_default();
            if has.is_subset(bucket) {
                continue;
            }
            bucket.extend(has);
            found.push((c.id, c.index, c.name));
        }
        for (id, index, name) in found {
            if let Ok(i) = self.add_face(Origin::System(id), index, &name)
                && !self.fallback.contains(&i)
            {
                self.fallback.push(i);
            }
        }
        self.order_fallbacks();
    }
}

/// An installed face considered as a fallback.
struct Candidate {
    /// Sort key: not Chinese, italic or oblique, distance from regular
    /// weight, file path, index.
    key: (bool, bool, u16, PathBuf, u32),
    id: fontdb::ID,
    index: u32,
    name: String,
    class: Class,
    heavy: bool,
}

fn candidate(f: &fontdb::FaceInfo) -> Candidate {
    let path = match &f.source {
        fontdb::Source::File(p) | fontdb::Source::SharedFile(p, _) => p.clone(),
        fontdb::Source::Binary(_) => PathBuf::new(),
    };
    let chinese = f.families.iter().any(|(name, lang)| {
        *lang == fontdb::Language::Chinese_PeoplesRepublicOfChina
            || name.ends_with(" SC")
            || name.ends_with(" CN")
    });
    let names = f
        .families
        .iter()
        .map(|(n, _)| n.as_str())
        .chain([f.post_script_name.as_str()]);
    let slanted = f.style != fontdb::Style::Normal;
    let style = Style {
        class: classify(names),
        weight: f.weight.0,
        slanted,
    };
    Candidate {
        key: (!chinese, slanted, f.weight.0.abs_diff(400), path, f.index),
        id: f.id,
        index: f.index,
        name: f.post_script_name.clone(),
        class: style.class,
        heavy: style.heavy(),
    }
}
