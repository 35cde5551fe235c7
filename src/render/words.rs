//! Where the official table labels may break: a small lexicon of the words
//! they are made of, so that a narrow cell reads 社会/公益/组织, never
//! 社会公/益组织, and 三、/本年度/办理/结果, never 本年/度办/理结/果.
//!
//! Chinese has no spaces; a general segmenter would be a large dictionary.
//! The labels are fixed by the official format, so the words below (every
//! word of every label of both editions, and the common words of agency
//! names) are enough; other text falls back to breaking between characters.

use crate::slice::Slice;
use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

/// Words of the official labels, longest first within a family so that the
/// greedy match takes 本年度 before 本年.
const LEXICON: &[&str] = &[
    // Enumerators.
    "（一）",
    "（二）",
    "（三）",
    "（四）",
    "（五）",
    "（六）",
    "（七）",
    "（八）",
    "（九）",
    "一、",
    "二、",
    "三、",
    "四、",
    "五、",
    "六、",
    // Section 二.
    "信息内容",
    "本年制发",
    "本年废止",
    "现行有效",
    "件数",
    "规章",
    "行政规范性文件",
    "规范性",
    "文件",
    "行政许可",
    "行政处罚",
    "行政强制",
    "行政事业性收费",
    "事业性",
    "收费",
    "处理决定",
    "数量",
    "本年",
    "单位",
    "万元",
    "上一年",
    "项目",
    "增减",
    "本年新公开",
    "本年新制作",
    "新公开",
    "新制作",
    "对外",
    "公开",
    "总数量",
    "总数",
    "管理",
    "服务",
    "事项",
    "政府",
    "集中",
    "采购",
    "总金额",
    "金额",
    "其他",
    // Section 三.
    "申请人情况",
    "申请人",
    "情况",
    "自然人",
    "法人",
    "或其他",
    "组织",
    "商业",
    "企业",
    "科研",
    "机构",
    "社会",
    "公益",
    "法律",
    "总计",
    "本列",
    "数据",
    "勾稽",
    "关系",
    "第一项",
    "第二项",
    "第三项",
    "第四项",
    "之和",
    "等于",
    "新收",
    "上年",
    "结转",
    "本年度",
    "下年度",
    "继续",
    "办理",
    "结果",
    "予以",
    "部分",
    "区分",
    "处理",
    "只计",
    "这一",
    "情形",
    "不计",
    "不予",
    "属于",
    "国家",
    "秘密",
    "行政法规",
    "法规",
    "禁止",
    "危及",
    "“三安全一稳定”",
    "三安全一稳定",
    "保护",
    "第三方",
    "合法",
    "权益",
    "三类",
    "内部",
    "事务",
    "信息",
    "四类",
    "过程性",
    "执法",
    "案卷",
    "查询",
    "无法",
    "提供",
    "本机关",
    "不掌握",
    "相关",
    "没有",
    "现成",
    "需要",
    "另行",
    "制作",
    "补正后",
    "申请",
    "内容",
    "仍不",
    "明确",
    "信访",
    "举报",
    "投诉类",
    "重复",
    "要求",
    "出版物",
    "无正当",
    "理由",
    "大量",
    "反复",
    "确认",
    "重新",
    "出具",
    "已获取",
    "逾期",
    "不补正",
    "未按",
    "通知",
    "缴纳",
    "费用",
    // Section 四.
    "行政复议",
    "行政诉讼",
    "复议",
    "诉讼",
    "维持",
    "纠正",
    "尚未",
    "审结",
    "未经",
    "直接",
    "起诉",
    "复议后",
];

/// For each character of `text`, whether a line may break before it as far
/// as words go (`true` at the start of every word; punctuation rules apply
/// on top of this).
pub fn word_starts(text: &str) -> Vec<bool> {
    let starting = by_first_char();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = vec![true; chars.len()];
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        let rest = text.slice_from(at);
        let len = starting
            .get(&c)
            .into_iter()
            .flatten()
            .filter(|w| rest.starts_with(w.0))
            .map(|w| w.1)
            .max()
            .unwrap_or(1);
        for flag in out.iter_mut().skip(i + 1).take(len - 1) {
            *flag = false;
        }
        i += len;
    }
    out
}

/// The [`LEXICON`]'s words grouped by their first character, each with its
/// length in characters: a label's character is compared with the few words
/// it can start, not with all of them.
fn by_first_char() -> &'static HashMap<char, Vec<(&'static str, usize)>> {
    static BY_FIRST: OnceLock<HashMap<char, Vec<(&'static str, usize)>>> = OnceLock::new();
    BY_FIRST.get_or_init(|| {
        let mut map: HashMap<char, Vec<(&'static str, usize)>> = HashMap::default();
        for w in LEXICON {
            if let Some(first) = w.chars().next() {
                map.entry(first).or_default().push((w, w.chars().count()));
            }
        }
        map
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for (c, start) in text.chars().zip(word_starts(text)) {
            if start || out.is_empty() {
                out.push(String::new());
            }
            out.last_mut().unwrap().push(c);
        }
        out
    }

    #[test]
    fn labels_split_at_words() {
        assert_eq!(split("社会公益组织"), ["社会", "公益", "组织"]);
        assert_eq!(split("法律服务机构"), ["法律", "服务", "机构"]);
        assert_eq!(
            split("三、本年度办理结果"),
            ["三、", "本年度", "办理", "结果"]
        );
        assert_eq!(split("自然人"), ["自然人"]);
        assert_eq!(
            split("第一项加第二项之和"),
            ["第一项", "加", "第二项", "之和"]
        );
    }
}
