//! One run at a time per project: `init`, `add` and `verify --fix` hold an
//! exclusive lock for the whole run, so two runs at once neither lose each
//! other's manifest updates nor trip over each other's temporary files.
//!
//! The lock is an OS file lock (`flock`) on a file in the system's temp
//! folder named after the project's path: nothing is added to the project,
//! and a run that dies releases it with its process (no stale lock).

use std::fs::{File, OpenOptions, TryLockError};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::ProjectError;

/// How long a run waits for another one on the same project.
const WAIT: Duration = Duration::from_mins(2);

/// Held for the duration of a run; dropping it releases the lock.
#[derive(Debug)]
pub struct ProjectLock {
    _file: File,
}

/// Takes the lock for the project at `root`, waiting (up to two minutes)
/// while another run holds it. `waiting` is called once if it has to wait.
pub fn lock(root: &Path, waiting: impl FnOnce()) -> Result<ProjectLock, ProjectError> {
    let path = lock_path(root);
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| ProjectError::read(&path, e))?;
    let started = Instant::now();
    let mut waiting = Some(waiting);
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(ProjectLock { _file: file }),
            Err(TryLockError::WouldBlock) => {
                if let Some(notify) = waiting.take() {
                    notify();
                }
                if started.elapsed() > WAIT {
                    return Err(ProjectError::Busy {
                        dir: root.to_path_buf(),
                        lock: path,
                    });
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            Err(TryLockError::Error(e)) => return Err(ProjectError::read(&path, e)),
        }
    }
}

/// `<temp>/workos-widgets-<hash of the canonical root>.lock`.
fn lock_path(root: &Path) -> PathBuf {
    let canonical = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    canonical.hash(&mut hasher);
    std::env::temp_dir().join(format!("workos-widgets-{:016x}.lock", hasher.finish()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_run_waits_for_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let first = lock(dir.path(), || panic!("nothing holds it yet")).unwrap();
        let waited = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = std::sync::Arc::clone(&waited);
        let root = dir.path().to_path_buf();
        let second = std::thread::spawn(move || {
            lock(&root, || {
                flag.store(true, std::sync::atomic::Ordering::SeqCst);
            })
            .map(|_| ())
        });
        std::thread::sleep(Duration::from_millis(300));
        drop(first);
        second.join().unwrap().unwrap();
        assert!(
            waited.load(std::sync::atomic::Ordering::SeqCst),
            "the second run waited"
        );
    }
}
