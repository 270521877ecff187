//! Remix 2 (on Vite): as React Router 7 (`appDirectory` from the Remix
//! Vite plugin's options), with `@workos-inc/authkit-remix`.

use super::{AuthKitSdk, ClientBoundary, FileRoutes, Profile, RootFiles};
use crate::project::{AuthKit, Framework};

/// Remix 2's profile.
pub static PROFILE: Profile = Profile {
    framework: Framework::Remix,
    packages: &["@remix-run/react", "@remix-run/dev"],
    config_files: &[],
    root: RootFiles::AppModule {
        stem: "root",
        client_entry: "entry.client",
    },
    html_entry: false,
    boundary: ClientBoundary::RouteModules,
    file_routes: Some(FileRoutes::Flat),
    public_env_prefix: "VITE_",
    public_env: "import.meta.env",
    browser_only: false,
    dev_origin: "http://localhost:5173",
    server_suffix: Some(".server"),
    production_server: "`remix-serve`",
    // Its getWorkOS() is the 7.x client it depends on.
    authkit: Some(AuthKitSdk {
        kit: AuthKit::Remix,
        get_workos: true,
    }),
};
