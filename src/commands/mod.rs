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

/// A bad-input error that should exit with code 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// The exit code for an error, by its kind (README's table): 2 when the
/// user's input is at fault (the project, a file in it, the arguments), 1
/// for the environment or the tool itself (a failed write, install, lock or
/// internal edit). The first cause of a known type decides.
pub fn exit_code(error: &anyhow::Error) -> u8 {
    use workos_widgets_core::ProjectError;
    use workos_widgets_core::edit::EditError;
    use workos_widgets_generator::GenerateError;
    use workos_widgets_verifier::VerifyError;
    let bad_input = error.chain().find_map(|cause| {
        if cause.is::<UsageError>() {
            Some(true)
        } else if let Some(e) = cause.downcast_ref::<ProjectError>() {
            Some(e.is_bad_input())
        } else if let Some(e) = cause.downcast_ref::<GenerateError>() {
            Some(e.is_bad_input())
        } else if let Some(e) = cause.downcast_ref::<EditError>() {
            Some(e.is_bad_input())
        } else {
            cause
                .downcast_ref::<VerifyError>()
                .map(VerifyError::is_bad_input)
        }
    });
    if bad_input == Some(true) {
        crate::exit::USAGE
    } else {
        crate::exit::FAILURE
    }
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
        assert_eq!(code(UsageError("x".into())), 2);
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
