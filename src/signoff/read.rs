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

use crate::slice::Slice;
use std::collections::HashMap;

use roxmltree::{Document, Node};

use super::error::MergeError;
use crate::zip_xml::read::{Package, PackageError, open_archive, parse_part, read_entry};

/// Most bytes `word/document.xml` may decompress to.
const MAX_DOCUMENT_BYTES: u64 = 64 * 1024 * 1024;
/// Most bytes of the comments and the properties parts.
const MAX_PART_BYTES: u64 = 8 * 1024 * 1024;
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

/// A `w:date` (`2026-01-14T09:30:00Z`, as Word and WPS write it: the
/// reviewer's clock) as people read it: `2026年1月14日 09:30`; the date
/// alone when it has no time; as written when it is no such date.
pub fn chinese_time(raw: &str) -> String {
    let raw = raw.trim();
    let (day, time) = raw.split_once('T').unwrap_or((raw, ""));
    let parts: Vec<&str> = day.split('-').collect();
    let numbers: Option<Vec<u32>> = parts.iter().map(|p| p.parse().ok()).collect();
    let Some([y, m, d]) = numbers
        .as_deref()
        .and_then(|n| <[u32; 3]>::try_from(n).ok())
    else {
        return raw.to_string();
    };
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || parts[0].len() != 4 {
        return raw.to_string();
    }
    let hm: String = time.chars().take(5).collect();
    let clock = hm.len() == 5
        && hm.as_bytes()[2] == b':'
        && hm
            .bytes()
            .enumerate()
            .all(|(i, b)| i == 2 || b.is_ascii_digit());
    if clock {
        format!("{y}年{m}月{d}日 {hm}")
    } else {
        format!("{y}年{m}月{d}日")
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
    /// `w:date` as people read it: `2026年1月14日 09:30` ([`chinese_time`]).
    pub when: String,
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
    /// `w:date` as people read it ([`chinese_time`]).
    pub when: String,
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
    let mut archive = open_archive(bytes, Package::Docx)?;
    let document = read_entry(
        &mut archive,
        "word/document.xml",
        MAX_DOCUMENT_BYTES,
        Package::Docx,
    )?
    .ok_or(MergeError::NotWord)?;
    let optional =
        |archive: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>, name: &str| match read_entry(
            archive,
            name,
            MAX_PART_BYTES,
            Package::Docx,
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
    let anchors = walker.anchors.into_map();
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
    parse_part(xml, part, |part, detail| MergeError::Xml { part, detail })
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

/// The comments' anchors as the body is walked: each one's text and place,
/// the ranges open, and of these the ones whose text is still short of
/// [`MAX_SNIPPET`] characters, the only ones a piece of text is added to
/// (so that the work is linear in the text, not text × anchors).
#[derive(Default)]
struct Anchors {
    /// Each comment's slot, by id.
    slots: HashMap<String, usize>,
    /// Each slot's anchor text, its length in characters, and its place.
    texts: Vec<(String, usize, AnchorPlace)>,
    /// Comments whose range is open, by id.
    open: Vec<String>,
    /// The slots of the open ranges whose text is still short.
    filling: Vec<usize>,
}

impl Anchors {
    /// Opens the range of comment `id` at `place` (bounded: at most
    /// [`MAX_COMMENTS`] anchors, [`MAX_OPEN_COMMENTS`] open at once; a
    /// second start of one id is ignored).
    fn start(&mut self, id: &str, place: AnchorPlace) {
        if self.slots.len() < MAX_COMMENTS
            && self.open.len() < MAX_OPEN_COMMENTS
            && !self.slots.contains_key(id)
        {
            self.slots.insert(id.to_string(), self.texts.len());
            self.filling.push(self.texts.len());
            self.texts.push((String::new(), 0, place));
            self.open.push(id.to_string());
        }
    }

    /// Closes the range of comment `id`.
    fn end(&mut self, id: &str) {
        self.open.retain(|o| o != id);
        if let Some(&slot) = self.slots.get(id) {
            self.filling.retain(|&s| s != slot);
        }
    }

    /// Adds `piece` (accepted text) to every open anchor still short.
    fn add(&mut self, piece: &str) {
        if piece.is_empty() || self.filling.is_empty() {
            return;
        }
        let chars = piece.chars().count();
        for &slot in &self.filling {
            let (text, count, _) = &mut self.texts[slot];
            text.push_str(piece);
            *count += chars;
        }
        let texts = &self.texts;
        self.filling.retain(|&s| texts[s].1 < MAX_SNIPPET);
    }

    /// Each comment's anchor text and place, by id.
    fn into_map(self) -> HashMap<String, (String, AnchorPlace)> {
        let mut texts: Vec<Option<(String, AnchorPlace)>> = self
            .texts
            .into_iter()
            .map(|(text, _, place)| Some((text, place)))
            .collect();
        self.slots
            .into_iter()
            .filter_map(|(id, slot)| Some((id, texts.get_mut(slot)?.take()?)))
            .collect()
    }
}

/// Most bytes of a tracked change's text gathered before it is cut to
/// [`MAX_SNIPPET`] characters (at most 4 bytes each).
const MAX_REVISION_BYTES: usize = MAX_SNIPPET * 4;

/// The texts of the tracked changes open around the node being read,
/// outermost first: each gathers its `w:t` and `w:delText` up to
/// [`MAX_REVISION_BYTES`]. An outer change holds all an inner one does, so
/// the full ones are the first `full`, and a piece of text is added only
/// to the others: linear in the text, not text × nesting.
#[derive(Default)]
struct RevisionTexts {
    /// The changes' indices in [`Reviewed::revisions`] and their text.
    open: Vec<(usize, String)>,
    /// How many of `open`, from the outermost, are full.
    full: usize,
}

impl RevisionTexts {
    /// Adds `piece` to each open change not yet full (cut just past the
    /// bound: only the first [`MAX_SNIPPET`] characters are kept).
    fn add(&mut self, piece: &str) {
        if piece.is_empty() {
            return;
        }
        for (_, text) in &mut self.open[self.full..] {
            if text.len() > MAX_REVISION_BYTES {
                continue;
            }
            let room = MAX_REVISION_BYTES + 1 - text.len();
            let end = (room.min(piece.len())..=piece.len())
                .find(|&e| piece.is_char_boundary(e))
                .unwrap_or(piece.len());
            text.push_str(piece.slice_to(end));
        }
        while self
            .open
            .get(self.full)
            .is_some_and(|(_, t)| t.len() > MAX_REVISION_BYTES)
        {
            self.full += 1;
        }
    }

    /// Closes the innermost change: its index and text.
    fn close(&mut self) -> Option<(usize, String)> {
        let closed = self.open.pop();
        self.full = self.full.min(self.open.len());
        closed
    }
}

/// What the elements between a paragraph and a node inside it make of the
/// node: in the paragraph's properties, in an insertion or a deletion, or
/// in text that is not the paragraph's own (a field code, a text box, a
/// fallback). Carried down the walk, so that no node looks up its
/// ancestors.
#[derive(Debug, Clone, Copy, Default)]
struct Inside {
    properties: bool,
    inserted: bool,
    deleted: bool,
    hidden: bool,
}

impl Inside {
    /// What the children of an element `name` are inside.
    fn within(self, name: &str) -> Inside {
        let mut inside = self;
        match name {
            "pPr" => inside.properties = true,
            "ins" | "moveTo" => inside.inserted = true,
            "del" | "moveFrom" => inside.deleted = true,
            "instrText" | "Fallback" | "txbxContent" | "delInstrText" => inside.hidden = true,
            _ => {}
        }
        inside
    }
}

/// Walks the body in document order.
struct Walker<'r> {
    out: &'r mut Reviewed,
    /// Paragraphs seen.
    paragraphs: usize,
    /// The comments' anchors.
    anchors: Anchors,
    /// The cell being read, if any.
    cell: Option<(usize, usize)>,
}

impl<'r> Walker<'r> {
    fn new(out: &'r mut Reviewed) -> Walker<'r> {
        Walker {
            out,
            paragraphs: 0,
            anchors: Anchors::default(),
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
            let place = (Some(self.out.blocks.len()), self.cell);
            self.anchors.start(id, place);
        } else {
            self.anchors.end(id);
        }
    }

    /// Records a tracked change, bounded; its text (of an insertion, a
    /// deletion or a move) is gathered as the walk goes through it
    /// ([`RevisionTexts`]).
    fn revision(&mut self, n: Node, kind: RevisionKind) -> Result<usize, MergeError> {
        if self.out.revisions.len() >= MAX_REVISIONS {
            return Err(MergeError::TooManyRevisions { max: MAX_REVISIONS });
        }
        let date = snippet(attr(&n, "date").unwrap_or(""));
        self.out.revisions.push(Revision {
            kind,
            author: snippet(attr(&n, "author").unwrap_or("")),
            when: chinese_time(&date),
            date,
            text: String::new(),
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
        let mut texts = RevisionTexts::default();
        self.paragraph_node(p, Inside::default(), &mut para, &mut texts)?;
        Ok(para)
    }

    /// Reads element `n` of a paragraph and, depth first, its children;
    /// `inside` is what the elements between the paragraph and `n` make
    /// of it.
    fn paragraph_node(
        &mut self,
        n: Node,
        inside: Inside,
        para: &mut Para,
        texts: &mut RevisionTexts,
    ) -> Result<(), MergeError> {
        let name = n.tag_name().name();
        let in_ppr = inside.properties || name == "pPr";
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
        let mut gathering = false;
        if let Some(kind) = kind
            && (!in_ppr || kind == RevisionKind::Format || name == "ins" || name == "del")
        {
            let i = self.revision(n, kind)?;
            para.revisions.push(i);
            if kind != RevisionKind::Format {
                texts.open.push((i, String::new()));
                gathering = true;
            }
        }
        if matches!(name, "t" | "delText") {
            texts.add(n.text().unwrap_or(""));
        }
        if matches!(name, "commentRangeStart" | "commentRangeEnd") {
            self.comment_range(n);
        }
        if !in_ppr {
            self.text(n, inside, para);
        }
        let within = inside.within(name);
        for child in n.children().filter(Node::is_element) {
            self.paragraph_node(child, within, para, texts)?;
        }
        if gathering && let Some((i, text)) = texts.close() {
            self.out.revisions[i].text = snippet(&text);
        }
        Ok(())
    }

    /// Adds the text of element `n` of a paragraph to the views it is in.
    fn text(&mut self, n: Node, inside: Inside, para: &mut Para) {
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
                return self.push_text(n, inside, &all, para);
            }
            "tab" => "\t",
            "br" | "cr" => "\n",
            "noBreakHyphen" => "-",
            // Written for a soft hyphen of the data (render::docx::runs).
            "softHyphen" => "\u{00AD}",
            _ => return,
        };
        self.push_text(n, inside, piece, para);
    }

    /// Adds `piece`, the text of element `n` of a paragraph, to the views
    /// it is in.
    fn push_text(&mut self, n: Node, inside: Inside, piece: &str, para: &mut Para) {
        if inside.hidden {
            return;
        }
        let deleted = inside.deleted || is(&n, "delText");
        if !inside.inserted {
            para.old.push_str(piece);
        }
        if !deleted {
            para.new.push_str(piece);
            self.anchors.add(piece);
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
            for tc in row_cells(tr) {
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

/// The `w:tc` elements whose nearest row is `tr`, in document order (not
/// those of a row nested inside): each node is looked at once.
fn row_cells<'a, 'i>(tr: Node<'a, 'i>) -> Vec<Node<'a, 'i>> {
    let mut cells = Vec::new();
    let mut stack: Vec<Node<'a, 'i>> = tr.children().filter(Node::is_element).collect();
    stack.reverse();
    while let Some(n) = stack.pop() {
        if is(&n, "tr") {
            continue;
        }
        if is(&n, "tc") {
            cells.push(n);
        }
        let at = stack.len();
        stack.extend(n.children().filter(Node::is_element));
        stack[at..].reverse();
    }
    cells
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
        let date = snippet(attr(&c, "date").unwrap_or(""));
        let comment = Comment {
            id,
            author: snippet(attr(&c, "author").unwrap_or("")),
            when: chinese_time(&date),
            date,
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

#[cfg(test)]
mod when_tests {
    use super::chinese_time;

    #[test]
    fn times_read_in_chinese() {
        assert_eq!(chinese_time("2026-01-14T09:30:00Z"), "2026年1月14日 09:30");
        assert_eq!(chinese_time("2026-01-14"), "2026年1月14日");
        assert_eq!(chinese_time(""), "");
        assert_eq!(chinese_time("昨天"), "昨天");
        assert_eq!(chinese_time("2026-13-01T00:00:00Z"), "2026-13-01T00:00:00Z");
    }
}
