//! The `init`/`add` transaction: carries out a confirmed [`Plan`]. With an
//! install, package.json and the lockfile are backed up, the dev
//! dependencies declared, the package manager run, the project detected and
//! planned again with the versions really installed, and the files written;
//! anything that stops it after the backup (an interrupted or failed
//! install, a re-detection or a write that fails) puts package.json and the
//! lockfile back.

use std::path::{Path, PathBuf};

use workos_widgets_core::detect::detect;
use workos_widgets_core::edit::apply::write_all;
use workos_widgets_core::manifest::Manifest;
use workos_widgets_core::{Project, ProjectError};

use crate::install::{self, InstallOutput};
use crate::plan::Plan;
use crate::{GenerateError, Options};

/// Runs the package install, polling the check it is given for a received
/// signal.
pub type RunInstall<'r> =
    dyn FnMut(&dyn Fn() -> Option<i32>) -> std::io::Result<InstallOutput> + 'r;

/// What the caller shows while the transaction runs.
pub trait Progress {
    /// Runs the package install `command`: `run` does it, polling the check
    /// it is given for a received signal (forwarded to the package manager,
    /// which is then waited for). The caller shows that it runs and catches
    /// the signals meanwhile.
    fn install(
        &mut self,
        command: &str,
        run: &mut RunInstall<'_>,
    ) -> std::io::Result<InstallOutput>;
}

/// How the transaction ended, when it did not fail.
#[derive(Debug)]
pub enum Outcome {
    /// Every file was written (after the install, if any): the plan as
    /// carried out, planned again after an install.
    Applied(Box<Plan>),
    /// The install `command` was interrupted by `signal`; package.json and
    /// the lockfile are restored and nothing else was written.
    Interrupted { signal: i32, command: String },
    /// The install `command` failed (`log`: its output); package.json and
    /// the lockfile are restored and nothing else was written.
    InstallFailed { command: String, log: String },
}

/// Carries out `plan` (made for `project` with `options`).
pub fn execute(
    project: &Project,
    plan: Plan,
    options: &Options,
    progress: &mut dyn Progress,
) -> Result<Outcome, GenerateError> {
    let Some(step) = plan.install.clone().filter(|i| !i.deferred) else {
        write_all(&project.root, &plan.files)?;
        return Ok(Outcome::Applied(Box::new(plan)));
    };
    let backup = Backup::take(
        &project.root,
        project.package_manager.workspace_root.as_deref(),
    )?;
    // Whatever stops it from here (a failed or interrupted install, a
    // package manager that cannot start, a project the install left
    // unreadable, a failed write) puts package.json and the lockfile back.
    let outcome = install_and_replan(project, &plan, step, options, progress).and_then(|outcome| {
        if let Outcome::Applied(plan) = &outcome {
            write_all(&project.root, &plan.files)?;
        }
        Ok(outcome)
    });
    if !matches!(outcome, Ok(Outcome::Applied(_))) {
        backup.restore();
    }
    outcome
}

/// Declares the dev dependencies, runs the install `step` and plans again
/// with the versions really installed; writes nothing else.
fn install_and_replan(
    project: &Project,
    plan: &Plan,
    step: crate::plan::Install,
    options: &Options,
    progress: &mut dyn Progress,
) -> Result<Outcome, GenerateError> {
    // Dev dependencies (@types/node) are declared first, so the one
    // install below fetches them with the rest.
    let declared: Vec<_> = plan
        .files
        .iter()
        .filter(|change| change.path == Path::new("package.json"))
        .cloned()
        .collect();
    write_all(&project.root, &declared)?;
    let output = progress
        .install(&step.command, &mut |interrupted| {
            install::run(&project.root, &step, interrupted)
        })
        .map_err(|source| GenerateError::InstallStart {
            command: step.command.clone(),
            program: step.program.clone(),
            source,
        })?;
    if let Some(signal) = output.interrupted {
        return Ok(Outcome::Interrupted {
            signal,
            command: step.command,
        });
    }
    if !output.success {
        return Ok(Outcome::InstallFailed {
            command: step.command,
            log: output.log,
        });
    }
    // The real versions are on disk now: plan again with them, so the
    // token code targets the SDK major that was actually installed.
    let installed = detect(&project.root)?;
    let manifest = Manifest::read(&installed.root)?;
    let files = crate::plan(&installed, manifest.as_ref(), options)?;
    Ok(Outcome::Applied(Box::new(Plan {
        install: Some(step),
        ..files
    })))
}

/// package.json and the lockfile as they were before the install, put back
/// if the install or the writes fail.
struct Backup {
    files: Vec<(PathBuf, Option<Vec<u8>>)>,
}

impl Backup {
    /// Backs up package.json and the lockfiles of the app at `root`, and
    /// the lockfiles of its `workspace` root, which the install updates.
    fn take(root: &Path, workspace: Option<&Path>) -> Result<Self, ProjectError> {
        let lockfiles = [
            "package-lock.json",
            "pnpm-lock.yaml",
            "yarn.lock",
            "bun.lock",
            "bun.lockb",
        ];
        let paths = std::iter::once(root.join("package.json"))
            .chain(lockfiles.iter().map(|name| root.join(name)))
            .chain(
                workspace
                    .into_iter()
                    .flat_map(|dir| lockfiles.iter().map(move |name| dir.join(name))),
            );
        let mut files = Vec::new();
        for path in paths {
            let content = match std::fs::read(&path) {
                Ok(bytes) => Some(bytes),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                Err(e) => return Err(ProjectError::read(path, e)),
            };
            files.push((path, content));
        }
        Ok(Self { files })
    }

    fn restore(&self) {
        for (path, content) in &self.files {
            // Best effort: the failure being reported matters more.
            let _ = match content {
                Some(bytes) => std::fs::write(path, bytes),
                None => std::fs::remove_file(path).or_else(|e| match e.kind() {
                    std::io::ErrorKind::NotFound => Ok(()),
                    _ => Err(e),
                }),
            };
        }
    }
}
