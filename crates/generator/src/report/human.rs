//! The plan for people: warnings and notes (stderr), then the files, diffs,
//! commands and next steps (stdout). Colours are ANSI codes; the binary's
//! stream strips them where the terminal takes none.

use std::fmt::Write as _;

use owo_colors::OwoColorize;
use workos_widgets_core::edit::change::Action;

use super::Outcome;
use crate::plan::Install;
use crate::{Plan, diff};

/// Rendered text for the two streams.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Output {
    /// Warnings and notes (the choices the tool made).
    pub stderr: String,
    /// Everything else.
    pub stdout: String,
}

/// What a run prints about `plan` once it got as far as `outcome`.
pub fn render(plan: &Plan, outcome: Outcome) -> Output {
    let mut out = Output::default();
    for warning in &plan.warnings {
        warn(&mut out.stderr, warning);
    }
    for note in &plan.notes {
        self::note(&mut out.stderr, note);
    }
    let o = &mut out.stdout;
    for kept in &plan.kept {
        line(
            o,
            format_args!(
                "{} {}: {}",
                "kept".yellow(),
                kept.path.display(),
                kept.reason
            ),
        );
    }
    match outcome {
        Outcome::DryRun => dry_run(o, plan),
        Outcome::NothingToDo => {
            line(
                o,
                format_args!(
                    "{} WorkOS Widgets are already set up: 0 changes.",
                    "✓".green()
                ),
            );
            if let Some(install) = plan.install.as_ref().filter(|i| i.deferred) {
                line(
                    o,
                    format_args!(
                        "  The packages are declared but not installed: run {}",
                        install.command
                    ),
                );
            }
        }
        Outcome::Applied => applied(o, plan),
    }
    out
}

/// The short list shown before asking whether to apply the plan.
pub fn summary(plan: &Plan) -> Output {
    let mut out = Output::default();
    if let Some(sdk) = &plan.sdk {
        note(&mut out.stderr, &sdk.summary());
    }
    let o = &mut out.stdout;
    heading(o, "Planned changes");
    for file in &plan.files {
        line(
            o,
            format_args!(
                "  {:<7} {}  {}",
                format!("{:?}", file.action).to_lowercase(),
                file.path.display(),
                file.reason.dimmed()
            ),
        );
    }
    if let Some(install) = plan.install.as_ref().filter(|i| !i.deferred) {
        line(
            o,
            format_args!(
                "  {:<7} {}{}",
                "run",
                install.command,
                found_by(install).dimmed()
            ),
        );
    }
    out
}

fn dry_run(o: &mut String, plan: &Plan) {
    if plan.is_empty() {
        line(
            o,
            format_args!(
                "{} already set up; a run would change nothing.",
                "✓".green()
            ),
        );
        return;
    }
    for file in &plan.files {
        colored_diff(o, &diff::unified(file));
    }
    if let Some(install) = &plan.install {
        heading(o, "Commands");
        let note = if install.deferred {
            "  (for you to run: --no-install)"
        } else {
            ""
        };
        line(
            o,
            format_args!(
                "  $ {}{note}{}",
                install.command,
                found_by(install).dimmed()
            ),
        );
    }
    line(
        o,
        format_args!(
            "\n{} {} file(s) would change. Dry run: nothing was written.",
            "dry run".cyan().bold(),
            plan.files.len()
        ),
    );
}

fn applied(o: &mut String, plan: &Plan) {
    heading(o, "Changed");
    for file in &plan.files {
        let verb = match file.action {
            Action::Create => "created",
            Action::Modify => "updated",
            Action::Delete => "removed",
        };
        line(
            o,
            format_args!(
                "  {} {}  {}",
                verb.green(),
                file.path.display(),
                file.reason.dimmed()
            ),
        );
    }
    if let Some(install) = plan.install.as_ref().filter(|i| !i.deferred) {
        line(o, format_args!("  {} {}", "ran".green(), install.command));
    }
    o.push('\n');
    heading(o, "Next steps");
    for (i, step) in plan.next_steps.iter().enumerate() {
        line(o, format_args!("  {}. {step}", i + 1));
    }
}

/// Where the install's package manager was found, for the plan (after two
/// spaces); nothing for npm by default (no lockfile, no `packageManager`
/// field anywhere).
fn found_by(install: &Install) -> String {
    if install.package_manager_source.starts_with("default") {
        return String::new();
    }
    format!(
        "  ({}: {})",
        install.program, install.package_manager_source
    )
}

/// One line of text (writing to a `String` cannot fail).
fn line(o: &mut String, args: std::fmt::Arguments<'_>) {
    let _ = writeln!(o, "{args}");
}

fn warn(o: &mut String, message: &str) {
    line(o, format_args!("{} {message}", "warning:".yellow().bold()));
}

fn note(o: &mut String, message: &str) {
    line(o, format_args!("{} {message}", "note:".cyan().bold()));
}

fn heading(o: &mut String, text: &str) {
    line(o, format_args!("{}", text.bold()));
}

/// A unified diff, its headers bold, additions green, removals red.
fn colored_diff(o: &mut String, diff: &str) {
    for l in diff.lines() {
        if l.starts_with("+++") || l.starts_with("---") {
            line(o, format_args!("{}", l.bold()));
        } else if l.starts_with('+') {
            line(o, format_args!("{}", l.green()));
        } else if l.starts_with('-') {
            line(o, format_args!("{}", l.red()));
        } else if l.starts_with("@@") {
            line(o, format_args!("{}", l.cyan()));
        } else {
            line(o, format_args!("{l}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_diff_is_coloured_line_by_line() {
        let mut o = String::new();
        colored_diff(&mut o, "--- a\n+++ b\n@@ -1 +1 @@\n-old\n+new\n same");
        assert_eq!(
            o,
            format!(
                "{}\n{}\n{}\n{}\n{}\n same\n",
                "--- a".bold(),
                "+++ b".bold(),
                "@@ -1 +1 @@".cyan(),
                "-old".red(),
                "+new".green()
            )
        );
    }
}
