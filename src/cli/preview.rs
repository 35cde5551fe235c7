//! `nianbao preview`: serve the rendered report on loopback and update it in
//! the browser on every save.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use super::{Error, Status};
use crate::preview::state::{Inputs, Rendering, Shared};
use crate::preview::{server, watch};
use crate::serve::token::SessionToken;

/// Arguments of `nianbao preview`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// 数据文件（YAML）
    #[arg(value_name = "文件")]
    file: PathBuf,
    /// 端口（被占用时依次尝试其后的端口）
    #[arg(long, value_name = "端口", default_value_t = 8000)]
    port: u16,
    /// 启动后用默认浏览器打开预览页面
    #[arg(long)]
    open: bool,
    /// 用此目录中的同名文件替换内置模板；修改其中的模板也会更新预览
    #[arg(long, value_name = "目录")]
    templates: Option<PathBuf>,
}

/// Runs the command until Ctrl-C stops it.
pub(crate) fn run(args: Args) -> super::Outcome {
    // What makes the preview useless from the start is a usage error; every
    // later problem is shown in the page instead.
    crate::load::read_bytes(&args.file)?;
    if let Some(dir) = &args.templates
        && !dir.is_dir()
    {
        return Err(Error::usage(format!("模板目录不存在：{}", dir.display())));
    }
    let (listener, port) = server::bind(args.port)?;
    let shared = Arc::new(Shared::new(&args.file));
    let inputs = Inputs::new(args.file.clone(), args.templates.clone());
    watch::start(inputs, Arc::clone(&shared), log)?;
    {
        // The flag ends the event streams; the accept loop, blocked until a
        // connection arrives, is woken to see it.
        let shared = Arc::clone(&shared);
        if let Err(e) = ctrlc::set_handler(move || {
            shared.stop();
            crate::serve::wake(port);
        }) {
            eprintln!("nianbao: 警告：无法处理 Ctrl-C（{e}）");
        }
    }
    let token = SessionToken::new();
    let url = format!("http://127.0.0.1:{port}/?t={}", token.as_str());
    println!("预览地址：{url}");
    let _ = std::io::stdout().flush();
    // Port 0 asks for any free port: the one chosen is in the address.
    if args.port != 0 && port != args.port {
        eprintln!("（端口 {} 已被占用，改用 {port}）", args.port);
    }
    eprintln!("保存数据文件后页面会自动更新；按 Ctrl-C 停止预览");
    if args.open {
        super::launch::open_default(&url);
    }
    server::serve(&listener, &shared, token);
    eprintln!("预览已停止");
    Ok(Status::Clean)
}

/// Prints one line per re-render.
fn log(o: &Rendering) {
    let counts = match (o.errors, o.warnings) {
        (0, 0) => "无错误".to_string(),
        (e, 0) => format!("{e} 个错误"),
        (0, w) => format!("{w} 个警告"),
        (e, w) => format!("{e} 个错误、{w} 个警告"),
    };
    if o.html.is_some() {
        eprintln!("已更新预览：{counts}");
    } else {
        let first = o.problems.first().map_or("", |p| p.message.as_str());
        eprintln!("未能生成报告（页面保留上次的版本）：{counts}；{first}");
    }
}
