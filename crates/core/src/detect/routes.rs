//! The app folder and route convention of React Router 7 (framework mode),
//! Remix 2 and TanStack Start apps.

use std::path::{Path, PathBuf};

use oxc_ast::ast::{Argument, CallExpression, Expression, ObjectExpression, Program};

use super::config_value::{self as value, Value};
use crate::js;
use crate::package_json::PackageJson;
use crate::project::{Framework, RouteConvention, RoutesInfo, UnresolvedOption};

/// `react-router.config.*` names, in the order React Router tries them.
const REACT_ROUTER_CONFIGS: [&str; 4] = [
    "react-router.config.ts",
    "react-router.config.js",
    "react-router.config.mts",
    "react-router.config.mjs",
];

/// Where the Remix Vite plugin comes from, and its export.
const REMIX_PLUGIN: (&[&str], &str) = (&["@remix-run/dev"], "vitePlugin");

/// Functions of a routes config that list the files of a folder (the
/// file convention picks up a new route file by itself).
const FILE_ROUTE_FUNCTIONS: [&str; 2] = ["flatRoutes", "autoRoutes"];

/// Route files the tool writes, relative to the routes folder, for
/// Remix's `ignoredRouteFiles`.
const SAMPLE_ROUTE_FILES: [&str; 2] = ["api.workos.widgets-token.ts", "workos.user-profile.tsx"];

/// A config file read once.
struct Source {
    path: PathBuf,
    text: String,
}

impl Source {
    fn read(root: &Path, path: PathBuf) -> Option<Self> {
        let text = crate::links::read_inside(root, &path).ok()?;
        Some(Self { path, text })
    }

    fn first(root: &Path, names: &[&str]) -> Option<Self> {
        names
            .iter()
            .find_map(|name| Self::read(root, PathBuf::from(name)))
    }

    /// Runs `f` on the parsed file (`None` when it does not parse).
    fn with<T>(&self, f: impl FnOnce(&Program<'_>, &str) -> T) -> Option<T> {
        let allocator = oxc_allocator::Allocator::default();
        let program = js::parse(&allocator, &self.path, &self.text).ok()?;
        Some(f(&program, &self.text))
    }
}

/// Options read so far, and the first one that could not be read.
#[derive(Default)]
struct Reading {
    unresolved: Option<UnresolvedOption>,
}

impl Reading {
    /// The folder `value` names (`None` when it is computed: recorded).
    fn folder(&mut self, file: &Path, option: &str, value: Value) -> Option<PathBuf> {
        let computed = |line, code: String| UnresolvedOption {
            file: file.to_path_buf(),
            line,
            option: option.to_owned(),
            code,
        };
        match value {
            Value::Text(text) => {
                let dir = text.trim_start_matches("./").trim_end_matches('/');
                if dir.is_empty() || dir == "." {
                    return Some(PathBuf::new());
                }
                let path = PathBuf::from(dir);
                if path.is_absolute()
                    || path
                        .components()
                        .any(|c| c == std::path::Component::ParentDir)
                {
                    self.unresolved.get_or_insert(computed(0, text));
                    return None;
                }
                Some(path)
            }
            Value::Computed { line, code } => {
                self.unresolved.get_or_insert(computed(line, code));
                None
            }
        }
    }
}

/// Detects the routes of a route-module framework (`None` for others).
/// `routes_dir` is the `--routes-dir` flag: where route modules go, for
/// an app whose config computes it.
pub fn detect(
    root: &Path,
    framework: Framework,
    pkg: &PackageJson,
    routes_dir: Option<&Path>,
) -> Option<RoutesInfo> {
    let mut info = match framework {
        Framework::ReactRouter | Framework::Remix => route_modules(root, framework, pkg),
        Framework::TanstackStart => tanstack(root, pkg),
        _ => return None,
    };
    if let Some(dir) = routes_dir {
        let dir = dir.components().collect::<PathBuf>();
        if info
            .unresolved
            .as_ref()
            .is_some_and(|u| u.option == "appDirectory")
            || framework == Framework::TanstackStart
        {
            info.app_dir = dir.parent().map(Path::to_path_buf).unwrap_or_default();
        }
        info.routes_dir = dir;
        info.unresolved = None;
    }
    Some(info)
}

fn route_modules(root: &Path, framework: Framework, pkg: &PackageJson) -> RoutesInfo {
    let mut reading = Reading::default();
    let mut spa = false;
    let mut app_dir = None;
    let mut defined_routes = None;
    let mut ignores_route_files = false;
    // React Router's own config, else the Remix plugin's options.
    if let Some(config) = Source::first(root, &REACT_ROUTER_CONFIGS) {
        config.with(|program, text| {
            let Some(object) = value::default_export_object(program) else {
                return;
            };
            if let Some(dir) = value::property(object, "appDirectory") {
                app_dir = reading.folder(
                    &config.path,
                    "appDirectory",
                    value::string(program, text, dir),
                );
            }
            spa = value::property(object, "ssr").is_some_and(|v| value::is_false(program, v));
        });
    }
    if framework == Framework::Remix
        && let Some(config) = Source::first(root, &crate::catalog::VITE_CONFIG_FILES)
    {
        config.with(|program, text| {
            let locals = value::imported_as(program, REMIX_PLUGIN.0, REMIX_PLUGIN.1);
            let Some(options) = value::calls_to(program, &locals)
                .into_iter()
                .find_map(|call| value::first_object(program, call))
            else {
                return;
            };
            if let Some(dir) = value::property(options, "appDirectory") {
                app_dir = reading.folder(
                    &config.path,
                    "appDirectory",
                    value::string(program, text, dir),
                );
            }
            spa |= value::property(options, "ssr").is_some_and(|v| value::is_false(program, v));
            ignores_route_files = value::property(options, "ignoredRouteFiles")
                .is_some_and(|v| ignores_every_route_file(program, text, v));
            if ignores_route_files && value::property(options, "routes").is_some() {
                defined_routes = Some(config.path.clone());
            }
        });
    }
    let app_dir = app_dir.unwrap_or_else(|| PathBuf::from("app"));
    let config = ["ts", "js", "mts", "mjs"]
        .iter()
        .map(|ext| app_dir.join(format!("routes.{ext}")))
        .find(|p| root.join(p).is_file());
    let mut routes_dir = app_dir.join("routes");
    let convention = match config.as_ref().and_then(|c| Source::read(root, c.clone())) {
        Some(source) => {
            let table = source.with(route_table).unwrap_or(Table::Listed);
            match table {
                Table::Files(dir) => {
                    if let Some(dir) =
                        dir.and_then(|d| reading.folder(&source.path, "rootDirectory", d))
                    {
                        routes_dir = app_dir.join(dir);
                    }
                    RouteConvention::FlatRoutesConfig
                }
                Table::Listed => RouteConvention::Config,
            }
        }
        None => RouteConvention::FlatFiles,
    };
    if ignores_route_files && defined_routes.is_none() && convention == RouteConvention::FlatFiles {
        defined_routes = Source::first(root, &crate::catalog::VITE_CONFIG_FILES).map(|s| s.path);
    }
    let package = if framework == Framework::Remix {
        "@remix-run/react"
    } else {
        "react-router"
    };
    RoutesInfo {
        routes_dir,
        app_dir,
        convention,
        config,
        version: version(root, pkg, package),
        spa,
        defined_routes,
        unresolved: reading.unresolved,
    }
}

/// How a routes config builds its list.
enum Table {
    /// A folder's file convention (`flatRoutes()`, `autoRoutes()`, alone or
    /// spread into the list): the folder below the app directory, when the
    /// call names one.
    Files(Option<Value>),
    /// Listed entries (or a function the tool does not know).
    Listed,
}

fn route_table(program: &Program<'_>, text: &str) -> Table {
    let Some(exported) = value::default_export(program) else {
        return Table::Listed;
    };
    let names: Vec<String> = FILE_ROUTE_FUNCTIONS
        .iter()
        .map(|n| (*n).to_owned())
        .collect();
    let exported = value::resolve(program, exported);
    let call = value::calls_within(exported, &names)
        .into_iter()
        .next()
        .or_else(|| {
            // `export default routes()`: a local function that may call
            // flatRoutes() itself.
            matches!(exported, Expression::CallExpression(_))
                .then(|| value::calls_to(program, &names).into_iter().next())
                .flatten()
        });
    match call {
        Some(call) => Table::Files(file_route_folder(program, text, call)),
        None => Table::Listed,
    }
}

/// The folder a `flatRoutes(...)`/`autoRoutes(...)` call reads:
/// remix-flat-routes' `flatRoutes("routes", defineRoutes)`, fs-routes'
/// `flatRoutes({ rootDirectory })`, auto-routes' `autoRoutes({ routesDir })`.
fn file_route_folder(
    program: &Program<'_>,
    text: &str,
    call: &CallExpression<'_>,
) -> Option<Value> {
    let first = call.arguments.first()?;
    if let Argument::StringLiteral(s) = first {
        return Some(Value::Text(s.value.to_string()));
    }
    let options = value::first_object(program, call);
    let Some(options) = options else {
        // An options value the tool cannot read.
        return first
            .as_expression()
            .map(|e| value::string(program, text, e))
            .filter(|v| matches!(v, Value::Computed { .. }));
    };
    ["rootDirectory", "routesDir"]
        .iter()
        .find_map(|key| value::property(options, key))
        .map(|dir| value::string(program, text, dir))
}

/// Whether Remix's `ignoredRouteFiles` globs match the route files the
/// tool writes.
fn ignores_every_route_file(program: &Program<'_>, text: &str, globs: &Expression<'_>) -> bool {
    let Expression::ArrayExpression(array) = value::resolve(program, globs) else {
        return false;
    };
    let patterns: Vec<String> = array
        .elements
        .iter()
        .filter_map(|e| match value::string(program, text, e.as_expression()?) {
            Value::Text(t) => Some(t),
            Value::Computed { .. } => None,
        })
        .collect();
    let mut builder = ignore::overrides::OverrideBuilder::new("/");
    for pattern in &patterns {
        if builder.add(pattern).is_err() {
            return false;
        }
    }
    let Ok(overrides) = builder.build() else {
        return false;
    };
    SAMPLE_ROUTE_FILES.iter().all(|file| {
        overrides
            .matched(Path::new("/routes").join(file), false)
            .is_whitelist()
    })
}

fn tanstack(root: &Path, pkg: &PackageJson) -> RoutesInfo {
    let mut reading = Reading::default();
    let mut src_dir = None;
    let mut routes_dir = None;
    if let Some(config) = Source::first(root, &crate::catalog::VITE_CONFIG_FILES) {
        config.with(|program, text| {
            let start = value::imported_as(
                program,
                &[
                    "@tanstack/react-start/plugin/vite",
                    "@tanstack/start/plugin/vite",
                ],
                "tanstackStart",
            );
            let mut router = value::imported_as(
                program,
                &[
                    "@tanstack/router-plugin/vite",
                    "@tanstack/router-vite-plugin",
                ],
                "tanstackRouter",
            );
            router.extend(value::imported_as(
                program,
                &[
                    "@tanstack/router-plugin/vite",
                    "@tanstack/router-vite-plugin",
                ],
                "TanStackRouterVite",
            ));
            let read =
                |reading: &mut Reading, options: &ObjectExpression<'_>, base: Option<&PathBuf>| {
                    let dir = value::property(options, "routesDirectory")?;
                    let dir = reading.folder(
                        &config.path,
                        "routesDirectory",
                        value::string(program, text, dir),
                    )?;
                    Some(base.map_or_else(|| dir.clone(), |b| b.join(&dir)))
                };
            for call in value::calls_to(program, &start) {
                let Some(options) = value::first_object(program, call) else {
                    continue;
                };
                if let Some(dir) = value::property(options, "srcDirectory") {
                    src_dir = reading.folder(
                        &config.path,
                        "srcDirectory",
                        value::string(program, text, dir),
                    );
                }
                let base = src_dir.clone().unwrap_or_else(|| PathBuf::from("src"));
                // 1.132 and later: `router.routesDirectory`, below srcDirectory;
                // before: `tsr.routesDirectory`, below the app.
                if let Some(router) =
                    value::property(options, "router").and_then(|r| value::object(program, r))
                {
                    routes_dir = routes_dir
                        .take()
                        .or_else(|| read(&mut reading, router, Some(&base)));
                }
                if let Some(tsr) =
                    value::property(options, "tsr").and_then(|r| value::object(program, r))
                {
                    routes_dir = routes_dir.take().or_else(|| read(&mut reading, tsr, None));
                }
            }
            for call in value::calls_to(program, &router) {
                if let Some(options) = value::first_object(program, call) {
                    routes_dir = routes_dir
                        .take()
                        .or_else(|| read(&mut reading, options, None));
                }
            }
        });
    }
    if routes_dir.is_none()
        && reading.unresolved.is_none()
        && let Ok(text) = crate::links::read_inside(root, std::path::Path::new("tsr.config.json"))
        && let Ok(json) = serde_json::from_str::<serde_json::Value>(&text)
        && let Some(dir) = json
            .get("routesDirectory")
            .and_then(serde_json::Value::as_str)
    {
        routes_dir = reading.folder(
            Path::new("tsr.config.json"),
            "routesDirectory",
            Value::Text(dir.to_owned()),
        );
    }
    let app_dir = src_dir.clone().unwrap_or_else(|| {
        ["src", "app"]
            .into_iter()
            .map(PathBuf::from)
            .find(|dir| root.join(dir).join("routes").is_dir())
            .unwrap_or_else(|| PathBuf::from("src"))
    });
    RoutesInfo {
        routes_dir: routes_dir.unwrap_or_else(|| app_dir.join("routes")),
        app_dir,
        convention: RouteConvention::TanstackFiles,
        config: None,
        version: version(root, pkg, "@tanstack/react-start"),
        spa: false,
        defined_routes: None,
        unresolved: reading.unresolved,
    }
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
        let routes = detect(root, Framework::ReactRouter, &pkg, None).unwrap();
        assert_eq!(routes.convention, RouteConvention::Config);
        assert_eq!(routes.config, Some(PathBuf::from("app/routes.ts")));
        assert_eq!(routes.routes_dir, PathBuf::from("app/routes"));
        assert_eq!(routes.version.map(|v| v.major), Some(7));

        write(
            root,
            "app/routes.ts",
            "export default flatRoutes() satisfies RouteConfig\n",
        );
        let routes = detect(root, Framework::ReactRouter, &pkg, None).unwrap();
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
        let routes = detect(root, Framework::Remix, &pkg, None).unwrap();
        assert_eq!(routes.app_dir, PathBuf::from("source"));
        assert_eq!(routes.convention, RouteConvention::FlatFiles);
        assert_eq!(routes.version.map(|v| v.major), Some(2));
        assert!(detect(root, Framework::Vite, &pkg, None).is_none());
    }
}
