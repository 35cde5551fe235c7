//! `nianbao new`: start next year's data file from this year's, or a blank one.

use std::path::PathBuf;

use super::{Error, Outcome, Status};
use crate::next_year::TextStart;
use crate::next_year::new_file::{self, NewFormat, NewOptions, NotMade};

/// Arguments of `nianbao new`.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("mode").required(true).args(["from", "year"])))]
#[command(after_help = "\
示例：
  nianbao new --from 2024.yaml                  # 生成 2025.yaml（与 2024.yaml 同目录）
  nianbao new --year 2025 --agency 某市某局      # 生成空白的 某市某局-2025.yaml（当前目录）
  nianbao new --from 2024.yaml --format xlsx    # 生成 2025.xlsx：在 Excel/WPS 中填写的工作簿
  nianbao new --from 2024年报.docx --format xlsx # 先导入为 2024年报.yaml，再生成 2025年报.xlsx
  nianbao new --from 2024.yaml --blank-text     # 正文不沿用上年，只留上年的小标题

正文：默认把上年报告的正文逐段带入本年（“问题及改进”除外，上年的这一部分作为注释留作对照），
  能对应上年表格某一格的数字换成该格的占位符（印出本年的数字）；每段记在文件末尾的“沿用上年”中，
  改写或确认之前 nianbao check 给出 TEXT-CARRIED 警告；段中直接写出的数字逐个记在“沿用数字”中，
  改为本年的数字或确认之前，无论这一段别处怎样改写，都给出 TEXT-CARRIED 警告。

默认输出文件：
  --from：与上年文件同目录，文件名中的上一年份换成本年份（zibo-2024.yaml → zibo-2025.yaml）；
          文件名中没有年份时为 <年度>.yaml。
  --year：当前目录下的 <机关>-<年度>.yaml（如 淄博市张店区审计局-2025.yaml），各单位报送的附件不会同名；
          Windows 不允许的字符（\\ / : * ? \" < > |）换成 _，过长的机关名称截短。
  --format xlsx：同上，扩展名为 .xlsx。
已存在的文件不会被覆盖，除非加 --force。")]
pub struct Args {
    /// 上年的数据文件、工作簿或已公布的报告（Word、PDF、网页）：据此生成下一年度的数据文件（年度加 1，保留机关和联系方式，“上年结转”按上年“结转下年度继续办理”填好，其余留空待填）；已公布的报告先导入为上年数据文件，放在它旁边
    #[arg(long, value_name = "文件", conflicts_with_all = ["year", "agency"])]
    from: Option<PathBuf>,
    /// 年度：生成该年度的空白数据文件（2021 年度起为 2021 版格式，之前为 2019 版），须同时给出 --agency
    #[arg(long, value_name = "年份", requires = "agency", value_parser = crate::model::parse_year)]
    year: Option<i32>,
    /// 机关名称，按落款填写，如“某市某局”（与 --year 一起使用）
    #[arg(long, value_name = "机关名称", requires = "year")]
    agency: Option<String>,
    /// 输出文件（默认见下文）
    #[arg(short, long, value_name = "文件")]
    output: Option<PathBuf>,
    /// 输出文件已存在时覆盖它
    #[arg(long)]
    force: bool,
    /// 正文不沿用上年：只保留上年的小标题，正文从空白写起（默认把上年报告的正文逐段带入，标为“沿用上年”，改写或确认后取消）
    #[arg(long = "blank-text")]
    blank_text: bool,
    /// 上年报告是 Word 文档且还有未接受的修订或批注时，仍按接受全部修订后的文字导入（不加时列出它们并停下）
    #[arg(long = "accept-revisions")]
    accept_revisions: bool,
    /// 输出格式：yaml（数据文件，默认）或 xlsx（Excel/WPS 工作簿：每张官方表格一张工作表，填好后可直接 check、build，或 import 为 YAML）；-o 给出 .xlsx 文件名时默认为 xlsx
    #[arg(long, value_enum, value_name = "格式")]
    format: Option<NewFormatArg>,
}

/// What `new` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum NewFormatArg {
    /// YAML 数据文件
    #[value(alias = "yml")]
    Yaml,
    /// Excel/WPS 工作簿
    #[value(alias = "excel", alias = "wps", alias = "et")]
    Xlsx,
}

impl From<NewFormatArg> for NewFormat {
    fn from(f: NewFormatArg) -> NewFormat {
        match f {
            NewFormatArg::Yaml => NewFormat::Yaml,
            NewFormatArg::Xlsx => NewFormat::Xlsx,
        }
    }
}

/// Runs the command.
pub(crate) fn run(args: Args) -> Outcome {
    if args.blank_text && args.from.is_none() {
        return Err(Error::usage(
            "--blank-text 只用于 --from（从上年生成时正文不沿用上年）；--year 新建的文件本来就没有正文",
        ));
    }
    let what = match (&args.from, args.year, &args.agency) {
        (Some(from), _, _) if crate::import::output::is_published(from) => {
            let opts = crate::import::Options {
                accept_revisions: args.accept_revisions,
                ..Default::default()
            };
            let last = crate::import::output::import_beside(from, &opts)?;
            eprintln!(
                "已把 {} 导入为上年数据 {}（导入时的说明写在其中的注释里）",
                from.display(),
                last.display()
            );
            NewOptions::From(last)
        }
        (Some(from), _, _) => NewOptions::From(from.clone()),
        (None, Some(year), Some(agency)) => NewOptions::Blank {
            year,
            agency: agency.clone(),
        },
        _ => {
            return Err(Error::usage(
                "请给出 --from FILE，或 --year YYYY 和 --agency NAME",
            ));
        }
    };
    let format = args.format.map(NewFormat::from);
    let start = if args.blank_text {
        TextStart::Headings
    } else {
        TextStart::Carried
    };
    let planned =
        match new_file::plan_with(&what, args.output.as_deref(), args.force, format, start) {
            Ok(planned) => planned,
            Err(NotMade { stop, source }) => {
                if let Some(checked) = source {
                    super::print_diagnostics(&checked.diagnostics, &checked.file);
                }
                return Err(stop.into());
            }
        };
    if let (Some(from), errors @ 1..) = (&args.from, planned.source_errors) {
        eprintln!(
            "nianbao: 警告：{} 有 {errors} 个错误（运行 nianbao check {} 查看），仍按能读出的数字生成",
            from.display(),
            from.display()
        );
    }
    new_file::write(&planned, args.force)?;
    let carried = planned.draft.report.carried.len();
    if carried > 0 {
        eprintln!(
            "正文沿用了上年报告的 {carried} 段，每段标为“沿用上年”：请逐段按本年改写，或确认确需原样沿用{}",
            if planned.format == NewFormat::Xlsx {
                "（工作簿中不记录这一标记，请对照上年报告核对“正文”表）"
            } else {
                "（删去文件末尾“沿用上年”下相应的一行）；不要上年正文的，加 --blank-text 重新生成"
            }
        );
    }
    let what = match planned.format {
        NewFormat::Yaml => "填写其中的 ~ 和正文",
        NewFormat::Xlsx => "在 Excel 或 WPS 中填写浅黄色单元格和“正文”表",
    };
    let r = &planned.draft.report;
    eprintln!(
        "已生成 {}：{}{}年度，{} 版格式。\n{what}后运行：nianbao check {}",
        planned.out.display(),
        crate::diag::excerpt(&r.agency.value),
        r.year.value,
        r.edition(),
        planned.out.display()
    );
    Ok(Status::Clean)
}
