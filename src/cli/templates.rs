//! `nianbao templates`: manage the report templates.

use std::path::PathBuf;

use super::{Error, Outcome, Status};
use crate::render::templates;

/// Arguments of `nianbao templates`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    action: Action,
}

#[derive(Debug, clap::Subcommand)]
enum Action {
    /// 把内置模板写到目录中以便修改，再用 `build --templates DIR` 使用
    Eject {
        /// 目标目录
        #[arg(value_name = "目录")]
        dir: PathBuf,
        /// 覆盖已存在的文件
        #[arg(long)]
        force: bool,
    },
}

/// Runs the command.
pub(crate) fn run(args: Args) -> Outcome {
    match args.action {
        Action::Eject { dir, force } => {
            let paths = templates::eject(&dir, force)
                .map_err(|e| Error::io(format!("无法写出模板：{e}")))?;
            for p in paths {
                eprintln!("已写出 {}", p.display());
            }
            Ok(Status::Clean)
        }
    }
}
