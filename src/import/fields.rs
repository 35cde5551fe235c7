//! The report's fields outside the tables, found in the text: the year, the
//! edition of the format, the agency, the date, the contact details and the
//! 2021 fee statement. Each reports what it had to guess or could not find.

use super::cells::Tok;
use super::narrative::{self, Para};
use super::sections::{Section, Signature, Title};
use super::{ImportError, Options, Sink, fee, norm, self_named, tables};
use crate::diag::{Diagnostic, codes};
use crate::model::schema::top;
use crate::model::{Contact, Date, Edition, Fee, Located, path};
use crate::slice::Slice;
use crate::source::Span;

/// Where the report year can be read, best first.
pub struct YearSources<'a> {
    /// The title.
    pub title: Option<&'a Title>,
    /// The opening paragraph.
    pub preface: &'a str,
    /// The first paragraph of section 一.
    pub overview: Option<&'a Para>,
    /// The signature (its date is in the year after the report's).
    pub signature: &'a Signature,
    /// The whole text, for a report named or a period stated anywhere else.
    pub whole: &'a str,
}

/// The report year: `--year`, else the title, else the first of: the report
/// named in the preface (`现公布…2023年政府信息公开工作年度报告`), the
/// statistical period, the overview, the signature's date, the report named
/// or the period stated anywhere, a sentence opening with a year. Says where a year not in the title came
/// from, and a disagreement with `--year`.
pub fn year(sink: &mut Sink, opts: &Options, from: &YearSources) -> Result<i32, ImportError> {
    let title_year = from.title.and_then(|t| t.year);
    let found = title_year.map(|y| (y, "标题")).or_else(|| body_year(from));
    let found_year = found.map(|(y, _)| y);
    let Some(year) = opts.year.or(found_year) else {
        return Err(ImportError::NoYear);
    };
    if year < crate::model::FIRST_YEAR {
        return Err(ImportError::TooOld { year });
    }
    if let (Some(o), Some(f)) = (opts.year, found_year)
        && o != f
    {
        sink.push_free(Diagnostic::info(
            codes::IMPORT_META,
            format!("按 --year 使用年度 {o}；原文中识别出的年度是 {f}"),
        ));
    } else if let (None, None, Some((_, place))) = (opts.year, title_year, found) {
        sink.push_free(Diagnostic::warning(
            codes::IMPORT_META,
            format!("标题中没有年度，按{place}识别为 {year} 年；如不对请用 --year 指定"),
        ));
    }
    Ok(year)
}

/// The year stated outside the title, with where it was read.
fn body_year(from: &YearSources) -> Option<(i32, &'static str)> {
    let overview = from.overview.map_or("", |p| p.text.as_str());
    named_year(from.preface)
        .map(|y| (y, "前言中的报告名称"))
        .or_else(|| stated_year(from.preface).map(|y| (y, "前言中的统计期限")))
        .or_else(|| stated_year(overview).map(|y| (y, "统计期限")))
        .or_else(|| named_year(overview).map(|y| (y, "正文中的报告名称")))
        .or_else(|| first_year(overview).map(|y| (y, "“总体情况”中的年份")))
        .or_else(|| opening_year(from.whole).map(|y| (y, "开头一段所写的年份")))
        .or_else(|| {
            let date = from.signature.date.as_ref();
            date.map(|((y, _, _), _)| (y - 1, "落款日期（次年）"))
        })
        .or_else(|| stated_year(from.whole).map(|y| (y, "正文中的统计期限")))
        .or_else(|| named_year(from.whole).map(|y| (y, "正文中的报告名称")))
        .or_else(|| sentence_year(from.whole).map(|y| (y, "正文中以年份开头的句子")))
}

/// The edition, from the strongest evidence: a 2021 sub-row of （六）其他处理
/// in section 三, else section 二's edition-specific labels, else the notice
/// cited in `cited` (the opening text), else a one-row （六）其他处理 (the 2019
/// form, which some 2021 reports also print), else the year. Reports an
/// edition that is not the year's, and a notice cited that disagrees.
pub fn edition(sink: &mut Sink, year: i32, t2: &[Tok], t3: &[Tok], cited: &str) -> Edition {
    let by_year = Edition::for_year(i64::from(year));
    let tables = tables::table_evidence(t2, t3);
    let notice = tables::cited_notice(cited);
    let from_tables = tables
        .t3_2021_rows
        .map(|p| (Edition::E2021, p))
        .or(tables.t2);
    // The notice cited is weak evidence: reports from 2021 on often still
    // cite 〔2019〕60号 over tables of the 2021 form, so it decides only
    // when it agrees with the year (the check says when it does not).
    let decided = from_tables
        .clone()
        .map(|(e, p)| (e, Some(p)))
        .or(tables.t3_one_row_other.map(|p| (Edition::E2019, Some(p))));
    let Some((e, piece)) = decided else {
        let cited = match notice {
            Some(n) if n != by_year => format!("（前言引用的通知对应 {n} 版，只作参考）"),
            _ => String::new(),
        };
        sink.push_free(Diagnostic::info(
            codes::IMPORT_META,
            format!("表格中看不出格式版本，按年度 {year} 采用 {by_year} 版{cited}"),
        ));
        return by_year;
    };
    if let (Some((t, _)), Some(n)) = (&from_tables, notice)
        && *t != n
    {
        sink.push_free(Diagnostic::info(
            codes::IMPORT_META,
            format!("前言引用的通知对应 {n} 版格式，表格是 {t} 版；按表格（{t} 版）导入"),
        ));
    }
    if e != by_year {
        let d = Diagnostic::warning(
            codes::EDITION,
            format!(
                "{year} 年度的报告应使用 {by_year} 版格式，原报告的表格是 {e} 版；按原表（{e} 版）导入"
            ),
        );
        match &piece {
            Some(p) => sink.push(d, p),
            None => sink.push_free(d),
        }
    }
    e
}

/// The information-processing fee statement of section 六 (see
/// [`fee::take`]): read into the three figures and taken out of `other`,
/// so that the statement printed from the figures is not printed twice. For
/// the 2021 format a statement that cannot be read asks the user to fill the
/// figures in; a 2019 report that says nothing about fees has none.
pub fn fee(
    sink: &mut Sink,
    edition: Edition,
    other: &mut Vec<Para>,
    section: Option<&Section>,
) -> Option<Fee> {
    let missing = match fee::take(other) {
        fee::Found::Read(f) => return Some(read_fee(sink, f)),
        fee::Found::Unreadable(p) => Some(p),
        fee::Found::Nothing => None,
    };
    if edition != Edition::E2021 && missing.is_none() {
        return None;
    }
    let printed = missing.as_ref().map_or_else(String::new, |p| {
        let text: String = p.text.chars().take(60).collect();
        format!("（原文：“{text}”）")
    });
    let d = Diagnostic::warning(
        codes::IMPORT_META,
        format!(
            "未能从第六部分读出信息处理费（收费通知件数、金额和实际收取金额）{printed}，没有按 0 导入，请在“{}”中手工填写",
            path::fee_block()
        ),
    )
    .path(path::other_body());
    match (&missing, section) {
        (Some(p), _) => sink.push(d, &p.piece),
        (None, Some(s)) => sink.push(d, &s.heading),
        (None, None) => sink.push_free(d),
    }
    None
}

/// The text of section 六 after its fee statement was taken out. When the
/// statement was all the section said, `无。`: the report prints the fee
/// sentence alone, as published (a `无。` after it is not printed), and the
/// section is not left empty.
pub fn other_text(sink: &mut Sink, fee_read: bool, other: &[Para]) -> String {
    let text = narrative::markdown(other);
    if !fee_read || !text.trim().is_empty() {
        return text;
    }
    sink.push_free(
        Diagnostic::info(
            codes::IMPORT_VALUE,
            "第六部分只写了信息处理费一项，正文按“无。”导入（印出时只有信息处理费一句，与原文相同）"
                .to_string(),
        )
        .path(path::other_body()),
    );
    "无。".to_string()
}

/// The figures of a fee statement that was read, with a note saying where
/// they came from and which are missing.
fn read_fee(sink: &mut Sink, f: fee::FeeText) -> Fee {
    let message = if f.nil {
        "第六部分写明未收取信息处理费，“信息处理费”三项按 0 导入，原句从正文中移出".to_string()
    } else if f.complete() {
        "信息处理费三项从第六部分读出，原句从正文中移出".to_string()
    } else {
        "第六部分的信息处理费说明没有写全收费通知件数、收费通知金额和实际收取金额，已读出的导入，其余请手工填写；原句从正文中移出".to_string()
    };
    let d = if f.complete() {
        Diagnostic::info(codes::IMPORT_VALUE, message)
    } else {
        Diagnostic::warning(codes::IMPORT_VALUE, message)
    };
    sink.push(d.path(path::fee_block()), &f.para.piece);
    Fee {
        notices: f.notices.map(|n| Located::new(n, Span::default())),
        notice_amount: f.notice_amount.map(|d| Located::new(d, Span::default())),
        collected: f.collected.map(|d| Located::new(d, Span::default())),
        span: Span::default(),
    }
}

/// Keeps every heading of section 六 once in its text: a heading written
/// twice loses its repeats, and the fee heading goes when nianbao prints
/// the fee statement itself (`fee_printed`); each is reported, since a
/// heading printed twice is an error.
pub fn repeated_headings(sink: &mut Sink, other: &mut Vec<Para>, fee_printed: bool) {
    let mut seen = std::collections::HashSet::new();
    // Kept in one pass (removing one at a time would be quadratic).
    let mut kept = Vec::with_capacity(other.len());
    for p in std::mem::take(other) {
        if p.level.is_none() {
            kept.push(p);
            continue;
        }
        let message = if fee_printed && fee::mentions_fee(&p.text) {
            format!(
                "第六部分的标题“{}”与按“{}”生成的信息处理费一段重复，已从正文中去掉",
                p.text,
                path::fee_block()
            )
        } else if !seen.insert(norm::core(&p.text)) {
            format!("第六部分的标题“{}”出现了两次，已去掉后一个", p.text)
        } else {
            kept.push(p);
            continue;
        };
        sink.push(
            Diagnostic::warning(codes::IMPORT_META, message).path(path::other_body()),
            &p.piece,
        );
    }
    *other = kept;
}

/// The agency: from the signature, else from the title, else as the
/// opening text `preface` names it.
pub fn agency(
    sink: &mut Sink,
    title: Option<&Title>,
    signature: &Signature,
    preface: &str,
) -> String {
    let agency_path = path::field(top::AGENCY);
    let title_agency = title.and_then(|t| t.agency.clone());
    let sig_agency = signature.agency.as_ref().map(|p| norm::compact(&p.text));
    let named = (sig_agency.is_none() && title_agency.is_none())
        .then(|| self_named::agency(preface))
        .flatten();
    let agency = match (&sig_agency, &title_agency) {
        (Some(s), Some(t)) => {
            if s != t
                && let Some(tt) = title
            {
                sink.push(
                    Diagnostic::info(
                        codes::IMPORT_META,
                        format!("标题中的机关名称“{t}”与落款“{s}”不同，“{agency_path}”按落款填写"),
                    ),
                    &tt.piece,
                );
            }
            s.clone()
        }
        (Some(s), None) => s.clone(),
        (None, Some(t)) => match self_named::agency(preface) {
            // The preface writes the whole of a name the title shortens.
            Some(whole) if whole.ends_with(t.as_str()) && whole.len() > t.len() => {
                sink.push_free(Diagnostic::info(
                    codes::IMPORT_META,
                    format!("标题中的机关名称是“{t}”，按前言中的全称“{whole}”填写"),
                ));
                whole
            }
            _ => t.clone(),
        },
        (None, None) if let Some(named) = named => {
            sink.push_free(
                Diagnostic::warning(
                    codes::IMPORT_META,
                    format!(
                        "原文中找不到标题或落款，“{agency_path}”按前言中的名称填作“{named}”；请核对是否为全称"
                    ),
                )
                .path(agency_path.clone()),
            );
            named
        }
        (None, None) => {
            sink.push_free(
                Diagnostic::warning(
                    codes::IMPORT_META,
                    format!("原文中找不到标题或落款，无法识别机关名称；请在“{agency_path}”中填写"),
                )
                .path(agency_path.clone()),
            );
            String::new()
        }
    };
    partial_name(sink, &agency, title, signature, sig_agency.is_some());
    if title.is_none() && sig_agency.is_some() {
        sink.push_free(Diagnostic::info(
            codes::IMPORT_META,
            "原文中没有标题，机关名称取自落款",
        ));
    }
    agency
}

/// Says when the name taken (from the signature when there is one, else
/// the title) may be only the last line of a name set on several: the line
/// above it looks like the name's start and nothing confirmed it.
fn partial_name(
    sink: &mut Sink,
    agency: &str,
    title: Option<&Title>,
    signature: &Signature,
    signed: bool,
) {
    let (above, place) = if signed {
        (signature.left_above.as_deref(), "落款")
    } else {
        (title.and_then(|t| t.left_above.as_deref()), "标题")
    };
    let Some(above) = above else {
        return;
    };
    let agency_path = path::field(top::AGENCY);
    sink.push_free(
        Diagnostic::warning(
            codes::IMPORT_META,
            format!(
                "{place}中的机关名称分在几行，只取了“{agency}”；上一行“{above}”可能是名称的前一部分\
                 （前言和落款都没有写出全称，无法确认）。请核对“{agency_path}”"
            ),
        )
        .path(agency_path.clone()),
    );
}

/// The date of the report, from the signature, else from under the title.
pub fn date(
    sink: &mut Sink,
    signature: &Signature,
    title: Option<&Title>,
) -> Option<Located<Date>> {
    let under_title = title.and_then(|t| t.dated.as_ref());
    if signature.date.is_none()
        && let Some(((y, m, d), piece)) = under_title
        && let Some(date) = Date::parse(&format!("{y:04}-{m:02}-{d:02}"))
    {
        sink.push(
            Diagnostic::info(
                codes::IMPORT_META,
                format!(
                    "原文末尾没有落款日期，成文日期取自标题下的“{}”",
                    piece.text.trim()
                ),
            ),
            piece,
        );
        return Some(Located::new(date, Span::default()));
    }
    let date = signature.date.as_ref().and_then(|((y, m, d), piece)| {
        let iso = format!("{y:04}-{m:02}-{d:02}");
        match Date::parse(&iso) {
            Some(date) => Some(Located::new(date, Span::default())),
            None => {
                sink.push(
                    Diagnostic::warning(
                        codes::IMPORT_META,
                        format!("落款日期“{}”不是有效日期", piece.text),
                    ),
                    piece,
                );
                None
            }
        }
    });
    if date.is_none() && signature.date.is_none() {
        let date_path = path::field(top::DATE);
        sink.push_free(
            Diagnostic::warning(
                codes::IMPORT_META,
                format!("原文末尾找不到成文日期（如“2025年1月10日”）；请在“{date_path}”中填写"),
            )
            .path(date_path.clone()),
        );
    }
    date
}

/// The contact details stated in the opening paragraph.
pub fn contact(preface: &str) -> Contact {
    let found = narrative::contact(preface);
    let loc = |v: Option<String>| v.map(|s| Located::new(s, Span::default()));
    Contact {
        address: loc(found.address),
        postcode: loc(found.postcode),
        phone: loc(found.phone),
        email: loc(found.email),
    }
}

/// The year of the statistical period stated in `text`
/// (`统计期限自2024年1月1日起`, `统计时限为2021年1月1日至2021年12月31日`).
fn stated_year(text: &str) -> Option<i32> {
    let t = norm::compact(text);
    ["统计期限", "统计时限", "统计期间", "统计时间", "统计区间"]
        .iter()
        .filter_map(|w| t.find(w))
        .min()
        .and_then(|at| first_year(t.slice(at, t.len().min(at + 60))))
}

/// The year of the report named in `text`: a `YYYY年` followed within a few
/// characters by `政府信息公开` and then `报告` (`现公布…2023年政府信息公开
/// 工作年度报告`, `2023年度本局政府信息公开年度报告`).
fn named_year(text: &str) -> Option<i32> {
    let t = norm::compact(text);
    let chars: Vec<char> = t.chars().collect();
    let quoted = inside_title_marks(&chars);
    (0..chars.len().saturating_sub(4)).find_map(|i| {
        // `《关于做好2020年度政府信息公开工作年度报告编制…的通知》`: a
        // document cited, not this report.
        if quoted[i] {
            return None;
        }
        let y = year_at(&chars, i)?;
        let after: String = chars[i + 5..].iter().take(30).collect();
        let p = after.find("政府信息公开")?;
        let between = after.slice_to(p);
        let plain =
            between.chars().count() <= 16 && !between.contains(|c: char| c.is_ascii_digit());
        (plain && after.slice_from(p).contains("报告")).then_some(y)
    })
}

/// Whether each character stands inside 《…》 that cite another document
/// (a notice, the regulations: `关于`, `通知`, `条例`…); the report's own
/// title quoted where it is published (`现发布《某局2024年…年度报告》`)
/// does not count.
fn inside_title_marks(chars: &[char]) -> Vec<bool> {
    const CITED: [&str; 6] = ["关于", "通知", "条例", "格式", "办法", "意见"];
    let mut out = vec![false; chars.len()];
    let mut open: Vec<usize> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '《' => open.push(i),
            '》' => {
                if let Some(start) = open.pop() {
                    let inner: String = chars[start + 1..i].iter().collect();
                    if CITED.iter().any(|w| inner.contains(w)) {
                        out[start..=i].iter_mut().for_each(|q| *q = true);
                    }
                }
            }
            _ => {}
        }
    }
    // An unclosed mark cites to the end, as before.
    if let Some(&start) = open.first() {
        out[start..].iter_mut().for_each(|q| *q = true);
    }
    out
}

/// The year written at `i` (`2023年`, not part of a longer number).
fn year_at(chars: &[char], i: usize) -> Option<i32> {
    let ok = chars.get(i..i + 4)?.iter().all(char::is_ascii_digit)
        && chars.get(i + 4) == Some(&'年')
        && (i == 0 || !chars[i - 1].is_ascii_digit());
    if !ok {
        return None;
    }
    let y: i32 = chars[i..i + 4].iter().collect::<String>().parse().ok()?;
    (1990..=2200).contains(&y).then_some(y)
}

/// The first `YYYY年` in the text.
fn first_year(text: &str) -> Option<i32> {
    let t = norm::compact(text);
    let chars: Vec<char> = t.chars().collect();
    (0..chars.len().saturating_sub(4)).find_map(|i| year_at(&chars, i))
}

/// The year a paragraph near the top opens with, as the year the report
/// covers (`2025年，本局坚持…`, `2020年度,全局…`): one of the first 12
/// lines starting with `YYYY年` or `YYYY年度` and a comma.
fn opening_year(text: &str) -> Option<i32> {
    text.lines()
        .map(norm::compact)
        .filter(|l| !l.is_empty())
        .take(12)
        .find_map(|line| {
            let chars: Vec<char> = line.chars().take(8).collect();
            let y = year_at(&chars, 0)?;
            let after = match chars.get(5) {
                Some('度') => chars.get(6),
                c => c,
            };
            matches!(after, Some('，' | ',')).then_some(y)
        })
}

/// The year the first sentence opening with a year and a comma starts
/// with, anywhere in the text (`…公开信息。2024年，我街道在门户网站…`): the
/// year the report covers, when nothing names it more plainly.
fn sentence_year(text: &str) -> Option<i32> {
    text.lines().find_map(|line| {
        let chars: Vec<char> = norm::compact(line).chars().collect();
        (0..chars.len().saturating_sub(6)).find_map(|i| {
            let opens = i == 0 || matches!(chars[i - 1], '。' | '；' | ';' | '！' | '？');
            let y = year_at(&chars, i).filter(|_| opens)?;
            let after = match chars.get(i + 5) {
                Some('度') => chars.get(i + 6),
                c => c,
            };
            matches!(after, Some('，' | ',')).then_some(y)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_year_a_sentence_opens_with() {
        assert_eq!(
            sentence_year(
                "本年度未收到申请。\n我街道公开信息。2024年，我街道在网站公开动态172条。"
            ),
            Some(2024)
        );
        assert_eq!(sentence_year("截至2024年，累计公开"), None);
        assert_eq!(sentence_year("2019年以来持续推进"), None);
    }

    #[test]
    fn finds_the_year_a_paragraph_opens_with() {
        assert_eq!(
            opening_year("一、工作概述\n2025年,本局坚持公开为常态"),
            Some(2025)
        );
        assert_eq!(opening_year("2020年度，全局主动公开信息"), Some(2020));
        assert_eq!(opening_year("2020年1月1日起施行"), None);
        assert_eq!(opening_year("本局2020年，主动公开"), None);
        assert_eq!(opening_year("2023"), None);
    }

    #[test]
    fn finds_the_stated_period() {
        assert_eq!(
            stated_year("本报告统计期限自2024年1月1日起至12月31日止"),
            Some(2024)
        );
        assert_eq!(first_year("12345年，2023年"), Some(2023));
        assert_eq!(stated_year("2024年"), None);
        assert_eq!(
            stated_year("本报告统计时限为2021年1月1日至2021年12月31日"),
            Some(2021)
        );
    }

    #[test]
    fn finds_the_report_named_in_the_preface() {
        assert_eq!(
            named_year("根据条例规定，现公布本局2023年政府信息公开工作年度报告。"),
            Some(2023)
        );
        assert_eq!(
            named_year("2022年起施行的办法，2023年度本局政府信息公开年度报告"),
            Some(2023)
        );
        assert_eq!(named_year("2023年本局依法公开政府信息1200条"), None);
        assert_eq!(
            named_year(
                "根据《关于做好2020年度政府信息公开工作年度报告编制和发布工作的通知》，现公布本局2021年政府信息公开工作年度报告"
            ),
            Some(2021)
        );
        // The report's own title quoted where it is published.
        assert_eq!(
            named_year("依据条例，现发布《某县某局2025年政府信息公开年度报告》。"),
            Some(2025)
        );
        assert_eq!(named_year("没有年份"), None);
    }
}
