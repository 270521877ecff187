//! The packages widgets need, which of them are missing, and running the
//! project's package manager once to add them.

use std::path::Path;
use std::process::{Command, Stdio};

use workos_widgets_core::Project;
use workos_widgets_core::project::PackageManager;

use crate::GenerateError;
use crate::plan::Install;
use crate::sdk::SdkTarget;
use workos_widgets_core::catalog::SDK_PACKAGE;
use workos_widgets_core::npm_range;
use workos_widgets_core::package_json::DEPENDENCY_TABLES;

/// A package the setup needs.
#[derive(Debug, Clone)]
pub struct Requirement {
    pub name: &'static str,
    /// What `--no-install` writes into package.json.
    pub range: String,
    /// Versions that are good enough when already present.
    pub compatible: String,
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

/// A package.json entry the setup writes: `name` at `range`, in the table
/// that already declares it (its value replaced in place), else in
/// `dependencies` (`devDependencies` for type definitions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declaration {
    pub table: &'static str,
    pub name: String,
    pub range: String,
}

/// What the install step declares in package.json.
#[derive(Debug, Default)]
pub struct Additions {
    pub entries: Vec<Declaration>,
}

impl Additions {
    /// Whether nothing is declared.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Whether every entry goes to `devDependencies`.
    pub fn only_dev(&self) -> bool {
        self.entries.iter().all(|e| e.table == "devDependencies")
    }

    /// The entries as (table, [(name, range)]), in package.json's table
    /// order, for [`workos_widgets_core::package_json::PackageJson::with_tables`].
    pub fn by_table(&self) -> Vec<(&'static str, Vec<(String, String)>)> {
        DEPENDENCY_TABLES
            .iter()
            .map(|table| {
                let entries = self
                    .entries
                    .iter()
                    .filter(|e| e.table == *table)
                    .map(|e| (e.name.clone(), e.range.clone()))
                    .collect::<Vec<_>>();
                (*table, entries)
            })
            .filter(|(_, entries)| !entries.is_empty())
            .collect()
    }
}

/// The widgets package, and the versions of it a project may keep.
const WIDGETS: &str = "@workos-inc/widgets";
const WIDGETS_COMPATIBLE: &str = "^1.0.0";
const RADIX: &str = "@radix-ui/themes";

/// `@radix-ui/themes` peer range by widgets version (`npm view
/// @workos-inc/widgets@<v> peerDependencies`, 2026-12-03): 1.1.5 to 1.8.0
/// peer `^3.1.0`, 1.8.2 to 1.18.0 `^3.3.0`. Newest first.
const RADIX_PEERS: [(&str, &str); 2] = [(">=1.8.2", "^3.3.0"), (">=1.0.0 <1.8.2", "^3.1.0")];

/// The `@radix-ui/themes` range the widgets the app ends up with peer with:
/// an installed widgets that init keeps answers from its own package.json,
/// else a kept declared range by the newest known release it admits (what
/// an install brings), else the newest widgets' range.
fn radix_peer(project: &Project) -> String {
    let newest = RADIX_PEERS[0].1;
    let declared = project.package_json.declared(WIDGETS);
    if declared.is_none_or(|d| !admits(d, WIDGETS_COMPATIBLE)) {
        return newest.to_owned();
    }
    if let Some(installed) = project.installed(WIDGETS) {
        if !admits(installed, WIDGETS_COMPATIBLE) {
            return newest.to_owned();
        }
        let own = workos_widgets_core::detect::installed::Lookup::new(&project.root)
            .manifest(WIDGETS)
            .and_then(|(_, manifest)| {
                manifest
                    .get("peerDependencies")?
                    .get(RADIX)?
                    .as_str()
                    .map(str::to_owned)
            });
        return own.unwrap_or_else(|| known_radix_peer(installed));
    }
    declared.map_or_else(|| newest.to_owned(), known_radix_peer)
}

/// The peer range of the newest known widgets release `spec` admits.
fn known_radix_peer(spec: &str) -> String {
    RADIX_PEERS
        .iter()
        .find(|(versions, _)| npm_range::intersects(spec, versions) == Some(true))
        .map_or(RADIX_PEERS[0].1, |(_, peer)| peer)
        .to_owned()
}

/// The packages widgets need, plus `@workos-inc/node` at `sdk` when the app
/// mints tokens with it directly. `@radix-ui/themes` is judged by the peer
/// range of the widgets version `project` keeps.
/// `node_types` adds `@types/node` at that range as a dev dependency.
pub fn requirements(
    project: &Project,
    sdk: Option<&SdkTarget>,
    node_types: Option<String>,
) -> Vec<Requirement> {
    let mut reqs = vec![
        Requirement {
            name: WIDGETS,
            range: "^1.18.0".to_owned(),
            compatible: WIDGETS_COMPATIBLE.to_owned(),
            dev: false,
            pinned: false,
        },
        Requirement {
            name: RADIX,
            range: "^3.3.0".to_owned(),
            compatible: radix_peer(project),
            dev: false,
            pinned: false,
        },
        Requirement {
            name: "@tanstack/react-query",
            range: "^5.108.0".to_owned(),
            compatible: "^5.0.0".to_owned(),
            dev: false,
            pinned: false,
        },
    ];
    if let Some(sdk) = sdk {
        reqs.push(Requirement {
            name: SDK_PACKAGE,
            range: format!("^{}", sdk.version),
            compatible: ">=7.0.0".to_owned(),
            dev: false,
            pinned: sdk.pinned,
        });
    }
    if let Some(range) = node_types {
        reqs.push(Requirement {
            name: NODE_TYPES,
            range,
            compatible: "*".to_owned(),
            dev: true,
            pinned: false,
        });
    }
    reqs
}

/// Whether `spec` (a declared range or an installed version) admits a
/// version in `compatible`: `^3.2.1` admits 3.3.x, so it meets `^3.3.0`.
/// An npm alias (`npm:pkg@^1`) is judged by its range; what is not a
/// registry range (`workspace:*`, `catalog:`, a tag, a git URL) is the
/// user's choice and left alone.
fn admits(spec: &str, compatible: &str) -> bool {
    let range = spec
        .strip_prefix("npm:")
        .and_then(|alias| alias.rsplit_once('@'))
        .map_or(spec, |(_, range)| range);
    npm_range::intersects(range, compatible).unwrap_or(true)
}

/// The install step the project needs, if any, and what package.json gets
/// declared: everything under `--no-install` (`deferred`), else the dev
/// dependencies only (the package manager's `add` declares the rest). A
/// package declared in a range that admits a compatible version is left as
/// it is; one declared in a range that does not (or installed at a version
/// that does not) gets its range replaced where it is declared.
///
/// A package npm `overrides` pins is declared with the override's exact
/// spec before the install (npm refuses, with EOVERRIDE, a direct
/// dependency whose spec differs from its override); a pin outside the
/// range the widgets need is an error, before anything is written.
pub fn plan(
    project: &Project,
    reqs: &[Requirement],
    (manager, found): (PackageManager, &str),
    deferred: bool,
) -> Result<(Option<Install>, Additions), GenerateError> {
    let pins: Vec<(&str, &str)> = if manager == PackageManager::Npm {
        reqs.iter()
            .filter_map(|r| Some((r.name, npm_override(&project.package_json, r.name)?)))
            .collect()
    } else {
        Vec::new()
    };
    if let Some((r, pinned)) = reqs.iter().find_map(|r| {
        let (_, pinned) = pins.iter().find(|(name, _)| *name == r.name)?;
        (!admits(pinned, &r.compatible)).then_some((r, *pinned))
    }) {
        let (line, column) = override_position(&project.package_json.text, r.name);
        return Err(GenerateError::OverrideConflict {
            path: project.package_json.path.clone(),
            line,
            column,
            package: r.name.to_owned(),
            pinned: pinned.to_owned(),
            needed: r.compatible.clone(),
        });
    }
    let pin = |r: &Requirement| {
        pins.iter()
            .find(|(name, _)| *name == r.name)
            .map(|(_, pinned)| *pinned)
    };
    // Declared in package.json before the install runs, not passed to the
    // package manager's `add`: type definitions (a dev dependency) and
    // pinned packages (their spec must be the override's).
    let declared_first = |r: &Requirement| r.dev || pin(r).is_some();
    let declared_ok = |r: &Requirement| {
        project
            .package_json
            .declared(r.name)
            .is_some_and(|d| match pin(r) {
                Some(pinned) => d == pinned,
                None => admits(d, &r.compatible),
            })
    };
    let installed_ok = |r: &Requirement| {
        project
            .installed(r.name)
            .is_some_and(|v| admits(v, &r.compatible))
    };
    // Installed at a version the declared range admits but the setup does
    // not (a lockfile pinning an older minor): the range is raised, so the
    // install brings a compatible version.
    let stale = |r: &Requirement| project.installed(r.name).is_some() && !installed_ok(r);
    // Declared is what counts: a package only in node_modules (hoisted from
    // elsewhere, or installed by hand) disappears on the next clean install.
    let all_to_add: Vec<&Requirement> = reqs
        .iter()
        .filter(|r| !declared_ok(r) || stale(r))
        .collect();
    let to_fetch = reqs.iter().any(|r| !installed_ok(r));
    let range_for = |r: &Requirement| match pin(r) {
        Some(pinned) => pinned.to_owned(),
        None => project
            .installed(r.name)
            .filter(|v| admits(v, &r.compatible))
            .map_or_else(|| r.range.clone(), |v| format!("^{v}")),
    };
    let declaration = |r: &&Requirement| {
        let table = project.package_json.declared_in(r.name).map_or(
            if r.dev {
                "devDependencies"
            } else {
                "dependencies"
            },
            |(table, _)| table,
        );
        Declaration {
            table,
            name: r.name.to_owned(),
            range: range_for(r),
        }
    };
    let additions = Additions {
        entries: all_to_add
            .iter()
            .filter(|r| deferred || declared_first(r))
            .map(declaration)
            .collect(),
    };
    let declares_first = all_to_add.iter().any(|r| declared_first(r));
    let to_add: Vec<&Requirement> = all_to_add
        .into_iter()
        .filter(|r| !declared_first(r))
        .collect();
    let packages: Vec<String> = to_add.iter().map(|r| r.name.to_owned()).collect();
    let needs_command = to_fetch || declares_first || (!deferred && !to_add.is_empty());
    if !needs_command {
        return Ok((None, additions));
    }
    // npm picks the newest version whose `engines` accept the running Node;
    // pnpm, yarn and bun take the newest outright (and @workos-inc/node 9+
    // needs Node >= 22.11), so they get the targeted range spelled out. An
    // SDK already installed but not declared (the peer of an AuthKit SDK,
    // e.g. ^10.7 for TanStack Start's) is declared at that version, for every
    // manager: another major would not satisfy that peer. A package
    // installed at an incompatible version gets the setup's range.
    let specs: Vec<String> = to_add
        .iter()
        .map(|r| {
            let installed = project.installed(r.name).is_some();
            match manager {
                _ if stale(r) => format!("{}@{}", r.name, r.range),
                _ if r.name == SDK_PACKAGE && installed => {
                    format!("{}@{}", r.name, range_for(r))
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
        package_manager_source: found.to_owned(),
    };
    Ok((Some(install), additions))
}

/// The version npm `overrides` pins `name` to for the whole tree:
/// `"name": "5.59.0"`, `"name@^5": "5.59.0"` or `"name": { ".": "5.59.0" }`;
/// a `$name` reference (the dependency's own spec) pins nothing.
fn npm_override<'p>(
    package_json: &'p workos_widgets_core::package_json::PackageJson,
    name: &str,
) -> Option<&'p str> {
    let overrides = package_json.value.get("overrides")?.as_object()?;
    overrides.iter().find_map(|(key, value)| {
        let selects = key == name
            || key
                .strip_prefix(name)
                .is_some_and(|rest| rest.starts_with('@'));
        if !selects {
            return None;
        }
        let pinned = match value {
            serde_json::Value::String(spec) => spec.as_str(),
            serde_json::Value::Object(nested) => nested.get(".")?.as_str()?,
            _ => return None,
        };
        (!pinned.starts_with('$')).then_some(pinned)
    })
}

/// Line and column (1-based) of `name`'s key in package.json's `overrides`.
fn override_position(text: &str, name: &str) -> (usize, usize) {
    let overrides = text.find("\"overrides\"").unwrap_or(0);
    let at = text[overrides..]
        .find(&format!("\"{name}"))
        .map_or(overrides, |i| overrides + i);
    workos_widgets_core::js::line_col(text, at)
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
    fn judges_compatibility_by_the_versions_a_range_admits() {
        assert!(admits("^3.3.1", "^3.3.0"));
        assert!(admits("^3.1.0", "^3.3.0"), "^3.1.0 admits 3.3.x");
        assert!(!admits("~3.2.1", "^3.3.0"));
        assert!(admits("1.18.0", "^1.0.0"));
        assert!(!admits("4.0.0", "^5.0.0"));
        assert!(admits("8.0.0-rc.10", ">=7.0.0"));
        assert!(admits("npm:@tanstack/react-query@^5.1.0", "^5.0.0"));
        assert!(!admits("npm:@tanstack/react-query@^4", "^5.0.0"));
        assert!(admits("catalog:", "^5.0.0"), "left to the user");
        assert!(admits("workspace:*", "^1.0.0"), "left to the user");
    }

    #[test]
    fn knows_the_radix_peer_of_each_widgets_release() {
        assert_eq!(known_radix_peer("1.2.1"), "^3.1.0");
        assert_eq!(known_radix_peer("~1.7.0"), "^3.1.0");
        assert_eq!(known_radix_peer("~1.8.0"), "^3.3.0", "~1.8.0 admits 1.8.2");
        assert_eq!(
            known_radix_peer("^1.2.1"),
            "^3.3.0",
            "an install brings 1.18"
        );
        assert_eq!(known_radix_peer("1.18.0"), "^3.3.0");
    }
}
