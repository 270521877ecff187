//! Where a route-module app's server code runs: React Router on Cloudflare
//! Workers (the Workers template) gets its vars and secrets on the `env`
//! binding, not on `process.env`.

use std::path::Path;

use crate::package_json::PackageJson;
use crate::project::{Framework, Platform};

/// Packages only a Workers app declares.
const WORKERS_PACKAGES: [&str; 2] = ["@cloudflare/vite-plugin", "wrangler"];

/// Files only a Workers app has: the Worker entry and wrangler's config.
const WORKERS_FILES: [&str; 5] = [
    "workers/app.ts",
    "workers/app.js",
    "wrangler.toml",
    "wrangler.json",
    "wrangler.jsonc",
];

/// The platform of a React Router app (`Node` for every other framework:
/// their Workers setups are not generated for).
pub fn detect(root: &Path, framework: Framework, pkg: &PackageJson) -> Platform {
    let workers = framework == Framework::ReactRouter
        && (WORKERS_PACKAGES.iter().any(|p| pkg.declared(p).is_some())
            || WORKERS_FILES.iter().any(|f| root.join(f).is_file()));
    if workers {
        Platform::CloudflareWorkers
    } else {
        Platform::Node
    }
}
