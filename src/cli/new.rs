//! `nianbao new`: start next year's data file from this year's, or a blank one.

use std::path::{Component, Path, PathBuf};

use super::{Error, Outcome, Status};
use crate::check::check_path;
use crate::files;
use crate::next_year::{self, NewDataFile};

/// Arguments of `nianbao new`.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("mode").required(true).args(["from", "year"])))]
#[command(after_help = "\
示例：
  nianbao new --from 2024.yaml                  # 生成 2025.yaml（与 2024.yaml 同目录）
  nianbao new --year 2025 --agency 某市某局      # 生成空白的 某市某局-2025.yaml（当前目录）
  nianbao new --from 2024.yaml --format xlsx    # 生成 2025.xlsx：在 Excel/WPS 中填写的工作簿
  nianbao new --from 2024年报.docx --format xlsx # 先导入为 2024年报.yaml，再生成 2025年报.xlsx

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
    #[arg(long, value_name = "年份", requires = "agency")]
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
    /// 输出格式：yaml（数据文件，默认）或 xlsx（Excel/WPS 工作簿：每张官方表格一张工作表，填好后可直接 check、build，或 import 为 YAML）；-o 给出 .xlsx 文件名时默认为 xlsx
    #[arg(long, value_enum, value_name = "格式")]
    format: Option<NewFormat>,
}

/// What `new` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum NewFormat {
    /// YAML 数据文件
    #[value(alias = "yml")]
    Yaml,
    /// Excel/WPS 工作簿
    #[value(alias = "excel", alias = "wps", alias = "et")]
    Xlsx,
}

impl NewFormat {
    /// The format asked: `--format`, else the output's extension, else YAML.
    fn of(asked: Option<NewFormat>, output: Option<&Path>) -> NewFormat {
        asked.unwrap_or(match output {
            Some(o) if crate::xlsx::is_xlsx_path(o) => NewFormat::Xlsx,
            _ => NewFormat::Yaml,
        })
    }

    fn extension(self) -> &'static str {
        match self {
            NewFormat::Yaml => "yaml",
            NewFormat::Xlsx => "xlsx",
        }
    }
}

/// Earliest year accepted by `--year`: the first report under the 2019 format.
const FIRST_YEAR: i32 = 2019;

/// Runs the command.
pub(crate) fn run(args: Args) -> Outcome {
    let format = NewFormat::of(args.format, args.output.as_deref());
    match (&args.from, args.year, &args.agency) {
        (Some(from), _, _) => from_previous(from, args.output.as_deref(), args.force, format),
        (None, Some(year), Some(agency)) => {
            blank(year, agency, args.output.as_deref(), args.force, format)
        }
        _ => Err(Error::usage(
            "请给出 --from FILE，或 --year YYYY 和 --agency NAME",
        )),
    }
}

/// Whether `from` is a published report `import` reads (Word, PDF, web
/// page, text), not a data file or workbook.
fn is_published(from: &Path) -> bool {
    from.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["docx", "doc", "pdf", "html", "htm", "txt"].contains(&e.to_ascii_lowercase().as_str())
    })
}

/// `new --from` last year's published report: imported into last year's
/// data file beside it (`2024年报.docx` → `2024年报.yaml`, with the
/// import's notes as comments; never replacing a file), then next year's
/// made from that, as from any data file.
fn from_published(from: &Path, output: Option<&Path>, force: bool, format: NewFormat) -> Outcome {
    let last = from.with_extension("yaml");
    if last.exists() {
        return Err(Error::usage(format!(
            "{} 已经存在：若它就是由 {} 导入的上年数据，请直接运行 nianbao new --from {}；否则请先把它改名",
            last.display(),
            from.display(),
            last.display()
        )));
    }
    let imported = crate::import::import_path(from, &crate::import::Options::default())
        .map_err(|e| Error::in_file(from, e))?;
    if imported.report.year.value == 0 {
        return Err(Error::input(format!(
            "{} 中找不到报告年度，无法生成下一年度的文件",
            from.display()
        )));
    }
    let text = crate::import::data_file_text(&imported, from);
    files::write_new(&last, text.as_bytes(), false)
        .map_err(|e| Error::in_file(&last, files::io_message(&e)))?;
    eprintln!(
        "已把 {} 导入为上年数据 {}（导入时的说明写在其中的注释里）",
        from.display(),
        last.display()
    );
    from_previous(&last, output, force, format)
}

fn from_previous(from: &Path, output: Option<&Path>, force: bool, format: NewFormat) -> Outcome {
    if is_published(from) {
        return from_published(from, output, force, format);
    }
    let checked = check_path(from, None)?;
    let errors = checked.errors();
    let Some(prev) = checked.report.as_ref().filter(|r| r.year.value != 0) else {
        super::print_diagnostics(&checked.diagnostics, &checked.file);
        return Err(Error::input(format!(
            "{} 无法读取为年报数据（见上），没有生成文件",
            from.display()
        )));
    };
    let out = match output {
        Some(o) => o.to_path_buf(),
        None => {
            let next = crate::next_year::next_path(from, prev.year.value);
            // Next year's file in the format asked (a `.yml` stays `.yml`).
            if crate::xlsx::is_xlsx_path(&next) != (format == NewFormat::Xlsx) {
                next.with_extension(format.extension())
            } else {
                next
            }
        }
    };
    let out_dir = existing_dir(&out)?;
    if !force && out.exists() {
        return Err(Error::refuse_overwrite(&out));
    }
    let (Ok(src_abs), Ok(dir_abs)) = (from.canonicalize(), out_dir.canonicalize()) else {
        return Err(Error::usage(format!("{}：无法确定文件位置", out.display())));
    };
    if out.file_name().is_some_and(|n| dir_abs.join(n) == src_abs) || files::same_file(&out, from) {
        return Err(Error::usage(format!(
            "输出文件 {} 就是上年的数据文件，不能覆盖；请用 -o 另给文件名",
            out.display()
        )));
    }
    if errors > 0 {
        eprintln!(
            "nianbao: 警告：{} 有 {errors} 个错误（运行 nianbao check {} 查看），仍按能读出的数字生成",
            from.display(),
            from.display()
        );
    }
    let draft = next_year::roll_forward(prev, &relative_path(&src_abs, &dir_abs));
    write_draft(&draft, &out, force, format)
}

fn blank(
    year: i32,
    agency: &str,
    output: Option<&Path>,
    force: bool,
    format: NewFormat,
) -> Outcome {
    if !(FIRST_YEAR..=9999).contains(&year) {
        return Err(Error::usage(format!(
            "年度 {year} 不在 {FIRST_YEAR}–9999 之间（支持 2019 版和 2021 版格式）"
        )));
    }
    let agency = crate::next_year::agency_name(agency).map_err(Error::usage)?;
    // Named after the agency: twenty e-mailed attachments must not all
    // arrive as `2025.yaml`.
    let out = output.map_or_else(
        || {
            PathBuf::from(format!(
                "{}.{}",
                crate::files::report_stem(agency, year),
                format.extension()
            ))
        },
        Path::to_path_buf,
    );
    existing_dir(&out)?;
    if !force && out.exists() {
        return Err(Error::refuse_overwrite(&out));
    }
    write_draft(&next_year::blank(year, agency), &out, force, format)
}

fn write_draft(draft: &NewDataFile, out: &Path, force: bool, format: NewFormat) -> Outcome {
    let (bytes, what) = match format {
        NewFormat::Yaml => (draft.text().into_bytes(), "填写其中的 ~ 和正文"),
        NewFormat::Xlsx => (
            crate::xlsx::workbook(&draft.report),
            "在 Excel 或 WPS 中填写浅黄色单元格和“正文”表",
        ),
    };
    match files::write_new(out, &bytes, force) {
        Ok(()) => {
            let r = &draft.report;
            eprintln!(
                "已生成 {}：{}{}年度，{} 版格式。\n{what}后运行：nianbao check {}",
                out.display(),
                crate::diag::excerpt(&r.agency.value),
                r.year.value,
                r.edition(),
                out.display()
            );
            Ok(Status::Clean)
        }
        Err(e) => Err(Error::not_written(out, &e)),
    }
}

/// The directory `out` goes in, if it exists.
pub(super) fn existing_dir(out: &Path) -> Result<PathBuf, Error> {
    if out.is_dir() {
        return Err(Error::usage(format!(
            "{} 是一个目录，请给出文件名",
            out.display()
        )));
    }
    let dir = match out.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if dir.is_dir() {
        Ok(dir)
    } else {
        Err(Error::usage(format!("输出目录 {} 不存在", dir.display())))
    }
}

/// `target` relative to the directory `base`, both absolute, with `/`
/// separators; `target` as is when they share no root.
pub(crate) fn relative_path(target: &Path, base: &Path) -> String {
    let t: Vec<Component<'_>> = target.components().collect();
    let b: Vec<Component<'_>> = base.components().collect();
    let common = t.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if common == 0 {
        return target.to_string_lossy().into_owned();
    }
    let mut parts: Vec<String> = vec!["..".to_string(); b.len() - common];
    parts.extend(
        t[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_output_moves_the_year_on() {
        let p = |s: &str| crate::next_year::next_path(Path::new(s), 2024);
        assert_eq!(p("a/zibo-2024.yaml"), Path::new("a/zibo-2025.yaml"));
        assert_eq!(p("2024.yaml"), Path::new("2025.yaml"));
        assert_eq!(p("x/report.yaml"), Path::new("x/2025.yaml"));
        assert_eq!(p("120240.yaml"), Path::new("2025.yaml"));
        assert_eq!(p("2024-v2024.yaml"), Path::new("2024-v2025.yaml"));
        assert_eq!(p("某局2024年.yaml"), Path::new("某局2025年.yaml"));
    }

    #[test]
    fn relative_paths() {
        let r = |t: &str, b: &str| relative_path(Path::new(t), Path::new(b));
        assert_eq!(r("/a/b/2024.yaml", "/a/b"), "2024.yaml");
        assert_eq!(
            r("/a/examples/x.yaml", "/a/tests/fixtures"),
            "../../examples/x.yaml"
        );
        assert_eq!(r("/x.yaml", "/a"), "../x.yaml");
    }
}
