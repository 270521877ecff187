//! `--staged`: the files staged in git, relative to the project root, and
//! their staged content (the blobs in git's index: what the commit will
//! hold, which `git add -p` can make differ from the working tree).

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::{Mutex, PoisonError};

use crate::VerifyError;

/// Git's index as seen from the project root: the staged paths, and one
/// `git cat-file --batch` process that reads staged blobs on demand.
pub struct Index {
    /// The added, copied, modified and renamed files, relative to the root.
    pub files: Vec<PathBuf>,
    /// The root relative to the repository's top folder (`""` or `app/`).
    prefix: String,
    batch: Mutex<Option<Batch>>,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("files", &self.files)
            .field("prefix", &self.prefix)
            .finish_non_exhaustive()
    }
}

struct Batch {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl Drop for Batch {
    fn drop(&mut self) {
        // Closing stdin ends `git cat-file`; reap it.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn git(root: &Path, args: &[&str]) -> Result<std::process::Output, VerifyError> {
    Command::new("git")
        .args(args)
        .current_dir(root)
        .output()
        .map_err(|source| VerifyError::Git {
            dir: root.to_path_buf(),
            message: format!("cannot run git: {source}"),
        })
}

/// The first line of git's error output.
fn first_line(stderr: &[u8]) -> String {
    String::from_utf8_lossy(stderr)
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("git failed")
        .trim()
        .to_owned()
}

impl Index {
    /// Opens the index of the repository that holds `root`. Fails with
    /// [`VerifyError::NotGitRepository`] outside a repository.
    pub fn open(root: &Path) -> Result<Self, VerifyError> {
        let output = git(root, &["rev-parse", "--show-prefix"])?;
        if !output.status.success() {
            let message = first_line(&output.stderr);
            if message.contains("not a git repository") {
                return Err(VerifyError::NotGitRepository {
                    dir: root.to_path_buf(),
                });
            }
            return Err(VerifyError::Git {
                dir: root.to_path_buf(),
                message,
            });
        }
        let prefix = String::from_utf8_lossy(&output.stdout)
            .trim_end()
            .to_owned();
        Ok(Self {
            files: files(root)?,
            prefix,
            batch: Mutex::new(spawn_batch(root)),
        })
    }

    /// Whether `path` (relative to the root) is staged.
    pub fn is_staged(&self, path: &Path) -> bool {
        self.files.iter().any(|f| f == path)
    }

    /// The staged content of `path` (relative to the root), `None` when
    /// git's index does not hold it (an untracked file) or it cannot be
    /// read.
    pub fn read(&self, path: &Path) -> Option<Vec<u8>> {
        let name = path.to_str()?;
        if name.contains(['\n', '\r']) {
            return None;
        }
        let name = name.replace('\\', "/");
        let mut guard = self.batch.lock().unwrap_or_else(PoisonError::into_inner);
        let batch = guard.as_mut()?;
        match batch.read(&format!(":{}{name}", self.prefix)) {
            Ok(found) => found,
            Err(_) => {
                // The process died: stop asking it.
                *guard = None;
                None
            }
        }
    }
}

fn spawn_batch(root: &Path) -> Option<Batch> {
    let mut child = Command::new("git")
        .args(["cat-file", "--batch"])
        .current_dir(root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let stdin = child.stdin.take()?;
    let stdout = BufReader::new(child.stdout.take()?);
    Some(Batch {
        child,
        stdin,
        stdout,
    })
}

impl Batch {
    /// One `cat-file --batch` request: `<oid> <type> <size>\n<content>\n`,
    /// or `<name> missing\n`.
    fn read(&mut self, object: &str) -> std::io::Result<Option<Vec<u8>>> {
        writeln!(self.stdin, "{object}")?;
        self.stdin.flush()?;
        let mut header = String::new();
        if self.stdout.read_line(&mut header)? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        let fields: Vec<&str> = header.trim_end().split(' ').collect();
        let [_, kind, size] = fields.as_slice() else {
            // `missing`, `ambiguous`: nothing follows.
            return Ok(None);
        };
        let Ok(size) = size.parse::<usize>() else {
            return Err(std::io::ErrorKind::InvalidData.into());
        };
        let mut content = vec![0; size + 1];
        self.stdout.read_exact(&mut content)?;
        content.pop();
        Ok((*kind == "blob").then_some(content))
    }
}

/// The added, copied, modified and renamed files in git's index, relative
/// to `root` (files outside `root` are left out).
pub fn files(root: &Path) -> Result<Vec<PathBuf>, VerifyError> {
    let output = git(
        root,
        &[
            "diff",
            "--cached",
            "--name-only",
            "-z",
            "--diff-filter=ACMR",
            "--relative",
        ],
    )?;
    if !output.status.success() {
        return Err(VerifyError::Git {
            dir: root.to_path_buf(),
            message: first_line(&output.stderr),
        });
    }
    Ok(output
        .stdout
        .split(|b| *b == 0)
        .filter(|name| !name.is_empty())
        .map(|name| PathBuf::from(String::from_utf8_lossy(name).into_owned()))
        .collect())
}
