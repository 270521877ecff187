//! `workos-widgets explain <CODE>`: what a finding code checks, why it
//! matters, and a bad and a good example; `--list` prints every code.

use std::process::ExitCode;

use owo_colors::OwoColorize;
use workos_widgets_verifier::checks::{self, RULES};

use super::CommandError;
use crate::cli::ExplainArgs;

pub fn run(args: &ExplainArgs) -> anyhow::Result<ExitCode> {
    let Some(code) = args.code.as_deref().filter(|_| !args.list) else {
        for rule in RULES {
            anstream::println!(
                "{}  {:<7}  {:<36} {}",
                rule.code.bold(),
                rule.severity.as_str(),
                rule.name,
                rule.summary
            );
        }
        return Ok(ExitCode::SUCCESS);
    };
    let rule = checks::find(code).ok_or_else(|| {
        CommandError::usage(format!("unknown code `{code}`"))
            .with_hint("`workos-widgets explain --list` prints every code")
    })?;
    anstream::println!(
        "{} {} ({}{}, {})\n\n{}\n",
        rule.code.bold(),
        rule.name.bold(),
        rule.severity.as_str(),
        if rule.fixable {
            ", fixable with --fix"
        } else {
            ""
        },
        rule.group(),
        rule.summary
    );
    anstream::print!("{}", rule.doc);
    Ok(ExitCode::SUCCESS)
}
