//! The package manager: the `packageManager` field wins, then lockfiles,
//! then npm.

use std::path::Path;

use crate::package_json::PackageJson;
use crate::project::{PackageManager, PackageManagerInfo};

const LOCKFILES: [(&str, PackageManager); 5] = [
    ("pnpm-lock.yaml", PackageManager::Pnpm),
    ("yarn.lock", PackageManager::Yarn),
    ("bun.lock", PackageManager::Bun),
    ("bun.lockb", PackageManager::Bun),
    ("package-lock.json", PackageManager::Npm),
];

/// Detects the package manager for the app at `root`.
pub fn detect(root: &Path, package_json: &PackageJson) -> PackageManagerInfo {
    if let Some(field) = package_json.string("packageManager") {
        let name = field.split('@').next().unwrap_or_default();
        if let Some(pm) = PackageManager::parse(name) {
            return PackageManagerInfo {
                name: pm,
                source: format!("packageManager field ({field})"),
            };
        }
    }
    for dir in root.ancestors() {
        for (file, pm) in LOCKFILES {
            if dir.join(file).is_file() {
                return PackageManagerInfo {
                    name: pm,
                    source: file.to_owned(),
                };
            }
        }
        if dir.join(".git").exists() {
            break;
        }
    }
    PackageManagerInfo {
        name: PackageManager::Npm,
        source: "default (no lockfile)".to_owned(),
    }
}
