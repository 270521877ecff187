//! The setup of TanStack Start: the root module `src/routes/__root.*`, the
//! token route a server route (`createFileRoute(...)({ server: { handlers
//! } })`, TanStack Start 1.132+), a route module per widget; TanStack
//! Router's plugin writes the route tree. The machinery is the route-module
//! setups' ([`crate::route_modules`]); the templates are in
//! `templates/tanstack-start/`.

use std::path::{Path, PathBuf};

use semver::Version;
use workos_widgets_core::Project;
use workos_widgets_core::project::RoutesInfo;
use workos_widgets_core::specifier::slash;

use crate::GenerateError;
use crate::route_modules::routes_config::ROUTES_PACKAGES;
use crate::route_modules::{RouteModules, Spec};
use crate::setup::Cx;

/// TanStack Start.
static TANSTACK_START: Spec = Spec {
    name: "tanstack-start",
    token_route: "tanstack-start/token-route",
    page: "tanstack-start/page",
    // No routes config: the route files are the routes.
    routes_module: ROUTES_PACKAGES[0],
    route_types: "react-router",
    route_hooks: "react-router",
    authkit_session: "tanstack-start/session",
    workers: false,
    token_route_stems,
    warning,
    steps,
};

/// The setup of `project`.
pub(crate) fn new(project: &Project) -> Result<RouteModules, GenerateError> {
    RouteModules::new(project, &TANSTACK_START)
}

/// The route ids TanStack's file routes map to the token path.
fn token_route_stems(dir: &Path) -> Vec<PathBuf> {
    vec![
        dir.join("api/workos/widgets-token"),
        dir.join("api.workos.widgets-token"),
        dir.join("api/workos/widgets-token/index"),
    ]
}

/// Server routes in `createFileRoute` came with 1.132.
fn warning(routes: &RoutesInfo, cx: &Cx<'_>) -> Option<String> {
    let version = routes
        .version
        .as_ref()
        .filter(|v| **v < Version::new(1, 132, 0))?;
    Some(format!(
        "@tanstack/react-start {version} predates server routes in createFileRoute (`server.handlers`, TanStack Start 1.132): the generated {} needs 1.132 or later; upgrade @tanstack/react-start and @tanstack/react-router, or rewrite it with createServerFileRoute",
        cx.layout.token_route()
    ))
}

/// The route tree the router plugin regenerates.
fn steps(routes: &RoutesInfo, project: &Project) -> Vec<String> {
    vec![format!(
        "Route tree: TanStack Router's plugin lists the new routes in {}/routeTree.gen.ts when `{}` or `{}` runs; until then `tsc` reports them as unknown routes.",
        slash(&routes.app_dir),
        project.package_manager.name.run_script("dev"),
        project.package_manager.name.run_script("build"),
    )]
}
