//! NARR: the figures a narrative writes out, read sentence by sentence and
//! compared with the tables.

use super::other_tables;
use super::outcome::{self, Case};
use super::parts;
use super::points;
use super::ranking;
use super::reading::{Statement, TABLE_HELP, at_figure, at_text, at_text_as};
use super::shares;
use super::whole;
use super::zeros;
use crate::claims::approx::Approximation;
use crate::claims::change;
use crate::claims::measure::{Counted, context_of, counts, says_new};
use crate::claims::numbers::{Figure, Unit};
use crate::claims::reading::Reading;
use crate::claims::tables;
use crate::claims::topic::{self, Category, Topic};
use crate::diag::limit::{Capped, PER_TEXT};
use crate::diag::{Diagnostic, codes};
use crate::find::Find;
use crate::model::{Report, Text};
use crate::slice::Slice;
use crate::source::SourceFile;

/// NARR on one narrative.
pub(super) fn check(
    reading: &Reading<'_>,
    file: &SourceFile,
    key: &str,
    text: &Text,
    out: &mut Vec<Diagnostic>,
) {
    let year = reading.report.year.value;
    let ours = crate::claims::elsewhere::Ours::of(reading.report);
    let claims = crate::claims::said::read(&reading.chars, year, &ours);
    let mut case = None;
    let first = out.len();
    for said in &claims.sentences {
        if out.len() - first >= PER_TEXT {
            out.push(Capped::stopped(codes::NARR, text.span, key));
            break;
        }
        // "市住建局全年收到申请386件": another body's figures.
        if said.elsewhere.is_some() {
            continue;
        }
        zeros::denied(reading, &said.denials, (file, key, text), out);
        let inside = claims.figures_of(said);
        let st = Statement {
            reading,
            sentence: &said.sentence,
            s: &said.text,
            topic: said.topic,
            inside: &inside,
            counted: &[],
            place: (file, key, text),
        };
        case_rates(st, case, out);
        case = outcomes(st, case, out);
        exceeded(st, out);
        tabled_elsewhere(st, out);
        let near = claims.approximations_of(said);
        approximate_elsewhere(st, near, out);
        // The rest reads only sentences about requests, not
        // "全年主动公开政务信息120条"; of the others, only a change of 表二's
        // decisions ("行政处罚决定数同比小幅上升").
        if said.topic != Topic::Requests {
            if let Some(prev) = reading.previous {
                changed(st, prev, out, true);
            }
            continue;
        }
        all_disclosed(st, out);
        all_from_one_applicant(st, out);
        ranking::most(st, out);
        all_decided(st, out);
        let counted = claims.counted_of(said);
        let st = Statement {
            counted: &counted,
            ..st
        };
        if let Some(prev) = reading.previous {
            changed(st, prev, out, false);
            points::changed(st, prev, out);
        }
        contradictions(st, out);
        approximate(st, near, out);
        let before_shares = out.len();
        shares::exact(st, out);
        shares::bounded(st, claims.shares_of(said), out);
        // A share named against its table figure already says what is
        // wrong; the sum is said where no table could.
        if out.len() == before_shares {
            shares::over(st, out);
        }
    }
}

/// NARR for the counts a sentence states that the tables contradict: the
/// figure is named against its cell (a placeholder that printed it, as
/// bound to the wrong cell), and a received count against the new requests
/// with last year's carried over too.
fn contradictions(st: Statement<'_, '_>, out: &mut Vec<Diagnostic>) {
    let (reading, claims, (file, key, text)) = (st.reading, st.counted, st.place);
    let sentence = st.sentence.range.clone();
    for (claim, values, name) in contradicted(reading.report, &reading.chars, claims, sentence) {
        let n = claim.figure.value as u64;
        let table = values[0];
        // Last year's figure left in the text: said as such, with where
        // last year's report has it.
        if placeholder_path(reading, claim.figure).is_none()
            && let Some(d) = last_years(reading, claim, table, &name, (file, key, text))
        {
            out.push(d);
            continue;
        }
        let d = against_table(
            reading,
            (file, key, text),
            claim.figure,
            (
                &format!("{n} {}", count_unit(reading, claim.figure)),
                &format!("{name}是 {table}"),
            ),
            TABLE_HELP,
        );
        // With last year's carried over: `n` is the new ones and more (a
        // row whose printed total is below its cells' sum is not).
        let carried = (values.len() > 1 && claim.category == Category::Received && values[1] == n)
            .then(|| n.checked_sub(values[0]))
            .flatten();
        let d = if let Some(carried) = carried {
            d.note(format!(
                "{n} 是本年新收加上年结转（{} + {carried}）：正文说的是“新收”，不含上年结转",
                values[0],
            ))
        } else if values.len() > 1 && claim.category == Category::Received {
            d.note(format!("与本年新收加上年结转（{}）也不一致", values[1]))
        } else {
            d
        };
        out.push(
            d.label(format!("表格为 {table}"))
                .bind(tables::cell(reading.report, claim.category)),
        );
    }
}

/// XYEAR-PROSE for a count the text states that is not this year's table
/// figure `table` but last year's report's figure of the same measure.
fn last_years(
    reading: &Reading<'_>,
    claim: &Counted<'_>,
    table: u64,
    name: &str,
    place: (&SourceFile, &str, &Text),
) -> Option<Diagnostic> {
    let prev = reading.previous?;
    let n = claim.figure.value as u64;
    let (before, _) = tables::values(prev, claim.category)?;
    if before.first() != Some(&n) || n == table {
        return None;
    }
    let cell = tables::cell(reading.report, claim.category);
    let year = prev.year.value;
    let d = at_text_as(
            codes::XYEAR_PROSE,
            reading,
            place,
            claim.figure.start,
            claim.figure.end,
            format!(
                "正文写的 {n} {}是上年（{year} 年度）报告的数，本年{name}是 {table}",
                count_unit(reading, claim.figure)
            ),
        )
        .label(format!("本年为 {table}，上年为 {n}"))
        .note(format!(
            "上年数据中{name}为 {n}{}",
            cell.as_deref()
                .map(|c| format!("（{c}）"))
                .unwrap_or_default()
        ))
        .help("是否沿用了上年报告的句子？改为本年的数字，或用占位符引用表格，如 {{ 依申请公开.本年新收.总计 }}")
        .bind(cell.clone());
    // Last year's place, in last year's file.
    Some(
        match (
            reading.previous_name,
            tables::span(prev, claim.category),
            cell,
        ) {
            (Some(file), Some(span), Some(cell)) => {
                d.related_in(file, span, cell, format!("上年报告的{name} {n}"))
            }
            _ => d,
        },
    )
}

/// NARR for the approximate counts of a sentence (`约3.5万件`, `逾200件`)
/// whose range holds no figure of the table they count.
fn approximate(st: Statement<'_, '_>, found: &[Approximation], out: &mut Vec<Diagnostic>) {
    let (reading, sentence, s, (file, key, text)) = (st.reading, st.sentence, st.s, st.place);
    let year = reading.report.year.value;
    let figures: Vec<&Figure> = found.iter().map(|a| &a.figure).collect();
    for claim in counts(&reading.chars, sentence, s, &figures, year, None) {
        let Some(a) = found.iter().find(|a| a.figure.start == claim.figure.start) else {
            continue;
        };
        let Some((mut values, name)) = tables::values(reading.report, claim.category) else {
            continue;
        };
        // Received: with last year's carried over too, unless it says new.
        if claim.category == Category::Received
            && !says_new(&reading.chars, a.start)
            && let Some((c, _)) = tables::values(reading.report, Category::CarriedIn)
            && let (Some(r), Some(c)) = (values.first().copied(), c.first().copied())
        {
            values.push(r + c);
        }
        if values.iter().any(|v| a.allows(*v)) || reading.is_from_placeholder(a.figure.start) {
            continue;
        }
        let quote = reading.quote(a.start, a.end);
        let table = values[0];
        out.push(
            at_text(
                reading,
                (file, key, text),
                a.start,
                a.end,
                format!(
                    "正文写的是“{quote}”（即 {}），而{name}是 {table}",
                    a.range()
                ),
            )
            .label(format!("表格为 {table}"))
            .note(a.reading())
            .help("核对表格和正文；表格无误时改写正文，或写出准确的件数")
            .bind(tables::cell(reading.report, claim.category)),
        );
    }
}

/// NARR for 表二's counts written approximately (`作出行政处罚决定6800余件`,
/// `9.4万件`, `超过90万件`): the cell must be one the words allow.
fn approximate_elsewhere(
    st: Statement<'_, '_>,
    found: &[Approximation],
    out: &mut Vec<Diagnostic>,
) {
    let (reading, sentence, place) = (st.reading, st.sentence, st.place);
    let year = reading.report.year.value;
    for a in found {
        if reading.is_from_placeholder(a.figure.start) {
            continue;
        }
        let mut buf = [String::new(), String::new(), String::new()];
        context_of(&reading.chars, sentence, &a.figure, &mut buf);
        // The words that make it approximate (`超过`, `约`) are not the
        // clause's words of what is counted.
        let words = a.figure.start.saturating_sub(a.start);
        for i in [0, 2] {
            let keep = buf[i].chars().count().saturating_sub(words);
            buf[i] = buf[i].chars().take(keep).collect();
        }
        let target = other_tables::target(&a.figure, &buf[2], (&buf[0], &buf[1]), year, false);
        let Some(t @ (other_tables::Target::Decisions(_) | other_tables::Target::Document(..))) =
            target
        else {
            continue;
        };
        let Some((n, name)) = other_tables::count(reading.report, t) else {
            continue;
        };
        if a.allows(n) {
            continue;
        }
        let quote = reading.quote(a.start, a.end);
        // Last year's figure, stated approximately ("8700余件" for last
        // year's 8,712).
        let last_year = reading
            .previous
            .and_then(|prev| Some((other_tables::count(prev, t)?, prev.year.value)))
            .filter(|((before, _), _)| a.allows(*before));
        if let Some(((before, _), prev_year)) = last_year {
            out.push(
                at_text_as(
                    codes::XYEAR_PROSE,
                    reading,
                    place,
                    a.start,
                    a.end,
                    format!("正文写的“{quote}”是上年（{prev_year} 年度）报告的数（上年为 {before}），本年{name}是 {n}"),
                )
                .label(format!("本年为 {n}"))
                .note(a.reading())
                .help("是否沿用了上年报告的句子？改为本年的数字")
                .bind(other_tables::cell(reading.report, t)),
            );
            continue;
        }
        out.push(
            at_text(
                reading,
                place,
                a.start,
                a.end,
                format!("正文写的是“{quote}”（即 {}），而{name}是 {n}", a.range()),
            )
            .label(format!("表格为 {n}"))
            .note(a.reading())
            .help("核对表格和正文；表格无误时改写正文，或写出准确的数量")
            .bind(other_tables::cell(reading.report, t)),
        );
    }
}

/// NARR for the outcomes of 行政复议 and 行政诉讼 a sentence states;
/// returns the case kind the next sentence continues with.
fn outcomes(st: Statement<'_, '_>, case: Option<Case>, out: &mut Vec<Diagnostic>) -> Option<Case> {
    let (reading, sentence, s, t) = (st.reading, st.sentence, st.s, st.topic);
    let (inside, place) = (st.inside, st.place);
    if t != Topic::Requests && case.is_none() {
        return None;
    }
    let found = outcome::statements(&reading.chars, sentence.range.clone(), inside, case);
    if t != Topic::Requests && found.is_empty() {
        return None;
    }
    let mut said = Vec::new();
    for st in &found {
        if said.contains(&(st.case, st.column)) {
            continue;
        }
        said.push((st.case, st.column));
        if let Some(what) = outcome::contradiction(reading.report, st) {
            let quote = reading.quote(st.start, st.end);
            out.push(
                at_text(
                    reading,
                    place,
                    st.start,
                    st.end,
                    format!("正文说“{quote}”，而{what}"),
                )
                .help("核对表四的结果维持、结果纠正、其他结果和尚未审结各列；表格无误时改写正文"),
            );
        }
    }
    // The case goes on only into a sentence that states its outcome.
    outcome::case_named(s).or(if found.is_empty() { None } else { case })
}

/// NARR for a rate of 行政复议 or 行政诉讼 (`维持率为60%`, `纠正率20%`)
/// that 表四 does not give: its column over every case, or over the cases
/// decided, within the rounding of what is written.
fn case_rates(st: Statement<'_, '_>, case: Option<Case>, out: &mut Vec<Diagnostic>) {
    let reading = st.reading;
    for f in st.inside.iter().filter(|f| f.unit == Unit::Percent) {
        if reading.is_from_placeholder(f.start) {
            continue;
        }
        let mut buf = [String::new(), String::new(), String::new()];
        context_of(&reading.chars, st.sentence, f, &mut buf);
        let Some(rate) = outcome::case_rate(reading.report, &buf[0], &buf[2], case) else {
            continue;
        };
        if ["上年", "去年", "同比", "较"]
            .iter()
            .any(|w| buf[0].has_word(w))
            || rate
                .shares
                .iter()
                .any(|(p, _, _)| shares::rounds_to(*p, f.value, f.decimals))
        {
            continue;
        }
        let (p, n, d) = rate.shares[0];
        let (word, name) = (rate.word, rate.case.name());
        out.push(
            at_text(
                reading,
                st.place,
                f.start,
                f.end,
                format!("正文写的{word}是 {}%，而按{name}计算为 {p:.1}%", f.value),
            )
            .label(format!("{n} ÷ {d}"))
            .help("核对表四的各列；表格无误时改写正文"),
        );
    }
}

/// NARR for a sentence saying every request was disclosed while 表三
/// has other results.
fn all_disclosed(st: Statement<'_, '_>, out: &mut Vec<Diagnostic>) {
    let (reading, sentence) = (st.reading, st.sentence);
    let Some((start, end)) = whole::all_disclosed(&reading.chars, sentence.range.clone()) else {
        return;
    };
    let report = reading.report;
    let first = |c: Category| tables::values(report, c).and_then(|(v, _)| v.first().copied());
    let (Some(disclosed), Some(decided)) = (
        first(Category::Result("予以公开")),
        first(Category::Decided),
    ) else {
        return;
    };
    if disclosed == decided {
        return;
    }
    out.push(
        every_request(st, (start, end), |quote| {
            format!("正文说申请“{quote}”，而表三“（一）予以公开”总计是 {disclosed}，办理结果总计是 {decided}")
        })
        .label(format!("予以公开 {disclosed} / 共 {decided}"))
        .help("核对表三的办理结果；有部分公开、不予公开等其他结果时，改写正文"),
    );
}

/// The finding at `start..end` of a statement about every request, its
/// message made from the words quoted.
fn every_request(
    st: Statement<'_, '_>,
    (start, end): (usize, usize),
    says: impl FnOnce(&str) -> String,
) -> Diagnostic {
    let quote = st.reading.quote(start, end);
    at_text(st.reading, st.place, start, end, says(&quote))
}

/// NARR for a sentence saying every request came from one kind of
/// applicant (`申请人均为自然人`) while 表三's other columns of 本年新收
/// are not all 0.
fn all_from_one_applicant(st: Statement<'_, '_>, out: &mut Vec<Diagnostic>) {
    let (reading, sentence) = (st.reading, st.sentence);
    let Some((start, end, category)) =
        whole::all_from_one_applicant(&reading.chars, sentence.range.clone())
    else {
        return;
    };
    let report = reading.report;
    let first = |c: Category| tables::values(report, c).and_then(|(v, n)| Some((*v.first()?, n)));
    let (Some((column, name)), Some((received, _))) = (first(category), first(Category::Received))
    else {
        return;
    };
    if column == received {
        return;
    }
    out.push(
        every_request(st, (start, end), |quote| {
            format!("正文说申请“{quote}”，而{name}是 {column}，本年新收总计是 {received}")
        })
        .label(format!("{column} / 共 {received}"))
        .help("核对表三“一、本年新收”各列；申请人不止一类时，改写正文"),
    );
}

/// Words saying every request of the year was decided: nothing was left
/// to carry over.
const ALL_DECIDED: [&str; 7] = [
    "全部办结",
    "均已办结",
    "均办结",
    "全部答复完毕",
    "均已答复完毕",
    "均已办理完毕",
    "全部办理完毕",
];

/// NARR for a sentence saying every request was decided (`全部办结`,
/// `均已答复完毕`) while 表三 carries some over to next year: a reader and
/// a reviewer take the sentence as the year's whole work, and last year's
/// requests, due within the statutory time, are not what is left (`办结率100%`
/// is often reckoned on the requests due by the year's end, and is not read
/// here). A sentence that sets some apart (`除…外`, `其余`), speaks of the
/// carry-over, of last year's or of decisions in time says something else.
fn all_decided(st: Statement<'_, '_>, out: &mut Vec<Diagnostic>) {
    let (reading, sentence, s, place) = (st.reading, st.sentence, st.s, st.place);
    let plain: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    // "均已在年内办结", "均在本年度内办结": the year's frame in between.
    let plain = without_year_frame(plain);
    // "全部办结量", "全部办结的件数": a noun, not a statement.
    let stated = |w: &&str| {
        plain.match_indices(*w).any(|(i, _)| {
            plain
                .slice_from(i + w.len())
                .chars()
                .next()
                .is_none_or(|c| !matches!(c, '量' | '数' | '的' | '率' | '件' | '后'))
        })
    };
    let Some(word) = ALL_DECIDED.iter().find(|w| stated(w)) else {
        return;
    };
    // "其中，涉及棚户区改造的申请19件，均已办结": a part of the requests.
    let part = plain
        .find(word)
        .is_some_and(|at| plain.slice_to(at).contains("其中"));
    // "征收补偿类申请15件均已办结": requests of one kind.
    if part || topic::of_one_subject(&plain) || plain.contains("类申请") {
        return;
    }
    if [
        "结转",
        "其余",
        "除",
        "上年",
        // "往年未办结的8件申请已于本年全部办结": the carried-in ones.
        "往年",
        "以前年度",
        "以往年度",
        "按时",
        "按期",
        "及时",
        "期限内",
        "当场",
    ]
    .iter()
    .any(|w| plain.has_word(w))
    {
        return;
    }
    let Some((values, name)) = tables::values(reading.report, Category::CarriedOut) else {
        return;
    };
    let carried = values.first().copied().unwrap_or(0);
    if carried == 0 {
        return;
    }
    // The words as written in the sentence, the year's frame in between
    // (`均已在年内办结`); else the sentence's start.
    let (start, end) = written_words(&reading.chars[sentence.range.clone()], word)
        .map_or((sentence.range.start, sentence.range.start), |(a, b)| {
            (sentence.range.start + a, sentence.range.start + b)
        });
    let end = end
        .max(start + word.chars().count())
        .min(sentence.range.end);
    let written: String = reading.chars[start..end].iter().collect();
    out.push(
        at_text(
            reading,
            place,
            start,
            end,
            format!("正文说申请“{written}”，而{name}是 {carried}：还有申请结转到下一年度办理"),
        )
        .label(format!("结转下年度 {carried}"))
        .help("核对表三的“四、结转下年度继续办理”；有结转的，写明已办结多少件、结转多少件")
        .bind(tables::cell(reading.report, Category::CarriedOut)),
    );
}

/// Words of the year's frame that may stand inside a statement that all
/// were decided (`均已在年内办结`, `均在本年度内办结`).
const YEAR_FRAMES: [&str; 5] = ["在本年度内", "在本年内", "在年内", "于年内", "在当年"];

/// `text` without the year's frames ([`YEAR_FRAMES`]).
fn without_year_frame(text: String) -> String {
    YEAR_FRAMES.iter().fold(text, |t, w| t.replace(w, ""))
}

/// Where `word` stands in `chars`, a year's frame in it allowed: the
/// character range of the words as written.
fn written_words(chars: &[char], word: &str) -> Option<(usize, usize)> {
    let n = word.chars().count();
    let longest = YEAR_FRAMES
        .iter()
        .map(|f| f.chars().count())
        .max()
        .unwrap_or(0);
    (0..chars.len()).find_map(|a| {
        (n..=n + longest).find_map(|len| {
            let piece: String = chars.get(a..a + len)?.iter().collect();
            (without_year_frame(piece) == word).then_some((a, a + len))
        })
    })
}

/// NARR-XYEAR: a change over last year the sentence states, against this
/// year's table and last year's (`decisions_only`: of 表二's decisions only,
/// in a sentence not about requests).
fn changed(st: Statement<'_, '_>, prev: &Report, out: &mut Vec<Diagnostic>, decisions_only: bool) {
    let (reading, sentence, inside, claims) = (st.reading, st.sentence, st.inside, st.counted);
    let place = st.place;
    let report = reading.report;
    let subjects: Vec<(usize, Category)> = claims
        .iter()
        .map(|c| (c.figure.start, c.category))
        .collect();
    let year = report.year.value;
    for c in change::changes(
        &reading.chars,
        sentence.range.clone(),
        inside,
        &subjects,
        year,
    )
    .into_iter()
    .filter(|c| !decisions_only || matches!(c.category, Category::Decisions(_)))
    {
        let first =
            |r: &Report| tables::values(r, c.category).and_then(|(v, n)| Some((*v.first()?, n)));
        let (Some((now, name)), Some((before, _))) = (first(report), first(prev)) else {
            continue;
        };
        let Some(fact) = change::contradiction(&c, now, before, shares::rounds_to) else {
            continue;
        };
        let (start, end) = c.by.map_or((c.start, c.end), |f| (f.start, f.end));
        let said = reading.quote(c.start, c.end);
        out.push(
            at_text_as(
                codes::NARR_XYEAR,
                reading,
                place,
                start,
                end,
                format!("正文说“{}”，而{name}按上年数据{fact}", said.trim()),
            )
            .label(format!("上年 {before}，本年 {now}"))
            .help("核对上年数据和本年表格；增减按上年报告的同一项计算"),
        );
    }
}

/// NARR for figures of 表二 and the fee statement written in the text:
/// of several figures a sentence gives for one cell, one must agree.
fn tabled_elsewhere(st: Statement<'_, '_>, out: &mut Vec<Diagnostic>) {
    let (reading, sentence, inside, place) = (st.reading, st.sentence, st.inside, st.place);
    let chars = &reading.chars;
    let year = reading.report.year.value;
    let mut found: Vec<(other_tables::Target, &Figure)> = Vec::new();
    for f in inside {
        let mut buf = [String::new(), String::new(), String::new()];
        context_of(chars, sentence, f, &mut buf);
        // "1.5万元": the figure counts ten thousands of yuan.
        let wan = f.unit == Unit::Yuan && f.end >= 2 && chars[f.end - 2] == '万';
        if let Some(t) = other_tables::target(f, &buf[2], (&buf[0], &buf[1]), year, wan) {
            found.push((t, f));
        }
    }
    let mut done = Vec::new();
    for (t, _) in &found {
        if done.contains(t) {
            continue;
        }
        done.push(*t);
        let same: Vec<&Figure> = found
            .iter()
            .filter(|(u, _)| u == t)
            .map(|(_, f)| *f)
            .collect();
        let results: Vec<(bool, String, String)> = same
            .iter()
            .filter_map(|f| other_tables::compare(reading.report, *t, f.value, f.decimals))
            .collect();
        if results.is_empty() || results.iter().any(|(ok, _, _)| *ok) {
            continue;
        }
        for (f, (_, value, name)) in same.iter().zip(&results) {
            let cell = other_tables::cell(reading.report, *t);
            let written = spaced(&reading.quote(f.start, f.end));
            // Last year's table figure left in the text.
            let last_year = reading
                .previous
                .filter(|_| placeholder_path(reading, f).is_none())
                .and_then(|prev| {
                    let (ok, before, _) = other_tables::compare(prev, *t, f.value, f.decimals)?;
                    ok.then_some((before, prev.year.value))
                });
            if let Some((before, prev_year)) = last_year {
                out.push(
                    at_text_as(
                        codes::XYEAR_PROSE,
                        reading,
                        place,
                        f.start,
                        f.end,
                        format!("正文写的 {written} 是上年（{prev_year} 年度）报告的数，本年{name}是 {value}"),
                    )
                    .label(format!("本年为 {value}，上年为 {before}"))
                    .note(format!("上年数据中{name}为 {before}"))
                    .help("是否沿用了上年报告的句子？改为本年的数字，或用占位符引用表格")
                    .bind(cell),
                );
                continue;
            }
            let d = against_table(
                reading,
                place,
                f,
                (&written, &format!("{name}是 {value}")),
                "核对表格和正文；以表格为准时改写正文",
            );
            out.push(d.label(format!("表格为 {value}")).bind(cell));
        }
    }
}

/// NARR-PARTS: the parts listed after 其中 add up to more than their total.
/// Requests received listed with those carried over ("收到申请6件，其中
/// 予以公开4件、…" for 7 decided) are set aside when the excess is exactly
/// the carried-over requests.
fn exceeded(st: Statement<'_, '_>, out: &mut Vec<Diagnostic>) {
    let (reading, sentence, inside, t) = (st.reading, st.sentence, st.inside, st.topic);
    let place = st.place;
    for e in parts::excesses(&reading.chars, sentence.range.clone(), inside) {
        let carried = tables::values(reading.report, Category::CarriedIn)
            .and_then(|(v, _)| v.first().copied())
            .unwrap_or(0);
        let total = e.total.value as u64;
        let listed: String = e
            .parts
            .first()
            .map(|f| reading.chars[e.total.end..f.end].iter().collect())
            .unwrap_or_default();
        let results = ["公开", "提供", "处理", "办结", "答复"]
            .iter()
            .any(|w| listed.has_word(w));
        // "收到申请6件，其中予以公开4件、…" with 1 carried over: the results
        // are of all 7.
        if t == Topic::Requests && results && carried > 0 && e.sum == total + carried {
            continue;
        }
        let terms: Vec<String> = e
            .parts
            .iter()
            .map(|f| (f.value as u64).to_string())
            .collect();
        out.push(
            at_text_as(
                codes::NARR_PARTS,
                reading,
                place,
                e.total.start,
                e.total.end,
                format!("“其中”所列各项之和是 {} 件，比合计 {total} 件还多", e.sum),
            )
            .label(format!("其中各项：{} = {}", terms.join(" + "), e.sum))
            .help("核对合计和各项的数字；各项有重叠的（如一件同时计入两项），请在正文中说明"),
        );
    }
}

/// The claims no table value supports, with the values and their name.
/// Several figures of one category in a sentence are parts of it when one
/// of them, or their sum, is the table's.
fn contradicted<'c, 'a>(
    report: &Report,
    chars: &[char],
    claims: &'c [Counted<'a>],
    sentence: std::ops::Range<usize>,
) -> Vec<(&'c Counted<'a>, Vec<u64>, String)> {
    let mut out = Vec::new();
    let mut done: Vec<Category> = Vec::new();
    let start = sentence.start;
    let sentence = &chars[sentence];
    for claim in claims {
        if done.contains(&claim.category) {
            continue;
        }
        done.push(claim.category);
        let Some((mut values, name)) = tables::values(report, claim.category) else {
            continue;
        };
        let same: Vec<&Counted> = claims
            .iter()
            .filter(|c| c.category == claim.category)
            .collect();
        if claim.category == Category::Received && same.len() == 1 {
            // "共收到申请7件（其中上年结转1件）": received with carried over.
            if let (Some(r), Some((c, _))) = (
                values.first().copied(),
                tables::values(report, Category::CarriedIn),
            ) && let Some(c) = c.first()
            {
                values.push(r + c);
            }
        }
        // "本年新收申请7件" says new: the sum with the carry-over is not it.
        let new_only = (claim.category == Category::Received
            && same.len() == 1
            && says_new(chars, claim.figure.start))
            || (matches!(claim.category, Category::Applicant(..))
                && counts_new_requests(
                    report,
                    claims,
                    sentence,
                    claim.figure.start.saturating_sub(start),
                ));
        // "共办理申请192件（含上年结转5件）": the carried over are in it.
        let with_carried = (same.len() == 1
            && matches!(claim.category, Category::Received | Category::Handled)
            && carried_in_bracket(chars, claim.figure.end))
        .then(|| received_and_carried(report))
        .flatten();
        let mut name = name;
        if let Some(both) = with_carried {
            values = vec![both];
            // "共办理189件（含上年结转5件）" may count those decided.
            if claim.category == Category::Handled
                && let Some((decided, _)) = tables::values(report, Category::Decided)
            {
                values.extend(decided);
            }
            if let Some((_, n)) = tables::values(report, Category::Handled) {
                name = n;
            }
        }
        let allowed: &[u64] = if new_only && with_carried.is_none() {
            &values[..1]
        } else {
            &values
        };
        let sum: u64 = same.iter().map(|c| c.figure.value as u64).sum();
        // A placeholder prints what its cell holds: compared like a typed
        // figure, it shows a placeholder bound to another cell. Several
        // figures of one category may be its parts: one of them, or their
        // sum, is the table's.
        let supported = same
            .iter()
            .any(|c| allowed.contains(&(c.figure.value as u64)))
            || (same.len() > 1 && allowed.contains(&sum));
        if !supported {
            out.extend(same.into_iter().map(|c| (c, values.clone(), name.clone())));
        }
    }
    out
}

/// Whether a sentence counts only this year's new requests before
/// `at` (an applicants' figure): it says 新收 before it, or one of its
/// received or applicants' figures is the new requests' and not the sum
/// with last year's carried over; and nothing in it speaks of requests
/// carried over or of everything handled (`全年新收申请66件，其中……法律服务
/// 机构申请4件`: the 4 is of the new ones; not `自然人申请101件（新收96件，
/// 2024年度转入5件）` nor `全年受理申请138件，其中当年新收130件`).
fn counts_new_requests(
    report: &Report,
    claims: &[Counted<'_>],
    sentence: &[char],
    at: usize,
) -> bool {
    let text: String = sentence.iter().collect();
    let with_carried = received_and_carried(report);
    if CARRIED_TOO.iter().any(|w| text.has_word(w))
        || claims
            .iter()
            .any(|c| Some(c.figure.value as u64) == with_carried)
    {
        return false;
    }
    // "本年新收申请中，自然人申请101件".
    let before: String = sentence[..at.min(sentence.len())].iter().collect();
    if before.contains("新收") {
        return true;
    }
    let carried_in = tables::values(report, Category::CarriedIn)
        .and_then(|(v, _)| v.first().copied())
        .unwrap_or(0);
    claims.iter().any(|c| {
        let n = c.figure.value as u64;
        match c.category {
            Category::Received => {
                carried_in > 0
                    && with_carried != Some(n)
                    && tables::values(report, c.category)
                        .is_some_and(|(v, _)| v.first() == Some(&n))
            }
            Category::Applicant(..) => {
                tables::values(report, c.category).is_some_and(|(v, _)| v.len() > 1 && v[0] == n)
            }
            _ => false,
        }
    })
}

/// Words saying a sentence's requests include those carried over or
/// everything there was to handle.
const CARRIED_TOO: [&str; 17] = [
    "结转",
    "遗留",
    "上年",
    "去年",
    "共需",
    "需办理",
    "转入",
    "转来",
    "跨年",
    "往年",
    "以前年度",
    "未办结",
    "办理中",
    "合计",
    "合并",
    "累计",
    "受理",
];

/// Whether a bracket opening at `at` says the count includes the requests
/// carried over (`（含上年结转5件）`).
fn carried_in_bracket(chars: &[char], at: usize) -> bool {
    let opens: String = chars.iter().skip(at).take(2).collect();
    (opens == "（含" || opens == "(含") && crate::claims::measure::includes_carry_over(chars, at)
}

/// 本年新收 and 上年结转 together, when the table gives both.
fn received_and_carried(report: &Report) -> Option<u64> {
    let first = |c| tables::values(report, c).and_then(|(v, _)| v.first().copied());
    Some(first(Category::Received)? + first(Category::CarriedIn)?)
}

/// The path of the placeholder that printed `f`, when one did.
fn placeholder_path<'r>(reading: &'r Reading<'_>, f: &Figure) -> Option<&'r str> {
    let i = reading.placeholder_of(f.start)?;
    reading.paths.get(i).map(String::as_str)
}

/// A diagnostic at figure `f`, written `said` where the tables have
/// `table` (`{name}是 {value}`): at the placeholder that printed it, as
/// bound to the wrong cell, or else at the text, with `help`.
fn against_table(
    reading: &Reading<'_>,
    place: (&SourceFile, &str, &Text),
    f: &Figure,
    (said, table): (&str, &str),
    help: &'static str,
) -> Diagnostic {
    match placeholder_path(reading, f) {
        Some(path) => misbound(
            reading,
            f,
            at_figure(
                reading,
                place,
                f,
                format!("占位符“{{{{ {path} }}}}”印出的是 {said}，而{table}"),
            ),
        ),
        None => at_figure(reading, place, f, format!("正文写的是 {said}，而{table}")).help(help),
    }
}

/// The unit a count is written with (`45条` → `条`, `6件次` → `件次`), so
/// that a message quotes the text's own words; `件` when none is written.
fn count_unit(reading: &Reading<'_>, f: &Figure) -> String {
    let written = reading.chars.get(f.start..f.end).unwrap_or_default();
    let unit: String = written
        .iter()
        .skip_while(|c| {
            c.is_ascii_digit() || "〇零一二两三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟０１２３４５６７８９,，.．".contains(**c)
        })
        .collect();
    if unit.is_empty() { "件".into() } else { unit }
}

/// A figure as written with a space between its digits and its unit, as
/// messages print counts (`6800次` → `6800 次`, `0.02万元` → `0.02 万元`);
/// Chinese numerals as written.
fn spaced(written: &str) -> String {
    let digits = written
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(written.len());
    let (number, unit) = written.split_at_boundary(digits);
    if number.is_empty() || unit.is_empty() || unit.starts_with(' ') {
        written.to_string()
    } else {
        format!("{number} {unit}")
    }
}

/// `d`, at a figure printed by a placeholder bound to another cell than
/// the one its sentence cites, with the sentence the reader sees and how
/// to bind it.
fn misbound(reading: &Reading<'_>, f: &Figure, d: Diagnostic) -> Diagnostic {
    d.note(format!("读者看到的句子是“{}”", sentence_around(reading, f)))
        .help("占位符引用的单元格不是这句话所说的那一项：改为引用正确的单元格")
}

/// The printed sentence around `f`, as the reader sees it (at most 60
/// characters).
fn sentence_around(reading: &Reading<'_>, f: &Figure) -> String {
    let chars = &reading.original;
    let stop = |c: &char| matches!(c, '。' | '！' | '？' | '\n' | '；');
    let start = chars[..f.start].iter().rposition(stop).map_or(0, |p| p + 1);
    let end = chars[f.end..]
        .iter()
        .position(stop)
        .map_or(chars.len(), |p| f.end + p);
    let start = start.max(f.start.saturating_sub(30));
    let end = end.min(f.end + 30);
    chars[start..end]
        .iter()
        .collect::<String>()
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::spaced;

    #[test]
    fn a_figure_is_printed_with_a_space_before_its_unit() {
        let cases = [
            ("6800次", "6800 次"),
            ("0.02万元", "0.02 万元"),
            ("3 件", "3 件"),
        ];
        for (written, printed) in cases.into_iter().chain([("三件", "三件"), ("12", "12")]) {
            assert_eq!(spaced(written), printed);
        }
    }
}
