//! Starting a data file: next year's from this year's ([`roll_forward`]), or
//! a blank one ([`blank`]). Both give a [`NewDataFile`]: a report whose figures are
//! empty (so that `nianbao check` lists what is left to fill in) and the
//! comments that tell the clerk what goes where. [`new_file`] is the
//! `new` command's work: where the file goes, and writing it.

mod figures;
pub mod new_file;

use crate::slice::Slice;
use std::path::{Path, PathBuf};

use crate::model::carried;
use crate::model::official::{self, T3Role};
use crate::model::path;
use crate::model::report::T2Value;
use crate::model::schema::{t2, top};
use crate::model::{Edition, Located, Report, Table3, Table4, Text};
use crate::source::Span;
use crate::write::{self, Notes};

/// A data file to be written: the report and its comments.
#[derive(Debug, Clone)]
pub struct NewDataFile {
    /// The report; empty cells are `None`.
    pub report: Report,
    /// Comments for [`write::data_file`].
    pub notes: Notes,
}

impl NewDataFile {
    /// The data file's text.
    pub fn text(&self) -> String {
        write::data_file(&self.report, &self.notes)
    }
}

/// What each sub-heading of section 一 covers (2021 format, FORMAT.md §1.3),
/// in the order of [`official::OVERVIEW_TOPICS`].
const OVERVIEW_GUIDANCE: [&str; 5] = [
    "通过网站、政务新媒体、公报等主动公开信息的数量，政策解读和回应社会关切情况",
    "收到和办理政府信息公开申请的情况，可用占位符引用表格数字，如 {{ 依申请公开.本年新收.总计 }}",
    "本年制发、废止和现行有效的规章、行政规范性文件，公开前审查，公开目录更新",
    "政府信息公开平台、政务公开专区、政府公报的数量和建设情况",
    "工作考核、业务培训、社会评议和责任追究",
];

/// How this year's narrative starts from last year's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TextStart {
    /// Last year's text, paragraph by paragraph under the same headings,
    /// each paragraph marked as carried (`沿用上年`) until it is edited or
    /// confirmed; figures that stand for a table cell become its
    /// placeholder. Last year's 问题及改进 stays for reference only.
    #[default]
    Carried,
    /// Last year's sub-headings only: a blank start.
    Headings,
}

/// Next year's data file from this year's report, carrying its narrative
/// ([`TextStart::Carried`]; see [`roll_forward_with`]).
pub fn roll_forward(prev: &Report, previous_path: &str) -> NewDataFile {
    roll_forward_with(prev, previous_path, TextStart::Carried)
}

/// Next year's data file from this year's report.
///
/// `previous_path` is written as `上年数据`: the path of `prev`'s file
/// relative to the directory of the file being written. The year is `prev`'s
/// plus one and the format the one in force for it; 机关 and 联系方式 are kept;
/// `上年结转` is last year's `结转下年度继续办理`, column by column; every other
/// figure and 成文日期 are left empty. The narrative is last year's, carried
/// paragraph by paragraph ([`TextStart::Carried`]), or skeletons made of
/// last year's `###` sub-headings ([`TextStart::Headings`]); either way with
/// what each section must cover, and last year's 问题及改进 in comments.
pub fn roll_forward_with(prev: &Report, previous_path: &str, start: TextStart) -> NewDataFile {
    let year = prev.year.value + 1;
    let ed = Edition::for_year(year as i64);
    let pe = prev.edition();
    let mut report = empty_report(ed, &prev.agency.value, year);
    // What the agency is declared to be stays (a roster's word is not the file's).
    report.kind = prev
        .kind
        .clone()
        .filter(|(_, basis)| *basis == crate::model::agency::Basis::File);
    report.contact = prev.contact.clone();
    report.previous = Some(at(previous_path.to_string()));

    // 上年结转 = last year's 结转下年度继续办理.
    let carried_out = prev
        .table3
        .rows
        .get(official::t3_index(pe, T3Role::CarriedOut));
    let carried_in = official::t3_index(ed, T3Role::CarriedIn);
    report.table3.rows[carried_in].cells = (0..official::T3_INPUT_COLUMNS)
        .map(|i| {
            carried_out
                .and_then(|row| row.cells.get(i))
                .and_then(Option::as_ref)
                .map(|c| at(c.value))
        })
        .collect();

    let mut notes = Notes::new();
    notes.header(format!(
        "{}{}年度政府信息公开工作年度报告的数据文件（{ed} 版格式）。\n\
         由 nianbao new 根据 {} 年度的数据生成：“上年结转”已按上年“结转下年度继续办理”填好；\n\
         ~ 表示尚未填写，没有的请填 0。填写表格和正文后运行 nianbao check 校验。",
        prev.agency.value, year, prev.year.value
    ));
    common_notes(&mut notes, &report);
    notes.above(
        top::PREVIOUS,
        "上年的数据文件（相对于本文件），用于跨年度检查：上年结转、现行有效件数",
    );
    if prev.preface.is_some() {
        notes.above(
            top::PREFACE,
            "上年报告有自己写的前言；如本年也需要，请重新撰写（须写明统计期限），否则按机关、年度和联系方式自动生成",
        );
    }
    t2_previous_notes(&mut notes, ed, prev);
    let in_row = &report.table3.rows[carried_in];
    let mut carried = format!(
        "二、上年结转：已按 {} 年度报告的“四、结转下年度继续办理”逐列填写，一般不要改动",
        prev.year.value
    );
    if !in_row.is_complete() {
        carried.push_str("；上年的这一行有空的单元格，请按上年实际补填");
    }
    notes.above(
        path::table3_row(&official::t3_rows(ed)[carried_in]),
        carried,
    );

    // Narrative: last year's text, or skeletons of its sub-headings.
    let carried = (start == TextStart::Carried).then(|| figures::bound(prev));
    overview_from(prev, carried.as_ref(), ed, &mut report, &mut notes);
    problems_from(prev, &mut report, &mut notes);
    other_from(prev, carried.as_ref(), ed, &mut report, &mut notes);
    if carried.is_some() {
        mark_carried(&mut report, prev, &mut notes);
    }
    NewDataFile { report, notes }
}

/// Marks every paragraph of the carried narratives as carried, and every
/// figure written out in them as last year's, with last year's sentence
/// (the placeholders read with `prev`'s figures, as printed last year).
fn mark_carried(report: &mut Report, prev: &Report, notes: &mut Notes) {
    let mut entries = Vec::new();
    let mut figures = Vec::new();
    for (section, text) in [
        (top::OVERVIEW, &report.overview),
        (carried::SECTIONS[2], &report.other),
    ] {
        for p in carried::paragraphs(&text.value) {
            entries.push(at(carried::entry(section, p.text)));
            for f in carried::figures(p.text) {
                let sentence = carried::sentence_around(p.text, f.start);
                let printed = crate::placeholder::substitute(prev, sentence, |v| match v {
                    crate::placeholder::Value::Text(t) => t.clone(),
                    crate::placeholder::Value::Empty => String::new(),
                });
                figures.push(at(carried::figure_entry(section, f.token, &printed)));
            }
        }
    }
    if entries.is_empty() {
        return;
    }
    report.carried = entries;
    notes.above(
        top::CARRIED,
        "沿用上年：以下每行是从上年报告沿用、尚未修改或确认的一段正文（部分、编号、开头）。\n\
         改写了的段落不再算沿用；确需原样沿用的，删去相应的一行（工作台中点该段旁的“确认沿用”）。\n\
         nianbao check 对仍在这里的段落给出 TEXT-CARRIED 警告。",
    );
    if figures.is_empty() {
        return;
    }
    report.carried_figures = figures;
    notes.above(
        top::CARRIED_FIGURES,
        "沿用数字：以下每行是沿用的段落中直接写出的一个上年的数字（部分、数字、上年的句子）。\n\
         改为本年的数字后不再标出，无论这一段别处怎样改写；本年确实仍是这个数的，删去相应的一行\n\
         （工作台中点该数字旁的“确认本年仍为此数”；确认沿用整段时，段中的数字一并确认）。\n\
         nianbao check 对仍在正文中的这些数字给出 TEXT-CARRIED 警告。",
    );
}

/// 总体情况: last year's text (`carried`) or sub-headings, and the topics
/// its sub-headings did not cover.
fn overview_from(
    prev: &Report,
    carried: Option<&Report>,
    ed: Edition,
    report: &mut Report,
    notes: &mut Notes,
) {
    let overview_headings = headings(&prev.overview.value);
    let (overview, missing) = overview_skeleton(&overview_headings);
    let mut guidance = overview_guidance(ed);
    match carried.map(|c| c.overview.value.trim()) {
        Some(last) if !last.is_empty() => {
            report.overview = text(&format!("{last}\n"));
            guidance.push_str(CARRIED_GUIDANCE);
        }
        _ => report.overview = text(&overview),
    }
    if !missing.is_empty() {
        guidance.push_str(&format!(
            "\n上年的小标题没有涉及：{}，请补上。",
            missing.join("、")
        ));
    }
    notes.above(top::OVERVIEW, guidance);
}

/// Said above a narrative carried from last year's report.
const CARRIED_GUIDANCE: &str = "\n以下是上年报告的正文，逐段带入：请按本年的情况改写每一段；\
     能对应表格的数字已换成占位符（印出本年的数字），其余直接写出的数字是上年的，须核对。\
     尚未改写的段落记在文件末尾的“沿用上年”中。";

/// 问题及改进: last year's sub-headings, and last year's text quoted for
/// comparison.
fn problems_from(prev: &Report, report: &mut Report, notes: &mut Notes) {
    let problem_headings = headings(&prev.problems.value);
    report.problems = text(&if problem_headings.is_empty() {
        skeleton(official::PROBLEMS_TOPICS.iter().map(|t| t.to_string()))
    } else {
        skeleton(problem_headings)
    });
    notes.above(top::PROBLEMS, problems_guidance(report));
    let last = prev.problems.value.trim_end();
    if !last.is_empty() {
        let quoted: Vec<String> = last
            .lines()
            .map(|l| {
                if l.trim().is_empty() {
                    ">".to_string()
                } else {
                    format!("> {l}")
                }
            })
            .collect();
        notes.above(
            top::PROBLEMS,
            format!("{}\n{}", problems_reference_lead(prev), quoted.join("\n")),
        );
    }
}

fn problems_reference_lead(prev: &Report) -> String {
    format!(
        "上年（{} 年度）报告的这一部分，供对照（本年须说明其中的问题整改得怎样）：",
        prev.year.value
    )
}

/// Last year's 问题及改进, for reference beside this year's (not as its
/// text): a lead and the text without heading marks; `None` when last
/// year's was empty.
pub fn problems_reference(prev: &Report) -> Option<String> {
    let last = prev.problems.value.trim();
    (!last.is_empty()).then(|| {
        let plain: Vec<&str> = last
            .lines()
            .map(|l| l.trim_start_matches('#').trim())
            .filter(|l| !l.is_empty())
            .collect();
        format!("{}{}", problems_reference_lead(prev), plain.join(" "))
    })
}

/// 其他事项.正文: last year's text (`carried`, without the fee statement,
/// which is printed from the figures) or sub-headings, then the customary
/// items they missed.
fn other_from(
    prev: &Report,
    carried: Option<&Report>,
    ed: Edition,
    report: &mut Report,
    notes: &mut Notes,
) {
    let other_headings = headings(&prev.other.value);
    let missing: Vec<&str> = official::OTHER_ITEMS
        .iter()
        .filter(|item| {
            !other_headings
                .iter()
                .any(|h| item.keywords.iter().any(|k| h.contains(k)))
        })
        .map(|item| item.heading)
        .collect();
    let kept = other_headings.len();
    // The customary items missed, numbered on after last year's (（一） is
    // the generated fee item in the 2021 format).
    let first = kept + if ed == Edition::E2021 { 2 } else { 1 };
    let added = missing
        .iter()
        .enumerate()
        .map(|(i, h)| format!("（{}）{h}", chinese_number(first + i)));
    let last = carried.map(|c| crate::model::narrative::without_fee(&c.other.value).0);
    let mut guidance = other_guidance(report);
    report.other = text(&match last.as_deref().map(str::trim) {
        Some(last) if !last.is_empty() => {
            guidance.push_str(CARRIED_GUIDANCE);
            let more = if kept > 0 {
                skeleton(added)
            } else {
                String::new()
            };
            if more.is_empty() {
                format!("{last}\n")
            } else {
                format!("{last}\n\n{more}")
            }
        }
        _ if other_headings.is_empty() => other_skeleton(ed),
        _ => skeleton(other_headings.into_iter().chain(added)),
    });
    if !missing.is_empty() && kept > 0 {
        guidance.push_str(&format!(
            "\n上年的小标题没有涉及：{}，已在最后补上小标题，没有的写明“本年度未……”。",
            missing.join("、")
        ));
    }
    notes.above(path::other_body(), guidance);
}

/// A blank data file for `agency`'s report on `year`: the format in force for
/// the year, every cell empty, every key present, and comments giving the
/// column order of each row and what each section must cover.
pub fn blank(year: i32, agency: &str) -> NewDataFile {
    let ed = Edition::for_year(year as i64);
    let mut report = empty_report(ed, agency, year);
    report.overview = text(&skeleton(
        official::OVERVIEW_TOPICS.iter().map(|t| t.to_string()),
    ));
    report.problems = text(&skeleton(
        official::PROBLEMS_TOPICS.iter().map(|t| t.to_string()),
    ));
    report.other = text(&other_skeleton(ed));

    let mut notes = Notes::new();
    notes.header(format!(
        "{agency}{year}年度政府信息公开工作年度报告的数据文件（{ed} 版格式）。\n\
         由 nianbao new 生成的空白文件：~ 表示尚未填写，没有的请填 0。\n\
         填写表格和正文后运行 nianbao check 校验。"
    ));
    common_notes(&mut notes, &report);
    notes.above(
        top::CONTACT,
        "联系方式印在前言中，各项都可不填；邮编、电话请加引号，如 \"255000\"",
    );
    notes.above(
        top::PREFACE,
        "前言: |   （可选）开头段落；不写时按机关、年度和联系方式自动生成",
    );
    notes.above(
        top::PREVIOUS,
        format!(
            "上年数据: {}.yaml   （可选）上年的数据文件，相对于本文件；用于跨年度检查",
            year - 1
        ),
    );
    notes.above(top::OVERVIEW, overview_guidance(ed));
    notes.above(top::PROBLEMS, problems_guidance(&report));
    notes.above(path::other_body(), other_guidance(&report));
    let width = official::T3_INPUT_COLUMNS;
    for def in official::t3_rows(ed) {
        if def.role == T3Role::ResultTotal {
            continue;
        }
        notes.above(
            path::table3_row(def),
            format!(
                "{}：[{}]",
                def.full_label(),
                official::T3_COLUMNS[..width].join(", ")
            ),
        );
    }
    for g in official::T4_GROUPS {
        notes.above(
            path::table4_row(&g),
            format!(
                "{}：[{}]",
                g.label,
                official::T4_COLUMNS[..official::T4_INPUT_COLUMNS].join(", ")
            ),
        );
    }
    NewDataFile { report, notes }
}

// ---------------------------------------------------------------------------

fn at<T>(value: T) -> Located<T> {
    Located::new(value, Span::default())
}

fn text(value: &str) -> Text {
    Text {
        value: value.to_string(),
        span: Span::default(),
    }
}

/// A report of `ed` with every figure empty, every row present.
fn empty_report(ed: Edition, agency: &str, year: i32) -> Report {
    let mut table3 = Table3::empty(ed);
    for (row, def) in table3.rows.iter_mut().zip(official::t3_rows(ed)) {
        row.present = def.role != T3Role::ResultTotal;
    }
    let mut table4 = Table4::empty();
    for row in &mut table4.rows {
        row.present = true;
    }
    Report {
        table3,
        table4,
        ..Report::blank(ed, agency.to_string(), year)
    }
}

/// Comments shared by both kinds of draft.
fn common_notes(notes: &mut Notes, report: &Report) {
    let year = report.year.value;
    let government = is_government(report);
    notes.above(
        top::DATE,
        format!(
            "成文日期：报告落款日期，写成 YYYY-MM-DD，如 {}-01-10。《条例》第四十九条：{}",
            year + 1,
            if government {
                format!("县级以上人民政府的报告于 {} 年 3 月 31 日前公布", year + 1)
            } else {
                format!("政府部门于 {} 年 1 月 31 日前报送并公布", year + 1)
            }
        ),
    );
    let ed = report.edition();
    notes.above(
        top::TABLE2,
        format!(
            "{}：按 {ed} 版格式填写本年数字；一个数字的格也可写成 {{{}: 123, {}: 说明}}",
            official::SECTION_HEADINGS[1],
            official::T2_VALUE_KEY,
            official::T2_NOTE_KEY
        ),
    );
    notes.above(top::TABLE3, official::SECTION_HEADINGS[2]);
    notes.above(top::TABLE4, official::SECTION_HEADINGS[3]);
    if report.fee.is_some() {
        notes.above(
            path::fee_block(),
            "信息处理费（《政府信息公开信息处理费管理办法》）：本年发出收费通知的件数和总金额、实际收取的总金额；未收费的填 0",
        );
    }
}

/// Comments on the section-二 rows giving last year's figures.
fn t2_previous_notes(notes: &mut Notes, ed: Edition, prev: &Report) {
    let pe = prev.edition();
    let value =
        |v: Option<&T2Value>| v.map_or("未填写".to_string(), |v| v.number.value.to_string());
    if ed == Edition::E2021 {
        // 2019 rows that counted documents, for reference.
        let old_keys = [(t2::RULES, t2::RULES), (t2::NORMATIVE, t2::NORMATIVE_2019)];
        for (row, old) in old_keys {
            let path = path::table2(row, None);
            let note = if pe == Edition::E2021 {
                let before = prev.table2.get(pe, row, Some(t2::VALID));
                let n = value(before);
                format!(
                    "上年现行有效 {n} 件。现行有效 = 上年现行有效 + 本年制发 − 本年废止{}",
                    if before.is_some() {
                        format!("，即 {n} + 本年制发 − 本年废止")
                    } else {
                        String::new()
                    }
                )
            } else {
                format!(
                    "上年数据是 2019 版格式，没有现行有效件数（上年“{old}”对外公开总数为 {}，含义不同）；\
                     请按实际统计填写。今后：现行有效 = 上年现行有效 + 本年制发 − 本年废止",
                    value(prev.table2.get(pe, old, Some(t2::TOTAL_2019)))
                )
            };
            notes.above(path, note);
        }
    } else if pe == ed {
        for group in official::t2_groups(ed) {
            for row in group.rows {
                let parts: Vec<String> = row
                    .cells
                    .iter()
                    .map(|c| {
                        let v = value(prev.table2.get(pe, row.key, c.key));
                        match c.key {
                            Some(k) => format!("{k} {v}"),
                            None => v,
                        }
                    })
                    .collect();
                notes.above(
                    path::table2(row.key, None),
                    format!("上年：{}", parts.join("，")),
                );
            }
        }
    }
}

fn is_government(report: &Report) -> bool {
    report.judged().government
}

/// The three rules of writing the narrative blocks, behind most of a
/// beginner's slips; said once, above the first of them.
const WRITING_RULES: &str = "写正文的三条规则（以下各部分都一样）：\n\
  1. 正文写在“总体情况: |”这样的一行下面，每行前空两格，与下面的“###”小标题对齐；\n\
  2. 段与段之间空一行；\n\
  3. 正文以外的标点（冒号、逗号、括号、大括号）一律用半角，如 {{ 依申请公开.本年新收.总计 }}。";

fn overview_guidance(ed: Edition) -> String {
    let mut out = format!(
        "{WRITING_RULES}\n\n{}：概述本年贯彻落实《中华人民共和国政府信息公开条例》的情况。",
        official::SECTION_HEADINGS[0]
    );
    if ed == Edition::E2021 {
        out.push_str("按 2021 版格式，主要包括以下五个方面，通常以其作小标题：");
        for (topic, what) in official::OVERVIEW_TOPICS.iter().zip(OVERVIEW_GUIDANCE) {
            out.push_str(&format!("\n  {topic}：{what}"));
        }
        out.push_str(&format!(
            "\n人民政府的报告须在“监督保障”中写明{}。",
            official::ASSESSMENT_ITEM
        ));
    }
    out.push_str("\n请在每个小标题下写本年的内容（只有小标题时 nianbao check 会报错）。");
    out
}

fn problems_guidance(report: &Report) -> String {
    let mut out = format!(
        "{}：通常包括 {}。须说明上年报告所列问题的整改情况。",
        official::SECTION_HEADINGS[4],
        official::PROBLEMS_TOPICS.join("、")
    );
    if is_government(report) {
        out.push_str(&format!(
            "人民政府的报告还须写明{}（也可写在第一部分“监督保障”中）。",
            official::ASSESSMENT_ITEM
        ));
    }
    out
}

fn other_guidance(report: &Report) -> String {
    let items: Vec<&str> = official::OTHER_ITEMS.iter().map(|i| i.heading).collect();
    let mut out = format!("{}：", official::SECTION_HEADINGS[5]);
    if report.fee.is_some() {
        out.push_str(
            "信息处理费的收取情况由上面的“信息处理费”生成，是本部分第（一）项，正文从（二）起编号。",
        );
    }
    out.push_str(&format!("按惯例还应报告：{}", items.join("、")));
    if is_government(report) {
        out.push_str(&format!("、{}", official::ASSESSMENT_ITEM));
    }
    out.push_str(if report.fee.is_some() {
        "；确无其他事项的写“无。”（只印出信息处理费一项，“无。”不印在它后面）。"
    } else {
        "；确无其他事项的写“无。”。"
    });
    out
}

/// The `###` sub-headings of a Markdown text, as written (without `### `).
fn headings(markdown: &str) -> Vec<String> {
    markdown
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("###"))
        .filter(|rest| !rest.starts_with('#'))
        .map(|rest| rest.trim().to_string())
        .filter(|h| !h.is_empty())
        .collect()
}

/// A Markdown text made of `###` sub-headings only.
fn skeleton(headings: impl IntoIterator<Item = String>) -> String {
    let lines: Vec<String> = headings.into_iter().map(|h| format!("### {h}")).collect();
    if lines.is_empty() {
        String::new()
    } else {
        format!("{}\n", lines.join("\n\n"))
    }
}

/// Section 一: last year's sub-headings if it had any, else the five topics of
/// the 2021 format; and the topics last year's headings do not cover.
fn overview_skeleton(last_year: &[String]) -> (String, Vec<&'static str>) {
    if last_year.is_empty() {
        let topics = official::OVERVIEW_TOPICS.iter().map(|t| t.to_string());
        return (skeleton(topics), Vec::new());
    }
    let missing = official::OVERVIEW_TOPICS
        .iter()
        .copied()
        .filter(|topic| {
            let t = heading_core(topic);
            !last_year.iter().any(|h| {
                let h = heading_core(h);
                !h.is_empty() && (h.contains(t) || t.contains(h))
            })
        })
        .collect();
    (skeleton(last_year.iter().cloned()), missing)
}

/// Section 六: the customary items, numbered from （二） when the fee item is
/// （一）.
fn other_skeleton(ed: Edition) -> String {
    let first = if ed == Edition::E2021 { 2 } else { 1 };
    skeleton(
        official::OTHER_ITEMS
            .iter()
            .enumerate()
            .map(|(i, item)| format!("（{}）{}", chinese_number(first + i), item.heading)),
    )
}

/// A heading without its number: `（一）主动公开` → `主动公开`.
fn heading_core(heading: &str) -> &str {
    let h = heading.trim();
    if let Some(rest) = h.strip_prefix('（')
        && let Some(i) = rest.find('）')
    {
        return rest.slice_from(i + '）'.len_utf8()).trim();
    }
    if let Some((num, rest)) = h.split_once('、')
        && num.chars().count() <= 3
    {
        return rest.trim();
    }
    h.trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | '．' | ' '))
}

/// 1 → 一, 12 → 十二 (up to 99).
fn chinese_number(n: usize) -> String {
    const DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", DIGITS[n % 10]),
        _ => format!(
            "{}十{}",
            DIGITS[(n / 10) % 10],
            if n.is_multiple_of(10) {
                ""
            } else {
                DIGITS[n % 10]
            }
        ),
    }
}

/// An agency name as typed (`--agency`, the workbench's form), trimmed; refused when empty, with control characters, or
/// too long.
pub fn agency_name(raw: &str) -> Result<&str, String> {
    let agency = raw.trim();
    if agency.is_empty()
        || agency
            .chars()
            .any(|c| c.is_control() || crate::source::is_hidden(c))
    {
        return Err("机关名称为空或含有控制字符".to_string());
    }
    if agency.chars().count() > crate::load::MAX_AGENCY_CHARS {
        return Err(format!(
            "机关名称过长（{} 个字），不应超过 {} 个字",
            agency.chars().count(),
            crate::load::MAX_AGENCY_CHARS
        ));
    }
    Ok(agency)
}

/// Next to `from`, with the year in its name moved on by one
/// (`zibo-2024.yaml` → `zibo-2025.yaml`), or `<year + 1>.yaml`.
pub fn next_path(from: &Path, year: i32) -> PathBuf {
    let next = year + 1;
    let dir = from.parent().unwrap_or(Path::new(""));
    let name = from
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let old = year.to_string();
    let standalone = |i: usize| {
        let before = name.slice_to(i).chars().next_back();
        let after = name.slice_from(i + old.len()).chars().next();
        !before.is_some_and(|c| c.is_ascii_digit()) && !after.is_some_and(|c| c.is_ascii_digit())
    };
    let renamed = name
        .rmatch_indices(&old)
        .map(|(i, _)| i)
        .find(|&i| standalone(i))
        .map(|i| {
            format!(
                "{}{next}{}",
                name.slice_to(i),
                name.slice_from(i + old.len())
            )
        });
    dir.join(renamed.unwrap_or_else(|| format!("{next}.yaml")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::codes;
    use crate::load;
    use crate::model::CountRow;
    use crate::model::official::T3Row;
    use crate::model::report::Count;
    use crate::source::SourceFile;
    use crate::testutil::{self, without_spans};

    fn row_values(row: &CountRow) -> Vec<Option<u64>> {
        row.cells
            .iter()
            .map(|c| c.as_ref().map(|c: &Count| c.value))
            .collect()
    }

    fn row_def(ed: Edition, role: T3Role) -> &'static T3Row {
        &official::t3_rows(ed)[official::t3_index(ed, role)]
    }

    fn example() -> Report {
        let p = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/zibo-zhangdian-traffic-2024.yaml"
        );
        load::load_path(std::path::Path::new(p))
            .unwrap()
            .report
            .unwrap()
    }

    fn reload(draft: &NewDataFile) -> load::Loaded {
        load::load_str(SourceFile::new("next.yaml", draft.text()))
    }

    #[test]
    fn rolled_forward_file_loads_to_the_intended_values() {
        let prev = example();
        let draft = roll_forward(&prev, "../examples/x.yaml");
        let loaded = reload(&draft);
        let back = loaded.report.expect("loads");
        assert_eq!(without_spans(&back), without_spans(&draft.report));
        let r = &draft.report;
        assert_eq!(r.year.value, 2025);
        assert_eq!(r.edition(), Edition::E2021);
        assert_eq!(r.agency.value, prev.agency.value);
        assert_eq!(r.contact, prev.contact);
        assert_eq!(r.date, None);
        assert_eq!(r.previous.as_ref().unwrap().value, "../examples/x.yaml");
        let carried_in = row_values(&r.table3.rows[1]);
        let prev_out = official::t3_index(Edition::E2021, T3Role::CarriedOut);
        assert_eq!(carried_in, row_values(&prev.table3.rows[prev_out]));
        assert_eq!(
            row_def(Edition::E2021, T3Role::CarriedIn).keys,
            ["上年结转"]
        );
        // Everything else is empty.
        for (i, row) in r.table3.rows.iter().enumerate() {
            if i != 1 {
                assert!(row.cells.iter().all(Option::is_none));
            }
        }
        assert!(
            r.table2
                .cells
                .iter()
                .flatten()
                .flatten()
                .all(Option::is_none)
        );
        let fee = r.fee.as_ref().unwrap();
        assert!(fee.notices.is_none() && fee.notice_amount.is_none() && fee.collected.is_none());
        // Last year's text is carried, paragraph by paragraph, each marked.
        assert_eq!(r.overview.value.trim(), prev.overview.value.trim());
        assert!(
            r.other
                .value
                .starts_with("### （二）人大代表建议和政协提案办理情况")
        );
        assert_eq!(r.carried.len(), 9, "{:#?}", r.carried);
        assert_eq!(carried::carried(&back).len(), 9);
        assert!(r.problems.value.starts_with("### "), "五 is not carried");
        // A blank start: last year's sub-headings are the skeleton.
        let blank = roll_forward_with(&prev, "x.yaml", TextStart::Headings).report;
        assert!(
            blank
                .overview
                .value
                .starts_with("### （一）主动公开\n\n### （二）依申请公开")
        );
        assert!(blank.carried.is_empty());
        let text = draft.text();
        assert!(text.contains("# 上年现行有效 0 件。"), "{text}");
        assert!(text.contains("# > 针对上年度发现的公开栏目更新不够及时的问题"));
        assert!(text.contains("成文日期: ~\n"));
        // Empty cells are reported one row at a time.
        let empty = loaded
            .diagnostics
            .iter()
            .filter(|d| d.code == codes::CELL_EMPTY)
            .count();
        assert!(
            (25..=40).contains(&loaded.diagnostics.len()),
            "{}: {:#?}",
            loaded.diagnostics.len(),
            loaded.diagnostics
        );
        assert!(empty >= 25, "{empty}");
    }

    #[test]
    fn the_declared_kind_is_carried_and_a_rosters_is_not() {
        use crate::model::agency::{Basis, Kind};
        let mut prev = example();
        prev.kind = Some((at(Kind::Government), Basis::File));
        let draft = roll_forward(&prev, "x.yaml");
        assert!(draft.text().contains("机关类型: 政府"));
        let back = reload(&draft).report.unwrap();
        assert_eq!(
            back.kind.as_ref().map(|(k, b)| (k.value, *b)),
            Some((Kind::Government, Basis::File))
        );
        assert!(back.judged().march);
        prev.kind = Some((at(Kind::Government), Basis::Roster));
        assert!(roll_forward(&prev, "x.yaml").report.kind.is_none());
    }

    #[test]
    fn a_2019_edition_report_rolls_forward_to_the_2021_format() {
        let mut prev = testutil::report(Edition::E2019);
        prev.year.value = 2020;
        prev.fee = None;
        let out = official::t3_index(Edition::E2019, T3Role::CarriedOut);
        prev.table3.rows[out].cells[0] = Some(at(3));
        let draft = roll_forward_with(&prev, "2020.yaml", TextStart::Headings);
        let back = reload(&draft).report.unwrap();
        assert_eq!(without_spans(&back), without_spans(&draft.report));
        assert_eq!(back.edition(), Edition::E2021);
        assert_eq!(back.year.value, 2021);
        assert_eq!(back.table3.rows.len(), official::T3_2021.len());
        assert_eq!(
            row_values(&back.table3.rows[1]),
            vec![Some(3), Some(0), Some(0), Some(0), Some(0), Some(0)]
        );
        assert!(back.fee.is_some());
        let text = draft.text();
        assert!(
            text.contains("上年数据是 2019 版格式，没有现行有效件数"),
            "{text}"
        );
        // No sub-headings last year: the official topics.
        assert!(back.overview.value.contains("### （五）监督保障"));
        assert!(
            back.other
                .value
                .contains("### （四）落实上级年度政务公开工作要点情况")
        );
    }

    #[test]
    fn blank_files_have_every_key_and_nothing_filled() {
        for (year, ed) in [(2025, Edition::E2021), (2020, Edition::E2019)] {
            let draft = blank(year, "某市人民政府");
            let loaded = reload(&draft);
            let back = loaded.report.unwrap();
            assert_eq!(without_spans(&back), without_spans(&draft.report));
            assert_eq!(back.edition(), ed);
            assert!(
                !loaded
                    .diagnostics
                    .iter()
                    .any(|d| d.code == codes::KEY_MISSING && d.message.contains("缺少")),
                "{:#?}",
                loaded.diagnostics
            );
            assert!(
                back.table3
                    .rows
                    .iter()
                    .all(|r| r.cells.iter().all(Option::is_none))
            );
            let text = draft.text();
            assert!(text.contains("# 一、本年新收政府信息公开申请数量：[自然人, 商业企业"));
            assert!(text.contains("# 行政复议：[结果维持, 结果纠正, 其他结果, 尚未审结]"));
            assert!(text.contains(official::ASSESSMENT_ITEM));
        }
    }

    #[test]
    fn headings_and_numbers() {
        assert_eq!(
            headings("前言\n### （一）甲\n#### 1.乙\n###丙\n"),
            vec!["（一）甲", "丙"]
        );
        assert_eq!(heading_core("（四）平台建设"), "平台建设");
        assert_eq!(heading_core("二、依申请公开"), "依申请公开");
        assert_eq!(chinese_number(2), "二");
        assert_eq!(chinese_number(12), "十二");
        assert_eq!(chinese_number(20), "二十");
        let (_, missing) =
            overview_skeleton(&["（一）主动公开政府信息情况".into(), "（二）平台建设".into()]);
        assert_eq!(
            missing,
            vec!["（二）依申请公开", "（三）政府信息管理", "（五）监督保障"]
        );
    }
}
