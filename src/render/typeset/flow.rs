//! Pagination: the flow of paragraphs, tables and the signature down the
//! 22-line grid, with the keep rules (headings with their text, no lone
//! first or last lines, the signature with the last lines).

use super::draw::{self, Draw};
use super::linebreak::{SetLine, Styled};
use super::table;
use super::tags::{Kind, Mark};
use super::{H, LEFT, PITCH, TOP, W};

/// Space above and below a table, inside the grid lines it takes (the
/// table's rows are stretched so that gap, table and gap fill whole lines).
pub(super) const TABLE_GAP: f32 = PITCH / 4.0;

/// A block of the flow.
pub(super) enum Item<'a> {
    /// Lines of one paragraph or heading.
    Lines {
        styled: Styled,
        lines: Vec<SetLine>,
        heading: bool,
        /// Centred (the title).
        center: bool,
        /// What it is, for the tags.
        kind: Kind,
        /// Glyphs at the start of its first line that are a list item's
        /// label (tagged apart from the text); 0 for none.
        label: usize,
    },
    /// An empty grid line.
    Blank,
    /// A table.
    Table(table::Table<'a>),
    /// Signature (the name in one or more lines) and date, with their x
    /// offsets.
    Signature {
        name: (Styled, Vec<SetLine>, f32),
        date: Option<(Styled, SetLine, f32)>,
    },
}

/// Sets `items` on pages, returning each page's display list.
pub(super) fn paginate(items: &[Item<'_>]) -> Vec<Vec<Draw>> {
    let mut flow = Flow {
        pages: vec![Vec::new()],
        y: 0.0,
    };
    for i in 0..items.len() {
        let need = keep_need(items, i);
        if flow.y > 0.0 && flow.slot_y() + need > H + 0.01 {
            flow.new_page();
        }
        match &items[i] {
            Item::Blank => {
                if flow.y > 0.0 {
                    flow.y = flow.slot_y() + PITCH;
                }
            }
            Item::Lines {
                styled,
                lines,
                heading,
                center,
                kind,
                label,
            } => {
                let n = lines.len();
                let mark = Mark::Block {
                    item: i,
                    kind: *kind,
                };
                let split = label_mark(i, *kind, *label);
                // The slots the signature that follows takes: the blank line,
                // its name's lines and the date.
                let signature = match (items.get(i + 1), items.get(i + 2)) {
                    (Some(Item::Blank), Some(Item::Signature { name, date })) => {
                        Some(1 + name.1.len() + usize::from(date.is_some()))
                    }
                    _ => None,
                };
                for (li, l) in lines.iter().enumerate() {
                    let slots_left = ((H - flow.slot_y()) / PITCH + 0.01).floor() as usize;
                    if !heading && goes_over(li, n, slots_left, signature) {
                        flow.new_page();
                    }
                    let x = if *center {
                        LEFT + (W - l.width) / 2.0
                    } else {
                        LEFT
                    };
                    match split {
                        Some((glyphs, label)) if li == 0 => {
                            flow.line_split(styled, l, x, (label, glyphs, mark))
                        }
                        _ => flow.line(styled, l, x, mark),
                    }
                }
            }
            Item::Table(t) => flow.table(t),
            Item::Signature { name, date } => {
                let mark = Mark::Block {
                    item: i,
                    kind: Kind::Paragraph,
                };
                for l in &name.1 {
                    flow.line(&name.0, l, LEFT + name.2, mark);
                }
                if let Some(d) = date {
                    flow.line(&d.0, &d.1, LEFT + d.2, mark);
                }
            }
        }
    }
    flow.pages
}

/// Whether line `li` of an `n`-line paragraph goes over to the next page
/// with `slots_left` lines left on this one (`signature`: the slots the
/// signature right after the paragraph takes).
fn goes_over(li: usize, n: usize, slots_left: usize, signature: Option<usize>) -> bool {
    let left = n - li;
    if li == 0 && n >= 2 && slots_left == 1 {
        // Orphan: a paragraph does not start on the last line.
        true
    } else if li == 0 && n == 3 && slots_left == 2 {
        // Three lines on two slots: a lone line would be left on one page
        // or the other; all three go over.
        true
    } else if li >= 2 && left == 2 && slots_left == 1 {
        // Widow: the last line does not stand alone on the next page; the
        // last two go over together, leaving one grid line empty here.
        true
    } else if let Some(sig) = signature {
        // The signature does not stand alone: the last two lines go over
        // with it (a name of four lines and the date take six slots with
        // the blank line). A shorter paragraph goes over whole
        // ([`keep_need`]).
        n > SHORT_LAST && left == 2 && slots_left >= left && slots_left < left + sig
    } else {
        false
    }
}

/// A list item's label, tagged apart from its text: the label's glyphs
/// and its mark, for item `i` of `kind` whose first `label` glyphs are it.
fn label_mark(i: usize, kind: Kind, label: usize) -> Option<(usize, Mark)> {
    match kind {
        Kind::ListItem {
            list,
            entry,
            within,
            numbering,
        } if label > 0 => Some((
            label,
            Mark::Block {
                item: i,
                kind: Kind::Label {
                    list,
                    entry,
                    within,
                    numbering,
                },
            },
        )),
        _ => None,
    }
}

/// Height that must fit on the page before item `i` starts: headings keep
/// with what follows, the signature keeps together.
fn keep_need(items: &[Item<'_>], i: usize) -> f32 {
    match &items[i] {
        Item::Lines {
            lines,
            heading: true,
            ..
        } => {
            let own = lines.len() as f32 * PITCH;
            own + match items.get(i + 1) {
                Some(Item::Lines { heading: true, .. }) => keep_need(items, i + 1),
                Some(Item::Lines { .. }) => paragraph_head(items, i + 1),
                Some(Item::Table(t)) => t.first_chunk() + 2.0 * TABLE_GAP,
                _ => 0.0,
            }
        }
        // A last paragraph of up to three lines goes over with the signature.
        Item::Lines { lines, .. } if lines.len() <= SHORT_LAST && signs_after(items, i) => {
            paragraph_head(items, i)
        }
        Item::Blank if matches!(items.get(i + 1), Some(Item::Signature { .. })) => {
            PITCH + keep_need(items, i + 1)
        }
        Item::Signature { name, date } => {
            (name.1.len() + usize::from(date.is_some())) as f32 * PITCH
        }
        _ => 0.0,
    }
}

/// Whether the signature follows item `i` (after the blank line before it).
fn signs_after(items: &[Item<'_>], i: usize) -> bool {
    matches!(items.get(i + 1), Some(Item::Blank))
        && matches!(items.get(i + 2), Some(Item::Signature { .. }))
}

/// The longest last paragraph that goes over with the signature whole, when
/// both do not fit: three lines (two going over would leave a lone line).
const SHORT_LAST: usize = 3;

/// What must fit before paragraph `i` starts: its first two lines (all
/// three of a three-line paragraph), or all of it with the blank line and
/// the signature when it is the last
/// paragraph and that short ([`SHORT_LAST`]), so that the signature never
/// stands alone on a page.
fn paragraph_head(items: &[Item<'_>], i: usize) -> f32 {
    let Some(Item::Lines { lines, .. }) = items.get(i) else {
        return 0.0;
    };
    if lines.len() <= SHORT_LAST && signs_after(items, i) {
        lines.len() as f32 * PITCH + keep_need(items, i + 1)
    } else if lines.len() == 3 {
        // Three lines never start on two slots ([`goes_over`]): a heading
        // kept with two of them was left alone at the foot (issue 77.5).
        3.0 * PITCH
    } else {
        lines.len().min(2) as f32 * PITCH
    }
}

/// The page flow: a cursor down the type area.
struct Flow {
    pages: Vec<Vec<Draw>>,
    /// Distance from the top of the type area.
    y: f32,
}

impl Flow {
    /// Sets table `t` from the current line: on a new page unless its head
    /// and first rows fit here, split across pages where it must.
    fn table(&mut self, t: &table::Table<'_>) {
        if self.y > 0.0 && self.slot_y() + t.first_chunk() + 2.0 * TABLE_GAP > H + 0.01 {
            self.new_page();
        }
        let room = H - self.slot_y() - 2.0 * TABLE_GAP;
        let parts = t.split(room, H - 2.0 * TABLE_GAP);
        for (pi, part) in parts.iter().enumerate() {
            if pi > 0 {
                self.new_page();
            }
            let y0 = TOP + self.slot_y() + TABLE_GAP;
            let bottom = t.draw(self.page(), LEFT, y0, *part);
            self.y = bottom - TOP + TABLE_GAP;
        }
    }

    fn page(&mut self) -> &mut Vec<Draw> {
        self.pages.last_mut().expect("a page")
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = 0.0;
    }

    /// The next grid line at or below the cursor.
    fn slot_y(&self) -> f32 {
        (self.y / PITCH - 0.001).ceil().max(0.0) * PITCH
    }

    /// Sets one line on the next grid line, starting a page when full;
    /// `mark` says what it is.
    fn line(&mut self, s: &Styled, l: &SetLine, x: f32, mark: Mark) {
        let base = self.next_baseline(s);
        self.page().push(Draw::Mark(mark));
        draw::set_text(self.page(), s, l, x, base);
    }

    /// [`Flow::line`] for a line whose first `glyphs` are marked `first`
    /// and the rest `rest` (a list item's label and its text).
    fn line_split(&mut self, s: &Styled, l: &SetLine, x: f32, marks: (Mark, usize, Mark)) {
        let (first, glyphs, rest) = marks;
        let base = self.next_baseline(s);
        self.page().push(Draw::Mark(first));
        draw::set_text_split(self.page(), s, l, (x, base), Some((l.start + glyphs, rest)));
    }

    /// The baseline of the next grid line for text of `s`'s size, starting
    /// a page when full; the cursor moves below that line.
    fn next_baseline(&mut self, s: &Styled) -> f32 {
        if self.slot_y() + PITCH > H + 0.01 {
            self.new_page();
        }
        let top = self.slot_y();
        self.y = top + PITCH;
        // The character's em box centred in the line.
        TOP + top + (PITCH - s.size) / 2.0 + 0.88 * s.size
    }
}
