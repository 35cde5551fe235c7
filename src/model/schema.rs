//! The data-file schema: every key a data file may use, defined once.
//!
//! The printed labels of the three tables, and the keys of their rows and
//! cells, live in [`official`](super::official) (they are the same words);
//! this module names the keys around them: the top level, 联系方式,
//! 其他事项 and 信息处理费, and the section-二 row and cell keys that rules
//! and generators address directly. Everything that reads or writes a data
//! file (loader, writer, rules, `next_year`, placeholders, import, preview,
//! renderers) uses these constants, so that a misspelt key is a compile
//! error, not a rule that silently never runs.

/// Top-level keys.
pub mod top {
    /// 格式: the edition of the official format (2019 or 2021).
    pub const EDITION: &str = "格式";
    /// 机关: the agency, as it signs.
    pub const AGENCY: &str = "机关";
    /// 曾用名: the agency's former names, when it was renamed (for the
    /// cross-year checks against last year's file).
    pub const FORMER_NAMES: &str = "曾用名";
    /// 机关类型: what the agency is, `政府` or `部门`, when its name does not
    /// tell (`model::agency::Kind`).
    pub const KIND: &str = "机关类型";
    /// 年度: the report year.
    pub const YEAR: &str = "年度";
    /// 成文日期: the date under the signature.
    pub const DATE: &str = "成文日期";
    /// 联系方式: contact details (map of [`contact`](super::contact) keys).
    pub const CONTACT: &str = "联系方式";
    /// 前言: an opening paragraph replacing the generated one.
    pub const PREFACE: &str = "前言";
    /// 上年数据: path of last year's data file.
    pub const PREVIOUS: &str = "上年数据";
    /// 总体情况: section 一.
    pub const OVERVIEW: &str = "总体情况";
    /// 主动公开: section 二's table.
    pub const TABLE2: &str = "主动公开";
    /// 依申请公开: section 三's table.
    pub const TABLE3: &str = "依申请公开";
    /// 复议诉讼: section 四's table.
    pub const TABLE4: &str = "复议诉讼";
    /// 问题及改进: section 五.
    pub const PROBLEMS: &str = "问题及改进";
    /// 其他事项: section 六 (map of [`other`](super::other) keys).
    pub const OTHER: &str = "其他事项";
    /// 沿用上年: the narrative paragraphs carried from last year's report
    /// and not yet edited or confirmed (`model::carried`).
    pub const CARRIED: &str = "沿用上年";
    /// 沿用数字: the figures of the carried paragraphs, each marked until
    /// it is changed or confirmed (`model::carried::carried_figures`).
    pub const CARRIED_FIGURES: &str = "沿用数字";

    /// Every top-level key, in the order a data file is written.
    pub const ALL: [&str; 17] = [
        EDITION,
        AGENCY,
        FORMER_NAMES,
        KIND,
        YEAR,
        DATE,
        CONTACT,
        PREFACE,
        PREVIOUS,
        OVERVIEW,
        TABLE2,
        TABLE3,
        TABLE4,
        PROBLEMS,
        OTHER,
        CARRIED,
        CARRIED_FIGURES,
    ];
}

/// Keys under 联系方式.
pub mod contact {
    /// 地址.
    pub const ADDRESS: &str = "地址";
    /// 邮编.
    pub const POSTCODE: &str = "邮编";
    /// 电话.
    pub const PHONE: &str = "电话";
    /// 邮箱.
    pub const EMAIL: &str = "邮箱";

    /// Every contact key, in the order written and printed.
    pub const ALL: [&str; 4] = [ADDRESS, POSTCODE, PHONE, EMAIL];
}

/// Keys under 其他事项.
pub mod other {
    /// 信息处理费: the fee statement (map of [`fee`](super::fee) keys).
    pub const FEE: &str = "信息处理费";
    /// 正文: the narrative of section 六.
    pub const BODY: &str = "正文";

    /// Every key under 其他事项.
    pub const ALL: [&str; 2] = [FEE, BODY];
}

/// Keys under 其他事项.信息处理费.
pub mod fee {
    /// 收费通知件数: notices sent (count).
    pub const NOTICES: &str = "收费通知件数";
    /// 收费通知金额: amount notified (万元).
    pub const NOTICE_AMOUNT: &str = "收费通知金额";
    /// 实际收取金额: amount collected (万元).
    pub const COLLECTED: &str = "实际收取金额";

    /// Every fee key, in the order written.
    pub const ALL: [&str; 3] = [NOTICES, NOTICE_AMOUNT, COLLECTED];
}

/// Row and cell keys of section 二 (主动公开), both editions.
pub mod t2 {
    /// 规章 (both editions).
    pub const RULES: &str = "规章";
    /// 行政规范性文件 (2021).
    pub const NORMATIVE: &str = "行政规范性文件";
    /// 规范性文件 (2019).
    pub const NORMATIVE_2019: &str = "规范性文件";
    /// 行政许可.
    pub const LICENSING: &str = "行政许可";
    /// 其他对外管理服务事项 (2019).
    pub const OTHER_SERVICES: &str = "其他对外管理服务事项";
    /// 行政处罚.
    pub const PENALTIES: &str = "行政处罚";
    /// 行政强制.
    pub const ENFORCEMENT: &str = "行政强制";
    /// 行政事业性收费.
    pub const FEES: &str = "行政事业性收费";
    /// 政府集中采购 (2019).
    pub const PROCUREMENT: &str = "政府集中采购";

    /// 本年制发 (2021 documents).
    pub const MADE: &str = "本年制发";
    /// 本年废止 (2021 documents).
    pub const REPEALED: &str = "本年废止";
    /// 现行有效 (2021 documents).
    pub const VALID: &str = "现行有效";
    /// 本年新制作 (2019 documents).
    pub const MADE_2019: &str = "本年新制作";
    /// 本年新公开 (2019 documents).
    pub const PUBLISHED_2019: &str = "本年新公开";
    /// 对外公开总数 (2019 documents).
    pub const TOTAL_2019: &str = "对外公开总数";
    /// 上一年项目数量 (2019 items).
    pub const ITEMS_BEFORE: &str = "上一年项目数量";
    /// 本年增减 (2019 items).
    pub const ITEMS_CHANGE: &str = "本年增减";
    /// 处理决定数量 (2019 items).
    pub const DECISIONS: &str = "处理决定数量";
    /// 采购项目数量 (2019 procurement).
    pub const PROCUREMENT_ITEMS: &str = "采购项目数量";
    /// 采购总金额 (2019 procurement, 万元).
    pub const PROCUREMENT_AMOUNT: &str = "采购总金额";

    /// Key of the number when a cell carries a note: `{数量: 1, 注: …}`.
    pub const VALUE: &str = "数量";
    /// Key of a cell's printed note.
    pub const NOTE: &str = "注";

    /// Every key that may appear inside a section-二 cell map, both
    /// editions.
    pub const CELL_KEYS: [&str; 12] = [
        MADE,
        REPEALED,
        VALID,
        MADE_2019,
        PUBLISHED_2019,
        TOTAL_2019,
        ITEMS_BEFORE,
        ITEMS_CHANGE,
        DECISIONS,
        PROCUREMENT_ITEMS,
        PROCUREMENT_AMOUNT,
        VALUE,
    ];
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edition, official};

    #[test]
    fn section_two_keys_are_the_official_ones() {
        let rows: Vec<&str> = [Edition::E2019, Edition::E2021]
            .iter()
            .flat_map(|&e| official::t2_groups(e).iter())
            .flat_map(|g| g.rows.iter().map(|r| r.key))
            .collect();
        for key in [
            t2::RULES,
            t2::NORMATIVE,
            t2::NORMATIVE_2019,
            t2::LICENSING,
            t2::OTHER_SERVICES,
            t2::PENALTIES,
            t2::ENFORCEMENT,
            t2::FEES,
            t2::PROCUREMENT,
        ] {
            assert!(rows.contains(&key), "{key}");
        }
    }

    #[test]
    fn top_level_keys_are_distinct() {
        let mut keys = top::ALL.to_vec();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), top::ALL.len());
    }
}
