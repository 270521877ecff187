//! A planned change of one file: what `init`, `add` and `verify --fix`
//! hand to [`super::apply::write_all`].

use std::path::PathBuf;

use serde::Serialize;

/// What happens to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    Create,
    Modify,
    /// The file is removed (`after` is empty).
    Delete,
}

/// One file's planned content.
#[derive(Debug, Clone, Serialize)]
pub struct FileChange {
    /// Relative to the project root.
    pub path: PathBuf,
    pub action: Action,
    #[serde(skip)]
    pub before: Option<String>,
    #[serde(skip)]
    pub after: String,
    /// Why the file changes, one line.
    pub reason: String,
}
