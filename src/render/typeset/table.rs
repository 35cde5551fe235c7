//! Tables from the shared [`Grid`]: column widths, cell text, row heights and
//! splitting across pages.

use super::draw::{Draw, set_line};
use super::fonts::{Fonts, Metrics, Role};
use super::linebreak::{self, SetLine, Styled};
use super::tags::Mark;
use crate::grid::{Align, CellKind, Grid, TableId};
use crate::render::layout::table::{cell_align, plan};

/// Vertical padding inside a cell.
const VPAD: f32 = 3.5;
/// Fewest body rows a table starts a page with (fewer: it starts on the
/// next page): its head and two rows go together, and the page before a
/// table is used to its foot (issue 62: before, four rows, and 6 to 8
/// empty lines at the foot of the page before table 三).
const MIN_ROWS: usize = 2;
/// Fewest body rows a table continues with on a new page, when the part
/// before can spare them.
const MIN_TAIL: usize = 3;
/// The most of a page a table's part may leave unused so that no merged
/// label cut by the break needs its rows stretched: a grid line and a half
/// (with the gap under the table, the foot keeps at most two lines free).
const MOVE_UP: f32 = super::PITCH * 1.5;
/// Border width.
pub(crate) const RULE: f32 = 0.6;

/// A cell's text, broken into lines.
struct CellText {
    styled: Styled,
    lines: Vec<SetLine>,
    align: Align,
}

impl CellText {
    fn height(&self, lh: f32) -> f32 {
        self.lines.len() as f32 * lh
    }
}

/// A table laid out at a fixed width.
pub(crate) struct Table<'g> {
    grid: &'g Grid,
    size: f32,
    /// Horizontal padding at each side of a cell.
    pad: f32,
    lh: f32,
    /// Column edges, `columns + 1` of them, from 0.
    col_x: Vec<f32>,
    /// Row heights.
    row_h: Vec<f32>,
    texts: Vec<CellText>,
    /// Body rows grouped into units that are never split.
    groups: Vec<(usize, usize)>,
}

/// The role a cell's text is set in.
pub(super) fn cell_role(kind: CellKind) -> Role {
    match kind {
        CellKind::Header | CellKind::Title => Role::Hei,
        CellKind::Label | CellKind::Data => Role::Body,
    }
}

fn shape_cells(grid: &Grid, fonts: &Fonts, m: &Metrics, size: f32) -> Vec<Styled> {
    grid.cells
        .iter()
        .map(|c| {
            let mut s = linebreak::shape(fonts, m, cell_role(c.kind), size, 0.0, &c.text);
            // Labels break at words, never inside 社会/公益/组织.
            s.join_words(&c.text);
            s
        })
        .collect()
}

/// Breaks a cell's text into balanced lines: the narrowest measure that
/// needs no more lines than `width` does, so that a two-line label is split
/// near its middle rather than leaving a word or a character alone.
fn balanced_lines(s: &Styled, width: f32, justify: linebreak::Justify) -> Vec<SetLine> {
    let lines = linebreak::break_lines(s, width, 0.0, justify);
    if lines.len() < 2 {
        return lines;
    }
    let floor = linebreak::min_width(s);
    let (mut lo, mut hi) = (floor.min(width), width);
    for _ in 0..14 {
        let mid = (lo + hi) / 2.0;
        if linebreak::break_lines(s, mid, 0.0, justify).len() <= lines.len() {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    let balanced = linebreak::break_lines(s, hi, 0.0, justify);
    if balanced.len() <= lines.len() {
        balanced
    } else {
        lines
    }
}

impl<'g> Table<'g> {
    /// Lays out `grid` at `width` points.
    pub(crate) fn new(grid: &'g Grid, fonts: &Fonts, m: &Metrics, width: f32) -> Table<'g> {
        // The first step whose unbreakable pieces fit the width
        // (`layout::table::plan`): figures are never broken.
        let mut shaped: Vec<(f32, Vec<Styled>)> = Vec::new();
        let plan = plan(grid, width, 1.0, |size| {
            let styled = shape_cells(grid, fonts, m, size);
            let measures = measures(&styled);
            shaped.push((size, styled));
            measures
        });
        let (size, pad, col_x) = (plan.size, plan.pad, plan.edges);
        let styled = match shaped.into_iter().rev().find(|(s, _)| *s == size) {
            Some((_, styled)) => styled,
            None => shape_cells(grid, fonts, m, size),
        };
        let lh = (size * 1.3).round();
        let texts: Vec<CellText> = grid
            .cells
            .iter()
            .zip(styled)
            .map(|(c, s)| {
                let w = col_x[c.col + c.colspan] - col_x[c.col] - 2.0 * pad;
                let align = cell_align(c);
                let justify = if align == Align::Left {
                    linebreak::Justify::UpTo(1.0)
                } else {
                    linebreak::Justify::No
                };
                let lines = balanced_lines(&s, w, justify);
                CellText {
                    styled: s,
                    lines,
                    align,
                }
            })
            .collect();
        // Row heights: single-row cells first, then spans.
        let min_h = (size * 1.9).round();
        let mut row_h = vec![min_h; grid.rows];
        for (c, t) in grid.cells.iter().zip(&texts) {
            if c.rowspan == 1 {
                row_h[c.row] = row_h[c.row].max(t.height(lh) + 2.0 * VPAD);
            }
        }
        for (c, t) in grid.cells.iter().zip(&texts) {
            if c.rowspan > 1 {
                let need = t.height(lh) + 2.0 * VPAD;
                let have: f32 = row_h[c.row..c.row + c.rowspan].iter().sum();
                if need > have {
                    let add = (need - have) / c.rowspan as f32;
                    for h in &mut row_h[c.row..c.row + c.rowspan] {
                        *h += add;
                    }
                }
            }
        }
        let groups = groups(grid);
        Table {
            grid,
            size,
            pad,
            lh,
            col_x,
            row_h,
            texts,
            groups,
        }
    }

    /// Stretches the rows (by a fraction of a point each, in a long table)
    /// so that the table with `gap` above and below takes a whole number of
    /// grid lines of `pitch`: text after every table then starts the same
    /// distance below it.
    pub(crate) fn fit_grid(&mut self, pitch: f32, gap: f32) {
        let total: f32 = self.row_h.iter().sum::<f32>() + 2.0 * gap;
        let lines = (total / pitch - 0.001).ceil();
        let extra = lines * pitch - total;
        if extra > 0.0 && !self.row_h.is_empty() {
            let each = extra / self.row_h.len() as f32;
            for h in &mut self.row_h {
                *h += each;
            }
        }
    }

    /// The table's size, column edges and row heights, as it is set.
    pub(crate) fn shape(&self) -> super::TableShape {
        super::TableShape {
            id: self.grid.id,
            size: self.size,
            pad: self.pad,
            edges: self.col_x.clone(),
            rows: self.row_h.clone(),
        }
    }

    /// Height of the repeated header.
    fn header_h(&self) -> f32 {
        self.row_h[..self.grid.header_rows].iter().sum()
    }

    fn rows_h(&self, a: usize, b: usize) -> f32 {
        self.row_h[a..b].iter().sum()
    }

    /// Height of the header plus the first groups holding at least
    /// [`MIN_ROWS`] body rows (or the whole body): what must fit on a page
    /// for the table to start there, and under a heading. A table that would
    /// start at a page foot with its tall head and a row or two starts on
    /// the next page instead.
    pub(crate) fn first_chunk(&self) -> f32 {
        let Some(&(first, _)) = self.groups.first() else {
            return self.header_h();
        };
        let end = self
            .groups
            .iter()
            .map(|g| g.1)
            .find(|&e| e - first >= MIN_ROWS)
            .unwrap_or(self.grid.rows);
        self.header_h() + self.rows_h(first, end)
    }

    /// Height each cell's text needs.
    fn need(&self, i: usize) -> f32 {
        self.texts[i].height(self.lh) + 2.0 * VPAD
    }

    /// Splits the body into page parts (see [`MIN_ROWS`], [`MIN_TAIL`]). `first` is the room left on the
    /// current page, `full` a page's height. Returns `(start, end)` row ranges.
    pub(crate) fn split(&self, first: f32, full: f32) -> Vec<(usize, usize)> {
        let mut parts = Vec::new();
        let mut gi = 0;
        let mut room = first;
        let row_of = |e: usize| self.groups.get(e).map_or(self.grid.rows, |g| g.0);
        while gi < self.groups.len() {
            let start = self.groups[gi].0;
            // The most groups that fit, at least one, their merged labels
            // stretched where the break cuts them short.
            let mut end_g = gi + 1;
            while end_g < self.groups.len() && self.part_h(start, row_of(end_g + 1)) <= room + 0.01
            {
                end_g += 1;
            }
            // A continuation of one or two rows under a repeated head: the
            // break moves up so that at least MIN_TAIL rows go over, when
            // this part keeps at least MIN_ROWS.
            if end_g < self.groups.len() {
                let tail = |e: usize| self.grid.rows - self.groups[e].0;
                if tail(end_g) < MIN_TAIL
                    && let Some(e) = (gi + 1..end_g)
                        .rev()
                        .find(|&e| tail(e) >= MIN_TAIL && self.groups[e].0 - start >= MIN_ROWS)
                {
                    end_g = e;
                }
            }
            // Move the break up so that merged labels crossing it keep room
            // for their text on both sides without stretching their rows,
            // when the page then leaves at most [`MOVE_UP`] unused (else the
            // break stays, and the cut label's rows are stretched to hold
            // its text; issue 62: 4.6 empty lines were left before).
            if end_g < self.groups.len() && !self.break_ok(self.groups[end_g].0) {
                let up = (gi + 1..end_g)
                    .rev()
                    .find(|&e| self.break_ok(self.groups[e].0))
                    .filter(|&e| room - self.part_h(start, row_of(e)) <= MOVE_UP);
                if let Some(e) = up {
                    end_g = e;
                }
            }
            parts.push((start, row_of(end_g)));
            gi = end_g;
            room = full;
        }
        parts
    }

    /// Height of a page part holding body rows `start..end` under the
    /// repeated head, as drawn ([`Table::part_heights`]).
    fn part_h(&self, start: usize, end: usize) -> f32 {
        self.header_h()
            + self.part_heights((start, end))[start..end]
                .iter()
                .sum::<f32>()
    }

    /// Each row's height on a page holding body rows `rows`: its own, except
    /// that the rows of a merged label cut short by the page break are
    /// stretched evenly until its text fits (innermost labels first).
    fn part_heights(&self, rows: (usize, usize)) -> Vec<f32> {
        let mut heights = self.row_h.clone();
        let mut cut: Vec<(usize, usize, usize)> = self
            .grid
            .cells
            .iter()
            .enumerate()
            .filter(|(_, c)| c.rowspan > 1 && c.row >= self.grid.header_rows)
            .filter_map(|(i, c)| {
                let (a, b) = (c.row.max(rows.0), (c.row + c.rowspan).min(rows.1));
                (a < b && b - a < c.rowspan).then_some((i, a, b))
            })
            .collect();
        cut.sort_by_key(|&(_, a, b)| b - a);
        for (i, a, b) in cut {
            let have: f32 = heights[a..b].iter().sum();
            let need = self.need(i);
            if need > have {
                let add = (need - have) / (b - a) as f32;
                for h in &mut heights[a..b] {
                    *h += add;
                }
            }
        }
        heights
    }

    /// Whether a page break before body row `r` leaves every merged cell
    /// crossing it enough height on each side.
    fn break_ok(&self, r: usize) -> bool {
        self.grid.cells.iter().enumerate().all(|(i, c)| {
            if c.row >= r || c.row + c.rowspan <= r {
                return true;
            }
            let need = self.need(i);
            self.rows_h(c.row, r) >= need && self.rows_h(r, c.row + c.rowspan) >= need
        })
    }

    /// Draws the header and body rows `rows` with the top edge at `y`; `x`
    /// is the left edge. Returns the bottom edge.
    pub(crate) fn draw(&self, out: &mut Vec<Draw>, x: f32, y: f32, rows: (usize, usize)) -> f32 {
        let g = self.grid;
        // Row tops on this page.
        let mut shown: Vec<usize> = (0..g.header_rows).collect();
        shown.extend(rows.0.max(g.header_rows)..rows.1);
        let row_h = self.part_heights((rows.0.max(g.header_rows), rows.1));
        let mut top = vec![f32::NAN; g.rows + 1];
        let mut yy = y;
        for &r in &shown {
            top[r] = yy;
            yy += row_h[r];
        }
        let bottom = yy;
        let mut hlines: Vec<(f32, f32, f32)> = Vec::new();
        let mut vlines: Vec<(f32, f32, f32)> = Vec::new();
        for (i, c) in g.cells.iter().enumerate() {
            let vis: Vec<usize> = shown
                .iter()
                .copied()
                .filter(|&r| r >= c.row && r < c.row + c.rowspan)
                .collect();
            let (Some(&r0), Some(&r1)) = (vis.first(), vis.last()) else {
                continue;
            };
            let x0 = x + self.col_x[c.col];
            let x1 = x + self.col_x[c.col + c.colspan];
            let y0 = top[r0];
            let y1 = top[r1] + row_h[r1];
            hlines.push((y0, x0, x1));
            hlines.push((y1, x0, x1));
            vlines.push((x0, y0, y1));
            vlines.push((x1, y0, y1));
            // A cell drawn again on a continuation page (the header, a
            // label spanning the break) is an artifact the second time.
            let first = c.row >= rows.0.max(g.header_rows)
                || (c.row < g.header_rows && rows.0 <= g.header_rows);
            out.push(Draw::Mark(if first {
                Mark::cell(g.id, i, c)
            } else {
                Mark::Artifact
            }));
            self.draw_text(out, i, x0, x1, y0, y1);
        }
        for (yv, a, b) in merge(hlines) {
            out.push(set_line(a, yv, b, yv, RULE));
        }
        for (xv, a, b) in merge(vlines) {
            out.push(set_line(xv, a, xv, b, RULE));
        }
        bottom
    }

    fn draw_text(&self, out: &mut Vec<Draw>, i: usize, x0: f32, x1: f32, y0: f32, y1: f32) {
        let t = &self.texts[i];
        if t.lines.is_empty() {
            return;
        }
        let h = t.height(self.lh);
        let pad = self.pad;
        let inner_w = x1 - x0 - 2.0 * pad;
        let mut top = y0 + ((y1 - y0) - h) / 2.0;
        // Baseline inside a line box: ideographic em box centred.
        let base = (self.lh - self.size) / 2.0 + 0.88 * self.size;
        for l in &t.lines {
            let lx = match t.align {
                Align::Left => x0 + pad,
                Align::Center => x0 + pad + (inner_w - l.width) / 2.0,
                Align::Right => x1 - pad - l.width,
            };
            super::draw::set_text(out, &t.styled, l, lx, top + base);
            top += self.lh;
        }
    }
}

/// Merges collinear segments `(at, from, to)` into maximal ones.
fn merge(mut segs: Vec<(f32, f32, f32)>) -> Vec<(f32, f32, f32)> {
    let q = |v: f32| (v * 100.0).round() as i64;
    // Stable, each key computed once.
    segs.sort_by_cached_key(|&(at, a, b)| (q(at), q(a), q(b)));
    let mut out: Vec<(f32, f32, f32)> = Vec::new();
    for (at, a, b) in segs {
        if let Some(last) = out.last_mut()
            && q(last.0) == q(at)
            && q(a) <= q(last.2)
        {
            last.2 = last.2.max(b);
            continue;
        }
        out.push((at, a, b));
    }
    out
}

/// Body rows grouped into units kept on one page: in section 二 a title row,
/// its header row and its data rows; elsewhere single rows.
fn groups(grid: &Grid) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut r = grid.header_rows;
    while r < grid.rows {
        let mut end = r + 1;
        if grid.id == TableId::Table2 || starts_with_title(grid, r) {
            while end < grid.rows && !starts_with_title(grid, end) {
                end += 1;
            }
        }
        out.push((r, end));
        r = end;
    }
    out
}

fn starts_with_title(grid: &Grid, r: usize) -> bool {
    grid.row_cells(r).any(|c| c.kind == CellKind::Title)
}

/// Each cell's `(whole width, widest unbreakable piece)` as shaped.
fn measures(styled: &[Styled]) -> Vec<(f32, f32)> {
    styled
        .iter()
        .map(|s| (s.width(0..s.glyphs.len()), linebreak::min_width(s)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edition, official};
    use crate::render::typeset::draw::Rule;
    use std::collections::BTreeSet;

    fn setup(grid: &Grid) -> (Fonts, std::sync::Arc<Metrics>) {
        let fonts = Fonts::load(&Default::default()).expect("bundled fonts");
        let chars: BTreeSet<char> = grid.cells.iter().flat_map(|c| c.text.chars()).collect();
        let m = fonts.metrics(&chars);
        (fonts, m)
    }

    /// Calls `f` with `grid` set in a type area 442 pt wide.
    fn with_table(grid: &Grid, f: impl FnOnce(&Table<'_>)) {
        let (fonts, m) = setup(grid);
        f(&Table::new(grid, &fonts, &m, 442.0));
    }

    /// Calls `f` with each table of both editions' sample reports, set in a
    /// type area 442 pt wide.
    fn each_sample_table(mut f: impl FnMut(&Grid, &Table<'_>)) {
        for grid in [Edition::E2021, Edition::E2019]
            .into_iter()
            .flat_map(|e| crate::grid::tables(&crate::testutil::report(e)))
        {
            with_table(&grid, |t| f(&grid, t));
        }
    }

    /// Calls `f` with 表三 of the 2021 edition's sample report, set in a
    /// type area 442 pt wide.
    fn with_table3(f: impl FnOnce(&Grid, &Table<'_>)) {
        let grid = crate::grid::table3(&crate::testutil::report(Edition::E2021));
        with_table(&grid, |t| f(&grid, t));
    }

    fn drawn_text(ops: &[Draw]) -> String {
        let mut s = String::new();
        for op in ops {
            if let Draw::Text { pieces, .. } = op {
                for p in pieces {
                    if let crate::render::typeset::Piece::Text(t) = p {
                        s.push_str(t);
                    }
                }
            }
        }
        s
    }

    #[test]
    fn wide_tables_fit_the_type_area() {
        each_sample_table(|grid, t| {
            assert!((t.col_x[grid.columns] - 442.0).abs() < 0.01);
            assert_eq!(t.size, 10.5, "{:?} at 5号", grid.id);
            // Every cell's lines fit its box.
            for (c, txt) in grid.cells.iter().zip(&t.texts) {
                let w = t.col_x[c.col + c.colspan] - t.col_x[c.col] - 2.0 * t.pad;
                for l in &txt.lines {
                    assert!(l.width <= w + 0.01, "{:?} overflows", c.text);
                }
            }
        });
    }

    #[test]
    fn labels_break_at_words_and_leave_no_character_alone() {
        each_sample_table(|grid, t| {
            for (c, txt) in grid.cells.iter().zip(&t.texts) {
                let lines: Vec<String> = txt
                    .lines
                    .iter()
                    .map(|l| linebreak::line_text(&txt.styled, l))
                    .collect();
                if lines.len() < 2 {
                    continue;
                }
                for l in &lines {
                    // An enumerator on its own line (三、 over 本年度) is how
                    // the official table prints a tall label.
                    if l.ends_with('、') || l.ends_with('）') && l.starts_with('（') {
                        continue;
                    }
                    let solid = l.chars().filter(|ch| ch.is_alphanumeric()).count();
                    assert!(solid >= 2, "{:?} leaves {l:?} alone: {lines:?}", c.text);
                }
                for bad in ["社会公", "法律服", "本年/度", "办/理"] {
                    assert!(!lines.join("/").contains(bad), "{lines:?}");
                }
            }
        });
    }

    #[test]
    fn split_tables_repeat_header_and_merged_label() {
        with_table3(|grid, t| {
            let parts = t.split(t.first_chunk() + 150.0, 637.0);
            assert!(parts.len() >= 2, "{parts:?}");
            assert_eq!(parts[0].0, grid.header_rows);
            for w in parts.windows(2) {
                assert_eq!(w[0].1, w[1].0, "rows are neither lost nor repeated");
            }
            assert_eq!(parts.last().unwrap().1, grid.rows);
            let label: String = official::T3_RESULTS_LABEL.chars().collect();
            for part in &parts[1..] {
                let mut ops = Vec::new();
                t.draw(&mut ops, 0.0, 0.0, *part);
                let s = drawn_text(&ops);
                assert!(s.contains(official::T3_APPLICANTS), "header repeated");
                if grid
                    .cells
                    .iter()
                    .any(|c| c.text == label && c.row < part.0 && part.0 < c.row + c.rowspan)
                {
                    assert!(s.contains(&label), "continuing label repeated");
                }
            }
        });
    }

    #[test]
    fn a_break_fills_the_page_and_stretches_a_label_it_cuts_short() {
        // Issue 62: a break that cut a merged label short moved up until the
        // label fitted on both sides, leaving up to 4.6 lines empty.
        with_table3(|grid, t| {
            let tallest = t.row_h.iter().copied().fold(0.0, f32::max);
            let mut stretched = 0;
            for step in 0..60 {
                let room = t.first_chunk() + 7.0 * step as f32;
                let parts = t.split(room, 637.0);
                let (a, b) = parts[0];
                if b < grid.rows {
                    let unused = room - t.part_h(a, b);
                    assert!(
                        unused <= MOVE_UP + tallest + 0.01,
                        "room {room}: {unused} unused"
                    );
                }
                for &(a, b) in &parts {
                    let h = t.part_heights((a, b));
                    for (i, c) in grid.cells.iter().enumerate() {
                        let (top, end) = (c.row.max(a), (c.row + c.rowspan).min(b));
                        if c.rowspan > 1 && c.row >= grid.header_rows && top < end {
                            let have: f32 = h[top..end].iter().sum();
                            assert!(have + 0.01 >= t.need(i), "{:?} in {a}..{b}", c.text);
                            if have > t.rows_h(top, end) + 0.01 {
                                stretched += 1;
                            }
                        }
                    }
                }
            }
            assert!(stretched > 0, "no placement cut a label short");
        });
    }

    #[test]
    fn merged_cells_have_no_inner_lines() {
        with_table3(|grid, t| {
            let mut ops = Vec::new();
            t.draw(&mut ops, 0.0, 0.0, (grid.header_rows, grid.rows));
            // Column 0 of the 22-row result label: no horizontal rule crosses
            // it between its top and bottom.
            let c = grid
                .cells
                .iter()
                .find(|c| c.text == official::T3_RESULTS_LABEL)
                .unwrap();
            let top: f32 = t.row_h[..c.row].iter().sum();
            let bottom: f32 = top + t.row_h[c.row..c.row + c.rowspan].iter().sum::<f32>();
            let mid_x = (t.col_x[0] + t.col_x[1]) / 2.0;
            for op in &ops {
                if let Draw::Line(Rule { x1, y1, x2, y2, .. }) = op
                    && (y1 - y2).abs() < 0.01
                    && *y1 > top + 0.5
                    && *y1 < bottom - 0.5
                {
                    assert!(
                        !(x1.min(*x2) < mid_x && x1.max(*x2) > mid_x),
                        "rule at y={y1}"
                    );
                }
            }
        });
    }
}
