//! Old Word documents (`.doc`, Word 97–2003), which many agencies still
//! publish: read through an installed LibreOffice when there is one (found,
//! never required), which converts a private copy to `.docx` headless, in a
//! throw-away profile and under a time limit; otherwise refused with the
//! exact steps to convert the file in Word or WPS.
//!
//! LibreOffice starts helpers of its own (`oosplash` → `soffice.bin`), so it
//! runs as a [`tree::ProcessTree`] (Unix: a process group of its own;
//! Windows: a job object) and the whole tree is killed when the limit
//! passes; the profile folder goes with the temporary folder.

#[cfg(unix)]
mod interrupt;
mod tree;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::ImportError;
use tree::ProcessTree;

/// How long LibreOffice may take to convert one document (a cold start
/// takes 2–5 s): 8 s, which leaves the whole command room to finish within
/// the 10 s every input is held to.
pub const CONVERT_TIMEOUT: Duration = Duration::from_secs(8);

/// Largest `.docx` read back from the conversion.
const MAX_CONVERTED_BYTES: u64 = 64 * 1024 * 1024;

/// Environment variable naming the LibreOffice program to use; set it to
/// an empty value to never use one.
pub const SOFFICE_VAR: &str = "NIANBAO_SOFFICE";

/// Whether `bytes` are an OLE compound file (`.doc`, `.xls`, `.ppt`, `.wps`).
pub fn is_compound_file(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
}

/// Converts an old Word document to `.docx` bytes with LibreOffice.
pub fn to_docx(bytes: &[u8]) -> Result<Vec<u8>, ImportError> {
    let Some(soffice) = find_soffice() else {
        return Err(ImportError::OldWord { detail: None });
    };
    convert(bytes, &soffice, CONVERT_TIMEOUT)
}

/// [`to_docx`] with the program `soffice`, stopped after `timeout`.
fn convert(bytes: &[u8], soffice: &Path, timeout: Duration) -> Result<Vec<u8>, ImportError> {
    let failed = |detail: String| ImportError::OldWord {
        detail: Some(detail),
    };
    // Before the folder: dropped after it, when a signal caught is raised.
    #[cfg(unix)]
    let mut watch = interrupt::Watch::start();
    let work = crate::files::private_temp_dir("nianbao-doc")
        .map_err(|e| failed(format!("无法建立临时文件夹：{e}")))?;
    let input = work.path().join("report.doc");
    std::fs::write(&input, bytes).map_err(|e| failed(format!("无法写入临时文件：{e}")))?;
    let profile = work.path().join("profile");
    let mut profile_url = String::from("file://");
    if !profile.starts_with("/") {
        profile_url.push('/');
    }
    profile_url.push_str(&profile.to_string_lossy().replace('\\', "/"));
    let mut command = Command::new(soffice);
    command
        .arg(format!("-env:UserInstallation={profile_url}"))
        .args(["--headless", "--norestore", "--nolockcheck"])
        .args(["--convert-to", "docx:MS Word 2007 XML", "--outdir"])
        .arg(work.path())
        .arg(&input)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let mut tree = ProcessTree::spawn(&mut command).map_err(|e| {
        failed(format!(
            "无法启动 LibreOffice（{}）：{e}",
            soffice.display()
        ))
    })?;
    #[cfg(unix)]
    watch.add(tree.id());
    let started = Instant::now();
    loop {
        #[cfg(unix)]
        if interrupt::Watch::caught().is_some() {
            watch.remove();
            tree.kill();
            return Err(failed(
                "nianbao 被中断，已停止转换（连同它启动的进程）".into(),
            ));
        }
        match tree.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if started.elapsed() > timeout => {
                #[cfg(unix)]
                watch.remove();
                tree.kill();
                return Err(failed(format!(
                    "LibreOffice 转换超过 {} 秒仍未完成，已停止（连同它启动的进程）",
                    timeout.as_secs()
                )));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(failed(format!("LibreOffice 转换失败：{e}"))),
        }
    }
    #[cfg(unix)]
    watch.remove();
    let output = work.path().join("report.docx");
    crate::files::read_limited(&output, MAX_CONVERTED_BYTES, "转换后的 Word 文档").map_err(|_| {
        failed("LibreOffice 没能把它转换为 .docx（文件可能已损坏，或不是 Word 文档）".into())
    })
}

/// The LibreOffice program: `NIANBAO_SOFFICE` when set, else `soffice` or
/// `libreoffice` on the search path, else the usual install places.
fn find_soffice() -> Option<PathBuf> {
    if let Some(v) = std::env::var_os(SOFFICE_VAR) {
        let p = PathBuf::from(v);
        return (!p.as_os_str().is_empty() && p.is_file()).then_some(p);
    }
    let names: &[&str] = if cfg!(windows) {
        &["soffice.exe"]
    } else {
        &["soffice", "libreoffice"]
    };
    let on_path = std::env::var_os("PATH").into_iter().flat_map(|paths| {
        std::env::split_paths(&paths)
            .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
            .collect::<Vec<_>>()
    });
    let usual = usual_places().into_iter().map(PathBuf::from);
    on_path.chain(usual).find(|p| is_program(p))
}

/// Where LibreOffice is installed when it is not on the search path.
fn usual_places() -> Vec<String> {
    if cfg!(windows) {
        ["ProgramFiles", "ProgramFiles(x86)"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .map(|d| format!("{d}\\LibreOffice\\program\\soffice.exe"))
            .collect()
    } else if cfg!(target_os = "macos") {
        vec!["/Applications/LibreOffice.app/Contents/MacOS/soffice".into()]
    } else {
        vec![
            "/usr/lib/libreoffice/program/soffice".into(),
            "/opt/libreoffice/program/soffice".into(),
        ]
    }
}

/// Whether `p` is a file this user may run.
fn is_program(p: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(p) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        meta.is_file() && meta.permissions().mode() & 0o111 != 0
    }
    #[cfg(not(unix))]
    {
        meta.is_file()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A converter that hangs, and leaves a helper of its own running, is
    /// stopped whole at the limit (issue 45.3).
    #[cfg(target_os = "linux")]
    #[test]
    fn a_hanging_converter_is_killed_with_its_helpers() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = crate::testutil::TempDir::new("soffice");
        let pid_file = tmp.0.join("helper.pid");
        let script = tmp.0.join("soffice");
        std::fs::write(
            &script,
            format!(
                "#!/bin/sh\nsleep 300 &\necho $! > '{}'\nsleep 300\n",
                pid_file.display()
            ),
        )
        .unwrap();
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
        let start = Instant::now();
        let e = convert(b"\xD0\xCF\x11\xE0", &script, Duration::from_secs(1)).unwrap_err();
        assert!(e.to_string().contains("已停止"), "{e}");
        assert!(start.elapsed() < Duration::from_secs(5));
        let helper = std::fs::read_to_string(&pid_file).unwrap();
        // Gone, or a zombie waiting for whoever inherits it to reap it.
        let stat = PathBuf::from(format!("/proc/{}/stat", helper.trim()));
        let gone = (0..50).any(|_| {
            std::thread::sleep(Duration::from_millis(20));
            std::fs::read_to_string(&stat).map_or(true, |s| {
                s.rsplit(')')
                    .next()
                    .is_some_and(|r| r.trim_start().starts_with('Z'))
            })
        });
        assert!(gone, "LibreOffice's helper {} still runs", helper.trim());
    }

    #[test]
    fn compound_files_are_recognised_by_their_signature() {
        assert!(is_compound_file(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0"));
        assert!(!is_compound_file(b"PK\x03\x04"));
        assert!(!is_compound_file(b"\xD0\xCF\x11"));
    }
}
