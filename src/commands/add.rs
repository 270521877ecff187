//! `workos-widgets add <widget>... [PATH]`: more widgets for an app set up
//! with `init`.

use std::path::PathBuf;
use std::process::ExitCode;

use workos_widgets_core::catalog;
use workos_widgets_core::manifest::{self, Manifest};
use workos_widgets_generator::{BackendChoice, StrategyChoice};

use super::CommandError;
use super::init::{execute, locked_detect, parse_widget_ids};
use crate::cli::AddArgs;

pub fn run(args: &AddArgs) -> anyhow::Result<ExitCode> {
    let (ids, path) = split_path(&args.args);
    let widgets = parse_widget_ids(&ids)?;
    let (_lock, project) = locked_detect(&path, &args.flags)?;
    project.ensure_supported()?;
    let Some(manifest) = Manifest::read(&project.root)? else {
        return Err(CommandError::usage(format!(
            "{} has no {}: it is not set up yet",
            project.root.display(),
            manifest::FILE_NAME
        ))
        .with_hint(format!(
            "run `workos-widgets init --widgets {}` first",
            ids.join(",")
        ))
        .into());
    };
    execute(
        &project,
        Some(&manifest),
        (widgets, StrategyChoice::Auto, BackendChoice::Auto),
        &args.flags,
    )
}

/// The last argument is the path when it is not a widget id.
fn split_path(args: &[String]) -> (Vec<String>, PathBuf) {
    match args.split_last() {
        Some((last, rest)) if catalog::lookup(last).is_none() && !rest.is_empty() => {
            (rest.to_vec(), PathBuf::from(last))
        }
        _ => (args.to_vec(), PathBuf::from(".")),
    }
}
