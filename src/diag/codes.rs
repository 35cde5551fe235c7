//! Every diagnostic code, with a one-line description in Chinese.
//!
//! Rule codes are the rule ids of FORMAT.md §3; input codes describe problems
//! with the data file itself.

/// The file could not be read at all (missing, a directory, a device,
/// too large, no permission).
pub const IO: &str = "IO";
/// YAML syntax error, or a file that is not a YAML document.
pub const YAML: &str = "YAML";
/// The file is not UTF-8 text.
pub const ENCODING: &str = "ENCODING";
/// A key the data format does not know.
pub const KEY_UNKNOWN: &str = "KEY-UNKNOWN";
/// A required key is missing.
pub const KEY_MISSING: &str = "KEY-MISSING";
/// A value of the wrong type (text where a number belongs, …).
pub const TYPE: &str = "TYPE";
/// A table cell left empty.
pub const CELL_EMPTY: &str = "CELL-EMPTY";
/// A row with the wrong number of values.
pub const ROW_LEN: &str = "ROW-LEN";
/// A number too large to be a count.
pub const NUM_RANGE: &str = "NUM-RANGE";
/// Full-width punctuation where the data format needs ASCII (a list of
/// numbers with ，, a value in “”).
pub const PUNCT: &str = "PUNCT";
/// A one-line text with a line break or control character, or too long.
pub const TEXT: &str = "TEXT";
/// Section 一 or 五 says only "无".
pub const SECTION_EMPTY: &str = "SECTION-EMPTY";
/// The customary items of section 六 are missing (2021 format).
pub const OTHER_ITEMS: &str = "OTHER-ITEMS";
/// A government's report without art. 50(4)'s 考核/评议/责任追究 results.
pub const ASSESSMENT: &str = "ASSESSMENT";
/// Narrative carried over from last year's report.
pub const COPY: &str = "COPY";
/// A 年度 with no official format, or one not yet over.
pub const YEAR: &str = "YEAR";
/// An invalid date.
pub const DATE: &str = "DATE";
/// A narrative placeholder that names nothing.
pub const PLACEHOLDER: &str = "PLACEHOLDER";
/// A character that no available font can print.
pub const GLYPH: &str = "GLYPH";
/// Last year's data file could not be used.
pub const PREV: &str = "PREV";

/// Import: a section, table row or cell could not be read from the source.
pub const IMPORT_MISSING: &str = "IMPORT-MISSING";
/// Import: content of a table that could not be placed in any cell.
pub const IMPORT_UNPLACED: &str = "IMPORT-UNPLACED";
/// Import: a cell printed blank (or `-`, `/`), imported as empty.
pub const IMPORT_BLANK: &str = "IMPORT-BLANK";
/// Import: a figure converted or stripped of a unit or note.
pub const IMPORT_VALUE: &str = "IMPORT-VALUE";
/// Import: agency, year, edition or date not found, or contradictory.
pub const IMPORT_META: &str = "IMPORT-META";

/// 一 + 二 = （七）总计 + 四, per column.
pub const T3_BAL: &str = "T3-BAL";
/// A row's 总计 equals the sum of its six applicant columns.
pub const T3_ROWSUM: &str = "T3-ROWSUM";
/// （七）总计 equals the sum of the result rows, per column.
pub const T3_RESULTSUM: &str = "T3-RESULTSUM";
/// Section 四: 总计 = 维持 + 纠正 + 其他 + 尚未审结.
pub const T4_SUM: &str = "T4-SUM";
/// Counts are non-negative whole numbers.
pub const NUM_INT: &str = "NUM-INT";
/// The format edition matches the report year.
pub const EDITION: &str = "EDITION";
/// Section 六 reports the information-processing fee (2021 format).
pub const FEE_REPORT: &str = "FEE-REPORT";
/// 上年结转 equals last year's 结转下年度继续办理, per column.
pub const XYEAR_CARRY: &str = "XYEAR-CARRY";
/// 2019 format: 上一年项目数量 + 本年增减 is not negative.
pub const T2_2019_ITEMS: &str = "T2-2019-ITEMS";
/// 2019 format: 本年新公开数量 ≤ 对外公开总数量.
pub const T2_2019_PUB: &str = "T2-2019-PUB";
/// 2021 format: 现行有效 = 上年现行有效 + 本年制发 − 本年废止.
pub const T2_2021_VALID: &str = "T2-2021-VALID";
/// Only agencies with rule-making power report 规章.
pub const T2_RULES_AUTHORITY: &str = "T2-RULES-AUTHORITY";
/// Amounts are in 万元.
pub const UNIT: &str = "UNIT";
/// Unpaid-fee terminations presuppose fee notices.
pub const FEE_XCHECK: &str = "FEE-XCHECK";
/// Figures written in the narrative agree with the tables.
pub const NARR: &str = "NARR";
/// The opening paragraph states the statistical period.
pub const PERIOD: &str = "PERIOD";
/// The report is dated within the legal deadline.
pub const DEADLINE: &str = "DEADLINE";

/// Every code with its description; the documentation must list each one
/// (checked by a test).
pub const ALL: &[(&str, &str)] = &[
    (IO, "文件无法读取（不存在、是目录或设备、过大、没有权限）"),
    (YAML, "YAML 语法错误，或文件不是 YAML 文档"),
    (ENCODING, "文件不是 UTF-8 文本"),
    (KEY_UNKNOWN, "数据格式中没有的键"),
    (KEY_MISSING, "缺少必填的键"),
    (TYPE, "值的类型不对（如应填数字处填了文字）"),
    (CELL_EMPTY, "表格单元格为空（没有的填 0）"),
    (ROW_LEN, "一行的数字个数不对"),
    (
        NUM_RANGE,
        "数字超出合理范围（件数超过 10 亿，金额位数过多）",
    ),
    (
        PUNCT,
        "该用半角标点的地方用了全角（数字间的逗号、括号、值两边的引号）",
    ),
    (TEXT, "单行文字中有换行或控制字符，或过长"),
    (DATE, "日期无效"),
    (PLACEHOLDER, "正文中的占位符指向不存在的数据"),
    (GLYPH, "字体中没有的字符，PDF 中无法显示"),
    (PREV, "上年数据文件无法使用"),
    (IMPORT_MISSING, "导入：原文中找不到的部分、表格行或单元格"),
    (IMPORT_UNPLACED, "导入：原文表格中无法归入任何单元格的内容"),
    (IMPORT_BLANK, "导入：原文空白或写作“-”“/”的单元格，导入为空"),
    (IMPORT_VALUE, "导入：数字经过换算，或去掉了单位、注释"),
    (
        IMPORT_META,
        "导入：机关、年度、格式或成文日期无法识别或相互矛盾",
    ),
    (
        T3_BAL,
        "表三：第一项加第二项之和等于第三项加第四项之和（逐列）",
    ),
    (T3_ROWSUM, "表三：每行总计等于各类申请人之和"),
    (T3_RESULTSUM, "表三：（七）总计等于各项办理结果之和（逐列）"),
    (
        T4_SUM,
        "表四：总计等于结果维持、结果纠正、其他结果、尚未审结之和",
    ),
    (NUM_INT, "件数为非负整数，金额为非负数"),
    (EDITION, "报告年度与格式版本相符（2021 年起用 2021 版）"),
    (FEE_REPORT, "第六部分报告信息处理费情况（2021 版）"),
    (
        XYEAR_CARRY,
        "上年结转等于上年报告的结转下年度继续办理（逐列）",
    ),
    (
        T2_2019_ITEMS,
        "表二（2019 版）：上一年项目数量加本年增减不为负",
    ),
    (
        T2_2019_PUB,
        "表二（2019 版）：本年新公开数量不大于对外公开总数量",
    ),
    (
        T2_2021_VALID,
        "表二（2021 版）：现行有效件数等于上年现行有效加本年制发减本年废止",
    ),
    (T2_RULES_AUTHORITY, "表二：只有享有规章制定权的机关填报规章"),
    (UNIT, "金额单位为万元"),
    (FEE_XCHECK, "因逾期未缴费而不再处理的申请须有相应的收费通知"),
    (NARR, "正文中的数字与表格一致"),
    (PERIOD, "前言写明统计期限为本年度 1 月 1 日至 12 月 31 日"),
    (DEADLINE, "成文日期在法定期限内"),
    (SECTION_EMPTY, "第一、第五部分不能只写“无”"),
    (
        OTHER_ITEMS,
        "第六部分报告落实工作要点、建议提案办理、政务公开创新情况（2021 版）",
    ),
    (ASSESSMENT, "人民政府的报告写明考核、社会评议和责任追究结果"),
    (COPY, "正文不照搬上年报告"),
    (YEAR, "年度有对应的官方格式（2019 年度起），且已经结束"),
];

#[cfg(test)]
mod tests {
    #[test]
    fn every_code_is_documented() {
        let doc = include_str!("../../docs/data-format.md");
        for (code, _) in super::ALL {
            assert!(
                doc.contains(&format!("`{code}`")),
                "{code} missing from docs/data-format.md"
            );
        }
    }
}
