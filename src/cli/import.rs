//! `nianbao import`: turn a published report (text, saved web page, Word
//! document or PDF) into a data file.

use std::path::{Path, PathBuf};

use super::{Error, Outcome, Status};
use crate::diag::Severity;
use crate::import::{self, Imported, Options, output};

/// Arguments of `nianbao import`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
示例：
  nianbao import 2024年报.txt                 # 生成 2024年报.yaml（与原文件同目录）
  nianbao import 年报.html -o 2024.yaml --year 2024

输入：网站上公布的年报全文，另存为文本（.txt）或网页（.html/.htm），UTF-8 或
      GBK/GB18030 编码均可，自动识别；也可直接导入 Word 文档（.docx）或带文字层的
      PDF（扫描件无法导入），以及 nianbao new --format xlsx 生成、填好的 Excel/WPS 工作簿（.xlsx，
      按标签读取，另存、插入行都不影响）。
默认输出文件：与输入文件同目录、同名，扩展名改为 .yaml。
已存在的文件不会被覆盖，除非加 --force。

表格数字按原文照录，不作任何修改；原文空白、写作“-”“/”或未能读出的单元格写为 ~，
运行 nianbao check 时会逐一列出。
退出状态：0 导入完整；1 已写出文件但导入不完整（有错误，或有未能读出、读得不全、按位置推断的内容，
          与 nianbao audit 的“导入完整：否”相同）；2 用法错误或文件无法读取。")]
pub struct Args {
    /// 已公布的年报（文本、网页、.docx 或 PDF 文件），或填好的 .xlsx 工作簿
    #[arg(value_name = "文件")]
    file: PathBuf,
    /// 输出的数据文件（默认：输入文件名改为 .yaml）
    #[arg(short, long, value_name = "文件")]
    output: Option<PathBuf>,
    /// 报告年度，2019–9999（默认从标题识别）
    #[arg(long, value_name = "年份", value_parser = crate::model::parse_year)]
    year: Option<i32>,
    /// Word 文档中还有未接受的修订或批注时，仍按接受全部修订后的文字导入（不加时列出它们并停下）
    #[arg(long = "accept-revisions")]
    accept_revisions: bool,
    /// 输出文件已存在时覆盖它
    #[arg(long)]
    force: bool,
}

/// Runs the command.
pub(crate) fn run(args: Args) -> Outcome {
    let out = output::output_for(&args.file, args.output.as_deref(), args.force)?;
    let opts = Options {
        year: args.year,
        accept_revisions: args.accept_revisions,
    };
    let imported =
        import::import_path(&args.file, &opts).map_err(|e| Error::in_file(&args.file, e))?;
    print_diagnostics(&imported);
    output::write(&imported, &args.file, &out, args.force)?;
    Ok(summary(&imported, &out))
}

fn print_diagnostics(imported: &Imported) {
    super::print_diagnostics(&imported.diagnostics, &imported.source);
}

/// The last line: where the data file went and whether the import is
/// complete ([`Imported::is_complete`], as `audit` says of the same file);
/// when not, what keeps it from being so and what to do. The exit status
/// follows.
fn summary(imported: &Imported, out: &Path) -> Status {
    let r = &imported.report;
    let warnings = imported
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    let who = if r.agency.value.is_empty() {
        "（机关未识别）".to_string()
    } else {
        crate::diag::excerpt(&r.agency.value)
    };
    if let Some(guess) = import::kind_guess(r) {
        eprintln!("{guess}");
    }
    let gaps = imported.gaps();
    if gaps.is_empty() {
        eprintln!(
            "已导入 {}：{who}{}年度，{} 版格式；导入完整（警告 {warnings} 个）。\n下一步：核实其中的 ~ 后运行 nianbao check {}",
            out.display(),
            r.year.value,
            r.edition(),
            out.display()
        );
        Status::Clean
    } else {
        eprintln!(
            "已导入 {}，但导入不完整：{who}{}年度，{} 版格式；{}（见上，警告 {warnings} 个）。\n请{}，再运行 nianbao check {}",
            out.display(),
            r.year.value,
            r.edition(),
            gaps.describe(),
            gaps.todo(),
            out.display()
        );
        Status::Errors
    }
}
