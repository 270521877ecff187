//! Vite + React (an SPA): everything under `src/` is browser code, the
//! root is rendered from index.html's module script, and a Vite plugin
//! serves the token route in development.

use super::{ClientBoundary, Profile, RootFiles};
use crate::project::Framework;

/// Vite's profile.
pub static PROFILE: Profile = Profile {
    framework: Framework::Vite,
    packages: &["vite"],
    config_files: &crate::catalog::VITE_CONFIG_FILES,
    root: RootFiles::EntryModule,
    html_entry: true,
    boundary: ClientBoundary::SrcFolder,
    file_routes: None,
    public_env_prefix: "VITE_",
    public_env: "import.meta.env",
    browser_only: true,
    dev_origin: "http://localhost:5173",
    server_suffix: None,
    production_server: "`vite preview`",
    authkit: None,
};
