//! Section 四 (复议诉讼): three labelled rows, or the official layout of
//! header rows followed by one row of 15 figures.

use super::super::Sink;
use super::super::cells::{Kind, Tok};
use super::super::lines::Piece;
use super::super::norm;
use super::entries::{Entry, Slots, entries, take_slots};
use super::totals;
use super::values::count_row;
use super::{is_known_header, joined_row, known_headers, unplaced, unreadable_row};
use crate::diag::{Diagnostic, codes};
use crate::model::official;
use crate::model::schema::top;
use crate::model::{Table4, path};

/// Maps section 四: either three labelled rows (`行政复议 0 0 0 0 0`) or, as
/// in the official layout, 15 figures after the header rows.
/// Each group is then held against its printed 总计 (see
/// [`totals::hold_table4`]).
pub fn table4(sink: &mut Sink, toks: &[Tok], heading: &Piece) -> Table4 {
    let mut table = Table4::empty();
    let all = entries(toks);
    let mut read_from = vec![None; official::T4_GROUPS.len()];
    let labelled = labelled_rows(sink, &all, &mut table, &mut read_from);
    let one_row = labelled != official::T4_GROUPS.len()
        && official_layout(sink, &all, heading, &mut table, &mut read_from);
    totals::hold_table4(sink, &mut table, &read_from, one_row);
    table
}

/// Reads the rows labelled with a group's name into `table`, noting in
/// `read_from` each row's printed label; returns how many were found.
fn labelled_rows(
    sink: &mut Sink,
    all: &[Entry],
    table: &mut Table4,
    read_from: &mut [Option<Piece>],
) -> usize {
    let names: Vec<&str> = official::T4_COLUMNS.to_vec();
    let group_cores: Vec<String> = official::T4_GROUPS
        .iter()
        .map(|g| norm::core(g.label))
        .collect();
    let mut labelled = 0;
    for e in all {
        let Some(label) = &e.label else { continue };
        let core = norm::core(&label.piece.text);
        let Some(gi) = group_cores.iter().position(|g| *g == core) else {
            continue;
        };
        if !e.has_numbers() {
            continue;
        }
        let slots = take_slots(e, names.len());
        let group = &official::T4_GROUPS[gi];
        let what = format!("表四“{}”", group.label);
        if unreadable_row(sink, &what, &slots, names.len(), &label.piece) {
            labelled += 1;
            continue;
        }
        let slots = slots.cells;
        if slots.len() >= official::T4_INPUT_COLUMNS {
            sink.set_path(Some(path::table4_row(group)));
            table.rows[gi] = count_row(sink, &label.piece, &slots, &names, &what).row;
            read_from[gi] = Some(label.piece.clone());
            sink.set_path(None);
            labelled += 1;
        }
    }
    labelled
}

/// Reads the official layout into `table`: header rows, then one row of 15
/// figures, noting in `read_from` where each group was read; reports the
/// whole table when that row cannot be read. Returns whether it was read.
fn official_layout(
    sink: &mut Sink,
    all: &[Entry],
    heading: &Piece,
    table: &mut Table4,
    read_from: &mut [Option<Piece>],
) -> bool {
    let headers = known_headers();
    let names: Vec<&str> = official::T4_COLUMNS.to_vec();
    let last_header = all.iter().rposition(|e| {
        e.label
            .as_ref()
            .is_some_and(|l| is_known_header(&l.piece.text, &headers))
    });
    let width = names.len() * official::T4_GROUPS.len();
    let full = |i: usize| {
        let s = take_slots(&all[i], width);
        s.ambiguous.is_none() && s.cells.len() == width
    };
    let last_header = match last_header {
        Some(i) if full(i) => Some(i),
        _ => flat_row(sink, all, width).or(last_header),
    };
    let slots = last_header.map(|i| take_slots(&all[i], width));
    for (k, e) in all.iter().enumerate() {
        if Some(k) != last_header {
            unplaced(sink, e, &headers, "表四");
        }
    }
    match slots {
        Some(Slots {
            cells: slots,
            rest,
            ambiguous: None,
            joined: None,
        }) if slots.len() == width && slots.iter().any(|c| c.kind != Kind::Empty) => {
            let label = slots
                .iter()
                .find(|c| c.kind != Kind::Empty)
                .map_or(heading.clone(), |c| c.piece.clone());
            for (gi, g) in official::T4_GROUPS.iter().enumerate() {
                let part = &slots[gi * names.len()..(gi + 1) * names.len()];
                let what = format!("表四“{}”", g.label);
                sink.set_path(Some(path::table4_row(g)));
                let mut piece = label.clone();
                piece.text = g.label.to_string();
                table.rows[gi] = count_row(sink, &piece, part, &names, &what).row;
                read_from[gi] = Some(piece);
            }
            sink.set_path(None);
            if !rest.is_empty() {
                let extra = Entry {
                    label: None,
                    segments: vec![rest],
                };
                unplaced(sink, &extra, &headers, "表四（多出的数字）");
            }
            true
        }
        other => {
            unread(sink, other, width, heading);
            false
        }
    }
}

/// A table printed as a bare row of figures, its header lost (text from a
/// PDF converter): the one entry of the section holding numbers, when it
/// holds exactly the 15 figures of the official row and nothing else does.
/// Their order is the official one, so the row is read, with a note.
fn flat_row(sink: &mut Sink, all: &[Entry], width: usize) -> Option<usize> {
    let with_numbers: Vec<usize> = (0..all.len()).filter(|&i| all[i].has_numbers()).collect();
    let [only] = with_numbers[..] else {
        return None;
    };
    let values: Vec<_> = all[only]
        .cells()
        .filter(|c| matches!(c.kind, Kind::Value(_) | Kind::NotApplicable))
        .collect();
    let run = values.len() == 1 && {
        // One run of digits: split with certainty, or said to be joined.
        let s = take_slots(&all[only], width);
        s.joined.is_some() || (s.cells.len() == width && s.ambiguous.is_none())
    };
    if !run && (values.len() != width || all[only].cells().count() != width) {
        return None;
    }
    sink.push(
        Diagnostic::info(
            codes::IMPORT_META,
            format!("表四原文没有表头，只有一行 {width} 个数字；按官方表格的列序读入"),
        ),
        &values[0].piece,
    );
    Some(only)
}

/// Reports that the figures of section 四 could not be read.
fn unread(sink: &mut Sink, slots: Option<Slots>, width: usize, heading: &Piece) {
    for g in &official::T4_GROUPS {
        sink.note(&path::table4_row(g), "导入：原文中这张表没能读全，未导入");
    }
    if let Some(run) = slots.as_ref().and_then(|s| s.joined.clone()) {
        joined_row(sink, "表四", &run, width);
        return;
    }
    let (n, ambiguous) = slots.map_or((0, None), |s| {
        let n = s.cells.iter().filter(|c| c.kind != Kind::Empty).count();
        (n, s.ambiguous)
    });
    let d = match ambiguous {
        Some(read) => Diagnostic::error(
            codes::IMPORT_MISSING,
            format!(
                "表四的数字行读到 {read} 个单元格，应有 {width} 个；空白单元格既可能在行首也可能在行尾，无法确定各数字属于哪一列，整张表未导入"
            ),
        ),
        None => Diagnostic::error(
            codes::IMPORT_MISSING,
            format!("表四的数字没能读全：应有 {width} 个单元格，读到 {n} 个数字，整张表未导入"),
        ),
    };
    sink.push(
        d.help(format!(
            "原文表头或数字可能残缺，或空白单元格在提取文字时丢失（以空格分隔的表格看不出空白在哪一列）；请对照原表手工填写“{}”",
            path::field(top::TABLE4)
        )),
        heading,
    );
}
