//! `--build`: the project's build script through its package manager, with
//! a timeout; on failure, the tail of its log (secrets masked).

use std::io::{Read, Seek};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::facts::Facts;
use crate::finding::{Finding, Severity};
use crate::questions::package_location;
use crate::redact::redact_secrets;
use crate::rule::{Check, Rule};

/// Lines of build output shown on failure.
const TAIL_LINES: usize = 25;

pub static FAILED: Rule = Rule {
    code: "WW701",
    name: "build-failed",
    severity: Severity::Error,
    summary: "The build script failed",
    doc: r#"## What it checks
With `--build`: runs the project's `build` script through its package
manager (`npm run build`, `pnpm run build`, ...) in the project folder and
reports a non-zero exit with the last lines of its output.

## Why it matters
Type errors (`accessToken` instead of `authToken`, a scope the SDK's type
rejects, a missing `count`) and bundling errors only show up in the build.

## Example
```sh
workos-widgets verify --build
```
"#,
    fixable: false,
    check: Check::Build,
};

pub static TIMED_OUT: Rule = Rule {
    code: "WW702",
    name: "build-timeout",
    severity: Severity::Error,
    summary: "The build script did not finish within --build-timeout",
    doc: r#"## What it checks
With `--build`: that the build finishes within `--build-timeout` seconds
(default 300). The build's process group is stopped at the deadline.

## Why it matters
A build that hangs (a watcher started by mistake, a prompt waiting for
input) blocks CI and pre-commit hooks.

## Example
```sh
workos-widgets verify --build --build-timeout 600
```
"#,
    fixable: false,
    check: Check::Build,
};

pub static SCRIPT_MISSING: Rule = Rule {
    code: "WW703",
    name: "build-script-missing",
    severity: Severity::Warning,
    summary: "--build was asked for, but package.json has no build script",
    doc: r#"## What it checks
With `--build`: that package.json has a `scripts.build`.

## Why it matters
Without one there is nothing to run, so type and bundling errors go
unnoticed.

## Example
```json
{ "scripts": { "build": "tsc -b && vite build" } }
```
"#,
    fixable: false,
    check: Check::Build,
};

/// Runs the build and reports what went wrong, if anything.
pub fn run(facts: &Facts, timeout: Duration) -> Vec<Finding> {
    let project = &facts.project;
    if !project.package_json.has_script("build") {
        return vec![
            SCRIPT_MISSING
                .finding(
                    package_location(facts, "scripts"),
                    "package.json has no \"build\" script",
                )
                .with_help(
                    "add one (e.g. \"tsc -b && vite build\" or \"next build\") to check the build",
                ),
        ];
    }
    let pm = project.package_manager.name;
    let shown = pm.run_script("build");
    let location = package_location(facts, "build");
    let outcome = match execute(pm.program(), &project.root, timeout) {
        Ok(outcome) => outcome,
        Err(error) => {
            return vec![
                FAILED
                    .finding(location, format!("could not run `{shown}`: {error}"))
                    .with_help(format!(
                        "check that {} is installed and on PATH",
                        pm.program()
                    )),
            ];
        }
    };
    let tail = tail(&outcome.log);
    match outcome.status {
        Status::Success => Vec::new(),
        Status::Failed(code) => vec![FAILED.finding(
            location,
            format!(
                "`{shown}` failed ({}); last lines of its output:\n{tail}",
                code.map_or("killed by a signal".to_owned(), |c| format!("exit code {c}"))
            ),
        )],
        Status::TimedOut => vec![
            TIMED_OUT
                .finding(
                    location,
                    format!(
                        "`{shown}` did not finish within {} s and was stopped; last lines of its output:\n{tail}",
                        timeout.as_secs()
                    ),
                )
                .with_help("raise --build-timeout if it is just slow"),
        ],
    }
}

enum Status {
    Success,
    Failed(Option<i32>),
    TimedOut,
}

struct Outcome {
    status: Status,
    log: String,
}

fn execute(program: &str, root: &std::path::Path, timeout: Duration) -> std::io::Result<Outcome> {
    let mut log = tempfile::tempfile()?;
    let mut command = Command::new(program);
    command
        .args(["run", "build"])
        .current_dir(root)
        .stdin(Stdio::null())
        .stdout(log.try_clone()?)
        .stderr(log.try_clone()?);
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let mut child = command.spawn()?;
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break if status.success() {
                Status::Success
            } else {
                Status::Failed(status.code())
            };
        }
        if started.elapsed() >= timeout {
            stop(&mut child);
            break Status::TimedOut;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut bytes = Vec::new();
    log.rewind()?;
    log.read_to_end(&mut bytes)?;
    Ok(Outcome {
        status,
        log: String::from_utf8_lossy(&bytes).into_owned(),
    })
}

/// Stops the build and everything it started (its process group).
fn stop(child: &mut Child) {
    #[cfg(unix)]
    {
        // Best effort: the group may already be gone.
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", child.id())])
            .status();
    }
    let _ = child.kill();
    let _ = child.wait();
}

fn tail(log: &str) -> String {
    // npm's own config warnings say nothing about the build.
    let lines: Vec<&str> = log
        .lines()
        .filter(|l| {
            !l.trim().is_empty() && !l.starts_with("npm warn") && !l.starts_with("npm WARN")
        })
        .collect();
    let start = lines.len().saturating_sub(TAIL_LINES);
    redact_secrets(
        &lines[start..]
            .iter()
            .map(|l| format!("    {l}"))
            .collect::<Vec<_>>()
            .join("\n"),
    )
}
