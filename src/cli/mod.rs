//! The command-line interface: argument parsing and one module per command.

mod aggregate;
mod audit;
mod batch_build;
mod build;
mod check;
mod compare;
mod error;
mod explain;
mod import;
pub mod launch;
mod signoff;
mod new;
mod preview;
mod server;
mod progress;
mod templates;
mod usage;
pub mod workbench;

use std::ffi::OsString;
use std::io::IsTerminal;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

pub use error::{Error, ErrorKind};

/// 政府信息公开工作年度报告：校验数据，生成 Markdown、HTML 和 PDF，以及供审签的 Word 文档。
#[derive(Debug, Parser)]
#[command(name = "nianbao", version, long_version = LONG_VERSION, about, long_about = None)]
#[command(after_help = "退出状态：0 无错误；1 发现错误；2 用法错误或文件无法读取。")]
pub struct Cli {
    /// 要执行的命令
    #[command(subcommand)]
    pub command: Command,
}

/// The first lines of [`LONG_VERSION`]: the version, the commit and the
/// target.
macro_rules! version_head {
    () => {
        concat!(
            env!("CARGO_PKG_VERSION"),
            "\n提交：",
            env!("NIANBAO_BUILD_COMMIT"),
            "\n平台：",
            env!("NIANBAO_BUILD_TARGET"),
        )
    };
}

/// What `nianbao --version` prints after the name: the version, the
/// commit and target it was built from (`build.rs`), the program's licence and, in a build with the fonts compiled in, the
/// faces with their licences (`-V` prints the version only).
const LONG_VERSION: &str = if cfg!(feature = "embed-fonts") {
    concat!(
        version_head!(),
        "\n许可：MIT OR Apache-2.0（程序代码）\n",
        "内置字体（子集）各按其许可证发布，编入程序只作为字体数据：\n",
        "  标题  Noto Serif CJK SC Bold        SIL OFL 1.1\n",
        "  正文  FandolFang Regular            GPL v3 + 字体例外（嵌入字体的 PDF 不受 GPL 约束）\n",
        "  黑体  Noto Sans CJK SC Regular      SIL OFL 1.1\n",
        "  楷体  文楷GB子集（霞鹜文楷子集）    SIL OFL 1.1\n",
        "  宋体  Noto Serif CJK SC Regular     SIL OFL 1.1（页码，及正文仿宋缺的字）\n",
        "许可证全文：发行包或源代码中的 LICENSE-MIT、LICENSE-APACHE 和 fonts/；\n",
        "字体文件及其生成脚本：源代码中的 fonts/ 和 fonts/build-fonts.sh（发行包旁的 nianbao-版本-src.tar.gz）。"
    )
} else {
    concat!(
        version_head!(),
        "\n许可：MIT OR Apache-2.0\n",
        "本构建不含内置字体（未启用 embed-fonts），PDF 使用 fonts/ 目录或已安装的字体。"
    )
};

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
    /// 新建数据文件：由上年数据生成下一年度的（--from），或生成空白的（--year、--agency）
    New(new::Args),
    /// 导入已公布的年报（文本、网页、Word 或 PDF）：识别表格和正文，生成数据文件
    Import(import::Args),
    /// 汇总多个数据文件（各部门、乡镇）的表格，生成本级政府年报的数据文件
    Aggregate(aggregate::Args),
    /// 审查已公布的年报（文本、网页、Word 或 PDF）：逐份导入并校验，生成汇总表（CSV、HTML）
    Audit(audit::Args),
    /// 工作台：在浏览器中填写、校验和生成年报，不必编辑 YAML（别名：工作台）
    #[command(alias = "工作台")]
    Workbench(workbench::Args),
    /// 年报收集服务器：各单位登录填报、提交，政务公开办审核、退回、通过（别名：服务器）
    #[command(alias = "服务器")]
    Server(server::Args),
    /// 对比两年（或两稿）的年报，或两个目录中各机关的年报：数字变化、大幅变化、正文增删改（别名：对比）
    #[command(alias = "对比")]
    Compare(compare::Args),
    /// 审签：列出审签后的 Word 文档中的改动和批注，加 --apply 写回数据文件（别名：审签）
    #[command(alias = "审签")]
    Merge(signoff::Args),
    /// 说明诊断代码：检查什么、为什么、怎么改，如 nianbao explain T3-BAL
    Explain(explain::Args),
    /// 显示某个命令的帮助，如 nianbao help build
    Help(HelpArgs),
}

/// Arguments of `nianbao help`.
#[derive(Debug, clap::Args)]
pub struct HelpArgs {
    /// 命令名称，如 check、build、templates eject；不写则显示总的帮助
    #[arg(value_name = "命令")]
    command: Vec<String>,
}

/// Exit status: no errors.
pub const EXIT_OK: u8 = 0;
/// Exit status: the input has errors.
pub const EXIT_ERRORS: u8 = 1;
/// Exit status: usage error or unreadable file.
pub const EXIT_USAGE: u8 = 2;

/// How a command that ran to its end went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Nothing wrong (warnings allowed): exit 0.
    Clean,
    /// The input has errors, reported already (a draft may have been
    /// written, an import may be incomplete): exit 1.
    Errors,
}

/// What every command returns.
pub type Outcome = Result<Status, Error>;

/// The one place where a command's outcome is printed and becomes an exit
/// status.
fn finish(outcome: Outcome) -> u8 {
    match outcome {
        Ok(Status::Clean) => EXIT_OK,
        Ok(Status::Errors) => EXIT_ERRORS,
        Err(e) => {
            eprintln!("{}", e.render());
            e.exit_status()
        }
    }
}

/// Parses the arguments and runs the command.
pub fn run() -> ExitCode {
    // Double-clicked in Explorer (or a file manager): no command to run,
    // and a window that would close before anything could be read.
    // The workbench opens on the current folder, in the browser; the
    // window says so and stays while it runs. If it cannot start, the
    // window explains how to use the program instead.
    if std::env::args_os().len() == 1 && launch::started_without_terminal() {
        match workbench::run_default() {
            Ok(status) => return ExitCode::from(finish(Ok(status))),
            Err(e) => {
                eprintln!("{}", e.render());
                launch::explain_and_wait();
                return ExitCode::from(EXIT_USAGE);
            }
        }
    }
    let args: Vec<OsString> = std::env::args_os().collect();
    start_pool_early(&args);
    let cli = match parse_quickly(&args).map_or_else(|| parse(&args), Ok) {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    // The long-running commands keep the allocator's default, which gives
    // memory back sooner.
    if !matches!(
        cli.command,
        Command::Workbench(_) | Command::Server(_) | Command::Preview(_)
    ) {
        crate::render::budget::meter::Accounting::for_a_one_shot_command();
    }
    let outcome = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Build(args) => build::run(args),
        Command::Preview(args) => preview::run(args),
        Command::Templates(args) => templates::run(args),
        Command::New(args) => new::run(args),
        Command::Import(args) => import::run(args),
        Command::Aggregate(args) => aggregate::run(args),
        Command::Audit(args) => audit::run(args),
        Command::Workbench(args) => workbench::run(args),
        Command::Server(args) => server::run(args),
        Command::Compare(args) => compare::run(args),
        Command::Merge(args) => signoff::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Help(args) => help(&args.command),
    };
    ExitCode::from(finish(outcome))
}

/// The program's name on the command line.
const BIN: &str = "nianbao";

/// The command line parsed with the one subcommand its first argument
/// names, when that is `build` or `check` (the commands run most, and
/// timed: issue 76), without building the other subcommands and their
/// Chinese help (half a millisecond of a build's start). `None` when the
/// first argument is another, or when that parse fails or asks for help or
/// the version: [`parse`] then reads the whole command line and says what
/// it says. A parse that succeeds here gives the same values as there: the
/// other subcommands are never reached, and the Chinese help changes only
/// what help and errors print.
fn parse_quickly(args: &[OsString]) -> Option<Cli> {
    use clap::Args as _;
    let sub = match args.get(1)?.to_str()? {
        "build" => build::Args::augment_args(clap::Command::new("build")),
        "check" => check::Args::augment_args(clap::Command::new("check")),
        _ => return None,
    };
    let matches = clap::Command::new(BIN)
        .subcommand(sub)
        .try_get_matches_from(args)
        .ok()?;
    Cli::from_arg_matches(&matches).ok()
}

/// For `build` and `check` (the commands run most, and timed: issue 76),
/// starts the thread pool before the command line is read, with this
/// thread as one of its workers, so that the work that follows runs here
/// without being handed to a pool thread and waiting for it to wake; the
/// first worker the pool starts maps the one-shot memory meanwhile
/// ([`Accounting::map_one_shot_memory`]). Other commands start the pool when
/// they first use it, as before; so does a machine of one core (or
/// `RAYON_NUM_THREADS` set), where this thread could be the pool's only
/// worker and work handed to the pool by other threads would wait for it.
///
/// The pool is not rayon's global one, which would wait here until its
/// other workers have started (0.1–0.3 ms asleep on a virtual machine);
/// it is kept for the life of the process instead. Every parallel call of
/// `build` and `check` is made on this thread or a worker of the pool, and
/// rayon runs it on the pool of the thread that makes it; a thread started
/// elsewhere (a template pack's metered render, a file being filled) makes
/// none, and would get rayon's global pool if it did.
///
/// [`Accounting::map_one_shot_memory`]: crate::render::budget::meter::Accounting::map_one_shot_memory
fn start_pool_early(args: &[OsString]) {
    let timed = args
        .get(1)
        .is_some_and(|command| command == "build" || command == "check");
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    if !timed || cores < 2 || std::env::var_os("RAYON_NUM_THREADS").is_some() {
        return;
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(cores)
        .use_current_thread()
        .start_handler(|worker| {
            if worker == 1 {
                crate::render::budget::meter::Accounting::map_one_shot_memory();
            }
        })
        .build();
    // Dropped, the pool would stop its workers: it lives as long as the
    // process, as the global pool would.
    if let Ok(pool) = pool {
        std::mem::forget(pool);
    }
}

/// The command line parsed with every subcommand, in Chinese: the
/// command, or the exit code once an error, the help or the version has
/// been printed.
fn parse(args: &[OsString]) -> Result<Cli, ExitCode> {
    let argv: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let mut command = usage::localize_for(Cli::command(), BIN, argv.get(1).map(String::as_str));
    command
        .try_get_matches_from_mut(args)
        .and_then(|m| Cli::from_arg_matches(&m))
        .map_err(|e| match usage::error_message(&e, &command, &argv) {
            Some(message) => ExitCode::from(finish(Err(Error::usage(message)))),
            None => {
                let _ = e.print();
                ExitCode::from(if e.use_stderr() { EXIT_USAGE } else { EXIT_OK })
            }
        })
}

/// `nianbao help [命令…]`: the help of the named command.
fn help(path: &[String]) -> Outcome {
    let mut cmd = usage::localize(Cli::command(), BIN);
    for name in path {
        cmd = match cmd.find_subcommand(name) {
            Some(sub) => sub.clone(),
            None => {
                return Err(Error::usage(format!(
                    "没有“{}”这个命令；运行“{BIN} help”查看所有命令",
                    crate::diag::excerpt(name)
                )));
            }
        };
    }
    print_stdout(&format!("{}\n", cmd.render_help()))?;
    Ok(Status::Clean)
}

/// Whether to colour output written to stdout.
pub(crate) fn color_stdout() -> bool {
    std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal()
}

/// Whether to colour output written to stderr.
pub(crate) fn color_stderr() -> bool {
    std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal()
}

/// Prints diagnostics against the file they were found in, to stderr.
pub(crate) fn print_diagnostics(
    diags: &[crate::diag::Diagnostic],
    file: &crate::source::SourceFile,
) {
    use std::io::Write;
    let color = color_stderr();
    let mut stderr = std::io::stderr().lock();
    for d in diags {
        let _ = writeln!(
            stderr,
            "{}",
            crate::diag::human::render(d, Some(file), color)
        );
    }
}

/// Writes `text` to stdout. A reader that went away (`nianbao check … |
/// head -1`) ends the output quietly; any other failure is an error.
pub(crate) fn print_stdout(text: &str) -> Result<(), Error> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    quiet_pipe(
        stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush()),
    )
}

/// `Ok` when the write succeeded or stdout's reader has gone away (a
/// closed pipe is not an error: the reader has what it wanted).
pub(crate) fn quiet_pipe(written: std::io::Result<()>) -> Result<(), Error> {
    match written {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::io(format!(
            "无法输出结果：{}",
            crate::files::io_message(&e)
        ))),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(line: &str) -> Vec<OsString> {
        line.split(' ').map(OsString::from).collect()
    }

    /// For `build`, the calling thread becomes the first worker of a pool
    /// of every core, and parallel work started here runs on that pool,
    /// on both workers; another command leaves the thread as it was.
    #[test]
    fn build_starts_a_pool_with_this_thread_in_it() {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        if cores < 2 || std::env::var_os("RAYON_NUM_THREADS").is_some() {
            return;
        }
        std::thread::spawn(move || {
            start_pool_early(&args("nianbao check-not x.yaml"));
            assert_eq!(
                rayon::current_thread_index(),
                None,
                "no pool for another command"
            );
            start_pool_early(&args("nianbao build x.yaml"));
            assert_eq!(rayon::current_thread_index(), Some(0));
            assert_eq!(rayon::current_num_threads(), cores);
            let (here, there) = rayon::join(
                || {
                    // Long enough for the other worker to take the second.
                    std::thread::sleep(std::time::Duration::from_millis(200));
                    std::thread::current().id()
                },
                || (std::thread::current().id(), rayon::current_thread_index()),
            );
            assert_eq!(here, std::thread::current().id());
            assert_ne!(there.0, here, "the second half ran on the other worker");
            assert!(matches!(there.1, Some(i) if i > 0));
        })
        .join()
        .unwrap();
    }

    #[test]
    fn a_quick_parse_gives_what_the_whole_parse_gives() {
        let lines = [
            "nianbao build a.yaml",
            "nianbao build a.yaml b.yaml -o 输出 --format md,pdf,docx --draft",
            "nianbao build --pdfa --page-numbers center --font 正文=仿宋_GB2312 a.yaml",
            "nianbao build a.yaml --name-by-agency --accept-missing-glyphs --open --format=word",
            "nianbao build -- -a.yaml",
            "nianbao check a.yaml",
            "nianbao check a.yaml --format json --prev 2024.yaml",
            "nianbao check 目录 --encoding gb18030 -o out.csv --force --format csv",
        ];
        for line in lines {
            let quick = parse_quickly(&args(line)).unwrap_or_else(|| panic!("{line}"));
            let whole = parse(&args(line)).unwrap_or_else(|_| panic!("{line}"));
            assert_eq!(format!("{quick:?}"), format!("{whole:?}"), "{line}");
        }
    }

    #[test]
    fn help_errors_and_other_commands_take_the_whole_parse() {
        let lines = [
            "nianbao build --help",
            "nianbao build -h",
            "nianbao check -V",
            "nianbao build",
            "nianbao build a.yaml --format pdf2",
            "nianbao build a.yaml --no-such-option",
            "nianbao check --prev a.yaml --prev-dir b a.yaml",
            "nianbao 工作台",
            "nianbao aggregate a.yaml",
            "nianbao",
            "nianbao --version",
        ];
        for line in lines {
            assert!(parse_quickly(&args(line)).is_none(), "{line}");
        }
    }
}
