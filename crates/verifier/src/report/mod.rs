//! A run's result and its renderings: human (grouped by file, with code
//! frames), JSON and SARIF 2.1.0.

pub mod human;
pub mod json;
pub mod sarif;

use std::path::PathBuf;

use serde::Serialize;

use crate::finding::{Finding, Severity};
use crate::fix::FixReport;
use crate::online::Minted;

/// Everything a run found and did.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// e.g. `vite`, `next-js`.
    pub framework: String,
    pub router: Option<String>,
    /// Whether only staged files were checked.
    pub staged: bool,
    pub files_scanned: usize,
    pub files_parsed: usize,
    pub findings: Vec<Finding>,
    /// With `--fix`: what was changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fixes: Option<FixReport>,
    /// With `--online`: the token that was minted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub online: Option<Minted>,
    /// The project folder relative to the git repository root (SARIF URIs
    /// are relative to the repository).
    #[serde(skip)]
    pub repo_prefix: PathBuf,
    /// The project folder, to read code frames from.
    #[serde(skip)]
    pub root: PathBuf,
}

impl Report {
    /// How many findings have `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// How many findings `--fix` could fix.
    pub fn fixable(&self) -> usize {
        self.findings.iter().filter(|f| f.fix.is_some()).count()
    }

    /// Whether the run fails: errors, or warnings under `--deny-warnings`.
    pub fn fails(&self, deny_warnings: bool) -> bool {
        self.count(Severity::Error) > 0 || (deny_warnings && self.count(Severity::Warning) > 0)
    }
}
