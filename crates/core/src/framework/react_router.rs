//! React Router 7 in framework mode: route modules under
//! `<appDirectory>/routes` (`appDirectory` from `react-router.config.*`,
//! default `app`), flat-named route files, `.server` modules kept out of
//! browser bundles, and `@workos-inc/authkit-react-router`.

use super::{AuthKitSdk, ClientBoundary, FileRoutes, Profile, RootFiles};
use crate::project::{AuthKit, Framework};

/// React Router 7's profile.
pub static PROFILE: Profile = Profile {
    framework: Framework::ReactRouter,
    packages: &["@react-router/dev"],
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
    production_server: "`react-router-serve`",
    // Its getWorkOS() is the 7.x client it depends on.
    authkit: Some(AuthKitSdk {
        kit: AuthKit::ReactRouter,
        get_workos: true,
    }),
};
