//! Where generated files go, for each framework: the one place that knows
//! the paths (extensions follow the project's language).

use std::path::{Path, PathBuf};

use workos_widgets_core::Project;
use workos_widgets_core::catalog::Widget;
use workos_widgets_core::framework::FileRoutes;
use workos_widgets_core::project::Router;
use workos_widgets_core::specifier::{slash, without_extension};

/// The token route the browser calls.
pub const TOKEN_ENDPOINT: &str = "/api/workos/widgets-token";

/// How the app routes requests, for the token route and the widget pages.
#[derive(Debug, Clone)]
enum Routes {
    /// A Vite plugin serves the token route.
    VitePlugin,
    /// Next.js App Router: the `app/` folder.
    NextApp(PathBuf),
    /// Next.js Pages Router: the `pages/` folder.
    NextPages(PathBuf),
    /// React Router 7 / Remix 2 / TanStack Start: route modules in the
    /// routes folder (`app/routes/`, `src/routes/`), named as the
    /// framework's profile names route files (listed in `app/routes.ts`
    /// too when the app has a routes config).
    Files(PathBuf, FileRoutes),
}

/// Generated paths for one project.
#[derive(Debug, Clone)]
pub struct Layout {
    ts: bool,
    /// Extension of JavaScript files holding JSX (`jsx`, or `js` in Next.js
    /// apps that write JSX in `.js` files).
    js_component_ext: &'static str,
    /// Browser-side modules.
    client_dir: PathBuf,
    /// Server-side modules.
    server_dir: PathBuf,
    /// The suffix of server module names (`.server` in route-module
    /// frameworks, from their profile).
    server_suffix: Option<&'static str>,
    /// React Router / Remix in SPA mode: the Vite plugin serves the token
    /// route (the pages are still route modules).
    spa: bool,
    routes: Routes,
    /// The pathless layout route new pages go under (`_providers`).
    page_parent: Option<String>,
}

impl Layout {
    /// The layout for `project`.
    pub fn new(project: &Project) -> Self {
        let next = project.next.as_ref();
        let routes = match (project.router, next) {
            (Some(Router::NextAppRouter), Some(next)) => next.app_dir.clone().map(Routes::NextApp),
            (Some(Router::NextPagesRouter), Some(next)) => {
                next.pages_dir.clone().map(Routes::NextPages)
            }
            _ => None,
        }
        .or_else(|| {
            let routes = project.routes.as_ref()?;
            let files = project.profile().file_routes?;
            Some(Routes::Files(routes.routes_dir.clone(), files))
        })
        .unwrap_or(Routes::VitePlugin);
        // SPA mode: no server routes; the token route is served as on Vite.
        let spa = project.routes.as_ref().is_some_and(|r| r.spa);
        let (client_dir, server_dir, js_component_ext) = match &routes {
            Routes::VitePlugin => (
                PathBuf::from("src/workos"),
                PathBuf::from("server/workos-widgets"),
                "jsx",
            ),
            Routes::NextApp(dir) | Routes::NextPages(dir) => {
                let base = if dir.starts_with("src") {
                    Path::new("src")
                } else {
                    Path::new("")
                };
                let root_is_jsx = project
                    .entries
                    .next_root
                    .as_ref()
                    .and_then(|p| p.extension())
                    .is_some_and(|ext| ext == "jsx");
                (
                    base.join("workos"),
                    base.join("workos/server"),
                    if root_is_jsx { "jsx" } else { "js" },
                )
            }
            Routes::Files(dir, _) => {
                // `app/routes` -> `app/workos`; server modules are `*.server.*`,
                // which the framework keeps out of browser bundles.
                let base = dir.parent().unwrap_or(Path::new("")).join("workos");
                let server = if spa {
                    PathBuf::from("server/workos-widgets")
                } else {
                    base.clone()
                };
                (base, server, "jsx")
            }
        };
        Self {
            ts: project.is_typescript(),
            js_component_ext,
            client_dir,
            server_dir,
            server_suffix: project.profile().server_suffix.filter(|_| !spa),
            spa,
            routes,
            page_parent: project
                .providers
                .provider_layout
                .as_ref()
                .map(|layout| layout.id.clone()),
        }
    }

    fn file(&self, dir: &Path, stem: &str, component: bool) -> String {
        let ext = match (self.ts, component) {
            (true, true) => "tsx",
            (true, false) => "ts",
            (false, true) => self.js_component_ext,
            (false, false) => "js",
        };
        slash(&dir.join(format!("{stem}.{ext}")))
    }

    /// Parses the public `*_WORKOS_API_BASE_URL` for `WorkOsWidgets`.
    pub fn api_options(&self) -> String {
        self.file(&self.client_dir, "api-options", false)
    }

    /// `<WorkOsWidgets>` reading the app's client with `useQueryClient()`,
    /// for apps whose client only React context holds.
    pub fn app_client_root(&self) -> String {
        self.file(&self.client_dir, APP_CLIENT_ROOT, true)
    }

    /// The browser-side token fetcher.
    pub fn token_client(&self) -> String {
        self.file(&self.client_dir, "widgets-token", false)
    }

    /// AuthKit JS: where the app registers its AuthKit client.
    pub fn authkit_js_token(&self) -> String {
        self.file(&self.client_dir, "authkit-token", false)
    }

    /// One widget's component.
    pub fn widget(&self, widget: &Widget) -> String {
        self.file(&self.client_dir, &widget.generated_component(), true)
    }

    /// A server module's file stem.
    fn server_stem(&self, stem: &str) -> String {
        match self.server_suffix {
            Some(suffix) => format!("{stem}{suffix}"),
            None => stem.to_owned(),
        }
    }

    /// The suffix of server module names (empty: none).
    pub fn server_suffix(&self) -> &'static str {
        self.server_suffix.unwrap_or_default()
    }

    /// The session resolver.
    pub fn session(&self) -> String {
        self.file(&self.server_dir, &self.server_stem("session"), false)
    }

    /// The framework-agnostic token handler.
    pub fn token_handler(&self) -> String {
        self.file(&self.server_dir, &self.server_stem("token-handler"), false)
    }

    /// A server module of its own (a backend's adapter), named `stem`.
    pub fn server_module(&self, stem: &str) -> String {
        self.file(&self.server_dir, &self.server_stem(stem), false)
    }

    /// The Vite plugin serving the token route.
    pub fn vite_plugin(&self) -> String {
        self.file(&self.server_dir, "vite-plugin", false)
    }

    /// The file that serves the token route: the Vite plugin, the Next.js
    /// route handler / API route, or the framework's resource / server route.
    pub fn token_route(&self) -> String {
        if self.spa {
            return self.vite_plugin();
        }
        match &self.routes {
            Routes::VitePlugin => self.vite_plugin(),
            Routes::NextApp(app) => {
                self.file(&app.join("api/workos/widgets-token"), "route", false)
            }
            Routes::NextPages(pages) => {
                self.file(&pages.join("api/workos"), "widgets-token", false)
            }
            Routes::Files(routes, files) => {
                self.route_file(routes, *files, &["api", "workos", "widgets-token"], false)
            }
        }
    }

    /// The page showing one widget at `/workos/<id>` (`None` for Vite).
    pub fn widget_page(&self, widget: &Widget) -> Option<String> {
        match &self.routes {
            Routes::VitePlugin => None,
            Routes::NextApp(app) => {
                Some(self.file(&app.join("workos").join(widget.id), "page", true))
            }
            Routes::NextPages(pages) => Some(self.file(&pages.join("workos"), widget.id, true)),
            Routes::Files(routes, files) => {
                let id: Vec<&str> = self
                    .page_parent
                    .as_deref()
                    .into_iter()
                    .chain(["workos", widget.id])
                    .collect();
                Some(self.route_file(routes, *files, &id, true))
            }
        }
    }

    /// The route module of the route `id` in the routes folder `routes`.
    fn route_file(&self, routes: &Path, files: FileRoutes, id: &[&str], component: bool) -> String {
        let file = routes.join(files.route_file(id));
        let dir = file.parent().unwrap_or(routes);
        let stem = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        self.file(dir, &stem, component)
    }

    /// A path without its extension, for import paths.
    pub fn import_path(path: &str) -> String {
        slash(&without_extension(Path::new(path)))
    }
}

/// The component (and file stem) of [`Layout::app_client_root`].
pub const APP_CLIENT_ROOT: &str = "WorkOsWidgetsWithAppClient";

/// The URL path of a widget's page.
pub fn widget_route(widget: &Widget) -> String {
    format!("/workos/{}", widget.id)
}
