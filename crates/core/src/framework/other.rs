//! Apps `verify` reads but `init` does not set up: Create React App, and
//! React without a recognised build tool.

use super::{ClientBoundary, Profile, RootFiles};
use crate::project::Framework;

/// Create React App: webpack bundles `src/`, `REACT_APP_` variables are
/// public.
pub static CREATE_REACT_APP: Profile = Profile {
    framework: Framework::CreateReactApp,
    packages: &["react-scripts"],
    config_files: &[],
    root: RootFiles::EntryModule,
    html_entry: false,
    boundary: ClientBoundary::SrcFolder,
    file_routes: None,
    public_env_prefix: "REACT_APP_",
    public_env: "process.env",
    browser_only: true,
    dev_origin: "http://localhost:3000",
    server_suffix: None,
    production_server: "the static build",
    authkit: None,
};

/// React without a recognised build tool: nothing is known about it.
pub static UNKNOWN: Profile = Profile {
    framework: Framework::Unknown,
    packages: &[],
    config_files: &[],
    root: RootFiles::EntryModule,
    html_entry: false,
    boundary: ClientBoundary::UseClient,
    file_routes: None,
    public_env_prefix: "",
    public_env: "process.env",
    browser_only: false,
    dev_origin: "http://localhost:5173",
    server_suffix: None,
    production_server: "`vite preview`",
    authkit: None,
};
