//! The reviewed document against the document built from the data as it
//! is now: paragraphs aligned (as built, revisions rejected) with the
//! built ones, grouped into regions by their styles, each region compared
//! character by character; tables compared cell by cell on their grids.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use similar::{Algorithm, DiffOp, capture_diff_slices_deadline};

use super::paragraph::{Found, trace};
use super::read::{Block, Cell, Mark, Para, Reviewed, RevisionKind};
use super::source::{RegionKind, pieces};
use super::{Change, Edit, MergeError, PlacedComment, Review, Version};
use crate::grid::{CellKind, Grid};
use crate::model::Report;
use crate::render::document::{self, Document};
use crate::render::docx::{self, id};

/// Most bytes of one region's reviewed text compared character by
/// character (a report's longest section is a few thousand characters).
const MAX_REGION_BYTES: usize = 512 * 1024;

/// Compares `reviewed` with `report` as it is now.
pub(super) fn review(report: &Report, reviewed: Reviewed) -> Result<Review, MergeError> {
    let doc = document::build(report, None);
    let bytes = docx::render(&doc, &docx::DocxOptions::default())
        .map_err(|e| MergeError::Build(e.to_string()))?;
    let built = super::read::read(&bytes)?;
    let version = match &reviewed.digest {
        Some(d) if *d == doc.data_digest => Version::Same,
        Some(_) => Version::Changed,
        None => Version::Unknown,
    };
    let grids = crate::grid::tables(report);
    let mut m = Merger {
        report,
        doc: &doc,
        reviewed: &reviewed,
        version,
        changes: Vec::new(),
        places: HashMap::new(),
    };
    let slots = slots(&built);
    let assigned = assign(&reviewed, &built, &slots);
    m.regions(&built, &slots, &assigned);
    m.tables(&built, &grids);
    for (i, c) in m.changes.iter_mut().enumerate() {
        c.id = i + 1;
        c.marked = super::marked::marked(&c.before, &c.after);
    }
    inconsistent_values(&mut m.changes);
    let refusal = super::identity::refusal(report, &reviewed, &built, reviewed.digest.is_some());
    if let Some(why) = &refusal {
        for c in &mut m.changes {
            c.problem.get_or_insert_with(|| why.clone());
        }
    }
    let comments = m.comments(&grids);
    Ok(Review {
        version,
        changes: m.changes,
        comments,
        revisions: reviewed.revisions.len(),
        refusal,
    })
}

/// The built paragraphs `texts` (starting at characters `starts` of the
/// region) that the edits `ops` (region characters replaced) touch, joined
/// by a blank line, and the same with the edits made; `None` when the
/// edits stay within one paragraph.
fn spanned(
    texts: &[&str],
    starts: &[usize],
    ops: &[(std::ops::Range<usize>, String)],
) -> Option<(String, String)> {
    let para_of = |i: usize| starts.partition_point(|&s| s <= i).saturating_sub(1);
    let first = ops.iter().map(|(o, _)| para_of(o.start)).min()?;
    let last = ops
        .iter()
        .map(|(o, _)| para_of(o.end.saturating_sub(1).max(o.start)))
        .max()?;
    if first == last || last >= texts.len() {
        return None;
    }
    let before = texts[first..=last].join("\n\n");
    let base = starts[first];
    let mut chars: Vec<char> = before.chars().collect();
    let mut sorted: Vec<&(std::ops::Range<usize>, String)> = ops.iter().collect();
    sorted.sort_by_key(|(o, _)| std::cmp::Reverse(o.start));
    for (o, with) in sorted {
        let (a, b) = (o.start.checked_sub(base)?, o.end.checked_sub(base)?);
        if a > b || b > chars.len() {
            return None;
        }
        chars.splice(a..b, with.chars());
    }
    Some((before, chars.into_iter().collect()))
}

/// What each block of the built document is: a paragraph of a region, or
/// table `k`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Para(RegionKind),
    Table(usize),
}

/// The slots of the built document, by its paragraph styles.
fn slots(built: &Reviewed) -> Vec<Slot> {
    let mut out = Vec::new();
    let mut section: Option<usize> = None;
    let mut tables = 0;
    for b in &built.blocks {
        let slot = match b {
            Block::Table(_) => {
                tables += 1;
                Slot::Table(tables - 1)
            }
            Block::Para(p) => Slot::Para(match p.style.as_deref() {
                Some(id::TITLE) => RegionKind::Title,
                Some(id::LEVEL1) => {
                    let k = section.map_or(0, |k| k + 1);
                    section = Some(k);
                    RegionKind::Heading(k)
                }
                Some(id::SIGNATURE) => RegionKind::Signature,
                Some(id::DATE) => RegionKind::Date,
                _ if p.old.is_empty() => RegionKind::Blank,
                _ => match section {
                    // Before the first heading: the opening paragraph.
                    None => RegionKind::Preface,
                    Some(k) => RegionKind::Narrative(k),
                },
            }),
        };
        out.push(slot);
    }
    out
}

/// A unit of the reviewed body as built: paragraphs joined where a
/// paragraph mark was inserted, or a table.
struct Unit {
    /// The reviewed blocks it is made of.
    blocks: Vec<usize>,
    /// Its text as built, or a table's key.
    key: String,
}

fn units(reviewed: &Reviewed) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::new();
    let mut open = false;
    let mut tables = 0;
    for (i, b) in reviewed.blocks.iter().enumerate() {
        match b {
            Block::Table(_) => {
                out.push(Unit {
                    blocks: vec![i],
                    key: table_key(tables),
                });
                tables += 1;
                open = false;
            }
            Block::Para(p) => {
                match out.last_mut() {
                    // A paragraph split with tracking on (its mark inserted)
                    // is one paragraph as built: its text runs on into the next.
                    Some(u) if open => {
                        u.blocks.push(i);
                        u.key.push_str(&p.old);
                    }
                    _ => out.push(Unit {
                        blocks: vec![i],
                        key: p.old.clone(),
                    }),
                }
                open = p.mark == Mark::Inserted;
            }
        }
    }
    out
}

fn table_key(k: usize) -> String {
    format!("\u{0}表{k}")
}

/// For each built block, the reviewed blocks that stand for it.
fn assign(reviewed: &Reviewed, built: &Reviewed, slots: &[Slot]) -> Vec<Vec<usize>> {
    let units = units(reviewed);
    let keys: Vec<&str> = units.iter().map(|u| u.key.as_str()).collect();
    let mut tables = 0;
    let built_keys: Vec<String> = built
        .blocks
        .iter()
        .map(|b| match b {
            Block::Para(p) => p.old.clone(),
            Block::Table(_) => {
                tables += 1;
                table_key(tables - 1)
            }
        })
        .collect();
    let built_keys: Vec<&str> = built_keys.iter().map(String::as_str).collect();
    let deadline = Instant::now() + Duration::from_secs(1);
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); built_keys.len()];
    let mut orphans: Vec<(usize, usize)> = Vec::new();
    for op in capture_diff_slices_deadline(Algorithm::Myers, &keys, &built_keys, Some(deadline)) {
        let (_, o, n) = op.as_tag_tuple();
        let paired = match op {
            DiffOp::Equal { .. } | DiffOp::Replace { .. } => o.len().min(n.len()),
            _ => 0,
        };
        for k in 0..paired {
            let same_kind = matches!(slots[n.start + k], Slot::Table(_))
                == units[o.start + k].key.starts_with('\u{0}');
            if same_kind {
                out[n.start + k].extend(&units[o.start + k].blocks);
            } else {
                // A paragraph aligned against a table, or the reverse: placed
                // like text with nothing built against it.
                orphans.push((o.start + k, n.start + k));
            }
        }
        // Reviewed paragraphs with nothing built against them: added without
        // tracking ("明年将开设专栏。" after "下一步，我局…").
        for u in o.start + paired..o.end {
            orphans.push((u, n.end));
        }
    }
    for (u, at) in orphans {
        if let Some(slot) = orphan_slot(slots, at) {
            out[slot].extend(&units[u].blocks);
        }
    }
    for blocks in &mut out {
        blocks.sort_unstable();
    }
    out
}

/// Where reviewed text found before built block `at` goes: to the
/// narrative before it, else to the paragraph after it, else before it.
fn orphan_slot(slots: &[Slot], at: usize) -> Option<usize> {
    let narrative = |s: &Slot| {
        matches!(
            s,
            Slot::Para(RegionKind::Narrative(_) | RegionKind::Preface)
        )
    };
    let prev = at.checked_sub(1).filter(|&p| p < slots.len());
    // "明年将开设专栏。" after the last paragraph of 五 goes to 问题及改进.
    if let Some(p) = prev.filter(|&p| narrative(&slots[p])) {
        return Some(p);
    }
    if at < slots.len() && matches!(slots[at], Slot::Para(_)) {
        return Some(at);
    }
    prev.filter(|&p| matches!(slots[p], Slot::Para(_)))
}

struct Merger<'a> {
    report: &'a Report,
    doc: &'a Document,
    reviewed: &'a Reviewed,
    version: Version,
    changes: Vec<Change>,
    /// For each reviewed block: its place and the data path it concerns.
    places: HashMap<usize, (String, Option<String>)>,
}

impl Merger<'_> {
    fn para(&self, i: usize) -> Option<&Para> {
        match self.reviewed.blocks.get(i) {
            Some(Block::Para(p)) => Some(p),
            _ => None,
        }
    }

    /// Compares every region of paragraphs.
    fn regions(&mut self, built: &Reviewed, slots: &[Slot], assigned: &[Vec<usize>]) {
        let mut i = 0;
        while i < slots.len() {
            let Slot::Para(kind) = slots[i] else {
                i += 1;
                continue;
            };
            let end = i + slots[i..]
                .iter()
                .take_while(|s| **s == Slot::Para(kind) && kind != RegionKind::Blank)
                .count()
                .max(1);
            self.region(kind, built, i..end, assigned);
            i = end;
        }
    }

    /// Compares one region: built blocks `range`.
    fn region(
        &mut self,
        kind: RegionKind,
        built: &Reviewed,
        range: std::ops::Range<usize>,
        assigned: &[Vec<usize>],
    ) {
        let texts: Vec<&str> = range
            .clone()
            .map(|b| match &built.blocks[b] {
                Block::Para(p) => p.old.as_str(),
                Block::Table(_) => "",
            })
            .collect();
        let old = texts.join("\n\n");
        let mut starts = Vec::new();
        let mut at = 0;
        for t in &texts {
            starts.push(at);
            at += t.chars().count() + 2;
        }
        let mine: Vec<usize> = range.clone().flat_map(|b| assigned[b].clone()).collect();
        let new = self.accepted(&mine);
        let source = pieces(self.report, self.doc, kind);
        let path = source.iter().find_map(|p| match &p.origin {
            super::source::Origin::Field { path, .. } => Some(path.clone()),
            _ => None,
        });
        for &b in &mine {
            self.places.insert(b, (kind.place(), path.clone()));
        }
        // A section grown to thousands of pasted paragraphs is listed, not compared.
        if new.len() > MAX_REGION_BYTES {
            self.too_long(kind, old, &new);
            return;
        }
        let found = if old == new {
            Vec::new()
        } else {
            trace(&source, &old, &new, &starts)
        };
        let old_paras: Vec<String> = texts.iter().map(|t| t.to_string()).collect();
        let new_paras: Vec<String> = new.split("\n\n").map(str::to_string).collect();
        for f in found {
            let reviewed_here: &[usize] = range
                .clone()
                .nth(f.para)
                .map_or(&[], |b| assigned[b].as_slice());
            let base: Vec<&str> = reviewed_here
                .iter()
                .filter_map(|&r| self.para(r).map(|p| p.old.as_str()))
                .collect();
            let mut before = old_paras.get(f.para).cloned().unwrap_or_default();
            // As many paragraphs as built: each against its own; else the reviewed
            // paragraphs aligned with it ("明年将开设专栏。" added after it).
            let mut after = if old_paras.len() == new_paras.len() {
                new_paras[f.para].clone()
            } else {
                self.accepted(reviewed_here)
            };
            // A deletion across paragraphs (their marks deleted): the
            // paragraphs it spans, before and with its own edits made.
            if let Some((b, a)) = spanned(&texts, &starts, &f.ops)
                && (old_paras.len() != new_paras.len() || before == after)
            {
                (before, after) = (b, a);
            }
            // "五、存在的主要问题及改进情况 第 2 段" where a section has several.
            let place = if texts.len() > 1 {
                format!("{} 第 {} 段", kind.place(), f.para + 1)
            } else {
                kind.place()
            };
            let conflict = self.conflict(base.concat() != before.replace("\n\n", ""));
            self.push(place, before, after, f, reviewed_here, conflict);
        }
        self.format_only(kind, &mine);
    }

    /// A region grown past [`MAX_REGION_BYTES`]: listed, not compared.
    fn too_long(&mut self, kind: RegionKind, old: String, new: &str) {
        let head: String = new.chars().take(200).collect();
        self.changes.push(Change {
            id: 0,
            place: kind.place(),
            before: old,
            after: format!("{head}……"),
            edit: Edit::None,
            revisions: Vec::new(),
            problem: Some(format!(
                "审签稿中这部分的文字超过 {} KB，不像是年报的正文，未逐字比较：请核对审签稿",
                MAX_REGION_BYTES / 1024
            )),
            conflict: None,
            marked: Vec::new(),
            confirm: None,
        });
    }

    /// The reviewed paragraphs `blocks` as accepted, paragraphs apart by a
    /// blank line, a paragraph whose mark was deleted joined to the next.
    fn accepted(&self, blocks: &[usize]) -> String {
        let mut out = String::new();
        let mut sep = "";
        for &b in blocks {
            // An empty paragraph adds nothing to the text (Markdown has no
            // empty paragraphs), wherever its mark went.
            let Some(p) = self.para(b).filter(|p| !p.new.is_empty()) else {
                continue;
            };
            out.push_str(sep);
            out.push_str(&p.new);
            // Its mark deleted with tracking on: it runs on into the next paragraph.
            sep = if p.mark == Mark::Deleted { "" } else { "\n\n" };
        }
        out
    }

    /// The conflict of a change whose text as built in the reviewed copy
    /// `differs` from the text built now.
    fn conflict(&self, differs: bool) -> Option<String> {
        match self.version {
            // The Word was made from older data and this text changed since.
            Version::Changed if differs => {
                Some("生成这份 Word 之后，数据文件中这里已经改过：请对照后手工决定".to_string())
            }
            _ => None,
        }
    }

    fn push(
        &mut self,
        place: String,
        before: String,
        after: String,
        f: Found,
        blocks: &[usize],
        conflict: Option<String>,
    ) {
        let revisions = blocks
            .iter()
            .filter_map(|&b| self.para(b))
            .flat_map(|p| p.revisions.iter())
            .map(|&r| self.reviewed.revisions[r].clone())
            .filter(|r| r.kind != RevisionKind::Format)
            .collect();
        self.changes.push(Change {
            id: 0,
            place,
            before,
            after,
            edit: f.edit,
            revisions,
            problem: f.problem,
            conflict,
            marked: Vec::new(),
            confirm: None,
        });
    }

    /// Lists the format-only changes of a region: nothing to write, but
    /// never dropped.
    fn format_only(&mut self, kind: RegionKind, blocks: &[usize]) {
        for &b in blocks {
            let Some(p) = self.para(b) else { continue };
            let format: Vec<_> = p
                .revisions
                .iter()
                .map(|&r| &self.reviewed.revisions[r])
                .filter(|r| r.kind == RevisionKind::Format)
                .cloned()
                .collect();
            if format.is_empty() {
                continue;
            }
            self.changes.push(Change {
                id: 0,
                place: kind.place(),
                before: p.new.clone(),
                after: p.new.clone(),
                edit: Edit::None,
                revisions: format,
                problem: Some(
                    "只改了格式（字体、字号、加粗等）：数据文件不记录格式，生成时按公文格式排版"
                        .to_string(),
                ),
                conflict: None,
                marked: Vec::new(),
                confirm: None,
            });
        }
    }

    /// Compares the tables cell by cell.
    fn tables(&mut self, built: &Reviewed, grids: &[Grid; 3]) {
        let built_tables: Vec<&Vec<Cell>> = built
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(c) => Some(c),
                _ => None,
            })
            .collect();
        let reviewed: Vec<(usize, &Vec<Cell>)> = self
            .reviewed
            .blocks
            .iter()
            .enumerate()
            .filter_map(|(i, b)| match b {
                Block::Table(c) => Some((i, c)),
                _ => None,
            })
            .collect();
        for (k, (block, cells)) in reviewed.into_iter().enumerate() {
            self.places
                .insert(block, (format!("第 {} 张表", k + 1), None));
            let built: HashMap<(usize, usize), &Cell> = built_tables
                .get(k)
                .map(|t| t.iter().map(|c| ((c.row, c.col), c)).collect())
                .unwrap_or_default();
            let grid: HashMap<(usize, usize), &crate::grid::Cell> = grids
                .get(k)
                .map(|g| g.cells.iter().map(|c| ((c.row, c.col), c)).collect())
                .unwrap_or_default();
            for cell in cells {
                let at = (cell.row, cell.col);
                // A label the document repeats (table 三's outer label, set
                // again at each of its blocks) stands for the grid's cell
                // that covers it.
                let target = grid.get(&at).copied().or_else(|| {
                    grids
                        .get(k)?
                        .covering(cell.row)
                        .into_iter()
                        .find(|c| c.col == cell.col && c.kind != CellKind::Data)
                });
                self.cell(k, cell, built.get(&at).copied(), target);
            }
        }
    }

    /// Compares one cell of table `k` with the cell built now.
    fn cell(
        &mut self,
        k: usize,
        cell: &Cell,
        now: Option<&Cell>,
        target: Option<&crate::grid::Cell>,
    ) {
        // A label the document repeats where the one built now continues
        // its merge (the Word document starts it again where the PDF's
        // pages start, which depends on the faces it was laid out in):
        // its text as the writer repeats it.
        let repeated = target
            .filter(|t| t.row != cell.row && t.kind != CellKind::Data)
            .map_or("", |t| t.text.as_str());
        let current = now.map_or(repeated, |c| c.old.as_str());
        if cell.new == current {
            return;
        }
        let table = ["二", "三", "四"].get(k).copied().unwrap_or("其他");
        let place = format!(
            "第{table}部分表格 第 {} 行 第 {} 列",
            cell.row + 1,
            cell.col + 1
        );
        let (edit, problem) = match target {
            // A figure of 表三 or 表四 typed over: written to its cell.
            Some(c) if c.kind == CellKind::Data && c.path.is_some() => (
                Edit::Value {
                    path: c.path.clone().unwrap_or_default(),
                    value: cell.new.trim().to_string(),
                },
                None,
            ),
            // A form label ("三、本年度办理结果" → "三、办理结果"): fixed text.
            Some(_) => (
                Edit::None,
                Some("这是表格的法定栏目文字，不能改动：请确认审签意见".to_string()),
            ),
            // A cell the form does not have (a row or column added in Word).
            None => (
                Edit::None,
                Some("这个单元格不在法定表格中，无法对应到数据文件".to_string()),
            ),
        };
        let revisions = cell
            .revisions
            .iter()
            .map(|&r| self.reviewed.revisions[r].clone())
            .filter(|r| r.kind != RevisionKind::Format)
            .collect();
        let conflict = self.conflict(cell.old != current);
        self.changes.push(Change {
            id: 0,
            place,
            before: current.to_string(),
            after: cell.new.clone(),
            edit,
            revisions,
            problem,
            conflict,
            marked: Vec::new(),
            confirm: None,
        });
    }

    /// The comments with their places.
    fn comments(&self, grids: &[Grid; 3]) -> Vec<PlacedComment> {
        let mut tables: HashMap<usize, usize> = HashMap::new();
        for (i, b) in self.reviewed.blocks.iter().enumerate() {
            if matches!(b, Block::Table(_)) {
                let n = tables.len();
                tables.insert(i, n);
            }
        }
        self.reviewed
            .comments
            .iter()
            .map(|c| {
                let (mut place, mut path) = c
                    .block
                    .and_then(|b| self.places.get(&b).cloned())
                    .unwrap_or_else(|| ("正文".to_string(), None));
                if let (Some(b), Some((row, col))) = (c.block, c.cell)
                    && let Some(&k) = tables.get(&b)
                {
                    place = format!("{place} 第 {} 行 第 {} 列", row + 1, col + 1);
                    path = grids.get(k).and_then(|g| {
                        g.cells
                            .iter()
                            .find(|x| x.row == row && x.col == col)
                            .and_then(|x| x.path.clone())
                    });
                }
                PlacedComment {
                    comment: c.clone(),
                    place,
                    path,
                }
            })
            .collect()
    }
}

/// Two changes setting one value differently (a figure changed in the table
/// and otherwise in the text): both are conflicts; the same value twice is
/// written once.
fn inconsistent_values(changes: &mut [Change]) {
    let mut seen: HashMap<String, (usize, String)> = HashMap::new();
    for i in 0..changes.len() {
        let Edit::Value { path, value } = &changes[i].edit else {
            continue;
        };
        let (path, value) = (path.clone(), value.clone());
        match seen.get(&path) {
            None => {
                seen.insert(path, (i, value));
            }
            // "收到申请12件" → "13件" and the table's 12 → 13: written once.
            Some((first, v)) if *v == value => {
                let first = changes[*first].id;
                changes[i].edit = Edit::None;
                changes[i].problem = Some(format!("与第 {first} 处改动相同，随它写回"));
            }
            // The table says 13, the text 14: the reviewer decides.
            Some((first, v)) => {
                let why =
                    format!("“{path}”在两处改得不一致（{v} 与 {value}）：请在审签稿中统一后再导入");
                let first = *first;
                changes[first].conflict = Some(why.clone());
                changes[i].conflict = Some(why);
            }
        }
    }
}
