//! `nianbao templates`: manage the report templates.

use std::path::PathBuf;

use super::{EXIT_OK, EXIT_USAGE, fail};
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
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        /// 覆盖已存在的文件
        #[arg(long)]
        force: bool,
    },
}

/// Runs the command and returns the exit status.
pub fn run(args: Args) -> u8 {
    match args.action {
        Action::Eject { dir, force } => match templates::eject(&dir, force) {
            Ok(paths) => {
                for p in paths {
                    eprintln!("已写出 {}", p.display());
                }
                EXIT_OK
            }
            Err(e) => {
                fail(format!("无法写出模板：{e}"));
                EXIT_USAGE
            }
        },
    }
}
