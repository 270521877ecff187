//! Installed packages: the one lookup of "which version of package X does
//! the app get" that detect, the code style, the generator and verify all
//! ask. It follows Node's resolution inside the project:
//!
//! - `node_modules/<pkg>/package.json` in the app's folder, then in each
//!   folder above it up to its workspace root (hoisting), never further;
//! - pnpm's links into its `.pnpm` store are followed, and what an installed
//!   package itself loads (its dependencies and peers, auto-installed ones
//!   included) is resolved from where it really lives, beside it in the
//!   store ([`Lookup::version_from`]);
//! - under Yarn Plug'n'Play (no `node_modules`), from its resolution state
//!   ([`crate::pnp`]).
//!
//! The boundary is the workspace root the app belongs to
//! ([`super::workspace::containing`]), else the app itself. Nothing outside
//! it is read: a package that a link leads out of it counts as not
//! installed (checked as [`crate::links::read_inside`] checks a source file).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;

use crate::ProjectError;

/// Where Node looks for the packages of one app, and how far the tool may
/// read: the app and the folders above it up to the boundary.
#[derive(Debug, Clone)]
pub struct Lookup {
    /// The app's folder (absolute).
    app: PathBuf,
    /// The outermost folder read: the app's workspace root, else the app.
    boundary: PathBuf,
}

/// A package found in a `node_modules`: the folder whose `node_modules`
/// holds it, the path of its `package.json` and that file parsed.
struct Found {
    folder: PathBuf,
    path: PathBuf,
    manifest: Value,
}

impl Lookup {
    /// The lookup for the app at `app`.
    pub fn new(app: &Path) -> Self {
        let app = std::path::absolute(app).unwrap_or_else(|_| app.to_path_buf());
        let boundary = super::workspace::containing(&app).map_or_else(|| app.clone(), |w| w.root);
        Self { app, boundary }
    }

    /// The outermost folder the lookup reads: the app's workspace root, or
    /// the app itself when it belongs to no workspace.
    pub fn boundary(&self) -> &Path {
        &self.boundary
    }

    /// The app's folder and each folder above it up to the boundary,
    /// nearest first: where Node (and a formatter's config search) looks.
    pub fn folders(&self) -> impl Iterator<Item = &Path> {
        self.app
            .ancestors()
            .take_while(|dir| dir.starts_with(&self.boundary))
    }

    /// The version of `name` that Node resolves from the app, if installed.
    pub fn version(&self, name: &str) -> Option<String> {
        self.manifest(name)
            .and_then(|(_, manifest)| version_in(&manifest))
            .or_else(|| self.pnp()?.version(&self.app, name))
    }

    /// The installed `package.json` of `name` that Node resolves from the
    /// app, parsed, with its path (as found, links not resolved). `None`
    /// under Plug'n'Play, whose packages live in zip archives.
    pub fn manifest(&self, name: &str) -> Option<(PathBuf, Value)> {
        let found = find(&self.boundary, self.folders(), name)?;
        Some((found.path, found.manifest))
    }

    /// The version of `name` that the installed package `dependent` loads:
    /// its own nested copy, else the one beside it (pnpm's store, where
    /// its peers are linked too) or above it, as its `require(name)` does.
    pub fn version_from(&self, dependent: &str, name: &str) -> Option<String> {
        let Some((path, _)) = self.manifest(dependent) else {
            return self.pnp()?.version_from(&self.app, dependent, name);
        };
        let package_dir = path.parent()?.canonicalize().ok()?;
        let boundary = self.boundary.canonicalize().ok()?;
        // Node skips the folders named `node_modules` themselves.
        let folders = package_dir
            .ancestors()
            .take_while(|dir| dir.starts_with(&boundary))
            .filter(|dir| dir.file_name().is_none_or(|n| n != "node_modules"));
        find(&boundary, folders, name).and_then(|found| version_in(&found.manifest))
    }

    /// The executable `command` that the installed `package` puts in
    /// `node_modules/.bin` beside it (in the folder where the app resolves
    /// it, the workspace root for a hoisted one).
    pub fn bin(&self, package: &str, command: &str) -> Option<PathBuf> {
        let found = find(&self.boundary, self.folders(), package)?;
        let bin = found.folder.join("node_modules").join(".bin").join(command);
        let inside = crate::links::outside_target(&self.boundary, &bin).is_none();
        (inside && bin.is_file()).then_some(bin)
    }

    /// The Plug'n'Play state of the app, when it has one inside the boundary.
    fn pnp(&self) -> Option<Arc<crate::pnp::Pnp>> {
        crate::pnp::find(&self.app, &self.boundary)
    }
}

/// The version of `name` that Node would resolve from `app`, if installed
/// (see [`Lookup::version`]).
pub fn version(app: &Path, name: &str) -> Option<String> {
    Lookup::new(app).version(name)
}

/// `name` in the `node_modules` of the first of `folders` that holds it,
/// read only when no link on its way leads out of `boundary`. A package
/// that a link leads out is not installed (Node would load that copy, so
/// none further up is taken instead).
fn find<'a>(boundary: &Path, folders: impl Iterator<Item = &'a Path>, name: &str) -> Option<Found> {
    for folder in folders {
        let path = folder.join("node_modules").join(name).join("package.json");
        match crate::links::read_inside(boundary, &path) {
            Ok(text) => {
                return Some(Found {
                    folder: folder.to_path_buf(),
                    manifest: serde_json::from_str(&text).ok()?,
                    path,
                });
            }
            Err(ProjectError::LinkOutsideProject { .. }) => return None,
            Err(_) => {}
        }
    }
    None
}

fn version_in(manifest: &Value) -> Option<String> {
    manifest.get("version")?.as_str().map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(path: &Path, version: &str) {
        std::fs::create_dir_all(path).unwrap();
        std::fs::write(
            path.join("package.json"),
            format!(r#"{{"version":"{version}"}}"#),
        )
        .unwrap();
    }

    #[test]
    fn a_dependent_resolves_its_nested_copy_before_the_hoisted_one() {
        let dir = tempfile::tempdir().unwrap();
        let modules = dir.path().join("node_modules");
        let lookup = Lookup::new(dir.path());
        write(&modules.join("@workos-inc/node"), "11.0.0");
        write(&modules.join("@workos-inc/authkit-remix"), "0.17.0");
        assert_eq!(
            lookup
                .version_from("@workos-inc/authkit-remix", "@workos-inc/node")
                .as_deref(),
            Some("11.0.0"),
            "hoisted"
        );
        write(
            &modules.join("@workos-inc/authkit-remix/node_modules/@workos-inc/node"),
            "7.82.0",
        );
        assert_eq!(
            lookup
                .version_from("@workos-inc/authkit-remix", "@workos-inc/node")
                .as_deref(),
            Some("7.82.0"),
            "nested"
        );
        assert_eq!(
            lookup.version("@workos-inc/node").as_deref(),
            Some("11.0.0")
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_dependent_in_pnpms_store_resolves_its_sibling() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir
            .path()
            .join("node_modules/.pnpm/@workos-inc+authkit-react-router@0.8.1/node_modules");
        write(&store.join("@workos-inc/authkit-react-router"), "0.8.1");
        write(&store.join("@workos-inc/node"), "7.82.0");
        let link = dir.path().join("node_modules/@workos-inc");
        std::fs::create_dir_all(&link).unwrap();
        std::os::unix::fs::symlink(
            store.join("@workos-inc/authkit-react-router"),
            link.join("authkit-react-router"),
        )
        .unwrap();
        let lookup = Lookup::new(dir.path());
        assert_eq!(
            lookup
                .version_from("@workos-inc/authkit-react-router", "@workos-inc/node")
                .as_deref(),
            Some("7.82.0")
        );
        assert_eq!(lookup.version("@workos-inc/node"), None);
    }

    #[test]
    fn looks_up_to_the_workspace_root_and_no_further() {
        let dir = tempfile::tempdir().unwrap();
        let mono = dir.path().join("mono");
        let app = mono.join("apps/web");
        std::fs::create_dir_all(&app).unwrap();
        std::fs::write(mono.join("package.json"), r#"{"workspaces":["apps/*"]}"#).unwrap();
        write(&mono.join("node_modules/prettier"), "3.6.2");
        std::fs::create_dir_all(mono.join("node_modules/.bin")).unwrap();
        std::fs::write(mono.join("node_modules/.bin/prettier"), "#!/bin/sh\n").unwrap();
        write(&dir.path().join("node_modules/vite"), "8.0.0");
        let lookup = Lookup::new(&app);
        assert_eq!(lookup.boundary(), mono);
        assert_eq!(lookup.folders().count(), 3, "web, apps, mono");
        assert_eq!(lookup.version("prettier").as_deref(), Some("3.6.2"));
        assert_eq!(
            lookup.bin("prettier", "prettier"),
            Some(mono.join("node_modules/.bin/prettier"))
        );
        assert_eq!(lookup.version("vite"), None, "above the workspace root");
        assert_eq!(
            Lookup::new(&mono.join("apps")).version("prettier"),
            None,
            "a folder no workspace lists is its own boundary"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_package_linked_out_of_the_workspace_is_not_installed() {
        let outside = tempfile::tempdir().unwrap();
        write(&outside.path().join("react"), "19.0.0");
        let dir = tempfile::tempdir().unwrap();
        let app = dir.path();
        write(&app.join("node_modules/react-dom"), "19.3.1");
        std::os::unix::fs::symlink(outside.path().join("react"), app.join("node_modules/react"))
            .unwrap();
        let lookup = Lookup::new(app);
        assert_eq!(lookup.version("react"), None);
        assert_eq!(lookup.version_from("react-dom", "react"), None);
        assert_eq!(lookup.version("react-dom").as_deref(), Some("19.3.1"));
    }
}
