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
    /// Attributes of one element, or namespace declarations of a part.
    XmlAttributes {
        /// The part.
        part: &'static str,
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
                "{part} 的元素嵌套超过 {max} 层，不像是正常的 Word 文档，未导入"
            ),
            PackageError::XmlAttributes { part, max } => write!(
                f,
                "{part} 中一个元素的 XML 属性或全部命名空间声明超过 {max} 个，不像是正常的 Word 文档，未导入"
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

/// What the XML parser would have to hold, measured before it runs.
#[derive(Debug, Default, PartialEq, Eq)]
struct Shape {
    /// The deepest nesting of elements.
    depth: usize,
    /// The most attributes (namespace declarations included) of one element.
    attributes: usize,
    /// Namespace declarations in all.
    namespaces: usize,
}

/// Most attributes of one element (the parser checks each against the
/// others: quadratic).
pub const MAX_ELEMENT_ATTRIBUTES: usize = 1_000;

/// Most namespace declarations in one part.
pub const MAX_NAMESPACES: usize = 10_000;

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
    if shape.attributes > MAX_ELEMENT_ATTRIBUTES {
        return Err(PackageError::XmlAttributes {
            part,
            max: MAX_ELEMENT_ATTRIBUTES,
        });
    }
    if shape.namespaces > MAX_NAMESPACES {
        return Err(PackageError::XmlAttributes {
            part,
            max: MAX_NAMESPACES,
        });
    }
    Ok(())
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
            i = find(i + 2, b">");
        } else {
            // A start tag: to its `>`, outside quotes.
            let mut j = i + 1;
            let mut quote: Option<u8> = None;
            let mut attributes = 0;
            while j < b.len() {
                match (quote, b[j]) {
                    (Some(q), c) if c == q => quote = None,
                    (None, b'"' | b'\'') => quote = Some(b[j]),
                    (None, b'>') => break,
                    (None, b'=') => attributes += 1,
                    (None, c) if c.is_ascii_whitespace() && b[j + 1..].starts_with(b"xmlns") => {
                        shape.namespaces += 1;
                    }
                    _ => {}
                }
                j += 1;
            }
            shape.attributes = shape.attributes.max(attributes);
            if b.get(j.wrapping_sub(1)) != Some(&b'/') {
                depth += 1;
                shape.depth = shape.depth.max(depth);
            }
            i = j + 1;
        }
    }
    shape
}

#[cfg(test)]
mod tests {
    use super::*;

    fn xml_depth(xml: &str) -> usize {
        xml_shape(xml).depth
    }

    #[test]
    fn attributes_and_namespaces_are_counted_without_parsing() {
        let shape = xml_shape("<a xmlns:w='u' x='=' y=\"1\"><b xmlns='v' z='1'/></a>");
        assert_eq!(
            shape,
            Shape {
                depth: 1,
                attributes: 3,
                namespaces: 2
            }
        );
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
