//! Section 三 (依申请公开): the rows of the official table by label, within
//! their groups (（三）…（六）) and under 办理结果.

use super::super::Sink;
use super::super::cells::{Cell, Kind, Tok};
use super::super::lines::Piece;
use super::super::norm;
use super::entries::{Entry, Slots, entries, join_split_labels, take_slots};
use super::run_together_rows::{self, Pending};
use super::totals;
use super::values::count_row;
use super::{known_headers, missing_rows, too_few_cells, unplaced, unreadable_row};
use crate::diag::{Diagnostic, codes};
use crate::model::official::{self, T3Role, T3Row};
use crate::model::{CountRow, Edition, Table3, path};
use crate::slice::Slice;

mod pairing;

/// What a section-三 label names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum T3Match {
    /// A row, by index.
    Row(usize),
    /// A group of rows, by key.
    Group(&'static str),
    /// The 办理结果 heading.
    Results,
}

/// Byte offsets, after the start of the canonical text `c`, where a
/// numbering begins: `(一)`…`(十)` or `1.`…`9.` / `1、` followed by text.
fn numbering_starts(c: &str) -> Vec<usize> {
    let mut out = Vec::new();
    for (i, ch) in c.char_indices().skip(1) {
        let rest = c.slice_from(i);
        let paren = ch == '('
            && rest
                .slice_from(1)
                .chars()
                .next()
                .is_some_and(|d| "一二三四五六七八九十".contains(d))
            && rest.chars().nth(2) == Some(')');
        let prev_digit = c
            .slice_to(i)
            .chars()
            .last()
            .is_some_and(|p| p.is_ascii_digit());
        let digit = ch.is_ascii_digit()
            && !prev_digit
            && matches!(rest.slice_from(1).chars().next(), Some('.' | '、'))
            // The character after the separator (`、` is three bytes).
            && rest.slice_from(1)
                .chars()
                .nth(1)
                .is_some_and(|n| !n.is_ascii_digit());
        if paren || digit {
            out.push(i);
        }
    }
    out
}

/// How a label that names nothing continues a bare row label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Continues {
    /// The two together still name the row.
    Label,
    /// A scrap of another label printed beside it (a merged label set down
    /// a column of a table without rules).
    Scrap,
}

/// The labels of section 三 in an edition, as they are matched.
struct Labels {
    /// The rows.
    defs: &'static [T3Row],
    /// The core of each row's label.
    cores: Vec<String>,
    /// Each group's key and the core of its label.
    groups: Vec<(&'static str, String)>,
    /// The core of the 办理结果 label.
    results: String,
}

impl Labels {
    fn new(edition: Edition) -> Labels {
        let defs = official::t3_rows(edition);
        Labels {
            defs,
            cores: defs.iter().map(|r| norm::core(r.label)).collect(),
            groups: official::t3_groups(edition)
                .iter()
                .map(|g| (g.key, norm::core(g.label)))
                .collect(),
            results: norm::core(official::T3_RESULTS_LABEL),
        }
    }

    /// Every label core, for joining labels cut in two.
    fn candidates(&self) -> Vec<String> {
        let mut cands: Vec<String> = self.cores.clone();
        cands.extend(self.groups.iter().map(|(_, g)| g.clone()));
        cands.push(self.results.clone());
        cands
    }

    /// What the label text `text` names best (see [`Labels::best`]); a label
    /// that names nothing may be a merged group label and a row label set on
    /// one line (a table without ruling lines: `（三） 1.属于国家秘密`,
    /// `不予公 4.保护第三方合法权益`): then its last part is read, inside the
    /// group its first part names, if any.
    fn best_text(&self, text: &str, group: Option<&str>, seen_result: bool) -> Option<T3Match> {
        let whole = self.best(&norm::core(text), group, seen_result);
        if !matches!(whole, Some(T3Match::Row(_)))
            && let Some(row) = self.glued(text, group, seen_result)
        {
            return Some(row);
        }
        if whole.is_some() {
            return whole;
        }
        let parts: Vec<&str> = text
            .split([' ', '\u{3000}', '\t'])
            .filter(|p| !p.is_empty())
            .collect();
        let (first, last) = match parts[..] {
            [first, .., last] => (first, last),
            _ => return None,
        };
        let group = match self.best(&norm::core(first), group, seen_result) {
            Some(T3Match::Group(g)) => Some(g),
            _ => group,
        };
        match self.best(&norm::core(last), group, seen_result)? {
            m @ T3Match::Row(_) => Some(m),
            _ => None,
        }
    }

    /// A row named by the last of several labels printed together without
    /// spaces (crawler text: `三、本年度办理结果（一）予以公开`,
    /// `（三）不予公开1.属于国家秘密`): the text cut before each numbering
    /// after its start; the row is read inside the group an earlier part
    /// names.
    fn glued(&self, text: &str, group: Option<&str>, seen_result: bool) -> Option<T3Match> {
        let c = norm::canon(text);
        let cuts = numbering_starts(&c);
        let (&last, _) = cuts.split_last()?;
        let mut group = group;
        for (k, &at) in cuts.iter().enumerate() {
            let end = cuts.get(k + 1).copied().unwrap_or(c.len());
            if let Some(T3Match::Group(g)) =
                self.best(&norm::core(c.slice(at, end)), group, seen_result)
            {
                group = Some(g);
            }
        }
        let first = c.slice_to(cuts[0]);
        if let Some(T3Match::Group(g)) = self.best(&norm::core(first), group, seen_result) {
            group = Some(g);
        }
        match self.best(&norm::core(c.slice_from(last)), group, seen_result)? {
            m @ T3Match::Row(_) => Some(m),
            _ => None,
        }
    }

    /// Whether the label text `next`, which names nothing, continues the
    /// bare label `prev` of row `i`: the two together still name that row,
    /// or `next` is a scrap of at most three characters (a merged label
    /// printed down a column of a table without rules) and row `i` is not
    /// the result total, which a stray row must never fill.
    fn continues(&self, prev: &str, next: &str, i: usize) -> Option<Continues> {
        let tail = norm::strip_separators(&norm::canon(next));
        // The bare label may carry a group's scrap before its numbering
        // (`其他处 2.申请人逾期未按收费通知`), the next part a scrap set
        // apart before it (`理 要求缴纳费用、行政机关不`): their own parts
        // are read.
        let prev = norm::canon(prev);
        let own = prev.slice_from(numbering_starts(&prev).last().copied().unwrap_or(0));
        let own_tail = next
            .trim_start()
            .split_once([' ', '\u{3000}'])
            .filter(|(scrap, _)| scrap.chars().count() <= 3)
            .map(|(_, rest)| norm::strip_separators(&norm::canon(rest)));
        let names = |head: &str, tail: &str| {
            let whole = format!("{}{tail}", norm::core(head));
            norm::label_score(&whole, &self.cores[i]).is_some()
        };
        let mut tails = std::iter::once(&tail).chain(own_tail.as_ref());
        if tails.any(|t| names(&prev, t) || names(own, t)) {
            Some(Continues::Label)
        } else if tail.chars().count() <= 3 && self.defs[i].role != T3Role::ResultTotal {
            Some(Continues::Scrap)
        } else {
            None
        }
    }

    /// The row a label read as `m` fills. A label broken across cells: the
    /// second part continues a row label that has no figures yet
    /// (`last_row`, its text in `last_label`), when the two parts together
    /// still name that row (a label that names nothing is never another
    /// row's).
    fn target(
        &self,
        m: Option<T3Match>,
        text: &str,
        last_row: Option<(usize, bool)>,
        last_label: &mut String,
    ) -> Option<usize> {
        match (m, last_row) {
            (None, Some((i, false))) => match self.continues(last_label, text, i) {
                Some(Continues::Label) => {
                    last_label.push_str(text);
                    Some(i)
                }
                Some(Continues::Scrap) => Some(i),
                None => None,
            },
            (Some(T3Match::Row(i)), _) => {
                last_label.clear();
                last_label.push_str(text);
                Some(i)
            }
            _ => None,
        }
    }

    /// What the label `core` names best, reading inside `group` (short row
    /// labels match only there) and after a result row was seen or not (the
    /// result total only follows result rows).
    fn best(&self, core: &str, group: Option<&str>, seen_result: bool) -> Option<T3Match> {
        let mut best: Option<(usize, T3Match)> = None;
        let mut consider = |score: Option<usize>, m: T3Match| {
            if let Some(s) = score
                && best.is_none_or(|(b, _)| s > b)
            {
                best = Some((s, m));
            }
        };
        consider(norm::label_score(core, &self.results), T3Match::Results);
        for (key, gcore) in &self.groups {
            consider(norm::label_score(core, gcore), T3Match::Group(key));
        }
        for (i, def) in self.defs.iter().enumerate() {
            let short = self.cores[i].chars().count() < 4;
            if short && def.group.is_some_and(|g| Some(g.key) != group) {
                continue;
            }
            if def.role == T3Role::ResultTotal && !seen_result {
                continue;
            }
            consider(norm::label_score(core, &self.cores[i]), T3Match::Row(i));
        }
        best.map(|(_, m)| m)
    }
}

/// A scrap of a group's merged label (at most three characters, printed
/// down its column in a table without rules) set on the line of figures
/// whose row label stands bare on the next line (`不予公  12 5 10 …` above
/// `2.其他法律行政法规禁`): the row that label names, when the scrap is part
/// of that row's group label, the row has no figures yet and is not the
/// result total.
fn scrap_above_its_row(
    labels: &Labels,
    e: &Entry,
    next: Option<&Entry>,
    group: Option<&'static str>,
    seen_result: bool,
    found: &[bool],
) -> Option<usize> {
    let scrap = norm::strip_separators(&norm::canon(&e.label.as_ref()?.piece.text));
    if !e.has_numbers() || scrap.is_empty() || scrap.chars().count() > 3 {
        return None;
    }
    let next = next.filter(|n| n.is_bare())?.label.as_ref()?;
    let Some(T3Match::Row(i)) = labels.best_text(&next.piece.text, group, seen_result) else {
        return None;
    };
    let def = &labels.defs[i];
    let in_group = def
        .group
        .is_some_and(|g| norm::core(g.label).contains(&scrap));
    (in_group && !found[i] && def.role != T3Role::ResultTotal).then_some(i)
}

/// Maps section 三.
pub fn table3(sink: &mut Sink, toks: &[Tok], edition: Edition, heading: &Piece) -> Table3 {
    let labels = Labels::new(edition);
    let defs = labels.defs;
    let headers = known_headers();
    let mut table = Table3::empty(edition);
    let mut found: Vec<bool> = vec![false; defs.len()];
    let mut group: Option<&'static str> = None;
    let mut seen_result = false;
    let width = official::T3_COLUMNS.len();
    let all = join_split_labels(entries(toks), &labels.candidates());
    let all = place_unlabelled(sink, all, &labels, width);
    let doubts = pairing::doubts(&all, &labels, width);
    let mut last_row: Option<(usize, bool)> = None; // (row index, had cells)
    let mut last_label = String::new();
    let mut read_from: Vec<Option<Piece>> = vec![None; defs.len()];
    let mut pending: Vec<Pending> = Vec::new();
    for (k, e) in all.iter().enumerate() {
        let Some(label) = &e.label else {
            unplaced(sink, e, &headers, "表三");
            continue;
        };
        let m = labels.best_text(&label.piece.text, group, seen_result);
        let target = labels.target(m, &label.piece.text, last_row, &mut last_label);
        match m {
            Some(T3Match::Group(g)) => group = Some(g),
            Some(T3Match::Results) => group = None,
            _ => {}
        }
        let target = target.or_else(|| {
            scrap_above_its_row(&labels, e, all.get(k + 1), group, seen_result, &found)
        });
        let target = target.or_else(|| {
            let rows_follow = matches!(m, Some(T3Match::Group(g)) if group_rows_follow(&labels, g, &all[k + 1..]));
            (!rows_follow).then(|| one_row_other(sink, defs, m, e, &mut found)).flatten()
        });
        let Some(i) = target else {
            sink.set_path(None);
            if m.is_none() || e.has_numbers() {
                unplaced(sink, e, &headers, "表三");
            }
            last_row = None;
            continue;
        };
        let def = &defs[i];
        sink.set_path(Some(path::table3_row(def)));
        if let Some(g) = def.group {
            group = Some(g.key);
        } else if def.role != T3Role::Result {
            group = None;
        }
        if let Some(doubt) = &doubts[k] {
            unpaired(sink, e, def, doubt, &mut table.rows[i]);
            found[i] = true;
            last_row = Some((i, true));
            continue;
        }
        if e.is_bare() {
            last_row = Some((i, false));
            continue;
        }
        last_row = Some((i, true));
        let slots = take_slots(e, width);
        if slots.cells.len() < width && !e.has_numbers() {
            // A header cell that happens to read like a row label.
            continue;
        }
        if found[i] {
            let row = (&mut table.rows[i], &mut read_from[i]);
            read_again(sink, e, def, slots, &headers, row);
            continue;
        }
        if matches!(def.role, T3Role::Result) {
            seen_result = true;
        }
        found[i] = true;
        read_from[i] = Some(label.piece.clone());
        if let Some(run) = slots.joined.clone() {
            // Read with the table's totals once every row is known.
            table.rows[i].present = true;
            pending.push(Pending {
                row: i,
                run,
                label: label.piece.clone(),
            });
            continue;
        }
        read_row(sink, e, def, slots, &headers, &mut table.rows[i]);
    }
    run_together_rows::resolve(sink, &mut table, defs, pending);
    totals::hold_table3(sink, &mut table, defs, &read_from);
    sink.set_path(None);
    let missing: Vec<(String, String)> = defs
        .iter()
        .zip(&found)
        .filter(|(_, f)| !**f)
        .map(|(d, _)| (path::table3_row(d), d.full_label()))
        .collect();
    missing_rows(sink, "表三", &missing, heading);
    table
}

/// Leaves row `def` blank because its label and figures cannot be paired
/// with certainty (see [`pairing`]), and says why on the row.
fn unpaired(sink: &mut Sink, e: &Entry, def: &T3Row, doubt: &pairing::Doubt, row: &mut CountRow) {
    *row = CountRow {
        present: true,
        ..CountRow::empty(row.cells.len())
    };
    let Some(label) = &e.label else { return };
    let group = def.group.map_or("", |g| g.label);
    sink.push(
        Diagnostic::error(codes::IMPORT_MISSING, doubt.reason(group, def.label))
            .path(path::table3_row(def))
            .help("请对照原报告（网页或 PDF 原件）手工填写这一组各行；不是本机关报告的错误"),
        &label.piece,
    );
}

/// A row of the source read as row `def` a second time: it fills the row
/// when the first had no figures (a label printed once on a blank line of
/// its own, then with the figures); different figures leave the row blank
/// (see [`twice`]).
fn read_again(
    sink: &mut Sink,
    e: &Entry,
    def: &T3Row,
    slots: Slots,
    headers: &[String],
    (row, read_from): (&mut CountRow, &mut Option<Piece>),
) {
    let Some(label) = &e.label else { return };
    let mut again = CountRow::empty(row.cells.len());
    read_row(sink, e, def, slots, headers, &mut again);
    let before = figures_of(row);
    if before.iter().all(Option::is_none) {
        *row = again;
        *read_from = Some(label.piece.clone());
    } else if figures_of(&again) != before {
        let first = read_from.clone().unwrap_or_else(|| label.piece.clone());
        twice(sink, def, &first, &label.piece, row);
    }
}

/// The figures of a row, without their places.
fn figures_of(row: &CountRow) -> Vec<Option<u64>> {
    row.cells
        .iter()
        .chain(std::iter::once(&row.printed_total))
        .map(|c| c.as_ref().map(|c| c.value))
        .collect()
}

/// Two rows of the source that both read as row `def` with different
/// figures: which one is the row cannot be told, so the row is left blank
/// and both printed texts are said.
fn twice(sink: &mut Sink, def: &T3Row, first: &Piece, second: &Piece, row: &mut CountRow) {
    *row = CountRow {
        present: true,
        ..CountRow::empty(row.cells.len())
    };
    sink.push(
        Diagnostic::error(
            codes::IMPORT_MISSING,
            format!(
                "表三有两行都读作“{}”，数字不同（“{}”和“{}”），无法确定哪一行是它，本行未导入",
                def.full_label(),
                first.text,
                second.text
            ),
        )
        .path(path::table3_row(def))
        .help("请对照原表手工填写这一行；另一行的标签可能印得与官方表格不同"),
        second,
    );
}

/// Whether rows of group `g` are printed after its title (in `rest`, up to
/// the next group or the result total): then the title is not a one-row
/// group, however its figures were laid out (a label wrapped onto the
/// figures' line in a table without ruling lines).
fn group_rows_follow(labels: &Labels, g: &str, rest: &[Entry]) -> bool {
    for e in rest {
        let Some(label) = &e.label else { continue };
        match labels.best_text(&label.piece.text, Some(g), true) {
            Some(T3Match::Row(i)) if labels.defs[i].group.is_some_and(|x| x.key == g) => {
                return true;
            }
            Some(T3Match::Group(other)) if other != g => return false,
            Some(T3Match::Row(i)) if labels.defs[i].role == T3Role::ResultTotal => return false,
            _ => {}
        }
    }
    false
}

/// A 2021 table whose （六）其他处理 is printed as one row with figures (the
/// 2019 form): the row goes into the group's catch-all, （六）3.其他, and the
/// other items of the group, not printed apart, are left empty with a
/// warning. Returns the catch-all's index.
fn one_row_other(
    sink: &mut Sink,
    defs: &'static [T3Row],
    m: Option<T3Match>,
    e: &Entry,
    found: &mut [bool],
) -> Option<usize> {
    let Some(T3Match::Group(g)) = m else {
        return None;
    };
    // The group that the 2019 format prints as one row.
    let one_row_2019 = official::T3_2019
        .iter()
        .any(|r| r.role == T3Role::Result && r.keys.last() == Some(&g));
    let rows: Vec<usize> = (0..defs.len())
        .filter(|&i| defs[i].group.is_some_and(|gr| gr.key == g))
        .collect();
    let (&catch_all, items) = rows.split_last()?;
    if !one_row_2019 || !e.has_numbers() || rows.iter().any(|&i| found[i]) {
        return None;
    }
    let label = e.label.as_ref()?;
    let names: Vec<String> = items.iter().map(|&i| defs[i].label.to_string()).collect();
    for &i in items {
        found[i] = true;
        sink.note(
            &path::table3_row(&defs[i]),
            "导入：原表（六）其他处理只印了一行，这一项没有单列，请核实后填写",
        );
    }
    sink.push(
        Diagnostic::warning(
            codes::IMPORT_MISSING,
            format!(
                "原表“{}”只印了一行（2021 版格式分为 {} 项）：这一行的数字填入“{}”，{}原表没有单列，未导入",
                label.piece.text,
                rows.len(),
                defs[catch_all].label,
                names.join("、")
            ),
        )
        .path(path::table3_row(&defs[catch_all]))
        .help("请向承办部门核实这几项的分项数字后填写；确实没有的填 0"),
        &label.piece,
    );
    Some(catch_all)
}

/// Rows that lost their label (text from a PDF converter): whole rows of
/// figures after a labelled row or group title, up to the next labelled
/// row. When their number is exactly the number of official rows between
/// the two labels, each is given its row's label by position, with a note;
/// otherwise they are left as they are (reported as not placed).
fn place_unlabelled(sink: &mut Sink, all: Vec<Entry>, labels: &Labels, width: usize) -> Vec<Entry> {
    let defs = labels.defs;
    // For each entry: the first official row its unlabelled rows would fill,
    // and whether its own first segment is a row (a labelled row) or not (a
    // group title).
    let mut group = None;
    let mut seen_result = false;
    let starts: Vec<Option<(usize, bool)>> = all
        .iter()
        .map(|e| {
            let label = e.label.as_ref()?;
            match labels.best_text(&label.piece.text, group, seen_result)? {
                T3Match::Row(i) => {
                    group = defs[i].group.map(|g| g.key);
                    seen_result |= defs[i].role == T3Role::Result;
                    Some((i, true))
                }
                T3Match::Group(g) => {
                    group = Some(g);
                    defs.iter()
                        .position(|d| d.group.is_some_and(|x| x.key == g))
                        .map(|i| (i, false))
                }
                T3Match::Results => None,
            }
        })
        .collect();
    let full_row = |seg: &Vec<Cell>| pairing::full_row(seg, width);
    // Labels printed apart from their rows (bare labels, then the rows):
    // the rows are not unlabelled, their labels came first (see [`pairing`]).
    let after_bare: Vec<bool> = (0..all.len())
        .map(|k| k > 0 && starts[k - 1].is_some_and(|(_, own)| own) && !all[k - 1].has_numbers())
        .collect();
    let mut out = Vec::with_capacity(all.len());
    for (k, e) in all.into_iter().enumerate() {
        let Some((row, own)) = starts[k] else {
            out.push(e);
            continue;
        };
        let segs: Vec<&Vec<Cell>> = e
            .segments
            .iter()
            .filter(|s| s.iter().any(|c| c.kind != Kind::Empty))
            .collect();
        let own_segs = usize::from(own);
        let first = row + own_segs;
        let next = starts[k + 1..]
            .iter()
            .flatten()
            .next()
            .map_or(defs.len(), |&(j, _)| j);
        let extra = segs.len().saturating_sub(own_segs);
        let fits = extra > 0
            && !after_bare[k]
            && (own_segs == 0 || full_row(segs[0]))
            && segs[own_segs..].iter().all(|s| full_row(s))
            && first + extra == next;
        if !fits {
            out.push(e);
            continue;
        }
        let Entry { label, segments: _ } = &e;
        let own_part: Vec<Vec<Cell>> = segs[..own_segs].iter().map(|s| (*s).clone()).collect();
        let extras: Vec<Vec<Cell>> = segs[own_segs..].iter().map(|s| (*s).clone()).collect();
        out.push(Entry {
            label: label.clone(),
            segments: own_part,
        });
        for (n, seg) in extras.into_iter().enumerate() {
            let def = &defs[first + n];
            let Some(at) = seg.iter().find(|c| c.kind != Kind::Empty).cloned() else {
                continue;
            };
            sink.push(
                Diagnostic::info(
                    codes::IMPORT_META,
                    format!(
                        "表三这一行原文没有行标签，按它在前后两行之间的位置读作“{}”",
                        def.full_label()
                    ),
                )
                .path(path::table3_row(def)),
                &at.piece,
            );
            let mut name = at.clone();
            name.kind = Kind::Label;
            name.piece.text = def.label.to_string();
            out.push(Entry {
                label: Some(name),
                segments: vec![seg],
            });
        }
    }
    out
}

/// Reads the figures of row `def` from its value slots into `row`; a row
/// that cannot be read is reported and only marked present.
fn read_row(
    sink: &mut Sink,
    e: &Entry,
    def: &T3Row,
    slots: Slots,
    headers: &[String],
    row: &mut CountRow,
) {
    let Some(label) = &e.label else { return };
    let names: Vec<&str> = official::T3_COLUMNS.to_vec();
    let what = format!("表三“{}”", def.full_label());
    if unreadable_row(sink, &what, &slots, names.len(), &label.piece) {
        row.present = true;
        return;
    }
    let Slots {
        cells: slots, rest, ..
    } = slots;
    if let Some(d) = miscounted(&what, &slots, &rest, &names) {
        sink.push(d, &label.piece);
        row.present = true;
        return;
    }
    if !rest.is_empty() {
        let extra = Entry {
            label: Some(label.clone()),
            segments: vec![rest],
        };
        unplaced(sink, &extra, headers, "表三（多出的数字）");
    }
    *row = count_row(sink, &label.piece, &slots, &names, &what).row;
}

/// The error for a row of 表三 (`what`) whose figures do not fit the columns
/// `names`: too few, or more than columns with the first ones not adding up
/// to their total (a cell too many in the middle shifts the row, so it is
/// not read at all, as a row with too few). None when the row can be read.
fn miscounted(what: &str, slots: &[Cell], rest: &[Cell], names: &[&str]) -> Option<Diagnostic> {
    if slots.len() < names.len() {
        return Some(
            too_few_cells(what, slots.len(), names)
                .help("原文这一行可能残缺或被拆散，或空白单元格在提取文字时丢失（以空格分隔的表格看不出空白在哪一列）；请对照原表手工填写，空白的单元格写 ~"),
        );
    }
    let extra_figures = rest
        .iter()
        .filter(|c| matches!(c.kind, Kind::Value(_)))
        .count();
    if extra_figures == 0 || adds_up(&slots[..names.len()]) {
        return None;
    }
    Some(
        Diagnostic::error(
            codes::IMPORT_MISSING,
            format!(
                "{what}一行读到 {} 个数字，比应有的 {} 个（{}）多，前几个数之和也不等于总计，看不出哪一格是多出来的，本行未导入",
                slots.len() + extra_figures,
                names.len(),
                names.join("、")
            ),
        )
        .help("原文这一行可能多了一格或把两行并在了一起；请对照原表手工填写"),
    )
}

/// Whether the cells of a row of 表三 give figures whose sum is the last
/// (the total); a blank or `—` counts 0, anything else unreadable fails.
fn adds_up(cells: &[Cell]) -> bool {
    let figures: Option<Vec<u64>> = cells
        .iter()
        .map(|c| match &c.kind {
            Kind::Value(v) => v.digits().parse().ok(),
            Kind::Empty | Kind::NotApplicable => Some(0),
            Kind::Label => None,
        })
        .collect();
    let Some((total, parts)) = figures.as_deref().and_then(|f| f.split_last()) else {
        return false;
    };
    parts.iter().try_fold(0u64, |sum, n| sum.checked_add(*n)) == Some(*total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_adds_up_when_its_parts_make_its_total() {
        let row = |texts: &[&str]| -> Vec<Cell> {
            texts
                .iter()
                .map(|t| Cell {
                    piece: Piece {
                        text: t.to_string(),
                        offset: 0,
                        len: t.len(),
                    },
                    kind: super::super::super::cells::classify(t),
                })
                .collect()
        };
        assert!(adds_up(&row(&["3", "1", "", "—", "0", "0", "4"])));
        // A cell too many in the middle: the seventh is no total.
        assert!(!adds_up(&row(&["2120", "7", "39", "0", "1", "6", "2"])));
        assert!(!adds_up(&row(&["3", "1", "甲", "0", "0", "0", "4"])));
    }

    #[test]
    fn numberings_start_after_a_full_stop_or_an_ideographic_comma() {
        // `1、` once made the scan slice inside the comma and panic (found by
        // fuzzing the PDF importer).
        assert_eq!(numbering_starts("行政1、复议"), [6]);
        assert_eq!(numbering_starts("行政1.复议(二)其他"), [6, 14]);
        assert!(numbering_starts("行政1.5").is_empty());
        assert!(numbering_starts("行政1、").is_empty());
    }
}
