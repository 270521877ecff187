//! The packages widgets need, which of them are missing, and running the
//! project's package manager once to add them.

use std::path::Path;
use std::process::{Command, Stdio};

use semver::{Version, VersionReq};
use workos_widgets_core::Project;
use workos_widgets_core::project::PackageManager;

use crate::plan::Install;
use crate::sdk::{SdkTarget, minimum_of_range};
use workos_widgets_core::catalog::SDK_PACKAGE;

/// A package the setup needs.
#[derive(Debug, Clone)]
pub struct Requirement {
    pub name: &'static str,
    /// What `--no-install` writes into package.json.
    pub range: String,
    /// Versions that are good enough when already present.
    pub compatible: &'static str,
    /// A `devDependencies` entry (type definitions). It is declared in
    /// package.json before the install runs, so one install fetches it
    /// with the rest.
    pub dev: bool,
    /// Installed at `range` by every package manager (an AuthKit SDK's
    /// peer range decides the major, not npm's pick for the running Node).
    pub pinned: bool,
}

/// `@types/node`, for apps whose `tsconfig.node.json` type-checks
/// `vite.config.ts` (and through it the generated server files).
pub const NODE_TYPES: &str = "@types/node";

/// What the install step adds to package.json.
#[derive(Debug, Default)]
pub struct Additions {
    pub dependencies: Vec<(String, String)>,
    pub dev_dependencies: Vec<(String, String)>,
}

impl Additions {
    /// Whether nothing is added.
    pub fn is_empty(&self) -> bool {
        self.dependencies.is_empty() && self.dev_dependencies.is_empty()
    }
}

/// The packages widgets need, plus `@workos-inc/node` at `sdk` when the app
/// mints tokens with it directly.
/// `node_types` adds `@types/node` at that range as a dev dependency.
pub fn requirements(sdk: Option<&SdkTarget>, node_types: Option<String>) -> Vec<Requirement> {
    let mut reqs = vec![
        Requirement {
            name: "@workos-inc/widgets",
            range: "^1.18.0".to_owned(),
            compatible: "^1.0.0",
            dev: false,
            pinned: false,
        },
        Requirement {
            name: "@radix-ui/themes",
            range: "^3.3.0".to_owned(),
            compatible: "^3.3.0",
            dev: false,
            pinned: false,
        },
        Requirement {
            name: "@tanstack/react-query",
            range: "^5.108.0".to_owned(),
            compatible: "^5.0.0",
            dev: false,
            pinned: false,
        },
    ];
    if let Some(sdk) = sdk {
        reqs.push(Requirement {
            name: SDK_PACKAGE,
            range: format!("^{}", sdk.version),
            compatible: ">=7.0.0",
            dev: false,
            pinned: sdk.pinned,
        });
    }
    if let Some(range) = node_types {
        reqs.push(Requirement {
            name: NODE_TYPES,
            range,
            compatible: "*",
            dev: true,
            pinned: false,
        });
    }
    reqs
}

/// Whether `version_or_range` (an installed version, or a declared range's
/// minimum) satisfies `compatible`.
fn satisfies(version_or_range: &str, compatible: &str) -> bool {
    let Ok(req) = VersionReq::parse(compatible) else {
        return false;
    };
    Version::parse(version_or_range)
        .ok()
        .or_else(|| minimum_of_range(version_or_range))
        .is_some_and(|v| req.matches(&v))
}

/// The install step the project needs, if any, and what package.json gets
/// declared: everything under `--no-install` (`deferred`), else the dev
/// dependencies only (the package manager's `add` declares the rest).
pub fn plan(
    project: &Project,
    reqs: &[Requirement],
    manager: PackageManager,
    deferred: bool,
) -> (Option<Install>, Additions) {
    let declared_ok = |r: &Requirement| {
        project
            .package_json
            .declared(r.name)
            .is_some_and(|d| satisfies(d, r.compatible))
    };
    let installed_ok = |r: &Requirement| {
        project
            .installed(r.name)
            .is_some_and(|v| satisfies(v, r.compatible))
    };
    // Declared is what counts: a package only in node_modules (hoisted from
    // elsewhere, or installed by hand) disappears on the next clean install.
    let all_to_add: Vec<&Requirement> = reqs.iter().filter(|r| !declared_ok(r)).collect();
    let to_fetch = reqs.iter().any(|r| !installed_ok(r));
    let declaration = |r: &&Requirement| {
        let range = project
            .installed(r.name)
            .filter(|v| satisfies(v, r.compatible))
            .map_or_else(|| r.range.clone(), |v| format!("^{v}"));
        (r.name.to_owned(), range)
    };
    let additions = Additions {
        dependencies: if deferred {
            all_to_add
                .iter()
                .filter(|r| !r.dev)
                .map(declaration)
                .collect()
        } else {
            Vec::new()
        },
        dev_dependencies: all_to_add
            .iter()
            .filter(|r| r.dev)
            .map(declaration)
            .collect(),
    };
    let to_add: Vec<&Requirement> = all_to_add.into_iter().filter(|r| !r.dev).collect();
    let packages: Vec<String> = to_add.iter().map(|r| r.name.to_owned()).collect();
    let needs_command =
        to_fetch || !additions.dev_dependencies.is_empty() || (!deferred && !to_add.is_empty());
    if !needs_command {
        return (None, additions);
    }
    // npm picks the newest version whose `engines` accept the running Node;
    // pnpm, yarn and bun take the newest outright (and @workos-inc/node 9+
    // needs Node >= 22.11), so they get the targeted range spelled out. An
    // SDK already installed but not declared (the peer of an AuthKit SDK,
    // e.g. ^10.7 for TanStack Start's) is declared at that version, for every
    // manager: another major would not satisfy that peer.
    let specs: Vec<String> = to_add
        .iter()
        .map(|r| {
            let installed = project.installed(r.name).is_some();
            match manager {
                _ if r.name == SDK_PACKAGE && installed => {
                    format!("{}@{}", r.name, declaration(r).1)
                }
                _ if r.name == SDK_PACKAGE && r.pinned => format!("{}@{}", r.name, r.range),
                PackageManager::Npm => r.name.to_owned(),
                _ if r.name == SDK_PACKAGE => format!("{}@{}", r.name, r.range),
                _ => r.name.to_owned(),
            }
        })
        .collect();
    let args = if deferred || packages.is_empty() {
        vec!["install".to_owned()]
    } else {
        manager.add_args(&specs)
    };
    let command = std::iter::once(manager.program().to_owned())
        .chain(args.iter().cloned())
        .collect::<Vec<_>>()
        .join(" ");
    let install = Install {
        command,
        program: manager.program().to_owned(),
        args,
        packages,
        deferred,
    };
    (Some(install), additions)
}

/// The result of running the package manager.
#[derive(Debug)]
pub struct InstallOutput {
    pub success: bool,
    /// Combined stdout and stderr.
    pub log: String,
    /// The signal that interrupted the run (forwarded to the package
    /// manager, which was then waited for).
    pub interrupted: Option<i32>,
}

/// Runs the install in `root`, capturing its output. `interrupted` is
/// polled while it runs: a signal it returns is forwarded to the package
/// manager, and the run waits for it to exit.
pub fn run(
    root: &Path,
    install: &Install,
    interrupted: &dyn Fn() -> Option<i32>,
) -> std::io::Result<InstallOutput> {
    let mut child = Command::new(&install.program)
        .args(&install.args)
        .current_dir(root)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env("npm_config_fund", "false")
        .env("npm_config_audit", "false")
        .spawn()?;
    let stdout = child.stdout.take().map(collect);
    let stderr = child.stderr.take().map(collect);
    let mut forwarded = None;
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if forwarded.is_none()
            && let Some(signal) = interrupted()
        {
            forward(&child, signal);
            forwarded = Some(signal);
        }
        std::thread::sleep(std::time::Duration::from_millis(25));
    };
    let mut log = String::new();
    for reader in [stdout, stderr].into_iter().flatten() {
        log.push_str(&String::from_utf8_lossy(&reader.join().unwrap_or_default()));
    }
    Ok(InstallOutput {
        success: status.success() && forwarded.is_none(),
        log,
        interrupted: forwarded,
    })
}

/// Reads a child's pipe to the end on its own thread.
fn collect(mut pipe: impl std::io::Read + Send + 'static) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut out = Vec::new();
        let _ = pipe.read_to_end(&mut out);
        out
    })
}

/// Sends `signal` to the package manager.
#[cfg(unix)]
fn forward(child: &std::process::Child, signal: i32) {
    if let Ok(pid) = libc::pid_t::try_from(child.id()) {
        // SAFETY: kill(2) on our own child's pid with a signal number the
        // OS delivered to us; it has no memory effects.
        unsafe {
            libc::kill(pid, signal);
        }
    }
}

#[cfg(not(unix))]
fn forward(_child: &std::process::Child, _signal: i32) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn judges_compatibility() {
        assert!(satisfies("^3.3.1", "^3.3.0"));
        assert!(!satisfies("^3.1.0", "^3.3.0"));
        assert!(satisfies("1.18.0", "^1.0.0"));
        assert!(!satisfies("4.0.0", "^5.0.0"));
    }
}
