//! The logical structure of the tagged PDF: a `Document` element holding,
//! in reading order, the title (`H1`), the sections' headings (`H2`) and
//! their sub-headings (`H3` for `（一）…`, `H4`, `H5`), paragraphs (`P`),
//! lists (`L` > `LI` > `Lbl`, `LBody`) and tables (`Table` > `TR` >
//! `TH`/`TD`, spans and header scope as attributes), each leaf pointing at
//! its marked-content sequences, and the parent tree that leads from a
//! page's sequences back to their elements. Only standard structure types
//! are used (ISO 32000-1 14.8.4), so no role map is needed.

use std::collections::HashMap;

use pdf_writer::writers::StructTreeRoot;
use pdf_writer::{Name, Ref};

use super::Tagged;
use super::pack::Objects;
use crate::render::typeset::tags::{Kind, Mark, Numbering};

/// Which element a mark belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Key {
    Block(usize),
    Table(usize),
    Row(usize, usize),
    Cell(usize, usize),
    List(usize),
    Item(usize, usize),
    Label(usize, usize),
    Body(usize, usize),
}

/// One structure element.
struct Element {
    kind: &'static [u8],
    parent: usize,
    children: Vec<usize>,
    /// Marked-content sequences: page index and id.
    content: Vec<(usize, i32)>,
    /// For a cell: header (column `Some(true)`, row `Some(false)`), rows
    /// and columns spanned.
    cell: Option<(Option<bool>, usize, usize)>,
    /// For a list: how its items are marked (`None`: no labels).
    numbering: Option<Numbering>,
}

/// The element tree, built from the tagged sequences in reading order.
struct Tree {
    elements: Vec<Element>,
    keys: HashMap<Key, usize>,
}

impl Tree {
    fn new() -> Tree {
        let document = Element {
            kind: b"Document",
            parent: 0,
            children: Vec::new(),
            content: Vec::new(),
            cell: None,
            numbering: None,
        };
        Tree {
            elements: vec![document],
            keys: HashMap::new(),
        }
    }

    /// The element for `key`, made a child of `parent` the first time.
    fn element(&mut self, key: Key, parent: usize, kind: &'static [u8]) -> usize {
        if let Some(&e) = self.keys.get(&key) {
            return e;
        }
        let e = self.elements.len();
        self.elements.push(Element {
            kind,
            parent,
            children: Vec::new(),
            content: Vec::new(),
            cell: None,
            numbering: None,
        });
        self.elements[parent].children.push(e);
        self.keys.insert(key, e);
        e
    }

    /// The `LI` element of item `entry` of list `list`, in its `L`; a
    /// nested list's `L` is in the item it is `within` (issue 77: every `L`
    /// was a child of `Document`): a child of that item's `LBody`, as ISO
    /// 32000-1 14.8.4.3.3 has a list item hold only `Lbl` and `LBody` (of
    /// its `LI` when it has no body), else of `Document`.
    fn list_item(&mut self, list: usize, entry: usize, within: Option<(usize, usize)>) -> usize {
        let parent = within
            .and_then(|(l, e)| {
                let body = self.keys.get(&Key::Body(l, e));
                body.or_else(|| self.keys.get(&Key::Item(l, e))).copied()
            })
            .unwrap_or(0);
        let l = self.element(Key::List(list), parent, b"L");
        self.element(Key::Item(list, entry), l, b"LI")
    }

    /// The leaf element that holds the text marked `mark`.
    fn leaf(&mut self, mark: &Mark) -> Option<usize> {
        let kind = structure_type(mark)?;
        Some(match *mark {
            Mark::Block {
                kind:
                    Kind::Label {
                        list,
                        entry,
                        within,
                        numbering,
                    },
                ..
            } => {
                let li = self.list_item(list, entry, within);
                let l = self.elements[li].parent;
                self.elements[l].numbering = Some(numbering);
                self.element(Key::Label(list, entry), li, kind)
            }
            Mark::Block {
                kind:
                    Kind::ListItem {
                        list,
                        entry,
                        within,
                        ..
                    },
                ..
            } => {
                let li = self.list_item(list, entry, within);
                self.element(Key::Body(list, entry), li, kind)
            }
            Mark::Block { item, .. } => self.element(Key::Block(item), 0, kind),
            Mark::Cell {
                table,
                cell,
                row,
                header,
                rowspan,
                colspan,
            } => {
                let t = self.element(Key::Table(table), 0, b"Table");
                let r = self.element(Key::Row(table, row), t, b"TR");
                let c = self.element(Key::Cell(table, cell), r, kind);
                self.elements[c].cell = Some((header, rowspan, colspan));
                c
            }
            Mark::Artifact => return None,
        })
    }
}

/// Writes the structure tree of `tagged` over `pages` and returns the
/// structure tree root for the catalog. Page i's parent-tree key is i.
pub(super) fn write(objects: &mut Objects<'_>, pages: &[Ref], tagged: &[Tagged]) -> Ref {
    let mut tree = Tree::new();
    let mut parents: Vec<Vec<usize>> = vec![Vec::new(); pages.len()];
    for t in tagged {
        let Some(leaf) = tree.leaf(&t.mark) else {
            continue;
        };
        tree.elements[leaf].content.push((t.page, t.mcid));
        if let Some(on_page) = parents.get_mut(t.page) {
            // Ids count up from 0 on each page, in this order.
            on_page.push(leaf);
        }
    }
    let root = objects.next_ref();
    let refs: Vec<Ref> = tree.elements.iter().map(|_| objects.next_ref()).collect();
    let arrays: Vec<Ref> = parents.iter().map(|_| objects.next_ref()).collect();
    objects.small(root, |c| {
        let mut r = c.indirect(root).start::<StructTreeRoot>();
        r.child(refs[0]);
        let mut tree = r.parent_tree();
        let mut nums = tree.nums();
        for (i, a) in arrays.iter().enumerate() {
            nums.insert(i as i32, *a);
        }
        drop(nums);
        drop(tree);
        r.parent_tree_next_key(pages.len() as i32);
    });
    for (i, e) in tree.elements.iter().enumerate() {
        let parent = if i == 0 { root } else { refs[e.parent] };
        objects.small(refs[i], |c| {
            write_element(c, (refs[i], parent), e, &refs, pages);
        });
    }
    for (i, a) in arrays.iter().enumerate() {
        objects.small(*a, |c| {
            c.indirect(*a)
                .array()
                .items(parents[i].iter().map(|&e| refs[e]));
        });
    }
    root
}

/// Structure element `e` (its id and its parent's): type, parent, page,
/// children, and table attributes where a cell has any. Written without the
/// optional `/Type`, and with a lone child not in an array, to keep the
/// hundreds of cells small.
fn write_element(
    c: &mut pdf_writer::Chunk,
    (id, parent): (Ref, Ref),
    e: &Element,
    refs: &[Ref],
    pages: &[Ref],
) {
    let mut el = c.indirect(id).dict();
    el.pair(Name(b"S"), Name(e.kind));
    el.pair(Name(b"P"), parent);
    let first_page = e.content.first().map(|&(p, _)| p);
    if let Some(p) = first_page {
        el.pair(Name(b"Pg"), pages[p]);
    }
    match (&e.children[..], &e.content[..]) {
        ([child], []) => {
            el.pair(Name(b"K"), refs[*child]);
        }
        ([], [(_, mcid)]) => {
            el.pair(Name(b"K"), *mcid);
        }
        _ => {
            let mut kids = el.insert(Name(b"K")).array();
            kids.items(e.children.iter().map(|&child| refs[child]));
            for &(p, mcid) in &e.content {
                if Some(p) == first_page {
                    kids.item(mcid);
                } else {
                    kids.push()
                        .dict()
                        .pair(Name(b"Type"), Name(b"MCR"))
                        .pair(Name(b"Pg"), pages[p])
                        .pair(Name(b"MCID"), mcid);
                }
            }
        }
    }
    if e.kind == b"L" {
        // ISO 32000-1 14.8.5.5, Table 347.
        el.insert(Name(b"A"))
            .dict()
            .pair(Name(b"O"), Name(b"List"))
            .pair(
                Name(b"ListNumbering"),
                Name(e.numbering.map_or(b"None".as_slice(), Numbering::name)),
            );
    }
    let Some((header, rowspan, colspan)) = e.cell else {
        return;
    };
    if header.is_none() && rowspan == 1 && colspan == 1 {
        return;
    }
    let mut a = el.insert(Name(b"A")).dict();
    a.pair(Name(b"O"), Name(b"Table"));
    if let Some(column) = header {
        a.pair(
            Name(b"Scope"),
            Name(if column { b"Column" } else { b"Row" }),
        );
    }
    if rowspan > 1 {
        a.pair(Name(b"RowSpan"), rowspan as i32);
    }
    if colspan > 1 {
        a.pair(Name(b"ColSpan"), colspan as i32);
    }
}

/// The structure type of the element holding text marked `mark` (`None`
/// for an artifact).
pub(crate) fn structure_type(mark: &Mark) -> Option<&'static [u8]> {
    match mark {
        Mark::Block { kind, .. } => Some(match kind {
            Kind::Title => b"H1",
            Kind::Heading => b"H2",
            Kind::Subheading(depth) => match depth {
                0..=3 => b"H3",
                4 => b"H4",
                5 => b"H5",
                _ => b"H6",
            },
            Kind::Paragraph => b"P",
            Kind::Label { .. } => b"Lbl",
            Kind::ListItem { .. } => b"LBody",
        }),
        Mark::Cell { header, .. } => Some(if header.is_some() { b"TH" } else { b"TD" }),
        Mark::Artifact => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(cell: usize, row: usize, header: Option<bool>) -> Mark {
        Mark::Cell {
            table: 1,
            cell,
            row,
            header,
            rowspan: 1,
            colspan: 1,
        }
    }

    #[test]
    fn blocks_and_cells_nest_in_reading_order() {
        let title = Mark::Block {
            item: 0,
            kind: Kind::Title,
        };
        let para = Mark::Block {
            item: 2,
            kind: Kind::Paragraph,
        };
        let marks = [
            title,
            para,
            cell(0, 0, Some(true)),
            cell(1, 1, Some(false)),
            cell(2, 1, None),
            Mark::Artifact,
            para,
        ];
        let mut tree = Tree::new();
        let leaves: Vec<Option<usize>> = marks.iter().map(|m| tree.leaf(m)).collect();
        let kinds =
            |ids: &[usize]| -> Vec<&[u8]> { ids.iter().map(|&i| tree.elements[i].kind).collect() };
        assert_eq!(
            kinds(&tree.elements[0].children),
            [&b"H1"[..], b"P", b"Table"]
        );
        let table = tree.elements[0].children[2];
        assert_eq!(kinds(&tree.elements[table].children), [&b"TR"[..], b"TR"]);
        let second_row = tree.elements[table].children[1];
        assert_eq!(
            kinds(&tree.elements[second_row].children),
            [&b"TH"[..], b"TD"]
        );
        // The paragraph continued later is the same element; an artifact
        // has none.
        assert_eq!(leaves[1], leaves[6]);
        assert_eq!(leaves[5], None);
    }

    #[test]
    fn the_parent_tree_leads_from_each_page_back_to_the_elements() {
        let para = Mark::Block {
            item: 0,
            kind: Kind::Paragraph,
        };
        let tagged = [
            Tagged {
                page: 0,
                mcid: 0,
                mark: para,
            },
            Tagged {
                page: 1,
                mcid: 0,
                mark: para,
            },
        ];
        let mut objects = Objects::new();
        let pages = [objects.next_ref(), objects.next_ref()];
        for p in pages {
            objects.small(p, |c| {
                // Contents (none written) make it a page for the reader.
                c.indirect(p)
                    .dict()
                    .pair(Name(b"Type"), Name(b"Page"))
                    .pair(Name(b"Contents"), p);
            });
        }
        let root = write(&mut objects, &pages, &tagged);
        let catalog = objects.next_ref();
        objects.small(catalog, |c| {
            c.indirect(catalog).dict().pair(Name(b"Pages"), pages[0]);
        });
        let file = objects.finish(catalog, catalog);
        use hayro_syntax::object::{Array, Dict, Name, Object, ObjectIdentifier};
        let doc = hayro_syntax::Pdf::new(file.clone()).unwrap();
        let root = doc
            .xref()
            .get::<Dict<'_>>(ObjectIdentifier::new(root.get() as u32, 0))
            .unwrap();
        let nums: Vec<Object<'_>> = root
            .get::<Dict<'_>>(b"ParentTree")
            .and_then(|t| t.get::<Array<'_>>(b"Nums"))
            .unwrap()
            .iter::<Object<'_>>()
            .collect();
        assert_eq!(nums.len(), 4, "two pages: {nums:?}");
        // The paragraph: one id on its page, a marked-content reference on
        // the next.
        let Object::Array(arr) = &nums[3] else {
            panic!("an array: {:?}", nums[3]);
        };
        let p = arr.iter::<Dict<'_>>().next().unwrap();
        assert_eq!(p.get::<Name<'_>>(b"S").as_deref(), Some(&b"P"[..]));
        let k: Vec<Object<'_>> = p
            .get::<Array<'_>>(b"K")
            .unwrap()
            .iter::<Object<'_>>()
            .collect();
        assert!(
            matches!(&k[0], Object::Number(n) if n.as_i64() == 0),
            "{k:?}"
        );
        let Object::Dict(mcr) = &k[1] else {
            panic!("a marked-content reference: {k:?}");
        };
        assert_eq!(mcr.get::<i64>(b"MCID"), Some(0));
    }
}
