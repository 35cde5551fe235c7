//! Text layout: the glyphs of a page rebuilt into lines (by baseline), the
//! lines and ruled tables put in reading order, and running lines re-joined
//! into paragraphs where a PDF broke them at the page width.

use super::MAX_TABLES;
use super::columns::{self, Cells};
use super::page::{Glyph, Page, join};
use super::rules::{self, Table};
use crate::import::lines::Extracted;
use crate::import::norm;

/// A running line of a page, before paragraphs are rebuilt.
struct Running {
    /// The text, cells separated by tabs.
    text: String,
    /// Where it is (`第 3 页第 14 行`).
    place: String,
    /// Whether it starts at the page's left margin (not indented).
    at_margin: bool,
    /// Whether it runs to the page's right margin (a paragraph that goes on).
    to_right: bool,
}

/// The extracted text as it is built: running lines are joined into
/// paragraphs where a line runs to the right margin and the next one starts
/// at the left margin (also across pages), as a PDF breaks a paragraph at the
/// page width.
#[derive(Default)]
pub(super) struct Flow {
    /// What has been extracted so far.
    pub(super) out: Extracted,
    /// The last running line, while the next may continue it.
    pending: Option<Running>,
}

impl Flow {
    /// Adds the pending running line to the output.
    pub(super) fn flush(&mut self) {
        if let Some(p) = self.pending.take() {
            self.out.push_text(&p.text, p.place);
        }
    }

    /// Flushes the pending line and returns what was extracted.
    pub(super) fn finish(mut self) -> Extracted {
        self.flush();
        self.out
    }

    /// Takes a running line: continues the pending paragraph or starts one.
    fn line(&mut self, line: Running) {
        let numbered = {
            let c = norm::canon(&line.text);
            norm::split_numbering(&c).0.is_some()
        };
        match &mut self.pending {
            Some(p)
                if p.to_right
                    && line.at_margin
                    && !numbered
                    && !p.text.contains('\t')
                    && !line.text.contains('\t') =>
            {
                p.text.push_str(&line.text);
                p.to_right = line.to_right;
            }
            _ => {
                self.flush();
                self.pending = Some(line);
            }
        }
    }
}

/// Whether a line holds only a page number (`- 3 -`, `第 3 页`, `3/10`).
fn page_number(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    !t.is_empty()
        && t.chars().any(|c| c.is_ascii_digit())
        && t.chars().all(|c| {
            c.is_ascii_digit() || matches!(c, '-' | '—' | '－' | '第' | '页' | '共' | '/' | '／')
        })
}

/// Numbers the lines of a page: glyphs sorted top to bottom, a new line
/// where the baseline moves by more than a third of the text size.
fn number_lines(glyphs: &mut [Glyph]) {
    glyphs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x0.total_cmp(&b.x0)));
    let mut line = 0;
    let mut base: Option<(f64, f64)> = None;
    for g in glyphs {
        match base {
            Some((y, size)) if (y - g.y).abs() <= size.max(g.size) * 0.35 => {}
            _ => {
                line += 1;
                base = Some((g.y, g.size));
            }
        }
        g.line = line;
    }
}

/// An item of a page in reading order.
enum Item {
    /// A running line, by number.
    Line(usize),
    /// A ruled table, by index.
    Table(usize),
}

/// The left and right margins of the running text.
struct Margins {
    left: f64,
    right: f64,
}

/// Rebuilds the lines and tables of a page and adds them to `flow`.
pub(super) fn layout(flow: &mut Flow, page_no: usize, mut page: Page) {
    number_lines(&mut page.glyphs);
    let glyphs = page.glyphs;
    let mut tables = rules::tables(&page.segments);
    tables.truncate(MAX_TABLES);
    let in_table: Vec<Option<usize>> = glyphs
        .iter()
        .map(|g| tables.iter().position(|t| t.contains(g)))
        .collect();
    let items = reading_order(&glyphs, &in_table, &tables);
    let last_line = glyphs.last().map_or(0, |g| g.line);
    // Running glyphs and table glyphs, grouped once.
    let mut by_line: Vec<Vec<&Glyph>> = vec![Vec::new(); last_line + 1];
    let mut by_table: Vec<Vec<&Glyph>> = vec![Vec::new(); tables.len()];
    for (g, t) in glyphs.iter().zip(&in_table) {
        match t {
            Some(k) => by_table[*k].push(g),
            None => by_line[g.line].push(g),
        }
    }
    // Margins of the running text.
    let running = || {
        glyphs
            .iter()
            .zip(&in_table)
            .filter(|(_, t)| t.is_none())
            .map(|(g, _)| g)
    };
    let margins = Margins {
        left: running().map(|g| g.x0).fold(f64::INFINITY, f64::min),
        right: running().map(|g| g.x1).fold(f64::NEG_INFINITY, f64::max),
    };
    // Running lines cut into cells, the short rows of borderless tables
    // placed under their columns.
    let mut cut: Vec<Option<Cells<'_>>> = by_line
        .into_iter()
        .map(|parts| (!parts.is_empty()).then(|| cells(parts)))
        .collect();
    columns::place(&mut cut);
    for item in items {
        match item {
            Item::Line(l) => {
                let Some(cells) = cut[l].take() else { continue };
                let edge = l == 1 || l == last_line;
                running_line(flow, page_no, l, &cells, edge, &margins);
            }
            Item::Table(k) => {
                flow.flush();
                rules::table_rows(&mut flow.out, page_no, &tables[k], &by_table[k]);
            }
        }
    }
}

/// The running lines and tables of a page, top to bottom.
fn reading_order(glyphs: &[Glyph], in_table: &[Option<usize>], tables: &[Table]) -> Vec<Item> {
    let mut items: Vec<(f64, Item)> = Vec::new();
    let mut seen_line = 0;
    for (i, g) in glyphs.iter().enumerate() {
        if in_table[i].is_none() && g.line != seen_line {
            seen_line = g.line;
            items.push((g.y, Item::Line(g.line)));
        }
    }
    for (k, t) in tables.iter().enumerate() {
        items.push((t.top(), Item::Table(k)));
    }
    items.sort_by(|a, b| b.0.total_cmp(&a.0));
    items.into_iter().map(|(_, item)| item).collect()
}

/// The glyphs of a running line, left to right, cut into cells where the
/// gap is wide (a table without rules).
fn cells(mut parts: Vec<&Glyph>) -> Cells<'_> {
    parts.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    let mut chunks: Cells<'_> = Vec::new();
    for g in parts {
        match chunks.last_mut() {
            Some(c) if g.x0 - c[c.len() - 1].x1 <= 1.5 * g.size.max(c[c.len() - 1].size) => {
                c.push(g);
            }
            _ => chunks.push(vec![g]),
        }
    }
    chunks
}

/// Adds running line `l` of a page, made of `cells` (an empty one is a
/// blank placed under its column); `edge` says it is the first or last
/// line, where a page number is left out.
fn running_line(
    flow: &mut Flow,
    page_no: usize,
    l: usize,
    cells: &Cells<'_>,
    edge: bool,
    margins: &Margins,
) {
    let text = cells.iter().map(|c| join(c)).collect::<Vec<_>>().join("\t");
    if edge && page_number(&text) {
        return;
    }
    let (Some(first), Some(last)) = (cells.iter().flatten().next(), cells.iter().flatten().last())
    else {
        return;
    };
    flow.line(Running {
        text,
        place: format!("第 {page_no} 页第 {l} 行"),
        at_margin: first.x0 <= margins.left + first.size * 0.5,
        to_right: last.x1 >= margins.right - last.size * 1.5,
    });
}
