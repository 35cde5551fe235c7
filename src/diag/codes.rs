//! Every diagnostic code and the registry that describes it, from one table.
//!
//! Rule codes are the rule ids of FORMAT.md §3; input codes describe problems
//! with the data file itself. The table at the end ([`registry!`]) makes, from
//! one row per code, the [`Code`] enum (so a misspelt code does not compile),
//! its stable string ([`Code::as_str`]) and [`REGISTRY`], indexed by the code:
//! its severity, section, a one-line summary and an explanation in Chinese.
//! Diagnostics take their severity from it, `nianbao explain` prints it, and
//! tests check the documentation and the fixtures against it.

use crate::slice::Slice;
use std::fmt;

use super::Severity;

/// Makes [`Code`], [`Code::as_str`], [`Code::ALL`] and [`REGISTRY`] from rows
/// `NAME = "CODE" => rule(severity, section, summary, explanation)`.
macro_rules! registry {
    ($( $(#[$doc:meta])* $name:ident = $code:literal => $rule:expr ),* $(,)?) => {
        /// A diagnostic code. Its variants are also this module's items
        /// (`codes::T3_BAL`), named as the code is written.
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $( $(#[$doc])* $name, )*
        }

        impl Code {
            /// Every code, in the registry's order.
            pub const ALL: &[Code] = &[$(Code::$name),*];

            /// The stable code as users, fixtures and tools read it (`T3-BAL`).
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Code::$name => $code,)*
                }
            }
        }

        /// Every code, in the order of the documentation: input problems, the
        /// official format's rules, then the codes of `build` and `import`;
        /// `REGISTRY[code as usize]` is `code`'s entry.
        pub const REGISTRY: &[Rule] = &[$( with_code($rule, Code::$name) ),*];
    };
}

pub use Code::*;

impl Code {
    /// The code written as `text` (`T3-BAL`), if it is one.
    pub fn parse(text: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == text)
    }

    /// Its registry entry.
    pub fn rule(self) -> &'static Rule {
        &REGISTRY[self as usize]
    }

    /// The rule's name as findings lead with it: the registry's summary
    /// without a closing remark in brackets (`表格单元格为空（没有的填 0）` →
    /// `表格单元格为空`).
    pub fn rule_name(self) -> &'static str {
        let summary = self.rule().summary;
        match (summary.strip_suffix('）'), summary.rfind('（')) {
            (Some(_), Some(at)) if at > 0 => summary.slice_to(at).trim(),
            _ => summary,
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Which part of the report, or which stage of the program, a code belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// Reading the file from disk.
    Read,
    /// The data file's syntax and fields.
    Input,
    /// Year, edition and date of the report as a whole.
    Report,
    /// Section 二: 主动公开政府信息情况.
    Table2,
    /// Section 三: 收到和处理政府信息公开申请情况.
    Table3,
    /// Section 四: 行政复议、行政诉讼情况.
    Table4,
    /// The narrative: preface and sections 一, 五 and 六.
    Narrative,
    /// Section 六's information-processing fee.
    Fee,
    /// Agreement with last year's report.
    CrossYear,
    /// Producing the PDF.
    Build,
    /// Importing a published report.
    Import,
}

impl Section {
    /// The section's name as a user reads it.
    pub fn name(self) -> &'static str {
        match self {
            Section::Read => "读取文件",
            Section::Input => "数据文件格式",
            Section::Report => "年度、格式与成文日期",
            Section::Table2 => "第二部分 主动公开政府信息情况",
            Section::Table3 => "第三部分 收到和处理政府信息公开申请情况",
            Section::Table4 => "第四部分 政府信息公开行政复议、行政诉讼情况",
            Section::Narrative => "正文（前言和第一、五、六部分）",
            Section::Fee => "第六部分 信息处理费",
            Section::CrossYear => "与上年报告的衔接",
            Section::Build => "生成 PDF",
            Section::Import => "导入已公布的年报",
        }
    }
}

/// How a code's diagnostics are covered by the tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coverage {
    /// A data file can raise it: `tests/fixtures/rules/` must hold a
    /// fixture expecting it (checked by a test).
    DataFile,
    /// No data file alone raises it (a missing file, a font, a published
    /// report); the tests named here cover it.
    Elsewhere(&'static str),
}

/// One code of the registry: what it checks and how serious it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// The code, e.g. `T3-BAL`.
    pub code: Code,
    /// The severity of its diagnostics.
    pub severity: Severity,
    /// A second severity some of its diagnostics take (a milder or graver
    /// case of the same problem); `None` for most codes.
    pub also: Option<Severity>,
    /// Where in the report, or at which stage, it applies.
    pub section: Section,
    /// One line in Chinese.
    pub summary: &'static str,
    /// What it checks, why, and how to fix it, in Chinese.
    pub explanation: &'static str,
    /// Where the tests raise it.
    pub coverage: Coverage,
}

impl Rule {
    /// The severities as the documentation writes them: `错误`, or
    /// `错误 / 警告` for a code with a second severity.
    pub fn levels(&self) -> String {
        match self.also {
            Some(also) => format!("{} / {}", self.severity.chinese(), also.chinese()),
            None => self.severity.chinese().to_string(),
        }
    }
}

/// The registry entry of the code written as `code`, if it is one.
pub fn lookup(code: &str) -> Option<&'static Rule> {
    Code::parse(code).map(Code::rule)
}

/// An entry; [`with_code`] gives it its code.
const fn rule(
    severity: Severity,
    section: Section,
    summary: &'static str,
    explanation: &'static str,
) -> Rule {
    Rule {
        code: Code::IO,
        severity,
        also: None,
        section,
        summary,
        explanation,
        coverage: Coverage::DataFile,
    }
}

const fn with_code(mut r: Rule, code: Code) -> Rule {
    r.code = code;
    r
}

const fn also(mut r: Rule, severity: Severity) -> Rule {
    r.also = Some(severity);
    r
}

const fn elsewhere(mut r: Rule, tests: &'static str) -> Rule {
    r.coverage = Coverage::Elsewhere(tests);
    r
}

use Section as S;
use Severity::{Error as E, Info as I, Warning as W};

registry! {
    // ----------------------------------------------------------- input --
    /// The file could not be read at all (missing, a directory, a device,
    /// too large, no permission).
    IO = "IO" => elsewhere(
        rule(
            E,
            S::Read,
            "文件无法读取（不存在、是目录或设备、过大、没有权限）",
            "数据文件无法读取：文件不存在，是目录、设备或管道，大于 64 MB，或没有读取权限。\
             nianbao 只读取普通文件，并限制大小，以免把别的东西当作数据文件。\
             请检查文件名和路径（相对于当前目录）是否写对、文件是否可读。\
             出现这个错误时不做任何检查，退出状态为 2。",
        ),
        "tests/testsuite/hostile.rs（缺少的文件、目录、设备、过大的文件）",
    ),
    /// YAML syntax error, or a file that is not a YAML document.
    YAML = "YAML" => rule(
        E,
        S::Input,
        "YAML 语法错误，或文件不是 YAML 文档",
        "数据文件不是合乎语法的 YAML，或虽是 YAML 却不是年报数据：空文件、顶层不是“键: 值”的映射、结构过大或嵌套过深。\
         语法错误之后的内容无法读取，所以只报告第一处。\
         错误由中文输入法造成时（全角冒号“：”、全角逗号或括号、缩进中的全角空格、没有对齐的缩进），诊断直接指出那个字符和该改成什么。\
         改正后重新运行 nianbao check。",
    ),
    /// The file is not UTF-8 text.
    ENCODING = "ENCODING" => also(
        rule(
            E,
            S::Read,
            "文件不是 UTF-8 文本",
            "数据文件应为 UTF-8 编码的文本。含有 NUL 字节的文件被当作二进制文件，\
             既不是 UTF-8 也读不出中文的文件无法读取，这两种是错误。\
             Word、PDF、网页、Excel 和 Office 97–2003 文件会说明是什么文件：已公布的年报用 import 生成数据文件，或用 audit 检查。\
             带 BOM 的 UTF-16 文件和 GBK（GB18030）编码的文件照常读取，另给一条警告，因为别的工具未必能读。\
             请在编辑器中另存为 UTF-8：记事本“另存为”时编码选“UTF-8”，VS Code 点右下角的编码名称选“通过编码保存”。",
        ),
        W,
    ),
    /// A key the data format does not know.
    KEY_UNKNOWN = "KEY-UNKNOWN" => rule(
        E,
        S::Input,
        "数据格式中没有的键",
        "数据文件每一层只能使用数据格式规定的键（docs/data-format.md）。\
         写错的键不会被读取，它下面的数字也就不会印在报告上，所以是错误。\
         诊断给出最接近的正确写法；另一版格式才有的行（如 2021 版文件中写了 2019 版的行）会说明它属于哪一版。\
         按提示改正键名，或删去多余的键。",
    ),
    /// A required key is missing.
    KEY_MISSING = "KEY-MISSING" => rule(
        E,
        S::Input,
        "缺少必填的键",
        "年度、格式、机关、成文日期、总体情况、三张表格、问题及改进、其他事项等必填的键缺少，\
         或只写了键没有填内容、正文只有小标题没有正文。\
         表格中缺少的行逐行报告；办理结果中整组缺失时，一条诊断列出该组各行。\
         官方格式的每一项都要报告，缺少的部分无法印出。按提示添加该键，没有的数字填 0。",
    ),
    /// A value of the wrong type (text where a number belongs, …).
    TYPE = "TYPE" => rule(
        E,
        S::Input,
        "值的类型不对（如应填数字处填了文字）",
        "应填数字的地方填了文字（如“三”“12件”“300元”）、应为映射或列表的地方填了别的，或年度不是有效的年份。\
         这样的值无法计算，也无法印在表格中。\
         诊断说明应为什么类型，并对常见情形给出提示：数字用半角阿拉伯数字，不带单位，不加引号；\
         金额一律以万元为单位；单元格的注释写成 {数量: 123, 注: 说明}。",
    ),
    /// A table cell left empty.
    CELL_EMPTY = "CELL-EMPTY" => rule(
        E,
        S::Input,
        "表格单元格为空（没有的填 0）",
        "表格中的单元格不能空着：`~`、空值、空列表和缺少的列都算空。\
         官方表格没有空白单元格，空白也容易掩盖漏报，所以数据文件比已公布报告的惯例更严。\
         一行有多个空单元格时只报一条，列出各空列。没有的请填 0。",
    ),
    /// A row with the wrong number of values.
    ROW_LEN = "ROW-LEN" => also(
        rule(
            E,
            S::Input,
            "一行的数字个数不对",
            "第三部分每行应有 6 个数字（六类申请人），第四部分每组 4 个数字（结果维持、结果纠正、其他结果、尚未审结），\
             都可以再加一个数字作为印出的总计。\
             个数不对时无法知道缺的或多的是哪一个，所以整行都不读取。\
             少打一个数的行仍可按“不写总计”读出，数字却全错了列，所以另查“好像少了一个数”：一行没写总计而同表别的行写了，\
             或它最后一个数恰好等于前面各数之和。第三部分此时若收支对不上，这一行就是原因，报为错误，由它引起的收支错误不再报；\
             收支平衡则按所写读取。第四部分没有跨行核对，报为警告。\
             按诊断列出的列顺序补齐或删去多余的数字，没有的填 0。",
        ),
        W,
    ),
    /// A number too large to be a count.
    NUM_RANGE = "NUM-RANGE" => rule(
        E,
        S::Input,
        "数字超出合理范围（件数超过 10 亿，金额位数过多）",
        "件数超过 10 亿（1000000000），或金额的整数部分超过 10 位、小数超过 6 位。\
         这样的数字多半是多打了数字或按元填写，上限也保证表格各列相加不会溢出。\
         请核对数字；金额以万元为单位，最多保留 6 位小数（精确到 0.01 元）。",
    ),
    /// Counts are non-negative whole numbers.
    NUM_INT = "NUM-INT" => rule(
        E,
        S::Input,
        "件数为非负整数，金额为非负数",
        "件数（申请数、项目数量、文件件数、案件数）只能是 0 或正整数：负数和小数（包括 3.0）都是错误；\
         金额可以有小数，但不能为负。这是这些数量的定义（FORMAT.md §3）。\
         只有 2019 版第二部分的“本年增减”可以是负数。请改为正确的数字。",
    ),
    /// Full-width punctuation where the data format needs ASCII (a list of
    /// numbers with ，, a value in “”).
    PUNCT = "PUNCT" => also(
        rule(
            E,
            S::Input,
            "该用半角标点的地方用了全角（数字间的逗号、括号、值两边的引号）",
            "数字列表用了全角逗号、顿号或方括号（[0，0，0]、［0, 0］）时，YAML 把整行读成一段文字，\
             这一行的数字全部读不到，是错误；诊断指出那个字符。\
             单行文字（机关、联系方式、注）两边加了全角引号（邮编: “276500”）时，报告上会连引号一起印出，是警告。\
             改用半角标点：列表写成 [0, 0, 0]，文字不加引号，需要引号时用半角的 \"…\"。",
        ),
        W,
    ),
    /// A one-line text with a line break or control character, or too long.
    TEXT = "TEXT" => rule(
        E,
        S::Input,
        "单行文字中有换行或控制字符，或过长",
        "机关、联系方式、上年数据、单元格的注只能写一行：其中有换行、制表符或控制字符，\
         机关名称超过 64 个字、其他一行文字超过 500 个字，都是错误；正文中有控制字符也是错误。\
         这些字符印不出来，多半来自从其他软件复制的带格式内容。\
         按印在报告上的样子重新写成一行，删去控制字符。\
         正文超过一份报告能生成的上限（各部分合计 20000 行，或一行的分项、引用套了 8 层以上，\
         如行首连着写了许多“- ”“>”）也是错误，生成时同样拒绝：合并多余的行，删去行首多余的符号。",
    ),
    /// A line of the narrative numbered like one of the six parts.
    TEXT_HEADING = "TEXT-HEADING" => rule(
        W,
        S::Narrative,
        "正文中有一行像部分标题（“一、”“二、”）",
        "报告的六个部分（一、总体情况 …… 六、其他需要报告的事项）的标题由 nianbao 印出，正文里不必再写。\
         从 Word 粘贴一整部分时，常把这一行也带了进来，报告上就会印两次；\
         正文中自己编号为“一、”“二、”的小标题又和六个部分的编号相混。\
         正文已经动笔后，下面没有任何内容的小标题（如“（三）政务公开工作创新情况”下直接是下一个小标题）只会印出一个孤零零的标题，也在这里指出，可一键删去。\
         与部分标题相同的一行请删去；其他的小标题写成“（一）……”单独一行，会作为小标题印出。\
         工作台中点“删去这一行”或“改为（一）”即可。",
    ),
    /// A table in a narrative (Markdown, or rows pasted with Tabs).
    TEXT_TABLE = "TEXT-TABLE" => rule(
        W,
        S::Narrative,
        "正文中有表格（PDF 和 Word 中印成文字）",
        "正文中写了 Markdown 表格（“| 项目 | 数量 |”下面一行“| --- | --- |”），\
         或从 Word、WPS、电子表格粘贴了表格（各格之间是制表符）。网页上 Markdown 表格显示为表格，\
         PDF 和 Word 文档中每行印成一段文字，各格之间空一个字，不画表格线。\
         年度报告的表格只有规定的三张，由 nianbao 按数据印出；其他表格请改写成文字，\
         或作为附件在网站上另行发布。",
    ),
    /// Bold marks in a narrative that pair with nothing and print as they are.
    TEXT_MARKUP = "TEXT-MARKUP" => rule(
        W,
        S::Narrative,
        "正文中的“**”没有成对，会原样印出",
        "正文中用两个星号 ** 把文字括起来表示加粗（紧挨中文标点也可以，如 详见**《条例》**）。\
         只有开头没有结尾的（**一是加强领导。），或多出一个的，星号会原样印在网页、PDF 和 Word 文档上。\
         诊断指出这一行。加粗的文字两边各写一个 **；不需要加粗的，删去星号。",
    ),
    /// Template marks left unfilled in a narrative.
    TEXT_TEMPLATE = "TEXT-TEMPLATE" => rule(
        W,
        S::Narrative,
        "正文中有模板中待填写的地方没有填写",
        "从模板或范本改写的正文中，待填写的标记会原样印在年报上：代替数字或名称的 XX、××、□□（“收到申请XX件”“第X条”），\
         代替机关或地名的“某某”（“某某局”；“王某某”这样隐去姓名的写法不算），空着的【】、（ ），\
         【……】【单位名称】这样的空白，写着“此处填写”“请填写”的括号，和用来填写的横线（___）。\
         诊断指出每一处。填上实际的数字、名称或内容；不需要的，连同这一句删去。占位符 {{ … }} 不算。",
    ),
    /// Half-width or doubled punctuation in Chinese prose.
    TEXT_PUNCT = "TEXT-PUNCT" => rule(
        W,
        S::Narrative,
        "中文之间用了半角标点，或标点重复",
        "中文句子中紧跟汉字的半角逗号、句号、冒号、分号（“本局,按照”“要求.”），应为全角的“，”“。”“：”“；”；\
         连着打了两次的“，，”“。。”“、、”“；；”“：：”只留一个。行首小标题的序号用了半角括号（“(二)政务公开平台建设”），应为“（二）”；\
         数字写成了科学计数法（“４.17E+03万元”，从 Excel 粘贴来的单元格常是这样），应写出数字（4170）；\
         汉字之间或汉字与数字之间有从网页、Word 粘贴来的不换行空格（U+00A0 等），印出来是一道空隙（“办理 时限”），应删去（空格键敲的空格不算）。诊断写出原文和改正后的样子（将“局,按”改为“局，按”）。\
         网址、邮箱、数字中的半角标点（www.gov.cn、1.2）、型号编号（V1.2E3）和占位符不算。",
    ),
    /// The same run of paragraphs twice in a narrative.
    TEXT_REPEAT = "TEXT-REPEAT" => rule(
        W,
        S::Narrative,
        "正文中同一段内容出现了两次（粘贴了两次）",
        "同一部分中 20 字以上的段落一字不差地又出现一次（不计空格），多半是同一段内容粘贴了两次。\
         诊断指出第二份从哪一段开始、连着重复了几段，以及第一份所在的行。删去重复的一份。\
         短的段落（“无。”、小标题）和表格行不算。\
         一段又原样出现在后面的另一部分（如总体情况中的一段又粘贴进“存在的主要问题”）也报，指在后一部分，并写明前一份所在的部分和行。",
    ),
    /// Private-use characters (造字, Word's symbol-font bullets) in a narrative.
    TEXT_PUA = "TEXT-PUA" => rule(
        W,
        S::Narrative,
        "正文中有私用区字符（造字或 Word 符号字体的字符，印不出来）",
        "Unicode 私用区的字符（U+E000–U+F8FF）有两种来源：造字程序输入的生僻字（人名、地名），和从 Word 粘贴的 Wingdings、Symbol \
         等符号字体的项目符号、编号。别的电脑上会显示成方框或别的字，所以各种格式中都印成〔U+E000〕这样的编码（在行首的当作项目符号去掉，\
         这一段照常单独成段），有这样的字符时生成的各种格式都标为草稿。诊断写出字符的编码（如 U+F0B7）和位置。机关名称和联系方式中的也报告。\
         删去它；要分条的，写成“一是……”“（一）”或“1.”。用造字程序输入的生僻字（人名、地名）也在私用区，\
         只有装了同一造字字库的电脑才显示得出：生成时加 --font 造字=造字程序的字体文件（Windows 中一般是 \
         C:\\Windows\\Fonts\\EUDC.TTE；工作台、汇总服务器启动时同样加），PDF、OFD 嵌入其中的字形，网页和 Word 文档带上这个字体，\
         这些字照原样印出，不再标为草稿；造字字体中没有的，仍印成编码。没有造字字体的，改用通用写法。",
    ),
    /// The agency's name shorter or otherwise than last year's or the roster's.
    AGENCY_NAME = "AGENCY-NAME" => rule(
        W,
        S::Input,
        "机关名称与上年报告或名单中的不同",
        "机关名称比上年数据文件（上年数据）或县级汇总名单（--roster）中的写法短，或相差一两个字，但看得出是同一机关\
         （少写了地名、打错了字）时给出警告，写出两种写法。本年写得更全的（上年“交通局”、本年“交通运输局”）不报告。\
         标题和落款要写机关全称：核对后改正；确已更名的，在数据文件中写“曾用名: 原名称”，不再警告。\
         不是同一机关的，由 PREV 报告。",
    ),
    /// The narrative naming another agency where this report's own stands.
    TEXT_AGENCY = "TEXT-AGENCY" => rule(
        W,
        S::Narrative,
        "正文中本机关的位置写的是另一个机关",
        "正文中本该是本机关的地方写的是另一个机关时给出警告，多半是从别的机关的报告改写而来：\
         报告名称前的机关（“现将某市某区教育局2024年度政府信息公开工作年度报告公布如下”）；\
         分句开头做本报告工作的机关（“某区教育局高度重视政府信息公开工作”“某县财政局2024年共收到……”）；\
         正文末尾单独一行的落款（后面可以跟一行日期）。\
         只多写、少写地名或相差一两个字的算同一机关，本机关的简称（“某区交通局”“某某交警大队”）也算；在“曾用名”中写明的原名称也算。\
         做工作的机关只在确是另一个机关时报告：同一地方的另一个部门，或别的同级地方的机关（邻县、邻区）；\
         上级（市委、市政府、国务院办公厅、上一级的同类部门、省略了的省市）、下级、本级政府的部门（政府的报告中）都不报，\
         写在其他位置的机关名称（“根据市政府办公室的要求”“转送县财政局办理”）不读。“本局”“本机关”不比较。\
         改为本机关的名称或“本机关”；落款由数据文件的“机关”生成，正文中不必再写。",
    ),
    /// A contact field not in its shape.
    CONTACT = "CONTACT" => also(
        rule(
            E,
            S::Input,
            "联系方式中的邮编、电话、邮箱写法不对",
            "邮编是 6 位数字；电话是固定电话（区号和号码，可带分机：0533-1234567转801、0533-1234567-801）、手机（11 位）\
             或 12345 这样的服务热线，多个号码用顿号隔开；邮箱是 名称@域名，全用半角字符。\
             数字中间夹着字母（O 当作 0、l 或 I 当作 1）、邮编不是 6 位、邮箱中有全角字符、空格或不该有的符号，是错误，写明原因；\
             电话号码的位数不像完整的号码，是警告。全角数字（０５３３）照常接受，印出时写成半角。",
        ),
        W,
    ),
    /// An invalid date.
    DATE = "DATE" => rule(
        E,
        S::Input,
        "日期无效",
        "成文日期应为有效的日期，写成 2025年1月10日、2025-01-10、2025.1.10 或 2025/1/10 都可以，报告上印作“2025年1月10日”。\
         写法不对或日期不存在（如 2025-02-30）都无法印出，也无法检查法定期限。\
         两边加了全角引号的，去掉引号。",
    ),
    // ------------------------------------------------------ the format --
    /// 一 + 二 = （七）总计 + 四, per column.
    T3_BAL = "T3-BAL" => also(rule(
        E,
        S::Table3,
        "表三：第一项加第二项之和等于第三项加第四项之和（逐列）",
        "第三部分逐列检查：一、本年新收 + 二、上年结转 = 各项办理结果之和 + 四、结转下年度继续办理。\
         表格本身写明了这个勾稽关系：收到和上年结转的申请，要么办结，要么结转下年。\
         办理结果按各行相加计算，不按印出的（七）总计（写错的总计由 T3-RESULTSUM 指出，不会因此要求改动正确的结转）；\
         办理结果已超过收到与结转之和时指向办理结果，否则指向结转下年度，并给出两种改法。\
         表格不完整时，已填写的部分若已超出，也报错。核对这一列的四个数字，改正错的那个。\
         还有空格时，按空格为 0 计若一列多出 N 件、另一列正好少 N 件，多半是一个数填错了列，给出警告并指出多出那一列中的 N：\
         先核对它，再把空格填 0，否则填 0 之后才会发现。",
    ), W),
    /// A row's 总计 equals the sum of its six applicant columns.
    T3_ROWSUM = "T3-ROWSUM" => rule(
        E,
        S::Table3,
        "表三：每行总计等于各类申请人之和",
        "第三部分每行如写了第七个数（印出的总计），它应等于六类申请人（自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他）之和：\
         每件申请只有一类申请人。\
         （七）总计一行的总计若只是照抄各结果行写错的总计，只在结果行报告。\
         改正总计，或删去第七个数让它自动计算。",
    ),
    /// （七）总计 equals the sum of the result rows, per column.
    T3_RESULTSUM = "T3-RESULTSUM" => rule(
        E,
        S::Table3,
        "表三：（七）总计等于各项办理结果之和（逐列）",
        "第三部分“三、本年度办理结果”中，（七）总计逐列应等于（一）至（六）各行之和：\
         每件申请只计入一种办理结果，总计是这些行的合计。\
         诊断列出参与相加的各行。改正总计，或核对各项办理结果。",
    ),
    /// Section 四: 总计 = 维持 + 纠正 + 其他 + 尚未审结.
    T4_SUM = "T4-SUM" => rule(
        E,
        S::Table4,
        "表四：总计等于结果维持、结果纠正、其他结果、尚未审结之和",
        "第四部分的行政复议、未经复议直接起诉、复议后起诉三组，如写了第五个数（印出的总计），\
         它应等于结果维持 + 结果纠正 + 其他结果 + 尚未审结：每个案件只有一种结果。\
         改正总计，或删去第五个数让它自动计算。",
    ),
    /// The format edition matches the report year.
    EDITION = "EDITION" => also(
        rule(
            E,
            S::Report,
            "报告年度与格式版本相符（2021 年起用 2021 版）",
            "2021 年度起的报告使用 2021 版格式（国办公开办函〔2021〕30号），2019、2020 年度使用 2019 版（国办公开办函〔2019〕60号）。\
             两版的第二、三部分表格不同，用错版本的报告不符合当年的要求。\
             “格式”只能写 2021 或 2019。改正“格式”，并按该版调整表格（nianbao new 可生成对应版本的空白文件）。\
             nianbao import 导入已公布的报告时，用错的版本只是警告：原文如此，如实导入。\
             前言或总体情况引用的依据与年度不符也是警告：2021 年度起的报告只引用了国办公开办函〔2019〕60号而没有〔2021〕30号，\
             或 2019、2020 年度的报告引用了当时还没有印发的〔2021〕30号，多半是沿用了旧的前言。",
        ),
        W,
    ),
    /// Section 六 reports the information-processing fee (2021 format).
    FEE_REPORT = "FEE-REPORT" => rule(
        E,
        S::Fee,
        "第六部分报告信息处理费情况（2021 版）",
        "2021 年度起，第六部分须报告信息处理费的收取情况：收费通知件数、收费通知金额、实际收取金额（FORMAT.md §1.4）。\
         没有收费的也要写 0，报告上会写明未收取信息处理费。\
         在“其他事项”下添加：信息处理费: {收费通知件数: 0, 收费通知金额: 0, 实际收取金额: 0}。",
    ),
    /// 上年结转 equals last year's 结转下年度继续办理, per column.
    XYEAR_CARRY = "XYEAR-CARRY" => rule(
        W,
        S::CrossYear,
        "上年结转等于上年报告的结转下年度继续办理（逐列）",
        "有上年数据时（“上年数据”或 --prev），第三部分“二、上年结转”逐列应等于上年报告的“四、结转下年度继续办理”：\
         上年没办完的申请就是今年结转来的。\
         格式本身没有规定这一点，机构改革或更正上年数字时也会不一致，所以是警告。\
         核对两年的数字；确有原因的，在正文中说明。",
    ),
    /// 2019 format: 上一年项目数量 + 本年增减 is not negative.
    T2_2019_ITEMS = "T2-2019-ITEMS" => also(
        rule(
            W,
            S::Table2,
            "表二（2019 版）：上一年项目数量加本年增减不为负",
            "2019 版第二部分的行政许可、其他对外管理服务事项、行政处罚、行政强制、行政事业性收费各行，\
             上一年项目数量 + 本年增减是本年的事项数量，不能为负，否则是警告。\
             这两列指事项的数量，处理决定数量指本年办件量，三者之间没有恒等关系；\
             若每一行都恰好满足“上一年项目数量 + 本年增减 = 处理决定数量”，多半是把这几列当成了办件的累计数，给出提示。\
             本年增减填本年事项数量相对上一年的变化，减少用负数。",
        ),
        I,
    ),
    /// 2019 format: 本年新公开数量 ≤ 对外公开总数量.
    T2_2019_PUB = "T2-2019-PUB" => rule(
        W,
        S::Table2,
        "表二（2019 版）：本年新公开数量不大于对外公开总数量",
        "2019 版第二部分的规章、规范性文件两行，本年新公开数量是本年的增量，对外公开总数量是累计数，前者一般不会大于后者。\
         统计口径不一时确有例外，所以是警告。核对这两个数字。",
    ),
    /// 2021 format: 现行有效 = 上年现行有效 + 本年制发 − 本年废止.
    T2_2021_VALID = "T2-2021-VALID" => rule(
        W,
        S::Table2,
        "表二（2021 版）：现行有效件数等于上年现行有效加本年制发减本年废止",
        "2021 版第二部分的规章、行政规范性文件两行：本年内，现行有效件数不应小于本年制发减本年废止；\
         有上年数据时，现行有效应等于上年现行有效 + 本年制发 − 本年废止。\
         文件也会因有效期届满等原因失效而未经废止，所以是警告。\
         核对三个数字；确有其他原因的，在正文中说明。",
    ),
    /// Only agencies with rule-making power report 规章.
    T2_RULES_AUTHORITY = "T2-RULES-AUTHORITY" => rule(
        W,
        S::Table2,
        "表二：只有享有规章制定权的机关填报规章",
        "规章只能由国务院各部委、中国人民银行、审计署和具有行政管理职能的直属机构，\
         以及省、自治区、直辖市和设区的市、自治州的人民政府制定（《立法法》第九十一、九十三条）。\
         其他机关（如县级部门、乡镇、县级市）在规章一行填了非零数字，多半是把内部规章制度当成了规章，给出警告。\
         全国性机关的地方派出机构和内设单位也不制定规章：直属海关（如“中华人民共和国某某海关”，不是海关总署）、\
         监管机构的派出机构（“国家金融监督管理总局某某监管分局”）、税务局（“国家税务总局某某市税务局”）等。\
         设区的市和自治州按 data/rule-making-cities.tsv 判断。本机关没有规章的请填 0。",
    ),
    /// Amounts are in 万元.
    UNIT = "UNIT" => also(
        rule(
            E,
            S::Fee,
            "金额单位为万元",
            "数据文件中的金额一律以万元为单位。金额像是按“元”填写时：\
             信息处理费的收费通知金额或实际收取金额超过 100 万元是错误，超过 1 万元是警告\
             （按件每档 100 元、按量每页 10–40 元，一个机关一年通常只有几十到几千元）；\
             2021 版第二部分的行政事业性收费超过 10 亿元、2019 版的政府集中采购总金额超过 5 亿元是警告。\
             把金额换算为万元：例如 300 元写作 0.03。",
        ),
        W,
    ),
    /// Unpaid-fee terminations presuppose fee notices.
    FEE_XCHECK = "FEE-XCHECK" => also(
        rule(
            E,
            S::Fee,
            "信息处理费的收费通知件数、金额、实收金额和逾期未缴费的申请相互一致",
            "信息处理费的数字应相互一致。没有发出收费通知（0 件）却有收费通知金额，或没有任何收费通知却实际收了费，是错误：信息处理费只能按收费通知收取。\
             发出了收费通知金额却是 0、实际收取多于通知金额（可能含上年发出的通知），是警告；\
             2021 版第三部分“申请人逾期未按收费通知要求缴纳费用”的件数多于收费通知件数，也是警告，因为这种情形以发出收费通知为前提。\
             核对收费通知件数、金额和实际收取金额；跨年度收取的，在正文中说明。",
        ),
        W,
    ),
    /// A fee sentence in section 六's text beside the statement printed
    /// from the figures.
    FEE_TEXT = "FEE-TEXT" => rule(
        W,
        S::Fee,
        "第六部分正文中又写了信息处理费情况",
        "第六部分的（一）信息处理费收取情况由 nianbao 按填写的收费通知件数、收费通知金额和实际收取金额写出。\
         正文中自己写的或从上年报告粘贴来的收费说明（“本年度未收取信息处理费。”、“（一）政府信息公开信息处理费收取情况”这一行）\
         不再印出，以免同一件事印两次、两处说法还可能不一致；印出的是按数字写的那一句。\
         删去正文中的这一句，收费情况只填三个数字。工作台中点“删去这一行”即可。",
    ),
    /// Figures written in the narrative agree with the tables.
    NARR = "NARR" => rule(
        W,
        S::Narrative,
        "正文中的数字与表格一致",
        "正文中直接写出的数字与表格不符时给出警告。正文按句读：\
         句子谈的是政府信息公开申请（自己写明，或在“依申请公开”一类标题下，或以“其中”“上述”开头承接上一句），\
         才看其中的数字；数字的单位（件、起、宗、例、%）和紧挨着它的说法决定它对应表格的哪一项：\
         收到、新收、受理……申请 N 件，上年（上一年度、某年）结转 N 件，结转下年度（至下一年度、至次年）N 件，办结、答复 N 件，\
         予以公开、部分公开、不予公开、无法提供、不予处理 N 件，自然人、法人或其他组织申请 N 件，行政复议 N 件、行政诉讼 N 件；\
         “十二件”“两起”这样的中文数字也认。表格数字按各列之和计算，与印出的总计相同也算一致（总计本身错了由 T3-ROWSUM 报告）。\
         “占比 N%”“占……的 N%”“公开率”“办结率”与按表格计算的比例比较（以办理结果总计、本年新收或本年新收加上年结转为分母，按所写的小数位四舍五入或截断）；\
         “按时办结率”按句中写的按时办结件数计算。\
         不比较的：咨询、留言、热线工单（“全年办理热线工单1862件，按时办结率100%”）、访问人次、建议提案、行政许可申请等别的事项，上年度或别的年度的数字，“较上年增加 N 件”这样的变化，\
         “其中网上申请 N 件”这样按渠道分列的部分，“N 件（含……）”这样的合计（“含上年结转 N 件”的，按本年新收加上年结转比较）。\
         约数按所述误差比较：“约”“左右”“上下”上下 10% 以内，“近”“将近”“接近”所写的数以下 10% 以内，“逾”“超过”“以上”至少是所写的数，\
         “不足”“不到”“少于”至多是所写的数，“余”“多”不到所写末位的下一个数（“三十余件”30 至 39 件，“1.2万余件”12000 至 12999 件），\
         以“万”为单位的数按所写的末位四舍五入（“3.5万件”34500 至 35500 件）；误差范围内没有表格的数字才报告，并写出这个范围。\
         占位符代入的数字按读者看到的句子比较：占位符引用了别的单元格（“收到申请{{ 依申请公开.本年新收.其他 }}件”印出 0）也报告，并写出印出的句子。\
         “共办理 N 件”与本年新收加上年结转（或本年新收、办理结果总计）比较；“申请全部予以公开”“均已依法公开”指予以公开等于办理结果总计。\
         同一句中同一项有几个数字时，其中一个或它们之和与表格一致即可。\
         “较上年增长20%”“同比”只管它自己的数字：同一句中“其中”之后的数字照样比较。\
         否定句读作 0，与它所管的那一项比较：“本年度未收到政府信息公开申请”（本年新收）、“未发生行政复议、行政诉讼案件”（表四两项）、\
         “未作出不予公开决定”、“未发出收费通知”“未收取信息处理费”（收费）、“未制发规范性文件”（表二），“行政复议、行政诉讼均为零”“依申请公开工作量为零”“无依申请公开事项”\
         “无行政复议、行政诉讼发生”“没有需结转到下一年度办理的申请”也一样（否定词：未、没有、无、尚无、均未、零……）；\
         不予公开等办理结果和行政复议、行政诉讼的否定句，句中没写“信息公开”也读，但谈行政处罚、执法、信访等别的工作的不读；\
         否定词后面只能是动词和“政府信息公开”“任何”“任何形式”“来自”这样不缩小范围的词，“未收到信函申请”“未收到申请人补正材料”这样缩小了范围或说的是别的事的，不读；\
         隔着申请人的（“未收到来自商业企业、科研机构等法人或其他组织的任何申请”“没有收到以自然人名义提交的申请”“未有法律服务机构提出信息公开申请”）与表三该列比较，\
         “通过网站、信函等任何渠道”这样说遍所有渠道的不算缩小范围；同一句中行政许可申请、行政处罚案件等别的事项的件数和“与2023年收到申请4件相比”这样比较对象的件数不比较。\
         行政复议、行政诉讼的结果与表四比较：“维持1件”“被纠正1件”“1件尚未审结”按件数，“均获维持”指全部维持，“经复议维持原答复”指至少一件维持，\
         “未被纠正”指纠正为 0，“均已审结”指尚未审结为 0；谈的是哪一种案件，看句中最后提到的复议或诉讼，没有就承接上一句；说上年结转案件的句子不看。\
         任何部分中的规范性文件、规章数字与表二比较（2021 年格式：制发、废止、现行有效；2019 年格式：新制作、新公开、对外公开总数），清理、审核、备案、解读等别的工作和“规章制度”不算；\
         行政许可、行政处罚、行政强制（2019 年格式还有其他对外管理服务事项）的决定件数（“作出行政处罚决定35件”）与表二的处理决定数量比较，\
         公开、公示、受理、申请、听证、复议等别的数字（“受理行政许可申请130件”“公开行政处罚信息50条”）不算；“行政事业性收费1.5万元”与表二的收费金额比较（按所写的小数位），不当作信息处理费；\
         收费通知件数、收取的信息处理费（元或万元）与信息处理费的数字比较。\
         某日收到、计入下一年度统计的申请（“12月30日收到的申请2件，计入2025年度”），“约占67%”这样的约数比例，都不比较。\
         用占位符引用表格数字，如 {{ 依申请公开.本年新收.总计 }}，正文与表格就不会不一致。",
    ),
    /// A change over last year in the text disagrees with last year's file.
    NARR_XYEAR = "NARR-XYEAR" => rule(
        W,
        S::CrossYear,
        "正文中与上年比较的增减与上年数据一致",
        "给出了上年数据（“上年数据”或 --prev）时，正文中与上年比较的说法按上年报告的同一项核对：\
         “收到申请6件，较上年增加2件”“同比下降25%”“与上年持平”。\
         增减的是句中它前面的那个数字所对应的表格项（收到、办结、予以公开……），分句里没有数字而说到申请时是本年新收；\
         只看与上年的比较（较上年、同比、比上一年度、较上一年份），“较2022年”这样与更早年份的比较不看；\
         件数须等于两年之差，百分比按上年为基数、按所写的小数位取舍，方向（增加、减少、持平）也须一致。\
         没有上年数据时不检查。核对上年数据和本年表格；上年数字后来更正过的，在正文中说明。",
    ),
    /// Last year's figures, plans or tables left in this year's report.
    XYEAR_PROSE = "XYEAR-PROSE" => rule(
        W,
        S::CrossYear,
        "正文和表二没有留下上年的数字和打算",
        "年度报告写本年的情况。以下几种多半是沿用上年报告时没有改过来，给出警告：\
         正文中一个数字对应表格的某一项（收到、办结、结转……），与本年表格不一致，却正是上年报告中同一项的数（需要上年数据），\
         警告写明上年的数和它在上年数据中的位置；\
         某部分中 30 字以上的段落是上年报告的段落只把年份各加了一年（需要上年数据）；\
         第五部分等处的打算写的是已经过去的年份（2025 年度的报告写“于2024年底前完成”“2024年将……”），\
         写明已经完成的（“已于2024年底前完成”）不算；\
         表二每一格都与上年报告相同，且其中有本年发生的数（本年制发、废止、处理决定、收费金额等不全为 0）（需要上年数据）。\
         改为本年的数字和下一年的打算；表二确实与上年相同的，核对后可以不理会这条警告。",
    ),
    /// Parts listed after 其中 add up to more than their total.
    NARR_PARTS = "NARR-PARTS" => rule(
        W,
        S::Narrative,
        "正文中“其中”所列各项之和不超过合计",
        "正文写了一个合计，紧接着用“其中”列出它的各项（如“承办建议和政协提案21件，其中人大代表建议7件、政协提案15件”），\
         各项之和却比合计还多时给出警告，任何部分都适用，不限于依申请公开。\
         各项指“其中”所开的那一个分句里用“、”“和”“及”并列的数字；后面的分句可能在分列别的东西，不相加。\
         合计必须紧挨着“其中”（中间只有标点）；约数（约、近、余）不算合计。\
         依申请公开的句子里，各项之和恰好是合计加上年结转件数时（“收到申请6件，其中予以公开4件……”而办理的含上年结转的 1 件），不报。\
         核对合计和各项；各项确有重叠（一件同时计入两项）的，在正文中说明。",
    ),
    /// The opening paragraph states the statistical period.
    PERIOD = "PERIOD" => rule(
        W,
        S::Narrative,
        "统计期限为本年度 1 月 1 日至 12 月 31 日",
        "自己写了前言时，前言应写明统计期限：本年 1 月 1 日起至 12 月 31 日止，这是年度报告的惯例，主管部门也要求。\
         “2024年01月01日”“2024.1.1—2024.12.31”“2024-01-01”“二〇二四年一月一日”等写法都认。\
         不写前言时，生成的前言已经写明，不检查前言。\
         前言或总体情况中写出的统计期限（某年 1 月 1 日至某年 12 月 31 日），起止年份都应是报告年度，否则在该处给出警告。\
         前言写了一段期限却不是全年（如“2024年1月1日至2024年6月30日”），指出这段期限不是全年，而不说没有写明。\
         可加一句：本报告中所列数据的统计期限自某年1月1日起至12月31日止。",
    ),
    /// The report is dated within the legal deadline.
    DEADLINE = "DEADLINE" => also(
        rule(
            E,
            S::Report,
            "成文日期在法定期限内",
            "《条例》第四十九条：县级以上地方人民政府的年度报告（含以其办公厅、办公室名义公布的本级政府报告）于次年 3 月 31 日前公布，\
             政府部门和乡镇、街道的于次年 1 月 31 日前，诊断写明按哪一种计算，以及是按数据文件的“机关类型”（政府或部门）、\
             汇总名单的“机关类型”一列，还是（都没有写时）按机关名称判断的。\
             成文日期晚于期限（仍在次年之内）是警告；早于统计期结束（仍在报告年度内）、早于报告年度开始或晚于次年都不可能，\
             多半是年份写错了，是错误，生成的报告标为草稿。核对成文日期和年度。",
        ),
        W,
    ),
    /// A 年度 with no official format, or one not yet over.
    YEAR = "YEAR" => rule(
        E,
        S::Report,
        "年度有对应的官方格式（2019 年度起），且已经结束",
        "年度须为 2019 年度起：此前没有现行的官方格式。年度也须已经结束（按系统时钟，早于今年），\
         没有结束的年度无法编制年度报告。改正“年度”。",
    ),
    /// Section 一 or 五 says only "无".
    SECTION_EMPTY = "SECTION-EMPTY" => rule(
        E,
        S::Narrative,
        "第一、第五部分不能只写“无”",
        "第一部分“总体情况”和第五部分“存在的主要问题及改进情况”是必须用文字报告的部分：\
         只写了“无”“暂无”“没有”“略”“同上”“不适用”等（不计标题和标点），等于没有报告，是错误。\
         总体情况概述本年主动公开、依申请公开、政府信息管理、平台建设和监督保障的情况；\
         第五部分写上年度问题的整改情况、本年存在的主要问题和改进措施。",
    ),
    /// The customary items of section 六 are missing (2021 format).
    OTHER_ITEMS = "OTHER-ITEMS" => rule(
        W,
        S::Narrative,
        "第六部分报告落实工作要点、建议提案办理、政务公开创新情况（2021 版）",
        "2021 年度起，各地通知普遍要求在第六部分报告落实上级年度政务公开工作要点、人大代表建议和政协提案办理结果公开、政务公开工作创新情况（FORMAT.md §1.4）。\
         这些事项要作为第六部分（或第一部分）的标题，或谈到它的句子出现；标题下只写了打算（“下一步将……”“计划……”“明年……”）而没有本年情况的，\
         也给出警告并引用那段文字：\
         建议提案看“提案”“代表建议”，创新看“创新”，工作要点看“工作要点”“工作方案”；\
         “意见建议”不算建议提案，“创新不足”这样说缺少的、“下一步”“明年”这样的打算、别的年份（如下一年度的工作要点）都不算，\
         第五部分的改进措施也不算。找不到时给出警告。\
         在“其他事项.正文”中分项写明；没有的也写明“本年度未承办……”。“其他事项.正文”本身可以写“无。”",
    ),
    /// Section 五 states no problem or no measure.
    PROBLEMS_CONTENT = "PROBLEMS-CONTENT" => rule(
        W,
        S::Narrative,
        "第五部分写出存在的问题和改进措施",
        "第五部分“存在的主要问题及改进情况”按它说了什么来判断，不按字数：\
         要有一句写出问题（不足、不够、不及时、有待、薄弱、滞后、差距……），也要有改进措施（加强、完善、整改、下一步将……）。\
         “未发现存在问题”“不存在明显问题”这样否认问题的话不算写了问题。\
         两样都没有、或缺其中一样时给出警告，并引用第五部分的原文。只写“无”“暂无”的，由 SECTION-EMPTY 报告。\
         两样都有时，再看改进措施是否回应了所写的问题：按问题和措施说的对象（政策解读、依申请公开、网站和平台……）和共同的词比对，\
         措施说的对象没有一个与问题相同或相关（如问题是“解读形式单一”，措施只说“升级网站检索功能”）时给出警告；\
         培训、制度、监督这样对每个问题都适用的措施，和没有说对象的措施（“认真抓好整改”），不报。\
         写明本年工作中存在的主要问题、上年度问题的整改情况和改进措施。",
    ),
    /// A government's report without art. 50(4)'s 考核/评议/责任追究 results.
    ASSESSMENT = "ASSESSMENT" => rule(
        W,
        S::Narrative,
        "人民政府的报告写明考核、社会评议和责任追究结果",
        "《条例》第五十条第（四）项要求人民政府的年度报告写明政务公开工作考核、社会评议和责任追究结果情况。\
         机关是人民政府（或以其办公厅、办公室名义公布本级政府报告）而第一、五、六部分没有一句写出“考核”“评议”“责任追究”的结果时给出警告：\
         结果指考核的等次、得分、排名（“考核结果为优秀”），评议的满意度或评价（“满意度96%”），追究的情况（“未发生责任追究情况”“追究责任2人”），\
         或写明本年没有开展（“本年度未开展社会评议”）。“纳入年度绩效考核”“开展社会评议”“建立责任追究制度”这样的常规做法、\
         “下一步将纳入考核”这样的打算不算结果；只写了这些时，警告引用那一句。标题中有“监督保障”也不算。\
         2021 版放在第一部分“监督保障”中，也可写在第五或第六部分。\
         是不是人民政府的报告，先看数据文件的“机关类型”（政府或部门）和汇总名单的“机关类型”一列，都没有写时按机关名称判断，警告中写明依据；\
         名称看上去是政府、其实不是的，写“机关类型: 部门”。",
    ),
    /// Narrative carried over from last year's report.
    COPY = "COPY" => rule(
        W,
        S::Narrative,
        "正文不照搬上年报告",
        "年度报告写本年的情况。总体情况以上一年份开头（如 2024 年度的报告写“2023年”）、\
         前言说的是别的年度的报告（“现将2023年度政府信息公开工作年度报告公布如下”）、\
         第五部分为报告年度本身作打算（2024 年度的报告写“2024年，我们将继续……”）时给出警告；\
         任何部分中一个分句以上一年份开头写工作（2024 年度的报告写“2023年，本局共主动公开……”“一是2023年度共办理……”），\
         而这一句没有同时写本年的，也给出警告（第五部分回顾上年问题和整改的句子不算）；\
         一个分句以报告年度两年以后的年份开头写已做的工作（2024 年度的报告写“2026年，共收到申请……”），\
         这个年份不可能是本报告的，也给出警告（写“将”“计划”“拟”等打算的不算）；\
         有上年数据时，某部分中有 30 字以上的段落与上年报告一字不差，也给出警告，写明是第几段\
         （仍记在“沿用上年”中、尚未修改或确认的段落由 TEXT-CARRIED 提醒，这里不重复；只把年份各加一年的段落由 XYEAR-PROSE 提醒）\
         （按印出的样子比较，占位符代入各自年份的数字）。\
         改写为本年的情况；确需沿用的表述，结合本年的数字改写。",
    ),
    /// A paragraph carried from last year's report, not yet edited or confirmed.
    TEXT_CARRIED = "TEXT-CARRIED" => rule(
        W,
        S::Narrative,
        "沿用上年的段落或数字尚未修改或确认",
        "nianbao new --from、工作台的“从上年生成”把上年报告的正文逐段带入本年的数据文件，每段记在数据文件的“沿用上年”中（机关、年度之外的一个可选键），\
         在修改这一段或确认沿用之前，每段给出这条警告，写明段落的开头和其中直接写出的数字（这些数字是上年的，须按本年核对；\
         能对应上年表格某一格的数字已换成该格的占位符，印出本年的数字）。\
         改写这一段（改动一个字即不再算沿用），或确认确需原样沿用：工作台中点该段旁的“确认沿用”，文本编辑器中删去“沿用上年”下相应的一行。\
         段中直接写出的数字另外逐个记在“沿用数字”中：这一段改写以后，仍照上年写着的每个数字各有一条这个警告，写明数字和上年的句子，\
         直到把它改为本年的数字，或确认本年仍是这个数（工作台中点数字旁的“确认本年仍为此数”，文本编辑器中删去“沿用数字”下相应的一行）。\
         确认之后，与上年一字不差的段落仍由 COPY 提醒。“沿用上年”“沿用数字”中写法不对的一行也在这里指出，并被忽略。",
    ),
    /// A narrative placeholder that names nothing.
    PLACEHOLDER = "PLACEHOLDER" => rule(
        E,
        S::Narrative,
        "正文中的占位符指向不存在的数据",
        "正文中的占位符 {{ … }} 代入数据文件中的值，名称就是数据文件自己的键，如 {{ 依申请公开.本年新收.总计 }}、{{ 年度 }}。\
         名称写错的占位符无法代入，报告上会缺字，所以是错误。诊断给出最接近的名称；只写了表格的一行而没写列名时，给出该行的“总计”。\
         像占位符而写法不对的也是错误：全角大括号“｛｝”（中文输入法下打出的），或少、多一个大括号，否则会原样印在报告上。\
         诊断给出改正后的写法。",
    ),
    /// Last year's data file could not be used.
    PREV = "PREV" => rule(
        W,
        S::CrossYear,
        "上年数据文件无法使用",
        "“上年数据”或 --prev 指定的上年数据文件无法读取、表格或信息处理费的数字有错误（只计这些：上年的成文日期、正文等缺漏，如由网页导入时原文没有的，与跨年度检查无关，不报），年度与本报告不衔接（不是上一年度），或是另一个机关的报告。\
         机关名称只是多写、少写了地名，或相差一两个字，算同一机关；机构更名的，在数据文件中写“曾用名: 原名称”（几个用“、”隔开），或本年正文写明原名称（全称，或“原某某局”“由某某局更名”），即按同一机关比较；\
         成批校验时，名单（--roster）的“曾用名”（或“原名称”）列写明的也算，--prev-dir 中用原名称填报的去年文件也能找到。\
         这时不做跨年度检查（XYEAR-CARRY、T2-2021-VALID 的跨年部分、COPY 的逐段比较、NARR-XYEAR）。\
         “上年数据”写相对于本文件的路径；核对文件名和年度。",
    ),
    // -------------------------------------------------- build and import --
    /// A character that no available font can print.
    GLYPH = "GLYPH" => elsewhere(
        rule(
            W,
            S::Build,
            "字体中没有的字符，PDF 中无法显示",
            "某个字符在所有可用于正文的字体中都没有字形（随附字体没有的字，程序逐字改用已安装字体中风格最接近的一种，正文不用粗黑体），PDF 中会显示为空白方框，网页和 Word 文档中多半也是。\
             check、工作台的问题栏和 build 都给出这个警告，写出这个字及其编码（U+…），指出它在数据文件中的位置。这时生成的 PDF、网页和 Word 文档都标“草稿”，build 以退出码 1 结束。\
             变体选择符、零宽连接符这类本来就不显示的字符读取时直接去掉，不报告。\
             把含有这个字的字体装进系统，或用 --font 指定含有它的字体，或改用常见的写法；核对后确需照此发布的，加 --accept-missing-glyphs。",
        ),
        "tests/testsuite/pdf.rs、tests/testsuite/fonts.rs（缺字的 PDF）",
    ),
    /// Import: a section, table row or cell could not be read from the source.
    IMPORT_MISSING = "IMPORT-MISSING" => elsewhere(
        also(
            rule(
                E,
                S::Import,
                "导入：原文中找不到的部分、表格行或单元格",
                "nianbao import 在已公布的报告中找不到某个部分、表格行或单元格，或一行的单元格个数无法确定对应哪些列。\
                 找不到的数字不会被编造，数据文件中留空，check 会报告为空。\
                 对照原文补填这些数字；原文本身缺少的，如实留空并核实。",
            ),
            W,
        ),
        "tests/testsuite/import.rs 和 src/import 的单元测试",
    ),
    /// Import: content of a table that could not be placed in any cell.
    IMPORT_UNPLACED = "IMPORT-UNPLACED" => elsewhere(
        also(
            rule(
                I,
                S::Import,
                "导入：原文表格中无法归入任何单元格的内容",
                "原文中的某些内容无法对应到官方格式的任何位置，没有导入：表格中标签对不上任何一行的行、未识别的文字，\
                 落款日期之后的文字等。对照原文确认这些内容是否需要补进数据文件。",
            ),
            W,
        ),
        "src/import 的单元测试",
    ),
    /// Import: a cell printed blank (or `-`, `/`), imported as empty.
    IMPORT_BLANK = "IMPORT-BLANK" => elsewhere(
        rule(
            W,
            S::Import,
            "导入：原文空白或写作“-”“/”的单元格，导入为空",
            "原文中空白或写作“-”“/”的单元格导入为空：它可能表示 0，也可能是漏报，导入时不替原文作主。\
             数据文件中的空单元格会被 check 报告；核实后填 0 或正确的数字。",
        ),
        "tests/testsuite/import.rs",
    ),
    /// Import: a figure converted or stripped of a unit or note.
    IMPORT_VALUE = "IMPORT-VALUE" => elsewhere(
        also(
            rule(
                W,
                S::Import,
                "导入：数字经过换算，或去掉了单位、注释",
                "原文中的数字带有单位、注释或需要换算，导入时做了处理：按元写的金额换算为万元，件数带了金额单位的按数字导入，\
                 写成约数的按其中的数字导入，单元格的注释无法写入时只导入数字，\
                 第六部分写明未收取信息处理费的句子按三项 0 导入。请对照原文确认这些数字。",
            ),
            I,
        ),
        "src/import 的单元测试",
    ),
    /// Import: agency, year, edition or date not found, or contradictory.
    IMPORT_META = "IMPORT-META" => elsewhere(
        also(
            rule(
                W,
                S::Import,
                "导入：机关、年度、格式或成文日期无法识别或相互矛盾",
                "导入时从标题、正文和落款中识别机关名称、年度、格式版本和成文日期；\
                 找不到、有多种可能或相互矛盾时给出警告或提示，并说明采用了哪一个。\
                 打开生成的数据文件核对这几项。",
            ),
            I,
        ),
        "src/import 的单元测试",
    ),
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The codes the rule tables of docs/data-format.md list, each with the
    /// level column (empty in the table of input problems).
    fn documented() -> Vec<(String, String)> {
        let doc = include_str!("../../docs/data-format.md");
        let section = doc
            .split_once("## 校验规则")
            .map(|(_, s)| s)
            .expect("the rules section");
        section
            .lines()
            .filter_map(|line| {
                let cells: Vec<&str> = line.split('|').map(str::trim).collect();
                let code = cells.get(1)?.strip_prefix('`')?.strip_suffix('`')?;
                let level = if cells.len() > 4 { cells[2] } else { "" };
                Some((code.to_string(), level.to_string()))
            })
            .collect()
    }

    #[test]
    fn the_documentation_lists_every_code_at_its_severity() {
        let doc = include_str!("../../docs/data-format.md");
        let rows = documented();
        for r in REGISTRY {
            assert!(
                doc.contains(&format!("`{}`", r.code)),
                "{} missing from docs/data-format.md",
                r.code
            );
            if let Some((_, level)) = rows.iter().find(|(c, _)| c == r.code.as_str()) {
                assert_eq!(
                    level,
                    &r.levels(),
                    "{}: level in docs/data-format.md",
                    r.code
                );
            }
        }
        for (code, _) in &rows {
            assert!(lookup(code).is_some(), "{code} documented but not a code");
        }
    }

    #[test]
    fn the_registry_is_indexed_by_code_and_strings_round_trip() {
        assert_eq!(REGISTRY.len(), Code::ALL.len());
        for (i, code) in Code::ALL.iter().enumerate() {
            assert_eq!(REGISTRY[i].code, *code);
            assert_eq!(code.rule().code, *code);
            assert_eq!(Code::parse(code.as_str()), Some(*code));
        }
        assert_eq!(T3_BAL.to_string(), "T3-BAL");
        assert_eq!(Code::parse("T3-BALL"), None);
        assert_eq!(lookup("T4-SUM").map(|r| r.code), Some(T4_SUM));
    }

    #[test]
    fn codes_are_unique_and_entries_complete() {
        for (i, r) in REGISTRY.iter().enumerate() {
            assert!(
                REGISTRY[..i].iter().all(|o| o.code != r.code),
                "{} twice",
                r.code
            );
            assert!(
                !r.summary.is_empty() && !r.explanation.is_empty(),
                "{}",
                r.code
            );
            assert_ne!(r.also, Some(r.severity), "{}", r.code);
        }
    }
}
