//! Errors for input the tool cannot work with. Each says what went wrong,
//! where, and what to do about it.

use std::path::PathBuf;

/// A problem with the target project that stops every command.
#[derive(Debug, thiserror::Error)]
pub enum ProjectError {
    #[error(
        "{path} is a file, not a folder\n  hint: pass the app's folder (the one holding package.json)"
    )]
    PathIsFile { path: PathBuf },

    #[error(
        "another workos-widgets run on {dir} did not finish within two minutes (lock: {lock})\n  hint: wait for it to end, or end it, then run again"
    )]
    Busy { dir: PathBuf, lock: PathBuf },

    #[error(
        "WorkOS Widgets need React 18 or later, and in {dir} {found}\n  hint: upgrade react and react-dom to 18 or 19 (npm install react@latest react-dom@latest), then run again"
    )]
    ReactTooOld { dir: PathBuf, found: String },

    #[error("no package.json in {dir}\n  hint: run it in your app's folder or pass its path")]
    NoPackageJson { dir: PathBuf },

    #[error(
        "{path}:{line}:{column}: package.json is not valid JSON: {message}\n  hint: fix the syntax (an editor with JSON support shows it) and run again"
    )]
    MalformedPackageJson {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },

    #[error(
        "{path}:{line}:{column}: {message}\n  hint: fix the syntax error and run again; nothing was changed"
    )]
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },

    #[error(
        "{dir} is not a React project: package.json declares no `react` dependency{found}\n  hint: WorkOS Widgets are React components; run it in a React app"
    )]
    NotReact { dir: PathBuf, found: String },

    #[error("{framework} is not supported yet ({dir})\n  hint: supported today: {supported}")]
    UnsupportedFramework {
        dir: PathBuf,
        framework: String,
        supported: String,
    },

    #[error(
        "{dir} is a workspace root; pick one of its React packages:\n{choices}\n  hint: run it again with that package's path"
    )]
    WorkspaceRoot { dir: PathBuf, choices: String },

    #[error(
        "no entry file found in {dir} (looked for {looked_for})\n  hint: pass the app's folder, or create the entry file first"
    )]
    MissingEntry { dir: PathBuf, looked_for: String },

    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("{path}: {message}\n  hint: {hint}")]
    Manifest {
        path: PathBuf,
        message: String,
        hint: String,
    },
}

impl ProjectError {
    /// Wraps an I/O error with the path it happened on.
    /// Whether the user's input is at fault (exit 2: the project, a file
    /// in it, the arguments) rather than the environment (exit 1).
    pub fn is_bad_input(&self) -> bool {
        match self {
            Self::Busy { .. } => false,
            Self::Read { source, .. } => matches!(
                source.kind(),
                std::io::ErrorKind::NotFound
                    | std::io::ErrorKind::InvalidData
                    | std::io::ErrorKind::IsADirectory
                    | std::io::ErrorKind::NotADirectory
            ),
            Self::PathIsFile { .. }
            | Self::ReactTooOld { .. }
            | Self::NoPackageJson { .. }
            | Self::MalformedPackageJson { .. }
            | Self::Syntax { .. }
            | Self::NotReact { .. }
            | Self::UnsupportedFramework { .. }
            | Self::WorkspaceRoot { .. }
            | Self::MissingEntry { .. }
            | Self::Manifest { .. } => true,
        }
    }

    pub fn read(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Self::Read {
            path: path.into(),
            source,
        }
    }
}

/// Reads a file to a string, naming the file on failure.
pub fn read_to_string(path: &std::path::Path) -> Result<String, ProjectError> {
    std::fs::read_to_string(path).map_err(|e| ProjectError::read(path, e))
}
