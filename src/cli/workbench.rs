//! `nianbao workbench` (`nianbao 工作台`): the browser workbench on a folder
//! of reports.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{Error, Outcome, Status};
use crate::workbench::{Workbench, server};

/// The port tried first (the next free one is taken when it is in use).
pub const DEFAULT_PORT: u16 = 8300;

/// Arguments of `nianbao workbench`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
启动后在浏览器中打开工作台页面：列出文件夹中的年报，可新建、从上年生成、打开后直接在表格中填写；
每次修改立即保存到数据文件（保留注释和格式），并按 nianbao check 的规则校验。
第一行输出是带访问口令的页面地址；按 Ctrl-C 停止。")]
pub struct Args {
    /// 年报数据文件所在的文件夹（默认：当前文件夹）
    #[arg(value_name = "文件夹")]
    dir: Option<PathBuf>,
    /// 端口（被占用时依次尝试其后的端口；0 表示任选空闲端口）
    #[arg(long, value_name = "端口", default_value_t = DEFAULT_PORT)]
    port: u16,
    /// 不自动打开浏览器，生成的文件也不自动打开
    #[arg(long)]
    no_open: bool,
    /// 生成 PDF、Word 文档等所用的字体，同 nianbao build 的 --font；造字=造字程序的字体文件（Windows 中一般是 C:\Windows\Fonts\EUDC.TTE），人名、地名的造字从它印出（可重复）
    #[arg(long = "font", value_name = "角色=字体", value_parser = crate::render::typeset::parse_font_arg)]
    fonts: Vec<crate::render::typeset::FontArg>,
}

/// Runs the command until Ctrl-C stops it.
pub(crate) fn run(args: Args) -> Outcome {
    let dir = args.dir.unwrap_or_else(|| PathBuf::from("."));
    let fonts = super::build::font_choice(None, &args.fonts)?;
    serve(&dir, args.port, !args.no_open, fonts)
}

/// The workbench on the current folder, opened in the browser: what
/// `nianbao` without arguments does when started without a terminal (a
/// double-click).
pub fn run_default() -> Outcome {
    serve(Path::new("."), DEFAULT_PORT, true, Default::default())
}

fn serve(dir: &Path, port: u16, open: bool, fonts: crate::render::typeset::FontChoice) -> Outcome {
    if !dir.is_dir() {
        return Err(Error::usage(format!("{} 不是文件夹", dir.display())));
    }
    let root = dir.canonicalize().map_err(|e| {
        Error::usage(format!(
            "{}：{}",
            dir.display(),
            crate::files::io_message(&e)
        ))
    })?;
    // One workbench per folder, for the process's life: a second one would
    // save the same data files from its own reading of them.
    let _lock = crate::workbench::folder::lock(&root).map_err(Error::usage)?;
    // Held, the folder has no save of ours under way: a temporary there is
    // one a killed workbench left mid-save.
    crate::files::remove_temporaries(&root);
    let (listener, bound) = crate::serve::bind(port)
        .map_err(|e| Error::io(format!("无法在 127.0.0.1 上启动工作台：{e}")))?;
    let opener: Option<fn(&str)> = open.then_some(super::launch::open_default as fn(&str));
    let mut bench = Workbench::new(root, bound, opener).map_err(Error::usage)?;
    bench.plan.fonts = fonts;
    let bench = Arc::new(bench);
    {
        let bench = Arc::clone(&bench);
        if let Err(e) = ctrlc::set_handler(move || bench.stop()) {
            eprintln!("nianbao: 警告：无法处理 Ctrl-C（{e}）");
        }
    }
    let url = bench.url();
    println!("{url}");
    let _ = std::io::stdout().flush();
    if port != 0 && bound != port {
        eprintln!("（端口 {port} 已被占用，改用 {bound}）");
    }
    eprintln!(
        "年报工作台已启动：{}",
        plain_path(&bench.root.display().to_string())
    );
    eprintln!("请在浏览器中打开上面的地址（含访问口令，勿发给他人）；按 Ctrl-C 停止");
    if open {
        super::launch::open_default(&url);
    }
    server::serve(&listener, &bench);
    eprintln!("工作台已停止");
    Ok(Status::Clean)
}

/// A canonical Windows path as a clerk writes it: without the verbatim
/// prefix `\\?\` that canonicalising adds (`\\?\UNC\server` is `\\server`).
fn plain_path(shown: &str) -> String {
    if let Some(rest) = shown.strip_prefix(r"\\?\UNC\") {
        format!(r"\\{rest}")
    } else if let Some(rest) = shown.strip_prefix(r"\\?\") {
        rest.to_string()
    } else {
        shown.to_string()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn verbatim_prefixes_are_not_shown() {
        assert_eq!(super::plain_path(r"\\?\Z:\tmp\年报"), r"Z:\tmp\年报");
        assert_eq!(super::plain_path(r"\\?\UNC\srv\share"), r"\\srv\share");
        assert_eq!(super::plain_path("/home/年报"), "/home/年报");
    }
}
