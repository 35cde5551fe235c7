//! What a Word document still holds of a review: tracked changes not yet
//! accepted or rejected (`w:ins`, `w:del`, `w:moveFrom`, `w:moveTo`) and
//! comments (`word/comments.xml`). The importer reads a document as if
//! every change were accepted; when some are pending it says so, names
//! them, and reads on only when the clerk chooses to
//! ([`super::Options::accept_revisions`]).

use roxmltree::{Document, Node};

use super::error::ImportError;
use crate::zip_xml::read::{Package, open_archive, parse_part, read_entry};

/// Most bytes of a part read here.
const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;
/// Most items named in the message.
const NAMED: usize = 5;
/// Most characters of one item's text named.
const SNIPPET_CHARS: usize = 20;

/// One tracked change or comment, as named to the clerk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    /// 插入, 删除, 移动 or 批注.
    pub kind: &'static str,
    /// Who made it.
    pub author: String,
    /// Its text (cut short).
    pub text: String,
}

/// The pending review marks of a document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pending {
    /// The tracked changes, in document order.
    pub revisions: Vec<Mark>,
    /// The comments.
    pub comments: Vec<Mark>,
}

impl Pending {
    /// Whether nothing is pending.
    pub fn is_empty(&self) -> bool {
        self.revisions.is_empty() && self.comments.is_empty()
    }

    /// What the clerk is told, naming the first few of each.
    pub fn describe(&self) -> String {
        let name = |list: &[Mark]| {
            let mut named: Vec<String> = list
                .iter()
                .take(NAMED)
                .map(|m| {
                    let who = if m.author.is_empty() {
                        "（未署名）"
                    } else {
                        &m.author
                    };
                    format!("{who} {}“{}”", m.kind, m.text)
                })
                .collect();
            if list.len() > NAMED {
                named.push("……".to_string());
            }
            named.join("；")
        };
        let mut parts = Vec::new();
        if !self.revisions.is_empty() {
            parts.push(format!(
                "未接受的修订 {} 处（{}）",
                self.revisions.len(),
                name(&self.revisions)
            ));
        }
        if !self.comments.is_empty() {
            parts.push(format!(
                "批注 {} 条（{}）",
                self.comments.len(),
                name(&self.comments)
            ));
        }
        format!(
            "这份 Word 文档中还有{}：未导入。导入会按接受全部修订后的文字读取，批注不导入；\
             确认照此导入，命令行加 --accept-revisions（工作台中确认“按接受修订后的文字导入”）；\
             或先在 Word/WPS 中逐条接受或拒绝修订、删除批注，另存后再导入",
            parts.join("，")
        )
    }
}

/// The pending review marks of the .docx `bytes`.
pub fn pending(bytes: &[u8]) -> Result<Pending, ImportError> {
    let mut archive = open_archive(bytes, Package::Docx)?;
    let mut out = Pending::default();
    if let Some(xml) = read_entry(
        &mut archive,
        "word/document.xml",
        MAX_PART_BYTES,
        Package::Docx,
    )? {
        walk(
            &parse(&xml, "word/document.xml")?,
            &mut out.revisions,
            false,
        );
    }
    if let Some(xml) = read_entry(
        &mut archive,
        "word/comments.xml",
        MAX_PART_BYTES,
        Package::Docx,
    )? {
        walk(&parse(&xml, "word/comments.xml")?, &mut out.comments, true);
    }
    Ok(out)
}

fn parse<'x>(xml: &'x str, part: &'static str) -> Result<Document<'x>, ImportError> {
    parse_part(xml, part, |part, detail| ImportError::XmlRefused {
        part,
        detail,
    })
}

/// The marks of a part: tracked changes in the body, or the comments.
fn walk(doc: &Document<'_>, out: &mut Vec<Mark>, comments: bool) {
    for n in doc.descendants().filter(Node::is_element) {
        let kind = match (comments, n.tag_name().name()) {
            (true, "comment") => "批注",
            (false, "ins") => "插入",
            (false, "del") => "删除",
            (false, "moveFrom" | "moveTo") => "移动",
            _ => continue,
        };
        // A run's properties changed (`w:rPr/w:ins`) marks no text.
        if !comments && n.parent().is_some_and(|p| p.tag_name().name() == "rPr") {
            continue;
        }
        let text: String = n
            .descendants()
            .filter(|t| matches!(t.tag_name().name(), "t" | "delText"))
            .filter_map(|t| t.text())
            .collect::<String>()
            .chars()
            .take(SNIPPET_CHARS)
            .collect();
        let author = n
            .attributes()
            .find(|a| a.name() == "author")
            .map(|a| a.value().chars().take(SNIPPET_CHARS).collect())
            .unwrap_or_default();
        out.push(Mark { kind, author, text });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docx(document: &str, comments: Option<&str>) -> Vec<u8> {
        let mut parts = vec![("word/document.xml", document.as_bytes().to_vec())];
        if let Some(c) = comments {
            parts.push(("word/comments.xml", c.as_bytes().to_vec()));
        }
        crate::zip_xml::zip::write(&parts)
    }

    const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

    #[test]
    fn pending_changes_and_comments_are_named() {
        let doc = format!(
            "<w:document {W}><w:body><w:p><w:r><w:t>本年</w:t></w:r>\
             <w:ins w:author=\"张三\"><w:r><w:t>共</w:t></w:r></w:ins>\
             <w:del w:author=\"李四\"><w:r><w:delText>约</w:delText></w:r></w:del></w:p></w:body></w:document>"
        );
        let comments = format!(
            "<w:comments {W}><w:comment w:author=\"王五\"><w:p><w:r><w:t>核实数字</w:t></w:r></w:p></w:comment></w:comments>"
        );
        let p = pending(&docx(&doc, Some(&comments))).unwrap();
        assert_eq!(p.revisions.len(), 2);
        assert_eq!(p.comments.len(), 1);
        let said = p.describe();
        assert!(
            said.contains("未接受的修订 2 处（张三 插入“共”；李四 删除“约”）"),
            "{said}"
        );
        assert!(said.contains("批注 1 条（王五 批注“核实数字”）"), "{said}");
        let clean = format!(
            "<w:document {W}><w:body><w:p><w:r><w:t>本年</w:t></w:r></w:p></w:body></w:document>"
        );
        assert!(pending(&docx(&clean, None)).unwrap().is_empty());
    }
}
