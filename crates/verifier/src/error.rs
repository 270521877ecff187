//! Errors that stop `verify` before it can report findings. Each says what
//! went wrong, where, and what to do.

use std::path::PathBuf;

use workos_widgets_core::ProjectError;

/// Why `verify` could not run.
#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    #[error(transparent)]
    Project(#[from] ProjectError),

    #[error(
        "cannot list the staged files in {dir}: {message}\n  hint: run it inside a git repository with git on PATH, or drop --staged"
    )]
    Git { dir: PathBuf, message: String },

    #[error(
        "not a git repository: {dir} (--staged checks the files staged for the next commit)\n  hint: run verify without --staged, or run it inside a git repository"
    )]
    NotGitRepository { dir: PathBuf },

    #[error(
        "cannot read the staged {path}: {message}\n  hint: stage a UTF-8 package.json (git add package.json), or run verify without --staged"
    )]
    StagedManifest { path: PathBuf, message: String },

    #[error(
        "cannot write the fixes under {path}: {message}\n  hint: check that the files are writable; nothing was changed"
    )]
    Fix { path: PathBuf, message: String },

    #[error("{path}: {message}\n  hint: {hint}")]
    Hook {
        path: PathBuf,
        message: String,
        hint: String,
    },

    #[error(
        "cannot write the hook {path}: {source}\n  hint: check that the file and its folder are writable"
    )]
    HookWrite {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl VerifyError {
    /// Whether the user's input is at fault (exit 2) rather than the
    /// environment (exit 1).
    pub fn is_bad_input(&self) -> bool {
        match self {
            Self::Project(e) => e.is_bad_input(),
            Self::Git { .. }
            | Self::NotGitRepository { .. }
            | Self::StagedManifest { .. }
            | Self::Hook { .. } => true,
            Self::Fix { .. } | Self::HookWrite { .. } => false,
        }
    }
}
