//! The setup of React Router 7 (framework mode) and Remix 2: the root
//! module `app/root.*`, the token route a resource route (`action`) named
//! as the framework's file routes name it, a route module per widget, both
//! listed in `app/routes.ts` where the app has one. The machinery is the
//! route-module setups' ([`crate::route_modules`]); the templates are in
//! `templates/react-router/`. In SPA mode (`ssr: false`) the Vite dev
//! server hosts the token route.

use std::path::{Path, PathBuf};

use workos_widgets_core::Project;

use crate::GenerateError;
use crate::route_modules::routes_config::ROUTES_PACKAGES;
use crate::route_modules::{RouteModules, Spec};

/// React Router 7 in framework mode.
pub(crate) static REACT_ROUTER: Spec = Spec {
    name: "react-router",
    routes_module: ROUTES_PACKAGES[0],
    route_types: "react-router",
    route_hooks: "react-router",
    workers: true,
    ..REMIX
};

/// Remix 2 (its route helpers are `@remix-run/route-config`'s).
pub(crate) static REMIX: Spec = Spec {
    name: "remix",
    token_route: "react-router/token-route",
    page: "react-router/page",
    routes_module: ROUTES_PACKAGES[1],
    route_types: "@remix-run/node",
    route_hooks: "@remix-run/react",
    authkit_session: "react-router/session",
    workers: false,
    token_route_stems,
    warning: |_, _| None,
    steps: |_, _| Vec::new(),
};

/// The setup of `project` as `spec` (one of the two above).
pub(crate) fn new(project: &Project, spec: &'static Spec) -> Result<RouteModules, GenerateError> {
    RouteModules::new(project, spec)
}

/// Flat route files: `api.workos.widgets-token.*` or its folder route.
fn token_route_stems(dir: &Path) -> Vec<PathBuf> {
    vec![
        dir.join("api.workos.widgets-token"),
        dir.join("api.workos.widgets-token/route"),
    ]
}
