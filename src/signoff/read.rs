//! Reading a reviewed .docx as the reviewer left it: every paragraph and
//! table cell of the body in two views — as built (tracked insertions left
//! out, deletions kept) and as accepted (insertions kept, deletions left
//! out) — with the tracked changes (insertions, deletions, moves, format
//! changes, in the Word and WPS forms) and the comments with their anchors
//! and replies.
//!
//! The package is untrusted: it is opened with the bounded reader of
//! [`crate::zip_xml::read`], each part's size, nesting and node count is
//! bounded, and so are the revisions, the comments and their text.

use std::collections::HashMap;

use roxmltree::{Document, Node, ParsingOptions};

use super::error::MergeError;
use crate::zip_xml::read::{PackageError, check_shape, open_archive, read_entry};

/// Most bytes `word/document.xml` may decompress to.
const MAX_DOCUMENT_BYTES: u64 = 64 * 1024 * 1024;
/// Most bytes of the comments and the properties parts.
const MAX_PART_BYTES: u64 = 8 * 1024 * 1024;
/// Most XML nodes parsed in one part.
const MAX_NODES: u32 = 4_000_000;
/// Most tracked changes read.
pub const MAX_REVISIONS: usize = 50_000;
/// Most comments read.
pub const MAX_COMMENTS: usize = 5_000;
/// Most paragraphs of the body (table cells' paragraphs included).
pub const MAX_PARAGRAPHS: usize = 200_000;
/// Most comment ranges open at once (the text read is added to each).
const MAX_OPEN_COMMENTS: usize = 64;
/// Most characters kept of one comment, of a revision's text and of an anchor.
const MAX_SNIPPET: usize = 2_000;
/// Most grid columns of a table row.
const MAX_COLUMNS: usize = 64;
/// The name of the custom property that records the data's digest.
pub use crate::render::docx::DIGEST_PROPERTY;

/// Whether a paragraph mark is tracked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mark {
    /// Neither inserted nor deleted.
    #[default]
    Plain,
    /// Inserted: the paragraph joins the next one when rejected.
    Inserted,
    /// Deleted: the paragraph joins the next one when accepted.
    Deleted,
}

/// A paragraph of the body in its two views.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Para {
    /// The text as built (insertions rejected).
    pub old: String,
    /// The text as accepted.
    pub new: String,
    /// The paragraph mark's revision.
    pub mark: Mark,
    /// The paragraph style's id.
    pub style: Option<String>,
    /// Indices into [`Reviewed::revisions`] of the changes inside.
    pub revisions: Vec<usize>,
}

/// A table cell, placed on the table's grid.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cell {
    /// Grid row.
    pub row: usize,
    /// Grid column of its left edge.
    pub col: usize,
    /// The text as built (paragraphs joined by line breaks).
    pub old: String,
    /// The text as accepted.
    pub new: String,
    /// Indices into [`Reviewed::revisions`] of the changes inside.
    pub revisions: Vec<usize>,
}

/// A block of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A paragraph.
    Para(Para),
    /// A table, as its cells.
    Table(Vec<Cell>),
}

/// What a tracked change does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum RevisionKind {
    /// Text inserted (`w:ins`).
    Insert,
    /// Text deleted (`w:del`).
    Delete,
    /// Text moved away from here (`w:moveFrom`).
    MoveFrom,
    /// Text moved here (`w:moveTo`).
    MoveTo,
    /// Formatting changed only (`w:rPrChange`, `w:pPrChange`).
    Format,
}

impl RevisionKind {
    /// The kind in Chinese, as Word names it.
    pub fn chinese(self) -> &'static str {
        match self {
            RevisionKind::Insert => "插入",
            RevisionKind::Delete => "删除",
            RevisionKind::MoveFrom => "移出",
            RevisionKind::MoveTo => "移入",
            RevisionKind::Format => "格式",
        }
    }
}

/// A tracked change.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Revision {
    /// What it does.
    pub kind: RevisionKind,
    /// `w:author`.
    pub author: String,
    /// `w:date` as written.
    pub date: String,
    /// The text inserted or deleted (empty for a format change).
    pub text: String,
}

/// A comment.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Comment {
    /// `w:id`.
    pub id: String,
    /// `w:author`.
    pub author: String,
    /// `w:date` as written.
    pub date: String,
    /// Its text.
    pub text: String,
    /// The text it is anchored to (as accepted).
    pub anchor: String,
    /// The block of the body where its anchor starts.
    #[serde(skip)]
    pub block: Option<usize>,
    /// For a comment in a table: the cell's grid row and column.
    #[serde(skip)]
    pub cell: Option<(usize, usize)>,
    /// The id of the comment it replies to.
    pub parent: Option<String>,
}

/// The reviewed document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reviewed {
    /// The body's blocks, in order.
    pub blocks: Vec<Block>,
    /// Every tracked change.
    pub revisions: Vec<Revision>,
    /// Every comment.
    pub comments: Vec<Comment>,
    /// The digest of the data it was built from, when recorded.
    pub digest: Option<String>,
}

/// Reads a reviewed .docx.
pub fn read(bytes: &[u8]) -> Result<Reviewed, MergeError> {
    let mut archive = open_archive(bytes)?;
    let document = read_entry(&mut archive, "word/document.xml", MAX_DOCUMENT_BYTES)?
        .ok_or(MergeError::NotWord)?;
    let optional =
        |archive: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>, name: &str| match read_entry(
            archive,
            name,
            MAX_PART_BYTES,
        ) {
            Ok(t) => Ok(t),
            Err(e @ PackageError::PartSize { .. }) => Err(MergeError::Package(e)),
            Err(_) => Ok(None),
        };
    let comments = optional(&mut archive, "word/comments.xml")?;
    let extended = optional(&mut archive, "word/commentsExtended.xml")?;
    let custom = optional(&mut archive, "docProps/custom.xml")?;
    let mut out = Reviewed::default();
    let doc = parse(&document, "word/document.xml")?;
    let body = doc
        .root_element()
        .children()
        .find(|n| is(n, "body"))
        .ok_or(MergeError::NotWord)?;
    let mut walker = Walker::new(&mut out);
    walker.blocks(body, 0)?;
    let anchors = std::mem::take(&mut walker.anchors);
    if let Some(xml) = &comments {
        let parents = match &extended {
            Some(x) => reply_parents(&parse(x, "word/commentsExtended.xml")?),
            None => HashMap::new(),
        };
        read_comments(
            &parse(xml, "word/comments.xml")?,
            &anchors,
            &parents,
            &mut out,
        )?;
    }
    if let Some(xml) = &custom {
        out.digest = digest(&parse(xml, "docProps/custom.xml")?);
    }
    Ok(out)
}

/// Parses one XML part, its shape checked first.
fn parse<'a>(xml: &'a str, part: &'static str) -> Result<Document<'a>, MergeError> {
    check_shape(xml, part)?;
    let opts = ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_NODES,
    };
    Document::parse_with_options(xml, opts).map_err(|e| MergeError::Xml {
        part,
        detail: e.to_string(),
    })
}

/// Whether `n` is an element with local name `name` (any namespace).
fn is(n: &Node, name: &str) -> bool {
    n.is_element() && n.tag_name().name() == name
}

/// The attribute `name` (any namespace).
fn attr<'a>(n: &Node<'a, '_>, name: &str) -> Option<&'a str> {
    n.attributes().find(|a| a.name() == name).map(|a| a.value())
}

/// At most [`MAX_SNIPPET`] characters of `text`.
fn snippet(text: &str) -> String {
    text.chars().take(MAX_SNIPPET).collect()
}

/// Where an anchor of a comment starts: block, and cell if in a table.
type AnchorPlace = (Option<usize>, Option<(usize, usize)>);

/// Walks the body in document order.
struct Walker<'r> {
    out: &'r mut Reviewed,
    /// Paragraphs seen.
    paragraphs: usize,
    /// Comments whose range is open, by id.
    open: Vec<String>,
    /// Each comment's anchor text and place.
    anchors: HashMap<String, (String, AnchorPlace)>,
    /// The cell being read, if any.
    cell: Option<(usize, usize)>,
}

impl<'r> Walker<'r> {
    fn new(out: &'r mut Reviewed) -> Walker<'r> {
        Walker {
            out,
            paragraphs: 0,
            open: Vec::new(),
            anchors: HashMap::new(),
            cell: None,
        }
    }

    /// Walks block content.
    fn blocks(&mut self, node: Node, depth: usize) -> Result<(), MergeError> {
        if depth > 16 {
            return Err(MergeError::TooDeep);
        }
        for child in node.children().filter(Node::is_element) {
            match child.tag_name().name() {
                "p" => {
                    let p = self.paragraph(child)?;
                    self.out.blocks.push(Block::Para(p));
                }
                "tbl" => {
                    let cells = self.table(child)?;
                    self.out.blocks.push(Block::Table(cells));
                }
                "sdt" | "sdtContent" | "customXml" | "ins" | "moveTo" | "smartTag" | "del"
                | "moveFrom" => self.blocks(child, depth + 1)?,
                "commentRangeStart" | "commentRangeEnd" => self.comment_range(child),
                _ => {}
            }
        }
        Ok(())
    }

    /// Opens or closes a comment's range.
    fn comment_range(&mut self, n: Node) {
        let Some(id) = attr(&n, "id") else { return };
        if is(&n, "commentRangeStart") {
            if self.anchors.len() < MAX_COMMENTS
                && self.open.len() < MAX_OPEN_COMMENTS
                && !self.anchors.contains_key(id)
            {
                let place = (Some(self.out.blocks.len()), self.cell);
                self.anchors.insert(id.to_string(), (String::new(), place));
                self.open.push(id.to_string());
            }
        } else {
            self.open.retain(|o| o != id);
        }
    }

    /// Records a tracked change, bounded.
    fn revision(&mut self, n: Node, kind: RevisionKind) -> Result<usize, MergeError> {
        if self.out.revisions.len() >= MAX_REVISIONS {
            return Err(MergeError::TooManyRevisions { max: MAX_REVISIONS });
        }
        let text = if kind == RevisionKind::Format {
            String::new()
        } else {
            let mut t = String::new();
            for d in n.descendants().filter(|d| is(d, "t") || is(d, "delText")) {
                t.push_str(d.text().unwrap_or(""));
                if t.len() > MAX_SNIPPET * 4 {
                    break;
                }
            }
            snippet(&t)
        };
        self.out.revisions.push(Revision {
            kind,
            author: snippet(attr(&n, "author").unwrap_or("")),
            date: snippet(attr(&n, "date").unwrap_or("")),
            text,
        });
        Ok(self.out.revisions.len() - 1)
    }

    /// Reads a paragraph: its two texts, its mark, its revisions, and the
    /// anchors of the comments open in it.
    fn paragraph(&mut self, p: Node) -> Result<Para, MergeError> {
        self.paragraphs += 1;
        if self.paragraphs > MAX_PARAGRAPHS {
            return Err(MergeError::TooManyParagraphs {
                max: MAX_PARAGRAPHS,
            });
        }
        let mut para = Para::default();
        for n in p.descendants().filter(Node::is_element) {
            let name = n.tag_name().name();
            let in_ppr = n.ancestors().take_while(|a| *a != p).any(|a| is(&a, "pPr"));
            match name {
                "pStyle" if in_ppr => para.style = attr(&n, "val").map(str::to_string),
                "ins" | "moveTo" if in_ppr => para.mark = Mark::Inserted,
                "del" | "moveFrom" if in_ppr => para.mark = Mark::Deleted,
                _ => {}
            }
            let kind = match name {
                "ins" => Some(RevisionKind::Insert),
                "del" => Some(RevisionKind::Delete),
                "moveFrom" => Some(RevisionKind::MoveFrom),
                "moveTo" => Some(RevisionKind::MoveTo),
                "rPrChange" | "pPrChange" => Some(RevisionKind::Format),
                _ => None,
            };
            if let Some(kind) = kind
                && (!in_ppr || kind == RevisionKind::Format || name == "ins" || name == "del")
            {
                let i = self.revision(n, kind)?;
                para.revisions.push(i);
            }
            if matches!(name, "commentRangeStart" | "commentRangeEnd") {
                self.comment_range(n);
            }
            if !in_ppr {
                self.text(p, n, &mut para);
            }
        }
        Ok(para)
    }

    /// Adds the text of element `n` of paragraph `p` to the views it is in.
    fn text(&mut self, p: Node, n: Node, para: &mut Para) {
        let piece = match n.tag_name().name() {
            "t" | "delText" => {
                // Text split by comments or bookmarks inside one w:t.
                let mut all = String::new();
                for c in n.children().filter(|c| c.is_text()) {
                    all.push_str(c.text().unwrap_or(""));
                }
                // The zero-width spaces the writer puts into addresses, and the
                // word joiners of the signature and date.
                all.retain(|c| !matches!(c, '\u{200B}' | '\u{2060}'));
                return self.push_text(p, n, &all, para);
            }
            "tab" => "\t",
            "br" | "cr" => "\n",
            "noBreakHyphen" => "-",
            _ => return,
        };
        self.push_text(p, n, piece, para);
    }

    /// Adds `piece`, the text of element `n` of paragraph `p`, to the views
    /// it is in.
    fn push_text(&mut self, p: Node, n: Node, piece: &str, para: &mut Para) {
        let (mut inserted, mut deleted) = (false, false);
        for a in n.ancestors().skip(1).take_while(|a| *a != p) {
            match a.tag_name().name() {
                "ins" | "moveTo" => inserted = true,
                "del" | "moveFrom" => deleted = true,
                "instrText" | "Fallback" | "txbxContent" | "delInstrText" => return,
                _ => {}
            }
        }
        if is(&n, "delText") {
            deleted = true;
        }
        if !inserted {
            para.old.push_str(piece);
        }
        if !deleted {
            para.new.push_str(piece);
            for id in &self.open {
                if let Some((anchor, _)) = self.anchors.get_mut(id)
                    && anchor.chars().count() < MAX_SNIPPET
                {
                    anchor.push_str(piece);
                }
            }
        }
    }

    /// Reads a table's cells onto its grid (spans followed, merged
    /// continuations left out).
    fn table(&mut self, tbl: Node) -> Result<Vec<Cell>, MergeError> {
        let mut cells = Vec::new();
        let rows = tbl.children().filter(|n| is(n, "tr"));
        for (r, tr) in rows.enumerate() {
            let mut col = tr
                .children()
                .find(|n| is(n, "trPr"))
                .and_then(|pr| pr.children().find(|n| is(n, "gridBefore")))
                .and_then(|g| attr(&g, "val"))
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(0);
            for tc in tr.descendants().filter(|n| is(n, "tc")) {
                if tc.ancestors().skip(1).find(|a| is(a, "tr")) != Some(tr) {
                    continue;
                }
                let pr = tc.children().find(|n| is(n, "tcPr"));
                let span = pr
                    .and_then(|pr| pr.children().find(|n| is(n, "gridSpan")))
                    .and_then(|g| attr(&g, "val"))
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, MAX_COLUMNS);
                let merge = pr.and_then(|pr| pr.children().find(|n| is(n, "vMerge")));
                let continued =
                    merge.is_some_and(|m| attr(&m, "val").is_none_or(|v| v == "continue"));
                if col + span > MAX_COLUMNS {
                    return Err(MergeError::TooWide { max: MAX_COLUMNS });
                }
                if !continued {
                    cells.push(self.cell(tc, r, col)?);
                }
                col += span;
            }
        }
        Ok(cells)
    }

    /// Reads one cell's paragraphs.
    fn cell(&mut self, tc: Node, row: usize, col: usize) -> Result<Cell, MergeError> {
        self.cell = Some((row, col));
        let mut cell = Cell {
            row,
            col,
            ..Cell::default()
        };
        let mut first = true;
        for p in tc.children().filter(|n| is(n, "p")) {
            let para = self.paragraph(p)?;
            if !first {
                cell.old.push('\n');
                cell.new.push('\n');
            }
            first = false;
            cell.old.push_str(&para.old);
            cell.new.push_str(&para.new);
            cell.revisions.extend(para.revisions);
        }
        self.cell = None;
        Ok(cell)
    }
}

/// `w15:paraIdParent` of each reply, by the reply's `w15:paraId`.
fn reply_parents(doc: &Document) -> HashMap<String, String> {
    doc.descendants()
        .filter(|n| is(n, "commentEx"))
        .filter_map(|n| {
            Some((
                attr(&n, "paraId")?.to_string(),
                attr(&n, "paraIdParent")?.to_string(),
            ))
        })
        .take(MAX_COMMENTS)
        .collect()
}

/// Reads `word/comments.xml`: each comment with its anchor and parent.
fn read_comments(
    doc: &Document,
    anchors: &HashMap<String, (String, AnchorPlace)>,
    parents: &HashMap<String, String>,
    out: &mut Reviewed,
) -> Result<(), MergeError> {
    // The paraId of each comment's last paragraph names it in
    // commentsExtended.xml.
    let mut by_para: HashMap<String, String> = HashMap::new();
    let mut pending: Vec<(Comment, Option<String>)> = Vec::new();
    for c in doc.root_element().children().filter(|n| is(n, "comment")) {
        if pending.len() >= MAX_COMMENTS {
            return Err(MergeError::TooManyComments { max: MAX_COMMENTS });
        }
        let id = attr(&c, "id").unwrap_or("").to_string();
        let mut text = String::new();
        let mut para_id = None;
        for p in c.children().filter(|n| is(n, "p")) {
            if !text.is_empty() {
                text.push('\n');
            }
            for t in p.descendants().filter(|n| is(n, "t")) {
                if text.len() < MAX_SNIPPET * 4 {
                    text.push_str(t.text().unwrap_or(""));
                }
            }
            para_id = attr(&p, "paraId").map(str::to_string);
        }
        if let Some(pid) = &para_id {
            by_para.insert(pid.clone(), id.clone());
        }
        let (anchor, (block, cell)) = anchors.get(&id).cloned().unwrap_or_default();
        let comment = Comment {
            id,
            author: snippet(attr(&c, "author").unwrap_or("")),
            date: snippet(attr(&c, "date").unwrap_or("")),
            text: snippet(&text),
            anchor,
            block,
            cell,
            parent: None,
        };
        pending.push((comment, para_id));
    }
    for (mut c, para_id) in pending {
        c.parent = para_id
            .and_then(|p| parents.get(&p))
            .and_then(|parent| by_para.get(parent))
            .cloned();
        out.comments.push(c);
    }
    Ok(())
}

/// The recorded digest in `docProps/custom.xml`.
fn digest(doc: &Document) -> Option<String> {
    let prop = doc
        .descendants()
        .find(|n| is(n, "property") && attr(n, "name") == Some(DIGEST_PROPERTY))?;
    let text: String = prop
        .descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect();
    let text = text.trim();
    (text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit())).then(|| text.to_string())
}

#[cfg(test)]
mod tests;
