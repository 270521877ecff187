//! The framework and router, recognised by packages and files.

use std::path::Path;

use crate::package_json::PackageJson;
use crate::project::{Framework, NextInfo, Router};

/// Config file names tried for Next.js, in order.
const NEXT_CONFIGS: [&str; 4] = [
    "next.config.ts",
    "next.config.mjs",
    "next.config.js",
    "next.config.cjs",
];

/// Detects framework, router and Next.js specifics.
pub fn detect(root: &Path, pkg: &PackageJson) -> (Framework, Option<Router>, Option<NextInfo>) {
    let has = |name: &str| pkg.declared(name).is_some();
    if has("next") {
        let next = next_info(root, pkg);
        let router = if next.app_dir.is_some() {
            Some(Router::NextAppRouter)
        } else if next.pages_dir.is_some() {
            Some(Router::NextPagesRouter)
        } else {
            None
        };
        return (Framework::NextJs, router, Some(next));
    }
    let framework = if has("@tanstack/react-start") || has("@tanstack/start") {
        Framework::TanstackStart
    } else if has("@remix-run/react") || has("@remix-run/dev") {
        Framework::Remix
    } else if has("@react-router/dev") {
        Framework::ReactRouter
    } else if has("react-scripts") {
        Framework::CreateReactApp
    } else if has("vite")
        || crate::catalog::VITE_CONFIG_FILES
            .iter()
            .any(|f| root.join(f).is_file())
    {
        Framework::Vite
    } else {
        Framework::Unknown
    };
    let router = if has("@tanstack/react-router") {
        Some(Router::TanstackRouter)
    } else if has("react-router") || has("react-router-dom") {
        Some(Router::ReactRouter)
    } else {
        None
    };
    (framework, router, None)
}

fn next_info(root: &Path, pkg: &PackageJson) -> NextInfo {
    let first_dir = |candidates: [&str; 2]| {
        candidates
            .into_iter()
            .map(std::path::PathBuf::from)
            .find(|dir| root.join(dir).is_dir())
    };
    let config = NEXT_CONFIGS
        .iter()
        .map(std::path::PathBuf::from)
        .find(|f| root.join(f).is_file());
    let cache_components = config
        .as_ref()
        .and_then(|f| crate::links::read_inside(root, &root.join(f)).ok())
        .is_some_and(|text| {
            text.lines()
                .map(|line| line.split("//").next().unwrap_or_default())
                .any(|line| line.contains("cacheComponents") && line.contains("true"))
        });
    let major = super::installed::version(root, "next")
        .or_else(|| pkg.declared("next").map(str::to_owned))
        .and_then(|v| major_of(&v));
    NextInfo {
        major,
        app_dir: first_dir(["app", "src/app"]),
        pages_dir: first_dir(["pages", "src/pages"]),
        config,
        cache_components,
    }
}

/// The major version in a version or range like `^16.4.0` or `16`.
pub fn major_of(version: &str) -> Option<u64> {
    let digits: String = version
        .trim_start_matches(|c: char| !c.is_ascii_digit())
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// Another UI library the project uses, for the "not React" message.
pub fn other_ui_library(pkg: &PackageJson) -> Option<String> {
    [
        "vue",
        "svelte",
        "@angular/core",
        "solid-js",
        "preact",
        "lit",
    ]
    .into_iter()
    .find_map(|name| {
        pkg.declared(name).map(|range| {
            let shown = name
                .trim_start_matches('@')
                .split('/')
                .next()
                .unwrap_or(name);
            format!("{shown} {}", range.trim_start_matches(['^', '~', '=', 'v']))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_major_versions() {
        assert_eq!(major_of("^16.4.0"), Some(16));
        assert_eq!(major_of("15"), Some(15));
        assert_eq!(major_of("latest"), None);
    }
}
