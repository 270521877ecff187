//! Reads a project folder into a [`Project`]: package.json once, lockfiles,
//! configs, entry files, and the installed versions in `node_modules`.

mod alias;
mod config_value;
mod entries;
mod framework;
mod import_alias;
pub mod installed;
pub mod module_paths;
pub mod next_middleware;
mod package_manager;
mod package_provider;
mod platform;
pub mod provider_layout;
mod providers;
mod router_context;
mod routes;
pub mod servers;
pub mod sources;
mod vite_resolve;
pub mod widgets_wrapper;
mod workspace;
pub mod workspace_packages;

use std::path::Path;

use crate::ProjectError;
use crate::catalog;
use crate::package_json::PackageJson;
use crate::project::{AuthKit, Language, PackageVersion, Project};

/// Packages whose declared and installed versions the project model records.
pub const TRACKED_PACKAGES: [&str; 12] = [
    "@workos-inc/widgets",
    "@radix-ui/themes",
    "@tanstack/react-query",
    catalog::SDK_PACKAGE,
    "@workos-inc/authkit-react",
    "@workos-inc/authkit-js",
    "@workos-inc/authkit-nextjs",
    "@workos-inc/authkit-react-router",
    "@workos-inc/authkit-remix",
    "@workos/authkit-tanstack-react-start",
    "react-dom",
    "next",
];

/// The folder holding the app's package.json: `dir`, else its nearest
/// ancestor with one (as npm looks upward from a subfolder such as `src/`),
/// without leaving the git repository `dir` is in. `dir` itself when none
/// is found, so the error names the folder the user gave.
fn app_root(dir: &Path) -> std::path::PathBuf {
    for candidate in dir.ancestors() {
        if candidate.join("package.json").is_file() {
            return candidate.to_path_buf();
        }
        if candidate.join(".git").exists() {
            break;
        }
    }
    dir.to_path_buf()
}

/// Detects the project at `dir` (or the nearest folder above it holding a
/// package.json, see [`app_root`]).
pub fn detect(dir: &Path) -> Result<Project, ProjectError> {
    detect_with(dir, &Overrides::default())
}

/// What the command line says where the config cannot be read.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// `--routes-dir`: the folder route modules go in, relative to the app
    /// (for a config that computes it).
    pub routes_dir: Option<std::path::PathBuf>,
}

/// [`detect`], with `overrides` taking the place of what the config computes.
pub fn detect_with(dir: &Path, overrides: &Overrides) -> Result<Project, ProjectError> {
    let given = std::path::absolute(dir).map_err(|e| ProjectError::read(dir, e))?;
    if given.is_file() {
        return Err(ProjectError::PathIsFile { path: given });
    }
    let root = app_root(&given);
    let package_json = PackageJson::read(&root)?;
    let has_react = package_json.declared("react").is_some();
    if !has_react {
        if let Some(choices) = workspace::react_members(&root, &package_json) {
            return Err(ProjectError::WorkspaceRoot { dir: root, choices });
        }
        return Err(ProjectError::NotReact {
            found: framework::other_ui_library(&package_json)
                .map(|found| format!(" (found: {found})"))
                .unwrap_or_default(),
            dir: root,
        });
    }

    let (framework, router, next) = framework::detect(&root, &package_json);
    let routes = routes::detect(
        &root,
        framework,
        &package_json,
        overrides.routes_dir.as_deref(),
    );
    let entries = entries::detect(&root, framework, next.as_ref(), routes.as_ref());
    let language = detect_language(&root, &package_json, entries.main.as_ref());
    let package_manager = package_manager::detect(&root, &package_json);
    let path_alias = alias::detect(&root);
    let mut module_paths = module_paths::detect(&root, &package_json.value);
    let vite = entries
        .vite_config
        .as_deref()
        .and_then(|config| vite_resolve::read(&root, config));
    if let Some(vite) = &vite {
        module_paths.add_aliases(&vite.aliases);
    }
    let generated_imports = import_alias::detect(&import_alias::Inputs {
        root: &root,
        framework,
        language,
        package_json: &package_json,
        path_alias: path_alias.as_ref(),
        vite: vite.as_ref(),
    });
    let workspace_packages = workspace_packages::detect(&root, &package_json);
    let (providers, links_outside) = providers::detect(&providers::Inputs {
        root: &root,
        entries: &entries,
        alias: path_alias.as_ref(),
        paths: &module_paths,
        routes: routes.as_ref(),
        packages: &workspace_packages,
        manifest: &package_json.value,
    })?;
    let authkit = AuthKit::ALL
        .into_iter()
        .find(|kit| package_json.declared(kit.package()).is_some());
    let platform = platform::detect(&root, framework, &package_json);
    let installed = installed::Lookup::new(&root);
    let react = package_version(&installed, &package_json, "react");
    let packages = TRACKED_PACKAGES
        .iter()
        .map(|name| package_version(&installed, &package_json, name))
        .filter(|p| p.declared.is_some() || p.installed.is_some())
        .collect();

    let servers = servers::detect(&root, &package_json);
    let code_style = crate::code_style::CodeStyle::detect(&root);
    Ok(Project {
        code_style,
        name: package_json.name().map(str::to_owned),
        root,
        framework,
        router,
        language,
        package_manager,
        react,
        entries,
        next,
        routes,
        path_alias,
        module_paths,
        workspace_packages,
        generated_imports,
        providers,
        links_outside,
        authkit,
        platform,
        servers,
        packages,
        package_json,
    })
}

fn package_version(
    installed: &installed::Lookup,
    package_json: &PackageJson,
    name: &str,
) -> PackageVersion {
    PackageVersion {
        name: name.to_owned(),
        declared: package_json.declared(name).map(str::to_owned),
        installed: installed.version(name),
    }
}

fn detect_language(
    root: &Path,
    package_json: &PackageJson,
    main: Option<&std::path::PathBuf>,
) -> Language {
    let main_is_ts = main
        .and_then(|p| p.extension())
        .is_some_and(|ext| ext == "ts" || ext == "tsx");
    if main_is_ts
        || root.join("tsconfig.json").is_file()
        || package_json.declared("typescript").is_some()
    {
        Language::TypeScript
    } else {
        Language::JavaScript
    }
}
