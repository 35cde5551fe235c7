//! Why nothing could be imported: one variant per kind of failure, each
//! shown (by `Display`) as the complete message for the user, in Chinese.

use std::fmt;

use super::decode::NotText;
use crate::zip_xml::read::PackageError;

/// Why nothing could be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// The file could not be read (missing, not a regular file, too large);
    /// the message says why.
    Read(String),
    /// The bytes are not a text, web page, Word document or PDF the importer
    /// reads (an old Office document, a binary file).
    NotText(NotText),
    /// The Office package (.docx) or one of its parts cannot be read, or
    /// exceeds a bound.
    Package(PackageError),
    /// The archive has no `word/document.xml`: not a Word document.
    NotWord {
        /// The part that is missing.
        part: &'static str,
    },
    /// The document's XML is refused by the parser (invalid, or a DTD).
    XmlRefused {
        /// The part.
        part: &'static str,
        /// What the XML parser said.
        detail: String,
    },
    /// The document's XML has no `w:body`.
    NoBody {
        /// The part.
        part: &'static str,
    },
    /// The PDF cannot be parsed; `detail` is what the parser said, None when
    /// the parser gave up (panicked).
    PdfDamaged {
        /// What the PDF parser said, if anything.
        detail: Option<String>,
    },
    /// The PDF is encrypted.
    PdfEncrypted,
    /// The PDF has no text layer (a scan).
    PdfNoText,
    /// Too many glyphs of the PDF cannot be mapped to Unicode.
    PdfNoUnicode {
        /// Glyphs without a Unicode mapping.
        unknown: usize,
        /// Glyphs shown in all.
        visible: usize,
    },
    /// One of the bounds on untrusted input was exceeded.
    Limit(Limit),
    /// The report year is neither in the title nor in the text, and was not
    /// given.
    NoYear,
    /// A Word document still holds tracked changes or comments, and the
    /// clerk did not choose to read it as accepted: what they are.
    Unaccepted(String),
    /// A report on a year before 2019, when no mandated table format
    /// existed: its tables are not those of a data file.
    TooOld {
        /// The report year.
        year: i32,
    },
    /// An old Word document (`.doc`) that no installed LibreOffice could
    /// convert; `detail` says what went wrong when one was found.
    OldWord {
        /// Why the conversion failed; None when no LibreOffice was found.
        detail: Option<String>,
    },
}

/// Which bound on untrusted input a file exceeded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Limit {
    /// Nesting of block elements walked in the document.
    BlockDepth {
        /// The part.
        part: &'static str,
        /// The deepest nesting allowed.
        max: usize,
    },
    /// Tables nested in tables.
    TableNesting {
        /// The deepest nesting allowed.
        max: usize,
    },
    /// Lines taken from one document.
    Lines {
        /// The most allowed.
        max: usize,
    },
    /// Pages of a PDF.
    PdfPages {
        /// Pages found.
        count: usize,
        /// The most allowed.
        max: usize,
    },
    /// Decompressed size of a PDF page's content.
    PageContent {
        /// The page number (1-based).
        page: u32,
        /// The most bytes allowed.
        max: usize,
    },
    /// Decompressed size of a PDF form XObject (or the form is damaged).
    FormContent {
        /// The most bytes allowed.
        max: usize,
    },
    /// Content-stream operators of a PDF.
    Operations {
        /// The most allowed.
        max: usize,
    },
    /// Decompressed content (pages and forms) of a whole PDF.
    ContentBytes {
        /// The most bytes allowed.
        max: usize,
    },
    /// Form XObjects drawn in a whole PDF (a form drawing itself fans out).
    FormRuns {
        /// The most allowed.
        max: usize,
    },
    /// Characters of text produced from a PDF (its fonts' ToUnicode
    /// mappings, `ActualText`, encodings), in proportion to its size and
    /// in all.
    PdfText {
        /// The most characters allowed for this file.
        max: usize,
        /// The file's size in bytes.
        bytes: usize,
        /// The characters allowed per byte of a file.
        per_byte: usize,
        /// The characters allowed for any file.
        total: usize,
    },
    /// Bytes of text read from a Word document (its numbering labels
    /// repeated on every paragraph included).
    DocxText {
        /// The most bytes allowed.
        max: usize,
    },
    /// Codes mapped by one ToUnicode CMap of a PDF font.
    CmapCodes {
        /// The most allowed.
        max: u64,
    },
    /// Dictionaries in a PDF (each page needs one).
    PdfDictionaries {
        /// The most allowed.
        max: usize,
    },
    /// Inflated size of a PDF's streams (one, or all together).
    InflatedStreams {
        /// The most bytes allowed.
        max: u64,
        /// Whether the bound is on all streams together (else on one).
        together: bool,
    },
    /// Decompressed size of a PDF's object or cross-reference streams.
    ObjectStreams {
        /// The most bytes allowed for one.
        max: usize,
    },
    /// Characters of one list-level label of the Word numbering.
    NumberingLabel {
        /// The most allowed.
        max: usize,
    },
    /// Columns of one table row.
    RowWidth {
        /// The most allowed.
        max: usize,
    },
    /// Cells of one table, or of all the tables of a document.
    Cells {
        /// The most allowed.
        max: usize,
    },
    /// `&` without `;` in a web page.
    Ampersands {
        /// The most allowed.
        max: usize,
    },
}

/// Bytes as whole MiB, as the messages state limits.
fn mib(bytes: u64) -> u64 {
    bytes / 1024 / 1024
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Read(message) => f.write_str(message),
            ImportError::NotText(e) => e.fmt(f),
            ImportError::Package(e) => e.fmt(f),
            ImportError::OldWord { detail } => {
                match detail {
                    Some(d) => write!(f, "这是旧版 Word 文档（.doc），用 LibreOffice 转换时出错：{d}。")?,
                    None => f.write_str("这是旧版 Word 文档（.doc），本机没有找到 LibreOffice，无法直接读取。")?,
                }
                f.write_str("请在 Word 或 WPS 中打开它，选“文件 → 另存为”，保存类型选“Word 文档（*.docx）”，再导入另存的 .docx 文件；也可以安装 LibreOffice 后重试")
            }
            ImportError::NotWord { part } => write!(
                f,
                "压缩包中没有 {part}，这不是 Word 文档（.docx）；如是 WPS 或其他格式，请另存为 .docx 或文本再导入"
            ),
            ImportError::XmlRefused { part, detail } => write!(
                f,
                "{part} 不是有效的 XML（{detail}）；文件可能已损坏，请在 Word 或 WPS 中重新另存为 .docx"
            ),
            ImportError::NoBody { part } => {
                write!(f, "{part} 中没有正文（w:body）；这不像是 Word 文档")
            }
            ImportError::PdfDamaged { detail: None } => f.write_str(
                "这个 PDF 的结构无法解析（文件可能已损坏）；请在 PDF 阅读器中另存为文本（.txt）再导入",
            ),
            ImportError::PdfDamaged {
                detail: Some(detail),
            } => write!(
                f,
                "这个 PDF 无法解析（{detail}）；文件可能已损坏，请在 PDF 阅读器中另存为文本（.txt）再导入"
            ),
            ImportError::PdfEncrypted => f.write_str(
                "这个 PDF 加了密码，无法读取；请用原始文件或在 PDF 阅读器中另存为文本（.txt）再导入",
            ),
            ImportError::PdfNoText => f.write_str(
                "这个 PDF 没有文字层（可能是扫描件），无法导入；请用 OCR 软件识别出文字并另存为文本（.txt）后再导入，或改用原始的 Word 文档",
            ),
            ImportError::PdfNoUnicode { unknown, visible } => write!(
                f,
                "这个 PDF 中有 {unknown} 个字（共 {visible} 个）无法转换为文字（字体缺少 ToUnicode 映射）；请在 PDF 阅读器中复制全文另存为文本（.txt），或改用原始的 Word 文档"
            ),
            ImportError::Limit(limit) => limit.fmt(f),
            ImportError::TooOld { year } => write!(
                f,
                "这是 {year} 年度的报告：统一的年度报告格式自 2019 年度起施行（国办公开办函〔2019〕60号），此前的报告没有规定的表格，不能导入为年报数据文件；请导入 2019 年度及以后的报告，或用 nianbao new 新建"
            ),
            ImportError::Unaccepted(what) => f.write_str(what),
            ImportError::NoYear => {
                f.write_str("无法从标题或正文中识别报告年度，请用 --year YYYY 指定")
            }
        }
    }
}

impl ImportError {
    /// The message for a browser page (the workbench's 从上年生成, the
    /// server's 从上年报告开始): as `Display` says it, without what a
    /// reader library said in English and without the command line's
    /// options, which a page's user cannot give.
    pub fn for_page(&self) -> String {
        match self {
            ImportError::XmlRefused { detail, .. } => without(self, detail),
            ImportError::PdfDamaged { detail: Some(_) } => {
                ImportError::PdfDamaged { detail: None }.to_string()
            }
            ImportError::OldWord { detail: Some(detail) } => without(self, detail),
            ImportError::NoYear => {
                "无法从标题或正文中识别报告年度：请在文件的标题或正文中写明年度（如“2024年政府信息公开工作年度报告”）后再上传"
                    .to_string()
            }
            ImportError::TooOld { year } => format!(
                "这是 {year} 年度的报告：统一的年度报告格式自 2019 年度起施行（国办公开办函〔2019〕60号），此前的报告没有规定的表格，不能导入；请上传 2019 年度及以后的报告"
            ),
            e => e.to_string(),
        }
    }
}

/// `e`'s message without `detail` and the marks around it.
fn without(e: &impl fmt::Display, detail: &str) -> String {
    e.to_string()
        .replacen(&format!("（{detail}）"), "", 1)
        .replacen(&format!("{detail}。"), "", 1)
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Limit::PdfPages { .. }
            | Limit::PageContent { .. }
            | Limit::FormContent { .. }
            | Limit::Operations { .. }
            | Limit::ContentBytes { .. }
            | Limit::FormRuns { .. }
            | Limit::PdfDictionaries { .. }
            | Limit::InflatedStreams { .. }
            | Limit::ObjectStreams { .. }
            | Limit::PdfText { .. }
            | Limit::CmapCodes { .. } => self.fmt_pdf(f),
            Limit::BlockDepth { part, max } => write!(
                f,
                "{part} 的结构嵌套超过 {max} 层，不像是正常的 Word 文档，未导入"
            ),
            Limit::TableNesting { max } => write!(
                f,
                "文档中的表格嵌套超过 {max} 层，无法判断表格结构，未导入；请把表格另存为普通表格或文本再导入"
            ),
            Limit::Lines { max } => {
                write!(f, "文档超过 {max} 行，不像是一份年报，未导入")
            }
            Limit::DocxText { max } => write!(
                f,
                "这个 Word 文档读出的文字超过 {} MB（自动编号等逐段展开后），不像是正常的年报，未导入",
                mib(*max as u64)
            ),
            Limit::NumberingLabel { max } => write!(
                f,
                "这个 Word 文档的自动编号格式超过 {max} 个字符，不像是正常的 Word 文档，未导入"
            ),
            Limit::RowWidth { max } => write!(
                f,
                "文档中有表格行超过 {max} 列（年报的表格最多 17 列），不像是一份年报，未导入"
            ),
            Limit::Cells { max } => {
                write!(f, "文档中的表格单元格超过 {max} 个，不像是一份年报，未导入")
            }
            Limit::Ampersands { max } => write!(
                f,
                "这个网页中不成字符引用的“&”超过 {max} 个，不像是正常的网页，未导入；请另存为文本（.txt）再导入"
            ),
        }
    }
}

impl Limit {
    /// The message of a bound of the PDF reader.
    fn fmt_pdf(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Limit::PdfPages { count, max } => write!(
                f,
                "这个 PDF 有 {count} 页，超过上限 {max} 页，不像是一份年报，未导入"
            ),
            Limit::PageContent { page, max } => write!(
                f,
                "这个 PDF 第 {page} 页的内容解压后超过 {} MB，未导入",
                mib(*max as u64)
            ),
            Limit::FormContent { max } => write!(
                f,
                "这个 PDF 中的表单对象解压后超过 {} MB 或已损坏，未导入",
                mib(*max as u64)
            ),
            Limit::Operations { max } => write!(
                f,
                "这个 PDF 的页面内容超过 {max} 个绘制指令，不像是一份年报，未导入"
            ),
            Limit::ContentBytes { max } => write!(
                f,
                "这个 PDF 的页面内容合计解压后超过 {} MB，不像是一份年报，未导入",
                mib(*max as u64)
            ),
            Limit::FormRuns { max } => write!(
                f,
                "这个 PDF 绘制表单对象超过 {max} 次（表单可能反复引用自身），不像是一份年报，未导入"
            ),
            Limit::PdfDictionaries { max } => write!(
                f,
                "这个 PDF 有超过 {max} 个字典对象，不像是一份年报，未导入"
            ),
            Limit::InflatedStreams {
                max,
                together: false,
            } => write!(
                f,
                "这个 PDF 中有数据流解压后超过 {} MB，文件可能已损坏，未导入",
                mib(*max)
            ),
            Limit::InflatedStreams {
                max,
                together: true,
            } => write!(
                f,
                "这个 PDF 的数据流解压后合计超过 {} MB，未导入",
                mib(*max)
            ),
            Limit::ObjectStreams { max } => write!(
                f,
                "这个 PDF 的对象流解压后超过 {} MB，文件可能已损坏，未导入",
                mib(*max as u64)
            ),
            Limit::PdfText {
                max,
                bytes,
                per_byte,
                total,
            } => write!(
                f,
                "这个 PDF 读出的文字超过 {max} 个字（{bytes} 字节的文件最多读出 {per_byte} 倍、合计不超过 {} 万字）：字体的 ToUnicode 映射或 ActualText 把少量内容展开成了大量文字，不像是正常的年报，未导入",
                total / 10_000
            ),
            Limit::CmapCodes { max } => write!(
                f,
                "这个 PDF 中某个字体的 ToUnicode 映射超过 {max} 个字符编码（一个字体最多 65536 个字形），文件可能已损坏，未导入"
            ),
            _ => Ok(()),
        }
    }
}

impl std::error::Error for ImportError {}

impl From<Limit> for ImportError {
    fn from(limit: Limit) -> ImportError {
        ImportError::Limit(limit)
    }
}

impl From<PackageError> for ImportError {
    fn from(e: PackageError) -> ImportError {
        ImportError::Package(e)
    }
}

impl From<NotText> for ImportError {
    fn from(e: NotText) -> ImportError {
        ImportError::NotText(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page's user reads no English from a library and no command-line
    /// option (the tester's corrupt .docx and a text without a year).
    #[test]
    fn a_page_is_told_in_chinese_without_options() {
        let damaged = ImportError::from(PackageError::Zip {
            package: crate::zip_xml::read::Package::Docx,
            part: None,
            fault: crate::zip_xml::read::ZipFault::Damaged,
        });
        assert_eq!(damaged.for_page(), damaged.to_string());
        assert_eq!(
            damaged.for_page(),
            "这个 .docx 文件已损坏或不完整（可能没有下载完），无法打开；请重新下载或拷贝原文件（能在 Word 或 WPS 中打开的，也可重新另存为 .docx）"
        );
        let no_year = ImportError::NoYear.for_page();
        assert!(
            no_year.contains("写明年度") && !no_year.contains("--"),
            "{no_year}"
        );
        let xml = ImportError::XmlRefused {
            part: "word/document.xml",
            detail: "unexpected end of stream".into(),
        };
        assert_eq!(
            xml.for_page(),
            "word/document.xml 不是有效的 XML；文件可能已损坏，请在 Word 或 WPS 中重新另存为 .docx"
        );
        let pdf = ImportError::PdfDamaged {
            detail: Some("invalid xref".into()),
        };
        assert!(!pdf.for_page().contains("xref"), "{}", pdf.for_page());
        let old = ImportError::TooOld { year: 2017 }.for_page();
        assert!(!old.contains("nianbao"), "{old}");
    }

    #[test]
    fn limits_are_stated_in_mib() {
        let e = ImportError::from(PackageError::PartSize {
            name: "word/document.xml".into(),
            max: 64 * 1024 * 1024,
        });
        assert_eq!(
            e.to_string(),
            "word/document.xml 解压后超过 64 MB，不像是正常的年报（可能是压缩炸弹），未导入"
        );
        assert_eq!(
            ImportError::Limit(Limit::PdfPages {
                count: 301,
                max: 300
            })
            .to_string(),
            "这个 PDF 有 301 页，超过上限 300 页，不像是一份年报，未导入"
        );
    }
}
