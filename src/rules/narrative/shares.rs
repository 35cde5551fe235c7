//! NARR on the shares a sentence about requests gives: a percentage after
//! a count (`予以公开8件，占40%`), a named rate (`公开率`, `办结率`), a share
//! as a bound or in words (`超过九成`, `80%以上`, `过半`), each compared
//! with the same share computed from the tables; and shares that add up to
//! more than the whole.

use super::reading::{Statement, TABLE_HELP, at_figure, at_text};
use crate::claims::measure::{Counted, context_of};
use crate::claims::numbers::{Figure, Unit};
use crate::claims::reading::Reading;
use crate::claims::rows;
use crate::claims::shares::BoundedShare;
use crate::claims::tables;
use crate::claims::topic::{self, Category};
use crate::diag::Diagnostic;
use crate::find::Find;
use crate::slice::Slice;

/// Rate words and what they are the rate of: (word, numerator categories).
const RATES: [(&str, &[Category]); 5] = [
    // Before 公开率, which they contain.
    ("不予公开率", &[Category::Result("不予公开")]),
    ("部分公开率", &[Category::Result("部分公开")]),
    ("公开率", &[Category::Result("予以公开")]),
    ("办结率", &[Category::Decided]),
    ("答复率", &[Category::Decided]),
];

/// A share computed from the tables: its percentage, the numerator's name
/// and value, the denominator's name and value.
type Computed = (f64, String, u64, String, u64);

/// Percentages of requests: a share written after a count (`予以公开8件，
/// 占40%`) or a named rate (`公开率`, `办结率`, `按时办结率`), compared
/// with the same share computed from the tables, within the rounding of
/// the written figure.
pub(super) fn exact(st: Statement<'_, '_>, out: &mut Vec<Diagnostic>) {
    let (reading, sentence, s, inside) = (st.reading, st.sentence, st.s, st.inside);
    let chars = &reading.chars;
    for f in inside.iter().filter(|f| f.unit == Unit::Percent) {
        if reading.is_from_placeholder(f.start) {
            continue;
        }
        let mut buf = [String::new(), String::new(), String::new()];
        context_of(chars, sentence, f, &mut buf);
        let before = &buf[0];
        if no_share(buf.each_ref().map(String::as_str))
            || approximate(before, &buf[1])
            || s.is_empty()
        {
            continue;
        }
        // "办结率100%" is often reckoned on the requests due by the year's
        // end, which the tables do not give: not read (see `all_decided`).
        if decided_rate(before) && f.value >= 100.0 {
            continue;
        }
        let Some(candidates) = computed(st, f, &buf, false) else {
            continue;
        };
        if candidates
            .iter()
            .any(|c| rounds_to(c.0, f.value, f.decimals))
        {
            continue;
        }
        let (p, n_name, n, d_name, d) = &candidates[0];
        let shown = format!("{:.*}", f.decimals.max(1) as usize, p);
        out.push(
            at_figure(
                reading,
                st.place,
                f,
                format!(
                    "正文写的比例是 {}%，而按表格计算为 {shown}%",
                    fmt(f.value, f.decimals)
                ),
            )
            .label(format!("{n_name} {n} ÷ {d_name} {d}"))
            .note(tried_note(&candidates, named_base(before)))
            .help(TABLE_HELP),
        );
    }
}

/// Shares written as a bound or in words (`超过九成`, `80%以上`, `近半数`),
/// compared with the shares computed from the tables: a finding only when
/// none falls in the range the words allow.
pub(super) fn bounded(st: Statement<'_, '_>, shares: &[BoundedShare], out: &mut Vec<Diagnostic>) {
    let reading = st.reading;
    for share in shares {
        let f = &share.figure;
        if reading.is_from_placeholder(f.start) {
            continue;
        }
        let mut buf = [String::new(), String::new(), String::new()];
        context_of(&reading.chars, st.sentence, f, &mut buf);
        if no_share(buf.each_ref().map(String::as_str)) {
            continue;
        }
        let Some(candidates) = computed(st, f, &buf, share.in_words) else {
            continue;
        };
        if candidates.iter().any(|c| share.allows(c.0)) {
            continue;
        }
        let (p, n_name, n, d_name, d) = &candidates[0];
        let written = reading.quote(share.start, share.end);
        out.push(
            at_text(
                reading,
                st.place,
                share.start,
                share.end,
                format!(
                    "正文说比例“{written}”（{}），而按表格计算为 {p:.1}%",
                    share.range()
                ),
            )
            .label(format!("{n_name} {n} ÷ {d_name} {d}"))
            .note(tried_note(&candidates, named_base(&buf[0])))
            .note(format!(
                "“约”“左右”和只写几成的，按所写比例上下 {} 个百分点比较；“近”按所写比例以下 {} 个百分点以内；“超过”“以上”“过半”指不低于所写比例，“不足”“以下”指不高于",
                crate::claims::shares::ABOUT,
                crate::claims::shares::BELOW
            ))
            .help(TABLE_HELP),
        );
    }
}

/// The shares the tables give for the percentage `f` by the words around
/// it (`buf`: before it, after it, the sentence before it): each numerator
/// the words name over each denominator they allow, the likeliest first.
/// `None` when the words name no share of the tables' requests. A share in
/// words (`in_words`: `九成`) needs no word of sharing (`占`, `比例`).
fn computed(
    st: Statement<'_, '_>,
    f: &Figure,
    buf: &[String; 3],
    in_words: bool,
) -> Option<Vec<Computed>> {
    let before = &buf[0];
    // "全县各级行政机关共收到申请412件，本局收到66件，占16.0%": a share of a
    // wider total; "通过网上平台提交的占62.9%": of one channel.
    if topic::wider_scope(&buf[2]) || topic::wider_scope(before) || topic::by_channel(before) {
        return None;
    }
    if let Some(share) = of_one_group(st, buf) {
        return share;
    }
    let numerators = numerators(st.reading, buf, st.inside, st.counted, f, in_words)?;
    // "占全部办结量的45%": the base the share is of, when named. A rate of
    // deciding is of the requests there were to decide, never of those
    // decided.
    let base = named_base(before);
    let deciding = decided_rate(before);
    let denominators = tables::denominators(st.reading.report);
    let mut candidates = Vec::new();
    for (n, n_name) in &numerators {
        for (d, d_name) in denominators.iter().filter(|(_, name)| {
            base.is_none_or(|b| b == *name) && !(deciding && *name == tables::DECIDED_TOTAL)
        }) {
            candidates.push((
                *n as f64 * 100.0 / *d as f64,
                n_name.clone(),
                *n,
                (*d_name).to_string(),
                *d,
            ));
        }
    }
    // The base a reader takes first, for the message: new requests for an
    // applicant's share, all there were to decide for a rate of deciding.
    let natural = |c: &Computed| {
        let of_applicants = c.1.contains("本年新收") && c.3 == "本年新收";
        let of_deciding = deciding && c.3 == "本年新收与上年结转之和";
        !(of_applicants || of_deciding)
    };
    candidates.sort_by_key(natural);
    (!candidates.is_empty()).then_some(candidates)
}

/// A share of one result group, by the base named after 占
/// (`因不掌握而无法提供的，占无法提供类答复的近八成`): what the words
/// before 占 name over the group's total. `None` when no result group is
/// the base; `Some(None)` when the base is one this does not compute (an
/// applicant's requests, a reason's) or the words before 占 name no rows.
fn of_one_group(st: Statement<'_, '_>, buf: &[String; 3]) -> Option<Option<Vec<Computed>>> {
    let (before, sentence_before) = (&buf[0], &buf[2]);
    let base = before.slice_from(before.rfind('占')?);
    let report = st.reading.report;
    // "无法提供的32件中，因不掌握的占八成以上": the group the clause before
    // takes the share from.
    let group = rows::one_group(base).or_else(|| holding_group(sentence_before));
    if group.is_none() {
        let other = topic::applicant_named(base).is_some() || rows::names_reason(base);
        return other.then_some(None);
    }
    let (total, total_name) = tables::values(report, Category::Result(group?))?;
    // "因不掌握而无法提供的，占…": the words before 占, up to its comma.
    let part = sentence_before
        .slice_to(sentence_before.rfind('占')?)
        .trim_end_matches(['，', ',', '、', ' ']);
    let Some((values, name)) =
        topic::named_rows(rows::named(part, part)).and_then(|c| tables::values(report, c))
    else {
        return Some(None);
    };
    let share = values[0] as f64 * 100.0 / total[0] as f64;
    Some((total[0] > 0).then(|| vec![(share, name, values[0], total_name, total[0])]))
}

/// The result groups the clause before lists when the share's words sum
/// them (`予以公开50件、部分公开16件，两项合计占51.6%`).
fn listed_before(before: &str, sentence_before: &str) -> Option<Category> {
    if !["两项", "两者", "二者", "以上各项", "合计", "共计"]
        .iter()
        .any(|w| before.has_word(w))
    {
        return None;
    }
    let previous = sentence_before.slice_to(sentence_before.rfind(['，', ','])?);
    let previous = previous
        .rsplit(['，', ',', '；', ';'])
        .next()
        .unwrap_or(previous);
    let mask = rows::items_in(previous)
        .iter()
        .filter_map(|(_, item)| match item {
            rows::Item::Group(g) => rows::GROUPS.iter().position(|k| k == g),
            _ => None,
        })
        .fold(0u8, |mask, i| mask | 1 << i);
    (mask.count_ones() >= 2).then_some(Category::Results(mask))
}

/// The one result group named by the clause before the share's own when
/// it ends with 中 (`无法提供的32件中，`).
fn holding_group(sentence_before: &str) -> Option<&'static str> {
    let holding = sentence_before.slice_to(sentence_before.rfind(['，', ','])?);
    let holding = holding.strip_suffix('中')?;
    let holding = holding
        .rsplit(['，', ',', '；', ';'])
        .next()
        .unwrap_or(holding);
    match rows::items_in(holding).as_slice() {
        [(_, rows::Item::Group(g))] => Some(*g),
        _ => None,
    }
}

/// Whether a percentage, by the words around it (before it, after it, and
/// the sentence before it), is no share of this year's requests: a range,
/// a rate of part of the year or of last year, a change or a satisfaction
/// rate.
fn no_share([before, after, sentence_before]: [&str; 3]) -> bool {
    // "95%—98%": a range, not one share; "第1—3季度办结率": a rate of
    // part of the year, which the year's tables do not give.
    let range_mark = |c: char| matches!(c, '—' | '－' | '-' | '～' | '~' | '至' | '到');
    let mut next = after.chars();
    let ranged = next.next().is_some_and(range_mark)
        && next.next().is_some_and(|c| c.is_ascii_digit())
        || before.ends_with(range_mark) && before.trim_end_matches(range_mark).ends_with('%');
    let part_of_year = ["季度", "上半年", "下半年", "月份"]
        .iter()
        .any(|w| sentence_before.has_word(w));
    // "办结率由上年的75%提高到100%": last year's rate, or where a change
    // started from.
    let earlier = ["上年", "去年", "上一年"]
        .iter()
        .any(|w| before.has_word(w))
        || ["由", "从"].iter().any(|w| before.trim_end().ends_with(w));
    // "较上年增长20%", "满意率98%".
    let change = [
        "同比", "增长", "下降", "提高", "降低", "满意", "较", "增加", "减少",
    ]
    .iter()
    .any(|w| before.has_word(w));
    ranged || part_of_year || earlier || change
}

/// Whether an exact percentage is said to be approximate by the words
/// around it (`约占67%`, `67%左右`): not a computed share (a share bounded
/// right before or after it is [`bounded`]'s).
fn approximate(before: &str, after: &str) -> bool {
    ["约", "近", "左右", "上下"]
        .iter()
        .any(|w| before.has_word(w) || after.starts_with(w))
}

/// Whether the percentage is a rate of deciding (`办结率`, `答复率`; not
/// `按时办结率`, a share of those decided) by the last rate word before it.
fn decided_rate(before: &str) -> bool {
    RATES
        .iter()
        .filter_map(|(w, cats)| before.rfind(w).map(|i| (i, *cats)))
        .max_by_key(|(i, _)| *i)
        .is_some_and(|(i, cats)| cats.contains(&Category::Decided) && !in_time(before.slice_to(i)))
}

/// Whether a rate word follows a word of timeliness (`按时办结率`).
fn in_time(before_rate: &str) -> bool {
    ["按时", "按期", "及时", "期限内", "当场"]
        .iter()
        .any(|q| before_rate.ends_with(q))
}

/// What the note of a share says was tried besides the first reading,
/// or the base the text named.
fn tried_note(candidates: &[Computed], base: Option<&str>) -> String {
    let mut others: Vec<String> = Vec::new();
    for (p, n_name, n, d_name, d) in candidates.iter().skip(1) {
        let tried = format!("{n_name} {n} ÷ {d_name} {d} = {p:.1}%");
        if !others.contains(&tried) {
            others.push(tried);
        }
    }
    if others.is_empty() {
        match base {
            Some(b) => format!("按正文所说的基数（{b}）计算"),
            None => "表格中只有这一个基数不为 0".into(),
        }
    } else {
        format!("也试过：{}，都对不上", others.join("；"))
    }
}

/// What a percentage is the share of: the count it follows (`占`, `占比`,
/// `比例`), or the category its rate word names. `None` when the sentence
/// does not say.
fn numerators(
    reading: &Reading<'_>,
    [before, _, sentence_before]: &[String; 3],
    inside: &[&Figure],
    claims: &[Counted<'_>],
    f: &Figure,
    in_words: bool,
) -> Option<Vec<(u64, String)>> {
    let report = reading.report;
    // A named rate ("公开率100%", "办结率100%"); of one applicant's
    // requests ("商业企业申请的公开率为42.1%"), over a base not read.
    if let Some((_, cats)) = RATES.iter().find(|(w, _)| before.has_word(w)) {
        if topic::applicant_named(before).is_some() {
            return None;
        }
        // Over the comma clause: a list in it is cut at its 、.
        let clause = sentence_before
            .rfind(['，', '；', '。', ',', ';'])
            .map_or(sentence_before.as_str(), |i| sentence_before.slice_from(i));
        if several_rates(clause) {
            return None;
        }
        let rate_at = RATES.iter().filter_map(|(w, _)| before.find(w)).min()?;
        let qualified = in_time(before.slice_to(rate_at));
        // A rate of requests decided in time counts what the text says
        // was decided in time: the count before it in the sentence.
        // Only a count read as the requests' ("办理工单218件，按时办结率100%"
        // is the hotline's rate).
        if qualified {
            let count = inside
                .iter()
                .rev()
                .find(|g| g.unit == Unit::Count && g.end <= f.start)?;
            let (start, end) = topic::clause_bounds(&reading.chars, count);
            let text = |a: usize, b: usize| reading.chars[a..b].iter().collect::<String>();
            if topic::of_other_matter(&text(start, count.start), &text(count.end, end)) {
                return None;
            }
            // "…其他处理1件，按时办结率100%": a result's count, not the
            // requests the rate is of.
            if counts_a_part(claims, count) {
                return None;
            }
            return Some(vec![(count.value as u64, "正文所写件数".into())]);
        }
        let mut out = Vec::new();
        for c in *cats {
            let (values, name) = tables::values(report, *c)?;
            out.push((values[0], name));
        }
        // "公开率" may count 部分公开 too: both readings are tried.
        if cats.contains(&Category::Result("予以公开"))
            && let Some((p, _)) = tables::values(report, Category::Result("部分公开"))
        {
            out.push((out[0].0 + p[0], "表三予以公开与部分公开之和".into()));
        }
        return Some(out);
    }
    // A share after a count ("予以公开8件，占40%").
    let share = ["占比", "占", "比例", "比重"]
        .iter()
        .any(|w| sentence_before.has_word(w) && before.has_word(w));
    // "自然人申请超过九成": a share in words says it is one.
    if !share && !in_words {
        return None;
    }
    // "予以公开50件、部分公开16件，两项合计占51.6%": the rows the clause
    // before lists.
    if let Some(listed) = listed_before(before, sentence_before)
        && let Some((values, name)) = tables::values(report, listed)
    {
        return Some(vec![(values[0], name)]);
    }
    // "予以公开、部分公开合计占66.7%": the share of the rows it names.
    let named = rows::named(sentence_before, sentence_before);
    if let Some((values, name)) = topic::named_rows(named).and_then(|c| tables::values(report, c)) {
        return Some(vec![(values[0], name)]);
    }
    // "无法提供的占66.7%": the share of the one result named.
    if let Some((values, name)) =
        rows::one_group(before).and_then(|g| tables::values(report, Category::Result(g)))
    {
        return Some(vec![(values[0], name)]);
    }
    // "自然人申请占77.8%": the share of the applicants named.
    if let Some((values, name)) =
        topic::applicant_named(before).and_then(|c| tables::values(report, c))
    {
        return Some(vec![(values[0], name)]);
    }
    // "过半数申请予以公开": the results named after a share in words.
    // The words up to the clause's end, over a list's 、.
    let rest: String = reading
        .chars
        .get(f.end..)
        .unwrap_or_default()
        .iter()
        .take_while(|c| !matches!(c, '，' | '。' | '；' | ',' | ';' | '：' | '\n'))
        .collect();
    if in_words
        && let Some((values, name)) =
            results_after_share(&rest).and_then(|c| tables::values(report, c))
    {
        return Some(vec![(values[0], name)]);
    }
    if !share {
        return None;
    }
    // The count the share is of: the nearest before it, when that is a
    // figure of the tables ("其中网上申请33件，占比80.5%" is a share of a
    // count the tables do not give, over a base the text may not name).
    let claim = claims.iter().rev().find(|c| c.figure.end <= f.start)?;
    // "商业企业申请中，予以公开8件，占42.1%": of that applicant's requests.
    if matches!(claim.category, Category::ResultOf(..)) {
        return None;
    }
    let nearest = inside
        .iter()
        .rev()
        .find(|g| g.unit == Unit::Count && g.end <= f.start)?;
    if nearest.start != claim.figure.start {
        return None;
    }
    let (values, name) = tables::values(report, claim.category)?;
    let mut out = vec![(values[0], name)];
    let written = claim.figure.value as u64;
    if written != values[0] {
        out.push((written, "正文所写件数".into()));
    }
    Some(out)
}

/// Whether `count` is read as a part of the requests (a result, a reason,
/// an applicant's): no rate of all the requests is of it.
fn counts_a_part(claims: &[Counted<'_>], count: &Figure) -> bool {
    claims.iter().any(|c| {
        c.figure.start == count.start
            && matches!(
                c.category,
                Category::Result(_)
                    | Category::Results(_)
                    | Category::Reason(_)
                    | Category::ResultOf(..)
                    | Category::Applicant(..)
            )
    })
}

/// Whether the words before a share name several rates (`予以公开率、部分
/// 公开率分别为…`) or one of two results together (`予以公开和部分公开率`):
/// which rate a figure is, is not read.
fn several_rates(before: &str) -> bool {
    let named: usize = ["公开率", "办结率", "答复率"]
        .iter()
        .map(|w| before.matches(w).count())
        .sum();
    named >= 2
        || ['和', '及', '与', '、', '或']
            .iter()
            .any(|c| before.contains(&format!("{c}部分公开率")))
}

/// The result rows a share in words is of when the requests and their
/// results follow it (`过半数申请予以公开`, `超过六成的申请予以公开或部分
/// 公开`), or the one applicant's columns who asked them (`超过八成的申请
/// 由自然人提出`); not applicants (`申请人`) or anything else.
fn results_after_share(after: &str) -> Option<Category> {
    let rest = after.trim_start_matches(['的', '数']);
    let rest = ["政府信息公开申请", "信息公开申请", "申请"]
        .iter()
        .find_map(|w| rest.strip_prefix(w))?;
    if rest.starts_with(['人', '量', '数']) {
        return None;
    }
    let clause = rest
        .split(['，', '。', '；', ',', ';', '：'])
        .next()
        .unwrap_or(rest);
    // "近六成申请予以公开、部分公开": a list is not read here.
    if clause.contains('、') {
        return None;
    }
    if let Some(who) = ["由", "来自", "系", "为"]
        .iter()
        .find_map(|w| clause.strip_prefix(w))
    {
        return rows::leading_applicant(who).map(|(from, to)| Category::Applicant(from, to));
    }
    match rows::named(clause, clause) {
        rows::Named::Nothing => rows::one_group(clause).map(Category::Result),
        named => topic::named_rows(named),
    }
}

/// NARR for the shares one sentence gives of the requests (`自然人申请占
/// 83.3%，法人或其他组织申请占22.2%`) adding up to more than the whole,
/// beyond the rounding of what was written. Shares of a part (`其中`) or of
/// changes and rates are not added.
pub(super) fn over(st: Statement<'_, '_>, out: &mut Vec<Diagnostic>) {
    let (reading, s, inside, place) = (st.reading, st.s, st.inside, st.place);
    if ["其中", "同比", "增长", "下降", "率", "分别"]
        .iter()
        .any(|w| s.has_word(w))
    {
        return;
    }
    let shares: Vec<&Figure> = inside
        .iter()
        .filter(|f| f.unit == Unit::Percent && !reading.is_from_placeholder(f.start))
        .filter(|f| {
            let before: String = reading.chars[f.start.saturating_sub(4)..f.start]
                .iter()
                .collect();
            before.contains('占')
        })
        .copied()
        .collect();
    if shares.len() < 2 {
        return;
    }
    let sum: f64 = shares.iter().map(|f| f.value).sum();
    let slack: f64 = shares
        .iter()
        .map(|f| 0.5 / 10f64.powi(f.decimals as i32))
        .sum();
    if sum <= 100.0 + slack {
        return;
    }
    let (first, last) = (shares[0], shares[shares.len() - 1]);
    let terms: Vec<String> = shares
        .iter()
        .map(|f| format!("{}%", fmt(f.value, f.decimals)))
        .collect();
    out.push(
        at_text(
            reading,
            place,
            first.start,
            last.end,
            format!("正文所写的各部分比例相加为 {}%，超过 100%", fmt(sum, 1)),
        )
        .label(terms.join(" + "))
        .help("核对各部分的件数和基数；各部分有重叠的，在正文中说明"),
    );
}

/// The base a share names after 占 (`占全部办结量的`, `占本年新收申请的`),
/// as the name of one of `tables::denominators`.
fn named_base(before: &str) -> Option<&'static str> {
    let at = before.rfind('占')?;
    let base = before.slice_from(at);
    if ["结转", "和", "与", "及"].iter().any(|w| base.has_word(w)) {
        return ["新收"]
            .iter()
            .all(|w| base.has_word(w))
            .then_some("本年新收与上年结转之和");
    }
    if base.contains("办结") || base.contains("办理结果") {
        Some(tables::DECIDED_TOTAL)
    } else if base.contains("新收") {
        Some("本年新收")
    } else {
        None
    }
}

/// Whether `exact` written with `decimals` places (rounded or cut) is
/// `written`.
pub(super) fn rounds_to(exact: f64, written: f64, decimals: u32) -> bool {
    let scale = 10f64.powi(decimals as i32);
    let e = exact * scale;
    let w = (written * scale).round();
    (e.round() - w).abs() < 1e-6 || (e.floor() - w).abs() < 1e-6 || (e.ceil() - w).abs() < 1e-6
}

fn fmt(v: f64, decimals: u32) -> String {
    format!("{:.*}", decimals as usize, v)
}
