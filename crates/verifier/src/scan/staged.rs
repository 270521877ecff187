//! `--staged`: the files staged in git, relative to the project root.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::VerifyError;

/// The added, copied, modified and renamed files in git's index, relative
/// to `root` (files outside `root` are left out).
pub fn files(root: &Path) -> Result<Vec<PathBuf>, VerifyError> {
    let output = Command::new("git")
        .args([
            "diff",
            "--cached",
            "--name-only",
            "-z",
            "--diff-filter=ACMR",
            "--relative",
        ])
        .current_dir(root)
        .output()
        .map_err(|source| VerifyError::Git {
            dir: root.to_path_buf(),
            message: source.to_string(),
        })?;
    if !output.status.success() {
        return Err(VerifyError::Git {
            dir: root.to_path_buf(),
            message: String::from_utf8_lossy(&output.stderr).trim().to_owned(),
        });
    }
    Ok(output
        .stdout
        .split(|b| *b == 0)
        .filter(|name| !name.is_empty())
        .map(|name| PathBuf::from(String::from_utf8_lossy(name).into_owned()))
        .collect())
}
