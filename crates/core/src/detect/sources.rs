//! The app's own JS/TS sources, for the questions only `init` and `detect`
//! ask of the whole app (its widgets wrapper, whether it uses a package).
//! `verify` has its own walk (`verifier::scan`).

use std::path::{Path, PathBuf};

/// Folders that hold no source of the app's own.
const SKIPPED_DIRS: [&str; 12] = [
    "node_modules",
    "dist",
    "build",
    "out",
    "coverage",
    ".next",
    ".output",
    ".react-router",
    ".vercel",
    ".netlify",
    ".turbo",
    ".git",
];
/// How many source files are listed, at most.
const MAX_FILES: usize = 20_000;
/// Larger files are not listed (bundles, generated code).
const MAX_BYTES: u64 = 512 * 1024;

/// The app's JS/TS sources (root-relative, sorted), outside build output
/// and dependencies, honouring `.gitignore`.
pub fn app_sources(root: &Path) -> Vec<PathBuf> {
    let walker = ignore::WalkBuilder::new(root)
        .hidden(true)
        .require_git(false)
        .filter_entry(|entry| {
            !(entry.file_type().is_some_and(|t| t.is_dir())
                && entry
                    .file_name()
                    .to_str()
                    .is_some_and(|n| SKIPPED_DIRS.contains(&n)))
        })
        .build();
    let mut files: Vec<PathBuf> = walker
        .flatten()
        .filter(|entry| {
            entry.file_type().is_some_and(|t| t.is_file())
                && crate::specifier::is_source(entry.path())
                && entry.metadata().is_ok_and(|m| m.len() <= MAX_BYTES)
        })
        .filter_map(|entry| entry.path().strip_prefix(root).ok().map(Path::to_path_buf))
        .take(MAX_FILES)
        .collect();
    files.sort();
    files
}

/// Whether any of the app's sources names `package` (an import, a dynamic
/// import, a re-export): evidence the app uses a package it declares.
pub fn mention(root: &Path, package: &str) -> bool {
    app_sources(root).iter().any(|relative| {
        std::fs::read_to_string(root.join(relative)).is_ok_and(|text| {
            ["'", "\""]
                .iter()
                .any(|quote| text.contains(&format!("{quote}{package}{quote}")))
        })
    })
}
