//! The command-line interface: argument parsing and one module per command.

mod build;
mod check;
mod preview;
mod templates;

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// 政府信息公开工作年度报告：校验数据，生成 Markdown、HTML 和 PDF。
#[derive(Debug, Parser)]
#[command(name = "nianbao", version, about, long_about = None)]
#[command(after_help = "退出状态：0 无错误；1 发现错误；2 用法错误或文件无法读取。")]
pub struct Cli {
    /// 要执行的命令
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// 校验数据文件：表格结构、勾稽关系、跨年度衔接
    Check(check::Args),
    /// 校验后生成年报（Markdown、HTML、PDF）
    Build(build::Args),
    /// 在浏览器中预览年报，保存数据文件后自动更新
    Preview(preview::Args),
    /// 管理报告模板
    Templates(templates::Args),
}

/// Exit status: no errors.
pub const EXIT_OK: u8 = 0;
/// Exit status: the input has errors.
pub const EXIT_ERRORS: u8 = 1;
/// Exit status: usage error or unreadable file.
pub const EXIT_USAGE: u8 = 2;

/// Parses the arguments and runs the command.
pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { EXIT_USAGE } else { EXIT_OK });
        }
    };
    let code = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Build(args) => build::run(args),
        Command::Preview(args) => preview::run(args),
        Command::Templates(args) => templates::run(args),
    };
    ExitCode::from(code)
}

/// Whether to colour output written to stderr.
pub(crate) fn color_stderr() -> bool {
    std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal()
}

/// Prints an error that concerns no data file (`nianbao: 错误：…`).
pub(crate) fn fail(message: impl std::fmt::Display) {
    eprintln!("nianbao: 错误：{message}");
}
