//! TanStack Start: file routes under `<srcDirectory>/routes` (folders and
//! dots nest), the root route `__root`, server functions and `.server`
//! modules kept out of browser bundles, and
//! `@workos/authkit-tanstack-react-start` (which has no `getWorkOS()`).

use super::{AuthKitSdk, ClientBoundary, FileRoutes, Profile, RootFiles};
use crate::project::{AuthKit, Framework};

/// TanStack Start's profile.
pub static PROFILE: Profile = Profile {
    framework: Framework::TanstackStart,
    packages: &["@tanstack/react-start", "@tanstack/start"],
    config_files: &[],
    root: RootFiles::RoutesModule { stem: "__root" },
    html_entry: false,
    boundary: ClientBoundary::RouteModules,
    file_routes: Some(FileRoutes::Folders),
    public_env_prefix: "VITE_",
    public_env: "import.meta.env",
    browser_only: false,
    dev_origin: "http://localhost:3000",
    server_suffix: Some(".server"),
    production_server: "the built server",
    authkit: Some(AuthKitSdk {
        kit: AuthKit::TanstackStart,
        get_workos: false,
    }),
};
