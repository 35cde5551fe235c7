//! Fonts: the four roles, where their faces come from, coverage and widths.
//!
//! A face is never copied whole. Bundled faces are compiled into the binary
//! (cargo feature `embed-fonts`) and parsed in place from `&'static [u8]`;
//! faces from files (`fonts/`, `--font-dir`, `--font`) and installed fonts
//! are memory-mapped by fontdb each time they are read. Measuring uses
//! ttf-parser (zero-copy); printpdf only sees a small subset of each face
//! that ends up on a page, made by [`Fonts::subset`] from the glyphs drawn.

use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

use super::PdfError;

/// What a face is used for (GB/T 9704 type roles).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// 标题: the report title (小标宋 in print).
    Title,
    /// 正文: body text (仿宋), also levels 3 and 4, tables, page numbers.
    Body,
    /// 黑体: level-1 (section) headings and table headers.
    Hei,
    /// 楷体: level-2 headings.
    Kai,
    /// 页码: page numbers, in half-width 宋体 digits (GB/T 9704 7.5). The
    /// bundled face has the ten digits only; the dashes stay with 正文.
    Folio,
}

impl Role {
    /// All roles, in a fixed order.
    pub const ALL: [Role; 5] = [Role::Title, Role::Body, Role::Hei, Role::Kai, Role::Folio];

    /// The Chinese name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Role::Title => "标题",
            Role::Body => "正文",
            Role::Hei => "黑体",
            Role::Kai => "楷体",
            Role::Folio => "页码",
        }
    }

    /// The bundled file for this role.
    pub fn bundled_file(self) -> &'static str {
        match self {
            Role::Title => "NotoSerifSC-Bold-subset.otf",
            Role::Body => "FandolFang-Regular-subset.otf",
            Role::Hei => "NotoSansSC-Regular-subset.otf",
            Role::Kai => "WenKaiGB-Regular-subset.ttf",
            Role::Folio => "NotoSerifSC-Regular-digits.otf",
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    /// Parses a role name (Chinese or English).
    pub fn parse(s: &str) -> Option<Role> {
        Some(match s.trim() {
            "标题" | "title" => Role::Title,
            "正文" | "仿宋" | "body" => Role::Body,
            "黑体" | "hei" | "heiti" => Role::Hei,
            "楷体" | "kai" | "kaiti" => Role::Kai,
            "页码" | "宋体" | "folio" => Role::Folio,
            _ => return None,
        })
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Where a role's face comes from when it is not the bundled one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FontSource {
    /// An installed font, by family name (`仿宋_GB2312`), found with fontdb.
    Family(String),
    /// A font file (`.ttf`, `.otf`, `.ttc`, `.otc`); face 0 of a collection.
    Path(PathBuf),
}

/// Largest font file read, in bytes (whole-family collections reach ~130 MB).
pub const MAX_FONT_FILE: u64 = 256 * 1024 * 1024;

/// Which fonts to use: the bundled directory and per-role overrides.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FontChoice {
    /// `--font-dir`: where the bundled faces are (searched for when `None`).
    pub dir: Option<PathBuf>,
    /// `--font ROLE=NAME` overrides, later ones win.
    pub overrides: Vec<(Role, FontSource)>,
}

/// A `--font` argument that cannot be understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FontArgError {
    /// No `=` between role and font.
    NoEquals(String),
    /// Not one of the four roles.
    UnknownRole(String),
    /// Nothing after the `=`.
    NoFont(String),
}

impl fmt::Display for FontArgError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FontArgError::NoEquals(arg) => write!(
                f,
                "“{arg}”的格式不对，应写作 角色=字体名 或 角色=字体文件路径，例如 正文=仿宋_GB2312"
            ),
            FontArgError::UnknownRole(role) => write!(
                f,
                "没有“{role}”这个字体角色；可用的角色是 标题、正文、黑体、楷体、页码"
            ),
            FontArgError::NoFont(arg) => write!(f, "“{arg}”没有写字体名"),
        }
    }
}

impl std::error::Error for FontArgError {}

/// Parses `ROLE=NAME` as given to `--font`: `正文=仿宋_GB2312` or
/// `标题=/path/to/font.otf`.
pub fn parse_font_arg(arg: &str) -> Result<(Role, FontSource), FontArgError> {
    let arg_shown = crate::diag::excerpt(arg);
    let Some((role, value)) = arg.split_once('=') else {
        return Err(FontArgError::NoEquals(arg_shown));
    };
    let Some(role) = Role::parse(role) else {
        return Err(FontArgError::UnknownRole(crate::diag::excerpt(role.trim())));
    };
    let value = value.trim();
    if value.is_empty() {
        return Err(FontArgError::NoFont(arg_shown));
    }
    let lower = value.to_ascii_lowercase();
    let is_path = value.contains('/')
        || value.contains('\\')
        || [".ttf", ".otf", ".ttc", ".otc"]
            .iter()
            .any(|e| lower.ends_with(e));
    Ok((
        role,
        if is_path {
            FontSource::Path(PathBuf::from(value))
        } else {
            FontSource::Family(value.to_string())
        },
    ))
}

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

/// The faces for the four roles plus the fallback faces.
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
}

/// Advances (in em) of the characters of one document, per face; a missing
/// entry means the face lacks the character.
pub struct Metrics {
    adv: Vec<HashMap<char, f32>>,
}

/// Characters that must be one em wide; a face drawing them narrower is
/// skipped for them (the WenKai quotes, Noto's em dash).
const FULL_WIDTH: &[char] = &['“', '”', '‘', '’', '—', '…', '·'];

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

/// Why a font file could not be parsed, in Chinese.
fn parse_failure(e: &ttf_parser::FaceParsingError) -> String {
    use ttf_parser::FaceParsingError as E;
    match e {
        E::UnknownMagic => "不是 TrueType/OpenType 字体文件".into(),
        E::FaceIndexOutOfBounds => "字体集合中没有该字面".into(),
        _ => format!("字体文件已损坏或不完整（{e}）"),
    }
}

/// The bundled face of `role` compiled into the binary, unless the build
/// has no `embed-fonts` feature or `NIANBAO_NO_EMBEDDED_FONTS` is set (to
/// try the paths a build without embedded faces takes).
pub fn embedded(role: Role) -> Option<&'static [u8]> {
    if std::env::var_os("NIANBAO_NO_EMBEDDED_FONTS").is_some_and(|v| !v.is_empty()) {
        return None;
    }
    embedded_bytes(role)
}

#[cfg(feature = "embed-fonts")]
fn embedded_bytes(role: Role) -> Option<&'static [u8]> {
    Some(match role {
        Role::Title => include_bytes!("../../../fonts/NotoSerifSC-Bold-subset.otf"),
        Role::Body => include_bytes!("../../../fonts/FandolFang-Regular-subset.otf"),
        Role::Hei => include_bytes!("../../../fonts/NotoSansSC-Regular-subset.otf"),
        Role::Kai => include_bytes!("../../../fonts/WenKaiGB-Regular-subset.ttf"),
        Role::Folio => include_bytes!("../../../fonts/NotoSerifSC-Regular-digits.otf"),
    })
}

#[cfg(not(feature = "embed-fonts"))]
fn embedded_bytes(_role: Role) -> Option<&'static [u8]> {
    None
}

/// Where the bundled face of a role is: a file of the font directory or
/// the copy compiled in.
#[derive(Clone)]
enum Bundled {
    File(PathBuf),
    Embedded(Role),
}

impl Fonts {
    /// Loads the fonts chosen by `choice`: `--font` overrides, then the
    /// bundled faces (a font directory wins over the compiled-in copies),
    /// then, when neither exists, installed faces by role.
    pub fn load(choice: &FontChoice) -> Result<Fonts, PdfError> {
        let dir = font_dir(choice.dir.as_deref());
        if choice.dir.is_some() && dir.is_none() {
            return Err(PdfError::FontDirNotFound {
                tried: candidate_dirs(choice.dir.as_deref()),
            });
        }
        let mut fonts = Fonts {
            faces: Vec::new(),
            role: [usize::MAX; Role::ALL.len()],
            fallback: Vec::new(),
            files: fontdb::Database::new(),
            system: None,
        };
        let bundled = |role: Role| -> Result<Option<Bundled>, PdfError> {
            if let Some(dir) = &dir {
                let path = dir.join(role.bundled_file());
                if path.is_file() {
                    return Ok(Some(Bundled::File(path)));
                }
                // A font directory from before the 页码 face: page numbers
                // then borrow an installed 宋体 or the body face.
                if embedded(role).is_none() && role != Role::Folio {
                    return Err(PdfError::FontMissing { role, path });
                }
            }
            Ok(embedded(role).map(|_| Bundled::Embedded(role)))
        };
        let mut by_path: HashMap<PathBuf, usize> = HashMap::new();
        let mut missing = Vec::new();
        for role in Role::ALL {
            let source = choice
                .overrides
                .iter()
                .rev()
                .find(|(r, _)| *r == role)
                .map(|(_, s)| s.clone());
            let idx = match source {
                Some(FontSource::Path(p)) => fonts.add_file(&p, &mut by_path)?,
                Some(FontSource::Family(name)) => fonts.add_family(&name)?,
                None => match bundled(role)? {
                    Some(b) => fonts.add_bundled(b, &mut by_path)?,
                    None => match fonts.add_role_from_system(role) {
                        Some(i) => i,
                        None => {
                            missing.push(role);
                            continue;
                        }
                    },
                },
            };
            fonts.role[role.index()] = idx;
        }
        if missing.contains(&Role::Folio) && fonts.role[Role::Body.index()] != usize::MAX {
            missing.retain(|&r| r != Role::Folio);
            fonts.role[Role::Folio.index()] = fonts.role[Role::Body.index()];
        }
        if !missing.is_empty() {
            // A role without a face of its own borrows another role's.
            let Some(&any) = fonts.role.iter().find(|&&i| i != usize::MAX) else {
                return Err(PdfError::NoFonts {
                    tried: candidate_dirs(choice.dir.as_deref()),
                });
            };
            for role in missing {
                fonts.role[role.index()] = any;
            }
        }
        // Fallback: the broad bundled faces, when present.
        for role in [Role::Hei, Role::Title, Role::Kai, Role::Body] {
            if let Some(b) = bundled(role).ok().flatten() {
                let idx = fonts.add_bundled(b, &mut by_path)?;
                if !fonts.fallback.contains(&idx) {
                    fonts.fallback.push(idx);
                }
            }
        }
        for role in [Role::Hei, Role::Title, Role::Kai, Role::Body] {
            let idx = fonts.role[role.index()];
            if !fonts.fallback.contains(&idx) {
                fonts.fallback.push(idx);
            }
        }
        Ok(fonts)
    }

    fn add_bundled(
        &mut self,
        b: Bundled,
        seen: &mut HashMap<PathBuf, usize>,
    ) -> Result<usize, PdfError> {
        match b {
            Bundled::File(path) => self.add_file(&path, seen),
            Bundled::Embedded(role) => {
                if let Some(i) = self
                    .faces
                    .iter()
                    .position(|f| f.origin == Origin::Embedded(role))
                {
                    return Ok(i);
                }
                let origin = format!("内置{role}字体");
                self.add_face(Origin::Embedded(role), 0, &origin)
            }
        }
    }

    fn add_file(
        &mut self,
        path: &Path,
        seen: &mut HashMap<PathBuf, usize>,
    ) -> Result<usize, PdfError> {
        if let Some(i) = seen.get(path) {
            return Ok(*i);
        }
        let unreadable = |reason: String| PdfError::FontUnreadable {
            path: path.to_path_buf(),
            reason,
        };
        // The same checks as every other read: a regular file, not too big.
        let meta = std::fs::metadata(path).map_err(|e| unreadable(crate::load::io_message(&e)))?;
        if !meta.is_file() {
            return Err(unreadable("不是普通文件".into()));
        }
        if meta.len() > MAX_FONT_FILE {
            return Err(unreadable(format!(
                "文件过大（{} 字节，上限 {} 字节）",
                meta.len(),
                MAX_FONT_FILE
            )));
        }
        // fontdb maps the file (no copy) and indexes its faces; face 0 is used.
        let ids = self
            .files
            .load_font_source(fontdb::Source::File(path.to_path_buf()));
        let Some(&id) = ids
            .iter()
            .find(|id| self.files.face(**id).is_some_and(|f| f.index == 0))
        else {
            // Say why, in ttf-parser's words when it has some.
            let reason = std::fs::File::open(path)
                .map_err(|e| crate::load::io_message(&e))
                .and_then(|_| {
                    let data = crate::load::read_limited(path, MAX_FONT_FILE, "字体文件")
                        .map_err(|e| e.message)?;
                    ttf_parser::Face::parse(&data, 0)
                        .map(|_| ())
                        .map_err(|e| parse_failure(&e))
                })
                .err()
                .unwrap_or_else(|| "不是可用的字体文件".into());
            return Err(unreadable(reason));
        };
        let i = self.add_face(Origin::File(id), 0, &path.display().to_string())?;
        seen.insert(path.to_path_buf(), i);
        Ok(i)
    }

    fn system_db(&mut self) -> &fontdb::Database {
        self.system.get_or_insert_with(|| {
            let mut db = fontdb::Database::new();
            db.load_system_fonts();
            db
        })
    }

    fn add_family(&mut self, name: &str) -> Result<usize, PdfError> {
        self.add_family_weight(name, fontdb::Weight::NORMAL)
    }

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
    fn add_role_from_system(&mut self, role: Role) -> Option<usize> {
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

    /// Runs `f` on the bytes of face `face` and its index in a collection.
    fn with_data<T>(&self, origin: Origin, f: impl FnOnce(&[u8], u32) -> T) -> Option<T> {
        match origin {
            Origin::Embedded(role) => embedded(role).map(|d| f(d, 0)),
            Origin::File(id) => self.files.with_face_data(id, f),
            Origin::System(id) => self.system.as_ref()?.with_face_data(id, f),
        }
    }

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

    /// A font program holding only the glyphs of `chars` in face `face`
    /// (plus .notdef), with a Unicode cmap for them and, for CID-keyed CFF
    /// faces, CIDs equal to glyph ids: what the PDF embeds as it is.
    /// Parsing and subsetting this instead of the whole face keeps printpdf
    /// away from the tens of thousands of glyphs a document never uses.
    pub fn subset(&self, face: usize, chars: &BTreeSet<char>) -> Result<Vec<u8>, PdfError> {
        let mut otf = self.subset_raw(face, chars)?;
        super::cid::identity_cids(&mut otf);
        Ok(otf)
    }

    /// [`Fonts::subset`] as allsorts writes it, with the face's own CIDs.
    pub(crate) fn subset_raw(
        &self,
        face: usize,
        chars: &BTreeSet<char>,
    ) -> Result<Vec<u8>, PdfError> {
        let f = &self.faces[face];
        let failed = |reason: String| PdfError::FontUnreadable {
            path: PathBuf::from(&f.name),
            reason,
        };
        self.with_data(f.origin, |data, index| {
            let face =
                ttf_parser::Face::parse(data, index).map_err(|e| failed(parse_failure(&e)))?;
            let mut ids: Vec<u16> = chars
                .iter()
                .filter_map(|&c| face.glyph_index(c))
                .map(|g| g.0)
                .filter(|&g| g != 0)
                .collect();
            ids.sort_unstable();
            ids.dedup();
            ids.insert(0, 0);
            use allsorts::binary::read::ReadScope;
            use allsorts::font_data::FontData;
            let file = ReadScope::new(data)
                .read::<FontData<'_>>()
                .map_err(|e| failed(e.to_string()))?;
            let provider = file
                .table_provider(index as usize)
                .map_err(|e| failed(e.to_string()))?;
            allsorts::subset::subset(
                &provider,
                &ids,
                &allsorts::subset::SubsetProfile::Minimal,
                allsorts::subset::CmapTarget::Unicode,
            )
            .map_err(|e| failed(e.to_string()))
        })
        .unwrap_or_else(|| Err(failed("无法读取".into())))
    }

    /// Whether face `face` has a glyph for any of `chars`.
    pub fn has_any(&self, face: usize, chars: &BTreeSet<char>) -> bool {
        self.with_data(self.faces[face].origin, |data, index| {
            ttf_parser::Face::parse(data, index).is_ok_and(|f| {
                chars
                    .iter()
                    .any(|&c| f.glyph_index(c).is_some_and(|g| g.0 != 0))
            })
        })
        .unwrap_or(false)
    }

    /// The face of `role`.
    pub fn role_face(&self, role: Role) -> usize {
        self.role[role.index()]
    }

    /// Widths of `chars` in every face (one parse per face).
    pub fn metrics(&self, chars: &BTreeSet<char>) -> Metrics {
        let adv = self
            .faces
            .iter()
            .map(|f| {
                self.with_data(f.origin, |data, index| {
                    let mut map = HashMap::new();
                    if let Ok(face) = ttf_parser::Face::parse(data, index) {
                        let upem = face.units_per_em() as f32;
                        for &c in chars {
                            if let Some(g) = face.glyph_index(c)
                                && g.0 != 0
                            {
                                let a = face.glyph_hor_advance(g).unwrap_or(0) as f32 / upem;
                                map.insert(c, a);
                            }
                        }
                    }
                    map
                })
                .unwrap_or_default()
            })
            .collect();
        Metrics { adv }
    }

    /// Characters of `chars` that no face can draw.
    pub fn uncovered(&self, chars: &BTreeSet<char>) -> BTreeSet<char> {
        let m = self.metrics(chars);
        chars
            .iter()
            .copied()
            .filter(|&c| !c.is_control() && !c.is_whitespace())
            .filter(|&c| (0..self.faces.len()).all(|f| !m.adv[f].contains_key(&c)))
            .collect()
    }

    /// The face that draws `c` for `role`, and its advance in em: the
    /// role's own face, else the first fallback that has it. Body text
    /// (仿宋) tries the 楷体 face first, the closest of the bundled styles
    /// (FandolFang lacks the characters of the 通用规范汉字表 outside
    /// GB 2312). A character no face has stays with the role's face (it
    /// draws as .notdef).
    pub fn pick(&self, m: &Metrics, role: Role, c: char) -> (usize, f32) {
        let own = self.role_face(role);
        let usable = |f: usize| -> Option<f32> {
            let a = *m.adv[f].get(&c)?;
            if FULL_WIDTH.contains(&c) && a < 0.95 {
                return None;
            }
            if self.faces[f].fandol && c == '鬱' {
                return None;
            }
            Some(a)
        };
        if let Some(a) = usable(own) {
            return (own, a);
        }
        let preferred = (role == Role::Body).then(|| self.role_face(Role::Kai));
        for f in preferred.into_iter().chain(self.fallback.iter().copied()) {
            if let Some(a) = usable(f) {
                return (f, a);
            }
        }
        // Anything that at least has the glyph, even if narrow.
        for &f in std::iter::once(&own).chain(&self.fallback) {
            if let Some(a) = m.adv[f].get(&c) {
                return (f, *a);
            }
        }
        (own, if c == ' ' { 0.25 } else { 1.0 })
    }
}

/// A glyph outline: closed contours of points in em units (y up); `true`
/// marks a cubic Bézier control point.
pub type Outline = Vec<Vec<(f32, f32, bool)>>;

struct OutlinePen {
    rings: Outline,
    last: (f32, f32),
    upem: f32,
}

impl ttf_parser::OutlineBuilder for OutlinePen {
    fn move_to(&mut self, x: f32, y: f32) {
        let p = (x / self.upem, y / self.upem);
        self.rings.push(vec![(p.0, p.1, false)]);
        self.last = p;
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let p = (x / self.upem, y / self.upem);
        if let Some(r) = self.rings.last_mut() {
            r.push((p.0, p.1, false));
        }
        self.last = p;
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let (q, p) = (
            (x1 / self.upem, y1 / self.upem),
            (x / self.upem, y / self.upem),
        );
        let c1 = (
            self.last.0 + 2.0 / 3.0 * (q.0 - self.last.0),
            self.last.1 + 2.0 / 3.0 * (q.1 - self.last.1),
        );
        let c2 = (p.0 + 2.0 / 3.0 * (q.0 - p.0), p.1 + 2.0 / 3.0 * (q.1 - p.1));
        if let Some(r) = self.rings.last_mut() {
            r.extend([(c1.0, c1.1, true), (c2.0, c2.1, true), (p.0, p.1, false)]);
        }
        self.last = p;
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let u = self.upem;
        if let Some(r) = self.rings.last_mut() {
            r.extend([
                (x1 / u, y1 / u, true),
                (x2 / u, y2 / u, true),
                (x / u, y / u, false),
            ]);
        }
        self.last = (x / u, y / u);
    }
    fn close(&mut self) {}
}

impl Fonts {
    /// The outline of `ch` in face `face`, for drawing it as a shape (the
    /// draft watermark, which must stay out of the text layer).
    pub fn outline(&self, face: usize, ch: char) -> Option<Outline> {
        self.with_data(self.faces[face].origin, |data, index| {
            let face = ttf_parser::Face::parse(data, index).ok()?;
            let g = face.glyph_index(ch)?;
            let mut pen = OutlinePen {
                rings: Vec::new(),
                last: (0.0, 0.0),
                upem: face.units_per_em() as f32,
            };
            face.outline_glyph(g, &mut pen)?;
            Some(pen.rings)
        })?
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

/// The directories searched for the bundled fonts, in order.
pub fn candidate_dirs(explicit: Option<&Path>) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Some(d) = explicit {
        out.push(d.to_path_buf());
        return out;
    }
    if let Some(d) = std::env::var_os("NIANBAO_FONT_DIR")
        && !d.is_empty()
    {
        out.push(PathBuf::from(d));
    }
    if let Ok(exe) = std::env::current_exe()
        && let Some(dir) = exe.parent()
    {
        out.push(dir.join("fonts"));
        out.push(dir.join("../share/nianbao/fonts"));
    }
    // A build without compiled-in faces still finds the source tree's.
    if embedded_bytes(Role::Body).is_none() {
        out.push(PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/fonts")));
    }
    out
}

/// The first candidate directory that holds a bundled face.
fn font_dir(explicit: Option<&Path>) -> Option<PathBuf> {
    candidate_dirs(explicit)
        .into_iter()
        .find(|d| Role::ALL.iter().any(|r| d.join(r.bundled_file()).is_file()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn font_args_parse() {
        assert_eq!(
            parse_font_arg("正文=仿宋_GB2312"),
            Ok((Role::Body, FontSource::Family("仿宋_GB2312".into())))
        );
        assert_eq!(
            parse_font_arg("标题=/x/y.otf"),
            Ok((Role::Title, FontSource::Path("/x/y.otf".into())))
        );
        assert_eq!(
            parse_font_arg("楷体=kai.ttf"),
            Ok((Role::Kai, FontSource::Path("kai.ttf".into())))
        );
        assert_eq!(
            parse_font_arg("宋体=SimSun"),
            Ok((Role::Folio, FontSource::Family("SimSun".into())))
        );
        assert!(
            parse_font_arg("隶书=x")
                .unwrap_err()
                .to_string()
                .contains("标题、正文、黑体、楷体、页码")
        );
        assert!(parse_font_arg("正文").is_err());
        assert!(parse_font_arg("正文=").is_err());
    }

    /// FandolFang lacks the table characters outside GB 2312: body text
    /// takes them from the 楷体 face, headings from the first fallback.
    #[cfg(feature = "embed-fonts")]
    #[test]
    fn body_text_falls_back_to_kai_first() {
        let fonts = Fonts::load(&FontChoice::default()).unwrap();
        let chars: BTreeSet<char> = "喆𬌗政".chars().collect();
        let m = fonts.metrics(&chars);
        let kai = fonts.role_face(Role::Kai);
        assert_eq!(fonts.pick(&m, Role::Body, '喆').0, kai);
        assert_eq!(fonts.pick(&m, Role::Body, '𬌗').0, kai);
        assert_eq!(
            fonts.pick(&m, Role::Body, '政').0,
            fonts.role_face(Role::Body)
        );
        assert_ne!(fonts.pick(&m, Role::Hei, '喆').0, kai);
        assert!(fonts.uncovered(&chars).is_empty());
    }
}
