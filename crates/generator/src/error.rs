//! Errors from planning and applying changes.

use std::path::PathBuf;

use workos_widgets_core::ProjectError;

/// Why `init`/`add` cannot go on. Nothing has been written when one is returned.
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    #[error(transparent)]
    Project(#[from] ProjectError),

    #[error("unknown widget `{id}`\n  hint: choose from: {known}")]
    UnknownWidget { id: String, known: String },

    #[error("{path}: {message}\n  hint: {hint}")]
    Edit {
        path: PathBuf,
        message: String,
        hint: String,
    },

    #[error(
        "internal error: the edited {path} no longer parses ({source}); nothing was written\n  hint: please report this with the file attached"
    )]
    EditBrokeSyntax {
        path: PathBuf,
        #[source]
        source: ProjectError,
    },

    #[error("template `{name}` failed to render: {message}")]
    Template { name: String, message: String },

    #[error(
        "cannot write {path}: {source}\n  hint: check that the folder is writable; nothing was changed"
    )]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("{0}")]
    NotSetUp(String),
}
