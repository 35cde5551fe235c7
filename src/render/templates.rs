//! The built-in Tera templates, overridable file by file from a directory.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tera::Tera;

pub use super::budget::Origin;
use super::budget::{self, Stop};

/// The built-in templates: name and content, compiled into the binary.
pub const BUILTIN: &[(&str, &str)] = &[
    ("report.html", include_str!("../../templates/report.html")),
    ("table.html", include_str!("../../templates/table.html")),
    ("style.css", include_str!("../../templates/style.css")),
    ("report.md", include_str!("../../templates/report.md")),
    ("preface.md", include_str!("../../templates/preface.md")),
    ("fee.md", include_str!("../../templates/fee.md")),
];

/// The loaded templates, shared with the threads that render them, and
/// where they came from: [`render::budget`](super::budget) renders the
/// built-in set on the caller's thread and a template pack (untrusted) on a
/// metered thread of its own. Only [`load`] makes one, so the origin always
/// says what the set holds.
#[derive(Debug, Clone)]
pub struct Templates {
    tera: Arc<Tera>,
    origin: Origin,
}

impl Templates {
    /// The compiled templates.
    pub fn tera(&self) -> &Arc<Tera> {
        &self.tera
    }

    /// Where the set came from.
    pub fn origin(&self) -> Origin {
        self.origin
    }

    /// Renders `name` with `context` within `limits`: the built-in set on
    /// this thread, a pack on a metered thread of its own.
    pub fn render(
        &self,
        name: &str,
        context: &tera::Context,
        limits: &budget::Limits,
    ) -> Result<String, Stop> {
        budget::render(&self.tera, self.origin, name, context, limits)
    }
}

/// Largest template file read, in bytes.
pub const MAX_TEMPLATE_SIZE: u64 = 4 * 1024 * 1024;

/// A template problem: a file that cannot be read or does not compile, or a
/// render error.
#[derive(Debug)]
pub struct TemplateError {
    /// The template file concerned (a path for overrides, a name otherwise).
    pub file: String,
    /// What went wrong, with Tera's located report when it has one.
    pub message: String,
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "模板 {} 有错误：\n{}", self.file, self.message)
    }
}

impl std::error::Error for TemplateError {}

impl TemplateError {
    /// The error of rendering template `file` that `stop` ended.
    pub fn stopped(file: &str, stop: Stop) -> TemplateError {
        const MB: usize = 1024 * 1024;
        let runaway = "模板里可能有失控的循环、不断加倍的文字或调用自身的组件";
        let message = match stop {
            Stop::Failed(e) => error_text(&e),
            Stop::Output(n) => format!("渲染结果超过 {} MB，已停止：{runaway}", n / MB),
            Stop::Memory(n) => format!("渲染占用的内存超过 {} MB，已停止：{runaway}", n / MB),
            Stop::Work(n) => format!(
                "渲染的工作量超过上限（累计分配内存 {} MB），已停止：{runaway}",
                n / MB as u64
            ),
            Stop::Time(t) => format!("渲染超过 {} 秒仍未结束，已停止：{runaway}", t.as_secs()),
            Stop::Abandoned => format!(
                "已有 {} 次模板渲染失控，本次不再渲染；请修正模板后重新运行",
                budget::MAX_ABANDONED
            ),
            Stop::Thread(e) => format!("渲染线程出错：{e}"),
        };
        TemplateError {
            file: file.to_string(),
            message,
        }
    }
}

/// Loads the templates: the built-in ones, each replaced by the file of the
/// same name in `overrides` when that exists.
pub fn load(overrides: Option<&Path>) -> Result<Templates, TemplateError> {
    let mut tera = Tera::default();
    tera.autoescape_on([".html"]);
    tera.set_escape_fn(super::escape::escape_html_into);
    let mut sources: Vec<(String, String, Option<PathBuf>)> = BUILTIN
        .iter()
        .map(|(name, content)| (name.to_string(), content.to_string(), None))
        .collect();
    if let Some(dir) = overrides {
        if !dir.is_dir() {
            return Err(TemplateError {
                file: dir.display().to_string(),
                message: "模板目录不存在".into(),
            });
        }
        for (name, content, origin) in &mut sources {
            let path = dir.join(&*name);
            // Anything at a template's name is read, or refused when it is
            // not a regular file of the pack: a link could put any file the
            // user can read into the published HTML.
            if std::fs::symlink_metadata(&path).is_ok() {
                let bytes =
                    crate::files::read_limited_no_link(&path, MAX_TEMPLATE_SIZE, "模板文件")
                        .map_err(|e| TemplateError {
                            file: path.display().to_string(),
                            message: e.message,
                        })?;
                *content = String::from_utf8(bytes).map_err(|_| TemplateError {
                    file: path.display().to_string(),
                    message: "模板文件不是 UTF-8 编码，请另存为 UTF-8".into(),
                })?;
                *origin = Some(path);
            }
        }
    }
    // Check each overriding template against the built-in set first, so
    // that an error is reported against the file that has it (the built-in
    // ones compile: the tests load them; a probe each cost as much as
    // compiling the whole set again).
    for (name, content, origin) in sources.iter().filter(|(_, _, o)| o.is_some()) {
        let mut probe = Tera::default();
        let others = BUILTIN.iter().filter(|(n, _)| n != name).copied();
        if let Err(e) = probe
            .add_raw_templates(others.chain(std::iter::once((name.as_str(), content.as_str()))))
        {
            return Err(TemplateError {
                file: origin
                    .as_ref()
                    .map_or_else(|| name.clone(), |p| p.display().to_string()),
                message: error_text(&e),
            });
        }
    }
    tera.add_raw_templates(sources.iter().map(|(n, c, _)| (n.as_str(), c.as_str())))
        .map_err(|e| TemplateError {
            file: overrides.map_or_else(|| "内置模板".into(), |d| d.display().to_string()),
            message: error_text(&e),
        })?;
    // A pack folder that overrides nothing leaves the built-in set as it is.
    let origin = if sources.iter().any(|(_, _, o)| o.is_some()) {
        Origin::Pack
    } else {
        Origin::BuiltIn
    };
    Ok(Templates {
        tera: Arc::new(tera),
        origin,
    })
}

/// Tera's error with its chain of causes, which carry the file:line:col report.
pub fn error_text(e: &tera::Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        let more = s.to_string();
        if !text.contains(&more) {
            text.push('\n');
            text.push_str(&more);
        }
        source = s.source();
    }
    text
}

/// Writes the built-in templates into `dir` for editing, all of them or
/// none (a full disk leaves no partial set). Existing files are kept unless
/// `force`: then none is written. Returns the paths written.
pub fn eject(dir: &Path, force: bool) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).map_err(|e| {
        std::io::Error::new(
            e.kind(),
            format!("{}：{}", dir.display(), crate::files::io_message(&e)),
        )
    })?;
    let files: Vec<(PathBuf, Vec<u8>)> = BUILTIN
        .iter()
        .map(|(name, content)| (dir.join(name), content.as_bytes().to_vec()))
        .collect();
    crate::files::write_group_new(&files, force).map_err(|(path, e)| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            std::io::Error::new(
                e.kind(),
                format!("{} 已存在（加 --force 覆盖）", path.display()),
            )
        } else {
            std::io::Error::new(
                e.kind(),
                format!(
                    "{}：{}（没有写出任何模板）",
                    path.display(),
                    crate::files::io_message(&e)
                ),
            )
        }
    })?;
    Ok(files.into_iter().map(|(path, _)| path).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_templates_compile() {
        let tera = load(None).unwrap();
        assert_eq!(tera.origin(), Origin::BuiltIn);
        for (name, _) in BUILTIN {
            assert!(tera.tera().get_template_names().any(|n| n == *name));
        }
    }

    #[test]
    fn a_pack_is_told_from_the_builtin_set() {
        let tmp = crate::testutil::TempDir::new("tpl-origin");
        let dir = tmp.0.clone();
        // A folder without any template's name is the built-in set.
        std::fs::write(dir.join("notes.txt"), "x").unwrap();
        assert_eq!(load(Some(&dir)).unwrap().origin(), Origin::BuiltIn);
        // One overriding file makes it a pack, even when its text is the
        // built-in one: what was read from disk is not trusted.
        let (name, content) = BUILTIN[0];
        std::fs::write(dir.join(name), content).unwrap();
        assert_eq!(load(Some(&dir)).unwrap().origin(), Origin::Pack);
    }

    /// The built-in set renders on the caller's thread, a pack on a render
    /// thread of its own; both through the bounded writer.
    #[test]
    fn only_a_pack_renders_on_a_thread_of_its_own() {
        let mut tera = Tera::default();
        tera.register_function("thread", |_: tera::Kwargs, _: &tera::State| {
            std::thread::current().name().unwrap_or("").to_string()
        });
        tera.add_raw_template("t", "{{ thread() }}").unwrap();
        let tera = Arc::new(tera);
        let limits = budget::Limits::for_text(0);
        let here = std::thread::current().name().unwrap_or("").to_string();
        let render = |origin, limits: &budget::Limits| {
            let templates = Templates {
                tera: Arc::clone(&tera),
                origin,
            };
            templates.render("t", &tera::Context::new(), limits)
        };
        assert_eq!(render(Origin::BuiltIn, &limits).unwrap(), here);
        assert_eq!(render(Origin::Pack, &limits).unwrap(), "template");
        let tiny = budget::Limits {
            output: 3,
            ..limits
        };
        for origin in [Origin::BuiltIn, Origin::Pack] {
            assert!(matches!(render(origin, &tiny), Err(Stop::Output(3))));
        }
    }

    #[test]
    fn a_broken_override_names_its_file_and_line() {
        let tmp = crate::testutil::TempDir::new("tpl");
        let dir = tmp.0.clone();
        std::fs::write(dir.join("report.md"), "# {{ title }}\n\n{% for x in %}\n").unwrap();
        let err = load(Some(&dir)).unwrap_err();
        assert!(err.file.ends_with("report.md"), "{err}");
        assert!(err.message.contains(":3:"), "{err}");
    }
}
