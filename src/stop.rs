//! Why a library command stopped short: a Chinese message saying what was
//! not done, and its kind (the command line turns the kind into the exit
//! status). The folder runs, `new` and `import` return it; `cli::Error`
//! is made from it.

use std::fmt;
use std::path::Path;

use crate::files::io_message;

/// What kind of failure stopped a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StopKind {
    /// The input has errors that stop the command.
    Input,
    /// The command asks for something that cannot be done.
    Usage,
    /// A file cannot be read or written.
    Io,
}

/// Why a command stopped: its kind and the message, in Chinese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stop {
    /// What kind of failure.
    pub kind: StopKind,
    /// What was not done, and why.
    pub message: String,
}

impl Stop {
    /// A request that cannot be done as asked.
    pub fn usage(message: impl Into<String>) -> Stop {
        Stop {
            kind: StopKind::Usage,
            message: message.into(),
        }
    }

    /// A stop because the input has errors.
    pub fn input(message: impl Into<String>) -> Stop {
        Stop {
            kind: StopKind::Input,
            message: message.into(),
        }
    }

    /// A file that cannot be read or written.
    pub fn io(message: impl Into<String>) -> Stop {
        Stop {
            kind: StopKind::Io,
            message: message.into(),
        }
    }

    /// `out` was not written by `files::write_new`: it exists already and
    /// replacing it was not asked, or the file system refused.
    pub fn not_written(out: &Path, e: &std::io::Error) -> Stop {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            Stop::refuse_overwrite(out)
        } else {
            Stop::io(format!("{}：无法写入（{}）", out.display(), io_message(e)))
        }
    }

    /// `out` exists and replacing it was not asked (`--force`).
    pub fn refuse_overwrite(out: &Path) -> Stop {
        Stop::usage(format!(
            "{} 已存在，没有覆盖；如确要覆盖请加 --force",
            out.display()
        ))
    }
}

impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Stop {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_existing_file_is_refused_not_failed() {
        let e = std::io::Error::from(std::io::ErrorKind::AlreadyExists);
        let stop = Stop::not_written(Path::new("a.yaml"), &e);
        assert_eq!(stop.kind, StopKind::Usage);
        assert_eq!(
            stop.to_string(),
            "a.yaml 已存在，没有覆盖；如确要覆盖请加 --force"
        );
        let e = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        assert_eq!(
            Stop::not_written(Path::new("a.yaml"), &e).kind,
            StopKind::Io
        );
    }
}
