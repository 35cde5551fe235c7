//! Old Word documents (`.doc`, Word 97–2003), which many agencies still
//! publish: read through an installed LibreOffice when there is one (found,
//! never required), which converts a private copy to `.docx` headless, in a
//! throw-away profile and under a time limit; otherwise refused with the
//! exact steps to convert the file in Word or WPS.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::ImportError;

/// How long LibreOffice may take to convert one document.
const CONVERT_TIMEOUT: Duration = Duration::from_secs(60);

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
    let failed = |detail: String| ImportError::OldWord {
        detail: Some(detail),
    };
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
    let mut child = Command::new(&soffice)
        .arg(format!("-env:UserInstallation={profile_url}"))
        .args(["--headless", "--norestore", "--nolockcheck"])
        .args(["--convert-to", "docx:MS Word 2007 XML", "--outdir"])
        .arg(work.path())
        .arg(&input)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| {
            failed(format!(
                "无法启动 LibreOffice（{}）：{e}",
                soffice.display()
            ))
        })?;
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if started.elapsed() > CONVERT_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(failed(format!(
                    "LibreOffice 转换超过 {} 秒仍未完成，已停止",
                    CONVERT_TIMEOUT.as_secs()
                )));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(failed(format!("LibreOffice 转换失败：{e}"))),
        }
    }
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

    #[test]
    fn compound_files_are_recognised_by_their_signature() {
        assert!(is_compound_file(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0"));
        assert!(!is_compound_file(b"PK\x03\x04"));
        assert!(!is_compound_file(b"\xD0\xCF\x11"));
    }
}
