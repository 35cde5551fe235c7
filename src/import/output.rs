//! Where `nianbao import` writes the data file of an imported report (next
//! to the input, as `.yaml`, unless told), the checks that nothing is
//! overwritten by mistake, and the writing.

use std::path::{Path, PathBuf};

use super::Imported;
use crate::files;
use crate::stop::Stop;

/// The default output: the input's name with the extension `.yaml`.
pub fn default_output(input: &Path) -> PathBuf {
    input.with_extension("yaml")
}

/// Where the data file of `input` goes (`output`, else the default),
/// refused when it is the input itself, a folder, or an existing file and
/// replacing it was not asked (`force`).
pub fn output_for(input: &Path, output: Option<&Path>, force: bool) -> Result<PathBuf, Stop> {
    let out = output.map_or_else(|| default_output(input), Path::to_path_buf);
    if files::same_file(&out, input) || out == input {
        return Err(Stop::usage(format!(
            "输出文件 {} 就是输入文件，不能覆盖；请用 -o 另给文件名",
            out.display()
        )));
    }
    if out.is_dir() {
        return Err(Stop::usage(format!(
            "{} 是一个目录，请给出文件名",
            out.display()
        )));
    }
    if !force && out.exists() {
        return Err(Stop::refuse_overwrite(&out));
    }
    Ok(out)
}

/// Writes the data file of `imported` (read from `input`) to `out`,
/// replacing a file only with `force`.
pub fn write(imported: &Imported, input: &Path, out: &Path, force: bool) -> Result<(), Stop> {
    let text = super::data_file_text(imported, input);
    files::write_new(out, text.as_bytes(), force).map_err(|e| Stop::not_written(out, &e))
}

/// Whether `from` is a published report `import` reads (Word, PDF, web
/// page, text) by its extension, not a data file or workbook.
pub fn is_published(from: &Path) -> bool {
    from.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["docx", "doc", "pdf", "html", "htm", "txt"].contains(&e.to_ascii_lowercase().as_str())
    })
}

/// `new --from` last year's published report: imported into last year's
/// data file beside it (`2024年报.docx` → `2024年报.yaml`, with the
/// import's notes as comments; never replacing a file). Returns that file,
/// from which next year's is made as from any data file.
pub fn import_beside(from: &Path, opts: &super::Options) -> Result<PathBuf, Stop> {
    let last = default_output(from);
    if last.exists() {
        return Err(Stop::usage(format!(
            "{} 已经存在：若它就是由 {} 导入的上年数据，请直接运行 nianbao new --from {}；否则请先把它改名",
            last.display(),
            from.display(),
            last.display()
        )));
    }
    let imported = super::import_path(from, opts)
        .map_err(|e| Stop::input(format!("{}：{e}", from.display())))?;
    if imported.report.year.value == 0 {
        return Err(Stop::input(format!(
            "{} 中找不到报告年度，无法生成下一年度的文件",
            from.display()
        )));
    }
    write(&imported, from, &last, false)?;
    Ok(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_output_is_next_to_the_input() {
        assert_eq!(
            default_output(Path::new("a/2024年报.txt")),
            Path::new("a/2024年报.yaml")
        );
        assert_eq!(
            default_output(Path::new("report")),
            Path::new("report.yaml")
        );
        assert_eq!(default_output(Path::new("x.html")), Path::new("x.yaml"));
    }

    #[test]
    fn the_input_itself_is_never_the_output() {
        let e = output_for(Path::new("a.yaml"), Some(Path::new("a.yaml")), true).unwrap_err();
        assert!(e.message.contains("就是输入文件"), "{e}");
        assert_eq!(
            output_for(Path::new("no/such/a.txt"), None, false).unwrap(),
            Path::new("no/such/a.yaml")
        );
    }
}
