//! Finding the six section headings, the title, and the signature with its
//! date.

use super::lines::{Piece, SourceLine};
use super::norm::{self, Numbering};
use crate::slice::Slice;

/// One of the six mandated sections as found in the source.
#[derive(Debug, Clone)]
pub struct Section {
    /// 0 for 一 … 5 for 六.
    pub index: usize,
    /// The heading line as printed.
    pub heading: Piece,
    /// The lines after the heading, up to the next heading.
    pub lines: Vec<SourceLine>,
}

/// The document split at its section headings.
#[derive(Debug, Clone, Default)]
pub struct Split {
    /// Lines before the first heading (title, opening paragraph).
    pub front: Vec<SourceLine>,
    /// The sections found, by index.
    pub sections: [Option<Section>; 6],
    /// Where a second report starts on the same page (its title, else its
    /// 一、总体情况 heading): nothing from there on is read.
    pub second: Option<Piece>,
}

/// Which section a line heads, if it is a section heading.
///
/// Only a whole line counts, numbered like a first-level heading (`一、`,
/// `2、`, `2.`); `（一）…` sub-headings and table rows such as
/// `四、结转下年度继续办理` never match. Accepted variants follow FORMAT.md §1.3.
pub fn heading_index(line: &SourceLine) -> Option<usize> {
    if let Some(cells) = &line.cells
        && cells.iter().filter(|c| !norm::is_blank(&c.text)).count() > 1
    {
        return None;
    }
    heading_of(&line.text)
}

/// Which section a line's text heads, if it is a section heading (see
/// [`heading_index`]; the text alone, whatever cells it was printed in).
pub fn heading_of(text: &str) -> Option<usize> {
    let c = norm::canon(text);
    if c.chars().count() > 45 {
        return None;
    }
    let (numbering, rest) = norm::split_numbering(&c);
    if numbering != Some(Numbering::Top) {
        return None;
    }
    let rest = rest.trim_end_matches([':', '。', '.', ';']);
    let len = rest.chars().count();
    let ends_situation = rest.ends_with("情况");
    // Headings as published reports print them, not data paths: some share
    // their words with data-file keys (总体情况, 主动公开, 其他事项).
    // 总体情况 as reports word it: `工作开展总体情况`, `总体概述`, `工作概述`,
    // `政府信息公开工作的基本概况`.
    let overview = rest.starts_with("总体情况") && len <= 8
        || rest.ends_with("总体情况") && len <= 10
        || rest.ends_with("概述") && len <= 8
        || (rest.ends_with("基本概况") || rest.ends_with("基本情况"))
            && rest.contains("公开")
            && len <= 16;
    if overview {
        Some(0)
    } else if rest.contains("主动公开") && ends_situation && len <= 16 {
        Some(1)
    } else if (rest.contains("政府信息公开申请") && ends_situation && len <= 24)
        || (rest.starts_with("依申请公开") && ends_situation && len <= 14)
    {
        Some(2)
    } else if rest.contains("行政复议") && rest.contains("行政诉讼") && len <= 32 {
        Some(3)
    } else if rest.contains("问题") && rest.contains("改进") && len <= 24 {
        Some(4)
    } else if rest.contains("其他需要报告") || rest == "其他事项" {
        Some(5)
    } else {
        None
    }
}

/// Splits the lines at the section headings, in order (a heading for a
/// section at or before the current one is ordinary text).
pub fn split(lines: Vec<SourceLine>) -> Split {
    let mut out = Split::default();
    let mut current: Option<usize> = None;
    for line in lines {
        let heading = heading_index(&line);
        // 一、总体情况 again after section 四: another report follows (two
        // years, or two agencies, on one page).
        if heading == Some(0)
            && let Some(c) = current.filter(|c| *c >= 3)
            && let Some(section) = out.sections[c].as_mut()
        {
            out.second = Some(second_title(&mut section.lines).unwrap_or_else(|| line.piece()));
            break;
        }
        if let Some(i) = heading
            && current.is_none_or(|c| i > c)
        {
            out.sections[i] = Some(Section {
                index: i,
                heading: line.piece(),
                lines: Vec::new(),
            });
            current = Some(i);
            continue;
        }
        match current.and_then(|c| out.sections[c].as_mut()) {
            Some(s) => s.lines.push(line),
            None => out.front.push(line),
        }
    }
    out
}

/// Takes the second report's title and what follows it (a preface) off
/// the end of the section before it (`某某局` / `2023年政府信息公开工作年度报告`,
/// within its last [`SECOND_TITLE_WITHIN`] lines) and returns where it
/// starts; none when no title stands there.
fn second_title(lines: &mut Vec<SourceLine>) -> Option<Piece> {
    let is_title = |l: &SourceLine| title_like(&l.text) && l.text.contains("年度报告");
    let from = lines.len().saturating_sub(SECOND_TITLE_WITHIN);
    let title = from + lines[from..].iter().rposition(is_title)?;
    let mut start = title;
    // The agency on a line of its own above a title that opens with the year.
    let opens_with_year = norm::trim(&lines[title].text).starts_with(|c: char| c.is_ascii_digit());
    if opens_with_year
        && let Some(above) = lines[..title].iter().rposition(|l| !l.is_blank())
        && title_like(&lines[above].text)
        && !lines[above].text.contains(|c: char| c.is_ascii_digit())
    {
        start = above;
    }
    let piece = lines[start].piece();
    lines.truncate(start);
    Some(piece)
}

/// How far above a second report's first heading its title is looked for.
const SECOND_TITLE_WITHIN: usize = 12;

/// The report title found in the front matter.
#[derive(Debug, Clone)]
pub struct Title {
    /// The title lines joined.
    pub text: String,
    /// Where it starts.
    pub piece: Piece,
    /// The agency named before the year, if any.
    pub agency: Option<String>,
    /// The year named in the title, if any.
    pub year: Option<i32>,
    /// A line just above the title that looks like the start of the
    /// agency's name but was not taken into it (nothing confirmed it).
    pub left_above: Option<String>,
    /// The date printed under the title (`（2023年1月31日）`), with where.
    pub dated: Option<((i32, u32, u32), Piece)>,
}

fn title_like(text: &str) -> bool {
    let t = norm::trim(text);
    let n = t.chars().count();
    n > 0
        && n <= 40
        && !t.contains([
            '。', '，', '；', '：', ',', ';', ':', '>', '|', '»', '/', '\t',
        ])
}

/// Whether a line is (a piece of) a title cited in the text — in book-title
/// marks, or the notice on the report format — not the report's own.
fn cited_title(text: &str) -> bool {
    text.contains(['《', '》', '〈', '〉']) || text.contains("通知") || text.contains("格式")
}

/// Whether the line after `before` is the rest of a paragraph wrapped at the
/// page width (a PDF's preface): the last line before it is long and does
/// not end a sentence.
fn continues_a_paragraph(before: &[SourceLine]) -> bool {
    let Some(prev) = before.iter().rev().find(|l| !l.is_blank()) else {
        return false;
    };
    let t = norm::trim(&prev.text);
    t.chars().count() >= 20
        && !t.ends_with(['。', '：', ':', '！', '？', ';', '；'])
        && !norm::framed_by_date(t)
        && !page_furniture(t)
}

/// Whether a line above a title is the page's, not a paragraph's: a
/// breadcrumb or a list of links (`首页 > 政务公开 > …`, `首页/ 政府信息公开 /
/// …`), the browser title (`…年度报告 - 政府信息公开年报 - 某局`), a row of
/// the article's metadata (`文 号: 所属主题: …`) or the title itself again.
fn page_furniture(text: &str) -> bool {
    let c = norm::canon(text);
    c.contains(['>', '»', '|', '/', '›'])
        || text.contains(" - ")
        || c.matches(':').count() >= 2
        || c.ends_with("报告")
        || c.ends_with("年报")
}

/// Whether a line names a report (`…工作年度报告`, `某乡2020年信息公开年报`;
/// not a section's label `部门信息公开年报`, which names no agency).
fn names_a_report(canon: &str) -> bool {
    canon.contains("报告") || (canon.contains("公开年报") && parse_title(canon).0.is_some())
}

/// Finds the title in the front matter and returns it with the index of the
/// first line after it. Lines before the title (page navigation of a saved
/// web page) are skipped.
pub fn find_title(front: &[SourceLine], known: &str) -> Option<(Title, usize)> {
    let last = front.iter().enumerate().rposition(|(i, l)| {
        let c = norm::canon(&l.text);
        c.chars().count() <= 60
            && names_a_report(&c)
            && title_like(&l.text)
            && !cited_title(&l.text)
            && !continues_a_paragraph(&front[..i])
    })?;
    let mut first = last;
    let mut joined = norm::trim(&front[last].text).to_string();
    let mut k = last;
    let mut taken = 1;
    let mut left_above = None;
    while k > 0 && taken <= NAME_LINES {
        k -= 1;
        if front[k].is_blank() {
            continue;
        }
        let t = norm::trim(&front[k].text);
        // The report's name not yet whole (`政务信息` / `公开工作年度报告`).
        let needs = !norm::canon(&joined).contains("信息公开");
        let no_agency = parse_title(&joined).0.is_none();
        // A long name set on two lines above the year: taken whole when the
        // opening paragraph or the signature names the agency so.
        let longer = parse_title(&format!("{t}{joined}"))
            .0
            .is_some_and(|a| known.contains(&a) || front_names(front, last + 1, &a));
        if title_like(t) && !cited_title(t) && (needs || no_agency || longer) {
            joined = format!("{t}{joined}");
            first = k;
            taken += 1;
        } else {
            left_above = name_fragment(t).then(|| t.to_string());
            break;
        }
    }
    let (mut agency, year) = parse_title(&joined);
    let piece = front[first].piece();
    let under = under_title(&front[last + 1..], agency.as_deref());
    // A government's office under its government's title compiled the
    // report; the government stays the agency.
    if let Some(name) = under.byline
        && !(agency.as_ref().is_some_and(|a| a.ends_with("政府")) && name.ends_with("办公室"))
    {
        agency = Some(name);
    }
    Some((
        Title {
            text: joined,
            piece,
            agency,
            year,
            left_above,
            dated: under.dated,
        },
        last + 1 + under.lines,
    ))
}

/// What a title block prints under the title, before the opening text.
#[derive(Default)]
struct UnderTitle {
    /// The agency's name on a line of its own, when it is the title's
    /// agency or more of it (`迎宾路街道办事处` under `…迎宾路街道政府信息
    /// 公开工作年度报告`), or the title names none.
    byline: Option<String>,
    /// A date alone on its line (`（2023年1月31日）`).
    dated: Option<((i32, u32, u32), Piece)>,
    /// How many lines (blank ones included) they take.
    lines: usize,
}

/// Reads the byline and the date under a title from `after`, the lines
/// after it; `agency` is the name the title gives.
fn under_title(after: &[SourceLine], agency: Option<&str>) -> UnderTitle {
    let mut out = UnderTitle::default();
    let mut taken = 0;
    for (i, line) in after.iter().enumerate() {
        if line.is_blank() {
            continue;
        }
        if taken == 2 {
            break;
        }
        let t = norm::compact(norm::trim(&line.text));
        let bare = t.trim_matches(['(', ')', '（', '）']);
        if out.dated.is_none() && bare.chars().count() <= 16 && norm::parse_date(bare).is_some() {
            out.dated = norm::parse_date(bare).map(|d| (d, line.piece()));
        } else if out.byline.is_none() && byline_of(&t, agency) {
            out.byline = Some(t.to_string());
        } else {
            break;
        }
        taken += 1;
        out.lines = i + 1;
    }
    out
}

/// Whether `line` is the agency's name printed under a title naming
/// `agency` (the same, or more of it), or under one naming none.
fn byline_of(line: &str, agency: Option<&str>) -> bool {
    let n = line.chars().count();
    let named = (2..=30).contains(&n)
        && title_like(line)
        && !cited_title(line)
        && !line.contains("报告")
        && (crate::model::names::ends_as_organ(line) || name_fragment(line));
    named && agency.is_none_or(|a| line.contains(a))
}

/// Whether a short line looks like the first part of an agency's name set
/// on two lines (`示例市人民政府` above `办公室…`): no punctuation, at most
/// 20 characters, ending with a place or a body.
pub fn name_fragment(text: &str) -> bool {
    let t = norm::trim(text);
    let n = t.chars().count();
    (2..=20).contains(&n)
        && title_like(t)
        && !cited_title(t)
        && !t.contains("报告")
        && (t.ends_with(['省', '市', '县', '区', '州', '旗', '盟', '镇', '乡'])
            || ["人民政府", "委员会", "管委会", "街道", "办事处"]
                .iter()
                .any(|e| t.ends_with(e)))
}

/// Whether the lines of `front` from `from` on (the opening paragraph)
/// name `agency`.
fn front_names(front: &[SourceLine], from: usize, agency: &str) -> bool {
    let rest: String = front
        .get(from..)
        .unwrap_or_default()
        .iter()
        .map(|l| norm::compact(&l.text))
        .collect();
    rest.contains(agency)
}

/// Splits a title into agency and year:
/// `{机关}{YYYY}年(度)…政府信息公开…报告` or `{YYYY}年度{机关}政府信息公开…`.
pub fn parse_title(title: &str) -> (Option<String>, Option<i32>) {
    let t = norm::compact(title);
    let chars: Vec<char> = t.chars().collect();
    let mut found: Option<(usize, usize, i32)> = None;
    // A digit of a year: `2024` or `二〇二四`.
    let digit = |c: char| {
        c.to_digit(10).or_else(|| {
            crate::model::report::chinese_digit(c).filter(|_| !c.is_ascii() && c != 'Ｏ')
        })
    };
    // What may follow the year: `年`, or the report's name straight away
    // (`2021政府信息公开工作年度报告`, the 年 left out).
    let ends_year = |rest: &[char]| {
        let rest: String = rest.iter().take(4).collect();
        rest.starts_with('年')
            || ["政府信息", "政务公开", "信息公开"]
                .iter()
                .any(|m| rest == *m)
    };
    for i in 0..chars.len().saturating_sub(4) {
        if chars[i..i + 4].iter().all(|c| digit(*c).is_some())
            && ends_year(&chars[i + 4..])
            && (i == 0 || digit(chars[i - 1]).is_none())
        {
            let y = chars[i..i + 4]
                .iter()
                .fold(0i32, |n, c| n * 10 + digit(*c).unwrap_or(0) as i32);
            if (1990..=2200).contains(&y) {
                let len = if chars[i + 4] == '年' { 5 } else { 4 };
                found = Some((i, len, y));
                break;
            }
        }
    }
    let Some((at, len, year)) = found else {
        return (name_before(&t, &["政府信息公开"]), None);
    };
    let before: String = chars[..at].iter().collect();
    let before = before.strip_prefix("关于").unwrap_or(&before).to_string();
    // `政府信息公开工作年度报告（2024年）`: what precedes the report's name.
    if before.contains("政府信息公开") {
        return (name_before(&before, &["政府信息公开"]), Some(year));
    }
    if !before.is_empty() {
        return (Some(before), Some(year));
    }
    let after: String = chars[at + len..].iter().collect();
    let after = after.strip_prefix('度').unwrap_or(&after);
    let agency = name_before(after, &["政府信息公开", "政务公开", "信息公开"]);
    (agency, Some(year))
}

/// The name before the first of `markers` that `text` holds (the report's
/// name); a government's `人民政府` kept whole where it runs into the
/// marker (`某镇人民政府信息公开…`, not `某镇人民`).
fn name_before(text: &str, markers: &[&str]) -> Option<String> {
    let at = markers.iter().find_map(|m| text.find(m))?;
    let mut name = text.slice_to(at);
    if name.ends_with("人民") && text.slice_from(at).starts_with("政府信息公开") {
        name = text.slice_to(at + "政府".len());
    }
    Some(name.to_string()).filter(|a| !a.is_empty())
}

/// The signature found at the end of the report.
#[derive(Debug, Clone, Default)]
pub struct Signature {
    /// The signing agency as printed.
    pub agency: Option<Piece>,
    /// The date and where it was printed.
    pub date: Option<((i32, u32, u32), Piece)>,
    /// Lines after the date that were dropped (page footer of a web page).
    pub dropped: Vec<Piece>,
    /// A line just above the signing agency that looks like the start of
    /// its name but was not taken into it (nothing confirmed it).
    pub left_above: Option<String>,
}

/// The most lines a long agency name is set on, in the title or the
/// signature (`新疆维吾尔自治区伊犁哈萨克自治州` / `察布查尔锡伯自治县…人民政府`):
/// a name of 64 characters, the most a data file takes, is four lines of
/// a signature.
const NAME_LINES: usize = 4;

/// Removes the signature (agency lines and date line) from the end of
/// `lines`. A name set on more than one line is taken whole when the whole
/// name is in `known` (the front matter, compacted: the title or the
/// opening paragraph names the agency too); otherwise its last line only.
pub fn take_signature(lines: &mut Vec<SourceLine>, known: &str) -> Signature {
    let mut sig = Signature::default();
    let non_blank: Vec<usize> = (0..lines.len()).filter(|&i| !lines[i].is_blank()).collect();
    let window = &non_blank[non_blank.len().saturating_sub(8)..];
    let mut date_at = None;
    for &i in window.iter().rev() {
        let t = norm::trim(&lines[i].text);
        if t.chars().count() <= 20
            && let Some(d) = norm::parse_date(t)
        {
            date_at = Some((i, d));
            break;
        }
    }
    let Some((di, date)) = date_at else {
        return sig;
    };
    for l in lines.drain(di + 1..) {
        if !l.is_blank() {
            sig.dropped.push(l.piece());
        }
    }
    let date_line = lines.remove(di);
    sig.date = Some((date, date_line.piece()));
    while lines.last().is_some_and(SourceLine::is_blank) {
        lines.pop();
    }
    if let Some(l) = lines.last() {
        let t = norm::trim(&l.text);
        let c = norm::canon(t);
        let numbered = norm::split_numbering(&c).0.is_some();
        if title_like(t) && !numbered && !t.contains('。') && t.chars().count() >= 3 {
            let mut agency = l.piece();
            lines.pop();
            sig.left_above = take_name_lines(lines, &mut agency, known);
            sig.agency = Some(agency);
        }
    }
    sig
}

/// Prepends to `name` the lines above it that begin it, while the longer
/// name is found in `known`, and removes them from `lines`. Returns the
/// line above that looks like a part of the name but was not confirmed.
fn take_name_lines(lines: &mut Vec<SourceLine>, name: &mut Piece, known: &str) -> Option<String> {
    let mut whole = norm::compact(&name.text);
    for _ in 1..NAME_LINES {
        let l = lines.last()?;
        let t = norm::trim(&l.text);
        let numbered = norm::split_numbering(&norm::canon(t)).0.is_some();
        let longer = format!("{}{whole}", norm::compact(t));
        if !title_like(t) || numbered || t.contains('。') {
            return None;
        }
        if !known.contains(&longer) {
            return name_fragment(t).then(|| t.to_string());
        }
        let above = l.piece();
        *name = Piece {
            text: format!("{}{}", above.text, name.text),
            offset: above.offset,
            len: (name.offset + name.len).saturating_sub(above.offset),
        };
        whole = longer;
        lines.pop();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::lines::text_lines;

    fn idx(s: &str) -> Option<usize> {
        heading_index(&SourceLine::text(s, 0))
    }

    #[test]
    fn a_cited_title_in_the_preface_is_not_the_title() {
        let lines = text_lines(
            "某县某局2024年政府信息公开工作年度报告\n本报告根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于印发\n政府信息公开工作年度报告\n格式的通知》要求编制。\n",
        );
        let (title, _) = find_title(&lines, "").unwrap();
        assert_eq!(title.agency.as_deref(), Some("某县某局"));
        let lines = text_lines(
            "本报告根据《关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》编制。\n",
        );
        assert!(find_title(&lines, "").is_none());
    }

    #[test]
    fn a_second_report_on_the_page_is_cut_off_with_its_title() {
        let page = "某县某局2024年政府信息公开工作年度报告\n一、总体情况\n正文。\n\
            四、政府信息公开行政复议、行政诉讼情况\n表四\n六、其他需要报告的事项\n无。\n某县某局\n\
            2025年1月20日\n\n某县某局\n2023年政府信息公开工作年度报告\n一、总体情况\n上一年的正文。\n";
        let split = split(text_lines(page));
        let second = split.second.expect("the second report is found");
        assert_eq!(second.text, "某县某局");
        let six: Vec<&str> = split.sections[5]
            .as_ref()
            .unwrap()
            .lines
            .iter()
            .map(|l| l.text.as_str())
            .collect();
        // The first report's signature and date stay; nothing of the second.
        assert_eq!(six, ["无。", "某县某局", "2025年1月20日", ""]);
        // One report: nothing is cut.
        let one = "一、总体情况\n正文。\n四、政府信息公开行政复议、行政诉讼情况\n六、其他需要报告的事项\n无。\n";
        assert!(split_of(one).second.is_none());
    }

    fn split_of(page: &str) -> Split {
        split(text_lines(page))
    }

    #[test]
    fn headings_and_their_variants() {
        assert_eq!(idx("一、总体情况"), Some(0));
        assert_eq!(idx(" 一、总体情况"), Some(0));
        assert_eq!(idx("2、 主动公开政府信息情况"), Some(1));
        assert_eq!(idx("\u{a0}三、收到和处理政府信息公开申请情况"), Some(2));
        assert_eq!(idx("四、政府信息公开行政复议、行政诉讼情况"), Some(3));
        assert_eq!(
            idx("四、因政府信息公开工作被申请行政复议和提起行政诉讼情况"),
            Some(3)
        );
        assert_eq!(idx("五、政府信息公开工作存在的主要问题及改进情况"), Some(4));
        for overview in [
            "一、工作开展总体情况",
            "一、总体概述",
            "一、工作概述",
            "一、政府信息公开工作的基本概况",
        ] {
            assert_eq!(idx(overview), Some(0), "{overview}");
        }
        assert_eq!(idx("（一）总体概述"), None);
        assert_eq!(idx("六、其他需要报告的事项"), Some(5));
        assert_eq!(idx("四、结转下年度继续办理"), None);
        assert_eq!(idx("（一）主动公开政府信息情况"), None);
        assert_eq!(idx("一、本年新收政府信息公开申请数量"), None);
        assert_eq!(idx("三、本年度办理结果"), None);
    }

    #[test]
    fn titles() {
        let cases = [
            (
                "淄博市公安局交通警察支队张店大队2024年政府信息公开工作年度报告",
                "淄博市公安局交通警察支队张店大队",
                2024,
            ),
            (
                "济宁市公安局高新区分局 2020 年度 政府信息公开工作报告",
                "济宁市公安局高新区分局",
                2020,
            ),
            ("2020年度某县某局政府信息公开工作年度报告", "某县某局", 2020),
            // The year in Chinese numerals is not part of the name.
            (
                "示例市人民政府办公室二〇二四年度政府信息公开工作年度报告",
                "示例市人民政府办公室",
                2024,
            ),
            (
                "某县某局二零二四年政府信息公开工作年度报告",
                "某县某局",
                2024,
            ),
            // The year with no 年 after it; a government's name run into
            // the report's (`人民政府信息公开`).
            (
                "某区某委员会2021政府信息公开工作年度报告",
                "某区某委员会",
                2021,
            ),
            (
                "2024年某镇人民政府信息公开工作年度报告",
                "某镇人民政府",
                2024,
            ),
        ];
        for (title, agency, year) in cases {
            assert_eq!(
                parse_title(title),
                (Some(agency.into()), Some(year)),
                "{title}"
            );
        }
        let lines =
            text_lines("某区某局2020年政府信息公开\n\n工作年度报告\n\n按照规定，现公布本报告。\n");
        let (t, next) = find_title(&lines, "").unwrap();
        assert_eq!(t.agency.as_deref(), Some("某区某局"));
        assert_eq!(next, 3);
    }

    #[test]
    fn the_byline_and_date_under_a_title_are_the_title_block_s() {
        let src = "2021年示例路街道政府信息公开工作年度报告\n示例路街道办事处\n（2022年1月18日）\n\n本报告依据条例编制。\n";
        let lines = text_lines(src);
        let (t, next) = find_title(&lines, "").unwrap();
        assert_eq!(t.agency.as_deref(), Some("示例路街道办事处"));
        assert_eq!(t.dated.map(|(d, _)| d), Some((2022, 1, 18)));
        assert_eq!(
            lines[next..].iter().find(|l| !l.is_blank()).unwrap().text,
            "本报告依据条例编制。"
        );
        // A title naming none takes the name under it; another agency's
        // name, or a sentence, is no byline.
        let (t, _) = find_title(
            &text_lines("2023年政府信息公开工作年度报告\n示例县交通运输局\n"),
            "",
        )
        .unwrap();
        assert_eq!(t.agency.as_deref(), Some("示例县交通运输局"));
        let (t, next) = find_title(
            &text_lines("示例县人民政府2023年政府信息公开工作年度报告\n示例县人民政府办公室\n"),
            "",
        )
        .unwrap();
        assert_eq!((t.agency.as_deref(), next), (Some("示例县人民政府"), 2));
        for under in ["示例县教育局", "示例县交通运输局高度重视公开工作。"] {
            let src = format!("示例县交通运输局2023年政府信息公开工作年度报告\n{under}\n");
            let (t, next) = find_title(&text_lines(&src), "").unwrap();
            assert_eq!(t.agency.as_deref(), Some("示例县交通运输局"), "{under}");
            assert_eq!(next, 1, "{under}");
        }
    }

    #[test]
    fn the_page_s_lines_above_a_title_are_no_paragraph_it_continues() {
        for above in [
            "首页 » 政府信息公开 » 政府信息公开年报 » 2019年度",
            "某县某局2021年政府信息公开工作年度报告 - 政府信息公开年报 - 某县某局",
            "文 号: 所属主题: 某县政府信息公开年报",
        ] {
            let src = format!("{above}\n某乡2020年政府信息公开年报\n本报告依据条例编制。\n");
            let (t, _) = find_title(&text_lines(&src), "").expect(above);
            assert_eq!(t.agency.as_deref(), Some("某乡"), "{above}");
        }
        // A preface wrapped at the page's width still is one.
        let src = "根据条例和国务院办公厅的有关通知要求现编制本机关\n2023年政府信息公开工作年度报告如下\n";
        assert!(find_title(&text_lines(src), "").is_none());
    }

    const LINE_1: &str = "新疆维吾尔自治区伊犁哈萨克自治州";
    const LINE_2: &str = "察布查尔锡伯自治县琼博拉镇人民政府";

    #[test]
    fn a_name_on_two_lines_of_the_title_is_taken_whole_when_the_text_names_it() {
        let full = format!("{LINE_1}{LINE_2}");
        let src = format!(
            "政务公开\n{LINE_1}\n{LINE_2}\n2025年政府信息公开工作年度报告\n本报告由{full}编制。\n"
        );
        let (t, _) = find_title(&text_lines(&src), "").unwrap();
        assert_eq!(t.agency.as_deref(), Some(full.as_str()));
        // Confirmed by the signature instead of the opening paragraph.
        let src =
            format!("{LINE_1}\n{LINE_2}\n2025年政府信息公开工作年度报告\n本报告依据条例编制。\n");
        let (t, _) = find_title(&text_lines(&src), &full).unwrap();
        assert_eq!(t.agency.as_deref(), Some(full.as_str()));
        // Named nowhere else: the line above the year only, as before.
        let (t, _) = find_title(&text_lines(&src), "").unwrap();
        assert_eq!(t.agency.as_deref(), Some(LINE_2));
    }

    #[test]
    fn a_signature_on_two_lines_is_taken_whole_when_the_front_names_it() {
        let full = format!("{LINE_1}{LINE_2}");
        let src = format!("全年受理咨询212次。\n{LINE_1}\n{LINE_2}\n2026年1月31日\n");
        let mut lines = text_lines(&src);
        let s = take_signature(&mut lines, &format!("本报告由{full}编制。"));
        assert_eq!(s.agency.unwrap().text, full);
        assert_eq!(lines.len(), 1, "{lines:?}");
        // Not named in the front: the last line only; the other stays text.
        let mut lines = text_lines(&src);
        let s = take_signature(&mut lines, "本报告依据条例编制。");
        assert_eq!(s.agency.unwrap().text, LINE_2);
        assert_eq!(lines.len(), 2);
    }

    #[test]
    fn a_name_on_four_lines_is_taken_whole() {
        let lines4 = [
            LINE_1,
            LINE_2,
            "农业农村和社会事务综合服务中心",
            "第一分中心",
        ];
        let full: String = lines4.concat();
        let front = format!(
            "{}\n2025年政府信息公开工作年度报告\n本报告由{full}编制。\n",
            lines4.join("\n")
        );
        let (t, _) = find_title(&text_lines(&front), "").unwrap();
        assert_eq!(t.agency.as_deref(), Some(full.as_str()));
        let src = format!(
            "全年受理咨询212次。\n{}\n2026年1月31日\n",
            lines4.join("\n")
        );
        let mut lines = text_lines(&src);
        let s = take_signature(&mut lines, &full);
        assert_eq!(s.agency.unwrap().text, full);
        assert_eq!(lines.len(), 1, "{lines:?}");
    }

    #[test]
    fn signature_at_the_end() {
        let mut lines = text_lines("无。\n\n某市某局\n\n二〇二一年一月二十九日\n");
        let s = take_signature(&mut lines, "");
        assert_eq!(s.agency.unwrap().text, "某市某局");
        assert_eq!(s.date.unwrap().0, (2021, 1, 29));
        assert_eq!(lines.len(), 2);
    }
}
