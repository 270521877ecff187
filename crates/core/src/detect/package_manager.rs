//! The package manager: the app's `packageManager` field wins, then the
//! app's lockfile, then the workspace root it belongs to (its
//! `packageManager` field, its lockfile, `pnpm-workspace.yaml`), then a
//! lockfile further up the repository, then npm.

use std::path::Path;

use crate::package_json::PackageJson;
use crate::project::{PackageManager, PackageManagerInfo};

use super::workspace::{self, Workspace};

const LOCKFILES: [(&str, PackageManager); 5] = [
    ("pnpm-lock.yaml", PackageManager::Pnpm),
    ("yarn.lock", PackageManager::Yarn),
    ("bun.lock", PackageManager::Bun),
    ("bun.lockb", PackageManager::Bun),
    ("package-lock.json", PackageManager::Npm),
];

/// Detects the package manager for the app at `root`.
pub fn detect(root: &Path, package_json: &PackageJson) -> PackageManagerInfo {
    let found = |name, source: String, workspace: Option<&Workspace>| PackageManagerInfo {
        name,
        source,
        workspace_root: workspace.map(|w| w.root.clone()),
    };
    if let Some((pm, field)) = field(package_json) {
        return found(pm, format!("packageManager field ({field})"), None);
    }
    if let Some((file, pm)) = lockfile(root) {
        return found(pm, file.to_owned(), None);
    }
    let workspace = workspace::containing(root);
    if let Some(ws) = &workspace {
        let at = relative(root, &ws.root);
        if let Some((pm, field)) = ws.package_json.as_ref().and_then(field) {
            return found(
                pm,
                format!("packageManager field of the workspace root {at}/package.json ({field})"),
                Some(ws),
            );
        }
        if let Some((file, pm)) = lockfile(&ws.root) {
            return found(pm, format!("{file} at the workspace root {at}"), Some(ws));
        }
        if ws.pnpm {
            return found(
                PackageManager::Pnpm,
                format!("pnpm-workspace.yaml at the workspace root {at}"),
                Some(ws),
            );
        }
    }
    for dir in root.ancestors().skip(1) {
        if let Some((file, pm)) = lockfile(dir) {
            return found(
                pm,
                format!("{file} in {}", relative(root, dir)),
                workspace.as_ref(),
            );
        }
        if dir.join(".git").exists() {
            break;
        }
    }
    found(
        PackageManager::Npm,
        "default (no lockfile)".to_owned(),
        workspace.as_ref(),
    )
}

/// The `packageManager` field (`pnpm@9.15.0`) naming a known manager.
fn field(package_json: &PackageJson) -> Option<(PackageManager, &str)> {
    let field = package_json.string("packageManager")?;
    let name = field.split('@').next().unwrap_or_default();
    PackageManager::parse(name).map(|pm| (pm, field))
}

/// The first lockfile in `dir`.
fn lockfile(dir: &Path) -> Option<(&'static str, PackageManager)> {
    LOCKFILES
        .into_iter()
        .find(|(file, _)| dir.join(file).is_file())
}

/// `dir` (an ancestor of `root`) as seen from `root`: `..`, `../..`.
fn relative(root: &Path, dir: &Path) -> String {
    let up = root
        .strip_prefix(dir)
        .map_or(0, |rest| rest.components().count());
    vec![".."; up.max(1)].join("/")
}
