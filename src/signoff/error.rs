//! Why a reviewed document could not be read or merged; `Display` is the
//! complete Chinese message.

use std::fmt;

use crate::zip_xml::read::PackageError;

/// Why a reviewed .docx could not be merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MergeError {
    /// The package or one of its parts could not be read.
    Package(PackageError),
    /// The archive has no `word/document.xml` body.
    NotWord,
    /// An XML part is malformed or refused.
    Xml {
        /// The part.
        part: &'static str,
        /// What the parser said.
        detail: String,
    },
    /// Block content nested too deep.
    TooDeep,
    /// More tracked changes than allowed.
    TooManyRevisions {
        /// The most allowed.
        max: usize,
    },
    /// More comments than allowed.
    TooManyComments {
        /// The most allowed.
        max: usize,
    },
    /// More paragraphs than allowed.
    TooManyParagraphs {
        /// The most allowed.
        max: usize,
    },
    /// A table row wider than allowed.
    TooWide {
        /// The most grid columns allowed.
        max: usize,
    },
    /// The current data could not be built into a document to compare with.
    Build(String),
}

impl fmt::Display for MergeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MergeError::Package(e) => write!(f, "{e}"),
            MergeError::NotWord => f.write_str(
                "这个文件不是 Word 文档（缺少 word/document.xml 或正文）；请选择审签后的 .docx 文件",
            ),
            MergeError::Xml { part, detail } => {
                write!(f, "审签稿中的 {part} 无法解析（{detail}）；文件可能已损坏")
            }
            MergeError::TooDeep => f.write_str(
                "审签稿正文的嵌套层次过深，不像是由本工具生成、再经审签的年报，未导入",
            ),
            MergeError::TooManyRevisions { max } => write!(
                f,
                "审签稿中的修订超过 {max} 处，不像是正常的审签稿，未导入；请在 Word 中接受或拒绝修订后再导入"
            ),
            MergeError::TooManyComments { max } => {
                write!(f, "审签稿中的批注超过 {max} 条，不像是正常的审签稿，未导入")
            }
            MergeError::TooManyParagraphs { max } => {
                write!(f, "审签稿正文超过 {max} 段，不像是正常的年报，未导入")
            }
            MergeError::TooWide { max } => {
                write!(f, "审签稿中有一行表格超过 {max} 列，不像是年报的表格，未导入")
            }
            MergeError::Build(m) => write!(f, "无法由当前数据文件生成对照用的文档：{m}"),
        }
    }
}

impl std::error::Error for MergeError {}

impl From<PackageError> for MergeError {
    fn from(e: PackageError) -> MergeError {
        MergeError::Package(e)
    }
}
