//! The work of `nianbao new`: the data file made from last year's or
//! blank, where it goes (next to last year's, or named after the agency),
//! the checks that nothing is overwritten by mistake, and the writing.
//! The caller prints what was made.

use std::path::{Component, Path, PathBuf};

use super::{NewDataFile, TextStart};
use crate::check::{Checked, check_path};
use crate::files;
use crate::stop::Stop;

/// What `new` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewFormat {
    /// A YAML data file.
    Yaml,
    /// An Excel/WPS workbook.
    Xlsx,
}

impl NewFormat {
    /// The format asked, else the output's extension, else YAML.
    pub fn of(asked: Option<NewFormat>, output: Option<&Path>) -> NewFormat {
        asked.unwrap_or(match output {
            Some(o) if crate::xlsx::is_xlsx_path(o) => NewFormat::Xlsx,
            _ => NewFormat::Yaml,
        })
    }

    /// The file extension of the format.
    pub fn extension(self) -> &'static str {
        match self {
            NewFormat::Yaml => "yaml",
            NewFormat::Xlsx => "xlsx",
        }
    }
}

/// What to make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewOptions {
    /// Next year's file from last year's (`--from`).
    From(PathBuf),
    /// A blank file of a year for an agency (`--year`, `--agency`).
    Blank {
        /// The year.
        year: i32,
        /// The agency, as typed.
        agency: String,
    },
}

/// A new data file, ready to be written.
#[derive(Debug, Clone)]
pub struct Planned {
    /// The file's report and comments.
    pub draft: NewDataFile,
    /// Where it goes.
    pub out: PathBuf,
    /// As YAML or as a workbook.
    pub format: NewFormat,
    /// How many errors last year's file has (made from what could be read).
    pub source_errors: usize,
}

/// Why no file was made.
#[derive(Debug)]
pub struct NotMade {
    /// What stopped it.
    pub stop: Stop,
    /// Last year's file, checked, when it could not be read as a report:
    /// its diagnostics say why.
    pub source: Option<Box<Checked>>,
}

impl From<Stop> for NotMade {
    fn from(stop: Stop) -> NotMade {
        NotMade { stop, source: None }
    }
}

/// Plans the new file: made, placed (`output`, else the default) and
/// refused when it would replace a file without `force`, or last year's.
pub fn plan(
    what: &NewOptions,
    output: Option<&Path>,
    force: bool,
    format: Option<NewFormat>,
) -> Result<Planned, NotMade> {
    plan_with(what, output, force, format, TextStart::Carried)
}

/// [`plan`], with this year's narrative started as `start` says (last
/// year's text carried, or its sub-headings only).
pub fn plan_with(
    what: &NewOptions,
    output: Option<&Path>,
    force: bool,
    format: Option<NewFormat>,
    start: TextStart,
) -> Result<Planned, NotMade> {
    let format = NewFormat::of(format, output);
    match what {
        NewOptions::From(from) => from_previous(from, (output, force), format, start),
        NewOptions::Blank { year, agency } => Ok(blank(*year, agency, output, force, format)?),
    }
}

/// Next year's file from `from`.
fn from_previous(
    from: &Path,
    (output, force): (Option<&Path>, bool),
    format: NewFormat,
    start: TextStart,
) -> Result<Planned, NotMade> {
    let checked = check_path(from, None).map_err(|e| Stop::io(e.to_string()))?;
    let source_errors = checked.errors();
    let Some(prev) = checked.report.as_ref().filter(|r| r.year.value != 0) else {
        return Err(NotMade {
            stop: Stop::input(format!(
                "{} 无法读取为年报数据（见上），没有生成文件",
                from.display()
            )),
            source: Some(Box::new(checked)),
        });
    };
    let out = match output {
        Some(o) => o.to_path_buf(),
        None => {
            let next = super::next_path(from, prev.year.value);
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
        return Err(Stop::refuse_overwrite(&out).into());
    }
    let (Ok(src_abs), Ok(dir_abs)) = (from.canonicalize(), out_dir.canonicalize()) else {
        return Err(Stop::usage(format!("{}：无法确定文件位置", out.display())).into());
    };
    if out.file_name().is_some_and(|n| dir_abs.join(n) == src_abs) || files::same_file(&out, from) {
        return Err(Stop::usage(format!(
            "输出文件 {} 就是上年的数据文件，不能覆盖；请用 -o 另给文件名",
            out.display()
        ))
        .into());
    }
    let draft = super::roll_forward_with(prev, &relative_path(&src_abs, &dir_abs), start);
    Ok(Planned {
        draft,
        out,
        format,
        source_errors,
    })
}

/// A blank file of `year` for `agency`.
fn blank(
    year: i32,
    agency: &str,
    output: Option<&Path>,
    force: bool,
    format: NewFormat,
) -> Result<Planned, Stop> {
    crate::model::check_year(i64::from(year)).map_err(Stop::usage)?;
    let agency = super::agency_name(agency).map_err(Stop::usage)?;
    // Named after the agency: twenty e-mailed attachments must not all
    // arrive as `2025.yaml`.
    let out = output.map_or_else(
        || {
            PathBuf::from(format!(
                "{}.{}",
                files::report_stem(agency, year),
                format.extension()
            ))
        },
        Path::to_path_buf,
    );
    existing_dir(&out)?;
    if !force && out.exists() {
        return Err(Stop::refuse_overwrite(&out));
    }
    Ok(Planned {
        draft: super::blank(year, agency),
        out,
        format,
        source_errors: 0,
    })
}

/// Writes the planned file (replacing one only with `force`).
pub fn write(planned: &Planned, force: bool) -> Result<(), Stop> {
    let bytes = match planned.format {
        NewFormat::Yaml => planned.draft.text().into_bytes(),
        NewFormat::Xlsx => crate::xlsx::workbook(&planned.draft.report),
    };
    files::write_new(&planned.out, &bytes, force).map_err(|e| Stop::not_written(&planned.out, &e))
}

/// The directory `out` goes in, if it exists.
pub fn existing_dir(out: &Path) -> Result<PathBuf, Stop> {
    if out.is_dir() {
        return Err(Stop::usage(format!(
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
        Err(Stop::usage(format!("输出目录 {} 不存在", dir.display())))
    }
}

/// `target` relative to the directory `base`, both absolute, with `/`
/// separators; `target` as is when they share no root.
pub fn relative_path(target: &Path, base: &Path) -> String {
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
        let p = |s: &str| super::super::next_path(Path::new(s), 2024);
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

    #[test]
    fn a_blank_file_is_named_after_the_agency_and_refuses_old_years() {
        let planned = plan(
            &NewOptions::Blank {
                year: 2025,
                agency: " 某市某局 ".into(),
            },
            None,
            false,
            Some(NewFormat::Xlsx),
        )
        .unwrap();
        assert_eq!(planned.out, Path::new("某市某局-2025.xlsx"));
        assert_eq!(planned.draft.report.agency.value, "某市某局");
        let e = plan(
            &NewOptions::Blank {
                year: 2018,
                agency: "某市某局".into(),
            },
            None,
            false,
            None,
        )
        .unwrap_err();
        assert!(e.stop.message.contains("不在 2019–9999 之间"), "{}", e.stop);
    }
}
