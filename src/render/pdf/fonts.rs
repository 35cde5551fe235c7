//! Fonts: the four roles, where their files come from, coverage and widths.
//!
//! Measuring uses ttf-parser only; printpdf sees the bytes of the faces that
//! end up on a page (see [`super::canvas`]).

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
}

impl Role {
    /// All roles, in a fixed order.
    pub const ALL: [Role; 4] = [Role::Title, Role::Body, Role::Hei, Role::Kai];

    /// The Chinese name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Role::Title => "标题",
            Role::Body => "正文",
            Role::Hei => "黑体",
            Role::Kai => "楷体",
        }
    }

    /// The bundled file for this role.
    pub fn bundled_file(self) -> &'static str {
        match self {
            Role::Title => "NotoSerifSC-Bold-subset.otf",
            Role::Body => "FandolFang-Regular.otf",
            Role::Hei => "NotoSansSC-Regular-subset.otf",
            Role::Kai => "LXGWWenKai-Regular.ttf",
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
                "没有“{role}”这个字体角色；可用的角色是 标题、正文、黑体、楷体"
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

/// One loaded face.
pub struct Face {
    /// Full name, for messages.
    pub name: String,
    /// The file's bytes (the whole collection for `.ttc`).
    pub data: Vec<u8>,
    /// Face index inside a collection.
    pub index: u32,
    /// A FandolFang face (draws 鬱 as 郁).
    fandol: bool,
}

/// The faces for the four roles plus the fallback faces.
pub struct Fonts {
    /// Loaded faces; each distinct file once.
    pub faces: Vec<Face>,
    role: [usize; 4],
    /// Faces tried, in order, for a character the role's face lacks.
    fallback: Vec<usize>,
}

/// Advances (in em) of the characters of one document, per face; a missing
/// entry means the face lacks the character.
pub struct Metrics {
    adv: Vec<HashMap<char, f32>>,
}

/// Characters that must be one em wide; a face drawing them narrower is
/// skipped for them (LXGW WenKai's quotes, Noto's em dash).
const FULL_WIDTH: &[char] = &['“', '”', '‘', '’', '—', '…', '·'];

impl Fonts {
    /// Loads the fonts chosen by `choice`.
    pub fn load(choice: &FontChoice) -> Result<Fonts, PdfError> {
        let dir = font_dir(choice.dir.as_deref());
        let mut fonts = Fonts {
            faces: Vec::new(),
            role: [usize::MAX; 4],
            fallback: Vec::new(),
        };
        let mut by_path: HashMap<PathBuf, usize> = HashMap::new();
        let mut db: Option<fontdb::Database> = None;
        for role in Role::ALL {
            let source = choice
                .overrides
                .iter()
                .rev()
                .find(|(r, _)| *r == role)
                .map(|(_, s)| s.clone());
            let idx = match source {
                Some(FontSource::Path(p)) => fonts.add_file(&p, &mut by_path)?,
                Some(FontSource::Family(name)) => {
                    let db = db.get_or_insert_with(|| {
                        let mut db = fontdb::Database::new();
                        db.load_system_fonts();
                        db
                    });
                    fonts.add_family(db, &name)?
                }
                None => {
                    let Some(dir) = &dir else {
                        return Err(PdfError::FontDirNotFound {
                            tried: candidate_dirs(choice.dir.as_deref()),
                        });
                    };
                    let path = dir.join(role.bundled_file());
                    if !path.is_file() {
                        return Err(PdfError::FontMissing { role, path });
                    }
                    fonts.add_file(&path, &mut by_path)?
                }
            };
            fonts.role[role.index()] = idx;
        }
        // Fallback: the broad bundled faces, when present.
        if let Some(dir) = &dir {
            for role in [Role::Hei, Role::Title, Role::Kai, Role::Body] {
                let path = dir.join(role.bundled_file());
                if path.is_file() {
                    let idx = fonts.add_file(&path, &mut by_path)?;
                    if !fonts.fallback.contains(&idx) {
                        fonts.fallback.push(idx);
                    }
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

    fn add_file(
        &mut self,
        path: &Path,
        seen: &mut HashMap<PathBuf, usize>,
    ) -> Result<usize, PdfError> {
        if let Some(i) = seen.get(path) {
            return Ok(*i);
        }
        let data = crate::load::read_limited(path, MAX_FONT_FILE, "字体文件").map_err(|e| {
            PdfError::FontUnreadable {
                path: path.to_path_buf(),
                reason: e.message,
            }
        })?;
        let i = self.add_face(data, 0, &path.display().to_string())?;
        seen.insert(path.to_path_buf(), i);
        Ok(i)
    }

    fn add_family(&mut self, db: &fontdb::Database, name: &str) -> Result<usize, PdfError> {
        let families = [fontdb::Family::Name(name)];
        let query = fontdb::Query {
            families: &families,
            ..Default::default()
        };
        let id = db.query(&query).ok_or_else(|| PdfError::FontNotFound {
            family: name.to_string(),
        })?;
        let (data, index) = db
            .with_face_data(id, |data, index| (data.to_vec(), index))
            .ok_or_else(|| PdfError::FontNotFound {
                family: name.to_string(),
            })?;
        self.add_face(data, index, name)
    }

    fn add_face(&mut self, data: Vec<u8>, index: u32, origin: &str) -> Result<usize, PdfError> {
        let (name, fandol) = {
            let face =
                ttf_parser::Face::parse(&data, index).map_err(|e| PdfError::FontUnreadable {
                    path: PathBuf::from(origin),
                    reason: e.to_string(),
                })?;
            let name = face_name(&face).unwrap_or_else(|| origin.to_string());
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
            (name, fandol)
        };
        self.faces.push(Face {
            name,
            data,
            index,
            fandol,
        });
        Ok(self.faces.len() - 1)
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
                let mut map = HashMap::new();
                if let Ok(face) = ttf_parser::Face::parse(&f.data, f.index) {
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

    /// The face that draws `c` for `role`, and its advance in em. A character
    /// no face has stays with the role's face (it draws as .notdef).
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
        for &f in &self.fallback {
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
        let f = &self.faces[face];
        let face = ttf_parser::Face::parse(&f.data, f.index).ok()?;
        let g = face.glyph_index(ch)?;
        let mut pen = OutlinePen {
            rings: Vec::new(),
            last: (0.0, 0.0),
            upem: face.units_per_em() as f32,
        };
        face.outline_glyph(g, &mut pen)?;
        Some(pen.rings)
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
    out.push(PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/fonts")));
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
        assert!(
            parse_font_arg("宋体=x")
                .unwrap_err()
                .to_string()
                .contains("标题、正文、黑体、楷体")
        );
        assert!(parse_font_arg("正文").is_err());
        assert!(parse_font_arg("正文=").is_err());
    }
}
