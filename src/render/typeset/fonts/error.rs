//! Why the fonts could not be loaded: messages in Chinese.

use std::fmt;
use std::path::PathBuf;

use super::Role;

/// Why the fonts could not be loaded, or a face not be cut for embedding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FontError {
    /// No directory with the bundled fonts.
    FontDirNotFound {
        /// Directories searched.
        tried: Vec<PathBuf>,
    },
    /// The font directory lacks a role's file.
    FontMissing {
        /// The role.
        role: Role,
        /// The file expected.
        path: PathBuf,
    },
    /// A font file could not be read or parsed.
    FontUnreadable {
        /// The file (or family).
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
    /// No installed font has this family name.
    FontNotFound {
        /// The family asked for.
        family: String,
    },
    /// The font's licence bits forbid embedding.
    FontRestricted {
        /// The font.
        name: String,
        /// Which restriction.
        reason: &'static str,
    },
    /// No face at all: nothing compiled in, no font directory, no
    /// installed face for any role.
    NoFonts {
        /// Directories searched.
        tried: Vec<PathBuf>,
    },
}

impl FontError {
    /// The process exit code for this error (2: cannot build).
    pub fn exit_code(&self) -> i32 {
        2
    }
}

impl fmt::Display for FontError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FontError::FontDirNotFound { tried } => {
                let list: Vec<String> = tried.iter().map(|p| p.display().to_string()).collect();
                write!(
                    f,
                    "找不到随附字体目录（查找过：{}）；请用 --font-dir 或环境变量 NIANBAO_FONT_DIR 指定 fonts 目录",
                    list.join("、")
                )
            }
            FontError::FontMissing { role, path } => write!(
                f,
                "字体目录中缺少{role}字体文件 {}；请检查 --font-dir，或用 --font {role}=字体名 换用已安装的字体",
                path.display()
            ),
            FontError::FontUnreadable { path, reason } => {
                write!(f, "无法读取字体 {}：{reason}", path.display())
            }
            FontError::FontNotFound { family } => write!(
                f,
                "系统中找不到名为“{family}”的字体；请确认已安装，或改用字体文件路径"
            ),
            FontError::FontRestricted { name, reason } => write!(
                f,
                "字体“{name}”的授权设置（OS/2 fsType）{reason}，不能用于生成 PDF；请换用允许嵌入的字体"
            ),
            FontError::NoFonts { tried } => {
                let list: Vec<String> = tried.iter().map(|p| p.display().to_string()).collect();
                write!(
                    f,
                    "找不到可用于 PDF 的中文字体：本程序未内置字体，没有找到随附字体目录（查找过：{}），系统中也没有仿宋_GB2312、FangSong、宋体、黑体、楷体等字体。\
                     请用 --font-dir 指定 fonts 目录，或用 --font 正文=字体名 指定已安装的字体",
                    list.join("、")
                )
            }
        }
    }
}

impl std::error::Error for FontError {}
