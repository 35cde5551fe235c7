//! Reading an Office package (.docx, .xlsx) that may be hostile: the zip
//! archive opened with its directory records and entries counted, one entry
//! read with its decompressed size bounded, and an XML part's nesting,
//! attributes and namespace declarations measured before any parser sees it.

use std::fmt;
use std::io::{Cursor, Read};

/// Why a package or one of its parts could not be read; `Display` is the
/// complete Chinese message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackageError {
    /// The file cannot be opened as a zip archive.
    DamagedZip {
        /// What the zip reader said.
        detail: String,
    },
    /// An entry of the archive cannot be opened.
    UnreadableEntry {
        /// The entry's name.
        name: String,
        /// What the zip reader said.
        detail: String,
    },
    /// An entry of the archive fails while it is decompressed.
    Inflate {
        /// The entry's name.
        name: String,
        /// What the zip reader said.
        detail: String,
    },
    /// An XML part is not UTF-8.
    NotUtf8 {
        /// The part's name.
        name: String,
    },
    /// More entries than [`MAX_ENTRIES`].
    ZipEntries {
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
        /// The most allowed.
        max: usize,
    },
}

impl fmt::Display for PackageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PackageError::DamagedZip { detail } => write!(
                f,
                "这个 .docx 文件已损坏，无法作为 zip 压缩包打开（{detail}）；请在 Word 或 WPS 中重新另存为 .docx"
            ),
            PackageError::UnreadableEntry { name, detail } => write!(
                f,
                "无法读取 .docx 中的 {name}（{detail}）；文件可能已损坏或加了密码"
            ),
            PackageError::Inflate { name, detail } => {
                write!(
                    f,
                    "解压 .docx 中的 {name} 时出错（{detail}）；文件可能已损坏"
                )
            }
            PackageError::NotUtf8 { name } => {
                write!(f, "{name} 不是 UTF-8 编码的 XML；文件可能已损坏")
            }
            PackageError::ZipEntries { count, max } => write!(
                f,
                "这个 .docx 压缩包含有 {count} 个文件，超过上限 {max}，不像是正常的 Word 文档，未导入"
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
            PackageError::ZipDirectories { max } => write!(
                f,
                "这个 .docx 压缩包的目录结束标记超过 {max} 个，文件已损坏或被篡改，未导入"
            ),
        }
    }
}

impl PackageError {
    /// The message for a browser page: without what the zip reader said
    /// (in English).
    pub fn for_page(&self) -> String {
        let shown = self.to_string();
        match self {
            PackageError::DamagedZip { detail }
            | PackageError::UnreadableEntry { detail, .. }
            | PackageError::Inflate { detail, .. } => {
                shown.replacen(&format!("（{detail}）"), "", 1)
            }
            _ => shown,
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

/// Reads one entry, at most `limit` bytes decompressed; `Ok(None)` when it
/// is missing.
pub fn read_entry(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    limit: u64,
) -> Result<Option<String>, PackageError> {
    let mut entry = match archive.by_name(name) {
        Ok(e) => e,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => {
            return Err(PackageError::UnreadableEntry {
                name: name.to_string(),
                detail: e.to_string(),
            });
        }
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
        .map_err(|e| PackageError::Inflate {
            name: name.to_string(),
            detail: e.to_string(),
        })?;
    if buf.len() as u64 > limit {
        return Err(too_big());
    }
    String::from_utf8(buf)
        .map(Some)
        .map_err(|_| PackageError::NotUtf8 {
            name: name.to_string(),
        })
}

/// Opens an Office package (a .docx, or a workbook), bounded: the count of
/// end-of-directory records before the zip reader runs, then of entries.
pub fn open_archive(bytes: &[u8]) -> Result<zip::ZipArchive<Cursor<&[u8]>>, PackageError> {
    // The zip reader tries every end-of-central-directory record it finds
    // (each with its own parse): a file of thousands is refused first.
    let directories = bytes.windows(4).filter(|w| *w == b"PK\x05\x06").count();
    if directories > MAX_ZIP_DIRECTORIES {
        return Err(PackageError::ZipDirectories {
            max: MAX_ZIP_DIRECTORIES,
        });
    }
    let archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| PackageError::DamagedZip {
            detail: e.to_string(),
        })?;
    if archive.len() > MAX_ENTRIES {
        return Err(PackageError::ZipEntries {
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
