//! The official table model: every section heading, row, column, label and
//! data-file key of the three mandated tables, for both editions.
//!
//! This is the only place in the code base where the official labels are
//! written down. The loader, the validator, the layout grid (and through it
//! every renderer), the next-year generator and the importer all read them
//! from here.

use super::Edition;
use super::schema::t2;

/// The six mandated section headings, in order.
pub const SECTION_HEADINGS: [&str; 6] = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
];

/// The customary sub-headings of section 一 under the 2021 format.
pub const OVERVIEW_TOPICS: [&str; 5] = [
    "（一）主动公开",
    "（二）依申请公开",
    "（三）政府信息管理",
    "（四）政府信息公开平台建设",
    "（五）监督保障",
];

/// The customary sub-headings of section 五 (FORMAT.md §1.3): how last year's
/// problems were fixed, this year's problems, next year's measures.
pub const PROBLEMS_TOPICS: [&str; 3] = [
    "（一）上年度问题整改情况",
    "（二）存在的主要问题",
    "（三）改进措施",
];

/// A customary item of section 六 (FORMAT.md §1.4).
#[derive(Debug, Clone, Copy)]
pub struct CustomaryItem {
    /// Heading text, without its number.
    pub heading: &'static str,
    /// Words that identify the item in a heading worded differently.
    pub keywords: &'static [&'static str],
}

/// The customary items of section 六 after the mandated fee item, which is
/// generated from `其他事项.信息处理费` as item （一）.
pub const OTHER_ITEMS: [CustomaryItem; 3] = [
    CustomaryItem {
        heading: "人大代表建议和政协提案办理结果公开情况",
        keywords: &["提案", "代表建议", "人大建议", "议案"],
    },
    CustomaryItem {
        heading: "政务公开工作创新情况",
        keywords: &["创新"],
    },
    CustomaryItem {
        heading: "落实上级年度政务公开工作要点情况",
        keywords: &["工作要点", "工作方案", "公开要点"],
    },
];

/// The art. 50(4) item that reports of people's governments must carry,
/// in section 一 (监督保障), 五 or 六.
pub const ASSESSMENT_ITEM: &str = "政务公开工作考核、社会评议和责任追究结果情况";

// ---------------------------------------------------------------------------
// Section 二
// ---------------------------------------------------------------------------

/// What kind of number a cell of section 二 holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberKind {
    /// A non-negative whole number.
    Count,
    /// A whole number that may be negative (2019 `本年增减`).
    Signed,
    /// A non-negative decimal amount in 万元.
    Amount,
}

/// One data cell of a section-二 row.
#[derive(Debug, Clone, Copy)]
pub struct T2Cell {
    /// Key inside the row's map in the data file; `None` when the row is a
    /// single number written directly after the row key.
    pub key: Option<&'static str>,
    /// What the cell holds.
    pub kind: NumberKind,
    /// How many of the three value columns the cell spans.
    pub span: u8,
}

/// One data row of section 二.
#[derive(Debug, Clone, Copy)]
pub struct T2Row {
    /// Key under `主动公开` in the data file.
    pub key: &'static str,
    /// Row label as printed (same as the key in both editions).
    pub label: &'static str,
    /// The data cells, left to right, spanning three value columns in total.
    pub cells: &'static [T2Cell],
}

/// A column header of a section-二 group.
#[derive(Debug, Clone, Copy)]
pub struct T2Header {
    /// Header text as printed.
    pub label: &'static str,
    /// How many of the three value columns the header spans.
    pub span: u8,
}

/// One group of section 二: a title row, a header row and data rows.
#[derive(Debug, Clone, Copy)]
pub struct T2Group {
    /// Title row, spanning the whole table (`第二十条第（一）项`).
    pub title: &'static str,
    /// Header row below the title, after the `信息内容` label cell.
    pub headers: &'static [T2Header],
    /// Data rows.
    pub rows: &'static [T2Row],
}

/// Label of the first header cell of every section-二 group.
pub const T2_CONTENT_LABEL: &str = "信息内容";

const fn cell(key: &'static str, kind: NumberKind) -> T2Cell {
    T2Cell {
        key: Some(key),
        kind,
        span: 1,
    }
}

const fn single(kind: NumberKind) -> T2Cell {
    T2Cell {
        key: None,
        kind,
        span: 3,
    }
}

const fn header(label: &'static str) -> T2Header {
    T2Header { label, span: 1 }
}

const fn header_span(label: &'static str, span: u8) -> T2Header {
    T2Header { label, span }
}

use NumberKind::{Amount, Count, Signed};

const DOCS_2021: &[T2Cell] = &[
    cell(t2::MADE, Count),
    cell(t2::REPEALED, Count),
    cell(t2::VALID, Count),
];
const SINGLE_COUNT: &[T2Cell] = &[single(Count)];
const SINGLE_AMOUNT: &[T2Cell] = &[single(Amount)];

/// Section 二 in the 2021 edition.
pub const T2_2021: &[T2Group] = &[
    T2Group {
        title: "第二十条第（一）项",
        headers: &[
            header("本年制发件数"),
            header("本年废止件数"),
            header("现行有效件数"),
        ],
        rows: &[
            T2Row {
                key: t2::RULES,
                label: "规章",
                cells: DOCS_2021,
            },
            T2Row {
                key: t2::NORMATIVE,
                label: "行政规范性文件",
                cells: DOCS_2021,
            },
        ],
    },
    T2Group {
        title: "第二十条第（五）项",
        headers: &[header_span("本年处理决定数量", 3)],
        rows: &[T2Row {
            key: t2::LICENSING,
            label: "行政许可",
            cells: SINGLE_COUNT,
        }],
    },
    T2Group {
        title: "第二十条第（六）项",
        headers: &[header_span("本年处理决定数量", 3)],
        rows: &[
            T2Row {
                key: t2::PENALTIES,
                label: "行政处罚",
                cells: SINGLE_COUNT,
            },
            T2Row {
                key: t2::ENFORCEMENT,
                label: "行政强制",
                cells: SINGLE_COUNT,
            },
        ],
    },
    T2Group {
        title: "第二十条第（八）项",
        headers: &[header_span("本年收费金额（单位：万元）", 3)],
        rows: &[T2Row {
            key: t2::FEES,
            label: "行政事业性收费",
            cells: SINGLE_AMOUNT,
        }],
    },
];

const DOCS_2019: &[T2Cell] = &[
    cell(t2::MADE_2019, Count),
    cell(t2::PUBLISHED_2019, Count),
    cell(t2::TOTAL_2019, Count),
];
const ITEMS_2019: &[T2Cell] = &[
    cell(t2::ITEMS_BEFORE, Count),
    cell(t2::ITEMS_CHANGE, Signed),
    cell(t2::DECISIONS, Count),
];
const ITEMS_HEADERS_2019: &[T2Header] = &[
    header("上一年项目数量"),
    header("本年增/减"),
    header("处理决定数量"),
];

/// Section 二 in the 2019 edition.
pub const T2_2019: &[T2Group] = &[
    T2Group {
        title: "第二十条第（一）项",
        headers: &[
            header("本年新制作数量"),
            header("本年新公开数量"),
            header("对外公开总数量"),
        ],
        rows: &[
            T2Row {
                key: t2::RULES,
                label: "规章",
                cells: DOCS_2019,
            },
            T2Row {
                key: t2::NORMATIVE_2019,
                label: "规范性文件",
                cells: DOCS_2019,
            },
        ],
    },
    T2Group {
        title: "第二十条第（五）项",
        headers: ITEMS_HEADERS_2019,
        rows: &[
            T2Row {
                key: t2::LICENSING,
                label: "行政许可",
                cells: ITEMS_2019,
            },
            T2Row {
                key: t2::OTHER_SERVICES,
                label: "其他对外管理服务事项",
                cells: ITEMS_2019,
            },
        ],
    },
    T2Group {
        title: "第二十条第（六）项",
        headers: ITEMS_HEADERS_2019,
        rows: &[
            T2Row {
                key: t2::PENALTIES,
                label: "行政处罚",
                cells: ITEMS_2019,
            },
            T2Row {
                key: t2::ENFORCEMENT,
                label: "行政强制",
                cells: ITEMS_2019,
            },
        ],
    },
    T2Group {
        title: "第二十条第（八）项",
        headers: &[header("上一年项目数量"), header_span("本年增/减", 2)],
        rows: &[T2Row {
            key: t2::FEES,
            label: "行政事业性收费",
            cells: &[
                cell(t2::ITEMS_BEFORE, Count),
                T2Cell {
                    key: Some(t2::ITEMS_CHANGE),
                    kind: Signed,
                    span: 2,
                },
            ],
        }],
    },
    T2Group {
        title: "第二十条第（九）项",
        headers: &[header("采购项目数量"), header_span("采购总金额", 2)],
        rows: &[T2Row {
            key: t2::PROCUREMENT,
            label: "政府集中采购",
            cells: &[
                cell(t2::PROCUREMENT_ITEMS, Count),
                T2Cell {
                    key: Some(t2::PROCUREMENT_AMOUNT),
                    kind: Amount,
                    span: 2,
                },
            ],
        }],
    },
];

/// The unit printed after the 2019 `采购总金额` header, which the official
/// template leaves unstated (rule UNIT).
pub const T2_2019_PURCHASE_UNIT: &str = "（单位：万元）";

/// Key under which a section-二 cell may carry a printed note.
pub const T2_NOTE_KEY: &str = t2::NOTE;
/// Key of the number when a section-二 cell carries a note.
pub const T2_VALUE_KEY: &str = t2::VALUE;

/// Whether section 二 of `edition` has row `row` with cell `cell`.
pub fn t2_has_cell(edition: Edition, row: &str, cell: Option<&str>) -> bool {
    t2_groups(edition)
        .iter()
        .flat_map(|g| g.rows.iter())
        .any(|r| r.key == row && r.cells.iter().any(|c| c.key == cell))
}

/// Section 二 groups of an edition.
pub fn t2_groups(edition: Edition) -> &'static [T2Group] {
    match edition {
        Edition::E2019 => T2_2019,
        Edition::E2021 => T2_2021,
    }
}

// ---------------------------------------------------------------------------
// Section 三
// ---------------------------------------------------------------------------

/// Caption of the top-left 3×3 header cell of section 三.
pub const T3_CAPTION: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
/// Header spanning the seven data columns.
pub const T3_APPLICANTS: &str = "申请人情况";
/// Header spanning the five organisation columns.
pub const T3_ORGANISATIONS: &str = "法人或其他组织";

/// The seven data columns of section 三, in order; the last is 总计.
pub const T3_COLUMNS: [&str; 7] = [
    "自然人",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
    "总计",
];

/// Number of applicant columns that are written in the data file (总计 excluded).
pub const T3_INPUT_COLUMNS: usize = 6;
/// Index of the 总计 column.
pub const T3_TOTAL_COLUMN: usize = 6;

/// The role a section-三 row plays in the arithmetic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum T3Role {
    /// 一、本年新收.
    Received,
    /// 二、上年结转.
    CarriedIn,
    /// A leaf result row under 三、本年度办理结果.
    Result,
    /// （七）总计.
    ResultTotal,
    /// 四、结转下年度继续办理.
    CarriedOut,
}

/// A group label of the result rows with its data-file key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct T3Group {
    /// Key under `办理结果` in the data file.
    pub key: &'static str,
    /// Label as printed (`（三）不予公开`).
    pub label: &'static str,
}

/// One body row of section 三.
#[derive(Debug, Clone, Copy)]
pub struct T3Row {
    /// Path of keys under `依申请公开` in the data file.
    pub keys: &'static [&'static str],
    /// The row's own label as printed (the innermost label).
    pub label: &'static str,
    /// The result group the row belongs to, if any.
    pub group: Option<T3Group>,
    /// Role in the arithmetic.
    pub role: T3Role,
}

impl T3Row {
    /// The row's key path joined with dots (`办理结果.不予公开.属于国家秘密`).
    pub fn path(&self) -> String {
        self.keys.join(".")
    }

    /// Human name of the row: its labels from outside in, joined by ` / `.
    pub fn full_label(&self) -> String {
        let mut parts = Vec::new();
        if self.role == T3Role::Result || self.role == T3Role::ResultTotal {
            parts.push(T3_RESULTS_LABEL);
        }
        if let Some(g) = self.group {
            parts.push(g.label);
        }
        parts.push(self.label);
        parts.join(" / ")
    }
}

/// Label of the 22-row (20 in 2019) group of result rows.
pub const T3_RESULTS_LABEL: &str = "三、本年度办理结果";
/// Key of the result rows in the data file.
pub const T3_RESULTS_KEY: &str = "办理结果";
/// Key of the optional printed result total row.
pub const T3_TOTAL_KEY: &str = "总计";

/// A result group of 表三 with its reasons below it.
const fn group(key: &'static str, label: &'static str) -> T3Group {
    T3Group { key, label }
}

const WITHHELD: T3Group = group("不予公开", "（三）不予公开");
const UNABLE: T3Group = group("无法提供", "（四）无法提供");
const NOT_PROCESSED: T3Group = group("不予处理", "（五）不予处理");
const OTHER: T3Group = group("其他处理", "（六）其他处理");

const fn top(key: &'static [&'static str], label: &'static str, role: T3Role) -> T3Row {
    T3Row {
        keys: key,
        label,
        group: None,
        role,
    }
}

const fn result(keys: &'static [&'static str], label: &'static str) -> T3Row {
    T3Row {
        keys,
        label,
        group: None,
        role: T3Role::Result,
    }
}

const fn leaf(keys: &'static [&'static str], group: T3Group, label: &'static str) -> T3Row {
    T3Row {
        keys,
        label,
        group: Some(group),
        role: T3Role::Result,
    }
}

macro_rules! t3_rows {
    ($($other:expr),* $(,)?) => {
        &[
            top(&["本年新收"], "一、本年新收政府信息公开申请数量", T3Role::Received),
            top(&["上年结转"], "二、上年结转政府信息公开申请数量", T3Role::CarriedIn),
            result(&["办理结果", "予以公开"], "（一）予以公开"),
            result(&["办理结果", "部分公开"], "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
            leaf(&["办理结果", "不予公开", "属于国家秘密"], WITHHELD, "1.属于国家秘密"),
            leaf(&["办理结果", "不予公开", "其他法律行政法规禁止公开"], WITHHELD, "2.其他法律行政法规禁止公开"),
            leaf(&["办理结果", "不予公开", "危及三安全一稳定"], WITHHELD, "3.危及“三安全一稳定”"),
            leaf(&["办理结果", "不予公开", "保护第三方合法权益"], WITHHELD, "4.保护第三方合法权益"),
            leaf(&["办理结果", "不予公开", "属于三类内部事务信息"], WITHHELD, "5.属于三类内部事务信息"),
            leaf(&["办理结果", "不予公开", "属于四类过程性信息"], WITHHELD, "6.属于四类过程性信息"),
            leaf(&["办理结果", "不予公开", "属于行政执法案卷"], WITHHELD, "7.属于行政执法案卷"),
            leaf(&["办理结果", "不予公开", "属于行政查询事项"], WITHHELD, "8.属于行政查询事项"),
            leaf(&["办理结果", "无法提供", "本机关不掌握相关政府信息"], UNABLE, "1.本机关不掌握相关政府信息"),
            leaf(&["办理结果", "无法提供", "没有现成信息需要另行制作"], UNABLE, "2.没有现成信息需要另行制作"),
            leaf(&["办理结果", "无法提供", "补正后申请内容仍不明确"], UNABLE, "3.补正后申请内容仍不明确"),
            leaf(&["办理结果", "不予处理", "信访举报投诉类申请"], NOT_PROCESSED, "1.信访举报投诉类申请"),
            leaf(&["办理结果", "不予处理", "重复申请"], NOT_PROCESSED, "2.重复申请"),
            leaf(&["办理结果", "不予处理", "要求提供公开出版物"], NOT_PROCESSED, "3.要求提供公开出版物"),
            leaf(&["办理结果", "不予处理", "无正当理由大量反复申请"], NOT_PROCESSED, "4.无正当理由大量反复申请"),
            leaf(&["办理结果", "不予处理", "要求行政机关确认或重新出具已获取信息"], NOT_PROCESSED, "5.要求行政机关确认或重新出具已获取信息"),
            $($other,)*
            T3Row { keys: &["办理结果", "总计"], label: "（七）总计", group: None, role: T3Role::ResultTotal },
            top(&["结转下年度继续办理"], "四、结转下年度继续办理", T3Role::CarriedOut),
        ]
    };
}

/// Section 三 body rows in the 2021 edition (25 rows).
pub const T3_2021: &[T3Row] = t3_rows![
    leaf(
        &["办理结果", "其他处理", "申请人无正当理由逾期不补正"],
        OTHER,
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    ),
    leaf(
        &["办理结果", "其他处理", "申请人逾期未按收费通知要求缴纳费用"],
        OTHER,
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
    ),
    leaf(&["办理结果", "其他处理", "其他"], OTHER, "3.其他"),
];

/// Section 三 body rows in the 2019 edition (23 rows).
pub const T3_2019: &[T3Row] = t3_rows![result(&["办理结果", "其他处理"], "（六）其他处理")];

/// Section 三 body rows of an edition.
pub fn t3_rows(edition: Edition) -> &'static [T3Row] {
    match edition {
        Edition::E2019 => T3_2019,
        Edition::E2021 => T3_2021,
    }
}

/// The result groups of section 三 (rows nested one level deeper).
pub fn t3_groups(edition: Edition) -> Vec<T3Group> {
    let mut groups = vec![WITHHELD, UNABLE, NOT_PROCESSED];
    if edition == Edition::E2021 {
        groups.push(OTHER);
    }
    groups
}

/// Index of the row with `role` (the first one for [`T3Role::Result`]).
pub fn t3_index(edition: Edition, role: T3Role) -> usize {
    t3_rows(edition)
        .iter()
        .position(|r| r.role == role)
        .expect("every role occurs in every edition")
}

/// Index of the 2021 row `（六）2.申请人逾期未按收费通知要求缴纳费用…`, used by FEE-XCHECK.
pub const T3_FEE_UNPAID_KEY: &str = "申请人逾期未按收费通知要求缴纳费用";

// ---------------------------------------------------------------------------
// Section 四
// ---------------------------------------------------------------------------

/// A group of section 四 (行政复议, 未经复议直接起诉, 复议后起诉).
#[derive(Debug, Clone, Copy)]
pub struct T4Group {
    /// Key under `复议诉讼` in the data file.
    pub key: &'static str,
    /// Header label as printed.
    pub label: &'static str,
}

/// The three groups of section 四, left to right.
pub const T4_GROUPS: [T4Group; 3] = [
    T4Group {
        key: "行政复议",
        label: "行政复议",
    },
    T4Group {
        key: "未经复议直接起诉",
        label: "未经复议直接起诉",
    },
    T4Group {
        key: "复议后起诉",
        label: "复议后起诉",
    },
];

/// Header spanning the two litigation groups.
pub const T4_LITIGATION: &str = "行政诉讼";

/// The five columns of each section-四 group; the last is 总计.
pub const T4_COLUMNS: [&str; 5] = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];

/// Number of section-四 columns written in the data file (总计 excluded).
pub const T4_INPUT_COLUMNS: usize = 4;

// ---------------------------------------------------------------------------
// Section 六 and the top level
// ---------------------------------------------------------------------------

/// Fields of `其他事项.信息处理费`, with their units.
pub const FEE_FIELDS: [(&str, &str); 3] = [
    ("收费通知件数", "件"),
    ("收费通知金额", "万元"),
    ("实际收取金额", "万元"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_counts_match_the_format() {
        assert_eq!(T3_2021.len(), 25);
        assert_eq!(T3_2019.len(), 23);
        let results_2021 = T3_2021
            .iter()
            .filter(|r| matches!(r.role, T3Role::Result | T3Role::ResultTotal))
            .count();
        assert_eq!(results_2021, 22);
        let results_2019 = T3_2019
            .iter()
            .filter(|r| matches!(r.role, T3Role::Result | T3Role::ResultTotal))
            .count();
        assert_eq!(results_2019, 20);
    }

    #[test]
    fn t2_rows_span_three_value_columns() {
        for groups in [T2_2019, T2_2021] {
            for g in groups {
                assert_eq!(g.headers.iter().map(|h| h.span).sum::<u8>(), 3);
                for r in g.rows {
                    assert_eq!(r.cells.iter().map(|c| c.span).sum::<u8>(), 3, "{}", r.key);
                }
            }
        }
    }

    #[test]
    fn quotes_are_typographic() {
        assert!(
            T3_2021
                .iter()
                .any(|r| r.label == "3.危及\u{201C}三安全一稳定\u{201D}")
        );
    }
}
