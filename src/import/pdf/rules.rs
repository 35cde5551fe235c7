//! Ruling lines: the segments of a page grouped into tables (segments that
//! touch or cross), and a ruled table rebuilt into its grid of cells
//! (elementary cells between the rules, merged where a rule is missing).

use std::collections::HashMap;

use super::page::{Glyph, Segment, join};
use super::{MAX_GRID, RULE_TOL};
use crate::import::grid::{self, GridCell, VMerge};
use crate::import::lines::Extracted;

/// Sorted positions merged within [`RULE_TOL`].
fn cluster(mut v: Vec<f64>) -> Vec<f64> {
    v.sort_by(f64::total_cmp);
    let mut out: Vec<f64> = Vec::new();
    for x in v {
        match out.last() {
            Some(l) if x - l <= RULE_TOL => {}
            _ => out.push(x),
        }
    }
    out
}

/// A ruled table found on a page.
pub(super) struct Table {
    /// Column boundaries, left to right.
    xs: Vec<f64>,
    /// Row boundaries, top to bottom.
    ys: Vec<f64>,
    /// Vertical rules by column boundary (`xs` index).
    vertical: Vec<Vec<Segment>>,
    /// Horizontal rules by row boundary (`ys` index).
    horizontal: Vec<Vec<Segment>>,
}

impl Table {
    /// Whether the glyph's middle lies inside the table.
    pub(super) fn contains(&self, g: &Glyph) -> bool {
        let (x, y) = (g.cx(), g.cy());
        x > self.xs[0]
            && x < self.xs[self.xs.len() - 1]
            && y < self.ys[0]
            && y > self.ys[self.ys.len() - 1]
    }

    /// The top edge.
    pub(super) fn top(&self) -> f64 {
        self.ys[0]
    }

    /// Whether a vertical rule at boundary `i` crosses height `y`.
    fn has_v(&self, i: usize, y: f64) -> bool {
        self.vertical[i]
            .iter()
            .any(|s| s.lo - RULE_TOL <= y && y <= s.hi + RULE_TOL)
    }

    /// Whether a horizontal rule at boundary `j` crosses `x`.
    fn has_h(&self, j: usize, x: f64) -> bool {
        self.horizontal[j]
            .iter()
            .any(|s| s.lo - RULE_TOL <= x && x <= s.hi + RULE_TOL)
    }
}

/// The representative of `i` in a union-find forest.
fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// Joins the sets of `a` and `b` in a union-find forest.
fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        parent[ra.max(rb)] = ra.min(rb);
    }
}

/// Groups the ruling lines of a page into tables: lines that touch or cross
/// belong to one table; a table needs two columns and a row at least.
pub(super) fn tables(segments: &[Segment]) -> Vec<Table> {
    let n = segments.len();
    let mut parent: Vec<usize> = (0..n).collect();
    let touches = |a: &Segment, b: &Segment| -> bool {
        if a.vertical == b.vertical {
            (a.at - b.at).abs() <= RULE_TOL && a.lo <= b.hi + RULE_TOL && b.lo <= a.hi + RULE_TOL
        } else {
            a.lo - RULE_TOL <= b.at
                && b.at <= a.hi + RULE_TOL
                && b.lo - RULE_TOL <= a.at
                && a.at <= b.hi + RULE_TOL
        }
    };
    // Sorted by position along x (vertical) or by left end (horizontal), so
    // that only nearby pairs are compared.
    let mut order: Vec<usize> = (0..n).collect();
    let left = |s: &Segment| if s.vertical { s.at } else { s.lo };
    let right = |s: &Segment| if s.vertical { s.at } else { s.hi };
    order.sort_by(|&a, &b| left(&segments[a]).total_cmp(&left(&segments[b])));
    for (k, &i) in order.iter().enumerate() {
        let r = right(&segments[i]) + RULE_TOL;
        for &j in &order[k + 1..] {
            if left(&segments[j]) > r {
                break;
            }
            if touches(&segments[i], &segments[j]) {
                union(&mut parent, i, j);
            }
        }
    }
    let mut groups: HashMap<usize, Vec<Segment>> = HashMap::new();
    for (i, s) in segments.iter().enumerate() {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().push(*s);
    }
    let mut out = Vec::new();
    for segs in groups.into_values() {
        let (vertical, horizontal): (Vec<Segment>, Vec<Segment>) =
            segs.into_iter().partition(|s| s.vertical);
        let xs = cluster(vertical.iter().map(|s| s.at).collect());
        let mut ys = cluster(horizontal.iter().map(|s| s.at).collect());
        ys.reverse();
        if xs.len() < 3 || ys.len() < 2 || xs.len() > MAX_GRID.0 + 1 || ys.len() > MAX_GRID.1 + 1 {
            continue;
        }
        let nearest = |v: &[f64], at: f64| {
            v.iter()
                .enumerate()
                .min_by(|a, b| (a.1 - at).abs().total_cmp(&(b.1 - at).abs()))
                .map_or(0, |(i, _)| i)
        };
        let mut by_x = vec![Vec::new(); xs.len()];
        for s in vertical {
            by_x[nearest(&xs, s.at)].push(s);
        }
        let mut by_y = vec![Vec::new(); ys.len()];
        for s in horizontal {
            by_y[nearest(&ys, s.at)].push(s);
        }
        out.push(Table {
            xs,
            ys,
            vertical: by_x,
            horizontal: by_y,
        });
    }
    out
}

/// Rebuilds a ruled table: elementary cells between the rules, merged where
/// a rule is missing, each with the text inside it.
pub(super) fn table_rows(out: &mut Extracted, page_no: usize, t: &Table, glyphs: &[&Glyph]) {
    let (nx, ny) = (t.xs.len() - 1, t.ys.len() - 1);
    let id = |i: usize, j: usize| j * nx + i;
    let mut parent: Vec<usize> = (0..nx * ny).collect();
    for j in 0..ny {
        let ymid = (t.ys[j] + t.ys[j + 1]) / 2.0;
        for i in 0..nx {
            let xmid = (t.xs[i] + t.xs[i + 1]) / 2.0;
            if i + 1 < nx && !t.has_v(i + 1, ymid) {
                union(&mut parent, id(i, j), id(i + 1, j));
            }
            if j + 1 < ny && !t.has_h(j + 1, xmid) {
                union(&mut parent, id(i, j), id(i, j + 1));
            }
        }
    }
    // Extent of every merged cell: (first col, last col, first row, last row).
    let mut extent: HashMap<usize, (usize, usize, usize, usize)> = HashMap::new();
    for j in 0..ny {
        for i in 0..nx {
            let r = find(&mut parent, id(i, j));
            let e = extent.entry(r).or_insert((i, i, j, j));
            e.0 = e.0.min(i);
            e.1 = e.1.max(i);
            e.2 = e.2.min(j);
            e.3 = e.3.max(j);
        }
    }
    let mut texts: HashMap<usize, Vec<&Glyph>> = HashMap::new();
    for g in glyphs {
        let i =
            t.xs.partition_point(|x| *x < g.cx())
                .saturating_sub(1)
                .min(nx - 1);
        let j =
            t.ys.partition_point(|y| *y > g.cy())
                .saturating_sub(1)
                .min(ny - 1);
        let r = find(&mut parent, id(i, j));
        texts.entry(r).or_default().push(g);
    }
    for v in texts.values_mut() {
        v.sort_by(|a, b| a.line.cmp(&b.line).then(a.x0.total_cmp(&b.x0)));
    }
    // Where each row is: the first line of text in it.
    let mut row_line: Vec<Option<usize>> = vec![None; ny];
    for (r, gs) in &texts {
        if let (Some(e), Some(g)) = (extent.get(r), gs.first()) {
            let slot = &mut row_line[e.2];
            *slot = Some(slot.map_or(g.line, |l| l.min(g.line)));
        }
    }
    let mut grid: Vec<Vec<GridCell>> = Vec::with_capacity(ny);
    for j in 0..ny {
        let mut row = Vec::new();
        let mut i = 0;
        while i < nx {
            let r = find(&mut parent, id(i, j));
            let (c0, c1, r0, r1) = extent[&r];
            if c0 != i {
                // A merged cell that is not a rectangle: take its part here.
                i += 1;
                continue;
            }
            let text = texts.get(&r).map(|g| join(g)).unwrap_or_default();
            let vmerge = if r0 < j {
                VMerge::Continue
            } else if r1 > j {
                VMerge::Restart
            } else {
                VMerge::None
            };
            row.push(GridCell {
                text: if r0 < j { String::new() } else { text },
                col: i,
                span: c1 - c0 + 1,
                vmerge,
            });
            i = c1 + 1;
        }
        grid.push(row);
    }
    let fallback = row_line.iter().flatten().next().copied().unwrap_or(1);
    grid::push_rows(out, &grid, |r, c| {
        let line = row_line[r]
            .or_else(|| row_line[..r].iter().rev().flatten().next().copied())
            .unwrap_or(fallback);
        format!("第 {page_no} 页第 {line} 行（表格第 {} 列）", c + 1)
    });
}
