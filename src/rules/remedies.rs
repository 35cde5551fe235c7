//! Whether the measures of section 五 answer the problems it names: the
//! topics (what a clause is about — 解读, 依申请, 网站…) of the problem
//! clauses against those of the measure clauses, and the content words
//! they share. Measures that name topics, none of them a problem's, and
//! share no content word with any problem answer none of the problems.

use crate::find::Find;
/// Topics a clause of section 五 can be about, each with the words that
/// name it. A word may name two topics (质量 is both the requests' and the
/// staff's concern: training answers it).
const TOPICS: [(&str, &[&str]); 14] = [
    (
        "政策解读",
        &["解读", "图解", "答问", "政策文件", "访谈", "起草", "吹风"],
    ),
    (
        "依申请公开",
        &[
            "依申请",
            "申请",
            "受理",
            "答复",
            "办件",
            "告知书",
            "补正",
            "办理期限",
            "答复期限",
            "周期",
            "质量",
        ],
    ),
    (
        "主动公开的内容",
        &[
            "主动公开",
            "公开内容",
            "公开范围",
            "公开深度",
            "公开事项",
            "重点领域",
            "公开标准",
            "标准目录",
            "事项目录",
            "公开目录",
            "指南",
        ],
    ),
    (
        "信息的发布和更新",
        &["发布", "更新", "时效", "及时", "滞后", "动态", "维护"],
    ),
    (
        "网站和平台",
        &[
            "网站",
            "门户",
            "平台",
            "栏目",
            "专栏",
            "新媒体",
            "公众号",
            "微信",
            "微博",
            "政务号",
            "客户端",
            "系统",
            "链接",
            "页面",
            "检索",
            "搜索",
        ],
    ),
    (
        "人员和能力",
        &[
            "人员",
            "队伍",
            "专职",
            "兼职",
            "人手",
            "力量",
            "专人",
            "培训",
            "业务能力",
            "业务水平",
            "能力",
            "水平",
            "素质",
            "意识",
            "专业",
            "学习",
            "质量",
            "编制",
        ],
    ),
    (
        "制度和机制",
        &[
            "制度",
            "机制",
            "流程",
            "规范化",
            "标准化",
            "规程",
            "台账",
            "工作规则",
            "责任制",
        ],
    ),
    (
        "政民互动",
        &[
            "互动",
            "回应",
            "关切",
            "留言",
            "咨询",
            "热线",
            "诉求",
            "征集",
            "参与",
            "意见建议",
            "舆情",
        ],
    ),
    (
        "基层公开",
        &["基层", "村务", "乡镇", "街道", "社区", "村居"],
    ),
    (
        "审查和保密",
        &["审查", "保密", "审核", "个人信息", "隐私", "泄露"],
    ),
    (
        "规范性文件",
        &["规范性文件", "文件库", "清理", "废止", "现行有效"],
    ),
    (
        "数据开放",
        &["数据开放", "开放数据", "数据资源", "公共数据"],
    ),
    (
        "监督考核",
        &[
            "监督", "考核", "评议", "督查", "督导", "通报", "问责", "追究",
        ],
    ),
    (
        "会议和开放",
        &["会议公开", "列席", "开放日", "开放活动", "政府开放"],
    ),
];

/// Words of the agency's own housekeeping (`公务用车`, `办公楼节能改造`):
/// a clause naming one and nothing of disclosure is about that, whatever
/// its verbs (`更新公务用车` updates no information), and answers no
/// problem of 政务公开.
const HOUSEKEEPING: [&str; 12] = [
    "公务用车",
    "公车",
    "执法车辆",
    "办公楼",
    "办公用房",
    "办公场所",
    "节能",
    "食堂",
    "物业",
    "安全生产",
    "消防",
    "绿化",
];

/// The topic of [`HOUSEKEEPING`]'s clauses.
const HOUSEKEEPING_TOPIC: &str = "机关后勤";

/// Topics of a measure that serves every problem: who does the work, the
/// rules it follows and its oversight (`加强业务培训`, `完善工作机制`).
const GENERAL: [&str; 3] = ["人员和能力", "制度和机制", "监督考核"];

/// Topics so close that a measure on one answers a problem of the other:
/// what is published and where (`公开内容不全面` / `增设专栏`), and when.
const RELATED: [(&str, &str); 6] = [
    ("网站和平台", "主动公开的内容"),
    ("网站和平台", "信息的发布和更新"),
    ("主动公开的内容", "信息的发布和更新"),
    ("主动公开的内容", "规范性文件"),
    ("政策解读", "政民互动"),
    ("依申请公开", "审查和保密"),
];

/// Whether a measure on topic `m` answers a problem on topic `p`.
fn answers(m: &str, p: &str) -> bool {
    m == p
        || RELATED
            .iter()
            .any(|&(a, b)| (a, b) == (m, p) || (b, a) == (m, p))
}

/// Two-character words too common in section 五 to tie a measure to a
/// problem (each report's own subject, the time, the verbs of duty).
const COMMON: [&str; 34] = [
    "政务", "务公", "公开", "开工", "信息", "息公", "工作", "方面", "本年", "年度", "一步", "进一",
    "相关", "有关", "情况", "存在", "主要", "我局", "本局", "全年", "今年", "明年", "下一", "上年",
    "一是", "二是", "三是", "四是", "我们", "单位", "部门", "机关", "群众", "社会",
];

/// The topics `clause` names.
fn topics(clause: &str) -> Vec<&'static str> {
    // "在办公场所设置政务公开专区" is still about disclosure.
    if HOUSEKEEPING.iter().any(|w| clause.has_word(w))
        && !["公开", "信息", "专区", "解读", "申请"]
            .iter()
            .any(|w| clause.has_word(w))
    {
        return vec![HOUSEKEEPING_TOPIC];
    }
    TOPICS
        .iter()
        .filter(|(_, words)| words.iter().any(|w| clause.has_word(w)))
        .map(|(topic, _)| *topic)
        .collect()
}

/// The two-character words of `clause` that may carry its content: Han
/// characters only, not a common word, not part of a word of duty or of
/// shortcoming (`duty`: the problem and measure words).
fn content_pairs(clause: &str, duty: &[&str]) -> Vec<String> {
    let chars: Vec<char> = clause.chars().collect();
    chars
        .windows(2)
        .filter(|w| w.iter().all(|c| ('\u{4e00}'..='\u{9fff}').contains(c)))
        .map(|w| w.iter().collect::<String>())
        .filter(|p| !COMMON.contains(&p.as_str()) && !duty.iter().any(|d| d.contains(p.as_str())))
        .collect()
}

/// Section 五's measures that answer none of its problems.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Unanswered {
    /// The first problem clause, as written.
    pub problem: String,
    /// The first measure clause that names a topic, as written.
    pub measure: String,
    /// The topics of the problems.
    pub problem_topics: Vec<&'static str>,
    /// The topics of the measures.
    pub measure_topics: Vec<&'static str>,
}

/// Whether the `measures` clauses answer none of the `problems` clauses:
/// both name topics, none of the measures' answers one of the problems' (the
/// same or [`RELATED`]), none is only [`GENERAL`] and no content word is
/// shared.
/// Measures without a topic (`认真抓好整改`) and problems without one say
/// too little to tell: they are taken as answered. `duty` are the words of
/// shortcoming and of measure, which tie nothing.
pub(super) fn unanswered(
    problems: &[&str],
    measures: &[&str],
    duty: &[&str],
) -> Option<Unanswered> {
    let problem_topics = union(problems.iter().map(|c| topics(c)));
    let measure_topics = union(measures.iter().map(|c| topics(c)));
    if problem_topics.is_empty() || measure_topics.is_empty() {
        return None;
    }
    // A measure for every problem ("将加强业务培训"; not "提升答复的规范化
    // 程度", which is about the replies).
    if measures.iter().any(|c| {
        let t = topics(c);
        !t.is_empty() && t.iter().all(|t| GENERAL.contains(t))
    }) {
        return None;
    }
    // A shared or related topic.
    if measure_topics
        .iter()
        .any(|m| problem_topics.iter().any(|p| answers(m, p)))
    {
        return None;
    }
    // "档案管理不规范" / "规范档案管理": the same object, even without a topic.
    let problem_pairs: Vec<String> = problems
        .iter()
        .flat_map(|c| content_pairs(c, duty))
        .collect();
    if measures
        .iter()
        .flat_map(|c| content_pairs(c, duty))
        .any(|p| problem_pairs.contains(&p))
    {
        return None;
    }
    Some(Unanswered {
        problem: problems.first()?.to_string(),
        measure: measures.iter().find(|c| !topics(c).is_empty())?.to_string(),
        problem_topics,
        measure_topics,
    })
}

/// The topics of all `lists`, each once, in the order of [`TOPICS`]
/// (housekeeping last).
fn union(lists: impl Iterator<Item = Vec<&'static str>>) -> Vec<&'static str> {
    let all: Vec<&'static str> = lists.flatten().collect();
    TOPICS
        .iter()
        .map(|(t, _)| *t)
        .chain([HOUSEKEEPING_TOPIC])
        .filter(|t| all.contains(t))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DUTY: [&str; 6] = ["不够", "不足", "加强", "将", "下一步", "进一步"];

    #[test]
    fn housekeeping_is_its_own_topic_unless_disclosure_is_named() {
        assert_eq!(topics("一是更新公务用车"), [HOUSEKEEPING_TOPIC]);
        assert_ne!(topics("在办公场所设置政务公开专区"), [HOUSEKEEPING_TOPIC]);
    }

    #[test]
    fn measures_on_other_topics_answer_nothing() {
        let u = unanswered(
            &["政策解读不够深入", "解读形式单一"],
            &["下一步将加强门户网站栏目建设"],
            &DUTY,
        )
        .unwrap();
        assert_eq!(u.problem_topics, ["政策解读"]);
        assert_eq!(u.measure_topics, ["网站和平台"]);
    }

    /// Measures beside the point, written for this test.
    #[test]
    fn unanswered_wordings() {
        for (p, m) in [
            (
                "图表、视频等解读形式运用较少",
                "下一步将升级门户网站检索功能",
            ),
            (
                "依申请公开答复书引用依据不够准确",
                "开通政务新媒体矩阵，拓展发布渠道",
            ),
            (
                "乡镇政务公开专区建设滞后",
                "将邀请起草科室负责人参加在线访谈",
            ),
            ("网站留言回复不及时", "拟对规范性文件开展集中清理"),
            (
                "会议公开的议题范围偏窄，列席代表较少",
                "将优化政府网站栏目设置",
            ),
            ("公共数据开放的数量偏少", "将提升依申请公开答复的规范化程度"),
            (
                "政策文件解读材料与文件同步发布的比例较低",
                "将规范政府信息公开申请的受理登记",
            ),
            ("个人信息保护审查不到位", "将丰富政务微博发布内容"),
        ] {
            assert!(unanswered(&[p], &[m], &DUTY).is_some(), "{p} / {m}");
        }
    }

    #[test]
    fn a_shared_topic_or_word_answers() {
        for (p, m) in [
            // The queue of requests and more staff to receive them.
            ("申请量大、答复周期偏长", "下一步将增配受理人员"),
            ("答复质量不高", "加强业务培训"),
            // Training and rules serve every problem.
            ("信息更新不够及时", "将加强培训"),
            ("解读不够深入", "邀请起草科室负责人做客在线访谈"),
            ("公开内容还不够全面", "在门户网站增设重点工作专栏"),
            ("网站信息更新不及时", "建立栏目内容保障台账"),
            ("依申请公开答复把关不严", "实行答复前合法性审查"),
            ("政策解读形式单一", "将完善工作机制"),
            ("政策解读不够深入", "邀请起草部门参与图解制作"),
            // No topic shared, but the object is (档案管理).
            ("依申请公开档案管理不够规范", "建立档案管理制度"),
            // Says too little to tell.
            ("网站栏目更新不够及时", "认真抓好整改"),
        ] {
            assert_eq!(unanswered(&[p], &[m], &DUTY), None, "{p} / {m}");
        }
    }
}
