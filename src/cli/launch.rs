//! How the program was started, and what it starts itself: the window a
//! double-click opens, the default browser.

use std::io::{BufRead, IsTerminal, Write};
use std::process::{Command, Stdio};

/// Whether the program was started without a terminal the user typed in:
/// on Windows by a double-click in Explorer (the console window is the
/// program's own: no cmd.exe or PowerShell shares it), elsewhere when
/// neither stdin nor stdout is a terminal in a graphical session (a file
/// manager, a desktop launcher).
pub fn started_without_terminal() -> bool {
    #[cfg(windows)]
    {
        windows::owns_its_console()
    }
    #[cfg(not(windows))]
    {
        // A desktop launcher: no terminal on either end, and a graphical
        // session to open the browser in. A script or a test (no display)
        // keeps the plain usage message.
        let display = ["DISPLAY", "WAYLAND_DISPLAY"]
            .iter()
            .any(|v| std::env::var_os(v).is_some_and(|d| !d.is_empty()));
        display && !std::io::stdin().is_terminal() && !std::io::stdout().is_terminal()
    }
}

/// What a start with no arguments and no terminal shows: how to run the
/// program, in Chinese. The window then waits for Enter, so that it does
/// not flash and vanish before it is read.
pub(crate) fn explain_and_wait() {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(guide().as_bytes());
    let _ = out.flush();
    drop(out);
    if std::io::stdin().is_terminal() {
        let _ = std::io::stdin().lock().read_line(&mut String::new());
    }
}

/// The text of [`explain_and_wait`].
fn guide() -> String {
    let (shell, open_it) = if cfg!(windows) {
        (
            "命令提示符（cmd）或 PowerShell 中",
            "  1. 在资源管理器中打开 nianbao.exe 所在的文件夹；\n  \
             2. 在窗口上方的地址栏中输入 cmd，按回车，打开命令提示符；\n",
        )
    } else {
        (
            "终端中",
            "  1. 打开终端（在文件管理器中 nianbao 所在的文件夹里点右键，选“在终端中打开”）；\n  \
             2. 终端的当前目录应是 nianbao 所在的文件夹；\n",
        )
    };
    let exe = if cfg!(windows) {
        "nianbao"
    } else {
        "./nianbao"
    };
    format!(
        "nianbao：政府信息公开工作年度报告工具\n\n\
         这是命令行程序，要在{shell}输入命令使用，双击不能直接使用。\n\
         {open_it}  \
         3. 输入命令，例如：\n\
         \x20    {exe} new --year 2025 --agency 某市某局     生成空白的数据文件 2025.yaml\n\
         \x20    {exe} check 2025.yaml                       校验数据\n\
         \x20    {exe} build 2025.yaml                       生成 PDF、网页等，放在 out 文件夹\n\
         \x20    {exe} preview 2025.yaml --open              在浏览器中边改边看\n\
         \x20    {exe} help                                  查看全部命令\n\
         \x20 详细说明见同一文件夹中的 README.md。\n\n\
         按回车键关闭此窗口……\n"
    )
}

/// Opens `target` (a web address or a file) with the system's default
/// program. Failing is only a warning, naming the address to open by hand.
pub(crate) fn open_default(target: &str) {
    let mut cmd = opener(target);
    cmd.stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let shown = crate::diag::visible(target).into_owned();
    let warn = move |why: String| {
        eprintln!("nianbao: 警告：无法打开浏览器（{why}），请手动打开 {shown}");
    };
    match cmd.spawn() {
        Ok(mut child) => {
            // Reap the opener in the background; it may take a while.
            std::thread::spawn(move || match child.wait() {
                Ok(status) if !status.success() => warn(format!("打开命令失败：{status}")),
                _ => {}
            });
        }
        Err(e) => warn(crate::files::io_message(&e)),
    }
}

/// The command that opens `target` with the default program. On Windows
/// the shell's own URL handler (`rundll32 url.dll,FileProtocolHandler`,
/// which calls ShellExecute): the address is one argument, never read by
/// cmd.exe, so `&`, `^` or `%` in a path cannot start another command, and
/// it exits 0 on success (explorer.exe does not).
fn opener(target: &str) -> Command {
    let (program, args): (&str, &[&str]) = if cfg!(windows) {
        ("rundll32.exe", &["url.dll,FileProtocolHandler"])
    } else if cfg!(target_os = "macos") {
        ("open", &[])
    } else {
        ("xdg-open", &[])
    };
    let mut cmd = Command::new(program);
    cmd.args(args).arg(target);
    cmd
}

#[cfg(windows)]
mod windows {
    //! The one Win32 call std does not wrap. Declared here rather than
    //! through windows-sys: one function does not need a crate.
    #![allow(unsafe_code)]

    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn GetConsoleProcessList(list: *mut u32, count: u32) -> u32;
    }

    /// Whether this process is the only one attached to its console: the
    /// console was made for it (Explorer started it), not inherited from
    /// cmd.exe or PowerShell, which would be attached too.
    pub(super) fn owns_its_console() -> bool {
        let mut ids = [0u32; 4];
        // SAFETY: `ids` is a writable buffer of the length passed; the call
        // writes at most that many ids and returns the number attached
        // (0 on failure, e.g. no console at all).
        let attached = unsafe { GetConsoleProcessList(ids.as_mut_ptr(), ids.len() as u32) };
        attached == 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_guide_says_where_to_type_and_waits() {
        let text = guide();
        assert!(text.contains("check 2025.yaml"), "{text}");
        assert!(text.contains("README.md"), "{text}");
        assert!(text.ends_with("按回车键关闭此窗口……\n"), "{text}");
    }

    #[test]
    fn the_opener_gets_the_address_as_one_argument() {
        let url = "http://127.0.0.1:8000/?a=1&b=2";
        let cmd = opener(url);
        let args: Vec<_> = cmd.get_args().collect();
        assert_eq!(args.last().map(|a| a.to_str()), Some(Some(url)));
        if cfg!(windows) {
            assert_eq!(cmd.get_program(), "rundll32.exe");
        }
    }
}
