//! Why a build plan could not render or write a report.

use std::fmt;
use std::path::PathBuf;

use crate::files::WriteError;
use crate::render::docx::FontNameError;
use crate::render::templates::TemplateError;
use crate::render::typeset::FontError;

/// Why a report could not be rendered or written. Nothing is written when
/// rendering fails.
#[derive(Debug)]
pub enum BuildError {
    /// A template could not be loaded or rendered.
    Template(TemplateError),
    /// The fonts could not be loaded, or a face not be cut for the PDF.
    Font(FontError),
    /// The Word document could not name a font.
    Docx(FontNameError),
    /// An output would replace a file the build reads.
    Clobber {
        /// The output.
        output: PathBuf,
        /// The input it would replace.
        input: PathBuf,
    },
    /// The output folder or a file could not be written.
    Write(WriteError),
    /// The data file could not be read as a report: nothing to build.
    NotAReport,
    /// The data has this many errors and no draft was asked for.
    DataErrors(usize),
    /// The text goes past what a render takes on
    /// ([`crate::model::bounds`]): too many lines, or nested too deep.
    TooLarge(crate::model::bounds::Excess),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Template(e) => e.fmt(f),
            BuildError::Font(e) => e.fmt(f),
            BuildError::Docx(e) => e.fmt(f),
            BuildError::Clobber { output, input } => write!(
                f,
                "输出文件 {} 就是输入文件 {}，不能覆盖；请用 -o 另选输出目录",
                output.display(),
                input.display()
            ),
            BuildError::Write(e) => e.fmt(f),
            BuildError::NotAReport => f.write_str("数据文件无法读取为年报，未生成任何文件"),
            BuildError::DataErrors(errors) => write!(
                f,
                "数据有 {errors} 个错误，未生成任何文件（修改后重试，或加 --draft 生成草稿）"
            ),
            BuildError::TooLarge(excess) => write!(
                f,
                "{excess}。未生成任何文件（nianbao check 会指出是哪一行）"
            ),
        }
    }
}

impl std::error::Error for BuildError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BuildError::Template(e) => Some(e),
            BuildError::Font(e) => Some(e),
            BuildError::Docx(e) => Some(e),
            BuildError::Clobber { .. }
            | BuildError::NotAReport
            | BuildError::DataErrors(_)
            | BuildError::TooLarge(_) => None,
            BuildError::Write(e) => Some(e),
        }
    }
}

/// `From` impls that wrap a library error in the variant named for it.
macro_rules! wrap_error {
    ($($error:ty => $variant:ident),* $(,)?) => {
        $(
            impl From<$error> for BuildError {
                fn from(e: $error) -> BuildError {
                    BuildError::$variant(e)
                }
            }
        )*
    };
}

wrap_error! {
    TemplateError => Template,
    FontError => Font,
    FontNameError => Docx,
    WriteError => Write,
}
