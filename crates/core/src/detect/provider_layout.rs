//! The pathless layout route that holds the app's providers: an app on
//! flat file routes whose root module renders only the document, with the
//! providers in a layout route around `<Outlet />` (`app/routes/
//! _providers.tsx` rendering `<AppProviders><Outlet /></AppProviders>`,
//! `AppProviders` holding `AuthKitProvider` and `QueryClientProvider`).
//! A page outside that layout renders without them (AuthKit React's
//! `useAuth()` throws), so `init` writes its pages under it
//! (`_providers.workos.user-profile.tsx`, still served at
//! `/workos/user-profile`) and treats its providers as the app's.

use std::path::{Path, PathBuf};

use crate::Project;
use crate::framework::FileRoutes;
use crate::project::{Entries, ProviderLayout, Providers, RouteConvention};

use super::providers;

/// The first pathless layout route (by file name) at the top of the
/// routes folder whose tree provides what the root module does not: an
/// `AuthKitProvider` or a `QueryClientProvider`; with those providers.
/// `None` outside flat file routes, or when the root module provides both.
pub fn find(project: &Project) -> Option<(ProviderLayout, Providers)> {
    let routes = project.routes.as_ref()?;
    let flat = matches!(
        routes.convention,
        RouteConvention::FlatFiles | RouteConvention::FlatRoutesConfig
    ) && project.profile().file_routes == Some(FileRoutes::Flat);
    let lacking = |p: &Providers| {
        (project.providers.authkit_provider.is_none() && p.authkit_provider.is_some())
            || (project.providers.query_client_provider.is_none()
                && project.providers.query_client.is_none()
                && p.query_client_provider.is_some())
    };
    if !flat || project.providers.workos_widgets.is_some() {
        return None;
    }
    pathless_layouts(&project.root, &routes.routes_dir)
        .into_iter()
        .find_map(|(file, id)| {
            let entries = Entries {
                app: Some(file.clone()),
                ..Entries::default()
            };
            let (found, _) = providers::detect(&providers::Inputs {
                root: &project.root,
                entries: &entries,
                alias: project.path_alias.as_ref(),
                paths: &project.module_paths,
                routes: project.routes.as_ref(),
                packages: &project.workspace_packages,
                manifest: &project.package_json.value,
            })
            .ok()?;
            lacking(&found).then_some((ProviderLayout { file, id }, found))
        })
}

/// The top-level pathless layout routes of a flat routes folder, sorted:
/// `_name.tsx` or `_name/route.tsx` (not `_index`), with their route ids.
fn pathless_layouts(root: &Path, routes_dir: &Path) -> Vec<(PathBuf, String)> {
    let Ok(entries) = std::fs::read_dir(root.join(routes_dir)) else {
        return Vec::new();
    };
    let mut found: Vec<(PathBuf, String)> = entries
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().to_str()?.to_owned();
            let relative = if entry.file_type().ok()?.is_dir() {
                ["route.tsx", "route.jsx", "route.ts", "route.js"]
                    .into_iter()
                    .map(|file| Path::new(&name).join(file))
                    .find(|file| root.join(routes_dir).join(file).is_file())?
            } else {
                PathBuf::from(&name)
            };
            let id = FileRoutes::Flat.route_id(&relative)?;
            let [segment] = id.as_slice() else {
                return None;
            };
            let pathless = segment.starts_with('_') && segment != "_index";
            let renders = matches!(
                relative.extension().and_then(|e| e.to_str()),
                Some("tsx" | "jsx")
            );
            (pathless && renders).then(|| (routes_dir.join(&relative), segment.clone()))
        })
        .collect();
    found.sort();
    found
}
