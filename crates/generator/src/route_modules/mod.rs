//! The machinery the route-module setups share (React Router 7 and Remix 2
//! in `setup/react_router.rs`, TanStack Start in `setup/tanstack_start.rs`):
//! apps whose routes are modules under a root module (`app/root.*`,
//! `src/routes/__root.*`). Styles and `<WorkOsWidgets>` go in the root
//! module (`links` arrays in `links.rs`), the token route is a route module
//! of the framework's own server (a resource route's `action`, a TanStack
//! server route), each widget gets a route at `/workos/<id>`, and the
//! routes are listed in the routes config where the app has one
//! (`routes_config.rs`). What differs between the frameworks is a
//! [`Spec`] each setup module supplies.

mod links;
pub(crate) mod routes_config;

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use workos_widgets_core::catalog::Widget;
use workos_widgets_core::framework::{self as profiles, AuthKitSdk};
use workos_widgets_core::project::{Framework as Kind, RouteConvention, RoutesInfo};

use crate::backend::Backend;
use workos_widgets_core::specifier::{self, slash};
use workos_widgets_core::{Project, ProjectError};

use crate::context::{Flavor, TemplateData, WidgetData};
use crate::files::FilePlanner;
use crate::layout::{TOKEN_ENDPOINT, widget_route};
use crate::plan::Component;
use crate::setup::{Cx, Setup};
use crate::{GenerateError, steps, templates};
use workos_widgets_core::edit::transform::{Transform, imports};

/// What one route-module framework's setup supplies to the shared
/// machinery.
pub(crate) struct Spec {
    /// The manifest's `framework` value.
    pub name: &'static str,
    /// The template of the token route module (the adapter around the
    /// shared handler).
    pub token_route: &'static str,
    /// The template of a widget's page.
    pub page: &'static str,
    /// The module route helpers come from when the routes config imports
    /// none.
    pub routes_module: &'static str,
    /// The file stems (in the routes folder `dir`) that would serve the
    /// token path, for an app that routes it already.
    pub token_route_stems: fn(dir: &Path) -> Vec<PathBuf>,
    /// Where a resource route's `ActionFunctionArgs` type comes from.
    pub route_types: &'static str,
    /// Where route components' hooks (`useSubmit`) come from.
    pub route_hooks: &'static str,
    /// The session resolver reading the framework's AuthKit SDK.
    pub authkit_session: &'static str,
    /// Whether the app may run on Cloudflare Workers (its env a binding).
    pub workers: bool,
    /// What the user must know about this app's version of the framework.
    pub warning: fn(routes: &RoutesInfo, cx: &Cx<'_>) -> Option<String>,
    /// Steps before the render steps (for instance a generated route tree).
    pub steps: fn(routes: &RoutesInfo, project: &Project) -> Vec<String>,
}

/// A route-module app and the facts its plan needs.
pub(crate) struct RouteModules {
    kind: Kind,
    spec: &'static Spec,
    /// `app/root.*` or `src/routes/__root.*`.
    root_file: PathBuf,
    routes: RoutesInfo,
    /// Routes planned so far, `(URL path, module file)`, for the routes
    /// config.
    planned: RefCell<Vec<(String, String)>>,
}

impl RouteModules {
    /// Finds the root module and routes of `project`, set up as `spec` says.
    pub fn new(project: &Project, spec: &'static Spec) -> Result<Self, GenerateError> {
        let routes = project
            .routes
            .clone()
            .ok_or_else(|| ProjectError::MissingEntry {
                dir: project.root.clone(),
                looked_for: "the app folder (app/ or src/routes/)".to_owned(),
            })?;
        if let Some(option) = &routes.unresolved {
            return Err(ProjectError::ComputedRoutesOption {
                option: Box::new(option.clone()),
                example: slash(&routes.routes_dir),
            }
            .into());
        }
        let looked_for = project
            .profile()
            .root_stems(None, Some(&routes))
            .iter()
            .map(|stem| format!("{}.(tsx|jsx)", slash(stem)))
            .collect::<Vec<_>>()
            .join(" or ");
        let root_file =
            project
                .entries
                .root_module
                .clone()
                .ok_or_else(|| ProjectError::MissingEntry {
                    dir: project.root.clone(),
                    looked_for,
                })?;
        Ok(Self {
            kind: project.framework,
            spec,
            root_file,
            routes,
            planned: RefCell::default(),
        })
    }

    /// The framework's own AuthKit SDK (from its profile).
    fn authkit(&self) -> Option<AuthKitSdk> {
        profiles::profile(self.kind).authkit
    }

    /// Whether new routes are listed in `app/routes.ts` (else a file is enough).
    fn routes_config(&self) -> Option<&Path> {
        match self.routes.convention {
            RouteConvention::Config => self.routes.config.as_deref(),
            _ => None,
        }
    }

    /// The module route helpers come from when the config imports none.
    fn default_routes_module(&self) -> &'static str {
        self.spec.routes_module
    }

    /// `file` relative to the app directory, as a routes config names it.
    fn config_file_name(&self, file: &str) -> String {
        Path::new(file)
            .strip_prefix(&self.routes.app_dir)
            .map_or_else(|_| file.to_owned(), slash)
    }

    /// A module of the app's own that already serves the token path (not
    /// the tool's `route`): listed for it in the routes config, or a route
    /// file the file convention maps to it.
    fn own_token_route(
        &self,
        project: &Project,
        route: &str,
    ) -> Result<Option<String>, GenerateError> {
        if let Some(config) = self.routes_config() {
            let text = workos_widgets_core::error::read_to_string(&project.path(config))?;
            let allocator = oxc_allocator::Allocator::default();
            let program = workos_widgets_core::js::parse(&allocator, &project.path(config), &text)?;
            let ours = self.config_file_name(route);
            let token = TOKEN_ENDPOINT.trim_start_matches('/');
            return Ok(
                routes_config::RouteHelper::of(&program, self.default_routes_module())
                    .map(|helper| routes_config::listed_routes(&program, &helper))
                    .unwrap_or_default()
                    .into_iter()
                    .find_map(|(path, file)| {
                        (path.as_deref() == Some(token)).then_some(())?;
                        file.filter(|f| *f != ours)
                    })
                    .map(|file| {
                        format!(
                            "{} (listed in {})",
                            slash(&self.routes.app_dir.join(file)),
                            slash(config)
                        )
                    }),
            );
        }
        // The same route id under another extension, or as a folder route.
        let dir = &self.routes.routes_dir;
        let stems = (self.spec.token_route_stems)(dir);
        Ok(stems
            .iter()
            .flat_map(|stem| ["ts", "tsx", "js", "jsx"].map(|ext| format!("{}.{ext}", slash(stem))))
            .find(|file| *file != route && project.path(file).is_file()))
    }

    /// Where `<WorkOsWidgets>` goes and how it shares the app's client:
    /// inside the app's `QueryClientProvider` (in the root module or a
    /// providers file it renders), inside another holder of the client,
    /// around the root's page slot reading TanStack Router's route context
    /// (`Route.useRouteContext()`) or, under TanStack's query integration,
    /// through the generated `WorkOsWidgetsWithAppClient`; else around the
    /// page slot with a client of its own.
    fn root_plan(&self, cx: &Cx<'_>) -> Result<steps::RootPlan, GenerateError> {
        use workos_widgets_core::project::ClientAccess;
        let project = cx.project;
        let app_client = cx.layout.app_client_root();
        let module = |from: &Path| {
            specifier::import_specifier(
                from,
                Path::new(&app_client),
                project.generated_imports.alias.as_ref(),
                "",
            )
        };
        let page_slot = |share| steps::RootPlan {
            file: self.root_file.clone(),
            wrap: steps::Wrap::PageSlot,
            share,
        };
        let providers = &project.providers;
        if let Some(provider) = &providers.query_client_provider {
            return Ok(steps::RootPlan::inside(provider));
        }
        let Some(holder) = &providers.query_client else {
            return Ok(page_slot(steps::Share::Own));
        };
        Ok(match &holder.access {
            ClientAccess::RouteContext { route } => {
                if steps::route_context_binding(project, &self.root_file)?.is_some() {
                    page_slot(steps::Share::RouteContext {
                        route: route.clone(),
                    })
                } else {
                    page_slot(steps::Share::Own)
                }
            }
            ClientAccess::RouterIntegration => page_slot(steps::Share::AppClientComponent {
                module: module(&self.root_file),
            }),
            _ => steps::RootPlan::for_holder(holder, module)
                .unwrap_or_else(|| page_slot(steps::Share::Own)),
        })
    }

    /// Remembers a route for [`Framework::plan_route_list`].
    fn plan_route(&self, path: &str, file: &str) {
        self.planned
            .borrow_mut()
            .push((path.to_owned(), file.to_owned()));
    }
}

/// The framework's own server: the token route is a route module (a
/// resource route's `action`, a TanStack server route), listed in the
/// routes config where the app has one.
impl Backend for RouteModules {
    fn route_file(&self, cx: &Cx<'_>) -> String {
        cx.layout.token_route()
    }

    fn plan_route(
        &self,
        cx: &Cx<'_>,
        data: &TemplateData,
        files: &mut FilePlanner<'_>,
        warnings: &mut Vec<String>,
    ) -> Result<(), GenerateError> {
        let route = self.route_file(cx);
        if let Some(own) = self.own_token_route(cx.project, &route)? {
            warnings.push(format!(
                "{TOKEN_ENDPOINT} is already routed to {own}: the tool wrote no route of its own; that route's action must return `handleWidgetsTokenRequest(request)` from {}",
                cx.layout.token_handler()
            ));
            return Ok(());
        }
        let template = self.spec.token_route;
        files.generated(
            &route,
            templates::render(template, data)?,
            &format!("serve POST {TOKEN_ENDPOINT}"),
            None,
        )?;
        self.plan_route(TOKEN_ENDPOINT, &route);
        Ok(())
    }

    fn unmount(
        &self,
        cx: &Cx<'_>,
        files: &mut FilePlanner<'_>,
    ) -> Result<Option<String>, GenerateError> {
        let Some(config) = self.routes_config() else {
            return Ok(None);
        };
        let route_file = self.config_file_name(&cx.layout.token_route());
        let token = TOKEN_ENDPOINT.trim_start_matches('/');
        let default_module = self.default_routes_module();
        let file = route_file.clone();
        let undo: Vec<Transform<'_>> = vec![Box::new(move |_, p| {
            Ok(routes_config::RouteHelper::of(p, default_module)
                .map(|helper| routes_config::remove_route(p, &helper, token, &file))
                .unwrap_or_default())
        })];
        crate::switch::undo_registration(
            cx,
            files,
            config,
            &undo,
            &route_file,
            "take the token route out of the route list (the token strategy has none)",
        )
    }
}

/// The entries (written by `entry(path, file)`) of `routes` whose file
/// `text` does not name yet.
fn unlisted(
    text: &str,
    routes: &[(String, String)],
    entry: impl Fn(&str, &str) -> String,
) -> Vec<String> {
    routes
        .iter()
        .filter(|(_, file)| !text.contains(file.as_str()))
        .map(|(path, file)| entry(path, file))
        .collect()
}

impl Setup for RouteModules {
    fn own_server(&self) -> Option<&dyn Backend> {
        // SPA mode: no server runs route actions (the Vite dev server's).
        (!self.routes.spa).then_some(self as &dyn Backend)
    }

    fn manifest_keys(&self) -> (&'static str, Vec<(&'static str, &'static str)>) {
        let routes = match self.routes.convention {
            RouteConvention::Config => "config",
            RouteConvention::FlatRoutesConfig => "flat-routes",
            RouteConvention::FlatFiles | RouteConvention::TanstackFiles => "files",
        };
        (self.spec.name, vec![("routes", routes)])
    }

    fn flavor(&self, cx: &Cx<'_>, warnings: &mut Vec<String>) -> Flavor {
        warnings.extend((self.spec.warning)(&self.routes, cx));
        let own = self
            .authkit()
            .filter(|sdk| cx.backend() && cx.project.authkit == Some(sdk.kit));
        Flavor {
            session_sdk: own.map(|sdk| sdk.kit),
            session_sdk_client: own.is_some_and(|sdk| sdk.get_workos),
            root_note: slash(&self.root_file),
            route_types: self.spec.route_types,
            route_hooks: self.spec.route_hooks,
            authkit_session: self.spec.authkit_session,
            worker_env: self.spec.workers
                && cx.project.platform == workos_widgets_core::project::Platform::CloudflareWorkers,
            server_ext: if self.routes.spa {
                crate::backend::vite_dev::server_import_ext(cx.project).to_owned()
            } else {
                String::new()
            },
            ..Flavor::default()
        }
    }

    fn plan_root(
        &self,
        cx: &Cx<'_>,
        data: &TemplateData,
        files: &mut FilePlanner<'_>,
        warnings: &mut Vec<String>,
    ) -> Result<(), GenerateError> {
        let project = cx.project;
        let root_file = &self.root_file;
        let plan = self.root_plan(cx)?;
        let api_options = specifier::import_specifier(
            &plan.file,
            Path::new(&cx.layout.api_options()),
            project.generated_imports.alias.as_ref(),
            "",
        );
        let mut transforms = steps::wrap_root(
            project,
            &plan,
            api_options,
            (files, &cx.layout, data),
            warnings,
        )?;
        let wrap_file = plan.file.clone();
        let root_text =
            workos_widgets_core::links::read_inside(&project.root, &project.path(root_file))?;
        let by_url = links::loads_css_by_url(root_file, &root_text);
        let client_entry = steps::client_entry_with_css(project)?.filter(|_| !by_url);
        let styles_file = client_entry.unwrap_or(root_file);
        let sheets = steps::sheets_to_load(project, styles_file, files)?;
        let styles: Transform<'_> = if by_url {
            let style = &project.code_style;
            let layout = links::ArrayLayout {
                print_width: style.print_width.value,
                trailing_comma: style.trailing_comma.value
                    != workos_widgets_core::code_style::TrailingComma::None,
            };
            Box::new(move |t, p| links::ensure_linked_stylesheets(root_file, t, p, &sheets, layout))
        } else {
            Box::new(move |t, p| imports::ensure_stylesheets(t, p, &sheets))
        };
        if let Some(entry) = client_entry {
            files.edit(
                entry,
                &[styles],
                "import the widget styles before the app's CSS",
            )?;
            let reason = if wrap_file == *root_file {
                "wrap the routes in <WorkOsWidgets>".to_owned()
            } else {
                plan.reason()
            };
            return files.edit(&wrap_file, &transforms, &reason);
        }
        if wrap_file == *root_file {
            transforms.insert(0, styles);
            return files.edit(
                root_file,
                &transforms,
                "import the widget styles and wrap the routes in <WorkOsWidgets>",
            );
        }
        files.edit(root_file, &[styles], "import the widget styles")?;
        files.edit(&wrap_file, &transforms, &plan.reason())
    }

    fn has_pages(&self) -> bool {
        true
    }

    fn plan_pages(
        &self,
        cx: &Cx<'_>,
        data: &mut TemplateData,
        widgets: &[&'static Widget],
        files: &mut FilePlanner<'_>,
    ) -> Result<(), GenerateError> {
        let template = self.spec.page;
        for widget in widgets {
            let Some(page) = cx.layout.widget_page(widget) else {
                continue;
            };
            let import = specifier::import_specifier(
                Path::new(&page),
                Path::new(&cx.layout.widget(widget)),
                cx.project.generated_imports.alias.as_ref(),
                "",
            );
            let view = WidgetData::new(widget, data, Some((widget_route(widget), import)));
            files.generated(
                &page,
                templates::render(template, data.with_widget(view))?,
                &format!("show <{}> at {}", widget.component, widget_route(widget)),
                None,
            )?;
            self.plan_route(&widget_route(widget), &page);
        }
        data.widget = None;
        Ok(())
    }

    fn plan_route_list(
        &self,
        project: &Project,
        files: &mut FilePlanner<'_>,
        warnings: &mut Vec<String>,
    ) -> Result<(), GenerateError> {
        let routes: Vec<(String, String)> = self
            .planned
            .borrow()
            .iter()
            .map(|(path, file)| {
                (
                    path.trim_start_matches('/').to_owned(),
                    self.config_file_name(file),
                )
            })
            .collect();
        if routes.is_empty() {
            return Ok(());
        }
        if let Some(config) = &self.routes.defined_routes {
            // Remix with its file convention off: routes are defined in code.
            let text = workos_widgets_core::error::read_to_string(&project.path(config))?;
            let lines = unlisted(&text, &routes, |path, file| {
                format!("route(\"{path}\", \"{file}\");")
            });
            if !lines.is_empty() {
                warnings.push(format!(
                    "{} turns Remix's file routes off (`ignoredRouteFiles`), so the new route files are not served until they are defined: add {} inside the `defineRoutes((route) => {{ ... }})` callback of its `routes` option",
                    slash(config),
                    lines.join(" ")
                ));
            }
            return Ok(());
        }
        let Some(config) = self.routes_config() else {
            return Ok(());
        };
        let text = workos_widgets_core::error::read_to_string(&project.path(config))?;
        let allocator = oxc_allocator::Allocator::default();
        let program = workos_widgets_core::js::parse(&allocator, &project.path(config), &text)?;
        if !routes_config::has_route_list(&program) {
            // A function builds the list (autoRoutes-like adapters, custom
            // code): the files are written, the entries are for the user.
            let (module, local) =
                routes_config::RouteHelper::of(&program, self.default_routes_module()).map_or_else(
                    || (self.default_routes_module().to_owned(), "route".to_owned()),
                    |h| (h.module, h.local),
                );
            let lines = unlisted(&text, &routes, |path, file| {
                format!("{local}(\"{path}\", \"{file}\"),")
            });
            if !lines.is_empty() {
                warnings.push(format!(
                    "{} builds its route list in code the tool does not edit: add {} to the list it exports (`{local}` is `route` from \"{module}\"); the route files are written",
                    slash(config),
                    lines.join(" ")
                ));
            }
            return Ok(());
        }
        let default_module = self.default_routes_module();
        let transforms: Vec<Transform<'_>> = vec![
            Box::new(move |t, p| {
                let Some(helper) = routes_config::RouteHelper::of(p, default_module) else {
                    return Ok(Vec::new());
                };
                imports::ensure_named_import_as(t, p, "route", &helper.local, &helper.module)
            }),
            Box::new(move |t, p| {
                let Some(helper) = routes_config::RouteHelper::of(p, default_module) else {
                    return Err(workos_widgets_core::edit::EditError::Edit {
                        path: config.to_path_buf(),
                        message:
                            "`route`, `routeEntry` and `workosRoute` are all bound in this file"
                                .to_owned(),
                        hint: "rename one of them, or list the widget routes yourself".to_owned(),
                    });
                };
                Ok(routes_config::add_routes(t, p, &helper, &routes))
            }),
        ];
        files.edit(
            config,
            &transforms,
            "list the token route and the widget pages",
        )
    }

    fn dev_origin(&self) -> &'static str {
        profiles::profile(self.kind).dev_origin
    }

    fn render_steps(&self, cx: &Cx<'_>, components: &[Component], pages: bool) -> Vec<String> {
        let project = cx.project;
        let mut steps = Vec::new();
        let Some(first) = components.first() else {
            return steps;
        };
        steps.extend((self.spec.steps)(&self.routes, project));
        if pages {
            let dev = project.package_manager.name.run_script("dev");
            steps.push(format!(
                "See them: run `{dev}` and open {}/workos/{} (one route per widget under /workos/).",
                self.dev_origin(),
                first.widget
            ));
        }
        let import = first.specifier(project);
        steps.push(format!(
            "Render them in your own routes: import {{ {} }} from '{import}' and render <{} /> (anywhere under {}).",
            first.component_name,
            first.component_name,
            slash(&self.root_file)
        ));
        steps
    }
}

#[cfg(test)]
mod template_tests {
    use std::path::Path;

    use workos_widgets_core::{catalog, js};

    use crate::context::{TemplateData, WidgetData};
    use crate::templates;

    /// Template data for a route-module framework: TypeScript or not, which
    /// framework, with its AuthKit SDK or not.
    fn data(ts: bool, kind: &str, authkit: bool) -> TemplateData {
        let session_sdk = match (authkit, kind) {
            (false, _) => "",
            (true, "remix") => "@workos-inc/authkit-remix",
            (true, "tanstack-start") => "@workos/authkit-tanstack-react-start",
            (true, _) => "@workos-inc/authkit-react-router",
        };
        let client_from_sdk = authkit && kind != "tanstack-start";
        TemplateData {
            ts,
            server_components: false,
            suspense: false,
            process_global: false,
            worker_env: false,
            dev_server: false,
            server_suffix: ".server",
            route_hooks: if kind == "remix" {
                "@remix-run/react"
            } else {
                "react-router"
            },
            session_template: match (authkit, kind) {
                (false, _) => "shared/session",
                (true, "tanstack-start") => "tanstack-start/session",
                (true, _) => "react-router/session",
            },
            app_router: false,
            client_ext: String::new(),
            server_ext: String::new(),
            public_prefix: "VITE_",
            public_env: "import.meta.env",
            production_server: "`react-router-serve`",
            served_by: "app/routes/api.workos.widgets-token.ts".to_owned(),
            root_note: "app/root.tsx".to_owned(),
            handler_import: "~/workos/token-handler.server".to_owned(),
            token_endpoint: crate::layout::TOKEN_ENDPOINT,
            scopes: vec!["widgets:users-table:manage"],
            untyped_scopes: String::new(),
            create_token: true,
            sdk_version: "10.14.0".to_owned(),
            sdk_type: if client_from_sdk {
                "ReturnType<typeof getWorkOS>"
            } else {
                "WorkOS"
            },
            authkit: false,
            authkit_react: false,
            authkit_nextjs: false,
            dev_identity: !authkit,
            routes_config: if kind == "react-router" {
                "app/routes.ts".to_owned()
            } else {
                String::new()
            },
            route_types: if kind == "remix" {
                "@remix-run/node"
            } else {
                "react-router"
            },
            session_sdk,
            session_sdk_client: client_from_sdk,
            authkit_setup: if authkit { "the SDK must run" } else { "" },
            session_path: "app/workos/session.server.ts".to_owned(),
            token_handler_path: "app/workos/token-handler.server.ts".to_owned(),
            widget: None,
        }
    }

    #[test]
    fn every_route_module_template_parses_in_every_flavor() {
        let switcher = catalog::find("organization-switcher").unwrap();
        let profile = catalog::find("user-profile").unwrap();
        for ts in [true, false] {
            for kind in ["react-router", "remix", "tanstack-start"] {
                for (authkit, cloudflare) in [(false, false), (true, false), (false, true)] {
                    if cloudflare && kind != "react-router" {
                        continue;
                    }
                    let flavor =
                        format!("ts={ts} {kind} authkit={authkit} cloudflare={cloudflare}");
                    let mut data = data(ts, kind, authkit);
                    data.worker_env = cloudflare;
                    let (route, page) = if kind == "tanstack-start" {
                        ("tanstack-start/token-route", "tanstack-start/page")
                    } else {
                        ("react-router/token-route", "react-router/page")
                    };
                    let mut files = Vec::new();
                    for name in [data.session_template, "shared/token-handler", route] {
                        files.push((name.to_owned(), templates::render(name, &data).unwrap()));
                    }
                    for widget in [switcher, profile] {
                        let view = WidgetData::new(
                            widget,
                            &data,
                            Some(("/workos/x".to_owned(), "~/workos/X".to_owned())),
                        );
                        let text = templates::render(page, data.with_widget(view)).unwrap();
                        files.push((format!("{page} {}", widget.id), text));
                    }
                    for (name, text) in &files {
                        let path = if ts { "x.tsx" } else { "x.jsx" };
                        js::check_parses(Path::new(path), text)
                            .unwrap_or_else(|e| panic!("{name} ({flavor}): {e}\n{text}"));
                    }
                    let session = &files[0].1;
                    assert_eq!(
                        session.contains("WORKOS_WIDGETS_DEV_USER_ID"),
                        !authkit,
                        "{flavor}: the development identity only without AuthKit\n{session}"
                    );
                    let switcher_page = &files[3].1;
                    assert_eq!(
                        switcher_page.contains("switchSessionOrganization"),
                        authkit,
                        "{flavor}: AuthKit's switchToOrganization on the switcher page\n{switcher_page}"
                    );
                    let handler = &files[1].1;
                    if cloudflare {
                        for (name, text) in &files[..3] {
                            let code = text.lines().filter(|l| {
                                let l = l.trim_start();
                                !l.starts_with("//") && !l.starts_with('*')
                            });
                            assert!(
                                !code.into_iter().any(|l| l.contains("process")),
                                "{flavor}: {name} reads process on Workers\n{text}"
                            );
                        }
                        assert!(files[2].1.contains("context.cloudflare.env"), "{flavor}");
                    }
                    assert_eq!(
                        handler.contains("getWorkOS()"),
                        authkit && kind != "tanstack-start",
                        "{flavor}: the SDK's client where it hands one out\n{handler}"
                    );
                }
            }
        }
    }
}
