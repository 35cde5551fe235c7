//! Why a command stopped, and how that is printed.
//!
//! A command returns `Result<Status, Error>`; library errors convert into
//! [`Error`] with `?`, keeping their own (Chinese) wording. `cli::finish`
//! prints an error once, as `nianbao: 错误：…` followed by `提示：…` and
//! `原因：…` lines when the error has them, and turns its kind into the
//! exit status.

use std::fmt;
use std::path::Path;

use crate::batch::aggregate::Refusal;
use crate::batch::walk::WalkError;
use crate::build::BuildError;
use crate::files::ReadError;
use crate::files::WriteError;
use crate::preview::PreviewError;
use crate::render::templates::TemplateError;
use crate::render::typeset::FontError;
use crate::stop::Stop;

/// What kind of failure stopped a command; it decides the exit status:
/// `Input` exits 1, `Usage` and `Io` exit 2.
pub use crate::stop::StopKind as ErrorKind;

/// Why a command stopped: a kind, a message saying what was not done, and
/// optionally a hint (what to do) and a cause (what lay beneath).
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    hint: Option<String>,
    cause: Option<String>,
}

impl Error {
    /// An error of `kind` with `message`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            kind,
            message: message.into(),
            hint: None,
            cause: None,
        }
    }

    /// A usage error.
    pub fn usage(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Usage, message)
    }

    /// A stop because the input has errors.
    pub fn input(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Input, message)
    }

    /// A file that cannot be read or written.
    pub fn io(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Io, message)
    }

    /// The same error with a hint: what the user can do about it.
    pub fn hint(mut self, hint: impl Into<String>) -> Error {
        self.hint = Some(hint.into());
        self
    }

    /// The same error with its underlying cause.
    pub fn cause(mut self, cause: impl fmt::Display) -> Error {
        self.cause = Some(cause.to_string());
        self
    }

    /// The kind of the error.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The message, without hint and cause.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The exit status this error ends the process with.
    pub fn exit_status(&self) -> u8 {
        match self.kind {
            ErrorKind::Input => super::EXIT_ERRORS,
            ErrorKind::Usage | ErrorKind::Io => super::EXIT_USAGE,
        }
    }

    /// The error as printed: the message, then the hint and the cause on
    /// lines of their own. Control characters in the text are shown, never
    /// emitted (messages quote file names and template text).
    pub fn render(&self) -> String {
        let mut out = format!("nianbao: 错误：{}", visible_lines(&self.message));
        if let Some(hint) = &self.hint {
            out.push_str(&format!("\n提示：{}", visible_lines(hint)));
        }
        if let Some(cause) = &self.cause {
            out.push_str(&format!("\n原因：{}", visible_lines(cause)));
        }
        out
    }

    /// `out` was not written by `files::write_new`: it exists already and
    /// `--force` was not given, or the file system refused.
    pub fn not_written(out: &Path, e: &std::io::Error) -> Error {
        Stop::not_written(out, e).into()
    }

    /// `out` exists and `--force` was not given.
    pub fn refuse_overwrite(out: &Path) -> Error {
        Stop::refuse_overwrite(out).into()
    }

    /// A file that cannot be read or used as `path`: the library error
    /// `e`, prefixed with the file's name.
    pub fn in_file(path: &Path, e: impl fmt::Display) -> Error {
        Error::io(format!("{}：{e}", path.display()))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// Every line of `text` with its control characters shown; the line breaks
/// between lines stay.
fn visible_lines(text: &str) -> String {
    let lines: Vec<_> = text.lines().map(crate::diag::visible).collect();
    lines.join("\n")
}

impl From<Stop> for Error {
    fn from(e: Stop) -> Error {
        Error::new(e.kind, e.message)
    }
}

impl From<WalkError> for Error {
    fn from(e: WalkError) -> Error {
        Stop::from(e).into()
    }
}

/// `From` impls for library errors whose message is kept whole: each
/// becomes an [`Error`] of the kind its constructor names.
macro_rules! from_message {
    ($($error:ty => $kind:ident),* $(,)?) => {
        $(
            impl From<$error> for Error {
                fn from(e: $error) -> Error {
                    Error::$kind(e.to_string())
                }
            }
        )*
    };
}

from_message! {
    Refusal => input,
    ReadError => io,
    WriteError => io,
    TemplateError => usage,
    FontError => usage,
    PreviewError => io,
}

impl From<BuildError> for Error {
    fn from(e: BuildError) -> Error {
        match e {
            BuildError::Write(e) => e.into(),
            BuildError::NotAReport | BuildError::DataErrors(_) => Error::input(e.to_string()),
            e => Error::usage(e.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printed_once_with_hint_and_cause() {
        let e = Error::usage("没有找到要生成的数据文件");
        assert_eq!(e.render(), "nianbao: 错误：没有找到要生成的数据文件");
        let e = Error::io("无法写入 a\u{1b}.md")
            .hint("换一个输出目录")
            .cause("磁盘已满");
        assert_eq!(
            e.render(),
            "nianbao: 错误：无法写入 a\\u{1b}.md\n提示：换一个输出目录\n原因：磁盘已满"
        );
    }

    #[test]
    fn kinds_keep_the_exit_statuses() {
        assert_eq!(Error::input("x").exit_status(), 1);
        assert_eq!(Error::usage("x").exit_status(), 2);
        assert_eq!(Error::io("x").exit_status(), 2);
        let e: Error = crate::files::ReadError {
            path: "a.yaml".into(),
            message: "文件不存在".into(),
        }
        .into();
        assert_eq!(
            (e.kind(), e.message()),
            (ErrorKind::Io, "a.yaml：文件不存在")
        );
    }
}
