//! What each framework *is*, in one place: a [`Profile`] per framework (one
//! module each), and the registry [`PROFILES`]. Detection, the generator and
//! the checks ask a project's profile ([`crate::Project::profile`]) how the
//! framework is recognised, which files are its root, which code runs in the
//! browser, how route files are named, which env variables reach the
//! browser, where its dev server listens, how server modules are named and
//! which AuthKit SDK belongs to it; none of them re-derives those facts.
//!
//! A new framework is one module here (its `PROFILE`), a [`Framework`]
//! variant and a row in [`PROFILES`].

mod boundary;
mod file_routes;
pub mod next;
mod other;
mod react_router;
mod remix;
mod tanstack_start;
mod vite;

use std::path::{Path, PathBuf};

pub use boundary::{is_client, is_route_module, is_server_component, is_server_module_name};
pub use file_routes::FileRoutes;

use crate::package_json::PackageJson;
use crate::project::{AuthKit, Entries, Framework, NextInfo, RoutesInfo};

/// What one framework is.
#[derive(Debug)]
pub struct Profile {
    pub framework: Framework,
    /// Any of these packages declared means this framework.
    pub packages: &'static [&'static str],
    /// Any of these files at the app root means it (when no package says so).
    pub config_files: &'static [&'static str],
    /// Where the app root is rendered from.
    pub root: RootFiles,
    /// Whether `index.html`'s module script is an entry (Vite).
    pub html_entry: bool,
    /// Which modules run in the browser.
    pub boundary: ClientBoundary,
    /// How route files are named (route-module frameworks).
    pub file_routes: Option<FileRoutes>,
    /// The prefix of the env variables the bundler exposes to the browser
    /// (`VITE_`, `NEXT_PUBLIC_`; empty: none is known).
    pub public_env_prefix: &'static str,
    /// The object browser code reads them from.
    pub public_env: &'static str,
    /// The app has no server of its own (a browser bundle only): the
    /// AuthKit client id must then be a public variable.
    pub browser_only: bool,
    /// Where `dev` serves the app.
    pub dev_origin: &'static str,
    /// The file-name suffix that keeps a module out of browser bundles
    /// (`.server`, as in `session.server.ts`).
    pub server_suffix: Option<&'static str>,
    /// What serves the built app, for messages.
    pub production_server: &'static str,
    /// The framework's own server-side AuthKit SDK.
    pub authkit: Option<AuthKitSdk>,
}

/// A framework's own AuthKit SDK.
#[derive(Debug, Clone, Copy)]
pub struct AuthKitSdk {
    pub kit: AuthKit,
    /// Whether its `getWorkOS()` hands out its own `@workos-inc/node`
    /// client (the token handler can mint with it; the app then needs no
    /// copy of its own).
    pub get_workos: bool,
}

/// Where a framework renders the app root from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RootFiles {
    /// The entry module (`src/main.*`, index.html's module script) and `App`.
    EntryModule,
    /// Next.js: `<app>/layout.*`, `<pages>/_app.*`.
    NextRoot,
    /// A module in the app directory (`appDirectory`, default `app`):
    /// React Router's and Remix's `root`, loaded after `client_entry`.
    AppModule {
        stem: &'static str,
        client_entry: &'static str,
    },
    /// A module in the routes folder: TanStack Start's `__root`.
    RoutesModule { stem: &'static str },
}

/// Which modules of an app run in the browser (besides `"use client"`
/// files, which always do).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientBoundary {
    /// Everything under `src/` is bundled for the browser.
    SrcFolder,
    /// The plain modules of the app folder; route modules, the root module,
    /// `.server` modules and folders, and server-function modules are not.
    RouteModules,
    /// Only `"use client"` files.
    UseClient,
}

/// Every profile, in detection order (the first whose packages or config
/// files the app has wins).
pub static PROFILES: [&Profile; 6] = [
    &next::PROFILE,
    &tanstack_start::PROFILE,
    &remix::PROFILE,
    &react_router::PROFILE,
    &other::CREATE_REACT_APP,
    &vite::PROFILE,
];

/// The profile of `framework`.
pub fn profile(framework: Framework) -> &'static Profile {
    match framework {
        Framework::Vite => &vite::PROFILE,
        Framework::NextJs => &next::PROFILE,
        Framework::ReactRouter => &react_router::PROFILE,
        Framework::TanstackStart => &tanstack_start::PROFILE,
        Framework::Remix => &remix::PROFILE,
        Framework::CreateReactApp => &other::CREATE_REACT_APP,
        Framework::Unknown => &other::UNKNOWN,
    }
}

/// The framework of the app at `root`: the first profile whose packages
/// `pkg` declares or whose config files exist.
pub fn detect(root: &Path, pkg: &PackageJson) -> Framework {
    PROFILES
        .iter()
        .find(|p| {
            p.packages.iter().any(|name| pkg.declared(name).is_some())
                || p.config_files.iter().any(|f| root.join(f).is_file())
        })
        .map_or(Framework::Unknown, |p| p.framework)
}

/// Public env prefixes of frameworks this tool has no profile for
/// (Svelte Kit's and Astro's `PUBLIC_`, Expo's `EXPO_PUBLIC_`): a secret
/// there is as public as in a profiled one.
const OTHER_PUBLIC_PREFIXES: [&str; 2] = ["PUBLIC_", "EXPO_PUBLIC_"];

/// Every env prefix whose variables some bundler ships to the browser.
pub fn public_env_prefixes() -> Vec<&'static str> {
    let mut prefixes: Vec<&'static str> = Vec::new();
    let known = PROFILES.iter().map(|p| p.public_env_prefix);
    for prefix in known.chain(OTHER_PUBLIC_PREFIXES) {
        if !prefix.is_empty() && !prefixes.contains(&prefix) {
            prefixes.push(prefix);
        }
    }
    prefixes
}

/// The AuthKit SDKs whose `getWorkOS()` hands out their own
/// `@workos-inc/node` client.
pub fn authkit_client_sdks() -> Vec<&'static str> {
    PROFILES
        .iter()
        .filter_map(|p| p.authkit)
        .filter(|sdk| sdk.get_workos)
        .map(|sdk| sdk.kit.package())
        .collect()
}

impl Profile {
    /// The file stems (relative to the app, no extension) that may render
    /// the app root, honouring `appDirectory`/`srcDirectory` through
    /// `routes` and the Next.js folders through `next`, in the order a
    /// root is looked for. [`RootFiles::EntryModule`] apps have none: their
    /// root is found from index.html and `src/main.*` (see
    /// `detect::entries`).
    pub fn root_stems(&self, next: Option<&NextInfo>, routes: Option<&RoutesInfo>) -> Vec<PathBuf> {
        match self.root {
            RootFiles::EntryModule => Vec::new(),
            RootFiles::NextRoot => next
                .map(|next| {
                    let layout = next.app_dir.iter().map(|d| d.join("layout"));
                    layout
                        .chain(next.pages_dir.iter().map(|d| d.join("_app")))
                        .collect()
                })
                .unwrap_or_default(),
            RootFiles::AppModule { stem, .. } => {
                let dir = routes.map_or_else(|| PathBuf::from("app"), |r| r.app_dir.clone());
                vec![dir.join(stem)]
            }
            RootFiles::RoutesModule { stem } => match routes {
                Some(routes) => vec![routes.routes_dir.join(stem)],
                None => vec![PathBuf::from("src/routes").join(stem)],
            },
        }
    }

    /// The client entry module's stem (React Router, Remix:
    /// `<app>/entry.client`), which loads before the root module.
    pub fn client_entry_stem(&self, routes: Option<&RoutesInfo>) -> Option<PathBuf> {
        match self.root {
            RootFiles::AppModule { client_entry, .. } => Some(routes?.app_dir.join(client_entry)),
            _ => None,
        }
    }

    /// The file that renders the app root, of those detected: the Next.js
    /// layout or `_app`, the root module, else the entry module.
    pub fn app_root<'e>(&self, entries: &'e Entries) -> Option<&'e Path> {
        match self.root {
            RootFiles::EntryModule => entries.main.as_deref(),
            RootFiles::NextRoot => entries.next_root.as_deref(),
            RootFiles::AppModule { .. } | RootFiles::RoutesModule { .. } => {
                entries.root_module.as_deref()
            }
        }
    }

    /// Whether the app renders route modules (React Router, Remix,
    /// TanStack Start).
    pub fn route_modules(&self) -> bool {
        self.file_routes.is_some()
    }

    /// The variable the AuthKit client id is read from when the app's code
    /// names none: a public one for a browser-only app
    /// (`VITE_WORKOS_CLIENT_ID`), else the server's `WORKOS_CLIENT_ID`.
    pub fn client_id_var(&self) -> String {
        if self.browser_only {
            format!("{}WORKOS_CLIENT_ID", self.public_env_prefix)
        } else {
            "WORKOS_CLIENT_ID".to_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_framework_has_its_own_profile() {
        for framework in [
            Framework::Vite,
            Framework::NextJs,
            Framework::ReactRouter,
            Framework::TanstackStart,
            Framework::Remix,
            Framework::CreateReactApp,
            Framework::Unknown,
        ] {
            assert_eq!(profile(framework).framework, framework);
        }
        for p in PROFILES {
            assert!(std::ptr::eq(profile(p.framework), p), "{:?}", p.framework);
        }
    }

    #[test]
    fn public_prefixes_cover_every_profile_once() {
        assert_eq!(
            public_env_prefixes(),
            [
                "NEXT_PUBLIC_",
                "VITE_",
                "REACT_APP_",
                "PUBLIC_",
                "EXPO_PUBLIC_"
            ]
        );
    }

    #[test]
    fn the_client_sdks_are_those_with_get_workos() {
        assert_eq!(
            authkit_client_sdks(),
            [
                "@workos-inc/authkit-nextjs",
                "@workos-inc/authkit-remix",
                "@workos-inc/authkit-react-router",
            ]
        );
    }

    #[test]
    fn the_root_module_honours_the_app_directory() {
        let routes = RoutesInfo {
            app_dir: PathBuf::from("src"),
            routes_dir: PathBuf::from("src/routes"),
            convention: crate::project::RouteConvention::FlatFiles,
            config: None,
            version: None,
            spa: false,
            defined_routes: None,
            unresolved: None,
        };
        let rr = profile(Framework::ReactRouter);
        assert_eq!(
            rr.root_stems(None, Some(&routes)),
            [PathBuf::from("src/root")]
        );
        assert_eq!(
            rr.client_entry_stem(Some(&routes)),
            Some(PathBuf::from("src/entry.client"))
        );
        assert_eq!(
            profile(Framework::TanstackStart).root_stems(None, Some(&routes)),
            [PathBuf::from("src/routes/__root")]
        );
        assert!(
            profile(Framework::Vite)
                .root_stems(None, Some(&routes))
                .is_empty()
        );
    }

    #[test]
    fn detection_follows_the_registry_order() {
        let dir = tempfile::tempdir().unwrap();
        let write = |deps: &str| {
            std::fs::write(
                dir.path().join("package.json"),
                format!("{{\"dependencies\": {{{deps}}}}}"),
            )
            .unwrap();
            PackageJson::read(dir.path()).unwrap()
        };
        let pkg = write(r#""vite": "6", "@react-router/dev": "7""#);
        assert_eq!(detect(dir.path(), &pkg), Framework::ReactRouter);
        let pkg = write(r#""@remix-run/dev": "2", "@react-router/dev": "7""#);
        assert_eq!(detect(dir.path(), &pkg), Framework::Remix);
        let pkg = write(r#""react": "19""#);
        assert_eq!(detect(dir.path(), &pkg), Framework::Unknown);
        std::fs::write(dir.path().join("vite.config.js"), "").unwrap();
        assert_eq!(detect(dir.path(), &pkg), Framework::Vite);
    }
}
