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
        Command::Init(args) => init::run(args),
        Command::Add(args) => add::run(args),
        Command::Verify(args) => verify::run(&args),
        Command::Explain(args) => explain::run(&args),
        Command::Hook(command) => hook::run(command),
    }
}

/// A bad-input error that should exit with code 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// 2 for bad input (the project, the arguments), 1 for everything else.
pub fn exit_code(error: &anyhow::Error) -> u8 {
    let busy = error.chain().any(|cause| {
        matches!(
            cause.downcast_ref::<workos_widgets_core::ProjectError>(),
            Some(workos_widgets_core::ProjectError::Busy { .. })
        )
    });
    if busy {
        return crate::exit::FAILURE;
    }
    let bad_input = error.chain().any(|cause| {
        cause.is::<workos_widgets_core::ProjectError>()
            || cause.is::<UsageError>()
            || cause
                .downcast_ref::<workos_widgets_generator::GenerateError>()
                .is_some_and(|e| {
                    !matches!(e, workos_widgets_generator::GenerateError::Write { .. })
                })
            || cause
                .downcast_ref::<workos_widgets_verifier::VerifyError>()
                .is_some_and(|e| !matches!(e, workos_widgets_verifier::VerifyError::Fix { .. }))
    });
    if bad_input {
        crate::exit::USAGE
    } else {
        crate::exit::FAILURE
    }
}
