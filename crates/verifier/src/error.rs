//! Errors that stop `verify` before it can report findings. Each says what
//! went wrong, where, and what to do.

use std::path::PathBuf;

use workos_widgets_core::{Hint, ProjectError};

/// Why `verify` could not run.
#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    #[error(transparent)]
    Project(#[from] ProjectError),

    #[error("cannot list the staged files in {dir}: {message}")]
    Git { dir: PathBuf, message: String },

    #[error("not a git repository: {dir} (--staged checks the files staged for the next commit)")]
    NotGitRepository { dir: PathBuf },

    #[error("cannot read the staged {path}: {message}")]
    StagedManifest { path: PathBuf, message: String },

    #[error("cannot write the fixes under {path}: {message}")]
    Fix { path: PathBuf, message: String },

    #[error("{path}: {message}")]
    Hook {
        path: PathBuf,
        message: String,
        hint: String,
    },

    #[error("cannot write the hook {path}: {source}")]
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

impl Hint for VerifyError {
    fn hint(&self) -> Option<String> {
        Some(match self {
            Self::Project(e) => return e.hint(),
            Self::Git { .. } => {
                "run it inside a git repository with git on PATH, or drop --staged".to_owned()
            }
            Self::NotGitRepository { .. } => {
                "run verify without --staged, or run it inside a git repository".to_owned()
            }
            Self::StagedManifest { .. } => {
                "stage a UTF-8 package.json (git add package.json), or run verify without --staged"
                    .to_owned()
            }
            Self::Fix { .. } => "check that the files are writable; nothing was changed".to_owned(),
            Self::Hook { hint, .. } => hint.clone(),
            Self::HookWrite { .. } => "check that the file and its folder are writable".to_owned(),
        })
    }
}
