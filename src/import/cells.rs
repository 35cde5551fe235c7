//! The cell stream of a table section: whatever the layout (one cell per
//! line, tab-separated, `|`-separated, space-separated, HTML rows), a table
//! becomes a sequence of cells and row breaks, and every cell is classified as
//! a label, a value or a blank.

use super::lines::{Piece, SourceLine};
use super::norm;
use crate::slice::Slice;

/// A token of the cell stream.
#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    /// A cell.
    Cell(Cell),
    /// The end of a row (a blank line, or the end of a tab/pipe/HTML row).
    Break,
}

/// One cell with its place in the source and its classification.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// The text as printed (trimmed) and where.
    pub piece: Piece,
    /// What it holds.
    pub kind: Kind,
}

/// What a cell holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// Nothing printed.
    Empty,
    /// `-`, `/`, `无` and the like: printed as not applicable.
    NotApplicable,
    /// A number, possibly with sign, unit and note.
    Value(Value),
    /// Text: a row label, a header, or anything else.
    Label,
}

impl Kind {
    /// Whether the cell can stand in a value position (a number or a blank).
    pub fn is_value_slot(&self) -> bool {
        !matches!(self, Kind::Label)
    }
}

/// A unit printed after a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// No unit.
    None,
    /// `元`: an amount to be converted to 万元.
    Yuan,
    /// `万元`.
    WanYuan,
    /// `件`, `个`, `条`, `项` …: a count unit that changes nothing.
    Count,
}

/// A number as printed in a cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Value {
    /// Whether a minus sign or `减` was printed.
    pub negative: bool,
    /// Whether any sign (`+`, `-`, `增`, `减`) was printed.
    pub signed: bool,
    /// Digits before the decimal point (ASCII, no separators).
    pub int: String,
    /// Digits after the decimal point.
    pub frac: String,
    /// Unit printed after the number.
    pub unit: Unit,
    /// Annotation printed after the number (without its brackets).
    pub note: Option<String>,
    /// Whether the number was qualified as approximate (`约`, `余`).
    pub approx: bool,
}

impl Value {
    /// The number as written, without sign, unit or note (`76.786078`).
    pub fn digits(&self) -> String {
        if self.frac.is_empty() {
            self.int.clone()
        } else {
            format!("{}.{}", self.int, self.frac)
        }
    }
}

const COUNT_UNITS: &[&str] = &[
    "件", "个", "条", "项", "次", "人", "家", "份", "篇", "宗", "起", "例",
];

/// Classifies the text of one cell.
pub fn classify(text: &str) -> Kind {
    if digit_run(text).is_some() {
        // `12 47`: two figures of a table without ruling lines that ran
        // together, or one figure with a space in it; never guessed (see
        // `expand_runs`).
        return Kind::Label;
    }
    let s: String = text
        .chars()
        .filter(|c| !norm::is_space(*c))
        .map(norm::fold_char)
        .collect();
    if s.is_empty() {
        return Kind::Empty;
    }
    if s.chars()
        .all(|c| matches!(c, '-' | '—' | '–' | '/' | '\\' | '－' | '―' | '─'))
        || s == "无"
        || s == "空"
        || s == "N/A"
        || s == "/"
    {
        return Kind::NotApplicable;
    }
    parse_value(&s).map_or(Kind::Label, Kind::Value)
}

fn parse_value(s: &str) -> Option<Value> {
    let mut rest = s;
    let mut v = Value {
        negative: false,
        signed: false,
        int: String::new(),
        frac: String::new(),
        unit: Unit::None,
        note: None,
        approx: false,
    };
    if let Some(r) = rest.strip_prefix('约') {
        v.approx = true;
        rest = r;
    }
    for (p, neg) in [
        ("增加", false),
        ("减少", true),
        ("增", false),
        ("减", true),
        ("+", false),
        ("-", true),
        ("−", true),
    ] {
        if let Some(r) = rest.strip_prefix(p) {
            v.negative = neg;
            v.signed = true;
            rest = r;
            break;
        }
    }
    let int_len = rest
        .char_indices()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == ',')
        .map(|(i, c)| i + c.len_utf8())
        .last()
        .unwrap_or(0);
    let int_part = rest.slice_to(int_len);
    if !int_part.starts_with(|c: char| c.is_ascii_digit()) || int_part.ends_with(',') {
        return None;
    }
    // Thousands separators must group by three.
    if int_part.contains(',') {
        let groups: Vec<&str> = int_part.split(',').collect();
        if groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3) {
            return None;
        }
    }
    v.int = int_part.replace(',', "");
    rest = rest.slice_from(int_len);
    if let Some(r) = rest.strip_prefix('.') {
        let frac_len = r.chars().take_while(char::is_ascii_digit).count();
        if frac_len == 0 {
            return None;
        }
        v.frac = r.slice_to(frac_len).to_string();
        rest = r.slice_from(frac_len);
    }
    if let Some(r) = rest.strip_prefix('余').or_else(|| rest.strip_prefix("多")) {
        v.approx = true;
        rest = r;
    }
    if let Some(r) = rest.strip_prefix("万元") {
        v.unit = Unit::WanYuan;
        rest = r;
    } else if let Some(r) = rest.strip_prefix('元') {
        v.unit = Unit::Yuan;
        rest = r;
    } else if let Some(u) = COUNT_UNITS.iter().find(|u| rest.starts_with(**u)) {
        v.unit = Unit::Count;
        rest = rest.slice_from(u.len());
    }
    if rest.is_empty() {
        return Some(v);
    }
    if let Some(inner) = rest.strip_prefix('(').or_else(|| rest.strip_prefix('[')) {
        let inner = inner
            .strip_suffix(')')
            .or_else(|| inner.strip_suffix(']'))
            .unwrap_or(inner);
        v.note = Some(inner.to_string());
        return Some(v);
    }
    None
}

/// Splits text at runs of whitespace, with the byte offset of each part.
fn split_ws(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if norm::is_space(c) {
            if let Some(s) = start.take() {
                out.push((s, text.slice(s, i)));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push((s, text.slice_from(s)));
    }
    out
}

fn cell_at(text: &str, offset: usize) -> Cell {
    let t = norm::trim(text);
    let lead = text.find(t).unwrap_or(0);
    Cell {
        piece: Piece {
            text: t.to_string(),
            offset: offset + lead,
            len: t.len(),
        },
        kind: classify(t),
    }
}

/// Whether a line is `|`-separated (at least two pipes).
fn is_pipe_row(line: &SourceLine) -> bool {
    line.cells.is_none() && line.text.matches(['|', '｜']).count() >= 2
}

/// Splits a `|`-separated line into cells; `None` when it is not one.
///
/// `bordered` says that the table draws outer borders (every `|` row of the
/// section starts with a pipe, as in Markdown): the empty text before the
/// first pipe and after a closing pipe is then a border, not a cell. Without
/// borders every field is a cell, so a row that starts with a pipe has a blank
/// first cell and `… | 1 | ` ends with a blank cell; a closing pipe after the
/// last cell leaves one empty field too many, which the table mapping trims
/// against the width the row should have.
fn pipe_cells(line: &SourceLine, bordered: bool) -> Option<Vec<Cell>> {
    let text = &line.text;
    if !is_pipe_row(line) {
        return None;
    }
    let mut cells = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == '|' || c == '｜' {
            cells.push(cell_at(text.slice(start, i), line.offset + start));
            start = i + c.len_utf8();
        }
    }
    cells.push(cell_at(text.slice_from(start), line.offset + start));
    // Border pipes leave an empty first and last cell.
    let t = norm::trim(text);
    if bordered && t.starts_with(['|', '｜']) && !cells.is_empty() {
        cells.remove(0);
    }
    if bordered && t.ends_with(['|', '｜']) && !cells.is_empty() {
        cells.pop();
    }
    Some(cells)
}

fn is_separator_row(cells: &[Cell]) -> bool {
    !cells.is_empty()
        && cells.iter().all(|c| {
            !c.piece.text.is_empty()
                && c.piece
                    .text
                    .chars()
                    .all(|ch| matches!(ch, '-' | ':' | '—' | '='))
        })
        && cells.iter().any(|c| c.piece.text.len() >= 3)
}

/// Splits a plain line at whitespace into label and value cells, when its
/// tail is made of values (`行政许可 31393 增 30513 61906`). Text parts are
/// joined into label cells, a new one at each numbering (`（三）`, `1.`).
fn space_cells(line: &SourceLine) -> Vec<Cell> {
    let parts: Vec<(usize, &str)> = split_ws(&line.text)
        .into_iter()
        .flat_map(|(at, part)| match glued_figures(part) {
            Some(k) => vec![(at, part.slice_to(k)), (at + k, part.slice_from(k))],
            None => vec![(at, part)],
        })
        .collect();
    // Join a sign word or a unit to its number: `增 30513`, `2792220.8 元`.
    let mut merged: Vec<(usize, usize)> = Vec::new(); // (start, end) byte ranges
    for (start, part) in &parts {
        let end = start + part.len();
        if let Some(last) = merged.last_mut() {
            let prev = line.text.slice(last.0, last.1);
            let prev_is_sign = matches!(prev, "增" | "减" | "增加" | "减少" | "约" | "+" | "-");
            let joins_unit = matches!(*part, "元" | "万元" | "件" | "个" | "条" | "项")
                || part.starts_with(['(', '（']);
            if (prev_is_sign && matches!(classify(part), Kind::Value(_)))
                || (joins_unit && matches!(classify(prev), Kind::Value(_)))
            {
                last.1 = end;
                continue;
            }
        }
        merged.push((*start, end));
    }
    let kinds: Vec<Kind> = merged
        .iter()
        .map(|(s, e)| classify(line.text.slice(*s, *e)))
        .collect();
    let first_value = (0..=kinds.len())
        .find(|&i| kinds[i..].iter().all(Kind::is_value_slot))
        .unwrap_or(kinds.len());
    if first_value == kinds.len() {
        return vec![cell_at(&line.text, line.offset)];
    }
    let mut out = Vec::new();
    let mut label: Option<(usize, usize)> = None;
    for &(s, e) in &merged[..first_value] {
        let part = line.text.slice(s, e);
        let c = norm::canon(part);
        let (numbering, _) = norm::split_numbering(&c);
        match label {
            Some((ls, _)) if numbering.is_none() => label = Some((ls, e)),
            Some((ls, le)) => {
                out.push(cell_at(line.text.slice(ls, le), line.offset + ls));
                label = Some((s, e));
            }
            None => label = Some((s, e)),
        }
    }
    if let Some((ls, le)) = label {
        out.push(cell_at(line.text.slice(ls, le), line.offset + ls));
    }
    for &(s, e) in &merged[first_value..] {
        out.push(cell_at(line.text.slice(s, e), line.offset + s));
    }
    out
}

/// Where the figures start in a label printed with its figures run onto it
/// (`行政许可11398889`, `2.重复申请1471000148`: crawler text): the byte
/// offset of the trailing digits, when a label (a CJK character or a
/// closing bracket) stands right before them.
fn glued_figures(part: &str) -> Option<usize> {
    if !matches!(classify(part), Kind::Label) {
        return None;
    }
    let digits = part
        .char_indices()
        .rev()
        .take_while(|(_, c)| norm::fold_char(*c).is_ascii_digit())
        .last()
        .map(|(i, _)| i)?;
    let before = part.slice_to(digits).chars().last()?;
    let labelled =
        ('\u{4e00}'..='\u{9fff}').contains(&before) || matches!(before, ')' | '）' | '”' | '」');
    // `第二十条`, `表1` and dates are not rows with figures.
    let not_figures = matches!(before, '第' | '表' | '年' | '月' | '至')
        || part.slice_to(digits).ends_with("附件");
    (labelled && !not_figures).then_some(digits)
}

/// Whether a line is a table caption a converter or editor added (`表1`,
/// `表 3 主动公开政府信息情况`, `续表`): not a row of the table. Tables are
/// numbered by their printers in many ways, so the number says nothing.
fn is_caption(text: &str) -> bool {
    let t = norm::trim(text);
    if t == "续表" || t == "（续表）" || t == "(续表)" {
        return true;
    }
    let Some(rest) = t.strip_prefix('表') else {
        return false;
    };
    let rest = rest.trim_start();
    let digits = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || "一二三四五六".contains(*c))
        .count();
    if digits == 0 || digits > 2 {
        return false;
    }
    let after: String = rest.chars().skip(digits).collect();
    let after = after.trim_start_matches([' ', '\u{3000}', '：', ':', '、', '.', '．']);
    after.is_empty() || (!after.chars().any(|c| c.is_ascii_digit()) && after.chars().count() <= 30)
}

/// The figures of a cell holding whole numbers separated by spaces (`12 47`,
/// `2　8`): each with its byte offset in `text`. None for anything else.
fn digit_run(text: &str) -> Option<Vec<(usize, &str)>> {
    let t = norm::trim(text);
    let lead = text.len() - text.trim_start_matches(|c: char| norm::is_space(c)).len();
    let mut parts = Vec::new();
    let mut start = None;
    for (i, c) in t.char_indices().chain(std::iter::once((t.len(), ' '))) {
        match (c.is_ascii_digit(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) if norm::is_space(c) => {
                parts.push((lead + s, t.slice(s, i)));
                start = None;
            }
            (false, None) if norm::is_space(c) => {}
            (true, Some(_)) => {}
            _ => return None,
        }
    }
    (parts.len() >= 2 && parts.iter().all(|(_, p)| p.len() <= 9)).then_some(parts)
}

/// Whether the figures of a table row hold their own arithmetic: six and
/// their total (a row of table 三), four and their total, or three groups
/// of four and a total (table 四).
fn row_adds_up(values: &[u64]) -> bool {
    let adds = |g: &[u64]| {
        g.split_last()
            .is_some_and(|(t, rest)| rest.iter().sum::<u64>() == *t)
    };
    match values.len() {
        7 | 5 => adds(values),
        15 => values.chunks(5).all(adds),
        _ => false,
    }
}

/// Splits cells whose figures ran together (`12 47`, see [`digit_run`])
/// when the row they are in then holds its own arithmetic, which settles
/// where each figure goes; otherwise they stay unread text.
fn expand_runs(toks: Vec<Tok>) -> Vec<Tok> {
    let mut out = Vec::with_capacity(toks.len());
    let mut row: Vec<Cell> = Vec::new();
    let flush = |row: &mut Vec<Cell>, out: &mut Vec<Tok>| {
        let expanded = expand_row(row);
        out.extend(
            expanded
                .unwrap_or_else(|| std::mem::take(row))
                .into_iter()
                .map(Tok::Cell),
        );
        row.clear();
    };
    for t in toks {
        match t {
            Tok::Cell(c) => row.push(c),
            Tok::Break => {
                flush(&mut row, &mut out);
                out.push(Tok::Break);
            }
        }
    }
    flush(&mut row, &mut out);
    out
}

/// The row with its runs split, when it has one and then adds up.
fn expand_row(row: &[Cell]) -> Option<Vec<Cell>> {
    let runs: Vec<Option<Vec<(usize, &str)>>> =
        row.iter().map(|c| digit_run(&c.piece.text)).collect();
    if runs.iter().all(Option::is_none) {
        return None;
    }
    let mut cells = Vec::new();
    for (c, run) in row.iter().zip(&runs) {
        match run {
            Some(parts) => {
                cells.extend(parts.iter().map(|(at, p)| cell_at(p, c.piece.offset + at)))
            }
            None => cells.push(c.clone()),
        }
    }
    let first_value = cells
        .iter()
        .position(|c| matches!(c.kind, Kind::Value(_)))?;
    let values: Option<Vec<u64>> = cells[first_value..]
        .iter()
        .map(|c| match &c.kind {
            Kind::Value(v) if v.frac.is_empty() && !v.signed && v.note.is_none() => {
                v.int.parse().ok()
            }
            _ => None,
        })
        .collect();
    row_adds_up(&values?).then_some(cells)
}

/// A line of a one-cell-per-line table that a mirror printed with a lone
/// border pipe before or after its cell (`0 |`, `| 规章`, `\t0 |`): the line
/// with that pipe blanked (same byte length, so places stay right), read as
/// the cell alone. `None` for every other line (a pipe row has two pipes or
/// more, and a pipe inside the text is not a border).
pub fn edge_pipe_blanked(line: &SourceLine) -> Option<SourceLine> {
    if line.cells.is_some() || line.text.matches(['|', '｜']).count() != 1 {
        return None;
    }
    let t = norm::trim(&line.text);
    if !(t.starts_with(['|', '｜']) || t.ends_with(['|', '｜'])) {
        return None;
    }
    let text = line.text.replace('|', " ").replace('｜', "   ");
    Some(SourceLine {
        text,
        ..line.clone()
    })
}

/// Most cells read from one table section: the three tables of a report
/// have under a thousand, so a section with more is a page that pasted
/// something else (a list, a log, a hostile file); reading stops there, to
/// keep the import's memory and time bounded by this, not by the input.
pub const MAX_SECTION_CELLS: usize = 20_000;

/// How many of `lines` fit in [`MAX_SECTION_CELLS`], counting each line's
/// cells as generously as [`tokenize`] could split them.
pub fn lines_within_cap(lines: &[SourceLine]) -> usize {
    let mut cells = 0;
    for (i, line) in lines.iter().enumerate() {
        cells += match &line.cells {
            Some(c) => c.len(),
            None => line
                .text
                .split(|c: char| matches!(c, '\t' | '|' | '｜') || c.is_whitespace())
                .filter(|w| !w.is_empty())
                .count(),
        }
        .max(1);
        if cells > MAX_SECTION_CELLS {
            return i;
        }
    }
    lines.len()
}

/// Turns the lines of a table section into the cell stream.
pub fn tokenize(lines: &[SourceLine]) -> Vec<Tok> {
    let mut out = Vec::new();
    // Whether the previous line was one cell of a one-cell-per-line table
    // (`\t` + text): a following line without a tab continues that cell.
    let mut cell_line = false;
    // The cells continued on later lines, to classify when whole.
    let mut continued: Vec<usize> = Vec::new();
    let bordered = lines
        .iter()
        .filter(|l| is_pipe_row(l))
        .all(|l| norm::trim(&l.text).starts_with(['|', '｜']));
    for line in lines {
        if let Some(cells) = &line.cells {
            for p in cells {
                out.push(Tok::Cell(cell_at(&p.text, p.offset)));
            }
            out.push(Tok::Break);
            cell_line = false;
            continue;
        }
        let text = line.text.as_str();
        if text.contains('\t') {
            let parts: Vec<&str> = text.split('\t').collect();
            if text.starts_with('\t') && parts.len() == 2 {
                out.push(Tok::Cell(cell_at(parts[1], line.offset + 1)));
                cell_line = true;
                continue;
            }
            let mut at = line.offset;
            for p in parts {
                out.push(Tok::Cell(cell_at(p, at)));
                at += p.len() + 1;
            }
            out.push(Tok::Break);
            cell_line = false;
            continue;
        }
        if line.is_blank() || is_caption(text) {
            out.push(Tok::Break);
            cell_line = false;
            continue;
        }
        if let Some(cells) = pipe_cells(line, bordered) {
            if !is_separator_row(&cells) {
                out.extend(cells.into_iter().map(Tok::Cell));
                out.push(Tok::Break);
            }
            cell_line = false;
            continue;
        }
        if cell_line && let Some(Tok::Cell(last)) = out.last_mut() {
            // Continuation of a cell broken across lines: classified once
            // it is whole (classified at each line, a label repeated on
            // thousands of lines took time by the square of their number).
            let t = norm::trim(text);
            last.piece.text.push_str(t);
            if continued.last() != Some(&(out.len() - 1)) {
                continued.push(out.len() - 1);
            }
            continue;
        }
        out.extend(space_cells(line).into_iter().map(Tok::Cell));
        out.push(Tok::Break);
    }
    for at in continued {
        if let Some(Tok::Cell(cell)) = out.get_mut(at) {
            cell.kind = classify(&cell.piece.text);
        }
    }
    expand_runs(out)
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_section_is_read_up_to_the_cell_bound() {
        let row = |n: usize| SourceLine::text(format!("规章\t{n}\t{n}\t{n}"), n * 20);
        let short: Vec<SourceLine> = (0..100).map(row).collect();
        assert_eq!(lines_within_cap(&short), 100);
        let long: Vec<SourceLine> = (0..MAX_SECTION_CELLS).map(row).collect();
        // Four cells a line.
        assert_eq!(lines_within_cap(&long), MAX_SECTION_CELLS / 4);
        let spaced = vec![SourceLine::text("规章 1 2 3 ".repeat(MAX_SECTION_CELLS), 0)];
        assert_eq!(lines_within_cap(&spaced), 0);
    }

    /// A cell broken across lines is classified whole, once: a label
    /// continued on 100,000 lines took time by the square of their number
    /// (a 1 MB page, 31 s).
    #[test]
    fn a_cell_continued_on_many_lines_is_classified_once_whole() {
        let tokens = |t: &str| super::tokenize(&crate::import::lines::text_lines(t));
        let kinds = |t: &str| -> Vec<Kind> {
            tokens(t)
                .into_iter()
                .filter_map(|t| match t {
                    super::Tok::Cell(c) => Some(c.kind),
                    super::Tok::Break => None,
                })
                .collect()
        };
        assert_eq!(kinds("\t12\n34\n"), [classify("1234")]);
        assert_eq!(kinds("\t（一）\n行政许可\n"), [classify("（一）行政许可")]);
        let long = format!(
            "\t本年新收\n{}",
            "本年新收政府信息公开申请数量\n".repeat(100_000)
        );
        let started = std::time::Instant::now();
        assert_eq!(kinds(&long).len(), 1);
        assert!(started.elapsed().as_secs() < 10);
    }

    /// The cells' texts of the lines of `t`.
    fn row(t: &str) -> Vec<String> {
        super::tokenize(&crate::import::lines::text_lines(t))
            .into_iter()
            .filter_map(|t| match t {
                super::Tok::Cell(c) => Some(c.piece.text),
                super::Tok::Break => None,
            })
            .collect()
    }

    #[test]
    fn figures_that_ran_together_are_split_only_when_the_row_adds_up() {
        assert_eq!(
            row("予以公开\t1\t2\t3\t4\t5 6\t21\n"),
            ["予以公开", "1", "2", "3", "4", "5", "6", "21"]
        );
        // 5 6 as 56 would not add up either: the cell stays as it is.
        assert_eq!(row("予以公开\t1\t2\t3\t4\t5 6\t99\n")[5], "5 6");
        assert_eq!(super::classify("1 964 904"), super::Kind::Label);
        assert!(matches!(super::classify("1964904"), super::Kind::Value(_)));
    }

    #[test]
    fn figures_run_onto_their_label_are_split_off() {
        assert_eq!(row("行政许可11398889\n"), ["行政许可", "11398889"]);
        assert_eq!(
            row("2.没有现成信息需要另行制作177 3 0 0 0 0 180\n"),
            [
                "2.没有现成信息需要另行制作",
                "177",
                "3",
                "0",
                "0",
                "0",
                "0",
                "180"
            ]
        );
        assert_eq!(row("第二十条第（一）项\n"), ["第二十条第（一）项"]);
        assert_eq!(row("附件1\n"), ["附件1"]);
    }

    #[test]
    fn captions_are_not_rows() {
        for t in [
            "表1",
            "表 3 主动公开政府信息情况",
            "表二：收到和处理政府信息公开申请情况",
            "续表",
        ] {
            assert!(super::is_caption(t), "{t}");
        }
        for t in ["表三 6 0 0", "表示", "行政许可 3", "表1 2 3"] {
            assert!(!super::is_caption(t), "{t}");
        }
    }

    use super::*;
    use crate::import::lines::text_lines;

    fn value(s: &str) -> Value {
        match classify(s) {
            Kind::Value(v) => v,
            k => panic!("{s}: {k:?}"),
        }
    }

    #[test]
    fn values_with_signs_units_and_notes() {
        assert_eq!(value("　0　").digits(), "0");
        assert_eq!(value("１２３").digits(), "123");
        let v = value("增 30513");
        assert!(v.signed && !v.negative);
        assert!(value("减 599").negative);
        assert!(value("-599").negative);
        assert_eq!(value("2792220.8元").unit, Unit::Yuan);
        let v = value("1964904(含淄博经开区)");
        assert_eq!(v.note.as_deref(), Some("含淄博经开区"));
        assert_eq!(
            value("1964904（含淄博经开区）").note.as_deref(),
            Some("含淄博经开区")
        );
        assert_eq!(value("1,964,904").digits(), "1964904");
        assert_eq!(value("76.786078").digits(), "76.786078");
        assert_eq!(classify("-"), Kind::NotApplicable);
        assert_eq!(classify("／"), Kind::NotApplicable);
        assert_eq!(classify(""), Kind::Empty);
        assert_eq!(classify("1.属于国家秘密"), Kind::Label);
        assert_eq!(classify("1."), Kind::Label);
        assert_eq!(classify("2020年"), Kind::Label);
        assert_eq!(classify("12,34"), Kind::Label);
    }

    fn texts(toks: &[Tok]) -> Vec<String> {
        toks.iter()
            .map(|t| match t {
                Tok::Cell(c) => c.piece.text.clone(),
                Tok::Break => "|".into(),
            })
            .collect()
    }

    #[test]
    fn layouts_become_one_stream() {
        let lines = text_lines(
            "\t本年新\n制作数量\n\t0\n\t\n\n规章\t0\t0\n| 行政许可 | 1 |\n|---|---|\n(三) 不予公开 1. 属于国家秘密 0 0 0\n商业 企业\n",
        );
        assert_eq!(
            texts(&tokenize(&lines)),
            [
                "本年新制作数量",
                "0",
                "",
                "|",
                "规章",
                "0",
                "0",
                "|",
                "行政许可",
                "1",
                "|",
                "(三) 不予公开",
                "1. 属于国家秘密",
                "0",
                "0",
                "0",
                "|",
                "商业 企业",
                "|"
            ]
        );
    }

    #[test]
    fn offsets_point_into_the_source() {
        let src = "规章\t0\t17\n";
        let toks = tokenize(&text_lines(src));
        let Tok::Cell(c) = &toks[2] else { panic!() };
        assert_eq!(
            src.slice(c.piece.offset, c.piece.offset + c.piece.len),
            "17"
        );
    }
}
