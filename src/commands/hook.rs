//! `workos-widgets hook install [PATH]`.

use std::process::ExitCode;

use owo_colors::OwoColorize;
use workos_widgets_verifier::hook;

use crate::cli::HookCommand;

pub fn run(command: HookCommand) -> anyhow::Result<ExitCode> {
    match command {
        HookCommand::Install { path } => {
            let root = std::path::absolute(&path)?;
            let installed = hook::install(&root)?;
            let what = if installed.changed {
                "installed".green().bold().to_string()
            } else {
                "already installed".bold().to_string()
            };
            anstream::println!(
                "{what}: `{}` runs before each commit ({}: {})",
                installed.command,
                installed.manager,
                installed.file.display()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}
