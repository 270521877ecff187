//! `workos-widgets`: set up WorkOS Widgets in a React app in one command,
//! then keep verifying the setup.

mod cli;
mod commands;
mod interrupt;
mod ui;

use std::process::ExitCode;

use clap::Parser;

/// Exit codes: 0 success, 1 failure (e.g. the install failed), 2 bad input.
pub mod exit {
    pub const FAILURE: u8 = 1;
    pub const USAGE: u8 = 2;
}

fn main() -> ExitCode {
    reset_sigpipe();
    let cli = cli::Cli::parse();
    let json = cli.wants_json();
    // Parsing and the walks of syntax trees recurse once per level of a
    // file's nesting: run every command on a big stack.
    match workos_widgets_core::nesting::on_big_stack(|| commands::run(cli)) {
        Ok(code) => code,
        Err(error) => ExitCode::from(commands::report_error(&error, json)),
    }
}

/// Lets `workos-widgets ... | head` end quietly instead of panicking on a
/// closed pipe, like other Unix tools.
fn reset_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called once at start-up, before any thread exists; restoring
    // the default disposition of SIGPIPE has no other effect.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
