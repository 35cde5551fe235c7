//! Reading an Office package (.docx, .xlsx) that may be hostile: the zip
//! archive opened with its directory records and entries counted, one entry
//! read with its decompressed size bounded, and an XML part's nesting,
//! attributes and namespace declarations measured before any parser sees it.

use std::fmt;
use std::io::{Cursor, Read};

/// The kind of Office package read: what messages call the file and the
/// programs that save it again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Package {
    /// A Word document (`.docx`).
    Docx,
    /// An Excel/WPS workbook (`.xlsx`).
    Xlsx,
}

impl Package {
    /// The file's extension, with its dot (`.docx`).
    pub fn extension(self) -> &'static str {
        match self {
            Package::Docx => ".docx",
            Package::Xlsx => ".xlsx",
        }
    }

    /// Where the file is opened and saved again (`在 Word 或 WPS 中`).
    pub fn in_programs(self) -> &'static str {
        match self {
            Package::Docx => "在 Word 或 WPS 中",
            Package::Xlsx => "在 Excel 或 WPS 表格中",
        }
    }

    /// What such a file is called (`Word 文档`).
    pub fn kind(self) -> &'static str {
        match self {
            Package::Docx => "Word 文档",
            Package::Xlsx => "Excel 工作簿",
        }
    }
}

/// What is wrong with a zip archive or one of its entries, as the zip
/// reader tells it: its kind only, for a Chinese message (the reader's own
/// words are English and never shown).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZipFault {
    /// The archive's structure is broken or cut short (a download that did
    /// not finish).
    Damaged,
    /// The entries are encrypted (the file has a password).
    Encrypted,
    /// An entry's compressed data does not decompress or fails its checksum.
    CorruptData,
    /// A compression method or feature the reader does not support.
    Unsupported,
}

impl ZipFault {
    /// The kind of the zip reader's error `e`.
    pub fn of_zip(e: &zip::result::ZipError) -> ZipFault {
        use zip::result::ZipError;
        match e {
            ZipError::InvalidPassword => ZipFault::Encrypted,
            ZipError::UnsupportedArchive(what) => {
                let what = what.to_ascii_lowercase();
                if ["password", "encrypt", "aes"]
                    .iter()
                    .any(|w| what.contains(w))
                {
                    ZipFault::Encrypted
                } else {
                    ZipFault::Unsupported
                }
            }
            ZipError::CompressionMethodNotSupported(_) => ZipFault::Unsupported,
            ZipError::Io(io) => ZipFault::of_io(io),
            _ => ZipFault::Damaged,
        }
    }

    /// The kind of an error met while an entry is decompressed: the zip
    /// reader's own (wrapped), a stream cut short, or data that does not
    /// decompress (a broken deflate stream, a checksum that does not match).
    pub fn of_io(e: &std::io::Error) -> ZipFault {
        if let Some(zip) = e
            .get_ref()
            .and_then(|inner| inner.downcast_ref::<zip::result::ZipError>())
        {
            return ZipFault::of_zip(zip);
        }
        match e.kind() {
            std::io::ErrorKind::UnexpectedEof => ZipFault::Damaged,
            _ => ZipFault::CorruptData,
        }
    }

    /// What is wrong, after `这个 .docx 文件`.
    fn words(self) -> &'static str {
        match self {
            ZipFault::Damaged => "已损坏或不完整（可能没有下载完）",
            ZipFault::Encrypted => "加了密码",
            ZipFault::CorruptData => "的压缩数据已损坏",
            ZipFault::Unsupported => "使用了本工具不支持的压缩方式",
        }
    }
}

/// The message for a `package` that cannot be opened (`part` None) or
/// whose `part` cannot be read because of `fault`: the file named by its
/// kind, what is wrong and what to do, all in Chinese. The one wording of
/// zip failures for Word documents and workbooks alike.
pub fn zip_message(package: Package, fault: ZipFault, part: Option<&str>) -> String {
    let (ext, programs) = (package.extension(), package.in_programs());
    let failed = part.map_or_else(|| "无法打开".to_string(), |p| format!("无法读取其中的 {p}"));
    let todo = match fault {
        ZipFault::Damaged => {
            format!("请重新下载或拷贝原文件（能{programs}打开的，也可重新另存为 {ext}）")
        }
        ZipFault::Encrypted => format!("请{programs}取消密码，另存为 {ext} 后再试"),
        ZipFault::CorruptData | ZipFault::Unsupported => {
            format!("请{programs}打开并重新另存为 {ext}（打不开的，请重新下载或拷贝原文件）")
        }
    };
    format!("这个 {ext} 文件{}，{failed}；{todo}", fault.words())
}

/// Why a package or one of its parts could not be read; `Display` is the
/// complete Chinese message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackageError {
    /// The file cannot be opened as a zip archive, or one of its entries
    /// cannot be opened or decompressed.
    Zip {
        /// The kind of package.
        package: Package,
        /// The entry, None when the archive itself cannot be opened.
        part: Option<String>,
        /// What is wrong.
        fault: ZipFault,
    },
    /// An XML part is not UTF-8.
    NotUtf8 {
        /// The part's name.
        name: String,
    },
    /// More entries than [`MAX_ENTRIES`].
    ZipEntries {
        /// The kind of package.
        package: Package,
        /// Entries found.
        count: usize,
        /// The most allowed.
        max: usize,
    },
    /// A part decompresses to more than its bound (a zip bomb).
    PartSize {
        /// The part's name.
        name: String,
        /// The most bytes allowed.
        max: u64,
    },
    /// Element nesting of an XML part.
    XmlDepth {
        /// The part.
        part: &'static str,
        /// The deepest nesting allowed.
        max: usize,
    },
    /// Attributes or namespace declarations of a part past a bound (the
    /// parser's work grows faster than the part).
    XmlAttributes {
        /// The part.
        part: &'static str,
        /// Which bound.
        what: XmlBound,
        /// The most allowed.
        max: usize,
    },
    /// End-of-central-directory records in the archive.
    ZipDirectories {
        /// The kind of package.
        package: Package,
        /// The most allowed.
        max: usize,
    },
}

impl fmt::Display for PackageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PackageError::Zip {
                package,
                part,
                fault,
            } => f.write_str(&zip_message(*package, *fault, part.as_deref())),
            PackageError::NotUtf8 { name } => {
                write!(f, "{name} 不是 UTF-8 编码的 XML；文件可能已损坏")
            }
            PackageError::ZipEntries {
                package,
                count,
                max,
            } => write!(
                f,
                "这个 {} 压缩包含有 {count} 个文件，超过上限 {max}，不像是正常的{}，未导入",
                package.extension(),
                package.kind()
            ),
            PackageError::PartSize { name, max } => write!(
                f,
                "{name} 解压后超过 {} MB，不像是正常的年报（可能是压缩炸弹），未导入",
                max / 1024 / 1024
            ),
            PackageError::XmlDepth { part, max } => write!(
                f,
                "{part} 的元素嵌套超过 {max} 层，不像是正常的 Office 文档，未导入"
            ),
            PackageError::XmlAttributes { part, what, max } => write!(
                f,
                "{part} 中{}超过 {max} {}，不像是正常的 Office 文档，未导入",
                what.name(),
                what.unit()
            ),
            PackageError::ZipDirectories { package, max } => write!(
                f,
                "这个 {} 压缩包的目录结束标记超过 {max} 个，文件已损坏或被篡改，未导入",
                package.extension()
            ),
        }
    }
}

impl std::error::Error for PackageError {}

/// Most entries the archive may hold.
pub const MAX_ENTRIES: usize = 5_000;

/// Deepest element nesting accepted in an XML part (checked before parsing).
const MAX_XML_DEPTH: usize = 256;

/// Most end-of-central-directory signatures in a `.docx` (one is normal;
/// an embedded archive stored uncompressed adds its own).
pub const MAX_ZIP_DIRECTORIES: usize = 64;

/// Reads one entry of a `package`, at most `limit` bytes decompressed;
/// `Ok(None)` when it is missing.
pub fn read_entry(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    limit: u64,
    package: Package,
) -> Result<Option<String>, PackageError> {
    let failed = |fault| PackageError::Zip {
        package,
        part: Some(name.to_string()),
        fault,
    };
    let mut entry = match archive.by_name(name) {
        Ok(e) => e,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(failed(ZipFault::of_zip(&e))),
    };
    let too_big = || PackageError::PartSize {
        name: name.to_string(),
        max: limit,
    };
    if entry.size() > limit {
        return Err(too_big());
    }
    let mut buf = Vec::new();
    (&mut entry)
        .take(limit + 1)
        .read_to_end(&mut buf)
        .map_err(|e| failed(ZipFault::of_io(&e)))?;
    if buf.len() as u64 > limit {
        return Err(too_big());
    }
    String::from_utf8(buf)
        .map(Some)
        .map_err(|_| PackageError::NotUtf8 {
            name: name.to_string(),
        })
}

/// Opens an Office package (a .docx, or a workbook: `package`), bounded:
/// the count of end-of-directory records before the zip reader runs, then
/// of entries.
pub fn open_archive(
    bytes: &[u8],
    package: Package,
) -> Result<zip::ZipArchive<Cursor<&[u8]>>, PackageError> {
    // The zip reader tries every end-of-central-directory record it finds
    // (each with its own parse): a file of thousands is refused first.
    let directories = bytes.windows(4).filter(|w| *w == b"PK\x05\x06").count();
    if directories > MAX_ZIP_DIRECTORIES {
        return Err(PackageError::ZipDirectories {
            package,
            max: MAX_ZIP_DIRECTORIES,
        });
    }
    let archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| PackageError::Zip {
        package,
        part: None,
        fault: ZipFault::of_zip(&e),
    })?;
    if archive.len() > MAX_ENTRIES {
        return Err(PackageError::ZipEntries {
            package,
            count: archive.len(),
            max: MAX_ENTRIES,
        });
    }
    Ok(archive)
}

/// Which bound on attributes and namespaces a part went past.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum XmlBound {
    /// Attributes of one element.
    ElementAttributes,
    /// Attributes of all elements.
    Attributes,
    /// Pairs of attributes the parser compares, over all elements.
    AttributePairs,
    /// Namespace declarations in all.
    Namespaces,
    /// Namespaces in scope at one element.
    NamespacesInScope,
}

impl XmlBound {
    /// The bound's name, as a clerk reads it in a message.
    fn name(self) -> &'static str {
        match self {
            XmlBound::ElementAttributes => "一个元素的 XML 属性",
            XmlBound::Attributes => "全部 XML 属性",
            XmlBound::AttributePairs => "各元素属性两两比较",
            XmlBound::Namespaces => "全部命名空间声明",
            XmlBound::NamespacesInScope => "一个元素处生效的命名空间",
        }
    }

    /// What the bound counts in.
    fn unit(self) -> &'static str {
        match self {
            XmlBound::AttributePairs => "次",
            _ => "个",
        }
    }
}

/// What the XML parser would have to hold and do, measured before it runs.
#[derive(Debug, Default, PartialEq, Eq)]
struct Shape {
    /// The deepest nesting of elements.
    depth: usize,
    /// The most attributes (namespace declarations included) of one element.
    attributes: usize,
    /// Attributes of all elements.
    all_attributes: usize,
    /// Pairs of attributes within each element, summed: the parser checks
    /// each attribute against the others.
    attribute_pairs: usize,
    /// Namespace declarations in all.
    namespaces: usize,
    /// The most namespaces in scope at one element: the parser looks each
    /// prefix up among them, and an element that declares one compares
    /// them with each other.
    in_scope: usize,
}

/// Most attributes of one element (the parser checks each against the
/// others: quadratic).
pub const MAX_ELEMENT_ATTRIBUTES: usize = 1_000;

/// Most attributes in one part (a real report's document has a few
/// hundred thousand; each costs the parser some hundred bytes).
pub const MAX_ATTRIBUTES: usize = 3_000_000;

/// Most pairs of attributes compared in one part.
pub const MAX_ATTRIBUTE_PAIRS: usize = 50_000_000;

/// Most namespace declarations in one part.
pub const MAX_NAMESPACES: usize = 10_000;

/// Most namespaces in scope at one element (Word declares about fifty).
pub const MAX_NAMESPACES_IN_SCOPE: usize = 256;

/// Refuses a part whose nesting, attributes or namespace declarations
/// exceed the bounds, before the parser sees it.
pub fn check_shape(xml: &str, part: &'static str) -> Result<(), PackageError> {
    let shape = xml_shape(xml);
    if shape.depth > MAX_XML_DEPTH {
        return Err(PackageError::XmlDepth {
            part,
            max: MAX_XML_DEPTH,
        });
    }
    let bounds = [
        (
            shape.attributes,
            XmlBound::ElementAttributes,
            MAX_ELEMENT_ATTRIBUTES,
        ),
        (shape.all_attributes, XmlBound::Attributes, MAX_ATTRIBUTES),
        (
            shape.attribute_pairs,
            XmlBound::AttributePairs,
            MAX_ATTRIBUTE_PAIRS,
        ),
        (shape.namespaces, XmlBound::Namespaces, MAX_NAMESPACES),
        (
            shape.in_scope,
            XmlBound::NamespacesInScope,
            MAX_NAMESPACES_IN_SCOPE,
        ),
    ];
    match bounds.into_iter().find(|(n, _, max)| n > max) {
        Some((_, what, max)) => Err(PackageError::XmlAttributes { part, what, max }),
        None => Ok(()),
    }
}

/// Most nodes the parser builds for one part (a real report's document has
/// a few hundred thousand; each costs the parser some tens of bytes).
pub const MAX_XML_NODES: u32 = 4_000_000;

/// The parser's options for a part from an untrusted package: no DTD, at
/// most [`MAX_XML_NODES`] nodes.
pub fn parsing_options() -> roxmltree::ParsingOptions {
    roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_XML_NODES,
    }
}

/// Parses a part of an untrusted package: its shape checked first
/// ([`check_shape`]), then with [`parsing_options`]; a refusal becomes the
/// caller's error through `refused` (the part, and [`xml_refusal`]'s words).
pub fn parse_part<'a, E: From<PackageError>>(
    xml: &'a str,
    part: &'static str,
    refused: fn(&'static str, String) -> E,
) -> Result<roxmltree::Document<'a>, E> {
    check_shape(xml, part)?;
    roxmltree::Document::parse_with_options(xml, parsing_options())
        .map_err(|e| refused(part, xml_refusal(&e)))
}

/// Why the parser refused a part, in words for the clerk: too much content,
/// or where the markup broke (the parser's own words are English).
pub fn xml_refusal(e: &roxmltree::Error) -> String {
    match e {
        roxmltree::Error::NodesLimitReached => format!(
            "内容过多，超过 {} 万个 XML 节点，超出正常年报的规模",
            MAX_XML_NODES / 10_000
        ),
        roxmltree::Error::DtdDetected => "含有文档类型定义（DTD），Office 文档不应含有".into(),
        other => {
            let pos = other.pos();
            format!("第 {} 行第 {} 列的标记不合规范", pos.row, pos.col)
        }
    }
}

/// The shape of `xml` (nesting, attributes, namespace declarations), by a
/// linear scan that skips comments, CDATA, processing instructions,
/// declarations and quoted attribute values (the XML parser recurses on
/// nesting and compares attributes pairwise, so hostile input must be
/// refused before it runs).
fn xml_shape(xml: &str) -> Shape {
    let b = xml.as_bytes();
    let mut shape = Shape::default();
    let (mut i, mut depth) = (0usize, 0usize);
    // The namespaces in scope inside each open element.
    let mut scopes: Vec<usize> = Vec::new();
    let find = |from: usize, pat: &[u8]| {
        b[from.min(b.len())..]
            .windows(pat.len())
            .position(|w| w == pat)
            .map_or(b.len(), |p| from + p + pat.len())
    };
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        let rest = &b[i..];
        if rest.starts_with(b"<!--") {
            i = find(i + 4, b"-->");
        } else if rest.starts_with(b"<![CDATA[") {
            i = find(i + 9, b"]]>");
        } else if rest.starts_with(b"<?") {
            i = find(i + 2, b"?>");
        } else if rest.starts_with(b"<!") {
            i = find(i + 2, b">");
        } else if rest.starts_with(b"</") {
            depth = depth.saturating_sub(1);
            scopes.pop();
            i = find(i + 2, b">");
        } else {
            // A start tag: to its `>`, outside quotes.
            let mut j = i + 1;
            let mut quote: Option<u8> = None;
            let (mut attributes, mut declared) = (0usize, 0usize);
            while j < b.len() {
                match (quote, b[j]) {
                    (Some(q), c) if c == q => quote = None,
                    (None, b'"' | b'\'') => quote = Some(b[j]),
                    (None, b'>') => break,
                    (None, b'=') => attributes += 1,
                    (None, c) if c.is_ascii_whitespace() && b[j + 1..].starts_with(b"xmlns") => {
                        declared += 1;
                    }
                    _ => {}
                }
                j += 1;
            }
            shape.namespaces += declared;
            shape.attributes = shape.attributes.max(attributes);
            shape.all_attributes = shape.all_attributes.saturating_add(attributes);
            let pairs = attributes.saturating_mul(attributes.saturating_sub(1)) / 2;
            shape.attribute_pairs = shape.attribute_pairs.saturating_add(pairs);
            let in_scope = scopes.last().copied().unwrap_or(0).saturating_add(declared);
            shape.in_scope = shape.in_scope.max(in_scope);
            if b.get(j.wrapping_sub(1)) != Some(&b'/') {
                depth += 1;
                shape.depth = shape.depth.max(depth);
                scopes.push(in_scope);
            }
            i = j + 1;
        }
    }
    shape
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_parsers_refusals_are_told_in_chinese() {
        let many = format!("<a>{}</a>", "<b/>".repeat(50));
        let opts = roxmltree::ParsingOptions {
            nodes_limit: 10,
            ..parsing_options()
        };
        let e = roxmltree::Document::parse_with_options(&many, opts).unwrap_err();
        assert!(
            xml_refusal(&e).starts_with("内容过多，超过 400 万个"),
            "{}",
            xml_refusal(&e)
        );
        let e = roxmltree::Document::parse_with_options("<a>\n<b></c></a>", parsing_options())
            .unwrap_err();
        assert_eq!(xml_refusal(&e), "第 2 行第 4 列的标记不合规范");
        let e = roxmltree::Document::parse_with_options("<!DOCTYPE a []><a/>", parsing_options())
            .unwrap_err();
        assert!(xml_refusal(&e).contains("DTD"), "{}", xml_refusal(&e));
    }

    use super::*;

    fn xml_depth(xml: &str) -> usize {
        xml_shape(xml).depth
    }

    #[test]
    fn attributes_and_namespaces_are_counted_without_parsing() {
        let shape = xml_shape("<a xmlns:w='u' x='=' y=\"1\"><b xmlns='v' z='1'/></a><c/>");
        assert_eq!(
            shape,
            Shape {
                depth: 1,
                attributes: 3,
                all_attributes: 5,
                attribute_pairs: 3 + 1,
                namespaces: 2,
                in_scope: 2,
            }
        );
    }

    #[test]
    fn namespaces_in_scope_and_attributes_in_all_are_bounded() {
        // Nested declarations pile up in scope (the parser's work at each
        // element that declares one more grows with their square).
        let mut xml = String::new();
        for level in 0..3 {
            xml.push_str("<e");
            for k in 0..100 {
                xml.push_str(&format!(" xmlns:n{level}x{k}='u{k}'"));
            }
            xml.push('>');
        }
        xml.push_str(&"</e>".repeat(3));
        assert_eq!(xml_shape(&xml).in_scope, 300);
        assert!(matches!(
            check_shape(&xml, "测试"),
            Err(PackageError::XmlAttributes {
                what: XmlBound::NamespacesInScope,
                ..
            })
        ));
        // Siblings do not add to each other's scope.
        let siblings = "<r xmlns:a='u'>".to_string() + &"<p xmlns:b='v'/>".repeat(500) + "</r>";
        assert_eq!(xml_shape(&siblings).in_scope, 2);
        assert!(check_shape(&siblings, "测试").is_ok());
        // Many elements of 999 attributes each: refused by the pairs.
        let attrs: String = (0..999).map(|k| format!(" a{k}=''")).collect();
        let many = format!("<r>{}</r>", format!("<p{attrs}/>").repeat(120));
        assert!(matches!(
            check_shape(&many, "测试"),
            Err(PackageError::XmlAttributes {
                what: XmlBound::AttributePairs,
                ..
            })
        ));
    }

    #[test]
    fn nesting_depth_is_measured_without_parsing() {
        assert_eq!(xml_depth("<a><b/><c x='>'><d></d></c></a>"), 3);
        assert_eq!(
            xml_depth("<?xml version='1.0'?><!-- <x><y> --><a><![CDATA[<b>]]></a>"),
            1
        );
        assert_eq!(xml_depth(&"<a>".repeat(5000)), 5000);
    }
}
