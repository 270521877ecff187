//! `workos-widgets init`: plan, show or confirm, install, write.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use owo_colors::OwoColorize;
use workos_widgets_core::catalog::{self, Widget};
use workos_widgets_core::detect::{Overrides, detect_with};
use workos_widgets_core::manifest::{self, Manifest};
use workos_widgets_core::project::PackageManager;
use workos_widgets_core::{Project, lock};
use workos_widgets_generator::install::InstallOutput;
use workos_widgets_generator::plan::Plan;
use workos_widgets_generator::report::{self, Outcome};
use workos_widgets_generator::{
    BackendChoice, GenerateError, Options, StrategyChoice, transaction,
};

use super::CommandError;
use crate::cli::{ApplyFlags, InitArgs, PackageManagerArg, TokenStrategyArg};
use crate::ui;

pub fn run(args: &InitArgs) -> anyhow::Result<ExitCode> {
    let (_lock, project) = locked_detect(&args.path, &args.flags)?;
    project.ensure_supported()?;
    let manifest = Manifest::read(&project.root)?;
    // Before asking anything: a newer tool's manifest is refused anyway.
    if let Some(manifest) = &manifest {
        manifest.ensure_not_newer(&project.path(manifest::FILE_NAME))?;
    }
    let widgets = choose_widgets(&args.widgets, manifest.as_ref(), &args.flags)?;
    let strategy = match args.token_strategy {
        TokenStrategyArg::Auto => StrategyChoice::Auto,
        TokenStrategyArg::Authkit => StrategyChoice::AuthKit,
        TokenStrategyArg::Backend => StrategyChoice::Backend,
    };
    let recorded = manifest
        .as_ref()
        .and_then(|m| m.string("backend"))
        .is_some();
    let backend = choose_backend(&project, &args.backend, recorded, &args.flags)?;
    execute(
        &project,
        manifest.as_ref(),
        (widgets, strategy, backend),
        &args.flags,
    )
}

/// `--backend`; `auto` with several servers beside the app and none
/// `recorded` in the manifest asks which one in a terminal (the
/// generator's error lists them otherwise).
fn choose_backend(
    project: &Project,
    value: &str,
    recorded: bool,
    flags: &ApplyFlags,
) -> anyhow::Result<BackendChoice> {
    let choice = BackendChoice::parse(value);
    let servers = &project.servers;
    if choice != BackendChoice::Auto
        || recorded
        || servers.len() < 2
        || flags.yes
        || flags.json
        || !ui::interactive()
    {
        return Ok(choice);
    }
    let mut labels: Vec<String> = servers
        .iter()
        .map(|s| format!("{} ({})", s.entry.display(), s.kind))
        .collect();
    labels.push("the Vite dev server (development only)".to_owned());
    let _guard = crate::interrupt::guard_prompt();
    let picked = dialoguer::Select::new()
        .with_prompt("Which server should serve the token route?")
        .items(&labels)
        .default(0)
        .interact()
        .inspect_err(|_| ui::restore_cursor())
        .context("reading your choice")?;
    Ok(servers.get(picked).map_or(BackendChoice::ViteDev, |s| {
        BackendChoice::Path(s.entry.clone())
    }))
}

/// Plans, shows, installs and writes: shared by `init` and `add`.
pub(super) fn execute(
    project: &Project,
    manifest: Option<&Manifest>,
    (widgets, strategy, backend): (Vec<&'static Widget>, StrategyChoice, BackendChoice),
    flags: &ApplyFlags,
) -> anyhow::Result<ExitCode> {
    let options = Options {
        widgets,
        strategy,
        backend,
        package_manager: package_manager(flags.package_manager),
        defer_install: flags.no_install,
        force: flags.force,
        pages: !flags.no_pages,
    };
    let plan = workos_widgets_generator::plan(project, manifest, &options)?;

    if flags.dry_run {
        report(project, &plan, Outcome::DryRun, flags.json)?;
        return Ok(ExitCode::SUCCESS);
    }
    if plan.is_empty() {
        report(project, &plan, Outcome::NothingToDo, flags.json)?;
        return Ok(ExitCode::SUCCESS);
    }
    if !flags.yes && !flags.json && ui::interactive() {
        print(&report::human::summary(&plan));
        let _guard = crate::interrupt::guard_prompt();
        let go = dialoguer::Confirm::new()
            .with_prompt("Apply these changes?")
            .default(true)
            .interact()
            .inspect_err(|_| ui::restore_cursor())
            .context("reading your answer")?;
        if !go {
            anstream::eprintln!("Nothing was changed.");
            return Ok(ExitCode::SUCCESS);
        }
    }

    let outcome = transaction::execute(project, plan, &options, &mut Terminal)?;
    match outcome {
        transaction::Outcome::Applied(plan) => {
            report(project, &plan, Outcome::Applied, flags.json)?;
            Ok(ExitCode::SUCCESS)
        }
        transaction::Outcome::Interrupted { signal, command } => {
            let error = CommandError::failure(format!(
                "interrupted by {} during `{command}`: it was passed the signal and has stopped; package.json and the lockfile are restored and nothing else was written",
                crate::interrupt::name(signal),
            ))
            .with_hint("run init again to finish the setup");
            super::report_error(&error.into(), flags.json);
            Ok(ExitCode::from(
                u8::try_from(128 + signal).unwrap_or(crate::exit::FAILURE),
            ))
        }
        transaction::Outcome::InstallFailed { command, log } => {
            let tail: Vec<&str> = log.lines().rev().take(25).collect();
            anstream::eprintln!(
                "{}",
                tail.into_iter()
                    .rev()
                    .collect::<Vec<_>>()
                    .join("\n")
                    .dimmed()
            );
            let error = CommandError::failure(format!(
                "`{command}` failed (the end of its output is above); nothing was changed"
            ))
            .with_hint(
                "fix the problem and run init again, or pass --no-install and run the install yourself",
            );
            Ok(ExitCode::from(super::report_error(
                &error.into(),
                flags.json,
            )))
        }
    }
}

/// The terminal side of the transaction: a spinner while the install runs,
/// with SIGINT and SIGTERM caught (and forwarded to the package manager).
struct Terminal;

impl transaction::Progress for Terminal {
    fn install(
        &mut self,
        command: &str,
        run: &mut transaction::RunInstall<'_>,
    ) -> std::io::Result<InstallOutput> {
        let _catch = crate::interrupt::catch();
        ui::with_spinner(&format!("Running {command}"), || {
            run(&crate::interrupt::received)
        })
    }
}

/// Detects the project, then holds its lock (see [`lock`]) for the rest of
/// the run and reads it again: what another run wrote meanwhile is seen.
pub(super) fn locked_detect(
    path: &Path,
    flags: &ApplyFlags,
) -> anyhow::Result<(lock::ProjectLock, Project)> {
    let overrides = Overrides {
        routes_dir: flags.routes_dir.clone(),
    };
    let project = detect_with(path, &overrides)?;
    let held = lock::lock(&project.root, || {
        ui::note("another workos-widgets run is changing this project; waiting for it to finish");
    })?;
    Ok((held, detect_with(&project.root, &overrides)?))
}

fn package_manager(arg: PackageManagerArg) -> Option<PackageManager> {
    match arg {
        PackageManagerArg::Auto => None,
        PackageManagerArg::Npm => Some(PackageManager::Npm),
        PackageManagerArg::Pnpm => Some(PackageManager::Pnpm),
        PackageManagerArg::Yarn => Some(PackageManager::Yarn),
        PackageManagerArg::Bun => Some(PackageManager::Bun),
    }
}

/// The widgets to set up: the flag, else the manifest's (a re-run), else a
/// prompt in a terminal, else an error listing the ids.
fn choose_widgets(
    ids: &[String],
    manifest: Option<&Manifest>,
    flags: &ApplyFlags,
) -> anyhow::Result<Vec<&'static Widget>> {
    if !ids.is_empty() {
        return parse_widget_ids(ids);
    }
    if let Some(recorded) = manifest.map(Manifest::widgets).filter(|w| !w.is_empty()) {
        return parse_widget_ids(&recorded);
    }
    if flags.yes || flags.json || !ui::interactive() {
        return Err(
            CommandError::usage("--widgets is required when not running in a terminal")
                .with_hint(format!(
                    "pass e.g. --widgets user-profile,users-management; ids: {}",
                    catalog::ids()
                ))
                .into(),
        );
    }
    let _guard = crate::interrupt::guard_prompt();
    // dialoguer's own report would echo the whole labels (descriptions and
    // padding); the choice is echoed as its ids instead.
    let picked = dialoguer::MultiSelect::new()
        .with_prompt(format!("{PICK_PROMPT} (space to select, enter to confirm)"))
        .items(picker_labels())
        .report(false)
        .interact()
        .inspect_err(|_| ui::restore_cursor())
        .context("reading your choice")?;
    let widgets: Vec<&'static Widget> = picked.into_iter().map(|i| &catalog::WIDGETS[i]).collect();
    if widgets.is_empty() {
        return Err(CommandError::usage("no widget selected; nothing to do").into());
    }
    let _ = dialoguer::console::Term::stderr().write_line(&picked_echo(&widgets));
    Ok(widgets)
}

/// The widget picker's question.
const PICK_PROMPT: &str = "Which widgets?";

/// The picker's items: each widget's id, padded, and what it does.
fn picker_labels() -> Vec<String> {
    catalog::WIDGETS
        .iter()
        .map(|w| format!("{:<34} {}", w.id, w.summary))
        .collect()
}

/// The line left once the widgets are picked: the question and the chosen
/// ids, as `npm init` and `create-vite` echo a choice.
fn picked_echo(widgets: &[&Widget]) -> String {
    let ids: Vec<&str> = widgets.iter().map(|w| w.id).collect();
    format!("{PICK_PROMPT} {}", ids.join(", "))
}

/// Looks up widget ids (or component names, see [`catalog::lookup`]),
/// failing on the first unknown one; empty entries (`--widgets a,`) are
/// skipped, and nothing at all is an error.
pub(super) fn parse_widget_ids(ids: &[String]) -> anyhow::Result<Vec<&'static Widget>> {
    let ids: Vec<&str> = ids
        .iter()
        .map(|id| id.trim())
        .filter(|id| !id.is_empty())
        .collect();
    if ids.is_empty() {
        return Err(CommandError::usage("no widget given")
            .with_hint(format!(
                "pass widget ids, e.g. --widgets user-profile,users-management; ids: {}",
                catalog::ids()
            ))
            .into());
    }
    let mut widgets: Vec<&'static Widget> = Vec::new();
    for id in ids {
        let widget = catalog::lookup(id).ok_or_else(|| {
            anyhow::Error::new(GenerateError::UnknownWidget {
                id: id.to_owned(),
                suggestion: catalog::suggest(id),
                origin: None,
                known: catalog::ids(),
            })
        })?;
        if !widgets.iter().any(|w| w.id == widget.id) {
            widgets.push(widget);
        }
    }
    Ok(widgets)
}

/// Prints what the run did with `plan` (the rendering is the generator's).
fn report(project: &Project, plan: &Plan, outcome: Outcome, json: bool) -> anyhow::Result<()> {
    if json {
        let value = report::json::render(&project.root, plan, outcome);
        println!("{}", serde_json::to_string_pretty(&value)?);
        return Ok(());
    }
    print(&report::human::render(plan, outcome));
    Ok(())
}

/// Writes rendered output to stderr and stdout (colours stripped where the
/// stream takes none).
fn print(output: &report::human::Output) {
    anstream::eprint!("{}", output.stderr);
    anstream::print!("{}", output.stdout);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_widget_picker_echoes_the_chosen_ids_not_their_descriptions() {
        let chosen = [&catalog::WIDGETS[0], &catalog::WIDGETS[3]];
        assert_eq!(
            picked_echo(&chosen),
            "Which widgets? user-profile, users-management"
        );
        // The menu shows what each widget does; the echo leaves that out.
        let labels = picker_labels();
        assert!(labels[0].starts_with("user-profile ") && labels[0].ends_with(chosen[0].summary));
        for widget in chosen {
            assert!(!picked_echo(&chosen).contains(widget.summary));
        }
        assert!(!picked_echo(&chosen).contains("  "));
    }
}
