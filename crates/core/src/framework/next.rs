//! Next.js (App Router or Pages Router): the root is `app/layout.*` or
//! `pages/_app.*` (also under `src/`), only `"use client"` files are client
//! code, `NEXT_PUBLIC_` variables are public, and
//! `@workos-inc/authkit-nextjs` belongs to it.

use std::path::{Path, PathBuf};

use super::{AuthKitSdk, ClientBoundary, Profile, RootFiles};
use crate::project::{AuthKit, Framework, NextInfo};

/// Next.js's profile.
pub static PROFILE: Profile = Profile {
    framework: Framework::NextJs,
    packages: &["next"],
    config_files: &[],
    root: RootFiles::NextRoot,
    html_entry: false,
    boundary: ClientBoundary::UseClient,
    file_routes: None,
    public_env_prefix: "NEXT_PUBLIC_",
    public_env: "process.env",
    browser_only: false,
    dev_origin: "http://localhost:3000",
    server_suffix: None,
    production_server: "`next start`",
    // Its getWorkOS() (authkit-nextjs 2.x and later) is its @workos-inc/node.
    authkit: Some(AuthKitSdk {
        kit: AuthKit::NextJs,
        get_workos: true,
    }),
};

/// Config file names tried for Next.js, in order.
const CONFIGS: [&str; 4] = [
    "next.config.ts",
    "next.config.mjs",
    "next.config.js",
    "next.config.cjs",
];

/// The Next.js facts of the app at `root`: its `app/` and `pages/` folders
/// (also under `src/`), its config and `cacheComponents`, with the `major`
/// version detection found.
pub fn info(root: &Path, major: Option<u64>) -> NextInfo {
    let first_dir = |candidates: [&str; 2]| {
        candidates
            .into_iter()
            .map(PathBuf::from)
            .find(|dir| root.join(dir).is_dir())
    };
    let config = CONFIGS
        .iter()
        .map(PathBuf::from)
        .find(|f| root.join(f).is_file());
    let cache_components = config
        .as_ref()
        .and_then(|f| crate::links::read_inside(root, &root.join(f)).ok())
        .is_some_and(|text| {
            text.lines()
                .map(|line| line.split("//").next().unwrap_or_default())
                .any(|line| line.contains("cacheComponents") && line.contains("true"))
        });
    NextInfo {
        major,
        app_dir: first_dir(["app", "src/app"]),
        pages_dir: first_dir(["pages", "src/pages"]),
        config,
        cache_components,
    }
}
