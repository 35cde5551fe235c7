//! The type roles of GB/T 9704 and the `--font` choice of a face per role
//! (and of the agency's 造字 font, `--font 造字=FILE`).

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use crate::render::zaozi::{ZaoziError, ZaoziFont};

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
    /// 页码: page numbers, in half-width 宋体 digits (GB/T 9704 7.5); the
    /// dashes stay with 正文. The bundled face (Noto Serif CJK SC Regular)
    /// also holds every character the bundled 仿宋 lacks: body text takes
    /// them all from it, one face for a name (issue 77.4).
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
            Role::Folio => "NotoSerifSC-Regular-subset.otf",
        }
    }

    /// The role's place in [`Role::ALL`].
    pub(super) fn index(self) -> usize {
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

/// Which fonts to use: the bundled directory and per-role overrides.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FontChoice {
    /// `--font-dir`: where the bundled faces are (searched for when `None`).
    pub dir: Option<PathBuf>,
    /// `--font ROLE=NAME` overrides, later ones win.
    pub overrides: Vec<(Role, FontSource)>,
    /// `--font 造字=FILE`: the agency's 造字 font, read once.
    pub zaozi: Option<Arc<ZaoziFont>>,
}

impl FontChoice {
    /// The choice `--font-dir` and the `--font` arguments make, the 造字
    /// font read (the last one given wins).
    pub fn from_args(dir: Option<PathBuf>, args: &[FontArg]) -> Result<FontChoice, ZaoziError> {
        let mut choice = FontChoice {
            dir,
            ..FontChoice::default()
        };
        for arg in args {
            match arg {
                FontArg::Role(role, source) => choice.overrides.push((*role, source.clone())),
                FontArg::Zaozi(path) => choice.zaozi = Some(Arc::new(ZaoziFont::load(path)?)),
            }
        }
        Ok(choice)
    }
}

/// One `--font` argument: a role's face, or the 造字 font's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FontArg {
    /// `正文=仿宋_GB2312`, `标题=/path/to/font.otf`.
    Role(Role, FontSource),
    /// `造字=EUDC.TTE`: the font a 造字 program keeps its characters in.
    Zaozi(PathBuf),
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
                "没有“{role}”这个字体角色；可用的角色是 标题、正文、黑体、楷体、页码，以及 造字（造字程序的字体文件）"
            ),
            FontArgError::NoFont(arg) => write!(f, "“{arg}”没有写字体名"),
        }
    }
}

impl std::error::Error for FontArgError {}

/// Parses `ROLE=NAME` as given to `--font`: `正文=仿宋_GB2312`,
/// `标题=/path/to/font.otf`, or `造字=EUDC.TTE` (always a file).
pub fn parse_font_arg(arg: &str) -> Result<FontArg, FontArgError> {
    let arg_shown = crate::diag::excerpt(arg);
    let Some((role, value)) = arg.split_once('=') else {
        return Err(FontArgError::NoEquals(arg_shown));
    };
    let value = value.trim();
    if matches!(role.trim(), "造字" | "zaozi" | "eudc" | "EUDC") {
        if value.is_empty() {
            return Err(FontArgError::NoFont(arg_shown));
        }
        return Ok(FontArg::Zaozi(PathBuf::from(value)));
    }
    let Some(role) = Role::parse(role) else {
        return Err(FontArgError::UnknownRole(crate::diag::excerpt(role.trim())));
    };
    if value.is_empty() {
        return Err(FontArgError::NoFont(arg_shown));
    }
    let lower = value.to_ascii_lowercase();
    let is_path = value.contains('/')
        || value.contains('\\')
        || [".ttf", ".otf", ".ttc", ".otc"]
            .iter()
            .any(|e| lower.ends_with(e));
    Ok(FontArg::Role(
        role,
        if is_path {
            FontSource::Path(PathBuf::from(value))
        } else {
            FontSource::Family(value.to_string())
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn font_args_parse() {
        assert_eq!(
            parse_font_arg("正文=仿宋_GB2312"),
            Ok(FontArg::Role(
                Role::Body,
                FontSource::Family("仿宋_GB2312".into())
            ))
        );
        assert_eq!(
            parse_font_arg("标题=/x/y.otf"),
            Ok(FontArg::Role(
                Role::Title,
                FontSource::Path("/x/y.otf".into())
            ))
        );
        assert_eq!(
            parse_font_arg("楷体=kai.ttf"),
            Ok(FontArg::Role(Role::Kai, FontSource::Path("kai.ttf".into())))
        );
        assert_eq!(
            parse_font_arg("宋体=SimSun"),
            Ok(FontArg::Role(
                Role::Folio,
                FontSource::Family("SimSun".into())
            ))
        );
        assert_eq!(
            parse_font_arg("造字=EUDC.TTE"),
            Ok(FontArg::Zaozi("EUDC.TTE".into()))
        );
        assert!(
            parse_font_arg("隶书=x")
                .unwrap_err()
                .to_string()
                .contains("标题、正文、黑体、楷体、页码")
        );
        assert!(parse_font_arg("正文").is_err());
        assert!(parse_font_arg("正文=").is_err());
        assert!(parse_font_arg("造字=").is_err());
    }
}
