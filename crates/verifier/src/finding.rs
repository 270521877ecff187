//! A finding: one problem at one place, with an optional safe fix.

use std::path::{Path, PathBuf};

use serde::{Serialize, Serializer};

use crate::facts::{SourceFile, Span};

/// How bad a finding is. Errors fail `verify`; warnings fail it only under
/// `--deny-warnings`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// Where a finding points: a file relative to the project root and a
/// 1-based line/column range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    #[serde(serialize_with = "serialize_path")]
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

impl Location {
    /// The range `span` of a parsed file.
    pub fn span(file: &SourceFile, span: Span) -> Self {
        let (line, column) = file.line_col(span.start);
        let (end_line, end_column) = file.line_col(span.end.max(span.start));
        Self {
            file: file.path.clone(),
            line,
            column,
            end_line,
            end_column,
        }
    }

    /// The start of `file`.
    pub fn start(file: impl Into<PathBuf>) -> Self {
        Self::line(file, 1)
    }

    /// A whole line of `file` (column 1).
    pub fn line(file: impl Into<PathBuf>, line: usize) -> Self {
        Self {
            file: file.into(),
            line,
            column: 1,
            end_line: line,
            end_column: 1,
        }
    }

    /// The first occurrence of `needle` in `text` (the contents of `file`),
    /// else the start of the file.
    pub fn find(file: impl Into<PathBuf>, text: &str, needle: &str) -> Self {
        let file = file.into();
        let Some(offset) = text.find(needle) else {
            return Self::start(file);
        };
        let (line, column) = workos_widgets_core::js::line_col(text, offset);
        Self {
            file,
            line,
            column,
            end_line: line,
            end_column: column + needle.chars().count(),
        }
    }
}

/// Serialises a path with `/` separators.
pub fn serialize_path<S: Serializer>(path: &Path, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&display_path(path))
}

/// A relative path with `/` separators, as printed everywhere.
pub fn display_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// One problem.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// Stable code, e.g. `WW302`.
    pub code: &'static str,
    /// Stable kebab-case name, e.g. `access-token-prop`.
    pub name: &'static str,
    pub severity: Severity,
    /// What is wrong and what it breaks, without the advice.
    pub message: String,
    /// What to do about it, one line (`null` in JSON when there is
    /// nothing to advise, e.g. a failed build's log).
    pub help: Option<String>,
    #[serde(flatten)]
    pub location: Location,
    pub fix: Option<Fix>,
}

impl Finding {
    /// This finding with `help`: what to do about it.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// A fix `--fix` can apply safely.
#[derive(Debug, Clone, Serialize)]
pub struct Fix {
    /// What the fix does, one line.
    pub description: String,
    #[serde(skip)]
    pub action: FixAction,
}

/// The edit behind a fix. Each is idempotent and re-finds its target in the
/// file as it is when applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FixAction {
    /// Rename `accessToken` to `authToken` on the widgets of a file.
    RenameAccessToken { file: PathBuf },
    /// Import the two stylesheets (Radix first) in a file.
    AddStylesheets { file: PathBuf },
    /// Wrap the app root of a file in `<WorkOsWidgets>`.
    WrapRoot { file: PathBuf },
    /// Add scopes to the scopes array of a token module.
    AddScopes {
        file: PathBuf,
        scopes: Vec<&'static str>,
    },
    /// Replace a scope string by the real one.
    ReplaceScope {
        file: PathBuf,
        from: String,
        to: &'static str,
    },
    /// Give `PipesLoading`/`PipesAdminLoading` their required `count`.
    AddLoadingCount { file: PathBuf },
    /// Append env files to `.gitignore`.
    IgnoreEnvFiles { files: Vec<&'static str> },
}

impl FixAction {
    /// The file the fix edits.
    pub fn file(&self) -> &Path {
        match self {
            FixAction::RenameAccessToken { file }
            | FixAction::AddStylesheets { file }
            | FixAction::WrapRoot { file }
            | FixAction::AddScopes { file, .. }
            | FixAction::ReplaceScope { file, .. }
            | FixAction::AddLoadingCount { file } => file,
            FixAction::IgnoreEnvFiles { .. } => Path::new(".gitignore"),
        }
    }
}
