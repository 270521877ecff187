//! A finding: one problem at one place, with an optional safe fix.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use oxc_ast::ast::Program;
use serde::{Serialize, Serializer};
use workos_widgets_core::edit::{EditError, TextEdit};

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

/// A fix `--fix` can apply safely, built by the check that found the
/// problem (in the rule's own file, beside its check): what it does, the
/// file it edits and how. [`crate::fix`] only carries it out.
#[derive(Debug, Clone, Serialize)]
pub struct Fix {
    /// What the fix does, one line. Two fixes of one file that say the same
    /// are the same fix (applied once).
    pub description: String,
    /// The file it edits, relative to the project root.
    #[serde(skip)]
    pub file: PathBuf,
    #[serde(skip)]
    pub edit: Edit,
}

impl Fix {
    /// A fix that edits a JS/TS module through the edit engine, `steps` in
    /// order.
    pub fn module(
        description: impl Into<String>,
        file: impl Into<PathBuf>,
        stage: Stage,
        steps: Vec<Step>,
    ) -> Self {
        Self {
            description: description.into(),
            file: file.into(),
            edit: Edit::Module { stage, steps },
        }
    }

    /// A fix that rewrites a plain text file (empty when it does not exist).
    pub fn text(
        description: impl Into<String>,
        file: impl Into<PathBuf>,
        rewrite: impl Fn(&str) -> String + Send + Sync + 'static,
    ) -> Self {
        Self {
            description: description.into(),
            file: file.into(),
            edit: Edit::Text(Arc::new(rewrite)),
        }
    }
}

/// How a fix edits its file. Each edit is idempotent and finds its target
/// again in the file as it is when applied, so several fixes of one file
/// compose.
#[derive(Clone)]
pub enum Edit {
    /// Edit-engine steps on a module (re-parsed between steps; a result
    /// that no longer parses is refused).
    Module { stage: Stage, steps: Vec<Step> },
    /// A plain text file rewritten whole (`.gitignore`).
    Text(Arc<dyn Fn(&str) -> String + Send + Sync>),
}

impl std::fmt::Debug for Edit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Edit::Module { stage, steps } => f
                .debug_struct("Module")
                .field("stage", stage)
                .field("steps", &steps.len())
                .finish(),
            Edit::Text(_) => f.write_str("Text"),
        }
    }
}

/// One step of a module fix: the span edits it wants on the file (its path,
/// its text as the steps before left it, and that text parsed).
pub type Step =
    Arc<dyn Fn(&Path, &str, &Program<'_>) -> Result<Vec<TextEdit>, EditError> + Send + Sync>;

/// A [`Step`] from a function or closure.
pub fn step(
    edits: impl Fn(&Path, &str, &Program<'_>) -> Result<Vec<TextEdit>, EditError>
    + Send
    + Sync
    + 'static,
) -> Step {
    Arc::new(edits)
}

/// When a module fix runs among the fixes of one file, earliest first (in
/// the order of the findings within a stage): props, then scope strings
/// (a typo is corrected before missing scopes are added, or the real scope
/// would be added beside the typo), the stylesheet imports, and the root
/// last (its wrap moves the tree the other edits find their targets in).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    Props,
    ScopeStrings,
    ScopeLists,
    Stylesheets,
    Root,
}
