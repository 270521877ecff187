//! `workos-widgets verify`: checks that a React app's WorkOS Widgets setup
//! is right, fast enough for a pre-commit hook.
//!
//! scan (one `.gitignore`-aware walk; each file parsed once with oxc, and
//! only when it can hold a fact) -> [`facts::Facts`] -> checks (one module
//! per rule, each with a stable code and an `explain` doc) -> findings ->
//! `--fix` with the edit engine `init` uses -> human / JSON / SARIF output.
//!
//! | code | name | severity | fix |
//! |---|---|---|---|
//! | WW001 | syntax-error | error | |
//! | WW002 | link-outside-project | warning | |
//! | WW101 | package-not-declared | error | |
//! | WW102 | package-not-installed | error | |
//! | WW103 | peer-version-mismatch | error | |
//! | WW104 | react-too-old | error | |
//! | WW105 | node-sdk-missing | error | |
//! | WW201 | widget-outside-root | error | wrap the app root |
//! | WW202 | providers-without-root | error | wrap the app root |
//! | WW203 | stylesheet-missing | error | add the imports |
//! | WW204 | stylesheet-order | warning | |
//! | WW301 | auth-token-missing | error | |
//! | WW302 | access-token-prop | error | rename to `authToken` |
//! | WW303 | session-id-missing | error | |
//! | WW304 | switch-organization-missing | error | |
//! | WW305 | loading-count-missing | error | add `count={3}` |
//! | WW306 | function-token-in-server-component | error | |
//! | WW401 | token-source-missing | error | |
//! | WW402 | sdk-call-mismatch | error | |
//! | WW403 | unknown-scope | error | correct `widget:`/`_` typos |
//! | WW404 | scope-missing | error | add the scopes |
//! | WW405 | scope-unneeded | warning | |
//! | WW406 | module-scope-client | warning | |
//! | WW501 | secret-in-client | error | |
//! | WW502 | public-env-secret | error | |
//! | WW503 | hardcoded-secret | error | |
//! | WW504 | env-file-not-ignored | error | add to `.gitignore` |
//! | WW505 | identity-from-request | error | |
//! | WW506 | dev-identity | warning | |
//! | WW601 | env-missing | warning | |
//! | WW602 | env-malformed | error | |
//! | WW701 | build-failed (`--build`) | error | |
//! | WW702 | build-timeout (`--build`) | error | |
//! | WW703 | build-script-missing (`--build`) | warning | |
//! | WW801 | api-key-rejected (`--online`) | error | |
//! | WW802 | permission-missing (`--online`) | error | |
//! | WW803 | organization-not-found (`--online`) | error | |
//! | WW804 | scope-rejected (`--online`) | error | |
//! | WW805 | token-request-failed (`--online`) | error | |

pub mod build;
pub mod checks;
mod error;
pub mod facts;
pub mod finding;
pub mod fix;
pub mod hook;
pub use workos_widgets_core::npm_range;
pub mod online;
pub mod questions;
pub mod redact;
pub mod render_roots;
pub mod report;
pub mod route_tree;
pub mod rule;
pub mod scan;

use std::path::{Path, PathBuf};
use std::time::Duration;

use workos_widgets_core::detect::detect;

pub use error::VerifyError;
pub use finding::{Finding, Severity};
pub use online::OnlineOptions;
pub use report::Report;
pub use rule::Rule;

use crate::scan::Selection;

/// What `verify` does besides the static checks.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Only the files staged in git (plus the app root and generated files).
    pub staged: bool,
    /// Apply the safe fixes, then check again.
    pub fix: bool,
    /// Run the build script with this timeout.
    pub build: Option<Duration>,
    /// Mint a real token.
    pub online: Option<OnlineOptions>,
}

/// Verifies the app at `path`.
pub fn verify(path: &Path, options: &Options) -> Result<Report, VerifyError> {
    let mut project = detect(path)?;
    // `--fix` writes: one run at a time per project (read again once held).
    let _lock = if options.fix {
        let held = workos_widgets_core::lock::lock(&project.root, || {})?;
        project = detect(path)?;
        // Fixes edit generated files the manifest records: not for a
        // newer tool's manifest.
        if let Some(manifest) = workos_widgets_core::manifest::Manifest::read(&project.root)? {
            manifest.ensure_not_newer(&project.path(workos_widgets_core::manifest::FILE_NAME))?;
        }
        Some(held)
    } else {
        None
    };
    let selection = if options.staged {
        Selection::Staged(std::sync::Arc::new(scan::staged::Index::open(
            &project.root,
        )?))
    } else {
        Selection::All
    };
    let project = staged_manifest(project, &selection)?;
    let mut facts = scan::scan(project, &selection);
    let mut findings = checks::run_all(&facts);
    fix::drop_noops(&facts.project.root, &mut findings);
    let mut fixes = None;
    if options.fix {
        let applied = fix::apply(&facts.project.root, &findings)?;
        if !applied.applied.is_empty() {
            facts = scan::scan(staged_manifest(detect(path)?, &selection)?, &selection);
            findings = checks::run_all(&facts);
            fix::drop_noops(&facts.project.root, &mut findings);
        }
        fixes = Some(applied);
    }
    if let Some(timeout) = options.build {
        findings.extend(build::run(&facts, timeout));
    }
    let mut online = None;
    if let Some(online_options) = &options.online {
        match online::run(&facts, online_options) {
            Ok(minted) => online = Some(minted),
            Err(failures) => findings.extend(failures),
        }
    }
    checks::sort(&mut findings);
    let project = &facts.project;
    Ok(Report {
        framework: serde_json::to_value(project.framework)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default(),
        router: project.router.map(|r| {
            serde_json::to_value(r)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default()
        }),
        staged: options.staged,
        files_scanned: facts.files_seen,
        files_parsed: facts.files.len(),
        findings,
        fixes,
        online,
        repo_prefix: repo_prefix(&project.root),
        root: project.root.clone(),
    })
}

/// Under `--staged` with `package.json` staged: the project with the
/// staged manifest (its declared dependencies and scripts) instead of the
/// one on disk.
fn staged_manifest(
    mut project: workos_widgets_core::Project,
    selection: &Selection,
) -> Result<workos_widgets_core::Project, VerifyError> {
    let Selection::Staged(index) = selection else {
        return Ok(project);
    };
    let manifest = Path::new("package.json");
    if !index.is_staged(manifest) {
        return Ok(project);
    }
    let Some(blob) = index.read(manifest) else {
        return Ok(project);
    };
    let path = project.root.join(manifest);
    let text = String::from_utf8(blob).map_err(|e| VerifyError::StagedManifest {
        path: path.clone(),
        message: format!("not valid UTF-8 at byte {}", e.utf8_error().valid_up_to()),
    })?;
    let package_json = workos_widgets_core::package_json::PackageJson::parse(path, text)?;
    for package in &mut project.packages {
        package.declared = package_json.declared(&package.name).map(str::to_owned);
    }
    project.package_json = package_json;
    Ok(project)
}

/// `root` relative to the enclosing git repository's root (empty when it
/// is the repository root or not in a repository).
fn repo_prefix(root: &Path) -> PathBuf {
    root.ancestors()
        .find(|dir| dir.join(".git").exists())
        .and_then(|repo| root.strip_prefix(repo).ok())
        .map(Path::to_path_buf)
        .unwrap_or_default()
}
