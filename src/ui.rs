//! Terminal output: colours (off under `NO_COLOR` or when piped, via
//! anstream), a spinner for long steps, prompts only in a terminal.

use std::io::IsTerminal;
use std::time::Duration;

use owo_colors::OwoColorize;

/// Whether we may ask questions: stdin and stderr are terminals and CI is unset.
pub fn interactive() -> bool {
    std::io::stdin().is_terminal()
        && std::io::stderr().is_terminal()
        && std::env::var_os("CI").is_none()
}

/// Prints an error, its causes and what to do about it to stderr.
pub fn error(error: &anyhow::Error, hint: Option<&str>) {
    anstream::eprintln!("{} {error}", "error:".red().bold());
    for cause in error.chain().skip(1) {
        anstream::eprintln!("  {} {cause}", "caused by:".dimmed());
    }
    if let Some(hint) = hint {
        anstream::eprintln!("  {} {hint}", "hint:".cyan());
    }
}

/// Prints an error as one JSON object on stdout, for `--json` callers:
/// `{"error": {"code", "exit_code", "message", "hint", "causes"}}`. `code`
/// is `bad-input` (exit 2) or `failure` (exit 1).
pub fn json_error(error: &anyhow::Error, exit_code: u8, hint: Option<&str>) {
    let causes: Vec<String> = error.chain().skip(1).map(ToString::to_string).collect();
    let value = serde_json::json!({
        "error": {
            "code": if exit_code == crate::exit::USAGE { "bad-input" } else { "failure" },
            "exit_code": exit_code,
            "message": error.to_string(),
            "hint": hint,
            "causes": causes,
        }
    });
    println!("{value:#}");
}

/// Shows the terminal cursor again after a prompt ended early (Ctrl-C):
/// the prompt hides it while it runs.
pub fn restore_cursor() {
    let _ = dialoguer::console::Term::stderr().show_cursor();
}

/// Prints a note (a choice the tool made) to stderr.
pub fn note(message: &str) {
    anstream::eprintln!("{} {message}", "note:".cyan().bold());
}

/// A spinner on stderr while `work` runs (hidden when not a terminal).
pub fn with_spinner<T>(message: &str, work: impl FnOnce() -> T) -> T {
    let spinner = if std::io::stderr().is_terminal() {
        indicatif::ProgressBar::new_spinner()
    } else {
        indicatif::ProgressBar::hidden()
    };
    spinner.set_message(message.to_owned());
    spinner.enable_steady_tick(Duration::from_millis(90));
    let result = work();
    spinner.finish_and_clear();
    result
}
