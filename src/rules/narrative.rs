//! Narrative text: placeholders that name nothing (PLACEHOLDER) and figures
//! written literally that contradict the tables (NARR).

use super::locate_in_text;
use super::meta::ascii_digits;
use crate::diag::{Diagnostic, codes};
use crate::load::suggest;
use crate::model::official::{self, T3Role};
use crate::model::{Report, Text};
use crate::placeholder;
use crate::source::SourceFile;

pub(super) fn check(report: &Report, file: &SourceFile, out: &mut Vec<Diagnostic>) {
    let known = placeholder::known_paths(report);
    for (key, text) in report.narratives() {
        let mut seen: Vec<String> = Vec::new();
        for p in placeholder::find(&text.value) {
            let raw = &text.value[p.range.clone()];
            let nth = seen.iter().filter(|s| *s == raw).count();
            seen.push(raw.to_string());
            if placeholder::resolve(report, &p.path).is_some() {
                continue;
            }
            let mut d = Diagnostic::new(
                codes::PLACEHOLDER,
                format!("占位符“{}”没有对应的数据", p.path),
            )
            .at(locate_in_text(file, text, raw, nth))
            .path(key);
            if let Some(s) = suggest_path(&p.path, &known) {
                d = d.label(format!("是不是“{s}”？"));
            } else {
                d = d.note("占位符写作 {{ 依申请公开.本年新收.总计 }}，名称是数据文件自己的键");
            }
            out.push(d);
        }
        lookalikes(report, file, key, text, out);
        narr(report, file, key, text, out);
    }
}

/// Placeholders typed with full-width braces or a brace short: printed
/// literally otherwise.
fn lookalikes(
    report: &Report,
    file: &SourceFile,
    key: &str,
    text: &Text,
    out: &mut Vec<Diagnostic>,
) {
    let mut seen: Vec<&str> = Vec::new();
    for l in placeholder::lookalikes(&text.value) {
        let raw = &text.value[l.range.clone()];
        let nth = seen.iter().filter(|s| **s == raw).count();
        seen.push(raw);
        let mut d = Diagnostic::new(
            codes::PLACEHOLDER,
            format!("这里像是占位符，但{}，会原样印在年报上", l.problem),
        )
        .at(locate_in_text(file, text, raw, nth))
        .path(key)
        .label(format!("改为 {}", l.fix()))
        .help(
            "占位符用两个半角大括号：{{ 名称 }}；中文输入法下先按 Ctrl+.（句点）切换到英文标点，或按 Shift 切换到英文，再输入“{”",
        );
        if placeholder::resolve(report, &l.path).is_none() {
            d = d.note(format!("“{}”也不是数据文件中的名称", l.path));
        }
        out.push(d);
    }
}

/// The known path a mistyped placeholder most likely meant. A table row
/// named without its column means its total (`依申请公开.本年新收` →
/// `依申请公开.本年新收.总计`), which is what a sentence cites.
fn suggest_path<'a>(path: &str, known: &'a [String]) -> Option<&'a str> {
    let total = format!("{path}.{}", official::T3_COLUMNS[official::T3_TOTAL_COLUMN]);
    known
        .iter()
        .find(|k| **k == total)
        .map(String::as_str)
        .or_else(|| suggest::closest(path, known.iter().map(String::as_str)))
}

/// What a literal figure in prose refers to.
#[derive(Debug, Clone, Copy)]
enum Figure {
    Received,
    CarriedIn,
    CarriedOut,
    Decided,
    Disclosed,
    Reconsideration,
    Litigation,
}

/// Words that make a sentence about 政府信息公开 requests or cases.
fn about_disclosure(sentence: &str) -> bool {
    ["信息公开", "公开申请", "依申请"]
        .iter()
        .any(|w| sentence.contains(w))
}

/// What the figure in `clause` (the words around it, up to the nearest
/// punctuation) counts, given the `sentence` it stands in. Only sentences
/// about 政府信息公开 count: 行政许可申请 and 复议决定书 are other figures.
fn classify(clause: &str, sentence: &str) -> Option<Figure> {
    if !about_disclosure(sentence) || clause.contains("建议") || clause.contains("提案") {
        return None;
    }
    // Section 四 first: "上年结转的2件行政复议案件" is a case, not a request.
    if clause.contains("行政复议") {
        return (!clause.contains("决定书")).then_some(Figure::Reconsideration);
    }
    if clause.contains("行政诉讼") {
        return Some(Figure::Litigation);
    }
    if [
        "结转下年",
        "结转至下年",
        "转入下一年",
        "结转到下年",
        "结转下一年",
    ]
    .iter()
    .any(|w| clause.contains(w))
    {
        return Some(Figure::CarriedOut);
    }
    if clause.contains("上年") && clause.contains("结转") {
        return Some(Figure::CarriedIn);
    }
    if clause.contains("予以公开") {
        return Some(Figure::Disclosed);
    }
    if ["办结", "答复", "办理完毕", "处理完毕"]
        .iter()
        .any(|w| clause.contains(w))
    {
        return Some(Figure::Decided);
    }
    if ["收到", "新收", "受理", "接收"]
        .iter()
        .any(|w| clause.contains(w))
        && clause.contains("申请")
    {
        return Some(Figure::Received);
    }
    None
}

/// The figure the table gives, computed from its parts (a wrong printed
/// total is T3-ROWSUM's business, not a reason to doubt the prose).
fn table_value(report: &Report, f: Figure) -> Option<(u64, &'static str)> {
    let ed = report.edition();
    let t3 = |role| {
        let row = &report.table3.rows[official::t3_index(ed, role)];
        row.sum().or_else(|| row.total())
    };
    let t4 = |i: usize| {
        let row = &report.table4.rows[i];
        row.sum().or_else(|| row.total())
    };
    match f {
        Figure::Received => t3(T3Role::Received).map(|v| (v, "表三“一、本年新收”总计")),
        Figure::CarriedIn => t3(T3Role::CarriedIn).map(|v| (v, "表三“二、上年结转”总计")),
        Figure::CarriedOut => {
            t3(T3Role::CarriedOut).map(|v| (v, "表三“四、结转下年度继续办理”总计"))
        }
        Figure::Decided => report
            .table3
            .results_sum(ed, official::T3_TOTAL_COLUMN)
            .map(|v| (v, "表三“（七）总计”（各项办理结果之和）")),
        Figure::Disclosed => {
            let i = official::t3_rows(ed)
                .iter()
                .position(|r| r.keys.last() == Some(&"予以公开"))?;
            let row = &report.table3.rows[i];
            row.sum()
                .or_else(|| row.total())
                .map(|v| (v, "表三“（一）予以公开”总计"))
        }
        Figure::Reconsideration => t4(0).map(|v| (v, "表四“行政复议”总计")),
        Figure::Litigation => Some((
            t4(1)?.checked_add(t4(2)?)?,
            "表四“行政诉讼”总计（未经复议直接起诉 + 复议后起诉）",
        )),
    }
}

/// A placeholder's value in the resolved text: its character range there
/// and how many characters the placeholder itself has in the source.
struct Replaced {
    range: std::ops::Range<usize>,
    source_chars: usize,
}

impl Replaced {
    fn contains(&self, i: &usize) -> bool {
        self.range.contains(i)
    }
}

/// The source character index of resolved character `i` (outside values).
fn source_index(replaced: &[Replaced], i: usize) -> usize {
    replaced
        .iter()
        .take_while(|r| r.range.end <= i)
        .fold(i, |k, r| k + r.source_chars - r.range.len())
}

/// The text with its placeholders replaced by their values (an empty cell
/// by nothing), and where the values are.
fn resolve_placeholders(report: &Report, text: &str) -> (String, Vec<Replaced>) {
    let mut out = String::with_capacity(text.len());
    let mut ranges = Vec::new();
    let mut chars = 0;
    let mut last = 0;
    for p in placeholder::find(text) {
        let before = &text[last..p.range.start];
        out.push_str(before);
        chars += before.chars().count();
        let value = match placeholder::resolve(report, &p.path) {
            Some(placeholder::Value::Text(t)) => t,
            Some(placeholder::Value::Empty) => String::new(),
            None => text[p.range.clone()].to_string(),
        };
        let n = value.chars().count();
        ranges.push(Replaced {
            range: chars..chars + n,
            source_chars: text[p.range.clone()].chars().count(),
        });
        out.push_str(&value);
        chars += n;
        last = p.range.end;
    }
    out.push_str(&text[last..]);
    (out, ranges)
}

fn narr(report: &Report, file: &SourceFile, key: &str, text: &Text, out: &mut Vec<Diagnostic>) {
    // Placeholders count as the figures they stand for (an empty cell as
    // nothing), so "{{ 年度 }}年共收到申请12件" is still checked.
    let (resolved, from_placeholders) = resolve_placeholders(report, &text.value);
    let chars: Vec<char> = ascii_digits(&resolved).chars().collect();
    let original: Vec<char> = resolved.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        // A figure a placeholder put there is the table's own: nothing in
        // the text to correct.
        if from_placeholders.iter().any(|r| r.contains(&start)) {
            continue;
        }
        let mut j = i;
        while j < chars.len() && matches!(chars[j], ' ' | '\u{3000}') {
            j += 1;
        }
        // Only "N件" / "N起" / "N宗" counts; a number glued to a letter, a
        // decimal point or a placeholder is something else.
        if j >= chars.len()
            || !matches!(chars[j], '件' | '起' | '宗')
            || (start > 0 && (chars[start - 1] == '.' || chars[start - 1].is_ascii_alphabetic()))
        {
            continue;
        }
        // A figure followed by "（含…" includes others: not one table cell.
        if chars[j + 1..].starts_with(&['（', '含']) || chars[j + 1..].starts_with(&['(', '含'])
        {
            continue;
        }
        let is_clause_end = |c: &char| {
            matches!(
                c,
                '，' | '。'
                    | '；'
                    | '！'
                    | '？'
                    | '\n'
                    | ','
                    | ';'
                    | '、'
                    | '（'
                    | '）'
                    | '('
                    | ')'
            )
        };
        let is_sentence_end = |c: &char| matches!(c, '。' | '！' | '？' | '\n' | ';' | '；');
        let clause_start = chars[..start]
            .iter()
            .rposition(is_clause_end)
            .map_or(0, |p| p + 1);
        let clause_end = chars[j..]
            .iter()
            .position(is_clause_end)
            .map_or(chars.len(), |p| j + p);
        let sentence_start = chars[..start]
            .iter()
            .rposition(is_sentence_end)
            .map_or(0, |p| p + 1);
        let sentence_end = chars[j..]
            .iter()
            .position(is_sentence_end)
            .map_or(chars.len(), |p| j + p);
        let clause: String = chars[clause_start..clause_end].iter().collect();
        let sentence: String = chars[sentence_start..sentence_end].iter().collect();
        let Some(fig) = classify(&clause, &sentence) else {
            continue;
        };
        let Ok(n) = chars[start..i].iter().collect::<String>().parse::<u64>() else {
            continue;
        };
        let Some((table, name)) = table_value(report, fig) else {
            continue;
        };
        if n == table {
            continue;
        }
        let literal: String = original[start..j + 1].iter().collect();
        // Which occurrence of the literal this is in the source (where the
        // placeholders are still placeholders), to find it there.
        let source: Vec<char> = text.value.chars().collect();
        let at = source_index(&from_placeholders, start).min(source.len());
        let before: String = source[..at].iter().collect();
        let nth = before.matches(literal.as_str()).count();
        out.push(
            Diagnostic::new(
                codes::NARR,
                format!("正文写的是 {n} 件，而{name}是 {table}"),
            )
            .at(locate_in_text(file, text, &literal, nth))
            .path(key)
            .label(format!("表格为 {table}"))
            .help(
                "用占位符引用表格数字，正文与表格就不会不一致，例如 {{ 依申请公开.本年新收.总计 }}",
            ),
        );
    }
}
