//! `workos-widgets verify [PATH]`: runs the checks and prints the findings.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use workos_widgets_verifier::report::{human, json, sarif};
use workos_widgets_verifier::{OnlineOptions, Options, verify};

use crate::cli::{Format, VerifyArgs};

pub fn run(args: &VerifyArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let options = Options {
        staged: args.staged,
        fix: args.fix,
        build: args.build.then(|| Duration::from_secs(args.build_timeout)),
        online: match (&args.organization_id, args.online) {
            (Some(organization_id), true) => Some(OnlineOptions {
                organization_id: organization_id.clone(),
                user_id: args.user_id.clone(),
            }),
            _ => None,
        },
    };
    let report = verify(&args.path, &options)?;
    match args.format {
        Format::Human => anstream::print!("{}", human::render(&report, started.elapsed())),
        Format::Json => println!("{}", serde_json::to_string_pretty(&json::render(&report))?),
        Format::Sarif => println!("{}", serde_json::to_string_pretty(&sarif::render(&report))?),
    }
    Ok(if report.fails(args.deny_warnings) {
        ExitCode::from(crate::exit::FAILURE)
    } else {
        ExitCode::SUCCESS
    })
}
