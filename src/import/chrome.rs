//! What a saved portal page or a crawler's text adds around a report: the
//! crawler's header block (`标题: …`, `发布时间: …`, `正文:`), the site's
//! navigation, breadcrumbs, article metadata and share bars above it, and
//! the attachments, QR code, related links and footer below it. Recognised
//! by the words portals print (never the report's own wording) and left
//! out; the crawler's `标题` line becomes the title line.
//!
//! The words matched below are printed phrases of Chinese government
//! portals, not data-file keys.

use super::lines::{Piece, SourceLine};
use super::norm;

/// Keys of a crawler's header block (`标题: …`), canonical.
const CRAWLER_KEYS: &[&str] = &[
    "标题",
    "题目",
    "发布时间",
    "发布日期",
    "日期",
    "时间",
    "来源",
    "链接",
    "网址",
    "url",
    "URL",
    "作者",
    "栏目",
    "正文",
    "内容",
    "采集时间",
    "抓取时间",
    "索引号",
    "文号",
    "发布机构",
    "发文机关",
    "主题分类",
    "成文日期",
    "生成日期",
    "有效性",
    "信息来源",
    "分类",
];

/// Words of a line that is site furniture wherever it stands (outside the
/// tables): only portals print them.
const FURNITURE: &[&str] = &[
    "网站标识码",
    "ICP备",
    "icp备",
    "公网安备",
    "扫一扫在手机",
    "分享到",
    "打印本页",
    "关闭窗口",
    "[关闭]",
    "[打印]",
    "[返回顶部]",
    "当前位置",
    "所在位置",
    "所在的位置",
    "当前页面:",
    "您的位置",
    "您现在的位置",
    "您当前的位置",
    "浏览次数",
    "访问次数",
    "阅读次数",
    "字号:",
    "字体:[",
    "网站地图",
    "版权所有",
    "Copyright",
    "copyright",
    "主办单位:",
    "承办单位:",
    "技术支持:",
    "运维单位:",
    "无障碍浏览",
    "长者模式",
    "欢迎访问",
    "附件下载",
    "上一篇:",
    "下一篇:",
    "相关链接",
    "相关阅读",
    "相关文章",
    "其他网站",
    "政府网站找错",
];

/// Words that begin the page's footer after the report: everything from
/// such a line on is left out.
const FOOTER_START: &[&str] = &[
    "附件下载",
    "扫一扫",
    "打印本页",
    "关闭窗口",
    "[打印]",
    "[关闭]",
    "分享到",
    "相关链接",
    "相关阅读",
    "相关文章",
    "上一篇:",
    "下一篇:",
    "网站标识码",
    "主办单位:",
    "版权所有",
];

/// The lines of the report, and the site text left out.
#[derive(Debug, Default)]
pub struct Stripped {
    /// The report's lines.
    pub lines: Vec<SourceLine>,
    /// The lines left out (as printed), for the import's notes.
    pub dropped: Vec<Piece>,
}

/// Leaves out a crawler's header block, site furniture before the report
/// and the page footer after section 六 (see the module documentation).
/// A line inside a table is kept unless it is before the first section.
pub fn strip(lines: Vec<SourceLine>) -> Stripped {
    let mut out = Stripped::default();
    let mut started = false; // a section heading was seen
    let mut in_six = false;
    let mut footer = false;
    let mut header = true; // still in the crawler's header block
    let mut publishers: Vec<String> = Vec::new(); // 发布机构 of the metadata
    let mut after_page = false; // the line before was the page's
    for line in lines {
        if line.is_blank() {
            out.lines.push(line);
            continue;
        }
        let c = norm::canon(&line.text);
        if !started && after_page && publishers.contains(&c) {
            // The metadata's 发布机构 again, on a line of its own among
            // the page's lines (`市教育局`).
            out.dropped.push(line.piece());
            continue;
        }
        if !started {
            match crawler_field(&line) {
                // The title as a field, also in a metadata table below
                // the page's own heading (`| 标题: | … |`).
                Some(Some(title)) => {
                    out.lines.push(title);
                    continue;
                }
                Some(None) if header => {
                    out.dropped.push(line.piece());
                    continue;
                }
                _ => header = false,
            }
            if let Some(rest) = after_size_widget(&line) {
                out.dropped.push(line.piece());
                out.lines.extend(rest);
                continue;
            }
            if breadcrumb(&c) {
                out.dropped.push(line.piece());
                continue;
            }
        }
        if let Some(i) = super::sections::heading_index(&line) {
            started = true;
            in_six = i == 5;
        }
        footer |= in_six && line.cells.is_none() && FOOTER_START.iter().any(|w| c.contains(w));
        if line.cells.is_none() && image_line(&c) {
            out.dropped.push(line.piece());
            continue;
        }
        let furniture = (!started || line.cells.is_none())
            && c.chars().count() <= 200
            && FURNITURE.iter().any(|w| c.contains(w));
        let page =
            !started && (is_metadata(&c) || dated_line(&line) || widget(&c) || section_label(&c));
        after_page = page;
        if page {
            publishers.extend(publisher(&line.text));
        }
        if footer || furniture || page {
            out.dropped.push(line.piece());
        } else {
            out.lines.push(line);
        }
    }
    out
}

/// A line of a crawler's header block, or a row of the article's metadata
/// table (`| 标 题: | … | |`): `Some(Some(title line))` for the title (the
/// line rewritten to its value, pointing at it), `Some(None)` for another
/// field, `None` when the line is no header field.
fn crawler_field(line: &SourceLine) -> Option<Option<SourceLine>> {
    if line.cells.is_some() {
        return None;
    }
    let text = norm::trim(&line.text).trim_start_matches(['|', ' ', '\u{3000}']);
    let (key, value) = text
        .split_once(':')
        .or_else(|| text.split_once('：'))
        .or_else(|| spaced_title(text))?;
    let key = norm::canon(key);
    if !CRAWLER_KEYS.contains(&key.as_str()) {
        return None;
    }
    // In a metadata table the value is the next cell.
    let value = norm::trim(value).trim_start_matches(['|', ' ', '\u{3000}']);
    let value = norm::trim(value.split('|').next().unwrap_or_default());
    if !matches!(key.as_str(), "标题" | "题目") || value.is_empty() {
        return Some(None);
    }
    Some(Some(part_of(line, value)))
}

/// The line of running text that is `part`, a piece of `line`'s text,
/// pointing at where it stands in the source.
fn part_of(line: &SourceLine, part: &str) -> SourceLine {
    let at = line.text.rfind(part).unwrap_or(0);
    SourceLine {
        text: part.to_string(),
        offset: line.offset + at,
        cells: None,
    }
}

/// The title field of a metadata block printed with spaces and no colon
/// (`标      题 某局2025年…年度报告`): its key and value.
fn spaced_title(text: &str) -> Option<(&str, &str)> {
    let rest = text
        .strip_prefix('标')?
        .trim_start_matches([' ', '\u{3000}']);
    let value = rest.strip_prefix('题')?;
    value
        .starts_with([' ', '\u{3000}'])
        .then_some(("标题", value))
}

/// A page's font-size switch (`大 中 小`) before the report, alone on its
/// line or run into the title after it (`大中小某县某局2020年…报告`): the
/// line without it, if anything is left (`Some(None)` when nothing is).
fn after_size_widget(line: &SourceLine) -> Option<Option<SourceLine>> {
    const SWITCH: [char; 3] = ['大', '中', '小'];
    let text = norm::trim(&line.text);
    let text = ["字号:", "字号：", "字体:", "字体："]
        .iter()
        .find_map(|k| text.strip_prefix(k))
        .unwrap_or(text);
    let mut rest = text;
    for c in SWITCH {
        rest = rest.trim_start_matches([' ', '\u{3000}']).strip_prefix(c)?;
    }
    let rest = norm::trim(rest);
    if rest.is_empty() {
        return Some(None);
    }
    Some(Some(part_of(line, rest)))
}

/// Whether a line is only a picture as a crawler or a converter writes it
/// (`<image>…</image>`, `![](…)`): no text of the report.
fn image_line(canon: &str) -> bool {
    let tagged = canon.starts_with("<image>") && canon.ends_with("</image>");
    let marked = canon.starts_with("![") && canon.ends_with(')') && canon.contains("](");
    tagged || marked
}

/// Whether a line is a breadcrumb of the site's sections (`首页 > 政务公开 >
/// …`, `首页/ 政府信息公开 / …`, `网站首页 » …`), or the rest of one
/// wrapped onto a line of its own (`> 信息公开年报 > …`).
fn breadcrumb(canon: &str) -> bool {
    let home = canon.starts_with("首页") || canon.starts_with("网站首页");
    home && canon.contains(['>', '/', '»', '›']) || canon.starts_with(['>', '»', '›'])
}

/// Whether a short line of text before the first section opens or ends
/// with a numeric date and states nothing (`2025-01-20　某市人民政府办公室`,
/// `• 2025-02-10 15:59`, a list item of the page's news with its date):
/// the page's, not the report's.
fn dated_line(line: &SourceLine) -> bool {
    let t = without_times(norm::trim(&line.text));
    line.cells.is_none()
        && t.chars().count() <= 40
        && !t.contains(['。', '，', '；', '：', ':'])
        && norm::framed_by_date(t.trim_start_matches(BULLETS))
}

/// `text` without the times of day in it (`15:59`, `09:45:47`).
fn without_times(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let digit = |k: usize| chars.get(k).is_some_and(char::is_ascii_digit);
        let time = chars[i] == ':' && i > 0 && digit(i - 1) && digit(i + 1) && digit(i + 2);
        if time {
            // Drop the colon and the two digits after it.
            i += 3;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// What a page puts before a line of its list or metadata.
const BULLETS: &[char] = &['•', '·', '-', '|', ' ', '\u{3000}', '【', '['];

/// Keys of the article's metadata a page prints above the report (canonical,
/// with their colon).
const METADATA_KEYS: &[&str] = &[
    "发布时间:",
    "发布日期:",
    "来源:",
    "作者:",
    "索引号:",
    "发布机构:",
    "生成日期:",
    "文号:",
    "主题分类:",
    "信息来源:",
    "点击数:",
    "责任编辑:",
    "时间:",
    "日期:",
    "信息提供日期:",
    "发文日期:",
    "成文日期:",
    "公开日期:",
    "更新日期:",
    "生效日期:",
    "废止日期:",
    "有效性:",
    "分类:",
    "所属主题:",
    "所属机构:",
    "关键字:",
    "关键词:",
    "浏览:",
    "浏览次数:",
];

/// The same keys as the cells of a metadata table print them (no colon).
const METADATA_CELLS: &[&str] = &[
    "索引号",
    "发布机构",
    "发文字号",
    "主题分类",
    "分类",
    "发布日期",
    "生成日期",
    "成文日期",
    "文号",
    "有效性",
    "是否有效",
    "时效",
    "公开形式",
    "责任部门",
    "关键词",
    "名称",
    "来源",
];

/// Whether a line before the first section is the article's metadata:
/// two or more keys (`发布时间：`, `来源：`, `索引号：`…, or a metadata
/// table's cells `| 索 引 号 | … | 主题分类 |`, or keys with no colon
/// `索引号 3212… 分类 报告`), or one on a short line that states no
/// sentence (`• 来源: 某局`, `有效性:`, `| 名 称 | |`).
fn is_metadata(c: &str) -> bool {
    let keys = METADATA_KEYS.iter().filter(|k| c.contains(*k)).count();
    let statement = c.contains(['。', '，', ',', '；']);
    let short = c.chars().count() <= 40 && !statement;
    let t = c.trim_start_matches(BULLETS);
    let cells = METADATA_CELLS.iter().filter(|k| c.contains(*k)).count();
    let leads = METADATA_CELLS.iter().any(|k| t.starts_with(k));
    let table = c.contains('|') && (cells >= 2 || leads && short);
    let listed = !statement && c.chars().count() <= 80 && (cells >= 2 || t.starts_with("索引号"));
    keys >= 2 || table || listed || (keys == 1 && short)
}

/// Keys of the metadata that name who published the article.
const PUBLISHER_KEYS: &[&str] = &["发布机构", "信息来源", "来源", "所属机构", "责任部门"];

/// The publishers a metadata line names (`发布机构 市教育局 发文日期 …`,
/// `来源：市教育局`), canonical.
fn publisher(text: &str) -> Vec<String> {
    let words: Vec<&str> = text
        .split(|c: char| norm::is_space(c) || c == '|')
        .filter(|w| !w.is_empty())
        .collect();
    let mut out = Vec::new();
    for (i, word) in words.iter().enumerate() {
        let (key, value) = word.split_once([':', '：']).unwrap_or((word, ""));
        let key = norm::canon(key);
        if !PUBLISHER_KEYS.contains(&key.trim_start_matches(BULLETS)) {
            continue;
        }
        let value = if value.is_empty() {
            words.get(i + 1).copied().unwrap_or("")
        } else {
            value
        };
        let value = norm::canon(value);
        let key_again = METADATA_CELLS.iter().any(|k| value.starts_with(k));
        if !value.is_empty() && !key_again && !is_metadata(&value) {
            out.push(value);
        }
    }
    out
}

/// Words of the page's own controls and labels (`字体大小:`, `访问量:`,
/// `点击收听年报语音朗读`, `我要收藏`, `文件已失效`).
const WIDGETS: &[&str] = &[
    "字体大小",
    "字号",
    "访问量",
    "浏览量",
    "点击收听",
    "语音朗读",
    "我要收藏",
    "加入收藏",
    "设为首页",
    "站群导航",
    "全文检索",
    "手机版",
    "关怀版",
    "无障碍",
    "长者版",
    "简体",
    "繁体",
    "背景色",
    "保护色",
    "打印",
    "分享",
    "收藏",
    "已失效",
    "调用站点",
    "门户网",
    "<image>",
];

/// Whether a short line before the first section is one of the page's
/// controls or labels: a widget's words on a line of at most
/// [`WIDGET_CHARS`] characters that is no numbered heading and states no
/// sentence, or a line naming the site's address.
fn widget(c: &str) -> bool {
    let t = c.trim_start_matches(BULLETS);
    let numbered =
        t.starts_with(['（', '(']) || t.chars().next().is_some_and(|ch| ch.is_ascii_digit());
    let sentence = t.contains(['。', '，', ',', '；']);
    let site = (t.contains("www.") || t.contains("http")) && !t.contains("报告");
    !numbered
        && !sentence
        && (t.chars().count() <= WIDGET_CHARS && WIDGETS.iter().any(|w| t.contains(w))
            || site && t.chars().count() <= 60)
}

/// Whether a line before the report is the site's label of the section it
/// stands in (`部门信息公开年报 2022`, `政府信息公开年度报告`): a report's
/// name with no agency, perhaps a year after it.
fn section_label(canon: &str) -> bool {
    const LABELS: [&str; 6] = [
        "信息公开年报",
        "政府信息公开年报",
        "部门信息公开年报",
        "乡镇信息公开年报",
        "政府信息公开年度报告",
        "信息公开年度报告",
    ];
    let t = canon.trim_end_matches(|c: char| c.is_ascii_digit() || c == '年' || c == '度');
    LABELS.contains(&t)
}

/// Longest line read as one of the page's controls.
const WIDGET_CHARS: usize = 16;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::lines::text_lines;

    fn kept(src: &str) -> Vec<String> {
        strip(text_lines(src))
            .lines
            .into_iter()
            .filter(|l| !l.is_blank())
            .map(|l| l.text)
            .collect()
    }

    #[test]
    fn a_crawler_header_gives_its_title_and_nothing_else() {
        let src = "标题: 某县2021年度政府信息公开工作年度报告\n发布时间: 2022-01-20\n来源: 某县\n正文:\n本报告依据条例编制。\n一、总体情况\n";
        let out = strip(text_lines(src));
        let texts: Vec<&str> = out.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "某县2021年度政府信息公开工作年度报告",
                "本报告依据条例编制。",
                "一、总体情况",
            ]
        );
        let at = out.lines[0].offset;
        assert_eq!(src.get(at..at + 3), Some("某"));
        assert_eq!(out.dropped.len(), 3);
    }

    #[test]
    fn portal_furniture_and_footer_are_left_out() {
        let src = "欢迎访问某市人民政府网站 无障碍浏览\n当前位置：首页 > 政务公开\n某市2024年政府信息公开工作年度报告\n发布时间：2025-01-20 来源：某市 浏览次数：12\n一、总体情况\n本年推进公开。\n六、其他需要报告的事项\n本年未收取信息处理费。\n附件下载：年报.pdf\n某市人民政府办公室\n网站标识码：3301000001\n";
        assert_eq!(
            kept(src),
            [
                "某市2024年政府信息公开工作年度报告",
                "一、总体情况",
                "本年推进公开。",
                "六、其他需要报告的事项",
                "本年未收取信息处理费。",
            ]
        );
    }

    #[test]
    fn a_dated_line_of_the_page_before_the_report_is_left_out() {
        let got = kept(
            "某市召开常务会议研究部署工作 2025-01-02\n某市2024年政府信息公开工作年度报告\n2025-01-20　某市人民政府办公室\n本报告依照条例编制。\n一、总体情况\n2025-01-20 印发的通知已落实\n",
        );
        assert_eq!(
            got,
            [
                "某市2024年政府信息公开工作年度报告",
                "本报告依照条例编制。",
                "一、总体情况",
                "2025-01-20 印发的通知已落实",
            ]
        );
    }

    #[test]
    fn the_publisher_repeated_among_the_metadata_is_the_page_s() {
        let src = "索引号 0001/2023-01 分类 报告\n发布机构 市某局 发文日期 2023-01-18\n文号 时效\n市某局\n  • 来源：市某局\n本报告由市某局编制。\n一、总体情况\n市某局\n";
        assert_eq!(
            kept(src),
            ["本报告由市某局编制。", "一、总体情况", "市某局"]
        );
        assert_eq!(publisher("发布机构 市某局 发文日期 2023-01-18"), ["市某局"]);
        assert_eq!(publisher("| 来源：某县 | 发布机构 | |"), ["某县"]);
        // Under a title the agency's line is the report's byline.
        assert_eq!(
            kept(
                "发布机构：市某局 发布日期：2023-01-18\n市某局2022年政府信息公开工作年度报告\n市某局\n一、总体情况\n"
            ),
            [
                "市某局2022年政府信息公开工作年度报告",
                "市某局",
                "一、总体情况"
            ]
        );
    }

    #[test]
    fn report_text_that_mentions_sources_is_kept() {
        let src = "一、总体情况\n信息来源于各科室，标题统一规范。\n来源：本机关\n";
        assert_eq!(
            kept(src),
            [
                "一、总体情况",
                "信息来源于各科室，标题统一规范。",
                "来源：本机关"
            ]
        );
    }

    #[test]
    fn breadcrumbs_size_switches_and_metadata_titles_are_read_as_the_page_s() {
        let src = "示例县水利局\n您现在所在的位置: 网站首页 > 政府信息公开 > 年报\n首页/ 政府信息公开 / 正文\n> 信息公开年报 > 市级部门\n 大中小\n大中小示例县水利局2025年政府信息公开工作年度报告\n| 标 题: | 示例县水利局2025年政府信息公开工作年度报告 | ||\n本报告依据条例编制。\n一、总体情况\n";
        let out = strip(text_lines(src));
        let texts: Vec<&str> = out
            .lines
            .iter()
            .filter(|l| !l.is_blank())
            .map(|l| l.text.as_str())
            .collect();
        let title = "示例县水利局2025年政府信息公开工作年度报告";
        assert_eq!(
            texts,
            [
                "示例县水利局",
                title,
                title,
                "本报告依据条例编制。",
                "一、总体情况"
            ]
        );
        // The rewritten lines point at their text in the source.
        for line in out.lines.iter().filter(|l| l.text == title) {
            assert_eq!(src.get(line.offset..line.offset + title.len()), Some(title));
        }
        assert_eq!(out.dropped.len(), 5);
        // A picture as a crawler writes it, wherever it stands.
        assert_eq!(
            kept("<image>图片1.png</image>\n一、总体情况\n![图1](chart.png)\n本年推进公开。\n"),
            ["一、总体情况", "本年推进公开。"]
        );
        // In the report, a line that starts with the words stays.
        assert_eq!(
            kept("一、总体情况\n大中小学校信息公开全覆盖\n"),
            ["一、总体情况", "大中小学校信息公开全覆盖"]
        );
    }

    #[test]
    fn article_metadata_and_the_page_s_controls_before_the_report_are_left_out() {
        let src = "标      题 示例县审计局2025年政府信息公开工作年度报告\n\
                   索引号 3212000043/2023-354820 分类 报告\n\
                   文号 时效\n\
                   | 名 称 | |||\n\
                   • 来源: 示例县审计局\n\
                   • 2025-02-10 15:59\n\
                   2021-02-07 18:07     来源:示例县审计局\n\
                   日期:2022-01-10   来源:  示例县\n\
                   点击收听年报语音朗读\n\
                   我要收藏\n\
                   有效性:\n\
                   部门信息公开年报 2022\n\
                   示例县人民政府门户网站 www.example.gov.cn 2023-01-28\n\
                   本报告依据条例编制，联系电话：0571-1234567。\n\
                   地址：示例县人民路1号\n\
                   一、总体情况\n\
                   发布时间：本年按时发布。\n";
        assert_eq!(
            kept(src),
            [
                "示例县审计局2025年政府信息公开工作年度报告",
                "本报告依据条例编制，联系电话：0571-1234567。",
                "地址：示例县人民路1号",
                "一、总体情况",
                "发布时间：本年按时发布。",
            ]
        );
    }
}
