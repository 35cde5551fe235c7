//! Mapping the cell stream of sections 二, 三 and 四 onto the official tables,
//! by row label (never by row position), using the labels of
//! [`official`](crate::model::official).

use super::Sink;
use super::cells::{Cell, Kind, Tok, Unit, Value};
use super::lines::Piece;
use super::norm;
use crate::diag::{Diagnostic, codes};
use crate::model::official::{self, NumberKind, T3Role};
use crate::model::report::T2Value;
use crate::model::{CountRow, Decimal, Edition, Located, Number, Table2, Table3, Table4};
use crate::source::Span;

/// A run of the stream: a label cell and the value cells after it, split into
/// segments at row breaks.
#[derive(Debug, Clone)]
struct Entry {
    label: Option<Cell>,
    segments: Vec<Vec<Cell>>,
}

impl Entry {
    fn cells(&self) -> impl Iterator<Item = &Cell> {
        self.segments.iter().flatten()
    }

    fn has_numbers(&self) -> bool {
        self.cells().any(|c| matches!(c.kind, Kind::Value(_)))
    }

    fn is_bare(&self) -> bool {
        self.cells().next().is_none()
    }
}

fn entries(toks: &[Tok]) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::new();
    for t in toks {
        match t {
            Tok::Cell(c) if c.kind == Kind::Label => out.push(Entry {
                label: Some(c.clone()),
                segments: vec![Vec::new()],
            }),
            Tok::Cell(c) => {
                if out.is_empty() {
                    out.push(Entry {
                        label: None,
                        segments: vec![Vec::new()],
                    });
                }
                if let Some(seg) = out.last_mut().and_then(|e| e.segments.last_mut()) {
                    seg.push(c.clone());
                }
            }
            Tok::Break => {
                if let Some(e) = out.last_mut()
                    && e.segments.last().is_some_and(|s| !s.is_empty())
                {
                    e.segments.push(Vec::new());
                }
            }
        }
    }
    out
}

/// Joins a row label that was cut in two (a row broken across a page break
/// of a PDF, a label wrapped into the next row): two consecutive labels that
/// together are exactly an official label, while the second matches nothing
/// on its own and the first at most partly, become one entry. Its cells are
/// those of both parts, leaving out a part whose cells are all blank (the
/// half of a broken row without the figures).
fn join_split_labels(all: Vec<Entry>, cands: &[String]) -> Vec<Entry> {
    let best = |core: &str| {
        cands
            .iter()
            .filter_map(|c| norm::label_score(core, c))
            .max()
    };
    let mut out: Vec<Entry> = Vec::with_capacity(all.len());
    let mut it = all.into_iter().peekable();
    while let Some(e) = it.next() {
        let joined = match (&e.label, it.peek().and_then(|n| n.label.as_ref())) {
            (Some(a), Some(b)) => {
                let (ca, cb) = (norm::core(&a.piece.text), norm::core(&b.piece.text));
                let whole = format!("{ca}{cb}");
                best(&cb).is_none()
                    && best(&ca).is_none_or(|s| s < 10_000)
                    && best(&whole).is_some_and(|s| s >= 10_000)
            }
            _ => false,
        };
        if !joined {
            out.push(e);
            continue;
        }
        let Some(next) = it.next() else {
            out.push(e);
            break;
        };
        let mut label = e.label.clone().expect("checked above");
        if let Some(b) = &next.label {
            label.piece.text.push_str(&b.piece.text);
        }
        let filled = |seg: &&Vec<Cell>| seg.iter().any(|c| c.kind != Kind::Empty);
        let mut segments: Vec<Vec<Cell>> = e
            .segments
            .iter()
            .chain(&next.segments)
            .filter(filled)
            .cloned()
            .collect();
        if segments.is_empty() {
            segments = e.segments.clone();
        }
        out.push(Entry {
            label: Some(label),
            segments,
        });
    }
    out
}

/// The value slots of a row, as taken by [`take_slots`].
struct Slots {
    /// The cells in column order.
    cells: Vec<Cell>,
    /// Numbers left over after the slots were filled.
    rest: Vec<Cell>,
    /// Set (to the number of cells read) when the row has more cells than
    /// columns and the blank ones cannot be told from the spare ones: blanks
    /// both before and after the figures, and the figures would land in
    /// different columns depending on which are dropped.
    ambiguous: Option<usize>,
}

/// Drops blank cells beyond `expected`, from the front first (the
/// placeholders of a label that spans several columns, or the rest of a header
/// row), then from the back (a closing delimiter or a trailing tab).
fn trim_blanks(mut take: Vec<Cell>, expected: usize, front_first: bool) -> Vec<Cell> {
    let blank = |c: Option<&Cell>| c.is_some_and(|c| c.kind == Kind::Empty);
    let front = |take: &mut Vec<Cell>| {
        let n = take.iter().take_while(|c| c.kind == Kind::Empty).count();
        let n = n.min(take.len().saturating_sub(expected));
        take.drain(..n);
    };
    let back = |take: &mut Vec<Cell>| {
        while take.len() > expected && blank(take.last()) {
            take.pop();
        }
    };
    if front_first {
        front(&mut take);
        back(&mut take);
    } else {
        back(&mut take);
        front(&mut take);
    }
    take
}

/// Takes `expected` value slots from the segments: whole segments until
/// enough cells are gathered, then blank cells beyond `expected` trimmed (see
/// [`trim_blanks`]). Whatever numbers are left over are returned apart.
fn take_slots(e: &Entry, expected: usize) -> Slots {
    let mut take: Vec<Cell> = Vec::new();
    let mut rest: Vec<Cell> = Vec::new();
    for seg in &e.segments {
        if take.len() >= expected {
            rest.extend(seg.iter().cloned());
        } else {
            take.extend(seg.iter().cloned());
        }
    }
    let read = take.len();
    let other = trim_blanks(take.clone(), expected, false);
    let mut take = trim_blanks(take, expected, true);
    let kinds = |v: &[Cell]| {
        v.iter()
            .take(expected)
            .map(|c| c.kind.clone())
            .collect::<Vec<_>>()
    };
    let ambiguous = (kinds(&take) != kinds(&other)).then_some(read);
    if take.len() > expected {
        let extra = take.split_off(expected);
        rest.splice(0..0, extra);
    }
    rest.retain(|c| matches!(c.kind, Kind::Value(_) | Kind::NotApplicable));
    Slots {
        cells: take,
        rest,
        ambiguous,
    }
}

/// Reports a row whose blank cells cannot be placed (see [`Slots`]).
fn ambiguous_row(sink: &mut Sink, what: &str, read: usize, expected: usize, at: &Piece) {
    sink.push(
        Diagnostic::error(
            codes::IMPORT_MISSING,
            format!(
                "{what}一行读到 {read} 个单元格，应有 {expected} 个；空白单元格既可能在行首也可能在行尾，无法确定各数字属于哪一列，本行未导入"
            ),
        )
        .help("请对照原表手工填写这一行（空白的单元格写 ~）"),
        at,
    );
}

/// Every header text of the three tables, canonical.
fn known_headers() -> Vec<String> {
    let mut out: Vec<&str> = vec![
        official::T2_CONTENT_LABEL,
        official::T2_2019_PURCHASE_UNIT,
        official::T3_CAPTION,
        official::T3_APPLICANTS,
        official::T3_ORGANISATIONS,
        official::T3_RESULTS_LABEL,
        official::T4_LITIGATION,
    ];
    for e in [Edition::E2019, Edition::E2021] {
        for g in official::t2_groups(e) {
            out.push(g.title);
            out.extend(g.headers.iter().map(|h| h.label));
        }
    }
    out.extend(official::T3_COLUMNS);
    out.extend(official::T4_COLUMNS);
    out.extend(official::T4_GROUPS.iter().map(|g| g.label));
    out.into_iter().map(norm::canon).collect()
}

fn is_known_header(label: &str, headers: &[String]) -> bool {
    let c = norm::canon(label);
    !c.is_empty() && headers.iter().any(|h| h.contains(&c))
}

/// Reports figures and text of a table that could not be placed.
fn unplaced(sink: &mut Sink, e: &Entry, headers: &[String], what: &str) {
    let numbers: Vec<&Cell> = e
        .cells()
        .filter(|c| matches!(c.kind, Kind::Value(_)))
        .collect();
    match (&e.label, numbers.first()) {
        (label, Some(first)) => {
            let shown: Vec<&str> = numbers.iter().map(|c| c.piece.text.as_str()).collect();
            let at = &first.piece;
            let msg = match label {
                Some(l) => format!(
                    "{what}中“{}”后的数字无法归入任何单元格：{}",
                    l.piece.text,
                    shown.join(" ")
                ),
                None => format!("{what}中的数字无法归入任何单元格：{}", shown.join(" ")),
            };
            sink.push(
                Diagnostic::warning(codes::IMPORT_UNPLACED, msg).help(
                    "这一行的标签与官方表格的任何一行都对不上；如确属表格内容，请手工补入数据文件",
                ),
                at,
            );
        }
        (Some(l), None) if !is_known_header(&l.piece.text, headers) => {
            sink.push(
                Diagnostic::info(
                    codes::IMPORT_UNPLACED,
                    format!("{what}中未识别的文字，未导入：{}", l.piece.text),
                ),
                &l.piece,
            );
        }
        _ => {}
    }
}

/// Detects the edition from the tables: the 2021 sub-rows of （六）其他处理 in
/// section 三, else a 2019 single-row （六）其他处理 followed by figures, else
/// the edition-specific headers and rows of section 二.
pub fn detect_edition(t2: &[Tok], t3: &[Tok]) -> Option<(Edition, Piece)> {
    let r21 = official::T3_2021;
    let only_2021: Vec<String> = r21
        .iter()
        .filter(|r| official::T3_2019.iter().all(|o| o.label != r.label))
        .map(|r| norm::core(r.label))
        .filter(|c| c.chars().count() >= 4)
        .collect();
    let other_2019 = official::T3_2019
        .iter()
        .find(|r| official::T3_2021.iter().all(|o| o.label != r.label))
        .map(|r| norm::core(r.label));
    let cells: Vec<&Cell> = t3
        .iter()
        .filter_map(|t| match t {
            Tok::Cell(c) => Some(c),
            Tok::Break => None,
        })
        .collect();
    for (i, c) in cells.iter().enumerate() {
        if c.kind != Kind::Label {
            continue;
        }
        let core = norm::core(&c.piece.text);
        if only_2021
            .iter()
            .any(|o| norm::label_score(&core, o).is_some_and(|s| s >= 4))
        {
            return Some((Edition::E2021, c.piece.clone()));
        }
        if other_2019.as_deref() == Some(core.as_str()) {
            let next = cells[i + 1..].iter().find(|n| n.kind != Kind::Empty);
            if next.is_some_and(|n| matches!(n.kind, Kind::Value(_) | Kind::NotApplicable)) {
                return Some((Edition::E2019, c.piece.clone()));
            }
        }
    }
    // Section 二: labels that exist in one edition only.
    let labels = |e: Edition| -> Vec<String> {
        official::t2_groups(e)
            .iter()
            .flat_map(|g| {
                g.headers
                    .iter()
                    .map(|h| h.label)
                    .chain(g.rows.iter().map(|r| r.label))
            })
            .map(norm::canon)
            .collect()
    };
    let (l19, l21) = (labels(Edition::E2019), labels(Edition::E2021));
    let only19: Vec<&String> = l19.iter().filter(|l| !l21.contains(l)).collect();
    let only21: Vec<&String> = l21.iter().filter(|l| !l19.contains(l)).collect();
    let (mut v19, mut v21) = (None, None);
    for t in t2 {
        if let Tok::Cell(c) = t
            && c.kind == Kind::Label
        {
            let cc = norm::canon(&c.piece.text);
            if v19.is_none() && only19.iter().any(|l| **l == cc) {
                v19 = Some(c.piece.clone());
            }
            if v21.is_none() && only21.iter().any(|l| **l == cc) {
                v21 = Some(c.piece.clone());
            }
        }
    }
    match (v19, v21) {
        (Some(p), None) => Some((Edition::E2019, p)),
        (None, Some(p)) => Some((Edition::E2021, p)),
        _ => None,
    }
}

/// Converts a value cell to a number of `kind`; `yuan` when the column header
/// says the amounts are in 元.
fn number(
    sink: &mut Sink,
    cell: &Cell,
    v: &Value,
    kind: NumberKind,
    yuan: bool,
    what: &str,
) -> Option<Number> {
    let text = &cell.piece.text;
    let fail = |sink: &mut Sink, msg: String| {
        sink.push(Diagnostic::error(codes::IMPORT_MISSING, msg), &cell.piece);
        None
    };
    if v.approx {
        sink.push(
            Diagnostic::warning(
                codes::IMPORT_VALUE,
                format!("{what}写作“{text}”（约数），按 {} 导入", v.digits()),
            ),
            &cell.piece,
        );
    }
    match kind {
        NumberKind::Count | NumberKind::Signed => {
            if matches!(v.unit, Unit::Yuan | Unit::WanYuan) {
                sink.push(
                    Diagnostic::warning(
                        codes::IMPORT_VALUE,
                        format!(
                            "{what}是件数，却带有金额单位（“{text}”），按 {} 导入",
                            v.digits()
                        ),
                    ),
                    &cell.piece,
                );
            }
            if !v.frac.is_empty() {
                return fail(sink, format!("{what}应为整数，原文是“{text}”，未导入"));
            }
            let n: u64 = match v.int.parse() {
                Ok(n) => n,
                Err(_) => return fail(sink, format!("{what}数字过大（“{text}”），未导入")),
            };
            if kind == NumberKind::Signed {
                let n = i64::try_from(n).ok()?;
                Some(Number::Signed(if v.negative { -n } else { n }))
            } else if v.negative {
                fail(sink, format!("{what}不能为负数，原文是“{text}”，未导入"))
            } else {
                Some(Number::Count(n))
            }
        }
        NumberKind::Amount => {
            if v.negative {
                return fail(sink, format!("{what}不能为负数，原文是“{text}”，未导入"));
            }
            let in_yuan = v.unit == Unit::Yuan || (yuan && v.unit != Unit::WanYuan);
            let digits = if in_yuan { yuan_to_wan(v) } else { v.digits() };
            let Some(d) = Decimal::parse(&digits) else {
                return fail(sink, format!("{what}无法读成金额（“{text}”），未导入"));
            };
            if in_yuan {
                sink.push(
                    Diagnostic::info(
                        codes::IMPORT_VALUE,
                        format!(
                            "{what}原文以元为单位（“{text}”），按 1 万元 = 10000 元换算为 {d} 万元"
                        ),
                    ),
                    &cell.piece,
                );
            }
            Some(Number::Amount(d))
        }
    }
}

/// Divides a decimal written in 元 by 10000, exactly, as decimal text.
fn yuan_to_wan(v: &Value) -> String {
    let digits = format!("{}{}", v.int, v.frac);
    let scale = v.frac.len() + 4;
    let padded = format!("{digits:0>width$}", width = scale + 1);
    let (int, frac) = padded.split_at(padded.len() - scale);
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        int.to_string()
    } else {
        format!("{int}.{frac}")
    }
}

/// Reports a row's blank cells in one warning.
fn blanks(sink: &mut Sink, label: &Piece, names: &[String], na: bool) {
    if names.is_empty() {
        return;
    }
    let how = if na {
        "空白或写作“-”“/”"
    } else {
        "空白"
    };
    sink.push(
        Diagnostic::warning(
            codes::IMPORT_BLANK,
            format!(
                "“{}”一行中 {} 个单元格原文{how}，导入为空（~）：{}",
                label.text,
                names.len(),
                names.join("、")
            ),
        )
        .help("空白不等于 0：请核实后在数据文件中填写数字"),
        label,
    );
}

/// A matched row of a counting table (section 三 or 四).
struct Counted {
    row: CountRow,
}

/// Reads `width` input cells plus the printed total from value slots.
fn count_row(
    sink: &mut Sink,
    label: &Piece,
    slots: &[Cell],
    names: &[&str],
    what: &str,
) -> Counted {
    let width = names.len() - 1;
    let mut row = CountRow::empty(width);
    row.present = true;
    let mut blank_names = Vec::new();
    let mut na = false;
    for (i, c) in slots.iter().enumerate().take(names.len()) {
        let cell_what = format!("{what}“{}”列", names[i]);
        let value = match &c.kind {
            Kind::Value(v) => {
                if let Some(note) = &v.note {
                    sink.push(
                        Diagnostic::warning(
                            codes::IMPORT_VALUE,
                            format!(
                                "{cell_what}的注释“{note}”无法写入数据文件，只导入数字 {}",
                                v.digits()
                            ),
                        ),
                        &c.piece,
                    );
                }
                number(sink, c, v, NumberKind::Count, false, &cell_what).and_then(|n| match n {
                    Number::Count(n) => Some(Located::new(n, Span::default())),
                    _ => None,
                })
            }
            Kind::Empty | Kind::NotApplicable => {
                na |= c.kind == Kind::NotApplicable;
                blank_names.push(names[i].to_string());
                None
            }
            Kind::Label => None,
        };
        if i < width {
            row.cells[i] = value;
        } else {
            row.printed_total = value;
        }
    }
    blanks(sink, label, &blank_names, na);
    Counted { row }
}

/// What a section-三 label names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum T3Match {
    Row(usize),
    Group(&'static str),
    Results,
}

/// Maps section 三.
pub fn table3(sink: &mut Sink, toks: &[Tok], edition: Edition, heading: &Piece) -> Table3 {
    let defs = official::t3_rows(edition);
    let cores: Vec<String> = defs.iter().map(|r| norm::core(r.label)).collect();
    let groups: Vec<(&'static str, String)> = official::t3_groups(edition)
        .iter()
        .map(|g| (g.key, norm::core(g.label)))
        .collect();
    let results_core = norm::core(official::T3_RESULTS_LABEL);
    let headers = known_headers();
    let mut table = Table3::empty(edition);
    let mut found: Vec<Option<Piece>> = vec![None; defs.len()];
    let mut group: Option<&'static str> = None;
    let mut seen_result = false;
    let names: Vec<&str> = official::T3_COLUMNS.to_vec();
    let mut cands: Vec<String> = cores.clone();
    cands.extend(groups.iter().map(|(_, g)| g.clone()));
    cands.push(results_core.clone());
    let all = join_split_labels(entries(toks), &cands);
    let mut last_row: Option<(usize, bool)> = None; // (row index, had cells)
    for e in &all {
        let Some(label) = &e.label else {
            unplaced(sink, e, &headers, "表三");
            continue;
        };
        let core = norm::core(&label.piece.text);
        let mut best: Option<(usize, T3Match)> = None;
        let mut consider = |score: Option<usize>, m: T3Match| {
            if let Some(s) = score
                && best.is_none_or(|(b, _)| s > b)
            {
                best = Some((s, m));
            }
        };
        consider(norm::label_score(&core, &results_core), T3Match::Results);
        for (key, gcore) in &groups {
            consider(norm::label_score(&core, gcore), T3Match::Group(key));
        }
        for (i, def) in defs.iter().enumerate() {
            let short = cores[i].chars().count() < 4;
            if short && def.group.is_some_and(|g| Some(g.key) != group) {
                continue;
            }
            if def.role == T3Role::ResultTotal && !seen_result {
                continue;
            }
            consider(norm::label_score(&core, &cores[i]), T3Match::Row(i));
        }
        let m = best.map(|(_, m)| m);
        // A label broken across cells: the second part continues a row label
        // that has no figures yet.
        let target = match (m, last_row) {
            (None, Some((i, false))) => Some(i),
            (Some(T3Match::Row(i)), _) => Some(i),
            _ => None,
        };
        match m {
            Some(T3Match::Group(g)) => group = Some(g),
            Some(T3Match::Results) => group = None,
            _ => {}
        }
        let Some(i) = target else {
            sink.set_path(None);
            if m.is_none() || e.has_numbers() {
                unplaced(sink, e, &headers, "表三");
            }
            last_row = None;
            continue;
        };
        let def = &defs[i];
        sink.set_path(Some(format!("依申请公开.{}", def.path())));
        if let Some(g) = def.group {
            group = Some(g.key);
        } else if def.role != T3Role::Result {
            group = None;
        }
        if e.is_bare() {
            last_row = Some((i, false));
            continue;
        }
        last_row = Some((i, true));
        let Slots {
            cells: slots,
            rest,
            ambiguous,
        } = take_slots(e, names.len());
        if slots.len() < names.len() && !e.has_numbers() {
            // A header cell that happens to read like a row label.
            continue;
        }
        if found[i].is_some() {
            unplaced(sink, e, &headers, "表三（重复的行）");
            continue;
        }
        if matches!(def.role, T3Role::Result) {
            seen_result = true;
        }
        found[i] = Some(label.piece.clone());
        if let Some(read) = ambiguous {
            let what = format!("表三“{}”", def.full_label());
            ambiguous_row(sink, &what, read, names.len(), &label.piece);
            table.rows[i].present = true;
            continue;
        }
        if slots.len() < names.len() {
            sink.push(
                Diagnostic::error(
                    codes::IMPORT_MISSING,
                    format!(
                        "表三“{}”一行只读到 {} 个单元格，应有 {} 个（{}），本行未导入",
                        def.full_label(),
                        slots.len(),
                        names.len(),
                        names.join("、")
                    ),
                )
                .help("原文这一行可能残缺或被拆散，或空白单元格在提取文字时丢失（以空格分隔的表格看不出空白在哪一列）；请对照原表手工填写，空白的单元格写 ~"),
                &label.piece,
            );
            table.rows[i].present = true;
            continue;
        }
        if !rest.is_empty() {
            let extra = Entry {
                label: Some(label.clone()),
                segments: vec![rest],
            };
            unplaced(sink, &extra, &headers, "表三（多出的数字）");
        }
        let what = format!("表三“{}”", def.full_label());
        table.rows[i] = count_row(sink, &label.piece, &slots, &names, &what).row;
    }
    sink.set_path(None);
    let missing: Vec<String> = defs
        .iter()
        .zip(&found)
        .filter(|(_, f)| f.is_none())
        .map(|(d, _)| {
            sink.note(
                &format!("依申请公开.{}", d.path()),
                "导入：原文中找不到这一行（或已残缺），未导入",
            );
            d.full_label()
        })
        .collect();
    if !missing.is_empty() {
        let mut d = Diagnostic::error(
            codes::IMPORT_MISSING,
            format!("表三缺少 {} 行（原文中找不到或已残缺）", missing.len()),
        );
        for m in &missing {
            d = d.note(format!("缺少：{m}"));
        }
        sink.push(d.help("请对照原报告手工补填这些行"), heading);
    }
    table
}

/// Maps section 二.
pub fn table2(sink: &mut Sink, toks: &[Tok], edition: Edition, heading: &Piece) -> Table2 {
    let groups = official::t2_groups(edition);
    let other = official::t2_groups(match edition {
        Edition::E2019 => Edition::E2021,
        Edition::E2021 => Edition::E2019,
    });
    let headers = known_headers();
    let mut table = Table2::empty(edition);
    let mut found: Vec<Vec<bool>> = groups.iter().map(|g| vec![false; g.rows.len()]).collect();
    let cands: Vec<String> = groups
        .iter()
        .chain(other.iter())
        .flat_map(|g| g.rows.iter().map(|r| norm::core(r.label)))
        .collect();
    let all = join_split_labels(entries(toks), &cands);
    let mut yuan_headers: Vec<String> = Vec::new();
    let mut last_row: Option<((usize, usize), bool)> = None;
    for e in &all {
        let Some(label) = &e.label else {
            unplaced(sink, e, &headers, "表二");
            continue;
        };
        let core = norm::core(&label.piece.text);
        let canon = norm::canon(&label.piece.text);
        if (canon.contains("(元)") || canon.contains("单位:元") || canon.contains("(单位:元)"))
            && !canon.contains("万元")
        {
            yuan_headers.push(canon.clone());
        }
        let mut best: Option<(usize, (usize, usize))> = None;
        for (gi, g) in groups.iter().enumerate() {
            for (ri, r) in g.rows.iter().enumerate() {
                let mut cands = vec![norm::core(r.label)];
                if let Some(alt) = other.get(gi).and_then(|og| og.rows.get(ri)) {
                    cands.push(norm::core(alt.label));
                }
                for c in cands {
                    if let Some(s) = norm::label_score(&core, &c)
                        && best.is_none_or(|(b, _)| s > b)
                    {
                        best = Some((s, (gi, ri)));
                    }
                }
            }
        }
        let target = match (best, last_row) {
            (Some((_, at)), _) => Some(at),
            (None, Some((at, false))) => Some(at),
            _ => None,
        };
        let Some((gi, ri)) = target else {
            sink.set_path(None);
            unplaced(sink, e, &headers, "表二");
            last_row = None;
            continue;
        };
        if e.is_bare() {
            last_row = Some(((gi, ri), false));
            continue;
        }
        last_row = Some(((gi, ri), true));
        let row = &groups[gi].rows[ri];
        sink.set_path(Some(format!("主动公开.{}", row.key)));
        let Slots {
            cells: slots,
            rest,
            ambiguous,
        } = take_slots(e, row.cells.len());
        if slots.len() < row.cells.len() && !e.has_numbers() {
            continue;
        }
        if found[gi][ri] {
            unplaced(sink, e, &headers, "表二（重复的行）");
            continue;
        }
        found[gi][ri] = true;
        if let Some(read) = ambiguous {
            let what = format!("表二“{}”", row.label);
            ambiguous_row(sink, &what, read, row.cells.len(), &label.piece);
            continue;
        }
        let names: Vec<String> = row
            .cells
            .iter()
            .enumerate()
            .map(|(ci, c)| {
                c.key.map(str::to_string).unwrap_or_else(|| {
                    groups[gi]
                        .headers
                        .get(ci)
                        .map_or(row.label.to_string(), |h| h.label.to_string())
                })
            })
            .collect();
        if slots.len() < row.cells.len() {
            sink.push(
                Diagnostic::error(
                    codes::IMPORT_MISSING,
                    format!(
                        "表二“{}”一行只读到 {} 个单元格，应有 {} 个（{}），本行未导入",
                        row.label,
                        slots.len(),
                        row.cells.len(),
                        names.join("、")
                    ),
                ),
                &label.piece,
            );
            continue;
        }
        if !rest.is_empty() {
            let extra = Entry {
                label: Some(label.clone()),
                segments: vec![rest],
            };
            unplaced(sink, &extra, &headers, "表二（多出的数字）");
        }
        let mut blank_names = Vec::new();
        let mut na = false;
        for (ci, (def, c)) in row.cells.iter().zip(&slots).enumerate() {
            let what = format!("表二“{}”的“{}”", row.label, names[ci]);
            match &c.kind {
                Kind::Value(v) => {
                    let yuan = def.kind == NumberKind::Amount && !yuan_headers.is_empty();
                    if let Some(n) = number(sink, c, v, def.kind, yuan, &what) {
                        let note = v.note.clone();
                        if note.is_some() && def.key.is_some() {
                            // Notes are kept for every cell; the data format
                            // allows them on any single number of section 二.
                        }
                        table.cells[gi][ri][ci] = Some(T2Value {
                            number: Located::new(n, Span::default()),
                            note,
                        });
                    }
                }
                Kind::Empty | Kind::NotApplicable => {
                    na |= c.kind == Kind::NotApplicable;
                    blank_names.push(names[ci].clone());
                }
                Kind::Label => {}
            }
        }
        blanks(sink, &label.piece, &blank_names, na);
    }
    sink.set_path(None);
    let mut missing: Vec<&str> = Vec::new();
    for (g, f) in groups.iter().zip(&found) {
        for (r, _) in g.rows.iter().zip(f).filter(|(_, f)| !**f) {
            sink.note(
                &format!("主动公开.{}", r.key),
                "导入：原文中找不到这一行（或已残缺），未导入",
            );
            missing.push(r.label);
        }
    }
    if !missing.is_empty() {
        let mut d = Diagnostic::error(
            codes::IMPORT_MISSING,
            format!("表二缺少 {} 行（原文中找不到或已残缺）", missing.len()),
        );
        for m in &missing {
            d = d.note(format!("缺少：{m}"));
        }
        sink.push(d.help("请对照原报告手工补填这些行"), heading);
    }
    table
}

/// Maps section 四: either three labelled rows (`行政复议 0 0 0 0 0`) or, as
/// in the official layout, 15 figures after the header rows.
pub fn table4(sink: &mut Sink, toks: &[Tok], heading: &Piece) -> Table4 {
    let headers = known_headers();
    let mut table = Table4::empty();
    let names: Vec<&str> = official::T4_COLUMNS.to_vec();
    let all = entries(toks);
    let group_cores: Vec<String> = official::T4_GROUPS
        .iter()
        .map(|g| norm::core(g.label))
        .collect();
    // Labelled rows.
    let mut labelled = 0;
    for e in &all {
        let Some(label) = &e.label else { continue };
        let core = norm::core(&label.piece.text);
        let Some(gi) = group_cores.iter().position(|g| *g == core) else {
            continue;
        };
        if !e.has_numbers() {
            continue;
        }
        let Slots {
            cells: slots,
            ambiguous,
            ..
        } = take_slots(e, names.len());
        if let Some(read) = ambiguous {
            let what = format!("表四“{}”", official::T4_GROUPS[gi].label);
            ambiguous_row(sink, &what, read, names.len(), &label.piece);
            labelled += 1;
            continue;
        }
        if slots.len() >= official::T4_INPUT_COLUMNS {
            let what = format!("表四“{}”", official::T4_GROUPS[gi].label);
            sink.set_path(Some(format!("复议诉讼.{}", official::T4_GROUPS[gi].key)));
            table.rows[gi] = count_row(sink, &label.piece, &slots, &names, &what).row;
            sink.set_path(None);
            labelled += 1;
        }
    }
    if labelled == official::T4_GROUPS.len() {
        return table;
    }
    // The official layout: header rows, then one row of 15 figures.
    let last_header = all.iter().rposition(|e| {
        e.label
            .as_ref()
            .is_some_and(|l| is_known_header(&l.piece.text, &headers))
    });
    let width = names.len() * official::T4_GROUPS.len();
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
        }) if slots.len() == width && slots.iter().any(|c| c.kind != Kind::Empty) => {
            let label = slots
                .iter()
                .find(|c| c.kind != Kind::Empty)
                .map_or(heading.clone(), |c| c.piece.clone());
            for (gi, g) in official::T4_GROUPS.iter().enumerate() {
                let part = &slots[gi * names.len()..(gi + 1) * names.len()];
                let what = format!("表四“{}”", g.label);
                sink.set_path(Some(format!("复议诉讼.{}", g.key)));
                let mut piece = label.clone();
                piece.text = g.label.to_string();
                table.rows[gi] = count_row(sink, &piece, part, &names, &what).row;
            }
            sink.set_path(None);
            if !rest.is_empty() {
                let extra = Entry {
                    label: None,
                    segments: vec![rest],
                };
                unplaced(sink, &extra, &headers, "表四（多出的数字）");
            }
        }
        other => {
            for g in official::T4_GROUPS {
                sink.note(
                    &format!("复议诉讼.{}", g.key),
                    "导入：原文中这张表没能读全，未导入",
                );
            }
            let (n, ambiguous) = other.map_or((0, None), |s| {
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
                    format!(
                        "表四的数字没能读全：应有 {width} 个单元格，读到 {n} 个数字，整张表未导入"
                    ),
                ),
            };
            sink.push(
                d.help("原文表头或数字可能残缺，或空白单元格在提取文字时丢失（以空格分隔的表格看不出空白在哪一列）；请对照原表手工填写“复议诉讼”"),
                heading,
            );
        }
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Value {
        match super::super::cells::classify(s) {
            Kind::Value(v) => v,
            _ => panic!(),
        }
    }

    #[test]
    fn yuan_divides_exactly() {
        assert_eq!(yuan_to_wan(&v("2792220.8元")), "279.22208");
        assert_eq!(yuan_to_wan(&v("251000元")), "25.1");
        assert_eq!(yuan_to_wan(&v("5元")), "0.0005");
        assert_eq!(yuan_to_wan(&v("0元")), "0");
    }
}
