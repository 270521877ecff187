//! `workos-widgets`: set up WorkOS Widgets in a React app in one command,
//! then keep verifying the setup.

mod cli;
mod commands;
mod ui;

use std::process::ExitCode;

use clap::Parser;

/// Exit codes: 0 success, 1 failure (e.g. the install failed), 2 bad input.
pub mod exit {
    pub const FAILURE: u8 = 1;
    pub const USAGE: u8 = 2;
}

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match commands::run(cli) {
        Ok(code) => code,
        Err(error) => {
            ui::error(&error);
            ExitCode::from(commands::exit_code(&error))
        }
    }
}
