//! A child process together with every process it starts, stopped as one:
//! on Unix the child leads a process group of its own and the group is
//! killed; on Windows the child starts suspended, is put in a job object
//! that kills its members when its last handle closes, and is resumed only
//! then, so nothing it starts can escape the job.

use std::io;
use std::process::{Child, Command, ExitStatus};

/// A running child and the processes it started.
pub(super) struct ProcessTree {
    /// The direct child (not yet reaped while the tree runs).
    child: Child,
    /// The job holding the child and its descendants; `None` when Windows
    /// refused one (Windows 7 inside another job): then only the child is
    /// killed.
    #[cfg(windows)]
    job: Option<job::Job>,
    /// Whether the child has been reaped.
    done: bool,
}

impl ProcessTree {
    /// Starts `command` as the root of a tree of its own.
    pub(super) fn spawn(command: &mut Command) -> io::Result<Self> {
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(command, 0);
        #[cfg(windows)]
        std::os::windows::process::CommandExt::creation_flags(command, job::CREATE_SUSPENDED);
        let child = command.spawn()?;
        #[cfg(windows)]
        let (child, job) = job::adopt(child)?;
        Ok(Self {
            child,
            #[cfg(windows)]
            job,
            done: false,
        })
    }

    /// The child's exit status when it has ended (its descendants may still
    /// run).
    pub(super) fn try_wait(&mut self) -> io::Result<Option<ExitStatus>> {
        let status = self.child.try_wait()?;
        self.done |= status.is_some();
        Ok(status)
    }

    /// Kills the child and every process it started, and reaps the child.
    pub(super) fn kill(&mut self) {
        #[cfg(unix)]
        if !self.done {
            kill_group(&self.child);
        }
        #[cfg(windows)]
        if let Some(job) = &self.job {
            job.terminate();
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.done = true;
    }

    /// The child's process id (on Unix also its group's).
    #[cfg(any(unix, all(test, windows)))]
    pub(super) fn id(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for ProcessTree {
    /// A tree given up early (an error while waiting) is not left running.
    fn drop(&mut self) {
        if !self.done {
            self.kill();
        }
    }
}

/// Kills every process of the group `child` leads. The child is not yet
/// reaped, so its id, which is the group's, cannot have been reused.
#[cfg(unix)]
fn kill_group(child: &Child) {
    #![allow(unsafe_code)]
    if let Ok(group) = libc::pid_t::try_from(child.id()) {
        // SAFETY: kill(2) takes plain integers and touches no memory of
        // ours; a negative pid names the process group.
        unsafe {
            libc::kill(-group, libc::SIGKILL);
        }
    }
}

#[cfg(windows)]
mod job;

#[cfg(all(test, windows))]
mod tests;
