//! The workspace packages an app depends on: the members of its monorepo
//! (`packages/ui`) that its package.json declares and that the package
//! manager linked into `node_modules`. Their source is the app's own code:
//! the render graph follows components into them, and `verify` checks the
//! widgets they render.
//!
//! Only links into the workspace are followed: `node_modules/<name>` must
//! be a symbolic link whose target lies inside the workspace root (the
//! nearest folder above the app with `pnpm-workspace.yaml` or a package.json
//! `workspaces`), and not in any `node_modules`. Nothing else outside the
//! app is read.

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::Value;

use super::module_paths::first_target;
use crate::package_json::PackageJson;

/// How many folders above the app the workspace root may be.
const MAX_WORKSPACE_DEPTH: usize = 6;

/// A workspace package the app depends on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorkspacePackage {
    pub name: String,
    /// Where the app reaches it: `node_modules/<name>` (relative to the app
    /// root, a link into the workspace).
    pub dir: PathBuf,
    /// Its folder inside the workspace (absolute, resolved).
    pub source_dir: PathBuf,
    /// Entry points: (`.` or `./subpath`, target relative to `dir`), from
    /// `exports` (the non-types conditions), else `source`/`module`/`main`.
    pub entries: Vec<(String, String)>,
}

/// The workspace packages of the app at `root`.
pub fn detect(root: &Path, package_json: &PackageJson) -> Vec<WorkspacePackage> {
    let Some(workspace) = workspace_root(root) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for table in ["dependencies", "devDependencies", "peerDependencies"] {
        let Some(deps) = package_json.value.get(table).and_then(Value::as_object) else {
            continue;
        };
        for name in deps.keys() {
            if found.iter().any(|p: &WorkspacePackage| &p.name == name) {
                continue;
            }
            if let Some(package) = linked(root, &workspace, name) {
                found.push(package);
            }
        }
    }
    found.sort_by(|a, b| a.name.cmp(&b.name));
    found
}

/// The package a bare specifier names (`@scope/name/sub` -> `@scope/name`).
pub fn package_name(source: &str) -> &str {
    let mut parts = source.splitn(3, '/');
    match (parts.next(), parts.next()) {
        (Some(scope), Some(name)) if scope.starts_with('@') => {
            &source[..scope.len() + 1 + name.len()]
        }
        (Some(name), _) => name,
        _ => source,
    }
}

/// The module file (relative to the app, under the package's
/// `node_modules` link) that a specifier of one of `packages` (`@acme/ui`,
/// `@acme/ui/card`) leads to: its `exports` entry, else the subpath itself,
/// with the first extension `exists` accepts.
pub fn module_file(
    packages: &[WorkspacePackage],
    source: &str,
    exists: impl Fn(&Path) -> bool,
) -> Option<PathBuf> {
    let name = package_name(source);
    let package = packages.iter().find(|p| p.name == name)?;
    let subpath = format!(".{}", &source[name.len()..]);
    let target = package
        .entries
        .iter()
        .find(|(entry, _)| *entry == subpath)
        .map_or(subpath.as_str(), |(_, target)| target.as_str());
    let base = crate::specifier::normalize(&package.dir.join(target))?;
    crate::specifier::resolve_file_with(&base, exists)
}

/// Where the file `relative` (to the app) really is when it lies under the
/// `node_modules` link of one of `packages`: in the package's folder.
pub fn source_path(packages: &[WorkspacePackage], relative: &Path) -> Option<PathBuf> {
    packages.iter().find_map(|package| {
        let inner = relative.strip_prefix(&package.dir).ok()?;
        Some(package.source_dir.join(inner))
    })
}

/// The nearest folder above `root` that declares a workspace.
fn workspace_root(root: &Path) -> Option<PathBuf> {
    let root = std::fs::canonicalize(root).ok()?;
    root.ancestors()
        .skip(1)
        .take(MAX_WORKSPACE_DEPTH)
        .find(|dir| {
            dir.join("pnpm-workspace.yaml").is_file()
                || PackageJson::read(dir).is_ok_and(|p| p.value.get("workspaces").is_some())
        })
        .map(Path::to_path_buf)
}

/// `node_modules/<name>` when it links to a package folder of the workspace.
fn linked(root: &Path, workspace: &Path, name: &str) -> Option<WorkspacePackage> {
    let dir = Path::new("node_modules").join(name);
    let link = root.join(&dir);
    if !std::fs::symlink_metadata(&link)
        .ok()?
        .file_type()
        .is_symlink()
    {
        return None;
    }
    let source_dir = std::fs::canonicalize(&link).ok()?;
    let inside = source_dir.starts_with(workspace)
        && !source_dir
            .components()
            .any(|c| c.as_os_str() == "node_modules");
    if !inside {
        return None;
    }
    let manifest = PackageJson::read(&source_dir).ok()?;
    Some(WorkspacePackage {
        name: name.to_owned(),
        dir,
        source_dir,
        entries: entries(&manifest.value),
    })
}

/// The package's entry points.
fn entries(manifest: &Value) -> Vec<(String, String)> {
    let mut found = Vec::new();
    match manifest.get("exports") {
        Some(Value::String(target)) => found.push((".".to_owned(), target.clone())),
        Some(Value::Object(map)) if map.keys().any(|k| k.starts_with('.')) => {
            for (subpath, target) in map {
                if let Some(target) = first_target(target) {
                    found.push((subpath.clone(), target.to_owned()));
                }
            }
        }
        Some(conditions @ Value::Object(_)) => {
            if let Some(target) = first_target(conditions) {
                found.push((".".to_owned(), target.to_owned()));
            }
        }
        _ => {}
    }
    if !found.iter().any(|(subpath, _)| subpath == ".") {
        let main = ["source", "module", "main"]
            .iter()
            .find_map(|key| manifest.get(*key).and_then(Value::as_str));
        if let Some(main) = main {
            found.push((".".to_owned(), main.to_owned()));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn follows_links_into_the_workspace_only() {
        let dir = tempfile::tempdir().unwrap();
        let workspace = dir.path();
        std::fs::write(
            workspace.join("package.json"),
            r#"{ "workspaces": ["apps/*", "packages/*"] }"#,
        )
        .unwrap();
        let app = workspace.join("apps/web");
        std::fs::create_dir_all(app.join("node_modules/@acme")).unwrap();
        std::fs::write(
            app.join("package.json"),
            r#"{ "dependencies": { "@acme/ui": "workspace:*", "@acme/outside": "*", "left-pad": "^1" } }"#,
        )
        .unwrap();
        let ui = workspace.join("packages/ui");
        std::fs::create_dir_all(&ui).unwrap();
        std::fs::write(
            ui.join("package.json"),
            r#"{ "name": "@acme/ui", "exports": { ".": { "types": "./dist/index.d.ts", "default": "./src/index.ts" }, "./card": "./src/card.tsx" } }"#,
        )
        .unwrap();
        std::os::unix::fs::symlink(&ui, app.join("node_modules/@acme/ui")).unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        std::fs::write(elsewhere.path().join("package.json"), "{}").unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), app.join("node_modules/@acme/outside"))
            .unwrap();
        std::fs::create_dir_all(app.join("node_modules/left-pad")).unwrap();
        let package = PackageJson::read(&app).unwrap();
        let found = detect(&app, &package);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].name, "@acme/ui");
        assert_eq!(found[0].dir, Path::new("node_modules/@acme/ui"));
        assert_eq!(
            found[0].entries,
            [
                (".".to_owned(), "./src/index.ts".to_owned()),
                ("./card".to_owned(), "./src/card.tsx".to_owned())
            ]
        );
    }
}
