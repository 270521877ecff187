//! Errors from editing and writing the user's files.

use std::path::PathBuf;

use crate::{Hint, ProjectError};

/// Why an edit of the user's files cannot be made or written. Nothing has
/// been written when one is returned.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    /// A file to edit could not be read or parsed.
    #[error(transparent)]
    Project(#[from] ProjectError),

    /// The file's code has no place the edit fits; `hint` says what to do.
    #[error("{path}: {message}")]
    Edit {
        path: PathBuf,
        message: String,
        hint: String,
    },

    /// An edit of ours produced code that no longer parses (a bug of ours).
    #[error("internal error: the edited {path} no longer parses ({source}); nothing was written")]
    EditBrokeSyntax {
        path: PathBuf,
        #[source]
        source: ProjectError,
    },

    /// A file could not be written.
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl EditError {
    /// Whether the user's input is at fault (exit 2) rather than the
    /// environment or the tool itself (exit 1).
    pub fn is_bad_input(&self) -> bool {
        match self {
            Self::Project(e) => e.is_bad_input(),
            Self::Edit { .. } => true,
            Self::EditBrokeSyntax { .. } | Self::Write { .. } => false,
        }
    }
}

impl Hint for EditError {
    fn hint(&self) -> Option<String> {
        match self {
            Self::Project(e) => e.hint(),
            Self::Edit { hint, .. } => Some(hint.clone()),
            Self::EditBrokeSyntax { .. } => {
                Some("please report this with the file attached".to_owned())
            }
            Self::Write { .. } => {
                Some("check that the folder is writable; nothing was changed".to_owned())
            }
        }
    }
}
