//! `nianbao preview`: the report in a browser, re-rendered on every save.
//!
//! [`watch`] re-validates and re-renders the inputs into [`state`] whenever
//! one of them changes; [`server`] serves the result on loopback, on the
//! one HTTP layer ([`crate::serve`]), with the additions of [`inject`] (an
//! overlay listing the diagnostics and a script that follows `/events` and
//! swaps the page in place).

pub mod inject;
pub mod server;
pub mod state;
pub mod watch;

/// Why the preview could not start.
#[derive(Debug)]
pub enum PreviewError {
    /// No port could be bound on loopback.
    Bind {
        /// The first port tried (0: any free port).
        port: u16,
        /// How many ports were tried.
        tries: u16,
        /// Why the last attempt failed.
        reason: std::io::Error,
    },
    /// The inputs cannot be watched for changes.
    Watch {
        /// What was to be watched.
        target: String,
        /// The watcher's reason.
        reason: String,
    },
}

impl std::fmt::Display for PreviewError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PreviewError::Bind {
                port: 0, reason, ..
            } => write!(
                f,
                "无法在 127.0.0.1 上启动预览服务（{}）",
                crate::files::io_message(reason)
            ),
            PreviewError::Bind {
                port,
                tries,
                reason,
            } => write!(
                f,
                "无法在 127.0.0.1 的端口 {port} 及其后 {} 个端口上启动预览服务（{}）",
                tries.saturating_sub(1),
                crate::files::io_message(reason)
            ),
            PreviewError::Watch { target, reason } => {
                write!(f, "无法监视{target}的变化：{reason}")
            }
        }
    }
}

impl std::error::Error for PreviewError {}
