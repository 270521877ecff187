//! The app folder and route convention of React Router 7 (framework mode),
//! Remix 2 and TanStack Start apps.

use std::path::{Path, PathBuf};

use crate::package_json::PackageJson;
use crate::project::{Framework, RouteConvention, RoutesInfo};

/// `react-router.config.*` names, in the order React Router tries them.
const REACT_ROUTER_CONFIGS: [&str; 4] = [
    "react-router.config.ts",
    "react-router.config.js",
    "react-router.config.mts",
    "react-router.config.mjs",
];

/// Detects the routes of a route-module framework (`None` for others).
pub fn detect(root: &Path, framework: Framework, pkg: &PackageJson) -> Option<RoutesInfo> {
    match framework {
        Framework::ReactRouter | Framework::Remix => {
            let app_dir = app_directory(root).unwrap_or_else(|| PathBuf::from("app"));
            let config = ["ts", "js", "mts", "mjs"]
                .iter()
                .map(|ext| app_dir.join(format!("routes.{ext}")))
                .find(|p| root.join(p).is_file());
            let convention = match &config {
                Some(config) => {
                    let text =
                        crate::links::read_inside(root, &root.join(config)).unwrap_or_default();
                    if text.contains("flatRoutes(") {
                        RouteConvention::FlatRoutesConfig
                    } else {
                        RouteConvention::Config
                    }
                }
                None => RouteConvention::FlatFiles,
            };
            let package = if framework == Framework::Remix {
                "@remix-run/react"
            } else {
                "react-router"
            };
            Some(RoutesInfo {
                routes_dir: app_dir.join("routes"),
                app_dir,
                convention,
                config,
                version: version(root, pkg, package),
            })
        }
        Framework::TanstackStart => {
            let app_dir = ["src", "app"]
                .into_iter()
                .map(PathBuf::from)
                .find(|dir| root.join(dir).join("routes").is_dir())
                .unwrap_or_else(|| PathBuf::from("src"));
            Some(RoutesInfo {
                routes_dir: app_dir.join("routes"),
                app_dir,
                convention: RouteConvention::TanstackFiles,
                config: None,
                version: version(root, pkg, "@tanstack/react-start"),
            })
        }
        _ => None,
    }
}

/// `appDirectory: "..."` from `react-router.config.*`, when it is a string
/// literal (the config is not evaluated).
fn app_directory(root: &Path) -> Option<PathBuf> {
    let text = REACT_ROUTER_CONFIGS
        .iter()
        .find_map(|name| crate::links::read_inside(root, &root.join(name)).ok())?;
    let rest = &text[text.find("appDirectory")? + "appDirectory".len()..];
    let rest = rest.trim_start().strip_prefix(':')?.trim_start();
    let quote = rest
        .chars()
        .next()
        .filter(|c| matches!(c, '"' | '\'' | '`'))?;
    let value = &rest[1..];
    let dir = &value[..value.find(quote)?];
    let dir = dir.trim_start_matches("./").trim_end_matches('/');
    (!dir.is_empty() && !dir.contains("..")).then(|| PathBuf::from(dir))
}

/// The version of `package`: installed, else the declared minimum.
fn version(root: &Path, pkg: &PackageJson, package: &str) -> Option<semver::Version> {
    super::installed::version(root, package)
        .and_then(|v| semver::Version::parse(&v).ok())
        .or_else(|| {
            pkg.declared(package)
                .and_then(crate::package_json::minimum_of_range)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, path: &str, text: &str) {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn package_json(root: &Path, deps: &str) -> PackageJson {
        write(
            root,
            "package.json",
            &format!(r#"{{"dependencies": {{{deps}}}}}"#),
        );
        PackageJson::read(root).unwrap()
    }

    #[test]
    fn reads_the_routes_config_and_its_convention() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let pkg = package_json(root, r#""react-router": "^7.9.0""#);
        write(
            root,
            "app/routes.ts",
            "export default [index('routes/home.tsx')] satisfies RouteConfig\n",
        );
        let routes = detect(root, Framework::ReactRouter, &pkg).unwrap();
        assert_eq!(routes.convention, RouteConvention::Config);
        assert_eq!(routes.config, Some(PathBuf::from("app/routes.ts")));
        assert_eq!(routes.routes_dir, PathBuf::from("app/routes"));
        assert_eq!(routes.version.map(|v| v.major), Some(7));

        write(
            root,
            "app/routes.ts",
            "export default flatRoutes() satisfies RouteConfig\n",
        );
        let routes = detect(root, Framework::ReactRouter, &pkg).unwrap();
        assert_eq!(routes.convention, RouteConvention::FlatRoutesConfig);
    }

    #[test]
    fn follows_app_directory_and_falls_back_to_file_routes() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let pkg = package_json(root, r#""@remix-run/react": "^2.17.0""#);
        write(
            root,
            "react-router.config.ts",
            "export default { appDirectory: './source/' } satisfies Config\n",
        );
        let routes = detect(root, Framework::Remix, &pkg).unwrap();
        assert_eq!(routes.app_dir, PathBuf::from("source"));
        assert_eq!(routes.convention, RouteConvention::FlatFiles);
        assert_eq!(routes.version.map(|v| v.major), Some(2));
        assert!(detect(root, Framework::Vite, &pkg).is_none());
    }
}
