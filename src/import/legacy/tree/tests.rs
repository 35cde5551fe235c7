//! Windows: the job object kills what the child started, not only the child.
#![allow(unsafe_code)]

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use windows_sys::Win32::Foundation::{CloseHandle, INVALID_HANDLE_VALUE, WAIT_OBJECT_0};
use windows_sys::Win32::System::Diagnostics::ToolHelp::{
    CreateToolhelp32Snapshot, PROCESSENTRY32W, Process32FirstW, Process32NextW, TH32CS_SNAPPROCESS,
};
use windows_sys::Win32::System::JobObjects::{
    JOBOBJECT_BASIC_ACCOUNTING_INFORMATION, JobObjectBasicAccountingInformation,
    QueryInformationJobObject,
};
use windows_sys::Win32::System::Threading::{
    OpenProcess, PROCESS_SYNCHRONIZE, WaitForSingleObject,
};

use super::ProcessTree;

/// The ids of the running processes whose parent is `parent`.
fn children_of(parent: u32) -> Vec<u32> {
    // SAFETY: a process snapshot, walked with a sized entry and closed.
    unsafe {
        let snapshot = CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0);
        assert_ne!(snapshot, INVALID_HANDLE_VALUE);
        let mut entry: PROCESSENTRY32W = std::mem::zeroed();
        entry.dwSize = size_of::<PROCESSENTRY32W>() as u32;
        let mut found = Vec::new();
        let mut more = Process32FirstW(snapshot, &raw mut entry) != 0;
        while more {
            if entry.th32ParentProcessID == parent {
                found.push(entry.th32ProcessID);
            }
            more = Process32NextW(snapshot, &raw mut entry) != 0;
        }
        CloseHandle(snapshot);
        found
    }
}

/// Whether process `pid` has ended (or is gone) within `wait`.
fn has_ended(pid: u32, wait: Duration) -> bool {
    // SAFETY: a handle opened for waiting only, closed after the wait.
    unsafe {
        let handle = OpenProcess(PROCESS_SYNCHRONIZE, 0, pid);
        if handle.is_null() {
            return true;
        }
        let r = WaitForSingleObject(handle, wait.as_millis() as u32);
        CloseHandle(handle);
        r == WAIT_OBJECT_0
    }
}

/// How many processes the job has held, and how many it holds now.
fn accounting(tree: &ProcessTree) -> (u32, u32) {
    let job = tree.job.as_ref().expect("the child runs in a job");
    // SAFETY: an all-zero accounting record is valid; its size is passed.
    unsafe {
        let mut info: JOBOBJECT_BASIC_ACCOUNTING_INFORMATION = std::mem::zeroed();
        let ok = QueryInformationJobObject(
            job.handle(),
            JobObjectBasicAccountingInformation,
            (&raw mut info).cast(),
            size_of::<JOBOBJECT_BASIC_ACCOUNTING_INFORMATION>() as u32,
            std::ptr::null_mut(),
        );
        assert_ne!(ok, 0, "{}", std::io::Error::last_os_error());
        (info.TotalProcesses, info.ActiveProcesses)
    }
}

/// `cmd /c ping …`: cmd is the child, ping its own child. Killing the
/// tree ends ping too (killing cmd alone would leave it running).
#[test]
fn the_job_kills_the_childs_own_children() {
    let mut command = Command::new("cmd");
    command
        .args(["/c", "ping -n 60 127.0.0.1"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let mut tree = ProcessTree::spawn(&mut command).unwrap();
    let start = Instant::now();
    let grandchildren = loop {
        let found = children_of(tree.id());
        if !found.is_empty() {
            break found;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "ping never started"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    let (total, active) = accounting(&tree);
    assert!(total >= 2 && active >= 2, "job holds {active} of {total}");
    assert!(tree.try_wait().unwrap().is_none(), "cmd ended early");
    tree.kill();
    for pid in grandchildren {
        assert!(
            has_ended(pid, Duration::from_secs(5)),
            "ping ({pid}) still runs after the tree was killed"
        );
    }
    assert_eq!(accounting(&tree).1, 0);
}
