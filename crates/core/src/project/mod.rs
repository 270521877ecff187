//! The project model: everything the commands need to know about the target
//! app, read once by [`crate::detect::detect`].

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::ProjectError;
use crate::package_json::PackageJson;
use crate::specifier::PathAlias;

mod providers;

pub use providers::{
    ClientAccess, ProviderLayout, ProviderUse, Providers, QueryClientHolder, SheetVia,
    StylesheetImport, WidgetsWrapper,
};

/// A React app as detected on disk.
#[derive(Debug, Clone, Serialize)]
pub struct Project {
    /// The app's folder (absolute).
    pub root: PathBuf,
    pub name: Option<String>,
    pub framework: Framework,
    pub router: Option<Router>,
    pub language: Language,
    pub package_manager: PackageManagerInfo,
    pub react: PackageVersion,
    /// Entry files, relative to `root`.
    pub entries: Entries,
    /// Next.js facts, for Next.js apps.
    pub next: Option<NextInfo>,
    /// React Router / Remix / TanStack Start: the app folder and how it
    /// declares routes.
    pub routes: Option<RoutesInfo>,
    /// The `compilerOptions.paths` alias of tsconfig/jsconfig (e.g. `@/*`).
    pub path_alias: Option<PathAlias>,
    /// Every mapping from bare specifiers to the app's files, for reading
    /// imports (generated imports use `generated_imports` only).
    pub module_paths: crate::specifier::ModulePaths,
    /// The monorepo packages the app depends on, linked into `node_modules`.
    pub workspace_packages: Vec<crate::detect::workspace_packages::WorkspacePackage>,
    /// The alias generated files import each other through: one the app's
    /// bundler resolves, else none (relative imports), and why.
    pub generated_imports: GeneratedImports,
    /// Providers already in the entry files.
    pub providers: Providers,
    /// Modules the entry files import that a symbolic link leads out of the
    /// project (relative to `root`): never read.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub links_outside: Vec<PathBuf>,
    pub authkit: Option<AuthKit>,
    /// Where the app's server code runs.
    pub platform: Platform,
    /// The servers beside the app (its own package's, the workspace's):
    /// where a token route can be mounted.
    pub servers: Vec<crate::detect::servers::Server>,
    /// The widget packages and `@workos-inc/*` packages: declared ranges and
    /// installed versions.
    pub packages: Vec<PackageVersion>,
    /// Quotes, semicolons, indentation, ... and where each came from.
    pub code_style: crate::code_style::CodeStyle,
    #[serde(skip)]
    pub package_json: PackageJson,
}

impl Project {
    /// The declared/installed record of a package this tool tracks.
    pub fn package(&self, name: &str) -> Option<&PackageVersion> {
        self.packages.iter().find(|p| p.name == name)
    }

    /// The installed version of a tracked package.
    pub fn installed(&self, name: &str) -> Option<&str> {
        self.package(name).and_then(|p| p.installed.as_deref())
    }

    /// An absolute path for a path relative to the project root.
    pub fn path(&self, relative: impl AsRef<Path>) -> PathBuf {
        self.root.join(relative)
    }

    /// Fails unless `init`/`add` can set this kind of app up.
    pub fn ensure_supported(&self) -> Result<(), ProjectError> {
        self.ensure_react_18()?;
        match (self.framework, self.router) {
            (
                Framework::Vite
                | Framework::ReactRouter
                | Framework::Remix
                | Framework::TanstackStart,
                _,
            )
            | (Framework::NextJs, Some(Router::NextAppRouter | Router::NextPagesRouter)) => Ok(()),
            (Framework::NextJs, _) => Err(ProjectError::MissingEntry {
                dir: self.root.clone(),
                looked_for: "a Next.js app/ or pages/ folder (also under src/)".to_owned(),
            }),
            (other, _) => Err(ProjectError::UnsupportedFramework {
                dir: self.root.clone(),
                // "React Router (framework mode)" already names its router.
                framework: match self.router {
                    Some(router) if !other.to_string().contains(&router.to_string()) => {
                        format!("{other} ({router})")
                    }
                    _ => other.to_string(),
                },
                supported: SUPPORTED.to_owned(),
            }),
        }
    }

    /// Widgets need React 18 or later itself: React 17, or `react` aliased
    /// to Preact (`npm:@preact/compat`), would be set up and then fail.
    fn ensure_react_18(&self) -> Result<(), ProjectError> {
        let declared = self.react.declared.as_deref().unwrap_or_default();
        let problem = if let Some(alias) = declared.strip_prefix("npm:") {
            Some(format!("`react` is an alias of {alias}, not React"))
        } else {
            let version = self
                .react
                .installed
                .as_deref()
                .and_then(|v| semver::Version::parse(v).ok())
                .or_else(|| crate::package_json::minimum_of_range(declared));
            version
                .filter(|v| v.major < 18)
                .map(|v| format!("React {v} is installed or declared (`react`: \"{declared}\")"))
        };
        match problem {
            Some(found) => Err(ProjectError::ReactTooOld {
                dir: self.root.clone(),
                found,
            }),
            None => Ok(()),
        }
    }

    /// What the app's framework is: how it is detected, its root files,
    /// its client/server boundary, its route files, its public env prefix,
    /// ... (see [`crate::framework`]).
    pub fn profile(&self) -> &'static crate::framework::Profile {
        crate::framework::profile(self.framework)
    }

    /// Whether the generated files are TypeScript.
    pub fn is_typescript(&self) -> bool {
        self.language == Language::TypeScript
    }
}

/// The frameworks `init` can set up today, for messages.
pub const SUPPORTED: &str = "Vite + React, Next.js (App Router or Pages Router), React Router 7 (framework mode), Remix 2 and TanStack Start, in TypeScript or JavaScript";

/// The alias generated imports are written with, and why (see
/// `detect::import_alias`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GeneratedImports {
    /// `None`: relative specifiers.
    pub alias: Option<PathAlias>,
    pub source: ImportAliasSource,
    /// Why this alias (or none), naming the files that decide it.
    pub reason: String,
}

impl GeneratedImports {
    /// Imports through `alias`.
    pub fn aliased(alias: &PathAlias, source: ImportAliasSource, reason: String) -> Self {
        Self {
            alias: Some(alias.clone()),
            source,
            reason,
        }
    }

    /// Relative imports.
    pub fn relative(reason: &str) -> Self {
        Self {
            alias: None,
            source: ImportAliasSource::Relative,
            reason: reason.to_owned(),
        }
    }
}

/// Where the alias of generated imports is declared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ImportAliasSource {
    /// tsconfig/jsconfig `compilerOptions.paths`.
    TsconfigPaths,
    /// package.json `imports`.
    PackageImports,
    /// Vite's `resolve.alias`.
    ViteAlias,
    /// No alias: relative specifiers.
    Relative,
}

/// The app framework, recognised by its packages and files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Framework {
    Vite,
    NextJs,
    ReactRouter,
    TanstackStart,
    Remix,
    CreateReactApp,
    /// React without a recognised build tool.
    Unknown,
}

impl fmt::Display for Framework {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Framework::Vite => "Vite",
            Framework::NextJs => "Next.js",
            Framework::ReactRouter => "React Router (framework mode)",
            Framework::TanstackStart => "TanStack Start",
            Framework::Remix => "Remix",
            Framework::CreateReactApp => "Create React App",
            Framework::Unknown => "an unrecognised React setup",
        })
    }
}

/// The router in use, when one is recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Router {
    NextAppRouter,
    NextPagesRouter,
    ReactRouter,
    TanstackRouter,
}

impl fmt::Display for Router {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Router::NextAppRouter => "App Router",
            Router::NextPagesRouter => "Pages Router",
            Router::ReactRouter => "React Router",
            Router::TanstackRouter => "TanStack Router",
        })
    }
}

/// TypeScript or JavaScript.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    TypeScript,
    JavaScript,
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Language::TypeScript => "TypeScript",
            Language::JavaScript => "JavaScript",
        })
    }
}

/// A JavaScript package manager.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PackageManager {
    Npm,
    Pnpm,
    Yarn,
    Bun,
}

impl PackageManager {
    /// The executable.
    pub const fn program(self) -> &'static str {
        match self {
            PackageManager::Npm => "npm",
            PackageManager::Pnpm => "pnpm",
            PackageManager::Yarn => "yarn",
            PackageManager::Bun => "bun",
        }
    }

    /// Arguments that add packages to `dependencies`.
    pub fn add_args(self, packages: &[String]) -> Vec<String> {
        let verb = match self {
            PackageManager::Npm => "install",
            _ => "add",
        };
        std::iter::once(verb.to_owned())
            .chain(packages.iter().cloned())
            .collect()
    }

    /// The command that installs what package.json declares.
    pub const fn install_command(self) -> &'static str {
        match self {
            PackageManager::Npm => "npm install",
            PackageManager::Pnpm => "pnpm install",
            PackageManager::Yarn => "yarn install",
            PackageManager::Bun => "bun install",
        }
    }

    /// The command that runs a package.json script.
    pub fn run_script(self, script: &str) -> String {
        match self {
            PackageManager::Npm => format!("npm run {script}"),
            other => format!("{} {script}", other.program()),
        }
    }

    /// Parses a name as given on the command line or in `packageManager`.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "npm" => Some(PackageManager::Npm),
            "pnpm" => Some(PackageManager::Pnpm),
            "yarn" => Some(PackageManager::Yarn),
            "bun" => Some(PackageManager::Bun),
            _ => None,
        }
    }
}

impl fmt::Display for PackageManager {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.program())
    }
}

/// The package manager and what it was recognised by.
#[derive(Debug, Clone, Serialize)]
pub struct PackageManagerInfo {
    pub name: PackageManager,
    /// e.g. `packageManager field`, `pnpm-lock.yaml`, `default`.
    pub source: String,
    /// The workspace root the app belongs to, whose lockfile the install
    /// updates (the app gets none of its own).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workspace_root: Option<PathBuf>,
}

/// A package's declared range and installed version.
#[derive(Debug, Clone, Serialize)]
pub struct PackageVersion {
    pub name: String,
    pub declared: Option<String>,
    pub installed: Option<String>,
}

/// Entry files, relative to the project root.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Entries {
    /// The module script `index.html` loads (Vite).
    pub html_module_script: Option<PathBuf>,
    /// The file that renders the React root (`src/main.*`, `src/index.*`).
    pub main: Option<PathBuf>,
    /// The top-level `App` component.
    pub app: Option<PathBuf>,
    /// `vite.config.*`.
    pub vite_config: Option<PathBuf>,
    /// Next.js: `app/layout.*` or `pages/_app.*`.
    pub next_root: Option<PathBuf>,
    /// React Router / Remix: `app/root.*`; TanStack Start:
    /// `src/routes/__root.*`. The module that renders every route.
    pub root_module: Option<PathBuf>,
    /// React Router / Remix: `app/entry.client.*`, which loads before the
    /// root module (CSS it imports applies first).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry_client: Option<PathBuf>,
}

/// How a React Router, Remix or TanStack Start app declares its routes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RouteConvention {
    /// `app/routes.ts` lists the routes (`route(...)`, `index(...)`).
    Config,
    /// `app/routes.ts` returns `flatRoutes()`: file names under `app/routes/`.
    FlatRoutesConfig,
    /// Remix 2's file routes under `app/routes/` (no routes config).
    FlatFiles,
    /// TanStack Start's file routes under `src/routes/` (`createFileRoute`).
    TanstackFiles,
}

/// The app folder and route convention of a route-module framework.
#[derive(Debug, Clone, Serialize)]
pub struct RoutesInfo {
    /// `app` (React Router's `appDirectory`) or `src` (TanStack Start).
    pub app_dir: PathBuf,
    /// Where route modules live: `app/routes`, `src/routes`.
    pub routes_dir: PathBuf,
    pub convention: RouteConvention,
    /// `app/routes.ts`, when the app has one.
    pub config: Option<PathBuf>,
    /// The framework's version: installed, else the declared minimum.
    pub version: Option<semver::Version>,
    /// SPA mode (`ssr: false` in react-router.config or the Remix plugin's
    /// options): no server runs the app's route modules in production.
    pub spa: bool,
    /// Remix: the file convention is off (`ignoredRouteFiles` matches the
    /// route files) and routes are defined in code, in the `routes` option
    /// of this config file.
    pub defined_routes: Option<PathBuf>,
    /// An option that decides where routes go whose value is computed (then
    /// `routes_dir` is a guess the tool must not act on).
    pub unresolved: Option<UnresolvedOption>,
}

/// A config option whose value only running the config would tell.
#[derive(Debug, Clone, Serialize)]
pub struct UnresolvedOption {
    pub file: PathBuf,
    pub line: usize,
    /// e.g. `appDirectory`, `rootDirectory`, `routesDirectory`.
    pub option: String,
    /// The expression as written.
    pub code: String,
}

/// Next.js specifics.
#[derive(Debug, Clone, Serialize)]
pub struct NextInfo {
    /// The major version declared or installed.
    pub major: Option<u64>,
    /// `app/` or `src/app/`, when present.
    pub app_dir: Option<PathBuf>,
    /// `pages/` or `src/pages/`, when present.
    pub pages_dir: Option<PathBuf>,
    pub config: Option<PathBuf>,
    /// `cacheComponents: true` in the Next config.
    pub cache_components: bool,
}

/// Where the app's server code runs, as far as the generated handler cares
/// (how it gets its environment).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Platform {
    /// Node (or a runtime with `process.env`).
    #[default]
    Node,
    /// Cloudflare Workers (React Router's Workers template): vars and
    /// secrets arrive on the `env` binding, `context.cloudflare.env` in a
    /// route.
    CloudflareWorkers,
}

/// The AuthKit package in use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AuthKit {
    React,
    Js,
    NextJs,
    ReactRouter,
    Remix,
    TanstackStart,
}

impl AuthKit {
    /// The npm package.
    pub const fn package(self) -> &'static str {
        match self {
            AuthKit::React => "@workos-inc/authkit-react",
            AuthKit::Js => "@workos-inc/authkit-js",
            AuthKit::NextJs => "@workos-inc/authkit-nextjs",
            AuthKit::ReactRouter => "@workos-inc/authkit-react-router",
            AuthKit::Remix => "@workos-inc/authkit-remix",
            AuthKit::TanstackStart => "@workos/authkit-tanstack-react-start",
        }
    }

    /// Whether widgets can take tokens straight from the browser SDK's
    /// `getAccessToken` (no backend route needed).
    pub const fn has_browser_tokens(self) -> bool {
        matches!(self, AuthKit::React | AuthKit::Js)
    }

    /// The server call the generated session resolver reads the signed-in
    /// user with (`None`: a browser SDK, which has no server session).
    pub const fn session_call(self) -> Option<&'static str> {
        match self {
            AuthKit::React | AuthKit::Js => None,
            AuthKit::NextJs => Some("withAuth()"),
            AuthKit::ReactRouter | AuthKit::Remix => Some("authkitLoader()"),
            AuthKit::TanstackStart => Some("getAuth()"),
        }
    }

    /// Every AuthKit package, in detection order.
    pub const ALL: [AuthKit; 6] = [
        AuthKit::React,
        AuthKit::Js,
        AuthKit::NextJs,
        AuthKit::ReactRouter,
        AuthKit::Remix,
        AuthKit::TanstackStart,
    ];
}
