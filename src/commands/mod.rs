//! One module per subcommand.

mod add;
mod detect;
mod explain;
mod hook;
mod init;
mod list;
mod verify;

use std::process::ExitCode;

use crate::cli::{Cli, Command};

/// Runs the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Detect { path, json } => detect::run(&path, json),
        Command::List { json } => list::run(json),
        Command::Init(args) => init::run(&args),
        Command::Add(args) => add::run(&args),
        Command::Verify(args) => verify::run(&args),
        Command::Explain(args) => explain::run(&args),
        Command::Hook(command) => hook::run(command),
    }
}

/// An error the command line finds itself: bad arguments (exit 2) or a
/// step that failed (exit 1), with what to do next.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct CommandError {
    message: String,
    hint: Option<String>,
    bad_input: bool,
}

impl CommandError {
    /// The user's input is at fault (exit 2).
    pub fn usage(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            hint: None,
            bad_input: true,
        }
    }

    /// A step failed (exit 1).
    pub fn failure(message: impl Into<String>) -> Self {
        Self {
            bad_input: false,
            ..Self::usage(message)
        }
    }

    /// The same error, saying what to do next.
    #[must_use]
    pub fn with_hint(self, hint: impl Into<String>) -> Self {
        Self {
            hint: Some(hint.into()),
            ..self
        }
    }
}

/// What the first cause of a known kind says of itself: whether the
/// user's input is at fault, and what to do next.
struct Verdict {
    bad_input: bool,
    hint: Option<String>,
}

fn verdict(error: &anyhow::Error) -> Option<Verdict> {
    use workos_widgets_core::edit::EditError;
    use workos_widgets_core::{Hint, ProjectError};
    use workos_widgets_generator::GenerateError;
    use workos_widgets_verifier::VerifyError;
    let of = |bad_input: bool, hint: Option<String>| Some(Verdict { bad_input, hint });
    error.chain().find_map(|cause| {
        if let Some(e) = cause.downcast_ref::<CommandError>() {
            of(e.bad_input, e.hint.clone())
        } else if let Some(e) = cause.downcast_ref::<ProjectError>() {
            of(e.is_bad_input(), e.hint())
        } else if let Some(e) = cause.downcast_ref::<GenerateError>() {
            of(e.is_bad_input(), e.hint())
        } else if let Some(e) = cause.downcast_ref::<EditError>() {
            of(e.is_bad_input(), e.hint())
        } else {
            let e = cause.downcast_ref::<VerifyError>()?;
            of(e.is_bad_input(), e.hint())
        }
    })
}

/// The exit code for an error, by its kind (README's table): 2 when the
/// user's input is at fault (the project, a file in it, the arguments), 1
/// for the environment or the tool itself (a failed write, install, lock or
/// internal edit). The first cause of a known type decides.
pub fn exit_code(error: &anyhow::Error) -> u8 {
    if verdict(error).is_some_and(|v| v.bad_input) {
        crate::exit::USAGE
    } else {
        crate::exit::FAILURE
    }
}

/// What to do about an error: the hint of its first cause of a known type.
pub fn hint(error: &anyhow::Error) -> Option<String> {
    verdict(error).and_then(|v| v.hint)
}

/// Prints an error to stderr (and, for `--json` callers, as JSON on
/// stdout); returns its exit code.
pub fn report_error(error: &anyhow::Error, json: bool) -> u8 {
    let code = exit_code(error);
    let hint = hint(error);
    crate::ui::error(error, hint.as_deref());
    if json {
        crate::ui::json_error(error, code, hint.as_deref());
    }
    code
}

#[cfg(test)]
mod tests {
    use std::io::{Error, ErrorKind};
    use std::path::PathBuf;

    use workos_widgets_core::ProjectError;
    use workos_widgets_core::edit::EditError;
    use workos_widgets_generator::GenerateError;
    use workos_widgets_verifier::VerifyError;

    use super::*;

    fn code(error: impl Into<anyhow::Error>) -> u8 {
        exit_code(&error.into())
    }

    #[test]
    fn hints_are_data_found_through_context_and_never_in_the_message() {
        use anyhow::Context;
        let dir = || PathBuf::from("app");
        let errors: Vec<anyhow::Error> = vec![
            ProjectError::NoPackageJson { dir: dir() }.into(),
            GenerateError::UnknownWidget {
                id: "x".into(),
                suggestion: None,
                origin: None,
                known: "user-profile".into(),
            }
            .into(),
            GenerateError::Project(ProjectError::PathIsFile { path: dir() }).into(),
            EditError::Write {
                path: dir(),
                source: Error::from(ErrorKind::PermissionDenied),
            }
            .into(),
            VerifyError::NotGitRepository { dir: dir() }.into(),
            CommandError::failure("x").with_hint("y").into(),
            Err::<(), _>(ProjectError::Busy {
                dir: dir(),
                lock: dir(),
            })
            .context("locking app")
            .unwrap_err(),
        ];
        for error in errors {
            let hint = hint(&error);
            assert!(hint.as_deref().is_some_and(|h| !h.is_empty()), "{error:#}");
            assert!(!format!("{error:#}").contains("hint"), "{error:#}");
        }
        assert_eq!(hint(&anyhow::anyhow!("plain")), None);
    }

    #[test]
    fn each_error_kind_has_its_exit_code() {
        let dir = || PathBuf::from("app");
        let project = |e: ProjectError| e;
        // Bad input: 2.
        for e in [
            project(ProjectError::NoPackageJson { dir: dir() }),
            ProjectError::PathIsFile { path: dir() },
            ProjectError::ReactTooOld {
                dir: dir(),
                found: String::new(),
            },
            ProjectError::NotReact {
                dir: dir(),
                found: String::new(),
            },
            ProjectError::MissingEntry {
                dir: dir(),
                looked_for: String::new(),
            },
            ProjectError::Read {
                path: dir(),
                source: Error::from(ErrorKind::InvalidData),
            },
        ] {
            assert_eq!(code(e), 2);
        }
        assert_eq!(code(CommandError::usage("x")), 2);
        assert_eq!(code(CommandError::failure("x").with_hint("y")), 1);
        assert_eq!(
            code(GenerateError::UnknownWidget {
                id: "x".into(),
                suggestion: None,
                origin: None,
                known: String::new()
            }),
            2
        );
        let edit = || EditError::Edit {
            path: dir(),
            message: String::new(),
            hint: String::new(),
        };
        assert_eq!(code(edit()), 2);
        assert_eq!(code(GenerateError::Edit(edit())), 2);
        assert_eq!(
            code(GenerateError::Edit(EditError::Project(
                ProjectError::NoPackageJson { dir: dir() }
            ))),
            2
        );
        assert_eq!(
            code(VerifyError::Git {
                dir: dir(),
                message: String::new()
            }),
            2
        );
        // The environment or the tool: 1.
        assert_eq!(
            code(ProjectError::Busy {
                dir: dir(),
                lock: dir()
            }),
            1
        );
        assert_eq!(
            code(ProjectError::Read {
                path: dir(),
                source: Error::from(ErrorKind::PermissionDenied)
            }),
            1
        );
        assert_eq!(
            code(EditError::Write {
                path: dir(),
                source: Error::from(ErrorKind::PermissionDenied)
            }),
            1
        );
        assert_eq!(
            code(GenerateError::Edit(EditError::Write {
                path: dir(),
                source: Error::from(ErrorKind::PermissionDenied)
            })),
            1
        );
        assert_eq!(
            code(GenerateError::InstallStart {
                command: "npm install".into(),
                program: "npm".into(),
                source: Error::from(ErrorKind::NotFound)
            }),
            1
        );
        assert_eq!(
            code(GenerateError::Template {
                name: "x".into(),
                message: String::new()
            }),
            1
        );
        assert_eq!(
            code(GenerateError::Edit(EditError::EditBrokeSyntax {
                path: dir(),
                source: ProjectError::Syntax {
                    path: dir(),
                    line: 1,
                    column: 1,
                    message: String::new()
                },
            })),
            1,
            "an edit of ours that broke the file is our bug, not the user's input"
        );
        assert_eq!(
            code(VerifyError::HookWrite {
                path: dir(),
                source: Error::from(ErrorKind::PermissionDenied)
            }),
            1
        );
        assert_eq!(
            code(VerifyError::Fix {
                path: dir(),
                message: String::new()
            }),
            1
        );
        assert_eq!(code(anyhow::anyhow!("anything else")), 1);
        // Wrapped: the first known cause decides.
        assert_eq!(
            code(GenerateError::Project(ProjectError::NoPackageJson {
                dir: dir()
            })),
            2
        );
    }
}
