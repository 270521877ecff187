//! Errors for input the tool cannot work with. Each says what went wrong,
//! where, and what to do about it.

use std::path::PathBuf;

/// An error that can say what the user can do about it, apart from what
/// went wrong: printed as a `hint:` line, and as the `hint` field of
/// `--json` errors.
pub trait Hint {
    /// What to do next, when there is something to say.
    fn hint(&self) -> Option<String>;
}

/// A problem with the target project that stops every command.
#[derive(Debug, thiserror::Error)]
pub enum ProjectError {
    #[error("{path} is a file, not a folder")]
    PathIsFile { path: PathBuf },

    #[error("another workos-widgets run on {dir} did not finish within two minutes (lock: {lock})")]
    Busy { dir: PathBuf, lock: PathBuf },

    #[error("WorkOS Widgets need React 18 or later, and in {dir} {found}")]
    ReactTooOld { dir: PathBuf, found: String },

    #[error("no package.json in {dir}")]
    NoPackageJson { dir: PathBuf },

    #[error("{path}:{line}:{column}: package.json is not valid JSON: {message}")]
    MalformedPackageJson {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },

    #[error("{path}:{line}:{column}: {message}")]
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },

    #[error(
        "{path}:{line}:{column}: nested too deep here (brackets, JSX elements, chained operators): too deep to read safely"
    )]
    TooDeep {
        path: PathBuf,
        line: usize,
        column: usize,
    },

    #[error("{path} is a symbolic link to {target}, outside the project: not read")]
    LinkOutsideProject { path: PathBuf, target: PathBuf },

    #[error("{dir} is not a React project: package.json declares no `react` dependency{found}")]
    NotReact { dir: PathBuf, found: String },

    #[error("{framework} is not supported yet ({dir})")]
    UnsupportedFramework {
        dir: PathBuf,
        framework: String,
        supported: String,
    },

    #[error("{dir} is a workspace root; pick one of its React packages:\n{choices}")]
    WorkspaceRoot { dir: PathBuf, choices: String },

    #[error("no entry file found in {dir} (looked for {looked_for})")]
    MissingEntry { dir: PathBuf, looked_for: String },

    #[error("{}:{}: `{}` is computed (`{}`), so where the framework looks for routes is known only when the config runs", .option.file.display(), .option.line, .option.option, .option.code)]
    ComputedRoutesOption {
        option: Box<crate::project::UnresolvedOption>,
        /// The folder the tool would have guessed, for the hint's example.
        example: String,
    },

    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("{path}: {message}")]
    Manifest {
        path: PathBuf,
        message: String,
        hint: String,
    },
}

impl Hint for ProjectError {
    fn hint(&self) -> Option<String> {
        let hint = match self {
            Self::PathIsFile { .. } => "pass the app's folder (the one holding package.json)",
            Self::Busy { .. } => "wait for it to end, or end it, then run again",
            Self::ReactTooOld { .. } => {
                "upgrade react and react-dom to 18 or 19 (npm install react@latest react-dom@latest), then run again"
            }
            Self::NoPackageJson { .. } => "run it in your app's folder or pass its path",
            Self::MalformedPackageJson { .. } => {
                "fix the syntax (an editor with JSON support shows it) and run again"
            }
            Self::Syntax { .. } => "fix the syntax error and run again; nothing was changed",
            Self::LinkOutsideProject { .. } => {
                "copy the file into the project, or point the link at a file inside it; nothing was changed"
            }
            Self::TooDeep { .. } => {
                "split the deepest expression or element into smaller components, then run again; nothing was changed"
            }
            Self::NotReact { .. } => "WorkOS Widgets are React components; run it in a React app",
            Self::UnsupportedFramework { supported, .. } => {
                return Some(format!("supported today: {supported}"));
            }
            Self::WorkspaceRoot { .. } => "run it again with that package's path",
            Self::MissingEntry { .. } => "pass the app's folder, or create the entry file first",
            Self::ComputedRoutesOption { example, .. } => {
                return Some(format!(
                    "pass the folder the route modules go in, relative to the app, with --routes-dir (e.g. --routes-dir {example})"
                ));
            }
            Self::Read { .. } => return None,
            Self::Manifest { hint, .. } => hint,
        };
        Some(hint.to_owned())
    }
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
            | Self::TooDeep { .. }
            | Self::LinkOutsideProject { .. }
            | Self::NotReact { .. }
            | Self::UnsupportedFramework { .. }
            | Self::WorkspaceRoot { .. }
            | Self::MissingEntry { .. }
            | Self::ComputedRoutesOption { .. }
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
