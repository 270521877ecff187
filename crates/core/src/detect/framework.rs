//! The framework (its profile decides, see [`crate::framework`]) and the
//! router, recognised by packages and files.

use std::path::Path;

use crate::package_json::PackageJson;
use crate::project::{Framework, NextInfo, Router};

/// Detects framework (asking the profiles, see [`crate::framework`]),
/// router and Next.js specifics.
pub fn detect(root: &Path, pkg: &PackageJson) -> (Framework, Option<Router>, Option<NextInfo>) {
    let has = |name: &str| pkg.declared(name).is_some();
    let framework = crate::framework::detect(root, pkg);
    if framework == Framework::NextJs {
        let major = super::installed::version(root, "next")
            .or_else(|| pkg.declared("next").map(str::to_owned))
            .and_then(|v| major_of(&v));
        let next = crate::framework::next::info(root, major);
        let router = if next.app_dir.is_some() {
            Some(Router::NextAppRouter)
        } else if next.pages_dir.is_some() {
            Some(Router::NextPagesRouter)
        } else {
            None
        };
        return (framework, router, Some(next));
    }
    let router = if has("@tanstack/react-router") {
        Some(Router::TanstackRouter)
    } else if has("react-router") || has("react-router-dom") {
        Some(Router::ReactRouter)
    } else {
        None
    };
    (framework, router, None)
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
