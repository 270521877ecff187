//! The client/server boundary: which modules of an app run in the browser,
//! as its framework bundles them.

use std::path::Path;

use super::ClientBoundary;
use crate::Project;

/// Whether a file name marks a server-only module: `*.server.*` (the
/// route-module frameworks keep those out of browser bundles) and the
/// bundler's own `vite.config.*`.
pub fn is_server_module_name(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.contains(".server.") || n.starts_with("vite.config"))
}

/// Whether a file's code runs in the browser, by its place: a `"use
/// client"` file, any module under `src/` of a Vite or Create React App
/// app (everything there is bundled for the browser), and the plain modules
/// of a React Router, Remix or TanStack Start app folder. Never client:
/// `*.server.*` files and `.server/` folders, route modules and the root
/// module (their `loader`/`action`/server handlers are stripped from the
/// browser build; their top-level code is not checked), and modules
/// defining server functions (`createServerFn`). The verifier then keeps
/// those plain modules client only when browser code reaches them.
pub fn is_client(project: &Project, path: &Path, use_client: bool, text: &str) -> bool {
    if use_client {
        return true;
    }
    if is_server_module_name(path) {
        return false;
    }
    match (project.profile().boundary, &project.routes) {
        (ClientBoundary::SrcFolder, _) => path.starts_with("src"),
        (ClientBoundary::RouteModules, Some(routes)) => {
            path.starts_with(&routes.app_dir)
                && !path.starts_with(&routes.routes_dir)
                && !path.components().any(|c| c.as_os_str() == ".server")
                && project.entries.root_module.as_deref() != Some(path)
                && !text.contains("createServerFn")
                && !text.contains("createServerOnlyFn")
        }
        _ => false,
    }
}

/// Whether `path` is a module the framework mounts as a route: one under
/// the routes folder, or the root module.
pub fn is_route_module(project: &Project, path: &Path) -> bool {
    project
        .routes
        .as_ref()
        .is_some_and(|routes| path.starts_with(&routes.routes_dir))
        || project.entries.root_module.as_deref() == Some(path)
}

/// Whether a file is a React Server Component: a Next.js App Router module
/// under `app/` without `"use client"`.
pub fn is_server_component(project: &Project, path: &Path, use_client: bool) -> bool {
    !use_client
        && project
            .next
            .as_ref()
            .and_then(|n| n.app_dir.as_ref())
            .is_some_and(|app| path.starts_with(app))
}
